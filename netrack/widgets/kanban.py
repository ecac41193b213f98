"""The pipeline board: a column per stage shown (the active ones, or the closed ones), a
card per campaign, one cursor.

Attributes down: `Kanban.update(campaigns, today, stages)`. Messages up: `Kanban.Opened` when the
user presses enter on a card (or clicks the card under the cursor). The screen reads
`Kanban.selected` for its stage keys.

The board is one widget that draws its columns line by line (Textual's line API); each
column scrolls itself to keep the cursor's card in view and draws only the cards it
shows. A widget per card (or per column) meant dozens to hundreds of widgets to style
and lay out before the board first showed; this way the first screen paints at once,
however long the pipeline. The columns are `kanban_column.Column`s; this module is the
widget around them.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from datetime import date
from typing import ClassVar, NamedTuple

from rich.segment import Segment
from textual import events
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget

from netrack.domain.models import ACTIVE_STAGES, Campaign, Stage
from netrack.widgets.kanban_column import BLANK, Column, Palette

GAP = 1  # columns between two stage columns


class Cursor(NamedTuple):
    """The column and the card the cursor is on."""

    column: int = 0
    row: int = 0


class Kanban(Widget, can_focus=True):
    """A column per stage (the seven active ones by default); arrows / hjk move the
    cursor, page up / down and home / end along a column."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "kanban--head",
        "kanban--head-current",
        "kanban--card",
        "kanban--cursor",
        "kanban--edge",
        "kanban--more",
    }
    DEFAULT_CSS = """
    Kanban { height: 1fr; }
    Kanban > .kanban--head { background: $panel; text-style: bold; }
    Kanban > .kanban--head-current { background: $accent 60%; text-style: bold; }
    Kanban > .kanban--card { background: $boost; }
    Kanban > .kanban--cursor { background: $accent 35%; }
    Kanban > .kanban--edge { background: $accent 35%; color: $accent; }
    Kanban > .kanban--more { color: $text-muted; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        # No h/l: `l` is the quick log on every screen (SPEC), so the board moves by
        # arrows, with j/k kept for up and down.
        Binding("left,h", "cursor(-1, 0)", "Left", show=False),
        Binding("right", "cursor(1, 0)", "Right", show=False),
        Binding("up,k", "cursor(0, -1)", "Up", show=False),
        Binding("down,j", "cursor(0, 1)", "Down", show=False),
        # A column of hundreds: by a screenful, or to either end, as the tables move.
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "ends(0)", "First", show=False),
        Binding("end", "ends(1)", "Last", show=False),
        Binding("enter", "open", "Open"),
    ]

    # Shown by `?` beside these keys (see netrack.screens.help): the column's, not the board's.
    HELP_NOTES: ClassVar[dict[str, str]] = {
        "pageup": "a screenful of cards up the column",
        "pagedown": "a screenful of cards down the column",
        "home": "the column's first card",
        "end": "the column's last card",
    }

    class Opened(Message):
        def __init__(self, campaign: Campaign) -> None:
            super().__init__()
            self.campaign = campaign

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id)
        self.stages = [Column(stage) for stage in ACTIVE_STAGES]
        self.cursor = Cursor()
        self._shown = False  # campaigns shown once: the cursor was placed
        self._follow: int | None = None
        # The campaign under the cursor on each board left (`c` and back): found again,
        # or, gone from it (reopened), the place it had there: on a neighbour
        self._left_on: dict[tuple[Stage, ...], tuple[int | None, Cursor]] = {}
        self._palette: tuple[object, Palette | None] = (None, None)
        # Called before a key moves the cursor or opens a card: the screen reads the
        # whole board first where it holds only each stage's first cards (a key typed
        # in the first instant on a long history went no further than them).
        self.before_keys: Callable[[], None] = lambda: None
        # Called when a key or a click takes the cursor to another campaign: the screen
        # clears a refusal said of the one left ("p pauses it" stayed over the next).
        self.left_card: Callable[[], None] = lambda: None
        # Called when enter finds no card under the cursor: the screen says why.
        self.nothing_to_open: Callable[[], object] = lambda: None

    def update(
        self,
        campaigns: list[Campaign],
        today: date,
        stages: tuple[Stage, ...] = ACTIVE_STAGES,
        counts: Mapping[Stage, int] | None = None,
        twins: Collection[int] = (),
    ) -> None:
        """Show these campaigns in a column per stage of `stages`; the cursor stays on
        the same campaign if it can. `counts`: how many each stage holds, where
        `campaigns` are only each stage's first (None: all of them); `twins`: the
        campaigns whose cards name their id, another sharing their name."""
        keep = self._follow if self._follow is not None else getattr(self.selected, "id", None)
        board = tuple(column.stage for column in self.stages)
        switched = stages != board
        if switched:
            self._left_on[board] = (getattr(self.selected, "id", None), self.cursor)
            left_on, self.cursor = self._left_on.get(stages, (None, self.cursor))
            if self._follow is None:  # back on a board: on the card left there
                keep = left_on
            self.stages = [Column(stage) for stage in stages]
        self._follow = None
        columns: dict[Stage, list[Campaign]] = {stage: [] for stage in stages}
        for campaign in campaigns:
            if campaign.stage in columns:
                columns[campaign.stage].append(campaign)
        self.cursor = self._place(keep, columns)
        first = not self._shown and any(columns.values())
        self._shown = self._shown or first
        if (switched or first) and not columns[stages[self.cursor.column]]:
            # Another board (`c`), or the first campaigns shown: on the first card, not
            # in an empty column, where keys said "no campaign under the cursor".
            full = [col for col, stage in enumerate(stages) if columns[stage]]
            if full:
                self.cursor = Cursor(full[0], 0)
        anything = any(columns.values())  # an empty board says what to do instead
        for col, column in enumerate(self.stages):
            here = self.cursor.row if col == self.cursor.column else None
            column.others_have_cards = anything
            total = None if counts is None else counts.get(column.stage, 0)
            column.show(columns[column.stage], today, here, total, twins)
        self.refresh()

    def follow(self, campaign_id: int) -> None:
        """After the next update, put the cursor on this campaign wherever it went."""
        self._follow = campaign_id

    def _place(self, campaign_id: int | None, columns: dict[Stage, list[Campaign]]) -> Cursor:
        stages = list(columns)
        for col, stage in enumerate(stages):
            for row, campaign in enumerate(columns[stage]):
                if campaign.id == campaign_id:
                    return Cursor(col, row)
        col = min(self.cursor.column, len(stages) - 1)
        cards = columns[stages[col]]
        return Cursor(col, max(0, min(self.cursor.row, len(cards) - 1)))

    @property
    def selected(self) -> Campaign | None:
        cards = self.stages[self.cursor.column].cards
        return cards[self.cursor.row] if 0 <= self.cursor.row < len(cards) else None

    # --- drawing -----------------------------------------------------------------------

    def palette(self) -> Palette:
        theme = self.app.theme
        if self._palette[0] != theme or self._palette[1] is None:
            part = self.get_component_rich_style
            self._palette = (
                theme,
                Palette(
                    part("kanban--head"),
                    part("kanban--head-current"),
                    part("kanban--card"),
                    part("kanban--cursor"),
                    part("kanban--edge"),
                    part("kanban--more"),
                ),
            )
        assert self._palette[1] is not None
        return self._palette[1]

    def _widths(self, width: int) -> list[int]:
        """Each column's width: the room left by the gaps, shared out as evenly as cells
        allow (the first columns take the odd cells)."""
        count = len(self.stages)
        room = max(0, width - GAP * (count + 1))  # a gap before each column and at the end
        share, extra = divmod(room, count)
        return [share + (1 if col < extra else 0) for col in range(count)]

    def render_line(self, y: int) -> Strip:
        # outer_size: the size from the last layout, read directly; `size` looks the
        # region up on the screen for each of the ~40 lines. The board has no padding or
        # border, so the two are the same.
        width, height = self.outer_size
        palette = self.palette()
        # Segments gathered into one Strip: a Strip per part, joined, cost as much again.
        gap = Segment(" " * GAP, BLANK)
        segments: list[Segment] = []
        widths = self._widths(width)
        for column, column_width in zip(self.stages, widths, strict=True):
            segments.append(gap)
            segments.extend(column.line(y, column_width, height, palette))
        segments.append(Segment(" " * max(0, width - GAP * len(widths) - sum(widths)), BLANK))
        return Strip(Segment.simplify(segments), width)  # runs of blank cells as one segment

    def on_click(self, event: events.Click) -> None:
        x = event.x
        width, height = self.outer_size
        for col, column_width in enumerate(self._widths(width)):
            x -= GAP
            if 0 <= x < column_width:
                column = self.stages[col]
                row = column.row_at(event.y, column_width, height, self.palette())
                if row is not None:
                    event.stop()
                    self._clicked(Cursor(col, row))
                return
            x -= column_width

    def _clicked(self, target: Cursor) -> None:
        if target == self.cursor:  # a second click on the cursor's card opens it
            self.action_open()
        else:
            self._move_to(target)

    # --- keys --------------------------------------------------------------------------

    def _move_to(self, cursor: Cursor) -> None:
        left = getattr(self.selected, "id", None)
        self.cursor = cursor
        for col, column in enumerate(self.stages):
            column.cursor = cursor.row if col == cursor.column else None
        self.refresh()
        if getattr(self.selected, "id", None) != left:
            self.left_card()

    def action_cursor(self, dx: int, dy: int) -> None:
        self.before_keys()
        col = max(0, min(len(self.stages) - 1, self.cursor.column + dx))
        cards = self.stages[col].cards
        row = self.cursor.row + dy if dx == 0 else self.cursor.row
        row = max(0, min(row, len(cards) - 1)) if cards else 0
        self._move_to(Cursor(col, row))

    def action_page(self, pages: int) -> None:
        self.before_keys()
        col = self.cursor.column
        width, height = self.outer_size
        row = self.stages[col].paged(
            self.cursor.row, pages, self._widths(width)[col], height, self.palette()
        )
        self._move_to(Cursor(col, row))

    def action_ends(self, last: int) -> None:
        self.before_keys()
        cards = self.stages[self.cursor.column].cards
        self._move_to(Cursor(self.cursor.column, len(cards) - 1 if last and cards else 0))

    def action_open(self) -> None:
        self.before_keys()
        if self.selected is not None:
            self.post_message(self.Opened(self.selected))
        else:
            self.nothing_to_open()
