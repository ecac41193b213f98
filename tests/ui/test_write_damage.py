"""A write whose confirmation meets a damaged database in the TUI: the entry is rolled
back and the refusal said in place, never announced "logged" nor saved unannounced."""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date
from pathlib import Path
from typing import Any

from netrack.app import create_app
from netrack.data.repo import Repo
from netrack.screens.modal.quicklog import QuickLog
from tests.hardening.test_damage_after_write import _break_index, _notes
from tests.ui.conftest import screen_text, settle, type_text


def _damaged_copy(demo_file: Path, tmp_path: Path, index: str) -> Path:
    """A copy of the demo file with `index` broken (see `_break_index`)."""
    path = tmp_path / "d.db"
    path.write_bytes(demo_file.read_bytes())
    path.chmod(0o600)
    _break_index(path, index)
    return path


@asynccontextmanager
async def _quick_log_on(path: Path, today: date) -> AsyncIterator[tuple[Any, Any]]:
    """The app on `path`, its quick-log bar open: (app, pilot)."""
    repo = Repo.open(path, clock=lambda: today)
    app = create_app(repo)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            await pilot.press("l")
            assert isinstance(app.screen, QuickLog)
            yield app, pilot
    finally:
        repo.close()


async def test_the_quick_log_saves_nothing_when_naming_its_people_meets_damage(
    demo_file: Path, tmp_path: Path, today: date
) -> None:
    # what naming them reads (schema 19)
    path = _damaged_copy(demo_file, tmp_path, "contact_name_key")
    before = _notes(path)
    async with _quick_log_on(path, today) as (app, pilot):
        await type_text(pilot, '@"Aisha Rahman" 5m after the fair')
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, QuickLog)  # still open, the line kept
        assert "is damaged" in screen_text(app)
        assert not any("logged" in n.message for n in app._notifications)
    assert _notes(path) == before
    with sqlite3.connect(path) as connection:  # closed: its WAL folded into the file
        assert connection.execute("SELECT count(*) FROM interaction").fetchone()[0] == len(before)
    connection.close()


async def test_a_damaged_index_the_preview_reads_is_said_in_place_not_a_crash(
    demo_file: Path, tmp_path: Path, today: date
) -> None:
    # The preview asks which follow-ups the line would close: every keystroke reads the
    # (contact, day) index of who was met. Damaged, the bar says so where it says a
    # refusal, as the other screens do; it stopped the app with a traceback before.
    path = _damaged_copy(demo_file, tmp_path, "interaction_contact_contact_id_on")
    before = _notes(path)
    async with _quick_log_on(path, today) as (app, pilot):
        await type_text(pilot, '@"Aisha Rahman" #coffee 5m')
        await settle(pilot)
        assert isinstance(app.screen, QuickLog)
        said = " ".join(screen_text(app).split())
        # (the path is long: the line wraps where it must)
        assert f"{path} is damaged (database disk image is malformed)" in said
        await pilot.press("enter")  # the write meets it too: nothing saved
        await settle(pilot)
        assert isinstance(app.screen, QuickLog)
        await pilot.press("escape")
        for screen in "2345":
            await pilot.press(screen)
            await settle(pilot)
        assert app.is_running
    assert _notes(path) == before
