"""Schema 12's migration: every interaction, referral and time entry gets a uid of its
own (32 hexadecimal digits), on both engines, and a populated older database keeps
every value it had; its export carries the uids, and an import keeps them."""

from __future__ import annotations

import re
import shutil
import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from netrack.data import migrations
from netrack.data import tables as t
from netrack.data.engines import param_sql
from netrack.data.migrations.m012_record_uids import RECORD_TABLES
from netrack.data.repo import Repo
from netrack.interop import api

DATA = Path(__file__).parent.parent / "data"
TODAY = date(2026, 11, 27)
UID = re.compile(r"[0-9a-f]{32}")


def _tables(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, a record table's without its uid (its last column)."""
    connection = sqlite3.connect(path)
    try:
        names = [
            n for (n,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        ]
        rows = {
            name: connection.execute(f'SELECT * FROM "{name}" ORDER BY rowid').fetchall()
            for name in names
        }
    finally:
        connection.close()
    version = migrations.latest()
    return {
        name: [row[:-1] for row in found]
        if name in RECORD_TABLES and _at(path) == version
        else found
        for name, found in rows.items()
    }


def _at(path: Path) -> int:
    connection = sqlite3.connect(path)
    try:
        return int(connection.execute("PRAGMA user_version").fetchone()[0])
    finally:
        connection.close()


def _uids(path: Path, table: str) -> list[str]:
    connection = sqlite3.connect(path)
    try:
        return [uid for (uid,) in connection.execute(f'SELECT "uid" FROM "{table}" ORDER BY id')]
    finally:
        connection.close()


@pytest.mark.parametrize("populated", ["v1_populated.db", "v6_populated.db"])
def test_a_populated_older_database_gets_a_uid_per_record_and_keeps_every_value(
    populated: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "old.db"
    shutil.copyfile(DATA / populated, path)
    with monkeypatch.context() as patch:  # as the netrack before schema 12 left it
        patch.setattr(migrations, "STEPS", migrations.STEPS[:11])
        Repo.open(path, clock=lambda: TODAY).close()
    before = _tables(path)

    repo = Repo.open(path, clock=lambda: TODAY)
    first = tmp_path / "first.json"
    api.export(repo, "json", first)
    repo.close()

    assert _at(path) == migrations.latest() == 12
    assert _tables(path) == before
    for table in RECORD_TABLES:
        uids = _uids(path, table)
        assert uids and all(UID.fullmatch(uid) for uid in uids)
        assert len(set(uids)) == len(uids)
    # The export carries them, and an import keeps the file's (its other quirks aside:
    # these files hold rows an older netrack let in, which an import mends).
    fresh = tmp_path / "fresh.db"
    opened = Repo.open(fresh, clock=lambda: TODAY)
    api.import_file(opened, "json", first)
    opened.close()
    for table in RECORD_TABLES:
        assert _uids(fresh, table) == _uids(path, table)


@pytest.fixture
def empty(backend: str, tmp_path: Path) -> Iterator[object]:
    from tests import pg

    with pg.new_database(backend, tmp_path / "v11.db", None) as made:
        yield made


def test_schema_11_records_get_distinct_uids_and_new_ones_theirs(
    empty: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    with monkeypatch.context() as patch:
        patch.setattr(migrations, "STEPS", migrations.STEPS[:11])
        repo = Repo.open(empty, clock=lambda: TODAY)  # type: ignore[arg-type]
        try:
            with repo.store.bound(), repo.store.writing():
                ana = repo.contacts.add("Ana López", met_on=TODAY)
                db = t.Contact._meta.database
                for n in range(1, 4):
                    db.execute_sql(
                        param_sql(
                            'INSERT INTO "interaction" ("id", "on", "kind", "minutes", '
                            '"meaningful", "value_received", "value_given", "cost_cents", '
                            "\"note\") VALUES (?, '2026-11-20', 'call', 5, ?, '', '', 0, '')"
                        ),
                        (n, False),
                    )
                    db.execute_sql(
                        param_sql(
                            'INSERT INTO "time_entry" ("id", "on", "minutes", "category", '
                            "\"note\") VALUES (?, '2026-11-20', 30, 'search', '')"
                        ),
                        (n,),
                    )
                    db.execute_sql(
                        param_sql(
                            'INSERT INTO "referral" ("id", "contact_id", "direction", "on", '
                            "\"note\") VALUES (?, ?, 'in', '2026-11-20', '')"
                        ),
                        (n, ana.id),
                    )
        finally:
            repo.close()

    repo = Repo.open(empty, clock=lambda: TODAY)  # type: ignore[arg-type]
    try:
        with repo.store.bound():
            repo.activity.log([ana.id], on=TODAY, kind="call")
            repo.time.add(15, "search", on=TODAY)
            repo.referrals.add(ana.id, "out", on=TODAY)
            for model in (t.Interaction, t.TimeEntry, t.Referral):
                uids = [row.uid for row in model.select().order_by(model.id)]
                assert len(uids) == 4 and len(set(uids)) == 4
                assert all(UID.fullmatch(uid or "") for uid in uids), uids
    finally:
        repo.close()
