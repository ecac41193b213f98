"""The LinkedIn messages that `message` interactions were logged for, as imports keep
them (`import_keys.messages_key`): what tells a message imported before on a machine in
another zone (data/history.py), whose day there was another."""

from __future__ import annotations

from bisect import bisect_right
from datetime import date
from itertools import accumulate
from typing import Any

from netrack.data import tables as t
from netrack.data.table_rows import raw_rows
from netrack.domain.import_keys import MESSAGES, message_print, messages_span


class Spans:
    """The LinkedIn messages each contact's `message` interactions were logged for, by
    the marks (time in UTC and print, `import_keys`) of the first and last of each."""

    def __init__(self, spans: list[tuple[int, str, str]]) -> None:
        by_contact: dict[int, list[tuple[str, str, str, str]]] = {}
        for contact, first, last in spans:
            begins, ends = first.split("#"), last.split("#")
            by_contact.setdefault(contact, []).append((begins[0], begins[1], ends[0], ends[1]))
        # Per contact: the spans by first time, and the latest last time up to each
        self.index: dict[int, tuple[list[tuple[str, str, str, str]], list[str]]] = {}
        for contact, found in by_contact.items():
            found.sort()
            self.index[contact] = (found, list(accumulate((span[2] for span in found), max)))

    def find(self, contact: int, at: str) -> bool | set[str]:
        """True when a span has `at` between its first and last time; else the prints
        of the messages at `at` that are a span's first or last (a message sent that
        second with another text is another)."""
        found = self.index.get(contact)
        prints: set[str] = set()
        if found is None:
            return prints
        spans, latest = found
        index = bisect_right(spans, (at, "\uffff")) - 1  # the last span begun by `at`
        while index >= 0 and latest[index] >= at:  # an earlier span may reach `at`
            first, first_print, last, last_print = spans[index]
            if first < at < last:
                return True
            prints.update(
                mark for time, mark in ((first, first_print), (last, last_print)) if time == at
            )
            index -= 1
        return prints


# What `message_days` reads: (contact, day) of untimed `message` interactions, their
# (contact, day, note), and each timed one's (contact, day) with its messages' times
Days = tuple[
    set[tuple[int, date]],
    set[tuple[int, date, str]],
    dict[tuple[int, date], list[tuple[str, str]]],
]


def message_days(spans: list[tuple[int, int, date, str, str]]) -> Days:
    """(contact, day) of each `message` interaction that keeps no times of its messages
    (typed, an older netrack's), and with its note; and of each that keeps them
    (`spans`), their (first, last) times in UTC: another message is that day's only
    where a zone puts it on that day with them."""
    untimed: set[tuple[int, date]] = set()
    notes: set[tuple[int, date, str]] = set()
    timed_days: dict[tuple[int, date], list[tuple[str, str]]] = {}
    timed = {interaction: (first, last) for interaction, _, _, first, last in spans}
    link, interaction = t.InteractionContact, t.Interaction
    query = (
        link.select(link.contact, link.on, link.interaction, interaction.note)
        .join(interaction, on=(link.interaction == interaction.id))
        .where(interaction.kind == "message")
    )
    for row in raw_rows(query):
        day = (row["contact_id"], date.fromisoformat(str(row["on"])[:10]))
        if row["interaction_id"] in timed:
            first, last = timed[row["interaction_id"]]
            timed_days.setdefault(day, []).append((first[:20], last[:20]))  # the times
        else:
            untimed.add(day)
            if row["note"]:
                notes.add((*day, row["note"]))
    return untimed, notes, timed_days


def marks(span: list[Any]) -> tuple[str, str]:
    """The marks (`import_keys`) of the first and last messages of [time, said, …]."""
    return f"{span[0]}#{message_print(*span[1])}", f"{span[2]}#{message_print(*span[3])}"


def message_spans() -> list[tuple[int, int, date, str, str]]:
    """(interaction, contact, day, FIRST, LAST) of each span of messages kept
    (`import_keys.messages_key`) whose interaction is still there: a message deleted
    since comes back, as before."""
    link = t.InteractionContact
    query = (
        t.ImportedEvent.select(t.ImportedEvent.key, link.contact, link.interaction, link.on)
        .join(link, on=(t.ImportedEvent.interaction == link.interaction))
        .where(t.ImportedEvent.key.startswith(MESSAGES + "|"))
    )
    found = []
    for row in raw_rows(query):
        span = messages_span(row["key"])
        if span is not None:
            on = date.fromisoformat(str(row["on"])[:10])
            found.append((row["interaction_id"], row["contact_id"], on, *span))
    return found
