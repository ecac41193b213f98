"""The scorecard as pure functions, on scenarios worked out by hand.

Week under test: 2026-W47, Monday 2026-11-16 to Sunday 2026-11-22. Every expected value
is derived in the comment beside it, from the facts below — never from the code.
"""

from __future__ import annotations

import pytest

from netrack.domain import metrics
from netrack.domain.card import Diversity, FollowUps, Scorecard
from netrack.domain.entries import Goal
from netrack.domain.facts import (
    ContactFacts,
    FollowUpFacts,
    InteractionFacts,
    ReferralFacts,
    ScorecardInputs,
    TimeFacts,
)
from netrack.domain.models import Comparator, Direction, GoalPeriod, Kind, Stage, TimeCategory
from netrack.domain.weeks import parse_week
from netrack.present import as_json
from tests.unit.scenario import campaign, d

W47 = parse_week("2026-W47")


def contact(cid: int, met: str, **fields: object) -> ContactFacts:
    return ContactFacts(id=cid, met_on=d(met), name=f"C{cid}", **fields)  # type: ignore[arg-type]


def touch(
    on: str,
    kind: Kind,
    *who: int,
    minutes: int = 0,
    campaign_id: int | None = None,
    meaningful: bool = False,
    cost: float = 0.0,
) -> InteractionFacts:
    return InteractionFacts(d(on), kind, who, minutes, campaign_id, meaningful, cost)


def goal(gid: int, metric: str, target: float, at_most: bool = False, month: bool = False) -> Goal:
    return Goal(
        id=gid,
        metric=metric,
        target=target,
        comparator=Comparator.AT_MOST if at_most else Comparator.AT_LEAST,
        period=GoalPeriod.MONTH if month else GoalPeriod.WEEK,
    )


CONTACTS = (
    # known at the end of W47 unless said otherwise
    contact(1, "2026-01-10", strength=4, channel="event", industry="Fintech",
            function="engineering", location="Berlin", company_size="51-200"),
    contact(2, "2026-11-17", strength=2, channel="linkedin", industry="fintech ",
            function="Engineering", location="", company_size="51-200"),
    contact(3, "2026-11-20", strength=None, channel=None, industry="",
            function="product", location="London", company_size="11-50"),
    # met the day after the period: not known, not new (would add "health" otherwise)
    contact(4, "2026-11-23", strength=5, channel="event", industry="health",
            function="sales", location="Paris", company_size="1-10"),
    # archived: not known (its "retail" would otherwise count)
    contact(5, "2025-06-01", archived=True, strength=5, industry="retail",
            function="ops", location="Rome", company_size="5000+"),
    contact(6, "2026-11-22", strength=3, channel="event", industry="health",
            function="", location="berlin", company_size="5000+"),
    contact(7, "2026-01-01", strength=1),
    contact(8, "2026-01-01", strength=5),
)  # fmt: skip

INTERACTIONS = (
    touch("2026-11-16", Kind.IN_PERSON, 1, minutes=60, campaign_id=1, meaningful=True,
          cost=12.5),
    touch("2026-11-17", Kind.VIDEO, 1, 2, minutes=30),  # no campaign: not face-to-face
    touch("2026-11-18", Kind.VIDEO, 2, minutes=45, campaign_id=2, meaningful=True),
    touch("2026-11-19", Kind.EVENT, 3, 6, minutes=120, cost=20.0),
    touch("2026-11-20", Kind.INTERVIEW, 6, minutes=60, campaign_id=1, meaningful=True),
    touch("2026-11-22", Kind.EMAIL, 3, minutes=10),
    touch("2026-11-15", Kind.IN_PERSON, 3, minutes=40, campaign_id=1, meaningful=True),
    touch("2026-11-23", Kind.VIDEO, 1, minutes=30, campaign_id=1, meaningful=True),
    touch("2026-08-25", Kind.CALL, 7, minutes=20, meaningful=True),  # first day of 90
    touch("2026-08-24", Kind.CALL, 8, minutes=20, meaningful=True),  # the day before
)  # fmt: skip

REFERRALS = (
    ReferralFacts(d("2026-11-16"), Direction.IN),
    ReferralFacts(d("2026-11-22"), Direction.IN),
    ReferralFacts(d("2026-11-18"), Direction.OUT),
    ReferralFacts(d("2026-08-25"), Direction.IN),  # inside the 90 days
    ReferralFacts(d("2026-08-24"), Direction.IN),  # outside
    ReferralFacts(d("2026-11-23"), Direction.IN),  # after the end
    ReferralFacts(d("2026-11-10"), Direction.OUT),
    ReferralFacts(d("2026-11-03"), Direction.IN),  # this month, earlier week
)

TIME = (
    TimeFacts(d("2026-11-16"), 90, TimeCategory.SEARCH),
    TimeFacts(d("2026-11-17"), 45, TimeCategory.NETWORKING),
    TimeFacts(d("2026-11-18"), 50, TimeCategory.BUSYWORK),
    TimeFacts(d("2026-11-22"), 40, TimeCategory.BUSYWORK),
    TimeFacts(d("2026-11-21"), 180, TimeCategory.OFF),
    TimeFacts(d("2026-11-23"), 600, TimeCategory.SEARCH),
    TimeFacts(d("2026-11-15"), 100, TimeCategory.BUSYWORK),
)

CAMPAIGNS = (
    # applied → interviewing in the week: an advance; lost after the week
    campaign(1, ("2026-10-01", "research"), ("2026-10-20", "applied"),
             ("2026-11-17", "interviewing"), ("2026-11-25", "lost"), source="referral"),
    campaign(2, ("2026-11-18", "research"), source="job_board"),  # opened: neither
    # out of paused: neither
    campaign(3, ("2026-09-01", "target"), ("2026-11-02", "paused"),
             ("2026-11-19", "networking")),
    campaign(4, ("2026-08-01", "applied"), ("2026-11-20", "lost")),  # setback
    campaign(5, ("2026-07-01", "interviewing"), ("2026-11-21", "target")),  # back: setback
    campaign(6, ("2026-06-01", "negotiating"), ("2026-11-22", "won")),  # advance
    campaign(7, ("2026-11-23", "research")),  # opened after the end: not there yet
    campaign(8, ("2026-10-10", "networking"), ("2026-11-16", "paused")),  # setback
    # lost → paused: neither
    campaign(9, ("2026-05-01", "research"), ("2026-10-01", "lost"), ("2026-11-18", "paused")),
)  # fmt: skip

FOLLOW_UPS = (
    FollowUpFacts(d("2026-11-16"), d("2026-11-16")),  # due, on time
    FollowUpFacts(d("2026-11-18"), d("2026-11-19")),  # due, late but done by the end
    FollowUpFacts(d("2026-11-20"), None),  # due, overdue
    FollowUpFacts(d("2026-11-22"), d("2026-11-23")),  # due, overdue (done after the end)
    FollowUpFacts(d("2026-11-10"), None),  # earlier, still overdue
    FollowUpFacts(d("2026-11-12"), d("2026-11-20")),  # earlier, done within the week
    FollowUpFacts(d("2026-11-25"), None),  # not due yet
    FollowUpFacts(d("2026-11-21"), d("2026-11-21")),  # due, on time (same day)
)

GOALS = (
    goal(1, "meaningful_contacts", 3),  # 3 ≥ 3: met
    goal(2, "hours_busywork", 1, at_most=True),  # 1.5 ≤ 1: missed
    goal(3, "referrals_in", 3, month=True),  # Nov 1–22: 11-03, 11-16, 11-22 = 3: met
    # Nov 1–22: the six of the week + 11-15 = 7 (11-23 is after the period end): missed
    goal(4, "interactions", 8, month=True),
    goal(5, "focus_ratio", 0.8),  # 460/550 = 0.836…: met
)

INPUTS = ScorecardInputs(
    campaigns=CAMPAIGNS,
    interactions=INTERACTIONS,
    contacts=CONTACTS,
    follow_ups=FOLLOW_UPS,
    referrals=REFERRALS,
    time_entries=TIME,
    goals=GOALS,
)


@pytest.fixture(scope="module")
def card() -> Scorecard:
    return metrics.scorecard(INPUTS, W47)


def test_period(card: Scorecard) -> None:
    assert (card.period.start, card.period.end) == (d("2026-11-16"), d("2026-11-22"))
    assert card.period.label == "2026-W47"


def test_pipeline_replayed_at_period_end(card: Scorecard) -> None:
    # At 11-22: 1 interviewing, 2 research, 3 networking, 4 lost, 5 target, 6 won,
    # 8 paused, 9 paused; 7 not opened yet.
    assert card.campaigns_by_stage == {
        Stage.RESEARCH: 1,
        Stage.TARGET: 1,
        Stage.NETWORKING: 1,
        Stage.INTERVIEWING: 1,
        Stage.WON: 1,
        Stage.LOST: 1,
        Stage.PAUSED: 2,
    }
    assert card.active_campaigns == 4  # 1, 2, 3, 5
    assert card.pipeline_coverage == 4  # research, target, networking, interviewing


def test_stage_advances_and_setbacks(card: Scorecard) -> None:
    # advances: 1 applied→interviewing (11-17), 6 negotiating→won (11-22)
    # setbacks: 4 →lost, 5 interviewing→target, 8 →paused
    # neither: 2 opened, 3 paused→networking, 9 lost→paused, 1 →lost on 11-25 (after)
    assert card.stage_advances == 2
    assert card.setbacks == 3


def test_activity_counts(card: Scorecard) -> None:
    assert card.interactions == 6  # 11-16 … 11-22; not 11-15 nor 11-23
    assert card.meaningful_contacts == 3  # contacts 1, 2, 6
    assert card.face_to_face == 2  # 11-16 in person + 11-18 video, both with a campaign
    assert card.events == 1
    assert card.interviews == 1
    assert card.spend == pytest.approx(32.5)  # 12.50 + 20.00


def test_new_contacts_by_channel(card: Scorecard) -> None:
    # 2 (11-17, linkedin), 3 (11-20, no channel), 6 (11-22, event); 4 is met 11-23
    assert card.new_contacts == 3
    assert card.new_contacts_by_channel == {"event": 1, "linkedin": 1, "unspecified": 1}


def test_referrals(card: Scorecard) -> None:
    assert card.referrals_in == 2  # 11-16, 11-22
    assert card.referrals_out == 1  # 11-18
    # 90 days ending 11-22 start on 08-25: in on 08-25, 11-03, 11-16, 11-22 = 4;
    # known contacts: 1, 2, 3, 6, 7, 8 = 6 (4 met later, 5 archived) → 4/6
    assert card.referral_rate_90d == pytest.approx(4 / 6)


def test_diversity_case_insensitive_blanks_ignored(card: Scorecard) -> None:
    div = card.diversity
    # industry: fintech, fintech (" fintech " folded), health → 1 − (4/9 + 1/9) = 4/9
    assert div.industry == pytest.approx(4 / 9)
    # function: engineering ×2 (case), product → 4/9
    assert div.function == pytest.approx(4 / 9)
    # location: berlin ×2 (case), london → 4/9
    assert div.location == pytest.approx(4 / 9)
    # size: 51-200 ×2, 11-50, 5000+ → 1 − (1/4 + 1/16 + 1/16) = 10/16
    assert div.company_size == pytest.approx(10 / 16)
    # mean of the four: (3·4/9 + 5/8) / 4 = 47/96
    assert div.overall == pytest.approx(47 / 96)


def test_relationship_quality(card: Scorecard) -> None:
    # meaningful in 08-25 … 11-22: contacts 1 (4), 2 (2), 6 (3), 3 (no strength: left
    # out), 7 (1); 8 only on 08-24 → (4 + 2 + 3 + 1) / 4
    assert card.relationship_quality == pytest.approx(2.5)


def test_follow_ups(card: Scorecard) -> None:
    # due in the week: 11-16, 11-18, 11-20, 11-22, 11-21 = 5; on time: 11-16, 11-21;
    # overdue at 11-22: 11-20, 11-22 (done 11-23), 11-10 = 3
    assert card.follow_ups == FollowUps(due=5, on_time=2, overdue=3)


def test_hours_focus_and_outcomes(card: Scorecard) -> None:
    # interaction minutes 60+30+45+120+60+10 = 325; + search 90 + networking 45 = 460
    assert card.hours_invested == 460 / 60
    assert card.hours_busywork == 90 / 60  # 50 + 40; the 100 on 11-15 is outside
    assert card.hours_off == 3.0
    assert card.focus_ratio == pytest.approx(460 / 550)
    # outcomes: 3 meaningful + 2 referrals in + 2 advances + 1 interview = 8
    assert card.outcomes_per_10h == pytest.approx(10 * 8 / (460 / 60))


def test_goals_week_and_month_to_period_end(card: Scorecard) -> None:
    by_id = {g.id: g for g in card.goals}
    assert [by_id[i].met for i in (1, 2, 3, 4, 5)] == [True, False, True, False, True]
    assert by_id[1].actual == 3
    assert by_id[2].actual == 1.5
    assert by_id[3].actual == 3  # month to 11-22, not the week's 2
    assert by_id[4].actual == 7  # 11-23 is after the period end
    assert by_id[4].period == GoalPeriod.MONTH
    assert by_id[4].comparator == Comparator.AT_LEAST
    assert (by_id[1].metric, by_id[1].target) == ("meaningful_contacts", 3)


def test_past_week_replayed_from_history() -> None:
    # W46 = 11-09 … 11-15. Stages at 11-15: 1 applied (interviewing only from 11-17),
    # 3 paused, 4 applied (lost only from 11-20), 5 interviewing, 6 negotiating,
    # 8 networking, 9 lost; 2 and 7 not opened.
    card = metrics.scorecard(INPUTS, parse_week("2026-W46"))
    assert card.active_campaigns == 5  # 1, 4, 5, 6, 8
    assert card.campaigns_by_stage == {
        Stage.APPLIED: 2,
        Stage.NETWORKING: 1,
        Stage.INTERVIEWING: 1,
        Stage.NEGOTIATING: 1,
        Stage.PAUSED: 1,
        Stage.LOST: 1,
    }
    assert (card.stage_advances, card.setbacks) == (0, 0)
    # known at 11-15: 1, 7, 8 (2, 3, 6 met later; 5 archived); industry only "Fintech"
    assert card.diversity.industry == 0.0
    assert card.diversity.company_size == 0.0
    assert card.diversity.function == 0.0
    # referral rate: in on 08-24, 08-25 and 11-03 (08-18 … 11-15) over 3 known contacts
    assert card.referral_rate_90d == 1.0


def test_null_cases() -> None:
    card = metrics.scorecard(ScorecardInputs(goals=(goal(1, "focus_ratio", 0.5),)), W47)
    assert card.referral_rate_90d is None  # no contacts
    assert card.diversity == Diversity(
        industry=None, function=None, location=None, company_size=None, overall=None
    )
    assert card.relationship_quality is None
    assert card.focus_ratio is None  # 0 / 0
    assert card.outcomes_per_10h is None  # no hours
    assert card.goals[0].actual is None
    assert card.goals[0].met is False  # nothing to measure is not met
    assert card.campaigns_by_stage == {}
    assert card.new_contacts_by_channel == {}
    assert card.follow_ups == FollowUps(due=0, on_time=0, overdue=0)
    assert card.trend["hours_invested"] == (0.0,) * 12


def test_nulls_with_some_data() -> None:
    # One contact with only blank dimensions and no strength; time off only.
    inputs = ScorecardInputs(
        contacts=(contact(1, "2026-11-01", industry="  "),),
        interactions=(touch("2026-11-18", Kind.CALL, 1, meaningful=True),),
        time_entries=(TimeFacts(d("2026-11-18"), 120, TimeCategory.OFF),),
    )
    card = metrics.scorecard(inputs, W47)
    assert card.referral_rate_90d == 0.0  # 0 referrals / 1 contact: not null
    assert card.diversity.overall is None  # every value blank
    assert card.relationship_quality is None  # the only meaningful contact has none
    assert card.focus_ratio is None  # invested 0 + busywork 0 (off does not count)
    assert card.outcomes_per_10h is None  # 1 meaningful contact, but 0 hours
    assert card.hours_off == 2.0


def test_diversity_one_dimension_present() -> None:
    # Only location has values: overall is the mean of the non-null ones = location.
    inputs = ScorecardInputs(
        contacts=(
            contact(1, "2026-11-01", location="Oslo"),
            contact(2, "2026-11-01", location="OSLO"),
            contact(3, "2026-11-01", location="Lagos"),
            contact(4, "2026-11-01", location="Quito"),
        )
    )
    div = metrics.scorecard(inputs, W47).diversity
    # oslo ×2, lagos, quito → 1 − (1/4 + 1/16 + 1/16) = 0.625
    assert div.location == pytest.approx(0.625)
    assert div.industry is None
    assert div.overall == pytest.approx(0.625)


def test_trend_twelve_weeks_oldest_first() -> None:
    # W36 (08-31 … 09-06) is the oldest of the 12 weeks ending W47; W35 is outside.
    inputs = ScorecardInputs(
        contacts=(
            contact(1, "2026-08-30"),  # W35: not in the trend
            contact(2, "2026-08-31"),  # W36: first slot
            contact(3, "2026-11-16"),  # W47: last slot
            contact(4, "2026-11-22"),
        ),
        time_entries=(TimeFacts(d("2026-10-04"), 90, TimeCategory.SEARCH),),  # W40, Sunday
        campaigns=(campaign(1, ("2026-09-30", "target"), ("2026-11-02", "lost")),),
        interactions=(
            touch("2026-09-07", Kind.VIDEO, 2, campaign_id=1, meaningful=True),  # W37
        ),
        referrals=(ReferralFacts(d("2026-11-15"), Direction.IN),),  # W46
    )
    card = metrics.scorecard(inputs, W47)
    assert card.trend_labels[0] == "2026-W36"
    assert card.trend_labels[-1] == "2026-W47"
    trend = {key: list(values) for key, values in card.trend.items()}
    assert trend["new_contacts"] == [1] + [0] * 10 + [2]
    assert trend["hours_invested"] == [0, 0, 0, 0, 1.5, 0, 0, 0, 0, 0, 0, 0]
    # target from 09-30 (W40) until lost on 11-02 (W45): active at the end of W40 … W44
    assert trend["active_campaigns"] == [0, 0, 0, 0, 1, 1, 1, 1, 1, 0, 0, 0]
    assert trend["face_to_face"] == [0, 1] + [0] * 10
    assert trend["meaningful_contacts"] == [0, 1] + [0] * 10
    assert trend["referrals_in"] == [0] * 10 + [1, 0]
    assert set(trend) == {
        "meaningful_contacts",
        "face_to_face",
        "new_contacts",
        "referrals_in",
        "hours_invested",
        "active_campaigns",
    }


def test_json_rounding_only_at_display(card: Scorecard) -> None:
    shown = as_json(card)
    assert shown["hours_invested"] == 7.67  # 460/60 = 7.666…
    assert shown["hours_busywork"] == 1.5
    assert shown["focus_ratio"] == 0.8364  # 0.83636…
    assert shown["referral_rate_90d"] == 0.6667
    assert shown["outcomes_per_10h"] == 10.4348  # 80/7.666… = 10.43478…
    assert shown["diversity"]["industry"] == 0.4444
    assert shown["diversity"]["overall"] == 0.4896  # 47/96 = 0.489583…
    assert shown["goals"][4]["actual"] == 0.8364
    # the card itself keeps full precision
    assert card.hours_invested != shown["hours_invested"]
    assert card.focus_ratio == 460 / 550


def test_trend_hours_rounded_for_display() -> None:
    inputs = ScorecardInputs(time_entries=(TimeFacts(d("2026-11-18"), 10, TimeCategory.SEARCH),))
    card = metrics.scorecard(inputs, W47)
    assert card.trend["hours_invested"][-1] == 10 / 60
    assert as_json(card)["trend"]["hours_invested"][-1] == 0.17


def test_rounding_after_summing_minutes() -> None:
    # Three 20-minute entries: 1.0 hour exactly, not 3 × round(0.33) = 0.99.
    inputs = ScorecardInputs(
        time_entries=tuple(
            TimeFacts(d(day), 20, TimeCategory.SEARCH)
            for day in ("2026-11-16", "2026-11-17", "2026-11-18")
        )
    )
    assert as_json(metrics.scorecard(inputs, W47))["hours_invested"] == 1.0


def test_new_year_week() -> None:
    week = parse_week("2026-W53")
    assert (week.start, week.end, week.label) == (d("2026-12-28"), d("2027-01-03"), "2026-W53")
    inputs = ScorecardInputs(
        contacts=(contact(1, "2026-06-01"),),
        interactions=(
            touch("2026-12-27", Kind.CALL, 1),  # W52
            touch("2026-12-28", Kind.CALL, 1),
            touch("2026-12-31", Kind.CALL, 1, meaningful=True),
            touch("2027-01-01", Kind.EVENT, 1),
            touch("2027-01-03", Kind.CALL, 1),
            touch("2027-01-04", Kind.CALL, 1),  # 2027-W01
        ),
    )
    card = metrics.scorecard(inputs, week)
    assert card.interactions == 4  # 12-28, 12-31, 01-01, 01-03
    assert card.events == 1
    assert card.trend_labels[-2:] == ("2026-W52", "2026-W53")
    assert card.trend_labels[0] == "2026-W42"
    assert card.trend["meaningful_contacts"][-1] == 1


def test_diversity_reads_runs_of_spaces_as_one() -> None:
    """ "New  York" typed with two spaces was a second location: 0.4444 for one city."""
    from netrack.domain.metrics_standing import gini_simpson

    assert gini_simpson(["New York", "New  York", " new york", "NEW\tYORK"]) == 0.0
    assert gini_simpson(["New York", "New  York", "Berlin", " "]) == pytest.approx(4 / 9)


def test_a_ratio_reached_exactly_meets_its_goal() -> None:
    """Each ratio divides whole minutes and counts once: 90 minutes invested against
    10 of busywork is a focus of 0.9, not 0.8999…, so a goal of 90% is met (the card
    showed "90% ✗ missed"); likewise 9 linked minutes of 12, and 7 outcomes in 140
    minutes."""
    focus = ScorecardInputs(
        goals=(goal(1, "focus_ratio", 0.9),),
        interactions=(touch("2026-11-18", Kind.CALL, 1, minutes=90),),
        time_entries=(TimeFacts(d("2026-11-18"), 10, TimeCategory.BUSYWORK),),
    )
    linked = ScorecardInputs(
        goals=(goal(1, "campaign_focus", 0.75),),
        campaigns=(campaign(1, ("2026-11-02", "applied"), source="referral"),),
        interactions=(
            touch("2026-11-18", Kind.CALL, 1, minutes=9, campaign_id=1),
            touch("2026-11-19", Kind.EMAIL, 1, minutes=3),
        ),
    )
    outcomes = ScorecardInputs(
        goals=(goal(1, "outcomes_per_10h", 30),),
        contacts=tuple(contact(n, "2026-11-01") for n in range(1, 8)),
        interactions=(touch("2026-11-18", Kind.EVENT, *range(1, 8), minutes=140, meaningful=True),),
    )
    cards = [metrics.scorecard(inputs, W47) for inputs in (focus, linked, outcomes)]
    assert (cards[0].focus_ratio, cards[1].campaign_focus, cards[2].outcomes_per_10h) == (
        0.9,
        0.75,
        30.0,
    )
    assert [card.goals[0].met for card in cards] == [True, True, True]
