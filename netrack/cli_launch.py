"""The commands that may open the TUI: bare `netrack` and `netrack demo` (which prints
this week's card instead where there is no terminal: CI, a pipe, `--no-tui`).

Split from `cli_commands` so that its handlers stay about writing and reading data; the
app itself is imported only when it is really started.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

from netrack.cli_output import say
from netrack.cli_session import command_today, db_path_of, open_repo
from netrack.domain.errors import HungUp, Terminated

if TYPE_CHECKING:
    import argparse

    from netrack.data.repo import Repo


def cmd_demo(args: argparse.Namespace) -> str | None:
    from netrack.demo import fill_demo

    path = db_path_of(args)
    repo = open_repo(args)
    if not repo.is_empty() and not args.force:
        # Run twice (the README's "try it"), the demo reopens as it is: nothing written.
        say(
            f"{path} already holds data: opening it as it is "
            "(--force replaces it with fresh demo data, after a backup)",
            sys.stderr,
        )
    else:
        say(fill_demo(repo, command_today(), replace=args.force), sys.stderr)
        if getattr(args, "db", None) is None and not os.environ.get("NETRACK_DB"):
            # Every later command without --db works in it, mixing a real search into
            # the demo's people: said while it is still easy to start elsewhere.
            say(
                f"this is your default database ({path}): every command without --db "
                "uses it; keep the demo apart with `netrack demo --db demo.db`, and "
                f"delete {path} to start your own search afresh",
                sys.stderr,
            )
    if args.no_tui or os.environ.get("CI") or not has_terminal():
        import argparse

        # Here, not at the top: a bare `netrack` (the TUI) needs no command's handler
        from netrack.cli_commands import cmd_scorecard

        this_week = {**vars(args), "week": None, "month": None, "on": None, "format": "table"}
        return cmd_scorecard(argparse.Namespace(**this_week))
    _run_tui(repo)
    return None


def has_terminal() -> bool:
    stdin, stdout = sys.stdin, sys.stdout  # None when closed (`<&-`, `>&-`)
    return stdin is not None and stdout is not None and stdin.isatty() and stdout.isatty()


class AppCrashed(Exception):
    """The TUI stopped on an error it has already shown: the process exits non-zero."""


def _run_tui(repo: Repo) -> None:
    from netrack.app import SIGNAL_EXITS, run

    code = run(repo)
    if code == SIGNAL_EXITS["SIGHUP"]:
        raise HungUp  # ended as `q` ends it, its terminal gone
    if code in SIGNAL_EXITS.values():
        raise Terminated  # ended by the signal as `q` ends it: said as for any command
    if code != 0:
        raise AppCrashed


def cmd_tui(args: argparse.Namespace) -> None:
    # Opened here, so a file that cannot be used is reported before the screen takes over.
    _run_tui(open_repo(args))
