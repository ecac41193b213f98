"""What the Scorecard screen shows: the card a load hands it (`CardData`, and `Computed`
for the cards kept either side), its boxes (the renderer of each and the card's fields it
draws) and the period's heading.

Apart from `screens.scorecard`, whose screen class is the behaviour around them: loading,
drawing only what changed, computing the periods either side, and moving between periods.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from datetime import date
from typing import TYPE_CHECKING

from rich.console import RenderableType
from rich.text import Text

from netrack.domain.cadence import Deadlined
from netrack.domain.card import Scorecard
from netrack.domain.weeks import Period, kind_of
from netrack.listing import Labels
from netrack.widgets import card_boxes as boxes

if TYPE_CHECKING:
    from netrack.domain.card_reuse import Parts
    from netrack.domain.facts import ScorecardInputs


@dataclass(frozen=True, slots=True)
class Computed:
    """A card and the facts it was computed from (kept to update it after a log)."""

    card: Scorecard
    inputs: ScorecardInputs | None
    parts: Parts | None = None


@dataclass(frozen=True, slots=True)
class CardData:
    card: Scorecard
    period: Period
    current: Period  # the period of the same kind holding today
    today: date
    inputs: ScorecardInputs | None = None  # the facts the card was computed from
    parts: Parts | None = None  # and what it computed on the way (see card_reuse)
    generation: int = 0  # the screen's data generation when reading began
    # Campaigns' deadlines as `repo.scorecard.deadline_rows` gives them; None: as before
    # (a log or a card computed ahead changes no deadline).
    deadline_rows: list[Deadlined] | None = None
    # (contacts, campaigns) that share a name, as the Agenda names them (`Labels`);
    # None: as before (a log or a card computed ahead renames nobody).
    names: tuple[Labels, Labels] | None = None
    asked: int = 0  # the screen's navigation count when reading began (see `_go`)


Box = tuple[str, str, Callable[[Scorecard], RenderableType], tuple[str, ...]]
# (widget id, title, renderer, the card fields it shows: unchanged, it is not redrawn;
# `goals` where a figure is told apart from the targets of its goals).
# Beside the figures when wide, below them when narrow: the funnel and where the effort
# went first, so a 120x40 terminal shows them without scrolling.
MAIN_BOXES: tuple[Box, ...] = (
    ("stages", "Campaigns by stage", boxes.by_stage, ("campaigns_by_stage", "lost_reasons")),
    ("channels", "Channel effectiveness", boxes.channels, ("channel_effectiveness",)),
    ("stays", "Time in stage (stays ended)", boxes.time_in_stage, ("time_in_stage",)),
)
SIDE_BOXES: tuple[Box, ...] = (
    ("funnel", "Stage funnel", boxes.funnel, ("funnel", "interview_rounds")),
    (
        "effort-channel",
        "Effort by channel (hours)",
        boxes.effort_by_channel,
        ("effort_by_channel", "campaign_focus", "goals"),
    ),
    ("effort-kind", "Effort by kind", boxes.effort_by_kind, ("effort_by_kind",)),
    (
        "hours",
        "Where the hours went",
        boxes.hours,
        ("hours_invested", "hours_busywork", "hours_off", "focus_ratio", "spend", "goals"),
    ),
    (
        "network",
        "Network and reciprocity",
        boxes.network,
        ("network", "new_contacts_by_channel", "reciprocity"),
    ),
    ("diversity", "Network diversity", boxes.diversity, ("diversity", "goals")),
    (
        "attention",
        "Needs attention",
        boxes.attention,
        ("going_cold", "stalled", "pipeline_warnings"),
    ),
)


def period_head(data: CardData) -> Text:
    """The period's kind, label and dates; whether it is running, to come, or past."""
    period, kind = data.period, kind_of(data.period)
    head = Text(f" {kind.capitalize()} {period.label} ", style="bold reverse")
    form = "%a %b %d" if kind == "week" else "%b %d"
    start = period.start.strftime(form)
    if period.start.year != period.end.year:  # a week across the New Year
        start += f" {period.start.year}"
    head.append(f"  {start} – {period.end.strftime(form)} {period.end.year}")
    if period.start > data.today:
        head.append("  not started", style="bold")
    elif not data.card.complete:
        head.append("  running: figures so far", style="bold green")
    if period != data.current:
        head.append(f"  t: this {kind}", style="dim")
    return head  # `m` (week/month/quarter/year) is on the key bar


# What the metrics box shows: every field but the period's dates and labels, so the same
# figures in another week are not drawn again.
FIGURES = tuple(f.name for f in fields(Scorecard) if f.name not in ("period", "trend_labels"))
