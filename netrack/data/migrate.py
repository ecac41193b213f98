"""Running the migrations of `netrack.data.migrations` on an open database.

An upgrade takes the write lock first (`BEGIN IMMEDIATE`), reads the version again under
it (two netracks opening a new or old database at once migrate it once), backs the
database up, then runs every missing step and checks the foreign keys — all in that one
transaction, with foreign keys off until it ends (a rebuilt table is dropped: see m014).
A step that fails rolls the whole upgrade back: the database is left as it was, and so
is its backup.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from datetime import date
from pathlib import Path

from peewee import OperationalError, SqliteDatabase

from netrack.data import db as dbmod
from netrack.data import migrations
from netrack.data.migrations import _name, _step, latest
from netrack.data.writes import Writes, interrupts_held
from netrack.domain.errors import StorageError
from netrack.locations import backups_dir


def has_user_tables(db: SqliteDatabase) -> bool:
    return bool(db.get_tables())


def upgrade(db: SqliteDatabase, path: Path, today: Callable[[], date] | None = None) -> int:
    """Bring the database to `latest()`; returns the version it was at. The steps are
    read from `migrations.STEPS` at each call (tests put a failing step in); a step that
    dates rows reads `today` (default: the system's clock)."""
    version = dbmod.schema_version(db)
    dbmod.check_not_newer(version, path)
    if version == latest():
        return version

    # Loaded only for an upgrade: every other open (a `netrack log`) skips its imports.
    from netrack.data.backup import interrupt_on_sigterm

    # SIGTERM, like Ctrl-C, rolls the transaction back and removes a half-made backup.
    backup: Path | None = None
    with (
        interrupt_on_sigterm(),
        migrations.clock(today),
        _foreign_keys_off(db),
        ExitStack() as held,
    ):
        try:
            with db.atomic("IMMEDIATE"):  # the write lock: read again
                version = dbmod.schema_version(db)
                dbmod.check_not_newer(version, path)
                if version == latest():
                    return version
                _say_it_takes_a_while(path, version)
                backup = _backup(db, path, version)
                _run_steps(db, path, version, backup)
                # Held from here to the count: a Ctrl-C after the COMMIT said "nothing
                # was changed" of a file upgraded (and backed up) already.
                held.enter_context(interrupts_held())
        except OperationalError as error:
            raise _commit_refused(error, path, backup) from None
        except KeyboardInterrupt:
            # Ctrl-C (SIGTERM, SIGHUP) before the commit: rolled back, the file is the
            # copy's bytes, and the next open makes a copy again. Kept, each attempt
            # stopped left one more (a 480 MB history's, every time).
            if backup is not None:
                backup.unlink(missing_ok=True)
            raise
        Writes.begun += 1
        Writes.committed += 1
        kept = f"; its copy from before is {backup}" if backup else ""
        Writes.upgraded = f"{path} was upgraded to schema {latest()}{kept}"
    return version


# A file this large takes seconds to copy and upgrade (a 472 MB history: ~48 s for its
# backup and schema 14's rebuild): said first, so a silent command is not taken for hung.
SLOW_UPGRADE_BYTES = 16 * 1024 * 1024


def _say_it_takes_a_while(path: Path, version: int) -> None:
    try:
        large = version > 0 and path.stat().st_size >= SLOW_UPGRADE_BYTES
    except OSError:
        large = False
    if large and sys.stderr is not None:
        print(
            f"netrack: upgrading {path} from schema {version} to {latest()}; a copy is kept "
            f"in {backups_dir(path)} first (a large history takes a while)",
            file=sys.stderr,
            flush=True,
        )


@contextmanager
def _foreign_keys_off(db: SqliteDatabase) -> Iterator[None]:
    """Foreign keys off for the upgrade, on again after its commit or rollback: a step
    that rebuilds a table drops it, which with them on deletes every row pointing at it
    (ON DELETE CASCADE). The pragma is a no-op inside a transaction, so it is set out
    here; `_run_steps` checks every key before the commit instead."""
    db.execute_sql("PRAGMA foreign_keys = OFF")
    try:
        yield
    finally:
        db.execute_sql("PRAGMA foreign_keys = ON")


def _commit_refused(error: OperationalError, path: Path, backup: Path | None) -> Exception:
    """The error that ended the upgrade's transaction. A COMMIT a full disk refused is
    rolled back by SQLite itself, and peewee's ROLLBACK after it failed "cannot rollback
    - no transaction is active", which was all the user was told."""
    cause: BaseException | None = error
    while cause is not None and "no transaction is active" in str(cause):
        cause = cause.__context__
    if cause is None or "full" not in str(cause):
        return error if cause is None or not isinstance(cause, Exception) else cause
    kept = f"; a backup made before it is {backup}" if backup else ""
    return StorageError(
        f"the disk holding {path} is full: the upgrade to schema {latest()} was not made "
        f"(the database was left as it was{kept}); free some space"
    )


def _backup(db: SqliteDatabase, path: Path, version: int) -> Path | None:
    """Back up what is about to be migrated.

    SQLite cannot back up from a connection that holds the write lock, so a second
    connection reads the last commit: with our lock held (WAL), nobody can change it.
    """
    if version == 0 and not has_user_tables(db):
        return None  # a new database: nothing to keep

    from netrack.data.backup import backup_database

    reader = SqliteDatabase(str(path), timeout=dbmod.BUSY_TIMEOUT_S, check_same_thread=False)
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
                _step(migrations.STEPS[index])(db)
        broken = db.execute_sql("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise RuntimeError(f"{len(broken)} row(s) would break a foreign key")
        dbmod.set_schema_version(db, latest())
    except Exception as error:
        # Raised inside `upgrade`'s transaction: leaving it rolls everything back.
        raise StorageError(
            f"upgrading {path} from schema {version} to {latest()} failed at step "
            f"{index + 1} ({_name(migrations.STEPS[index])}: {error}); the database was left as it "
            f"was{kept}"
        ) from None
