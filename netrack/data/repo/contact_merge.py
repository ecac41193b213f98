"""A contact merge's own work: what moves from the duplicate onto the kept contact, which
of the kept one's blanks it fills (and what goes into its notes instead), and the line
said afterwards. Apart from `tidy.py`, which decides when a merge may run and holds its
transaction, because this row work is most of a merge and has rules of its own.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from peewee import fn

from netrack.data import tables as t
from netrack.data.repo.base import as_date, must_date, tuples
from netrack.data.repo.campaigns import Campaigns
from netrack.data.repo.merging import (
    NOTES_JOINED,
    TAGS_JOINED,
    filled_words,
    history_words,
    merged_notes,
    shared_words,
)
from netrack.data.repo.strength_history import record_strength
from netrack.domain.cadence import every_text
from netrack.domain.describe import NO_LABELS, describe_closes_earlier, plural
from netrack.domain.entries import FollowUp
from netrack.domain.people import Contact

# The text fields a merge fills on the kept contact when it has them blank.
_FILLED = ("title", "function", "industry", "location", "email", "phone", "url")


@dataclass(frozen=True, slots=True, kw_only=True)
class MergeResult:
    """What a merge did, for the one line the CLI prints and the TUI shows."""

    kept: Contact
    removed: str
    interactions: int  # those moved: one KEEP was in already stays as it was (`shared`)
    referrals: int
    campaigns: int
    introductions: int
    filled: tuple[str, ...]
    backup: str
    closed: int = 0  # pending follow-ups a later touch with the merged person closed
    # follow-ups done already that a touch with the merged person closes earlier, each
    # as it was done before the merge
    earlier: tuple[FollowUp, ...] = ()
    # the people of `earlier`, as told apart
    labels: Mapping[int, str] = dataclasses.field(default_factory=lambda: NO_LABELS)
    # OTHER's details that differed from KEEP's ("email", "phone"): kept in the notes
    noted: tuple[str, ...] = ()
    # OTHER's roles on campaigns where KEEP had another (a link holds one role)
    roles: tuple[str, ...] = ()
    # KEEP's own details that gave way to OTHER's ("channel"): kept in the notes
    kept_noted: tuple[str, ...] = ()
    shared: int = 0  # interactions both took part in: one link left, KEEP's
    # Each as told apart from a namesake ("Sam Lee (Gamma)"), else by name; both as
    # they were before the merge (which may give KEEP an organization).
    removed_shown: str = ""
    kept_shown: str = ""


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
    removed = result.removed_shown or result.removed
    kept = result.kept_shown or result.kept.name
    parts = [f"merged {removed} into {kept}"]
    parts.append(
        (f"moved {moved}" if moved else "no history to move") + shared_words(result.shared)
    )
    parts += filled_words(result.filled, result.noted, removed, kept)
    if result.kept_noted:
        parts.append(f"kept {kept}'s own {', '.join(result.kept_noted)} in the notes")
    if result.roles:
        parts.append(
            f"kept {kept}'s role where {removed} was {', '.join(result.roles)} "
            f"({removed}'s in the notes)"
        )
    if result.closed:
        parts.append(
            f"closed {plural(result.closed, 'follow-up')}, done by a later touch with {kept}"
        )
    # In the words a back-dated `log` says them: a late follow-up may have turned on time.
    parts += describe_closes_earlier(result.earlier, result.labels)
    parts.append(f"backup: {result.backup}")
    return " · ".join(parts)


def pending_follow_ups(contact_ids: tuple[int, ...]) -> set[int]:
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


def strength_as_latest(contact_id: int, today: date) -> None:
    """`Contact.strength` repeats the latest history entry: a strength the merge filled
    in for a KEEP whose history ends cleared is recorded from today."""
    strength = t.Contact.get_by_id(contact_id).strength
    rows = t.StrengthChange
    latest = rows.select(rows.strength).where(rows.contact == contact_id)
    latest = latest.order_by(rows.on.desc()).limit(1).tuples().first()
    if latest is not None and latest[0] != strength:
        record_strength(contact_id, today, strength)


def notes_fit(
    keep: Contact, other: Contact, campaigns: Campaigns, today: date, labels: Mapping[int, str]
) -> None:
    """Refuse a merge whose notes would be longer than a contact's may be (an export
    of it would not import: the person and their history skipped)."""
    row, source = _raw_contact(keep.id), _raw_contact(other.id)
    noted = giving_way(keep, other, labels)
    noted += [("role", role) for role in roles_giving_way(keep.id, other.id, campaigns)]
    noted += own_giving_way(keep, other, labels.get(keep.id, keep.name))
    mine, own = (row["notes"] or "").strip(), (source["notes"] or "").strip()
    merged_notes(mine, own, other.name, noted, today, labels.get(other.id, other.name))


def giving_way(keep: Contact, other: Contact, labels: Mapping[int, str]) -> list[tuple[str, str]]:
    """OTHER's details that KEEP holds otherwise (not blank on either side), (what,
    OTHER's value) in the order a contact shows them: they go into KEEP's notes, never
    lost. Read before the history moves, which drops OTHER's strength changes KEEP's own
    history outdates. `labels`: an introducer told apart from a namesake."""
    row, source = _raw_contact(keep.id), _raw_contact(other.id)
    found: list[tuple[str, str]] = []
    if keep.organization and other.organization and keep.organization != other.organization:
        found.append(("organization", other.organization))
    for field in (*_FILLED, "channel"):
        mine, theirs = (row[field] or "").strip(), (source[field] or "").strip()
        if field == "channel" and _channel_comes_with_met_on(row, source):
            continue  # KEEP's gives way instead (`own_giving_way`)
        if mine and theirs and mine.casefold() != theirs.casefold():
            found.append((field, theirs))
    # Introduced by KEEP, or KEEP by OTHER: one person now, and nobody introduces
    # themselves (`fill_blanks` gives KEEP OTHER's introducer then).
    introducer = other.introduced_by_id
    if keep.introduced_by_id not in (None, other.id) and introducer not in (
        None,
        keep.id,
        keep.introduced_by_id,
    ):
        found.append(("introduced by", labels.get(introducer, other.introduced_by)))
    strengths = _strengths_giving_way(keep, other)
    if strengths:
        found.append(("strength", strengths))
    mine_every, theirs_every = row.get("keep_in_touch"), source.get("keep_in_touch")
    if mine_every is not None and theirs_every is not None and mine_every != theirs_every:
        found.append(("keep in touch", every_text(theirs_every)))
    return found


def _channel_comes_with_met_on(row: Mapping[str, Any], source: Mapping[str, Any]) -> bool:
    """Whether KEEP takes OTHER's channel with OTHER's earlier met date: a channel is how
    the person was met (SPEC), so the day and the way of the first meeting go together
    (else a past week counts them met that day through a channel they were not)."""
    mine, theirs = as_date(row["met_on"]), as_date(source["met_on"])
    return bool(source["channel"] and mine and theirs and theirs < mine)


def own_giving_way(keep: Contact, other: Contact, kept: str) -> list[tuple[str, str]]:
    """KEEP's details that give way to OTHER's, as (what, KEEP's value) for KEEP's notes:
    its channel, when OTHER's comes with OTHER's earlier met date and differs. `kept`:
    KEEP as the notes name them (told apart from a namesake)."""
    row, source = _raw_contact(keep.id), _raw_contact(other.id)
    mine = (row["channel"] or "").strip()
    if not mine or not _channel_comes_with_met_on(row, source):
        return []
    if mine.casefold() == str(source["channel"]).strip().casefold():
        return []
    return [(f"{kept}'s channel", f"{mine} (met {as_date(row['met_on'])})")]


def said_giving_way(noted: Sequence[tuple[str, str]]) -> tuple[str, ...]:
    """What a summary calls each detail `giving_way` kept in the notes ("kept Bob's other
    phone, introducer in the notes")."""
    return tuple("introducer" if what == "introduced by" else what for what, _ in noted)


def _strengths_giving_way(keep: Contact, other: Contact) -> str:
    """OTHER's strength changes the merge drops (`_move_strengths`), as the notes say
    them ("5 from 2026-09-01, none from 2026-10-02"); "" when none is dropped or each
    agrees with the strength KEEP had that day (nothing is lost)."""
    rows = t.StrengthChange

    def history(contact_id: int) -> list[tuple[date, int | None]]:
        query = rows.select(rows.on, rows.strength).where(rows.contact == contact_id)
        return [(must_date(on), level) for on, level in tuples(query.order_by(rows.on))]

    mine, theirs = history(keep.id), history(other.id)
    if not mine and keep.strength is None:
        return ""  # all of OTHER's history moves
    if not theirs:  # a strength with no history (imported so): dropped when it differs
        differs = None not in (keep.strength, other.strength) and other.strength != keep.strength
        return str(other.strength) if differs else ""
    first = mine[0][0] if mine else None
    dropped = [(on, level) for on, level in theirs if first is None or on >= first]

    def kept_on(day: date) -> int | None:
        before = [level for on, level in mine if on <= day]
        return before[-1] if before else keep.strength

    if all(level == kept_on(on) for on, level in dropped):
        return ""
    return ", ".join(
        f"{level if level is not None else 'none'} from {on.isoformat()}" for on, level in dropped
    )


def roles_giving_way(keep_id: int, other_id: int, campaigns: Campaigns) -> tuple[str, ...]:
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
    names = dict(campaigns.names(only=[campaign for campaign, _ in found]))
    # said as `campaign link` says a role
    return tuple(
        f"{str(role).replace('_', ' ')} on {names.get(campaign, campaign)}"
        for campaign, role in found
    )


def move_history(keep_id: int, other_id: int, keep_strength: int | None) -> dict[str, int]:
    """How much of each kind moved, and how many interactions both were in (`shared`)."""
    # Interactions both took part in keep one link (KEEP's); the rest move. The
    # follow-up closing dates follow by trigger (migrations/m002).
    keeps = t.InteractionContact.select(t.InteractionContact.interaction).where(
        t.InteractionContact.contact == keep_id
    )
    shared = (
        t.InteractionContact.delete()
        .where(
            t.InteractionContact.contact == other_id,
            t.InteractionContact.interaction.in_(keeps),
        )
        .execute()
    )
    interactions = (
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
        # else KEEP's role stays, and OTHER's is in the notes (`roles_giving_way`)
    introductions = (
        t.Contact.update(introduced_by=keep_id)
        .where(t.Contact.introduced_by == other_id, t.Contact.id != keep_id)
        .execute()
    )
    _move_strengths(keep_id, other_id, keep_strength)
    counts = {
        "interactions": int(interactions),
        "shared": int(shared),
        "referrals": int(referrals),
        "campaigns": campaigns,
        "introductions": int(introductions),
    }
    return counts


def _raw_contact(contact_id: int) -> dict[str, Any]:
    found: dict[str, Any] = t.Contact.select().where(t.Contact.id == contact_id).dicts()[0]
    return found


def fill_blanks(
    keep: Contact, other: Contact, today: date, noted: Sequence[tuple[str, str]] = ()
) -> tuple[str, ...]:
    """Fill KEEP's blanks from OTHER; what was filled. `noted`: what of OTHER's goes into
    KEEP's notes instead (`giving_way`, and OTHER's roles that gave way): a second email
    or phone, another introducer, is what a merge of duplicates must not lose."""
    # Raw column values (foreign keys as ids): what is blank is decided on the rows.
    row, source = (_raw_contact(keep.id), _raw_contact(other.id))
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
    mine_met, theirs_met = as_date(row["met_on"]), as_date(source["met_on"])
    if theirs_met and mine_met and theirs_met < mine_met:
        values["met_on"] = theirs_met
        filled.append("met on")
        # How they were met comes with the day (`_channel_comes_with_met_on`); KEEP's
        # other channel is in `noted` (`own_giving_way`).
        if "channel" not in values and source["channel"] and row["channel"] != source["channel"]:
            values["channel"] = source["channel"]
            filled.append("channel")
    mine, own = (row["notes"] or "").strip(), (source["notes"] or "").strip()
    notes = merged_notes(mine, own, other.name, noted, today)
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
    return tuple(filled)
