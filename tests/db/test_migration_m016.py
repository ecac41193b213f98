"""Schema 16's migration: a `logged_on` column on time entries and referrals (see m016),
and nothing else changed: a populated schema-15 file keeps every row (the new column
NULL) and exports the same history but for `"logged_on": null` at the end of each time
entry and referral; a failure half-way leaves the file at 15; on either engine, rows
from before count on their own date and those typed after on the day they were typed."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import date
from pathlib import Path

import pytest

from netrack.data.migrations import m016_logged_on_time_referrals as m016
from netrack.data.repo import Repo
from tests import pg
from tests.cli.conftest import TODAY as CLI_TODAY
from tests.cli.conftest import Run, runner, sql
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


def at_schema_15() -> AbstractContextManager[None]:
    """Within the block netrack is the one of schema 15 (its steps cut short)."""
    return at_schema(15)


@pytest.fixture(scope="module")
def schema_15_demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo history as a netrack of schema 15 wrote it (built once, only copied)."""
    return demo_at_schema(tmp_path_factory.mktemp("v15"), 15, TODAY)


@pytest.fixture
def v15(schema_15_demo: Path, tmp_path: Path) -> Path:
    path = tmp_path / "netrack.db"
    shutil.copyfile(schema_15_demo, path)
    return path


def test_a_schema_15_history_upgrades_keeping_every_row_and_its_export_but_the_new_keys(
    v15: Path, tmp_path: Path, cli_on: Callable[[Path], Run]
) -> None:
    with at_schema_15():
        before = exported(v15, tmp_path / "before.json", TODAY)
    rows = table_rows(v15)

    after = exported(v15, tmp_path / "after.json", TODAY)

    assert query(v15, "PRAGMA user_version") == [(19,)]
    assert (before.pop("schema_version"), after.pop("schema_version")) == (15, 19)
    assert before["time_entries"] and before["referrals"]
    assert json.dumps(without_schema_17_keys(without_schema_16_keys(after))) == json.dumps(before)
    assert table_rows(v15) == rows_with_schema_19(rows_with_schema_17(rows_with_schema_16(rows)))
    assert list((tmp_path / "backups").glob("*before-migration-v15.db"))
    doctor = cli_on(v15)("doctor")
    assert doctor.code == 0 and doctor.out.rstrip().endswith("all good"), doctor.out


def test_an_upgrade_stopped_between_the_two_tables_leaves_the_file_at_15(
    v15: Path, cli_on: Callable[[Path], Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The time entries' column and index made, the referrals' refused: nothing stays."""
    assert m016.SCHEMA_16[1].startswith('CREATE INDEX "time_entry_logged_on"')
    monkeypatch.setattr(m016, "SCHEMA_16", (*m016.SCHEMA_16[:2], "NOT SQL AT ALL"))
    before, rows = v15.read_bytes(), table_rows(v15)

    result = cli_on(v15)("time", "list")

    assert result.code != 0 and "Traceback" not in result.err
    assert "failed at step 16 (m016_logged_on_time_referrals:" in result.err, result.err
    assert v15.read_bytes() == before and table_rows(v15) == rows
    assert query(v15, "PRAGMA user_version") == [(15,)]
    assert not query(
        v15, "SELECT name FROM pragma_table_info('time_entry') WHERE name = 'logged_on'"
    )


def test_rows_from_before_count_on_their_date_and_new_ones_on_the_day_typed_on_either_engine(
    backend: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("NETRACK_TODAY", CLI_TODAY)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    with pg.new_database(backend, tmp_path / "v15.db", None) as made:
        with at_schema_15():
            repo = Repo.open(made, clock=lambda: TODAY)  # type: ignore[arg-type]
            try:
                with repo.store.bound(), repo.store.writing():
                    bob = repo.contacts.add("Bob", met_on=date(2026, 11, 1))
                    repo.time.add(60, "search", on=date(2026, 11, 26), note="typed on 15")
                    repo.referrals.add(bob.id, "in", on=TODAY, note="today's, on 15")
            finally:
                repo.close()
        run = runner(made, capsys)

        assert run("time", "add", "2h", "--category", "search", "--on", "yesterday").code == 0
        agenda = json.loads(run("agenda", "--format", "json").out)

        assert [(e["minutes"], e["logged_on"]) for e in agenda["time_logged_today"]] == [
            (120, CLI_TODAY)  # the older row: its own date (yesterday), not listed
        ]
        assert [(r["note"], r["logged_on"]) for r in agenda["referrals_logged_today"]] == [
            ("today's, on 15", None)
        ]
        stored = 'SELECT "note", CAST("logged_on" AS TEXT) FROM "time_entry" ORDER BY "id"'
        assert sql(made, stored) == [("typed on 15", None), ("", CLI_TODAY)]  # type: ignore[arg-type]
        assert run("doctor").code == 0
