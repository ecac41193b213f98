"""How much time a day holds: its time entries together, 24h at most (each one alone
is `validate.time_minutes`'). Apart from time_words, whose scorecard terms the quick
log's path never loads."""

from __future__ import annotations

from datetime import date

from netrack.domain.describe import duration_text
from netrack.domain.errors import InputError
from netrack.domain.validate import MINUTES_IN_A_DAY


def day_of_time_entries(day: date, before: int, after: int) -> None:
    """A write that takes the minutes of `day`'s time entries from `before` to `after`:
    InputError, naming the day and what it would hold, when that is past 24h. A day an
    import filled past 24h (a backup restores whole) may still be brought down: only a
    write that adds to it is refused."""
    if after > MINUTES_IN_A_DAY and after > before:
        raise InputError(
            f"{day.isoformat()} would hold {duration_text(after)} of time entries "
            f"({duration_text(before)} there already): a day holds 24h at most"
        )
