"""Reading a netrack JSON export safely: every value checked, every error located.

Two kinds of error. The file as a whole — not JSON, not a netrack export, too big, nested
too deeply, NaN — is refused with an InputError naming the file. One bad record is a
`RecordError` naming its JSON path (`contacts[3].strength: …`, since a JSON file gives no
useful line): the merge skips that record and reports it, as SPEC asks ("a record the CLI
would refuse is skipped and reported, never stored"). Values go through the same
`netrack.domain.validate` functions as the CLI, so the words are the same too (the
records are read in `json_records.py`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import date, timedelta
from enum import StrEnum
from pathlib import Path
from typing import Any, TypeVar

from netrack.data.migrations import LATEST
from netrack.domain import validate
from netrack.domain.errors import InputError
from netrack.domain.records import located
from netrack.domain.resolve import reads_as_id
from netrack.domain.stored_values import renaming
from netrack.interop.json_io import FORMAT
from netrack.interop.reading import read_bytes

E = TypeVar("E", bound=StrEnum)
T = TypeVar("T")

# What netrack exports it must read back (`restore` on a server reads a JSON backup): a
# career-long history of a million interactions exports to ~450 MB (at the demo's
# density ~1.1 GB since schema 16's keys), with room to spare. The bound keeps a runaway
# file from being read until memory runs out.
MAX_BYTES = 3 * 1024 * 1024 * 1024
DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _kind_words(kinds: tuple[type, ...]) -> str:
    """What a field holds, in words: a cost said "expected int" of "12.50", where it
    takes 12.5 (a number) just as 12."""
    if float in kinds:
        return "text or a number" if str in kinds else "a number"
    return {int: "a whole number", str: "text", bool: "true or false", list: "a list"}.get(
        kinds[0], kinds[0].__name__
    )


class RecordError(InputError):
    """One record of the file is refused: `where` is its JSON path."""

    def __init__(self, where: str, message: str) -> None:
        super().__init__(f"{where}: {message}")
        self.where = where


class _Constant(ValueError):
    """NaN or Infinity: Python's json reads them, JSON does not allow them."""


def _refuse_constant(name: str) -> Any:
    raise _Constant(name)


def load(path: Path) -> dict[str, Any]:
    """The parsed document, after checking it is a netrack export this netrack can read."""
    data = read_bytes(path, MAX_BYTES)  # a device, a pipe or a huge file: refused
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise located(path, line, "not UTF-8 text") from None
    try:
        document = json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as error:
        raise located(path, error.lineno, f"not valid JSON ({error.msg})") from None
    except _Constant as error:
        raise InputError(f"{path}: not valid JSON ({error} is not a number in JSON)") from None
    except RecursionError:
        raise InputError(f"{path}: nested too deeply to be a netrack JSON export") from None
    except ValueError:  # Python refuses integers of more than 4,300 digits
        raise InputError(f"{path}: holds a number too long to read (over 4,300 digits)") from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise located(path, 1, f'not a netrack JSON export (no "format": "{FORMAT}")')
    version = document.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise InputError(f"{path}: schema_version must be a whole number")
    if version > LATEST:
        raise InputError(
            f"{path} was written by a newer netrack (schema {version}, this one knows "
            f"{LATEST}); upgrade netrack to import it"
        )
    return document


class Item:
    """One object of the document, with typed, validated getters that raise RecordError."""

    def __init__(self, where: str, data: object) -> None:
        self.where = where
        self.raw = data
        self.data: dict[str, Any] = data if isinstance(data, dict) else {}

    @property
    def record(self) -> str:
        """The path of the top-level record this item is or is inside ("contacts[3]")."""
        return self.where.split(".", 1)[0]

    def fail(self, key: str, message: str) -> RecordError:
        return RecordError(f"{self.where}.{key}" if key else self.where, message)

    def _get(self, key: str, kinds: tuple[type, ...], default: Any) -> Any:
        if not isinstance(self.raw, dict):
            raise self.fail("", f"expected an object, found {validate.shown(self.raw)}")
        value = self.data.get(key, default)
        if value is None:
            return default
        if (isinstance(value, bool) and bool not in kinds) or not isinstance(value, kinds):
            raise self.fail(key, f"expected {_kind_words(kinds)}, found {validate.shown(value)}")
        return value

    def checked(self, key: str, check: Any, *args: Any) -> Any:
        """Run a `validate` function on a value, re-raising its error with the path."""
        try:
            return check(*args)
        except InputError as error:
            raise self.fail(key, str(error)) from None

    def text(self, key: str) -> str:
        return str(self.checked(key, validate.text, self._get(key, (str,), ""), key))

    def url(self, key: str, left_out: ControlledUrls) -> str:
        """A web address as `--url` takes one. One holding a control character is never
        kept as stored though an older netrack took it (it would reach the terminal):
        "" then, the record kept without it, said by `left_out`."""
        address = self.text(key)

        def read() -> str:
            if validate.holds_control(address):
                raise self.fail(key, validate.shown(address))
            return address

        return left_out.read(self, read) or ""

    def name(self, key: str, what: str = "name") -> str:
        """A name as an older netrack stored it: one that reads as an id is kept
        (`validate.name`'s `restoring`; `IdLikeNames` says so of a record's own)."""
        value = self._get(key, (str,), "")
        return str(self.checked(key, validate.name, value, what, True))

    def optional_name(self, key: str, what: str) -> str:
        """A name that may be absent or blank (a contact's organization): "" then."""
        value = self._get(key, (str,), "")
        return self.name(key, what) if value.strip() else ""

    def day(self, key: str, required: bool = False) -> date | None:
        value = self._get(key, (str,), None)
        if value is None:
            if required:
                raise self.fail(key, "a date is required")
            return None
        try:
            if DAY.fullmatch(value):
                return date.fromisoformat(value)
        except ValueError:
            pass
        raise self.fail(key, f"bad date {validate.shown(value)} (expected YYYY-MM-DD)")

    def past(self, key: str, horizon: Horizon, what: str) -> date:
        """A required date of something that happened: on or before today (see `Horizon`)."""
        day = self.day(key, required=True)
        assert day is not None  # required
        return horizon.happened(self, key, day, what)

    def whole(self, key: str, low: int, high: int) -> int | None:
        value = self._get(key, (int,), None)
        return self.checked(key, validate.bounded, value, low, high, key)  # type: ignore[no-any-return]

    def finite(self, key: str) -> float:
        """A finite number (int or float), of either sign."""
        value = self._get(key, (int, float), 0)
        try:
            number = float(value)
        except OverflowError:  # an integer beyond float: no amount netrack keeps
            raise self.fail(key, f"{validate.shown(value)} is too large") from None
        if number != number or number in (float("inf"), float("-inf")):
            raise self.fail(key, "must be a finite number")
        return number

    def number(self, key: str) -> float:
        """A finite number (int or float) of zero or more."""
        number = self.finite(key)
        if number < 0:
            raise self.fail(key, "must not be negative")
        return number

    def cost(self, key: str) -> float:
        return self.checked(key, validate.cost, self.number(key))  # type: ignore[no-any-return]

    def _uid_as_written(self) -> object:
        """The record's `uid` as the file has it, "" when it has none: text, or a number
        another program wrote (its ids most often are), or anything else a hand or a
        program put there (true, a list): renewed as "legacy 7" is rather than the record
        skipped, as a uid only keeps books of which row the record is."""
        return self._get("uid", (object, bool), "")  # any value (true too) but null

    def uid(self) -> str | None:
        """The record's `uid` (schema 12), None when the file has none (an older export)
        or one netrack does not keep (`foreign_uid`): the row is then given a new one."""
        return validate.record_uid(self._uid_as_written())

    def foreign_uid(self) -> bool:
        """Whether the record has a uid netrack does not keep (another program wrote it
        into the database exported): said in the summary, as the row gets a new one."""
        value = self._uid_as_written()
        return value != "" and not validate.is_record_uid(value)  # 0 is one too

    def flag(self, key: str) -> bool:
        return bool(self._get(key, (bool,), False))

    def choice(self, key: str, enum: type[E], optional: bool = True, what: str = "") -> E | None:
        value = self._get(key, (str,), None)
        if value is None and not optional:
            raise self.fail(key, "a value is required")
        return self.checked(key, validate.optional_choice, enum, value, what or key)  # type: ignore[no-any-return]

    def ref(self, key: str, required: bool = False) -> int | None:
        """A position in another list (`ref`, 1-based), as written; the merge resolves it."""
        value = self._get(key, (int,), None)
        if value is None and required:
            raise self.fail(key, "a reference is required")
        return value  # type: ignore[no-any-return]

    def refs(self, key: str) -> list[int]:
        """A list of positions (an interaction's contacts)."""
        values = self.list(key)
        for value in values:
            if not isinstance(value, int) or isinstance(value, bool):
                raise self.fail(key, f"expected positions, found {validate.shown(value)}")
        return values

    def tags(self, key: str) -> list[str]:
        """A contact's tags, as `validate.tags` stores them."""
        values = self.list(key)
        for value in values:
            if not isinstance(value, str):
                raise self.fail(key, f"expected texts, found {validate.shown(value)}")
        # A restore must bring back a database written before tags had MAX_TAG.
        return list(self.checked(key, validate.tags, values, validate.MAX_TEXT))

    def items(self, key: str) -> list[Item]:
        return [Item(f"{self.where}.{key}[{n}]", v) for n, v in enumerate(self.list(key))]

    def list(self, key: str) -> list[Any]:
        return list(self._get(key, (list,), []))

    def own_ref(self, position: int) -> int:
        """The record's own `ref` (its 1-based position when absent)."""
        ref = self.data.get("ref", position)
        if not isinstance(ref, int) or isinstance(ref, bool):
            raise self.fail("ref", f"expected a whole number, found {validate.shown(ref)}")
        return ref


class Horizon:
    """The import's today, and the days after it a file's dates of things that happened
    may reach: the exporting netrack bounded them by its own today, which in a time zone
    ahead is a day or two after this one's. Such records are kept, and remembered for
    the summary to say so; a date further ahead is refused as the CLI refuses it."""

    def __init__(self, today: date) -> None:
        self.today = today
        self.latest = today + timedelta(days=validate.AHEAD_DAYS)
        self.ahead: dict[str, date] = {}  # a top-level record's path → its latest such date

    def happened(self, item: Item, key: str, day: date, what: str) -> date:
        if self.today < day <= self.latest:
            self.ahead[item.record] = max(day, self.ahead.get(item.record, day))
            return day
        if day > self.latest:  # said with the limit: a day or two ahead was kept
            raise item.fail(
                key,
                f"{what} {day.isoformat()} is after today ({self.today.isoformat()}) by more "
                f"than the {validate.AHEAD_DAYS} days a time zone ahead explains",
            )
        return item.checked(key, validate.happened, day, self.today, what)  # type: ignore[no-any-return]

    def warning(self, added: set[str]) -> str | None:
        """What the summary says of the records `added` (their paths) though dated after
        today. A record skipped, or matched to one netrack held, was not kept by this
        import: a second run of the same file adds nothing and says nothing."""
        kept = [day for record, day in self.ahead.items() if record in added]
        if not kept:
            return None
        some = f"{len(kept)} records are" if len(kept) > 1 else "1 record is"
        return (
            f"{some} dated up to {max(kept).isoformat()}, after today "
            f"({self.today.isoformat()}): exported in a time zone ahead of this one; kept"
        )


class LeftOut:
    """Values of the file's records that could not be read and are left out, each record
    kept without its value rather than lost with everything that hangs on it; the
    summary says so once, `why` after the fields' names and `then` (what follows for the
    records) at the end."""

    def __init__(self, why: str, then: str = "") -> None:
        self.why = why
        self.then = then
        self.unread: dict[str, RecordError] = {}  # a top-level record's path → why

    def read(self, item: Item, read: Callable[[], T]) -> T | None:
        """`read()`'s value, or None (said for `item`'s record) when it is refused."""
        try:
            return read()
        except RecordError as error:
            self.unread.setdefault(item.record, error)
            return None

    def warning(self, added: set[str]) -> str | None:
        """The summary's line for the records `added` (their paths) without a value the
        file gave them; as `Horizon.warning`, nothing of a record not kept."""
        kept = [error for record, error in self.unread.items() if record in added]
        if not kept:
            return None
        fields = sorted({error.where.rsplit(".", 1)[-1] for error in kept})
        some = f"{len(kept)} records" if len(kept) > 1 else "1 record"
        then = f": {self.then}" if self.then else ""
        return f"{some} kept without their {', '.join(fields)}, {self.why} (first: {kept[0]}){then}"


class Bookkeeping(LeftOut):
    """What of the file's records only keeps books (`logged_on`: the day an entry was
    typed in) and could not be read: a hand-edited or damaged value ("yesterday", 12,
    "2026-13-01", a day far ahead). The record is kept without it, as a row from before
    netrack kept it (null: counted on its own day), not lost with its hours or referral."""

    def __init__(self) -> None:
        super().__init__("which could not be read", "counted as logged on their own day")


class ControlledUrls(LeftOut):
    """Web addresses holding a control character (an ESC, a bell), which `--url`
    refuses and an older netrack stored: one would reach the terminal. The address is
    left out, its contact or campaign kept, with its history (`Item.url`)."""

    def __init__(self) -> None:
        super().__init__("which holds a control character")


class IdLikeNames:
    """The file's records whose own name reads as an id ("id:Sense"): an older netrack
    took such a name (`--org "id:Sense"`) before `validate.name` refused one. Kept as
    stored (`Item.name`): skipping the organization lost every contact and campaign at
    it. Such a name cannot be typed, only reached by `id:N`: the summary says once how
    to rename them, for the records this import added."""

    def __init__(self) -> None:
        self.kept: dict[str, str] = {}  # a top-level record's path → "….name: 'id:Sense'"

    def read(self, item: Item, key: str, what: str = "name") -> str:
        """`item.name(key, what)`, remembered when it reads as an id."""
        value = item.name(key, what)
        if reads_as_id(value):
            self.kept.setdefault(item.record, f"{item.where}.{key}: {validate.shown(value)}")
        return value

    def warning(self, added: set[str]) -> str | None:
        """The summary's line for the records `added` (their paths) with such a name."""
        kept = [(record, said) for record, said in self.kept.items() if record in added]
        if not kept:
            return None
        some = f"{len(kept)} records" if len(kept) > 1 else "1 record"
        tables = [record.split("[", 1)[0] for record, _ in kept]
        return (
            f"{some} kept with a name that reads as an id, as an older netrack stored it "
            f"(first: {kept[0][1]}): {renaming(TABLE_OF_SECTION[t] for t in tables)} "
            "(`netrack doctor` names each by its id)"
        )


# The top-level lists of an export whose records have a name of their own → their table
TABLE_OF_SECTION = {"organizations": "organization", "contacts": "contact", "campaigns": "campaign"}


def section(path: Path, document: dict[str, Any], key: str) -> list[Item]:
    """A top-level list; anything else there means the file is not a netrack export."""
    value = document.get(key, [])
    if not isinstance(value, list):
        raise InputError(f"{path}: {key}: expected a list")
    return [Item(f"{key}[{n}]", row) for n, row in enumerate(value)]
