"""Snapshots of the tidying dialogs at 120×40 on the demo data (see test_snapshots.py):
the merge picker, the merge confirmation and a campaign's linked contacts."""

from __future__ import annotations

from netrack.screens.modal.confirm import Confirm
from netrack.screens.modal.links import LinksDialog
from netrack.screens.modal.pick import Pick
from tests.ui.conftest import screen_text, settle
from tests.ui.test_snapshots import SIZE, demo, repo, save  # noqa: F401  (fixtures)


async def test_merge_picker(app, demo, save):  # noqa: F811
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("M")
        await settle(pilot)
        assert isinstance(app.screen, Pick)
        assert "Merge Aisha Rahman into whom?" in screen_text(app)
        await save(pilot, "contacts-merge-picker")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, Confirm)
        assert app.screen.question.startswith(
            "Merge Aisha Rahman into Amara Okafor? Moves 3 interactions, 1 campaign link"
        )
        await save(pilot, "contacts-merge-confirm")


async def test_campaign_links(app, demo, save):  # noqa: F811
    campaign = max(demo.campaigns.all(), key=lambda c: len(c.contacts))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.open_campaign(campaign.id)
        await settle(pilot)
        await pilot.press("C")
        await settle(pilot)
        assert isinstance(app.screen, LinksDialog)
        text = screen_text(app)
        assert campaign.contacts[0].contact_name in text
        await save(pilot, "campaign-links")
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, Pick)
        await save(pilot, "campaign-role-picker")
