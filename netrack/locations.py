"""Where netrack keeps its files. Functions, not constants: nothing is touched at import."""

from __future__ import annotations

import os
import re
from pathlib import Path

SERVER_SCHEMES = ("postgresql://", "postgres://")


def data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("netrack", appauthor=False))


def is_server_url(text: str) -> bool:
    """A PostgreSQL URL (`postgresql://…`), not a file name."""
    return text.strip().lower().startswith(SERVER_SCHEMES)


def default_db_path() -> Path | str:
    """`NETRACK_DB` (a file, or a postgresql:// URL, returned as text), else `netrack.db`
    in the platform's user data directory."""
    env = os.environ.get("NETRACK_DB")
    if env and is_server_url(env):
        return env
    return Path(env).expanduser() if env else data_dir() / "netrack.db"


def backups_dir(db_path: Path) -> Path:
    return db_path.parent / "backups"


# What follows a database's stem in its backups' names (`backup.default_backup_path`):
# the date and time, microseconds, then why it was made ("-before-restore").
STAMPED = r"-\d{8}-\d{6}(-\d+)?(-[a-z][a-z0-9-]*)?"


def is_kept_backup(path: Path) -> bool:
    """Whether `path` (or the file a link at it names) is one of the copies netrack
    keeps: a file named as `backup.default_backup_path` names them, in a folder
    `backups`. Here, not with the backups' writing: every open asks it, and writing
    them loads what only a copy needs (signals, temporary files)."""
    for candidate in (path, Path(os.path.realpath(path))):
        if candidate.parent.name == "backups" and re.fullmatch(rf".+{STAMPED}\.db", candidate.name):
            return True
    return False


def backup_stem(db_path: Path) -> str:
    """What a database's backups are named after: `proj` for proj.db, the whole name
    otherwise (`proj.sqlite`), so two databases of one stem in a folder never take
    each other's backups for their own."""
    return db_path.stem if db_path.suffix == ".db" else db_path.name


def no_such_file(path: Path) -> str:
    """A missing file, said with the folder a relative path was looked for in (the TUI's
    import dialog reads it from the folder netrack was started in)."""
    path = Path(path)
    try:
        folder = None if path.is_absolute() else Path.cwd()
    except OSError:  # the folder it was started in is gone
        folder = None
    return f"{path}: no such file" + (f" in {folder}" if folder is not None else "")
