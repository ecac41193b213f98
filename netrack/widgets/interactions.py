"""A table of interactions with a row cursor: the timeline of a contact or a campaign.

Attributes down: `InteractionTable.show(items)`. The screen reads `selected` for its
edit and delete keys; enter posts DataTable.RowSelected as usual. User text is literal.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

from rich.cells import cell_len
from rich.text import Text
from textual.widgets.data_table import RowKey

from netrack.domain.entries import Interaction
from netrack.listing import NO_LABELS, Labels, campaign_named, people
from netrack.widgets.last_column import (
    MIN_WIDTH,
    LastColumnFills,
    cut_once,
    ellipsized,
    measure_now,
    shares,
)
from netrack.widgets.literal import literal
from netrack.widgets.text import fit, short_day
from netrack.widgets.urgency import UPCOMING

OLDER = "older"  # the key of the last row of a timeline listing the newest only


def older_text(older: int, page: int) -> Text:
    """The last row's words: "… 11 older: ⏎ shows them", "… 4,500 older: ⏎ shows 500 more"."""
    shows = "them" if older <= page else f"{page:,} more"
    return ellipsized(Text(f"… {older:,} older: ⏎ shows {shows}", style="italic"))


# The columns that give up cells where the row is too wide, by label: the date, the
# minutes and the "!" are short and read whole.
SHRINKS = ("kind", "with", "campaign · note", "note")

# A campaign's name before a note, at most: at 80 columns "Tessera Bank Engineering
# Manager, Payments" filled the column and no note showed at all.
CAMPAIGN_BEFORE_NOTE = 24


def campaign_note(campaign: str, note: str, before: int = CAMPAIGN_BEFORE_NOTE) -> Text:
    """Campaign · note, the campaign cut to `before` cells where a note follows it
    (between whole graphemes: `fit`); a twin's " [id:N]" (`Campaigns.told_apart`) is
    kept whole, the title cut before it."""
    if note and cell_len(campaign) > before:
        title, twin, number = campaign.rpartition(" [id:")
        suffix = f"{twin}{number}" if twin and number.endswith("]") else ""
        head = title if suffix else campaign
        campaign = fit(head, max(before - cell_len(suffix), 8)) + suffix
    about = literal(campaign, style="cyan")
    if campaign and note:
        about.append(" · ")
    about.append_text(literal(note))
    return about


def about_text(
    item: Interaction,
    show_campaign: bool = True,
    campaigns: Labels = NO_LABELS,
    before: int = CAMPAIGN_BEFORE_NOTE,
) -> Text:
    """Campaign · note, then the follow-up date. `campaigns`: "Org Title [id:N]" of the
    campaigns that share their name with another (`Campaigns.told_apart`); `before`:
    the campaign's cells at most where a note follows it."""
    campaign = campaign_named(campaigns, item.campaign_id, item.campaign_name)
    about = campaign_note(campaign if show_campaign else "", item.note, before)
    if item.follow_up_on:
        done = " ✓" if item.follow_up_done else ""
        # The year where it is far from the row's own day, in the date column beside it.
        due = short_day(item.follow_up_on, item.on, "%m-%d")
        about.append(f" fu {due}{done}", style=UPCOMING)
    return about


class InteractionTable(LastColumnFills):
    """Newest first; `show_people` adds a "with" column, naming all but `page_of` (the
    contact whose own timeline it is: the others who were there, blank for a one-to-one),
    `show_campaign` names each row's campaign (off on a campaign's own: every row's).
    Where a row is too wide, its text columns (kind, with, campaign · note) give up
    cells in turn, the widest first, each cut once with a single "…": at 80 columns
    the campaign page's "with" kept 28 cells and left the note 12 ("asked Ana ab…")."""

    # Past its last row (or before its first) the keys move the page around the table:
    # on a contact's page at 80×24 the campaigns, referrals and notes below a long
    # timeline were out of reach, every scrolling key taken by the table's cursor.
    page_at_ends = True

    DEFAULT_CSS = """
    InteractionTable { height: auto; max-height: 16; }
    InteractionTable.-passive { max-height: 10; }
    """

    def __init__(
        self,
        show_people: bool = True,
        passive: bool = False,
        id: str | None = None,
        show_campaign: bool = True,
        page_of: int | None = None,
    ):
        super().__init__(
            id=id,
            cursor_type="none" if passive else "row",
            show_cursor=not passive,
            classes="-passive" if passive else "",
        )
        self.can_focus = not passive
        self.show_people = show_people
        self.show_campaign = show_campaign
        self.page_of = page_of
        self._with_column = show_people  # and someone else to name (`show`)
        self.items: list[Interaction] = []
        self._whole: dict[str, tuple[Any, ...]] = {}  # each row's cells before any cut
        # Each interaction's "campaign · note" with its campaign cut to so many cells
        self._about: dict[str, Callable[[int], Text]] = {}
        self._older_cells = 0  # the last row's "… N older: ⏎ shows them", read whole
        self._fitted: tuple[int, int] | None = None  # (room, rows) the cuts were made for

    def on_mount(self) -> None:
        self._add_columns()

    def _add_columns(self) -> None:
        self.add_column("date", width=10)
        self.add_column("kind")
        if self._with_column:
            self.add_column("with")
        self.add_column("min")
        self.add_column("", width=1)
        self.add_column("campaign · note" if self.show_campaign else "note")

    def show(
        self,
        items: list[Interaction],
        day: Callable[[Interaction], Text] | None = None,
        labels: Labels = NO_LABELS,
        others: Sequence[tuple[str, Sequence[Text]]] = (),
        campaigns: Labels = NO_LABELS,
        older: tuple[int, int] = (0, 0),
    ) -> None:
        """Show these rows; the cursor stays on the same interaction when it can. `day`:
        the date cell of a row (default: the ISO date; the Agenda labels its rows).
        `labels`: "Name (Org)" of the contacts who share a name, as the CLI's tables;
        `campaigns`: "Org Title [id:N]" of the campaigns that do.
        `others`: rows of other records after them, (key, cells in these columns), for
        a passive table (the Agenda's time entries and referrals): no cursor reaches them.
        `older`: (interactions not listed, how many ⏎ on the last row then adds)."""
        keep = self.selected.id if self.selected else None
        was = self.cursor_row
        on_older = self.on_older()
        self.items = list(items)
        # On a contact's page of one-to-one talks only, no empty column taking the note's room
        self._with_column = self.show_people and (
            self.page_of is None or any(set(i.contact_ids) - {self.page_of} for i in self.items)
        )
        # Columns too, not only rows: a table refilled while its screen is not shown (an
        # edit form on top) kept its old column widths and cut the new text.
        self.clear(columns=True)
        self._add_columns()
        for item in self.items:
            when = day(item) if day else Text(item.on.isoformat())
            row: list[Text] = [when, Text(item.kind.value.replace("_", " "))]
            if self._with_column:
                # Names cut only where the row is too wide (`fit`), not at a fixed width:
                # a namesake's organization is what tells the two apart.
                row.append(ellipsized(literal(self._with(item, labels))))
            row += [
                Text(str(item.minutes or ""), justify="right"),
                Text("!", style="bold green") if item.meaningful else Text(""),
                ellipsized(about_text(item, self.show_campaign, campaigns)),
            ]
            self.add_row(*row, key=str(item.id))
            self._about[str(item.id)] = partial(about_text, item, self.show_campaign, campaigns)
        for key, cells in others:
            self.add_row(*cells, key=key)
        if older[0]:
            blanks = [Text("")] * (len(self.columns) - 1)
            last = older_text(*older)
            self.add_row(*blanks, last, key=OLDER)
            self._older_cells = cell_len(last.plain)
        self.fit()  # measures the rows now: a height: auto table lays out at its height
        rows = [index for index, item in enumerate(self.items) if item.id == keep]
        if on_older:  # the first of the older rows it showed, in its place
            self.move_cursor(row=min(was, self.row_count - 1))
        elif rows:
            self.move_cursor(row=rows[0])
        elif keep is not None and self.items:
            # Its row gone (deleted): the one that took its place, not the first row.
            self.move_cursor(row=min(was, len(self.items) - 1))

    def _with(self, item: Interaction, labels: Labels) -> str:
        """Who was there, but the contact whose page it is: "Ben Beta", "" for them alone."""
        named = [
            (i, name)
            for i, name in zip(item.contact_ids, item.contact_names, strict=False)
            if i != self.page_of
        ]
        return people([i for i, _ in named], [name for _, name in named], labels)

    def on_older(self) -> bool:
        """Whether the cursor is on the last row "… N older" (no interaction)."""
        return self.row_count > 0 and self.cursor_key() == OLDER

    def add_row(self, *cells: Any, key: str | None = None, **kwargs: Any) -> RowKey:
        if key is not None:
            self._whole[key] = cells
        self._fitted = None
        return super().add_row(*cells, key=key, **kwargs)

    def clear(self, columns: bool = False) -> InteractionTable:
        self._whole.clear()
        self._about.clear()
        self._older_cells = 0
        self._fitted = None
        super().clear(columns)
        return self

    def fit(self) -> None:
        """Widths by what the cells need: whole where the row fits, else the text
        columns cut down together (`shares`); the last takes whatever is left."""
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
        rows = [cells for key, cells in self._whole.items() if key in self._about]
        mostly_blank = [
            place
            for place, index in enumerate(shrinking)
            if 2 * sum(1 for cells in rows if _plain(cells[index]).strip()) < len(rows)
        ]
        floors = [self._older_cells if i == len(columns) - 1 else 0 for i in shrinking]
        given = shares(
            [needs[i] for i in shrinking], room - fixed, first=mostly_blank, floors=floors
        )
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
                about = self._about.get(key)
                if about and index == len(columns) - 1 and cell_len(cell.plain) > widths[index]:
                    # The campaign at most about half a narrow column, the note after it
                    # starting on every row: "Tessera Bank Engineerin…" alone said nothing.
                    cell = about(min(CAMPAIGN_BEFORE_NOTE, max(widths[index] // 2, MIN_WIDTH)))
                if isinstance(cell, Text):
                    cut = cut_once(cell, widths[index])
                    self.update_cell(key, columns[index].key, cut, update_width=False)
        self._require_update_dimensions = True
        measure_now(self)
        self._refresh_scrollbars()
        self.refresh(layout=True)

    @property
    def selected(self) -> Interaction | None:
        row = self.cursor_row
        return self.items[row] if self.items and 0 <= row < len(self.items) else None


def _plain(cell: object) -> str:
    return cell.plain if isinstance(cell, Text) else str(cell)
