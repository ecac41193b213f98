"""Agenda (`d` marks a follow-up done, enter opens the contact) and Goals (`n` `e` `d`)."""

from __future__ import annotations

from datetime import timedelta

from netrack.screens.agenda import AgendaScreen
from netrack.screens.contact_detail import ContactDetailScreen
from netrack.screens.goals import GoalsScreen
from tests.ui.conftest import screen_text, settle, type_text


async def test_agenda_lists_and_marks_done(app, repo, today):
    ana = repo.contacts.add("Ana López", strength=4, met_on=today - timedelta(days=60))
    raj = repo.contacts.add("Raj Patel")
    repo.activity.log(
        [ana.id], on=today - timedelta(days=40), follow_up_on=today - timedelta(days=2)
    )
    repo.activity.log([raj.id], kind="email", follow_up_on=today + timedelta(days=3))
    repo.campaigns.add("Data Lead", "Initech", stage="target", opened_on=today - timedelta(days=30))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        assert isinstance(app.screen, AgendaScreen)
        text = screen_text(app)
        assert "2d overdue" in text and "in 3d" in text
        assert "Going cold (1)" in text and "40d" in text
        assert "Stalled campaigns (1)" in text and "Initech Data Lead" in text
        assert "1 logged today" in text
        await pilot.press("d")
        await settle(pilot)
        assert repo.activity.follow_ups(contact_id=ana.id)[0].done_on == today
        assert "2d overdue" not in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ContactDetailScreen)
        assert app.screen.contact_id == raj.id


async def test_agenda_empty_states(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        text = screen_text(app)
        assert "Nothing due" in text
        await pilot.press("d")
        assert any("No follow-up selected" in n.message for n in app._notifications)


async def test_goals_add_edit_delete(app, repo):
    defaults = len(repo.goals.all())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("5")
        await settle(pilot)
        assert isinstance(app.screen, GoalsScreen)
        assert "meaningful_contacts" in screen_text(app)
        await pilot.press("n")
        await type_text(pilot, "referals_in")
        await pilot.press("down")
        await type_text(pilot, "2")
        await pilot.press("enter")
        await pilot.pause()
        assert "unknown metric 'referals_in'" in screen_text(app)
        await pilot.press("up", "ctrl+a", "ctrl+k")
        await type_text(pilot, "referrals_in")
        await pilot.press("down", "down", "down", "ctrl+a", "ctrl+k")
        await type_text(pilot, "month")
        await pilot.press("enter")
        await settle(pilot)
        goals = repo.goals.all()
        assert len(goals) == defaults + 1
        new = goals[-1]
        assert (new.metric, new.target, new.period.value) == ("referrals_in", 2, "month")
        assert "≥ 2/month" in screen_text(app)
        await pilot.press(*["down"] * defaults)  # the last row: the new goal
        await pilot.press("e", "down", "ctrl+a", "ctrl+k", "3", "enter")
        await settle(pilot)
        assert repo.goals.all()[-1].target == 3
        await pilot.press("d")
        await pilot.pause()
        assert "Remove the goal referrals_in 3?" in screen_text(app)
        await pilot.press("n")
        await settle(pilot)
        assert len(repo.goals.all()) == defaults + 1
        await pilot.press("d", "y")
        await settle(pilot)
        assert len(repo.goals.all()) == defaults
        assert "referrals_in" not in screen_text(app)
