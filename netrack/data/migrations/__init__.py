"""Numbered schema migrations. Each step moves the schema from N-1 to N inside one
transaction, after an automatic backup; a database from a newer netrack is refused."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from pathlib import Path

from peewee import SqliteDatabase

from netrack.data import db as dbmod
from netrack.domain.errors import StorageError

# Steps in order: index i upgrades version i to i+1.
STEPS: tuple[str, ...] = ("m001_initial",)
LATEST = len(STEPS)


def _step(name: str) -> Callable[[SqliteDatabase], None]:
    module = importlib.import_module(f"netrack.data.migrations.{name}")
    return module.upgrade  # type: ignore[no-any-return]


def has_user_tables(db: SqliteDatabase) -> bool:
    return bool(db.get_tables())


def upgrade(db: SqliteDatabase, path: Path) -> int:
    """Bring the database to LATEST; returns the version it was at."""
    version = dbmod.schema_version(db)
    if version > LATEST:
        raise StorageError(
            f"{path} was written by a newer netrack (schema {version}, this one knows "
            f"{LATEST}); upgrade netrack to open it"
        )
    if version == LATEST:
        return version
    if version > 0 or has_user_tables(db):
        from netrack.data.backup import backup_database

        backup_database(db, path, reason=f"before-migration-v{version}")
    for index in range(version, LATEST):
        try:
            with db.atomic():
                _step(STEPS[index])(db)
                dbmod.set_schema_version(db, index + 1)
        except StorageError:
            raise
        except Exception as error:
            raise StorageError(
                f"upgrading {path} to schema {index + 1} failed ({error}); "
                "the database was left as it was"
            ) from None
    return version
