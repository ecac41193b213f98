"""The Agenda's `d` and `u`: `d` marks only what is still pending at the write (a row
another program changed since it was shown too), `u` takes back only its own marks and
says what became of them."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from textual.widgets import Input

from netrack.app import create_app
from netrack.screens.agenda import AgendaScreen
from netrack.screens.modal.quicklog import QuickLog
from tests.ui.conftest import screen_text, settle, type_text

# Longer than any test here: the rows stay as first shown, as in the moment before
# the poll (about 1 s) notices the other program's write.
NO_POLL = 3600.0


def said(app) -> list[str]:
    return [n.message for n in app._notifications]


async def test_d_on_a_row_done_elsewhere_keeps_that_day_and_u_has_nothing_to_undo(
    repo, where, today
):
    """Another program marked Ana's follow-up done on 11-23 (on time); `d` on the stale
    row overwrote it with today (late on the card), and `u` then wiped the mark."""
    from netrack.data.repo import Repo

    ana = repo.contacts.add("Ana", met_on=date(2026, 10, 1)).id
    logged = repo.activity.log([ana], on=date(2026, 11, 20), follow_up_on=date(2026, 11, 24))
    shell = Repo.open(where, clock=lambda: today)  # `netrack followup done`, elsewhere
    app = create_app(repo, poll_seconds=NO_POLL)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("4")
            await settle(pilot)
            agenda = app.screen
            assert isinstance(agenda, AgendaScreen)
            assert agenda.selected is not None and agenda.selected.interaction_id == logged.id
            with shell.store.bound():
                shell.activity.mark_contact_follow_ups_done(ana, on=date(2026, 11, 23))
            await pilot.press("d")
            await settle(pilot)
            (follow_up,) = repo.activity.follow_ups(contact_id=ana)
            assert follow_up.done_on == follow_up.marked_on == date(2026, 11, 23)
            assert said(app)[-1] == (
                "follow-up with Ana due 2026-11-24 already marked done on 2026-11-23"
            )
            week = repo.scorecard.card(repo.scorecard.week(date(2026, 11, 23)))
            assert (week.follow_ups.due, week.follow_ups.on_time) == (1, 1)
            await pilot.press("u")
            await settle(pilot)
            assert repo.activity.follow_ups(contact_id=ana)[0].marked_on == date(2026, 11, 23)
            assert said(app)[-1] == "Nothing marked done here to undo."
    finally:
        shell.close()


async def test_u_leaves_a_mark_made_again_elsewhere_on_another_day(repo, where, today):
    """`d` marked it done today; another program took that back and marked it done on
    11-25: that mark is the other program's, and `u` leaves it."""
    from netrack.data.repo import Repo

    ana = repo.contacts.add("Ana", met_on=date(2026, 10, 1)).id
    logged = repo.activity.log([ana], on=date(2026, 11, 20), follow_up_on=date(2026, 11, 24))
    shell = Repo.open(where, clock=lambda: today)
    app = create_app(repo, poll_seconds=NO_POLL)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("4")
            await settle(pilot)
            await pilot.press("d")
            await settle(pilot)
            assert repo.activity.follow_ups(contact_id=ana)[0].marked_on == today
            with shell.store.bound():
                shell.activity.reopen_follow_up(logged.id)
                shell.activity.mark_follow_up_done(logged.id, today - timedelta(days=2))
            await pilot.press("u")
            await settle(pilot)
            assert repo.activity.follow_ups(contact_id=ana)[0].marked_on == date(2026, 11, 25)
            assert said(app)[-1] == (
                "the follow-up d marked done was reopened or changed elsewhere since: "
                "nothing reopened"
            )
    finally:
        shell.close()


async def test_u_after_a_touch_closed_the_follow_up_says_it_is_still_done(app, repo, today):
    """`d`, then a touch with Ana logged today (it closes the follow-up too), then `u`:
    the TUI said "1 follow-up pending again" of one still done, on the touch's day."""
    ana = repo.contacts.add("Ana", met_on=date(2026, 10, 1)).id
    repo.activity.log([ana], on=date(2026, 11, 20), follow_up_on=date(2026, 11, 30))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("l")
        await type_text(pilot, "@ana chat")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        (follow_up,) = repo.activity.follow_ups(contact_id=ana)
        assert (follow_up.done_on, follow_up.marked_on) == (today, None)
        assert said(app)[-1] == (
            "took back the done mark (with Ana, due 11-30): it is done on 2026-11-27, "
            "when a later interaction closed it"
        )


def overdue_follow_ups(repo, today, *names: str) -> list[int]:
    """A follow-up with each of `names`, overdue, listed in that order: their ids."""
    ids = []
    for n, name in enumerate(names):
        person = repo.contacts.add(name, met_on=date(2026, 10, 1)).id
        due = today - timedelta(days=len(names) - n)
        ids.append(repo.activity.log([person], on=date(2026, 11, 1), follow_up_on=due).id)
    return ids


def pending(repo) -> list[str]:
    return [f.contact_names[0] for f in repo.activity.follow_ups() if f.done_on is None]


async def test_u_puts_the_cursor_back_on_the_follow_up_it_reopened(app, repo, today):
    """`d` moved the cursor on to Tomás; `u` put Chloé back in row 1 and left the cursor
    on Tomás, so the next `d` marked Tomás done instead of Chloé again."""
    chloe, tomas, _ = overdue_follow_ups(repo, today, "Chloé", "Tomás", "Yuki")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        agenda = app.screen
        assert isinstance(agenda, AgendaScreen)
        await pilot.press("d")
        await settle(pilot)
        assert agenda.selected is not None and agenda.selected.interaction_id == tomas
        await pilot.press("u")
        await settle(pilot)
        assert said(app)[-1].startswith("1 follow-up pending again (with Chloé, due ")
        assert agenda.selected is not None and agenda.selected.interaction_id == chloe
        await pilot.press("d")
        await settle(pilot)
        assert pending(repo) == ["Tomás", "Yuki"]


async def test_d_typed_right_after_u_marks_the_follow_up_u_put_back(app, repo, today):
    """`d u d` typed before the reload: the last `d` waits for the row `u` put back,
    instead of marking the one the cursor was on meanwhile."""
    overdue_follow_ups(repo, today, "Chloé", "Tomás", "Yuki")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        await type_text(pilot, "dud")
        await settle(pilot)
        assert pending(repo) == ["Tomás", "Yuki"]
        assert said(app)[-1] == "follow-up with Chloé done · u undoes"


async def test_u_of_a_follow_up_a_touch_closed_leaves_the_cursor_where_it_is(app, repo, today):
    """Chloé's follow-up stays done (a touch closed it after `d`): no row comes back, and
    the cursor stays on the row the user had moved it to."""
    overdue_follow_ups(repo, today, "Chloé", "Tomás", "Yuki")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        chloe = next(c.id for c in repo.contacts.all() if c.name == "Chloé")
        repo.activity.log([chloe], on=today)  # a chat: it closes her follow-up too
        await pilot.press("down")  # from Tomás to Yuki
        await pilot.press("u")
        await settle(pilot)
        assert said(app)[-1].startswith("took back the done mark (with Chloé, due ")
        agenda = app.screen
        assert isinstance(agenda, AgendaScreen)
        assert agenda.selected is not None and agenda.selected.contact_names == ("Yuki",)
        await pilot.press("d")
        await settle(pilot)
        assert pending(repo) == ["Tomás"]


async def test_d_and_u_name_one_of_two_namesakes_with_their_organization(app, repo, today):
    """The row said "Sam Lee (Acme)"; `d` and `u` said "with Sam Lee", which of the two
    Sam Lees untold (`netrack followup done` names her "Sam Lee (Acme)")."""
    acme = repo.contacts.add("Sam Lee", organization="Acme")
    repo.contacts.add("Sam Lee", organization="Globex")
    repo.activity.log(
        [acme.id], on=today - timedelta(days=1), follow_up_on=today + timedelta(days=2)
    )
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        assert said(app)[-1] == "follow-up with Sam Lee (Acme) done · u undoes"
        await pilot.press("u")
        await settle(pilot)
        assert said(app)[-1] == "1 follow-up pending again (with Sam Lee (Acme), due 11-29)"


async def test_keys_past_the_lists_refuse_in_place(app, repo, today):
    """At 80x24, tab past the last list: what was logged today has focus, the
    follow-ups out of sight. `d` marked the one under their cursor, never chosen; it
    says the way back, and tab goes straight back to the follow-ups (the page between
    them took a tab of its own, and showed nothing focused: see
    `test_tab_goes_from_list_to_list_and_never_to_the_page`)."""
    old = today - timedelta(days=90)
    chloe = repo.contacts.add("Chloé Dubois", strength=4, met_on=old)
    repo.activity.log([chloe.id], on=today - timedelta(days=40), follow_up_on=today)
    mei = repo.contacts.add("Mei Chen", met_on=old)
    repo.activity.log([mei.id], on=today, kind="email", note="sent the deck")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, AgendaScreen)
        logged = screen.query_one("#today-table")
        for _ in range(len(screen.focus_chain)):
            if app.focused is logged:
                break
            await pilot.press("tab")
        assert app.focused is logged
        await pilot.press("d")
        await settle(pilot)
        assert repo.activity.follow_ups(pending_on=today)  # Chloé's is still pending
        assert said(app)[-1] == "d marks a follow-up done: shift+tab back to the follow-ups."
        await pilot.press("l")
        await settle(pilot)
        assert isinstance(app.screen, QuickLog)
        assert app.screen.query_one(Input).value.startswith("@")  # Mei, the row's
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("tab")  # the follow-ups: `d` acts on the row now in sight
        assert app.focused is screen.query_one("#due-table")
        await pilot.press("d")
        await settle(pilot)
        assert not repo.activity.follow_ups(pending_on=today)


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_tab_goes_from_list_to_list_and_never_to_the_page(app, repo, today, size):
    """Tab stopped on the scrolling page itself between the last list and the
    follow-ups: nothing showed focused, and `d` or enter there only said to tab on.
    Tab and shift+tab go only to the lists with rows (here the follow-ups and what was
    logged today); the page stays reachable by keyboard, the lists' keys moving it past
    their ends: at 80x24 the empty boxes between the two lists are passed by tab, and
    reached by end past the last follow-up."""
    mei = repo.contacts.add("Mei Chen", met_on=today - timedelta(days=3)).id
    for n in range(8):
        repo.activity.log([mei], on=today - timedelta(days=1), note=f"note {n}",
                          follow_up_on=today)  # fmt: skip
    async with app.run_test(size=size) as pilot:
        await pilot.press("4")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, AgendaScreen)
        page = screen.query_one("#agenda-scroll")
        follow_ups, logged = screen.query_one("#due-table"), screen.query_one("#today-table")
        assert app.focused is follow_ups
        for key, then in (
            ("tab", logged),
            ("tab", follow_ups),
            ("shift+tab", logged),
            ("shift+tab", follow_ups),
        ):
            await pilot.press(key)
            await settle(pilot)
            assert app.focused is then, (key, app.focused, screen.focus_chain)
        await pilot.press("end", "end")  # the last follow-up, then the page's end
        await settle(pilot)
        assert follow_ups.cursor_row == 7
        assert page.scroll_y == page.max_scroll_y
        shown = screen_text(app)
        assert "Going cold (0)" in shown and "Stalled campaigns (0)" in shown, shown
        await pilot.press("home", "home")
        await settle(pilot)
        assert follow_ups.cursor_row == 0 and page.scroll_y == 0


async def test_with_no_row_to_focus_the_page_keys_scroll_the_agenda(app):
    """A new database in a terminal shorter than 24 lines: no list has a row to take
    the focus, and the page is no tab stop; pgdn, end and home scroll it."""
    async with app.run_test(size=(80, 16)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        page = app.screen.query_one("#agenda-scroll")
        assert app.focused is None and page.max_scroll_y > 0
        await pilot.press("pagedown")
        await settle(pilot)
        assert page.scroll_y > 0
        await pilot.press("end")
        await settle(pilot)
        assert page.scroll_y == page.max_scroll_y
        assert "Logged today (0)" in screen_text(app)
        await pilot.press("home")
        await settle(pilot)
        assert page.scroll_y == 0


async def test_d_with_no_follow_up_listed_says_so_instead_of_pointing_back(app, repo, today):
    """No follow-up due within the week, a contact due on their cadence: the cursor
    starts on Keep in touch and `d` said "shift+tab back to the follow-ups", where the
    box said "Nothing due"; there `d` said "No follow-up selected.", as if one could be."""
    repo.contacts.add("K2", met_on=today - timedelta(days=7), keep_in_touch=7)
    later = repo.contacts.add("Lee", met_on=today - timedelta(days=7))
    repo.activity.log([later.id], on=today, follow_up_on=today + timedelta(days=20))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, AgendaScreen)
        assert app.focused is screen.query_one("#touch-table")
        await pilot.press("d")
        await settle(pilot)
        nothing = "No follow-up due in the next 7 days: nothing to mark done."
        assert said(app) == [nothing]
        await pilot.press("shift+tab")
        await pilot.press("d")
        await settle(pilot)
        assert said(app) == [nothing, nothing]
        assert repo.activity.follow_ups(pending_on=today)  # the one due later: untouched
