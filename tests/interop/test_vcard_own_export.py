"""netrack's own vCard export, read back by netrack (and by vobject, as others read it):
the same contacts, changed by nothing."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

import vobject

from netrack.interop import vcard
from tests.interop.conftest import snapshot


def test_a_notes_line_separators_and_control_characters_come_back_as_the_same_note(
    run_cli, db_path: Path, tmp_path: Path
) -> None:
    """U+2028 (pasted from a web app), VT and NUL-class characters were written as
    U+FFFD: read back, each note gained a garbled second copy ("2 updated")."""
    notes = {
        "Ana Pérez": "met at the fair\u2028ask about referrals",
        "Ben Ode": "tab\x0bvt\x0cff\u2029end",
        "Cy Nul": "nul?\x01\x7fend",
    }
    for name, note in notes.items():
        assert run_cli("contact", "add", name, "--note", note, db=db_path).returncode == 0
    out = tmp_path / "c.vcf"
    assert run_cli("export", "vcard", "--out", out, db=db_path).returncode == 0
    raw = out.read_bytes()
    assert b"NOTE:met at the fair\\nask about referrals\r\n" in raw
    assert b"NOTE:tab\\nvt\\nff\\nend\r\n" in raw
    cards = {c.fn.value: c.note.value for c in vobject.readComponents(raw.decode())}
    assert cards["Ana Pérez"] == "met at the fair\nask about referrals"
    assert {p.name: p.notes for p in vcard.parse(out).people}["Cy Nul"] == "nul?\ufffd\ufffdend"
    before = snapshot(db_path)

    done = run_cli("import", "vcard", out, db=db_path)

    assert done.returncode == 0, done.stderr
    assert "contacts: 0 added, 0 updated, 3 skipped (already in netrack: 3)" in done.stdout
    assert snapshot(db_path) == before


def test_a_closing_parenthesis_telling_namesakes_apart_is_no_part_of_n(
    run_cli, db_path: Path, tmp_path: Path
) -> None:
    """N was "(Acme);Ana López": phone apps sorted Ana under "(" as family name "(Acme)"."""
    for name in ("Ana López (Acme)", "Dr. Bo Li, PhD (Beta (EU))", "Cy (Ng)"):
        assert run_cli("contact", "add", name, db=db_path).returncode == 0
    out = tmp_path / "n.vcf"
    assert run_cli("export", "vcard", "--out", out, db=db_path).returncode == 0

    cards = {c.fn.value: c.n.value for c in vobject.readComponents(out.read_text())}

    assert {fn: (n.family, n.given, n.prefix, n.suffix) for fn, n in cards.items()} == {
        "Ana López (Acme)": ("López", "Ana", "", ""),
        "Dr. Bo Li, PhD (Beta (EU))": ("Li", "Bo", "Dr.", "PhD"),
        "Cy (Ng)": ("", "Cy", "", ""),
    }
    assert b"N:L\xc3\xb3pez;Ana;;;\r\n" in out.read_bytes()
    before = snapshot(db_path)
    done = run_cli("import", "vcard", out, db=db_path)
    assert "0 added, 0 updated, 3 skipped (already in netrack: 3)" in done.stdout
    assert snapshot(db_path) == before


def _uids_and_names(path: Path) -> list[tuple[str, str]]:
    return [(c.uid.value, c.fn.value) for c in vobject.readComponents(path.read_text())]


def test_a_cards_uid_is_the_contacts_own_in_every_database(run_cli, tmp_path: Path) -> None:
    """UIDs were `netrack-contact-{id}`: two databases' contact 1 shared one (a CardDAV
    app replaced one person's card with the other's), and a contact moved by `import
    json` changed UID. Now the contact's record uid, read back to find it renamed."""
    laptop, desktop = tmp_path / "laptop.db", tmp_path / "desktop.db"
    assert run_cli("contact", "add", "Ana López", db=laptop).returncode == 0
    assert run_cli("contact", "add", "Bob Stone", db=desktop).returncode == 0
    cards = {}
    for db in (laptop, desktop):
        out = tmp_path / f"{db.stem}.vcf"
        assert run_cli("export", "vcard", "--out", out, db=db).returncode == 0
        cards[db.stem] = _uids_and_names(out)
    (ana_uid, _), (bob_uid, _) = cards["laptop"][0], cards["desktop"][0]
    assert ana_uid != bob_uid and ana_uid.startswith("contact-")
    history = tmp_path / "laptop.json"
    assert run_cli("export", "json", "--out", history, db=laptop).returncode == 0
    assert run_cli("import", "json", history, db=desktop).returncode == 0
    moved = tmp_path / "desktop2.vcf"
    assert run_cli("export", "vcard", "--out", moved, db=desktop).returncode == 0
    assert sorted(_uids_and_names(moved)) == sorted(
        [(ana_uid, "Ana López"), (bob_uid, "Bob Stone")]
    )
    # Renamed since the export: the card is still hers, not a second "Ana López"
    assert (
        run_cli("contact", "edit", "Ana", "--name", "Ana López García", db=laptop).returncode == 0
    )
    done = run_cli("import", "vcard", tmp_path / "laptop.vcf", db=laptop)
    assert "0 added, 0 updated, 1 skipped (in netrack with other values" in done.stdout
    # Another database's card is a new contact, with a uid of its own
    assert run_cli("import", "vcard", tmp_path / "desktop.vcf", db=laptop).returncode == 0
    again = tmp_path / "laptop2.vcf"
    assert run_cli("export", "vcard", "--out", again, db=laptop).returncode == 0
    (first, second) = _uids_and_names(again)
    assert first == (ana_uid, "Ana López García")
    assert second[1] == "Bob Stone" and second[0] not in (ana_uid, bob_uid)


def test_an_older_exports_row_id_uid_imports_as_before(
    run_cli, db_path: Path, tmp_path: Path
) -> None:
    """`netrack-contact-1` named a row id, every database's contact 1: not read as a
    uid, the card matched by its name as before; nor a uid schema 13 derived from an id
    (m013), which a history begun apart gives its own contact 1 too."""
    assert run_cli("contact", "add", "Ana López", db=db_path).returncode == 0
    derived = "contact-" + vcard_uid_derived(1) + "@netrack"
    with closing(sqlite3.connect(db_path)) as migrated, migrated:  # as m013 left it
        migrated.execute('UPDATE "contact" SET "uid" = ?', (vcard_uid_derived(1),))
    old = tmp_path / "old.vcf"
    old.write_bytes(
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nUID:" + derived.encode()
        + b"\r\nFN:Zed Other\r\nEND:VCARD\r\n"
        b"BEGIN:VCARD\r\nVERSION:3.0\r\nUID:netrack-contact-1\r\nFN:Ana L\xc3\xb3pez\r\n"
        b"END:VCARD\r\n"
    )  # fmt: skip

    done = run_cli("import", "vcard", old, db=db_path)

    assert "1 added, 0 updated, 1 skipped (already in netrack: 1)" in done.stdout
    listed = run_cli("contact", "list", db=db_path).stdout
    assert "Ana López" in listed and "Zed Other" in listed


def vcard_uid_derived(contact_id: int) -> str:
    from netrack.data.migrations.m013_named_uids import derived

    return derived("contact", contact_id)


def test_a_card_copied_with_another_contacts_uid_goes_to_the_contact_it_plainly_is(
    run_cli, db_path: Path, tmp_path: Path
) -> None:
    """Carla's card with Bob's UID pasted in (copied by hand from his) put her phone on
    Bob and her email in his notes: the uid now yields to a card that the rules match to
    another contact exactly. A renamed contact is still found by the uid."""
    bob = run_cli("contact", "add", "Bob Stone", "--email", "bob@a.example", db=db_path)
    assert bob.returncode == 0
    added = run_cli(
        "contact", "add", "Carla Diaz", "--email", "carla@c.example", "--phone", "111", db=db_path
    )
    assert added.returncode == 0
    out = tmp_path / "h.vcf"
    assert run_cli("export", "vcard", "--out", out, db=db_path).returncode == 0
    bob_uid = next(uid for uid, name in _uids_and_names(out) if name == "Bob Stone")
    copied = tmp_path / "carla.vcf"
    copied.write_text(
        f"BEGIN:VCARD\r\nVERSION:3.0\r\nUID:{bob_uid}\r\nFN:Carla Diaz\r\nN:Diaz;Carla;;;\r\n"
        "EMAIL:carla@c.example\r\nTEL:222\r\nEND:VCARD\r\n",
        newline="",
    )

    done = run_cli("import", "vcard", copied, db=db_path)

    assert done.returncode == 0, done.stderr
    assert "0 added, 1 updated" in done.stdout
    bob = run_cli("contact", "show", "Bob", db=db_path).stdout
    assert "222" not in bob and "carla" not in bob
    assert "Other phone: 222" in run_cli("contact", "show", "Carla", db=db_path).stdout
    # Bob renamed since the export: his own card still finds him by the uid
    assert run_cli("contact", "edit", "Bob", "--name", "Robert Stone", db=db_path).returncode == 0
    again = run_cli("import", "vcard", out, db=db_path)
    assert "0 added, 0 updated, 2 skipped" in again.stdout
    assert "Bob Stone" not in run_cli("contact", "list", db=db_path).stdout
