"""Text as long as netrack stores it (`validate.MAX_TEXT`) is kept on both engines: a
PostgreSQL index entry holds at most 2,704 bytes, and 1,000 CJK characters (3 KB) in a
value received, an email, a url or an imported tag were refused there while SQLite kept
them (schema 11 keeps free text out of the server's index keys). A calendar UID, which
stays a key, has a limit of its own: a longer one is skipped and reported on both."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from peewee import IntegrityError

from netrack.data import tables as t
from netrack.data.repo import Repo
from netrack.interop import api
from tests.db.conftest import TODAY

_random = random.Random(7)
LONG = "".join(_random.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(3000))
CJK = "".join(chr(0x4E00 + _random.randrange(20_000)) for _ in range(1000))


def test_long_text_is_stored_and_read_back(repo: Repo, tmp_path: Path) -> None:
    ana = repo.contacts.add("Ana Lima", email=f"{LONG}@x.org", url=f"https://x.org/{CJK}")
    repo.activity.log(
        [ana.id], on=TODAY, kind="call", value_received=LONG, value_given=CJK, note=CJK
    )
    # Tags as long come in with an import (a restore of a database from before MAX_TAG).
    path = tmp_path / "tags.json"
    document = {
        "format": "netrack",
        "schema_version": 10,
        "contacts": [
            {"ref": 1, "name": "Ben Ode", "met_on": "2026-11-20", "tags": ["x" + LONG + LONG, CJK]}
        ],
    }
    path.write_text(json.dumps(document), encoding="utf-8")
    assert "contacts: 1 added, 0 updated, 0 skipped" in api.import_file(repo, "json", path)

    (interaction,) = repo.activity.interactions()
    assert (interaction.value_received, interaction.value_given) == (LONG, CJK)
    again = repo.contacts.get(ana.id)
    assert (again.email, again.url) == (f"{LONG}@x.org", f"https://x.org/{CJK}")
    (ben,) = [c for c in repo.contacts.all() if c.name == "Ben Ode"]
    assert list(repo.contacts.get(ben.id).tags) == sorted(["x" + LONG + LONG, CJK])
    # The same tag twice on one contact is still refused (the server's unique index is
    # on a digest of the tag there).
    with pytest.raises(IntegrityError), repo.store.db.atomic():
        t.ContactTag.create(contact=ben.id, tag=CJK)
    assert sorted(r.tag for r in t.ContactTag.select()) == sorted(["x" + LONG + LONG, CJK])


def _event(uid: str, day: int, title: str) -> str:
    lines = [f"UID:{uid}"] if uid else []
    return "\r\n".join(
        ["BEGIN:VEVENT", *lines, f"DTSTART:202611{day}T100000Z", f"DTEND:202611{day}T110000Z",
         f"SUMMARY:{title}", "ATTENDEE:mailto:ana@example.com", "END:VEVENT", ""]
    )  # fmt: skip


def test_a_calendar_uid_too_long_to_key_is_skipped_and_reported(repo: Repo, tmp_path: Path) -> None:
    """A 4,000-character UID was an internal error on a server (imported_event_pkey)."""
    repo.contacts.add("Ana López", email="ana@example.com")
    path = tmp_path / "cal.ics"
    events = (
        _event("u" * 4000, 20, "Long"),
        _event(CJK[:501], 21, "Wide"),
        _event(CJK[:500], 22, "Edge"),
        _event("", 23, "t" * 600),  # no UID: its title keys it
        _event("ok@x", 24, "Good"),
    )
    path.write_bytes(("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n" + "".join(events)).encode())
    path.write_bytes(path.read_bytes() + b"END:VCALENDAR\r\n")

    summary = api.import_file(repo, "ics", path)

    assert summary.splitlines() == [
        "imported cal.ics:",
        "  interactions: 2 added, 0 updated, 3 skipped (UID is too long (500 characters at "
        "most): 2, title (the key of an event without a UID) is too long (500 characters at "
        "most): 1)",
    ]
    assert sorted(i.note for i in repo.activity.interactions()) == ["Edge", "Good"]
    assert {r.key for r in t.ImportedEvent.select()} == {
        f"{CJK[:500]}|2026-11-22",
        "ok@x|2026-11-24",
    }


def test_import_json_skips_a_calendar_uid_too_long_to_key(repo: Repo, tmp_path: Path) -> None:
    path = tmp_path / "in.json"
    document = {
        "format": "netrack",
        "schema_version": 10,
        "imported_events": [
            {"uid": "u" * 4000, "on": "2026-11-20", "interaction": None},
            {"uid": "e2", "on": "2026-11-20", "interaction": None},
        ],
    }
    path.write_text(json.dumps(document), encoding="utf-8")

    summary = api.import_file(repo, "json", path)

    assert "calendar events: 1 added, 0 updated, 1 skipped (invalid, listed below: 1)" in summary
    assert "skipped imported_events[0].uid: UID is too long (500 characters at most)" in summary
    assert [r.key for r in t.ImportedEvent.select()] == ["e2|2026-11-20"]
