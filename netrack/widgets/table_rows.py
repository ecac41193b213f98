"""Rows added to a DataTable in one go: what `DataTable.add_row` does for each row,
with the cursor checked and the table told once for all of them.

`add_row` sets the cursor to itself after every row (a reactive's validation and its
watchers each time) and asks the app whether it is idle: for the Agenda's ~23,000 rows
of a ten-times history (14,000 going cold) that was ~0.5 s of the screen's first show.
The table's state afterwards is the same as after one `add_row` per row. Tied to the
pinned Textual's DataTable (see pyproject: textual is pinned exactly).
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import zip_longest
from typing import Any

from textual.widgets import DataTable
from textual.widgets._data_table import DuplicateKey, Row, RowKey


def add_rows(table: DataTable[Any], rows: Sequence[tuple[str, Sequence[object]]]) -> None:
    """Add `rows` (key, cells) at the bottom of `table`, one line high and unlabelled,
    as `table.add_row(*cells, key=key)` for each would."""
    if not rows:
        return
    columns = table.ordered_columns
    column_keys = [column.key for column in columns]
    locations, data, table_rows, new = (
        table._row_locations,
        table._data,
        table.rows,
        table._new_rows,
    )
    first = table.row_count
    for index, (key, cells) in enumerate(rows, first):
        row_key = RowKey(key)
        if row_key in locations:
            raise DuplicateKey(f"The row key {row_key!r} already exists.")
        if len(cells) > len(columns):
            raise ValueError("More values provided than there are columns.")
        locations[row_key] = index
        data[row_key] = dict(zip_longest(column_keys, cells))
        table_rows[row_key] = Row(row_key, 1, None, False)
        new.add(row_key)
    table._require_update_dimensions = True
    table.cursor_coordinate = table.cursor_coordinate
    # As `add_row` does for a table's first row: the cursor now has a cell to show.
    if first == 0 and table.columns and table.show_cursor and table.cursor_type != "none":
        table._highlight_cursor()
    table._update_count += len(rows)
    table.check_idle()
