"""Periods: ISO weeks (or weeks starting on another day), months, and their labels.

Weeks are computed in Python, never with strftime('%W'), which splits the New Year week.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from netrack.domain.errors import InputError

_WEEK_LABEL = re.compile(r"^(\d{4})-?W(\d{1,2})$", re.IGNORECASE | re.ASCII)
_MONTH_LABEL = re.compile(r"^(\d{4})-(\d{1,2})$", re.ASCII)

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
    first, last = CARD_YEARS
    outside = InputError(
        f"week {label.strip()} is outside the years a scorecard covers ({first} to {last})"
    )
    if not first - 1 <= year <= last + 1:  # a week of the year either side may reach in
        raise outside
    try:
        monday = date.fromisocalendar(year, week, 1)
    except ValueError:
        raise InputError(f"invalid week {label!r}: {year} has no week {week}") from None
    # The label a card shows is asked for again: Tuesday weeks hold 1900-01-01 in 1899-W52.
    period = on_card(lambda: week_of(monday + timedelta(days=3), week_start))
    if period is None:
        raise outside
    return period


def parse_month(label: str) -> Period:
    """`2026-11` → that calendar month, as `period_of(day, "month")` gives it."""
    match = _MONTH_LABEL.match(label.strip())
    if not match:
        raise InputError(f"invalid month {label!r} (expected like 2026-11)")
    year, month = int(match.group(1)), int(match.group(2))
    if not 1 <= month <= 12:
        raise InputError(f"invalid month {label!r}: a month is 01 to 12")
    first, last = CARD_YEARS
    if not first <= year <= last:
        raise InputError(
            f"month {label.strip()} is outside the years a scorecard covers ({first} to {last})"
        )
    return period_of(date(year, month, 1), "month")


def check_span(
    since: date | None, until: date | None, first: str = "--since", last: str = "--until"
) -> None:
    """A list's first and last day (both inclusive), named `first` and `last` as they
    were given: the last before the first would list nothing, and is a mistake (the two
    swapped), not an empty answer."""
    if since is not None and until is not None and until < since:
        raise InputError(
            f"{last} {until.isoformat()} is before {first} {since.isoformat()}: "
            "give the first day, then the last"
        )


def shift_weeks(period: Period, weeks: int, week_start: int = 0) -> Period:
    return week_of(period.start + timedelta(weeks=weeks), week_start)


def month_to_date(day: date) -> Period:
    """The calendar month containing `day`, from its first day up to `day`."""
    start = day.replace(day=1)
    return Period(start, day, f"{day.year}-{day.month:02d}")


def trailing_weeks(period: Period, count: int, week_start: int = 0) -> list[Period]:
    """The `count` weeks ending with `period`'s week, oldest first."""
    return [shift_weeks(period, -offset, week_start) for offset in range(count - 1, -1, -1)]


# --- every kind of period: weeks, calendar months, quarters and years --------------------

_MONTHS = {"month": 1, "quarter": 3, "year": 12}
_LABELS = (
    (re.compile(r"^\d{4}-W\d{2}$", re.ASCII), "week"),
    (re.compile(r"^\d{4}-\d{2}$", re.ASCII), "month"),
    (re.compile(r"^\d{4}-Q[1-4]$", re.ASCII), "quarter"),
    (re.compile(r"^\d{4}$", re.ASCII), "year"),
)


def _months_from(day: date, months: int) -> date:
    """The first of the month `months` after `day`'s month (negative: before)."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _last_day(first: date, months: int) -> date:
    """The last day of the `months` months from `first`. A card on 9998-W53 ends in
    9999, and its year goal's span is the year 9999: it ends on the calendar's last day,
    as the year after it has no first day to count back from."""
    index = first.year * 12 + first.month - 1 + months
    if index // 12 > date.max.year:
        return date.max
    return _months_from(first, months) - timedelta(days=1)


def period_of(day: date, kind: str, week_start: int = 0) -> Period:
    """The period of `kind` (week, month, quarter, year) containing `day`."""
    if kind == "week":
        return week_of(day, week_start)
    months = _MONTHS[kind]
    first = date(day.year, (day.month - 1) // months * months + 1, 1)
    end = _last_day(first, months)
    if kind == "month":
        label = f"{first.year}-{first.month:02d}"
    elif kind == "quarter":
        label = f"{first.year}-Q{(first.month - 1) // 3 + 1}"
    else:
        label = f"{first.year}"
    return Period(first, end, label)


def kind_of(period: Period) -> str:
    """The kind of a period made here, read from its label (anything else: a week)."""
    for pattern, kind in _LABELS:
        if pattern.match(period.label):
            return kind
    return "week"


def shift(period: Period, steps: int, week_start: int = 0) -> Period:
    """The period of the same kind `steps` periods after `period` (negative: before)."""
    kind = kind_of(period)
    if kind == "week":
        return shift_weeks(period, steps, week_start)
    return period_of(_months_from(period.start, steps * _MONTHS[kind]), kind, week_start)


def on_card(make: Callable[[], Period]) -> Period | None:
    """The period `make` gives, if a scorecard covers it (a day of it is in `CARD_YEARS`:
    a week may start in the year before the first or end in the year after the last);
    else None, past year 9999 or before year 1 too: the TUI steps to the edge of the
    calendar and no further."""
    try:
        period = make()
    except (ValueError, OverflowError):
        return None
    first, last = CARD_YEARS
    return period if period.end.year >= first and period.start.year <= last else None


def shift_on_card(period: Period, steps: int, week_start: int = 0) -> Period | None:
    """`shift`, if a scorecard covers the period it reaches (`on_card`)."""
    return on_card(lambda: shift(period, steps, week_start))


def trailing(period: Period, count: int, week_start: int = 0) -> list[Period]:
    """The `count` periods of `period`'s kind ending with it, oldest first."""
    return [shift(period, -offset, week_start) for offset in range(count - 1, -1, -1)]
