"""PostgreSQL schemas: a database's netrack tables in one schema while the search path
starts elsewhere, and a coach's clients each in a schema of one database."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from netrack import cli
from netrack.data.server import ServerAddress
from tests import pg

from .helpers import TODAY

pytestmark = pytest.mark.postgresql


@pytest.fixture
def url() -> Iterator[str]:
    """An empty server database (no schema yet), dropped after the test."""
    made = pg.fresh_database(None)
    yield made
    pg.drop_database(made)


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setattr("netrack.locations.data_dir", lambda: folder)
    return folder


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def tables_in(url: str) -> dict[str, int]:
    """Each schema holding tables, and how many (the server's own left out)."""
    rows = pg.sql(
        url,
        "SELECT table_schema, count(*) FROM information_schema.tables WHERE table_schema "
        "NOT IN ('pg_catalog', 'information_schema') GROUP BY table_schema",
    )
    return {str(schema): int(str(count)) for schema, count in rows}


@pytest.mark.parametrize("first", ["the role's", "a client's"])
def test_tables_past_an_empty_first_schema_are_refused_naming_both(
    url: str, data_dir: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch, first: str,
) -> None:  # fmt: skip
    """An empty schema named after the role (first on PostgreSQL's default search path
    `"$user", public`), or a client's before `public`: the version table was found along
    the search path, the triggers looked for in the empty schema alone, and the database
    was said not to be netrack's ("trigger … is missing"; doctor: "table campaign is
    missing"), though its tables were intact in `public`."""
    monkeypatch.setenv("NETRACK_TODAY", TODAY)
    assert run(capsys, "contact", "add", "Ana López", "--db", url)[0] == 0
    before = tables_in(url)
    if first == "the role's":
        empty = ServerAddress(url).user
        why = ' (named after the role, which PostgreSQL\'s default search path "$user", public puts first)'  # fmt: skip
    else:
        empty = "client2"
        monkeypatch.setenv("PGOPTIONS", "-c search_path=client2,public")
        why = ""
    pg.sql(url, f'CREATE SCHEMA "{empty}"')
    said = (
        f"netrack: {ServerAddress(url)}: netrack's tables are in schema public, but the first "
        f"schema on the search path is {empty}{why}; put public first (PGOPTIONS='-c "
        f"search_path=public') or drop the schema {empty} if it is empty — nothing was changed\n"
    )
    for command in (["contact", "list"], ["contact", "add", "Raj Patel"], ["doctor", "--fix"]):
        code, out, err = run(capsys, *command, "--db", url)
        assert (code, out, err) == (2, "", said)
    assert tables_in(url) == before  # nothing made in the empty schema
    assert pg.sql(url, "SELECT name FROM public.contact") == [("Ana López",)]
    monkeypatch.setenv("PGOPTIONS", "-c search_path=public")
    code, out, _err = run(capsys, "contact", "list", "--db", url)
    assert code == 0 and "Ana López" in out


def last_backup(capsys: pytest.CaptureFixture[str], url: str) -> str:
    code, out, err = run(capsys, "doctor", "--db", url)
    assert code == 0, err
    (line,) = (line for line in out.splitlines() if line.startswith("last backup:"))
    return line.removeprefix("last backup:").strip()


def test_each_clients_schema_has_its_own_backups(
    url: str, data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Backups were named after the database and its server alone: with a coach's
    clients each in a schema of one database, Bruno's doctor gave Alice's backup as his
    last one. A database used without a schema of its own keeps the names it had."""
    monkeypatch.setenv("NETRACK_TODAY", TODAY)
    pg.sql(url, "CREATE SCHEMA alice")
    pg.sql(url, "CREATE SCHEMA bruno")
    for client, contact in (("alice", "Alice's contact"), ("bruno", "Bruno's contact")):
        monkeypatch.setenv("PGOPTIONS", f"-c search_path={client}")
        assert run(capsys, "contact", "add", contact, "--db", url)[0] == 0
    monkeypatch.setenv("PGOPTIONS", "-c search_path=alice")
    assert run(capsys, "backup", "--db", url)[0] == 0
    (alices,) = (data_dir / "backups").iterdir()
    monkeypatch.setenv("PGOPTIONS", "-c search_path=bruno")
    assert last_backup(capsys, url) == "none yet (netrack backup)"
    assert run(capsys, "backup", "--db", url)[0] == 0
    (brunos,) = set((data_dir / "backups").iterdir()) - {alices}
    assert last_backup(capsys, url) == str(brunos)
    monkeypatch.setenv("PGOPTIONS", "-c search_path=alice")
    assert last_backup(capsys, url) == str(alices)
    address = ServerAddress(url)
    stem = f"{address.dbname}@{address.host.replace('/', '_')}-{address.port}"
    assert alices.name.startswith(f"{stem}@alice-")
    assert brunos.name.startswith(f"{stem}@bruno-")
    assert pg.sql(url, "SELECT name FROM bruno.contact") == [("Bruno's contact",)]

    monkeypatch.delenv("PGOPTIONS")  # public: the name it had before schemas counted
    assert run(capsys, "contact", "add", "Ana López", "--db", url)[0] == 0
    assert run(capsys, "backup", "--db", url)[0] == 0
    (publics,) = set((data_dir / "backups").iterdir()) - {alices, brunos}
    before = ServerAddress(url).path.stem  # not connected: named as before
    assert re.fullmatch(rf"{re.escape(before)}-\d{{8}}-\d{{6}}\.json", publics.name)
    assert last_backup(capsys, url) == str(publics)


@pytest.mark.parametrize("given", ["PGOPTIONS", "the URL's options"])
def test_a_search_path_naming_no_schema_that_exists_is_one_line_naming_it(
    url: str, data_dir: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch, given: str,
) -> None:  # fmt: skip
    """A typo in the search path (`clients`, which does not exist) leaves PostgreSQL's
    current schema null: every command and doctor said "internal error: AttributeError:
    'NoneType' object has no attribute 'replace'" while quoting it for a GRANT."""
    monkeypatch.setenv("NETRACK_TODAY", TODAY)
    assert run(capsys, "contact", "add", "Ana López", "--db", url)[0] == 0
    before = tables_in(url)
    theirs = url
    if given == "PGOPTIONS":
        monkeypatch.setenv("PGOPTIONS", "-c search_path=clients")
    else:
        theirs = f"{url}&options=-csearch_path%3Dclients"
    said = (
        f"no schema on the search path of {ServerAddress(theirs)} exists (search_path is "
        "clients): name one that does (PGOPTIONS='-c search_path=public') or make it with "
        "CREATE SCHEMA"
    )
    for command in (["contact", "list"], ["contact", "add", "Raj Patel"], ["backup"]):
        assert run(capsys, *command, "--db", theirs) == (2, "", f"netrack: {said}\n")
    code, out, err = run(capsys, "doctor", "--db", theirs)
    assert code == 2 and f"problem:      {said}\n" in out
    assert "Traceback" not in err and "internal error" not in err
    assert tables_in(url) == before
    assert pg.sql(url, "SELECT name FROM public.contact") == [("Ana López",)]
