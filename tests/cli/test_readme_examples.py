"""The README works as written: every command of its shell examples runs, as shown, on a
fresh demo database (today frozen, so the demo and the examples agree)."""

from __future__ import annotations

import re
import shlex
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


def test_the_readme_has_examples() -> None:
    assert len(COMMANDS) >= 8


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("readme") / "demo.db"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("NETRACK_TODAY", TODAY)
        patch.setenv("CI", "true")
        assert cli.main(["demo", "--db", str(path), "--no-tui"]) == 0
    return path


@pytest.mark.parametrize("argv", COMMANDS, ids=[" ".join(a)[:60] for a in COMMANDS])
def test_readme_example_runs_on_the_demo(
    argv: list[str],
    demo_db: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    db = tmp_path / "demo.db"
    db.write_bytes(demo_db.read_bytes())  # each example on its own copy
    monkeypatch.setenv("NETRACK_TODAY", TODAY)
    monkeypatch.chdir(tmp_path)  # exports with a relative --out land here
    code = cli.main([*argv, "--db", str(db)])
    err = capsys.readouterr().err
    assert code == 0, f"netrack {' '.join(argv)}: {err}"
