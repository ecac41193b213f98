"""Shared fixtures: a temporary *file* database with a frozen clock, and a clean environment.

Textual reads NO_COLOR, TEXTUAL_THEME and TEXTUAL_ANIMATIONS when it is first imported, so
they are settled here, at collection time, before any test module imports it.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest

for _name in ("NO_COLOR", "TEXTUAL_THEME", "NETRACK_DB", "NETRACK_TODAY"):
    os.environ.pop(_name, None)
os.environ["TEXTUAL_ANIMATIONS"] = "none"
os.environ["TEXTUAL_ANIMATION"] = "none"
# Imports date calendar events and LinkedIn messages by the user's local day: every test
# process (and each netrack it starts) runs in UTC whatever the machine's zone, so a
# test's days are the same on every machine; `local_zone` moves one test elsewhere.
os.environ["TZ"] = "UTC"
time.tzset()
# netrack's own folder (the default database, a server's backups: `locations.data_dir`)
# is a throwaway one for each test process and every netrack it starts: a PostgreSQL
# test's `backup` or `demo --force` wrote its JSON copies into the user's real
# ~/.local/share/netrack/backups. tests/cli gives each of its tests one of its own.
_DATA_HOME = tempfile.mkdtemp(prefix="netrack-xdg-")
atexit.register(shutil.rmtree, _DATA_HOME, ignore_errors=True)
os.environ["XDG_DATA_HOME"] = _DATA_HOME

FROZEN_TODAY = date(2026, 11, 27)  # a Friday

# netrack hides PostgreSQL's driver from Peewee until a server is opened (a SQLite user
# never pays for importing it); the tests speak to servers directly, so load it now.
with contextlib.suppress(ImportError):
    from netrack.data import drivers

    drivers.psycopg()


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """`-n auto`: two test processes a core. A UI test spends about a third of its time
    waiting (the app's frame timer, Pilot's idle checks, thread workers) and a PostgreSQL
    test waits on the server: a second process a core fills those waits (on 2 cores the
    UI tests took 73 s instead of 103). At most 8: each builds its own demo data, and the
    test server takes 100 connections."""
    return max(2, min(2 * len(os.sched_getaffinity(0)), 8))


def pytest_configure(config: pytest.Config) -> None:
    if not hasattr(config, "workerinput"):  # the session's own process, not a worker
        from tests import pg

        pg.begin_session()


def pytest_collection_finish(session: pytest.Session) -> None:
    """A test process's collector walks fewer, larger generations: what collection
    loaded (every test module, Textual, the items) is frozen out of its walks, and the
    youngest generation is collected every 50,000 allocations instead of 700. A UI
    test allocates hundreds of thousands of short-lived objects, and the walks took
    about a sixth of its CPU (paired runs: 15–16 s against 18–20 s for five modules).
    Garbage cycles are still collected, later: a test process stays under ~150 MB."""
    import gc

    gc.collect()
    gc.freeze()
    gc.set_threshold(50_000, 50, 100)


def pytest_unconfigure(config: pytest.Config) -> None:
    if not hasattr(config, "workerinput"):
        from tests import pg

        pg.end_session()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--snapshot-update",
        action="store_true",
        help="rewrite the stored screenshots (screenshots/*.svg) instead of comparing",
    )


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("NO_COLOR", "TEXTUAL_THEME", "NETRACK_DB", "NETRACK_TODAY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")


@pytest.fixture
def today() -> date:
    return FROZEN_TODAY


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "netrack.db"


@pytest.fixture(scope="session")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo database for `FROZEN_TODAY`, built once per test session (about a second
    of CPU) in the folder the session's processes share (`tests.pg`), and only ever
    copied: the first test process to need it builds it while holding the session's
    lock, the others wait for it, then copy it as well."""
    from netrack.data.repo import Repo
    from netrack.demo import fill_demo
    from tests import pg

    with pg._shared_lock() as shared:
        path = shared / f"demo-{FROZEN_TODAY}.db"
        if not path.exists():
            building = tmp_path_factory.mktemp("demo") / "demo.db"
            built = Repo.open(building, clock=lambda: FROZEN_TODAY)
            try:
                fill_demo(built, FROZEN_TODAY)
            finally:
                built.close()  # one file: its WAL checkpointed
            shutil.copyfile(building, path)
    return path


@pytest.fixture
def demo_db(backend: str, where: Path, demo_file: Path) -> Path:
    """A fresh copy of the demo data in `where`: SQLite's backup of the file built once,
    or (on a server) a copy of a demo database written once per test process."""
    if backend == "sqlite":
        source, target = sqlite3.connect(demo_file), sqlite3.connect(where)
        try:
            source.backup(target)
        finally:
            source.close()
            target.close()
        where.chmod(0o600)
        return where
    return where  # a copy of the server's demo database already (see `where`)


@pytest.fixture
def demo_repo(demo_db: Path, today: date) -> Iterator[object]:
    """An open `Repo` on a fresh copy of the demo data ("today" `FROZEN_TODAY`)."""
    from netrack.data.repo import Repo

    opened = Repo.open(demo_db, clock=lambda: today)
    with opened.store.bound():
        yield opened
    opened.close()


@pytest.fixture
def backend() -> str:
    """The engine of `repo` and `where`: SQLite, unless a folder's conftest parametrises
    it over both (`tests.pg.BACKENDS`)."""
    return "sqlite"


@pytest.fixture
def where(
    backend: str, db_path: Path, today: date, request: pytest.FixtureRequest
) -> Iterator[object]:
    """A new database of `backend`: a file path, or a `ServerAddress` (a fresh server
    database migrated with `today`, dropped after the test; a copy of the demo data
    already when the test asks for `demo_db`)."""
    from tests import pg

    with pg.new_database(backend, db_path, today, demo="demo_db" in request.fixturenames) as made:
        yield made


_migrated: dict[date, Path] = {}


def migrated_file(path: Path, today: date) -> Path:
    """`path`, not there yet, made a new database migrated with `today`: a copy of one
    this test process migrated for that day. About 850 tests start from a new database,
    and migrating one cost ~9 ms of CPU where copying costs a fraction of one."""
    import shutil

    if today not in _migrated:
        import atexit
        import tempfile

        from netrack.data.repo import Repo

        folder = Path(tempfile.mkdtemp(prefix="netrack-migrated-"))
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        template = folder / f"{today}.db"
        Repo.open(template, clock=lambda: today).close()  # one file: its WAL checkpointed
        _migrated[today] = template
    shutil.copyfile(_migrated[today], path)
    path.chmod(0o600)  # as netrack makes its files
    return path


@pytest.fixture
def repo(where: object, today: date) -> Iterator[object]:
    """An open `Repo` on a fresh database whose "today" is `FROZEN_TODAY`: a file (a
    copy of one migrated already: see `migrated_file`), or a PostgreSQL database where a
    folder runs its tests on both engines."""
    from netrack.data.repo import Repo

    if isinstance(where, Path) and not where.exists():
        migrated_file(where, today)
    opened = Repo.open(where, clock=lambda: today)  # type: ignore[arg-type]
    with opened.store.bound():  # tests may read and write rows through the models directly
        yield opened
    opened.close()


@pytest.fixture
def local_zone() -> Iterator[Callable[[str], None]]:
    """`local_zone("Asia/Tokyo")`: this process's clock in that time zone (TZ) for the
    test; the zone before it is back after, whatever the test did."""
    with pytest.MonkeyPatch.context() as patch:

        def use(zone: str) -> None:
            patch.setenv("TZ", zone)
            time.tzset()

        try:
            yield use
        finally:
            patch.undo()
            time.tzset()
