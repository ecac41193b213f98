"""Keeping the data tidy: archive, delete and merge contacts; delete campaigns; unlink.

SPEC's rules: a contact or campaign is deleted only while it has no history (so a delete
never takes a past scorecard figure with it); otherwise the refusal names what to do
instead. A merge moves every piece of one contact's history onto another, fills the
kept contact's blanks, and only then removes the duplicate — after a verified backup,
since it cannot be undone by hand. This module decides when a merge may run and holds
its transaction; the rows it moves and fills are `contact_merge.py`'s work.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from netrack.data import tables as t
from netrack.data.repo.base import Service
from netrack.data.repo.campaigns import Campaigns
from netrack.data.repo.contact_merge import (
    MergeResult,
    fill_blanks,
    giving_way,
    move_history,
    notes_fit,
    own_giving_way,
    pending_follow_ups,
    roles_giving_way,
    said_giving_way,
    strength_as_latest,
)
from netrack.data.repo.contacts import Contacts
from netrack.data.repo.follow_ups import FollowUps
from netrack.data.repo.merging import history_words, merge_backup
from netrack.data.store import Store
from netrack.domain.entries import FollowUp
from netrack.domain.errors import InputError
from netrack.domain.models import Campaign
from netrack.domain.people import Contact


class Tidy(Service):
    """Archive, delete, merge and unlink: `repo.tidy`."""

    def __init__(
        self, store: Store, contacts: Contacts, campaigns: Campaigns, follow_ups: FollowUps
    ) -> None:
        super().__init__(store)
        self.contacts = contacts
        self.campaigns = campaigns
        self.follow_ups = follow_ups

    # --- contacts --------------------------------------------------------------------

    def archive_contact(self, contact_id: int, archived: bool = True) -> Contact:
        """Archive (or bring back) a contact: it leaves lists, completion and name
        resolution, and keeps its whole history."""
        return self.contacts.update(contact_id, archived=archived)

    def contact_history(self, contact_id: int, merging_into: int | None = None) -> dict[str, int]:
        """How much history points at a contact, by kind (zeros left out); `merging_into`:
        what a merge into that contact moves (its own introduction by this one cannot
        move: nobody introduces themselves; an interaction both are in stays KEEP's,
        `shared_interactions`)."""
        introduced = t.Contact.introduced_by == contact_id
        links = t.CampaignContact.contact == contact_id
        talks = t.InteractionContact.contact == contact_id
        if merging_into is not None:
            introduced &= t.Contact.id != merging_into
            # a campaign both are on keeps one link, KEEP's: nothing moves there
            theirs = t.CampaignContact.select(t.CampaignContact.campaign).where(
                t.CampaignContact.contact == merging_into
            )
            links &= t.CampaignContact.campaign.not_in(theirs)
            talks &= t.InteractionContact.interaction.not_in(self._interactions_of(merging_into))
        counts = {
            "interaction": t.InteractionContact.select().where(talks).count(),
            "referral": t.Referral.select().where(t.Referral.contact == contact_id).count(),
            "campaign link": t.CampaignContact.select().where(links).count(),
            "introduction": t.Contact.select().where(introduced).count(),
        }
        return {kind: int(n) for kind, n in counts.items() if n}

    def shared_interactions(self, contact_id: int, merging_into: int) -> int:
        """The interactions both contacts took part in: a merge leaves them one link,
        KEEP's, and moves nothing there (said apart: `merging.shared_words`)."""
        link = t.InteractionContact
        both = (link.contact == contact_id) & link.interaction.in_(
            self._interactions_of(merging_into)
        )
        return int(link.select().where(both).count())

    @staticmethod
    def _interactions_of(contact_id: int) -> Any:
        link = t.InteractionContact
        return link.select(link.interaction).where(link.contact == contact_id)

    def delete_contact(self, contact_id: int) -> Contact:
        """Remove a contact that has no history; refuse one that has, naming the way out."""
        with self.writing():
            contact = self.contacts.get(contact_id)
            history = self.contact_history(contact_id)
            if history:
                what = history_words(history)
                # Which of two Sam Lees, as the confirmation of a delete names them.
                told = self.contacts.told(contact.id, contact.name)
                raise InputError(
                    f"{told} has history ({what}): archive them to hide them, "
                    "or merge them into another contact"
                )
            t.Contact.delete().where(t.Contact.id == contact_id).execute()
        return contact

    def merge_contacts(
        self,
        keep_id: int,
        other_id: int,
        backup: Callable[[], Path] | None = None,
        expect: Callable[[], None] | None = None,
    ) -> MergeResult:
        """Move all of OTHER's history to KEEP, fill KEEP's blank fields from OTHER, then
        remove OTHER (after a verified backup). One transaction: all or nothing.

        `backup` makes that copy and returns its path: by default the file's online
        copy; a server database has no file to copy, and its callers pass the JSON
        export (`interop.api.safety_copy`, out of this layer's reach).

        Filled: organization, the text fields, channel, strength and introduced-by when
        KEEP has none; met_on becomes the earlier of the two (the person was known
        since then); notes and tags are joined, never dropped. What of OTHER's KEEP
        holds otherwise (an email, an introducer, strength changes KEEP's history
        outdates) goes into KEEP's notes (`giving_way`).

        `expect()` refuses (raises) a merge of contacts no longer as the caller showed
        them: called before the backup and again inside the write."""
        # What the importers match on, loaded with a merge only (a quick log needs none)
        from netrack.data.merged_identities import keep_identity

        if keep_id == other_id:
            raise InputError("a contact cannot be merged into itself")
        check = expect or (lambda: None)
        check()
        keep, other = self.contacts.get(keep_id), self.contacts.get(other_id)
        self._refuse_archived(keep, other)
        self._refuse_a_twin(keep, other)  # before the backup: a refused merge writes nothing
        notes_fit(keep, other, self.campaigns, self.today(), self._named(keep, other))
        with merge_backup(self.store, backup) as copy, self.writing():
            check()
            # again inside the write: no one archives either or adds a twin meanwhile
            self._refuse_archived(self.contacts.get(keep_id), self.contacts.get(other_id))
            self._refuse_a_twin(keep, other)
            pending = pending_follow_ups((keep_id, other_id))
            done = self._done_follow_ups((keep_id, other_id))
            # Both named as they are before anything changes: OTHER before it goes, KEEP
            # before the merge fills its organization ("merged Sam Lee (Gamma) into Sam
            # Lee (Gamma)" read as a merge into itself).
            named = self._named(keep, other)
            roles = roles_giving_way(keep_id, other_id, self.campaigns)  # before links move
            noted = giving_way(keep, other, named)  # before OTHER's strengths go
            moved = move_history(keep_id, other_id, keep.strength)
            noted_roles = [("role", role) for role in roles]
            # KEEP's channel, when OTHER's comes with OTHER's earlier met date
            kept_noted = own_giving_way(keep, other, named.get(keep_id, keep.name))
            filled = fill_blanks(keep, other, self.today(), noted + noted_roles + kept_noted)
            # Before OTHER goes: an import naming OTHER again finds KEEP (schema 15)
            keep_identity(keep_id, other_id)
            t.Contact.delete().where(t.Contact.id == other_id).execute()
            kept = self.contacts.get(keep_id)
            strength_as_latest(keep_id, self.today())
            # One person now: a touch with either closes the other's earlier follow-ups
            # (the closing rule), which the summary must say.
            closed = len(pending - pending_follow_ups((keep_id,)))
            earlier = self._closed_earlier(done, keep_id)
            kept_shown = named.get(keep_id, keep.name)
            labels = {**self.contacts.told_apart_among((keep_id,), earlier), keep_id: kept_shown}
        return MergeResult(
            kept=kept,
            removed=other.name,
            removed_shown=named.get(other_id, other.name),
            kept_shown=kept_shown,
            filled=filled,
            noted=said_giving_way(noted),
            backup=str(copy),
            closed=closed,
            earlier=earlier,
            labels=labels,
            roles=roles,
            kept_noted=tuple("channel" for _ in kept_noted),
            **moved,
        )

    def _done_follow_ups(self, contact_ids: tuple[int, ...]) -> dict[int, FollowUp]:
        """The follow-ups of these contacts done already (marked, or closed by a touch),
        by interaction id."""
        return {
            follow_up.interaction_id: follow_up
            for contact_id in contact_ids
            for follow_up in self.follow_ups.follow_ups(contact_id=contact_id)
            if follow_up.done_on is not None
        }

    def _closed_earlier(self, done: dict[int, FollowUp], keep_id: int) -> tuple[FollowUp, ...]:
        """Of the follow-ups `done` before the merge, those a touch with the other person
        now closes on an earlier day (the closing rule: one person now), earliest due
        first; each as it was done before, which the summary says (a late one may have
        turned on time)."""
        now = {f.interaction_id: f for f in self.follow_ups.follow_ups(contact_id=keep_id)}
        found = []
        for interaction_id, was in done.items():
            after = now.get(interaction_id)
            if after and after.done_on and was.done_on and after.done_on < was.done_on:
                found.append(replace(after, done_on=was.done_on, marked_on=was.marked_on))
        return tuple(sorted(found, key=lambda f: (f.due, f.interaction_id)))

    def _named(self, keep: Contact, other: Contact) -> dict[int, str]:
        """Those a merge names (the two, OTHER's introducer in KEEP's notes), each told
        apart from a namesake ("Sam Lee (Gamma)") when one has one."""
        introducer = other.introduced_by_id
        ids = (keep.id, other.id) if introducer is None else (keep.id, other.id, introducer)
        return self.contacts.told_apart_among(ids)

    def _refuse_archived(self, keep: Contact, other: Contact) -> None:
        """An archived contact takes no part in a merge, either way: archived contacts
        leave name resolution (SPEC), so the CLI cannot name them, and the TUI agrees."""
        for contact in (other, keep):
            if contact.archived:
                told = self.contacts.told(contact.id, contact.name)
                raise InputError(f"cannot merge: {told} is archived; unarchive them first")

    def _refuse_a_twin(self, keep: Contact, other: Contact) -> None:
        """KEEP takes OTHER's organization when it has none: that must not make KEEP a
        third contact's twin (same name and organization), which nothing could name."""
        if keep.organization or not other.organization:
            return
        try:
            self.contacts.refuse_duplicate(keep.name, other.organization, keep.id, other.id)
        except InputError as error:
            raise InputError(f"cannot merge: {error}") from None

    # --- campaigns -------------------------------------------------------------------

    def campaign_history(self, campaign_id: int) -> dict[str, int]:
        """History beyond a campaign's opening, by kind (zeros left out)."""
        counts = {
            "stage change": t.StageChange.select()
            .where(t.StageChange.campaign == campaign_id, t.StageChange.from_stage.is_null(False))
            .count(),
            "interaction": t.Interaction.select()
            .where(t.Interaction.campaign == campaign_id)
            .count(),
            "referral": t.Referral.select().where(t.Referral.campaign == campaign_id).count(),
            "time entry": t.TimeEntry.select().where(t.TimeEntry.campaign == campaign_id).count(),
            # As a contact's campaign links are its history (SPEC's `contact delete`):
            # a delete took a hiring manager's link and role with it, unsaid.
            "contact link": t.CampaignContact.select()
            .where(t.CampaignContact.campaign == campaign_id)
            .count(),
        }
        return {kind: int(n) for kind, n in counts.items() if n}

    def delete_campaign(self, campaign_id: int) -> Campaign:
        """Remove a campaign with no history beyond its opening (contacts linked count
        as history); refuse one that has, naming the way out."""
        with self.writing():
            campaign = self.campaigns.get(campaign_id)
            history = self.campaign_history(campaign_id)
            if history:
                what = history_words(history)
                unlink = (
                    " (or unlink its contacts first)" if set(history) == {"contact link"} else ""
                )
                # A won or lost one was told to be closed as lost or paused.
                way = (
                    "move it to lost or paused to close it instead"
                    if campaign.stage.is_active
                    else f"it is closed ({campaign.stage.value}) and keeps it"
                )
                name = self.campaigns.told(campaign)
                raise InputError(f"{name} has history ({what}): {way}{unlink}")
            t.Campaign.delete().where(t.Campaign.id == campaign_id).execute()
        return campaign

    def unlink_contact(self, campaign_id: int, contact_id: int) -> None:
        """Take a contact off a campaign (their interactions stay as they are)."""
        with self.writing():
            removed = (
                t.CampaignContact.delete()
                .where(
                    t.CampaignContact.campaign == campaign_id,
                    t.CampaignContact.contact == contact_id,
                )
                .execute()
            )
            if not removed:
                campaign = self.campaigns.get(campaign_id)
                contact = self.contacts.get(contact_id)
                # As the confirmations name them: Ana may be linked to the other Acme Eng.
                whom = self.contacts.told(contact.id, contact.name)
                raise InputError(f"{whom} is not linked to {self.campaigns.told(campaign)}")
