"""`netrack import json` of what an older netrack stored that its commands refuse now: a
name that reads as an id (`--org "id:Sense"` was taken), kept as stored, and a web
address holding a control character, left out with its record kept. SPEC: `import
json` of an export into an empty database gives the same export; losing such a record
lost everything that hangs on it. `doctor` names them, as warnings, with the edit that
mends each."""

from __future__ import annotations

import json
from pathlib import Path

from netrack.data.repo.org_names import org_key
from tests.cli.conftest import Run, remove_database, sql

OLDER_NAMES = (
    ("contact", "add", "Kim Lee", "--org", "Sense"),
    ("contact", "add", "Ana Lopez", "--org", "Acme"),
    ("contact", "add", "Ana L.", "--org", "Acme"),
    ("contact", "merge", "Ana Lopez", "Ana L."),
    ("campaign", "add", "Data Engineer", "--org", "Sense", "--stage", "applied"),
    ("log", "@kim +data #call 30m follow-up call"),
)


def _ok(run: Run, *argv: str) -> str:
    result = run(*argv)
    assert result.code == 0, (argv, result.err)
    return result.out


def _named_as_an_older_netrack_did(db: Path) -> None:
    """The names `--org "id:Sense"` and its kin stored before they were refused."""
    sql(db, "UPDATE organization SET name = ?, name_key = ? WHERE name = 'Sense'",
        ("id:Sense", org_key("id:Sense")))  # fmt: skip
    sql(db, "UPDATE contact SET name = 'id:Kim' WHERE name = 'Kim Lee'")
    sql(db, "UPDATE campaign SET title = 'id:x Engineer'")
    sql(db, "UPDATE merged_identity SET name = 'id:7', organization = 'id:-1'")


def test_names_that_read_as_an_id_come_back_whole_and_are_said(
    run: Run, db: Path, tmp_path: Path
) -> None:
    """The organization, its contact and campaign and their call were skipped ("skipped
    organizations[0].name: organization name 'id:Sense' would read as an id"), exit 0."""
    for argv in OLDER_NAMES:
        _ok(run, *argv)
    _named_as_an_older_netrack_did(db)
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    _ok(run, "export", "json", "--out", str(first))
    remove_database(db)

    summary = _ok(run, "import", "json", str(first))
    _ok(run, "export", "json", "--out", str(second))

    assert second.read_bytes() == first.read_bytes()
    assert "skipped" not in summary.replace(" 0 skipped", "")
    warnings = [line for line in summary.splitlines() if "warning" in line]
    assert warnings == [
        "  warning: 3 records kept with a name that reads as an id, as an older netrack "
        "stored it (first: organizations[0].name: 'id:Sense'): such a name cannot be "
        "typed, only reached by its id: `netrack org edit id:N --name NAME` or `netrack "
        "contact edit id:N --name NAME` or `netrack campaign edit id:N --title TITLE` "
        "renames one (`netrack doctor` names each by its id)"
    ]
    assert "warning" not in _ok(run, "import", "json", str(first))  # nothing added again
    # New ones are still refused
    refused = run("org", "add", "id:Other")
    assert refused.code == 2 and "would read as an id" in refused.err


def test_doctor_names_the_records_whose_name_reads_as_an_id(run: Run, db: Path) -> None:
    for argv in OLDER_NAMES:
        _ok(run, *argv)
    _named_as_an_older_netrack_did(db)

    report = _ok(run, "doctor")

    assert (
        "warning:      3 records have a name that reads as an id, as an older netrack "
        "stored it (organization id 1: 'id:Sense'; contact id 1: 'id:Kim'; campaign id "
        "1: 'id:x Engineer'): such a name cannot be typed, only reached by its id: "
        "`netrack org edit id:N --name NAME` or `netrack contact edit id:N --name NAME` "
        "or `netrack campaign edit id:N --title TITLE` renames one\n"
    ) in report
    assert report.endswith("no problems (see the warning above)\n")
    _ok(run, "org", "edit", "id:1", "--name", "Sense")
    _ok(run, "contact", "edit", "id:1", "--name", "Kim Lee")
    _ok(run, "campaign", "edit", "id:1", "--title", "Data Engineer")
    assert _ok(run, "doctor").endswith("all good\n")


URLS = (
    ("contact", "add", "Kim Lee", "--org", "Acme"),
    ("campaign", "add", "Data Engineer", "--org", "Acme"),
    ("log", "@kim +data #call 30m first call"),
    ("log", "@kim #coffee 45m on:-2d coffee"),
)
KIM_URL, JOB_URL = "https://example.com/kim\x07", "https://jobs.example.com/\x1b]8;;x"


def _urls_as_an_older_netrack_stored_them(db: Path) -> None:
    sql(db, "UPDATE contact SET url = ?", (KIM_URL,))
    sql(db, "UPDATE campaign SET url = ?", (JOB_URL,))


def test_a_url_holding_a_control_character_costs_only_itself(
    run: Run, db: Path, tmp_path: Path
) -> None:
    """The contact and the campaign were skipped ("skipped contacts[0].url: url …
    holds a control character"), and with them both calls and the campaign's links."""
    for argv in URLS:
        _ok(run, *argv)
    _urls_as_an_older_netrack_stored_them(db)
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    _ok(run, "export", "json", "--out", str(first))
    remove_database(db)

    summary = _ok(run, "import", "json", str(first))
    _ok(run, "export", "json", "--out", str(second))

    assert "skipped" not in summary.replace(" 0 skipped", "")
    assert [line for line in summary.splitlines() if "warning" in line] == [
        "  warning: 2 records kept without their url, which holds a control character "
        "(first: contacts[0].url: 'https://example.com/kim\\x07')"
    ]
    before = json.loads(first.read_text(encoding="utf-8"))
    for key in ("contacts", "campaigns"):
        before[key][0]["url"] = ""
    assert json.loads(second.read_text(encoding="utf-8")) == before
    assert sql(db, "SELECT count(*) FROM interaction WHERE campaign_id IS NOT NULL") == [(1,)]


def test_doctor_names_the_urls_holding_a_control_character(run: Run, db: Path) -> None:
    for argv in URLS:
        _ok(run, *argv)
    _urls_as_an_older_netrack_stored_them(db)

    report = _ok(run, "doctor")

    assert (
        "warning:      2 records hold a web address with a control character, as an "
        "older netrack stored it (contact id 1: 'https://example.com/kim\\x07'; campaign "
        "id 1: 'https://jobs.example.com/\\x1b]8;;x'): `--url` refuses such an address "
        'and `import json` leaves it out: `netrack contact edit id:N --url ""` or '
        '`netrack campaign edit id:N --url ""` clears one (or `--url URL` gives the right '
        "address)\n"
    ) in report
    assert report.endswith("no problems (see the warning above)\n")
    _ok(run, "contact", "edit", "id:1", "--url", "")
    _ok(run, "campaign", "edit", "id:1", "--url", "https://jobs.example.com/1")
    assert _ok(run, "doctor").endswith("all good\n")
