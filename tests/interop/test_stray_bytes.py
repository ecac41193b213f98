"""A stray byte in a UTF-8 file (vCard, LinkedIn CSV, iCalendar): its line read as UTF-8
with U+FFFD for the byte, and the summary warns with the file and the line. The line was
read as Windows-1252 without a word: every accent on it became two letters ("LÃ³pez"),
and a later clean import of the same person added a second one. A file that is
Windows-1252 beyond doubt on one line is so on every line that is not UTF-8."""

from __future__ import annotations

from pathlib import Path

from netrack.data.repo import Repo
from netrack.interop import api
from netrack.interop.reading import text_of
from netrack.screens.modal.import_summary import describe

WARNING = "not valid UTF-8; read as UTF-8, each stray byte as \ufffd"


def vcf(name: bytes) -> bytes:
    return b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:" + name + b"\r\nORG:Acme\r\nEND:VCARD\r\n"


def test_a_vcard_line_with_a_stray_byte_is_utf8_and_said(repo: Repo, tmp_path: Path) -> None:
    bad, good = tmp_path / "bad.vcf", tmp_path / "good.vcf"
    bad.write_bytes(vcf(b"Ana L\xc3\xb3pez Garc\xc3\xada\xff"))
    good.write_bytes(vcf(b"Ana L\xc3\xb3pez Garc\xc3\xada"))

    report = api.import_report(repo, "vcard", bad)

    assert str(report) == (
        "imported bad.vcf:\n"
        "  contacts: 1 added, 0 updated, 0 skipped\n"
        "  organizations: 1 added, 0 updated, 0 skipped\n"
        f"  warning: bad.vcf:3: {WARNING}"
    )
    assert describe(report).plain.endswith(f"\n\nWarnings:\n  bad.vcf:3: {WARNING}")
    assert [c.name for c in repo.contacts.all()] == ["Ana López García\ufffd"]
    summary = api.import_file(repo, "vcard", good)
    assert "contacts: 0 added, 0 updated, 1 skipped (already in netrack: 1)" in summary
    assert len(repo.contacts.all()) == 1


def test_a_connections_row_with_a_stray_byte_is_utf8_and_said(repo: Repo, tmp_path: Path) -> None:
    path = tmp_path / "Connections.csv"
    path.write_bytes(
        b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
        b"Zo\xc3\xab,M\xc3\xbcller\x9d,https://www.linkedin.com/in/zoe,,Initech,VP,05 Nov 2024\r\n"
        b"Jos\xc3\xa9,Garc\xc3\xada,https://www.linkedin.com/in/jose,,Initech,CTO,06 Nov 2024\r\n"
    )
    summary = api.import_file(repo, "linkedin", path)
    assert summary.endswith(f"\n  warning: Connections.csv:2: {WARNING}")
    assert sorted(c.name for c in repo.contacts.all()) == ["José García", "Zoë Müller\ufffd"]


def test_a_calendar_title_with_a_stray_byte_is_utf8_and_said(repo: Repo, tmp_path: Path) -> None:
    repo.contacts.add("Zoë Müller", email="zoe@x.example")
    path = tmp_path / "cal.ics"
    path.write_bytes(
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:1@x\r\n"
        b"DTSTART:20261101T100000Z\r\nDTEND:20261101T110000Z\r\n"
        b"SUMMARY:caf\xc3\xa9 with Zo\xc3\xab \x9d\r\n"
        b"ATTENDEE;CN=Zoe:mailto:zoe@x.example\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    summary = api.import_file(repo, "ics", path)
    assert summary.endswith(f"\n  warning: cal.ics:8: {WARNING}")
    [met] = repo.activity.interactions()
    assert met.note == "café with Zoë \ufffd"


def test_windows_1252_lines_are_read_as_before_without_a_warning(
    repo: Repo, tmp_path: Path
) -> None:
    path = tmp_path / "outlook.vcf"
    path.write_bytes(vcf(b"Jos\xe9 Garc\xeda \x96 M\xfcller"))
    summary = api.import_file(repo, "vcard", path)
    assert "warning" not in summary
    assert [c.name for c in repo.contacts.all()] == ["José García – Müller"]
    # A UTF-8 file with one row pasted from a Windows program: only that row is cp1252.
    assert text_of(b"Zo\xc3\xab\nJos\xe9\n") == "Zo\xeb\nJos\xe9\n"


# A Windows-1252 file: "Jürgen" has no UTF-8 character in it, so its file is cp1252, and
# "„Spaß“" is read so too, though "ß“" (DF 93) happens to be a UTF-8 character.
JURGEN, SPASS = b"J\xfcrgen M\xfcller", b"\x84Spa\xdf\x93"


def test_a_windows_1252_connections_file_is_read_so_on_every_line(
    repo: Repo, tmp_path: Path
) -> None:
    path = tmp_path / "Connections.csv"
    path.write_bytes(
        b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
        b"J\xfcrgen,M\xfcller,https://www.linkedin.com/in/jm,,Contoso GmbH,Leiter,9 Sep 2022\r\n"
        b"Jan,Maier,https://www.linkedin.com/in/janmaier,,"
        + SPASS
        + b" Eventagentur,Inhaber,13 Mar 2024\r\n"
    )
    summary = api.import_file(repo, "linkedin", path)
    assert "warning" not in summary
    assert sorted(o.name for o in repo.organizations.all()) == [
        "Contoso GmbH",
        "„Spaß“ Eventagentur",
    ]


def test_a_windows_1252_calendar_title_is_read_so(repo: Repo, tmp_path: Path) -> None:
    repo.contacts.add("Jürgen Müller", email="jm@x.example")
    path = tmp_path / "outlook.ics"
    path.write_bytes(
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:1@x\r\n"
        b"DTSTART:20261101T100000Z\r\nDTEND:20261101T110000Z\r\n"
        b"SUMMARY:Kennenlernen " + SPASS + b"\r\n"
        b"ATTENDEE;CN=" + JURGEN + b":mailto:jm@x.example\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    summary = api.import_file(repo, "ics", path)
    assert "warning" not in summary
    [met] = repo.activity.interactions()
    assert met.note == "Kennenlernen „Spaß“"


def test_a_windows_1252_vcard_is_read_so_on_every_line(repo: Repo, tmp_path: Path) -> None:
    path = tmp_path / "outlook.vcf"
    path.write_bytes(
        # Outlook's 2.1: what tells the file is Windows-1252 is quoted-printable here
        b"BEGIN:VCARD\r\nVERSION:2.1\r\nFN;ENCODING=QUOTED-PRINTABLE:J=FCrgen M=FCller\r\n"
        b"ORG;ENCODING=QUOTED-PRINTABLE:=84Spa=DF=93 Eventagentur\r\nEND:VCARD\r\n"
        b"BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Jan Maier\r\nORG:" + SPASS + b" GmbH\r\nEND:VCARD\r\n"
    )
    summary = api.import_file(repo, "vcard", path)
    assert "warning" not in summary
    assert sorted(o.name for o in repo.organizations.all()) == [
        "„Spaß“ Eventagentur",
        "„Spaß“ GmbH",
    ]
    assert sorted(c.name for c in repo.contacts.all()) == ["Jan Maier", "Jürgen Müller"]


def test_a_utf8_file_with_a_stray_byte_on_a_plain_line_stays_utf8(
    repo: Repo, tmp_path: Path
) -> None:
    """A stray byte on a line of plain ASCII (`Smith\\xa0`) made the whole file Windows-
    1252, though another line was UTF-8 beyond ASCII (Zoë): "José García" of a third
    line, damaged by one byte, was stored "JosÃ© GarcÃ­a" without a word."""
    path = tmp_path / "Connections.csv"
    path.write_bytes(
        b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
        b"Tom,Smith\xa0,https://www.linkedin.com/in/ts,,Acme,Eng,01 Nov 2026\r\n"
        + "José,García,https://www.linkedin.com/in/jga,,São Paulo Co".encode()
        + b"\x96 Lead,Eng,02 Nov 2026\r\n"
        + "Zoë,Ng,https://www.linkedin.com/in/zn,,Beta,Eng,03 Nov 2026\r\n".encode()
    )
    summary = api.import_file(repo, "linkedin", path)
    assert f"Connections.csv:3: {WARNING}" in summary
    names = sorted(c.name for c in repo.contacts.all())
    assert names[0] == "José García" and names[2] == "Zoë Ng", names
    assert "São Paulo Co\ufffd Lead" in {o.name for o in repo.organizations.all()}


# A line of a UTF-8 file that is not UTF-8 was read as Windows-1252 ("Jos\xe9"), or with
# U+FFFD for a byte Windows-1252 leaves undefined ("Ab\x81c"), and the summary said nothing.
GUESSED = "not valid UTF-8; read as Windows-1252"
UNREADABLE = "not valid UTF-8 nor Windows-1252; each unreadable byte as \ufffd"
ZOE, JOSE, UNDEFINED = "Zoë".encode(), b"Jos\xe9", b"Ab\x81c"


def test_a_guessed_or_unreadable_connections_row_is_said(repo: Repo, tmp_path: Path) -> None:
    path = tmp_path / "enc5.csv"
    path.write_bytes(
        b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        + b"".join(
            name + b",Row,https://www.linkedin.com/in/x%d,,Acme,Eng,01 Oct 2026\n" % n
            for n, name in enumerate((ZOE, JOSE, UNDEFINED))
        )
    )
    report = api.import_report(repo, "linkedin", path)
    assert report.warnings() == [f"enc5.csv:3: {GUESSED}", f"enc5.csv:4: {UNREADABLE}"]
    assert describe(report).plain.endswith(
        f"\n\nWarnings:\n  enc5.csv:3: {GUESSED}\n  enc5.csv:4: {UNREADABLE}"
    )
    names = sorted(c.name for c in repo.contacts.all())
    assert names == ["Ab\ufffdc Row", "José Row", "Zoë Row"]


def test_an_undefined_byte_in_a_windows_1252_file_is_said_alone(repo: Repo, tmp_path: Path) -> None:
    path = tmp_path / "Connections.csv"
    path.write_bytes(
        b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
        b"J\xfcrgen,M\xfcller,https://www.linkedin.com/in/jm,,Contoso,Leiter,9 Sep 2022\r\n"
        b"Jan,Mai\x9der,https://www.linkedin.com/in/jan,,Contoso,Inhaber,13 Mar 2024\r\n"
    )
    report = api.import_report(repo, "linkedin", path)
    assert report.warnings() == [f"Connections.csv:3: {UNREADABLE}"]
    assert sorted(c.name for c in repo.contacts.all()) == ["Jan Mai\ufffder", "Jürgen Müller"]


def test_a_guessed_or_unreadable_vcard_line_is_said(repo: Repo, tmp_path: Path) -> None:
    path = tmp_path / "mixed.vcf"
    path.write_bytes(vcf(ZOE) + vcf(JOSE) + vcf(UNDEFINED))  # FN on lines 3, 8 and 13
    report = api.import_report(repo, "vcard", path)
    assert report.warnings() == [f"mixed.vcf:8: {GUESSED}", f"mixed.vcf:13: {UNREADABLE}"]
    assert sorted(c.name for c in repo.contacts.all()) == ["Ab\ufffdc", "José", "Zoë"]
    # Windows-1252 throughout: only the undefined byte is said (0x8F, in a parameter)
    outlook = tmp_path / "outlook.vcf"
    outlook.write_bytes(vcf(b"J\xfcrgen M\xfcller") + vcf(b"Jan Maier\r\nNOTE;X-\x8f=1:hi"))
    report = api.import_report(repo, "vcard", outlook)
    assert report.warnings() == [f"outlook.vcf:9: {UNREADABLE}"]


def test_a_guessed_or_unreadable_calendar_line_is_said(repo: Repo, tmp_path: Path) -> None:
    repo.contacts.add("Zoë Müller", email="zoe@x.example")
    path = tmp_path / "cal.ics"
    path.write_bytes(
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\n"
        + b"".join(
            b"BEGIN:VEVENT\r\nUID:%d@x\r\nDTSTART:2026110%dT100000Z\r\n" % (n, n)
            + b"SUMMARY:"
            + title
            + b"\r\nATTENDEE;CN=Zoe:mailto:zoe@x.example\r\nEND:VEVENT\r\n"
            for n, title in enumerate((ZOE, JOSE, UNDEFINED), 1)
        )
        + b"END:VCALENDAR\r\n"
    )  # SUMMARY on lines 7, 13 and 19
    report = api.import_report(repo, "ics", path)
    assert report.warnings() == [f"cal.ics:13: {GUESSED}", f"cal.ics:19: {UNREADABLE}"]
    notes = [i.note for i in repo.activity.interactions()]
    assert sorted(notes) == ["Ab\ufffdc", "José", "Zoë"]


BROKEN_UTF16 = "not valid UTF-16; each unreadable character as \ufffd"


def utf16_with_a_lone_surrogate_after(word: str, text: str) -> bytes:
    return b"\xff\xfe" + text.encode("utf-16-le").replace(
        word.encode("utf-16-le"),
        word.encode("utf-16-le") + b"\x00\xd8",  # U+D800 alone
    )


def test_a_lone_surrogate_in_a_utf16_file_is_said(repo: Repo, tmp_path: Path) -> None:
    """A UTF-16 file (a spreadsheet's "Unicode text") was read with U+FFFD for a lone
    surrogate without a word."""
    card = tmp_path / "unicode.vcf"
    card.write_bytes(utf16_with_a_lone_surrogate_after("Ana", vcf(b"Ana").decode()))
    assert api.import_report(repo, "vcard", card).warnings() == [f"unicode.vcf:3: {BROKEN_UTF16}"]
    sheet = tmp_path / "Connections.txt"
    sheet.write_bytes(
        utf16_with_a_lone_surrogate_after(
            "Raj",
            "First Name\tLast Name\tURL\tEmail Address\tCompany\tPosition\tConnected On\r\n"
            "Raj\tPatel\thttps://www.linkedin.com/in/rp\t\tAcme\tEng\t01 Oct 2026\r\n",
        )
    )
    report = api.import_report(repo, "linkedin", sheet)
    assert report.warnings() == [f"Connections.txt:2: {BROKEN_UTF16}"]
    assert sorted(c.name for c in repo.contacts.all()) == ["Ana\ufffd", "Raj\ufffd Patel"]
