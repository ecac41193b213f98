"""JSON exports and schema 4 (issue 15): an export from before strength history, cadence,
goal `since`, loss reasons and campaign details still imports, with the migration's
rules; a file's bad new values are skipped and reported like any other."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path
from typing import Any

from netrack.data.repo import Repo
from netrack.domain.models import Stage
from netrack.interop import api
from tests.hardening.helpers import netrack_in_process

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


def test_a_flawed_strength_history_costs_only_its_flawed_entries(
    repo: Repo, tmp_path: Path
) -> None:
    """Ana said strength 4 while her history said 1 since January: the lists showed 4,
    the scorecard's relationship quality counted 1. Bo's history has two changes one
    day, Cy's is out of order. Each was skipped whole with every interaction and
    referral of theirs; now each is kept, without the entries at fault (of one day the
    last, which the scorecard reads; the fewest out of order), and a strength the
    history does not end at holds from today, as a merge mends it. Each said."""
    doc = {
        "format": "netrack",
        "schema_version": 10,
        "contacts": [
            _with_history("Ana", 4, ("2026-01-01", 1)),
            _with_history("Bo", 2, ("2026-01-01", 1), ("2026-01-01", 2)),
            _with_history("Cy", 1, ("2026-03-01", 3), ("2026-01-01", 1)),
            _with_history("Di", None, ("2026-01-01", 3), ("2026-02-01", None)),
            _with_history("Ed", 4),
        ],
    }
    path = tmp_path / "in.json"
    path.write_text(json.dumps(doc), encoding="utf-8")

    summary = api.import_file(repo, "json", path)

    assert "  skipped " not in summary
    assert [row for row in summary.splitlines() if row.startswith("  kept ")] == [
        "  kept contacts[0] with strength 4 from 2026-11-25, after its strength history's "
        "last change (2026-01-01, to 1)",
        "  kept contacts[1] without strength_history[0] (2026-01-01, to 1: another change "
        "that day is kept, the day's last)",
        "  kept contacts[2] without strength_history[0] (2026-03-01, to 3: out of order, one "
        "change a day, oldest first)",
    ]
    kept = {c.name: c for c in repo.contacts.all()}
    assert sorted(kept) == ["Ana", "Bo", "Cy", "Di", "Ed"]

    def history(name: str) -> list[tuple[date, int | None]]:
        return [(h.on, h.strength) for h in repo.contacts.strength_history(kept[name].id)]

    assert history("Ana") == [(date(2026, 1, 1), 1), (TODAY, 4)]
    assert history("Bo") == [(date(2026, 1, 1), 2)]
    assert history("Cy") == [(date(2026, 1, 1), 1)]
    assert history("Di") == [(date(2026, 1, 1), 3), (date(2026, 2, 1), None)]
    assert kept["Di"].strength is None


def test_two_strength_changes_one_day_no_longer_lose_the_contact_on_a_round_trip(
    tmp_path: Path,
) -> None:
    """The report's steps: a second strength change stored on Ana's first day (which
    `doctor` passed), exported and imported into an empty database. Ana was skipped,
    her solo coffee and her referral with her, the shared call kept without her, exit
    0. Now only the day's earlier change is left out."""
    a, b, out = tmp_path / "a.db", tmp_path / "b.db", tmp_path / "a.json"

    def netrack(*args: str | Path, db: Path) -> str:
        done = netrack_in_process(*map(str, args), "--db", str(db), today="2026-11-27")
        assert done.returncode == 0, done.stderr
        return done.stdout

    netrack("contact", "add", "Ana Test", "--strength", "3", "--met", "2026-11-01", db=a)
    netrack("contact", "add", "Bo Other", "--met", "2026-11-01", db=a)
    netrack("log", "@ana #coffee 30m ! on:2026-11-20 solo coffee", db=a)
    netrack("log", "@ana @bo #call 15m on:2026-11-21 shared call", db=a)
    netrack("referral", "add", "--from", "ana", "--direction", "in", "--on", "2026-11-22", db=a)
    with closing(sqlite3.connect(a)) as connection, connection:
        connection.execute(
            'INSERT INTO strength_change (contact_id, "on", strength) '
            'SELECT contact_id, "on", 4 FROM strength_change WHERE contact_id = 1'
        )
    netrack("export", "json", "--out", out, db=a)

    summary = netrack("import", "json", out, db=b)

    assert "  skipped " not in summary
    assert (
        "  kept contacts[0] without strength_history[0] (2026-11-01, to 3: another change "
        "that day is kept, the day's last)"
    ) in summary
    netrack("export", "json", "--out", tmp_path / "b.json", db=b)
    back = json.loads((tmp_path / "b.json").read_text(encoding="utf-8"))
    sent = json.loads(out.read_text(encoding="utf-8"))
    assert [c["name"] for c in back["contacts"]] == ["Ana Test", "Bo Other"]
    assert back["interactions"] == sent["interactions"]
    assert back["referrals"] == sent["referrals"]
    # The day's last change, the one the scorecard read there, reads the same here
    assert back["contacts"][0]["strength_history"][0] == {"on": "2026-11-01", "strength": 4}
