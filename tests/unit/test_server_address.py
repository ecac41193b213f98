"""How a server database is named: in messages (host, port and socket folder where the
URL's own form puts them) and in its backups (the database and its server: two servers
each with a database `netrack` never take each other's backups for their own)."""

from __future__ import annotations

import pytest

from netrack.data import server_care
from netrack.data.server import ServerAddress, describe


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        (
            "postgresql://netrack_test@/x?host=/tmp/a/run&port=5433",
            "postgresql://netrack_test@/x?host=/tmp/a/run&port=5433",
        ),
        (
            "postgresql://me:secret@db.example.com:5432/prod",
            "postgresql://me@db.example.com:5432/prod",
        ),
        (
            "postgresql:///prod?host=/var/run/postgresql",
            "postgresql:///prod?host=/var/run/postgresql",
        ),
        # libpq's default socket, not TCP to localhost as it was shown
        ("postgresql:///prod", "postgresql:///prod"),
        ("postgresql://me:pw@/prod?port=5433", "postgresql://me@/prod?port=5433"),
    ],
)
def test_the_address_reads_as_a_url(url: str, shown: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A socket folder was shown where the database goes, and a port in the query was
    dropped: `postgresql://netrack_test@/tmp/a/run/x`."""
    monkeypatch.delenv("PGHOST", raising=False)
    monkeypatch.delenv("PGPORT", raising=False)
    assert str(ServerAddress(url)) == shown


def test_the_default_socket_keeps_the_backup_names_it_had(
    tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Shown as the URL was given, its backups still named as before ("localhost")."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    monkeypatch.delenv("PGHOST", raising=False)
    monkeypatch.delenv("PGPORT", raising=False)
    assert ServerAddress("postgresql://me@/prod?port=5433").path.stem == "prod@localhost-5433"
    assert ServerAddress("postgresql:///prod").path.stem == "prod@localhost"


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        (
            "postgresql://netrack_test@/fixg_%C3%BC%20b%2Fx?host=/tmp/pg/run&port=5433",
            "postgresql://netrack_test@/fixg_%C3%BC%20b%2Fx?host=/tmp/pg/run&port=5433",
        ),
        (
            "postgresql://j%C3%BCrgen:s%40cret@db.example.com:5432/client%3F1?sslmode=require",
            "postgresql://j%C3%BCrgen@db.example.com:5432/client%3F1",
        ),
        ("postgresql:///x?host=/tmp/my%20pg/run", "postgresql:///x?host=/tmp/my%20pg/run"),
        ("postgresql://me:pw@[::1]:5432/x", "postgresql://me@[::1]:5432/x"),
    ],
)
def test_the_address_shown_can_be_pasted_back(url: str, shown: str) -> None:
    """A database named `fixg_ü b/x` was shown as `…/fixg_ü b/x?host=…`: not a URL
    that names it again. Shown percent-encoded, the password still left out."""
    address = ServerAddress(url)
    assert str(address) == shown and "cret" not in shown and "pw" not in shown
    again = ServerAddress(str(address))
    assert (again.user, again.host, again.port, again.dbname) == (
        address.user,
        address.host,
        address.port,
        address.dbname,
    )


def test_each_server_has_its_own_backups(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    one = ServerAddress("postgresql://coach@/netrack?host=/tmp/s1/run&port=5433")
    two = ServerAddress("postgresql://coach@/netrack?host=/tmp/s2/run&port=5433")
    other_port = ServerAddress("postgresql://coach@db.example.com:5434/netrack")
    names = {one.path.stem, two.path.stem, other_port.path.stem}
    assert len(names) == 3
    first = server_care.default_backup_file(one)
    first.parent.mkdir(parents=True)
    first.write_text("{}")
    assert server_care._last_backup(one) == str(first)
    assert server_care._last_backup(two) is None  # it showed server 1's backup
    assert server_care._last_backup(other_port) is None


def test_pghost_and_pgport_name_the_server_and_names_made_alike_stay_apart(
    tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`postgresql:///netrack` on two servers (PGHOST, PGPORT) was "localhost" for both,
    and shared backups; so did databases "client 1" and "client_1"."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    monkeypatch.setenv("PGHOST", "/tmp/s1/run")
    monkeypatch.setenv("PGPORT", "5433")
    one = ServerAddress("postgresql:///netrack")
    assert str(one) == "postgresql:///netrack?host=/tmp/s1/run&port=5433"
    monkeypatch.setenv("PGHOST", "/tmp/s2/run")
    two = ServerAddress("postgresql:///netrack")
    assert one.path.stem != two.path.stem
    spaced = ServerAddress("postgresql://h:5432/client%201")
    underscored = ServerAddress("postgresql://h:5432/client_1")
    assert spaced.path.stem != underscored.path.stem


def test_a_schema_other_than_public_names_its_own_backups(
    tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two clients in schemas of one database shared one name; `public` keeps the name
    backups had before (they stay found)."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    url = "postgresql://coach@db.example.com:5432/coach"
    alice, bruno, public = ServerAddress(url), ServerAddress(url), ServerAddress(url)
    assert public.path.stem == "coach@db.example.com-5432"
    public.schema, alice.schema, bruno.schema = "public", "alice", "bruno"
    assert public.path.stem == "coach@db.example.com-5432"
    assert (alice.path.stem, bruno.path.stem) == (
        "coach@db.example.com-5432@alice",
        "coach@db.example.com-5432@bruno",
    )


@pytest.mark.parametrize(
    ("password", "error", "said"),
    [
        (  # libpq never echoes a password: a short one left every other word intact
            "e",
            'connection failed: connection to server at "127.0.0.1", port 49941 failed: '
            'FATAL:  password authentication failed for user "netrack_pw"',
            'password authentication failed for user "netrack_pw"',
        ),
        (
            "4",
            'connection failed: connection to server at "127.0.0.1", port 49941 failed: '
            "Connection refused",
            "Connection refused",
        ),
        (
            "e",
            'connection failed: connection to server at "db.example.com" (10.0.0.5), '
            'port 5432 failed: FATAL:  database "nosuchdb" does not exist',
            'database "nosuchdb" does not exist',
        ),
        (  # where libpq does repeat one: the token it cannot decode, a URL, a keyword
            "a%zz",
            'invalid percent-encoded token: "a%zz"',
            'invalid percent-encoded token: "***"',
        ),
        (
            "e",
            'no "postgresql://netrack_pw:e@127.0.0.1:49941/db", "postgres://netrack_pw:e@h", '
            "host=x password=e port=1",
            'no "postgresql://netrack_pw@127.0.0.1:49941/db", "postgres://netrack_pw@h", '
            "host=x password=*** port=1",
        ),
        (  # a long one, anywhere
            "Wr0ng-Secret-Pass",
            "odd echo Wr0ng-Secret-Pass here",
            "odd echo *** here",
        ),
        ("SecretPassword", "odd echo SecretPassword here", "odd echo *** here"),
        (
            "Wr0ng-Secret-Pass",
            'unexpected spaces found in "a Wr0ng-Secret-Pass", use percent-encoded spaces',
            'unexpected spaces found in "a ***", use percent-encoded spaces',
        ),
        *(  # but not where it is the server's own words, or the user it names
            (
                password,
                'connection failed: connection to server at "127.0.0.1", port 49941 failed: '
                'FATAL:  password authentication failed for user "netrack_pw"',
                'password authentication failed for user "netrack_pw"',
            )
            for password in ("password", "netrack_pw", "failed%20for", "ailed%20fo")
        ),
    ],
)
def test_a_server_error_is_one_readable_line_without_the_password(
    password: str, error: str, said: str
) -> None:
    address = ServerAddress(f"postgresql://netrack_pw:{password}@127.0.0.1:49941/db")
    assert describe(Exception(error), address) == (
        f"cannot use postgresql://netrack_pw@127.0.0.1:49941/db: {said}"
    )
