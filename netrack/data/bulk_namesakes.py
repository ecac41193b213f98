"""The first of import matching's two passes, and the looser rules it keeps safe.

`People.merge` matches one record at a time, in file order. Without a look at the whole
file first, an earlier record that matched an existing contact only loosely (a shared
value) took them, and the file's record that IS them (same name, same organization)
came later, found them taken and was refused as their duplicate, with everything that
referred to it. So the whole file is read first (`FirstPass`):

- each existing contact that a record names exactly (name and organization, folded as
  duplicates are) is claimed by that identity: no other record may take them, whatever
  comes first;
- for the looser rules of vCard and LinkedIn imports (`Namesakes`): which identities of
  the file hold each email, and which bear each name.

The looser rules join namesakes that the ranked rules of `bulk_match` keep apart, only between
an existing contact and a record of the file (two records of one file are not joined by
them), and only where nothing else could be meant:

- A. another named organization ("Globex" in an address book, "Globex, Inc." on
  LinkedIn), with an email that these two alone hold: one contact in netrack and one
  identity in the file. A shared inbox (jobs@acme.com) held by several tells nobody apart,
  as `history` has it for calendar attendees;
- B. one of the two without an organization (a phone's card), when they are the only
  contact of that name and it is the only identity of that name in the file, and no
  other email, phone or LinkedIn profile tells them apart.

`import json` uses neither: netrack's own export states identities exactly.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable

from netrack.data.keys import PROFILE

Identity = tuple[str, str]  # (name key, organization key): as duplicates are compared


def _of_kind(keys: Iterable[str], prefix: str) -> set[str]:
    return {key for key in keys if key.startswith(prefix)}


def told_apart(mine: set[str], theirs: set[str]) -> bool:
    """Whether two sets of identity keys hold emails, phones or LinkedIn profiles of one
    kind and none in common: two people, whatever their names."""
    for prefix in ("email:", "phone:", PROFILE):
        own, other = _of_kind(mine, prefix), _of_kind(theirs, prefix)
        if own and other and not own & other:
            return True
    return False


class FirstPass:
    """What the whole file says, read before any of its records is matched."""

    def __init__(self) -> None:
        self.claimed: dict[int, Identity] = {}  # existing contact → the record exactly them
        self.emails: dict[str, set[Identity]] = {}  # email key → identities holding it
        self.names: dict[str, set[Identity]] = {}  # name key → identities bearing it

    def note(self, identity: Identity, keys: set[str], exactly: Iterable[int]) -> None:
        """A record of `identity` with identity `keys`; `exactly`: the existing
        contacts of that very identity, which it claims."""
        for contact_id in exactly:
            self.claimed.setdefault(contact_id, identity)
        self.names.setdefault(identity[0], set()).add(identity)
        for key in _of_kind(keys, "email:"):
            self.emails.setdefault(key, set()).add(identity)

    def may_take(self, contact_id: int, identity: Identity) -> bool:
        """Whether a record of `identity` may be `contact_id`: not where another
        record of the file is them exactly."""
        owner = self.claimed.get(contact_id)
        return owner is None or owner == identity


class Namesakes:
    """The existing contacts as the looser rules see them: who holds each email (under
    any name) and who bears each name, as netrack held them before the import."""

    def __init__(self, first_new: int) -> None:
        self.first_new = first_new  # contacts from here on came from this import
        self.email_holders: Counter[str] = Counter()
        self.by_name: dict[str, list[int]] = {}

    def count_in(self, contact_id: int, name: str, keys: set[str]) -> None:
        """An existing contact, by name key, with their identity keys."""
        self.by_name.setdefault(name, []).append(contact_id)
        self.email_holders.update(_of_kind(keys, "email:"))

    def match(
        self,
        identity: Identity,
        keys: set[str],
        first: FirstPass,
        by_key: Callable[[str], Iterable[int]],
        contact: Callable[[int], tuple[str, set[str]]],
    ) -> int | None:
        """The existing contact a record of `identity` and `keys` is by rule A or B (see
        the module's docstring), or None. `by_key`: the namesakes holding a key;
        `contact`: a contact's organization key and identity keys."""
        if not self.by_name:  # no contact before the import: neither rule has one to offer
            return None
        name, org = identity
        for email in sorted(_of_kind(keys, "email:")):
            if self.email_holders[email] != 1 or len(first.emails.get(email, ())) != 1:
                continue  # a shared inbox, or a file's two people: tells nobody apart
            for candidate in sorted(by_key(email)):
                other_org, theirs = contact(candidate)
                if (
                    candidate < self.first_new
                    and other_org
                    and org
                    and other_org != org
                    and first.may_take(candidate, identity)
                    and not told_apart(_of_kind(keys, PROFILE), _of_kind(theirs, PROFILE))
                ):
                    return candidate
        namesakes = self.by_name.get(name, [])
        if len(namesakes) != 1 or first.names.get(name) != {identity}:
            return None  # several of that name, in netrack or in the file: none is sure
        (candidate,) = namesakes
        other_org, theirs = contact(candidate)
        if bool(other_org) == bool(org) or not first.may_take(candidate, identity):
            return None  # both named (another organization) or both blank (ranked)
        return None if told_apart(keys, theirs) else candidate
