"""Today: follow-ups overdue and due (d marks done), contacts due on their keep-in-touch
cadence this week, campaign deadlines within 7 days, going cold, stalled, pipeline gaps,
and what was logged today."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import DataTable, Static

from netrack.domain.entries import FollowUp
from netrack.listing import Labels, people
from netrack.screens.agenda_lists import LISTS, AgendaLists
from netrack.screens.agenda_logged import LoggedToday, logged_targets
from netrack.screens.agenda_rows import (
    NO_DEADLINE,
    NOBODY_COLD,
    NOBODY_DUE,
    NOBODY_DUE_OF,
    NOBODY_TO_LOG,
    NONE_TO_MARK,
    NOTHING_DUE,
    NOTHING_LOGGED,
    NOTHING_STALLED,
    RowMemo,
    cold_rows,
    deadline_rows,
    due_cells,
    logged_day,
    logged_others,
    stalled_rows,
    touch_rows,
    warnings_text,
)
from netrack.screens.base import LOADING
from netrack.widgets.header import ModeHeader
from netrack.widgets.keybar import KeyBar
from netrack.widgets.last_column import LastColumnFills
from netrack.widgets.literal import visible
from netrack.widgets.text import short_day

if TYPE_CHECKING:
    from netrack.changes import Change
    from netrack.data.repo import Repo
    from netrack.data.repo.follow_ups import DoneMark
    from netrack.domain.insights import Agenda
    from netrack.screens.agenda_rows import Row


@dataclass(frozen=True, slots=True)
class Shown:
    """What the screen shows: the agenda, "Name (Org)" for the contacts who share a
    name (two "Ana López" rows told apart, as the CLI's tables do), and "Acme Eng [id:2]"
    for the campaigns that do."""

    agenda: Agenda
    labels: Labels
    campaigns: Labels
    anyone: bool = True  # a contact to log with: with none, the empty day says to add one
    put_back: str | None = None  # the follow-up `u` made pending again, by then


class AgendaScreen(AgendaLists["Shown"]):
    # Parsed when the screen is first shown, not at start-up; unscoped, as in the app's
    # stylesheet, so `.-narrow` (a class of the screen itself) still applies.
    SCOPED_CSS = False
    # Two columns from 120 only: at 100 the follow-ups' note got 2 cells and the side
    # lists cut names that 80 columns, one box under another, showed whole.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]  # noqa: RUF012
    DEFAULT_CSS = """
    #agenda-scroll { height: 1fr; }
    #agenda-top { height: 1fr; }
    #agenda-main { width: 3fr; height: 1fr; }
    #agenda-due {
        height: 1fr;
        border: round $panel-lighten-2;
        border-title-color: $text;
        border-title-style: bold;
        padding: 0 1;
        &:light { border: round $panel-darken-3; }  /* as a `.box`'s (netrack.tcss) */
    }
    #due-table { height: 1fr; }
    #agenda-main > #deadlines { height: auto; max-height: 40%; }
    #agenda-side { width: 2fr; height: 1fr; }
    #agenda-side > #touch, #agenda-side > #cold { height: auto; max-height: 35%; }
    .agenda-list { height: auto; max-height: 12; }
    #agenda-side > #stalled { height: 1fr; }
    #stalled-warnings { height: auto; }
    /* Every row logged today within reach: the table is in the tab order and scrolls
       under its cursor, as tall as its rows up to a share of the screen (the boxes above
       take the rest; capped at 12 lines, 8 of 13 entries showed at any size). */
    #today { height: auto; }
    #today-table { height: auto; max-height: 40vh; }
    .-narrow #today-table { max-height: 14; }
    .-narrow #agenda-top { layout: vertical; height: auto; }
    .-narrow #agenda-main, .-narrow #agenda-side { width: 1fr; height: auto; }
    .-narrow #agenda-due { height: auto; }
    /* A table's own `max-height: 100%` is of a height that is auto here: the page then
       measured itself short, and the sections below the follow-ups were cut or gone. */
    .-narrow #due-table { height: auto; max-height: 16; }
    /* By id as well: `#agenda-side > #cold` above (two ids) outranks a class, and its
       35% of a height that is auto here cut the list short (a row the cursor reached
       out of sight). */
    .-narrow #agenda-main > #deadlines, .-narrow #agenda-side > .box,
    .-narrow #agenda-side > #touch, .-narrow #agenda-side > #cold,
    .-narrow #agenda-side > #stalled {
        height: auto;
        max-height: 14;
    }
    """
    HELP_NOTES: ClassVar[dict[str, str]] = {  # shown by `?` (netrack.screens.help)
        "enter": "opens the follow-up's contact, or a list's contact or campaign; tab "
        "moves from list to list (deadlines, keep in touch, going cold, stalled, "
        "logged today)",
        "d": "on the follow-ups (shift+tab back to them from a list)",
        "l": "with the follow-up's people, or a list's contact or campaign, filled in",
    }
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("d", "done", "Follow-up done"),
        Binding("u", "undo_done", "Undo done"),
        # On a list beside the follow-ups (tab moves there): that contact or campaign.
        # priority: the focused table's own enter ("Select") hid this one from `?`, the
        # key bar and the palette.
        Binding("enter", "open", "Open", priority=True),
        # The quick log with the follow-up's people, or a list's contact or campaign.
        Binding("l", "log", "Log"),
    ]
    PALETTE_TITLES: ClassVar[dict[str, str]] = {  # netrack.screens.commands
        "done": "Mark follow-up done",
        "undo_done": "Undo follow-up done",
        "open": "Open the row's contact or campaign",
        "log": "Log with the row's contact or campaign",
    }

    def __init__(self, repo: Repo) -> None:
        super().__init__(repo)
        self.items: list[FollowUp] = []
        self._placed = False  # the cursor was put where the work is (first data only)
        self._put_back: str | None = None  # see put_back
        self._shown: Shown | None = None  # what is on screen, while it matches the data
        self._due_memo: RowMemo[FollowUp, tuple[str, tuple[str | Text, ...]]] = RowMemo()

    def compose(self) -> ComposeResult:
        yield ModeHeader("agenda")
        yield Static(id="agenda-day", classes="period")
        # Wide: the sections share the screen. Narrow (80x24): one column, each section
        # as tall as it needs, scrolled through. Not a tab stop: focused, it showed
        # nothing focused and acted on nothing. Its tables move it past their ends, and
        # with no row to hold the focus the screen's page keys do (`AgendaLists`).
        with VerticalScroll(id="agenda-scroll", can_focus=False):
            with Horizontal(id="agenda-top"):
                with Vertical(id="agenda-main"):
                    # Not a `.box`: the app's `.box { height: auto }` outranks a screen's
                    # CSS, and here the table takes the room the deadlines leave.
                    with Vertical(id="agenda-due") as box:
                        box.border_title = "Follow-ups"
                        table = LastColumnFills(id="due-table", cursor_type="row")
                        table.page_at_ends = True
                        table.shrinks = (2, 3)  # with, from: the note keeps a few cells
                        yield table
                        yield Static(LOADING, id="due-empty", classes="empty")
                    yield from self._list("deadlines")
                with Vertical(id="agenda-side"):
                    yield from self._list("touch")
                    yield from self._list("cold")
                    yield from self._list("stalled", warnings=True)
            with Vertical(id="today", classes="box"):
                yield LoggedToday()
                yield Static(LOADING, id="today-empty", classes="empty")
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.query_one("#due-table", DataTable)
        table.add_columns("due", "when", "with", "from", "note")
        self.focus_at_mount(table)
        for name in LISTS:
            self.query_one(f"#{name}-table", DataTable).add_columns("when", "about", "name")
        super().on_mount()

    def _data_changed(self, change: Change) -> None:
        """A quick log shows at once (`_show_log`), then the Agenda is read afresh."""
        shown, self._shown = self._shown, None
        if change.logged is not None and shown is not None and not self._stale:
            self._show_log(shown, change.logged)
        super()._data_changed(change)

    def _show_log(self, shown: Shown, interaction_id: int) -> None:
        """Show the Agenda updated for one interaction just logged: its row in "Logged
        today", the follow-ups it closed and set, its people's rows in the lists beside.

        On the UI thread, on purpose (as the Scorecard's): a few reads of that entry on
        this thread's warm connection, and only the rows that changed redrawn. A full
        load on a ten-times history took ~3 s to show the log."""
        if not self.is_current:
            return  # hidden: read afresh when shown again
        try:
            agenda = self.repo.scorecard.agenda_after_log(shown.agenda, interaction_id)
        except Exception:  # the full load that follows shows what is wrong, if anything
            return
        if agenda is not None:
            self.show(replace(shown, agenda=agenda, put_back=None))

    def load(self) -> Shown:
        return Shown(
            self.repo.scorecard.agenda(),
            self.repo.contacts.told_apart(),
            self.repo.campaigns.told_apart(),
            self.repo.contacts.any_to_log_with(),  # archived ones cannot be logged with
            self._put_back,  # read as the load starts: one begun before the `u` lacks its row
        )

    def show(self, shown: Shown) -> None:
        self._shown = shown
        data, labels = shown.agenda, shown.labels
        day = Text(f" {data.today:%a %d %b %Y} ", style="bold reverse")  # fits 80 columns
        day.append(
            f"  {len(data.overdue)} overdue · {len(data.due_today)} due today · "
            f"{len(data.upcoming)} in 7 days · {data.logged_count} logged today"
        )
        self.query_one("#agenda-day", Static).update(day)
        table = self.query_one("#due-table", LastColumnFills)
        self.items = [*data.overdue, *data.due_today, *data.upcoming]
        table.refill(
            self._due_memo.rows(
                self.items,
                lambda item: (data.today, tuple(labels.get(c) for c in item.contact_ids)),
                lambda item, _named: (
                    str(item.interaction_id),
                    due_cells(item, data.today, labels),
                ),
            )
        )
        keep, row = table.cursor_key(), table.cursor_row
        if shown.put_back is not None and shown.put_back == self._put_back:
            self._put_back = None  # read after the `u`: shown, unless gone elsewhere since
            keep = shown.put_back if shown.put_back in table.rows else keep
        table.cursor_back(keep, row)
        empty = self.query_one("#due-empty", Static)
        empty.update(NOTHING_DUE if not self.items else "")
        empty.display = not self.items
        table.display = bool(self.items)
        focused = next((n for n in LISTS if self.query_one(f"#{n}-table").has_focus), None)
        memo = self._memos
        self._fill(
            "deadlines", "Deadlines", deadline_rows(data, shown.campaigns, memo["deadlines"])
        )
        self.query_one("#deadlines-empty", Static).update(NO_DEADLINE)
        self._fill("touch", "Keep in touch", touch_rows(data, labels, memo["touch"]))
        count = data.cadences
        self.query_one("#touch-empty", Static).update(
            NOBODY_DUE_OF.format(count=f"{count} contact{'s' if count != 1 else ''}")
            if count
            else NOBODY_DUE
        )
        self._fill("cold", "Going cold", cold_rows(data, labels, memo["cold"]))
        self.query_one("#cold-empty", Static).update(NOBODY_COLD)
        self._fill(
            "stalled", "Stalled campaigns", stalled_rows(data, shown.campaigns, memo["stalled"])
        )
        gaps = self.query_one("#stalled-warnings", Static)
        gaps.update(warnings_text(data))
        gaps.display = bool(data.warnings)
        # The gaps say what to do: "none stalled" beside them would only add noise.
        nothing = self.query_one("#stalled-empty", Static)
        days = data.stalled_days  # the setting's
        nothing.update(NOTHING_STALLED.format(days="day" if days == 1 else f"{days} days"))
        nothing.display = not data.stalled and not data.warnings
        self.query_one("#today").border_title = f"Logged today ({data.logged_count})"
        logged = self.query_one(LoggedToday)
        logged.targets = logged_targets(data, labels, shown.campaigns)
        logged.show(
            data.logged_today,
            day=lambda item: logged_day(item, data.today),
            labels=labels,
            others=logged_others(data, labels, shown.campaigns),
            campaigns=shown.campaigns,
        )
        logged.display = bool(data.logged_count)
        today_empty = self.query_one("#today-empty", Static)
        today_empty.update(NOTHING_LOGGED if shown.anyone else NOBODY_TO_LOG)
        today_empty.display = not data.logged_count
        if focused is not None and not self.rows[focused]:
            self._focus_after_emptied(focused)
        if not self._placed:
            self._placed = True
            self._focus_the_work()

    def _focus_the_work(self) -> None:
        """The follow-ups, or with none due the first list that has a row: the keys
        act on something from the start, not on the page around them."""
        if self.items:
            return  # the follow-ups have focus since the screen was mounted
        for name in LISTS:
            if self.rows[name]:
                self.query_one(f"#{name}-table").focus()
                return
        if self.query_one(LoggedToday).row_count:
            self.query_one(LoggedToday).focus()

    def _focus_after_emptied(self, name: str) -> None:
        """The list with the cursor emptied (its one contact logged with): the cursor
        goes to the next list with a row, else the follow-ups, shown — not to wherever
        the screen's focus chain falls, out of sight, where `d` then marked a follow-up
        nobody had chosen."""
        names = list(LISTS)
        following = names[names.index(name) + 1 :] + names[: names.index(name)]
        target = next(
            (self.query_one(f"#{n}-table") for n in following if self.rows[n]),
            self.query_one("#due-table") if self.items else None,
        )
        if target is not None:
            target.focus()
            target.scroll_visible(animate=False)

    def _focused_row(self) -> Row | None:
        logged = self.query_one(LoggedToday)
        return logged.target() if self.focused is logged else super()._focused_row()

    @property
    def selected(self) -> FollowUp | None:
        row = self.query_one("#due-table", DataTable).cursor_row
        return self.items[row] if self.items and 0 <= row < len(self.items) else None

    def _off_the_follow_ups(self) -> bool:
        """A list beside the follow-ups has focus (what was logged today included: tab
        past the last list, scrolled down to it). No focus at all (the follow-ups
        emptied under it, then came back) leaves the keys on the follow-ups' cursor."""
        focused = self.focused
        return focused is not None and focused is not self.query_one("#due-table")

    def _refused_off_the_follow_ups(self, doing: str) -> bool:
        """True, said with the way back, when the follow-ups do not have focus: they may
        be out of sight (80x24), and a key acting on the row under their cursor acted on
        one the user had not chosen. With no follow-up listed (nor one `u` is putting
        back) there is nothing to go back to: the caller says so instead."""
        if not self._off_the_follow_ups() or not (self.items or self._put_back is not None):
            return False
        way = "shift+tab back" if self._in_list() else "tab"
        self.notify(f"{doing}: {way} to the follow-ups.", severity="warning")
        return True

    def action_done(self) -> None:
        if self._refused_off_the_follow_ups("d marks a follow-up done"):
            return
        if self._put_back is not None:  # its row is on its way: this `d` is for it
            self._pending_action = "done"
            if self._stale:  # the load after the `u` failed: none is on its way
                self.reload()
            return
        item = self.selected
        if item is None:
            # With the list empty, "selected" sent the user looking for a row to pick.
            said = NONE_TO_MARK if not self.items else "No follow-up selected."
            self.notify(said, severity="warning")
            return
        labels: dict[int, str] = {}

        def mark() -> tuple[int, ...]:
            # Refused, its day kept, when another program marked it done since it was shown.
            self.repo.activity.mark_follow_up_done(item.interaction_id)
            # Named in the write, as `followup done` names them: "with Sam Lee" said
            # nothing of which of two the row's "Sam Lee (Acme)" was.
            labels.update(self.repo.contacts.told_apart_among(item.contact_ids))
            return (item.interaction_id,)

        def marked(marks: dict[int, DoneMark]) -> str:
            self._take_out(item.interaction_id)
            who = visible(people(item.contact_ids, item.contact_names, labels))
            what = f"with {who}, due {short_day(item.due, self.repo.today(), '%m-%d')}"
            return self.undoable_done(marks, f"follow-up with {who} done", what)

        self.write(self.marking(mark), marked)

    def _take_out(self, interaction_id: int) -> None:
        """A follow-up just marked done leaves the list at once, the cursor on the next:
        a second `d` before the reload marked the same one again ("done" twice, one
        press lost, 150 overdue worked through by hand)."""
        if self.query_one("#due-table", LastColumnFills).drop_row(str(interaction_id)):
            self.items = [i for i in self.items if i.interaction_id != interaction_id]

    def put_back(self, interaction_ids: list[int]) -> None:
        """After the reload, the cursor on the follow-up `u` made pending again: left on
        the row `d` had moved it to, the next `d` marked someone else's done."""
        if interaction_ids:
            self._put_back = str(interaction_ids[0])

    @on(DataTable.RowSelected)
    def _selected(self) -> None:
        self.action_open()

    def action_open(self) -> None:
        if self._in_list():
            row = self._focused_row()
            if row is None:  # a time entry on no campaign: enter did nothing, unsaid
                self.notify("This entry names no contact or campaign to open.")
            elif row.about == "contact":
                self.netrack.open_contact(row.id)
            else:
                self.netrack.open_campaign(row.id)
            return
        if self._refused_off_the_follow_ups("enter opens a follow-up's contact"):
            return
        item = self.selected
        if item is not None and item.contact_ids:
            self.netrack.open_contact(item.contact_ids[0])

    async def action_log(self) -> None:
        """The quick log with the follow-up's people (as the lists beside it fill in
        theirs), or a list's contact or campaign, filled in."""
        if not self._off_the_follow_ups():
            item = self.selected
            await self.log_with(item.contact_ids if item is not None else ())
            return
        logged = self.query_one(LoggedToday)
        chosen = logged.selected if self.focused is logged else None
        if chosen is not None and chosen.contact_ids:
            await self.log_with(chosen.contact_ids)  # all its people, as the follow-ups
            return
        row = self._focused_row()  # None on the page itself: nobody chosen, none filled in
        if row is None:
            await self.netrack.action_quick_log()
        elif row.about == "contact":
            await self.log_with([row.id])
        else:
            await self.log_for(row.id, row.name)
