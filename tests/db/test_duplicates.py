"""SPEC, Contact: adding a contact whose name and organization both equal an existing
one's (case- and accent-insensitively) is refused as a duplicate — by the repository, so
the CLI, the TUI's form and every importer get the same rule."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from netrack.data import tables as t
from netrack.data.repo import Repo
from netrack.domain.errors import InputError
from netrack.interop import api

SAME = "Ana López at Acme is already a contact: same name and organization"


def test_same_name_and_organization_is_refused(repo: Repo) -> None:
    repo.contacts.add("Ana López", organization="Acme")
    for name, org in (("Ana López", "Acme"), ("ana lopez", "ACME"), ("  ANA  LÓPEZ ", "acmé")):
        with pytest.raises(InputError) as caught:
            repo.contacts.add(name, organization=org, email="new@example.com")
        assert str(caught.value) == SAME
    assert [c.name for c in repo.contacts.all()] == ["Ana López"]
    assert [o.name for o in repo.organizations.all()] == ["Acme"]  # "acmé" not added


def test_a_namesake_elsewhere_is_another_person(repo: Repo) -> None:
    repo.contacts.add("Ana López", organization="Acme")
    repo.contacts.add("Ana López", organization="Globex")
    repo.contacts.add("Ana López")  # without an organization: a third one
    with pytest.raises(InputError, match=r"^Ana López without an organization is already"):
        repo.contacts.add("ana lópez")
    assert len(repo.contacts.all()) == 3


def test_an_archived_twin_is_named(repo: Repo) -> None:
    ana = repo.contacts.add("Ana López", organization="Acme")
    repo.contacts.update(ana.id, archived=True)
    with pytest.raises(InputError) as caught:
        repo.contacts.add("Ana Lopez", organization="Acme")
    assert str(caught.value) == (
        "Ana López at Acme is already a contact, archived: unarchive them instead"
    )


def test_a_rename_or_move_may_not_make_a_duplicate(repo: Repo) -> None:
    repo.contacts.add("Ana López", organization="Acme")
    other = repo.contacts.add("Ana Lopes", organization="Acme")
    elsewhere = repo.contacts.add("Ana López", organization="Globex")
    with pytest.raises(InputError, match=f"^{SAME}$"):
        repo.contacts.update(other.id, name="ana lópez")
    with pytest.raises(InputError, match=f"^{SAME}$"):
        repo.contacts.update(elsewhere.id, organization="acme")
    with pytest.raises(InputError, match=r"^Ana López at Globex is already a contact"):
        repo.contacts.update(other.id, name="Ana López", organization="Globex ")
    # Nothing was written by the refusals.
    assert sorted((c.name, c.organization) for c in repo.contacts.all()) == [
        ("Ana Lopes", "Acme"),
        ("Ana López", "Acme"),
        ("Ana López", "Globex"),
    ]
    # A contact is never its own duplicate: a new spelling of its own name is fine.
    assert repo.contacts.update(elsewhere.id, name="ANA LÓPEZ").name == "ANA LÓPEZ"
    assert repo.contacts.update(other.id, title="CTO").title == "CTO"


def vcf(tmp_path: Path, *cards: str) -> Path:
    path = tmp_path / "cards.vcf"
    path.write_text(
        "".join(f"BEGIN:VCARD\r\nVERSION:3.0\r\n{c}\r\nEND:VCARD\r\n" for c in cards),
        encoding="utf-8",
    )
    return path


def test_an_import_skips_a_duplicate_and_updates_a_match(repo: Repo, tmp_path: Path) -> None:
    ana = repo.contacts.add(
        "Ana López", organization="Acmé", url="https://www.linkedin.com/in/ana-lopez"
    )
    path = vcf(
        tmp_path,
        # The same person (no other profile), typed without accents: an update.
        "FN:Ana Lopez\r\nORG:ACME\r\nTITLE:CTO",
        # Another profile, same name, the organization spelled without its accent.
        "FN:Ana Lopez\r\nORG:Acme\r\nURL:https://linkedin.com/in/someone-else",
        "FN:Raj Patel\r\nORG:ACME",
    )

    summary = api.import_file(repo, "vcard", path)

    assert "contacts: 1 added, 1 updated, 1 skipped (line 7: Ana López at Acmé is already a contact: same name and organization)" in summary  # fmt: skip
    assert repo.contacts.get(ana.id).title == "CTO"
    assert sorted((c.name, c.organization) for c in repo.contacts.all()) == [
        ("Ana López", "Acmé"),
        ("Raj Patel", "ACME"),  # organizations keep their accents: "ACME" is new
    ]


def test_a_json_file_with_two_of_one_person_keeps_the_first(repo: Repo, tmp_path: Path) -> None:
    api.export(repo, "json", tmp_path / "empty.json")
    data = json.loads((tmp_path / "empty.json").read_text(encoding="utf-8"))
    data["organizations"] = [{"ref": 1, "name": "Acme"}]
    data["contacts"] = [
        {"ref": 1, "name": "Ana López", "organization": "Acme", "met_on": "2026-01-01"},
        {"ref": 2, "name": "ana lopez", "organization": "acme", "met_on": "2026-01-01"},
    ]
    (tmp_path / "two.json").write_text(json.dumps(data), encoding="utf-8")

    summary = api.import_file(repo, "json", tmp_path / "two.json")

    assert "contacts: 1 added, 0 updated, 1 skipped" in summary
    assert f"skipped contacts[1]: {SAME}" in summary
    assert [(c.name, c.title) for c in repo.contacts.all()] == [("Ana López", "")]
    assert t.Contact.select().count() == 1
