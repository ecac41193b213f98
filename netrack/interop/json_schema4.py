"""What schema 4 added to a netrack JSON export beyond the import records: a contact's
keep-in-touch cadence and strength history (read and checked with the contact, so a bad
value skips the contact like any other; written after the contacts are in), and the
`since` of goals in a file older than it."""

from __future__ import annotations

from datetime import date
from typing import Any, NamedTuple

from netrack.data import tables as t
from netrack.data.bulk import bulk_insert
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


def write_extras(extras: dict[int, Extras], first_new: int) -> None:
    """Apply each contact's extras (keyed by its database id). A contact this import
    created takes the file's values, its history replacing the one entry the insert
    recorded; an existing contact only has a blank cadence filled (nothing the user
    set is overwritten, its history stays its own)."""
    rows: list[tuple[Any, ...]] = []
    for contact_id, (every, history) in extras.items():
        new = contact_id >= first_new
        if every is not None:
            query = t.Contact.update(keep_in_touch=every).where(t.Contact.id == contact_id)
            if not new:
                query = query.where(t.Contact.keep_in_touch.is_null())
            query.execute()
        if new and history is not None:
            t.StrengthChange.delete().where(t.StrengthChange.contact == contact_id).execute()
            rows.extend((contact_id, on.isoformat(), level) for on, level in history)
    bulk_insert(t.StrengthChange, ("contact_id", "on", "strength"), rows)


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
