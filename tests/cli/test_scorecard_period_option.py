"""`netrack scorecard --period week|month|quarter|year` with `--on` / `--week`, through
the real CLI ("today" is Friday 2026-11-27)."""

from __future__ import annotations

import json

import pytest

from tests.cli.conftest import Run


@pytest.mark.parametrize(
    ("argv", "period", "complete"),
    [
        ((), ["2026-11-23", "2026-11-29", "2026-W48"], False),
        (("--period", "month"), ["2026-11-01", "2026-11-30", "2026-11"], False),
        (("--period", "quarter", "--on", "2026-01-15"), ["2026-01-01", "2026-03-31", "2026-Q1"], True),
        (("--period", "year", "--on", "2025-07-04"), ["2025-01-01", "2025-12-31", "2025"], True),
        (("--period", "week", "--week", "2026-W47"), ["2026-11-16", "2026-11-22", "2026-W47"], True),
    ],
)  # fmt: skip
def test_period_kinds(run: Run, argv: tuple[str, ...], period: list[str], complete: bool) -> None:
    assert run("contact", "add", "Ana", "--met", "2026-10-01").code == 0
    assert run("log", "@Ana", "30m", "on:2026-11-03", "coffee").code == 0
    result = run("scorecard", "--format", "json", *argv)
    assert (result.code, result.err) == (0, "")
    card = json.loads(result.out)
    assert [card["period"][k] for k in ("start", "end", "label")] == period
    assert card["complete"] is complete
    assert len(card["trend_labels"]) == 12
    for key in ("effort_by_channel", "effort_by_kind", "campaign_focus", "funnel", "network",
                "reciprocity", "lost_reasons", "interview_rounds"):  # fmt: skip
        assert key in card


def test_month_card_in_markdown_and_table(run: Run) -> None:
    assert run("contact", "add", "Ana", "--met", "2026-10-01").code == 0
    assert run("log", "@Ana", "30m", "on:2026-11-03", "coffee").code == 0
    md = run("scorecard", "--period", "month", "--format", "markdown")
    assert md.out.startswith("## Monthly review 2026-11 (2026-11-01 – 2026-11-30) — running\n")
    assert "| metric | value | goal | 12 months |" in md.out
    assert "### Effort by channel" in md.out and "| unlinked | 0.50 | 0.00 | 1 |" in md.out
    table = run("scorecard", "--period", "quarter")
    assert table.out.startswith("netrack scorecard 2026-Q4  (2026-10-01 → 2026-12-31)  · running")


@pytest.mark.parametrize(
    ("argv", "head"),
    [
        (("--period", "month", "--on", "2027-03-01"),
         "netrack scorecard 2027-03  (2027-03-01 → 2027-03-31)  · not started\n"),
        (("--period", "month", "--on", "2027-03-01", "--format", "markdown"),
         "## Monthly review 2027-03 (2027-03-01 – 2027-03-31) — not started\n"),
        (("--on", "2026-11-30"), "netrack scorecard 2026-W49  (2026-11-30 → 2026-12-06)  · not started\n"),
        (("--on", "2026-11-29", "--format", "markdown"),
         "## Weekly review 2026-W48 (2026-11-23 – 2026-11-29) — running\n"),
    ],
)  # fmt: skip
def test_a_period_to_come_is_not_started(run: Run, argv: tuple[str, ...], head: str) -> None:
    """The Scorecard screen's words: a period that starts after today is not running."""
    assert run("contact", "add", "Ana").code == 0  # a database there: nothing to say of it
    result = run("scorecard", *argv)
    assert (result.code, result.err) == (0, "")
    assert result.out.startswith(head)


def test_week_label_only_for_weeks(run: Run) -> None:
    result = run("scorecard", "--period", "month", "--week", "2026-W47")
    assert (result.code, result.out) == (2, "")
    assert result.err.strip().endswith("--week names a week: give --on DATE for a month")
    assert len(result.err.strip().splitlines()) == 1
    bad = run("scorecard", "--period", "fortnight")
    assert bad.code == 2 and "fortnight" in bad.err


def test_effort_for_a_campaign_opened_after_the_card_goes_to_its_channel(run: Run) -> None:
    """A campaign added today (opened today), its earlier effort logged against it: the
    week card of that effort filed it under "unspecified", the month card under the
    campaign's channel."""
    assert run("contact", "add", "Ana", "--met", "2026-10-01").code == 0
    assert run("campaign", "add", "Platform", "--org", "Acme", "--source", "referral").code == 0
    assert run("log", "--with", "ana", "--campaign", "platform", "--on", "2026-11-03",
               "--minutes", "60", "--kind", "video").code == 0  # fmt: skip
    assert run("time", "add", "30m", "--category", "search", "--campaign", "platform",
               "--on", "2026-11-04").code == 0  # fmt: skip
    expected = {"referral": {"hours": 1.5, "spend": 0.0, "interactions": 1}}
    for argv in (("--week", "2026-W45"), ("--period", "month")):
        card = json.loads(run("scorecard", "--format", "json", *argv).out)
        assert card["effort_by_channel"] == expected, argv
        assert card["campaign_focus"] == 1.0


def test_the_first_card_year_s_first_week_may_start_the_year_before(run: Run) -> None:
    """With Sunday weeks, 1900-01-01's week starts on 1899-12-31: `--on 1900-01-01`
    and `--week 1900-W01` were refused, naming a day the user had not typed."""
    assert run("config", "week_start", "sunday").code == 0
    for argv in (("--on", "1900-01-01"), ("--week", "1900-W01")):
        result = run("scorecard", "--format", "json", *argv)
        assert (result.code, result.err) == (0, ""), argv
        assert json.loads(result.out)["period"] == {
            "start": "1899-12-31", "end": "1900-01-06", "label": "1900-W01",
        }  # fmt: skip
    before = run("scorecard", "--on", "1899-12-30")
    assert (before.code, before.err) == (
        2,
        "netrack: 1899-12-30 is outside the years a scorecard covers (1900 to 9998)\n",
    )


def test_a_week_label_a_card_shows_can_be_asked_for_again(run: Run) -> None:
    """With Tuesday weeks, 1900-01-01's card is labelled 1899-W52 (Dec 26 – Jan 1), and
    `--week 1899-W52` was refused as outside the years a scorecard covers."""
    assert run("config", "week_start", "tuesday").code == 0
    for argv in (("--on", "1900-01-01"), ("--week", "1899-W52")):
        result = run("scorecard", "--format", "json", *argv)
        assert (result.code, result.err) == (0, ""), argv
        assert json.loads(result.out)["period"] == {
            "start": "1899-12-26", "end": "1900-01-01", "label": "1899-W52",
        }  # fmt: skip
    for week in ("1899-W51", "9999-W01"):  # no day of these is in a card year
        refused = run("scorecard", "--week", week)
        assert (refused.code, refused.err) == (
            2,
            f"netrack: week {week} is outside the years a scorecard covers (1900 to 9998)\n",
        )


def test_the_last_week_a_card_covers_measures_a_goal_of_every_kind(run: Run) -> None:
    """9998-W53 ends on 9999-01-03: its year goal's span is the year 9999, whose end was
    computed as the day before 10000-01-01 ("internal error: ValueError"), on every
    format, and a year goal from 9998-12-31 (accepted) has that card as its first."""
    for kind in ("week", "month", "quarter", "year"):
        assert run("goal", "add", "interactions", "1", "--period", kind).code == 0
    assert (
        run("goal", "add", "interactions", "3", "--period", "year", "--since", "9998-12-31").code
        == 0
    )
    for argv in (("--on", "9998-12-31"), ("--week", "9998-W53")):
        for fmt in ("table", "json", "markdown"):
            result = run("scorecard", "--format", fmt, *argv)
            assert (result.code, result.err) == (0, ""), (argv, fmt)
        card = json.loads(run("scorecard", "--format", "json", *argv).out)
        assert card["period"]["label"] == "9998-W53"
        assert [(g["period"], g["target"], g["met"]) for g in card["goals"] if g["metric"] == "interactions"] == [
            ("week", 1, None), ("month", 1, None), ("quarter", 1, None), ("year", 1, None), ("year", 3, None),
        ]  # fmt: skip
    table = run("scorecard", "--on", "9998-12-31").out
    assert "Year goals (year 9999 to Jan 03)" in table
    for kind in ("month", "quarter", "year"):  # the cards holding the day, and the trend
        result = run("scorecard", "--period", kind, "--on", "9998-12-31", "--format", "json")
        assert (result.code, result.err) == (0, ""), kind


def test_a_touch_dated_after_today_leaves_the_running_cards_as_of_today(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Touches dated Nov 8, read on Nov 5 (a back-fill, or an import from a time zone
    ahead): the running week and month cards took them for the last touches, so Ben
    (warm, untouched since met) and Cy (every 2 days, last seen Nov 1) were not going
    cold, nor was Acme Eng's last touch (Jul 20, 108 days) seen, so it stalled at 157
    days; the Agenda of the same day said otherwise."""
    monkeypatch.setenv("NETRACK_TODAY", "2026-11-08")
    for argv in (
        ("contact", "add", "Ben", "--met", "2026-10-01", "--strength", "4"),
        ("contact", "add", "Cy", "--met", "2026-10-01", "--every", "2"),
        ("contact", "add", "Dee", "--met", "2026-06-01"),
        ("config", "stalled_days", "120"),
        ("campaign", "add", "Eng", "--org", "Acme", "--stage", "applied", "--on", "2026-06-01"),
        ("log", "--with", "Dee", "--campaign", "Eng", "--on", "2026-07-20"),
        ("log", "--with", "Cy", "--on", "2026-11-01"),
        ("log", "--with", "Ben", "--with", "Cy", "--with", "Dee", "--campaign", "Eng",
         "--on", "2026-11-08"),
    ):  # fmt: skip
        assert run(*argv).code == 0, argv
    monkeypatch.setenv("NETRACK_TODAY", "2026-11-05")
    cold = [
        {"id": 1, "name": "Ben", "strength": 4, "last_touch": None, "days_idle": 35,
         "keep_in_touch": None},
        {"id": 2, "name": "Cy", "strength": None, "last_touch": "2026-11-01", "days_idle": 4,
         "keep_in_touch": 2},
    ]  # fmt: skip
    for period in ((), ("--period", "month")):
        card = json.loads(run("scorecard", "--format", "json", *period).out)
        assert card["complete"] is False, period
        assert (card["going_cold"], card["stalled"]) == (cold, []), period
    agenda = json.loads(run("agenda", "--format", "json").out)
    assert (agenda["going_cold"], agenda["stalled"]) == (cold, [])
