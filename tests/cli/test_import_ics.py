"""`netrack import ics`, through the real command line: real exports of Google Calendar,
Outlook, Exchange, Thunderbird, Apple iCal and khal (tests/data/ics/README.md), each
imported twice, with counts made here from the file itself; kinds, declines, the future
and recurrence on a calendar written here; random bytes never crash."""

from __future__ import annotations

import re
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.cli.conftest import TODAY, Run, runner, sql

DATA = Path(__file__).resolve().parent.parent / "data" / "ics"


def rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as connection:
        return connection.execute(sql).fetchall()


def twice(run: Run, path: Path | str) -> tuple[list[str], list[str]]:
    first, second = run("import", "ics", str(path)), run("import", "ics", str(path))
    assert first.code == 0 and second.code == 0, first.err + second.err
    return first.out.splitlines(), second.out.splitlines()


def test_google_daily_series_counts_every_past_day(run: Run) -> None:
    # DTSTART 2012-08-01, FREQ=DAILY without end: one occurrence a day through today
    days = (date.fromisoformat(TODAY) - date(2012, 8, 1)).days + 1
    first, second = twice(run, DATA / "google-daily-recur.ics")
    line = f"  interactions: 0 added, 0 updated, {days} skipped (no attendee is a contact: {days})"
    assert first[1] == line and second[1] == line


def test_outlook_all_day_holidays_without_attendees_log_nothing(run: Run) -> None:
    text = (DATA / "outlook-2007-holidays.ics").read_text(encoding="utf-8")
    all_day = len(re.findall(r"^DTSTART;VALUE=DATE:(\d{4})", text, re.M))
    assert "RRULE" not in text.split("BEGIN:VEVENT", 1)[1]
    assert "ATTENDEE" not in text and "ORGANIZER" not in text
    first, second = twice(run, DATA / "outlook-2007-holidays.ics")
    line = (
        f"  interactions: 0 added, 0 updated, {all_day} skipped "
        f"(no attendee is a contact: {all_day})"
    )
    assert first[1] == line and second[1] == line


@pytest.mark.parametrize(
    ("name", "occurrences"),
    [
        ("exchange-2010.ics", 2),  # daily 04-26 … before 04-29 00:00, 04-27 excluded
        ("thunderbird-recurring.ics", 5),
        ("apple-ical-4.ics", 1),
    ],
)
def test_exports_without_attendees_log_nothing(run: Run, name: str, occurrences: int) -> None:
    first, second = twice(run, DATA / name)
    line = (
        f"  interactions: 0 added, 0 updated, {occurrences} skipped "
        f"(no attendee is a contact: {occurrences})"
    )
    assert first[1] == line and second[1] == line


def test_khal_attendees_by_email_and_name_a_decline_left_out(run: Run, db: Path) -> None:
    run("contact", "add", "Jane Doe")  # by name (CN)
    run("contact", "add", "John Q Public", "--email", "JQPublic@example.com")  # by email
    run("contact", "add", "Another", "--email", "another@example.com")  # declined
    first, second = twice(run, DATA / "khal-partstat.ics")
    assert first[1] == "  interactions: 1 added, 0 updated, 0 skipped"
    assert second[1] == "  interactions: 0 added, 0 updated, 1 skipped (already in netrack: 1)"
    assert rows(db, 'SELECT "on", kind, minutes, note FROM interaction') == [
        ("2014-04-09", "other", 60, "An Event")
    ]
    assert rows(
        db,
        "SELECT c.name FROM interaction_contact l JOIN contact c ON c.id = l.contact_id "
        "ORDER BY c.name",
    ) == [("Jane Doe",), ("John Q Public",)]


def event(uid: str, start: str, end: str, summary: str, *extra: str) -> str:
    lines = [
        "BEGIN:VEVENT",
        f"UID:{uid}",
        "DTSTAMP:20261101T000000Z",
        f"DTSTART;TZID=Europe/Madrid:{start}",
        f"DTEND;TZID=Europe/Madrid:{end}",
        f"SUMMARY:{summary}",
        *extra,
        "ATTENDEE;CN=Ana López;PARTSTAT=ACCEPTED:mailto:ana@example.com",
        "END:VEVENT",
    ]
    return "\r\n".join(lines)


CALENDAR = "\r\n".join(
    [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Google Inc//Google Calendar 70.9054//EN",
        "X-WR-CALNAME:sam@example.com",
        event(
            "zoom",
            "20261102T100000",
            "20261102T104500",
            "Intro call",
            "LOCATION:https://us02web.zoom.us/j/123",
        ),
        event(
            "meet",
            "20261103T100000",
            "20261103T103000",
            "Sync",
            "X-GOOGLE-CONFERENCE:https://meet.google.com/abc-defg-hij",
        ),
        event(
            "cafe",
            "20261104T090000",
            "20261104T100000",
            "Coffee",
            "LOCATION:Café Central\\, Madrid",
        ),
        event(
            "weekly", "20261105T090000", "20261105T091500", "Weekly", "RRULE:FREQ=WEEKLY;COUNT=6"
        ),
        event(
            "no",
            "20261106T090000",
            "20261106T100000",
            "Declined",
            "ATTENDEE;PARTSTAT=DECLINED:mailto:sam@example.com",
        ),
        event("later", "20261215T090000", "20261215T100000", "Next month"),
        "BEGIN:VEVENT\r\nUID:allday\r\nDTSTART;VALUE=DATE:20261110\r\nSUMMARY:Conference\r\n"
        "ATTENDEE;CN=Ana López:mailto:ana@example.com\r\nEND:VEVENT",
        "END:VCALENDAR",
        "",
    ]
)


def test_kinds_declines_recurrence_and_the_future(run: Run, db: Path, tmp_path: Path) -> None:
    run("contact", "add", "Ana López", "--email", "ana@example.com")
    path = tmp_path / "calendar.ics"
    path.write_text(CALENDAR, encoding="utf-8")

    first, second = twice(run, path)

    # weekly from 11-05, six times: 11-05, 12, 19, 26 are past (today 11-27), 12-03 … not
    assert first[1] == (
        "  interactions: 8 added, 0 updated, 2 skipped (declined: 1, in the future: 1)"
    )
    assert second[1] == (
        "  interactions: 0 added, 0 updated, 10 skipped "
        "(already in netrack: 8, declined: 1, in the future: 1)"
    )
    assert rows(db, 'SELECT "on", kind, minutes, note FROM interaction ORDER BY "on"') == [
        ("2026-11-02", "video", 45, "Intro call"),
        ("2026-11-03", "video", 30, "Sync"),
        ("2026-11-04", "in_person", 60, "Coffee"),
        ("2026-11-05", "other", 15, "Weekly"),
        ("2026-11-10", "other", 0, "Conference"),
        ("2026-11-12", "other", 15, "Weekly"),
        ("2026-11-19", "other", 15, "Weekly"),
        ("2026-11-26", "other", 15, "Weekly"),
    ]


def test_a_location_naming_a_meeting_tool_or_a_phone_is_no_physical_place(
    run: Run, db: Path, tmp_path: Path
) -> None:
    """Only "Zoom" read as online: "Google Meet", "Teams", a phone number … were logged
    `in_person` and counted as face to face. A tool's name without its link is `other`,
    as "Zoom" was; a place whose name starts like one ("Tel Aviv", "Callao") stays a place."""
    run("contact", "add", "Ana López", "--email", "ana@example.com")
    places = [
        "Zoom",
        "Google Meet",
        "Teams",
        "Microsoft Teams Meeting",
        "Skype",
        "Webex",
        "Phone call",
        "Phone: +34 600 123 456",
        "+1 415-555-0100",
        "tel:+14155550100",
        "Conference call",
        "Tel Aviv office",
        "Callao 12\\, Lima",
    ]
    events = [
        event(f"loc{day}", f"202611{day:02d}T090000", f"202611{day:02d}T093000", place,
              f"LOCATION:{place}")
        for day, place in enumerate(places, start=1)
    ]  # fmt: skip
    path = tmp_path / "locations.ics"
    path.write_text(
        "\r\n".join(
            ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//t//EN", *events, "END:VCALENDAR", ""]
        ),
        encoding="utf-8",
    )

    first = run("import", "ics", str(path))

    assert first.code == 0, first.err
    assert rows(db, 'SELECT note, kind FROM interaction ORDER BY "on"') == [
        *((place, "other") for place in places[:-2]),
        ("Tel Aviv office", "in_person"),
        ("Callao 12, Lima", "in_person"),  # the title's comma unescaped
    ]


def test_a_past_all_day_event_is_one_interaction_on_its_first_day_without_minutes(
    run: Run, db: Path, tmp_path: Path
) -> None:
    """All-day events with a contact were all skipped as "all-day". Past from their first
    day (today's too); a day blocked is no hours spent: 0 minutes."""
    run("contact", "add", "Ana López", "--email", "ana@example.com")

    def all_day(uid: str, first: str, title: str, *extra: str) -> str:
        return "\r\n".join(
            ["BEGIN:VEVENT", f"UID:{uid}", f"DTSTART;VALUE=DATE:{first}", f"SUMMARY:{title}",
             *extra, "ATTENDEE;CN=Ana López:mailto:ana@example.com", "END:VEVENT"]
        )  # fmt: skip

    events = [
        all_day("fair", "20261110", "Career fair", "DTEND;VALUE=DATE:20261113",
                "LOCATION:Messe Berlin"),
        all_day("offsite", "20261127", "Offsite"),  # today
        all_day("trip", "20261128", "Trip"),  # tomorrow
        all_day("monthly", "20260925", "Demo day", "RRULE:FREQ=MONTHLY;COUNT=3",
                "URL:https://meet.google.com/abc-defg-hij"),
        all_day("off", "20261102", "Cancelled", "STATUS:CANCELLED"),
    ]  # fmt: skip
    path = tmp_path / "all-day.ics"
    path.write_text(
        "\r\n".join(
            ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//t//EN", *events, "END:VCALENDAR", ""]
        ),
        encoding="utf-8",
    )

    first, second = twice(run, path)

    assert first[1] == (
        "  interactions: 5 added, 0 updated, 2 skipped (cancelled: 1, in the future: 1)"
    )
    assert second[1] == (
        "  interactions: 0 added, 0 updated, 7 skipped "
        "(already in netrack: 5, cancelled: 1, in the future: 1)"
    )
    assert rows(db, 'SELECT "on", kind, minutes, note FROM interaction ORDER BY "on"') == [
        ("2026-09-25", "video", 0, "Demo day"),
        ("2026-10-25", "video", 0, "Demo day"),
        ("2026-11-10", "in_person", 0, "Career fair"),
        ("2026-11-25", "video", 0, "Demo day"),
        ("2026-11-27", "other", 0, "Offsite"),
    ]


def test_a_meeting_every_invited_contact_declined_says_so(
    run: Run, db: Path, tmp_path: Path
) -> None:
    """It said "no attendee is a contact" of Bob, a contact; and "declined" is the
    user's own answer, not theirs."""
    run("contact", "add", "Bob Stone", "--email", "bob@x.example")
    path = tmp_path / "declined.ics"
    path.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VEVENT\r\nUID:d1\r\n"
        "DTSTART:20261112T090000Z\r\nDTEND:20261112T100000Z\r\nSUMMARY:Sync\r\n"
        "ATTENDEE;PARTSTAT=DECLINED:mailto:bob@x.example\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        encoding="utf-8",
    )

    first, _ = twice(run, path)

    assert first[1] == (
        "  interactions: 0 added, 0 updated, 1 skipped (every contact invited declined: 1)"
    )


def test_a_deleted_meeting_stays_deleted_and_standard_input_works(
    run: Run, db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import io
    import sys

    run("contact", "add", "Ana López", "--email", "ana@example.com")
    path = tmp_path / "calendar.ics"
    path.write_text(CALENDAR, encoding="utf-8")
    assert run("import", "ics", str(path)).code == 0
    with sqlite3.connect(db) as connection:
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute("DELETE FROM interaction WHERE note = 'Coffee'")

    class Piped(io.TextIOWrapper):
        def isatty(self) -> bool:
            return False

    monkeypatch.setattr(sys, "stdin", Piped(io.BytesIO(CALENDAR.encode())))
    again = run("import", "ics", "-")
    assert again.code == 0, again.err
    assert again.out.splitlines()[:2] == [
        "imported standard input:",
        "  interactions: 0 added, 0 updated, 10 skipped "
        "(already in netrack: 7, declined: 1, deleted in netrack: 1, in the future: 1)",
    ]
    assert rows(db, "SELECT count(*) FROM interaction") == [(7,)]


def test_not_a_calendar_is_one_line(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "notes.ics"
    path.write_text("hello\n", encoding="utf-8")
    result = run("import", "ics", str(path))
    assert result.code == 2
    assert result.err.strip() == f"netrack: {path}: not an iCalendar file (no BEGIN:VCALENDAR)"


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    junk=st.binary(max_size=300),
    lines=st.lists(
        st.sampled_from(
            [
                "BEGIN:VEVENT",
                "END:VEVENT",
                "DTSTART:20261101T100000Z",
                "DTSTART;VALUE=DATE:2026",
                "DTEND:20261101T090000Z",
                "RRULE:FREQ=DAILY;COUNT=x",
                "RRULE:FREQ=WEEKLY",
                "UID:a",
                "ATTENDEE:mailto:ana@example.com",
                "SUMMARY:\x1b[31m",
                "STATUS:CANCELLED",
                "EXDATE:garbage",
                "RECURRENCE-ID:20261102T100000Z",
                "DURATION:PT1H",
            ]
        ),
        max_size=14,
    ),
)
def test_random_bytes_and_events_never_crash(
    run: Run, tmp_path: Path, junk: bytes, lines: list[str]
) -> None:
    run("contact", "add", "Ana López", "--email", "ana@example.com")
    path = tmp_path / "random.ics"
    body = "\r\n".join(["BEGIN:VCALENDAR", "VERSION:2.0", *lines, "END:VCALENDAR"])
    for data in (junk, body.encode("utf-8")):
        path.write_bytes(data)
        result = run("import", "ics", str(path))
        assert result.code in (0, 2), result.err
        assert "Traceback" not in result.err
        if result.code == 2:
            assert len(result.err.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("zone", "start", "end", "minutes"),
    [
        ("Europe/Berlin", "20261025T013000", "20261025T043000", 240),  # clocks go back
        ("Europe/Berlin", "20260329T013000", "20260329T033000", 60),  # clocks go forward
        ("America/New_York", "20261101T003000", "20261101T023000", 180),
    ],
)
def test_minutes_are_elapsed_time_across_a_change_of_clocks(
    run: Run, db: Path, tmp_path: Path, zone: str, start: str, end: str, minutes: int
) -> None:
    """Two times of one zone subtracted as wall-clock times: a meeting from 01:30 CEST to
    04:30 CET read 180 minutes, not 240. A DURATION of hours is exact time as written
    (its end, worked out on the wall clock, is an hour off across the change)."""
    run("contact", "add", "Anand Rao", "--email", "anand@nw.example")
    path = tmp_path / "dst.ics"
    path.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VEVENT\r\nUID:dst-1\r\n"
        f"DTSTART;TZID={zone}:{start}\r\nDTEND;TZID={zone}:{end}\r\n"
        "SUMMARY:Overnight wrap-up\r\nATTENDEE:mailto:anand@nw.example\r\n"
        "END:VEVENT\r\nBEGIN:VEVENT\r\nUID:dst-2\r\n"
        f"DTSTART;TZID={zone}:{start}\r\nDURATION:PT{minutes}M\r\n"
        "SUMMARY:The same, by its length\r\nATTENDEE:mailto:anand@nw.example\r\n"
        "END:VEVENT\r\nEND:VCALENDAR\r\n",
        encoding="utf-8",
    )
    assert run("import", "ics", str(path)).code == 0
    assert rows(db, 'SELECT "minutes" FROM "interaction"') == [(minutes,), (minutes,)]


def test_two_occurrences_the_same_day_are_not_called_imported_before(
    run: Run, tmp_path: Path
) -> None:
    """Re-imports are keyed on the event and the day (SPEC), so a series that meets
    twice a day is logged once a day; a first import called the second one "already in
    netrack". Run again, it counts them as the first did: two meetings in netrack, not
    four."""
    run("contact", "add", "Anand Rao", "--email", "anand@nw.example")
    path = tmp_path / "twice.ics"
    path.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VEVENT\r\n"
        "UID:twice-daily\r\nDTSTART:20261101T090000Z\r\nDTEND:20261101T093000Z\r\n"
        "RRULE:FREQ=DAILY;BYHOUR=9,15;COUNT=4\r\nSUMMARY:Mentoring block\r\n"
        "ATTENDEE:mailto:anand@nw.example\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        encoding="utf-8",
    )
    first, second = twice(run, path)
    assert first[1] == (
        "  interactions: 2 added, 0 updated, 2 skipped (another occurrence the same day: 2)"
    )
    assert second[1] == (
        "  interactions: 0 added, 0 updated, 4 skipped"
        " (already in netrack: 2, another occurrence the same day: 2)"
    )


def test_a_meeting_with_an_archived_contact_is_skipped_and_named_once(
    run: Run, db: Path, tmp_path: Path
) -> None:
    # `log --with "Ana López"` refuses an archived contact: the import does as the CLI
    run("contact", "add", "Ana López", "--email", "ana@example.com")
    run("contact", "archive", "Ana López")
    path = tmp_path / "calendar.ics"
    path.write_text(CALENDAR, encoding="utf-8")

    archived = run("import", "ics", str(path))

    assert archived.code == 0, archived.err
    assert archived.out.splitlines()[1] == (
        "  interactions: 0 added, 0 updated, 10 skipped (declined: 1, in the future: 1, "
        "with an archived contact: 8); archived, so left out: Ana López "
        "(unarchive them, then import again)"
    )
    assert rows(db, "SELECT count(*) FROM interaction") == [(0,)]
    run("contact", "unarchive", "Ana López")
    back = run("import", "ics", str(path))
    assert back.out.splitlines()[1].startswith("  interactions: 8 added")


MADRID = "Europe/Madrid"  # as `event` writes its times


def weekly_moved_to(day: str) -> str:
    """A weekly series of three from 2026-11-02 whose second occurrence (11-09) is moved
    to `day` (RECURRENCE-ID), as Google writes one."""
    series = event(
        "weekly", "20261102T100000", "20261102T103000", "1:1", "RRULE:FREQ=WEEKLY;COUNT=3"
    )
    moved = f"RECURRENCE-ID;TZID={MADRID}:20261109T100000"
    override = event("weekly", f"{day}T100000", f"{day}T103000", "1:1", moved)
    head = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Google Inc//Google Calendar//EN"]
    return "\r\n".join([*head, series, override, "END:VCALENDAR", ""])


def test_an_occurrence_moved_again_in_a_newer_export_is_the_same_occurrence(
    run: Run, db: Path, tmp_path: Path
) -> None:
    # Its identity is UID + the occurrence it replaces (RECURRENCE-ID), not its new day
    run("contact", "add", "Ana López", "--email", "ana@example.com")
    older, newer = tmp_path / "older.ics", tmp_path / "newer.ics"
    older.write_text(weekly_moved_to("20261110"), encoding="utf-8")
    newer.write_text(weekly_moved_to("20261111"), encoding="utf-8")

    first, moved = run("import", "ics", str(older)), run("import", "ics", str(newer))

    assert first.out.splitlines()[1] == "  interactions: 3 added, 0 updated, 0 skipped"
    assert moved.out.splitlines()[1] == (
        "  interactions: 0 added, 0 updated, 3 skipped "
        "(already in netrack: 2, in netrack with other values, netrack's kept: 1)"
    )
    assert rows(db, 'SELECT "on" FROM interaction ORDER BY "on"') == [
        ("2026-11-02",),
        ("2026-11-10",),
        ("2026-11-16",),
    ]


def test_a_moved_occurrence_an_older_netrack_keyed_on_its_new_day_is_known(
    run: Run, db: Path, tmp_path: Path
) -> None:
    run("contact", "add", "Ana López", "--email", "ana@example.com")
    path = tmp_path / "older.ics"
    path.write_text(weekly_moved_to("20261110"), encoding="utf-8")
    run("import", "ics", str(path))
    # what netrack stored before: the day the occurrence was moved to
    sql(db, "UPDATE imported_event SET key = 'weekly|2026-11-10' WHERE key = 'weekly|2026-11-09'")

    again = run("import", "ics", str(path))

    assert again.out.splitlines()[1] == (
        "  interactions: 0 added, 0 updated, 3 skipped (already in netrack: 3)"
    )


def test_an_occurrence_moved_onto_another_ones_day_is_imported_not_called_deleted(
    run: Run, db: Path, tmp_path: Path
) -> None:
    # Friday's standup moved to Thursday, which has its own: the day it was moved to is
    # the key of Thursday's occurrence, which a first import had just added, and it read
    # that key as an older netrack's for the moved one, "deleted in netrack"
    run("contact", "add", "Ana López", "--org", "Acme", "--email", "ana@acme.com")
    path = tmp_path / "standup.ics"
    path.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n"
        "BEGIN:VEVENT\r\nUID:daily@test\r\nDTSTART:20261102T100000Z\r\n"
        "DTEND:20261102T101500Z\r\nRRULE:FREQ=DAILY;COUNT=5\r\nSUMMARY:Standup\r\n"
        "ATTENDEE;CN=Ana:mailto:ana@acme.com\r\nEND:VEVENT\r\n"
        "BEGIN:VEVENT\r\nUID:daily@test\r\nRECURRENCE-ID:20261106T100000Z\r\n"
        "DTSTART:20261105T140000Z\r\nDTEND:20261105T141500Z\r\n"
        "SUMMARY:Standup (Friday's, on Thursday)\r\n"
        "ATTENDEE;CN=Ana:mailto:ana@acme.com\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        encoding="utf-8",
    )

    first, second = twice(run, path)

    # Keyed on UID and the occurrence it replaces (SPEC): Friday's is not Thursday's
    assert first[1] == "  interactions: 5 added, 0 updated, 0 skipped"
    assert second[1] == "  interactions: 0 added, 0 updated, 5 skipped (already in netrack: 5)"
    assert rows(db, 'SELECT "on", note FROM interaction ORDER BY "on", id')[-2:] == [
        ("2026-11-05", "Standup"),
        ("2026-11-05", "Standup (Friday's, on Thursday)"),
    ]


def test_a_meeting_changed_in_the_calendar_since_is_said_to_differ(
    run: Run, db: Path, tmp_path: Path
) -> None:
    run("contact", "add", "Ana López", "--email", "ana@example.com")
    path = tmp_path / "calendar.ics"
    head = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Google Inc//Google Calendar//EN"]
    coffee = event("a1", "20261103T100000", "20261103T110000", "Coffee with Ana")
    path.write_text("\r\n".join([*head, coffee, "END:VCALENDAR", ""]), encoding="utf-8")
    run("import", "ics", str(path))
    longer = event("a1", "20261103T100000", "20261103T123000", "Coffee with Ana and the CTO")
    path.write_text("\r\n".join([*head, longer, "END:VCALENDAR", ""]), encoding="utf-8")

    again = run("import", "ics", str(path))

    assert again.out.splitlines()[1] == (
        "  interactions: 0 added, 0 updated, 1 skipped "
        "(in netrack with other values, netrack's kept: 1)"
    )
    assert rows(db, "SELECT minutes, note FROM interaction") == [(60, "Coffee with Ana")]


def test_two_databases_follow_ups_never_share_a_uid_and_import_logs_none_back(
    run: Run,
    db: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Every database's first follow-up was `UID:follow-up-1@netrack`: a calendar took a
    second client's follow-up for an update of the first and replaced it. Each follow-up
    keeps its UID from one export to the next (the calendar updates it), and importing
    netrack's own export logs nothing."""
    other = runner(tmp_path / "other.db", capsys)
    exported: list[dict[str, str]] = []
    for on, name in ((run, "Ann"), (other, "Bob")):
        assert on("contact", "add", name).code == 0
        assert on("log", f"@{name} fu:+3d call about it").code == 0
        ics = on("export", "ics", "--out", "-").out
        assert on("export", "ics", "--out", "-").out.split("DTSTAMP")[0] == ics.split("DTSTAMP")[0]
        exported.append(dict(re.findall(r"^(UID|SUMMARY):(.*?)\r$", ics, re.M)))
    assert [e["SUMMARY"] for e in exported] == ["Follow up: Ann", "Follow up: Bob"]
    assert exported[0]["UID"] != exported[1]["UID"]
    for events, where in zip(exported, (db, tmp_path / "other.db"), strict=True):
        (uid,) = rows(where, 'SELECT "uid" FROM "interaction"')
        assert events["UID"] == f"follow-up-{uid[0]}@netrack"

    own = tmp_path / "own.ics"
    assert run("export", "ics", "--out", str(own)).code == 0
    monkeypatch.setenv("NETRACK_TODAY", "2026-12-15")  # its day past: no longer "the future"
    imported = run("import", "ics", str(own))
    assert imported.code == 0
    assert imported.out.splitlines()[1] == (
        "  interactions: 0 added, 0 updated, 1 skipped (no attendee is a contact: 1)"
    )
    assert rows(db, 'SELECT COUNT(*) FROM "interaction"') == [(1,)]
