"""Where a period's effort went: hours, spend and interactions by the source channel of
the campaign they served, interactions by kind, and value given against received."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Protocol

from netrack.domain.card import Effort, KindEffort, Reciprocity
from netrack.domain.facts import (
    UNLINKED,
    UNSPECIFIED,
    InteractionFacts,
    ScorecardInputs,
    SpanSums,
    TimeFacts,
)
from netrack.domain.models import Kind, SourceChannel, TimeCategory

_CHANNEL_ORDER = [c.value for c in SourceChannel] + [UNSPECIFIED, UNLINKED]
_INVESTED = (TimeCategory.SEARCH, TimeCategory.NETWORKING)


class _Spent(Protocol):
    """A time entry, or its facts on a card: how long, and on what."""

    @property
    def minutes(self) -> int: ...
    @property
    def category(self) -> TimeCategory: ...


def invested_minutes(interaction_minutes: int, time_entries: Iterable[_Spent]) -> int:
    """SPEC's hours invested, in minutes: interaction minutes plus search and networking
    time (busywork and time off are not invested). The card's period and a campaign's
    page count with this one rule: the page once left the interactions out."""
    return interaction_minutes + sum(e.minutes for e in time_entries if e.category.invested)


def effort_by_channel(
    inputs: ScorecardInputs,
    interactions: Sequence[InteractionFacts],
    time_entries: Sequence[TimeFacts],
    span: SpanSums | None = None,
) -> dict[str, Effort]:
    """Source channel → effort of the period's interactions and search/networking time
    (and those summed in `span`) linked to a campaign of that channel; `unlinked` for
    the rest. Its hours add up to hours_invested (every invested minute lands in
    exactly one row)."""
    source = {c.id: c.source or UNSPECIFIED for c in inputs.campaigns}
    minutes: dict[str, int] = defaultdict(int)
    cents: dict[str, int] = defaultdict(int)
    count: dict[str, int] = defaultdict(int)

    def channel(campaign_id: int | None) -> str:
        if campaign_id is None:
            return UNLINKED
        # A campaign opened after the card's window still has a channel: read it as
        # unspecified rather than lose the minutes (hours must add up).
        return source.get(campaign_id, UNSPECIFIED)

    for interaction in interactions:
        key = channel(interaction.campaign_id)
        minutes[key] += interaction.minutes
        cents[key] += round(interaction.cost * 100)  # whole cents: exact in any order
        count[key] += 1
    for entry in time_entries:
        if entry.category in _INVESTED:
            minutes[channel(entry.campaign_id)] += entry.minutes
    if span is not None:
        for summed in span.interactions:  # summed by channel already
            minutes[summed.channel] += summed.minutes
            cents[summed.channel] += summed.cents
            count[summed.channel] += summed.count
        for time in span.time:
            if time.category in _INVESTED:
                minutes[time.channel] += time.minutes
    keys = set(minutes) | set(count)
    return {
        key: Effort(hours=minutes[key] / 60, spend=cents[key] / 100, interactions=count[key])
        for key in sorted(keys, key=_CHANNEL_ORDER.index)
    }


def campaign_focus(by_channel: dict[str, Effort], invested_minutes: int) -> float | None:
    """Hours linked to any campaign ÷ hours invested; None when no hours. Divided in
    whole minutes (each channel's hours are its minutes ÷ 60, so × 60 rounds back to
    them exactly): 9 linked minutes of 12 are 0.75, where hours gave 0.7499…"""
    if not invested_minutes:
        return None
    linked = sum(round(e.hours * 60) for key, e in by_channel.items() if key != UNLINKED)
    return linked / invested_minutes


def effort_by_kind(
    interactions: Sequence[InteractionFacts], span: SpanSums | None = None
) -> dict[str, KindEffort]:
    """Interaction kind → interactions, hours and meaningful ones (those summed in `span`
    too); kinds with none left out."""
    count: dict[Kind, int] = defaultdict(int)
    minutes: dict[Kind, int] = defaultdict(int)
    meaningful: dict[Kind, int] = defaultdict(int)
    for interaction in interactions:
        count[interaction.kind] += 1
        minutes[interaction.kind] += interaction.minutes
        meaningful[interaction.kind] += interaction.meaningful
    for summed in span.interactions if span is not None else ():
        count[summed.kind] += summed.count
        minutes[summed.kind] += summed.minutes
        meaningful[summed.kind] += summed.meaningful
    return {
        kind.value: KindEffort(
            interactions=count[kind], hours=minutes[kind] / 60, meaningful=meaningful[kind]
        )
        for kind in Kind
        if count[kind]
    }


def reciprocity(
    interactions: Sequence[InteractionFacts],
    referrals_in: int,
    referrals_out: int,
    span: SpanSums | None = None,
) -> Reciprocity:
    """Value given (value_given noted, referrals out) against received (value_received
    noted, referrals in), counting those summed in `span` too."""
    sums = span.interactions if span is not None else ()
    return Reciprocity(
        given=sum(1 for i in interactions if i.given) + referrals_out + sum(s.given for s in sums),
        received=sum(1 for i in interactions if i.received)
        + referrals_in
        + sum(s.received for s in sums),
    )
