"""Periods: ISO weeks (or weeks starting on another day), months, and their labels.

Weeks are computed in Python, never with strftime('%W'), which splits the New Year week.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from netrack.domain.errors import InputError

_WEEK_LABEL = re.compile(r"^(\d{4})-?W(\d{1,2})$", re.IGNORECASE)

# The years a scorecard may show. A card reads a year and more before its period (its
# trend) and a week may end in the next year; these bounds keep that inside the calendar
# Python can count, with room to spare, and include every search a person runs.
CARD_YEARS = (1900, 9998)


def check_card_day(day: date) -> date:
    """`day`, if a scorecard can be computed for the period holding it; else InputError."""
    first, last = CARD_YEARS
    if not first <= day.year <= last:
        raise InputError(
            f"{day.isoformat()} is outside the years a scorecard covers ({first} to {last})"
        )
    return day


@dataclass(frozen=True, slots=True)
class Period:
    """A span of days (a week, a month to date, a day) with its label."""

    start: date
    end: date
    label: str

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def as_dict(self) -> dict[str, str]:
        return {"start": self.start.isoformat(), "end": self.end.isoformat(), "label": self.label}


def week_of(day: date, week_start: int = 0) -> Period:
    """The week containing `day`; `week_start` 0 is Monday (ISO), 6 is Sunday."""
    start = day - timedelta(days=(day.weekday() - week_start) % 7)
    end = start + timedelta(days=6)
    # Label by the ISO week holding most of these days (its Thursday for ISO weeks).
    year, week, _ = (start + timedelta(days=3)).isocalendar()
    return Period(start, end, f"{year}-W{week:02d}")


def parse_week(label: str, week_start: int = 0) -> Period:
    """`2026-W47` → that ISO week (shifted to the configured first day)."""
    match = _WEEK_LABEL.match(label.strip())
    if not match:
        raise InputError(f"invalid week {label!r} (expected like 2026-W47)")
    year, week = int(match.group(1)), int(match.group(2))
    check_card_day(date(max(year, 1), 1, 1))
    try:
        monday = date.fromisocalendar(year, week, 1)
    except ValueError:
        raise InputError(f"invalid week {label!r}: {year} has no week {week}") from None
    return week_of(monday + timedelta(days=3), week_start)


def shift_weeks(period: Period, weeks: int, week_start: int = 0) -> Period:
    return week_of(period.start + timedelta(weeks=weeks), week_start)


def month_to_date(day: date) -> Period:
    """The calendar month containing `day`, from its first day up to `day`."""
    start = day.replace(day=1)
    return Period(start, day, f"{day.year}-{day.month:02d}")


def trailing_weeks(period: Period, count: int, week_start: int = 0) -> list[Period]:
    """The `count` weeks ending with `period`'s week, oldest first."""
    return [shift_weeks(period, -offset, week_start) for offset in range(count - 1, -1, -1)]
