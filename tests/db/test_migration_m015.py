"""Schema 15's migration: a new table of merged identities (see m015), and nothing else
changed: a populated schema-14 file exports the same history, byte for byte; on either
engine, a merge after the upgrade keeps what identified the contact merged away."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import date
from pathlib import Path

import pytest

from netrack.data.repo import Repo
from tests import pg
from tests.cli.conftest import TODAY as CLI_TODAY
from tests.cli.conftest import Run, runner, sql
from tests.db.file_rows import (
    at_schema,
    demo_at_schema,
    exported,
    query,
    rows_with_schema_16,
    rows_with_schema_17,
    rows_with_schema_19,
    table_rows,
    without_schema_16_keys,
    without_schema_17_keys,
)

TODAY = date(2026, 11, 27)


def at_schema_14() -> AbstractContextManager[None]:
    """Within the block netrack is the one of schema 14 (its steps cut short)."""
    return at_schema(14)


@pytest.fixture(scope="module")
def schema_14_demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo history as a netrack of schema 14 wrote it (built once, only copied)."""
    return demo_at_schema(tmp_path_factory.mktemp("v14"), 14, TODAY)


def test_a_schema_14_history_upgrades_keeping_every_row_and_its_export_byte_for_byte(
    schema_14_demo: Path, tmp_path: Path, cli_on: Callable[[Path], Run]
) -> None:
    v14 = tmp_path / "netrack.db"
    shutil.copyfile(schema_14_demo, v14)
    with at_schema_14():
        before = exported(v14, tmp_path / "before.json", TODAY)
    rows = table_rows(v14)

    after = exported(v14, tmp_path / "after.json", TODAY)

    assert query(v14, "PRAGMA user_version") == [(19,)]  # and on to schema 19
    assert (before.pop("schema_version"), after.pop("schema_version")) == (14, 19)
    assert "merged_identities" not in before and after.pop("merged_identities") == []
    assert json.dumps(without_schema_17_keys(without_schema_16_keys(after))) == json.dumps(before)
    assert table_rows(v14) == rows_with_schema_19(
        rows_with_schema_17(rows_with_schema_16({**rows, "merged_identity": []}))
    )
    assert list((tmp_path / "backups").glob("*before-migration-v14.db"))
    doctor = cli_on(v14)("doctor")
    assert doctor.code == 0 and doctor.out.rstrip().endswith("all good"), doctor.out


def test_a_merge_after_the_upgrade_keeps_the_merged_identity_on_either_engine(
    backend: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("NETRACK_TODAY", CLI_TODAY)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    card = tmp_path / "ana.vcf"
    card.write_bytes(b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana Lopez\r\nORG:Acme\r\nEND:VCARD\r\n")
    with pg.new_database(backend, tmp_path / "v14.db", None) as made:
        with at_schema_14():
            repo = Repo.open(made, clock=lambda: TODAY)  # type: ignore[arg-type]
            try:
                with repo.store.bound(), repo.store.writing():
                    repo.contacts.add("Ana L.", organization="Acme", met_on=TODAY)
                    repo.contacts.add("Ana Lopez", organization="Acme", met_on=TODAY)
            finally:
                repo.close()
        run = runner(made, capsys)

        assert run("contact", "merge", "Ana L.", "Ana Lopez").code == 0
        again = run("import", "vcard", str(card))

        assert again.code == 0 and "contacts: 0 added" in again.out, again.out
        assert sql(made, 'SELECT "name" FROM "contact"') == [("Ana L.",)]  # type: ignore[arg-type]
        assert sql(made, 'SELECT "contact_id", "name", "organization" FROM "merged_identity"') == [  # type: ignore[arg-type]
            (1, "Ana Lopez", "Acme")
        ]
        assert run("doctor").code == 0
