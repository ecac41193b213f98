"""One column of the pipeline board, drawn line by line: the stage's head, its cards'
lines, and the window that keeps the cursor's card in view with "more" above and below.

Apart from `kanban`, the widget that holds the cursor, answers keys and clicks and lays
the columns side by side; a column knows nothing of Textual's widgets, only strips.
"""

from __future__ import annotations

import sys
from bisect import bisect_left, bisect_right
from collections.abc import Collection
from datetime import date
from typing import NamedTuple

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from netrack.domain.models import Campaign, Stage
from netrack.widgets.literal import visible
from netrack.widgets.text import fit, short_day, words, wrap
from netrack.widgets.urgency import LATE, UPCOMING

EDGE = "▌"  # the cursor card's left edge
HEAD_LINES = 2  # a column's stage name, then a blank line


def card_lines(
    campaign: Campaign, today: date, width: int = 0, twin: bool = False
) -> list[tuple[str, str]]:
    """A card as (line, style) pairs: organization, title (two lines at most), the id
    of a `twin` (another campaign has its name), days in stage and priority, next
    follow-up; a lost campaign's reason.

    With a known `width`, lines are cut on words with an ellipsis instead of being folded
    mid-word, so narrow terminals stay readable. User text stays literal.
    """
    meta = f"{(today - campaign.stage_since).days}d"
    if campaign.priority:
        meta += f" · p{campaign.priority}"
    follow = ""
    if campaign.next_follow_up:
        follow = f"fu {short_day(campaign.next_follow_up, today, '%a %b %d')}"
        if 0 < width < len(follow):  # narrow: the day it is, not "fu Fri…"
            follow = f"fu {short_day(campaign.next_follow_up, today, '%m-%d')}"
    reason = words(campaign.lost_reason) if campaign.stage == Stage.LOST else ""
    org, title = visible(campaign.organization), visible(campaign.title)
    told = f"[id:{campaign.id}]" if twin else ""
    titles = [title]
    if width > 0:
        org, meta, follow = fit(org, width), fit(meta, width), fit(follow, width)
        reason, told = fit(reason, width), fit(told, width)
        titles = wrap(title, width) or [""]
        if len(titles) > 3:
            titles = [*titles[:2], " ".join(titles[2:])]
        titles = [fit(line, width) for line in titles]
    lines = [(org, "bold"), *((line, "") for line in titles)]
    if told:  # as the CLI names it ("Acme Eng [id:2]"), on its own line: no title cuts it
        lines.append((told, "dim"))
    lines.append((meta, "dim"))
    if follow:  # overdue marked late, as the Agenda marks it
        overdue = campaign.next_follow_up is not None and campaign.next_follow_up < today
        lines.append((follow, "late" if overdue else "upcoming"))
    if reason:
        lines.append((reason, "dim"))
    return lines


_STYLES = {name: Style.parse(name) for name in ("bold", "", "dim")} | {
    "late": LATE,
    "upcoming": UPCOMING,
}
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
        self.twins: Collection[int] = ()  # cards that name their id (`card_lines`)
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
        self,
        cards: list[Campaign],
        today: date,
        cursor: int | None,
        total: int | None = None,
        twins: Collection[int] = (),
    ) -> None:
        """`cards`, the first `total` of the stage's (None: all of them); `twins`: the
        ones whose name another campaign shares."""
        self.cards, self.today, self.cursor, self.twins = cards, today, cursor, twins
        self.total = len(cards) if total is None else max(total, len(cards))
        self._drawn_for, self._on_cursor = None, (None, [])
        self._window_for = (None, (0, 0, False, False))

    # --- drawing -----------------------------------------------------------------------

    def _card_lines(self, row: int, width: int, palette: Palette, on: bool) -> list[Strip]:
        background = palette.cursor if on else palette.card
        strips = []
        campaign = self.cards[row]
        twin = campaign.id in self.twins
        for line, style in card_lines(campaign, self.today, max(1, width - 2), twin):
            # One segment a line, padding included (bold or dim spaces look the same):
            # each segment costs an escape sequence on every frame sent to the terminal.
            look, pad = background + _STYLES[style], " " * (width - 1 - cell_len(line))
            if look.bgcolor == background.bgcolor:
                texts = [Segment(line + pad, look)]
            else:  # a band of its own (late) under the words only, not the card's width
                texts, look = [Segment(line, look), Segment(pad, background)], background
            edge = Segment(EDGE, palette.edge) if on else Segment(" ", look)
            strips.append(Strip([edge, *texts], width).simplify())
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
            span = self._spans[self.cursor]
            if self._top > 0 or span[1] > height - 1:  # at the top, it shows there
                self._top = scroll_top(self._top, span, shown)
        self._draw_until(width, palette, lines=self._top + shown + 1)
        if len(self._drawn) == self.total:  # no gap line after the last card
            self._top = max(0, min(self._top, self._line_count() - 1 - shown))
        # The window starts on a card's first line: scrolled to a card's end, it began
        # mid-card (a card without its organization, "↑ 0 more" above it). The next
        # card's start is no later than the cursor's, whose end stays in view.
        self._top = self._first_card_from(self._top)
        if self._top == 0:  # nothing above: cards from the first line, as other columns'
            shown = max(1, height - 1)
        self._draw_until(width, palette, lines=self._top + shown + 1)
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
        # The first line says "↑ N more" only when cards are scrolled away above: kept
        # blank for it at the top, the column's cards began a line below the others'.
        if above:
            if body == 0:
                text = f"↑ {self._cards_before(top)} more"
                return Strip([Segment(text, palette.more)]).adjust_cell_length(width, BLANK)
            body -= 1
        if (above or below) and body == shown:
            hidden = self.total - self._cards_before(top + shown)
            text = f"↓ {hidden} more" if below else ""
            return Strip([Segment(text, palette.more)]).adjust_cell_length(width, BLANK)
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

    def _first_card_from(self, line: int) -> int:
        """The first line of the first drawn card that starts at or after `line`."""
        row = bisect_left(self._spans, (line, 0))
        return self._spans[row][0] if row < len(self._spans) else line

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

    def paged(self, row: int, pages: int, width: int, height: int, palette: Palette) -> int:
        """The card a page key takes the cursor to from card `row`, in a column `height`
        lines high: the first card a window further down (`pages` 1) or up (-1) starts
        at, as a table's page moves by the rows it shows; at least the next card. Cards
        are of different heights, so the window is counted in lines."""
        if not self.cards:
            return 0
        row = max(0, min(row, len(self.cards) - 1))
        shown = max(1, height - HEAD_LINES - 2)  # as `_place_window`: "more" above, below
        self._draw_until(width, palette, row=row)
        target = self._spans[row][0] + pages * shown
        self._draw_until(width, palette, lines=target + 1)
        starts = [start for start, _end in self._spans]
        if pages > 0:
            moved = max(row + 1, bisect_right(starts, target) - 1)
        else:
            moved = min(row - 1, bisect_left(starts, target))
        return max(0, min(moved, len(self.cards) - 1))

    def row_at(self, y: int, width: int, height: int, palette: Palette) -> int | None:
        """The card drawn at line `y`, if any."""
        body = y - HEAD_LINES
        if body < 0 or not self.cards:
            return None
        top, shown, above, _below = self._window(width, height - HEAD_LINES, palette)
        body -= 1 if above else 0
        return self._card_at(top + body) if 0 <= body < shown else None
