"""Contacts: filter as you type, sort, open, add, edit, log; user text stays literal."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from textual.widgets import Input

from netrack.screens.contact_detail import ContactDetailScreen
from netrack.screens.contacts import ContactsScreen
from netrack.widgets.urgency import LATE
from tests.ui.conftest import palette_offers, screen_text, settle, type_text, wait_until


def seed(repo, today):
    ana = repo.contacts.add("Ana López", organization="Acme", strength=4, channel="event")
    raj = repo.contacts.add("Raj Patel", organization="Globex", strength=2, channel="linkedin")
    odd = repo.contacts.add("[bold]x[/bold]", organization="[red]Evil[/red]", strength=5)
    repo.activity.log([raj.id], on=today - timedelta(days=2), kind="call")
    return ana, raj, odd


def names(screen: ContactsScreen) -> list[str]:
    return [c.name for c in screen.rows]


async def test_empty_state_says_which_key(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        assert "No contacts yet. Press n" in screen_text(app)


async def test_the_filter_takes_strength_channel_and_organization(app, repo, today):
    seed(repo, today)
    repo.contacts.add("Zoë Ng", organization="Acme Labs", strength=3, channel="linkedin")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        screen = app.screen
        await pilot.press("/")
        await type_text(pilot, "s:3+")
        assert names(screen) == ["[bold]x[/bold]", "Ana López", "Zoë Ng"]
        await type_text(pilot, " ch:link")
        assert names(screen) == ["Zoë Ng"]
        await pilot.press("ctrl+u")
        await type_text(pilot, "org:acme strength:2-4")
        assert names(screen) == ["Ana López", "Zoë Ng"]
        await type_text(pilot, " zoe")  # and words, accents folded
        assert names(screen) == ["Zoë Ng"]
        await pilot.press("ctrl+u")
        await type_text(pilot, "channel:none")
        assert names(screen) == ["[bold]x[/bold]"]
        await pilot.press("ctrl+u")
        await type_text(pilot, "s:9")  # said in place, nothing listed
        assert names(screen) == []
        assert "strength:9 is no strength (1 to 5, like strength:4" in screen_text(app)
        await pilot.press("ctrl+u")
        await type_text(pilot, "ch:linkdin")  # a typo: said, not an empty list
        assert names(screen) == []
        assert "no channel starts with 'linkdin' (known: event, linkedin," in screen_text(app)


async def test_a_quoted_phrase_finds_its_words_together(app, repo, today):
    """`"ana lopez"` typed in `/` found nobody: its quotes were searched for."""
    seed(repo, today)
    repo.contacts.add("Lopez Ana", organization="Initech")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        screen = app.screen
        await pilot.press("/")
        await type_text(pilot, '"ana lopez"')
        assert names(screen) == ["Ana López"]
        await pilot.press("ctrl+u")
        await type_text(pilot, '"lopez ana" org:init')
        assert names(screen) == ["Lopez Ana"]


async def test_a_long_filter_is_quoted_in_one_line_as_typed(app, repo, today):
    """10,000 characters pasted into `/` were echoed whole: the no-match line filled
    the screen and pushed the table, its hint and the key bar off it. And the filter
    was quoted with repr: `o'x` as "o'x", a backslash doubled."""
    from textual import events

    seed(repo, today)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("/")
        app.focused.post_message(events.Paste("x" * 10_000))
        await settle(pilot)
        lines = screen_text(app).splitlines()
        (said,) = [line for line in lines if "No contact matches" in line]
        assert said.strip().startswith("No contact matches 'xxx")
        assert said.rstrip().endswith("x…'. Press escape to clear the filter.")
        assert len(said.rstrip()) <= 80
        assert any("Name" in line and "Organization" in line for line in lines)  # the header
        await pilot.press("ctrl+u")
        await type_text(pilot, "o'x \\")
        assert "No contact matches 'o'x \\'. Press escape" in screen_text(app)


async def test_help_lists_the_filter_s_grammar(app, repo, today):
    """`?` on Contacts said "/ Find" and nothing of what the filter reads (`s:2-4`,
    `ch:none`, `org:"acme corp"`, a phrase …): it lists the parser's GRAMMAR."""
    from netrack.domain.contact_filter import GRAMMAR, GRAMMAR_NOTE
    from netrack.screens.help import HelpScreen

    seed(repo, today)
    async with app.run_test(size=(120, 60)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("?")
        assert isinstance(app.screen, HelpScreen)
        lines = screen_text(app).splitlines()
        assert any("The filter (/)" in line for line in lines)
        for forms, meaning in GRAMMAR:
            assert any("  ".join(forms) in line and meaning[:20] in line for line in lines)
        assert any(GRAMMAR_NOTE[:40] in line for line in lines)


async def test_the_filter_words_find_a_location_the_organization_gives(app, repo, today):
    """`berlin` found nobody whose location is Berlin, their own or their company's."""
    seed(repo, today)
    repo.contacts.add("Mia Berg", location="Berlin")
    zalando = repo.organizations.add("Zalando", location="Berlin", industry="E-commerce")
    repo.contacts.add("Olu Ade", organization=zalando.name)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        screen = app.screen
        await pilot.press("/")
        await type_text(pilot, "berlin")
        assert names(screen) == ["Mia Berg", "Olu Ade"]
        await pilot.press("ctrl+u")
        await type_text(pilot, "commerce")
        assert names(screen) == ["Olu Ade"]


async def test_table_filter_sort_and_literal_text(app, repo, today):
    seed(repo, today)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ContactsScreen)
        text = screen_text(app)
        assert "[bold]x[/bold]" in text and "[red]Evil[/red]" in text
        assert "2026-11-25 (2d)" in text
        assert names(screen) == ["[bold]x[/bold]", "Ana López", "Raj Patel"]
        await pilot.press("/")
        await type_text(pilot, "glo")
        assert names(screen) == ["Raj Patel"]
        await pilot.press("enter")  # back to the table
        await pilot.press("escape")  # clears the filter
        assert len(names(screen)) == 3
        await pilot.press("s")  # organization
        assert names(screen) == ["[bold]x[/bold]", "Ana López", "Raj Patel"]
        await pilot.press("s")  # strength, strongest first
        assert names(screen) == ["[bold]x[/bold]", "Ana López", "Raj Patel"]
        await pilot.press("R")
        assert names(screen) == ["Raj Patel", "Ana López", "[bold]x[/bold]"]
        await pilot.press("s")  # last touch: only Raj has one
        assert names(screen)[0] == "Raj Patel"
        await pilot.press("s")  # next touch: nobody has a cadence, all blank, by name
        assert screen.sort_column == "next_touch"
        assert names(screen) == ["[bold]x[/bold]", "Ana López", "Raj Patel"]
        await pilot.press("s")  # channel
        assert names(screen) == ["Ana López", "Raj Patel", "[bold]x[/bold]"]
        await pilot.click("#contacts", offset=(3, 0))  # header click: sort by name
        await pilot.pause()
        assert screen.sort_column == "name"


async def test_enter_opens_detail_and_new_contact_form(app, repo, today):
    ana, _raj, _odd = seed(repo, today)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("down", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ContactDetailScreen)
        assert app.screen.contact_id == ana.id
        await pilot.press("escape")
        await pilot.press("n")
        await pilot.press("enter")
        await pilot.pause()
        assert "name must not be blank" in screen_text(app)
        await type_text(pilot, "Mia Wong")
        for _ in range(10):
            await pilot.press("down")
        await type_text(pilot, "9")  # strength
        await pilot.press("enter")
        await pilot.pause()
        assert "strength must be from 1 to 5, not 9" in screen_text(app)
        await pilot.press("backspace", "3", "enter")
        await settle(pilot)
        mia = next(c for c in repo.contacts.all() if c.name == "Mia Wong")
        assert mia.strength == 3 and mia.met_on == today
        assert "Mia Wong" in screen_text(app)


async def test_edit_and_log_from_the_table(app, repo, today):
    ana, _raj, _odd = seed(repo, today)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("down", "e")
        await pilot.press("down", "down", "down")  # title, after organization and its size
        await type_text(pilot, "CTO")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert repo.contacts.get(ana.id).title == "CTO"
        await pilot.press("l")
        field = app.screen.query_one("#ql-input")
        assert field.value == '@"Ana López" '
        await type_text(pilot, "#email")
        await pilot.press("enter")
        await settle(pilot)
        assert [i.kind.value for i in repo.activity.interactions(contact_id=ana.id)] == ["email"]


async def test_next_touch_column_and_sort(app, repo, today):
    """Friday 2026-11-27. Mia: every 14 days, met 11-01, never touched: due 11-15
    (past, red). Raj: every 7, last call 11-25: due 12-02. Ana: every 30, met 11-20:
    due 12-20. Joe: no cadence, blank, last whatever the direction."""
    from datetime import date

    repo.contacts.add("Ana López", met_on=date(2026, 11, 20), keep_in_touch=30)
    raj = repo.contacts.add("Raj Patel", met_on=date(2026, 10, 1), keep_in_touch=7)
    repo.contacts.add("Mia Wong", met_on=date(2026, 11, 1), keep_in_touch=14)
    repo.contacts.add("Joe Bloggs", met_on=date(2026, 1, 1))
    repo.activity.log([raj.id], on=date(2026, 11, 25), kind="call")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        screen = app.screen
        text = screen_text(app)
        assert "Next touch" in text
        assert "2026-11-15" in next(line for line in text.splitlines() if "Mia Wong" in line)
        assert "2026-12-02" in next(line for line in text.splitlines() if "Raj Patel" in line)
        assert "2026-12-20" in next(line for line in text.splitlines() if "Ana López" in line)
        joe = next(line for line in text.splitlines() if "Joe Bloggs" in line)
        assert "2026-12" not in joe and "2026-11" not in joe
        mia_cell = screen._cells(names(screen).index("Mia Wong"))[4]
        assert mia_cell.plain == "2026-11-15" and mia_cell.style == LATE  # overdue
        await pilot.press("s", "s", "s", "s")  # organization, strength, last touch, next
        assert screen.sort_column == "next_touch"
        assert names(screen) == ["Mia Wong", "Raj Patel", "Ana López", "Joe Bloggs"]
        await pilot.press("R")
        assert names(screen) == ["Ana López", "Raj Patel", "Mia Wong", "Joe Bloggs"]


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_the_sorted_column_s_header_stays_whole(app, repo, today, size):
    """Sorted by strength the header read "Strengt…", by next touch "Next touc…", even
    at 120 columns: the marker did not fit the column's fixed width."""
    seed(repo, today)
    async with app.run_test(size=size) as pilot:
        await pilot.press("2")
        await settle(pilot)

        def header() -> str:
            return next(line for line in screen_text(app).splitlines() if "Organization" in line)

        await pilot.press("s", "s")  # strength, strongest first
        assert "Strength ▼" in header() and "…" not in header()
        await pilot.press("R")
        assert "Strength ▲" in header()
        await pilot.press("s", "s")
        assert re.search("Next touch [▲▼]", header()) and "…" not in header()
        await pilot.press("s")
        assert re.search("Channel [▲▼]", header()) and "…" not in header()


def test_the_screen_sorts_names_as_they_compare():
    """The screen sorted again by casefold: "Ángel" and "Émile" after "Zoë", although
    `contact list` (and the rows it was handed) had them in place."""
    from datetime import date

    from netrack.domain.people import Contact
    from netrack.screens.contact_rows import ordered

    names = ["Anna Alpha", "Ángel Abad", "Zoë Zed", "Émile"]
    contacts = [
        Contact(id=n, name=name, met_on=date(2026, 1, 1), organization=name)
        for n, name in enumerate(names)
    ]
    by_name = [contacts[i].name for i in ordered(contacts, "name", False)]
    assert by_name == ["Ángel Abad", "Anna Alpha", "Émile", "Zoë Zed"]
    by_org = [contacts[i].organization for i in ordered(contacts, "organization", True)]
    assert by_org == ["Zoë Zed", "Émile", "Anna Alpha", "Ángel Abad"]


async def test_down_and_enter_typed_at_once_after_the_filter_open_the_contact(app, repo):
    """`/priya` then ↓⏎ sent together: the enter reached the filter before the table had
    focus, and nothing opened (4 times of 4)."""
    from textual import events

    repo.contacts.add("Ana López")
    priya = repo.contacts.add("Priya Nair")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        await pilot.press("slash")
        await type_text(pilot, "priya")
        await settle(pilot)
        driver = app._driver
        assert driver is not None
        for key in ("down", "enter"):
            event = events.Key(key, None)
            event.set_sender(app)
            driver.send_message(event)
        await settle(pilot)
        assert isinstance(app.screen, ContactDetailScreen)
        assert app.screen.contact_id == priya.id


async def test_a_load_that_fails_says_so_until_read_and_is_tried_again(app, repo, monkeypatch):
    """A refresh refused by the server (a password changed) was said for a few seconds
    and not tried again: the list went on looking current after the login worked."""
    from netrack.changes import Change
    from netrack.domain.errors import StorageError

    repo.contacts.add("Ana López")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        real = type(repo.contacts).all
        monkeypatch.setattr(
            type(repo.contacts),
            "all",
            lambda *a, **k: (_ for _ in ()).throw(StorageError("refused")),
        )
        repo.contacts.add("Raj Patel")
        for _ in range(3):  # a program writing steadily: said once, not stacked
            app.data_changed.publish(Change("external"))
            await settle(pilot)
        [said] = [n for n in app._notifications if n.message.startswith("could not load")]
        assert said.message == "could not load: refused (what is shown may be out of date)"
        assert said.timeout == 30
        assert "Raj Patel" not in screen_text(app)
        monkeypatch.setattr(type(repo.contacts), "all", real)
        await pilot.press("1")
        await settle(pilot)
        await pilot.press("2")  # shown again: loaded again
        await settle(pilot)
        assert "Raj Patel" in screen_text(app)


async def test_a_failed_loads_message_is_not_said_again_while_it_is_up(app, repo, monkeypatch):
    """Grouped by 30-second blocks of the clock, failures at 29.5 s and 30.1 s each put a
    message up: two alike at once."""
    from netrack.domain.errors import StorageError

    clock = iter([29.5, 30.1, 59.0, 60.0])
    monkeypatch.setattr("netrack.screens.base.clock", lambda: next(clock))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        for _ in range(4):
            app.screen._failed(StorageError("refused"))
        await settle(pilot)
        said = [n for n in app._notifications if n.message.startswith("could not load")]
        assert len(said) == 2  # at 29.5 s, and at 60.0 s once the first is down


async def test_slash_a_filter_down_enter_in_one_burst_opens_the_first_match(app, repo):
    """`/ ana ↓ ⏎` typed in one burst opened nothing: the `/` was handled after the keys
    behind it had been read, so ↓ did not find the filter focused and ⏎ landed in it. A
    `/` typed in the filter is still a character of it."""
    from netrack.screens.contact_detail import ContactDetailScreen
    from tests.ui.test_form_checks import burst

    for name in ("Bo Chen", "Ana López", "Anand Rao"):
        repo.contacts.add(name)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        await burst(pilot, "slash", "a", "n", "a", "down", "enter")
        assert isinstance(app.screen, ContactDetailScreen)
        assert "Ana López" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        from textual import events

        for key, char in (("slash", "/"), ("a", "a"), ("slash", "/"), ("b", "b")):
            event = events.Key(key, char)  # as a terminal sends them: the character too
            event.set_sender(app)
            app._driver.send_message(event)
        await settle(pilot)
        assert app.screen.query_one("#filter", Input).value == "a/b"


async def test_a_contact_added_takes_the_cursor_as_a_new_card_does(app, repo, today):
    """`n` added Mia Wong and the cursor stayed on the first row: an `e` pressed next
    edited Ana López. The new contact takes the cursor, from `n` or the palette; one
    the filter hides leaves it where it was."""
    seed(repo, today)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ContactsScreen)
        await pilot.press("n")
        await type_text(pilot, "Mia Wong")
        await pilot.press("enter")
        await settle(pilot)
        await wait_until(pilot, lambda: "Mia Wong" in names(screen))
        assert screen.selected is not None and screen.selected.name == "Mia Wong"
        await pilot.press("e")
        await settle(pilot)
        assert "Edit Mia Wong" in screen_text(app)
        await pilot.press("escape")
        await pilot.press("ctrl+p")
        await type_text(pilot, "new contact")
        await wait_until(pilot, palette_offers(app, "New contact"))
        await pilot.press("enter")
        await pilot.pause()
        await type_text(pilot, "Bo Chen")
        await pilot.press("enter")
        await settle(pilot)
        await wait_until(pilot, lambda: "Bo Chen" in names(screen))
        assert screen.selected is not None and screen.selected.name == "Bo Chen"
        await pilot.press("slash")
        await type_text(pilot, "raj")
        await pilot.press("down", "n")
        await type_text(pilot, "Zoe Park")
        await pilot.press("enter")
        await settle(pilot)
        await wait_until(pilot, lambda: len(screen.data.contacts) == 6)
        assert names(screen) == ["Raj Patel"]
        assert screen.selected is not None and screen.selected.name == "Raj Patel"


async def test_keys_typed_while_the_contacts_load_act_on_its_rows(app, repo, monkeypatch):
    """On a 5,000-contact history `2 j j enter` typed at once was dropped: the rows came
    with the cursor on the first and no contact opened. The load is held here (its
    worker waits) until the keys are in; they read the contacts first, as the Pipeline's
    keys read its whole board."""
    import threading

    release = threading.Event()
    real_load = ContactsScreen.load

    def held_load(screen: ContactsScreen):
        if threading.current_thread() is not threading.main_thread():
            release.wait(10)  # the worker's load, not one read on the UI thread
        return real_load(screen)

    monkeypatch.setattr(ContactsScreen, "load", held_load)
    for name in ("Ana Alpha", "Ben Beta", "Cleo Gamma", "Dan Delta"):
        repo.contacts.add(name)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            await pilot.press("2", "j", "j", "enter")
            release.set()
            await wait_until(pilot, lambda: isinstance(app.screen, ContactDetailScreen))
            assert "Cleo Gamma" in screen_text(app)
    finally:
        release.set()


async def test_a_burst_from_another_screen_types_into_the_filter(app, repo):
    """`2/yan` typed in one burst from the Pipeline: the Contacts screen, shown for the
    first time, took `/` to its filter and then focused its table as it mounted, so
    `y`, `a`, `n` went to the table: `a` asked to archive the first contact, and a `y`
    typed next would have answered yes."""
    from tests.ui.test_form_checks import burst

    repo.contacts.add("Ana López")
    repo.contacts.add("Yana Petrova")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await burst(pilot, "2", "slash", "y", "a", "n")
        screen = app.screen
        assert isinstance(screen, ContactsScreen)
        assert screen.query_one("#filter", Input).value == "yan"
        assert screen.focused is screen.query_one("#filter", Input)
        assert all(not c.archived for c in repo.contacts.all(include_archived=True))
