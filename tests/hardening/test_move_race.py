"""`campaign move` says which stage the campaign left: read in the move's own
transaction. Read before it, another process's move in between made the line name a
stage the campaign had already left ("networking → interviewing" for a change stored
as applied → interviewing)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from netrack.cli import main
from netrack.data.repo import Repo
from netrack.data.repo.campaigns import Campaigns
from netrack.domain.errors import NetrackError

TODAY = "2026-11-27"


def test_the_line_names_the_stage_the_stored_change_left(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("NETRACK_TODAY", TODAY)
    db = tmp_path / "netrack.db"
    repo = Repo.open(db, clock=lambda: date.fromisoformat(TODAY))
    lead = repo.campaigns.add("Data Lead", "Beta", stage="networking")
    repo.close()
    other = Repo.open(db, clock=lambda: date.fromisoformat(TODAY))  # another process
    real = Campaigns.move
    between: list[str] = []

    def move(self: Campaigns, *args: object, **kwargs: object) -> object:
        if not between:  # the other process moves it first, if the file lets it
            between.append("tried")
            try:
                with other.waiting_at_most(0.2):
                    other.campaigns.move(lead.id, "applied")
                between.append("moved")
            except NetrackError:
                between.append("kept out")
        return real(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Campaigns, "move", move)
    assert main(["campaign", "move", "Data Lead", "interviewing", "--db", str(db)]) == 0
    other.close()
    check = Repo.open(db, clock=lambda: date.fromisoformat(TODAY))
    last = check.campaigns.history(lead.id)[-1]
    check.close()
    assert capsys.readouterr().out == (
        f"moved Beta Data Lead: {last.from_stage.value} → interviewing\n"  # type: ignore[union-attr]
    )
    assert between == ["tried", "kept out"]  # the move holds the file from its first read
