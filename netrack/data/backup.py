"""Consistent copies of the live database with SQLite's online backup API."""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime
from pathlib import Path

from peewee import SqliteDatabase

from netrack.data.db import create_private_file, ensure_private_dir
from netrack.domain.errors import StorageError
from netrack.locations import backups_dir


def default_backup_path(db_path: Path, reason: str = "") -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    suffix = f"-{reason}" if reason else ""
    return backups_dir(db_path) / f"{db_path.stem}-{stamp}{suffix}.db"


def backup_database(
    db: SqliteDatabase, db_path: Path, out: Path | None = None, reason: str = ""
) -> Path:
    """Copy the open database to `out` (default: a timestamped file in `backups/`),
    verify the copy's integrity and keep it owner-only. Returns the copy's path."""
    target = Path(out) if out is not None else default_backup_path(db_path, reason)
    if target.exists():
        raise StorageError(f"{target} already exists; choose another --out")
    ensure_private_dir(target.parent)
    create_private_file(target)
    try:
        destination = sqlite3.connect(str(target))
        try:
            db.connection().backup(destination)
            check = destination.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            destination.close()
    except sqlite3.Error as error:
        target.unlink(missing_ok=True)
        raise StorageError(f"backup to {target} failed: {error}") from None
    if check != "ok":
        target.unlink(missing_ok=True)
        raise StorageError(f"backup to {target} failed its integrity check: {check}")
    os.chmod(target, 0o600)
    return target
