"""PostgreSQL for the tests: one throwaway server per test session, one fresh database
per test.

The server is NETRACK_TEST_PG_URL's (`.ci/run` starts one), else one this session
starts itself when PostgreSQL's binaries are installed (tests/pgserver.py). Without
either, the PostgreSQL variants of the tests skip, saying how to enable them.

A fresh database is a copy of a template already migrated with the test's "today"
(CREATE DATABASE … TEMPLATE: a few milliseconds, where migrating costs a hundred).
"""

from __future__ import annotations

import atexit
import itertools
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit, urlunsplit

import pytest

if TYPE_CHECKING:
    from netrack.data.server import ServerAddress

ENV = "NETRACK_TEST_PG_URL"
ENABLE_HINT = (
    f"PostgreSQL tests need a server: set {ENV}=postgresql://… (a role that may CREATE "
    "DATABASE), or install PostgreSQL (apt-get install postgresql) so the tests start one"
)

_state: dict[str, object] = {}
_counter = itertools.count()


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
    url = os.environ.get(ENV)
    if not url:
        from tests import pgserver

        if pgserver.find_bindir() is None:
            _state["skip"] = ENABLE_HINT
            pytest.skip(ENABLE_HINT)
        folder = Path(tempfile.mkdtemp(prefix="netrack-pg-")) / "server"
        try:
            url = pgserver.start(folder)
        except Exception as error:
            pgserver.stop(folder)
            _state["skip"] = f"could not start PostgreSQL ({error}); {ENABLE_HINT}"
            pytest.skip(str(_state["skip"]))
        atexit.register(pgserver.stop, folder)
    _state["url"] = url
    return url


def with_database(url: str, name: str) -> str:
    """`url` naming database `name` instead of its own."""
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def _admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(server_url(), autocommit=True) as connection:
        connection.execute(sql)


def _worker() -> str:
    return os.environ.get("PYTEST_XDIST_WORKER", "main")


def _template(today: date) -> str:
    """A database migrated with `today` as the clock (goal dates read it)."""
    key = f"template-{today}"
    if key not in _state:
        from netrack.data.repo import Repo
        from netrack.data.server import ServerAddress

        name = f"tpl_{_worker()}_{os.getpid()}_{today:%Y%m%d}"
        _admin(f'DROP DATABASE IF EXISTS "{name}"')
        _admin(f'CREATE DATABASE "{name}"')
        Repo.open(ServerAddress(with_database(server_url(), name)), clock=lambda: today).close()
        _state[key] = name
    return str(_state[key])


def _demo_template(today: date) -> str:
    """A database holding the demo data for `today`, written once per test process (the
    demo's few hundred writes cost seconds on a server; copying it, milliseconds)."""
    key = f"demo-{today}"
    if key not in _state:
        from netrack.data.repo import Repo
        from netrack.data.server import ServerAddress
        from netrack.demo import fill_demo

        name = f"demo_{_worker()}_{os.getpid()}_{today:%Y%m%d}"
        _admin(f'DROP DATABASE IF EXISTS "{name}"')
        _admin(f'CREATE DATABASE "{name}" TEMPLATE "{_template(today)}" STRATEGY FILE_COPY')
        url = with_database(server_url(), name)
        repo = Repo.open(ServerAddress(url), clock=lambda: today)
        try:
            fill_demo(repo, today)
        finally:
            repo.close()
        _state[key] = name
    return str(_state[key])


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
    """What a restarting server does to every client of `address`'s database."""
    import psycopg

    with psycopg.connect(server_url(), autocommit=True) as admin:
        admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()",
            (address.dbname,),
        )
