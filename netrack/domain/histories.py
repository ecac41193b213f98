"""Dated value histories: (from this day, value) pairs, oldest first, as a contact's
strengths and a campaign's stages are kept. Apart from `facts` so that what reads one
on the log path (`cadence`, through merges) does not load the scorecard's records."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence
from datetime import date
from typing import TypeVar

T = TypeVar("T")


def value_on(history: Iterable[tuple[date, T]], day: date) -> T | None:
    """The value of a (from this day, value) history, oldest first, at the end of `day`:
    that of its last entry dated on or before it; None before the first."""
    found: T | None = None
    for on, value in history:
        if on > day:
            break
        found = value
    return found


def one_change_a_day(days: Sequence[date]) -> list[int]:
    """The positions of `days` (a history's, as a file gives them) to keep so that the
    kept ones are strictly increasing, one change a day, oldest first, dropping the
    fewest. Of two changes on one day the later is kept: the day's last, the one in
    force at its end as `value_on` reads a history stored in that order. Among ways that
    keep as many, each step takes the latest position it can, for the same reason."""
    # From the right: the longest run of increasing days each position starts. `tails`
    # holds, per run length - 1, the latest first day of such a run (negated ordinals,
    # so that a longer run is an increasing key and bisect finds the length).
    runs = [0] * len(days)
    tails: list[int] = []
    for at in range(len(days) - 1, -1, -1):
        key = -days[at].toordinal()
        length = bisect_left(tails, key)
        if length == len(tails):
            tails.append(key)
        else:
            tails[length] = key
        runs[at] = length + 1
    starting: dict[int, list[int]] = {}
    for at, length in enumerate(runs):
        starting.setdefault(length, []).append(at)
    kept: list[int] = []
    for length in range(len(tails), 0, -1):
        group = starting[length]
        # Positions starting runs as long have days that never rise along the group (an
        # earlier, older one would start a longer run): those after the last kept day
        # are a prefix of it, and its last one lies after the last kept position.
        if kept:
            after = days[kept[-1]]
            group = group[: bisect_left(group, True, key=lambda at: days[at] <= after)]
        kept.append(group[-1])
    return kept
