"""The pipeline board: a column per stage shown (the active ones, or the closed ones), a
card per campaign, one cursor.

Attributes down: `Kanban.update(campaigns, today, stages)`. Messages up: `Kanban.Opened` when the
user presses enter on a card (or clicks the card under the cursor). The screen reads
`Kanban.selected` for its stage keys.

The board is one widget that draws its columns line by line (Textual's line API); each
column scrolls itself to keep the cursor's card in view and draws only the cards it
shows. A widget per card (or per column) meant dozens to hundreds of widgets to style
and lay out before the board first showed; this way the first screen paints at once,
however long the pipeline.
"""

from __future__ import annotations

import sys
from bisect import bisect_right
from collections.abc import Callable, Mapping
from datetime import date
from typing import ClassVar, NamedTuple

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget

from netrack.domain.models import ACTIVE_STAGES, Campaign, Stage
from netrack.widgets.literal import visible
from netrack.widgets.text import fit, words, wrap

EDGE = "▌"  # the cursor card's left edge
HEAD_LINES = 2  # a column's stage name, then a blank line
GAP = 1  # columns between two stage columns


def card_lines(campaign: Campaign, today: date, width: int = 0) -> list[tuple[str, str]]:
    """A card as (line, style) pairs: organization, title (two lines at most), days in
    stage and priority, next follow-up; a lost campaign's reason.

    With a known `width`, lines are cut on words with an ellipsis instead of being folded
    mid-word, so narrow terminals stay readable. User text stays literal.
    """
    meta = f"{(today - campaign.stage_since).days}d"
    if campaign.priority:
        meta += f" · p{campaign.priority}"
    follow = ""
    if campaign.next_follow_up:
        follow = f"fu {campaign.next_follow_up:%a %b %d}"
        if 0 < width < len(follow):  # narrow: the day it is, not "fu Fri…"
            follow = f"fu {campaign.next_follow_up:%m-%d}"
    reason = words(campaign.lost_reason) if campaign.stage == Stage.LOST else ""
    org, title = visible(campaign.organization), visible(campaign.title)
    titles = [title]
    if width > 0:
        org, meta, follow = fit(org, width), fit(meta, width), fit(follow, width)
        reason = fit(reason, width)
        titles = wrap(title, width) or [""]
        if len(titles) > 3:
            titles = [*titles[:2], " ".join(titles[2:])]
        titles = [fit(line, width) for line in titles]
    lines = [(org, "bold"), *((line, "") for line in titles), (meta, "dim")]
    if follow:  # overdue in red, as the Agenda says it
        overdue = campaign.next_follow_up is not None and campaign.next_follow_up < today
        lines.append((follow, "red" if overdue else "yellow"))
    if reason:
        lines.append((reason, "dim"))
    return lines


_STYLES = {name: Style.parse(name) for name in ("bold", "", "dim", "yellow", "red")}
# Unstyled cells still carry a Style: NO_COLOR's monochrome filter reads every segment's.
BLANK = Style.null()


def scroll_top(top: int, span: tuple[int, int], height: int) -> int:
    """The first line to show so that `span` (start, end) is in a window of `height`,
    moving as little as possible from `top`."""
    start, end = span
    if end - start >= height or start < top:
        return start
    if end > top + height:
        return end - height
    return top


class Palette(NamedTuple):
    """The board's styles, read from its component classes (so from the theme)."""

    head: Style
    head_current: Style
    card: Style
    cursor: Style
    edge: Style
    more: Style


class Column:
    """One stage: its name and count, then its cards, the cursor's card kept in view.

    Cards are drawn into lines only as far as the window needs them, so a column of
    hundreds of campaigns costs no more to show than one of ten.
    """

    def __init__(self, stage: Stage) -> None:
        self.stage = stage
        self.cards: list[Campaign] = []
        self.total = 0  # campaigns in the stage: more than `cards` on a first frame
        self.cursor: int | None = None  # the cursor's card when this is the current column
        self.others_have_cards = False  # then, empty, it marks the cursor on it
        self.today = date.today()
        self._top = 0  # first card line shown
        self._drawn: list[list[Strip]] = []  # the first cards, drawn without the cursor
        self._spans: list[tuple[int, int]] = []  # card → (first line, end line)
        self._drawn_for: tuple[object, ...] | None = None
        self._on_cursor: tuple[object, list[Strip]] = (None, [])  # the cursor's card
        self._window_for: tuple[object, tuple[int, int, bool, bool]] = (None, (0, 0, False, False))

    def show(
        self, cards: list[Campaign], today: date, cursor: int | None, total: int | None = None
    ) -> None:
        """`cards`, the first `total` of the stage's (None: all of them)."""
        self.cards, self.today, self.cursor = cards, today, cursor
        self.total = len(cards) if total is None else max(total, len(cards))
        self._drawn_for, self._on_cursor = None, (None, [])
        self._window_for = (None, (0, 0, False, False))

    # --- drawing -----------------------------------------------------------------------

    def _card_lines(self, row: int, width: int, palette: Palette, on: bool) -> list[Strip]:
        background = palette.cursor if on else palette.card
        strips = []
        for line, style in card_lines(self.cards[row], self.today, max(1, width - 2)):
            # One segment a line, padding included (bold or dim spaces look the same):
            # each segment costs an escape sequence on every frame sent to the terminal.
            text = Segment(line + " " * (width - 1 - cell_len(line)), background + _STYLES[style])
            edge = Segment(EDGE, palette.edge) if on else Segment(" ", text.style)
            strips.append(Strip([edge, text], width).simplify())
        return strips

    def _draw_until(self, width: int, palette: Palette, lines: int = 0, row: int = -1) -> None:
        """Draw cards in order until `lines` lines and card `row` are drawn (or all are)."""
        key = (width, palette)
        if self._drawn_for != key:
            self._drawn_for, self._drawn, self._spans = key, [], []
        while len(self._drawn) < len(self.cards) and (
            len(self._drawn) <= row or self._line_count() < lines
        ):
            card = self._card_lines(len(self._drawn), width, palette, on=False)
            first = self._line_count()
            self._drawn.append(card)
            self._spans.append((first, first + len(card)))

    def _line_count(self) -> int:
        return self._spans[-1][1] + 1 if self._spans else 0  # each card, then a gap line

    def _window(self, width: int, height: int, palette: Palette) -> tuple[int, int, bool, bool]:
        """(top, lines shown, more above, more below) for a body of `height` lines; worked
        out once per frame, not once per line."""
        key = (width, height, palette, self.cursor, id(self.cards))
        if self._window_for[0] != key:
            self._window_for = (key, self._place_window(width, height, palette))
        return self._window_for[1]

    def _place_window(
        self, width: int, height: int, palette: Palette
    ) -> tuple[int, int, bool, bool]:
        self._draw_until(width, palette, lines=height + 1)
        everything = len(self._drawn) == self.total
        if everything and self._line_count() - 1 <= height:  # the last gap may be cut
            return 0, height, False, False
        shown = max(1, height - 2)  # one line each for "above" and "below"
        if self.cursor is not None and 0 <= self.cursor < len(self.cards):
            self._draw_until(width, palette, row=self.cursor)
            self._top = scroll_top(self._top, self._spans[self.cursor], shown)
        self._draw_until(width, palette, lines=self._top + shown + 1)
        if len(self._drawn) == self.total:  # no gap line after the last card
            self._top = max(0, min(self._top, self._line_count() - 1 - shown))
        below = self._cards_before(self._top + shown) < self.total
        return self._top, shown, self._top > 0, below

    def line(self, y: int, width: int, height: int, palette: Palette) -> Strip:
        """Line `y` of this column, `width` cells wide, in a column `height` lines high."""
        if y == 0:
            return self._head(width, palette)
        if y < HEAD_LINES:
            return Strip.blank(width, BLANK)
        body = y - HEAD_LINES
        if not self.cards:
            # The cursor on an empty stage of a board with cards: its edge marks where
            # it is (a monochrome terminal shows no highlighted head).
            if body == 0 and self.cursor is not None and self.others_have_cards:
                segments = [Segment(EDGE, palette.edge), Segment(" empty", palette.more)]
                return Strip(segments).adjust_cell_length(width, BLANK)
            return Strip.blank(width, BLANK)
        top, shown, above, below = self._window(width, height - HEAD_LINES, palette)
        if above or below:
            if body == 0:
                text = f"↑ {self._cards_before(top)} more" if above else ""
                return Strip([Segment(text, palette.more)]).adjust_cell_length(width, BLANK)
            if body == shown + 1:
                hidden = self.total - self._cards_before(top + shown)
                text = f"↓ {hidden} more" if below else ""
                return Strip([Segment(text, palette.more)]).adjust_cell_length(width, BLANK)
            body -= 1
        return (
            self._card_line(top + body, width, palette)
            if body < shown
            else Strip.blank(width, BLANK)
        )

    def _card_line(self, line: int, width: int, palette: Palette) -> Strip:
        """Line `line` of the drawn cards: a card's line, or the gap after a card."""
        row = self._card_at(line)
        if row is None:
            return Strip.blank(width, BLANK)
        lines = self._drawn[row]
        if row == self.cursor:
            key = (self._drawn_for, row)
            if self._on_cursor[0] != key:
                self._on_cursor = (key, self._card_lines(row, width, palette, on=True))
            lines = self._on_cursor[1]
        return lines[line - self._spans[row][0]]

    def _card_at(self, line: int) -> int | None:
        row = bisect_right(self._spans, (line, sys.maxsize)) - 1
        return row if row >= 0 and line < self._spans[row][1] else None

    def _cards_before(self, line: int) -> int:
        """How many cards end before (or at) `line`: the hidden ones above a window."""
        return sum(1 for _, end in self._spans if end <= line)

    def _head(self, width: int, palette: Palette) -> Strip:
        """The stage name and its count; a narrow column shortens the name, not the count."""
        style = palette.head_current if self.cursor is not None else palette.head
        count = f" {self.total}" if self.total else ""
        label = fit(f" {self.stage.label}", max(1, width - len(count)))
        segments = [Segment(label, style), Segment(count, style + Style(dim=True))]
        return Strip(segments).adjust_cell_length(width, style)

    def row_at(self, y: int, width: int, height: int, palette: Palette) -> int | None:
        """The card drawn at line `y`, if any."""
        body = y - HEAD_LINES
        if body < 0 or not self.cards:
            return None
        top, shown, above, _below = self._window(width, height - HEAD_LINES, palette)
        body -= 1 if above else 0
        return self._card_at(top + body) if 0 <= body < shown else None


class Cursor(NamedTuple):
    """The column and the card the cursor is on."""

    column: int = 0
    row: int = 0


class Kanban(Widget, can_focus=True):
    """A column per stage (the seven active ones by default); arrows / hjkl move the cursor."""

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
        Binding("enter", "open", "Open"),
    ]

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
        # The campaign under the cursor on each board left (`c` and back): found again
        self._left_on: dict[tuple[Stage, ...], int | None] = {}
        self._palette: tuple[object, Palette | None] = (None, None)
        # Called before a key moves the cursor or opens a card: the screen reads the
        # whole board first where it holds only each stage's first cards (a key typed
        # in the first instant on a long history went no further than them).
        self.before_keys: Callable[[], None] = lambda: None

    def update(
        self,
        campaigns: list[Campaign],
        today: date,
        stages: tuple[Stage, ...] = ACTIVE_STAGES,
        counts: Mapping[Stage, int] | None = None,
    ) -> None:
        """Show these campaigns in a column per stage of `stages`; the cursor stays on
        the same campaign if it can. `counts`: how many each stage holds, where
        `campaigns` are only each stage's first (None: all of them)."""
        keep = self._follow if self._follow is not None else getattr(self.selected, "id", None)
        board = tuple(column.stage for column in self.stages)
        switched = stages != board
        if switched:
            self._left_on[board] = getattr(self.selected, "id", None)
            if self._follow is None:  # back on a board: on the card left there
                keep = self._left_on.get(stages)
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
            column.show(columns[column.stage], today, here, total)
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
        self.cursor = cursor
        for col, column in enumerate(self.stages):
            column.cursor = cursor.row if col == cursor.column else None
        self.refresh()

    def action_cursor(self, dx: int, dy: int) -> None:
        self.before_keys()
        col = max(0, min(len(self.stages) - 1, self.cursor.column + dx))
        cards = self.stages[col].cards
        row = self.cursor.row + dy if dx == 0 else self.cursor.row
        row = max(0, min(row, len(cards) - 1)) if cards else 0
        self._move_to(Cursor(col, row))

    def action_open(self) -> None:
        self.before_keys()
        if self.selected is not None:
            self.post_message(self.Opened(self.selected))
