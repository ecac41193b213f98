"""Looking after a netrack database on a PostgreSQL server: `doctor`, `backup`, `restore`.

A server keeps its own files, so what a file's checks read (pages, WAL, permissions)
is the server's business. `doctor` reports what the user can act on: the server's
version, the schema version and whether the tables, columns, indexes and triggers are
netrack's (by name: `server_schema`), each table's rows and size, and whether this role
may write. A backup is a JSON export (the same document as `export json`) in the backups
folder of netrack's data folder (`interop.api.backup`); `restore` reads one back.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from peewee import DatabaseError, PostgresqlDatabase

from netrack.data import server_mend, server_schema
from netrack.data import tables as t
from netrack.data.backup import own_backups
from netrack.data.db import BUSY_TIMEOUT_S
from netrack.data.doctor_common import Report
from netrack.data.doctor_follow_ups import done_after_today_warning
from netrack.data.doctor_history import (
    DROP_SAME_DAY_STRENGTHS,
    MEND_HINT,
    SAME_DAY_MEND,
    SAME_DAY_STRENGTHS,
    SELF_CHANGES,
    UPGRADE_HINT,
    WITHOUT_HISTORY,
    mended_line,
    record_openings,
    same_day_mended_line,
    same_day_strengths_problem,
    self_changes_problem,
    without_history_problem,
)
from netrack.data.doctor_stored import stored_warnings
from netrack.data.migrations import latest
from netrack.data.server import (
    ServerAddress,
    describe,
    open_server,
    schema_version,
    take_write_lock,
)
from netrack.data.server_rights import write_obstacle
from netrack.domain.errors import StorageError
from netrack.locations import backups_dir


def diagnose_server(
    address: ServerAddress,
    fix: bool = False,
    backup: Callable[[], Path] | None = None,
    today: date | None = None,
) -> Report:
    """The doctor's report on a server database; StorageError if it cannot be reached.
    `fix`: a netrack database whose triggers or indexes alone differ has them made
    netrack's again (`server_mend`), and, after `backup` (the copy it made), campaigns
    with no stage change get their opening (`doctor_history`). `today`: the command's."""
    report = Report()
    report.add("database:", str(address))
    db = open_server(address, migrate=False)
    try:
        version_text = db.execute_sql("SHOW server_version").fetchone()[0]
        report.add("server:", f"PostgreSQL {version_text}")
        version = schema_version(db)
        state = "current" if version == latest() else f"this netrack writes {latest()}"
        report.add("schema:", f"version {version} ({state})")
        role, obstacle = write_obstacle(db, address)
        if version < latest():
            # Not while the role cannot write: that upgrade could not come true.
            once = ", once it can write there" if obstacle else ""
            report.warnings.append(f"schema {version} is upgraded when netrack next opens it{once}")
        found = server_schema.difference(db, version) if version else None
        steps = server_mend.planned(db, version) if found else None
        mendable = bool(steps) and server_mend.why_not_mend(db) is None
        if found and mendable and fix:
            done = server_mend.mend(db, version)
            report.fixed.append(f"made the indexes and triggers netrack's again: {done}")
            found = server_schema.difference(db, version)
            steps = None
        if found:  # a table, a column, an index or a trigger not as netrack makes them
            plan = f" ({', '.join(steps)})" if steps else ""
            mend = (
                f"{server_mend.FIX}{plan}"
                if mendable
                else f"{server_mend.advice(db, version)}{plan if steps else ''}"
            )
            report.problems.append(
                f"the schema is not netrack's for version {version}: {found}; {mend}"
            )
        tables = []
        for model in t.ALL_TABLES:
            table = model._meta.table_name
            if not db.execute_sql("SELECT to_regclass(%s)", (table,)).fetchone()[0]:
                continue
            rows, size = db.execute_sql(
                f'SELECT (SELECT count(*) FROM "{table}"), pg_total_relation_size(%s)',
                (table,),
            ).fetchone()
            tables.append((table, rows, size))
        report.add_tables(tables)
        if version and not found:
            _histories(db, report, version == latest(), backup if fix else None)
            report.warnings += stored_warnings(lambda query: db.execute_sql(query).fetchall())
            done_after = done_after_today_warning(
                lambda query: db.execute_sql(query).fetchall(), today or date.today()
            )
            report.warnings += [done_after] if done_after else []
        report.add("role:", f"{role} {'cannot write' if obstacle else 'can write'}")
        if obstacle:
            report.problems.append(f"{obstacle.what}: {obstacle.fix}")
    except DatabaseError as error:
        raise StorageError(describe(error, address)) from None
    finally:
        db.close()
    last = _last_backup(address)
    report.add("last backup:", last or "none yet (netrack backup)")
    return report


def _histories(
    db: PostgresqlDatabase, report: Report, current: bool, backup: Callable[[], Path] | None
) -> None:
    """As `doctor._histories` on a file; `backup`: mend, after the copy it makes."""
    problem = self_changes_problem(db.execute_sql(SELF_CHANGES).fetchall())
    if problem:
        report.problems.append(problem)
    bare = [int(row[0]) for row in db.execute_sql(WITHOUT_HISTORY).fetchall()]
    same_day = db.execute_sql(SAME_DAY_STRENGTHS).fetchall() if current else []
    if (bare or same_day) and current and backup is not None:
        copy = backup()
        if bare:
            report.fixed.append(mended_line(_mend_openings(db), copy))
        if same_day:
            with db.atomic():
                take_write_lock(db, BUSY_TIMEOUT_S)
                db.execute_sql(DROP_SAME_DAY_STRENGTHS)
            report.fixed.append(same_day_mended_line(same_day, copy))
        bare = same_day = []
    for problem in (
        without_history_problem(bare, MEND_HINT if current else UPGRADE_HINT),
        same_day_strengths_problem(same_day, SAME_DAY_MEND),
    ):
        if problem:
            report.problems.append(problem)


def _mend_openings(db: PostgresqlDatabase) -> list[int]:
    """`doctor_history.record_openings` in one transaction under the write lock (other
    netrack processes told of the write, as of any); the campaigns' ids."""
    with db.atomic():
        take_write_lock(db, BUSY_TIMEOUT_S)
        return record_openings(db)


def _last_backup(address: ServerAddress) -> str | None:
    folder = backups_dir(address.path)
    stem = address.path.stem
    found = sorted(own_backups(folder, stem, "json"))
    return str(found[-1]) if found else None


def default_backup_file(address: ServerAddress, reason: str = "") -> Path:
    """A new timestamped name in the backups folder (a second backup within the same
    second, as a restore makes one, gets a counter); `reason` ends it as a file's
    safety copy's does ("-before-merge")."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    folder = backups_dir(address.path)
    suffix = f"-{reason}" if reason else ""
    target = folder / f"{address.path.stem}-{stamp}{suffix}.json"
    count = 1
    while target.exists():
        count += 1
        target = folder / f"{address.path.stem}-{stamp}-{count}{suffix}.json"
    return target
