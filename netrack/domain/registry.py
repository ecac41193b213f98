"""The one registry of the scorecard's scalar metrics: key, label, unit, display section,
whether a goal may measure it and the range of a goal's target, whether it only grows
within a period; and which have a trend.

The table, markdown and JSON formats, the scorecard screen, goal validation and the goal
form all read from here. Adding a scalar metric: one field on `card.Figures` and one
`Metric` below (nested figures, such as a follow-up count, give `read`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from netrack.domain.card import Figures


class Unit(Enum):
    """What a figure counts, and so how it is rounded when shown."""

    COUNT = "count"  # whole numbers, never rounded
    HOURS = "hours"  # from minutes: 2 decimals
    RATIO = "ratio"  # 4 decimals
    MONEY = "money"  # 2 decimals

    @property
    def decimals(self) -> int | None:
        """Decimals a figure of this unit is rounded to when shown; None: not rounded."""
        return _DECIMALS[self]


_DECIMALS = {Unit.COUNT: None, Unit.HOURS: 2, Unit.RATIO: 4, Unit.MONEY: 2}


class Section(Enum):
    """The groups of the card's rows, in reading order."""

    ACTIVITY = 1
    RELATIONSHIPS = 2
    PIPELINE = 3
    TIME = 4


class LogReach(Enum):
    """What logging one interaction can do to a metric: the card after a quick log takes
    over from the card before the goals the log cannot move (`card_reuse.Takeover`)."""

    MOVES = "moves"  # reads interactions or follow-ups: measured again
    NEW_CONTACT = "new contact"  # reads the network: moved only by a log adding a contact
    NEVER = "never"  # reads stage histories, referrals or time entries only


# A goal's target: at least the first, below the second (NaN and infinity refused too).
TARGET_RANGE: tuple[float, float] = (0.0, 1e9)


@dataclass(frozen=True, slots=True, kw_only=True)
class Metric:
    """One scalar metric of the card."""

    key: str
    label: str  # as the table, markdown and screen show it
    unit: Unit
    section: Section | None  # None: not a row of its own (shown within a compound row)
    # Whether the figure only grows while its period runs (a tally of what happened in
    # it): a target reached stays reached, a cap exceeded stays exceeded. A ratio, a
    # share or a state (campaigns open, follow-ups overdue) can still go back, so a goal
    # on it reads met or over only so far before its period ends (`present_format`).
    accumulates: bool
    goal: bool = True  # a goal may measure it
    target_range: tuple[float, float] = TARGET_RANGE
    read: Callable[[Figures], float | None] | None = None  # default: the field `key`
    log_reach: LogReach = LogReach.MOVES

    def value(self, figures: Figures) -> float | None:
        """The metric's unrounded value on `figures`."""
        if self.read is not None:
            return self.read(figures)
        return getattr(figures, self.key)  # type: ignore[no-any-return]


A, R, P, T = Section.ACTIVITY, Section.RELATIONSHIPS, Section.PIPELINE, Section.TIME
COUNT, HOURS, RATIO, MONEY = Unit.COUNT, Unit.HOURS, Unit.RATIO, Unit.MONEY
NEVER, NEW_CONTACT = LogReach.NEVER, LogReach.NEW_CONTACT

# In the order goals list them (`netrack goal add`'s "known:" list, the goal form); the
# card's rows follow `section`.
METRICS: tuple[Metric, ...] = (
    Metric(
        key="active_campaigns",
        label="Active campaigns",
        unit=COUNT,
        section=P,
        accumulates=False,
        log_reach=NEVER,
    ),
    Metric(
        key="pipeline_coverage",
        label="Pipeline coverage (of 7)",
        unit=COUNT,
        section=P,
        accumulates=False,
        target_range=(0, 7),  # the seven active stages
        log_reach=NEVER,
    ),
    Metric(key="interactions", label="Interactions", unit=COUNT, section=A, accumulates=True),
    Metric(
        key="meaningful_contacts",
        label="Meaningful contacts",
        unit=COUNT,
        section=A,
        accumulates=True,
    ),
    Metric(
        key="face_to_face", label="Face-to-face (campaign)", unit=COUNT, section=A, accumulates=True
    ),
    Metric(key="events", label="Events", unit=COUNT, section=A, accumulates=True),
    Metric(key="interviews", label="Interviews", unit=COUNT, section=A, accumulates=True),
    Metric(
        key="new_contacts",
        label="New contacts",
        unit=COUNT,
        section=R,
        accumulates=True,
        log_reach=NEW_CONTACT,
    ),
    Metric(
        key="referrals_in",
        label="Referrals in",
        unit=COUNT,
        section=R,
        accumulates=True,
        log_reach=NEVER,
    ),
    Metric(
        key="referrals_out",
        label="Referrals out",
        unit=COUNT,
        section=R,
        accumulates=True,
        log_reach=NEVER,
    ),
    Metric(
        key="referral_rate_90d",
        label="Referral rate (90d)",
        unit=RATIO,
        section=R,
        accumulates=False,
        log_reach=NEW_CONTACT,
    ),
    Metric(
        key="relationship_quality",
        label="Relationship quality",
        unit=RATIO,
        section=R,
        accumulates=False,
        target_range=(1, 5),  # a mean of strengths from 1 to 5
    ),
    Metric(
        key="stage_advances",
        label="Stage advances",
        unit=COUNT,
        section=P,
        accumulates=True,
        log_reach=NEVER,
    ),
    Metric(
        key="setbacks", label="Setbacks", unit=COUNT, section=P, accumulates=True, log_reach=NEVER
    ),
    Metric(
        key="interview_rounds",
        label="Interview rounds",
        unit=COUNT,
        section=P,
        accumulates=True,
        log_reach=NEVER,
    ),
    Metric(key="hours_invested", label="Hours invested", unit=HOURS, section=T, accumulates=True),
    Metric(
        key="hours_busywork",
        label="Hours busywork",
        unit=HOURS,
        section=T,
        accumulates=True,
        log_reach=NEVER,
    ),
    Metric(
        key="hours_off", label="Hours off", unit=HOURS, section=T, accumulates=True, log_reach=NEVER
    ),
    Metric(
        key="focus_ratio",
        label="Focus ratio",
        unit=RATIO,
        section=T,
        accumulates=False,
        target_range=(0, 1),
    ),
    Metric(key="spend", label="Spend", unit=MONEY, section=T, accumulates=True),
    Metric(
        key="outcomes_per_10h", label="Outcomes per 10h", unit=RATIO, section=T, accumulates=False
    ),
    Metric(
        key="campaign_focus",
        label="Campaign focus",
        unit=RATIO,
        section=T,
        accumulates=False,
        target_range=(0, 1),
    ),
    Metric(
        key="follow_ups_overdue",
        label="Follow-ups overdue",
        unit=COUNT,
        section=None,
        accumulates=False,
        read=lambda f: f.follow_ups.overdue,
    ),
    Metric(
        key="follow_ups_on_time",
        label="Follow-ups on time",
        unit=COUNT,
        section=None,
        accumulates=True,
        read=lambda f: f.follow_ups.on_time,
    ),
    Metric(
        key="diversity_overall",
        label="Diversity (overall)",
        unit=RATIO,
        section=None,
        accumulates=False,
        read=lambda f: f.diversity.overall,
        target_range=(0, 1),
        log_reach=NEW_CONTACT,
    ),
)

BY_KEY: dict[str, Metric] = {m.key: m for m in METRICS}
# The card's rows (table, markdown, screen), grouped by section in reading order.
ROWS: tuple[Metric, ...] = tuple(
    sorted((m for m in METRICS if m.section is not None), key=lambda m: m.section.value)  # type: ignore[union-attr]
)
GOAL_METRICS: tuple[str, ...] = tuple(m.key for m in METRICS if m.goal)
# Shares of a whole: shown as percentages (the JSON keeps the ratio), and a goal's
# target may be typed so (`80%`).
SHARE_KEYS = frozenset({"referral_rate_90d", "focus_ratio", "campaign_focus", "diversity_overall"})
# The metrics whose 12-week trend the card carries, in the order of its JSON `trend`.
TREND_KEYS: tuple[str, ...] = (
    "meaningful_contacts",
    "face_to_face",
    "new_contacts",
    "referrals_in",
    "hours_invested",
    "active_campaigns",
)


def value(figures: Figures, key: str) -> float | None:
    """The metric `key` on `figures`; None for a key that is not a metric."""
    metric = BY_KEY.get(key)
    return None if metric is None else metric.value(figures)


def unit_of(key: str) -> Unit:
    """The unit of metric `key` (a count for an unknown key: shown as it is)."""
    metric = BY_KEY.get(key)
    return Unit.COUNT if metric is None else metric.unit


def accumulates(key: str) -> bool:
    """Whether metric `key` only grows while its period runs (`Metric.accumulates`); not
    for a key that is not a metric, of which nothing is known."""
    metric = BY_KEY.get(key)
    return metric is not None and metric.accumulates
