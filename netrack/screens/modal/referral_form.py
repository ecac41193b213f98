"""Record a referral in (someone referred you) or out (you referred someone):
the fields and validation of `netrack referral add`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from netrack.domain import validate
from netrack.domain.errors import InputError
from netrack.domain.models import Direction
from netrack.domain.parsing import parse_date
from netrack.screens.modal.form import Check, Field, FormScreen, text_check

if TYPE_CHECKING:
    from netrack.data.repo import Repo


class ReferralForm(FormScreen):
    form_title = "Add a referral"

    def __init__(self, repo: Repo, contact: str = "", contact_id: int | None = None) -> None:
        """`contact` pre-fills the From field; `contact_id` is used while it stays as shown."""
        self.repo = repo
        self.contact_id = contact_id
        self.prefilled = bool(contact)
        super().__init__(
            [
                Field(
                    "from",
                    "From",
                    contact,
                    "the contact (required)",
                    suggestions=[name for _, name in repo.contacts.labels(shared_only=True)],
                ),
                Field("direction", "Direction", "", choices=[d.value for d in Direction]),
                Field("on", "On", "", "today"),
                Field(
                    "campaign",
                    "Campaign",
                    "",
                    "organization title",
                    suggestions=[name for _, name in repo.campaigns.names()],
                ),
                Field("note", "Note", ""),
            ]
        )

    def checks(self) -> dict[str, Check]:
        today = self.repo.today()

        def contact(text: str) -> object:
            if self.contact_id is not None and self.unchanged("from"):
                return self.contact_id
            if not text.strip():
                raise InputError("a referral needs a contact (from)")
            return self.repo.contacts.resolve(text)

        return {
            "from": contact,
            "direction": lambda text: validate.choice(Direction, text, "direction"),
            "on": lambda text: (
                text.strip()
                and validate.happened(parse_date(text, today, "past"), today, "referral")
            ),
            "campaign": lambda text: text.strip() and self.repo.campaigns.resolve(text),
            "note": text_check("note"),
        }

    def save(self, values: dict[str, str]) -> str:
        repo = self.repo
        if self.contact_id is not None and self.unchanged("from"):
            contact_id = self.contact_id
        elif values["from"].strip():
            contact_id = repo.contacts.resolve(values["from"])
        else:
            raise InputError("a referral needs a contact (from)")
        on = values["on"].strip()
        campaign = values["campaign"].strip()
        referral = repo.referrals.add(
            contact_id,
            values["direction"],
            on=parse_date(on, repo.today(), "past") if on else None,
            campaign_id=repo.campaigns.resolve(campaign) if campaign else None,
            note=values["note"],
        )
        way = "from" if referral.direction is Direction.IN else "to"
        return f"added referral {referral.direction.value} ({way} {referral.contact_name})"
