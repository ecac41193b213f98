"""Schema 13's migration: every organization, contact and campaign gets a uid, derived
from its table and id alone, so two copies of one file (a desktop's, a laptop's) name
their rows alike however either renamed them since; on both engines (see m013)."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest

from netrack.data import migrations
from netrack.data import tables as t
from netrack.data.migrations.m013_named_uids import NAMED_TABLES
from netrack.data.repo import Repo
from tests.cli.conftest import Run
from tests.db.conftest import uids_of
from tests.older_models import (
    UNDO_SCHEMA_16,
    UNDO_SCHEMA_17,
    UNDO_SCHEMA_18,
    UNDO_SCHEMA_19,
    before_schema_13,
)

TODAY = date(2026, 11, 27)
# What a schema-12 netrack left: the demo without schema 13's uids.
SCHEMA_12 = (
    UNDO_SCHEMA_19  # schema 19's name keys
    + UNDO_SCHEMA_18  # schema 18's name indexes
    + UNDO_SCHEMA_17  # schema 17's
    + UNDO_SCHEMA_16  # schema 16's
    + "".join(
        f'DROP INDEX "{table}_uid"; ALTER TABLE "{table}" DROP COLUMN "uid"; '
        for table in NAMED_TABLES
    )
    + 'DROP TABLE "merged_identity"; '  # schema 15's
    + "PRAGMA user_version = 12;"
)


def test_two_copies_of_a_schema_12_file_renamed_on_one_merge_without_a_duplicate(
    demo_file: Path, tmp_path: Path, cli_on: Callable[[Path], Run]
) -> None:
    """The desktop renames a campaign, an organization and a contact after its upgrade;
    the laptop's copy, upgraded on its own, exports after: importing that export adds
    none of them again (it added each a second time, for good)."""
    desktop = tmp_path / "desktop.db"
    shutil.copyfile(demo_file, desktop)
    connection = sqlite3.connect(desktop)
    try:
        connection.executescript(SCHEMA_12)
        campaign, org = connection.execute(
            'SELECT o."name" || \' \' || c."title", o."name" FROM "campaign" AS c '
            'JOIN "organization" AS o ON o."id" = c."organization_id" ORDER BY c."id" LIMIT 1'
        ).fetchone()
        (contact,) = connection.execute('SELECT "name" FROM "contact" ORDER BY "id"').fetchone()
    finally:
        connection.close()
    laptop = tmp_path / "laptop.db"
    shutil.copyfile(desktop, laptop)
    on_desktop, on_laptop = cli_on(desktop), cli_on(laptop)
    assert on_desktop("campaign", "edit", campaign, "--title", "Renamed role").code == 0
    assert on_desktop("org", "edit", org, "--name", "Renamed Org").code == 0
    assert on_desktop("contact", "edit", contact, "--name", "Renamed Person").code == 0
    counts = {table: len(uids_of(desktop, table)) for table in NAMED_TABLES}
    assert on_laptop("export", "json", "--out", str(tmp_path / "laptop.json")).code == 0

    result = on_desktop("import", "json", str(tmp_path / "laptop.json"))

    assert result.code == 0, result.err
    for noun in ("contacts", "organizations", "campaigns"):
        assert f"{noun}: 0 added" in result.out
    assert result.out.count("in netrack with other values, netrack's kept") == 3
    for table in NAMED_TABLES:
        assert uids_of(desktop, table) == uids_of(laptop, table)
        assert len(uids_of(desktop, table)) == counts[table]


@pytest.fixture
def empty(backend: str, tmp_path: Path) -> Iterator[object]:
    from tests import pg

    with pg.new_database(backend, tmp_path / "v12.db", None) as made:
        yield made


def test_schema_12_rows_get_the_uid_of_their_table_and_id_on_either_engine(
    empty: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same history upgrades to the same uids on SQLite and on PostgreSQL: the md5
    of "table|id"; a row written after the upgrade gets a new one of its own."""
    with monkeypatch.context() as patch, before_schema_13():
        patch.setattr(migrations, "STEPS", migrations.STEPS[:12])
        repo = Repo.open(empty, clock=lambda: TODAY)  # type: ignore[arg-type]
        try:
            with repo.store.bound(), repo.store.writing():
                repo.contacts.add("Ana López", organization="Acme", met_on=TODAY)
                repo.contacts.add("Raj Patel", organization="Globex", met_on=TODAY)
                repo.campaigns.add("Staff Engineer", organization="Acme", opened_on=TODAY)
        finally:
            repo.close()

    repo = Repo.open(empty, clock=lambda: TODAY)  # type: ignore[arg-type]
    try:
        with repo.store.bound():
            repo.contacts.add("Bea Ruiz", met_on=TODAY)
            for table in NAMED_TABLES:
                ids_uids = t.Contact._meta.database.execute_sql(
                    f'SELECT "id", "uid" FROM "{table}" ORDER BY "id"'
                ).fetchall()
                older = [(i, uid) for i, uid in ids_uids if not (table == "contact" and i == 3)]
                assert older and [uid for _, uid in older] == [
                    hashlib.md5(f"{table}|{i}".encode()).hexdigest() for i, _ in older
                ]
            (bea,) = t.Contact.select().where(t.Contact.id == 3)
            assert bea.uid and len(bea.uid) == 32
            assert bea.uid != hashlib.md5(b"contact|3").hexdigest()
    finally:
        repo.close()


def _schema_12_file(path: Path, person: str, org: str, role: str) -> Path:
    """A history of its own, written by a netrack of schema 12: one contact at `org`,
    one campaign there, one interaction; then upgraded."""
    with pytest.MonkeyPatch.context() as patch, before_schema_13():
        patch.setattr(migrations, "STEPS", migrations.STEPS[:12])
        repo = Repo.open(path, clock=lambda: TODAY)
        try:
            with repo.store.bound(), repo.store.writing():
                ana = repo.contacts.add(person, organization=org, met_on=TODAY)
                repo.campaigns.add(role, organization=org, opened_on=TODAY)
                repo.activity.log([ana.id], on=TODAY, kind="call", note=f"met {person}")
        finally:
            repo.close()
    Repo.open(path, clock=lambda: TODAY).close()
    return path


def test_two_histories_started_apart_share_no_record_by_their_deriveduids_of(
    tmp_path: Path, cli_on: Callable[[Path], Run]
) -> None:
    """Two files begun apart both have a contact 1, an organization 1, a campaign 1,
    and schema 13 derives the same uid for each: merging one into the other must not
    take Bea for Ana (nor Globex for Acme), as a uid match would."""
    mine = _schema_12_file(tmp_path / "mine.db", "Ana López", "Acme", "Staff Engineer")
    theirs = _schema_12_file(tmp_path / "theirs.db", "Bea Ruiz", "Globex", "Data Lead")
    assert uids_of(mine, "contact") == uids_of(theirs, "contact")
    assert cli_on(theirs)("export", "json", "--out", str(tmp_path / "theirs.json")).code == 0

    result = cli_on(mine)("import", "json", str(tmp_path / "theirs.json"))

    assert result.code == 0, result.err
    for noun in ("contacts", "organizations", "campaigns", "interactions"):
        assert f"{noun}: 1 added, 0 updated, 0 skipped" in result.out
    connection = sqlite3.connect(mine)
    try:
        assert connection.execute(
            'SELECT c."name", o."name" FROM "contact" AS c JOIN "organization" AS o '
            'ON o."id" = c."organization_id" ORDER BY c."id"'
        ).fetchall() == [("Ana López", "Acme"), ("Bea Ruiz", "Globex")]
        for table in NAMED_TABLES:
            uids = [u for (u,) in connection.execute(f'SELECT "uid" FROM "{table}"')]
            assert len(set(uids)) == 2 and all(uids)
    finally:
        connection.close()
