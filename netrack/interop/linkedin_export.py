"""`import linkedin FILE`: a Connections.csv, messages.csv or Invitations.csv (told apart
by their header), or the export's .zip with all three inside, read in that order.

What each file gives (SPEC, Command line):

- Connections.csv: contacts (linkedin.py).
- messages.csv: one `message` interaction per contact per day they took part in a
  conversation, its note the conversation's title or the first words of the day's first
  message. The user's own name is the sender of the messages LinkedIn filed as SENT
  (or OUTGOING); an export without any is refused unless `--me NAME` says it. A day
  that already has a `message` interaction with that contact adds nothing, nor one with
  an interaction of another kind that day holding the note it would get (its kind changed
  since), so running the import again adds nothing (see data/history.py); nor does a
  message an import logged, wherever the machine that runs it again is (its day is the
  machine zone's, its time in UTC is kept with the interaction it made).
- Invitations.csv: for a person of the same export whose Connected On is empty, the day
  of the earliest invitation becomes their met_on; a contact (of this export or an
  earlier import) met later than an invitation's day is met on that day; a contact
  without a channel gets `linkedin`. An invitation never makes a contact or an
  interaction.

People who are not contacts are counted and skipped, as are names two contacts share,
and conversations with an archived contact (`netrack log` refuses to name them; the
summary names them, and once unarchived the next import logs those).
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path, PurePosixPath

from netrack.data import keys
from netrack.data.history import AMBIGUOUS, History
from netrack.domain import validate
from netrack.domain.errors import InputError
from netrack.domain.records import Person, Tally
from netrack.domain.weeks import CARD_YEARS
from netrack.interop import linkedin
from netrack.interop.linkedin_history import (
    Invitation,
    Message,
    kind_of,
    near_kind,
    note_of,
    read_invitations,
    read_messages,
)
from netrack.interop.reading import MAX_IMPORT_BYTES, damage_at, read_bytes, read_text, text_of

# A messages.csv names the same few thousand people and URLs again and again.
url_key = lru_cache(maxsize=65536)(keys.url_key)
name_key = lru_cache(maxsize=65536)(keys.name_key)
MEMBERS = {
    "connections": "connections.csv",
    "messages": "messages.csv",
    "invitations": "invitations.csv",
}
NOT_A_CONTACT = "not a contact"
DRAFT = "a draft, never sent"
# `_messages`: a participant who is the user, or blank: no interaction of their own.
IGNORED: tuple[int | None, str] = (None, "")
SHARED_NAME = "two contacts have that name"


class WhoIsMe(InputError):
    """messages.csv does not show the user's name: the CLI's --me, the TUI asks."""


@dataclass
class Export:
    """What one `import linkedin` read: any of the three files, checked and parsed."""

    people: list[Person] | None = None
    # Connections rows left out for a date that is no date: the import reports each
    unreadable: list[linkedin.Unreadable] = field(default_factory=list)
    messages: list[Message] = field(default_factory=list)
    invitations: list[Invitation] = field(default_factory=list)
    me: set[str] = field(default_factory=set)  # the user's name keys and profile URL keys
    from_invitation: set[int] = field(default_factory=set)  # ids of people given met_on
    # "messages.csv:4: not valid UTF-8; …": lines not read as written
    damaged: list[str] = field(default_factory=list)


def read(path: Path, today: date, me: str | None = None) -> Export:
    """Read and check everything before anything is written; InputError otherwise. A
    message or invitation dated after `today`, or before the years a card covers, is
    one that row's problem (it is skipped with its line)."""
    export = Export()
    files = _files(Path(path))
    # Each file's reader decodes it again (`text_of`): which lines were not read as written
    for shown, data in files.values():
        export.damaged += damage_at(shown, read_text(data).damaged)
    if "connections" in files:
        export.people = linkedin.parse_data(*files["connections"], unreadable=export.unreadable)
    if "messages" in files:
        shown, data = files["messages"]
        export.messages = read_messages(shown, data)
        export.me = _me(shown, export.messages, me)
        _undate_impossible(export.messages, today, "message")
    if "invitations" in files:
        export.invitations = read_invitations(*files["invitations"])
        _undate_impossible(export.invitations, today, "invitation")
        if export.people:
            _met_on_from_invitations(export)
    return export


def _undate_impossible(rows: list[Message] | list[Invitation], today: date, what: str) -> None:
    """Rows dated after `today` or before the first year a card covers lose their date,
    which becomes their problem (as the CLI refuses such a day for what happened)."""
    first = date(CARD_YEARS[0], 1, 1)
    for row in rows:
        if row.on is not None and not first <= row.on <= today:
            try:
                validate.happened(row.on, today, what)
            except InputError as error:
                row.on, row.problem = None, str(error)


def _files(path: Path) -> dict[str, tuple[Path, bytes]]:
    data = read_bytes(path)
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _zip(path, data)
    if path.suffix.casefold() == ".zip":
        raise InputError(f"{path}: not a zip archive (is the download complete?)")
    kind = _sniff(data)
    if kind is None:
        _refuse_near_miss(path, data)
    # anything else is read as Connections.csv, whose reader names what it expected
    return {kind or "connections": (path, data)}


def _header_lines(data: bytes) -> list[tuple[int, list[str]]]:
    """The first lines (numbered from 1), split as a header would be."""
    text = text_of(data[:65536])
    lines = []
    for number, line in enumerate(text.splitlines()[:40], start=1):
        delimiter = max(linkedin.DELIMITERS, key=line.count)
        lines.append((number, [cell.strip().strip('"') for cell in line.split(delimiter)]))
    return lines


def _sniff(data: bytes) -> str | None:
    """The kind of LinkedIn file whose header is among the first lines, or None."""
    for _, header in _header_lines(data):
        kind = kind_of(header)
        if kind:
            return kind
    return None


def _refuse_near_miss(path: Path, data: bytes) -> None:
    """A messages.csv or Invitations.csv that lost a required column is refused naming
    it: read as a Connections.csv, it was told to have a connections header."""
    for number, header in _header_lines(data):
        near = near_kind(header)
        if near is not None:
            kind, missing = near
            raise InputError(
                f"{path}:{number}: a LinkedIn {kind} header without its "
                f"{', '.join(missing)} column{'s' if len(missing) > 1 else ''}"
            )


def _zip(path: Path, data: bytes) -> dict[str, tuple[Path, bytes]]:
    """The three files of an export's .zip, each at its shallowest folder depth."""
    found: dict[str, tuple[Path, bytes]] = {}
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = sorted(archive.infolist(), key=lambda i: (i.filename.count("/"), i.filename))
            for kind, name in MEMBERS.items():
                info = next(
                    (
                        i
                        for i in infos
                        if PurePosixPath(i.filename).name.casefold() == name
                        and not i.filename.startswith("__MACOSX/")
                        and not i.is_dir()
                    ),
                    None,
                )
                if info is None:
                    continue
                if info.file_size > MAX_IMPORT_BYTES:
                    raise linkedin._too_big(path, info.filename)
                with archive.open(info) as handle:
                    content = handle.read(MAX_IMPORT_BYTES + 1)
                if len(content) > MAX_IMPORT_BYTES:
                    raise linkedin._too_big(path, info.filename)
                if kind != "connections" and _sniff(content) != kind:
                    continue  # a file of that name but another content: not LinkedIn's
                found[kind] = (Path(f"{path}/{info.filename}"), content)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError) as error:
        raise InputError(f"{path}: a broken zip archive ({error})") from None
    except (NotImplementedError, RuntimeError) as error:  # an unknown method; encrypted
        raise InputError(f"{path}: cannot open the zip archive ({error})") from None
    if not found:
        raise InputError(
            f"{path}: no Connections.csv, messages.csv or Invitations.csv in this zip; "
            "is it LinkedIn's data export?"
        )
    return found


def _me(path: Path, messages: list[Message], given: str | None) -> set[str]:
    """The user's name (and profile URL) keys: `given`, else the sender of the messages
    filed as sent. InputError when neither tells."""
    if given is not None:
        if not given.strip():
            raise InputError("--me must not be empty; give your name as LinkedIn shows it")
        return {f"name:{name_key(given)}"}
    senders = Counter(m.sender for m in messages if m.sent and m.sender)
    if not senders:
        if not messages:
            return set()
        raise WhoIsMe(
            f"{path}: cannot tell which participant is you (no message in the SENT folder); "
            "give your name as LinkedIn shows it with --me NAME"
        )
    name = senders.most_common(1)[0][0]
    keys = {f"name:{name_key(name)}"}
    keys |= {f"url:{url_key(m.sender_url)}" for m in messages if m.sent and m.sender_url}
    return keys


def _met_on_from_invitations(export: Export) -> None:
    """People of this export without a Connected On get their earliest invitation's day."""
    earliest: dict[str, date] = {}
    for invitation in export.invitations:
        if invitation.on is None:
            continue
        for key in (
            f"url:{url_key(invitation.url)}" if invitation.url else "",
            f"name:{name_key(invitation.name)}",
        ):
            if key and (key not in earliest or invitation.on < earliest[key]):
                earliest[key] = invitation.on
    for person in export.people or ():
        if person.met_on is not None:
            continue
        keys = [f"url:{url_key(u)}" for u in person.urls if u.strip()] + [
            f"name:{name_key(person.name)}"
        ]
        day = next((earliest[k] for k in keys if k in earliest), None)
        if day is not None:
            person.met_on = day
            export.from_invitation.add(id(person))


def log(export: Export, history: History, dated: set[int]) -> dict[str, Tally]:
    """Collect the interactions and contact changes `export` gives (written by
    `history.flush()`); the tallies a person reads. `dated`: the contacts this import
    added with a met_on taken from an invitation."""
    tallies: dict[str, Tally] = {}
    if export.messages:
        tallies["interactions"] = _messages(export, history)
    if export.invitations:
        tallies["invitations"] = _invitations(export, history, dated)
    return tallies


def _messages(export: Export, history: History) -> Tally:
    """One `message` interaction per contact per day (module docstring). This loop runs
    for every participant of every message (200,000 times for 100,000 messages): who
    each one is, is found once per person, and the rest is set lookups."""
    tally = Tally()
    seen: set[tuple[str, date]] = set()  # (person, day): one count per person and day
    # Who each participant is, asked once per person rather than once per message:
    # (contact id, key), or IGNORED for the user and a blank participant.
    contact_of: dict[tuple[str, str], tuple[int | None, str]] = {}
    me, find = export.me, history.directory.find_keyed
    has_message, add_message, skip = history.has_message, history.add_message, tally.skip
    known_at, spread = history.message_known, history.spread
    known_days: set[tuple[str, date]] = set()  # (person, day) counted as known by time
    history.claim_days(
        {(message.on, note_of(message)) for message in export.messages if message.on is not None}
    )
    added = 0
    for message in export.messages:
        on = message.on
        if on is None:
            if message.problem:  # one bad cell skips its row, not the file
                skip(message.problem, line=message.line, example=message.sender)
            else:
                skip("without a date", example=f"line {message.line}")
            continue
        if message.draft:
            skip(DRAFT, example=f"line {message.line}")
            continue
        for person in ((message.sender, message.sender_url), *message.recipients):
            known = contact_of.get(person)
            if known is None:
                known = contact_of[person] = _participant(person, me, find)
            if known is IGNORED:
                continue
            contact, who = known
            day = (who, on)
            said = (message.sender, message.sender_url, message.content)
            if message.at and isinstance(contact, int) and known_at(contact, message.at, said):
                # Logged by an import on a machine whose zone put it on another day
                if day not in seen and day not in known_days:
                    known_days.add(day)
                    skip("already in netrack", example=person[0] or person[1])
                continue
            if day in seen:
                if message.at and isinstance(contact, int):
                    spread(contact, on, message.at, said)  # another of that day's
                continue
            seen.add(day)
            if contact is None:
                skip(NOT_A_CONTACT, example=person[0] or person[1])
            elif contact == AMBIGUOUS:
                skip(SHARED_NAME, example=person[0])
            elif has_message(contact, on, note := note_of(message), message.at):
                skip("already in netrack", example=person[0] or person[1])
            elif archived := history.directory.archived((contact,)):
                # `log` refuses to name them; unarchived, the next import logs it
                tally.skip_archived(archived, example=person[0] or person[1])
            else:
                # The note needs no `validate.text`: it is at most 80 characters of text
                # decoded from the file (decoding leaves no lone surrogate).
                add_message(contact, on, note, message.at, said)
                added += 1
    tally.added += added
    return tally


def _participant(
    person: tuple[str, str], me: set[str], find: Callable[[str | None, str | None], int | None]
) -> tuple[int | None, str]:
    """(contact id or None or AMBIGUOUS, the person's key) of a (name, profile URL) of
    messages.csv; IGNORED for the user and for a participant with neither. The key is
    the contact's id when one is found, so a name and a URL of one contact are one key."""
    name, url = person
    if not (name or url):
        return IGNORED
    # Each key made once per person (cells are stripped: blank is empty).
    ukey = url_key(url) if url else None
    nkey = name_key(name) if name else None
    by_url = None if ukey is None else f"url:{ukey}"
    by_name = None if nkey is None else f"name:{nkey}"
    if by_url in me or by_name in me:
        return IGNORED
    contact = find(ukey, nkey)
    if contact is not None and contact != AMBIGUOUS:
        # A sender has a profile URL and a recipient often only a name: one person, once.
        return contact, f"id:{contact}"
    return contact, by_url or by_name or ""


def _invitations(export: Export, history: History, dated: set[int]) -> Tally:
    """`updated`: contacts that got their met_on or channel from an invitation, once
    each; an invitation dated before a contact's met_on moves it there (`History.met_by`),
    whether the contact came in the same export or an earlier import."""
    tally = Tally()
    counted: set[int] = set()
    for invitation in export.invitations:
        if invitation.problem:  # one bad cell skips its row, not the file
            tally.skip(invitation.problem, line=invitation.line, example=invitation.name)
            continue
        urls = [invitation.url] if invitation.url else []
        contact = history.directory.find(invitation.name, urls=urls)
        if contact is None:
            tally.skip(NOT_A_CONTACT, example=invitation.name or invitation.url)
            continue
        if contact == AMBIGUOUS:
            tally.skip(SHARED_NAME, example=invitation.name)
            continue
        # Both asked: each fills what it can, whatever the other did.
        channel = history.fill_channel(contact, linkedin.LINKEDIN)
        earlier = invitation.on is not None and history.met_by(contact, invitation.on)
        if (channel or earlier or contact in dated) and contact not in counted:
            counted.add(contact)
            tally.updated += 1
        else:
            tally.skip("nothing new", example=invitation.name)
    return tally
