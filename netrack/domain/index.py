"""The dated facts of one `ScorecardInputs`, each sorted by date once, so a period's rows
are found by bisection instead of a scan: a card reads ~25 periods over thousands of rows."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from datetime import date
from operator import attrgetter
from typing import Generic, TypeVar

from netrack.domain.facts import (
    ContactFacts,
    FollowUpFacts,
    InteractionFacts,
    ReferralFacts,
    ScorecardInputs,
    TimeFacts,
    TrendDay,
)

T = TypeVar("T")


class ByDate(Generic[T]):
    """Rows sorted by their date. Rows come back in their original order, so every sum
    is taken in the same order as a plain scan would."""

    __slots__ = ("by_row", "days", "items", "order")

    def __init__(
        self, items: Sequence[T], day: Callable[[T], date], like: ByDate[T] | None = None
    ) -> None:
        self.items = items
        self.order: list[int]
        self.days: list[date]
        # Each row's date read once, and the sort keyed by a list lookup: no Python-level
        # call per comparison key (a log rebuilds the index of ~25,000 facts).
        self.by_row = days = list(map(day, items))
        if like is not None and like.by_row == days:  # the same dates row for row
            self.order, self.days = like.order, like.days
        elif like is not None and days[:-1] == like.by_row:  # one row added at the end
            # A stable sort puts it after every row of its date: where bisect_right does.
            at = bisect_right(like.days, days[-1])
            self.order = [*like.order[:at], len(days) - 1, *like.order[at:]]
            self.days = [*like.days[:at], days[-1], *like.days[at:]]
        else:
            self.order = sorted(range(len(items)), key=days.__getitem__)
            self.days = [days[i] for i in self.order]

    def within(self, start: date, end: date) -> list[T]:
        low, high = bisect_left(self.days, start), bisect_right(self.days, end)
        items = self.items
        return [items[i] for i in sorted(self.order[low:high])]

    def until(self, end: date) -> list[T]:
        return self.within(date.min, end)


class Index:
    """The dated facts of one `ScorecardInputs`, each sorted by date."""

    __slots__ = (
        "contacts",
        "follow_ups",
        "inputs",
        "interactions",
        "referrals",
        "time",
        "trend_days",
    )

    def __init__(self, inputs: ScorecardInputs, like: Index | None = None) -> None:
        """`like`: the index of other facts, most of whose rows these share in the same
        places (the facts before a log): its order is taken where the dates match."""
        self.inputs = inputs
        self.interactions: ByDate[InteractionFacts] = ByDate(
            inputs.interactions, _on, like.interactions if like else None
        )
        self.contacts: ByDate[ContactFacts] = ByDate(
            inputs.contacts, _met_on, like.contacts if like else None
        )
        self.follow_ups: ByDate[FollowUpFacts] = ByDate(
            inputs.follow_ups, _due, like.follow_ups if like else None
        )
        self.referrals: ByDate[ReferralFacts] = ByDate(
            inputs.referrals, _on, like.referrals if like else None
        )
        self.time: ByDate[TimeFacts] = ByDate(inputs.time_entries, _on, like.time if like else None)
        self.trend_days: ByDate[TrendDay] = ByDate(
            inputs.trend_days, _on, like.trend_days if like else None
        )


# attrgetter, not a function: read in C for every row.
_on = attrgetter("on")
_met_on = attrgetter("met_on")
_due = attrgetter("due")


_last_index: Index | None = None


def index(inputs: ScorecardInputs, like: Index | None = None) -> Index:
    """The index of `inputs`, built once for the last inputs seen (a card and the helpers
    it calls share one); a plain swap of one reference, so threads cannot corrupt it.
    `like`: the index of the facts these were brought up to date from (after a log),
    else the last one built, whose order is taken where the rows match."""
    global _last_index
    found = _last_index
    if found is None or found.inputs is not inputs:
        found = _last_index = Index(inputs, like=like or found)
    return found
