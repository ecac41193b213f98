"""A bare `netrack [--db PATH]` opens the TUI without argparse; anything else gets the
full parser, with its help and its errors."""

from __future__ import annotations

import subprocess
import sys

import pytest

from netrack.cli import bare_tui, main
from netrack.cli_commands import cmd_tui


@pytest.mark.parametrize(
    ("argv", "db"),
    [
        ([], None),
        (["--db", "x.db"], "x.db"),
        (["--db=x.db"], "x.db"),
        (["--db", "log"], "log"),  # "log" is the --db value here
        (["--db", "a.db", "--db", "b.db"], "b.db"),  # the last one wins, as in argparse
    ],
)
def test_a_bare_netrack_opens_the_tui_on_the_given_database(argv, db):
    args = bare_tui(argv)
    assert args is not None and args.func is cmd_tui
    assert getattr(args, "db", None) == db


@pytest.mark.parametrize(
    "argv",
    [["--db"], ["--version"], ["-h"], ["log", "@ana"], ["--db", "x.db", "scorecard"], ["--d", "x"]],
)
def test_anything_else_goes_to_the_full_parser(argv):
    assert bare_tui(argv) is None


def test_help_and_errors_still_know_every_command(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "scorecard" in capsys.readouterr().out
    assert main(["--db"]) == 2
    assert "expected one argument" in capsys.readouterr().err


def test_opening_the_tui_loads_no_argparse(tmp_path):
    """What `netrack` imports before its first screen: no argument parser."""
    probe = (
        "import sys\n"
        "import netrack.cli_commands as commands\n"
        "commands._run_tui = lambda repo: print('argparse' in sys.modules)\n"
        "commands.has_terminal = lambda: True\n"
        "from netrack.cli import main\n"
        f"main(['--db', {str(tmp_path / 'x.db')!r}])\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert done.stdout.strip() == "False", done.stderr
