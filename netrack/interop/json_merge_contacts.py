"""`import json`'s merge of the records the rest of the file refers to by position:
organizations, contacts and campaigns, with the map from each position to the database
id it landed on (or the note that it was skipped).

Apart from `json_merge`, which merges the records that point at these (interactions,
referrals, time entries, calendar events) and runs the whole, and `json_merge_goals`
(settings and goals).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

from netrack.data.bulk import People
from netrack.data.bulk_orgs import Organizations, Pool
from netrack.data.merge_rows import MergeRows
from netrack.data.repo.org_names import org_key
from netrack.data.uids import derived_from_id
from netrack.domain.errors import InputError
from netrack.domain.records import DIFFERING, Person, Tally
from netrack.interop.json_campaign_history import steps_to_add
from netrack.interop.json_fields import (
    ControlledUrls,
    Horizon,
    IdLikeNames,
    Item,
    RecordError,
    section,
)
from netrack.interop.json_io import iso
from netrack.interop.json_match import OwnUids
from netrack.interop.json_records import one_role_each, read_campaign, read_org, read_person
from netrack.interop.json_schema4 import Extras, read_extras

INVALID = "invalid, listed below"


class ContactsMerge:
    """The file's organizations, contacts and campaigns merged, and what later records
    need to resolve their references: `_contact`, `_campaign`, `_resolve`."""

    def __init__(self, path: Path, document: dict[str, Any], today: date, rows: MergeRows) -> None:
        self.path = path
        self.document = document
        self.today = today
        self.horizon = Horizon(today)
        self.names = IdLikeNames()  # names an older netrack took that read as an id
        self.urls = ControlledUrls()  # web addresses left out, their records kept
        self.rows = rows
        self.orgs = Organizations(restoring=True)
        self.contact_ids: dict[int, int] = {}
        # Contacts netrack holds archived that the file has as not archived → their
        # names: `log` refuses to name them, so new records of theirs are not imported
        self.archived_here: dict[int, str] = {}
        self.links_left_out: list[str] = []  # the archived contact of each link left out
        self.campaign_ids: dict[int, int] = {}
        # Positions of records skipped, so what refers to them says why it is skipped too.
        self.skipped_contacts: set[int] = set()
        self.skipped_campaigns: set[int] = set()
        self.problems: list[RecordError] = []
        # Paths of the records added ("contacts[3]"): those the summary's word on dates
        # after today counts (`Horizon.warning`).
        self.added: set[str] = set()
        # Records added, or filled, without a reference to one skipped: listed as kept
        self.kept: list[str] = []
        self._shares: bool | None = None  # `_one_history`, once asked

    def _section(self, key: str) -> list[Item]:
        return section(self.path, self.document, key)

    def _refuse(self, tally: Tally, error: RecordError) -> None:
        tally.skip(INVALID)
        self.problems.append(error)

    def _without_contact(self, item: Item, ref: int | None, what: str, notes: list[str]) -> bool:
        """Whether the record stands without the contact `ref` points at (`_without`)."""
        return _without(item, ref, self.contact_ids, self.skipped_contacts, what, notes)

    def _campaign_if_kept(self, item: Item, ref: int | None, notes: list[str]) -> int | None:
        """The campaign a position landed on; None when it landed nowhere: the record is
        kept without it, as deleting a campaign keeps its interactions, referrals and
        time entries."""
        if _without(item, ref, self.campaign_ids, self.skipped_campaigns, "campaign", notes):
            return None
        return self._campaign(item, ref)

    @staticmethod
    def _resolve(
        item: Item, key: str, ref: int | None, ids: dict[int, int], skipped: set[int]
    ) -> int | None:
        """The database id a position landed on; a RecordError if it landed nowhere."""
        if ref is None:
            return None
        if ref in ids:
            return ids[ref]
        raise ContactsMerge._landed_nowhere(item, key, ref, skipped)

    @staticmethod
    def _landed_nowhere(item: Item, key: str, ref: int, skipped: set[int]) -> RecordError:
        """The error of a record that cannot stand without the one `ref` points at."""
        if ref in skipped:
            return item.fail(key, f"refers to {ref}, which was skipped")
        return item.fail(key, f"refers to {ref}, which is not in the file")

    def _contact(self, item: Item, key: str, ref: int | None) -> int | None:
        return self._resolve(item, key, ref, self.contact_ids, self.skipped_contacts)

    def _campaign(self, item: Item, ref: int | None) -> int | None:
        return self._resolve(item, "campaign", ref, self.campaign_ids, self.skipped_campaigns)

    def _one_history(self) -> bool:
        """Whether the file and netrack are copies of one history: they share an
        interaction, a referral or a time entry (schema 12's uids, derived from each
        record's content). Only then is a uid schema 13 derived from an id (`m013.derived`)
        trusted: two histories started apart both have a contact 1, not the same person."""
        if self._shares is None:
            uids = [
                uid
                for key in ("interactions", "referrals", "time_entries")
                for item in self._section(key)
                if isinstance(uid := item.data.get("uid"), str)
            ]
            self._shares = self.rows.shares_records(uids)
        return self._shares

    def _organizations(self) -> None:
        # Names are one organization case-insensitively: a second record of a name the
        # file already gave ("Org X", "org x") is counted, like a repeated contact, and
        # not merged into the first.
        named: set[str] = set()
        uids = OwnUids()
        if not self._one_history():
            self.orgs.forget_derived_uids()
        for item in self._section("organizations"):
            try:
                record = read_org(item, self.names)
                uids.check(item, record.uid)
            except RecordError as error:
                self._refuse(self.orgs.tally, error)
                continue
            key = org_key(record.name)
            if key in named:
                self.orgs.tally.skip("repeated in the file", example=record.name)
                continue
            named.add(key)
            added = self.orgs.tally.added
            self.orgs.merge(record)
            if self.orgs.tally.added > added:
                self.added.add(item.record)

    def contacts(self) -> Tally:
        self._organizations()
        people = People(
            self.orgs,
            self.today,
            within_file=False,
            restoring=True,
            latest=self.horizon.latest,
            exact_identities=True,  # netrack's own export: no looser rule
            derived_uids=self._one_history(),
        )
        read: dict[int, tuple[Item, Person, int | None]] = {}
        extras: dict[int, Extras] = {}
        uids = OwnUids()
        for n, item in enumerate(self._section("contacts"), 1):
            ref = item.data.get("ref", n)
            try:
                ref = item.own_ref(n)
                if ref in read or ref in self.skipped_contacts:
                    raise item.fail("ref", f"{ref} is used by an earlier contact")
                person = read_person(item, n, self.horizon, self.names, self.urls)
                uids.check(item, person.uid)
                # Named as netrack names the organization the file's card of it is
                person.organization = self.orgs.current_name(person.organization)
                introducer = item.ref("introduced_by")
                if introducer == ref:  # as `contact edit --introduced-by` refuses it
                    raise item.fail(
                        "introduced_by", f"{person.name} cannot have introduced themselves"
                    )
                extras[ref] = read_extras(item, self.horizon)
                person.keep_in_touch = extras[ref].keep_in_touch  # compared on a match
                read[ref] = (item, person, introducer)
            except RecordError as error:
                self._refuse(people.tally, error)
                if isinstance(ref, int) and ref not in read:
                    self.skipped_contacts.add(ref)
        # The first pass: a record that is an existing contact exactly takes them,
        # wherever it comes in the file
        people.read_ahead(person for _, person, _ in read.values())
        updated: set[int] = set()
        differing: set[int] = set()  # counted DIFFERING: netrack's other values kept
        joined: set[int] = set()  # a contact an earlier record was counted for
        for ref, (item, person, _) in read.items():  # in file order: ids follow positions
            try:
                before, added, met = people.tally.updated, people.tally.added, people.tally.joined
                kept = people.tally.skipped[DIFFERING]
                contact_id = people.merge(person)
                if people.tally.updated > before:
                    updated.add(ref)
                if people.tally.joined > met:
                    joined.add(ref)
                if people.tally.skipped[DIFFERING] > kept:
                    differing.add(ref)
                if people.tally.added > added:
                    self.added.add(item.record)
                    # Only a contact the import creates takes the file's history
                    self.kept += extras[ref].notes
            except InputError as error:  # read() checked every value; kept as a safety net
                self._refuse(people.tally, item.fail("", str(error)))
                contact_id = None
            if contact_id is None:
                self.skipped_contacts.add(ref)
                continue
            self.contact_ids[ref] = contact_id
            row = people.rows[contact_id]
            if contact_id < people.first_new and row["archived"] and not person.archived:
                self.archived_here[contact_id] = row["name"]
        # Insert first, link after: a contact may be introduced by one created after them,
        # or two by each other, which no order of INSERTs satisfies.
        links: list[tuple[int, int]] = []
        for ref, (item, _, introducer) in read.items():
            if introducer is None or ref not in self.contact_ids:
                continue
            contact_id, by = self.contact_ids[ref], self.contact_ids.get(introducer)
            if by is None:
                if item.record in self.added or ref in updated:  # else nothing was kept
                    what = "the introduction by contact"
                    self._without_contact(item, introducer, what, self.kept)
                continue
            if by == contact_id:
                continue
            if contact_id >= people.first_new:
                links.append((by, contact_id))
            elif people.rows[contact_id].get("introduced_by_id") is None:
                # an existing contact: only a blank "introduced by" is filled
                people.fill(contact_id, {"introduced_by_id": by})
                if ref not in updated and ref not in joined:  # counted unchanged; not now
                    # (with other values than netrack's: still said, of those updated)
                    reason = DIFFERING if ref in differing else "already in netrack"
                    people.tally.skipped[reason] -= 1
                    people.tally.skipped += Counter()  # drops a reason counted down to 0
                    people.tally.updated += 1
                    if ref in differing:
                        people.tally.updated_differing.append(people.rows[contact_id]["name"])
        people.flush()
        self.rows.link_introductions(links)
        self.rows.write_contact_extras(
            {
                self.contact_ids[ref]: (extras[ref].keep_in_touch, extras[ref].history)
                for ref in read
                if ref in self.contact_ids
            },
            people.first_new,
        )
        return people.tally

    def campaigns(self) -> Tally:
        """Each of the file's campaigns is the one netrack holds under its uid (schema
        13), however re-titled or moved since; one without a uid netrack knows is the one
        with its organization, title and opening day, else added."""
        tally = Tally()
        section = self._section("campaigns")
        rows = self.rows.campaigns()
        held = {r["uid"] for r in rows if r["uid"]}  # a new campaign takes none of them
        one = self._one_history()
        by_uid = {
            r["uid"]: r
            for r in rows
            if r["uid"] and (one or not derived_from_id("campaign", r["id"], r["uid"]))
        }
        claimed = {uid for item in section if (uid := _uid_or_none(item)) in by_uid}
        existing = Pool()
        for r in rows:
            if r["uid"] not in claimed:  # else a record of the file is it: not by content
                existing.put(_campaign_key(r), r)
        seen: set[int] = set()
        uids = OwnUids()
        for n, item in enumerate(section, 1):
            ref = item.data.get("ref", n)
            try:
                ref = item.own_ref(n)
                if ref in seen:
                    raise item.fail("ref", f"{ref} is used by an earlier campaign")
                record = read_campaign(item, self.horizon, self.names, self.urls)
                uids.check(item, record["uid"])
                notes: list[str] = list(record["refused_now"])
                record["links"] = one_role_each(
                    [
                        (link, self._contact(link, "contact", contact), role)
                        for link, contact, role in record["links"]
                        if not self._without_contact(link, contact, "the link to contact", notes)
                    ],
                    notes,
                )
            except RecordError as error:
                self._refuse(tally, error)
                if isinstance(ref, int) and ref not in seen:
                    self.skipped_campaigns.add(ref)
                continue
            seen.add(ref)
            org_id = self.orgs.id_for(record["organization"])
            self.orgs.flush()
            values, opened = record["values"], record["opened_on"]
            key = (org_id, values["title"].casefold(), iso(opened))
            found = by_uid.pop(record["uid"], None) if record["uid"] else None
            # Found by its uid, re-titled (moved, reopened) on one copy: netrack's kept
            differing = found is not None and key != _campaign_key(found)
            if found is None:
                found = existing.take(key)[1]
            blanks: dict[str, Any] = {}
            if found is None:
                mine = record["uid"] and record["uid"] not in held
                given = {"uid": record["uid"]} if mine else {}  # else a new one
                campaign_id = self.rows.add_campaign(
                    {
                        "organization": org_id,
                        "opened_on": opened,
                        "stage": record["stage"],
                        "stage_since": record["stage_since"] or opened,
                        **values,
                        **given,
                    }
                )
                tally.added += 1
                self.added.add(item.record)
            else:
                campaign_id = found["id"]
                blanks = {k: v for k, v in values.items() if v and not found[k]}
                if blanks:
                    self.rows.fill_campaign(campaign_id, blanks)
            self.campaign_ids[ref] = campaign_id
            changed = self._history(record["history"], campaign_id, fresh=found is None)
            changed += self._links(record["links"], campaign_id, tally)
            if found is not None and not (changed or blanks):
                if differing:
                    tally.skip(DIFFERING, example=found["title"])
                else:
                    tally.skip("already in netrack")
                continue  # nothing written: nothing "kept without" its link either
            if found is not None:
                tally.updated += 1
                if differing:
                    tally.updated_differing.append(found["title"])
            self.kept += notes
        self._left_out(tally)
        return tally

    def _left_out(self, tally: Tally) -> None:
        """Say the links left out for an archived contact, in the words of the records
        skipped for one ("with an archived contact", who, and what to do): the
        campaign itself is imported, so it is neither counted skipped nor named."""
        if self.links_left_out:
            count = len(self.links_left_out)
            links = "1 link" if count == 1 else f"{count} links"
            who = ", ".join(dict.fromkeys(self.links_left_out))
            tally.remarks.append(
                f"{links} with an archived contact left out: {who} "
                "(unarchive them, then import again)"
            )

    def _history(self, steps: list[dict[str, Any]], campaign_id: int, fresh: bool) -> int:
        """Add the stage changes the campaign lacks (all of them for a new campaign)."""
        missing = steps if fresh else steps_to_add(self.rows.stage_history(campaign_id), steps)
        self.rows.add_stage_changes(campaign_id, missing)
        return len(missing)

    def _links(self, links: list[tuple[int, str | None]], campaign_id: int, tally: Tally) -> int:
        """Link the contacts the campaign lacks; how many were linked. A link to a
        contact archived here (not in the file) is left out, as `campaign link` refuses
        to name them, and said on the campaigns' line (`_left_out`)."""
        have = self.rows.campaign_contacts(campaign_id)
        added = 0
        for contact_id, role in links:
            if contact_id in have:
                continue
            if contact_id in self.archived_here:
                self.links_left_out.append(self.archived_here[contact_id])
                continue
            self.rows.link_contact(campaign_id, contact_id, role)
            have.add(contact_id)
            added += 1
        return added


def _without(
    item: Item,
    ref: int | None,
    landed: Mapping[int, int],
    skipped: set[int],
    what: str,
    notes: list[str],
) -> bool:
    """Whether the record stands without the one `ref` points at, which landed nowhere
    (a campaign without one of its people, an entry without its campaign, a contact
    without their introducer): skipped for a fault of its own, or not in the file at
    all. Either way one bad reference costs only itself, not the records that name it
    (and what hangs on them: a campaign's history, its interactions' link to it). The
    note goes to `notes`, for the summary once the record is kept."""
    if ref is None or ref in landed:
        return False
    why = "was skipped" if ref in skipped else "is not in the file"
    notes.append(f"{item.record} without {what} {ref}, which {why}")
    return True


def _campaign_key(row: dict[str, Any]) -> tuple[Any, str, str | None]:
    """What a campaign of the file without a uid netrack knows is matched on."""
    return row["organization"], row["title"].casefold(), iso(row["opened_on"])


def _uid_or_none(item: Item) -> str | None:
    """A campaign record's uid, read ahead of the record (None where it cannot be read:
    the record is refused for it when read)."""
    try:
        return item.uid()
    except RecordError:
        return None
