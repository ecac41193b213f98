"""`none` names no organization (`--org none` clears a contact's): an organization of
that name could be neither named nor reached, so none is made — by `org add`, a rename
or an import (a vCard's `ORG:None` is no organization)."""

from __future__ import annotations

from pathlib import Path

from tests.cli.conftest import Run, sql


def test_no_organization_is_called_none(run: Run, db: Path, tmp_path: Path) -> None:
    added = run("org", "add", "none")
    assert (added.code, added.err) == (
        2,
        "netrack: an organization cannot be called none: none means no organization\n",
    )
    assert run("org", "add", "None Inc.").code == 0
    renamed = run("org", "edit", "None Inc.", "--name", "None")
    assert renamed.code == 2 and "cannot be called none" in renamed.err
    card = tmp_path / "n.vcf"
    card.write_bytes(b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Vc Person\r\nORG:None\r\nEND:VCARD\r\n")
    assert run("import", "vcard", str(card)).code == 0
    assert sql(db, "SELECT name FROM organization") == [("None Inc.",)]
    assert sql(db, "SELECT name, organization_id FROM contact") == [("Vc Person", None)]
