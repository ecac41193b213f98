"""A card's facts brought up to date after one interaction is logged, without reading
them all again: the quick log's path to a fresh scorecard.

A new interaction changes few facts: its own row, the last touch of its contacts, and
follow-ups (it closes its contacts' earlier open ones). The repository reads just those
(`repo.scorecard.inputs_after_log`); this merges them into the facts the card on screen
was computed from. The result holds the same rows as a fresh read, perhaps in another
order, which no figure depends on (sums of money and shares are taken with `fsum`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from operator import attrgetter

from netrack.domain.card_days import as_of, card_window, window_start
from netrack.domain.facts import (
    ContactFacts,
    FollowUpFacts,
    InteractionFacts,
    MeaningfulDay,
    ScorecardInputs,
    SpanSums,
    TrendDay,
)
from netrack.domain.weeks import Period


def after_log(
    inputs: ScorecardInputs,
    period: Period,
    logged: InteractionFacts,
    contacts: Iterable[ContactFacts],
    follow_ups: tuple[FollowUpFacts, ...],
    trend_day: tuple[TrendDay, ...] = (),
    touched: frozenset[int] | None = None,
    span_sums: SpanSums | None = None,
) -> ScorecardInputs:
    """`inputs` read for `period`, updated for the interaction `logged` (its `id` set).

    `logged` is added when dated in the card's window (a fresh read would skip it too),
    replacing a row of the same id, so applying a log twice changes nothing. `contacts`
    are its contacts' rows as a fresh read for `period` gives them (last touch included;
    those met after the period are left out): each replaces the row of the same id or,
    if new, is added. `follow_ups` are every follow-up as a fresh read gives them, or
    with `touched` (the interactions of the logged one's contacts), those of `touched`
    only, replacing theirs;
    `trend_day`, for a log dated before the inputs' `detail_from`, the sums of the day
    or run of days (`TrendDay.last`) holding it, replacing the one there. Its
    campaign's last touch moves to it if it is later; a meaningful one dated before
    `detail_from` in the 90 days joins its day's `meaningful_days`. `span_sums`: the
    inputs' span sums as a fresh read gives them (read again when the log falls in them).
    """
    if logged.id is None:
        raise ValueError("the logged interaction needs its id")
    if touched is not None:  # only these interactions' follow-ups were read again
        kept_follow_ups = tuple(f for f in inputs.follow_ups if f.id not in touched)
        follow_ups = kept_follow_ups + follow_ups
    start, end = card_window(period, inputs.goals, inputs.today, inputs.settings.week_start)
    interactions = tuple(i for i in inputs.interactions if i.id != logged.id)
    trend_days = inputs.trend_days
    if max(start, inputs.detail_from) <= logged.on <= end:
        interactions += (logged,)
    elif start <= logged.on:  # in the summed days: `trend_day` is its run summed again
        trend_days = tuple(d for d in trend_days if not d.on <= logged.on <= d.until)
        trend_days += trend_day
    meaningful_days = inputs.meaningful_days
    if logged.meaningful and window_start(period, inputs.today) <= logged.on < inputs.detail_from:
        meaningful_days = _with_people(meaningful_days, logged)
    campaigns = inputs.campaigns
    # A campaign's last touch is read as of the card's as-of day (see `campaign_facts`)
    if logged.campaign_id is not None and logged.on <= as_of(period, inputs.today):
        campaigns = tuple(
            replace(c, last_touch=max(logged.on, c.last_touch or logged.on))
            if c.id == logged.campaign_id
            else c
            for c in campaigns
        )
    return replace(
        inputs,
        interactions=interactions,
        campaigns=campaigns,
        contacts=_with_contacts(inputs.contacts, contacts),
        follow_ups=follow_ups,
        trend_days=trend_days,
        span_sums=span_sums if span_sums is not None else inputs.span_sums,
        meaningful_days=meaningful_days,
    )


def _with_contacts(
    contacts: tuple[ContactFacts, ...], fresh: Iterable[ContactFacts]
) -> tuple[ContactFacts, ...]:
    """`contacts` with each of `fresh` in place of the row of its id, or added. Found by
    position (a scan in C): a loop over every row in Python took ~5 ms of each quick
    log on a network of 50,000."""
    merged = list(contacts)
    ids = list(map(attrgetter("id"), contacts))
    added = []
    for row in {c.id: c for c in fresh}.values():  # one row an id, as a read gives
        try:
            merged[ids.index(row.id)] = row
        except ValueError:
            added.append(row)
    return (*merged, *added)


def _with_people(
    days: tuple[MeaningfulDay, ...], logged: InteractionFacts
) -> tuple[MeaningfulDay, ...]:
    """`days` with the contacts of the meaningful `logged` among those of its day."""
    before = next((d.people for d in days if d.on == logged.on), frozenset())
    day = MeaningfulDay(logged.on, before | frozenset(logged.contact_ids))
    return (*(d for d in days if d.on != logged.on), day)
