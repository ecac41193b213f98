"""Contacts shows its first rows while the rest of a long history is read (issue 18: a
career's 50,000 contacts said "loading…" for ~2 s): the keys typed meanwhile act on the
contacts they show, a key that goes beyond them (or a filter, or another sort) waits for
the whole list, and the count line claims no total until it is known."""

from __future__ import annotations

import threading

import pytest
from textual.worker import get_current_worker

from netrack.screens import contacts as contacts_screen
from netrack.screens.contact_detail import ContactDetailScreen
from netrack.screens.contacts import ContactsScreen
from tests.ui.conftest import screen_text, settle, type_text, wait_until

# By name as names compare: Ana López, Ángel Ruiz, Bea Ito | Carl Ek, Dana Fox, Raj
# Patel, Zoë Ng (the first three are the first rows).
NAMES = ["Zoë Ng", "Ángel Ruiz", "Bea Ito", "Ana López", "Raj Patel", "Carl Ek", "Dana Fox"]
FIRST = ["Ana López", "Ángel Ruiz", "Bea Ito"]
PARTIAL_WAIT = "loading… (the filter and the sort apply once every contact is read)"


def wait_for(release: threading.Event) -> None:
    """Until `release` is set, or the worker this runs in is cancelled (the app
    exiting: a read held to the end of a test kept its exit waiting ten seconds)."""
    worker = get_current_worker()
    while not release.wait(0.02) and not worker.is_cancelled:
        pass


@pytest.fixture
def rest_held(monkeypatch, repo):
    """Three first rows; the whole list's read in the worker waits for the returned
    event (a read on the UI thread, a key's `rows_now`, does not)."""
    ids = {name: repo.contacts.add(name).id for name in NAMES}
    monkeypatch.setattr(contacts_screen, "FIRST_ROWS", 3, raising=False)
    release = threading.Event()
    load = ContactsScreen.load

    def slow_load(self):
        if threading.current_thread() is not threading.main_thread():
            wait_for(release)
        return load(self)

    monkeypatch.setattr(ContactsScreen, "load", slow_load)
    yield ids, release
    release.set()


def names(screen: ContactsScreen) -> list[str]:
    return [c.name for c in screen.rows]


async def first_rows(app, pilot) -> ContactsScreen:
    await settle(pilot)
    await pilot.press("2")
    await wait_until(pilot, lambda: isinstance(app.screen, ContactsScreen))
    screen = app.screen
    await wait_until(pilot, lambda: names(screen) == FIRST)
    await pilot.pause()
    return screen


async def test_the_first_rows_show_and_keys_act_on_them_while_the_rest_is_read(app, rest_held):
    ids, release = rest_held
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await first_rows(app, pilot)
        text = screen_text(app)
        assert "the first 3 · sorted by Name ▲ · loading the rest…" in text
        assert " of 3" not in text and "loading…" not in text.replace("the rest…", "")
        assert screen.loaded == 0  # the whole list has not come
        await pilot.press("down", "down", "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ContactDetailScreen))
        assert app.screen.contact_id == ids["Bea Ito"]
        assert screen.data.partial  # opened from the first rows, nothing else read
        release.set()
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen
        assert names(screen) == [*FIRST, "Carl Ek", "Dana Fox", "Raj Patel", "Zoë Ng"]
        assert screen.selected is not None and screen.selected.name == "Bea Ito"
        assert "3 of 7" not in screen_text(app) and "7 of 7 · sorted by Name ▲" in screen_text(app)


@pytest.mark.parametrize(
    ("keys", "opened"), [(["down"] * 3, "Carl Ek"), (["end"], "Zoë Ng"), (["pagedown"], "Zoë Ng")]
)
async def test_a_key_beyond_the_first_rows_reads_them_all_first(app, rest_held, keys, opened):
    ids, _release = rest_held
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await first_rows(app, pilot)
        await pilot.press(*keys, "enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ContactDetailScreen))
        assert app.screen.contact_id == ids[opened]
        assert not screen.data.partial and len(screen.data.contacts) == 7


async def test_a_filter_typed_meanwhile_waits_for_every_contact(app, rest_held):
    _ids, release = rest_held
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await first_rows(app, pilot)
        await pilot.press("/")
        await type_text(pilot, "raj")  # not among the first rows: "no match" would be a lie
        await pilot.pause()
        text = screen_text(app)
        assert screen.rows == [] and PARTIAL_WAIT in text
        assert "No contact matches" not in text
        release.set()
        await settle(pilot)
        assert names(screen) == ["Raj Patel"]
        assert "1 of 7" in screen_text(app)


async def test_another_sort_meanwhile_waits_and_enter_then_reads_them_all(app, rest_held):
    ids, _release = rest_held
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await first_rows(app, pilot)
        await pilot.press("down", "down")  # Bea Ito
        await pilot.press("R")  # the last names first: not among the first rows
        assert screen.rows == [] and PARTIAL_WAIT in screen_text(app)
        await pilot.press("enter")  # every contact read: the cursor still on Bea Ito
        await wait_until(pilot, lambda: isinstance(app.screen, ContactDetailScreen))
        assert app.screen.contact_id == ids["Bea Ito"]
        assert names(screen)[0] == "Zoë Ng"


async def test_keys_typed_before_anything_shows_read_the_first_rows_only(
    app, rest_held, monkeypatch
):
    """`2 ↓ ↓ ⏎` typed at once: the keys read the first rows on the spot (not every
    contact, ~2 s on a career's history) and open the third contact."""
    ids, _release = rest_held
    preview = getattr(ContactsScreen, "load_preview", lambda self: None)
    held = threading.Event()

    def slow_preview(self):
        if threading.current_thread() is not threading.main_thread():
            wait_for(held)
        return preview(self)

    monkeypatch.setattr(ContactsScreen, "load_preview", slow_preview, raising=False)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            await pilot.press("2")
            await wait_until(pilot, lambda: isinstance(app.screen, ContactsScreen))
            screen = app.screen
            assert "loading…" in screen_text(app) and not screen.rows
            await pilot.press("down", "down", "enter")
            await wait_until(pilot, lambda: isinstance(app.screen, ContactDetailScreen))
            assert app.screen.contact_id == ids["Bea Ito"]
            assert screen.data.partial and names(screen) == FIRST
    finally:
        held.set()


async def test_the_rest_failing_to_load_is_said_on_the_count_line(app, rest_held, monkeypatch):
    _ids, release = rest_held
    from netrack.domain.errors import StorageError

    def failing(self):
        wait_for(release)
        raise StorageError("the server went away")

    async with app.run_test(size=(120, 40)) as pilot:
        monkeypatch.setattr(ContactsScreen, "load", failing)
        screen = await first_rows(app, pilot)
        release.set()
        await wait_until(pilot, lambda: "could not load the rest" in screen_text(app))
        text = screen_text(app)
        assert "could not load the rest: the server went away" in text
        assert "loading the rest…" not in text
        assert names(screen) == FIRST  # still shown, still theirs


async def test_archived_shown_meanwhile_waits_for_every_contact(app, repo, rest_held):
    """`A` on the first rows: an archived "Aaron" comes first, and was not among them;
    the cursor stays on its contact, as `A` keeps it once every contact is read (it went
    to the first row, and enter opened another contact)."""
    ids, release = rest_held
    aaron = repo.contacts.add("Aaron Archived")
    repo.tidy.archive_contact(aaron.id)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await first_rows(app, pilot)
        await pilot.press("down")  # Ángel Ruiz
        await pilot.press("A")
        assert screen.rows == [] and PARTIAL_WAIT in screen_text(app)
        release.set()
        await wait_until(pilot, lambda: not screen.data.partial and bool(screen.rows))
        assert names(screen)[0] == "Aaron Archived"
        assert screen.selected is not None and screen.selected.id == ids["Ángel Ruiz"]
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ContactDetailScreen))
        assert app.screen.contact_id == ids["Ángel Ruiz"]
