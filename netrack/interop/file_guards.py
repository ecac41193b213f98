"""Where data may go and come from: a path the user typed is checked before anything is
opened or written. Never the database, its -wal/-shm/-journal files or its backups
(by name, through a link or by inode), never an existing file unless asked (--force);
a path the system cannot use at all is one clear error naming it. Writing: files.py.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from pathlib import Path
from typing import ParamSpec, TypeVar

from netrack.data.db_files import same_file
from netrack.data.restore import is_sqlite_file
from netrack.domain.errors import InputError
from netrack.locations import backups_dir

COMPANIONS = ("", "-wal", "-shm", "-journal")  # SQLite's files for one database


P = ParamSpec("P")
R = TypeVar("R")


def path_errors(function: Callable[P, R]) -> Callable[P, R]:
    """A path the system cannot use at all (a name too long, a NUL byte, a folder that
    may not be looked into) becomes an InputError naming it, not a crash."""

    @functools.wraps(function)
    def checked(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return function(*args, **kwargs)
        except PieceFailed as failed:  # the data's, not the path's: raised as it was
            assert failed.__cause__ is not None
            raise failed.__cause__ from None
        except ValueError:  # what os functions raise for a NUL byte
            raise InputError("the output path contains a NUL character") from None
        except OSError as error:
            raise InputError(
                f"{args[0]}: cannot use this path ({error.strerror or error})"
            ) from None

    return checked


class PieceFailed(Exception):
    """What reading a piece of the data raised (a value of another type in the
    database): carried past `path_errors`, which takes a ValueError for a NUL byte in
    the path, then raised as it was."""


class TargetExists(InputError):
    """The output file or folder exists and replacing it was not asked for (--force)."""

    def __init__(self, target: Path, what: str = "already exists") -> None:
        super().__init__(f"{target} {what}; choose another path or add --force")
        self.target = target


def real_path(path: Path) -> Path:
    """`path` absolute with every symbolic link followed (the last one may dangle)."""
    return Path(os.path.realpath(Path(path).expanduser()))


def _protected(db_path: Path) -> tuple[dict[Path, str], list[Path]]:
    """The database's files (path → what it is) and its backups folders, each as named
    and as it really is (the database may itself be reached through a link)."""
    named = Path(db_path).expanduser().absolute()
    bases = {named, real_path(named)}
    files = {
        Path(f"{base}{suffix}"): f"the database's {suffix[1:]} file" if suffix else "the database"
        for base in bases
        for suffix in COMPANIONS
    }
    return files, [real_path(backups_dir(base)) for base in bases]


def _database_role(real: Path, db_path: Path) -> str | None:
    """Which of the database's files the real path `real` is ("the database (/x/n.db)"),
    by name, through a link or by inode; None for any other file. A companion's name
    beside another name of the database file counts too: SQLite keeps `alias.db-wal` for
    whoever opens the hard link alias.db, so a backup written there was taken for a
    foreign WAL on the next open, and with --force it replaced a live one."""
    files, _ = _protected(db_path)
    for file, what in files.items():
        if real == real_path(file) or same_file(real, file):
            return f"{what} ({file})"
    for suffix in COMPANIONS[1:]:
        stem = real.name.removesuffix(suffix)
        if stem not in ("", real.name) and same_file(base := real.with_name(stem), db_path):
            return f"the database's {suffix[1:]} file ({real}: {base.name} is the database)"
    return None


def _backup_by_inode(real: Path, folders: list[Path]) -> Path | None:
    """The file in the backups `folders` that `real` is under another name (a hard
    link), or None. Nothing is opened, only looked at."""
    try:
        mark = real.stat()
    except OSError:  # not there (yet): nothing it could be
        return None
    for folder in folders:
        try:
            entries = list(os.scandir(folder))
        except OSError:  # no backups folder yet
            continue
        for entry in entries:
            try:
                seen = entry.stat(follow_symlinks=False)
            except OSError:  # gone since the folder was read
                continue
            if (seen.st_dev, seen.st_ino) == (mark.st_dev, mark.st_ino):
                return Path(entry.path)
    return None


def _refuse_database(target: Path, real: Path, db_path: Path) -> list[Path]:
    """InputError when `real` is one of the database's files (by name or by inode);
    returns the backups folders."""
    found = _database_role(real, db_path)
    if found is not None:
        raise InputError(f"{target} is {found}; choose another path")
    return _protected(db_path)[1]


@path_errors
def check_import_source(source: Path, db_path: Path) -> None:
    """InputError when `source` is the database at `db_path` or one of its files, by name
    or by inode, before it is opened: on Linux, closing any descriptor of the database
    file drops every lock this process holds on it, SQLite's included. The TUI's palette
    imported its own database file (refused: not UTF-8), and the next `netrack` command,
    taking itself for the only user, deleted the -wal the TUI went on writing to: every
    later write of that session was lost while it said saved."""
    found = database_file(source, db_path)
    if found is not None:
        raise InputError(f"{source} is {found}; give a file to import")


def database_file(source: Path, db_path: Path) -> str | None:
    """Which of the database's files at `db_path` `source` is, by name, through a link or
    by inode ("the database (/x/n.db)", "the database's wal file (…)"); None for any
    other file. Nothing is opened: see `check_import_source`."""
    return _database_role(real_path(Path(source).expanduser()), db_path)


@path_errors
def check_export_target(
    target: Path,
    db_path: Path,
    force: bool = False,
    *,
    new_backup: bool = False,
    sqlite_copy: bool = False,
) -> Path:
    """The real file to write for `target` (a symbolic link is followed, so the link stays
    and the file it points to gets the content). InputError when `target` is the database
    at `db_path` or one of its -wal/-shm/-journal files, lies in its backups folder (a
    `new_backup` may go there, but never over an existing file), is one of its backups
    under another name (a hard link), is a folder or a device, is a SQLite file and what
    is written is not itself a SQLite database (`sqlite_copy`: a file's backup), or
    already exists and `force` is not set."""
    target = Path(target).expanduser()
    real = real_path(target)
    if real.is_symlink():
        raise InputError(f"{target} is a symbolic link that leads nowhere (a loop)")
    folders = _refuse_database(target, real, db_path)
    for folder in folders:
        if real.is_relative_to(folder) and not (new_backup and not real.exists()):
            raise InputError(f"{target} is in the backups folder {folder}; choose another path")
    backup = _backup_by_inode(real, folders)
    if backup is not None:
        raise InputError(f"{target} is the backup {backup} under another name; choose another path")
    if real.is_dir():
        raise InputError(f"{target} is a folder; give a file name")
    if real.exists() and not real.is_file():
        raise InputError(f"{target} is not a regular file; choose another path")
    if real.exists() and not sqlite_copy and is_sqlite_file(real):
        # `--force` replaced a backup made with `backup --out`, or another database
        # (the help says: never the database or a backup). A server's backup is a JSON
        # export, so it is refused here too: it wrote over a laptop's whole history.
        raise InputError(
            f"{target} is a SQLite database (a backup, or another database): an export "
            "never replaces one; choose another path"
        )
    if real.exists() and not force:
        raise TargetExists(target)
    return real


@path_errors
def check_export_folder(target: Path, db_path: Path, force: bool, expected: set[str]) -> Path:
    """The real folder a set of files (named `expected`) is written to for `target`.
    InputError when it holds or is the database, is (in) its backups folder, is a file,
    or already holds files: then only with `force`, and only if every file in it is one
    of `expected` (an earlier export of the same set)."""
    target = Path(target).expanduser()
    real = real_path(target)
    _refuse_database(target, real, db_path)
    files, folders = _protected(db_path)
    for folder in folders:
        if real.is_relative_to(folder):
            raise InputError(f"{target} is in the backups folder {folder}; choose another folder")
    for protected in (*map(real_path, files), *folders):
        if protected.is_relative_to(real):
            raise InputError(f"{target} holds netrack's database or backups; choose another folder")
    if real.exists() and not real.is_dir():
        raise InputError(f"{target} is a file; give a folder")
    try:
        present = {entry.name for entry in real.iterdir()} if real.is_dir() else set()
    except OSError as error:
        raise InputError(f"cannot read the folder {target}: {error.strerror}") from None
    # Other files first: the palette, told "is not empty", offered to replace the folder
    # on a second enter, then refused, naming a flag it does not have.
    if present - expected or any(not (real / name).is_file() for name in present):
        raise InputError(
            f"{target} holds other files; choose another folder (only one holding an "
            "earlier export of these files is replaced)"
        )
    if present and not force:
        raise TargetExists(target, "is not empty")
    return real
