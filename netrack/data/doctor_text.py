"""`netrack doctor` on values a command cannot read: text that is not UTF-8 (a byte
damaged inside a row by a failing disk or another program's write leaves SQLite's pages
whole, so the integrity check says "ok", but every read of that row fails: "Could not
decode to UTF-8 column …"), and values of another type than their column's (another
program's write: bytes in a column of text, "45m" in one of minutes), which SQLite keeps
as given and the command that reads them fails on, and values in a column of dates that
are not days ('yesterday', '2026-13-45', ''), which a command fails on or miscounts. Found
by reading each column as bytes with its values' types.

SQLite only: a PostgreSQL column of type DATE holds nothing but days, and its TEXT
columns nothing but UTF-8 (the server refuses anything else before it is stored)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from netrack.data.db import RESTORE_HINT, look_only_uri
from netrack.data.interruptible import all_rows, first_value

if TYPE_CHECKING:
    from netrack.data.doctor_common import Report

SHOWN = 5  # damaged values named; the rest counted

# The types (SQLite's `typeof`) a column of each declared type holds as netrack writes
# it; NULL aside.
_HELD = {"INTEGER": ("integer",), "REAL": ("real", "integer")}
_TEXT = ("text",)  # TEXT, VARCHAR(n) and DATE (dates are written as ISO text)
_WHAT = {
    "integer": "a whole number",
    "real": "a decimal number",
    "text": "text",
    "blob": "bytes (a BLOB)",
}


@dataclass
class Unreadable:
    """Where values cannot be read, as "table.column id N" (or "row N" where the table
    has no id), in table and row order."""

    not_utf8: list[str] = field(default_factory=list)
    # "table.column id N: text in a column of numbers"
    mistyped: list[str] = field(default_factory=list)
    # "interaction.kind id 5: 'zzz'": a word netrack never writes in that column
    unknown: list[str] = field(default_factory=list)
    # "interaction.on id 5: 'yesterday'": no day, in a column of dates
    not_dates: list[str] = field(default_factory=list)
    # How many of those are no text (a number, a BLOB): of another type than their
    # column's too, counted under dates only (`check_text`'s types line says so)
    dates_mistyped: int = 0


def unreadable(connection: sqlite3.Connection) -> Unreadable:
    """The values of `connection`'s tables that are not UTF-8, not of their column's
    type, or no day in a column of dates. One pass per table, a concatenation and a
    count per column, finds the columns (a tenth of a second on a heavy database); only
    those are read row by row."""
    found = Unreadable()
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
                (name.decode(), _held(kind.decode()))
                for _, name, kind, *_ in connection.execute(f'PRAGMA table_info("{table}")')
            ]
            # Every column, numbers' too: text stored in one (another program's) fails
            # the command that reads it all the same. Joined by a space: two halves of a
            # character in two rows, joined by nothing, read as one whole character.
            sums = ", ".join(
                f"group_concat({_text(name)}, ' '), {_count_wrong(name, held)}"
                for name, held in columns
            )
            row = all_rows(connection, f'SELECT {sums} FROM "{table}"')[0]
            word = "id" if "id" in {name for name, _ in columns} else "row"
            for at, (column, held) in enumerate(columns):
                whole, mistyped = row[2 * at], row[2 * at + 1]
                if whole is not None and not _decodes(whole):
                    found.not_utf8 += _not_utf8(connection, table, column, word)
                if mistyped and held is _DATE:
                    _not_dates(connection, table, column, word, found)
                elif mistyped:
                    found.mistyped += _mistyped(connection, table, column, held, word)
        found.unknown += _unknown_words(connection, set(tables))
    finally:
        connection.text_factory = str
    return found


def _words() -> dict[tuple[str, str], tuple[str, ...]]:
    """(table, column) → the words netrack writes there (NULL aside): a command reading
    another says "the database holds 'zzz' where an interaction's kind belongs" and
    sends the user here (`repo.base.stored`)."""
    from netrack.domain.models import (
        ContactChannel,
        Direction,
        Kind,
        SourceChannel,
        Stage,
        TimeCategory,
    )

    stages = tuple(stage.value for stage in Stage)
    return {
        ("interaction", "kind"): tuple(kind.value for kind in Kind),
        ("campaign", "stage"): stages,
        ("campaign", "source"): tuple(source.value for source in SourceChannel),
        ("stage_change", "from_stage"): stages,
        ("stage_change", "to_stage"): stages,
        ("contact", "channel"): tuple(channel.value for channel in ContactChannel),
        ("referral", "direction"): tuple(direction.value for direction in Direction),
        ("time_entry", "category"): tuple(category.value for category in TimeCategory),
    }


def _unknown_words(connection: sqlite3.Connection, tables: set[str]) -> list[str]:
    """ "interaction.kind id 5: 'zzz'" for each value that is no word netrack writes in
    its column (text of another type is `_mistyped`'s)."""
    found = []
    for (table, column), words in _words().items():
        if table not in tables:
            continue
        listed = ", ".join(f"'{word}'" for word in words)
        query = (
            f'SELECT rowid, "{column}" FROM "{table}" WHERE typeof("{column}") = \'text\' '
            f'AND "{column}" NOT IN ({listed}) ORDER BY rowid'
        )
        for rowid, value in connection.execute(query):
            shown = value.decode("utf-8", "replace")[:40] if isinstance(value, bytes) else value
            found.append(f"{table}.{column} id {rowid}: {shown!r}")
    return found


def _text(column: str) -> str:
    return f'CASE WHEN typeof("{column}") = \'text\' THEN "{column}" END'


def _not_held(column: str, held: tuple[str, ...]) -> str:
    kinds = ", ".join(f"'{kind}'" for kind in (*held, "null"))
    return f'typeof("{column}") NOT IN ({kinds})'


def _held(declared: str) -> tuple[str, ...]:
    """The types a column of the `declared` type holds (`_DATE`: one of dates)."""
    declared = declared.upper()
    return _DATE if declared == "DATE" else _HELD.get(declared, _TEXT)


# Dates are written as ISO text, 'YYYY-MM-DD', and read back as Python's `date`: a value
# SQLite's date arithmetic does not give back unchanged is no day (NULL for 'yesterday',
# '2026-13-45' and '', '2026-03-02' for '2026-02-30'); nor is year 0, which Python has
# not. (substr: a column of dates has NUMERIC affinity, which would make '0000' a number.)
_DATE = ("date",)


def _no_day(column: str) -> str:
    return (
        f'"{column}" IS NOT NULL AND (typeof("{column}") != \'text\' '
        f'OR date("{column}", \'+0 days\') IS NOT "{column}" '
        f"OR substr(\"{column}\", 1, 4) = '0000')"
    )


def _count_wrong(column: str, held: tuple[str, ...]) -> str:
    """How many of the column's values are not of its type (or no day, in one of dates)."""
    return f"total({_no_day(column) if held is _DATE else _not_held(column, held)})"


def _not_dates(
    connection: sqlite3.Connection, table: str, column: str, word: str, found: Unreadable
) -> None:
    """ "interaction.on id 5: 'yesterday'" in `found` for each value of a column of dates
    that is no day. Text that is not UTF-8 is `_not_utf8`'s to name."""
    query = (
        f'SELECT rowid, typeof("{column}"), "{column}" FROM "{table}" '
        f"WHERE {_no_day(column)} ORDER BY rowid"
    )
    for rowid, kind, value in connection.execute(query):
        if kind == b"text" and not _decodes(value):
            continue
        found.not_dates.append(
            f"{table}.{column} {word} {rowid}: {_shown_value(kind.decode(), value)}"
        )
        found.dates_mistyped += kind != b"text"


SHOWN_CHARACTERS = 40


def _shown_value(kind: str, value: object) -> str:
    """A value as a line of the report shows it: text quoted, cut to SHOWN_CHARACTERS,
    what a terminal would act on escaped (`repr`); a number as it is; bytes named."""
    if kind != "text" or not isinstance(value, bytes):
        return _WHAT["blob"] if kind == "blob" else str(value)
    text = value.decode("utf-8")
    if len(text) > SHOWN_CHARACTERS:
        text = text[: SHOWN_CHARACTERS - 1] + "…"
    return repr(text)


def _decodes(value: bytes) -> bool:
    try:
        value.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _not_utf8(connection: sqlite3.Connection, table: str, column: str, word: str) -> list[str]:
    query = f'SELECT rowid, {_text(column)} FROM "{table}" ORDER BY rowid'
    return [
        f"{table}.{column} {word} {rowid}"
        for rowid, value in connection.execute(query)
        if value is not None and not _decodes(value)
    ]


def _mistyped(
    connection: sqlite3.Connection, table: str, column: str, held: tuple[str, ...], word: str
) -> list[str]:
    query = (
        f'SELECT rowid, typeof("{column}") FROM "{table}" '
        f"WHERE {_not_held(column, held)} ORDER BY rowid"
    )
    return [
        f"{table}.{column} {word} {rowid}: {_WHAT[kind.decode()]} in a column of "
        f"{'text' if held == _TEXT else 'numbers'}"
        for rowid, kind in connection.execute(query)
    ]


def read_unreadable(uri: str) -> Unreadable | None:
    """`unreadable` through a connection to `uri` (look-only: it leaves no trace); None
    when the file cannot be read so."""
    try:
        connection = sqlite3.connect(uri, uri=True, check_same_thread=False)
        try:
            return unreadable(connection)
        finally:
            connection.close()
    except sqlite3.Error:
        return None


def unreadable_line(path: Path) -> str | None:
    """What a command that failed reading `path` met, in one line: the values not of
    their column's type, else the damage SQLite's quick check finds (a page whose cells
    read as NULLs where no NULL may be), or None when there is neither (the failure was
    not theirs)."""
    uri = look_only_uri(path)  # no -wal nor -shm left behind by the look
    found = read_unreadable(uri)
    if found is not None and found.unknown and not found.mistyped:
        return f"{path} holds {_unknown(found.unknown)}; {UNKNOWN_WAY_OUT}"
    if found is None or not found.mistyped:
        checked = _quick_check(uri)
        return f"{path} is damaged ({checked}); {RESTORE_HINT}" if checked else None
    count = len(found.mistyped)
    return (
        f"{path} holds {_values(found.mistyped)} not of {'their' if count > 1 else 'its'} "
        f"column's type ({_shown(found.mistyped, '; ')}); `netrack doctor` lists "
        f"{'them' if count > 1 else 'it'}; {RESTORE_HINT}"
    )


def _quick_check(uri: str) -> str | None:
    """SQLite's first complaint of a quick check of the file at `uri`, or None: it is
    whole, or cannot be read so."""
    try:
        connection = sqlite3.connect(uri, uri=True, check_same_thread=False)
        try:
            first = first_value(connection, "PRAGMA quick_check(1)")
        finally:
            connection.close()
    except sqlite3.Error:
        return None
    if first == "ok":
        return None
    # "*** in database main ***\nOn tree page 66 cell 0: Rowid 16 out of order"
    said = [line for line in str(first).splitlines() if not line.startswith("***")]
    return "; ".join(said) or str(first)


def carried_damage(found: Unreadable) -> str | None:
    """The values in `found` that a command reading them fails on, in a few words ("1
    value that is not UTF-8 text (interaction.note id 36)"), or None: what `restore`
    refuses to bring back and `backup` to copy."""
    parts = []
    if found.not_utf8:
        are = "are" if len(found.not_utf8) > 1 else "is"
        parts.append(
            f"{_values(found.not_utf8)} that {are} not UTF-8 text ({_shown(found.not_utf8)})"
        )
    if found.mistyped:
        their = "their" if len(found.mistyped) > 1 else "its"
        parts.append(
            f"{_values(found.mistyped)} not of {their} column's type "
            f"({_shown(found.mistyped, '; ')})"
        )
    if found.unknown:
        parts.append(_unknown(found.unknown))
    if found.not_dates:
        parts.append(f"{not_days(len(found.not_dates))} ({_shown(found.not_dates, '; ')})")
    return " and ".join(parts) or None


def not_days(count: int) -> str:
    """ "1 value in date columns that is not a day", "3 values … that are not days": the
    words of doctor's dates line, its problem, and `backup`'s and `restore`'s refusals."""
    if count == 1:
        return "1 value in date columns that is not a day"
    return f"{count} values in date columns that are not days"


# A word no netrack writes is read back by neither command nor form, so no edit mends it;
# `export json` still writes the row and `import json` skips it alone: the way out when
# no backup was made (`backup` refuses such a file).
UNKNOWN_WAY_OUT = (
    f"{RESTORE_HINT}, or, without one, `netrack export json --out FILE` and `netrack --db "
    "NEW.db import json FILE`: the new file holds all but the records with such a word"
)


def _unknown(found: list[str]) -> str:
    """ "1 value that is no word netrack writes there (interaction.kind id 5: 'zzz')"."""
    are = "are" if len(found) > 1 else "is"
    return f"{_values(found)} that {are} no word netrack writes there ({_shown(found, '; ')})"


def damage_in(path: Path) -> str | None:
    """`carried_damage` of the database file at `path` (None too when it cannot be read
    so: whoever reads it next says why)."""
    found = read_unreadable(look_only_uri(path))  # a read-only file: no -shm left behind
    return None if found is None else carried_damage(found)


def check_text(uri: str, report: Report) -> None:
    """Problems naming the values that are not UTF-8 or not of their column's type
    (SHOWN of each, then a count), read through a connection to `uri`."""
    found = read_unreadable(uri)
    if found is None:
        return  # unreadable: reported above
    report.damaged |= carried_damage(found) is not None  # what `backup` refuses to copy
    if not found.not_utf8:
        report.add("text:", "every value reads as UTF-8")
    else:
        count = len(found.not_utf8)
        report.add("text:", f"{count} value{'s' if count > 1 else ''} not UTF-8")
        report.problems.append(
            f"{count} value{'s are' if count > 1 else ' is'} not UTF-8 text "
            f"({_shown(found.not_utf8)}), so every command that reads "
            f"{'them' if count > 1 else 'it'} fails; {RESTORE_HINT}"
        )
    if found.unknown:
        count = len(found.unknown)
        report.problems.append(
            f"{_unknown(found.unknown)}: a command that reads "
            f"{'them' if count > 1 else 'it'} fails; {UNKNOWN_WAY_OUT}"
        )
    if not found.not_dates:
        report.add("dates:", "every date is a day")
    else:
        count = len(found.not_dates)
        report.add("dates:", not_days(count))
        report.problems.append(
            f"{not_days(count)} ({_shown(found.not_dates, '; ')}): a command that reads "
            f"{'them' if count > 1 else 'it'} fails or miscounts; {RESTORE_HINT}"
        )
    report.add("types:", _types_line(found))
    if found.mistyped:
        count = len(found.mistyped)
        report.problems.append(
            f"{_values(found.mistyped)} {'are' if count > 1 else 'is'} not of "
            f"{'their' if count > 1 else 'its'} column's type "
            f"({_shown(found.mistyped, '; ')}): a command that reads "
            f"{'them' if count > 1 else 'it'} fails or misreads "
            f"{'them' if count > 1 else 'it'} (a decimal read as a whole number); "
            f"{RESTORE_HINT}"
        )


def _types_line(found: Unreadable) -> str:
    """The types line, which agrees with the dates line: a number or a BLOB in a column
    of dates is counted there (as no day), and said to be so here."""
    if not found.mistyped:
        said = "every value is of its column's type"
    else:
        their = "their" if len(found.mistyped) > 1 else "its"
        said = f"{_values(found.mistyped)} of another type than {their} column's"
    if found.dates_mistyped:
        some = "1 value" if found.dates_mistyped == 1 else f"{found.dates_mistyped} values"
        said += f", besides {some} in date columns (counted under dates)"
    return said


def _values(found: list[str]) -> str:
    return f"{len(found)} value{'s' if len(found) > 1 else ''}"


def _shown(found: list[str], between: str = ", ") -> str:
    count = len(found)
    return between.join(found[:SHOWN]) + (f" … ({count} in all)" if count > SHOWN else "")
