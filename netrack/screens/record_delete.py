"""Taking back a referral or a time entry from the palette ("Delete a referral…",
"Delete a time entry…"): the TUI could add them, but only the CLI could remove one
logged by mistake. Pick it among the newest, confirm, and it goes as `referral delete`
and `time delete` take it away, in their words."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual.app import App

from netrack.data.repo import Repo
from netrack.domain.describe import describe_referral_deleted, describe_time_entry_deleted
from netrack.domain.models import Referral, TimeEntry
from netrack.screens.base import run_write
from netrack.screens.host import announce, host

# The newest this many are offered (typing narrows them): a mistake is a recent one.
OFFERED = 300


@dataclass(frozen=True, slots=True, kw_only=True)
class Deletable:
    """A kind of record the palette takes back, and its words."""

    title: str
    which: str
    none_yet: str
    newest: Callable[[Repo], Sequence[Any]]  # newest first
    delete: Callable[[Repo, int], Any]  # the record removed
    label: Callable[[Any], str]  # its row in the list
    question: Callable[[Any], str]
    gone: Callable[[Any], str]  # what was done, as the CLI says it


def _about(record: Referral | TimeEntry, what: str) -> str:
    return f"{record.on}  {what}" + (f" · {record.note}" if record.note else "")


REFERRAL = Deletable(
    title="Delete a referral",
    which="Which referral?",
    none_yet="no referrals yet",
    newest=lambda repo: repo.referrals.all(),
    delete=lambda repo, rid: repo.referrals.delete(rid),
    label=lambda r: _about(r, f"{r.direction.value}  {r.contact_name}"),
    question=lambda r: f"Delete the referral of {r.on} ({r.direction.value}, {r.contact_name})?",
    gone=describe_referral_deleted,
)
TIME_ENTRY = Deletable(
    title="Delete a time entry",
    which="Which time entry?",
    none_yet="no time entries yet",
    newest=lambda repo: repo.time.all(),
    delete=lambda repo, eid: repo.time.delete(eid),
    label=lambda e: _about(e, f"{e.minutes}m  {e.category.value}"),
    question=lambda e: f"Delete the {e.minutes}m of {e.category.value} of {e.on}?",
    gone=describe_time_entry_deleted,
)


def pick_then_delete(app: App[Any], kind: Deletable) -> None:
    """Offer the newest records of `kind`; the one picked goes once confirmed."""
    from netrack.screens.modal.confirm import Confirm
    from netrack.screens.modal.pick import Pick

    repo = host(app).repo
    records = {record.id: record for record in kind.newest(repo)[:OFFERED]}
    if not records:
        app.notify(kind.none_yet, timeout=4)
        return

    def picked(record_id: int | None) -> None:
        if record_id is None:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                run_write(
                    app,
                    repo,
                    lambda: kind.gone(kind.delete(repo, record_id)),
                    lambda summary: announce(app, summary),
                    lambda error: app.notify(str(error), severity="error", timeout=8),
                )

        app.push_screen(Confirm(kind.question(records[record_id])), answered)

    choices = [(record_id, kind.label(record)) for record_id, record in records.items()]
    app.push_screen(Pick(kind.title, Text(kind.which), choices), picked)
