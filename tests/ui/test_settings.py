"""Settings from the command palette: `netrack config` as a form, the same words for a
bad value, nothing written unless every value is good, and every screen refreshed."""

from __future__ import annotations

from netrack.data import tables as t
from netrack.screens.modal.settings_form import SettingsForm
from netrack.screens.pipeline import PipelineScreen
from tests.ui.conftest import screen_text, settle, type_text, wait_until
from tests.ui.test_forms_interactions import field, fill


def stored(repo):
    settings = repo.goals.settings()
    return settings.week_start, settings.going_cold_days, settings.stalled_days


async def open_settings(app, pilot):
    await pilot.press("ctrl+p")
    await type_text(pilot, "settings")
    await wait_until(pilot, lambda: "Settings…" in screen_text(app))
    await pilot.press("enter")
    await wait_until(pilot, lambda: isinstance(app.screen, SettingsForm))


async def test_settings_form_checks_like_config_and_saves_all_at_once(app, repo):
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        pipeline = app.screen
        assert isinstance(pipeline, PipelineScreen)
        await open_settings(app, pilot)
        assert [field(app, key) for key in ("week_start", "going_cold_days", "stalled_days")] == [
            "monday",
            "30",
            "14",
        ]
        await fill(pilot, "week_start", "funday")
        await pilot.press("enter")
        await pilot.pause()
        assert "week_start must be a weekday name like monday or sunday, not 'funday'" in (
            screen_text(app)
        )
        await fill(pilot, "week_start", "sunday")
        await fill(pilot, "going_cold_days", "0")
        await pilot.press("enter")
        await pilot.pause()
        assert "going_cold_days must be from 1 to 3650, not 0" in screen_text(app)
        await fill(pilot, "going_cold_days", "45")
        await fill(pilot, "stalled_days", "1.5")
        await pilot.press("enter")
        await pilot.pause()
        assert "stalled_days must be a whole number from 1 to 3650, not '1.5'" in screen_text(app)
        # Each refusal wrote nothing, not even the good values typed beside it.
        assert stored(repo) == (0, 30, 14)
        assert t.Setting.select().count() == 0

        loads = pipeline.loaded
        await fill(pilot, "stalled_days", "10")
        await pilot.press("enter")
        await settle(pilot)
        assert stored(repo) == (6, 45, 10)
        assert app.screen is pipeline and pipeline.loaded > loads  # the write was announced
        assert any(
            n.message == "settings saved: week_start sunday, going_cold_days 45, stalled_days 10"
            for n in app._notifications
        )

        await open_settings(app, pilot)  # shows what is stored now
        assert field(app, "week_start") == "sunday"
        await fill(pilot, "going_cold_days", "60")
        await pilot.press("enter")
        await settle(pilot)
        assert stored(repo) == (6, 60, 10)
        assert any(n.message == "settings saved: going_cold_days 60" for n in app._notifications)


async def test_the_current_card_follows_a_new_week_start(app, repo):
    """The Scorecard kept Mon Nov 23 – Sun Nov 29 after the week was set to start on
    Sunday, with "t: this week" as if the user had left the current week."""
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")
        await wait_until(pilot, lambda: "Mon Nov 23 – Sun Nov 29 2026" in screen_text(app))
        await open_settings(app, pilot)
        await fill(pilot, "week_start", "sunday")
        await pilot.press("enter")
        await wait_until(pilot, lambda: "Sun Nov 22 – Sat Nov 28 2026" in screen_text(app))
        assert "t: this week" not in screen_text(app)


async def test_a_setting_changed_elsewhere_meanwhile_is_not_saved_over(app, repo):
    """`netrack config going_cold_days 45` while the form was open: the form's 60 was
    saved over it without a word, the form still showing 30 (a sweep)."""
    async with app.run_test(size=(120, 40)) as pilot:
        await open_settings(app, pilot)
        repo.goals.configure("going_cold_days", "45")  # the shell, meanwhile
        await fill(pilot, "going_cold_days", "60")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, SettingsForm)  # refused in place
        assert repo.goals.settings().going_cold_days == 45
        assert str(app.screen.query_one("#form-error").render()) == (
            "Going cold (days) changed elsewhere since this form opened (now 45): nothing "
            "saved; escape, and open it again"
        )


async def test_a_week_start_changed_elsewhere_is_named_as_a_day(app, repo):
    """The refusal said "(now 4)" of a week starting on a Friday (a review sweep)."""
    async with app.run_test(size=(120, 40)) as pilot:
        await open_settings(app, pilot)
        repo.goals.configure("week_start", "friday")  # the shell, meanwhile
        await fill(pilot, "week_start", "sunday")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert str(app.screen.query_one("#form-error").render()) == (
            "Week starts on changed elsewhere since this form opened (now friday): nothing "
            "saved; escape, and open it again"
        )
