"""Schema 18's migration: two indexes for a log's namesake question (see m018), and
nothing else changed: a populated schema-17 file keeps every row and exports the same
history; on either engine the indexes are there and namesakes are found as before,
however their names are spelled or encoded."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from netrack.data.repo import Repo
from tests import pg
from tests.cli.conftest import sql
from tests.db.file_rows import (
    demo_at_schema,
    query,
    rows_with_schema_19,
    table_rows,
    upgraded,
)

TODAY = date(2026, 11, 27)
INDEXES = ["contact_name_beyond_ascii", "contact_name_lower"]


@pytest.fixture(scope="module")
def schema_17_demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo history as a netrack of schema 17 wrote it (built once, only copied)."""
    return demo_at_schema(tmp_path_factory.mktemp("v17"), 17, TODAY)


def test_a_schema_17_history_upgrades_with_every_row_and_the_two_indexes(
    schema_17_demo: Path, tmp_path: Path
) -> None:
    named_indexes = (
        "SELECT name FROM sqlite_master WHERE name IN "
        "('contact_name_beyond_ascii', 'contact_name_lower') ORDER BY 1"
    )
    old = schema_17_demo
    assert query(old, "PRAGMA user_version") == [(17,)] and query(old, named_indexes) == []

    done = upgraded(schema_17_demo, tmp_path, 17, TODAY)
    v17, before, rows, after = done.path, done.before, done.rows, done.after

    assert query(v17, "PRAGMA user_version") == [(19,)]  # and on to schema 19
    assert (before.pop("schema_version"), after.pop("schema_version")) == (17, 19)
    assert json.dumps(after) == json.dumps(before)
    assert table_rows(v17) == rows_with_schema_19(rows)
    assert query(v17, named_indexes) == [(name,) for name in INDEXES]
    partial = "SELECT name FROM pragma_index_list('contact') WHERE partial = 1"
    assert query(v17, partial) == [("contact_name_beyond_ascii",)]


@pytest.mark.parametrize(
    ("logged", "other"),
    [
        ("Sam Lee", "sam  LEE"),  # plain ASCII: through the lower-cased name
        ("José Ruiz", "JOSE\u0301 RUIZ"),  # beyond ASCII, its accent typed apart
        ("Zoë Park", "zoë park"),  # beyond ASCII on both sides
    ],
)
def test_namesakes_are_found_through_the_new_indexes_on_either_engine(
    backend: str, tmp_path: Path, logged: str, other: str
) -> None:
    with pg.new_database(backend, tmp_path / "names.db", TODAY) as made:
        repo = Repo.open(made, clock=lambda: TODAY)  # type: ignore[arg-type]
        try:
            with repo.store.bound():
                with repo.store.writing():
                    one = repo.contacts.add(logged, "Acme")
                    alone = repo.contacts.add("Nobody Else")
                assert not repo.contacts.shares_a_name([one.id, alone.id])
                with repo.store.writing():
                    repo.contacts.add(other, "Globex")
                assert repo.contacts.shares_a_name([one.id])
                assert not repo.contacts.shares_a_name([alone.id])
        finally:
            repo.close()
        listed = (
            "SELECT name FROM sqlite_master WHERE type = 'index'"
            if backend == "sqlite"
            else "SELECT indexname FROM pg_indexes WHERE tablename = 'contact'"
        )
        found = sorted(str(name) for (name,) in sql(made, listed))  # type: ignore[arg-type]
        assert [name for name in found if name in INDEXES] == INDEXES
