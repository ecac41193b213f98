"""Names that archived contacts would be taken for: they left name resolution (SPEC),
but a name that fits one of them better than anyone active is refused, never taken to
mean the weaker match (`contacts.refuse_outmatched`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from netrack.domain.name_folding import fold_name
from netrack.domain.resolve import BY_ID, Fold, Item, _best, _twin

T = TypeVar("T")


def rivals(
    query: str,
    items: Sequence[Item[T]],
    others: Sequence[Item[T]],
    dashes_are_spaces: bool = False,
    fold: Fold = fold_name,
) -> tuple[list[Item[T]], list[Item[T]]]:
    """(theirs, ours): the `others` that `query` matches in a stronger tier than any of
    `items`, and the `items` it matches best, in whichever tier (none when no item
    matches); ([], []) when no item of `others` matches so well. `others` are the items
    a name may not reach (archived contacts; active ones for `unarchive`): they left
    resolution, but a name that fits one of them better is refused, never taken to mean
    a weaker match ("ana" for Hiroshi Tanaka once Ana López is archived). `id:N` and a
    twin's label name their item exactly: no rival."""
    if BY_ID.match(query) or _twin(query, items, dashes_are_spaces, fold) is not None:
        return [], []
    theirs = _best(query, others, dashes_are_spaces, fold)
    if not theirs:  # the common case, and cheap: `others` is the short list
        return [], []
    ours = _best(query, items, dashes_are_spaces, fold)
    # Each list's best against each other: the tiers of both lists at once.
    both = _best(query, [*ours, *theirs], dashes_are_spaces, fold)
    outside = {item[0] for item in theirs}
    # In the same tier as one of `items`, none of theirs is a rival: they left name
    # resolution (SPEC), and the deciding tier is the one their absence leaves, as
    # archiving Ana López is meant to let `ana` name Ana Pérez again.
    if any(item[0] not in outside for item in both):
        return [], []
    return list(both), ours
