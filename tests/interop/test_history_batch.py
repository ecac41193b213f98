"""A large messages.csv closes follow-ups exactly as the trigger does row by row.

Above `BATCHED_LINKS` links, `insert_links` sets the follow-up trigger aside for one
`executemany` and closes the follow-ups of the contacts concerned in one statement. The
same file imported with the row-by-row trigger must leave every follow-up in the same
state, and the schema must be the one the migrations make afterwards.
"""

from __future__ import annotations

import csv
import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest

from netrack.data import link_batch
from netrack.data.repo import Repo
from netrack.domain.errors import InputError
from netrack.interop import api

TODAY = date(2026, 11, 27)
DAYS = 1200  # message days with Ana: more links than BATCHED_LINKS


def write_messages(path: Path) -> None:
    start = date(2022, 1, 1)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["From", "To", "Date", "Subject", "Content", "Direction", "Folder"])
        for n in range(DAYS):
            day = (start + timedelta(days=n)).isoformat()
            writer.writerow(["Ana López", "Sam Rivera", f"{day} 10:00:00 UTC", "", f"hi {n}", "INCOMING", "INBOX"])  # fmt: skip
        writer.writerow(["Sam Rivera", "Ana López", "2022-01-01 11:00:00 UTC", "", "hello", "OUTGOING", "SENT"])  # fmt: skip


def follow_ups(db_path: Path) -> list[tuple[object, ...]]:
    connection = sqlite3.connect(db_path)
    try:
        return connection.execute(
            'SELECT "id", "on", "follow_up_on", "follow_up_closed_on" FROM "interaction" '
            'WHERE "follow_up_on" IS NOT NULL ORDER BY "id"'
        ).fetchall()
    finally:
        connection.close()


def triggers(db_path: Path) -> list[tuple[object, ...]]:
    connection = sqlite3.connect(db_path)
    try:
        return connection.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name"
        ).fetchall()
    finally:
        connection.close()


def import_into(tmp_path: Path, name: str) -> Path:
    """A database with Ana, Raj and follow-ups around the messages' days, then the file."""
    db_path = tmp_path / f"{name}.db"
    repo = Repo.open(db_path, clock=lambda: TODAY)
    try:
        ana = repo.contacts.add("Ana López")
        raj = repo.contacts.add("Raj Patel")
        for on, who in (
            (date(2021, 12, 1), [ana.id]),  # closed by the first message, 2022-01-01
            (date(2022, 6, 15), [ana.id, raj.id]),  # closed by the message of 2022-06-16
            (date(2021, 12, 1), [raj.id]),  # no messages: closed by the call of 2022-06-15
            (date(2026, 1, 5), [raj.id]),  # after every touch: stays open
        ):
            repo.activity.log(who, on=on, kind="call", follow_up_on=on + timedelta(days=7))
        messages = tmp_path / "messages.csv"
        write_messages(messages)
        summary = api.import_file(repo, "linkedin", messages)
        assert f"interactions: {DAYS} added" in summary
    finally:
        repo.close()
    return db_path


def test_a_batch_closes_follow_ups_as_the_trigger_does(tmp_path, monkeypatch):
    batched = import_into(tmp_path, "batched")
    monkeypatch.setattr(link_batch, "BATCHED_LINKS", 10**9)  # the trigger, row by row
    row_by_row = import_into(tmp_path, "rows")
    assert follow_ups(batched) == follow_ups(row_by_row)
    closed = [row[3] for row in follow_ups(batched)]
    assert closed == ["2022-01-01", "2022-06-16", "2022-06-15", None]


def test_the_schema_is_the_same_after_a_batch(tmp_path):
    fresh = tmp_path / "fresh.db"
    Repo.open(fresh, clock=lambda: TODAY).close()
    batched = import_into(tmp_path, "batched")
    assert triggers(batched) == triggers(fresh)
    Repo.open(batched, clock=lambda: TODAY, verify=True).close()  # the full schema check


def test_a_failed_batch_leaves_the_trigger_in_place(tmp_path, monkeypatch):
    db_path = tmp_path / "failed.db"
    Repo.open(db_path, clock=lambda: TODAY).close()
    before = triggers(db_path)
    repo = Repo.open(db_path, clock=lambda: TODAY)
    repo.contacts.add("Ana López")

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(link_batch, "bulk_insert", broken)
    messages = tmp_path / "messages.csv"
    write_messages(messages)
    with pytest.raises(OSError):
        api.import_file(repo, "linkedin", messages)
    repo.close()
    assert triggers(db_path) == before


def test_the_cycle_collector_runs_again_after_an_import(repo, tmp_path):
    import gc

    messages = tmp_path / "messages.csv"
    write_messages(messages)
    api.import_file(repo, "linkedin", messages)
    assert gc.isenabled()
    (tmp_path / "bad.csv").write_text("no header here\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.csv"):
        api.import_file(repo, "linkedin", tmp_path / "bad.csv")
    assert gc.isenabled()


def meaningful_links(db_path: Path) -> list[tuple[object, ...]]:
    connection = sqlite3.connect(db_path)
    try:
        return connection.execute(
            'SELECT i."on", i."kind", l."meaningful" FROM "interaction_contact" AS l '
            'JOIN "interaction" AS i ON i."id" = l."interaction_id" '
            'WHERE l."meaningful" OR i."kind" != \'message\' ORDER BY i."id"'
        ).fetchall()
    finally:
        connection.close()


def test_a_batch_keeps_the_meaningful_flag_of_links_exact(tmp_path):
    """The meaningful-link trigger is set aside for a batch too: the imported messages'
    links keep 0 (an imported interaction is never meaningful), the links before keep
    theirs, and the trigger works again after the import."""
    db_path = tmp_path / "meaningful.db"
    repo = Repo.open(db_path, clock=lambda: TODAY)
    try:
        ana = repo.contacts.add("Ana López")
        repo.activity.log([ana.id], on=date(2021, 11, 1), kind="call", value_received="a tip")
        repo.activity.log([ana.id], on=date(2021, 11, 2), kind="call")
        messages = tmp_path / "messages.csv"
        write_messages(messages)
        assert f"interactions: {DAYS} added" in api.import_file(repo, "linkedin", messages)
        repo.activity.log([ana.id], on=date(2026, 11, 1), kind="email", meaningful=True)
    finally:
        repo.close()
    # the call with a tip (1), the plain call (0), no message (all 0), the email (1)
    assert meaningful_links(db_path) == [
        ("2021-11-01", "call", 1),
        ("2021-11-02", "call", 0),
        ("2026-11-01", "email", 1),
    ]
