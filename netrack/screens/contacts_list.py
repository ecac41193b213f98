"""What the Contacts table shows: the rows the filter and the sort give, the line above
them (how many, sorted by what, or why none), and the list kept right at once when a
contact is archived, deleted or merged away, before the reload comes.

A base of `ContactsScreen` (contacts.py), which reads the contacts and holds the keys:
the filter and the sort are what its keys change, the table is what they give.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import Input, Static

from netrack.domain.contact_filter import echoed, parse_filter
from netrack.domain.errors import InputError
from netrack.domain.people import Contact
from netrack.screens.base import LiveScreen
from netrack.screens.contact_rows import (
    LABELS,
    last_touch_text,
    next_touch_text,
    ordered,
    strength_text,
)
from netrack.widgets.literal import literal
from netrack.widgets.virtual_table import VirtualTable

# Not `l`: a quick log names contacts already here, and would only say "no contact matches".
EMPTY = (
    "No contacts yet. Press n to add one, or ctrl+p Import LinkedIn… or vCard… to bring them in."
)

NO_MATCH = "No contact matches {query}. Press escape to clear the filter."

ALL_ARCHIVED = "No contacts shown: every one is archived (A shows them). Press n to add one."

PARTIAL_WAIT = "loading… (the filter and the sort apply once every contact is read)"

# The order the first rows come in (`ContactsData.partial`): `Contacts.first`'s.
FIRST_ORDER = ("name", False)


@dataclass(frozen=True, slots=True)
class ContactsData:
    contacts: list[Contact]
    today: date
    haystacks: list[str]  # `haystack(contact)`, position for position
    all_archived: bool = False  # none listed, archived ones hidden: every one is archived
    # The first rows by name only (`ContactsScreen.load_preview`), the rest still read:
    # how many there are, and what a filter or another sort gives, not known yet.
    partial: bool = False


class ContactsList(LiveScreen[ContactsData]):
    """A screen with the Contacts table: `_fill` shows the contacts in `self.data` as
    the filter (#filter) and the sort (`sort_column`, `sort_reverse`) give them, in
    `self.rows`; `_cells` draws a row."""

    def __init__(self, repo: object) -> None:
        super().__init__(repo)  # type: ignore[arg-type]
        self.data = ContactsData([], date.today(), [])
        self.sort_column = "name"
        self.sort_reverse = False
        self.rows: list[Contact] = []  # the matches, sorted: the table's rows
        self._order: tuple[str, bool, list[int]] | None = None  # the sort, kept per data
        self.show_archived = False
        # The contact the cursor was on when a filter, a sort or `A` emptied the first
        # rows to wait for every contact: the cursor goes back to it once they come.
        self.held_id: int | None = None
        # The first load has come: until then the line says "loading…" (a career's
        # contacts take seconds to read), never "No contacts yet" of a list not read.
        self.listed = False

    def _cells(self, index: int) -> tuple[Text, ...]:
        contact = self.rows[index]
        name = literal(contact.name)
        if contact.archived:
            name.append(" (archived)", style="dim italic")
        return (
            name,
            literal(contact.organization),
            strength_text(contact.strength),
            last_touch_text(contact.last_touch, self.data.today),
            next_touch_text(contact, self.data.today),
            Text(contact.channel.value if contact.channel else ""),
        )

    def _sorted(self) -> list[int]:
        key = (self.sort_column, self.sort_reverse)
        if self._order is None or self._order[:2] != key:
            self._order = (*key, ordered(self.data.contacts, *key))
        return self._order[2]

    def _fill(self, keep: int | None = None, fallback: int | None = None) -> None:
        """The rows the filter and the sort give, the cursor on `keep`, else on
        `fallback` (a new contact the filter hides: the row it was on)."""
        if keep is None and self.selected:
            keep = self.selected.id
        query = self.query_one("#filter", Input).value
        contacts, hay = self.data.contacts, self.data.haystacks
        order = self._sorted()
        problem = None
        try:
            wanted = parse_filter(query)
        except InputError as error:  # said in place; no row passes a filter not understood
            problem, order = str(error), []
        else:
            if self.waits_for_all(wanted.has_terms or wanted.has_words):
                order = []  # the first rows' matches are not the list's first matches
                if keep is not None:
                    self.held_id = keep
            elif wanted.has_terms:
                order = [i for i in order if wanted.accepts(contacts[i], hay[i])]
            elif wanted.has_words:  # words alone: a substring test a word a contact
                holds = wanted.holds_words
                order = [i for i in order if holds(hay[i])]
        self.rows = [contacts[i] for i in order]
        at = {c.id: n for n, c in enumerate(self.rows) if c.id in (keep, fallback)}
        cursor = next((at[wanted] for wanted in (keep, fallback) if wanted in at), 0)
        table = self.query_one(VirtualTable)
        table.sort_marker = (self.sort_column, self.sort_reverse)
        table.set_rows(len(self.rows), cursor)
        self._count(query, problem)

    def waits_for_all(self, filtered: bool) -> bool:
        """Whether the rows asked for (`filtered`, and as sorted now) are not the first
        rows shown until every contact is read."""
        order = (self.sort_column, self.sort_reverse)
        return self.data.partial and (filtered or order != FIRST_ORDER)

    def _count(self, query: str, problem: str | None = None) -> None:
        if not self.listed:  # "loading…", or why the load failed (`LiveScreen._failed`)
            return
        empty = self.query_one("#contacts-empty", Static)
        total, matched = len(self.data.contacts), len(self.rows)
        arrow = "▼" if self.sort_reverse else "▲"
        if self.data.partial and problem is None:  # no total claimed: it is not known yet
            if matched:
                line = f"the first {matched:,} · sorted by {LABELS[self.sort_column]} {arrow}"
                empty.update(Text(f"{line} · loading the rest…", style="dim"))
            else:
                empty.update(Text(PARTIAL_WAIT, style="dim"))
            return
        if not total:
            empty.update(ALL_ARCHIVED if self.data.all_archived else EMPTY)
        elif problem is not None:
            empty.update(literal(problem, style="bold red"))
        elif not matched:
            # The filter quoted in what room the line leaves it: pasted text as long as
            # a page pushed the table, this hint and the key bar off the screen.
            room = empty.content_region.width or self.app.size.width - 2
            room -= cell_len(NO_MATCH.format(query=""))
            empty.update(literal(NO_MATCH.format(query=echoed(query, max(room, 12), cell_len))))
        else:
            line = f"{matched:,} of {total:,} · sorted by {LABELS[self.sort_column]} {arrow}"
            if self.show_archived:
                line += " · archived shown (A hides them)"
            empty.update(Text(line, style="dim"))

    @property
    def selected(self) -> Contact | None:
        row = self.query_one(VirtualTable).cursor_row
        return self.rows[row] if 0 <= row < len(self.rows) else None

    def now_archived(self, contact_id: int) -> None:
        """A contact just archived while archived ones are shown: marked so at once, so
        a key typed ahead (`a y a`) sees it archived, as the reload will show it."""
        data = self.data
        self.data = replace(
            data,
            contacts=[
                replace(c, archived=True) if c.id == contact_id else c for c in data.contacts
            ],
            all_archived=False,
        )
        self._fill(contact_id)

    def take_out(self, contact_id: int, onto: int | None = None) -> None:
        """A contact just deleted (or archived, archived ones hidden) leaves the list at
        once, the cursor on `onto` (a merge's kept contact) where it is listed, else on
        the next row: `a y a y` typed in one burst archived the first contact twice and
        never the second (the reload had not come)."""
        at = next((n for n, c in enumerate(self.rows) if c.id == contact_id), None)
        if at is None:
            return
        after = self.rows[at + 1] if at + 1 < len(self.rows) else None
        before = self.rows[at - 1] if at > 0 else None
        data = self.data
        kept = [n for n, c in enumerate(data.contacts) if c.id != contact_id]
        self.data = replace(
            data,
            contacts=[data.contacts[n] for n in kept],
            haystacks=[data.haystacks[n] for n in kept],
            all_archived=False,
        )
        self._order = None
        if any(c.id == onto for c in self.rows):
            self._fill(onto)
            return
        neighbour = after or before
        self._fill(neighbour.id if neighbour else None)
