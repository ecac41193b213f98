"""The keys `imported_event` keeps for imported history (data/history.py), by their shape.

- "UID|YYYY-MM-DD": a calendar occurrence by its event's UID and day (SPEC), the day this
  machine's time zone gave it at that import.
- "UID|YYYY-MM-DDTHH:MM:SSZ": the same occurrence by its instant in UTC (its RECURRENCE-ID,
  else its start), written beside the day key when that instant has a zone. Imported
  again on a machine in another zone, its day differs; its instant does not.
- "linkedin-messages|RECORD-UID|FIRST/LAST": the LinkedIn messages (their times in UTC,
  FIRST to LAST) that the `message` interaction RECORD-UID was logged for: in another
  zone they fall on other days, and the interaction still stands for them. FIRST and
  LAST are marks, "2026-11-10T23:30:00Z#1a2b3c4d5e6f": a time and the print of the
  message there (`message_print`: its sender and text). A message with the contact
  from FIRST to LAST, both seconds included, is known whatever its text while that
  interaction is a message: in every zone it is on the day of one of them, and one
  message interaction per contact per day stands for both; made a call since, only
  the messages it was logged for (`message_spans.Spans`). The record's uid only makes
  the key unique (its row names the interaction).

A key's last part tells them apart: a calendar key ends in a day or an instant, never in
an interval.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from hashlib import blake2b

MESSAGES = "linkedin-messages"
DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
INSTANT = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z")
PRINT = re.compile(r"[0-9a-f]{12}")
# The zones furthest apart: a moment's day somewhere on Earth, from UTC-12 to UTC+14.
BEHIND, AHEAD = timedelta(hours=12), timedelta(hours=14)


def instant(moment: datetime) -> str:
    """An aware moment in UTC, as keys and exports write it: 2026-11-02T23:00:00Z."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def instant_of(key: str) -> datetime:
    """The moment an instant key (`UID|2026-11-02T23:00:00Z`) names."""
    return datetime.fromisoformat(key.rpartition("|")[2])


def day_here(moment: datetime) -> date:
    """The day this machine's time zone puts an aware moment on."""
    return moment.astimezone().date()


def linkedin_instant(text: str) -> str:
    """LinkedIn's `2026-11-10 23:30:00 UTC` as `instant` writes it."""
    return f"{text[:10]}T{text[11:19]}Z"


def zone_days(moment: datetime) -> list[date]:
    """The days an aware moment falls on in some time zone: two or three."""
    utc = moment.astimezone(UTC)
    first, last = (utc - BEHIND).date(), (utc + AHEAD).date()
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def one_day(day: date, first: str, last: str, at: str) -> bool:
    """Whether some zone puts the instants `first` to `last` and `at` all on `day`: a
    message at `at` is then one more of that day's, as the messages logged there were."""
    times = [datetime.fromisoformat(text) for text in (first, last, at)]
    midnight = datetime.combine(day, datetime.min.time(), UTC)
    # The zone's offset: not before `midnight` for the earliest, before the next for the latest
    lowest = max(-BEHIND, midnight - min(times))
    return lowest <= AHEAD and lowest < midnight + timedelta(days=1) - max(times)


def one_zone(*placed: tuple[datetime, date]) -> bool:
    """Whether one zone (an offset from UTC-12 to UTC+14) puts each aware moment on its
    day: the offsets each allows, from its day's midnight to the next, overlap."""
    lowest, highest = -BEHIND, AHEAD
    for moment, day in placed:
        midnight = datetime.combine(day, datetime.min.time(), UTC)
        lowest = max(lowest, midnight - moment)
        highest = min(highest, midnight + timedelta(days=1, minutes=-1) - moment)
    return lowest <= highest


def moved_as_logged(
    instant_key: str | None, day_key: str | None, start: datetime | None, logged: date
) -> bool:
    """Whether a moved occurrence found by its day key (the day of the instant it
    replaces) was logged on `logged` by an import in another zone: one zone puts that
    instant on that key's day and its start on `logged`. Its day here is no test of it
    (in Pago Pago 01:00 UTC is the evening before); a newer export that moved it is."""
    if start is None or instant_key is None or day_key is None:
        return False
    replaces = (instant_of(instant_key), date.fromisoformat(day_key.rpartition("|")[2]))
    return one_zone(replaces, (start, logged))


def event_of(key: str) -> str:
    """A calendar key's UID (the day or instant is last)."""
    return key.rpartition("|")[0]


def is_instant_key(key: str) -> bool:
    return INSTANT.fullmatch(key.rpartition("|")[2]) is not None


def is_calendar_key(key: str) -> bool:
    """A key of a calendar occurrence (by day or instant), not of messages."""
    last = key.rpartition("|")[2]
    return DAY.fullmatch(last) is not None or INSTANT.fullmatch(last) is not None


def message_print(sender: str, url: str, text: str) -> str:
    """A message's sender and text, in 12 hexadecimal digits."""
    return blake2b(f"{sender}\0{url}\0{text}".encode(), digest_size=6).hexdigest()


def messages_key(record_uid: str, first: str, last: str) -> str:
    """The key of the messages from mark `first` to mark `last`."""
    return f"{MESSAGES}|{record_uid}|{first}/{last}"


def split_mark(mark: str) -> tuple[str, str] | None:
    """(instant, print) of a mark, None when it is none."""
    moment, sign, found = mark.partition("#")
    if not sign or not is_instant(moment) or PRINT.fullmatch(found) is None:
        return None
    return moment, found


def messages_span(key: str) -> tuple[str, str] | None:
    """(FIRST, LAST) marks of a messages key, None for a calendar key."""
    if not key.startswith(MESSAGES + "|"):
        return None
    return span_of(key.rpartition("|")[2])


def span_of(text: str) -> tuple[str, str] | None:
    """(FIRST, LAST) of "FIRST/LAST", None unless both are marks, in order."""
    first, slash, last = text.partition("/")
    begins, ends = split_mark(first), split_mark(last)
    if not slash or begins is None or ends is None or begins[0] > ends[0]:
        return None
    return first, last


def exported(key: str, interaction: int | None) -> dict[str, object] | None:
    """A key as `export json` writes it among `imported_events`, with the position of
    its interaction: `{uid, on}` a day key, `{uid, at}` an instant key, `{messages:
    "FIRST/LAST"}` messages (None once their interaction is deleted: they name none)."""
    span = messages_span(key)
    if span is not None:
        return None if interaction is None else {"messages": "/".join(span), "interaction": interaction}  # fmt: skip
    uid, _, last = key.rpartition("|")
    field = "at" if INSTANT.fullmatch(last) else "on"
    return {"uid": uid, field: last, "interaction": interaction}


def is_instant(text: str) -> bool:
    """Whether `text` is an instant as `instant` writes it, and a real one."""
    if INSTANT.fullmatch(text) is None:
        return False
    try:
        datetime.fromisoformat(text)
    except ValueError:
        return False
    return True
