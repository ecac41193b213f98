"""`doctor`'s look at stage histories, on a file and on a server alike: a stored change
into the stage its campaign already was in, as an older `import json` stored when two
copies held one move recorded on different days. No command writes one, and
`import json` skips a campaign whose history holds one, so its export would not come
back whole."""

from __future__ import annotations

from collections.abc import Sequence

SELF_CHANGES = (
    'SELECT campaign_id, count(*) FROM "stage_change" WHERE from_stage = to_stage '
    "GROUP BY campaign_id ORDER BY campaign_id"
)


def self_changes_problem(rows: Sequence[Sequence[int]]) -> str | None:
    """The problem line for `SELF_CHANGES`'s rows (campaign id, how many); None if none."""
    if not rows:
        return None
    count = sum(int(row[1]) for row in rows)
    ids = ", ".join(str(row[0]) for row in rows[:5]) + (" …" if len(rows) > 5 else "")
    changes = "1 stage change goes" if count == 1 else f"{count} stage changes go"
    which = "that campaign" if len(rows) == 1 else "those campaigns"
    return (
        f"{changes} into the stage the campaign already was in (campaign ids {ids}), which "
        f"no command records; `import json` would skip {which}: `netrack campaign undo` "
        "takes back a campaign's latest changes down to such a one, and `campaign move` "
        "records the later ones again"
    )
