"""`import ics`: a broken part of a calendar other than an event (an alarm, a time zone,
a to-do, a component of a vendor's own) costs no more than itself; the events import
(SPEC, Data and safety). Each of these refused the whole file, or hung, before.

Each case runs in both styles of tests/interop/test_calendar_bad_events.py: a plain
export, and Google's (X-WR-TIMEZONE), which hands the calendar to the recurrence library.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from netrack.data.repo import Repo
from tests.interop.test_calendar_bad_events import GOOD, STYLES, imported, write


def _lines(*lines: str) -> bytes:
    return "".join(f"{line}\r\n" for line in lines).encode()


def _zone(tzid: str, *parts: str) -> bytes:
    return _lines("BEGIN:VTIMEZONE", f"TZID:{tzid}", *parts, "END:VTIMEZONE")


def _standard(start: str = "19701025T030000", offset: str = "+0100", *more: str) -> tuple[str, ...]:
    return ("BEGIN:STANDARD", f"DTSTART:{start}", "TZOFFSETFROM:+0100", f"TZOFFSETTO:{offset}",
            *more, "END:STANDARD")  # fmt: skip


def _with(path: Path, block: bytes, where: bytes = b"BEGIN:VEVENT") -> Path:
    """`path` with `block` put before the first `where` (the first event: a calendar's
    own components come before its events, or after them: see `_after_events`)."""
    path.write_bytes(path.read_bytes().replace(where, block + where, 1))
    return path


def _after_events(path: Path, block: bytes) -> Path:
    return _with(path, block, b"END:VCALENDAR")


LATE = ("late@x", "DTSTART;TZID=Nowhere/Broken:20261121T233000",
        "DTEND;TZID=Nowhere/Broken:20261121T235500", "Late")  # fmt: skip
BROKEN_ZONES = {
    "a bad date": _zone("Nowhere/Broken", *_standard(start="1970XX01T000000")),
    "an offset of a day": _zone("Nowhere/Broken", *_standard(offset="+2400")),
    "no offset at all": _zone("Nowhere/Broken"),
    # dateutil computed an offset of this zone for minutes on end (killed at 60 s)
    "a rule every second": _zone(
        "Nowhere/Broken",
        *_standard("19700101T000000", "+0100", "RRULE:FREQ=SECONDLY;INTERVAL=2"),
        *(
            "BEGIN:DAYLIGHT",
            "DTSTART:19700101T000001",
            "RRULE:FREQ=SECONDLY;INTERVAL=2",
            "TZOFFSETFROM:+0100",
            "TZOFFSETTO:+0200",
            "END:DAYLIGHT",
        ),
    ),
}


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("zone", BROKEN_ZONES.values(), ids=BROKEN_ZONES)
def test_a_time_zone_that_cannot_be_built_reads_its_events_as_written(
    repo: Repo, tmp_path: Path, style: str, zone: bytes
) -> None:
    """Its events read as icalendar reads any zone it does not know: the day and the
    time as written (23:30 stays on the 21st)."""
    path = _with(write(tmp_path, style, GOOD, LATE), zone)
    # A zone's name of its own: icalendar keeps the zones it built for the process.
    own = f"Nowhere/{tmp_path.name}".encode()
    path.write_bytes(path.read_bytes().replace(b"Nowhere/Broken", own))

    summary, rows = imported(repo, path)

    assert "interactions: 2 added, 0 updated, 0 skipped" in summary, summary
    assert rows == [("2026-11-21", 25, "Late"), ("2026-11-20", 60, "Good")]


def test_a_zone_that_repeats_every_second_takes_no_time(tmp_path: Path) -> None:
    """The real command, bounded: the import hung in dateutil before (killed at 60 s)."""
    path = _with(write(tmp_path, "plain", GOOD, LATE), BROKEN_ZONES["a rule every second"])
    db = tmp_path / "n.db"
    env = {"NETRACK_TODAY": "2026-11-27", "PATH": "/usr/bin:/bin"}
    run = [sys.executable, "-m", "netrack", "import", "ics", str(path), "--db", str(db)]

    result = subprocess.run(run, capture_output=True, text=True, timeout=60, env=env)

    assert result.returncode == 0, result.stderr
    assert "interactions: 0 added, 0 updated, 2 skipped (no attendee is a contact: 2)" in (
        result.stdout
    )


def test_a_zone_defined_after_the_events_that_use_it_still_places_them(
    repo: Repo, tmp_path: Path, local_zone: Callable[[str], None]
) -> None:
    """RFC 5545 lets a VTIMEZONE come anywhere: 08:00 on the 26th at +14:00 is 18:00 UTC
    on the 25th, over by the end of "today" (a floating 08:00 on the 26th would not be),
    and dated the 25th on a clock in UTC."""
    local_zone("UTC")
    zone = _zone("Custom/Plus14", *_standard(offset="+1400"))
    zone = zone.replace(b"TZOFFSETFROM:+0100", b"TZOFFSETFROM:+1400")
    early = ("early@x", "DTSTART;TZID=Custom/Plus14:20261126T080000",
             "DTEND;TZID=Custom/Plus14:20261126T083000", "Early")  # fmt: skip
    path = _after_events(write(tmp_path, "plain", GOOD, early), zone)

    summary, rows = imported(repo, path)

    assert "interactions: 2 added, 0 updated, 0 skipped" in summary, summary
    assert ("2026-11-25", 30, "Early") in rows


@pytest.mark.parametrize("style", STYLES)
def test_a_broken_alarm_is_ignored_and_its_event_imports(
    repo: Repo, tmp_path: Path, style: str
) -> None:
    """netrack reads no alarm: one whose TRIGGER is no duration refused the whole file."""
    alarm = ("BEGIN:VALARM", "ACTION:DISPLAY", "TRIGGER:-PTXM", "END:VALARM")
    path = write(
        tmp_path,
        style,
        GOOD,
        ("alarm@x", "DTSTART:20261121T100000Z", "DTEND:20261121T103000Z", "Alarmed", *alarm),
    )

    summary, rows = imported(repo, path)

    assert "interactions: 2 added, 0 updated, 0 skipped" in summary, summary
    assert rows == [("2026-11-21", 30, "Alarmed"), ("2026-11-20", 60, "Good")]


OTHER_PARTS = {
    "a to-do": _lines("BEGIN:VTODO", "UID:t@x", "DTSTART:2026XX01", "END:VTODO"),
    "a journal entry": _lines("BEGIN:VJOURNAL", "UID:j@x", "DTSTART:2026XX01", "END:VJOURNAL"),
    "a vendor's own": _lines("BEGIN:X-VENDOR", "DTSTART:2026XX01", "END:X-VENDOR"),
}


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("part", OTHER_PARTS.values(), ids=OTHER_PARTS)
def test_a_broken_component_that_is_no_event_is_ignored(
    repo: Repo, tmp_path: Path, style: str, part: bytes
) -> None:
    path = _with(write(tmp_path, style, GOOD), part)

    summary, rows = imported(repo, path)

    assert "interactions: 1 added, 0 updated, 0 skipped" in summary, summary
    assert rows == [("2026-11-20", 60, "Good")]


@pytest.mark.parametrize("style", STYLES)
def test_an_event_without_a_start_is_counted_and_the_rest_imports(
    repo: Repo, tmp_path: Path, style: str
) -> None:
    """The recurrence library stopped at it: "cannot expand its events ('DTSTART')"."""
    path = write(tmp_path, style, GOOD, ("nostart@x", "DTEND:20261121T110000Z", "", "Nowhen"))

    summary, rows = imported(repo, path)

    assert "interactions: 1 added, 0 updated, 1 skipped (without a start: 1)" in summary, summary
    assert rows == [("2026-11-20", 60, "Good")]


@pytest.mark.parametrize("named", ["Nowhere/Broken", ""])
def test_a_calendar_zone_python_does_not_know_reads_times_as_written(
    repo: Repo, tmp_path: Path, named: str
) -> None:
    """Google's X-WR-TIMEZONE naming a zone Python does not know refused the file."""
    path = write(tmp_path, "google", GOOD, LATE)
    path.write_bytes(
        path.read_bytes().replace(b"X-WR-TIMEZONE:UTC", f"X-WR-TIMEZONE:{named}".encode())
    )

    summary, rows = imported(repo, path)

    assert "interactions: 2 added, 0 updated, 0 skipped" in summary, summary
    assert rows == [("2026-11-21", 25, "Late"), ("2026-11-20", 60, "Good")]


def test_a_component_never_ended_is_said_so(repo: Repo, tmp_path: Path) -> None:
    """It used to say "no VCALENDAR", of a file that begins with one."""
    path = _with(
        write(tmp_path, "plain", GOOD), _lines("BEGIN:VALARM", "ACTION:DISPLAY"), b"END:VEVENT"
    )

    with pytest.raises(Exception, match="a BEGIN without its END"):
        imported(repo, path)
    assert repo.activity.interactions() == []


def test_a_calendar_without_events_says_so_in_zeros(repo: Repo, tmp_path: Path) -> None:
    path = write(tmp_path, "plain")

    summary, rows = imported(repo, path)

    assert summary.splitlines()[1:] == ["  interactions: 0 added, 0 updated, 0 skipped"]
    assert rows == []
