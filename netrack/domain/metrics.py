"""The weekly scorecard, exactly as SPEC defines it, as pure functions of plain facts.

Every figure is computed from unrounded minutes and counts into a typed `card.Scorecard`;
rounding and text happen only when a card is shown (see `present.py`).
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, fields
from datetime import date, timedelta
from operator import attrgetter
from typing import Generic, TypeVar, cast

from netrack.domain import insights, registry
from netrack.domain.card import (
    DIVERSITY_DIMENSIONS,
    Diversity,
    Figures,
    FollowUps,
    GoalResult,
    Scorecard,
)
from netrack.domain.facts import (
    ContactFacts,
    FollowUpFacts,
    InteractionFacts,
    ReferralFacts,
    ScorecardInputs,
    TimeFacts,
)
from netrack.domain.models import (
    ACTIVE_STAGES,
    FACE_TO_FACE_KINDS,
    Comparator,
    Direction,
    GoalPeriod,
    Kind,
    Stage,
    TimeCategory,
)
from netrack.domain.weeks import Period, month_to_date, trailing_weeks

TREND_WEEKS = 12
WINDOW_DAYS = 90


def card_window(period: Period) -> tuple[date, date]:
    """The first and last day whose dated facts a card for `period` looks at: its 12
    trend weeks, the 90 days before its end and the calendar month of its end."""
    end = period.end
    start = min(
        period.start - timedelta(weeks=TREND_WEEKS),
        end - timedelta(days=WINDOW_DAYS),
        month_to_date(end).start,
    )
    return start, end


T = TypeVar("T")


def _in(period: Period, day: date) -> bool:
    return period.start <= day <= period.end


class _ByDate(Generic[T]):
    """Rows sorted by their date once, so a period's rows are found by bisection instead
    of a scan: a card reads ~25 periods over thousands of rows. Rows come back in their
    original order, so every sum is taken in the same order as a plain scan would."""

    __slots__ = ("days", "items", "order")

    def __init__(self, items: Sequence[T], day: Callable[[T], date]) -> None:
        self.items = items
        self.order = sorted(range(len(items)), key=lambda i: day(items[i]))
        self.days = [day(items[i]) for i in self.order]

    def within(self, start: date, end: date) -> list[T]:
        low, high = bisect_left(self.days, start), bisect_right(self.days, end)
        items = self.items
        return [items[i] for i in sorted(self.order[low:high])]

    def until(self, end: date) -> list[T]:
        return self.within(date.min, end)


class _Index:
    """The dated facts of one `ScorecardInputs`, each sorted by date."""

    __slots__ = ("contacts", "follow_ups", "inputs", "interactions", "referrals", "time")

    def __init__(self, inputs: ScorecardInputs) -> None:
        self.inputs = inputs
        self.interactions: _ByDate[InteractionFacts] = _ByDate(inputs.interactions, _on)
        self.contacts: _ByDate[ContactFacts] = _ByDate(inputs.contacts, _met_on)
        self.follow_ups: _ByDate[FollowUpFacts] = _ByDate(inputs.follow_ups, _due)
        self.referrals: _ByDate[ReferralFacts] = _ByDate(inputs.referrals, _on)
        self.time: _ByDate[TimeFacts] = _ByDate(inputs.time_entries, _on)


def _on(row: InteractionFacts | ReferralFacts | TimeFacts) -> date:
    return row.on


def _met_on(row: ContactFacts) -> date:
    return row.met_on


def _due(row: FollowUpFacts) -> date:
    return row.due


_last_index: _Index | None = None


def _index(inputs: ScorecardInputs) -> _Index:
    """The index of `inputs`, built once for the last inputs seen (a card and the helpers
    it calls share one); a plain swap of one reference, so threads cannot corrupt it."""
    global _last_index
    index = _last_index
    if index is None or index.inputs is not inputs:
        index = _last_index = _Index(inputs)
    return index


def _ratio(numerator: float, denominator: float) -> float | None:
    return numerator / denominator if denominator else None


def gini_simpson(values: Iterable[str]) -> float | None:
    """1 − Σp² over non-blank values compared case-insensitively; None when there are none."""
    # Mapped in C rather than a generator: a card counts four dimensions of every
    # contact, and this was a third of its time on a network of thousands.
    counts = Counter(map(str.casefold, map(str.strip, filter(None, values))))
    counts.pop("", None)  # blank once stripped
    total = sum(counts.values())
    if not total:
        return None
    # fsum: exact whatever the order the contacts came in (a card updated after a log
    # may hold them in another order than a fresh read).
    return 1.0 - math.fsum((n / total) ** 2 for n in counts.values())


def known_contacts(contacts: Iterable[ContactFacts], day: date) -> list[ContactFacts]:
    """Contacts met on or before `day` and not archived."""
    return [c for c in contacts if c.met_on <= day and not c.archived]


def stage_counts(inputs: ScorecardInputs, day: date) -> Counter[Stage]:
    counts: Counter[Stage] = Counter()
    for campaign in inputs.campaigns:
        stage = campaign.stage_at(day)
        if stage is not None:
            counts[stage] += 1
    return counts


def stage_moves(inputs: ScorecardInputs, period: Period) -> tuple[int, int]:
    """(advances, setbacks) among the stage changes dated in the period."""
    advances = setbacks = 0
    for campaign in inputs.campaigns:
        for event in campaign.history:
            if not _in(period, event.on) or event.from_stage is None:
                continue  # opening a campaign is neither
            before, after = event.from_stage.order, event.to_stage.order
            if before is None:
                continue  # out of lost/paused: neither
            if after is None or after < before:
                setbacks += 1
            elif after > before:
                advances += 1
    return advances, setbacks


def _period_interactions(inputs: ScorecardInputs, period: Period) -> list[InteractionFacts]:
    return _index(inputs).interactions.within(period.start, period.end)


def _minutes(inputs: ScorecardInputs, period: Period, category: TimeCategory) -> int:
    entries = _index(inputs).time.within(period.start, period.end)
    return sum(t.minutes for t in entries if t.category == category)


def _referrals(inputs: ScorecardInputs, period: Period, direction: Direction) -> int:
    rows = _index(inputs).referrals.within(period.start, period.end)
    return sum(1 for r in rows if r.direction == direction)


def _new_contacts(inputs: ScorecardInputs, period: Period) -> list[ContactFacts]:
    return _index(inputs).contacts.within(period.start, period.end)


def _meaningful(interactions: list[InteractionFacts]) -> set[int]:
    return {cid for i in interactions if i.meaningful for cid in i.contact_ids}


def _face_to_face(interactions: list[InteractionFacts]) -> int:
    return sum(1 for i in interactions if i.kind in FACE_TO_FACE_KINDS and i.campaign_id)


def _invested_minutes(
    inputs: ScorecardInputs, period: Period, interactions: list[InteractionFacts]
) -> int:
    return (
        sum(i.minutes for i in interactions)
        + _minutes(inputs, period, TimeCategory.SEARCH)
        + _minutes(inputs, period, TimeCategory.NETWORKING)
    )


def trend_metrics(inputs: ScorecardInputs, period: Period) -> dict[str, float]:
    """Only the trend keys of one period: the 12-week history needs no more, and skipping
    diversity and follow-ups keeps the card's cost flat as the network grows."""
    interactions = _period_interactions(inputs, period)
    stages = stage_counts(inputs, period.end)
    return {
        "meaningful_contacts": len(_meaningful(interactions)),
        "face_to_face": _face_to_face(interactions),
        "new_contacts": len(_new_contacts(inputs, period)),
        "referrals_in": _referrals(inputs, period, Direction.IN),
        "hours_invested": _invested_minutes(inputs, period, interactions) / 60,
        "active_campaigns": sum(stages[s] for s in ACTIVE_STAGES),
    }


@dataclass(frozen=True, slots=True)
class Standing:
    """The figures that depend only on a period's end."""

    referral_rate_90d: float | None
    diversity: Diversity
    relationship_quality: float | None


def as_of_metrics(
    inputs: ScorecardInputs, end: date, cache: dict[date, Standing] | None = None
) -> Standing:
    """The figures that depend only on the period end (the network as known then, the
    90 days before it): a week and its month-to-date share them, so compute them once."""
    if cache is not None and end in cache:
        return cache[end]
    window = Period(end - timedelta(days=WINDOW_DAYS - 1), end, "90d")
    known = [c for c in _index(inputs).contacts.until(end) if not c.archived]
    referrals_90d = _referrals(inputs, window, Direction.IN)
    meaningful_90d = _meaningful(_period_interactions(inputs, window))
    strengths = [
        c.strength for c in inputs.contacts if c.id in meaningful_90d and c.strength is not None
    ]
    by_dimension = {dim: gini_simpson(map(attrgetter(dim), known)) for dim in DIVERSITY_DIMENSIONS}
    present = [v for v in by_dimension.values() if v is not None]
    diversity = Diversity(**by_dimension, overall=sum(present) / len(present) if present else None)
    result = Standing(
        referral_rate_90d=_ratio(referrals_90d, len(known)),
        diversity=diversity,
        relationship_quality=_ratio(sum(strengths), len(strengths)),
    )
    if cache is not None:
        cache[end] = result
    return result


def core_metrics(
    inputs: ScorecardInputs, period: Period, cache: dict[date, Standing] | None = None
) -> Figures:
    """The scalar and per-category figures of one period (no trend, no goals)."""
    end = period.end
    interactions = _period_interactions(inputs, period)
    stages = stage_counts(inputs, end)
    active = sum(stages[s] for s in ACTIVE_STAGES)
    meaningful = _meaningful(interactions)
    face_to_face = _face_to_face(interactions)
    interviews = sum(1 for i in interactions if i.kind == Kind.INTERVIEW)
    new = _new_contacts(inputs, period)
    by_channel = Counter(c.channel or "unspecified" for c in new)
    referrals_in = _referrals(inputs, period, Direction.IN)
    referrals_out = _referrals(inputs, period, Direction.OUT)
    advances, setbacks = stage_moves(inputs, period)

    standing = as_of_metrics(inputs, end, cache)
    follow_ups = _index(inputs).follow_ups
    due = follow_ups.within(period.start, end)
    on_time = sum(1 for f in due if f.done_on is not None and f.done_on <= f.due)
    overdue = sum(1 for f in follow_ups.until(end) if f.done_on is None or f.done_on > end)

    hours_invested = _invested_minutes(inputs, period, interactions) / 60
    hours_busywork = _minutes(inputs, period, TimeCategory.BUSYWORK) / 60
    hours_off = _minutes(inputs, period, TimeCategory.OFF) / 60
    outcomes = len(meaningful) + referrals_in + advances + interviews

    return Figures(
        period=period,
        active_campaigns=active,
        campaigns_by_stage={s: stages[s] for s in Stage if stages[s]},
        pipeline_coverage=sum(1 for s in ACTIVE_STAGES if stages[s]),
        interactions=len(interactions),
        meaningful_contacts=len(meaningful),
        face_to_face=face_to_face,
        events=sum(1 for i in interactions if i.kind == Kind.EVENT),
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
        hours_invested=hours_invested,
        hours_busywork=hours_busywork,
        hours_off=hours_off,
        focus_ratio=_ratio(hours_invested, hours_invested + hours_busywork),
        # Summed in whole cents, as stored: exact (12.10 + 0.20 is 12.30, not 12.299…)
        # and the same in any row order, so a card updated after a log (its row added
        # last) equals one read afresh (rows in index order).
        spend=sum(round(i.cost * 100) for i in interactions) / 100,
        outcomes_per_10h=_ratio(10 * outcomes, hours_invested),
    )


def goal_met(actual: float | None, target: float, comparator: Comparator) -> bool:
    """A goal with nothing to measure (a null ratio) is not met."""
    if actual is None:
        return False
    return actual >= target if comparator == Comparator.AT_LEAST else actual <= target


_FIGURES = tuple(f.name for f in fields(Figures))


def scorecard(inputs: ScorecardInputs, period: Period) -> Scorecard:
    """The full card for `period`: SPEC's figures, goals and trend, plus the insights
    computed at period end."""
    week_start = inputs.settings.week_start
    standing: dict[date, Standing] = {}
    figures = core_metrics(inputs, period, standing)
    cache: dict[Period, Figures] = {period: figures}

    def figures_for(p: Period) -> Figures:
        if p not in cache:
            cache[p] = core_metrics(inputs, p, standing)
        return cache[p]

    goals = []
    for goal in inputs.goals:
        measured = period if goal.period == GoalPeriod.WEEK else month_to_date(period.end)
        actual = registry.value(figures_for(measured), goal.metric)
        goals.append(
            GoalResult(
                metric=goal.metric,
                target=goal.target,
                comparator=goal.comparator,
                period=goal.period,
                actual=actual,
                met=goal_met(actual, goal.target, goal.comparator),
                note=goal.note,
                id=goal.id,
            )
        )

    weeks = trailing_weeks(period, TREND_WEEKS, week_start)
    # A week already computed in full is read from its figures (trend metrics are never None).
    rows = [
        {key: cast(float, registry.value(cache[w], key)) for key in registry.TREND_KEYS}
        if w in cache
        else trend_metrics(inputs, w)
        for w in weeks
    ]
    return Scorecard(
        **{name: getattr(figures, name) for name in _FIGURES},
        goals=tuple(goals),
        trend={key: tuple(row[key] for row in rows) for key in registry.TREND_KEYS},
        trend_labels=tuple(w.label for w in weeks),
        channel_effectiveness=insights.channel_effectiveness(inputs, period.end),
        time_in_stage=insights.time_in_stage(inputs, period.end),
        going_cold=insights.going_cold(inputs, period.end),
        stalled=insights.stalled(inputs, period.end),
        pipeline_warnings=insights.pipeline_warnings(inputs, period.end),
    )
