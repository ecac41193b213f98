"""`netrack doctor` on text that is not UTF-8: a byte damaged inside a row (a failing
disk, another program's write) leaves SQLite's pages whole, so the integrity check says
"ok", but every read of that row fails ("Could not decode to UTF-8 column …"): an export,
a list, a screen. Found by reading each text column as bytes."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from netrack.data.db import RESTORE_HINT

if TYPE_CHECKING:
    from netrack.data.doctor import Report

SHOWN = 5  # damaged values named; the rest counted


def not_utf8(connection: sqlite3.Connection) -> list[str]:
    """Where a text value is not UTF-8, as "table.column id N" (or "row N" where the
    table has no id), in table and row order. One concatenation per column finds the
    columns (a tenth of a second on a heavy database); only those are read row by row."""
    found: list[str] = []
    tables = [
        row[0]
        for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name"
        )
    ]
    connection.text_factory = bytes  # after reading the names (as str) above
    try:
        for table in tables:
            columns = [
                (name.decode(), kind.decode())
                for _, name, kind, *_ in connection.execute(f'PRAGMA table_info("{table}")')
            ]
            # Every column, numbers' too: text stored in one (another program's) fails
            # the command that reads it all the same.
            texts = [n for n, _ in columns]
            # Joined by a space: two halves of a character in two rows, joined by
            # nothing, read as one whole character.
            joined = ", ".join(f"group_concat({_text(n)}, ' ')" for n in texts)
            sums = connection.execute(f'SELECT {joined} FROM "{table}"').fetchone()
            word = "id" if "id" in {n for n, _ in columns} else "row"
            for column, whole in zip(texts, sums, strict=True):
                if whole is not None and not _decodes(whole):
                    found += _rows(connection, table, column, word)
    finally:
        connection.text_factory = str
    return found


def _text(column: str) -> str:
    return f'CASE WHEN typeof("{column}") = \'text\' THEN "{column}" END'


def _decodes(value: bytes) -> bool:
    try:
        value.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _rows(connection: sqlite3.Connection, table: str, column: str, word: str) -> list[str]:
    query = f'SELECT rowid, {_text(column)} FROM "{table}" ORDER BY rowid'
    return [
        f"{table}.{column} {word} {rowid}"
        for rowid, value in connection.execute(query)
        if value is not None and not _decodes(value)
    ]


def check_text(uri: str, report: Report) -> None:
    """A problem naming the values that are not UTF-8 (SHOWN of them, then a count), read
    through a connection to `uri` (doctor's, that leaves no trace)."""
    try:
        connection = sqlite3.connect(uri, uri=True)
        try:
            found = not_utf8(connection)
        finally:
            connection.close()
    except sqlite3.Error:
        return  # unreadable: reported above
    if not found:
        report.add("text:", "every value reads as UTF-8")
        return
    count = len(found)
    report.add("text:", f"{count} value{'s' if count > 1 else ''} not UTF-8")
    shown = ", ".join(found[:SHOWN]) + (f" … ({count} in all)" if count > SHOWN else "")
    report.problems.append(
        f"{count} value{'s are' if count > 1 else ' is'} not UTF-8 text ({shown}), so every "
        f"command that reads {'them' if count > 1 else 'it'} fails; {RESTORE_HINT}"
    )
