"""Keeping the data tidy: archive, delete and merge contacts; delete campaigns; unlink.

SPEC's rules: a contact or campaign is deleted only while it has no history (so a delete
never takes a past scorecard figure with it); otherwise the refusal names what to do
instead. A merge moves every piece of one contact's history onto another, fills the
kept contact's blanks, and only then removes the duplicate — after a verified backup,
since it cannot be undone by hand.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from peewee import fn

from netrack.data import tables as t
from netrack.data.repo.base import Service, as_date, tuples
from netrack.data.repo.campaigns import Campaigns
from netrack.data.repo.contacts import Contacts, record_strength
from netrack.data.store import Store
from netrack.domain.errors import InputError, StorageError
from netrack.domain.models import Campaign, Contact
from netrack.domain.resolve import label
from netrack.domain.validate import MAX_TEXT

# The text fields a merge fills on the kept contact when it has them blank.
_FILLED = ("title", "function", "industry", "location", "email", "phone", "url")


@dataclass(frozen=True, slots=True, kw_only=True)
class MergeResult:
    """What a merge did, for the one line the CLI prints and the TUI shows."""

    kept: Contact
    removed: str
    interactions: int
    referrals: int
    campaigns: int
    introductions: int
    filled: tuple[str, ...]
    backup: str
    closed: int = 0  # pending follow-ups a later touch with the merged person closed
    # OTHER's details that differed from KEEP's ("email", "phone"): kept in the notes
    noted: tuple[str, ...] = ()
    # OTHER's roles on campaigns where KEEP had another (a link holds one role)
    roles: tuple[str, ...] = ()
    removed_organization: str = ""  # tells namesakes apart in the summary


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def history_words(history: dict[str, int]) -> str:
    """`contact_history` / `campaign_history` in words: "3 interactions, 1 referral"."""
    return ", ".join(_plural(n, kind) for kind, n in history.items())


# In a merge's `filled`: OTHER's notes were added after KEEP's own (not a blank filled)
NOTES_JOINED = "notes joined"
TAGS_JOINED = "tags joined"


def filled_words(filled: Sequence[str], noted: Sequence[str], removed: str, kept: str) -> list[str]:
    """What a merge (of contacts or organizations) did to the kept record's fields, as
    parts of its summary: blanks filled, notes joined, differing details noted."""
    parts = []
    blanks = [field for field in filled if field not in (NOTES_JOINED, TAGS_JOINED)]
    if blanks:
        parts.append(f"filled {', '.join(blanks)}")
    if NOTES_JOINED in filled:
        parts.append(f"added {removed}'s notes to {kept}'s")
    if TAGS_JOINED in filled:
        parts.append(f"added {removed}'s other tags to {kept}'s")
    if noted:
        parts.append(f"kept {removed}'s other {', '.join(noted)} in the notes")
    return parts


def merge_summary(result: MergeResult) -> str:
    """What a merge did, in one line (the CLI prints it, the TUI announces it)."""
    moved = history_words(
        {
            kind: n
            for kind, n in (
                ("interaction", result.interactions),
                ("referral", result.referrals),
                ("campaign link", result.campaigns),
                ("introduction", result.introductions),
            )
            if n
        }
    )
    removed, kept = result.removed, result.kept.name
    if removed.casefold() == kept.casefold():  # namesakes: told apart by organization
        removed = label(removed, result.removed_organization)
        kept = label(kept, result.kept.organization)
    parts = [f"merged {removed} into {kept}"]
    parts.append(f"moved {moved}" if moved else "no history to move")
    parts += filled_words(result.filled, result.noted, removed, kept)
    if result.roles:
        parts.append(
            f"kept {kept}'s role where {removed} was {', '.join(result.roles)} "
            f"({removed}'s in the notes)"
        )
    if result.closed:
        parts.append(
            f"closed {_plural(result.closed, 'follow-up')}, done by a later touch with {kept}"
        )
    parts.append(f"backup: {result.backup}")
    return " · ".join(parts)


def merged_notes(
    mine: str, theirs: str, other: str, noted: Sequence[tuple[str, str]], today: date
) -> str | None:
    """The kept record's notes after a merge: its own, then OTHER's (unless the same),
    then OTHER's details that differed ("From Ana L. (merged 2026-11-27): phone +1 222");
    None when they stay as they are. Refused past MAX_TEXT, which an export's import
    would refuse (and skip the record and its history with it)."""
    said = "; ".join(f"{what} {value}" for what, value in noted)
    added = f"From {other} (merged {today}): {said}" if noted else ""
    theirs_all = "\n\n".join(n for n in (theirs if theirs != mine else "", added) if n)
    if not theirs_all:
        return None
    notes = "\n\n".join(n for n in (mine, theirs_all) if n)
    if len(notes) > MAX_TEXT:
        raise InputError(
            f"cannot merge: the notes together would be {len(notes):,} characters "
            f"({MAX_TEXT:,} at most): shorten {other}'s or the kept one's first"
        )
    return notes


def merge_backup(store: Store, backup: Callable[[], Path] | None) -> Path:
    """The copy made before a merge: `backup()` (a server's JSON export, made above this
    layer), else the file's verified online copy."""
    if backup is not None:
        return backup()
    if store.on_server:
        raise StorageError("a merge on a server database needs its JSON backup first")
    from netrack.data.backup import backup_database

    return backup_database(store.db, store.path, reason="before-merge")


def _pending_follow_ups(contact_ids: tuple[int, ...]) -> set[int]:
    """The interactions of these contacts whose follow-up is neither marked done nor
    closed by a later touch."""
    i, link = t.Interaction, t.InteractionContact
    query = (
        i.select(i.id)
        .join(link, on=(link.interaction == i.id))
        .where(
            link.contact.in_(list(contact_ids)),
            i.follow_up_on.is_null(False),
            i.follow_up_done_on.is_null(),
            i.follow_up_closed_on.is_null(),
        )
    )
    return {row[0] for row in tuples(query)}


def _move_strengths(keep_id: int, other_id: int, keep_strength: int | None) -> None:
    """OTHER's strength history, as far as it does not contradict KEEP's: the entries
    before KEEP's first (what KEEP did not know yet); all of them when KEEP has no
    strength at all; none when KEEP has a strength but no history. So KEEP's own
    strength stays the latest, and each day has one entry."""
    rows = t.StrengthChange
    first = rows.select(fn.MIN(rows.on)).where(rows.contact == keep_id).scalar()
    moving = rows.update(contact=keep_id).where(rows.contact == other_id)
    if first is not None:
        moving.where(rows.on < first).execute()
    elif keep_strength is None:
        moving.execute()
    rows.delete().where(rows.contact == other_id).execute()


def _strength_as_latest(contact_id: int, today: date) -> None:
    """`Contact.strength` repeats the latest history entry: a strength the merge filled
    in for a KEEP whose history ends cleared is recorded from today."""
    strength = t.Contact.get_by_id(contact_id).strength
    rows = t.StrengthChange
    latest = rows.select(rows.strength).where(rows.contact == contact_id)
    latest = latest.order_by(rows.on.desc()).limit(1).tuples().first()
    if latest is not None and latest[0] != strength:
        record_strength(contact_id, today, strength)


class Tidy(Service):
    """Archive, delete, merge and unlink: `repo.tidy`."""

    def __init__(self, store: Store, contacts: Contacts, campaigns: Campaigns) -> None:
        super().__init__(store)
        self.contacts = contacts
        self.campaigns = campaigns

    # --- contacts --------------------------------------------------------------------

    def archive_contact(self, contact_id: int, archived: bool = True) -> Contact:
        """Archive (or bring back) a contact: it leaves lists, completion and name
        resolution, and keeps its whole history."""
        return self.contacts.update(contact_id, archived=archived)

    def contact_history(self, contact_id: int, merging_into: int | None = None) -> dict[str, int]:
        """How much history points at a contact, by kind (zeros left out); `merging_into`:
        what a merge into that contact moves (its own introduction by this one cannot
        move: nobody introduces themselves)."""
        introduced = t.Contact.introduced_by == contact_id
        links = t.CampaignContact.contact == contact_id
        if merging_into is not None:
            introduced &= t.Contact.id != merging_into
            # a campaign both are on keeps one link, KEEP's: nothing moves there
            theirs = t.CampaignContact.select(t.CampaignContact.campaign).where(
                t.CampaignContact.contact == merging_into
            )
            links &= t.CampaignContact.campaign.not_in(theirs)
        counts = {
            "interaction": t.InteractionContact.select()
            .where(t.InteractionContact.contact == contact_id)
            .count(),
            "referral": t.Referral.select().where(t.Referral.contact == contact_id).count(),
            "campaign link": t.CampaignContact.select().where(links).count(),
            "introduction": t.Contact.select().where(introduced).count(),
        }
        return {kind: int(n) for kind, n in counts.items() if n}

    def delete_contact(self, contact_id: int) -> Contact:
        """Remove a contact that has no history; refuse one that has, naming the way out."""
        with self.writing():
            contact = self.contacts.get(contact_id)
            history = self.contact_history(contact_id)
            if history:
                what = history_words(history)
                raise InputError(
                    f"{contact.name} has history ({what}): archive them to hide them, "
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
        since then); notes and tags are joined, never dropped.

        `expect()` refuses (raises) a merge of contacts no longer as the caller showed
        them: called before the backup and again inside the write."""
        if keep_id == other_id:
            raise InputError("a contact cannot be merged into itself")
        check = expect or (lambda: None)
        check()
        keep, other = self.contacts.get(keep_id), self.contacts.get(other_id)
        self._refuse_a_twin(keep, other)  # before the backup: a refused merge writes nothing
        self._notes_fit(keep, other)
        copy = merge_backup(self.store, backup)
        with self.writing():
            check()
            self._refuse_a_twin(keep, other)  # again inside the write: no one adds one meanwhile
            pending = _pending_follow_ups((keep_id, other_id))
            roles = self._roles_giving_way(keep_id, other_id)  # before the links move
            moved = self._move_history(keep_id, other_id, keep.strength)
            filled, noted = self._fill_blanks(keep, other, roles)
            t.Contact.delete().where(t.Contact.id == other_id).execute()
            _strength_as_latest(keep_id, self.today())
            # One person now: a touch with either closes the other's earlier follow-ups
            # (the closing rule), which the summary must say.
            closed = len(pending - _pending_follow_ups((keep_id,)))
        return MergeResult(
            kept=self.contacts.get(keep_id),
            removed=other.name,
            removed_organization=other.organization,
            filled=filled,
            noted=noted,
            backup=str(copy),
            closed=closed,
            roles=roles,
            **moved,
        )

    def _notes_fit(self, keep: Contact, other: Contact) -> None:
        """Refuse a merge whose notes would be longer than a contact's may be (an export
        of it would not import: the person and their history skipped)."""
        row, source = self._raw_contact(keep.id), self._raw_contact(other.id)
        noted = _differing(keep, other, row, source)
        noted += [("role", role) for role in self._roles_giving_way(keep.id, other.id)]
        mine, own = (row["notes"] or "").strip(), (source["notes"] or "").strip()
        merged_notes(mine, own, other.name, noted, self.today())

    def _refuse_a_twin(self, keep: Contact, other: Contact) -> None:
        """KEEP takes OTHER's organization when it has none: that must not make KEEP a
        third contact's twin (same name and organization), which nothing could name."""
        if keep.organization or not other.organization:
            return
        try:
            self.contacts.refuse_duplicate(keep.name, other.organization, keep.id, other.id)
        except InputError as error:
            raise InputError(f"cannot merge: {error}") from None

    def _roles_giving_way(self, keep_id: int, other_id: int) -> tuple[str, ...]:
        """OTHER's roles on campaigns where KEEP has another ("hiring manager on Acme
        Eng"): a link holds one role, KEEP's stays, OTHER's goes into the notes."""
        mine, theirs = t.CampaignContact.alias(), t.CampaignContact
        query = (
            theirs.select(theirs.campaign, theirs.role)
            .join(mine, on=(mine.campaign == theirs.campaign))
            .where(
                theirs.contact == other_id,
                mine.contact == keep_id,
                theirs.role.is_null(False),
                mine.role.is_null(False),
                theirs.role != mine.role,
            )
            .order_by(theirs.id)
        )
        found = list(tuples(query))
        names = dict(self.campaigns.names(only=[campaign for campaign, _ in found]))
        # said as `campaign link` says a role
        return tuple(
            f"{str(role).replace('_', ' ')} on {names.get(campaign, campaign)}"
            for campaign, role in found
        )

    def _move_history(
        self, keep_id: int, other_id: int, keep_strength: int | None
    ) -> dict[str, int]:
        """How much of each kind moved."""
        # Interactions both took part in keep one link (KEEP's); the rest move. The
        # follow-up closing dates follow by trigger (migrations/m002).
        shared = t.InteractionContact.select(t.InteractionContact.interaction).where(
            t.InteractionContact.contact == keep_id
        )
        merged = (
            t.InteractionContact.delete()
            .where(
                t.InteractionContact.contact == other_id,
                t.InteractionContact.interaction.in_(shared),
            )
            .execute()
        )
        interactions = merged + (
            t.InteractionContact.update(contact=keep_id)
            .where(t.InteractionContact.contact == other_id)
            .execute()
        )
        referrals = t.Referral.update(contact=keep_id).where(t.Referral.contact == other_id)
        referrals = referrals.execute()
        campaigns = 0
        links = t.CampaignContact.select(
            t.CampaignContact.id, t.CampaignContact.campaign, t.CampaignContact.role
        ).where(t.CampaignContact.contact == other_id)
        for link_id, campaign_id, role in list(tuples(links)):
            mine = t.CampaignContact.select(t.CampaignContact.id, t.CampaignContact.role).where(
                t.CampaignContact.campaign == campaign_id, t.CampaignContact.contact == keep_id
            )
            found = next(tuples(mine), None)
            if found is None:  # KEEP was not on it: the link moves (what is counted)
                change = t.CampaignContact.update(contact=keep_id)
                change.where(t.CampaignContact.id == link_id).execute()
                campaigns += 1
            elif found[1] is None and role:  # both were: KEEP's link takes OTHER's role
                change = t.CampaignContact.update(role=role)
                change.where(t.CampaignContact.id == found[0]).execute()
            # else KEEP's role stays, and OTHER's is in the notes (`_roles_giving_way`)
        introductions = (
            t.Contact.update(introduced_by=keep_id)
            .where(t.Contact.introduced_by == other_id, t.Contact.id != keep_id)
            .execute()
        )
        _move_strengths(keep_id, other_id, keep_strength)
        counts = {
            "interactions": int(interactions),
            "referrals": int(referrals),
            "campaigns": campaigns,
            "introductions": int(introductions),
        }
        return counts

    @staticmethod
    def _raw_contact(contact_id: int) -> dict[str, Any]:
        found: dict[str, Any] = t.Contact.select().where(t.Contact.id == contact_id).dicts()[0]
        return found

    def _fill_blanks(
        self, keep: Contact, other: Contact, roles: Sequence[str] = ()
    ) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """Fill KEEP's blanks from OTHER; (what was filled, what of OTHER's differed and
        went into the notes: a second email or phone is what a merge of duplicates
        must not lose). OTHER's `roles` that gave way go into the notes too (the
        summary says them apart)."""
        # Raw column values (foreign keys as ids): what is blank is decided on the rows.
        row, source = (self._raw_contact(keep.id), self._raw_contact(other.id))
        filled: list[str] = []
        values: dict[str, Any] = {}
        for field in _FILLED:
            if not (row[field] or "").strip() and (source[field] or "").strip():
                values[field] = source[field]
                filled.append(field)
        for field in ("organization", "channel", "strength", "keep_in_touch"):
            # keep_in_touch: from schema 4 on
            if row.get(field, 0) is None and source.get(field) is not None:
                values[field] = source[field]
                filled.append(field.replace("_", " "))
        # KEEP introduced by OTHER: OTHER goes, and its introducer becomes KEEP's (Carl
        # introduced Bob, Bob introduced Alice: Alice-who-is-Bob was met through Carl).
        blank = row["introduced_by"] in (None, other.id)
        if blank and source["introduced_by"] not in (None, keep.id):
            values["introduced_by"] = source["introduced_by"]
            filled.append("introduced by")
        differing = _differing(keep, other, row, source)
        noted = differing + [("role", role) for role in roles]
        mine_met, theirs_met = as_date(row["met_on"]), as_date(source["met_on"])
        if theirs_met and mine_met and theirs_met < mine_met:
            values["met_on"] = theirs_met
            filled.append("met on")
        mine, own = (row["notes"] or "").strip(), (source["notes"] or "").strip()
        notes = merged_notes(mine, own, other.name, noted, self.today())
        if notes is not None:
            values["notes"] = notes
            if own and own != mine:
                # blank before: filled; else OTHER's own notes follow KEEP's (said apart)
                filled.append("notes" if not mine else NOTES_JOINED)
        if values:
            t.Contact.update(**values).where(t.Contact.id == keep.id).execute()
        # One tag in any case, as `validate.tags` keeps them: KEEP's spelling stays
        known = {tag.casefold() for tag in keep.tags}
        first: dict[str, str] = {}  # OTHER's first spelling of each, as validate.tags
        for tag in other.tags:
            if tag.casefold() not in known:
                first.setdefault(tag.casefold(), tag)
        new_tags = sorted(first.values())
        for tag in new_tags:
            t.ContactTag.create(contact=keep.id, tag=tag)
        if new_tags:  # to none: filled; beside KEEP's own: joined (said apart)
            filled.append(TAGS_JOINED if keep.tags else "tags")
        return tuple(filled), tuple(name for name, _ in differing)

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
                raise InputError(f"{campaign.display_name} has history ({what}): {way}{unlink}")
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
                raise InputError(f"{contact.name} is not linked to {campaign.display_name}")


def _differing(
    keep: Contact, other: Contact, row: dict[str, Any], source: dict[str, Any]
) -> list[tuple[str, str]]:
    """OTHER's details that KEEP holds otherwise (not blank on either side): (what,
    OTHER's value), in the order a contact shows them."""
    found: list[tuple[str, str]] = []
    if keep.organization and other.organization and keep.organization != other.organization:
        found.append(("organization", other.organization))
    for field in (*_FILLED, "channel"):
        mine, theirs = (row[field] or "").strip(), (source[field] or "").strip()
        if mine and theirs and mine.casefold() != theirs.casefold():
            found.append((field, theirs))
    mine_every, theirs_every = row.get("keep_in_touch"), source.get("keep_in_touch")
    if None not in (mine_every, theirs_every) and mine_every != theirs_every:
        found.append(("keep in touch", f"every {theirs_every} days"))
    return found
