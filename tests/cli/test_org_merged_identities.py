"""After `org merge KEEP OTHER` or `org edit OTHER --name NEW`, importing again the file
the contacts came from finds them (each keeps their name at OTHER as a merged identity
of their own): SPEC's imports "never create duplicates when run twice". The orgs
sweep's LinkedIn and vCard routes; the rows must not trouble `contact merge`, `contact
delete`, the JSON round trip nor `doctor`. On both engines."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from tests.cli.conftest import Run, sql

CONNECTIONS = (
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Cal,Ox,https://www.linkedin.com/in/calox,,Northwind Analytics GmbH,Dev,03 Sep 2026\n"
    "Dee,Ray,,,Northwind Analytics GmbH,PM,04 Sep 2026\n"
)
HEADER = (
    "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,"
    "DATE,SUBJECT,CONTENT,FOLDER\n"
)
FIRST = "c2,,Dee Ray,,Me Myself,https://www.linkedin.com/in/me,2026-11-21 10:00:00 UTC,,yo,INBOX\n"
LATER = "c2,,Dee Ray,,Me Myself,https://www.linkedin.com/in/me,2026-11-25 10:00:00 UTC,,hey,INBOX\n"
GMBH = "Northwind Analytics GmbH"


def _ok(run: Run, *argv: str) -> str:
    result = run(*argv)
    assert result.code == 0, (argv, result.err)
    return result.out


def _linkedin(path: Path, *messages: str) -> str:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("Connections.csv", CONNECTIONS)
        archive.writestr("messages.csv", HEADER + "".join(messages))
    return str(path)


def _people(db: Path) -> list[tuple[object, ...]]:
    return sql(
        db,
        'SELECT c."name", o."name" FROM "contact" AS c LEFT JOIN "organization" AS o '
        'ON o."id" = c."organization_id" ORDER BY c."id"',
    )


def _organizations(db: Path) -> list[tuple[object, ...]]:
    return sql(db, 'SELECT "name" FROM "organization" ORDER BY "id"')


TIDY_UPS = {
    "merge": ("org", "merge", "Northwind Analytics", GMBH),
    "rename": ("org", "edit", GMBH, "--name", "Northwind"),
}


@pytest.mark.parametrize("tidy", sorted(TIDY_UPS))
def test_a_linkedin_export_imported_again_after_an_org_merge_or_rename_adds_no_one(
    run: Run, db: Path, tmp_path: Path, tidy: str
) -> None:
    """Dee Ray has no profile URL nor email: she was known by her name at the GmbH
    alone, became a second Dee Ray at a GmbH made again, and a newer export's message
    from her went nowhere ("two contacts have that name")."""
    export = _linkedin(tmp_path / "li.zip", FIRST)
    _ok(run, "org", "add", "Northwind Analytics")
    _ok(run, "import", "linkedin", export, "--me", "Me Myself")
    _ok(run, *TIDY_UPS[tidy])
    people, organizations = _people(db), _organizations(db)

    again = _ok(run, "import", "linkedin", export, "--me", "Me Myself")
    newer = _ok(
        run,
        "import",
        "linkedin",
        _linkedin(tmp_path / "new.zip", FIRST, LATER),
        "--me",
        "Me Myself",
    )

    assert "contacts: 0 added" in again and "organizations" not in again
    assert "interactions: 0 added, 0 updated, 1 skipped (already in netrack: 1)" in again
    assert "interactions: 1 added, 0 updated, 1 skipped (already in netrack: 1)" in newer
    assert _people(db) == people and len(people) == 2
    assert _organizations(db) == organizations
    talks = sql(
        db,
        'SELECT c."name" FROM "interaction_contact" AS l '
        'JOIN "contact" AS c ON c."id" = l."contact_id" ORDER BY l."interaction_id"',
    )
    assert talks == [("Dee Ray",), ("Dee Ray",)]


@pytest.mark.parametrize("uid", ["", "UID:urn:uuid:6f1c1a4e-0b9e-4a59-9a39-1c2d3e4f5a6b\r\n"])
def test_a_vcard_imported_again_after_an_org_merge_finds_the_contact(
    run: Run, db: Path, tmp_path: Path, uid: str
) -> None:
    card = tmp_path / "gus.vcf"
    card.write_bytes(
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Gus Hale\r\nORG:Acme Corp.\r\n{uid}END:VCARD\r\n".encode()
    )
    _ok(run, "org", "add", "Acme Corporation")
    _ok(run, "import", "vcard", str(card))
    _ok(run, "org", "merge", "Acme Corporation", "Acme Corp.")

    again = _ok(run, "import", "vcard", str(card))

    assert "contacts: 0 added, 0 updated, 1 skipped" in again
    assert "organizations" not in again
    assert _people(db) == [("Gus Hale", "Acme Corporation")]
    assert _organizations(db) == [("Acme Corporation",)]


def _export(run: Run, path: Path) -> str:
    _ok(run, "export", "json", "--out", str(path), "--force")
    return path.read_text(encoding="utf-8")


def test_the_rows_kept_leave_merges_deletes_round_trips_and_doctor_as_they_were(
    run: Run, db: Path, tmp_path: Path
) -> None:
    """Renamed back and forth, each name is kept once; a contact merge carries them
    along (once); a contact deleted takes theirs; the export round trip stays identical."""
    export = _linkedin(tmp_path / "li.zip", FIRST)
    _ok(run, "import", "linkedin", export, "--me", "Me Myself")
    for name in ("Northwind", GMBH, "Northwind"):
        _ok(run, "org", "edit", "id:1", "--name", name)
    kept = sql(
        db, 'SELECT "contact_id", "name", "organization" FROM "merged_identity" ORDER BY "id"'
    )
    assert kept == [
        (1, "Cal Ox", GMBH),
        (2, "Dee Ray", GMBH),
        (1, "Cal Ox", "Northwind"),
        (2, "Dee Ray", "Northwind"),
    ]
    _ok(run, "contact", "add", "D. Ray", "--org", "Northwind")
    _ok(run, "contact", "merge", "D. Ray", "Dee Ray")

    again = _ok(run, "import", "linkedin", export, "--me", "Me Myself")
    _ok(run, "contact", "delete", "Cal Ox")
    merged = _export(run, tmp_path / "merged.json")
    doctor = _ok(run, "doctor")

    assert "contacts: 0 added" in again and "organizations" not in again
    assert _people(db) == [("D. Ray", "Northwind")]
    assert _organizations(db) == [("Northwind",)]
    assert "all good" in doctor
    # Dee Ray at the GmbH, at Northwind (the contact merge's row is the rename's: once)
    identities = json.loads(merged)["merged_identities"]
    assert [(row["name"], row["organization"]) for row in identities] == [
        ("Dee Ray", GMBH),
        ("Dee Ray", "Northwind"),
    ]
    empty = tmp_path / "empty.db"
    assert (
        run("import", "json", str(tmp_path / "merged.json"), "--db", str(empty), use_db=False).code
        == 0
    )
    out = tmp_path / "round.json"
    assert run("export", "json", "--out", str(out), "--db", str(empty), use_db=False).code == 0
    assert out.read_text(encoding="utf-8") == merged
