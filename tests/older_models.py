"""Writing a database as a netrack of an older schema wrote it, through today's models."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

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


class _NoEnd:
    """`Goal.until` before schema 17: a goal read has none, and in the repository's
    queries every goal has no end (`is_null` holds; no end is on or after any day)."""

    def __get__(self, instance: object, owner: type) -> _NoEnd | None:
        return self if instance is None else None

    def is_null(self, is_null: bool = True) -> SQL:
        return SQL("1 = 1" if is_null else "1 = 0")

    def __ge__(self, other: object) -> SQL:
        return SQL("1 = 0")

    __le__ = __ge__


@contextmanager
def before_schema_17() -> Iterator[None]:
    """Within the block goals have no `until`, as before schema 17
    (migrations/m017_goal_until.py), as `before_schema_16` does for its column."""
    field = t.Goal._meta.fields["until"]
    t.Goal._meta.remove_field("until")
    t.Goal.until = _NoEnd()  # type: ignore[assignment]
    try:
        yield
    finally:
        t.Goal._meta.add_field("until", field)
