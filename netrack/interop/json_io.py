"""`netrack export json`: everything, in a form that imports back byte for byte.

Rows are written in id order with their references as *positions* (`ref`, 1-based) and
organizations by name, never as database ids. Interactions, referrals and time entries
carry their `uid` (schema 12), organizations, contacts and campaigns theirs (schema 13),
by which an import finds them however they were edited or renamed; a merged identity
(schema 15) names its contact by that uid. Importing into an
empty database inserts
rows in that same order, so ids may differ but every position — and so every byte of the
next export — is the same. No timestamps go in: two exports of the same data are equal.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

from netrack.data.merged_identities import exported_identities
from netrack.data.repo import Repo
from netrack.data.table_rows import (
    key_array,
    refers_to_missing,
    rows_between,
    rows_in_chunks,
    table_rows,
)
from netrack.domain.errors import StorageError
from netrack.domain.import_keys import exported
from netrack.domain.setting_words import exported_setting
from netrack.interop.json_text import Chunks, document_bytes

FORMAT = "netrack"
MERGED_IDENTITIES_SINCE = 15  # the schema that keeps who a merged-away contact was
LOGGED_ON_SINCE = 16  # the schema that keeps the day a time entry or referral was typed
GOAL_UNTIL_SINCE = 17  # the schema that keeps the day a goal ends
# Rows read, turned into records and written at a time: the export holds a few such
# chunks, not the history (a million interactions made 4 GB when built whole).
CHUNK = 2000

# The references an export writes as a position, and so cannot write when the row they
# name is gone (another program deleted it with foreign keys off).
_NAMED = (
    ("campaign", "organization"),
    ("campaign_contact", "contact"),
    ("interaction_contact", "contact"),
    ("referral", "contact"),
)


def iso(value: date | str | None) -> str | None:
    if value is None or value == "":
        return None
    return value.isoformat() if isinstance(value, date) else str(value)[:10]


def _rows(table: str, *order: str) -> list[dict[str, Any]]:
    return table_rows(table, *order)


@contextmanager
def export_bytes(repo: Repo) -> Iterator[Iterator[bytes]]:
    """Within: the export as indented UTF-8 JSON text ending in a newline (see the
    module docstring), in pieces of about a megabyte read from one snapshot as they are
    written. A row that names one that is gone is a StorageError on entering, before a
    byte is written; the snapshot ends with the block, however the writing went."""
    with repo.store.reading():
        _refuse_dangling(repo)
        yield document_bytes(_members(repo))


def export_document(repo: Repo) -> dict[str, Any]:
    """The whole database as plain JSON-ready data, what `export_bytes` writes, read in
    one snapshot."""
    with repo.store.reading():
        _refuse_dangling(repo)
        return {
            key: value.whole() if isinstance(value, Chunks) else value
            for key, value in _members(repo)
        }


def _refuse_dangling(repo: Repo) -> None:
    named: tuple[tuple[str, str], ...] = _NAMED
    if repo.store.schema_version() >= MERGED_IDENTITIES_SINCE:
        named += (("merged_identity", "contact"),)
    if any(refers_to_missing(table, field) for table, field in named):
        raise StorageError(
            f"{repo.store.location} has rows that refer to rows that are gone (another "
            "program deleted them): `netrack doctor` lists them, `--fix` mends them"
        )


class _Positions:
    """Each row's `ref`: its 1-based position in id order, found by bisection in the
    packed ids (a dictionary of every id is ~100 bytes a row)."""

    def __init__(self, ids: array[int]) -> None:
        self._ids = ids

    def __getitem__(self, key: int) -> int:
        at = bisect_left(self._ids, key)
        if at == len(self._ids) or self._ids[at] != key:
            raise KeyError(key)
        return at + 1

    def get(self, key: int | None) -> int | None:
        if key is None:
            return None
        try:
            return self[key]
        except KeyError:
            return None


def _grouped(
    rows: list[dict[str, Any]], by: str, item: Callable[[dict[str, Any]], Any]
) -> dict[int, list[Any]]:
    """`item` of each row, listed under the row's `by`, in the rows' order."""
    groups: dict[int, list[Any]] = {}
    for row in rows:
        groups.setdefault(row[by], []).append(item(row))
    return groups


def _members(repo: Repo) -> Iterator[tuple[str, Any]]:
    """The document's keys and values in order, its long lists as `Chunks` read as they
    are written."""
    orgs = {r["id"]: r["name"] for r in _rows("organization")}
    contacts = _Positions(key_array("contact"))
    campaigns = _Positions(key_array("campaign"))
    # The interactions' positions an imported event names, noted as they are written.
    events = table_rows("imported_event")
    named: dict[int, int | None] = {row["interaction"]: None for row in events}
    yield "format", FORMAT
    yield "schema_version", repo.store.schema_version()
    yield (
        "settings",
        {r["key"]: exported_setting(r["key"], r["value"]) for r in _rows("setting", "key")},
    )
    # Schema 17: each goal's last day, its last key (an older schema has none).
    ends = repo.store.schema_version() >= GOAL_UNTIL_SINCE
    yield (
        "goals",
        [
            {
                **{k: r[k] for k in ("metric", "target", "comparator", "period", "note")},
                "since": iso(r["since"]),
                **({"until": iso(r["until"])} if ends else {}),
            }
            for r in _rows("goal")
        ],
    )
    yield (
        "organizations",
        [
            {k: r[k] for k in ("uid", "name", "industry", "size_band", "location", "notes")}
            for r in _rows("organization")
        ],
    )
    yield "contacts", Chunks(_contacts(orgs, contacts))
    yield "campaigns", Chunks(_campaigns(orgs, contacts, campaigns))
    yield "interactions", Chunks(_interactions(contacts, campaigns, named))
    # Schema 16: the day each was typed in, the last key (an older schema has none).
    logged = repo.store.schema_version() >= LOGGED_ON_SINCE
    yield "referrals", Chunks(_referrals(contacts, campaigns, logged))
    yield "time_entries", Chunks(_time_entries(campaigns, logged))
    yield "imported_events", Chunks(_imported_events(events, named))
    # Schema 15: who each merged-away contact was, so an import into the database this
    # file fills still finds the contact they became (a server's backup is this file).
    # A database of an older schema has no such table, and its export no such key.
    if repo.store.schema_version() >= MERGED_IDENTITIES_SINCE:
        yield "merged_identities", exported_identities()


def _contacts(orgs: dict[int, str], contacts: _Positions) -> Iterator[list[dict[str, Any]]]:
    for chunk in rows_in_chunks("contact", CHUNK):
        first, last = chunk[0]["id"], chunk[-1]["id"]
        tags = _grouped(
            rows_between("contact_tag", "contact", first, last, "tag", columns=("contact", "tag")),
            "contact",
            lambda row: row["tag"],
        )
        strengths = _grouped(
            rows_between("strength_change", "contact", first, last, "contact", "on", "id"),
            "contact",
            lambda row: {"on": iso(row["on"]), "strength": row["strength"]},
        )
        yield [
            {
                "ref": contacts[r["id"]],
                "uid": r["uid"],  # schema 13: the contact, however renamed since
                "name": r["name"],
                "organization": orgs.get(r["organization"]),
                **{k: r[k] for k in ("title", "function", "industry", "location", "email")},
                **{k: r[k] for k in ("phone", "url", "channel")},
                "met_on": iso(r["met_on"]),
                "introduced_by": contacts.get(r["introduced_by"]),
                "strength": r["strength"],
                "tags": tags.get(r["id"], []),
                "notes": r["notes"],
                "archived": bool(r["archived"]),
                "keep_in_touch": r["keep_in_touch"],
                "strength_history": strengths.get(r["id"], []),
            }
            for r in chunk
        ]


def _campaigns(
    orgs: dict[int, str], contacts: _Positions, campaigns: _Positions
) -> Iterator[list[dict[str, Any]]]:
    for chunk in rows_in_chunks("campaign", CHUNK):
        first, last = chunk[0]["id"], chunk[-1]["id"]
        links = _grouped(
            rows_between("campaign_contact", "campaign", first, last),
            "campaign",
            lambda row: {"contact": contacts[row["contact"]], "role": row["role"]},
        )
        history = _grouped(
            rows_between("stage_change", "campaign", first, last, "on", "id"),
            "campaign",
            lambda row: {
                "from": row["from_stage"],
                "to": row["to_stage"],
                "on": iso(row["on"]),
                "note": row["note"],
                "reason": row["reason"],
            },
        )
        yield [
            {
                "ref": campaigns[r["id"]],
                "uid": r["uid"],  # schema 13: the campaign, however re-titled since
                "title": r["title"],
                "organization": orgs[r["organization"]],
                **{k: r[k] for k in ("source", "priority", "url", "notes")},
                "opened_on": iso(r["opened_on"]),
                "stage": r["stage"],
                "stage_since": iso(r["stage_since"]),
                "lost_reason": r["lost_reason"],
                **{k: r[k] for k in ("location", "compensation")},
                "deadline": iso(r["deadline"]),
                "documents": r["documents"],
                "contacts": sorted(links.get(r["id"], []), key=lambda link: link["contact"]),
                "history": history.get(r["id"], []),
            }
            for r in chunk
        ]


def _interactions(
    contacts: _Positions, campaigns: _Positions, named: dict[int, int | None]
) -> Iterator[list[dict[str, Any]]]:
    """The interactions' records; the position of each one an imported event names is
    noted in `named`."""
    written = 0
    for chunk in rows_in_chunks("interaction", CHUNK):
        first, last = chunk[0]["id"], chunk[-1]["id"]
        people = _grouped(
            rows_between("interaction_contact", "interaction", first, last),
            "interaction",
            lambda row: contacts[row["contact"]],
        )
        for position, r in enumerate(chunk, written + 1):
            if r["id"] in named:
                named[r["id"]] = position
        written += len(chunk)
        yield [
            {
                "uid": r["uid"],  # schema 12: the record, however it is edited since
                "on": iso(r["on"]),
                "kind": r["kind"],
                "contacts": people.get(r["id"], []),
                "minutes": r["minutes"],
                "campaign": campaigns.get(r["campaign"]),
                "meaningful": bool(r["meaningful"]),
                "value_received": r["value_received"],
                "value_given": r["value_given"],
                "cost": r["cost_cents"] / 100,
                "follow_up_on": iso(r["follow_up_on"]),
                # A done day whose follow-up was removed (an edit kept it until the
                # edit cleared both): not written, as nothing reads it and an import
                # refuses a done day without a follow-up.
                "follow_up_done_on": iso(r["follow_up_done_on"]) if r["follow_up_on"] else None,
                # Derived, as in `export csv` (import ignores it: the triggers close it
                # again): the day a later touch closed it. Above is only the day it was
                # marked done; done is the earlier of the two, which is what `interaction
                # list` and `followup list` call `follow_up_done_on` and `done_on`.
                "follow_up_closed_on": (
                    iso(r["follow_up_closed_on"]) if r["follow_up_on"] else None
                ),
                "note": r["note"],
                "logged_on": iso(r["logged_on"]),  # schema 7; null: imported history
            }
            for r in chunk
        ]


def _with_logged_on(
    records: list[dict[str, Any]], rows: list[dict[str, Any]], logged: bool
) -> list[dict[str, Any]]:
    """`records` (one per row), each ending with its row's `logged_on` when `logged`
    (schema 16; null: logged on its own date, a row from before it)."""
    if logged:
        for record, row in zip(records, rows, strict=True):
            record["logged_on"] = iso(row["logged_on"])
    return records


def _referrals(
    contacts: _Positions, campaigns: _Positions, logged: bool
) -> Iterator[list[dict[str, Any]]]:
    for chunk in rows_in_chunks("referral", CHUNK):
        records = [
            {
                "uid": r["uid"],
                "contact": contacts[r["contact"]],
                "direction": r["direction"],
                "on": iso(r["on"]),
                "campaign": campaigns.get(r["campaign"]),
                "note": r["note"],
            }
            for r in chunk
        ]
        yield _with_logged_on(records, chunk, logged)


def _time_entries(campaigns: _Positions, logged: bool) -> Iterator[list[dict[str, Any]]]:
    for chunk in rows_in_chunks("time_entry", CHUNK):
        records = [
            {
                "uid": r["uid"],
                "on": iso(r["on"]),
                "minutes": r["minutes"],
                "category": r["category"],
                "campaign": campaigns.get(r["campaign"]),
                "note": r["note"],
            }
            for r in chunk
        ]
        yield _with_logged_on(records, chunk, logged)


def _imported_events(
    events: list[dict[str, Any]], named: dict[int, int | None]
) -> Iterator[list[dict[str, Any]]]:
    """The calendar occurrences `import ics` logged, so that importing the calendar again
    into the database this file fills adds nothing (SPEC). Sorted here, not by SQL: a
    server's collation would order the keys otherwise than SQLite. Read once the
    interactions are written (`named` holds their positions then). Their shapes:
    `import_keys.exported`."""
    yield [
        record
        for row in sorted(events, key=lambda row: row["key"])
        if (record := exported(row["key"], named.get(row["interaction"])))
    ]
