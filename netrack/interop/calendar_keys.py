"""What a calendar occurrence is known by on re-import: the event's UID and the day of
the occurrence (SPEC); for a moved one (RECURRENCE-ID), the day of the occurrence it
replaces, however often a newer export moves it (`data.history` keeps the keys).

An older netrack keyed a moved occurrence on the day it was moved to (its `former`
key). That key is only a moved occurrence's where no occurrence of the file has it: a
daily standup moved from Friday to Thursday has the key of Thursday's own standup there,
and an older netrack could only have stored it for one of the two.

An occurrence at a time with a zone is known by its instant too (`instant_key`): its day
is the day this machine's zone puts it on, and imported again in another zone it falls
on another. An older netrack stored its day alone: that day key, one of the days the
instant falls on somewhere, is this occurrence's where it can be no other's (`FileKeys`):
a daily call at 23:00 UTC has the day of the next one in Berlin."""

from __future__ import annotations

from collections import Counter
from collections.abc import Container, Iterable
from datetime import date, datetime

from icalendar import Calendar
from icalendar.cal import Component

from netrack.domain.import_keys import event_of, instant, is_instant_key, zone_days


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


def identity_moment(event: Component) -> datetime | None:
    """The instant an occurrence is known by (the start of the one a moved occurrence
    replaces, else its own), None when it has no zone (floating, all-day)."""
    value = event.get("RECURRENCE-ID") or event.get("DTSTART")
    moment = value.dt if value is not None else None
    return moment if isinstance(moment, datetime) and moment.tzinfo is not None else None


def instant_key(identity: str, event: Component) -> str | None:
    """ "UID|2026-11-02T23:00:00Z" for an occurrence at a time with a zone, else None."""
    moment = identity_moment(event)
    return None if moment is None else f"{identity}|{instant(moment)}"


def moved_start(event: Component) -> datetime | None:
    """A moved occurrence's start, when it has a zone (`import_keys.moved_as_logged`)."""
    begins = event.get("DTSTART").dt
    if "RECURRENCE-ID" in event and isinstance(begins, datetime) and begins.tzinfo is not None:
        return begins
    return None


class FileKeys:
    """What one calendar file's occurrences tell of the keys stored by earlier imports."""

    def __init__(self, calendar: Calendar, occurrences: list[Component], stored: Iterable[str]):
        # The file's own keys in a series with a moved occurrence: no moved one's former key
        moved = moved_uids(calendar)
        self.in_file = keys_of(occurrences, moved) if moved else set()
        # How many occurrences of the file each (UID, day) could be, in some zone
        self.could_be: Counter[tuple[str, date]] = Counter()
        for event in occurrences:
            moment = identity_moment(event)
            if moment is not None:
                uid = str(event.get("UID", "")).strip()
                self.could_be.update((uid, day) for day in zone_days(moment))
        # The instant keys of the file's occurrences: a day key stored with another of
        # them is that occurrence's (`History.taken`)
        self.instants = frozenset(
            f"{str(event.get('UID', '')).strip()}|{instant(moment)}"
            for event in occurrences
            if (moment := identity_moment(event)) is not None
        )
        # The days of occurrences stored with their instant: their day keys are theirs
        self.instant_days = {
            (event_of(key), day)
            for key in stored
            if is_instant_key(key)
            for day in zone_days(datetime.fromisoformat(key.rpartition("|")[2]))
        }

    def former(self, identity: str, day: date, key: str) -> str | None:
        """The key an older netrack gave a moved occurrence (the day it was moved to),
        unless that is the key of another occurrence of the file."""
        former = f"{identity}|{day.isoformat()}"
        return None if former in self.in_file and former != key else former

    def elsewhere(
        self, identity: str, event: Component, day: date, stored: Container[str]
    ) -> tuple[str, ...]:
        """The keys an import on a machine in another zone may have given the occurrence:
        its instant's; the day key an older netrack gave it on another of its instant's
        days (`day`: the day of its key here), where no other occurrence of the file could have that day and no occurrence
        stored by its instant has it."""
        moment = identity_moment(event)
        if moment is None:
            return ()
        keys = [f"{identity}|{instant(moment)}"]
        for other in zone_days(moment):
            key = f"{identity}|{other.isoformat()}"
            if (
                other != day
                and key in stored
                and self.could_be[identity, other] == 1
                and (identity, other) not in self.instant_days
            ):
                keys.append(key)
        return tuple(keys)
