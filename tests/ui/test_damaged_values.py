"""A value no netrack writes, met by a screen's load (a damaged byte in an index that
covers its table), is said in the words the CLI uses, not as a Python message."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

from netrack.app import create_app
from netrack.data.repo import Repo
from tests.ui.conftest import settle, wait_until

TODAY = date(2026, 11, 27)


def _damage_kind_in_index(path: Path) -> None:
    """The interaction's kind made 'hn_person' in the scorecard's covering index alone."""
    with sqlite3.connect(path) as connection:
        (page,) = connection.execute(
            "SELECT pageno FROM dbstat WHERE name = 'interaction_scorecard'"
        ).fetchone()
        (size,) = connection.execute("PRAGMA page_size").fetchone()
    connection.close()
    data = bytearray(path.read_bytes())
    start = (page - 1) * size
    at = start + data[start : start + size].index(b"in_person")
    data[at] ^= 0x01
    path.write_bytes(data)


async def test_the_scorecard_names_a_damaged_kind_in_its_notice(tmp_path: Path) -> None:
    """Key 3 said "could not load: 'hn_person' is not a valid Kind"."""
    path = tmp_path / "netrack.db"
    made = Repo.open(path, clock=lambda: TODAY)
    made.contacts.add("Ana López")
    made.activity.log_line("@ana #coffee 45m talked")
    made.close()
    _damage_kind_in_index(path)
    repo = Repo.open(path, clock=lambda: TODAY)
    try:
        app = create_app(repo)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("3")
            await settle(pilot)
            await wait_until(pilot, lambda: bool(app._notifications))
            assert [n.message for n in app._notifications] == [
                "could not load: the database holds 'hn_person' where an interaction's kind "
                "belongs (`netrack doctor` checks the file: `--fix` rebuilds a damaged index; "
                "a backup mends the rest) (what is shown may be out of date)"
            ]
    finally:
        repo.close()
