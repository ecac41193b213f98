"""The calendar occurrences `import ics` logged (schema 5's `imported_event`) go with the
history they made: `restore` and `demo --force` forget them with it, `export json`
writes them and `import json` reads them back. So the same calendar imported again adds
a meeting exactly when the database no longer has it (SPEC: "Running it again adds
nothing"). On both engines."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from netrack.data.repo import Repo
from netrack.demo import fill_demo
from netrack.interop import api
from tests.db.conftest import TODAY
from tests.hardening.helpers import netrack_in_process

CALENDAR = (
    "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//t//EN\n"
    "BEGIN:VEVENT\nUID:e1\nDTSTART:20261120T100000Z\nDTEND:20261120T110000Z\n"
    "SUMMARY:Coffee with Aisha\nATTENDEE;CN=Aisha Rahman:mailto:a@x\nEND:VEVENT\n"
    "END:VCALENDAR\n"
)


@pytest.fixture
def calendar(tmp_path: Path) -> Path:
    path = tmp_path / "cal.ics"
    path.write_text(CALENDAR, encoding="utf-8")
    return path


@pytest.fixture
def db_arg(where: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """`--db` for the CLI; the backups a restore makes go to the test's own folder."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    yield str(getattr(where, "url", where))


def _cli(*args: str, db: str) -> str:
    done = netrack_in_process(*args, "--db", db, today=TODAY.isoformat())
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_restore_forgets_the_meetings_imported_after_the_backup(
    db_arg: str, backend: str, calendar: Path, tmp_path: Path
) -> None:
    before = tmp_path / ("before.json" if backend == "postgresql" else "before.db")
    _cli("contact", "add", "Aisha Rahman", db=db_arg)
    _cli("backup", "--out", str(before), db=db_arg)
    assert "interactions: 1 added" in _cli("import", "ics", str(calendar), db=db_arg)

    _cli("restore", str(before), db=db_arg)

    assert "interactions: 1 added" in _cli("import", "ics", str(calendar), db=db_arg)
    assert "Coffee with Aisha" in _cli("interaction", "list", db=db_arg)


def test_demo_force_forgets_the_imported_meetings(repo: Repo, calendar: Path) -> None:
    repo.contacts.add("Aisha Rahman")
    assert "interactions: 1 added" in api.import_file(repo, "ics", calendar)

    fill_demo(repo, TODAY, replace=True)  # the demo has an Aisha Rahman of its own

    assert "interactions: 1 added" in api.import_file(repo, "ics", calendar)


def test_json_moves_the_imported_meetings_along(repo: Repo, calendar: Path, tmp_path: Path) -> None:
    repo.contacts.add("Aisha Rahman")
    ben = repo.contacts.add("Ben Ode")
    repo.activity.log([ben.id], on=TODAY, note="typed by hand")
    api.import_file(repo, "ics", calendar)
    # A second meeting, imported and then deleted: it stays deleted on the other side too.
    deleted = tmp_path / "deleted.ics"
    deleted.write_text(CALENDAR.replace("UID:e1", "UID:e2").replace("Coffee", "Lunch"))
    api.import_file(repo, "ics", deleted)
    (lunch,) = [i.id for i in repo.activity.interactions() if i.note == "Lunch with Aisha"]
    repo.activity.delete(lunch)
    first = tmp_path / "first.json"
    api.export(repo, "json", first)
    document = json.loads(first.read_text(encoding="utf-8"))
    assert document["imported_events"] == [
        {"uid": "e1", "on": "2026-11-20", "interaction": 2},
        {"uid": "e2", "on": "2026-11-20", "interaction": None},
    ]
    assert document["interactions"][1]["note"] == "Coffee with Aisha"

    moved = Repo.open(tmp_path / "moved.db", clock=lambda: TODAY)
    try:
        summary = api.import_file(moved, "json", first)
        assert "calendar events: 2 added" in summary
        for path in (calendar, deleted):
            assert "interactions: 0 added" in api.import_file(moved, "ics", path)
        second = tmp_path / "second.json"
        api.export(moved, "json", second)
        assert second.read_bytes() == first.read_bytes()
    finally:
        moved.close()
    # Into the database it came from: nothing new, the keys already kept.
    assert "calendar events: 0 added, 0 updated, 2 skipped" in api.import_file(repo, "json", first)


def test_an_export_without_imported_events_still_imports(
    repo: Repo, calendar: Path, tmp_path: Path
) -> None:
    repo.contacts.add("Aisha Rahman")
    api.import_file(repo, "ics", calendar)
    path = tmp_path / "older.json"
    api.export(repo, "json", path)
    document = json.loads(path.read_text(encoding="utf-8"))
    del document["imported_events"]
    path.write_text(json.dumps(document), encoding="utf-8")

    moved = Repo.open(tmp_path / "moved.db", clock=lambda: TODAY)
    try:
        summary = api.import_file(moved, "json", path)
        assert "interactions: 1 added" in summary and "calendar events" not in summary
    finally:
        moved.close()


def test_an_imported_event_of_a_skipped_interaction_is_skipped_and_listed(
    repo: Repo, tmp_path: Path
) -> None:
    path = tmp_path / "in.json"
    document = {
        "format": "netrack",
        "schema_version": 10,
        "contacts": [{"ref": 1, "name": "Aisha Rahman"}],
        "interactions": [{"on": "2099-01-01", "kind": "call", "contacts": [1]}],
        "imported_events": [
            {"uid": "e1", "on": "2026-11-20", "interaction": 1},
            {"uid": "", "on": "2026-11-21", "interaction": None},
            {"uid": "e3", "on": "21/11/2026", "interaction": None},
        ],
    }
    path.write_text(json.dumps(document), encoding="utf-8")

    summary = api.import_file(repo, "json", path)

    assert "calendar events: 0 added, 0 updated, 3 skipped (invalid, listed below: 3)" in summary
    assert "  skipped imported_events[0].interaction: refers to 1, which was skipped" in summary
    assert "  skipped imported_events[1].uid: the calendar event's UID is required" in summary
    assert "  skipped imported_events[2].on: bad date" in summary
