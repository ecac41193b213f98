"""netrack's own vCard export, read back by netrack (and by vobject, as others read it):
the same contacts, changed by nothing."""

from __future__ import annotations

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
