"""The pipeline board: a column per active stage, a card per campaign, one cursor.

Attributes down: `Kanban.update(campaigns, today)`. Messages up: `Kanban.Opened` when the
user presses enter on a card. The screen reads `Kanban.selected` for its stage keys.

A column mounts its first `PAGE` cards and a "more" line; moving the cursor down past them
mounts the next page. Years of campaigns would otherwise mean hundreds of widgets to
style and lay out before the board first shows.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import Static

from netrack.domain.models import ACTIVE_STAGES, Campaign, Stage
from netrack.widgets.literal import visible

PAGE = 8  # cards mounted per column at first (a 40-row terminal shows about six)


def fit(text: str, width: int) -> str:
    """One line of at most `width` characters, with an ellipsis when cut."""
    return text if len(text) <= width else text[: max(0, width - 1)] + "…"


def card_text(campaign: Campaign, today: date, width: int = 0) -> Text:
    """Organization, title (two lines at most), days in stage, next follow-up and priority.

    With a known `width`, lines are cut on words with an ellipsis instead of being folded
    mid-word, so narrow terminals stay readable. User text stays literal.
    """
    meta = f"{(today - campaign.stage_since).days}d"
    if campaign.priority:
        meta += f" · p{campaign.priority}"
    follow = f"fu {campaign.next_follow_up:%a %b %d}" if campaign.next_follow_up else ""
    org, title = visible(campaign.organization), visible(campaign.title)
    if width > 0:
        org, meta, follow = fit(org, width), fit(meta, width), fit(follow, width)
        lines = textwrap.wrap(title, width, break_long_words=False) or [""]
        if len(lines) > 3:
            lines = [*lines[:2], " ".join(lines[2:])]
        title = "\n".join(fit(line, width) for line in lines)
    text = Text(org, style="bold")
    text.append("\n")
    text.append(title)
    text.append("\n")
    text.append(meta, style="dim")
    if follow:
        text.append("\n")
        text.append(follow, style="yellow")
    return text


class CampaignCard(Static):
    DEFAULT_CSS = """
    CampaignCard {
        background: $boost;
        padding: 0 1;
        margin: 0 0 1 0;
        height: auto;
        width: 1fr;
    }
    CampaignCard.-cursor { background: $accent 35%; padding: 0 1 0 0; border-left: outer $accent; }
    """

    def __init__(self, campaign: Campaign, today: date, width: int, cursor: bool) -> None:
        super().__init__(card_text(campaign, today, width), classes="-cursor" if cursor else "")
        self.campaign = campaign


class StageColumn(VerticalScroll, can_focus=False):
    DEFAULT_CSS = """
    StageColumn {
        width: 1fr;
        height: 1fr;
        margin: 0 0 0 1;
        scrollbar-size-vertical: 1;
    }
    StageColumn > .stage-head {
        dock: top;
        height: 1;
        width: 1fr;
        background: $panel;
        text-style: bold;
        padding: 0 1;
        margin: 0 0 1 0;
    }
    StageColumn.-current > .stage-head { background: $accent 60%; }
    """

    def __init__(self, stage: Stage) -> None:
        super().__init__(id=f"stage-{stage.value}")
        self.stage = stage

    def compose(self) -> ComposeResult:
        yield Static(self.stage.label, classes="stage-head")

    def set_count(self, count: int) -> None:
        head = Text(self.stage.label, overflow="ellipsis", no_wrap=True)
        if count:
            head.append(f" {count}", style="dim")
        self.query_one(".stage-head", Static).update(head)


@dataclass(frozen=True, slots=True)
class Cursor:
    column: int = 0
    row: int = 0


class Kanban(Horizontal, can_focus=True):
    """Seven stage columns; arrows / hjkl move the cursor."""

    DEFAULT_CSS = """
    Kanban { height: 1fr; padding: 0 1 0 0; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left,h", "cursor(-1, 0)", "Left", show=False),
        Binding("right,l", "cursor(1, 0)", "Right", show=False),
        Binding("up,k", "cursor(0, -1)", "Up", show=False),
        Binding("down,j", "cursor(0, 1)", "Down", show=False),
        Binding("enter", "open", "Open"),
    ]

    class Opened(Message):
        def __init__(self, campaign: Campaign) -> None:
            super().__init__()
            self.campaign = campaign

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id)
        self.columns: dict[Stage, list[Campaign]] = {stage: [] for stage in ACTIVE_STAGES}
        self.cursor = Cursor()
        self._today = date.today()
        self._follow: int | None = None
        self._width = 0
        self._mounted: dict[Stage, int] = {}  # cards mounted per column

    def compose(self) -> ComposeResult:
        for stage in ACTIVE_STAGES:
            yield StageColumn(stage)

    def update(self, campaigns: list[Campaign], today: date) -> None:
        """Show these campaigns; the cursor stays on the same campaign if it can."""
        keep = self._follow if self._follow is not None else getattr(self.selected, "id", None)
        self._follow = None
        self._today = today
        self.columns = {stage: [] for stage in ACTIVE_STAGES}
        for campaign in campaigns:
            if campaign.stage in self.columns:
                self.columns[campaign.stage].append(campaign)
        self.cursor = self._place(keep)
        self._render_cards()

    def on_resize(self) -> None:
        # Cards cut their lines to the column width: recut them when it changes.
        if any(self.columns.values()):
            self.call_after_refresh(self._recut)

    def _recut(self) -> None:
        if self._card_width() != self._width:
            self._render_cards()

    def _card_width(self) -> int:
        return self.query(StageColumn).first().size.width - 2  # the card's padding

    def follow(self, campaign_id: int) -> None:
        """After the next update, put the cursor on this campaign wherever it went."""
        self._follow = campaign_id

    def _place(self, campaign_id: int | None) -> Cursor:
        for col, stage in enumerate(ACTIVE_STAGES):
            for row, campaign in enumerate(self.columns[stage]):
                if campaign.id == campaign_id:
                    return Cursor(col, row)
        col = min(self.cursor.column, len(ACTIVE_STAGES) - 1)
        cards = self.columns[ACTIVE_STAGES[col]]
        return Cursor(col, max(0, min(self.cursor.row, len(cards) - 1)))

    def _render_cards(self) -> None:
        self._width = self._card_width()
        with self.app.batch_update():
            for col in range(len(ACTIVE_STAGES)):
                self._render_column(col)
            self._mark_current_column()

    def _render_column(self, col: int) -> None:
        """Mount the column's first page of cards, or up to the cursor if it is further."""
        stage = ACTIVE_STAGES[col]
        column = self.query_one(f"#stage-{stage.value}", StageColumn)
        cards = self.columns[stage]
        wanted = PAGE
        if col == self.cursor.column:
            wanted = max(PAGE, (self.cursor.row // PAGE + 1) * PAGE)
        shown = cards[:wanted]
        self._mounted[stage] = len(shown)
        column.set_count(len(cards))
        column.query(CampaignCard).remove()
        column.query(".more").remove()
        column.mount_all(
            CampaignCard(c, self._today, self._width, cursor=(col, row) == self._cursor_tuple)
            for row, c in enumerate(shown)
        )
        if len(cards) > len(shown):
            more = f"+{len(cards) - len(shown)} more: move down to see them"
            column.mount(Static(Text(more, style="dim"), classes="more"))

    @property
    def _cursor_tuple(self) -> tuple[int, int]:
        return (self.cursor.column, self.cursor.row)

    @property
    def selected(self) -> Campaign | None:
        cards = self.columns[ACTIVE_STAGES[self.cursor.column]]
        return cards[self.cursor.row] if 0 <= self.cursor.row < len(cards) else None

    def _mark_current_column(self) -> None:
        for col, column in enumerate(self.query(StageColumn)):
            column.set_class(col == self.cursor.column, "-current")

    def action_cursor(self, dx: int, dy: int) -> None:
        col = max(0, min(len(ACTIVE_STAGES) - 1, self.cursor.column + dx))
        cards = self.columns[ACTIVE_STAGES[col]]
        row = self.cursor.row + dy if dx == 0 else self.cursor.row
        row = max(0, min(row, len(cards) - 1)) if cards else 0
        self.cursor = Cursor(col, row)
        if row >= self._mounted.get(ACTIVE_STAGES[col], 0) and cards:
            self._render_column(col)
        self._mark_cursor()

    def _mark_cursor(self) -> None:
        self._mark_current_column()
        for col, column in enumerate(self.query(StageColumn)):
            for row, card in enumerate(column.query(CampaignCard)):
                on = (col, row) == self._cursor_tuple
                card.set_class(on, "-cursor")
                if on:
                    card.scroll_visible(animate=False)

    def action_open(self) -> None:
        if self.selected is not None:
            self.post_message(self.Opened(self.selected))
