"""Writing imported people and organizations in bulk: match, fill blanks, insert many.

Where the importers' rows are written (interop calls it; only `netrack/data` touches the
tables). Everything happens inside the caller's transaction (`repo.writing()`): existing
rows are loaded once into lookup dictionaries, new rows get their ids up front (the
IMMEDIATE lock keeps other writers out) and land with one `executemany` per table
(`bench/import_bench.py` measures it). Who is who, for every import of people
(LinkedIn, vCard, JSON): the rules in `bulk_match`.

A match only fills fields that are blank; what the user typed stays. The one exception
is met_on: a record dated earlier than it moves it earlier (they had met by then), so
the earliest day known wins whatever the order of the imports; a later one never moves it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from operator import itemgetter
from typing import Any

from netrack.data import tables as t
from netrack.data.bulk_columns import (
    COMPARED,
    CONTACT_COLUMNS,
    FILLABLE,
    Keys,
    KeysRead,
    plain,
    remembered,
)
from netrack.data.bulk_match import ContactMatching
from netrack.data.bulk_namesakes import FirstPass, Identity, Namesakes
from netrack.data.bulk_orgs import Organizations
from netrack.data.bulk_rows import bulk_insert, first_free_id
from netrack.data.keys import identity, name_key
from netrack.data.merged_identities import MergedIdentities
from netrack.data.name_keys import key_column, with_key
from netrack.data.repo.base import as_date
from netrack.data.repo.strength_history import first_strength_follows_met
from netrack.data.table_rows import raw_rows, tuple_rows
from netrack.data.uids import derived_from_id, new_uids
from netrack.domain import validate
from netrack.domain.identities import Identities
from netrack.domain.records import DIFFERING, Person, Tally, clean, has_name, kept_aside


class People(ContactMatching):
    """Contacts with the lookups that matching needs, loaded once.

    `within_file`: records of the same file match each other too (a LinkedIn or vCard
    file lists a person once; a repeat is the same person). A JSON export lists distinct
    contacts, so there each existing contact is matched at most once and new ones never.
    `exact_identities`: the file states who is who exactly (netrack's own export), so
    the looser rules of `bulk_namesakes` are not used, and a record is first the contact
    of its uid; `derived_uids`: also of a uid schema 13 derived from an id (False for a
    file of another history, whose contact 1 is not this one's: `m013.derived`).
    `uids_in_file`: a record may give its contact's uid (netrack's own vCard) and is that
    contact first, the looser rules kept for the rest; only restoring stores one."""

    def __init__(
        self,
        orgs: Organizations,
        today: date,
        within_file: bool = True,
        restoring: bool = False,
        latest: date | None = None,
        exact_identities: bool = False,
        derived_uids: bool = True,
        uids_in_file: bool = False,
    ) -> None:
        self.orgs = orgs
        self.loosely = not exact_identities
        self.first_pass = FirstPass()  # filled by `read_ahead`
        self.within_file = within_file
        self.restoring = restoring  # `import json`: see `records.clean`
        self.absorbed: set[int] = set()  # contacts a record of this import went to
        # Those and the contacts a record went to through a merged identity (never
        # absorbed, see `bulk_match`): a later record of one is joined, not counted again
        self.counted: set[int] = set()
        self.today = today
        # The last day a met_on may be: today, or a little later for `import json` of a
        # file exported in a time zone ahead (`json_fields.Horizon`).
        self.latest = latest or today
        self.tally = Tally()
        self.rows: dict[int, dict[str, Any]] = {}
        # Namesakes by (name key, organization id) and by (name key, identity key): a
        # record is only compared with the few that can match it (same organization, or a
        # shared value), not with every namesake — a network of 30,000 has hundreds of
        # "Ana López", and comparing each with all of them grew with the square.
        self.by_org: dict[tuple[str, str], dict[int, None]] = {}
        self.by_key: dict[tuple[str, str], dict[int, None]] = {}
        # LinkedIn profile → contacts: one profile is one person, whatever name the user
        # gave them since (a rename and a re-import made a second "Anand Rao").
        self.by_profile: dict[str, dict[int, None]] = {}
        self.keys: dict[int, set[str]] = {}
        self.tags: dict[int, set[str]] = {}
        self._name_keys: dict[str, str] = {}
        self._org_keys: dict[int | None, str] = {}
        # A record's organization as duplicates compare it, by its text: a network of
        # 30,000 names a few thousand organizations, each folded once.
        self._org_name_key = remembered(name_key, {})
        self.read = KeysRead()  # each record's keys, from `read_ahead` to `merge`
        self._good_orgs: set[str] = set()  # organization names `clean` found good
        # Who a new record may not duplicate, nor be named as (`Identities`).
        # A closure over the memo alone, not a bound method: Identities holding People
        # made a reference cycle, and the collector walking 30,000 rows' worth of objects
        # to free it took a fifth of an import's time.
        self._name_key = remembered(name_key, self._name_keys)
        self.identities = Identities(self._name_key)
        query = t.Contact.select(
            *(getattr(t.Contact, c) for c in FILLABLE[1:]),
            t.Contact.id,
            t.Contact.name,
            t.Contact.organization,
            t.Contact.introduced_by,
            t.Contact.archived,
            t.Contact.met_on,
            t.Contact.keep_in_touch,
            t.Contact.uid,
        ).order_by(t.Contact.id)
        # Schema 13: contacts by uid, which netrack's own export gives (`exact_identities`):
        # a record is the contact of its uid, however renamed since, before any rule.
        self.by_uid: dict[str, int] = {}
        self.held: set[str] = set()  # every uid netrack holds: a new row takes none
        # Schema 15: who contacts merged away were, each naming the contact they became
        self.merged = MergedIdentities(exact_identities or uids_in_file, derived_uids)
        if exact_identities:
            self.held |= self.merged.uids
        for row in raw_rows(query):
            self.rows[row["id"]] = row
            self._remember(row["id"], row)
            self._claim(row)
            if (exact_identities or uids_in_file) and row["uid"]:
                self.held.add(row["uid"])
                if derived_uids or not derived_from_id("contact", row["id"], row["uid"]):
                    self.by_uid[row["uid"]] = row["id"]
        for contact_id, tag in tuple_rows(
            t.ContactTag.select(t.ContactTag.contact, t.ContactTag.tag)
        ):
            self.tags.setdefault(contact_id, set()).add(tag)
        self.first_new = first_free_id(t.Contact)
        self._next = self.first_new
        self.namesakes = Namesakes(self.first_new)
        if self.loosely:
            for contact_id, row in self.rows.items():
                self.namesakes.count_in(
                    contact_id, self._name_key(row["name"]), self.keys[contact_id]
                )
        self.new_tags: list[tuple[int, str]] = []
        self.changed: dict[int, dict[str, Any]] = {}
        self.met_before: dict[int, date] = {}  # contacts whose met_on moved: the day it was

    def _identity(self, row: dict[str, Any]) -> tuple[str, str]:
        return self._name_key(row["name"]), self._org_key(row["organization_id"])

    def _claim(self, row: dict[str, Any], who: Identity | None = None) -> None:
        """Count the contact `row` (of identity `who`, when known) in among those a new
        record is checked against."""
        org = self.orgs.name_of(row["organization_id"])
        who = self._identity(row) if who is None else who
        self.identities.count_in(row["id"], row["name"], org, bool(row["archived"]), key=who)

    def _remember(
        self,
        contact_id: int,
        row: dict[str, Any],
        keys: Keys | None = None,
        who: Identity | None = None,
    ) -> None:
        """Index a contact (of identity `who`, when known) by name, with its email, url
        and phone, or `keys` (those of the record it came from, which hold them), for
        telling namesakes apart."""
        if keys is None:
            keys = Keys.of(identity([row["email"] or ""], [row["url"] or ""], [row["phone"] or ""]))
        who = self._identity(row) if who is None else who
        self.by_org.setdefault(who, {})[contact_id] = None
        self._add_keys(contact_id, who[0], keys)

    def _add_keys(self, contact_id: int, name: str, keys: Keys) -> None:
        self.keys.setdefault(contact_id, set()).update(keys.every)
        for key in keys.every:
            self.by_key.setdefault((name, key), {})[contact_id] = None
        for profile in keys.linked:
            self.by_profile.setdefault(profile, {})[contact_id] = None

    def _identity_of(self, name: str, organization: str) -> Identity:
        """A record's (name, organization) as duplicates are compared: "none" is no
        organization, as `--org none` and `id_for` read it (keyed as "none", a card of
        Ana at "none" was added beside the Ana without one); its organization folded as
        names are (the export's U+FFFD is its control character)."""
        org = "" if validate.means_none(organization) else organization
        return self._name_key(name), self._org_name_key(org)

    def read_ahead(self, persons: Iterable[Person]) -> None:
        """The first pass over the file, before any of its records is matched: which
        existing contact each record is exactly, and what the looser rules need to know
        (`bulk_namesakes`)."""
        for person in persons:
            if not has_name(person.name):
                continue
            who = self._identity_of(person.name, person.organization)
            keys = self.read.keep(person)
            loose = keys if self.loosely else set()  # only the looser rules read them
            mine = self._of_uid(person)
            if mine is not None and self._name_key(self.rows[mine]["name"]) != who[0]:
                mine = None if self.by_org.get(who) else mine  # `merge`'s rule, by name+org
            exactly = self.by_org.get(who, ()) if mine is None else (mine,)
            self.first_pass.note(who, loose, exactly)

    def _of_uid(self, person: Person) -> int | None:
        """The contact netrack holds under the record's uid (schema 13), if any."""
        return self.by_uid.get(person.uid) if person.uid and self.by_uid else None

    def merge(self, person: Person) -> int | None:
        """Add `person`, or fill the blanks of the contact it matches; returns its id
        (None when skipped). Raises InputError (without a location: the caller adds file
        and line) for values netrack refuses."""
        keys = self.read.take(person)
        if keys is None:
            self.tally.skip("without a name", example=f"line {person.line}")
            return None
        name, incoming, tags = clean(person, self.restoring, self._good_orgs)
        if self.restoring:
            # Only netrack's own export says these: another importer's record is never
            # archived and has no cadence, which says nothing against netrack's.
            incoming["keep_in_touch"] = person.keep_in_touch  # a blank one is filled
            incoming["archived"] = person.archived  # never filled: compared only
        if person.met_on is not None:
            validate.happened(person.met_on, self.latest, "met on")
        organization = "" if validate.means_none(person.organization) else person.organization
        org = self._org_name_key(organization)  # `_identity_of`'s: "none" is "" already
        folded = self._name_key(name)
        found = self._of_uid(person)
        if found in self.absorbed:
            found = None
        # Found by its uid under another name (renamed on one copy): netrack's is kept,
        # unless the rules find the card plainly another contact (a card copied by hand
        # to make another keeps the first one's UID): then the uid is ignored.
        renamed = found is not None and self._name_key(self.rows[found]["name"]) != folded
        if renamed:
            by_rules = self._match(name, (folded, org), keys)
            found, renamed = (found, True) if by_rules is None else (by_rules, False)
        if found is None:
            found = self._match(name, (folded, org), keys)
        # Nobody by the rules above, yet a contact merged away (schema 15): the one they
        # became, which any number of records may name (KEEP's own among them)
        merged = None
        if found is None and self.merged:
            merged = self.merged.of_uid(person.uid) or self.merged.match(
                folded, org, keys.every, keys.linked
            )
            found = merged
            if merged is not None:
                incoming.update(self.merged.known_reach(merged, incoming))
        if found is None:  # checked before the organization is added
            self.identities.refuse(name, organization.strip(), key=(folded, org))
        if found is None or self._may_join(found, organization.strip(), org):
            incoming["organization_id"] = self.orgs.id_for(person.organization)
        else:  # a match keeps its organization (blanks only are filled): none added for it
            incoming["organization_id"] = None
        if found is None:
            row = {"id": self._next, "name": name, **incoming}
            row["met_on"] = (person.met_on or self.today).isoformat()
            row["archived"] = person.archived
            row["introduced_by_id"] = None
            row["uid"] = person.uid if self.restoring and person.uid not in self.held else None
            self._next += 1
            self.rows[row["id"]] = row
            who = (folded, self._org_key(row["organization_id"]))  # its `_identity`, once
            if self.within_file:
                self._remember(row["id"], row, keys, who)
            self.absorbed.add(row["id"])
            self.counted.add(row["id"])
            self._claim(row, who)
            self.tags[row["id"]] = set()
            self._add_tags(row["id"], tags)
            self.tally.added += 1
            return int(row["id"])
        # OTHER's record and KEEP's own, in either order, are one contact met twice
        repeated = found in self.counted
        self.counted.add(found)
        if merged is None:
            self.absorbed.add(found)
        self.fill(found, incoming)
        self._met_earlier(found, person.met_on)
        if self.within_file:
            self._add_keys(found, folded, keys)
        added_tags = self._add_tags(found, tags)
        if repeated:
            # Its details went into the one it repeats: joined, neither added nor skipped
            self.tally.joined += 1
        elif self.changed.get(found) or added_tags:
            self.tally.updated += 1
            if renamed or self._differs(found, incoming, org):  # a blank filled, a title not
                self.tally.updated_differing.append(name)
        elif renamed or self._differs(found, incoming, org):
            self.tally.skip(DIFFERING, example=name)  # a newer title not taken: said so
        else:
            self.tally.skip("already in netrack", example=name)
        return found

    def _differs(self, contact_id: int, values: dict[str, Any], org: str) -> bool:
        """Whether the record gives another organization (`org`, folded) or value of
        COMPARED than the contact has, where both have one, or (netrack's own export)
        archives them otherwise: netrack's was kept."""
        row = self.rows[contact_id]
        theirs = self._org_key(row["organization_id"])
        if org and theirs and org != theirs:
            return True
        if "archived" in values and bool(values["archived"]) != bool(row["archived"]):
            return True
        return any(
            (mine := plain(values.get(f))) and (have := plain(row.get(f))) and mine != have
            for f in COMPARED
        )

    def _may_join(self, contact_id: int, organization: str, org: str) -> bool:
        """Whether the contact's blank organization may be filled with `organization`
        (`org` folded): not where that would make them another contact's duplicate or
        named by its words, as `contact edit --org` refuses; then they stay without
        one, and the summary says so."""
        row = self.rows[contact_id]
        if row["organization_id"] is not None:
            return False
        if not organization:
            return True
        name = row["name"]  # theirs: a renamed contact matched by profile keeps it
        key = (self._name_key(name), org)
        taken = self.identities.taken_by(name, organization, contact_id, key=key)
        if taken is not None:
            self.tally.unfilled.append(
                f"{name} ({organization}) would name contact {taken[0].contact_id} too"
            )
        return taken is None

    def fill(self, contact_id: int, values: dict[str, Any]) -> None:
        """Set the fields that are blank (None, "") in the contact; leave the rest, but
        never lose a way to reach them: another email, phone or URL than theirs, and
        note lines they lack, are added to their notes ("Other email: …", as a card
        with two emails is read)."""
        row = self.rows[contact_id]
        changes = {
            k: v for k, v in values.items() if v not in (None, "") and row.get(k) in (None, "")
        }
        notes = kept_aside(
            row, values, changes.get("notes", row.get("notes") or ""), self.tally.unkept
        )
        if notes is not None:
            changes["notes"] = notes
        if not changes:
            return
        row.update(changes)
        self._remember(contact_id, row)
        if "organization_id" in changes:  # a blank organization filled: a new identity
            self._claim(row)
        if contact_id < self.first_new:
            self.changed.setdefault(contact_id, {}).update(changes)

    def _met_earlier(self, contact_id: int, met_on: date | None) -> None:
        """Move the contact's met_on to `met_on` when that is earlier: an address book
        imported first left "met today" on someone LinkedIn says was met years ago, and
        the scorecard counted them as new."""
        row = self.rows[contact_id]
        known = as_date(row["met_on"])
        if met_on is None or (known is not None and met_on >= known):
            return
        row["met_on"] = met_on.isoformat()
        if contact_id < self.first_new:
            if known is not None:
                self.met_before.setdefault(contact_id, known)
            self.changed.setdefault(contact_id, {})["met_on"] = met_on

    def _add_tags(self, contact_id: int, tags: set[str]) -> bool:
        if not tags:
            return False
        have = self.tags.setdefault(contact_id, set())
        fresh = sorted(set(tags) - have)
        have.update(fresh)
        self.new_tags.extend((contact_id, tag) for tag in fresh)
        return bool(fresh)

    def flush(self) -> None:
        """Write what `merge` collected: organizations first (contacts point at them)."""
        self.orgs.flush()
        values = itemgetter(*CONTACT_COLUMNS)
        new = [row for cid, row in self.rows.items() if cid >= self.first_new]
        fresh = iter(new_uids(sum(1 for row in new if not row["uid"])))
        for row in new:
            row["uid"] = row["uid"] or next(fresh)
        new_rows = [with_key(values(row), row["name"]) for row in new]
        bulk_insert(t.Contact, key_column(CONTACT_COLUMNS), new_rows)
        # Strength history: a new contact's strength as of met_on, a filled one from today.
        history = [
            (cid, row["met_on"], row["strength"])
            for cid, row in self.rows.items()
            if cid >= self.first_new and row["strength"] is not None
        ]
        for contact_id, changes in self.changed.items():
            if changes:
                fields = {k.removesuffix("_id"): v for k, v in changes.items()}
                t.Contact.update(**fields).where(t.Contact.id == contact_id).execute()
                if contact_id in self.met_before:
                    # Before the strength filled today is written: the one they were
                    # added with moves along, as `contact edit --met` moves it.
                    was = self.met_before[contact_id]
                    first_strength_follows_met(contact_id, was, changes["met_on"])
                if changes.get("strength") is not None:
                    history.append((contact_id, self.today.isoformat(), changes["strength"]))
        bulk_insert(t.StrengthChange, ("contact_id", "on", "strength"), history)
        bulk_insert(t.ContactTag, ("contact_id", "tag"), self.new_tags)
