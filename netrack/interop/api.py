"""Import, export and backup over an open `Repo`: what the CLI and the TUI palette call.

Each function does one whole job and returns the summary a person reads; errors are
InputError (a bad file, a bad path) or StorageError (the database or the disk).
"""

from __future__ import annotations

import gc
import os
import uuid
from collections.abc import Iterable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from functools import partial
from pathlib import Path

from netrack.data.backup import backup_database, default_backup_path
from netrack.data.bulk import People
from netrack.data.bulk_orgs import Organizations
from netrack.data.db import RESTORE_HINT
from netrack.data.doctor_text import damage_in
from netrack.data.history import History
from netrack.data.repo import Repo
from netrack.domain.errors import InputError, StorageError
from netrack.domain.records import ImportSummary, OrgRecord, Person, Tally, located
from netrack.domain.visible import json_escaped, visible, visible_escaping_backslashes
from netrack.interop import (
    calendar,
    csv_io,
    ics,
    json_io,
    json_merge,
    linkedin_export,
    vcard,
    vcard_write,
)
from netrack.interop.export_leftovers import remove_stale_temporaries
from netrack.interop.file_guards import check_export_target, check_import_source
from netrack.interop.files import (
    is_stream,
    output_path,
    place,
    private_dir,
    spooled,
    temp_prefix,
    write_private,
    write_stream,
)

IMPORT_KINDS = ("linkedin", "vcard", "json", "ics")
EXPORT_FORMATS = ("json", "csv", "ics", "vcard")
DEFAULT_NAMES = {
    "json": "netrack-export-{day}.json",
    "csv": "netrack-csv-{day}",
    "ics": "netrack-follow-ups-{day}.ics",
    "vcard": "netrack-contacts-{day}.vcf",
}


def import_file(repo: Repo, kind: str, path: Path, me: str | None = None) -> str:
    """Read `path` completely, then write it in one transaction: all or nothing.
    Running the same import again adds nothing. `me`: the user's name in a LinkedIn
    messages.csv that does not show it. Returns the summary as the CLI prints it."""
    return str(import_report(repo, kind, path, me))


def import_report(repo: Repo, kind: str, path: Path, me: str | None = None) -> ImportSummary:
    """`import_file`, its summary as data (the TUI's summary screen shows it)."""
    with _no_cycle_collection():
        try:
            return _import(repo, kind, Path(path).expanduser(), me)
        except InputError as error:
            if str(path) != "-" or not str(error).startswith("-:"):
                raise
            # `-` is what was typed; the summary says "standard input", and so does this
            raise InputError(f"standard input{str(error)[1:]}") from None


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Python's cycle collector paused while an import runs.

    Why: an import makes hundreds of thousands of small objects (CSV rows, records,
    rows to insert) and none of them form cycles; the collector, triggered by every few
    hundred of them, walked the whole growing heap again and again: a third of the time
    of a 100,000-message import. Reference counting still frees everything as usual."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _import(repo: Repo, kind: str, path: Path, me: str | None) -> ImportSummary:
    if isinstance(repo.path, Path) and not is_stream(path):
        check_import_source(path, repo.path)  # before anything opens it: see there
    if kind == "linkedin":
        return _import_linkedin(repo, path, me)
    if kind == "ics":
        return calendar.import_ics(repo, path)
    if kind == "vcard":
        parsed = vcard.parse(path, repo.path if isinstance(repo.path, Path) else None)
        report = _merge_people(repo, path, parsed.people, parsed.organizations)
        report.tallies["contacts"].skipped.update(parsed.skipped)
        report.tallies["organizations"].skipped.update(parsed.skipped_organizations)
        report.damaged = parsed.damaged
        return report
    if kind == "json":
        return json_merge.import_json(repo, path)
    raise InputError(f"unknown import kind {kind!r} (known: {', '.join(IMPORT_KINDS)})")


def _import_linkedin(repo: Repo, path: Path, me: str | None) -> ImportSummary:
    """Connections, then messages, then invitations, in one transaction."""
    export = linkedin_export.read(path, repo.today(), me)
    tallies: dict[str, Tally] = {}
    dated: set[int] = set()
    with repo.writing():
        if export.people is not None:
            contacts, orgs, ids = _merge(repo, path, export.people)
            for row in export.unreadable:  # a date that is no date: that row, not the file
                contacts.tally.skip(row.reason, line=row.line, example=row.name)
            tallies = {"contacts": contacts.tally, "organizations": orgs.tally}
            dated = {
                cid
                for person, cid in zip(export.people, ids, strict=True)
                if id(person) in export.from_invitation
                and cid is not None
                and cid >= contacts.first_new
            }
        if export.messages or export.invitations:
            history = History()
            tallies.update(linkedin_export.log(export, history, dated))
            history.flush()
    return ImportSummary(path, tallies, damaged=export.damaged)


def _merge(
    repo: Repo,
    path: Path,
    people: Sequence[Person],
    organizations: Iterable[OrgRecord] = (),
    uids_in_file: bool = False,
) -> tuple[People, Organizations, list[int | None]]:
    """Merge and write the records (inside the caller's transaction); with each
    record's contact id (None when skipped), in order. `uids_in_file`: netrack's own
    vCard names contacts by uid (never one schema 13 derived from an id, which every
    history's contact of that id has)."""
    orgs = Organizations()
    for record in organizations:
        try:
            orgs.merge(record)
        except InputError as error:
            raise located(path, record.line, str(error)) from None
    contacts = People(orgs, repo.today(), uids_in_file=uids_in_file, derived_uids=False)
    contacts.read_ahead(people)  # the first pass: who is whom exactly, whatever the order
    ids: list[int | None] = []
    for person in people:
        try:
            ids.append(contacts.merge(person))
        except InputError as error:
            # A record the CLI would refuse is skipped and reported, never stored;
            # `merge` checks everything before it keeps anything (SPEC, Data).
            contacts.tally.skip(str(error), line=person.line, example=person.name)
            ids.append(None)
    contacts.flush()
    return contacts, orgs, ids


def _merge_people(
    repo: Repo,
    path: Path,
    people: Sequence[Person],
    organizations: Iterable[OrgRecord] = (),
) -> ImportSummary:
    with repo.writing():
        contacts, orgs, _ = _merge(repo, path, people, organizations, uids_in_file=True)
    return ImportSummary(path, {"contacts": contacts.tally, "organizations": orgs.tally})


def export(
    repo: Repo,
    fmt: str,
    out: str | os.PathLike[str] | None,
    force: bool = False,
    streams: bool = True,
) -> str:
    """Write an export to `out` (a folder for csv, a file otherwise), owner-only; a
    folder for a file format (an existing one, or a path ending in a separator) gets the
    default name inside it, and no `out` means that name in the current folder.
    Refused (InputError, nothing written): the database, its companion files, its
    backups folder, and an existing file or non-empty folder unless `force`."""
    if fmt not in EXPORT_FORMATS:
        raise InputError(f"unknown export format {fmt!r} (known: {', '.join(EXPORT_FORMATS)})")
    default = DEFAULT_NAMES[fmt].format(day=repo.today().isoformat())
    if fmt == "csv":
        folder = Path(default) if out is None else _non_empty(out)
        written, stayed = csv_io.export_csv(repo, folder, force)
        # A path may hold any byte but NUL: a newline in it stays on the one line
        return f"exported {len(written)} tables as CSV to {visible(str(folder))}/{stayed}"
    target = Path(default) if out is None else output_path(out, default)
    # `>(gzip > x.gz)`, /dev/fd/N, /dev/stderr; not from the TUI (`streams`), whose own
    # screen is the terminal: a file's text written over it
    if streams and out is not None and is_stream(target):
        with whole_export(repo, fmt) as (data, what):
            write_stream(target, data, on_terminal=partial(shown_on_terminal, fmt))
        return f"exported {what} to {visible(str(target))}"
    real = check_export_target(target, repo.path, force)
    stayed = remove_stale_temporaries(real)
    with export_data(repo, fmt) as (data, what):
        write_private(real, data, replace=force)
    return f"exported {what} to {visible(str(target))}{stayed}"


@contextmanager
def export_data(repo: Repo, fmt: str) -> Iterator[tuple[Iterable[bytes], str]]:
    """Within: a file format's export as pieces of bytes, with what it holds in words
    ("3 contact(s) as vCard 3.0"); `--out -` sends these bytes to standard output. JSON's
    pieces are read from the database as they are written (a history's export can be
    larger than the memory building it whole takes), so they are written in the block."""
    if fmt == "json":
        with json_io.export_bytes(repo) as pieces:
            yield pieces, f"everything (schema {repo.store.schema_version()})"
        return
    if fmt == "ics":
        count, data = ics.export_ics(repo)
        yield [data], f"{count} pending follow-up(s)"
        return
    if fmt == "vcard":
        contacts = repo.contacts.all()
        text = vcard_write.dumps(contacts)
        yield [text.encode("utf-8")], f"{len(contacts)} contact(s) as vCard 3.0 (archived left out)"
        return
    raise InputError(
        f"{fmt} cannot go to standard output (CSV is a folder of files); give --out DIR"
    )


@contextmanager
def whole_export(repo: Repo, fmt: str) -> Iterator[tuple[Iterable[bytes], str]]:
    """`export_data` for a pipe, a terminal or standard output: made to its end before
    its first byte goes there (see `spooled`), and its snapshot over before the writing
    begins, so a slow reader (`| less`) does not hold it."""
    with ExitStack() as held:
        with export_data(repo, fmt) as (pieces, what):
            whole = held.enter_context(spooled(pieces))
        yield whole, what


def shown_on_terminal(fmt: str, data: Iterable[bytes]) -> list[bytes]:
    """An export's bytes as a terminal gets them: no control character raw (SPEC), and
    still valid in its format. JSON gets the escapes `--format json` prints: the same
    document, every string the same (visible stand-ins made it invalid: `\\x9b`, and
    changed its text: DEL as ␡). vCard and iCalendar, which have no such escape, get
    stand-ins written as their text (`\\\\u202e`). A pipe or a file gets the bytes as
    they are: this is only read."""
    text = b"".join(data).decode("utf-8", "replace")
    if fmt == "json":
        return [json_escaped(text).encode("utf-8")]
    # CR LF as LF: the terminal ends each line so again, where it showed CR CR LF
    return [visible_escaping_backslashes(text.replace("\r\n", "\n")).encode("utf-8")]


def _non_empty(out: str | os.PathLike[str]) -> Path:
    if not os.fspath(out).strip():
        raise InputError("the output path must not be empty; give a file or folder name")
    return Path(out).expanduser()


def backup(repo: Repo, out: str | os.PathLike[str] | None = None, force: bool = False) -> str:
    """A verified online copy of the open database; `out` may be a file or a folder
    (default: a timestamped file in the data folder's backups/). The same checks as an
    export, except that a new file may go into the backups folder."""
    if repo.store.address is not None:
        return _backup_server(repo, out, force)
    _refuse_carried_damage(repo.path)
    stayed = ""  # a default backup's `.partial`: the next command removes it (db_files)
    if out is None:
        copy = backup_database(repo.store.db, repo.path)
    else:
        target = output_path(out, default_backup_path(repo.path).name)
        real = check_export_target(target, repo.path, force, new_backup=True, sqlite_copy=True)
        stayed = remove_stale_temporaries(real, backup="sqlite")
        _backup_to(repo, real, replace=force)
        copy = target
    size = copy.stat().st_size
    where = f"{visible(str(repo.path))} to {visible(str(copy))}"
    return f"backed up {where} ({size / 1024:.0f} KiB, integrity ok){stayed}"


def _refuse_carried_damage(path: Path) -> None:
    """No backup of a database holding values every command that reads them fails on:
    `restore` refuses such a copy, and `doctor` would name it the last backup."""
    carried = damage_in(path)
    if carried:
        raise StorageError(
            f"{visible(str(path))} holds {carried}, so no copy of it was made (restore "
            f"would refuse it); {RESTORE_HINT}"
        )


def _backup_server(repo: Repo, out: str | os.PathLike[str] | None, force: bool) -> str:
    """A server database's backup: its JSON export, by default a timestamped file in the
    backups folder of netrack's data folder (the server keeps its own files)."""
    from netrack.data.server_care import default_backup_file

    stayed = ""
    if out is None:
        target = real = backup_server_file(repo)
    else:
        assert repo.store.address is not None
        target = output_path(out, default_backup_file(repo.store.address).name)
        real = check_export_target(target, repo.path, force, new_backup=True)
        stayed = remove_stale_temporaries(real, backup="json")
        with json_io.export_bytes(repo) as pieces:
            write_private(real, pieces, replace=force)
    size = real.stat().st_size
    where = f"{repo.store.location} to {visible(str(target))}"
    return f"backed up {where} ({size / 1024:.0f} KiB, JSON export){stayed}"


def safety_copy(repo: Repo, reason: str) -> Path:
    """The copy kept before a change that removes data (a merge, `demo --replace`): the
    file's verified online copy, or a server database's JSON export (what `restore`
    reads there); both in the backups folder."""
    if repo.store.address is not None:
        return backup_server_file(repo, reason)
    return backup_database(repo.store.db, repo.path, reason=reason)


def backup_server_file(repo: Repo, reason: str = "") -> Path:
    """The JSON export of a server database, as a new timestamped file in the backups
    folder (named for `reason`, as `safety_copy` names a file's); returns its path."""
    from netrack.data.server_care import default_backup_file

    assert repo.store.address is not None
    target = default_backup_file(repo.store.address, reason)
    # The folder made before the export, which may take a while.
    with private_dir(target.parent), json_io.export_bytes(repo) as pieces:
        write_private(target, pieces, replace=False)
    return target


def _backup_to(repo: Repo, target: Path, replace: bool) -> None:
    """The copy is made under a new hidden name beside `target`, then moved into place,
    so an existing file is only ever replaced by a whole, verified copy (and only when
    asked); the hidden file is removed on any failure."""
    with private_dir(target.parent):
        hidden = target.parent / f"{temp_prefix(target.name)}{uuid.uuid4().hex[:12]}.new"
        try:
            backup_database(repo.store.db, repo.path, hidden)
            place(hidden, target, replace)
        except OSError as error:
            raise StorageError(f"cannot write {target}: {error.strerror or error}") from None
        finally:
            hidden.unlink(missing_ok=True)
