"""Text of several lines pasted into a field (a real bracketed paste): Textual's Input kept
its first line alone, without a word. A field that may hold line breaks (notes) keeps
them as it shows stored ones, ␊, and saves them as line breaks; a one-line field (a name,
the quick-log bar) joins the lines with spaces."""

from __future__ import annotations

from typing import Any

from textual import events
from textual.widgets import Input, Static

from netrack.screens.modal.contact_form import ContactForm
from netrack.screens.modal.quicklog import QuickLog
from tests.ui.conftest import settle
from tests.ui.test_forms_interactions import field, go_to

NOTE = "Met at PyCon.\nPrefers email over calls.\r\nAsk about the platform team in Q1.\n"


async def paste(pilot: Any, text: str) -> None:
    """As a terminal's bracketed paste reaches the focused input."""
    focused = pilot.app.focused
    assert isinstance(focused, Input)
    focused.post_message(events.Paste(text))
    await pilot.pause()


async def test_a_note_pasted_keeps_its_lines(app, repo):
    mei = repo.contacts.add("Mei Chen", notes="Intro by Raj.")
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_contact(mei.id)
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, ContactForm)
        await go_to(pilot, "notes")
        await pilot.press("end", "space")
        await paste(pilot, NOTE)
        assert field(app, "notes") == (
            "Intro by Raj. Met at PyCon.␊Prefers email over calls.␊"
            "Ask about the platform team in Q1."
        )
        await go_to(pilot, "name")  # a one-line field: the lines joined by spaces
        await pilot.press("ctrl+a", "ctrl+k")
        await paste(pilot, "Mei\nChen\n\n  Wong")
        assert field(app, "name") == "Mei Chen Wong"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, ContactForm)
        saved = repo.contacts.get(mei.id)
        assert saved.name == "Mei Chen Wong"
        assert saved.notes == (
            "Intro by Raj. Met at PyCon.\nPrefers email over calls.\n"
            "Ask about the platform team in Q1."
        )


async def test_a_line_pasted_into_the_quick_log_bar_is_one_line(app, repo):
    ana = repo.contacts.add("Ana López")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("l")
        assert isinstance(app.screen, QuickLog)
        await paste(pilot, "#call @ana 20m\ntalked about\nthe platform team")
        bar = app.screen.query_one("#ql-input", Input)
        assert bar.value == "#call @ana 20m talked about the platform team"
        await pilot.press("enter")
        await settle(pilot)
        (entry,) = repo.activity.interactions(contact_id=ana.id)
        assert (entry.minutes, entry.note) == (20, "talked about the platform team")


async def test_a_url_pasted_with_a_control_character_is_refused_at_its_field(app, repo):
    """`contact add --url` and the form took a tab or an ESC in an address: stored, then
    exported percent-encoded, and no longer the address netrack held."""
    mei = repo.contacts.add("Mei Chen", url="https://mei.example")
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_contact(mei.id)
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        await go_to(pilot, "url")
        await pilot.press("ctrl+a", "ctrl+k")
        await paste(pilot, "https://a.example/x\thttps://b.example/y")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ContactForm)
        error = app.screen.query_one("#error-url", Static)
        assert str(error.render()) == (
            "url 'https://a.example/x\\thttps://b.example/y' holds a control character "
            "('\\t'); give one address"
        )
        assert repo.contacts.get(mei.id).url == "https://mei.example"  # nothing written
