"""A campaign's stage history in a JSON export, checked as the CLI would have written it.

`campaign add`, `move` and `undo` leave a history in one shape; a file may hold any. One
the CLI could not have written is refused record by record (`RecordError`, through the
`Item` it came from), so `move` and `undo` never work from a stage or a date the
campaign never had. `steps_to_add` merges such a history into the one a campaign
already has so that the result stays one the CLI could have written.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from netrack.domain.models import Stage
from netrack.interop.json_io import iso

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
    """Each change after the one before it and to another stage, as `move` appends
    them; the last change."""
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
        if change["from_stage"] == change["to_stage"]:  # as `campaign move` refuses it
            raise step.fail("to", f"the campaign is already in {change['to_stage']}")
        previous = change
    return previous


def steps_to_add(have: list[tuple[str, Any]], steps: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The file's changes (checked by `check_history`) that a campaign whose history is
    `have` ((to_stage, on) in the order `resync_stage` chains them) lacks.

    A change is the same as one stored when it goes to the same stage on the same day.
    Once merged, the history is re-chained by day; a change that would then go into the
    stage the change before it reached is one move recorded on different days (a copy
    moved on each laptop), and the database keeps its own: an import adds to a record,
    it does not rewrite or remove what the database holds (its note, its reason).
    Likewise for a day: a new change the file has before one the database holds of
    that day is not added (see `_before_a_stored_one`)."""
    known = {(stage, iso(on)) for stage, on in have}
    early = _before_a_stored_one(steps, known)
    new: list[dict[str, Any]] = []
    for index, step in enumerate(steps):
        key = (step["to_stage"], iso(step["on"]))
        if key not in known and index not in early:
            known.add(key)
            new.append(step)
    # As resync_stage orders them: by day, then by id (new rows get the higher ids).
    stored: list[tuple[str, str, dict[str, Any] | None]] = [
        (str(iso(on)), stage, None) for stage, on in have
    ]
    merged = stored + [(str(iso(step["on"])), step["to_stage"], step) for step in new]
    merged.sort(key=lambda entry: entry[0])
    chain: list[tuple[str, str, dict[str, Any] | None]] = []
    for entry in merged:
        if chain and chain[-1][1] == entry[1]:
            if entry[2] is not None:
                continue
            if chain[-1][2] is not None:
                chain.pop()
        chain.append(entry)
    return [step for _, _, step in chain if step is not None]


def _before_a_stored_one(
    steps: list[dict[str, Any]], known: set[tuple[str, str | None]]
) -> set[int]:
    """The indexes of the file's changes that come, in its order, before a change of the
    same day the database holds too (same stage, same day). A new row is chained after
    the day's stored ones (by id), so such a change could only land after the one it
    preceded: target → applied, then applied → networking, a setback neither copy made
    when one went target → networking → applied that day. The database's own record of
    the day wins; a change the file has after the one held (a move made on the opening
    day, after the opening) is still added."""
    last_held: dict[str | None, int] = {}
    for index, step in enumerate(steps):
        day = iso(step["on"])
        if (step["to_stage"], day) in known:
            last_held[day] = index
    return {index for index, step in enumerate(steps) if index < last_held.get(iso(step["on"]), -1)}


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
