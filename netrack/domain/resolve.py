"""Name resolution shared by every command and the quick-log bar.

Three tiers, case-insensitive, the first tier with any match deciding: the exact name;
names that start with the text or have a word starting with it; names containing it.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

from netrack.domain.errors import ResolveError

T = TypeVar("T")

# How names are folded: `fold_name`, or the same answers remembered by a caller that
# resolves against one list of names again and again (the repository keeps one for the
# quick-log bar: folding 5,000 accented names takes tens of milliseconds). The domain
# itself remembers nothing between calls.
Fold = Callable[[str, bool], str]


def fold_name(text: str, dashes_are_spaces: bool) -> str:
    """Case- and accent-insensitive: `@zoe` finds "Zoë", `@lopez` finds "López" (people
    type names on keyboards without their accents)."""
    if not text.isascii():
        text = "".join(
            ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch)
        )
    folded = " ".join(text.casefold().split())
    if dashes_are_spaces:
        folded = folded.replace("-", " ").replace("_", " ")
    return folded


def fold(text: str) -> str:
    """The form names are compared in: case-, accent- and spacing-insensitive."""
    return fold_name(text, dashes_are_spaces=False)


def _tier(needle: str, hay: str) -> int | None:
    if hay == needle:
        return 1
    if hay.startswith(needle) or (" " not in needle and f" {needle}" in f" {hay}"):
        return 2  # the name, or one of its words, starts with the text
    if needle in hay:
        return 3
    return None


def matches(
    query: str, name: str, dashes_are_spaces: bool = False, fold: Fold = fold_name
) -> int | None:
    """The tier (1–3) at which `name` matches `query`, or None."""
    needle = fold(query, dashes_are_spaces)
    return _tier(needle, fold(name, dashes_are_spaces)) if needle else None


def candidates(
    query: str,
    items: Iterable[tuple[T, str]],
    dashes_are_spaces: bool = False,
    fold: Fold = fold_name,
) -> list[tuple[T, str]]:
    """All items in the deciding tier, in the order given."""
    needle = fold(query, dashes_are_spaces)
    if not needle:
        return []
    # One pass, the query folded once: this runs on every quick log against every name.
    tiers: dict[int, list[tuple[T, str]]] = {1: [], 2: [], 3: []}
    for key, name in items:
        tier = _tier(needle, fold(name, dashes_are_spaces))
        if tier is not None:
            tiers[tier].append((key, name))
    for tier in (1, 2, 3):
        if tiers[tier]:
            return tiers[tier]
    return []


def resolve(
    query: str,
    items: Sequence[tuple[T, str]],
    what: str = "contact",
    dashes_are_spaces: bool = False,
    fold: Fold = fold_name,
) -> T:
    """The one item `query` names; ResolveError listing the candidates otherwise."""
    found = candidates(query, items, dashes_are_spaces, fold)
    if len(found) == 1:
        return found[0][0]
    if not found and dashes_are_spaces:
        # A bare quick-log name: "jean-luc" may also mean a real hyphen.
        found = candidates(query, items, dashes_are_spaces=False, fold=fold)
        if len(found) == 1:
            return found[0][0]
    if not found:
        raise ResolveError(f"no {what} matches {query!r}")
    names = tuple(name for _, name in found)
    shown = ", ".join(names[:8]) + (f" (+{len(names) - 8} more)" if len(names) > 8 else "")
    raise ResolveError(f"{what} {query!r} is ambiguous: {shown}", names)
