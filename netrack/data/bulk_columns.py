"""What `bulk` reads and writes of a contact, and how it compares their values."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from netrack.data.keys import profile_of, profiles


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
COMPARED = ("title", "function", "industry", "location", "strength")


def plain(value: Any) -> str:
    """A value as two spellings of it compare: case and spacing aside."""
    return " ".join(str(value).split()).casefold() if value not in (None, "") else ""


def profile_keys(keys: set[str]) -> set[str]:
    """The LinkedIn profiles among identity keys, as `profile_of` names them (a shared
    link's `?utm…` and language suffix left out)."""
    return {found for key in profiles(keys) if (found := profile_of(key.removeprefix("url:")))}
