"""Goals that end (`goal end`, `goal edit --until`) and targets raised from a day on
(`goal edit --target N --from DATE`), on the demo (today Friday 2026-11-27; its goals
count from 2026-09-04): a card lists a goal when its `since` ≤ the end of the span it is
measured over there (`card_days.goal_span`) and its `until` is none or ≥ that end, and
the earlier cards keep their verdicts."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from netrack import cli
from tests.cli.conftest import Run

W44, W45 = "2026-W44", "2026-W45"  # Oct 26 – Nov 1, Nov 2 – 8


def card_goals(run: Run, week: str) -> dict[int, dict[str, Any]]:
    card = json.loads(run("scorecard", "--week", week, "--format", "json").out)
    return {g["id"]: g for g in card["goals"]}


def goals(run: Run) -> list[dict[str, Any]]:
    listed = run("goal", "list", "--format", "json")
    assert listed.code == 0, listed.err
    return list(json.loads(listed.out)["goals"])


def test_a_target_raised_from_a_day_on_keeps_the_earlier_verdicts(demo_db: Path, run: Run) -> None:
    before = run("scorecard", "--week", W44).out
    assert "✓ met (≥ 5/week)" in next(li for li in before.splitlines() if "Active camp" in li)

    raised = run("goal", "edit", "1", "--target", "8", "--from", "2026-11-02")

    assert raised.code == 0, raised.err
    assert raised.out == (
        "goal #1 active_campaigns ≥ 5/week ends on 2026-11-01; "
        "goal #9 active_campaigns ≥ 8/week counts from 2026-11-02\n"
    )
    assert run("scorecard", "--week", W44).out == before  # week 44: ≥ 5, met, as it was
    w44, w45 = card_goals(run, W44), card_goals(run, W45)
    assert (w44[1]["target"], w44[1]["met"], w44[1]["until"]) == (5, True, "2026-11-01")
    assert 9 not in w44 and 1 not in w45
    assert (w45[9]["target"], w45[9]["since"], w45[9]["until"]) == (8, "2026-11-02", None)
    listed = goals(run)
    assert [
        (g["id"], g["target"], g["since"], g["until"]) for g in listed if g["id"] in (1, 9)
    ] == [
        (1, 5, "2026-09-04", "2026-11-01"),
        (9, 8, "2026-11-02", None),
    ]
    assert listed[-1]["note"] == listed[0]["note"]  # the same goal, the note kept
    # Lowered back later: the goal of ≥ 5 ended before, so no twin of it.
    lowered = run("goal", "edit", "9", "--target", "5", "--from", "2026-11-23")
    assert lowered.code == 0, lowered.err
    table = run("goal", "list").out
    assert "2026-11-02  2026-11-22" in table and "2026-11-23  —" in table, table


def test_a_card_lists_a_goal_ended_on_its_last_day_not_one_ended_the_day_before(
    demo_db: Path, run: Run
) -> None:
    ended = run("goal", "end", "2", "--on", "2026-11-01")  # W44's last day, the eve of W45

    assert ended.out == "goal #2 meaningful_contacts ≥ 8/week ends on 2026-11-01\n", ended.err
    assert card_goals(run, W44)[2]["until"] == "2026-11-01"
    assert 2 not in card_goals(run, W45)
    assert "(≥ 8/week)" not in next(
        li for li in run("scorecard", "--week", W45).out.splitlines() if "Meaningful" in li
    )

    moved = run("goal", "edit", "2", "--until", "2026-10-31")  # the day before W44's last

    assert moved.out == "goal #2 is now meaningful_contacts ≥ 8/week, until 2026-10-31\n"
    assert 2 not in card_goals(run, W44)  # ended mid-week: not judged on that week
    assert card_goals(run, "2026-W43")[2]["until"] == "2026-10-31"
    reopened = run("goal", "edit", "2", "--until", "none")
    assert reopened.out == "goal #2 is now meaningful_contacts ≥ 8/week, no end\n"
    assert card_goals(run, "2026-W46")[2]["until"] is None


def test_a_goal_ended_is_judged_over_its_own_span_on_a_longer_card(demo_db: Path, run: Run) -> None:
    """A week goal on a quarter card is measured over the week holding the quarter's
    end (Sep 28–30): it is listed if it lasts to that span's end, not to the quarter's."""

    def quarter() -> dict[int, dict[str, Any]]:
        card = run("scorecard", "--period", "quarter", "--on", "2026-09-30", "--format", "json")
        return {g["id"]: g for g in json.loads(card.out)["goals"]}

    assert run("goal", "end", "2", "--on", "2026-09-29").code == 0
    assert 2 not in quarter()
    assert "(≥ 8/week)" not in run("scorecard", "--period", "quarter", "--on", "2026-09-30").out
    assert run("goal", "edit", "2", "--until", "2026-09-30").code == 0
    assert quarter()[2]["until"] == "2026-09-30"


def test_a_raised_target_leaves_one_target_on_every_span(demo_db: Path, run: Run) -> None:
    # Raised from a Monday: the running month card (to Friday Nov 27) judges the week
    # of Nov 23 by the new target only.
    assert run("goal", "edit", "3", "--target", "3", "--from", "2026-11-23").code == 0
    month = json.loads(run("scorecard", "--period", "month", "--format", "json").out)
    assert [(g["id"], g["target"]) for g in month["goals"] if g["metric"] == "face_to_face"] == [
        (9, 3)
    ]
    # Raised from a Sunday: that week has the new target, the old one ended mid-week.
    assert run("goal", "edit", "5", "--target", "3", "--from", "2026-11-01").code == 0
    w44 = card_goals(run, W44)
    assert 5 not in w44 and w44[10]["target"] == 3
    interviews = [li for li in run("scorecard", "--week", W44).out.splitlines() if "Interv" in li]
    assert "(≥ 2/week)" not in interviews[0] and "(≥ 3/week)" in interviews[0]


def test_goal_end_defaults_to_today_and_may_plan_a_later_day(demo_db: Path, run: Run) -> None:
    assert run("goal", "end", "3").out == "goal #3 face_to_face ≥ 2/week ends on 2026-11-27\n"
    assert run("goal", "end", "4", "--on", "2026-12-31").code == 0
    running = card_goals(run, "2026-W48")  # ended today, before its week's end: off it
    assert 3 not in running and running[4]["until"] == "2026-12-31"
    assert card_goals(run, "2026-W47")[3]["until"] == "2026-11-27"
    assert 3 not in card_goals(run, "2026-W49") and 4 in card_goals(run, "2026-W49")


def test_what_goal_end_and_edit_refuse_is_one_line_and_writes_nothing(
    demo_db: Path, run: Run
) -> None:
    assert run("goal", "end", "5", "--on", "2026-11-30").code == 0
    before = goals(run)
    for argv, said in (
        (("goal", "end", "5"), "goal #5 already ends on 2026-11-30 (goal edit 5 --until"),
        (("goal", "end", "6", "--on", "2026-09-03"), "before it counts from 2026-09-04"),
        (("goal", "edit", "6", "--until", "2026-01-01"), "before it counts from 2026-09-04"),
        (("goal", "end", "99"), "no goal with id 99"),
        (("goal", "end", "6", "--on", "someday"), "someday"),
        (("goal", "edit", "6", "--from", "2026-11-02"), "--from goes with --target alone"),
        (("goal", "edit", "6", "--target", "3", "--from", "2026-09-04"), "--from must be a later"),
        (("goal", "edit", "5", "--target", "3", "--from", "2026-12-07"), "ends on 2026-11-30"),
        (("goal", "edit", "6", "--target", "2", "--from", "2026-11-02"), "has that target"),
        (("goal", "edit", "1", "--target", "0.5", "--from", "2026-11-02"), "whole number"),
    ):
        result = run(*argv)
        assert result.code == 2 and not result.out, (argv, result)
        assert result.err.count("\n") == 1 and "Traceback" not in result.err, result.err
        assert said in result.err, (argv, result.err)
    assert goals(run) == before


def help_of(*argv: str, capsys: pytest.CaptureFixture[str]) -> str:
    with pytest.raises(SystemExit) as caught:
        cli.main([*argv, "--help"])
    assert caught.value.code == 0
    return " ".join(capsys.readouterr().out.split())


def test_goal_edit_help_says_target_corrects_and_from_keeps_the_past(
    capsys: pytest.CaptureFixture[str],
) -> None:
    shown = help_of("goal", "edit", capsys=capsys)

    assert "--target N a new target on every card, past ones too: the correction of a" in shown
    assert "--from DATE with --target: the new target from DATE on, past cards judged" in shown
    assert "--until DATE its last day" in shown
    assert "end a goal" in help_of("goal", capsys=capsys)


def test_a_weekday_as_a_goals_last_day_is_the_next_one(demo_db: Path, run: Run) -> None:
    """An end is planned, not a past event: `fri` on Friday Nov 27 is Dec 4, as a
    follow-up's `fri`; `goal add --until fri` no longer always lands before today."""
    added = run("goal", "add", "interviews", "1", "--until", "fri")
    assert added.out == "added goal interviews ≥ 1/week, from 2026-11-27 until 2026-12-04\n", (
        added.err
    )
    assert run("goal", "end", "2", "--on", "mon").out == (
        "goal #2 meaningful_contacts ≥ 8/week ends on 2026-11-30\n"
    )
    assert run("goal", "edit", "3", "--until", "wed").out.endswith("until 2026-12-02\n")
    # A day of a month is still the nearer either side: a past end stays reachable
    assert run("goal", "end", "4", "--on", "oct 30").out.endswith("ends on 2026-10-30\n")


def test_a_raise_after_the_end_says_ends_or_ended_and_names_the_goal_that_took_over(
    demo_db: Path, run: Run
) -> None:
    assert run("goal", "edit", "4", "--until", "2026-12-31").code == 0
    planned = run("goal", "edit", "4", "--target", "3", "--from", "2027-01-01")
    assert (planned.code, planned.err) == (
        2,
        "netrack: goal #4 ends on 2026-12-31, before 2027-01-01\n",
    )
    assert run("goal", "edit", "5", "--target", "3", "--from", "2026-11-16").code == 0
    twice = run("goal", "edit", "5", "--target", "4", "--from", "2026-11-16")
    assert (twice.code, twice.err) == (
        2,
        "netrack: goal #5 ended on 2026-11-15, before 2026-11-16: goal #9 counts from "
        "2026-11-16 (raise goal #9 instead)\n",
    )
