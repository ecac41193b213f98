"""LinkedIn's data export, `Connections.csv`, in every style LinkedIn has shipped and the
ways a spreadsheet re-saves it.

- The current export opens with a "Notes:" paragraph and a blank line, then the header
  `First Name,Last Name,URL,Email Address,Company,Position,Connected On`; dates like
  `30 May 2024`. Exports of 2017–2019 have no URL column and dates like `1/8/18, 6:14 PM`
  (US month/day/year with a time).
- A spreadsheet's re-save may use `;` (European locales) or a tab: the delimiter is
  sniffed from the header line. It may be Windows-1252 rather than UTF-8 (decided per
  file), and rewrite dates as `9-Sep-22`, `09/09/2022` or `2022-09-09`.
- The export's `.zip` is read directly: its Connections.csv at any folder depth, at most
  MAX_IMPORT_BYTES uncompressed.

Numeric dates are read by the WHOLE column: a first number above 12 anywhere makes it
day-first, a second number above 12 month-first; LinkedIn's own `M/D/YY, h:mm AM` form is
month-first unless the column shows otherwise. A column where every value could be read
either way is refused, naming the column and an example. Two-digit years are 20YY.
A value that is no date (`30 Feb 2026`) leaves its row out, kept as `Unreadable` for the
import to report with its line: one bad cell is not a reason to refuse the file.

Cells are kept as text: a Position of `=HYPERLINK(…)` is a title. An Email Address that is
not an address (`urn:li:member:…`, a hand-redacted `xxx`) is left out: never stored, never
used to match people.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
import zlib
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import Any

from netrack.domain.errors import InputError
from netrack.domain.models import ContactChannel
from netrack.domain.records import Person, located
from netrack.interop.reading import MAX_IMPORT_BYTES, read_bytes, text_of

COLUMNS = ("first name", "last name", "url", "email address", "company", "position", "connected on")
REQUIRED = ("first name", "last name", "connected on")
EXPECTED = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
DATE_COLUMN = "Connected On"
LINKEDIN = ContactChannel.LINKEDIN.value
MONTHS = {
    m: i
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1
    )
}
DELIMITERS = (",", ";", "\t")
# A time after the date: `, 6:14 PM`, ` 18:14`, ` 6:14:05 am`.
TIME = re.compile(r"[,\s]+\d{1,2}:\d{2}(?::\d{2})?\s*(?P<ampm>[ap]\.?m\.?)?$", re.IGNORECASE)
NUMERIC = re.compile(r"^(\d{1,4})([./-])(\d{1,2})\2(\d{1,4})$")
WORDS = re.compile(r"[\s,./-]+")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+$")


def is_email(text: str) -> bool:
    """Whether `text` can be an email address: one `@` with text on both sides, no spaces,
    not a URN. `urn:li:member:123`, `xxx` and `a@b@c` are not."""
    value = text.strip()
    return bool(EMAIL.match(value)) and not value.casefold().startswith(("urn:", "mailto:"))


# --- dates -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Numeric:
    """A date written as three numbers whose day/month order the column decides."""

    first: int
    second: int
    year: int
    ampm: bool  # LinkedIn's own 2017–2019 form carries `, 6:14 PM`: US order

    def read(self, day_first: bool) -> date:
        day, month = (self.first, self.second) if day_first else (self.second, self.first)
        return date(self.year, month, day)


@dataclass(frozen=True, slots=True)
class Unreadable:
    """A row left out because a value in it cannot be read: its line, why, whose it is."""

    line: int
    reason: str
    name: str


def _year(text: str) -> int:
    return 2000 + int(text) if len(text) <= 2 else int(text)


@lru_cache(maxsize=8192)  # a network of 30,000 has a few thousand distinct days
def shape(text: str) -> date | Numeric | None:
    """A Connected On value read as far as it can be alone: a date, a `Numeric` whose
    order the column decides, or None when blank. InputError if it is no date at all."""
    value = text.strip()
    if not value:
        return None
    problem = f"bad date {value!r} in {DATE_COLUMN} (expected a date like 14 Oct 2026)"
    time = TIME.search(value)
    core = value[: time.start()] if time else value
    try:
        numeric = NUMERIC.match(core)
        if numeric:
            a, _, b, c = numeric.groups()
            if len(a) == 4:  # 2022-09-09, 2022/9/9: year first is never day-first
                return date(int(a), int(b), int(c))
            if len(c) not in (2, 4):
                raise InputError(problem)
            found = Numeric(int(a), int(b), _year(c), bool(time and time.group("ampm")))
            if not (1 <= found.first <= 31 and 1 <= found.second <= 31):
                raise InputError(problem)
            return found
        return _with_month_name(core, problem)
    except ValueError:  # a day or month out of range
        raise InputError(problem) from None


def _with_month_name(text: str, problem: str) -> date:
    """`14 Oct 2026`, `Oct 14, 2026`, `9-Sep-22`, `09.Sep.2022`: the month by its name
    (read here, not by strptime, so the user's locale does not matter)."""
    parts = [part for part in WORDS.split(text) if part]
    months = [i for i, part in enumerate(parts) if part[:3].casefold() in MONTHS]
    if len(parts) != 3 or len(months) != 1 or len(parts[months[0]]) < 3:
        raise InputError(problem)
    month = MONTHS[parts.pop(months[0])[:3].casefold()]
    if not all(part.isdigit() for part in parts):
        raise InputError(problem)
    day, year = parts
    if len(day) == 4:  # 2022 Sep 9
        day, year = year, day
    if len(year) not in (2, 4) or len(day) > 2:
        raise InputError(problem)
    return date(_year(year), month, int(day))


def parse_date(text: str, day_first: bool | None = None) -> date | None:
    """One Connected On value; blank → None. A numeric date is read day-first or
    month-first as told; untold, only when the value itself decides (a number above 12,
    both numbers equal, or LinkedIn's `, 6:14 PM` form): InputError otherwise."""
    found = shape(text)
    if not isinstance(found, Numeric):
        return found
    order = day_first if day_first is not None else _order([found], text)
    try:
        return found.read(order)
    except ValueError:
        raise InputError(f"bad date {text.strip()!r} in {DATE_COLUMN}") from None


def _order(values: list[Numeric], example: str) -> bool:
    """Day-first (True) or month-first (False) for a whole column of numeric dates."""
    day_first = any(v.first > 12 for v in values)
    month_first = any(v.second > 12 for v in values)
    if day_first and month_first:
        raise InputError(
            f"the {DATE_COLUMN} column mixes day-first and month-first dates; "
            "re-save it with dates like 2022-09-09"
        )
    if day_first or month_first:
        return day_first
    if any(v.ampm for v in values) or all(v.first == v.second for v in values):
        return False  # LinkedIn's own M/D/YY form; or every value reads the same both ways
    raise InputError(
        f"the {DATE_COLUMN} column is ambiguous: {example.strip()!r} and every other date in it "
        "could be day/month or month/day; re-save it with dates like 2022-09-09"
    )


# --- the file --------------------------------------------------------------------------


def parse(path: Path, unreadable: list[Unreadable] | None = None) -> list[Person]:
    """Every connection in the file (or in the Connections.csv of an export's .zip), in
    order. InputError (file:line) if it is not a Connections export, a row is broken, or
    the date column cannot be read; rows without a name are passed on (the store skips
    them with a reason). A row whose date is no date is left out and added to
    `unreadable`; without that list, it is an InputError too."""
    path = Path(path)
    return parse_data(*_source(path), unreadable=unreadable)


def parse_data(
    shown: Path, data: bytes, unreadable: list[Unreadable] | None = None
) -> list[Person]:
    """`parse` of a Connections.csv's bytes; messages name `shown`."""
    return _people(shown, _rows(shown, text_of(data)), unreadable)


def _source(path: Path) -> tuple[Path, bytes]:
    """The CSV's bytes, and the path its messages name (`export.zip/…/Connections.csv`
    for a zip's member)."""
    data = read_bytes(path)
    if not (data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06")):
        if path.suffix.casefold() == ".zip":
            raise InputError(f"{path}: not a zip archive (is the download complete?)")
        return path, data
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            member = _member(archive, path)
            if member.file_size > MAX_IMPORT_BYTES:
                raise _too_big(path, member.filename)
            with archive.open(member) as handle:
                content = handle.read(MAX_IMPORT_BYTES + 1)  # sizes in headers can lie
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError) as error:
        raise InputError(f"{path}: a broken zip archive ({error})") from None
    except (NotImplementedError, RuntimeError) as error:  # an unknown method; encrypted
        raise InputError(f"{path}: cannot open the zip archive ({error})") from None
    if len(content) > MAX_IMPORT_BYTES:
        raise _too_big(path, member.filename)
    return Path(f"{path}/{member.filename}"), content


def _member(archive: zipfile.ZipFile, path: Path) -> zipfile.ZipInfo:
    """Connections.csv at the shallowest folder depth (macOS's __MACOSX copies left out)."""
    found = [
        info
        for info in archive.infolist()
        if PurePosixPath(info.filename).name.casefold() == "connections.csv"
        and not info.filename.startswith("__MACOSX/")
        and not info.is_dir()
    ]
    if not found:
        raise InputError(f"{path}: no Connections.csv in this zip; is it LinkedIn's data export?")
    return min(found, key=lambda info: (info.filename.count("/"), info.filename))


def _too_big(path: Path, member: str) -> InputError:
    limit = MAX_IMPORT_BYTES // (1024 * 1024)
    return InputError(
        f"{path}: {member} unpacks to more than {limit} MiB; netrack imports up to {limit} MiB"
    )


def _delimiter(text: str) -> str:
    """The header line's most frequent of `,` `;` TAB (comma when none is found)."""
    for line in text.splitlines():
        folded = line.casefold()
        if "first name" in folded and "last name" in folded:
            return max(DELIMITERS, key=line.count)
    return ","


def csv_reader(text: str, delimiter: str) -> Any:
    """A CSV reader over `text` whose cells may be as long as an import may be: one long
    cell is its row's problem (a title too long is skipped with its line), not the
    file's (the csv module's own limit, 128 KiB a cell, refused the whole file)."""
    csv.field_size_limit(MAX_IMPORT_BYTES)
    return csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)


def _rows(path: Path, text: str) -> list[tuple[int, list[str], dict[str, int]]]:
    """(line, cells, header columns) for every data row after the header."""
    reader = csv_reader(text, _delimiter(text))
    columns: dict[str, int] | None = None
    in_notes = False
    rows: list[tuple[int, list[str], dict[str, int]]] = []
    line = 0
    try:
        for row in reader:
            start, line = line + 1, reader.line_num
            if not any(cell.strip() for cell in row):
                in_notes = False
                continue
            if columns is None:
                if start == 1 and row[0].strip().casefold() == "notes:":
                    in_notes = True
                    continue
                if in_notes and not _is_header(row):
                    continue
                columns = _header(row, path, start)
                continue
            rows.append((start, row, columns))
    except csv.Error as error:
        raise located(path, reader.line_num, f"broken CSV ({error})") from None
    if columns is None:
        raise located(path, max(line, 1), f"no header line {EXPECTED!r}: is this Connections.csv?")
    return rows


def _is_header(row: list[str]) -> bool:
    names = [cell.strip().casefold() for cell in row]
    return all(name in names for name in REQUIRED)


def _header(row: list[str], path: Path, line: int) -> dict[str, int]:
    names = [cell.strip().casefold() for cell in row]
    if not _is_header(row):
        raise located(path, line, f"not a LinkedIn connections header (expected {EXPECTED!r})")
    return {name: names.index(name) for name in COLUMNS if name in names}


def _people(
    path: Path,
    rows: list[tuple[int, list[str], dict[str, int]]],
    unreadable: list[Unreadable] | None,
) -> list[Person]:
    people: list[Person] = []
    dates: list[date | Numeric | None] = []
    problems: dict[int, str] = {}  # index in `people` → why its date is no date
    short: list[Unreadable] = []  # rows with fewer cells than the header: left out
    header: dict[str, int] = {}
    width, where = 0, [0] * len(COLUMNS)
    for line, row, columns in rows:
        if columns is not header:  # one header a file: its columns found once, not a row
            header, width = columns, max(columns.values()) + 1
            where = [columns.get(name, -1) for name in COLUMNS]
        if len(row) < width:
            problem = f"expected {width} fields, found {len(row)}"
            if unreadable is None:
                raise located(path, line, problem)
            short.append(Unreadable(line, problem, " ".join(" ".join(row[:2]).split())))
            continue
        first, last, url, email, company, position, connected = [
            row[n].strip() if n >= 0 else "" for n in where
        ]
        try:
            dates.append(shape(connected))
        except InputError as error:
            if unreadable is None:
                raise located(path, line, str(error)) from None
            problems[len(dates)] = str(error)
            dates.append(None)
        people.append(
            Person(
                name=" ".join(f"{first} {last}".split()),
                line=line,
                organization=company,
                title=position,
                emails=[email] if is_email(email) else [],
                urls=[url] if url else [],
                channel=LINKEDIN,
            )
        )
    numeric = [(p, d) for p, d in zip(people, dates, strict=True) if isinstance(d, Numeric)]
    day_first = False
    if numeric:
        # the example a refusal names: a value that really reads two ways, if any
        example = next((p for p, d in numeric if d.first != d.second), numeric[0][0])
        try:
            day_first = _order([d for _, d in numeric], _cell(rows, example))
        except InputError as error:
            raise located(path, example.line, str(error)) from None
    for index, (person, found) in enumerate(zip(people, dates, strict=True)):
        try:
            person.met_on = found.read(day_first) if isinstance(found, Numeric) else found
        except ValueError:  # 2/30/24: a day the month does not have
            problem = f"bad date {_cell(rows, person)!r} in {DATE_COLUMN}"
            if unreadable is None:
                raise located(path, person.line, problem) from None
            problems[index] = problem
    if unreadable is None or not (problems or short):
        return people
    dated = [Unreadable(people[i].line, problem, people[i].name) for i, problem in problems.items()]
    unreadable.extend(sorted([*short, *dated], key=lambda row: row.line))
    return [person for index, person in enumerate(people) if index not in problems]


def _cell(rows: list[tuple[int, list[str], dict[str, int]]], person: Person) -> str:
    """The Connected On text of `person`'s row, for messages."""
    for line, row, columns in rows:
        if line == person.line:
            return row[columns["connected on"]].strip()
    return ""
