"""Log an interaction with every field (the quick log's long form): `netrack log --with …`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from netrack.domain.errors import InputError
from netrack.domain.models import KIND_ALIASES, Kind
from netrack.domain.parsing import parse_date, parse_duration, parse_money
from netrack.screens.modal.form import Field, FormScreen

if TYPE_CHECKING:
    from netrack.data.repo import Repo

KINDS = [k.value for k in Kind] + list(KIND_ALIASES)
YES = {"y", "yes", "true", "1", "!", "x"}


class InteractionForm(FormScreen):
    title = "Log an interaction"

    def __init__(self, repo: Repo, with_names: str = "", campaign: str = "") -> None:
        self.repo = repo
        super().__init__(
            [
                Field("with", "With", with_names, "names, comma separated (required)"),
                Field("kind", "Kind", "", choices=KINDS),
                Field("on", "On", "", "today"),
                Field("minutes", "Duration", "", "45m, 1h30m or 90"),
                Field("campaign", "Campaign", campaign, "organization title"),
                Field("meaningful", "Meaningful", "", "y / n"),
                Field("value_received", "Value received", ""),
                Field("value_given", "Value given", ""),
                Field("cost", "Cost", "", "12.50"),
                Field("follow_up", "Follow up on", "", "fri, +7d, 2026-12-01"),
                Field("note", "Note", ""),
            ]
        )

    def save(self, values: dict[str, str]) -> str:
        repo = self.repo
        today = repo.today()
        names = [n.strip() for n in values["with"].split(",") if n.strip()]
        if not names:
            raise InputError("an interaction needs at least one contact")
        ids = [repo.resolve_contact(name) for name in names]
        on = parse_date(values["on"], today, "past") if values["on"].strip() else None
        follow = values["follow_up"].strip()
        campaign = values["campaign"].strip()
        entry = repo.log_interaction(
            ids,
            on=on,
            kind=values["kind"].strip() or Kind.OTHER,
            minutes=parse_duration(values["minutes"]) if values["minutes"].strip() else 0,
            campaign_id=repo.resolve_campaign(campaign) if campaign else None,
            meaningful=values["meaningful"].strip().lower() in YES,
            value_received=values["value_received"],
            value_given=values["value_given"],
            cost=parse_money(values["cost"]) if values["cost"].strip() else 0.0,
            follow_up_on=parse_date(follow, today, "future") if follow else None,
            note=values["note"],
        )
        return f"logged {entry.kind.value.replace('_', ' ')} with {', '.join(entry.contact_names)}"
