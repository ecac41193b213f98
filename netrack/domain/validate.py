"""Validation shared by the CLI, the TUI forms and the importers: same rules, same words."""

from __future__ import annotations

from enum import StrEnum
from typing import TypeVar

from netrack.domain.errors import InputError
from netrack.domain.models import SIZE_BANDS

E = TypeVar("E", bound=StrEnum)

MAX_TEXT = 10_000


def choice(enum: type[E], value: str, what: str) -> E:
    key = value.strip().lower().replace("-", "_").replace(" ", "_")
    try:
        return enum(key)
    except ValueError:
        known = ", ".join(member.value for member in enum)
        raise InputError(f"unknown {what} {value!r} (known: {known})") from None


def optional_choice(enum: type[E], value: str | None, what: str) -> E | None:
    return None if value is None or not value.strip() else choice(enum, value, what)


def name(value: str, what: str = "name") -> str:
    cleaned = " ".join((value or "").split())
    if not cleaned:
        raise InputError(f"{what} must not be blank")
    if len(cleaned) > 300:
        raise InputError(f"{what} is too long (300 characters at most)")
    return cleaned


def text(value: str | None, what: str = "text") -> str:
    cleaned = (value or "").strip()
    if len(cleaned) > MAX_TEXT:
        raise InputError(f"{what} is too long ({MAX_TEXT} characters at most)")
    return cleaned


def bounded(value: int | str | None, low: int, high: int, what: str) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise InputError(f"{what} must be a whole number from {low} to {high}") from None
    if not low <= number <= high:
        raise InputError(f"{what} must be from {low} to {high}, not {number}")
    return number


def minutes(value: int) -> int:
    if value < 0:
        raise InputError(f"minutes must not be negative ({value})")
    if value > 24 * 60:
        raise InputError(f"{value} minutes is more than a day")
    return value


def size_band(value: str | None) -> str:
    if value is None or not value.strip():
        return ""
    cleaned = value.strip()
    if cleaned not in SIZE_BANDS:
        raise InputError(f"unknown size band {value!r} (known: {', '.join(SIZE_BANDS)})")
    return cleaned
