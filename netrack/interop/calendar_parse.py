"""Reading a calendar file as icalendar does, but a broken component other than an event
costs no more than itself (SPEC, Data and safety: one malformed record is not a reason
to refuse the whole file).

icalendar tolerates a bad value inside an event (it becomes `vBroken`, for which the
import skips that event), but one inside any other component ends the whole parse. An
import reads events only, so every other component keeps a bad value broken, as an event
does. A time zone that is broken, or whose rule repeats more often than monthly (its
offsets would take forever to compute), is left out of the file: its events read as
under a TZID icalendar does not know (the times of day as written), and so do the events
of a calendar-wide X-WR-TIMEZONE that Python does not know.

This leans on hooks of icalendar 7 (`_get_ical_parser`, the component factory): if a
later icalendar drops them, parsing is strict again and the tests say so.
"""

from __future__ import annotations

import re
import zoneinfo
from typing import Any

from icalendar import Calendar
from icalendar.cal.component import Component
from icalendar.cal.component_factory import ComponentFactory
from icalendar.parser.ical.calendar import CalendarIcalParser
from icalendar.parser.ical.component import ComponentIcalParser

ZONE_PARTS = ("STANDARD", "DAYLIGHT")
BROKEN = "X-NETRACK-BROKEN"  # marks a zone left out, between parsing and `calendars_in`
# A zone's offsets change yearly (RFC 5545's rules are FREQ=YEARLY; monthly is let
# through): one that changes more often is no zone, and dateutil spins for minutes over a rule every second.
ZONE_FREQUENCIES = frozenset({"YEARLY", "MONTHLY"})


class _Components(ComponentFactory):
    """icalendar's components, each but the calendar and the event (tolerant already)
    keeping a bad value broken instead of raising; unknown ones (X-…) too."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for strict in list(self.values()):
            if strict is not Calendar and not strict.ignore_exceptions:
                self.add_component_class(_tolerant(strict))

    def get_component_class(self, name: str) -> type[Component]:
        if self.get(name) is None:
            plain = type(re.sub(r"[^\w]+", "", name) or "X", (Component,), {"name": name.upper()})
            self.add_component_class(_tolerant(plain))
        return super().get_component_class(name)


def _tolerant(strict: type[Component]) -> type[Component]:
    return type(strict.__name__, (strict,), {"ignore_exceptions": True})


_COMPONENTS = _Components()


def _broken_zone(zone: Component) -> bool:
    """Whether a VTIMEZONE cannot be built as icalendar would (a bad value in it or
    its parts), or would take forever to compute (a rule more often than monthly)."""
    if zone.errors or any(part.errors for part in zone.subcomponents):
        return True
    if not any(part.name in ZONE_PARTS for part in zone.subcomponents):
        return True  # no offset at all
    for part in zone.subcomponents:
        if part.name not in ZONE_PARTS:
            continue
        rules = part.get("RRULE")
        for rule in rules if isinstance(rules, list) else [rules] if rules else []:
            frequency = str((rule.get("FREQ") or ["YEARLY"])[0]).upper()
            if frequency not in ZONE_FREQUENCIES:
                return True
    return False


class _Parser(CalendarIcalParser):
    def handle_end_component(self, vals: str) -> None:
        zone = self.component if vals.upper() == "VTIMEZONE" else None
        if zone is None:
            super().handle_end_component(vals)
            return
        broken = _broken_zone(zone)
        # Ended without its TZID, a broken zone is not built as the zone of that name
        # (which raises, or never returns); `calendars_in` drops it after.
        tzid = zone.pop("TZID", None) if broken else None
        try:
            super().handle_end_component(vals)
        except Exception:  # building it failed, once icalendar had kept it: as broken
            broken = True
        if tzid is not None:
            zone["TZID"] = tzid
        if broken:
            zone[BROKEN] = "1"


class _TolerantCalendar(Calendar):
    @classmethod
    def _get_ical_parser(cls, st: str | bytes) -> ComponentIcalParser:
        return _Parser(st, _COMPONENTS, cls.types_factory)


def calendars_in(text: str) -> list[Calendar]:
    """The VCALENDARs of `text` (icalendar's errors for a file it cannot read at all),
    without the zones that cannot be built."""
    calendars = [
        c for c in _TolerantCalendar.from_ical(text, multiple=True) if isinstance(c, Calendar)
    ]
    for calendar in calendars:
        calendar.subcomponents = [c for c in calendar.subcomponents if BROKEN not in c]
        named = str(calendar.get("X-WR-TIMEZONE", "")).strip()
        if "X-WR-TIMEZONE" in calendar and not _known_zone(named):
            del calendar["X-WR-TIMEZONE"]
    return calendars


def _known_zone(key: str) -> bool:
    try:
        zoneinfo.ZoneInfo(key)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True
