"""Reading SQLite's integrity check: which damage netrack can mend (an index that
disagrees with its table is built again from the table by `doctor --fix`), and what a
copy that failed the check says of the database it was made from."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from netrack.data.db import RESTORE_HINT
from netrack.data.interruptible import all_rows

# The integrity check's words for an index that disagrees with its table: REINDEX builds
# it again from the table's rows, losing nothing (a table's damage it cannot mend).
_INDEX_DAMAGE = re.compile(
    r"(?:row \d+ missing from index|wrong # of entries in index"
    r"|non-unique entry in UNIQUE index) (\S+)"
)


def damaged_indexes(checks: list[str]) -> list[str]:
    """The indexes an integrity check's lines name, in order, when every line is about an
    index; [] when any is about something else (a table's pages, a row) or none is."""
    names: list[str] = []
    for line in checks:
        found = _INDEX_DAMAGE.fullmatch(line)
        if found is None:
            return []
        if found[1] not in names:
            names.append(found[1])
    return names


def copy_failed(source: sqlite3.Connection, target: Path, origin: Path, check: str) -> str:
    """Why a copy failed its integrity check, in words: the copy holds the pages it was
    given, so nearly always the database itself is damaged (then said, with what mends
    it); only a copy whose database is whole blames the copy."""
    try:
        found = [row[0] for row in all_rows(source, "PRAGMA integrity_check")]
    except sqlite3.Error as error:
        found = [str(error)]
    if found == ["ok"]:
        return f"the copy made in {target.parent} failed its integrity check: {check}"
    mend = (
        "the damage is in its indexes only: `netrack doctor --fix` rebuilds them"
        if damaged_indexes(found)
        else RESTORE_HINT
    )
    return f"{origin} is damaged (integrity check: {found[0]}), so no copy of it was made; {mend}"
