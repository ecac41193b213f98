"""Contacts: a table to filter as you type (`/`) and sort by any column (`s`, or click);
`a` archives (or brings back), `A` shows the archived too, `M` merges into a contact
picked from a list, `delete` deletes one without history and offers to archive one with
(`netrack.screens.contact_tidy`). Each asks first where data goes away.

Built for thousands of contacts: the load (a worker) folds each contact's searchable text
once and the sort is kept per column, so a keystroke is a substring test per contact; the
table is virtual (`VirtualTable`): it draws only the rows on screen, where a DataTable of
5,000 rows takes about a second to fill and paint. What the table shows, filtered and
sorted: `netrack.screens.contacts_list`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Input, Static

from netrack.domain.contact_filter import GRAMMAR, GRAMMAR_NOTE, haystack
from netrack.domain.people import Contact
from netrack.screens.base import LOADING
from netrack.screens.contact_rows import COLUMNS
from netrack.screens.contact_tidy import ContactTidy
from netrack.screens.contacts_list import ContactsData, ContactsList
from netrack.screens.log_prefill import archived_words
from netrack.screens.refusals import FreshRefusals, nothing_to_act_on
from netrack.widgets.header import ModeHeader
from netrack.widgets.keybar import KeyBar
from netrack.widgets.literal import literal
from netrack.widgets.ordered_input import OrderedInput
from netrack.widgets.virtual_table import VirtualTable

if TYPE_CHECKING:
    from netrack.changes import Change

# Read first, before the rest (`load_preview`): more than a screen holds, so that `j`,
# page down and enter typed meanwhile find their rows without waiting for the rest.
FIRST_ROWS = 200


class ContactsScreen(ContactsList):
    # Parsed when the screen is first shown, not at start-up; unscoped, as in the app's
    # stylesheet, so `.-narrow` (a class of the screen itself) still applies.
    SCOPED_CSS = False
    DEFAULT_CSS = """
    #filter { height: 3; margin: 0 0; }
    #contacts { height: 1fr; }
    #contacts-status { color: $error; height: auto; }
    """
    AUTO_FOCUS = "#contacts"  # the table; `/` moves to the filter
    BINDINGS: ClassVar[list[BindingType]] = [
        # A priority binding, as `down` below: run as the app reads the key, so the keys
        # typed after it in one burst (`/ana ↓ ⏎`) find the filter focused already.
        Binding("slash", "find", "Find", key_display="/", priority=True),
        Binding("s", "sort", "Sort"),
        # `r` adds a referral on contact detail; a key means one thing (SPEC).
        Binding("R", "reverse", "Reverse", key_display="R"),
        Binding("n", "new", "New"),
        Binding("e", "edit", "Edit"),
        Binding("l", "log", "Log"),
        Binding("escape", "clear", "Clear", show=False),
        # Listed by `?` and the palette; the key bar has no room for them at 80 columns.
        Binding("a", "archive", "Archive / bring back", show=False),
        Binding("A", "show_archived", "Show archived", key_display="A", show=False),
        Binding("M", "merge", "Merge into…", key_display="M", show=False),
        Binding("delete", "delete", "Delete", key_display="del", show=False),
        # From the filter only (`check_action`): the table handles its own down. A
        # priority binding, run as the app reads the key: an ⏎ typed right after it
        # reached the filter, not the table, and opened nothing.
        Binding("down", "into_table", show=False, priority=True),
    ]
    PALETTE_TITLES: ClassVar[dict[str, str]] = {  # netrack.screens.commands
        "find": "Find contacts (filter)",
        "sort": "Sort contacts by the next column",
        "reverse": "Reverse the contacts' order",
        "new": "New contact",
        "edit": "Edit contact",
        "log": "Log with contact",
        "clear": "Clear the contacts filter",
        "archive": "Archive / bring back contact",
        "show_archived": "Show or hide archived contacts",
        "merge": "Merge contact into…",
        "delete": "Delete contact",
        "select": "Open contact",  # the table's enter
    }
    HELP_NOTES: ClassVar[dict[str, str]] = {  # shown by `?` (netrack.screens.help)
        "a": "archiving asks first (history kept, the contact leaves lists and completion);"
        " an archived one comes back at once",
        "A": "archived contacts in the table too, marked (archived)",
        "M": "pick the contact to keep; asks first, saying what moves",
        "del": "a contact without history, once confirmed; one with history: archive it?",
    }
    HELP_SECTIONS: ClassVar[dict[str, Sequence[tuple[str, str]]]] = {
        "The filter (/)": [
            *(("  ".join(examples), meaning) for examples, meaning in GRAMMAR),
            ("", GRAMMAR_NOTE),
        ],
    }

    def __init__(self, repo: object) -> None:
        super().__init__(repo)
        self._new: int | None = None  # a contact just added, for the cursor (`follow_new`)
        self.tidy = ContactTidy(self, self.repo)
        self._refusals = FreshRefusals(self)

    def compose(self) -> ComposeResult:
        yield ModeHeader("contacts")
        yield OrderedInput(
            placeholder="/ filter: words, strength:3+, channel:linkedin, org:acme · ↓ the table",
            id="filter",
        )
        # The filter typed meanwhile applies when the list arrives (`show`).
        yield Static(LOADING, id="contacts-empty", classes="empty")
        status = Static(id="contacts-status")
        status.display = False
        yield status
        table = VirtualTable(COLUMNS, self._cells, id="contacts")
        # A refusal is of the row it was said on ("… has history …; they are archived
        # already"): it goes when a key or a click leaves that row, as on the Pipeline.
        table.left_row = lambda: self.say("")
        table.before_keys = self.rows_now
        table.nothing_to_open = self.selected_or_say
        yield table
        yield KeyBar()

    def on_mount(self) -> None:
        self.focus_at_mount(self.query_one(VirtualTable))
        super().on_mount()

    def on_resize(self, _event: events.Resize) -> None:
        if self.data.contacts and not self.rows:  # the no-match line fitted to the width
            self._fill()

    def on_screen_suspend(self, _event: events.ScreenSuspend) -> None:
        if self._refusals.gone_with_the_screen():
            self.say("")

    def load(self) -> ContactsData:
        contacts = self.repo.contacts.all(include_archived=self.show_archived)
        hidden = not contacts and not self.show_archived and self.repo.contacts.count() > 0
        return ContactsData(contacts, self.repo.today(), [haystack(c) for c in contacts], hidden)

    def load_preview(self) -> ContactsData | None:
        """The first rows by name, shown while the rest is read: a career's 50,000
        contacts took ~2 s to read, "loading…" until then (issue 18)."""
        if self.listed:
            return None
        first = self.repo.contacts.first(FIRST_ROWS, include_archived=self.show_archived)
        if not first:  # none, or every one archived: the whole load says which
            return None
        hay = [haystack(c) for c in first]
        return ContactsData(first, self.repo.today(), hay, partial=len(first) == FIRST_ROWS)

    def rows_now(self, row: int | None = None) -> None:
        """Before a key acts on a row (`row`: the one it aims at; None: the cursor's),
        the first load still under way: the contacts read now, as the Pipeline reads its
        whole board (`2 j j enter` typed at once was lost). The first rows are read
        first, and are enough for a key that stays among them: the rest is read (~2 s
        on a career's history) only for a key that goes beyond them, or for a filter or
        a sort, which need every contact."""
        if self.listed and not self.data.partial:
            return
        aim = self.query_one(VirtualTable).cursor_row if row is None else row
        if not self.listed:
            try:
                first = self.load_preview()
            except Exception:  # said by the whole read below, which fails alike
                first = None
            if first is not None:
                self.show(first)
        if self.listed and aim < len(self.rows) and not self.waits_for_all(False):
            return  # a row among the first ones (none listed under a filter or a sort)
        self.workers.cancel_group(self, "load")
        data = self.read_now(self.load)
        if data is not None:  # (a failure is said in place, the table empty as it was)
            self.show(data)

    def show(self, data: ContactsData) -> None:
        if data.partial and self.listed:  # a preview read meanwhile: what is listed is newer
            return
        self.listed = True
        before = self.selected.id if self.selected else self.held_id
        self.held_id = None
        new = self._new
        # Waited for until a load has it: one begun before the save had not.
        if new is not None and any(c.id == new for c in data.contacts):
            self._new = None
        else:
            new = None
        self.data = data
        self._order = None
        self._fill(new, before)

    def _failed(self, error: Exception) -> None:
        super()._failed(error)
        if self.data.partial:  # its line said the rest was coming
            self.query_one("#contacts-empty", Static).update(
                literal(f"could not load the rest: {error}")
            )

    def selected_or_say(self) -> Contact | None:
        """The contact under the cursor, read first if the load has not come; none: said
        in place with the key to press (e and enter on an empty list said nothing)."""
        self.rows_now()
        contact = self.selected
        if contact is None:
            listed = self.data.contacts
            here = "No contact selected."
            if listed and not self.rows:
                here = "No contact matches the filter: escape clears it."
            hidden = "archived (A shows them)" if self.data.all_archived else ""
            self.say(
                nothing_to_act_on(
                    "contact", "n adds one", none_yet=not listed, otherwise=here, all_hidden=hidden
                )
            )
        return contact

    @on(Input.Changed, "#filter")
    def _filter(self) -> None:
        self.say("")  # a refusal said of the contact under the cursor: another list now
        self._fill()

    # set_focus, not focus(): focus() waits for the queue, and an enter typed right
    # after ↓ reached the filter instead of opening the contact under the cursor.
    @on(Input.Submitted, "#filter")
    def _filter_done(self) -> None:
        self.set_focus(self.query_one(VirtualTable))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "into_table":
            return self.focused is self.query_one("#filter", Input)
        if action == "find":  # a `/` typed in the filter is a character of it
            # None, not False: not run from the filter, still offered by the palette,
            # which leaves the filter for the table before it runs a key.
            return None if self.focused is self.query_one("#filter", Input) else True
        return super().check_action(action, parameters)

    def action_into_table(self) -> None:
        self.set_focus(self.query_one(VirtualTable))

    @on(VirtualTable.RowSelected)
    def _open(self, event: VirtualTable.RowSelected) -> None:
        self.netrack.open_contact(self.rows[event.index].id)

    @on(VirtualTable.HeaderSelected)
    def _header(self, event: VirtualTable.HeaderSelected) -> None:
        column = event.key
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
        self.set_focus(self.query_one(VirtualTable))

    def action_sort(self) -> None:
        keys = [column.key for column in COLUMNS]
        self.sort_column = keys[(keys.index(self.sort_column) + 1) % len(keys)]
        self.sort_reverse = self.sort_column in ("strength", "last_touch")
        self._fill()

    def action_reverse(self) -> None:
        self.sort_reverse = not self.sort_reverse
        self._fill()

    async def action_new(self) -> None:
        from netrack.screens.modal.contact_form import ContactForm

        await self.netrack.open_form(ContactForm(self.repo, added=self.follow_new))

    def follow_new(self, contact_id: int) -> None:
        """After the next load, the cursor on a contact just added (`n` or the
        palette), as the Pipeline's on a new card: `e` or `l` pressed next took the
        row the cursor had stayed on."""
        self._new = contact_id

    async def action_edit(self) -> None:
        from netrack.screens.modal.contact_form import ContactForm

        contact = self.selected_or_say()
        if contact is not None:
            await self.netrack.open_form(ContactForm(self.repo, contact))

    async def action_log(self) -> None:
        self.rows_now()
        contact = self.selected
        if contact is not None:
            await self.log_with([contact.id])
        else:
            await self.netrack.action_quick_log()

    # --- tidying: archive, merge, delete (netrack.screens.contact_tidy) -----------------

    def say(self, text: str) -> None:
        """A refusal, in place above the table ("" clears it)."""
        status = self.query_one("#contacts-status", Static)
        status.update(literal(text))
        status.display = bool(text)
        if text:
            self._refusals.said()

    def refuse_archived(self, names: Sequence[str]) -> None:
        self.say(archived_words(names))  # their row is shown: no need to say how (A)

    def _data_changed(self, change: Change) -> None:
        # A write since (a contact added, edited, logged with; here or in another
        # program): a refusal said before it ("No contact selected.") is stale.
        if self._refusals.stale_after(change):
            self.say("")
        super()._data_changed(change)

    def action_show_archived(self) -> None:
        self.say("")
        self.show_archived = not self.show_archived
        if self.data.partial:  # first rows without the archived among them: none shown
            if self.selected:  # the cursor's contact, kept for when every one is read
                self.held_id = self.selected.id
            self.data, self._order = replace(self.data, contacts=[], haystacks=[]), None
            self._fill()
        self.reload()

    def action_archive(self) -> None:
        self.tidy.archive()

    def action_merge(self) -> None:
        self.tidy.merge()

    def action_delete(self) -> None:
        self.tidy.delete()
