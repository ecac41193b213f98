"""`netrack doctor`: what state the database is in, and what (safely) to do about it.

Looks without touching: the database is opened read-only (a damaged, foreign or too-new
file is reported, never migrated or repaired). `--fix` only does what cannot lose data:
tighten permissions, merge a WAL that belongs to the database into it, remove the
unfinished copies an interrupted backup or restore left, make the indexes and triggers
netrack's again, mend references to rows that are gone as deleting those rows would
have (after a copy of the database: that removes the rows that belonged to them), and
record the opening of a campaign stored without one and remove a strength change a
later one of the same day outdoes (after a copy too), give a record without a uid
netrack keeps one; anything else is reported with what to do. A WAL that does not
belong to its database is never applied.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

from peewee import DatabaseError

from netrack.data import db as dbmod
from netrack.data import db_files, doctor_uids, schema
from netrack.data.doctor_common import (
    Report,
    copy_before_fix,
    look_only,
    look_uri,
    read_look_only,
    size_text,
)
from netrack.data.doctor_files import last_backup, permissions
from netrack.data.doctor_follow_ups import check_done_after_today
from netrack.data.doctor_history import (
    MEND_HINT,
    SAME_DAY_MEND,
    SAME_DAY_STRENGTHS,
    SELF_CHANGES,
    UPGRADE_HINT,
    WITHOUT_HISTORY,
    mended_line,
    same_day_mended_line,
    same_day_strengths_problem,
    self_changes_problem,
    without_history_problem,
)
from netrack.data.doctor_keys import check_name_keys
from netrack.data.doctor_mend import (
    mend_openings,
    mend_references,
    mend_same_day_strengths,
    mend_schema,
    rebuild_indexes,
)
from netrack.data.doctor_stored import check_stored
from netrack.data.doctor_text import check_text
from netrack.data.doctor_wal import check_wal, unvouched_wal
from netrack.data.errors import readable
from netrack.data.integrity import damaged_indexes
from netrack.data.interruptible import all_rows
from netrack.data.migrations import latest
from netrack.domain.errors import StorageError


def run_doctor(db_path: Path, fix: bool, today: date | None = None) -> str:
    """The report as text (problems included); StorageError only if `db_path` is unusable."""
    return diagnose(db_path, fix, today).text()


def diagnose(db_path: Path, fix: bool = False, today: date | None = None) -> Report:
    """`today`: the command's (NETRACK_TODAY), for the days an import would refuse."""
    path = Path(db_path).expanduser()
    try:
        return _diagnose(path, fix, today or date.today())
    except OSError as error:  # a name too long, a folder we may not enter…
        raise StorageError(dbmod.os_error_line(path, error)) from None


def _diagnose(path: Path, fix: bool, today: date) -> Report:
    report = Report()
    report.add("database:", str(path))
    if path.is_dir():
        raise StorageError(f"{path} is a directory, not a database file")
    if not path.exists():
        cannot = db_files.cannot_create(path)  # a read-only HOME, a file on the way
        report.add(
            "status:", "no database yet" + ("" if cannot else " (the first command creates it)")
        )
        if cannot:
            report.problems.append(cannot)
        return report
    found = len(report.problems)
    # Mending opens the file to write, and the last connection to close would merge a
    # WAL that does not belong to it: nothing is mended beside one (`doctor_wal.unvouched_wal` says why).
    mends = fix and unvouched_wal(path) is None
    foreign = _contents(path, report, mends)
    if len(report.problems) == found:  # a damaged or foreign file: its sums mean nothing
        _references(path, report, mends)
        _histories(path, report, mends)
        _trend_sums(path, report, mends)
        _uids(path, report, mends)
        check_name_keys(path, report, mends)
        check_text(look_uri(path), report)
        check_stored(path, report)
        check_done_after_today(path, report, today)
    _sizes(path, report)
    _room(path, report)
    # Another program's file is refused untouched (SPEC): what is wrong with its journal
    # is said, nothing is fixed, and its backups and permissions are not netrack's.
    check_wal(path, report, fix and not foreign)
    _leftovers(path, report, fix and not foreign)
    if not foreign:
        last_backup(path, report)
        permissions(path, report, fix)
    return report


def _contents(path: Path, report: Report, fix: bool = False) -> bool:
    """Schema and integrity lines; whether the file is not netrack's to fix (another
    program's database, or no database netrack can read). `fix`: a netrack database whose
    indexes or triggers alone differ has them made netrack's again."""
    try:
        dbmod.check_path(path)
    except StorageError as error:
        # Not a database netrack can read (not SQLite, damaged): said once, and the file
        # is left as it is, permissions included.
        report.problems.append(str(error))
        return True
    try:
        connection = look_only(path)
        try:
            version = int(connection.execute("PRAGMA user_version").fetchone()[0])
            checks = [row[0] for row in all_rows(connection, "PRAGMA integrity_check")]
            indexes = damaged_indexes(checks)  # [] unless the damage is in indexes alone
            found, steps = None, None
            if (checks == ["ok"] or indexes) and version <= latest():
                found, steps = schema.verdict(connection, version)
            mendable = bool(steps)
            plan = ", ".join(planned(words) for _, words in steps or () if words)
            shared = doctor_uids.shared(connection) if found else {}
        finally:
            connection.close()
        if found and mendable and fix and checks == ["ok"]:
            # New uids change rows: kept first, as every fix that changes rows keeps a copy
            copy = copy_before_fix(path) if shared else None
            done = mend_schema(path, version)
            report.fixed += doctor_uids.shared_fixes(shared, copy)
            report.fixed.append(f"made the indexes and triggers netrack's again: {done}")
            found, shared = None, {}
        # Only netrack's own file (not another program's, not a newer netrack's).
        rebuildable = bool(indexes) and not found and version <= latest()
        if rebuildable and fix:
            checks = _rebuild(path, indexes, checks, report)
    except (sqlite3.Error, UnicodeDecodeError) as raised:
        report.damaged = True
        unread = readable(raised)
        report.add("integrity:", f"unreadable ({unread})")
        if dbmod.is_damage(unread):
            report.problems.append(dbmod.describe(unread, path))
        elif db_files.no_room_for_shm(path):  # a whole file SQLite cannot open: not restore
            report.damaged = False
            report.problems.append(f"{full_disk(path)}; it cannot be read until then")
        else:
            report.problems.append(f"{path} cannot be read ({unread}); {dbmod.RESTORE_HINT}")
        return False
    state = "current" if version == latest() else "older: the next command upgrades it"
    if version > latest():
        state = "newer than this netrack: upgrade netrack"
    if found:
        state = "not netrack's: no command will open or change it"
    report.add("schema:", f"version {version} ({state}; this netrack writes {latest()})")
    shown = "; ".join(checks[:5]) + (f" … ({len(checks)} in all)" if len(checks) > 5 else "")
    report.add("integrity:", shown)
    report.damaged = checks != ["ok"]  # after a rebuild that mended it: a backup copies it
    if checks != ["ok"] and rebuildable and not fix:
        report.problems.append(
            f"{path} is damaged in its indexes only ({', '.join(indexes)}); "
            "`netrack doctor --fix` rebuilds them from the tables"
        )
    elif checks != ["ok"]:
        report.problems.append(f"{path} is damaged; {dbmod.RESTORE_HINT}")
    if found:
        mend = (
            f"`netrack doctor --fix` makes its indexes and triggers netrack's again ({plan})"
            if mendable
            else "netrack will not open it"
        )
        report.problems.append(f"{schema.describe_foreign(path, version, found)}; {mend}")
        report.problems += doctor_uids.shared_problems(shared)
    return bool(found)


def _rebuild(path: Path, indexes: list[str], checks: list[str], report: Report) -> list[str]:
    """Build the damaged indexes again (after a copy of the database, as every fix that
    writes keeps one); the integrity check's lines after (`checks` if it failed)."""
    copy = copy_before_fix(path)
    try:
        rebuild_indexes(path, indexes)
    except sqlite3.Error as error:
        report.warnings.append(f"rebuilding {', '.join(indexes)} failed ({error})")
        return checks
    connection = look_only(path)
    try:
        after = [row[0] for row in all_rows(connection, "PRAGMA integrity_check")]
    finally:
        connection.close()
    if after == ["ok"]:
        names = ", ".join(indexes)
        report.fixed.append(
            f"rebuilt index{'es' if len(indexes) > 1 else ''} {names} (the database before: {copy})"
        )
    return after


def planned(done: str) -> str:
    """A repair step as it will be ("drop trigger my_audit"), from how it is said once
    done ("dropped trigger my_audit"): a trigger another program added is named before
    `--fix` drops it."""
    for past, coming in (("dropped", "drop"), ("created", "create"), ("made", "make")):
        if done.startswith(past):
            return coming + done[len(past) :]
    return done


def _references(path: Path, report: Report, fix: bool) -> None:
    """Rows that refer to a row that is gone (deleted by another program with foreign
    keys off): no export can name what they point at. `--fix` does what the schema says
    deleting that row does: removes the rows that belonged to it (ON DELETE CASCADE),
    blanks the reference where it may be blank (SET NULL); others stay, said."""
    found = read_look_only(path, _dangling)
    if found is None:
        return  # unreadable: reported above
    dangling, actions = found
    if not dangling:
        report.add("references:", "every row's references found")
        _without_contacts(path, report)
        return
    if fix:
        # Mending deletes the rows that belonged to the ones gone (a referral, a tag):
        # kept first, as every command that removes data keeps a copy (SPEC).
        copy = copy_before_fix(path)
        left = mend_references(path, dangling, actions)
        mended = len(dangling) - len(left)
        report.fixed.append(
            f"mended {mended} reference{'' if mended == 1 else 's'} to rows that were "
            f"gone, as deleting those rows would have (the database before: {copy})"
        )
        dangling = left
    _without_contacts(path, report)
    if dangling:
        counts = Counter(row[0] for row in dangling)
        listed = ", ".join(
            f"{n} in {table}" for table, n in sorted(counts.items())
        )  # counts, not ids: "1 in campaign"
        mend = "restore a backup" if fix else "`netrack doctor --fix` mends them"
        rows = (
            "1 row refers to a row" if len(dangling) == 1 else f"{len(dangling)} rows refer to rows"
        )
        report.problems.append(
            f"{rows} that {'is' if len(dangling) == 1 else 'are'} gone ({listed}); no export "
            f"can name what {'it points' if len(dangling) == 1 else 'they point'} at: {mend}"
        )


def _without_contacts(path: Path, report: Report) -> None:
    """Interactions left with no contact (theirs deleted by another program, or by
    `--fix` above): an export keeps them, an import refuses them (SPEC: one or more
    contacts). Only the user can say who they were with."""
    ids = read_look_only(
        path,
        lambda connection: [
            row[0]
            for row in connection.execute(
                'SELECT id FROM "interaction" AS i WHERE NOT EXISTS (SELECT 1 FROM '
                '"interaction_contact" AS l WHERE l.interaction_id = i.id) ORDER BY id'
            )
        ],
    )
    if ids:
        shown = ", ".join(map(str, ids[:5])) + (" …" if len(ids) > 5 else "")
        report.problems.append(
            f"{len(ids)} interaction{'s have' if len(ids) > 1 else ' has'} no contact left "
            f"(ids {shown}); an import would refuse {'them' if len(ids) > 1 else 'it'}: give "
            "each one with `netrack interaction edit ID --with NAME`, or delete it"
        )


def _histories(path: Path, report: Report, fix: bool) -> None:
    """Stage and strength histories no command writes (`doctor_history`); `fix`, after
    one copy of the database: a campaign with no stage change gets its opening (its
    stage began on the day it opened then), a day's earlier strength changes go."""
    found = read_look_only(
        path,
        lambda connection: (
            connection.execute(SELF_CHANGES).fetchall(),
            [int(row[0]) for row in connection.execute(WITHOUT_HISTORY)],
            connection.execute("PRAGMA user_version").fetchone()[0] == latest(),
        ),
    )
    if found is None:
        return  # unreadable, or an older schema: reported above
    rows, bare, current = found
    # Read on the current schema only: strength_change is schema 4's
    same_day = (
        read_look_only(path, lambda c: c.execute(SAME_DAY_STRENGTHS).fetchall()) if current else []
    )
    if (bare or same_day) and fix and current:
        copy = copy_before_fix(path)
        if bare:
            report.fixed.append(mended_line(mend_openings(path), copy))
        if same_day:
            mend_same_day_strengths(path)
            report.fixed.append(same_day_mended_line(same_day, copy))
        bare = same_day = []
    for problem in (
        self_changes_problem(rows),
        without_history_problem(bare, MEND_HINT if current else UPGRADE_HINT),
        same_day_strengths_problem(same_day or [], SAME_DAY_MEND),
    ):
        if problem:
            report.problems.append(problem)


def _uids(path: Path, report: Report, fix: bool) -> None:
    """Records without a uid netrack keeps (`doctor_uids`); `fix` gives each a new one
    (a uid netrack keeps is never changed: it is what names the record in every export)."""
    current = read_look_only(
        path, lambda c: c.execute("PRAGMA user_version").fetchone()[0] == latest()
    )
    found = read_look_only(path, doctor_uids.look) if current else None
    if not found:
        return
    if fix:
        copy = copy_before_fix(path)  # new uids change rows
        connection = sqlite3.connect(str(path), timeout=dbmod.BUSY_TIMEOUT_S, isolation_level=None)
        try:
            doctor_uids.give_uids(connection, found.tables())
        finally:
            connection.close()
        report.fixed += doctor_uids.fixes(found, copy)
        return
    report.problems += doctor_uids.problems(found)


def _trend_sums(path: Path, report: Report, fix: bool) -> None:
    """The kept sums (m009: the trend's runs, a card's early days), each checked against
    the rows it was summed from; `--fix` forgets those that differ (see kept_check)."""
    from netrack.data import kept_check

    try:
        kept = kept_check.look(look_uri(path))
    except (sqlite3.Error, DatabaseError):
        return  # unreadable: reported above
    if kept is None:
        return  # an older schema, or not netrack's: reported above
    held = f"{kept.runs} trend runs and {kept.spans} early-days spans kept"
    if not kept.stale:
        report.add("kept sums:", f"{held}, each as its rows give it")
        return
    report.add("kept sums:", f"{held}, {kept.stale} not as their rows give them")
    which = [f"{run[0]} … {run[1]}" for run in (*kept.stale_runs, *kept.stale_spans)]
    some = "1 kept sum differs" if kept.stale == 1 else f"{kept.stale} kept sums differ"
    if not fix:
        report.problems.append(
            f"{some} from {'its' if kept.stale == 1 else 'their'} rows "
            f"({', '.join(which[:3])}); `netrack doctor --fix` forgets what differs "
            "(cards sum it again)"
        )
        return
    kept_check.forget(path, kept)
    report.fixed.append(
        f"forgot {some.replace(' differs', '').replace(' differ', '')} (summed again)"
    )


def _dangling(
    connection: sqlite3.Connection,
) -> tuple[list[Any], dict[tuple[str, int], tuple[str, str]]]:
    """The rows whose reference finds nothing, and what each table's foreign keys do on
    delete: (table, key id) → (column, on delete)."""
    dangling = all_rows(connection, "PRAGMA foreign_key_check")
    actions: dict[tuple[str, int], tuple[str, str]] = {}
    for table in {row[0] for row in dangling}:
        for key in connection.execute(f'PRAGMA foreign_key_list("{table}")'):
            actions[(table, key[0])] = (key[3], key[6])
    return dangling, actions


def _size(path: Path) -> str:
    return size_text(path.stat().st_size if path.exists() else 0)


def _sizes(path: Path, report: Report) -> None:
    wal = db_files.companion(path, "-wal")
    report.add("size:", f"{_size(path)} (WAL {_size(wal) if wal.exists() else 'none'})")


def full_disk(path: Path) -> str:
    return f"the disk holding {path} is full: free some space (the file is not damaged)"


def _room(path: Path, report: Report) -> None:
    """A disk with no room for the -shm SQLite makes on opening: every write fails.
    Said once (the reading above may have said it)."""
    if db_files.no_room_for_shm(path) and not any(
        line.startswith(full_disk(path)) for line in report.problems
    ):
        report.problems.append(f"{full_disk(path)}; until then every change fails")


def _leftovers(path: Path, report: Report, fix: bool) -> None:
    """Unfinished copies left by an interrupted backup, restore or migration."""
    if fix:
        for file in db_files.remove_stale_partials(path):
            report.fixed.append(f"removed {file} (an interrupted copy)")
    for file in db_files.stale_partials(path):
        hint = "" if fix else " (run `netrack doctor --fix` to remove it)"
        report.problems.append(f"{file} is an unfinished copy left by an interruption{hint}")
