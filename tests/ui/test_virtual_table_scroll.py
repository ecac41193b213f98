"""The virtual table keeps its cursor row in view when its rows are replaced by more:
a cursor put on the last of 1,000 rows, where the table held 10, was scrolled to only
as far as the 10 rows reached (Contacts on a long history, `end` typed while the rest
of the list was read), and the row it was on was off screen."""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult

from netrack.widgets.virtual_table import Column, VirtualTable
from tests.ui.conftest import wait_until


class OneTable(App[None]):
    def compose(self) -> ComposeResult:
        yield VirtualTable([Column(key="n", label="N", width=10)], lambda i: [Text(str(i))], id="t")


async def test_the_cursor_row_is_in_view_after_the_rows_grow() -> None:
    app = OneTable()
    async with app.run_test(size=(40, 12)) as pilot:
        table = app.query_one(VirtualTable)
        table.set_rows(10, 0)
        await pilot.pause()

        table.set_rows(1000, 999)

        def in_view() -> bool:
            top = round(table.scroll_offset.y)
            return top <= table.cursor_row < top + table.scrollable_content_region.height - 1

        await wait_until(pilot, in_view, rounds=50)
        assert table.cursor_row == 999
