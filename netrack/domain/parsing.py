"""Dates and durations as people type them: `2026-11-20`, `yesterday`, `-3d`, `fri`, `1h30m`."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Literal

from netrack.domain.errors import InputError

Tense = Literal["past", "future"]

WEEKDAYS: dict[str, int] = {}
for _index, _names in enumerate(
    (
        ("mon", "monday"),
        ("tue", "tues", "tuesday"),
        ("wed", "wednesday"),
        ("thu", "thur", "thurs", "thursday"),
        ("fri", "friday"),
        ("sat", "saturday"),
        ("sun", "sunday"),
    )
):
    for _name in _names:
        WEEKDAYS[_name] = _index

_RELATIVE = re.compile(r"^([+-]?)(\d{1,5})([dw])$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DURATION = re.compile(r"^(?:(\d{1,4})h)?(?:(\d{1,5})m(?:in)?)?$")

DATE_FORMS = "YYYY-MM-DD, today, yesterday, tomorrow, -3d, +7d or a weekday like fri"


def parse_date(text: str, today: date, direction: Tense = "past") -> date:
    """Read a date as typed.

    A weekday name means the last one on or before today for past events, and the next
    one strictly after today for follow-ups (``direction="future"``).
    """
    raw = text.strip().lower()
    if not raw:
        raise InputError(f"missing date (expected {DATE_FORMS})")
    if raw == "today":
        return today
    if raw == "yesterday":
        return today - timedelta(days=1)
    if raw == "tomorrow":
        return today + timedelta(days=1)
    if raw in WEEKDAYS:
        target = WEEKDAYS[raw]
        if direction == "future":
            ahead = (target - today.weekday()) % 7 or 7
            return today + timedelta(days=ahead)
        back = (today.weekday() - target) % 7
        return today - timedelta(days=back)
    match = _RELATIVE.match(raw)
    if match:
        sign, number, unit = match.groups()
        days = int(number) * (7 if unit == "w" else 1)
        try:
            return today - timedelta(days=days) if sign == "-" else today + timedelta(days=days)
        except OverflowError:
            raise InputError(f"date out of range: {text!r}") from None
    match = _ISO.match(raw)
    if match:
        year, month, day = (int(part) for part in match.groups())
        try:
            return date(year, month, day)
        except ValueError:
            raise InputError(
                f"invalid date {text!r}: no such day (expected {DATE_FORMS})"
            ) from None
    raise InputError(f"invalid date {text!r} (expected {DATE_FORMS})")


def parse_duration(text: str, allow_bare_minutes: bool = True) -> int:
    """Minutes from `45m`, `1h`, `1h30m` or (when allowed) a bare `90`."""
    raw = text.strip().lower()
    # isdecimal, not isdigit: "¹" is a digit that int() refuses
    if allow_bare_minutes and raw.isdecimal() and len(raw) <= 5:
        return int(raw)
    match = _DURATION.match(raw)
    if not raw or not match or not any(match.groups()):
        raise InputError(f"invalid duration {text!r} (expected 45m, 1h, 1h30m or 90)")
    hours, minutes = match.groups()
    return int(hours or 0) * 60 + int(minutes or 0)


def is_duration(text: str) -> bool:
    """True for the quick-log forms `45m`, `1h`, `1h30m` (a bare number is a note word)."""
    match = _DURATION.match(text.lower())
    return match is not None and any(match.groups())


def parse_money(text: str) -> float:
    raw = text.strip().lstrip("$")
    try:
        value = float(raw)
    except ValueError:
        raise InputError(f"invalid amount {text!r} (expected a number like 12.50)") from None
    if not 0 <= value < 1e9:
        raise InputError(f"invalid amount {text!r}: must be zero or more")
    return round(value, 2)
