"""`doctor` on follow-ups marked done after today, on a file and on a server alike.

No command records one (`followup done --on` refuses a day to come); a generator, an
older import or a NETRACK_TODAY set ahead did. Every list reads such a mark as not made
yet, but `import json` of an export refuses a done day further ahead than a time zone
explains and keeps the follow-up pending: the export would not come back whole.

A warning, not a problem, and no `--fix`: only the user knows the day it was done.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from netrack.data.doctor_common import Report, read_look_only
from netrack.domain.validate import AHEAD_DAYS

Select = Callable[[str], list[tuple[Any, ...]]]
SHOWN = 5  # follow-ups named; the rest counted


def done_after_today_warning(select: Select, today: date) -> str | None:
    """The warning on follow-ups marked done later than `import json` keeps, read
    through `select` (a query's rows); None if there are none."""
    latest = today + timedelta(days=AHEAD_DAYS)
    # An ISO day both engines compare as a date (SQLite stores days as ISO text); an
    # export writes a done day only where there is a follow-up.
    rows = select(
        'SELECT id, follow_up_done_on FROM "interaction" WHERE follow_up_on IS NOT NULL '
        f"AND follow_up_done_on > '{latest.isoformat()}' ORDER BY id"
    )
    found = [(int(row_id), shown) for row_id, day in rows if (shown := _day(day))]
    if not found:
        return None
    listed = "; ".join(f"interaction {row_id}, done {day}" for row_id, day in found[:SHOWN])
    if len(found) > SHOWN:
        listed += f" … ({len(found):,} in all)"
    one = len(found) == 1
    some = "1 follow-up is" if one else f"{len(found):,} follow-ups are"
    return (
        f"{some} marked done after today ({today.isoformat()}) by more than the "
        f"{AHEAD_DAYS} days a time zone ahead explains ({listed}), which no command "
        f"records; `import json` of an export would make {'it' if one else 'them'} pending "
        "again: `netrack followup reopen ID` takes such a mark back, then `netrack followup "
        "done NAME --on DATE` marks the contact's pending follow-ups done on a day that has come"
    )


def check_done_after_today(path: Path, report: Report, today: date) -> None:
    """`done_after_today_warning` of the database file at `path`, added to `report`
    (nothing when it cannot be read so: the checks before say why)."""
    warning = read_look_only(
        path,
        lambda connection: done_after_today_warning(
            lambda query: list(connection.execute(query).fetchall()), today
        ),
    )
    if warning:
        report.warnings.append(warning)


def _day(value: object) -> str | None:
    """A stored done day as ISO text (a server gives a date, a file text); None for a
    value that is no day, which the dates check reports."""
    if isinstance(value, date):
        return value.isoformat()
    try:
        return date.fromisoformat(str(value)).isoformat()
    except ValueError:
        return None
