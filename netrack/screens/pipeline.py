"""Pipeline: the kanban of active campaigns (or, on `c`, of the closed ones), with one key
per stage move."""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import TYPE_CHECKING, ClassVar, NamedTuple

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Static

from netrack.domain.models import ACTIVE_STAGES, CLOSED_STAGES, Campaign, Stage
from netrack.screens.base import LiveScreen
from netrack.screens.refusals import FreshRefusals, nothing_to_act_on
from netrack.screens.stage_keys import STAGE_HELP, STAGE_TITLES, StageKeys
from netrack.widgets.header import ModeHeader
from netrack.widgets.kanban import Kanban
from netrack.widgets.keybar import KeyBar
from netrack.widgets.literal import literal

if TYPE_CHECKING:
    from netrack.changes import Change
    from netrack.data.repo import Repo

EMPTY = "No campaigns yet. Press n to open one (a role or aim at an organization)."
ALL_CLOSED = "No active campaigns: every one is closed (c shows them). Press n to open one."
NONE_CLOSED = "No closed campaigns (won, lost or paused). Press c to go back to the active ones."


# The first frame's cards per stage (`load_first`): at least this many, and more than a
# column of the terminal can show (a card takes three lines or more: organization,
# title, days in stage), the rest read right after it. 100 a stage was 900 cards built
# for a career's first frame, of which a 40-line terminal shows some 100.
FIRST_CARDS = 20


class PipelineData(NamedTuple):
    """The pipeline screen's data: the campaigns, the day, and how many each stage
    holds (more than `campaigns` on a first frame: see `load_first`); `twins`: the
    campaigns whose name another shares, their cards naming their id."""

    campaigns: list[Campaign]
    today: date
    counts: dict[Stage, int]
    twins: set[int]

    @property
    def whole(self) -> bool:
        """Every campaign, not only each stage's first."""
        return len(self.campaigns) >= sum(self.counts.values())


class PipelineScreen(LiveScreen[PipelineData]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("less_than_sign,shift+left", "step(-1)", "Stage back", key_display="<"),
        Binding("greater_than_sign,shift+right", "step(1)", "Stage on", key_display=">"),
        Binding("n", "new", "New"),
        Binding("x", "lost", "Lost"),
        Binding("w", "close('won')", "Won"),
        Binding("p", "close('paused')", "Pause"),
        Binding("u", "undo", "Undo"),
        Binding("S", "move", "Move…", key_display="S", show=False),
        Binding("delete", "delete", "Delete", key_display="del", show=False),
        # Not in the key bar (room for the palette hint): the summary line says it.
        Binding("c", "closed", "Closed", show=False),
        # Help's "Everywhere" says escape goes back: from the closed board, as `c` does.
        Binding("escape", "back_to_active", show=False),
        Binding("e", "edit", "Edit"),
        Binding("l", "app.quick_log", "Log"),
    ]
    # The palette's names of these keys (netrack.screens.commands), by action.
    PALETTE_TITLES: ClassVar[dict[str, str]] = {
        **STAGE_TITLES,
        "new": "New campaign",
        "edit": "Edit campaign",
        "delete": "Delete campaign",
        "closed": "Show or hide closed campaigns",
        "open": "Open campaign",  # the board's enter
    }
    # Shown by `?` beside these keys (see netrack.screens.help).
    HELP_NOTES: ClassVar[dict[str, str]] = {
        **STAGE_HELP,
        "c": "won, lost and paused, in place of the active board",
    }

    def __init__(self, repo: Repo, load_now: bool = False) -> None:
        super().__init__(repo, load_now)
        self.closed_view = False  # `c`: the closed campaigns instead of the active board
        self._new: int | None = None  # a campaign added or reopened, to show (`follow_new`)
        self._refusals = FreshRefusals(self)
        self._data: PipelineData | None = None
        self.keys = StageKeys(self, repo, self._need_selection, self._say, self._follow)

    def compose(self) -> ComposeResult:
        self._kanban = Kanban(id="kanban")
        self._kanban.before_keys = self._whole_now
        self._kanban.left_card = lambda: self._say("")
        self._kanban.nothing_to_open = self._need_selection
        self._empty = Static(id="pipeline-empty", classes="empty")
        self._status = Static(id="pipeline-status", classes="summary")
        self._status.display = False
        self._summary = Static(id="closed-summary", classes="summary")
        first = self.load_first()
        if first is not None:  # the first screen: composed complete, see LiveScreen
            self.show(first)
        yield ModeHeader("pipeline")
        yield self._empty
        yield self._kanban
        yield self._status
        yield self._summary
        yield KeyBar()

    def load(self) -> PipelineData:
        campaigns = self.repo.campaigns.all()
        counts = Counter(c.stage for c in campaigns)
        return PipelineData(campaigns, self.repo.today(), counts, self._twins(campaigns))

    def load_first(self) -> PipelineData | None:
        """The first frame: each stage's first cards and its count, whatever the number
        of campaigns (on a career's 5,000 reading them all held the first frame back by
        40 ms); `on_mount` reads the whole board right after."""
        if not self._load_now:
            return None
        per_stage = max(FIRST_CARDS, self.app.size.height // 2 + 1)
        return self.read_now(lambda: self._board(per_stage))

    def _board(self, per_stage: int) -> PipelineData:
        campaigns, counts = self.repo.campaigns.board(per_stage)
        # Twins among these first cards alone: the whole board comes right after.
        return PipelineData(campaigns, self.repo.today(), counts, self._twins(campaigns))

    def _twins(self, campaigns: list[Campaign]) -> set[int]:
        return self.repo.campaigns.twins(campaigns)

    def on_mount(self) -> None:
        # (LiveScreen's own handler runs too: Textual calls each class's in turn.)
        if self._data is not None and not self._data.whole:
            self.reload()

    def on_screen_suspend(self, _event: events.ScreenSuspend) -> None:
        if self._refusals.gone_with_the_screen():
            self._say("")

    def _whole_now(self) -> None:
        """Before a key acts on a board that holds only each stage's first cards (the
        whole one not come yet): the whole board, read now on the UI thread. Typed
        ahead at start-up, 150 `j` then `>` moved the 100th card, where the cursor had
        stopped."""
        if self._data is None or self._data.whole:
            return
        self.workers.cancel_group(self, "load")
        data = self.read_now(self.load)
        if data is not None:  # (a failure is said in place, the board as it was)
            self.show(data)

    def show(self, data: PipelineData) -> None:
        self._data = data
        new = next((c for c in data.campaigns if c.id == self._new), None)
        if new is not None:  # the board that holds it
            self._new = None
            self.closed_view = new.stage in CLOSED_STAGES
        stages = CLOSED_STAGES if self.closed_view else ACTIVE_STAGES
        self._kanban.update(data.campaigns, data.today, stages, data.counts, data.twins)
        shown = any(data.counts.get(stage) for stage in stages)
        empty = EMPTY if not data.campaigns else ALL_CLOSED
        self._empty.update("" if shown else NONE_CLOSED if self.closed_view else empty)
        self._empty.display = not shown
        active = sum(number for stage, number in data.counts.items() if stage.is_active)
        counts = " · ".join(f"{stage.label} {data.counts.get(stage, 0)}" for stage in CLOSED_STAGES)
        if self.closed_view:
            summary = Text("Closed campaigns", style="bold")
            summary.append(f" ({counts}) · < > reopen · c back")
        else:
            summary = Text("Closed: ", style="bold")
            summary.append(counts + " (c shows them)")
            summary.append(f"    Active: {active}", style="bold")
        self._summary.update(summary)

    def _say(self, text: str) -> None:
        """A refusal or a hint, in place above the summary ("" clears it)."""
        self._status.update(literal(text, style="bold red"))
        self._status.display = bool(text)
        if text:
            self._refusals.said()

    def _data_changed(self, change: Change) -> None:
        # A write since (a campaign added, edited, logged, moved; here or in another
        # program): a refusal said before it is stale, whatever board or card it left.
        if self._refusals.stale_after(change):
            self._say("")
        super()._data_changed(change)

    def _need_selection(self) -> Campaign | None:
        self._whole_now()
        campaign = self._kanban.selected
        if campaign is None:
            here = (
                "No closed campaign under the cursor."
                if self.closed_view
                else "No campaign under the cursor. Press n to open one."
            )
            none_yet = self._data is not None and not self._data.campaigns
            self._say(
                nothing_to_act_on("campaign", "n opens one", none_yet=none_yet, otherwise=here)
            )
        return campaign

    @property
    def selected(self) -> Campaign | None:
        return self._kanban.selected

    def action_step(self, steps: int) -> None:
        self.keys.step(steps)

    def action_close(self, stage: str) -> None:
        self.keys.close(Stage(stage))

    def action_lost(self) -> None:
        self.keys.lost()

    def action_undo(self) -> None:
        self.keys.undo()

    def action_delete(self) -> None:
        self.keys.delete()

    async def action_move(self) -> None:
        await self.keys.move_form()

    def _follow(self, campaign_id: int) -> None:
        """The cursor stays on the campaign a stage key moves. One reopened from the
        closed board is followed onto the active board: left on the closed one, the
        cursor fell on another closed campaign, and `u` offered to undo its change."""
        if self.closed_view:
            self.follow_new(campaign_id)
        else:
            self._kanban.follow(campaign_id)

    def action_closed(self) -> None:
        """Switch between the active board and the closed campaigns."""
        self._whole_now()
        self._new = None  # the board asked for now, not the one a refused reopen aimed at
        self.closed_view = not self.closed_view
        self._say("")
        if self._data is not None:
            self.show(self._data)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "back_to_active" and not self.closed_view:
            return False  # on the active board escape goes on past the screen, as before
        return super().check_action(action, parameters)

    def action_back_to_active(self) -> None:
        self.action_closed()

    async def action_new(self) -> None:
        from netrack.screens.modal.campaign_form import CampaignForm

        await self.netrack.open_form(CampaignForm(self.repo, added=self.follow_new))

    def follow_new(self, campaign_id: int) -> None:
        """After the next load, the cursor on a campaign just added (from `n` or the
        palette), on whichever board shows it: a stage key pressed next moved the card
        the cursor had stayed on, and one opened as paused was on no board shown."""
        self._new = campaign_id
        self._kanban.follow(campaign_id)

    async def action_edit(self) -> None:
        from netrack.screens.modal.campaign_form import CampaignForm

        campaign = self._need_selection()
        if campaign is not None:
            await self.netrack.open_form(CampaignForm(self.repo, campaign))

    def on_kanban_opened(self, message: Kanban.Opened) -> None:
        self.netrack.open_campaign(message.campaign.id)
