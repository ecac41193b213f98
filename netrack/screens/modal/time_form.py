"""Record where hours went, or mend an entry: the fields and validation of
`netrack time add` and `time edit`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from netrack.domain import validate
from netrack.domain.describe import (
    describe_time_entry_added,
    describe_time_entry_edited,
    time_spent_text,
)
from netrack.domain.models import TimeCategory
from netrack.domain.parsing import parse_date, parse_duration
from netrack.screens.modal.form import Check, FormScreen, text_check
from netrack.screens.modal.form_fields import KEPT, Field, campaign_ref, prefilled_campaign

if TYPE_CHECKING:
    from datetime import date

    from netrack.data.repo import Repo
    from netrack.domain.entries import TimeEntry


class TimeForm(FormScreen):
    form_title = "Add a time entry"

    def __init__(
        self, repo: Repo, entry: TimeEntry | None = None, campaign_id: int | None = None
    ) -> None:
        """`entry`: that one edited (its fields filled in); `campaign_id`: a new entry's
        campaign (a campaign's page)."""
        self.repo = repo
        self.entry = entry
        if campaign_id is not None:
            self.campaign_opened = repo.campaigns.get(campaign_id)
        if entry is not None:
            self.form_title = f"Edit time entry #{entry.id}"
        super().__init__(
            [
                Field(
                    "duration",
                    "Duration",
                    f"{entry.minutes}m" if entry else "",
                    "e.g. 45m, 1h30m or 90 (required)",
                ),
                Field(
                    "category",
                    "Category",
                    entry.category.value if entry else "",
                    choices=[c.value for c in TimeCategory],
                ),
                Field(
                    "on", "On", entry.on.isoformat() if entry else "", KEPT if entry else "today"
                ),
                Field(
                    "campaign",
                    "Campaign",
                    campaign_ref(repo, entry.campaign_id, entry.campaign_name)
                    if entry
                    else prefilled_campaign(repo, self.campaign_opened),
                    "organization title" + (" (blank: none)" if entry else ""),
                    suggestions=[name for _, name in repo.campaigns.names()],
                ),
                Field("note", "Note", entry.note if entry else ""),
            ]
        )

    def checks(self) -> dict[str, Check]:
        today = self.repo.today()
        return {
            "duration": lambda text: validate.time_minutes(parse_duration(text)),
            "category": lambda text: validate.choice(TimeCategory, text, "category"),
            "on": lambda text: (
                text.strip()
                and validate.happened(parse_date(text, today, "past"), today, "time entry")
            ),
            "campaign": self._campaign_id,
            "note": text_check("note"),
        }

    def _campaign_id(self, text: str) -> int | None:
        return self.campaign_field(text, self.entry)

    def save(self, values: dict[str, str]) -> str:
        repo = self.repo
        on = values["on"].strip()
        day = parse_date(on, repo.today(), "past") if on else None
        minutes = parse_duration(values["duration"])
        if self.entry is not None:
            campaign_id = self._campaign_id(values["campaign"])
            return self._save_edit(values, minutes, day, campaign_id)
        with repo.writing():  # the page's campaign checked still there as it is saved
            campaign_id = self._campaign_id(values["campaign"])
            entry = repo.time.add(
                minutes, values["category"], on=day, campaign_id=campaign_id, note=values["note"]
            )
            # In the write: damage met naming it said "not saved" of a saved entry
            named = repo.told_apart(campaign_ids=[entry.campaign_id])
        return describe_time_entry_added(entry, named)

    def _save_edit(
        self, values: dict[str, str], minutes: int, day: date | None, campaign_id: int | None
    ) -> str:
        opened = self.entry
        assert opened is not None
        edits = self.changed_only(
            {
                "minutes": minutes,
                "category": values["category"],
                "on": day,  # blank keeps the day
                "campaign_id": campaign_id,
                "note": values["note"],
            },
            {"minutes": "duration", "campaign_id": "campaign"},
        )
        repo = self.repo

        def now() -> str | None:
            found = repo.time.all(entry_id=opened.id)
            return _which(found[0]) if found else None

        return self.save_over(
            repo.writing(),
            "time entry",
            _which(opened),
            now,
            lambda: self._unchanged_then(
                lambda: _edited(repo, repo.time.update(opened.id, **edits)),
                opened,
                repo.time.all(entry_id=opened.id),
                edits,
                {"minutes": "duration", "campaign_id": "campaign"},
            ),
        )


def _edited(repo: Repo, now: TimeEntry) -> str:
    return describe_time_entry_edited(now, repo.told_apart(campaign_ids=[now.campaign_id]))


def _which(entry: TimeEntry) -> str:
    """A time entry as the user knows it: its day, length and category."""
    return f"the {time_spent_text(entry)} of {entry.on}"
