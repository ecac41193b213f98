"""Running netrack's command line in-process (fast) or as a real process (a handful)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from netrack import cli

TODAY = "2026-11-27"  # a Friday


@dataclass(frozen=True)
class Result:
    code: int
    out: str
    err: str


Run = Callable[..., Result]


@pytest.fixture
def db(db_path: Path) -> Path:
    """The file `run` points `--db` at (the shared `demo_db` copies the demo there)."""
    return db_path


@pytest.fixture
def run(db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Run:
    """`run("log", "@ana 30m")` → cli.main with `--db` appended and today frozen."""
    monkeypatch.setenv("NETRACK_TODAY", TODAY)

    def invoke(*argv: str, use_db: bool = True) -> Result:
        capsys.readouterr()
        code = cli.main([*argv, "--db", str(db)] if use_db else list(argv))
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return invoke


@pytest.fixture
def run_process(db: Path) -> Run:
    """The real thing: `python -m netrack …` in a child process."""

    def invoke(*argv: str, env: dict[str, str] | None = None, use_db: bool = True) -> Result:
        full = {**os.environ, "NETRACK_TODAY": TODAY, "CI": "true", **(env or {})}
        args = [sys.executable, "-m", "netrack", *argv] + (["--db", str(db)] if use_db else [])
        done = subprocess.run(args, capture_output=True, text=True, env=full, timeout=60)
        return Result(done.returncode, done.stdout, done.stderr)

    return invoke


def _dump(path: Path) -> list[str]:
    """Every table's schema and rows, as SQL text (WAL content included)."""
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


@pytest.fixture
def dump() -> Callable[[Path], list[str]]:
    return _dump
