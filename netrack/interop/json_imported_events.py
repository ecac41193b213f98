"""The `imported_events` of a netrack JSON export: which calendar occurrences `import ics`
logged (`{uid, on, interaction}`, the interaction by its position in `interactions`).

They come back with the history they made, so importing the same calendar into the
database the export fills adds nothing (SPEC: "Running it again adds nothing"), and a
meeting deleted after it was imported (`interaction` null) stays deleted. A file written
before they were exported has none: it imports as before.
"""

from __future__ import annotations

from collections.abc import Callable

from netrack.data.merge_rows import MergeRows
from netrack.domain import validate
from netrack.domain.records import Tally
from netrack.interop.json_fields import Item, RecordError

# The interaction a position landed on (None for none); a RecordError when it was skipped
# or is not in the file.
Resolve = Callable[[Item, int | None], int | None]
Refuse = Callable[[Tally, RecordError], None]  # counts and lists a skipped record


def read_imported_event(item: Item) -> tuple[str, int | None]:
    """(the key `import ics` keeps: "UID|YYYY-MM-DD", the interaction's position)."""
    if not isinstance(item.raw, dict):
        raise item.fail("", f"expected an object, found {validate.shown(item.raw)}")
    uid = item.data.get("uid")
    if uid is None or uid == "":
        raise item.fail("uid", "the calendar event's UID is required")
    if not isinstance(uid, str):
        raise item.fail("uid", f"expected text, found {validate.shown(uid)}")
    item.checked("uid", validate.event_uid, uid)
    day = item.day("on", required=True)
    assert day is not None  # required
    return f"{uid}|{day.isoformat()}", item.ref("interaction")


def merge_imported_events(
    items: list[Item], rows: MergeRows, resolve: Resolve, refuse: Refuse
) -> Tally:
    """Add the occurrences not kept yet; a record whose interaction was skipped is skipped
    too (its meeting is not in the database, so a later `import ics` may bring it)."""
    tally = Tally()
    have = rows.imported_event_keys()
    new: list[tuple[str, int | None]] = []
    for item in items:
        try:
            key, ref = read_imported_event(item)
            interaction = resolve(item, ref)
        except RecordError as error:
            refuse(tally, error)
            continue
        if key in have:
            tally.skip("already in netrack")
            continue
        have.add(key)
        new.append((key, interaction))
        tally.added += 1
    rows.add_imported_events(new)
    return tally
