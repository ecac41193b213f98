"""History imported again on a machine in another time zone adds nothing: an occurrence
of a calendar series at 23:00 UTC is the next day in Berlin, and a LinkedIn message at
23:30 UTC too. Keyed on their day alone, each was added a second time, a day later
(the scorecard's meetings doubled). Their instant in UTC is kept with them now, and
`export json` / `import json` carry it."""

from __future__ import annotations

import json
import sqlite3
import subprocess
from collections.abc import Callable
from pathlib import Path

from tests.interop.conftest import snapshot

Run = Callable[..., subprocess.CompletedProcess[str]]
Zone = Callable[[str], None]

MESSAGES = (
    "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,DATE,SUBJECT,CONTENT,FOLDER\n"
)
# Late in the UTC day: the next day in Berlin (TODAY is 2026-11-25)
LATE = "c1,,Ana López,,Sam Rivera,2026-11-10 23:30:00 UTC,,late hello,INBOX\n"
EARLY = "c2,,Ana López,,Sam Rivera,2026-11-12 09:00:00 UTC,,morning,INBOX\n"


def series(rule: str) -> str:
    """A series at 23:00 UTC from Monday 2 November with Ana, repeating by `rule`."""
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\nBEGIN:VEVENT\r\n"
        "UID:late-sync\r\nDTSTART:20261102T230000Z\r\nDTEND:20261102T233000Z\r\n"
        f"RRULE:{rule}\r\nSUMMARY:Late sync\r\n"
        "ATTENDEE;CN=Ana López:mailto:ana@example.com\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )


def with_ana(run: Run, db: Path) -> None:
    added = run("contact", "add", "Ana López", "--email", "ana@example.com", db=db)
    assert added.returncode == 0, added.stderr


def imports(run: Run, db: Path, zone: str, local_zone: Zone, kind: str, path: Path) -> str:
    """The import's line of interactions, run on a machine in `zone`."""
    local_zone(zone)
    done = run("import", kind, path, *(["--me", "Sam Rivera"] if kind == "linkedin" else []), db=db)
    assert done.returncode == 0, done.stderr
    return done.stdout.splitlines()[1]


def interactions(db: Path) -> list[tuple[str, str, str]]:
    with sqlite3.connect(db) as connection:
        rows = connection.execute('SELECT "on", kind, note FROM interaction ORDER BY "on", id')
        return [(str(on)[:10], kind, note) for on, kind, note in rows]


def test_a_weekly_series_imported_again_in_another_zone_adds_nothing(
    run_cli: Run, tmp_path: Path, local_zone: Zone
) -> None:
    db, ics = tmp_path / "netrack.db", tmp_path / "calendar.ics"
    with_ana(run_cli, db)
    ics.write_text(series("FREQ=WEEKLY;COUNT=4"), encoding="utf-8")

    first = imports(run_cli, db, "UTC", local_zone, "ics", ics)
    berlin = imports(run_cli, db, "Europe/Berlin", local_zone, "ics", ics)
    pacific = imports(run_cli, db, "America/Los_Angeles", local_zone, "ics", ics)

    assert first == "  interactions: 4 added, 0 updated, 0 skipped"
    assert berlin == "  interactions: 0 added, 0 updated, 4 skipped (already in netrack: 4)"
    assert pacific == berlin
    assert [on for on, _, _ in interactions(db)] == [
        "2026-11-02",
        "2026-11-09",
        "2026-11-16",
        "2026-11-23",
    ]


def test_a_daily_series_keeps_neighbouring_days_apart(
    run_cli: Run, tmp_path: Path, local_zone: Zone
) -> None:
    """In Berlin, Monday's call at 23:00 UTC has Tuesday's day: the day key of UTC's
    Tuesday call. A newer export's one new call is one more, not two."""
    db, ics = tmp_path / "netrack.db", tmp_path / "calendar.ics"
    with_ana(run_cli, db)
    ics.write_text(series("FREQ=DAILY;COUNT=3"), encoding="utf-8")
    assert imports(run_cli, db, "UTC", local_zone, "ics", ics).startswith("  interactions: 3 added")
    ics.write_text(series("FREQ=DAILY;COUNT=4"), encoding="utf-8")

    again = imports(run_cli, db, "Europe/Berlin", local_zone, "ics", ics)

    assert again == "  interactions: 1 added, 0 updated, 3 skipped (already in netrack: 3)"
    assert [on for on, _, _ in interactions(db)] == [
        "2026-11-02",
        "2026-11-03",
        "2026-11-04",
        "2026-11-06",  # 23:00 UTC on the 5th, in Berlin
    ]


def calendar(*events: str) -> str:
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\n"
        + "".join(
            f"BEGIN:VEVENT\r\n{event}ATTENDEE;CN=Ana López:mailto:ana@example.com\r\nEND:VEVENT\r\n"
            for event in events
        )
        + "END:VCALENDAR\r\n"
    )


def early_sync(count: int) -> str:
    """A daily call at 00:30 UTC from 20 November: the evening before in Pago Pago."""
    return calendar(
        "UID:early-sync\r\nDTSTART:20261120T003000Z\r\nDTEND:20261120T010000Z\r\n"
        f"RRULE:FREQ=DAILY;COUNT={count}\r\nSUMMARY:Early sync\r\n"
    )


def test_an_occurrence_on_the_day_of_another_stored_one_is_not_taken_for_it(
    run_cli: Run, tmp_path: Path, local_zone: Zone
) -> None:
    """In Pago Pago, the 22nd's call falls on the 21st: the day key of UTC's 21st call.
    Matched by that day key first, it was never stored, and every later import said
    all five were "already in netrack"."""
    db, ics = tmp_path / "netrack.db", tmp_path / "calendar.ics"
    with_ana(run_cli, db)
    ics.write_text(early_sync(2), encoding="utf-8")  # an earlier export: two past
    imports(run_cli, db, "UTC", local_zone, "ics", ics)
    ics.write_text(early_sync(5), encoding="utf-8")

    pago_pago = imports(run_cli, db, "Pacific/Pago_Pago", local_zone, "ics", ics)
    utc = imports(run_cli, db, "UTC", local_zone, "ics", ics)

    assert pago_pago == "  interactions: 3 added, 0 updated, 2 skipped (already in netrack: 2)"
    assert utc == "  interactions: 0 added, 0 updated, 5 skipped (already in netrack: 5)"
    assert len(interactions(db)) == 5
    with sqlite3.connect(db) as connection:
        named = connection.execute(
            "SELECT interaction_id, COUNT(*) FROM imported_event WHERE key LIKE '%Z' "
            "GROUP BY interaction_id"
        ).fetchall()
    connection.close()
    assert named == [(n, 1) for n in range(1, 6)]  # each meeting its own instant


def test_a_deleted_occurrence_does_not_hide_the_next_one_in_another_zone(
    run_cli: Run, tmp_path: Path, local_zone: Zone
) -> None:
    db, ics = tmp_path / "netrack.db", tmp_path / "calendar.ics"
    with_ana(run_cli, db)
    ics.write_text(early_sync(2), encoding="utf-8")
    imports(run_cli, db, "UTC", local_zone, "ics", ics)
    assert run_cli("interaction", "delete", "2", db=db).returncode == 0
    ics.write_text(early_sync(5), encoding="utf-8")

    pago_pago = imports(run_cli, db, "Pacific/Pago_Pago", local_zone, "ics", ics)

    assert pago_pago == (
        "  interactions: 3 added, 0 updated, 2 skipped (already in netrack: 1, deleted in netrack: 1)"
    )
    assert len(interactions(db)) == 4


def test_another_zone_compares_each_occurrence_with_its_own_interaction(
    run_cli: Run, tmp_path: Path, local_zone: Zone
) -> None:
    """In Kiritimati each call at 23:30 UTC has the next one's day: compared with that
    one's interaction ("Late sync" against "Late sync (moved)"), two were said to differ."""
    db, ics = tmp_path / "netrack.db", tmp_path / "calendar.ics"
    with_ana(run_cli, db)
    ics.write_text(
        calendar(
            "UID:late-sync\r\nDTSTART:20261120T233000Z\r\nDTEND:20261121T000000Z\r\n"
            "RRULE:FREQ=DAILY;COUNT=3\r\nSUMMARY:Late sync\r\n",
            "UID:late-sync\r\nRECURRENCE-ID:20261121T233000Z\r\nDTSTART:20261122T080000Z\r\n"
            "DTEND:20261122T083000Z\r\nSUMMARY:Late sync (moved)\r\n",
        ),
        encoding="utf-8",
    )
    assert imports(run_cli, db, "UTC", local_zone, "ics", ics).startswith("  interactions: 3 added")
    before = snapshot(db)

    kiritimati = imports(run_cli, db, "Pacific/Kiritimati", local_zone, "ics", ics)

    assert kiritimati == "  interactions: 0 added, 0 updated, 3 skipped (already in netrack: 3)"
    assert snapshot(db) == before


def test_a_series_an_older_netrack_keyed_on_its_day_alone_is_known(
    run_cli: Run, tmp_path: Path, local_zone: Zone
) -> None:
    """Keys without an instant (an older netrack's) are recognised on the instant's other
    day where no other occurrence can have it: a weekly series."""
    db, ics = tmp_path / "netrack.db", tmp_path / "calendar.ics"
    with_ana(run_cli, db)
    ics.write_text(series("FREQ=WEEKLY;COUNT=4"), encoding="utf-8")
    imports(run_cli, db, "UTC", local_zone, "ics", ics)
    with sqlite3.connect(db) as connection:
        connection.execute("DELETE FROM imported_event WHERE key LIKE '%Z'")
    connection.close()

    again = imports(run_cli, db, "Europe/Berlin", local_zone, "ics", ics)

    assert again == "  interactions: 0 added, 0 updated, 4 skipped (already in netrack: 4)"
    assert len(interactions(db)) == 4


def test_linkedin_messages_imported_again_in_another_zone_add_nothing(
    run_cli: Run, tmp_path: Path, local_zone: Zone
) -> None:
    """A message sent the same second as a logged one, with another text, is on its day
    in every zone: that day's one interaction stands for both (SPEC: one `message`
    interaction per contact per day)."""
    db, csv = tmp_path / "netrack.db", tmp_path / "messages.csv"
    with_ana(run_cli, db)
    csv.write_text(MESSAGES + LATE + EARLY, encoding="utf-8")

    first = imports(run_cli, db, "UTC", local_zone, "linkedin", csv)
    berlin = imports(run_cli, db, "Europe/Berlin", local_zone, "linkedin", csv)
    same_second = LATE.replace("c1", "c3").replace("late hello", "one more thing")
    csv.write_text(MESSAGES + LATE + EARLY + same_second, encoding="utf-8")
    later = imports(run_cli, db, "Europe/Berlin", local_zone, "linkedin", csv)

    assert first == "  interactions: 2 added, 0 updated, 0 skipped"
    assert berlin == "  interactions: 0 added, 0 updated, 2 skipped (already in netrack: 2)"
    assert later == berlin
    assert interactions(db) == [
        ("2026-11-10", "message", "late hello"),
        ("2026-11-12", "message", "morning"),
    ]


def test_two_messages_in_one_second_are_one_interaction_in_every_zone(
    run_cli: Run, tmp_path: Path, local_zone: Zone
) -> None:
    """A question and its answer logged in one second, at noon and at midnight UTC: the
    span kept ends on that second at both ends, and the second message is in it too."""
    db, csv = tmp_path / "netrack.db", tmp_path / "messages.csv"
    with_ana(run_cli, db)
    rows = [
        f"c3,,{sender},,{to},2026-11-{day} {time} UTC,,{text},INBOX\n"
        for day, time in (("10", "12:00:00"), ("12", "00:00:00"))
        for sender, to, text in (("Ana López", "Sam Rivera", "question"), ("Sam Rivera", "Ana López", "answer"))
    ]  # fmt: skip
    csv.write_text(MESSAGES + "".join(rows), encoding="utf-8")

    first = imports(run_cli, db, "UTC", local_zone, "linkedin", csv)
    again = [
        imports(run_cli, db, zone, local_zone, "linkedin", csv)
        for zone in ("UTC", "Pacific/Kiritimati", "Pacific/Pago_Pago", "Asia/Kolkata")
    ]

    assert first == "  interactions: 2 added, 0 updated, 0 skipped"
    assert again == ["  interactions: 0 added, 0 updated, 2 skipped (already in netrack: 2)"] * 4
    assert interactions(db) == [
        ("2026-11-10", "message", "question"),
        ("2026-11-12", "message", "question"),
    ]


def test_a_message_on_the_day_of_another_stored_one_is_not_taken_for_it(
    run_cli: Run, tmp_path: Path, local_zone: Zone
) -> None:
    """In Pago Pago the 22nd's "hello" at 00:30 UTC is on the 21st, the day UTC's import
    logged the 21st's: that interaction keeps its message's time, and it is not this one."""
    db, csv = tmp_path / "netrack.db", tmp_path / "messages.csv"
    with_ana(run_cli, db)
    hello = [
        f"c1,,Ana López,,Sam Rivera,2026-11-{day} 00:30:00 UTC,,hello,INBOX\n"
        for day in (20, 21, 22, 23)
    ]
    csv.write_text(MESSAGES + "".join(hello[:2]), encoding="utf-8")
    imports(run_cli, db, "UTC", local_zone, "linkedin", csv)
    csv.write_text(MESSAGES + "".join(hello), encoding="utf-8")

    pago_pago = imports(run_cli, db, "Pacific/Pago_Pago", local_zone, "linkedin", csv)
    utc = imports(run_cli, db, "UTC", local_zone, "linkedin", csv)

    assert pago_pago == "  interactions: 2 added, 0 updated, 2 skipped (already in netrack: 2)"
    assert utc == "  interactions: 0 added, 0 updated, 4 skipped (already in netrack: 4)"
    assert [on for on, _, _ in interactions(db)] == [
        "2026-11-20",
        "2026-11-21",
        "2026-11-21",  # the 22nd's, Pago Pago's day of it
        "2026-11-22",
    ]


def test_what_keeps_them_known_goes_through_json(
    run_cli: Run, tmp_path: Path, local_zone: Zone
) -> None:
    db, moved = tmp_path / "netrack.db", tmp_path / "moved.db"
    ics, csv = tmp_path / "calendar.ics", tmp_path / "messages.csv"
    with_ana(run_cli, db)
    ics.write_text(series("FREQ=WEEKLY;COUNT=2"), encoding="utf-8")
    csv.write_text(MESSAGES + LATE, encoding="utf-8")
    imports(run_cli, db, "UTC", local_zone, "ics", ics)
    imports(run_cli, db, "UTC", local_zone, "linkedin", csv)
    exported, again = tmp_path / "out.json", tmp_path / "again.json"
    assert run_cli("export", "json", "--out", exported, db=db).returncode == 0
    assert run_cli("import", "json", exported, db=moved).returncode == 0

    ics_line = imports(run_cli, moved, "Europe/Berlin", local_zone, "ics", ics)
    csv_line = imports(run_cli, moved, "Europe/Berlin", local_zone, "linkedin", csv)

    assert ics_line == "  interactions: 0 added, 0 updated, 2 skipped (already in netrack: 2)"
    assert csv_line == "  interactions: 0 added, 0 updated, 1 skipped (already in netrack: 1)"
    assert run_cli("export", "json", "--out", again, db=moved).returncode == 0
    kept = json.loads(exported.read_text(encoding="utf-8"))["imported_events"]
    assert json.loads(again.read_text(encoding="utf-8"))["imported_events"] == kept
    assert {"uid": "late-sync", "at": "2026-11-02T23:00:00Z", "interaction": 1} in kept
    assert [record["messages"][:21] for record in kept if "messages" in record] == [
        "2026-11-10T23:30:00Z#"
    ]


def test_bad_times_in_json_are_skipped_and_listed(run_cli: Run, tmp_path: Path) -> None:
    path, db = tmp_path / "in.json", tmp_path / "netrack.db"
    document = {
        "format": "netrack",
        "schema_version": 12,
        "contacts": [{"ref": 1, "name": "Aisha Rahman", "met_on": "2026-11-01"}],
        "interactions": [{"on": "2026-11-10", "kind": "message", "contacts": [1]}],
        "imported_events": [
            {"uid": "e1", "at": "2026-11-31T23:00:00Z", "interaction": 1},
            {"messages": "2026-11-10T23:30:00Z/2026-11-10T23:30:00Z", "interaction": 1},
            {"uid": "e1", "at": "2026-11-10T23:00:00Z", "interaction": 1},
        ],
    }
    path.write_text(json.dumps(document), encoding="utf-8")

    summary = run_cli("import", "json", path, db=db).stdout

    assert "calendar events: 1 added, 0 updated, 2 skipped" in summary
    assert "skipped imported_events[0].at: bad time '2026-11-31T23:00:00Z'" in summary
    assert "skipped imported_events[1].messages: expected FIRST/LAST marks" in summary


def test_a_hostile_record_of_imported_events_is_named_by_its_wrong_field(
    run_cli: Run, tmp_path: Path
) -> None:
    """`at: null` was called a missing `on`; a record of both a calendar occurrence and
    messages had its well-formed marks called bad; `at` beside `on` dropped `on` unsaid."""
    path, db = tmp_path / "in.json", tmp_path / "netrack.db"
    marks = "2026-11-10T09:00:00Z#0123456789ab/2026-11-10T23:30:00Z#0123456789ab"
    document = {
        "format": "netrack",
        "schema_version": 12,
        "contacts": [{"ref": 1, "name": "Aisha Rahman", "met_on": "2026-11-01"}],
        "interactions": [{"on": "2026-11-10", "kind": "message", "contacts": [1]}],
        "imported_events": [
            {"uid": "daily-late-utc", "at": None, "interaction": 1},
            {"messages": marks, "uid": "also", "at": "2026-11-10T23:30:00Z", "interaction": 1},
            {"uid": "x", "at": "2026-11-20T23:30:00Z", "on": "2026-11-20", "interaction": 1},
            {"messages": None, "interaction": 1},
        ],
    }
    path.write_text(json.dumps(document), encoding="utf-8")

    summary = run_cli("import", "json", path, db=db).stdout

    assert "calendar events: 0 added, 0 updated, 4 skipped" in summary
    assert (
        "skipped imported_events[0].at: expected a time (YYYY-MM-DDTHH:MM:SSZ), found null"
        in summary
    )
    assert "skipped imported_events[1]: an entry has either uid/at/on or messages" in summary
    assert "skipped imported_events[2]: an entry has either at (a time) or on (a day)" in summary
    assert "skipped imported_events[3].messages: expected FIRST/LAST marks" in summary
    with sqlite3.connect(db) as connection:
        assert connection.execute("SELECT COUNT(*) FROM imported_event").fetchone() == (0,)
    connection.close()


def test_a_deleted_message_fares_alike_in_every_zone(
    run_cli: Run, tmp_path: Path, local_zone: Zone
) -> None:
    """Deleted in netrack, Raj's message of the 22nd comes back on the next import (as in
    the release before: the kept key of a deleted message names no contact). In
    Kiritimati it was taken for the 23rd's and counted "already in netrack" instead."""
    csv = tmp_path / "messages.csv"
    raj = [
        f"c2,,Raj Patel,,Sam Rivera,2026-11-{day} 11:00:00 UTC,,raj {day},INBOX\n"
        for day in (21, 22, 23)
    ]
    csv.write_text(MESSAGES + "".join(raj), encoding="utf-8")
    lines, days = [], []
    for zone in ("UTC", "Pacific/Kiritimati"):
        db = tmp_path / f"{zone.replace('/', '-')}.db"
        assert run_cli("contact", "add", "Raj Patel", db=db).returncode == 0
        imports(run_cli, db, "UTC", local_zone, "linkedin", csv)
        assert run_cli("interaction", "delete", "2", db=db).returncode == 0
        lines.append(imports(run_cli, db, zone, local_zone, "linkedin", csv))
        days.append([on for on, _, _ in interactions(db)])

    assert lines == ["  interactions: 1 added, 0 updated, 2 skipped (already in netrack: 2)"] * 2
    assert days == [
        ["2026-11-21", "2026-11-22", "2026-11-23"],
        ["2026-11-21", "2026-11-23", "2026-11-23"],  # Kiritimati's day of the 22nd's
    ]


def test_messages_an_older_netrack_logged_are_known_in_another_zone(
    run_cli: Run, tmp_path: Path, local_zone: Zone
) -> None:
    """An older netrack kept no times of messages: in Kiritimati Raj's message at 11:00
    UTC on the 24th is on the 25th, and was added again there. Its note on a day another
    zone puts it on is it, unless a message of the file with that note is on that day
    here: the 22nd's own "thanks" keeps a new one on the 23rd apart."""
    db, csv = tmp_path / "netrack.db", tmp_path / "messages.csv"
    assert run_cli("contact", "add", "Raj Patel", db=db).returncode == 0
    rows = [
        "c2,,Raj Patel,,Sam Rivera,2026-11-22 11:00:00 UTC,,thanks,INBOX\n",
        "c2,,Raj Patel,,Sam Rivera,2026-11-24 11:00:00 UTC,,raj 24,INBOX\n",
    ]
    csv.write_text(MESSAGES + "".join(rows), encoding="utf-8")
    imports(run_cli, db, "UTC", local_zone, "linkedin", csv)
    with sqlite3.connect(db) as connection:  # as an older netrack (or its export) left them
        connection.execute("DELETE FROM imported_event")
    connection.close()

    kiritimati = imports(run_cli, db, "Pacific/Kiritimati", local_zone, "linkedin", csv)
    later = "c2,,Raj Patel,,Sam Rivera,2026-11-23 08:00:00 UTC,,thanks,INBOX\n"
    csv.write_text(MESSAGES + "".join(rows) + later, encoding="utf-8")
    utc = imports(run_cli, db, "UTC", local_zone, "linkedin", csv)

    assert kiritimati == "  interactions: 0 added, 0 updated, 2 skipped (already in netrack: 2)"
    assert utc == "  interactions: 1 added, 0 updated, 2 skipped (already in netrack: 2)"
    assert interactions(db) == [
        ("2026-11-22", "message", "thanks"),
        ("2026-11-23", "message", "thanks"),
        ("2026-11-24", "message", "raj 24"),
    ]


ALREADY = "  interactions: 0 added, 0 updated, {} skipped (already in netrack: {}, another occurrence the same day: {})"  # fmt: skip
# Two occurrences on one day of the zone first imported in: one interaction, whose
# instant keys are both's, so another zone putting them on two days adds nothing
TWO_ON_ONE_DAY = {
    # Twice a day, 02:00 and 14:00 UTC (in Pago Pago 15:00 the day before and 03:00)
    "twice": ("FREQ=DAILY;BYHOUR=2,14;COUNT=6", "20261102T020000Z", ""),
    # Weekly at 23:30 UTC and once at 00:30 the next day: one day in Kiritimati
    "rdate": ("FREQ=WEEKLY;COUNT=3", "20261102T233000Z", "RDATE:20261103T003000Z\r\n"),
    # Daily 13:15 UTC: Lord Howe's clock goes back on 5 April, 00:15 then 23:45 that day
    "dst": ("FREQ=DAILY;COUNT=8", "20260401T131500Z", ""),
}


def test_two_occurrences_on_one_day_are_known_in_every_other_zone(
    run_cli: Run, tmp_path: Path, local_zone: Zone
) -> None:
    zones = ["Pacific/Pago_Pago", "Asia/Kolkata", "UTC", "Pacific/Kiritimati"]
    for name, first_zone, added, folded in (
        ("twice", "UTC", 3, 3),
        ("twice", "Pacific/Pago_Pago", 4, 2),
        ("rdate", "Pacific/Kiritimati", 3, 1),
        ("dst", "Australia/Lord_Howe", 7, 1),
    ):
        rule, start, extra = TWO_ON_ONE_DAY[name]
        db, ics = tmp_path / f"{name}-{added}.db", tmp_path / f"{name}.ics"
        with_ana(run_cli, db)
        ics.write_text(
            calendar(f"UID:{name}\r\nDTSTART:{start}\r\nRRULE:{rule}\r\n{extra}SUMMARY:Call\r\n"),
            encoding="utf-8",
        )

        first = imports(run_cli, db, first_zone, local_zone, "ics", ics)
        again = [imports(run_cli, db, zone, local_zone, "ics", ics) for zone in zones]

        assert first == (
            f"  interactions: {added} added, 0 updated, {folded} skipped"
            f" (another occurrence the same day: {folded})"
        ), name
        assert again == [ALREADY.format(added + folded, added, folded)] * 4, name
        assert len(interactions(db)) == added, name


def test_import_json_counts_calendar_events_as_the_calendar_has_them(
    run_cli: Run, tmp_path: Path, local_zone: Zone
) -> None:
    """Each timed meeting is kept by its day and its instant, two on one day share one
    interaction, and LinkedIn messages are kept too: the count is of meetings (one was
    deleted since, and is still one), not of what keeps them known."""
    db, moved = tmp_path / "netrack.db", tmp_path / "moved.db"
    ics, csv = tmp_path / "calendar.ics", tmp_path / "messages.csv"
    with_ana(run_cli, db)
    twice, start, _ = TWO_ON_ONE_DAY["twice"]
    ics.write_text(
        calendar(
            f"UID:twice\r\nDTSTART:{start}\r\nRRULE:{twice}\r\nSUMMARY:Call\r\n",
            "UID:late-sync\r\nDTSTART:20261102T230000Z\r\nRRULE:FREQ=WEEKLY;COUNT=2\r\n"
            "SUMMARY:Late sync\r\n",
        ),
        encoding="utf-8",
    )
    csv.write_text(MESSAGES + LATE + EARLY, encoding="utf-8")
    imports(run_cli, db, "UTC", local_zone, "ics", ics)
    imports(run_cli, db, "UTC", local_zone, "linkedin", csv)
    deleted = run_cli("interaction", "delete", "1", db=db)
    assert deleted.returncode == 0, deleted.stderr
    exported = tmp_path / "out.json"
    assert run_cli("export", "json", "--out", exported, db=db).returncode == 0

    local_zone("Pacific/Kiritimati")
    first = run_cli("import", "json", exported, db=moved)
    again = run_cli("import", "json", exported, db=moved)

    # 3 days of the twice-a-day call (one deleted) and 2 late syncs
    assert "  calendar events: 5 added, 0 updated, 0 skipped\n" in first.stdout
    assert "  calendar events: 0 added, 0 updated, 5 skipped (already in netrack: 5)\n" in (
        again.stdout
    )


def test_an_unchanged_moved_occurrence_is_already_in_netrack_in_every_zone(
    run_cli: Run, tmp_path: Path, local_zone: Zone
) -> None:
    """A daily call at 22:00 UTC, one moved to 01:00 the next day and one to 02:00 the
    same day: a zone's day of each differs from the first import's where the day it
    replaces does not. Unchanged, it is "already in netrack"; renamed in netrack, not."""
    zones = ["UTC", "Pacific/Pago_Pago", "America/St_Johns", "Pacific/Kiritimati"]
    ics = tmp_path / "moved.ics"
    ics.write_text(
        calendar(
            "UID:moved\r\nDTSTART:20261102T220000Z\r\nDTEND:20261102T223000Z\r\n"
            "RRULE:FREQ=DAILY;COUNT=7\r\nSUMMARY:Call\r\n",
            "UID:moved\r\nRECURRENCE-ID:20261104T220000Z\r\nDTSTART:20261105T010000Z\r\n"
            "DTEND:20261105T013000Z\r\nSUMMARY:Call (later)\r\n",
            "UID:moved\r\nRECURRENCE-ID:20261106T220000Z\r\nDTSTART:20261106T020000Z\r\n"
            "DTEND:20261106T023000Z\r\nSUMMARY:Call (earlier)\r\n",
        ),
        encoding="utf-8",
    )
    for first_zone in zones:
        db = tmp_path / f"{first_zone.replace('/', '-')}.db"
        with_ana(run_cli, db)
        assert imports(run_cli, db, first_zone, local_zone, "ics", ics).startswith(
            "  interactions: 7 added"
        )
        again = [imports(run_cli, db, zone, local_zone, "ics", ics) for zone in zones]
        assert again == ["  interactions: 0 added, 0 updated, 7 skipped (already in netrack: 7)"] * 4, first_zone  # fmt: skip
    (later,) = [on for on, _, note in interactions(db) if note == "Call (later)"]
    with sqlite3.connect(db) as connection:
        ((renamed,),) = connection.execute("SELECT id FROM interaction WHERE note = 'Call (later)'")
    assert run_cli("interaction", "edit", renamed, "--note", "Renamed", db=db).returncode == 0
    assert imports(run_cli, db, "Pacific/Pago_Pago", local_zone, "ics", ics) == (
        "  interactions: 0 added, 0 updated, 7 skipped"
        " (already in netrack: 6, in netrack with other values, netrack's kept: 1)"
    )
    assert later == "2026-11-05"  # Kiritimati's day of 01:00 UTC
