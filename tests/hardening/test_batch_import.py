"""A large `import json` writes its interactions in one batch, on both engines, and leaves
exactly what the triggers give row by row: every follow-up closed on the right day, every
link flagged meaningful when its interaction is, the triggers in place afterwards."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from netrack.data import link_batch
from netrack.data.repo import Repo
from netrack.data.server import ServerAddress
from netrack.interop.json_merge import import_json
from tests import pg

TODAY = date(2026, 11, 27)
MESSAGES = 1200  # message days with Ana: more links than BATCHED_LINKS
# Interactions 1-4 carry follow-ups; 5 on are the messages, one a day from 2022-01-01.
FOLLOW_UPS = [
    (1, "2021-12-01", "2021-12-08", "2022-01-01"),  # Ana: closed by the first message
    (2, "2022-06-15", "2022-06-22", "2022-06-16"),  # Ana and Raj: the next day's message
    (3, "2021-12-01", "2021-12-08", "2022-06-15"),  # Raj: closed by the call with both
    (4, "2026-01-05", "2026-01-12", None),  # Raj, after every touch: open
]
# Message n is meaningful when flagged (n % 100 == 7) or something was received
# (n % 150 == 3); n % 150 == 4 received only spaces, which is nothing.
MEANINGFUL = [5 + n for n in range(MESSAGES) if n % 100 == 7 or n % 150 == 3]


@pytest.fixture(params=pg.BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def today() -> date:
    return TODAY


def document() -> dict[str, Any]:
    interactions: list[dict[str, Any]] = []
    for on, who in (
        (date(2021, 12, 1), [1]),
        (date(2022, 6, 15), [1, 2]),
        (date(2021, 12, 1), [2]),
        (date(2026, 1, 5), [2]),
    ):
        follow_up = (on + timedelta(days=7)).isoformat()
        interactions.append(
            {"on": on.isoformat(), "kind": "call", "contacts": who, "follow_up_on": follow_up}
        )
    for n in range(MESSAGES):
        day = (date(2022, 1, 1) + timedelta(days=n)).isoformat()
        message: dict[str, Any] = {"on": day, "kind": "message", "contacts": [1]}
        if n % 100 == 7:
            message["meaningful"] = True
        if n % 150 == 3:
            message["value_received"] = "an intro to Bo"
        if n % 150 == 4:
            message["value_received"] = "   "
        interactions.append(message)
    return {
        "format": "netrack",
        "schema_version": 7,
        "contacts": [
            {"ref": 1, "name": "Ana López", "met_on": "2021-01-01"},
            {"ref": 2, "name": "Raj Patel", "met_on": "2021-01-01"},
        ],
        "interactions": interactions,
    }


@pytest.fixture
def source(tmp_path: Path) -> Path:
    path = tmp_path / "history.json"
    path.write_text(json.dumps(document()), encoding="utf-8")
    return path


def query(where: Path | ServerAddress, sql: str) -> list[tuple[Any, ...]]:
    if isinstance(where, ServerAddress):
        return [tuple(row) for row in pg.sql(where.url, sql)]
    connection = sqlite3.connect(where)
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


def state(where: Path | ServerAddress) -> tuple[list[Any], list[Any]]:
    """(follow-ups as (id, on, due, closed), ids of interactions with a meaningful link)."""
    follow_ups = [
        (row[0], *(None if v is None else str(v) for v in row[1:]))
        for row in query(
            where,
            'SELECT "id", "on", "follow_up_on", "follow_up_closed_on" FROM "interaction" '
            'WHERE "follow_up_on" IS NOT NULL ORDER BY "id"',
        )
    ]
    flagged = query(
        where,
        'SELECT DISTINCT "interaction_id" FROM "interaction_contact" WHERE "meaningful" '
        'ORDER BY "interaction_id"',
    )
    return follow_ups, [row[0] for row in flagged]


def import_into(where: Path | ServerAddress, source: Path) -> None:
    repo = Repo.open(where, clock=lambda: TODAY)
    try:
        summary = import_json(repo, source)
    finally:
        repo.close()
    assert summary.tallies["interactions"].added == MESSAGES + 4


def enabled_triggers(where: Path | ServerAddress) -> list[tuple[Any, ...]]:
    return query(
        where,
        "SELECT tgname, tgenabled FROM pg_trigger WHERE NOT tgisinternal "
        "AND tgrelid = 'interaction_contact'::regclass ORDER BY tgname",
    )


@pytest.fixture
def second(backend: str, tmp_path: Path) -> Iterator[Path | ServerAddress]:
    """Another new database of the same engine."""
    with pg.new_database(backend, tmp_path / "second.db", TODAY) as made:
        yield made


def test_a_batch_gives_what_the_triggers_give_row_by_row(
    where: Path | ServerAddress,
    second: Path | ServerAddress,
    source: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import_into(where, source)
    assert state(where) == (FOLLOW_UPS, MEANINGFUL)
    monkeypatch.setattr(link_batch, "BATCHED_LINKS", 10**9)  # the triggers, row by row
    import_into(second, source)
    assert state(second) == state(where)


@pytest.mark.postgresql
@pytest.mark.parametrize("backend", ["postgresql"])
def test_the_server_triggers_are_enabled_again_after_a_batch(
    where: ServerAddress, source: Path
) -> None:
    before = enabled_triggers(where)
    assert ("follow_up_close_on_insert", "O") in before
    import_into(where, source)
    assert enabled_triggers(where) == before
    # And they work: a touch logged afterwards closes Raj's last follow-up row by row.
    repo = Repo.open(where, clock=lambda: TODAY)
    try:
        [raj] = [c for c in repo.contacts.all() if c.name == "Raj Patel"]
        repo.activity.log([raj.id], on=date(2026, 2, 1), kind="call")
    finally:
        repo.close()
    assert state(where)[0][-1] == (4, "2026-01-05", "2026-01-12", "2026-02-01")


@pytest.mark.postgresql
@pytest.mark.parametrize("backend", ["postgresql"])
def test_a_role_that_does_not_own_the_table_keeps_the_triggers_and_the_same_result(
    where: ServerAddress, source: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(link_batch, "_owns_links", lambda db: False)
    import_into(where, source)
    assert state(where) == (FOLLOW_UPS, MEANINGFUL)


def test_a_failed_batch_writes_nothing_and_leaves_the_triggers(
    where: Path | ServerAddress, source: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    triggers = (
        enabled_triggers
        if isinstance(where, ServerAddress)
        else lambda w: query(w, "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
    )
    Repo.open(where, clock=lambda: TODAY).close()
    before = triggers(where)

    def broken(*args: Any, **kwargs: Any) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(link_batch, "bulk_insert", broken)
    repo = Repo.open(where, clock=lambda: TODAY)
    try:
        with pytest.raises(OSError, match="disk full"):
            import_json(repo, source)
    finally:
        repo.close()
    assert triggers(where) == before
    assert query(where, 'SELECT count(*) FROM "interaction"') == [(0,)]
    assert query(where, 'SELECT count(*) FROM "contact"') == [(0,)]
