"""Issue 13, item 11: the TUI under NO_COLOR, and its exit status after a crash."""

from __future__ import annotations

from typing import Any

import pytest
from rich.console import Console
from rich.segment import Segment
from textual.color import Color

from netrack.app import create_app, run
from netrack.screens.pipeline import PipelineScreen
from tests.ui.conftest import screen_text, settle


async def test_every_screen_draws_under_no_color(repo: Any, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("NO_COLOR", "1")  # read as the app is built
    repo.contacts.add("Ana López", organization="Acme")
    repo.campaigns.add("Platform Engineer", "Acme")
    repo.activity.log_line("@ana #coffee 30m fu:+3d talked")
    app = create_app(repo)
    assert app.no_color
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "Platform Engineer" in screen_text(app) or "Platform" in screen_text(app)
        for key in ("2", "3", "4", "5", "1", "c"):
            await pilot.press(key)
            await settle(pilot)
            assert app.return_code is None, key  # still running: nothing crashed
        await pilot.press("2", "enter")
        await settle(pilot)
        assert "Ana López" in screen_text(app)
    assert not app._exception


def drawn_segments(app: Any) -> list[Segment]:
    """The screen as the terminal gets it: each run of text with its style, after the
    app's filters (NO_COLOR's monochrome one among them)."""
    width, height = app.size
    console = Console(width=width, height=height, color_system="truecolor", force_terminal=True)
    update = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    return list(console.render(update))


def contrast(segment: Segment) -> float:
    """How far apart a run's text and its background are in brightness (0 to 1)."""
    style = segment.style
    assert style is not None and style.color is not None and style.bgcolor is not None
    text, back = (Color.from_rich_color(c) for c in (style.color, style.bgcolor))
    return abs(text.brightness - back.brightness)


def runs(app: Any, words: str) -> list[Segment]:
    found = [segment for segment in drawn_segments(app) if words in segment.text]
    assert found, words
    return found


async def test_what_is_late_stands_out_under_no_color(
    demo_repo: Any, monkeypatch: pytest.MonkeyPatch
):
    """Overdue follow-ups and missed goals were red, which NO_COLOR's filter made dark
    grey on dark grey (237 on 234): the most urgent lines the faintest on the screen."""
    monkeypatch.setenv("NO_COLOR", "1")
    app = create_app(demo_repo)  # the demo on Fri 2026-11-27
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        coming = contrast(runs(app, "fu Tue Dec 01")[0])
        for late in (*runs(app, "fu Wed Nov 25"), *runs(app, "fu Thu Nov 12")):
            assert late.style and late.style.bold and contrast(late) > coming, late
        await pilot.press("4")
        await settle(pilot)
        for late in runs(app, "d overdue"):
            assert late.style and late.style.bold and contrast(late) > 0.5, late
        await pilot.press("3", "left_square_bracket")
        await settle(pilot)
        for missed in runs(app, "✗ missed"):
            assert missed.style and missed.style.bold and contrast(missed) > 0.5, missed
        for target in runs(app, "≥ "):  # the goal's target after it, readable too
            assert contrast(target) > 0.3, target


def test_a_crash_makes_the_exit_status_non_zero(repo: Any, monkeypatch: pytest.MonkeyPatch):
    def explode(self: PipelineScreen) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(PipelineScreen, "on_mount", explode)
    assert run(repo, headless=True) == 1


def test_a_quit_exits_zero(repo: Any, monkeypatch: pytest.MonkeyPatch):
    def quit_at_once(self: PipelineScreen) -> None:
        self.app.call_later(self.app.exit)

    monkeypatch.setattr(PipelineScreen, "on_mount", quit_at_once)
    assert run(repo, headless=True) == 0
