"""The card after one logged interaction, from the card before it: what a log cannot
change is taken over, the rest is computed again.

On a network of tens of thousands of contacts most of a card's time goes to figures a
log cannot move: the network's size and diversity at each end (unless the log added a
contact), every stage count, the funnel, the stage moves and the campaign insights (a
log moves no campaign), the trend rows of periods the log is not dated in, and, but for
the log's own contacts, the relationship quality at each end and who is going cold.
This holds under the contract of `delta.after_log`, whose facts the card is computed
from: nothing but the log was written since the card before. Tests compare every card
computed so with one computed afresh (tests/db/test_scorecard_after_log.py).
"""

from __future__ import annotations

from bisect import insort
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from netrack.domain import insights, registry
from netrack.domain.card import Diversity, FunnelStep, GoalResult, GoingCold, Scorecard, Stalled
from netrack.domain.card_days import WINDOW_DAYS
from netrack.domain.facts import ContactFacts, InteractionFacts, ScorecardInputs
from netrack.domain.index import Index
from netrack.domain.models import Stage
from netrack.domain.weeks import Period


@dataclass(frozen=True, slots=True)
class Population:
    """The network known at a day (met by then, not archived): how many, how diverse."""

    known: int
    diversity: Diversity


@dataclass(frozen=True, slots=True)
class Pipeline:
    """The campaigns' figures of a span: (advances, setbacks, interview rounds) in it,
    the funnel and the reasons of losses at its end."""

    moves: tuple[int, int, int]
    funnel: tuple[FunnelStep, ...]
    lost_reasons: Mapping[str, int]


@dataclass(frozen=True, slots=True)
class Quality:
    """The contacts with a meaningful interaction in the 90 days up to a day, and the
    sum and number of their strengths as they were that day (of those with one)."""

    people: frozenset[int]
    total: int
    count: int

    def adding(
        self, logged: InteractionFacts, contacts: Iterable[ContactFacts], end: date
    ) -> Quality:
        """After `logged`, dated in the 90 days and meaningful; `contacts`: its
        contacts' facts (one with no strength entry by `end` has none)."""
        new = frozenset(logged.contact_ids) - self.people
        strengths = [s for c in contacts if c.id in new and (s := c.strength_at(end)) is not None]
        return Quality(self.people | new, self.total + sum(strengths), self.count + len(strengths))


@dataclass(slots=True)
class Kept:
    """What the periods of one card share, filled as they are computed: the network at
    each end, the relationship quality at each end and the campaigns' figures of each
    span (first day, as-of day)."""

    networks: dict[date, Population] = field(default_factory=dict)
    qualities: dict[date, Quality] = field(default_factory=dict)
    pipelines: dict[tuple[date, date], Pipeline] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Parts:
    """What a card computed on the way, kept beside it for the card after a log."""

    inputs: ScorecardInputs  # the facts it was computed from
    index: Index  # those facts by date
    stages: Mapping[date, Counter[Stage]]  # stage → campaigns, at each day it read
    kept: Kept
    trend_rows: Mapping[Period, Mapping[str, float]]  # trend key → value, per period


@dataclass(frozen=True, slots=True)
class AfterLog:
    """The card for the same period before `logged` was written, and its parts."""

    card: Scorecard
    parts: Parts
    logged: InteractionFacts


@dataclass(frozen=True, slots=True)
class Takeover:
    """What the card after a log takes over from the one before."""

    after: AfterLog
    same_network: bool  # the log added no contact
    contacts: tuple[ContactFacts, ...]  # the facts of the log's contacts, read again

    @property
    def stages(self) -> Mapping[date, Counter[Stage]]:
        return self.after.parts.stages

    def kept(self) -> Kept:
        """The card before's `Kept`, brought up to date for the log: the network
        measured again if it grew, a quality the log is meaningful for added to."""
        before, logged = self.after.parts.kept, self.after.logged
        qualities = dict(before.qualities)
        if logged.meaningful:
            for end, quality in before.qualities.items():
                if end - timedelta(days=WINDOW_DAYS - 1) <= logged.on <= end:
                    qualities[end] = quality.adding(logged, self.contacts, end)
        networks = dict(before.networks) if self.same_network else {}
        return Kept(networks, qualities, dict(before.pipelines))

    def goals(self) -> dict[int, GoalResult]:
        """The goals of the card before whose metric the log cannot have moved, by id
        (`registry.LogReach`): a month's referrals goal on a week card is not measured
        over its month again for a coffee logged today. On a ten-times history that
        span's figures were a third of the card's update after a log."""
        unmoved = {registry.LogReach.NEVER}
        if self.same_network:
            unmoved.add(registry.LogReach.NEW_CONTACT)
        return {
            goal.id: goal
            for goal in self.after.card.goals
            if (metric := registry.BY_KEY.get(goal.metric)) is not None
            and metric.log_reach in unmoved
        }

    def trend_row(self, period: Period, last: date) -> Mapping[str, float] | None:
        """The trend row of `period` (as of `last`) before the log, if the log cannot
        have moved it: it is not dated in the period and added no contact."""
        if not self.same_network or period.start <= self.after.logged.on <= last:
            return None
        return self.after.parts.trend_rows.get(period)

    def insights_at(self, inputs: ScorecardInputs, as_of: date) -> insights.Insights:
        """The card before's insights, but who is going cold and what stalled looked at
        again where the log may have moved them: a log moves no campaign."""
        before = self.after.card
        return insights.Insights(
            channel_effectiveness=dict(before.channel_effectiveness),
            time_in_stage=dict(before.time_in_stage),
            going_cold=self.going_cold(inputs, as_of),
            stalled=self.stalled(inputs, as_of),
            pipeline_warnings=before.pipeline_warnings,
        )

    def going_cold(self, inputs: ScorecardInputs, as_of: date) -> tuple[GoingCold, ...]:
        """The rows before the log but the log's contacts', whose rows are read again."""
        changed = frozenset(self.after.logged.contact_ids)
        rows = [row for row in self.after.card.going_cold if row.id not in changed]
        for row in insights.going_cold(inputs, as_of, self.contacts):
            insort(rows, row, key=insights.coldness)  # in order already: no sort
        return tuple(rows)

    def stalled(self, inputs: ScorecardInputs, as_of: date) -> tuple[Stalled, ...]:
        """A log linked to no campaign makes no campaign less idle."""
        if self.after.logged.campaign_id is None:
            return self.after.card.stalled
        return insights.stalled(inputs, as_of)


def takeover(after: AfterLog | None, inputs: ScorecardInputs, period: Period) -> Takeover | None:
    """What the card for `period` from `inputs` may take over from `after`: nothing when
    the card before was of another period, or read on another day or with other
    settings or goals (its parts then measured other days)."""
    if after is None or after.card.period != period:
        return None
    before = after.parts.inputs
    if (before.today, before.settings, before.goals, before.detail_from) != (
        inputs.today,
        inputs.settings,
        inputs.goals,
        inputs.detail_from,
    ):
        return None
    # `delta.after_log` adds the log's contacts a card had not seen, and removes none.
    changed = frozenset(after.logged.contact_ids)
    return Takeover(
        after,
        same_network=len(inputs.contacts) == len(before.contacts),
        contacts=tuple(c for c in inputs.contacts if c.id in changed),
    )
