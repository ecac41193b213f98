"""The contact and campaign pages read as the rest of netrack: kinds in words, boxes
without a trailing blank line, a stage entered today."""

from __future__ import annotations

from datetime import timedelta

import pytest

from netrack.screens.modal.interaction_form import InteractionForm
from netrack.widgets.interactions import InteractionTable
from tests.ui.conftest import screen_text, settle, wait_until


def under(text: str, needle: str) -> str:
    """What the screen shows below the box line holding `needle`, at that box's edge."""
    lines = text.splitlines()
    row = next(n for n, line in enumerate(lines) if needle in line)
    return lines[row + 1][lines[row].index(needle) - 2]


async def test_the_edit_form_names_the_kind_as_the_tables_do(app, repo, today):
    """The form was titled "Edit the in_person of …" over a row saying "in person"."""
    ana = repo.contacts.add("Ana Alpha")
    repo.activity.log([ana.id], on=today, kind="in_person", note="coffee")
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_contact(ana.id)
        await settle(pilot)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, InteractionForm))
        await settle(pilot)
        assert f"Edit the in person of {today} with Ana Alpha" in screen_text(app)
        assert "in_person of" not in screen_text(app)


async def test_the_campaigns_and_contacts_boxes_end_on_their_last_line(app, repo, today):
    """Both ended with a blank line, and the Referrals box beside them grew to match."""
    ana = repo.contacts.add("Ana Alpha")
    lead = repo.campaigns.add("Engineer", "Acme", stage="lost")
    repo.campaigns.link_contact(lead.id, ana.id, "recruiter")
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_contact(ana.id)
        await settle(pilot)
        assert under(screen_text(app), "Acme Engineer  [lost]") == "╰"
        app.open_campaign(lead.id)
        await settle(pilot)
        text = screen_text(app)
        assert under(text, "Ana Alpha  recruiter") == "╰", text
        # moved today: not "for 0 days"
        assert f"stage Lost since today ({today})" in text
        assert "0 days" not in text


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_done_follow_ups_say_where_they_came_from(app, repo, today, size):
    """A done follow-up read "✓ 2026-12-12 done 2026-12-06": which one, nothing said."""
    ana = repo.contacts.add("Ana Alpha")
    repo.activity.log(
        [ana.id],
        on=today - timedelta(3),
        kind="call",
        follow_up_on=today - timedelta(1),
        note="ask about the budget",
    )
    repo.activity.log(
        [ana.id],
        on=today - timedelta(2),
        kind="in_person",
        follow_up_on=today + timedelta(5),
        note="send the CV " + "and much more " * 20,
    )
    repo.activity.mark_contact_follow_ups_done(ana.id)
    async with app.run_test(size=size) as pilot:
        app.open_contact(ana.id)
        await settle(pilot)
        lines = screen_text(app).splitlines()
        budget = next(line for line in lines if f"✓ {today - timedelta(1)}" in line)
        assert f"from call {today - timedelta(3)}  ask about the budget" in budget
        cv = next(line for line in lines if f"✓ {today + timedelta(5)}" in line)
        assert f"from in person {today - timedelta(2)}  send the CV" in cv
        assert cv.rstrip(" │").endswith("…")  # on its one line, cut to fit


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_the_timeline_names_the_others_who_were_there(app, repo, today, size):
    """Ana's timeline said "in person 30 met both": Ben was on no line of her page."""
    ana = repo.contacts.add("Ana Alpha")
    ben = repo.contacts.add("Ben Beta", organization="Gamma")
    repo.contacts.add("Ben Beta", organization="Delta")  # a namesake: told apart
    note = "a long note about the platform roadmap and the hiring timeline " * 3
    repo.activity.log([ana.id, ben.id], on=today, kind="in_person", minutes=30, note=note)
    repo.activity.log([ana.id], on=today - timedelta(1), kind="call", note="alone")
    async with app.run_test(size=size) as pilot:
        app.open_contact(ana.id)
        await settle(pilot)
        await pilot.press("pagedown")  # the timeline in sight at 80×24
        await settle(pilot)
        lines = screen_text(app).splitlines()
        assert "with" in next(line for line in lines if "kind" in line and "min" in line)
        both = next(line for line in lines if "in person" in line)
        assert "Ben Beta (Gamma)" in both and "Ana Alpha" not in both
        assert "a long note" in both and both.rstrip(" │").endswith("…")  # the note cut
        alone = next(line for line in lines if "alone" in line)
        assert "Ana Alpha" not in alone and "Ben" not in alone
        app.open_contact(ben.id)
        await settle(pilot)
        await pilot.press("pagedown")
        await settle(pilot)
        both = next(line for line in screen_text(app).splitlines() if "in person" in line)
        assert "Ana Alpha" in both and "Ben Beta" not in both


async def test_a_timeline_of_one_to_one_talks_has_no_empty_with_column(app, repo, today):
    ana = repo.contacts.add("Ana Alpha")
    repo.activity.log([ana.id], on=today, kind="call", note="alone")
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_contact(ana.id)
        await settle(pilot)
        header = next(line for line in screen_text(app).splitlines() if "kind" in line)
        assert "with" not in header


async def test_every_interaction_of_a_long_timeline_can_be_reached(app, repo, today, monkeypatch):
    """Past the newest 500 the oldest were on no screen: not seen, edited nor deleted."""
    from netrack.screens import timeline

    monkeypatch.setattr(timeline, "TIMELINE_ROWS", 5)
    zed = repo.contacts.add("Zed Many")
    for n in range(12):
        repo.activity.log([zed.id], on=today - timedelta(days=n), kind="email", note=f"n{n}")
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_contact(zed.id)
        await settle(pilot)
        await pilot.press("end")  # the cursor to the last row
        await settle(pilot)
        assert "Timeline (5 newest of 12)" in screen_text(app)
        assert "… 7 older: ⏎ shows 5 more" in screen_text(app)
        await pilot.press("enter")
        await wait_until(pilot, lambda: "Timeline (10 newest of 12)" in screen_text(app))
        table = app.screen.query_one(InteractionTable)
        assert table.selected is not None and table.selected.note == "n5"  # the first shown
        await pilot.press("end", "enter")
        await wait_until(pilot, lambda: "Timeline (12)" in screen_text(app))
        assert "older" not in screen_text(app)
        await pilot.press("end", "delete")  # the oldest, deleted from the page
        await settle(pilot)
        await pilot.press("y")
        # reloaded after the write: every row still listed, not the first five again
        await wait_until(pilot, lambda: "Timeline (11)" in screen_text(app))
        assert [i.note for i in repo.activity.interactions(contact_id=zed.id)][-1] == "n10"


async def test_a_campaigns_interactions_past_the_newest_are_shown_on_enter(
    app, repo, today, monkeypatch
):
    from netrack.screens import timeline

    monkeypatch.setattr(timeline, "TIMELINE_ROWS", 3)
    ana = repo.contacts.add("Ana Alpha")
    lead = repo.campaigns.add("Engineer", "Acme")
    for n in range(4):
        repo.activity.log([ana.id], on=today, kind="call", campaign_id=lead.id, note=f"c{n}")
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_campaign(lead.id)
        await settle(pilot)
        assert "Interactions (3 newest of 4)" in screen_text(app)
        await pilot.press("end", "enter")
        await wait_until(pilot, lambda: "Interactions (4)" in screen_text(app))
        assert "c0" in screen_text(app)


SIZES = [(80, 24), (100, 30), (120, 40)]


@pytest.mark.parametrize("size", SIZES)
async def test_every_timeline_row_shows_the_start_of_its_note(app, repo, today, size):
    """At 80 columns a row linked to a campaign read "Tessera Bank Engineerin…" and no
    note, beside a "with" column blank on every row but one; at 100 the note kept 6
    characters. The campaign takes about half the column, the blank column gives way."""
    james = repo.contacts.add("James O'Connor")
    leila = repo.contacts.add("Leila Ahmadi-Vandenberghe")
    lead = repo.campaigns.add("Engineering Manager, Payments", "Tessera Bank")
    notes = ["negotiation: scope and salary", "lunch with James", "second round: payments"]
    for n, note in enumerate(notes):
        people = [james.id, leila.id] if n == 2 else [james.id]
        repo.activity.log(
            people, on=today - timedelta(n), kind="video", minutes=45, campaign_id=lead.id,
            note=f"{note} and a long tail of words that cannot all fit on the row",
        )  # fmt: skip
    async with app.run_test(size=size) as pilot:
        app.open_contact(james.id)
        await settle(pilot)
        await pilot.press("tab", "end")  # the timeline's last row, the page following
        await wait_until(pilot, lambda: "second round" in screen_text(app))
        rows = [line for line in screen_text(app).splitlines() if "  video  " in line]
    assert len(rows) == 3
    for row, note in zip(rows, notes, strict=True):
        assert "Tessera Bank" in row and f" · {note[:10]}" in row, row


@pytest.mark.parametrize("size", SIZES[1:])
async def test_the_with_column_shows_whole_names_where_the_row_has_room(app, repo, today, size):
    """At 120 columns "Bob Stone, Ana López (Globe…" was cut at 28 cells beside 40 empty
    ones: the organization that tells the namesakes apart was lost."""
    ana = repo.contacts.add("Ana López", organization="Acme")
    other = repo.contacts.add("Ana López", organization="Globex")
    bob = repo.contacts.add("Bob Stone", organization="Acme")
    repo.activity.log(
        [ana.id, bob.id, other.id], on=today, kind="in_person", minutes=45, note="met with both"
    )
    async with app.run_test(size=size) as pilot:
        app.open_contact(ana.id)
        await settle(pilot)
        row = next(line for line in screen_text(app).splitlines() if "in person" in line)
    assert "Bob Stone, Ana López (Globex)" in row and "met with both" in row


@pytest.mark.parametrize("size", SIZES)
async def test_the_older_row_of_a_campaign_reads_whole(app, repo, today, size, monkeypatch):
    """At 80 columns the campaign page's last row read "… 114 older: ⏎ sho…" in the
    narrow note column: the only sign older interactions exist, cut before the key."""
    from netrack.screens import timeline

    monkeypatch.setattr(timeline, "TIMELINE_ROWS", 3)
    rajesh = repo.contacts.add("Rajesh Iyer", organization="Northwind Analytics")
    ana = repo.contacts.add("Ana Alpha")
    lead = repo.campaigns.add("Staff Data Engineer", "Northwind Analytics")
    for n in range(6):
        repo.activity.log(
            [rajesh.id, ana.id], on=today - timedelta(n), kind="in_person", minutes=30,
            campaign_id=lead.id, note=f"bulk #{n:04} a fairly long note about the platform",
        )  # fmt: skip
    async with app.run_test(size=size) as pilot:
        app.open_campaign(lead.id)
        await settle(pilot)
        await pilot.press("tab", "tab", "end")
        await wait_until(pilot, lambda: "Interactions (3 newest of 6)" in screen_text(app))
        await settle(pilot)
        assert "… 3 older: ⏎ shows them" in screen_text(app)
