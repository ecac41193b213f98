"""Values an older netrack stored that its commands refuse now, and the edit that mends
each: said alike by `import json`, which keeps them, and by `doctor`, which names them.

A name that reads as an id ("id:Sense", taken by `--org` before `validate.name` refused
one) is harmless text, but cannot be typed as a name: the record is reached by `id:N`.
"""

from __future__ import annotations

from collections.abc import Iterable

# The edit that gives a record of each table another name
_RENAME = {
    "organization": "netrack org edit id:N --name NAME",
    "contact": "netrack contact edit id:N --name NAME",
    "campaign": "netrack campaign edit id:N --title TITLE",
}


def renaming(tables: Iterable[str]) -> str:
    """What to do about names that read as an id in records of `tables` (each a key of
    `_RENAME`, in any order, repeated or not): the edits, in one clause."""
    wanted = set(tables)
    edits = [_RENAME[table] for table in _RENAME if table in wanted]
    return (
        f"such a name cannot be typed, only reached by its id: `{'` or `'.join(edits)}` renames one"
    )
