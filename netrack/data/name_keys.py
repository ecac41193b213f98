"""Each contact's name as names compare, kept with the name (schema 19: `contact.name_key`,
see migrations/m019): written by every write of a name, read where a question would
otherwise fold every name of a long history."""

from __future__ import annotations

from typing import Any

from netrack.data import tables as t
from netrack.domain.name_folding import kept_fold


def keyed() -> bool:
    """Whether the models write the key: a netrack of an older schema (the tests of
    upgrades write such files through these models, the column taken off) writes none."""
    return "name_key" in t.Contact._meta.fields


def keep_key(contact_id: int, name: str) -> None:
    """Write the key of the name `contact_id` was just given. After the name, never in
    the same UPDATE: a name changed while its key stays (a change of case or accent
    keeps the key) loses it to the trigger that keeps other programs' renames honest."""
    if keyed():
        t.Contact.update(name_key=kept_fold(name)).where(t.Contact.id == contact_id).execute()


def key_column(columns: tuple[str, ...]) -> tuple[str, ...]:
    """`columns` of a contact INSERT, with the key's when the models write it."""
    return (*columns, "name_key") if keyed() else columns


def with_key(row: tuple[Any, ...], name: str) -> tuple[Any, ...]:
    """A contact row's values for `key_column`'s columns."""
    return (*row, kept_fold(name)) if keyed() else row
