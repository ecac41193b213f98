"""The scorecard as a typed value: figures of a period, goals, trends and insights.

Everything here is a plain domain value (dates are `date`, stages are `Stage`); text
and rounding belong to the presentation (`netrack/present.py`). The field order is the
order of SPEC's JSON output: a new scalar metric is one field on `Figures` plus one entry
in `netrack.domain.registry`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from netrack.domain.models import Comparator, GoalPeriod, Stage
from netrack.domain.weeks import Period

# The dimensions of a network's diversity, in the order cards show them.
DIVERSITY_DIMENSIONS: tuple[str, ...] = ("industry", "function", "location", "company_size")


@dataclass(frozen=True, slots=True, kw_only=True)
class Diversity:
    """Gini–Simpson diversity (0..1) of the known network per dimension; None when no
    contact has a value. `overall` is the mean of the dimensions that have one."""

    industry: float | None
    function: float | None
    location: float | None
    company_size: float | None
    overall: float | None


@dataclass(frozen=True, slots=True, kw_only=True)
class FollowUps:
    """Follow-ups due in the period, those done by their date, and those open at its end."""

    due: int
    on_time: int
    overdue: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Effort:
    """Where the invested hours of a period went: hours (unrounded), interactions' cost
    and the number of interactions."""

    hours: float
    spend: float
    interactions: int


@dataclass(frozen=True, slots=True, kw_only=True)
class KindEffort:
    """The interactions of one kind in a period, their hours and how many were meaningful."""

    interactions: int
    hours: float
    meaningful: int


@dataclass(frozen=True, slots=True, kw_only=True)
class FunnelStep:
    """Campaigns that reached `stage` (or a later one of the funnel) by the card's end, and
    that number ÷ the previous step's (None for the first step or after a 0)."""

    stage: Stage
    reached: int
    rate: float | None


@dataclass(frozen=True, slots=True, kw_only=True)
class Network:
    """Contacts known at the card's end, those new in the period, and new ÷ the rest."""

    size: int
    new: int
    growth: float | None


@dataclass(frozen=True, slots=True, kw_only=True)
class Reciprocity:
    """Value given (interactions with value_given, referrals out) against value received
    (interactions with value_received, referrals in) in the period."""

    given: int
    received: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Figures:
    """The figures of one period: SPEC's scalar metrics and their per-category parts.
    Unrounded (hours from minutes, ratios as computed); a ratio with nothing to divide
    by is None."""

    period: Period
    complete: bool  # False: the period ends after the day the card was made
    active_campaigns: int
    campaigns_by_stage: Mapping[Stage, int]  # non-zero stages, in stage order
    pipeline_coverage: int
    interactions: int
    meaningful_contacts: int
    face_to_face: int
    events: int
    interviews: int
    new_contacts: int
    new_contacts_by_channel: Mapping[str, int]  # channel ("unspecified" if none) → count
    referrals_in: int
    referrals_out: int
    referral_rate_90d: float | None
    diversity: Diversity
    relationship_quality: float | None
    follow_ups: FollowUps
    stage_advances: int
    setbacks: int
    interview_rounds: int
    hours_invested: float
    hours_busywork: float
    hours_off: float
    focus_ratio: float | None
    spend: float
    outcomes_per_10h: float | None
    effort_by_channel: Mapping[str, Effort]  # source channel, SPEC's order; then unlinked
    effort_by_kind: Mapping[str, KindEffort]  # interaction kind, in Kind's order
    campaign_focus: float | None
    funnel: tuple[FunnelStep, ...]
    network: Network
    reciprocity: Reciprocity
    lost_reasons: Mapping[str, int]  # reason ("unspecified" when none) → campaigns


@dataclass(frozen=True, slots=True, kw_only=True)
class GoalResult:
    """A goal measured on its span: its kind's calendar period holding the card's end
    (on a running card: today, or the goal's `since` if later), up to the card's end:
    `card_days.goal_span`."""

    metric: str
    target: float
    comparator: Comparator
    period: GoalPeriod
    since: date  # the goal counts on cards ending on or after this day
    actual: float | None  # None: nothing to measure (and then not met)
    met: bool | None  # None: not decided yet (its span is still running)
    note: str
    id: int
    until: date | None = None  # its last day (schema 17): a key after SPEC's, null if none
    # The day its span was cut short by the card's end (a month goal on the card of a
    # week ending Oct 4: Oct 1–4), None when it spans its kind's whole period. Shown by
    # the table and markdown; not a key of the JSON.
    cut_at: date | None = None
    # The first day of its span: where that is after today (a week goal on a month card
    # not started yet), the text names the span by it. Not a key of the JSON either.
    span_start: date | None = None
    # Whether its span ends after today: a goal on a figure that can still go back
    # (`registry.accumulates`) then reads met or over so far. Not a JSON key.
    running: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class ChannelCounts:
    """Campaigns from one source opened by the card's end, and how many reached each
    milestone stage (or a later one of the funnel) by then."""

    opened: int
    interviewing: int
    negotiating: int
    won: int


@dataclass(frozen=True, slots=True, kw_only=True)
class StageTime:
    """The stays in one ordered stage that ended by the card's end, and their mean
    length in days."""

    count: int
    mean_days: float


@dataclass(frozen=True, slots=True, kw_only=True)
class GoingCold:
    """A contact past their keep-in-touch cadence, or a warm one (strength ≥ 3 at the
    card's end) not touched for `going_cold_days`."""

    id: int
    name: str
    strength: int | None  # as it was at the card's end
    last_touch: date | None  # None: never touched (idle counts from when met)
    days_idle: int
    keep_in_touch: int | None  # the contact's cadence in days, if any


@dataclass(frozen=True, slots=True, kw_only=True)
class Stalled:
    """An active campaign with no stage change and no linked interaction for a while."""

    id: int
    name: str
    stage: Stage
    last_activity: date
    days_idle: int
    # Where `name` ends its organization: a narrow column shortens that first
    # (`widgets.campaign_name`), keeping the title and a twin's [id:N]. For the
    # screen only: not a key of SPEC's JSON (`present`).
    organization: str = field(default="", metadata={"json": False})


@dataclass(frozen=True, slots=True, kw_only=True)
class Scorecard(Figures):
    """SPEC's card for a period: its figures, the goals measured, the trend of the trend
    metrics over 12 periods of its kind (oldest first, labelled by `trend_labels`), and
    the insights computed at the period's end (on a running card: today)."""

    goals: tuple[GoalResult, ...]
    trend: Mapping[str, tuple[float, ...]]  # trend metric key → one value per period
    trend_labels: tuple[str, ...]
    channel_effectiveness: Mapping[str, ChannelCounts]  # source channel, SPEC's order
    time_in_stage: Mapping[Stage, StageTime]
    going_cold: tuple[GoingCold, ...]  # coldest first
    stalled: tuple[Stalled, ...]  # longest idle first
    pipeline_warnings: tuple[str, ...]
