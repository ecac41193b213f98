"""The `merged_identities` of a netrack JSON export (schema 15): who each contact merged
away was (`data/merged_identities.py`), with the contact they became by its uid.

Into a new database they come back as they were, so the next export is the same file
and a restored backup still finds KEEP where an import names OTHER. Into a database with
data (another machine's export), each is added to the contact of its uid (the one the
file's record of that uid landed on, else the one netrack holds under it) unless an
equal one is there; one whose contact is found nowhere is skipped and counted. A file
written before they were exported has none: it imports as before.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from netrack.data.merged_identities import (
    EXPORTED,
    add_identities,
    contacts_of_uids,
    held_identities,
    identity_key,
)
from netrack.domain.records import Tally
from netrack.interop.json_fields import Item, RecordError
from netrack.interop.json_imported_events import Refuse

NOT_FOUND = "their contact not found"
_MAX_ID = 2**63 - 1  # the largest id either engine holds


def read_merged_identity(item: Item) -> dict[str, Any]:
    """One record: `contact` (the uid as written; "" for none, as a contact another
    program wrote without one is exported: found nowhere, not refused, so a restore
    is not refused for it) and the `EXPORTED` fields; a RecordError naming the field
    that is wrong. Each field is checked as the same field of a contact record is (the
    name as a name: 300 characters, never blank nor `id:`), as who OTHER was is a
    contact's name, organization and ways to reach them."""
    values: dict[str, Any] = {"contact": item.text("contact")}
    for name in EXPORTED:
        if name == "former_id":
            values[name] = item.whole(name, 0, _MAX_ID) or 0
        elif name == "uid":
            values[name] = item.uid()
        elif name == "name":
            values[name] = item.name(name)
        elif name == "organization":
            values[name] = item.optional_name(name, "organization name")
        else:  # the url as a contact's in a restore: text (one stored before the rule)
            values[name] = item.text(name)
    return values


def merge_merged_identities(
    items: list[Item], landed: Mapping[str, int], pristine: bool, refuse: Refuse
) -> Tally:
    """Add the file's merged identities; `landed`: the contact each uid of the file's
    contacts landed on. Into a new database (`pristine`) every one found is added, in
    the file's order, equal ones too (as the database the file came from held them)."""
    tally = Tally()
    read: list[dict[str, Any]] = []
    for item in items:
        try:
            read.append(read_merged_identity(item))
        except RecordError as error:
            refuse(tally, error)
    held = contacts_of_uids([uid for row in read if (uid := row["contact"]) and uid not in landed])
    have = set() if pristine else held_identities()
    new: list[dict[str, Any]] = []
    for row in read:
        uid = row["contact"]
        contact_id = landed.get(uid, held.get(uid)) if uid else None
        if contact_id is None:
            tally.skip(NOT_FOUND, example=row["name"])
            continue
        key = identity_key(contact_id, row)
        if key in have:
            tally.skip("already in netrack")
            continue
        if not pristine:
            have.add(key)  # never twice, though the file has it twice
        new.append({**row, "contact": contact_id})
        tally.added += 1
    add_identities(new)
    return tally


def landed_by_uid(contacts: list[Item], contact_ids: Mapping[int, int]) -> dict[str, int]:
    """The contact each of the file's contact records landed on, by the record's uid as
    written (`contact_ids`: position → id)."""
    landed: dict[str, int] = {}
    for position, item in enumerate(contacts, 1):
        uid, ref = item.data.get("uid"), item.data.get("ref", position)
        if isinstance(uid, str) and isinstance(ref, int) and ref in contact_ids:
            landed.setdefault(uid, contact_ids[ref])
    return landed
