"""A DataTable whose last column takes the width the others leave, its text ending in
"…" where cut (a note, a goal's why): at 80 columns the table's right edge no longer cuts
a word in half with nothing to say so."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, ClassVar, Self

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions
from rich.containers import Lines
from rich.protocol import rich_cast
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.containers import ScrollableContainer
from textual.coordinate import Coordinate
from textual.widget import Widget
from textual.widgets import DataTable
from textual.widgets._data_table import RowKey, default_cell_formatter

from netrack.widgets.table_rows import add_rows
from netrack.widgets.text import cut

MIN_WIDTH = 8  # narrower than this ("Chloé…"), the table scrolls sideways instead


class Ellipsized(Text):
    """Text on one line, cut between whole graphemes where its column is narrower
    (`text.cut`): Rich's own "ellipsis" overflow measures each half of a flag as a cell
    of its own and left a lone "🇩" before the "…"."""

    def wrap(self, console: Console, width: int, **options: Any) -> Lines:
        if "\n" in self.plain or cell_len(self.plain) <= width:
            return super().wrap(console, width, **options)
        return cut(self, width).wrap(console, width, **options)


def ellipsized(text: Text) -> Text:
    """`text` on one line, ending in "…" where a column cuts it (between graphemes)."""
    shown = Ellipsized(style=text.style, justify=text.justify, no_wrap=True, overflow="ellipsis")
    return shown.append_text(text)


PEOPLE_CELLS = 28  # a "with" column: several people's names end in "…" past this


def capped(text: Text, cells: int = PEOPLE_CELLS) -> Text:
    """`text` on one line of at most `cells` cells, ending in "…" where cut: a group's
    names in a column sized to its widest cell pushed the note off every row."""
    return ellipsized(cut(text, cells))


ENDS = " ·…"  # nothing worth showing before a cut: "Acme…" rather than "Acme… ·…"


def cut_once(text: Text, cells: int) -> Text:
    """`text` in at most `cells` cells, ending in one "…" where cut between whole
    graphemes (a flag never halved); a separator or an ellipsis of its own left just
    before the cut goes with it (a campaign already cut before its note no longer ends
    in "……")."""
    if cell_len(text.plain) <= cells:
        return text
    shown = cut(text, max(cells - 1, 0), ellipsis=False)  # its own "…" only once, below
    while shown.plain and shown.plain[-1] in ENDS:
        shown.right_crop(1)
    if cells > 0:
        shown.append("…")
    shown.no_wrap = True
    return shown


def shares(
    needs: Sequence[int],
    room: int,
    least: int = MIN_WIDTH,
    first: Sequence[int] = (),
    floors: Sequence[int] = (),
) -> list[int]:
    """Widths for columns needing `needs` cells in `room` cells: whole where all fit,
    else the widest cut down to one width, a narrower one's spare cells going to the
    others; none cut under `least`, so a very narrow table scrolls sideways instead.
    The columns at indexes `first` (blank on most rows) give up their cells before
    the others, down to `least`: a "with" column naming someone on one row of twelve
    took 12 cells from every note. `floors`: cells a column keeps whatever the cap (a
    last row that reads whole, "… 114 older: ⏎ shows them")."""
    widths = list(needs)
    if sum(widths) <= room:
        return widths
    for index in first:
        over = sum(widths) - room
        if over > 0:
            widths[index] = max(min(needs[index], least), needs[index] - over)
    keep = list(floors) + [0] * (len(needs) - len(floors))

    def capped_at(cap: int) -> list[int]:
        return [min(w, max(cap, k)) for w, k in zip(widths, keep, strict=True)]

    cap = max(widths)
    while cap > least and sum(capped_at(cap)) > room:
        cap -= 1
    return capped_at(cap)


def measure_now(table: DataTable[Any]) -> None:
    """Measure the rows just added now, as Textual's `_on_idle` would later.

    Until then a table's column widths and height are those before the rows: a layout
    made in between (a height: auto table in a screen that scrolls) keeps the old height,
    and the same data gives two pictures depending on timing.
    """
    if table._require_update_dimensions:
        table._require_update_dimensions = False
        new_rows = table._new_rows.copy()
        table._new_rows.clear()
        table._update_dimensions(new_rows)


_TEXT_MEASURE = Text.__rich_measure__


def _measured(console: Console, options: ConsoleOptions, cell: object) -> int:
    """A cell's width as DataTable measures it (`textual.render.measure` of the cell
    as `default_cell_formatter` makes it, one line high), given the console's options."""
    if cell is None:  # a row shorter than the columns: DataTable's empty text
        return 0
    # `Text.__rich_measure__`'s maximum, without its minimum; a subclass measured as a
    # Text (`Ellipsized`, most of the Agenda's cells) too
    if type(cell) is Text or (
        isinstance(cell, Text) and type(cell).__rich_measure__ is _TEXT_MEASURE
    ):
        return max(map(cell_len, cell.plain.splitlines()), default=0)
    renderable = rich_cast(default_cell_formatter(cell, wrap=False, height=1))
    if isinstance(renderable, str):
        return cell_len(renderable)
    get_width = getattr(renderable, "__rich_measure__", None)
    if get_width is None:
        return 1
    return max(0, int(get_width(console, options).maximum))


class LastColumnFills(DataTable[Any]):
    """Call `fit()` after rows change; it runs on resize too. The page around it follows
    its cursor row (`_page_follows_cursor`)."""

    # j and k as on the Pipeline and Contacts (SPEC: a key means one thing everywhere):
    # every table with a cursor, the Agenda's, Goals and the detail pages' timelines,
    # is one of these. Replaces DataTable's up and down, with the same actions.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "cursor_up", "Cursor up", show=False),
        Binding("down,j", "cursor_down", "Cursor down", show=False),
        # home and end: the first and the last row, as ctrl+home and ctrl+end (one row
        # of `?` each). The last column takes the width left, so there is nothing meant
        # to scroll sideways; where a narrow screen still has some, DataTable's end
        # scrolled there and left the cursor where it was.
        Binding("home,ctrl+home", "scroll_top", "First", show=False),
        Binding("end,ctrl+end", "scroll_bottom", "Last", show=False),
    ]

    _following = False  # the page is to follow the cursor after the next frame
    # True: past the last row (or before the first) the cursor keys move the page the
    # table sits in, to the sections below (or above) it that no key reached otherwise.
    page_at_ends = False
    # Columns (by index, the last excluded) that give up cells, their cells ending in
    # "…", before the last one is pushed past the table's edge (`_shrunk`).
    shrinks: tuple[int, ...] = ()

    def _update_dimensions(self, new_rows: Iterable[RowKey]) -> None:
        """DataTable's, where each cell was measured with the console's options read
        afresh (a call to the terminal's size each): 14,000 rows of three cells, the
        Agenda's going cold on a ten-times history, took ~1 s to measure, and ~0.1 s
        with the options read once. Rows of one line without a label are measured here;
        the others, and the table's size, as before."""
        console = self.app.console
        options = console.options
        columns = self.ordered_columns
        others = []
        for row_key in new_rows:
            row = self.rows.get(row_key)
            if row is None:  # removed before it was measured
                continue
            if row.label is not None or row.auto_height or row.height != 1:
                others.append(row_key)
                continue
            cells = self._data[row_key]
            for column in columns:
                width = _measured(console, options, cells.get(column.key))
                if width > column.content_width:
                    column.content_width = width
        super()._update_dimensions(others)

    # What `refill` put in, by row: its key and cells.
    _filled: tuple[tuple[str, tuple[object, ...]], ...] = ()

    def refill(self, rows: Sequence[tuple[str, Sequence[object]]]) -> None:
        """Show `rows` (key, cells), the cursor on the row it was on (`cursor_back`).

        Only what changed is done: the same rows again are left as they are, and rows
        gone from an otherwise unchanged list are taken out. A DataTable builds and
        measures each row it is given: the Agenda's 14,000 going cold, refilled after
        every write for one contact less, held the screen for ~1 s on a ten-times
        history."""
        filled = tuple((key, tuple(cells)) for key, cells in rows)
        if filled == self._filled:
            return
        keep, at = self.cursor_key(), self.cursor_row
        if not self._only_taken_out(filled):
            self.clear()
            add_rows(self, filled)
        self._filled = filled
        self.fit()
        self.cursor_back(keep, at)

    def _only_taken_out(self, filled: tuple[tuple[str, tuple[object, ...]], ...]) -> bool:
        """Take out the rows missing from `filled`, if that is all that changed (at most
        a few: each takes a walk of the rows). False: nothing done, refill it all."""
        before = self._filled
        if not filled or len(before) - len(filled) not in range(1, 9):
            return False
        wanted = iter(filled)
        gone, following = [], next(wanted, None)
        for row in before:
            if row == following:
                following = next(wanted, None)
            else:
                gone.append(row[0])
        if following is not None or len(gone) != len(before) - len(filled):
            return False
        for key in gone:
            self.remove_row(key)
        return True

    def clear(self, columns: bool = False) -> Self:
        self._filled = ()
        return super().clear(columns)

    # The keys that move the cursor: the page follows them (not a cursor placed by a
    # refill, which would scroll a page just opened away from its top).
    def drop_row(self, key: str) -> bool:
        """Take row `key` out at once (a write just removed its record), the cursor on
        the row that took its place: a key typed before the reload (`delete y delete y`)
        then acts on the next row, not again on the one gone. False: no such row."""
        if key not in self.rows:
            return False
        row = self.cursor_row
        self.remove_row(key)
        self._filled = tuple(r for r in self._filled if r[0] != key)
        if self.row_count:
            self.move_cursor(row=min(row, self.row_count - 1))
        return True

    def cursor_key(self) -> str | None:
        """The key of the row under the cursor, before a refill (None: no rows)."""
        if not self.row_count:
            return None
        return self.coordinate_to_cell_key(Coordinate(self.cursor_row, 0)).row_key.value

    def cursor_back(self, key: str | None, row: int) -> None:
        """After a refill, the cursor on row `key` again where it still is, else on the
        row that took place `row` (its record gone): a row above it that left (a
        follow-up marked done elsewhere, a goal removed) moved the cursor onto another
        record, and `d` marked another person's follow-up done."""
        if not self.row_count:
            return
        if key is not None and key in self.rows:
            self.move_cursor(row=self.get_row_index(key))
        else:
            self.move_cursor(row=min(row, self.row_count - 1))

    def _past_the_end(self, end: bool) -> ScrollableContainer | None:
        """The page to move instead of the cursor (`page_at_ends`), when the cursor is
        already at that end (last row: `end`) or there is no row."""
        last = self.row_count - 1
        if not self.page_at_ends or (self.row_count and self.cursor_row != (last if end else 0)):
            return None
        return next((a for a in self.ancestors if isinstance(a, ScrollableContainer)), None)

    def action_cursor_up(self) -> None:
        if page := self._past_the_end(end=False):
            page.scroll_up(animate=False)
            return
        super().action_cursor_up()
        self._moved()

    def action_cursor_down(self) -> None:
        if page := self._past_the_end(end=True):
            page.scroll_down(animate=False)
            return
        super().action_cursor_down()
        self._moved()

    def action_page_up(self) -> None:
        if page := self._past_the_end(end=False):
            page.scroll_page_up(animate=False)
            return
        super().action_page_up()
        self._moved()

    def action_page_down(self) -> None:
        if page := self._past_the_end(end=True):
            page.scroll_page_down(animate=False)
            return
        super().action_page_down()
        self._moved()

    def action_scroll_top(self) -> None:
        if page := self._past_the_end(end=False):
            page.scroll_home(animate=False)
            return
        super().action_scroll_top()
        self._moved()

    def action_scroll_bottom(self) -> None:
        if page := self._past_the_end(end=True):
            page.scroll_end(animate=False)
            return
        super().action_scroll_bottom()
        self._moved()

    def _moved(self) -> None:
        # Once per frame: keys typed faster than frames would each scroll the page by
        # the same distance, measured on the same, not yet moved, layout.
        if not self._following:
            self._following = True
            self.call_after_refresh(self._page_follows_cursor)

    def _page_follows_cursor(self) -> None:
        """Scroll the container this table sits in so the cursor row shows. At 80×24 a
        timeline sits below the fold of a page that scrolls; the table keeps its own
        cursor in view, not the page, and ↓ moved a cursor nobody could see."""
        self._following = False
        if not self.has_focus or not self.is_valid_row_index(self.cursor_row):
            return
        page = next(
            (a for a in self.ancestors if isinstance(a, Widget) and a.allow_vertical_scroll),
            None,
        )
        if page is None:
            return
        row = self._get_row_region(self.cursor_row)
        top = self.content_region.y + row.y - round(self.scroll_y)
        bottom = top + row.height
        shown = page.scrollable_content_region
        if top < shown.y:
            page.scroll_to(y=page.scroll_y - (shown.y - top), animate=False, immediate=True)
        elif bottom > shown.bottom:
            page.scroll_to(y=page.scroll_y + (bottom - shown.bottom), animate=False, immediate=True)

    def on_resize(self, event: events.Resize) -> None:
        self.fit()
        self.call_after_refresh(self.fit)

    def fit(self) -> None:
        columns = list(self.columns.values())
        if not columns:
            return
        # The other columns must read their final widths, or the last one, too wide,
        # brings a scrollbar.
        measure_now(self)
        *others, last = columns
        shrunk = self._shrunk(others)
        used = sum(column.get_render_width(self) for column in others)
        room = self._row_width() - used - 2 * self.cell_padding
        width = max(MIN_WIDTH, room)
        if last.width == width and not last.auto_width and not shrunk:
            self._refresh_scrollbars()  # one an earlier, wider column brought may linger
            return
        last.width, last.auto_width = width, False
        self._require_update_dimensions = True  # Textual's own way to re-measure columns
        measure_now(self)
        # The table set its own virtual size, so the next layout sees nothing change and
        # keeps a horizontal scrollbar the old, wider column brought: a height: auto
        # table then stays a line taller, or not, depending on timing.
        self._refresh_scrollbars()
        self.refresh(layout=True)

    def _shrunk(self, others: list[Any]) -> bool:
        """The `shrinks` columns as wide as their cells, or cut down together
        (`shares`) as far as the last column needs to keep MIN_WIDTH; True if a width
        changed. Without them, at 120 columns the follow-ups' long names and old dates
        pushed the note past the table's edge, its header too."""
        if not self.shrinks:
            return False
        padding = 2 * self.cell_padding * (len(others) + 1)
        needs = [column.content_width for column in others]
        short = sum(needs) + MIN_WIDTH + padding - self._row_width()
        given = [needs[i] for i in self.shrinks]
        if short > 0:
            given = shares(given, max(0, sum(given) - short))
        changed = False
        for index, width in zip(self.shrinks, given, strict=True):
            column = others[index]
            changed |= column.auto_width or column.width != width
            column.width, column.auto_width = width, False
        return changed

    def _row_width(self) -> int:
        """The width a row may fill: the content's, less a vertical scrollbar only if
        the rows are taller than the table. Not `scrollable_content_region`, which
        counts the scrollbars shown at this moment, a sideways one included that a
        wider last column brought: fitted to that, the table kept a gap, or not,
        depending on when it was measured."""
        width = self.content_region.width
        if self.styles.overflow_y == "scroll" or (
            self.styles.overflow_y == "auto"
            and self.virtual_size.height > self.content_region.height
        ):
            width -= self.styles.scrollbar_size_vertical
        return width


class HeldToBox(LastColumnFills):
    """A table in a box whose height is capped at a share of the page: held no taller
    than the box shows. At 120×40 the Agenda's Going cold box showed 9 rows of a table
    that measured 12, and its cursor went down to rows nobody could see. Whoever lets
    the page grow sets `styles.max_height` back to None (the stylesheet's). Past its
    ends the keys move that page (`page_at_ends`)."""

    page_at_ends = True

    def on_resize(self, event: events.Resize) -> None:
        # Textual calls LastColumnFills.on_resize too (a handler of each class)
        self.call_after_refresh(self._hold)

    def _hold(self) -> None:
        box = self.parent
        if not isinstance(box, Widget) or self.screen.has_class("-narrow"):
            return  # stacked on a narrow page, each box as tall as its list
        # What the box's other lines take (the stalled list's pipeline gaps above it)
        others = sum(w.outer_size.height for w in box.children if w is not self and w.display)
        # A box taller than its container is cut off (the Agenda's stalled list, below
        # two full ones): only what ends above the container's bottom is seen.
        bottom = min(
            (a.region.bottom for a in box.ancestors if isinstance(a, Widget) and a.region),
            default=box.region.bottom,
        )
        chrome = box.region.height - box.content_region.height  # its borders
        room = min(box.content_region.height, bottom - box.region.y - chrome) - others
        if self.display and 0 < room < self.outer_size.height:
            self.styles.max_height = room
