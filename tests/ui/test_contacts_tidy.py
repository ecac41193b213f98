"""Contacts: archive and bring back (`a`, `A` shows archived), merge with a picker (`M`),
delete (`delete`): each asks first where data goes away; a refusal shows in place and
writes nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from netrack.data import tables as t
from netrack.screens.commands import system_commands
from netrack.screens.contacts import ContactsScreen
from netrack.screens.modal.confirm import Confirm
from netrack.screens.modal.pick import Pick
from netrack.widgets.virtual_table import VirtualTable
from tests.ui.conftest import palette_offers, screen_text, settle, type_text, wait_until


def seed(repo, today):
    ana = repo.contacts.add("Ana López", organization="Acme", strength=4, email="ana@acme.test")
    dup = repo.contacts.add("Ana Lopez", organization="Acme Corp", title="CTO", phone="555")
    raj = repo.contacts.add("Raj Patel", organization="Globex")
    repo.activity.log([dup.id], on=today - timedelta(days=3), kind="call", minutes=20)
    repo.activity.log([dup.id, raj.id], on=today - timedelta(days=1), kind="email")
    return ana, dup, raj


async def open_contacts(pilot, app) -> ContactsScreen:
    await pilot.press("2")
    await settle(pilot)
    screen = app.screen
    assert isinstance(screen, ContactsScreen)
    return screen


async def select(pilot, screen: ContactsScreen, name: str) -> None:
    await pilot.press("/")
    await type_text(pilot, name)
    await pilot.press("enter")  # back to the table, the first match selected
    for _ in range(len(screen.rows)):  # accents never matter: "Ana Lopez" finds both
        if screen.selected is not None and screen.selected.name == name:
            break
        await pilot.press("down")
    assert screen.selected is not None and screen.selected.name == name


def status(app) -> str:
    return str(app.screen.query_one("#contacts-status").render())


def counts():
    return (
        t.Contact.select().count(),
        t.InteractionContact.select().count(),
        t.Contact.select().where(t.Contact.archived == True).count(),  # noqa: E712
    )


async def test_archive_asks_hides_and_a_brings_back(app, repo, today):
    seed(repo, today)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_contacts(pilot, app)
        await select(pilot, screen, "Raj Patel")
        await pilot.press("a")
        assert isinstance(app.screen, Confirm)
        assert "Archive Raj Patel?" in screen_text(app)
        await pilot.press("n")  # no: nothing changes
        await settle(pilot)
        assert counts()[2] == 0
        await pilot.press("a", "y")
        await settle(pilot)
        assert repo.contacts.get(3).archived
        await pilot.press("escape")  # clear the filter
        await settle(pilot)
        assert [c.name for c in screen.rows] == ["Ana Lopez", "Ana López"]
        await pilot.press("A")  # archived shown, marked
        await settle(pilot)
        assert [c.name for c in screen.rows] == ["Ana Lopez", "Ana López", "Raj Patel"]
        text = screen_text(app)
        assert "Raj Patel (archived)" in text and "archived shown (A hides them)" in text
        await select(pilot, screen, "Raj Patel")
        await pilot.press("a")  # bringing back takes nothing away: no question
        await settle(pilot)
        assert not isinstance(app.screen, Confirm)
        assert not repo.contacts.get(3).archived
        assert counts()[2] == 0


async def test_delete_with_history_offers_to_archive_and_deletes_nothing(app, repo, today):
    seed(repo, today)
    before = counts()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_contacts(pilot, app)
        await select(pilot, screen, "Raj Patel")
        await pilot.press("delete")
        await settle(pilot)
        assert isinstance(app.screen, Confirm)  # SPEC: delete or archive, confirmed
        question = screen_text(app)
        assert "Raj Patel has history (1 interaction), which is never" in question
        assert "deleted. Archive them instead?" in question
        await pilot.press("escape")  # no: nothing written
        await settle(pilot)
        assert counts() == before
        await pilot.press("delete", "y")
        await settle(pilot)
        raj = next(c for c in repo.contacts.all(include_archived=True) if c.name == "Raj Patel")
        assert raj.archived and counts() == (*before[:2], 1)  # archived, history kept
        await pilot.press("A")  # the archived too
        await settle(pilot)
        await select(pilot, screen, "Raj Patel")
        await pilot.press("delete")  # archived already: said so, nothing asked
        await settle(pilot)
        assert not isinstance(app.screen, Confirm)
        assert status(app).endswith(
            "is never deleted; they are archived already (a brings them back, then M merges "
            "them into another contact)"
        )
        await pilot.press("/")
        await type_text(pilot, "raj")
        assert status(app) == ""  # said of the row under the cursor: gone with the list


async def test_delete_without_history_asks_then_deletes(app, repo, today):
    seed(repo, today)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_contacts(pilot, app)
        await select(pilot, screen, "Ana López")
        await pilot.press("delete")
        assert isinstance(app.screen, Confirm)
        # "Ana Lopez" at Acme Corp is a namesake (accents never matter): told apart
        assert "Delete Ana López (Acme)? This cannot be undone." in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert counts()[0] == 3
        await pilot.press("delete", "y")
        await settle(pilot)
        assert counts()[0] == 2
        assert t.Contact.get_or_none(t.Contact.name == "Ana López") is None
        assert "Ana López" not in [c.name for c in screen.rows]


async def test_merge_picks_the_one_to_keep_says_what_moves(app, repo, today):
    ana = seed(repo, today)[0]
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_contacts(pilot, app)
        await select(pilot, screen, "Ana Lopez")
        await pilot.press("M")
        assert isinstance(app.screen, Pick)
        text = screen_text(app)
        # Namesakes as names compare (accents aside): each named with its organization.
        assert "Merge Ana Lopez (Acme Corp) into whom?" in text
        assert "Ana López (Acme)" in text and "Raj Patel (Globex)" in text
        # the contact being merged is not offered as its own target: named by the question alone
        assert text.count("Ana Lopez (Acme Corp)") == 1
        # The highlighted row is marked in text too: without colour it was a grey shade.
        assert "› Ana López (Acme)" in text and "  Raj Patel (Globex)" in text
        await pilot.press("down")
        await settle(pilot)
        text = screen_text(app)
        assert "  Ana López (Acme)" in text and "› Raj Patel (Globex)" in text
        await pilot.press("escape")  # cancelled: nothing asked, nothing written
        await settle(pilot)
        assert counts() == (3, 3, 0)
        await pilot.press("M")
        await pilot.press("down", "up", "enter")  # the first offered: Ana López (Acme)
        assert isinstance(app.screen, Confirm)
        question = app.screen.question
        assert question == (
            "Merge Ana Lopez (Acme Corp) into Ana López (Acme)? Moves 2 interactions to "
            "Ana López (Acme), fills Ana López (Acme)'s blank fields from Ana Lopez (Acme "
            "Corp), then removes Ana Lopez (Acme Corp). A backup is made first."
        )
        await pilot.press("n")
        await settle(pilot)
        assert counts() == (3, 3, 0)
        await pilot.press("M", "enter", "y")
        await settle(pilot)
        await wait_until(pilot, lambda: counts()[0] == 2)
        kept = repo.contacts.get(ana.id)
        assert kept.title == "CTO" and kept.phone == "555" and kept.email == "ana@acme.test"
        assert [i.contact_names for i in repo.activity.interactions(contact_id=ana.id)] == [
            ("Ana López", "Raj Patel"),
            ("Ana López",),
        ]
        assert [c.name for c in screen.rows] == ["Ana López"]  # the filter still on


async def test_the_merge_question_says_the_interactions_both_were_in_apart(app, repo, today):
    """ "Moves 3 interactions" was asked of a merge that added 2 to the kept contact's
    timeline: the call with both stays one, theirs. Said apart, in the summary's words."""
    ana, dup, _raj = seed(repo, today)
    repo.activity.log([ana.id, dup.id], on=today - timedelta(days=2), kind="call")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_contacts(pilot, app)
        await select(pilot, screen, "Ana Lopez")
        await pilot.press("M")
        await settle(pilot)
        await pilot.press("enter")  # the first offered: Ana López (Acme)
        await settle(pilot)
        assert isinstance(app.screen, Confirm)
        assert app.screen.question.startswith(
            "Merge Ana Lopez (Acme Corp) into Ana López (Acme)? Moves 2 interactions (1 "
            "interaction had both of them) to Ana López (Acme), fills "
        ), app.screen.question
        await pilot.press("y")
        await wait_until(pilot, lambda: counts()[0] == 2)
        assert len(repo.activity.interactions(contact_id=ana.id)) == 3


async def test_the_merge_question_ends_a_name_ending_in_a_full_stop_once(app, repo):
    """ "… then removes Ana L.. A backup is made first.": a name that ends in a full stop
    ends the sentence too."""
    repo.contacts.add("Ana Lopez")
    repo.contacts.add("Ana L.")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_contacts(pilot, app)
        await select(pilot, screen, "Ana L.")
        await pilot.press("M")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, Confirm)
        assert app.screen.question == (
            "Merge Ana L. into Ana Lopez? Nothing to move, fills Ana Lopez's blank fields "
            "from Ana L., then removes Ana L. A backup is made first."
        )


async def test_an_archived_contact_is_neither_merged_nor_offered_as_the_one_kept(app, repo, shell):
    """Archived shown, `M` on Fay Active said "Fay Active is the only contact" above the
    listed Fay Old, and `M` on Fay Old merged her into Fay Active, which the CLI refuses
    ("is archived; unarchive them to name them again"). Now as the CLI: said in place,
    `a` named, nothing written; one archived while the question was open is refused too."""
    repo.contacts.add("Fay Active")
    old = repo.contacts.add("Fay Old")
    repo.tidy.archive_contact(old.id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_contacts(pilot, app)
        await pilot.press("M")
        await settle(pilot)
        assert status(app) == (
            "Fay Active is the only active contact: nobody to merge into (Fay Old is "
            "archived: A shows them, a brings them back)"
        )
        await pilot.press("A")
        await settle(pilot)
        await select(pilot, screen, "Fay Active")
        await pilot.press("M")
        await settle(pilot)
        assert not isinstance(app.screen, Pick)
        assert status(app) == (
            "Fay Active is the only active contact: nobody to merge into (Fay Old is "
            "archived: a on their row brings them back)"
        )
        await select(pilot, screen, "Fay Old")
        await pilot.press("M")
        await settle(pilot)
        assert not isinstance(app.screen, Pick)
        assert status(app) == "Fay Old is archived: a brings them back to merge"
        assert counts() == (2, 0, 1)
        await pilot.press("a")  # brought back: now M merges her
        await wait_until(pilot, lambda: counts()[2] == 0)
        await pilot.press("M")
        await settle(pilot)
        assert isinstance(app.screen, Pick)
        await pilot.press("enter")  # Fay Active, kept
        await settle(pilot)
        assert isinstance(app.screen, Confirm)
        shell.tidy.archive_contact(old.id)  # `netrack contact archive`, elsewhere, meanwhile
        await pilot.press("y")
        await settle(pilot)
        await wait_until(pilot, lambda: "archived" in status(app))
        assert status(app) == "cannot merge: Fay Old is archived; unarchive them first"
        assert counts() == (2, 0, 1)


async def test_merging_an_introducer_into_whom_they_introduced_promises_no_move(app, repo):
    """Carl introduced Ana; merged into Ana, the dialog said "Moves 1 introduction to
    Ana", which nobody can receive (Ana does not introduce herself): nothing to move."""
    repo.contacts.add("Carl")
    repo.contacts.add("Ana", introduced_by="Carl")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_contacts(pilot, app)
        await select(pilot, screen, "Carl")
        await pilot.press("M")
        await settle(pilot)
        await type_text(pilot, "ana")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, Confirm)
        assert app.screen.question.startswith("Merge Carl into Ana? Nothing to move, fills")


async def test_the_merge_pickers_title_says_which_namesake_is_merged(app, repo):
    """ "Merge Sam Lee into whom?" with two Sam Lees: the title now says which one, as
    the question after it does."""
    repo.contacts.add("Sam Lee", organization="Acme")
    repo.contacts.add("Sam Lee", organization="Beta")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_contacts(pilot, app)
        await select(pilot, screen, "Sam Lee")
        if screen.selected is not None and screen.selected.organization != "Beta":
            await pilot.press("down")
        assert screen.selected is not None and screen.selected.organization == "Beta"
        await pilot.press("M")
        assert isinstance(app.screen, Pick)
        assert "Merge Sam Lee (Beta) into whom?" in screen_text(app)
        await pilot.press("enter")
        assert isinstance(app.screen, Confirm)
        assert app.screen.question.startswith("Merge Sam Lee (Beta) into Sam Lee (Acme)?")
        await pilot.press("n")


async def test_the_merge_question_names_a_namesake_merged_with_another_name(app, repo, today):
    """Aisha Rahman merged into the Sam Lee at Gamma, beside two more Sam Lees: the
    question read "Merge Aisha Rahman into Sam Lee? Moves 3 interactions…", naming the
    one kept only when both had the same name."""
    for org in ("Alpha", "Beta", "Gamma"):
        repo.contacts.add("Sam Lee", organization=org)
    aisha = repo.contacts.add("Aisha Rahman")
    for days in (1, 2, 3):
        repo.activity.log([aisha.id], on=today - timedelta(days=days), kind="call")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_contacts(pilot, app)
        await select(pilot, screen, "Aisha Rahman")
        await pilot.press("M")
        await settle(pilot)
        await type_text(pilot, "sam")
        await pilot.press("down", "down", "enter")  # Alpha, Beta, Gamma: the third
        await settle(pilot)
        assert isinstance(app.screen, Confirm)
        assert app.screen.question == (
            "Merge Aisha Rahman into Sam Lee (Gamma)? Moves 3 interactions to Sam Lee "
            "(Gamma), fills Sam Lee (Gamma)'s blank fields from Aisha Rahman, then removes "
            "Aisha Rahman. A backup is made first."
        )
        await pilot.press("y")
        await wait_until(pilot, lambda: counts()[0] == 3)
        said = str([n.message for n in app._notifications][-1])
        assert said.startswith("merged Aisha Rahman into Sam Lee (Gamma) · moved 3 interactions")


async def test_the_merge_toast_names_the_kept_person_as_the_question_did(app, repo):
    """Sam Lee at Gamma merged into the Sam Lee without an organization: the question
    named the kept one "Sam Lee ()", the toast after it "Sam Lee (Gamma)" (as the merge
    had just made them), so it read "merged Sam Lee (Gamma) into Sam Lee (Gamma)"."""
    bare = repo.contacts.add("Sam Lee")
    repo.contacts.add("Sam Lee", organization="Gamma")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_contacts(pilot, app)
        await select(pilot, screen, "Sam Lee")
        if screen.selected is not None and screen.selected.organization != "Gamma":
            await pilot.press("down")
        assert screen.selected is not None and screen.selected.organization == "Gamma"
        await pilot.press("M")
        assert isinstance(app.screen, Pick)
        await pilot.press("enter")  # the one other contact: the Sam Lee without one
        await settle(pilot)
        assert isinstance(app.screen, Confirm)
        assert app.screen.question.startswith("Merge Sam Lee (Gamma) into Sam Lee ()?")
        await pilot.press("y")
        await wait_until(pilot, lambda: len(repo.contacts.names()) == 1)
        said = str([n.message for n in app._notifications][-1])
        assert said.startswith(
            "merged Sam Lee (Gamma) into Sam Lee () · no history to move · filled organization"
        )
        assert repo.contacts.get(bare.id).organization == "Gamma"


async def test_merge_picker_filters_as_you_type(app, repo, today):
    for n in range(9):  # enough people for the filter field
        repo.contacts.add(f"Person {n}", organization=f"Org {n}")
    repo.contacts.add("Zoë Quinn", organization="Umbrella")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_contacts(pilot, app)
        await select(pilot, screen, "Person 0")
        await pilot.press("M")
        picker = app.screen
        assert isinstance(picker, Pick)
        await type_text(pilot, "zoe")  # accents never matter

        found = picker.query_one(OptionList)
        assert found.option_count == 1
        await type_text(pilot, "x")
        assert found.option_count == 0
        assert "nothing matches 'zoex'" in screen_text(app)
        await pilot.press("enter")  # nothing to choose: the picker stays
        assert app.screen is picker
        await pilot.press("backspace", "enter")
        assert isinstance(app.screen, Confirm)
        assert "Merge Person 0 into Zoë Quinn?" in app.screen.question
        assert "Nothing to move" in app.screen.question


async def test_keys_in_help_and_palette(app, repo, today):
    seed(repo, today)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_contacts(pilot, app)
        await pilot.press("question_mark")
        await settle(pilot)
        text = screen_text(app)
        for line in ("a  ", "Archive / bring back", "Show archived", "Merge into…", "del"):
            assert line in text
        await pilot.press("escape")

        titles = [c.title for c in system_commands(app, app.screen)]
        for title in (
            "Archive / bring back contact",
            "Show or hide archived contacts",
            "Merge contact into…",
            "Delete contact",
        ):
            assert title in titles


async def test_the_palette_keeps_the_screens_actions_while_the_filter_is_focused(app, repo, today):
    """With the filter focused, the palette offered the filter's editing keys ("Delete
    character left", "Submit") and none of the screen's: `merge` found nothing. It
    offers the screen's keys, run on the table's row as the key would be."""
    from textual.widgets import Input

    seed(repo, today)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_contacts(pilot, app)
        await pilot.press("/")
        await type_text(pilot, "raj")
        assert isinstance(app.focused, Input)
        titles = [c.title for c in system_commands(app, screen)]
        for title in ("Find", "Sort", "New", "Edit", "Merge", "Archive", "Delete"):
            assert any(t.startswith(title) for t in titles), title
        assert not any("character" in t or t in ("Submit", "Select all") for t in titles)

        await pilot.press("ctrl+p")
        await type_text(pilot, "merge")
        await wait_until(pilot, palette_offers(app, "Merge"))
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, Pick))
        assert "Merge Raj Patel into whom?" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen and screen.query_one("#filter", Input).value == "raj"

        await pilot.press("/", "ctrl+p")
        await type_text(pilot, "archive")
        await wait_until(pilot, palette_offers(app, "Archive"))
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, Confirm))
        await pilot.press("y")
        await settle(pilot)
        archived = [c.name for c in repo.contacts.all(include_archived=True) if c.archived]
        assert archived == ["Raj Patel"]


async def test_a_refusal_goes_once_a_contact_is_added(app, repo):
    """`a` with nobody listed said "No contact selected."; a contact added next (`n`,
    a name, enter) left it above the table, now listing her."""
    from netrack.screens.modal.contact_form import ContactForm

    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_contacts(pilot, app)
        await pilot.press("a")
        await settle(pilot)
        assert status(app) == "No contact yet: n adds one."
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, ContactForm)
        await type_text(pilot, "Pat Lee")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ContactsScreen)
        assert [c.name for c in repo.contacts.all()] == ["Pat Lee"]
        assert [c.name for c in screen.rows] == ["Pat Lee"]
        assert not screen.query_one("#contacts-status").display
        assert "No contact yet" not in screen_text(app)


async def test_keys_typed_in_a_burst_archive_and_delete_the_next_contact(app, repo):
    """`a y a y` archived the first contact twice and never the second; `delete y
    delete y` deleted one and then said "no contact with id 43": the second key read the
    list as drawn before the first write. The row leaves at once now."""
    from tests.ui.test_form_checks import burst

    for name in ("Ada", "Bea", "Cy", "Dee", "Eve"):
        repo.contacts.add(name)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_contacts(pilot, app)
        assert [c.name for c in screen.rows][:2] == ["Ada", "Bea"]
        await burst(pilot, "a", "y", "a", "y")
        archived = {c.name for c in repo.contacts.all(include_archived=True) if c.archived}
        assert archived == {"Ada", "Bea"}
        await burst(pilot, "delete", "y", "delete", "y")
        assert [c.name for c in repo.contacts.all(include_archived=True)] == ["Ada", "Bea", "Eve"]
        said = [n.message for n in app._notifications]
        assert not any("no contact with id" in m for m in said), said


async def test_with_archived_shown_a_key_typed_ahead_sees_the_contact_archived(app, repo):
    """With `A` on, the archived row stays, but its copy still said "not archived": the
    second `a` of `a y a` asked to archive it again. It brings her back, as on screen."""
    from tests.ui.test_form_checks import burst

    for name in ("Ada", "Bea"):
        repo.contacts.add(name)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_contacts(pilot, app)
        await pilot.press("A")
        await settle(pilot)
        await burst(pilot, "a", "y", "a")
        assert not any(c.archived for c in repo.contacts.all(include_archived=True))
        said = [n.message for n in app._notifications]
        assert said == [
            "archived Ada: hidden from lists and completion, history kept",
            "brought back Ada",
        ]


async def test_a_dialog_dismissed_under_another_closes_itself_once_on_top(app, repo):
    """A save that waited for the lock finished under the palette: its dismiss closed
    the palette, and the form, marked closed, could never be closed after."""
    from netrack.screens.modal.referral_form import ReferralForm

    ana = repo.contacts.add("Ana López")
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_contact(ana.id)
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        form = app.screen
        assert isinstance(form, ReferralForm)
        app.push_screen(Confirm("Quit?"))
        await settle(pilot)
        form.dismiss("saved")  # as the waiting save's end does, under the question
        await settle(pilot)
        assert isinstance(app.screen, Confirm)  # the question stays where it was
        await pilot.press("n")
        await settle(pilot)
        assert not isinstance(app.screen, (Confirm, ReferralForm))
        assert type(app.screen).__name__ == "ContactDetailScreen"


@pytest.mark.usefixtures("ids_given_again")  # a file whose writer gives ids again
async def test_a_merge_into_a_contact_deleted_while_picking_is_refused_in_place(app, repo, today):
    """The contact picked to keep was deleted elsewhere while the picker was open: the
    app crashed with a traceback (a sweep). Said in place; nothing written."""
    seed(repo, today)
    quinn = repo.contacts.add("Quinn Gone")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_contacts(pilot, app)
        await select(pilot, screen, "Raj Patel")
        await pilot.press("M")
        assert isinstance(app.screen, Pick)
        repo.tidy.delete_contact(quinn.id)  # elsewhere, meanwhile
        await pilot.press("end", "enter")  # Quinn Gone, the last offered
        await settle(pilot)
        assert app.is_running and not isinstance(app.screen, Confirm)
        assert status(app) == "the contact picked was deleted or changed elsewhere: M picks again"
        assert counts()[0] == 3
        # deleted, and its id given to a namesake elsewhere: not the one picked either
        again = repo.contacts.add("Quinn Gone", organization="Acme")
        await pilot.press("M")
        assert isinstance(app.screen, Pick)
        repo.tidy.delete_contact(again.id)
        newcomer = repo.contacts.add("Quinn Gone", organization="Initech")
        assert newcomer.id == again.id
        await pilot.press("end", "enter")
        await settle(pilot)
        assert not isinstance(app.screen, Confirm)
        assert status(app) == "the contact picked was deleted or changed elsewhere: M picks again"


async def test_down_down_enter_typed_fast_chooses_the_row_they_reach(app, repo, today, monkeypatch):
    """↓ ↓ ⏎ in one burst over a narrowed list merged into the first row: the filter
    field's enter ran as the field handled it, the screen's ↓ only once the keys had
    bubbled up. Letters typed in the same burst narrow the list before the ↓ move in it."""
    from tests.ui.test_form_checks import burst

    for n in range(9):  # enough people for the filter field
        repo.contacts.add(f"Person {n}", organization=f"Org {n}")
    sams = [repo.contacts.add("Sam Lee", organization=org).id for org in ("Alpha", "Beta", "Gamma")]
    chosen: list[int] = []
    choose = Pick._choose

    def recorded(self: Pick, option: Option) -> None:
        chosen.append(int(str(option.id)))
        choose(self, option)

    monkeypatch.setattr(Pick, "_choose", recorded)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_contacts(pilot, app)
        await select(pilot, screen, "Person 0")
        await pilot.press("M")
        assert isinstance(app.screen, Pick)
        await burst(pilot, *"sam", "down", "down", "enter")
        assert isinstance(app.screen, Confirm)
        assert chosen == [sams[2]]  # Sam Lee of Gamma, the third row, not the first


async def test_after_a_merge_the_cursor_is_on_the_contact_kept(app, repo, today):
    """A merge reloaded the table with the cursor on its first row, scrolled to the top,
    where archive and delete keep it in place: it lands on the contact kept."""
    for n in range(60):  # more than a screen: the kept one is out of sight at the top
        repo.contacts.add(f"Person {n:02}")
    kept = repo.contacts.add("Tomas Herrera", organization="Acme", email="tomas@acme.test")
    other = repo.contacts.add("Tom Herrera", email="tom@x.example")
    repo.activity.log([other.id], on=today - timedelta(days=2), kind="email")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_contacts(pilot, app)
        await pilot.press("end", "up")  # Person 59, Tom Herrera, Tomas Herrera: by name
        assert screen.selected is not None and screen.selected.id == other.id
        await pilot.press("M")
        assert isinstance(app.screen, Pick)
        await type_text(pilot, "tomas")
        await pilot.press("enter")
        assert isinstance(app.screen, Confirm)
        await pilot.press("y")
        await wait_until(pilot, lambda: t.Contact.select().count() == 61)
        await settle(pilot)
        assert screen.selected is not None and screen.selected.id == kept.id
        assert "Tomas Herrera" in screen_text(app)  # in view, not scrolled to the top
        assert "Person 00" not in screen_text(app)
        assert [i.contact_names for i in repo.activity.interactions(contact_id=kept.id)] == [
            ("Tomas Herrera",)
        ]


async def test_a_refusal_goes_when_the_cursor_leaves_its_row_or_the_screen(app, repo, today):
    """`delete` on an archived Raj said "Raj Patel has history …; they are archived
    already"; it stayed above the table after `↑` to another contact, and after `1` then
    `2`. It goes with the row (a key or a click) and with the screen; a dialog over the
    table (`?`) keeps it."""
    from netrack.screens.help import HelpScreen

    seed(repo, today)
    raj = next(c for c in repo.contacts.all() if c.name == "Raj Patel")
    repo.tidy.archive_contact(raj.id)
    refusal_end = (
        "they are archived already (a brings them back, then M merges them into another contact)"
    )

    async def refused(screen: ContactsScreen) -> None:
        await pilot.press("end")  # Raj is last by name, no filter typed
        assert screen.selected is not None and screen.selected.name == "Raj Patel"
        await pilot.press("delete")
        await settle(pilot)
        assert status(app).endswith(refusal_end)

    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_contacts(pilot, app)
        await pilot.press("A")  # the archived too
        await settle(pilot)
        assert len(screen.rows) == 3
        await refused(screen)
        await pilot.press("?")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert status(app).endswith(refusal_end)  # still about the row under the cursor
        await pilot.press("end")  # the same row: the refusal stays
        assert status(app).endswith(refusal_end)
        await pilot.press("up")
        assert status(app) == "" and refusal_end not in screen_text(app)
        await refused(screen)
        await pilot.press("1", "2")
        await settle(pilot)
        assert isinstance(app.screen, ContactsScreen) and status(app) == ""
        await refused(screen)
        await pilot.click("#contacts", offset=(2, 1))  # the first row, under the header
        await settle(pilot)
        assert screen.query_one("#contacts", VirtualTable).cursor_row == 0
        assert status(app) == ""


async def test_a_refusal_goes_once_another_programs_write_changes_the_list(app, repo, shell):
    """ "Solo Person is the only contact: nobody to merge into" (`M`) stayed above the
    list once a contact added from another shell showed up in it, and `M` then opened
    the merge; "No contact selected." (`a` on an empty list) stayed as well."""
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_contacts(pilot, app)
        await pilot.press("a")
        await settle(pilot)
        assert status(app) == "No contact yet: n adds one."
        shell.contacts.add("Solo Person")  # `netrack contact add`, elsewhere
        await wait_until(pilot, lambda: len(screen.rows) == 1)
        await settle(pilot)
        assert status(app) == "" and "No contact yet" not in screen_text(app)

        await pilot.press("M")
        await settle(pilot)
        assert status(app) == "Solo Person is the only contact: nobody to merge into"
        shell.contacts.add("Aaron First")
        await wait_until(pilot, lambda: len(screen.rows) == 2)
        await settle(pilot)
        assert status(app) == "" and "nobody to merge into" not in screen_text(app)
