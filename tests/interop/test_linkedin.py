"""LinkedIn Connections.csv: what lands, field by field; idempotence; broken files."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from netrack.data.repo import Repo
from netrack.domain.errors import InputError
from netrack.domain.models import ContactChannel
from netrack.domain.people import Contact
from netrack.interop import api, linkedin
from tests.interop.conftest import snapshot


def by_name(repo: Repo) -> dict[str, Contact]:
    return {c.name: c for c in repo.contacts.all(include_archived=True)}


def test_every_field_lands(repo: Repo, data: Path) -> None:
    summary = api.import_file(repo, "linkedin", data / "linkedin/Connections.csv")

    assert "contacts: 7 added, 0 updated, 1 skipped (without a name: 1)" in summary
    assert "organizations: 5 added" in summary
    people = by_name(repo)
    assert set(people) == {
        "Ana López", "Raj Patel", "Mei Chen", "Tomás Ruiz", "Zoë O'Brien",
        "Jean-Luc Picard, PhD", "李 伟",
    }  # fmt: skip
    ana = people["Ana López"]
    assert ana.organization == "Acme Robotics"
    assert ana.title == "Staff Engineer"
    assert ana.url == "https://www.linkedin.com/in/ana-lopez-4b1a2c"
    assert ana.email == ""
    assert ana.met_on == date(2026, 10, 14)
    assert ana.channel is ContactChannel.LINKEDIN
    raj = people["Raj Patel"]
    assert (raj.organization, raj.title) == ("Globex, Inc.", "Director, Platform Engineering")
    assert raj.email == "raj.patel@example.com"
    assert raj.met_on == date(2026, 9, 2)
    # "acme robotics" is the same organization as "Acme Robotics"
    assert people["Tomás Ruiz"].organization_id == ana.organization_id
    assert people["Tomás Ruiz"].met_on == date(2025, 1, 3)
    assert people["Zoë O'Brien"].organization == ""
    assert people["Zoë O'Brien"].email == "zoe@example.org"
    # Text that looks like a formula or markup is stored as the text it is.
    assert people["Mei Chen"].title == '=HYPERLINK("http://evil.example/x","Click me")'
    picard = people["Jean-Luc Picard, PhD"]
    assert (picard.organization, picard.title) == ("@Starfleet", "+Captain")
    assert picard.met_on == date(2024, 2, 29)
    assert people["李 伟"].organization == "Umbrella Corp"


def test_second_run_adds_nothing(repo: Repo, data: Path, db_path: Path) -> None:
    api.import_file(repo, "linkedin", data / "linkedin/Connections.csv")
    before = snapshot(db_path)

    summary = api.import_file(repo, "linkedin", data / "linkedin/Connections.csv")

    assert "contacts: 0 added, 0 updated, 8 skipped" in summary
    assert "already in netrack: 7" in summary
    assert snapshot(db_path) == before


def test_later_export_fills_blanks_but_keeps_user_edits(repo: Repo, data: Path) -> None:
    api.import_file(repo, "linkedin", data / "linkedin/Connections.csv")
    ana = by_name(repo)["Ana López"]
    repo.contacts.update(ana.id, notes="met at the robotics meetup", strength=4)

    summary = api.import_file(repo, "linkedin", data / "linkedin/Connections-later.csv")

    assert "contacts: 1 added, 1 updated, 1 skipped" in summary
    people = by_name(repo)
    ana = people["Ana López"]
    assert ana.email == "ana.lopez@acme.example"  # was blank: filled
    assert ana.title == "Staff Engineer"  # was set: "Principal Engineer" ignored
    assert ana.notes == "met at the robotics meetup"
    assert ana.strength == 4
    assert people["Priya Nair"].organization == "Hooli"
    assert len(people) == 8


def connections(tmp_path: Path, connected_on: str) -> Path:
    source = tmp_path / f"Connections-{connected_on.replace(' ', '')}.csv"
    source.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        f"Ana,López,https://www.linkedin.com/in/analopez,,Acme Corp,Manager,{connected_on}\n",
        encoding="utf-8",
    )
    return source


def test_an_earlier_connected_on_moves_met_on_earlier_whatever_the_order(
    repo: Repo, tmp_path: Path
) -> None:
    """An address book imported first left Ana "met today" though LinkedIn says
    2024-11-05, and the scorecard counted her as new; LinkedIn first gave 2024. The
    earliest day known wins, and the strength she was added with moves with it, as
    `contact edit --met` moves it; a later day never moves it."""
    ana = repo.contacts.add("Ana López", organization="Acme Corp", strength=3)
    assert ana.met_on == repo.today()

    summary = api.import_file(repo, "linkedin", connections(tmp_path, "05 Nov 2024"))

    assert "contacts: 0 added, 1 updated, 0 skipped" in summary
    assert repo.contacts.get(ana.id).met_on == date(2024, 11, 5)
    history = repo.contacts.strength_history(ana.id)
    assert [(h.on, h.strength) for h in history] == [(date(2024, 11, 5), 3)]
    assert repo.scorecard.card(repo.scorecard.week()).new_contacts == 0

    summary = api.import_file(repo, "linkedin", connections(tmp_path, "01 Mar 2025"))

    assert "contacts: 0 added, 0 updated, 1 skipped (already in netrack: 1)" in summary
    assert repo.contacts.get(ana.id).met_on == date(2024, 11, 5)


def test_same_name_and_company_with_another_profile_is_refused_as_a_duplicate(
    repo: Repo, tmp_path: Path
) -> None:
    """Another profile is another person, but SPEC refuses a second John Smith at Acme:
    the row is skipped with that reason (netrack could not tell the two apart by name)."""
    source = tmp_path / "Connections.csv"
    source.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "John,Smith,https://www.linkedin.com/in/john-smith-1,,Acme,Engineer,1 Oct 2026\n"
        "John,Smith,https://www.linkedin.com/in/john-smith-2,,Acme,Designer,2 Oct 2026\n"
        "John,Smith,,,Acme,,3 Oct 2026\n",
        encoding="utf-8",
    )

    summary = api.import_file(repo, "linkedin", source)

    assert (
        "contacts: 1 added, 0 updated, 1 joined to the same contact earlier in the file, "
        "1 skipped (line 3: John Smith at Acme is already a contact: same name and organization)"
    ) in summary
    assert [c.title for c in repo.contacts.all()] == ["Engineer"]


@pytest.mark.parametrize(
    ("name", "line", "words"),
    [("wrong_header.csv", 1, "not a LinkedIn connections header")],
)
def test_malformed_file_names_file_and_line_and_writes_nothing(
    repo: Repo, data: Path, db_path: Path, name: str, line: int, words: str
) -> None:
    api.import_file(repo, "linkedin", data / "linkedin/Connections-later.csv")
    before = snapshot(db_path)
    path = data / "linkedin" / name

    with pytest.raises(InputError) as caught:
        api.import_file(repo, "linkedin", path)

    assert str(caught.value).startswith(f"{path}:{line}: ")
    assert words in str(caught.value)
    assert snapshot(db_path) == before


def test_a_short_row_late_in_the_file_is_skipped_with_its_line(repo: Repo, tmp_path: Path) -> None:
    """One row a field short refused the whole file: it is that row's problem, as a
    date that is no date is."""
    rows = [f"P{n},Q,https://x.example/{n},,Org {n},T,1 Oct 2026" for n in range(50)]
    rows.append("Late,Row,https://x.example/late,,Org,T")  # one field short
    source = tmp_path / "Connections.csv"
    source.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n" + "\n".join(rows),
        encoding="utf-8",
    )

    summary = api.import_file(repo, "linkedin", source)

    assert summary.splitlines()[1] == (
        "  contacts: 50 added, 0 updated, 1 skipped (line 52: expected 7 fields, found 6)"
    )
    assert len(repo.contacts.all()) == 50


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14 Oct 2026", date(2026, 10, 14)),
        ("3 Jan 2025", date(2025, 1, 3)),
        ("Oct 14, 2026", date(2026, 10, 14)),
        ("2026-10-14", date(2026, 10, 14)),
        ("", None),
    ],
)
def test_connected_on_formats(text: str, expected: date | None) -> None:
    assert linkedin.parse_date(text) == expected


def test_not_utf8_is_read_as_windows_1252(tmp_path: Path) -> None:
    source = tmp_path / "Connections.csv"
    source.write_bytes(
        b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
        b"Ana,L\xf3pez,,,Acme,,14 Oct 2026\r\n"
    )
    assert [p.name for p in linkedin.parse(source)] == ["Ana López"]


def test_one_windows_1252_row_in_a_utf8_file_spoils_no_other_row(tmp_path: Path) -> None:
    """One byte that is not UTF-8 made the whole file read as Windows-1252: "Ana
    LÃ³pez" at "SociÃ©tÃ© GÃ©nÃ©rale", and a second import of the clean file then added
    Ana again."""
    source = tmp_path / "Connections.csv"
    source.write_bytes(
        "\ufeffFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
        "Ana,López,,,Société Générale,Ingénieure,01 Jan 2025\r\n".encode()
        + b"Bob,Stone,,,Acme,Caf\xe9 owner,01 Jan 2025\r\n"
    )
    people = linkedin.parse(source)
    assert [(p.name, p.organization, p.title) for p in people] == [
        ("Ana López", "Société Générale", "Ingénieure"),
        ("Bob Stone", "Acme", "Café owner"),
    ]


def test_cli_import_then_malformed_exits_2_with_one_line(
    run_cli, data: Path, db_path: Path
) -> None:
    done = run_cli("import", "linkedin", data / "linkedin/Connections.csv", db=db_path)
    assert done.returncode == 0, done.stderr
    assert "contacts: 7 added" in done.stdout
    before = snapshot(db_path)

    failed = run_cli("import", "linkedin", data / "linkedin/wrong_header.csv", db=db_path)

    assert failed.returncode == 2
    assert failed.stdout == ""
    assert failed.stderr.count("\n") == 1
    assert "wrong_header.csv:1: not a LinkedIn connections header" in failed.stderr
    assert snapshot(db_path) == before


def test_a_row_the_cli_would_refuse_is_skipped_with_its_line(repo: Repo, tmp_path: Path) -> None:
    """SPEC, Data and safety: imports pass through the CLI's validation; one refused
    record is skipped and reported, the rest of the file lands."""
    header = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    rows = [
        "Ana,López,,,Acme,Engineer,14 Oct 2026\n",
        f"{'X' * 400},Long,,,Acme,Engineer,14 Oct 2026\n",  # a name over 300 characters
        "Raj,Patel,,,Globex,Director,15 Oct 2026\n",
    ]
    source = tmp_path / "Connections.csv"
    source.write_text(header + "".join(rows), encoding="utf-8")
    summary = api.import_file(repo, "linkedin", source)
    assert set(by_name(repo)) == {"Ana López", "Raj Patel"}
    assert "contacts: 2 added, 0 updated, 1 skipped" in summary
    assert "line 3: name is too long (300 characters at most)" in summary
