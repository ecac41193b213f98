"""Long text on a server: a history exported from SQLite with values, emails, urls and
tags of a few kilobytes moves to PostgreSQL and back identical (schema 11 keeps free
text out of the server's btree keys, whose entries hold at most 2,704 bytes); the
database upgraded from schema 10 and a new one both pass `doctor`; and an index that
still refuses such text is one line, exit 2, with nothing written."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from netrack import cli
from netrack.data import migrations
from netrack.data.repo import Repo
from netrack.data.server import ServerAddress
from tests import pg
from tests.db.test_long_text import CJK, LONG
from tests.older_models import before_schema_13

from .helpers import TODAY

pytestmark = pytest.mark.postgresql


@pytest.fixture
def url() -> Iterator[str]:
    made = pg.fresh_database(None)
    yield made
    pg.drop_database(made)


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("NETRACK_TODAY", TODAY)
    monkeypatch.setattr("netrack.locations.data_dir", lambda: tmp_path / "data")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _long_history(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> Path:
    """A SQLite history holding 3 KB texts, exported as JSON."""
    laptop, exported = tmp_path / "laptop.db", tmp_path / "laptop.json"
    for argv in (
        ("contact", "add", "Bob", "--email", f"{CJK}@x.org", "--url", f"https://x.org/{LONG}"),
        ("log", "--with", "bob", "--kind", "call", "--value-received", LONG),
        ("log", "--with", "bob", "--kind", "call", "--value-given", CJK),
        ("export", "json", "--out", str(exported)),
    ):
        code, _out, err = run(capsys, *argv, "--db", str(laptop))
        assert code == 0, err
    document = json.loads(exported.read_text(encoding="utf-8"))
    document["contacts"][0]["tags"] = [LONG + LONG, CJK]  # an import keeps them whole
    imported = tmp_path / "tags.json"
    imported.write_text(json.dumps(document), encoding="utf-8")
    assert run(capsys, "import", "json", str(imported), "--db", str(laptop))[0] == 0
    tagged = tmp_path / "tagged.json"
    assert run(capsys, "export", "json", "--out", str(tagged), "--db", str(laptop))[0] == 0
    return tagged


def test_long_text_moves_from_sqlite_to_the_server_and_back_identical(
    url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`import json` of such a history was an internal error on the server, exit 1."""
    first = _long_history(capsys, tmp_path)
    second, third = tmp_path / "second.json", tmp_path / "third.json"

    code, _out, err = run(capsys, "import", "json", str(first), "--db", url)

    assert code == 0, err
    assert run(capsys, "export", "json", "--out", str(second), "--db", url)[0] == 0
    assert second.read_bytes() == first.read_bytes()
    (bob,) = json.loads(second.read_text(encoding="utf-8"))["contacts"]
    assert (bob["email"], bob["tags"]) == (f"{CJK}@x.org", sorted([LONG + LONG, CJK]))
    back = tmp_path / "back.db"
    assert run(capsys, "import", "json", str(second), "--db", str(back))[0] == 0
    assert run(capsys, "export", "json", "--out", str(third), "--db", str(back))[0] == 0
    assert third.read_bytes() == first.read_bytes()


def _index_definitions(url: str) -> dict[str, str]:
    names = ("interaction_scorecard", "contact_email", "contact_url", "contact_tag_contact_id_tag")
    rows = pg.sql(
        url, "SELECT indexname, indexdef FROM pg_indexes WHERE indexname = ANY(?)", (list(names),)
    )
    return {str(name): str(made).split(" USING ", 1)[1] for name, made in rows}


SERVER_KEYS = {
    "interaction_scorecard": 'btree ("on", kind, minutes, campaign_id, meaningful, cost_cents)',
    "contact_email": "hash (email)",
    "contact_url": "hash (url)",
    "contact_tag_contact_id_tag": "btree (contact_id, md5(tag))",
}


def test_a_new_server_database_has_no_free_text_keys_and_passes_doctor(
    url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    Repo.open(ServerAddress(url)).close()

    assert _index_definitions(url) == SERVER_KEYS
    code, out, err = run(capsys, "doctor", "--db", url)
    assert code == 0, out + err
    assert f"schema:       version {migrations.latest()} (current)" in out
    assert out.rstrip().endswith("all good")


def test_a_server_database_of_schema_10_is_upgraded_to_hold_long_text(
    url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    with monkeypatch.context() as older, before_schema_13():
        older.setattr(migrations, "STEPS", migrations.STEPS[:10])
        assert run(capsys, "contact", "add", "Ana Lima", "--db", url)[0] == 0
    assert pg.sql(url, "SELECT version FROM netrack_schema") == [(10,)]

    code, _out, err = run(capsys, "contact", "add", "Bob", "--email", f"{CJK}@x.org", "--db", url)

    assert code == 0, err
    assert pg.sql(url, "SELECT version FROM netrack_schema") == [(migrations.latest(),)]
    assert pg.sql(url, "SELECT email FROM contact WHERE name = 'Bob'") == [(f"{CJK}@x.org",)]
    assert _index_definitions(url) == SERVER_KEYS
    code, out, err = run(capsys, "doctor", "--db", url)
    assert code == 0, out + err
    assert out.rstrip().endswith("all good")


def test_text_too_long_for_a_servers_index_is_one_line_and_the_import_writes_nothing(
    url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An index another program made on a text column (doctor compares names only)
    refused a long email in `import json`'s COPY: "internal error", a psycopg trace."""
    first = _long_history(capsys, tmp_path)
    Repo.open(ServerAddress(url)).close()
    pg.sql(url, 'DROP INDEX "contact_email"')
    pg.sql(url, 'CREATE INDEX "contact_email" ON "contact" ("email")')

    code, out, err = run(capsys, "import", "json", str(first), "--db", url)

    assert (code, out) == (2, "")
    assert err == (
        f"netrack: {ServerAddress(url)}: a text is too long for the server's index "
        "contact_email (PostgreSQL keeps at most 2,704 bytes of an index entry); "
        "nothing was written\n"
    )
    assert pg.sql(url, "SELECT count(*) FROM contact") == [(0,)]
    assert pg.sql(url, "SELECT count(*) FROM interaction") == [(0,)]
