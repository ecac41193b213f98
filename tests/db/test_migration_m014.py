"""Schema 14's migration: the tables whose ids a user sees or types are rebuilt with
AUTOINCREMENT (see m014), and a populated schema-13 file comes out the same history: its
export, its follow-ups and their closing triggers, its card; a failed upgrade leaves
the file as it was."""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import date
from pathlib import Path

import pytest

from netrack.data import migrations
from netrack.data.migrations import m014_kept_ids as m014
from tests.cli.conftest import Run
from tests.db.file_rows import (
    at_schema,
    demo_at_schema,
    exported,
    query,
    rows_with_schema_16,
    rows_with_schema_17,
    rows_with_schema_19,
    table_rows,
    without_schema_16_keys,
    without_schema_17_keys,
)

TODAY = date(2026, 11, 27)


def at_schema_13() -> AbstractContextManager[None]:
    """Within the block netrack is the one of schema 13 (its steps cut short)."""
    return at_schema(13)


@pytest.fixture(scope="module")
def schema_13_demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo history as a netrack of schema 13 wrote it (built once, only copied)."""
    return demo_at_schema(tmp_path_factory.mktemp("v13"), 13, TODAY)


@pytest.fixture
def v13(schema_13_demo: Path, tmp_path: Path) -> Path:
    path = tmp_path / "netrack.db"
    shutil.copyfile(schema_13_demo, path)
    return path


def test_a_schema_13_history_upgrades_keeping_every_id_row_and_export_byte_for_byte(
    v13: Path, tmp_path: Path, cli_on: Callable[[Path], Run]
) -> None:
    with at_schema_13():
        before = exported(v13, tmp_path / "before.json", TODAY)
    rows = table_rows(v13)

    after = exported(v13, tmp_path / "after.json", TODAY)

    assert query(v13, "PRAGMA user_version") == [(19,)]  # and on to schema 19
    assert (before.pop("schema_version"), after.pop("schema_version")) == (13, 19)
    assert after.pop("merged_identities") == []  # schema 15's, at the end
    assert json.dumps(without_schema_17_keys(without_schema_16_keys(after))) == json.dumps(before)
    # schema 15's table, empty; schema 16's `logged_on`, NULL
    assert table_rows(v13) == rows_with_schema_19(
        rows_with_schema_17(rows_with_schema_16({**rows, "merged_identity": []}))
    )
    sequences = {str(n): s for n, s in query(v13, "SELECT name, seq FROM sqlite_sequence")}
    for table in m014.KEPT_ID_TABLES:
        assert sequences.get(table, 0) == (query(v13, f'SELECT MAX(id) FROM "{table}"')[0][0] or 0)
        (sql,) = query(v13, f"SELECT sql FROM sqlite_master WHERE name = '{table}'")[0]
        assert "AUTOINCREMENT" in str(sql)
    assert list((tmp_path / "backups").glob("*before-migration-v13.db"))
    doctor = cli_on(v13)("doctor")
    assert doctor.code == 0 and doctor.out.rstrip().endswith("all good"), doctor.out


def _follow_up_day(run: Run, name: str) -> list[str]:
    """Log with `name` yesterday with a follow-up, close it by a touch today, log another
    follow-up and mark it done: what the follow-up list, the contact and the card say."""
    said: list[str] = []
    for argv in (
        ("log", f'#call @"{name}" fu:2026-12-01 on:yesterday note about the role'),
        ("followup", "list", "--format", "json"),
        ("log", f'#email @"{name}" thanks for the call'),
        ("followup", "list", "--format", "json"),
        ("log", f'#coffee @"{name}" fu:2026-12-04'),
        ("followup", "done", name),
        ("followup", "list", "--format", "json"),
        ("scorecard", "--format", "json"),
    ):
        result = run(*argv)
        assert result.code == 0, (argv, result.err)
        said.append(result.out)
    return said


def test_the_follow_up_triggers_close_and_the_card_counts_as_before_the_rebuild(
    v13: Path, tmp_path: Path, cli_on: Callable[[Path], Run]
) -> None:
    """The same writes on the schema-13 file and on its upgraded copy: every follow-up
    closes alike (the triggers on `interaction_contact` that name the rebuilt
    `interaction`, and the rebuilt table's own), and the card is the same."""
    upgraded = tmp_path / "upgraded.db"
    shutil.copyfile(v13, upgraded)
    (name,) = query(v13, 'SELECT "name" FROM "contact" ORDER BY "id" LIMIT 1')[0]
    with at_schema_13():
        card_13 = cli_on(v13)("scorecard", "--format", "json").out
        said_13 = _follow_up_day(cli_on(v13), str(name))
        assert query(v13, "PRAGMA user_version") == [(13,)]

    assert cli_on(upgraded)("scorecard", "--format", "json").out == card_13
    assert _follow_up_day(cli_on(upgraded), str(name)) == said_13
    assert query(upgraded, "PRAGMA user_version") == [(19,)]
    closed = query(
        upgraded,
        'SELECT COUNT(*) FROM "interaction" WHERE "follow_up_closed_on" IS NOT NULL',
    )
    assert closed == query(
        v13, 'SELECT COUNT(*) FROM "interaction" WHERE "follow_up_closed_on" IS NOT NULL'
    )


def test_a_foreign_key_broken_in_the_file_fails_the_upgrade_leaving_it_untouched(
    v13: Path, cli_on: Callable[[Path], Run]
) -> None:
    connection = sqlite3.connect(v13)
    try:  # another program's write, with foreign keys off
        connection.execute(
            'INSERT INTO "referral" ("contact_id", "direction", "on", "note", "uid") '
            "VALUES (999999, 'in', '2026-11-20', '', 'planted')"
        )
        connection.commit()
    finally:
        connection.close()
    before = v13.read_bytes()

    result = cli_on(v13)("goal", "list")

    assert result.code != 0
    assert "failed at step 19" in result.err and "foreign key" in result.err, result.err
    assert v13.read_bytes() == before
    assert query(v13, "PRAGMA user_version") == [(13,)]


def test_an_upgrade_stopped_between_two_tables_leaves_the_file_untouched(
    v13: Path, cli_on: Callable[[Path], Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    rebuild = m014.rebuild
    done: list[str] = []

    def rebuild_until_the_referrals(db: object, table: str) -> None:
        if table == "referral":
            raise OSError("the disk is full")
        rebuild(db, table)  # type: ignore[arg-type]
        done.append(table)

    monkeypatch.setattr(m014, "rebuild", rebuild_until_the_referrals)
    before, rows = v13.read_bytes(), table_rows(v13)

    result = cli_on(v13)("interaction", "list")

    assert "interaction" in done and result.code != 0
    assert "failed at step 14 (m014_kept_ids: the disk is full)" in result.err, result.err
    assert v13.read_bytes() == before and table_rows(v13) == rows
    assert not query(v13, "SELECT name FROM sqlite_master WHERE name LIKE '%_rebuilt'")


def test_the_rebuild_refuses_to_run_with_foreign_keys_on(tmp_path: Path) -> None:
    """Dropping `contact` with them on deletes every referral through its cascade."""
    from peewee import SqliteDatabase

    db = SqliteDatabase(str(tmp_path / "x.db"), pragmas={"foreign_keys": 1})
    db.connect()
    try:
        for step in migrations.STEPS[:13]:
            migrations._step(step)(db)
        with pytest.raises(RuntimeError, match="foreign keys off"):
            m014.upgrade(db)
    finally:
        db.close()
