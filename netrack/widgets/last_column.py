"""A DataTable whose last column takes the width the others leave, its text ending in
"…" where cut (a note, a goal's why): at 80 columns the table's right edge no longer cuts
a word in half with nothing to say so."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import events
from textual.widgets import DataTable

MIN_WIDTH = 8  # narrower than this ("Chloé…"), the table scrolls sideways instead


def ellipsized(text: Text) -> Text:
    """`text` on one line, ending in "…" where a column cuts it."""
    text.no_wrap = True
    text.overflow = "ellipsis"
    return text


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


class LastColumnFills(DataTable[Any]):
    """Call `fit()` after rows change; it runs on resize too."""

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
        used = sum(column.get_render_width(self) for column in others)
        room = self._row_width() - used - 2 * self.cell_padding
        width = max(MIN_WIDTH, room)
        if last.width == width and not last.auto_width:
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
