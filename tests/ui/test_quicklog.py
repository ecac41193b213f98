"""The quick-log bar: live preview, tab completion, errors in place, one write on enter."""

from __future__ import annotations

import gc
import time
from datetime import date, timedelta

import pytest
from textual import events
from textual.keys import _character_to_key
from textual.widgets import Input

from netrack.domain.models import Kind
from netrack.screens.contact_detail import ContactDetailScreen
from netrack.screens.modal.quicklog import QuickLog
from tests.ui.conftest import palette_offers, screen_text, settle, type_text, wait_until
from tests.ui.test_form_checks import burst


async def test_preview_completion_and_write(app, repo, today):
    ana = repo.contacts.add("Ana López")
    repo.contacts.add("Dana Scully")
    acme = repo.campaigns.add("Platform Team", "Acme")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("3")  # `l` is a global key outside the pipeline
        await pilot.press("l")
        assert isinstance(app.screen, QuickLog)
        await type_text(pilot, "#coffee @an")
        await pilot.press("tab")
        field = app.screen.query_one("#ql-input", Input)
        assert field.value == '#coffee @"Ana López" '
        await type_text(pilot, "+acm")
        await pilot.press("tab")
        assert field.value == '#coffee @"Ana López" +"Acme Platform Team" '
        await type_text(pilot, "45m ! fu:fri talked about the team")
        text = screen_text(app)
        assert "Ana López" in text and "in person" in text and "45 min" in text
        assert "follow up Fri 2026-12-04" in text and "Acme Platform Team" in text
        assert "meaningful" in text
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, QuickLog)
        (entry,) = repo.activity.interactions(contact_id=ana.id)
        assert entry.kind == Kind.IN_PERSON and entry.minutes == 45
        assert entry.campaign_id == acme.id and entry.meaningful_flag
        assert entry.follow_up_on == today + timedelta(days=7)
        assert entry.note == "talked about the team"
        assert any("logged in person with Ana López" in n.message for n in app._notifications)


async def test_errors_show_in_place_and_text_stays(app, repo):
    repo.contacts.add("Ana López")
    repo.contacts.add("Anand Rao")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("l")  # the quick-log key, the same on the pipeline as everywhere
        assert isinstance(app.screen, QuickLog)
        await type_text(pilot, "#coffee 45m")
        assert "at least one @contact is needed" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, QuickLog)
        await type_text(pilot, " @an")
        assert "ambiguous" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        field = app.screen.query_one("#ql-input", Input)
        assert field.value == "#coffee 45m @an"
        await pilot.press("tab")  # two candidates: tab cycles
        first = field.value
        await pilot.press("tab")
        assert {first, field.value} == {'#coffee 45m @"Ana López" ', '#coffee 45m @"Anand Rao" '}
        await type_text(pilot, "#zoom")
        assert "only one #kind per entry" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert repo.activity.interactions() == []


async def test_a_name_that_matches_nobody_names_who_is_near_or_how_to_add_one(app, repo):
    """The bar said "no contact matches 'anna'" and nothing more once anyone was a
    contact: it names the near ones, as `netrack log` does, or the keys that add one."""
    repo.contacts.add("Ana López")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await type_text(pilot, "#coffee @anna 45m")
        said = str(app.screen.query_one("#ql-error").render())
        assert said == "no contact matches 'anna' (did you mean Ana López?)"
        await pilot.press("ctrl+u")
        await type_text(pilot, "@bob 45m")
        said = str(app.screen.query_one("#ql-error").render())
        assert said == (
            "no contact matches 'bob' (to add them: escape, then 2 and n, or ctrl+p then New contact…)"
        )
        await pilot.press("enter")
        await settle(pilot)
        assert repo.activity.interactions() == []


async def test_each_near_name_the_bar_offers_names_that_one_typed_back(app, repo):
    """Beside Ana López at Acme and at Globex the bar offered "Ana Lopez" for the one
    without an organization, and typed back it named all three: it offers each near
    name as an ambiguity lists it, as `netrack log` does."""
    people = [
        repo.contacts.add("Ana López", organization="Acme"),
        repo.contacts.add("Ana López", organization="Globex"),
        repo.contacts.add("Ana Lopez"),
    ]
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await type_text(pilot, "#call @Ana-Lopzz 20m")
        said = str(app.screen.query_one("#ql-error").render())
        assert said == (
            "no contact matches 'Ana-Lopzz' "
            "(did you mean Ana López (Acme); Ana López (Globex); Ana Lopez ()?)"
        )
        offered = said.partition("(did you mean ")[2].removesuffix("?)").split("; ")
        for name in offered:
            if not isinstance(app.screen, QuickLog):
                await pilot.press("l")
            await pilot.press("ctrl+u")
            await type_text(pilot, f'#call @"{name}" 20m')
            assert str(app.screen.query_one("#ql-error").render()) == "", name
            await pilot.press("enter")
            await settle(pilot)
            assert not isinstance(app.screen, QuickLog), name
    for person in people:
        assert len(repo.activity.interactions(contact_id=person.id)) == 1, person


@pytest.mark.parametrize(
    ("line", "said"),
    [
        ("@Mei #call 25h", "25h is more than a day (24h at most)  (at column 12: 25h)"),
        # It previewed as a mild warning ("not after the interaction"), and Enter then
        # refused it: the preview must say so first, as the write does.
        (
            "@Mei on:2026-11-20 fu:2026-11-01",
            "follow-up 2026-11-01 is before the interaction (2026-11-20)"
            "  (at column 23: 2026-11-01)",
        ),
    ],
)
async def test_what_the_write_refuses_is_said_in_the_preview_before_enter(app, repo, line, said):
    repo.contacts.add("Mei Chen")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await type_text(pilot, line)
        assert str(app.screen.query_one("#ql-error").render()) == said
        assert "min" not in str(app.screen.query_one("#ql-preview").render())
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, QuickLog)
        assert app.screen.query_one("#ql-input", Input).value == line
        assert repo.activity.interactions() == []


async def test_log_updates_agenda_and_scorecard_immediately(app, repo):
    repo.contacts.add("Ana López")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)
        card = app.screen
        before = repo.scorecard.card(repo.scorecard.week()).interactions
        await pilot.press("4")
        await settle(pilot)
        assert "Nothing logged today" in screen_text(app)
        await pilot.press("l")
        await type_text(pilot, "@ana #call 20m ! quick catch-up")
        await pilot.press("enter")
        await settle(pilot)
        text = screen_text(app)
        assert "quick catch-up" in text and "1 logged today" in text
        await pilot.press("3")
        await settle(pilot)
        assert app.screen is card
        metrics = screen_text(app)
        assert (
            f"Interactions                 {before + 1:>5}" in metrics or "Interactions" in metrics
        )
        assert repo.scorecard.card(repo.scorecard.week()).interactions == before + 1


async def test_keys_typed_ahead_of_the_dialog_land_in_it(app, repo):
    """A fast typist: `l@ana` arrives before the quick log has mounted or has focus."""
    from textual import events

    repo.contacts.add("Ana López")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")
        await settle(pilot)
        for key, char in (("l", "l"), ("at", "@"), ("a", "a"), ("q", "q"), ("1", "1")):
            app._driver.send_message(events.Key(key, char))  # no waiting in between
        await settle(pilot)
        assert isinstance(app.screen, QuickLog)
        assert app.screen.query_one("#ql-input", Input).value == "@aq1"


async def test_the_preview_reads_no_names_per_key(app, repo, monkeypatch):
    """The bar reads the names once when it opens; each key resolves against those (the
    active contacts: an archived one has left resolution, as in `netrack log`, and one
    fitting a name less well, "bea" inside "Debeaux", leaves it to Bea New)."""
    repo.contacts.add("Ana López")
    repo.contacts.add("Bea New")
    gone = repo.contacts.add("Lou Debeaux")
    repo.contacts.update(gone.id, archived=True)
    repo.campaigns.add("Platform Team", "Acme")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("3", "l")
        assert isinstance(app.screen, QuickLog)
        reads: list[str] = []

        def counted(service, name):
            real = getattr(service, name)

            def read(*args, **kwargs):
                reads.append(name)
                return real(*args, **kwargs)

            monkeypatch.setattr(service, name, read)

        for name in ("names", "named", "labels", "resolve"):
            counted(repo.contacts, name)
        counted(repo.campaigns, "names")
        await type_text(pilot, "@ana @bea +acme 30m")
        text = screen_text(app)
        assert "with Ana López, Bea New" in text and "Acme Platform Team" in text
        assert reads == []


async def test_a_name_fitting_an_archived_contact_best_logs_with_no_one(app, repo, monkeypatch):
    """ "@ana" once Ana López is archived logged with Hiroshi Tanaka ("ana" in "Tanaka"):
    refused in the preview and on enter, as by `netrack log`, with no name read per key."""
    ana = repo.contacts.add("Ana López")
    repo.contacts.add("Hiroshi Tanaka", organization="Yokai")
    repo.contacts.update(ana.id, archived=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("3", "l")
        assert isinstance(app.screen, QuickLog)
        reads: list[bool] = []  # the archived names are held, as the active ones are
        real = repo.contacts.named

        def named(archived=False, only=None, holding=None):
            reads.append(archived)
            return real(archived, only, holding)

        monkeypatch.setattr(repo.contacts, "named", named)
        await type_text(pilot, "@ana #coffee 45m")
        assert reads == []
        said = (
            "contact 'ana' best matches an archived contact (Ana López is archived; unarchive "
            "them to name them again); other matches: Hiroshi Tanaka (Yokai)"
        )
        assert str(app.screen.query_one("#ql-error").render()) == said
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, QuickLog)
        assert str(app.screen.query_one("#ql-error").render()) == said
        assert repo.activity.interactions() == []


async def test_the_preview_shows_a_bare_number_as_the_minutes(app, repo):
    """SPEC's DURATION lists `90` (minutes): the bar took "30" for note text."""
    ana = repo.contacts.add("Ana López")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("3", "l")
        await type_text(pilot, "@ana #call 30")
        preview = str(app.screen.query_one("#ql-preview").render())
        assert "30 min" in preview and "note" not in preview
        await pilot.press("enter")
        await settle(pilot)
        (entry,) = repo.activity.interactions(contact_id=ana.id)
        assert (entry.minutes, entry.note) == (30, "")


async def test_preview_and_announcement_say_what_the_entry_closes(app, repo):
    """SPEC: the preview and the confirmation say which pending follow-ups the entry
    closes (by contact and due date) and which campaign it is linked to."""
    ana = repo.contacts.add("Ana López", organization="Acme", met_on=date(2026, 10, 1))
    repo.contacts.add("Ana López", organization="Globex", met_on=date(2026, 10, 1))
    repo.campaigns.add("Platform Team", "Acme", opened_on=date(2026, 10, 1))
    repo.activity.log([ana.id], on=date(2026, 11, 20), follow_up_on=date(2026, 12, 1))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("3", "l")
        await type_text(pilot, "#call @ana")
        # Two Ana Lópezes: the message tells them apart by organization.
        assert "contact 'ana' is ambiguous: Ana López (Acme); Ana López (Globex)" in screen_text(
            app
        )
        await pilot.press("tab")  # completion offers each with the organization
        field = app.screen.query_one("#ql-input", Input)
        assert field.value == '#call @"Ana López (Acme)" '
        await type_text(pilot, "+acme 20m")
        text = screen_text(app)
        assert "for Acme Platform Team" in text
        # Named as typed, organization and all: "with Ana López" said not which one.
        assert "with Ana López (Acme)" in text
        assert "closes follow-up with Ana López (Acme) due 2026-12-01" in text
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, QuickLog)
        (said,) = [n.message for n in app._notifications if "logged call" in n.message]
        assert said == (
            "logged call with Ana López (Acme) on 2026-11-27 · 20m · for Acme Platform Team"
            " · closes follow-up with Ana López (Acme) due 2026-12-01"
        )


@pytest.mark.parametrize(
    ("typed", "shown", "stored"),
    [("1.005", "1.01", 1.01), ("2.675", "2.68", 2.68), ("0.125", "0.13", 0.13)],
)
async def test_the_preview_shows_the_cost_that_is_stored(app, repo, typed, shown, stored):
    """The preview formatted the float (1.005 is 1.00499… in binary: "$1.00") where the
    write rounds half a cent up: the confirmation and the record said $1.01."""
    raj = repo.contacts.add("Raj Patel")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("3", "l")
        await type_text(pilot, f"@raj ${typed}")
        assert f"·  ${shown}" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, QuickLog)
    (entry,) = repo.activity.interactions(contact_id=raj.id)
    assert entry.cost == stored
    assert any(n.message.endswith(f"· ${shown}") for n in app._notifications)


async def test_the_preview_says_a_later_touch_closes_the_entry_s_own_follow_up(app, repo):
    """SPEC: the preview and the confirmation say what the entry also does. Back-dated
    with a follow-up, it is done at once by a touch logged since: only the confirmation
    said so."""
    raj = repo.contacts.add("Raj Patel", met_on=date(2026, 10, 1))
    repo.contacts.add("Mei Chen", met_on=date(2026, 10, 1))
    repo.activity.log([raj.id], on=date(2026, 11, 27))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("3", "l")
        await type_text(pilot, "@mei on:-5d fu:+3d")  # nobody touched since: nothing said
        assert "follow up Mon 2026-11-30" in screen_text(app)
        assert "already done" not in screen_text(app)
        await pilot.press("ctrl+u")
        await type_text(pilot, "@raj on:-5d fu:+3d")
        said = "already done: a later touch on 2026-11-27 closed it"
        assert f"follow up Mon 2026-11-30  ·  {said}" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, QuickLog)
    assert any(n.message.endswith(f"follow up 2026-11-30 · {said}") for n in app._notifications)
    (_, entry) = repo.activity.interactions(contact_id=raj.id)
    assert entry.follow_up_closed_on == date(2026, 11, 27)


async def test_the_preview_says_a_back_dated_touch_closes_a_done_follow_up_earlier(app, repo):
    """SPEC: the preview and the confirmation say what the entry also does. Dated before
    the touch that had closed a late follow-up, it closes it on its own day instead (on
    time now): neither said so."""
    ana = repo.contacts.add("Ana", met_on=date(2026, 10, 1))
    repo.activity.log([ana.id], on=date(2026, 11, 10), follow_up_on=date(2026, 11, 17))
    repo.activity.log([ana.id], on=date(2026, 11, 20))
    said = "closes follow-up with Ana due 2026-11-17 earlier (was closed by a touch on 2026-11-20)"
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("3", "l")
        await type_text(pilot, "@ana on:2026-11-21")  # after it: nothing said
        assert "closes" not in screen_text(app)
        await pilot.press("ctrl+u")
        await type_text(pilot, "@ana on:2026-11-15")
        assert said in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, QuickLog)
    assert any(
        n.message == f"logged other with Ana on 2026-11-15 · {said}" for n in app._notifications
    )
    (follow_up,) = repo.activity.follow_ups(contact_id=ana.id)
    assert follow_up.done_on == date(2026, 11, 15)


async def test_the_palette_names_contacts_with_their_organization(app, repo):
    repo.contacts.add("Ana López", organization="Acme")
    globex = repo.contacts.add("Ana López", organization="Globex")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await type_text(pilot, "Ana López (Globex)")
        await wait_until(pilot, palette_offers(app, "Ana López (Globex)"))
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ContactDetailScreen)
        assert app.screen.contact_id == globex.id


async def test_escape_keeps_the_draft_and_a_write_drops_it(app, repo):
    ana = repo.contacts.add("Ana López")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await type_text(pilot, "#call @ana 20m")
        await pilot.press("escape")
        assert not isinstance(app.screen, QuickLog)
        await pilot.press("2", "l")  # another screen: the same draft
        field = app.screen.query_one("#ql-input", Input)
        assert field.value == "#call @ana 20m"
        assert "Ana López" in screen_text(app)  # the preview reads the draft at once
        await type_text(pilot, " ok")
        await pilot.press("enter")
        await settle(pilot)
        assert [e.note for e in repo.activity.interactions(contact_id=ana.id)] == ["ok"]
        await pilot.press("l")  # no draft: the Contacts screen's pre-fill again
        assert app.screen.query_one("#ql-input", Input).value == '@"Ana López" '


async def test_a_draft_wins_over_a_prefill_and_an_untouched_prefill_is_no_draft(app, repo):
    ana = repo.contacts.add("Ana López")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.open_contact(ana.id)
        await settle(pilot)
        await pilot.press("l")
        assert app.screen.query_one("#ql-input", Input).value == '@"Ana López" '
        await pilot.press("escape")  # left as the screen filled it: nothing kept
        await pilot.press("escape", "l")  # back on the pipeline
        assert app.screen.query_one("#ql-input", Input).value == ""
        await type_text(pilot, "#dm")
        await pilot.press("escape")
        app.open_contact(ana.id)
        await settle(pilot)
        await pilot.press("l")  # a draft naming nobody: this page's contact in front
        assert app.screen.query_one("#ql-input", Input).value == '@"Ana López" #dm'
        await pilot.press("ctrl+a", "ctrl+k")  # emptied, then closed: the draft is gone
        await pilot.press("escape", "l")
        assert app.screen.query_one("#ql-input", Input).value == '@"Ana López" '


async def test_a_draft_naming_someone_else_says_so_on_a_contacts_page(app, repo):
    repo.contacts.add("Mei Chen")
    raj = repo.contacts.add("Rajesh Iyer")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await type_text(pilot, "@mei #zoom 30m")
        await pilot.press("escape")
        app.open_contact(raj.id)
        await settle(pilot)
        await pilot.press("l")
        assert app.screen.query_one("#ql-input", Input).value == "@mei #zoom 30m"
        assert "Your kept draft, with its own @names: ctrl+u clears it." in screen_text(app)
        await pilot.press("ctrl+u", "escape", "l")  # cleared: this page's contact
        assert app.screen.query_one("#ql-input", Input).value == '@"Rajesh Iyer" '


async def test_l_on_a_contact_named_by_id_keeps_them_with_a_draft(app, repo):
    """A name holding `"` is filled in as `@id:N `: a kept draft naming nobody dropped
    the contact, and one naming someone else opened without saying so."""
    repo.contacts.add("Mei Chen")
    pat = repo.contacts.add('Pat "Bat" Smith')
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("5", "l")
        await type_text(pilot, "#call 5m")
        await pilot.press("escape")
        app.open_contact(pat.id)
        await settle(pilot)
        await pilot.press("l")
        field = app.screen.query_one("#ql-input", Input)
        assert field.value == f"@id:{pat.id} #call 5m"
        assert "at least one @contact" not in screen_text(app)
        await pilot.press("ctrl+u")
        await type_text(pilot, "@mei #zoom")
        await pilot.press("escape", "l")
        assert app.screen.query_one("#ql-input", Input).value == "@mei #zoom"
        assert "Your kept draft, with its own @names: ctrl+u clears it." in screen_text(app)
        await pilot.press("ctrl+u")
        assert app.screen.query_one("#ql-input", Input).value == f"@id:{pat.id} "


async def test_a_kept_draft_cleared_with_ctrl_u_logs_with_the_contact_on_screen(app, repo):
    repo.contacts.add("Ana López")
    aisha = repo.contacts.add("Aisha Rahman")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await type_text(pilot, "@ana #coffee")
        await pilot.press("escape")
        app.open_contact(aisha.id)
        await settle(pilot)
        await pilot.press("l")
        assert "ctrl+u clears it" in screen_text(app)
        await pilot.press("ctrl+u")
        field = app.screen.query_one("#ql-input", Input)
        assert field.value == '@"Aisha Rahman" '
        assert "ctrl+u clears it" not in screen_text(app)
        await type_text(pilot, "#call 10m")
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, QuickLog)
        logged = repo.activity.interactions(contact_id=aisha.id)
        assert [(e.kind, e.minutes) for e in logged] == [(Kind.CALL, 10)]
        await pilot.press("l")  # the draft went with the write
        assert app.screen.query_one("#ql-input", Input).value == '@"Aisha Rahman" '


async def test_ctrl_u_and_a_line_typed_in_one_burst_keep_the_line_after_the_contact(app, repo):
    repo.contacts.add("Ana López")
    aisha = repo.contacts.add("Aisha Rahman")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await type_text(pilot, "@ana #coffee")
        await pilot.press("escape")
        app.open_contact(aisha.id)
        await settle(pilot)
        await pilot.press("l")
        await burst(pilot, "ctrl+u", "#", "d", "m")
        assert app.screen.query_one("#ql-input", Input).value == '@"Aisha Rahman" #dm'


async def test_tab_completes_kinds_and_campaigns(app, repo):
    repo.contacts.add("Ana López")
    repo.campaigns.add("Platform Team", "Acme")
    repo.campaigns.add("Data", "Globex")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("l")
        field = app.screen.query_one("#ql-input", Input)
        await type_text(pilot, "@ana #cof")
        await pilot.press("tab")
        assert field.value == "@ana #coffee "
        await type_text(pilot, "+glo")
        await pilot.press("tab")
        assert field.value == '@ana #coffee +"Globex Data" '
        await pilot.press("ctrl+a", "ctrl+k")
        await type_text(pilot, "@ana #")
        await pilot.press("tab")  # a bare sigil cycles through everything it names
        assert field.value == "@ana #in_person "
        assert "tab: in_person · video · call" in screen_text(app)
        await pilot.press("tab")
        assert field.value == "@ana #video "
        await type_text(pilot, "+")
        await pilot.press("tab")
        assert field.value == '@ana #video +"Acme Platform Team" '
        await pilot.press("tab")
        assert field.value == '@ana #video +"Globex Data" '
        assert "video" in screen_text(app) and "Globex Data" in screen_text(app)


async def test_tab_in_a_burst_completes_the_line_as_typed(app, repo):
    """Characters, tab and more characters sent at once, as a terminal delivers a fast
    typist's keys: tab completed what the input held when the app read it, and the
    characters still queued for the input followed the completion."""
    repo.contacts.add("Raj Patel")
    repo.campaigns.add("Senior Backend Engineer", "Lumen Health")
    repo.campaigns.add("Staff Data Engineer", "Northwind Analytics")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("l")
        field = app.screen.query_one("#ql-input", Input)
        line = '@raj +"Lumen Health Senior Backend Engineer" +"N'
        driver = app._driver
        for char in [*line, "\t", *"30m"]:
            key = "tab" if char == "\t" else char if char.isalnum() else _character_to_key(char)
            event = events.Key(key, char)
            event.set_sender(app)
            driver.send_message(event)
        await wait_until(pilot, lambda: field.value.endswith("30m"))
        assert field.value == (
            '@raj +"Lumen Health Senior Backend Engineer" '
            '+"Northwind Analytics Staff Data Engineer" 30m'
        )


async def test_tab_in_a_burst_lists_the_namesakes_and_cycles(app, repo):
    """`@jos` and tab sent at once: the line was completed, but the Changed of the keys
    typed, handled after the completion, dropped it: the hint lost the namesakes and a
    second tab did not move on to the other one."""
    repo.contacts.add("José Silva")
    repo.contacts.add("José Silva", organization="Acme")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("l")
        field = app.screen.query_one("#ql-input", Input)
        for key, char in [*zip("@jos", "@jos", strict=True), ("tab", "\t")]:
            event = events.Key(key if key.isalnum() else _character_to_key(key), char)
            event.set_sender(app)
            app._driver.send_message(event)  # at once, as a terminal sends a burst
        await wait_until(pilot, lambda: field.value == '@"José Silva ()" ')
        await settle(pilot)
        assert "tab: José Silva () · José Silva (Acme)" in screen_text(app)
        await pilot.press("tab")
        await wait_until(pilot, lambda: field.value != '@"José Silva ()" ')
        assert field.value == '@"José Silva (Acme)" '


async def test_tab_completes_a_dashed_name_among_many_namesakes(app, repo):
    """`@haddad-1829` and tab, typed at once among thousands of Haddads: each key's
    preview listed them all (the listing compared every name with every other, 4 s
    before the completion showed at 50,000 contacts). The answers stay the same."""
    repo.contacts.add("Omar Haddad 18290")
    repo.contacts.add("Lena Haddad 18298")
    for i in range(300):
        repo.contacts.add(f"Omar Haddad {i:05}")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("l")
        field = app.screen.query_one("#ql-input", Input)
        for char in [*"@haddad-1829", "\t"]:
            key = "tab" if char == "\t" else char if char.isalnum() else _character_to_key(char)
            event = events.Key(key, char)
            event.set_sender(app)
            app._driver.send_message(event)  # at once, as a terminal sends a burst
        await wait_until(pilot, lambda: field.value == '@"Omar Haddad 18290" ')
        await settle(pilot)
        assert "tab: Omar Haddad 18290 · Lena Haddad 18298" in screen_text(app)
        assert "with Omar Haddad 18290" in screen_text(app)
        await pilot.press("tab")
        await wait_until(pilot, lambda: field.value == '@"Lena Haddad 18298" ')


async def test_text_glued_to_a_quote_is_note_text_and_tab_still_completes(app, repo):
    ana = repo.contacts.add("Ana López")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("l")
        field = app.screen.query_one("#ql-input", Input)
        await type_text(pilot, '+"acme"! @an')  # a refused line: tab crashed the app
        await pilot.press("tab")
        assert field.value == '+"acme"! @"Ana López" '
        assert "put a space before it" in screen_text(app)
        await pilot.press("ctrl+a", "ctrl+k")
        await type_text(pilot, '@an he said "wow"! call back')
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, QuickLog)
        (entry,) = repo.activity.interactions(contact_id=ana.id)
        assert (entry.note, entry.meaningful_flag) == ('he said "wow"! call back', False)


async def added_elsewhere(pilot, repo, db_path, name):
    """`name` added by another connection (as another process would), once the open
    bar holds it (at the app's next poll)."""
    from netrack.data.repo import Repo

    other = Repo.open(db_path, clock=repo.today)
    other.contacts.add(name)
    other.close()
    bar = pilot.app.screen
    assert isinstance(bar, QuickLog)
    await wait_until(pilot, lambda: any(p[1] == name for p in bar._people))


async def test_the_open_bar_knows_a_contact_another_process_just_added(repo, db_path):
    """The bar resolves against names it holds; another writer's new contact reaches
    them at the next poll, so the preview and the write both find her."""
    from netrack.app import create_app

    repo.contacts.add("Ana López")
    app = create_app(repo, poll_seconds=0.05)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3", "l")
        await added_elsewhere(pilot, repo, db_path, "Zoë Park")
        await type_text(pilot, "@zoë #call 15m")
        assert "Zoë Park" in screen_text(app)
        await pilot.press("enter")
        await wait_until(pilot, lambda: not isinstance(app.screen, QuickLog))
        (entry,) = repo.activity.logged(repo.today())
        assert entry.contact_names == ("Zoë Park",)


async def test_a_name_is_searched_for_once_then_remembered(app, repo, monkeypatch):
    """Among 50,000 names a search takes tens of milliseconds: the bar searches for an
    @name when it is typed, and the keys after it and the write use that answer."""
    from netrack.data.repo import activity
    from netrack.domain import resolve

    ana = repo.contacts.add("Ana López")
    repo.contacts.add("Bea New")
    searched: list[str] = []
    real = resolve.resolve

    def counted(query, *args, **kwargs):
        searched.append(query)
        return real(query, *args, **kwargs)

    monkeypatch.setattr(activity, "resolve", counted)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3", "l")
        await type_text(pilot, "@ana #coffee 30m talked shop")
        assert "with Ana López" in screen_text(app)
        await pilot.press("enter")
        await wait_until(pilot, lambda: not isinstance(app.screen, QuickLog))
    assert searched == ["a", "an", "ana"]
    (entry,) = repo.activity.logged(repo.today())
    assert entry.contact_ids == (ana.id,) and entry.note == "talked shop"


async def test_a_namesake_added_elsewhere_makes_a_remembered_name_ambiguous(repo, db_path):
    """What an @name was found to be holds only for the names it was found among: when
    another process adds a second Ana, the same line is ambiguous and writes nothing."""
    from netrack.app import create_app

    repo.contacts.add("Ana López")
    app = create_app(repo, poll_seconds=0.05)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3", "l")
        await type_text(pilot, "@ana #call 15m")
        assert "with Ana López" in screen_text(app)
        await added_elsewhere(pilot, repo, db_path, "Ana Ruiz")
        await pilot.press("enter")
        await wait_until(pilot, lambda: "ambiguous" in screen_text(app))
        assert isinstance(app.screen, QuickLog)
    assert repo.activity.logged(repo.today()) == []


async def test_the_choices_listed_go_once_the_line_moves_on(app, repo):
    """ "tab: Ana López · Ana Smith" stayed under the bar after the line moved on to a
    #kind: the choices of a word no longer under the cursor."""
    repo.contacts.add("Ana López")
    repo.contacts.add("Ana Smith")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await type_text(pilot, "@an")
        await pilot.press("tab")
        assert "tab: Ana López · Ana Smith" in screen_text(app)
        await type_text(pilot, "#cof")
        text = screen_text(app)
        assert "tab: Ana López" not in text and "tab completes" in text


async def test_tab_offers_the_campaigns_people_first(app, repo):
    """`l` on a stalled campaign fills `+"Meridian …" @`; tab offered everyone but the
    campaign's people first."""
    repo.contacts.add("Ana López")
    aisha = repo.contacts.add("Aisha Bello")
    lead = repo.campaigns.add("Data Lead", "Meridian")
    repo.campaigns.link_contact(lead.id, aisha.id, "referrer")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("l")
        field = app.screen.query_one("#ql-input", Input)
        await type_text(pilot, '+"Meridian Data Lead" @')
        await pilot.press("tab")
        assert field.value == '+"Meridian Data Lead" @"Aisha Bello" '
        await pilot.press("ctrl+a", "ctrl+k")
        await type_text(pilot, "@")
        await pilot.press("tab")  # no campaign: in their order
        assert field.value == '@"Ana López" '


async def test_at_80x24_the_preview_keeps_its_warning_and_note_in_view(app, repo, today):
    """The bar stopped at 12 lines: with four people whose follow-ups the line closes, the
    note and the warning (a follow-up not after the day) were cut off, unsaid."""
    people = []
    for name in ("Chloé Martin", "Tomás Herrera", "Yuki Tanaka", "Olumide Adeyemi"):
        person = repo.contacts.add(name).id
        people.append(person)
        repo.activity.log([person], on=today - timedelta(days=9), follow_up_on=today)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await type_text(pilot, "#coffee @chloé @tomás @yuki @olumide 45m ! fu:today ")
        await type_text(pilot, "lunch to discuss the grid analytics team")
        text = screen_text(app)
        assert "! follow-up date is not after the interaction" in text, text
        assert "note: lunch to discuss the grid analytics team" in text, text


async def test_enter_twice_in_one_burst_logs_once_and_closes_only_the_bar(app, repo):
    """Each enter posted its own submit: the second logged the line again, then
    dismissed again, which popped the screen under the bar (none: the app crashed,
    "Can't pop screen")."""
    from netrack.screens.agenda import AgendaScreen
    from tests.ui.test_form_checks import burst

    repo.contacts.add("Ana López")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        await pilot.press("l")
        await type_text(pilot, "@ana burstnote")
        await burst(pilot, "enter", "enter")
        assert [i.note for i in repo.activity.interactions()] == ["burstnote"]
        assert isinstance(app.screen, AgendaScreen) and app.is_running


async def test_the_log_s_message_says_which_namesake(app, repo):
    """ "closes follow-up with Sam Lee, Sam Lee": which ones, as the bar's completion
    names them (the CLI's confirmation says so too)."""
    acme = repo.contacts.add("Sam Lee", organization="Acme")
    globex = repo.contacts.add("Sam Lee", organization="Globex")
    repo.activity.log([acme.id, globex.id], on=date(2026, 11, 20), follow_up_on=date(2026, 12, 1))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        await type_text(pilot, '@"Sam Lee (Globex)" #call')
        await pilot.press("enter")
        said = "closes follow-up with Sam Lee (Acme), Sam Lee (Globex) due 2026-12-01"
        await wait_until(pilot, lambda: any(said in n.message for n in app._notifications))


async def test_ctrl_s_logs_the_line_as_in_every_form(app, repo):
    """ctrl+s saves every form; in the bar it did nothing, the line left open. Typed in
    the same burst as the line, it logs what was typed, once."""
    from netrack.screens.agenda import AgendaScreen
    from tests.ui.test_form_checks import burst

    repo.contacts.add("Ana López")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        await burst(pilot, *"@ana savednote", "ctrl+s", "ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, AgendaScreen))
        assert [i.note for i in repo.activity.interactions()] == ["savednote"]


async def test_the_preview_follows_a_change_made_elsewhere(app, repo, where, today):
    """The preview says what the line will do; a follow-up marked done and a contact
    renamed in another netrack left it saying the old name and a closing no longer due,
    until the next key (a sweep with the TUI beside the shell)."""
    from netrack.data.repo import Repo

    chloe = repo.contacts.add("Chloé Dubois", met_on=date(2026, 10, 1))
    repo.activity.log([chloe.id], on=date(2026, 11, 2), follow_up_on=date(2026, 11, 12))
    shell = Repo.open(where, clock=lambda: today)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            await pilot.press("3", "l")
            await type_text(pilot, "@chlo #call 10m checking in")
            text = screen_text(app)
            assert "with Chloé Dubois" in text and "closes follow-up with Chloé Dubois" in text
            with shell.store.bound():
                shell.contacts.update(chloe.id, name="Chloé Dubois-Martin")
                shell.activity.mark_contact_follow_ups_done(chloe.id)
            await wait_until(pilot, lambda: "Dubois-Martin" in screen_text(app))
            assert "closes follow-up" not in screen_text(app)
    finally:
        shell.close()


async def test_tab_completes_names_holding_a_quote_to_their_record(app, repo):
    """`@"Dana "DJ" Jones"` named the other Dana and left `DJ" Jones"` in the note: a
    name the grammar cannot quote whole completes to its id, the record chosen."""
    dj = repo.contacts.add('Dana "DJ" Jones', organization="Acme")
    repo.contacts.add("Dana", organization="Hooli")
    lead = repo.campaigns.add('Lead "Platform" Engineer', "Acme")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("3", "l")
        field = app.screen.query_one("#ql-input", Input)
        await type_text(pilot, "@DJ")
        await pilot.press("tab")
        assert field.value == f"@id:{dj.id} "
        await type_text(pilot, "+plat")
        await pilot.press("tab")
        assert field.value == f"@id:{dj.id} +id:{lead.id} "
        text = screen_text(app)
        assert 'with Dana "DJ" Jones' in text and "note:" not in text
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, QuickLog)
        (entry,) = repo.activity.interactions()
        assert entry.contact_ids == (dj.id,) and entry.campaign_id == lead.id
        assert entry.note in ("", None)


async def test_the_preview_and_the_toast_say_which_twin_campaign(app, repo):
    """`+id:2` of two "Acme Eng" previewed and confirmed "for Acme Eng", as `+id:1` did:
    nothing said which one the line was for."""
    mei = repo.contacts.add("Mei Chen", met_on=date(2026, 10, 1))
    repo.campaigns.add("Eng", "Acme", opened_on=date(2026, 11, 2))
    twin = repo.campaigns.add("Eng", "Acme", opened_on=date(2026, 11, 3))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("3", "l")
        await type_text(pilot, f"@mei +id:{twin.id} 20m")
        assert f"for Acme Eng [id:{twin.id}]" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, QuickLog)
    (entry,) = repo.activity.interactions(contact_id=mei.id)
    assert entry.campaign_id == twin.id
    assert any(n.message.endswith(f"· for Acme Eng [id:{twin.id}]") for n in app._notifications)


async def test_tab_completes_a_twin_campaign_to_the_one_picked(app, repo):
    """Two "Acme Data Engineer", one lost: tab wrote `+"Acme Data Engineer"` (ambiguous,
    enter logged nothing) and listed the same words twice. Each completes to its label,
    which names it; the list says which is which and which is closed."""
    hiroshi = repo.contacts.add("Hiroshi Tanaka")
    lost = repo.campaigns.add("Data Engineer", "Acme", stage="applied", opened_on=date(2026, 10, 1))
    repo.campaigns.move(lost.id, "lost", reason="rejected", on=date(2026, 11, 1))
    open_one = repo.campaigns.add(
        "Data Engineer", "Acme", stage="networking", opened_on=date(2026, 11, 10)
    )
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("l")
        field = app.screen.query_one("#ql-input", Input)
        await type_text(pilot, "@hiroshi +acme")
        await pilot.press("tab")
        assert field.value == f'@hiroshi +"Acme Data Engineer [id:{lost.id}]" '
        listed = f"Acme Data Engineer [id:{lost.id}] (lost) · Acme Data Engineer [id:{open_one.id}]"
        assert f"tab: {listed}" in screen_text(app)
        await pilot.press("tab")
        assert field.value == f'@hiroshi +"Acme Data Engineer [id:{open_one.id}]" '
        assert "ambiguous" not in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, QuickLog)
    (entry,) = repo.activity.interactions(contact_id=hiroshi.id)
    assert entry.campaign_id == open_one.id


async def test_a_candidate_the_bar_lists_names_that_one_typed_back(app, repo):
    """`@"ana ()"` lists those without an organization; the Ana López among them was
    listed bare, and typed back it was ambiguous with Ana López at Acme again."""
    repo.contacts.add("Ana López", organization="Acme")
    alone = repo.contacts.add("Ana López")
    repo.contacts.add("Anand Rao")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("3", "l")
        await type_text(pilot, '#call @"ana ()" 20m')
        assert "contact 'ana ()' is ambiguous: Ana López (); Anand Rao" in screen_text(app)
        field = app.screen.query_one("#ql-input", Input)
        field.value = ""
        await type_text(pilot, '#call @"Ana López ()" 20m')
        assert "ambiguous" not in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, QuickLog)
    (entry,) = repo.activity.interactions(contact_id=alone.id)
    assert entry.minutes == 20


async def test_ambiguous_names_holding_commas_are_told_apart_in_the_bar(app, repo):
    """Candidates were joined with ", ", which names hold: "Lee, Pat, Lee (Pat, Co)"
    read as three or four people. The bar says it as the command line does."""
    repo.contacts.add("Lee, Pat")
    repo.contacts.add("Lee", organization="Pat, Co")
    repo.campaigns.add("Engineer, Data", "Helios")
    repo.campaigns.add("Engineer", "Grid, Inc")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("3", "l")
        await type_text(pilot, "#call @le")
        assert "contact 'le' is ambiguous: Lee, Pat; Lee (Pat, Co)" in screen_text(app)
        await type_text(pilot, "e 20m +eng")
        assert "campaign 'eng' is ambiguous: Helios Engineer, Data; Grid, Inc Engineer" in (
            screen_text(app)
        )


async def test_a_touch_before_the_met_on_day_is_noted_in_the_toast(app, repo):
    """A back-fill (the person added today, last week's coffee logged next) was taken
    without a word: the toast notes it on a line of its own, and met_on stays."""
    omar = repo.contacts.add("Omar")  # met today, 2026-11-27
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("3", "l")
        await type_text(pilot, "#coffee @omar on:2026-11-10 1h")
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, QuickLog)
    assert [n.message for n in app._notifications] == [
        "logged in person with Omar on 2026-11-10 · 60m\n"
        'note: Omar was met on 2026-11-27, after this touch (set Omar\'s "Met on" to '
        "2026-11-10 if you met earlier)"
    ]
    assert repo.contacts.get(omar.id).met_on == date(2026, 11, 27)


async def _log_on_the_scorecard(app, pilot, watch=None) -> None:
    """`@ana #call 20m` logged from the Scorecard, until its card counts it; `watch`
    is given the screen first."""
    await pilot.press("3")
    await settle(pilot)
    screen = app.screen
    before = screen.card.interactions
    if watch is not None:
        watch(screen)
    await pilot.press("l")
    await type_text(pilot, "@ana #call 20m")
    await pilot.press("enter")
    await wait_until(pilot, lambda: screen.card.interactions == before + 1)


async def test_a_log_on_the_scorecard_leaves_the_collector_running_once_painted(app, repo):
    # The card updated for a log is drawn with the collector paused (gc_pause.held),
    # and it runs again as soon as the card is painted, not on the 2 s timer.
    repo.contacts.add("Ana López")
    paused_while_drawn = []

    def note_draws(screen):
        draw = screen._draw

        def noted(data):
            paused_while_drawn.append(not gc.isenabled())
            draw(data)

        screen._draw = noted

    async with app.run_test(size=(120, 40)) as pilot:
        await _log_on_the_scorecard(app, pilot, note_draws)
        await settle(pilot)
        assert paused_while_drawn == [True]  # updated for the log, not read again
        assert gc.isenabled()


async def test_a_log_on_the_scorecard_as_the_app_closes_leaves_the_collector_running(app, repo):
    repo.contacts.add("Ana López")
    async with app.run_test(size=(120, 40)) as pilot:
        await _log_on_the_scorecard(app, pilot)
        app.exit()  # at once: no frame after the card's
    # A card of the weeks either side, computed in a worker thread when the app closed,
    # pauses the collector too until that thread sees it is cancelled: waited for, as
    # long as a card takes at most. Not a sleep: a hold never released fails here.
    deadline = time.monotonic() + 10
    while not gc.isenabled() and time.monotonic() < deadline:
        time.sleep(0.01)
    assert gc.isenabled()
