"""Campaign detail: `n` links a contact with a role, `C` lists the links (`e` changes a
role, `delete` unlinks once confirmed), `e` edits the details; an interaction moved to a
campaign from its edit form links its contacts, as the quick log does."""

from __future__ import annotations

from datetime import timedelta

import pytest

from netrack.data import tables as t
from netrack.domain.models import CampaignRole
from netrack.screens.campaign_detail import CampaignDetailScreen
from netrack.screens.commands import system_commands
from netrack.screens.modal.campaign_form import CampaignForm
from netrack.screens.modal.confirm import Confirm
from netrack.screens.modal.links import LinksDialog
from netrack.screens.modal.pick import Pick
from tests.ui.conftest import screen_text, settle, wait_until
from tests.ui.test_forms_interactions import fill


def links(repo, campaign_id):
    return [(c.contact_name, c.role) for c in repo.campaigns.get(campaign_id).contacts]


def seed(repo):
    ana = repo.contacts.add("Ana López", organization="Acme")
    raj = repo.contacts.add("Raj Patel", organization="Globex")
    acme = repo.campaigns.add("Platform Lead", "Acme")
    return ana, raj, acme


async def open_detail(pilot, app, campaign_id) -> CampaignDetailScreen:
    await settle(pilot)
    app.open_campaign(campaign_id)
    await settle(pilot)
    assert isinstance(app.screen, CampaignDetailScreen)
    return app.screen


async def test_n_links_a_contact_with_a_role(app, repo):
    acme = seed(repo)[2]
    async with app.run_test(size=(120, 40)) as pilot:
        await open_detail(pilot, app, acme.id)
        assert "none yet: n links someone" in screen_text(app)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, Pick)
        text = screen_text(app)
        assert "Link whom to this campaign?" in text
        assert "Ana López (Acme)" in text and "Raj Patel (Globex)" in text
        await pilot.press("down", "enter")  # Raj
        assert isinstance(app.screen, Pick)
        text = screen_text(app)
        assert "Role of Raj Patel in this campaign?" in text
        for role in ("hiring manager", "referrer", "recruiter", "interviewer", "insider"):
            assert role in text
        await pilot.press("escape", "escape")  # no role, no contact: back on the page
        await settle(pilot)
        assert isinstance(app.screen, CampaignDetailScreen)
        assert links(repo, acme.id) == []
        await pilot.press("n", "down", "enter", "down", "enter")  # Raj, referrer
        await settle(pilot)
        assert links(repo, acme.id) == [("Raj Patel", CampaignRole.REFERRER)]
        assert isinstance(app.screen, LinksDialog)
        assert "Raj Patel  referrer" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        await wait_until(pilot, lambda: "Raj Patel  referrer" in screen_text(app))


async def test_escape_on_the_role_goes_back_to_the_contact_picker(app, repo):
    """`n`, a contact, then escape on the Role list opened "Linked contacts", a dialog
    never asked for, instead of going back one step: to the picker, the contact picked
    still highlighted; escape there goes back to the page."""
    acme = seed(repo)[2]
    async with app.run_test(size=(120, 40)) as pilot:
        await open_detail(pilot, app, acme.id)
        await pilot.press("n", "down", "enter")  # Raj
        await settle(pilot)
        assert "Role of Raj Patel in this campaign?" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, Pick)
        text = screen_text(app)
        assert "Link whom to this campaign?" in text and "› Raj Patel (Globex)" in text
        await pilot.press("enter")  # Raj again
        await settle(pilot)
        assert "Role of Raj Patel in this campaign?" in screen_text(app)
        await pilot.press("escape", "escape")
        await settle(pilot)
        assert isinstance(app.screen, CampaignDetailScreen) and links(repo, acme.id) == []
        await pilot.press("C", "n", "enter")  # from the dialog: Ana, then the role
        await settle(pilot)
        assert "Role of Ana López in this campaign?" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert "Link whom to this campaign?" in screen_text(app)
        await pilot.press("escape")  # the dialog the picker was opened from
        await settle(pilot)
        assert isinstance(app.screen, LinksDialog) and links(repo, acme.id) == []


async def test_o_changes_a_role_and_unlinks_once_confirmed(app, repo):
    ana, raj, acme = seed(repo)
    repo.campaigns.link_contact(acme.id, ana.id, "recruiter")
    repo.campaigns.link_contact(acme.id, raj.id, "insider")
    repo.activity.log([raj.id], campaign_id=acme.id, kind="call")
    async with app.run_test(size=(120, 40)) as pilot:
        await open_detail(pilot, app, acme.id)
        await pilot.press("C")
        await settle(pilot)
        assert isinstance(app.screen, LinksDialog)
        text = screen_text(app)
        # The row `del` would unlink is marked in text too (NO_COLOR: a grey shade).
        assert "› Ana López  recruiter" in text and "  Raj Patel  insider" in text
        await pilot.press("e")  # Ana's role: the picker starts on her current one
        picker = app.screen
        assert isinstance(picker, Pick) and picker.current == 2
        await pilot.press("up", "up", "enter")  # hiring manager
        await settle(pilot)
        assert links(repo, acme.id) == [
            ("Ana López", CampaignRole.HIRING_MANAGER),
            ("Raj Patel", CampaignRole.INSIDER),
        ]
        await pilot.press("down", "delete")
        assert isinstance(app.screen, Confirm)
        assert "Unlink Raj Patel from this campaign?" in screen_text(app)
        await pilot.press("n")  # no: nothing written
        await settle(pilot)
        assert len(links(repo, acme.id)) == 2
        await pilot.press("delete", "y")
        await settle(pilot)
        assert links(repo, acme.id) == [("Ana López", CampaignRole.HIRING_MANAGER)]
        assert len(repo.activity.interactions(campaign_id=acme.id)) == 1  # history stays
        await pilot.press("delete", "y")
        await settle(pilot)
        assert links(repo, acme.id) == []
        await pilot.press("delete")  # nobody left: said in place, nothing asked
        assert isinstance(app.screen, LinksDialog)
        # what the key would have done, not the list's own "nobody linked yet" again
        status = str(app.screen.query_one("#links-status").render())
        assert status == "nobody linked to unlink: n links a contact"
        assert screen_text(app).count("nobody linked") == 2  # the list's line and this
        await pilot.press("e")
        status = str(app.screen.query_one("#links-status").render())
        assert status == "nobody linked to give a role: n links a contact"


async def test_every_contact_linked_refuses_in_place(app, repo):
    ana, raj, acme = seed(repo)
    for contact in (ana, raj):
        repo.campaigns.link_contact(acme.id, contact.id, "insider")
    async with app.run_test(size=(120, 40)) as pilot:
        await open_detail(pilot, app, acme.id)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, LinksDialog)
        assert "every contact is linked already" in screen_text(app)
        assert t.CampaignContact.select().count() == 2


async def test_e_edits_the_details_and_keys_are_listed(app, repo):
    acme = seed(repo)[2]
    async with app.run_test(size=(120, 40)) as pilot:
        await open_detail(pilot, app, acme.id)
        titles = [c.title for c in system_commands(app, app.screen)]
        assert "Link a contact to campaign" in titles
        assert "Campaign's contacts & roles" in titles
        await pilot.press("question_mark")
        await settle(pilot)
        text = screen_text(app)
        assert "Link contact" in text and "Contacts & roles" in text
        await pilot.press("escape")
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, CampaignForm)
        await fill(pilot, "location", "remote")
        await pilot.press("enter")
        await settle(pilot)
        assert repo.campaigns.get(acme.id).location == "remote"


async def test_interaction_form_campaign_links_its_contacts(app, repo, today):
    ana, raj, acme = seed(repo)
    repo.campaigns.link_contact(acme.id, ana.id, "recruiter")
    entry = repo.activity.log([ana.id, raj.id], on=today - timedelta(days=2), kind="call")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.open_contact(raj.id)
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await fill(pilot, "campaign", "acme")
        await pilot.press("enter")
        await settle(pilot)
        assert repo.activity.get(entry.id).campaign_id == acme.id
        # Raj linked as the quick log links; Ana keeps her role
        assert links(repo, acme.id) == [
            ("Ana López", CampaignRole.RECRUITER),
            ("Raj Patel", None),
        ]


@pytest.mark.usefixtures("ids_given_again")  # a file whose writer gives ids again
async def test_links_picked_or_changed_as_they_were_when_asked(app, repo):
    """With the dialog open, another netrack unlinked Raj (a role change linked him
    again, silently undoing it) and deleted a contact picked to link (the app crashed
    with a traceback): both refused in place now, nothing written (a sweep)."""
    ana, raj, acme = seed(repo)
    gone = repo.contacts.add("Zz Gone")  # last in the list
    repo.campaigns.link_contact(acme.id, raj.id, "insider")
    async with app.run_test(size=(120, 40)) as pilot:
        await open_detail(pilot, app, acme.id)
        await pilot.press("C")
        await settle(pilot)
        assert isinstance(app.screen, LinksDialog)
        repo.tidy.unlink_contact(acme.id, raj.id)  # elsewhere, meanwhile
        await pilot.press("e", "up", "enter")  # Raj's role, as the dialog still lists him
        await settle(pilot)
        assert links(repo, acme.id) == []  # not linked again
        status = str(app.screen.query_one("#links-status").render())
        assert (
            status
            == "Raj Patel changed elsewhere since you were asked: nothing changed (look, then ask again)"
        )
        # the list as it is now, to look again (it kept Raj, refused for ever: a review)
        assert [link.contact_id for link in app.screen.links] == []
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, Pick)
        repo.tidy.delete_contact(gone.id)  # the one about to be picked
        await pilot.press("end", "enter")  # Zz Gone, the last offered
        await settle(pilot)
        assert isinstance(app.screen, LinksDialog) and app.is_running
        assert "deleted or merged elsewhere" in str(app.screen.query_one("#links-status").render())
        assert links(repo, acme.id) == [] and ana.id
        # deleted, and its id given to a namesake at another organization: refused too
        zed = repo.contacts.add("Zed Target", organization="Acme")
        await pilot.press("n")
        await settle(pilot)
        repo.tidy.delete_contact(zed.id)
        namesake = repo.contacts.add("Zed Target", organization="Globex")
        assert namesake.id == zed.id
        await pilot.press("end", "enter")
        await settle(pilot)
        assert isinstance(app.screen, LinksDialog)
        assert str(app.screen.query_one("#links-status").render()) == (
            "Zed Target (Acme) was deleted or changed elsewhere: pick again (n)"
        )
        # the campaign itself deleted, its id given to another: nothing links to that one
        repo.tidy.delete_campaign(acme.id)
        taker = repo.campaigns.add("Taker", "Other Co")
        assert taker.id == acme.id
        await pilot.press("n")
        await settle(pilot)
        if isinstance(app.screen, Pick):
            await pilot.press("home", "enter")
            await settle(pilot)
        if isinstance(app.screen, Pick):  # the role
            await pilot.press("enter")
            await settle(pilot)
        assert repo.campaigns.get(taker.id).contacts == ()
        assert "was deleted or changed elsewhere" in str(
            app.screen.query_one("#links-status").render()
        )
        assert links(repo, acme.id) == []


async def test_a_link_made_after_the_organization_was_renamed_elsewhere(app, repo):
    """The campaign's organization renamed in the shell while the dialog was open: the
    dialog refused as if its campaign had gone (a review sweep). Same campaign: linked."""
    _ana, raj, acme = seed(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_detail(pilot, app, acme.id)
        await pilot.press("C")
        await settle(pilot)
        assert isinstance(app.screen, LinksDialog)
        repo.organizations.update(repo.organizations.find("Acme").id, name="Acme Labs")
        await pilot.press("n", "down", "enter", "enter")  # Raj, hiring manager
        await settle(pilot)
        assert links(repo, acme.id) == [("Raj Patel", CampaignRole.HIRING_MANAGER)] and raj.id


def said(app) -> list[str]:
    return [n.message for n in app._notifications]


def status(app) -> str:
    return str(app.screen.query_one("#links-status").render())


async def test_namesakes_are_told_apart_by_their_organization(app, repo):
    """Two Sam Lees linked: the campaign page named them "Sam Lee (Hooli)" and "Sam Lee
    (Initech)", the dialog plain "Sam Lee" in its list, its questions and its toasts,
    so the user picked and confirmed blind. Now every line names the organization."""
    hooli = repo.contacts.add("Sam Lee", organization="Hooli")
    initech = repo.contacts.add("Sam Lee", organization="Initech")
    third = repo.contacts.add("Sam Lee", organization="Pied Piper")
    acme = repo.campaigns.add("Platform Lead", "Acme")
    repo.campaigns.link_contact(acme.id, hooli.id, "referrer")
    repo.campaigns.link_contact(acme.id, initech.id, "insider")
    async with app.run_test(size=(120, 40)) as pilot:
        await open_detail(pilot, app, acme.id)
        await pilot.press("C")
        await settle(pilot)
        assert isinstance(app.screen, LinksDialog)
        text = screen_text(app)
        assert "› Sam Lee (Hooli)  referrer" in text and "  Sam Lee (Initech)  insider" in text
        await pilot.press("down", "e")  # Initech's
        assert isinstance(app.screen, Pick)
        assert "Role of Sam Lee (Initech) in this campaign?" in screen_text(app)
        await pilot.press("up", "enter")  # interviewer
        await settle(pilot)
        assert links(repo, acme.id) == [
            ("Sam Lee", CampaignRole.REFERRER),
            ("Sam Lee", CampaignRole.INTERVIEWER),
        ]
        assert repo.campaigns.get(acme.id).contacts[1].contact_id == initech.id
        assert "Sam Lee (Initech) is interviewer on Acme Platform Lead" in said(app)
        await pilot.press("n")  # the picker, then the role question, name the third one
        await settle(pilot)
        assert isinstance(app.screen, Pick)
        assert "Sam Lee (Pied Piper)" in screen_text(app)
        await pilot.press("end", "enter")
        assert "Role of Sam Lee (Pied Piper) in this campaign?" in screen_text(app)
        await pilot.press("escape", "escape")  # back to the picker, then to the dialog
        await settle(pilot)
        await pilot.press("home", "delete")
        assert isinstance(app.screen, Confirm)
        assert "Unlink Sam Lee (Hooli) from this campaign?" in screen_text(app)
        await pilot.press("y")
        await settle(pilot)
        assert [c.contact_id for c in repo.campaigns.get(acme.id).contacts] == [initech.id]
        assert "unlinked Sam Lee (Hooli) from Acme Platform Lead" in said(app)
        assert third.id and status(app) == ""


async def test_an_archived_namesake_is_told_apart_too(app, repo):
    """One of two linked Sam Lees archived (history kept, link kept): the dialog listed
    the two as plain "Sam Lee", where the campaign page named each one's organization."""
    hooli = repo.contacts.add("Sam Lee", organization="Hooli")
    initech = repo.contacts.add("Sam Lee", organization="Initech")
    acme = repo.campaigns.add("Platform Lead", "Acme")
    repo.campaigns.link_contact(acme.id, hooli.id, "referrer")
    repo.campaigns.link_contact(acme.id, initech.id, "insider")
    repo.tidy.archive_contact(initech.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_detail(pilot, app, acme.id)
        await pilot.press("C")
        await settle(pilot)
        assert isinstance(app.screen, LinksDialog)
        text = screen_text(app)
        assert "› Sam Lee (Hooli)  referrer" in text and "  Sam Lee (Initech)  insider" in text


async def test_a_twin_campaign_is_named_by_its_id(app, repo):
    """Links on one of two "Acme Eng": the dialog, its toasts and an unlink refused (the
    link taken off elsewhere meanwhile) said "Acme Eng", not which; now "[id:2]", as the
    page under it and the CLI name it."""
    ana = repo.contacts.add("Ana López", organization="Acme")
    repo.campaigns.add("Eng", "Acme")
    twin = repo.campaigns.add("Eng", "Acme")
    repo.campaigns.link_contact(twin.id, ana.id, "insider")
    async with app.run_test(size=(120, 40)) as pilot:
        await open_detail(pilot, app, twin.id)
        await pilot.press("C")
        await settle(pilot)
        assert isinstance(app.screen, LinksDialog)
        heading = str(app.screen.query_one("#links-campaign").render())
        assert heading == "Acme Eng [id:2]"
        await pilot.press("e", "up", "enter")  # interviewer
        await settle(pilot)
        assert "Ana López is interviewer on Acme Eng [id:2]" in said(app)
        repo.tidy.unlink_contact(twin.id, ana.id)  # elsewhere, meanwhile
        await pilot.press("delete", "y")
        await settle(pilot)
        await wait_until(pilot, lambda: status(app) != "")
        assert status(app) == "Ana López is not linked to Acme Eng [id:2]"
        assert links(repo, twin.id) == []
        repo.campaigns.link_contact(twin.id, ana.id, "referrer")
        await pilot.press("escape", "C", "delete", "y")
        await settle(pilot)
        await wait_until(pilot, lambda: links(repo, twin.id) == [])
        assert "unlinked Ana López from Acme Eng [id:2]" in said(app)
