"""Add or edit a contact: the CLI's `contact add` fields, the same validation.

"Introduced by" names a contact the way `--introduced-by` does (the three tiers of name
resolution, the same error words); "Org size" belongs to the organization."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual import on
from textual.widgets import Input

from netrack.data.repo.contacts import SIZE_NEEDS_ORG, every_days
from netrack.domain import validate
from netrack.domain.describe import describe_size_band_changed
from netrack.domain.describe_met import describe_touched_before_met
from netrack.domain.errors import InputError
from netrack.domain.models import SIZE_BANDS, ContactChannel
from netrack.domain.parsing import parse_date
from netrack.domain.people import Contact
from netrack.screens.modal.form import Check, FormScreen, text_check
from netrack.screens.modal.form_fields import KEPT, Field, blank_to_none, contact_ref
from netrack.screens.modal.organization import OrganizationCheck

if TYPE_CHECKING:
    from netrack.data.repo import Repo

TEXT_FIELDS = ("title", "function", "industry", "location", "email", "phone", "url", "notes")


def contact_fields(
    contact: Contact | None, organizations: list[str], people: list[str], introducer: str = ""
) -> list[Field]:
    """`introducer`: how the Introduced by field names the contact's introducer."""
    c = contact
    return [
        Field("name", "Name", c.name if c else "", "required"),
        Field(
            "organization",
            "Organization",
            c.organization if c else "",
            "new or known (→ accepts a known one)",
            suggestions=organizations,
            new_makes_one=True,
        ),
        Field("size_band", "Org size", c.size_band if c else "", choices=SIZE_BANDS),
        Field("title", "Title", c.title if c else ""),
        Field("function", "Function", c.function if c else "", "e.g. engineering, product, …"),
        Field("industry", "Industry", c.industry if c else ""),
        Field("location", "Location", c.location if c else ""),
        Field(
            "channel",
            "Met via",
            c.channel.value if c and c.channel else "",
            choices=[ch.value for ch in ContactChannel],
        ),
        Field(
            "met_on",
            "Met on",
            c.met_on.isoformat() if c and c.met_on else "",
            KEPT if c else "today",
        ),
        Field(
            "introduced_by",
            "Introduced by",
            introducer,
            "a contact's name",
            suggestions=people,
        ),
        Field(
            "strength",
            "Strength 1–5",
            str(c.strength) if c and c.strength else "",
            "1 acquaintance · 3 active dialog · 5 advocate",
        ),
        Field(
            "keep_in_touch",
            "Keep in touch",
            str(c.keep_in_touch) if c and c.keep_in_touch else "",
            "every … days, e.g. 30 (blank: no rhythm)",
        ),
        Field("email", "Email", c.email if c else ""),
        Field("phone", "Phone", c.phone if c else ""),
        Field("url", "URL", c.url if c else ""),
        Field("tags", "Tags", ", ".join(c.tags) if c else "", "comma separated"),
        Field("notes", "Notes", c.notes if c else "", line_breaks=True),
    ]


NONE_CLEARS = ("organization", "introduced_by")


class ContactForm(FormScreen):
    def __init__(
        self,
        repo: Repo,
        contact: Contact | None = None,
        added: Callable[[int], None] | None = None,
    ) -> None:
        """`added(id)`: told the new contact's id when it is saved, before the screens
        redraw (the Contacts table puts its cursor on it)."""
        self.repo = repo
        self.contact = contact
        self.added = added
        # "Sam Lee (Beta)" beside another Sam Lee; read now, while both are here.
        self.told_as_opened = contact_ref(repo, contact.id, contact.name) if contact else ""
        self.form_title = f"Edit {self.told_as_opened}" if contact else "New contact"
        self.organization = OrganizationCheck(repo)
        self._band_shown = contact.size_band if contact else ""  # put there by the form
        people = [name for _, name in repo.contacts.labels(shared_only=True)]
        introducer = ""
        if contact is not None and contact.introduced_by_id is not None:
            introducer = contact_ref(repo, contact.introduced_by_id, contact.introduced_by)
        super().__init__(contact_fields(contact, self.organization.known, people, introducer))

    def checks(self) -> dict[str, Check]:
        today = self.repo.today()
        return {
            "name": validate.name,
            "organization": self._organization,
            "size_band": self._size_band,
            "channel": lambda text: validate.optional_choice(
                ContactChannel, text.strip() or None, "channel"
            ),
            "met_on": lambda text: (
                text.strip() and validate.happened(parse_date(text, today, "past"), today, "met on")
            ),
            "introduced_by": lambda text: (
                text.strip() and not validate.means_none(text) and self.repo.contacts.resolve(text)
            ),
            "strength": lambda text: validate.bounded(text, 1, 5, "strength"),
            "keep_in_touch": every_days,
            "tags": self._tags,
            **{key: text_check(key) for key in TEXT_FIELDS},
            "url": validate.url,
        }

    def save(self, values: dict[str, str]) -> str:
        # `none` clears them, as `--org none` and `--introduced-by none` do
        values = {
            key: "" if key in NONE_CLEARS and validate.means_none(value) else value
            for key, value in values.items()
        }
        met = values["met_on"].strip()
        met_on = parse_date(met, self.repo.today(), "past") if met else None
        tags = self._tags(values["tags"])
        text = {key: values[key] for key in TEXT_FIELDS}
        organizations = self.repo.organizations
        if self.contact is None:
            organization = blank_to_none(values["organization"])
            size_band = blank_to_none(values["size_band"])
            with self.repo.writing():  # the band it had read in the write that sets it
                before = organizations.size_band_before(organization) if size_band else None
                added = self.repo.contacts.add(
                    values["name"],
                    organization=organization,
                    size_band=size_band,
                    channel=blank_to_none(values["channel"]),
                    met_on=met_on,
                    strength=values["strength"],
                    keep_in_touch=values["keep_in_touch"],
                    introduced_by=blank_to_none(values["introduced_by"]),
                    tags=tags,
                    **text,
                )
                band = organizations.size_band_changed(before, added)
            if self.added is not None:
                self.added(added.id)
            told = contact_ref(self.repo, added.id, added.name)
            return f"added contact {told}{describe_size_band_changed(band)}"
        edits = self.changed_only(
            {
                "name": values["name"],
                "organization": values["organization"],
                "size_band": values["size_band"],
                "introduced_by": self._introduced_by(values["introduced_by"]),
                "channel": values["channel"],
                "met_on": met_on,
                "strength": values["strength"],  # "" clears it, as `--strength ""` does
                "keep_in_touch": values["keep_in_touch"],  # "" clears the rhythm
                "tags": tags,
                **text,  # text fields only, never `archived`
            }
        )
        if "organization" in edits:
            # The band the form shows beside the organization chosen goes with it: the
            # one it followed, or one typed (left as opened, it was dropped unsaid)
            edits["size_band"] = values["size_band"]
        contacts, opened = self.repo.contacts, self.contact
        with self.repo.writing():  # checked and saved in one transaction
            try:
                current = contacts.get(opened.id)
            except InputError:  # gone
                current = None
            if current is None:
                now = None
            elif current.name == opened.name:  # the same, whoever shares the name now
                now = self.told_as_opened
            else:
                now = contact_ref(self.repo, current.id, current.name)
            self.still_as_opened("contact", self.told_as_opened, now)
            self.not_changed_elsewhere(opened, current, edits, by=LINKS)
            before = None
            if edits.get("size_band") is not None:
                before = organizations.size_band_before(edits.get("organization"), opened.id)
            saved = contacts.update(opened.id, **edits)
            band = organizations.size_band_changed(before, saved)
            told = contact_ref(self.repo, saved.id, saved.name)  # a rename may make a twin
            moved = "met_on" in edits
            touched = self.repo.activity.touched_before_met(saved) if moved else None
        said = f"saved contact {told}{describe_size_band_changed(band)}"
        return said + describe_touched_before_met(touched, in_app=True)

    @on(Input.Changed, "#field-organization")
    def _band_follows(self, event: Input.Changed) -> None:
        """Org size shows the band of the organization typed ("" for a new one): it
        kept the one the form opened with, of another organization. A band the user
        typed stays: it is the one they set for the organization they choose."""
        band = self.query_one("#field-size_band", Input)
        if band.value in (self._band_shown, ""):  # an emptied field holds nothing typed
            self._band_shown = band.value = self.organization.band_of(event.value)

    def filled_in(self, name: str) -> bool:
        """Org size as it followed the organization typed was not typed."""
        return name == "size_band" and self.values()["size_band"] == self._band_shown

    def _organization(self, text: str) -> None:
        if not validate.means_none(text):  # `none`: no organization, as `--org none`
            self.organization.check(text)

    def _size_band(self, text: str) -> str:
        """The band typed, refused at its field beside no organization (as the save
        would refuse it, on the form's bottom line only): it is the organization's."""
        band = validate.size_band(text)
        organization = self.values()["organization"]
        if band and (not organization.strip() or validate.means_none(organization)):
            raise InputError(SIZE_NEEDS_ORG)
        return band

    def _tags(self, text: str) -> list[str]:
        """The tags typed; those the contact has as stored are kept whatever their
        length, as `contacts.update` keeps them (a restore may hold longer ones)."""
        return validate.tags([text], stored=self.contact.tags if self.contact else ())

    def _introduced_by(self, text: str) -> str | None:
        """None while unchanged (a twin name is not re-resolved), "" clears, else a name."""
        return None if self.unchanged("introduced_by") else text


# The fields that link a record, compared by its id (see `not_changed_elsewhere`).
LINKS = {"organization": "organization_id", "introduced_by": "introduced_by_id"}
