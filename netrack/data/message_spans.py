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
    the marks (time in UTC and print, `import_keys`) of the first and last of each, and
    whether that interaction is still a message (its kind may have been edited since)."""

    def __init__(self, spans: list[tuple[int, str, str, bool]]) -> None:
        by_contact: dict[int, list[tuple[str, str, str, str, bool]]] = {}
        for contact, first, last, message in spans:
            begins, ends = first.split("#"), last.split("#")
            span = (begins[0], begins[1], ends[0], ends[1], message)
            by_contact.setdefault(contact, []).append(span)
        # Per contact: the spans by first time, and the latest last time up to each
        self.index: dict[int, tuple[list[tuple[str, str, str, str, bool]], list[str]]] = {}
        for contact, found in by_contact.items():
            found.sort()
            self.index[contact] = (found, list(accumulate((span[2] for span in found), max)))

    def find(self, contact: int, at: str, said: str) -> bool:
        """Whether a span holds the message at `at` whose print is `said`: `at` is
        between its first and last time; or is one of them, and the span's interaction
        is still a message (in every zone a message of that second is on that one's
        day, and one message interaction per contact per day stands for both, whatever
        their text), or the message there is this one (made a call since, that
        interaction stands for the messages it was logged for alone)."""
        found = self.index.get(contact)
        if found is None:
            return False
        spans, latest = found
        index = bisect_right(spans, (at, "\uffff")) - 1  # the last span begun by `at`
        while index >= 0 and latest[index] >= at:  # an earlier span may reach `at`
            first, first_print, last, last_print, message = spans[index]
            if first < at < last:
                return True
            ends = [mark for time, mark in ((first, first_print), (last, last_print)) if time == at]
            if ends and (message or said in ends):
                return True
            index -= 1
        return False


# What `message_days` reads: (contact, day) of untimed `message` interactions, their
# (contact, day, note), and each timed one's (contact, day) with its messages' times
Days = tuple[
    set[tuple[int, date]],
    set[tuple[int, date, str]],
    dict[tuple[int, date], list[tuple[str, str]]],
]


def message_days(spans: list[tuple[int, int, date, str, str, bool]]) -> Days:
    """(contact, day) of each `message` interaction that keeps no times of its messages
    (typed, an older netrack's), and with its note; and of each that keeps them
    (`spans`), their (first, last) times in UTC: another message is that day's only
    where a zone puts it on that day with them."""
    untimed: set[tuple[int, date]] = set()
    notes: set[tuple[int, date, str]] = set()
    timed_days: dict[tuple[int, date], list[tuple[str, str]]] = {}
    timed = {interaction: (first, last) for interaction, _, _, first, last, _ in spans}
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


def message_spans() -> list[tuple[int, int, date, str, str, bool]]:
    """(interaction, contact, day, FIRST, LAST, still a message) of each span of
    messages kept (`import_keys.messages_key`) whose interaction is still there: a
    message deleted since comes back, as before."""
    link, interaction = t.InteractionContact, t.Interaction
    query = (
        t.ImportedEvent.select(
            t.ImportedEvent.key, link.contact, link.interaction, link.on, interaction.kind
        )
        .join(link, on=(t.ImportedEvent.interaction == link.interaction))
        .join(interaction, on=(link.interaction == interaction.id))
        .where(t.ImportedEvent.key.startswith(MESSAGES + "|"))
    )
    found = []
    for row in raw_rows(query):
        span = messages_span(row["key"])
        if span is not None:
            on = date.fromisoformat(str(row["on"])[:10])
            is_message = row["kind"] == "message"
            found.append((row["interaction_id"], row["contact_id"], on, *span, is_message))
    return found
