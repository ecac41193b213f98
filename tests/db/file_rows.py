"""What an upgrade test compares before and after: a SQLite file's rows, table by table,
and its JSON export (shared by the tests of each migration that rebuilds or adds tables)."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path

from netrack.data.repo import Repo
from netrack.interop import api


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
