"""LinkedIn's messages.csv and Invitations.csv, read into plain records.

messages.csv comes in the two header styles LinkedIn has shipped:

- `From,To,Date,Subject,Content,Direction,Folder` (exports until about 2019; Direction
  INCOMING/OUTGOING, Folder INBOX/SENT);
- `CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,DATE,SUBJECT,CONTENT,
  FOLDER`, later with `RECIPIENT PROFILE URLS` (`;`-separated) and more columns after.

Invitations.csv: `From,To,Sent At,Message,Direction`, since late 2023 with
`inviterProfileUrl,inviteeProfileUrl`.

Columns are found by name (any order, any case, extra columns ignored). Dates are
`2023-06-11 15:33:58 UTC`, dated by the user's day (`LocalDays`: that time on this
machine's clock; a message at 01:00 UTC is the evening before in California), or the
Connections styles (`9/25/26, 8:52 AM`, `30 May 2024`), taken as written: numeric ones
are month-first, as LinkedIn writes them, unless a first number above 12 in the column
says day-first. A row without a date is skipped with that reason; a row whose date is
no date (`30 Feb 2026`) is read with that `problem`, and skipped with its line: one bad
cell is not a reason to refuse the file (SPEC, Data and safety).
"""

from __future__ import annotations

import contextlib
import csv
import re
from dataclasses import dataclass, field
from datetime import date
from operator import itemgetter
from pathlib import Path

from netrack.domain.errors import InputError
from netrack.domain.import_keys import linkedin_instant
from netrack.domain.records import located
from netrack.interop import linkedin
from netrack.interop.local_days import LocalDays
from netrack.interop.reading import text_of

MESSAGES_REQUIRED = ("from", "to", "date", "content")
# The columns `read_messages` reads, in the order it unpacks them.
MESSAGE_COLUMNS = (
    "date",
    "conversation id",
    "conversation title",
    "subject",
    "from",
    "sender profile url",
    "to",
    "recipient profile urls",
    "content",
    "folder",
    "direction",
    "is message draft",
    "is conversation draft",
)
# A draft is a message the user never sent (LinkedIn keeps them in the export): by its
# draft columns ("Yes"), or a DRAFT(S) folder.
DRAFT_FOLDERS = frozenset({"DRAFT", "DRAFTS"})
INVITATIONS_REQUIRED = ("from", "to", "sent at", "direction")
ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[ T]|$)")
NOTE_WORDS = 12
NOTE_CHARS = 80


@dataclass(slots=True)
class Message:
    """One row of messages.csv. `sent` is True when the export itself says the user
    sent it (Folder SENT or Direction OUTGOING)."""

    line: int
    on: date | None
    conversation: str
    title: str
    sender: str
    sender_url: str
    recipients: list[tuple[str, str]] = field(default_factory=list)  # (name, profile URL)
    content: str = ""
    sent: bool = False
    problem: str = ""  # why the row cannot be imported ("bad date …"), or ""
    draft: bool = False  # never sent: no conversation took place
    at: str = ""  # its time in UTC (`import_keys.instant`), when the file gives one


@dataclass(slots=True)
class Invitation:
    """One row of Invitations.csv: the other person (name, profile URL) and the day."""

    line: int
    on: date | None
    name: str
    url: str
    problem: str = ""  # why the row cannot be imported ("bad date …"), or ""


def kind_of(header: list[str]) -> str | None:
    """ "connections", "messages" or "invitations" for a header row, else None."""
    names = {cell.strip().casefold() for cell in header}
    if {"first name", "last name"} <= names:
        return "connections"
    if set(MESSAGES_REQUIRED) <= names:
        return "messages"
    if set(INVITATIONS_REQUIRED) <= names:
        return "invitations"
    return None


# Invitations.csv's columns, for telling one that lost a column from another file.
INVITATION_COLUMNS = (*INVITATIONS_REQUIRED, "message", "inviterprofileurl", "inviteeprofileurl")


def near_kind(header: list[str]) -> tuple[str, list[str]] | None:
    """For a header of no known kind (`kind_of`): the messages or invitations file it
    nearly is, and the required columns it lacks; None when it is neither. "Nearly": it
    has three of that file's columns and one it alone has (a Connections.csv shares no
    column with them)."""
    names = {cell.strip().casefold() for cell in header}
    for kind, columns, required, own in (
        (
            "messages.csv",
            MESSAGE_COLUMNS,
            MESSAGES_REQUIRED,
            {"date", "content", "conversation id"},
        ),
        ("Invitations.csv", INVITATION_COLUMNS, INVITATIONS_REQUIRED, {"sent at", "direction"}),
    ):
        if len(names & set(columns)) >= 3 and names & own:
            return kind, [name.upper() for name in required if name not in names]
    return None


def _table(
    path: Path, data: bytes, required: tuple[str, ...], what: str
) -> tuple[dict[str, int], list[tuple[int, list[str]]], dict[int, str]]:
    """(column → index, [(line, cells)], line → problem) of a CSV whose header has
    `required`; a row too short to hold them all is that row's problem."""
    text = text_of(data)
    first = _first_line(text)
    delimiter = max(linkedin.DELIMITERS, key=first.count) if first else ","
    records, broken = _records(text, delimiter, path)
    ends = [end for end, _ in records]
    # A record starts on the line after the one the record before it ends on.
    starts = [previous + 1 for previous in (0, *ends)][: len(ends)]
    columns: dict[str, int] | None = None
    body = 0  # index of the first record after the header
    for index, (start, (_, row)) in enumerate(zip(starts, records, strict=True)):
        if not "".join(row).strip():
            continue
        names = [cell.strip().casefold() for cell in row]
        if not set(required) <= set(names):
            expected = ",".join(name.title() for name in required)
            raise located(path, start, f"not a LinkedIn {what} header (expected {expected} …)")
        columns = {name: names.index(name) for name in names}
        body = index + 1
        break
    if columns is None:
        if broken:
            raise broken
        end = max(ends[-1] if ends else 0, 1)
        raise located(path, end, f"no header line: is this LinkedIn's {what} file?")
    last = max(columns[name] for name in required)  # the highest index of a required column
    # Blank records (whitespace only) are skipped; a first cell with text settles it, so
    # only a record whose first cell is blank has its cells joined.
    rows = [
        (start, row)
        for start, (_, row) in zip(starts[body:], records[body:], strict=True)
        if (row and row[0] and not row[0].isspace()) or "".join(row).strip()
    ]
    short = {
        start: f"expected {len(columns)} fields, found {len(row)}"
        for start, row in rows
        if len(row) <= last
    }
    if broken:  # after the header, as a reading in order finds it
        raise broken
    return columns, rows, short


def _records(
    text: str, delimiter: str, path: Path
) -> tuple[list[tuple[int, list[str]]], InputError | None]:
    """Every CSV record with the line it ends on, and the error of a broken record (the
    records before it are kept: a fault among them is reported first).

    Read with one comprehension (a messages.csv has 100,000 records); only a broken file
    is read again record by record, to keep those before the fault."""
    reader = linkedin.csv_reader(text, delimiter)
    try:
        return [(reader.line_num, row) for row in reader], None
    except csv.Error as error:
        fault = located(path, reader.line_num, f"broken CSV ({error})")
    reader = linkedin.csv_reader(text, delimiter)
    records: list[tuple[int, list[str]]] = []
    with contextlib.suppress(csv.Error):  # it stops where the first reading did
        for row in reader:
            records.append((reader.line_num, row))
    return records, fault


def _first_line(text: str) -> str:
    """The first line (as `str.splitlines` cuts them) that is not blank, or "", found
    without splitting a whole 20 MB export into lines."""
    size = 4096
    while True:
        lines = text[:size].splitlines()
        whole = size >= len(text)
        for line in lines if whole else lines[:-1]:  # the last may be cut short
            if line.strip():
                return line
        if whole:
            return ""
        size *= 8


def _cell(row: list[str], columns: dict[str, int], name: str) -> str:
    index = columns.get(name)
    return row[index].strip() if index is not None and index < len(row) else ""


def _days(values: list[str]) -> tuple[list[date | None], dict[int, str]]:
    """The date of each text (blank → None), and by index why a text is no date (its
    date is None). ISO dates (what LinkedIn writes today) are read in one pass; only
    numeric ones wait for the column to decide their day/month order."""
    days: list[date | None] = []
    problems: dict[int, str] = {}
    numeric: list[tuple[int, linkedin.Numeric]] = []  # (index, shape)
    fromiso = date.fromisoformat
    local = LocalDays()
    hours = local.hours  # an hour seen before, without a call: most messages
    # A day already read, by its first ten characters: 100,000 messages fall on a few
    # thousand days. Only a text that passed the test below is ever a key here.
    known: dict[str, date] = {}
    for text in values:
        if len(text) == 23 and text.endswith(" UTC"):
            hour = hours.get(text[:13])
            if hour is not None:
                days.append(hour[0] if text[14:19] < hour[1] else hour[2])
                continue
            try:
                days.append(local.of(text))
                continue
            except ValueError:  # another shape, or 2026-02-30: as below
                pass
        day = known.get(text[:10])
        if day is not None:
            days.append(day)
            continue
        # "2023-06-11", or a time in no zone: the date is the first ten characters
        if len(text) >= 10 and text[4] == "-" and text[7] == "-" and text[:4].isdigit():
            try:
                day = known[text[:10]] = fromiso(text[:10])
                days.append(day)
                continue
            except ValueError:
                pass
        try:
            iso = ISO_DAY.match(text.strip())
            found = date(*map(int, iso.groups())) if iso else linkedin.shape(text)
        except (InputError, ValueError):
            found = None
            problems[len(days)] = f"bad date {text.strip()!r}"
        if isinstance(found, linkedin.Numeric):
            numeric.append((len(days), found))
            days.append(None)
        else:
            days.append(found)
    day_first = any(shape.first > 12 for _, shape in numeric)
    for index, shape in numeric:
        try:
            days[index] = shape.read(day_first)
        except ValueError:  # 2/30/24: a day the month does not have
            problems[index] = f"bad date {values[index].strip()!r}"
    return days, problems


def read_messages(path: Path, data: bytes) -> list[Message]:
    """Every message row, in file order."""
    columns, rows, short = _table(path, data, MESSAGES_REQUIRED, "messages")
    # Cells by fixed index, all at once (this loop runs once per message: 100,000 times
    # for a busy account); a column the file lacks reads as the blank cell after the last.
    width = max(columns.values()) + 1
    cells = itemgetter(*(columns.get(name, width) for name in MESSAGE_COLUMNS))
    padded = [(line, cells(_padded(row, width))) for line, row in rows]
    days, problems = _days([row[0].strip() for _, row in padded])
    messages: list[Message] = []
    append = messages.append
    for (line, row), on in zip(padded, days, strict=True):
        (when, conversation, title, subject, sender, url, to, urls, content, folder, direction,
         message_draft, conversation_draft) = map(str.strip, row)  # fmt: skip
        sent = folder.upper() == "SENT" or direction.upper() == "OUTGOING"
        recipients = _recipients(to, urls)
        message = Message(line, on, conversation, title or subject, sender, url, recipients, content, sent)  # fmt: skip
        if folder.upper() in DRAFT_FOLDERS or "YES" in (message_draft.upper(), conversation_draft.upper()):  # fmt: skip
            message.draft = True
        if on is not None and len(when) == 23 and when.endswith(" UTC"):
            # The time, which no zone changes (its day is this machine's zone's)
            message.at = linkedin_instant(when)
        append(message)
    for index, problem in problems.items():
        messages[index].problem = problem
    for message in messages if short else ():  # a few cells short: that row, not the file
        if message.line in short:
            message.on, message.problem = None, short[message.line]
    return messages


def _padded(row: list[str], width: int) -> list[str]:
    """`row` with exactly `width` cells and one blank after them."""
    if len(row) == width:
        row.append("")
        return row
    return [*row[:width], *([""] * (width - len(row))), ""]


def _recipients(names: str, urls: str) -> list[tuple[str, str]]:
    """(name, URL) pairs of a TO cell: a group message lists several names with commas
    and as many `;`-separated URLs; a name with a comma in it ("Doe, Jane") stays whole
    unless the URLs say there are that many people."""
    if not urls or (";" not in urls and "," not in urls):  # one person: the usual case
        return [(names, urls)] if names or urls else []
    links = [url.strip() for url in re.split(r"[;,]", urls) if url.strip()]
    if len(links) > 1:
        parts = [part.strip() for part in names.split(",")]
        if len(parts) == len(links):
            return list(zip(parts, links, strict=True))
        return [("", link) for link in links]
    return [(names, links[0] if links else "")] if names or links else []


def read_invitations(path: Path, data: bytes) -> list[Invitation]:
    """Every invitation row, in file order; the person is the invitee of an OUTGOING
    invitation, the inviter of an INCOMING one (a row of another direction has no
    date and that as its problem)."""
    columns, rows, short = _table(path, data, INVITATIONS_REQUIRED, "invitations")
    days, problems = _days([_cell(row, columns, "sent at") for _, row in rows])
    found = []
    for index, ((line, row), on) in enumerate(zip(rows, days, strict=True)):
        direction = _cell(row, columns, "direction").upper()
        unreadable = short.get(line)  # a few cells short: that row, not the file
        if unreadable is None and direction == "OUTGOING":
            name, url = _cell(row, columns, "to"), _cell(row, columns, "inviteeprofileurl")
        elif unreadable is None and direction == "INCOMING":
            name, url = _cell(row, columns, "from"), _cell(row, columns, "inviterprofileurl")
        else:  # a row LinkedIn did not write: skipped with its line, not the file
            problem = unreadable or (
                f"unknown Direction {direction!r} (expected INCOMING or OUTGOING)"
            )
            found.append(Invitation(line, None, _cell(row, columns, "from"), "", problem))
            continue
        found.append(Invitation(line, on, name, url, problems.get(index, "")))
    return found


def note_of(message: Message) -> str:
    """The conversation's title, else the first words of the message."""
    if message.title:
        return " ".join(message.title.split())[:NOTE_CHARS]
    # Split no further than a word past the note's: a message may be pages long.
    words = message.content.split(None, NOTE_WORDS)
    text = " ".join(words[:NOTE_WORDS])
    if len(words) > NOTE_WORDS or len(text) > NOTE_CHARS:
        text = text[: NOTE_CHARS - 1].rstrip() + "…"
    return text
