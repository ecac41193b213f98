"""What a mistyped option was likely meant to be: "did you mean --db?".

argparse took the path after `-db` (a long option written with one dash) for a command.
Nothing here runs unless a command line has a word that starts with one dash.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence

from netrack.domain.errors import UsageError

# `-db`, `-format=json`: a long option's name after one dash (not `-h`, not `-3d`).
_ONE_DASH = re.compile(r"^-(?P<name>[A-Za-z][A-Za-z0-9-]+)(?:=.*)?$", re.DOTALL)


def refuse_one_dash(
    command: str,
    options: Collection[str],
    tokens: Sequence[str],
    takes_value: Callable[[str], bool],
) -> None:
    """Refuse `-db` (and `-format`, `-period` …): a long option written with one dash,
    which argparse took for something else (the path after `-db` for a command).
    `options`: the names of the command's options and netrack's own; `takes_value`:
    whether a token is an option whose value is the next word, which is never one
    (`--note -db` is a note)."""
    value_next = False
    for token in tokens:
        if token == "--":
            return
        if value_next:
            value_next = False
            continue
        one_dash = _ONE_DASH.match(token)
        if one_dash is not None and f"--{one_dash['name']}" in options:
            name = token.split("=", 1)[0]
            raise UsageError(f"{command}: unknown option {name} (did you mean -{name}?)")
        value_next = takes_value(token)
