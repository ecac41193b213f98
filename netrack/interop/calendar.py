"""`import ics FILE`: a calendar export's past meetings with contacts become interactions.

Any RFC 5545 file (Google Calendar, Outlook and Exchange, Apple Calendar, Thunderbird).
Recurring events are expanded by `recurring-ical-events` (RRULE, RDATE, EXDATE, moved and
cancelled occurrences, time zones), each past occurrence on its own.

An occurrence becomes one interaction with every attendee (or organizer) who is a
contact — by email, else by name; of the contacts who share an email, the one of the
attendee's name (data/history.py) — when it is past: it started before today, or today
and has ended (with NETRACK_TODAY set, all of that day counts). Its date is the user's
day of its start: a time in UTC or with a TZID is read in this machine's time zone, a
floating time as written (so nothing lands after today, which the CLI refuses);
minutes run from start to end (at most a day); its kind is `video` when it carries a
meeting link (Zoom, Meet, Teams, Webex … in the location, description, URL or
conference properties), `in_person` with a physical location (not a tool's name, a
call or a phone number), `other` otherwise; its title is the note. An all-day event is past from its first day (today's too) and is
logged on that day with 0 minutes: a day blocked is not hours spent.

Skipped and counted, with the reason: cancelled events; invitations the
user declined (the calendar owner, when the export names one — Google's X-WR-CALNAME —
declined; otherwise, every attendee who is not a contact declined: the user is one of
them); occurrences whose attendees include no contact, or only one who could be any of
several (an email or a name they share), or whose contacts all declined; events not
yet begun (once per event, however often it repeats); occurrences imported before
(keyed on the UID and the date, a moved occurrence's the date it replaces, an event
that happens once on its UID alone, an occurrence at a time with a zone on its instant
too, see data/history.py); and occurrences with an archived contact, whom `netrack log` refuses
to name (the summary names them: unarchived, the next import logs those).

An event that cannot be imported as written is skipped with the line that shows why, and
the rest of the file is imported (SPEC, Data and safety): a date that is no date
(`20261131T100000Z`), an end before the start, a start outside the years netrack counts.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import recurring_ical_events
from icalendar import Calendar
from icalendar.cal import Component

from netrack.data.history import AMBIGUOUS, History, Touch
from netrack.data.repo import Repo
from netrack.domain import validate
from netrack.domain.errors import InputError
from netrack.domain.models import Kind
from netrack.domain.records import DIFFERING, ImportSummary, Tally
from netrack.domain.weeks import CARD_YEARS
from netrack.interop.calendar_checks import each, set_aside, title_of
from netrack.interop.calendar_keys import FileKeys, local_day, moved_start, occurrence_day, replaced
from netrack.interop.calendar_parse import calendars_in
from netrack.interop.linkedin import is_email
from netrack.interop.reading import damage_at, read_bytes, read_text

EARLIEST = date(CARD_YEARS[0], 1, 1)  # occurrences before this are not looked for
SERIES = ("RRULE", "RDATE", "EXDATE", "RECURRENCE-ID", "DURATION")
LONE_CR = re.compile(r"\r(?!\n)")
DAY_MINUTES = 24 * 60
MEETING = re.compile(
    r"(zoom\.us/|zoomgov\.com/|meet\.google\.com/|teams\.microsoft\.com/|teams\.live\.com/"
    r"|webex\.com/|whereby\.com/|meet\.jit\.si/|gotomeeting\.com/|gotomeet\.me/"
    r"|chime\.aws/|bluejeans\.com/|join\.skype\.com/|around\.co/|facetime\.apple\.com/)",
    re.IGNORECASE,
)
LINK_PROPERTIES = (
    "LOCATION",
    "DESCRIPTION",
    "URL",
    "CONFERENCE",
    "X-GOOGLE-CONFERENCE",
    "X-MICROSOFT-SKYPETEAMSMEETINGURL",
    "X-MICROSOFT-ONLINEMEETINGCONFLINK",
    "X-MICROSOFT-ONLINEMEETINGEXTERNALLINK",
)
# A LOCATION that names no place: a meeting tool, a call, a phone number. Only a link
# makes an event `video` (MEETING above), so a tool's bare name is `other`, as "Zoom" was;
# SPEC gives an imported event no `call`, so a phone number is `other` too.
ONLINE = re.compile(
    r"^\s*(https?://|online|virtual|remote|tbd|(microsoft\s+)?teams|zoom|google\s+meet"
    r"|hangouts|skype|webex|whereby|jitsi|goto\s*meeting|bluejeans|amazon\s+chime|facetime"
    r"|(tele)?phone|call|conference\s+call|dial[\s-]?in)\b",
    re.IGNORECASE,
)
PHONE_NUMBER = re.compile(r"^\s*(tel:)?\s*\+?(?=(\D*\d){7})[\d\s().-]+$", re.IGNORECASE)
PARSE_ERRORS = (
    ValueError,
    TypeError,
    KeyError,
    IndexError,
    AttributeError,
    OverflowError,
    recurring_ical_events.InvalidCalendar,
)


def import_ics(repo: Repo, path: Path) -> ImportSummary:
    """Read the whole calendar, then log its past meetings with contacts in one
    transaction; InputError (nothing written) when it is no calendar."""
    # Decoded as the other importers decode (UTF-16 exports, Windows-1252 bytes read as
    # such rather than as "�"); lines that end in a CR alone end as iCalendar's do.
    read = read_text(read_bytes(path))
    text = LONE_CR.sub("\n", read.text)
    calendars = _calendars(path, text)
    cutoff = _cutoff(repo.today())
    tally = Tally()
    set_aside(text, calendars, tally)
    with repo.writing():
        history = History()
        for calendar in calendars:
            _log(path, calendar, cutoff, history, tally)
        history.flush()
    return ImportSummary(path, {"interactions": tally}, damaged=damage_at(path, read.damaged))


def _calendars(path: Path, text: str) -> list[Calendar]:
    if "BEGIN:VCALENDAR" not in text.upper():
        raise InputError(f"{path}: not an iCalendar file (no BEGIN:VCALENDAR)")
    try:
        calendars = calendars_in(text)
    except PARSE_ERRORS as error:
        raise InputError(f"{path}: not a readable iCalendar file ({_reason(error)})") from None
    if not calendars:
        # It said BEGIN:VCALENDAR: a component inside was begun and never ended.
        raise InputError(f"{path}: not a readable iCalendar file (a BEGIN without its END)")
    return calendars


def _reason(error: BaseException) -> str:
    return " ".join(str(error).split())[:120] or type(error).__name__


def _cutoff(today: date) -> datetime:
    """The moment before which an occurrence is past: now on the real today, else the
    end of the day netrack is told it is, on this machine's clock."""
    if today == date.today():
        return datetime.now().astimezone()
    return datetime.combine(today + timedelta(days=1), time()).astimezone()


def _occurrences(path: Path, calendar: Calendar, cutoff: datetime) -> Iterator[Component]:
    """The occurrences that began before `cutoff`: an event that happens once as it is
    (most of any export), the others expanded by `recurring-ical-events`."""
    single, series = _split(calendar)
    for event in single:
        start = event.get("DTSTART")
        begins = start.dt
        if not isinstance(begins, datetime):
            begins = datetime.combine(begins, time())
        if begins.date() >= EARLIEST and begins < cutoff_for(begins, cutoff):
            yield event
    if series is None:
        return
    try:
        query = recurring_ical_events.of(series)
        yield from query.between(EARLIEST, cutoff)
    except PARSE_ERRORS as error:
        raise InputError(f"{path}: cannot expand its events ({_reason(error)})") from None


def _split(calendar: Calendar) -> tuple[list[Component], Calendar | None]:
    """(events that happen once, a calendar of everything else or None when empty).

    Why: expanding through the library copies every event, a third of the time of a
    5,000-event import, for nothing when it happens once. Once means: a VEVENT of the
    calendar itself with a start, without RRULE, RDATE, EXDATE, RECURRENCE-ID or DURATION,
    whose UID no other event has. A calendar with X-WR-TIMEZONE (Google's) or another
    scale goes to the library whole: it reads times in that zone, the days depend on it."""
    scale = str(calendar.get("CALSCALE", "GREGORIAN")).upper()
    if "X-WR-TIMEZONE" in calendar or scale != "GREGORIAN":
        return [], calendar
    events = [c for c in calendar.subcomponents if c.name == "VEVENT"]
    uids = Counter(str(event.get("UID", "")).strip() for event in events)
    single = [
        event for event in events if uids[str(event.get("UID", "")).strip()] == 1 and _once(event)
    ]
    if len(single) == len(events) == len(calendar.walk("VEVENT")):
        return single, None
    once = {id(event) for event in single}
    rest = calendar.copy()  # the calendar's properties, without its components
    rest.subcomponents = [c for c in calendar.subcomponents if id(c) not in once]
    return single, rest


def _once(event: Component) -> bool:
    """Whether the event happens once, with a start and an end not before it (an end
    before the start was set aside with its line, by `_set_aside`)."""
    start, end = event.get("DTSTART"), event.get("DTEND")
    if start is None or any(name in event for name in SERIES):
        return False
    try:
        return end is None or (type(end.dt) is type(start.dt) and end.dt >= start.dt)
    except (TypeError, AttributeError):  # naive against aware: the library decides
        return False


SAME_DAY = "another occurrence the same day"
# An occurrence imported before, by how it stands in netrack (`History.event_as_stored`):
# a meeting deleted there is not brought back, one edited there (or changed in the
# calendar since) keeps netrack's values; the summary says which.
STANDING = {"same": "already in netrack", "deleted": "deleted in netrack", "differs": DIFFERING}
# An attendee whose email several contacts share, and whose name tells none of them
# apart (or a name several contacts have): logged with none of them rather than a guess.
SEVERAL = "an attendee could be any of several contacts"


def _log(path: Path, calendar: Calendar, cutoff: datetime, history: History, tally: Tally) -> None:
    owner = {str(calendar.get("X-WR-CALNAME", "")).strip().casefold()} - {""}
    seen: set[str] = set()
    logged: set[str] = set()  # keys this import added: a second one is no earlier import's
    told: set[int | None] = set()  # the stored interactions the summary counted
    lengths = _durations(calendar)
    once = _happening_once(calendar)
    occurrences = list(_occurrences(path, calendar, cutoff))
    file_keys = FileKeys(calendar, occurrences, history.keys)
    for event in occurrences:
        uid = str(event.get("UID", "")).strip()
        seen.add(uid)
        begins = event.get("DTSTART").dt  # one without was set aside (`_set_aside`)
        # An all-day event (a date, no time): past from its first day, on which it is
        # logged, with no minutes (a day blocked for a conference is not hours spent:
        # counting 24 of them swamped the hours invested).
        all_day = not isinstance(begins, datetime)
        day = occurrence_day(event)
        if not all_day and _ends(event, begins) > cutoff_for(begins, cutoff):
            # Today's, not over yet: a later import logs it. Counted, as every event is
            # (one that runs for years was left out of the summary altogether).
            tally.skip("not over yet", example=_named(event, day))
            continue
        if str(event.get("STATUS", "")).upper() == "CANCELLED":
            tally.skip("cancelled", example=_named(event, day))
            continue
        reason, contacts = _who(event, history, owner)
        if reason:
            tally.skip(reason, example=_named(event, day))
            continue
        title = validate.text(" ".join(str(event.get("SUMMARY", "")).split()), "note")
        identity = uid or f"no-uid:{title}@{begins.isoformat()}"
        try:
            validate.event_uid(
                identity, "UID" if uid else "title (the key of an event without a UID)"
            )
        except InputError as error:
            tally.skip(str(error), example=_named(event, day))
            continue
        key = f"{identity}|{(replaced_day := replaced(event, day)).isoformat()}"
        # An event without a UID is keyed on its start, which is one occurrence's.
        happens_once = not uid or uid in once
        elsewhere = () if happens_once else file_keys.elsewhere(identity, event, replaced_day, history.keys)  # fmt: skip
        touch = Touch(
            on=day,
            kind=_kind(event).value,
            contact_ids=contacts,
            minutes=0 if all_day else _minutes(event, begins, lengths.get(uid)),
            note=title,
            key=key,
            once=happens_once,
            former=file_keys.former(identity, day, key),
            instant=elsewhere[0] if elsewhere else None,  # its instant's key comes first
            elsewhere=elsewhere,
            in_file=file_keys.instants,
            moved_start=moved_start(event),
        )
        archived = history.directory.archived(contacts)
        if archived and not history.knows_event(touch):
            tally.skip_archived(archived, example=_named(event, day))
        elif history.add_event(touch):
            tally.added += 1
            logged.add(touch.key or "")
        elif touch.key in logged:
            # One interaction per event per day (the key SPEC gives re-imports): a series
            # that meets twice a day is logged once that day, and known by both instants.
            history.fold_event(touch)
            tally.skip(SAME_DAY, example=_named(event, day))
        elif (stored := history.known_interaction(touch)) in told and stored is not None:
            # Folded into another occurrence's interaction, already counted: as it was
            # when that import logged them (one interaction, counted once)
            tally.skip(SAME_DAY, example=_named(event, day))
        else:
            told.add(stored)
            stands = history.event_as_stored(touch)
            tally.skip(STANDING[stands], example=_named(event, day))
    _count_future(calendar, seen, cutoff, tally)


def _happening_once(calendar: Calendar) -> set[str]:
    """The UIDs of the events that happen once (no other event has it, no RRULE, RDATE
    or RECURRENCE-ID): imported before, such an event is known whatever day this
    machine's time zone puts it on (a re-import after a move added it again)."""
    events = calendar.walk("VEVENT")
    uids = Counter(str(event.get("UID", "")).strip() for event in events)
    once = set()
    for event in events:
        uid = str(event.get("UID", "")).strip()
        if uids[uid] == 1 and not any(
            name in event for name in ("RRULE", "RDATE", "RECURRENCE-ID")
        ):
            once.add(uid)
    return once


def _named(event: Component, day: date) -> str:
    """The event as the import summary names a skipped one: "Team sync, 2025-03-04"."""
    return f"{title_of(event)}, {day.isoformat()}"


def cutoff_for(begins: datetime, cutoff: datetime) -> datetime:
    """`cutoff` comparable with `begins` (a floating time is read on this machine's
    clock)."""
    return cutoff if begins.tzinfo is not None else cutoff.replace(tzinfo=None)


def _ends(event: Component, begins: datetime) -> datetime:
    end = event.get("DTEND")
    if end is not None and isinstance(end.dt, datetime):
        return end.dt if (end.dt.tzinfo is None) == (begins.tzinfo is None) else begins
    return begins


def _durations(calendar: Calendar) -> dict[str, timedelta]:
    """UID → the exact length of the events written with a DURATION of hours, minutes or
    seconds (RFC 5545: exact time, where a start and an end are wall-clock times). Their
    occurrences come with an end worked out on the wall clock: across a change of clocks
    that end is an hour off the length given."""
    lengths: dict[str, timedelta] = {}
    moved: set[str] = set()  # a series with an occurrence moved: its times are its own
    for event in calendar.walk("VEVENT"):
        uid = str(event.get("UID", "")).strip()
        if "RECURRENCE-ID" in event:
            moved.add(uid)
            continue
        length = event.get("DURATION")
        # "P1D" is a calendar day, not 24 hours: its end stands
        exact = length is not None and isinstance(length.dt, timedelta) and length.dt.days == 0
        if exact and "DTEND" not in event:
            lengths[uid] = length.dt
    return {uid: length for uid, length in lengths.items() if uid not in moved}


def _minutes(event: Component, begins: datetime, length: timedelta | None = None) -> int:
    if length is not None:
        return max(0, min(DAY_MINUTES, int(length.total_seconds() // 60)))
    ends = _ends(event, begins)
    if begins.tzinfo is not None:
        # Elapsed time: two times of one zone subtract as wall-clock times, so a meeting
        # across a change of clocks (01:30 CEST to 04:30 CET) read 180 minutes, not 240.
        begins, ends = begins.astimezone(UTC), ends.astimezone(UTC)
    return max(0, min(DAY_MINUTES, int((ends - begins).total_seconds() // 60)))


def _count_future(calendar: Calendar, seen: set[str], cutoff: datetime, tally: Tally) -> None:
    """Events (a repeating one once) that have not begun: counted, never logged."""
    future: set[str] = set()
    for event in calendar.walk("VEVENT"):
        uid = str(event.get("UID", "")).strip()
        start = event.get("DTSTART")
        if start is None or uid in seen or uid in future:
            continue
        begins = start.dt
        if not isinstance(begins, datetime):
            begins = datetime.combine(begins, time())
        if begins >= cutoff_for(begins, cutoff):
            future.add(uid)
            tally.skip("in the future", example=_named(event, local_day(begins)))


def _people(event: Component) -> Iterator[tuple[str, str, str]]:
    """(email, name, participation status) of the organizer (status ORGANIZER) and of
    each attendee."""
    for prop in ("ORGANIZER", "ATTENDEE"):
        for value in each(event, prop):
            address = str(value).strip()
            if address.casefold().startswith("mailto:"):
                address = address[7:]
            params: Any = getattr(value, "params", {})
            name = str(params.get("CN", "")).strip().strip('"')
            status = "ORGANIZER" if prop == "ORGANIZER" else str(params.get("PARTSTAT", ""))
            yield (address if is_email(address) else ""), name, status


def _who(event: Component, history: History, owner: set[str]) -> tuple[str, tuple[int, ...]]:
    """(skip reason or "", the contacts who took part)."""
    contacts: list[int] = []
    refused = False  # a contact was invited and declined
    unsure = False  # an attendee could be any of several contacts
    others: list[str] = []  # statuses of the attendees who are not contacts
    for email, name, status in _people(event):
        if email.casefold() in owner and status == "DECLINED":
            return "declined", ()
        status = status.upper()
        found = history.directory.find(name, emails=[email] if email else [])
        if found is None or found == AMBIGUOUS:
            unsure = unsure or found == AMBIGUOUS
            if status != "ORGANIZER":  # whoever invited did not decline
                others.append(status)
        elif status == "DECLINED":
            refused = True
        elif found not in contacts:
            contacts.append(found)
    if others and all(status == "DECLINED" for status in others):
        return "declined", ()
    if not contacts:
        if refused:
            return "every contact invited declined", ()
        return (SEVERAL if unsure else "no attendee is a contact"), ()
    return "", tuple(contacts)


def _kind(event: Component) -> Kind:
    for prop in LINK_PROPERTIES:
        if MEETING.search(str(event.get(prop, ""))):
            return Kind.VIDEO
    location = " ".join(str(event.get("LOCATION", "")).split())
    if location and not ONLINE.match(location) and not PHONE_NUMBER.match(location):
        return Kind.IN_PERSON
    return Kind.OTHER
