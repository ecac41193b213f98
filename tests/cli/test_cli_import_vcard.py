"""`netrack import vcard` at the edges, through the real command line: two names sharing an
email stay two people, a broken card is skipped with its line, and a device, a pipe or an
odd charset is one line on stderr and exit 2, never a traceback or a hang."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from tests.cli.conftest import Run


def test_a_family_email_imports_as_two_people_and_a_broken_card_is_skipped(
    run: Run, db: Path, tmp_path: Path
) -> None:
    path = tmp_path / "family.vcf"
    path.write_bytes(
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Alice Martin\r\nEMAIL:family@home.net\r\nEND:VCARD\r\n"
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Broken\r\nnot a property\r\nEND:VCARD\r\n"
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bob Martin\r\nEMAIL:family@home.net\r\n"
        b"TEL:+44 7700 900456\r\nEND:VCARD\r\n"
    )

    result = run("import", "vcard", str(path))

    assert result.code == 0, result.err
    assert result.out.splitlines()[:2] == [
        "imported family.vcf:",
        "  contacts: 2 added, 0 updated, 1 skipped (line 9: not a vCard property (no ':'))",
    ]
    with sqlite3.connect(db) as connection:
        rows = connection.execute("SELECT name, email, phone FROM contact ORDER BY id").fetchall()
    assert rows == [
        ("Alice Martin", "family@home.net", ""),
        ("Bob Martin", "family@home.net", "+44 7700 900456"),
    ]


def test_dev_zero_is_one_line_and_exit_2(run: Run) -> None:
    result = run("import", "vcard", "/dev/zero")

    assert (result.code, result.out) == (2, "")
    assert (
        result.err == "netrack: /dev/zero: not a regular file (a device or a pipe); give a file\n"
    )


def test_a_fifo_is_one_line_and_exit_2(run: Run, tmp_path: Path) -> None:
    fifo = tmp_path / "contacts.vcf"
    os.mkfifo(fifo)

    result = run("import", "vcard", str(fifo))

    assert result.code == 2
    assert result.err == f"netrack: {fifo}: not a regular file (a device or a pipe); give a file\n"


def test_charset_idna_is_read_not_a_crash(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "idna.vcf"
    path.write_bytes(
        b"BEGIN:VCARD\r\nVERSION:2.1\r\n"
        b"FN;CHARSET=idna;ENCODING=QUOTED-PRINTABLE:Zo=C3=AB O'Brien\r\nEND:VCARD\r\n"
    )

    result = run("import", "vcard", str(path))

    assert (result.code, result.err) == (0, "")
    assert "contacts: 1 added" in result.out


def test_a_file_that_is_not_vcard_is_refused(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("just some notes\n", encoding="utf-8")

    result = run("import", "vcard", str(path))

    assert result.code == 2
    assert result.err == f"netrack: {path}:1: no vCards in this file (expected BEGIN:VCARD)\n"


def test_a_file_that_is_not_there_is_said_before_any_database_is_made(
    run: Run, db: Path, tmp_path: Path
) -> None:
    """A first command's typo (`import vcard contcts.vcf`) made an empty database."""
    for kind in ("vcard", "linkedin", "ics", "json"):
        result = run("import", kind, str(tmp_path / "contcts.vcf"))

        assert (result.code, result.out) == (2, "")
        assert result.err == f"netrack: {tmp_path / 'contcts.vcf'}: no such file\n"
    assert not db.exists()


def test_a_relative_file_that_is_not_there_names_the_folder_looked_in(
    run: Run, db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ "connections.csv: no such file" did not say where it was looked for (the TUI's
    import dialog reads a relative path from the folder netrack was started in)."""
    monkeypatch.chdir(tmp_path)

    result = run("import", "linkedin", "connections.csv")

    assert result.err == f"netrack: connections.csv: no such file in {tmp_path}\n"
    assert not db.exists()


def test_a_missing_file_from_a_folder_that_is_gone_is_still_one_line(
    run: Run, db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    gone = tmp_path / "gone"
    gone.mkdir()
    monkeypatch.chdir(gone)
    gone.rmdir()

    result = run("import", "json", "nope.json")

    assert (result.code, result.err) == (2, "netrack: nope.json: no such file\n")


def test_a_newer_card_with_another_title_is_said_to_differ_and_netracks_kept(
    run: Run, db: Path, tmp_path: Path
) -> None:
    card = tmp_path / "ana.vcf"
    older = "FN:Ana López\r\nORG:Northwind\r\nTITLE:Engineering Manager\r\n"
    card.write_text(f"BEGIN:VCARD\r\nVERSION:3.0\r\n{older}END:VCARD\r\n", encoding="utf-8")
    run("import", "vcard", str(card))
    newer = older.replace("Engineering Manager", "Director of Engineering")
    card.write_text(f"BEGIN:VCARD\r\nVERSION:3.0\r\n{newer}END:VCARD\r\n", encoding="utf-8")

    result = run("import", "vcard", str(card))

    assert result.out.splitlines()[1] == (
        "  contacts: 0 added, 0 updated, 1 skipped (in netrack with other values, netrack's kept: 1)"
    )
    with sqlite3.connect(db) as connection:
        assert connection.execute("SELECT title FROM contact").fetchall() == [
            ("Engineering Manager",)
        ]


V1 = "FN:Raj Patel\r\nORG:Globex\r\nTITLE:Engineer\r\nEMAIL:raj@globex.com\r\n"


def test_a_card_that_fills_a_blank_and_brings_another_title_says_both(
    run: Run, db: Path, tmp_path: Path
) -> None:
    # Counted "updated" only, the newer title not taken went unsaid
    v1, v2 = tmp_path / "v1.vcf", tmp_path / "v2.vcf"
    v1.write_text(f"BEGIN:VCARD\r\nVERSION:3.0\r\n{V1}END:VCARD\r\n", encoding="utf-8")
    newer = V1.replace("Engineer", "Engineering Manager") + "TEL:+1 555 0199\r\n"
    v2.write_text(f"BEGIN:VCARD\r\nVERSION:3.0\r\n{newer}END:VCARD\r\n", encoding="utf-8")
    run("import", "vcard", str(v1))

    result = run("import", "vcard", str(v2))

    assert result.out.splitlines()[1] == (
        "  contacts: 0 added, 1 updated, 0 skipped; "
        "of those updated, in netrack with other values, netrack's kept: 1"
    )
    with sqlite3.connect(db) as connection:
        assert connection.execute("SELECT title, phone FROM contact").fetchall() == [
            ("Engineer", "+1 555 0199")
        ]


def test_a_connection_that_fills_the_url_and_brings_another_position_says_both(
    run: Run, db: Path, tmp_path: Path
) -> None:
    card, connections = tmp_path / "v1.vcf", tmp_path / "Connections.csv"
    card.write_text(f"BEGIN:VCARD\r\nVERSION:3.0\r\n{V1}END:VCARD\r\n", encoding="utf-8")
    connections.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
        "Raj,Patel,https://www.linkedin.com/in/rajp,raj@globex.com,Globex,"
        "Engineering Manager,01 Mar 2024\r\n",
        encoding="utf-8",
    )
    run("import", "vcard", str(card))

    result = run("import", "linkedin", str(connections))

    assert result.out.splitlines()[1] == (
        "  contacts: 0 added, 1 updated, 0 skipped; "
        "of those updated, in netrack with other values, netrack's kept: 1"
    )


ORG_CARD = "KIND:org\r\nFN:Globex\r\nORG:Globex\r\nADR:;;;Springfield;;;USA\r\n"


def test_an_organization_card_with_another_address_is_said_to_differ_and_netracks_kept(
    run: Run, db: Path, tmp_path: Path
) -> None:
    """Globex at Chicago, its card at Springfield: counted "already in netrack", where a
    person's card, or `import json`, says netrack's other value was kept."""
    card, again = tmp_path / "org.vcf", tmp_path / "again.vcf"
    card.write_text(f"BEGIN:VCARD\r\nVERSION:3.0\r\n{ORG_CARD}END:VCARD\r\n", encoding="utf-8")
    filled = ORG_CARD.replace("ORG:Globex", "ORG:Globex\r\nNOTE:printers")
    again.write_text(f"BEGIN:VCARD\r\nVERSION:3.0\r\n{filled}END:VCARD\r\n", encoding="utf-8")
    assert run("org", "add", "Globex", "--location", "Chicago").code == 0

    result = run("import", "vcard", str(card))

    assert (result.code, result.out.splitlines()[2]) == (
        0,
        "  organizations: 0 added, 0 updated, 1 skipped "
        "(in netrack with other values, netrack's kept: 1)",
    )
    assert run("import", "vcard", str(again)).out.splitlines()[2] == (
        "  organizations: 0 added, 1 updated, 0 skipped; "
        "of those updated, in netrack with other values, netrack's kept: 1"
    )
    assert run("org", "edit", "globex", "--location", "springfield").code == 0
    assert run("import", "vcard", str(card)).out.splitlines()[2] == (
        "  organizations: 0 added, 0 updated, 1 skipped (already in netrack: 1)"  # case aside
    )
    with sqlite3.connect(db) as connection:
        rows = connection.execute("SELECT name, location, notes FROM organization").fetchall()
    assert rows == [("Globex", "springfield", "printers")]
