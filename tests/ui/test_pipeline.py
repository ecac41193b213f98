"""Pipeline keys: cursor, stage moves, won / pause / lost, new, edit, open."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from rich.color import ColorSystem

from netrack.app import create_app
from netrack.domain.models import Stage
from netrack.screens.campaign_detail import CampaignDetailScreen
from netrack.screens.pipeline import PipelineScreen
from netrack.widgets.kanban import GAP, Kanban
from netrack.widgets.kanban_column import HEAD_LINES
from tests.ui.conftest import screen_text, settle, type_text, wait_until
from tests.ui.test_crash_and_no_color import drawn_segments
from tests.ui.test_forms_interactions import fill, said_in_a_toast


def seed(repo, today):
    opened = today - timedelta(days=10)
    a = repo.campaigns.add("Staff Engineer", "Acme", opened_on=opened, priority=5)
    b = repo.campaigns.add("Platform Lead", "Globex", stage="target", opened_on=opened)
    c = repo.campaigns.add("Data Engineer", "Initech", opened_on=opened, priority=1)
    return a, b, c


async def test_empty_pipeline_says_which_key(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, PipelineScreen)
        assert "Press n to open one" in screen_text(app)


async def test_cursor_moves_with_arrows_and_hjkl(app, repo, today):
    a, b, c = seed(repo, today)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        kanban = app.screen.query_one(Kanban)
        text = screen_text(app)
        assert "Acme" in text and "Globex" in text and "Initech" in text
        assert kanban.selected.id == a.id  # priority first
        await pilot.press("j")
        assert kanban.selected.id == c.id
        await pilot.press("k")
        assert kanban.selected.id == a.id
        await pilot.press("right")
        assert kanban.selected.id == b.id
        await pilot.press("left", "down")
        assert kanban.selected.id == c.id
        await pilot.press("up")
        assert kanban.selected.id == a.id


async def test_stage_keys_move_and_record_history_and_cursor_follows(app, repo, today):
    a, _b, _c = seed(repo, today)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        kanban = app.screen.query_one(Kanban)
        await pilot.press(">")
        await settle(pilot)
        assert repo.campaigns.get(a.id).stage == Stage.TARGET
        assert kanban.selected.id == a.id and kanban.cursor.column == 1
        await pilot.press("shift+right")
        await settle(pilot)
        assert repo.campaigns.get(a.id).stage == Stage.NETWORKING
        assert kanban.cursor.column == 2
        await pilot.press("<")
        await settle(pilot)
        assert repo.campaigns.get(a.id).stage == Stage.TARGET
        await pilot.press("shift+left")
        await settle(pilot)
        assert repo.campaigns.get(a.id).stage == Stage.RESEARCH
        history = [(h.from_stage, h.to_stage) for h in repo.campaigns.history(a.id)]
        assert history[1:] == [
            (Stage.RESEARCH, Stage.TARGET),
            (Stage.TARGET, Stage.NETWORKING),
            (Stage.NETWORKING, Stage.TARGET),
            (Stage.TARGET, Stage.RESEARCH),
        ]
        # research is the first stage: refused with a notification, nothing written
        await pilot.press("<")
        await settle(pilot)
        assert len(repo.campaigns.history(a.id)) == 5
        assert "research is the first stage" in screen_text(app)  # in place


async def test_won_pause_and_lost_with_reason(app, repo, today):
    a, b, c = seed(repo, today)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("w")  # asks first
        await pilot.pause()
        assert "Close Acme Staff Engineer as won? (research → won today)" in screen_text(app)
        await pilot.press("y")
        await settle(pilot)
        assert repo.campaigns.get(a.id).stage == Stage.WON
        assert "Won 1" in screen_text(app)
        await pilot.press("p", "y")  # cursor now on Initech
        await settle(pilot)
        assert repo.campaigns.get(c.id).stage == Stage.PAUSED
        await pilot.press("right", "x")
        await pilot.pause()
        assert "Why was" in screen_text(app)
        await pilot.press("down", "down", "enter", "enter")  # "withdrawn", no note
        await settle(pilot)
        lost = repo.campaigns.get(b.id)
        assert lost.stage == Stage.LOST and lost.lost_reason == "withdrawn"
        text = screen_text(app)
        assert "Lost 1" in text and "Paused 1" in text
        assert "No active campaigns: every one is closed" in text


async def test_delete_removes_a_campaign_opened_by_mistake_once_confirmed(app, repo, today):
    a, _b, c = seed(repo, today)
    ana = repo.contacts.add("Ana")
    repo.activity.log([ana.id], campaign_id=a.id, on=today)  # Acme has history
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.screen.selected.id == a.id
        await pilot.press("delete")  # history: refused in place, the way out named
        await settle(pilot)
        assert "Staff Engineer has history (1 interaction, 1 contact link): x closes it as" in (
            screen_text(app)
        )
        assert repo.campaigns.get(a.id).stage == Stage.RESEARCH
        await pilot.press("right", "delete")
        await pilot.pause()
        assert "Delete Globex Platform Lead? This cannot be undone." in screen_text(app)
        await pilot.press("n")  # no: nothing happens
        await settle(pilot)
        assert len(repo.campaigns.all()) == 3
        await pilot.press("delete", "y")
        await settle(pilot)
        assert [x.id for x in repo.campaigns.all()] == [a.id, c.id]
        assert "Globex" not in screen_text(app)


async def test_delete_on_a_closed_campaign_with_history_says_it_keeps_it(app, repo, today):
    """A won campaign was told "x closes it as lost, p pauses it"."""
    won = repo.campaigns.add("Staff Engineer", "Acme", opened_on=today - timedelta(days=9))
    repo.campaigns.move(won.id, "won", on=today)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        assert app.screen.selected.id == won.id
        await pilot.press("delete")
        await settle(pilot)
        assert "has history (1 stage change): closed (won), it keeps it" in screen_text(app)
        assert repo.campaigns.get(won.id).stage == Stage.WON


async def test_m_moves_to_any_stage_on_a_day_of_its_own_with_a_note(app, repo, today):
    from netrack.screens.modal.move_form import MoveForm
    from tests.ui.test_form_checks import error_of
    from tests.ui.test_forms_interactions import fill

    a, _b, _c = seed(repo, today)  # Acme opened ten days ago, in research
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("S")
        await settle(pilot)
        assert isinstance(app.screen, MoveForm)
        assert "Move from research: Acme Staff Engineer" in screen_text(app)
        await fill(pilot, "stage", "research")
        await fill(pilot, "on", "+2d")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert error_of(app, "stage") == "the campaign is in research already"
        assert error_of(app, "on").startswith("stage change 2026-11-29 is after today")
        await fill(pilot, "stage", "applied")
        await fill(pilot, "on", "-20d")  # before its opening: the repository says so
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "is before the campaign opened" in screen_text(app)
        await fill(pilot, "on", "yesterday")
        await fill(pilot, "note", "sent the CV")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, MoveForm)
        last = repo.campaigns.history(a.id)[-1]
        assert (last.to_stage, last.on, last.note) == (
            Stage.APPLIED, today - timedelta(days=1), "sent the CV"
        )  # fmt: skip
        # Lost with a reason, dated: what the x dialog cannot date.
        await pilot.press("S")
        await settle(pilot)
        await fill(pilot, "stage", "lost")
        await fill(pilot, "reason", "hiring freeze")
        await pilot.press("ctrl+s")
        await settle(pilot)
        lost = repo.campaigns.get(a.id)
        assert (lost.stage, lost.lost_reason) == (Stage.LOST, "hiring_freeze")
        # Said as `campaign move` and the x dialog say it: the reason written is named.
        await wait_until(
            pilot,
            said_in_a_toast(
                app, "Acme Staff Engineer: applied → lost (hiring_freeze) on 2026-11-27"
            ),
        )


async def test_delete_of_a_campaign_with_contact_links_only_offers_unlinking(app, repo, today):
    """Links alone were answered "x closes it as lost, p pauses it" (a setback or a loss
    on the card), where `campaign delete` offers unlinking its contacts first."""
    campaign = repo.campaigns.add("Eng", "Acme", opened_on=today - timedelta(days=2))
    ana = repo.contacts.add("Ana López", met_on=today - timedelta(days=5))
    repo.campaigns.link_contact(campaign.id, ana.id, "referrer")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("delete")
        await settle(pilot)
        assert (
            "has history (1 contact link): x closes it as lost, p pauses it "
            "(or unlink its contacts first: C on its page)" in screen_text(app)
        )
        assert repo.campaigns.get(campaign.id).stage == Stage.RESEARCH


async def test_lost_dialog_escape_writes_nothing(app, repo, today):
    a, _b, _c = seed(repo, today)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("x", "escape")
        await settle(pilot)
        assert repo.campaigns.get(a.id).stage == Stage.RESEARCH


async def test_new_campaign_form_validates_in_place_then_saves(app, repo):
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await type_text(pilot, "Head of Data")
        await pilot.press("enter")  # no organization yet
        await pilot.pause()
        assert "a campaign needs an organization" in screen_text(app)
        assert repo.campaigns.count() == 0
        await pilot.press("down")
        await type_text(pilot, "Umbrella")
        await pilot.press("down")
        await type_text(pilot, "referal")  # misspelled source: same words as the CLI
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "unknown source channel 'referal'" in screen_text(app)
        await pilot.press("backspace", "backspace", "r", "a", "l", "enter")
        await settle(pilot)
        (campaign,) = repo.campaigns.all()
        assert campaign.display_name == "Umbrella Head of Data"
        assert campaign.source is not None and campaign.source.value == "referral"
        assert "Umbrella" in screen_text(app)


async def test_the_cursor_goes_to_a_new_campaign(app, repo, today):
    """It stayed on the card it was on: `<` pressed next moved that one back."""
    _a, b, _c = seed(repo, today)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("right")  # Globex, in target
        kanban = app.screen.query_one(Kanban)
        assert kanban.selected is not None and kanban.selected.id == b.id
        await pilot.press("n")
        await type_text(pilot, "Zeta Role")
        await pilot.press("down")
        await type_text(pilot, "Zeta Corp")
        await pilot.press("ctrl+s")
        await settle(pilot)
        new = next(c for c in repo.campaigns.all() if c.title == "Zeta Role")
        assert kanban.selected is not None and kanban.selected.id == new.id
        await pilot.press(">")
        await settle(pilot)
        assert repo.campaigns.get(new.id).stage == Stage.TARGET
        assert repo.campaigns.get(b.id).stage == Stage.TARGET  # untouched


async def test_the_cursor_finds_a_new_campaign_from_the_palette_or_a_closed_stage(app, repo, today):
    """From the palette the cursor stayed put; opened as paused, the card was on no
    board shown, and `<` moved the card the cursor was on."""
    _a, b, _c = seed(repo, today)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        kanban = app.screen.query_one(Kanban)
        await pilot.press("right")  # Globex
        await pilot.press("ctrl+p")
        await type_text(pilot, "New campaign")
        await pilot.press("enter")
        await settle(pilot)
        await type_text(pilot, "Palette Role")
        await pilot.press("down")
        await type_text(pilot, "Acme New")
        await pilot.press("ctrl+s")
        await settle(pilot)
        made = next(c for c in repo.campaigns.all() if c.title == "Palette Role")
        assert kanban.selected is not None and kanban.selected.id == made.id

        await pilot.press("n")
        await type_text(pilot, "On Hold")
        await pilot.press("down")
        await type_text(pilot, "Zeta")
        await fill(pilot, "stage", "paused")
        await pilot.press("ctrl+s")
        await settle(pilot)
        held = next(c for c in repo.campaigns.all() if c.title == "On Hold")
        screen = app.screen
        assert isinstance(screen, PipelineScreen) and screen.closed_view  # the closed board
        assert kanban.selected is not None and kanban.selected.id == held.id
        assert repo.campaigns.get(b.id).stage == Stage.TARGET


async def test_edit_campaign(app, repo, today):
    a, _b, _c = seed(repo, today)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await pilot.press("end", *" II", "enter")
        await settle(pilot)
        assert repo.campaigns.get(a.id).title == "Staff Engineer II"


async def test_enter_opens_campaign_detail_with_history(app, repo, today):
    a, _b, _c = seed(repo, today)
    repo.campaigns.move(a.id, "target", on=today - timedelta(days=3), note="intro via Ana")
    ana = repo.contacts.add("Ana López")
    repo.activity.log([ana.id], kind="call", campaign_id=a.id, note="screening call")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("right", "enter")
        await settle(pilot)
        assert isinstance(app.screen, CampaignDetailScreen)
        text = screen_text(app)
        assert "research → target" in text and "intro via Ana" in text
        assert "Ana López" in text and "screening call" in text
        await pilot.press(">")
        await settle(pilot)
        assert repo.campaigns.get(a.id).stage == Stage.NETWORKING
        assert "target → networking" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, PipelineScreen)
        assert app.screen.query_one(Kanban).selected.id == a.id


async def test_a_long_column_scrolls_to_keep_the_cursor_card_in_view(app, repo, today):
    opened = today - timedelta(days=3)
    for number in range(14):  # priority orders them: Org 00 first
        repo.campaigns.add(f"Role {number:02}", f"Org {number:02}", opened_on=opened, priority=5)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        kanban = app.screen.query_one(Kanban)
        text = screen_text(app)
        assert "Org 00" in text and "Org 13" not in text
        assert "↓" in text and "more" in text and "↑" not in text
        for _ in range(13):
            await pilot.press("j")
        await pilot.pause()
        assert kanban.selected.organization == "Org 13"
        text = screen_text(app)
        assert "Org 13" in text and "Org 00" not in text
        assert "↑" in text and "↓ 0 more" not in text
        await pilot.press("k")
        await pilot.pause()
        assert kanban.selected.organization == "Org 12"


async def test_page_keys_and_home_end_move_along_a_long_column_in_view(app, repo, today):
    """A column of hundreds took one `j` a card to its end: pagedown and pageup move by
    the cards a screen shows, home and end to the column's first and last card, as in
    the Contacts table; the cursor stays in its column, its card in view."""
    opened = today - timedelta(days=3)
    with repo.writing():
        for number in range(40):  # priority orders them: Org 00 first
            repo.campaigns.add(
                f"Role {number:02}", f"Org {number:02}", opened_on=opened, priority=5
            )
        repo.campaigns.add("Data", "Globex", stage="target", opened_on=opened)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        kanban = app.screen.query_one(Kanban)
        column = kanban.stages[0].cards

        def at() -> int:
            assert kanban.cursor.column == 0
            row = kanban.cursor.row
            assert kanban.selected.organization == f"Org {row:02}"
            assert f"Org {row:02}" in screen_text(app)  # the cursor's card in view
            assert_whole_cards(app, kanban, len(column))
            return row

        await pilot.press("pagedown")
        page = at()
        assert 4 <= page <= 8  # four-line cards in a window of some twenty lines
        await pilot.press("pagedown")
        assert at() == 2 * page and "Org 00" not in screen_text(app)
        await pilot.press("end")
        assert at() == len(column) - 1 == 39 and "↓" not in screen_text(app)
        await pilot.press("pageup")
        assert at() == 39 - page
        await pilot.press("home")
        assert at() == 0 and "↑" not in screen_text(app)
        await pilot.press("pageup")  # at the first card already: it stays
        assert at() == 0
        await pilot.press("right", "end")  # one card: the last is the first
        assert kanban.selected.organization == "Globex"
        await pilot.press("?")
        text = screen_text(app)
        assert "pagedown     Page down: a screenful of cards down the column" in text
        assert "end          Last: the column's last card" in text


def column_on_screen(app, kanban: Kanban, col: int) -> list[str]:
    """Column `col` of the board as the screen shows it, the lines under its head."""
    widths = kanban._widths(kanban.outer_size.width)
    left = kanban.region.x + GAP * (col + 1) + sum(widths[:col])
    rows = screen_text(app).splitlines()[kanban.region.y + HEAD_LINES : kanban.region.bottom]
    return [row[left : left + widths[col]].rstrip() for row in rows]


def assert_whole_cards(app, kanban: Kanban, total: int) -> None:
    """The cursor's column, of campaigns "Org 00" on, as a person reads it: "↑ N more"
    when cards are hidden above, then whole cards from "Org N" on, in order, the last
    one alone maybe cut by "↓ M more", M the cards below the whole ones shown."""
    lines = column_on_screen(app, kanban, kanban.cursor.column)
    counted = re.fullmatch(r"↑ (\d+) more", lines[0])
    body = lines[1:] if counted else lines
    # nothing above: the first card on the first line, not under a blank one
    assert counted or lines[0] != "", lines
    hidden = int(counted[1]) if counted else 0
    below = next((line for line in body if line.startswith("↓")), None)
    if below is not None:
        body = body[: body.index(below)]
    cards: list[list[str]] = [[]]
    for line in body:
        if line:
            cards[-1].append(line[1:])  # after the edge: "▌" on the cursor's card
        elif cards[-1]:
            cards.append([])
    cards = [card for card in cards if card]
    whole = 0
    for number, card in enumerate(cards, hidden):
        assert card[0] == f"Org {number:02}", (hidden, cards)  # from its first line
        if re.fullmatch(r"\d+d · p5", card[-1]):
            whole += 1
        else:  # cut: only at the window's foot
            assert card is cards[-1] and below is not None, cards
    if below is not None:
        assert below == f"↓ {total - hidden - whole} more"


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_a_column_that_overflows_lines_up_with_the_others(app, repo, today, size):
    """Ten cards in research, one in target: research began a line lower, under a blank
    line kept for "↑ N more" with nothing above, and its last card shown lost its lines
    to it. The first cards of all columns now start on one line."""
    opened = today - timedelta(days=3)
    with repo.writing():
        for number in range(10):
            repo.campaigns.add(
                f"Role {number:02}", f"Org {number:02}", opened_on=opened, priority=5
            )
        repo.campaigns.add("Other", "Zeta", stage="target", opened_on=opened)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        kanban = app.screen.query_one(Kanban)
        research, target = (column_on_screen(app, kanban, col) for col in (0, 1))
        assert research[0].endswith("Org 00") and target[0].endswith("Zeta"), (research, target)
        assert research[-1].startswith("↓ ") and "↑" not in screen_text(app)
        assert_whole_cards(app, kanban, 10)


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_page_keys_show_whole_cards_and_count_the_hidden_ones(app, repo, today, size):
    """Cards of different heights: pagedown showed "↑ 0 more" over a card cut to its
    last lines (no organization, no title), then "↑ 7 more" over a bare "0d". Each
    page now starts on a card's first line under the count of the cards above it."""
    opened = today - timedelta(days=3)
    with repo.writing():
        for number in range(25):  # every third card's title takes two lines or more
            title = f"Role {number:02}" + (" of the platform team" if number % 3 == 0 else "")
            repo.campaigns.add(title, f"Org {number:02}", opened_on=opened, priority=5)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        kanban = app.screen.query_one(Kanban)
        assert_whole_cards(app, kanban, 25)
        rows = [0]
        while rows[-1] < 24:
            await pilot.press("pagedown")
            rows.append(kanban.cursor.row)
            assert rows[-1] > rows[-2]
            assert_whole_cards(app, kanban, 25)
        while rows[-1] > 0:
            await pilot.press("pageup")
            rows.append(kanban.cursor.row)
            assert rows[-1] < rows[-2]
            assert_whole_cards(app, kanban, 25)
        for key in ("end", "k", "k", "home", "j", "j", "j", "j", "j", "j", "j"):
            await pilot.press(key)
            assert_whole_cards(app, kanban, 25)


async def test_end_typed_before_the_whole_board_comes_goes_to_the_last_card(
    app, repo, today, monkeypatch
):
    """The first frame holds each stage's first cards: `end` goes to the stage's last,
    not to the last of those."""
    made, whole = long_board(repo, today, monkeypatch)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        kanban = app.screen.query_one(Kanban)
        assert (kanban.selected.id, len(kanban.stages[1].cards)) == (made[0].id, 30)
        await pilot.press("end")
        assert kanban.selected.id == made[-1].id
        whole.set()
        await settle(pilot)
        assert kanban.selected.id == made[-1].id


async def test_clicking_a_card_moves_the_cursor_and_a_second_click_opens_it(app, repo, today):
    _a, b, _c = seed(repo, today)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        kanban = app.screen.query_one(Kanban)
        first_column = kanban._widths(kanban.size.width)[0]
        target = (1 + first_column + 1 + 2, 3)  # the Target column's first card
        await pilot.click(Kanban, offset=target)
        await pilot.pause()
        assert kanban.selected.id == b.id and kanban.cursor.column == 1
        await pilot.click(Kanban, offset=target)
        await settle(pilot)
        assert isinstance(app.screen, CampaignDetailScreen)


def test_a_narrow_card_shows_its_follow_up_as_a_date_not_a_cut_weekday(repo, today):
    """At 80 columns a card read "fu Fri…": the day was cut off, the weekday kept."""
    from dataclasses import replace

    from netrack.widgets.kanban_column import card_lines

    campaign = repo.campaigns.add("Staff Engineer", "Acme", opened_on=today)
    due = replace(repo.campaigns.get(campaign.id), next_follow_up=date(2026, 12, 4))
    assert ("fu Fri Dec 04", "upcoming") in card_lines(due, today)  # room: the weekday too
    assert ("fu 12-04", "upcoming") in card_lines(due, today, width=9)


async def test_in_16_colours_an_overdue_follow_up_looks_more_urgent_than_a_coming_one(
    demo_repo,
):
    """With `TERM=xterm` the theme's orange "yellow" came down to bright red and its
    pink "red" to magenta: the follow-up still to come looked the alarming one."""
    app = create_app(demo_repo)  # the demo on Fri 2026-11-27
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)

        def in_16_colours(words: str) -> tuple[int | None, int | None]:
            style = next(s.style for s in drawn_segments(app) if words in s.text)
            assert style is not None and style.color is not None
            text = style.color.downgrade(ColorSystem.STANDARD).number
            back = style.bgcolor.downgrade(ColorSystem.STANDARD).number if style.bgcolor else None
            return text, back

        red, bright_red, yellow, bright_yellow, white, bright_white = 1, 9, 3, 11, 7, 15
        assert in_16_colours("fu Tue Dec 01")[0] in (yellow, bright_yellow)
        for overdue in ("fu Wed Nov 25", "fu Thu Nov 12"):
            text, back = in_16_colours(overdue)
            assert text in (white, bright_white) and back in (red, bright_red), overdue


async def test_a_follow_up_in_another_year_shows_its_year(app, repo, today):
    """`fu:2027-11-26` read "fu Fri Nov 26" next to an overdue "fu Wed Nov 25": a year
    away, as if it were yesterday."""
    ana = repo.contacts.add("Ana López", met_on=today - timedelta(days=9))
    raj = repo.contacts.add("Rajesh Iyer", met_on=today)
    late = repo.campaigns.add("Staff Engineer", "Acme", opened_on=today - timedelta(days=9))
    ahead = repo.campaigns.add("Data Lead", "Northwind", opened_on=today - timedelta(days=9))
    repo.activity.log(
        [ana.id], on=today - timedelta(days=8), campaign_id=late.id, follow_up_on=date(2026, 11, 25)
    )
    repo.activity.log([raj.id], campaign_id=ahead.id, follow_up_on=date(2027, 11, 26))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "fu 2027-11-26" in text  # a column too narrow for the weekday and year
        assert "fu Wed Nov 25 " in text and "2026" not in text
        await pilot.resize_terminal(160, 40)
        await settle(pilot)
        assert "fu Fri Nov 26 2027" in screen_text(app)
        app.open_contact(raj.id)  # the contact's timeline: "fu 11-26" beside a 2026 day
        await settle(pilot)
        text = screen_text(app)
        assert "fu 2027-11-26" in text
        app.open_contact(ana.id)
        await settle(pilot)
        assert "fu 11-25" in screen_text(app)


@pytest.mark.parametrize("today", [date(2027, 1, 4)])
async def test_a_follow_up_across_new_year_fits_a_narrow_card(repo, today):
    """Late in December most follow-ups fall in January: at 80 and 100 columns a card
    read "fu 2027-…" and "fu 2027-01-…", the day cut off, and an overdue one from last
    December "fu 2026-…". Half a year either side of today a date needs no year."""
    ana = repo.contacts.add("Ana López", met_on=date(2026, 11, 1))
    late = repo.campaigns.add("Engineer", "Acme", opened_on=date(2026, 12, 1))
    soon = repo.campaigns.add("Data Lead", "Northwind", opened_on=date(2026, 12, 1))
    far = repo.campaigns.add("Analyst", "Globex", opened_on=date(2026, 12, 1))
    for campaign, due in ((late, date(2026, 12, 11)), (soon, date(2027, 1, 11))):
        repo.activity.log([ana.id], on=date(2026, 12, 4), campaign_id=campaign.id, follow_up_on=due)
    repo.activity.log(
        [ana.id], on=date(2026, 12, 4), campaign_id=far.id, follow_up_on=date(2027, 8, 15)
    )
    for size in ((80, 24), (100, 30)):
        app = create_app(repo)
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            text = screen_text(app)
            assert "fu 12-11" in text and "fu 01-11" in text, text
            # Further away the year comes back: cut where it cannot fit, visibly.
            assert ("fu 2027-…" if size[0] == 80 else "fu 2027-08-…") in text
            await pilot.press("4")  # the Agenda's due column says the same
            await settle(pilot)
            assert "  12-11  24d overdue" in screen_text(app)


async def test_the_cursor_on_an_empty_stage_is_marked_there(app, repo, today):
    """On an empty column nothing said where the cursor was (a monochrome terminal shows
    no highlighted head): its edge and "empty" stand where a card would."""
    repo.campaigns.add("Role", "Acme", opened_on=today)  # research; target is empty
    async with app.run_test(size=(100, 20)) as pilot:
        await settle(pilot)
        assert "▌ empty" not in screen_text(app)
        await pilot.press("right")
        await settle(pilot)
        lines = screen_text(app).splitlines()
        row = next(i for i, line in enumerate(lines) if "Target" in line)
        below = lines[row + 2]
        assert below.index("▌ empty") == lines[row].index("Target") - 1
        assert app.screen.query_one(Kanban).selected is None


async def test_the_board_opens_on_its_first_card_not_an_empty_stage(app, repo, today):
    """With nothing in research the cursor began on that empty column: enter and the
    stage keys said "No campaign under the cursor"."""
    moved = repo.campaigns.add("Data Engineer", "Beta", opened_on=today)
    repo.campaigns.move(moved.id, "applied")
    async with app.run_test(size=(100, 20)) as pilot:
        await settle(pilot)
        assert app.screen.query_one(Kanban).selected is not None
        assert app.screen.query_one(Kanban).selected.id == moved.id


def long_board(repo, today, monkeypatch):
    """45 campaigns in Target, one won; the first frame holding 30 a stage, as if
    there were thousands; the whole board's read in the load worker held until the
    returned event is set (one on the UI thread is not held)."""
    import threading

    from netrack.data.repo import campaign_rows
    from netrack.screens import pipeline

    opened = today - timedelta(days=30)
    with repo.writing():
        made = [
            repo.campaigns.add(f"Role {n:02}", f"Org {n:02}", stage="target", opened_on=opened)
            for n in range(45)
        ]
        repo.campaigns.add("Won Role", "Winner", stage="won", opened_on=opened)
    monkeypatch.setattr(pipeline, "FIRST_CARDS", 30)
    monkeypatch.setattr(campaign_rows, "READ_WHOLE_UP_TO", 0)
    whole = threading.Event()
    read_all = pipeline.PipelineScreen.load

    def held(screen):
        if threading.current_thread() is not threading.main_thread():
            whole.wait(10)
        return read_all(screen)

    monkeypatch.setattr(pipeline.PipelineScreen, "load", held)
    return made, whole


async def test_a_long_board_paints_each_stage_s_first_cards_then_reads_the_rest(
    app, repo, today, monkeypatch
):
    """The first frame holds each stage's first cards and every stage's count (a
    career's thousands of campaigns held it back); the whole board follows at once, and
    the cursor goes past the first frame's cards."""
    made, whole = long_board(repo, today, monkeypatch)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        kanban = app.screen.query_one(Kanban)
        column = kanban.stages[1]
        assert column.stage == Stage.TARGET
        assert (len(column.cards), column.total) == (30, 45)  # max(FIRST_CARDS, 30 // 2 + 1)
        text = screen_text(app)
        assert "Target 45" in text and "Won 1" in text and "Active: 45" in text
        assert "↓ 39 more" in text  # six cards of 45 shown, not "↓ 24" of the 30 read
        whole.set()
        await settle(pilot)
        assert app.screen.loaded == 2
        assert (len(column.cards), column.total) == (45, 45)
        assert kanban.selected.id == made[0].id
        await pilot.press(*["j"] * 44)
        assert kanban.selected.id == made[-1].id
        assert "Target 45" in screen_text(app)


async def test_a_tall_terminal_s_first_frame_reads_every_card_it_can_show(
    app, repo, today, monkeypatch
):
    """The first frame reads half the terminal's lines of cards a stage, at least 20: a
    card takes three lines or more, so every card a column shows is read."""
    from netrack.screens import pipeline

    _, whole = long_board(repo, today, monkeypatch)
    monkeypatch.setattr(pipeline, "FIRST_CARDS", 20)
    async with app.run_test(size=(120, 80)) as pilot:
        await pilot.pause()
        column = app.screen.query_one(Kanban).stages[1]
        assert (len(column.cards), column.total) == (41, 45)  # 80 // 2 + 1
        shown = set(re.findall(r"Role (\d\d)", screen_text(app)))
        assert 10 < len(shown) < 41  # every card shown is among those read
        whole.set()  # the whole board's read, held until now (held, the app's exit waited 10 s)


async def test_keys_typed_before_the_whole_board_comes_act_on_the_whole_board(
    app, repo, today, monkeypatch
):
    """Typed ahead at start-up, 44 `j` then `>` moved the 30th card (where the cursor
    stopped in the first frame's cards), not the 45th: the first key reads the whole
    board first."""
    made, whole = long_board(repo, today, monkeypatch)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        column = app.screen.query_one(Kanban).stages[1]
        assert (len(column.cards), column.total) == (30, 45)
        await pilot.press(*["j"] * 44, ">")
        await pilot.pause()
        # Moved while the worker's read of the whole board is still held (settling
        # first waited for that read: ten seconds of the suite's time).
        assert [c.id for c in repo.campaigns.all() if c.stage == Stage.NETWORKING] == [made[-1].id]
        whole.set()
        await settle(pilot)
        assert repo.campaigns.get(made[-1].id).stage == Stage.NETWORKING
        assert "Target 44" in screen_text(app)


async def test_a_board_read_whole_at_first_is_not_read_again(app, repo, today, monkeypatch):
    seed(repo, today)
    reads = []
    monkeypatch.setattr(PipelineScreen, "reload", lambda screen: reads.append(screen))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.screen.loaded == 1 and reads == []
        assert "Acme" in screen_text(app)


async def test_twin_cards_name_their_id_as_the_cli_does(app, repo, today):
    """Two "Acme Eng" both read "Acme / Eng / 24d": which to move? Each names its id,
    as `campaign move "Acme Eng [id:2]"` takes it; a card no other shares a name with
    does not."""
    first = repo.campaigns.add("Eng", "Acme", opened_on=today - timedelta(days=25))
    second = repo.campaigns.add("Eng", "ACME", opened_on=today - timedelta(days=24))
    repo.campaigns.add("Data Engineer", "Initech", opened_on=today)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        # The first column's lines (research), the cursor card's edge set aside
        rows = [line.split()[:1] for line in screen_text(app).splitlines()]
        lines = [row[0].lstrip("▌") for row in rows if row]
        cards = [lines[at : at + 4] for at, line in enumerate(lines) if line == "Acme"]
        assert sorted(cards) == [
            ["Acme", "Eng", f"[id:{first.id}]", "25d"],
            ["Acme", "Eng", f"[id:{second.id}]", "24d"],
        ]
        at = lines.index("Initech")
        assert lines[at : at + 3] == ["Initech", "Data", "0d"]
        # Once the twin is renamed, the other card is told by its name alone again.
        repo.campaigns.update(second.id, title="Eng II")
        app.screen.reload()
        await settle(pilot)
        assert "[id:" not in screen_text(app)
