"""The contacts a name that matches nobody was probably meant for: `@anna` for Ana López.

A name that resolves to nobody is most often a typo or a spelling of someone already
there; "no contact matches 'anna'" alone left the user to guess which. Names are
compared as resolution compares them (`name_folding.fold_name`), then by difflib's ratio: one
word against each word of a name (`@lopes` finds López), more against the whole name
(`@"ana lopes"` finds Ana López).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from difflib import SequenceMatcher
from typing import TypeVar

# (key, name) or, for contacts, (key, name, organization), as `resolve.Item`.
Near = TypeVar("Near", bound=tuple[object, str] | tuple[object, str, str])

SHOWN = 3  # near names a refusal offers: a hint, not a list to read
# difflib's ratio a name's word (or the whole name) reaches with the text: `anna`/`ana`
# and `jon`/`john` (0.86), `lopes`/`lopez` (0.8), `jhon`/`john` (0.75) pass; `zed`/`zoe`
# (0.67, difflib's own cut-off of 0.6 took it) does not.
CUTOFF = 0.75


def near_items(
    query: str,
    items: Sequence[Near],
    dashes_are_spaces: bool,
    fold: Callable[[str, bool], str],
    ends: bool = False,
) -> list[Near]:
    """Up to SHOWN of `items` whose names are closest to `query`, best first
    (`resolve.unmatched` words them so that each, typed back, names the one it offers).
    Cheap on 50,000 names, since the quick-log bar asks it on every key of a name that
    matches nobody: only names with a word that starts with the text's first letter are
    compared at all, each word once. `ends`: a text of several words is compared with
    each end of a name from one of its words on (`name_ends`) instead of the whole name
    only: a campaign is named "Org Title", and its title alone with a typo ("staff data
    enginer", 0.63 against "northwind analytics staff data engineer") had no answer."""
    needle = fold(query, dashes_are_spaces)
    if not needle or needle.startswith("id:"):  # an id is exact: nothing is near it
        return []
    first = needle[0]
    matcher = SequenceMatcher(autojunk=False)
    matcher.set_seq2(needle)  # the side difflib prepares once

    def ratio(text: str) -> float:
        matcher.set_seq1(text)
        if matcher.real_quick_ratio() < CUTOFF or matcher.quick_ratio() < CUTOFF:
            return 0.0
        return matcher.ratio()

    # One word is compared with each word of a name, each word once (names share first
    # names and surnames); more ("ana lopes") with whole names, or their ends.
    words: dict[str, float] = {}
    whole = " " in needle
    if whole and ends:
        # Each end once, however many names end so (one title at many organizations).
        closest: dict[int, tuple[float, str]] = {}
        by_end = _ends_by_first_letter(items, dashes_are_spaces, fold).get(first, {})
        for part, places in by_end.items():
            score = ratio(part)
            if score >= CUTOFF:
                for at, hay in places:
                    if score > closest.get(at, (0.0, ""))[0]:
                        closest[at] = score, hay
        chosen = sorted((-score, hay, at) for at, (score, hay) in closest.items())
        return [items[at] for _, _, at in chosen[:SHOWN]]
    scored: list[tuple[float, str, int]] = []
    for at, hay in _by_first_letter(items, dashes_are_spaces, fold).get(first, ()):
        best = 0.0
        if whole:
            best = ratio(hay) if hay.startswith(first) else 0.0
        else:
            for word in hay.split(" "):
                if word.startswith(first):
                    if word not in words:
                        words[word] = ratio(word)
                    best = max(best, words[word])
        if best >= CUTOFF:
            scored.append((-best, hay, at))
    return [items[at] for _, _, at in sorted(scored)[:SHOWN]]


def name_ends(name: str, letter: str) -> list[str]:
    """The ends of the folded `name` from each of its words that begins with `letter`,
    the whole name first: "acme acme eng", "a" → "acme acme eng", "acme eng"."""
    ends = [name] if name.startswith(letter) else []
    at = name.find(f" {letter}")
    while at >= 0:
        ends.append(name[at + 1 :])
        at = name.find(f" {letter}", at + 1)
    return ends


def same_named(
    name: str, items: Sequence[Near], dashes_are_spaces: bool, fold: Callable[[str, bool], str]
) -> list[Near]:
    """The `items` whose name is `name`, as resolution compares names: what a near name
    offered by itself, typed back, would match. Among the names under its first letter
    only, already read for `near_items`: a pass over 50,000 names for each name offered
    took ~15 ms, on every key of a name that matches nobody."""
    needle = fold(name, dashes_are_spaces)
    if not needle:
        return []
    index = _by_first_letter(items, dashes_are_spaces, fold)
    return [items[at] for at, hay in index.get(needle[0], ()) if hay == needle]


# The last lists of names looked through, by the first letter of each of their words:
# the quick-log bar asks on every key of a name that matches nobody, with the same lists
# (contacts and campaigns, read once when it opens), and a pass over 50,000 names took
# ~40 ms a key.
_KEPT = 4
_kept: list[tuple[Sequence[object], int, bool, object, dict[str, list[tuple[int, str]]]]] = []


def _by_first_letter(
    items: Sequence[Near],
    dashes_are_spaces: bool,
    fold: Callable[[str, bool], str],
) -> dict[str, list[tuple[int, str]]]:
    """(position, folded name) of each of `items` under the first letter of each word of
    its name; remembered for the same list (the same object, as long) and fold."""
    for kept, count, dashes, folded_by, index in _kept:
        same = kept is items and count == len(items) and folded_by is fold
        if same and dashes == dashes_are_spaces:
            return index
    index = {}
    for at, item in enumerate(items):
        hay = fold(item[1], dashes_are_spaces)
        for letter in {word[0] for word in hay.split(" ") if word}:
            index.setdefault(letter, []).append((at, hay))
    _kept.insert(0, (items, len(items), dashes_are_spaces, fold, index))
    del _kept[_KEPT:]
    return index


_kept_ends: list[tuple[Sequence[object], int, bool, object, dict[str, Ends]]] = []
Ends = dict[str, list[tuple[int, str]]]  # an end of names → (position, folded name) of each


def _ends_by_first_letter(
    items: Sequence[Near],
    dashes_are_spaces: bool,
    fold: Callable[[str, bool], str],
) -> dict[str, Ends]:
    """Each end of `items`' names (`name_ends`) under its first letter, with the names
    that end so; remembered as `_by_first_letter` is. Campaigns at many organizations
    share a few titles: compared once each, a typo's every key over 50,000 campaigns
    stays as cheap as with whole names only (~13 ms), where each name's ends compared
    in turn took ~80 ms. Built once a list (~0.3 s at 50,000 names, on the first typo
    only; the quick-log bar keeps its list while it is open)."""
    for kept, count, dashes, folded_by, known in _kept_ends:
        same = kept is items and count == len(items) and folded_by is fold
        if same and dashes == dashes_are_spaces:
            return known
    index: dict[str, Ends] = {}
    for letter, named in _by_first_letter(items, dashes_are_spaces, fold).items():
        by_end = index[letter] = {}
        for at, hay in named:
            for end in name_ends(hay, letter):
                by_end.setdefault(end, []).append((at, hay))
    _kept_ends.insert(0, (items, len(items), dashes_are_spaces, fold, index))
    del _kept_ends[_KEPT:]
    return index
