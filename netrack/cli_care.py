"""The commands that look after the data rather than record it: `import`/`export`/
`backup`/`restore` (`netrack.interop.commands`) and `doctor`, on a file or a server."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from netrack.cli_output import print_output
from netrack.cli_session import command_today, db_path_of
from netrack.domain.errors import StorageError

if TYPE_CHECKING:
    import argparse
    from pathlib import Path

    from netrack.data.server import ServerAddress


def cmd_interop(args: argparse.Namespace) -> str:
    from netrack.interop import commands

    handler: Callable[..., str] = getattr(commands, args.interop)
    return handler(args, db_path_of(args), command_today)


def _server_copy(where: ServerAddress) -> Path:
    """The copy `doctor --fix` keeps before it writes rows: the server's JSON export."""
    from netrack.data.repo import Repo
    from netrack.interop.api import safety_copy

    repo = Repo.open(where, clock=command_today)
    try:
        return safety_copy(repo, "before-fix")
    finally:
        repo.close()


def cmd_doctor(args: argparse.Namespace) -> str:
    from netrack.data.doctor import diagnose
    from netrack.data.server import ServerAddress

    where = db_path_of(args)
    if isinstance(where, ServerAddress):
        from netrack.data.server_care import diagnose_server

        report = diagnose_server(
            where, fix=args.fix, backup=lambda: _server_copy(where), today=command_today()
        )
    else:
        report = diagnose(where, fix=args.fix, today=command_today())
    if report.fixed:
        from netrack.data.writes import made_in_place

        made_in_place()
    if report.problems:  # the report on stdout, then one line and exit 2 for scripts
        # Printed as every command's output is: a report lost (`>/dev/full`, `>&-`) is
        # said as lost output, never as problems "see above" that nobody saw.
        print_output(report.text())
        raise StorageError(report.summary())
    return report.text()
