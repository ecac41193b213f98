"""Keep in touch on the user's rhythm: the contact form's cadence field (the CLI's
validation words), and contact detail showing when it falls due and the strength history."""

from __future__ import annotations

from datetime import timedelta

from netrack.screens.contact_detail import ContactDetailScreen
from tests.ui.conftest import screen_text, settle, type_text
from tests.ui.test_forms_interactions import field, fill


async def test_form_sets_validates_and_clears_the_cadence(app, repo, today):
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("n")
        await type_text(pilot, "Raj Patel")
        await fill(pilot, "keep_in_touch", "0")
        await pilot.press("enter")
        await pilot.pause()
        assert "keep-in-touch days must be from 1 to 3650, not 0" in screen_text(app)
        await fill(pilot, "keep_in_touch", "two weeks")
        await pilot.press("enter")
        await pilot.pause()
        assert "keep-in-touch days must be a whole number from 1 to 3650" in screen_text(app)
        assert repo.contacts.count() == 0  # refused: nothing written
        await fill(pilot, "keep_in_touch", "14")
        await pilot.press("enter")
        await settle(pilot)
        (raj,) = repo.contacts.all()
        assert raj.keep_in_touch == 14

        app.open_contact(raj.id)
        await settle(pilot)
        # met today (2026-11-27, a Friday), no interaction yet: due 14 days on
        text = screen_text(app)
        assert "keep in touch  every 14 days" in text
        assert "next touch  Fri 2026-12-11 (in 14 days)" in text
        await pilot.press("e")
        assert field(app, "keep_in_touch") == "14"
        await fill(pilot, "keep_in_touch", "")  # blank: no rhythm
        await pilot.press("enter")
        await settle(pilot)
        assert repo.contacts.get(raj.id).keep_in_touch is None
        assert isinstance(app.screen, ContactDetailScreen)
        assert "keep in touch  no rhythm set (e to set one)" in screen_text(app)


async def test_detail_says_overdue_or_due_today_and_shows_the_strength_history(app, repo, today):
    # met 40 days ago, every 30 days, never touched: due 2026-11-17, 10 days ago
    ana = repo.contacts.add(
        "Ana López", met_on=today - timedelta(days=40), strength=2, keep_in_touch=30
    )
    repo.contacts.update(ana.id, strength=4)  # recorded today
    # last touched a week ago, every 7 days: due today
    raj = repo.contacts.add("Raj Patel", met_on=today - timedelta(days=60), keep_in_touch=7)
    repo.activity.log([raj.id], on=today - timedelta(days=7), kind="call")
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_contact(ana.id)
        await settle(pilot)
        text = screen_text(app)
        assert "keep in touch  every 30 days" in text
        assert "next touch  overdue by 10 days (due Tue 2026-11-17)" in text
        assert "2026-10-18 → 2" in text and "2026-11-27 → 4" in text
        app.open_contact(raj.id)
        await settle(pilot)
        text = screen_text(app)
        assert "keep in touch  every 7 days" in text
        assert "next touch  due today" in text


async def test_detail_says_a_daily_cadence_is_every_day(app, repo, today):
    ana = repo.contacts.add("Ana", met_on=today, keep_in_touch=1)
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_contact(ana.id)
        await settle(pilot)
        text = screen_text(app)
        assert "keep in touch  every day " in text
        assert "next touch  Sat 2026-11-28 (in 1 day)" in text


async def test_cadence_and_history_readable_at_80x24(app, repo, today):
    ana = repo.contacts.add(
        "Ana López", met_on=today - timedelta(days=40), strength=2, keep_in_touch=30
    )
    repo.contacts.update(ana.id, strength=3)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_contact(ana.id)
        await settle(pilot)
        text = screen_text(app)
        assert "next touch  overdue by 10 days" in text
        assert "2026-10-18 → 2" in text and "2026-11-27 → 3" in text


async def test_nobody_due_tells_how_to_set_a_cadence_only_where_none_is_set(app, repo, today):
    """ "nobody due this week (set a cadence: e on a contact, every N days)" where five
    contacts had one already: how to set one is no news there."""
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        assert "set a cadence" in screen_text(app)
    ana = repo.contacts.add("Ana López", keep_in_touch=30)
    repo.activity.log([ana.id], on=today)
    again = type(app)(repo)
    async with again.run_test(size=(120, 40)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        assert "1 contact with a" in screen_text(again)
        assert "set a cadence" not in screen_text(again)
