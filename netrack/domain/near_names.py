"""The contacts a name that matches nobody was probably meant for: `@anna` for Ana López.

A name that resolves to nobody is most often a typo or a spelling of someone already
there; "no contact matches 'anna'" alone left the user to guess which. Names are
compared as resolution compares them (`name_folding.fold_name`), then by difflib's ratio: one
word against each word of a name (`@lopes` finds López), more against the whole name
(`@"ana lopes"` finds Ana López).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from difflib import SequenceMatcher

SHOWN = 3  # near names a refusal offers: a hint, not a list to read
# difflib's ratio a name's word (or the whole name) reaches with the text: `anna`/`ana`
# and `jon`/`john` (0.86), `lopes`/`lopez` (0.8), `jhon`/`john` (0.75) pass; `zed`/`zoe`
# (0.67, difflib's own cut-off of 0.6 took it) does not.
CUTOFF = 0.75


def near_names(
    query: str,
    items: Sequence[tuple[object, str] | tuple[object, str, str]],
    dashes_are_spaces: bool,
    fold: Callable[[str, bool], str],
) -> list[str]:
    """Up to SHOWN names of `items` (key, name[, organization]) closest to `query`,
    best first; "Name (Org)" for namesakes among them. Cheap on 50,000 names, since
    the quick-log bar asks it on every key of a name that matches nobody: only names
    with a word that starts with the text's first letter are compared at all, each
    word once."""
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
    # names and surnames); more ("ana lopes") with whole names.
    words: dict[str, float] = {}
    whole = " " in needle
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
    chosen = [items[at] for _, _, at in sorted(scored)[:SHOWN]]
    # Two "Ana López" offered are told apart by their organization, as ambiguities are.
    counts = Counter(fold(item[1], False) for item in chosen)
    shown = [
        f"{item[1]} ({item[2]})"  # as `resolve.label` names them (imported, a cycle)
        if counts[fold(item[1], False)] > 1 and len(item) > 2 and item[2]  # type: ignore[misc]
        else item[1]
        for item in chosen
    ]
    return list(dict.fromkeys(shown))  # twins (one name, one organization) offered once


# The last lists of names looked through, by the first letter of each of their words:
# the quick-log bar asks on every key of a name that matches nobody, with the same lists
# (contacts and campaigns, read once when it opens), and a pass over 50,000 names took
# ~40 ms a key.
_KEPT = 4
_kept: list[tuple[Sequence[object], int, bool, object, dict[str, list[tuple[int, str]]]]] = []


def _by_first_letter(
    items: Sequence[tuple[object, str] | tuple[object, str, str]],
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
