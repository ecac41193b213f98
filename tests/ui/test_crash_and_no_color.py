"""Issue 13, item 11: the TUI under NO_COLOR, and its exit status after a crash."""

from __future__ import annotations

from typing import Any

import pytest

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
