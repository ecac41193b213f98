"""The parser built the quick way (`Parser.building`: argparse's words and the terminal's
width asked once) says exactly what one built the plain way says, at any width, and
leaves argparse as it found it."""

from __future__ import annotations

import argparse

import pytest

from netrack.cli_args import Parser
from netrack.cli_parser import build_parser
from tests.cli.test_help_examples import parsers


def _everything_said(parser: argparse.ArgumentParser) -> list[tuple[str, str, str]]:
    return [(p.prog, p.format_usage(), p.format_help()) for p in parsers(parser)]


@pytest.mark.parametrize("columns", ["40", "80", "200"])
def test_a_parser_built_quickly_reads_as_one_built_plainly(
    columns: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    plain = _everything_said(build_parser())
    with Parser.building():
        quick = build_parser()
    assert len(plain) > 60  # every group and command
    assert _everything_said(quick) == plain


def test_building_leaves_argparse_as_it_was() -> None:
    words = argparse._  # type: ignore[attr-defined]
    with pytest.raises(RuntimeError), Parser.building():
        assert argparse._ is str  # type: ignore[attr-defined]
        raise RuntimeError
    assert argparse._ is words  # type: ignore[attr-defined]
    assert Parser._width is None


@pytest.mark.parametrize(
    "argv",
    [[], ["--db", "x.db"], ["--db=x.db"], ["--db", "postgresql://u@h/db"], ["--db", "a b.db"]],
)
def test_a_bare_netrack_is_read_as_the_parser_reads_it(argv: list[str]) -> None:
    from netrack import cli_tokens

    quick = cli_tokens._bare_tui(argv)
    assert quick is not None
    assert vars(quick) == vars(build_parser().parse_args(argv))


@pytest.mark.parametrize(
    "argv",
    [
        ["--db"],
        ["--db", ""],
        ["--db="],
        ["--db", "--version"],
        ["--d", "x.db"],
        ["--version"],
        ["-h"],
        ["--db", "x.db", "agenda"],
        ["agenda"],
        ["-db", "x.db"],
    ],
)
def test_any_other_command_line_goes_to_the_parser(argv: list[str]) -> None:
    from netrack import cli_tokens

    assert cli_tokens._bare_tui(argv) is None


def _commands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def test_each_command_built_alone_reads_as_the_whole_parser_reads_it() -> None:
    """`netrack log …` builds the `log` parser alone: every parser under each command,
    built alone, says what the whole parser's says, and there is nothing else in it."""
    with Parser.building():
        whole = build_parser()
    for name, built_with_all in _commands(whole).items():
        with Parser.building(only=name):
            alone = build_parser()
        assert list(_commands(alone)) == [name]
        assert _everything_said(_commands(alone)[name]) == _everything_said(built_with_all)


@pytest.mark.parametrize(
    "argv",
    [
        ["log", "@ana 30m note"],
        ["log", "--with", "ana", "--kind", "call", "--db", "x.db"],
        ["contact", "add", "Ana López", "--org", "Acme"],
        ["contact", "list", "--archived"],
        ["scorecard", "--period", "month", "--format", "json"],
        ["campaign", "move", "acme", "applied", "--on", "2026-11-02"],
        ["export", "csv", "--out", "folder/"],
        ["agenda"],
        ["--db", "x.db", "log", "@ana 30m"],  # as bench/run.py writes it
        ["--db=x.db", "contact", "list"],
        ["--db", "postgresql://u@h/db", "scorecard", "--db", "y.db"],
        ["--db", "log", "log", "@ana"],  # a database named like a command
    ],
)
def test_a_command_line_is_read_alike_by_its_command_alone(argv: list[str]) -> None:
    from netrack import cli_tokens

    narrowed = cli_tokens._parser_for(argv)
    command = argv[1] if argv[0].startswith("--db=") else argv[2] if argv[0] == "--db" else argv[0]
    assert list(_commands(narrowed)) == [command]
    with Parser.building():
        whole = build_parser().parse_args(argv)
    # The same arguments, the same handler (a command's lazily loaded handler is made
    # afresh by each build: compared by what it calls).
    ours, theirs = vars(narrowed.parse_args(argv)), vars(whole)
    assert ours.keys() == theirs.keys()
    for key, value in ours.items():
        if callable(value):
            assert getattr(value, "__qualname__", None) == theirs[key].__qualname__, key
        else:
            assert value == theirs[key], key


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["lgo", "@ana"],
        ["-h"],
        ["--version"],
        ["--db", "x.db", "lgo"],
        ["--db", "-x.db", "log", "@ana"],  # refused by the parser, as before
        ["--db=", "log", "@ana"],
        ["--db", "", "log", "@ana"],
        ["--db", "x.db", "--version"],
        ["--db", "x.db"],
        ["--d", "x.db", "log"],
        ["", "log"],
    ],
)
def test_anything_but_a_command_first_is_read_by_the_whole_parser(argv: list[str]) -> None:
    from netrack import cli_tokens

    chosen = cli_tokens._parser_for(argv)
    assert chosen is cli_tokens._parser()
    assert _commands(chosen).keys() == _commands(build_parser()).keys()
