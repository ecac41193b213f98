"""What identified a contact merged into another (schema 15, `merged_identity`), and
how an import finds the surviving contact through it.

`contact merge KEEP OTHER` removes OTHER; importing again the file OTHER came from
re-created them (their profile URL went to KEEP's notes at most, their uid and name
were gone), against SPEC's "imports never create duplicates when run twice". So a merge
keeps OTHER's name, organization, record uid, email, url and phone as one row pointing
at KEEP (`keep_identity`), and KEEP takes along those OTHER had kept from earlier
merges. An import asks `MergedIdentities` only for a record that is no contact by its
own rules (`bulk_match`, `directory`): a record that would have been OTHER is KEEP.
An organization merged away or renamed leaves its contacts a row each of their own
(`keep_former_organization`): their name at its former name, which files still give.

Who a record is, through a merged identity (OTHER's rules as `bulk_match` has them):
- netrack's own export: OTHER's uid (one derived from an id only within one history,
  as `m013.derived` allows for contacts);
- OTHER's name (folded as names are) with OTHER's organization, or with one of
  OTHER's LinkedIn profile, email, url or phone where one side has no organization,
  and never beside another LinkedIn profile than OTHER's;
- OTHER's LinkedIn profile under a name that shares a word with OTHER's (a rename).
When identities of two different contacts fit, the record is neither: it is not
guessed.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

from peewee import JOIN

from netrack.data import tables as t
from netrack.data.bulk_rows import insert_rows
from netrack.data.keys import email_key, identity, name_key, name_words, profile_of, url_key
from netrack.data.table_rows import raw_rows, tuple_rows
from netrack.data.uids import derived_from_id


def keep_identity(keep_id: int, other_id: int) -> None:
    """Inside a merge's write, before OTHER is removed: OTHER's identity, and those
    it kept from earlier merges, become KEEP's."""
    t.MergedIdentity.update(contact=keep_id).where(t.MergedIdentity.contact == other_id).execute()
    c, o = t.Contact, t.Organization
    query = (
        c.select(c.name, c.uid, c.email, c.url, c.phone, o.name.alias("organization"))
        .join(o, JOIN.LEFT_OUTER, on=(c.organization == o.id))
        .where(c.id == other_id)
    )
    (other,) = raw_rows(query)
    kept = {
        "contact": keep_id,
        "name": other["name"],
        "organization": other["organization"] or "",
        "former_id": other_id,
        "uid": other["uid"],
        **{field: other[field] or "" for field in ("email", "url", "phone")},
    }
    # OTHER's own at its organization's former name (`keep_former_organization`) may
    # be this very one: kept once
    if identity_key(keep_id, kept) not in _identities_of(t.Contact.id == keep_id):
        add_identities([kept])


def keep_former_organization(org_id: int, former_name: str) -> None:
    """Inside an organization merge's (OTHER's id) or rename's write, before it: each
    contact at `org_id` keeps who they were at `former_name`, their own identity as a
    row pointing at themselves. The importers knew them by their name at that
    organization; without it a record naming them there again (one without a profile
    URL or email) was a new contact, at the old organization made again. Their own uid
    in it marks the row as theirs (`MergedIdentities` finds no one else by it)."""
    c = t.Contact
    query = c.select(c.id, c.name, c.uid, c.email, c.url, c.phone).where(c.organization == org_id)
    held = _identities_of(c.organization == org_id)
    rows = []
    for row in raw_rows(query.order_by(c.id)):
        kept = {
            "contact": row["id"],
            "name": row["name"],
            "organization": former_name,
            "former_id": row["id"],
            "uid": row["uid"],
            **{field: row[field] or "" for field in ("email", "url", "phone")},
        }
        key = identity_key(row["id"], kept)
        if key not in held:  # renamed back and forth: once
            held.add(key)
            rows.append(kept)
    add_identities(rows)


def _identities_of(contacts: Any) -> set[tuple[Any, ...]]:
    """The merged identities of the contacts `contacts` (a condition on `Contact`)
    hold, as `identity_key`."""
    m, c = t.MergedIdentity, t.Contact
    fields = [getattr(m, name) for name in EXPORTED]
    query = m.select(m.contact.alias("contact"), *fields).join(c, on=(m.contact == c.id))
    return {identity_key(row["contact"], row) for row in raw_rows(query.where(contacts))}


# What an export writes of a merged identity besides its contact (named by uid there).
EXPORTED = ("name", "organization", "former_id", "uid", "email", "url", "phone")


def exported_identities() -> list[dict[str, Any]]:
    """Every merged identity in id order for `export json`: `contact`, the uid of the
    contact it was merged into (ids mean nothing in another database), then `EXPORTED`."""
    m, c = t.MergedIdentity, t.Contact
    fields = [getattr(m, name) for name in EXPORTED]
    query = m.select(c.uid.alias("contact"), *fields).join(c, on=(m.contact == c.id)).order_by(m.id)
    return raw_rows(query)


def identity_key(contact_id: int, row: dict[str, Any]) -> tuple[Any, ...]:
    """What two equal merged identities share. Not `former_id`: the same person merged
    on two copies of one history is one identity, whatever id each copy gave them (a
    uid derived from an id is equal only with the id)."""
    return (contact_id, *(row[name] for name in EXPORTED if name != "former_id"))


def held_identities() -> set[tuple[Any, ...]]:
    """Every merged identity netrack holds, as `identity_key`."""
    m = t.MergedIdentity
    names = [name for name in EXPORTED if name != "former_id"]
    query = m.select(m.contact, *[getattr(m, name) for name in names])
    return {tuple(row) for row in tuple_rows(query)}


def contacts_of_uids(uids: Sequence[str]) -> dict[str, int]:
    """The id of each contact holding one of `uids`, by uid."""
    wanted = sorted(set(uids))
    found: dict[str, int] = {}
    for start in range(0, len(wanted), 900):  # below any engine's limit of parameters
        query = t.Contact.select(t.Contact.uid, t.Contact.id).where(
            t.Contact.uid.in_(wanted[start : start + 900])
        )
        found.update({str(uid): int(contact_id) for uid, contact_id in tuple_rows(query)})
    return found


def add_identities(rows: Sequence[dict[str, Any]]) -> None:
    """Insert merged identities given by field (`contact` an id, then `EXPORTED`)."""
    insert_rows(t.MergedIdentity, rows)


class Merged(NamedTuple):
    """One merged identity, folded for matching."""

    contact_id: int  # the contact it was merged into
    name: str  # name key (`keys.name_key`)
    organization: str  # organization folded as names are, "" for none
    keys: frozenset[str]  # `keys.identity` of its email, url and phone
    profiles: frozenset[str]  # its LinkedIn profiles (`keys.profile_of`)


class MergedIdentities:
    """Every merged identity, loaded once for an import."""

    def __init__(self, own_uids: bool = False, derived_uids: bool = True) -> None:
        """`own_uids`: match on uids (netrack's own export); `derived_uids`: also on a
        uid schema 13 derived from an id (a file of this very history)."""
        # Only those whose contact is there: one whose contact another program deleted
        # (foreign keys off) names no one an import could go to (`doctor --fix` mends it)
        m, c = t.MergedIdentity, t.Contact
        query = m.select(m, c.uid.alias("own_uid")).join(c, on=(m.contact == c.id)).order_by(m.id)
        self.by_uid: dict[str, int] = {}
        self.uids: set[str] = set()  # every merged uid: a new contact takes none
        self.by_name: dict[str, list[Merged]] = {}
        self.by_profile: dict[str, list[Merged]] = {}
        self.by_email: dict[str, set[int]] = {}
        self._known: dict[int, set[str]] = {}  # each contact's merged identity keys
        for row in raw_rows(query):
            uid = row["uid"]
            # A contact's own uid, in the row an organization's merge or rename kept
            # (`keep_former_organization`): they are found by it already, and a second
            # record of that uid in one file is not theirs again through it.
            if uid and uid != row["own_uid"]:
                self.uids.add(uid)
                if own_uids and (
                    derived_uids or not derived_from_id("contact", row["former_id"], uid)
                ):
                    self.by_uid[uid] = row["contact_id"]
            keys = frozenset(identity([row["email"]], [row["url"]], [row["phone"]]))
            found = profile_of(url_key(row["url"])) if row["url"] else None
            merged = Merged(
                row["contact_id"],
                name_key(row["name"]),
                name_key(row["organization"]),
                keys,
                frozenset([found] if found else []),
            )
            self.by_name.setdefault(merged.name, []).append(merged)
            self._known.setdefault(merged.contact_id, set()).update(keys)
            if found:
                self.by_profile.setdefault(found, []).append(merged)
            if row["email"].strip():
                self.by_email.setdefault(email_key(row["email"]), set()).add(merged.contact_id)

    def __bool__(self) -> bool:
        return bool(self.by_name)

    def known_reach(self, contact_id: int, values: dict[str, str]) -> dict[str, str]:
        """`values` (a record's email, url, phone) without those a contact merged into
        `contact_id` had: the merge kept them in its notes already, and a record of the
        merged-away person repeating them is no news to keep aside again."""
        known = self._known.get(contact_id, set())
        keyed = {"email": lambda v: identity([v], (), ()), "url": lambda v: identity((), [v], ())}
        keyed["phone"] = lambda v: identity((), (), [v])
        return {
            field: ""
            for field, key in keyed.items()
            if (value := values.get(field)) and key(value) and key(value) <= known
        }

    def of_uid(self, uid: str | None) -> int | None:
        return self.by_uid.get(uid) if uid else None

    def match(
        self, name: str, organization: str, keys: Iterable[str], linked: Iterable[str]
    ) -> int | None:
        """The contact a record named `name` (folded) at `organization` (folded, ""
        for none) with identity `keys` and LinkedIn profiles `linked` was merged into,
        by the rules of the module's docstring; None when none or several fit."""
        keys, linked = set(keys), set(linked)
        found: set[int] = set()
        for merged in self.by_name.get(name, ()):
            if linked and merged.profiles and not linked & merged.profiles:
                continue  # two LinkedIn profiles: two people
            if merged.organization == organization or (
                keys & merged.keys and not (merged.organization and organization)
            ):
                found.add(merged.contact_id)
        if not found:
            found = self._by_profile(linked, name_words(name))
        return found.pop() if len(found) == 1 else None

    def _by_profile(self, linked: set[str], words: set[str]) -> set[int]:
        """The contacts one of whose merged identities had a profile of `linked`, under
        a name sharing one of `words`."""
        return {
            merged.contact_id
            for profile in linked
            for merged in self.by_profile.get(profile, ())
            if name_words(merged.name) & words
        }

    def find(self, name: str | None, urls: Iterable[str], emails: Iterable[str]) -> int | None:
        """For a row of imported history (`directory.Directory`), which knows a person by
        profile, email and name: the contact the one merged identity of that profile
        (its names sharing a word), email or name was merged into; None when none or
        several fit."""
        words = name_words(name) if name else set()
        profiles = {found for url in urls if (found := profile_of(url_key(url)))}
        for fitting in (
            self._by_profile(profiles, words) if words else set(),
            {c for email in emails for c in self.by_email.get(email_key(email), ())},
            {merged.contact_id for merged in self.by_name.get(name or "", ())},
        ):
            if fitting:
                return fitting.pop() if len(fitting) == 1 else None
        return None
