"""The command line's tokens read into a command's arguments: relative dates glued to
their option, arguments that are not UTF-8 text read again or refused, the parser built
once a process, and what argparse would take wrongly or say unclearly (an option with a
word processor's dash or given twice, an empty date, a negative duration, words left
over) refused in one line. `netrack.cli` runs the command and turns errors into exit
codes.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Sequence
from typing import TYPE_CHECKING, cast

from netrack.domain.errors import InputError, UsageError
from netrack.domain.visible import visible

if TYPE_CHECKING:
    import argparse


DATE_OPTIONS = frozenset(
    {
        "--on",
        "--met",
        "--follow-up",
        "--since",
        "--until",
        "--met-since",
        "--met-until",
        "--deadline",
    }
)


def glue_relative_dates(argv: Sequence[str]) -> list[str]:
    """`--on -3d` would read as an option to argparse: pass it as `--on=-3d`."""
    out: list[str] = []
    for token in argv:
        if out and out[-1] in DATE_OPTIONS and token.startswith("-") and len(token) > 1:
            out[-1] = f"{out[-1]}={token}"
        else:
            out.append(token)
    return out


@functools.cache
def _parser(only: str | None = None) -> argparse.ArgumentParser:
    """Every command's parser (`only`: one command's, `Parser.building`), built once a
    process: building them is most of an in-process command's time (~10 ms), and
    parsing leaves a parser as it was, so a program that runs several commands (the
    tests, a script importing netrack) builds each once."""
    from netrack.cli_args import Parser
    from netrack.cli_parser import build_parser

    with Parser.building(only):
        return build_parser()


def _parser_for(tokens: Sequence[str]) -> argparse.ArgumentParser:
    """The parser that reads `tokens` as every command's parser would: the command's
    alone when they start with one, or with `--db PATH` and then one (`netrack log …`,
    `netrack --db x.db log …`), since argparse then hands the rest to that command's
    parser; every command's for anything else (another option first, a mistyped
    command: its refusal names the others)."""
    word = _first_command_word(tokens)
    if word is not None:
        import argparse  # loaded by the parser's module already

        one = _parser(word)
        commands = next(a for a in one._actions if isinstance(a, argparse._SubParsersAction))
        if word in commands.choices:
            return one
    return _parser()


def _first_command_word(tokens: Sequence[str]) -> str | None:
    """The word where a command would stand: the first, or the one after a leading
    `--db PATH` / `--db=PATH` (a path the parser takes as one: not empty, no leading
    "-"); None when an option or anything else comes first."""
    rest = list(tokens[:3])
    if rest[:1] == ["--db"] and len(rest) > 1 and rest[1] and not rest[1].startswith("-"):
        rest = rest[2:]
    elif rest and rest[0].startswith("--db=") and rest[0] != "--db=":
        rest = rest[1:]
    return rest[0] if rest and rest[0] and not rest[0].startswith("-") else None


def parse(tokens: Sequence[str]) -> argparse.Namespace:
    bare = _bare_tui(tokens)
    if bare is not None:
        return bare
    parser = _parser_for(tokens)
    command, options, takes_words = _command_of(parser, tokens)
    if any(token[:1] == "-" and token[1:2] not in ("-", "") for token in tokens):
        from netrack.cli_suggest import refuse_one_dash

        refuse_one_dash(parser, command, options, tokens)
    try:
        namespace, extra = parser.parse_known_args(tokens)
    except UsageError as problem:
        # argparse took a name or a value that starts with "-" for an option
        from netrack.cli_suggest import value_like_an_option

        raise UsageError(value_like_an_option(command, options, tokens, problem)) from None
    _refuse_dashes_and_repeats(command, options, tokens)
    if extra and takes_words:
        # `log "-@a"`: a word no option is named like, left over as an unknown option
        from netrack.cli_suggest import never_an_option, value_like_an_option

        if any(word.startswith("-") and never_an_option(word) for word in extra):
            left = UsageError(f"{command}: unrecognized arguments: {' '.join(extra)}")
            raise UsageError(value_like_an_option(command, options, tokens, left))
    if extra and "--" not in tokens and any(word.startswith("--") for word in extra):
        from netrack.cli_suggest import unknown_option

        close = unknown_option(command, options, extra)  # `--perod`: did you mean --period?
        if close is not None:
            raise UsageError(close)
    if extra:  # words left over: most often a name or a note with spaces, unquoted
        quote = (
            ""
            if any(word.startswith("-") for word in extra)  # an unknown option
            else 'a name, title or note with spaces goes in quotes, like "Mei Chen"; '
        )
        raise UsageError(
            f"{command}: unrecognized arguments: {' '.join(extra)} ({quote}see {command} --help)"
        )
    return namespace


def _bare_tui(tokens: Sequence[str]) -> argparse.Namespace | None:
    """The arguments of a bare `netrack` or `netrack --db PATH` (the TUI), as the parser
    would give them, read without building it; None for any other command line. Building
    every command's parser, and loading the modules it names, is ~6 ms of the TUI's first
    paint, which issue 4 holds to 1.3× a one-Static app's (bench/tui_startup.py);
    tests/cli/test_parser_building.py holds these to the parser's own answers."""
    if len(tokens) == 2 and tokens[0] == "--db":
        path: str | None = tokens[1]
    elif len(tokens) == 1 and tokens[0].startswith("--db="):
        path = tokens[0].removeprefix("--db=")
    elif not tokens:
        path = None
    else:
        return None
    if path is not None and (not path or path.startswith("-")):
        return None  # refused, or read otherwise, by the parser
    from types import SimpleNamespace

    from netrack.cli_launch import cmd_tui

    given = {} if path is None else {"db": path}  # absent unless given, as `--db` is
    # The parser's attributes on a plain namespace: argparse itself is not loaded (~1 ms).
    return cast("argparse.Namespace", SimpleNamespace(command=None, func=cmd_tui, **given))


# Typed or pasted for "--": an editor's em or en dash, or a minus sign.
_DASHES = ("\u2014", "\u2013", "\u2212")


def _refuse_dashes_and_repeats(
    command: str, options: dict[str, argparse.Action], tokens: Sequence[str]
) -> None:
    """`—org` for `--org` (a word processor's dash) named no option: a leftover word,
    or the first word of a log line ("at least one @contact is needed"). An option given
    twice kept its last value unsaid (`interaction list --with ana --with raj` listed
    Raj's alone): refused, but where it gathers (`--with` on a log) and for `--db`."""
    import argparse  # loaded with the parser already: not at start-up

    from netrack.cli_suggest import option_named

    seen: set[str] = set()
    value_next = False  # the token is an option's value ("--note '—with love'")
    for token in tokens:
        if token == "--":
            break
        if value_next:
            value_next = False
            continue
        word = token.lstrip("".join(_DASHES))
        if word != token and f"--{word.split('=')[0]}" in options:
            raise UsageError(
                f"{command}: {token} is written with a dash: options start with two "
                f"hyphens, like --{word.split('=')[0]}"
            )
        action = option_named(options, token.split("=", 1)[0]) if token.startswith("-") else None
        if action is None:
            continue
        value_next = (
            action.nargs is None
            and "=" not in token
            and bool(getattr(action, "option_strings", None))
            and not isinstance(action, argparse._StoreConstAction | argparse._HelpAction)
        )
        if action.dest == "db":
            continue
        if isinstance(action, argparse._StoreAction) and action.nargs is None:
            if action.dest in seen:
                raise UsageError(
                    f"{command}: {action.option_strings[-1]} is given twice: give it once"
                )
            seen.add(action.dest)


def _command_of(
    parser: argparse.ArgumentParser, tokens: Sequence[str]
) -> tuple[str, dict[str, argparse.Action], bool]:
    """ "netrack contact add": the command the tokens name, as far as they name one; its
    options by their names; whether it takes words of its own (a name, a log line)."""
    import argparse  # loaded with the parser already: not at start-up

    words = [parser.prog]
    value_next = False
    for token in tokens:
        if value_next or token.startswith("-"):  # an option before the command: --db PATH
            value_next = token == "--db"
            continue
        choices = next(
            (a.choices for a in parser._actions if isinstance(a, argparse._SubParsersAction)),
            None,
        )
        if not choices or token not in choices:
            break
        parser = choices[token]
        words.append(token)
    options = {name: a for a in parser._actions for name in a.option_strings}
    takes_words = any(
        not a.option_strings and not isinstance(a, argparse._SubParsersAction)
        for a in parser._actions
    )
    return " ".join(words), options, takes_words


def help_text() -> str:
    return _parser().format_help()


# Options whose value is a path: a file name may hold bytes that are not UTF-8.
PATH_OPTIONS = frozenset({"--db", "--out"})


def check_time_duration(tokens: Sequence[str]) -> None:
    """`time add -1h` would read as an unknown option to argparse ("the following
    arguments are required: duration"): say what is wrong with the duration instead."""
    for index in range(len(tokens) - 2):
        if list(tokens[index : index + 2]) == ["time", "add"]:
            value = tokens[index + 2]
            if value[:1] == "-":
                from netrack.domain.parsing import is_duration

                if is_duration(value[1:]):
                    raise InputError(f"'{value}' is not a duration: time spent is never negative")
            return


def check_empty_dates(args: argparse.Namespace) -> None:
    """`--on ''` (a script's empty "$DAY") was taken as no date at all: the entry was
    written dated today, the card shown for this week. A date option is given a date;
    but `interaction edit --follow-up ''` clears the follow-up, as `none` does. Read on
    the parsed arguments: an abbreviation (`--follow ''`) is caught by its full name."""
    for option in sorted({*DATE_OPTIONS, "--week", "--month"}):
        name = option[2:].replace("-", "_")
        value = getattr(args, name, None)
        if not isinstance(value, str) or value.strip():
            continue
        edit = (getattr(args, "command", None), getattr(args, "interaction_command", None))
        if name == "follow_up" and edit == ("interaction", "edit"):
            continue
        wanted = {"week": "a week like 2026-W47", "month": "a month like 2026-11"}.get(
            name, "a date"
        )
        raise InputError(f"{option} is empty: give {wanted}")


def check_text_arguments(tokens: Sequence[str]) -> list[str]:
    """The arguments as text. Under an ASCII locale (`LC_ALL=C`) Python hands a UTF-8
    argument's bytes over as lone surrogates ('Öscar' as '\\udcc3\\udc96scar'): those
    bytes are read again as UTF-8. One that is not UTF-8 text is refused, as no name,
    note or date can hold it, except a path: a file may be named so. A positional path
    (an import's FILE) is checked by reading the file."""
    text = list(tokens)
    for index, token in enumerate(tokens):
        option, equals, _ = token.partition("=")
        if (equals and option in PATH_OPTIONS) or (index and tokens[index - 1] in PATH_OPTIONS):
            continue
        if not _has_surrogate(token) or _is_file_argument(tokens, index):
            continue
        try:
            text[index] = os.fsencode(token).decode("utf-8")
        except UnicodeDecodeError:
            raise InputError(f"argument '{visible(token)}' is not valid UTF-8 text") from None
    return text


def _is_file_argument(tokens: Sequence[str], index: int) -> bool:
    """`import KIND FILE`, `restore FILE`."""
    first = {"import": 2, "restore": 1}.get(tokens[0], len(tokens))
    return index >= first and not tokens[index].startswith("-")


def _has_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False
