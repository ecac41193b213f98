"""Pipeline: the kanban of active campaigns, with one key per stage move."""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import ClassVar, NamedTuple

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Static

from netrack.domain.models import CLOSED_STAGES, Campaign, Stage
from netrack.screens.base import LiveScreen
from netrack.widgets.header import ModeHeader
from netrack.widgets.kanban import Kanban
from netrack.widgets.keybar import KeyBar
from netrack.widgets.literal import visible

EMPTY = "No campaigns yet. Press n to open one (a role or aim at an organization)."


class PipelineData(NamedTuple):
    """The pipeline screen's data: every campaign, and the day."""

    campaigns: list[Campaign]
    today: date


class PipelineScreen(LiveScreen[PipelineData]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("less_than_sign,shift+left", "step(-1)", "Stage back", key_display="<"),
        Binding("greater_than_sign,shift+right", "step(1)", "Stage on", key_display=">"),
        Binding("n", "new", "New"),
        Binding("x", "lost", "Lost"),
        Binding("w", "close('won')", "Won"),
        Binding("p", "close('paused')", "Pause"),
        Binding("e", "edit", "Edit"),
        # `l` moves the cursor right here (hjkl), so the quick log is also on L.
        Binding("L", "app.quick_log", "Log"),
    ]

    def compose(self) -> ComposeResult:
        self._kanban = Kanban(id="kanban")
        self._empty = Static(id="pipeline-empty", classes="empty")
        self._summary = Static(id="closed-summary", classes="summary")
        first = self.load_first()
        if first is not None:  # the first screen: composed complete, see LiveScreen
            self.show(first)
        yield ModeHeader("pipeline")
        yield self._empty
        yield self._kanban
        yield self._summary
        yield KeyBar()

    def load(self) -> PipelineData:
        return PipelineData(self.repo.campaigns.all(), self.repo.today())

    def show(self, data: PipelineData) -> None:
        self._kanban.update(data.campaigns, data.today)
        active = [c for c in data.campaigns if c.stage.is_active]
        self._empty.update(EMPTY if not active else "")
        self._empty.display = not active
        closed = Counter(c.stage for c in data.campaigns if c.stage in CLOSED_STAGES)
        summary = Text("Closed: ", style="bold")
        summary.append(
            " · ".join(f"{stage.label} {closed[stage]}" for stage in CLOSED_STAGES), style=""
        )
        summary.append(f"    Active: {len(active)}", style="bold")
        self._summary.update(summary)

    @property
    def selected(self) -> Campaign | None:
        return self._kanban.selected

    def _need_selection(self) -> Campaign | None:
        campaign = self.selected
        if campaign is None:
            self.notify("No campaign under the cursor. Press n to open one.", severity="warning")
        return campaign

    def action_step(self, steps: int) -> None:
        campaign = self._need_selection()
        if campaign is None:
            return
        self._kanban.follow(campaign.id)
        self.write(
            lambda: self.repo.campaigns.step(campaign.id, steps),
            lambda moved: (
                f"{visible(moved.display_name)}: {campaign.stage.value} → {moved.stage.value}"
            ),
        )

    def action_close(self, stage: str) -> None:
        campaign = self._need_selection()
        if campaign is not None:
            self.write(
                lambda: self.repo.campaigns.move(campaign.id, Stage(stage)),
                f"{visible(campaign.display_name)}: {stage}",
            )

    def action_lost(self) -> None:
        from netrack.screens.modal.confirm import LostReason

        campaign = self._need_selection()
        if campaign is None:
            return

        def chosen(reason: str | None) -> None:
            if reason:
                self.write(
                    lambda: self.repo.campaigns.move(campaign.id, Stage.LOST, lost_reason=reason),
                    f"{visible(campaign.display_name)}: lost ({reason})",
                )

        self.app.push_screen(LostReason(campaign.display_name), chosen)

    async def action_new(self) -> None:
        from netrack.screens.modal.campaign_form import CampaignForm

        await self.netrack.open_form(CampaignForm(self.repo))

    async def action_edit(self) -> None:
        from netrack.screens.modal.campaign_form import CampaignForm

        campaign = self._need_selection()
        if campaign is not None:
            await self.netrack.open_form(CampaignForm(self.repo, campaign))

    def on_kanban_opened(self, message: Kanban.Opened) -> None:
        self.netrack.open_campaign(message.campaign.id)
