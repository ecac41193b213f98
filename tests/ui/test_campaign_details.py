"""Campaign details in the TUI: location, compensation, deadline (the CLI's date forms, a
past date allowed) and documents in the form; campaign detail shows them and each stage
change's loss reason, and has the pipeline's stage keys."""

from __future__ import annotations

import io
import re
import unicodedata
from datetime import date, timedelta
from typing import Any

import pytest
from rich.console import Console
from textual.widgets import Input, Static

from netrack.screens import timeline
from netrack.screens.campaign_detail import CampaignDetailScreen
from netrack.screens.help import HelpScreen
from netrack.screens.modal.campaign_form import CampaignForm
from netrack.screens.modal.lost import LostDialog
from netrack.screens.modal.quicklog import QuickLog
from netrack.widgets.interactions import InteractionTable
from tests.ui.conftest import screen_text, settle, type_text, wait_until
from tests.ui.test_forms_interactions import field, fill


async def test_new_campaign_with_details_then_edit_and_clear(app, repo, today):
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await type_text(pilot, "Staff Engineer")
        await fill(pilot, "organization", "Acme")
        await fill(pilot, "location", "Berlin or remote")
        await fill(pilot, "compensation", "120-140k EUR + equity")
        await fill(pilot, "deadline", "someday")
        await pilot.press("enter")
        await pilot.pause()
        assert "someday" in screen_text(app)  # the date parser's words, in place
        assert repo.campaigns.count() == 0
        await fill(pilot, "deadline", "+10d")  # relative forms count ahead
        await fill(pilot, "documents", "CV v3, cover letter B")
        await pilot.press("enter")
        await settle(pilot)
        (campaign,) = repo.campaigns.all()
        assert (
            campaign.location,
            campaign.compensation,
            campaign.deadline,
            campaign.documents,
        ) == (
            "Berlin or remote",
            "120-140k EUR + equity",
            date(2026, 12, 7),
            "CV v3, cover letter B",
        )

        await pilot.press("e")
        assert field(app, "deadline") == "2026-12-07"
        await fill(pilot, "deadline", "2026-11-20")  # a past deadline is allowed
        await pilot.press("enter")
        await settle(pilot)
        assert repo.campaigns.get(campaign.id).deadline == date(2026, 11, 20)
        await pilot.press("e")
        await fill(pilot, "deadline", "")
        await fill(pilot, "location", "")
        await pilot.press("enter")
        await settle(pilot)
        saved = repo.campaigns.get(campaign.id)
        assert (saved.deadline, saved.location) == (None, "")
        assert saved.compensation == "120-140k EUR + equity"  # untouched fields stay


async def test_detail_shows_the_details_and_the_loss_reason(app, repo, today):
    a = repo.campaigns.add(
        "Staff Engineer",
        "Acme",
        opened_on=today - timedelta(days=10),
        location="remote",
        compensation="130k",
        deadline=today + timedelta(days=5),
        documents="CV v3",
    )
    repo.campaigns.move(a.id, "lost", on=today - timedelta(days=1), reason="hiring_freeze")
    repo.campaigns.move(a.id, "applied", note="they came back")
    b = repo.campaigns.add("Data Lead", "Initech", deadline=today - timedelta(days=3))
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_campaign(a.id)
        await settle(pilot)
        text = screen_text(app)
        assert "location  remote" in text
        assert "compensation  130k" in text
        assert "deadline  Wed 2026-12-02 (in 5 days)" in text
        assert "documents  CV v3" in text
        assert "research → lost  hiring freeze" in text
        assert "lost → applied  they came back" in text
        app.open_campaign(b.id)
        await settle(pilot)
        assert "deadline  Tue 2026-11-24 (passed 3 days ago)" in screen_text(app)


async def test_a_long_name_in_the_header_ends_in_an_ellipsis(app, repo):
    """The header's title was cut at the edge mid-word, nothing to say there was more,
    and at 80 columns not shown at all: the tabs go by their keys alone to make room,
    and what still does not fit ends in "…"."""
    title = "Principal Engineer, Platform Reliability, Developer Tools and Internal Infrastructure"
    long = repo.campaigns.add(title, "Acme")
    async with app.run_test(size=(100, 30)) as pilot:
        app.open_campaign(long.id)
        await settle(pilot)
        top = screen_text(app).splitlines()[0].rstrip()
        assert top.endswith("…") and len(top) == 100
        assert " 1 Pipeline " not in top and " netrack   1   2   3   4   5    Acme Principal" in top
        await pilot.resize_terminal(200, 30)  # room for both: the tabs in full
        await settle(pilot)
        top = screen_text(app).splitlines()[0].rstrip()
        assert top.endswith(f" 5 Goals    Acme {title}")


async def test_detail_stage_keys_lost_with_note_and_undo(app, repo, today):
    a = repo.campaigns.add("Staff Engineer", "Acme", stage="interviewing", opened_on=today)
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_campaign(a.id)
        await settle(pilot)
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, LostDialog)
        await pilot.press("down", "enter")  # rejected
        await type_text(pilot, "went with an internal candidate")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CampaignDetailScreen)
        text = screen_text(app)
        assert "interviewing → lost  rejected: went with an" in text  # the note wraps
        assert repo.campaigns.history(a.id)[-1].note == "went with an internal candidate"
        assert "reason: rejected" in text
        await pilot.press("u", "y")
        await settle(pilot)
        assert [c.to_stage.value for c in repo.campaigns.history(a.id)] == ["interviewing"]
        await pilot.press("u")
        await pilot.pause()
        assert "nothing to undo: the opening is the campaign's only change" in screen_text(app)


async def test_its_interactions_show_their_notes_not_its_own_name_again(app, repo, today):
    """Every interaction on a campaign's detail is that campaign's: the rows give their
    width to the note; a contact's timeline still names each row's campaign."""
    ana = repo.contacts.add("Ana López")
    a = repo.campaigns.add("Staff Engineer", "Acme", opened_on=today - timedelta(days=10))
    repo.activity.log([ana.id], on=today, kind="call", campaign_id=a.id, note="debrief call")
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_campaign(a.id)
        await settle(pilot)
        rows = [line for line in screen_text(app).splitlines() if "debrief call" in line]
        assert len(rows) == 1 and "Acme Staff Engineer" not in rows[0]
        app.open_contact(ana.id)
        await settle(pilot)
        rows = [line for line in screen_text(app).splitlines() if "debrief call" in line]
        assert len(rows) == 1 and "Acme Staff Engineer · debrief call" in rows[0]


async def test_at_80_columns_the_people_and_the_note_share_the_row(app, repo, today):
    """At 80 columns the "with" column kept its 28 cells and left the note 12: "Ana
    Alpha, Ben Beta, Cleo G…" beside "asked Ana ab…". Cut down together, each reads a
    fair part; at 120 both show as they did."""
    people = [repo.contacts.add(name).id for name in ("Ana Alpha", "Ben Beta", "Cleo Gamma")]
    lead = repo.campaigns.add("Engineer", "Acme")
    repo.activity.log(
        people, on=today, kind="in_person", minutes=30, campaign_id=lead.id,
        note="panel with the three of them about the platform roadmap",
    )  # fmt: skip
    repo.activity.log(
        people[:1], on=today, kind="call", minutes=20, campaign_id=lead.id,
        note="asked Ana about the hiring timeline and the team budget",
    )  # fmt: skip

    def rows() -> list[list[str]]:
        text = screen_text(app).splitlines()
        lines = [line for line in text if line.startswith(f"│  {today}")]  # not the history's
        return [re.split(" {2,}", line.strip("│ ")) for line in lines]

    async with app.run_test(size=(80, 24)) as pilot:
        app.open_campaign(lead.id)
        await settle(pilot)
        await pilot.press("end")  # the table's last row, the page following it
        await wait_until(pilot, lambda: len(rows()) == 2)
        narrow = rows()
        await pilot.resize_terminal(120, 40)
        await wait_until(pilot, lambda: len(rows()) == 2 and rows() != narrow)
        wide = rows()
    assert narrow == [
        [str(today), "call", "Ana Alpha", "20", "asked Ana about the…"],
        [str(today), "in person", "Ana Alpha, Ben Beta…", "30", "panel with the three…"],
    ]
    # Whole where the row has room: no cut at a fixed 28 cells
    assert [row[2] for row in wide] == ["Ana Alpha", "Ana Alpha, Ben Beta, Cleo Gamma"]
    assert wide[0][-1].startswith("asked Ana about the hiring timeline and the team")


async def test_its_interactions_and_contacts_tell_namesakes_apart(app, repo, today):
    """SPEC: lists show the organization when names are shared: the timeline's "with"
    column and the Contacts box said "Sam Lee" for both Sam Lees."""
    hooli = repo.contacts.add("Sam Lee", organization="Hooli")
    acme = repo.contacts.add("Sam Lee", organization="Acme")
    lead = repo.campaigns.add("Staff Engineer", "Acme", opened_on=today - timedelta(days=10))
    repo.campaigns.link_contact(lead.id, hooli.id, "referrer")
    repo.activity.log([hooli.id], kind="call", campaign_id=lead.id, note="hooli sam")
    repo.activity.log([acme.id], kind="call", campaign_id=lead.id, note="acme sam")
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_campaign(lead.id)
        await settle(pilot)
        lines = screen_text(app).splitlines()
        assert "Sam Lee (Hooli)" in next(line for line in lines if "hooli sam" in line)
        assert "Sam Lee (Acme)" in next(line for line in lines if "acme sam" in line)
        assert any("Sam Lee (Hooli)  referrer" in line for line in lines)


async def test_an_archived_namesake_is_still_told_apart(app, repo, today):
    """Archived people keep their history: once Sam Lee of Hooli was archived, both
    Sam Lees' rows said "Sam Lee" again."""
    hooli = repo.contacts.add("Sam Lee", organization="Hooli")
    acme = repo.contacts.add("Sam Lee", organization="Acme")
    lead = repo.campaigns.add("Staff Engineer", "Acme", opened_on=today - timedelta(days=10))
    repo.campaigns.link_contact(lead.id, hooli.id, "referrer")
    repo.activity.log([hooli.id], kind="call", campaign_id=lead.id, note="hooli sam")
    repo.activity.log([acme.id], kind="call", campaign_id=lead.id, note="acme sam")
    repo.tidy.archive_contact(hooli.id)
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_campaign(lead.id)
        await settle(pilot)
        lines = screen_text(app).splitlines()
        assert "Sam Lee (Hooli)" in next(line for line in lines if "hooli sam" in line)
        assert "Sam Lee (Acme)" in next(line for line in lines if "acme sam" in line)
        assert any("Sam Lee (Hooli)  referrer" in line for line in lines)


async def test_namesakes_apart_by_an_accent_or_its_encoding_are_told_apart(app, repo, today):
    """The Contacts box and the timeline said "José Silva" for both when one was typed
    with a combining accent (as macOS pastes it), and "Lena Roy" beside Léna Roy: two
    names equal but for case and accents are namesakes, as everywhere else."""
    acme = repo.contacts.add("José Silva", organization="Acme")
    beta = repo.contacts.add("Jose\u0301 Silva", organization="Beta")
    lena = repo.contacts.add("Lena Roy", organization="Gamma")
    repo.contacts.add("Léna Roy", organization="Delta")
    lead = repo.campaigns.add("Staff Engineer", "Acme", opened_on=today - timedelta(days=10))
    for person, role in ((acme, "referrer"), (beta, "insider"), (lena, "recruiter")):
        repo.campaigns.link_contact(lead.id, person.id, role)
    repo.activity.log([beta.id], kind="call", campaign_id=lead.id, note="beta jose")
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_campaign(lead.id)
        await settle(pilot)
        lines = unicodedata.normalize("NFC", screen_text(app)).splitlines()
        assert "José Silva (Beta)" in next(line for line in lines if "beta jose" in line)
        assert any("José Silva (Acme)  referrer" in line for line in lines)
        assert any("José Silva (Beta)  insider" in line for line in lines)
        assert any("Lena Roy (Gamma)  recruiter" in line for line in lines)


def test_the_stage_line_counts_one_day_in_the_singular(repo, today):
    from netrack.screens.campaign_detail import summary

    opened = repo.campaigns.add("Role", "Acme", stage="applied", opened_on=today - timedelta(1))
    assert "stage Applied for 1 day (since" in summary(repo.campaigns.get(opened.id), today).plain
    assert "for 2 days" in summary(opened, today + timedelta(1)).plain


def test_a_timeline_row_ticks_a_follow_up_a_later_touch_closed():
    """The Follow-ups box said done; the timeline row of the same follow-up had no ✓."""
    from netrack.domain.entries import Interaction
    from netrack.domain.models import Kind
    from netrack.widgets.interactions import about_text

    day = date(2026, 12, 1)
    row = Interaction(id=1, on=day, kind=Kind.CALL, contact_ids=(1,), follow_up_on=day)
    assert about_text(row).plain == " fu 12-01"
    closed = Interaction(
        id=1,
        on=day,
        kind=Kind.CALL,
        contact_ids=(1,),
        follow_up_on=day,
        follow_up_closed_on=day + timedelta(days=4),
    )
    assert about_text(closed).plain == " fu 12-01 ✓"


async def test_a_refusal_under_a_long_summary_is_brought_into_sight(app, repo, today):
    """At 80x24 the line under a long summary was below the screen: `u` seemed to do
    nothing."""
    notes = " ".join(f"campaign note {n}" for n in range(120))
    campaign = repo.campaigns.add("Lead", "Acme", notes=notes)
    async with app.run_test(size=(80, 24)) as pilot:
        app.open_campaign(campaign.id)
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        status = app.screen.query_one("#stage-status")
        assert "nothing to undo" in str(status.render())
        assert status.region.height > 0  # on the screen, not below it
        assert app.screen.region.contains_region(status.region)


async def test_a_new_organization_saved_while_a_known_one_is_suggested_asks_once(app, repo):
    """ "North" with "Northwind Analytics" suggested in the field: the save made a new
    organization "North" beside it, the suggestion on screen not what was saved."""
    from netrack.screens.modal.campaign_form import CampaignForm

    repo.campaigns.add("Data Lead", "Northwind Analytics")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await fill(pilot, "title", "Test Role")
        await fill(pilot, "organization", "North")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "'North' is new: → takes Northwind Analytics, or save again to add" in screen_text(
            app
        )
        assert len(repo.campaigns.all()) == 1  # nothing written
        await pilot.press("right")  # takes the suggestion
        await settle(pilot)
        assert field(app, "organization") == "Northwind Analytics"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, CampaignForm)
        assert {c.organization for c in repo.campaigns.all()} == {"Northwind Analytics"}

        await pilot.press("n")  # a new one meant: a second save makes it
        await settle(pilot)
        await fill(pilot, "title", "Other Role")
        await fill(pilot, "organization", "North")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, CampaignForm)
    names = sorted(o.name for o in repo.organizations.all())
    assert names == ["North", "Northwind Analytics"]


async def test_the_edit_form_puts_the_opening_day_right(app, repo, today):
    """The move dialog's refusal of a day before the opening says to change the day it
    opened first: the edit form has the field, and the opening moves in the history."""
    a = repo.campaigns.add("Staff Engineer", "Acme", opened_on=today - timedelta(days=3))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        assert field(app, "opened_on") == (today - timedelta(days=3)).isoformat()
        await fill(pilot, "opened_on", "2026-11-02")
        await pilot.press("enter")
        await settle(pilot)
        assert repo.campaigns.get(a.id).opened_on == date(2026, 11, 2)
        assert [(c.to_stage.value, c.on) for c in repo.campaigns.history(a.id)] == [
            ("research", date(2026, 11, 2))
        ]


async def test_the_new_organization_question_still_takes_the_suggestion_after_leaving(app, repo):
    """Saved from a later field, "'Kestrel' is new: → takes Kestrel Labs" sent the user
    back to Organization, where → did nothing: Textual forgets a suggestion on focus."""
    from netrack.screens.modal.campaign_form import CampaignForm

    repo.campaigns.add("Data Lead", "Kestrel Labs")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await fill(pilot, "title", "Test Role")
        await fill(pilot, "organization", "Kestrel")
        await fill(pilot, "location", "remote")  # left for a later field
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "'Kestrel' is new: → takes Kestrel Labs" in screen_text(app)
        app.screen.query_one("#field-organization").focus()
        await settle(pilot)
        await pilot.press("end", "right")
        await settle(pilot)
        assert field(app, "organization") == "Kestrel Labs"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, CampaignForm)
    assert sorted(o.name for o in repo.organizations.all()) == ["Kestrel Labs"]


async def test_none_in_the_forms_means_no_organization_as_on_the_command_line(app, repo, today):
    """The forms made an organization literally called "none" (the CLI's `--org none`
    clears a contact's and is refused for a campaign)."""
    from netrack.screens.contacts import ContactsScreen
    from netrack.screens.modal.campaign_form import CampaignForm

    ana = repo.contacts.add("Ana López", organization="Acme")
    raj = repo.contacts.add("Raj Patel", organization="Globex", introduced_by="Ana López")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await fill(pilot, "title", "Y Role")
        await fill(pilot, "organization", "none")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CampaignForm)
        assert "a campaign belongs to an organization (none is not one)" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("y")  # throw the typing away
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)
        assert isinstance(app.screen, ContactsScreen)
        app.open_contact(raj.id)
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        await fill(pilot, "organization", "None")
        await fill(pilot, "introduced_by", "none")
        await pilot.press("ctrl+s")
        await settle(pilot)
    saved = repo.contacts.get(raj.id)
    assert not saved.organization and not saved.introduced_by
    assert repo.contacts.get(ana.id).organization == "Acme"
    assert "none" not in {o.name.casefold() for o in repo.organizations.all()}
    assert repo.campaigns.all() == []


async def test_l_on_one_of_two_campaigns_sharing_a_name_logs_on_that_one(app, repo):
    """`+"Acme Data Engineer" @` named both twins: the line could never be saved."""
    ana = repo.contacts.add("Ana López", organization="Acme")
    repo.campaigns.add("Data Engineer", "Acme")
    twin = repo.campaigns.add("Data Engineer", "Acme")
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_campaign(twin.id)
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        assert isinstance(app.screen, QuickLog)
        assert app.screen.query_one(Input).value == f"+id:{twin.id} @"
        await type_text(pilot, "ana")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CampaignDetailScreen)
    (entry,) = repo.activity.interactions(contact_id=ana.id)
    assert entry.campaign_id == twin.id


async def test_l_on_a_twin_campaign_offers_its_people_first(app, repo):
    """`l` on a campaign's page offers its people first on tab; on one of two "Acme Data
    Engineer" it fills `+id:N @`, which no campaign's name holds: everyone came in
    name order, its referrer last."""
    repo.contacts.add("Ana López")
    repo.campaigns.add("Data Engineer", "Acme")
    twin = repo.campaigns.add("Data Engineer", "Acme")
    yuki = repo.contacts.add("Yuki Mori")
    repo.campaigns.link_contact(twin.id, yuki.id, "referrer")
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_campaign(twin.id)
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        await pilot.press("tab")
        assert app.screen.query_one(Input).value == f'+id:{twin.id} @"Yuki Mori" '


async def test_the_campaign_pages_time_box_does_not_count_time_off_as_spent(app, repo, today):
    """The box read "Time (3 · 6h)" where the scorecard counted 1h invested: busywork
    and time off are named apart, in the scorecard's words."""
    campaign = repo.campaigns.add("Eng", "Acme", source="referral")
    repo.time.add(60, "search", on=today, campaign_id=campaign.id)
    repo.time.add(180, "off", on=today, campaign_id=campaign.id)
    repo.time.add(120, "busywork", on=today, campaign_id=campaign.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # the only card, under the cursor
        await settle(pilot)
        assert isinstance(app.screen, CampaignDetailScreen)
        title = str(app.screen.query_one("#time").border_title)
        shown = screen_text(app)
    assert title == "Time (3)"
    assert "│ in all 1h search and networking, 2h busywork, 3h off" in shown, shown


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_the_campaign_pages_time_heading_and_hours_show_whole(app, repo, today, size):
    """Time of three kinds made the box's title "Time (5 · 3.5h search and networking,
    0.92h busywork,… " at 120x40: its last figure lost to an ellipsis. The title counts
    the entries; the hours are the box's first line, broken between two kinds only.
    At 80x24, with no interaction to hold the focus, `end` moved nothing and the box's
    last lines stayed below the screen: the page takes the keys."""
    campaign = repo.campaigns.add("Staff Engineer", "Acme", opened_on=today)
    for minutes, category, days_ago in (
        (120, "search", 0),
        (90, "networking", 0),
        (45, "busywork", 0),
        (65, "off", 1),
        (10, "busywork", 2),
    ):
        day = today - timedelta(days=days_ago)
        repo.time.add(minutes, category, on=day, campaign_id=campaign.id)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # the only card, under the cursor
        await settle(pilot)
        assert isinstance(app.screen, CampaignDetailScreen)
        await pilot.press("end")
        await settle(pilot)
        shown = screen_text(app)
        box = app.screen.query_one("#time").region  # as drawn, the page scrolled
    assert box.bottom <= size[1] - 1, shown  # above the key bar, its last line in sight
    title, *body, bottom = [
        line[box.x : box.right] for line in shown.splitlines()[box.y : box.bottom]
    ]
    assert title.startswith("╭─ Time (5) ─") and bottom.startswith("╰"), shown
    lines = [line.strip("│ ") for line in body]
    spent = " ".join(lines[: lines.index("2026-11-27  45m of busywork")])
    assert spent in (
        "in all 3.5h search and networking, 0.92h busywork 1.08h off",  # at 120x40
        "in all 3.5h search and networking, 0.92h busywork, 1.08h off",  # at 80x24
    ), shown
    assert lines[-1] == "2026-11-25  10m of busywork", shown  # the oldest entry
    assert "…" not in title + "".join(body), shown


async def test_the_campaign_page_invests_the_hours_the_scorecard_does(
    app, repo, today, monkeypatch
):
    """The time box read "Time (1 · 0.33h invested)" where the scorecard's hours
    invested were 0.83 for the same campaign: its 30 minutes of interactions, left out.
    The summary says the card's figure, counting interactions the page does not list;
    the box names its entries' hours for what they are."""
    campaign = repo.campaigns.add("Eng", "Acme", source="job_board")
    bo = repo.contacts.add("Bo").id
    for day in range(3):  # more minutes than the newest interaction's
        repo.activity.log([bo], on=today - timedelta(days=day), minutes=10, campaign_id=campaign.id)
    repo.time.add(20, "search", on=today, campaign_id=campaign.id)
    repo.time.add(60, "off", on=today, campaign_id=campaign.id)
    monkeypatch.setattr(timeline, "TIMELINE_ROWS", 1)  # the page lists one interaction
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_campaign(campaign.id)
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CampaignDetailScreen)
        assert len(screen.query_one(InteractionTable).items) == 1
        box = str(screen.query_one("#time").border_title)
        summary = str(screen.query_one("#summary").render())
        await pilot.press("end")
        await settle(pilot)
        shown = screen_text(app)
    assert box == "Time (2)"
    assert "in all 0.33h search and networking, 1h off" in shown, shown
    assert "opened 2026-11-27 · source job_board · 0.83h invested" in summary, summary


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_the_campaign_page_lists_its_referrals_and_time(app, repo, today, size):
    """`campaign delete` refused for "1 referral, 1 time entry" that the page did not
    show: they are listed below the interactions, in the contact page's words, a
    namesake told apart, and fit at 80x24 (scrolled to) as at 120x40."""
    campaign = repo.campaigns.add("Data Engineer", "Northwind", source="referral")
    sam = repo.contacts.add("Sam Lee", organization="Acme").id
    other = repo.contacts.add("Sam Lee", organization="Beta").id
    repo.referrals.add(sam, "in", on=today, campaign_id=campaign.id, note="cto")
    repo.referrals.add(other, "out", on=today - timedelta(days=1), campaign_id=campaign.id)
    repo.referrals.add(sam, "in", on=today)  # for no campaign: not this page's
    repo.time.add(60, "search", on=today, campaign_id=campaign.id)
    repo.time.add(90, "networking", on=today - timedelta(days=2), campaign_id=campaign.id,
                  note="coffee prep")  # fmt: skip
    repo.time.add(45, "busywork", on=today)
    async with app.run_test(size=size) as pilot:
        app.open_campaign(campaign.id)
        await settle(pilot)
        screen = app.screen
        assert str(screen.query_one("#referrals").border_title) == "Referrals (2)"
        assert str(screen.query_one("#time").border_title) == "Time (2)"
        await pilot.press("end")  # past the interactions' last row: the page moves on
        await settle(pilot)
        shown = screen_text(app)
    for line in (
        "in all 2.5h search and networking",
        "2026-11-27  ← Sam Lee (Acme) referred you · cto",
        "2026-11-26  → you helped Sam Lee (Beta)",
        "2026-11-27  1h of search",
        "2026-11-25  1h30m of networking · coffee prep",
    ):
        assert line in shown, shown
    assert "45m of busywork" not in shown


async def test_the_pages_refusal_goes_once_a_later_write_is_saved(app, repo, today):
    """`u` on a campaign with only its opening said "nothing to undo" under the summary;
    its details edited and saved next, the line still said it. As on the Pipeline, a
    write saved in the app clears it; one typed right behind a move is still said."""
    from netrack.screens.stage_keys import NOTHING_TO_UNDO

    campaign = repo.campaigns.add("Staff Engineer", "Acme", opened_on=today)
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_campaign(campaign.id)
        await settle(pilot)
        status = app.screen.query_one("#stage-status")
        await pilot.press("u")
        await settle(pilot)
        assert status.display and NOTHING_TO_UNDO in screen_text(app)
        await pilot.press("e")
        await fill(pilot, "location", "Berlin")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CampaignDetailScreen)
        assert repo.campaigns.get(campaign.id).location == "Berlin"
        assert not status.display and NOTHING_TO_UNDO not in screen_text(app)
        # `>` then `u` `u` at once: the move's news comes after the refusal it precedes
        await type_text(pilot, ">")
        await settle(pilot)
        await type_text(pilot, "<<<<")
        await settle(pilot)
        assert status.display
        refusal = str(status.render())
        assert "first stage" in refusal, refusal


async def test_the_edit_form_names_a_twin_campaign_by_its_id(app, repo, today):
    """Two "Acme Eng": the cards, the stage keys and the CLI say "Acme Eng [id:2]", but
    the edit form's title and its "added" / "saved" toasts said "Acme Eng", and so did
    its refusal over the twin deleted elsewhere."""
    repo.campaigns.add("Eng", "Acme", opened_on=today)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await type_text(pilot, "Eng")
        await fill(pilot, "organization", "Acme")
        await pilot.press("enter")
        await settle(pilot)
        twin = max(c.id for c in repo.campaigns.all())
        told = f"Acme Eng [id:{twin}]"
        assert [n.message for n in app._notifications][-1] == f"added campaign {told} [research]"

        app.open_campaign(twin)
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, CampaignForm)
        assert app.screen.form_title == f"Edit {told}"
        await fill(pilot, "priority", "2")
        await pilot.press("enter")
        await settle(pilot)
        assert repo.campaigns.get(twin).priority == 2
        assert [n.message for n in app._notifications][-1] == f"saved campaign {told}"

        await pilot.press("e")
        await settle(pilot)
        repo.tidy.delete_campaign(twin)  # the CLI, beside the TUI
        await fill(pilot, "priority", "3")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CampaignForm)  # refused: still open
        assert str(app.screen.query_one("#form-error").render()) == (
            f"{told} was deleted elsewhere since this form opened: nothing saved "
            "(escape closes the form)"
        )


async def test_r_and_shift_t_on_the_campaign_page_add_a_referral_and_time_for_it(app, repo, today):
    """The page listed a campaign's referrals and hours but gave no key to add one: its
    empty boxes sent the user to the palette, whose forms start blank. `r` and `T` open
    the forms with the campaign filled in (a twin named by its id), and the boxes show
    what was saved."""
    from netrack.screens.modal.referral_form import ReferralForm
    from netrack.screens.modal.time_form import TimeForm

    repo.campaigns.add("Eng", "Acme", opened_on=today)
    twin = repo.campaigns.add("Eng", "Acme", opened_on=today).id
    repo.contacts.add("Mei Chen")
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_campaign(twin)
        await settle(pilot)
        assert "none: r adds one for this campaign" in screen_text(app)
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, ReferralForm)
        assert field(app, "campaign") == f"Acme Eng [id:{twin}]"
        await fill(pilot, "from", "Mei Chen")
        await fill(pilot, "direction", "in")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CampaignDetailScreen)
        assert "none: T adds hours spent on this campaign" in screen_text(app)
        await pilot.press("T")
        await settle(pilot)
        assert isinstance(app.screen, TimeForm)
        assert field(app, "campaign") == f"Acme Eng [id:{twin}]"
        await fill(pilot, "duration", "1h30m")
        await fill(pilot, "category", "search")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CampaignDetailScreen)
        assert str(app.screen.query_one("#referrals").border_title) == "Referrals (1)"
        assert str(app.screen.query_one("#time").border_title) == "Time (1)"
        assert "in all 1.5h search and networking" in screen_text(app)
    (referral,) = repo.referrals.all()
    assert (referral.campaign_id, referral.direction.value, referral.on) == (twin, "in", today)
    (entry,) = repo.time.all()
    assert (entry.campaign_id, entry.minutes, entry.category.value) == (twin, 90, "search")


async def test_the_campaign_pages_time_reads_as_time_add_says_it(app, repo, today):
    """`?` said `T` takes "search, networking, busywork": the form takes time off too.
    The box lists each entry as `time add` confirms it: "2h of time off", not "120m of
    off"."""
    campaign = repo.campaigns.add("Eng", "Acme", opened_on=today)
    repo.time.add(120, "off", on=today, campaign_id=campaign.id)
    repo.time.add(90, "networking", on=today, campaign_id=campaign.id)
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_campaign(campaign.id)
        await settle(pilot)
        await pilot.press("end")
        await settle(pilot)
        shown = screen_text(app)
        assert "2026-11-27  2h of time off" in shown and "1h30m of networking" in shown
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        console = Console(width=78, file=io.StringIO(), color_system=None, record=True)
        console.print(app.screen.query_one(Static).content)
        helped = " ".join(console.export_text().split())
    assert "Add time: hours of search, networking, busywork or time off for this" in helped


async def _add_from_the_page(pilot: Any, key: str) -> None:
    """`r` or `T` on the campaign page shown, the form filled in but not saved."""
    await pilot.press(key)
    await settle(pilot)
    if key == "r":
        await fill(pilot, "from", "Bo Chen")
        await fill(pilot, "direction", "in")
    else:
        await fill(pilot, "duration", "1h")
        await fill(pilot, "category", "search")


def _saved_for(repo: Any, key: str) -> list[int | None]:
    saved = repo.referrals.all() if key == "r" else repo.time.all()
    return [record.campaign_id for record in saved]


@pytest.mark.parametrize("key", ["r", "T"])
async def test_a_form_from_the_campaign_page_saves_for_it_though_renamed_meanwhile(
    app, repo, shell, key
):
    """ "Acme Engineer" renamed elsewhere while its page's form was open: the form
    resolved its Campaign field again, by prefix, and saved for "Acme Engineer II"
    (or, with no such other, refused: "no campaign matches"). It saves for the page's
    campaign, which it keeps by id while the field is left as filled in."""
    lead = repo.campaigns.add("Engineer", "Acme").id
    repo.campaigns.add("Engineer II", "Acme")
    repo.contacts.add("Bo Chen", organization="Acme")
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_campaign(lead)
        await settle(pilot)
        await _add_from_the_page(pilot, key)
        shell.campaigns.update(lead, title="Platform Lead")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, CampaignDetailScreen))
    assert _saved_for(repo, key) == [lead]


@pytest.mark.usefixtures("ids_given_again")  # a file whose writer gives ids again
@pytest.mark.parametrize("key", ["r", "T"])
async def test_a_form_from_the_campaign_page_refuses_once_the_campaign_is_gone(
    app, repo, shell, key
):
    """The page's campaign deleted elsewhere, then a newcomer given its id: the form
    says which, in place, and saves nothing for either."""
    repo.contacts.add("Bo Chen", organization="Acme")
    lead = repo.campaigns.add("Engineer", "Acme").id
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_campaign(lead)
        await settle(pilot)
        await _add_from_the_page(pilot, key)
        shell.tidy.delete_campaign(lead)
        await pilot.press("enter")
        await settle(pilot)
        assert str(app.screen.query_one("#form-error").render()) == (
            "Acme Engineer was deleted elsewhere since this form opened: nothing saved "
            "(escape closes the form)"
        )
        assert shell.campaigns.add("Designer", "Beta").id == lead
        await pilot.press("enter")
        await settle(pilot)
        assert str(app.screen.query_one("#form-error").render()) == (
            "this campaign changed elsewhere since the form opened (Acme Engineer is now "
            "Beta Designer): nothing saved; escape, and open it again"
        )
    assert _saved_for(repo, key) == []
