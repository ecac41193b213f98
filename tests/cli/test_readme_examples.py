"""The README works as written: every command of its shell examples runs, as shown, on a
fresh demo database (today frozen, so the demo and the examples agree), on every day of
the week (the demo's story is dated from today and its week)."""

from __future__ import annotations

import re
import shlex
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest

from netrack import cli
from tests.cli.conftest import TODAY

README = Path(__file__).resolve().parents[2] / "README.md"
# Commands that open the TUI, replace the database or need a file the reader has: shown
# to be read, not run here (each is exercised by its own tests).
NOT_RUN = {"", "demo", "restore", "import"}


def readme_commands() -> list[list[str]]:
    """Every `netrack …` line of the README's ```sh blocks, as argv after `netrack`."""
    commands = []
    for block in re.findall(r"```sh\n(.*?)```", README.read_text(encoding="utf-8"), re.S):
        for line in block.splitlines():
            words = shlex.split(line, comments=True)
            if not words or words[0] != "netrack" or "|" in words:
                continue
            argv = words[1:]
            if (argv[0] if argv else "") in NOT_RUN or "--db" in argv:
                continue
            commands.append(argv)
    return commands


COMMANDS = readme_commands()


def week_of(day: str) -> list[str]:
    """Monday to Sunday of `day`'s week."""
    monday = date.fromisoformat(day) - timedelta(days=date.fromisoformat(day).weekday())
    return [(monday + timedelta(days=n)).isoformat() for n in range(7)]


# TODAY's own week: its Friday's demo is the one the examples above run on.
WEEK = week_of(TODAY)


def test_the_readme_has_examples() -> None:
    assert len(COMMANDS) >= 8


@pytest.fixture(scope="module")
def demo_on(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    """The demo database made with "today" `today`: each day's made once for the module
    (a demo costs ~0.5 s of CPU; the examples run on copies of it)."""
    folder = tmp_path_factory.mktemp("readme")
    made: dict[str, Path] = {}

    def demo(today: str) -> Path:
        if today not in made:
            path = folder / f"demo-{today}.db"
            with pytest.MonkeyPatch.context() as patch:
                patch.setenv("NETRACK_TODAY", today)
                patch.setenv("CI", "true")
                assert cli.main(["demo", "--db", str(path), "--no-tui"]) == 0
            made[today] = path
        return made[today]

    return demo


@pytest.mark.parametrize("argv", COMMANDS, ids=[" ".join(a)[:60] for a in COMMANDS])
def test_readme_example_runs_on_the_demo(
    argv: list[str],
    demo_on: Callable[[str], Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    db = tmp_path / "demo.db"
    db.write_bytes(demo_on(TODAY).read_bytes())  # each example on its own copy
    monkeypatch.setenv("NETRACK_TODAY", TODAY)
    monkeypatch.chdir(tmp_path)  # exports with a relative --out land here
    code = cli.main([*argv, "--db", str(db)])
    err = capsys.readouterr().err
    assert code == 0, f"netrack {' '.join(argv)}: {err}"


@pytest.mark.parametrize("today", WEEK, ids=[date.fromisoformat(d).strftime("%a") for d in WEEK])
def test_readme_examples_run_in_order_on_every_weekday(
    today: str,
    demo_on: Callable[[str], Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The examples one after the other, as a reader types them, on the demo made that
    day. On a Monday a filler touch of the demo's closed Aisha's follow-up due today, and
    `followup done aisha` answered "no pending follow-ups with Aisha Rahman"."""
    db = tmp_path / "demo.db"
    db.write_bytes(demo_on(today).read_bytes())
    monkeypatch.setenv("NETRACK_TODAY", today)
    monkeypatch.chdir(tmp_path)
    for argv in COMMANDS:
        capsys.readouterr()
        code = cli.main([*argv, "--db", str(db)])
        err = capsys.readouterr().err
        assert (code, err) == (0, ""), f"{today}: netrack {' '.join(argv)}: {err}"
