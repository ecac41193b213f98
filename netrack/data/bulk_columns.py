"""What `bulk` reads and writes of a contact, and how it compares their values."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

from netrack.data.keys import identity, profile_of, profiles
from netrack.domain.records import Person, has_name


def remembered(fold: Callable[[str], str], memo: dict[str, str]) -> Callable[[str], str]:
    """`fold`, remembered in `memo` for one import: a network repeats first and last
    names, and folding accented ones is the slow part of matching."""

    def folded(name: str) -> str:
        key = memo.get(name)
        if key is None:
            key = memo[name] = fold(name)
        return key

    return folded


CONTACT_COLUMNS = (
    "id",
    "name",
    "organization_id",
    "title",
    "function",
    "industry",
    "location",
    "email",
    "phone",
    "url",
    "channel",
    "met_on",
    "introduced_by_id",
    "strength",
    "notes",
    "archived",
    "uid",  # schema 13: the file's (netrack's own export), else a new one at `flush`
)
# Filled on a match when blank in netrack; never overwritten.
FILLABLE = (
    "organization_id",
    "title",
    "function",
    "industry",
    "location",
    "email",
    "phone",
    "url",
    "channel",
    "strength",
    "notes",
)


# What a matching record may say otherwise than netrack, and the summary tells: its
# email, phone, URL and notes go into the notes when they differ (`records.kept_aside`),
# and the channel is the importer's own default ("linkedin"), not the file's word.
# The cadence comes only in netrack's own export (`People.merge` passes it then).
COMPARED = ("title", "function", "industry", "location", "strength", "keep_in_touch")


def plain(value: Any) -> str:
    """A value as two spellings of it compare: case and spacing aside."""
    return " ".join(str(value).split()).casefold() if value not in (None, "") else ""


def _named(urls: set[str]) -> set[str]:
    """LinkedIn profile URLs (identity keys) as `profile_of` names them (a shared
    link's `?utm…` and language suffix left out)."""
    return {found for key in urls if (found := profile_of(key.removeprefix("url:")))}


class Keys(NamedTuple):
    """What a record's (or a contact's) emails, URLs and phones say about who it is,
    worked out once (`of`): an import of 30,000 connections worked each out two or
    three times a record, in the first pass, the match and the indexing."""

    every: set[str]  # `identity`: the email, URL and phone keys
    profiles: set[str]  # the LinkedIn profile URLs among them (`profiles`)
    linked: set[str]  # those profiles as `profile_of` names them

    @classmethod
    def of(cls, every: set[str]) -> Keys:
        mine = profiles(every)
        return cls(every, mine, _named(mine))


class KeysRead:
    """Each record's identity keys, worked out by the import's first pass
    (`People.read_ahead`) and taken by its match (`People.merge`): by the record's id,
    beside the record itself (its id is no other's while it is held). The profiles
    among them are picked when taken: kept from the first pass, they held three sets a
    record at once, and a larger file's import grew slower than its size."""

    def __init__(self) -> None:
        self._read: dict[int, tuple[Person, set[str]]] = {}

    def keep(self, person: Person) -> set[str]:
        every = identity(person.emails, person.urls, person.phones)
        self._read[id(person)] = (person, every)
        return every

    def take(self, person: Person) -> Keys | None:
        """The keys of `person` (worked out here for a record the first pass did not
        read); None for a record without a name, which nothing matches."""
        read = self._read.pop(id(person), None)
        if read is not None and read[0] is person:
            return Keys.of(read[1])  # the first pass keeps only the records with a name
        if not has_name(person.name):
            return None
        return Keys.of(identity(person.emails, person.urls, person.phones))
