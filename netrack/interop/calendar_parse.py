"""Reading a calendar file as icalendar does, but a broken alarm or time zone costs no
more than itself (SPEC, Data and safety: one malformed record is not a reason to refuse
the whole file).

icalendar tolerates a bad value inside an event (it becomes `vBroken`, which the import
skips that event for), but one inside a VALARM or a VTIMEZONE ends the whole parse. An
import reads no alarm, so a broken one is kept broken and ignored. A time zone that
cannot be built is left out of icalendar's zones: its events read as a TZID icalendar
does not know (times of the day as written, like any unknown zone), and the rest of the
file is read as before.

This leans on two hooks of icalendar 7 (`_get_ical_parser`, the component factory): if a
later icalendar drops them, parsing is strict again and the tests say so.
"""

from __future__ import annotations

from icalendar import Calendar
from icalendar.cal.alarm import Alarm
from icalendar.cal.component_factory import ComponentFactory
from icalendar.cal.timezone import Timezone, TimezoneDaylight, TimezoneStandard
from icalendar.parser.ical.component import ComponentIcalParser


def _tolerant_components() -> ComponentFactory:
    """icalendar's components, the alarm and time zone parts keeping a bad value as
    broken (as an event does) instead of raising."""
    factory = ComponentFactory()
    for strict in (Alarm, Timezone, TimezoneStandard, TimezoneDaylight):
        factory.add_component_class(type(strict.__name__, (strict,), {"ignore_exceptions": True}))
    return factory


_COMPONENTS = _tolerant_components()


class _Parser(ComponentIcalParser):
    def handle_end_component(self, vals: str) -> None:
        try:
            super().handle_end_component(vals)
        except Exception:
            # Raised while building the zone, after the component was kept: without
            # it, the TZID is one icalendar does not know.
            if vals.upper() != "VTIMEZONE":
                raise


class _TolerantCalendar(Calendar):
    @classmethod
    def _get_ical_parser(cls, st: str | bytes) -> ComponentIcalParser:
        return _Parser(st, _COMPONENTS, cls.types_factory)


def calendars_in(text: str) -> list[Calendar]:
    """The VCALENDARs of `text` (icalendar's errors for a file it cannot read at all)."""
    found = _TolerantCalendar.from_ical(text, multiple=True)
    return [c for c in found if isinstance(c, Calendar)]
