"""The settings in a user's words: `config` and the TUI's Settings form show and take
week_start by weekday name and the day counts as whole numbers; an export writes them
so and an import reads them back, older files' forms too. Apart from the goals' store,
which `netrack log` loads: only the commands and screens that show a setting load this."""

from __future__ import annotations

from netrack.domain import validate
from netrack.domain.entries import Settings
from netrack.domain.errors import InputError

SETTING_KEYS = validate.SETTINGS
DAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def setting_text(key: str, settings: Settings) -> str:
    """A setting's value as `config` shows it: week_start by weekday name."""
    value = getattr(settings, key)
    return DAY_NAMES[value] if key == "week_start" else str(value)


def setting_value(key: str, text: str) -> int:
    """What `config KEY VALUE` stores: a weekday name (or 0–6) for week_start, a whole
    number of days in range for the others; InputError naming the key otherwise."""
    from netrack.domain.parsing import WEEKDAYS

    if key not in SETTING_KEYS:
        raise InputError(
            f"unknown setting {validate.shown(key)} (known: {', '.join(SETTING_KEYS)})"
        )
    if key == "week_start":
        day = WEEKDAYS.get(text.strip().lower())
        if day is None:
            raise InputError(
                f"week_start must be a weekday name like monday or sunday, not {validate.shown(text)}"
            )
        return day
    return validate.setting(key, text)


def exported_setting(key: str, stored: str) -> int | str:
    """A stored setting as an export writes it, in SPEC's words: week_start a weekday
    name ("sunday"), the day counts whole numbers (45). One `config` would refuse (an
    older import's "²") is written as stored, for the import to list."""
    try:
        number = validate.setting(key, stored)
    except InputError:
        return stored
    return DAY_NAMES[number] if key == "week_start" else number


def imported_setting(key: str, value: object) -> int:
    """A setting as a JSON file gives it: as an export writes it (week_start "sunday",
    going_cold_days 45), as an older one wrote it (week_start "6", going_cold_days "45")
    or as `config` takes it; InputError otherwise."""
    if key == "week_start" and isinstance(value, str) and not value.strip().isdigit():
        return setting_value(key, value)
    return validate.setting(key, value)  # type: ignore[arg-type]  # it refuses other types
