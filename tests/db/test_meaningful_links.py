"""Schema 6 stores on each interaction_contact row whether its interaction is meaningful
(flag set, or value received not blank after TRIM), kept by triggers. Whatever writes
happen, the stored flag must equal the definition recomputed from the interactions; the
scorecard's trend reads it, and the exports never show it."""

from __future__ import annotations

import csv
import random
import shutil
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from netrack.data import tables as t
from netrack.data.repo import Repo
from netrack.data.repo.trend_days import trend_days
from netrack.interop import csv_io

DATA = Path(__file__).parent.parent / "data"

DEFINITION = """
SELECT l.id, CASE WHEN i.meaningful OR TRIM(i.value_received) != '' THEN 1 ELSE 0 END
FROM interaction_contact AS l JOIN interaction AS i ON i.id = l.interaction_id
"""


def stored(db: Any) -> dict[int, int]:
    rows = db.execute_sql('SELECT id, "meaningful" FROM interaction_contact')
    return {row[0]: int(row[1]) for row in rows}  # PostgreSQL's are booleans


def recomputed(db: object) -> dict[int, int]:
    return {row[0]: row[1] for row in db.execute_sql(DEFINITION)}  # type: ignore[attr-defined]


def test_the_link_flag_follows_every_kind_of_write(repo: Repo) -> None:
    rng = random.Random(6)
    db = repo.store.db
    people = [repo.contacts.add(f"Person {n}", met_on=date(2026, 1, 1)).id for n in range(5)]
    start = date(2026, 3, 1)
    ids: list[int] = []
    received = ["", " ", "advice", "  intro  "]
    seen = 0
    for step in range(150):
        action = rng.random()
        if action < 0.45 or not ids:
            entry = repo.activity.log(
                rng.sample(people, rng.choice([1, 1, 2, 3])),
                on=start + timedelta(days=rng.randrange(60)),
                meaningful=rng.random() < 0.3,
                value_received=rng.choice(received),
            )
            ids.append(entry.id)
        elif action < 0.55:
            repo.activity.delete(ids.pop(rng.randrange(len(ids))))
        elif action < 0.7:  # through the repository, as the CLI and the TUI edit
            repo.activity.update(
                rng.choice(ids),
                meaningful=rng.random() < 0.5,
                value_received=rng.choice(received),
                contact_ids=rng.sample(people, rng.choice([1, 2])),
            )
        elif action < 0.85:  # raw writes, as another writer might make them
            with repo.writing():
                t.Interaction.update(
                    meaningful=rng.random() < 0.5, value_received=rng.choice(received)
                ).where(t.Interaction.id == rng.choice(ids)).execute()
        elif len(ids) > 1:  # a link handed to another interaction
            source, target = rng.sample(ids, 2)
            with repo.writing():
                # SQLite's UPDATE OR IGNORE, in words both engines speak.
                mark = db.param
                db.execute_sql(
                    f"UPDATE interaction_contact SET interaction_id = {mark} "
                    "WHERE id = (SELECT MIN(id) FROM interaction_contact "
                    f"WHERE interaction_id = {mark}) AND NOT EXISTS (SELECT 1 FROM "
                    f"interaction_contact AS o WHERE o.interaction_id = {mark} "
                    "AND o.contact_id = interaction_contact.contact_id)",
                    (target, source, target),
                )
        assert stored(db) == recomputed(db), f"diverged at step {step}"
        seen += sum(stored(db).values())
    assert seen > 300  # plenty of meaningful links were compared


def test_the_trend_counts_contacts_from_the_flag(repo: Repo) -> None:
    ana = repo.contacts.add("Ana López", met_on=date(2026, 1, 1)).id
    raj = repo.contacts.add("Raj Patel", met_on=date(2026, 1, 1)).id
    day, after = date(2026, 5, 4), date(2026, 5, 5)
    first = repo.activity.log([ana, raj], on=day, value_received=" ")  # blank: not meaningful
    repo.activity.log([raj], on=after, meaningful=True, minutes=30)

    def runs() -> dict[date, tuple[date, int, frozenset[int]]]:
        found = trend_days(day, after + timedelta(days=1), cuts=[after])
        return {r.on: (r.until, r.minutes, r.people) for r in found}

    # Two runs: the day alone, then the cut's day and the one after it (empty).
    assert runs() == {day: (day, 0, frozenset()), after: (after + timedelta(days=1), 30, {raj})}
    repo.activity.update(first.id, value_received="a referral")
    assert runs()[day] == (day, 0, frozenset({ana, raj}))


def test_an_old_database_is_backfilled_and_its_exports_do_not_change(tmp_path: Path) -> None:
    old = tmp_path / "v1.db"
    shutil.copyfile(DATA / "v1_populated.db", old)
    repo = Repo.open(old, clock=lambda: date(2026, 11, 27))
    try:
        with repo.store.bound():
            db = repo.store.db
            assert stored(db) == recomputed(db) and stored(db)
            assert any(stored(db).values())
        csv_io.export_csv(repo, tmp_path / "out")
    finally:
        repo.close()
    with (tmp_path / "out" / "interaction_contacts.csv").open(newline="") as file:
        header = next(csv.reader(file))
    assert header == ["id", "interaction_id", "contact_id", "on"]


def test_a_year_card_reads_its_summed_days_in_a_few_runs(repo: Repo) -> None:
    """Twelve years of trend are a dozen runs, not a row per day, and every run lies
    within one trend period (runs start on each period's start)."""
    ana = repo.contacts.add("Ana López", met_on=date(2019, 1, 1)).id
    for year in range(2019, 2027):
        for month in (2, 5, 8):
            repo.activity.log([ana], on=date(year, month, 3), meaningful=True, minutes=20)
    period = repo.scorecard.period("year")
    inputs = repo.scorecard.inputs(period)
    starts = [run.on for run in inputs.trend_days]
    assert starts[0] == date(2015, 1, 1) and len(starts) == 12  # 2015 … 2026's early days
    assert [run.on.year for run in inputs.trend_days] == list(range(2015, 2027))
    assert inputs.trend_days[-1].until == inputs.detail_from - timedelta(days=1)
    card = repo.scorecard.card(period)
    # Three meaningful touches a year of 20 minutes each: an hour, one contact.
    assert card.trend["hours_invested"][4:11] == (1.0,) * 7
    assert card.trend["meaningful_contacts"][4:11] == (1,) * 7
