"""After `contact merge KEEP OTHER`, importing again the file OTHER came from finds KEEP
(schema 15's merged identities): SPEC's imports "never create duplicates when run
twice" and the merge "removes OTHER" for good. The three routes a tester found (a
LinkedIn export, a vCard, an `export json` made before the merge), a merge of a merge,
and the round trip that must stay identical. On both engines."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from pathlib import Path

from tests.cli.conftest import Run, sql

CONNECTIONS = (
    "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    "Ana,López,https://www.linkedin.com/in/analopez,,Acme,Engineer,10 Nov 2026\n"
)
MESSAGES = (
    "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,DATE,SUBJECT,CONTENT,FOLDER\n"
    "c1,,Ana López,https://www.linkedin.com/in/analopez,Me Myself,2026-11-20 15:00:00 UTC,,hi there,INBOX\n"
    "c2,,Ana López,https://www.linkedin.com/in/analopez,Me Myself,2026-11-24 15:00:00 UTC,,any news?,INBOX\n"
)
CARD = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ana López\r\nN:López;Ana;;;\r\n"
    "EMAIL:ana@lopez.example\r\nORG:Acme\r\nEND:VCARD\r\n"
)


def _ok(run: Run, *argv: str) -> str:
    result = run(*argv)
    assert result.code == 0, (argv, result.err)
    return result.out


def _people(db: Path) -> list[tuple[object, ...]]:
    return sql(db, 'SELECT "name" FROM "contact" ORDER BY "id"')


def _linked_interactions(db: Path) -> list[tuple[object, ...]]:
    return sql(
        db,
        'SELECT l."interaction_id", c."name" FROM "interaction_contact" AS l '
        'JOIN "contact" AS c ON c."id" = l."contact_id" ORDER BY l."interaction_id"',
    )


def test_a_linkedin_export_imported_again_after_a_merge_adds_no_one_nor_a_message(
    run: Run, db: Path, tmp_path: Path
) -> None:
    export = tmp_path / "export.zip"
    with zipfile.ZipFile(export, "w") as archive:
        archive.writestr("Connections.csv", CONNECTIONS)
        archive.writestr("messages.csv", MESSAGES)
    _ok(run, "contact", "add", "Ana Lopez-Garcia", "--org", "Acme", "--met", "2026-11-18")
    _ok(run, "contact", "edit", "Ana Lopez-Garcia", "--url", "https://analopez.dev")
    _ok(run, "import", "linkedin", str(export), "--me", "Me Myself")
    _ok(run, "contact", "merge", "Ana Lopez-Garcia", "Ana López")
    notes = sql(db, 'SELECT "notes" FROM "contact"')

    again = _ok(run, "import", "linkedin", str(export), "--me", "Me Myself")

    assert "contacts: 0 added, 0 updated, 1 skipped (already in netrack: 1)" in again
    assert "interactions: 0 added, 0 updated, 2 skipped (already in netrack: 2)" in again
    assert _people(db) == [("Ana Lopez-Garcia",)]
    assert _linked_interactions(db) == [(1, "Ana Lopez-Garcia"), (2, "Ana Lopez-Garcia")]
    # the profile URL the merge kept in the notes is not added there a second time
    assert sql(db, 'SELECT "notes" FROM "contact"') == notes


def test_a_vcard_imported_again_after_a_merge_finds_the_contact_kept(
    run: Run, db: Path, tmp_path: Path
) -> None:
    card = tmp_path / "ana.vcf"
    card.write_bytes(CARD.encode())
    _ok(run, "contact", "add", "Ana L.", "--org", "Acme", "--email", "ana.l@work.example")
    _ok(run, "import", "vcard", str(card))
    _ok(run, "contact", "merge", "Ana L.", "Ana López")

    again = _ok(run, "import", "vcard", str(card))

    assert "contacts: 0 added, 0 updated, 1 skipped (already in netrack: 1)" in again
    assert _people(db) == [("Ana L.",)]


def _export(run: Run, path: Path) -> str:
    _ok(run, "export", "json", "--out", str(path), "--force")
    return path.read_text(encoding="utf-8")


def test_an_export_made_before_a_merge_imported_after_it_brings_nothing_back(
    run: Run, db: Path, tmp_path: Path
) -> None:
    """The README's two machines: the other one's export still lists OTHER, linked to a
    campaign and with history; the round trip of the merged database stays identical."""
    _ok(run, "contact", "add", "Ana Lopez", "--org", "Acme", "--met", "2026-11-18")
    _ok(run, "contact", "add", "Ana L.", "--met", "2026-11-10", "--strength", "4")
    _ok(run, "campaign", "add", "Engineer", "--org", "Acme")
    _ok(run, "campaign", "link", "Acme Engineer", "Ana L.", "--role", "insider")
    _ok(run, "log", "--with", "Ana L.", "--kind", "call", "--on", "2026-11-20")
    before = tmp_path / "before.json"
    _export(run, before)
    _ok(run, "contact", "merge", "Ana Lopez", "Ana L.")
    merged = _export(run, tmp_path / "merged.json")

    again = _ok(run, "import", "json", str(before))

    assert "contacts: 0 added" in again and "campaigns: 0 added, 0 updated" in again
    assert _people(db) == [("Ana Lopez",)]
    assert sql(db, 'SELECT "contact_id", "role" FROM "campaign_contact"') == [(1, "insider")]
    assert _export(run, tmp_path / "after.json") == merged
    assert json.loads(merged)["merged_identities"][0]["name"] == "Ana L."
    card = json.loads(_ok(run, "scorecard", "--week", "2026-W46", "--format", "json"))
    assert card["new_contacts"] == 1


def test_a_merge_of_a_merge_carries_the_first_identity_along(
    run: Run, db: Path, tmp_path: Path
) -> None:
    card = tmp_path / "ana.vcf"
    card.write_bytes(CARD.encode())
    _ok(run, "import", "vcard", str(card))
    _ok(run, "contact", "add", "Ana L.", "--org", "Acme", "--email", "ana.l@work.example")
    _ok(run, "contact", "add", "A. Lopez", "--org", "Acme", "--email", "al@home.example")
    _ok(run, "contact", "merge", "Ana L.", "Ana López")
    _ok(run, "contact", "merge", "A. Lopez", "Ana L.")

    again = _ok(run, "import", "vcard", str(card))

    assert "contacts: 0 added" in again
    assert _people(db) == [("A. Lopez",)]
    assert sql(db, 'SELECT "contact_id", "name" FROM "merged_identity" ORDER BY "id"') == [
        (3, "Ana López"),
        (3, "Ana L."),
    ]


def _merged_pia(run: Run, card: Path, *db: str) -> None:
    """Pia Berg from a vCard, then merged into P. Berg, on `db` (`--db DB`: another
    database than the test's) or the test's database."""
    card.write_bytes(PIA.encode())
    for argv in (
        ("import", "vcard", str(card)),
        ("contact", "add", "P. Berg", "--org", "Acme", "--email", "pb@new.example"),
        ("contact", "merge", "P. Berg", "Pia Berg"),
    ):
        result = run(*argv, *db, use_db=not db)
        assert result.code == 0, (argv, result.err)


PIA = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Pia Berg\r\nN:Berg;Pia;;;\r\n"
    "EMAIL:pia@berg.example\r\nORG:Acme\r\nEND:VCARD\r\n"
)


def test_a_backup_restored_still_finds_the_contact_kept(run: Run, db: Path, tmp_path: Path) -> None:
    """On a server a backup is an `export json`: it carried no merged identity, so a
    restore forgot every merge and the next import brought OTHER back."""
    card = tmp_path / "pia.vcf"
    _merged_pia(run, card)
    backup = tmp_path / ("backup.json" if hasattr(db, "url") else "backup.db")
    _ok(run, "backup", "--out", str(backup))

    _ok(run, "restore", str(backup))
    again = _ok(run, "import", "vcard", str(card))

    assert "contacts: 0 added, 0 updated, 1 skipped (already in netrack: 1)" in again
    assert _people(db) == [("P. Berg",)]


def test_a_sqlite_backup_restored_here_keeps_its_merges(run: Run, db: Path, tmp_path: Path) -> None:
    """A `.db` backup restored onto a server (exported, then imported there)."""
    card, elsewhere = tmp_path / "pia.vcf", tmp_path / "laptop.db"
    _merged_pia(run, card, "--db", str(elsewhere))
    backup = tmp_path / "laptop-backup.db"
    assert run("backup", "--out", str(backup), "--db", str(elsewhere), use_db=False).code == 0

    _ok(run, "restore", str(backup))
    again = _ok(run, "import", "vcard", str(card))

    assert "contacts: 0 added" in again
    assert _people(db) == [("P. Berg",)]


def test_another_machines_export_adds_its_merged_identities_once(
    run: Run, db: Path, tmp_path: Path
) -> None:
    """Into a database with data: a merged identity goes to the contact of its uid (here
    the one the file's record of it landed on), never twice; one whose contact is found
    nowhere is skipped and counted. A file without them imports as before."""
    card, laptop = tmp_path / "pia.vcf", tmp_path / "laptop.db"
    _merged_pia(run, card, "--db", str(laptop))
    export = tmp_path / "laptop.json"
    assert run("export", "json", "--out", str(export), "--db", str(laptop), use_db=False).code == 0
    document = json.loads(export.read_text(encoding="utf-8"))
    stray = {**document["merged_identities"][0], "contact": "f" * 32, "name": "Nobody"}
    # the second's contact had no uid (another program wrote it): found nowhere either
    document["merged_identities"] += [stray, {**stray, "contact": None}]
    export.write_text(json.dumps(document), encoding="utf-8")
    older = tmp_path / "older.json"
    del document["merged_identities"]
    older.write_text(json.dumps(document), encoding="utf-8")
    _ok(run, "contact", "add", "Zed Zulu")

    assert "merged identities" not in _ok(run, "import", "json", str(older))
    first = _ok(run, "import", "json", str(export))
    second = _ok(run, "import", "json", str(export))
    again = _ok(run, "import", "vcard", str(card))

    assert "merged identities: 1 added, 0 updated, 2 skipped (their contact not found: 2)" in first
    assert "merged identities: 0 added, 0 updated, 3 skipped" in second
    assert "contacts: 0 added" in again
    assert _people(db) == [("Zed Zulu",), ("P. Berg",)]
    assert sql(db, 'SELECT "contact_id", "name" FROM "merged_identity"') == [(2, "Pia Berg")]


def test_the_merged_away_card_and_the_kept_ones_count_one_contact_in_either_order(
    run: Run, db: Path, tmp_path: Path
) -> None:
    """OTHER's card (now with a phone) and KEEP's own in one file are one contact met
    twice, as two cards of one contact: "2 updated" and "1 updated, 1 skipped" before."""
    _merged_pia(run, tmp_path / "pia.vcf")
    with_phone = PIA.replace("ORG:", "TEL:+49 30 1234567\r\nORG:")
    own = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:P. Berg\r\nEMAIL:pb@new.example\r\nORG:Acme\r\nEND:VCARD\r\n"
    first, second = tmp_path / "both.vcf", tmp_path / "both2.vcf"
    first.write_bytes((with_phone + own).encode())
    second.write_bytes((own + with_phone).encode())

    updated = _ok(run, "import", "vcard", str(first))
    again = _ok(run, "import", "vcard", str(second))

    joined = "1 joined to the same contact earlier in the file"
    assert f"contacts: 0 added, 1 updated, {joined}, 0 skipped" in updated
    assert f"contacts: 0 added, 0 updated, {joined}, 1 skipped (already in netrack: 1)" in again
    assert _people(db) == [("P. Berg",)]
    assert sql(db, 'SELECT "phone" FROM "contact"') == [("+49 30 1234567",)]


def test_an_export_with_both_records_counts_the_contact_kept_once(
    run: Run, db: Path, tmp_path: Path
) -> None:
    """Another machine's export made before the merge, where OTHER gained a phone and
    KEEP an introducer: one contact updated, its other record joined (never a count
    taken from the skipped ones)."""
    _ok(run, "contact", "add", "Pia Berg", "--org", "Acme", "--email", "pia@berg.example")
    _ok(run, "contact", "add", "P. Berg", "--org", "Acme", "--email", "pb@new.example")
    _ok(run, "contact", "add", "Ida Introducer")
    laptop = tmp_path / "laptop.db"
    _export(run, tmp_path / "before.json")
    on_laptop = ("--db", str(laptop))
    for argv in (
        ("import", "json", str(tmp_path / "before.json")),
        ("contact", "edit", "Pia Berg", "--phone", "+49 30 1234567"),
        ("contact", "edit", "P. Berg", "--introduced-by", "Ida Introducer"),
        ("export", "json", "--out", str(tmp_path / "laptop.json")),
    ):
        assert run(*argv, *on_laptop, use_db=False).code == 0, argv
    _ok(run, "contact", "merge", "P. Berg", "Pia Berg")

    summary = _ok(run, "import", "json", str(tmp_path / "laptop.json"))

    joined = "1 joined to the same contact earlier in the file"
    assert f"contacts: 0 added, 1 updated, {joined}, 1 skipped (already in netrack: 1)" in summary
    assert sql(db, 'SELECT "name", "phone", "introduced_by_id" FROM "contact" ORDER BY "id"') == [
        ("P. Berg", "+49 30 1234567", 3),
        ("Ida Introducer", "", None),
    ]


def _delete_contact_behind_netracks_back(db: Path, name: str) -> None:
    """What another program does with foreign keys off: the contact gone, its merged
    identities left (a server's cascade held back as a replica's is)."""
    if hasattr(db, "url"):
        off = "SET session_replication_role = replica; "
    else:
        off = "PRAGMA foreign_keys = OFF; "
    statement = f"""{off}DELETE FROM "contact" WHERE "name" = '{name}'"""
    if hasattr(db, "url"):
        sql(db, statement)
    else:
        connection = sqlite3.connect(db)
        try:
            connection.executescript(statement)
        finally:
            connection.close()


def test_a_merged_identity_whose_contact_is_gone_is_passed_over(
    run: Run, db: Path, tmp_path: Path
) -> None:
    """It stopped the import with "internal error: KeyError: 2"; `doctor` names such a
    row and `--fix` mends it."""
    card = tmp_path / "pia.vcf"
    _merged_pia(run, card)
    _delete_contact_behind_netracks_back(db, "P. Berg")
    assert sql(db, 'SELECT "name" FROM "merged_identity"') == [("Pia Berg",)]

    again = run("import", "vcard", str(card))

    assert again.code == 0, again.err
    assert "contacts: 1 added, 0 updated, 0 skipped" in again.out
    assert _people(db) == [("Pia Berg",)]


def test_a_merged_identity_is_checked_as_a_contact_record_is(
    run: Run, db: Path, tmp_path: Path
) -> None:
    """Its name and organization were only checked as text: a 3,000-character name or
    a blank one was stored, where the file's contact record with that name is refused.
    Each such row is skipped and named, as other records. One that reads as an id is
    kept as a contact's is (an older netrack took such names: SPEC's round trip)."""
    _ok(run, "contact", "add", "Ana Lopez", "--org", "Acme")
    _ok(run, "contact", "add", "Ana L.", "--org", "Acme")
    _ok(run, "contact", "merge", "Ana Lopez", "Ana L.")
    path = tmp_path / "edited.json"
    document = json.loads(_export(run, path))
    (kept,) = document["merged_identities"]
    document["merged_identities"] = [
        kept,
        {**kept, "name": "x" * 3000},
        {**kept, "name": "  "},
        {**kept, "organization": "y" * 301},
        {**kept, "name": "id:7"},
    ]
    path.write_text(json.dumps(document), encoding="utf-8")
    before = sql(db, 'SELECT "name", "organization" FROM "merged_identity"')

    summary = _ok(run, "import", "json", str(path))

    assert "merged identities: 1 added, 0 updated, 4 skipped" in summary
    assert summary.endswith(
        "  skipped merged_identities[1].name: name is too long (300 characters at most)\n"
        "  skipped merged_identities[2].name: name must not be blank\n"
        "  skipped merged_identities[3].organization: organization name is too long "
        "(300 characters at most)\n"
    )
    after = sql(db, 'SELECT "name", "organization" FROM "merged_identity"')
    assert after == [*before, ("id:7", "Acme")]
