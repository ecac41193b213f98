"""SPEC r2's new keys on one hand-worked week: where effort went, the funnel, the
network, reciprocity, losses, interview rounds and channel effectiveness.

W47 is Monday 2026-11-16 … Sunday 2026-11-22. Every expected value is derived in a
comment from the facts below.
"""

from __future__ import annotations

from dataclasses import replace

from netrack.domain import metrics
from netrack.domain.card import ChannelCounts, Effort, FunnelStep, KindEffort, Network
from netrack.domain.facts import (
    ContactFacts,
    InteractionFacts,
    ReferralFacts,
    ScorecardInputs,
    StageEvent,
    TimeFacts,
)
from netrack.domain.models import Direction, Kind, Stage, TimeCategory
from netrack.domain.weeks import parse_week
from tests.unit.scenario import campaign, d

W47 = parse_week("2026-W47")

lost = campaign(3, ("2026-10-01", "applied"), ("2026-11-18", "lost"), source="job_board")
# The loss was recorded with a reason: the last event carries it.
lost = replace(lost, history=(*lost.history[:-1], replace(lost.history[-1], reason="rejected")))

INPUTS = ScorecardInputs(
    campaigns=(
        # 1: applied → interviewing (round 1) → follow_up → interviewing (round 2)
        campaign(1, ("2026-11-01", "applied"), ("2026-11-17", "interviewing"),
                 ("2026-11-19", "follow_up"), ("2026-11-20", "interviewing"),
                 source="referral"),
        campaign(2, ("2026-11-02", "research")),  # no source channel: "unspecified"
        lost,
        campaign(4, ("2026-10-01", "negotiating"), ("2026-11-10", "won"), source="networking"),
        # 5: straight from applied to follow_up: never entered interviewing
        campaign(5, ("2026-10-01", "applied"), ("2026-10-05", "follow_up"), source="recruiter"),
    ),
    interactions=(
        InteractionFacts(d("2026-11-16"), Kind.IN_PERSON, (1,), 60, 1, True, 12.5),
        InteractionFacts(d("2026-11-17"), Kind.EMAIL, (2,), 15, None, given=True),
        InteractionFacts(d("2026-11-18"), Kind.VIDEO, (3,), 45, 2, True, received=True),
        InteractionFacts(d("2026-11-21"), Kind.INTERVIEW, (1,), 90, 1),
        InteractionFacts(d("2026-11-10"), Kind.CALL, (1,), 30, 1),  # the week before
    ),
    time_entries=(
        TimeFacts(d("2026-11-17"), 120, TimeCategory.SEARCH, 3),
        TimeFacts(d("2026-11-19"), 30, TimeCategory.NETWORKING),
        TimeFacts(d("2026-11-20"), 60, TimeCategory.BUSYWORK, 1),  # not invested
    ),
    referrals=(
        ReferralFacts(d("2026-11-18"), Direction.IN),
        ReferralFacts(d("2026-11-19"), Direction.OUT),
        ReferralFacts(d("2026-11-20"), Direction.OUT),
    ),
    contacts=(
        ContactFacts(1, d("2026-01-01")),
        ContactFacts(2, d("2026-11-16")),  # new this week
        ContactFacts(3, d("2026-11-20")),  # new this week
        ContactFacts(4, d("2026-11-25")),  # met after the week
        ContactFacts(5, d("2026-05-01"), archived=True),
    ),
)  # fmt: skip


def test_effort_by_channel_adds_up_to_hours_invested() -> None:
    card = metrics.scorecard(INPUTS, W47)
    # invested: interactions 60 + 15 + 45 + 90 = 210 min, search 120, networking 30
    # = 360 min = 6 h (busywork is not invested)
    assert card.hours_invested == 6.0
    assert card.effort_by_channel == {
        # campaign 1 (referral): 60 + 90 min, 12.50 spent, 2 interactions
        "referral": Effort(hours=2.5, spend=12.5, interactions=2),
        # campaign 3 (job_board): the 120 min search entry only
        "job_board": Effort(hours=2.0, spend=0.0, interactions=0),
        # campaign 2 has no source: 45 min video
        "unspecified": Effort(hours=0.75, spend=0.0, interactions=1),
        # no campaign: 15 min email + 30 min networking time
        "unlinked": Effort(hours=0.75, spend=0.0, interactions=1),
    }
    assert list(card.effort_by_channel) == ["referral", "job_board", "unspecified", "unlinked"]
    assert sum(e.hours for e in card.effort_by_channel.values()) == card.hours_invested
    # linked to a campaign: 2.5 + 2 + 0.75 = 5.25 of 6 h
    assert card.campaign_focus == 5.25 / 6


def test_effort_by_kind() -> None:
    card = metrics.scorecard(INPUTS, W47)
    assert card.effort_by_kind == {  # in Kind's order, kinds without interactions left out
        "in_person": KindEffort(interactions=1, hours=1.0, meaningful=1),
        "video": KindEffort(interactions=1, hours=0.75, meaningful=1),
        "email": KindEffort(interactions=1, hours=0.25, meaningful=0),
        "interview": KindEffort(interactions=1, hours=1.5, meaningful=0),
    }


def test_interview_rounds_are_advances() -> None:
    card = metrics.scorecard(INPUTS, W47)
    # campaign 1: applied → interviewing, interviewing → follow_up, follow_up →
    # interviewing (the second round: an advance, not a setback) = 3 advances;
    # campaign 3: applied → lost = 1 setback; campaign 4 won the week before.
    assert (card.stage_advances, card.setbacks) == (3, 1)
    assert card.interview_rounds == 2  # 11-17 and 11-20, both into interviewing


def test_funnel_and_channel_effectiveness_reach_the_same_way() -> None:
    card = metrics.scorecard(INPUTS, W47)
    # by 11-22: applied reached by 1, 3, 4 (opened in negotiating, later than applied)
    # and 5 = 4; interviewing by 1 and 4 (5 went to follow_up without it) = 2;
    # negotiating and won by 4 only.
    assert card.funnel == (
        FunnelStep(stage=Stage.APPLIED, reached=4, rate=None),
        FunnelStep(stage=Stage.INTERVIEWING, reached=2, rate=0.5),  # 2 / 4
        FunnelStep(stage=Stage.NEGOTIATING, reached=1, rate=0.5),  # 1 / 2
        FunnelStep(stage=Stage.WON, reached=1, rate=1.0),  # 1 / 1
    )
    assert card.channel_effectiveness == {
        "networking": ChannelCounts(opened=1, interviewing=1, negotiating=1, won=1),
        "referral": ChannelCounts(opened=1, interviewing=1, negotiating=0, won=0),
        "job_board": ChannelCounts(opened=1, interviewing=0, negotiating=0, won=0),
        "recruiter": ChannelCounts(opened=1, interviewing=0, negotiating=0, won=0),
        "unspecified": ChannelCounts(opened=1, interviewing=0, negotiating=0, won=0),
    }


def test_network_reciprocity_and_lost_reasons() -> None:
    card = metrics.scorecard(INPUTS, W47)
    # known at 11-22, not archived: contacts 1, 2, 3; new this week: 2 and 3;
    # growth = 2 / (3 - 2)
    assert card.network == Network(size=3, new=2, growth=2.0)
    # given: the email with value given + 2 referrals out; received: the video with
    # value received + 1 referral in
    assert (card.reciprocity.given, card.reciprocity.received) == (3, 2)
    assert card.lost_reasons == {"rejected": 1}
    # A loss with no reason given is "unspecified"; before the loss there is none.
    plain = replace(
        INPUTS, campaigns=(campaign(9, ("2026-11-01", "applied"), ("2026-11-21", "lost")),)
    )
    assert metrics.scorecard(plain, W47).lost_reasons == {"unspecified": 1}
    assert metrics.scorecard(plain, parse_week("2026-W46")).lost_reasons == {}


def test_nothing_to_divide_by() -> None:
    empty = metrics.scorecard(ScorecardInputs(), W47)
    assert empty.campaign_focus is None  # no hours
    assert empty.network == Network(size=0, new=0, growth=None)
    assert [s.rate for s in empty.funnel] == [None] * 4
    assert empty.effort_by_channel == {} and empty.effort_by_kind == {}


def test_reopened_loss_is_not_counted() -> None:
    history = (
        StageEvent(d("2026-10-01"), None, Stage.APPLIED),
        StageEvent(d("2026-10-10"), Stage.APPLIED, Stage.LOST, "no_response"),
        StageEvent(d("2026-11-18"), Stage.LOST, Stage.APPLIED),  # reopened: neither move
    )
    reopened = replace(INPUTS.campaigns[0], opened_on=d("2026-10-01"), history=history)
    inputs = replace(INPUTS, campaigns=(reopened,))
    card = metrics.scorecard(inputs, W47)
    assert card.lost_reasons == {}
    assert (card.stage_advances, card.setbacks) == (0, 0)
    assert metrics.scorecard(inputs, parse_week("2026-W42")).lost_reasons == {"no_response": 1}


def test_growth_is_null_when_new_contacts_archived_since_outnumber_the_network() -> None:
    """Archived after they were met, new contacts leave `size` (known at the end) but
    count in `new` (SPEC: new = new_contacts): 2 ÷ (1 − 2) read as growth −200%."""
    archived = ScorecardInputs(
        contacts=(
            ContactFacts(1, d("2026-01-01")),
            ContactFacts(2, d("2026-11-16"), archived=True),
            ContactFacts(3, d("2026-11-20"), archived=True),
        )
    )
    assert metrics.scorecard(archived, W47).network == Network(size=1, new=2, growth=None)
    one = replace(archived, contacts=(*archived.contacts[:2], ContactFacts(3, d("2026-11-20"))))
    # size 2 (1 and 3), new 2: nothing known before the week, as SPEC's "null when 0"
    assert metrics.scorecard(one, W47).network == Network(size=2, new=2, growth=None)
