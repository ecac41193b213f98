"""`netrack export ics`: pending follow-ups as all-day events a calendar app opens.

Each follow-up keeps one UID (from the uid of the interaction it follows), so importing
a newer export into the same calendar updates the event instead of adding a second one,
and another database's follow-ups never share it.

Text is made safe before icalendar escapes it: line breaks (CR LF, a lone CR) become LF,
which the format writes as `\\n`; every other control character (ESC, NUL, DEL, C1)
becomes a visible stand-in, so a name or note cannot add a property or reach a terminal
that shows the file.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime, timedelta

from icalendar import Calendar, Event, Timezone, TimezoneStandard

from netrack.data.repo import Repo
from netrack.domain.describe import people
from netrack.domain.entries import FollowUp

PRODID = "-//netrack//follow-ups//EN"
# C0 controls as Unicode control pictures (ESC → ␛), DEL as ␡, C1 as \x9b; TAB and LF stay.
_VISIBLE = {code: chr(0x2400 + code) for code in range(0x20) if code not in (0x09, 0x0A)}
_VISIBLE[0x7F] = "␡"
_VISIBLE.update({code: f"\\x{code:02x}" for code in range(0x80, 0xA0)})


def text(value: str) -> str:
    """`value` for an iCalendar TEXT property: line breaks as LF, other controls visible."""
    return value.replace("\r\n", "\n").replace("\r", "\n").translate(_VISIBLE)


def uid(follow_up: FollowUp) -> str:
    """The event's UID, from the interaction's own uid: the id alone was the same in every
    database (`follow-up-1@netrack`), and a calendar took a second history's follow-up
    for an update of the first's and replaced it (RFC 5545: a UID is globally unique)."""
    if follow_up.interaction_uid is None:  # another program's row: doctor names it
        return f"follow-up-{follow_up.interaction_id}@netrack"
    return f"follow-up-{text(follow_up.interaction_uid)}@netrack"


def _event(follow_up: FollowUp, campaign: str, stamp: datetime, labels: Mapping[int, str]) -> Event:
    # "Sam Lee (Acme), Sam Lee (Globex)": "Sam Lee, Sam Lee" said nobody which
    names = people(follow_up.contact_ids, follow_up.contact_names, labels)
    origin = f"{follow_up.kind.value.replace('_', ' ')} on {follow_up.origin_on.isoformat()}"
    lines = [f"With: {names}", f"Follows up: {origin}"]
    if campaign:
        lines.append(f"Campaign: {campaign}")
    if follow_up.note:
        lines.append(f"Note: {follow_up.note}")
    event = Event()
    event.add("uid", uid(follow_up))
    event.add("dtstamp", stamp)
    event.add("dtstart", follow_up.due)
    if follow_up.due < date.max:  # without DTEND an all-day event lasts that day (RFC 5545)
        event.add("dtend", follow_up.due + timedelta(days=1))
    event.add("summary", text(f"Follow up: {names}"))
    event.add("description", text("\n".join(lines)))
    event.add("transp", "TRANSPARENT")
    return event


def export_ics(repo: Repo) -> tuple[int, bytes]:
    """(how many follow-ups, the iCalendar bytes) for follow-ups not done by today."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "netrack follow-ups")
    stamp = datetime.now(UTC).replace(microsecond=0)
    pending = repo.activity.follow_ups(pending_on=repo.today())
    labels = repo.contacts.told_apart() if pending else {}
    for follow_up in pending:
        calendar.add_component(_event(follow_up, follow_up.campaign_name, stamp, labels))
    if not pending:
        # A VCALENDAR needs one component (RFC 5545, 3.6), and the file is still written:
        # a subscribed calendar refreshed with --force must lose its done follow-ups.
        calendar.add_component(_utc_timezone())
    return len(pending), calendar.to_ical()


def _utc_timezone() -> Timezone:
    """A VTIMEZONE for UTC: a valid component that calendar apps show nothing for."""
    standard = TimezoneStandard()
    standard.add("dtstart", datetime(1970, 1, 1))
    standard.add("tzoffsetfrom", timedelta(0))
    standard.add("tzoffsetto", timedelta(0))
    standard.add("tzname", "UTC")
    zone = Timezone()
    zone.add("tzid", "UTC")
    zone.add_component(standard)
    return zone
