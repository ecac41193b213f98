"""vCard files at the edges: folds inside a character, mixed encodings, odd charsets,
broken cards among good ones, values the CLI would refuse, devices, pipes, huge files,
and hostile text on the way out."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import vobject
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netrack.data import tables as t
from netrack.data.repo import Repo
from netrack.domain.errors import InputError
from netrack.interop import api, vcard
from netrack.interop.reading import MAX_IMPORT_BYTES, read_bytes
from tests.interop.conftest import snapshot


def card(*lines: bytes) -> bytes:
    return (
        b"BEGIN:VCARD\r\nVERSION:3.0\r\n"
        + b"".join(x + b"\r\n" for x in lines)
        + (b"END:VCARD\r\n")
    )


def names(repo: Repo) -> list[str]:
    return sorted(c.name for c in repo.contacts.all(include_archived=True))


# --- decoding --------------------------------------------------------------------------


def test_a_fold_inside_a_utf8_character_keeps_every_name(repo: Repo, tmp_path: Path) -> None:
    jose = "José".encode()  # b"Jos\xc3\xa9": the fold falls between \xc3 and \xa9
    path = tmp_path / "folded.vcf"
    path.write_bytes(
        card("FN:Zoë O'Brien".encode())
        + card(b"FN:" + jose[:4] + b"\r\n " + jose[4:] + " Pérez".encode())
        + card("FN:Ana María López".encode())
    )

    summary = api.import_file(repo, "vcard", path)

    assert "contacts: 3 added, 0 updated, 0 skipped" in summary
    assert names(repo) == ["Ana María López", "José Pérez", "Zoë O'Brien"]


@pytest.mark.parametrize(
    "line",
    [b"NOTE;CHARSET=:hi", b'NOTE;CHARSET="":hi', b"EMAIL;PREF=:a@x.com", b"EMAIL;PREF=,:a@x.com",
     b"FN;ENCODING=:Ana", b"X-SOCIALPROFILE;TYPE=linkedin;X-USER=:x-apple:ana"],
)  # fmt: skip
def test_a_parameter_without_a_value_says_nothing(repo: Repo, tmp_path: Path, line: bytes) -> None:
    """An internal error (IndexError) lost the whole file, good cards before it too."""
    path = tmp_path / "empty-parameter.vcf"
    path.write_bytes(card(b"FN:Zoe") + card(b"FN:Ana", line))

    summary = api.import_file(repo, "vcard", path)

    assert "contacts: 2 added, 0 updated, 0 skipped" in summary, summary
    assert names(repo) == ["Ana", "Zoe"]


def test_files_joined_end_to_end_keep_each_byte_order_mark_out(repo: Repo, tmp_path: Path) -> None:
    """Two exports concatenated: the second card began with a BOM and was lost."""
    path = tmp_path / "joined.vcf"
    bom = b"\xef\xbb\xbf"
    path.write_bytes(bom + card(b"FN:Zoe") + bom + card(b"FN:Ana", b"EMAIL:MAILTO:ana@x.org"))

    summary = api.import_file(repo, "vcard", path)

    assert "contacts: 2 added, 0 updated, 0 skipped" in summary, summary
    emails = {c.name: c.email for c in repo.contacts.all()}
    assert emails == {"Ana": "ana@x.org", "Zoe": ""}  # the URI's scheme in capitals too


def test_one_windows_1252_card_among_utf8_cards(repo: Repo, tmp_path: Path) -> None:
    path = tmp_path / "mixed.vcf"
    path.write_bytes(
        card("FN:Zoë O'Brien".encode())
        + card("FN:Jürgen Müller".encode("cp1252"), "NOTE:Café – “quoted”".encode("cp1252"))
        + card("FN:Ana María López".encode(), "NOTE:Café".encode())
    )

    api.import_file(repo, "vcard", path)

    assert names(repo) == ["Ana María López", "Jürgen Müller", "Zoë O'Brien"]
    notes = {c.name: c.notes for c in repo.contacts.all()}
    assert notes == {
        "Ana María López": "Café",
        "Jürgen Müller": "Café – “quoted”",
        "Zoë O'Brien": "",
    }


def test_a_charset_parameter_is_honoured_without_quoted_printable(tmp_path: Path) -> None:
    path = tmp_path / "latin1.vcf"
    path.write_bytes(card(b"FN;CHARSET=ISO-8859-1:Tom\xe1s Ruiz", "NOTE:Niño".encode()))

    (person,) = vcard.parse(path).people

    assert (person.name, person.notes) == ("Tomás Ruiz", "Niño")


@pytest.mark.parametrize("charset", ["idna", "x-no-such-charset", "rot13", "undefined", "hex"])
def test_a_charset_python_cannot_use_falls_back(tmp_path: Path, charset: str) -> None:
    path = tmp_path / "odd.vcf"
    path.write_bytes(
        card(
            f"FN;CHARSET={charset};ENCODING=QUOTED-PRINTABLE:Zo=C3=AB".encode(),
            f"NOTE;CHARSET={charset}:Café".encode(),
        )
    )

    (person,) = vcard.parse(path).people

    assert person.name == "Zoë"
    assert person.notes == "Café"


def test_a_quoted_printable_line_break_is_a_newline(tmp_path: Path) -> None:
    """A 2.1 writer's =0D=0A was stored as CR LF; every other path stores "\n"."""
    path = tmp_path / "old.vcf"
    path.write_bytes(
        card(b"FN:Ana", b"NOTE;ENCODING=QUOTED-PRINTABLE:line one=0D=0Aline two=0Dthree")
    )

    (person,) = vcard.parse(path).people

    assert person.notes == "line one\nline two\nthree"


def test_a_utf16_file_with_its_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "outlook.vcf"
    path.write_bytes(card("FN:Zoë O'Brien".encode()).decode().encode("utf-16"))

    assert [p.name for p in vcard.parse(path).people] == ["Zoë O'Brien"]


# --- broken cards among good ones ------------------------------------------------------


def test_an_unreadable_card_is_skipped_with_its_line(
    repo: Repo, tmp_path: Path, db_path: Path
) -> None:
    path = tmp_path / "some-broken.vcf"
    path.write_bytes(
        card(b"FN:Ana L\xc3\xb3pez")  # lines 1-4
        + card(b"FN:Broken Bob", b"this is not a property")  # 5-9, line 8 broken
        + b"stray text between cards\r\n"  # 10
        + b"BEGIN:VCARD\r\nVERSION:9.9\r\nFN:Future Fay\r\nEND:VCARD\r\n"  # 11-14
        + card(b"FN:Raj Patel")  # 15-18
    )

    summary = api.import_file(repo, "vcard", path)

    assert summary.splitlines()[1] == (
        "  contacts: 2 added, 0 updated, 3 skipped (line 8: not a vCard property (no ':'), "
        "line 10: not a vCard property (no ':'), "
        "line 12: unsupported vCard version '9.9')"
    )
    assert names(repo) == ["Ana López", "Raj Patel"]


def test_a_file_with_no_vcard_is_refused(repo: Repo, tmp_path: Path, db_path: Path) -> None:
    path = tmp_path / "contacts.json"
    path.write_text('{"contacts": [{"name": "Ana"}]}\n', encoding="utf-8")
    before = snapshot(db_path)

    with pytest.raises(InputError) as caught:
        api.import_file(repo, "vcard", path)

    assert str(caught.value) == f"{path}:1: no vCards in this file (expected BEGIN:VCARD)"
    assert snapshot(db_path) == before


def test_many_unreadable_cards_are_listed_then_counted(repo: Repo, tmp_path: Path) -> None:
    path = tmp_path / "many.vcf"
    path.write_bytes(card(b"FN:Ana") + card(b"FN:Bad", b"no colon") * 8)

    summary = api.import_file(repo, "vcard", path)

    assert "contacts: 1 added, 0 updated, 8 skipped (line 8: not a vCard property" in summary
    assert summary.count("not a vCard property") == 5
    assert "3 more skipped lines)" in summary


# --- values the CLI would refuse -------------------------------------------------------


def test_cards_the_cli_would_refuse_are_skipped_and_reported(repo: Repo, tmp_path: Path) -> None:
    path = tmp_path / "refused.vcf"
    path.write_bytes(
        card(b"FN:" + b"A" * 301)  # lines 1-4
        + card(b"FN:\x1b\x07\x08\x7f")  # 5-8: only control characters
        + card(b"FN:Noah Notes", b"NOTE:" + b"x" * 10_001)  # 9-13
        + card(b"FN:   ", b"N:;;;;")  # 14-18: blank after cleaning
        + card(b"ORG:" + b"O" * 301, b"TITLE:CTO", b"FN:Olga")  # 19-24
        + card(b"FN:Eve\x1b]0;pwned\x07 Example")  # 25-28: stored as text
    )

    summary = api.import_file(repo, "vcard", path)

    assert summary.splitlines()[1] == (
        "  contacts: 1 added, 0 updated, 5 skipped (without a name: 2, "
        "line 1: name is too long (300 characters at most), "
        "line 9: notes is too long (10000 characters at most), "
        "line 19: organization name is too long (300 characters at most))"
    )
    assert names(repo) == ["Eve\x1b]0;pwned\x07 Example"]


def test_a_tag_the_cli_would_refuse_skips_its_card(repo: Repo, tmp_path: Path) -> None:
    """A vCard's CATEGORIES came in whole (up to 10,000 characters a tag), and the
    contact form then refused every save of the contact over that tag."""
    path = tmp_path / "tags.vcf"
    path.write_bytes(
        card(b"FN:Vera Tagg", b"CATEGORIES:" + b"T" * 101 + b",ok")  # lines 1-5
        + card(b"FN:Olga Short", b"CATEGORIES:" + b"t" * 100 + b",ok")
    )

    summary = api.import_file(repo, "vcard", path)

    assert summary.splitlines()[1] == (
        f"  contacts: 1 added, 0 updated, 1 skipped (line 1: tag '{'T' * 57}…' is too "
        "long (100 characters at most))"
    )
    assert [(c.name, c.tags) for c in repo.contacts.all()] == [("Olga Short", ("ok", "t" * 100))]


# --- what a reader accepts -------------------------------------------------------------


def test_a_character_device_is_refused_unread(repo: Repo) -> None:
    with pytest.raises(InputError, match=r"^/dev/zero: not a regular file"):
        api.import_file(repo, "vcard", Path("/dev/zero"))


def test_a_fifo_is_refused_without_waiting_for_a_writer(repo: Repo, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.vcf"
    os.mkfifo(fifo)

    with pytest.raises(InputError, match="not a regular file"):
        api.import_file(repo, "vcard", fifo)


def test_a_file_over_the_cap_is_refused_and_says_why(repo: Repo, tmp_path: Path) -> None:
    path = tmp_path / "huge.vcf"
    with path.open("wb") as handle:  # sparse: no disk space used
        handle.truncate(MAX_IMPORT_BYTES + 1)

    with pytest.raises(InputError) as caught:
        api.import_file(repo, "vcard", path)

    assert str(caught.value) == (
        f"{path} is larger than 64 MiB; netrack imports files up to 64 MiB"
    )


def test_a_file_at_the_cap_is_read(tmp_path: Path) -> None:
    path = tmp_path / "small.vcf"
    path.write_bytes(b"x" * 100)

    assert read_bytes(path, limit=100) == b"x" * 100
    with pytest.raises(InputError, match="larger than 99 bytes"):
        read_bytes(path, limit=99)


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.binary(max_size=400), st.booleans())
def test_random_bytes_are_read_or_refused_never_a_crash(
    tmp_path: Path, noise: bytes, framed: bool
) -> None:
    path = tmp_path / "noise.vcf"
    path.write_bytes(b"BEGIN:VCARD\r\nFN:A" + noise + b"\r\nEND:VCARD\r\n" if framed else noise)

    try:
        parsed = vcard.parse(path)
    except InputError:
        return
    for person in parsed.people:
        assert person.name.strip()


# --- hostile text on the way out -------------------------------------------------------


def test_control_characters_never_inject_properties_into_the_export(
    repo: Repo, tmp_path: Path
) -> None:
    mallory = repo.contacts.add("Mallory Example")
    hostile = "Mal\rEMAIL:evil@example.com\nlory\x1b]0;x\x07"
    note = "first\rEMAIL:evil@example.com\nsecond\r\nthird\x1b]0;x\x07\x0b\x85\u2028end"
    t.Contact.update(name=hostile, notes=note).where(t.Contact.id == mallory.id).execute()
    out = tmp_path / "out.vcf"

    api.export(repo, "vcard", out)

    raw = out.read_bytes()
    assert b"\r\nEMAIL" not in raw and b"\x1b" not in raw and b"\x07" not in raw
    (theirs,) = list(vobject.readComponents(raw.decode("utf-8")))
    assert sorted(theirs.contents) == ["fn", "n", "note", "uid", "version"]
    assert theirs.fn.value == "Mal\nEMAIL:evil@example.com\nlory\ufffd]0;x\ufffd"
    assert theirs.note.value == (
        "first\nEMAIL:evil@example.com\nsecond\nthird\ufffd]0;x\ufffd\n\n\nend"
    )
    (ours,) = vcard.parse(out).people
    assert ours.emails == [] and ours.phones == [] and ours.urls == []
    assert ours.notes == theirs.note.value


def test_a_name_made_safe_on_export_is_the_same_contact_on_import(
    repo: Repo, tmp_path: Path
) -> None:
    eve = repo.contacts.add("Eve Example")
    t.Contact.update(name="Eve\x1b]0;x\x07 Example").where(t.Contact.id == eve.id).execute()
    out = tmp_path / "out.vcf"
    api.export(repo, "vcard", out)

    summary = api.import_file(repo, "vcard", out)

    assert "contacts: 0 added, 0 updated, 1 skipped (already in netrack: 1)" in summary
    assert names(repo) == ["Eve\x1b]0;x\x07 Example"]


def test_a_newline_in_a_file_name_stays_on_its_line(repo: Repo, tmp_path: Path) -> None:
    """The summary's first line and a reason naming the file were split in two."""
    folder = tmp_path / "cards"
    folder.mkdir()
    (folder / "x\ny.vcf").write_bytes(
        card(b"FN:Ana") + b"BEGIN:VCARD\r\nFN:Zoe\r\n" + card(b"FN:Bo")
    )

    summary = api.import_file(repo, "vcard", folder)
    single = api.import_file(repo, "vcard", folder / "x\ny.vcf")

    assert summary.splitlines()[1:] == [
        "  contacts: 2 added, 0 updated, 1 skipped"
        " (x␊y.vcf:5: this card has no END:VCARD before the next BEGIN)"
    ]
    assert single.splitlines()[0] == "imported x␊y.vcf:"


# --- what real address books write (found by reading them with vobject and icalendar) --


def test_every_url_of_a_card_is_kept_its_linkedin_profile_as_the_address(
    repo: Repo, tmp_path: Path
) -> None:
    """A homepage, a LinkedIn profile and a work site: the profile and the work site
    went nowhere (and the next LinkedIn import then added the person again)."""
    path = tmp_path / "two.vcf"
    path.write_bytes(
        card(
            b"FN:Agnieszka Kowalczyk",
            b"item1.URL;type=pref:https\\://allegro.example/team",
            b"X-SOCIALPROFILE;type=linkedin;x-user=akowalczyk:http\\://www.linkedin.com/in/akowalczyk",
            b"URL;TYPE=WORK:https://work.example/me",
            b"CATEGORIES:myContacts,starred,mentors",
        )
    )
    api.import_file(repo, "vcard", path)
    [person] = repo.contacts.all()
    assert person.url == "http://www.linkedin.com/in/akowalczyk"
    assert person.notes == (
        "Other URL: https://allegro.example/team\nOther URL: https://work.example/me"
    )
    assert person.tags == ("mentors",)  # Google's own groups are no tags of the user's


def test_a_soft_break_at_a_values_end_leaves_the_cards_end_alone(
    repo: Repo, tmp_path: Path
) -> None:
    """`NOTE;ENCODING=QUOTED-PRINTABLE:…break=` then END:VCARD: the end was taken for
    the note's next line, and the card was skipped with it."""
    path = tmp_path / "qp.vcf"
    path.write_bytes(
        b"BEGIN:VCARD\r\nVERSION:2.1\r\nN:Tail;Quoted;;;\r\n"
        b"NOTE;ENCODING=QUOTED-PRINTABLE:ends with soft break=\r\nEND:VCARD\r\n"
        + b"BEGIN:VCARD\r\nVERSION:2.1\r\nN:Next;Person;;;\r\nEND:VCARD\r\n"
    )
    summary = api.import_file(repo, "vcard", path)
    assert "contacts: 2 added, 0 updated, 0 skipped" in summary
    assert names(repo) == ["Person Next", "Quoted Tail"]


def test_titles_stay_out_of_the_family_name_and_a_function_alone_is_a_role(
    repo: Repo, tmp_path: Path
) -> None:
    """N: was "PhD" for Dr. Agnieszka Kowalczyk PhD (phone apps sort by it), and a
    function without an organization was not written at all."""
    repo.contacts.add("Dr. Agnieszka Kowalczyk PhD")
    repo.contacts.add("Léon Mba")  # a surname, not the degree
    repo.contacts.add("Ana Smith, MD")
    repo.contacts.add("Lee, Sam")
    repo.contacts.add("John Smith II")
    repo.contacts.add("De la Cruz, Maria")
    repo.contacts.add("Dr. Lee,, Sam,")
    repo.contacts.add("Free Lancer", function="design")
    out = tmp_path / "out.vcf"
    api.export(repo, "vcard", out)
    cards = {c.fn.value: c for c in vobject.readComponents(out.read_text())}
    n = cards["Dr. Agnieszka Kowalczyk PhD"].n.value
    assert (n.family, n.given, n.prefix, n.suffix) == ("Kowalczyk", "Agnieszka", "Dr.", "PhD")
    assert cards["Free Lancer"].role.value == "design"
    mba, md = cards["Léon Mba"].n.value, cards["Ana Smith, MD"].n.value
    assert (mba.family, mba.given, mba.suffix) == ("Mba", "Léon", "")
    assert (md.family, md.given, md.suffix) == ("Smith", "Ana", "MD")
    lee, second = cards["Lee, Sam"].n.value, cards["John Smith II"].n.value
    assert (lee.family, lee.given) == ("Lee", "Sam")  # family name first
    assert (second.family, second.given, second.suffix) == ("Smith", "John", "II")
    cruz, stray = cards["De la Cruz, Maria"].n.value, cards["Dr. Lee,, Sam,"].n.value
    assert (cruz.family, cruz.given, cruz.suffix) == ("De la Cruz", "Maria", "")
    assert (stray.family, stray.given, stray.prefix, stray.suffix) == ("Lee", "Sam", "Dr.", "")
    other = Repo.open(tmp_path / "other.db")
    api.import_file(other, "vcard", out)
    assert {c.name: c.function for c in other.contacts.all()}["Free Lancer"] == "design"
    other.close()


def test_a_cut_file_in_a_folder_is_skipped_whole_and_named(repo: Repo, tmp_path: Path) -> None:
    folder = tmp_path / "cards"
    folder.mkdir()
    (folder / "a.vcf").write_bytes(card(b"FN:Ana"))
    (folder / "b.vcf").write_bytes(card(b"FN:Bo") + b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Cy")

    summary = api.import_file(repo, "vcard", folder)

    assert summary.splitlines()[1:] == [
        "  contacts: 1 added, 0 updated, 2 skipped"
        " (b.vcf:5: the file ends inside a card: not any of its 2 cards imported)"
    ]
    assert names(repo) == ["Ana"]
    (folder / "a.vcf").unlink()  # the cut file alone: nothing to import, refused whole
    with pytest.raises(InputError) as caught:
        api.import_file(repo, "vcard", folder)
    assert str(caught.value) == (
        f"{folder / 'b.vcf'}:5: this card has no END:VCARD: the file ends inside it"
    )


def test_a_folder_never_opens_the_database_through_one_of_its_files(
    repo: Repo, db_path: Path, tmp_path: Path
) -> None:
    """A folder's `b.vcf` linking to the database (or a hard link, or its -wal) was
    opened and read ("no vCards in this file"): closing it dropped every lock this
    process held on the database, and the next `netrack` command deleted the -wal this
    one went on writing to (see `check_import_source`). It is skipped unopened."""
    import subprocess
    import sys

    repo.contacts.add("Zed")
    wal = Path(f"{db_path}-wal")
    assert wal.exists()
    folder = tmp_path / "cards"
    folder.mkdir()
    (folder / "a.vcf").write_bytes(card(b"FN:Ana"))
    (folder / "b.vcf").symlink_to(db_path)
    os.link(db_path, folder / "c.vcf")
    (folder / "d.vcf").symlink_to(wal)

    summary = api.import_file(repo, "vcard", folder)

    assert summary.splitlines()[1] == (
        f"  contacts: 1 added, 0 updated, 3 skipped (b.vcf: is the database ({db_path}); not "
        f"opened: 1, c.vcf: is the database ({db_path}); not opened: 1, d.vcf: is the "
        f"database's wal file ({wal}); not opened: 1)"
    )
    env = {**os.environ, "NETRACK_TODAY": "2026-11-25"}
    other = [sys.executable, "-m", "netrack", "--db", str(db_path), "contact", "list"]
    subprocess.run(other, check=True, capture_output=True, env=env, timeout=60)
    assert wal.exists()  # this process's locks held: the other command left it alone
    repo.contacts.add("Written After")
    repo.close()
    names = subprocess.run(other, check=True, capture_output=True, env=env, text=True).stdout
    assert [row.split()[1] for row in names.splitlines()[1:]] == ["Ana", "Written", "Zed"]


def test_a_card_at_organization_none_is_the_contact_without_one(repo: Repo, tmp_path: Path) -> None:
    """ "none" is no organization (`--org none`), and the import stores it so; but it
    matched and checked the card as at an organization called "none", and added a
    second Ana beside the Ana without one, which `contact add Ana --org none` refuses."""
    repo.contacts.add("Ana")
    path = tmp_path / "none.vcf"
    path.write_bytes(card(b"FN:Ana\r\nORG:none\r\nEMAIL:ana@example.org"))

    summary = api.import_file(repo, "vcard", path)

    assert "contacts: 0 added, 1 updated, 0 skipped" in summary
    (ana,) = repo.contacts.all()
    assert (ana.name, ana.organization, ana.email) == ("Ana", "", "ana@example.org")
