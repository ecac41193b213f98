"""A command that names someone reads the name in its own write. Read before it, another
process's rename in between saved the change on whoever had the id then: `log --with
"Rajesh Iyer"` stored an entry on the contact just renamed "Sara Silva"."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from netrack.cli import main
from netrack.data.repo import Repo
from netrack.data.repo.activity import Activity
from netrack.data.repo.contacts import Contacts
from netrack.data.repo.tidy import Tidy
from netrack.domain.errors import NetrackError

TODAY = "2026-11-27"


def _renamed_in_between(
    monkeypatch: pytest.MonkeyPatch, db: Path, owner: type, method: str, contact_id: int
) -> list[str]:
    """Patch `owner.method` (the write that follows the name's lookup) so that another
    process first tries to rename the contact: ["tried", "renamed"] when the file let it,
    ["tried", "kept out"] when the command already held it."""
    other = Repo.open(db, clock=lambda: date.fromisoformat(TODAY))
    real: Callable[..., Any] = getattr(owner, method)
    between: list[str] = []

    def write(self: object, *args: object, **kwargs: object) -> object:
        if not between:
            between.append("tried")
            try:
                with other.waiting_at_most(0.2):
                    other.contacts.update(contact_id, name="Sara Silva")
                between.append("renamed")
            except NetrackError:
                between.append("kept out")
            finally:
                other.close()
        return real(self, *args, **kwargs)

    monkeypatch.setattr(owner, method, write)
    return between


@pytest.fixture
def two_people(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, int, int]:
    monkeypatch.setenv("NETRACK_TODAY", TODAY)
    db = tmp_path / "netrack.db"
    repo = Repo.open(db, clock=lambda: date.fromisoformat(TODAY))
    rajesh = repo.contacts.add("Rajesh Iyer", organization="Acme").id
    ana = repo.contacts.add("Ana López", organization="Beta").id
    repo.close()
    return db, rajesh, ana


def _read(db: Path, read: Callable[[Repo], Any]) -> Any:
    repo = Repo.open(db, clock=lambda: date.fromisoformat(TODAY))
    try:
        return read(repo)
    finally:
        repo.close()


def test_log_with_a_name_is_saved_on_the_person_named(
    two_people: tuple[Path, int, int],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    db, rajesh, _ = two_people
    between = _renamed_in_between(monkeypatch, db, Activity, "log_reporting", rajesh)
    argv = ["--db", str(db), "log", "--with", "Rajesh Iyer", "--minutes", "5", "--note", "hi"]
    assert main(argv) == 0
    assert between == ["tried", "kept out"]  # the log holds the file from its lookup
    assert capsys.readouterr().out == "logged other with Rajesh Iyer on 2026-11-27 · 5m\n"
    entries = _read(db, lambda repo: repo.activity.interactions(contact_id=rajesh))
    assert [(e.note, e.contact_names) for e in entries] == [("hi", ("Rajesh Iyer",))]


def test_contact_delete_removes_the_person_named(
    two_people: tuple[Path, int, int],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    db, rajesh, ana = two_people
    between = _renamed_in_between(monkeypatch, db, Tidy, "delete_contact", rajesh)
    assert main(["--db", str(db), "contact", "delete", "Rajesh Iyer"]) == 0
    assert between == ["tried", "kept out"]
    assert capsys.readouterr().out == "deleted contact Rajesh Iyer\n"
    assert _read(db, lambda repo: repo.contacts.names()) == [(ana, "Ana López")]


def test_contact_edit_changes_the_person_named(
    two_people: tuple[Path, int, int],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    db, rajesh, _ = two_people
    between = _renamed_in_between(monkeypatch, db, Contacts, "update", rajesh)
    assert main(["--db", str(db), "contact", "edit", "Rajesh Iyer", "--title", "CTO"]) == 0
    assert between == ["tried", "kept out"]
    assert capsys.readouterr().out == "updated contact Rajesh Iyer (Acme)\n"
    titles = _read(db, lambda repo: [(c.name, c.title) for c in repo.contacts.all()])
    assert sorted(titles) == [("Ana López", ""), ("Rajesh Iyer", "CTO")]


def test_a_mistyped_name_is_said_at_once_while_another_program_writes(
    two_people: tuple[Path, int, int], capsys: pytest.CaptureFixture[str]
) -> None:
    """Read only inside the write, a typo waited out another program's long write (10 s)
    and was then said as "busy; try again"."""
    import sqlite3

    db, _, _ = two_people
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another program's long write
    try:
        code = main(["--db", str(db), "log", "--with", "Rajseh", "--minutes", "5"])
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert code == 2
    # said as it is, not as "busy; try again" after the wait
    assert capsys.readouterr().err == (
        "netrack: no contact matches 'Rajseh' (did you mean Rajesh Iyer?)\n"
    )
