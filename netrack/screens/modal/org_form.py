"""Change an organization: the fields and validation of `netrack org edit`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from netrack.domain import validate
from netrack.domain.errors import InputError
from netrack.domain.models import SIZE_BANDS
from netrack.domain.people import Organization
from netrack.screens.modal.form import Check, FormScreen, text_check
from netrack.screens.modal.form_fields import Field

if TYPE_CHECKING:
    from netrack.data.repo import Repo


class OrgForm(FormScreen):
    form_title = "Edit organization"

    def __init__(self, repo: Repo, org: Organization) -> None:
        self.repo = repo
        self.org = org
        super().__init__(
            [
                Field("name", "Name", org.name, "(required)"),
                Field("industry", "Industry", org.industry),
                Field("size_band", "Size", org.size_band, choices=SIZE_BANDS),
                Field("location", "Location", org.location),
                Field("notes", "Notes", org.notes, line_breaks=True),
            ]
        )

    def checks(self) -> dict[str, Check]:
        return {
            "name": lambda text: validate.name(text, "organization name"),
            "industry": text_check("industry"),
            "size_band": validate.size_band,
            "location": text_check("location"),
            "notes": text_check("notes"),
        }

    def save(self, values: dict[str, str]) -> str:
        # A field left as shown is left as stored (its control characters included).
        edits = self.changed_only({key: values[key] for key in FIELDS})
        organizations, opened = self.repo.organizations, self.org
        with self.repo.writing():  # checked and saved in one transaction
            try:
                current = organizations.get(opened.id)
            except InputError:  # deleted, or merged into another
                current = None
            now = None if current is None else current.name
            self.still_as_opened("organization", opened.name, now)
            self.not_changed_elsewhere(opened, current, edits)
            org = organizations.update(opened.id, **edits)
        return f"saved organization {org.name}"


FIELDS = ("name", "industry", "size_band", "location", "notes")
