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

from netrack.domain.facts import ContactFacts, FollowUpFacts, InteractionFacts, ScorecardInputs
from netrack.domain.metrics import card_window
from netrack.domain.weeks import Period


def after_log(
    inputs: ScorecardInputs,
    period: Period,
    logged: InteractionFacts,
    contacts: Iterable[ContactFacts],
    follow_ups: tuple[FollowUpFacts, ...],
) -> ScorecardInputs:
    """`inputs` read for `period`, updated for the interaction `logged` (its `id` set).

    `logged` is added when dated in the card's window (a fresh read would skip it too),
    replacing a row of the same id, so applying a log twice changes nothing. `contacts`
    are its contacts' rows as a fresh read for `period` gives them (last touch included;
    those met after the period are left out): each replaces the row of the same id or,
    if new, is added. `follow_ups` are every follow-up as a fresh read gives them.
    """
    if logged.id is None:
        raise ValueError("the logged interaction needs its id")
    start, end = card_window(period, inputs.goals, inputs.today, inputs.settings.week_start)
    interactions = tuple(i for i in inputs.interactions if i.id != logged.id)
    if start <= logged.on <= end:
        interactions += (logged,)
    fresh = {c.id: c for c in contacts}
    kept = tuple(fresh.pop(c.id, c) for c in inputs.contacts)
    return replace(
        inputs,
        interactions=interactions,
        contacts=kept + tuple(fresh.values()),
        follow_ups=follow_ups,
    )
