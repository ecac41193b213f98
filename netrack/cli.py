"""The command line: a thin front door over `netrack.data.repo`.

Kept light on purpose: `netrack log …` must start in a blink, so Textual is imported
only by the commands that open the TUI, and interop modules only by their commands.
Handlers live in `cli_commands` (`cli_launch` for the two that open the TUI), the parser
in `cli_parser`, the opening and closing of a command's database in `cli_session`; here:
errors → exit codes.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from netrack import startup
from netrack.cli_launch import AppCrashed, cmd_tui, has_terminal
from netrack.cli_output import error, json_for, print_output, silence_stdout, tolerant_streams
from netrack.cli_session import close_opened, db_path_of, missing_note, new_databases_to_remove
from netrack.data.errors import LOW_LEVEL_ERRORS
from netrack.domain.errors import (
    HungUp,
    InputError,
    NetrackError,
    OutputNotWritten,
    Terminated,
    Unmatched,
    UsageError,
)
from netrack.domain.visible import visible

if TYPE_CHECKING:
    import argparse

EXIT_OK, EXIT_FAIL, EXIT_INPUT = 0, 1, 2
# Ctrl-C or `kill`: every write is one transaction, rolled back, and every file written
# is placed whole or not at all, so the one under way left nothing behind.
STOPPED_UNSAVED = "{how}; the change under way was not saved"
STOPPED_UNCHANGED = "{how}; nothing was changed"


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
def _parser() -> argparse.ArgumentParser:
    """Every command's parser, built once a process: building it is most of an in-process
    command's time (~15 ms), and parsing leaves it as it was, so a program that runs
    several commands (the tests, a script importing netrack) builds it once."""
    from netrack.cli_parser import build_parser

    return build_parser()


def parse(tokens: Sequence[str]) -> argparse.Namespace:
    parser = _parser()
    command, options, takes_words = _command_of(parser, tokens)
    if any(token[:1] == "-" and token[1:2] not in ("-", "") for token in tokens):
        from netrack.cli_suggest import refuse_one_dash

        refuse_one_dash(parser, command, options, tokens)
    try:
        namespace, extra = parser.parse_known_args(tokens)
    except UsageError as problem:
        # argparse took a name or a value that starts with "-" for an option
        from netrack.cli_args import value_like_an_option

        raise UsageError(value_like_an_option(command, options, tokens, problem)) from None
    _refuse_dashes_and_repeats(command, options, tokens)
    if extra and takes_words:
        # `log "-@a"`: a word no option is named like, left over as an unknown option
        from netrack.cli_args import never_an_option, value_like_an_option

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


def run() -> int:
    """The `netrack` process (console script, `python -m netrack`): `main` on its command
    line, with the garbage collector kept off start-up's objects (see netrack.startup)."""
    try:
        with startup.loading():
            return main()
    except KeyboardInterrupt:  # while closing, after the command said what it did
        return 130


def stopped(how: str) -> str:
    """What a command stopped by a signal (`how`) tells: whether its change was saved.
    A commit that finished before the signal stands, whatever came after it; a command
    that began no change (a read, or a write not yet begun) changed nothing."""
    module = sys.modules.get("netrack.data.writes")  # not loaded: nothing was written
    writes = getattr(module, "Writes", None)
    # Removed already, or by `close_opened` once this is said: a database the command
    # made and never wrote in goes, its upgrade on opening (its creation) with it.
    gone = [*(writes.discarded if writes else ()), *map(str, new_databases_to_remove(True))]
    if gone and (writes is None or writes.committed <= (1 if writes.upgraded else 0)):
        return f"{how}; {', '.join(dict.fromkeys(gone))} was not created"
    if writes is None or not writes.begun:
        return STOPPED_UNCHANGED.format(how=how)
    if writes.all_saved():
        if writes.upgraded and writes.begun == 1:  # a read, or a write not yet begun
            return f"{how} after {writes.upgraded}"
        return f"{how} after the change was saved"
    if writes.begun == writes.files_begun:  # an export's or a backup's file alone
        return f"{how}; the file under way was not written (the database is as it was)"
    return STOPPED_UNSAVED.format(how=how)


def _saved_a_change() -> bool:
    module = sys.modules.get("netrack.data.writes")  # not loaded: nothing was written
    writes = getattr(module, "Writes", None)
    return bool(writes and writes.saved_a_change())


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command (`argv`, or the process's own); returns the exit status."""
    os.umask(0o077)  # everything netrack creates is the owner's alone
    tolerant_streams()
    code = EXIT_FAIL
    try:
        code = _run(argv)
        return code
    finally:
        if note := missing_note():  # the command did not fail on it: said on its own
            error(f"netrack: {note}")
        # Every command leaves one self-contained file: the last connection to close
        # folds the WAL into the database and removes it (SPEC, Data and safety).
        for unmerged in close_opened(failed=code != EXIT_OK):
            error(f"netrack: {unmerged}")


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


def _run(argv: Sequence[str] | None) -> int:
    tokens = glue_relative_dates(sys.argv[1:] if argv is None else argv)
    args: argparse.Namespace | None = None
    try:
        tokens = check_text_arguments(tokens)
        check_time_duration(tokens)
        # No hand-made fast path before argparse for a bare `netrack`: it saved ~8 ms of
        # the TUI's ~500 ms first paint (bench/tui_startup.py), within the targets' margin.
        args = parse(tokens)
        check_empty_dates(args)
        # `netrack </dev/null | cat`: a screen drawn into a pipe would never end.
        no_screen = args.func is cmd_tui and not has_terminal()
        output = help_text() if no_screen else args.func(args)
        if output:
            if getattr(args, "format", None) == "json" and sys.stdout is not None:
                output = json_for(output, sys.stdout)
            print_output(output)
    except OutputNotWritten as lost:
        # One status for output that did not get out whole, whatever the command: 1.
        silence_stdout()  # what is still buffered goes nowhere, not into an error at exit
        if _saved_a_change():
            # Exit 0: the change stands, and a script that retried a failure would log
            # the interaction a second time.
            error(f"netrack: saved, but its confirmation could not be printed: {lost.reason}")
            return EXIT_OK
        error(f"netrack: {lost}")
        return EXIT_FAIL
    except BrokenPipeError:
        # `netrack contact list | head`: the reader took what it wanted and left; quiet
        # and 0, as `ls | head` is in a shell. Never an export's: `write_whole` says a
        # cut-off export is not whole (OutputNotWritten, above).
        silence_stdout()
        return EXIT_OK
    except UsageError as problem:
        error(str(problem))
        return EXIT_INPUT
    except NetrackError as problem:  # InputError, StorageError: one line to act on
        # "no contact matches 'Ana'" on a --db file that is not there: one line says both
        # (and no way to add Ana there: the path is most likely mistyped).
        said = missing_note(str(problem))
        error(f"netrack: {with_remedy(problem) if said == str(problem) else said}")
        return EXIT_INPUT
    except AppCrashed:
        return EXIT_FAIL  # Textual has shown what happened
    except Terminated as stop:
        if not isinstance(stop, HungUp):
            error(f"netrack: {stopped('stopped')}")
        return stop.exit_code
    except KeyboardInterrupt:
        error(f"netrack: {stopped('interrupted')}")
        return 130
    except LOW_LEVEL_ERRORS as problem:
        # Damage found by a read outside a write transaction: same words, same hint.
        from netrack.data.db import describe
        from netrack.data.server import ServerAddress
        from netrack.data.server import describe as describe_server

        where = db_path_of(args) if args is not None else Path("the database")
        if isinstance(where, ServerAddress):
            error(f"netrack: {describe_server(problem, where)}")
        else:
            error(f"netrack: {describe(problem, where)}")
        return EXIT_INPUT
    except Exception as problem:  # a bug: one line for the user, the trace on request
        if os.environ.get("NETRACK_DEBUG"):
            raise
        damage = _values_behind(problem, args)
        if damage is not None:
            error(f"netrack: {damage}")
            return EXIT_INPUT
        error(f"netrack: internal error: {type(problem).__name__}: {problem}")
        return EXIT_FAIL
    return EXIT_OK


def with_remedy(problem: NetrackError) -> str:
    """`problem`'s line; for a name that matches no contact and none near it, how to add
    one (the TUI's quick-log bar says its own keys for it)."""
    if isinstance(problem, Unmatched) and problem.what == "contact" and not problem.near:
        return f"{problem} (to add them: netrack contact add NAME)"
    return str(problem)


def _values_behind(problem: Exception, args: argparse.Namespace | None) -> str | None:
    """The damage a command failed on, in one line, or None for a bug. A value of another
    type than its column's (bytes in a note, "45m" in minutes: another program's write)
    fails the code that reads it as a bug would; checking every value as it is read would
    cost every command, so the database is looked through only after such a failure."""
    if args is None or not isinstance(problem, (TypeError, ValueError, AttributeError)):
        return None
    where = db_path_of(args)
    if not isinstance(where, Path) or not where.is_file():
        return None
    from netrack.data.doctor_text import unreadable_line

    return unreadable_line(where)
