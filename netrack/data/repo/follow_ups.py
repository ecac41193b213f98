"""Follow-ups: which are pending, which an entry would close, marking them done.

SPEC: a follow-up is done on the date it is marked done, or on the date of the next
interaction with any of the same contacts logged for a date after its origin's (kept by
triggers in `follow_up_closed_on`, see migration m002).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from peewee import fn

from netrack.data import tables as t
from netrack.data.repo.base import Service, as_date, come, must_date, stored, tuples
from netrack.data.repo.campaigns import Campaigns
from netrack.data.repo.contacts import Contacts
from netrack.domain import validate
from netrack.domain.describe import done_before
from netrack.domain.entries import FollowUp
from netrack.domain.errors import InputError, NothingPending
from netrack.domain.models import Kind

# A follow-up marked done, told apart from another: (due, done on, contact ids).
DoneMark = tuple[str, str, tuple[int, ...]]
# Beyond this many ids, rows are read whole and picked here (see `_people`).
MANY_IDS = 5_000


def first_touch_after(contact_ids: Sequence[int], on: date) -> Any:
    """The earliest day (as stored) any of `contact_ids` was touched after `on`: the day
    the closing rule closes the follow-up of an interaction with them dated `on`."""
    link = t.InteractionContact
    return (
        link.select(fn.MIN(link.on))
        .where(link.contact.in_(list(contact_ids)), link.on > on)
        .scalar()
    )


class FollowUps(Service):
    """The follow-up half of `repo.activity` (which extends it)."""

    contacts: Contacts  # set by `Activity`
    campaigns: Campaigns  # set by `Activity`

    def _people(self, ids: list[int]) -> dict[int, list[tuple[int, str]]]:
        """The people of interactions `ids`, in the order they were named."""
        people: dict[int, list[tuple[int, str]]] = {}
        query = (
            t.InteractionContact.select(
                t.InteractionContact.interaction, t.Contact.id, t.Contact.name
            )
            .join(t.Contact)
            .order_by(t.InteractionContact.id)
        )
        wanted: set[int] | None = None
        if len(ids) <= MANY_IDS:
            query = query.where(t.InteractionContact.interaction.in_(ids))
        else:
            # `interaction list` of a long history: every id a parameter of one statement
            # took longer to write out than to read all links, and past SQLite's limit
            # on parameters (32,766 in many builds) the command failed.
            wanted = set(ids)
        for interaction_id, contact_id, name in tuples(query):
            if wanted is None or interaction_id in wanted:
                people.setdefault(interaction_id, []).append((contact_id, name))
        return people

    def follow_ups(
        self,
        contact_id: int | None = None,
        pending_on: date | None = None,
        due_by: date | None = None,
        contact_ids: Iterable[int] | None = None,
    ) -> list[FollowUp]:
        """Follow-ups, earliest due first. `pending_on`: only those not done by that day
        (marked done, or closed by a later interaction with any of the same contacts).
        `contact_id`, `contact_ids`: only those with that contact, or any of those."""
        query = (
            t.Interaction.select(t.Interaction)
            .where(t.Interaction.follow_up_on.is_null(False))
            .order_by(t.Interaction.follow_up_on, t.Interaction.id)
        )
        if due_by is not None:
            query = query.where(t.Interaction.follow_up_on <= due_by)
        if pending_on is not None:
            # In SQL, so years of closed follow-ups are never read (the agenda's query).
            marked, closed = t.Interaction.follow_up_done_on, t.Interaction.follow_up_closed_on
            query = query.where(
                marked.is_null() | (marked > pending_on), closed.is_null() | (closed > pending_on)
            )
        if contact_id is not None or contact_ids is not None:
            wanted = [contact_id] if contact_id is not None else list(contact_ids or ())
            query = query.where(
                t.Interaction.id.in_(
                    t.InteractionContact.select(t.InteractionContact.interaction).where(
                        t.InteractionContact.contact.in_(wanted)
                    )
                )
            )
        result = self._to_follow_ups(list(query))
        if pending_on is not None:
            result = [f for f in result if f.done_on is None or f.done_on > pending_on]
        return result

    def _to_follow_ups(self, rows: list[Any]) -> list[FollowUp]:
        people = self._people([r.id for r in rows])
        campaigns = self.campaigns.names_of(rows)
        result = []
        today = self.today()
        for row in rows:
            marked = come(as_date(row.follow_up_done_on), today)
            done = [d for d in (marked, come(as_date(row.follow_up_closed_on), today)) if d]
            who = people.get(row.id, [])
            result.append(
                FollowUp(
                    interaction_id=row.id,
                    due=must_date(row.follow_up_on),
                    done_on=min(done) if done else None,
                    contact_ids=tuple(c for c, _ in who),
                    contact_names=tuple(n for _, n in who),
                    origin_on=must_date(row.on),
                    kind=stored(Kind, row.kind, "an interaction's kind"),
                    note=row.note,
                    campaign_id=row.campaign_id,
                    campaign_name=campaigns.get(row.campaign_id, ""),
                    marked_on=marked,
                    interaction_uid=row.uid,
                )
            )
        return result

    def closed_by(self, contact_ids: Sequence[int], on: date) -> tuple[FollowUp, ...]:
        """The follow-ups pending now that an interaction with `contact_ids` dated `on`
        closes (SPEC: the next interaction with any of the same contacts, logged for a date
        after the origin's), earliest due first."""
        if not contact_ids:
            return ()
        query = (
            t.Interaction.select(t.Interaction)
            .where(
                t.Interaction.follow_up_on.is_null(False),
                t.Interaction.follow_up_done_on.is_null(),
                t.Interaction.follow_up_closed_on.is_null(),
                t.Interaction.on < on,
                t.Interaction.id.in_(
                    t.InteractionContact.select(t.InteractionContact.interaction).where(
                        t.InteractionContact.contact.in_(list(contact_ids))
                    )
                ),
            )
            .order_by(t.Interaction.follow_up_on, t.Interaction.id)
        )
        return tuple(self._to_follow_ups(list(query)))

    def closed_earlier(self, contact_ids: Sequence[int], on: date) -> tuple[FollowUp, ...]:
        """The follow-ups done already, after `on`, that an interaction with `contact_ids`
        dated `on` closes on that earlier day instead (a back-dated touch: SPEC's closing
        rule, whichever of the mark and the touch comes first), earliest due first."""
        if not contact_ids:
            return ()
        marked, closed = t.Interaction.follow_up_done_on, t.Interaction.follow_up_closed_on
        query = (
            t.Interaction.select(t.Interaction)
            .where(
                t.Interaction.follow_up_on.is_null(False),
                marked.is_null(False) | closed.is_null(False),
                marked.is_null() | (marked > on),
                closed.is_null() | (closed > on),
                t.Interaction.on < on,
                t.Interaction.id.in_(
                    t.InteractionContact.select(t.InteractionContact.interaction).where(
                        t.InteractionContact.contact.in_(list(contact_ids))
                    )
                ),
            )
            .order_by(t.Interaction.follow_up_on, t.Interaction.id)
        )
        done = self._to_follow_ups(list(query))
        return tuple(f for f in done if f.done_on is not None and f.done_on > on)

    def closed_since(self, contact_ids: Sequence[int], on: date) -> date | None:
        """The day a follow-up of an interaction with `contact_ids` dated `on` is closed
        by one logged already (the earliest touch of any of them after `on`, up to
        today), as the triggers will store it; None while pending."""
        if not contact_ids:
            return None
        return come(as_date(first_touch_after(contact_ids, on)), self.today())

    def pending_of(self, contact_ids: Sequence[int]) -> dict[int, FollowUp]:
        """The pending follow-ups (not marked done, not closed by a later touch) of the
        interactions with any of `contact_ids`, by interaction id."""
        if not contact_ids:
            return {}
        query = t.Interaction.select(t.Interaction).where(
            t.Interaction.follow_up_on.is_null(False),
            t.Interaction.follow_up_done_on.is_null(),
            t.Interaction.follow_up_closed_on.is_null(),
            t.Interaction.id.in_(
                t.InteractionContact.select(t.InteractionContact.interaction).where(
                    t.InteractionContact.contact.in_(list(contact_ids))
                )
            ),
        )
        return {f.interaction_id: f for f in self._to_follow_ups(list(query))}

    @staticmethod
    def _still_pending(on: date) -> Any:
        """The condition of a follow-up not marked done and not closed by a touch by
        `on`, for a write that marks it: checked by the UPDATE itself, so one done by
        another program since it was read (a list shown a moment ago) keeps its day."""
        marked, closed = t.Interaction.follow_up_done_on, t.Interaction.follow_up_closed_on
        # A mark or touch dated after `on` (written with a later NETRACK_TODAY) is not yet
        # done, as every list reads it: marked on `on`, it is done earlier.
        return (marked.is_null() | (marked > on)) & (closed.is_null() | (closed > on))

    def mark_follow_up_done(self, interaction_id: int, on: date | None = None) -> None:
        """Mark the follow-up of that interaction done on `on` (today by default). One
        marked done already, or closed by a touch by then, is refused with the day it
        was done, never re-dated (a mark before the touch that closed it moves its
        done day earlier, as a back-dated touch would)."""
        when = validate.happened(on or self.today(), self.today(), "a follow-up done on")
        with self.writing():
            row = t.Interaction.get_or_none(t.Interaction.id == interaction_id)
            if row is None:
                raise InputError("no follow-up to mark done there")
            due = must_date(row.follow_up_on) if row.follow_up_on else None
            validate.follow_up_done(when, due, must_date(row.on), self.today())
            marked = (
                t.Interaction.update(follow_up_done_on=when)
                .where(t.Interaction.id == interaction_id, self._still_pending(when))
                .execute()
            )
            if not marked:
                again = t.Interaction.get_by_id(interaction_id)
                raise InputError(done_before(self._to_follow_ups([again])[0]))

    def done_marks(self, interaction_ids: Sequence[int]) -> dict[int, DoneMark]:
        """Of the interactions whose follow-up is marked done, what tells that mark apart
        (its due day, the day it was done, the people): `u` reopens a follow-up only
        while it is the one its `d` marked (an id deleted elsewhere is a newcomer's)."""
        query = t.Interaction.select(
            t.Interaction.id, t.Interaction.follow_up_on, t.Interaction.follow_up_done_on
        ).where(
            t.Interaction.id.in_(list(interaction_ids)),
            t.Interaction.follow_up_done_on.is_null(False),
        )
        rows = list(tuples(query))
        people = self._people([row[0] for row in rows])
        return {
            iid: (str(due), str(done), tuple(sorted(cid for cid, _ in people.get(iid, ()))))
            for iid, due, done in rows
        }

    def marked_done(
        self, interaction_ids: Sequence[int], contact_id: int | None = None
    ) -> tuple[int, ...]:
        """Those of the interactions whose follow-up is marked done (in the order given);
        `contact_id`: of those still with that contact (an id a merged or deleted
        contact had may be a new contact's now)."""
        query = t.Interaction.select(t.Interaction.id).where(
            t.Interaction.id.in_(list(interaction_ids)),
            t.Interaction.follow_up_done_on.is_null(False),
        )
        if contact_id is not None:
            link = t.InteractionContact
            query = query.where(
                t.Interaction.id.in_(
                    link.select(link.interaction).where(link.contact == contact_id)
                )
            )
        found = {row_id for (row_id,) in tuples(query)}
        return tuple(i for i in interaction_ids if i in found)

    def reopen_follow_up(self, interaction_id: int) -> tuple[date, date | None]:
        """Undo a follow-up marked done by mistake (`followup done` marks every pending
        one of a contact): its mark is removed, so it is pending again, or done on the
        day a later interaction closed it (SPEC: marked, or the next interaction).
        Returns its due date and that closing day (None: pending)."""
        with self.writing():
            row = t.Interaction.get_or_none(t.Interaction.id == interaction_id)
            if row is None:
                raise InputError(f"no interaction with id {interaction_id}")
            if row.follow_up_on is None:
                raise InputError(f"interaction #{interaction_id} has no follow-up")
            closed = as_date(row.follow_up_closed_on)
            if row.follow_up_done_on is None:
                if closed is not None:  # no mark to take back: a touch closed it
                    raise InputError(
                        f"the follow-up of #{interaction_id} was closed by the interaction "
                        f"of {closed.isoformat()}, not marked done: edit or delete that one"
                    )
                raise InputError(f"the follow-up of #{interaction_id} is not done")
            t.Interaction.update(follow_up_done_on=None).where(
                t.Interaction.id == interaction_id
            ).execute()
        return must_date(row.follow_up_on), closed

    def pending_of_archived_namesakes(self, contact_id: int) -> list[tuple[int, str, int]]:
        """(id, "Name (Org)", how many) of the archived contacts who share this one's
        name (as names compare) and have follow-ups pending today, in id order: the bare
        name reaches the active one only, their follow-ups listed beside his."""
        key = self.contacts.fold(self.contacts.get(contact_id).name, False)
        alike = [
            cid
            for cid, name, _org in self.contacts.named(archived=True)
            if cid != contact_id and self.contacts.fold(name, False) == key
        ]
        if not alike:
            return []
        told = self.contacts.told_apart()  # "Sam Lee (Acme)", "Sam Lee ()" for no org
        found = []
        for cid in alike:
            count = len(self.follow_ups(contact_id=cid, pending_on=self.today()))
            if count:
                found.append((cid, told[cid], count))
        return found

    def mark_contact_follow_ups_done(
        self, contact_id: int, on: date | None = None
    ) -> tuple[int, ...]:
        """Mark every pending follow-up of a contact done; returns their interactions'
        ids (what an undo reopens)."""
        when = validate.happened(on or self.today(), self.today(), "a follow-up done on")
        # Read in the write: one read before it, then done by another program, was
        # marked again on this day, its own overwritten.
        with self.writing():
            # Pending now, not open on the day given: one open then but done since (marked,
            # or closed by a later touch) was re-dated earlier, a late one turned on time.
            pending_now = self.follow_ups(contact_id=contact_id, pending_on=self.today())
            pending = [f.interaction_id for f in pending_now if f.origin_on <= when]
            if not pending:
                # "Sam Lee (Globex)": a bare "Sam Lee" said nothing of which of two
                name = self.contacts.told(contact_id, self.contacts.get(contact_id).name)
                later = min((f.origin_on for f in pending_now), default=None)
                if later is not None:  # there is one, logged after the day given
                    raise InputError(
                        f"{name}'s pending follow-up comes from {later.isoformat()}, after "
                        f"{when.isoformat()}: it cannot be done before it was set"
                    )
                raise NothingPending(f"no pending follow-ups with {name}")
            t.Interaction.update(follow_up_done_on=when).where(
                t.Interaction.id.in_(pending), self._still_pending(self.today())
            ).execute()
        return tuple(pending)
