"""Numbered schema migrations: the steps, in order. PRAGMA user_version is the schema
version; running them is `netrack.data.migrate` (this package imports nothing of
`netrack.data`, so the file checks, backups and the schema check may all read it).

The steps run with foreign keys off (`migrate.upgrade` turns them off outside its
transaction, where the pragma can change): a step that rebuilds a table drops it, which
with them on deleted the rows pointing at it (m014). The final `foreign_key_check` is
what guards the rows.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date

from peewee import SqliteDatabase

Step = Callable[[SqliteDatabase], None]

# Steps in order: index i upgrades version i to i+1. A name is a module here with
# `upgrade(db)`; tests may put a callable in to inject a failing step.
STEPS: tuple[str | Step, ...] = (
    "m001_initial",
    "m002_follow_up_closure",
    "m003_scorecard_covering_indexes",
    "m004_history_and_details",
    "m005_imported_events",
    "m006_meaningful_links",
    "m007_logged_on",
    "m008_lean_history_indexes",
    "m009_trend_sums",
    "m010_pending_follow_ups",
    "m011_server_text_keys",
    "m012_record_uids",
    "m013_named_uids",
    "m014_kept_ids",
    "m015_merged_identities",
    "m016_logged_on_time_referrals",
    "m017_goal_until",
    "m018_namesake_lookups",
    "m019_contact_name_keys",
)


def latest() -> int:
    """The schema version this netrack writes."""
    return len(STEPS)


LATEST = latest()


def _step(step: str | Step) -> Step:
    if callable(step):
        return step
    module = importlib.import_module(f"netrack.data.migrations.{step}")
    return module.upgrade  # type: ignore[no-any-return]


def _name(step: str | Step) -> str:
    return step if isinstance(step, str) else getattr(step, "__name__", repr(step))


# The clock of whoever opens the database: a step that dates rows (m004's goal `since`)
# reads "today" from it, so NETRACK_TODAY and a test's frozen clock hold there too.
_clock: ContextVar[Callable[[], date]] = ContextVar("migration_clock", default=date.today)


def today() -> date:
    """Today, as the clock the running upgrade was given says (default: the system's)."""
    return _clock.get()()


@contextmanager
def clock(today: Callable[[], date] | None) -> Iterator[None]:
    """Within the block, `today()` reads `today` (None: the system's clock)."""
    token = _clock.set(today or date.today)
    try:
        yield
    finally:
        _clock.reset(token)
