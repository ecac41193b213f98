"""Writing imported history in bulk: interactions found in LinkedIn messages and calendars,
and what LinkedIn invitations tell about contacts.

The importers of history (interop/linkedin_history.py, interop/calendar.py) find people
with `Directory` and hand `Touch`es to `History`, which writes them with one
`executemany` per table, inside the caller's transaction (`repo.writing()`).

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

What makes a re-import add nothing:

- a LinkedIn conversation: one `message` interaction per contact per day, so a contact
  who already has a `message` interaction that day (imported or typed) gets none, nor
  one who has an interaction of another kind that day with the note it would have (an
  imported message the user made a call since: nothing marks it imported but its note);
- a calendar occurrence: its key (the event's UID and the occurrence's date) is kept in
  the `imported_event` table (schema m005), whether or not its interaction still exists.
  A moved occurrence (RECURRENCE-ID) is keyed on the date of the one it replaces, so a
  newer export that moved it again names the same occurrence; before, it was keyed on
  the day it was moved to, which a re-import still recognises (`former`).
  An event that happens once is known by its UID alone: its date is the day this
  machine's time zone puts it on, and imported again in another zone it fell on another.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from operator import itemgetter
from typing import Any, NamedTuple

from netrack.data import tables as t
from netrack.data.bulk_rows import bulk_insert, first_free_id
from netrack.data.engines import param_sql
from netrack.data.keys import (
    email_key,
    given_name_first,
    name_key,
    name_words,
    profile_of,
    url_key,
)
from netrack.data.link_batch import insert_links
from netrack.data.repo.base import as_date
from netrack.data.repo.contacts import first_strength_follows_met
from netrack.data.table_rows import raw_rows
from netrack.data.uids import new_uids

AMBIGUOUS = -1  # `Directory.find`: more than one contact fits
# No `logged_on` (schema 7): imported history stays NULL there. Nobody typed it in, and
# "Logged today" is what the user logged by hand: a LinkedIn export of three years of
# messages must not fill it (an imported touch dated today still shows: its `on` is today).
INTERACTION_COLUMNS = (
    "id",
    "on",
    "kind",
    "minutes",
    "meaningful",
    "value_received",
    "value_given",
    "cost_cents",
    "note",
    "uid",  # schema 12: each its own (`data.uids`)
)


class Touch(NamedTuple):
    """One interaction to log: the day, its kind, minutes, note, who; `key` is the
    calendar occurrence it came from (None for messages). A tuple: a messages.csv makes
    100,000 of them."""

    on: date
    kind: str
    contact_ids: tuple[int, ...]
    minutes: int = 0
    note: str = ""
    key: str | None = None


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
            return None
        found = self.by_name.get(nkey)
        turned = given_name_first(name) if found is None else None
        if turned is not None:
            # Outlook's "Tanaka, Mei": the contact "Mei Tanaka" when the name as written
            # is nobody's (a contact named "Tanaka, Mei" is found as written).
            found = self.by_name.get(name_key(turned))
        return self._same_profile(found, [url_key(url) for url in urls if url.strip()])

    def find_keyed(self, url: str | None, name: str | None) -> int | None:
        """`find` for one profile and name whose keys the caller has made already
        (`keys.url_key`, `keys.name_key`); None for a blank URL or name."""
        if url is not None:
            found = self.by_url.get(url)
            if found == AMBIGUOUS:
                return self._among(self.url_sharers, url, name)
            # A profile one contact has finds them under another name only if the names
            # share a word (a rename: "Anand K. Rao"), as imports of people match
            # (bulk.py): "Bob Jones" at Jane Doe's profile is someone else.
            if found is not None and (
                name is None or name_words(self.name_keys[found]) & name_words(name)
            ):
                return found
        if name is None:
            return None
        return self._same_profile(self.by_name.get(name), [url] if url else [])

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


def _event_of(key: str) -> str:
    """The event of an occurrence's key "UID|YYYY-MM-DD": its UID (the date is last)."""
    return key.rpartition("|")[0]


class History:
    """Interactions to add, checked against what the database already holds."""

    def __init__(self, directory: Directory | None = None) -> None:
        self.directory = directory or Directory()
        self.touches: list[Touch] = []
        self.messages: list[tuple[date, int, str]] = []  # (day, contact, note): tuples, fast
        self.message_days: set[tuple[int, date]] = set()
        link, interaction = t.InteractionContact, t.Interaction
        query = (
            link.select(link.contact, link.on)
            .join(interaction, on=(link.interaction == interaction.id))
            .where(interaction.kind == "message")
        )
        for row in raw_rows(query):
            self.message_days.add((row["contact_id"], date.fromisoformat(str(row["on"]))))
        cursor = t.Interaction._meta.database.execute_sql(
            'SELECT "key", "interaction_id" FROM "imported_event"'
        )
        # Each key to its interaction (None: deleted in netrack since; or this import's)
        self.keys: dict[str, int | None] = dict(cursor.fetchall())
        self.events: dict[str, str] = {_event_of(key): key for key in self.keys}  # UID → a key
        self._logged: dict[int, tuple[str, str, int, str]] | None = None  # read when first asked
        self.channels: dict[int, str] = {}
        self.met_on: dict[int, tuple[date | None, date]] = {}  # contact: (was, now)
        self._noted: set[tuple[int, date, str]] | None = None  # read when first asked

    def has_message(self, contact_id: int, on: date, note: str = "") -> bool:
        """Whether the contact has (or this import gives them) a message that day, or
        has an interaction of another kind that day whose note is `note` (not blank)."""
        if (contact_id, on) in self.message_days:
            return True
        return bool(note) and (contact_id, on, note) in self._noted_days()

    def _noted_days(self) -> set[tuple[int, date, str]]:
        """(contact, day, note) of every interaction with a note that is no message."""
        if self._noted is None:
            link, interaction = t.InteractionContact, t.Interaction
            query = (
                link.select(link.contact, link.on, interaction.note)
                .join(interaction, on=(link.interaction == interaction.id))
                .where(interaction.kind != "message", interaction.note != "")
            )
            self._noted = {
                (row["contact_id"], date.fromisoformat(str(row["on"])), row["note"])
                for row in raw_rows(query)
            }
        return self._noted

    def add_message(self, contact_id: int, on: date, note: str) -> bool:
        """One `message` interaction with the contact that day, unless there is one
        already; returns whether it was added."""
        if (contact_id, on) in self.message_days:
            return False
        self.message_days.add((contact_id, on))
        self.messages.append((on, contact_id, note))
        return True

    def knows_event(self, touch: Touch, once: bool = False, former: str | None = None) -> bool:
        """Whether the calendar occurrence was imported before (or by this import): its
        key, the key an older netrack gave it (`former`), or (`once`: its event happens
        once) any key of its event."""
        return touch.key is None or self._known_key(touch.key, once, former) is not None

    def _known_key(self, key: str, once: bool, former: str | None) -> str | None:
        if key in self.keys:
            return key
        if former is not None and former in self.keys:
            return former
        return self.events.get(_event_of(key)) if once else None

    def event_as_stored(self, touch: Touch, once: bool = False, former: str | None = None) -> str:
        """How an occurrence an earlier import logged (`knows_event`) stands in netrack:
        "deleted" (its interaction deleted since: not brought back), "differs" (its day,
        kind, minutes or note are not the file's: netrack's kept), else "same"."""
        key = None if touch.key is None else self._known_key(touch.key, once, former)
        interaction = None if key is None else self.keys[key]
        if interaction is None:
            return "deleted"
        if self._logged is None:
            logged = t.ImportedEvent.select(t.ImportedEvent.interaction)
            query = t.Interaction.select(
                t.Interaction.id, t.Interaction.on, t.Interaction.kind,
                t.Interaction.minutes, t.Interaction.note,
            ).where(t.Interaction.id.in_(logged))  # fmt: skip
            self._logged = {
                row["id"]: (str(row["on"])[:10], row["kind"], row["minutes"], row["note"])
                for row in raw_rows(query)
            }
        stored = self._logged.get(interaction)
        file = (touch.on.isoformat(), touch.kind, touch.minutes, touch.note)
        # Known by its UID alone (it happens once): its day is this machine's time
        # zone's, which may not be the one it was imported in
        by_uid = key not in (touch.key, former)
        same = stored is not None and stored[by_uid:] == file[by_uid:]
        return "same" if same else "differs"

    def add_event(self, touch: Touch, once: bool = False, former: str | None = None) -> bool:
        """A calendar occurrence, unless `knows_event`; returns whether it was added."""
        if touch.key is None or self.knows_event(touch, once, former):
            return False
        self.keys[touch.key] = None
        self.events.setdefault(_event_of(touch.key), touch.key)
        self.touches.append(touch)
        return True

    def fill_channel(self, contact_id: int, channel: str) -> bool:
        """Set the contact's channel when it has none; returns whether it changed."""
        row = self.directory.rows[contact_id]
        if row["channel"]:
            return False
        row["channel"] = channel
        self.channels[contact_id] = channel
        return True

    def met_by(self, contact_id: int, on: date) -> bool:
        """Move the contact's met_on to `on` when that is earlier (they had met by then),
        as imports of people do (`bulk`): the earliest day known wins whatever the order
        of the imports, and a later one never moves it; returns whether it moved."""
        row = self.directory.rows[contact_id]
        known = as_date(row["met_on"])
        if known is not None and on >= known:
            return False
        row["met_on"] = on.isoformat()
        was = self.met_on[contact_id][0] if contact_id in self.met_on else known
        self.met_on[contact_id] = (was, on)
        return True

    def flush(self) -> None:
        """Write what was collected: interactions, who took part, calendar keys."""
        # (day, kind, minutes, note, contacts, calendar key), in date order: the date
        # indexes of both tables then grow at their end.
        entries = [
            (touch.on, touch.kind, touch.minutes, touch.note, touch.contact_ids, touch.key)
            for touch in self.touches
        ]
        entries += [(on, "message", 0, note, (cid,), None) for on, cid, note in self.messages]
        entries.sort(key=itemgetter(0))
        # Ids known before the insert: the links and calendar keys need them (see
        # `first_free_id` for why this is safe under the write lock).
        first = first_free_id(t.Interaction)
        ids = range(first, first + len(entries))
        # Each day's text made once: 100,000 messages fall on a few thousand days.
        days = {on: on.isoformat() for on in {entry[0] for entry in entries}}
        # not meaningful, nothing received: `insert_links` relies on it
        interactions = [
            (iid, days[on], kind, minutes, False, "", "", 0, note, uid)
            for iid, (on, kind, minutes, note, _, _), uid in zip(
                ids, entries, new_uids(len(entries)), strict=True
            )
        ]
        links = [
            (iid, cid, days[entry[0]])
            for iid, entry in zip(ids, entries, strict=True)
            for cid in entry[4]
        ]
        keys = [
            (entry[5], iid) for iid, entry in zip(ids, entries, strict=True) if entry[5] is not None
        ]
        bulk_insert(t.Interaction, INTERACTION_COLUMNS, interactions)
        insert_links(links)
        if keys:
            cursor = t.Interaction._meta.database.cursor()
            cursor.executemany(
                param_sql('INSERT INTO "imported_event" ("key", "interaction_id") VALUES (?, ?)'),
                keys,
            )
        for contact_id, channel in self.channels.items():
            t.Contact.update(channel=channel).where(t.Contact.id == contact_id).execute()
        for contact_id, (was, now) in self.met_on.items():
            t.Contact.update(met_on=now).where(t.Contact.id == contact_id).execute()
            if was is not None:  # the strength they were added with moves along, as on edit
                first_strength_follows_met(contact_id, was, now)
        self.touches, self.messages, self.channels, self.met_on = [], [], {}, {}
