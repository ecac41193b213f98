"""An import names each new organization close to a known one, or to one new before it
in the same file, with the merge that joins them: the note `contact add --org` gives. An
import cannot ask, as a form does; it made "Globex Corp." beside "Globex Corp" unsaid."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from netrack.data.repo import Repo
from netrack.interop import api
from netrack.screens.modal.import_summary import describe


def _card(name: str, org: str) -> bytes:
    return f"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{name}\r\nORG:{org}\r\nEND:VCARD\r\n".encode()


def _names(repo: Repo) -> list[str]:
    return sorted(org.name for org in repo.organizations.all())


def test_vcard_names_new_organizations_close_to_known_ones_and_to_each_other(
    repo: Repo, tmp_path: Path
) -> None:
    with repo.writing():
        repo.organizations.add("Globex Corp")
    source = tmp_path / "in.vcf"
    source.write_bytes(
        _card("Sam Four", "Globex Corp.")
        + _card("Sam Five", "Acme Inc")
        + _card("Sam Six", "Acme")
        + _card("Sam Seven", "Hooli")
    )

    report = api.import_report(repo, "vcard", source)

    assert str(report) == (
        "imported in.vcf:\n"
        "  contacts: 4 added, 0 updated, 0 skipped\n"
        "  organizations: 4 added, 0 updated, 0 skipped\n"
        '  note: new organization "Globex Corp." is close to "Globex Corp" '
        '(netrack org merge "Globex Corp" "Globex Corp." joins them)\n'
        '  note: new organization "Acme" is close to "Acme Inc" '
        '(netrack org merge "Acme Inc" "Acme" joins them)'
    )
    assert describe(report).plain.endswith(
        "Organizations: 4 added, 0 updated, 0 skipped\n"
        '  note: new organization "Globex Corp." is close to "Globex Corp" '
        '(netrack org merge "Globex Corp" "Globex Corp." joins them)\n'
        '  note: new organization "Acme" is close to "Acme Inc" '
        '(netrack org merge "Acme Inc" "Acme" joins them)'
    )
    # What it imports is as before: each one made, the note only says so
    assert _names(repo) == ["Acme", "Acme Inc", "Globex Corp", "Globex Corp.", "Hooli"]
    again = api.import_file(repo, "vcard", source)  # nothing new: nothing to say
    assert "note:" not in again


def test_linkedin_names_a_company_close_to_a_known_organization(repo: Repo, tmp_path: Path) -> None:
    with repo.writing():
        repo.organizations.add("Northwind Analytics")
    export = tmp_path / "li.zip"
    with zipfile.ZipFile(export, "w") as archive:
        archive.writestr(
            "Connections.csv",
            "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
            "Cal,Ox,https://www.linkedin.com/in/calox,,Northwind Analytics GmbH,Dev,03 Sep 2026\n",
        )

    summary = api.import_file(repo, "linkedin", export)

    assert summary.splitlines()[2:] == [
        "  organizations: 1 added, 0 updated, 0 skipped",
        '  note: new organization "Northwind Analytics GmbH" is close to "Northwind Analytics" '
        '(netrack org merge "Northwind Analytics" "Northwind Analytics GmbH" joins them)',
    ]
    assert _names(repo) == ["Northwind Analytics", "Northwind Analytics GmbH"]


def test_json_names_new_organizations_close_to_known_ones_the_first_few_in_full(
    repo: Repo, tmp_path: Path
) -> None:
    with repo.writing():
        repo.organizations.add("Globex Corp")
    near = ["Globex Corp.", "Globex Corp Inc", "Globex Corp Ltd", "Globex Corp LLC",
            "Globex Corp GmbH", "Globex Corp AG", "Globex Corp SA"]  # fmt: skip
    document = {
        "format": "netrack",
        "schema_version": 1,
        "organizations": [{"name": name} for name in [*near, "Initech"]],
    }
    path = tmp_path / "in.json"
    path.write_text(json.dumps(document))

    lines = api.import_file(repo, "json", path).splitlines()

    start = lines.index("  organizations: 8 added, 0 updated, 0 skipped") + 1
    assert lines[start] == (
        '  note: new organization "Globex Corp." is close to "Globex Corp" '
        '(netrack org merge "Globex Corp" "Globex Corp." joins them)'
    )
    # Each later one is close to two before it: the closest two named, the merge to the first
    assert lines[start + 1] == (
        '  note: new organization "Globex Corp Inc" is close to "Globex Corp" or '
        '"Globex Corp." (netrack org merge "Globex Corp" "Globex Corp Inc" joins it to the first)'
    )
    assert [line.split('"')[1] for line in lines[start : start + 5]] == near[:5]
    assert lines[start + 5] == "  note: 2 more new organizations close to others"
    assert len(lines) == start + 6
    assert _names(repo) == sorted(["Globex Corp", *near, "Initech"])
    assert "note:" not in api.import_file(repo, "json", path)
