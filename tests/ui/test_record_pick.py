"""A referral or a time entry logged by mistake is taken back from the palette (the TUI
could add them; only the CLI could remove one): picked among the newest, confirmed,
gone, and the card follows."""

from __future__ import annotations

from datetime import timedelta

from netrack.screens.modal.confirm import Confirm
from netrack.screens.modal.pick import Pick
from netrack.screens.modal.time_form import TimeForm
from tests.ui.conftest import palette_offers, screen_text, settle, type_text, wait_until


async def run_command(pilot, typed: str, command: str) -> None:
    """The palette opened, `typed`, and `command` (once offered) run."""
    await pilot.press("ctrl+p")
    await type_text(pilot, typed)
    await wait_until(pilot, palette_offers(pilot.app, command))
    await pilot.press("enter")
    await settle(pilot)


async def test_past_the_newest_offered_the_pick_says_how_to_reach_an_older_one(app, repo, today):
    """Only the newest 300 are offered: the 301st was out of reach without a word."""
    from netrack.screens.record_pick import OFFERED

    for day in range(OFFERED):
        repo.time.add(30, "search", on=today - timedelta(days=day))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await run_command(pilot, "edit a time", "Edit a time entry")
        assert str(app.screen.question) == "Which time entry?"  # all 300 are there
        await pilot.press("escape")
        await settle(pilot)
        repo.time.add(30, "search", on=today - timedelta(days=OFFERED))
        await run_command(pilot, "edit a time", "Edit a time entry")
        assert isinstance(app.screen, Pick)
        assert len(app.screen.choices) == OFFERED
        assert str(app.screen.question) == (
            "Which time entry? (the newest 300; an older one: netrack time edit ID)"
        )
        assert "an older one: netrack" in screen_text(app)  # shown, wrapped in the dialog


async def test_a_time_entry_and_a_referral_deleted_from_the_palette(app, repo, today):
    ana = repo.contacts.add("Ana López").id
    repo.time.add(600, "busywork", on=today, note="meant 10m")
    kept = repo.time.add(45, "search", on=today - timedelta(days=1))
    repo.referrals.add(ana, "out", on=today, note="wrong person")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await type_text(pilot, "delete a time")
        await wait_until(pilot, palette_offers(app, "Delete a time entry"))
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, Pick)
        text = screen_text(app)
        assert "› 2026-11-27  600m  busywork · meant 10m" in text
        assert "2026-11-26  45m  search" in text
        await pilot.press("enter")
        assert isinstance(app.screen, Confirm)
        assert app.screen.question == "Delete the 10h of busywork of 2026-11-27?"
        await pilot.press("y")
        await settle(pilot)
        assert [e.id for e in repo.time.all()] == [kept.id]
        await pilot.press("ctrl+p")
        await type_text(pilot, "delete a ref")
        await wait_until(pilot, palette_offers(app, "Delete a referral"))
        await pilot.press("enter")
        await settle(pilot)
        assert "2026-11-27  out  Ana López · wrong person" in screen_text(app)
        await pilot.press("enter", "n")  # no: nothing written
        await settle(pilot)
        assert len(repo.referrals.all()) == 1
        await pilot.press("ctrl+p")
        await type_text(pilot, "delete a ref")
        await wait_until(pilot, palette_offers(app, "Delete a referral"))
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("enter", "y")
        await settle(pilot)
        assert repo.referrals.all() == []
        assert any(
            "deleted referral" in n.message and "Ana López" in n.message for n in app._notifications
        )


async def _edit_from_the_palette(app, pilot, words: str, offer: str) -> None:
    await pilot.press("ctrl+p")
    await type_text(pilot, words)
    await wait_until(pilot, palette_offers(app, offer))
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(app.screen, Pick)
    await pilot.press("enter")  # the newest
    await settle(pilot)


async def _retype(pilot, field: str, text: str) -> None:
    box = pilot.app.screen.query_one(f"#field-{field}")
    box.focus()
    await wait_until(pilot, lambda: pilot.app.focused is box)
    box.value = ""
    await type_text(pilot, text)


async def test_a_time_entry_is_mended_from_the_palette_and_the_card_follows(app, repo, today):
    """600m of busywork meant 10m of search: edited in its form, filled in as it was;
    the hours on the card follow at once; a day after today is refused in place."""
    repo.campaigns.add("Platform Lead", "Acme")
    repo.time.add(600, "busywork", on=today, note="meant 10m")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await _edit_from_the_palette(app, pilot, "edit a time", "Edit a time entry")
        form = app.screen
        assert form.form_title == "Edit time entry #1"
        assert form.values() == {
            "duration": "600m",
            "category": "busywork",
            "on": "2026-11-27",
            "campaign": "",
            "note": "meant 10m",
        }
        assert form.query_one("#field-on").placeholder == "blank keeps the day"
        await _retype(pilot, "on", "2026-12-01")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "after today" in screen_text(app)
        assert repo.time.all()[0].minutes == 600  # refused: nothing written
        await _retype(pilot, "on", "yesterday")
        await _retype(pilot, "duration", "10m")
        await _retype(pilot, "category", "search")
        await _retype(pilot, "campaign", "acme")
        await pilot.press("ctrl+s")
        await settle(pilot)
        (entry,) = repo.time.all()
        assert (entry.minutes, entry.category.value, entry.on, entry.campaign_name, entry.note) == (
            10, "search", today - timedelta(days=1), "Acme Platform Lead", "meant 10m",
        )  # fmt: skip
        assert any(
            n.message
            == "edited time entry #1: 10m of search on 2026-11-26 · for Acme Platform Lead"
            for n in app._notifications
        )
        card = repo.scorecard.card(repo.scorecard.week())
        assert (card.hours_busywork, card.hours_invested) == (0, 10 / 60)


async def test_the_time_forms_refuse_a_day_past_24h_and_keep_what_was_typed(app, repo, today):
    """The add form took 10h on a day holding 20h (as `time add` did), the edit form a
    lengthening past 24h: refused beside the fields now, nothing written."""
    repo.time.add(20 * 60, "search", on=today)
    repo.time.add(3 * 60, "busywork", on=today)
    before = repo.time.all()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await run_command(pilot, "add time", "Add time entry")
        assert isinstance(app.screen, TimeForm)
        await _retype(pilot, "duration", "10h")
        await _retype(pilot, "category", "networking")
        await pilot.press("ctrl+s")
        await settle(pilot)
        said = " ".join(screen_text(app).replace("│", " ").split())
        assert (
            "2026-11-27 would hold 33h of time entries (23h there already): a day holds 24h at most"
        ) in said
        assert isinstance(app.screen, TimeForm) and app.screen.values()["duration"] == "10h"
        await pilot.press("escape")  # what was typed is asked about before it goes
        await settle(pilot)
        assert isinstance(app.screen, Confirm)
        await pilot.press("y")
        await settle(pilot)

        await _edit_from_the_palette(app, pilot, "edit a time", "Edit a time entry")
        assert app.screen.form_title == "Edit time entry #2"
        await _retype(pilot, "duration", "5h")
        await pilot.press("ctrl+s")
        await settle(pilot)
        said = " ".join(screen_text(app).replace("│", " ").split())
        assert "2026-11-27 would hold 25h of time entries (23h there already)" in said
        assert isinstance(app.screen, TimeForm)
        await _retype(pilot, "duration", "4h")  # 24h: a whole day, taken
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, TimeForm)
    assert [e.minutes for e in repo.time.all()] == [4 * 60, 20 * 60]
    assert len(before) == 2


async def test_a_referral_is_mended_from_the_palette_and_a_cleared_campaign_goes(app, repo, today):
    ana = repo.contacts.add("Ana López").id
    repo.contacts.add("Bo Chen")
    campaign = repo.campaigns.add("Platform Lead", "Acme").id
    repo.referrals.add(ana, "in", on=today, campaign_id=campaign)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await _edit_from_the_palette(app, pilot, "edit a ref", "Edit a referral")
        form = app.screen
        assert form.form_title == "Edit referral #1"
        assert form.values()["from"] == "Ana López"
        assert form.values()["campaign"] == "Acme Platform Lead"
        await _retype(pilot, "from", "bo")
        await _retype(pilot, "direction", "out")
        await _retype(pilot, "campaign", "")  # blank: no campaign
        await pilot.press("ctrl+s")
        await settle(pilot)
        (referral,) = repo.referrals.all()
        assert (referral.contact_name, referral.direction.value, referral.campaign_id) == (
            "Bo Chen", "out", None,
        )  # fmt: skip
        assert referral.on == today


async def test_an_edit_saved_over_a_referral_deleted_meanwhile_writes_nothing(app, repo, today):
    ana = repo.contacts.add("Ana López").id
    referral = repo.referrals.add(ana, "in", on=today)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await _edit_from_the_palette(app, pilot, "edit a ref", "Edit a referral")
        repo.referrals.delete(referral.id)  # the CLI, beside the TUI
        await _retype(pilot, "direction", "out")
        await pilot.press("ctrl+s")
        await settle(pilot)
        said = " ".join(screen_text(app).replace("│", " ").split())
        assert (
            "the referral of 2026-11-27 (in, Ana López) was deleted elsewhere since this "
            "form opened: nothing saved"
        ) in said
        assert repo.referrals.all() == []


async def test_ctrl_s_in_the_same_burst_as_the_typing_saves_what_was_typed(app, repo, today):
    """ctrl+s is a priority binding: it ran as the app read the key, before the note's
    field had taken the keys typed just ahead of it, so the form saved the old note and
    said "edited" (a sweep typing in tmux). It saves once the fields have their keys."""
    from tests.ui.test_form_checks import burst

    entry = repo.time.add(105, "search", on=today, note="system design practice")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await _edit_from_the_palette(app, pilot, "edit a time", "Edit a time entry")
        note = app.screen.query_one("#field-note")
        note.focus()
        await wait_until(pilot, lambda: app.focused is note)
        await burst(pilot, "ctrl+u", *"quick note", "ctrl+s")
        await wait_until(pilot, lambda: not isinstance(app.screen, TimeForm))
        assert repo.time.all(entry_id=entry.id)[0].note == "quick note"
        # on a new entry the burst saved nothing and left the form open
        await pilot.press("ctrl+p")
        await type_text(pilot, "add time")
        await wait_until(pilot, palette_offers(app, "Add time entry"))
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, TimeForm))
        await burst(pilot, *"20m", "tab", *"search", "ctrl+s")
        await wait_until(pilot, lambda: not isinstance(app.screen, TimeForm))
        new = repo.time.all()[0]
        assert new.id != entry.id and (new.minutes, new.category.value) == (20, "search")


async def test_an_edited_referral_names_its_own_namesake_and_stays_with_it(app, repo, today):
    """Two Sam Lees: the form showed "Sam Lee", the other one's organization suggested
    dim after it, and → then enter moved the referral to the other Sam Lee. It shows
    its own "Sam Lee (Beta)", and the twin campaign as "… [id:N]"."""
    repo.contacts.add("Sam Lee", organization="Acme")
    beta = repo.contacts.add("Sam Lee", organization="Beta").id
    repo.campaigns.add("Eng", "Acme")
    twin = repo.campaigns.add("Eng", "Acme").id
    repo.referrals.add(beta, "in", on=today, campaign_id=twin, note="Beta's intro")
    repo.time.add(60, "search", on=today, campaign_id=twin)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await _edit_from_the_palette(app, pilot, "edit a ref", "Edit a referral")
        assert app.screen.values()["from"] == "Sam Lee (Beta)"
        assert app.screen.values()["campaign"] == f"Acme Eng [id:{twin}]"
        await pilot.press("right", "enter")
        await settle(pilot)
        (referral,) = repo.referrals.all()
        assert (referral.contact_id, referral.campaign_id) == (beta, twin)
        await _edit_from_the_palette(app, pilot, "edit a time", "Edit a time entry")
        assert app.screen.values()["campaign"] == f"Acme Eng [id:{twin}]"


async def test_the_interaction_and_contact_forms_name_a_namesake_as_lists_do(app, repo, today):
    """The same in the other edit forms: the With field, the Campaign field and the
    Introduced by field name the record's own Sam Lee and its own twin campaign."""
    from netrack.screens.modal.contact_form import ContactForm
    from netrack.screens.modal.interaction_form import InteractionForm

    repo.contacts.add("Sam Lee", organization="Acme")
    beta = repo.contacts.add("Sam Lee", organization="Beta").id
    ana = repo.contacts.add("Ana López", introduced_by="Sam Lee (Beta)")
    repo.campaigns.add("Eng", "Acme")
    twin = repo.campaigns.add("Eng", "Acme").id
    logged = repo.activity.log([beta, ana.id], on=today, kind="call", campaign_id=twin)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await app.open_form(InteractionForm(repo, interaction=logged))
        await settle(pilot)
        assert app.screen.values()["with"] == "Sam Lee (Beta), Ana López"
        assert app.screen.values()["campaign"] == f"Acme Eng [id:{twin}]"
        await pilot.press("escape")
        await settle(pilot)
        await app.open_form(ContactForm(repo, contact=repo.contacts.get(ana.id)))
        await settle(pilot)
        assert app.screen.values()["introduced_by"] == "Sam Lee (Beta)"


async def test_the_forms_confirm_in_the_clis_words_naming_namesake_and_campaign(app, repo):
    """The referral form said "added referral in (from Sam Lee)", the time form never
    named the campaign `north` matched: the CLI's words now, in add and delete."""
    from tests.ui.test_forms_interactions import fill

    repo.contacts.add("Sam Lee", organization="Acme")
    beta = repo.contacts.add("Sam Lee", organization="Beta").id
    repo.campaigns.add("Data Engineer", "Northwind")
    said: list[str] = []

    def heard() -> None:
        said.extend(n.message for n in app._notifications if n.message not in said)

    async with app.run_test(size=(120, 40)) as pilot:
        app.open_contact(beta)
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        await fill(pilot, "direction", "in")
        await fill(pilot, "campaign", "north")
        await pilot.press("ctrl+s")
        await settle(pilot)
        heard()
        await app.open_form(TimeForm(repo))
        await settle(pilot)
        await fill(pilot, "duration", "1h")
        await fill(pilot, "category", "search")
        await fill(pilot, "campaign", "north")
        await pilot.press("ctrl+s")
        await settle(pilot)
        heard()
        await run_command(pilot, "delete a ref", "Delete a referral")
        await pilot.press("enter", "y")
        await settle(pilot)
        heard()
    assert [m for m in said if m.startswith(("added", "deleted"))] == [
        "added referral in (from Sam Lee (Beta)) on 2026-11-27 · for Northwind Data Engineer",
        "added 1h of search on 2026-11-27 · for Northwind Data Engineer",
        "deleted referral #1 (in, Sam Lee (Beta), 2026-11-27) · for Northwind Data Engineer",
    ]


async def test_the_pick_tells_namesakes_referrals_apart(app, repo, today):
    """Two rows read "2026-11-27  in  Sam Lee" and the question named neither: each
    row and the question now name the organization, as lists of candidates do."""
    acme = repo.contacts.add("Sam Lee", organization="Acme").id
    beta = repo.contacts.add("Sam Lee", organization="Beta").id
    repo.referrals.add(acme, "in", on=today)
    repo.referrals.add(beta, "in", on=today)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await run_command(pilot, "delete a ref", "Delete a referral")
        assert isinstance(app.screen, Pick)
        assert [label for _, label in app.screen.choices] == [
            "2026-11-27  in  Sam Lee (Beta)",
            "2026-11-27  in  Sam Lee (Acme)",
        ]
        await pilot.press("enter")
        assert isinstance(app.screen, Confirm)
        assert app.screen.question == "Delete the referral of 2026-11-27 (in, Sam Lee (Beta))?"
        await pilot.press("y")
        await settle(pilot)
    assert [r.contact_id for r in repo.referrals.all()] == [acme]


async def test_a_namesakes_referral_gone_or_changed_elsewhere_is_named_with_the_organization(
    app, repo, today
):
    """Beside another Sam Lee, a form saved over a referral deleted or changed
    elsewhere, or over its contact deleted, said "Sam Lee", where its rows and
    confirmations say "Sam Lee (Beta)"; a namesake added meanwhile refuses nothing."""
    from netrack.screens.modal.referral_form import ReferralForm

    repo.contacts.add("Sam Lee", organization="Acme")
    beta = repo.contacts.add("Sam Lee", organization="Beta").id
    first = repo.referrals.add(beta, "in", on=today)

    def refusal() -> str:
        assert isinstance(app.screen, ReferralForm)  # refused: still open
        return str(app.screen.query_one("#form-error").render())

    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await _edit_from_the_palette(app, pilot, "edit a ref", "Edit a referral")
        repo.referrals.update(first.id, direction="out")  # the CLI, beside the TUI
        await _retype(pilot, "note", "thanks")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert refusal() == (
            "this referral changed elsewhere since the form opened (the referral of "
            "2026-11-27 (in, Sam Lee (Beta)) is now the referral of 2026-11-27 (out, "
            "Sam Lee (Beta))): nothing saved; escape, and open it again"
        )
        repo.referrals.delete(first.id)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert refusal() == (
            "the referral of 2026-11-27 (in, Sam Lee (Beta)) was deleted elsewhere since "
            "this form opened: nothing saved (escape closes the form)"
        )
        await pilot.press("escape", "y")
        await wait_until(pilot, lambda: not isinstance(app.screen, (ReferralForm, Confirm)))

        app.open_contact(beta)
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        repo.tidy.delete_contact(beta)
        await _retype(pilot, "direction", "in")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert refusal() == (
            "Sam Lee (Beta) was deleted or merged elsewhere since this form opened: nothing "
            "saved (escape closes the form)"
        )
        await pilot.press("escape", "y")
        await wait_until(pilot, lambda: not isinstance(app.screen, (ReferralForm, Confirm)))

        # Read as it was opened, not as it would be named now: still the same referral.
        bo = repo.contacts.add("Bo Chen").id
        repo.referrals.add(bo, "in", on=today)
        await _edit_from_the_palette(app, pilot, "edit a ref", "Edit a referral")
        repo.contacts.add("Bo Chen", organization="Zed")
        await _retype(pilot, "note", "kept")
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not isinstance(app.screen, ReferralForm))
    assert [(r.contact_id, r.note) for r in repo.referrals.all()] == [(bo, "kept")]


async def test_the_pick_names_each_records_campaign(app, repo, today):
    """Two 90m of networking, one for a campaign, read alike but for a note: each row
    names its campaign before its note, as `time list` and the Agenda do, a twin
    campaign by its id."""
    pm = repo.campaigns.add("PM role", "Beta")
    twin = repo.campaigns.add("PM role", "Beta")
    sam = repo.contacts.add("Sam Lee").id
    yesterday = today - timedelta(days=1)
    repo.time.add(90, "networking", on=yesterday, campaign_id=pm.id, note="prep")
    repo.time.add(90, "networking", on=yesterday)
    repo.referrals.add(sam, "in", on=yesterday, campaign_id=twin.id)
    repo.referrals.add(sam, "in", on=yesterday)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await run_command(pilot, "edit a time", "Edit a time entry")
        assert isinstance(app.screen, Pick)
        assert sorted(label for _, label in app.screen.choices) == [
            "2026-11-26  90m  networking",
            f"2026-11-26  90m  networking · Beta PM role [id:{pm.id}] · prep",
        ]
        await pilot.press("escape")
        await settle(pilot)
        await run_command(pilot, "delete a ref", "Delete a referral")
        assert isinstance(app.screen, Pick)
        assert sorted(label for _, label in app.screen.choices) == [
            "2026-11-26  in  Sam Lee",
            f"2026-11-26  in  Sam Lee · Beta PM role [id:{twin.id}]",
        ]
