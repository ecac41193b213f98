"""From a card's figure to its records: `interaction list`, `time list`, `referral list`
take `--since`/`--until` (both inclusive) or a period as `scorecard` names it (`--week`,
`--month`, `--period [--on]`), and `contact list` the same for the day a contact was met
(`--met-since`/`--met-until`). Today is Friday 2026-11-27; the records lie on the edges
of week 2026-W47: Sunday 15, Monday 16, Sunday 22, Monday 23 November."""

from __future__ import annotations

import json
from typing import Any

import pytest

from tests.cli.conftest import Result, Run

EDGES = ("2026-11-15", "2026-11-16", "2026-11-22", "2026-11-23")
# What each list calls its records in its JSON, and the card's figure that counts them.
LISTS = (
    ("interaction", "interactions", "interactions"),
    ("time", "time_entries", "hours_off"),
    ("referral", "referrals", "referrals_in"),
)


@pytest.fixture
def edges(run: Run) -> Run:
    """Ana, met before all of it; on each edge day one interaction, one hour off and one
    inbound referral; and a contact met that day (Sun15, Mon16, Sun22, Mon23)."""
    assert run("contact", "add", "Ana", "--met", "2026-10-01").code == 0
    for day in EDGES:
        short = day[-2:]
        for argv in (
            ("log", "--with", "ana", "--on", day, "--note", f"on {short}"),
            ("time", "add", "1h", "--category", "off", "--on", day),
            ("referral", "add", "--from", "ana", "--direction", "in", "--on", day),
            ("contact", "add", f"Met {short}", "--met", day),
        ):
            result = run(*argv)
            assert result.code == 0, (argv, result.err)
    return run


def listed(run: Run, command: str, key: str, *argv: str) -> list[str]:
    """The days of the records `command list` gives as JSON, newest first."""
    result = run(command, "list", *argv, "--format", "json")
    assert (result.code, result.err) == (0, ""), argv
    return [record["on"] for record in json.loads(result.out)[key]]


def card(run: Run, *argv: str) -> Any:
    result = run("scorecard", *argv, "--format", "json")
    assert result.code == 0, result.err
    return json.loads(result.out)


@pytest.mark.parametrize(("command", "key", "figure"), LISTS)
def test_since_and_until_keep_both_edge_days(
    edges: Run, command: str, key: str, figure: str
) -> None:
    inside = ["2026-11-22", "2026-11-16"]
    assert listed(edges, command, key, "--since", "2026-11-16", "--until", "2026-11-22") == inside
    assert listed(edges, command, key, "--until", "2026-11-15") == ["2026-11-15"]
    assert listed(edges, command, key, "--since", "2026-11-23") == ["2026-11-23"]
    # The date words every other option takes (today is Friday 27): -11d is Monday 16,
    # sun the last Sunday, the 22nd
    assert listed(edges, command, key, "--since", "-11d", "--until", "sun") == inside
    # The table lists the same records
    table = edges(command, "list", "--since", "2026-11-16", "--until", "2026-11-22").out
    assert [line.split()[1] for line in table.splitlines()[1:]] == inside


@pytest.mark.parametrize(("command", "key", "figure"), LISTS)
def test_a_week_lists_what_its_card_counts(edges: Run, command: str, key: str, figure: str) -> None:
    assert listed(edges, command, key, "--week", "2026-W47") == ["2026-11-22", "2026-11-16"]
    assert card(edges, "--week", "2026-W47")[figure] == 2
    # This week (Monday 23 to Sunday 29), as `scorecard --period week` reads it
    assert listed(edges, command, key, "--period", "week") == ["2026-11-23"]
    assert listed(edges, command, key, "--period", "week", "--on", "2026-11-15") == ["2026-11-15"]
    assert listed(edges, command, key, "--month", "2026-11") == list(reversed(EDGES))
    assert listed(edges, command, key, "--period", "month", "--on", "2026-10-31") == []


@pytest.mark.parametrize(("command", "key", "figure"), LISTS)
def test_a_week_starting_on_sunday_is_the_card_s_week(
    edges: Run, command: str, key: str, figure: str
) -> None:
    assert edges("config", "week_start", "sunday").code == 0
    # 2026-W47 is Sunday 15 to Saturday 21 now
    assert listed(edges, command, key, "--week", "2026-W47") == ["2026-11-16", "2026-11-15"]
    assert card(edges, "--week", "2026-W47")[figure] == 2
    assert listed(edges, command, key, "--period", "week") == ["2026-11-23", "2026-11-22"]


def _refused(result: Result, words: str) -> None:
    assert (result.code, result.out) == (2, "")
    assert result.err == f"netrack: {words}\n"


@pytest.mark.parametrize("command", ["interaction", "time", "referral"])
def test_a_span_named_wrong_is_one_line_and_exit_2(edges: Run, command: str) -> None:
    run = edges
    _refused(
        run(command, "list", "--since", "2026-11-22", "--until", "2026-11-16"),
        "--until 2026-11-16 is before --since 2026-11-22: give the first day, then the last",
    )
    _refused(
        run(command, "list", "--since", "2026-11-16", "--week", "2026-W47"),
        "give --since or --week, not both: a period is its own days",
    )
    _refused(
        run(command, "list", "--until", "-3d", "--period", "month"),
        "give --until or --period, not both: a period is its own days",
    )
    _refused(run(command, "list", "--week", "2026-W47", "--month", "2026-11"),
             "give --week or --month, not both")  # fmt: skip
    _refused(
        run(command, "list", "--on", "2026-11-16"),
        "--on picks the period holding a day: give --period (week, month, quarter or year) with it",
    )
    _refused(run(command, "list", "--month", "2026-13"),
             "invalid month '2026-13': a month is 01 to 12")  # fmt: skip
    _refused(run(command, "list", "--until", ""), "--until is empty: give a date")


def test_a_period_s_new_contacts_are_listed_with_the_day_they_were_met(edges: Run) -> None:
    run = edges

    def met(*argv: str) -> list[tuple[str, str]]:
        result = run("contact", "list", *argv, "--format", "json")
        assert (result.code, result.err) == (0, ""), argv
        return [(c["name"], c["met_on"]) for c in json.loads(result.out)["contacts"]]

    w47 = [("Met 16", "2026-11-16"), ("Met 22", "2026-11-22")]
    assert met("--met-since", "2026-11-16", "--met-until", "2026-11-22") == w47
    assert met("--week", "2026-W47") == w47
    assert card(run, "--week", "2026-W47")["new_contacts"] == 2
    assert met("--met-until", "2026-11-15") == [("Ana", "2026-10-01"), ("Met 15", "2026-11-15")]
    assert met("--month", "2026-10") == [("Ana", "2026-10-01")]
    assert len(met()) == 5  # without a met option, every contact
    # The table gives the day met only when the list is about it
    table = run("contact", "list", "--week", "2026-W47").out.splitlines()
    assert table[0].split() == ["id", "name", "organization", "strength", "last", "touch",
                                "met", "channel"]  # fmt: skip
    assert table[1].split()[-3:] == ["—", "2026-11-16", "—"]
    assert "met" not in run("contact", "list").out.splitlines()[0].split()
    assert run("config", "week_start", "sunday").code == 0
    assert met("--week", "2026-W47") == [("Met 15", "2026-11-15"), ("Met 16", "2026-11-16")]
    _refused(
        run("contact", "list", "--met-since", "2026-11-22", "--met-until", "2026-11-16"),
        "--met-until 2026-11-16 is before --met-since 2026-11-22: give the first day, "
        "then the last",
    )
    _refused(
        run("contact", "list", "--met-since", "-7d", "--month", "2026-11"),
        "give --met-since or --month, not both: a period is its own days",
    )


def test_a_period_s_archived_new_contacts_are_listed_as_the_card_counts_them(
    edges: Run,
) -> None:
    run = edges
    assert run("contact", "archive", "Met 16").code == 0
    assert card(run, "--week", "2026-W47")["new_contacts"] == 2
    result = run("contact", "list", "--week", "2026-W47", "--format", "json")
    assert (result.code, result.err) == (0, "")
    listed = [(c["name"], c["archived"]) for c in json.loads(result.out)["contacts"]]
    assert listed == [("Met 16", True), ("Met 22", False)]
    table = run("contact", "list", "--month", "2026-11").out
    assert "Met 16 (archived)" in table
    # Without a met option the archived stay hidden; --archived alone lists them only.
    assert "Met 16" not in run("contact", "list").out
    assert run("contact", "list", "--archived", "--week", "2026-W47").out.count("Met ") == 1


def test_the_scorecard_takes_a_month_by_its_number(edges: Run) -> None:
    november = card(edges, "--month", "2026-11")
    assert november["period"] == {"start": "2026-11-01", "end": "2026-11-30", "label": "2026-11"}
    assert november == card(edges, "--period", "month", "--on", "2026-11-01")
    _refused(edges("scorecard", "--month", "2026-11", "--on", "2026-11-05"),
             "give --month or --on, not both")  # fmt: skip
    _refused(edges("scorecard", "--month", "2026-11", "--period", "quarter"),
             "--month names a month: give --on DATE for a quarter")  # fmt: skip
    _refused(edges("scorecard", "--month", "nov"), "invalid month 'nov' (expected like 2026-11)")
