"""A virtual table: a header, rows and a row cursor, where only the rows on screen exist.

The owner says how many rows there are and how to draw row *n* (`cells(n)`); the table
asks for the few it shows. Filtering or sorting 5,000 rows is then a new count and a
cleared cache, where a DataTable would build, measure and lay out every row (about a
second for 5,000).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from netrack.widgets.text import cut

GAP = 1  # spaces before each column
SHORTEST = 4  # a column squeezed to fit keeps this much: "co…"
MARKER = " ▲"  # after the sorted column's label (" ▼" descending): as wide either way
LAST = sys.maxsize  # the row `end` aims at (`before_keys`): the last, however far


@dataclass(frozen=True, slots=True)
class Column:
    """`width` cells wide, or a share (`ratio`) of what the fixed columns leave."""

    key: str
    label: str
    width: int | None = None
    ratio: int = 1
    min_width: int = 6


def layout(columns: Sequence[Column], total: int, sorted_by: str | None = None) -> list[int]:
    """The width of each column for a table `total` cells wide; the column keyed
    `sorted_by` wide enough for its label and the sort marker: "Strength ▼" in 8 cells
    read "Strengt…" however wide the screen."""
    labels = [cell_len(c.label) for c in columns if c.key == sorted_by]
    marked = cell_len(MARKER) + labels[0] if labels else SHORTEST
    columns = [
        replace(
            c,
            width=None if c.width is None else max(c.width, marked),
            min_width=max(c.min_width, marked),
        )
        if c.key == sorted_by
        else c
        for c in columns
    ]
    fixed = sum(c.width or 0 for c in columns) + GAP * len(columns)
    flexible = [c for c in columns if c.width is None]
    spare = max(0, total - fixed)
    shares = sum(c.ratio for c in flexible) or 1
    widths, given = [], 0
    for column in columns:
        if column.width is not None:
            widths.append(column.width)
            continue
        width = spare * column.ratio // shares
        given += width
        widths.append(max(column.min_width, width))
    if flexible and given < spare:  # rounding leftovers go to the first flexible column
        first = next(i for i, c in enumerate(columns) if c.width is None)
        widths[first] += spare - given
    # Wider than the table (the columns' minimums at 80 cells): the last columns give up
    # the excess, so each ends in "…" where cut rather than the row's edge cutting a
    # word ("cold_outre") with nothing to say so.
    # The sorted column keeps its label and marker while the others can give cells.
    over = sum(widths) + GAP * len(columns) - total
    for keeps in (marked, SHORTEST):
        for index in reversed(range(len(widths))):
            if over <= 0:
                break
            least = keeps if columns[index].key == sorted_by else SHORTEST
            taken = min(over, max(0, widths[index] - least))
            widths[index] -= taken
            over -= taken
    return widths


class VirtualTable(ScrollView, can_focus=True):
    """Rows drawn on demand; `enter` or a click on the cursor row selects it."""

    DEFAULT_CSS = """
    VirtualTable {
        background: $surface;
        color: $foreground;
        height: 1fr;
        overflow-x: hidden;
        & > .virtual-table--header { text-style: bold; background: $panel; }
        & > .virtual-table--even { background: $surface-lighten-1 50%; }
        & > .virtual-table--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
        }
        &:focus > .virtual-table--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: $block-cursor-text-style;
        }
        &:dark > .virtual-table--even { background: $surface-darken-1 40%; }
    }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "virtual-table--header",
        "virtual-table--even",
        "virtual-table--cursor",
    }
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "cursor(-1)", "Up", show=False),
        Binding("down,j", "cursor(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "ends(0)", "First", show=False),
        Binding("end", "ends(1)", "Last", show=False),
        Binding("enter", "select", "Open", show=False),
    ]

    class RowSelected(Message):
        """The user chose row `index` (enter, or a click on the cursor row)."""

        def __init__(self, table: VirtualTable, index: int) -> None:
            super().__init__()
            self.table, self.index = table, index

        @property
        def control(self) -> VirtualTable:
            return self.table

    class HeaderSelected(Message):
        """The user clicked the header of column `key`."""

        def __init__(self, table: VirtualTable, key: str) -> None:
            super().__init__()
            self.table, self.key = table, key

        @property
        def control(self) -> VirtualTable:
            return self.table

    def __init__(
        self,
        columns: Sequence[Column],
        cells: Callable[[int], Sequence[Text]],
        *,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.columns = tuple(columns)
        self.cells = cells
        self.row_count = 0
        self.cursor_row = 0
        self.sort_marker: tuple[str, bool] | None = None  # (column key, descending)
        self._lines: dict[tuple[int, bool, int], Strip] = {}
        # Called when a key or a click takes the cursor to another row (not when the
        # owner moves it): the owner clears what it said of the row left.
        self.left_row: Callable[[], None] = lambda: None
        # Called before a key moves the cursor or opens a row, as the Pipeline's board
        # does: the owner reads its rows now where they have not come yet (`2 j j enter`
        # typed while Contacts loaded a long history moved nothing and opened nothing).
        # Given the row the key aims at (`LAST`: the last, however many there are): the
        # first rows of a list still read may hold it.
        self.before_keys: Callable[[int], None] = lambda _row: None
        # Called when enter finds no row under the cursor: the owner says why.
        self.nothing_to_open: Callable[[], object] = lambda: None

    # --- what the owner calls ----------------------------------------------------------

    def set_rows(self, count: int, cursor: int = 0) -> None:
        """Show `count` rows (drawn again from `cells`), the cursor on row `cursor`."""
        self.row_count = count
        self._lines.clear()
        self.virtual_size = Size(self.size.width, count + 1)
        self.move_cursor(cursor)
        # Scrolled again once the new size is laid out: until then a scroll stops at the
        # old rows' end (`end` typed while Contacts read a long list: the cursor on the
        # last row, the view left at the top).
        self.call_after_refresh(self._scroll_to_cursor)
        self.refresh()

    def move_cursor(self, row: int) -> None:
        self.cursor_row = max(0, min(row, self.row_count - 1))
        self._scroll_to_cursor()
        self.refresh()

    # --- drawing -----------------------------------------------------------------------

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._lines.clear()

    def on_resize(self, _event: events.Resize) -> None:
        self.virtual_size = Size(self.size.width, self.row_count + 1)
        self._lines.clear()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if y == 0:
            return self._header(width)
        index = round(self.scroll_offset.y) + y - 1
        if index >= self.row_count:
            return Strip.blank(width, self.rich_style)
        key = (index, index == self.cursor_row and self.has_focus, width)
        line = self._lines.get(key)
        if line is None:
            if len(self._lines) > 500:
                self._lines.clear()
            line = self._lines[key] = self._row(index, width)
        return line

    def _header(self, width: int) -> Strip:
        labels = []
        for column in self.columns:
            label = column.label
            if self.sort_marker and self.sort_marker[0] == column.key:
                label += " ▼" if self.sort_marker[1] else MARKER
            labels.append(Text(label))
        style = self.rich_style + self.get_component_rich_style("virtual-table--header")
        return self._strip(labels, width, style)

    def _widths(self, width: int) -> list[int]:
        return layout(self.columns, width, self.sort_marker[0] if self.sort_marker else None)

    def _row(self, index: int, width: int) -> Strip:
        style = self.rich_style
        if index == self.cursor_row:
            # without focus the CSS gives the cursor row a dimmer mark
            style += self.get_component_rich_style("virtual-table--cursor")
        elif index % 2:
            style += self.get_component_rich_style("virtual-table--even")
        return self._strip(list(self.cells(index)), width, style)

    def _strip(self, cells: list[Text], width: int, style: Style) -> Strip:
        console = self.app.console
        segments: list[Segment] = []
        for cell, size in zip(cells, self._widths(width), strict=False):
            segments.append(Segment(" " * GAP, Style.null()))
            text = cut(cell, size, pad=True)  # between whole graphemes, a flag never halved
            text.no_wrap = True
            segments.extend(text.render(console))
        return Strip(segments).adjust_cell_length(width).apply_style(style)

    # --- moving and choosing -----------------------------------------------------------

    def _page(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)

    def _scroll_to_cursor(self) -> None:
        top = round(self.scroll_offset.y)
        if self.cursor_row < top:
            self.scroll_to(y=self.cursor_row, animate=False)
        elif self.cursor_row > top + self._page() - 1:
            self.scroll_to(y=self.cursor_row - self._page() + 1, animate=False)

    def _user_moves_to(self, row: int) -> None:
        left = self.cursor_row
        self.move_cursor(row)
        if self.cursor_row != left:
            self.left_row()

    def action_cursor(self, step: int) -> None:
        self.before_keys(self.cursor_row + step)
        self._user_moves_to(self.cursor_row + step)

    def action_page(self, step: int) -> None:
        self.before_keys(self.cursor_row + step * self._page())
        self._user_moves_to(self.cursor_row + step * self._page())

    def action_ends(self, last: int) -> None:
        self.before_keys(LAST if last else 0)
        self._user_moves_to(self.row_count - 1 if last else 0)

    def action_select(self) -> None:
        self.before_keys(self.cursor_row)
        if 0 <= self.cursor_row < self.row_count:
            self.post_message(self.RowSelected(self, self.cursor_row))
        else:
            self.nothing_to_open()

    def on_focus(self) -> None:
        self._lines.clear()
        self.refresh()

    def on_blur(self) -> None:
        self._lines.clear()
        self.refresh()

    def on_click(self, event: events.Click) -> None:
        if event.y == 0:
            x = event.x
            widths = self._widths(self.scrollable_content_region.width)
            for column, size in zip(self.columns, widths, strict=False):
                if x < size + GAP:
                    self.post_message(self.HeaderSelected(self, column.key))
                    return
                x -= size + GAP
            return
        index = round(self.scroll_offset.y) + event.y - 1
        if 0 <= index < self.row_count:
            if index == self.cursor_row:
                self.action_select()
            else:
                self._user_moves_to(index)
