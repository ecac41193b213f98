"""Follow-ups a write moves to another day: those a delete reopens or leaves to a
later touch (foretold for the TUI's question, and told after the write), those an edit
moving a touch or its people closes earlier or later. Apart from `follow_ups.py`, whose
`FollowUps` this extends (and `Interactions`, this).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from peewee import fn

from netrack.data import tables as t
from netrack.data.repo.base import as_date, come, tuples
from netrack.data.repo.follow_ups import FollowUps
from netrack.domain.entries import FollowUp

if TYPE_CHECKING:
    from netrack.domain.write_effects import ClosedLater


class FollowUpShifts(FollowUps):
    """The follow-ups a delete or an edit closes on another day: part of `repo.activity`."""

    def _touch(self, interaction_id: int) -> tuple[list[int], date | None]:
        """The people of that interaction and its day (None: no such interaction)."""
        link = t.InteractionContact
        touches = list(
            tuples(link.select(link.contact, link.on).where(link.interaction == interaction_id))
        )
        if not touches:
            return [], None
        return [int(cid) for cid, _ in touches], as_date(touches[0][1])

    @staticmethod
    def _next_touch(follow_up: FollowUp, without: int) -> date | None:
        """The day the closing rule closes `follow_up` on without interaction `without`."""
        link = t.InteractionContact
        closing = (
            link.select(fn.MIN(link.on))
            .where(
                link.contact.in_(list(follow_up.contact_ids)),
                link.on > follow_up.origin_on,
                link.interaction != without,
            )
            .scalar()
        )
        return as_date(closing)

    def reopened_by_delete(self, interaction_id: int) -> tuple[FollowUp, ...]:
        """The follow-ups deleting that interaction would reopen, as `delete` returns
        them: closed by a touch (not marked done), none of their people touched after
        their day but by it; earliest due first. What the question before a delete says."""
        people, on = self._touch(interaction_id)
        if on is None:
            return ()
        link = t.InteractionContact
        query = (
            t.Interaction.select(t.Interaction)
            .where(
                t.Interaction.follow_up_on.is_null(False),
                t.Interaction.follow_up_done_on.is_null(),
                t.Interaction.follow_up_closed_on.is_null(False),
                t.Interaction.on < on,
                t.Interaction.id.in_(link.select(link.interaction).where(link.contact.in_(people))),
            )
            .order_by(t.Interaction.follow_up_on, t.Interaction.id)
        )
        return tuple(
            replace(follow_up, done_on=None)
            for follow_up in self._to_follow_ups(list(query))
            if self._next_touch(follow_up, interaction_id) is None
        )

    def closed_later_by_delete(self, interaction_id: int) -> tuple[ClosedLater, ...]:
        """The follow-ups deleting that interaction would leave done on a later day, as
        `delete_telling` returns them: those it closed that a later touch of their
        people (or their mark) closes instead; earliest due first. What the question
        before a delete says, beside `reopened_by_delete`."""
        people, on = self._touch(interaction_id)
        if on is None:
            return ()
        found = []
        for was in self.closed_on_day(people, on, interaction_id).values():
            days = [was.marked_on, come(self._next_touch(was, interaction_id), self.today())]
            done = [day for day in days if day is not None]
            now = replace(was, done_on=min(done) if done else None)
            if was.done_on is not None and now.done_on is not None and now.done_on > was.done_on:
                found.append(_closed_later(was, now))
        return tuple(found)

    def closed_on_day(self, contact_ids: Sequence[int], day: date, but: int) -> dict[int, FollowUp]:
        """The follow-ups of interactions with any of `contact_ids` (not interaction
        `but`'s own) that a touch on `day` closed, by interaction id, earliest due first:
        those a write deleting that touch, moving it later or taking someone off it may
        leave to a later one (`closed_later`, after the write)."""
        if not contact_ids:
            return {}
        link = t.InteractionContact
        query = (
            t.Interaction.select(t.Interaction)
            .where(
                t.Interaction.follow_up_on.is_null(False),
                t.Interaction.follow_up_closed_on == day,
                t.Interaction.id != but,
                t.Interaction.id.in_(
                    link.select(link.interaction).where(link.contact.in_(list(contact_ids)))
                ),
            )
            .order_by(t.Interaction.follow_up_on, t.Interaction.id)
        )
        return {f.interaction_id: f for f in self._to_follow_ups(list(query))}

    def closed_later(self, before: dict[int, FollowUp]) -> tuple[ClosedLater, ...]:
        """Of `before` (`closed_on_day`, read before a write), those now done on a later
        day than then, earliest due first (one pending again is a reopen, not here)."""
        now = self.follow_ups_by_id(list(before))
        found = [
            _closed_later(was, now[i])
            for i, was in before.items()
            if i in now and was.done_on is not None and (now[i].done_on or date.min) > was.done_on
        ]
        return tuple(sorted(found, key=lambda f: (f.now.due, f.now.interaction_id)))

    def closed_earlier_than(self, before: dict[int, FollowUp]) -> tuple[FollowUp, ...]:
        """Of `before` (`closed_earlier`, read before a write), those now done on an
        earlier day than then, each as it was (what `describe_closes_earlier` says),
        earliest due first: an edit moving a touch earlier or adding someone to it
        closes them on its day, as a back-dated log does."""
        now = self.follow_ups_by_id(list(before))
        found = [
            was
            for i, was in before.items()
            if i in now and was.done_on is not None and (now[i].done_on or date.max) < was.done_on
        ]
        return tuple(sorted(found, key=lambda f: (f.due, f.interaction_id)))

    def follow_ups_by_id(self, interaction_ids: Sequence[int]) -> dict[int, FollowUp]:
        """The follow-ups of these interactions (those that have one), by interaction id."""
        if not interaction_ids:
            return {}
        rows = t.Interaction.select(t.Interaction).where(
            t.Interaction.id.in_(list(interaction_ids)), t.Interaction.follow_up_on.is_null(False)
        )
        return {f.interaction_id: f for f in self._to_follow_ups(list(rows))}


def _closed_later(was: FollowUp, now: FollowUp) -> ClosedLater:
    """What a write told of `was`, now closed later. Its module (the records of what a
    write did beside itself) loads with the first one: a log rarely makes one, and
    each of its five classes cost ~0.7 ms of every `netrack log`'s start."""
    from netrack.domain.write_effects import ClosedLater

    return ClosedLater(was, now)
