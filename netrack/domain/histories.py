"""Dated value histories: (from this day, value) pairs, oldest first, as a contact's
strengths and a campaign's stages are kept. Apart from `facts` so that what reads one
on the log path (`cadence`, through merges) does not load the scorecard's records."""

from __future__ import annotations

from collections.abc import Iterable
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
