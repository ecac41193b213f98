"""Organizations: `repo.organizations` (contacts and campaigns find or create theirs
inside their own writes: `Contacts.organization_id`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from peewee import fn

from netrack.data import tables as t
from netrack.data.repo.base import Service, tuples
from netrack.data.repo.names import refuse_clashes_at
from netrack.data.repo.org_names import org_key, org_named_by_id
from netrack.domain import validate
from netrack.domain.errors import InputError, ResolveError
from netrack.domain.name_folding import fold
from netrack.domain.resolve import identity, listed, name_order, reads_as_id, resolve

if TYPE_CHECKING:
    from netrack.domain.people import Contact, Organization  # after the first screen
    from netrack.domain.write_effects import SizeBandChanged


def to_organization(row: t.Organization) -> Organization:
    from netrack.domain.people import Organization  # a few at a time: see `people`

    return Organization(
        id=row.id,
        name=row.name,
        industry=row.industry,
        size_band=row.size_band,
        location=row.location,
        notes=row.notes,
    )


class Organizations(Service):
    """Every organization, by name; add one, or change one's name and details."""

    def find(self, name: str) -> Organization | None:
        row = t.Organization.get_or_none(t.Organization.name_key == org_key(name))
        return to_organization(row) if row else None

    def named(self, name: str) -> Organization | None:
        """The organization `--org NAME` means when it is there: `id:N` names it by its
        id (refused when none has it), a name in any case or spacing; None for a new
        name."""
        row = org_named_by_id(name)
        return to_organization(row) if row is not None else self.find(name)

    def all(self) -> list[Organization]:
        rows = t.Organization.select()
        # As names are compared (`contact list` too): "alpha" before "Beta", "ábaco" first.
        return [to_organization(r) for r in sorted(rows, key=lambda r: (*name_order(r.name), r.id))]

    def contacts_at(self) -> dict[int, tuple[int, int]]:
        """Each organization's contacts, by its id: (active, archived). Archived contacts
        leave lists (SPEC), so a list's count is of the active; the others are told apart.
        An organization with none is absent."""
        contact = t.Contact
        query = (
            contact.select(contact.organization, contact.archived, fn.COUNT(contact.id))
            .where(contact.organization.is_null(False))
            .group_by(contact.organization, contact.archived)
        )
        counts: dict[int, tuple[int, int]] = {}
        for org_id, archived, n in tuples(query):
            active, gone = counts.get(org_id, (0, 0))
            counts[org_id] = (active, gone + n) if archived else (active + n, gone)
        return counts

    def get(self, org_id: int) -> Organization:
        row = t.Organization.get_or_none(t.Organization.id == org_id)
        if row is None:
            raise InputError(f"no organization with id {org_id}")
        return to_organization(row)

    def resolve(self, query: str) -> int:
        """The one organization `query` names (SPEC's tiers, `id:N` too). A name typed
        as one is spelled (in any case or spacing) is that one, beside another that
        differs by its accents only: "Acme" beside "Ácme" was ambiguous, reachable by
        `id:N` alone, though both are kept apart as two names."""
        exact = self.named(query)  # `id:N` as `--org id:N` reads it
        if exact is not None:
            return exact.id
        named = [(org.id, org.name) for org in self.all()]
        return resolve(query, named, "organization", dashes_are_spaces=True)

    def resolve_spelled(self, query: str) -> int:
        """`resolve`, for the commands that remove or move a whole organization: a name
        its accents tell apart from the one found is not taken for it. Accents keep
        organizations apart, and `org delete Nörthwind`, run once more after it went,
        deleted Northwind (`org merge` merged it away)."""
        if reads_as_id(query) or self.find(query) is not None:
            return self.resolve(query)
        every = self.all()
        typed = _spaced(query)
        spelled = [(org.id, org.name) for org in every if typed in _spaced(org.name)]
        if not spelled:  # what the query would name, as a suggestion
            org_id = self.resolve(query)
            raise InputError(
                f"no organization is spelled {query!r} (did you mean "
                f"{self.get(org_id).name}? type it as it is spelled, or id:{org_id})"
            )
        # SPEC's tiers among the names spelled so; but where the accent-blind tiers name
        # another one alone ("Acme" beside "Ácme" and "Acme Corp": Ácme exactly), which
        # one was meant cannot be told: both are listed, nothing is removed.
        picked = resolve(query, spelled, "organization", dashes_are_spaces=True)
        try:
            blind = self.resolve(query)
        except ResolveError:
            if fold(query) == " ".join(query.casefold().split()):
                raise  # typed without accents, "Cafe" names Café Nero as much as Cafeteria
            return picked  # several accent-blind, one as spelled with its accent ("Ácm")
        if blind != picked:
            names = sorted({self.get(blind).name, self.get(picked).name})
            raise ResolveError(
                f"organization {query!r} is ambiguous: {listed(names)} (type it as it is "
                f"spelled, or id:N from `netrack org list`)",
                tuple(names),
            )
        return picked

    def close_to(self, name: str | None) -> list[tuple[int, str]]:
        """(id, name) of the known organizations a new one called `name` may be a typo
        of (`similar.close_to_new`: the closest two, closest first); [] for no name or
        one that is known, which nothing new is made for. Read in the write that would
        make it, before it: `describe_new_organization_close` words the note."""
        if name is None or not name.strip() or self.named(name) is not None:
            return []
        try:  # a name the write refuses (too long, blank…) is compared with none
            validate.organization_name(name)
        except InputError:
            return []
        # Loaded here: a new organization's name is rare, and its patterns take ~0.5 ms to
        # compile on every `netrack log`'s start otherwise.
        from netrack.domain.similar import close_to_new

        # Ids and names alone, as raw rows: 8,000 organizations are read in 3 ms, where
        # `all()` (whole rows, sorted) takes 70 ms.
        query = t.Organization.select(t.Organization.id, t.Organization.name)
        ids = {org: org_id for org_id, org in tuples(query)}
        return [(ids[org], org) for org in close_to_new(name, ids)]

    def add(
        self,
        name: str,
        industry: str = "",
        size_band: str = "",
        location: str = "",
        notes: str = "",
    ) -> Organization:
        """A new organization; the same name in another case is refused."""
        clean = validate.organization_name(name)
        band = validate.size_band(size_band)
        with self.writing():
            existing = self.find(clean)
            if existing:
                raise InputError(f"organization {existing.name!r} already exists")
            row = t.Organization.create(
                name=clean,
                name_key=org_key(clean),
                industry=validate.text(industry, "industry"),
                size_band=band,
                location=validate.text(location, "location"),
                notes=validate.text(notes, "notes"),
            )
        return to_organization(row)

    def update(
        self,
        org_id: int,
        name: str | None = None,
        industry: str | None = None,
        size_band: str | None = None,
        location: str | None = None,
        notes: str | None = None,
    ) -> Organization:
        """Change the given fields (None leaves one as it is, "" clears a detail). A new
        name that another organization has (in any case or spacing) is refused: two
        would be one."""
        values: dict[str, str] = {}
        if name is not None:  # see `validate.renamed` below
            values["name"] = validate.organization_name(name, restoring=True)
            values["name_key"] = org_key(values["name"])
        if industry is not None:
            values["industry"] = validate.text(industry, "industry")
        if size_band is not None:
            values["size_band"] = validate.size_band(size_band)
        if location is not None:
            values["location"] = validate.text(location, "location")
        if notes is not None:
            values["notes"] = validate.text(notes, "notes")
        with self.writing():
            before = self.get(org_id).name
            if "name" in values:
                validate.renamed(values["name"], before, "organization name")
            if "name_key" in values:
                other = t.Organization.get_or_none(
                    t.Organization.name_key == values["name_key"], t.Organization.id != org_id
                )
                if other is not None:
                    raise InputError(f"organization {other.name!r} already exists")
                _refuse_twins(org_id, values["name"])
                if fold(values["name"]) != fold(before):  # else every name reads as before
                    refuse_clashes_at(
                        org_id, values["name"], f"cannot rename {before} to {values['name']}"
                    )
                if values["name_key"] != org_key(before):
                    # An import naming its contacts at the old name again finds them
                    # (loaded here: a rename is rare, and `netrack log` never renames)
                    from netrack.data.merged_identities import keep_former_organization

                    keep_former_organization(org_id, before)
            if values:
                t.Organization.update(**values).where(t.Organization.id == org_id).execute()
        return self.get(org_id)

    def size_band_before(
        self, name: str | None, contact_id: int | None = None
    ) -> Organization | None:
        """The existing organization whose size band a contact's write is about to set:
        the one called `name`, else (`name` None) the contact's own; None for none or a
        new one. Read inside the write, before it, for `size_band_changed`."""
        if name is not None:
            return self.named(name) if name.strip() else None
        if contact_id is None:
            return None
        query = t.Contact.select(t.Contact.organization).where(t.Contact.id == contact_id)
        org_id = query.scalar()
        return self.get(org_id) if org_id is not None else None

    def size_band_changed(
        self, before: Organization | None, contact: Contact
    ) -> SizeBandChanged | None:
        """What the contact's write did to the band of `before` (`size_band_before`), with
        its contacts counted now; None when it did not change it."""
        if before is None or contact.organization_id != before.id:
            return None
        if contact.size_band == before.size_band:
            return None
        contacts = t.Contact.select().where(t.Contact.organization == before.id).count()
        # Loaded here: the first screen opens the repository without what writes report
        from netrack.domain.write_effects import SizeBandChanged

        return SizeBandChanged(before.name, before.size_band, contact.size_band, contacts)


def _refuse_twins(org_id: int, new_name: str) -> None:
    """A contact there must not become a twin of one elsewhere: organizations keep
    their accents apart ("Café", "Cafe") where a contact's name and organization match
    without them (SPEC), so renaming one to the other's spelling would make two Anas."""
    people = t.Contact.select(t.Contact.name).where(t.Contact.organization == org_id)
    wanted = {identity(name, new_name) for (name,) in tuples(people)}
    if not wanted:
        return
    others = (
        t.Contact.select(t.Contact.name, t.Organization.name)
        .join(t.Organization)
        .where(t.Organization.id != org_id)
    )
    for name, org in tuples(others):
        if identity(name, org) in wanted:
            raise InputError(
                f"renamed, {name} at {new_name} would be a second {name} at {org} "
                "(merge the two first)"
            )


def _spaced(name: str) -> str:
    """A name as organizations are told apart (`org_key`: accents kept), dashes read as
    spaces as `resolve` reads them."""
    return " ".join(org_key(name).replace("-", " ").replace("_", " ").split())
