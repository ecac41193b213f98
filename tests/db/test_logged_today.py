"""Issue 16 item 6: the Agenda's "Logged today" is what happened today plus what was
logged today about an earlier day (schema 7's `interaction.logged_on`). Imported history
was logged by nobody: it never fills the list. On both engines."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from netrack.data import tables as t
from netrack.data.repo import Repo
from netrack.interop import api
from netrack.interop.json_io import export_document
from tests.cli.conftest import runner

D = date.fromisoformat
THURSDAY, FRIDAY = D("2026-11-26"), D("2026-11-27")


@pytest.fixture
def clock() -> list[date]:
    """The day the repo's clock reads: a test moves it to log on two days."""
    return [THURSDAY]


@pytest.fixture
def repo(where: object, clock: list[date]) -> Iterator[Repo]:
    opened = Repo.open(where, clock=lambda: clock[0])  # type: ignore[arg-type]
    with opened.store.bound():
        yield opened
    opened.close()


def _notes(repo: Repo) -> list[tuple[str, date, date | None]]:
    return [(i.note, i.on, i.logged_on) for i in repo.scorecard.agenda().logged_today]


def test_back_dated_entry_logged_today_is_listed_after_today_entries(
    repo: Repo, clock: list[date]
) -> None:
    ana = repo.contacts.add("Ana López", met_on=D("2026-10-01"))
    # Thursday: a touch of Thursday, and one of the Tuesday before, both logged Thursday.
    repo.activity.log([ana.id], on=THURSDAY, note="thursday, logged thursday")
    repo.activity.log([ana.id], on=D("2026-11-24"), note="tuesday, logged thursday")
    assert _notes(repo) == [
        ("thursday, logged thursday", THURSDAY, THURSDAY),
        ("tuesday, logged thursday", D("2026-11-24"), THURSDAY),
    ]
    clock[0] = FRIDAY
    repo.activity.log_line("@ana #call 20m on:2026-11-24 tuesday's call, logged friday")
    repo.activity.log_line("@ana #email friday, logged friday")
    repo.activity.log_line("@ana yesterday, logged friday on:yesterday")
    # Friday: nothing of Thursday's logging; the back-dated entries after today's.
    assert _notes(repo) == [
        ("friday, logged friday", FRIDAY, FRIDAY),
        ("yesterday, logged friday", THURSDAY, FRIDAY),
        ("tuesday's call, logged friday", D("2026-11-24"), FRIDAY),
    ]
    # An edit does not move the day it was logged.
    thursday = repo.activity.interactions(on=THURSDAY)[-1]
    edited = repo.activity.update(thursday.id, note="edited friday")
    assert edited.logged_on == THURSDAY and edited.back_dated is False
    assert "edited friday" not in [note for note, _, _ in _notes(repo)]


def test_imported_history_does_not_fill_logged_today(
    repo: Repo, clock: list[date], tmp_path: Path
) -> None:
    clock[0] = FRIDAY
    repo.contacts.add("Ana López", email="ana@example.com", met_on=D("2026-01-05"))
    meetings = (
        ("20261103", "old sync"),
        ("20261110", "old sync"),
        ("20261126", "yesterday"),
        ("20261127", "today's sync"),
    )
    events = "".join(
        f"BEGIN:VEVENT\nUID:weekly-{n}@x\nDTSTART:{day}T090000Z\nDTEND:{day}T093000Z\n"
        f"SUMMARY:{summary}\nATTENDEE;CN=Ana:mailto:ana@example.com\nEND:VEVENT\n"
        for n, (day, summary) in enumerate(meetings)
    )
    path = tmp_path / "cal.ics"
    path.write_text(f"BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//t//EN\n{events}END:VCALENDAR\n")
    api.import_file(repo, "ics", path)
    stored = [(i.on, i.logged_on) for i in repo.activity.interactions()]
    assert stored == [
        (FRIDAY, None),
        (THURSDAY, None),
        (D("2026-11-10"), None),
        (D("2026-11-03"), None),
    ]
    # Only the meeting that happened today: the import's own day is not "logged today".
    assert [(i.on, i.logged_on) for i in repo.scorecard.agenda().logged_today] == [(FRIDAY, None)]


def test_json_export_keeps_logged_on_and_reads_older_exports(
    repo: Repo, clock: list[date], tmp_path: Path
) -> None:
    clock[0] = FRIDAY
    ana = repo.contacts.add("Ana López", met_on=D("2026-10-01"))
    repo.activity.log([ana.id], on=D("2026-11-24"), note="back-dated")
    repo.activity.log([ana.id], on=D("2026-11-20"), note="on its day", logged_on=D("2026-11-20"))
    document = export_document(repo)
    assert [(i["note"], i["on"], i["logged_on"]) for i in document["interactions"]] == [
        ("back-dated", "2026-11-24", "2026-11-27"),
        ("on its day", "2026-11-20", "2026-11-20"),
    ]
    # What another machine makes of it: the same days; an older export (no key) gets
    # `on`, as the upgrade gives old rows; null stays null (imported history).
    document["interactions"].append(
        {"on": "2026-11-21", "kind": "call", "contacts": [1], "note": "schema 6 file"}
    )
    document["interactions"].append(
        {"on": "2026-11-22", "kind": "call", "contacts": [1], "note": "imported", "logged_on": None}
    )
    document["interactions"].append(
        {
            "on": "2026-11-23",
            "kind": "call",
            "contacts": [1],
            "note": "bad",
            "logged_on": "2027-01-01",
        }
    )
    path = tmp_path / "moved.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    other = Repo.open(tmp_path / "other.db", clock=lambda: FRIDAY)
    try:
        summary = api.import_file(other, "json", path)
        # A day it could not have been typed on only keeps books: the record is kept
        # without it, as a row from before schema 16, and the summary says so.
        assert "interactions[4].logged_on: logged_on 2027-01-01 is after today (2026-11-27)" in (
            summary
        )
        assert "kept without" in summary
        with other.store.bound():
            rows = {i.note: i.logged_on for i in other.activity.interactions()}
            assert rows == {
                "back-dated": FRIDAY,
                "on its day": D("2026-11-20"),
                "schema 6 file": D("2026-11-21"),
                "imported": None,
                "bad": None,
            }
            assert [i.note for i in other.scorecard.agenda().logged_today] == ["back-dated"]
            assert t.Interaction.select().where(t.Interaction.note == "bad").count() == 1
    finally:
        other.close()


def test_time_entries_and_referrals_typed_today_are_logged_today_whatever_their_date(
    where: object,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Schema 16: yesterday's two hours and referral, typed in this morning, were left
    out of "Logged today" (picked by their own date) where the back-dated interaction
    was listed. The real command line, on both engines: the JSON, then the table."""
    monkeypatch.setenv("NETRACK_TODAY", FRIDAY.isoformat())
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    run = runner(where, capsys)
    for argv in (
        ("contact", "add", "Bob"),
        ("log", "@bob on:yesterday call"),
        ("time", "add", "2h", "--category", "search", "--on", "yesterday"),
        ("referral", "add", "--from", "bob", "--direction", "out", "--on", "yesterday"),
        ("time", "add", "30m", "--category", "networking", "--note", "this morning"),
        ("referral", "add", "--from", "bob", "--direction", "in", "--on", "2026-11-20"),
        ("referral", "add", "--from", "bob", "--direction", "in", "--note", "today's"),
    ):
        assert run(*argv).code == 0, argv

    agenda = json.loads(run("agenda", "--format", "json").out)

    times = [(e["on"], e["minutes"], e["logged_on"]) for e in agenda["time_logged_today"]]
    referrals = [
        (r["on"], r["direction"], r["logged_on"]) for r in agenda["referrals_logged_today"]
    ]
    # As `logged_today`: the entries dated today, then the back-dated, newest first.
    assert [(i["on"], i["logged_on"]) for i in agenda["logged_today"]] == [
        ("2026-11-26", "2026-11-27")
    ]
    assert times == [("2026-11-27", 30, "2026-11-27"), ("2026-11-26", 120, "2026-11-27")]
    assert referrals == [
        ("2026-11-27", "in", "2026-11-27"),
        ("2026-11-26", "out", "2026-11-27"),
        ("2026-11-20", "in", "2026-11-27"),
    ]
    table = run("agenda").out
    assert "6 logged today" in table, table
    kinds = [line.split()[:3] for line in table.splitlines() if line.startswith(("time", "ref"))]
    assert kinds == [
        ["time", "2", "2026-11-27"],
        ["time", "1", "2026-11-26"],
        ["referral", "3", "2026-11-27"],
        ["referral", "1", "2026-11-26"],
        ["referral", "2", "2026-11-20"],
    ]
    # The next day none of them is logged "today" any more: only their own date counts.
    monkeypatch.setenv("NETRACK_TODAY", "2026-11-28")
    later = json.loads(run("agenda", "--format", "json").out)
    assert later["time_logged_today"] == later["referrals_logged_today"] == []


def test_json_keeps_the_day_time_and_referrals_were_logged_and_reads_older_files(
    repo: Repo, clock: list[date], tmp_path: Path
) -> None:
    """Schema 16: `logged_on` the last key of each time entry and referral; another
    machine's import keeps it, so yesterday's back-filled entries stay "logged today"
    there too. An older file (no key) imports as before: logged on its own date."""
    clock[0] = FRIDAY
    ana = repo.contacts.add("Ana López", met_on=D("2026-10-01"))
    repo.time.add(120, "search", on=THURSDAY, note="back-filled")
    repo.referrals.add(ana.id, "out", on=THURSDAY, note="back-filled")
    document = export_document(repo)
    assert [(e["note"], e["logged_on"]) for e in document["time_entries"]] == [
        ("back-filled", "2026-11-27")
    ]
    assert list(document["referrals"][0])[-1] == "logged_on"
    older = {"on": "2026-11-25", "minutes": 30, "category": "search", "note": "schema 15 file"}
    document["time_entries"] += [
        older,
        {**older, "note": "null", "logged_on": None},
        {**older, "note": "bad", "logged_on": "2027-01-01"},
    ]
    document["referrals"].append(
        {"contact": 1, "direction": "in", "on": "2026-11-25", "note": "schema 15 file"}
    )
    path = tmp_path / "moved.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    other = Repo.open(tmp_path / "other.db", clock=lambda: FRIDAY)
    try:
        summary = api.import_file(other, "json", path)
        assert "time_entries[3].logged_on: logged_on 2027-01-01 is after today" in summary
        with other.store.bound():
            assert {e.note: e.logged_on for e in other.time.all()} == {
                "back-filled": FRIDAY,
                "schema 15 file": None,
                "null": None,
                "bad": None,  # kept without the day it could not have been typed on
            }
            assert {r.note: r.logged_on for r in other.referrals.all()} == {
                "back-filled": FRIDAY,
                "schema 15 file": None,
            }
            agenda = other.scorecard.agenda()
            assert [e.note for e in agenda.time_logged_today] == ["back-filled"]
            assert [r.note for r in agenda.referrals_logged_today] == ["back-filled"]
    finally:
        other.close()
