"""Organizations written by an import, and the pool of rows an import matches against
(see `bulk_match.py` for who is who among people)."""

from __future__ import annotations

from typing import Any

from netrack.data import tables as t
from netrack.data.bulk_columns import plain
from netrack.data.bulk_rows import bulk_insert, first_free_id
from netrack.data.keys import printable
from netrack.data.repo.org_names import org_key
from netrack.data.table_rows import dict_rows
from netrack.data.uids import derived_from_id, new_uids
from netrack.domain import validate
from netrack.domain.describe import describe_new_organization_close
from netrack.domain.records import DIFFERING, OrgRecord, Tally
from netrack.domain.similar import CloseIndex

ORG_COLUMNS = ("id", "name", "name_key", "industry", "size_band", "location", "notes", "uid")


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


def _shown_key(name: str) -> str:
    """`org_key` of what a name shows: the vCard export writes a control character as
    U+FFFD, and "Org\x1b X" read back as "Org\ufffd X" is the same organization. Compared
    at import only: `org_key` is stored (`organization.name_key`), and folding these in it
    would need every stored key made again."""
    return org_key(printable(name))


class Organizations:
    """Organizations by case-insensitive name; new ones are collected, then inserted."""

    def __init__(self, restoring: bool = False) -> None:
        # `import json`: a name an older netrack stored is kept (`validate.name`)
        self.restoring = restoring
        self.rows: dict[str, dict[str, Any]] = {}
        self.shown: dict[str, dict[str, Any]] = {}  # by `_shown_key`, the oldest first
        self.names: dict[int, str] = {}  # by id, for telling duplicates
        self.by_uid: dict[str, dict[str, Any]] = {}  # schema 13
        # A name the file gives an organization netrack holds under another (renamed
        # on one copy: found by its uid) → that organization: the file's contacts and
        # campaigns name it so.
        self.renamed: dict[str, dict[str, Any]] = {}
        self.held: set[str] = set()  # every uid netrack holds: a new row takes none of them
        for row in dict_rows(t.Organization.select().order_by(t.Organization.id)):
            self.rows[row["name_key"]] = row
            self.shown.setdefault(_shown_key(row["name"]), row)
            self.names[row["id"]] = row["name"]
            if row["uid"]:
                self.by_uid[row["uid"]] = row
                self.held.add(row["uid"])
        self.new: list[dict[str, Any]] = []
        self._next = first_free_id(t.Organization)
        self.tally = Tally()
        # `id_for`'s answers by the text asked: a network of 30,000 names each of its few
        # thousand organizations ten times, and an answer never changes (rows are only
        # added; a name refused is not kept, and is refused again the same way).
        self._ids: dict[str, int | None] = {}
        # The names new ones are compared with, built at the first (`_note_close`)
        self._close: CloseIndex | None = None
        self._close_ids: dict[str, int] = {}

    def id_for(self, name: str) -> int | None:
        try:
            return self._ids[name]
        except KeyError:
            found = self._ids[name] = self._id_for(name)
            return found

    def _id_for(self, name: str) -> int | None:
        # "none" is no organization (`--org none`): one of that name could not be reached
        if not name.strip() or validate.means_none(name):
            return None
        clean = validate.name(name, "organization name", self.restoring)
        key = org_key(clean)
        row = self._row_for(clean)
        if row is None:
            row = {
                "id": self._next,
                "name": clean,
                "name_key": key,
                "industry": "",
                "size_band": "",
                "location": "",
                "notes": "",
                "uid": None,  # a new one at `flush`, unless the file's card gives one
            }
            self._next += 1
            self.rows[key] = row
            self.shown.setdefault(_shown_key(clean), row)
            self.names[row["id"]] = clean
            self.new.append(row)
            self.tally.added += 1
        return int(row["id"])

    def _row_for(self, name: str) -> dict[str, Any] | None:
        """The organization called `name`: the one the file's card of that name is
        (found by its uid), else by its stored key, else by what it shows."""
        key = org_key(name)
        return self.renamed.get(key) or self.rows.get(key) or self.shown.get(_shown_key(name))

    def forget_derived_uids(self) -> None:
        """Match no organization on the uid schema 13 derived from its id (`m013.derived`):
        the file is of another history, whose organization 1 is not this one's."""
        for uid, row in list(self.by_uid.items()):
            if derived_from_id("organization", row["id"], uid):
                del self.by_uid[uid]

    def current_name(self, name: str) -> str:
        """netrack's name of the organization the file calls `name`, where a card of
        the file found it renamed; else `name`."""
        row = self.renamed.get(org_key(name)) if self.renamed and name.strip() else None
        return str(row["name"]) if row is not None else name

    def name_of(self, org_id: int | None) -> str:
        return self.names.get(org_id, "") if org_id is not None else ""

    def merge(self, record: OrgRecord) -> None:
        """An organization card: the one netrack holds under its uid, however renamed
        since (netrack's name kept, and said), else by its name; add it, or fill its
        blank fields."""
        name = validate.organization_name(record.name, self.restoring)
        existing = self.by_uid.get(record.uid) if record.uid else None
        renamed = existing is not None and existing["name_key"] != org_key(name)
        if existing is not None and renamed:
            self.renamed[org_key(name)] = existing
        if existing is None:
            existing = self._row_for(name)
        if existing is None:
            self.id_for(record.name)
            existing = self.rows[org_key(name)]
            existing["uid"] = record.uid if record.uid not in self.held else None
            fresh = True
        else:
            fresh = any(row is existing for row in self.new)
        changes = {}
        # A value netrack holds otherwise is kept, and said so as a person's is: the
        # card is not "already in netrack" (Springfield's card, netrack's Chicago)
        differs = renamed
        for column in ("industry", "size_band", "location", "notes"):
            value = getattr(record, column)
            value = validate.size_band(value) if column == "size_band" else validate.text(value)
            if value and not existing[column]:
                existing[column] = value
                changes[column] = value
            elif value and plain(value) != plain(existing[column]):
                differs = True
        if fresh:
            return
        if changes:
            t.Organization.update(**changes).where(t.Organization.id == existing["id"]).execute()
            self.tally.updated += 1
            if differs:
                self.tally.updated_differing.append(existing["name"])
        elif differs:
            self.tally.skip(DIFFERING, example=existing["name"])
        else:
            self.tally.skip("already in netrack", example=existing["name"])

    def flush(self) -> None:
        self._note_close(self.new)
        fresh = iter(new_uids(sum(1 for row in self.new if not row["uid"])))
        for row in self.new:
            row["uid"] = row["uid"] or next(fresh)
        bulk_insert(
            t.Organization, ORG_COLUMNS, [tuple(r[c] for c in ORG_COLUMNS) for r in self.new]
        )
        self.new = []

    def _note_close(self, new: list[dict[str, Any]]) -> None:
        """Name, in the summary, each new organization close to a known one or to one
        new before it, with the merge that joins them: the note `contact add --org`
        gives (an import cannot ask, as a form does, and made them unsaid)."""
        if not new:
            return
        if self._close is None:  # the names held before the first new one
            fresh = {row["id"] for row in new}
            self._close_ids = {n: i for i, n in self.names.items() if i not in fresh}
            self._close = CloseIndex(self._close_ids)
        for row in new:
            near = self._close.close_to_new(row["name"])
            close = [(self._close_ids[other], other) for other in near]
            note = describe_new_organization_close(row["name"], row["id"], close)
            if note:
                self.tally.notes.append(note)
            self._close.add(row["name"])
            self._close_ids[row["name"]] = row["id"]
