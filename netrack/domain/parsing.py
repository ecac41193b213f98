"""Dates and durations as people type them: `2026-11-20`, `yesterday`, `-3d`, `fri`, `1h30`."""

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
# SPEC's DURATION: 45m, 45min, 1h, 1.5h, 1h30m, 1h30, 2hrs (and a bare 90 where allowed).
_HOURS = re.compile(
    r"^(\d{1,4}(?:\.\d{1,2})?)(?:h|hr|hrs|hour|hours)(?:(\d{1,2})(?:m|min|mins)?)?$"
)
_MINUTES = re.compile(r"^(\d{1,5})(?:m|min|mins|minute|minutes)$")
# A token shaped like "digits then letters" that is no duration is a typo of one (`90x`,
# `1h99m`), except the words notes are full of: ordinals, times of day, thousands.
_DURATION_SHAPED = re.compile(r"^\d+(?:\.\d+)?[a-z]+(?:\d+[a-z]*)?$")
_NOT_A_DURATION = re.compile(r"^\d+(?:st|nd|rd|th|am|pm|k)$")
DURATION_FORMS = "45m, 45min, 1h, 1.5h, 1h30m, 1h30 or 2hrs"

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
    """Minutes from SPEC's DURATION forms, or (when allowed) a bare `90`."""
    raw = text.strip().lower()
    # isdecimal, not isdigit: "¹" is a digit that int() refuses
    if allow_bare_minutes and raw.isdecimal() and len(raw) <= 5:
        return int(raw)
    minutes = _minutes_of(raw)
    if minutes is None:
        forms = (
            DURATION_FORMS.replace(" or ", ", ") + " or 90"
            if allow_bare_minutes
            else DURATION_FORMS
        )
        raise InputError(f"invalid duration {text!r} (expected {forms})")
    return minutes


def _minutes_of(raw: str) -> int | None:
    match = _MINUTES.match(raw)
    if match:
        return int(match.group(1))
    match = _HOURS.match(raw)
    if not match:
        return None
    hours, minutes = match.groups()
    if minutes is not None and ("." in hours or int(minutes) >= 60):
        return None  # 1.5h30 means nothing; 1h99m is a typo, not 2h39m
    return round(float(hours) * 60) + int(minutes or 0)


def is_duration(text: str) -> bool:
    """True for the quick-log DURATION forms (a bare number is a note word)."""
    return _minutes_of(text.strip().lower()) is not None


def looks_like_duration(text: str) -> bool:
    """True for a token shaped like a duration, right or wrong (`45m`, `90x`, `1h99m`),
    but not for the ordinals, times and amounts notes are full of (`2nd`, `10am`, `5k`)."""
    lowered = text.lower()
    return bool(_DURATION_SHAPED.match(lowered)) and not _NOT_A_DURATION.match(lowered)


def parse_money(text: str) -> float:
    raw = text.strip().lstrip("$")
    try:
        value = float(raw)
    except ValueError:
        raise InputError(f"invalid amount {text!r} (expected a number like 12.50)") from None
    if not 0 <= value < 1e9:
        raise InputError(f"invalid amount {text!r}: must be zero or more")
    return round(value, 2)
