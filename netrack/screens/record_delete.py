"""Taking back a referral or a time entry from the palette ("Delete a referral…",
"Delete a time entry…"): the TUI could add them, but only the CLI could remove one
logged by mistake. Pick it among the newest, confirm, and it goes as `referral delete`
and `time delete` take it away."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from rich.text import Text
from textual.app import App

from netrack.screens.base import run_write
from netrack.screens.host import announce, host

# The newest this many are offered (typing narrows them): a mistake is a recent one.
OFFERED = 300


def delete_referral(app: App[Any]) -> None:
    repo = host(app).repo
    referrals = {r.id: r for r in repo.referrals.all()[:OFFERED]}

    def remove(referral_id: int) -> str:
        gone = repo.referrals.delete(referral_id)
        return (
            f"deleted referral #{gone.id} ({gone.direction.value}, {gone.contact_name}, {gone.on})"
        )

    _pick_then_delete(
        app,
        ("Delete a referral", "Which referral?", "no referrals yet"),
        [
            (r.id, _about(r.on, f"{r.direction.value}  {r.contact_name}", r.note))
            for r in referrals.values()
        ],
        lambda rid: (
            f"Delete the referral of {referrals[rid].on} ({referrals[rid].direction.value}, "
            f"{referrals[rid].contact_name})?"
        ),
        remove,
    )


def delete_time_entry(app: App[Any]) -> None:
    repo = host(app).repo
    entries = {e.id: e for e in repo.time.all()[:OFFERED]}

    def remove(entry_id: int) -> str:
        gone = repo.time.delete(entry_id)
        return (
            f"deleted time entry #{gone.id} ({gone.minutes}m of {gone.category.value}, {gone.on})"
        )

    _pick_then_delete(
        app,
        ("Delete a time entry", "Which time entry?", "no time entries yet"),
        [
            (e.id, _about(e.on, f"{e.minutes}m  {e.category.value}", e.note))
            for e in entries.values()
        ],
        lambda eid: (
            f"Delete the {entries[eid].minutes}m of {entries[eid].category.value} "
            f"of {entries[eid].on}?"
        ),
        remove,
    )


def _about(on: date, what: str, note: str) -> str:
    return f"{on}  {what}" + (f" · {note}" if note else "")


def _pick_then_delete(
    app: App[Any],
    words: tuple[str, str, str],
    choices: list[tuple[int, str]],
    question: Callable[[int], str],
    remove: Callable[[int], str],
) -> None:
    from netrack.screens.modal.confirm import Confirm
    from netrack.screens.modal.pick import Pick

    title, which, none_yet = words
    if not choices:
        app.notify(none_yet, timeout=4)
        return

    def picked(record_id: int | None) -> None:
        if record_id is None:
            return

        def answered(yes: bool | None) -> None:
            if yes:
                run_write(
                    app,
                    host(app).repo,
                    lambda: remove(record_id),
                    lambda summary: announce(app, summary),
                    lambda error: app.notify(str(error), severity="error", timeout=8),
                )

        app.push_screen(Confirm(question(record_id)), answered)

    app.push_screen(Pick(title, Text(which), choices), picked)
