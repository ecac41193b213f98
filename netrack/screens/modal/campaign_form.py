"""Add or edit a campaign: the CLI's `campaign add` fields, the same validation."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from netrack.domain import validate
from netrack.domain.errors import InputError
from netrack.domain.models import ACTIVE_STAGES, Campaign, SourceChannel, Stage
from netrack.domain.parsing import parse_date
from netrack.screens.modal.form import Check, FormScreen, text_check
from netrack.screens.modal.form_fields import Field, blank_to_none
from netrack.screens.modal.organization import OrganizationCheck

if TYPE_CHECKING:
    from netrack.data.repo import Repo

SOURCES = [s.value for s in SourceChannel]


class CampaignForm(FormScreen):
    def __init__(
        self,
        repo: Repo,
        campaign: Campaign | None = None,
        added: Callable[[int], None] | None = None,
    ) -> None:
        """`added(id)`: told the new campaign's id when it is saved, before the screens
        redraw (the Pipeline puts its cursor on it)."""
        self.repo = repo
        self.campaign = campaign
        self.added = added
        c = campaign
        # "Acme Eng [id:2]" beside a twin, as its card says; read now, while it is here.
        self.told_as_opened = repo.campaigns.told(c) if c else ""
        self.form_title = f"Edit {self.told_as_opened}" if c else "New campaign"
        self.organization = OrganizationCheck(repo)
        fields = [
            Field("title", "Title", c.title if c else "", "the role or aim (required)"),
            Field(
                "organization",
                "Organization",
                c.organization if c else "",
                "required (→ accepts a known one)",
                suggestions=self.organization.known,
                new_makes_one=True,
            ),
            Field("source", "Source", c.source.value if c and c.source else "", choices=SOURCES),
            Field("priority", "Priority 1–5", str(c.priority) if c and c.priority else ""),
            Field("url", "URL", c.url if c else ""),
            Field("location", "Location", c.location if c else "", "a city, or remote"),
            Field("compensation", "Compensation", c.compensation if c else "", "e.g. 120–140k EUR"),
            Field(
                "deadline",
                "Deadline",
                c.deadline.isoformat() if c and c.deadline else "",
                "a date, e.g. 2026-12-15, fri, +10d (blank: none)",
            ),
            Field("documents", "Documents", c.documents if c else "", "e.g. résumé / letter sent"),
            Field("notes", "Notes", c.notes if c else "", line_breaks=True),
        ]
        if c is None:
            fields[3:3] = [
                Field("stage", "Stage", "research", choices=[s.value for s in ACTIVE_STAGES]),
                Field("opened_on", "Opened on", "", "today"),
            ]
        else:  # its opening moves with it in the history (never past its first move)
            fields[3:3] = [Field("opened_on", "Opened on", c.opened_on.isoformat(), "a date")]
        super().__init__(fields)

    def checks(self) -> dict[str, Check]:
        today = self.repo.today()
        return {
            "title": lambda text: validate.name(text, "campaign title"),
            "organization": self._organization,
            "stage": lambda text: text.strip() and validate.choice(Stage, text, "stage"),
            "opened_on": lambda text: (
                text.strip()
                and validate.happened(parse_date(text, today, "past"), today, "opened on")
            ),
            "source": lambda text: validate.optional_choice(
                SourceChannel, text.strip() or None, "source channel"
            ),
            "priority": lambda text: validate.bounded(text, 1, 5, "priority"),
            # read, and held to the years kept, as the save does: said under the field
            "deadline": lambda text: (day := self._deadline(text)) and validate.deadline(day),
            "url": validate.url,
            **{key: text_check(key) for key in ("location", "compensation", "documents", "notes")},
        }

    def _organization(self, text: str) -> None:
        if not text.strip():
            raise InputError("a campaign needs an organization")
        validate.no_campaign_without_organization(text)
        self.organization.check(text)

    def save(self, values: dict[str, str]) -> str:
        if self.campaign is None:
            added = self.repo.campaigns.add(
                values["title"],
                values["organization"],
                source=blank_to_none(values["source"]),
                stage=blank_to_none(values["stage"]),
                opened_on=self._opened(values["opened_on"]),
                priority=values["priority"],
                url=values["url"],
                notes=values["notes"],
                location=values["location"],
                compensation=values["compensation"],
                deadline=self._deadline(values["deadline"]),
                documents=values["documents"],
            )
            if self.added is not None:
                self.added(added.id)
            return f"added campaign {self.repo.campaigns.told(added)} [{added.stage.value}]"
        edits = self.changed_only(
            {
                "title": values["title"],
                "organization": values["organization"],
                "source": values["source"],
                "priority": values["priority"],  # "" clears it, as `--priority ""` does
                "url": values["url"],
                "notes": values["notes"],
                "location": values["location"],
                "compensation": values["compensation"],
                "deadline": self._deadline(values["deadline"]) or "",  # "" clears it
                "documents": values["documents"],
                "opened_on": self._opened(values["opened_on"]),
            }
        )
        campaigns, shown = self.repo.campaigns, self.campaign
        with self.repo.writing():  # checked and saved in one transaction
            try:
                current = campaigns.get(shown.id)
            except InputError:  # gone
                current = None
            # The same campaign: its title at the same organization, whatever that
            # organization is called now (a rename elsewhere refused the save).
            same = current is not None and (current.title, current.organization_id) == (
                shown.title,
                shown.organization_id,
            )
            if current is None:
                now = None
            else:
                now = self.told_as_opened if same else campaigns.told(current)
            self.still_as_opened("campaign", self.told_as_opened, now)
            self.not_changed_elsewhere(
                shown, current, edits, by={"organization": "organization_id"}
            )
            saved = campaigns.update(shown.id, **edits)
            told = campaigns.told(saved)  # a rename may make it a twin, or one no more
        return f"saved campaign {told}"

    def _opened(self, text: str) -> date | None:
        """The opening day typed (blank: as it is)."""
        return parse_date(text, self.repo.today(), "past") if text.strip() else None

    def _deadline(self, text: str) -> date | None:
        """The deadline typed, read as the CLI's `--deadline` (relative forms count ahead,
        a past date is allowed); None when blank."""
        if not text.strip():
            return None
        return parse_date(text, self.repo.today(), "future")
