"""Goals at 80 columns: every column it keeps fits, the why ends in "…"; wider, since and
the progress bar come back (a resize rebuilds the columns)."""

from __future__ import annotations

from tests.ui.conftest import screen_text, settle


def header_line(text: str) -> str:
    return next(line for line in text.splitlines() if line.strip().startswith("metric"))


async def test_goals_fit_80_columns_and_widen_again(app, repo):
    repo.goals.add("events", 3, note="rooms full of people who hire move a search further")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("5")
        await settle(pilot)
        text = screen_text(app)
        assert header_line(text).split() == ["metric", "goal", "actual", "status", "why"]
        row = next(line for line in text.splitlines() if "events" in line)
        assert row.rstrip().endswith("…") and len(row.rstrip()) <= 80
        assert "0/3 so far" in row
        await pilot.resize_terminal(120, 30)
        await settle(pilot)
        text = screen_text(app)
        assert header_line(text).split() == [
            "metric", "goal", "since", "actual", "progress", "status", "why",
        ]  # fmt: skip
        assert "2026-11-27" in text and "░" in text
