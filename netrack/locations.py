"""Where netrack keeps its files. Functions, not constants: nothing is touched at import."""

from __future__ import annotations

import os
from pathlib import Path


def data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("netrack", appauthor=False))


def default_db_path() -> Path:
    """`--db`, else `NETRACK_DB`, else `netrack.db` in the platform's user data directory."""
    env = os.environ.get("NETRACK_DB")
    return Path(env).expanduser() if env else data_dir() / "netrack.db"


def backups_dir(db_path: Path) -> Path:
    return db_path.parent / "backups"
