"""`netrack doctor`'s look at the kept sums (m009): each checked against the rows it was
summed from, by the same code a card sums them with. They are derived, so what differs
(left by a program that went around the triggers: another tool, a hand edit) can be
forgotten, and the next card sums it again: nothing is lost."""

from __future__ import annotations

import contextlib
import sqlite3
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from peewee import SqliteDatabase

from netrack.data import tables as t
from netrack.data.db import BUSY_TIMEOUT_S
from netrack.data.migrations.m009_trend_sums import KEPT, KEPT_SPANS
from netrack.data.repo.trend_days import kept_span, span_from_rows, stale_runs


@dataclass(frozen=True)
class Kept:
    """How many sums are kept, and those that differ from their rows."""

    runs: int
    spans: int
    stale_runs: list[tuple[str, str]]
    stale_spans: list[tuple[str, str, str]]

    @property
    def stale(self) -> int:
        return len(self.stale_runs) + len(self.stale_spans)


def look(uri: str) -> Kept | None:
    """The kept sums of the database at `uri` (opened read-only by the caller's URI);
    None when it keeps none (an older schema, or not netrack's)."""
    db = SqliteDatabase(uri, uri=True)
    try:
        with db.bind_ctx(t.ALL_TABLES):
            names = {row[0] for row in db.execute_sql("SELECT name FROM sqlite_master")}
            if not set(KEPT) <= names:
                return None
            spans = [
                (str(first), str(last), str(until))
                for first, last, until in db.execute_sql(
                    'SELECT "first", "last", "until" FROM "span_kept"'
                )
            ]
            return Kept(
                runs=db.execute_sql('SELECT COUNT(*) FROM "trend_sums"').fetchone()[0],
                spans=len(spans),
                stale_runs=stale_runs(db),
                stale_spans=[key for key in spans if _differs(db, key)],
            )
    finally:
        db.close()


def _differs(db: SqliteDatabase, key: tuple[str, str, str]) -> bool:
    start, end, until = (date.fromisoformat(day) for day in key)
    return kept_span(db, start, end, key) != span_from_rows(start, end, until)


def forget(path: Path, kept: Kept) -> None:
    """Forget the kept sums that differ from their rows, in one transaction."""
    writer = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S)
    with contextlib.closing(writer), writer:
        writer.executemany(
            'DELETE FROM "trend_sums" WHERE "first" = ? AND "last" = ?', kept.stale_runs
        )
        for table in KEPT_SPANS:
            writer.executemany(
                f'DELETE FROM "{table}" WHERE "first" = ? AND "last" = ? AND "until" = ?',
                kept.stale_spans,
            )
