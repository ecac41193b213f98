"""Names sort the same on a server whose database sorts by language (an ICU "en-US"
default collation: "a" before "B", "É" among the Es) as in a SQLite file (byte order):
every text column netrack creates compares byte-wise (COLLATE "C")."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from netrack.data.repo import Repo
from netrack.data.server import ServerAddress
from tests import pg

pytestmark = pytest.mark.postgresql
TODAY = date(2026, 11, 27)
NAMES = ["zoé Field", "Émile Zola", "ana Ruiz", "Bob Stone", "_Una Lee", "Zoe Hart", "Ævar Berg"]
# As names compare (case and accents aside, `name_folding.fold`), sorted in Python on both
# engines: "Émile" among the Es, "zoé" beside "Zoe"; Æ as a keyboard types it, "Ae".
CONTACTS = ["_Una Lee", "Ævar Berg", "ana Ruiz", "Bob Stone", "Émile Zola", "zoé Field", "Zoe Hart"]
ORGANIZATIONS = [f"{name} Ltd" for name in CONTACTS]


@pytest.fixture
def language_sorted() -> Iterator[ServerAddress]:
    """A new database whose default collation is ICU's en-US, not C."""
    url = pg.fresh_database(None)
    name = ServerAddress(url).dbname
    pg.drop_database(url)
    pg._admin(
        f"CREATE DATABASE \"{name}\" TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-US'"
    )
    yield ServerAddress(url)
    pg.drop_database(url)


def fill(repo: Repo) -> tuple[list[str], list[str]]:
    for name in NAMES:
        repo.contacts.add(name, organization=f"{name} Ltd")
    contacts = [c.name for c in repo.contacts.all()]
    organizations = [o.name for o in repo.organizations.all()]
    return contacts, organizations


def test_the_database_really_sorts_by_language(language_sorted: ServerAddress) -> None:
    rows = pg.sql(language_sorted.url, "SELECT 'a' < 'B', 'Émile' < 'Zoe'")
    assert rows == [(True, True)]  # byte order says False for both


def test_names_sort_as_in_a_file(language_sorted: ServerAddress, tmp_path: Path) -> None:
    on_server = Repo.open(language_sorted, clock=lambda: TODAY)
    in_file = Repo.open(tmp_path / "netrack.db", clock=lambda: TODAY)
    try:
        assert fill(in_file) == (CONTACTS, ORGANIZATIONS)
        assert fill(on_server) == (CONTACTS, ORGANIZATIONS)
    finally:
        on_server.close()
        in_file.close()


def test_every_text_column_compares_byte_wise(language_sorted: ServerAddress) -> None:
    Repo.open(language_sorted, clock=lambda: TODAY).close()  # migrated to the latest schema
    rows = pg.sql(
        language_sorted.url,
        "SELECT table_name || '.' || column_name || ' ' || coalesce(collation_name, '-') "
        "FROM information_schema.columns WHERE table_schema = 'public' "
        "AND data_type IN ('text', 'character varying', 'character') ORDER BY 1",
    )
    assert rows, "no text columns found"
    assert [row[0] for row in rows if not str(row[0]).endswith(" C")] == []
