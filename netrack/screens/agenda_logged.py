"""The Agenda's "Logged today": a table in the tab order, with its own cursor and
scrolling, whose columns share the width by what their cells need.

It was a passive table capped at a few rows: `Logged today (13)` showed 8 of them and
no key reached the rest. Its text columns (kind, with, campaign · note) now give up
cells in turn, the widest first, so the last one is not left 3 cells at 80 columns; each
cell is cut here, once, with a single "…" (a campaign already cut before its note no
longer ended in "……").
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from rich.cells import cell_len
from rich.text import Text
from textual.widgets.data_table import RowKey

from netrack.screens.agenda_rows import Row
from netrack.widgets.interactions import InteractionTable
from netrack.widgets.last_column import MIN_WIDTH, measure_now

if TYPE_CHECKING:
    from netrack.domain.insights import Agenda
    from netrack.domain.models import Interaction
    from netrack.listing import Labels

# The columns that give up cells where the row is too wide, by label: the date, the
# minutes and the "!" are short and read whole.
SHRINKS = ("kind", "with", "campaign · note")
ENDS = " ·…"  # nothing worth showing before a cut: "Acme…" rather than "Acme… ·…"


def cut_once(text: Text, cells: int) -> Text:
    """`text` in at most `cells` cells, ending in one "…" where cut; a separator or an
    ellipsis of its own left just before the cut goes with it."""
    if cell_len(text.plain) <= cells:
        return text
    cut = text.copy()
    cut.truncate(max(cells - 1, 0), overflow="crop")  # its own "…" only once, below
    while cut.plain and cut.plain[-1] in ENDS:
        cut.right_crop(1)
    if cells > 0:
        cut.append("…")
    cut.no_wrap = True
    return cut


def shares(needs: Sequence[int], room: int, least: int = MIN_WIDTH) -> list[int]:
    """Widths for columns needing `needs` cells in `room` cells: whole where all fit,
    else the widest cut down to one width, a narrower one's spare cells going to the
    others; none cut under `least`, so a very narrow table scrolls sideways instead."""
    if sum(needs) <= room:
        return list(needs)
    cap = max(needs)
    while cap > least and sum(min(need, cap) for need in needs) > room:
        cap -= 1
    return [min(need, cap) for need in needs]


def logged_targets(agenda: Agenda, labels: Labels, campaigns: Labels) -> dict[str, Row | None]:
    """What enter opens and `l` logs with on each row of "Logged today", by its key:
    an interaction's (first) contact, a referral's contact, a time entry's campaign
    (None: a time entry on no campaign, and an interaction with nobody, on none)."""
    targets: dict[str, Row | None] = {}
    for item in agenda.logged_today:
        if item.contact_ids:
            name = item.contact_names[0] if item.contact_names else ""
            first = labels.get(item.contact_ids[0], name)
            targets[str(item.id)] = Row("contact", item.contact_ids[0], first, ())
        elif item.campaign_id is not None:
            named = campaigns.get(item.campaign_id, item.campaign_name)
            targets[str(item.id)] = Row("campaign", item.campaign_id, named, ())
        else:
            targets[str(item.id)] = None
    for entry in agenda.time_logged_today:
        targets[f"time:{entry.id}"] = (
            Row("campaign", entry.campaign_id,
                campaigns.get(entry.campaign_id, entry.campaign_name), ())
            if entry.campaign_id is not None
            else None
        )  # fmt: skip
    for referral in agenda.referrals_logged_today:
        name = labels.get(referral.contact_id, referral.contact_name)
        targets[f"referral:{referral.id}"] = Row("contact", referral.contact_id, name, ())
    return targets


class LoggedToday(InteractionTable):
    """ "Logged today" on the Agenda: a row cursor over every entry (interactions, then
    time entries and referrals), `targets` saying what each row's enter and `l` act on."""

    def __init__(self) -> None:
        super().__init__(id="today-table")
        self.add_class("agenda-list")  # a list beside the follow-ups, for enter and `l`
        self.targets: dict[str, Row | None] = {}
        self._whole: dict[str, tuple[Any, ...]] = {}  # each row's cells before any cut
        self._fitted: tuple[int, int] | None = None  # (room, rows) the cuts were made for

    def add_row(self, *cells: Any, key: str | None = None, **kwargs: Any) -> RowKey:
        if key is not None:
            self._whole[key] = cells
        self._fitted = None
        return super().add_row(*cells, key=key, **kwargs)

    def clear(self, columns: bool = False) -> LoggedToday:
        self._whole.clear()
        self._fitted = None
        super().clear(columns)
        return self

    def show(self, items: list[Interaction], *args: Any, **kwargs: Any) -> None:
        # By key: InteractionTable keeps a cursor on an interaction only, and a reload
        # (any write, every second or so) sent one on a time entry back to the top.
        keep, row = self.cursor_key(), self.cursor_row
        super().show(items, *args, **kwargs)
        self.cursor_back(keep, row)

    def target(self) -> Row | None:
        """The contact or campaign of the row under the cursor (None: none to act on)."""
        key = self.cursor_key()
        return self.targets.get(key) if key is not None else None

    def fit(self) -> None:
        columns = list(self.columns.values())
        if not columns or not self._whole:
            super().fit()
            return
        measure_now(self)
        room = self._row_width() - 2 * self.cell_padding * len(columns)
        if self._fitted == (room, len(self._whole)):
            self._refresh_scrollbars()
            return
        self._fitted = (room, len(self._whole))
        needs = [
            max(
                [1, cell_len(column.label.plain)]
                + [cell_len(_plain(cells[index])) for cells in self._whole.values()]
            )
            for index, column in enumerate(columns)
        ]
        shrinking = [i for i, column in enumerate(columns) if column.label.plain in SHRINKS]
        fixed = sum(need for i, need in enumerate(needs) if i not in shrinking)
        given = shares([needs[i] for i in shrinking], room - fixed)
        widths = list(needs)
        for index, width in zip(shrinking, given, strict=True):
            widths[index] = width
        # The last column takes whatever is left, as in every LastColumnFills.
        widths[-1] = max(widths[-1], room - sum(widths[:-1]))
        for column, width in zip(columns, widths, strict=True):
            column.width, column.auto_width = width, False
        for key, cells in self._whole.items():
            for index in shrinking:
                cell = cells[index]
                if isinstance(cell, Text):
                    cut = cut_once(cell, widths[index])
                    self.update_cell(key, columns[index].key, cut, update_width=False)
        self._require_update_dimensions = True
        measure_now(self)
        self._refresh_scrollbars()
        self.refresh(layout=True)


def _plain(cell: object) -> str:
    return cell.plain if isinstance(cell, Text) else str(cell)
