"""The rules of a move to another stage that read more than one of its parts: a loss
reason goes with a move to lost, and a move is dated neither before the campaign opened
nor before its latest change (history is added to, never rewritten).

One function each, called by `Campaigns.move` as it writes and by the Move… form before
it saves, so that every part in error is said at once, in the CLI's words.
"""

from __future__ import annotations

from datetime import date

from netrack.domain.errors import InputError
from netrack.domain.models import Stage


def reason_for(target: Stage, reason: str) -> str:
    """`reason` (a stored loss reason, or "") if a move to `target` may carry one."""
    if reason and target != Stage.LOST:
        raise InputError(f"a loss reason is only for a move to lost, not to {target.value}")
    return reason


def move_day(when: date, opening: tuple[date, Stage] | None, latest: tuple[date, Stage]) -> date:
    """`when` if a move may be dated then: not before the `opening` (day, stage; None for
    an import without one) nor before the `latest` change (day, stage it went to)."""
    if opening is not None and when < opening[0]:  # no undo takes an opening back
        advice = "if it opened earlier, change the day it opened first (edit it)"
        raise InputError(
            f"{when.isoformat()} is before the campaign opened "
            f"({opening[0].isoformat()}, in {opening[1].value}); {advice}"
        )
    if when < latest[0]:
        raise InputError(
            f"{when.isoformat()} is before the campaign's latest change "
            f"({latest[0].isoformat()}, to {latest[1].value}); "
            "undo that change first to date one earlier"
        )
    return when
