"""Numbered schema migrations. PRAGMA user_version is the schema version.

An upgrade takes the write lock first (`BEGIN IMMEDIATE`), reads the version again under
it (two netracks opening a new or old database at once migrate it once), backs the
database up, then runs every missing step and checks the foreign keys — all in that one
transaction. A step that fails (or Ctrl-C, or SIGTERM) rolls the whole upgrade back: the
database is left as it was, and so is its backup. A database from a newer netrack is
refused, unmodified.

A later step that rebuilds a table must not rely on `PRAGMA foreign_keys = OFF` (it cannot
change inside a transaction); the final `foreign_key_check` is what guards the rows.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

from peewee import SqliteDatabase

from netrack.data import db as dbmod
from netrack.domain.errors import StorageError

Step = Callable[[SqliteDatabase], None]

# Steps in order: index i upgrades version i to i+1. A name is a module here with
# `upgrade(db)`; tests may put a callable in to inject a failing step.
STEPS: tuple[str | Step, ...] = (
    "m001_initial",
    "m002_follow_up_closure",
    "m003_scorecard_covering_indexes",
)


def latest() -> int:
    """The schema version this netrack writes."""
    return len(STEPS)


LATEST = latest()


def _step(step: str | Step) -> Step:
    if callable(step):
        return step
    module = importlib.import_module(f"netrack.data.migrations.{step}")
    return module.upgrade  # type: ignore[no-any-return]


def _name(step: str | Step) -> str:
    return step if isinstance(step, str) else getattr(step, "__name__", repr(step))


def has_user_tables(db: SqliteDatabase) -> bool:
    return bool(db.get_tables())


def upgrade(db: SqliteDatabase, path: Path) -> int:
    """Bring the database to `latest()`; returns the version it was at."""
    version = dbmod.schema_version(db)
    dbmod.check_not_newer(version, path)
    if version == latest():
        return version
    from netrack.data.backup import interrupt_on_sigterm

    # SIGTERM, like Ctrl-C, rolls the transaction back and removes a half-made backup.
    with interrupt_on_sigterm(), db.atomic("IMMEDIATE"):  # the write lock: read again
        version = dbmod.schema_version(db)
        dbmod.check_not_newer(version, path)
        if version == latest():
            return version
        backup = _backup(db, path, version)
        _run_steps(db, path, version, backup)
    return version


def _backup(db: SqliteDatabase, path: Path, version: int) -> Path | None:
    """Back up what is about to be migrated.

    SQLite cannot back up from a connection that holds the write lock, so a second
    connection reads the last commit: with our lock held (WAL), nobody can change it.
    """
    if version == 0 and not has_user_tables(db):
        return None  # a new database: nothing to keep
    from netrack.data.backup import backup_database

    reader = SqliteDatabase(str(path), timeout=dbmod.BUSY_TIMEOUT_S)
    try:
        reader.connect()
        return backup_database(reader, path, reason=f"before-migration-v{version}")
    finally:
        reader.close()


def _run_steps(db: SqliteDatabase, path: Path, version: int, backup: Path | None) -> None:
    """Run the missing steps inside the caller's transaction; any failure rolls back."""
    kept = f"; a backup made before it is {backup}" if backup else ""
    index = version
    try:
        for index in range(version, latest()):
            with db.atomic():  # a savepoint per step: the error names the step
                _step(STEPS[index])(db)
        broken = db.execute_sql("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise RuntimeError(f"{len(broken)} row(s) would break a foreign key")
        dbmod.set_schema_version(db, latest())
    except Exception as error:
        # Raised inside `upgrade`'s transaction: leaving it rolls everything back.
        raise StorageError(
            f"upgrading {path} from schema {version} to {latest()} failed at step "
            f"{index + 1} ({_name(STEPS[index])}: {error}); the database was left as it "
            f"was{kept}"
        ) from None
