"""Writing a database as a netrack of an older schema wrote it, through today's models."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Any

from peewee import SQL

from netrack.data import tables as t


@contextmanager
def before_schema_13() -> Iterator[None]:
    """Within the block the models have no `uid` on organizations, contacts and
    campaigns, as before schema 13 (migrations/m013_named_uids.py): a test that writes
    a file of an older schema through the repository (its `STEPS` cut short) writes
    the columns that file has."""
    removed = []
    for model in (t.Organization, t.Contact, t.Campaign):
        removed.append((model, model._meta.fields["uid"]))
        model._meta.remove_field("uid")
    try:
        with before_schema_19():  # a contact's key, which every write of a name makes
            yield
    finally:
        for model, field in removed:
            model._meta.add_field("uid", field)


# What undoes schema 16 in a file (its `logged_on` on time entries and referrals): the
# SQL a test runs to make a file of an older schema from a current one.
UNDO_SCHEMA_16 = "".join(
    f'DROP INDEX "{table}_logged_on"; ALTER TABLE "{table}" DROP COLUMN "logged_on"; '
    for table in ("time_entry", "referral")
)


@contextmanager
def before_schema_16() -> Iterator[None]:
    """Within the block time entries and referrals have no `logged_on`, as before schema
    16 (migrations/m016_logged_on_time_referrals.py), for a test that writes or exports
    a file of an older schema through the repository (as `before_schema_13`)."""
    removed = []
    for model in (t.Referral, t.TimeEntry):
        removed.append((model, model._meta.fields["logged_on"]))
        model._meta.remove_field("logged_on")
        # A plain attribute for the field's accessor, which `remove_field` leaves: the
        # repository's `logged_on=` then stays off the INSERT, and a row reads None.
        model.logged_on = None  # type: ignore[assignment]
    try:
        yield
    finally:
        for model, field in removed:
            model._meta.add_field("logged_on", field)


# What undoes schema 17 in a file (a goal's `until`), as UNDO_SCHEMA_16.
UNDO_SCHEMA_17 = 'ALTER TABLE "goal" DROP COLUMN "until"; '
# What undoes schema 18 in a file (the namesake lookups' indexes).
UNDO_SCHEMA_18 = 'DROP INDEX "contact_name_lower"; DROP INDEX "contact_name_beyond_ascii"; '


class _Absent:
    """A column a file of an older schema lacks, as the repository's queries meet it:
    every row's value is NULL (`is_null` holds), and a row read has None."""

    def __get__(self, instance: object, owner: type) -> _Absent | None:
        return self if instance is None else None

    def is_null(self, is_null: bool = True) -> SQL:
        return SQL("1 = 1" if is_null else "1 = 0")


class _NoEnd(_Absent):
    """`Goal.until` before schema 17: every goal has no end (no end is on or after any
    day)."""

    def __ge__(self, other: object) -> SQL:
        return SQL("1 = 0")

    __le__ = __ge__


@contextmanager
def _without(model: Any, name: str, absent: _Absent) -> Iterator[None]:
    """Within the block `model` has no field `name`; its queries meet `absent` instead."""
    field = model._meta.fields[name]
    model._meta.remove_field(name)
    setattr(model, name, absent)
    try:
        yield
    finally:
        model._meta.add_field(name, field)


def before_schema_17() -> AbstractContextManager[None]:
    """Within the block goals have no `until`, as before schema 17
    (migrations/m017_goal_until.py), as `before_schema_16` does for its column."""
    return _without(t.Goal, "until", _NoEnd())


# What undoes schema 19 in a file (a contact's folded name, its index and trigger).
UNDO_SCHEMA_19 = (
    'DROP TRIGGER "contact_name_key_stale"; DROP INDEX "contact_name_key"; '
    'ALTER TABLE "contact" DROP COLUMN "name_key"; '
)


class _NoKey(_Absent):
    """`Contact.name_key` before schema 19: no contact has a key (no key holds a word or
    is among keys), so every name is folded as read."""

    def contains(self, word: str) -> SQL:
        return SQL("1 = 0")

    def in_(self, keys: object) -> SQL:
        return SQL("1 = 0")


def before_schema_19() -> AbstractContextManager[None]:
    """Within the block contacts have no `name_key`, as before schema 19
    (migrations/m019_contact_name_keys.py): the writes make none (`name_keys.keyed`)."""
    return _without(t.Contact, "name_key", _NoKey())
