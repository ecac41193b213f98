"""A bare `netrack [--db PATH]` builds only the top-level parser; anything else, all of it."""

from __future__ import annotations

import pytest

from netrack.cli import main
from netrack.cli_commands import cmd_tui
from netrack.cli_parser import build_parser, opens_the_tui


@pytest.mark.parametrize(
    ("argv", "tui"),
    [
        ([], True),
        (["--db", "x.db"], True),
        (["--db=x.db"], True),
        (["--db"], False),  # the full parser reports the missing value
        (["--version"], False),
        (["-h"], False),
        (["log", "@ana"], False),
        (["--db", "x.db", "scorecard"], False),
        (["--db", "log"], True),  # "log" is the --db value here
    ],
)
def test_which_argv_only_opens_the_tui(argv, tui):
    assert opens_the_tui(argv) is tui


def test_the_short_parser_still_opens_the_tui_on_the_given_database():
    args = build_parser(["--db", "x.db"]).parse_args(["--db", "x.db"])
    assert args.func is cmd_tui and args.db == "x.db"


def test_help_and_errors_still_know_every_command(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "scorecard" in capsys.readouterr().out
    assert main(["--db"]) == 2
    assert "expected one argument" in capsys.readouterr().err
