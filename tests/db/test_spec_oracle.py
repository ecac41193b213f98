"""netrack's scorecard against a second, naive reading of SPEC (`spec_oracle`).

Hypothesis writes a history through the repository the CLI and the TUI call, moving
the clock ("today") forward as it goes, as a user logging day after day would, and
reading cards along the way (so the kept sums are kept, then forgotten by later
writes). Then, on 2026-11-27, every period kind's card that is past, running and not
started yet is computed as `netrack scorecard --format json` computes it and compared
with the oracle, key by key.

A few examples run in the suite (about 3 s of CPU). A long hunt:
NETRACK_ORACLE_EXAMPLES=400 (NETRACK_ORACLE_SEED=N for other histories,
NETRACK_ORACLE_SHRINK=1 to shrink a failure, NETRACK_ORACLE_KEEP=FILE to keep the
failing database, NETRACK_ORACLE_STATS=FILE to count what the histories did).
"""

from __future__ import annotations

import json
import os
import sqlite3
import tempfile
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, note, seed, settings
from hypothesis import strategies as st

from netrack import present
from netrack.data.repo import Repo
from netrack.domain import metrics
from netrack.domain.card_reuse import AfterLog
from netrack.domain.errors import InputError
from tests.conftest import migrated_file
from tests.db import spec_oracle
from tests.db.spec_oracle_history import Nothing, Writer
from tests.db.spec_oracle_lists import scorecard as oracle_scorecard

TODAY = date(2026, 11, 27)
EXAMPLES = int(os.environ.get("NETRACK_ORACLE_EXAMPLES", "8"))
KINDS = ("week", "month", "quarter", "year")


def netrack_json(repo: Repo, kind: str, on: date) -> dict[str, Any]:
    """What `netrack scorecard --period KIND --on ON --format json` prints (its
    deadlines aside: they are not a figure of the card)."""
    card = repo.scorecard.card(repo.scorecard.period(kind, on))
    return json.loads(present.render(card, "json"))  # type: ignore[no-any-return]


def comparable(card: dict[str, Any]) -> dict[str, Any]:
    """The lists SPEC gives no order sorted by id; the warnings as whether there is one
    (their words are the product's)."""
    out = dict(card)
    for key in ("going_cold", "stalled"):
        out[key] = sorted(out[key], key=lambda row: row["id"])
    out["pipeline_warnings"] = bool(out["pipeline_warnings"])
    return out


def differences(got: Any, want: Any, path: str = "") -> list[str]:
    """Each place where `got` (netrack) and `want` (the oracle) differ, by its path."""
    if isinstance(got, dict) and isinstance(want, dict):
        out = []
        for key in sorted(set(got) | set(want), key=str):
            if key not in got or key not in want:
                side = "netrack" if key in got else "oracle"
                shown = got.get(key, want.get(key))
                out.append(f"{path}/{key}: only in {side}: {json.dumps(shown)[:300]}")
            else:
                out += differences(got[key], want[key], f"{path}/{key}")
        return out
    if isinstance(got, list) and isinstance(want, list) and len(got) == len(want):
        named = [
            f"{path}[{i}]" + (f"({g['metric']} a {g['period']})" if "metric" in g else "")
            if isinstance(g, dict)
            else f"{path}[{i}]"
            for i, g in enumerate(got)
        ]
        return [d for at, g, w in zip(named, got, want, strict=True) for d in differences(g, w, at)]
    numbers = {type(got), type(want)} <= {int, float}
    if type(got) is float and type(want) is float and abs(got - want) <= 1.0001e-4:
        # A figure exactly halfway between two shown values (a diversity of 187/800 =
        # 0.23375) is shown either way by a hair of floating point; SPEC says which
        # decimals, not which way a tie goes. Hours and money cannot tie (whole
        # minutes and cents), so only the last decimal of a ratio is let go.
        return []
    if got != want or (type(got) is not type(want) and not numbers):
        return [f"{path}: netrack {json.dumps(got)[:300]} != oracle {json.dumps(want)[:300]}"]
    return []


def keep(path: Path, copy: Path) -> None:
    """A copy of the open database, what its WAL holds included."""
    source, target = sqlite3.connect(path), sqlite3.connect(copy)
    try:
        source.backup(target)
    finally:
        source.close()
        target.close()


def disagreements(repo: Repo, path: Path, kind: str, on: date) -> list[str]:
    got = netrack_json(repo, kind, on)
    want = oracle_scorecard(path, kind, on, repo.today())
    return differences(comparable(got), comparable(want))


def after_one_more_log(repo: Repo, path: Path, writer: Writer) -> list[str]:
    """The Scorecard screen's card after a quick log: the card on screen brought up to
    date for the log (`card_reuse`), against the oracle reading the file after it."""
    kind = writer.pick(KINDS, "screen kind")
    period = repo.scorecard.period(kind, writer.back(30))
    inputs = repo.scorecard.inputs(period)
    card, parts = metrics.scorecard_and_parts(inputs, period)
    try:
        logged_id = writer.log_interaction(repo)[0]
    except (InputError, Nothing):
        return []
    writer.log.append(f"{writer.clock} screen log: {logged_id}, on a {period.label} card")
    inputs, logged = repo.scorecard.update_after_log(inputs, period, logged_id)
    after, _ = metrics.scorecard_and_parts(inputs, period, AfterLog(card, parts, logged))
    got = json.loads(present.render(after, "json"))
    want = oracle_scorecard(path, kind, period.start, TODAY)
    return [
        f"after a log, {period.label}: {d}" for d in differences(comparable(got), comparable(want))
    ]


def cards_to_check(first: date) -> list[tuple[str, date]]:
    """Past, running and future periods of every kind, and the history's first days."""
    days: tuple[date, ...] = (first, TODAY - timedelta(days=40), TODAY - timedelta(days=8), TODAY)
    days += (TODAY + timedelta(days=20), TODAY + timedelta(days=200))
    return [(kind, on) for kind in KINDS for on in days]


@seed(int(os.environ.get("NETRACK_ORACLE_SEED", "20261127")))
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize="NETRACK_ORACLE_EXAMPLES" not in os.environ,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    # Shrinking a history of dozens of writes takes minutes: a long hunt asks for it.
    phases=[p for p in Phase if p != Phase.shrink or "NETRACK_ORACLE_SHRINK" in os.environ],
)
@given(data=st.data())
def test_the_scorecard_agrees_with_a_naive_reading_of_spec(data: st.DataObject) -> None:
    with tempfile.TemporaryDirectory(prefix="netrack-oracle-") as folder:
        path = migrated_file(Path(folder) / "oracle.db", TODAY)
        writer = Writer(data, TODAY)
        repo = Repo.open(path, clock=writer.today)
        other = Repo.open(path, clock=writer.today)
        try:
            with repo.store.bound():
                writer.write_history(repo, other)
                writer.clock = TODAY
                found = []
                for kind, on in cards_to_check(writer.first):
                    try:
                        got = netrack_json(repo, kind, on)
                    except InputError:  # a day before the history's first card year
                        continue
                    want = oracle_scorecard(path, kind, on, TODAY)
                    found += [
                        f"{kind} {on}: {d}" for d in differences(comparable(got), comparable(want))
                    ]
                if found and "NETRACK_ORACLE_KEEP" in os.environ:  # the file, to read by hand
                    keep(path, Path(os.environ["NETRACK_ORACLE_KEEP"]))
                found += after_one_more_log(repo, path, writer)
        finally:
            other.close()
            repo.close()
    note("\n".join(writer.log))
    if "NETRACK_ORACLE_STATS" in os.environ:  # what the histories did, for a hunt
        with open(os.environ["NETRACK_ORACLE_STATS"], "a") as stats:
            stats.writelines(line.split(" ", 1)[1][:60] + "\n" for line in writer.log)
    assert not found, "netrack and the oracle differ:\n" + "\n".join(found[:40])


# --- the findings, each as the smallest history that showed it ------------------------


class Days:
    """A repository on a new file whose "today" the test moves, as `NETRACK_TODAY` does."""

    def __init__(self, folder: Path, first: date) -> None:
        self.clock = first
        self.path = migrated_file(folder / "found.db", TODAY)
        self.repo = Repo.open(self.path, clock=lambda: self.clock)

    def disagreements(self, kind: str, on: date) -> list[str]:
        self.clock = TODAY
        with self.repo.store.bound():
            return disagreements(self.repo, self.path, kind, on)


@pytest.fixture
def spec_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """The oracle as SPEC reads, without following netrack on the pending findings."""
    monkeypatch.setattr(spec_oracle, "PENDING", set())


@pytest.mark.usefixtures("spec_only")
def test_quality_counts_a_contact_whose_met_on_moved_after_the_card(tmp_path: Path) -> None:
    days = Days(tmp_path, date(2026, 11, 1))
    try:
        repo = days.repo
        with repo.store.bound():
            ana = repo.contacts.add("Ana", met_on=date(2026, 10, 1)).id
            days.clock = date(2026, 11, 5)
            repo.contacts.update(ana, strength=4)
            days.clock = date(2026, 11, 10)
            repo.activity.log([ana], kind="in_person", meaningful=True)
            days.clock = date(2026, 11, 20)
            repo.contacts.update(ana, met_on=date(2026, 11, 18))
        assert days.disagreements("week", date(2026, 11, 15)) == []
    finally:
        days.repo.close()


def test_a_follow_up_whose_origin_loses_the_contact_a_later_touch_was_with(
    tmp_path: Path,
) -> None:
    days = Days(tmp_path, date(2026, 11, 2))
    try:
        repo = days.repo
        with repo.store.bound():
            ana = repo.contacts.add("Ana", met_on=date(2026, 10, 1)).id
            raj = repo.contacts.add("Raj", met_on=date(2026, 10, 1)).id
            call = repo.activity.log([ana, raj], follow_up_on=date(2026, 11, 20))
            days.clock = date(2026, 11, 5)
            repo.activity.log([raj])
            days.clock = date(2026, 11, 9)
            repo.activity.update(call.id, contact_ids=[ana])
        assert days.disagreements("week", date(2026, 11, 20)) == []
    finally:
        days.repo.close()
