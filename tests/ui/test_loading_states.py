"""Until a screen's first load arrives its lists say they are loading, never their
empty-state lines: on a long history the Agenda said "nobody: your warm contacts are
warm" for seconds before listing thousands going cold, and a contact's page "No
interactions yet" before its timeline."""

from __future__ import annotations

import threading
from datetime import timedelta

from netrack.screens.agenda import AgendaScreen
from netrack.screens.contact_detail import ContactDetailScreen
from tests.ui.conftest import screen_text, settle, type_text, wait_until


def held(monkeypatch, screen_class):
    """The screen's loads wait for the returned event: the test reads the screen while
    its first load is still under way (its first rows too, `load_preview`)."""
    release = threading.Event()
    for name in ("load", "load_preview"):
        read = getattr(screen_class, name)

        def slow(self, read=read):
            release.wait(10)
            return read(self)

        monkeypatch.setattr(screen_class, name, slow)
    return release


async def test_the_agenda_says_loading_until_its_lists_arrive(app, repo, today, monkeypatch):
    old = today - timedelta(days=90)
    ana = repo.contacts.add("Ana López", strength=4, met_on=old)
    repo.activity.log([ana.id], on=today - timedelta(days=40), kind="call")
    release = held(monkeypatch, AgendaScreen)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4")
        await wait_until(pilot, lambda: isinstance(app.screen, AgendaScreen))
        await pilot.pause()
        text = screen_text(app)
        assert "loading…" in text
        for empty in ("your warm contacts are warm", "nobody due this week", "Nothing due"):
            assert empty not in text
        assert "no deadline in the next 7 days" not in text
        release.set()
        await settle(pilot)
        text = screen_text(app)
        assert "loading…" not in text
        assert "Going cold (1)" in text and "Ana López" in text
        assert "no deadline in the next 7 days" in text  # the empty ones say so now
        assert "nobody due this week" in text


async def test_a_contacts_page_says_loading_until_its_timeline_arrives(
    app, repo, today, monkeypatch
):
    ana = repo.contacts.add("Ana López", met_on=today - timedelta(days=9))
    repo.activity.log([ana.id], on=today - timedelta(days=2), kind="call", note="hello")
    release = held(monkeypatch, ContactDetailScreen)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.open_contact(ana.id)
        await wait_until(pilot, lambda: isinstance(app.screen, ContactDetailScreen))
        await pilot.pause()
        text = screen_text(app)
        assert "loading…" in text and "No interactions yet" not in text
        release.set()
        await settle(pilot)
        text = screen_text(app)
        assert "loading…" not in text and "hello" in text


async def test_contacts_say_loading_until_the_list_arrives_and_a_filter_typed_meanwhile_applies(
    app, repo, today, monkeypatch
):
    """A career's 48,000 contacts take seconds to read: the table stood blank, and a
    filter typed meanwhile said "No contacts yet. Press n to add one…" of a list that
    was only loading."""
    from netrack.screens.contacts import ContactsScreen

    repo.contacts.add("Ana López", organization="Acme")
    repo.contacts.add("Raj Patel", organization="Globex")
    release = held(monkeypatch, ContactsScreen)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("2")
        await wait_until(pilot, lambda: isinstance(app.screen, ContactsScreen))
        await pilot.pause()
        assert "loading…" in screen_text(app)
        await pilot.press("/")
        await type_text(pilot, "raj")
        text = screen_text(app)
        assert "loading…" in text and "No contacts yet" not in text
        release.set()
        await settle(pilot)
        assert [c.name for c in app.screen.rows] == ["Raj Patel"]
        text = screen_text(app)
        assert "loading…" not in text and "1 of 2" in text
