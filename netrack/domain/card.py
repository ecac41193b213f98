"""The scorecard as a typed value: figures of a period, goals, trends and insights.

Everything here is a plain domain value (dates are `date`, stages are `Stage`); text
and rounding belong to the presentation (`netrack/present.py`). The field order is the
order of SPEC's JSON output: a new scalar metric is one field on `Figures` plus one entry
in `netrack.domain.registry`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
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
class Figures:
    """The figures of one period: SPEC's scalar metrics and their per-category parts.
    Unrounded (hours from minutes, ratios as computed); a ratio with nothing to divide
    by is None."""

    period: Period
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
    hours_invested: float
    hours_busywork: float
    hours_off: float
    focus_ratio: float | None
    spend: float
    outcomes_per_10h: float | None


@dataclass(frozen=True, slots=True, kw_only=True)
class GoalResult:
    """A goal measured on its period (the week, or the month to the card's end)."""

    metric: str
    target: float
    comparator: Comparator
    period: GoalPeriod
    actual: float | None  # None: nothing to measure (and then not met)
    met: bool
    note: str
    id: int


@dataclass(frozen=True, slots=True, kw_only=True)
class ChannelCounts:
    """Campaigns from one source opened by the card's end, and how many reached each
    milestone stage (or a later one) by then."""

    opened: int
    interviewing: int
    negotiating: int
    won: int


@dataclass(frozen=True, slots=True, kw_only=True)
class StageTime:
    """Stays in one active stage (current ones counted to the card's end) and their
    median length in days."""

    count: int
    median_days: float


@dataclass(frozen=True, slots=True, kw_only=True)
class GoingCold:
    """A warm contact (strength ≥ 3) not touched for the configured number of days."""

    id: int
    name: str
    strength: int | None
    last_touch: date | None  # None: never touched (idle counts from when met)
    days_idle: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Stalled:
    """An active campaign with no stage change and no linked interaction for a while."""

    id: int
    name: str
    stage: Stage
    last_activity: date
    days_idle: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Scorecard(Figures):
    """SPEC's card for a period: its figures, the goals measured, the 12-week trend of
    the trend metrics (oldest first, labelled by `trend_labels`), and the insights
    computed at the period's end."""

    goals: tuple[GoalResult, ...]
    trend: Mapping[str, tuple[float, ...]]  # trend metric key → one value per week
    trend_labels: tuple[str, ...]
    channel_effectiveness: Mapping[str, ChannelCounts]  # source channel, SPEC's order
    time_in_stage: Mapping[Stage, StageTime]
    going_cold: tuple[GoingCold, ...]  # coldest first
    stalled: tuple[Stalled, ...]  # longest idle first
    pipeline_warnings: tuple[str, ...]
