"""Every style of LinkedIn's Connections.csv a user really has: the 2017–2019 export, a
spreadsheet's re-save (semicolons, day-first dates, Windows-1252), the export's .zip;
emails that are not emails; random rows and bytes."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netrack.data.repo import Repo
from netrack.domain.errors import InputError
from netrack.interop import api, linkedin
from netrack.interop.reading import MAX_IMPORT_BYTES
from tests.interop.conftest import DATA, snapshot

HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"

# What each fixture holds, written out by hand (not by the parser): name → (email, met_on).
EXPECTED: dict[str, dict[str, tuple[str, date]]] = {
    "Connections-2018.csv": {
        "Hannah Okafor": ("hannah.okafor@example.com", date(2018, 1, 8)),
        "Bruno Silva": ("", date(2017, 12, 25)),
        "Chloé Durand": ("", date(2019, 3, 4)),  # urn:li:member:… is no email
        "Kenji Watanabe": ("kenji@example.jp", date(2018, 10, 31)),
        "Amara Nwosu": ("", date(2019, 2, 9)),  # a hand-redacted "xxx"
    },
    "Connections-resaved-semicolon.csv": {
        "Lena Müller": ("", date(2022, 9, 9)),
        "Pieter de Vries": ("pieter@example.nl", date(2021, 12, 25)),
        "Giulia Rossi": ("", date(2023, 11, 3)),
        "Søren Kierkegaard": ("", date(2020, 2, 1)),
    },
    "Connections-cp1252.csv": {
        "José Núñez": ("", date(2022, 9, 9)),
        "Zoë Brontë": ("zoe.bronte@example.co.uk", date(2021, 2, 14)),
        "François Lefèvre": ("", date(2020, 1, 1)),
        "Åsa Öberg": ("", date(2023, 11, 30)),
    },
}
NAMELESS = {"Connections-2018.csv": 1, "Connections-resaved-semicolon.csv": 1}


def landed(repo: Repo) -> dict[str, tuple[str, date | None]]:
    return {c.name: (c.email, c.met_on) for c in repo.contacts.all(include_archived=True)}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_export_style_imports_once_and_the_second_run_adds_nothing(
    repo: Repo, db_path: Path, name: str
) -> None:
    path = DATA / "linkedin" / name
    expected = EXPECTED[name]
    skipped = NAMELESS.get(name, 0)

    first = api.import_file(repo, "linkedin", path)

    assert f"contacts: {len(expected)} added, 0 updated, {skipped} skipped" in first
    assert landed(repo) == expected
    before = snapshot(db_path)
    second = api.import_file(repo, "linkedin", path)
    assert f"contacts: 0 added, 0 updated, {len(expected) + skipped} skipped" in second
    assert snapshot(db_path) == before


def test_fields_of_the_2018_export_and_of_a_resave(repo: Repo) -> None:
    api.import_file(repo, "linkedin", DATA / "linkedin/Connections-2018.csv")
    api.import_file(repo, "linkedin", DATA / "linkedin/Connections-resaved-semicolon.csv")
    people = {c.name: c for c in repo.contacts.all()}
    bruno = people["Bruno Silva"]
    assert (bruno.organization, bruno.title, bruno.url) == (
        "Vandelay Industries",
        "Importer, Exporter",
        "",
    )
    giulia = people["Giulia Rossi"]
    assert giulia.organization == "Ferrari; S.p.A."
    assert giulia.url == "https://www.linkedin.com/in/giulia-rossi-3"
    assert people["Pieter de Vries"].title == "Architect, Cloud"


def test_cp1252_text_keeps_its_letters(repo: Repo) -> None:
    api.import_file(repo, "linkedin", DATA / "linkedin/Connections-cp1252.csv")
    people = {c.name: c for c in repo.contacts.all()}
    assert people["Zoë Brontë"].title == "\u201cChief\u201d Storyteller"
    assert people["François Lefèvre"].title == "Analyste € Risques"
    assert people["José Núñez"].organization == "Telefónica"


def test_nine_redacted_emails_are_nine_people(repo: Repo, tmp_path: Path) -> None:
    rows = [f"Person{n},Redacted,,xxx,,,1 Oct 2026\n" for n in range(9)]
    rows.append("Ten,Urn,,urn:li:member:123456,,,1 Oct 2026\n")
    rows.append("Eleven,Twoats,,a@b@c.example,,,1 Oct 2026\n")
    source = tmp_path / "Connections.csv"
    source.write_text(HEADER + "".join(rows), encoding="utf-8")

    summary = api.import_file(repo, "linkedin", source)

    assert "contacts: 11 added, 0 updated, 0 skipped" in summary
    contacts = repo.contacts.all()
    assert len(contacts) == 11
    assert {c.email for c in contacts} == {""}


@pytest.mark.parametrize(
    ("text", "valid"),
    [
        ("ana@example.com", True),
        (" ana.lopez+jobs@acme.example ", True),
        ("xxx", False),
        ("urn:li:member:48213377", False),
        ("@example.com", False),
        ("ana@", False),
        ("a@b@c", False),
        ("ana lopez@example.com", False),
        ("", False),
    ],
)
def test_what_counts_as_an_email(text: str, valid: bool) -> None:
    assert linkedin.is_email(text) is valid


# --- dates -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1/8/18, 6:14 PM", date(2018, 1, 8)),  # LinkedIn 2017–2019: month first
        ("12/25/17, 9:03 AM", date(2017, 12, 25)),
        ("9-Sep-22", date(2022, 9, 9)),
        ("09-Sep-2022", date(2022, 9, 9)),
        ("30 May 2024", date(2024, 5, 30)),
        ("May 30, 2024", date(2024, 5, 30)),
        ("2022-09-09", date(2022, 9, 9)),
        ("2022/9/9", date(2022, 9, 9)),
        ("25/12/2021", date(2021, 12, 25)),  # decides itself: 25 is no month
        ("12/25/2021", date(2021, 12, 25)),
        ("9.9.22", date(2022, 9, 9)),  # both readings give the same day
        ("2022-09-09 14:03", date(2022, 9, 9)),
    ],
)
def test_a_date_that_decides_itself(text: str, expected: date) -> None:
    assert linkedin.parse_date(text) == expected


@pytest.mark.parametrize(
    ("dates", "expected"),
    [
        (["03/04/2022", "13/04/2022"], [date(2022, 4, 3), date(2022, 4, 13)]),
        (["03/04/2022", "04/13/2022"], [date(2022, 3, 4), date(2022, 4, 13)]),
        (["3-4-22", "5-6-22", "31-1-22"], [date(2022, 4, 3), date(2022, 6, 5), date(2022, 1, 31)]),
        (
            ["09/09/2022", "2023-01-05", "1 Feb 2020"],
            [date(2022, 9, 9), date(2023, 1, 5), date(2020, 2, 1)],
        ),
    ],
)
def test_the_whole_column_decides_the_day_month_order(
    tmp_path: Path, dates: list[str], expected: list[date]
) -> None:
    source = tmp_path / "Connections.csv"
    rows = [f"P{n},Q,,,,,{text}\n" for n, text in enumerate(dates)]
    source.write_text(HEADER + "".join(rows), encoding="utf-8")
    assert [p.met_on for p in linkedin.parse(source)] == expected


def test_a_truly_ambiguous_column_is_refused_naming_it(
    repo: Repo, tmp_path: Path, db_path: Path
) -> None:
    source = tmp_path / "Connections.csv"
    rows = ["A,B,,,,,01/01/2022\n", "C,D,,,,,03/04/2022\n", "E,F,,,,,05/06/2022\n"]
    source.write_text(HEADER + "".join(rows), encoding="utf-8")
    before = snapshot(db_path)

    with pytest.raises(InputError) as caught:
        api.import_file(repo, "linkedin", source)

    assert str(caught.value) == (
        f"{source}:3: the Connected On column is ambiguous: '03/04/2022' and every other date "
        "in it could be day/month or month/day; re-save it with dates like 2022-09-09"
    )
    assert snapshot(db_path) == before


def test_a_column_mixing_both_orders_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "Connections.csv"
    source.write_text(HEADER + "A,B,,,,,13/01/2022\nC,D,,,,,01/13/2022\n", encoding="utf-8")
    with pytest.raises(InputError, match="mixes day-first and month-first"):
        linkedin.parse(source)


@pytest.mark.parametrize(
    ("text", "line"), [("31/02/2022", 3), ("9-Foo-22", 3), ("1/2/345", 3), ("32/1/22", 3)]
)
def test_an_impossible_date_names_its_line(tmp_path: Path, text: str, line: int) -> None:
    source = tmp_path / "Connections.csv"
    source.write_text(HEADER + f"A,B,,,,,13/01/2022\nC,D,,,,,{text}\n", encoding="utf-8")
    with pytest.raises(InputError, match=rf"Connections.csv:{line}: bad date '{text}'"):
        linkedin.parse(source)


# --- the export's .zip -----------------------------------------------------------------


def zipped(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def test_the_exports_zip_is_read_directly(repo: Repo, tmp_path: Path, db_path: Path) -> None:
    connections = (DATA / "linkedin/Connections-2018.csv").read_bytes()
    archive = zipped(
        tmp_path / "Basic_LinkedInDataExport_10-14-2026.zip",
        {
            "__MACOSX/Basic_LinkedInDataExport/._Connections.csv": b"\x00\x05junk",
            "Basic_LinkedInDataExport/Connections.csv": connections,
            "Basic_LinkedInDataExport/messages.csv": b"From,To,Date\n",
        },
    )

    first = api.import_file(repo, "linkedin", archive)

    assert first.splitlines()[0] == f"imported {archive.name}:"
    assert "contacts: 5 added, 0 updated, 1 skipped" in first
    assert landed(repo) == EXPECTED["Connections-2018.csv"]
    before = snapshot(db_path)
    assert "contacts: 0 added" in api.import_file(repo, "linkedin", archive)
    assert snapshot(db_path) == before


def test_a_bad_row_in_a_zip_names_the_member(tmp_path: Path) -> None:
    archive = zipped(
        tmp_path / "export.zip", {"a/b/Connections.csv": (HEADER + "A,B,,,,,x\n").encode()}
    )
    with pytest.raises(InputError, match=r"export.zip/a/b/Connections.csv:2: bad date 'x'"):
        linkedin.parse(archive)


def test_a_zip_without_connections_is_refused_in_one_line(tmp_path: Path) -> None:
    archive = zipped(tmp_path / "photos.zip", {"IMG_0001.jpg": b"\xff\xd8"})
    with pytest.raises(InputError) as caught:
        linkedin.parse(archive)
    assert str(caught.value) == (
        f"{archive}: no Connections.csv in this zip; is it LinkedIn's data export?"
    )


def test_a_zip_bomb_is_refused_before_it_is_unpacked(tmp_path: Path) -> None:
    archive = tmp_path / "bomb.zip"
    chunk = b"\0" * (1024 * 1024)
    with (
        zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as handle,
        handle.open("Connections.csv", "w", force_zip64=True) as member,
    ):
        for _ in range(MAX_IMPORT_BYTES // len(chunk) + 1):
            member.write(chunk)
    assert archive.stat().st_size < 1024 * 1024  # small on disk, 65 MiB inside
    with pytest.raises(InputError, match=r"Connections.csv unpacks to more than 64 MiB"):
        linkedin.parse(archive)


def test_a_zip_whose_header_lies_about_its_size_is_refused(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as handle:
        handle.writestr("Connections.csv", b"\0" * (MAX_IMPORT_BYTES + 10))
    data = bytearray(buffer.getvalue())
    # the central directory's uncompressed size (offset 24 in its entry) says 10 bytes
    central = data.rfind(b"PK\x01\x02")
    data[central + 24 : central + 28] = (10).to_bytes(4, "little")
    archive = tmp_path / "liar.zip"
    archive.write_bytes(bytes(data))
    with pytest.raises(InputError):
        linkedin.parse(archive)


@pytest.mark.parametrize("data", [b"PK\x03\x04 broken", b"not a zip at all"])
def test_a_broken_zip_is_one_line(tmp_path: Path, data: bytes) -> None:
    archive = tmp_path / "export.zip"
    archive.write_bytes(data)
    with pytest.raises(InputError, match=rf"^{archive}: "):
        linkedin.parse(archive)


# --- anything at all -------------------------------------------------------------------

CELL = st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=12)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    rows=st.lists(st.lists(CELL, min_size=0, max_size=9), max_size=8),
    delimiter=st.sampled_from([",", ";", "\t"]),
    encoding=st.sampled_from(["utf-8", "cp1252"]),
)
def test_random_rows_give_people_or_one_input_error(
    tmp_path: Path, rows: list[list[str]], delimiter: str, encoding: str
) -> None:
    header = HEADER.strip().replace(",", delimiter)
    lines = [header] + [
        delimiter.join(f'"{c.replace(chr(34), chr(34) * 2)}"' for c in row) for row in rows
    ]
    source = tmp_path / "Connections.csv"
    source.write_bytes("\r\n".join(lines).encode(encoding, errors="replace"))
    try:
        people = linkedin.parse(source)
    except InputError:
        return
    assert len(people) <= len(rows)
    for person in people:
        assert all(linkedin.is_email(e) for e in person.emails)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.binary(max_size=300), st.booleans())
def test_random_bytes_give_people_or_one_input_error(
    tmp_path: Path, data: bytes, zip_it: bool
) -> None:
    source = tmp_path / ("export.zip" if zip_it else "Connections.csv")
    if zip_it:
        zipped(source, {"Connections.csv": HEADER.encode() + data})
    else:
        source.write_bytes(data)
    try:
        linkedin.parse(source)
    except InputError as error:
        assert "\n" not in str(error)
