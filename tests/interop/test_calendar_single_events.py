"""Events that happen once skip the recurrence library: the result must not change.

`calendar._split` hands single events straight to the import and the rest to
`recurring-ical-events`. Every calendar of tests/data/ics (Google, Outlook, Exchange,
Apple, Thunderbird, khal), plus one written here with the cases at the edge, is imported
both ways, with every attendee a contact: the same summary and the same interactions.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from netrack.data.repo import Repo
from netrack.interop import api, calendar

DATA = Path(__file__).resolve().parents[1] / "data" / "ics"
TODAY = date(2026, 11, 27)
EDGES = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//netrack tests//EN
BEGIN:VEVENT
UID:once@x
DTSTART:20260310T090000Z
DTEND:20260310T100000Z
SUMMARY:Once
ATTENDEE;CN=Ana:mailto:ana@example.com
END:VEVENT
BEGIN:VEVENT
UID:floating@x
DTSTART:20260311T090000
DTEND:20260311T093000
SUMMARY:Floating
ATTENDEE:mailto:ana@example.com
END:VEVENT
BEGIN:VEVENT
UID:weekly@x
DTSTART:20261001T090000Z
DTEND:20261001T100000Z
RRULE:FREQ=WEEKLY;COUNT=12
SUMMARY:Weekly
ATTENDEE:mailto:ana@example.com
END:VEVENT
BEGIN:VEVENT
UID:weekly@x
RECURRENCE-ID:20261008T090000Z
DTSTART:20261009T090000Z
DTEND:20261009T100000Z
SUMMARY:Weekly moved
ATTENDEE:mailto:ana@example.com
END:VEVENT
BEGIN:VEVENT
UID:duration@x
DTSTART:20260312T090000Z
DURATION:PT45M
SUMMARY:With a duration
ATTENDEE:mailto:ana@example.com
END:VEVENT
BEGIN:VEVENT
UID:allday@x
DTSTART;VALUE=DATE:20260313
SUMMARY:All day
ATTENDEE:mailto:ana@example.com
END:VEVENT
BEGIN:VEVENT
UID:future@x
DTSTART:20270101T090000Z
DTEND:20270101T100000Z
SUMMARY:Next year
ATTENDEE:mailto:ana@example.com
END:VEVENT
BEGIN:VEVENT
UID:today@x
DTSTART:20261127T090000Z
DTEND:20261127T100000Z
SUMMARY:Today
ATTENDEE:mailto:ana@example.com
END:VEVENT
END:VCALENDAR
"""


def files(tmp_path: Path) -> list[Path]:
    edges = tmp_path / "edges.ics"
    edges.write_text(EDGES.replace("\n", "\r\n"), encoding="utf-8")
    return [*sorted(DATA.glob("*.ics")), edges]


def import_both_ways(tmp_path: Path, source: Path, name: str) -> tuple[str, list[tuple]]:
    repo = Repo.open(tmp_path / f"{name}.db", clock=lambda: TODAY)
    try:
        text = source.read_text(encoding="utf-8", errors="replace")
        emails = sorted(set(re.findall(r"mailto:([^\s;:\"]+@[^\s;:\"]+)", text, re.I)))
        for n, email in enumerate(emails):
            repo.contacts.add(f"Person {n}", email=email)
        summary = api.import_file(repo, "ics", source)
        rows = sorted(
            (i.on, i.kind, i.minutes, i.note, tuple(sorted(i.contact_ids)))
            for i in repo.activity.interactions()
        )
        return summary, rows
    finally:
        repo.close()


@pytest.mark.parametrize("index", range(7))
def test_single_events_import_as_the_library_expands_them(tmp_path, monkeypatch, index):
    source = files(tmp_path)[index]
    fast = import_both_ways(tmp_path, source, "fast")
    monkeypatch.setattr(calendar, "_split", lambda cal: ([], cal))  # everything expanded
    slow = import_both_ways(tmp_path, source, "slow")
    assert fast == slow


def test_the_edges_take_both_paths(tmp_path):
    source = files(tmp_path)[-1]
    from icalendar import Calendar

    single, rest = calendar._split(Calendar.from_ical(source.read_text()))
    assert sorted(str(e["UID"]) for e in single) == ["allday@x", "floating@x", "future@x", "once@x", "today@x"]  # fmt: skip
    assert rest is not None
    assert sorted(str(e["UID"]) for e in rest.walk("VEVENT")) == ["duration@x", "weekly@x", "weekly@x"]  # fmt: skip


def test_the_edges_import(tmp_path):
    summary, rows = import_both_ways(tmp_path, files(tmp_path)[-1], "edges")
    notes = [row[3] for row in rows]
    assert notes.count("Weekly") == 8 and "Weekly moved" in notes  # 9 by 11-26, 1 moved
    assert {"Once", "Floating", "With a duration", "Today", "All day"} <= set(notes)
    assert "Next year" not in notes
    assert "in the future: 1" in summary
