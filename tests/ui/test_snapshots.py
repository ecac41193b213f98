"""The README's pictures: the main screens at 120×40 on the demo data, "today" frozen.

Each test also checks what the picture must show, so a broken screen fails here rather
than in someone's README.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from netrack.demo import fill_demo
from tests.ui.conftest import screen_text, settle, type_text

SHOTS = Path(__file__).resolve().parents[2] / "screenshots"
SIZE = (120, 40)


@pytest.fixture
def demo(repo, today):
    fill_demo(repo, today)
    return repo


def save(app, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    svg = app.export_screenshot(title=f"netrack — {name}")
    (SHOTS / f"{name}.svg").write_text(svg, encoding="utf-8")


async def test_pipeline(app, demo):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "Research" in text and "Negotiating" in text and "Closed:" in text
        save(app, "pipeline")


async def test_contact_detail(app, demo):
    contact = max(demo.list_contacts(), key=lambda c: len(demo.interactions(contact_id=c.id)))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.open_contact(contact.id)
        await settle(pilot)
        text = screen_text(app)
        assert contact.name in text and "Timeline" in text and "Strength" in text
        save(app, "contact-detail")


async def test_scorecard(app, demo):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        await settle(pilot)
        text = screen_text(app)
        assert "Week 2026-W48" in text and "Channel effectiveness" in text
        save(app, "scorecard")


async def test_agenda(app, demo):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await settle(pilot)
        text = screen_text(app)
        assert "Follow-ups" in text and "Going cold" in text
        save(app, "agenda")


async def test_quick_log(app, demo):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await settle(pilot)
        await pilot.press("l")
        await type_text(
            pilot, '#coffee @"Marco Bianchi" 45m ! fu:fri talked about the platform team'
        )
        await pilot.pause()
        assert "follow up" in screen_text(app)
        save(app, "quick-log")


async def test_contacts_at_80x24(app, demo):
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        assert "Organization" in screen_text(app)
        save(app, "contacts-80x24")
