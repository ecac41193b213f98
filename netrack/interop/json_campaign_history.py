"""A campaign's stage history in a JSON export, checked as the CLI would have written it.

`campaign add`, `move` and `undo` leave a history in one shape; a file may hold any. One
the CLI could not have written is refused record by record (`RecordError`, through the
`Item` it came from), so `move` and `undo` never work from a stage or a date the
campaign never had.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from netrack.domain.models import Stage

if TYPE_CHECKING:
    from netrack.interop.json_fields import Item


def check_history(
    item: Item, history: list[dict[str, Any]], opened: date, stage: Stage | None, since: date | None
) -> None:
    """The history as `campaign add`, `move` and `undo` leave it (the import keeps its
    order): the opening (from null) on opened_on, each later change dated on or after the
    one before and starting from the stage that one reached, the campaign's stage the
    last one's. Stored otherwise, `move` and `undo` work from a stage or a date the
    campaign never had, and `doctor` sees nothing wrong."""
    # Still accepted, because netrack writes it: a stage_since after the last change (an
    # older netrack kept the two apart; the import takes the change's).
    _check_opening(item, history)
    if since is not None and since < opened:
        raise item.fail(
            "stage_since", f"{since.isoformat()} is before the campaign was opened ({opened})"
        )
    last = _check_steps(item, history, opened)
    if last is None:
        return
    if stage is not None and stage.value != last["to_stage"]:
        raise item.fail(
            "stage",
            f"must be {last['to_stage']}, the stage of the history's last change, "
            f"not {stage.value}",
        )
    if since is not None and since < last["on"]:
        raise item.fail(
            "stage_since",
            f"{since.isoformat()} is before the history's last change "
            f"({last['on'].isoformat()}, to {last['to_stage']})",
        )


def _check_steps(item: Item, history: list[dict[str, Any]], opened: date) -> dict[str, Any] | None:
    """Each change after the one before it, as `move` appends them; the last change."""
    previous: dict[str, Any] | None = None
    for step, change in zip(item.items("history"), history, strict=True):
        on = change["on"]
        if on < opened:
            raise step.fail("on", f"{on.isoformat()} is before the campaign was opened ({opened})")
        if previous is None and change["from_stage"] is None and on != opened:
            raise step.fail(
                "on", f"the opening must be on opened_on ({opened}), not {on.isoformat()}"
            )
        if previous is not None and on < previous["on"]:
            raise step.fail(
                "on",
                f"{on.isoformat()} is before the previous change "
                f"({previous['on'].isoformat()}, to {previous['to_stage']})",
            )
        if previous is not None and change["from_stage"] != previous["to_stage"]:
            raise step.fail(
                "from",
                f"must be {previous['to_stage']}, the stage the previous change went to, "
                f"not {change['from_stage'] or 'null'}",
            )
        previous = change
    return previous


def _check_opening(item: Item, history: list[dict[str, Any]]) -> None:
    """`campaign add` records the opening (from null) with the campaign. Without one the
    campaign was stored at its stage but had none on any day: the scorecard and the
    agenda never counted it, and `campaign undo` had nothing to work from."""
    if not history:
        raise item.fail("history", "a campaign's history starts with its opening")
    first = history[0]
    if first["from_stage"] is not None:
        raise item.items("history")[0].fail(
            "from",
            f"must be null, not {first['from_stage']}: a campaign's history starts with "
            "its opening",
        )
