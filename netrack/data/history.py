"""Writing imported history in bulk: interactions found in LinkedIn messages and calendars,
and what LinkedIn invitations tell about contacts.

The importers of history (interop/linkedin_history.py, interop/calendar.py) find people
with `Directory` and hand `Touch`es to `History`, which writes them with one
`executemany` per table, inside the caller's transaction (`repo.writing()`). Who a row
is about: `Directory` (data/directory.py).

What makes a re-import add nothing:

- a LinkedIn conversation: one `message` interaction per contact per day, so a contact
  who already has a `message` interaction that day (imported or typed) gets none, nor
  one who has an interaction of another kind that day with the note it would have (an
  imported message the user made a call since: nothing marks it imported but its note).
  A `message` interaction an import adds keeps the times (UTC) of the messages it was
  logged for (`import_keys.messages_key`): on a machine in another zone they fall on
  other days, and that interaction is still theirs;
- a calendar occurrence: its key (the event's UID and the occurrence's date) is kept in
  the `imported_event` table (schema m005), whether or not its interaction still exists.
  A moved occurrence (RECURRENCE-ID) is keyed on the date of the one it replaces, so a
  newer export that moved it again names the same occurrence; before, it was keyed on
  the day it was moved to, which a re-import still recognises (`former`).
  An event that happens once is known by its UID alone: its date is the day this
  machine's time zone puts it on, and imported again in another zone it fell on another.
  An occurrence of a series at a time with a zone is keyed on its instant too (`instant`),
  and an older netrack's day key of it in another zone is recognised where it can be no
  other occurrence's (`elsewhere`, interop/calendar_keys.py). Its instant key is looked
  for first, and a day key stored for another occurrence's instant is not its (`taken`):
  west of UTC a daily call's day is the day key of the one before.
"""

from __future__ import annotations

from collections.abc import Container
from datetime import date, datetime
from operator import itemgetter
from typing import Any, NamedTuple

from netrack.data import tables as t
from netrack.data.bulk_rows import bulk_insert, first_free_id
from netrack.data.directory import AMBIGUOUS, Directory
from netrack.data.engines import param_sql
from netrack.data.link_batch import insert_links
from netrack.data.message_spans import Spans, marks, message_days, message_spans
from netrack.data.repo.base import as_date
from netrack.data.repo.strength_history import first_strength_follows_met
from netrack.data.table_rows import raw_rows
from netrack.data.uids import new_uids
from netrack.domain.import_keys import (
    day_here,
    event_of,
    instant_of,
    is_calendar_key,
    is_instant_key,
    message_print,
    messages_key,
    moved_as_logged,
    one_day,
    zone_days,
)

__all__ = ["AMBIGUOUS", "Directory", "History", "Touch"]

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


# An interaction `flush` writes: (day, kind, minutes, note, contacts, calendar keys,
# [time, said] of the first and last messages it is logged for, or None)
_Entry = tuple[date, str, int, str, tuple[int, ...], tuple[str, ...], list[Any] | None]
Said = tuple[str, str, str]  # a message's sender, their profile URL, its text


class Touch(NamedTuple):
    """One calendar occurrence to log: the day, its kind, minutes, note, who; `key` the
    occurrence's (its event's UID and day), and what else an earlier import may have
    known it by (module docstring)."""

    on: date
    kind: str
    contact_ids: tuple[int, ...]
    minutes: int = 0
    note: str = ""
    key: str | None = None
    once: bool = False  # its event happens once: any key of its UID is its
    former: str | None = None  # an older netrack's key of a moved occurrence
    instant: str | None = None  # its key by instant, written beside `key`
    elsewhere: tuple[str, ...] = ()  # keys of it from an import in another zone
    # The instant keys of the file's occurrences (one set, shared): a day key stored
    # with another of them is that occurrence's (`History.taken`)
    in_file: Container[str] = frozenset()
    # A moved occurrence's start, when it has a zone (`import_keys.moved_as_logged`)
    moved_start: datetime | None = None


class History:
    """Interactions to add, checked against what the database already holds."""

    def __init__(self, directory: Directory | None = None) -> None:
        self.directory = directory or Directory()
        self.touches: list[Touch] = []
        self.touch_keys: list[tuple[str, ...]] = []  # the keys each touch is written with
        self.pending: dict[str, int] = {}  # the day key of each touch: its index
        self.messages: list[tuple[date, int, str]] = []  # (day, contact, note): tuples, fast
        spans = message_spans()
        # (contact, day) of a `message` interaction that keeps no times of its messages
        # (typed, an older netrack's), or that this import adds: no other that day; and
        # of one that keeps them, their (first, last) times (`message_day_taken`)
        self.message_days, self.untimed_notes, self.timed_days = message_days(spans)
        # (day here, note) of the import's messages (`claim_days`)
        self.claimed: set[tuple[date, str]] = set()
        cursor = t.Interaction._meta.database.execute_sql(
            'SELECT "key", "interaction_id" FROM "imported_event"'
        )
        # Each key to its interaction (None: deleted in netrack since; or this import's)
        self.keys: dict[str, int | None] = dict(cursor.fetchall())
        self.events: dict[str, str] = {
            event_of(key): key for key in self.keys if is_calendar_key(key)
        }  # UID → a key
        self.spans = Spans([(span[1], span[3], span[4], span[5]) for span in spans])
        # The stored instant keys (`History.taken`): each interaction's; and each
        # event's whose interaction is deleted (before this import adds any key)
        self.instants: dict[int, list[str]] = {}
        self.deleted_instants: dict[str, list[str]] = {}
        for key, named in self.keys.items():
            if is_instant_key(key):
                if named is None:
                    self.deleted_instants.setdefault(event_of(key), []).append(key)
                else:
                    self.instants.setdefault(named, []).append(key)
        # (contact, day) of a message this import adds: [time, said] of its first and last
        self.new_spans: dict[tuple[int, date], list[Any]] = {}
        self._logged: dict[int, tuple[str, str, int, str]] | None = None  # read when first asked
        self.channels: dict[int, str] = {}
        self.met_on: dict[int, tuple[date | None, date]] = {}  # contact: (was, now)
        self._noted: set[tuple[int, date, str]] | None = None  # read when first asked

    def has_message(self, contact_id: int, on: date, note: str = "", at: str = "") -> bool:
        """Whether the contact has (or this import gives them) a message that day (the
        day of the message at `at` in UTC, if given: `message_day_taken`), or has an
        interaction of another kind that day whose note is `note` (not blank). Or, for
        a message at `at`, an interaction without times of messages whose note is
        `note` on another day a zone puts `at` on (`zone_days`), a day none of the
        import's messages with that note is on here (`claim_days`): an older netrack
        logged it in another zone (a message at 11:00 UTC is the next day in Kiritimati)."""
        if self.message_day_taken(contact_id, on, at):
            return True
        if not note:
            return False
        noted = self._noted_days()
        if (contact_id, on, note) in noted:
            return True
        return bool(at) and any(
            (contact_id, day, note) in self.untimed_notes or (contact_id, day, note) in noted
            for day in zone_days(instant_of(at))
            if day != on and (day, note) not in self.claimed
        )

    def claim_days(self, claimed: set[tuple[date, str]]) -> None:
        """The (day here, note) of each message of the import: an interaction with that
        note that day is that message's, not a neighbouring day's (`has_message`)."""
        self.claimed = claimed

    def message_day_taken(self, contact_id: int, on: date, at: str = "") -> bool:
        """Whether a `message` interaction with the contact that day stands for the day of
        the message at `at`: any, unless it keeps the times of its messages and no zone
        puts them and `at` on that day (in Pago Pago, the 22nd's message at 00:30 UTC is
        the 21st's; UTC's 21st is another day's there)."""
        if (contact_id, on) in self.message_days:
            return True
        spans = self.timed_days.get((contact_id, on), ())
        return any(not at or one_day(on, first, last, at) for first, last in spans)

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

    def add_message(
        self, contact_id: int, on: date, note: str, at: str = "", said: Said = ("", "", "")
    ) -> bool:
        """One `message` interaction with the contact that day, unless there is one
        already; returns whether it was added. `at`: the message's time in UTC, if any;
        `said`: its sender, their profile and its text."""
        if self.message_day_taken(contact_id, on, at):
            return False
        self.message_days.add((contact_id, on))
        self.messages.append((on, contact_id, note))
        if at:
            self.new_spans[contact_id, on] = [at, said, at, said]
        return True

    def message_known(self, contact_id: int, at: str, said: Said) -> bool:
        """Whether an earlier import logged this message (at `at` in UTC, `said`) with
        the contact, or one its interaction stands for (`Spans.find`), on whatever day
        its machine's zone put it."""
        return self.spans.find(contact_id, at, message_print(*said))

    def spread(self, contact_id: int, on: date, at: str, said: Said) -> None:
        """Another message for the interaction this import adds with the contact that
        day, if it adds one: it may be the first or the last of them."""
        span = self.new_spans.get((contact_id, on))
        if span is not None:
            if at < span[0]:
                span[0], span[1] = at, said
            elif at > span[2]:
                span[2], span[3] = at, said

    def knows_event(self, touch: Touch) -> bool:
        """Whether the calendar occurrence was imported before (or by this import): its
        key, the key an older netrack gave it (`former`), a key of it from a machine in
        another zone (`elsewhere`), or (`once`: its event happens once) any key of its
        event."""
        return touch.key is None or self._known_key(touch) is not None

    def _known_key(self, touch: Touch) -> str | None:
        # Its instant first: in another zone its day can be another occurrence's day key
        # (a daily call at 00:30 UTC is the evening before in Pago Pago)
        if touch.instant is not None and touch.instant in self.keys:
            return touch.instant
        for key in (touch.key, touch.former, *touch.elsewhere):
            if key is not None and key in self.keys and not self.taken(key, touch):
                return key
        return self.events.get(event_of(touch.key or "")) if touch.once else None

    def taken(self, key: str, touch: Touch) -> bool:
        """Whether the stored day key `key` is another occurrence's of the file: its
        interaction was stored with the instant of another occurrence, which this
        machine's zone puts on another day (on the same day, the two share it: one
        interaction per event per day). Once that interaction is deleted, its keys name
        none: another such occurrence's instant key kept deleted, whose day could be
        `key`'s in some zone, takes it."""
        if touch.instant is None or is_instant_key(key):
            return False
        day = date.fromisoformat(key.rpartition("|")[2])
        interaction = self.keys[key]
        if interaction is None:
            others = self.deleted_instants.get(event_of(key), [])
        else:
            others = self.instants.get(interaction, [])
        return any(
            other != touch.instant
            and other in touch.in_file
            and day_here(moment := instant_of(other)) != day
            and (interaction is not None or day in zone_days(moment))
            for other in others
        )

    def event_as_stored(self, touch: Touch) -> str:
        """How an occurrence an earlier import logged (`knows_event`) stands in netrack:
        "deleted" (its interaction deleted since: not brought back), "differs" (its day,
        kind, minutes or note are not the file's: netrack's kept), else "same"."""
        key = None if touch.key is None else self._known_key(touch)
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
        # Known by its UID alone (it happens once) or by a key of another zone: its day is
        # this machine's time zone's, which may not be the one it was imported in. Its
        # day is compared when its day key here is its interaction's too.
        other_zone = not any(
            day_key is not None and self.keys.get(day_key) == interaction
            for day_key in (touch.key, touch.former)
        )
        same = stored is not None and stored[other_zone:] == file[other_zone:]
        if not same and not other_zone and stored is not None and stored[1:] == file[1:]:
            on = date.fromisoformat(stored[0])  # a moved one, as another zone's import logged it
            same = moved_as_logged(touch.instant, touch.key, touch.moved_start, on)
        return "same" if same else "differs"

    def add_event(self, touch: Touch) -> bool:
        """A calendar occurrence, unless `knows_event`; returns whether it was added.
        Its day key is written unless another occurrence's has it (`taken`): its
        instant key then names it alone."""
        if touch.key is None or self.knows_event(touch):
            return False
        written = tuple(key for key in (touch.key, touch.instant) if key and key not in self.keys)
        for key in written:
            self.keys[key] = None
        self.events.setdefault(event_of(touch.key), touch.key)
        self.pending[touch.key] = len(self.touches)
        self.touches.append(touch)
        self.touch_keys.append(written)
        return True

    def fold_event(self, touch: Touch) -> None:
        """An occurrence on the day of another of its event that this import adds (one
        interaction per event per day): its instant key names that interaction too, so
        that a zone putting the two on other days knows it rather than adding it."""
        index = self.pending.get(touch.key or "")
        if index is not None and touch.instant is not None and touch.instant not in self.keys:
            self.keys[touch.instant] = None
            self.touch_keys[index] += (touch.instant,)

    def known_interaction(self, touch: Touch) -> int | None:
        """The interaction a known occurrence (`knows_event`) is stored with, if any."""
        key = None if touch.key is None else self._known_key(touch)
        return None if key is None else self.keys[key]

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
        # (day, kind, minutes, note, contacts, calendar keys, messages' span), in date
        # order: the date indexes of both tables then grow at their end.
        entries: list[_Entry] = [
            (touch.on, touch.kind, touch.minutes, touch.note, touch.contact_ids, keys, None)
            for touch, keys in zip(self.touches, self.touch_keys, strict=True)
        ]
        spans = self.new_spans
        entries += [
            (on, "message", 0, note, (cid,), (), spans.get((cid, on)))
            for on, cid, note in self.messages
        ]
        entries.sort(key=itemgetter(0))
        # Ids known before the insert: the links and calendar keys need them (see
        # `first_free_id` for why this is safe under the write lock).
        first = first_free_id(t.Interaction)
        ids = range(first, first + len(entries))
        uids = new_uids(len(entries))
        # Each day's text made once: 100,000 messages fall on a few thousand days.
        days = {on: on.isoformat() for on in {entry[0] for entry in entries}}
        # not meaningful, nothing received: `insert_links` relies on it
        interactions = [
            (iid, days[on], kind, minutes, False, "", "", 0, note, uid)
            for iid, (on, kind, minutes, note, *_), uid in zip(ids, entries, uids, strict=True)
        ]
        links = [
            (iid, cid, days[entry[0]])
            for iid, entry in zip(ids, entries, strict=True)
            for cid in entry[4]
        ]
        keys = [(key, iid) for iid, entry in zip(ids, entries, strict=True) for key in entry[5]]
        keys += [
            (messages_key(uid, *marks(entry[6])), iid)
            for iid, entry, uid in zip(ids, entries, uids, strict=True)
            if entry[6] is not None
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
        self.touch_keys, self.pending = [], {}
        self.new_spans = {}
