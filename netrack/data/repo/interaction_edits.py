"""Editing and deleting an interaction, and what that does to the follow-ups of its
people (which it closes, reopens, or closes on another day): a base of `Activity`
(activity.py), which logs them."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any

from netrack.data import tables as t
from netrack.data.repo.base import UNSET, Unset, tuples
from netrack.data.repo.campaign_links import link_people, unlink_left
from netrack.data.repo.follow_ups import first_touch_after
from netrack.data.repo.interactions import Interactions
from netrack.domain import validate
from netrack.domain.entries import FollowUp, Interaction
from netrack.domain.errors import InputError
from netrack.domain.models import Kind

if TYPE_CHECKING:
    from netrack.domain.write_effects import ClosedLater, Edited


class InteractionEdits(Interactions):
    """`repo.activity`'s edits and deletes of interactions: `update`, `delete` and the
    `…_telling` forms that report what they did to follow-ups."""

    def update(
        self,
        interaction_id: int,
        contact_ids: Iterable[int] | None = None,
        on: date | None = None,
        kind: str | Kind | None = None,
        minutes: int | None = None,
        campaign_id: int | Unset | None = UNSET,
        meaningful: bool | None = None,
        value_received: str | None = None,
        value_given: str | None = None,
        cost: float | None = None,
        follow_up_on: date | Unset | None = UNSET,
        note: str | None = None,
    ) -> Interaction:
        """Change the given fields of an interaction (None / UNSET leave a field as it is;
        `campaign_id=None` / `follow_up_on=None` clear them). One transaction; the
        follow-up closing dates follow by trigger."""
        current = self.get(interaction_id)
        when = validate.happened(on, self.today(), "interaction") if on else current.on
        due = current.follow_up_on if isinstance(follow_up_on, Unset) else follow_up_on
        # One left as it is is not checked against the years (see `validate.follow_up`).
        validate.follow_up(due, when, given=not isinstance(follow_up_on, Unset))
        values: dict[str, Any] = {"on": when, "follow_up_on": due}
        if due is None:  # no follow-up left to have been done, by hand or by a touch
            values["follow_up_done_on"] = values["follow_up_closed_on"] = None
        elif when != current.on:  # moved after the day its follow-up was done: refused
            validate.follow_up_done(current.follow_up_done_on, due, when, date.max)
        if kind is not None:
            from netrack.domain.quicklog import resolve_kind

            values["kind"] = (kind if isinstance(kind, Kind) else resolve_kind(kind)).value
        if minutes is not None:
            values["minutes"] = validate.minutes(minutes)
        if not isinstance(campaign_id, Unset):
            values["campaign"] = campaign_id
        if meaningful is not None:
            values["meaningful"] = meaningful
        for key, text in (("value_received", value_received), ("value_given", value_given)):
            if text is not None:
                values[key] = validate.text(text, key.replace("_", " "))
        if cost is not None:
            values["cost_cents"] = validate.cents(validate.cost(cost))
        if note is not None:
            values["note"] = validate.text(note, "note")
        people = list(dict.fromkeys(contact_ids)) if contact_ids is not None else None
        if people is not None and not people:
            raise InputError("an interaction needs at least one contact")
        with self.writing():
            t.Interaction.update(**values).where(t.Interaction.id == interaction_id).execute()
            if people is not None and set(people) != set(current.contact_ids):
                t.InteractionContact.delete().where(
                    t.InteractionContact.interaction == interaction_id,
                    t.InteractionContact.contact.not_in(people),
                ).execute()
                for contact_id in set(people) - set(current.contact_ids):
                    t.InteractionContact.create(
                        interaction=interaction_id, contact=contact_id, on=when
                    )
                _close_again(interaction_id, people, when)
            # As when it was logged: the people of an interaction linked to a campaign are
            # linked to it too (a link they already have keeps its role). Only what this
            # edit links: someone unlinked by hand is not linked back by editing a note.
            moved = not isinstance(campaign_id, Unset) and campaign_id != current.campaign_id
            campaign = current.campaign_id if isinstance(campaign_id, Unset) else campaign_id
            now = people if people is not None else list(current.contact_ids)
            added = now if moved else [p for p in now if p not in current.contact_ids]
            if campaign is not None and added:
                link_people(campaign, added)
            # And what it no longer ties: the campaign it left, the people it dropped.
            dropped = [p for p in current.contact_ids if p not in now]
            unlink_left(current.campaign_id, current.contact_ids if moved else dropped)
        return self.get(interaction_id)

    def update_telling(self, interaction_id: int, **changes: Any) -> Edited:
        """`update`, and what it did to the follow-ups of its people (see `Edited`): an
        edit moving an interaction's day or people changes which follow-ups a touch
        closes, and on which day."""
        current = self.get(interaction_id)
        people = list(dict.fromkeys(changes.get("contact_ids") or current.contact_ids))
        on = changes.get("on") or current.on
        # The people it gets too: their earlier follow-ups close when it is theirs.
        everyone = list(dict.fromkeys([*current.contact_ids, *people]))
        with self.writing():
            before = self.pending_of(everyone)
            closed = self.closed_on_day(current.contact_ids, current.on, interaction_id)
            # Done after its new day: it closes them on that day now (its own aside).
            done_after = {f.interaction_id: f for f in self.closed_earlier(people, on)}
            done_after.pop(interaction_id, None)
            # A follow-up cleared goes with its done mark: said, as it was.
            clears = "follow_up_on" in changes and changes["follow_up_on"] is None
            mine = self.follow_ups_by_id([interaction_id]) if clears else {}
            entry = self.update(interaction_id, **changes)
            after = self.pending_of(list({*current.contact_ids, *entry.contact_ids}))
            later = self.closed_later(closed)
            earlier = self.closed_earlier_than(done_after)
            # Noted when the edit set the day or the people, not on every note's change
            moved = changes.get("on") is not None or changes.get("contact_ids") is not None
            met_later = self.met_after(entry) if moved else ()
        # Its own follow-up closed by the edit is said by the entry ("already done: …");
        # one it had, done by a touch and pending after a move, is reopened. One pending
        # before is not (a note changed), nor is one it gets now (new, not reopened).
        if before.pop(interaction_id, None) is not None or current.follow_up_on is None:
            after.pop(interaction_id, None)
        closes, reopens = _left(before, after), _left(after, before)
        from netrack.domain.write_effects import Edited  # an edit only, not every log

        return Edited(entry, closes, reopens, later, earlier, mine.get(interaction_id), met_later)

    def delete(self, interaction_id: int) -> tuple[FollowUp, ...]:
        """Remove an interaction; returns the follow-ups of its people it had closed,
        pending again without it (earliest due first), for the words to say so."""
        with self.writing():
            link = t.InteractionContact
            found = link.select(link.contact).where(link.interaction == interaction_id)
            people = [int(cid) for (cid,) in tuples(found)]
            before = self.pending_of(people)
            campaign = (
                t.Interaction.select(t.Interaction.campaign)
                .where(t.Interaction.id == interaction_id)
                .scalar()
            )
            if not t.Interaction.delete().where(t.Interaction.id == interaction_id).execute():
                # gone already (deleted elsewhere, or by a key typed twice): not "deleted"
                raise InputError(f"no interaction with id {interaction_id}")
            unlink_left(campaign, people)
            return _left(self.pending_of(people), before)

    def delete_telling(
        self, interaction_id: int
    ) -> tuple[tuple[FollowUp, ...], tuple[ClosedLater, ...]]:
        """`delete`, and the follow-ups it had closed that a later touch of their people
        (or their mark) closes now, earliest due first: an on-time one may turn late."""
        with self.writing():
            people, on = self._touch(interaction_id)
            closed = self.closed_on_day(people, on, interaction_id) if on else {}
            reopens = self.delete(interaction_id)
            return reopens, self.closed_later(closed)


def _close_again(interaction_id: int, people: list[int], on: date) -> None:
    """The interaction's own follow-up closed again by the rule, for its people now:
    m002's triggers reopen the follow-ups a removed touch had closed, not the one of the
    interaction a contact was taken off, which a later touch of theirs kept closed."""
    closing = first_touch_after(people, on)
    t.Interaction.update(follow_up_closed_on=closing).where(
        t.Interaction.id == interaction_id, t.Interaction.follow_up_on.is_null(False)
    ).execute()


def _left(these: dict[int, FollowUp], those: dict[int, FollowUp]) -> tuple[FollowUp, ...]:
    """The follow-ups of `these` (by interaction id) not in `those`, earliest due first."""
    found = [f for i, f in these.items() if i not in those]
    return tuple(sorted(found, key=lambda f: (f.due, f.interaction_id)))
