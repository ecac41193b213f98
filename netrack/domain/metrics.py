"""The scorecard, exactly as SPEC defines it, as pure functions of plain facts.

Every figure is computed from unrounded minutes and counts into a typed `card.Scorecard`;
rounding and text happen only when a card is shown (see `present.py`). A period that
ends after the facts' `today` is running: whatever SPEC measures "at period end" is
measured at the earlier of its end and today.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import fields
from datetime import date, timedelta
from typing import cast

from netrack.domain import insights, registry
from netrack.domain import metrics_span as summed
from netrack.domain.card import (
    Effort,
    Figures,
    FollowUps,
    GoalResult,
    Network,
    Reciprocity,
    Scorecard,
)
from netrack.domain.card_days import TREND_PERIODS, as_of
from netrack.domain.card_reuse import (
    AfterLog,
    Kept,
    Parts,
    Pipeline,
    Takeover,
    takeover,
)
from netrack.domain.facts import InteractionFacts, ScorecardInputs
from netrack.domain.gc_pause import paused
from netrack.domain.index import index
from netrack.domain.metrics_effort import (
    campaign_focus,
    effort_by_channel,
    effort_by_kind,
    invested_minutes,
    reciprocity,
)
from netrack.domain.metrics_goals import goal_spans, measured_goals
from netrack.domain.metrics_pipeline import (
    funnel,
    lost_reasons,
    stage_counts,
    stage_counts_at,
    stage_moves,
)
from netrack.domain.metrics_standing import (
    Standing,
    as_of_metrics,
    meaningful_people,
    ratio,
    referrals,
)
from netrack.domain.models import (
    ACTIVE_STAGES,
    FACE_TO_FACE_KINDS,
    Direction,
    Kind,
    Stage,
    TimeCategory,
)
from netrack.domain.weeks import Period, trailing


def growth(new: int, size: int) -> float | None:
    """SPEC's new ÷ (size − new), null when size − new is 0 — or below it: archived
    after they were met, new contacts leave `size` (the network known) but still count
    in `new`, and two of them against a network of one made growth −200%."""
    before = size - new
    return new / before if before > 0 else None


def _minutes(inputs: ScorecardInputs, start: date, end: date, category: TimeCategory) -> int:
    entries = index(inputs).time.within(start, end)
    return sum(t.minutes for t in entries if t.category == category)


def _face_to_face(interactions: Sequence[InteractionFacts]) -> int:
    return sum(1 for i in interactions if i.kind in FACE_TO_FACE_KINDS and i.campaign_id)


def _invested_minutes(
    inputs: ScorecardInputs, start: date, end: date, interactions: Sequence[InteractionFacts]
) -> int:
    entries = index(inputs).time.within(start, end)
    return invested_minutes(sum(i.minutes for i in interactions), entries)


def _stages(
    inputs: ScorecardInputs, day: date, known: Mapping[date, Counter[Stage]] | None
) -> Counter[Stage]:
    return known[day] if known is not None and day in known else stage_counts(inputs, day)


def trend_metrics(
    inputs: ScorecardInputs, period: Period, stages: Mapping[date, Counter[Stage]] | None = None
) -> dict[str, float]:
    """Only the trend keys of one period: the 12-period history needs no more, and
    skipping diversity and follow-ups keeps the card's cost flat as the network grows.
    Days before the inputs' `detail_from` are read from their per-day sums."""
    start, last = period.start, as_of(period, inputs.today)
    found = index(inputs)
    split = max(start, inputs.detail_from)
    interactions = found.interactions.within(split, last)
    meaningful = meaningful_people(interactions)
    minutes = _invested_minutes(inputs, split, last, interactions)
    face_to_face = _face_to_face(interactions)
    people = 0  # a whole period summed earlier: its count stands for the set
    if start < split:
        runs = found.trend_days.within(start, min(last, split - timedelta(days=1)))
        if len(runs) == 1 and split > last and runs[0].meaningful is None:
            people = runs[0].meaningful_count
        else:
            for day in runs:
                meaningful |= day.people
        for day in runs:
            minutes += day.minutes
            face_to_face += day.face_to_face
    at_end = _stages(inputs, last, stages)
    return {
        "meaningful_contacts": len(meaningful) + people,
        "face_to_face": face_to_face,
        "new_contacts": len(found.contacts.within(start, last)),
        "referrals_in": referrals(inputs, start, last, Direction.IN),
        "hours_invested": minutes / 60,
        "active_campaigns": sum(at_end[s] for s in ACTIVE_STAGES),
    }


def core_metrics(
    inputs: ScorecardInputs,
    period: Period,
    cache: dict[date, Standing] | None = None,
    known: Mapping[date, Counter[Stage]] | None = None,
    kept: Kept | None = None,
    goals: frozenset[str] | None = None,
) -> Figures:
    """The scalar and per-category figures of one period (no trend, no goals); `known`:
    stage counts already replayed, by day; `kept`: what the periods of one card share
    (see `card_reuse.Kept`). `goals`: only these goal metrics are wanted (a goal's
    span): the breakdowns none of them reads (effort by kind, reciprocity, the funnel,
    lost reasons; effort by channel unless campaign_focus) are left empty, as each
    costs a card on a long history milliseconds to tens of them."""
    today = inputs.today
    start, last = period.start, as_of(period, today)
    found = index(inputs)
    interactions = found.interactions.within(start, last)
    time_entries = found.time.within(start, last)
    stages = _stages(inputs, last, known)
    # Days before the detailed rows (a year card's first months) come summed.
    span = summed.summed_span(inputs, start, last)
    meaningful = meaningful_people(interactions) | summed.meaningful_contacts(inputs, span)
    interviews = sum(1 for i in interactions if i.kind == Kind.INTERVIEW)
    interviews += summed.interactions(span, (Kind.INTERVIEW,))
    new = found.contacts.within(start, last)
    by_channel = Counter(c.channel or "unspecified" for c in new)
    referrals_in = referrals(inputs, start, last, Direction.IN)
    referrals_out = referrals(inputs, start, last, Direction.OUT)
    pipeline = kept.pipelines.get((start, last)) if kept is not None else None
    if pipeline is None and goals is not None:
        pipeline = Pipeline(stage_moves(inputs, start, last), (), {})  # never kept
    elif pipeline is None:
        pipeline = Pipeline(
            stage_moves(inputs, start, last),
            funnel(inputs.campaigns, last),
            lost_reasons(inputs.campaigns, last),
        )
        if kept is not None:
            kept.pipelines[start, last] = pipeline
    advances, setbacks, rounds = pipeline.moves

    standing = as_of_metrics(inputs, last, cache, kept)
    due = found.follow_ups.within(start, period.end)
    # Done by its due day and by the card's day: one marked done on a later "today" (an
    # export from a netrack whose clock ran ahead) is pending here until that day comes.
    on_time = sum(1 for f in due if f.done_on is not None and f.done_on <= min(f.due, last))
    if period.end <= today:  # open at period end
        overdue = sum(
            1 for f in found.follow_ups.until(last) if f.done_on is None or f.done_on > last
        )
    else:  # running: due before today and still open today, as the Agenda counts them
        yesterday = today - timedelta(days=1)
        overdue = sum(
            1 for f in found.follow_ups.until(yesterday) if f.done_on is None or f.done_on > today
        )

    minutes_invested = (
        _invested_minutes(inputs, start, last, interactions)
        + summed.interaction_minutes(span)
        + summed.time_minutes(span, TimeCategory.SEARCH)
        + summed.time_minutes(span, TimeCategory.NETWORKING)
    )
    hours_invested = minutes_invested / 60
    busywork = TimeCategory.BUSYWORK
    busywork_minutes = _minutes(inputs, start, last, busywork) + summed.time_minutes(span, busywork)
    off = _minutes(inputs, start, last, TimeCategory.OFF) + summed.time_minutes(
        span, TimeCategory.OFF
    )
    outcomes = len(meaningful) + referrals_in + advances + interviews
    effort: dict[str, Effort] = {}
    if goals is None or "campaign_focus" in goals:  # the linked share of that effort
        effort = effort_by_channel(inputs, interactions, time_entries, span)
    if goals is None:
        by_kind = effort_by_kind(interactions, span)
        given = reciprocity(interactions, referrals_in, referrals_out, span)
    else:
        by_kind, given = {}, Reciprocity(given=0, received=0)

    return Figures(
        period=period,
        complete=period.end <= today,
        active_campaigns=sum(stages[s] for s in ACTIVE_STAGES),
        campaigns_by_stage={s: stages[s] for s in Stage if stages[s]},
        pipeline_coverage=sum(1 for s in ACTIVE_STAGES if stages[s]),
        interactions=len(interactions) + summed.interactions(span),
        meaningful_contacts=len(meaningful),
        face_to_face=_face_to_face(interactions) + summed.face_to_face(span),
        events=sum(1 for i in interactions if i.kind == Kind.EVENT)
        + summed.interactions(span, (Kind.EVENT,)),
        interviews=interviews,
        new_contacts=len(new),
        new_contacts_by_channel=dict(sorted(by_channel.items())),
        referrals_in=referrals_in,
        referrals_out=referrals_out,
        referral_rate_90d=standing.referral_rate_90d,
        diversity=standing.diversity,
        relationship_quality=standing.relationship_quality,
        follow_ups=FollowUps(due=len(due), on_time=on_time, overdue=overdue),
        stage_advances=advances,
        setbacks=setbacks,
        interview_rounds=rounds,
        hours_invested=hours_invested,
        hours_busywork=busywork_minutes / 60,
        hours_off=off / 60,
        # Ratios divide whole minutes once: from hours (each already rounded) 90 minutes
        # against 10 was a focus of 0.8999…, and a goal of 90% was missed at 90%.
        focus_ratio=ratio(minutes_invested, minutes_invested + busywork_minutes),
        # Summed in whole cents, as stored: exact (12.10 + 0.20 is 12.30, not 12.299…)
        # and the same in any row order, so a card updated after a log (its row added
        # last) equals one read afresh (rows in index order).
        spend=(sum(round(i.cost * 100) for i in interactions) + summed.cents(span)) / 100,
        outcomes_per_10h=ratio(600 * outcomes, minutes_invested),
        effort_by_channel=effort,
        effort_by_kind=by_kind,
        campaign_focus=campaign_focus(effort, minutes_invested),
        funnel=pipeline.funnel,
        network=Network(
            size=standing.known,
            new=len(new),
            growth=growth(len(new), standing.known),
        ),
        reciprocity=given,
        lost_reasons=pipeline.lost_reasons,
    )


_FIGURES = tuple(f.name for f in fields(Figures))
_INSIGHTS = tuple(f.name for f in fields(insights.Insights))


def scorecard(inputs: ScorecardInputs, period: Period) -> Scorecard:
    """The full card for `period` (a week, month, quarter or year, as its label says):
    SPEC's figures, goals and trend, plus the insights computed at period end."""
    return scorecard_and_parts(inputs, period)[0]


def scorecard_and_parts(
    inputs: ScorecardInputs, period: Period, after: AfterLog | None = None
) -> tuple[Scorecard, Parts]:
    """`scorecard(inputs, period)` and what it computed on the way. `after`: the card
    for `period` before one interaction was logged, `inputs` being its facts brought up
    to date for it (`delta.after_log`): what the log cannot change is taken over (see
    `card_reuse`)."""
    with paused():  # thousands of short-lived objects: see gc_pause
        reuse = takeover(after, inputs, period)
        if reuse is not None:  # sorted from the facts before the log: see `index`
            index(inputs, like=reuse.after.parts.index)
        return _scorecard(inputs, period, reuse)


def _scorecard(
    inputs: ScorecardInputs, period: Period, reuse: Takeover | None
) -> tuple[Scorecard, Parts]:
    week_start, today = inputs.settings.week_start, inputs.today
    periods = trailing(period, TREND_PERIODS, week_start)
    spans = goal_spans(inputs, period)
    # Every stage count the card needs, replayed in one pass over each campaign.
    known = (
        reuse.stages
        if reuse is not None
        else stage_counts_at(inputs, [as_of(p, today) for p in [*periods, *spans.values()]])
    )
    kept = reuse.kept() if reuse is not None else Kept()
    standing: dict[date, Standing] = {}
    figures = core_metrics(inputs, period, standing, known, kept)
    cache: dict[Period, Figures] = {period: figures}
    taken = reuse.goals() if reuse is not None else None
    goals = _goals(inputs, spans, cache, standing, known, kept, taken)
    rows = {p: _trend_row(inputs, p, cache, known, reuse) for p in periods}
    last = as_of(period, today)
    found = reuse.insights_at(inputs, last) if reuse is not None else insights.at(inputs, last)
    card = Scorecard(
        **{name: getattr(figures, name) for name in _FIGURES},
        goals=tuple(goals),
        trend={key: tuple(row[key] for row in rows.values()) for key in registry.TREND_KEYS},
        trend_labels=tuple(p.label for p in periods),
        **{name: getattr(found, name) for name in _INSIGHTS},
    )
    return card, Parts(inputs, index(inputs), known, kept, rows)


def goal_results(inputs: ScorecardInputs, period: Period) -> tuple[GoalResult, ...]:
    """The goals of the card for `period`, figure for figure as `scorecard` has them,
    without the rest of the card (its trend, the insights): the Goals screen reads one
    card of each kind of goal, and on a long history those are most of a card's work."""
    with paused():
        spans = goal_spans(inputs, period)
        known = stage_counts_at(inputs, [as_of(p, inputs.today) for p in spans.values()])
        return _goals(inputs, spans, {}, {}, known, Kept())


def _goals(
    inputs: ScorecardInputs,
    spans: Mapping[int, Period],
    cache: dict[Period, Figures],
    standing: dict[date, Standing],
    known: Mapping[date, Counter[Stage]],
    kept: Kept,
    taken: Mapping[int, GoalResult] | None = None,
) -> tuple[GoalResult, ...]:
    """Each goal of `spans` (by id) measured over its span: from `cache`'s whole figures
    where the span is one, else only its goals' metrics (never read by a trend row);
    `taken`: goals measured already (see `measured_goals`), whose spans are not measured
    for them."""
    wanted: dict[Period, set[str]] = {}
    for goal in inputs.goals:
        if goal.id in spans and not (taken and goal.id in taken):
            wanted.setdefault(spans[goal.id], set()).add(goal.metric)
    partial: dict[Period, Figures] = {}

    def figures_for(span: Period) -> Figures:
        if span in cache:
            return cache[span]
        if span not in partial:
            metrics = frozenset(wanted[span])
            partial[span] = core_metrics(inputs, span, standing, known, kept, metrics)
        return partial[span]

    return measured_goals(inputs, spans, figures_for, taken)


def _trend_row(
    inputs: ScorecardInputs,
    period: Period,
    cache: Mapping[Period, Figures],
    known: Mapping[date, Counter[Stage]],
    reuse: Takeover | None,
) -> Mapping[str, float]:
    """The trend metrics of `period`: from its figures if computed in full (trend
    metrics are never None), from the card before a log if it cannot have moved them."""
    if period in cache:
        return {key: cast(float, registry.value(cache[period], key)) for key in registry.TREND_KEYS}
    if reuse is not None:
        row = reuse.trend_row(period, as_of(period, inputs.today))
        if row is not None:
            return row
    return trend_metrics(inputs, period, known)
