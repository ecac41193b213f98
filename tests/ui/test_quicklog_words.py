"""The quick-log bar reads a line's words as `netrack log` does, and says so in the
preview before enter: durations written with a space, refusals with their way out."""

from __future__ import annotations

import pytest

from netrack.screens.modal.quicklog import HINT, QuickLog
from tests.ui.conftest import screen_text, settle, type_text
from tests.ui.test_form_paste import paste


def rendered(app, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


async def test_a_duration_written_with_a_space_previews_and_logs_as_one(app, repo):
    raj = repo.contacts.add("Raj Patel")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("3", "l")
        await type_text(pilot, "#call @raj 1h 30 went through")
        assert rendered(app, "#ql-error").startswith("two durations: '1h' then '30'")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, QuickLog)
        assert repo.activity.interactions() == []
        await pilot.press("ctrl+u")
        await type_text(pilot, "@raj 2 hours coffee")
        preview = rendered(app, "#ql-preview")
        assert "·  120 min" in preview
        assert "note: coffee" in preview
        await pilot.press("enter")
        await settle(pilot)
        (entry,) = repo.activity.interactions(contact_id=raj.id)
        assert (entry.minutes, entry.note) == (120, "coffee")


async def test_a_spaced_duration_that_is_none_is_refused_before_enter(app, repo):
    raj = repo.contacts.add("Raj Patel")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("3", "l")
        for line, said in [
            ("@raj 1,5 h coffee", "'1,5 h' is not a duration"),
            ("@raj 3 hours' drive", '"3 hours\'" is not a duration'),
        ]:
            await pilot.press("ctrl+u")
            await type_text(pilot, line)
            error = rendered(app, "#ql-error")
            assert error.startswith(said), error
            assert "; quote it to keep it as note text  (at column 6: " in error, error
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, QuickLog)
        assert repo.activity.interactions() == []
        await pilot.press("ctrl+u")
        await type_text(pilot, "@raj 1.5 h coffee")
        await pilot.press("enter")
        await settle(pilot)
        (entry,) = repo.activity.interactions(contact_id=raj.id)
        assert (entry.minutes, entry.note) == (90, "coffee")


async def test_an_id_with_leading_zeros_names_the_same_record(app, repo):
    raj = repo.contacts.add("Raj Patel", organization="Acme")
    staff = repo.campaigns.add("Staff Engineer", "Acme")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("3", "l")
        await type_text(pilot, "@id:01 +id:01 first call")
        assert rendered(app, "#ql-error") == ""
        assert "Raj Patel" in rendered(app, "#ql-preview")
        await pilot.press("enter")
        await settle(pilot)
        (entry,) = repo.activity.interactions(contact_id=raj.id)
        assert entry.campaign_id == staff.id


async def test_a_refused_hashtag_says_how_to_keep_it_in_the_note(app, repo):
    repo.contacts.add("Raj Patel")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("3", "l")
        for line in ("@raj saw their #hiring post", "@raj called +1 555 0100"):
            await pilot.press("ctrl+u")
            await type_text(pilot, line)
            error = rendered(app, "#ql-error")
            assert "; quote it to keep it as note text" in error, error
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, QuickLog)
        assert repo.activity.interactions() == []


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_a_note_too_long_is_flagged_before_enter_and_the_hint_stays(app, repo, size):
    """A pasted page: the preview said nothing wrong and showed it all; enter refused it
    with the whole note under the refusal, the hint pushed out of the bar."""
    repo.contacts.add("Raj Patel")
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("3", "l")
        await paste(pilot, "@raj " + "word " * 2100)
        said = "note is too long (10000 characters at most)  (at column 6: word word word word "
        assert rendered(app, "#ql-error") == said + ")"
        assert rendered(app, "#ql-preview") == ""
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, QuickLog)
        assert rendered(app, "#ql-error") == said + ")"
        assert HINT in screen_text(app)
        assert repo.activity.interactions() == []


async def test_a_long_note_is_shown_cut_and_logged_whole(app, repo):
    raj = repo.contacts.add("Raj Patel")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("3", "l")
        await paste(pilot, "@raj " + "word " * 1000)
        preview = rendered(app, "#ql-preview")
        assert preview.endswith("\nnote: " + "word " * 40 + "… (4,999 characters)"), preview
        assert HINT in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        (entry,) = repo.activity.interactions(contact_id=raj.id)
        assert entry.note == ("word " * 1000).strip()


NINE = (
    "Ana López", "Raj Patel", "Zoë O'Brien", "Dana Scully", "Anand Rao",
    "Priya Nair", "Marco Bianchi", "Mei Chen", "Aisha Khan",
)  # fmt: skip


@pytest.mark.parametrize(
    ("size", "listed"),
    [
        ((80, 24), "Ana López · Raj Patel · Zoë O'Brien · Dana Scully · Anand Rao · +4 more"),
        (
            (120, 40),
            "Ana López · Raj Patel · Zoë O'Brien · Dana Scully · Anand Rao · Priya Nair · "
            "Marco Bianchi · Mei Chen · +1 more",
        ),
    ],
)
async def test_tab_s_choices_are_whole_names_and_the_count_of_those_left(app, repo, size, listed):
    """The hint was cut at the bar's edge mid-name ("… Anand Rao · Priya"), unsaid how
    many more tab cycles through."""
    for name in NINE:
        repo.contacts.add(name)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("3", "l")
        await type_text(pilot, "@")
        await pilot.press("tab")
        await pilot.pause()
        assert rendered(app, "#ql-hint") == f"tab: {listed}"
        for _ in NINE[1:]:  # every name still one tab away
            await pilot.press("tab")
        await pilot.pause()
        assert app.screen.query_one("#ql-input").value == '@"Aisha Khan" '
