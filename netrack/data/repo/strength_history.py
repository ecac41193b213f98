"""A contact's strength history, as every write keeps it: one entry a day, a change
never dated before the latest, the first entry moving with the day they were met.
(Apart from `contacts`, which edits a contact; the demo, imports, merges and history
edits write strengths through these too.)"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from peewee import fn

from netrack.data import tables as t
from netrack.data.repo.base import as_date, must_date
from netrack.domain.errors import InputError


def record_strength(contact_id: int, on: date, strength: int | None) -> None:
    """Keep the history: the contact's strength is `strength` from `on` (None: cleared).
    One entry a day, so a second change the same day replaces the first; one that puts
    back the strength of the entry before (3 → 4 → 3 in a day), or clears the only one
    (none → 4 → none), leaves no entry that day: nothing changed. Inside the caller's
    write; the caller sets `Contact.strength`."""
    rows = t.StrengthChange
    mine = rows.contact == contact_id
    before = (
        (rows.select(rows.strength).where(mine, rows.on < on).order_by(rows.on.desc()).limit(1))
        .tuples()
        .first()
    )
    # No entry before this day and none now: the contact never had a strength
    if (before[0] if before is not None else None) == strength:
        rows.delete().where(mine, rows.on == on).execute()
        return
    updated = rows.update(strength=strength).where(mine, rows.on == on).execute()
    if not updated:
        rows.create(contact=contact_id, on=on, strength=strength)


def latest_change(contact_id: int) -> date | None:
    """The day of the contact's latest recorded strength change, if any."""
    rows = t.StrengthChange
    latest = rows.select(fn.MAX(rows.on)).where(rows.contact == contact_id).scalar()
    return as_date(latest)


def refuse_strength_before_latest(told: Callable[[], str], contact_id: int, day: date) -> None:
    """A strength changed on `day` (today, or `contact edit --on`'s day) while its history
    holds a later change (a back-dated NETRACK_TODAY) left the contact saying one
    strength and its history, which the scorecard reads, another: refused, as a stage
    move before the latest one is. `told()`: the contact as the refusal names them."""
    rows = t.StrengthChange
    latest = (
        rows.select(rows.on, rows.strength)
        .where(rows.contact == contact_id, rows.on > day)
        .order_by(rows.on.desc())
        .limit(1)
        .tuples()
        .first()
    )
    if latest is not None:
        on, strength = latest
        raise InputError(
            f"{day.isoformat()} is before {told()}'s latest strength change "
            f"({must_date(on).isoformat()}, to {strength if strength is not None else 'none'}): "
            "a change cannot be dated before it"
        )


def first_strength_follows_met(contact_id: int, was: date, now: date) -> None:
    """The strength a contact was added with is dated on the day they were met: when
    that day changes, it moves along, unless another entry lies on the way. Added
    today (the default) and then met "in January", a contact had no strength on any
    past card, where one added as met in January had it."""
    rows = t.StrengthChange
    entries = list(
        rows.select(rows.id, rows.on).where(rows.contact == contact_id).order_by(rows.on).limit(2)
    )
    if not entries or must_date(entries[0].on) != was or now == was:
        return
    if len(entries) > 1 and must_date(entries[1].on) <= now:
        return  # a later change would come before it
    rows.update(on=now).where(rows.id == entries[0].id).execute()
