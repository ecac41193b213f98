"""The parser's building blocks: a command with its `--db`, and the option groups several
commands share (an interaction's fields, a contact's, a campaign's details, an output)."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TypeAlias, cast

from netrack.cli_output import print_output
from netrack.domain.errors import InputError, UsageError
from netrack.domain.models import (
    KIND_ALIASES,
    SIZE_BANDS,
    ContactChannel,
    Kind,
    SourceChannel,
    Stage,
    TimeCategory,
)
from netrack.domain.resolve import LARGEST_ID, id_number

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

Handler = Callable[[argparse.Namespace], "str | None"]


class Parser(argparse.ArgumentParser):
    """argparse that reports bad usage as one line and exit 2, never the usage dump."""

    # Help text built only when help is shown, above the epilog (`contact list`'s filter
    # grammar): its module stays out of the start of every other command.
    epilog_before: Callable[[], str] | None = None
    # The terminal's width while every parser is built (`building`), asked once.
    _width: int | None = None
    # The one command being built (`building(only=…)`); None: every command.
    _only: str | None = None

    @classmethod
    @contextmanager
    def building(cls, only: str | None = None) -> Iterator[None]:
        """While every command's parser is built, the two questions argparse asks each
        time it makes a parser or an option are answered once: the translation of its
        own words (gettext looks for catalogues with a few stat calls each time, ~200
        times; netrack speaks English, and Python ships argparse in English alone) and
        the terminal's width (each option makes a formatter only to check its metavar).
        About 6 of the ~10 ms of CPU building them took, on every command's start.

        `only`: the one command (`log`, `contact`, …) built, with every command line
        under it; the others are left out (`skips`). Building all ~70 parsers took ~8 of
        the ~65 ms `netrack log` spends beyond importing Peewee (issue 14's ≤ 2×)."""
        import shutil

        translate = argparse._  # type: ignore[attr-defined]
        argparse._ = str  # type: ignore[attr-defined]
        cls._width = shutil.get_terminal_size().columns - 2  # as argparse's formatter asks
        cls._only = only
        try:
            yield
        finally:
            argparse._ = translate  # type: ignore[attr-defined]
            cls._width = None
            cls._only = None

    @classmethod
    def skips(cls, sub: Commands, name: str) -> bool:
        """Whether `name`, one of `sub`'s commands, is left out of the parser being
        built: a top-level command other than the one asked for (`building(only=…)`)."""
        return cls._only is not None and sub.dest == "command" and name != cls._only

    def _get_formatter(self) -> argparse.HelpFormatter:
        if Parser._width is None:
            return super()._get_formatter()
        # netrack's formatters are argparse's HelpFormatter and its kinds: they take a width
        return self.formatter_class(prog=self.prog, width=Parser._width)  # type: ignore[call-arg]

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{self.prog}: {message} (see {self.prog} --help)")

    def _check_value(self, action: argparse.Action, value: Any) -> None:
        """A command not among this parser's: a group's command typed without its group
        named with it (`list`: did you mean contact list, …?), else the close ones
        (`contcat`: did you mean contact?), else argparse's list of them all."""
        if isinstance(action, argparse._SubParsersAction) and value not in action.choices:
            from netrack.cli_suggest import unknown_command  # a mistyped command only

            close = unknown_command(self.prog, value, action.choices, _groups_of(action))
            if close is not None:
                raise close
        super()._check_value(action, value)

    def format_help(self) -> str:
        if self.epilog_before is not None:
            self.epilog = "\n\n".join(filter(None, (self.epilog_before(), self.epilog)))
            self.epilog_before = None
        return super().format_help()

    def _print_message(self, message: str, file: SupportsWrite[str] | None = None) -> None:
        """`--help` and `--version` printed as any command's output is: argparse drops
        a write that fails, and a help on a full disk or a closed stdout exited 0
        (or went to stderr). A failure raises OutputNotWritten: exit 1, one line."""
        if file is not None and file is sys.stderr:
            super()._print_message(message, file)
        elif message:
            print_output(message.removesuffix("\n"))


Commands: TypeAlias = "argparse._SubParsersAction[Parser]"


def db_option(parser: argparse.ArgumentParser) -> None:
    # SUPPRESS: a subcommand's --db must not reset one given before the subcommand.
    parser.add_argument(
        "--db",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help="database file (default: $NETRACK_DB, else netrack.db in the user data dir)",
    )


def _groups_of(commands: Commands) -> dict[str, list[str]]:
    """Each command of a group (`add`, `list`, …) → the groups that have it, in the
    order `netrack --help` lists them."""
    found: dict[str, list[str]] = {}
    for group, parser in commands.choices.items():
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name in action.choices:
                    found.setdefault(name, []).append(group)
    return found


class Unbuilt:
    """What a command left out of the parser (`Parser.skips`) is built on: each call
    does nothing and gives it back, so the code that builds every command runs as it is
    written, whichever one is built."""

    def __getattr__(self, name: str) -> Callable[..., Unbuilt]:
        return self._nothing

    def _nothing(self, *args: object, **kwargs: object) -> Unbuilt:
        return self


def command(sub: Commands, name: str, func: Handler, help_: str, example: str) -> Parser:
    """A command of `sub`, with its help, one example and `--db` (accepted everywhere)."""
    if Parser.skips(sub, name):
        return cast(Parser, Unbuilt())
    parser = sub.add_parser(
        name,
        help=help_,
        description=help_,
        epilog=f"example:\n  {example}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.set_defaults(func=func)
    db_option(parser)
    return parser


class Lazy:
    """Handlers of a module that is imported only when one of them runs (`netrack log`
    never pays for the read or tidy commands' imports)."""

    def __init__(self, module: str) -> None:
        self.module = module

    def __call__(self, name: str) -> Handler:
        def handler(args: argparse.Namespace) -> str | None:
            func: Handler = getattr(importlib.import_module(self.module), name)
            return func(args)

        return handler


def output_options(parser: argparse.ArgumentParser, what: str, backup: bool = False) -> None:
    # A string, not a Path: Path("dir/") drops the slash that says "a folder".
    parser.add_argument("--out", metavar="PATH", help=what)
    parser.add_argument(
        "--force",
        action="store_true",
        # What it may replace, said as it is: a backup replaces an older one (and would
        # replace another database's file given as --out), an export never a database
        help="replace an existing file, such as an older backup (never the database, "
        "nor a file in its backups folder)"
        if backup
        else "replace an existing file (never a database, a backup or the backups folder)",
    )


def one_of(values: Iterable[str]) -> str:
    """The help of an option with a fixed set of values: a newcomer learned them only by
    a mistake."""
    return "one of: " + ", ".join(values)


KINDS_HELP = one_of([*Kind, *KIND_ALIASES]) + " (default: other)"
STAGES_HELP = one_of(Stage)
SOURCES_HELP = one_of(SourceChannel)
CATEGORIES_HELP = one_of(TimeCategory)
DATE_HELP = "YYYY-MM-DD, today, yesterday, -3d, fri, dec 5"


class AnyCase:
    """The type of an option with a fixed set of values, taken in any case (`--format
    JSON`). It checks the value itself: argparse's own check sees the value lowered, and
    echoed `--format JSON\x1b` as 'json\x1b', which is not what was typed."""

    def __init__(self, choices: Sequence[str]) -> None:
        self.choices = choices

    def __call__(self, value: str) -> str:
        if value.lower() in self.choices:
            return value.lower()
        listed = ", ".join(map(repr, self.choices))  # argparse's words: repr shows control bytes
        raise argparse.ArgumentTypeError(f"invalid choice: {value!r} (choose from {listed})")


def any_case(choices: Sequence[str]) -> dict[str, Any]:
    """`add_argument`'s type and choices (help and completion list them) for `choices`."""
    return {"type": AnyCase(choices), "choices": choices}


def format_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format", default="table", **any_case(["table", "json"]), help="table (default) or json"
    )


def interaction_options(parser: argparse.ArgumentParser, edit: bool = False) -> None:
    """An interaction's fields, as `log` and `interaction edit` take them."""
    parser.add_argument(
        "--with",
        dest="with_",
        action="append",
        metavar="NAME",
        help="who it was with: replaces them all (repeat it for each person)"
        if edit
        else "a contact it was with (repeat it for each person)",
    )
    kinds = KINDS_HELP.removesuffix(" (default: other)") if edit else KINDS_HELP
    parser.add_argument("--kind", metavar="K", help=kinds)
    parser.add_argument("--on", metavar="DATE", help=f"when it happened: {DATE_HELP}")
    parser.add_argument("--minutes", metavar="N", help="how long: 45, 45m, 1h30, 1.5h")
    parser.add_argument(
        "--campaign",
        metavar="C",
        help="a campaign, or none to clear it" if edit else "the campaign it was for",
    )
    parser.add_argument(
        "--meaningful",
        action="store_true",
        help="a real conversation: it counts toward meaningful contacts",
    )
    if edit:
        parser.add_argument(
            "--not-meaningful",
            action="store_true",
            help="not a meaningful conversation after all (a value received still makes it "
            'one: clear it with --value-received "")',
        )
    parser.add_argument(
        "--value-received", metavar="T", help="what you got out of it (counts it as meaningful)"
    )
    parser.add_argument("--value-given", metavar="T", help="what you gave")
    parser.add_argument("--cost", metavar="X", help="what it cost, like 12.50")
    parser.add_argument(
        "--follow-up",
        metavar="DATE",
        help="a date, or none to clear it"
        if edit
        else f"when to follow up: {DATE_HELP} (fri: the next one)",
    )
    parser.add_argument(
        "--note",
        metavar="T",
        help="what it was about" + (" (replaces the old note)" if edit else ""),
    )


CONTACT_FLAGS = (
    "org",
    "title",
    "function",
    "industry",
    "location",
    "size",
    "channel",
    "met",
    "email",
    "phone",
    "url",
    "note",
)


def contact_options(parser: argparse.ArgumentParser, edit: bool = False) -> None:
    """The options of `contact add`, which `contact edit` takes too."""
    helps = {
        "org": "the organization; id:N names one by its id"
        + (" (none: no organization)" if edit else ""),
        "title": "their job title",
        "function": "what they do, like engineering or recruiting",
        "industry": "their industry, when not their organization's",
        "location": "where they are, when not where their organization is",
        "size": "the organization's size band: "
        + one_of(SIZE_BANDS)
        + (' (none or "" clears it)' if edit else ' (none clears it; "" leaves it)'),
        "channel": "how you met: " + one_of(ContactChannel),
        "met": f"the day you met: {DATE_HELP}" + ("" if edit else " (default: today)"),
        "email": "their email address",
        "phone": "their phone number",
        "url": "a profile link, like their LinkedIn page",
        "note": "notes about them" + (" (replaces the old ones)" if edit else ""),
    }
    for flag in CONTACT_FLAGS:
        metavar = "DATE" if flag == "met" else None
        parser.add_argument(f"--{flag}", metavar=metavar, help=helps.get(flag))
    parser.add_argument("--strength", help="1 acquaintance … 5 trusted advocate")
    parser.add_argument(
        "--introduced-by",
        metavar="NAME",
        help="who introduced you" + (" (none: nobody)" if edit else ""),
    )
    parser.add_argument(
        "--tag", action="append", metavar="T", help="the tags (on edit: replace them all)"
    )
    parser.add_argument(
        "--every",
        metavar="DAYS",
        help="keep in touch every DAYS days" + (" (none: no cadence)" if edit else ""),
    )


def input_file(text: str) -> Path:
    """A file to read, or `-` for standard input. A file named `-` is given as `./-`,
    which `Path` alone makes `-`: standard input was read instead of it."""
    if text != "-" and Path(text) == Path("-"):
        return Path.cwd() / "-"
    return Path(text)


SIZE_HELP = "the size band: " + one_of(SIZE_BANDS) + ' (none or "": no band)'
PRIORITY_HELP = "1 (low) … 5 (high)"


def campaign_details(parser: argparse.ArgumentParser, edit: bool = False) -> None:
    """The details a job seeker compares, on `campaign add` and `campaign edit`."""
    parser.add_argument("--location", metavar="L", help="where the job is, or remote")
    parser.add_argument("--compensation", metavar="T", help='free text, e.g. "120-140k EUR"')
    parser.add_argument(
        "--deadline", metavar="DATE", help="apply by" + (" (none: no deadline)" if edit else "")
    )
    parser.add_argument("--documents", metavar="T", help="which résumé / cover letter was sent")


def record_id(text: str, what: str) -> int:
    """An id typed on the command line (`interaction edit ID`): ASCII digits, in range;
    `id:N` as well, as the commands taking a contact or campaign read it (a script
    passes the ids it read back one way)."""
    number = text.strip()
    if number[:3].lower() == "id:":
        number = number[3:].strip()
    digits = number.lstrip("+")
    if number.startswith("-") and number[1:].isdigit():
        raise InputError(f"{what} must be a positive number, not {text!r}")
    # ASCII digits only: int() also reads "٣" and "1_0"
    if not (digits.isascii() and digits.isdigit()):
        raise InputError(f"{what} must be a number (see its list command), not {text!r}")
    shown = text if len(text) <= 40 else f"{text[:40]}…"  # a pasted page: one line
    # Beyond it the engines refuse the number itself instead of finding nothing
    value = id_number(digits)
    if value is None:
        raise InputError(f"{what} must be from 1 to {LARGEST_ID}, not {shown!r}")
    if value < 1:  # ids start at 1: 0 is no record, as -1 is none
        raise InputError(f"{what} must be a positive number, not {shown!r}")
    return value


def refuse_no_change(args: argparse.Namespace, command: str, *options: str) -> None:
    """An edit given nothing to change says so, before the database is opened (it said
    "updated …" and wrote nothing)."""
    if all(getattr(args, option, None) in (None, False, []) for option in options):
        raise InputError(f"nothing to change: give what to change (see `netrack {command} --help`)")
