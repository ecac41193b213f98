"""What schema 4 added to a netrack JSON export beyond the import records: a contact's
keep-in-touch cadence and strength history (read and checked with the contact, so a bad
value skips the contact like any other; `netrack.data.repo.contacts.write_contact_extras`
writes them once the contacts are in), and the `since` of goals in a file older than it."""

from __future__ import annotations

from datetime import date
from typing import Any, NamedTuple

from netrack.data.repo.contacts import MAX_EVERY
from netrack.interop.json_fields import DAY, Item


class Extras(NamedTuple):
    keep_in_touch: int | None
    history: list[tuple[date, int | None]] | None  # None: the file has no history (older)


def read_extras(item: Item, today: date) -> Extras:
    """The contact's cadence and strength history, each value checked."""
    every = item.whole("keep_in_touch", 1, MAX_EVERY)
    if "strength_history" not in item.data:
        return Extras(every, None)
    history = []
    for entry in item.items("strength_history"):
        on = entry.past("on", today, "strength change")
        history.append((on, entry.whole("strength", 1, 5)))
    return Extras(every, history)


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
