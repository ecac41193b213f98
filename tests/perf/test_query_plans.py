"""The scorecard's queries find their rows through indexes, never by reading a whole table.

Timings belong to bench/run.py; what is deterministic is SQLite's plan. Every statement
`repo.scorecard.card(week)` sends is captured and explained (`EXPLAIN QUERY PLAN`) on a
populated file database: none may `SCAN` one of the tables that grow with history
(a SCAN … USING COVERING INDEX still reads every entry, so it fails too); they must
`SEARCH` them through an index.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from netrack.data.repo import Repo
from netrack.demo import fill_demo

TODAY = date(2026, 11, 27)
HISTORY_TABLES = frozenset(
    {"interaction", "interaction_contact", "stage_change", "referral", "time_entry"}
)
ALIAS = re.compile(r'"(\w+)" AS "(\w+)"')
STEP = re.compile(r"^(SCAN|SEARCH) (\w+)")


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Repo]:
    """The demo's twelve weeks, plus two years of older touches, time and referrals:
    enough rows that a scan would be a real cost."""
    path = Path(tmp_path_factory.mktemp("plans")) / "plans.db"
    opened = Repo.open(path, clock=lambda: TODAY)
    fill_demo(opened, TODAY)
    contacts = [c.id for c in opened.contacts.all()][:40]
    for offset in range(120, 840, 6):
        day = TODAY - timedelta(days=offset)
        who = [contacts[offset % len(contacts)], contacts[(offset // 6) % len(contacts)]]
        opened.activity.log(sorted(set(who)), on=day, kind="call", minutes=20)
    yield opened
    opened.close()


def sent_by(repo: Repo, monkeypatch: pytest.MonkeyPatch, read: Any) -> list[tuple[str, Any]]:
    """The statements (and their parameters) `read()` sends to SQLite."""
    sent: list[tuple[str, Any]] = []
    original = repo.store.db.execute_sql

    def spy(sql: str, params: Any = None, *args: Any, **kwargs: Any) -> Any:
        sent.append((sql, params))
        return original(sql, params, *args, **kwargs)

    monkeypatch.setattr(repo.store.db, "execute_sql", spy)
    read()
    monkeypatch.undo()
    return sent


def captured(repo: Repo, monkeypatch: pytest.MonkeyPatch, period: Any) -> list[tuple[str, Any]]:
    """The statements (and their parameters) one scorecard sends to SQLite."""
    return sent_by(repo, monkeypatch, lambda: repo.scorecard.card(period))


def plan(repo: Repo, sql: str, params: Any) -> list[str]:
    cursor = repo.store.db.connection().execute(f"EXPLAIN QUERY PLAN {sql}", params or ())
    return [str(row[3]) for row in cursor.fetchall()]


def table_steps(sql: str, steps: list[str]) -> list[tuple[str, str, str]]:
    """(SCAN or SEARCH, table, the plan's words) for each step reading a table."""
    aliases = {alias: table for table, alias in ALIAS.findall(sql)}
    found = []
    for step in steps:
        match = STEP.match(step)
        if match:
            kind, name = match.groups()
            found.append((str(kind), str(aliases.get(name, name)), step))
    return found


@pytest.mark.parametrize("as_of", [TODAY, date(2026, 10, 14), date(2025, 6, 4)])
def test_the_scorecard_searches_history_through_indexes(
    repo: Repo, monkeypatch: pytest.MonkeyPatch, as_of: date
) -> None:
    period = repo.scorecard.week(as_of)
    statements = [(s, p) for s, p in captured(repo, monkeypatch, period) if s.startswith("SELECT")]
    assert len(statements) >= 6
    searched: set[str] = set()
    for sql, params in statements:
        for kind, table, words in table_steps(sql, plan(repo, sql, params)):
            if table not in HISTORY_TABLES:
                continue
            assert kind == "SEARCH", f"{words}\n  in: {sql}"
            assert "INDEX" in words or "PRIMARY KEY" in words, f"{words}\n  in: {sql}"
            searched.add(table)
    assert searched == HISTORY_TABLES  # every history table was read, and through an index


def test_the_plan_reader_sees_a_scan() -> None:
    """The check above can fail: a statement that reads the whole table is reported."""
    sql = 'SELECT "t1"."minutes" FROM "time_entry" AS "t1" WHERE ("t1"."minutes" > ?)'
    steps = table_steps(sql, ["SCAN t1"])
    assert steps == [("SCAN", "time_entry", "SCAN t1")]


def statements_of(repo: Repo, monkeypatch: pytest.MonkeyPatch, read: Any) -> list[tuple[str, Any]]:
    """The SELECTs (and their parameters) `read()` sends to SQLite."""
    sent = sent_by(repo, monkeypatch, read)
    return [(sql, params) for sql, params in sent if sql.startswith("SELECT")]


# Schema 8's partial indexes (only rows whose column is set; imported history has none)
# and a read of each kind that must still seek through them.
PARTIAL_READS = {
    "interaction_logged_on": lambda repo: repo.activity.logged(TODAY),
    "interaction_follow_up_state": lambda repo: repo.activity.follow_ups(pending_on=TODAY),
    "interaction_campaign_id_on": lambda repo: repo.activity.interactions(
        campaign_id=repo.campaigns.all()[0].id
    ),
}


@pytest.mark.parametrize("index", sorted(PARTIAL_READS))
def test_reads_seek_through_the_partial_indexes_of_schema_8(
    repo: Repo, monkeypatch: pytest.MonkeyPatch, index: str
) -> None:
    """ "Logged today", pending follow-ups and a campaign's history each seek in their
    partial index, and read neither history table whole."""
    with repo.store.bound():
        statements = statements_of(repo, monkeypatch, lambda: PARTIAL_READS[index](repo))
    steps = [
        step for sql, params in statements for step in table_steps(sql, plan(repo, sql, params))
    ]
    assert any(kind == "SEARCH" and f" INDEX {index} (" in words for kind, _, words in steps)
    for kind, table, words in steps:
        if table in {"interaction", "interaction_contact"}:
            assert kind == "SEARCH", words
    partial = repo.store.db.execute_sql(
        "SELECT partial FROM pragma_index_list('interaction') WHERE name = ?", (index,)
    ).fetchone()
    assert partial == (1,)


def test_the_agenda_reads_no_history_table_whole(
    repo: Repo, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The Agenda (follow-ups due, logged today, campaigns' next steps) after schema 8
    dropped four single-column indexes and made three partial."""
    with repo.store.bound():
        statements = statements_of(repo, monkeypatch, lambda: repo.scorecard.agenda(TODAY))
    assert statements
    for sql, params in statements:
        for kind, table, words in table_steps(sql, plan(repo, sql, params)):
            if table in {"interaction", "interaction_contact"}:
                assert kind == "SEARCH", f"{words}\n  in: {sql}"


def test_a_campaign_s_next_follow_up_seeks_the_pending_ones(
    repo: Repo, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Overdue follow-ups count as a campaign's next (schema 10): the pending ones are
    found in the pending index, both ranges of it (never closed; closed after today),
    not by reading every follow-up ever written through their days' index."""
    with repo.store.bound():
        statements = statements_of(repo, monkeypatch, lambda: repo.campaigns.all())
        asked = [
            (sql, params) for sql, params in statements if '"follow_up_done_on" IS NULL' in sql
        ]
        plans = [plan(repo, sql, params) for sql, params in asked]
    assert len(plans) == 2
    for steps in plans:
        assert any("SEARCH" in step and "interaction_pending_follow_up (" in step for step in steps)


# What ANALYZE says of the interactions' indexes on `bench/generate.py --scale 10`.
TEN_TIMES_STATISTICS = {
    "interaction_pending_follow_up": "299029 164 4 2 2",
    "interaction_campaign_id_on": "399485 80 1",
    "interaction_follow_up_state": "299029 163 82 2",
    "interaction_face_to_face": "100104 55",
    "interaction_scorecard": "1000000 548 69 12 3 2 2 2 2",
}


def test_the_next_follow_ups_keep_to_their_ranges_under_a_long_history_s_statistics(
    repo: Repo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the planner's statistics of a ten-times history (299,029 follow-ups, 164 a
    closing day), SQLite skip-scanned every closing day for "not done" instead of
    reading the days after today: 22 ms of the Pipeline's first read, for no row."""
    import sqlite3

    copy = tmp_path / "analyzed.db"
    source, target = sqlite3.connect(repo.path), sqlite3.connect(copy)
    source.backup(target)
    source.close()
    target.execute("ANALYZE")
    target.execute("DELETE FROM sqlite_stat1 WHERE tbl = 'interaction'")
    target.executemany(
        "INSERT INTO sqlite_stat1 VALUES ('interaction', ?, ?)",
        TEN_TIMES_STATISTICS.items(),
    )
    target.commit()
    target.close()
    analyzed = Repo.open(copy, clock=lambda: TODAY)
    try:
        with analyzed.store.bound():
            statements = statements_of(analyzed, monkeypatch, analyzed.campaigns.all)
            ranges = [
                step
                for sql, params in statements
                if '"follow_up_closed_on" > ?' in sql
                for step in plan(analyzed, sql, params)
                if "interaction_pending_follow_up" in step
            ]
    finally:
        analyzed.close()
    assert ranges == [
        "SEARCH t1 USING COVERING INDEX interaction_pending_follow_up (follow_up_closed_on>?)"
    ]


def test_a_log_s_namesake_question_reads_only_the_keys_of_schema_19(
    repo: Repo, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`shares_a_name`, asked by every log: the names folded as the logged people's, and
    those without a key, both through `contact_name_key`, and no other contact row (it
    read every one: ~40 ms of a quick log on 50,000 contacts; then, through schema 18's
    indexes, every name beyond ASCII: ~15 ms)."""
    people = [c.id for c in repo.contacts.all()][:3]
    with repo.store.bound():
        statements = statements_of(repo, monkeypatch, lambda: repo.contacts.shares_a_name(people))
    steps = [
        (kind, words)
        for sql, params in statements
        for kind, table, words in table_steps(sql, plan(repo, sql, params))
        if table == "contact"
    ]
    keyed = [w for k, w in steps if k == "SEARCH" and " INDEX contact_name_key (name_key=?)" in w]
    assert len(keyed) == 2, steps  # the keys (IN), and those without one (IS NULL)
    for kind, words in steps:
        assert kind == "SEARCH", words


@pytest.mark.parametrize(
    "read",
    [
        lambda repo: repo.activity.preview_log('@"Ana López" 30m coffee'),
        lambda repo: repo.contacts.resolve("Ana López"),
        lambda repo: repo.contacts.told_apart(),
    ],
    ids=["log", "resolve", "told apart"],
)
def test_a_read_of_names_narrowed_by_keys_reads_the_keys_index_not_every_row(
    repo: Repo, monkeypatch: pytest.MonkeyPatch, read: Any
) -> None:
    """The names a log, a command naming a contact or a namesake's label reads are
    found in `contact_name_key` alone (scanned whole for the words typed: a tenth of
    the rows' bytes; or searched by the keys shared), then read by id: no step scans
    the contact rows."""
    with repo.store.bound():
        statements = statements_of(repo, monkeypatch, lambda: read(repo))
    steps = [
        (kind, words)
        for sql, params in statements
        for kind, table, words in table_steps(sql, plan(repo, sql, params))
        if table == "contact"
    ]
    assert any("contact_name_key" in words for _, words in steps), steps
    for kind, words in steps:
        assert kind == "SEARCH" or "COVERING INDEX contact_name_key" in words, words


def test_the_contacts_first_rows_read_no_contact_row_beyond_them(
    repo: Repo, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`contacts.first`, the Contacts screen's first screenful: the plain-ASCII names in
    order through `contact_name_lower` (the scan a LIMIT stops), those beyond ASCII
    through the partial `contact_name_beyond_ascii`, the rows shown by id; no read of
    every contact row (reading them all took ~2 s on 50,000 contacts)."""
    with repo.store.bound():
        statements = statements_of(repo, monkeypatch, lambda: repo.contacts.first(20))
    steps = [
        (kind, table, words)
        for sql, params in statements
        for kind, table, words in table_steps(sql, plan(repo, sql, params))
    ]
    contact = [(kind, words) for kind, table, words in steps if table == "contact"]
    assert any(w.endswith(" USING INDEX contact_name_lower") for _, w in contact), contact
    assert any(" INDEX contact_name_beyond_ascii" in w for _, w in contact), contact
    for kind, words in contact:
        assert kind == "SEARCH" or "contact_name_" in words, words
    for kind, table, words in steps:
        if table in HISTORY_TABLES:
            assert kind == "SEARCH", words
