"""An id a user saw is never given to another record (schema 14): a delete typed twice
(a shell's history, a script) finds nothing the second time, on both engines."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.cli.conftest import Run, runner


def _ids(run: Run, *argv: str) -> list[int]:
    result = run(*argv, "--format", "json")
    assert result.code == 0, result.err
    (records,) = json.loads(result.out).values()
    return sorted(record["id"] for record in records)


def _added(run: Run, *argv: str) -> Any:
    result = run(*argv)
    assert result.code == 0, result.err
    return result


def test_deleting_an_interaction_twice_never_deletes_the_next_one_logged(run: Run) -> None:
    _added(run, "contact", "add", "Ann Bee")
    _added(run, "log", "--with", "Ann Bee", "--kind", "call", "--note", "first")
    _added(run, "log", "--with", "Ann Bee", "--kind", "email", "--note", "second")
    assert run("interaction", "delete", "2").out.startswith("#2 deleted email")
    _added(run, "log", "--with", "Ann Bee", "--kind", "coffee", "--note", "third")

    again = run("interaction", "delete", "2")

    assert again.code == 2 and again.err.strip() == "netrack: no interaction with id 2"
    assert _ids(run, "interaction", "list") == [1, 3]


def test_deleting_a_goal_twice_never_deletes_the_next_one_added(run: Run) -> None:
    _added(run, "goal", "add", "referrals_in", "2")  # the database made: goals with ids
    before = _ids(run, "goal", "list")
    newest = before[-1]
    assert run("goal", "delete", str(newest)).code == 0
    _added(run, "goal", "add", "meaningful_contacts", "3")

    again = run("goal", "delete", str(newest))

    assert again.code == 2, again.out
    assert _ids(run, "goal", "list") == [*before[:-1], newest + 1]


def test_a_deleted_time_entry_s_id_and_a_deleted_contact_s_are_not_given_again(
    run: Run,
) -> None:
    _added(run, "time", "add", "30m", "--category", "search", "--note", "first")
    _added(run, "time", "add", "45m", "--category", "search", "--note", "second")
    assert run("time", "delete", "2").code == 0
    _added(run, "time", "add", "15m", "--category", "search", "--note", "third")
    assert run("time", "delete", "2").code == 2
    assert _ids(run, "time", "list") == [1, 3]
    _added(run, "contact", "add", "Ann Bee")
    _added(run, "contact", "add", "Bo Cole")
    assert run("contact", "delete", "Bo Cole").code == 0
    _added(run, "contact", "add", "Cy Dunn")
    assert _ids(run, "contact", "list") == [1, 3]


def test_an_import_after_a_delete_numbers_its_contacts_past_the_deleted_one(
    run: Run, tmp_path: Path
) -> None:
    """An import picks its contacts' ids itself (one batch per table): past the largest
    id ever deleted too, as the table's own numbering does."""
    _added(run, "contact", "add", "Ann Bee")
    _added(run, "contact", "add", "Bo Cole")
    assert run("contact", "delete", "Bo Cole").code == 0
    card = tmp_path / "cy.vcf"
    card.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Cy Dunn\r\nEND:VCARD\r\n")

    _added(run, "import", "vcard", str(card))

    assert _ids(run, "contact", "list") == [1, 3]


def test_a_new_database_numbers_the_goals_it_imports_as_the_file_s_machine_did(
    run: Run, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An import into a new database replaces its default goals (ids 1-4, deleted):
    the file's goals are numbered from 1 there, as on the machine that wrote it (a
    history moved to a server shows the same goal ids on its cards)."""
    laptop = runner(tmp_path / "laptop.db", capsys)
    assert laptop("goal", "add", "referrals_in", "2").code == 0
    moved = tmp_path / "laptop.json"
    assert laptop("export", "json", "--out", str(moved)).code == 0

    _added(run, "import", "json", str(moved))

    assert _ids(run, "goal", "list") == _ids(laptop, "goal", "list") == [1, 2, 3, 4, 5]
