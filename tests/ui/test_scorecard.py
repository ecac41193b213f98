"""Scorecard: the week against goals, `[` `]` `t`, and every figure following the data."""

from __future__ import annotations

import io
import re
from datetime import date, timedelta

from rich.console import Console
from textual.widgets import Static

from netrack.app import create_app
from netrack.screens.scorecard import ScorecardScreen
from tests.ui.conftest import screen_text, settle, type_text, wait_until


def line_with(text: str, label: str) -> str:
    """The rest of the first line holding `label`, after it."""
    line = next(line for line in text.splitlines() if label in line)
    return line.split(label, 1)[1].strip(" │")


def value_of(text: str, label: str) -> str:
    return line_with(text, label).split()[0]


def attention(app) -> str:
    """The "Needs attention" box's text (below the fold at 120x40), as drawn 40 wide."""
    console = Console(width=40, file=io.StringIO(), color_system=None, record=True)
    console.print(app.screen.query_one("#attention", Static).content)
    return console.export_text()


async def test_weeks_back_forward_and_this_week(app, repo, today):
    ana = repo.contacts.add("Ana López")
    repo.activity.log([ana.id], on=today - timedelta(days=7), kind="call", meaningful=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")
        await settle(pilot)
        assert isinstance(app.screen, ScorecardScreen)
        text = screen_text(app)
        assert "Week 2026-W48" in text and "running" in text
        # W48 runs to Sunday: the goal shows its progress, not a miss
        assert "… 0/8 so far" in line_with(text, "Meaningful contacts")
        assert "Stage funnel" in text and "Effort by channel (hours)" in text
        titles = {box.border_title for box in app.screen.query(".box")}
        for label in ("Channel effectiveness", "Where the hours went", "Network diversity"):
            assert label in titles
        await pilot.press("[")
        await settle(pilot)
        text = screen_text(app)
        assert "Week 2026-W47" in text and "t: this week" in text
        assert value_of(text, "Interactions") == "1"
        await pilot.press("[", "]")
        await settle(pilot)
        assert "Week 2026-W47" in screen_text(app)
        await pilot.press("t")
        await settle(pilot)
        assert "Week 2026-W48" in screen_text(app)


async def log_from_bar(pilot, line):
    await pilot.press("l")
    await type_text(pilot, line)
    await pilot.press("enter")
    await settle(pilot)


async def test_quick_log_updates_the_visible_card(app, repo):
    repo.contacts.add("Ana López")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")
        await settle(pilot)
        assert value_of(screen_text(app), "Interactions") == "0"
        await log_from_bar(pilot, "@ana #coffee 1h !")
        text = screen_text(app)
        assert value_of(text, "Interactions") == "1"
        assert value_of(text, "Meaningful contacts") == "1"


async def test_a_quick_log_updates_the_card_after_moving_between_periods(app, repo):
    """After `t` (or `[` `]`, `m`), the card taken over after a log was dropped as
    asked for before the move, and the card on screen went on without the log (the
    `bench/inapp.py` quick-log figure timed out on it)."""
    repo.contacts.add("Ana López")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")
        await settle(pilot)
        for keys in (("t",), ("[", "]"), ("m", "m", "m", "m")):
            await pilot.press(*keys)
            await settle(pilot)
            before = int(value_of(screen_text(app), "Interactions"))
            await log_from_bar(pilot, "@ana #coffee 1h !")
            assert value_of(screen_text(app), "Interactions") == str(before + 1)
            assert app.screen.card == repo.scorecard.card(app.screen.period)


async def test_readable_at_80x24(app, repo):
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        await settle(pilot)
        text = screen_text(app)
        assert "Week 2026-W48" in text and "Meaningful contacts" in text
        assert "[ Previous" in text
        assert app.screen.query_one("#card").styles.grid_size_columns == 1  # one column


async def test_two_columns_when_wide(app, repo):
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")
        await settle(pilot)
        card = app.screen.query_one("#card")
        assert card.styles.grid_size_columns == 2
        metrics, side = app.screen.query_one("#metrics"), app.screen.query_one("#card-side")
        assert metrics.region.y == side.region.y and metrics.region.x < side.region.x


async def test_a_quick_log_updates_the_card_from_what_it_wrote(app, repo, today):
    """The fast path: the card is updated for the one new row, not read again, and
    equals a fresh read: a follow-up closed, a warm contact no longer going cold."""
    ana = repo.contacts.add("Ana López", strength=4, met_on=today - timedelta(days=200)).id
    repo.activity.log([ana], on=today - timedelta(days=40), follow_up_on=today - timedelta(1))
    updates = []
    original = repo.scorecard.update_after_log

    def spy(*args):
        updates.append(args[-1])
        return original(*args)

    repo.scorecard.update_after_log = spy
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ScorecardScreen)
        text = screen_text(app)
        assert value_of(text, "Follow-ups overdue") == "1"
        cold = attention(app).splitlines()[:2]  # the card's own list, as of its end
        assert cold == ["going cold 1", "  Ana López" + " " * 21 + "40d idle"]
        await log_from_bar(pilot, "@ana #coffee 1h !")
        text = screen_text(app)
        assert value_of(text, "Interactions") == "1"
        assert value_of(text, "Meaningful contacts") == "1"
        assert value_of(text, "Follow-ups overdue") == "0"
        assert attention(app).splitlines()[:2] == ["going cold 0", "stalled 0"]
        (logged,) = [i.id for i in repo.activity.interactions(on=today)]
        assert updates[0] == logged
        assert screen.card == repo.scorecard.card(repo.scorecard.week())
        # The weeks either side, computed before the log, are brought up to date for it
        # the same way, and equal a fresh card when shown.
        await settle(pilot)
        assert set(updates) == {logged} and len(updates) == 3
        for key in ("left_square_bracket", "right_square_bracket", "right_square_bracket"):
            await pilot.press(key)
            await settle(pilot)
            assert screen.period is not None
            assert screen.card == repo.scorecard.card(screen.period)


async def test_a_touch_dated_after_today_is_no_touch_yet_on_the_running_week(
    app, repo, where, today
):
    """Ben's touch dated Sunday (an import from a time zone ahead) hid him from the
    running week's going-cold list on Friday, where the Agenda listed him; and so it
    did after a back-dated log, the card updated for it as for any log."""
    from netrack.data.repo import Repo

    ben = repo.contacts.add("Ben", strength=4, met_on=today - timedelta(days=50)).id
    ahead = Repo.open(where, clock=lambda: today + timedelta(days=2))
    try:
        ahead.activity.log([ben], on=today + timedelta(days=2))
    finally:
        ahead.close()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")
        await settle(pilot)
        assert "Week 2026-W48" in screen_text(app) and "running" in screen_text(app)
        cold = attention(app).splitlines()[:2]
        assert cold == ["going cold 1", "  Ben" + " " * 27 + "50d idle"]
        await log_from_bar(pilot, f"@ben on:{today - timedelta(days=40)}")
        assert attention(app).splitlines()[:2] == [
            "going cold 1",
            "  Ben" + " " * 27 + "40d idle",
        ]
        assert app.screen.card == repo.scorecard.card(repo.scorecard.week())


async def test_a_write_from_elsewhere_before_a_log_is_not_lost(app, repo, db_path, monkeypatch):
    """Another process wrote just before the log, unseen by the poll yet: the log must not
    update the card from facts that miss that write; the card is read again."""
    import sqlite3

    monkeypatch.setattr(type(app), "_poll", lambda self: None)  # the log notices first
    repo.contacts.add("Ana López")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")
        await settle(pilot)
        assert value_of(screen_text(app), "Hours invested") == "0.00"
        await pilot.press("l")
        await type_text(pilot, "@ana #call 1h")
        other = sqlite3.connect(db_path)
        with other:
            other.execute(
                'INSERT INTO time_entry ("on", minutes, category, note) VALUES (?, 120, ?, ?)',
                (repo.today().isoformat(), "search", "elsewhere"),
            )
        other.close()
        await pilot.press("enter")
        await settle(pilot)
        assert value_of(screen_text(app), "Hours invested") == "3.00"
        assert app.screen.card == repo.scorecard.card(repo.scorecard.week())


async def test_deadlines_box_follows_the_period(app, repo, today):
    # Acme's deadline in 5 days; Globex's 2 days past (still open); Initech's in 8 days.
    for org, days in (("Acme", 5), ("Globex", -2), ("Initech", 8)):
        campaign = repo.campaigns.add("Lead", org, opened_on=today - timedelta(days=25))
        repo.campaigns.update(campaign.id, deadline=today + timedelta(days=days))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")
        await settle(pilot)
        box = app.screen.query_one("#deadlines", Static)
        assert box.border_title == "Deadlines (2)"
        lines = str(box.content).splitlines()
        assert lines == [
            "Wed Nov 25  2 days past due  Globex Lead  research",
            "Wed Dec 02  in 5 days  Acme Lead  research",
        ]
        await pilot.press("left_square_bracket")  # W47, as of Sun Nov 22: Globex in 3 days
        await settle(pilot)
        assert str(box.content).splitlines() == ["Wed Nov 25  in 3 days  Globex Lead  research"]
        for _ in range(3):  # W44: nothing within 7 days
            await pilot.press("left_square_bracket")
        await settle(pilot)
        assert box.border_title == "Deadlines (0)"
        assert str(box.content) == "no deadline within 7 days"


async def test_the_cards_facts_are_never_spelled_out(app, repo, monkeypatch):
    """After a log the cards either side are updated in a worker; Textual names a worker
    by the repr of its arguments, on the UI thread, and the facts a card was computed
    from run to millions of fields on a long history (seconds of a frozen screen)."""
    from netrack.domain.facts import ScorecardInputs

    spelled: list[int] = []

    def spell(inputs: ScorecardInputs) -> str:
        spelled.append(id(inputs))
        return "…"

    monkeypatch.setattr(ScorecardInputs, "__repr__", spell)
    repo.contacts.add("Ana López")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ScorecardScreen)
        await log_from_bar(pilot, "@ana #coffee 1h !")
        assert value_of(screen_text(app), "Interactions") == "1"
        await wait_until(pilot, lambda: len(screen._cards) == 3)
    assert spelled == []


async def test_every_goal_has_a_line_on_the_screen(app, repo, today):
    """A week goal on follow-ups overdue or overall diversity (no row of their own) was
    shown nowhere; of two goals on one metric, only the last."""
    ana = repo.contacts.add("Ana López")
    repo.activity.log([ana.id], on=today, kind="call")
    repo.goals.add("follow_ups_overdue", 0, comparator="at_most")
    repo.goals.add("diversity_overall", 0.5)
    repo.goals.add("interactions", 3)
    repo.goals.add("interactions", 10, comparator="at_most")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")
        await settle(pilot)
        text = screen_text(app)
        lines = text.splitlines()
        row = next(n for n, line in enumerate(lines) if "Interactions " in line)
        assert "1/3 so far ≥ 3" in lines[row]
        assert "1/10 so far ≤ 10" in lines[row + 1]  # the second goal, on a line below
        others = text.split("Week to date", 1)[1]  # the week's goals beside no row
        assert "✓ met so far ≤ 0" in line_with(others, "Follow-ups overdue")  # a cap kept
        assert "—/50% so far ≥ 50% " in line_with(others, "Diversity (overall)")


async def test_other_goals_lines_fit_whole_at_120x40(app, repo, today):
    """A month goal on the focus ratio read "… 27.27%/50% so far ≥ 50%…", a year goal
    on hours "… 0.75/12.5 so far ≥ 12.5…": the period, said in the column before, made
    the line too long for its cell. The cell says the target alone, as a row's does; the
    span is said above the goals that measured it."""
    ana = repo.contacts.add("Ana")
    repo.activity.log([ana.id], on=today, kind="call", minutes=45)
    repo.time.add(120, "busywork", on=today)
    repo.goals.add("interactions", 10, period="quarter")
    repo.goals.add("focus_ratio", 0.5, period="month")
    repo.goals.add("hours_invested", 12.5, period="year")
    repo.goals.add("interactions", 100, period="quarter")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")
        await settle(pilot)
        others = screen_text(app).split("Follow-ups overdue", 1)[1]
        lines = [line.split("│")[1].split() for line in others.splitlines()[1:8]]
        assert lines == [
            ["Quarter", "to", "date"],
            ["Interactions", "1", "…", "1/10", "so", "far", "≥", "10"],
            ["Interactions", "1", "…", "1/100", "so", "far", "≥", "100"],
            ["Month", "to", "date"],
            ["Focus", "ratio", "27.27%", "…", "27.27%/50%", "so", "far", "≥", "50%"],
            ["Year", "to", "date"],
            ["Hours", "invested", "0.75", "…", "0.75/12.5", "so", "far", "≥", "12.5"],
        ]


async def test_goal_spans_of_a_card_ahead_are_named(app, repo, today):
    """Next quarter's card headed its goals "Week to Mar 31" (a week not started) and
    "Month of Mar 01"; they are named as the table names them, whole at 80 columns."""
    repo.goals.add("interviews", 1, period="week")
    repo.goals.add("referrals_in", 1, period="month")
    repo.goals.add("new_contacts", 10, period="year")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        await settle(pilot)
        for key in ("m", "m", "right_square_bracket"):
            await pilot.press(key)
            await settle(pilot)
        assert "Quarter 2027-Q1" in screen_text(app)
        width = app.screen.query_one("#metrics", Static).content_size.width
        lines = [line.strip() for line in box_text(app, "metrics", width).splitlines()]
        headings = [line for line in lines if line.startswith(("Week", "March", "Year"))]
        assert headings == ["Week of Mar 29 to Mar 31", "March 2027", "Year 2027 to Mar 31"]


async def test_namesakes_and_twin_campaigns_are_told_apart(app, repo, today):
    """The Agenda named each Sam Lee and each "Acme Eng"; the card's going-cold,
    stalled and deadline lists said "Sam Lee" and "Acme Eng" twice."""
    old = today - timedelta(days=60)
    for org in ("Acme", "Globex"):
        repo.contacts.add("Sam Lee", organization=org, strength=4, met_on=old)
    for days in (3, 2):
        campaign = repo.campaigns.add("Eng", "Acme", opened_on=old)
        repo.campaigns.update(campaign.id, deadline=today + timedelta(days=days))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")
        await settle(pilot)
        lines = [" ".join(line.split()) for line in attention(app).splitlines()]
        assert lines == [
            "going cold 2",
            "Sam Lee (Acme) 60d idle",
            "Sam Lee (Globex) 60d idle",
            "stalled 2",
            "Acme Eng [id:1] Research · 60d",
            "Acme Eng [id:2] Research · 60d",
        ]
        assert str(app.screen.query_one("#deadlines", Static).content).splitlines() == [
            "Sun Nov 29  in 2 days  Acme Eng [id:2]  research",
            "Mon Nov 30  in 3 days  Acme Eng [id:1]  research",
        ]


async def test_a_missed_ratio_never_reads_as_its_goal(app, repo, today):
    """0.8999 against at least 90% read "90%  ✗ missed ≥ 90%" on the screen, as on the
    CLI's table: a percentage keeps the ratio's 4 decimals."""
    repo.goals.add("focus_ratio", "90%", since=date(2026, 11, 1))
    for minutes, category, day in ((895, "search", 17), (895, "search", 18), (199, "busywork", 19)):
        repo.time.add(minutes, category, on=date(2026, 11, day))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3", "[")
        await settle(pilot)
        text = screen_text(app)
        assert "Week 2026-W47" in text
        row = line_with(text, "Focus ratio").split()
        assert row[:5] == ["89.99%", "✗", "missed", "≥", "90%"]


async def test_scores_read_to_four_decimals_whole_or_not(app, repo, today):
    """Outcomes per 10h read "10.00" when whole and "5.4545" once it was not: one rule,
    SPEC's 4 decimals for a ratio, as the CLI's table reads it."""
    ana = repo.contacts.add("Ana")
    repo.referrals.add(ana.id, "in", on=today)
    repo.time.add(60, "search", on=today)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")
        await settle(pilot)
        assert value_of(screen_text(app), "Outcomes per 10h") == "10.0000"
        repo.time.add(50, "search", on=today)
        app.screen.reload()
        await wait_until(pilot, lambda: "5.4545" in screen_text(app))
        assert value_of(screen_text(app), "Outcomes per 10h") == "5.4545"


def box_text(app, box: str, width: int = 40) -> str:
    """A box's text as drawn `width` wide, whether or not it is scrolled into view."""
    console = Console(width=width, file=io.StringIO(), color_system=None, record=True)
    console.print(app.screen.query_one(f"#{box}", Static).content)
    return console.export_text()


async def test_a_figure_with_a_goal_reads_the_same_in_every_box(app, repo):
    """W47's focus ratio read "66.99% ✗ missed ≥ 67%" in its row and "focus 67%" in
    "Where the hours went"; W46's hours "0.66" beside their goal, "0.67" in the box."""
    ana = repo.contacts.add("Ana", met_on=date(2026, 10, 1))
    eng = repo.campaigns.add("Eng", "Acme", opened_on=date(2026, 10, 1))
    for day, minutes, busy in ((10, 40, 20), (17, 136, 100)):
        on = date(2026, 11, day)
        repo.activity.log([ana.id], on=on, kind="call", minutes=minutes, campaign_id=eng.id)
        repo.time.add(busy, "busywork", on=on)
    repo.time.add(67, "search", on=date(2026, 11, 17))
    since = date(2026, 1, 1)
    repo.goals.add("hours_invested", 0.67, since=since)
    repo.goals.add("hours_busywork", 0.33, comparator="at_most", since=since)
    repo.goals.add("focus_ratio", 0.67, since=since)
    repo.goals.add("campaign_focus", 0.67, since=since)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3", "[")
        await settle(pilot)
        text = screen_text(app)
        assert "Week 2026-W47" in text
        assert line_with(text, "Focus ratio").split()[:5] == ["66.997%", "✗", "missed", "≥", "67%"]
        assert value_of(box_text(app, "hours"), "focus") == "66.997%"
        # 136 of 203 minutes on a campaign: 66.995%, against its goal too
        assert "campaign focus 66.995% of the hours" in box_text(app, "effort-channel")
        await pilot.press("[")
        await settle(pilot)
        text = screen_text(app)
        assert "Week 2026-W46" in text
        assert value_of(text, "Hours invested") == "0.667"
        assert value_of(text, "Hours busywork") == "0.333"
        hours = box_text(app, "hours")
        assert (value_of(hours, "invested"), value_of(hours, "busywork")) == ("0.667", "0.333")


async def test_new_contacts_by_channel_are_on_the_screen(app, repo, today):
    """`scorecard` shows "New by channel event 2"; the screen showed it nowhere, then on
    one line cut with "…" where the box was narrow. Every channel is shown, on as many
    lines as the box needs, a line broken between two channels only."""
    for name, channel in (("Ana", "event"), ("Raj", "cold_outreach"), ("Li", "event")):
        repo.contacts.add(name, channel=channel, met_on=today)
    repo.contacts.add("Bo", met_on=today)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("3")
        await settle(pilot)
        width = app.screen.query_one("#network", Static).content_size.width
        lines = [" ".join(line.split()) for line in box_text(app, "network", width).splitlines()]
        assert lines[:4] == [
            "network 4 contacts known",
            "new 4 growth —",
            "by channel cold outreach 1 · event 2 · unspecified 1",
            "value given 0",
        ]
        lines = [line.rstrip() for line in box_text(app, "network", 34).splitlines()]
        assert lines[2:6] == [
            "by channel        cold outreach 1",
            "                  event 2",
            "                  unspecified 1",
            "value given     0",
        ]
        await pilot.press("left_square_bracket")  # a week with nobody new
        await settle(pilot)
        assert "by channel        —" in box_text(app, "network", 34)


# Every channel a contact can come from, and nobody's: a year of networking brings them.
EVERY_CHANNEL = (
    "alumni",
    "cold_outreach",
    "colleague",
    "event",
    "job_board",
    "linkedin",
    "other",
    "recruiter",
    "referral",
)


def drawn(app, box: str) -> str:
    """A box's text as drawn at its width on the screen, on one line."""
    width = app.screen.query_one(f"#{box}", Static).content_size.width
    return " ".join(box_text(app, box, width).split())


async def test_no_figure_goal_or_name_is_cut_at_comfortable_sizes(repo, today):
    """At 120 and 160 columns the network box read "alumni 1 · event 1 …", a year goal
    "… 0.75/2000.25 so far …" and five stalled campaigns "International Business
    Machines Cor…" alike: figures, targets and names dropped, no key showing them. They
    wrap instead, nothing cut with "…" but the progress mark of an open goal."""
    for channel in EVERY_CHANNEL:
        repo.contacts.add(f"Ana {channel}", channel=channel, met_on=today)
    bo = repo.contacts.add("Bo", met_on=today)
    long_title = "Principal Engineer, Platform Reliability and Developer Experience"
    for n in (1, 2):
        repo.campaigns.add(
            f"{long_title} {n}", "International Business Machines", opened_on=date(2026, 9, 1)
        )
    repo.activity.log([bo.id], on=today, kind="call", minutes=45)
    repo.goals.add("hours_invested", 2000.25, period="year")
    for size in ((120, 40), (160, 40)):
        app = create_app(repo)
        async with app.run_test(size=size) as pilot:
            await pilot.press("3")
            await settle(pilot)
            network, card, attention = (
                drawn(app, box) for box in ("network", "metrics", "attention")
            )
            shown = network.split("by channel ", 1)[1].split(" value given")[0]
            expected = [f"{c.replace('_', ' ')} 1" for c in EVERY_CHANNEL] + ["unspecified 1"]
            assert shown.replace(" · ", " ") == " ".join(expected)  # none left out
            assert "… 0.75/2000.25 so far ≥ 2000.25" in card
            names = attention.replace(" Research · 87d", "")  # beside a name's first line
            for n in (1, 2):
                assert f"International Business Machines {long_title} {n}" in names
            progress = re.sub(r"… \S+ so far", "", card)  # an open goal's mark
            assert "…" not in network + progress + attention


async def test_time_in_stage_reads_as_the_cli_shows_it(app, repo, today):
    """Stays of 10, 12 and 13 days read "Target 11.7" on the screen, "11.67" on the CLI."""
    for days in (10, 12, 13):
        campaign = repo.campaigns.add("Eng", "Acme", stage="target", opened_on=date(2026, 10, 1))
        repo.campaigns.move(campaign.id, "networking", on=date(2026, 10, 1) + timedelta(days))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")
        await settle(pilot)
        stays = [" ".join(line.split()) for line in box_text(app, "stays").splitlines()]
        assert stays[1].startswith("Target 11.67 ")
        assert stays[1].endswith(" 3")


def test_a_deadline_in_another_year_than_the_card_s_shows_its_year():
    """A deadline long past read "Mon Nov 30" as if it were this week's."""
    from netrack.domain.cadence import Deadline
    from netrack.domain.models import Stage
    from netrack.widgets.card_boxes import deadlines

    rows = (
        Deadline(
            id=1, name="Acme Lead", stage=Stage.APPLIED, deadline=date(2025, 11, 30), days_left=-362
        ),
        Deadline(
            id=2, name="Initech Eng", stage=Stage.TARGET, deadline=date(2026, 11, 30), days_left=3
        ),
    )
    lines = deadlines(rows).plain.splitlines()
    assert lines[0].startswith("Sun Nov 30 2025  362 days past due  Acme Lead")
    assert lines[1].startswith("Mon Nov 30  in 3 days  Initech Eng")


async def test_going_cold_names_a_cadence_where_one_applies(app, repo, today):
    """Kwame, "25d idle" under "going cold" beside a 30-day rule, is listed for his
    21-day keep-in-touch cadence, which the Agenda says ("every 21d") and the card did
    not; Bo, warm and past the 30 days, has no cadence to name."""
    kwame = repo.contacts.add("Kwame", met_on=date(2026, 10, 1), keep_in_touch=21)
    bo = repo.contacts.add("Bo", met_on=date(2026, 9, 1), strength=4)
    repo.activity.log([kwame.id], on=today - timedelta(days=25), kind="call")
    repo.activity.log([bo.id], on=today - timedelta(days=38), kind="call")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")
        await settle(pilot)
        lines = [" ".join(line.split()) for line in attention(app).splitlines()]
        assert lines[:3] == ["going cold 2", "Bo 38d idle", "Kwame 25d idle · every 21d"]
