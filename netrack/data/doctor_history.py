"""`doctor`'s look at stage histories, on a file and on a server alike.

- A stored change into the stage its campaign already was in, as an older `import json`
  stored when two copies held one move recorded on different days. No command writes
  one, and `import json` skips a campaign whose history holds one.
- A campaign with no stage change at all, its opening included, as an older
  `import json` stored one from `"history": []`. The scorecard never counted it, and
  `import json` (a server's `restore` too) refuses it: `--fix` records its opening.

Either way its export would not come back whole.

And strength histories: two changes of a contact's strength stored on one day, as no
command writes (a second change that day replaces the first). The scorecard and
`contact show` read the day's last; `import json` keeps only it, saying so. `--fix`
removes the earlier ones, after a copy of the database: what any card reads is unchanged.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from netrack.data import tables as t

SELF_CHANGES = (
    'SELECT campaign_id, count(*) FROM "stage_change" WHERE from_stage = to_stage '
    "GROUP BY campaign_id ORDER BY campaign_id"
)
WITHOUT_HISTORY = (
    'SELECT id FROM "campaign" AS c WHERE NOT EXISTS '
    '(SELECT 1 FROM "stage_change" AS s WHERE s.campaign_id = c.id) ORDER BY id'
)

# The entries followed by another of the same contact on the same day: read in (on, id)
# order, as every reader of the history reads it, the later one is the day's strength.
_OUTDONE = (
    'FROM "strength_change" AS s WHERE EXISTS (SELECT 1 FROM "strength_change" AS l '
    'WHERE l.contact_id = s.contact_id AND l."on" = s."on" AND l.id > s.id)'
)
SAME_DAY_STRENGTHS = (
    f"SELECT s.contact_id, count(*) {_OUTDONE} GROUP BY s.contact_id ORDER BY s.contact_id"
)
DROP_SAME_DAY_STRENGTHS = f'DELETE FROM "strength_change" WHERE id IN (SELECT s.id {_OUTDONE})'
SAME_DAY_MEND = "`netrack doctor --fix` removes the earlier ones"


def _ids(ids: Sequence[int]) -> str:
    return ", ".join(str(i) for i in ids[:5]) + (" …" if len(ids) > 5 else "")


def self_changes_problem(rows: Sequence[Sequence[int]]) -> str | None:
    """The problem line for `SELF_CHANGES`'s rows (campaign id, how many); None if none."""
    if not rows:
        return None
    count = sum(int(row[1]) for row in rows)
    changes = "1 stage change goes" if count == 1 else f"{count} stage changes go"
    which = "that campaign" if len(rows) == 1 else "those campaigns"
    return (
        f"{changes} into the stage the campaign already was in (campaign ids "
        f"{_ids([int(row[0]) for row in rows])}), which no command records; `import json` "
        f"would skip {which}: `netrack campaign undo` takes back a campaign's latest "
        "changes down to such a one, and `campaign move` records the later ones again"
    )


def same_day_strengths_problem(rows: Sequence[Sequence[int]], mend: str) -> str | None:
    """The problem line for `SAME_DAY_STRENGTHS`'s rows (contact id, how many), ending
    with `mend` (what to do); None if none."""
    if not rows:
        return None
    count, ids = _same_day(rows)
    changes = "1 strength change is" if count == 1 else f"{count} strength changes are"
    return (
        f"{changes} followed by another of the same contact on the same day (contact ids "
        f"{ids}), which no command records; the scorecard reads the day's last, and "
        f"`import json` keeps only that one: {mend}"
    )


def same_day_mended_line(rows: Sequence[Sequence[int]], copy: object) -> str:
    """What `DROP_SAME_DAY_STRENGTHS` did to `SAME_DAY_STRENGTHS`'s rows, in words."""
    count, ids = _same_day(rows)
    changes = "1 strength change" if count == 1 else f"{count} strength changes"
    return (
        f"removed {changes} followed by another the same day (contact ids {ids}); each "
        f"day keeps its last, the strength every card read (the database before: {copy})"
    )


def _same_day(rows: Sequence[Sequence[int]]) -> tuple[int, str]:
    """How many changes `SAME_DAY_STRENGTHS`'s rows count, and their contacts' ids."""
    return sum(int(row[1]) for row in rows), _ids([int(row[0]) for row in rows])


def without_history_problem(ids: Sequence[int], mend: str) -> str | None:
    """The problem line for `WITHOUT_HISTORY`'s campaign ids, ending with `mend` (what
    to do); None if none."""
    if not ids:
        return None
    which = "1 campaign has" if len(ids) == 1 else f"{len(ids)} campaigns have"
    them = "it" if len(ids) == 1 else "them"
    return (
        f"{which} no stage change, not even the opening `campaign add` records (campaign "
        f"ids {_ids(ids)}); the scorecard does not count {them} and `import json` would "
        f"skip {them}: {mend}"
    )


MEND_HINT = "`netrack doctor --fix` records each one's opening"
UPGRADE_HINT = (
    "`netrack doctor --fix` records each one's opening once a netrack command has upgraded "
    "the database"
)


def mended_line(ids: Sequence[int], copy: object) -> str:
    """What `record_openings` did, in words; `copy`: the database before."""
    one = len(ids) == 1
    which = "1 campaign" if one else f"{len(ids)} campaigns"
    into = "its stage" if one else "the stage each is in"
    return (
        f"recorded the opening of {which} that had no stage change (campaign ids "
        f"{_ids(ids)}), into {into}, on the day it opened; {'it' if one else 'each'} now "
        f"shows that day as the day it entered its stage (the database before: {copy})"
    )


def record_openings(db: Any) -> list[int]:
    """Record on `db`, inside the transaction its caller holds with the write lock, the
    opening `campaign add` would have for each campaign with no stage change (from no
    stage into its stored one, on its opened_on, with its loss reason if lost), its stage
    then chained from it as after any change; the campaigns' ids. For the current
    schema only (the models')."""
    from netrack.data.repo.campaigns import record_opening, resync_stage
    from netrack.domain.models import Stage

    with db.bind_ctx([t.Campaign, t.StageChange]):
        rows = list(
            t.Campaign.select(
                t.Campaign.id, t.Campaign.stage, t.Campaign.opened_on, t.Campaign.lost_reason
            )
            .where(t.Campaign.id.not_in(t.StageChange.select(t.StageChange.campaign)))
            .order_by(t.Campaign.id)
        )
        for row in rows:
            lost = row.stage == Stage.LOST.value
            record_opening(row.id, row.stage, row.opened_on, row.lost_reason if lost else "")
            resync_stage(row.id)
    return [int(row.id) for row in rows]
