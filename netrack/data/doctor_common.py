"""What every check of `netrack doctor` works with: the `Report` it adds its lines and
problems to, the look-only connection it reads the database through (no `-wal` nor
`-shm` left behind, a WAL that does not belong to the file never read), and the copy of
the database a fix that changes rows makes first.

Apart from doctor.py, which runs the checks, so that a check kept in a module of its own
(doctor_wal, doctor_files, doctor_text, server_care) needs only this, never the module
that imports it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from netrack.data.db import file_uri
from netrack.data.db_files import companion
from netrack.data.doctor_wal import unvouched_wal
from netrack.domain.visible import visible

T = TypeVar("T")


@dataclass
class Report:
    """Lines to show, and the problems among them (each one line with what to do).
    Warnings say what to do but are no failure (a running TUI may hold a WAL)."""

    lines: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    fixed: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # Damage `backup` refuses to copy (pages, or values a command fails on): the
    # backups line then advises no `netrack backup`, the problems say what to do.
    damaged: bool = False

    def add(self, label: str, value: str) -> None:
        self.lines.append(f"{label:<13} {visible(value)}")

    def add_tables(self, tables: Sequence[tuple[str, int, int]]) -> None:
        """A `table:` line for each (name, rows, bytes), its figures in columns of their
        own: a table's name as the label pushed the longer ones' figures out of line
        (`strength_change: 48 rows` under `setting:      1 rows`)."""
        names = max((len(name) for name, _, _ in tables), default=0)
        counts = max((len(f"{rows:,}") for _, rows, _ in tables), default=0)
        sizes = [size_text(size) for _, _, size in tables]
        widest = max(map(len, sizes), default=0)
        for (name, rows, _), size in zip(tables, sizes, strict=True):
            noun = "row" if rows == 1 else "rows"
            self.add("table:", f"{name:<{names}}  {rows:>{counts},} {noun:<4}  {size:>{widest}}")

    def text(self) -> str:
        """One line per entry: a path's newline is shown as ␊ (as every command shows
        text from outside), never a break that would read as another entry."""
        out = list(self.lines)
        out += [f"fixed:        {visible(line)}" for line in self.fixed]
        out += [f"warning:      {visible(line)}" for line in self.warnings]
        out += [f"problem:      {visible(line)}" for line in self.problems]
        if not self.problems:
            out.append("no problems (see the warning above)" if self.warnings else "all good")
        return "\n".join(out)

    def summary(self) -> str:
        count = len(self.problems)
        return f"doctor found {count} problem{'s' if count != 1 else ''} (see above)"


def size_text(count: int) -> str:
    """`count` bytes as doctor says a size (the file's, its backups', a server table's)."""
    size = float(count)
    for unit in ("bytes", "KiB", "MiB", "GiB"):
        if size < 1024 or unit == "GiB":
            return f"{size:.0f} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1024
    return str(size)


def copy_before_fix(path: Path) -> Path:
    """The copy of the database a fix that changes rows makes first."""
    from netrack.data.backup import safety_copy

    return safety_copy(path, reason="before-fix")


def look_uri(path: Path) -> str:
    """The URI of `look_only`'s connection. Unlike `db.look_only_uri`, a `-wal` that
    does not belong to the file (`unvouched_wal`) is not read: the file opens immutable."""
    if not companion(path, "-wal").exists() or unvouched_wal(path):
        return file_uri(path, "mode=ro&immutable=1")
    return file_uri(path, "mode=ro")


def read_look_only(path: Path, read: Callable[[sqlite3.Connection], T]) -> T | None:
    """`read` on a look-only connection to `path`, closed after; None when the file
    cannot be read that way (the integrity check has said why)."""
    try:
        connection = look_only(path)
        try:
            return read(connection)
        finally:
            connection.close()
    except sqlite3.Error:
        return None


def look_only(path: Path) -> sqlite3.Connection:
    """A read-only connection that leaves no trace. Opening a WAL database read-only
    creates its `-wal` and `-shm` and leaves them behind; when there is no WAL (the state
    every netrack command leaves), nothing can be unmerged, so the file is read as
    immutable and no companion file appears."""
    return sqlite3.connect(look_uri(path), uri=True, check_same_thread=False)
