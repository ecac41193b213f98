"""The CLI's interop commands: `import`, `export`, `backup`, `restore`.

`cli.py` calls `<name>(args, db_path, today)` and prints the returned summary; errors
are InputError / StorageError, which it turns into one line and exit 2, or
OutputNotWritten (an export that did not get out whole): one line and exit 1.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from datetime import date
from pathlib import Path

from netrack.cli_output import say
from netrack.data.db_files import is_missing, remove_new_database
from netrack.data.repo import Repo
from netrack.data.server import ServerAddress
from netrack.data.writes import placing
from netrack.domain.errors import InputError, NetrackError, OutputNotWritten, StorageError
from netrack.domain.visible import visible
from netrack.interop import api
from netrack.interop.files import is_standard_output, is_stream, write_whole
from netrack.interop.reading import is_standard_stream
from netrack.locations import no_such_file

Today = Callable[[], date]
DEFAULT_NAMES = api.DEFAULT_NAMES


@contextmanager
def _repo(
    db_path: Path | ServerAddress, today: Today, verify: bool = False, reading: bool = False
) -> Iterator[Repo]:
    """The command's repository; a database it made is removed again if the command
    fails while it holds nothing (an import of a file netrack refuses). `reading`: an
    export or a backup, which read a database netrack cannot write all the same, and
    refuse one that is not there."""
    made = isinstance(db_path, Path) and is_missing(db_path)
    if made and reading:  # a mistyped --db: an empty export or backup said it was done
        raise InputError(f"no database at {visible(str(db_path))}: nothing to export or back up")
    try:
        repo = Repo.open(db_path, clock=today, verify=verify, reading=reading)
    except BaseException:
        if made:
            from netrack.data.opening import discard_unfinished

            discard_unfinished(db_path)  # type: ignore[arg-type]  # a Path when made
        raise
    failed = True
    try:
        yield repo
        failed = False
    finally:
        discard = failed and made and repo.holds_nothing()
        repo.close()
        if discard:
            remove_new_database(db_path)  # type: ignore[arg-type]  # a Path when made


def _import(kind: str, args: argparse.Namespace, db_path: Path, today: Today) -> str:
    source = Path(args.file)
    if not is_standard_stream(args.file) and not source.exists():
        # Said before the database is opened: a first command's typo makes none.
        raise InputError(no_such_file(source))
    # A bulk write: read every page first, so a damaged database is refused up front.
    with _repo(db_path, today, verify=True) as repo:
        return api.import_file(repo, kind, source, me=getattr(args, "me", None))


def import_linkedin(args: argparse.Namespace, db_path: Path, today: Today) -> str:
    return _import("linkedin", args, db_path, today)


def import_vcard(args: argparse.Namespace, db_path: Path, today: Today) -> str:
    return _import("vcard", args, db_path, today)


def import_ics(args: argparse.Namespace, db_path: Path, today: Today) -> str:
    return _import("ics", args, db_path, today)


def import_json(args: argparse.Namespace, db_path: Path, today: Today) -> str:
    return _import("json", args, db_path, today)


def _out(args: argparse.Namespace) -> str | None:
    """--out as typed (a trailing separator means a folder, so no Path yet); refused
    before the database is opened when it is empty."""
    out: str | None = args.out
    if out is not None and not out.strip():
        raise InputError("--out must not be empty; give a file or folder name")
    return out


def export(args: argparse.Namespace, db_path: Path, today: Today) -> str | None:
    """Without --out, the export lands in the current folder, named after today; with
    `--out -` its bytes go to standard output and the summary to standard error."""
    out = _out(args)
    if out is not None and not is_standard_stream(out) and is_standard_output(out):
        out = "-"  # /dev/fd/1 and the like: its summary must not go into the data
    if out is not None and args.format == "csv":
        # `/dev/null` is no pipe: said as what it is (a device, a terminal, a pipe)
        where = "standard output" if is_standard_stream(out) else visible(str(out))
        if is_standard_stream(out) or is_stream(Path(out)):
            raise InputError(f"csv cannot go to {where} (CSV is a folder of files); give --out DIR")
    from netrack.data.backup import interrupt_on_sigterm

    with _repo(db_path, today, reading=True) as repo:
        if out is not None and is_standard_stream(out):
            if sys.stdout is None:
                raise OutputNotWritten(
                    "standard output is closed",
                    consequence="nothing was exported (give --out FILE)",
                )
            _to_standard_output(repo, args.format)
            return None
        # a file for the user: its words if interrupted (cli.stopped); `kill` or a closed
        # terminal removes its temporary file (or folder of CSV files) as Ctrl-C does
        with interrupt_on_sigterm(), placing(database_unchanged=True):
            return api.export(repo, args.format, out, force=args.force)


def _to_standard_output(repo: Repo, fmt: str) -> None:
    """The export's bytes on standard output, made whole first; its summary on standard
    error (the output is the data)."""
    from netrack.data.backup import interrupt_on_sigterm

    # `kill` or a closed terminal while the export is made (its spool first): unwound as
    # Ctrl-C is, so the database is closed and left one file
    with interrupt_on_sigterm(), api.whole_export(repo, fmt) as (data, what):
        if sys.stdout.isatty():
            data = api.shown_on_terminal(fmt, data)
        sys.stdout.flush()
        # a full disk, a file size limit, a reader gone: OutputNotWritten, exit 1
        write_whole(sys.stdout.buffer, data, "the output")
    say(f"exported {what} to standard output", sys.stderr)


def backup(args: argparse.Namespace, db_path: Path, today: Today) -> str:
    out = _out(args)
    if out is not None and (is_standard_stream(out) or is_stream(Path(out))):
        # A backup is a file for `restore` to read back: a pipe keeps nothing of it.
        if isinstance(db_path, ServerAddress):  # no database file there (SPEC)
            raise InputError(
                "a server's backup is a JSON export kept as a file: give --out FILE, not "
                "a pipe (netrack export json --out - sends the same export to standard "
                "output)"
            )
        raise InputError("a backup is a database file: give --out FILE, not a pipe")
    from netrack.data.backup import interrupt_on_sigterm

    # From the hidden copy's first byte until it takes its name: SIGTERM and SIGHUP too
    with (
        _repo(db_path, today, reading=True) as repo,
        interrupt_on_sigterm(),
        placing(database_unchanged=True),
    ):
        return api.backup(repo, out, force=args.force)


def restore(args: argparse.Namespace, db_path: Path, today: Today) -> str:
    from netrack.data.backup import interrupt_on_sigterm
    from netrack.data.migrations import LATEST
    from netrack.data.restore import restore_database
    from netrack.data.server import ServerAddress

    if not args.file.strip():  # as Path(""), ".": "`.` is a folder, not a backup file"
        raise InputError("restore needs a backup file: the name given is empty")
    if isinstance(db_path, ServerAddress):
        return _restore_server(args, db_path, today)
    # In place: restored, even if the check after it is interrupted. A Ctrl-C or SIGTERM
    # held back by the restore is let through once the restore is counted as saved
    # (`held` after `placing`), SIGTERM still raising then (not the default action,
    # which ended the process without a word).
    with interrupt_on_sigterm():  # to the end: the check after it is said too
        with ExitStack() as held, placing():
            version, safety = restore_database(Path(args.file), db_path, LATEST, held)
        saved = f"; the previous database is saved as {visible(str(safety))}" if safety else ""
        try:  # migrates an older backup, checks the result
            Repo.open(db_path, clock=today, verify=True).close()
        except NetrackError as error:
            # Replaced already: "the database was left as it was" (the upgrade's own
            # words) hid that it holds the backup now, and where the old one went
            raise StorageError(
                f"restored {visible(str(db_path))} from {visible(str(args.file))}, but "
                f"then: {error}{saved}"
            ) from None
    upgraded = f", upgraded to {LATEST}" if version < LATEST else ""
    return (
        f"restored {visible(str(db_path))} from {visible(str(args.file))} "
        f"(schema {version}{upgraded}){saved}"
    )


def _restore_server(args: argparse.Namespace, address: ServerAddress, today: Today) -> str:
    from netrack.interop.server_restore import restore_server

    return restore_server(address, Path(args.file), today)
