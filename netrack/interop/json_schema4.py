"""What schema 4 added to a netrack JSON export beyond the import records: a contact's
keep-in-touch cadence and strength history (read and checked with the contact: a bad
cadence skips the contact like any other value, a bad history entry only itself; `netrack.data.repo.contacts.write_contact_extras`
writes them once the contacts are in), and the `since` of goals in a file older than it."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, NamedTuple

from netrack.data.repo.contacts import MAX_EVERY
from netrack.domain.histories import one_change_a_day
from netrack.interop.json_fields import DAY, Horizon, Item, RecordError


class Extras(NamedTuple):
    keep_in_touch: int | None
    history: list[tuple[date, int | None]] | None  # None: the file has no history (older)
    # What the history lost or gained to be one netrack keeps, for the summary's "kept"
    # lines ("contacts[3] without strength_history[1] (…)")
    notes: list[str]


def read_extras(item: Item, horizon: Horizon) -> Extras:
    """The contact's cadence and strength history, each value checked, the history as
    netrack writes it: one change a day, oldest first, the last one the contact's
    strength (which the scorecard reads from the history, the lists from the contact).
    A flaw inside the history costs the entries at fault, not the contact with every
    interaction and referral of theirs: an entry that cannot be read, or breaks the
    order (the fewest dropped, of one day the last kept: `one_change_a_day`)."""
    every = item.whole("keep_in_touch", 1, MAX_EVERY)
    if "strength_history" not in item.data:
        return Extras(every, None, [])
    strength = item.whole("strength", 1, 5)  # checked before any entry is dropped for it
    notes: list[str] = []
    read: list[tuple[Item, date, int | None]] = []
    for entry in item.items("strength_history"):
        try:
            on = entry.past("on", horizon, "strength change")
            read.append((entry, on, entry.whole("strength", 1, 5)))
        except RecordError as error:
            notes.append(_without(entry, str(error).removeprefix(f"{entry.where}.")))
    kept = set(one_change_a_day([on for _, on, _ in read]))
    for at, (entry, on, level) in enumerate(read):
        if at not in kept:
            notes.append(_without(entry, _out_of_order(on, level, read, kept)))
    history = [(on, level) for at, (_, on, level) in enumerate(read) if at in kept]
    if not history and notes:
        return Extras(every, None, notes)  # none left: as a file without history
    if history and history[-1][1] != strength:
        last_on, last_level = history[-1]
        # As netrack mends a contact whose history ends elsewhere (`strength_as_latest`):
        # the strength the lists show holds from today; the days before read as the file.
        since = max(horizon.today, last_on + timedelta(days=1))
        history.append((since, strength))
        notes.append(
            f"{item.record} with strength {_level(strength)} from {since.isoformat()}, "
            f"after its strength history's last change ({last_on.isoformat()}, to "
            f"{_level(last_level)})"
        )
    return Extras(every, history, notes)


def _without(entry: Item, why: str) -> str:
    return f"{entry.record} without {entry.where.split('.', 1)[1]} ({why})"


def _out_of_order(
    on: date, level: int | None, read: list[tuple[Item, date, int | None]], kept: set[int]
) -> str:
    """Why a readable entry was dropped: another change kept that day, else its order."""
    change = f"{on.isoformat()}, to {_level(level)}"
    if any(read[at][1] == on for at in kept):
        return f"{change}: another change that day is kept, the day's last"
    return f"{change}: out of order, one change a day, oldest first"


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
