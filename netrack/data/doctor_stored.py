"""`netrack doctor` on values an older netrack stored that its commands refuse now
(`domain.stored_values`): every command still reads them, an export writes them and
`import json` keeps them (a web address it leaves out, its record kept), so they are
warnings with the edit that mends each, not damage. The same queries on a file and on
a server (plain SQL both engines read)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from netrack.data.doctor_common import Report, read_look_only
from netrack.domain.resolve import reads_as_id
from netrack.domain.stored_values import clearing_urls, renaming
from netrack.domain.validate import holds_control, shown

Select = Callable[[str], list[tuple[Any, ...]]]
SHOWN = 5  # records named; the rest counted

# Each table whose records have a name of their own, and its column
_NAMED = (("organization", "name"), ("contact", "name"), ("campaign", "title"))


def _id_like_names(select: Select) -> list[tuple[str, int, str]]:
    """(table, id, name) of each record whose name reads as an id. The first three
    characters are compared in SQL (names are stored trimmed), `reads_as_id` decides."""
    found = []
    for table, column in _NAMED:
        query = (
            f'SELECT id, "{column}" FROM "{table}" '
            f"WHERE lower(substr(ltrim(\"{column}\"), 1, 3)) = 'id:' ORDER BY id"
        )
        found += [
            (table, int(row_id), name)
            for row_id, name in select(query)
            if isinstance(name, str) and reads_as_id(name)
        ]
    return found


def _controlled_urls(select: Select) -> list[tuple[str, int, str]]:
    """(table, id, url) of each contact's and campaign's web address that holds a
    control character (every address is read: no SQL both engines speak finds one)."""
    found = []
    for table in ("contact", "campaign"):
        query = f'SELECT id, "url" FROM "{table}" WHERE "url" <> \'\' ORDER BY id'
        found += [
            (table, int(row_id), url)
            for row_id, url in select(query)
            if isinstance(url, str) and holds_control(url)
        ]
    return found


def stored_warnings(select: Select) -> list[str]:
    """The doctor's warnings on such values, read through `select` (a query's rows)."""
    warnings = []
    names = _id_like_names(select)
    if names:
        some = f"{len(names)} records have" if len(names) > 1 else "1 record has"
        listed = [f"{table} id {row_id}: {shown(name)}" for table, row_id, name in names]
        warnings.append(
            f"{some} a name that reads as an id, as an older netrack stored it "
            f"({_first(listed)}): {renaming(table for table, _, _ in names)}"
        )
    urls = _controlled_urls(select)
    if urls:
        some = f"{len(urls)} records hold" if len(urls) > 1 else "1 record holds"
        listed = [f"{table} id {row_id}: {shown(url)}" for table, row_id, url in urls]
        warnings.append(
            f"{some} a web address with a control character, as an older netrack stored "
            f"it ({_first(listed)}): {clearing_urls(table for table, _, _ in urls)}"
        )
    return warnings


def _first(listed: list[str]) -> str:
    more = f" … ({len(listed)} in all)" if len(listed) > SHOWN else ""
    return "; ".join(listed[:SHOWN]) + more


def check_stored(path: Path, report: Report) -> None:
    """`stored_warnings` of the database file at `path`, added to `report` (nothing when
    it cannot be read so: the checks before say why)."""
    found = read_look_only(path, lambda connection: stored_warnings(_selecting(connection)))
    report.warnings += found or []


def _selecting(connection: sqlite3.Connection) -> Select:
    return lambda query: list(connection.execute(query).fetchall())
