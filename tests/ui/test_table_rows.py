"""A table's rows filled in one go (`LastColumnFills.refill` through `table_rows.add_rows`)
end as a DataTable given them one `add_row` at a time ends, with the cursor checked once
for all of them, not once a row: the Agenda's ~23,000 rows on a ten-times history spent
~0.5 s of its first show there."""

from __future__ import annotations

from rich.text import Text
from textual.app import App, ComposeResult
from textual.coordinate import Coordinate
from textual.widgets import DataTable

from netrack.widgets.last_column import LastColumnFills

ROWS = [
    (f"contact:{n}", (Text(f"{n:>4}d"), Text("every 30d"), Text(f"Name {n}"))) for n in range(300)
]


class Tables(App[None]):
    def compose(self) -> ComposeResult:
        yield LastColumnFills(id="filled", cursor_type="row")
        yield DataTable(id="added", cursor_type="row")


async def test_a_refill_ends_as_rows_added_one_by_one_with_the_cursor_checked_once() -> None:
    app = Tables()
    async with app.run_test(size=(80, 24)) as pilot:
        filled = app.query_one("#filled", LastColumnFills)
        added = app.query_one("#added", DataTable)
        for table in (filled, added):
            table.add_columns("when", "about", "name")
        for key, cells in ROWS:
            added.add_row(*cells, key=key)
        checks: list[object] = []
        validate = filled.validate_cursor_coordinate

        def counted(value: Coordinate) -> Coordinate:
            checks.append(value)
            return validate(value)

        filled.validate_cursor_coordinate = counted  # type: ignore[method-assign]
        filled.refill(ROWS)
        assert len(checks) <= 5  # one a row (300) before
        await pilot.pause()
        assert filled.row_count == added.row_count == 300
        assert [r.key.value for r in filled.ordered_rows] == [key for key, _ in ROWS]
        assert [filled.get_row_at(n) for n in (0, 150, 299)] == [
            added.get_row_at(n) for n in (0, 150, 299)
        ]
        assert [(r.height, r.label, r.auto_height) for r in filled.ordered_rows] == [
            (r.height, r.label, r.auto_height) for r in added.ordered_rows
        ]
        assert filled.cursor_coordinate == added.cursor_coordinate
        filled.focus()
        await pilot.press("end")
        assert filled.cursor_row == 299
