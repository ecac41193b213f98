"""Saved interactions: enter edits the one under the cursor, delete removes it (confirmed);
referral, time-entry and contact forms with the CLI's validation words."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from textual.widgets import Input

from netrack.data import tables as t
from netrack.screens.campaign_detail import CampaignDetailScreen
from netrack.screens.contact_detail import ContactDetailScreen
from netrack.screens.modal.confirm import Confirm
from netrack.screens.modal.form import FormScreen
from netrack.screens.modal.interaction_form import InteractionForm
from netrack.widgets.interactions import InteractionTable
from tests.ui.conftest import (
    palette_offers,
    screen_text,
    settle,
    type_text,
    wait_until,
)


async def go_to(pilot: Any, name: str) -> None:
    """Move to the field with ↑/↓ as a person would: a key, then look where focus is."""
    form = pilot.app.screen
    assert isinstance(form, FormScreen)
    names = [f.name for f in form.fields]
    for _ in range(3):
        assert form.focused is not None
        here = names.index(str(form.focused.id).removeprefix("field-"))
        steps = names.index(name) - here
        if steps == 0:
            return
        await pilot.press(*["down" if steps > 0 else "up"] * abs(steps))
    raise AssertionError(f"could not reach the {name} field")


async def fill(pilot: Any, name: str, text: str) -> None:
    """Move to the field, replace what it holds."""
    await go_to(pilot, name)
    await pilot.press("ctrl+a", "ctrl+k")
    await type_text(pilot, text)


async def append(pilot: Any, name: str, text: str) -> None:
    """Move to the field, add to the end of what it holds."""
    await go_to(pilot, name)
    await pilot.press("end")
    await type_text(pilot, text)


def field(app: Any, name: str) -> str:
    return str(app.screen.query_one(f"#field-{name}", Input).value)


async def edit_the_only_interaction(pilot: Any, contact_id: int) -> None:
    """Open the contact's page and, its one interaction loaded, the form editing it."""
    app = pilot.app
    app.open_contact(contact_id)
    await settle(pilot)
    await wait_until(pilot, lambda: "Timeline (1)" in screen_text(app))
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(app.screen, InteractionForm)


def said_in_a_toast(app: Any, said: str) -> Callable[[], bool]:
    """A condition for `wait_until`: a notification says exactly `said`."""
    return lambda: any(n.message == said for n in app._notifications)


async def test_enter_edits_the_interaction_under_the_cursor(app, repo, today):
    ana = repo.contacts.add("Ana López")
    raj = repo.contacts.add("Raj Patel")
    acme = repo.campaigns.add("Platform Lead", "Acme")
    old = repo.activity.log(
        [ana.id], on=today - timedelta(days=3), kind="video", minutes=30, note="first call"
    )
    new = repo.activity.log([ana.id], on=today, kind="email", note="thanks")
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_contact(ana.id)
        await settle(pilot)
        assert "⏎ Edit interaction" in screen_text(app)
        await pilot.press("down", "enter")  # the older one
        await settle(pilot)  # the form is pushed, and filled, asynchronously
        assert isinstance(app.screen, InteractionForm)
        assert field(app, "with") == "Ana López"
        assert (field(app, "kind"), field(app, "on"), field(app, "minutes")) == (
            "video",
            "2026-11-24",
            "30m",
        )
        assert field(app, "note") == "first call"
        await fill(pilot, "minutes", "1h99m")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "invalid duration '1h99m' (expected 45m, 45min," in screen_text(app)
        assert repo.activity.get(old.id).minutes == 30  # nothing written
        await fill(pilot, "minutes", "1h30m")
        await fill(pilot, "campaign", "acme")
        await fill(pilot, "follow_up", "+7d")
        await append(pilot, "with", ",raj")
        await append(pilot, "note", "!")
        assert (field(app, "with"), field(app, "note")) == ("Ana López,raj", "first call!")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ContactDetailScreen)
        saved = repo.activity.get(old.id)
        assert saved.minutes == 90 and saved.contact_ids == (ana.id, raj.id)
        assert saved.campaign_id == acme.id and saved.follow_up_on == today + timedelta(days=7)
        assert saved.on == today - timedelta(days=3) and saved.kind.value == "video"
        assert repo.activity.get(new.id).note == "thanks"  # the other row untouched
        # The timeline is refilled by a load that may still be reaching the table.
        await wait_until(pilot, lambda: "first call!" in screen_text(app))
        text = screen_text(app)
        assert "first call!" in text and "Acme Platform Lead" in text
        assert any("saved video with Ana López, Raj Patel" in n.message for n in app._notifications)


async def test_delete_asks_then_deletes(app, repo, today):
    ana = repo.contacts.add("Ana López")
    acme = repo.campaigns.add("Platform Lead", "Acme")
    gone = repo.activity.log([ana.id], campaign_id=acme.id, note="to delete")
    repo.activity.log([ana.id], campaign_id=acme.id, on=today - timedelta(days=1), note="keep")
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_campaign(acme.id)
        await settle(pilot)
        assert isinstance(app.screen, CampaignDetailScreen)
        assert "del Delete interaction" in screen_text(app)
        await pilot.press("delete")
        assert isinstance(app.screen, Confirm)
        assert "Delete the other of 2026-11-27 with Ana López?" in screen_text(app)
        await pilot.press("n")
        await settle(pilot)
        assert len(repo.activity.interactions(campaign_id=acme.id)) == 2
        await pilot.press("ctrl+d", "y")
        await settle(pilot)
        assert [i.note for i in repo.activity.interactions(campaign_id=acme.id)] == ["keep"]
        text = screen_text(app)
        assert "Interactions (1)" in text and "to delete" not in text
        assert gone.id not in {i.id for i in repo.activity.interactions(contact_id=ana.id)}
        await pilot.press("question_mark")
        assert "Delete interaction" in screen_text(app) and "Edit interaction" in screen_text(app)


async def test_a_delete_says_the_follow_up_it_reopens(app, repo, today):
    """The question named only the interaction; that it reopened a follow-up was said
    after the `y`. The question says it now, in the words said after."""
    sam = repo.contacts.add("Sam")
    due = today + timedelta(days=3)
    repo.activity.log([sam.id], on=today - timedelta(days=5), follow_up_on=due, note="a")
    repo.activity.log([sam.id], on=today - timedelta(days=2), note="b")
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_contact(sam.id)
        await settle(pilot)
        assert isinstance(app.screen, ContactDetailScreen)
        await wait_until(pilot, lambda: "Timeline (2)" in screen_text(app))
        await pilot.press("down")  # the older one, "a": its own follow-up goes, none reopens
        await pilot.press("delete")
        assert isinstance(app.screen, Confirm)
        assert app.screen.question == "Delete the other of 2026-11-22 with Sam?"
        await pilot.press("n")
        await settle(pilot)
        await pilot.press("up", "delete")
        assert isinstance(app.screen, Confirm)
        assert app.screen.question == (
            "Delete the other of 2026-11-25 with Sam · reopens follow-up with Sam due 2026-11-30?"
        )
        await pilot.press("y")
        await settle(pilot)
        assert [i.note for i in repo.activity.interactions(contact_id=sam.id)] == ["a"]
        assert [f.due for f in repo.activity.follow_ups(pending_on=today)] == [due]
        said = (
            "deleted the other of 2026-11-25 with Sam · reopens follow-up with Sam due 2026-11-30"
        )
        await wait_until(pilot, said_in_a_toast(app, said))


async def test_a_delete_says_the_follow_up_it_leaves_to_a_later_touch(app, repo, today):
    """Deleting the touch that closed a follow-up on time left a later one to close it,
    late: the question and the message named only the interaction. Both say it now, as a
    back-dated log says one it closes earlier."""
    ann, ben = repo.contacts.add("Ann Ray"), repo.contacts.add("Ben Kay")
    due = today - timedelta(days=10)
    repo.activity.log([ann.id, ben.id], on=today - timedelta(days=20), follow_up_on=due)
    repo.activity.log([ann.id], on=today - timedelta(days=15), note="on time")
    repo.activity.log([ben.id], on=today - timedelta(days=3), note="late")
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_contact(ann.id)
        await settle(pilot)
        assert isinstance(app.screen, ContactDetailScreen)
        await wait_until(pilot, lambda: "Timeline (2)" in screen_text(app))
        await pilot.press("delete")  # the newest: "on time", of 2026-11-12
        assert isinstance(app.screen, Confirm)
        later = (
            "closes follow-up with Ann Ray, Ben Kay due 2026-11-17 later "
            "(on 2026-11-24, was closed by a touch on 2026-11-12)"
        )
        assert app.screen.question == f"Delete the other of 2026-11-12 with Ann Ray · {later}?"
        await pilot.press("y")
        await settle(pilot)
        assert [i.note for i in repo.activity.interactions(contact_id=ann.id)] == [""]
        (follow_up,) = repo.activity.follow_ups(contact_id=ann.id)
        assert follow_up.done_on == today - timedelta(days=3)
        said = f"deleted the other of 2026-11-12 with Ann Ray · {later}"
        await wait_until(pilot, said_in_a_toast(app, said))


async def test_an_edit_of_a_follow_up_marked_done_says_it_stays_done(app, repo, today):
    """A new day for a follow-up marked done kept it done, and the toast did not say so
    (one closed by a later touch did): the same words as `netrack interaction edit`."""
    ana = repo.contacts.add("Ana")
    origin = repo.activity.log(
        [ana.id], on=today - timedelta(days=7), follow_up_on=today - timedelta(days=3)
    )
    repo.activity.mark_follow_up_done(origin.id, today - timedelta(days=2))
    async with app.run_test(size=(120, 40)) as pilot:
        await edit_the_only_interaction(pilot, ana.id)
        await fill(pilot, "follow_up", "2026-12-02")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ContactDetailScreen)
        assert repo.activity.get(origin.id).follow_up_on == today + timedelta(days=5)
        said = (
            f"saved other with Ana on 2026-11-20 · follow up 2026-12-02 · already marked done "
            f"on 2026-11-25 (netrack followup reopen {origin.id} to be reminded)"
        )
        await wait_until(pilot, said_in_a_toast(app, said))


async def test_an_edit_adding_someone_says_the_follow_up_it_closes_earlier(app, repo, today):
    """Ana added to Ben's touch closed her follow-up marked done later on that touch's day,
    and the toast said nothing of it: the words `netrack interaction edit` says now."""
    known = today - timedelta(days=60)  # both met before (else the toast notes it too)
    ana, ben = repo.contacts.add("Ana", met_on=known), repo.contacts.add("Ben", met_on=known)
    origin = repo.activity.log(
        [ana.id], on=today - timedelta(days=22), follow_up_on=today - timedelta(days=17)
    )
    repo.activity.mark_follow_up_done(origin.id, today - timedelta(days=15))
    repo.activity.log([ben.id], on=today - timedelta(days=19))
    async with app.run_test(size=(120, 40)) as pilot:
        await edit_the_only_interaction(pilot, ben.id)
        await append(pilot, "with", ", Ana")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ContactDetailScreen)
        (follow_up,) = repo.activity.follow_ups(contact_id=ana.id)
        assert follow_up.done_on == today - timedelta(days=19)
        said = (
            "saved other with Ben, Ana on 2026-11-08 · closes follow-up with Ana due "
            "2026-11-10 earlier (was marked done on 2026-11-12)"
        )
        await wait_until(pilot, said_in_a_toast(app, said))


async def test_clearing_a_follow_up_marked_done_says_it_removes_it(app, repo, today):
    """The follow-up field emptied on a follow-up marked done took the mark with it, and
    the toast did not say so: the words `netrack interaction edit` says now."""
    ana = repo.contacts.add("Ana")
    origin = repo.activity.log(
        [ana.id], on=today - timedelta(days=22), follow_up_on=today - timedelta(days=17)
    )
    repo.activity.mark_follow_up_done(origin.id, today - timedelta(days=15))
    async with app.run_test(size=(120, 40)) as pilot:
        await edit_the_only_interaction(pilot, ana.id)
        await go_to(pilot, "follow_up")
        await pilot.press("ctrl+a", "ctrl+k")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, ContactDetailScreen)
        assert repo.activity.get(origin.id).follow_up_on is None
        said = (
            "saved other with Ana on 2026-11-05 · removes follow-up with Ana due 2026-11-10 "
            "(was marked done on 2026-11-12)"
        )
        await wait_until(pilot, said_in_a_toast(app, said))


async def test_the_log_form_says_the_follow_ups_a_new_entry_closes(app, repo, today):
    """`i` on a contact's page, a day typed, Enter: "logged other with Cal on 2026-11-22",
    not a word of the overdue follow-up it closed (`netrack log` and the quick log say it),
    nor of one done later that it closes on its earlier day."""
    cal = repo.contacts.add("Cal", met_on=today - timedelta(days=57))
    origin = repo.activity.log(
        [cal.id], on=today - timedelta(days=6), follow_up_on=today - timedelta(days=1)
    )
    marked = repo.activity.log(
        [cal.id], on=today - timedelta(days=6), follow_up_on=today + timedelta(days=2)
    )
    repo.activity.mark_follow_up_done(marked.id, today)
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_contact(cal.id)
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        assert isinstance(app.screen, InteractionForm)
        await fill(pilot, "on", "2026-11-22")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ContactDetailScreen)
        done = {f.interaction_id: f.done_on for f in repo.activity.follow_ups(contact_id=cal.id)}
        assert done == {origin.id: today - timedelta(days=5), marked.id: today - timedelta(days=5)}
        said = (
            "logged other with Cal on 2026-11-22 · closes follow-up with Cal due 2026-11-26 · "
            "closes follow-up with Cal due 2026-11-29 earlier (was marked done on 2026-11-27)"
        )
        assert [n.message for n in app._notifications] == [said]


async def test_forms_opened_for_a_contact_start_in_the_first_blank_field(app, repo, today):
    """`r` on a contact, then "in" for the direction: the From field had the focus, its
    name selected, and "in" replaced it (resolving to whoever "in" matched)."""
    ana = repo.contacts.add("Ana López")
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_contact(ana.id)
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        await type_text(pilot, "in")
        assert (field(app, "from"), field(app, "direction")) == ("Ana López", "in")
        await pilot.press("escape", "y")  # discard what was typed
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        assert app.focused.id != "field-with" and field(app, "with") == "Ana López"


async def test_referral_from_contact_detail_and_time_entry_from_the_palette(app, repo, today):
    ana = repo.contacts.add("Ana López")
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_contact(ana.id)
        await settle(pilot)
        await pilot.press("r")
        assert field(app, "from") == "Ana López"
        await fill(pilot, "direction", "up")
        await pilot.press("enter")
        # A save that finds the database busy runs in a thread: its message comes later.
        await wait_until(
            pilot, lambda: "unknown direction 'up' (known: in, out)" in screen_text(app)
        )
        await fill(pilot, "direction", "in")
        await fill(pilot, "note", "cto")
        await pilot.press("enter")
        await settle(pilot)
        (referral,) = repo.referrals.all(contact_id=ana.id)
        assert referral.direction.value == "in" and referral.note == "cto"
        assert "← referred you  cto" in screen_text(app)

        await pilot.press("ctrl+p")
        await type_text(pilot, "time e")
        await wait_until(pilot, palette_offers(app, "time"))
        await pilot.press("enter")
        await pilot.pause()
        await type_text(pilot, "90x")
        await fill(pilot, "category", "off")
        await pilot.press("enter")
        await wait_until(
            pilot, lambda: "invalid duration '90x' (expected 45m, 45min," in screen_text(app)
        )
        await fill(pilot, "duration", "1h30m")
        await fill(pilot, "on", "-1d")
        await pilot.press("enter")
        await settle(pilot)
        rows: list[dict[str, Any]] = list(t.TimeEntry.select().dicts())  # type: ignore[arg-type]
        assert [(r["minutes"], r["category"], str(r["on"])) for r in rows] == [
            (90, "off", "2026-11-26")
        ]


async def test_contact_form_size_band_and_introduced_by(app, repo):
    ana = repo.contacts.add("Ana López")
    repo.contacts.add("Ana Silva")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("n")
        await type_text(pilot, "Raj")
        await fill(pilot, "organization", "Ac")
        await fill(pilot, "size_band", "51-200")
        await fill(pilot, "introduced_by", "ana")
        await pilot.press("enter")
        await wait_until(
            pilot, lambda: "contact 'ana' is ambiguous: Ana López; Ana Silva" in screen_text(app)
        )
        await fill(pilot, "introduced_by", "lóp")
        await pilot.press("enter")
        await settle(pilot)
        (raj,) = [c for c in repo.contacts.all() if c.name == "Raj"]
        assert raj.introduced_by_id == ana.id and raj.size_band == "51-200"

        app.open_contact(raj.id)
        await settle(pilot)
        await pilot.press("e")
        assert (field(app, "size_band"), field(app, "introduced_by")) == ("51-200", "Ana López")
        await fill(pilot, "size_band", "5000+")
        await fill(pilot, "introduced_by", "")
        await pilot.press("enter")
        await settle(pilot)
        raj = repo.contacts.get(raj.id)
        assert raj.size_band == "5000+" and raj.introduced_by_id is None
        assert "org size  5000+" in screen_text(app)
        await pilot.press("e")  # emptied, the band is cleared (it stayed as it was)
        await fill(pilot, "size_band", "")
        await pilot.press("enter")
        await settle(pilot)
        assert repo.contacts.get(raj.id).size_band == ""


async def test_the_contact_forms_org_size_says_it_changed_the_organization(app, repo):
    """Saving Bo's "Org size" changed Beta's band for Ana too, and the toast named Bo
    only: it names the organization's change, as `contact edit --size` does."""
    repo.contacts.add("Ana", organization="Beta", size_band="1-10")
    bo = repo.contacts.add("Bo", organization="Beta")
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_contact(bo.id)
        await settle(pilot)
        await pilot.press("e")
        await fill(pilot, "size_band", "5000+")
        await pilot.press("enter")
        said = "saved contact Bo · Beta's size 1-10 → 5000+ (2 contacts)"
        await wait_until(pilot, said_in_a_toast(app, said))
        await pilot.press("2", "n")
        await type_text(pilot, "Cy")
        await fill(pilot, "organization", "Beta")
        await fill(pilot, "size_band", "11-50")
        await pilot.press("enter")
        said = "added contact Cy · Beta's size 5000+ → 11-50 (3 contacts)"
        await wait_until(pilot, said_in_a_toast(app, said))
    assert repo.organizations.find("Beta").size_band == "11-50"


async def test_the_contact_forms_org_size_follows_the_organization_chosen(app, repo):
    """Ola's form, her organization changed to Big Bank, still showed Tiny Shop's band
    1-10 and saved Big Bank's 5000+ without a word; a band typed equal to the one it
    opened with was dropped. The field shows the chosen organization's band (none for a
    new one), and a band set there is applied and said, as `contact edit --size` does."""
    repo.organizations.add("Big Bank", size_band="5000+")
    repo.organizations.add("Cedar Labs", size_band="51-200")
    ola = repo.contacts.add("Ola", organization="Tiny Shop", size_band="1-10")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert field(app, "size_band") == "1-10"
        await fill(pilot, "organization", "Cedar Labs")
        await wait_until(pilot, lambda: field(app, "size_band") == "51-200")  # Cedar Labs' own
        await pilot.press("ctrl+s")
        await wait_until(pilot, said_in_a_toast(app, "saved contact Ola"))
        assert repo.contacts.get(ola.id).size_band == "51-200"

        await pilot.press("e")
        await settle(pilot)
        await fill(pilot, "organization", "big bank")
        await wait_until(pilot, lambda: field(app, "size_band") == "5000+")
        await fill(pilot, "size_band", "51-200")  # the band it opened with
        await pilot.press("ctrl+s")
        said = "saved contact Ola · Big Bank's size 5000+ → 51-200 (1 contact)"
        await wait_until(pilot, said_in_a_toast(app, said))

        await pilot.press("e")
        await settle(pilot)
        await fill(pilot, "organization", "Zylo Widgets")
        await wait_until(
            pilot, lambda: field(app, "size_band") == ""
        )  # a new organization has none yet
        await fill(pilot, "size_band", "11-50")
        await pilot.press("ctrl+s")
        await wait_until(pilot, said_in_a_toast(app, "saved contact Ola"))
    bands = {org.name: org.size_band for org in repo.organizations.all()}
    assert bands == {"Big Bank": "51-200", "Cedar Labs": "51-200", "Tiny Shop": "1-10",
                     "Zylo Widgets": "11-50"}  # fmt: skip
    assert repo.contacts.get(ola.id).organization == "Zylo Widgets"


async def test_an_emptied_org_size_follows_and_is_no_typing(app, repo):
    """Org size emptied, then the organization changed: the field showed nothing and
    the save took Acme's band 11-50 away ("→ none"). An emptied field follows the
    organization as an untouched one does, and a band the form filled in is nothing to
    ask about on Escape."""
    repo.organizations.add("Acme", size_band="11-50")
    ann = repo.contacts.add("Ann Bee", organization="Beta", size_band="1001-5000")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        await fill(pilot, "size_band", "")
        await fill(pilot, "organization", "Acme")
        await wait_until(pilot, lambda: field(app, "size_band") == "11-50")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, Confirm)
        assert "Discard what you typed (Organization)?" in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await wait_until(pilot, said_in_a_toast(app, "saved contact Ann Bee"))
    assert repo.contacts.get(ann.id).organization == "Acme"
    assert {o.name: o.size_band for o in repo.organizations.all()}["Acme"] == "11-50"


async def test_the_contact_form_notes_touches_before_a_met_on_day_moved_past_them(app, repo, today):
    """Mia's "Met on" moved after her coffee was saved without a word, where logging that
    coffee after the day is noted: the toast notes it, with the day to set instead."""
    mia = repo.contacts.add("Mia Met", met_on=today - timedelta(days=26))  # 2026-11-01
    repo.activity.log([mia.id], on=today - timedelta(days=12), kind="coffee")  # 11-15
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_contact(mia.id)
        await settle(pilot)
        await pilot.press("e")
        await fill(pilot, "met_on", "2026-11-20")
        await pilot.press("ctrl+s")
        said = (
            "saved contact Mia Met\nnote: Mia Met has 1 touch before 2026-11-20 (first "
            '2026-11-15; set Mia Met\'s "Met on" to 2026-11-15 if you met by then)'
        )
        await wait_until(pilot, said_in_a_toast(app, said))
        await pilot.press("e")
        await fill(pilot, "title", "Data lead")  # the day left as it is: nothing to note
        await pilot.press("ctrl+s")
        await wait_until(pilot, said_in_a_toast(app, "saved contact Mia Met"))
    assert repo.contacts.get(mia.id).met_on == today - timedelta(days=7)


async def test_the_contact_form_notes_strength_changes_before_a_met_on_day_moved_past_them(
    app, repo, today
):
    """Mia's "Met on" moved past her strength changes (which a dated change could not be
    put before) was saved without a word of them: the toast notes them as touches."""
    mia = repo.contacts.add("Mia Met", met_on=today - timedelta(days=26), strength=2)  # 11-01
    repo.contacts.update(mia.id, strength=3, strength_on=today - timedelta(days=17))  # 11-10
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_contact(mia.id)
        await settle(pilot)
        await pilot.press("e")
        await fill(pilot, "met_on", "2026-11-20")
        await pilot.press("ctrl+s")
        said = (
            "saved contact Mia Met\nnote: Mia Met has 2 strength changes before 2026-11-20 "
            '(first 2026-11-01; set Mia Met\'s "Met on" to 2026-11-01 if you met by then)'
        )
        await wait_until(pilot, said_in_a_toast(app, said))
    assert repo.contacts.get(mia.id).met_on == today - timedelta(days=7)


async def test_after_a_delete_the_cursor_takes_the_next_row_not_the_first(app, repo, today):
    """The cursor went back to the timeline's first row (and the page up with it)."""
    ana = repo.contacts.add("Ana López")
    acme = repo.campaigns.add("Platform Lead", "Acme")
    for days in range(4):  # newest first: n0, n1, n2, n3
        repo.activity.log(
            [ana.id], campaign_id=acme.id, on=today - timedelta(days=days), note=f"n{days}"
        )
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_campaign(acme.id)
        await settle(pilot)
        table = app.screen.query_one(InteractionTable)
        await pilot.press("down", "down")
        assert table.selected is not None and table.selected.note == "n2"
        await pilot.press("delete", "y")
        await settle(pilot)
        await wait_until(pilot, lambda: len(table.items) == 3)
        assert table.selected is not None and table.selected.note == "n3"


async def test_example_placeholders_read_as_examples_not_values(app, repo, today):
    """An edit form's blank Cost showed a dim "12.50", read as the cost saved; the New
    campaign form's Compensation a "120–140k EUR" as if already filled in. An example
    says it is one."""
    ana = repo.contacts.add("Ana López")
    repo.activity.log([ana.id], on=today, kind="coffee")  # cost 0: the field is blank
    async with app.run_test(size=(120, 40)) as pilot:
        await edit_the_only_interaction(pilot, ana.id)
        cost = app.screen.query_one("#field-cost", Input)
        assert (cost.value, cost.placeholder) == ("", "e.g. 12.50")
        assert "Cost  e.g. 12.50" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("1", "n")  # the Pipeline's New campaign form
        await settle(pilot)
        text = screen_text(app)
        assert "New campaign" in text and "Compensation  e.g. 120–140k EUR" in text


async def test_the_log_form_notes_a_touch_before_the_met_on_day(app, repo, today):
    """`i` on a contact's page with a day before they were met, then an edit moving
    another touch before it: each toast notes it (met_on left as it is); an edit that
    moves neither the day nor the people does not."""
    cal = repo.contacts.add("Cal", met_on=today - timedelta(days=3))
    repo.activity.log([cal.id], on=today)
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_contact(cal.id)
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        assert isinstance(app.screen, InteractionForm)
        await fill(pilot, "on", "2026-11-20")
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ContactDetailScreen)
        note = 'note: Cal was met on 2026-11-24, after this touch (set Cal\'s "Met on" to {}'
        logged = "logged other with Cal on 2026-11-20\n" + note.format("2026-11-20 if you")
        await wait_until(pilot, said_in_a_toast(app, logged + " met earlier)"))
        assert repo.contacts.get(cal.id).met_on == today - timedelta(days=3)
        await wait_until(pilot, lambda: "Timeline (2)" in screen_text(app))
        await pilot.press("enter")  # the newest, of today
        await settle(pilot)
        assert isinstance(app.screen, InteractionForm)
        await fill(pilot, "on", "2026-11-23")
        await pilot.press("ctrl+s")
        await settle(pilot)
        moved = "saved other with Cal on 2026-11-23\n" + note.format("2026-11-23 if you")
        await wait_until(pilot, said_in_a_toast(app, moved + " met earlier)"))
        await pilot.press("enter")
        await settle(pilot)
        await fill(pilot, "note", "coffee")
        await pilot.press("ctrl+s")
        await settle(pilot)
        await wait_until(pilot, said_in_a_toast(app, "saved other with Cal on 2026-11-23"))
