"""Beyond the weekly card: where effort pays, how long stages last, who is going cold,
which campaigns stalled, and whether the pipeline is being refilled."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from statistics import median

from netrack.domain.card import ChannelCounts, GoingCold, StageTime, Stalled
from netrack.domain.facts import ScorecardInputs
from netrack.domain.models import (
    ACTIVE_STAGES,
    EARLY_STAGES,
    FollowUp,
    Interaction,
    SourceChannel,
    Stage,
)

MILESTONES: tuple[Stage, ...] = (Stage.INTERVIEWING, Stage.NEGOTIATING, Stage.WON)


def channel_effectiveness(inputs: ScorecardInputs, as_of: date) -> dict[str, ChannelCounts]:
    """Per source channel: campaigns opened by `as_of` and how many ever reached each
    milestone stage (or a later one on the ordered line) by then."""
    table: dict[str, Counter[str]] = defaultdict(Counter)
    for campaign in inputs.campaigns:
        if campaign.opened_on > as_of:
            continue
        row = table[campaign.source or "unspecified"]
        row["opened"] += 1
        reached = max((e.to_stage.order or 0 for e in campaign.history if e.on <= as_of), default=0)
        for milestone in MILESTONES:
            if reached >= (milestone.order or 0):
                row[milestone.value] += 1
    order = [c.value for c in SourceChannel] + ["unspecified"]
    return {
        channel: ChannelCounts(
            opened=table[channel]["opened"],
            interviewing=table[channel][Stage.INTERVIEWING.value],
            negotiating=table[channel][Stage.NEGOTIATING.value],
            won=table[channel][Stage.WON.value],
        )
        for channel in sorted(table, key=lambda c: order.index(c) if c in order else len(order))
    }


def time_in_stage(inputs: ScorecardInputs, as_of: date) -> dict[Stage, StageTime]:
    """Per stage: how many stays and the median days spent, counting current stays to
    `as_of`. Closed stages (won/lost/paused) are end states and not timed."""
    stays: dict[Stage, list[int]] = defaultdict(list)
    for campaign in inputs.campaigns:
        events = [e for e in campaign.history if e.on <= as_of]
        if not events:
            continue  # opened after `as_of`
        for current, following in zip(events, [*events[1:], None], strict=True):
            if current.to_stage not in ACTIVE_STAGES:
                continue
            left = following.on if following is not None else as_of
            stays[current.to_stage].append((left - current.on).days)
    return {
        stage: StageTime(count=len(stays[stage]), median_days=float(median(stays[stage])))
        for stage in ACTIVE_STAGES
        if stays[stage]
    }


def going_cold(inputs: ScorecardInputs, as_of: date) -> tuple[GoingCold, ...]:
    """Contacts of strength ≥ 3 with no interaction in the last `going_cold_days` days
    (counting from when they were met if never touched), coldest first."""
    limit = inputs.settings.going_cold_days
    cold = []
    for contact in inputs.contacts:
        if contact.archived or (contact.strength or 0) < 3 or contact.met_on > as_of:
            continue
        last = contact.last_touch or contact.met_on
        idle = (as_of - last).days
        if idle >= limit:
            cold.append(
                GoingCold(
                    id=contact.id,
                    name=contact.name,
                    strength=contact.strength,
                    last_touch=contact.last_touch,
                    days_idle=idle,
                )
            )
    return tuple(sorted(cold, key=lambda row: (-row.days_idle, row.name)))


def stalled(inputs: ScorecardInputs, as_of: date) -> tuple[Stalled, ...]:
    """Active campaigns with no stage change and no linked interaction in `stalled_days`."""
    limit = inputs.settings.stalled_days
    last_touch: dict[int, date] = {}
    for interaction in inputs.interactions:
        cid = interaction.campaign_id
        if cid is not None and interaction.on <= as_of:
            last_touch[cid] = max(last_touch.get(cid, interaction.on), interaction.on)
    rows = []
    for campaign in inputs.campaigns:
        stage = campaign.stage_at(as_of)
        if stage is None or stage not in ACTIVE_STAGES:
            continue
        moved = campaign.entered_at(as_of) or campaign.opened_on
        last = max(moved, last_touch.get(campaign.id, moved))
        idle = (as_of - last).days
        if idle >= limit:
            rows.append(
                Stalled(
                    id=campaign.id,
                    name=campaign.name,
                    stage=stage,
                    last_activity=last,
                    days_idle=idle,
                )
            )
    return tuple(sorted(rows, key=lambda row: (-row.days_idle, row.name)))


def pipeline_warnings(inputs: ScorecardInputs, as_of: date) -> tuple[str, ...]:
    stages = Counter(s for s in (c.stage_at(as_of) for c in inputs.campaigns) if s is not None)
    warnings = []
    if not any(stages[s] for s in ACTIVE_STAGES):
        warnings.append("no active campaigns: add one (research or target) to start a pipeline")
    elif not any(stages[s] for s in EARLY_STAGES):
        warnings.append(
            "early stages (research, target, networking) are empty: "
            "a pipeline that is not refilled dries up after the next setback"
        )
    return tuple(warnings)


@dataclass(frozen=True, slots=True)
class Agenda:
    """What to do today: follow-ups, contacts going cold, stalled campaigns."""

    today: date
    overdue: list[FollowUp]
    due_today: list[FollowUp]
    upcoming: list[FollowUp]
    going_cold: tuple[GoingCold, ...]
    stalled: tuple[Stalled, ...]
    warnings: tuple[str, ...]
    logged_today: list[Interaction]
