"""Snapshots, which are also the README's pictures: the main screens on the demo data,
"today" frozen.

Each screen is compared with its stored SVG in `screenshots/`: any change to the picture
fails the test (accept a deliberate one with `pytest --snapshot-update`, then look at the
new SVG). Each test also checks what the picture must show, so a broken screen fails
here with a reason rather than only as a different picture.
"""

from __future__ import annotations

import difflib
import html
import re
from pathlib import Path

import pytest

from tests.ui.conftest import screen_text, settle, type_text, wait_until

SHOTS = Path(__file__).resolve().parents[2] / "screenshots"
SIZE = (120, 40)
SETTLE_ATTEMPTS = 5


@pytest.fixture
def repo(demo_repo):
    """Every picture is of the demo data (built once, copied for each test)."""
    return demo_repo


@pytest.fixture
def demo(repo):
    return repo


@pytest.fixture
def save(request):
    """`await save(pilot, name)`: compare the screen with `screenshots/<name>.svg` (or
    store it).

    A frame can be caught mid-update (a load's result still reaching its widgets on a
    slow machine): on a difference, let the app settle and compare again, a bounded
    number of times, before failing with the first lines that differ.
    """
    update = request.config.getoption("--snapshot-update")

    async def check(pilot, name: str) -> None:
        stored = SHOTS / f"{name}.svg"
        svg = pilot.app.export_screenshot(title=f"netrack — {name}")
        if update or not stored.exists():
            # Store a picture only once it holds still: the first frame can be one a
            # layout is still reaching (a table measured at the screen's wide width).
            for _ in range(SETTLE_ATTEMPTS):
                await settle(pilot)
                again = pilot.app.export_screenshot(title=f"netrack — {name}")
                if again == svg:
                    break
                svg = again
            SHOTS.mkdir(exist_ok=True)
            stored.write_text(svg, encoding="utf-8")
            return
        expected = stored.read_text(encoding="utf-8")
        for _ in range(SETTLE_ATTEMPTS):
            if svg == expected:
                return
            await settle(pilot)
            svg = pilot.app.export_screenshot(title=f"netrack — {name}")
        if svg != expected:
            fresh = stored.with_suffix(".new.svg")
            fresh.write_text(svg, encoding="utf-8")
            diff = difflib.unified_diff(
                _text_of(expected), _text_of(svg), "stored", "now", n=0, lineterm=""
            )
            shown = "\n".join(list(diff)[:30])
            pytest.fail(
                f"{name}: the screen no longer matches {stored.name} (now in {fresh.name}); "
                f"if the change is meant, run pytest --snapshot-update\n{shown}"
            )

    return check


def _text_of(svg: str) -> list[str]:
    """The visible text of an SVG screenshot, one entry per text run: a readable diff."""
    return [html.unescape(run) for run in re.findall(r">([^<>]+)</text>", svg)]


async def test_pipeline(app, demo, save):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "Research" in text and "Negotiating" in text and "Closed:" in text
        await save(pilot, "pipeline")


async def test_contact_detail(app, demo, save):
    contact = max(
        demo.contacts.all(), key=lambda c: len(demo.activity.interactions(contact_id=c.id))
    )
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.open_contact(contact.id)
        await settle(pilot)
        text = screen_text(app)
        assert contact.name in text and "Timeline" in text and "Strength" in text
        await save(pilot, "contact-detail")


async def test_scorecard(app, demo, save):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        await settle(pilot)
        text = screen_text(app)
        assert "Week 2026-W48" in text and "Effort by channel (hours)" in text
        await save(pilot, "scorecard")


async def test_scorecard_light(app, demo, save):
    """A light theme from the palette: the frames drawn darker than the screen, not white."""
    async with app.run_test(size=SIZE) as pilot:
        app.theme = "textual-light"
        await pilot.press("3")
        await settle(pilot)
        assert "Effort by channel (hours)" in screen_text(app)
        await save(pilot, "scorecard-light")


async def test_agenda(app, demo, save):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await settle(pilot)
        text = screen_text(app)
        assert "Follow-ups" in text and "Going cold" in text
        await save(pilot, "agenda")


async def test_quick_log(app, demo, save):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("4")
        await settle(pilot)
        await pilot.press("l", "ctrl+u")  # the follow-up's contact filled in, taken out
        await type_text(
            pilot, '#coffee @"Marco Bianchi" 45m ! fu:fri talked about the platform team'
        )
        await pilot.pause()
        assert "follow up" in screen_text(app)
        await save(pilot, "quick-log")


async def test_contacts_at_80x24(app, demo, save):
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        # The columns squeezed to fit end in "…", never at the screen's edge mid-word;
        # the rows' scrollbar (its layout comes after the rows) takes two more cells.
        await wait_until(pilot, lambda: "cold_outr…" in screen_text(app))
        assert "Organization" in screen_text(app)
        await save(pilot, "contacts-80x24")


async def test_scorecard_at_80x24(app, demo, save):
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        await settle(pilot)
        text = screen_text(app)
        assert "Week 2026-W48" in text and "running" in text
        await save(pilot, "scorecard-80x24")


async def test_scorecard_month(app, demo, save):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("3")
        await settle(pilot)
        await pilot.press("m")
        await settle(pilot)
        text = screen_text(app)
        assert "Month 2026-11" in text and "Stage funnel" in text and "12 mo" in text
        await save(pilot, "scorecard-month")


# Every screen at 80×24 (issue 16): nothing cut mid-word without "…".
NARROW = (80, 24)


async def test_pipeline_at_80x24(app, demo, save):
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        assert "Research" in screen_text(app)
        await save(pilot, "pipeline-80x24")


async def test_contact_detail_at_80x24(app, demo, save):
    contact = max(
        demo.contacts.all(), key=lambda c: len(demo.activity.interactions(contact_id=c.id))
    )
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        app.open_contact(contact.id)
        await settle(pilot)
        assert contact.name in screen_text(app)
        await save(pilot, "contact-detail-80x24")


async def test_campaign_detail_at_80x24(app, demo, save):
    campaign = max(demo.campaigns.all(), key=lambda c: len(demo.campaigns.history(c.id)))
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        app.open_campaign(campaign.id)
        await settle(pilot)
        assert campaign.title[:20] in screen_text(app)
        await save(pilot, "campaign-detail-80x24")


async def test_agenda_at_80x24(app, demo, save):
    async with app.run_test(size=NARROW) as pilot:
        await pilot.press("4")
        await settle(pilot)
        text = screen_text(app)
        noted = [line for line in text.splitlines() if "Chloé" in line]
        assert "Follow-ups" in text and "Chloé will check…" in text, noted  # cut, with "…"
        await save(pilot, "agenda-80x24")


async def test_goals_at_80x24(app, demo, save):
    async with app.run_test(size=NARROW) as pilot:
        await pilot.press("5")
        await settle(pilot)
        assert "goals met" in screen_text(app)
        await save(pilot, "goals-80x24")


async def test_quick_log_at_80x24(app, demo, save):
    # Over the pipeline: the Agenda behind it at 80x24 (a scrolling screen of height-auto
    # tables) still settles, once in a dozen runs, with a scrollbar thumb a cell longer.
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await type_text(pilot, '#coffee @"Marco Bianchi" 45m ! fu:fri platform team')
        await pilot.pause()
        assert "· tab completes" in screen_text(app)  # the hint fits, whole
        await save(pilot, "quick-log-80x24")


async def test_contact_form_at_80x24(app, demo, save):
    async with app.run_test(size=NARROW) as pilot:
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("n")
        await pilot.pause()
        text = screen_text(app)
        assert "event | linkedin | referral | … 6 more" in text  # the channels, fitted
        await save(pilot, "contact-form-80x24")
