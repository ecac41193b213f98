"""What an upgrade test compares before and after: a SQLite file's rows, table by table,
and its JSON export (shared by the tests of each migration that rebuilds or adds tables)."""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from netrack.data import migrations
from netrack.data.repo import Repo
from netrack.demo import fill_demo
from netrack.domain.name_folding import kept_fold
from netrack.interop import api
from tests.older_models import before_schema_16, before_schema_17, before_schema_19


@contextmanager
def at_schema(version: int) -> Iterator[None]:
    """Within the block netrack is the one of schema `version` (its steps cut short,
    its models without the columns of later schemas)."""
    with pytest.MonkeyPatch.context() as patch, ExitStack() as models:
        if version < 16:
            models.enter_context(before_schema_16())
        if version < 17:
            models.enter_context(before_schema_17())
        if version < 19:
            models.enter_context(before_schema_19())
        patch.setattr(migrations, "STEPS", migrations.STEPS[:version])
        yield


def demo_at_schema(folder: Path, version: int, today: date) -> Path:
    """The demo history as a netrack of schema `version` wrote it, in `folder`."""
    path = folder / f"demo{version}.db"
    with at_schema(version):
        repo = Repo.open(path, clock=lambda: today)
        try:
            fill_demo(repo, today)
        finally:
            repo.close()
    return path


def query(path: Path, sql: str) -> list[tuple[object, ...]]:
    connection = sqlite3.connect(path)
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


def table_rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every table's rows in rowid order, by table name (SQLite's own tables left out)."""
    names = [
        str(n)
        for (n,) in query(
            path, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return {name: query(path, f'SELECT * FROM "{name}" ORDER BY rowid') for name in names}


def exported(path: Path, out: Path, today: date) -> dict[str, object]:
    """`export json` of the database at `path` (opened, so upgraded, as of `today`)."""
    repo = Repo.open(path, clock=lambda: today)
    try:
        api.export(repo, "json", out)
    finally:
        repo.close()
    document = json.loads(out.read_bytes())
    assert isinstance(document, dict)
    return document


@dataclass(frozen=True)
class Upgraded:
    """A file of an older schema, before and after today's netrack upgraded it."""

    path: Path
    before: dict[str, object]  # its export by the netrack of its schema
    rows: dict[str, list[tuple[object, ...]]]  # its rows then (`table_rows`)
    after: dict[str, object]  # its export once opened, so upgraded, by today's


def upgraded(demo: Path, folder: Path, version: int, today: date) -> Upgraded:
    """A copy of `demo` (a file of schema `version`, as `demo_at_schema` makes it) in
    `folder`, exported and read as it was, then upgraded and exported again."""
    path = folder / "netrack.db"
    shutil.copyfile(demo, path)
    with at_schema(version):
        before = exported(path, folder / "before.json", today)
    rows = table_rows(path)
    return Upgraded(path, before, rows, exported(path, folder / "after.json", today))


LOGGED_ON_TABLES = {"time_entry": "time_entries", "referral": "referrals"}  # schema 16's


def rows_with_schema_16(
    rows: dict[str, list[tuple[object, ...]]],
) -> dict[str, list[tuple[object, ...]]]:
    """A file's `table_rows` from before schema 16 as the upgrade leaves them: each time
    entry and referral with a NULL `logged_on` after its last column (m016)."""
    return {
        name: [(*row, None) for row in found] if name in LOGGED_ON_TABLES else found
        for name, found in rows.items()
    }


def without_schema_16_keys(document: dict[str, object]) -> dict[str, object]:
    """An export from after schema 16 less what m016 added: each time entry's and
    referral's `logged_on`, its last key, null for every row the upgrade found."""
    for key in LOGGED_ON_TABLES.values():
        records = document[key]
        assert isinstance(records, list)
        for record in records:
            assert list(record)[-1] == "logged_on" and record.pop("logged_on") is None, record
    return document


def rows_with_schema_17(
    rows: dict[str, list[tuple[object, ...]]],
) -> dict[str, list[tuple[object, ...]]]:
    """A file's `table_rows` from before schema 17 as the upgrade leaves them: each goal
    with a NULL `until` after its last column (m017)."""
    return {
        name: [(*row, None) for row in found] if name == "goal" else found
        for name, found in rows.items()
    }


def without_schema_17_keys(document: dict[str, object]) -> dict[str, object]:
    """An export from after schema 17 less what m017 added: each goal's `until`, its
    last key, null for every goal the upgrade found."""
    goals = document["goals"]
    assert isinstance(goals, list) and goals
    for goal in goals:
        assert list(goal)[-1] == "until" and goal.pop("until") is None, goal
    return document


def rows_with_schema_19(
    rows: dict[str, list[tuple[object, ...]]],
) -> dict[str, list[tuple[object, ...]]]:
    """A file's `table_rows` from before schema 19 as the upgrade leaves them: each
    contact with its folded name (`name_key`) after its last column (m019)."""
    return {
        name: [(*row, kept_fold(str(row[1]))) for row in found] if name == "contact" else found
        for name, found in rows.items()
    }
