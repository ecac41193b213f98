"""The argument parser: every command, its options and an example in its help."""

from __future__ import annotations

import argparse
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
    """The parser of every command (a bare `netrack` skips it: see `cli.bare_tui`)."""
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

    contact = group("contact", "add contacts")
    p = _add(
        contact,
        "add",
        cmd_contact_add,
        "add a contact",
        'netrack contact add "Ana López" --org Acme --channel event --strength 3',
    )
    _db(p)
    p.add_argument("name")
    for flag in (
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
    ):
        p.add_argument(f"--{flag}")
    p.add_argument("--strength", help="1 acquaintance … 5 trusted advocate")
    p.add_argument("--introduced-by", metavar="NAME")
    p.add_argument("--tag", action="append", metavar="T")

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

    campaign = group("campaign", "add and move campaigns")
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
    p.add_argument("--period", default="week", choices=["week", "month"])
    p.add_argument("--at-most", action="store_true")
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
    for kind, example in (
        ("linkedin", "netrack import linkedin Connections.csv"),
        ("vcard", "netrack import vcard contacts.vcf"),
        ("json", "netrack import json netrack-export.json"),
    ):
        p = _add(imp, kind, cmd_interop, f"import a {kind} file", example)
        _db(p)
        p.add_argument("file", type=Path)
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
    return parser
