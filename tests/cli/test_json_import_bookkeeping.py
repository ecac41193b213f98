"""`netrack import json` of a file whose bookkeeping a hand or a damaged copy broke: a
`logged_on` that is no day, a `uid` that is no uid. Such a value only keeps books (the
day an entry was typed in, which row a record is), so the record is kept without it,
never lost with its hours, referral or call, and the summary says so."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.cli.conftest import Run, remove_database, sql

SETUP = (
    ("contact", "add", "Ana López", "--org", "Acme"),
    ("log", "@ana call 30m on:-3d"),
    ("time", "add", "1h", "--category", "search", "--on", "2026-11-25"),
    ("referral", "add", "--from", "ana", "--direction", "in", "--on", "2026-11-26"),
)
TABLES = ("interaction", "referral", "time_entry")


def _exported(run: Run, db: Path, tmp_path: Path) -> dict[str, Any]:
    """The history of SETUP as an export document; the database then removed."""
    for argv in SETUP:
        assert run(*argv).code == 0, argv
    out = tmp_path / "export.json"
    assert run("export", "json", "--out", str(out)).code == 0
    remove_database(db)
    return dict(json.loads(out.read_text(encoding="utf-8")))


@pytest.mark.parametrize(
    ("logged_on", "why"),
    [
        ("yesterday", "bad date 'yesterday' (expected YYYY-MM-DD)"),
        (12, "expected text, found 12"),
        ("2026-13-01", "bad date '2026-13-01' (expected YYYY-MM-DD)"),
        ("2031-01-01", "logged_on 2031-01-01 is after today (2026-11-27) by more than"),
    ],
)
def test_an_entry_whose_logged_on_is_no_day_is_kept_without_it(
    run: Run, db: Path, tmp_path: Path, logged_on: object, why: str
) -> None:
    """Each was skipped whole ("skipped time_entries[0].logged_on: bad date …"): a
    restore of a hand-edited file lost the hours, the referral, the call."""
    doc = _exported(run, db, tmp_path)
    for key in ("interactions", "referrals", "time_entries"):
        doc[key][0]["logged_on"] = logged_on
    path = tmp_path / "edited.json"
    path.write_text(json.dumps(doc), encoding="utf-8")

    result = run("import", "json", str(path))
    again = run("import", "json", str(path))

    assert result.code == 0, result.err
    for noun in ("interactions", "referrals", "time entries"):
        assert f"  {noun}: 1 added, 0 updated, 0 skipped\n" in result.out
    warnings = [line for line in result.out.splitlines() if "warning" in line]
    assert len(warnings) == 1
    assert warnings[0].startswith(
        "  warning: 3 records kept without their logged_on, which could not be read "
        f"(first: interactions[0].logged_on: {why}"
    )
    assert warnings[0].endswith("): counted as logged on their own day")
    for table in TABLES:  # NULL: as a row from before netrack kept the day
        assert sql(db, f"SELECT logged_on FROM {table}") == [(None,)], table
    assert again.code == 0 and "warning" not in again.out  # nothing added, nothing said
    assert "0 added" in again.out and " 1 added" not in again.out


def test_a_uid_that_is_no_text_is_renewed_not_the_record_skipped(
    run: Run, db: Path, tmp_path: Path
) -> None:
    """A uid of true or a list is one netrack does not keep, as a number is: the row is
    given a new one (it was "skipped time_entries[0].uid: expected text or a number")."""
    doc = _exported(run, db, tmp_path)
    doc["time_entries"][0]["uid"] = True
    doc["referrals"][0]["uid"] = ["01a2"]
    path = tmp_path / "edited.json"
    path.write_text(json.dumps(doc), encoding="utf-8")

    result = run("import", "json", str(path))

    assert result.code == 0, result.err
    for noun in ("referrals", "time entries"):
        assert (
            f"  {noun}: 1 added, 0 updated, 0 skipped; "
            "given a new uid in place of one netrack does not keep: 1\n"
        ) in result.out
    for table in ("referral", "time_entry"):
        ((uid,),) = sql(db, f"SELECT uid FROM {table}")
        assert isinstance(uid, str) and len(uid) == 32
