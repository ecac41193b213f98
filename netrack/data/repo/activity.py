"""Interactions and their follow-ups: what a day's logging writes (an interaction's
edits and deletes: `interaction_edits`; referrals and time entries: `referrals_time`)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from contextlib import suppress
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, Any

from netrack.data import tables as t
from netrack.data.repo.campaign_links import link_people
from netrack.data.repo.campaigns import Campaigns
from netrack.data.repo.contacts import Contacts
from netrack.data.repo.interaction_edits import InteractionEdits
from netrack.data.repo.told_apart import (
    Resolved,
    closes_shown,
    held_items,
    names_shown,
    told_apart,
)
from netrack.data.store import Store
from netrack.domain import validate
from netrack.domain.entries import FollowUp, Interaction
from netrack.domain.errors import InputError, NetrackError, ResolveError
from netrack.domain.models import Kind
from netrack.domain.name_folding import words_of_every_match
from netrack.domain.resolve import Item, resolve

# The quick-log grammar loads with the first log or preview: the TUI's first screen
# does without it.
if TYPE_CHECKING:
    from netrack.domain.quicklog import Logged, LogPreview


# The most @names a log's own read of names is narrowed by (see `preview_log`), each by
# up to `name_folding.WORDS_NARROWED_BY` words.
_NARROWED_BY_AT_MOST = 8


class Activity(InteractionEdits):
    """Interactions, follow-ups, referrals and time entries: `repo.activity`. Logging
    here; editing and deleting in `InteractionEdits`, which it extends, as that extends
    `Interactions` (reading them), and that `FollowUps`."""

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
        holding = None
        if people is None and archived is None and parsed.contacts:
            # A line's own read (`netrack log`): only the names that can match its
            # @names (see `words_of_every_match`), where folding every name of a long
            # history was most of the command's time.
            groups = {words_of_every_match(ref.text) for ref in parsed.contacts}
            # A line naming many people reads them all: each word is one more LIKE in
            # one condition, and SQLite's parser gives up at ~80 of them.
            if None not in groups and len(groups) <= _NARROWED_BY_AT_MOST:
                holding = sorted(group for group in groups if group is not None)
        if people is None and parsed.contacts:
            # Read once for every @name of the line; archived contacts have left resolution.
            people = self.contacts.named(holding=holding)
        if archived is None and parsed.contacts:
            archived = self.contacts.named(archived=True, holding=holding)
        people = people or []
        memo = resolved if resolved is not None else Resolved()
        try:
            ids = tuple(
                dict.fromkeys(
                    self._resolve(ref.text, ref.bare, people, "contact", memo, archived)
                    for ref in parsed.contacts
                )
            )
        except NetrackError:
            if holding is None:
                raise
            # Refused as against every name: the names near one that matches none
            # are looked for among them all.
            everyone = self.contacts.named()
            return self.preview_log(
                line, everyone, campaigns, resolved, self.contacts.named(archived=True)
            )
        # Only the names of those found: a dict of every contact took ~10 ms a keystroke
        # on 50,000 names.
        told = told_apart(ids, memo, people, self._fold, archived or ())
        names = names_shown(people, set(ids), told, memo)
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
            frozenset(told),
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
        if found is not None:
            return found
        refused = memo.refused.get(key)
        if refused is not None:
            raise refused.with_traceback(None)  # the same words, said again
        try:
            if what == "contact":
                self.contacts.refuse_outmatched(text, bare, items, others=archived)
            try:
                found = resolve(text, items, what, dashes_are_spaces=bare, fold=self._fold)
            except ResolveError as error:
                if what != "contact":
                    raise
                raise self.contacts.hinted(error, text) from None
        except NetrackError as error:
            memo.refused[key] = error
            raise
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
                if preview is not None and not self._still_named(
                    preview, people, campaigns, resolved
                ):
                    preview = None
            fresh = preview is None  # resolved against the names read in this write
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
        namesakes = preview.told if fresh else None
        return Logged(named, preview.closes, preview.earlier, met_later, namesakes)

    def _still_named(
        self,
        preview: LogPreview,
        people: Sequence[Item[int]],
        campaigns: Sequence[tuple[int, str]] | None,
        memo: Resolved | None = None,
    ) -> bool:
        """Whether the contacts and campaign `preview` resolved to from held names are
        still there, active and named so. `memo`: see `told_apart.held_items`."""
        held = held_items(people, preview.contact_ids, memo)
        found = {row[0]: row for row in self.contacts.named(only=preview.contact_ids)}
        if found != held:
            return False
        if preview.campaign_id is None:
            return True
        held_campaign = [item for item in campaigns or () if item[0] == preview.campaign_id]
        return self.campaigns.names(only=[preview.campaign_id]) == held_campaign
