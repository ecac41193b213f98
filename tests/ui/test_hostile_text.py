"""Names and notes full of markup, ANSI escapes and control characters: every screen shows
them literally with the control characters made visible, and the database keeps them as
they were typed."""

from __future__ import annotations

from netrack.screens.campaign_detail import CampaignDetailScreen
from netrack.screens.contact_detail import ContactDetailScreen
from netrack.screens.modal.interaction_form import InteractionForm
from tests.ui.conftest import palette_offers, screen_text, settle, type_text, wait_until

NAME = "[bold]Eve[/bold] \x1b[31mRed\x07\x01"  # NUL is refused: see validate
ORG = "[link=https://x]Evil\x01Org[/link]"
NOTE = "[red]note[/red] \x1b[2J\x1b]0;pwned\x07 \x9b1m end"
SHOWN_NAME = "[bold]Eve[/bold] ␛[31mRed␇␁"
SHOWN_ORG = "[link=https://x]Evil␁Org[/link]"
SHOWN_NOTE = "[red]note[/red] ␛[2J␛]0;pwned␇ \\x9b1m end"


def clean(text: str) -> bool:
    """Nothing that a terminal would act on: no escape, no control character but newline."""
    return not any((ord(ch) < 0x20 and ch != "\n") or 0x7F <= ord(ch) < 0xA0 for ch in text)


async def test_hostile_text_is_shown_literally_everywhere_and_stored_unchanged(app, repo, today):
    eve = repo.contacts.add(NAME, organization=ORG, notes=NOTE, strength=2)
    campaign = repo.campaigns.add(NOTE, ORG, contacts=[(NAME, None)])
    entry = repo.activity.log(
        [eve.id],
        on=today,
        campaign_id=campaign.id,
        follow_up_on=today,
        note=NOTE,
    )
    repo.referrals.add(eve.id, "in", note=NOTE)
    repo.goals.add("meaningful_contacts", 9, note=NOTE)  # 8 is a default goal
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        seen = {}
        for key in "345":  # 1 and 2: see the test below
            await pilot.press(key)
            await settle(pilot)
            seen[key] = screen_text(app)
        app.open_contact(eve.id)
        await settle(pilot)
        seen["contact"] = screen_text(app)
        await pilot.press("enter")  # the interaction form, pre-filled
        assert isinstance(app.screen, InteractionForm)
        seen["form"] = screen_text(app)
        await pilot.press("ctrl+s")  # saved untouched: the stored text stays as it was
        await settle(pilot)
        app.open_campaign(campaign.id)
        await settle(pilot)
        assert isinstance(app.screen, CampaignDetailScreen)
        seen["campaign"] = screen_text(app)
        await pilot.press("ctrl+p")
        await type_text(pilot, "eve")
        await wait_until(pilot, palette_offers(app, "eve"))
        seen["palette"] = screen_text(app)
        await pilot.press("escape", "escape")
        await settle(pilot)
        assert isinstance(app.screen, ContactDetailScreen)

    assert [where for where, text in seen.items() if not clean(text)] == []
    for where in ("contact", "form", "palette", "4"):
        assert SHOWN_NAME in seen[where], where
    for where in ("contact", "form", "campaign"):
        assert SHOWN_NOTE in seen[where], where
    assert SHOWN_ORG in seen["contact"]
    assert "[red]note[/red]" in seen["5"]  # the goal's note
    assert "[red]note[/red] ␛[2J" in seen["4"]  # the follow-up, logged today

    stored = repo.activity.get(entry.id)
    assert stored.note == NOTE and stored.contact_names == (NAME,)
    assert stored.on == today and stored.follow_up_on == today
    assert repo.contacts.get(eve.id).name == NAME
    assert repo.contacts.get(eve.id).organization == ORG
    assert repo.referrals.all(contact_id=eve.id)[0].note == NOTE
    assert repo.campaigns.get(campaign.id).title == NOTE


async def test_pipeline_and_contacts_show_control_characters(app, repo):
    repo.campaigns.add(NOTE, ORG)
    repo.contacts.add(NAME, organization=ORG)
    async with app.run_test(size=(160, 50)) as pilot:
        seen = {}
        for key in "12":
            await pilot.press(key)
            await settle(pilot)
            seen[key] = screen_text(app)
    assert [where for where, text in seen.items() if not clean(text)] == []
    assert SHOWN_NAME in seen["2"] and "␛[2J" in seen["1"]


WIDE_ORG = "株式会社ソニー・インタラクティブエンタテインメント"  # 25 characters, 50 cells


async def test_wide_characters_keep_the_kanban_columns_in_place(app, repo):
    """A CJK or emoji name is cut to its column's cells, not its characters: the next
    column's cards stay under their own header."""
    from rich.cells import cell_len

    repo.campaigns.add("プラットフォーム エンジニア 🧭🧭🧭", WIDE_ORG, stage="research")
    repo.campaigns.add("Platform Engineer", "Acme", stage="target")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        lines = screen_text(app).splitlines()
        header = next(line for line in lines if "Target" in line)
        card = next(line for line in lines if "Acme" in line)
        assert "株式会社" in card  # the wide name and the next card share a line
        assert cell_len(card[: card.index("Acme")]) == cell_len(header[: header.index("Target")])
        assert all(cell_len(line) <= 120 for line in lines)
        assert any("プラットフォ…" in line for line in lines)  # cut at 13 of 14 cells
        assert any("🧭🧭🧭" in line for line in lines)
