"""Contact detail: profile, rubric, timeline, follow-ups; `l` logs, `d` marks done, `e` edits."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from textual.widgets import Input

from netrack.app import create_app
from netrack.screens.campaign_detail import CampaignDetailScreen
from netrack.screens.contact_detail import ContactDetailScreen
from netrack.screens.modal.quicklog import QuickLog
from netrack.screens.modal.referral_form import ReferralForm
from tests.ui.conftest import screen_text, settle, type_text, wait_until


async def open_contact(app, pilot, contact_id):
    app.open_contact(contact_id)
    await settle(pilot)
    assert isinstance(app.screen, ContactDetailScreen)


async def test_shows_the_whole_story(app, repo, today):
    ana = repo.contacts.add(
        "Ana López", organization="Acme", title="VP Eng", strength=4, tags=["mentor"]
    )
    acme = repo.campaigns.add("Platform Lead", "Acme", contacts=[("Ana López", "referrer")])
    repo.activity.log(
        [ana.id],
        on=today - timedelta(days=3),
        kind="in_person",
        minutes=45,
        campaign_id=acme.id,
        meaningful=True,
        follow_up_on=today + timedelta(days=2),
        note="[b]coffee[/b] at Bonanza",
    )
    repo.referrals.add(ana.id, "in", note="intro to the CTO")
    repo.contacts.update(ana.id, notes="prefers mornings")
    async with app.run_test(size=(120, 40)) as pilot:
        await open_contact(app, pilot, ana.id)
        text = screen_text(app)
        for expected in (
            "VP Eng · Acme",
            "mentor",
            "4 value exchanged both ways",
            "5 trusted advocate who refers you",
            "[b]coffee[/b] at Bonanza",
            "Sun 2026-11-29",
            "Acme Platform Lead",
            "referrer",
            "intro to the CTO",
            "prefers mornings",
        ):
            assert expected in text, expected


async def test_l_logs_with_the_contact_and_d_marks_follow_ups_done(app, repo, today):
    ana = repo.contacts.add("Ana López")
    repo.activity.log(
        [ana.id], on=today - timedelta(days=5), follow_up_on=today - timedelta(days=1)
    )
    async with app.run_test(size=(120, 40)) as pilot:
        await open_contact(app, pilot, ana.id)
        assert "d marks every pending follow-up done" in screen_text(app)
        await pilot.press("d")
        await settle(pilot)
        (follow_up,) = repo.activity.follow_ups(contact_id=ana.id)
        assert follow_up.done_on == today
        assert "done 2026-11-27" in screen_text(app)
        await pilot.press("u")  # undone: pending again
        await settle(pilot)
        assert repo.activity.follow_ups(contact_id=ana.id)[0].done_on is None
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("d")  # nothing left: says so, writes nothing
        await settle(pilot)
        assert any("no pending follow-up" in n.message for n in app._notifications)
        await pilot.press("l")
        assert isinstance(app.screen, QuickLog)
        assert app.screen.query_one("#ql-input", Input).value == '@"Ana López" '
        await type_text(pilot, "#zoom 30m shared the deck")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ContactDetailScreen)
        assert "shared the deck" in screen_text(app)
        assert len(repo.activity.interactions(contact_id=ana.id)) == 2


async def test_u_reopens_what_d_marked_even_after_another_program_reopened_some(app, repo, today):
    ana = repo.contacts.add("Ana López")
    first = repo.activity.log([ana.id], on=today - timedelta(days=5), follow_up_on=today)
    repo.activity.log([ana.id], on=today - timedelta(days=5), follow_up_on=today)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_contact(app, pilot, ana.id)
        await pilot.press("d")
        await settle(pilot)
        assert all(f.done_on == today for f in repo.activity.follow_ups(contact_id=ana.id))
        repo.activity.reopen_follow_up(first.id)  # `netrack followup reopen`, elsewhere
        await pilot.press("u")
        await settle(pilot)
        assert [f.done_on for f in repo.activity.follow_ups(contact_id=ana.id)] == [None, None]
        said = [n.message for n in app._notifications][-1]
        assert said == "1 follow-up pending again (with Ana López)"


async def test_d_and_u_name_a_namesake_with_their_organization(app, repo, today):
    """Sam Lee (Acme)'s page beside another Sam Lee: `u` said "(with Sam Lee)"."""
    acme = repo.contacts.add("Sam Lee", organization="Acme")
    repo.contacts.add("Sam Lee", organization="Globex")
    repo.activity.log([acme.id], on=today - timedelta(days=1), follow_up_on=today)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_contact(app, pilot, acme.id)
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        said = [n.message for n in app._notifications][-1]
        assert said == "1 follow-up pending again (with Sam Lee (Acme))"


async def test_u_says_which_follow_ups_a_touch_since_keeps_done(app, repo, today):
    """`d` marked both of Ana's follow-ups done, then a call with Bo today closed the one
    they share too: `u` said "2 follow-ups pending again", that one still done."""
    ana = repo.contacts.add("Ana López")
    bo = repo.contacts.add("Bo Chen")
    week_ago = today - timedelta(days=5)
    shared = repo.activity.log([ana.id, bo.id], on=week_ago, follow_up_on=today)
    own = repo.activity.log([ana.id], on=week_ago, follow_up_on=today + timedelta(days=3))
    async with app.run_test(size=(120, 40)) as pilot:
        await open_contact(app, pilot, ana.id)
        await pilot.press("d")
        await settle(pilot)
        repo.activity.log([bo.id], on=today, kind="call")  # closes the shared one only
        await pilot.press("u")
        await settle(pilot)
        done = {f.interaction_id: f.done_on for f in repo.activity.follow_ups()}
        assert done == {shared.id: today, own.id: None}
        said = [n.message for n in app._notifications][-1]
        assert said == (
            "took back 2 done marks (with Ana López): 1 follow-up pending again, "
            "1 done on 2026-11-27, when a later interaction closed it"
        )


async def test_e_edits_the_contact(app, repo):
    ana = repo.contacts.add("Ana López", strength=2)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_contact(app, pilot, ana.id)
        await pilot.press("e")
        for _ in range(10):
            await pilot.press("down")  # strength
        await pilot.press("backspace", "5", "enter")
        await settle(pilot)
        assert repo.contacts.get(ana.id).strength == 5
        assert isinstance(app.screen, ContactDetailScreen)


async def test_a_strength_or_a_priority_cleared_in_its_form_is_cleared(app, repo):
    """Emptied in the edit form, a strength (or a campaign's priority) stayed as it was,
    though `contact edit --strength ""` clears it: the field blank is no strength."""
    from tests.ui.test_forms_interactions import fill

    ana = repo.contacts.add("Ana López", strength=4)
    campaign = repo.campaigns.add("Eng", "Acme", priority=2)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_contact(app, pilot, ana.id)
        await pilot.press("e")
        await settle(pilot)
        await fill(pilot, "strength", "")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert repo.contacts.get(ana.id).strength is None
        app.open_campaign(campaign.id)
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        await fill(pilot, "priority", "")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert repo.campaigns.get(campaign.id).priority is None


async def test_o_edits_the_contacts_organization(app, repo):
    from netrack.screens.modal.org_form import OrgForm
    from tests.ui.test_form_checks import error_of
    from tests.ui.test_forms_interactions import field, fill

    ana = repo.contacts.add("Ana López", organization="Acme")
    repo.organizations.add("Globex")
    bo = repo.contacts.add("Bo")  # no organization
    async with app.run_test(size=(120, 40)) as pilot:
        await open_contact(app, pilot, ana.id)
        assert "industry" not in screen_text(app)
        await pilot.press("o")
        await settle(pilot)
        assert isinstance(app.screen, OrgForm) and field(app, "name") == "Acme"
        await fill(pilot, "name", "globex")  # another organization's name
        await fill(pilot, "size_band", "12")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert error_of(app, "size_band").startswith("unknown size band '12'")
        await fill(pilot, "size_band", "51-200")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "organization 'Globex' already exists" in screen_text(app)
        assert repo.organizations.find("Acme").size_band == ""  # nothing written
        await fill(pilot, "name", "Acme")
        await fill(pilot, "industry", "fintech")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ContactDetailScreen)
        acme = repo.organizations.find("Acme")
        assert (acme.industry, acme.size_band) == ("fintech", "51-200")
        assert "fintech" in screen_text(app)  # the contact reads its organization's
        await open_contact(app, pilot, bo.id)
        await pilot.press("o")
        await settle(pilot)
        assert isinstance(app.screen, ContactDetailScreen)  # no form: nothing to edit
        said = [n.message for n in app._notifications]
        assert said[-1] == "no organization: e edits the contact to give one"


async def test_the_organization_form_refuses_to_save_over_a_change_made_elsewhere(app, repo):
    """`org edit --industry` from the shell while the form was open: the form's
    industry, saved by id, replaced it without a word; and with the organization merged
    away meanwhile, saving said "no organization with id 1". Both are refused in place,
    as every other edit form refuses them."""
    from netrack.screens.modal.org_form import OrgForm
    from tests.ui.test_forms_interactions import fill
    from tests.ui.test_forms_namesakes import refusal

    ana = repo.contacts.add("Ana López", organization="Northwind Analytics")
    northwind = repo.organizations.find("Northwind Analytics")
    globex = repo.organizations.add("Globex")
    async with app.run_test(size=(120, 40)) as pilot:
        await open_contact(app, pilot, ana.id)
        await pilot.press("o")
        await settle(pilot)
        assert isinstance(app.screen, OrgForm)
        repo.organizations.update(northwind.id, industry="fintech (from shell)")  # the shell
        await fill(pilot, "industry", "fintech")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert refusal(app, OrgForm) == (
            "Industry changed elsewhere since this form opened (now 'fintech (from shell)'): "
            "nothing saved; escape, and open it again"
        )
        assert repo.organizations.get(northwind.id).industry == "fintech (from shell)"
        await pilot.press("escape", "y")  # throw the typing away
        await settle(pilot)
        await pilot.press("o")
        await settle(pilot)
        await fill(pilot, "location", "Lyon")  # opened afresh: saves, the shell's kept
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ContactDetailScreen)
        saved = repo.organizations.get(northwind.id)
        assert (saved.industry, saved.location) == ("fintech (from shell)", "Lyon")

        await pilot.press("o")
        await settle(pilot)
        repo.tidy_orgs.merge(globex.id, northwind.id, backup=lambda: Path("unused"))
        await fill(pilot, "notes", "met at the fair")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert refusal(app, OrgForm) == (
            "Northwind Analytics was deleted or merged elsewhere since this form opened: "
            "nothing saved (escape closes the form)"
        )
    assert [(org.name, org.notes) for org in repo.organizations.all()] == [("Globex", "")]


async def test_interaction_form_from_the_detail(app, repo, today):
    ana = repo.contacts.add("Ana López")
    repo.contacts.add("Raj Patel")
    async with app.run_test(size=(120, 40)) as pilot:
        await open_contact(app, pilot, ana.id)
        await pilot.press("i")  # starts in the first blank field: back up to add Raj
        await pilot.press("up", "end", *", raj", "down")
        await type_text(pilot, "video")
        await pilot.press("down", "down")
        await type_text(pilot, "1h")
        await pilot.press("down", "down")
        await type_text(pilot, "y")
        await pilot.press("down")
        await type_text(pilot, "a referral")
        await pilot.press("down", "down")
        await type_text(pilot, "abc")
        await pilot.press("enter")
        await pilot.pause()
        assert "invalid amount 'abc'" in screen_text(app)
        await pilot.press("backspace", "backspace", "backspace", "1", "2", "enter")
        await settle(pilot)
        (entry,) = repo.activity.interactions(contact_id=ana.id)
        assert entry.contact_names == ("Ana López", "Raj Patel")
        assert entry.minutes == 60 and entry.meaningful and entry.cost == 12
        assert entry.value_received == "a referral"


async def test_the_log_form_logs_with_a_contact_whose_name_holds_a_comma(app, repo):
    """`i` on Doe, Jane's page saved with "Doe" and "Doe, Jane": the pre-filled name
    was split on its comma. The form now names this contact in words it reads back."""
    jane = repo.contacts.add("Doe, Jane", organization="Initech")
    repo.contacts.add("Doe", organization="Hooli")
    bea = repo.contacts.add("Bea New")
    async with app.run_test(size=(120, 40)) as pilot:
        await open_contact(app, pilot, jane.id)
        await pilot.press("i")
        await settle(pilot)
        assert app.screen.query_one("#field-with", Input).value == f"id:{jane.id}"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ContactDetailScreen)
        (entry,) = repo.activity.interactions()
        assert entry.contact_ids == (jane.id,)
        said = [n.message for n in app._notifications]
        assert said[-1].startswith("logged other with Doe, Jane on 2026-11-27")
        await pilot.press("i")  # starts in the first blank field: back up to add Bea
        await pilot.press("up", "end", *", bea", "ctrl+s")
        await settle(pilot)
        (entry,) = [e for e in repo.activity.interactions() if e.id != entry.id]
        assert entry.contact_ids == (jane.id, bea.id)
        # Typed (or taken from the field's suggestion) as the name reads, not as id:N
        await open_contact(app, pilot, bea.id)
        await pilot.press("i")
        await pilot.press("up", "end", *", doe, jane", "ctrl+s")
        await settle(pilot)
        latest = max(repo.activity.interactions(), key=lambda e: e.id)
        assert latest.contact_ids == (bea.id, jane.id)


async def test_the_log_form_logs_with_this_namesake(app, repo):
    """SPEC: `i` "logs with this contact filled in": on the page of one of two Sam Lees
    it said "contact 'Sam Lee' is ambiguous" and could not save as opened."""
    repo.contacts.add("Sam Lee", organization="Acme")
    hooli = repo.contacts.add("Sam Lee", organization="Hooli")
    async with app.run_test(size=(120, 40)) as pilot:
        await open_contact(app, pilot, hooli.id)
        await pilot.press("i")
        await settle(pilot)
        assert app.screen.query_one("#field-with", Input).value == "Sam Lee (Hooli)"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "ambiguous" not in screen_text(app)
        assert isinstance(app.screen, ContactDetailScreen)
        (entry,) = repo.activity.interactions()
        assert entry.contact_ids == (hooli.id,)
        # said as the quick log and `netrack log` say it, not "with Sam Lee"
        assert any(
            n.message == "logged other with Sam Lee (Hooli) on 2026-11-27"
            for n in app._notifications
        )


async def test_introduced_by_says_which_namesake(app, repo):
    """ "introduced by Sam Lee": one of two Sam Lees, and the page did not say which."""
    repo.contacts.add("Sam Lee", organization="Acme")
    repo.contacts.add("Sam Lee", organization="Globex")
    kim = repo.contacts.add("Kim Park", introduced_by="Sam Lee (Globex)")
    async with app.run_test(size=(120, 40)) as pilot:
        await open_contact(app, pilot, kim.id)
        line = next(line for line in screen_text(app).splitlines() if "introduced by" in line)
        assert "introduced by  Sam Lee (Globex)" in line


async def test_the_profile_names_whom_they_introduced(app, repo):
    """Only "introduced by" was shown: the people Xavier introduced were on no box of
    his page, though deleting him was refused for them ("has history (2 introductions)")."""
    xavier = repo.contacts.add("Xavier Intro")
    repo.contacts.add("Sam Lee", organization="Acme", introduced_by="Xavier Intro")
    repo.contacts.add("Sam Lee", organization="Globex")
    repo.contacts.add("Bea Brown", introduced_by="Xavier Intro")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_contact(app, pilot, xavier.id)
        await wait_until(pilot, lambda: "introduced" in screen_text(app))
        lines = profile_lines(screen_text(app))
    # wrapped in the box's width, under the values: read as one text
    assert " ".join(" ".join(lines).split()).startswith(
        f"Xavier Intro met {xavier.met_on} introduced Bea Brown, Sam Lee (Acme) keep in touch"
    )


async def test_at_80x24_the_page_follows_the_timeline_cursor(app, repo, today):
    """The timeline sits below the fold at 80×24: ↓ through it brings each row into view,
    and keys typed faster than frames are followed all the same."""
    ana = repo.contacts.add("Ana López", organization="Acme", title="VP Engineering")
    for days in range(14):
        repo.activity.log(
            [ana.id], on=today - timedelta(days=days), kind="email", note=f"note number {days}"
        )
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_contact(ana.id)
        await settle(pilot)
        assert "note number 13" not in screen_text(app)  # below the fold
        for days in range(1, 14):
            await pilot.press("down")
            await settle(pilot)
            assert f"note number {days}" in screen_text(app), days

    again = create_app(repo)
    async with again.run_test(size=(80, 24)) as pilot:  # again, every key at once
        again.open_contact(ana.id)
        await settle(pilot)
        await pilot.press(*["down"] * 13)
        await settle(pilot)
        assert "note number 13" in screen_text(again)


async def test_at_80x24_the_sections_below_the_timeline_are_reached_with_its_keys(app, repo, today):
    """Campaigns, referrals and notes sit below the timeline, whose cursor took every
    scrolling key: pgdn, end and ↓ stopped at its last row and the page never moved
    (SPEC: every section reachable at 80×24). Past the last row they move the page."""
    ana = repo.contacts.add("Ana López", organization="Acme", notes="met at the PyCon sprint")
    for days in range(6):
        repo.activity.log([ana.id], on=today - timedelta(days=days), kind="email")
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_contact(ana.id)
        await settle(pilot)
        assert "met at the PyCon sprint" not in screen_text(app)
        await pilot.press("pagedown")  # the cursor to the last row
        await settle(pilot)
        await pilot.press("pagedown")  # then the page
        await settle(pilot)
        assert "met at the PyCon sprint" in screen_text(app)
        assert "Referrals" in screen_text(app)
        await pilot.press("ctrl+home", "home")  # the cursor back up, then the page
        await settle(pilot)
        assert "met at the PyCon sprint" not in screen_text(app)
        assert "VP" not in screen_text(app) and "Profile" in screen_text(app)
        await pilot.press("end", "end")
        await settle(pilot)
        assert "met at the PyCon sprint" in screen_text(app)
        await pilot.press("?")
        await settle(pilot)
        assert "past the last row" in screen_text(app)


async def test_l_names_a_contact_with_quotes_in_the_name_by_id(app, repo):
    """`@"Dana "DJ" Jones"` named another Dana and put `DJ" Jones"` in the note."""
    repo.contacts.add("Dana Scully")
    dana = repo.contacts.add('Dana "DJ" Jones')
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_contact(dana.id)
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        assert isinstance(app.screen, QuickLog)
        assert app.screen.query_one(Input).value == f"@id:{dana.id} "
        await type_text(pilot, "#call 5m hello")
        await pilot.press("enter")
        await settle(pilot)
        (logged,) = repo.activity.interactions(contact_id=dana.id)
        assert (logged.note, logged.contact_names) == ("hello", ('Dana "DJ" Jones',))


async def test_a_timeline_longer_than_the_page_says_so(app, repo, today, monkeypatch):
    """It stopped at 200 rows and said "Timeline (200)" of a contact with 240."""
    from netrack.screens import timeline

    monkeypatch.setattr(timeline, "TIMELINE_ROWS", 5)
    zed = repo.contacts.add("Zed Many")
    for n in range(7):
        repo.activity.log([zed.id], on=today - timedelta(days=n), kind="email", note=f"n{n}")
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_contact(zed.id)
        await settle(pilot)
        assert "Timeline (5 newest of 7)" in screen_text(app)


async def test_at_80_columns_a_long_campaign_name_leaves_room_for_the_note(app, repo, today):
    """ "Tessera Bank Engineering Manager, Payments" filled the column: no note showed."""
    ana = repo.contacts.add("Ana López")
    lead = repo.campaigns.add("Engineering Manager, Payments", "Tessera Bank")
    repo.activity.log([ana.id], on=today, kind="call", campaign_id=lead.id, note="offer terms")
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_contact(ana.id)
        await settle(pilot)
        await pilot.press("pagedown")
        await settle(pilot)
        assert "Tessera Bank Engineerin… · offer terms" in screen_text(app)


async def test_u_undoes_a_d_after_the_page_was_closed_and_opened_again(app, repo, today):
    """The toast said "· u undoes"; closed and opened again, the page had forgotten."""
    ana = repo.contacts.add("Ana López")
    repo.activity.log([ana.id], on=today - timedelta(days=3), follow_up_on=today)
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_contact(ana.id)
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        assert repo.activity.follow_ups(contact_id=ana.id)[0].done_on == today
        await pilot.press("escape")
        await settle(pilot)
        app.open_contact(ana.id)
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        assert repo.activity.follow_ups(contact_id=ana.id)[0].done_on is None


@pytest.mark.usefixtures("ids_given_again")  # a file whose writer gives ids again
async def test_u_on_a_page_reopens_only_that_contacts_follow_ups(app, repo, today):
    """Kept by contact id, a `d` on a contact merged away was undone from the page of
    the next contact given that id: another person's follow-up reopened."""
    yan = repo.contacts.add("Yan Young")
    xav = repo.contacts.add("Xav Xu")
    repo.activity.log([xav.id], on=today - timedelta(days=2), follow_up_on=today)
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_contact(xav.id)
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        repo.tidy.merge_contacts(yan.id, xav.id)
        zoe = repo.contacts.add("Zoe Zimmer")
        assert zoe.id == xav.id  # the id given again
        app.open_contact(zoe.id)
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        assert repo.activity.follow_ups(contact_id=yan.id)[0].done_on == today  # untouched
        said = [n.message for n in app._notifications][-1]
        assert said == (
            "the follow-up d marked done was reopened or changed elsewhere since: nothing reopened"
        )


async def test_delete_y_twice_deletes_the_two_newest_interactions(app, repo, today):
    """The second `delete y` of a burst asked about the row just deleted and said
    "deleted" of it again, and the one below stayed."""
    from tests.ui.test_form_checks import burst

    ana = repo.contacts.add("Ana López")
    for days, note in ((1, "newest"), (2, "second"), (3, "third")):
        repo.activity.log([ana.id], on=today - timedelta(days=days), note=note)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_contact(app, pilot, ana.id)
        await burst(pilot, "delete", "y", "delete", "y")
        assert [i.note for i in repo.activity.interactions()] == ["third"]
        said = [n.message for n in app._notifications]
        assert len(said) == 2 and said[0] != said[1], said


async def focus_box(pilot, box_id: str) -> None:
    """Tab round the page, as a person would, to the box `box_id`."""
    for _ in range(8):
        if pilot.app.focused is not None and pilot.app.focused.id == box_id:
            return
        await pilot.press("tab")
    raise AssertionError(f"tab never reached #{box_id}")


async def test_the_whole_strength_history_and_every_done_follow_up_are_reachable(app, repo, today):
    """The Strength box showed the last 6 changes and "(N earlier)", the Follow-ups box
    the last 3 done, and nothing reached the rest. Both boxes scroll through all now."""
    from netrack.data import tables as t

    mei = repo.contacts.add("Mei Chen", met_on=today - timedelta(days=400), strength=1)
    t.StrengthChange.delete().where(t.StrengthChange.contact == mei.id).execute()
    t.StrengthChange.insert_many(
        [
            {"contact": mei.id, "on": today - timedelta(days=400 - d), "strength": d % 5 + 1}
            for d in range(9)
        ]
    ).execute()
    for weeks in range(16, 0, -1):
        repo.activity.log(
            [mei.id], on=today - timedelta(weeks=weeks), follow_up_on=today - timedelta(weeks=weeks)
        )
    async with app.run_test(size=(80, 24)) as pilot:
        await open_contact(app, pilot, mei.id)
        strength = app.screen.query_one("#strength")
        text = screen_text(app)
        assert "history (9, newest first)" in text
        assert f"{today - timedelta(days=392)} → 4" in text  # the newest in sight
        assert f"{today - timedelta(days=400)} → 1" not in text  # the oldest below
        await focus_box(pilot, "strength")
        await pilot.press("end")
        # Textual scrolls after the next refresh: a busy machine gets there later
        await wait_until(pilot, lambda: strength.scroll_y == strength.max_scroll_y > 0)
        await settle(pilot)  # and the page drawn again as scrolled
        assert f"{today - timedelta(days=400)} → 1" in screen_text(app)
        await focus_box(pilot, "follow-ups")
        follow_ups = app.screen.query_one("#follow-ups")
        await pilot.press("end")
        await wait_until(pilot, lambda: follow_ups.scroll_y == follow_ups.max_scroll_y > 0)
        await settle(pilot)
        text = screen_text(app)
        # the oldest done follow-up, 16 weeks back, closed by the next touch a week later
        oldest = today - timedelta(weeks=16)
        assert f"✓ {oldest} done {oldest + timedelta(weeks=1)}" in text


async def test_a_long_strength_history_opens_in_one_scrolling_box(app, repo, today):
    # Speed is bench/'s to measure (a timed assertion here failed at 3 s on a loaded
    # machine); what kept it fast is asserted: the 500 entries are lines of one widget
    # that scrolls, not a widget each.
    from netrack.data import tables as t

    mei = repo.contacts.add("Mei Chen", met_on=today - timedelta(days=600))
    t.StrengthChange.insert_many(
        [
            {"contact": mei.id, "on": today - timedelta(days=500 - d), "strength": d % 5 + 1}
            for d in range(500)
        ]
    ).execute()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await open_contact(app, pilot, mei.id)
        box = app.screen.query_one("#strength")
        assert box.virtual_size.height > 500 and box.size.height <= 14
        assert len(box.query("*")) < 5


async def test_a_new_contacts_empty_sections_name_the_key_that_fills_them(app, repo):
    ana = repo.contacts.add("Ana López")
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_contact(ana.id)
        await settle(pilot)
        text = screen_text(app)
        assert "none. Press r to add one." in text
        assert "none. n on a campaign's page (1, ⏎) links a contact." in text
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, ReferralForm)


async def test_the_empty_campaigns_box_names_the_key_that_links_and_it_does(app, repo):
    """The box said "C on a campaign's page (1, ⏎) links contacts"; there `C` lists the
    linked contacts and `n` links one. Followed as written, the hint now links."""
    ana = repo.contacts.add("Ana López")
    platform = repo.campaigns.add("Platform Lead", "Acme")
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_contact(ana.id)
        await settle(pilot)
        assert "none. n on a campaign's page (1, ⏎) links a contact." in screen_text(app)
        await pilot.press("escape", "1", "enter")  # the Pipeline, its one campaign opened
        await settle(pilot)
        assert isinstance(app.screen, CampaignDetailScreen)
        await pilot.press("n")
        await settle(pilot)
        assert "Link whom to this campaign?" in screen_text(app)
        await pilot.press("enter", "enter")  # Ana, then the first role offered
        await settle(pilot)
    linked = [
        (link.contact_id, link.role.value) for link in repo.campaigns.get(platform.id).contacts
    ]
    assert linked == [(ana.id, "hiring_manager")]


async def test_the_referrals_box_names_each_referrals_campaign(app, repo, today):
    """`contact show` named a referral's campaign; the page's Referrals box left it out.
    Twin campaigns are told apart as everywhere ("[id:N]")."""
    from rich.text import Text

    ana = repo.contacts.add("Ana López").id
    repo.campaigns.add("Eng", "Acme")
    twin = repo.campaigns.add("Eng", "Acme").id
    northwind = repo.campaigns.add("Data Engineer", "Northwind").id
    repo.referrals.add(ana, "in", on=today, campaign_id=northwind, note="cto")
    repo.referrals.add(ana, "out", on=today - timedelta(days=1), campaign_id=twin)
    repo.referrals.add(ana, "out", on=today - timedelta(days=2), note="plain")
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_contact(ana)
        await settle(pilot)
        box = app.screen.query_one("#referrals")
        shown = box.render()
        lines = (shown.plain if isinstance(shown, Text) else str(shown)).splitlines()
    assert [line.strip() for line in lines if line.startswith("2026")] == [
        "2026-11-27  ← referred you  for Northwind Data Engineer · cto",
        f"2026-11-26  → you helped  for Acme Eng [id:{twin}]",
        "2026-11-25  → you helped  plain",
    ]


async def test_the_campaigns_box_tells_twin_campaigns_apart_by_id(app, repo, today):
    """Two "Acme Eng" links read alike in the Campaigns box, while the Timeline and the
    Referrals beside it named them "Acme Eng [id:N]": which one they meant was lost."""
    from rich.text import Text

    ana = repo.contacts.add("Ana López").id
    first = repo.campaigns.add("Eng", "Acme", stage="applied").id
    twin = repo.campaigns.add("Eng", "Acme", stage="applied").id
    northwind = repo.campaigns.add("Data Engineer", "Northwind").id
    repo.campaigns.link_contact(first, ana, "recruiter")
    repo.campaigns.link_contact(twin, ana, "insider")
    repo.campaigns.link_contact(northwind, ana)
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_contact(ana)
        await settle(pilot)
        await wait_until(pilot, lambda: "Eng" in str(app.screen.query_one("#campaigns").render()))
        shown = app.screen.query_one("#campaigns").render()
        lines = (shown.plain if isinstance(shown, Text) else str(shown)).splitlines()
    assert [" ".join(line.split()) for line in lines if line.strip()] == [
        f"Acme Eng [id:{first}] [applied] recruiter",
        f"Acme Eng [id:{twin}] [applied] insider",
        "Northwind Data Engineer [research]",  # no twin: its name alone
    ]


async def test_the_timeline_and_logged_today_name_a_twin_campaign_by_id(app, repo, today):
    """The contact's timeline and the Agenda's "Logged today" showed an interaction on
    the second "Acme Eng" as bare "Acme Eng", where the confirmations, the referrals box
    and `netrack agenda` say "Acme Eng [id:2]"."""
    from netrack.widgets.interactions import InteractionTable

    ana = repo.contacts.add("Ana López").id
    first = repo.campaigns.add("Eng", "Acme").id
    twin = repo.campaigns.add("Eng", "Acme").id
    northwind = repo.campaigns.add("Data Engineer", "Northwind").id
    repo.activity.log([ana], kind="call", campaign_id=twin, note="second")
    repo.activity.log([ana], kind="email", campaign_id=first, note="first")
    repo.activity.log([ana], kind="video", campaign_id=northwind, note="unique")

    def abouts(table: InteractionTable) -> dict[str, str]:
        cells = (table.get_row_at(row)[-1].plain for row in range(table.row_count))
        return {cell.rsplit(" · ", 1)[-1]: cell.rsplit(" · ", 1)[0] for cell in cells}

    expected = {
        "second": f"Acme Eng [id:{twin}]",
        "first": f"Acme Eng [id:{first}]",
        "unique": "Northwind Data Engineer",
    }
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4")
        await wait_until(pilot, lambda: app.screen.query(InteractionTable))
        await wait_until(pilot, lambda: app.screen.query_one(InteractionTable).row_count == 3)
        assert abouts(app.screen.query_one(InteractionTable)) == expected
        app.open_contact(ana)
        await settle(pilot)
        assert abouts(app.screen.query_one(InteractionTable)) == expected


async def test_an_archived_contacts_page_refuses_r_l_and_i_saying_how_to_bring_them_back(app, repo):
    """An archived contact has left name resolution: their page's `r` added a referral
    `referral add` refuses, and its empty boxes invited `l`, whose quick log then said
    they were archived. Each key now says, in place, how to bring them back."""
    kim = repo.contacts.add("Kim Park")
    repo.tidy.archive_contact(kim.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2", "A")  # the Contacts screen, archived shown: Kim's row
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ContactDetailScreen)
        text = screen_text(app)
        assert "archived (a on the Contacts screen brings them back)" in text
        for invitation in ("Press r", "quick log (l)", "Press l", "n on a campaign's page"):
            assert invitation not in text, invitation
        for key in ("r", "l", "i"):
            await pilot.press(key)
            await settle(pilot)
            assert isinstance(app.screen, ContactDetailScreen), key
            said = [n.message for n in app._notifications]
            assert said[-1] == (
                "Kim Park is archived: a on the Contacts screen brings them back "
                "(A shows the archived)"
            ), key
    assert repo.referrals.all(contact_id=kim.id) == []
    assert repo.activity.count_interactions(contact_id=kim.id) == 0


async def test_an_overdue_follow_up_says_so_in_words_not_only_in_red(repo, today, monkeypatch):
    """Under NO_COLOR the Follow-ups box's overdue follow-up read like an upcoming one
    (only its red told them apart), where `followup list` and the Agenda say "overdue"."""
    monkeypatch.setenv("NO_COLOR", "1")  # read as the app is built
    ana = repo.contacts.add("Ana López")
    day = today - timedelta(days=5)  # one day: neither closes the other
    repo.activity.log([ana.id], on=day, follow_up_on=today - timedelta(days=2), note="late")
    repo.activity.log([ana.id], on=day, follow_up_on=today + timedelta(days=2), note="soon")
    repo.activity.log([ana.id], on=day, follow_up_on=today, note="now")
    app = create_app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_contact(app, pilot, ana.id)
        text = screen_text(app)
        assert "○ Wed 2026-11-25 overdue  from other 2026-11-22  late" in text
        assert "○ Sun 2026-11-29  from other 2026-11-22  soon" in text
        assert "○ Fri 2026-11-27 today  from other 2026-11-22  now" in text


async def test_an_archived_contacts_page_offers_no_key_it_refuses(app, repo):
    """The archived page refused `l`, `r` and `i` but its key bar still read "l Log with"
    and "r Add referral" (and `?` and the palette listed them): they are offered no more,
    the keys still say how to bring them back, and come back with the contact."""
    from netrack.screens.commands import screen_keys
    from netrack.widgets.keybar import KeyBar

    kim = repo.contacts.add("Kim Park")
    repo.tidy.archive_contact(kim.id)

    def offered() -> tuple[str, set[str]]:
        bar = app.screen.query_one(KeyBar).render().plain
        return bar, {binding.description for binding, _run in screen_keys(app.screen)}

    refused = ("Log with", "Add referral", "Log (form)")
    async with app.run_test(size=(120, 40)) as pilot:
        await open_contact(app, pilot, kim.id)
        page = app.screen
        bar, palette = offered()
        assert "e Edit" in bar and "d Follow-ups done" in bar
        for words in refused:
            assert words not in bar and words not in palette, words
        await pilot.press("question_mark")
        await settle(pilot)
        assert "Log with" not in screen_text(app) and "Add referral" not in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("l")  # still said, not the blank quick log of the app's `l`
        await settle(pilot)
        assert app.screen is page
        said = [n.message for n in app._notifications]
        assert said[-1].startswith("Kim Park is archived:")
        repo.tidy.archive_contact(kim.id, archived=False)  # brought back elsewhere
        page.reload()
        await settle(pilot)
        bar, palette = offered()
        assert "l Log with" in bar and "r Add referral" in bar
        assert set(refused) <= palette


async def test_the_referral_form_saves_for_its_contact_though_renamed_meanwhile(app, repo, shell):
    """Bo Chen renamed elsewhere while `r` on his page was open: the form refused, "Bo
    Chen was deleted or merged elsewhere", and saved nothing. It saves for him by id,
    as the interaction form does, while its From field is left as filled in."""
    bo = repo.contacts.add("Bo Chen", organization="Acme").id
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_contact(bo)
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, ReferralForm)
        await type_text(pilot, "in")  # the first blank field: Direction
        shell.contacts.update(bo, name="Bo Chen-Li")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ContactDetailScreen))
    assert [(r.contact_id, r.direction.value) for r in repo.referrals.all()] == [(bo, "in")]


def profile_lines(text: str) -> list[str]:
    """The inside of the Profile box (the page's left box at the top) as far as the
    screen shows it, line by line."""
    lines = []
    for line in text.splitlines()[1:]:
        if line.startswith("│"):
            lines.append(line.split("│")[1])
        elif lines:
            break
    return lines


async def test_at_80x24_labels_keep_their_values_and_a_long_note_is_cut(app, repo, today):
    """At 80×24 "email" sat alone with its address on the next line, "next touch … (in
    21" wrapped to "days)" under the labels, as did 40 tags; and the Follow-ups box
    printed a 5,000-character note whole (about sixty lines) where the Timeline cuts it."""
    tags = [f"tag-number-{n:02}" for n in range(1, 41)]
    ana = repo.contacts.add(
        "Ana López",
        email="ana@northwindanalytics.example",
        keep_in_touch=21,
        met_on=today - timedelta(days=3),
        tags=tags,
    )
    bo = repo.contacts.add("Bo Chen", met_on=today - timedelta(days=3))
    note = " ".join(f"word{n}" for n in range(900))[:5000]
    repo.activity.log([bo.id], on=today, follow_up_on=today + timedelta(days=3), note=note)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_contact(app, pilot, ana.id)
        lines = profile_lines(screen_text(app))
        email = next(line for line in lines if "email" in line)
        assert "email  ana@northwind" in email, lines
        app.screen.query_one("#detail").scroll_end(animate=False)  # the profile's end
        await settle(pilot)
        lines += profile_lines(screen_text(app))
        assert any("next touch  Tue 2026-12-15 (in" in line for line in lines), lines
        labels = 15  # "keep in touch  ": the labels' column; values never go under it
        for line in lines[lines.index(email) :]:
            label = line[1 : 1 + labels]
            assert label.strip() == "" or label.endswith("  "), lines  # a label or blank
            assert "tag-number" not in label and "days)" not in label, lines
        await pilot.press("escape")
        await open_contact(app, pilot, bo.id)
        text = screen_text(app)
        box = text[text.index("╭─ Follow-ups") : text.index("╭─ Timeline")].splitlines()
        assert len(box) == 4, box  # its edges, the follow-up on one line, `d` marks done
        assert "○ Mon 2026-11-30  from other 2026-11-27  word0 word1" in box[1]
        assert box[1].rstrip(" │").endswith("…"), box
