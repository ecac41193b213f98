"""`doctor` on schema 19's folded names (`contact.name_key`, see m019): a key unlike its
name's fold is a problem (a log or a command naming the contact would not find them);
a name without a key, renamed by another program, a warning (it is folded as it is
read: slower on a long history, never wrong). `--fix` works them out from the names."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from netrack.data import db as dbmod
from netrack.data.doctor_common import Report, read_look_only
from netrack.data.migrations import m019_contact_name_keys as m019

# The rows whose key is not the one their name gives.
_DIFFERING = f'WHERE "name_key" IS NOT {m019.KEY_OF_NAME}'


@dataclass(frozen=True)
class Keys:
    stale: int  # a key another name's
    missing: int  # no key, where the name has one


def look(connection: sqlite3.Connection) -> Keys | None:
    """How the keys differ from the names; None for a file before schema 19."""
    if connection.execute("PRAGMA user_version").fetchone()[0] < m019.SINCE:
        return None
    m019.with_fold(connection)
    counted = f'SELECT COUNT("name_key"), COUNT(*) - COUNT("name_key") FROM "contact" {_DIFFERING}'
    stale, missing = connection.execute(counted).fetchone()
    return Keys(stale, missing)


def _contacts(count: int) -> str:
    return "1 contact" if count == 1 else f"{count:,} contacts"


def check_name_keys(path: Path, report: Report, fix: bool) -> None:
    found = read_look_only(path, look)
    if found is None or not (found.stale or found.missing):
        return
    if fix:
        connection = sqlite3.connect(str(path), timeout=dbmod.BUSY_TIMEOUT_S, isolation_level=None)
        try:
            m019.with_fold(connection)
            connection.execute("BEGIN IMMEDIATE")
            connection.execute(f"{m019.FILL} {_DIFFERING}")
            connection.execute("COMMIT")
        finally:
            connection.close()
        worked = _contacts(found.stale + found.missing)
        report.fixed.append(f"worked out the folded names of {worked} from their names")
        return
    fix_it = "`netrack doctor --fix` works them out from the names"
    if found.stale:
        report.problems.append(
            f"{_contacts(found.stale)} kept a folded name unlike their name (written by "
            f"another program): a log or a command may not find them by name; {fix_it}"
        )
    if found.missing:
        report.warnings.append(
            f"{_contacts(found.missing)} renamed by another program kept no folded name: "
            f"each is folded as it is read, slower on a long history; {fix_it}"
        )
