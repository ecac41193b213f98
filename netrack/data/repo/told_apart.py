"""How a log names the people it was given: a contact who shares a name with another,
archived or not, is shown with its organization ("Ana López (Acme)"), in the preview,
the confirmation and the follow-ups it closes, not as the other one's twin."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace
from itertools import chain

from netrack.domain.entries import FollowUp
from netrack.domain.errors import NetrackError
from netrack.domain.resolve import Fold, Item, label


# What a quick-log line's references resolved to against one list of names held by the
# caller: ("contact" or "campaign", the text, whether bare) → id. The bar keeps one per
# list of names: the preview resolved an @name once, and each key after it, and the
# write, find it here rather than among every name again (tens of milliseconds each on
# 50,000 names). Whether a contact shares its name with another (archived too) is kept:
# ("namesake", the id, False) → 1 or 0; where a contact stands in the list (`held_items`):
# ("at", the id, False) → its index, or -1 where it is not in the list.
class Resolved(dict[tuple[str, str, bool], int]):
    """That memo, and `refused`: what a reference met instead of an answer, by the same
    key. An @name many contacts fit (`@kofi` on a long history) was resolved again, and
    refused again, on every key typed after it: 60-140 ms a key on 50,000 names."""

    def __init__(self) -> None:
        super().__init__()
        self.refused: dict[tuple[str, str, bool], NetrackError] = {}


def held_items(
    people: Sequence[Item[int]], ids: Iterable[int], memo: Resolved | None = None
) -> dict[int, Item[int]]:
    """id → the item of `people` of each of `ids` that is there. Where each stands is
    kept in `memo` (one per list of names: see `Resolved`), so that only the first look
    for a contact goes through the list: 50,000 names on a long history, where the
    quick-log bar looked its people up on every key and twice more in its write (~2 ms
    each, a tenth of the write's time)."""
    found: dict[int, Item[int]] = {}
    missing: set[int] = set()
    for i in ids:
        at = None if memo is None else memo.get(("at", str(i), False))
        if at == -1:
            continue  # not in this list
        if at is not None and at < len(people) and people[at][0] == i:
            found[i] = people[at]
        else:
            missing.add(i)  # not looked for yet, or the list is another
    if missing:
        places = {i: -1 for i in missing}  # -1: not in the list
        for at, item in enumerate(people):
            if item[0] in places:
                found[item[0]] = item
                places[item[0]] = at
        if memo is not None:
            memo.update({("at", str(i), False): at for i, at in places.items()})
    return found


def told_apart(
    ids: Iterable[int],
    memo: Resolved,
    people: Sequence[Item[int]],
    fold: Fold,
    archived: Sequence[Item[int]] = (),
) -> set[int]:
    """Those of `ids` (contacts of `people` a log names) who share their name with
    another contact, active or `archived`: the confirmation names them "Name (Org)"
    (`contacts.told_apart_among`), and so does the preview, however they were typed. An
    archived Sam Lee left `@"Sam Lee (Globex)"` shown as "Sam Lee", the only one among
    the active. A "(" of their own ("Dr. Who (BBC)") tells them apart from nobody: "()"
    was shown after them."""
    named = set(ids)
    missing = [i for i in named if ("namesake", str(i), False) not in memo]
    if missing:  # every name folded, once for these names held (`fold` remembers them)
        theirs = {i: fold(item[1], False) for i, item in held_items(people, missing, memo).items()}
        wanted = set(theirs.values())
        shared = Counter(
            folded for item in chain(people, archived) if (folded := fold(item[1], False)) in wanted
        )
        for i in missing:
            memo[("namesake", str(i), False)] = int(shared[theirs.get(i, "")] > 1)
    return {i for i in named if memo[("namesake", str(i), False)]}


def names_shown(
    people: Sequence[Item[int]], wanted: set[int], told: set[int], memo: Resolved | None = None
) -> dict[int, str]:
    """id → how to show each of `wanted`: "Name (Org)" for those `told` apart, and
    "Name ()" for one without an organization (as candidate lists name it: its bare
    name is the one shared). `memo`: see `held_items`."""
    return {
        i: (label(item[1], item[2]) if item[2] else f"{item[1]} ()")
        if i in told and len(item) > 2
        else item[1]
        for i, item in held_items(people, wanted, memo).items()
    }


def closes_shown(
    closes: Iterable[FollowUp], names: dict[int, str], told: set[int]
) -> tuple[FollowUp, ...]:
    """`closes` with the contacts told apart named as the log names them."""
    if not told:
        return tuple(closes)
    return tuple(
        replace(
            f,
            contact_names=tuple(
                names.get(i, n) if i in told else n
                for i, n in zip(f.contact_ids, f.contact_names, strict=False)
            ),
        )
        for f in closes
    )
