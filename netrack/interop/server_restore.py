"""`restore` into a server database: from a JSON export (what `backup` writes there), or
from a netrack backup file (`.db`, what `backup` writes for a SQLite file), so a user
moving to a server can bring their last backup along.

A backup file is never changed: it is verified, copied into a temporary folder, brought
to the current schema there and exported; that export is what is restored. Whatever the
server database held is saved first (a JSON export in the backups folder), then
replaced in one transaction: a file that cannot be read changes nothing.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

from netrack.data.merge_rows import MergeRows
from netrack.data.migrations import LATEST
from netrack.data.repo import Repo
from netrack.data.restore import copy_verified_backup, is_sqlite_file
from netrack.data.server import ServerAddress
from netrack.domain.errors import InputError
from netrack.interop import api, json_io
from netrack.interop.json_fields import load

Today = Callable[[], date]


def restore_server(address: ServerAddress, source: Path, today: Today) -> str:
    """Replace what the server database at `address` holds with `source` (a JSON export
    or a netrack backup file); the summary line."""
    with _as_export(source, today) as (export, kind):
        load(export)  # read whole first: a file cut short made a safety copy, then failed
        repo = Repo.open(address, clock=today)
        try:
            _refuse_another_schema(repo, address)
            _refuse_a_reader(repo, address)
            rows = MergeRows(repo.store)
            copy: Path | None = None
            try:
                with repo.writing():
                    # The copy under the lock it deletes with: a `log` saved between the
                    # two was in neither (it had said "logged").
                    if rows.holds_user_data():
                        copy = api.backup_server_file(repo, "before-restore")
                    rows.delete_everything()
                    done = api.import_report(repo, "json", export)
                    if done.records:  # all or nothing: raised here, the old data stays
                        count = len(done.records)
                        raise InputError(
                            f"{source} holds {count} record{'' if count == 1 else 's'} "
                            f"netrack refuses, first {done.records[0]}; nothing was "
                            "restored (import json brings in the rest and lists them)"
                        )
            except BaseException:
                # Nothing was replaced: the copy of what stays is not kept (a failed
                # command writes nothing; each refused attempt left one more file).
                if copy is not None:
                    copy.unlink(missing_ok=True)
                raise
        finally:
            repo.close()
    saved = f"; the previous data is saved as {copy}" if copy is not None else ""
    return f"restored {address} from {source}{kind}{saved}"


def _refuse_another_schema(repo: Repo, address: ServerAddress) -> None:
    """A restore replaces rows, not tables: into a database whose schema is not netrack's
    (an index dropped, a column added) it "succeeded" and left it as it was."""
    from netrack.data import server_mend, server_schema
    from netrack.data.server import schema_version

    db = repo.store.db
    version = schema_version(db)
    found = server_schema.difference(db, version)
    if found:
        raise InputError(
            f"{address}'s schema is not netrack's ({found}): a restore replaces its rows, "
            f"not its tables; nothing was restored; {server_mend.advice(db, version)}"
        )


def _refuse_a_reader(repo: Repo, address: ServerAddress) -> None:
    """A role that may not write (no grants, a read-only database or server): refused
    before the safety copy, which it would have written for nothing (and doctor then
    called the last backup)."""
    from netrack.data.server_rights import refuse_a_reader

    refuse_a_reader(repo.store.db, address, "nothing was restored")


@contextmanager
def _as_export(source: Path, today: Today) -> Iterator[tuple[Path, str]]:
    """(a JSON export of `source`, how it was read): the file itself, or the export of
    a backup file's copy (removed afterwards)."""
    if not is_sqlite_file(source):
        if not _looks_like_json(source):
            raise InputError(
                f"{source} is neither a netrack backup file (SQLite) nor a JSON export; "
                "restore reads one of those"
            )
        yield source, ""
        return
    with tempfile.TemporaryDirectory(prefix="netrack-restore-") as folder:
        copy = Path(folder) / "backup.db"
        version = copy_verified_backup(source, copy, LATEST)
        reader = Repo.open(copy, clock=today)  # brings an older schema up to date
        export = Path(folder) / "backup.json"
        try:
            with json_io.export_bytes(reader) as pieces, export.open("wb") as handle:
                for piece in pieces:
                    handle.write(piece)
        finally:
            reader.close()
        yield export, f" (a SQLite backup, schema {version})"


def _looks_like_json(source: Path) -> bool:
    """The file's first character (after any byte-order mark and blanks) opens a JSON
    object: a JSON export, perhaps a broken one that the import then names. A file that
    cannot be read is left to the import to report."""
    try:
        with open(Path(source).expanduser(), "rb") as handle:
            start = handle.read(64)
    except OSError:
        return True
    text = start.removeprefix(b"\xef\xbb\xbf").lstrip()
    return text[:1] == b"{"
