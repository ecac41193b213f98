"""Schema 17's migration: a goal's `until` (see m017), and nothing else changed: a
populated schema-16 file keeps every goal (with no end) and every row, exports the same
history but for `"until": null` at the end of each goal, and judges every card as it
did; on either engine a goal ended after the upgrade leaves the later cards."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from netrack.data.repo import Repo
from tests import pg
from tests.cli.conftest import TODAY as CLI_TODAY
from tests.cli.conftest import Run, runner, sql
from tests.db.file_rows import (
    at_schema,
    demo_at_schema,
    exported,
    query,
    rows_with_schema_17,
    rows_with_schema_19,
    table_rows,
    without_schema_17_keys,
)

TODAY = date(2026, 11, 27)


@pytest.fixture(scope="module")
def schema_16_demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo history as a netrack of schema 16 wrote it (built once, only copied)."""
    return demo_at_schema(tmp_path_factory.mktemp("v16"), 16, TODAY)


@pytest.fixture
def v16(schema_16_demo: Path, tmp_path: Path) -> Path:
    path = tmp_path / "netrack.db"
    shutil.copyfile(schema_16_demo, path)
    return path


def test_a_schema_16_history_upgrades_keeping_every_goal_with_no_end_and_every_card(
    v16: Path, tmp_path: Path, cli_on: Callable[[Path], Run]
) -> None:
    with at_schema(16):
        before = exported(v16, tmp_path / "before.json", TODAY)
        card_16 = cli_on(v16)("scorecard", "--week", "2026-W44", "--format", "json").out
    rows = table_rows(v16)
    assert query(v16, "PRAGMA user_version") == [(16,)] and len(rows["goal"]) == 8

    after = exported(v16, tmp_path / "after.json", TODAY)

    assert query(v16, "PRAGMA user_version") == [(19,)]
    assert (before.pop("schema_version"), after.pop("schema_version")) == (16, 19)
    assert json.dumps(without_schema_17_keys(after)) == json.dumps(before)
    assert table_rows(v16) == rows_with_schema_19(rows_with_schema_17(rows))
    assert query(v16, 'SELECT COUNT(*) FROM "goal" WHERE "until" IS NULL') == [(8,)]
    assert list((tmp_path / "backups").glob("*before-migration-v16.db"))
    card_17 = json.loads(cli_on(v16)("scorecard", "--week", "2026-W44", "--format", "json").out)
    assert card_17["goals"] and all(list(g)[-1] == "until" for g in card_17["goals"])
    assert all(g["until"] is None for g in card_17["goals"])
    assert card_17 == json.loads(card_16)  # every verdict as it was
    doctor = cli_on(v16)("doctor")
    assert doctor.code == 0 and doctor.out.rstrip().endswith("all good"), doctor.out


def test_goals_from_before_have_no_end_and_one_ended_after_leaves_later_cards_on_either_engine(
    backend: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("NETRACK_TODAY", CLI_TODAY)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    with pg.new_database(backend, tmp_path / "v16.db", None) as made:
        with at_schema(16):
            repo = Repo.open(made, clock=lambda: TODAY)  # type: ignore[arg-type]
            try:
                with repo.store.bound(), repo.store.writing():
                    repo.goals.add("events", 2, since=date(2026, 11, 2), note="on 16")
            finally:
                repo.close()
        run = runner(made, capsys)

        listed = json.loads(run("goal", "list", "--format", "json").out)["goals"]
        ended = run("goal", "end", "5", "--on", "2026-11-15")
        weeks = [
            [
                g["metric"]
                for g in json.loads(run("scorecard", "--week", w, "--format", "json").out)["goals"]
            ]
            for w in ("2026-W46", "2026-W47")
        ]

        assert [(g["id"], g["note"], g["until"]) for g in listed][-1] == (5, "on 16", None)
        assert all(g["until"] is None for g in listed)
        assert ended.out == "goal #5 events ≥ 2/week ends on 2026-11-15\n", ended.err
        assert "events" in weeks[0] and "events" not in weeks[1]
        stored = 'SELECT "id", CAST("until" AS TEXT) FROM "goal" WHERE "until" IS NOT NULL'
        assert sql(made, stored) == [(5, "2026-11-15")]  # type: ignore[arg-type]
        assert run("doctor").code == 0
