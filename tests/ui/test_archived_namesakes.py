"""Two Sam Lees, one archived: the keys that name a contact (the quick log's pre-fill,
the Contacts screen's questions and toasts) say which one, and never name the archived
one by words that reach the other."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from textual.widgets import Input

from netrack.screens.agenda import AgendaScreen
from netrack.screens.contacts import ContactsScreen
from netrack.screens.modal.quicklog import QuickLog
from tests.ui.conftest import settle, type_text


def two_sam_lees(repo, today):
    """Sam Lee (Acme), archived with a pending follow-up, and Sam Lee (Globex)."""
    acme = repo.contacts.add("Sam Lee", organization="Acme")
    globex = repo.contacts.add("Sam Lee", organization="Globex")
    repo.activity.log([acme.id], on=today - timedelta(days=1), kind="in_person", follow_up_on=today)
    repo.tidy.archive_contact(acme.id)
    return acme, globex


async def contacts_on(pilot, app, contact_id: int) -> ContactsScreen:
    """The Contacts screen, archived shown, the cursor on `contact_id`'s row."""
    await pilot.press("2")
    await settle(pilot)
    screen = app.screen
    assert isinstance(screen, ContactsScreen)
    await pilot.press("A")
    await settle(pilot)
    await pilot.press(*["up"] * len(screen.rows))
    for _ in range(len(screen.rows)):
        if screen.selected is not None and screen.selected.id == contact_id:
            break
        await pilot.press("down")
    assert screen.selected is not None and screen.selected.id == contact_id
    return screen


def contacts_status(app) -> str:
    return str(app.screen.query_one("#contacts-status").render())


async def test_l_on_an_archived_row_says_so_and_logs_with_nobody(app, repo, today):
    """`l` on "Sam Lee (archived) Acme" pre-filled `@"Sam Lee"`, which the bar resolved
    to Sam Lee (Globex): enter logged with him. It says she is archived, as her page
    does, and opens no bar."""
    acme, globex = two_sam_lees(repo, today)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await contacts_on(pilot, app, acme.id)
        await pilot.press("l")
        await settle(pilot)
        assert app.screen is screen
        assert contacts_status(app) == (
            "Sam Lee (Acme) is archived: a on the Contacts screen brings them back"
        )
        await pilot.press("enter")  # opens her page, logs nothing
        await settle(pilot)
    assert repo.activity.count_interactions(contact_id=globex.id) == 0
    assert repo.activity.count_interactions(contact_id=acme.id) == 1


async def test_l_on_the_active_namesake_names_him_with_his_organization(app, repo, today):
    """The one in reach is pre-filled as "Sam Lee (Globex)", as the confirmation names
    him: the organization is what tells the two apart."""
    _acme, globex = two_sam_lees(repo, today)
    async with app.run_test(size=(120, 40)) as pilot:
        await contacts_on(pilot, app, globex.id)
        await pilot.press("l")
        await settle(pilot)
        assert isinstance(app.screen, QuickLog)
        assert app.screen.query_one(Input).value == '@"Sam Lee (Globex)" '
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, QuickLog)
    assert repo.activity.count_interactions(contact_id=globex.id) == 1


async def test_l_on_an_archived_persons_follow_up_says_why_and_opens_no_bar(app, repo, today):
    """The Agenda's `l` on Sam Lee (Acme)'s follow-up opened an empty bar without a word,
    whose placeholder (`@name …`) then led to logging with Sam Lee (Globex). It says
    she is archived, as her page does; a follow-up shared with someone active still
    fills them in, and says who was left out."""
    acme, globex = two_sam_lees(repo, today)
    raj = repo.contacts.add("Raj Patel")
    repo.activity.log(
        [acme.id, raj.id], on=today - timedelta(days=1), kind="call", follow_up_on=today
    )
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, AgendaScreen)
        assert screen.selected is not None and screen.selected.contact_ids == (acme.id,)
        await pilot.press("l")
        await settle(pilot)
        assert app.screen is screen
        said = [n.message for n in app._notifications]
        assert said[-1] == (
            "Sam Lee (Acme) is archived: a on the Contacts screen brings them back "
            "(A shows the archived)"
        )
        await pilot.press("down", "l")  # the one with Raj Patel too
        await settle(pilot)
        assert isinstance(app.screen, QuickLog)
        assert app.screen.query_one(Input).value == '@"Raj Patel" '
        said = [n.message for n in app._notifications]
        assert said[-1] == (
            "Sam Lee (Acme) is archived: a on the Contacts screen brings them back; "
            "left out of the line"
        )
    assert repo.activity.count_interactions(contact_id=globex.id) == 0


async def test_the_contacts_questions_and_toasts_say_which_namesake(app, repo, today):
    """ "Archive Sam Lee?" and "archived Sam Lee: …" with two Sam Lees, where `contact
    archive` and the Merge dialog say "Sam Lee (Acme)": the Contacts screen's questions,
    toasts and refusals name a namesake with their organization, archived ones too."""
    from netrack.screens.modal.confirm import Confirm

    acme = repo.contacts.add("Sam Lee", organization="Acme")
    globex = repo.contacts.add("Sam Lee", organization="Globex")
    repo.activity.log([globex.id], on=today - timedelta(days=1), kind="call")

    def last_said() -> str:
        return [n.message for n in app._notifications][-1]

    async with app.run_test(size=(120, 40)) as pilot:
        await contacts_on(pilot, app, acme.id)
        await pilot.press("a")
        assert isinstance(app.screen, Confirm)
        assert app.screen.question.startswith("Archive Sam Lee (Acme)? They leave lists")
        await pilot.press("y")
        await settle(pilot)
        assert last_said() == (
            "archived Sam Lee (Acme): hidden from lists and completion, history kept"
        )
        await pilot.press("a")  # archived shown: she comes back at once
        await settle(pilot)
        assert last_said() == "brought back Sam Lee (Acme)"
        await contacts_on(pilot, app, globex.id)  # (A again: hidden, none archived)
        await pilot.press("delete")  # history: offers to archive instead
        assert isinstance(app.screen, Confirm)
        assert app.screen.question.startswith("Sam Lee (Globex) has history (1 interaction)")
        await pilot.press("n")
        await settle(pilot)
        await contacts_on(pilot, app, acme.id)
        await pilot.press("delete")  # none: asks to delete
        assert isinstance(app.screen, Confirm)
        assert app.screen.question == "Delete Sam Lee (Acme)? This cannot be undone."
        await pilot.press("y")
        await settle(pilot)
        assert last_said() == "deleted contact Sam Lee (Acme)"


async def test_a_refusal_after_yes_says_which_namesake(app, repo, shell, today):
    """Asked to delete Sam Lee (Acme), who had no history, another netrack logged with
    her meanwhile, and "yes" was refused "Sam Lee has history …"; asked to merge Sam Lee
    (Globex) into her, she was merged away elsewhere, and "yes" was refused "Sam Lee was
    deleted or merged elsewhere …". Each refusal names her as the question did."""
    from netrack.screens.modal.confirm import Confirm
    from netrack.screens.modal.pick import Pick

    acme = repo.contacts.add("Sam Lee", organization="Acme")
    globex = repo.contacts.add("Sam Lee", organization="Globex")
    kim = repo.contacts.add("Kim Ode")
    async with app.run_test(size=(120, 40)) as pilot:
        await contacts_on(pilot, app, acme.id)
        await pilot.press("delete")
        assert isinstance(app.screen, Confirm)
        assert app.screen.question == "Delete Sam Lee (Acme)? This cannot be undone."
        shell.activity.log([acme.id], kind="call")  # elsewhere, meanwhile
        await pilot.press("y")
        await settle(pilot)
        assert contacts_status(app) == (
            "Sam Lee (Acme) has history (1 interaction): archive them to hide them, "
            "or merge them into another contact"
        )
        await contacts_on(pilot, app, globex.id)
        await pilot.press("M")
        assert isinstance(app.screen, Pick)
        await pilot.press("down", "enter")  # Kim Ode, then Sam Lee (Acme)
        assert isinstance(app.screen, Confirm)
        assert app.screen.question.startswith("Merge Sam Lee (Globex) into Sam Lee (Acme)?")
        shell.tidy.merge_contacts(kim.id, acme.id, backup=lambda: Path("unused"))
        await pilot.press("y")
        await settle(pilot)
        assert contacts_status(app) == (
            "Sam Lee (Acme) was deleted or merged elsewhere since you were asked: nothing changed"
        )
    assert repo.contacts.get(globex.id).name == "Sam Lee"  # not merged


@pytest.mark.parametrize("named", ['"Sam Lee (Globex)"', '"Sam Lee"'])
async def test_the_quick_log_preview_names_the_active_namesake_as_enter_does(
    app, repo, today, named
):
    """The Sam Lee at Acme archived, the preview said "with Sam Lee" (the only one among
    the active), and enter "logged call with Sam Lee (Globex)"."""
    _acme, globex = two_sam_lees(repo, today)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        assert isinstance(app.screen, QuickLog)
        await type_text(pilot, f"@{named} #call 20")
        preview = str(app.screen.query_one("#ql-preview").render())
        assert preview.startswith("with Sam Lee (Globex)  ·  call  ·  ")
        await pilot.press("enter")
        await settle(pilot)
        said = [n.message for n in app._notifications][-1]
        assert said.startswith("logged call with Sam Lee (Globex) on ")
    assert repo.activity.count_interactions(contact_id=globex.id) == 1
