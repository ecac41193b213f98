"""The Agenda's lists beside its follow-ups (deadlines, keep in touch, going cold,
stalled campaigns): their boxes, how each is filled with its cursor kept on its record,
and which row of which list the cursor is on.

A base of `AgendaScreen` (agenda.py), which reads the agenda, shows the follow-ups and
acts on the rows (enter, `d`, `l`): the four lists work alike, whatever their rows say
(`agenda_rows`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widgets import DataTable, Static

from netrack.screens.agenda_rows import RowMemo
from netrack.screens.base import LOADING, LiveScreen
from netrack.widgets.last_column import HeldToBox, LastColumnFills

if TYPE_CHECKING:
    from netrack.data.repo import Repo
    from netrack.screens.agenda_rows import Row

T = TypeVar("T")

# The lists beside the follow-ups, by box id, in tab order.
LISTS = ("deadlines", "touch", "cold", "stalled")
# In boxes capped at a share of the page, or (stalled) given what the others leave
HELD_LISTS = ("deadlines", "touch", "cold", "stalled")


class AgendaLists(LiveScreen[T]):
    """A screen with the Agenda's lists: it composes each with `_list`, fills it with
    `_fill`; `self.rows` holds what each shows."""

    # The page (#agenda-scroll) is no tab stop: while a table has the focus its own keys
    # take these (and move the page past its ends); with no row anywhere to hold the
    # focus (a new database at 80x24), they scroll the page.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("pageup", "scroll_page(-1)", "Page up", show=False),
        Binding("pagedown", "scroll_page(1)", "Page down", show=False),
        Binding("home", "scroll_edge(False)", "First", show=False),
        Binding("end", "scroll_edge(True)", "Last", show=False),
    ]

    def __init__(self, repo: Repo) -> None:
        super().__init__(repo)
        self.rows: dict[str, list[Row]] = {name: [] for name in LISTS}
        self._memos: dict[str, RowMemo[Any, Row]] = {name: RowMemo() for name in LISTS}

    @staticmethod
    def _list(name: str, warnings: bool = False) -> ComposeResult:
        """A box holding one of the lists beside the follow-ups: a table without a
        header (a row each), what an empty one says (`show` words it, from the first
        load on), and for the stalled campaigns the pipeline's gaps above."""
        with Vertical(id=name, classes="box"):
            if warnings:
                yield Static(id=f"{name}-warnings")
            table = HeldToBox(
                id=f"{name}-table", cursor_type="row", show_header=False, classes="agenda-list"
            )
            yield table
            yield Static(LOADING, id=f"{name}-empty", classes="empty")

    def action_scroll_page(self, pages: int) -> None:
        page = self.query_one("#agenda-scroll", VerticalScroll)
        (page.scroll_page_down if pages > 0 else page.scroll_page_up)(animate=False)

    def action_scroll_edge(self, end: bool) -> None:
        page = self.query_one("#agenda-scroll", VerticalScroll)
        (page.scroll_end if end else page.scroll_home)(animate=False)

    def on_resize(self) -> None:
        for name in HELD_LISTS:  # the stylesheet's cap again: the page may have grown
            self.query_one(f"#{name}-table").styles.max_height = None

    def _fill(self, name: str, title: str, rows: list[Row]) -> None:
        """Show `rows` in list `name`, the cursor kept on the record it was on."""
        self.query_one(f"#{name}").border_title = f"{title} ({len(rows)})"
        table = self.query_one(f"#{name}-table", LastColumnFills)
        self.rows[name] = rows
        table.refill([(f"{row.about}:{row.id}", row.cells) for row in rows])
        table.display = bool(rows)
        self.query_one(f"#{name}-empty").display = not rows

    def row_selected(self, name: str) -> Row | None:
        """The row under the cursor of list `name` (None: the list is empty)."""
        rows = self.rows[name]
        row = self.query_one(f"#{name}-table", DataTable).cursor_row
        return rows[row] if rows and 0 <= row < len(rows) else None

    @property
    def cold_selected(self) -> Row | None:
        return self.row_selected("cold")

    def _focused_row(self) -> Row | None:
        """The row under the cursor of the list that has focus, if one of them has."""
        focused = self.focused
        for name in LISTS:
            if focused is self.query_one(f"#{name}-table"):
                return self.row_selected(name)
        return None

    def _in_list(self) -> bool:
        focused = self.focused
        return focused is not None and focused.has_class("agenda-list")
