"""What a calendar occurrence is known by on re-import: the event's UID and the day of
the occurrence (SPEC); for a moved one (RECURRENCE-ID), the day of the occurrence it
replaces, however often a newer export moves it (`data.history` keeps the keys).

An older netrack keyed a moved occurrence on the day it was moved to (its `former`
key). That key is only a moved occurrence's where no occurrence of the file has it: a
daily standup moved from Friday to Thursday has the key of Thursday's own standup there,
and an older netrack could only have stored it for one of the two."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from icalendar import Calendar
from icalendar.cal import Component


def local_day(begins: datetime) -> date:
    """The user's day of a start: an aware time (UTC, a TZID) on this machine's clock,
    a floating one as written. A call at 09:00 UTC is the evening before in Hawaii."""
    return (begins.astimezone() if begins.tzinfo is not None else begins).date()


def occurrence_day(event: Component) -> date:
    """The day an occurrence is logged on: an all-day event's first day, else its start's."""
    begins = event.get("DTSTART").dt
    return local_day(begins) if isinstance(begins, datetime) else begins


def replaced(event: Component, day: date) -> date:
    """The day of the occurrence a moved one replaces (its RECURRENCE-ID, read as a start
    is), else `day`: the occurrence's identity, however often a newer export moves it."""
    value = event.get("RECURRENCE-ID")
    if value is None:
        return day
    return local_day(value.dt) if isinstance(value.dt, datetime) else value.dt


def moved_uids(calendar: Calendar) -> set[str]:
    """The UIDs of the series with a moved occurrence: the only ones with former keys."""
    return {
        str(event.get("UID", "")).strip()
        for event in calendar.walk("VEVENT")
        if "RECURRENCE-ID" in event
    } - {""}


def keys_of(occurrences: Iterable[Component], uids: set[str]) -> set[str]:
    """The keys of the occurrences of the series `uids`: a former key among them is an
    occurrence of this file, never a moved one an older netrack stored."""
    keys = set()
    for event in occurrences:
        uid = str(event.get("UID", "")).strip()
        if uid in uids:
            keys.add(f"{uid}|{replaced(event, occurrence_day(event)).isoformat()}")
    return keys
