"""A form's suggestions match as names resolve: case and accents folded (`@zoe` finds
Zoë), and what the field shows after the typed text is always part of a real name."""

from __future__ import annotations

from typing import Any

from textual.widgets import Input

from netrack.screens.modal.contact_form import ContactForm
from tests.ui.conftest import settle
from tests.ui.test_forms_interactions import field, fill

NAMES = ["Zoë Adler", "İsmail Kaya", "Straße Klaus", "ﬁona Gray"]


def shown(app: Any, name: str) -> str:
    """The field's line as drawn: the typed text, then the suggestion after it."""
    line = app.screen.query_one(f"#field-{name}", Input).render_line(0)
    return line.text.rstrip()


async def suggested(pilot: Any, name: str, typed: str) -> str:
    await fill(pilot, name, typed)
    await settle(pilot)
    return shown(pilot.app, name)


async def test_suggestions_fold_case_and_accents_and_show_only_real_names(app, repo):
    for name in NAMES:
        repo.contacts.add(name)
    repo.organizations.add("Société Générale")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, ContactForm)
        assert await suggested(pilot, "introduced_by", "zoe") == "zoe Adler"
        assert await suggested(pilot, "introduced_by", "isma") == "ismail Kaya"
        assert await suggested(pilot, "introduced_by", "strasse") == "strasse Klaus"
        assert await suggested(pilot, "introduced_by", "fiona") == "fiona Gray"
        assert await suggested(pilot, "organization", "societe") == "societe Générale"
        await pilot.press("right")
        assert field(app, "organization") == "Société Générale"
        await fill(pilot, "introduced_by", "strasse")
        await settle(pilot)
        await pilot.press("right")
        assert field(app, "introduced_by") == "Straße Klaus"
        # Typed to the middle of the ß: no part of the name follows it, the name is
        # offered whole.
        assert await suggested(pilot, "introduced_by", "stras") == "stras → Straße Klaus"
        await pilot.press("right")
        assert field(app, "introduced_by") == "Straße Klaus"
        assert await suggested(pilot, "introduced_by", "ZOE A") == "ZOE Adler"
        await pilot.press("right")
        assert field(app, "introduced_by") == "Zoë Adler"


async def test_a_list_of_names_suggests_its_last_one_folded(app, repo):
    ana = repo.contacts.add("Ana López")
    for name in NAMES:
        repo.contacts.add(name)
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_contact(ana.id)
        await settle(pilot)
        await pilot.press("i")
        await settle(pilot)
        assert await suggested(pilot, "with", "Ana López,  fiona") == "Ana López,  fiona Gray"
        await pilot.press("right")
        assert field(app, "with") == "Ana López,  ﬁona Gray"
