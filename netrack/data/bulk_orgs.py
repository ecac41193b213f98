"""Organizations written by an import, and the pool of rows an import matches against
(see `bulk.py` for who is who among people)."""

from __future__ import annotations

from typing import Any

from netrack.data import tables as t
from netrack.data.bulk_rows import bulk_insert, first_free_id
from netrack.data.repo.names import org_key
from netrack.data.table_rows import dict_rows
from netrack.domain import validate
from netrack.domain.records import OrgRecord, Tally

ORG_COLUMNS = ("id", "name", "name_key", "industry", "size_band", "location", "notes")


class Pool:
    """Rows already in the database, by content. Each absorbs at most one incoming row:
    a file may hold two identical rows (two identical emails logged the same day), and
    both must land; run twice, each finds its twin and nothing is added."""

    def __init__(self) -> None:
        self._rows: dict[Any, list[Any]] = {}

    def put(self, key: Any, row: Any = None) -> None:
        self._rows.setdefault(key, []).append(row)

    def take(self, key: Any) -> tuple[bool, Any]:
        rows = self._rows.get(key)
        if not rows:
            return False, None
        return True, rows.pop(0)


class Organizations:
    """Organizations by case-insensitive name; new ones are collected, then inserted."""

    def __init__(self) -> None:
        self.rows: dict[str, dict[str, Any]] = {}
        self.names: dict[int, str] = {}  # by id, for telling duplicates
        for row in dict_rows(t.Organization.select()):
            self.rows[row["name_key"]] = row
            self.names[row["id"]] = row["name"]
        self.new: list[dict[str, Any]] = []
        self._next = first_free_id(t.Organization)
        self.tally = Tally()

    def id_for(self, name: str) -> int | None:
        # "none" is no organization (`--org none`): one of that name could not be reached
        if not name.strip() or validate.means_none(name):
            return None
        clean = validate.name(name, "organization name")
        key = org_key(clean)
        row = self.rows.get(key)
        if row is None:
            row = {
                "id": self._next,
                "name": clean,
                "name_key": key,
                "industry": "",
                "size_band": "",
                "location": "",
                "notes": "",
            }
            self._next += 1
            self.rows[key] = row
            self.names[row["id"]] = clean
            self.new.append(row)
            self.tally.added += 1
        return int(row["id"])

    def name_of(self, org_id: int | None) -> str:
        return self.names.get(org_id, "") if org_id is not None else ""

    def merge(self, record: OrgRecord) -> None:
        """An organization card: add it, or fill its blank fields."""
        key = org_key(validate.organization_name(record.name))
        existing = self.rows.get(key)
        if existing is None:
            self.id_for(record.name)
            existing = self.rows[key]
            fresh = True
        else:
            fresh = any(row is existing for row in self.new)
        changes = {}
        for column in ("industry", "size_band", "location", "notes"):
            value = getattr(record, column)
            value = validate.size_band(value) if column == "size_band" else validate.text(value)
            if value and not existing[column]:
                existing[column] = value
                changes[column] = value
        if fresh:
            return
        if changes:
            t.Organization.update(**changes).where(t.Organization.id == existing["id"]).execute()
            self.tally.updated += 1
        else:
            self.tally.skip("already in netrack", example=existing["name"])

    def flush(self) -> None:
        bulk_insert(
            t.Organization, ORG_COLUMNS, [tuple(r[c] for c in ORG_COLUMNS) for r in self.new]
        )
        self.new = []
