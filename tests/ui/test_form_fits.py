"""Forms at 80×24 and smaller (SPEC: usable at 80×24, everything by keyboard): the fields
scroll inside the dialog, which stays on the screen; the field being typed in, the line
of fields to fix and the keys' hint are always in sight."""

from __future__ import annotations

from typing import Any

from textual.geometry import Region
from textual.widget import Widget
from textual.widgets import Input

from netrack.screens.modal.campaign_form import CampaignForm
from netrack.screens.modal.contact_form import ContactForm
from netrack.screens.modal.form import FormScreen
from netrack.screens.modal.form_fields import FieldList
from tests.ui.conftest import screen_text, settle, type_text
from tests.ui.test_forms_interactions import fill

HINT = "esc cancel"


def shown_whole(app: Any, widget: Widget, within: Region) -> bool:
    """Whether `widget` is drawn, all of it, inside `within` (a region of the screen)."""
    region = app.screen.find_widget(widget).region
    return bool(region) and within.contains_region(region)


def assert_in_sight(app: Any) -> None:
    """The dialog is on the screen; the focused field shows inside its scrolling list;
    the form's line and its hint show below the fields."""
    form = app.screen
    assert isinstance(form, FormScreen)
    box = form.query_one("FormScreen > Vertical", Widget)
    assert shown_whole(app, box, form.region), "the dialog runs off the screen"
    fields = form.query_one(FieldList)
    inside = app.screen.find_widget(fields).region.intersection(form.region)
    focused = app.focused
    assert isinstance(focused, Input)
    assert shown_whole(app, focused, inside), f"{focused.id} is out of sight"
    for line in ("#form-error", "#form-hint"):
        assert shown_whole(app, form.query_one(line, Widget), form.region), f"{line} is off-screen"
    assert HINT in screen_text(app)


async def test_a_form_full_of_errors_keeps_the_focused_field_and_its_summary_in_sight(app, repo):
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("1")
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, CampaignForm)
        for name, text in (
            ("source", "zzz"),
            ("stage", "yyy"),
            ("opened_on", "never"),
            ("priority", "77"),
            ("deadline", "someday"),
        ):
            await fill(pilot, name, text)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CampaignForm)
        assert "7 fields to fix: " in screen_text(app)
        assert_in_sight(app)
        await pilot.press("tab", "tab")
        assert app.focused is app.screen.query_one("#field-notes", Input)
        await type_text(pilot, "HIDDEN-NOTE")
        await settle(pilot)
        assert_in_sight(app)
        assert "HIDDEN-NOTE" in screen_text(app)
        assert "7 fields to fix: " in screen_text(app)
        await pilot.press("tab")  # round to the first field: scrolled back to it
        await settle(pilot)
        assert app.focused is app.screen.query_one("#field-title", Input)
        assert_in_sight(app)


async def test_the_contact_form_with_six_errors_reaches_its_last_field(app, repo):
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, ContactForm)
        for name, text in (
            ("channel", "carrier pigeon"),
            ("met_on", "someday"),
            ("strength", "9"),
            ("keep_in_touch", "0"),
            ("size_band", "huge"),
        ):
            await fill(pilot, name, text)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "fields to fix: " in screen_text(app)
        assert_in_sight(app)
        await pilot.press("ctrl+end")  # the last field, scrolled to
        await settle(pilot)
        inputs = list(app.screen.query(Input))
        assert app.focused is inputs[-1]
        await type_text(pilot, "SEEN")
        await settle(pilot)
        assert_in_sight(app)
        assert "SEEN" in screen_text(app)
        await pilot.press("ctrl+home")
        await settle(pilot)
        assert app.focused is inputs[0]
        assert_in_sight(app)


async def test_a_form_fits_a_60_by_16_terminal(app, repo):
    async with app.run_test(size=(60, 16)) as pilot:
        await pilot.press("1")
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, CampaignForm)
        assert_in_sight(app)
        inputs = list(app.screen.query(Input))
        for _ in range(len(inputs) - 1):
            await pilot.press("tab")
            await settle(pilot)
            assert_in_sight(app)
        assert app.focused is inputs[-1]
        # A page up moves the cursor with the view: several fields, never out of sight.
        await pilot.press("pageup")
        await settle(pilot)
        assert_in_sight(app)
        assert inputs.index(app.focused) < len(inputs) - 2
        await pilot.press("pagedown")
        await settle(pilot)
        assert_in_sight(app)
        assert app.focused is inputs[-1]
