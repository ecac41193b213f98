"""LinkedIn's data export, `Connections.csv`, read exactly as LinkedIn writes it.

The file opens with a "Notes:" paragraph and a blank line, then the header
`First Name,Last Name,URL,Email Address,Company,Position,Connected On`; CRLF line ends,
sometimes a UTF-8 BOM, quoted fields with commas, and (usually) blank emails. Dates look
like `14 Oct 2026`. Cells are kept as text: a Position of `=HYPERLINK(…)` is a title.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from functools import lru_cache
from pathlib import Path

from netrack.domain.errors import InputError
from netrack.domain.models import ContactChannel
from netrack.domain.records import Person, located
from netrack.interop.files import read_text

COLUMNS = ("first name", "last name", "url", "email address", "company", "position", "connected on")
REQUIRED = ("first name", "last name", "connected on")
EXPECTED = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"
LINKEDIN = ContactChannel.LINKEDIN.value
MONTHS = {
    m: i
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1
    )
}


@lru_cache(maxsize=8192)  # a network of 30,000 has a few thousand distinct days
def parse_date(text: str) -> date | None:
    """`14 Oct 2026` (LinkedIn's form), `Oct 14, 2026` or `2026-10-14`; blank → None.
    Month names are read here, not by strptime, so the user's locale does not matter."""
    value = text.strip()
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        pass
    parts = value.replace(",", " ").split()
    if len(parts) == 3:
        day, month, year = parts
        if day[:3].casefold() in MONTHS:  # Oct 14 2026
            day, month = month, day
        number = MONTHS.get(month[:3].casefold())
        if number and day.isdigit() and year.isdigit() and len(year) == 4:
            try:
                return date(int(year), number, int(day))
            except ValueError:
                pass
    raise InputError(f"bad date {value!r} in Connected On (expected a date like 14 Oct 2026)")


def parse(path: Path) -> list[Person]:
    """Every connection in the file, in order. InputError (file:line) if it is not a
    Connections export or a row is broken; rows without a name are passed on (the store
    skips them with a reason)."""
    reader = csv.reader(io.StringIO(read_text(path), newline=""))
    columns: dict[str, int] | None = None
    in_notes = False
    people: list[Person] = []
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
            people.append(_person(row, columns, path, start))
    except csv.Error as error:
        raise located(path, reader.line_num, f"broken CSV ({error})") from None
    if columns is None:
        raise located(path, max(line, 1), f"no header line {EXPECTED!r}: is this Connections.csv?")
    return people


def _is_header(row: list[str]) -> bool:
    names = [cell.strip().casefold() for cell in row]
    return all(name in names for name in REQUIRED)


def _header(row: list[str], path: Path, line: int) -> dict[str, int]:
    names = [cell.strip().casefold() for cell in row]
    if not _is_header(row):
        raise located(path, line, f"not a LinkedIn connections header (expected {EXPECTED!r})")
    return {name: names.index(name) for name in COLUMNS if name in names}


def _person(row: list[str], columns: dict[str, int], path: Path, line: int) -> Person:
    width = max(columns.values()) + 1
    if len(row) < width:
        raise located(path, line, f"expected {width} fields, found {len(row)}")
    first, last, url, email, company, position, connected = (
        row[columns[name]].strip() if name in columns else "" for name in COLUMNS
    )
    try:
        met_on = parse_date(connected)
    except InputError as error:
        raise located(path, line, str(error)) from None
    return Person(
        name=" ".join(f"{first} {last}".split()),
        line=line,
        organization=company,
        title=position,
        emails=[email] if email else [],
        urls=[url] if url else [],
        met_on=met_on,
        channel=LINKEDIN,
    )
