"""`import json`'s merge of a file's settings and goals: records that refer to nothing
and that nothing refers to, each checked as `config` and `goal add` check it.

Apart from `json_merge`, which merges the records that point at contacts and campaigns
and runs the whole, and `json_merge_contacts`, which places those.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from netrack.data.bulk_orgs import Pool
from netrack.data.merge_rows import MergeRows
from netrack.data.repo.goals import SAME_GOAL_FIELDS, already_there
from netrack.domain import validate
from netrack.domain.errors import InputError
from netrack.domain.records import DIFFERING, Tally
from netrack.domain.setting_words import imported_setting
from netrack.interop.json_fields import Item, RecordError
from netrack.interop.json_imported_events import Refuse
from netrack.interop.json_records import read_goal
from netrack.interop.json_schema4 import earliest_day


def merge_settings(path: Path, document: dict[str, Any], rows: MergeRows, refuse: Refuse) -> Tally:
    """Each setting checked as `config` checks it: a bad one is skipped, so no later
    scorecard reads a week_start of "²"."""
    tally = Tally()
    raw = document.get("settings", {})
    if not isinstance(raw, dict):
        raise InputError(f"{path}: settings: expected an object")
    have = rows.settings()
    for key, value in sorted(raw.items()):
        try:
            number = imported_setting(key, value)
        except InputError as error:
            refuse(tally, RecordError(f"settings[{validate.shown(key)}]", str(error)))
            continue
        if key in have:
            # The user's setting stays; one the file gives otherwise is said so, not
            # counted as the same ("already set" of a week_start the file had on sunday)
            same = have[key] == str(number)
            tally.skip("already set" if same else DIFFERING, example="" if same else key)
        else:
            rows.add_setting(key, number)
            tally.added += 1
    return tally


def merge_goals(
    goals: list[Item],
    document: dict[str, Any],
    today: date,
    rows: MergeRows,
    pristine: bool,
    refuse: Refuse,
) -> Tally:
    """The file's `goals` beside the user's; into a new database (`pristine`), in place
    of the defaults, so that an export of a database whose user deleted every goal
    (`"goals": []`) comes back with none. Said in the summary either way."""
    tally = Tally()
    since = earliest_day(document, today)  # for a file older than `since`
    read: list[tuple[Item, dict[str, Any] | RecordError]] = []
    for item in goals:
        try:
            read.append((item, read_goal(item, since)))
        except RecordError as error:
            read.append((item, error))
    if pristine and "goals" in document:
        tally.remarks.append(_replace_defaults(rows, read))
    have = Pool()  # a goal the user set keeps its target, whatever the file's
    users = rows.goals()
    stored: set[tuple[Any, ...]] = set()
    for row in users:
        have.put(_slot(row))
        stored.add(_same_goal(row))
    added: dict[tuple[Any, ...], list[tuple[dict[str, Any], str]]] = {}  # → where in the file
    for item, goal in read:
        if isinstance(goal, RecordError):
            refuse(tally, goal)
            continue
        found = have.take(_slot(goal))[0]
        if _same_goal(goal) in stored:
            if _end_taken(goal, users, rows):
                tally.updated += 1
            else:
                tally.skip("already set")
            continue
        if found or any(_overlap(u, goal) for u in users if _slot(u) == _slot(goal)):
            # The user's goal keeps its target; the file's other one is said so: never
            # two targets judged on one span (a raise whose old goal did not end here)
            tally.skip(DIFFERING, example=goal["metric"])
            continue
        # `goal add` refuses a twin on some of the same days: the card shows one line
        twin = next((w for g, w in added.get(_same_goal(goal), []) if _overlap(g, goal)), None)
        if twin is not None:
            refuse(tally, RecordError(item.where, already_there(goal, twin)))
            continue
        added.setdefault(_same_goal(goal), []).append((goal, item.where))
        rows.add_goal(goal)
        tally.added += 1
    return tally


def _replace_defaults(
    rows: MergeRows, read: list[tuple[Item, dict[str, Any] | RecordError]]
) -> str:
    """Delete the default goals unless the file has goals and none of them can be
    read (the user would be left with no goal for a file's mistakes); what was done,
    in words."""
    if read and all(isinstance(goal, RecordError) for _, goal in read):
        return "the default goals kept: none of the file's could be read"
    removed = rows.delete_goals()
    if not read:
        return f"the {removed} default goals removed: the file has none"
    return f"the {removed} default goals replaced by the file's"


def _end_taken(goal: dict[str, Any], users: list[dict[str, Any]], rows: MergeRows) -> bool:
    """Give the user's goal the file's end, when the file's is the same goal from the
    same day and only the file's has an end (a target raised there: `goal edit --from`
    ended it the day before the raise, which follows in the file); whether it did."""
    if goal["until"] is None:
        return False
    for user in users:
        if _same_goal(user) == _same_goal(goal) and user["since"] == goal["since"]:
            if user["until"] is not None:
                return False
            rows.end_goal(user["id"], goal["until"])
            user["until"] = goal["until"]  # the raise that follows is judged by it
            return True
    return False


def _slot(goal: dict[str, Any]) -> tuple[Any, ...]:
    """What a card shows one target of: the goals of a metric, comparator and period."""
    return goal["metric"], goal["comparator"], goal["period"]


def _same_goal(goal: dict[str, Any]) -> tuple[Any, ...]:
    """What two goals `goal add` calls the same share."""
    return tuple(goal[name] for name in SAME_GOAL_FIELDS)


def _overlap(one: dict[str, Any], other: dict[str, Any]) -> bool:
    """Whether two goals count on some of the same days (`until` None: no end)."""
    return (one["until"] is None or one["until"] >= other["since"]) and (
        other["until"] is None or other["until"] >= one["since"]
    )
