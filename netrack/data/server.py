"""A netrack database on a PostgreSQL server: its address, its driver, opening it.

The address is a libpq URL (`postgresql://user@host:5432/netrack?sslmode=require`);
everything else libpq reads by itself (PGPASSWORD, ~/.pgpass, PGSSLMODE…). A password
in the URL is used and never shown: what netrack prints is `ServerAddress.display`,
the URL without password or query. Driver: psycopg 3 (the `postgres` extra).

A server database differs from a file in what the file gave for free: the write lock
(a transaction-scoped advisory lock, so writers queue as on SQLite and "the largest id
plus one" stays exact), the schema version (a one-row table, not PRAGMA user_version),
and change notices (NOTIFY on every write, LISTEN in `Changes` and `server_watch`).
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, unquote, urlsplit

from peewee import DatabaseError, PostgresqlDatabase

from netrack.data import drivers
from netrack.data.server_rights import quoted_name
from netrack.domain.errors import InputError, StorageError

SCHEMES = ("postgresql://", "postgres://")
INSTALL_HINT = "pip install 'netrack[postgres]'"
# Every writer takes this transaction-scoped advisory lock first: one writer at a time.
WRITE_LOCK = 0x6E657472  # "netr"
CHANNEL = "netrack_changes"
VERSION_TABLE = "netrack_schema"


def is_server_url(text: str) -> bool:
    return text.strip().lower().startswith(SCHEMES)


class ServerAddress:
    """Where a netrack database on a server is. `str()` is the display form: never the
    password, never the query (it may hold one too)."""

    def __init__(self, url: str) -> None:
        url = url.strip()
        scheme, _, rest = url.partition("://")
        self.url = f"postgresql://{rest}" if scheme.lower() in ("postgres", "postgresql") else url
        _refuse_ambiguous(rest)
        try:
            parts = urlsplit(self.url)
            parts.hostname  # noqa: B018  (raises on a broken [IPv6] host)
            if "," not in parts.netloc:  # host1:5432,host2:5433 is libpq's, not Python's
                parts.port  # noqa: B018  (raises on a port that is no number)
        except ValueError:
            raise InputError(f"not a PostgreSQL URL netrack can read; {URL_FORM}") from None
        query = parse_qs(parts.query)
        self.user = unquote(parts.username or "") or _first(query, "user")
        # libpq's own defaults where the URL names none: PGHOST, PGPORT (two servers
        # reached as postgresql:///netrack are told apart by them, backups included).
        # None at all ("") is libpq's default socket, not TCP to localhost.
        host = parts.hostname or _first(query, "host") or os.environ.get("PGHOST") or ""
        self.host = unquote(host)
        port = parts.port if _port_ok(parts) else None
        given_port = _first(query, "port") or os.environ.get("PGPORT", "")
        self.port = port if port is not None or not given_port.isdigit() else int(given_port)
        self.dbname = unquote(parts.path.lstrip("/")) or _first(query, "dbname") or self.user
        self.display = self._display()
        # The schema the server writes netrack's tables to (the first on the search path
        # that exists), as `connect` finds it: None until then.
        self.schema: str | None = None
        # Each password as written and as decoded: libpq may echo either ("invalid
        # percent-encoded token: ..." repeats the raw text, `+` and `%zz` included).
        raw = [
            value for key, _, value in (pair.partition("=") for pair in parts.query.split("&"))
            if unquote(key) == "password"
        ]  # fmt: skip
        given = [parts.password or "", *raw]
        found = {*given, *(unquote(x) for x in given), *query.get("password", [])}
        # Longest first: a password that holds another is blanked whole.
        self.secrets = sorted((x for x in found if x), key=len, reverse=True)

    def _display(self) -> str:
        """The URL without password or query, percent-encoded as a URL must be: a
        database `client ü/1` shown decoded could not be pasted back into `--db`."""
        who = f"{quote(self.user, safe='')}@" if self.user else ""
        name = quote(self.dbname, safe="")
        if not self.host:  # libpq's default socket: the URL names no host either
            return f"postgresql://{who}/{name}" + (
                "" if self.port is None else f"?port={self.port}"
            )
        if self.host.startswith("/"):  # a socket's folder: where the URL's form puts it
            port_part = "" if self.port is None else f"&port={self.port}"
            return f"postgresql://{who}/{name}?host={quote(self.host, safe='/')}{port_part}"
        host = quote(self.host, safe=":,")  # libpq's host1:5432,host2 list kept as written
        if ":" in self.host and "," not in self.host:
            host = f"[{self.host}]"  # an IPv6 address, in the brackets it came in
        where = host if self.port is None else f"{host}:{self.port}"
        return f"postgresql://{who}{where}/{name}"

    def __str__(self) -> str:
        return self.display

    def __repr__(self) -> str:
        return f"ServerAddress({self.display!r})"

    @property
    def path(self) -> Path:
        """A nominal file in netrack's data folder: backups of this database go to the
        `backups/` folder beside it, named after the database and its server
        (`netrack@db.example.com-5432`), and after the schema when it is not `public`
        (`coach@db.example.com-5432@alice`): two servers each with a database `netrack`,
        or two schemas of one database (a coach's clients), never take each other's
        backups for their own. Read once connected (the schema is the server's answer)."""
        from netrack.locations import data_dir

        # "localhost" for the default socket: the name its backups were made with
        host = self.host or "localhost"
        server = host if self.port is None else f"{host}-{self.port}"
        name = f"{self.dbname or 'netrack'}@{server}"
        if self.schema not in (None, "public"):  # `public` keeps the names made before
            name = f"{name}@{self.schema}"
        return data_dir() / f"{_safe(name)}.postgresql"

    def scrub(self, text: str) -> str:
        """`text` with any password of the address blanked where a message can hold one:
        the URL (libpq may echo it), a URL's user part, a `password=` keyword, and the
        quoted token libpq repeats when it cannot decode a password. Not every substring:
        a one-letter password made "connection failed" read "conn***ction fail***d",
        and told the password by its gaps; nor the message's own words, for a long one
        (`server_secrets`)."""
        # Loaded when a server's message is said: every command on a file imports this
        # module, and its patterns cost a file's `netrack log` ~0.4 ms for nothing.
        from netrack.data.server_secrets import blank_passwords

        text = text.replace(self.url, self.display)
        return blank_passwords(text, self.secrets, shown=(self.user, self.dbname, self.host))


# What mends a server database whose schema is not netrack's: a restore keeps the tables
# it finds (it replaces rows), so a backup goes into a new, empty database instead.
NEW_DATABASE = (
    "restore a backup into a new, empty database (CREATE DATABASE …, then `netrack "
    "restore FILE --db postgresql://…/NEW`), or ask the server's owner what changed"
)
URL_FORM = (
    "the form is postgresql://user:password@host:port/dbname, with @ / ? # in a password "
    "written %40 %2F %3F %23"
)


def _refuse_ambiguous(rest: str) -> None:
    """Refuse a URL whose user and password part libpq and netrack would split apart
    differently, or whose port is no number: each would then take another piece for
    the host or the database, and a piece of a password could be shown as one. Said
    without the URL.

    libpq takes the credentials up to the first `@` met before any `/`; Python's
    `urlsplit` up to the last `@` before the first `/`, `?` or `#`. A password with an
    `@`, `/`, `?` or `#` written plainly is where they part."""
    scanned = re.match(r"[^@/]*", rest)
    end = scanned.end() if scanned else 0
    by_libpq = rest[:end] if rest[end : end + 1] == "@" else None
    netloc = re.split(r"[/?#]", rest, maxsplit=1)[0]
    by_python = netloc.rpartition("@")[0] if "@" in netloc else None
    if by_libpq != by_python:
        raise InputError(f"the PostgreSQL URL cannot be read as it is written; {URL_FORM}")
    # Both parsers agree, but after a password an `@` left in the database name or
    # after a `#` is the password's own (`kP@9x/aQz7`): read as written, its tail became
    # the host and the database, and was shown as them. (Without a password, `my@db` is
    # a database name libpq takes.)
    after = rest[len(netloc) :]
    path, _, fragment = after.partition("#")
    has_password = by_libpq is not None and ":" in by_libpq
    # A password of digits then `/` (`1234/Spring@host/db`): both read `weird:1234` as a
    # host and a port, with no password at all, and the rest, shown, as the database.
    hidden_host = re.search(r"@[A-Za-z0-9.\-\[\]:]+/", after)
    if hidden_host or (has_password and ("@" in path.partition("?")[0] or "@" in fragment)):
        raise InputError(f"the PostgreSQL URL cannot be read as it is written; {URL_FORM}")


def _first(query: dict[str, list[str]], key: str) -> str:
    return query.get(key, [""])[0]


def _port_ok(parts: Any) -> bool:
    try:
        return parts.port is not None
    except ValueError:
        return False


def _safe(name: str) -> str:
    """`name` as a file name; one that had to change carries a digest of itself, so two
    names made alike ("client 1", "client_1") never share backups."""
    safe = re.sub(r"[^A-Za-z0-9._@-]+", "_", name)
    if safe == name:
        return safe
    return f"{safe}-{hashlib.sha256(name.encode()).hexdigest()[:8]}"


def driver() -> Any:
    """psycopg, or the one line saying how to install it."""
    try:
        psycopg = drivers.psycopg()
    except ImportError:
        raise InputError(
            f"PostgreSQL needs its driver: {INSTALL_HINT} (then run the command again)"
        ) from None
    return psycopg


class _Bounded(PostgresqlDatabase):  # type: ignore[misc]  # peewee is untyped
    """Every connection's wait for another program's lock bounded, reads too (a write
    sets its own bound: `take_write_lock`). Set once each connection opens, not as
    libpq `options`: those would replace the ones PGOPTIONS, a service file or the URL
    give (a client's search_path), and netrack would read another schema."""

    def _initialize_connection(self, conn: Any) -> None:
        from netrack.data.db import BUSY_TIMEOUT_S

        super()._initialize_connection(conn)  # type: ignore[misc]
        cursor = conn.cursor()
        try:
            cursor.execute(f"SET lock_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        finally:
            cursor.close()


def connect(address: ServerAddress) -> PostgresqlDatabase:
    """A handle on the server database (connected: a wrong password fails here)."""
    driver()
    db = _Bounded(address.url, prefer_psycopg3=True, application_name="netrack", autoconnect=True)
    try:
        db.connect()
        encoding, schema = db.execute_sql(
            "SELECT current_setting('server_encoding'), current_schema()"
        ).fetchone()
    except DatabaseError as error:
        raise StorageError(describe(error, address)) from None
    except Exception as error:  # the driver's own errors, before peewee wraps them
        raise StorageError(describe(error, address)) from None
    if isinstance(encoding, bytes):  # SQL_ASCII hands its own name back as bytes too
        encoding = encoding.decode("ascii", "replace")
    if encoding.upper() not in ("UTF8", "UTF-8"):
        # LATIN1 cannot hold "😀"; SQL_ASCII hands back bytes, not text
        db.close()
        raise StorageError(
            f"{address} is a database in {encoding}, and netrack needs UTF8: make it with "
            f"CREATE DATABASE {quoted_name(address.dbname)} ENCODING 'UTF8' TEMPLATE template0"
        )
    address.schema = schema
    return db


# What a server answers when it is there and will not let this login in: trying again
# changes nothing until the password, the role or the database is mended.
_LOGIN_REFUSED = (
    "authentication failed",
    "no password supplied",
    "is not permitted to log in",
    "pg_hba.conf",
    "does not exist",
)


def refuses_login(error: BaseException) -> bool:
    """Whether `error` is the server refusing this login (not a server gone)."""
    text = str(error)
    return any(words in text for words in _LOGIN_REFUSED)


# The end of the line for no server at a socket (`describe`): what follows it says so
# inside it, not in a second parenthesis (`Store`).
NOT_RUNNING = "(is it running?)"


def describe(error: BaseException, address: ServerAddress) -> str:
    """One line for a server error, with the address and never a password."""
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    message = address.scrub(lines[0] if lines else type(error).__name__)
    message = re.sub(r"^connection (?:is bad|failed): ", "", message)  # psycopg's plumbing
    # No server on a socket: libpq's bare "No such file or directory" read as a missing
    # file (an `--out` path); its hint, on the next line, says what it means.
    no_server = re.match(
        r'^connection to server on socket "([^"]*)" failed: '
        r"(?:No such file or directory|Connection refused)$",
        message,
    )
    if no_server:
        return f'cannot use {address}: no server answers at socket "{no_server[1]}" {NOT_RUNNING}'
    # libpq's own: `at "db.example.com" (10.0.0.5), port 5432`, `at "127.0.0.1", port
    # 5432` (an address given as one), or a socket's.
    message = re.sub(
        r'^connection to server (?:at "[^"]*"(?: \([^)]*\))?, port \d+|on socket "[^"]*") '
        "failed: ",
        "",
        message,
    )
    message = re.sub(r"^consuming input failed: ", "", message)  # libpq's plumbing
    message = re.sub(r"^(?:FATAL|ERROR): +", "", message)  # the server's severity word
    too_long = re.match(r'index row size \d+ exceeds .*? for index "(\w+)"', message)
    if too_long:
        return (
            f"{address}: a text is too long for the server's index {too_long[1]} "
            "(PostgreSQL keeps at most 2,704 bytes of an index entry); nothing was written"
        )
    if "lock timeout" in message:
        return f"{address} is busy (another program holds the write lock for too long); try again"
    if "read-only" in message:  # the database's or server's doing, not the role's
        return f"{address}: {message} (the database is read-only here: netrack doctor says why)"
    if "permission denied for database" in message:
        return f"{address}: {message} (the role may not connect to it: ask the server's owner)"
    if "permission denied" in message:
        # A read refused too ("for table time_entry" as a reviewer lists time): not
        # "cannot write" then, but a privilege to ask for.
        return f"{address}: {message} (the role lacks that privilege: ask the server's owner)"
    return f"cannot use {address}: {message}"


def open_server(
    address: ServerAddress,
    migrate: bool = True,
    today: Callable[[], date] | None = None,
    check: Callable[[PostgresqlDatabase, ServerAddress], None] | None = None,
) -> PostgresqlDatabase:
    """Connect to the database at `address`, refuse it if it is not netrack's, and
    migrate it to the current schema (a new, empty database gets every step); `check`:
    what else refuses it once migrated (`server_mend.refuse_changed_triggers`)."""
    from netrack.data.migrations import postgres

    db = connect(address)
    try:
        if migrate:
            postgres.upgrade(db, address, today)
            if check is not None:
                check(db, address)
        else:
            postgres.check(db, address)
    except DatabaseError as error:
        db.close()
        raise StorageError(describe(error, address)) from None
    except StorageError:
        db.close()
        raise
    return db


def take_write_lock(db: PostgresqlDatabase, seconds: float, sender: str = "") -> None:
    """Queue behind any other netrack writer, at most `seconds` (then a lock timeout).

    The change notice names its `sender` (a store's own token): a store's watcher skips
    the notices of its own writes, whichever of its connections made them."""
    milliseconds = max(1, int(seconds * 1000))
    # For the whole write, not the queue alone: another program's table lock (a LOCK
    # TABLE, a long ALTER) held a write for as long as it lasted (SPEC: waiting is
    # bounded, then "is busy … try again" and nothing written).
    db.execute_sql(f"SET LOCAL lock_timeout = {milliseconds}")
    db.execute_sql("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
    # Delivered at commit, dropped on rollback.
    db.execute_sql("SELECT pg_notify(%s, %s)", (CHANNEL, sender))


def schema_version(db: PostgresqlDatabase) -> int:
    found = db.execute_sql("SELECT to_regclass(%s) IS NOT NULL", (VERSION_TABLE,)).fetchone()
    if not found[0]:
        return 0
    row = db.execute_sql(f'SELECT "version" FROM "{VERSION_TABLE}"').fetchone()
    return int(row[0]) if row else 0


class Changes:
    """Other connections' writes, told by NOTIFY: a counter that grows with each one
    (the server's `data_version`). One listening connection per store and thread,
    opened on first use and closed by that thread's `Store.close()`; a write of this
    thread's own connection is not counted (as SQLite's data_version ignores the
    connection's own commits)."""

    def __init__(self, address: ServerAddress) -> None:
        self.address = address
        self.count = 0
        self._listener: Any = None

    def version(self, own_pid: int | None) -> int:
        listener = self._connect()
        for notice in listener.notifies(timeout=0):
            if notice.pid != own_pid:
                self.count += 1
        return self.count

    def _connect(self) -> Any:
        if self._listener is None or self._listener.closed:
            psycopg = driver()
            try:
                listener = psycopg.connect(self.address.url, autocommit=True)
            except Exception as error:
                raise StorageError(describe(error, self.address)) from None
            listener.execute(f"LISTEN {CHANNEL}")
            self._listener = listener
        return self._listener

    def close(self) -> None:
        if self._listener is not None:
            self._listener.close()
            self._listener = None
