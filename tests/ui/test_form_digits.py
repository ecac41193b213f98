"""A number typed in a form is plain ASCII digits, as `config` has always taken them:
`int()` and `float()` also read "١٢" and "1_0", and a goal of "١٢" events was saved as
12 where the settings form refused the same digits."""

from __future__ import annotations

from textual.widgets import Static

from netrack.data.tables import Interaction
from netrack.screens.modal.contact_form import ContactForm
from netrack.screens.modal.goal_form import GoalForm
from netrack.screens.modal.interaction_form import InteractionForm
from tests.ui.conftest import settle, type_text
from tests.ui.test_form_checks import error_of
from tests.ui.test_forms_interactions import fill


async def test_the_goal_form_refuses_other_digits_in_place(app, repo):
    before = repo.goals.all()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("5")
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, GoalForm)
        await type_text(pilot, "events")
        for typed in ("١٢", "1_0"):
            await fill(pilot, "target", typed)
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, GoalForm)  # refused: still open, typing kept
            assert error_of(app, "target") == f"target must be a number, not '{typed}'"
        assert repo.goals.all() == before
        await fill(pilot, "target", "12")
        await pilot.press("enter")
        await settle(pilot)
    assert [(g.metric, g.target) for g in repo.goals.all()][len(before) :] == [("events", 12)]


async def test_contact_and_interaction_forms_refuse_other_digits(app, repo):
    repo.contacts.add("Ana López")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await app.open_form(ContactForm(repo))
        await settle(pilot)
        await fill(pilot, "name", "Bo Chen")
        await fill(pilot, "strength", "٣")
        await fill(pilot, "keep_in_touch", "1_0")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ContactForm)
        assert error_of(app, "strength") == "strength must be a whole number from 1 to 5, not '٣'"
        assert error_of(app, "keep_in_touch") == (
            "keep-in-touch days must be a whole number from 1 to 3650, not '1_0'"
        )
        await pilot.press("escape", "y")
        await settle(pilot)

        await app.open_form(InteractionForm(repo))
        await settle(pilot)
        await fill(pilot, "with", "Ana López")
        await fill(pilot, "minutes", "١٢")
        await fill(pilot, "cost", "1_0")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, InteractionForm)
        assert error_of(app, "minutes").startswith("invalid duration '١٢'")
        assert error_of(app, "cost").startswith("invalid amount '1_0'")
        summary = str(app.screen.query_one("#form-error", Static).render())
        assert summary == "2 fields to fix: Duration, Cost"
    assert [c.name for c in repo.contacts.all()] == ["Ana López"]
    assert Interaction.select().count() == 0
