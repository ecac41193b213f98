"""Record a referral in (someone referred you) or out (you referred someone), or mend
one: the fields and validation of `netrack referral add` and `referral edit`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from netrack.domain import validate
from netrack.domain.describe import (
    AS_THEY_ARE,
    Named,
    describe_referral_added,
    describe_referral_edited,
)
from netrack.domain.errors import InputError
from netrack.domain.models import Direction
from netrack.domain.parsing import parse_date
from netrack.screens.modal.edit_guard import same_contact
from netrack.screens.modal.form import Check, FormScreen, text_check
from netrack.screens.modal.form_fields import (
    KEPT,
    Field,
    campaign_ref,
    contact_ref,
    prefilled_campaign,
)

if TYPE_CHECKING:
    from datetime import date

    from netrack.data.repo import Repo
    from netrack.domain.entries import Referral
    from netrack.domain.people import Contact


class ReferralForm(FormScreen):
    form_title = "Add a referral"

    def __init__(
        self,
        repo: Repo,
        contact: str = "",
        contact_id: int | None = None,
        referral: Referral | None = None,
        campaign_id: int | None = None,
    ) -> None:
        """`contact` pre-fills the From field; `contact_id` is used while it stays as
        shown. `referral`: that one edited (its fields filled in). `campaign_id`: a new
        referral's campaign (a campaign's page), named as an ambiguity lists a twin."""
        self.repo = repo
        self.referral = referral
        if campaign_id is not None:
            self.campaign_opened = repo.campaigns.get(campaign_id)
        campaign = prefilled_campaign(repo, self.campaign_opened)
        if referral is not None:
            contact_id = referral.contact_id
            contact = contact_ref(repo, contact_id, referral.contact_name)
            campaign = campaign_ref(repo, referral.campaign_id, referral.campaign_name)
            self.form_title = f"Edit referral #{referral.id}"
            self.referral_as_opened = _which(referral, repo.told_apart([contact_id]))
        self.contact_id = contact_id
        # The contact of a new referral, given (a contact's page), as it read then.
        self.contact_opened = (
            repo.contacts.get(contact_id) if contact_id is not None and referral is None else None
        )
        # Read now: once the contact is gone, no namesake can be told apart from it.
        self.contact_as_opened = (
            contact if contact_id is None else contact_ref(repo, contact_id, contact)
        )
        self.prefilled = bool(contact) and referral is None
        super().__init__(
            [
                Field(
                    "from",
                    "From",
                    contact,
                    "the contact (required)",
                    suggestions=[name for _, name in repo.contacts.labels(shared_only=True)],
                ),
                Field(
                    "direction",
                    "Direction",
                    referral.direction.value if referral else "",
                    choices=[d.value for d in Direction],
                ),
                Field(
                    "on",
                    "On",
                    referral.on.isoformat() if referral else "",
                    KEPT if referral else "today",
                ),
                Field(
                    "campaign",
                    "Campaign",
                    campaign,
                    "organization title" + (" (blank: none)" if referral else ""),
                    suggestions=[name for _, name in repo.campaigns.names()],
                ),
                Field("note", "Note", referral.note if referral else ""),
            ]
        )

    def checks(self) -> dict[str, Check]:
        today = self.repo.today()
        return {
            "from": self._contact_id,
            "direction": lambda text: validate.choice(Direction, text, "direction"),
            "on": lambda text: (
                text.strip()
                and validate.happened(parse_date(text, today, "past"), today, "referral")
            ),
            "campaign": self._campaign_id,
            "note": text_check("note"),
        }

    def _contact_id(self, text: str) -> int:
        if self.contact_id is not None and self.unchanged("from"):
            return self.contact_id  # no re-resolving of a namesake
        if not text.strip():
            raise InputError("a referral needs a contact (from)")
        return self.repo.contacts.resolve(text)

    def _campaign_id(self, text: str) -> int | None:
        return self.campaign_field(text, self.referral)

    def save(self, values: dict[str, str]) -> str:
        repo = self.repo
        contact_id = self._contact_id(values["from"])
        on = values["on"].strip()
        day = parse_date(on, repo.today(), "past") if on else None
        if self.referral is not None:
            campaign_id = self._campaign_id(values["campaign"])
            return self._save_edit(values, contact_id, day, campaign_id)
        with repo.writing():
            campaign_id = self._campaign_id(values["campaign"])  # the page's: still there?
            if self.contact_opened is not None and self.unchanged("from"):
                self._contact_still_opened(self.contact_opened)
            referral = repo.referrals.add(
                contact_id,
                values["direction"],
                on=day,
                campaign_id=campaign_id,
                note=values["note"],
            )
            # In the write: damage met naming them said "not saved" of a saved referral
            told = repo.told_apart([referral.contact_id], [referral.campaign_id])
        return describe_referral_added(referral, told)

    def _contact_still_opened(self, opened: Contact) -> None:
        """Refuse the contact the form opened on once merged or deleted elsewhere, or
        its id given since to a newcomer; renamed, it is still the one."""
        try:
            now = self.repo.contacts.get(opened.id)
        except InputError:
            self.still_as_opened("contact", self.contact_as_opened, None)
            raise
        if not same_contact(opened, now):
            told = contact_ref(self.repo, now.id, now.name)
            self.still_as_opened("contact", self.contact_as_opened, told)

    def _save_edit(
        self, values: dict[str, str], contact_id: int, day: date | None, campaign_id: int | None
    ) -> str:
        opened = self.referral
        assert opened is not None
        edits = self.changed_only(
            {
                "contact_id": contact_id,
                "direction": values["direction"],
                "on": day,  # blank keeps the day
                "campaign_id": campaign_id,
                "note": values["note"],
            },
            {"contact_id": "from", "campaign_id": "campaign"},
        )
        repo = self.repo

        def now() -> str | None:
            found = repo.referrals.all(referral_id=opened.id)
            if not found:
                return None
            if _which(found[0]) == _which(opened):  # the same, whoever shares the name now
                return self.referral_as_opened
            return _which(found[0], repo.told_apart([found[0].contact_id]))

        return self.save_over(
            repo.writing(),
            "referral",
            self.referral_as_opened,
            now,
            lambda: self._unchanged_then(
                lambda: _edited(repo, repo.referrals.update(opened.id, **edits)),
                opened,
                repo.referrals.all(referral_id=opened.id),
                edits,
                {"contact_id": "from", "campaign_id": "campaign"},
            ),
        )


def _edited(repo: Repo, now: Referral) -> str:
    return describe_referral_edited(now, repo.told_apart([now.contact_id], [now.campaign_id]))


def _which(referral: Referral, named: Named = AS_THEY_ARE) -> str:
    """A referral as the user knows it: its day, direction and contact ("Sam Lee (Beta)"
    beside another Sam Lee, as `named` tells them apart)."""
    who = named.person(referral.contact_id, referral.contact_name)
    return f"the referral of {referral.on} ({referral.direction.value}, {who})"
