"""Organizations and contacts: lookups, name resolution, adds and edits."""

from __future__ import annotations

from datetime import date, timedelta
from functools import partial
from typing import TYPE_CHECKING, Any

from peewee import JOIN, fn

from netrack.data import tables as t
from netrack.data.name_keys import keep_key
from netrack.data.repo.base import as_date, must_date, stored, tuples
from netrack.data.repo.contacts_first import first_contacts
from netrack.data.repo.names import ContactNames
from netrack.data.repo.org_names import org_key, org_named_by_id
from netrack.data.repo.strength_history import (
    first_strength_follows_met,
    latest_change,
    record_strength,
    refuse_strength_before_latest,
)
from netrack.domain import validate
from netrack.domain.errors import InputError
from netrack.domain.models import ContactChannel
from netrack.domain.resolve import name_order

if TYPE_CHECKING:  # made after the first screen (the Pipeline's): see `people`
    from netrack.domain.people import Contact, StrengthChange

SIZE_NEEDS_ORG = "size needs an organization: the size band belongs to the organization"
MAX_EVERY = 3650  # keep in touch at least once in ten years


def every_days(value: int | str | None) -> int | None:
    """A keep-in-touch cadence: a whole number of days from 1 (None/"": no cadence)."""
    return validate.bounded(value, 1, MAX_EVERY, "keep-in-touch days")


CONTACT_FIELDS = (
    "title",
    "function",
    "industry",
    "location",
    "email",
    "phone",
    "url",
    "notes",
)


def write_contact_extras(
    extras: dict[int, tuple[int | None, list[tuple[date, int | None]] | None]], first_new: int
) -> None:
    """A JSON import's cadence and strength history, by contact id; inside its write.
    A contact the import created (id ≥ `first_new`) takes the file's values, its history
    (None: the file has none) replacing the entry its insert recorded; an existing
    contact only has a blank cadence filled (nothing the user set is overwritten)."""
    rows: list[tuple[int, str, int | None]] = []
    for contact_id, (every, history) in extras.items():
        new = contact_id >= first_new
        if every is not None:
            query = t.Contact.update(keep_in_touch=every).where(t.Contact.id == contact_id)
            if not new:
                query = query.where(t.Contact.keep_in_touch.is_null())
            query.execute()
        if new and history is not None:
            t.StrengthChange.delete().where(t.StrengthChange.contact == contact_id).execute()
            rows.extend((contact_id, on.isoformat(), level) for on, level in history)
    fields = [t.StrengthChange.contact, t.StrengthChange.on, t.StrengthChange.strength]
    for start in range(0, len(rows), 500):  # 1,500 parameters a statement
        t.StrengthChange.insert_many(rows[start : start + 500], fields=fields).execute()


class Contacts(ContactNames):
    """Organizations and contacts: `repo.contacts`."""

    # --- organizations -------------------------------------------------------------

    def organization_id(self, name: str | None, size_band: str | None = None) -> int | None:
        """Find or create an organization by name (case-insensitive), or find the one
        `id:N` names; inside a write. `size_band`: its band, "" none (cleared); None
        leaves an existing one's as it is."""
        if name is None or not name.strip():
            return None
        row = org_named_by_id(name)  # `id:N`: that one, never a new one called so
        clean = "" if row is not None else validate.name(name, "organization name")
        if row is None:
            row = t.Organization.get_or_none(t.Organization.name_key == org_key(clean))
        band = validate.size_band(size_band)
        if row is None:
            clean = validate.organization_name(clean)  # a new one is never "none"
            row = t.Organization.create(name=clean, name_key=org_key(clean), size_band=band)
        elif size_band is not None and row.size_band != band:
            row.size_band = band
            row.save()
        return int(row.id)

    # --- contacts ------------------------------------------------------------------

    def _contact_query(self) -> Any:
        link = t.InteractionContact.alias("touch")
        # As of today, as the agenda and the card read it: an entry dated ahead (logged
        # with a later "today") is not a touch yet.
        last_touch = link.select(fn.MAX(link.on)).where(
            link.contact == t.Contact.id, link.on <= self.today()
        )
        intro = t.Contact.alias("intro")
        return (
            t.Contact.select(
                t.Contact,
                t.Organization.name.alias("org_name"),
                t.Organization.industry.alias("org_industry"),
                t.Organization.location.alias("org_location"),
                t.Organization.size_band.alias("org_size"),
                intro.name.alias("intro_name"),
                last_touch.alias("last_touch"),
            )
            .join(t.Organization, JOIN.LEFT_OUTER, on=(t.Contact.organization == t.Organization.id))
            .switch(t.Contact)
            .join(intro, JOIN.LEFT_OUTER, on=(t.Contact.introduced_by == intro.id))
            .objects()  # joined columns land on the contact row itself
        )

    def _tags(self, ids: list[int] | None = None) -> dict[int, tuple[str, ...]]:
        query = t.ContactTag.select(t.ContactTag.contact, t.ContactTag.tag).order_by(
            t.ContactTag.tag
        )
        if ids is not None:
            query = query.where(t.ContactTag.contact.in_(ids))
        tags: dict[int, list[str]] = {}
        for contact_id, tag in tuples(query):
            tags.setdefault(contact_id, []).append(tag)
        return {k: tuple(v) for k, v in tags.items()}

    @staticmethod
    def _to_contact(row: Any, tags: tuple[str, ...], record: type[Contact]) -> Contact:
        """`record`: the class, imported once by the caller for all its rows (an import
        statement costs a microsecond a row; see `people` for why it is not at the
        top)."""
        org_name = getattr(row, "org_name", None) or ""
        return record(
            id=row.id,
            name=row.name,
            organization=org_name,
            organization_id=row.organization_id,
            title=row.title,
            function=row.function,
            industry=row.industry,
            location=row.location,
            email=row.email,
            phone=row.phone,
            url=row.url,
            channel=(
                stored(ContactChannel, row.channel, "a contact's channel") if row.channel else None
            ),
            met_on=as_date(row.met_on),
            introduced_by_id=row.introduced_by_id,
            introduced_by=getattr(row, "intro_name", None) or "",
            strength=row.strength,
            tags=tags,
            notes=row.notes,
            archived=bool(row.archived),
            effective_industry=row.industry or (getattr(row, "org_industry", None) or ""),
            effective_location=row.location or (getattr(row, "org_location", None) or ""),
            size_band=getattr(row, "org_size", None) or "",
            last_touch=as_date(getattr(row, "last_touch", None)),
            keep_in_touch=row.keep_in_touch,
            uid=row.uid,
        )

    def all(
        self,
        include_archived: bool = False,
        met_since: date | None = None,
        met_until: date | None = None,
    ) -> list[Contact]:
        """Contacts by name; those met from `met_since` to `met_until` (inclusive: the
        scorecard's new contacts of a period), a contact with no met day then left out."""
        # Namesakes by id: the engines keep ties in no order of their own (PostgreSQL
        # moves an updated row to the end of the table). Sorted here, as names are
        # compared: SQLite's LOWER() put "Ángel" and "Émile" after "Zoë".
        query = self._contact_query()
        if not include_archived:
            query = query.where(t.Contact.archived == False)  # noqa: E712
        if met_since is not None:
            query = query.where(t.Contact.met_on >= met_since)
        if met_until is not None:
            query = query.where(t.Contact.met_on <= met_until)
        rows = sorted(query, key=lambda row: (*name_order(row.name), row.id))
        tags = self._tags()
        from netrack.domain.people import Contact

        return [self._to_contact(row, tags.get(row.id, ()), Contact) for row in rows]

    def first(self, limit: int, include_archived: bool = False) -> list[Contact]:
        """The first `limit` of `all()`'s contacts, read without reading them all (the
        Contacts screen's first screenful: `contacts_first`)."""
        return first_contacts(self, limit, include_archived)

    def get(self, contact_id: int) -> Contact:
        row = self._contact_query().where(t.Contact.id == contact_id).first()
        if row is None:
            raise InputError(f"no contact with id {contact_id}")
        from netrack.domain.people import Contact

        return self._to_contact(row, self._tags([contact_id]).get(contact_id, ()), Contact)

    def add(
        self,
        name: str,
        organization: str | None = None,
        size_band: str | None = None,
        channel: str | None = None,
        met_on: date | None = None,
        strength: int | str | None = None,
        introduced_by: str | None = None,
        tags: list[str] | tuple[str, ...] = (),
        keep_in_touch: int | str | None = None,
        **fields: str | None,
    ) -> Contact:
        """Add a contact (one transaction). `met_on` defaults to today and is never after
        it; a strength is recorded in the history as of `met_on`; `keep_in_touch` is the
        cadence in days."""
        clean = validate.name(name)
        values = self._clean_fields(fields)
        chan = validate.optional_choice(ContactChannel, channel, "channel")
        level = validate.bounded(strength, 1, 5, "strength")
        every = every_days(keep_in_touch)
        met = validate.happened(met_on or self.today(), self.today(), "met on")
        clean_tags = validate.tags(tags)
        with self.writing():
            self.refuse_duplicate(clean, self._org_name(organization))
            intro_id = self.resolve(introduced_by) if introduced_by else None
            band = validate.size_band_added(size_band)
            org_id = self.organization_id(organization, band)
            if band and org_id is None:
                raise InputError(SIZE_NEEDS_ORG)
            row = t.Contact.create(
                name=clean,
                organization=org_id,
                channel=chan.value if chan else None,
                met_on=met,
                strength=level,
                introduced_by=intro_id,
                keep_in_touch=every,
                **values,
            )
            keep_key(row.id, clean)
            for tag in clean_tags:
                t.ContactTag.create(contact=row.id, tag=tag)
            if level is not None:
                record_strength(row.id, met, level)
        return self.get(row.id)

    @staticmethod
    def _clean_fields(fields: dict[str, str | None]) -> dict[str, str]:
        unknown = set(fields) - set(CONTACT_FIELDS)
        if unknown:
            raise InputError(f"unknown contact field(s): {', '.join(sorted(unknown))}")
        return {
            key: validate.url(value) if key == "url" else validate.text(value, key)
            for key, value in fields.items()
        }

    def update(
        self,
        contact_id: int,
        name: str | None = None,
        organization: str | None = None,
        channel: str | None = None,
        met_on: date | None = None,
        strength: int | str | None = None,
        archived: bool | None = None,
        tags: list[str] | tuple[str, ...] | None = None,
        size_band: str | None = None,
        introduced_by: str | None = None,
        keep_in_touch: int | str | None = None,
        strength_on: date | None = None,
        **fields: str | None,
    ) -> Contact:
        """Change the given fields only (None leaves a field as it is; "" clears text,
        a strength and a cadence).

        `size_band` sets the band of the contact's organization (the new one when
        `organization` is given too), "" clears it; `introduced_by` is a name resolved like the CLI's,
        "" clears it. A changed strength is recorded in the history dated `strength_on`
        (default today: a rating given at a review is the week's it reviews), never
        after today, before the contact was met, or before their latest change; a
        `met_on` after today is refused."""
        given: dict[str, str | None] = {k: v for k, v in fields.items() if v is not None}
        values: dict[str, Any] = self._clean_fields(given)
        if name is not None:  # checked against the stored name below (`validate.renamed`)
            values["name"] = validate.name(name, restoring=True)
        if channel is not None:
            chan = validate.optional_choice(ContactChannel, channel, "channel")
            values["channel"] = chan.value if chan else None
        if strength is not None:
            values["strength"] = validate.bounded(strength, 1, 5, "strength")
        elif strength_on is not None:
            raise InputError("a strength change's day goes with the change: give --strength too")
        changed_on = self.today()
        ahead = changed_on + timedelta(days=validate.AHEAD_DAYS)  # an import's tolerance
        if strength_on is not None:
            changed_on = validate.happened(strength_on, changed_on, "strength change")
        if met_on is not None:
            values["met_on"] = validate.happened(met_on, self.today(), "met on")
        if keep_in_touch is not None:
            values["keep_in_touch"] = every_days(keep_in_touch)
        if archived is not None:
            values["archived"] = archived
        with self.writing():
            row = t.Contact.get_or_none(t.Contact.id == contact_id)
            if row is None:
                raise InputError(f"no contact with id {contact_id}")
            if "name" in values:
                validate.renamed(values["name"], row.name)
            # A tag kept as stored is not checked again: `import json` restores tags
            # longer than MAX_TAG, and one of them must not block the others' edit.
            clean_tags = None
            if tags is not None:
                stored = self._tags([contact_id]).get(contact_id, ())
                clean_tags = validate.tags(tags, stored=stored)
            if name is not None or organization is not None:
                # A rename or another organization must not make two of one person.
                self.refuse_duplicate(
                    values.get("name", row.name),
                    self._org_name(organization) if organization is not None else self._org_of(row),
                    contact_id,
                )
            if organization is not None or size_band is not None:
                if organization is None and row.organization is not None:
                    organization = row.organization.name
                values["organization"] = self.organization_id(organization, size_band)
                # `none` clears the band as "" does: neither needs an organization
                if validate.size_band(size_band) and values["organization"] is None:
                    raise InputError(SIZE_NEEDS_ORG)
            if introduced_by is not None:
                values["introduced_by"] = (
                    self.resolve(introduced_by) if introduced_by.strip() else None
                )
                if values["introduced_by"] == contact_id:  # and undeletable: see delete
                    raise InputError(
                        f"{self.told(contact_id, row.name)} cannot have introduced themselves"
                    )
            # A day given is checked even when the strength stays: said, not ignored
            if "strength" in values and (values["strength"] != row.strength or strength_on):
                met = values.get("met_on", as_date(row.met_on))
                # Which namesake, as confirmations say (names read only for a refusal)
                named = partial(self.told, contact_id, row.name)
                if strength_on is None:
                    # Met, or rated, on a day still ahead here (an import from a time zone
                    # ahead keeps such days): a strength given today follows those days.
                    days = (met, latest_change(contact_id))
                    changed_on = max([changed_on, *(d for d in days if d and d <= ahead)])
                if met is not None and changed_on < met:
                    raise InputError(
                        f"strength change {changed_on.isoformat()} is before {named()} was met "
                        f"({met.isoformat()}): a strength is theirs from that day on"
                    )
                refuse_strength_before_latest(named, contact_id, changed_on)
            if values:
                t.Contact.update(**values).where(t.Contact.id == contact_id).execute()
            if "name" in values:
                keep_key(contact_id, values["name"])
            if "met_on" in values:
                first_strength_follows_met(contact_id, must_date(row.met_on), values["met_on"])
            if "strength" in values and values["strength"] != row.strength:
                record_strength(contact_id, changed_on, values["strength"])
            if clean_tags is not None:
                t.ContactTag.delete().where(t.ContactTag.contact == contact_id).execute()
                for tag in clean_tags:
                    t.ContactTag.create(contact=contact_id, tag=tag)
        return self.get(contact_id)

    def strength_history(self, contact_id: int) -> list[StrengthChange]:
        """Every recorded strength of the contact, oldest first."""
        query = (
            t.StrengthChange.select(
                t.StrengthChange.id,
                t.StrengthChange.contact,
                t.StrengthChange.on,
                t.StrengthChange.strength,
            )
            .where(t.StrengthChange.contact == contact_id)
            .order_by(t.StrengthChange.on, t.StrengthChange.id)
        )
        from netrack.domain.people import StrengthChange

        return [
            StrengthChange(id=i, contact_id=c, on=must_date(on), strength=level)
            for i, c, on, level in tuples(query)
        ]

    def count(self) -> int:
        return int(t.Contact.select().count())

    def any_to_log_with(self) -> bool:
        """Whether a contact not archived exists: one a log can name."""
        return bool(t.Contact.select().where(t.Contact.archived == False).exists())  # noqa: E712
