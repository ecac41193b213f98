"""Beyond the weekly card: where effort pays, how long stages last, who is going cold,
which campaigns stalled, and whether the pipeline is being refilled."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from itertools import pairwise

from netrack.domain.cadence import Deadline, TouchDue
from netrack.domain.card import ChannelCounts, GoingCold, StageTime, Stalled
from netrack.domain.entries import FollowUp, Interaction, Referral, TimeEntry
from netrack.domain.facts import ContactFacts, ScorecardInputs
from netrack.domain.metrics_pipeline import reached
from netrack.domain.models import ACTIVE_STAGES, EARLY_STAGES, ORDERED_STAGES, SourceChannel, Stage

MILESTONES: tuple[Stage, ...] = (Stage.INTERVIEWING, Stage.NEGOTIATING, Stage.WON)


@dataclass(frozen=True, slots=True, kw_only=True)
class Insights:
    """A card's insights at its as-of day: the fields of `card.Scorecard` of those names."""

    channel_effectiveness: dict[str, ChannelCounts]
    time_in_stage: dict[Stage, StageTime]
    going_cold: tuple[GoingCold, ...]
    stalled: tuple[Stalled, ...]
    pipeline_warnings: tuple[str, ...]


def at(inputs: ScorecardInputs, as_of: date) -> Insights:
    """Every insight of a card whose as-of day is `as_of`."""
    return Insights(
        channel_effectiveness=channel_effectiveness(inputs, as_of),
        time_in_stage=time_in_stage(inputs, as_of),
        going_cold=going_cold(inputs, as_of),
        stalled=stalled(inputs, as_of),
        pipeline_warnings=pipeline_warnings(inputs, as_of),
    )


def channel_effectiveness(inputs: ScorecardInputs, as_of: date) -> dict[str, ChannelCounts]:
    """Per source channel: campaigns opened by `as_of` and how many had reached each
    milestone stage by then, "reached" as in the funnel (entered it or a later stage of
    applied → interviewing → negotiating → won, or opened in one)."""
    table: dict[str, Counter[str]] = defaultdict(Counter)
    for campaign in inputs.campaigns:
        if campaign.opened_on > as_of:
            continue
        row = table[campaign.source or "unspecified"]
        row["opened"] += 1
        row.update(stage.value for stage in reached(campaign, as_of) if stage in MILESTONES)
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
    """Per ordered stage: the stays in it that ended by `as_of` (the next change dated
    on or before it) and their mean length in days. A stay still open is not counted;
    lost and paused are off the line and not timed."""
    stays: dict[Stage, list[int]] = defaultdict(list)
    for campaign in inputs.campaigns:
        for current, following in pairwise(campaign.history):
            if following.on > as_of:
                break
            if current.to_stage.order is not None:
                stays[current.to_stage].append((following.on - current.on).days)
    return {
        stage: StageTime(count=len(stays[stage]), mean_days=sum(stays[stage]) / len(stays[stage]))
        for stage in ORDERED_STAGES
        if stays[stage]
    }


def going_cold(
    inputs: ScorecardInputs, as_of: date, only: Iterable[ContactFacts] | None = None
) -> tuple[GoingCold, ...]:
    """Contacts whose last interaction (or met_on, if never touched) is at least their
    keep-in-touch cadence before `as_of`; contacts without a cadence go cold after
    `going_cold_days` if their strength at `as_of` is 3 or more. Coldest first, then by
    name and id. `only`: just these of the inputs' contacts."""
    contacts = inputs.contacts if only is None else only
    return coldest_first(cold_among(contacts, as_of, inputs.settings.going_cold_days))


def cold_among(contacts: Iterable[ContactFacts], as_of: date, limit: int) -> list[GoingCold]:
    """`going_cold`'s rows of `contacts`, in their order; `limit`: the setting
    `going_cold_days`."""
    cold = []
    for contact in contacts:
        if contact.archived or contact.met_on > as_of:
            continue
        cadence = contact.keep_in_touch
        idle = (as_of - (contact.last_touch or contact.met_on)).days
        if idle < (cadence if cadence is not None else limit):
            continue  # touched recently enough: its strength need not be looked up
        strength = contact.strength_at(as_of)
        if cadence is None and (strength or 0) < 3:
            continue
        cold.append(
            GoingCold(
                id=contact.id,
                name=contact.name,
                strength=strength,
                last_touch=contact.last_touch,
                days_idle=idle,
                keep_in_touch=cadence,
            )
        )
    return cold


def coldest_first(rows: Iterable[GoingCold]) -> tuple[GoingCold, ...]:
    """Going-cold rows, coldest first: an order of their own (id breaks a tie of two
    namesakes), whichever order the contacts came in."""
    return tuple(sorted(rows, key=coldness))


def coldness(row: GoingCold) -> tuple[int, str, int]:
    """The order of going-cold rows: coldest first, then by name, then by id."""
    return -row.days_idle, row.name, row.id


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
        if campaign.last_touch is not None and campaign.last_touch <= as_of:
            last = max(last, campaign.last_touch)
        idle = (as_of - last).days
        if idle >= limit:
            rows.append(
                Stalled(
                    id=campaign.id,
                    name=campaign.name,
                    stage=stage,
                    last_activity=last,
                    days_idle=idle,
                    organization=campaign.organization,
                )
            )
    return tuple(sorted(rows, key=lambda row: (-row.days_idle, row.name, row.id)))


NO_ACTIVE_CAMPAIGNS = "no active campaigns: add one (research or target) to start a pipeline"


def pipeline_warnings(inputs: ScorecardInputs, as_of: date) -> tuple[str, ...]:
    stages = Counter(s for s in (c.stage_at(as_of) for c in inputs.campaigns) if s is not None)
    warnings = []
    if not any(stages[s] for s in ACTIVE_STAGES):
        warnings.append(NO_ACTIVE_CAMPAIGNS)
    elif not any(stages[s] for s in EARLY_STAGES):
        warnings.append(
            "early stages (research, target, networking) are empty: "
            "a pipeline that is not refilled dries up after the next setback"
        )
    return tuple(warnings)


@dataclass(frozen=True, slots=True)
class Agenda:
    """What to do today: follow-ups, contacts going cold, stalled campaigns; contacts
    whose keep-in-touch cadence falls due this week and campaign deadlines soon."""

    today: date
    overdue: list[FollowUp]
    due_today: list[FollowUp]
    upcoming: list[FollowUp]
    going_cold: tuple[GoingCold, ...]
    stalled: tuple[Stalled, ...]
    warnings: tuple[str, ...]
    logged_today: list[Interaction]  # happened today, then logged today about earlier days
    keep_in_touch: tuple[TouchDue, ...] = ()  # due by this week's end, most overdue first
    deadlines: tuple[Deadline, ...] = ()  # open campaigns', within 7 days or past due
    stalled_days: int = 14  # the setting "stalled" was read with
    cadences: int = 0  # active contacts with a keep-in-touch cadence (due or not)
    # As `logged_today` (schema 16): dated today, then typed today about earlier days,
    # each newest first; "Logged today" lists them after the interactions.
    time_logged_today: list[TimeEntry] = field(default_factory=list)
    referrals_logged_today: list[Referral] = field(default_factory=list)

    @property
    def logged_count(self) -> int:
        """How many entries "Logged today" lists: interactions, time and referrals."""
        return (
            len(self.logged_today) + len(self.time_logged_today) + len(self.referrals_logged_today)
        )
