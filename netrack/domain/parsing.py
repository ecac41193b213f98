"""Dates and durations as people type them: `2026-11-20`, `yesterday`, `-3d`, `fri`, `1h30`."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Literal

from netrack.domain import validate
from netrack.domain.errors import InputError
from netrack.domain.validate import MAX_COST, costs_too_much

# The way a date field looks: back for what happened, ahead for follow-ups, and either
# way for a day something starts counting from (a goal's since, which may be next month).
# "end": a goal's last day, either way too, but a weekday is the next one, as a
# follow-up's: an end is planned, not a past event (`goal end --on fri`: this Friday).
Tense = Literal["past", "future", "nearest", "end"]

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

# ASCII digits only, as every number netrack reads (`\d` alone also matches "٢٠٢٦").
_RELATIVE = re.compile(r"^([+-]?)(\d{1,5})([dw])$", re.ASCII)
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$", re.ASCII)
# SPEC's DURATION: 45m, 45min, 1h, 1.5h, 1h30m, 1h30, 2hrs, 90 (minutes).
_HOURS = re.compile(
    r"^(\d+(?:\.\d{1,2})?)(?:h|hr|hrs|hour|hours)(?:(\d{1,2})(?:m|min|mins)?)?$", re.ASCII
)
_MINUTES = re.compile(r"^(\d+)(?:m|min|mins|minute|minutes)$", re.ASCII)
# Any number of digits makes a duration: "100000m" is too long for a day, not a misspelt
# duration. Past this many, it is not counted (int() refuses thousands of digits).
_MOST_DIGITS = 9
# A token shaped like "a number then letters", maybe more digits and letters after, that
# is no duration is a typo of one (`90x`, `1h99m`, `1h30m45s`, `1.h`, `.5h`), except the
# words notes are full of: ordinals, times of day, thousands (`2nd`, `10am`, `5k`, `1.5k`).
_NUMBER = r"(?:\d+(?:\.\d*)?|\.\d+)"
_DURATION_SHAPED = re.compile(rf"^{_NUMBER}[a-z]+(?:\d+[a-z]*)*$")
_NOT_A_DURATION = re.compile(rf"^\d+(?:st|nd|rd|th|am|pm)$|^{_NUMBER}k$")
_AMOUNT = re.compile(rf"^-?{_NUMBER}$", re.ASCII)
# A duration written another way (`1,5h` for the point, `1½h`, `1h-30m`): a typo of one.
# A comma of thousands (`1,000m`) is not one: that is a number, likely not a time.
_DURATION_VARIANT = re.compile(
    r"^\d+(?:,\d{1,2}|½)(?:h|hr|hrs|hour|hours|m|min|mins|minute|minutes)$"
    r"|^\d+h-\d+(?:m|min|mins)$"
)
# A duration written with a space (`2 hours`, `1.5 h`, `45 min`): a number, then one of
# these words as the next token. Any other number-like token before a unit word (`1,5 h`,
# `.5 h`, `1.555 h`) is a typo of one, as its glued form (`1,5h`) is.
_SPACED_NUMBER = re.compile(r"^\d+(?:\.\d{1,2})?$", re.ASCII)
_NUMBER_LIKE = re.compile(r"^[\d.,½]*[\d½][\d.,½]*$")
UNIT_WORDS = frozenset(("h", "hr", "hrs", "hour", "hours", "m", "min", "mins", "minute", "minutes"))
# Sentence punctuation after a duration (`45m.` ending a sentence, `1h30,`).
_TRAILING = ".,;:!?"
DURATION_FORMS = "45m, 45min, 1h, 1.5h, 1h30m, 1h30, 2hrs or 90"

MONTHS: dict[str, int] = {}
for _index, _names in enumerate(
    (
        ("jan", "january"),
        ("feb", "february"),
        ("mar", "march"),
        ("apr", "april"),
        ("may",),
        ("jun", "june"),
        ("jul", "july"),
        ("aug", "august"),
        ("sep", "sept", "september"),
        ("oct", "october"),
        ("nov", "november"),
        ("dec", "december"),
    ),
    start=1,
):
    for _name in _names:
        MONTHS[_name] = _index

# SPEC's `dec 5` / `5 dec` (also `december 5th`, `5dec`, `dec. 5`).
_MONTH_DAY = re.compile(r"^([a-z]+)\.?\s*(\d{1,2})(?:st|nd|rd|th)?$", re.ASCII)
_DAY_MONTH = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?\s*([a-z]+)\.?$", re.ASCII)

DATE_FORMS = "YYYY-MM-DD, today, yesterday, tomorrow, -3d, +7d, a weekday like fri or dec 5"
_SLASHED = re.compile(r"^\d{1,4}/\d{1,2}(/\d{1,4})?$", re.ASCII)


def parse_date(text: str, today: date, direction: Tense = "past") -> date:
    """Read a date as typed.

    A weekday name means the last one on or before today for past events (and for
    ``direction="nearest"``, as before it existed), and the next one strictly after
    today for follow-ups (``direction="future"``) and a goal's end (``"end"``). `dec 5`:
    see `_nearest`.
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
        if direction in ("future", "end"):
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
    month_day = _month_day(raw)
    if month_day is not None:
        return _nearest(month_day, today, direction, text)
    if _SLASHED.match(raw):  # 12/05: month first or day first? never guessed
        raise InputError(
            f"invalid date {text!r}: a date with slashes is read neither way (12/05 is "
            "May 12 or Dec 5); write 2026-12-05 or dec 5"
        )
    raise InputError(f"invalid date {text!r} (expected {DATE_FORMS})")


def _month_day(raw: str) -> tuple[int, int] | None:
    """(month, day) of `dec 5` or `5 dec`; None when `raw` is not shaped so."""
    match = _MONTH_DAY.match(raw)
    if match and match[1] in MONTHS:
        return MONTHS[match[1]], int(match[2])
    match = _DAY_MONTH.match(raw)
    if match and match[2] in MONTHS:
        return MONTHS[match[2]], int(match[1])
    return None


def _nearest(month_day: tuple[int, int], today: date, direction: Tense, text: str) -> date:
    """The nearest `month_day` in the direction the field looks: on or before today for
    what happened, on or after it for follow-ups, the closer of those two for a field
    that looks both ways, a goal's since or end (the earlier on a tie). Feb 29 looks up to 8 years away."""
    month, day = month_day
    try:
        date(2000, month, day)  # a leap year: every day any year can have
    except ValueError:
        raise InputError(f"invalid date {text!r}: no such day (expected {DATE_FORMS})") from None
    if direction in ("nearest", "end"):
        either: list[date] = []
        ways: tuple[Tense, ...] = ("past", "future")
        for way in ways:
            try:
                either.append(_nearest(month_day, today, way, text))
            except InputError:  # none that way inside the calendar (year 1 or 9999)
                continue
        if not either:
            raise InputError(f"date out of range: {text!r}")
        return min(either, key=lambda day: abs((day - today).days))
    step = 1 if direction == "future" else -1
    for years in range(9):
        try:
            found = date(today.year + step * years, month, day)
        except ValueError:  # Feb 29 of a common year, or past year 9999 / before year 1
            continue
        if (found >= today) if direction == "future" else (found <= today):
            return found
    raise InputError(f"date out of range: {text!r}")


def parse_duration(text: str, allow_bare_minutes: bool = True, typed: str = "") -> int:
    """Minutes from SPEC's DURATION forms, or (when allowed) a bare `90`, at most a day:
    every duration typed (the CLI's, the quick log's, the forms') is read here, so one
    too long is refused in the words it was typed in (`typed`, else `text`)."""
    typed = typed or text
    raw = text.strip().lower()
    # isdecimal, not isdigit: "¹" is a digit that int() refuses; ASCII: so is "١٢" to
    # a person reading it back
    if allow_bare_minutes and raw.isascii() and raw.isdecimal():
        minutes: int | None = _whole(raw, typed)
    else:
        minutes = _minutes_of(raw, typed)
    if minutes is None:
        raise InputError(f"invalid duration {text!r} (expected {DURATION_FORMS})")
    if minutes > validate.MINUTES_IN_A_DAY:
        raise validate.more_than_a_day(_as_typed(typed))
    return minutes


def _as_typed(text: str) -> str:
    """A duration as typed, for its refusal: a bare number read as minutes says so
    ("1500 minutes"), thousands of digits are cut ("999999999999…h")."""
    said = text.strip()
    unit = said.lstrip("0123456789")
    digits = said[: len(said) - len(unit)]
    number = digits if len(digits) < 20 else digits[:12] + "…"
    return number + unit if unit else f"{number} minutes"


def _whole(digits: str, typed: str) -> int:
    if len(digits) > _MOST_DIGITS:  # too long to count: more than a day, whatever unit
        raise validate.more_than_a_day(_as_typed(typed))
    return int(digits)


def _minutes_of(raw: str, typed: str = "") -> int | None:
    """Minutes of a DURATION form, unbounded (the day's limit is `parse_duration`'s);
    None when `raw` is not one. Raises InputError for one too long to count, `typed`
    (else `raw`) said."""
    typed = typed or raw
    match = _MINUTES.match(raw)
    if match:
        return _whole(match.group(1), typed)
    match = _HOURS.match(raw)
    if not match:
        return None
    hours, minutes = match.groups()
    if minutes is not None and ("." in hours or int(minutes) >= 60):
        return None  # 1.5h30 means nothing; 1h99m is a typo, not 2h39m
    _whole(hours.partition(".")[0], typed)  # refuses one too long to count
    return round(float(hours) * 60) + int(minutes or 0)


def is_duration(text: str) -> bool:
    """True for the DURATION forms with a unit, however long: `99999999999m` is one, too
    long for a day. A bare `90` is not (the quick log takes one only where the line has
    no other duration: `is_bare_minutes`)."""
    try:
        return _minutes_of(text.strip().lower()) is not None
    except InputError:
        return True


def is_bare_minutes(text: str) -> bool:
    """A whole number alone (`90`), SPEC's DURATION in minutes: ASCII digits only, as
    every number netrack reads."""
    return text.isascii() and text.isdecimal()


def is_whole_hours(text: str) -> bool:
    """A duration in hours with no minutes after it (`1h`, `2hrs`, `1.5h`): a bare number
    right after one (`1h 30`) reads as its minutes, not as a word of the note."""
    match = _HOURS.match(text.strip().lower())
    return match is not None and match.group(2) is None


def is_spaced_number(text: str) -> bool:
    """A number that a unit word after it makes a duration (`2` or `1.5` in `1.5 hours`)."""
    return bool(_SPACED_NUMBER.match(text))


def is_number_like(text: str) -> bool:
    """Digits with points or commas anywhere (`1,5`, `.5`, `1.`, `1.555`, `2`): a unit
    word after it says it was meant as a duration, whether or not it is one."""
    return bool(_NUMBER_LIKE.match(text))


def is_unit_word(text: str) -> bool:
    return text.lower() in UNIT_WORDS


def is_stuck_unit_word(text: str) -> bool:
    """A unit word with punctuation glued to it (`hours,` in `2 hours, coffee`, `hours'`
    in `3 hours' drive`, `(h)`): any mark, not only a sentence's, as read apart each
    would leave the number as minutes and the unit as a word of the note."""
    bare = _strip_marks(text)
    return bare != text and is_unit_word(bare)


def _strip_marks(text: str) -> str:
    start, end = 0, len(text)
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not text[end - 1].isalnum():
        end -= 1
    return text[start:end]


def looks_like_duration(text: str) -> bool:
    """True for a token shaped like a duration, right or wrong (`45m`, `90x`, `1h99m`,
    `.5h`), but not for the ordinals, times and amounts notes are full of (`2nd`, `10am`,
    `5k`)."""
    lowered = text.lower()
    return bool(_DURATION_SHAPED.match(lowered)) and not _NOT_A_DURATION.match(lowered)


def looks_like_a_stuck_duration(text: str) -> bool:
    """A duration with sentence punctuation after it (`45m.`, `1h30,`) or written
    another way (`1,5h`, `1½h`, `1h-30m`): note text, it would leave the entry with no
    time. Words that only begin so (`1h/week`, `2h-ish`, `3m€`) are note text."""
    lowered = text.lower()
    bare = lowered.rstrip(_TRAILING)
    return bool(_DURATION_VARIANT.match(lowered)) or (bare != lowered and is_duration(bare))


def parse_money(text: str) -> float:
    raw = text.strip().lstrip("$")
    # Digits and a point only: float() also takes 1e3, 1_000, inf and nan.
    if not _AMOUNT.match(raw):
        raise InputError(f"invalid amount {text!r} (expected a number like 12.50)")
    value = float(raw)
    if value < 0:
        raise InputError(f"invalid amount {text!r}: must be zero or more")
    if costs_too_much(value):  # as stored, in whole cents
        raise InputError(f"invalid amount {text!r}: must be less than {MAX_COST:,.0f}")
    return value  # rounded to the cent where it is stored (`validate.cents`)
