"""Interactions and their follow-ups: what a day's logging writes (referrals and time
entries: `referrals_time`)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from contextlib import suppress
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Any

from netrack.data import tables as t
from netrack.data.repo.base import tuples
from netrack.data.repo.campaign_links import link_people, unlink_left
from netrack.data.repo.campaigns import Campaigns
from netrack.data.repo.contacts import Contacts
from netrack.data.repo.follow_ups import first_touch_after
from netrack.data.repo.interactions import Interactions
from netrack.data.repo.told_apart import Resolved, closes_shown, names_shown, told_apart
from netrack.data.store import Store
from netrack.domain import validate
from netrack.domain.errors import InputError, NetrackError, ResolveError
from netrack.domain.models import FollowUp, Interaction, Kind
from netrack.domain.resolve import Item, resolve
from netrack.domain.write_effects import ClosedLater, Edited

# The quick-log grammar loads with the first log or preview: the TUI's first screen
# does without it.
if TYPE_CHECKING:
    from netrack.domain.quicklog import Logged, LogPreview


class Unset:
    """Marks an argument not given, where None means "clear"."""


UNSET = Unset()


class Activity(Interactions):
    """Interactions, follow-ups, referrals and time entries: `repo.activity`. Logging,
    editing and deleting here; reading interactions in `Interactions`, which it extends
    (as that extends `FollowUps`)."""

    def __init__(self, store: Store, contacts: Contacts, campaigns: Campaigns) -> None:
        super().__init__(store)
        self.contacts = contacts
        self.campaigns = campaigns
        # The names folded for resolving, remembered by `contacts` (see there).
        self._fold = contacts.fold

    # --- interactions --------------------------------------------------------------

    def log(
        self,
        contact_ids: Iterable[int],
        on: date | None = None,
        kind: str | Kind = Kind.OTHER,
        minutes: int = 0,
        campaign_id: int | None = None,
        meaningful: bool = False,
        value_received: str = "",
        value_given: str = "",
        cost: float = 0.0,
        follow_up_on: date | None = None,
        note: str = "",
        logged_on: date | None = None,
    ) -> Interaction:
        """Write one interaction with its contacts, in one transaction. `logged_on`: the
        day it was typed in, today unless said (the demo's story logs each touch on its
        own day)."""
        people = list(dict.fromkeys(contact_ids))
        if not people:
            raise InputError("an interaction needs at least one contact")
        from netrack.domain.quicklog import resolve_kind

        what = kind if isinstance(kind, Kind) else resolve_kind(kind)
        when = validate.happened(on or self.today(), self.today(), "interaction")
        validate.follow_up(follow_up_on, when)  # the rule every writer shares
        cents = validate.cents(validate.cost(cost))
        with self.writing():
            row = t.Interaction.create(
                on=when,
                kind=what.value,
                minutes=validate.minutes(minutes),
                campaign=campaign_id,
                meaningful=meaningful,
                value_received=validate.text(value_received, "value received"),
                value_given=validate.text(value_given, "value given"),
                cost_cents=cents,
                follow_up_on=follow_up_on,
                note=validate.text(note, "note"),
                logged_on=logged_on or self.today(),
            )
            for contact_id in people:
                t.InteractionContact.create(interaction=row.id, contact=contact_id, on=when)
            if campaign_id is not None:
                link_people(campaign_id, people)
        return self.get(row.id)

    def log_reporting(self, contact_ids: Iterable[int], **fields: Any) -> Logged:
        """`log`, with the pending follow-ups the entry closes and those done later it
        closes on its day instead (found in the same write, so what is said is what
        happened); the fields are `log`'s."""
        from netrack.domain.quicklog import Logged

        people = tuple(dict.fromkeys(contact_ids))
        on = fields.get("on") or self.today()
        with self.writing():
            closes = self.closed_by(people, on)
            earlier = self.closed_earlier(people, on)
            entry = self.log(people, **fields)
            met_later = self.met_after(entry)
        return Logged(entry, closes, earlier, met_later)

    def preview_log(
        self,
        line: str,
        people: Sequence[Item[int]] | None = None,
        campaigns: Sequence[tuple[int, str]] | None = None,
        resolved: Resolved | None = None,
        archived: Sequence[Item[int]] | None = None,
    ) -> LogPreview:
        """Parse and resolve a quick-log line without writing (the TUI's live preview),
        with the pending follow-ups it would close.

        `people`: (id, name, organization) of the active contacts, as `contacts.named()`
        gives them, and `campaigns`: (id, name) as `campaigns.names()` does, when the
        caller already holds them (the quick-log bar, on each key); read here otherwise.
        `resolved`: the answers found against those same names so far (see `Resolved`),
        added to. `archived`: the archived contacts, likewise: a name that fits one of
        them better than anyone active is refused (`refuse_outmatched`)."""
        from netrack.domain.quicklog import LogPreview, keep_as_note, parse

        parsed = parse(line, self.today())
        validate.happened(parsed.on, self.today(), "interaction")  # said before Enter
        if people is None and parsed.contacts:
            # Read once for every @name of the line; archived contacts have left resolution.
            people = self.contacts.named()
        if archived is None and parsed.contacts:
            archived = self.contacts.named(archived=True)
        people = people or []
        memo: Resolved = resolved if resolved is not None else {}
        ids = tuple(
            dict.fromkeys(
                self._resolve(ref.text, ref.bare, people, "contact", memo, archived)
                for ref in parsed.contacts
            )
        )
        # Only the names of those found: a dict of every contact took ~10 ms a keystroke
        # on 50,000 names.
        told = told_apart(ids, memo, people, self._fold, archived or ())
        names = names_shown(people, set(ids), told)
        campaign_id = None
        campaign_name = ""
        if parsed.campaign is not None:
            if campaigns is None:
                campaigns = self.campaigns.names()
            ref = parsed.campaign
            try:
                campaign_id = self._resolve(ref.text, ref.bare, campaigns, "campaign", memo)
            except ResolveError as error:
                if error.candidates:  # a campaign meant, not yet told apart
                    raise
                # `called +1 555 0100`: a phone number in the note, most likely
                raise ResolveError(keep_as_note(str(error))) from None
            campaign_name = dict(campaigns)[campaign_id]
        closes = closes_shown(self.closed_by(ids, parsed.on), names, told)
        earlier: tuple[FollowUp, ...] = ()
        if parsed.on < self.today():  # per key, so only back-dated: none is done after today
            earlier = closes_shown(self.closed_earlier(ids, parsed.on), names, told)
        # Per key, so only for a back-dated follow-up: none today has a touch after it.
        own = parsed.follow_up_on is not None and parsed.on < self.today()
        return LogPreview(
            parsed,
            ids,
            tuple(names[i] for i in ids),
            campaign_id,
            campaign_name,
            closes,
            self.closed_since(ids, parsed.on) if own else None,
            earlier,
        )

    def _resolve(
        self,
        text: str,
        bare: bool,
        items: Sequence[Item[int]],
        what: str,
        memo: Resolved,
        archived: Sequence[Item[int]] | None = None,
    ) -> int:
        """`resolve`, or its answer for the same reference against the same `items`;
        for a contact, refused when it fits one of the `archived` better."""
        key = (what, text, bare)
        found = memo.get(key)
        if found is None:
            if what == "contact":
                self.contacts.refuse_outmatched(text, bare, items, others=archived)
            try:
                found = resolve(text, items, what, dashes_are_spaces=bare, fold=self._fold)
            except ResolveError as error:
                if what != "contact":
                    raise
                raise self.contacts.hinted(error, text) from None
            memo[key] = found
        return found

    def log_line(
        self,
        line: str,
        people: Sequence[Item[int]] | None = None,
        campaigns: Sequence[tuple[int, str]] | None = None,
        resolved: Resolved | None = None,
        archived: Sequence[Item[int]] | None = None,
    ) -> Logged:
        """`netrack log "…"` and the quick-log bar: parse, resolve, write once; with the
        follow-ups the entry closed.

        `people`, `campaigns`, `resolved` and `archived`: the names the caller holds and
        what they resolved to, as for `preview_log` (the bar's, kept current). Reading every name
        again costs more than the rest of the write on a large network; what they
        resolve to is checked in the write instead, and everything is read afresh if it
        no longer holds."""
        from netrack.domain.quicklog import Logged

        with self.writing():  # the preview's closes are read in the write that follows
            preview = None
            if people is not None:
                with suppress(NetrackError):  # said again, if true, by the fresh read
                    preview = self.preview_log(line, people, campaigns, resolved, archived)
                if preview is not None and not self._still_named(preview, people, campaigns):
                    preview = None
            if preview is None:
                preview = self.preview_log(line)
            parsed = preview.parsed
            entry = self.log(
                preview.contact_ids,
                on=parsed.on,
                kind=parsed.kind,
                minutes=parsed.minutes,
                campaign_id=preview.campaign_id,
                meaningful=parsed.meaningful,
                cost=parsed.cost,
                follow_up_on=parsed.follow_up_on,
                note=parsed.note,
            )
            # Named as the preview named them: a namesake with the organization typed.
            named = replace(entry, contact_names=preview.contact_names)
            met_later = self.met_after(named)
        return Logged(named, preview.closes, preview.earlier, met_later)

    def _still_named(
        self,
        preview: LogPreview,
        people: Sequence[Item[int]],
        campaigns: Sequence[tuple[int, str]] | None,
    ) -> bool:
        """Whether the contacts and campaign `preview` resolved to from held names are
        still there, active and named so."""
        held = {item[0]: item for item in people if item[0] in preview.contact_ids}
        found = {row[0]: row for row in self.contacts.named(only=preview.contact_ids)}
        if found != held:
            return False
        if preview.campaign_id is None:
            return True
        held_campaign = [item for item in campaigns or () if item[0] == preview.campaign_id]
        return self.campaigns.names(only=[preview.campaign_id]) == held_campaign

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
