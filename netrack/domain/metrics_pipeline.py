"""The scorecard's pipeline figures: stages at a day, moves in a period (advances,
setbacks, interview rounds), the funnel and the reasons of losses."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date

from netrack.domain.card import FunnelStep
from netrack.domain.facts import CampaignFacts, ScorecardInputs
from netrack.domain.models import Stage

# The funnel's steps, in order: "reached" one means entering it or a later one of these.
FUNNEL: tuple[Stage, ...] = (Stage.APPLIED, Stage.INTERVIEWING, Stage.NEGOTIATING, Stage.WON)


def stage_counts(inputs: ScorecardInputs, day: date) -> Counter[Stage]:
    """Stage → campaigns in it at the end of `day` (those opened by then)."""
    return stage_counts_at(inputs, (day,))[day]


def stage_counts_at(inputs: ScorecardInputs, days: Iterable[date]) -> dict[date, Counter[Stage]]:
    """`stage_counts` at each of `days`, replaying each campaign's history once: a card
    asks for its end, its goals' and its 12 trend periods'."""
    ordered = sorted(set(days))
    counts: dict[date, Counter[Stage]] = {day: Counter() for day in ordered}
    for campaign in inputs.campaigns:
        history, at, stage = campaign.history, 0, None
        for day in ordered:
            if campaign.opened_on > day:
                continue
            while at < len(history) and history[at].on <= day:
                stage = history[at].to_stage
                at += 1
            if stage is not None:
                counts[day][stage] += 1
    return counts


def stage_moves(inputs: ScorecardInputs, start: date, end: date) -> tuple[int, int, int]:
    """(advances, setbacks, interview rounds) among the stage changes dated from `start`
    to `end`. follow_up → interviewing is the next interview round: an advance."""
    advances = setbacks = rounds = 0
    for campaign in inputs.campaigns:
        for event in campaign.history:
            if not start <= event.on <= end or event.from_stage is None:
                continue  # opening a campaign is none of them
            before, after = event.from_stage, event.to_stage
            if after == Stage.INTERVIEWING and before != Stage.INTERVIEWING:
                rounds += 1
            if before.order is None:
                continue  # out of lost/paused: neither
            if before == Stage.FOLLOW_UP and after == Stage.INTERVIEWING:
                advances += 1
            elif after.order is None or after.order < before.order:
                setbacks += 1
            elif after.order > before.order:
                advances += 1
    return advances, setbacks, rounds


def reached(campaign: CampaignFacts, day: date) -> set[Stage]:
    """The funnel stages `campaign` had reached by the end of `day`: each one it entered
    (or opened in) by then, and every funnel stage before it."""
    furthest = -1
    for event in campaign.history:
        if event.on > day:
            break
        if event.to_stage in FUNNEL:
            furthest = max(furthest, FUNNEL.index(event.to_stage))
    return set(FUNNEL[: furthest + 1])


def funnel(campaigns: Iterable[CampaignFacts], day: date) -> tuple[FunnelStep, ...]:
    """SPEC's funnel over the campaigns opened by `day`."""
    furthest = [0] * (len(FUNNEL) + 1)  # campaigns by how far they got (0: not applied)
    for campaign in campaigns:
        if campaign.opened_on <= day:
            furthest[len(reached(campaign, day))] += 1
    # reached a stage = got to it or further
    counts = {stage: sum(furthest[i + 1 :]) for i, stage in enumerate(FUNNEL)}
    steps = []
    previous: int | None = None
    for stage in FUNNEL:
        count = counts[stage]
        rate = count / previous if previous else None
        steps.append(FunnelStep(stage=stage, reached=count, rate=rate))
        previous = count
    return tuple(steps)


def lost_reasons(campaigns: Iterable[CampaignFacts], day: date) -> dict[str, int]:
    """Reason → campaigns lost at the end of `day`, by the reason of that loss (the
    latest move to `lost` by then); "unspecified" when none was given. Most first."""
    counts: Counter[str] = Counter()
    for campaign in campaigns:
        loss = None
        for event in campaign.history:
            if event.on > day:
                break
            loss = event
        if loss is not None and loss.to_stage == Stage.LOST:
            counts[loss.reason.strip() or "unspecified"] += 1
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))
