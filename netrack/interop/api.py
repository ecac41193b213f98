"""Import, export and backup over an open `Repo`: what the CLI and the TUI palette call.

Each function does one whole job and returns the summary a person reads; errors are
InputError (a bad file, a bad path) or StorageError (the database or the disk).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from netrack.data.backup import backup_database
from netrack.data.repo import Repo
from netrack.domain.errors import InputError
from netrack.interop import csv_io, ics, json_io, json_merge, linkedin, vcard
from netrack.interop.files import write_private
from netrack.interop.records import OrgRecord, Person, located, summary
from netrack.interop.store import Organizations, People

IMPORT_KINDS = ("linkedin", "vcard", "json")
EXPORT_FORMATS = ("json", "csv", "ics", "vcard")


def import_file(repo: Repo, kind: str, path: Path) -> str:
    """Read `path` completely, then write it in one transaction: all or nothing.
    Running the same import again adds nothing."""
    path = Path(path).expanduser()
    if kind == "linkedin":
        return _merge_people(repo, path, linkedin.parse(path))
    if kind == "vcard":
        parsed = vcard.parse(path)
        return _merge_people(repo, path, parsed.people, parsed.organizations, parsed.skipped)
    if kind == "json":
        return json_merge.import_json(repo, path)
    raise InputError(f"unknown import kind {kind!r} (known: {', '.join(IMPORT_KINDS)})")


def _merge_people(
    repo: Repo,
    path: Path,
    people: Iterable[Person],
    organizations: Iterable[OrgRecord] = (),
    skipped: Counter[str] | None = None,
) -> str:
    with repo.writing():
        orgs = Organizations()
        for record in organizations:
            try:
                orgs.merge(record)
            except InputError as error:
                raise located(path, record.line, str(error)) from None
        contacts = People(orgs, repo.today())
        for person in people:
            try:
                contacts.merge(person)
            except InputError as error:
                raise located(path, person.line, str(error)) from None
        contacts.flush()
    contacts.tally.skipped.update(skipped or Counter())
    return summary(path, {"contacts": contacts.tally, "organizations": orgs.tally})


def export(repo: Repo, fmt: str, out: Path) -> str:
    """Write an export to `out` (a folder for csv, a file otherwise), owner-only."""
    out = Path(out).expanduser()
    if fmt == "json":
        document = json_io.export_json(repo)
        target = write_private(out, document.encode("utf-8"))
        return f"exported everything (schema {json_io.schema_of(document)}) to {target}"
    if fmt == "csv":
        written = csv_io.export_csv(repo, out)
        return f"exported {len(written)} tables as CSV to {out}/"
    if fmt == "ics":
        count, data = ics.export_ics(repo)
        target = write_private(out, data)
        return f"exported {count} pending follow-up(s) to {target}"
    if fmt == "vcard":
        contacts = repo.list_contacts()
        target = write_private(out, vcard.dumps(contacts).encode("utf-8"))
        return f"exported {len(contacts)} contact(s) as vCard 3.0 to {target} (archived left out)"
    raise InputError(f"unknown export format {fmt!r} (known: {', '.join(EXPORT_FORMATS)})")


def backup(repo: Repo, out: Path | None = None) -> str:
    """A verified online copy of the open database; `out` may be a file or a folder
    (default: a timestamped file in the data folder's backups/)."""
    target = Path(out).expanduser() if out is not None else None
    if target is not None and target.is_dir():
        from netrack.data.backup import default_backup_path

        target = target / default_backup_path(repo.path).name
    copy = backup_database(repo.db, repo.path, target)
    size = copy.stat().st_size
    return f"backed up {repo.path} to {copy} ({size / 1024:.0f} KiB, integrity ok)"
