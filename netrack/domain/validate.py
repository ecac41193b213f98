"""Validation shared by the CLI, the TUI forms and the importers: same rules, same words."""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Collection, Iterable
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import TypeVar

from netrack.domain.errors import InputError
from netrack.domain.models import SIZE_BANDS, LostReason
from netrack.domain.resolve import reads_as_id
from netrack.domain.weeks import CARD_YEARS

E = TypeVar("E", bound=StrEnum)

MAX_TEXT = 10_000
# Money is stored in whole cents in a 64-bit column; a billion (the bound `parse_money`
# has always had) keeps every sum the scorecard makes exact and far from overflow.
MAX_COST = 1e9
# The settings `config` may change, with their ranges (inclusive). Stored as text.
SETTINGS = {"week_start": (0, 6), "going_cold_days": (1, 3650), "stalled_days": (1, 3650)}
_WHOLE = re.compile(r"-?[0-9]{1,12}")
_PLAIN_NUMBER = re.compile(r"-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")


def is_plain_number(text: str) -> bool:
    """ASCII digits with at most one point (and a leading minus): what float() takes
    besides, `1e3`, `1_000`, `inf`, `nan` and "١٢", is no number a user types."""
    return _PLAIN_NUMBER.fullmatch(text) is not None


def shown(value: object, limit: int = 60) -> str:
    """`repr(value)` for a message, at most `limit` characters: an import file may hold
    a megabyte string. A string cut short keeps its closing quote ('xxx…'), and never
    a halved escape (an ESC's "\\x1"): its text is cut, then quoted."""
    text = repr(value)
    if len(text) <= limit:
        return text
    if not isinstance(value, str):
        return text[: limit - 1] + "…"
    cut = value[:limit]
    while len(quoted := repr(cut)) > limit - 1:  # room for "…"
        cut = cut[:-1]
    return quoted[:-1] + "…" + quoted[-1]


def _real_text(value: str, what: str) -> str:
    """Refuse strings an engine cannot store as text: a lone surrogate ("\\ud800") comes
    from a JSON escape or from bytes that were not UTF-8 in an argument, and NUL
    ("\\u0000" in a JSON file, a 0 byte in a CSV) is text to SQLite but not to
    PostgreSQL, so both refuse it alike."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as error:
        bad = value[error.start]
        raise InputError(f"{what} is not valid text (it holds {bad!r}, a lone surrogate)") from None
    if "\0" in value:
        raise InputError(f"{what} is not valid text (it holds a NUL character, \\x00)")
    return value


def means_none(reference: str | None) -> bool:
    """`none` typed where a record is named (an organization, an introducer): no record,
    as `--campaign none` and `--every none` say it; never a record called "none"."""
    return reference is not None and reference.strip().lower() == "none"


def organization_name(value: str, restoring: bool = False) -> str:
    """An organization's name, never "none": there `none` means no organization (`--org
    none`), so one of that name could be neither named nor reached. `restoring`: as
    `name`'s."""
    clean = name(value, "organization name", restoring)
    if means_none(clean):
        raise InputError("an organization cannot be called none: none means no organization")
    return clean


def no_campaign_without_organization(reference: str | None) -> None:
    if means_none(reference):
        raise InputError("a campaign belongs to an organization (none is not one)")


def choice_key(value: str) -> str:
    """A choice as typed, as its code is written: `Cold-Outreach`, `in person` →
    `cold_outreach`, `in_person`. Every choice reads its words so, the kind too."""
    return value.strip().lower().replace("-", "_").replace(" ", "_")


def choice(enum: type[E], value: str, what: str) -> E:
    key = choice_key(value)
    try:
        return enum(key)
    except ValueError:
        known = ", ".join(member.value for member in enum)
        if not key:  # a field left blank: what it needs, not "unknown category ''"
            raise InputError(f"{what} is required (one of: {known})") from None
        raise InputError(f"unknown {what} {shown(value)} (known: {known})") from None


def loss_reason(value: str | None) -> str:
    """A loss reason as stored: one of SPEC's codes, or "" (unspecified). Spaces and
    hyphens read as underscores ("hiring freeze"); anything else is refused."""
    if value is None or not value.strip():
        return ""
    key = "_".join(value.strip().lower().replace("-", " ").split())
    return choice(LostReason, key, "loss reason").value


def optional_choice(enum: type[E], value: str | None, what: str) -> E | None:
    return None if value is None or not value.strip() else choice(enum, value, what)


# Letters that draw nothing though Python calls them printable: the Braille blank and
# the Hangul fillers (U+2800, U+115F, U+1160, U+3164, U+FFA0)
_BLANK_LETTERS = frozenset("\u2800\u115f\u1160\u3164\uffa0")


def has_name(name: str) -> bool:
    """Whether `name` has something to show: not blank, not only control characters,
    invisible ones (a zero-width space, an ESC, a variation selector, a combining mark
    alone) or blank letters (a Braille blank, a Hangul filler)."""
    if name.isascii():  # the usual case, without a loop over categories
        if name.isprintable():
            return bool(name.strip())
        return any(char.isprintable() and not char.isspace() for char in name)
    return any(
        char.isprintable()
        and not char.isspace()
        and char not in _BLANK_LETTERS
        and unicodedata.category(char) not in ("Mn", "Me", "Cf")
        for char in name
    )


def name(value: str, what: str = "name", restoring: bool = False) -> str:
    """A name as stored: on one line, not blank, something to show, 300 characters at
    most, and not reading as an id (`id:12` names a record by its id wherever a name is
    read). `restoring` (`import json`): a name an older netrack stored though it reads as
    an id ("id:Sense", taken before the rule) is kept as stored: it is harmless text,
    reached by `id:N` and renamed so, and refusing it lost the record and everything
    that hangs on it (`doctor` names such records)."""
    cleaned = " ".join(_real_text(value or "", what).split())
    if not cleaned:
        raise InputError(f"{what} must not be blank")
    if not has_name(cleaned):  # imports skipped such a name; `contact add` took it
        raise InputError(f"{what} has nothing to show (only invisible characters)")
    if not restoring:
        _not_like_an_id(cleaned, what)
    if len(cleaned) > 300:
        raise InputError(f"{what} is too long (300 characters at most)")
    return cleaned


def renamed(value: str, stored: str, what: str = "name") -> None:
    """A name checked with `restoring` (every rule but the id one) and then against the
    stored one: kept as stored, it is not checked again (an older netrack's "id:Sense":
    a form sends every field back on save, and editing the e-mail must not fail on the
    name); a new name that reads as an id is refused."""
    if value != stored:
        _not_like_an_id(value, what)


def _not_like_an_id(value: str, what: str) -> None:
    """`id:12` names a record by its id wherever a name is read: no name may read so."""
    if reads_as_id(value):
        raise InputError(f"{what} {shown(value)} would read as an id (id:N names by id)")


MAX_TAG = 100


def tags(values: Iterable[str], limit: int = MAX_TAG, stored: Collection[str] = ()) -> list[str]:
    """A contact's tags as stored: each on one line (runs of whitespace, a newline
    included, become one space), commas separating tags wherever they are typed (the
    form shows tags comma separated, so a tag holding one would come back as two),
    blanks dropped, each once in any case (the first spelling given is kept: "Recruiter"
    and "recruiter" are one tag, as a filter reads them), sorted. `limit`: MAX_TAG for
    what is typed (a vCard's or LinkedIn's tags too); `import json` passes MAX_TEXT, so
    a database from before the limit restores whole. `stored`: the contact's tags as
    they are; one given back unchanged is kept whatever its length (such a restored tag
    must not block an edit of the contact's other tags)."""
    found: dict[str, str] = {}
    for value in values:
        for part in _real_text(value or "", "tag").split(","):
            tag = " ".join(part.split())
            if len(tag) > limit and tag not in stored:
                raise InputError(f"tag {shown(tag)} is too long ({limit} characters at most)")
            if tag:
                found.setdefault(tag.casefold(), tag)
    return sorted(found.values())


# What keys a calendar event `import ics` logged ("UID|YYYY-MM-DD", or the title and
# start of an event without a UID): a key of `imported_event` on both engines, and a
# PostgreSQL index entry holds at most 2,704 bytes. 500 characters of up to 4 bytes each,
# with the date, stay below that (1,000 CJK characters did not).
MAX_UID = 500


def event_uid(uid: str, what: str = "UID") -> str:
    """A calendar event's UID (or what stands for it) as `import ics` keeps it."""
    if len(uid) > MAX_UID:
        raise InputError(f"{what} is too long ({MAX_UID} characters at most)")
    return uid


# A record's uid (schema 12): netrack writes 32 hexadecimal digits; a uuid's dashes or
# another program's letters are kept too, but nothing an index of the server could
# refuse, nor text that would never be typed as a name.
_RECORD_UID = re.compile(r"[0-9A-Za-z_-]{1,64}")


def is_record_uid(uid: object) -> bool:
    """Whether `uid` is one netrack keeps as a record's. Another program's ("legacy 7",
    "{1b3c…}") is not: the record is kept and given a new one (`import json`, `doctor
    --fix`), never lost for it."""
    return isinstance(uid, str) and _RECORD_UID.fullmatch(uid) is not None


def record_uid(uid: object) -> str | None:
    """A record's uid as kept; None when blank or not one netrack keeps, such as a
    number (the import gives the row a new one)."""
    return uid if isinstance(uid, str) and is_record_uid(uid) else None


def text(value: str | None, what: str = "text") -> str:
    if not value:  # blank: nothing to check (most of an import's fields are)
        return ""
    cleaned = _real_text(value, what).strip()
    if len(cleaned) > MAX_TEXT:
        raise InputError(f"{what} is too long ({MAX_TEXT} characters at most)")
    return cleaned


# Control characters: C0 (TAB and LF too), DEL, C1, and the Unicode line and paragraph
# separators some readers split lines on. No web address holds one unencoded.
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def url(value: str | None, what: str = "url") -> str:
    """A web address as typed or imported: text with no control character (a newline
    pasted with two addresses, a tab, an ESC), which no address holds unencoded."""
    cleaned = text(value, what)
    found = _CONTROLS.search(cleaned)
    if found:
        raise InputError(
            f"{what} {shown(cleaned)} holds a control character ({found.group()!r}); "
            "give one address"
        )
    return cleaned


def holds_control(address: str) -> bool:
    """Whether `address` holds a control character, which `url` refuses."""
    return _CONTROLS.search(address) is not None


def url_as_exported(address: str) -> str:
    """`address` with each control character percent-encoded, as an export writes it
    (a URL stored before `url` refused them); an import reading it back compares it so."""
    return _CONTROLS.sub(_percent, address)


def _percent(match: re.Match[str]) -> str:
    return "".join(f"%{byte:02X}" for byte in match.group().encode("utf-8"))


def bounded(value: int | str | None, low: int, high: int, what: str) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    # Text must be plain ASCII digits, as `setting` takes them: `int()` also reads "٣"
    # and "1_0", which no field shows back as typed.
    if isinstance(value, str) and not _WHOLE.fullmatch(value.strip()):
        raise InputError(f"{what} must be a whole number from {low} to {high}, not {shown(value)}")
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise InputError(f"{what} must be a whole number from {low} to {high}") from None
    if not low <= number <= high:
        raise InputError(f"{what} must be from {low} to {high}, not {shown(number)}")
    return number


MINUTES_IN_A_DAY = 24 * 60


def more_than_a_day(said: str) -> InputError:
    """Every refusal of a duration too long, `said` as given (`25h`, not "1500 minutes")."""
    return InputError(f"{said} is more than a day (24h at most)")


def minutes(value: int) -> int:
    if value < 0:
        raise InputError(f"minutes must not be negative ({value})")
    if value > MINUTES_IN_A_DAY:
        raise more_than_a_day(f"{value} minutes")
    return value


def size_band(value: str | None) -> str:
    """A known band, or "" for none: blank or `none`, as `--org none` and `--every none`
    say it (`--size none` was refused as an unknown band)."""
    if value is None or not value.strip() or means_none(value):
        return ""
    cleaned = value.strip()
    if cleaned not in SIZE_BANDS:
        raise InputError(f"unknown size band {shown(value)} (known: {', '.join(SIZE_BANDS)})")
    return cleaned


def size_band_added(value: str | None) -> str | None:
    """A new contact's band for its organization: "" for `none` (cleared, as on edit),
    None for blank (not given: an empty field never clears a known one's band)."""
    return size_band(value) or ("" if means_none(value) else None)


CENT = Decimal("0.01")


def cents(value: float) -> int:
    """A finite amount in the whole cents it is stored in, half a cent up (0.005 is a
    cent), as it was written: the same whether it came from the quick log, a form or a
    JSON file (round() on the float gave 1 cent one way and 0 the other)."""
    return int(Decimal(repr(value)).quantize(CENT, rounding=ROUND_HALF_UP) * 100)


def costs_too_much(value: float) -> bool:
    """Whether a finite amount reaches MAX_COST once rounded to the whole cents it is
    stored in (999999999.995 is a billion). In that order: a cent count of 1e308 is
    infinite, and rounding refuses infinity."""
    return value >= MAX_COST or cents(value) >= MAX_COST * 100


def cost(value: float) -> float:
    """An amount spent: a finite number from 0 up to (not including) MAX_COST, in whole
    cents."""
    if not math.isfinite(value) or value < 0 or costs_too_much(value):
        raise InputError(f"cost must be from 0 to less than {MAX_COST:,.0f}, not {shown(value)}")
    return value


def time_minutes(value: int) -> int:
    """A time entry's duration: more than nothing, at most a day."""
    if value <= 0:
        raise InputError("a time entry needs a positive duration")
    return minutes(value)


# Local dates of two places differ by up to two days (UTC+14 against UTC-12): a file
# exported where it is already the day after tomorrow holds records of "today" there,
# which `import json` keeps; a later date it refuses as the CLI does (`doctor` warns).
AHEAD_DAYS = 2


def happened(day: date, today: date, what: str) -> date:
    """An interaction, a stage change, an opening, a first meeting: never after today
    (SPEC, "Dates in the future"; follow-ups and deadlines are the future)."""
    if day > today:
        raise InputError(f"{what} {day.isoformat()} is after today ({today.isoformat()})")
    first, last = CARD_YEARS
    if day.year < first:  # a typo of a year (0026): stored, it would be on no card ever
        raise InputError(
            f"{what} {day.isoformat()} is outside the years a scorecard covers ({first} to {last})"
        )
    return day


def _card_years(day: date, what: str) -> date:
    """`day` if in the years a card covers: one in year 9999 could never be counted (a
    follow-up then was never due, and its calendar event had no end). Said as a rule of
    the date itself: "outside the years a scorecard covers" meant nothing for a deadline."""
    first, last = CARD_YEARS
    if not first <= day.year <= last:
        raise InputError(f"{what} {day.isoformat()}: a {what} must be between {first} and {last}")
    return day


def deadline(day: date) -> date:
    """A campaign's deadline: any day, past ones too, in the years a card covers (year
    0001 was stored, and the card said "739946 days past due")."""
    return _card_years(day, "deadline")


def follow_up(due: date | None, on: date, given: bool = True) -> date | None:
    """A follow-up is due on or after the interaction it follows (the rule of `log`), in
    the years a card covers, as a deadline is. `given=False`: the one stored, left as it
    is by an edit of another field: only its order is checked (one in year 9999, stored
    before that year was refused, does not stop a note being mended)."""
    if due is None:
        return None
    if given:
        _card_years(due, "follow-up")
    if due < on:
        raise InputError(
            f"follow-up {due.isoformat()} is before the interaction ({on.isoformat()})"
        )
    return due


def follow_up_done(done: date | None, due: date | None, on: date, today: date) -> date | None:
    """The day a follow-up was marked done, as `follow-up done` accepts it: there is a
    follow-up, the day has happened, and it is not before the interaction it follows."""
    if done is None:
        return None
    happened(done, today, "a follow-up done on")
    if due is None:
        raise InputError("no follow-up to mark done there")
    if done < on:
        raise InputError("a follow-up cannot be done before the interaction it follows")
    return done


def setting(key: str, value: int | str) -> int:
    """A setting's value as `config` accepts it: a known key, a whole number in its range.
    Text must be plain ASCII digits: `int()` also reads "٣" and "1_0", `isdigit` passes "²"."""
    if key not in SETTINGS:
        raise InputError(f"unknown setting {shown(key)} (known: {', '.join(SETTINGS)})")
    low, high = SETTINGS[key]
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise InputError(f"{key} must be a whole number from {low} to {high}")
    if isinstance(value, str) and not _WHOLE.fullmatch(value.strip()):
        raise InputError(f"{key} must be a whole number from {low} to {high}, not {shown(value)}")
    number = bounded(value, low, high, key)
    if number is None:
        raise InputError(f"{key} must be a whole number from {low} to {high}")
    return number


def legacy_loss_reason(text: str) -> str:
    """A loss reason as older versions stored it (a phrase such as "hiring freeze") as
    one of SPEC's codes; "" stays "" (unspecified), anything unknown is `other`. The same
    rule as schema step 4, which keeps its own frozen copy."""
    from netrack.domain.models import LOST_REASONS

    key = "_".join(text.strip().lower().replace("-", " ").split())
    if not key:
        return ""
    return key if key in LOST_REASONS else "other"
