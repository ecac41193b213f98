"""A bare `netrack [--db PATH]` opens the TUI; one parser reads every command line (no
hand-made fast path before it: it saved ~8 ms of a ~500 ms first paint)."""

from __future__ import annotations

import pytest

from netrack.cli import main
from netrack.cli_launch import cmd_tui
from netrack.cli_tokens import parse


@pytest.mark.parametrize(
    ("argv", "db"),
    [
        ([], None),
        (["--db", "x.db"], "x.db"),
        (["--db=x.db"], "x.db"),
        (["--db", "log"], "log"),  # "log" is the --db value here
        (["--db", "a.db", "--db", "b.db"], "b.db"),  # the last one wins
    ],
)
def test_a_bare_netrack_opens_the_tui_on_the_given_database(argv, db):
    args = parse(argv)
    assert args.func is cmd_tui
    assert getattr(args, "db", None) == db


@pytest.mark.parametrize("argv", [["log", "@ana"], ["--db", "x.db", "scorecard"]])
def test_a_command_is_not_the_tui(argv):
    assert parse(argv).func is not cmd_tui


def test_help_and_errors_still_know_every_command(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "scorecard" in capsys.readouterr().out
    assert main(["--db"]) == 2
    assert "expected one argument" in capsys.readouterr().err
