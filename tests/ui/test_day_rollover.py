"""An app left open over midnight moves to the new day by itself: the Agenda's follow-ups
fall due, the Scorecard's current week becomes the next one. Nothing was written: only
the clock moved ("today" is read from the repository's clock, here a hand-moved one)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from netrack.app import create_app
from netrack.data.repo import Repo
from tests.conftest import migrated_file
from tests.ui.conftest import screen_text, settle, wait_until


@pytest.fixture
def clock(today: date) -> list[date]:
    return [today]


@pytest.fixture
def moving_repo(db_path: Path, today: date, clock: list[date]) -> Iterator[Repo]:
    opened = Repo.open(migrated_file(db_path, today), clock=lambda: clock[0])
    yield opened
    opened.close()


async def test_an_open_app_moves_to_the_new_day_at_midnight(
    moving_repo: Repo, today: date, clock: list[date]
) -> None:
    raj = moving_repo.contacts.add("Raj Patel", strength=5, met_on=today - timedelta(days=40))
    moving_repo.activity.log(
        [raj.id], on=today - timedelta(days=2), follow_up_on=today + timedelta(days=1)
    )
    app = create_app(moving_repo, poll_seconds=0.02)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")  # the Scorecard, on Friday of 2026-W48
        await settle(pilot)
        assert "Week 2026-W48" in screen_text(app)
        await pilot.press("4")  # the Agenda
        await settle(pilot)
        assert "11-28  in 1d  Raj Patel" in screen_text(app)
        assert "Logged today (1)" in screen_text(app)

        clock[0] = today + timedelta(days=1)  # Saturday: the follow-up falls due
        await wait_until(pilot, lambda: "11-28  today  Raj Patel" in screen_text(app))
        assert "in 1d" not in screen_text(app)
        assert "Logged today (0)" in screen_text(app)  # it was logged yesterday

        clock[0] = today + timedelta(days=3)  # Monday: a new week
        await wait_until(pilot, lambda: "11-28  2d overdue  Raj Patel" in screen_text(app))
        await pilot.press("3")
        await settle(pilot)
        assert "Week 2026-W49" in screen_text(app)
