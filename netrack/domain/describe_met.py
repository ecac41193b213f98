"""The notes under a confirmation when a touch is dated before its contact's met-on day:
logged or moved so (`describe_met_later`, for each of its people), or the day moved
past touches or strength changes already there (`describe_touched_before_met`). The day
is never moved for the user: a card counts people known from it, and a script may set
both on purpose; the note says how to move it. Apart from `describe`, which appends the
first."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from netrack.domain.visible import quoted_ref
from netrack.domain.write_effects import MetLater, TouchedBeforeMet

if TYPE_CHECKING:
    from netrack.domain.describe import Named


def describe_met_later(
    met_later: Sequence[MetLater], on: date, named: Named, in_app: bool = False
) -> str:
    """A line of note under an interaction's confirmation for each of its people met
    after its day `on` ("" for none): "note: Omar was met on 2026-11-23, after this touch
    (netrack contact edit "Omar" --met 2026-11-10 if you met earlier)". `named` tells
    namesakes apart. `in_app`: the TUI's words, its form's field rather than a command."""
    lines, day = [], on.isoformat()
    for person in met_later:
        who = named.person(person.contact_id, person.name)
        met = person.met_on.isoformat()
        how = _moving_met_on(person.contact_id, who, day, in_app)
        lines.append(f"\nnote: {who} was met on {met}, after this touch ({how} if you met earlier)")
    return "".join(lines)


def describe_touched_before_met(touched: TouchedBeforeMet | None, in_app: bool = False) -> str:
    """`describe_met_later` seen from the contact, under the confirmation of an edit that
    set their met-on day after touches or strength changes of theirs ("" for none):
    "note: Mia Met has 1 touch before 2026-12-01 (first 2026-11-15; netrack contact edit
    "Mia Met" --met 2026-11-15 if you met by then)", the touches' part then "… (first
    2026-11-15) and 1 strength change before it (2026-11-10; … --met 2026-11-10 …)" with
    the earlier of the two days to set. `in_app`: the TUI's words."""
    if touched is None:
        return ""
    who, met = touched.name, touched.met_on.isoformat()
    earliest = touched.earliest.isoformat()
    how = f"{_moving_met_on(touched.contact_id, who, earliest, in_app)} if you met by then"
    said = []
    if touched.first is not None:
        touches = "1 touch" if touched.count == 1 else f"{touched.count} touches"
        said.append(f"{touches} before {met} (first {touched.first.isoformat()}")
    if touched.strength_changes:
        changes = len(touched.strength_changes)
        counted = "1 strength change" if changes == 1 else f"{changes} strength changes"
        # The touches' part ends where the changes' begins: one hint, after the last part.
        before = f"{') and ' if said else ''}{counted} before {'it' if said else met}"
        first_day = touched.strength_changes[0].isoformat()
        said.append(f"{before} ({first_day if changes == 1 else 'first ' + first_day}")
    return f"\nnote: {who} has {''.join(said)}; {how})"


def _moving_met_on(contact_id: int, who: str, day: str, in_app: bool) -> str:
    """How to make `day` the met-on day: the command, or in the TUI the form's field."""
    if in_app:
        return f'set {who}\'s "Met on" to {day}'
    return f"netrack contact edit {shell_argument(contact_id, who)} --met {day}"


def shell_argument(record_id: int, name: str) -> str:
    """How a command to paste into a shell names a record: its name in double quotes,
    or `id:N` where the shell would change the quoted name or the command would read it
    as an option ("-Acme")."""
    if name.startswith("-") or any(char in name for char in "$`\\!"):
        return f"id:{record_id}"
    return quoted_ref(name, record_id)
