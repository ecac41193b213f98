"""How time spent reads: a campaign's hours by kind and its hours invested, in the
scorecard's terms, the same on `campaign show` and the campaign's page."""

from __future__ import annotations

from collections.abc import Sequence

from netrack.domain.entries import TimeEntry
from netrack.domain.metrics_effort import invested_minutes
from netrack.domain.models import TimeCategory

# The categories the scorecard counts as hours invested, named together.
INVESTED_TIME = "search and networking"


def hours_text(minutes: int) -> str:
    """ "0.83h", "24h": hours to 2 decimals as the scorecard rounds them, trailing zeros
    dropped."""
    return f"{minutes / 60:.2f}".rstrip("0").rstrip(".") + "h"


def time_spent_parts(entries: Sequence[TimeEntry]) -> list[str]:
    """["1.5h search and networking", "2h busywork", "3h off"]: time entries' hours by
    the kinds the scorecard tells apart, those with some, in the scorecard's order. Not
    hours invested, which count interaction minutes too (`describe_invested`)."""
    minutes = dict.fromkeys((INVESTED_TIME, TimeCategory.BUSYWORK, TimeCategory.OFF), 0)
    for entry in entries:
        minutes[INVESTED_TIME if entry.category.invested else entry.category] += entry.minutes
    return [f"{hours_text(spent)} {kind}" for kind, spent in minutes.items() if spent]


def describe_time_spent(entries: Sequence[TimeEntry]) -> str:
    """ "1.5h search and networking, 2h busywork, 3h off" (`time_spent_parts`)."""
    return ", ".join(time_spent_parts(entries))


def describe_invested(interaction_minutes: int, entries: Sequence[TimeEntry]) -> str:
    """ "0.83h invested": a campaign's interaction minutes and its search and
    networking time, as the scorecard's hours invested counts them; "" when none."""
    minutes = invested_minutes(interaction_minutes, entries)
    return f"{hours_text(minutes)} invested" if minutes else ""
