"""Closing and reopening on the pipeline: `x` asks the loss reason and a note, `w` and
`p` ask to confirm, `u` undoes the latest change (confirmed, naming it), `c` shows the
closed campaigns where `<` `>` reopen them; a refused move shows in place, writes nothing."""

from __future__ import annotations

from datetime import timedelta

from textual.widgets import Input, Static

from netrack.domain.models import Stage
from netrack.screens.modal.confirm import Confirm
from netrack.screens.modal.lost import LostDialog
from netrack.screens.modal.move_form import MoveForm
from netrack.screens.pipeline import PipelineScreen
from netrack.widgets.kanban import Kanban
from tests.ui.conftest import screen_text, settle, type_text, wait_until


def said(app, where="#pipeline-status"):
    """The line a screen or dialog shows in place (whole, however the screen wraps it)."""
    line = app.screen.query_one(where, Static)
    return str(line.content) if line.display else ""


def moves(repo, campaign_id):
    return [
        (c.from_stage and c.from_stage.value, c.to_stage.value, c.on.isoformat(), c.reason, c.note)
        for c in repo.campaigns.history(campaign_id)
    ]


async def test_lost_asks_the_reason_in_words_and_a_note(app, repo, today):
    a = repo.campaigns.add("Staff Engineer", "Acme", opened_on=today)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, LostDialog)
        text = screen_text(app)
        assert "Why was Acme Staff Engineer lost? (research → lost)" in text
        for words in ("rejected", "withdrawn", "hiring freeze", "no response", "other"):
            assert words in text
        await pilot.press("down", "down", "down", "enter")  # hiring freeze: on to the note
        assert isinstance(app.screen, LostDialog)
        await type_text(pilot, "budget cut until Q2")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, PipelineScreen)
        assert moves(repo, a.id)[-1] == (
            "research",
            "lost",
            "2026-11-27",
            "hiring_freeze",
            "budget cut until Q2",
        )
        assert repo.campaigns.get(a.id).lost_reason == "hiring_freeze"
        assert "Lost 1" in screen_text(app)


async def test_won_and_pause_ask_first_and_no_writes_nothing(app, repo, today):
    a = repo.campaigns.add("Staff Engineer", "Acme", opened_on=today)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        await pilot.press("n")
        await pilot.press("p")
        await pilot.pause()
        assert "Pause Acme Staff Engineer? (research → paused today)" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert len(repo.campaigns.history(a.id)) == 1
        await pilot.press("p", "y")
        await settle(pilot)
        assert repo.campaigns.get(a.id).stage == Stage.PAUSED
        await pilot.press("x")  # nothing under the cursor now: said in place
        await pilot.pause()
        assert isinstance(app.screen, PipelineScreen)
        assert said(app) == "No campaign under the cursor. Press n to open one."


async def test_stepping_on_into_won_asks_as_w_does(app, repo, today):
    """`>` from negotiating closed the campaign as won with no question (a burst of `>`
    walked a new campaign straight to won), where `w` asks."""
    a = repo.campaigns.add("Staff Engineer", "Acme", stage="negotiating", opened_on=today)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        kanban = app.screen.query_one(Kanban)
        while kanban.selected is None or kanban.selected.id != a.id:
            await pilot.press("right")
        await pilot.press(">")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        assert app.screen.question == "Close Acme Staff Engineer as won? (negotiating → won today)"
        await pilot.press("n")
        await settle(pilot)
        assert repo.campaigns.get(a.id).stage == Stage.NEGOTIATING
        await pilot.press(">", "y")
        await settle(pilot)
        assert repo.campaigns.get(a.id).stage == Stage.WON


async def test_undo_names_the_change_and_the_opening_stays(app, repo, today):
    a = repo.campaigns.add("Staff Engineer", "Acme", opened_on=today - timedelta(days=10))
    repo.campaigns.move(a.id, "applied", on=today - timedelta(days=8))
    repo.campaigns.move(a.id, "interviewing", on=today - timedelta(days=7), note="round 1")
    repo.campaigns.add("Data Engineer", "Initech", opened_on=today)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        kanban = app.screen.query_one(Kanban)
        await pilot.press("right", "right", "right", "right")  # the interviewing column
        assert kanban.selected.id == a.id
        await pilot.press("u")
        await pilot.pause()
        assert app.screen.question == (
            "Undo applied → interviewing of 2026-11-20? Acme Staff Engineer goes back to applied."
        )
        assert "Undo applied → interviewing of 2026-11-20?" in screen_text(app)
        await pilot.press("n")  # no: nothing written
        await settle(pilot)
        assert len(repo.campaigns.history(a.id)) == 3
        await pilot.press("u", "y")
        await settle(pilot)
        assert repo.campaigns.get(a.id).stage == Stage.APPLIED
        assert moves(repo, a.id)[-1] == ("research", "applied", "2026-11-19", "", "")
        assert kanban.selected.id == a.id  # the cursor followed it
        await pilot.press("u", "y")
        await settle(pilot)
        assert repo.campaigns.get(a.id).stage == Stage.RESEARCH
        await pilot.press("u")  # only the opening is left: said in place, no dialog
        await pilot.pause()
        assert isinstance(app.screen, PipelineScreen)
        assert said(app) == "nothing to undo: the opening is the campaign's only change"
        assert "nothing to undo" in screen_text(app)
        assert moves(repo, a.id) == [(None, "research", "2026-11-17", "", "opened")]


async def test_closed_view_shows_won_lost_paused_and_reopens(app, repo, today):
    opened = today - timedelta(days=20)
    won = repo.campaigns.add("Platform Lead", "Globex", stage="negotiating", opened_on=opened)
    repo.campaigns.move(won.id, "won", on=today - timedelta(days=2))
    lost = repo.campaigns.add("Staff Engineer", "Acme", stage="applied", opened_on=opened)
    repo.campaigns.move(lost.id, "interviewing", on=today - timedelta(days=9))
    repo.campaigns.move(lost.id, "lost", on=today - timedelta(days=3), reason="no_response")
    paused = repo.campaigns.add("Data Engineer", "Initech", stage="target", opened_on=opened)
    repo.campaigns.move(paused.id, "paused", on=today - timedelta(days=5))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        # It said "No campaigns yet" over a footer counting three.
        assert "No active campaigns: every one is closed (c shows them)." in screen_text(app)
        assert "Closed: Won 1 · Lost 1 · Paused 1 (c shows them)" in screen_text(app)
        await pilot.press("c")
        await settle(pilot)
        kanban = app.screen.query_one(Kanban)
        text = screen_text(app)
        assert "Closed campaigns (Won 1 · Lost 1 · Paused 1)" in text
        assert "Globex" in text and "Acme" in text and "Initech" in text
        assert "no response" in text  # the lost card's reason
        assert kanban.selected.id == won.id
        await pilot.press(">")  # won is the last stage: said in place, nothing written
        await pilot.pause()
        assert said(app) == "Globex Platform Lead is won already: < reopens it a stage back"
        assert len(repo.campaigns.history(won.id)) == 2
        await pilot.press("right")
        assert kanban.selected.id == lost.id
        await pilot.press("<")  # back in the stage it left
        await settle(pilot)
        assert moves(repo, lost.id)[-1] == ("lost", "interviewing", "2026-11-27", "", "")
        assert said(app) == ""
        # Followed onto the active board (see the test below); `c` goes back.
        assert not app.screen.closed_view and kanban.selected.id == lost.id
        await pilot.press("c")  # its column empty now: on the first card
        await settle(pilot)
        assert kanban.selected.id == won.id
        await pilot.press("right", "right")
        assert kanban.selected.id == paused.id
        await pilot.press(">")  # the stage after the one it left
        await settle(pilot)
        assert moves(repo, paused.id)[-1] == ("paused", "networking", "2026-11-27", "", "")
        assert kanban.selected.id == paused.id
        await pilot.press("c")
        await settle(pilot)
        assert kanban.selected.id == won.id  # the one closed campaign left
        await pilot.press("<")
        await settle(pilot)
        assert repo.campaigns.get(won.id).stage == Stage.NEGOTIATING
        text = screen_text(app)
        assert "Closed: Won 0 · Lost 0 · Paused 0" in text and "Active: 3" in text
        await pilot.press("c")
        await settle(pilot)
        assert "No closed campaigns" in screen_text(app)


async def test_a_campaign_reopened_stays_selected_so_u_undoes_its_reopening(app, repo, today):
    """`<` on a lost campaign in the closed board left the cursor on the lost one beside
    it, so `u` then offered to undo that other campaign's loss (and "lost reopened in
    interviewing" read oddly). The board follows the reopened campaign onto the active
    one; `u` offers to undo the reopening; `c` goes back to where the cursor was."""
    opened = today - timedelta(days=20)
    chosen = repo.campaigns.add("Staff Engineer", "Acme", stage="interviewing", opened_on=opened)
    repo.campaigns.move(chosen.id, "lost", on=today - timedelta(days=3), reason="rejected")
    beside = repo.campaigns.add("Game Designer", "Tidewater", stage="applied", opened_on=opened)
    repo.campaigns.move(beside.id, "lost", on=today - timedelta(days=4), reason="rejected")
    repo.campaigns.add("SRE", "Initech", stage="research", opened_on=opened)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        screen = app.screen
        kanban = screen.query_one(Kanban)
        while kanban.selected is None or kanban.selected.id != chosen.id:
            await pilot.press("down")
        await pilot.press("<")
        await settle(pilot)
        assert moves(repo, chosen.id)[-1] == ("lost", "interviewing", "2026-11-27", "", "")
        said_last = [n.message for n in app._notifications][-1]
        assert said_last == "Acme Staff Engineer reopened: lost → interviewing"
        assert not screen.closed_view
        assert kanban.selected is not None and kanban.selected.id == chosen.id
        await pilot.press("u")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        assert app.screen.question == (
            "Undo lost → interviewing of 2026-11-27? Acme Staff Engineer goes back to lost."
        )
        await pilot.press("y")
        await settle(pilot)
        assert repo.campaigns.get(chosen.id).stage == Stage.LOST
        assert moves(repo, beside.id)[-1][1] == "lost"  # the other one untouched
        await pilot.press("c")
        await settle(pilot)
        assert screen.closed_view
        assert kanban.selected is not None and kanban.selected.id == chosen.id


async def test_a_refused_move_shows_in_place_and_writes_nothing(app, repo, today, monkeypatch):
    a = repo.campaigns.add("Staff Engineer", "Acme", opened_on=today)
    # The latest change dated after "today" (a clock that was ahead): any move today is
    # before it, and refused.
    monkeypatch.setattr(repo.store, "_clock", lambda: today + timedelta(days=2))
    repo.campaigns.move(a.id, "target")
    monkeypatch.setattr(repo.store, "_clock", lambda: today)
    refusal = (
        "2026-11-27 is before the campaign's latest change (2026-11-29, to target); "
        "undo that change first to date one earlier"
    )
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press(">")  # the board opens on its one card, in target
        await settle(pilot)
        assert said(app) == refusal
        assert "is before the campaign's latest change" in screen_text(app)
        assert len(repo.campaigns.history(a.id)) == 2
        await pilot.press("w", "y")
        await settle(pilot)
        assert said(app) == refusal
        await pilot.press("x", "enter")
        await type_text(pilot, "a note kept")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, LostDialog)  # the dialog stays, with what was typed
        assert said(app, "#lost-error") == refusal
        assert app.screen.query_one("#lost-note", Input).value == "a note kept"
        await pilot.press("escape")
        await settle(pilot)
        assert len(repo.campaigns.history(a.id)) == 2
        assert repo.campaigns.get(a.id).stage == Stage.TARGET


async def test_help_lists_the_new_keys_and_what_they_do(app):
    from netrack.screens.help import HelpScreen

    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("?")
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        for words in (
            "< shift+←    Stage back: reopens a closed campaign in the stage it left",
            "> shift+→    Stage on: reopens a closed campaign in the next stage",
            "x            Lost: asks the reason and a note",
            "w            Won: asks to confirm",
            "p            Pause: asks to confirm",
            "u            Undo: the latest stage change, once confirmed",
            "c            Closed: won, lost and paused, in place of the active board",
        ):
            assert words in text, words


async def test_the_closed_board_opens_on_a_card(app, repo, today):
    """`c` kept the cursor in the column it had on the active board: on the closed one
    that column was empty, and `u` said "No closed campaign under the cursor" of a
    board holding one."""
    active = repo.campaigns.add("Staff Engineer", "Acme", stage="applied", opened_on=today)
    won = repo.campaigns.add("Platform Lead", "Globex", stage="negotiating", opened_on=today)
    repo.campaigns.move(won.id, "won")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        kanban = app.screen.query_one(Kanban)
        while kanban.selected is None or kanban.selected.id != active.id:
            await pilot.press("right")
        assert kanban.cursor.column == 3  # applied, the fourth column
        await pilot.press("c")
        await settle(pilot)
        assert kanban.selected is not None and kanban.selected.id == won.id


async def test_c_and_back_finds_the_card_left_on_each_board(app, repo, today):
    """Back from the closed board the cursor was on the first card, not on the campaign
    it had left: each board keeps its own."""
    repo.campaigns.add("Staff Engineer", "Acme", stage="research", opened_on=today)
    chosen = repo.campaigns.add("SRE", "Initech", stage="interviewing", opened_on=today)
    for title in ("Platform Lead", "Data Lead"):
        won = repo.campaigns.add(title, "Globex", stage="negotiating", opened_on=today)
        repo.campaigns.move(won.id, "paused")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        kanban = app.screen.query_one(Kanban)
        while kanban.selected is None or kanban.selected.id != chosen.id:
            await pilot.press("right")
        await pilot.press("c")
        await settle(pilot)
        await pilot.press("down")
        left_closed = kanban.selected
        assert left_closed is not None and left_closed.title == "Data Lead"
        await pilot.press("c")
        await settle(pilot)
        assert kanban.selected is not None and kanban.selected.id == chosen.id
        await pilot.press("c")
        await settle(pilot)
        assert kanban.selected is not None and kanban.selected.id == left_closed.id


async def test_escape_goes_back_from_the_closed_board_as_c_does(app, repo, today):
    """`c` showed the closed board and escape did nothing there, though `?` says escape
    goes back; on the active board it still does nothing."""
    repo.campaigns.add("Staff Engineer", "Acme", stage="research", opened_on=today)
    chosen = repo.campaigns.add("SRE", "Initech", stage="interviewing", opened_on=today)
    paused = repo.campaigns.add("Data Lead", "Globex", stage="target", opened_on=today)
    repo.campaigns.move(paused.id, "paused")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, PipelineScreen)
        kanban = screen.query_one(Kanban)
        while kanban.selected is None or kanban.selected.id != chosen.id:
            await pilot.press("right")
        await pilot.press("escape")  # the active board: nothing to go back from
        await settle(pilot)
        assert app.screen is screen and not screen.closed_view
        assert kanban.selected is not None and kanban.selected.id == chosen.id
        await pilot.press("c")
        await settle(pilot)
        assert screen.closed_view and "Closed campaigns (Won 0 · Lost 0 · Paused 1)" in (
            screen_text(app)
        )
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen and not screen.closed_view
        assert "Closed: Won 0 · Lost 0 · Paused 1 (c shows them)" in screen_text(app)
        assert kanban.selected is not None and kanban.selected.id == chosen.id
        assert len(repo.campaigns.history(chosen.id)) == 1


async def test_keys_typed_ahead_of_the_board_act_on_the_stage_the_last_one_left(app, repo, today):
    """`>` `>` in one burst on a follow-up campaign: the second key saw the board as
    drawn before the first move (follow up) and moved the campaign from negotiating to
    won unasked, saying "follow_up → won". It asks now, naming negotiating."""
    campaign = repo.campaigns.add("SRE", "Acme", stage="follow_up", opened_on=today)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        kanban = app.screen.query_one(Kanban)
        while kanban.selected is None or kanban.selected.id != campaign.id:
            await pilot.press("right")
        await type_text(pilot, ">>")
        await settle(pilot)
        assert isinstance(app.screen, Confirm)
        assert app.screen.question == "Close Acme SRE as won? (negotiating → won today)"
        assert repo.campaigns.get(campaign.id).stage.value == "negotiating"
        assert any(n.message == "Acme SRE: follow_up → negotiating" for n in app._notifications)
        await pilot.press("n")
        await settle(pilot)
        assert repo.campaigns.get(campaign.id).stage.value == "negotiating"


async def test_stepping_on_a_closed_campaign_into_won_asks_and_says_won(app, repo, today):
    """`>` on a campaign paused or lost from negotiating marked it won with no question,
    saying "paused reopened in won": into won asks as `w` does, and says won."""
    opened = today - timedelta(days=20)
    paused = repo.campaigns.add("Offer Role", "Paused Co", stage="negotiating", opened_on=opened)
    repo.campaigns.move(paused.id, "paused", on=today - timedelta(days=7))
    lost = repo.campaigns.add("Other Role", "Lost Co", stage="negotiating", opened_on=opened)
    repo.campaigns.move(lost.id, "lost", on=today - timedelta(days=7), reason="rejected")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        kanban = app.screen.query_one(Kanban)
        while kanban.selected is None or kanban.selected.id != paused.id:
            await pilot.press("right")
        await pilot.press(">")
        await settle(pilot)
        assert isinstance(app.screen, Confirm)
        assert app.screen.question == "Close Paused Co Offer Role as won? (paused → won today)"
        await pilot.press("n")
        await settle(pilot)
        assert moves(repo, paused.id)[-1] == ("negotiating", "paused", "2026-11-20", "", "")
        await pilot.press(">", "y")
        await settle(pilot)
        assert moves(repo, paused.id)[-1] == ("paused", "won", "2026-11-27", "", "")
        said_last = [n.message for n in app._notifications][-1]
        assert said_last == "Paused Co Offer Role: paused → won"
        while kanban.selected is None or kanban.selected.id != lost.id:
            await pilot.press("right")
        await pilot.press(">")
        await settle(pilot)
        assert isinstance(app.screen, Confirm)
        assert app.screen.question == "Close Lost Co Other Role as won? (lost → won today)"
        await pilot.press("escape")
        await settle(pilot)
        assert repo.campaigns.get(lost.id).stage == Stage.LOST


async def test_escape_in_lost_asks_before_it_throws_a_reason_and_note_away(app, repo, today):
    """`x`, a reason, a note, escape: the dialog closed, both gone unasked, where every
    form asks "Discard what you typed (…)?"."""
    a = repo.campaigns.add("Staff Engineer", "Acme", opened_on=today)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("x", "down", "down", "enter")  # withdrawn: on to the note
        await type_text(pilot, "took another offer")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, Confirm)
        assert app.screen.question == "Discard what you typed (Reason, Note)?"
        await pilot.press("n")  # back to the dialog, what was typed kept
        await settle(pilot)
        assert isinstance(app.screen, LostDialog)
        assert said(app, "#lost-chosen") == "reason: withdrawn"
        assert app.screen.query_one("#lost-note", Input).value == "took another offer"
        await pilot.press("escape", "y")
        await settle(pilot)
        assert isinstance(app.screen, PipelineScreen)
        assert repo.campaigns.get(a.id).stage == Stage.RESEARCH
        await pilot.press("x", "down")  # a reason chosen alone is asked about too
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, Confirm)
        assert app.screen.question == "Discard what you typed (Reason)?"
        await pilot.press("y", "x", "escape")  # nothing chosen, nothing typed: closes
        await settle(pilot)
        assert isinstance(app.screen, PipelineScreen)
        assert len(repo.campaigns.history(a.id)) == 1


async def test_lost_offers_no_reason_first_as_the_cli_does(app, repo, today):
    """`x` then enter twice saved "rejected": the reason is optional (the CLI and `S`
    allow none; the scorecard counts it `unspecified`), so "no reason" comes first."""
    a = repo.campaigns.add("Staff Engineer", "Acme", stage="applied", opened_on=today)
    b = repo.campaigns.add("Data Engineer", "Initech", stage="applied", opened_on=today)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        kanban = app.screen.query_one(Kanban)
        while kanban.selected is None or kanban.selected.id != a.id:
            await pilot.press("down" if kanban.selected else "right")
        await pilot.press("x")
        await settle(pilot)
        assert isinstance(app.screen, LostDialog)
        assert said(app, "#lost-chosen") == "reason: none"
        await pilot.press("enter", "enter")
        await settle(pilot)
        assert isinstance(app.screen, PipelineScreen)
        assert moves(repo, a.id)[-1] == ("applied", "lost", "2026-11-27", "", "")
        assert repo.campaigns.get(a.id).lost_reason == ""
        assert [n.message for n in app._notifications][-1] == "Acme Staff Engineer: lost"
        while kanban.selected is None or kanban.selected.id != b.id:
            await pilot.press("right")
        await pilot.press("x", "down", "enter", "enter")  # the reasons follow, as before
        await settle(pilot)
        assert moves(repo, b.id)[-1] == ("applied", "lost", "2026-11-27", "rejected", "")
        assert [n.message for n in app._notifications][
            -1
        ] == "Initech Data Engineer: lost (rejected)"


async def test_a_refusal_goes_once_a_later_action_succeeds(app, repo, today):
    """`<` on a research card said "… first stage"; a campaign added next (opened as
    paused: the closed board) still showed it under the new board."""
    from tests.ui.test_forms_interactions import fill

    repo.campaigns.add("Staff Engineer", "Acme", opened_on=today)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("<")
        await settle(pilot)
        refusal = said(app)
        assert "first stage" in refusal
        await pilot.press("n")
        await type_text(pilot, "On Hold")
        await pilot.press("down")
        await type_text(pilot, "Zeta")
        await fill(pilot, "stage", "paused")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, PipelineScreen) and app.screen.closed_view
        assert said(app) == ""
        assert "first stage" not in screen_text(app)
        # A refusal typed right behind a move is said, not cleared by the move's news.
        await pilot.press("c")
        await settle(pilot)
        await type_text(pilot, "><<")
        await settle(pilot)
        assert said(app) == refusal


async def test_a_refusal_goes_when_the_cursor_leaves_its_card_or_the_screen(app, repo, today):
    """`delete` on a campaign with history said "… x closes it as lost, p pauses it";
    it stayed after `→` (and after `4` then `1`), over a card it was not about, and `p`
    then asked to pause that other one. It goes with the card, and with the screen."""
    from netrack.screens.campaign_detail import CampaignDetailScreen
    from netrack.screens.help import HelpScreen

    acme = repo.campaigns.add("Staff Engineer", "Acme", opened_on=today)
    ana = repo.contacts.add("Ana")
    repo.activity.log([ana.id], campaign_id=acme.id, on=today)  # history: no delete
    repo.campaigns.add("Platform Lead", "Globex", stage="target", opened_on=today)

    async def refused() -> str:
        await pilot.press("delete")
        await settle(pilot)
        assert app.screen.selected.id == acme.id
        refusal = said(app)
        assert "x closes it as lost, p pauses it" in refusal
        return refusal

    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        refusal = await refused()
        await pilot.press("j", "?")  # the same card (alone in its column), then help
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert said(app) == refusal  # still about the card under the cursor
        await pilot.press("right")
        assert said(app) == "" and "pauses it" not in screen_text(app)
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, Confirm)
        assert app.screen.question == "Pause Globex Platform Lead? (target → paused today)"
        await pilot.press("n")
        await pilot.press("left")
        await settle(pilot)
        await refused()
        await pilot.press("4", "1")
        await settle(pilot)
        assert isinstance(app.screen, PipelineScreen) and said(app) == ""
        await refused()
        await pilot.press("enter")  # the campaign's page, then back
        await settle(pilot)
        assert isinstance(app.screen, CampaignDetailScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, PipelineScreen) and said(app) == ""
        assert [c.stage for c in repo.campaigns.all()] == [Stage.RESEARCH, Stage.TARGET]


async def test_stage_keys_name_a_twin_campaign_by_its_id(app, repo, today):
    """Two "Acme Eng": the cards name their ids, but `>` said "Acme Eng: research →
    target" and `w` asked "Close Acme Eng as won?". The toasts, questions and the
    move form name the twin as its card does; on its page as on the board."""
    repo.campaigns.add("Eng", "Acme", opened_on=today)
    twin = repo.campaigns.add("Eng", "Acme", stage="target", opened_on=today)
    told = f"Acme Eng [id:{twin.id}]"
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        kanban = app.screen.query_one(Kanban)
        while kanban.selected is None or kanban.selected.id != twin.id:
            await pilot.press("right")
        await pilot.press(">")
        await settle(pilot)
        assert [n.message for n in app._notifications][-1] == f"{told}: target → networking"
        await pilot.press("w")
        await settle(pilot)
        assert isinstance(app.screen, Confirm)
        assert app.screen.question == f"Close {told} as won? (networking → won today)"
        await pilot.press("n")
        await settle(pilot)
        app.open_campaign(twin.id)
        await settle(pilot)
        assert told in screen_text(app)  # the page's title
        await pilot.press("u")
        await settle(pilot)
        assert isinstance(app.screen, Confirm)
        assert app.screen.question == (
            f"Undo target → networking of {today.isoformat()}? {told} goes back to target."
        )
        await pilot.press("y")
        await settle(pilot)
        assert [n.message for n in app._notifications][-1] == (
            f"{told}: undid target → networking of {today.isoformat()}"
        )
        await pilot.press("S")
        await settle(pilot)
        assert isinstance(app.screen, MoveForm)
        assert app.screen.form_title == f"Move from target: {told}"


async def test_a_refusal_goes_once_another_program_moves_the_card(app, repo, today, shell):
    """`<` on a research card said "… first stage"; moved on from another shell, the
    card showed up under "applied" with the line still saying it was in the first."""
    acme = repo.campaigns.add("Staff Engineer", "Acme", opened_on=today)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("<")
        await settle(pilot)
        assert "first stage" in said(app)
        loads = app.screen.loaded
        shell.campaigns.move(acme.id, Stage.APPLIED)  # `netrack campaign move`, elsewhere
        await wait_until(pilot, lambda: app.screen.loaded > loads)
        await settle(pilot)
        assert said(app) == "" and "first stage" not in screen_text(app)
        assert app.screen.selected.stage is Stage.APPLIED  # the cursor went with the card
