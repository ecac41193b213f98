"""Schema 9's kept trend sums (`trend_sums`): a whole past trend period is summed from
its rows once and read back after; every change to a row it was summed from forgets
it; sums read before another program's write are never kept, and a card never waits
to keep them. SQLite only: a server's card reads its rows (its step 9 adds nothing).

The demo's 12 weeks run 2026-09-04 … 2026-11-27, and these tests look at them on
2027-01-04 (`SEEN`), when 2026 is over. The quarter card of 2026-11-27 (2026-Q4), with
the demo's quarter and year goals removed, reads its rows from 2026-10-02 (90 days
before its end); its trend's quarters 2024-Q1 … 2026-Q3 are whole and summed, and
2026-Q3 holds the demo's September. (On a running card the 90 days count back from
today, and reach into September.)
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from netrack.data import bulk_rows, kept_sums, migrations
from netrack.data import tables as t
from netrack.data.db import BUSY_TIMEOUT_S
from netrack.data.doctor import diagnose
from netrack.data.repo import Repo
from netrack.data.repo import trend_days as sums
from netrack.domain import metrics
from netrack.domain.card import Scorecard
from netrack.domain.facts import TrendDay
from netrack.domain.weeks import Period
from tests import pg
from tests.db.conftest import TODAY
from tests.db.test_scorecard_span_sums import every_row

D = date.fromisoformat
SEEN = date(2027, 1, 4)
Q3 = ("2026-07-01", "2026-09-30")
QUARTERS = {
    (f"{year}-{first}", f"{year}-{last}")
    for year in (2024, 2025, 2026)
    for first, last in (
        ("01-01", "03-31"),
        ("04-01", "06-30"),
        ("07-01", "09-30"),
        ("10-01", "12-31"),
    )
} - {("2026-10-01", "2026-12-31")}


@pytest.fixture
def backend() -> str:
    return "sqlite"


@pytest.fixture
def today() -> date:
    return SEEN


def kept(repo: Repo) -> dict[tuple[str, str], tuple[int, int, int]]:
    rows = repo.store.db.execute_sql('SELECT * FROM "trend_sums"').fetchall()
    return {(first, last): (minutes, faces, count) for first, last, minutes, faces, count in rows}


def quarter(repo: Repo) -> Period:
    return repo.scorecard.period("quarter", TODAY)


def from_rows(repo: Repo, period: Period) -> Scorecard:
    """The card computed from every row, nothing summed, nothing kept read."""
    return metrics.scorecard(every_row(repo, repo.scorecard.inputs(period), period), period)


def test_whole_past_quarters_are_summed_once_and_read_back(demo: Repo) -> None:
    period = quarter(demo)
    first = demo.scorecard.card(period)
    assert set(kept(demo)) == QUARTERS
    # 2026-Q3 as its rows give it: the demo's September, counted straight in SQL.
    db = demo.store.db
    minutes = db.execute_sql(
        'SELECT (SELECT COALESCE(SUM("minutes"), 0) FROM "interaction" WHERE "on" BETWEEN ? AND ?)'
        ' + (SELECT COALESCE(SUM("minutes"), 0) FROM "time_entry" WHERE "on" BETWEEN ? AND ?'
        " AND \"category\" IN ('search', 'networking'))",
        (*Q3, *Q3),
    ).fetchone()[0]
    people = db.execute_sql(
        'SELECT COUNT(DISTINCT l."contact_id") FROM "interaction_contact" AS l '
        'JOIN "interaction" AS i ON i."id" = l."interaction_id" WHERE i."on" BETWEEN ? AND ? '
        'AND (i."meaningful" OR TRIM(i."value_received") != \'\')',
        Q3,
    ).fetchone()[0]
    assert people > 5 and minutes > 0  # the comparisons below mean something
    assert kept(demo)[Q3][0] == minutes and kept(demo)[Q3][2] == people
    assert kept(demo)[("2024-01-01", "2024-03-31")] == (0, 0, 0)
    # Read back: the same card, which is the card of every row.
    assert demo.scorecard.card(period) == first == from_rows(demo, period)
    assert first.trend["meaningful_contacts"][-2] == people
    # And read, not summed again: a kept count shows as it is.
    db.execute_sql('UPDATE "trend_sums" SET "meaningful" = 999 WHERE "first" = ?', (Q3[0],))
    assert demo.scorecard.card(period).trend["meaningful_contacts"][-2] == 999


def _some(repo: Repo, where: str) -> int:
    return int(
        repo.store.db.execute_sql(
            f'SELECT "id" FROM "interaction" WHERE "on" BETWEEN ? AND ? AND {where} '
            'ORDER BY "id" LIMIT 1',
            Q3,
        ).fetchone()[0]
    )


def _log(repo: Repo) -> set[str]:
    ana = repo.contacts.add("Ana Trend", met_on=D("2026-08-01")).id
    campaign = repo.campaigns.add("Staff", "Trendco", opened_on=D("2026-08-01")).id
    repo.activity.log(
        [ana],
        on=D("2026-09-10"),
        kind="in_person",
        minutes=45,
        campaign_id=campaign,
        meaningful=True,
    )
    return {"2026-09-10"}


def _minutes(repo: Repo) -> set[str]:
    iid = _some(repo, "1")
    repo.activity.update(iid, minutes=repo.activity.get(iid).minutes + 15)
    return {repo.activity.get(iid).on.isoformat()}


def _move(repo: Repo) -> set[str]:
    iid = _some(repo, "1")
    before = repo.activity.get(iid).on.isoformat()
    repo.activity.update(iid, on=D("2025-05-05"))
    return {before, "2025-05-05"}


def _value_received(repo: Repo) -> set[str]:
    iid = _some(repo, 'NOT "meaningful" AND TRIM("value_received") = \'\'')
    repo.activity.update(iid, value_received="an introduction")
    return {repo.activity.get(iid).on.isoformat()}


def _delete(repo: Repo) -> set[str]:
    iid = _some(repo, '"meaningful"')
    day = repo.activity.get(iid).on.isoformat()
    repo.activity.delete(iid)
    return {day}


def _time(repo: Repo) -> set[str]:
    repo.time.add(90, "networking", on=D("2026-09-11"))
    return {"2026-09-11"}


def _merge(repo: Repo, tmp_path: Path) -> set[str]:
    """Two contacts become one: the other's links move to the kept one (contact_id)."""
    row = repo.store.db.execute_sql(
        'SELECT l."contact_id", l."on" FROM "interaction_contact" AS l '
        'WHERE l."on" BETWEEN ? AND ? AND l."meaningful" ORDER BY l."id" LIMIT 1',
        Q3,
    ).fetchone()
    keep = repo.contacts.add("Keeper", met_on=D("2026-01-01")).id
    copy = tmp_path / "before-merge.json"
    copy.write_text("{}")
    repo.tidy.merge_contacts(keep, row[0], backup=lambda: copy)
    return {row[1]}


WRITES: dict[str, Callable[..., set[str]]] = {
    "a backdated log": _log,
    "an interaction's minutes": _minutes,
    "an interaction moved to another quarter": _move,
    "a value received": _value_received,
    "a deleted interaction": _delete,
    "a time entry": _time,
    "a merge of two contacts": _merge,
}


@pytest.mark.parametrize("write", WRITES, ids=list(WRITES))
def test_a_change_forgets_the_sums_of_its_days(demo: Repo, write: str, tmp_path: Path) -> None:
    period = quarter(demo)
    demo.scorecard.card(period)
    before = kept(demo)
    change = WRITES[write]
    days = change(demo, tmp_path) if write == "a merge of two contacts" else change(demo)
    after = kept(demo)
    holding = {run for run in before if any(run[0] <= day <= run[1] for day in days)}
    assert holding and Q3 in holding
    assert set(after) == set(before) - holding  # those forgotten, the others kept
    assert demo.scorecard.card(period) == from_rows(demo, period)
    assert set(kept(demo)) == QUARTERS  # summed again, and kept again


def _triggers(repo: Repo) -> set[str]:
    rows = repo.store.db.execute_sql(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'trend_sums%'"
    )
    return {name for (name,) in rows}


def test_a_batch_of_history_forgets_once_and_puts_its_trigger_back(demo: Repo) -> None:
    """An import's rows go in with one statement (`bulk_insert`): the insert trigger is set
    aside for it, and the kept runs overlapping its days are forgotten after."""
    period = quarter(demo)
    demo.scorecard.card(period)
    before, triggers = kept(demo), _triggers(demo)
    rows = [
        {"on": D("2026-09-01") + timedelta(days=n % 20), "minutes": 5, "category": "search"}
        for n in range(kept_sums.BATCHED_ROWS)
    ]
    with demo.store.writing():
        bulk_rows.insert_rows(t.TimeEntry, rows)
    assert set(kept(demo)) == set(before) - {Q3}  # 09-01 … 09-20: in 2026-Q3 alone
    assert _triggers(demo) == triggers and len(triggers) == 9
    assert demo.scorecard.card(period) == from_rows(demo, period)
    assert demo.store.schema_version() == migrations.latest()


def test_sums_read_before_another_programs_write_are_not_kept(demo: Repo, demo_db: Path) -> None:
    db = demo.store.db
    run = TrendDay(D(Q3[0]), 1, 0, frozenset({1}), D(Q3[1]))
    other = Repo.open(demo_db, clock=lambda: SEEN)
    try:
        with demo.store.bound(), db.atomic("DEFERRED"):
            db.execute_sql('SELECT COUNT(*) FROM "interaction"').fetchone()  # its snapshot
            with other.store.bound():
                other.time.add(30, "search", on=D("2026-09-10"))
            sums._keep(db, [run])  # old already: SQLite refuses the write
        assert kept(demo) == {}
        with demo.store.bound(), db.atomic("DEFERRED"):
            db.execute_sql('SELECT COUNT(*) FROM "interaction"').fetchone()
            sums._keep(db, [run])  # nobody wrote since: kept
        assert kept(demo) == {Q3: (1, 0, 1)}
    finally:
        other.close()


def test_a_card_does_not_wait_for_another_programs_write(demo: Repo, demo_db: Path) -> None:
    period = quarter(demo)
    writer = sqlite3.connect(demo_db, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # holds the write lock
    try:
        started = time.monotonic()
        card = demo.scorecard.card(period)
        # Waiting for the lock would take the whole busy timeout: the card did not.
        assert time.monotonic() - started < BUSY_TIMEOUT_S
        assert kept(demo) == {}
        (wait,) = demo.store.db.execute_sql("PRAGMA busy_timeout").fetchone()
        assert wait == BUSY_TIMEOUT_S * 1000  # given back
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert demo.scorecard.card(period) == card
    assert set(kept(demo)) == QUARTERS


def test_doctor_checks_each_kept_sum_and_fix_forgets_what_differs(
    demo: Repo, demo_db: Path
) -> None:
    demo.scorecard.card(demo.scorecard.period("year", TODAY))  # its span too
    demo.scorecard.card(quarter(demo))
    assert (
        "kept sums:    22 trend runs and 2 early-days spans kept, each as its rows give it"
        in diagnose(demo_db).text()
    )
    # A program that went around the triggers (here: a hand edit) left two wrong.
    db = demo.store.db
    db.execute_sql('UPDATE "trend_sums" SET "minutes" = 1 WHERE "first" = ?', (Q3[0],))
    db.execute_sql('UPDATE "span_sums" SET "count" = 99 WHERE "first" = ?', (SPAN[0],))
    report = diagnose(demo_db)
    assert report.problems == [
        "2 kept sums differ from their rows (2026-07-01 … 2026-09-30, 2026-01-01 … "
        "2026-10-01); `netrack doctor --fix` forgets what differs (cards sum it again)"
    ]
    assert "forgot 2 kept sums (summed again)" in diagnose(demo_db, fix=True).fixed
    assert Q3 not in kept(demo) and SPAN not in spans(demo)
    assert len(kept(demo)) == 21 and len(spans(demo)) == 1
    assert diagnose(demo_db).problems == []


def test_a_schema_8_file_gets_the_sums_and_their_triggers(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with monkeypatch.context() as patch:
        patch.setattr(migrations, "STEPS", migrations.STEPS[:8])
        Repo.open(db_path, clock=lambda: SEEN).close()
    repo = Repo.open(db_path, clock=lambda: SEEN)
    try:
        assert repo.store.schema_version() == migrations.latest()
        triggers = {
            name
            for (name,) in repo.store.db.execute_sql(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'trend_sums%'"
            )
        }
        assert triggers == {
            f"trend_sums_{table}_{event}"
            for table in ("interaction", "interaction_contact", "time_entry")
            for event in ("insert", "update", "delete")
        }
    finally:
        repo.close()


@pytest.mark.postgresql
def test_a_server_database_keeps_none(tmp_path: Path) -> None:
    with pg.new_database("postgresql", tmp_path / "unused.db", TODAY, demo=True) as where:
        repo = Repo.open(where, clock=lambda: SEEN)
        try:
            with repo.store.bound():
                assert repo.store.schema_version() == migrations.latest()
                period = quarter(repo)
                card = repo.scorecard.card(period)
                assert card == from_rows(repo, period)
                found = t.Interaction._meta.database.execute_sql(
                    "SELECT to_regclass('trend_sums')"
                ).fetchone()[0]
                assert found is None
        finally:
            repo.close()


def test_a_batch_stopped_half_way_leaves_the_trigger_and_the_sums_as_they_were(
    demo: Repo, demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C while a batch's rows go in (its trigger set aside): the transaction rolls
    back, the trigger with it, and the file opens as netrack's, sums and rows as before."""
    period = quarter(demo)
    demo.scorecard.card(period)
    before, triggers = kept(demo), _triggers(demo)
    rows = [{"on": D("2026-09-01"), "minutes": 5, "category": "search"}] * kept_sums.BATCHED_ROWS

    def stopped(*_args: object) -> None:
        assert _triggers(demo) == triggers - {"trend_sums_time_entry_insert"}  # set aside
        raise KeyboardInterrupt

    monkeypatch.setattr(bulk_rows, "forgotten_once", _stopping(kept_sums.forgotten_once, stopped))
    with pytest.raises(KeyboardInterrupt), demo.store.writing():
        bulk_rows.insert_rows(t.TimeEntry, rows)
    assert _triggers(demo) == triggers and kept(demo) == before
    demo.close()
    reopened = Repo.open(demo_db, clock=lambda: SEEN)  # the schema check passes
    try:
        with reopened.store.bound():
            assert set(kept(reopened)) == QUARTERS
            assert reopened.scorecard.card(period) == from_rows(reopened, period)
    finally:
        reopened.close()


def _stopping(forgotten_once: Callable[..., Any], stop: Callable[[], None]) -> Callable[..., Any]:
    """`forgotten_once` whose block is interrupted as the rows go in."""

    @contextmanager
    def interrupted(*args: object) -> Iterator[None]:
        with forgotten_once(*args):
            stop()
            yield

    return interrupted


# --- the card's own early days (a year card's 2026-01-01 … 2026-10-01) -----------------

SPAN = ("2026-01-01", "2026-10-01", "9999-12-31")  # channels whenever the campaign opened


def spans(repo: Repo) -> list[tuple[str, str, str]]:
    rows = repo.store.db.execute_sql('SELECT * FROM "span_kept" ORDER BY "first"').fetchall()
    return [tuple(row) for row in rows]


def test_a_year_cards_early_days_are_kept_and_read_back(demo: Repo) -> None:
    year = demo.scorecard.period("year", TODAY)
    first = demo.scorecard.inputs(year)
    assert first.span_sums is not None and (first.span_sums.start, first.span_sums.end) == (
        D(SPAN[0]),
        D(SPAN[1]),
    )
    assert SPAN in spans(demo)
    again = demo.scorecard.inputs(year)
    assert again.span_sums == first.span_sums  # read back: the same rows, in the same order
    assert metrics.scorecard(again, year) == from_rows(demo, year)
    # Read, not summed again: a kept count shows as it is.
    demo.store.db.execute_sql(
        'UPDATE "span_sums" SET "count" = "count" + 100 WHERE "what" = \'i\' AND "first" = ?',
        (SPAN[0],),
    )
    changed = demo.scorecard.inputs(year).span_sums
    assert changed is not None
    assert sum(s.count for s in changed.interactions) == sum(
        s.count for s in first.span_sums.interactions
    ) + 100 * len(first.span_sums.interactions)


@pytest.mark.parametrize("write", WRITES, ids=list(WRITES))
def test_a_change_in_the_early_days_forgets_them(demo: Repo, write: str, tmp_path: Path) -> None:
    year = demo.scorecard.period("year", TODAY)
    demo.scorecard.card(year)
    assert SPAN in spans(demo)
    change = WRITES[write]
    change(demo, tmp_path) if write == "a merge of two contacts" else change(demo)
    if write == "a merge of two contacts":
        # Links only: the span's sums are per interaction, and stay.
        assert SPAN in spans(demo)
    else:
        assert SPAN not in spans(demo)
    assert demo.scorecard.card(year) == from_rows(demo, year)
    assert SPAN in spans(demo)


def test_a_campaigns_source_forgets_the_spans_and_a_follow_up_done_forgets_nothing(
    demo: Repo,
) -> None:
    year = demo.scorecard.period("year", TODAY)
    demo.scorecard.card(year)
    quarters = set(kept(demo))
    # The demo's early follow-ups are all closed by a touch: one is marked done on its
    # own day, before that touch (a follow-up done already keeps its day otherwise).
    due, on = demo.store.db.execute_sql(
        'SELECT "id", "on" FROM "interaction" WHERE "follow_up_on" IS NOT NULL AND "on" < ? '
        'AND "follow_up_done_on" IS NULL ORDER BY "id" LIMIT 1',
        (SPAN[1],),
    ).fetchone()
    demo.activity.mark_follow_up_done(due, on=date.fromisoformat(str(on)))  # the whole row
    assert SPAN in spans(demo) and set(kept(demo)) == quarters
    campaign = demo.campaigns.all()[0]
    demo.campaigns.update(campaign.id, notes="a note")  # nothing a sum reads
    assert SPAN in spans(demo)
    demo.campaigns.update(
        campaign.id, source="recruiter" if campaign.source != "recruiter" else "referral"
    )
    assert spans(demo) == [] and set(kept(demo)) == quarters  # the trend has no channel
    assert demo.scorecard.card(year) == from_rows(demo, year)


def test_doctor_says_nothing_of_the_kept_sums_of_a_damaged_file(demo: Repo, demo_db: Path) -> None:
    demo.scorecard.card(quarter(demo))
    demo.close()  # its WAL merged into the file
    with demo_db.open("r+b") as file:
        file.seek(4096 * 8)
        file.write(b"\xff" * 64)
    report = diagnose(demo_db)
    assert any("malformed" in problem for problem in report.problems)
    assert "kept sums:" not in report.text()  # read from a damaged file, they mean nothing
