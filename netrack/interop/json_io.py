"""`netrack export json`: everything, in a form that imports back byte for byte.

Rows are written in id order with their references as *positions* (`ref`, 1-based) and
organizations by name, never as database ids. Importing into an empty database inserts
rows in that same order, so ids may differ but every position — and so every byte of the
next export — is the same. No timestamps go in: two exports of the same data are equal.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from netrack.data.repo import Repo
from netrack.data.repo.goals import exported_setting
from netrack.data.table_rows import table_rows
from netrack.domain.errors import StorageError

FORMAT = "netrack"


def iso(value: date | str | None) -> str | None:
    if value is None or value == "":
        return None
    return value.isoformat() if isinstance(value, date) else str(value)[:10]


def schema_of(document: str) -> int:
    return int(json.loads(document)["schema_version"])


def _rows(table: str, *order: str) -> list[dict[str, Any]]:
    return table_rows(table, *order)


def export_document(repo: Repo) -> dict[str, Any]:
    """The whole database as plain JSON-ready data (see the module docstring), read in
    one snapshot."""
    with repo.store.reading():
        try:
            return _document(repo)
        except KeyError:  # a row that names one that is gone: said, not a crash
            raise StorageError(
                f"{repo.store.location} has rows that refer to rows that are gone (another "
                "program deleted them): `netrack doctor` lists them, `--fix` mends them"
            ) from None


def _document(repo: Repo) -> dict[str, Any]:
    orgs = {r["id"]: r["name"] for r in _rows("organization")}
    contacts = _rows("contact")
    contact_ref = {row["id"]: n for n, row in enumerate(contacts, 1)}
    campaigns = _rows("campaign")
    campaign_ref = {row["id"]: n for n, row in enumerate(campaigns, 1)}
    tags: dict[int, list[str]] = {}
    for row in table_rows("contact_tag", "tag", columns=("contact", "tag")):
        tags.setdefault(row["contact"], []).append(row["tag"])
    links: dict[int, list[dict[str, Any]]] = {}
    for row in _rows("campaign_contact"):
        links.setdefault(row["campaign"], []).append(
            {"contact": contact_ref[row["contact"]], "role": row["role"]}
        )
    history: dict[int, list[dict[str, Any]]] = {}
    for row in _rows("stage_change", "on", "id"):
        history.setdefault(row["campaign"], []).append(
            {
                "from": row["from_stage"],
                "to": row["to_stage"],
                "on": iso(row["on"]),
                "note": row["note"],
                "reason": row["reason"],
            }
        )
    strengths: dict[int, list[dict[str, Any]]] = {}
    for row in _rows("strength_change", "contact", "on", "id"):
        strengths.setdefault(row["contact"], []).append(
            {"on": iso(row["on"]), "strength": row["strength"]}
        )
    people: dict[int, list[int]] = {}
    for row in _rows("interaction_contact"):
        people.setdefault(row["interaction"], []).append(contact_ref[row["contact"]])
    interactions = _rows("interaction")
    interaction_ref = {row["id"]: n for n, row in enumerate(interactions, 1)}
    return {
        "format": FORMAT,
        "schema_version": repo.store.schema_version(),
        "settings": {
            r["key"]: exported_setting(r["key"], r["value"]) for r in _rows("setting", "key")
        },
        "goals": [
            {
                **{k: r[k] for k in ("metric", "target", "comparator", "period", "note")},
                "since": iso(r["since"]),
            }
            for r in _rows("goal")
        ],
        "organizations": [
            {k: r[k] for k in ("name", "industry", "size_band", "location", "notes")}
            for r in _rows("organization")
        ],
        "contacts": [
            {
                "ref": contact_ref[r["id"]],
                "name": r["name"],
                "organization": orgs.get(r["organization"]),
                **{k: r[k] for k in ("title", "function", "industry", "location", "email")},
                **{k: r[k] for k in ("phone", "url", "channel")},
                "met_on": iso(r["met_on"]),
                "introduced_by": contact_ref.get(r["introduced_by"]),
                "strength": r["strength"],
                "tags": tags.get(r["id"], []),
                "notes": r["notes"],
                "archived": bool(r["archived"]),
                "keep_in_touch": r["keep_in_touch"],
                "strength_history": strengths.get(r["id"], []),
            }
            for r in contacts
        ],
        "campaigns": [
            {
                "ref": campaign_ref[r["id"]],
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
            for r in campaigns
        ],
        "interactions": [
            {
                "on": iso(r["on"]),
                "kind": r["kind"],
                "contacts": people.get(r["id"], []),
                "minutes": r["minutes"],
                "campaign": campaign_ref.get(r["campaign"]),
                "meaningful": bool(r["meaningful"]),
                "value_received": r["value_received"],
                "value_given": r["value_given"],
                "cost": r["cost_cents"] / 100,
                "follow_up_on": iso(r["follow_up_on"]),
                # A done day whose follow-up was removed (an edit kept it until the
                # edit cleared both): not written, as nothing reads it and an import
                # refuses a done day without a follow-up.
                "follow_up_done_on": iso(r["follow_up_done_on"]) if r["follow_up_on"] else None,
                "note": r["note"],
                "logged_on": iso(r["logged_on"]),  # schema 7; null: imported history
            }
            for r in interactions
        ],
        "referrals": [
            {
                "contact": contact_ref[r["contact"]],
                "direction": r["direction"],
                "on": iso(r["on"]),
                "campaign": campaign_ref.get(r["campaign"]),
                "note": r["note"],
            }
            for r in _rows("referral")
        ],
        "time_entries": [
            {
                "on": iso(r["on"]),
                "minutes": r["minutes"],
                "category": r["category"],
                "campaign": campaign_ref.get(r["campaign"]),
                "note": r["note"],
            }
            for r in _rows("time_entry")
        ],
        "imported_events": _imported_events(interaction_ref),
    }


def _imported_events(interaction_ref: dict[int, int]) -> list[dict[str, Any]]:
    """The calendar occurrences `import ics` logged, so that importing the calendar again
    into the database this file fills adds nothing (SPEC). Sorted here, not by SQL: a
    server's collation would order the keys otherwise than SQLite."""
    keys = sorted(table_rows("imported_event"), key=lambda row: row["key"])
    events = []
    for row in keys:
        uid, _, day = row["key"].rpartition("|")  # the key is "UID|YYYY-MM-DD"
        events.append(
            {"uid": uid, "on": day, "interaction": interaction_ref.get(row["interaction"])}
        )
    return events


def export_json(repo: Repo) -> str:
    """The document as indented UTF-8 JSON text ending in a newline."""
    return json.dumps(export_document(repo), ensure_ascii=False, indent=2) + "\n"
