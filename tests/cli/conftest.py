"""Running netrack's command line in-process (fast) or as a real process (a handful)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from netrack import cli
from tests import pg
from tests.pg import BACKENDS

TODAY = "2026-11-27"  # a Friday
# What a name that matches no contact, and none near it, is told after the refusal.
ADD_HINT = " (to add them: netrack contact add NAME)"
# A card's goal in `scorecard --format json`, key by key: SPEC's, then netrack's own.
CARD_GOAL_KEYS = (
    "metric",
    "target",
    "comparator",
    "period",
    "since",
    "actual",
    "met",
    "note",
    "id",
    "until",
)


@dataclass(frozen=True)
class Result:
    code: int
    out: str
    err: str


Run = Callable[..., Result]


# The CLI tests that also run on PostgreSQL: the commands' answers (writes, reads and
# every scorecard format and period). Most other modules read the SQLite file itself
# to prove "nothing was written" (sqlite3 dumps), or are about the terminal and argument
# parsing; a PostgreSQL variant costs a database of its own, and CI stays in its time.
ON_BOTH_ENGINES = frozenset(
    {
        "test_cli_bad_input",
        "test_cli_commands",
        "test_cli_deleted_ids",
        "test_cli_names",
        "test_cli_read",
        "test_cli_tidy",
        "test_goal_end",
        "test_json_import_edges",
        "test_json_import_older_values",
        "test_json_import_uids",
        "test_list_spans",
        "test_merged_identities",
        "test_org_merged_identities",
        "test_scorecard_golden",
        "test_scorecard_period_option",
    }
)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "backend" in metafunc.fixturenames:
        both = metafunc.module.__name__.rsplit(".", 1)[-1] in ON_BOTH_ENGINES
        # By module: a module may share one database of each engine among its cases.
        metafunc.parametrize("backend", BACKENDS if both else ["sqlite"], scope="module")


@pytest.fixture
def backend() -> str:
    return "sqlite"


@pytest.fixture
def db(where: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The command's database (`where`): a file, or (the `postgresql` variant) a fresh
    server database, a `ServerAddress` that `Repo.open` takes as it takes a path. The
    shared `demo_db` fills the same one.

    netrack's data folder is the test's own: a server database's backups (a merge
    makes one) go there, never into the user's."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    return where


def db_arg(db: object) -> str:
    """What `--db` is given for `db`: the file, or the server's full URL."""
    return str(getattr(db, "url", db))


@pytest.fixture
def run(db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Run:
    """`run("log", "@ana 30m")` → cli.main with `--db` appended and today frozen."""
    monkeypatch.setenv("NETRACK_TODAY", TODAY)
    return runner(db, capsys)


def runner(db: object, capsys: pytest.CaptureFixture[str]) -> Run:
    """`run` on the database `db` (NETRACK_TODAY set by the caller)."""

    def invoke(*argv: str, use_db: bool = True) -> Result:
        capsys.readouterr()
        code = cli.main([*argv, "--db", db_arg(db)] if use_db else list(argv))
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return invoke


@pytest.fixture(scope="module")
def shared_db(
    backend: str, request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[object]:
    """The database the commands of the module's `SETUP` wrote, made once for the module's
    cases that each prove they write nothing (the whole database compared before and
    after): they can share it, rather than each making its own."""
    folder = tmp_path_factory.mktemp("shared")
    with (
        pg.new_database(backend, folder / "netrack.db", date.fromisoformat(TODAY)) as made,
        pytest.MonkeyPatch.context() as patch,
    ):
        patch.setenv("NETRACK_TODAY", TODAY)
        patch.setenv("XDG_DATA_HOME", str(folder / "xdg-data"))
        for argv in request.module.SETUP:
            assert cli.main([*argv, "--db", db_arg(made)]) == 0, argv
        yield made


@pytest.fixture
def run_shared(
    shared_db: object, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Run:
    """`run` on `shared_db`."""
    monkeypatch.setenv("NETRACK_TODAY", TODAY)
    return runner(shared_db, capsys)


@pytest.fixture
def run_process(db: Path) -> Run:
    """The real thing: `python -m netrack …` in a child process."""

    def invoke(*argv: str, env: dict[str, str] | None = None, use_db: bool = True) -> Result:
        full = {**os.environ, "NETRACK_TODAY": TODAY, "CI": "true", **(env or {})}
        args = [sys.executable, "-m", "netrack", *argv] + (["--db", db_arg(db)] if use_db else [])
        done = subprocess.run(args, capture_output=True, text=True, env=full, timeout=60)
        return Result(done.returncode, done.stdout, done.stderr)

    return invoke


def database_dump(db: Path) -> list[str]:
    """What the database holds, to compare before and after: a file's tables and rows as
    SQL text (WAL content included); a server database's, sorted (`tests.pg.dump`)."""
    url = getattr(db, "url", None)
    if url is not None:
        return pg.dump(url)
    connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


def sql(db: Path, statement: str, params: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    """One statement (`?` placeholders) on the command's database, committed; its rows.
    For what no command would do (a row an older netrack left behind)."""
    url = getattr(db, "url", None)
    if url is not None:
        return pg.sql(url, statement, params)
    connection = sqlite3.connect(db)
    try:
        with connection:
            return list(connection.execute(statement, params).fetchall())
    finally:
        connection.close()


def remove_database(db: Path) -> None:
    """The database gone, so the next command starts a new one: the file (and its WAL)
    deleted, or the server database made again (migrated, no data)."""
    url = getattr(db, "url", None)
    if url is not None:
        pg.empty_database(url, date.fromisoformat(TODAY))
        return
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)


@pytest.fixture
def dump() -> Callable[[Path], list[str]]:
    return database_dump
