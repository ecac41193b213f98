"""A confirmed action lands on the record its question named, or nowhere.

While a question is open, another netrack may delete the record and add another, and
(before schema 14, or another program writing the file) the newcomer takes the freed
id: "yes" then deleted, merged, closed or undid the wrong record (a sweep with the TUI
beside the shell). Each dialog's write reads its
record again inside its transaction, and refuses, in words, when it is not the one
asked about."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Static

from netrack.screens.contact_detail import ContactDetailScreen
from netrack.screens.modal.confirm import Confirm
from netrack.screens.modal.lost import LostDialog
from netrack.screens.modal.pick import Pick
from tests.ui.conftest import palette_offers, screen_text, settle, type_text, wait_until
from tests.ui.test_contacts_tidy import open_contacts, select, status
from tests.ui.test_forms_interactions import fill

# Another program writing the file may give a deleted record's id to the next one.
pytestmark = pytest.mark.usefixtures("ids_given_again")

ELSEWHERE = "changed elsewhere since you were asked: nothing changed (look, then ask again)"


def said(app, words: str) -> bool:
    return words in screen_text(app) or any(words in n.message for n in app._notifications)


async def test_pipeline_delete_and_won_spare_a_campaign_that_took_the_id(app, repo, shell, today):
    opened = today - timedelta(days=10)
    repo.campaigns.add("Staff Engineer", "Acme", opened_on=opened, priority=5)
    reuse = repo.campaigns.add("Reuse C", "Zeta", opened_on=opened, priority=1)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("down")
        await settle(pilot)
        assert app.screen.selected.id == reuse.id
        await pilot.press("delete")
        assert isinstance(app.screen, Confirm)
        shell.tidy.delete_campaign(reuse.id)  # another netrack, while the question is open
        precious = shell.campaigns.add("Precious D", "Other", opened_on=opened, priority=5)
        assert precious.id == reuse.id  # SQLite's freed id, taken again
        await pilot.press("y")
        await settle(pilot)
        assert repo.campaigns.get(precious.id).title == "Precious D"  # not deleted
        assert said(app, f"Zeta Reuse C {ELSEWHERE}")
        # `w` asked of a campaign moved elsewhere meanwhile: the question's stage is gone
        await wait_until(pilot, lambda: "Precious D" in screen_text(app))
        board: Any = app.screen
        for _ in range(3):
            if board.selected.id != precious.id:
                await pilot.press("down")
                await settle(pilot)
        assert board.selected.id == precious.id
        await pilot.press("w")
        assert app.screen.question == "Close Other Precious D as won? (research → won today)"
        shell.campaigns.move(precious.id, "applied")
        await pilot.press("y")
        await settle(pilot)
        assert repo.campaigns.get(precious.id).stage.value == "applied"
        assert said(app, f"Other Precious D {ELSEWHERE}")


async def test_undo_takes_back_the_change_it_named_or_none(app, repo, shell, today):
    acme = repo.campaigns.add("Staff Engineer", "Acme", opened_on=today - timedelta(days=10))
    repo.campaigns.move(acme.id, "target", on=today - timedelta(days=5))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("u")
        assert isinstance(app.screen, Confirm)
        assert app.screen.question.startswith("Undo research → target of ")
        shell.campaigns.move(acme.id, "applied", note="shell move")  # elsewhere, meanwhile
        await pilot.press("y")
        await settle(pilot)
        history = repo.campaigns.history(acme.id)
        assert [c.to_stage.value for c in history] == ["research", "target", "applied"]
        assert said(app, f"Acme Staff Engineer {ELSEWHERE}")


async def test_undo_spares_a_change_that_took_the_id_of_the_one_it_named(app, repo, shell, today):
    """Undone elsewhere and made again while the question was open, the newest change
    took the freed id: "yes" removed it, though the question named the other one (its
    day, its note)."""
    acme = repo.campaigns.add("Staff Engineer", "Acme", opened_on=today - timedelta(days=10))
    repo.campaigns.move(acme.id, "target", on=today - timedelta(days=2), note="first")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("u")
        assert isinstance(app.screen, Confirm)
        named = repo.campaigns.history(acme.id)[-1]
        shell.campaigns.undo(acme.id)  # elsewhere, meanwhile: the same move, made again
        shell.campaigns.move(acme.id, "target", note="second, the real one")
        assert repo.campaigns.history(acme.id)[-1].id == named.id  # SQLite's freed id
        await pilot.press("y")
        await settle(pilot)
        history = repo.campaigns.history(acme.id)
        assert [(c.to_stage.value, c.note) for c in history] == [
            ("research", "opened"),
            ("target", "second, the real one"),
        ]
        assert said(app, f"Acme Staff Engineer {ELSEWHERE}")


async def test_lost_closes_the_campaign_the_dialog_names(app, repo, shell, today):
    reuse = repo.campaigns.add("Reuse A", "Zeta", opened_on=today - timedelta(days=3))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        assert isinstance(app.screen, LostDialog)
        shell.tidy.delete_campaign(reuse.id)
        innocent = shell.campaigns.add("Innocent B", "Other", opened_on=today)
        assert innocent.id == reuse.id
        await pilot.press("enter", "enter")
        await settle(pilot)
        assert repo.campaigns.get(innocent.id).stage.value == "research"
        assert isinstance(app.screen, LostDialog)  # refused in place
        error = str(app.screen.query_one("#lost-error", Static).render())
        assert error == f"Zeta Reuse A {ELSEWHERE}"
        await pilot.press("escape")
        await settle(pilot)
        # asked of a campaign moved elsewhere meanwhile: the question's stage is gone
        await pilot.press("x")
        await settle(pilot)
        assert isinstance(app.screen, LostDialog)
        shell.campaigns.move(innocent.id, "applied")
        await pilot.press("enter", "enter")
        await settle(pilot)
        assert repo.campaigns.get(innocent.id).stage.value == "applied"
        error = str(app.screen.query_one("#lost-error", Static).render())
        assert error == f"Other Innocent B {ELSEWHERE}"


async def test_contacts_delete_and_merge_spare_a_newcomer_with_the_id(app, repo, shell, today):
    repo.contacts.add("Ana López")
    third = repo.contacts.add("Third Person", title="Boss")
    zz = repo.contacts.add("Zz Reuse Person")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_contacts(pilot, app)
        await select(pilot, screen, "Zz Reuse Person")
        await pilot.press("delete")
        assert isinstance(app.screen, Confirm)
        shell.tidy.delete_contact(zz.id)
        precious = shell.contacts.add("Precious Person", email="p@x.test", strength=4)
        assert precious.id == zz.id
        await pilot.press("y")
        await settle(pilot)
        assert repo.contacts.get(precious.id).email == "p@x.test"  # not deleted
        assert status(app) == f"Zz Reuse Person {ELSEWHERE}"
        # merged into a contact the user picked, who was merged away, the id given on
        await select(pilot, screen, "Third Person")
        await pilot.press("M")
        assert isinstance(app.screen, Pick)
        await pilot.press("down", "enter")  # Ana López, then Precious Person
        assert isinstance(app.screen, Confirm)
        assert app.screen.question.startswith("Merge Third Person into Precious Person?")
        shell.tidy.merge_contacts(third.id, precious.id, backup=lambda: Path("unused"))
        newcomer = shell.contacts.add("Innocent Newcomer", strength=5)
        assert newcomer.id == precious.id
        await pilot.press("y")
        await settle(pilot)
        assert status(app) == f"Precious Person {ELSEWHERE}"
        assert repo.contacts.get(third.id).name == "Third Person"  # still there
        assert repo.contacts.get(newcomer.id).title == ""  # nothing filled in


async def test_a_goal_and_an_interaction_deleted_only_as_asked(app, repo, shell, today):
    ana = repo.contacts.add("Ana López")
    last = repo.activity.log([ana.id], kind="call", note="to delete")
    defaults = len(repo.goals.all())
    goal = repo.goals.add("referrals_in", 3, period="month")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("5")
        await settle(pilot)
        await pilot.press(*["down"] * defaults)
        await pilot.press("delete")
        assert app.screen.question == "Remove the goal referrals_in ≥ 3/month?"
        shell.goals.delete(goal.id)
        other = shell.goals.add("referrals_out", 1, period="week")
        assert other.id == goal.id
        await pilot.press("y")
        await settle(pilot)
        assert [g.metric for g in repo.goals.all()][-1] == "referrals_out"
        assert said(app, f"the goal referrals_in ≥ 3/month {ELSEWHERE}")

        app.open_contact(ana.id)
        await settle(pilot)
        await wait_until(pilot, lambda: "to delete" in screen_text(app))
        await pilot.press("delete")
        assert isinstance(app.screen, Confirm)
        shell.activity.delete(last.id)
        again = shell.activity.log([ana.id], kind="call", note="logged since")
        assert again.id == last.id
        await pilot.press("y")
        await settle(pilot)
        assert repo.activity.get(again.id).note == "logged since"
        assert said(app, f"that interaction {ELSEWHERE}")


async def test_a_referral_picked_in_the_palette_is_the_one_deleted(app, repo, shell, today):
    ana = repo.contacts.add("Ana López").id
    wrong = repo.referrals.add(ana, "out", on=today, note="wrong person")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await type_text(pilot, "delete a ref")
        await wait_until(pilot, palette_offers(app, "Delete a referral"))
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("enter")
        assert isinstance(app.screen, Confirm)
        shell.referrals.delete(wrong.id)
        right = shell.referrals.add(ana, "in", on=today, note="a real one")
        assert right.id == wrong.id
        await pilot.press("y")
        await settle(pilot)
        assert [r.note for r in repo.referrals.all()] == ["a real one"]
        assert said(app, f"that referral {ELSEWHERE}")


async def test_a_page_whose_record_went_never_becomes_the_newcomer(app, repo, shell, today):
    """A contact's page left open on a contact deleted elsewhere said "could not load",
    then quietly became the next contact added, who took the id (a sweep)."""
    repo.contacts.add("Ana López")
    zz = repo.contacts.add("Zz Reuse Person")
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_contact(zz.id)
        await settle(pilot)
        assert "Zz Reuse Person" in screen_text(app)
        changes: list[object] = []
        app.data_changed.subscribe(app.screen, changes.append)
        shell.tidy.delete_contact(zz.id)
        await wait_until(pilot, lambda: said(app, f"no contact with id {zz.id}"))
        newcomer = shell.contacts.add("Secret Other", email="secret@x.test")
        assert newcomer.id == zz.id
        seen = len(changes)
        await wait_until(pilot, lambda: len(changes) > seen)  # the poll saw the newcomer
        await settle(pilot)
        assert "Secret Other" not in screen_text(app)
        assert said(app, "(deleted or merged elsewhere: escape goes back)")
        # and no key of the page acts, by the id, on the newcomer (`d` marked her
        # follow-up done under the old contact's page: a review sweep)
        shell.activity.log([newcomer.id], follow_up_on=today + timedelta(days=3))
        await pilot.press("d")
        await settle(pilot)
        (pending,) = repo.activity.follow_ups(contact_id=newcomer.id)
        assert pending.done_on is None
        await pilot.press("escape")  # the way out still works
        await settle(pilot)
        assert not isinstance(app.screen, ContactDetailScreen)


async def test_the_move_form_moves_the_campaign_it_names_from_its_stage(app, repo, shell, today):
    """Pipeline `S` on a campaign moved elsewhere meanwhile recorded "interviewing →
    lost" under a form that said "Move from applied" (a sweep with two netracks)."""
    from netrack.screens.modal.move_form import MoveForm

    tech = repo.campaigns.add("Tech Lead", "Brightline", stage="applied", opened_on=today)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("S")
        await settle(pilot)
        assert isinstance(app.screen, MoveForm)
        assert app.screen.form_title == "Move from applied: Brightline Tech Lead"
        shell.campaigns.move(tech.id, "interviewing", note="phone screen booked")
        await type_text(pilot, "target")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, MoveForm)  # refused in place
        assert str(app.screen.query_one("#form-error").render()) == (
            f"Brightline Tech Lead {ELSEWHERE}"
        )
        assert [c.to_stage.value for c in repo.campaigns.history(tech.id)] == [
            "applied",
            "interviewing",
        ]


async def test_a_record_replaced_between_two_loads_is_seen_as_gone(app, repo, shell, today):
    """The contact deleted and a newcomer added between two loads (the page under
    another): the page became the newcomer's, and `d` marked her follow-up done; a
    referral form opened from the page saved for her (a review sweep)."""
    from netrack.screens.modal.referral_form import ReferralForm

    repo.contacts.add("Tariq Aziz")
    zed = repo.contacts.add("Zed Gone", organization="Zed Co", met_on=today - timedelta(days=9))
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_contact(zed.id)
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, ReferralForm)
        shell.tidy.delete_contact(zed.id)
        newcomer = shell.contacts.add("New Comer", organization="Other Co")
        assert newcomer.id == zed.id
        shell.activity.log([newcomer.id], follow_up_on=today + timedelta(days=3))
        await fill(pilot, "direction", "in")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ReferralForm)  # refused: not the form's contact
        assert repo.referrals.all() == []
        await pilot.press("escape", "y")
        await settle(pilot)
        # Found gone (a load between the delete and the add: "no contact with id …")
        # or found a newcomer (a load after both): the page refuses either way.
        await wait_until(pilot, lambda: said(app, "deleted or merged elsewhere: escape goes back"))
        assert "New Comer" not in screen_text(app)
        await pilot.press("d")
        await settle(pilot)
        (pending,) = repo.activity.follow_ups(contact_id=newcomer.id)
        assert pending.done_on is None


async def test_a_gone_page_says_so_again_after_a_dialog_cleared_the_toasts(app, repo, shell):
    """The page found its record gone and said so; a dialog over it cleared the toasts
    (as every question does). Back on the page, its keys off, it says why again: the
    same words within the half minute were not repeated, and it said nothing (a review
    sweep: the page with dead keys and no word)."""
    zed = repo.contacts.add("Zed Gone", organization="Zed Co")
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_contact(zed.id)
        await settle(pilot)
        shell.tidy.delete_contact(zed.id)
        await wait_until(pilot, lambda: said(app, "deleted or merged elsewhere: escape goes back"))
        page = app.screen
        await app.push_screen(Confirm("Anything?"))
        await settle(pilot)
        assert not said(app, "deleted or merged elsewhere")
        await pilot.press("n")
        await settle(pilot)
        assert app.screen is page
        await wait_until(pilot, lambda: said(app, "deleted or merged elsewhere: escape goes back"))


async def test_a_page_s_own_edit_of_every_field_is_not_a_newcomer(app, repo, today):
    """The page's record edited in this app, name, organization and first day at once:
    the same person, whose page keeps working (not taken for a newcomer)."""
    ana = repo.contacts.add("Ana López", organization="Acme", met_on=today - timedelta(days=30))
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_contact(ana.id)
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        await fill(pilot, "name", "Ana López-Ruiz")
        await fill(pilot, "organization", "Globex")
        await fill(pilot, "met_on", (today - timedelta(days=40)).isoformat())
        await pilot.press("ctrl+s")
        await settle(pilot)
        await wait_until(pilot, lambda: "Ana López-Ruiz" in screen_text(app))
        assert not said(app, "elsewhere: escape goes back")
        assert app.screen.check_action("done", ()) is not False


async def test_a_contact_merged_into_keeps_its_page(app, repo, shell, today):
    """Another contact merged into the page's one from the shell filled its
    organization and moved its first day: the page took it for a newcomer and locked
    itself (a review sweep). The name kept, it is the same person."""
    kept = repo.contacts.add("Zed Tester", met_on=today - timedelta(days=26))
    other = repo.contacts.add("Zed Tester", organization="Q Co", met_on=today - timedelta(days=300))
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_contact(kept.id)
        await settle(pilot)
        changes: list[object] = []
        app.data_changed.subscribe(app.screen, changes.append)
        shell.tidy.merge_contacts(kept.id, other.id, backup=lambda: Path("unused"))
        await wait_until(pilot, lambda: bool(changes))
        await settle(pilot)
        await wait_until(pilot, lambda: "Q Co" in screen_text(app))
        assert not said(app, "elsewhere: escape goes back")
        assert app.screen.check_action("done", ()) is not False
