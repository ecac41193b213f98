"""Move a campaign to any stage on a day of its own, with a note (and a loss reason for
lost): what `netrack campaign move CAMPAIGN STAGE --on DATE --note T --reason R` does.
The stage keys (`<` `>` `w` `p`) move today without a word; this is for "applied
yesterday", a history dated as it happened."""

from __future__ import annotations

from typing import TYPE_CHECKING

from netrack.domain import stage_moves, validate
from netrack.domain.errors import InputError, NetrackError
from netrack.domain.models import LOST_REASONS, Campaign, Stage
from netrack.domain.parsing import parse_date
from netrack.screens.as_asked import campaign_as_asked
from netrack.screens.modal.form import Check, FormScreen, text_check
from netrack.screens.modal.form_fields import Field
from netrack.widgets.literal import visible

if TYPE_CHECKING:
    from netrack.data.repo import Repo


class MoveForm(FormScreen):
    form_title = "Move campaign"

    def __init__(self, repo: Repo, campaign: Campaign) -> None:
        self.repo = repo
        self.campaign = campaign
        self.told = repo.campaigns.told(campaign)  # "Acme Eng [id:2]" beside a twin
        # The stage first: a long name is cut at its end, never the stage it moves from.
        self.form_title = f"Move from {campaign.stage.value}: {self.told}"
        super().__init__(
            [
                Field("stage", "To stage", "", choices=[s.value for s in Stage]),
                Field("on", "On", "", "today"),
                Field("reason", "Loss reason", "", choices=LOST_REASONS),
                Field("note", "Note", ""),
            ]
        )

    def _stage(self, text: str) -> Stage:
        stage = validate.choice(Stage, text, "stage")
        if stage == self.campaign.stage:
            raise InputError(f"the campaign is in {stage.value} already")
        return stage

    def checks(self) -> dict[str, Check]:
        # Each field read as `Campaigns.move` reads it, the rules across fields too (a
        # reason with the stage typed, the day with the history): said one at a time by
        # the save, a second error came only once the first was mended.
        return {
            "stage": self._stage,
            "on": self._on,
            "reason": self._reason,
            "note": text_check("note"),
        }

    def _on(self, text: str) -> None:
        today = self.repo.today()
        day = parse_date(text, today, "past") if text.strip() else today
        validate.happened(day, today, "stage change")
        self.repo.campaigns.dated_move(self.campaign.id, day)

    def _reason(self, text: str) -> None:
        reason = validate.loss_reason(text)
        try:
            target = validate.choice(Stage, self.values()["stage"], "stage")
        except NetrackError:  # said under To stage: a reason alone is no error
            return
        stage_moves.reason_for(target, reason)

    def save(self, values: dict[str, str]) -> str:
        repo, campaign = self.repo, self.campaign
        on = values["on"].strip()
        # The campaign the form names, in the stage it moves from: one moved (or deleted,
        # its id given to another) elsewhere while the form was open is not moved.
        moved = campaign_as_asked(
            repo,
            campaign,
            visible(self.told),
            lambda: repo.campaigns.move(
                campaign.id,
                self._stage(values["stage"]),
                on=parse_date(on, repo.today(), "past") if on else None,
                note=values["note"],
                reason=validate.loss_reason(values["reason"]),
            ),
        )()
        when = moved.stage_since.isoformat()
        why = f" ({moved.lost_reason})" if moved.lost_reason else ""  # as `campaign move` says
        return f"{self.told}: {self.campaign.stage.value} → {moved.stage.value}{why} on {when}"
