"""Every goal the JSON lists is shown by the table, the markdown and the Scorecard
screen: goals of the card's own kind on a figure without a row of its own (follow-ups
overdue or on time, overall diversity) were shown nowhere, and of two goals on one
metric (at least 3 and at most 10) only the last. The markdown shows the four diversity
dimensions, and says what a goal beside no row measured."""

from __future__ import annotations

import json

import pytest

from tests.cli.conftest import CARD_GOAL_KEYS, Run


def seed(run: Run) -> None:
    for args in (
        ("contact", "add", "Ana", "--industry", "Fintech"),
        ("contact", "add", "Raj", "--industry", "Health"),
        ("log", "--with", "Ana", "--kind", "call"),
        ("goal", "add", "follow_ups_overdue", "0", "--at-most"),
        ("goal", "add", "diversity_overall", "0.5"),
        ("goal", "add", "follow_ups_on_time", "1"),
        ("goal", "add", "interactions", "3"),
        ("goal", "add", "interactions", "10", "--at-most"),
    ):
        assert run(*args).code == 0


def test_every_goal_of_the_json_is_in_the_table_and_the_markdown(run: Run) -> None:
    seed(run)
    goals = json.loads(run("scorecard", "--format", "json").out)["goals"]
    assert {(g["metric"], g["target"]) for g in goals} >= {
        ("follow_ups_overdue", 0),
        ("diversity_overall", 0.5),
        ("follow_ups_on_time", 1),
        ("interactions", 3),
        ("interactions", 10),
    }

    table = run("scorecard").out.splitlines()
    interactions = next(line for line in table if line.lstrip().startswith("Interactions"))
    assert "(≥ 3/week)" in interactions and "(≤ 10/week)" in interactions
    week = table.index("  Week goals (week to date)")
    assert [line.split()[0:2] for line in table[week + 1 : week + 4]] == [
        ["Follow-ups", "overdue"],
        ["Diversity", "(overall)"],
        ["Follow-ups", "on"],
    ]
    assert "(≤ 0/week)" in table[week + 1] and "(≥ 50% a week)" in table[week + 2]

    markdown = run("scorecard", "--format", "markdown").out.splitlines()
    row = next(line for line in markdown if line.startswith("| Interactions |"))
    assert "≥ 3/week" in row and "≤ 10/week" in row
    for label in ("Follow-ups overdue", "Diversity (overall)", "Follow-ups on time"):
        assert any(line.startswith(f"| {label} (week goal), week to date |") for line in markdown)
    assert any(
        line.startswith("| Diversity | overall 50% · industry 50% · function — ")
        for line in markdown
    )


def test_a_finished_card_says_where_its_goals_spans_end(run: Run) -> None:
    """A month goal on the card of a week ending Oct 4 measures Oct 1–4: it said "month
    to date" of a week long past, and a finished month's goal the same."""
    seed(run)
    assert (
        run("goal", "add", "interactions", "2", "--period", "month", "--since", "2026-09-01").code
        == 0
    )
    table = run("scorecard", "--week", "2026-W40").out
    assert "  Month goals (month to Oct 04)" in table
    markdown = run("scorecard", "--week", "2026-W40", "--format", "markdown").out
    assert "| Interactions (month goal), month to Oct 04 |" in markdown
    year = run("scorecard", "--period", "month", "--on", "2026-10-15", "--format", "markdown").out
    assert "| Interactions (month goal)" not in year  # a month card: beside its row
    assert "| Interactions | 0 | ❌ ≥ 2/month" in year


def test_a_card_not_started_names_the_span_of_its_goals(run: Run) -> None:
    """December's card, today Nov 27, measures its week goals on the week holding its
    end (SPEC's rule: a card not started has no today in it), Mon Dec 28 up to Dec 31:
    it said "week to date", which reads as this week's, then "week to Dec 31", which
    reads as a week under way. A span holding today is still "to date" (the quarter's),
    and the JSON keeps SPEC's keys."""
    seed(run)
    assert run("goal", "add", "interviews", "8", "--period", "quarter").code == 0
    table = run("scorecard", "--period", "month", "--on", "2026-12-15").out.splitlines()
    assert "  Week goals (week of Dec 28 to Dec 31)" in table
    assert "  Quarter goals (quarter to date)" in table
    markdown = run("scorecard", "--period", "month", "--on", "2026-12-15", "--format", "markdown")
    assert "| Meaningful contacts (week goal), week of Dec 28 to Dec 31 | 0 |" in markdown.out
    assert "| Interviews (quarter goal), quarter to date |" in markdown.out
    card = run("scorecard", "--period", "month", "--on", "2026-12-15", "--format", "json").out
    assert {tuple(goal) for goal in json.loads(card)["goals"]} == {CARD_GOAL_KEYS}
    running = run("scorecard", "--period", "month").out.splitlines()
    assert "  Week goals (week to date)" in running
    # Next week's card, not started: the quarter measured up to its end, Dec 06, as the
    # month is ("quarter to date" read as up to today, beside "month to Dec 06").
    week = run("scorecard", "--on", "2026-12-01").out.splitlines()
    assert "  Quarter goals (quarter to Dec 06)" in week


def test_a_ratio_that_misses_its_goal_never_reads_as_the_goal(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A focus ratio of 0.8999 against at least 90% read "90%  ✗ missed (≥ 90%)": a
    percentage keeps the 4 decimals SPEC gives a ratio."""
    for args in (
        ("goal", "add", "focus_ratio", "90%", "--since", "2026-11-01"),
        ("time", "add", "895", "--category", "search", "--on", "2026-11-17"),
        ("time", "add", "895", "--category", "search", "--on", "2026-11-18"),
        ("time", "add", "199", "--category", "busywork", "--on", "2026-11-19"),
    ):
        assert run(*args).code == 0
    table = run("scorecard", "--week", "2026-W47").out.splitlines()
    assert "  Focus ratio                 89.99%  ✗ missed (≥ 90% a week)" in table
    markdown = run("scorecard", "--week", "2026-W47", "--format", "markdown").out
    assert "| Focus ratio | 89.99% | ❌ ≥ 90% a week |  |" in markdown.splitlines()
    card = json.loads(run("scorecard", "--week", "2026-W47", "--format", "json").out)
    assert card["focus_ratio"] == 0.8999
    monkeypatch.setenv("NETRACK_TODAY", "2026-11-19")  # the week still running
    running = run("scorecard").out
    assert "89.99%  … 89.99%/90% so far (≥ 90% a week)" in running


def test_a_figure_beside_a_goal_it_misses_rounds_as_the_json(run: Run) -> None:
    """40 minutes against at least 0.67 hours read "0.66 ✗ missed" while the JSON and the
    effort tables said 0.67: a figure is told apart from a target it misses by one more
    decimal, not by rounding it the other way."""
    for args in (
        ("contact", "add", "Ana", "--met", "2026-10-01"),
        ("campaign", "add", "Eng", "--org", "Acme", "--on", "2026-10-01"),
        ("log", "--with", "Ana", "--kind", "call", "--minutes", "40", "--on", "2026-11-10"),
        ("time", "add", "20m", "--category", "busywork", "--on", "2026-11-10"),
        ("log", "--with", "Ana", "--kind", "call", "--minutes", "136", "--on", "2026-11-17"),
        ("time", "add", "67m", "--category", "search", "--on", "2026-11-17"),
        ("time", "add", "100m", "--category", "busywork", "--on", "2026-11-17"),
        ("goal", "add", "hours_invested", "0.67", "--since", "2026-01-01"),
        ("goal", "add", "hours_busywork", "0.33", "--at-most", "--since", "2026-01-01"),
        ("goal", "add", "focus_ratio", "0.67", "--since", "2026-01-01"),
    ):
        assert run(*args).code == 0
    card = json.loads(run("scorecard", "--week", "2026-W46", "--format", "json").out)
    assert (card["hours_invested"], card["hours_busywork"]) == (0.67, 0.33)
    table = run("scorecard", "--week", "2026-W46").out.splitlines()
    assert "  Hours invested               0.667  ▁▁▁▁▁▁▁▁▁▁▁█  ✗ missed (≥ 0.67/week)" in table
    assert "  Hours busywork               0.333  ✗ missed (≤ 0.33/week)" in table
    assert "    call             1   0.67           0" in table  # effort by kind: no goal
    markdown = run("scorecard", "--week", "2026-W46", "--format", "markdown").out.splitlines()
    assert "| Hours invested | 0.667 | ❌ ≥ 0.67/week | ▁▁▁▁▁▁▁▁▁▁▁█ |" in markdown
    assert "| Hours busywork | 0.333 | ❌ ≤ 0.33/week |  |" in markdown
    assert (
        json.loads(run("scorecard", "--week", "2026-W47", "--format", "json").out)["focus_ratio"]
        == 0.67
    )
    table = run("scorecard", "--week", "2026-W47").out.splitlines()
    assert "  Focus ratio                66.997%  ✗ missed (≥ 67% a week)" in table


def test_a_figure_with_a_goal_reads_the_same_on_every_line(run: Run) -> None:
    """Overall diversity of 0.58333 against at least 58.33% read "58.333%" beside its
    goal and "58.33%" on the Diversity line: one figure, two values on one card."""
    for args in (
        ("contact", "add", "Ana", "--industry", "Fintech", "--function", "engineering"),
        ("contact", "add", "Raj", "--industry", "Health", "--function", "product"),
        ("contact", "add", "Li", "--function", "sales"),
        ("goal", "add", "diversity_overall", "58.33%"),
    ):
        assert run(*args).code == 0
    table = run("scorecard").out.splitlines()
    # met on the running week, on a share that can still go back: so far
    assert "  Diversity (overall)        58.333%  ✓ met so far (≥ 58.33% a week)" in table
    diversity = next(line for line in table if line.startswith("  Diversity    "))
    assert diversity.split()[1:3] == ["overall", "58.333%"]
    markdown = run("scorecard", "--format", "markdown").out
    assert "| Diversity | overall 58.333% · industry 50% · function 66.67%" in markdown


def test_a_goal_counting_from_after_today_is_not_judged_on_the_month_before(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Today Monday Nov 30, the week's card (Nov 30 – Dec 6) judged a month goal counting
    from Dec 1 on November: "✗ missed", actual 1, before it began. It measures Dec 1–6:
    0 so far, undecided; a month goal counting already is still November's."""
    monkeypatch.setenv("NETRACK_TODAY", "2026-11-30")
    for args in (
        ("contact", "add", "Ana", "--met", "2026-11-01"),
        ("log", "--with", "Ana", "--on", "2026-11-10", "--meaningful"),
        ("goal", "add", "meaningful_contacts", "5", "--period", "month", "--since", "2026-12-01"),
        ("goal", "add", "meaningful_contacts", "3", "--period", "month", "--since", "2026-10-01"),
    ):
        assert run(*args).code == 0
    goals = json.loads(run("scorecard", "--format", "json").out)["goals"]
    assert [(g["since"], g["actual"], g["met"]) for g in goals if g["period"] == "month"] == [
        ("2026-12-01", 0, None),
        ("2026-10-01", 1, False),
    ]
    table = run("scorecard").out.splitlines()
    december = table.index("  Month goals (December 2026 to Dec 06)")
    assert table[december + 1].split()[2:5] == ["0", "…", "0/5"]
    november = table.index("  Month goals (month to date)")
    assert table[november + 1].split()[2:5] == ["1", "✗", "missed"]
    markdown = run("scorecard", "--format", "markdown").out
    assert (
        "| Meaningful contacts (month goal), December 2026 to Dec 06 | 0 | ⏳ 0/5 so far"
        in markdown
    )
    monkeypatch.setenv("NETRACK_TODAY", "2026-12-31")  # a year goal from next year
    added = run("goal", "add", "new_contacts", "10", "--period", "year", "--since", "2027-01-01")
    assert added.code == 0
    year = json.loads(run("scorecard", "--format", "json").out)["goals"][-1]
    assert (year["period"], year["actual"], year["met"]) == ("year", 0, None)


def test_goal_spans_are_named_as_a_coach_reads_them(run: Run) -> None:
    """A card ahead (today Nov 27) headed its goals "Month goals (month of Mar 01)",
    "Quarter goals (quarter of Oct 01)", and "Week goals (week to Mar 31)" for a week
    not started; a finished month's review said "(month goal), month". Each span is
    named by its period: "March 2027", "2036-Q4", "week of Mar 29 to Mar 31", "October
    2026"; the JSON is as it was."""
    for args in (
        ("goal", "add", "interviews", "1", "--period", "week"),
        ("goal", "add", "referrals_in", "1", "--period", "month"),
        ("goal", "add", "stage_advances", "5", "--period", "quarter"),
        ("goal", "add", "new_contacts", "10", "--period", "year"),
        ("goal", "add", "diversity_overall", "0.5", "--period", "month", "--since", "2026-10-01"),
    ):
        assert run(*args).code == 0
    quarter = run("scorecard", "--period", "quarter", "--on", "2027-02-01").out.splitlines()
    assert [line for line in quarter if " goals" in line] == [
        "  Week goals (week of Mar 29 to Mar 31)",
        "  Month goals (March 2027)",
        "  Year goals (year 2027 to Mar 31)",
    ]
    year = run("scorecard", "--period", "year", "--on", "2036-06-01").out.splitlines()
    assert [line for line in year if " goals" in line] == [
        "  Week goals (week of Dec 29 to Dec 31)",
        "  Month goals (December 2036)",
        "  Quarter goals (2036-Q4)",
    ]
    review = run("scorecard", "--period", "quarter", "--on", "2027-02-01", "--format", "markdown")
    assert "| Interviews (week goal), week of Mar 29 to Mar 31 | 0 |" in review.out
    assert "| Referrals in (month goal), March 2027 | 0 |" in review.out
    october = run("scorecard", "--period", "month", "--on", "2026-10-15", "--format", "markdown")
    assert "| Diversity (overall) (month goal), October 2026 | — | ❌ ≥ 50% a month | |" in (
        october.out.splitlines()
    )
    assert (
        "  Month goals (October 2026)"
        in run("scorecard", "--period", "month", "--on", "2026-10-15").out.splitlines()
    )
    card = json.loads(
        run("scorecard", "--period", "quarter", "--on", "2027-02-01", "--format", "json").out
    )
    assert {tuple(goal) for goal in card["goals"]} == {CARD_GOAL_KEYS}
