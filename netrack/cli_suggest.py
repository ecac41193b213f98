"""What a typed option names (`option_named`), what a mistyped command or option was
likely meant to be: "did you mean contact?", and how to give a value that argparse took
for an option (`value_like_an_option`).

argparse lists all 19 commands for `contcat`, says "unrecognized arguments" for
`--perod`, and took the path after `-db` for a command. Suggestions come from the
parser's own command and option names (difflib's close matches, loaded only for a
refused command line), in one line.
"""

from __future__ import annotations

import argparse
import re
import shlex
from collections.abc import Iterable, Sequence

from netrack.domain.errors import UsageError

SHOWN = 3  # names a suggestion offers at most
# `-db`, `-format=json`: a long option's name after one dash (not `-h`, not `-3d`).
_ONE_DASH = re.compile(r"^-(?P<name>[A-Za-z][A-Za-z0-9-]+)(?:=.*)?$", re.DOTALL)


def close_to(word: str, names: Iterable[str]) -> list[str]:
    """The names close to `word` (difflib's close matches), closest first, at most SHOWN."""
    from difflib import get_close_matches  # only for a refused command line

    return get_close_matches(word, sorted(set(names)), n=SHOWN)


def unknown_command(
    prog: str, word: str, commands: Iterable[str], groups: dict[str, list[str]] | None = None
) -> UsageError | None:
    """The refusal of `word` where a command of `prog` was due: a command of groups
    typed without one (`netrack list` → contact list, org list, …: `groups` maps each
    to its groups), else the commands close to it (`contcat` → contact, `contact ad` →
    add); None: argparse lists them all."""
    meant = [f"{group} {word}" for group in (groups or {}).get(word, [])]
    if not meant:
        meant = close_to(word, commands)
    if not meant:
        return None
    said = " or ".join(meant) if len(meant) <= 2 else f"{', '.join(meant[:-1])} or {meant[-1]}"
    return UsageError(f"{prog}: unknown command {word!r} (did you mean {said}?)")


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


def _looks_like_an_option(token: str) -> bool:
    """What argparse takes for an option: a word that starts with "-", but "-" itself,
    a negative number or a word with a space."""
    return (
        token.startswith("-")
        and token != "-"
        and " " not in token
        and re.fullmatch(r"-\d+|-\d*\.\d+", token) is None
    )


def _taken_for_an_option(token: str, options: dict[str, argparse.Action]) -> bool:
    """`_looks_like_an_option`, or a word with a space that argparse reads as a short
    option given a value all the same: `-hi @a` is `-h` given "i @a"."""
    short = token[:2]
    return _looks_like_an_option(token) or (
        short[1:] != "-" and len(token) > 2 and short in options
    )


def never_an_option(word: str) -> bool:
    """A word no option is named like (`-@a`, `-5x`): after its dashes, no letter. Left
    over, it is a value typed where argparse takes options, never a mistyped option."""
    return re.match(r"-+[^\W\d_]", word) is None


def _is_help(action: argparse.Action | None) -> bool:
    return isinstance(action, argparse._HelpAction)


def value_like_an_option(
    command: str, options: dict[str, argparse.Action], tokens: Sequence[str], problem: UsageError
) -> str:
    """What to say of argparse's refusal `problem`: a name or an option's value that starts
    with "-" (`contact show -dash`, `--title -2+3`, `-hannah`, `--note -h`, `log -@a`) is
    taken for an option, and argparse said the name is missing, or the value, or that
    `-h` was given one, or that the word is none of its options, though both were typed.
    Then: that it looks like an option, and how to give it; else argparse's own words.
    A bare `-h` where no value is due is help, and argparse shows it before this."""
    said = str(problem)
    if "--" in tokens:  # what follows it is positional already
        return said
    command_words = command.split()[1:]
    before: list[str] = []  # the options, with their values
    positionals: list[str] = []
    stray = ""  # the first word that looks like an option and is none
    pending = ""  # an option whose value is the next word
    value_missing = "expected one argument" in said
    name_missing = any(
        words in said
        for words in ("arguments are required", "ignored explicit argument", "unrecognized")
    )

    def is_value(token: str) -> bool:
        """`token` is an option's value argparse refused: none of the options, or help."""
        action = option_named(options, token.split("=", 1)[0])
        return _taken_for_an_option(token, options) and (action is None or _is_help(action))

    for token in tokens:
        if pending:
            if value_missing and is_value(token):
                return f"{command}: '{token}' looks like an option: give it as {pending}={token}"
            before.append(token)
            pending = ""
            continue
        action = option_named(options, token.split("=", 1)[0])
        if action is not None:
            before.append(token)
            pending = token if action.nargs != 0 and "=" not in token else ""
        elif command_words and token == command_words[0] and not positionals:
            command_words.pop(0)
        else:
            stray = stray or (token if _taken_for_an_option(token, options) else "")
            positionals.append(token)
    if not stray or not name_missing:
        return said
    way = shlex.join([*command.split(), *before, "--", *positionals])
    return (
        f"{command}: '{stray}' looks like an option but is none: a name or value that starts "
        f"with - goes after --, the options before it ({way})"
    )
