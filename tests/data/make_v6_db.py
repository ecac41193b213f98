"""Build `v6_populated.db`: a database as netrack schema 6 wrote it, with rows in every
table (those of `v1_populated.db`, upgraded by steps 2-6, plus a few of schema 6's own).

Made when schema 7 was added, and committed with its output; upgrade tests open a copy
with today's code. It runs the frozen steps 1-6 (not the newest), so running it again
later still makes a schema-6 file:

    python tests/data/make_v6_db.py tests/data/v6_populated.db
"""

from __future__ import annotations

import shutil
import sqlite3
import sys
from datetime import date
from pathlib import Path

from netrack.data import migrations

SOURCE = Path(__file__).with_name("v1_populated.db")
CLOCK = date(2026, 12, 1)  # m004 dates goals from it


def build(path: Path) -> None:
    if path.exists():
        path.unlink()
    shutil.copyfile(SOURCE, path)
    connection = sqlite3.connect(path)
    try:
        from peewee import SqliteDatabase

        db = SqliteDatabase(None)
        db.init(str(path))
        with migrations.clock(lambda: CLOCK), db.atomic():
            for step in migrations.STEPS[1:6]:
                migrations._step(step)(db)
        db.close()
        connection.execute("PRAGMA user_version = 6")
        # Schema 5's and 6's own rows: a calendar key, a meaningful link (by trigger).
        connection.execute(
            'INSERT INTO "imported_event" ("key", "interaction_id") VALUES (?, 1)',
            ("standup@example.com/2026-06-03",),
        )
        connection.execute('UPDATE "interaction" SET "meaningful" = 1 WHERE "id" = 2')
        connection.commit()
        connection.execute("VACUUM")
    finally:
        connection.close()


if __name__ == "__main__":
    build(Path(sys.argv[1]))
