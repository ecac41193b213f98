"""A referral or a time entry logged by mistake is taken back from the palette (the TUI
could add them; only the CLI could remove one): picked among the newest, confirmed,
gone, and the card follows."""

from __future__ import annotations

from datetime import timedelta

from netrack.screens.modal.confirm import Confirm
from netrack.screens.modal.pick import Pick
from tests.ui.conftest import palette_offers, screen_text, settle, type_text, wait_until


async def test_a_time_entry_and_a_referral_deleted_from_the_palette(app, repo, today):
    ana = repo.contacts.add("Ana López").id
    repo.time.add(600, "busywork", on=today, note="meant 10m")
    kept = repo.time.add(45, "search", on=today - timedelta(days=1))
    repo.referrals.add(ana, "out", on=today, note="wrong person")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await type_text(pilot, "delete a time")
        await wait_until(pilot, palette_offers(app, "Delete a time entry"))
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, Pick)
        text = screen_text(app)
        assert "› 2026-11-27  600m  busywork · meant 10m" in text
        assert "2026-11-26  45m  search" in text
        await pilot.press("enter")
        assert isinstance(app.screen, Confirm)
        assert app.screen.question == "Delete the 600m of busywork of 2026-11-27?"
        await pilot.press("y")
        await settle(pilot)
        assert [e.id for e in repo.time.all()] == [kept.id]
        await pilot.press("ctrl+p")
        await type_text(pilot, "delete a ref")
        await wait_until(pilot, palette_offers(app, "Delete a referral"))
        await pilot.press("enter")
        await settle(pilot)
        assert "2026-11-27  out  Ana López · wrong person" in screen_text(app)
        await pilot.press("enter", "n")  # no: nothing written
        await settle(pilot)
        assert len(repo.referrals.all()) == 1
        await pilot.press("ctrl+p")
        await type_text(pilot, "delete a ref")
        await wait_until(pilot, palette_offers(app, "Delete a referral"))
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("enter", "y")
        await settle(pilot)
        assert repo.referrals.all() == []
        assert any(
            "deleted referral" in n.message and "Ana López" in n.message for n in app._notifications
        )
