"""The command line: a thin front door over `netrack.data.repo`.

Kept light on purpose: `netrack log …` must start in a blink, so Textual is imported
only by the commands that open the TUI, and interop modules only by their commands.
Handlers live in `cli_commands`, the parser in `cli_parser`; here: errors → exit codes.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
from collections.abc import Sequence
from pathlib import Path

from peewee import PeeweeException

from netrack import startup
from netrack.cli_commands import db_path_of
from netrack.cli_parser import UsageError, build_parser
from netrack.domain.errors import InputError, NetrackError, StorageError

EXIT_OK, EXIT_FAIL, EXIT_INPUT = 0, 1, 2


DATE_OPTIONS = frozenset({"--on", "--met", "--follow-up"})


def glue_relative_dates(argv: Sequence[str]) -> list[str]:
    """`--on -3d` would read as an option to argparse: pass it as `--on=-3d`."""
    out: list[str] = []
    for token in argv:
        if out and out[-1] in DATE_OPTIONS and token.startswith("-") and len(token) > 1:
            out[-1] = f"{out[-1]}={token}"
        else:
            out.append(token)
    return out


def main(argv: Sequence[str] | None = None) -> int:
    os.umask(0o077)  # everything netrack creates is the owner's alone
    with startup.loading():  # the collector waits while modules load: see netrack.startup
        return _run(argv)


def _run(argv: Sequence[str] | None) -> int:
    tokens = glue_relative_dates(sys.argv[1:] if argv is None else argv)
    parser = build_parser(tokens)
    args: argparse.Namespace | None = None
    try:
        args = parser.parse_args(tokens)
        output = args.func(args)
        if output:
            print(output)
            sys.stdout.flush()
    except BrokenPipeError:
        # `netrack scorecard | head`: the reader left; silence the interpreter's own flush.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except UsageError as error:
        print(error, file=sys.stderr)
        return EXIT_INPUT
    except InputError as error:
        print(f"netrack: {error}", file=sys.stderr)
        return EXIT_INPUT
    except (StorageError, NetrackError) as error:
        print(f"netrack: {error}", file=sys.stderr)
        return EXIT_INPUT
    except KeyboardInterrupt:
        return 130
    except (sqlite3.Error, PeeweeException) as error:
        # Damage found by a read outside a write transaction: same words, same hint.
        from netrack.data.db import describe

        where = db_path_of(args) if args is not None else Path("the database")
        print(f"netrack: {describe(error, where)}", file=sys.stderr)
        return EXIT_INPUT
    except Exception as error:  # a bug: one line for the user, the trace on request
        if os.environ.get("NETRACK_DEBUG"):
            raise
        print(f"netrack: internal error: {type(error).__name__}: {error}", file=sys.stderr)
        return EXIT_FAIL
    return EXIT_OK
