"""Values an older netrack stored that its commands refuse now, and the edit that mends
each: said alike by `import json`, which keeps them, and by `doctor`, which names them.

A name that reads as an id ("id:Sense", taken by `--org` before `validate.name` refused
one) is harmless text, but cannot be typed as a name: the record is reached by `id:N`.
A web address holding a control character (an ESC, a bell) is shown made visible, but
opened or copied it is no address: `import json` leaves it out.
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


# The edit that clears a record's web address (`--url ""`), by table
_CLEAR_URL = {
    "contact": 'netrack contact edit id:N --url ""',
    "campaign": 'netrack campaign edit id:N --url ""',
}


def clearing_urls(tables: Iterable[str]) -> str:
    """What to do about web addresses holding a control character in records of
    `tables` (each a key of `_CLEAR_URL`): the edits, in one clause."""
    wanted = set(tables)
    edits = [_CLEAR_URL[table] for table in _CLEAR_URL if table in wanted]
    return (
        "`--url` refuses such an address and `import json` leaves it out: "
        f"`{'` or `'.join(edits)}` clears one (or `--url URL` gives the right address)"
    )
