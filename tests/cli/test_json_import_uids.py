"""`import json` of an older export after its records were edited since: each is found
by its uid (schema 12), so nothing is added twice (README: "Run any of them again with a
newer export: nothing is added twice"), and netrack's edited values are kept. On both
engines."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.cli.conftest import Run, runner, sql

SECTIONS = ("interactions", "referrals", "time_entries")


def _export(run: Run, path: Path) -> dict[str, object]:
    assert run("export", "json", "--out", str(path)).code == 0
    document: dict[str, object] = json.loads(path.read_text(encoding="utf-8"))
    return document


def test_an_older_export_of_records_edited_since_adds_none_of_them(
    run: Run, db: Path, tmp_path: Path
) -> None:
    assert run("contact", "add", "Ana López").code == 0
    assert run("log", "#coffee @ana 45m talked aboutt platform").code == 0
    assert run("time", "add", "1h", "--category", "search", "--note", "job boards").code == 0
    assert (
        run("referral", "add", "--from", "Ana", "--direction", "in", "--note", "to Acme").code == 0
    )
    old = tmp_path / "old.json"
    _export(run, old)
    assert (
        run("interaction", "edit", "1", "--note", "talked about platform", "--minutes", "50").code
        == 0
    )
    assert run("time", "edit", "1", "--duration", "90m").code == 0
    assert run("referral", "edit", "1", "--note", "to Acme's data team").code == 0

    result = run("import", "json", str(old))

    assert result.code == 0, result.err
    kept = "0 added, 0 updated, 1 skipped (in netrack with other values, netrack's kept: 1)"
    for noun in ("interactions", "referrals", "time entries"):
        assert f"{noun}: {kept}" in result.out
    assert sql(db, 'SELECT "minutes", "note" FROM "interaction"') == [(50, "talked about platform")]
    assert sql(db, 'SELECT "minutes" FROM "time_entry"') == [(90,)]
    assert sql(db, 'SELECT "note" FROM "referral"') == [("to Acme's data team",)]


def test_a_newer_export_imported_into_a_copy_made_from_an_older_one_adds_nothing(
    run: Run, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two databases sharing a history: the copy's records keep the file's uids, so
    the edited ones of a later export are the same records there too."""
    assert run("contact", "add", "Ana López").code == 0
    assert run("log", "@ana 30m first chat").code == 0
    old = _export(run, tmp_path / "old.json")
    assert run("interaction", "edit", "1", "--note", "first chat, about Acme").code == 0
    newer = _export(run, tmp_path / "newer.json")
    uids = {section: [r["uid"] for r in old[section]] for section in SECTIONS}  # type: ignore[attr-defined]
    assert uids == {section: [r["uid"] for r in newer[section]] for section in SECTIONS}  # type: ignore[attr-defined]
    copy = tmp_path / "copy.db"
    on_copy = runner(copy, capsys)
    assert on_copy("import", "json", str(tmp_path / "old.json")).code == 0

    again = on_copy("import", "json", str(tmp_path / "newer.json"))

    assert again.code == 0, again.err
    assert "interactions: 0 added, 0 updated, 1 skipped (in netrack with other" in again.out
    rows = sql(copy, 'SELECT "uid", "note" FROM "interaction"')
    assert rows == [(uids["interactions"][0], "first chat")]


def test_a_uid_two_records_of_a_file_share_is_refused_for_the_second_with_its_path(
    run: Run, db: Path, tmp_path: Path
) -> None:
    """A record copied by hand keeps its uid: the copy is refused and named, and the
    row the uid names keeps its values."""
    assert run("contact", "add", "Ana López").code == 0
    assert run("log", "@ana 30m first chat").code == 0
    path = tmp_path / "edited.json"
    document = _export(run, path)
    twin = dict(document["interactions"][0])  # type: ignore[index]
    twin.update(note="a second chat", minutes=20)
    document["interactions"].append(twin)  # type: ignore[attr-defined]
    path.write_text(json.dumps(document), encoding="utf-8")
    uid = twin["uid"]

    result = run("import", "json", str(path))

    assert result.code == 0, result.err
    assert "interactions: 0 added, 0 updated, 2 skipped" in result.out
    assert f"skipped interactions[1].uid: {uid} is interactions[0]'s too" in result.out
    assert sql(db, 'SELECT "uid", "minutes", "note" FROM "interaction"') == [
        (uid, 30, "first chat")
    ]


def test_records_whose_uid_netrack_does_not_keep_are_imported_with_a_new_one(
    run: Run, db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Another program wrote uids netrack does not keep: `export json` writes them, and
    `import json` of that file into an empty database keeps every record (SPEC: it gives
    the same export), each with a new uid and said, rather than skipping it."""
    assert run("contact", "add", "Ana López").code == 0
    assert run("log", "@ana 30m first chat").code == 0
    assert run("log", "@ana 20m second chat").code == 0
    assert run("time", "add", "1h", "--category", "search").code == 0
    assert run("referral", "add", "--from", "Ana", "--direction", "in").code == 0
    for table, row_id, uid in (
        ("interaction", 1, "legacy 7"),
        ("interaction", 2, "x" * 70),
        ("referral", 1, "réf-1"),
        ("time_entry", 1, "{1b3c-uuid with braces}"),
    ):
        sql(db, f'UPDATE "{table}" SET "uid" = ? WHERE "id" = ?', (uid, row_id))
    _export(run, tmp_path / "theirs.json")
    fresh = tmp_path / "fresh.db"
    on_fresh = runner(fresh, capsys)

    result = on_fresh("import", "json", str(tmp_path / "theirs.json"))
    again = on_fresh("import", "json", str(tmp_path / "theirs.json"))

    assert result.code == 0, result.err
    renewed = "given a new uid in place of one netrack does not keep"
    assert f"interactions: 2 added, 0 updated, 0 skipped; {renewed}: 2" in result.out
    assert f"referrals: 1 added, 0 updated, 0 skipped; {renewed}: 1" in result.out
    assert f"time entries: 1 added, 0 updated, 0 skipped; {renewed}: 1" in result.out
    for table in ("interaction", "referral", "time_entry"):
        uids = [uid for (uid,) in sql(fresh, f'SELECT "uid" FROM "{table}"')]
        assert uids and all(re.fullmatch("[0-9a-f]{32}", str(uid)) for uid in uids)
    assert sql(fresh, 'SELECT "note" FROM "interaction" ORDER BY "id"') == [
        ("first chat",),
        ("second chat",),
    ]
    assert "interactions: 0 added, 0 updated, 2 skipped (already in netrack: 2)" in again.out
    assert renewed not in again.out


def test_records_whose_uid_is_a_number_are_imported_with_a_new_one(
    run: Run, db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Another program's ids are most often numbers (`"uid": 7`): the record was skipped
    ("expected text, found 7") and lost, where "legacy 7" was renewed and said."""
    assert run("contact", "add", "Ana Lopez").code == 0
    assert run("log", "@ana #call 20m first").code == 0
    assert run("log", "@ana #email second").code == 0
    assert run("time", "add", "1h", "--category", "search").code == 0
    assert run("referral", "add", "--from", "Ana", "--direction", "in").code == 0
    document = _export(run, tmp_path / "ours.json")
    interactions, referrals, time_entries = (
        document[section] for section in ("interactions", "referrals", "time_entries")
    )
    assert isinstance(interactions, list) and isinstance(referrals, list)
    assert isinstance(time_entries, list)
    interactions[0]["uid"], interactions[1]["uid"] = 7, "legacy 7"
    referrals[0]["uid"], time_entries[0]["uid"] = 0, 12.5
    theirs = tmp_path / "theirs.json"
    theirs.write_text(json.dumps(document), encoding="utf-8")
    fresh = tmp_path / "fresh.db"
    on_fresh = runner(fresh, capsys)

    result = on_fresh("import", "json", str(theirs))
    again = on_fresh("import", "json", str(theirs))

    assert result.code == 0, result.err
    renewed = "given a new uid in place of one netrack does not keep"
    assert f"interactions: 2 added, 0 updated, 0 skipped; {renewed}: 2" in result.out
    assert f"referrals: 1 added, 0 updated, 0 skipped; {renewed}: 1" in result.out
    assert f"time entries: 1 added, 0 updated, 0 skipped; {renewed}: 1" in result.out
    assert "skipped interactions" not in result.out
    assert sorted(sql(fresh, 'SELECT "note" FROM "interaction"')) == [("first",), ("second",)]
    for table in ("interaction", "referral", "time_entry"):
        uids = [uid for (uid,) in sql(fresh, f'SELECT "uid" FROM "{table}"')]
        assert uids and all(re.fullmatch("[0-9a-f]{32}", str(uid)) for uid in uids)
    assert "interactions: 0 added, 0 updated, 2 skipped (already in netrack: 2)" in again.out


def test_a_campaign_organization_and_contact_renamed_on_one_copy_are_not_added_again(
    run: Run, db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A desktop and a laptop sharing a history (the laptop's made from the desktop's
    export): a campaign re-titled, its organization and a contact renamed on the desktop
    are the same records when the laptop's export comes back (schema 13's uids), with
    the desktop's names kept and said; what the laptop logged lands on them."""
    assert run("campaign", "add", "Staff Engineer", "--org", "Helix Labs").code == 0
    assert run("contact", "add", "Marco Bianchi", "--org", "Helix Labs").code == 0
    assert run("campaign", "link", "helix", "marco", "--role", "referrer").code == 0
    assert run("campaign", "move", "helix", "applied").code == 0
    laptop = tmp_path / "laptop.db"
    on_laptop = runner(laptop, capsys)
    _export(run, tmp_path / "desk.json")
    assert on_laptop("import", "json", str(tmp_path / "desk.json")).code == 0
    assert run("campaign", "edit", "helix", "--title", "Principal Engineer").code == 0
    assert run("org", "edit", "helix", "--name", "Helix").code == 0
    assert run("contact", "edit", "marco", "--name", "Marco Bianchi-Rossi").code == 0
    assert on_laptop("log", "@marco 30m about the offer +helix").code == 0
    assert on_laptop("campaign", "move", "helix", "interviewing").code == 0
    assert on_laptop("export", "json", "--out", str(tmp_path / "laptop.json")).code == 0

    result = run("import", "json", str(tmp_path / "laptop.json"))

    assert result.code == 0, result.err
    kept = "in netrack with other values, netrack's kept: 1"
    assert f"contacts: 0 added, 0 updated, 1 skipped ({kept})" in result.out
    assert f"organizations: 0 added, 0 updated, 1 skipped ({kept})" in result.out
    assert f"campaigns: 0 added, 1 updated, 0 skipped; of those updated, {kept}" in result.out
    assert "interactions: 1 added" in result.out
    assert sql(db, 'SELECT "name" FROM "organization"') == [("Helix",)]
    assert sql(db, 'SELECT "name", "organization_id" FROM "contact"') == [
        ("Marco Bianchi-Rossi", 1)
    ]
    assert sql(db, 'SELECT "title", "stage", "organization_id" FROM "campaign"') == [
        ("Principal Engineer", "interviewing", 1)
    ]
    assert sql(db, 'SELECT "campaign_id" FROM "interaction"') == [(1,)]
    assert sql(db, 'SELECT "contact_id" FROM "interaction_contact"') == [(1,)]
    again = run("import", "json", str(tmp_path / "laptop.json"))
    assert "campaigns: 0 added, 0 updated, 1 skipped (in netrack with other" in again.out
    assert "interactions: 0 added, 0 updated, 1 skipped (already in netrack: 1)" in again.out
