"""Schema 4's migration: strength history, goal `since`, loss reasons onto the history."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from netrack.data import migrations
from netrack.data.migrations.m004_history_and_details import reason_code
from netrack.data.repo import Repo

DATA = Path(__file__).parent.parent / "data"


def _rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    connection = sqlite3.connect(path)
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


def test_v1_database_gets_strength_history_and_goal_since(tmp_path: Path) -> None:
    path = tmp_path / "v1.db"
    shutil.copyfile(DATA / "v1_populated.db", path)
    strengths = _rows(path, "SELECT id, met_on, strength FROM contact WHERE strength IS NOT NULL")
    Repo.open(path, clock=lambda: date(2026, 12, 1)).close()
    history = _rows(path, 'SELECT contact_id, "on", strength FROM strength_change ORDER BY id')
    # One entry per contact with a strength (31 of the 40), dated its met_on.
    assert len(history) == 31
    assert history == strengths
    assert history[:2] == [(1, "2026-06-08", 3), (2, "2026-07-21", 1)]
    # No creation date is stored: the earliest dated row (met_on 2026-06-01) stands for it.
    assert _rows(path, "SELECT DISTINCT since FROM goal") == [("2026-06-01",)]
    assert _rows(path, "SELECT count(*) FROM goal") == [(4,)]


def test_new_database_goals_count_from_the_opening_clock(tmp_path: Path) -> None:
    repo = Repo.open(tmp_path / "new.db", clock=lambda: date(2026, 11, 27))
    assert {goal.since for goal in repo.goals.all()} == {date(2026, 11, 27)}
    repo.close()


def _v3(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with monkeypatch.context() as patch:
        patch.setattr(migrations, "STEPS", migrations.STEPS[:3])
        Repo.open(path, clock=lambda: date(2026, 12, 1)).close()


def test_lost_reason_moves_onto_the_latest_change_into_lost(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "v3.db"
    _v3(path, monkeypatch)
    connection = sqlite3.connect(path)
    connection.executescript(
        """
        INSERT INTO organization VALUES (1, 'Acme', 'acme', '', '', '', '');
        INSERT INTO campaign VALUES
          (1, 'SRE', 1, NULL, NULL, '', '', '2026-09-01', 'lost', '2026-10-05', 'hiring freeze'),
          (2, 'PM', 1, NULL, NULL, '', '', '2026-09-02', 'lost', '2026-10-06', 'position filled'),
          (3, 'QA', 1, NULL, NULL, '', '', '2026-09-03', 'applied', '2026-10-07', 'no response');
        INSERT INTO stage_change VALUES
          (1, 1, NULL, 'applied', '2026-09-01', ''),
          (2, 1, 'applied', 'lost', '2026-09-20', 'first loss'),
          (3, 1, 'lost', 'applied', '2026-09-25', ''),
          (4, 1, 'applied', 'lost', '2026-10-05', 'hiring freeze'),
          (5, 2, NULL, 'applied', '2026-09-02', ''),
          (6, 2, 'applied', 'lost', '2026-10-06', ''),
          (7, 3, NULL, 'applied', '2026-09-03', ''),
          (8, 3, 'applied', 'lost', '2026-10-01', 'ghosted'),
          (9, 3, 'lost', 'applied', '2026-10-07', '');
        """
    )
    connection.commit()
    connection.close()
    Repo.open(path, clock=lambda: date(2026, 12, 1)).close()
    assert _rows(path, 'SELECT id, reason, note FROM stage_change WHERE to_stage = "lost"') == [
        (2, "", "first loss"),  # not the latest loss: left unspecified
        (4, "hiring_freeze", "hiring freeze"),
        (6, "other", "position filled"),  # a phrase with no code: `other`, kept as the note
        (8, "no_response", "ghosted"),
    ]
    # The campaign column is the current loss's reason: reopened campaign 3 has none.
    assert _rows(path, "SELECT id, lost_reason FROM campaign ORDER BY id") == [
        (1, "hiring_freeze"),
        (2, "other"),
        (3, ""),
    ]
    # Goals count from the earliest dated row: opened_on 2026-09-01.
    assert _rows(path, "SELECT DISTINCT since FROM goal") == [("2026-09-01",)]


@pytest.mark.parametrize(
    ("text", "code"),
    [("", ""), ("Hiring Freeze", "hiring_freeze"), ("no-response", "no_response"),
     ("withdrawn", "withdrawn"), ("position filled", "other"), ("other", "other")],
)  # fmt: skip
def test_reason_codes(text: str, code: str) -> None:
    assert reason_code(text) == code
