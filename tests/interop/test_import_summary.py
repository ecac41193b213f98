"""The import summary as data: what the TUI's summary screen shows, the CLI's text kept.

`ImportSummary` carries the tallies and the refused records; `str()` is the text the
CLI prints (tests/interop and tests/cli check it word for word) and `describe` the
summary screen's, which also names the first records skipped for each reason.
"""

from __future__ import annotations

import json
from pathlib import Path

from netrack.data.repo import Repo
from netrack.domain.records import EXAMPLES, ImportSummary, Tally
from netrack.interop import api
from netrack.screens.modal.import_summary import REASONS_SHOWN, RECORDS_SHOWN, describe

DATA = Path(__file__).resolve().parents[1] / "data"


def test_str_is_the_cli_text_and_the_screen_names_skipped_records(repo: Repo) -> None:
    api.import_file(repo, "linkedin", DATA / "linkedin" / "Connections.csv")
    # The first import dates Ana and Mei by their invitations; the second has nothing new
    api.import_file(repo, "linkedin", DATA / "linkedin" / "Invitations.csv")
    report = api.import_report(repo, "linkedin", DATA / "linkedin" / "Invitations.csv")
    assert str(report) == (
        "imported Invitations.csv:\n"
        "  invitations: 0 added, 0 updated, 3 skipped (not a contact: 1, nothing new: 2)"
    )
    assert describe(report).plain == (
        "Imported Invitations.csv\n\n"
        "Invitations: 0 added, 0 updated, 3 skipped\n"
        "  not a contact: 1 — Pat Unknown\n"
        "  nothing new: 2 — Ana López, Mei Chen"
    )


def test_a_reason_names_its_first_few_records_only() -> None:
    tally = Tally()
    for n in range(10):
        tally.skip("not a contact", example=f"Stranger {n}")
    tally.skip("not a contact", example="Stranger 0")  # named once
    tally.skip("name is too long", line=12, example="X" * 500)
    assert tally.reasons() == [
        ("not a contact", 11, [f"Stranger {n}" for n in range(EXAMPLES)]),
        ("line 12: name is too long", 1, ["X" * 500]),
    ]
    assert tally.phrase("contacts") == (
        "contacts: 0 added, 0 updated, 12 skipped (not a contact: 11, line 12: name is too long)"
    )


def test_json_refused_records_are_listed_and_cut_to_one_screen(repo: Repo, tmp_path: Path) -> None:
    contacts = [{"ref": n, "name": f"P{n}", "met_on": "2026-09-01", "strength": 9} for n in range(30)]  # fmt: skip
    path = tmp_path / "in.json"
    path.write_text(json.dumps({"format": "netrack", "schema_version": 1, "contacts": contacts}))
    report = api.import_report(repo, "json", path)
    assert len(report.records) == 30
    assert str(report).endswith("\n  … and 10 more")  # the CLI lists 20
    text = describe(report).plain
    assert "Contacts: 0 added, 0 updated, 30 skipped" in text
    shown = [line for line in text.splitlines() if line.startswith("  contacts[")]
    assert len(shown) == RECORDS_SHOWN
    assert shown[0] == "  contacts[0].strength: strength must be from 1 to 5, not 9"
    assert text.endswith(f"  … and {30 - RECORDS_SHOWN} more")


def test_many_reasons_are_cut_to_one_screen(tmp_path: Path) -> None:
    folder = tmp_path / "cards"
    folder.mkdir()
    for n in range(REASONS_SHOWN + 4):
        (folder / f"{n:02d}.vcf").write_text(f"BEGIN:VCARD\nVERSION:3.0\nFN:P{n}\nBROKEN\nEND:VCARD\nBEGIN:VCARD\nFN:Ok {n}\nEND:VCARD\n")  # fmt: skip
    repo = Repo.open(tmp_path / "db.sqlite")
    try:
        report = api.import_report(repo, "vcard", folder)
    finally:
        repo.close()
    text = describe(report).plain
    assert f"Contacts: {REASONS_SHOWN + 4} added, 0 updated, {REASONS_SHOWN + 4} skipped" in text
    assert "  00.vcf:4: not a vCard property (no ':')" in text
    assert text.endswith("  4 more skipped for other reasons")


def test_a_contact_kept_without_the_organization_is_named_on_the_screen(
    repo: Repo, tmp_path: Path
) -> None:
    """The second card, Sam Lee of Acme by the email of the Sam Lee without one, would
    have named the "Sam Lee (Acme)" the first card added: the CLI said so, the summary
    screen did not."""
    repo.contacts.add("Sam Lee", email="sam@x.com")
    cards = tmp_path / "sam.vcf"
    cards.write_text(
        "BEGIN:VCARD\nVERSION:3.0\nFN:Sam Lee (Acme)\nEND:VCARD\n"
        "BEGIN:VCARD\nVERSION:3.0\nFN:Sam Lee\nORG:Acme\nTITLE:CTO\nEMAIL:sam@x.com\nEND:VCARD\n"
    )
    report = api.import_report(repo, "vcard", cards)
    kept = "kept without an organization: Sam Lee (Acme) would name contact 2 too"
    assert str(report) == f"imported sam.vcf:\n  contacts: 1 added, 1 updated, 0 skipped; {kept}"
    assert describe(report).plain == (
        f"Imported sam.vcf\n\nContacts: 1 added, 1 updated, 0 skipped\n  {kept}"
    )
    assert [(c.id, c.name, c.organization, c.title) for c in repo.contacts.all()] == [
        (1, "Sam Lee", "", "CTO"),
        (2, "Sam Lee (Acme)", "", ""),
    ]
    assert repo.organizations.all() == []  # none added for nobody


def test_a_record_kept_without_a_skipped_one_is_listed_as_kept(repo: Repo, tmp_path: Path) -> None:
    contacts = [{"ref": 1, "name": "Ana", "met_on": "2026-09-01"}]
    entry = {"on": "2026-10-01", "minutes": 60, "category": "search", "campaign": 1}
    campaign = {"ref": 1, "title": "T", "organization": "O", "opened_on": "2026-09-01", "priority": 9}  # fmt: skip
    document = {"format": "netrack", "schema_version": 1, "contacts": contacts}
    document |= {"campaigns": [campaign], "time_entries": [entry]}
    path = tmp_path / "in.json"
    path.write_text(json.dumps(document))
    report = api.import_report(repo, "json", path)
    kept = "time_entries[0] without campaign 1, which was skipped"
    assert report.kept == [kept]
    assert str(report).endswith(f"\n  kept {kept}")
    skipped, listed_kept = describe(report).plain.split("Skipped records:")[1].split("\n\n")
    assert kept not in skipped
    assert listed_kept == f"Kept without a skipped record they named:\n  {kept}"


def test_records_updated_with_other_values_kept_are_said_on_the_screen() -> None:
    tally = Tally(updated=2, updated_differing=["Raj Patel"])

    shown = describe(ImportSummary(Path("v2.vcf"), {"contacts": tally})).plain

    assert shown == (
        "Imported v2.vcf\n\n"
        "Contacts: 0 added, 2 updated, 0 skipped\n"
        "  of those updated, in netrack with other values, netrack's kept: 1"
    )
