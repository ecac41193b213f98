"""Record where hours went: the fields and validation of `netrack time add`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from netrack.domain import validate
from netrack.domain.models import TimeCategory
from netrack.domain.parsing import parse_date, parse_duration
from netrack.screens.modal.form import Check, Field, FormScreen, text_check

if TYPE_CHECKING:
    from netrack.data.repo import Repo


class TimeForm(FormScreen):
    form_title = "Add a time entry"

    def __init__(self, repo: Repo) -> None:
        self.repo = repo
        super().__init__(
            [
                Field("duration", "Duration", "", "45m, 1h30m or 90 (required)"),
                Field("category", "Category", "", choices=[c.value for c in TimeCategory]),
                Field("on", "On", "", "today"),
                Field("campaign", "Campaign", "", "organization title"),
                Field("note", "Note", ""),
            ]
        )

    def checks(self) -> dict[str, Check]:
        today = self.repo.today()
        return {
            "duration": lambda text: validate.time_minutes(parse_duration(text)),
            "category": lambda text: validate.choice(TimeCategory, text, "category"),
            "on": lambda text: text.strip() and parse_date(text, today, "past"),
            "campaign": lambda text: text.strip() and self.repo.campaigns.resolve(text),
            "note": text_check("note"),
        }

    def save(self, values: dict[str, str]) -> str:
        repo = self.repo
        on = values["on"].strip()
        campaign = values["campaign"].strip()
        entry = repo.time.add(
            parse_duration(values["duration"]),
            values["category"],
            on=parse_date(on, repo.today(), "past") if on else None,
            campaign_id=repo.campaigns.resolve(campaign) if campaign else None,
            note=values["note"],
        )
        return f"added {entry.minutes}m of {entry.category.value} on {entry.on.isoformat()}"
