"""Which existing contact an imported record is: the matching rules of `bulk.People`.

Who is who, for every import of people (LinkedIn, vCard, JSON):

- A record can only be an existing contact with the same name: case-, accent- and
  spacing-insensitive (`name_folding.fold`, as names are looked up everywhere; control
  characters and U+FFFD left out, so a name the vCard export made safe still matches).
  Different names are never one person, whatever email, phone or website they share: a
  family's email, a shared inbox (jobs@acme.com), a company site on many cards. The one
  exception is a LinkedIn profile URL that one contact alone has, under a name that
  shares a word with the record's (of two letters or more, folded as names are): a
  profile is one person's, and the user may have renamed them since ("Anand Rao" is
  "Anand K. Rao"). "Bob Jones" at Jane Doe's profile is not Jane, whatever the URL says.
- Among the contacts with that name, the record is the one that
  1. shares its LinkedIn profile URL (linkedin.com/in/…): one profile, one person, even
     after a change of company;
  2. or has the same organization (both blank counts as the same; compared as names
     are, so "Acmé" is "Acme");
  3. or shares an email, website or phone, with the organization blank on one side;
  a shared value ranks a candidate before one with none (same organization first).
- Never: the same name at another organization (another person, as SPEC's duplicate rule
  has it: only name AND organization both equal make a duplicate), or two different
  LinkedIn profile URLs; except, for vCard and LinkedIn files, the looser rules of
  `bulk_namesakes` (one email these two alone hold; a card without a company and the
  one contact of that name).
- Never a contact that another record of the file is exactly (same name and
  organization): the whole file is read first and such a record claims them, whatever
  the order of the records (`bulk_namesakes.FirstPass`).
- A record that matches nobody by these rules, but would have matched a contact since
  merged into another, is that other (`merged_identities`; never absorbed: KEEP's own
  record may come too; either of the two coming second is counted joined).
- A record that matches nobody is added, unless a contact with the same name and
  organization (case- and accent-insensitively) exists or came earlier in the import:
  SPEC refuses such a duplicate, so the record is skipped with that reason.
- Each existing contact absorbs at most one incoming record per import; the one exception
  is a LinkedIn or vCard file naming the same person twice (matching by these same
  rules), joined to the first and counted "joined to the same contact earlier in the file".
  A JSON export lists distinct contacts: there a
  contact is never matched twice.

`ContactMatching` is a base of `People` (bulk.py), which loads the contacts and fills
the lookups these rules read, then adds or fills the contact a record is: apart, so
that who is who reads on its own, beside the writing.
"""

from __future__ import annotations

from typing import Any

from netrack.data.bulk_columns import Keys
from netrack.data.bulk_namesakes import FirstPass, Identity, Namesakes
from netrack.data.bulk_orgs import Organizations
from netrack.data.keys import name_key, name_words, profiles


class ContactMatching:
    """The contact a record is (`_match`), by the lookups `People` loads and keeps:
    contacts by (name key, organization key), by (name key, identity key) and by
    LinkedIn profile, each one's identity keys and row."""

    orgs: Organizations
    loosely: bool  # the looser rules of `bulk_namesakes` apply
    within_file: bool  # records of the same file match each other too
    first_pass: FirstPass
    namesakes: Namesakes
    absorbed: set[int]  # contacts a record of this import went to
    rows: dict[int, dict[str, Any]]
    by_org: dict[tuple[str, str], dict[int, None]]
    by_key: dict[tuple[str, str], dict[int, None]]
    by_profile: dict[str, dict[int, None]]
    keys: dict[int, set[str]]
    _org_keys: dict[int | None, str]

    def _org_key(self, org_id: int | None) -> str:
        key = self._org_keys.get(org_id)
        if key is None:
            key = self._org_keys[org_id] = name_key(self.orgs.name_of(org_id))
        return key

    def _match(self, name: str, who: Identity, record: Keys) -> int | None:
        """The contact a record with `name`, identity `who` (its name and organization
        folded, "" for none) and identity keys `record` is, by the rules in the module's
        docstring, or None."""
        keys, mine = record.every, record.profiles
        best: tuple[int, bool] = (0, False)
        found = None
        folded, org = who
        # Only a namesake at the same organization or sharing a value can rank; in id
        # order, so that ties go to the oldest contact.
        candidates = set(self.by_org.get((folded, org), ()))
        for key in keys:
            candidates.update(self.by_key.get((folded, key), ()))
        for candidate in sorted(candidates):
            taken = candidate in self.absorbed
            if (taken and not self.within_file) or not self.first_pass.may_take(candidate, who):
                continue
            theirs = self.keys[candidate]
            if mine and profiles(theirs) and not mine & profiles(theirs):
                continue  # two LinkedIn profiles: two people
            shared = keys & theirs
            # Organizations compared as duplicates are: "Acmé" is "Acme" here.
            other_org = self._org_key(self.rows[candidate]["organization_id"])
            if mine & shared:
                rank = 4
            elif other_org == org:
                rank = 3 if shared else 1
            elif shared and not (other_org and org):
                rank = 2
            else:
                continue  # same name, another organization: another person
            if (rank, not taken) > best:
                best, found = (rank, not taken), candidate
        # Asked only where a contact has one of the record's profiles (a look-up for
        # each): a new connection's profile is nobody's, and then the answer is None.
        if found is None and not self.by_profile.keys().isdisjoint(record.linked):
            found = self._same_profile(record.linked, name, who)
        if found is None and self.loosely:
            found = self.namesakes.match(
                who,
                keys,
                self.first_pass,
                lambda key: self.by_key.get((folded, key), ()),
                self._seen,
            )
        return found

    def _seen(self, contact_id: int) -> tuple[str, set[str]]:
        """A contact's organization (folded) and identity keys."""
        return self._org_key(self.rows[contact_id]["organization_id"]), self.keys[contact_id]

    def _same_profile(self, linked: set[str], name: str, who: Identity) -> int | None:
        """The one contact, under another name that shares a word with `name`, with the
        record's LinkedIn profiles `linked` (the user renamed them: "Anand Rao" is now
        "Anand K. Rao"); None when none or several have it, or its name has no word of
        `name`."""
        owners = {c for p in linked for c in self.by_profile.get(p, ())}
        if not self.within_file:
            owners -= self.absorbed
        owners = {owner for owner in owners if self.first_pass.may_take(owner, who)}
        if len(owners) != 1:
            return None
        owner = owners.pop()
        return owner if name_words(self.rows[owner]["name"]) & name_words(name) else None
