"""Namesakes on import, through the real command line: the record that is a contact
exactly (same name and organization) gets them whatever its place in the file; a shared
inbox tells nobody apart; and a vCard's and LinkedIn's records of one person meet though
the company is spelled otherwise or missing, in either order of the imports."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.cli.conftest import Run

CONNECTIONS = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"


def cards(*bodies: str) -> bytes:
    return "".join(f"BEGIN:VCARD\r\nVERSION:3.0\r\n{b}END:VCARD\r\n" for b in bodies).encode()


def people(db: Path) -> list[tuple[object, ...]]:
    """(name, organization, title) of every contact, by id."""
    with sqlite3.connect(db) as connection:
        return connection.execute(
            "SELECT c.name, o.name, c.title FROM contact c LEFT JOIN organization o "
            "ON o.id = c.organization_id ORDER BY c.id"
        ).fetchall()


def meetings(db: Path) -> set[tuple[object, ...]]:
    """(note, organization of the contact met) of every interaction."""
    with sqlite3.connect(db) as connection:
        return set(
            connection.execute(
                "SELECT i.note, o.name FROM interaction i "
                "JOIN interaction_contact ic ON ic.interaction_id = i.id "
                "JOIN contact c ON c.id = ic.contact_id "
                "LEFT JOIN organization o ON o.id = c.organization_id"
            ).fetchall()
        )


def on(run: Run, db: Path, *argv: str) -> str:
    result = run(*argv, "--db", str(db), use_db=False)
    assert result.code == 0, result.err
    return result.out


# Report #1a: two Sam Lees sharing jobs@acme.com; the one at Acme is in netrack already
SAM_GLOBEX = ("contact", "add", "Sam Lee", "--org", "Globex", "--email", "jobs@acme.com")
SAM_ACME = ("contact", "add", "Sam Lee", "--org", "Acme", "--email", "jobs@acme.com")


@pytest.mark.parametrize("globex_first", [True, False])
def test_json_the_exact_namesake_keeps_the_contact_whatever_the_order(
    run: Run, tmp_path: Path, globex_first: bool
) -> None:
    a, b = tmp_path / "a.db", tmp_path / "b.db"
    adds = [(*SAM_GLOBEX, "--title", "Designer"), (*SAM_ACME, "--title", "Recruiter")]
    for argv in adds if globex_first else adds[::-1]:
        on(run, a, *argv)
    on(run, a, "log", '@"Sam Lee (Globex)" #call 20 globex design chat')
    on(run, a, "log", '@"Sam Lee (Acme)" #call 25 acme recruiter screen')
    on(run, a, "export", "json", "--out", str(tmp_path / "a.json"))
    on(run, b, *SAM_ACME)

    out = on(run, b, "import", "json", str(tmp_path / "a.json"))

    assert "contacts: 1 added, 1 updated, 0 skipped" in out
    assert sorted(people(b), key=str) == [
        ("Sam Lee", "Acme", "Recruiter"),
        ("Sam Lee", "Globex", "Designer"),
    ]
    assert meetings(b) == {("globex design chat", "Globex"), ("acme recruiter screen", "Acme")}


@pytest.mark.parametrize("initech_first", [True, False])
def test_json_a_namesake_without_an_organization_keeps_theirs_whatever_the_order(
    run: Run, tmp_path: Path, initech_first: bool
) -> None:
    # Report #1b
    c, d = tmp_path / "c.db", tmp_path / "d.db"
    adds = [
        ("contact", "add", "Mei Chen", "--org", "Initech"),
        ("contact", "add", "Mei Chen", "--org", "none"),
    ]
    for argv in adds if initech_first else adds[::-1]:
        on(run, c, *argv)
    on(run, c, "log", '@"Mei Chen (Initech)" #call 30 initech call')
    on(run, c, "log", '@"Mei Chen ()" #coffee 45 phone friend coffee')
    on(run, c, "export", "json", "--out", str(tmp_path / "c.json"))
    on(run, d, "contact", "add", "Mei Chen")

    out = on(run, d, "import", "json", str(tmp_path / "c.json"))

    assert "contacts: 1 added, 0 updated, 1 skipped (already in netrack: 1)" in out
    assert people(d) == [("Mei Chen", None, ""), ("Mei Chen", "Initech", "")]
    assert meetings(d) == {("initech call", "Initech"), ("phone friend coffee", None)}


@pytest.mark.parametrize("blank_first", [True, False])
def test_json_a_looser_match_never_takes_the_contact_the_file_names_exactly(
    run: Run, tmp_path: Path, blank_first: bool
) -> None:
    # Ana without an organization shares Ana at Acme's email: in the file she came first
    # and took the Ana at Acme, whose own record was then refused with her history
    a, b = tmp_path / "a.db", tmp_path / "b.db"
    adds = [
        ("contact", "add", "Ana López", "--email", "ana@mail.example"),
        ("contact", "add", "Ana López", "--org", "Acme", "--email", "ana@mail.example"),
    ]
    for argv in adds if blank_first else adds[::-1]:
        on(run, a, *argv)
    on(run, a, "log", '@"Ana López ()" #coffee 30 the friend')
    on(run, a, "log", '@"Ana López (Acme)" #call 20 the colleague')
    on(run, a, "export", "json", "--out", str(tmp_path / "a.json"))
    on(run, b, *adds[1])

    out = on(run, b, "import", "json", str(tmp_path / "a.json"))

    assert "contacts: 1 added, 0 updated, 1 skipped (already in netrack: 1)" in out
    assert people(b) == [("Ana López", "Acme", ""), ("Ana López", None, "")]
    assert meetings(b) == {("the colleague", "Acme"), ("the friend", None)}


SAM_CARDS = (
    "FN:Sam Lee\r\nORG:Acme\r\nTITLE:Recruiter\r\nEMAIL:jobs@acme.com\r\n",
    "FN:Sam Lee\r\nORG:Globex\r\nTITLE:Designer\r\nEMAIL:jobs@acme.com\r\n",
)


@pytest.mark.parametrize("acme_first", [True, False])
def test_a_shared_inbox_in_one_file_keeps_namesakes_apart(
    run: Run, db: Path, tmp_path: Path, acme_first: bool
) -> None:
    # Report #2a
    two = tmp_path / "two.vcf"
    two.write_bytes(cards(*(SAM_CARDS if acme_first else SAM_CARDS[::-1])))

    out = run("import", "vcard", str(two)).out

    assert "contacts: 2 added, 0 updated, 0 skipped" in out
    assert sorted(people(db), key=str) == [
        ("Sam Lee", "Acme", "Recruiter"),
        ("Sam Lee", "Globex", "Designer"),
    ]


@pytest.mark.parametrize("acme_first", [True, False])
def test_a_shared_inbox_in_netrack_tells_no_namesake_apart(
    run: Run, db: Path, tmp_path: Path, acme_first: bool
) -> None:
    # Report #2b
    adds = [SAM_ACME, SAM_GLOBEX]
    for argv in adds if acme_first else adds[::-1]:
        assert run(*argv).code == 0
    initech = tmp_path / "initech.vcf"
    initech.write_bytes(
        cards("FN:Sam Lee\r\nORG:Initech\r\nTITLE:Recruiter\r\nEMAIL:jobs@acme.com\r\n")
    )

    out = run("import", "vcard", str(initech)).out

    assert "contacts: 1 added, 0 updated, 0 skipped" in out
    assert sorted(people(db), key=str) == [
        ("Sam Lee", "Acme", ""),
        ("Sam Lee", "Globex", ""),
        ("Sam Lee", "Initech", "Recruiter"),
    ]


RAJ_CARD = "FN:Raj Patel\r\nORG:Globex\r\nEMAIL:raj@globex.example\r\n"
RAJ_ROW = (
    'Raj,Patel,https://www.linkedin.com/in/rajp,raj@globex.example,"Globex, Inc.",CTO,01 Mar 2024'
)


@pytest.mark.parametrize("card_first", [True, False])
def test_a_card_and_a_connection_of_one_name_and_email_are_one_person(
    run: Run, db: Path, tmp_path: Path, card_first: bool
) -> None:
    # "Globex" on the phone, "Globex, Inc." on LinkedIn: the email is theirs alone
    card, connections = tmp_path / "phone.vcf", tmp_path / "Connections.csv"
    card.write_bytes(cards(RAJ_CARD))
    connections.write_text(CONNECTIONS + RAJ_ROW + "\r\n", encoding="utf-8")
    imports = [("vcard", card), ("linkedin", connections)]
    for kind, path in imports if card_first else imports[::-1]:
        assert run("import", kind, str(path)).code == 0

    first = "Globex" if card_first else "Globex, Inc."
    assert people(db) == [("Raj Patel", first, "CTO")]
    with sqlite3.connect(db) as connection:
        assert connection.execute("SELECT name FROM organization").fetchall() == [(first,)]


@pytest.mark.parametrize("card_first", [True, False])
def test_a_card_without_a_company_and_the_one_connection_of_that_name_are_one_person(
    run: Run, db: Path, tmp_path: Path, card_first: bool
) -> None:
    card, connections = tmp_path / "mei.vcf", tmp_path / "C2.csv"
    card.write_bytes(cards("FN:Mei Chen\r\nTEL;TYPE=CELL:+1 650 555 0142\r\n"))
    connections.write_text(
        CONNECTIONS + "Mei,Chen,https://www.linkedin.com/in/meichen,,Initech,Recruiter,"
        "08 Dec 2025\r\n",
        encoding="utf-8",
    )
    imports = [("vcard", card), ("linkedin", connections)]
    for kind, path in imports if card_first else imports[::-1]:
        assert run("import", kind, str(path)).code == 0

    assert people(db) == [("Mei Chen", "Initech", "Recruiter")]
    assert run("log", "@mei coffee").code == 0


def test_a_card_without_a_company_stays_apart_from_namesakes_it_cannot_tell(
    run: Run, db: Path, tmp_path: Path
) -> None:
    # Another email; two namesakes; two of that name in the file: nobody can say who
    run("contact", "add", "Mei Chen", "--org", "Initech", "--email", "mei@initech.example")
    run("contact", "add", "Sam Lee", "--org", "Initech")
    run("contact", "add", "Sam Lee", "--org", "Globex")
    run("contact", "add", "Li Wei", "--org", "Hooli")
    path = tmp_path / "cards.vcf"
    path.write_bytes(
        cards(
            "FN:Mei Chen\r\nEMAIL:mei@home.example\r\n",
            "FN:Sam Lee\r\nTEL:+1 650 555 0100\r\n",
            "FN:Li Wei\r\nTEL:+1 650 555 0101\r\n",
            "FN:Li Wei\r\nORG:Pied Piper\r\n",
        )
    )

    out = run("import", "vcard", str(path)).out

    assert "contacts: 4 added, 0 updated, 0 skipped" in out


def test_json_never_joins_namesakes_loosely(run: Run, tmp_path: Path) -> None:
    # netrack's own export says who is who exactly: Raj at "Globex, Inc." is another
    # contact there, and so is a Mei Chen without an organization
    a, b = tmp_path / "a.db", tmp_path / "b.db"
    on(run, a, "contact", "add", "Raj Patel", "--org", "Globex, Inc.", "--email", "raj@g.example")
    on(run, a, "contact", "add", "Mei Chen")
    on(run, a, "export", "json", "--out", str(tmp_path / "a.json"))
    on(run, b, "contact", "add", "Raj Patel", "--org", "Globex", "--email", "raj@g.example")
    on(run, b, "contact", "add", "Mei Chen", "--org", "Initech")

    out = on(run, b, "import", "json", str(tmp_path / "a.json"))

    assert "contacts: 2 added, 0 updated, 0 skipped" in out
    assert len(people(b)) == 4
