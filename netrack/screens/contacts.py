"""Contacts: a table to filter as you type (`/`) and sort by any column (`s`, or click)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Footer, Input, Static

from netrack.domain.models import Contact
from netrack.domain.resolve import matches
from netrack.screens.base import LiveScreen
from netrack.widgets.header import ModeHeader

EMPTY = "No contacts yet. Press n to add one, or l to log a meeting with someone."
COLUMNS: tuple[tuple[str, str], ...] = (
    ("name", "Name"),
    ("organization", "Organization"),
    ("strength", "Strength"),
    ("last_touch", "Last touch"),
    ("channel", "Channel"),
)


def sort_key(column: str, contact: Contact) -> tuple[int, object]:
    """Blanks last whatever the direction of the rest."""
    value: object
    if column == "strength":
        value = contact.strength
    elif column == "last_touch":
        value = contact.last_touch
    elif column == "channel":
        value = contact.channel.value if contact.channel else None
    else:
        value = getattr(contact, column).casefold() or None
    return (1, "") if value is None else (0, value)


def visible(contacts: list[Contact], query: str, column: str, reverse: bool) -> list[Contact]:
    """Contacts whose name, organization, title or tags match `query`, sorted."""
    needle = query.strip()
    if needle:
        contacts = [
            c
            for c in contacts
            if any(
                matches(needle, hay) is not None
                for hay in (c.name, c.organization, c.title, c.function, *c.tags)
                if hay
            )
        ]
    present = [c for c in contacts if sort_key(column, c)[0] == 0]
    blank = [c for c in contacts if sort_key(column, c)[0] == 1]
    present.sort(key=lambda c: sort_key(column, c), reverse=reverse)
    return present + sorted(blank, key=lambda c: c.name.casefold())


def strength_text(strength: int | None) -> Text:
    if not strength:
        return Text("—", style="dim")
    return Text("●" * strength + "○" * (5 - strength), style="yellow")


def last_touch_text(day: date | None, today: date) -> Text:
    if day is None:
        return Text("never", style="dim")
    days = (today - day).days
    return Text(f"{day.isoformat()} ({days}d)" if days >= 0 else day.isoformat())


@dataclass(frozen=True, slots=True)
class ContactsData:
    contacts: list[Contact]
    today: date


class ContactsScreen(LiveScreen[ContactsData]):
    AUTO_FOCUS = "#contacts"  # the table; `/` moves to the filter
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "find", "Find", key_display="/"),
        Binding("s", "sort", "Sort"),
        Binding("r", "reverse", "Reverse"),
        Binding("n", "new", "New"),
        Binding("e", "edit", "Edit"),
        Binding("l", "log", "Log"),
        Binding("escape", "clear", "Clear", show=False),
    ]

    def __init__(self, repo: object) -> None:
        super().__init__(repo)  # type: ignore[arg-type]
        self.data = ContactsData([], date.today())
        self.sort_column = "name"
        self.sort_reverse = False
        self.rows: list[Contact] = []

    def compose(self) -> ComposeResult:
        yield ModeHeader("contacts")
        yield Input(placeholder="/ filter by name, organization, title or tag", id="filter")
        yield Static(id="contacts-empty", classes="empty")
        table: DataTable[Text] = DataTable(id="contacts", cursor_type="row", zebra_stripes=True)
        yield table
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for key, label in COLUMNS:
            table.add_column(label, key=key)
        table.focus()
        super().on_mount()

    def load(self) -> ContactsData:
        return ContactsData(self.repo.list_contacts(), self.repo.today())

    def show(self, data: ContactsData) -> None:
        self.data = data
        self._fill()

    def _fill(self) -> None:
        table = self.query_one(DataTable)
        keep = self.selected.id if self.selected else None
        query = self.query_one("#filter", Input).value
        self.rows = visible(self.data.contacts, query, self.sort_column, self.sort_reverse)
        table.clear()
        for contact in self.rows:
            table.add_row(
                Text(contact.name),
                Text(contact.organization),
                strength_text(contact.strength),
                last_touch_text(contact.last_touch, self.data.today),
                Text(contact.channel.value if contact.channel else ""),
                key=str(contact.id),
            )
        for index, contact in enumerate(self.rows):
            if contact.id == keep:
                table.move_cursor(row=index)
        arrow = "▼" if self.sort_reverse else "▲"
        label = dict(COLUMNS)[self.sort_column]
        empty = self.query_one("#contacts-empty", Static)
        if not self.data.contacts:
            empty.update(EMPTY)
        elif not self.rows:
            empty.update(Text(f"No contact matches {query!r}. Press escape to clear the filter."))
        else:
            empty.update(
                Text(
                    f"{len(self.rows)} of {len(self.data.contacts)} · sorted by {label} {arrow}",
                    style="dim",
                )
            )

    @property
    def selected(self) -> Contact | None:
        table = self.query_one(DataTable)
        if not self.rows or not 0 <= table.cursor_row < len(self.rows):
            return None
        return self.rows[table.cursor_row]

    @on(Input.Changed, "#filter")
    def _filter(self) -> None:
        self._fill()

    @on(Input.Submitted, "#filter")
    def _filter_done(self) -> None:
        self.query_one(DataTable).focus()

    @on(DataTable.RowSelected)
    def _open(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value is not None:
            self.netrack.open_contact(int(event.row_key.value))

    @on(DataTable.HeaderSelected)
    def _header(self, event: DataTable.HeaderSelected) -> None:
        column = str(event.column_key.value)
        if column == self.sort_column:
            self.sort_reverse = not self.sort_reverse
        else:
            self.sort_column, self.sort_reverse = column, False
        self._fill()

    def action_find(self) -> None:
        # set_focus is immediate: keys typed right after `/` land in the filter
        self.set_focus(self.query_one("#filter", Input))

    def action_clear(self) -> None:
        field = self.query_one("#filter", Input)
        field.value = ""
        self.set_focus(self.query_one(DataTable))

    def action_sort(self) -> None:
        keys = [key for key, _ in COLUMNS]
        self.sort_column = keys[(keys.index(self.sort_column) + 1) % len(keys)]
        self.sort_reverse = self.sort_column in ("strength", "last_touch")
        self._fill()

    def action_reverse(self) -> None:
        self.sort_reverse = not self.sort_reverse
        self._fill()

    async def action_new(self) -> None:
        from netrack.screens.modal.contact_form import ContactForm

        await self.netrack.open_form(ContactForm(self.repo))

    async def action_edit(self) -> None:
        from netrack.screens.modal.contact_form import ContactForm

        if self.selected is not None:
            await self.netrack.open_form(ContactForm(self.repo, self.selected))

    async def action_log(self) -> None:
        contact = self.selected
        await self.netrack.action_quick_log(f'@"{contact.name}" ' if contact else "")
