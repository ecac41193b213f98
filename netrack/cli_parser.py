"""The argument parser: every command, its options and an example in its help."""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

from netrack import __version__
from netrack.cli_commands import (
    cmd_campaign_add,
    cmd_campaign_move,
    cmd_contact_add,
    cmd_demo,
    cmd_doctor,
    cmd_followup_done,
    cmd_goal_add,
    cmd_interop,
    cmd_log,
    cmd_org_add,
    cmd_referral_add,
    cmd_scorecard,
    cmd_time_add,
    cmd_tui,
)
from netrack.cli_parser_edit import add_edit_commands, campaign_details, contact_options
from netrack.domain.errors import UsageError


class Parser(argparse.ArgumentParser):
    """argparse that reports bad usage as one line and exit 2, never the usage dump."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{self.prog}: {message} (see {self.prog} --help)")


EPILOG = """examples:
  netrack demo --db /tmp/demo.db
  netrack contact add "Ana López" --org Acme --channel event --strength 3
  netrack campaign add "Platform Engineer" --org Acme --source referral
  netrack log '#coffee @ana +acme 45m ! fu:fri talked about the platform team'
  netrack scorecard --week 2026-W47 --format markdown
"""


def _add(
    sub: argparse._SubParsersAction[Parser],
    name: str,
    func: Callable[[argparse.Namespace], str | None],
    help_: str,
    example: str,
) -> Parser:
    parser = sub.add_parser(
        name,
        help=help_,
        description=help_,
        epilog=f"example:\n  {example}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.set_defaults(func=func)
    return parser


def _db(parser: argparse.ArgumentParser) -> None:
    # SUPPRESS: a subcommand's --db must not reset one given before the subcommand.
    parser.add_argument(
        "--db",
        metavar="PATH",
        default=argparse.SUPPRESS,
        help="database file (default: $NETRACK_DB, else netrack.db in the user data dir)",
    )


def _out(parser: argparse.ArgumentParser, what: str) -> None:
    # A string, not a Path: Path("dir/") drops the slash that says "a folder".
    parser.add_argument("--out", metavar="PATH", help=what)
    parser.add_argument(
        "--force",
        action="store_true",
        help="replace an existing file (never the database or a backup)",
    )


def build_parser() -> Parser:
    """The parser of every command, a bare `netrack [--db PATH]` (the TUI) included."""
    common = Parser(add_help=False)
    _db(common)
    parser = Parser(
        prog="netrack",
        description="Run a job search or networking effort like a business.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"netrack {__version__}")
    parser.set_defaults(func=cmd_tui)
    sub = parser.add_subparsers(dest="command", parser_class=Parser, metavar="COMMAND")

    def group(name: str, help_: str) -> argparse._SubParsersAction[Parser]:
        p = sub.add_parser(name, help=help_, description=help_, parents=[common])
        p.set_defaults(func=lambda a, p=p: p.error(f"choose a {name} command"))
        return p.add_subparsers(dest=f"{name}_command", parser_class=Parser, metavar="COMMAND")

    p = _add(
        sub,
        "demo",
        cmd_demo,
        "fill a database with ~12 weeks of demo data, then open it",
        "netrack demo --db /tmp/demo.db",
    )
    _db(p)
    p.add_argument("--force", action="store_true", help="replace whatever the database holds")
    p.add_argument(
        "--no-tui",
        action="store_true",
        help="print this week's scorecard instead of opening the TUI",
    )

    contact = group("contact", "add and edit contacts")
    p = _add(
        contact,
        "add",
        cmd_contact_add,
        "add a contact",
        'netrack contact add "Ana López" --org Acme --channel event --strength 3',
    )
    _db(p)
    p.add_argument("name")
    contact_options(p)

    org = group("org", "add organizations")
    p = _add(
        org,
        "add",
        cmd_org_add,
        "add an organization",
        "netrack org add Acme --industry fintech --size 51-200",
    )
    _db(p)
    p.add_argument("name")
    for flag in ("industry", "size", "location"):
        p.add_argument(f"--{flag}")

    campaign = group("campaign", "add, edit and move campaigns")
    p = _add(
        campaign,
        "add",
        cmd_campaign_add,
        "open a campaign",
        'netrack campaign add "Platform Engineer" --org Acme --source referral --stage target',
    )
    _db(p)
    p.add_argument("title")
    p.add_argument("--org", required=True)
    p.add_argument("--source", metavar="CHANNEL")
    p.add_argument("--stage")
    p.add_argument("--on", metavar="DATE")
    p.add_argument("--priority", metavar="N")
    p.add_argument("--url")
    campaign_details(p)
    p = _add(
        campaign,
        "move",
        cmd_campaign_move,
        "move a campaign to another stage",
        'netrack campaign move acme interviewing --on yesterday --note "first round booked"',
    )
    _db(p)
    p.add_argument("campaign")
    p.add_argument("stage")
    p.add_argument("--on", metavar="DATE")
    p.add_argument("--note")
    p.add_argument(
        "--reason",
        metavar="REASON",
        help="for lost: rejected, withdrawn, hiring_freeze, no_response or other",
    )
    add_edit_commands(contact, campaign, sub, _add, _db)

    p = _add(
        sub,
        "log",
        cmd_log,
        "log an interaction (quick-log line or flags)",
        "netrack log '#coffee @\"Ana López\" +acme 45m ! fu:fri talked about the platform team'",
    )
    _db(p)
    p.add_argument("line", nargs="*", help="quick-log one-liner")
    p.add_argument("--with", dest="with_", action="append", metavar="NAME")
    p.add_argument("--kind", metavar="K")
    p.add_argument("--on", metavar="DATE")
    p.add_argument("--minutes", metavar="N")
    p.add_argument("--campaign", metavar="C")
    p.add_argument("--meaningful", action="store_true")
    p.add_argument("--value-received", metavar="T")
    p.add_argument("--value-given", metavar="T")
    p.add_argument("--cost", metavar="X")
    p.add_argument("--follow-up", metavar="DATE")
    p.add_argument("--note", metavar="T")

    followup = group("followup", "complete follow-ups")
    p = _add(
        followup,
        "done",
        cmd_followup_done,
        "mark every pending follow-up of a contact done",
        "netrack followup done ana --on today",
    )
    _db(p)
    p.add_argument("name")
    p.add_argument("--on", metavar="DATE")

    referral = group("referral", "record referrals")
    p = _add(
        referral,
        "add",
        cmd_referral_add,
        "record a referral in (to you) or out (by you)",
        "netrack referral add --from ana --direction in --campaign acme",
    )
    _db(p)
    p.add_argument("--from", dest="from_", required=True, metavar="NAME")
    p.add_argument("--direction", required=True, choices=["in", "out"])
    p.add_argument("--campaign", metavar="C")
    p.add_argument("--on", metavar="DATE")
    p.add_argument("--note", metavar="T")

    time_ = group("time", "record where the hours went")
    p = _add(
        time_,
        "add",
        cmd_time_add,
        "add a time entry",
        "netrack time add 1h30m --category search --on yesterday",
    )
    _db(p)
    p.add_argument("duration")
    p.add_argument("--category", required=True)
    p.add_argument("--on", metavar="DATE")
    p.add_argument("--campaign", metavar="C")
    p.add_argument("--note", metavar="T")

    goal = group("goal", "set goals")
    p = _add(
        goal,
        "add",
        cmd_goal_add,
        "add a goal on a scorecard metric",
        "netrack goal add referrals_in 2 --period month --note 'warm intros beat cold applications'",
    )
    _db(p)
    p.add_argument("metric")
    p.add_argument("target")
    p.add_argument("--period", default="week", choices=["week", "month", "quarter", "year"])
    p.add_argument("--at-most", action="store_true")
    p.add_argument("--since", metavar="DATE", help="the first day it counts (default: today)")
    p.add_argument("--note", metavar="T")

    p = _add(
        sub,
        "scorecard",
        cmd_scorecard,
        "the scorecard of a week, month, quarter or year",
        "netrack scorecard --week 2026-W47 --format markdown",
    )
    _db(p)
    p.add_argument("--period", default="week", choices=["week", "month", "quarter", "year"])
    p.add_argument("--week", metavar="2026-W47")
    p.add_argument("--on", metavar="DATE")
    p.add_argument("--format", default="table", choices=["table", "json", "markdown"])

    imp = group("import", "import contacts and data")
    for kind, what, example in (
        (
            "linkedin",
            "LinkedIn's Connections.csv, messages.csv, Invitations.csv or the export's .zip",
            "netrack import linkedin Basic_LinkedInDataExport.zip",
        ),
        ("vcard", "a vCard file", "netrack import vcard contacts.vcf"),
        ("json", "a netrack JSON export", "netrack import json netrack-export.json"),
        ("ics", "a calendar's past meetings with contacts", "netrack import ics calendar.ics"),
    ):
        p = _add(imp, kind, cmd_interop, f"import {what}", example)
        _db(p)
        p.add_argument("file", type=Path, help="the file, or - for standard input")
        if kind == "linkedin":
            p.add_argument(
                "--me",
                metavar="NAME",
                help="your name in messages.csv, when no message of yours is filed as sent",
            )
        p.set_defaults(interop=f"import_{kind}")
    p = _add(
        sub,
        "export",
        cmd_interop,
        "export json, csv (a folder), ics (pending follow-ups) or vcard",
        "netrack export csv --out ./netrack-csv",
    )
    _db(p)
    p.add_argument("format", choices=["json", "csv", "ics", "vcard"])
    _out(p, "a file, a folder (ending in /) for the default name; csv: a folder")
    p.set_defaults(interop="export")
    p = _add(
        sub,
        "backup",
        cmd_interop,
        "a consistent, verified copy of the database",
        "netrack backup --out ~/netrack-backup.db",
    )
    _db(p)
    _out(p, "a file, or a folder (ending in /) for the default name")
    p.set_defaults(interop="backup")
    p = _add(
        sub,
        "restore",
        cmd_interop,
        "verify FILE, back up the current database, then replace it",
        "netrack restore ~/netrack-backup.db",
    )
    _db(p)
    p.add_argument("file", type=Path)
    p.set_defaults(interop="restore")
    p = _add(
        sub,
        "doctor",
        cmd_doctor,
        "path, schema version, integrity, sizes, last backup, permissions",
        "netrack doctor --fix",
    )
    _db(p)
    p.add_argument("--fix", action="store_true", help="fix what is safe to fix (permissions)")
    interaction = group("interaction", "read interactions")
    _read_commands(sub, contact, campaign, interaction, followup, goal)
    _tidy_commands(contact, campaign, interaction, goal)
    p = _add(
        sub,
        "completion",
        _completion(parser),
        "print a shell completion script (bash, zsh or fish)",
        'eval "$(netrack completion bash)"   # in ~/.bashrc',
    )
    _db(p)  # accepted like everywhere, never opened: a TAB must not touch the database
    p.add_argument("shell", choices=["bash", "zsh", "fish"])
    return parser


def _completion(parser: Parser) -> Callable[[argparse.Namespace], str]:
    def print_script(args: argparse.Namespace) -> str:
        from netrack.completion import script

        return script(args.shell, parser)

    return print_script


class _Lazy:
    """Handlers of a module that is imported only when one of them runs."""

    def __init__(self, module: str) -> None:
        self.module = module

    def __call__(self, name: str) -> Callable[[argparse.Namespace], str | None]:
        def handler(args: argparse.Namespace) -> str | None:
            func: Callable[[argparse.Namespace], str | None] = getattr(
                importlib.import_module(self.module), name
            )
            return func(args)

        return handler


def _format(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--format", default="table", choices=["table", "json"], help="table (default) or json"
    )


def _read_commands(
    sub: argparse._SubParsersAction[Parser],
    contact: argparse._SubParsersAction[Parser],
    campaign: argparse._SubParsersAction[Parser],
    interaction: argparse._SubParsersAction[Parser],
    followup: argparse._SubParsersAction[Parser],
    goal: argparse._SubParsersAction[Parser],
) -> None:
    """The read side: list and show, follow-ups, the agenda (netrack.cli_read)."""
    read = _Lazy("netrack.cli_read")  # imported by the command that runs, not by `log`
    p = _add(
        contact,
        "list",
        read("cmd_contact_list"),
        "list contacts (not the archived ones, unless --archived)",
        "netrack contact list --filter acme --format json",
    )
    _db(p)
    p.add_argument("--filter", metavar="TEXT", help="name, organization, title, email or tag")
    p.add_argument("--archived", action="store_true", help="list the archived contacts")
    _format(p)
    p = _add(
        contact,
        "show",
        read("cmd_contact_show"),
        "a contact with campaigns, follow-ups, timeline and referrals",
        'netrack contact show "Ana López"',
    )
    _db(p)
    p.add_argument("name")
    _format(p)
    p = _add(
        campaign,
        "list",
        read("cmd_campaign_list"),
        "list active campaigns (closed ones with --closed)",
        "netrack campaign list --closed",
    )
    _db(p)
    p.add_argument("--closed", action="store_true", help="won, lost and paused campaigns")
    _format(p)
    p = _add(
        campaign,
        "show",
        read("cmd_campaign_show"),
        "a campaign with its contacts, stage history and interactions",
        "netrack campaign show acme",
    )
    _db(p)
    p.add_argument("campaign")
    _format(p)
    p = _add(
        interaction,
        "list",
        read("cmd_interaction_list"),
        "list interactions, newest first",
        "netrack interaction list --with ana --since -30d",
    )
    _db(p)
    p.add_argument("--with", dest="with_", metavar="NAME")
    p.add_argument("--campaign", metavar="C")
    p.add_argument("--since", metavar="DATE")
    _format(p)
    p = _add(
        followup,
        "list",
        read("cmd_followup_list"),
        "list pending follow-ups, earliest due first",
        "netrack followup list --overdue",
    )
    _db(p)
    p.add_argument("--overdue", action="store_true", help="only those due before today")
    _format(p)
    p = _add(
        sub,
        "agenda",
        read("cmd_agenda"),
        "today: follow-ups, going cold, stalled campaigns, logged today",
        "netrack agenda --format json",
    )
    _db(p)
    _format(p)
    p = _add(goal, "list", read("cmd_goal_list"), "list goals", "netrack goal list")
    _db(p)
    _format(p)


def _tidy_commands(
    contact: argparse._SubParsersAction[Parser],
    campaign: argparse._SubParsersAction[Parser],
    interaction: argparse._SubParsersAction[Parser],
    goal: argparse._SubParsersAction[Parser],
) -> None:
    """Keeping the data tidy: archive, delete, merge, link, edit (netrack.cli_tidy)."""
    tidy = _Lazy("netrack.cli_tidy")
    for name, help_, example in (
        ("archive", "hide a contact from lists and completion (history kept)", "ana"),
        ("unarchive", "bring an archived contact back", "ana"),
        ("delete", "delete a contact that has no history", '"Ana Lopez"'),
    ):
        p = _add(
            contact, name, tidy(f"cmd_contact_{name}"), help_, f"netrack contact {name} {example}"
        )
        _db(p)
        p.add_argument("name")
    p = _add(
        contact,
        "merge",
        tidy("cmd_contact_merge"),
        "move OTHER's history to KEEP, fill KEEP's blanks, remove OTHER (backed up first)",
        'netrack contact merge "Ana López" "Ana Lopez"',
    )
    _db(p)
    p.add_argument("keep")
    p.add_argument("other")

    p = _add(
        campaign,
        "link",
        tidy("cmd_campaign_link"),
        "link a contact to a campaign with a role",
        "netrack campaign link acme ana --role hiring_manager",
    )
    _db(p)
    p.add_argument("campaign")
    p.add_argument("name")
    p.add_argument(
        "--role",
        required=True,
        choices=["hiring_manager", "referrer", "recruiter", "interviewer", "insider"],
    )
    p = _add(
        campaign,
        "unlink",
        tidy("cmd_campaign_unlink"),
        "take a contact off a campaign",
        "netrack campaign unlink acme ana",
    )
    _db(p)
    p.add_argument("campaign")
    p.add_argument("name")
    p = _add(
        campaign,
        "delete",
        tidy("cmd_campaign_delete"),
        "delete a campaign with no history beyond its opening",
        "netrack campaign delete acme",
    )
    _db(p)
    p.add_argument("campaign")

    p = _add(
        interaction,
        "edit",
        tidy("cmd_interaction_edit"),
        "change an interaction (see interaction list for ids)",
        "netrack interaction edit 42 --minutes 1h --follow-up fri",
    )
    _db(p)
    p.add_argument("id")
    p.add_argument("--with", dest="with_", action="append", metavar="NAME")
    p.add_argument("--kind", metavar="K")
    p.add_argument("--on", metavar="DATE")
    p.add_argument("--minutes", metavar="N")
    p.add_argument("--campaign", metavar="C", help="a campaign, or none to clear it")
    p.add_argument("--meaningful", action="store_true")
    p.add_argument("--not-meaningful", action="store_true")
    p.add_argument("--value-received", metavar="T")
    p.add_argument("--value-given", metavar="T")
    p.add_argument("--cost", metavar="X")
    p.add_argument("--follow-up", metavar="DATE", help="a date, or none to clear it")
    p.add_argument("--note", metavar="T")
    p = _add(
        interaction,
        "delete",
        tidy("cmd_interaction_delete"),
        "delete an interaction",
        "netrack interaction delete 42",
    )
    _db(p)
    p.add_argument("id")

    p = _add(
        goal,
        "edit",
        tidy("cmd_goal_edit"),
        "change a goal's target or note (see goal list for ids)",
        "netrack goal edit 3 --target 3",
    )
    _db(p)
    p.add_argument("id")
    p.add_argument("--target", metavar="N")
    p.add_argument("--note", metavar="T")
    p = _add(goal, "delete", tidy("cmd_goal_delete"), "delete a goal", "netrack goal delete 3")
    _db(p)
    p.add_argument("id")
