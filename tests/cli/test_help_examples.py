"""The help works as written: every example of `netrack --help` and of each command's
`--help` runs, as shown, on a fresh copy of the demo database (today frozen, so the
demo and the examples agree); and every option says what it is for.

A help's example lines are a sequence (`contact unarchive` archives first): each line
runs on its own copy after the lines before it in the same help. The top-level ones are
each also a command's own example, so each of them runs alone as well."""

from __future__ import annotations

import argparse
import os
import re
import shlex
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from netrack import cli
from netrack.cli_parser import ON_DEMO, build_parser
from tests.cli.conftest import TODAY

LINKEDIN_DATA = Path(__file__).resolve().parents[1] / "data" / "linkedin"


def parsers(parser: argparse.ArgumentParser) -> Iterator[argparse.ArgumentParser]:
    """`parser` and every parser below it (the groups and their commands)."""
    yield parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in dict.fromkeys(action.choices.values()):
                yield from parsers(sub)


def example_lines(parser: argparse.ArgumentParser) -> list[str]:
    """The lines after the "example:" (or "examples:") of the parser's epilog."""
    _, heading, rest = (parser.epilog or "").partition("example")
    if not heading:
        return []
    return [line.strip() for line in rest.split("\n")[1:] if line.strip()]


def help_examples() -> list[tuple[str, list[str]]]:
    """Each example line as (its help, the lines before it in that help and itself)."""
    cases = []
    for parser in parsers(build_parser()):
        lines = example_lines(parser)
        cases += [(parser.prog, lines[: i + 1]) for i in range(len(lines))]
    return cases


CASES = help_examples()


def case_id(prog: str, steps: list[str]) -> str:
    """The example; where it is another command's (a step before the help's own, a
    top-level one), the help it is in as well."""
    own = prog != "netrack" and f"{steps[-1]} ".startswith(f"{prog} ")
    return steps[-1] if own else f"({prog} --help) {steps[-1]}"


def argv_of(example: str) -> list[str]:
    """The example's words after `netrack`, as a shell passes them: quotes and comments
    read, `~/` expanded; `eval "$(netrack …)"` is the command inside."""
    words = shlex.split(example, comments=True)
    if words[0] == "eval" and len(words) == 2 and re.fullmatch(r"\$\(.*\)", words[1]):
        words = shlex.split(words[1][2:-1])
    assert words[0] == "netrack", example
    return [os.path.expanduser(word) if word.startswith("~/") else word for word in words[1:]]


# What a command (or one example) says on standard error beside its answer: `demo` on a
# database that holds data already (it opens it as it is), an export to standard output
# its summary, and `org merge`'s example of a typo its note naming that very merge.
STDERR = {
    "demo": r"\S+ already holds data: opening it as it is \(.*\)\n",
    "export": r"(exported .* to standard output\n)?",
    'netrack contact add "Sam Ortiz" --org northwind-analytics': re.escape(
        'note: new organization "northwind-analytics" is close to "Northwind Analytics" '
        '(netrack org merge "Northwind Analytics" "northwind-analytics" joins them)\n'
    ),
}

# The files examples read, as a reader would have them: the demo's own exports and
# backup, and a LinkedIn export of the tests' data.
MADE_BY = {
    "netrack-export.json": ["export", "json"],
    "contacts.vcf": ["export", "vcard"],
    "calendar.ics": ["export", "ics"],
    "netrack-backup.db": ["backup"],
}
LINKEDIN = "Basic_LinkedInDataExport.zip"


def test_every_command_has_an_example() -> None:
    assert len(CASES) >= 50
    top = [steps[-1] for prog, steps in CASES if prog == "netrack"]
    assert len(top) >= 4
    own = {steps[-1] for prog, steps in CASES if prog != "netrack"}
    # … on the demo database: `--db demo.db` added (see test_the_top_level_examples_…)
    alone = [line for line in top if line not in own and line.removesuffix(ON_DEMO) not in own]
    assert alone == [], "a top-level example is not its command's own"
    for prog, _ in CASES:
        assert prog == "netrack" or len(prog.split()) >= 2
    # The README: each command's own help gives an example.
    commands = [
        parser.prog
        for parser in parsers(build_parser())
        if not any(isinstance(a, argparse._SubParsersAction) for a in parser._actions)
    ]
    assert len(commands) >= 50
    assert [prog for prog in commands if not example_lines(parser_of(prog))] == []


def parser_of(prog: str) -> argparse.ArgumentParser:
    return next(parser for parser in parsers(build_parser()) if parser.prog == prog)


def test_the_top_level_examples_run_as_written_in_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`netrack --help`'s examples on a fresh machine, as a reader types them: no --db
    added, no NETRACK_DB. The log named the demo's "Ana López" on the default database."""
    monkeypatch.setenv("NETRACK_TODAY", TODAY)
    monkeypatch.setenv("CI", "true")  # the demo prints its scorecard, no TUI
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.delenv("NETRACK_DB", raising=False)
    monkeypatch.chdir(tmp_path)
    for example in example_lines(build_parser()):
        capsys.readouterr()
        code = cli.main(argv_of(example))
        assert code == 0, f"{example}: {capsys.readouterr().err}"
    capsys.readouterr()
    assert cli.main(["interaction", "list", "--with", "Ana López", "--db", "demo.db"]) == 0
    assert "talked about the platform team" in capsys.readouterr().out
    assert not (tmp_path / "xdg-data").exists()  # the default database was never made


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The demo database, made once; and a folder of the files the examples read."""
    folder = tmp_path_factory.mktemp("help")
    db, inputs = folder / "demo.db", folder / "inputs"
    inputs.mkdir()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("NETRACK_TODAY", TODAY)
        patch.setenv("CI", "true")
        patch.setenv("XDG_DATA_HOME", str(folder / "xdg-data"))
        assert cli.main(["demo", "--db", str(db), "--no-tui"]) == 0
        copy = folder / "copy.db"
        copy.write_bytes(db.read_bytes())  # a backup notes itself in its database
        for name, argv in MADE_BY.items():
            assert cli.main([*argv, "--out", str(inputs / name), "--db", str(copy)]) == 0
    with zipfile.ZipFile(inputs / LINKEDIN, "w") as archive:
        for name in ("Connections.csv", "messages.csv", "Invitations.csv"):
            archive.write(LINKEDIN_DATA / name, name)
    return db, inputs


def place_inputs(argv: list[str], inputs: Path) -> None:
    """The files `argv` reads (not those it writes with --out), where it reads them."""
    for before, word in zip(["", *argv], argv, strict=False):
        made = inputs / Path(word).name
        if before != "--out" and made.is_file():
            Path(word).write_bytes(made.read_bytes())


@pytest.mark.parametrize(("prog", "steps"), CASES, ids=[case_id(*case) for case in CASES])
def test_help_example_runs_on_the_demo(
    prog: str,
    steps: list[str],
    demo: tuple[Path, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    demo_db, inputs = demo
    monkeypatch.setenv("NETRACK_TODAY", TODAY)
    monkeypatch.setenv("HOME", str(tmp_path))  # `~/` is the test's own folder
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.chdir(tmp_path)  # relative paths land here
    db = tmp_path / "netrack.db"
    db.write_bytes(demo_db.read_bytes())  # each example on its own copy
    for example in steps:
        argv = argv_of(example)
        place_inputs(argv, inputs)
        capsys.readouterr()
        code = cli.main([*argv, "--db", str(db)])
        err = capsys.readouterr().err
        assert code == 0, f"{example}: {err}"
        said = STDERR.get(example, STDERR.get(argv[0], ""))
        assert re.fullmatch(said, err, re.S), f"{example}: {err}"


OPTIONS = [
    (parser.prog, action.option_strings[-1], action.help)
    for parser in parsers(build_parser())
    for action in parser._actions
    if action.option_strings and action.dest not in ("help", "db")
]


@pytest.mark.parametrize(
    ("prog", "option", "text"), OPTIONS, ids=[f"{prog} {option}" for prog, option, _ in OPTIONS]
)
def test_every_option_says_what_it_is_for(prog: str, option: str, text: str | None) -> None:
    assert text and text.strip() and text != argparse.SUPPRESS, f"{prog} {option}: no help"
