"""Forms (issue 16): every field's error at once, in field order, nothing written; the
fields that say "→ accept suggestion" suggest; a near-miss organization asks first."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input, Static

from netrack.data.tables import TimeEntry
from netrack.domain.models import Kind
from netrack.domain.similar import close_names
from netrack.interop import api
from netrack.screens.modal.confirm import Confirm
from netrack.screens.modal.contact_form import ContactForm
from netrack.screens.modal.form_fields import choices_placeholder
from netrack.screens.modal.interaction_form import InteractionForm
from tests.ui.conftest import screen_text, settle, type_text, wait_until
from tests.ui.test_forms_interactions import field, fill


def error_of(app: Any, name: str) -> str:
    line = app.screen.query_one(f"#error-{name}", Static)
    return str(line.render()) if line.has_class("-shown") else ""


async def test_every_error_shows_at_once_in_field_order_and_nothing_is_written(app, repo):
    repo.contacts.add("Ana López")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("n")
        assert isinstance(app.screen, ContactForm)
        await fill(pilot, "channel", "carrier pigeon")
        await fill(pilot, "met_on", "someday")
        await fill(pilot, "strength", "9")
        await fill(pilot, "keep_in_touch", "0")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ContactForm)
        assert error_of(app, "name") == "name must not be blank"
        assert error_of(app, "channel").startswith("unknown channel 'carrier pigeon' (known: ")
        assert "someday" in error_of(app, "met_on")
        assert error_of(app, "strength") == "strength must be from 1 to 5, not 9"
        assert error_of(app, "keep_in_touch").startswith("keep-in-touch days must be")
        assert error_of(app, "organization") == "" and error_of(app, "email") == ""
        summary = str(app.screen.query_one("#form-error", Static).render())
        assert summary == "5 fields to fix: Name, Met via, Met on, Strength 1–5, Keep in touch"
        assert app.focused is app.screen.query_one("#field-keep_in_touch", Input)  # stays
        assert len(repo.contacts.all()) == 1  # nothing written
        # Fixed one by one: the marks go with them, and the save goes through.
        await fill(pilot, "name", "Bo Chen")
        await fill(pilot, "channel", "event")
        await pilot.pause()
        # an edited field's message quoted the old text: it goes as soon as it is edited
        assert error_of(app, "name") == "" and error_of(app, "channel") == ""
        assert "someday" in error_of(app, "met_on")  # not edited yet: still there
        summary = str(app.screen.query_one("#form-error", Static).render())
        assert summary == "3 fields to fix: Met on, Strength 1–5, Keep in touch"
        await fill(pilot, "met_on", "")
        await fill(pilot, "strength", "3")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert error_of(app, "keep_in_touch") and not error_of(app, "strength")
        assert str(app.screen.query_one("#form-error", Static).render()) == (
            "1 field to fix: Keep in touch"
        )
        await fill(pilot, "keep_in_touch", "30")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, ContactForm)
        (bo,) = [c for c in repo.contacts.all() if c.name == "Bo Chen"]
        assert (bo.strength, bo.keep_in_touch, bo.channel and bo.channel.value) == (3, 30, "event")


async def test_interaction_form_lists_every_error(app, repo):
    ana = repo.contacts.add("Ana López")
    async with app.run_test(size=(120, 40)) as pilot:
        typed = {"with": "Ana López, nobody", "kind": "telepathy", "minutes": "90x"}
        await _interaction_saved(app, pilot, ana.id, {**typed, "cost": "lots"})
        assert error_of(app, "with") == "no contact matches 'nobody'"
        assert error_of(app, "kind").startswith("unknown kind 'telepathy'")
        assert error_of(app, "minutes").startswith("invalid duration '90x'")
        assert error_of(app, "cost") and not error_of(app, "on")
        text = screen_text(app)
        assert "4 fields to fix: With, Kind, Duration, Cost" in text
        assert repo.activity.interactions(contact_id=ana.id) == []


async def test_a_duration_too_long_is_said_as_typed_in_both_forms(app, repo):
    """`25h` was refused as "1500 minutes is more than a day", where every confirmation
    says hours: each form says it in the words typed, as `time add 25h` does."""
    from netrack.screens.modal.time_form import TimeForm

    ana = repo.contacts.add("Ana López")
    async with app.run_test(size=(120, 40)) as pilot:
        await _interaction_saved(app, pilot, ana.id, {"minutes": "25h"})
        assert error_of(app, "minutes") == "25h is more than a day (24h at most)"
        await pilot.press("escape")
        await settle(pilot)
        typed = {"duration": "1500", "category": "search"}
        assert await _errors_on_save(app, pilot, TimeForm(repo), typed) == (
            "1 field to fix: Duration"
        )
        assert error_of(app, "duration") == "1500 minutes is more than a day (24h at most)"
    assert repo.activity.interactions(contact_id=ana.id) == []
    assert TimeEntry.select().count() == 0


async def test_the_interaction_form_takes_a_kind_written_with_a_hyphen(app, repo):
    """`in-person` was refused where `--channel cold-outreach` is taken."""
    ana = repo.contacts.add("Ana López")
    async with app.run_test(size=(120, 40)) as pilot:
        await _interaction_saved(app, pilot, ana.id, {"kind": "in-person"})
        await settle(pilot)
        assert not isinstance(app.screen, InteractionForm)
    (entry,) = repo.activity.interactions(contact_id=ana.id)
    assert entry.kind == Kind.IN_PERSON


async def test_fields_suggest_known_names_and_right_accepts(app, repo):
    repo.contacts.add("Ana López", organization="Acme")
    repo.contacts.add("Raj Patel", organization="Globex")
    repo.campaigns.add("Platform Lead", "Acme")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("n")
        await fill(pilot, "organization", "glo")
        await pilot.pause()
        assert "globex" in screen_text(app).casefold()  # the suggestion, shown after the text
        await pilot.press("right")
        assert field(app, "organization") == "Globex"
        await fill(pilot, "introduced_by", "ra")
        await pilot.pause()
        await pilot.press("right")
        assert field(app, "introduced_by") == "Raj Patel"
        await pilot.press("escape")
        await settle(pilot)
        app.open_contact(repo.contacts.resolve("Ana"))
        await settle(pilot)
        await pilot.press("i")
        await fill(pilot, "with", "Ana López, r")  # the last name of the list is suggested
        await pilot.pause()
        await pilot.press("right")
        assert field(app, "with") == "Ana López, Raj Patel"
        await fill(pilot, "campaign", "acm")
        await pilot.pause()
        await pilot.press("right")
        assert field(app, "campaign") == "Acme Platform Lead"


async def test_a_near_miss_organization_asks_before_it_is_created(app, repo):
    repo.contacts.add("Ana López", organization="Acme")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("n")
        await fill(pilot, "name", "Bo Chen")
        await fill(pilot, "organization", "Acme Inc")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert error_of(app, "organization") == (
            "new organization 'Acme Inc': did you mean 'Acme'? save again to create it"
        )
        assert [o.name for o in repo.organizations.all()] == ["Acme"]
        await pilot.press("ctrl+s")  # said again: meant
        await settle(pilot)
        assert not isinstance(app.screen, ContactForm)
        assert [o.name for o in repo.organizations.all()] == ["Acme", "Acme Inc"]
        await pilot.press("n")
        await fill(pilot, "name", "Cy Young")
        await fill(pilot, "organization", "acme")  # the same one in another case: no question
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, ContactForm)
        assert [o.name for o in repo.organizations.all()] == ["Acme", "Acme Inc"]


async def test_campaign_form_asks_about_a_typo_in_the_organization(app, repo):
    repo.campaigns.add("Platform Lead", "Globex")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await fill(pilot, "title", "Data Lead")
        await fill(pilot, "organization", "Globx")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "did you mean 'Globex'?" in error_of(app, "organization")
        await fill(pilot, "organization", "Globex")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert sorted(c.display_name for c in repo.campaigns.all()) == [
            "Globex Data Lead",
            "Globex Platform Lead",
        ]


async def test_an_organization_typed_as_its_id_is_that_one(app, repo):
    """`id:1` in a form's Organization was refused as a name that "would read as an
    id", as `--org id:1` was: it names the organization with that id, as `--org` does
    now; an id none has is said at the field, and nothing is made."""
    repo.contacts.add("Ana López", organization="Acme")
    repo.campaigns.add("Platform Lead", "Globex")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("n")
        await fill(pilot, "name", "Bo Chen")
        await fill(pilot, "organization", "id:9")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ContactForm)
        assert error_of(app, "organization") == "no organization with id 9"
        await fill(pilot, "organization", "id:2")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, ContactForm)
    bo = next(c for c in repo.contacts.all() if c.name == "Bo Chen")
    assert (bo.organization_id, bo.organization) == (2, "Globex")
    assert [o.name for o in repo.organizations.all()] == ["Acme", "Globex"]


async def test_an_organization_that_reads_as_an_id_but_gives_none_is_refused(app, repo):
    """`id:-1` in a form's Organization made an organization called "id:-1", as
    `--org id:-1` did: it is refused at the field in `--org`'s words, nothing made."""
    repo.contacts.add("Ana López", organization="Acme")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("n")
        await fill(pilot, "name", "Bo Chen")
        await fill(pilot, "organization", "id:-1")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ContactForm)
        assert error_of(app, "organization") == (
            "'id:-1' reads as an id but gives none: id:N takes the organization's number, "
            "as its list shows it"
        )
        await pilot.press("escape")
        await settle(pilot)
    assert [c.name for c in repo.contacts.all()] == ["Ana López"]
    assert [o.name for o in repo.organizations.all()] == ["Acme"]


def test_an_organization_typed_as_its_id_has_its_size_band(repo):
    """The contact form's "Org size" follows the organization typed, `id:N` too."""
    from netrack.screens.modal.organization import OrganizationCheck

    repo.contacts.add("Ana López", organization="Acme", size_band="51-200")
    check = OrganizationCheck(repo)
    assert check.band_of("Acme") == check.band_of(" ID: 1 ") == "51-200"
    assert check.band_of("id:2") == check.band_of("Globex") == ""
    assert check.band_of("id:0001") == "51-200"
    assert check.band_of("id:" + "9" * 5000) == ""  # no int of 5,000 digits (it raised)


def test_close_names_and_placeholders_that_fit():
    known = ["Acme", "Globex Corporation", "Initech", "Umbrella"]
    assert close_names("Acme Inc", known) == ["Acme"]
    assert close_names("ACME, Ltd.", known) == ["Acme"]
    assert close_names("Globex", known) == ["Globex Corporation"]
    assert close_names("Inittech", known) == ["Initech"]
    assert close_names("Acne", known) == []  # short names: only the same core counts
    assert close_names("Hooli", known) == []
    assert close_names("acme", known) == []  # the same organization, not a near one
    channels = ["linkedin", "event", "referral", "cold", "alumni", "colleague", "friend"]
    assert choices_placeholder(channels, 40) == "linkedin | event | referral | … 4 more"
    assert choices_placeholder(channels[:3], 40) == "linkedin | event | referral"


async def test_toasts_over_a_dialog_leave_its_error_line_uncovered(app, repo):
    repo.contacts.add("Ana López")
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        await pilot.press("l")
        app.notify("a toast that would sit on the error line, bottom right", timeout=30)
        await type_text(pilot, "@nobody-at-all")
        await pilot.pause()
        lines = screen_text(app).splitlines()
        error_row = next(i for i, line in enumerate(lines) if "no contact matches" in line)
        toast_row = next(i for i, line in enumerate(lines) if "a toast that would" in line)
        assert toast_row < error_row - 3
        assert "no contact matches 'nobody-at-all'" in lines[error_row]
        await pilot.press("escape")  # on a screen, toasts sit where they always did
        await pilot.pause()
        lines = screen_text(app).splitlines()
        assert next(i for i, line in enumerate(lines) if "a toast that would" in line) > 12


async def _save_typed(pilot: Any, typed: dict[str, str]) -> None:
    """Type `typed` into the open form's fields, in order, and save."""
    for name, text in typed.items():
        await fill(pilot, name, text)
    await pilot.press("ctrl+s")
    await pilot.pause()


async def _interaction_saved(app: Any, pilot: Any, contact_id: int, typed: dict[str, str]) -> None:
    """From the contact's page, open the interaction form (`i`), type `typed`, save."""
    app.open_contact(contact_id)
    await settle(pilot)
    await pilot.press("i")
    assert isinstance(app.screen, InteractionForm)
    await _save_typed(pilot, typed)


async def _errors_on_save(app: Any, pilot: Any, form: Any, typed: dict[str, str]) -> str:
    """Open `form`, type `typed`, save: the summary line (each field's error is under it)."""
    await app.open_form(form)
    await settle(pilot)
    await _save_typed(pilot, typed)
    assert app.screen is form  # refused: still open
    return str(form.query_one("#form-error", Static).render())


async def test_time_goal_and_settings_forms_mark_every_field_at_once(app, repo):
    from netrack.screens.modal.goal_form import GoalForm
    from netrack.screens.modal.settings_form import SettingsForm
    from netrack.screens.modal.time_form import TimeForm

    goals_before, settings_before = repo.goals.all(), repo.goals.settings()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        typed = {"duration": "90x", "category": "naps", "on": "someday", "campaign": "nowhere"}
        summary = await _errors_on_save(app, pilot, TimeForm(repo), typed)
        assert summary == "4 fields to fix: Duration, Category, On, Campaign"
        assert error_of(app, "duration").startswith("invalid duration '90x'")
        assert error_of(app, "category").startswith("unknown category 'naps'")
        assert error_of(app, "on").startswith("invalid date 'someday'")
        assert error_of(app, "campaign") == "no campaign matches 'nowhere'"
        await pilot.press("escape")

        typed = {"metric": "focus_ratio", "target": "5", "comparator": "sideways"}
        summary = await _errors_on_save(app, pilot, GoalForm(repo), typed)
        assert summary == "2 fields to fix: Target, Comparator"
        assert error_of(app, "target") == "focus_ratio target must be from 0 to 1, not 5"
        assert error_of(app, "comparator").startswith("unknown comparator 'sideways'")
        await pilot.press("escape")

        typed = {"week_start": "funday", "going_cold_days": "0", "stalled_days": "99999"}
        summary = await _errors_on_save(app, pilot, SettingsForm(repo), typed)
        assert summary == "3 fields to fix: Week starts on, Going cold (days), Stalled (days)"
        assert error_of(app, "going_cold_days") == "going_cold_days must be from 1 to 3650, not 0"
    assert repo.goals.all() == goals_before and repo.goals.settings() == settings_before
    assert TimeEntry.select().count() == 0


async def test_a_twin_percentage_goal_is_refused_as_the_list_names_it(app, repo):
    """The form refused a second focus_ratio 50% as "goal focus_ratio at least 0.5 a
    week already exists", a ratio where the list beside it says ≥ 50%."""
    from netrack.screens.modal.goal_form import GoalForm

    first = repo.goals.add("focus_ratio", "50%")
    goals_before = repo.goals.all()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("5")
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await fill(pilot, "metric", "focus_ratio")
        await fill(pilot, "target", "50.00%")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, GoalForm)
        said = str(app.screen.query_one("#form-error", Static).render())
        assert said == f"goal focus_ratio ≥ 50% a week already exists (id {first.id})"
    assert repo.goals.all() == goals_before


async def test_a_new_goal_saved_blank_says_what_is_required(app, repo):
    """It said "unknown metric ''" and the 25 metrics (9 lines), and "target must be a
    number, not ''", where every other form says a blank field is needed."""
    from netrack.screens.modal.goal_form import GoalForm

    goals_before = repo.goals.all()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("5")
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, GoalForm)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, GoalForm)
        assert error_of(app, "metric") == "metric is required"
        assert error_of(app, "target") == "target is required (a number)"
        summary = str(app.screen.query_one("#form-error", Static).render())
        assert summary == "2 fields to fix: Metric, Target"
        await fill(pilot, "metric", "vibes")  # a wrong word still lists the metrics
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert error_of(app, "metric").startswith("unknown metric 'vibes' (known: active_campaigns")
    assert repo.goals.all() == goals_before


async def test_a_follow_up_before_the_day_and_a_maybe_are_marked_with_the_rest(app, repo):
    ana = repo.contacts.add("Ana López")
    async with app.run_test(size=(120, 40)) as pilot:
        typed = {"kind": "telepathy", "on": "2026-11-20", "follow_up": "2026-11-01"}
        await _interaction_saved(app, pilot, ana.id, {**typed, "meaningful": "maybe"})
        assert error_of(app, "kind").startswith("unknown kind 'telepathy'")
        assert error_of(app, "follow_up") == (
            "follow-up 2026-11-01 is before the interaction (2026-11-20)"
        )
        assert error_of(app, "meaningful") == "meaningful is y or n, not 'maybe'"
    assert repo.activity.interactions() == []


async def test_a_follow_up_in_year_9999_is_marked_as_the_cli_says_it(app, repo):
    """The form stored `9999-12-31`, where a deadline stops at 9998: no card could count
    it. An edit that leaves one an older netrack stored as it is saves the rest."""
    from datetime import date

    from netrack.data import tables as t
    from tests.ui.test_forms_interactions import edit_the_only_interaction

    ana = repo.contacts.add("Ana López")
    async with app.run_test(size=(120, 40)) as pilot:
        await _interaction_saved(app, pilot, ana.id, {"follow_up": "9999-12-31"})
        assert error_of(app, "follow_up") == (
            "follow-up 9999-12-31: a follow-up must be between 1900 and 9998"
        )
        assert repo.activity.interactions() == []
        await pilot.press("escape", "y")
        await settle(pilot)
        older = repo.activity.log([ana.id], follow_up_on=date(2026, 12, 1))
        t.Interaction.update(follow_up_on=date(9999, 12, 31)).where(
            t.Interaction.id == older.id
        ).execute()
        await edit_the_only_interaction(pilot, ana.id)
        await fill(pilot, "note", "mended")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, InteractionForm)
    assert repo.activity.get(older.id).note == "mended"


async def test_the_move_form_marks_every_field_at_once(app, repo, today):
    """`S`: a loss reason on a move to applied was said first, alone; once it was
    cleared, the day before the opening came next. Both now show under their fields,
    and nothing is written."""
    from netrack.screens.modal.move_form import MoveForm

    opened = today - timedelta(days=20)
    campaign = repo.campaigns.add("Role", "Acme", opened_on=opened)
    before = (opened - timedelta(days=9)).isoformat()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("S")
        await settle(pilot)
        assert isinstance(app.screen, MoveForm)
        await _save_typed(pilot, {"stage": "applied", "on": before, "reason": "rejected"})
        assert isinstance(app.screen, MoveForm)
        assert error_of(app, "on") == (
            f"{before} is before the campaign opened ({opened.isoformat()}, in research); "
            "if it opened earlier, change the day it opened first (edit it)"
        )
        assert error_of(app, "reason") == "a loss reason is only for a move to lost, not to applied"
        assert error_of(app, "stage") == ""
        summary = str(app.screen.query_one("#form-error", Static).render())
        assert summary == "2 fields to fix: On, Loss reason"
        await _save_typed(pilot, {"stage": "lost"})  # the same reason now goes with it
        assert error_of(app, "reason") == "" and error_of(app, "on").startswith(before)
        assert len(repo.campaigns.history(campaign.id)) == 1  # the opening alone
        await _save_typed(pilot, {"on": ""})
        await settle(pilot)
        assert not isinstance(app.screen, MoveForm)
    moved = repo.campaigns.get(campaign.id)
    assert (moved.stage.value, moved.lost_reason) == ("lost", "rejected")


async def test_a_new_campaign_s_deadline_in_year_9999_is_marked_under_it(app, repo):
    """It was said in the form's footer alone, where a bad priority is marked under
    its field with "1 field to fix"."""
    from netrack.screens.modal.campaign_form import CampaignForm

    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, CampaignForm)
        typed = {"title": "Role", "organization": "Acme", "deadline": "9999-12-31"}
        await _save_typed(pilot, typed)
        assert isinstance(app.screen, CampaignForm)
        assert error_of(app, "deadline") == (
            "deadline 9999-12-31: a deadline must be between 1900 and 9998"
        )
        summary = str(app.screen.query_one("#form-error", Static).render())
        assert summary == "1 field to fix: Deadline"
    assert repo.campaigns.all() == []


async def test_an_org_size_without_an_organization_is_marked_at_its_field(app, repo):
    """The band belongs to an organization: with none typed, the save was refused on
    the form's bottom line only, no field marked. It is the Org size field's error,
    with the others; an organization typed beside it, the contact is saved."""
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("n")
        assert isinstance(app.screen, ContactForm)
        await fill(pilot, "name", "Solo Person")
        await fill(pilot, "size_band", "11-50")
        await fill(pilot, "strength", "9")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ContactForm)
        assert error_of(app, "size_band") == (
            "size needs an organization: the size band belongs to the organization"
        )
        assert str(app.screen.query_one("#form-error", Static).render()) == (
            "2 fields to fix: Org size, Strength 1–5"
        )
        assert repo.contacts.all() == []
        await fill(pilot, "organization", "Soloworks")
        await fill(pilot, "strength", "2")
        await pilot.press("enter")
        await wait_until(pilot, lambda: not isinstance(app.screen, ContactForm))
    (solo,) = repo.contacts.all()
    assert (solo.name, solo.organization, solo.size_band) == ("Solo Person", "Soloworks", "11-50")


async def test_a_tag_too_long_is_said_at_its_field_and_commas_separate_tags(app, repo):
    ana = repo.contacts.add("Ana López", tags=["kept"])
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_contact(ana.id)
        await settle(pilot)
        await pilot.press("e")
        assert field(app, "tags") == "kept"
        await fill(pilot, "tags", "kept, " + "t" * 101)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ContactForm)
        assert error_of(app, "tags").endswith("is too long (100 characters at most)")
        assert repo.contacts.get(ana.id).tags == ("kept",)  # nothing written
        await fill(pilot, "tags", "kept,  new   one ,")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, ContactForm)
        assert repo.contacts.get(ana.id).tags == ("kept", "new one")


async def test_a_restored_long_tag_blocks_neither_an_edit_nor_the_other_tags(app, repo, tmp_path):
    """`import json` restores a tag longer than MAX_TAG whole; the form refused every
    save of the contact over it ("tag 'TTT… is too long"), a strength change included."""
    vera = repo.contacts.add("Vera Tagg", tags=["ok"])
    export = tmp_path / "old.json"
    api.export(repo, "json", export)
    doc = json.loads(export.read_text(encoding="utf-8"))
    long_tag = "T" * 500
    doc["contacts"][0]["tags"] = ["ok", long_tag]
    export.write_text(json.dumps(doc), encoding="utf-8")
    api.import_file(repo, "json", export)
    assert repo.contacts.get(vera.id).tags == (long_tag, "ok")
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_contact(vera.id)
        await settle(pilot)
        await pilot.press("e")
        await fill(pilot, "strength", "3")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, ContactForm)
        saved = repo.contacts.get(vera.id)
        assert saved.strength == 3 and saved.tags == (long_tag, "ok")
        # The stored tag kept beside a new one; a new one too long is still refused.
        await pilot.press("e")
        await fill(pilot, "tags", f"{long_tag}, new, " + "x" * 101)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ContactForm)
        assert error_of(app, "tags").startswith("tag 'xxxxxxxx")
        assert error_of(app, "tags").endswith("is too long (100 characters at most)")
        await fill(pilot, "tags", f"{long_tag}, new")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, ContactForm)
    assert repo.contacts.get(vera.id).tags == (long_tag, "new")


async def test_keys_typed_in_one_burst_land_in_the_field_focus_moved_to(app, repo):
    """A fast typist's (or a paste's) Tab, ↓ or ↑ and the letters after it arrive
    together: each letter goes to the field focus has moved to by then, never to the
    field just left (where, all selected on entry, it replaced the whole value)."""
    async with _editing(app, repo, "CTO") as pilot:
        order = [f.name for f in app.screen.fields]
        await burst(pilot, "tab", "down", "X", "up", "Y")
        assert field(app, "name") == "Ana López"
        assert field(app, order[2]) == "X"  # two fields on, then replaced as selected
        assert field(app, order[1]) == "Y"


async def test_referral_form_lists_every_error_at_once(app, repo):
    from netrack.screens.modal.referral_form import ReferralForm

    ana = repo.contacts.add("Ana López")
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_contact(ana.id)
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, ReferralForm)
        await fill(pilot, "on", "+5d")
        await fill(pilot, "campaign", "zzzz")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ReferralForm)
        assert error_of(app, "direction") == "direction is required (one of: in, out)"
        assert error_of(app, "on") == "referral 2026-12-02 is after today (2026-11-27)"
        assert error_of(app, "campaign") == "no campaign matches 'zzzz'"
        assert error_of(app, "from") == ""
        assert "3 fields to fix: Direction, On, Campaign" in screen_text(app)
        assert repo.referrals.all() == []


async def test_a_referral_for_a_contact_merged_away_meanwhile_says_so(app, repo):
    """The contact page's `r` on a contact merged into another from the shell: "not
    saved: FOREIGN KEY constraint failed", where the edit form names what happened."""
    from netrack.screens.modal.referral_form import ReferralForm

    keep = repo.contacts.add("Ana Lopez", organization="Acme")
    other = repo.contacts.add("Ana López")
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_contact(other.id)
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, ReferralForm)
        repo.tidy.merge_contacts(keep.id, other.id, backup=lambda: Path("unused"))
        await fill(pilot, "direction", "in")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ReferralForm)
        said = " ".join(screen_text(app).replace("│", " ").split())
        # Named as the form opened, beside Ana Lopez of Acme: a namesake, accents aside.
        assert (
            "Ana López () was deleted or merged elsewhere since this form opened: nothing saved"
        ) in said
        assert "FOREIGN KEY" not in said
        assert repo.referrals.all() == []


async def test_editing_keys_in_a_burst_act_in_the_order_typed(app, repo):
    """ctrl+u, backspace and home are the input's own bindings, which Textual runs only
    once the key has bubbled to the app: typed in one burst with letters after them,
    they acted after the letters ("ctrl+u Lyon" left the field empty)."""
    async with _editing(app, repo, "research") as pilot:
        await fill(pilot, "title", "research")
        await burst(pilot, "end", *["backspace"] * 3, "l", "o", "s", "t")
        assert field(app, "title") == "resealost"
        await burst(pilot, "ctrl+u", "L", "y", "o", "n")
        assert field(app, "title") == "Lyon"
        await burst(pilot, "home", "x", "end", "!")
        assert field(app, "title") == "xLyon!"


@asynccontextmanager
async def _editing(app: Any, repo: Any, title: str) -> AsyncIterator[Any]:
    """The contact form open on Ana López (Acme) with `title`."""
    ana = repo.contacts.add("Ana López", organization="Acme", title=title)
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_contact(ana.id)
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, ContactForm)
        yield pilot


async def burst(pilot: Any, *keys: str) -> None:
    """`keys` sent all at once, as a terminal delivers a burst (a fast typist, a key
    macro): each is read by the app before any is handled. Then let the app catch up."""
    from textual import events

    app = pilot.app
    for key in keys:
        event = events.Key(key, key if len(key) == 1 else None)
        event.set_sender(app)
        app._driver.send_message(event)
    await settle(pilot)


async def test_enter_twice_on_a_form_saves_once_and_keeps_the_page_below(app, repo):
    """A referral form over a contact's page, saved with enter twice in one burst: two
    referrals, and the second dismiss closed the contact's page under the form."""
    from netrack.screens.contact_detail import ContactDetailScreen
    from netrack.screens.modal.referral_form import ReferralForm

    ana = repo.contacts.add("Ana López")
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_contact(ana.id)
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, ReferralForm)
        await fill(pilot, "direction", "in")
        await burst(pilot, "enter", "enter")
        assert len(repo.referrals.all()) == 1
        assert isinstance(app.screen, ContactDetailScreen)


async def test_keys_typed_before_a_form_opens_reach_its_fields_in_order(app, repo, today):
    """`S lost Tab yesterday` in one burst: the keys after `S` are read while the form
    is still opening, and reach the app through the screen underneath; the Tab among
    them still moves to the next field."""
    from netrack.screens.modal.move_form import MoveForm

    repo.campaigns.add("SRE", "Acme", opened_on=today.replace(day=1))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await burst(pilot, "S", "l", "o", "s", "t", "tab", "-", "1", "d")
        assert isinstance(app.screen, MoveForm)
        assert (field(app, "stage"), field(app, "on")) == ("lost", "-1d")


async def test_up_and_tab_only_ever_stop_on_fields(app, repo):
    """↑ from the first field, or Tab from the last, stopped on the fields' scrolling
    box: what was typed then went nowhere, and Enter did nothing."""
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("n")
        assert isinstance(app.screen, ContactForm)
        first = app.screen.query_one("#field-name", Input)
        inputs = list(app.screen.query(Input))
        seen = []
        for _ in range(len(inputs) + 1):
            await pilot.press("tab")
            seen.append(app.focused)
        assert all(isinstance(widget, Input) for widget in seen)
        assert seen[-2] is first  # round: from the last field straight to the first
        await pilot.press("shift+tab")
        assert app.focused is first
        await pilot.press("up")  # from the first: the last field, not a hidden stop
        assert app.focused is inputs[-1]
        await pilot.press("down")
        await type_text(pilot, "Lost Typing")
        assert first.value == "Lost Typing"


async def test_escape_asks_before_it_throws_typing_away(app, repo):
    """Escape closed a form at once: paragraphs of notes typed into an edit were gone.
    With something typed it asks; `n` goes back to the form as it was; untouched, it
    closes at once."""
    ana = repo.contacts.add("Ana López", notes="")
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_contact(ana.id)
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, ContactForm)
        await pilot.press("escape")  # nothing typed: closes
        await settle(pilot)
        assert not isinstance(app.screen, ContactForm)

        await pilot.press("e")
        await settle(pilot)
        await fill(pilot, "notes", "two paragraphs of notes")
        await pilot.press("escape")
        await settle(pilot)
        assert "Discard what you typed (Notes)?" in screen_text(app)
        # The palette opened over the question, and a command run from it acted under
        # it (a sweep): a question is answered first.
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert isinstance(app.screen, Confirm)
        await pilot.press("n")  # back to the form, the text kept
        await settle(pilot)
        assert isinstance(app.screen, ContactForm)
        assert field(app, "notes") == "two paragraphs of notes"
        await pilot.press("escape", "y")
        await settle(pilot)
        assert not isinstance(app.screen, ContactForm)
        assert repo.contacts.get(ana.id).notes == ""  # discarded, as asked


async def test_an_edit_saves_what_was_changed_not_what_the_form_opened_with(app, repo):
    """The CLI wrote a title and an email while the form was open; saving the form
    (a function typed) blanked them: it wrote back every field as it had opened."""
    alpha = repo.contacts.add("Alpha One")
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_contact(alpha.id)
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, ContactForm)
        repo.contacts.update(alpha.id, title="CLI Title", email="alpha@cli.example")  # elsewhere
        await fill(pilot, "function", "engineering")
        await pilot.press("ctrl+s")
        await settle(pilot)
        saved = repo.contacts.get(alpha.id)
        assert (saved.function, saved.title, saved.email) == (
            "engineering",
            "CLI Title",
            "alpha@cli.example",
        )


async def test_a_field_changed_elsewhere_is_not_saved_over_without_a_word(app, repo):
    """The shell agreed the compensation while the campaign's form was open; the form's
    own compensation, saved by id, replaced it without a word (a sweep). A field saved
    over a change made elsewhere since the form opened is refused, in place; a field
    nobody else touched saves as before."""
    from netrack.screens.modal.campaign_form import CampaignForm

    acme = repo.campaigns.add("Grid Analytics", "Helios", compensation="120–140k EUR")
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_campaign(acme.id)
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, CampaignForm)
        repo.campaigns.update(acme.id, compensation="150k EUR agreed")  # the shell, meanwhile
        await fill(pilot, "compensation", "130k EUR")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, CampaignForm)  # refused in place
        assert repo.campaigns.get(acme.id).compensation == "150k EUR agreed"
        assert str(app.screen.query_one("#form-error").render()) == (
            "Compensation changed elsewhere since this form opened (now '150k EUR agreed'): "
            "nothing saved; escape, and open it again"
        )
        await pilot.press("escape", "y")  # throw the typing away
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        await fill(pilot, "location", "Remote")  # opened afresh: saves
        await pilot.press("ctrl+s")
        await settle(pilot)
        saved = repo.campaigns.get(acme.id)
        assert (saved.location, saved.compensation) == ("Remote", "150k EUR agreed")


async def test_a_link_renamed_elsewhere_is_not_a_change_to_the_form_s_field(app, repo):
    """The contact's introducer, and its organization, renamed in the shell while the
    form was open: comparing the names refused a save of a new introducer as "changed
    elsewhere", though nobody had changed this contact's links (a review sweep)."""
    dan = repo.contacts.add("Daniel Kowalski")
    repo.contacts.add("Ana López")
    arjun = repo.contacts.add(
        "Arjun Kapoor", organization="Atlas Cloud", introduced_by="Daniel Kowalski"
    )
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_contact(arjun.id)
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, ContactForm)
        repo.contacts.update(dan.id, name="Dan Kowalski")  # the shell, meanwhile
        repo.organizations.update(repo.organizations.find("Atlas Cloud").id, name="Atlas GmbH")
        await fill(pilot, "introduced_by", "Ana López")
        await fill(pilot, "organization", "Helios Energy")
        await pilot.press("ctrl+s")
        await settle(pilot)
        await wait_until(pilot, lambda: not isinstance(app.screen, ContactForm))
        saved = repo.contacts.get(arjun.id)
        assert (saved.introduced_by, saved.organization) == ("Ana López", "Helios Energy")


async def test_a_campaign_s_organization_renamed_elsewhere_is_still_its_campaign(app, repo):
    """The campaign form took its campaign for another when its organization was
    renamed meanwhile ("… is now Northwind Labs Staff Data Engineer"), and saved
    nothing (a review sweep)."""
    from netrack.screens.modal.campaign_form import CampaignForm

    staff = repo.campaigns.add("Staff Data Engineer", "Northwind Analytics", priority=5)
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_campaign(staff.id)
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, CampaignForm)
        org = repo.organizations.find("Northwind Analytics")
        repo.organizations.update(org.id, name="Northwind Labs")  # the shell, meanwhile
        await fill(pilot, "priority", "3")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not isinstance(app.screen, CampaignForm))
        assert repo.campaigns.get(staff.id).priority == 3


@pytest.mark.usefixtures("ids_given_again")  # a file whose writer gives ids again
async def test_an_edit_never_lands_on_another_record_that_took_the_id(app, repo):
    """Omega deleted elsewhere and Zara added (SQLite gives her Omega's id): the open
    form saved Omega's fields over Zara, and said "saved contact Omega Last"."""
    repo.contacts.add("Alpha One")
    omega = repo.contacts.add("Omega Last", title="Old Title")
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_contact(omega.id)
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        repo.tidy.delete_contact(omega.id)  # elsewhere, then a new contact takes the id
        zara = repo.contacts.add("Zara Newperson", title="Chief of Staff")
        assert zara.id == omega.id
        await fill(pilot, "title", "New Title")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ContactForm)  # kept open, the typing with it
        said = str(app.screen.query_one("#form-error", Static).render())
        assert said == (
            "this contact changed elsewhere since the form opened (Omega Last is now "
            "Zara Newperson): nothing saved; escape, and open it again"
        )
        now = repo.contacts.get(zara.id)
        assert (now.name, now.title) == ("Zara Newperson", "Chief of Staff")


async def test_a_refusal_goes_when_the_form_is_edited(app, repo):
    """ "Ana López at Northwind is already a contact" stayed under the form after the
    organization was changed to Globex: it named text no longer there."""
    repo.contacts.add("Ana López", organization="Northwind")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("n")
        await fill(pilot, "name", "Ana López")
        await fill(pilot, "organization", "Northwind")
        await pilot.press("ctrl+s")
        await settle(pilot)
        said = lambda: str(app.screen.query_one("#form-error", Static).render())  # noqa: E731
        assert said() == "Ana López at Northwind is already a contact: same name and organization"
        await fill(pilot, "organization", "Globex")
        await pilot.pause()
        assert said() == ""


async def test_a_note_of_several_lines_keeps_its_breaks_when_edited(app, repo):
    """The one-line field shows a note's breaks as ␊; edited, it saved them as ␊: the
    note was one line for good."""
    nora = repo.contacts.add("Nora Lines", notes="first line\nsecond\tline\r\nthird line")
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_contact(nora.id)
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert field(app, "notes") == "first line␊second␉line␍␊third line"
        await fill(pilot, "notes", field(app, "notes") + " more")
        await pilot.press("ctrl+s")
        await settle(pilot)
        saved = repo.contacts.get(nora.id).notes
        assert saved == "first line\nsecond\tline\r\nthird line more"  # tab and CR too


async def test_a_contact_renamed_elsewhere_does_not_block_an_interactions_edit(app, repo, today):
    """The interaction form told the interaction apart by its contacts' names: a CLI
    rename of Ana refused a harmless change of its minutes."""
    ana = repo.contacts.add("Ana López")
    call = repo.activity.log([ana.id], on=today, kind="call", minutes=30)
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_contact(ana.id)
        await settle(pilot)
        await pilot.press("enter")  # the interaction under the cursor
        await settle(pilot)
        assert isinstance(app.screen, InteractionForm)
        repo.contacts.update(ana.id, name="Ana M. López")  # elsewhere
        await fill(pilot, "minutes", "55m")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, InteractionForm)
        assert repo.activity.get(call.id).minutes == 55


async def test_ctrl_s_in_a_burst_after_a_bad_value_keeps_the_refusal_on_screen(app, repo):
    """`end 9 ctrl+s` in one burst on a goal's metric: the save (waiting for the 9)
    refused the metric, then the 9's own news cleared the refusal, and the form stood
    open saying nothing (a sweep on both engines)."""
    from netrack.screens.modal.goal_form import GoalForm

    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("5")
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, GoalForm)
        await burst(pilot, "end", "9", "ctrl+s")
        await wait_until(pilot, lambda: bool(str(app.screen.query_one("#form-error").render())))
        assert isinstance(app.screen, GoalForm)
        assert str(app.screen.query_one("#form-error").render()) == "1 field to fix: Metric"
        assert app.screen.query_one("#row-metric").has_class("-invalid")
        await pilot.press("escape", "y")
        await settle(pilot)
        # A value of several keys (a clear, then two digits): each key's news came after
        # the save and the first one wiped its refusal.
        from netrack.screens.modal.contact_form import ContactForm

        ana = repo.contacts.add("Ana López")
        app.open_contact(ana.id)
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, ContactForm)
        strength = app.screen.query_one("#field-strength")
        strength.focus()
        await wait_until(pilot, lambda: app.focused is strength)
        await burst(pilot, "ctrl+u", "1", "2", "ctrl+s")
        await wait_until(pilot, lambda: bool(str(app.screen.query_one("#form-error").render())))
        assert isinstance(app.screen, ContactForm)
        assert app.screen.query_one("#row-strength").has_class("-invalid")
        assert str(app.screen.query_one("#form-error").render()) == "1 field to fix: Strength 1–5"
