"""The Agenda shows a quick log at once, as the Scorecard does: its row in "Logged today",
the follow-ups it closed and the one it set, its people out of "going cold" and "keep in
touch", its campaign out of the stalled ones; the full reload follows in the background
and changes nothing. On a ten-times history the log showed only after that reload, ~3 s."""

from __future__ import annotations

import threading
from datetime import timedelta

from netrack.screens import agenda
from netrack.screens.agenda import AgendaScreen
from netrack.screens.modal.quicklog import QuickLog
from tests.ui.conftest import screen_text, settle, type_text, wait_until


def seed(repo, today):
    """Ana going cold with an overdue follow-up, Raj due on his cadence, Bo going cold
    (untouched by the log), a stalled campaign."""
    old = today - timedelta(days=90)
    ana = repo.contacts.add("Ana López", organization="Acme", strength=4, met_on=old)
    raj = repo.contacts.add("Raj Patel", met_on=old, keep_in_touch=30)
    repo.contacts.add("Bo Chen", strength=5, met_on=old)
    before, earlier = today - timedelta(days=40), today - timedelta(days=28)
    repo.activity.log([ana.id], on=before, follow_up_on=today - timedelta(days=5), kind="call",
                      note="send the deck", logged_on=before)  # fmt: skip
    repo.activity.log([raj.id], on=earlier, kind="email", logged_on=earlier)
    repo.campaigns.add("Staff Engineer", "Acme", stage="applied", opened_on=old)
    return ana, raj


def held_reloads(monkeypatch):
    """The Agenda's loads in a worker thread wait until the returned event is set."""
    release = threading.Event()
    read = AgendaScreen.load

    def held(screen):
        if threading.current_thread() is not threading.main_thread():
            release.wait(10)
        return read(screen)

    monkeypatch.setattr(agenda.AgendaScreen, "load", held)
    return release


async def test_a_quick_log_shows_on_the_agenda_before_its_reload(app, repo, today, monkeypatch):
    seed(repo, today)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, AgendaScreen)
        text = screen_text(app)
        assert "Logged today (0)" in text and "Stalled campaigns (1)" in text
        assert "Going cold (2)" in text and "Keep in touch (1)" in text
        assert "send the deck" in text
        release = held_reloads(monkeypatch)
        loaded = screen.loaded
        await pilot.press("l")
        await wait_until(pilot, lambda: isinstance(app.screen, QuickLog))
        line = '@"Ana López" @raj +"Staff Engineer" #coffee 30m fu:2026-11-30 talked shop'
        await type_text(pilot, line)
        await pilot.press("enter")
        await wait_until(pilot, lambda: "Logged today (1)" in screen_text(app))
        assert screen.loaded == loaded and not release.is_set()  # the reload is held still
        app.clear_notifications()  # the confirmation's toast: not part of the Agenda
        await pilot.pause()
        quick = screen_text(app)
        assert "1 logged today" in quick and "talked shop" in quick
        assert "send the deck" not in quick  # the follow-up it closed
        assert "0 overdue" in quick and "1 in 7 days" in quick  # the one it set
        assert "Going cold (1)" in quick and "Bo Chen" in quick
        assert "Keep in touch (0)" in quick and "Stalled campaigns (0)" in quick
        release.set()
        await wait_until(pilot, lambda: screen.loaded > loaded)
        await settle(pilot)
        app.clear_notifications()
        await pilot.pause()
        assert screen._shown is not None
        assert screen._shown.agenda == repo.scorecard.agenda()  # as a fresh load reads it
        assert screen_text(app) == quick
