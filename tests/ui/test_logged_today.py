"""Issue 16 item 6: the Agenda's "Logged today" shows back-dated entries logged today,
labelled with their day; the Contacts table's `l` fills in `@"Name (Org)"` when two
contacts share the name (the Agenda's going-cold rows and a contact's page do the same)."""

from __future__ import annotations

from datetime import timedelta

from textual.widgets import Input

from netrack.app import create_app
from netrack.screens.agenda import AgendaScreen
from netrack.screens.contacts import ContactsScreen
from netrack.screens.modal.quicklog import QuickLog
from netrack.widgets.virtual_table import VirtualTable
from tests.ui.conftest import screen_text, settle, type_text, wait_until


def notices(app) -> str:
    return " ".join(str(n.message) for n in app._notifications)


async def test_logged_today_lists_back_dated_entries_with_their_day(app, repo, today):
    ana = repo.contacts.add("Ana López", organization="Acme", met_on=today - timedelta(days=60))
    tuesday, thursday = today - timedelta(days=3), today - timedelta(days=1)
    repo.activity.log([ana.id], on=thursday, kind="email", note="logged on its day",
                      logged_on=thursday)  # fmt: skip
    repo.activity.log([ana.id], kind="video", note="this morning")
    repo.activity.log([ana.id], on=tuesday, kind="call", note="caught up on Tuesday")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        assert isinstance(app.screen, AgendaScreen)
        await wait_until(pilot, lambda: "caught up on Tuesday" in screen_text(app))
        text = screen_text(app)
        assert "2 logged today" in text and "Logged today (2)" in text
        rows = [line for line in text.splitlines() if "Ana López" in line and "│" in line]
        today_row = next(line for line in rows if "this morning" in line)
        back_row = next(line for line in rows if "caught up on Tuesday" in line)
        assert today_row.split()[1:3] == ["today", "video"]
        assert back_row.split()[1:4] == ["Tue", "11-24", "call"]
        assert "logged on its day" not in text
        # Logging a back-dated entry from the bar adds it at once, labelled.
        await pilot.press("l")
        await settle(pilot)
        await wait_until(pilot, lambda: isinstance(app.screen, QuickLog))
        await type_text(pilot, "@ana #message on:2026-11-25 wednesday's note")
        await pilot.press("enter")
        # The rows are drawn a moment after the load that counts them: wait for the row.
        await wait_until(pilot, lambda: "wednesday's note" in screen_text(app), rounds=3000)
        text = screen_text(app)
        assert "Logged today (3)" in text
        line = next(line for line in text.splitlines() if "wednesday's note" in line)
        assert line.split()[1:4] == ["Wed", "11-25", "message"]


async def test_contacts_log_key_names_the_organization_of_a_shared_name(app, repo, today):
    met = today - timedelta(days=30)
    acme = repo.contacts.add("Ana López", organization="Acme", met_on=met)
    globex = repo.contacts.add("Ana López", organization="Globex", met_on=met)
    raj = repo.contacts.add("Raj Patel", met_on=met)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("2")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ContactsScreen)
        table = screen.query_one(VirtualTable)
        table.focus()
        prefills = {}
        for row, contact in enumerate(screen.rows):
            table.move_cursor(row=row)
            await pilot.pause()
            assert screen.selected is not None and screen.selected.id == contact.id
            await pilot.press("l")
            await settle(pilot)
            assert isinstance(app.screen, QuickLog)
            prefills[contact.id] = app.screen.query_one(Input).value
            await pilot.press("escape")
            await settle(pilot)
        assert prefills == {
            acme.id: '@"Ana López (Acme)" ',
            globex.id: '@"Ana López (Globex)" ',
            raj.id: '@"Raj Patel" ',  # a name of its own stays short
        }
        # What was filled in resolves to that one person.
        table.move_cursor(row=[c.id for c in screen.rows].index(globex.id))
        await pilot.pause()
        await pilot.press("l")
        await settle(pilot)
        await type_text(pilot, "#call")
        await pilot.press("enter")
        await settle(pilot)
        logged = repo.activity.interactions()
        assert [(i.kind.value, i.contact_ids) for i in logged] == [("call", (globex.id,))]


async def test_logged_today_tells_namesakes_apart(app, repo, today):
    """SPEC: lists show the organization when names are shared. "Logged today" said
    "Sam Lee" twice where `netrack agenda` and the follow-ups box named each one."""
    met = today - timedelta(days=30)
    hooli = repo.contacts.add("Sam Lee", organization="Hooli", met_on=met)
    acme = repo.contacts.add("Sam Lee", organization="Acme", met_on=met)
    repo.activity.log([hooli.id], kind="call", minutes=10, note="hooli sam")
    repo.activity.log([acme.id], kind="call", minutes=10, note="acme sam")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        assert isinstance(app.screen, AgendaScreen)
        await wait_until(pilot, lambda: "acme sam" in screen_text(app))
        lines = screen_text(app).splitlines()
        assert "Sam Lee (Hooli)" in next(line for line in lines if "hooli sam" in line)
        assert "Sam Lee (Acme)" in next(line for line in lines if "acme sam" in line)


async def test_an_archived_namesake_is_still_told_apart(app, repo, today):
    """Archived people keep their history and their follow-ups: once Sam Lee of Hooli
    was archived, the Agenda's rows of both Sam Lees said "Sam Lee"."""
    met = today - timedelta(days=30)
    hooli = repo.contacts.add("Sam Lee", organization="Hooli", met_on=met)
    acme = repo.contacts.add("Sam Lee", organization="Acme", met_on=met)
    for who, note in ((hooli, "hooli sam"), (acme, "acme sam")):
        repo.activity.log([who.id], kind="call", note=note, follow_up_on=today)
    repo.tidy.archive_contact(hooli.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        await wait_until(pilot, lambda: "acme sam" in screen_text(app))
        lines = screen_text(app).splitlines()
        for who, note in (("Sam Lee (Hooli)", "hooli sam"), ("Sam Lee (Acme)", "acme sam")):
            rows = [line for line in lines if note in line]
            assert len(rows) == 2 and all(who in row for row in rows), rows  # due, logged


async def test_the_quick_log_names_a_namesake_of_an_archived_contact_as_the_cli_does(
    app, repo, today, tmp_path
):
    """Sam Lee of Hooli archived: `netrack log '@sam …'` said "with Sam Lee (Acme)",
    the bar's toast "with Sam Lee" (its labels were the active contacts' alone)."""
    hooli = repo.contacts.add("Sam Lee", organization="Hooli")
    repo.contacts.add("Sam Lee", organization="Acme")
    repo.tidy.archive_contact(hooli.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await type_text(pilot, "@sam #call bar")
        await pilot.press("enter")
        await settle(pilot)
        said = [n.message for n in app._notifications]
        assert any("logged call with Sam Lee (Acme) on " in m for m in said), said


async def test_logged_today_lists_time_entries_and_referrals(app, repo, today):
    """A time entry and a referral of today were left out of "Logged today" (`0 logged
    today`): each is a row of its kind, counted, at 80x24 as at full size."""
    sam = repo.contacts.add("Sam Lee", organization="Acme", met_on=today - timedelta(days=9))
    northwind = repo.campaigns.add("Data Engineer", "Northwind").id
    repo.time.add(120, "search", on=today, note="cover letter")
    yesterday = today - timedelta(days=1)
    repo.time.add(60, "busywork", on=yesterday, logged_on=yesterday)  # not today's
    repo.referrals.add(sam.id, "in", on=today, campaign_id=northwind)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, AgendaScreen)
        assert "2 logged today" in screen_text(app)
        box = screen.query_one("#today")
        assert str(box.border_title) == "Logged today (2)"
        box.scroll_visible(animate=False)
        await settle(pilot)
        text = screen_text(app)
    rows = [line.strip("│ ") for line in text.splitlines() if "time:" in line or "referral" in line]
    assert [row.split()[:3] for row in rows] == [
        ["today", "time:", "search"],
        ["today", "referral", "in"],
    ]
    assert "120" in rows[0] and "cover letter" in rows[0]
    assert "Sam Lee" in rows[1] and "Northwind" in rows[1]
    assert "busywork" not in text


async def test_time_entries_and_referrals_typed_today_for_an_earlier_day_are_listed(
    app, repo, today
):
    """Schema 16: yesterday's two hours and a referral of Tuesday, typed in this morning,
    were left out of "Logged today" (picked by their own date) where a back-dated
    interaction was listed. Each kind: today's first, then the back-dated with its day."""
    sam = repo.contacts.add("Sam Lee", met_on=today - timedelta(days=30))
    yesterday, tuesday = today - timedelta(days=1), today - timedelta(days=3)
    repo.time.add(120, "search", on=yesterday, note="back-filled hours")
    repo.time.add(30, "networking", note="this morning")
    repo.time.add(45, "busywork", on=yesterday, logged_on=yesterday, note="typed yesterday")
    repo.referrals.add(sam.id, "out", on=tuesday, note="back-filled intro")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        assert isinstance(app.screen, AgendaScreen)
        await wait_until(pilot, lambda: "back-filled intro" in screen_text(app))
        text = screen_text(app)
    assert "3 logged today" in text and "Logged today (3)" in text
    rows = [line.strip("│ ") for line in text.splitlines() if "time:" in line or "referral" in line]
    assert [row.split()[:4] for row in rows] == [
        ["today", "time:", "networking", "30"],
        ["Thu", "11-26", "time:", "search"],
        ["Tue", "11-24", "referral", "out"],
    ]
    assert "back-filled hours" in rows[1] and "Sam Lee" in rows[2]
    assert "typed yesterday" not in text


def test_a_twin_campaign_cut_before_a_note_keeps_its_id():
    """The Agenda's "Logged today" cut "Acme Staff Data Engineer [id:2]" to 24 cells
    before the note: "Acme Staff Data Enginee…", the one thing telling the twins apart
    cut away."""
    from netrack.widgets.interactions import campaign_note

    assert campaign_note("Acme Staff Data Engineer [id:2]", "intro").plain == (
        "Acme Staff Data… [id:2] · intro"
    )
    assert campaign_note("Northwind Analytics Staff Data Engineer", "x").plain == (
        "Northwind Analytics Sta… · x"
    )
    assert campaign_note("Acme Eng [id:2]", "x").plain == "Acme Eng [id:2] · x"


async def test_logged_today_cuts_a_campaign_between_whole_emoji(app, repo, today):
    """A campaign named with a family emoji (four people joined by zero-width joiners)
    was cut after its first person before the note: "👨", a dangling joiner, "…" (the
    row a cell wider than the others in tmux). Cut in cells, between whole graphemes."""
    from netrack.screens.agenda_logged import LoggedToday

    family = "👨\u200d👩\u200d👧\u200d👦"
    ana = repo.contacts.add("Ana López", met_on=today - timedelta(days=30))
    long = repo.campaigns.add(f"Comb {family} Fam", "Acme Benefit Co")
    short = repo.campaigns.add(f"Comb Zo\u0308e\u0301 {family} Fam", "Ünïcödé")
    repo.activity.log([ana.id], campaign_id=long.id, note="intro")
    repo.activity.log([ana.id], campaign_id=short.id, note="[/]")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        table = app.screen.query_one(LoggedToday)
        await wait_until(pilot, lambda: table.row_count == 2)
        cells = [getattr(c, "plain", str(c)) for y in range(2) for c in table.get_row_at(y)]
        assert f"Acme Benefit Co Comb {family}… · intro" in cells
        # 23 cells, the marks and the joiners measured as the terminal draws them: whole
        assert f"Ünïcödé Comb Zo\u0308e\u0301 {family} Fam · [/]" in cells
        assert not [cell for cell in cells if "\u200d…" in cell or cell.endswith("\u200d")]


async def test_logged_today_and_follow_ups_cut_between_whole_flags(repo, today):
    """A note of thirty flags at 80x24 ended in a lone "🇩" before the "…" (Rich
    measures each letter of a flag as a cell): cut between whole flags, whatever
    the letter's place, in "Logged today" and the follow-ups' list."""
    flags = "🇩🇪🇫🇷🇯🇵🇧🇷🇺🇸" * 6
    fan = repo.contacts.add("Flag Fan", met_on=today)
    repo.activity.log([fan.id], note=f"{flags} trip")
    repo.activity.log([fan.id], note=f"x{flags} trip", follow_up_on=today + timedelta(days=1))
    for size in ((80, 24), (120, 40), (100, 30)):
        lines = await _agenda_lines(repo, size, "Logged today (2)")
        cut = [line for line in lines if "🇩🇪" in line and "…" in line]
        assert cut, size
        for line in cut:
            before = line[: line.index("…")]
            letters = len(before) - len(before.rstrip(_REGIONAL_LETTERS))
            assert letters % 2 == 0, (size, line)


_REGIONAL_LETTERS = "".join(chr(point) for point in range(0x1F1E6, 0x1F200))


async def test_every_entry_logged_today_is_reached_by_keys_at_80x24(app, repo, today):
    """`Logged today (13)` showed 8 rows and no key reached the others: the table is in
    the tab order, its cursor scrolls it (and the page) down to the last entry, and
    enter opens the row's contact."""
    met = today - timedelta(days=40)
    people = [repo.contacts.add(f"Person {n:02}", met_on=met) for n in range(15)]
    for person in people:
        repo.activity.log([person.id], kind="message", note=f"note for {person.name}")
    repo.time.add(45, "networking", note="the last entry")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, AgendaScreen)
        await wait_until(pilot, lambda: "Logged today (16)" in screen_text(app))
        for _ in range(8):  # from list to list beside the follow-ups, to Logged today
            await pilot.press("tab", "end")
            await settle(pilot)
            if "the last entry" in screen_text(app):
                break
        assert "the last entry" in screen_text(app)
        # Listed newest first: above the time entry, the first message logged.
        await pilot.press("up")
        await settle(pilot)
        assert "note for Person 00" in screen_text(app)
        # A time entry on no campaign has nothing to open: said, not a silent key.
        await pilot.press("down", "enter")
        await wait_until(pilot, lambda: "names no contact or campaign" in notices(app))
        assert app.screen is screen
        await pilot.press("up", "enter")
        await wait_until(pilot, lambda: app.screen is not screen)
        assert getattr(app.screen, "contact_id", None) == people[0].id


async def test_logged_today_columns_share_the_width_with_one_ellipsis(repo, today):
    """At 80 columns the campaign · note column got 3 cells (`Hel`) beside a wide kind
    and with; a campaign cut before its note ended in "……"; at 100 the follow-ups' note
    got 2 cells in a two-column page, where 80 columns showed it."""
    met = today - timedelta(days=40)
    chloe = repo.contacts.add("Chloé Dubois", met_on=met)
    many = [repo.contacts.add(name, met_on=met) for name in
            ("Zanele Dlamini", "Tariq Aziz", "Valentina Moreau")]  # fmt: skip
    helios = repo.campaigns.add("Software Engineer, Grid Analytics", "Helios Energy")
    repo.activity.log([chloe.id], kind="message", campaign_id=helios.id, minutes=10,
                      note="asked who leads grid analytics",
                      follow_up_on=today + timedelta(days=2))  # fmt: skip
    repo.activity.log([c.id for c in many], kind="event", minutes=150,
                      note="Berlin Data Engineers: panel on platform teams")  # fmt: skip
    repo.time.add(45, "networking", note="outreach messages and follow-up notes")
    for size in ((80, 24), (100, 30), (124, 40), (200, 60)):
        lines = await _agenda_lines(repo, size, "Logged today (3)")
        assert not [line for line in lines if "……" in line], size
        row = next(line for line in lines if "today" in line and "Chloé" in line)
        if size[0] > 100:
            assert "Helios Energy So" in row, (size, row)  # not `Hel`, nor `Helios Ene`
        else:  # the campaign gives way to the note, which starts on the row
            assert "Helios E" in row and " · as" in row, (size, row)
        follow_up = next(line for line in lines if "in 2d" in line)
        assert "asked who" in follow_up, (size, follow_up)  # not `as`


async def _agenda_lines(repo, size: tuple[int, int], ready: str) -> list[str]:
    """The Agenda's lines at this size, once `ready` shows (a new app: one runs once)."""
    app = create_app(repo)
    async with app.run_test(size=size) as pilot:
        await pilot.press("4")
        await settle(pilot)
        await wait_until(pilot, lambda: ready in screen_text(app))
        return screen_text(app).splitlines()
