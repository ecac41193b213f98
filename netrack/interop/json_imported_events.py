"""The `imported_events` of a netrack JSON export: what imports of history keep to know
what they logged (`domain.import_keys`), each with its interaction by its position in
`interactions`:

- `{uid, on, interaction}`: a calendar occurrence `import ics` logged, by its event's
  UID and day;
- `{uid, at, interaction}`: the same by its instant in UTC (`2026-11-02T23:00:00Z`), for
  an occurrence at a time with a zone (a file written before they were kept has none);
- `{messages, interaction}`: the LinkedIn messages a `message` interaction was logged
  for, by the marks of the first and last (`import_keys`: a time in UTC and a print of
  the message, `2026-11-10T23:30:00Z#1a2b3c4d5e6f/2026-11-10T23:45:00Z#…`).

They come back with the history they made, so importing the same calendar or messages
into the database the export fills adds nothing (SPEC: "Running it again adds nothing"),
whatever the time zone, and a meeting deleted after it was imported (`interaction`
null) stays deleted. A file written before they were exported has none: it imports as
before.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from netrack.data.merge_rows import MergeRows
from netrack.domain import validate
from netrack.domain.import_keys import instant_of, is_instant, messages_key, span_of, zone_days
from netrack.domain.records import Tally
from netrack.interop.json_fields import Item, RecordError

# The interaction a position landed on (None for none); a RecordError when it was skipped
# or is not in the file.
Resolve = Callable[[Item, int | None], int | None]
Refuse = Callable[[Tally, RecordError], None]  # counts and lists a skipped record


class Kept(NamedTuple):
    """One record: its key (for messages "FIRST/LAST", keyed once the uid of their
    interaction is known), the interaction's position, whether it is messages."""

    key: str
    interaction: int | None
    messages: bool = False


def read_imported_event(item: Item) -> Kept:
    """One record of `imported_events`; a RecordError naming the field that is wrong."""
    if not isinstance(item.raw, dict):
        raise item.fail("", f"expected an object, found {validate.shown(item.raw)}")
    calendar = [name for name in ("uid", "at", "on") if item.data.get(name) is not None]
    if "messages" in item.data:
        # Which key would be kept is no guess to make: a calendar's, or the messages'
        if calendar:
            raise item.fail("", "an entry has either uid/at/on or messages, not both")
        span = item.data["messages"]
        if not isinstance(span, str) or span_of(span) is None:
            raise item.fail(
                "messages",
                "expected FIRST/LAST marks of messages (each a time in UTC, # and 12"
                f" hexadecimal digits), found {_shown(span)}",
            )
        return Kept(span, item.ref("interaction", required=True), messages=True)
    uid = item.data.get("uid")
    if uid is None or uid == "":
        raise item.fail("uid", "the calendar event's UID is required")
    if not isinstance(uid, str):
        raise item.fail("uid", f"expected text, found {validate.shown(uid)}")
    item.checked("uid", validate.event_uid, uid)
    if "at" in item.data:
        at = item.data["at"]
        if not isinstance(at, str):
            raise item.fail("at", f"expected a time (YYYY-MM-DDTHH:MM:SSZ), found {_shown(at)}")
        if not is_instant(at):
            raise item.fail("at", f"bad time {validate.shown(at)} (expected YYYY-MM-DDTHH:MM:SSZ)")
        if "on" in calendar:  # one of the two would be dropped unsaid
            raise item.fail("", "an entry has either at (a time) or on (a day), not both")
        return Kept(f"{uid}|{at}", item.ref("interaction"))
    day = item.day("on", required=True)
    assert day is not None  # required
    return Kept(f"{uid}|{day.isoformat()}", item.ref("interaction"))


def _shown(value: object) -> str:
    """A value as the file wrote it: JSON's null is no Python None to its reader."""
    return "null" if value is None else validate.shown(value)


def merge_imported_events(
    items: list[Item], rows: MergeRows, resolve: Resolve, refuse: Refuse
) -> Tally:
    """Add the keys not kept yet; a record whose interaction was skipped is skipped too
    (its meeting is not in the database, so a later `import ics` may bring it). The
    tally counts calendar occurrences (`_occurrences`), not the keys kept for them."""
    tally = Tally()
    have = rows.imported_event_keys()
    found: list[tuple[Kept, int | None]] = []
    for item in items:
        try:
            kept = read_imported_event(item)
            found.append((kept, resolve(item, kept.interaction)))
        except RecordError as error:
            refuse(tally, error)
    # Messages are keyed on their interaction's uid: the one it has in this database
    uids = rows.interaction_uids([iid for kept, iid in found if kept.messages and iid])
    new: list[tuple[str, int | None]] = []
    outcomes: list[tuple[Kept, int | None, str]] = []  # "" for a key added
    for kept, interaction in found:
        key = kept.key
        if kept.messages:
            if interaction is not None and interaction in uids:
                key = messages_key(uids[interaction], *kept.key.split("/"))
                if key not in have:
                    have.add(key)
                    new.append((key, interaction))
            continue  # kept with LinkedIn messages, which are no calendar events
        if key in have:
            outcomes.append((kept, interaction, "already in netrack"))
            continue
        have.add(key)
        new.append((key, interaction))
        outcomes.append((kept, interaction, ""))
    rows.add_imported_events(new)
    for reasons in _occurrences(outcomes).values():
        if "" in reasons:
            tally.added += 1
        else:
            tally.skip(reasons[0])
    return tally


def _occurrences(outcomes: list[tuple[Kept, int | None, str]]) -> dict[object, list[str]]:
    """The outcomes of the calendar keys by the occurrence they are of, as a person
    counts them against the calendar: a timed meeting is kept by its day and by its
    instant, and two of a series on one day share one interaction (one per event per
    day). A deleted one's keys name no interaction: its instant goes with its event's
    day key on a day that instant falls on somewhere (`zone_days`)."""
    deleted_days = {kept.key for kept, interaction, _ in outcomes if interaction is None}
    found: dict[object, list[str]] = {}
    for kept, interaction, reason in outcomes:
        uid, _, last = kept.key.rpartition("|")
        unit: object = (uid, interaction)
        if interaction is None:
            unit = kept.key
            if is_instant(last):
                days = (f"{uid}|{day.isoformat()}" for day in zone_days(instant_of(kept.key)))
                unit = next((day for day in days if day in deleted_days), kept.key)
        found.setdefault(unit, []).append(reason)
    return found
