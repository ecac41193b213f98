"""Who a row of an imported history is about: every contact, found by the keys the
importers of history (data/history.py) hand it.

Who a row is about, in this order (SPEC: profile URL, then email, then name):

1. the contact whose LinkedIn profile URL is the row's (`keys.url_key`: scheme, `www.`
   and a trailing `/` do not matter);
2. the contact whose email is the row's (case-insensitive);
3. the one contact with that name (`keys.name_key`: case, accents and spacing do not
   matter), else with that name written family name first ("Tanaka, Mei", as Outlook
   writes attendees, is "Mei Tanaka"). Two contacts of one name are AMBIGUOUS: the row is skipped with that reason,
   never given to one of them at random. Archived contacts count, so a row about one is
   not given to a namesake; the importers skip it (`Directory.archived`), as `netrack log`
   refuses to name an archived contact (SPEC: imports pass the same validation).

A URL or an email that several contacts share (jobs@acme.com) tells none of them apart
(SPEC: a shared email, phone or website never makes two different names one person):
the row is the one of them with its name, else the one contact of that name, else
AMBIGUOUS.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from netrack.data import tables as t
from netrack.data.keys import (
    email_key,
    given_name_first,
    name_key,
    name_words,
    profile_of,
    url_key,
)
from netrack.data.merged_identities import MergedIdentities
from netrack.data.table_rows import raw_rows

AMBIGUOUS = -1  # `Directory.find`: more than one contact fits


class Directory:
    """Every contact, for finding who a row of an export is about (module docstring)."""

    def __init__(self) -> None:
        query = t.Contact.select(
            t.Contact.id,
            t.Contact.name,
            t.Contact.email,
            t.Contact.url,
            t.Contact.channel,
            t.Contact.met_on,
            t.Contact.archived,
        ).order_by(t.Contact.id)
        self.rows: dict[int, dict[str, Any]] = {}
        # Each key to its contact, or AMBIGUOUS when several contacts have it.
        self.by_url: dict[str, int] = {}
        self.by_email: dict[str, int] = {}
        self.by_name: dict[str, int] = {}
        # The contacts of each URL or email that several have, and everyone's name key:
        # a row names which of them it is about.
        self.url_sharers: dict[str, list[int]] = {}
        self.email_sharers: dict[str, list[int]] = {}
        self.name_keys: dict[int, str] = {}
        # A contact's LinkedIn profile: a row naming another profile is another person,
        # whatever the name (as `bulk` matches people).
        self.profile_of: dict[int, str] = {}
        # Schema 15: a row about a contact merged away is about the one they became,
        # asked only where nobody else is the row's (`merged_identities`)
        self.merged = MergedIdentities()
        # Folding a name is the slow part here, and a network repeats names: each once.
        folded: dict[str, str] = {}
        for row in raw_rows(query):
            self.rows[row["id"]] = row
            if row["url"]:
                address = url_key(row["url"])
                _index(self.by_url, self.url_sharers, address, row["id"])
                profile = profile_of(address)
                if profile is not None:
                    self.profile_of[row["id"]] = profile
            if row["email"]:
                _index(self.by_email, self.email_sharers, email_key(row["email"]), row["id"])
            key = folded.get(row["name"])
            if key is None:
                key = folded[row["name"]] = name_key(row["name"])
            self.by_name[key] = AMBIGUOUS if key in self.by_name else row["id"]
            self.name_keys[row["id"]] = key

    def archived(self, contact_ids: Iterable[int]) -> list[str]:
        """The names of those of `contact_ids` who are archived, in their order."""
        return [self.rows[cid]["name"] for cid in contact_ids if self.rows[cid]["archived"]]

    def find(
        self, name: str = "", urls: Iterable[str] = (), emails: Iterable[str] = ()
    ) -> int | None:
        """The contact id a row is about; AMBIGUOUS when only a shared name, or a shared
        URL or email and no name of one of them, matches; None when no contact matches."""
        nkey = name_key(name) if name.strip() else None
        for url in urls:
            key = url_key(url) if url.strip() else ""
            found = self.by_url.get(key) if key else None
            if found is not None:
                return self._among(self.url_sharers, key, nkey) if found == AMBIGUOUS else found
        for email in emails:
            key = email_key(email) if email.strip() else ""
            found = self.by_email.get(key) if key else None
            if found is not None:
                return self._among(self.email_sharers, key, nkey) if found == AMBIGUOUS else found
        if nkey is None:
            return self.merged.find(None, urls, emails) if self.merged else None
        found = self.by_name.get(nkey)
        turned = given_name_first(name) if found is None else None
        if turned is not None:
            # Outlook's "Tanaka, Mei": the contact "Mei Tanaka" when the name as written
            # is nobody's (a contact named "Tanaka, Mei" is found as written).
            found = self.by_name.get(name_key(turned))
        found = self._same_profile(found, [url_key(url) for url in urls if url.strip()])
        if found is None and self.merged:
            return self.merged.find(nkey, [url for url in urls if url.strip()], emails)
        return found

    def find_keyed(self, url: str | None, name: str | None) -> int | None:
        """`find` for one profile and name whose keys the caller has made already
        (`keys.url_key`, `keys.name_key`); None for a blank URL or name."""
        if url is not None:
            found = self.by_url.get(url)
            if found == AMBIGUOUS:
                return self._among(self.url_sharers, url, name)
            # A profile one contact has finds them under another name only if the names
            # share a word (a rename: "Anand K. Rao"), as imports of people match
            # (bulk_match.py): "Bob Jones" at Jane Doe's profile is someone else.
            if found is not None and (
                name is None or name_words(self.name_keys[found]) & name_words(name)
            ):
                return found
        found = None if name is None else self._same_profile(self.by_name.get(name), [url] if url else [])  # fmt: skip
        if found is None and self.merged:
            return self.merged.find(name, [url] if url else [], ())
        return found

    def _among(self, sharers: dict[str, list[int]], key: str, name: str | None) -> int:
        """Of the contacts who share `key` (a URL or an email), the one named `name` (a
        name key); else the one contact of that name; else AMBIGUOUS."""
        if name is None:
            return AMBIGUOUS
        named = [cid for cid in sharers[key] if self.name_keys[cid] == name]
        if len(named) == 1:
            return named[0]
        found = None if named else self.by_name.get(name)
        return AMBIGUOUS if found is None else found

    def _same_profile(self, found: int | None, urls: list[str]) -> int | None:
        """`found` by name, unless the row names a LinkedIn profile and the contact has
        another: two profiles are two people (a messages.csv from Globex's Ana López is
        not Acme's, whose profile differs)."""
        if found is None or found == AMBIGUOUS:
            return found
        theirs = self.profile_of.get(found)
        if theirs is None:
            return found
        given = {profile for url in urls if (profile := profile_of(url)) is not None}
        return None if given and theirs not in given else found


def _index(index: dict[str, int], sharers: dict[str, list[int]], key: str, cid: int) -> None:
    """`index[key]` is `cid`, or AMBIGUOUS once another contact has `key` too (all of
    them in `sharers[key]`)."""
    first = index.get(key)
    if first is None:
        index[key] = cid
        return
    if first != AMBIGUOUS:
        index[key] = AMBIGUOUS
        sharers[key] = [first]
    sharers[key].append(cid)
