"""Today: follow-ups overdue and due (d marks done), contacts due on their keep-in-touch
cadence this week, campaign deadlines within 7 days, going cold, stalled, pipeline gaps,
and what was logged today."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import DataTable, Static

from netrack.domain.models import FollowUp, Interaction
from netrack.screens.base import LiveScreen
from netrack.widgets.header import ModeHeader
from netrack.widgets.interactions import InteractionTable
from netrack.widgets.keybar import KeyBar
from netrack.widgets.last_column import LastColumnFills, ellipsized, measure_now
from netrack.widgets.literal import literal, visible
from netrack.widgets.text import section

if TYPE_CHECKING:
    from netrack.data.repo import Repo
    from netrack.domain.card import GoingCold
    from netrack.domain.insights import Agenda

NOTHING_DUE = "Nothing due. Add a follow-up with fu:DATE when you log (l)."
NOTHING_LOGGED = "Nothing logged today. Press l: @name #coffee 45m !"


def due_label(item: FollowUp, today: Any) -> Text:
    days = (item.due - today).days
    if days < 0:
        return Text(f"{-days}d overdue", style="bold red")
    if days == 0:
        return Text("today", style="bold yellow")
    return Text(f"in {days}d", style="dim")


def days_text(late: int, past: str = "overdue") -> Text:
    """`3d overdue` (red), `today` (yellow) or `in 2d` (dim) for a day `late` days ago."""
    if late > 0:
        return Text(f"{late}d {past}", style="bold red")
    if late == 0:
        return Text("today", style="bold yellow")
    return Text(f"in {-late}d", style="dim")


def touch_text(agenda: Agenda) -> Text:
    text = Text()
    if not agenda.keep_in_touch:
        text.append("nobody due this week (set a cadence: e on a contact, every N days)", "dim")
    for row in agenda.keep_in_touch[:12]:
        when = days_text(row.days_overdue)
        text.append_text(Text(f"{when.plain:>11}  ", style=when.style))
        text.append_text(literal(row.name))
        text.append(f"  every {row.every}d · due {row.due:%a %b %d}\n", style="dim")
    if len(agenda.keep_in_touch) > 12:
        text.append(f"… and {len(agenda.keep_in_touch) - 12} more", style="dim")
    text.rstrip()  # no blank line at the box's foot
    return text


def deadline_text(agenda: Agenda) -> Text:
    text = Text()
    if not agenda.deadlines:
        text.append("no deadline in the next 7 days", style="dim")
    for row in agenda.deadlines[:12]:
        when = days_text(-row.days_left, "past due")
        text.append_text(Text(f"{when.plain:>11}  ", style=when.style))
        text.append_text(literal(row.name))
        text.append(f"  {row.deadline:%a %b %d} · {row.stage.value}\n", style="dim")
    if len(agenda.deadlines) > 12:
        text.append(f"… and {len(agenda.deadlines) - 12} more", style="dim")
    text.rstrip()  # no blank line at the box's foot
    return text


def logged_day(item: Interaction, today: date) -> Text:
    """The date cell of "Logged today": `today`, or the day a back-dated entry happened
    (`Tue 11-24`), so an entry logged today about Tuesday says so."""
    if item.on == today:
        return Text("today")
    return Text(f"{item.on:%a %m-%d}", style="yellow")


NOBODY_COLD = "nobody: your warm contacts are warm"


def cold_rows(agenda: Agenda) -> list[tuple[Text, Text, Text]]:
    """Going cold, a row per contact: days idle, name, strength (or cadence)."""
    rows = []
    for row in agenda.going_cold:
        mark = f"every {row.keep_in_touch}d" if row.keep_in_touch else f"●{row.strength or '—'}"
        rows.append(
            (
                Text(f"{row.days_idle:>4}d", style="yellow"),
                literal(row.name),
                Text(mark, style="dim"),
            )
        )
    return rows


def stalled_text(agenda: Agenda) -> Text:
    text = Text()
    if agenda.warnings:  # pipeline gaps first: they are what to act on
        for warning in agenda.warnings:
            text.append("! ", style="bold red")
            text.append_text(literal(warning))
            text.append("\n")
    elif not agenda.stalled:
        text.append("none: every campaign moved in the last two weeks\n", style="dim")
    for row in agenda.stalled[:12]:
        text.append(f"{row.days_idle:>4}d  ", style="yellow")
        text.append_text(literal(row.name))
        text.append(f"  {row.stage.value}\n", style="dim")
    return text


class AgendaScreen(LiveScreen["Agenda"]):
    # Parsed when the screen is first shown, not at start-up; unscoped, as in the app's
    # stylesheet, so `.-narrow` (a class of the screen itself) still applies.
    SCOPED_CSS = False
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
    }
    #due-table { height: 1fr; }
    #agenda-main > #deadlines { height: auto; max-height: 40%; }
    #agenda-side { width: 2fr; height: 1fr; }
    #agenda-side > #touch, #agenda-side > #cold { height: auto; max-height: 35%; }
    #cold-table { height: auto; max-height: 12; }
    #agenda-side > #stalled { height: 1fr; }
    #today { height: auto; max-height: 12; }
    .-narrow #agenda-top { layout: vertical; height: auto; }
    .-narrow #agenda-main, .-narrow #agenda-side { width: 1fr; height: auto; }
    .-narrow #agenda-due, .-narrow #due-table { height: auto; }
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
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("d", "done", "Follow-up done"),
        Binding("u", "undo_done", "Undo done"),
        Binding("enter", "open", "Open contact"),
        # The quick log; on the going-cold list (tab moves there) with that contact.
        Binding("l", "log", "Log"),
    ]

    def __init__(self, repo: Repo) -> None:
        super().__init__(repo)
        self.items: list[FollowUp] = []
        self.cold: tuple[GoingCold, ...] = ()

    def compose(self) -> ComposeResult:
        yield ModeHeader("agenda")
        yield Static(id="agenda-day", classes="period")
        # Wide: the sections share the screen. Narrow (80x24): one column, each section
        # as tall as it needs, scrolled through.
        with VerticalScroll(id="agenda-scroll"):
            with Horizontal(id="agenda-top"):
                with Vertical(id="agenda-main"):
                    # Not a `.box`: the app's `.box { height: auto }` outranks a screen's
                    # CSS, and here the table takes the room the deadlines leave.
                    with Vertical(id="agenda-due") as box:
                        box.border_title = "Follow-ups"
                        table = LastColumnFills(id="due-table", cursor_type="row")
                        yield table
                        yield Static(id="due-empty", classes="empty")
                    yield Static(id="deadlines", classes="box")
                with Vertical(id="agenda-side"):
                    yield Static(id="touch", classes="box")
                    with Vertical(id="cold", classes="box"):
                        cold: DataTable[Text] = DataTable(
                            id="cold-table", cursor_type="row", show_header=False
                        )
                        yield cold
                        yield Static(NOBODY_COLD, id="cold-empty", classes="empty")
                    yield Static(id="stalled", classes="box")
            with Vertical(id="today", classes="box"):
                yield InteractionTable(passive=True)
                yield Static(NOTHING_LOGGED, id="today-empty", classes="empty")
        yield KeyBar()

    def on_mount(self) -> None:
        table = self.query_one("#due-table", DataTable)
        table.add_columns("due", "when", "with", "from", "note")
        table.focus()
        self.query_one("#cold-table", DataTable).add_columns("idle", "name", "strength")
        super().on_mount()

    def load(self) -> Agenda:
        return self.repo.scorecard.agenda()

    def show(self, data: Agenda) -> None:
        day = Text(f" {data.today:%a %d %b %Y} ", style="bold reverse")  # fits 80 columns
        day.append(
            f"  {len(data.overdue)} overdue · {len(data.due_today)} due today · "
            f"{len(data.upcoming)} in 7 days · {len(data.logged_today)} logged today"
        )
        self.query_one("#agenda-day", Static).update(day)
        table = self.query_one("#due-table", LastColumnFills)
        keep = table.cursor_row
        table.clear()
        self.items = [*data.overdue, *data.due_today, *data.upcoming]
        for item in self.items:
            table.add_row(
                # Month-day, as the "from" column: "when" says how far (the year too), and
                # the five columns left the note no room at 120 columns with ISO dates.
                f"{item.due:%m-%d}",
                due_label(item, data.today),
                literal(", ".join(item.contact_names)),
                Text(f"{item.kind.value.replace('_', ' ')} {item.origin_on:%m-%d}", style="dim"),
                ellipsized(literal(item.note)),
                key=str(item.interaction_id),
            )
        table.fit()
        if self.items:
            table.move_cursor(row=min(keep, len(self.items) - 1))
        empty = self.query_one("#due-empty", Static)
        empty.update(NOTHING_DUE if not self.items else "")
        empty.display = not self.items
        table.display = bool(self.items)
        section(
            self.query_one("#touch", Static),
            f"Keep in touch ({len(data.keep_in_touch)})",
            touch_text(data),
        )
        section(
            self.query_one("#deadlines", Static),
            f"Deadlines ({len(data.deadlines)})",
            deadline_text(data),
        )
        self.query_one("#cold").border_title = f"Going cold ({len(data.going_cold)})"
        self._show_cold(data)
        section(
            self.query_one("#stalled", Static),
            f"Stalled campaigns ({len(data.stalled)})",
            stalled_text(data),
        )
        self.query_one("#today").border_title = f"Logged today ({len(data.logged_today)})"
        logged = self.query_one(InteractionTable)
        logged.show(data.logged_today, day=lambda item: logged_day(item, data.today))
        logged.display = bool(data.logged_today)
        self.query_one("#today-empty").display = not data.logged_today

    @property
    def selected(self) -> FollowUp | None:
        row = self.query_one("#due-table", DataTable).cursor_row
        return self.items[row] if self.items and 0 <= row < len(self.items) else None

    def action_done(self) -> None:
        item = self.selected
        if item is None:
            self.notify("No follow-up selected.", severity="warning")
            return
        who = visible(", ".join(item.contact_names))

        def mark() -> tuple[int, ...]:
            self.repo.activity.mark_follow_up_done(item.interaction_id)
            return (item.interaction_id,)

        self.write(mark, lambda ids: self.undoable_done(ids, f"follow-up with {who} done"))

    def _show_cold(self, data: Agenda) -> None:
        table = self.query_one("#cold-table", DataTable)
        keep = table.cursor_row
        table.clear()
        self.cold = data.going_cold
        for row, cells in zip(self.cold, cold_rows(data), strict=True):
            table.add_row(*cells, key=str(row.id))
        measure_now(table)
        if self.cold:
            table.move_cursor(row=min(keep, len(self.cold) - 1))
        table.display = bool(self.cold)
        self.query_one("#cold-empty").display = not self.cold

    @property
    def cold_selected(self) -> GoingCold | None:
        row = self.query_one("#cold-table", DataTable).cursor_row
        return self.cold[row] if self.cold and 0 <= row < len(self.cold) else None

    def _in_cold(self) -> bool:
        return self.focused is self.query_one("#cold-table")

    @on(DataTable.RowSelected)
    def _selected(self) -> None:
        self.action_open()

    def action_open(self) -> None:
        if self._in_cold():
            cold = self.cold_selected
            if cold is not None:
                self.netrack.open_contact(cold.id)
            return
        item = self.selected
        if item is not None and item.contact_ids:
            self.netrack.open_contact(item.contact_ids[0])

    async def action_log(self) -> None:
        """The quick log; on the going-cold list, with that contact filled in."""
        cold = self.cold_selected if self._in_cold() else None
        if cold is not None:
            await self.log_with(cold.id, cold.name)
        else:
            await self.netrack.action_quick_log()
