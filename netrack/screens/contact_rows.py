"""The Contacts table's rows: its columns, how each sorts (blanks last whatever the
direction) and how a cell reads; the filter's match. Pure: the screen (contacts.py) and
the in-app benchmark call them.
"""

from __future__ import annotations

from datetime import date

from rich.text import Text

from netrack.domain.cadence import next_touch
from netrack.domain.contact_filter import haystack
from netrack.domain.name_folding import fold
from netrack.domain.people import Contact
from netrack.domain.resolve import name_order
from netrack.widgets.urgency import LATE
from netrack.widgets.virtual_table import Column

COLUMNS: tuple[Column, ...] = (
    Column("name", "Name", ratio=3, min_width=12),
    Column("organization", "Organization", ratio=2, min_width=12),
    Column("strength", "Strength", width=8),
    Column("last_touch", "Last touch", width=17),
    Column("next_touch", "Next touch", width=10),
    Column("channel", "Channel", width=13),
)
LABELS = {c.key: c.label for c in COLUMNS}


def sort_key(column: str, contact: Contact) -> tuple[int, object]:
    """Blanks last whatever the direction of the rest."""
    value: object
    if column == "strength":
        value = contact.strength
    elif column == "last_touch":
        value = contact.last_touch
    elif column == "next_touch":
        value = due_date(contact)
    elif column == "channel":
        value = contact.channel.value if contact.channel else None
    else:  # names as they compare (and as `contact list` sorts): "Ángel" among the As
        text = getattr(contact, column)
        value = name_order(text) if text else None
    return (1, "") if value is None else (0, value)


def due_date(contact: Contact) -> date | None:
    """When the contact's keep-in-touch cadence falls due; None without one."""
    return next_touch(contact.last_touch, contact.met_on, contact.keep_in_touch)


def next_touch_text(contact: Contact, today: date) -> Text:
    due = due_date(contact)
    if due is None:
        return Text("")
    return Text(due.isoformat(), style=LATE if due < today else "")


def ordered(contacts: list[Contact], column: str, reverse: bool) -> list[int]:
    """Positions of `contacts` sorted by `column`; blanks last, by name, whatever the
    direction."""
    keys = [sort_key(column, c) for c in contacts]
    present = [i for i, key in enumerate(keys) if key[0] == 0]
    blank = [i for i, key in enumerate(keys) if key[0] == 1]
    present.sort(key=keys.__getitem__, reverse=reverse)
    blank.sort(key=lambda i: name_order(contacts[i].name))
    return present + blank


def visible(contacts: list[Contact], query: str, column: str, reverse: bool) -> list[Contact]:
    """Contacts whose name, organization, title, function or tags match `query`, sorted."""
    needle = fold(query)
    return [
        contacts[i]
        for i in ordered(contacts, column, reverse)
        if not needle or needle in haystack(contacts[i])
    ]


def strength_text(strength: int | None) -> Text:
    if not strength:
        return Text("—", style="dim")
    return Text("●" * strength + "○" * (5 - strength), style="yellow")


def last_touch_text(day: date | None, today: date) -> Text:
    if day is None:
        return Text("never", style="dim")
    days = (today - day).days
    return Text(f"{day.isoformat()} ({days}d)" if days >= 0 else day.isoformat())
