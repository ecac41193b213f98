"""A card's own days before its detailed window, read from their sums (`SpanSums`)
rather than row by row: the same figures, exactly, for a fraction of the reading."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, timedelta

from netrack.domain.facts import ScorecardInputs, SpanSums
from netrack.domain.index import index
from netrack.domain.models import FACE_TO_FACE_KINDS, Kind, TimeCategory

EMPTY = SpanSums(date.min, date.min)


def summed_span(inputs: ScorecardInputs, start: date, last: date) -> SpanSums:
    """The sums standing for the days from `start` to `last` that come before the
    inputs' `detail_from` (EMPTY when there are none). Only the card's own period
    may start before its detailed days, and its sums must be exactly those days'."""
    if start >= inputs.detail_from or last < start:
        return EMPTY
    end = min(last, inputs.detail_from - timedelta(days=1))
    sums = inputs.span_sums
    if sums is None or (sums.start, sums.end) != (start, end):
        raise ValueError(f"no sums for {start} to {end}: only the card's period has them")
    return sums


def meaningful_contacts(inputs: ScorecardInputs, span: SpanSums) -> set[int]:
    """Contacts with a meaningful interaction in the span (from its trend days)."""
    found: set[int] = set()
    if span is EMPTY:
        return found
    for day in index(inputs).trend_days.within(span.start, span.end):
        found |= day.people
    return found


def interactions(span: SpanSums, kinds: Collection[Kind] | None = None) -> int:
    """How many interactions the span holds (of `kinds`, if given)."""
    return sum(s.count for s in span.interactions if kinds is None or s.kind in kinds)


def face_to_face(span: SpanSums) -> int:
    return sum(s.count for s in span.interactions if s.kind in FACE_TO_FACE_KINDS and s.linked)


def interaction_minutes(span: SpanSums) -> int:
    return sum(s.minutes for s in span.interactions)


def time_minutes(span: SpanSums, category: TimeCategory) -> int:
    return sum(s.minutes for s in span.time if s.category == category)


def cents(span: SpanSums) -> int:
    return sum(s.cents for s in span.interactions)
