"""Agenda (`d` marks a follow-up done, enter opens the contact) and Goals (`n` `e` `d`)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from netrack.screens.agenda import AgendaScreen
from netrack.screens.contact_detail import ContactDetailScreen
from netrack.screens.goals import GoalsScreen
from tests.ui.conftest import give_ids_again, screen_text, settle, type_text, wait_until


async def test_d_typed_twice_quickly_marks_two_follow_ups(app, repo, today):
    """A second `d` before the list reloaded marked the same follow-up again: "done"
    twice, one follow-up done, one press lost. The row leaves at once now."""
    from tests.ui.conftest import type_text

    people = [repo.contacts.add(name).id for name in ("Ana López", "Bo Chen", "Cy Diaz")]
    for n, person in enumerate(people):
        repo.activity.log(
            [person], on=today - timedelta(days=9), follow_up_on=today - timedelta(days=3 - n)
        )
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        await type_text(pilot, "dd")
        await settle(pilot)
        done = {f.contact_names[0]: f.done_on for f in repo.activity.follow_ups()}
        assert done == {"Ana López": today, "Bo Chen": today, "Cy Diaz": None}
        said = [n.message for n in app._notifications]
        assert said == [
            "follow-up with Ana López done · u undoes",
            "follow-up with Bo Chen done · u undoes",
        ]


async def test_the_agenda_gives_the_year_of_a_day_in_another_year(app, repo, today):
    """The follow-ups' month-days and a back-dated entry's day gave no year: one from
    last December read as one of this month."""
    ana = repo.contacts.add("Ana López", met_on=date(2025, 12, 1))
    repo.activity.log([ana.id], on=date(2025, 12, 20), follow_up_on=date(2026, 11, 20))
    raj = repo.contacts.add("Raj Patel", met_on=date(2025, 12, 1))
    repo.activity.log([raj.id], on=date(2025, 12, 29), kind="call")  # back-dated today
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        text = screen_text(app)
        assert "  11-20  7d overdue" in text  # this year's: as it was
        assert "other 2025-12-20" in text  # the follow-up's origin
        assert "2025-12-29  call" in text  # "Logged today", about last December
        assert "fu 2026-11-20" in text  # the year of a follow-up not in its entry's


async def test_agenda_lists_and_marks_done(app, repo, today):
    ana = repo.contacts.add("Ana López", strength=4, met_on=today - timedelta(days=60))
    raj = repo.contacts.add("Raj Patel")
    long_ago = today - timedelta(days=40)  # logged that day: not "logged today"
    repo.activity.log(
        [ana.id], on=long_ago, follow_up_on=today - timedelta(days=2), logged_on=long_ago
    )
    repo.activity.log([raj.id], kind="email", follow_up_on=today + timedelta(days=3))
    repo.campaigns.add("Data Lead", "Initech", stage="target", opened_on=today - timedelta(days=30))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        assert isinstance(app.screen, AgendaScreen)
        text = screen_text(app)
        assert "2d overdue" in text and "in 3d" in text
        assert "Going cold (1)" in text and "40d" in text
        assert "Stalled campaigns (1)" in text and "Initech Data Lead" in text
        assert "1 logged today" in text
        await pilot.press("d")
        await settle(pilot)
        assert repo.activity.follow_ups(contact_id=ana.id)[0].done_on == today
        assert "2d overdue" not in screen_text(app)
        said = [n.message for n in app._notifications]
        assert said[-1] == "follow-up with Ana López done · u undoes"
        await pilot.press("u")  # a slip of the finger, undone
        await settle(pilot)
        assert repo.activity.follow_ups(contact_id=ana.id)[0].done_on is None
        assert "2d overdue" in screen_text(app)
        said = [n.message for n in app._notifications][-1]
        assert said.startswith("1 follow-up pending again (with Ana López, due ")
        await pilot.press("u")  # once: nothing left to undo
        assert [n.message for n in app._notifications][-1] == ("Nothing marked done here to undo.")
        # Two `d`s, two `u`s: each undone, the newest first (only the last was kept).
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("d")
        await settle(pilot)
        assert [f.done_on for f in repo.activity.follow_ups()] == [today, today]
        await pilot.press("u")
        await settle(pilot)
        await pilot.press("u")
        await settle(pilot)
        assert [f.done_on for f in repo.activity.follow_ups(contact_id=ana.id)] == [None]
        assert [f.done_on for f in repo.activity.follow_ups(contact_id=raj.id)] == [None]
        await pilot.press("d")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ContactDetailScreen)
        assert app.screen.contact_id == raj.id


async def test_enter_is_open_on_the_agenda_and_edit_on_goals_in_help_and_palette(app, repo, today):
    """The tables' own enter ("Select") hid the screens': `?` said "enter  Select" and
    the palette offered "Select". Help, key bar and palette say what enter does."""
    from netrack.screens.commands import system_commands
    from netrack.screens.modal.goal_form import GoalForm

    ana = repo.contacts.add("Ana López")
    repo.activity.log([ana.id], on=today - timedelta(days=9), follow_up_on=today)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        titles = [c.title for c in system_commands(app, app.screen)]
        assert "Open the row's contact or campaign" in titles and "Select" not in titles
        assert "⏎ Open" in screen_text(app).splitlines()[-1]  # the key bar
        await pilot.press("?")
        await settle(pilot)
        help_text = screen_text(app)
        assert "enter           Open: opens the follow-up's contact" in help_text
        assert "Select" not in help_text
        await pilot.press("escape", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ContactDetailScreen) and app.screen.contact_id == ana.id

        await pilot.press("5")
        await settle(pilot)
        titles = [c.title for c in system_commands(app, app.screen)]
        assert "Edit goal" in titles and "Select" not in titles
        await pilot.press("?")
        await settle(pilot)
        help_text = screen_text(app)
        assert "enter e         Edit" in help_text and "Select" not in help_text
        await pilot.press("escape", "enter")
        await settle(pilot)
        assert isinstance(app.screen, GoalForm)


async def test_agenda_empty_states(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        text = screen_text(app)
        assert "Nothing due" in text
        await pilot.press("d")  # nothing listed to select: said plainly
        said = [n.message for n in app._notifications]
        assert said == ["No follow-up due in the next 7 days: nothing to mark done."]


async def test_goals_add_edit_delete(app, repo):
    defaults = len(repo.goals.all())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("5")
        await settle(pilot)
        assert isinstance(app.screen, GoalsScreen)
        assert "meaningful_contacts" in screen_text(app)
        await pilot.press("n")
        await type_text(pilot, "referals_in")
        await pilot.press("down")
        await type_text(pilot, "2")
        await pilot.press("enter")
        await pilot.pause()
        assert "unknown metric 'referals_in'" in screen_text(app)
        await pilot.press("up", "ctrl+a", "ctrl+k")
        await type_text(pilot, "referrals_in")
        await pilot.press("down", "down", "down", "ctrl+a", "ctrl+k")
        await type_text(pilot, "month")
        await pilot.press("down")
        await type_text(pilot, "2026-11-01")  # counts from, as `goal add --since`
        await pilot.press("enter")
        await settle(pilot)
        goals = repo.goals.all()
        assert len(goals) == defaults + 1
        new = goals[-1]
        assert (new.metric, new.target, new.period.value) == ("referrals_in", 2, "month")
        assert new.since == date(2026, 11, 1)
        assert "≥ 2/month" in screen_text(app)
        await pilot.press(*["down"] * defaults)  # the last row: the new goal
        await pilot.press("e", "down", "ctrl+a", "ctrl+k", "3", "enter")
        await settle(pilot)
        assert repo.goals.all()[-1].target == 3
        await pilot.press("d")  # `d` is done, never delete: nothing happens to the goal
        await pilot.pause()
        assert len(repo.goals.all()) == defaults + 1
        await pilot.press("delete")
        await pilot.pause()
        # comparator, target and period: a second goal on the metric is told apart
        assert "Remove the goal referrals_in ≥ 3/month?" in screen_text(app)
        await pilot.press("n")
        await settle(pilot)
        assert len(repo.goals.all()) == defaults + 1
        await pilot.press("delete", "y")
        await settle(pilot)
        assert len(repo.goals.all()) == defaults
        assert "referrals_in" not in screen_text(app)


async def test_counts_from_a_month_day_is_the_nearest_either_way(app, repo, today):
    """On Nov 27, "jan 4" in Counts from gave 2026-01-04, almost a year back, where
    `goal add --since` and the user meant the coming one."""
    defaults = len(repo.goals.all())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("5")
        await settle(pilot)
        await pilot.press("n")
        await type_text(pilot, "interviews")
        await pilot.press("down")
        await type_text(pilot, "2")
        await pilot.press("down", "down", "down")  # comparator and period as they are
        await type_text(pilot, "jan 4")
        await pilot.press("enter")
        await settle(pilot)
        goals = repo.goals.all()
        assert len(goals) == defaults + 1
        assert (goals[-1].metric, goals[-1].since) == ("interviews", date(2027, 1, 4))
        assert "2027-01-04" in screen_text(app)


async def test_goals_not_started_yet_are_counted_apart(app, repo, today):
    """Two goals counting from next year read "0 of 6 goals met, 4 still open", as if
    two had been missed."""
    repo.goals.add("interviews", 3, since=date(2027, 1, 4))
    repo.goals.add("interviews", 12, period="quarter", since=date(2027, 1, 1))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("5")
        await settle(pilot)
        text = screen_text(app)
        assert "  0 of 4 goals met, 4 still open, 2 not started yet  " in text
        assert "from Jan 04 2027" in text and "from Jan 01 2027" in text


async def test_a_goal_edited_with_counts_from_cleared_counts_from_today(app, repo, today):
    """Blank "Counts from" says `today` in both forms; the edit form said "saved" and
    kept the old day."""
    for goal in repo.goals.all():
        repo.goals.delete(goal.id)
    repo.goals.add("interviews", 2, since=date(2026, 9, 4))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("5")
        await settle(pilot)
        await pilot.press("e", "down", "down", "down", "down", "ctrl+a", "ctrl+k", "enter")
        await settle(pilot)
        assert [g.since for g in repo.goals.all()] == [today]


async def test_goals_of_every_kind_with_since_and_progress(app, repo, today):
    """Friday 2026-11-27: week goals are still running (progress, neutral), a month goal
    already reached is met, an at-most goal already exceeded is missed, and a goal that
    counts from next week is listed with its date but not measured."""
    from datetime import date

    raj = repo.contacts.add("Raj Patel").id
    for day in (date(2026, 11, 3), date(2026, 11, 10), today):
        repo.activity.log([raj], on=day, kind="call", minutes=60)
    repo.time.add(240, "busywork", on=today)
    year = repo.goals.add("interactions", 2, period="year", since=date(2026, 1, 1))
    quarter = repo.goals.add("interactions", 10, period="quarter", since=date(2026, 10, 1))
    later = repo.goals.add("events", 1, period="month", since=today + timedelta(days=10))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("5")
        await settle(pilot)
        text = screen_text(app)

        def row(metric: str, goal: str) -> str:
            return next(line for line in text.splitlines() if metric in line and goal in line)

        # This week: 1 meaningful contact? none flagged: 0 of 8, not decided until Sunday.
        assert "… 0/8 so far" in row("meaningful_contacts", "≥ 8/week")
        assert "2026-11-27" in row("meaningful_contacts", "≥ 8/week")  # the default's since
        # 4 hours of busywork today: the week's at-most 5 is not exceeded yet.
        assert "… 4.00/5 so far" in row("hours_busywork", "≤ 5/week")
        # 2026: three calls ≥ 2 — decided, met; Q4: 3 of 10 so far.
        assert "✓ met" in row("interactions", "≥ 2/year") and "2026-01-01" in text
        assert "… 3/10 so far" in row("interactions", "≥ 10/quarter")
        assert "from Dec 07 2026" in row("events", "≥ 1/month")
        assert "missed" not in text
        # The events goal, not started yet, is counted apart: neither met nor open.
        assert "  1 of 6 goals met, 5 still open, 1 not started yet  " in text
        assert {year.id, quarter.id, later.id} <= {g.id for g in app.screen.goals}


def seed_cadences(repo):
    """Friday 2026-11-27, week ends Sunday 11-29. Mia (every 14, met 11-01, never
    touched) was due 11-15: 12 days overdue, listed first; Sam (every 28, met 11-01) is
    due Sunday. Acme's deadline passed two days ago; Globex's is in 5 days; Hooli's
    campaign is lost, its deadline is not shown."""
    from datetime import date

    repo.contacts.add("Sam Ode", met_on=date(2026, 11, 1), keep_in_touch=28)
    repo.contacts.add("Mia Wong", met_on=date(2026, 11, 1), keep_in_touch=14)
    repo.campaigns.add("Platform", "Acme", opened_on=date(2026, 11, 2), deadline=date(2026, 11, 25))
    repo.campaigns.add(
        "Data Lead", "Globex", opened_on=date(2026, 11, 2), deadline=date(2026, 12, 2)
    )
    lost = repo.campaigns.add(
        "SRE", "Hooli", opened_on=date(2026, 11, 2), deadline=date(2026, 11, 30)
    )
    repo.campaigns.move(lost.id, "lost", on=date(2026, 11, 20))


async def test_agenda_keep_in_touch_and_deadlines(app, repo):
    seed_cadences(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        lines = screen_text(app).splitlines()
        text = "\n".join(lines)
        assert "Keep in touch (2)" in text and "Deadlines (2)" in text
        mia = next(n for n, line in enumerate(lines) if "Mia Wong" in line)
        sam = next(n for n, line in enumerate(lines) if "Sam Ode" in line)
        assert mia < sam  # the overdue one first
        assert "12d overdue" in lines[mia] and "every 14d" in lines[mia]
        assert "in 2d" in lines[sam]
        # how far, the stage, the campaign (columns: the stage words line up)
        assert "2d past due  research  Acme Platform" in text
        assert "in 5d        research  Globex Data Lead" in text
        assert "Hooli" not in text


async def test_agenda_sections_reachable_at_80x24(app, repo):
    seed_cadences(repo)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        seen = screen_text(app)
        scroll = app.screen.query_one("#agenda-scroll")
        for _ in range(8):
            scroll.scroll_page_down(animate=False)
            await pilot.pause()
            seen += screen_text(app)
        for title in ("Follow-ups", "Deadlines (2)", "Keep in touch (2)", "Going cold", "Stalled"):
            assert title in seen, title
        assert "12d overdue" in seen and "2d past due" in seen


async def test_a_share_goal_reads_as_a_percentage(app, repo):
    repo.goals.add("focus_ratio", "80%")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("5")
        await settle(pilot)
        text = screen_text(app)
        assert "≥ 80% a week" in text and "0.8/week" not in text
        assert "≥ 8/week" in text  # a count keeps its per week (meaningful_contacts)


@pytest.mark.parametrize("today", [date(2026, 11, 29)])  # a Sunday: the week's last day
async def test_on_a_weeks_last_day_month_and_quarter_goals_still_run(app, repo, today):
    """The week's card is complete on its last day, and it measures a month goal on the
    month up to that day: the Goals screen, which shows each goal on its own current
    period, said "✗ missed" of a month that runs two more days."""
    raj = repo.contacts.add("Raj Patel").id
    repo.referrals.add(raj, "in", on=today)
    month = repo.goals.add("referrals_in", 2, period="month", since=date(2026, 11, 1))
    quarter = repo.goals.add("referrals_in", 3, period="quarter", since=date(2026, 10, 1))
    reached = repo.goals.add("referrals_in", 1, period="year", since=date(2026, 1, 1))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("5")
        await settle(pilot)
        text = screen_text(app)

        def row(goal: str) -> str:
            return next(line for line in text.splitlines() if goal in line)

        assert "… 1/2 so far" in row("≥ 2/month") and "missed" not in row("≥ 2/month")
        assert "… 1/3 so far" in row("≥ 3/quarter")
        assert "✓ met" in row("≥ 1/year")
        # The week's own goals are decided on its last day (SPEC: the period is complete).
        assert "✗ missed" in row("≥ 8/week")
        assert {month.id, quarter.id, reached.id} <= {g.id for g in app.screen.goals}


async def test_delete_y_twice_removes_two_goals(app, repo):
    """The second `delete y` of a burst asked about the goal just removed, then said
    "no goal with id 1"; the goal below stayed."""
    from tests.ui.test_form_checks import burst

    before = [g.id for g in repo.goals.all()]
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("5")
        await settle(pilot)
        shown = list(app.screen.goals)
        await burst(pilot, "delete", "y", "delete", "y")
        assert [g.id for g in repo.goals.all()] == [
            g for g in before if g not in {shown[0].id, shown[1].id}
        ]
        said = [n.message for n in app._notifications]
        assert said[-1].startswith(f"removed goal {shown[1].metric} ") and len(said) == 2


async def test_the_cursor_stays_on_its_record_when_one_above_leaves_elsewhere(
    app, repo, where, today
):
    """The Agenda's follow-ups and the Goals list kept the cursor's row number across a
    reload: a follow-up above it marked done from the shell moved the highlight onto
    the next person's, and `d` marked theirs done (a sweep with the TUI beside the
    shell); a goal removed above it did the same to `e` and `delete`."""
    from netrack.data.repo import Repo

    names = ("Tomás Ruiz", "Yuki Sato", "Olumide Adeyemi")
    people = [repo.contacts.add(name).id for name in names]
    for days, person in zip((6, 4, 2), people, strict=True):
        due = today - timedelta(days=days)
        repo.activity.log([person], on=today - timedelta(days=10), follow_up_on=due)
    first = repo.goals.add("referrals_in", 3, period="month")
    repo.goals.add("referrals_out", 2, period="month")
    repo.goals.add("events", 1)
    shell = Repo.open(where, clock=lambda: today)  # another netrack on the same file
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("4")
            await settle(pilot)
            await pilot.press("down")  # Yuki's
            await settle(pilot)
            assert app.screen.selected.contact_names == ("Yuki Sato",)
            with shell.store.bound():
                shell.activity.mark_contact_follow_ups_done(people[0])
            await wait_until(pilot, lambda: len(app.screen.items) == 2)  # Tomás's gone
            assert app.screen.selected.contact_names == ("Yuki Sato",)

            await pilot.press("5")
            await settle(pilot)
            goals = app.screen
            await pilot.press(*["down"] * (len(repo.goals.all()) - 2))  # out ≥ 2, above events
            await settle(pilot)
            assert goals.selected.metric == "referrals_out"
            with shell.store.bound():
                shell.goals.delete(first.id)
            await wait_until(pilot, lambda: "referrals_in" not in screen_text(app))
            assert goals.selected.metric == "referrals_out"
    finally:
        shell.close()


@pytest.mark.usefixtures("ids_given_again")  # a file whose writer gives ids again
async def test_u_reopens_only_the_follow_up_d_marked(app, repo, where, today):
    """`d` marked Hannah's follow-up done; meanwhile another netrack deleted that
    interaction, logged Camila's (SQLite gave it the id) and marked hers done; `u`
    reopened Camila's, saying "with Hannah Schmidt" (a sweep with two netracks)."""
    from netrack.data.repo import Repo

    hannah = repo.contacts.add("Hannah Schmidt").id
    camila = repo.contacts.add("Camila Ortiz").id
    logged = repo.activity.log([hannah], on=today, follow_up_on=today + timedelta(days=3))
    shell = Repo.open(where, clock=lambda: today)
    with shell.store.bound():
        give_ids_again(shell)
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("4")
            await settle(pilot)
            await pilot.press("d")
            await settle(pilot)
            with shell.store.bound():
                shell.activity.delete(logged.id)
                again = shell.activity.log(
                    [camila], on=today, follow_up_on=today + timedelta(days=5)
                )
                assert again.id == logged.id
                shell.activity.mark_contact_follow_ups_done(camila)
            await pilot.press("u")
            await settle(pilot)
            (camila_s,) = repo.activity.follow_ups(contact_id=camila)
            assert camila_s.done_on == today  # still done: not the one `d` marked
            said = [n.message for n in app._notifications][-1]
            assert said == (
                "the follow-up d marked done was reopened or changed elsewhere since: nothing reopened"
            )
    finally:
        shell.close()


async def test_with_no_contacts_the_agenda_and_the_bar_say_how_to_add_one(app, repo):
    """A new database: `l` on the Agenda could only say "no contact matches", and the
    empty states named no key that leads on (SPEC: they explain the next key)."""
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        text = screen_text(app)
        assert "no contacts yet: press 2 then n to add one" in text
        assert "to start a pipeline (press 1 then n)" in text
        await pilot.press("l")
        await type_text(pilot, "@ana #coffee 45m !")
        await pilot.press("enter")
        await settle(pilot)
        assert "no contact matches 'ana' (no contacts yet: escape, then 2 and n" in (
            screen_text(app)
        )
        assert repo.activity.interactions() == []
        await pilot.press("escape", "2", "n")
        await type_text(pilot, "Ana López")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert [c.name for c in repo.contacts.all()] == ["Ana López"]
        await pilot.press("escape", "4")
        await settle(pilot)
        text = screen_text(app)
        assert "Nothing logged today. Press l: @name #coffee 45m !" in text
        assert "no contacts yet" not in text


async def test_with_every_contact_archived_the_agenda_still_says_how_to_add_one(app, repo):
    """Archived contacts cannot be logged with: the empty day said "Press l" though `l`
    could only answer "no contact matches"."""
    gone = repo.contacts.add("Ana López")
    repo.tidy.archive_contact(gone.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        assert "no contacts yet: press 2 then n to add one" in screen_text(app)


async def test_e_and_delete_with_no_goal_say_so_and_name_n(app, repo):
    for goal in repo.goals.all():
        repo.goals.delete(goal.id)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("5")
        await settle(pilot)
        await pilot.press("e")
        await pilot.press("delete")
        await pilot.pause()
        said = [n.message for n in app._notifications]
        assert said == ["No goal under the cursor. Press n to add one."] * 2
        assert isinstance(app.screen, GoalsScreen)
