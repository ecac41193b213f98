"""The command line: a thin front door over `netrack.data.repo`.

Kept light on purpose: `netrack log …` must start in a blink, so Textual is imported
only by the commands that open the TUI, and interop modules only by their commands.
Handlers live in `cli_commands` (`cli_launch` for the two that open the TUI), the parser
in `cli_parser`, reading the tokens with it in `cli_tokens`, the opening and closing of a
command's database in `cli_session`; here: errors → exit codes.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from netrack import startup
from netrack.cli_launch import AppCrashed, cmd_tui, has_terminal
from netrack.cli_output import error, json_for, print_output, silence_stdout, tolerant_streams
from netrack.cli_session import close_opened, db_path_of, missing_note, new_databases_to_remove
from netrack.cli_tokens import (
    check_empty_dates,
    check_text_arguments,
    check_time_duration,
    glue_relative_dates,
    help_text,
    parse,
)
from netrack.data.errors import LOW_LEVEL_ERRORS
from netrack.domain.errors import (
    HungUp,
    NetrackError,
    OutputNotWritten,
    Terminated,
    Unmatched,
    UsageError,
)

if TYPE_CHECKING:
    import argparse

EXIT_OK, EXIT_FAIL, EXIT_INPUT = 0, 1, 2
# Ctrl-C or `kill`: every write is one transaction, rolled back, and every file written
# is placed whole or not at all, so the one under way left nothing behind.
STOPPED_UNSAVED = "{how}; the change under way was not saved"
STOPPED_UNCHANGED = "{how}; nothing was changed"


def run() -> int:
    """The `netrack` process (console script, `python -m netrack`): `main` on its command
    line, with the garbage collector kept off start-up's objects (see netrack.startup)."""
    try:
        with startup.loading():
            return main()
    except KeyboardInterrupt:  # while closing, after the command said what it did
        return 130


def stopped(how: str) -> str:
    """What a command stopped by a signal (`how`) tells: whether its change was saved.
    A commit that finished before the signal stands, whatever came after it; a command
    that began no change (a read, or a write not yet begun) changed nothing."""
    module = sys.modules.get("netrack.data.writes")  # not loaded: nothing was written
    writes = getattr(module, "Writes", None)
    # Removed already, or by `close_opened` once this is said: a database the command
    # made and never wrote in goes, its upgrade on opening (its creation) with it.
    gone = [*(writes.discarded if writes else ()), *map(str, new_databases_to_remove(True))]
    if gone and (writes is None or writes.committed <= (1 if writes.upgraded else 0)):
        return f"{how}; {', '.join(dict.fromkeys(gone))} was not created"
    if writes is None or not writes.begun:
        return STOPPED_UNCHANGED.format(how=how)
    if writes.all_saved():
        if writes.upgraded and writes.begun == 1:  # a read, or a write not yet begun
            return f"{how} after {writes.upgraded}"
        return f"{how} after the change was saved"
    if writes.begun == writes.files_begun:  # an export's or a backup's file alone
        return f"{how}; the file under way was not written (the database is as it was)"
    return STOPPED_UNSAVED.format(how=how)


def _saved_a_change() -> bool:
    module = sys.modules.get("netrack.data.writes")  # not loaded: nothing was written
    writes = getattr(module, "Writes", None)
    return bool(writes and writes.saved_a_change())


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command (`argv`, or the process's own); returns the exit status."""
    os.umask(0o077)  # everything netrack creates is the owner's alone
    tolerant_streams()
    code = EXIT_FAIL
    try:
        code = _run(argv)
        return code
    finally:
        if note := missing_note():  # the command did not fail on it: said on its own
            error(f"netrack: {note}")
        # Every command leaves one self-contained file: the last connection to close
        # folds the WAL into the database and removes it (SPEC, Data and safety).
        for unmerged in close_opened(failed=code != EXIT_OK):
            error(f"netrack: {unmerged}")


def _run(argv: Sequence[str] | None) -> int:
    tokens = glue_relative_dates(sys.argv[1:] if argv is None else argv)
    args: argparse.Namespace | None = None
    try:
        tokens = check_text_arguments(tokens)
        check_time_duration(tokens)
        # A bare `netrack [--db PATH]` is read without building the parser (`parse`):
        # the TUI's first paint has no margin left against issue 4's 1.3×.
        args = parse(tokens)
        check_empty_dates(args)
        # `netrack </dev/null | cat`: a screen drawn into a pipe would never end.
        no_screen = args.func is cmd_tui and not has_terminal()
        output = help_text() if no_screen else args.func(args)
        if output:
            if getattr(args, "format", None) == "json" and sys.stdout is not None:
                output = json_for(output, sys.stdout)
            print_output(output)
    except OutputNotWritten as lost:
        # One status for output that did not get out whole, whatever the command: 1.
        silence_stdout()  # what is still buffered goes nowhere, not into an error at exit
        if _saved_a_change():
            # Exit 0: the change stands, and a script that retried a failure would log
            # the interaction a second time.
            error(f"netrack: saved, but its confirmation could not be printed: {lost.reason}")
            return EXIT_OK
        error(f"netrack: {lost}")
        return EXIT_FAIL
    except BrokenPipeError:
        # `netrack contact list | head`: the reader took what it wanted and left; quiet
        # and 0, as `ls | head` is in a shell. Never an export's: `write_whole` says a
        # cut-off export is not whole (OutputNotWritten, above).
        silence_stdout()
        return EXIT_OK
    except UsageError as problem:
        error(str(problem))
        return EXIT_INPUT
    except NetrackError as problem:  # InputError, StorageError: one line to act on
        # "no contact matches 'Ana'" on a --db file that is not there: one line says both
        # (and no way to add Ana there: the path is most likely mistyped).
        said = missing_note(str(problem))
        error(f"netrack: {with_remedy(problem) if said == str(problem) else said}")
        return EXIT_INPUT
    except AppCrashed:
        return EXIT_FAIL  # Textual has shown what happened
    except Terminated as stop:
        if not isinstance(stop, HungUp):
            error(f"netrack: {stopped('stopped')}")
        return stop.exit_code
    except KeyboardInterrupt:
        error(f"netrack: {stopped('interrupted')}")
        return 130
    except LOW_LEVEL_ERRORS as problem:
        # Damage found by a read outside a write transaction: same words, same hint.
        from netrack.data.db import describe
        from netrack.data.server import ServerAddress
        from netrack.data.server import describe as describe_server

        where = db_path_of(args) if args is not None else Path("the database")
        if isinstance(where, ServerAddress):
            error(f"netrack: {describe_server(problem, where)}")
        else:
            error(f"netrack: {describe(problem, where)}")
        return EXIT_INPUT
    except Exception as problem:  # a bug: one line for the user, the trace on request
        if os.environ.get("NETRACK_DEBUG"):
            raise
        damage = _values_behind(problem, args)
        if damage is not None:
            error(f"netrack: {damage}")
            return EXIT_INPUT
        error(f"netrack: internal error: {type(problem).__name__}: {problem}")
        return EXIT_FAIL
    return EXIT_OK


def with_remedy(problem: NetrackError) -> str:
    """`problem`'s line; for a name that matches no contact and none near it, how to add
    one (the TUI's quick-log bar says its own keys for it)."""
    if isinstance(problem, Unmatched) and problem.what == "contact" and not problem.near:
        return f"{problem} (to add them: netrack contact add NAME)"
    return str(problem)


def _values_behind(problem: Exception, args: argparse.Namespace | None) -> str | None:
    """The damage a command failed on, in one line, or None for a bug. A value of another
    type than its column's (bytes in a note, "45m" in minutes: another program's write)
    fails the code that reads it as a bug would; checking every value as it is read would
    cost every command, so the database is looked through only after such a failure."""
    if args is None or not isinstance(problem, (TypeError, ValueError, AttributeError)):
        return None
    where = db_path_of(args)
    if not isinstance(where, Path) or not where.is_file():
        return None
    from netrack.data.doctor_text import unreadable_line

    return unreadable_line(where)
