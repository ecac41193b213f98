"""Goals at 80 columns: every column it keeps fits, the why ends in "…"; wider, since, until and
the progress bar come back (a resize rebuilds the columns)."""

from __future__ import annotations

from textual.widgets import DataTable

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
            "metric", "goal", "since", "until", "actual", "progress", "status", "why",
        ]  # fmt: skip
        assert "2026-11-27" in text and "░" in text


async def test_a_why_is_cut_by_the_cells_it_takes_not_its_characters(app, repo):
    """40 characters of a why were kept: "Z" with 50 accents stacked on it (one cell)
    lost the "algo" after it, and 30 CJK characters (60 cells) were kept whole."""
    stacked = "Z" + "\u0301" * 50 + "algo"
    wide = "日本語" * 10
    accented = repo.goals.add("events", 3, note=stacked)
    cjk = repo.goals.add("interviews", 2, note=wide)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.press("5")
        await settle(pilot)
        table = app.screen.query_one("#goals", DataTable)
        why = {goal.id: table.get_row(str(goal.id))[-1].plain for goal in (accented, cjk)}
    assert why[accented.id] == stacked
    assert why[cjk.id] == "日本語" * 6 + "日" + "…"  # 39 cells and the ellipsis
