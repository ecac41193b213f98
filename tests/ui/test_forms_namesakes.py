"""The contact and interaction forms name one of two "Sam Lee"s as `Sam Lee (Beta)`, as
their rows and confirmations do, in their titles, toasts and refusals over a record
gone or changed elsewhere: named as read when the form opened."""

from __future__ import annotations

from typing import Any

from textual.widgets import Static

from netrack.screens.modal.confirm import Confirm
from netrack.screens.modal.contact_form import ContactForm
from netrack.screens.modal.form import FormScreen
from netrack.screens.modal.interaction_form import InteractionForm
from tests.ui.conftest import settle, wait_until
from tests.ui.test_forms_interactions import fill


def refusal(app: Any, form: type[FormScreen]) -> str:
    screen = app.screen
    assert isinstance(screen, form)  # refused: still open
    return str(screen.query_one("#form-error", Static).render())


def last_toast(app: Any) -> str:
    return str([n.message for n in app._notifications][-1])


async def test_the_contact_form_names_a_namesake_with_the_organization(app, repo):
    """Beside another Sam Lee, the contact form said "Edit Sam Lee", "saved contact Sam
    Lee" and "Sam Lee was deleted or merged elsewhere…", not which one."""
    repo.contacts.add("Sam Lee", organization="Acme")
    beta = repo.contacts.add("Sam Lee", organization="Beta").id
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_contact(beta)
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, ContactForm)
        assert app.screen.form_title == "Edit Sam Lee (Beta)"
        await fill(pilot, "title", "CTO")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert repo.contacts.get(beta).title == "CTO"
        assert last_toast(app) == "saved contact Sam Lee (Beta)"

        await pilot.press("e")
        await settle(pilot)
        repo.contacts.update(beta, name="Sam Leigh")  # the CLI, beside the TUI
        await fill(pilot, "title", "CEO")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert refusal(app, ContactForm) == (
            "this contact changed elsewhere since the form opened (Sam Lee (Beta) is now "
            "Sam Leigh): nothing saved; escape, and open it again"
        )
        repo.tidy.delete_contact(beta)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert refusal(app, ContactForm) == (
            "Sam Lee (Beta) was deleted or merged elsewhere since this form opened: nothing "
            "saved (escape closes the form)"
        )
    assert [(c.name, c.title) for c in repo.contacts.all()] == [("Sam Lee", "")]


async def test_the_interaction_form_names_a_namesake_with_the_organization(app, repo, today):
    """Beside another Sam Lee, an interaction changed or deleted elsewhere was "the
    interaction of … with Sam Lee"; a namesake added meanwhile refuses nothing."""
    repo.contacts.add("Sam Lee", organization="Acme")
    beta = repo.contacts.add("Sam Lee", organization="Beta").id
    call = repo.activity.log([beta], on=today, kind="call")
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_contact(beta)
        await settle(pilot)
        await pilot.press("enter")  # the interaction under the cursor
        await settle(pilot)
        assert isinstance(app.screen, InteractionForm)
        repo.activity.update(call.id, kind="video")  # the CLI, beside the TUI
        await fill(pilot, "note", "thanks")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert refusal(app, InteractionForm) == (
            "this interaction changed elsewhere since the form opened (the interaction of "
            "2026-11-27 (call) with Sam Lee (Beta) is now the interaction of 2026-11-27 "
            "(video) with Sam Lee (Beta)): nothing saved; escape, and open it again"
        )
        repo.activity.delete(call.id)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert refusal(app, InteractionForm) == (
            "the interaction of 2026-11-27 (call) with Sam Lee (Beta) was deleted "
            "elsewhere since this form opened: nothing saved (escape closes the form)"
        )
        await pilot.press("escape", "y")
        await wait_until(pilot, lambda: not isinstance(app.screen, (InteractionForm, Confirm)))

        # Read as it was opened, not as it would be named now: still the same one.
        bo = repo.contacts.add("Bo Chen").id
        chat = repo.activity.log([bo], on=today, kind="call")
        app.open_contact(bo)
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, InteractionForm)
        repo.contacts.add("Bo Chen", organization="Zed")
        await fill(pilot, "note", "kept")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not isinstance(app.screen, InteractionForm))
    assert repo.activity.get(chat.id).note == "kept"


async def test_the_interaction_forms_toast_names_a_twin_campaign_by_id(app, repo, today):
    """Saved against one of two "Acme Eng", the form said "· for Acme Eng"."""
    ana = repo.contacts.add("Ana López")
    repo.campaigns.add("Eng", "Acme", opened_on=today)
    twin = repo.campaigns.add("Eng", "Acme", opened_on=today)
    repo.activity.log([ana.id], on=today, kind="call", campaign_id=twin.id)
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_contact(ana.id)
        await settle(pilot)
        await pilot.press("enter")  # the interaction under the cursor
        await settle(pilot)
        assert isinstance(app.screen, InteractionForm)
        await fill(pilot, "note", "thanks")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not isinstance(app.screen, InteractionForm))
    said = [n.message for n in app._notifications]
    assert any(m.endswith(f"· for Acme Eng [id:{twin.id}]") for m in said), said
