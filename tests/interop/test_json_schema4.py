"""JSON exports and schema 4 (issue 15): an export from before strength history, cadence,
goal `since`, loss reasons and campaign details still imports, with the migration's
rules; a file's bad new values are skipped and reported like any other."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from netrack.data.repo import Repo
from netrack.domain.models import Stage
from netrack.interop import api

from .conftest import TODAY


def _older(repo: Repo, tmp_path: Path) -> dict[str, Any]:
    """What netrack wrote at schema 3 for Ana (strength 4) and a campaign lost to a
    hiring freeze, with every key schema 4 added taken out."""
    repo.contacts.add("Ana López", organization="Acme", strength=4, met_on=date(2026, 9, 1))
    job = repo.campaigns.add("SRE", "Acme", opened_on=date(2026, 9, 10)).id
    repo.campaigns.move(job, "lost", on=date(2026, 10, 2), reason="hiring_freeze", note="x")
    out = tmp_path / "new.json"
    api.export(repo, "json", out)
    doc = json.loads(out.read_text(encoding="utf-8"))
    doc["schema_version"] = 3
    for goal in doc["goals"]:
        del goal["since"]
    for contact in doc["contacts"]:
        del contact["keep_in_touch"], contact["strength_history"]
    for campaign in doc["campaigns"]:
        for key in ("location", "compensation", "deadline", "documents"):
            del campaign[key]
        for step in campaign["history"]:
            del step["reason"]
        campaign["lost_reason"] = "hiring freeze"  # as schema 3 stored it
    return doc


def test_an_older_export_imports_with_the_migrations_rules(repo: Repo, tmp_path: Path) -> None:
    old = tmp_path / "old.json"
    old.write_text(json.dumps(_older(repo, tmp_path)), encoding="utf-8")
    other = Repo.open(tmp_path / "other.db", clock=lambda: TODAY)

    summary = api.import_file(other, "json", old)

    assert "invalid" not in summary
    (ana,) = other.contacts.all()
    assert (ana.strength, ana.keep_in_touch) == (4, None)
    # The strength the file gives starts the history on met_on, as the migration does.
    assert [(h.on, h.strength) for h in other.contacts.strength_history(ana.id)] == [
        (date(2026, 9, 1), 4)
    ]
    (sre,) = other.campaigns.all()
    assert (sre.stage, sre.lost_reason, sre.location, sre.deadline) == (
        Stage.LOST, "hiring_freeze", "", None
    )  # fmt: skip
    last = other.campaigns.history(sre.id)[-1]
    assert (last.reason, last.note) == ("hiring_freeze", "x")
    # Goals count from the file's earliest dated record: Ana's met_on.
    assert {g.since for g in other.goals.all()} == {date(2026, 9, 1)}
    other.close()


def test_bad_new_values_are_skipped_and_reported(repo: Repo, tmp_path: Path) -> None:
    doc = _older(repo, tmp_path)
    doc["schema_version"] = 4
    doc["contacts"][0]["keep_in_touch"] = 0
    doc["campaigns"][0]["history"][-1]["reason"] = "ghosted"
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    other = Repo.open(tmp_path / "other.db", clock=lambda: TODAY)

    summary = api.import_file(other, "json", path)

    assert (
        "skipped contacts[0].keep_in_touch: keep_in_touch must be from 1 to 3650, not 0" in summary
    )
    assert (
        "skipped campaigns[0].history[1].reason: unknown loss reason 'ghosted' (known: rejected, "
        "withdrawn, hiring_freeze, no_response, other)"
    ) in summary
    assert other.contacts.count() == 0 and other.campaigns.count() == 0
    other.close()


def _with_history(name: str, strength: int | None, *changes: tuple[str, int | None]) -> Any:
    return {
        "name": name,
        "met_on": "2026-01-01",
        "strength": strength,
        "strength_history": [{"on": on, "strength": level} for on, level in changes],
    }


def test_a_strength_history_that_contradicts_the_contact_is_skipped(
    repo: Repo, tmp_path: Path
) -> None:
    """Ana said strength 4 while her history said 1 since January: the lists showed 4,
    the scorecard's relationship quality counted 1 (a sweep). As a campaign whose stage
    is not its history's last, the contact is skipped with the reason."""
    doc = {
        "format": "netrack",
        "schema_version": 10,
        "contacts": [
            _with_history("Ana", 4, ("2026-01-01", 1)),
            _with_history("Bo", 2, ("2026-01-01", 1), ("2026-01-01", 2)),
            _with_history("Cy", 3, ("2026-03-01", 3), ("2026-01-01", 1)),
            _with_history("Di", None, ("2026-01-01", 3), ("2026-02-01", None)),
            _with_history("Ed", 4),
        ],
    }
    path = tmp_path / "in.json"
    path.write_text(json.dumps(doc), encoding="utf-8")

    summary = api.import_file(repo, "json", path)

    assert [row for row in summary.splitlines() if row.startswith("  skipped ")] == [
        "  skipped contacts[0].strength: must be 1, the strength of the history's last "
        "change, not 4",
        "  skipped contacts[1].strength_history[1].on: 2026-01-01 is not after the previous "
        "change (2026-01-01, to 1): one change a day, oldest first",
        "  skipped contacts[2].strength_history[1].on: 2026-01-01 is not after the previous "
        "change (2026-03-01, to 3): one change a day, oldest first",
    ]
    kept = {c.name: c for c in repo.contacts.all()}
    assert sorted(kept) == ["Di", "Ed"]
    assert [(h.on, h.strength) for h in repo.contacts.strength_history(kept["Di"].id)] == [
        (date(2026, 1, 1), 3),
        (date(2026, 2, 1), None),
    ]
    assert kept["Di"].strength is None
