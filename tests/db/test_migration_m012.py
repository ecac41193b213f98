"""Schema 12's migration: every interaction, referral and time entry gets a uid of its
own (32 hexadecimal digits), on both engines, and a populated older database keeps
every value it had; its export carries the uids, and an import keeps them."""

from __future__ import annotations

import hashlib
import re
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from netrack.data import migrations
from netrack.data import tables as t
from netrack.data.engines import param_sql
from netrack.data.migrations.m012_record_uids import RECORD_TABLES
from netrack.data.migrations.m013_named_uids import NAMED_TABLES
from netrack.data.repo import Repo
from netrack.interop import api
from tests.cli.conftest import Run
from tests.db.conftest import uids_of
from tests.older_models import UNDO_SCHEMA_16, UNDO_SCHEMA_17, UNDO_SCHEMA_18, UNDO_SCHEMA_19

DATA = Path(__file__).parent.parent / "data"
TODAY = date(2026, 11, 27)
UID = re.compile(r"[0-9a-f]{32}")


def _tables(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, a record table's without its uid (its last column; a
    time entry's and referral's without schema 16's `logged_on` after it too), a goal
    without schema 17's `until`."""
    connection = sqlite3.connect(path)
    try:
        names = [
            n
            for (n,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name != 'sqlite_sequence'"
            )
        ]
        rows = {
            name: connection.execute(f'SELECT * FROM "{name}" ORDER BY rowid').fetchall()
            for name in names
        }
    finally:
        connection.close()
    version = migrations.latest()
    # uid, then logged_on; until; uid, then name_key
    added = {"time_entry": 2, "referral": 2, "goal": 1, "contact": 2}
    return {
        name: [row[: -added.get(name, 1)] for row in found]
        if name in (*RECORD_TABLES, *NAMED_TABLES, "goal") and _at(path) == version
        else found
        for name, found in rows.items()
    }


# What a schema-11 netrack left: the demo without the uids (as the tester made one;
# schema 13's too).
SCHEMA_11 = (
    UNDO_SCHEMA_19  # schema 19's name keys
    + UNDO_SCHEMA_18  # schema 18's name indexes
    + UNDO_SCHEMA_17  # schema 17's goal `until`
    + UNDO_SCHEMA_16  # schema 16's `logged_on`, the column after a record's uid
    + "".join(
        f'DROP INDEX "{table}_uid"; ALTER TABLE "{table}" DROP COLUMN "uid"; '
        for table in RECORD_TABLES + NAMED_TABLES
    )
    + 'DROP TABLE "merged_identity"; '  # schema 15's
    + "PRAGMA user_version = 11;"
)


def _schema_11_demo(demo_file: Path, path: Path) -> Path:
    shutil.copyfile(demo_file, path)
    connection = sqlite3.connect(path)
    try:
        connection.executescript(SCHEMA_11)
    finally:
        connection.close()
    return path


def _at(path: Path) -> int:
    connection = sqlite3.connect(path)
    try:
        return int(connection.execute("PRAGMA user_version").fetchone()[0])
    finally:
        connection.close()


@pytest.mark.parametrize("populated", ["v1_populated.db", "v6_populated.db"])
def test_a_populated_older_database_gets_a_uid_per_record_and_keeps_every_value(
    populated: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "old.db"
    shutil.copyfile(DATA / populated, path)
    with monkeypatch.context() as patch:  # as the netrack before schema 12 left it
        patch.setattr(migrations, "STEPS", migrations.STEPS[:11])
        Repo.open(path, clock=lambda: TODAY).close()
    before = _tables(path)

    repo = Repo.open(path, clock=lambda: TODAY)
    first = tmp_path / "first.json"
    api.export(repo, "json", first)
    repo.close()

    assert _at(path) == migrations.latest() == 19
    assert _tables(path) == {**before, "merged_identity": []}  # schema 15's, empty
    for table in RECORD_TABLES:
        uids = uids_of(path, table)
        assert uids and all(UID.fullmatch(uid) for uid in uids)
        assert len(set(uids)) == len(uids)
    # The export carries them, and an import keeps the file's (its other quirks aside:
    # these files hold rows an older netrack let in, which an import mends).
    fresh = tmp_path / "fresh.db"
    opened = Repo.open(fresh, clock=lambda: TODAY)
    api.import_file(opened, "json", first)
    opened.close()
    for table in RECORD_TABLES:
        assert uids_of(fresh, table) == uids_of(path, table)


@pytest.fixture
def empty(backend: str, tmp_path: Path) -> Iterator[object]:
    from tests import pg

    with pg.new_database(backend, tmp_path / "v11.db", None) as made:
        yield made


def _write_schema_11(empty: object, monkeypatch: pytest.MonkeyPatch, note: str = "") -> Any:
    """Three of each record, written as the netrack of schema 11 left them; Ana."""
    with monkeypatch.context() as patch:
        patch.setattr(migrations, "STEPS", migrations.STEPS[:11])
        repo = Repo.open(empty, clock=lambda: TODAY)  # type: ignore[arg-type]
        try:
            with repo.store.bound(), repo.store.writing():
                db = t.Contact._meta.database
                # As that netrack wrote her: the model has schema 13's uid since
                db.execute_sql(
                    'INSERT INTO "contact" ("id", "name", "title", "function", "industry", '
                    '"location", "email", "phone", "url", "met_on", "notes", "archived") '
                    "VALUES (1, 'Ana López', '', '', '', '', '', '', '', '2026-11-27', '', "
                    + ("false" if db.param == "%s" else "0")
                    + ")"
                )
                ana = SimpleNamespace(id=1)
                for n in range(1, 4):
                    db.execute_sql(
                        param_sql(
                            'INSERT INTO "interaction" ("id", "on", "kind", "minutes", '
                            '"meaningful", "value_received", "value_given", "cost_cents", '
                            "\"note\") VALUES (?, '2026-11-20', 'call', 5, ?, '', '', 0, ?)"
                        ),
                        (n, False, note),
                    )
                    db.execute_sql(
                        param_sql(
                            'INSERT INTO "time_entry" ("id", "on", "minutes", "category", '
                            "\"note\") VALUES (?, '2026-11-20', 30, 'search', ?)"
                        ),
                        (n, note),
                    )
                    db.execute_sql(
                        param_sql(
                            'INSERT INTO "referral" ("id", "contact_id", "direction", "on", '
                            "\"note\") VALUES (?, ?, 'in', '2026-11-20', ?)"
                        ),
                        (n, ana.id, note),
                    )
        finally:
            repo.close()
    return ana


def test_schema_11_records_get_distinct_uids_and_new_ones_theirs(
    empty: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    ana = _write_schema_11(empty, monkeypatch)

    repo = Repo.open(empty, clock=lambda: TODAY)  # type: ignore[arg-type]
    try:
        with repo.store.bound():
            repo.activity.log([ana.id], on=TODAY, kind="call")
            repo.time.add(15, "search", on=TODAY)
            repo.referrals.add(ana.id, "out", on=TODAY)
            for model in (t.Interaction, t.TimeEntry, t.Referral):
                uids = [row.uid for row in model.select().order_by(model.id)]
                assert len(uids) == 4 and len(set(uids)) == 4
                assert all(UID.fullmatch(uid or "") for uid in uids), uids
    finally:
        repo.close()


def test_two_copies_of_a_schema_11_file_get_the_same_uids_so_an_edit_on_one_adds_nothing(
    demo_file: Path, tmp_path: Path, cli_on: Callable[[Path], Run]
) -> None:
    """A desktop's file and its copy on a laptop (SPEC: copying the .db copies
    everything), each upgraded by its own netrack: an edit on the laptop is the same
    record on the desktop, never a second one."""
    desktop = _schema_11_demo(demo_file, tmp_path / "desktop.db")
    laptop = tmp_path / "laptop.db"
    shutil.copyfile(desktop, laptop)
    on_desktop = cli_on(desktop)
    on_laptop = cli_on(laptop)
    assert on_desktop("export", "json", "--out", str(tmp_path / "desktop.json")).code == 0
    last = len(uids_of(desktop, "interaction"))
    assert on_laptop("interaction", "edit", str(last), "--note", "edited on the laptop").code == 0
    assert on_laptop("export", "json", "--out", str(tmp_path / "laptop.json")).code == 0

    result = on_desktop("import", "json", str(tmp_path / "laptop.json"))

    assert result.code == 0, result.err
    assert "interactions: 0 added, 0 updated" in result.out
    assert "in netrack with other values, netrack's kept: 1" in result.out
    for table in RECORD_TABLES:
        assert uids_of(desktop, table) == uids_of(laptop, table)
    assert len(uids_of(desktop, "interaction")) == last


def test_the_backup_from_before_the_upgrade_restored_upgrades_to_the_sameuids_of(
    demo_file: Path, tmp_path: Path, cli_on: Callable[[Path], Run]
) -> None:
    """An export made after the upgrade still names the records of the file restored
    from before it (and upgraded again): importing it adds none of them."""
    path = _schema_11_demo(demo_file, tmp_path / "netrack.db")
    run = cli_on(path)
    assert run("interaction", "edit", "1", "--note", "edited after the upgrade").code == 0
    upgraded = {table: uids_of(path, table) for table in RECORD_TABLES}
    assert run("export", "json", "--out", str(tmp_path / "after.json")).code == 0
    (before,) = (tmp_path / "backups").glob("*before-migration-v11.db")

    assert run("restore", str(before)).code == 0
    again = run("import", "json", str(tmp_path / "after.json"))

    assert again.code == 0, again.err
    assert {table: uids_of(path, table) for table in RECORD_TABLES} == upgraded
    assert "interactions: 0 added, 0 updated" in again.out
    for noun in ("referrals", "time entries"):
        assert f"{noun}: 0 added, 0 updated" in again.out


def test_schema_11_records_get_the_uids_their_content_gives_on_either_engine(
    empty: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same history upgrades to the same uids on SQLite and on PostgreSQL: the md5
    of "table|id|day|…" (see m012), whatever either engine's way of writing a day."""
    _write_schema_11(empty, monkeypatch, note="café — ünïcode | ok")

    Repo.open(empty, clock=lambda: TODAY).close()  # type: ignore[arg-type]

    texts = (
        (t.Interaction, "interaction|{n}|2026-11-20|call|5|café — ünïcode | ok"),
        (t.TimeEntry, "time_entry|{n}|2026-11-20|search|30|café — ünïcode | ok"),
        (t.Referral, "referral|{n}|2026-11-20|in|café — ünïcode | ok"),
    )
    repo = Repo.open(empty, clock=lambda: TODAY)  # type: ignore[arg-type]
    try:
        with repo.store.bound():
            for model, text in texts:
                uids = [row.uid for row in model.select().order_by(model.id)]
                assert uids == [
                    hashlib.md5(text.format(n=n).encode()).hexdigest() for n in range(1, 4)
                ]
    finally:
        repo.close()
