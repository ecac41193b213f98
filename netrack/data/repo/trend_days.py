"""The sums a card reads for the days before its detailed window: per day for its
trend, and for its own period's first days as a whole (`SpanSums`)."""

from __future__ import annotations

from datetime import date

from peewee import SQL, fn

from netrack.data import tables as t
from netrack.data.migrations.m006_meaningful_links import FACE_TO_FACE
from netrack.data.repo.base import tuples
from netrack.domain.facts import KindSums, SpanSums, TimeSums, TrendDay
from netrack.domain.models import Kind, TimeCategory

# `interaction_contact.meaningful` (schema 6), kept by triggers and so not a field of
# the model (exports leave it out). The term must read exactly as the partial index's
# WHERE for SQLite to use that index.
MEANINGFUL_LINK = SQL('"meaningful"')


def trend_days(start: date, end: date) -> tuple[TrendDay, ...]:
    """Per-day sums of the interactions and invested time from `start` to `end`,
    summed by SQLite: a year card's trend reaches back twelve years."""
    if end < start:
        return ()
    i, link = t.Interaction, t.InteractionContact
    minutes: dict[str, int] = {}
    face: dict[str, int] = {}
    query = i.select(i.on, fn.SUM(i.minutes)).where(i.on.between(start, end)).group_by(i.on)
    for on, total in tuples(query):
        minutes[on] = total or 0
    # From the partial index of just those rows (schema 6), not a pass over every one.
    faces = (
        i.select(i.on, fn.COUNT(SQL("*")))
        .where(i.on.between(start, end), SQL(FACE_TO_FACE))
        .group_by(i.on)
    )
    for on, count in tuples(faces):
        face[on] = count
    time = t.TimeEntry
    spent = (
        time.select(time.on, fn.SUM(time.minutes))
        .where(time.on.between(start, end), time.category.in_(["search", "networking"]))
        .group_by(time.on)
    )
    for on, total in tuples(spent):
        minutes[on] = minutes.get(on, 0) + (total or 0)
    people: dict[str, frozenset[int]] = {}
    # The meaningful links alone, in date order, from their partial index (schema 6):
    # no join to the interactions. Repeated contacts are dropped by the frozenset.
    pairs = (
        link.select(link.on, fn.GROUP_CONCAT(link.contact))
        .where(link.on.between(start, end), MEANINGFUL_LINK)
        .group_by(link.on)
    )
    for on, ids in tuples(pairs):
        people[on] = frozenset(map(int, ids.split(",")))
    empty: frozenset[int] = frozenset()
    day = date.fromisoformat  # ISO text, as stored; each day once
    return tuple(
        TrendDay(day(on[:10]), minutes.get(on, 0), face.get(on, 0), people.get(on, empty))
        for on in sorted(minutes.keys() | people.keys())
    )


def span_sums(start: date, end: date) -> SpanSums:
    """The interactions from `start` to `end` summed per kind and campaign, and the time
    entries per category and campaign: what a card's figures need of those days besides
    their meaningful contacts (in the trend days). Blank means blank after TRIM, as the
    trend days read it."""
    i, time = t.Interaction, t.TimeEntry
    received = fn.TRIM(i.value_received) != ""
    query = (
        i.select(
            i.kind,
            i.campaign,
            fn.COUNT(i.id),
            fn.SUM(i.minutes),
            fn.SUM(i.cost_cents),
            fn.SUM(fn.IIF(i.meaningful | received, 1, 0)),
            fn.SUM(fn.IIF(fn.TRIM(i.value_given) != "", 1, 0)),
            fn.SUM(fn.IIF(received, 1, 0)),
        )
        .where(i.on.between(start, end))
        .group_by(i.kind, i.campaign)
    )
    spent = (
        time.select(time.category, time.campaign, fn.SUM(time.minutes))
        .where(time.on.between(start, end))
        .group_by(time.category, time.campaign)
    )
    kinds = {kind.value: kind for kind in Kind}
    return SpanSums(
        start,
        end,
        tuple(
            KindSums(
                kinds.get(kind) or Kind(kind), campaign, count, minutes or 0, cents or 0, *flags
            )
            for kind, campaign, count, minutes, cents, *flags in tuples(query)
        ),
        tuple(
            TimeSums(TimeCategory(category), campaign, minutes or 0)
            for category, campaign, minutes in tuples(spent)
        ),
    )
