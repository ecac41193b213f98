"""The rows a scorecard is computed from, read in bulk as plain facts (see
`facts.ScorecardInputs`): campaigns with their stage histories, interactions with their
people, contacts with their last touch and strength history, follow-ups. Each reads raw
tuples and parses each distinct day once (`Days`): on a long history these reads are
most of a card's time."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from peewee import JOIN, Case, fn

from netrack.data import tables as t
from netrack.data.engines import unindexed
from netrack.data.repo.base import Days, stored, tuples
from netrack.domain.models import Kind, Stage

if TYPE_CHECKING:  # the facts load with the first card (see scorecard.py)
    from netrack.domain.facts import CampaignFacts, ContactFacts, FollowUpFacts, InteractionFacts

_KINDS = {kind.value: kind for kind in Kind}
_STAGES = {stage.value: stage for stage in Stage}


def stage_of(value: str) -> Stage:
    return _STAGES.get(value) or stored(Stage, value, "a campaign's stage")


def history_order(row: tuple[Any, ...]) -> tuple[Any, ...]:
    """(campaign, date, entry order) of a stage change row; ISO dates sort as text."""
    return row[0], str(row[1]), row[2]


def campaign_facts(days: Days, end: date, as_of: date) -> tuple[CampaignFacts, ...]:
    """Every campaign with its stage history up to `end`, and its latest linked
    interaction by `as_of` (the card's end, or today while it runs): a touch dated
    ahead of today (an import from a time zone ahead, a back-fill) has not happened
    yet, and must not hide an older one from `insights.stalled`."""
    from netrack.domain.facts import CampaignFacts, StageEvent

    events: dict[int, list[StageEvent]] = {}
    # Found through the date index (a past week reads only its past) and put in
    # history order here: ordering in SQL makes SQLite walk the whole campaign index.
    query = t.StageChange.select(
        t.StageChange.campaign,
        t.StageChange.on,
        t.StageChange.id,
        t.StageChange.from_stage,
        t.StageChange.to_stage,
        t.StageChange.reason,
    ).where(t.StageChange.on <= end)
    for campaign_id, on, _id, before, after, reason in sorted(tuples(query), key=history_order):
        events.setdefault(campaign_id, []).append(
            StageEvent(days[on], stage_of(before) if before else None, stage_of(after), reason)
        )
    touch = t.Interaction.alias("touch")
    # The latest linked interaction through the (campaign, on) index: one seek each.
    last_touch = (
        touch.select(touch.on)
        .where(touch.campaign == t.Campaign.id, touch.on <= as_of)
        .order_by(touch.on.desc())
        .limit(1)
    )
    campaigns = t.Campaign.select(
        t.Campaign.id,
        t.Campaign.opened_on,
        t.Campaign.source,
        t.Organization.name,
        t.Campaign.title,
        last_touch,
    ).join(t.Organization)
    return tuple(
        CampaignFacts(
            cid,
            days[opened],
            source,
            tuple(events.get(cid, ())),
            f"{org} {title}",
            days[last] if last else None,
            org,
        )
        for cid, opened, source, org, title, last in tuples(campaigns)
    )


def interaction_facts(
    days: Days, start: date, end: date, only: int | None = None, given_from: date = date.min
) -> tuple[InteractionFacts, ...]:
    """Interactions dated from `start` to `end`; `only`: just that one. Whether value
    was given is read for those dated from `given_from` on only (the card's period:
    no other figure needs it)."""
    from netrack.domain.facts import InteractionFacts

    i = t.Interaction
    # In the same pass as the rest: the covering index holds value_given (schema 6).
    given = Case(None, (((i.on >= given_from) & (fn.TRIM(i.value_given) != ""), 1),), 0)

    people: dict[int, list[int]] = {}
    # Both reads come from covering indexes in date order (schema 3): no table lookups,
    # no scan of every touch ever logged.
    links = t.InteractionContact.select(
        t.InteractionContact.interaction, t.InteractionContact.contact
    )
    rows = t.Interaction.select(
        t.Interaction.id,
        t.Interaction.on,
        t.Interaction.kind,
        t.Interaction.minutes,
        t.Interaction.campaign,
        t.Interaction.meaningful,
        t.Interaction.value_received,
        t.Interaction.cost_cents,
        given,
    )
    if only is None:
        links = links.where(t.InteractionContact.on.between(start, end))
        rows = rows.where(t.Interaction.on.between(start, end))
    else:
        links = links.where(t.InteractionContact.interaction == only)
        rows = rows.where(t.Interaction.id == only)
    for interaction_id, contact_id in tuples(links):
        people.setdefault(interaction_id, []).append(contact_id)
    kinds = _KINDS
    return tuple(
        InteractionFacts(
            days[on],
            kinds.get(kind) or stored(Kind, kind, "an interaction's kind"),
            tuple(people.get(iid, ())),
            minutes,
            campaign,
            bool(flag) or bool((received or "").strip()),
            cents / 100,
            iid,
            bool(gave),
            bool((received or "").strip()),
        )
        for iid, on, kind, minutes, campaign, flag, received, cents, gave in tuples(rows)
    )


def contact_facts(
    days: Days, as_of: date, only: Iterable[int] | None = None, may_go_cold: bool = False
) -> tuple[ContactFacts, ...]:
    """Contacts met by `as_of`, or touched by then (met_on moved later), with their last
    touch by then; `only`: just those. `as_of` is the card's "at period end": its end,
    or today while it runs, so that a touch dated ahead of today (an import from a time
    zone ahead, a back-fill) does not hide a contact going cold today. `may_go_cold`:
    only the active ones with a cadence or warm at some time (the Agenda's: no other
    can go cold or fall due; on a long history, half of the contacts or fewer)."""
    from netrack.domain.facts import ContactFacts

    link = t.InteractionContact.alias("touch")
    changes = t.StrengthChange
    warm = changes.select(changes.contact).where(changes.strength >= 3, changes.on <= as_of)
    # The newest touch through the (contact_id, on) index: one seek, where MAX() would
    # read every touch of the contact.
    last_touch = (
        link.select(link.on)
        .where(link.contact == t.Contact.id, link.on <= as_of)
        .order_by(link.on.desc())
        .limit(1)
    )
    # Only contacts with a cadence, or warm at some time, can go cold: the rest need
    # no seek for their last touch.
    can_go_cold = (
        (t.Contact.strength >= 3) | t.Contact.keep_in_touch.is_null(False) | t.Contact.id.in_(warm)
    )
    query = t.Contact.select(
        t.Contact.id,
        t.Contact.met_on,
        t.Contact.archived,
        t.Contact.strength,
        t.Contact.channel,
        fn.COALESCE(fn.NULLIF(fn.TRIM(t.Contact.industry), ""), t.Organization.industry),
        t.Contact.function,
        fn.COALESCE(fn.NULLIF(fn.TRIM(t.Contact.location), ""), t.Organization.location),
        t.Organization.size_band,
        Case(None, ((can_go_cold, last_touch),), None),
        t.Contact.name,
        t.Contact.keep_in_touch,
    ).join(t.Organization, JOIN.LEFT_OUTER)
    # A contact met after `as_of` (met_on moved later by an edit) but touched by then
    # counts for the relationship quality of that day: SPEC asks who had a meaningful
    # interaction and their strength then, not whether they were met yet. Few contacts
    # are met after a card's as-of day; each is one seek of the (contact, on) index.
    touched = fn.EXISTS(
        t.InteractionContact.select(t.InteractionContact.id).where(
            t.InteractionContact.contact == t.Contact.id, t.InteractionContact.on <= as_of
        )
    )
    if only is not None:
        query = query.where((t.Contact.met_on <= as_of) | touched, t.Contact.id.in_(list(only)))
    else:
        # Nearly every contact was met by `as_of`: read the table in its order (the
        # unary + keeps SQLite off the met_on index, which would visit the rows in
        # date order, one seek each).
        query = query.where((unindexed(t.Contact.met_on) <= as_of) | touched)
    if may_go_cold:
        query = query.where(t.Contact.archived == False, can_go_cold)  # noqa: E712
    history: dict[int, list[tuple[date, int | None]]] = {}
    # In history order straight from the (contact, on) index: no sort here. The whole
    # history, later entries included: a contact whose entries all come after `as_of`
    # had no strength then, where one without any entry always had today's.
    rows = changes.select(changes.contact, changes.on, changes.strength).order_by(
        changes.contact, changes.on, changes.id
    )
    if only is not None:
        rows = rows.where(changes.contact.in_(list(only)))
    for contact_id, on, strength in tuples(rows):
        entry = (days[on], strength)
        if contact_id in history:
            history[contact_id].append(entry)
        else:
            history[contact_id] = [entry]
    # Positional: the fields' order in ContactFacts (id, met_on, archived, strength,
    # channel, industry, function, location, company_size, last_touch, name,
    # keep_in_touch, strengths).
    return tuple(
        ContactFacts(
            cid,
            days[met],
            bool(archived),
            strength,
            channel,
            industry or "",
            function or "",
            location or "",
            size or "",
            days[touch] if touch else None,
            name,
            every,
            tuple(history.get(cid, ())),
        )
        for cid, met, archived, strength, channel, industry, function, location, size, touch, name, every in tuples(
            query
        )
    )


def follow_up_facts(
    days: Days, start: date, end: date, only: Iterable[int] | None = None
) -> tuple[FollowUpFacts, ...]:
    """Follow-ups due from `start` to `end` or due earlier and open at `end`; `only`:
    just those of these interactions."""
    from netrack.domain.facts import FollowUpFacts

    marked, closed = t.Interaction.follow_up_done_on, t.Interaction.follow_up_closed_on
    # Every follow-up due in the window, and older ones only if still open at `end`:
    # answered from the covering index, so history does not slow the card down.
    query = t.Interaction.select(
        t.Interaction.follow_up_on, marked, closed, t.Interaction.id
    ).where(
        t.Interaction.follow_up_on <= end,
        (t.Interaction.follow_up_on >= start)
        | ((marked.is_null() | (marked > end)) & (closed.is_null() | (closed > end))),
    )
    if only is not None:
        query = query.where(t.Interaction.id.in_(list(only)))
    facts: list[FollowUpFacts] = []
    add = facts.append  # a year card reads thousands: no call to min() either
    for due, marked, auto, iid in tuples(query):
        # ISO dates order as text: the earlier of the two closings, parsed once
        done = (marked if marked < auto else auto) if marked and auto else (marked or auto)
        add(FollowUpFacts(days[due], days[done] if done else None, iid))
    return tuple(facts)
