"""The events of a calendar that cannot be imported as written, set aside before any is
logged: each skipped with the line of the property that shows why (a date that is no
date, an end before the start, a start outside the years netrack counts, a property
given twice, a series repeating every second), the rest of the file imported (SPEC,
Data and safety). calendar.py logs what is left.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from typing import Any

from icalendar import Calendar
from icalendar.cal import Component
from icalendar.prop import vBroken

from netrack.domain import validate
from netrack.domain.errors import InputError
from netrack.domain.records import Tally
from netrack.domain.weeks import CARD_YEARS, check_card_day

# What the import and the recurrence library read of an event: one of these that
# icalendar could not parse (it keeps the text as `vBroken`) makes the event unreadable.
TIMING = ("DTSTART", "DTEND", "DURATION", "RRULE", "RDATE", "EXDATE", "RECURRENCE-ID")
DATES = ("DTSTART", "DTEND", "RDATE", "EXDATE", "RECURRENCE-ID")
# What the import and the recurrence library read of an event that RFC 5545 lets an
# event give once: given twice, which would the event mean? (Read as one, a second
# DTSTART or UID was an internal error or refused the whole file.)
ONCE = ("DTSTART", "DTEND", "DURATION", "UID", "SUMMARY", "STATUS", "LOCATION", "RECURRENCE-ID")
# Series no one meets people in: every second from 2020 is 200 million occurrences, and
# expanding them all held an import for hours.
TOO_OFTEN = {"SECONDLY": "every second", "MINUTELY": "every minute", "HOURLY": "every hour"}
PROPERTY_NAME = re.compile(r"[A-Za-z0-9-]+")


def set_aside(text: str, calendars: list[Calendar], tally: Tally) -> None:
    """Take the events that cannot be imported as written out of `calendars`, each
    skipped with the line of the property that shows why (module docstring)."""
    events = [event for calendar in calendars for event in calendar.walk("VEVENT")]
    where = _property_lines(text)
    if len(where) != len(events):  # a file the scan reads otherwise: reasons without lines
        where = [{} for _ in events]
    unreadable: set[int] = set()
    for event, lines in zip(events, where, strict=True):
        if event.get("DTSTART") is None:  # nothing to log it on, nor to expand it from
            tally.skip("without a start", example=title_of(event))
            unreadable.add(id(event))
            continue
        problem = _problem(event)
        if problem is not None:
            reason, prop = problem
            tally.skip(reason, line=lines.get(prop), example=title_of(event))
            unreadable.add(id(event))
    if unreadable:
        for calendar in calendars:
            _prune(calendar, unreadable)


def each(event: Component, name: str) -> list[Any]:
    """The values of property `name` of `event`: icalendar gives one alone, several as a
    list, none as None."""
    values = event.get(name)
    if values is None:
        return []
    return values if isinstance(values, list) else [values]


def _problem(event: Component) -> tuple[str, str] | None:
    """(why `event` cannot be imported, the property that shows it), or None."""
    for name in ONCE:
        if isinstance(event.get(name), list):
            return f"{name} given more than once", f"{name} again"
    try:  # the note it would become: a NUL or 10,000 characters are its own problem
        validate.text(" ".join(str(event.get("SUMMARY", "")).split()), "note")
    except InputError as error:
        return str(error), "SUMMARY"
    for name in TIMING:
        for value in each(event, name):
            if isinstance(value, vBroken):
                what = "date" if name in DATES else "value"
                return f"bad {what} {validate.shown(str(value))} in {name}", name
    for rule in each(event, "RRULE"):
        every = TOO_OFTEN.get(str((rule.get("FREQ") or [""])[0]).upper())
        if every is not None:
            return f"a series repeating {every}: not meetings to log one by one", "RRULE"
    start = event.get("DTSTART")  # one without is set aside before: see `_set_aside`
    begins = start.dt
    if not isinstance(begins, date):  # a time, a duration or a period: no day to log it on
        raw = start.to_ical()
        raw = raw.decode() if isinstance(raw, bytes) else str(raw)
        return f"bad date {validate.shown(raw)} in DTSTART", "DTSTART"
    try:
        day = begins.date() if isinstance(begins, datetime) else begins
        # A series that began before 1900 brings its occurrences from then on (calendar.py)
        if not (event.get("RRULE") or event.get("RDATE")) or day.year > CARD_YEARS[1]:
            check_card_day(day)
    except InputError as error:  # the words of the scorecard's own refusal
        return str(error), "DTSTART"
    end, duration, name = event.get("DTEND"), event.get("DURATION"), "DTEND"
    try:
        if end is None and duration is not None:
            name = "DURATION"
            ends = begins + duration.dt
        else:
            ends = begins if end is None else end.dt
        if ends < begins:
            return "ends before it starts", name
        if _ends_after_the_card(ends):
            return f"ends after {CARD_YEARS[1]}", name
    except OverflowError:  # DURATION:P99999999W: past any date Python has
        return f"ends after {CARD_YEARS[1]}", name
    except TypeError:  # a day against a time, naive against aware …
        pass  # … as before: `_once` and the library decide
    return None


def _ends_after_the_card(ends: date) -> bool:
    """Whether an event's end is past the last day the scorecard has. An end is
    exclusive (RFC 5545): an all-day event on 9998-12-31, as netrack's own export writes
    a follow-up due then, ends at 9999-01-01 (or its midnight), and is within it."""
    after = date(CARD_YEARS[1] + 1, 1, 1)
    if isinstance(ends, datetime):
        return ends.replace(tzinfo=None) > datetime.combine(after, time())
    return ends > after


def _property_lines(text: str) -> list[dict[str, int]]:
    """For each VEVENT of `text`, in order, the line each of its own properties starts
    on (the first of a name that repeats, and its second as "NAME again"; an alarm's
    inside it are not the event's). Lines are counted as icalendar splits them: a
    folded line continues the one above."""
    events: list[dict[str, int]] = []
    current: dict[str, int] | None = None
    depth = 0  # components open inside the current event (VALARM)
    for number, line in enumerate(text.split("\n"), 1):
        found = PROPERTY_NAME.match(line)  # None for a blank or a folded line
        if found is None:
            continue
        name = found.group().upper()
        value = line.partition(":")[2].strip().upper()
        if current is None:
            if name == "BEGIN" and value == "VEVENT":
                current = {}
                events.append(current)
        elif name == "BEGIN":
            depth += 1
        elif name == "END" and depth:
            depth -= 1
        elif name == "END":
            current = None
        elif not depth:
            current.setdefault(f"{name} again" if name in current else name, number)
    return events


def _prune(component: Component, unreadable: set[int]) -> None:
    component.subcomponents = [c for c in component.subcomponents if id(c) not in unreadable]
    for child in component.subcomponents:
        _prune(child, unreadable)


def title_of(event: Component) -> str:
    return " ".join(str(event.get("SUMMARY", "")).split()) or "(no title)"
