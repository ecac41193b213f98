"""What schema 4 added to a netrack JSON export beyond the import records: a contact's
keep-in-touch cadence and strength history (read and checked with the contact, so a bad
value skips the contact like any other; `netrack.data.repo.contacts.write_contact_extras`
writes them once the contacts are in), and the `since` of goals in a file older than it."""

from __future__ import annotations

from datetime import date
from typing import Any, NamedTuple

from netrack.data.repo.contacts import MAX_EVERY
from netrack.interop.json_fields import DAY, Horizon, Item


class Extras(NamedTuple):
    keep_in_touch: int | None
    history: list[tuple[date, int | None]] | None  # None: the file has no history (older)


def read_extras(item: Item, horizon: Horizon) -> Extras:
    """The contact's cadence and strength history, each value checked, the history as
    netrack writes it: one change a day, oldest first, the last one the contact's
    strength (which the scorecard reads from the history, the lists from the contact)."""
    every = item.whole("keep_in_touch", 1, MAX_EVERY)
    if "strength_history" not in item.data:
        return Extras(every, None)
    history: list[tuple[date, int | None]] = []
    for entry in item.items("strength_history"):
        on = entry.past("on", horizon, "strength change")
        if history and on <= history[-1][0]:
            before, level = history[-1]
            raise entry.fail(
                "on",
                f"{on.isoformat()} is not after the previous change "
                f"({before.isoformat()}, to {_level(level)}): one change a day, oldest first",
            )
        history.append((on, entry.whole("strength", 1, 5)))
    strength = item.whole("strength", 1, 5)
    if history and history[-1][1] != strength:
        raise item.fail(
            "strength",
            f"must be {_level(history[-1][1])}, the strength of the history's last change, "
            f"not {_level(strength)}",
        )
    return Extras(every, history)


def _level(strength: int | None) -> str:
    return "none" if strength is None else str(strength)


# Where each section keeps the date a record happened on.
_DATED = (
    ("contacts", "met_on"),
    ("campaigns", "opened_on"),
    ("interactions", "on"),
    ("referrals", "on"),
    ("time_entries", "on"),
)


def earliest_day(document: dict[str, Any], today: date) -> date:
    """The date a file's goals count from when it is older than goals' `since`: its
    earliest dated record, else today (the schema-4 migration's rule). Malformed dates
    are ignored here; the records that hold them are refused on their own."""
    days = [today]
    for key, field in _DATED:
        rows = document.get(key)
        for row in rows if isinstance(rows, list) else ():
            value = row.get(field) if isinstance(row, dict) else None
            if isinstance(value, str) and DAY.fullmatch(value):
                try:
                    days.append(date.fromisoformat(value))
                except ValueError:
                    continue
    return min(days)
