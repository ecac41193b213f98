"""Keeping organizations tidy: delete one nothing points at, merge a duplicate into the
one to keep (`repo.tidy_orgs`).

An organization made in passing by `contact add --org northwind` beside "Northwind
Analytics" stayed for ever, making every prefix ambiguous and travelling into every
export. A merge moves its contacts and campaigns to the kept one, fills that one's blank
details, writes details that differ into its notes (never lost), then removes the
duplicate — after a backup, as a contact merge does.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from netrack.data import tables as t
from netrack.data.merged_identities import keep_former_organization
from netrack.data.repo.base import Service, tuples
from netrack.data.repo.merging import (
    NOTES_JOINED,
    filled_words,
    history_words,
    merge_backup,
    merged_notes,
)
from netrack.data.repo.names import refuse_clashes_at
from netrack.data.repo.organizations import Organizations
from netrack.data.store import Store
from netrack.domain.errors import InputError
from netrack.domain.people import Organization
from netrack.domain.resolve import identity

# The details a merge fills on the kept organization when it has them blank.
_DETAILS = (("industry", "industry"), ("size_band", "size"), ("location", "location"))


@dataclass(frozen=True, slots=True, kw_only=True)
class OrgMerge:
    """What an organization merge did, for the one line the CLI prints."""

    kept: Organization
    removed: str
    contacts: int
    campaigns: int
    filled: tuple[str, ...]
    noted: tuple[str, ...]  # the removed one's details that differed: in the notes
    backup: str


def org_merge_summary(result: OrgMerge) -> str:
    counts = {"contact": result.contacts, "campaign": result.campaigns}
    moved = history_words({kind: n for kind, n in counts.items() if n})
    parts = [f"merged {result.removed} into {result.kept.name}"]
    parts.append(f"moved {moved}" if moved else "nothing to move")
    parts += filled_words(result.filled, result.noted, result.removed, result.kept.name)
    parts.append(f"backup: {result.backup}")
    return " · ".join(parts)


class OrgTidy(Service):
    """`repo.tidy_orgs`: delete and merge organizations."""

    def __init__(self, store: Store, organizations: Organizations) -> None:
        super().__init__(store)
        self.organizations = organizations

    def uses(self, org_id: int) -> dict[str, int]:
        """The contacts and campaigns with an organization (zeros left out)."""
        counts = {
            "contact": t.Contact.select().where(t.Contact.organization == org_id).count(),
            "campaign": t.Campaign.select().where(t.Campaign.organization == org_id).count(),
        }
        return {kind: int(n) for kind, n in counts.items() if n}

    def delete(self, org_id: int) -> Organization:
        """Remove an organization no contact or campaign is with; refuse one that has
        some, naming the way out."""
        with self.writing():
            org = self.organizations.get(org_id)
            used = self.uses(org_id)
            if used:
                what = history_words(used)
                ways = [
                    f"netrack {kind} edit {'NAME' if kind == 'contact' else 'CAMPAIGN'} --org OTHER"
                    for kind in used
                ]
                archived = [
                    name
                    for (name,) in tuples(
                        t.Contact.select(t.Contact.name)
                        .where(t.Contact.organization == org_id, t.Contact.archived)
                        .order_by(t.Contact.name)
                    )
                ]
                # An archived contact is out of `contact edit`'s reach: named, with the way
                # to bring them back (`contact list` does not show them either).
                hidden = (
                    f"; archived: {', '.join(archived)} (netrack contact unarchive NAME first)"
                    if archived
                    else ""
                )
                raise InputError(
                    f"{org.name} has {what}{hidden}: give them another organization first "
                    f"({', '.join(ways)}), or merge it into another one (netrack org merge "
                    f'KEEP "{org.name}")'
                )
            t.Organization.delete().where(t.Organization.id == org_id).execute()
        return org

    def merge(
        self, keep_id: int, other_id: int, backup: Callable[[], Path] | None = None
    ) -> OrgMerge:
        """Move OTHER's contacts and campaigns to KEEP, fill KEEP's blank details from
        OTHER (the rest into its notes), then remove OTHER. One transaction, after a
        backup (`backup`: as `Tidy.merge_contacts` takes it)."""
        if keep_id == other_id:
            raise InputError("an organization cannot be merged into itself")
        keep, other = self.organizations.get(keep_id), self.organizations.get(other_id)
        self._refuse_twins(keep, other)  # before the backup: a refused merge writes nothing
        refuse_clashes_at(other.id, keep.name, "cannot merge")
        merged_notes(
            keep.notes.strip(), other.notes.strip(), other.name, _noted(keep, other), self.today()
        )
        with merge_backup(self.store, backup) as copy, self.writing():
            self._refuse_twins(keep, other)  # again inside the write
            refuse_clashes_at(other.id, keep.name, "cannot merge")
            # Before they move: an import naming them at OTHER again finds them
            keep_former_organization(other_id, other.name)
            contacts = t.Contact.update(organization=keep_id).where(
                t.Contact.organization == other_id
            )
            moved_contacts = int(contacts.execute())
            campaigns = t.Campaign.update(organization=keep_id).where(
                t.Campaign.organization == other_id
            )
            moved_campaigns = int(campaigns.execute())
            filled, noted = self._fill(keep, other)
            t.Organization.delete().where(t.Organization.id == other_id).execute()
        return OrgMerge(
            kept=self.organizations.get(keep_id),
            removed=other.name,
            contacts=moved_contacts,
            campaigns=moved_campaigns,
            filled=filled,
            noted=noted,
            backup=str(copy),
        )

    @staticmethod
    def _refuse_twins(keep: Organization, other: Organization) -> None:
        """Two people of one name, one at each: moved, they would be one name at one
        organization twice (SPEC's duplicate), which nothing could name."""
        people = t.Contact.select(t.Contact.name, t.Contact.organization, t.Contact.archived)
        at_keep: dict[tuple[str, str], bool] = {}  # each one's identity: archived?
        at_other: list[tuple[str, bool]] = []
        for name, org_id, archived in tuples(
            people.where(t.Contact.organization.in_([keep.id, other.id]))
        ):
            if org_id == keep.id:
                at_keep[identity(name, keep.name)] = bool(archived)
            else:
                at_other.append((name, bool(archived)))
        for name, archived in sorted(at_other):
            kept = at_keep.get(identity(name, keep.name))
            if kept is None:
                continue
            twins = (f"{name} ({keep.name})", f"{name} ({other.name})")
            # `contact merge` names no archived contact: they come back first.
            back = [f'"{twin}"' for twin, gone in zip(twins, (kept, archived), strict=True) if gone]
            first = (
                f"bring back {' and '.join(back)} (netrack contact unarchive), then merge "
                if back
                else "merge "
            )
            raise InputError(
                f"cannot merge: {name} is at both {keep.name} and {other.name} ({first}"
                f'the two contacts first: netrack contact merge "{twins[0]}" "{twins[1]}")'
            )

    def _fill(
        self, keep: Organization, other: Organization
    ) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """KEEP's blank details from OTHER; OTHER's differing ones (and its notes) into
        KEEP's notes. (What was filled, what was noted.)"""
        values: dict[str, str] = {}
        filled: list[str] = []
        for field, word in _DETAILS:
            mine, theirs = getattr(keep, field).strip(), getattr(other, field).strip()
            if theirs and not mine:
                values[field] = theirs
                filled.append(word)
        noted = _noted(keep, other)
        mine, own = keep.notes.strip(), other.notes.strip()
        notes = merged_notes(mine, own, other.name, noted, self.today())
        if notes is not None:
            values["notes"] = notes
            if own and own != mine:
                # blank before: filled; else OTHER's own notes follow KEEP's (said apart)
                filled.append("notes" if not mine else NOTES_JOINED)
        if values:
            t.Organization.update(**values).where(t.Organization.id == keep.id).execute()
        return tuple(filled), tuple(word for word, _ in noted)


def _noted(keep: Organization, other: Organization) -> list[tuple[str, str]]:
    """OTHER's details that KEEP holds otherwise: (what, OTHER's value)."""
    found = []
    for field, word in _DETAILS:
        mine, theirs = getattr(keep, field).strip(), getattr(other, field).strip()
        if mine and theirs and mine.casefold() != theirs.casefold():
            found.append((word, theirs))
    return found
