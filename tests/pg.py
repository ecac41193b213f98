"""PostgreSQL for the tests: one throwaway server per test session, one fresh database
per test.

The server is NETRACK_TEST_PG_URL's (`.ci/run` starts one), else one the session
starts itself, on first use, when PostgreSQL's binaries are installed
(tests/pgserver.py). Without either, the PostgreSQL variants of the tests skip, saying
how to enable them.

A fresh database is a copy of a template already migrated with the test's "today"
(CREATE DATABASE … TEMPLATE: a few milliseconds, where migrating costs a hundred).

The test processes (pytest-xdist's workers) share the server and the templates: the
first to need one makes it while holding a lock in the session's folder (`SHARED`, set
by `pytest_configure` in the process that starts them, which stops the server at the
end). Each made its own before: on 2 cores, four servers and four demo databases
written cost ~10 s of the suite.
"""

from __future__ import annotations

import atexit
import fcntl
import itertools
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit, urlunsplit

import pytest

if TYPE_CHECKING:
    from netrack.data.server import ServerAddress

ENV = "NETRACK_TEST_PG_URL"
SHARED = "NETRACK_TEST_PG_SHARED"  # the session's folder: its lock, its server
ENABLE_HINT = (
    f"PostgreSQL tests need a server: set {ENV}=postgresql://… (a role that may CREATE "
    "DATABASE), or install PostgreSQL (apt-get install postgresql) so the tests start one"
)

_state: dict[str, object] = {}
_counter = itertools.count()


def begin_session() -> None:
    """In the process that runs the session (and starts xdist's workers, which inherit
    its environment): the folder the test processes share."""
    if SHARED not in os.environ:
        os.environ[SHARED] = tempfile.mkdtemp(prefix="netrack-pg-")
        _state["owner"] = True


def end_session() -> None:
    """Stop the server the session started, or drop the templates it made on
    NETRACK_TEST_PG_URL's; delete its folder."""
    admin = _state.pop("admin", None)
    if admin is not None:
        admin.close()  # type: ignore[attr-defined]
    folder = os.environ.get(SHARED)
    if not folder or not _state.pop("owner", False):
        return
    said = Path(folder) / "server-url"
    if os.environ.get(ENV) and said.exists():
        _drop_templates(said.read_text())
    from tests import pgserver

    pgserver.stop(Path(folder) / "server")
    shutil.rmtree(folder, ignore_errors=True)
    del os.environ[SHARED]


def _drop_templates(url: str) -> None:
    import psycopg

    with suppress(psycopg.Error), psycopg.connect(url, autocommit=True) as admin:
        names = admin.execute(
            "SELECT datname FROM pg_database WHERE datname LIKE %s", (f"%\\_{_session()}\\_%",)
        ).fetchall()
        for (name,) in names:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def _shared_lock() -> Iterator[Path]:
    """The session's folder, held by this process alone until the block ends."""
    if SHARED not in os.environ:  # not under pytest (a script): a session of its own
        begin_session()
        atexit.register(end_session)
    folder = Path(os.environ[SHARED])
    with open(folder / "lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield folder
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def server_url() -> str:
    """The admin URL of the session's server (started on first use), or a skip."""
    if "url" in _state:
        return str(_state["url"])
    if "skip" in _state:
        pytest.skip(str(_state["skip"]))
    try:
        import psycopg  # noqa: F401
    except ImportError:
        _state["skip"] = "PostgreSQL tests need psycopg: pip install -e '.[test]'"
        pytest.skip(str(_state["skip"]))
    url = os.environ.get(ENV) or _shared_server()
    _state["url"] = url
    if os.environ.get(ENV):  # said for the session's end: the templates to drop there
        with _shared_lock() as shared:
            (shared / "server-url").write_text(url)
    return url


def _shared_server() -> str:
    """The URL of the server the session's processes share, started by the first."""
    from tests import pgserver

    with _shared_lock() as shared:
        folder = shared / "server"
        said = shared / "server-url"
        if said.exists():
            return said.read_text()
        refused = shared / "server-refused"  # said once: the others skip at once
        reason = refused.read_text() if refused.exists() else None
        if reason is None and pgserver.find_bindir() is None:
            reason = ENABLE_HINT
        if reason is None:
            try:
                url = pgserver.start(folder, ram=True)
            except Exception as error:
                pgserver.stop(folder)
                reason = f"could not start PostgreSQL ({error}); {ENABLE_HINT}"
                refused.write_text(reason)
        if reason is not None:
            _state["skip"] = reason
            pytest.skip(reason)
        said.write_text(url)
        return url


def with_database(url: str, name: str) -> str:
    """`url` naming database `name` instead of its own."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def _admin(sql: str) -> None:
    """`sql` on the server's admin database, through this process's one connection:
    every PostgreSQL test makes and drops a database, and a connection apiece cost the
    server a backend each (~500 a run). A connection the server dropped is made again."""
    import psycopg

    connection = _state.get("admin")
    if not isinstance(connection, psycopg.Connection) or connection.closed:
        connection = _state["admin"] = psycopg.connect(server_url(), autocommit=True)
        atexit.register(connection.close)
    try:
        connection.execute(sql)
    except psycopg.OperationalError:
        if not connection.closed and not connection.broken:
            raise
        _state.pop("admin", None)
        _admin(sql)  # the server closed it (a restart): once more, on a new one


def _worker() -> str:
    return os.environ.get("PYTEST_XDIST_WORKER", "main")


def _session() -> str:
    """What the session's processes name their shared templates by: one server may
    serve several sessions at once (NETRACK_TEST_PG_URL)."""
    return Path(os.environ.get(SHARED) or f"pid{os.getpid()}").name.replace("-", "_")


def _shared_database(kind: str, today: date, fill: Callable[[str], None]) -> str:
    """The session's database `kind` for `today`, made by `fill(name)` by the first
    process to ask (the others wait for it under the lock, then copy it)."""
    key = f"{kind}-{today}"
    if key not in _state:
        import psycopg

        name = f"{kind}_{_session()}_{today:%Y%m%d}"
        url = server_url()  # before the lock: starting the server takes it too
        with _shared_lock(), psycopg.connect(url, autocommit=True) as admin:
            made = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,))
            if made.fetchone() is None:
                try:
                    fill(name)
                except BaseException:
                    _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                    raise
        _state[key] = name
    return str(_state[key])


def _template(today: date) -> str:
    """A database migrated with `today` as the clock (goal dates read it)."""

    def migrate(name: str) -> None:
        from netrack.data.repo import Repo
        from netrack.data.server import ServerAddress

        _admin(f'CREATE DATABASE "{name}"')
        Repo.open(ServerAddress(with_database(server_url(), name)), clock=lambda: today).close()

    return _shared_database("tpl", today, migrate)


def _demo_template(today: date) -> str:
    """A database holding the demo data for `today`, written once per session (the
    demo's few hundred writes cost seconds on a server; copying it, milliseconds)."""
    template = _template(today)

    def fill(name: str) -> None:
        from netrack.data.repo import Repo
        from netrack.data.server import ServerAddress
        from netrack.demo import fill_demo

        _admin(f'CREATE DATABASE "{name}" TEMPLATE "{template}" STRATEGY FILE_COPY')
        repo = Repo.open(ServerAddress(with_database(server_url(), name)), clock=lambda: today)
        try:
            fill_demo(repo, today)
        finally:
            repo.close()

    return _shared_database("demo", today, fill)


def fresh_database(today: date | None = None, demo: bool = False) -> str:
    """The URL of a new database of its own: migrated with `today` (holding the demo
    data when `demo`), or empty (None)."""
    name = f"t_{_worker()}_{os.getpid()}_{next(_counter)}"
    source = "template0"
    if today is not None:
        source = _demo_template(today) if demo else _template(today)
    _admin(f'CREATE DATABASE "{name}" TEMPLATE "{source}" STRATEGY FILE_COPY')
    return with_database(server_url(), name)


def drop_database(url: str) -> None:
    name = urlsplit(url).path.lstrip("/")
    _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def new_database(
    backend: str, path: Path, today: date | None, demo: bool = False
) -> Iterator[Path | ServerAddress]:
    """A new database of `backend` for one test: the file `path` (not yet created), or a
    fresh server database as `fresh_database(today, demo)` makes it, dropped after."""
    if backend == "sqlite":
        yield path
        return
    from netrack.data.server import ServerAddress

    url = fresh_database(today, demo)
    yield ServerAddress(url)
    drop_database(url)


BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgresql)]


def dump(url: str) -> list[str]:
    """What a server database holds, as text to compare: each table's columns, then its
    rows in a stable order (all columns), then its indexes and the sequences' states."""
    import psycopg

    lines: list[str] = []
    with psycopg.connect(url, autocommit=True) as connection:
        tables = connection.execute(
            "SELECT table_name, string_agg(column_name || ' ' || data_type || ' ' "
            "|| is_nullable || ' ' || coalesce(column_default, ''), ', ' "
            "ORDER BY ordinal_position) FROM information_schema.columns "
            "WHERE table_schema = 'public' GROUP BY table_name ORDER BY table_name"
        ).fetchall()
        for table, columns in tables:
            lines.append(f"TABLE {table} ({columns})")
            count = len(columns.split(", "))
            order = ", ".join(str(n) for n in range(1, count + 1))
            rows = connection.execute(f'SELECT * FROM "{table}" ORDER BY {order}').fetchall()
            lines += [f"{table} {row!r}" for row in rows]
        indexes = connection.execute(
            "SELECT indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY indexname"
        ).fetchall()
        lines += [f"INDEX {definition}" for (definition,) in indexes]
        for (sequence,) in connection.execute(
            "SELECT sequence_name FROM information_schema.sequences ORDER BY 1"
        ).fetchall():
            state = connection.execute(f'SELECT last_value, is_called FROM "{sequence}"')
            lines.append(f"SEQUENCE {sequence} {state.fetchone()!r}")
    return lines


def empty_database(url: str, today: date) -> None:
    """The database at `url` made again as a new one (migrated with `today`, no data):
    what deleting a file is to SQLite, whose next command makes and migrates a new one
    (a copy of the template is faster than migrating)."""
    name = urlsplit(url).path.lstrip("/")
    _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    _admin(f'CREATE DATABASE "{name}" TEMPLATE "{_template(today)}" STRATEGY FILE_COPY')


def sql(url: str, statement: str, params: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    """One statement (`?` placeholders) on a server database, committed; its rows."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        cursor = connection.execute(statement.replace("?", "%s"), params)  # type: ignore[arg-type]
        return list(cursor.fetchall()) if cursor.description else []


def terminate_connections(address: ServerAddress) -> None:
    """What a restarting server does to every client of `address`'s database: each is
    gone when this returns (PostgreSQL 14+ waits up to the timeout given for it; without
    it, a client could still run its next statement on a busy machine, and a test then
    saw "terminating connection" where it waits for a server that is gone)."""
    import psycopg

    with psycopg.connect(server_url(), autocommit=True) as admin:
        admin.execute(
            "SELECT pg_terminate_backend(pid, 10000) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()",
            (address.dbname,),
        )
