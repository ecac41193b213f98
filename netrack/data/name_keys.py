"""Each contact's name as names compare, kept with the name (schema 19: `contact.name_key`,
see migrations/m019): written by every write of a name, read where a question would
otherwise fold every name of a long history."""

from __future__ import annotations

import functools
import operator
from collections.abc import Callable, Collection, Sequence
from typing import Any

from peewee import fn

from netrack.data import tables as t
from netrack.data.repo.base import tuples
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


def holding(groups: Sequence[Sequence[str]]) -> Any:
    """The contacts whose key holds every word of one of `groups`, and those without a
    key (folded as read: see m019): their ids, found by a scan of the keys' index alone
    (an entry is a key and an id, a tenth of a contact row's bytes: on a ten-times
    history ~8 ms where the rows took ~20)."""
    indexed = t.Contact.alias("indexed")
    key = indexed.name_key
    held = key.is_null()
    for words in groups:
        held = held | functools.reduce(operator.and_, (key.contains(w) for w in words))
    return t.Contact.id.in_(indexed.select(indexed.id).where(held))


def among(folded: Collection[str]) -> Any:
    """The contacts whose key is one of `folded`, and those without a key."""
    return t.Contact.name_key.in_(list(folded)) | t.Contact.name_key.is_null()


def shared(fold: Callable[[str], str]) -> set[str] | None:
    """The folded names two contacts or more may have: the keys another contact has
    too, counted in the index, and the names without a key, folded (`fold`) as read.
    None where the models keep no key (a file of an older schema, in the tests)."""
    if not keyed():
        return None
    key = t.Contact.name_key
    twice = t.Contact.select(key).where(key.is_null(False)).group_by(key)
    found = {str(k) for (k,) in tuples(twice.having(fn.COUNT(t.Contact.id) > 1))}
    unkeyed = t.Contact.select(t.Contact.name).where(key.is_null())
    found.update(fold(name) for (name,) in tuples(unkeyed))
    return found
