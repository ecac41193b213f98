"""The figures that depend only on a period's end: the network known then (its size and
diversity), the relationship quality and the referral rate of the 90 days before it. A
card and its goals' spans share them (`as_of_metrics`)."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from operator import attrgetter

from netrack.domain.card import DIVERSITY_DIMENSIONS, Diversity
from netrack.domain.card_days import WINDOW_DAYS
from netrack.domain.card_reuse import Kept, Population, Quality
from netrack.domain.facts import InteractionFacts, ScorecardInputs
from netrack.domain.index import index
from netrack.domain.models import Direction


def ratio(numerator: float, denominator: float) -> float | None:
    return numerator / denominator if denominator else None


def gini_simpson(values: Iterable[str]) -> float | None:
    """1 − Σp² over non-blank values compared case-insensitively (and with runs of
    spaces as one: "New  York" is New York); None when there are none."""
    # Counted as written first (in C), then merged by each distinct value's folded form:
    # a card counts four dimensions of every contact, and folding each of 50,000
    # values was a fifth of its arithmetic on a career's network.
    counts: Counter[str] = Counter()
    for value, n in Counter(values).items():
        if value and (folded := " ".join(value.split()).casefold()):  # blank: left out
            counts[folded] += n
    total = sum(counts.values())
    if not total:
        return None
    # fsum: exact whatever the order the contacts came in (a card updated after a log
    # may hold them in another order than a fresh read).
    return 1.0 - math.fsum((n / total) ** 2 for n in counts.values())


def referrals(inputs: ScorecardInputs, start: date, end: date, direction: Direction) -> int:
    rows = index(inputs).referrals.within(start, end)
    return sum(1 for r in rows if r.direction == direction)


def meaningful_people(interactions: Sequence[InteractionFacts]) -> set[int]:
    return {cid for i in interactions if i.meaningful for cid in i.contact_ids}


@dataclass(frozen=True, slots=True)
class Standing:
    """The figures that depend only on a period's end."""

    referral_rate_90d: float | None
    diversity: Diversity
    relationship_quality: float | None
    known: int


def as_of_metrics(
    inputs: ScorecardInputs,
    end: date,
    cache: dict[date, Standing] | None = None,
    kept: Kept | None = None,
) -> Standing:
    """The figures that depend only on the period end (the network as known then, the
    90 days before it): a card and its goals' spans share them, so compute them once.
    `kept`: the network and the relationship quality at each end, measured already
    (by the card before a log) or to keep."""
    if cache is not None and end in cache:
        return cache[end]
    start = end - timedelta(days=WINDOW_DAYS - 1)
    network = kept.networks.get(end) if kept is not None else None
    if network is None:
        network = _network(inputs, end)
        if kept is not None:
            kept.networks[end] = network
    quality = kept.qualities.get(end) if kept is not None else None
    if quality is None:
        quality = _quality(inputs, end)
        if kept is not None:
            kept.qualities[end] = quality
    referrals_90d = referrals(inputs, start, end, Direction.IN)
    result = Standing(
        referral_rate_90d=ratio(referrals_90d, network.known),
        diversity=network.diversity,
        relationship_quality=ratio(quality.total, quality.count),
        known=network.known,
    )
    if cache is not None:
        cache[end] = result
    return result


def _quality(inputs: ScorecardInputs, end: date) -> Quality:
    """The contacts with a meaningful interaction in the 90 days to `end`, and their
    strengths as they were at `end`: lowering one today does not rewrite a past card."""
    start = end - timedelta(WINDOW_DAYS - 1)
    people = meaningful_people(
        index(inputs).interactions.within(max(start, inputs.detail_from), end)
    )
    if start < inputs.detail_from:  # the days before the rows: each day's contacts
        for day in inputs.meaningful_days:
            if start <= day.on <= end:
                people |= day.people
    strengths = [
        strength
        for c in inputs.contacts
        if c.id in people and (strength := c.strength_at(end)) is not None
    ]
    return Quality(frozenset(people), sum(strengths), len(strengths))


def _network(inputs: ScorecardInputs, end: date) -> Population:
    """The network known at `end` (met by then, not archived): its size and diversity."""
    known = [c for c in index(inputs).contacts.until(end) if not c.archived]
    by_dimension = {dim: gini_simpson(map(attrgetter(dim), known)) for dim in DIVERSITY_DIMENSIONS}
    present = [v for v in by_dimension.values() if v is not None]
    diversity = Diversity(**by_dimension, overall=sum(present) / len(present) if present else None)
    return Population(known=len(known), diversity=diversity)
