"""Writing imported people and organizations in bulk: match, fill blanks, insert many.

The one place in `interop` that writes rows. Everything happens inside the caller's
transaction (`repo.writing()`): existing rows are loaded once into lookup dictionaries,
new rows get their ids up front (the IMMEDIATE lock keeps other writers out) and land with
one `executemany` per table, so 30,000 connections import in well under a second.

Matching, in order: any of the record's URLs, then any of its emails, then name together
with organization. A match only fills fields that are blank; what the user typed stays.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from operator import itemgetter
from typing import Any

from peewee import fn

from netrack.data import tables as t
from netrack.data.repo.contacts import org_key
from netrack.domain import validate
from netrack.interop.records import OrgRecord, Person, Tally

CONTACT_COLUMNS = (
    "id",
    "name",
    "organization_id",
    "title",
    "function",
    "industry",
    "location",
    "email",
    "phone",
    "url",
    "channel",
    "met_on",
    "introduced_by_id",
    "strength",
    "notes",
    "archived",
)
# Filled on a match when blank in netrack; never overwritten.
FILLABLE = (
    "organization_id",
    "title",
    "function",
    "industry",
    "location",
    "email",
    "phone",
    "url",
    "channel",
    "strength",
    "notes",
)
ORG_COLUMNS = ("id", "name", "name_key", "industry", "size_band", "location", "notes")


def url_key(url: str) -> str:
    """`https://www.linkedin.com/in/ana/` and `linkedin.com/in/ana` are one profile."""
    key = url.strip().casefold()
    if key.startswith("http"):
        key = key.partition("://")[2] or key
    if key.startswith("www."):
        key = key[4:]
    return key.rstrip("/")


def email_key(email: str) -> str:
    return email.strip().casefold()


def bulk_insert(model: Any, columns: Sequence[str], rows: Sequence[tuple[Any, ...]]) -> None:
    """INSERT many rows with one prepared statement (the cursor's executemany).

    `columns` are SQL column names of `model` (`organization_id`, not `organization`)."""
    if not rows:
        return
    meta = model._meta
    names = ", ".join(f'"{meta.columns[c].column_name}"' for c in columns)
    marks = ", ".join([meta.database.param] * len(columns))
    sql = f'INSERT INTO "{meta.table_name}" ({names}) VALUES ({marks})'
    cursor = meta.database.cursor()
    cursor.executemany(sql, rows)


def dict_rows(query: Any) -> list[dict[str, Any]]:
    """A query's rows as dictionaries (typed loosely: Peewee's own types say models)."""
    return list(query.dicts())


def tuple_rows(query: Any) -> list[tuple[Any, ...]]:
    return list(query.tuples())


def raw_rows(query: Any) -> list[dict[str, Any]]:
    """Rows as stored, without Peewee's per-value conversions (fast for 30,000 rows);
    keys are the selected columns' names."""
    cursor = query.model._meta.database.execute(query)
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def next_id(model: Any) -> int:
    return int(model.select(fn.COALESCE(fn.MAX(model.id), 0)).scalar()) + 1


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
        for row in dict_rows(t.Organization.select()):
            self.rows[row["name_key"]] = row
        self.new: list[dict[str, Any]] = []
        self._next = next_id(t.Organization)
        self.tally = Tally()

    def id_for(self, name: str) -> int | None:
        if not name.strip():
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
            self.new.append(row)
            self.tally.added += 1
        return int(row["id"])

    def merge(self, record: OrgRecord) -> None:
        """An organization card: add it, or fill its blank fields."""
        key = org_key(validate.name(record.name, "organization name"))
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
            self.tally.skip("already in netrack")

    def flush(self) -> None:
        bulk_insert(
            t.Organization, ORG_COLUMNS, [tuple(r[c] for c in ORG_COLUMNS) for r in self.new]
        )
        self.new = []


class People:
    """Contacts with the lookups that matching needs, loaded once.

    `within_file`: records of the same file match each other too (a LinkedIn or vCard
    file lists a person once; a repeat is the same person). A JSON export lists distinct
    contacts, so there each existing contact is matched at most once and new ones never."""

    def __init__(self, orgs: Organizations, today: date, within_file: bool = True) -> None:
        self.orgs = orgs
        self.within_file = within_file
        self.claimed: set[int] = set()
        self.today = today
        self.tally = Tally()
        self.rows: dict[int, dict[str, Any]] = {}
        self.by_url: dict[str, int] = {}
        self.by_email: dict[str, int] = {}
        self.by_name: dict[tuple[str, int | None], list[int]] = {}
        self.tags: dict[int, set[str]] = {}
        query = t.Contact.select(
            *(getattr(t.Contact, c) for c in FILLABLE[1:]),
            t.Contact.id,
            t.Contact.name,
            t.Contact.organization,
            t.Contact.introduced_by,
        )
        for row in raw_rows(query):
            self.rows[row["id"]] = row
            self._remember(row["id"], row)
        for contact_id, tag in tuple_rows(
            t.ContactTag.select(t.ContactTag.contact, t.ContactTag.tag)
        ):
            self.tags.setdefault(contact_id, set()).add(tag)
        self.first_new = next_id(t.Contact)
        self._next = self.first_new
        self.new_tags: list[tuple[int, str]] = []
        self.changed: dict[int, dict[str, Any]] = {}

    def _remember(self, contact_id: int, row: dict[str, Any]) -> None:
        if row["url"]:
            self.by_url.setdefault(url_key(row["url"]), contact_id)
        if row["email"]:
            self.by_email.setdefault(email_key(row["email"]), contact_id)
        same = self.by_name.setdefault((org_key(row["name"]), row["organization_id"]), [])
        if contact_id not in same:
            same.append(contact_id)

    def _match(self, person: Person, name: str, org_id: int | None) -> int | None:
        urls = [url_key(url) for url in person.urls]
        candidates = [self.by_url.get(url) for url in urls]
        candidates += [self.by_email.get(email_key(email)) for email in person.emails]
        for same in self.by_name.get((org_key(name), org_id), ()):
            # Same name, same organization, but another profile URL: another person.
            theirs = self.rows[same]["url"]
            if not (urls and theirs and url_key(theirs) not in urls):
                candidates.append(same)
        for found in candidates:
            if found is not None and found not in self.claimed:
                if not self.within_file:
                    self.claimed.add(found)
                return found
        return None

    def merge(self, person: Person) -> int | None:
        """Add `person`, or fill the blanks of the contact it matches; returns its id
        (None when skipped). Raises InputError (without a location: the caller adds file
        and line) for values netrack refuses."""
        if not person.name.strip():
            self.tally.skip("without a name")
            return None
        name = validate.name(person.name)
        org_id = self.orgs.id_for(person.organization)
        incoming: dict[str, Any] = {
            "organization_id": org_id,
            "title": validate.text(person.title, "title"),
            "function": validate.text(person.function, "function"),
            "industry": validate.text(person.industry, "industry"),
            "location": validate.text(person.location, "location"),
            "strength": validate.bounded(person.strength, 1, 5, "strength"),
            "email": _first(person.emails),
            "phone": _first(person.phones),
            "url": _first(person.urls),
            "channel": person.channel,
            "notes": validate.text(person.notes, "notes"),
        }
        tags = {validate.text(tag, "tag") for tag in person.tags if tag.strip()}
        found = self._match(person, name, org_id)
        if found is None:
            row = {"id": self._next, "name": name, **incoming}
            row["met_on"] = (person.met_on or self.today).isoformat()
            row["archived"] = person.archived
            row["introduced_by_id"] = None
            self._next += 1
            self.rows[row["id"]] = row
            if self.within_file:
                self._remember(row["id"], row)
            self.tags[row["id"]] = set()
            self._add_tags(row["id"], tags)
            self.tally.added += 1
            return int(row["id"])
        self.fill(found, incoming)
        added_tags = self._add_tags(found, tags)
        if found >= self.first_new:
            self.tally.skip("repeated in the file")
        elif self.changed.get(found) or added_tags:
            self.tally.updated += 1
        else:
            self.tally.skip("already in netrack")
        return found

    def fill(self, contact_id: int, values: dict[str, Any]) -> None:
        """Set the fields that are blank (None, "") in the contact; leave the rest."""
        row = self.rows[contact_id]
        changes = {
            k: v for k, v in values.items() if v not in (None, "") and row.get(k) in (None, "")
        }
        if not changes:
            return
        row.update(changes)
        self._remember(contact_id, row)
        if contact_id < self.first_new:
            self.changed.setdefault(contact_id, {}).update(changes)

    def _add_tags(self, contact_id: int, tags: set[str]) -> bool:
        if not tags:
            return False
        have = self.tags.setdefault(contact_id, set())
        fresh = sorted(set(tags) - have)
        have.update(fresh)
        self.new_tags.extend((contact_id, tag) for tag in fresh)
        return bool(fresh)

    def flush(self) -> None:
        """Write what `merge` collected: organizations first (contacts point at them)."""
        self.orgs.flush()
        values = itemgetter(*CONTACT_COLUMNS)
        new_rows = [values(row) for cid, row in self.rows.items() if cid >= self.first_new]
        bulk_insert(t.Contact, CONTACT_COLUMNS, new_rows)
        for contact_id, changes in self.changed.items():
            if changes:
                fields = {k.removesuffix("_id"): v for k, v in changes.items()}
                t.Contact.update(**fields).where(t.Contact.id == contact_id).execute()
        bulk_insert(t.ContactTag, ("contact_id", "tag"), self.new_tags)


def _first(values: Sequence[str]) -> str:
    for value in values:
        if value.strip():
            return validate.text(value)
    return ""
