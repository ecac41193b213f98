"""The one registry of scorecard metrics: complete, in the orders the outputs use, and
the source of goal validation."""

from __future__ import annotations

from dataclasses import fields
from datetime import date

import pytest

from netrack.data.repo.goals import check_metric, check_target
from netrack.domain import metrics, registry
from netrack.domain.card import Figures, GoalResult
from netrack.domain.errors import InputError
from netrack.domain.facts import ScorecardInputs
from netrack.domain.models import Comparator, GoalPeriod
from netrack.domain.registry import BY_KEY, GOAL_METRICS, ROWS, TREND_KEYS, Unit
from netrack.domain.weeks import parse_week
from netrack.present import fmt, round_value

# The parts of a card's figures that are not one number: shown in rows of their own.
COMPOUND = {
    "period",
    "complete",
    "campaigns_by_stage",
    "new_contacts_by_channel",
    "diversity",
    "follow_ups",
    "effort_by_channel",
    "effort_by_kind",
    "funnel",
    "network",
    "reciprocity",
    "lost_reasons",
}


def test_every_scalar_figure_is_registered_and_every_metric_readable() -> None:
    scalars = {f.name for f in fields(Figures)} - COMPOUND
    assert scalars == {m.key for m in registry.METRICS if m.read is None}
    figures = metrics.core_metrics(ScorecardInputs(), parse_week("2026-W47"))
    for metric in registry.METRICS:
        value = metric.value(figures)
        assert value is None or isinstance(value, int | float), metric.key
    assert registry.value(figures, "follow_ups_overdue") == 0
    assert registry.value(figures, "no_such_metric") is None


def test_rows_in_reading_order_with_todays_labels() -> None:
    assert [(m.key, m.label) for m in ROWS] == [
        ("interactions", "Interactions"),
        ("meaningful_contacts", "Meaningful contacts"),
        ("face_to_face", "Face-to-face (campaign)"),
        ("events", "Events"),
        ("interviews", "Interviews"),
        ("new_contacts", "New contacts"),
        ("referrals_in", "Referrals in"),
        ("referrals_out", "Referrals out"),
        ("referral_rate_90d", "Referral rate (90d)"),
        ("relationship_quality", "Relationship quality"),
        ("active_campaigns", "Active campaigns"),
        ("pipeline_coverage", "Pipeline coverage (of 7)"),
        ("stage_advances", "Stage advances"),
        ("setbacks", "Setbacks"),
        ("interview_rounds", "Interview rounds"),
        ("hours_invested", "Hours invested"),
        ("hours_busywork", "Hours busywork"),
        ("hours_off", "Hours off"),
        ("focus_ratio", "Focus ratio"),
        ("spend", "Spend"),
        ("outcomes_per_10h", "Outcomes per 10h"),
        ("campaign_focus", "Campaign focus"),
    ]


def test_goal_metrics_and_trend_keys() -> None:
    assert GOAL_METRICS[:3] == ("active_campaigns", "pipeline_coverage", "interactions")
    assert GOAL_METRICS[-3:] == ("follow_ups_overdue", "follow_ups_on_time", "diversity_overall")
    assert len(GOAL_METRICS) == 25  # interview_rounds and campaign_focus joined
    assert set(TREND_KEYS) <= set(BY_KEY)
    light = metrics.trend_metrics(ScorecardInputs(), parse_week("2026-W47"))
    assert tuple(light) == TREND_KEYS  # the light path computes exactly the trend keys


def test_every_metric_says_whether_it_only_grows_within_a_period() -> None:
    """A goal met on a running week is shown as settled only on a figure that cannot go
    back: a focus ratio "✓ met" on Monday read "60%/90% so far" by Friday. Ratios,
    shares and states (campaigns open, follow-ups overdue) can go back; tallies cannot."""
    assert all(type(m.accumulates) is bool for m in registry.METRICS)
    assert {m.key for m in registry.METRICS if not m.accumulates} == {
        "active_campaigns",
        "pipeline_coverage",
        "referral_rate_90d",
        "relationship_quality",
        "focus_ratio",
        "outcomes_per_10h",
        "campaign_focus",
        "follow_ups_overdue",
        "diversity_overall",
    }
    assert all(registry.accumulates(m.key) == m.accumulates for m in registry.METRICS)
    assert not registry.accumulates("no_such_metric")  # nothing known: never settled early


@pytest.mark.parametrize(
    ("key", "value", "shown", "text"),
    [
        ("hours_invested", 7 / 3, 2.33, "2.33"),
        ("spend", 12.5, 12.5, "12.50"),
        # Shares of a whole read as percentages to the ratio's 4 decimals, as the JSON.
        ("focus_ratio", 2 / 3, 0.6667, "66.67%"),
        ("focus_ratio", 0.8999, 0.8999, "89.99%"),
        ("focus_ratio", 0.143, 0.143, "14.3%"),
        ("focus_ratio", 1.0, 1.0, "100%"),
        ("diversity_overall", 0.5, 0.5, "50%"),
        ("campaign_focus", 0.0, 0.0, "0%"),
        # Other ratios (scores) to SPEC's 4 decimals, whole or not: "10.00" beside
        # "6.4865" read as two rules.
        ("relationship_quality", 2.939393, 2.9394, "2.9394"),
        ("relationship_quality", 3.497, 3.497, "3.4970"),
        ("relationship_quality", 3.5, 3.5, "3.5000"),
        ("outcomes_per_10h", 23.41463, 23.4146, "23.4146"),
        ("outcomes_per_10h", 10.0, 10.0, "10.0000"),
        ("outcomes_per_10h", 6.48649, 6.4865, "6.4865"),
        ("interactions", 3, 3, "3"),
        ("relationship_quality", None, None, "—"),
    ],
)
def test_rounding_by_unit(key: str, value: float | None, shown: object, text: str) -> None:
    assert round_value(key, value) == shown
    assert fmt(key, value) == text


@pytest.mark.parametrize(
    ("key", "value", "target", "text"),
    [
        # Not 90% against 90% it misses: one more decimal, which still rounds to the
        # JSON's 0.9 (89.99% and 90.01% were rounded away from it, and from the JSON).
        ("focus_ratio", 0.89996, 0.9, "89.996%"),
        ("focus_ratio", 0.90004, 0.9, "90.004%"),
        ("focus_ratio", 0.9, 0.9, "90%"),
        ("focus_ratio", 0.66996, 0.67, "66.996%"),
        ("focus_ratio", 0.669999996, 0.67, "66.9999996%"),  # as many decimals as it takes
        ("focus_ratio", 0.6, 0.67, "60%"),  # far from the target: as always
        ("relationship_quality", 3.49999, 3.5, "3.49999"),
        ("hours_busywork", 20 / 60, 0.33, "0.333"),  # 0.34 said more than the JSON's 0.33
        ("hours_invested", 40 / 60, 0.67, "0.667"),
        ("hours_invested", 0.6749, 0.67, "0.675"),  # past an at-most 0.67: missed
        ("hours_invested", 40 / 60, 0.5, "0.67"),
        ("focus_ratio", None, 0.9, "—"),
    ],
)
def test_a_figure_never_reads_as_a_target_it_is_not(
    key: str, value: float | None, target: float, text: str
) -> None:
    goal = GoalResult(
        metric=key,
        target=target,
        comparator=Comparator.AT_LEAST,
        period=GoalPeriod.WEEK,
        since=date(2026, 11, 1),
        actual=value,
        met=False,
        note="",
        id=1,
    )
    assert fmt(key, value, [goal]) == text


def test_a_target_is_what_its_goal_line_shows() -> None:
    """1.00001 events was shown "≥ 1" and missed at 1; 0.99999 hours off "≤ 1" and
    missed at 1; half an interview was a target; -0 read "≥ -0". A count takes whole
    numbers, a share what two decimals of its percentage show, anything else 4 decimals;
    a metric not known yet is only kept in range."""
    assert check_target("3", "interviews") == 3.0
    assert str(check_target("-0", "interactions")) == "0.0"
    assert check_target("1.0000000000001", "events") == 1.0  # a float's own noise
    for metric, typed, words in (
        ("events", "1.00001", "events is a count: give a whole number (1 or 2), not 1.00001"),
        ("interviews", "1.5", "interviews is a count: give a whole number (1 or 2), not 1.5"),
        # quoted as typed: it read "not 123456" and "not 1e+06"
        ("interviews", "123456.5", "interviews is a count: give a whole number (123456 or"),
        (
            "interviews",
            "1000000.5",
            "interviews is a count: give a whole number (1000000 or 1000001), not 1000000.5",
        ),
        ("pipeline_coverage", "6.5", "pipeline_coverage is a count: give a whole number (6 or 7)"),
        (
            "hours_off",
            "0.99999",
            "hours_off target has more decimals than its goal shows: give 1, not 0.99999",
        ),
        (
            "focus_ratio",
            "80.1234%",
            "focus_ratio is shown as a percentage with two decimals: give 80.12%, not 80.1234%",
        ),
    ):
        with pytest.raises(InputError) as refused:
            check_target(typed, metric)
        assert str(refused.value).startswith(words)
    assert check_target("80.5%", "focus_ratio") == 0.805
    assert check_target("80.55%", "focus_ratio") == 0.8055
    with pytest.raises(InputError, match=r"^target must be a number, not 'nan%'$"):
        check_target("nan%", "focus_ratio")  # it was "from 0 to 1, not nan"
    assert check_target("10.005", "spend") == 10.005
    assert check_target("3.1234", "relationship_quality") == 3.1234
    assert check_target("2.5", None) == 2.5


def test_units() -> None:
    assert [u.decimals for u in Unit] == [None, 2, 4, 2]
    assert BY_KEY["spend"].unit is Unit.MONEY and BY_KEY["hours_off"].unit is Unit.HOURS


def test_a_blank_metric_or_target_is_said_required_without_the_list() -> None:
    """Blank, they said "unknown metric ''" then all 25 metrics, and "target must be a
    number, not ''"; the list stays for a word that is not a metric."""
    for blank in ("", "  "):
        with pytest.raises(InputError, match=r"^metric is required$"):
            check_metric(blank)
        with pytest.raises(InputError, match=r"^target is required \(a number\)$"):
            check_target(blank, "interviews")


def test_goal_validation_reads_the_registry() -> None:
    assert check_metric(" Focus_Ratio ") == "focus_ratio"
    with pytest.raises(InputError, match=r"unknown metric 'vibes' \(known: active_campaigns, "):
        check_metric("vibes")
    for metric in (None, "interactions"):
        assert check_target("0", metric) == 0.0
        assert check_target(999_999_999, metric) == 999_999_999.0
        with pytest.raises(InputError, match=r"^target must be zero or more$"):
            check_target(-0.5, metric)
        for bad in (1e9, float("inf")):
            with pytest.raises(InputError, match=r"^target must be a number below 1,000,000,000$"):
                check_target(bad, metric)
        # NaN is no number: it was "a number below 1,000,000,000"
        for nan in (float("nan"), "nan", "NaN"):
            with pytest.raises(InputError, match=r"^target must be a number, not '?(nan|NaN)%?'?$"):
                check_target(nan, metric)
        with pytest.raises(InputError, match=r"^target must be a number, not 'lots'$"):
            check_target("lots", metric)
    # A ratio's range is its own, both ends included (SPEC: "a ratio above 1" is refused).
    assert [check_target(t, "focus_ratio") for t in ("0", 0.75, 1)] == [0.0, 0.75, 1.0]
    for bad, shown in ((80, "80"), (1.01, "1.01"), (-0.5, "-0.5")):
        with pytest.raises(
            InputError, match=rf"^focus_ratio target must be from 0 to 1, not {shown}$"
        ):
            check_target(bad, "focus_ratio")
    assert check_target(1, "diversity_overall") == 1.0
    with pytest.raises(InputError, match=r"^diversity_overall target must be from 0 to 1, not 2$"):
        check_target(2, "diversity_overall")
