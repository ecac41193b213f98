"""What a typed option names (`option_named`), and what a mistyped command or option
was likely meant to be: "did you mean contact?".

argparse lists all 19 commands for `contcat`, says "unrecognized arguments" for
`--perod`, and took the path after `-db` for a command. Suggestions come from the
parser's own command and option names (difflib's close matches, loaded only for a
refused command line), in one line.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterable, Sequence

from netrack.domain.errors import UsageError

SHOWN = 3  # names a suggestion offers at most
# `-db`, `-format=json`: a long option's name after one dash (not `-h`, not `-3d`).
_ONE_DASH = re.compile(r"^-(?P<name>[A-Za-z][A-Za-z0-9-]+)(?:=.*)?$", re.DOTALL)


def close_to(word: str, names: Iterable[str]) -> list[str]:
    """The names close to `word` (difflib's close matches), closest first, at most SHOWN."""
    from difflib import get_close_matches  # only for a refused command line

    return get_close_matches(word, sorted(set(names)), n=SHOWN)


def unknown_command(prog: str, word: str, commands: Iterable[str]) -> UsageError | None:
    """The refusal of `word` where a command of `prog` was due, when one is close to it
    (`contcat` → contact, `contact ad` → add); None: argparse lists them all."""
    close = close_to(word, commands)
    if not close:
        return None
    return UsageError(f"{prog}: unknown command {word!r} (did you mean {' or '.join(close)}?)")


def unknown_option(command: str, options: Iterable[str], extra: Sequence[str]) -> str | None:
    """The refusal of the first word left over that looks like a long option and has a
    close one among the command's `options` (`--perod` → --period); None otherwise."""
    # Compared without their dashes, which every name shares: `--bogus` is not near
    # `--org` (0.67 with them, 0.5 without; the cut-off is 0.6).
    long = [name[2:] for name in options if name.startswith("--")]
    for word in extra:
        typed = word.split("=", 1)[0]
        if typed.startswith("--") and len(typed) > 2 and typed[2:] not in long:
            close = close_to(typed[2:], long)
            if close:
                spelled = " or ".join(f"--{name}" for name in close)
                return f"{command}: unknown option {typed} (did you mean {spelled}?)"
    return None


def option_named(options: dict[str, argparse.Action], name: str) -> argparse.Action | None:
    """The option `name` names, written whole or begun as argparse takes it (`--wi`)."""
    if name in options:
        return options[name]
    if not name.startswith("--"):
        return None
    begun = {id(a): a for n, a in options.items() if n.startswith(name)}
    return next(iter(begun.values())) if len(begun) == 1 else None


def refuse_one_dash(
    parser: argparse.ArgumentParser,
    command: str,
    options: dict[str, argparse.Action],
    tokens: Sequence[str],
) -> None:
    """Refuse `-db` (and `-format`, `-period` …): a long option written with one dash,
    which argparse took for something else (`-db n.db agenda`: "invalid choice: 'n.db'"
    named the path a command). `options`: the command's; netrack's own count too. An
    option's value is never one (`--note -db` is a note), nor a word after `--`."""
    known = {name: a for a in parser._actions for name in a.option_strings} | options
    value_next = False
    for token in tokens:
        if token == "--":
            return
        if value_next:
            value_next = False
            continue
        one_dash = _ONE_DASH.match(token)
        if one_dash is not None and f"--{one_dash['name']}" in known:
            name = token.split("=", 1)[0]
            raise UsageError(f"{command}: unknown option {name} (did you mean -{name}?)")
        action = option_named(known, token.split("=", 1)[0]) if token[:1] == "-" else None
        value_next = action is not None and action.nargs != 0 and "=" not in token
