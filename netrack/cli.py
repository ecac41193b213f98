"""The command line: a thin front door over `netrack.data.repo`.

Kept light on purpose: `netrack log …` must start in a blink, so Textual is imported
only by the commands that open the TUI, and interop modules only by their commands.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from peewee import PeeweeException

from netrack import __version__
from netrack.domain.errors import InputError, NetrackError, StorageError
from netrack.domain.parsing import parse_date, parse_duration

if TYPE_CHECKING:
    from netrack.data.repo import Repo

EXIT_OK, EXIT_FAIL, EXIT_INPUT = 0, 1, 2


class UsageError(Exception):
    pass


class Parser(argparse.ArgumentParser):
    """argparse that reports bad usage as one line and exit 2, never the usage dump."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{self.prog}: {message} (see {self.prog} --help)")


def _today() -> date:
    # NETRACK_TODAY freezes "today" for demos and tests of the real process.
    frozen = os.environ.get("NETRACK_TODAY")
    return date.fromisoformat(frozen) if frozen else date.today()


def _past(text: str | None) -> date | None:
    return parse_date(text, _today(), "past") if text else None


def _future(text: str | None) -> date | None:
    return parse_date(text, _today(), "future") if text else None


def _db_path(args: argparse.Namespace) -> Path:
    from netrack.locations import default_db_path

    given = getattr(args, "db", None)  # absent when no --db was given anywhere
    return Path(given).expanduser() if given else default_db_path()


def _open(args: argparse.Namespace) -> Repo:
    from netrack.data.repo import Repo

    return Repo.open(_db_path(args), clock=_today)


# --- commands ------------------------------------------------------------------------


def cmd_contact_add(args: argparse.Namespace) -> str:
    repo = _open(args)
    contact = repo.add_contact(
        args.name,
        organization=args.org,
        size_band=args.size,
        channel=args.channel,
        met_on=_past(args.met),
        strength=args.strength,
        introduced_by=args.introduced_by,
        tags=args.tag or [],
        title=args.title,
        function=args.function,
        industry=args.industry,
        location=args.location,
        email=args.email,
        phone=args.phone,
        url=args.url,
        notes=args.note,
    )
    at = f" ({contact.organization})" if contact.organization else ""
    return f"added contact {contact.name}{at}"


def cmd_org_add(args: argparse.Namespace) -> str:
    org = _open(args).add_organization(
        args.name,
        industry=args.industry or "",
        size_band=args.size or "",
        location=args.location or "",
    )
    return f"added organization {org.name}"


def cmd_campaign_add(args: argparse.Namespace) -> str:
    campaign = _open(args).add_campaign(
        args.title,
        args.org,
        source=args.source,
        stage=args.stage,
        opened_on=_past(args.on),
        priority=args.priority,
        url=args.url or "",
    )
    return f"added campaign {campaign.display_name} [{campaign.stage.value}]"


def cmd_campaign_move(args: argparse.Namespace) -> str:
    repo = _open(args)
    before = repo.get_campaign(repo.resolve_campaign(args.campaign))
    after = repo.move_campaign(before.id, args.stage, on=_past(args.on), note=args.note or "")
    return f"moved {after.display_name}: {before.stage.value} → {after.stage.value}"


def cmd_log(args: argparse.Namespace) -> str:
    repo = _open(args)
    if args.line and args.with_:
        raise InputError("give either a quick-log line or --with, not both")
    if args.line:
        entry = repo.log_line(" ".join(args.line))
    elif args.with_:
        entry = repo.log_interaction(
            [repo.resolve_contact(name) for name in args.with_],
            on=_past(args.on),
            kind=args.kind or "other",
            minutes=parse_duration(args.minutes) if args.minutes else 0,
            campaign_id=repo.resolve_campaign(args.campaign) if args.campaign else None,
            meaningful=args.meaningful,
            value_received=args.value_received or "",
            value_given=args.value_given or "",
            cost=_money(args.cost),
            follow_up_on=_future(args.follow_up),
            note=args.note or "",
        )
    else:
        raise InputError('nothing to log: give a line like "@ana #coffee 45m" or --with NAME')
    return "logged " + describe_interaction(entry)


def _money(text: str | None) -> float:
    from netrack.domain.parsing import parse_money

    return parse_money(text) if text else 0.0


def describe_interaction(entry: object) -> str:
    from netrack.domain.models import Interaction

    assert isinstance(entry, Interaction)
    parts = [entry.kind.value, "with " + ", ".join(entry.contact_names), entry.on.isoformat()]
    if entry.minutes:
        parts.append(f"{entry.minutes}m")
    if entry.campaign_name:
        parts.append(f"for {entry.campaign_name}")
    if entry.meaningful:
        parts.append("meaningful")
    if entry.follow_up_on:
        parts.append(f"follow up {entry.follow_up_on.isoformat()}")
    return " · ".join(parts)


def cmd_followup_done(args: argparse.Namespace) -> str:
    repo = _open(args)
    contact_id = repo.resolve_contact(args.name)
    count = repo.mark_contact_follow_ups_done(contact_id, on=_past(args.on))
    name = repo.get_contact(contact_id).name
    return f"marked {count} follow-up{'s' if count != 1 else ''} with {name} done"


def cmd_referral_add(args: argparse.Namespace) -> str:
    repo = _open(args)
    referral = repo.add_referral(
        repo.resolve_contact(args.from_),
        args.direction,
        on=_past(args.on),
        campaign_id=repo.resolve_campaign(args.campaign) if args.campaign else None,
        note=args.note or "",
    )
    way = "from" if referral.direction.value == "in" else "to"
    return f"added referral {referral.direction.value} ({way} {referral.contact_name})"


def cmd_time_add(args: argparse.Namespace) -> str:
    repo = _open(args)
    minutes = parse_duration(args.duration)
    entry = repo.add_time(
        minutes,
        args.category,
        on=_past(args.on),
        campaign_id=repo.resolve_campaign(args.campaign) if args.campaign else None,
        note=args.note or "",
    )
    return f"added {entry.minutes}m of {entry.category.value} on {entry.on.isoformat()}"


def cmd_goal_add(args: argparse.Namespace) -> str:
    goal = _open(args).add_goal(
        args.metric,
        args.target,
        comparator="at_most" if args.at_most else "at_least",
        period=args.period,
        note=args.note or "",
    )
    sign = "≤" if goal.comparator.value == "at_most" else "≥"
    return f"added goal {goal.metric} {sign} {goal.target:g} a {goal.period.value}"


def cmd_scorecard(args: argparse.Namespace) -> str:
    from netrack import present
    from netrack.domain.weeks import parse_week

    repo = _open(args)
    week_start = repo.settings().week_start
    if args.week and args.on:
        raise InputError("give --week or --on, not both")
    if args.week:
        period = parse_week(args.week, week_start)
    else:
        period = repo.week(_past(args.on) if args.on else None)
    card = repo.scorecard(period)
    return present.render(card, args.format)


def cmd_demo(args: argparse.Namespace) -> str | None:
    from netrack.demo import fill_demo

    path = _db_path(args)
    repo = _open(args)
    if not repo.is_empty() and not args.force:
        raise InputError(f"{path} already holds data; use --force to replace it with demo data")
    summary = fill_demo(repo, _today(), replace=args.force)
    print(summary, file=sys.stderr)
    if args.no_tui or os.environ.get("CI") or not sys.stdin.isatty():
        return cmd_scorecard(
            argparse.Namespace(**{**vars(args), "week": None, "on": None, "format": "table"})
        )
    _run_tui(path)
    return None


def _run_tui(path: Path) -> None:
    from netrack.app import run

    run(path, clock=_today if os.environ.get("NETRACK_TODAY") else None)
    return None


def cmd_tui(args: argparse.Namespace) -> None:
    path = _db_path(args)
    _open(args).close()  # migrate and check the file before the screen takes over
    _run_tui(path)


def cmd_interop(args: argparse.Namespace) -> str:
    from netrack.interop import commands

    handler: Callable[..., str] = getattr(commands, args.interop)
    return handler(args, _db_path(args), _today)


def cmd_doctor(args: argparse.Namespace) -> str:
    from netrack.data.doctor import diagnose

    report = diagnose(_db_path(args), fix=args.fix)
    if report.problems:  # the report on stdout, then one line and exit 2 for scripts
        print(report.text())
        raise StorageError(report.summary())
    return report.text()


# --- parser ---------------------------------------------------------------------------

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


def build_parser() -> Parser:
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
        "the weekly scorecard",
        "netrack scorecard --week 2026-W47 --format markdown",
    )
    _db(p)
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
    p.add_argument("--out", metavar="PATH", type=Path)
    p.set_defaults(interop="export")
    p = _add(
        sub,
        "backup",
        cmd_interop,
        "a consistent, verified copy of the database",
        "netrack backup --out ~/netrack-backup.db",
    )
    _db(p)
    p.add_argument("--out", metavar="PATH", type=Path)
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


DATE_OPTIONS = frozenset({"--on", "--met", "--follow-up"})


def glue_relative_dates(argv: Sequence[str]) -> list[str]:
    """`--on -3d` would read as an option to argparse: pass it as `--on=-3d`."""
    out: list[str] = []
    for token in argv:
        if out and out[-1] in DATE_OPTIONS and token.startswith("-") and len(token) > 1:
            out[-1] = f"{out[-1]}={token}"
        else:
            out.append(token)
    return out


def main(argv: Sequence[str] | None = None) -> int:
    os.umask(0o077)  # everything netrack creates is the owner's alone
    parser = build_parser()
    args: argparse.Namespace | None = None
    try:
        args = parser.parse_args(glue_relative_dates(sys.argv[1:] if argv is None else argv))
        output = args.func(args)
        if output:
            print(output)
            sys.stdout.flush()
    except BrokenPipeError:
        # `netrack scorecard | head`: the reader left; silence the interpreter's own flush.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    except UsageError as error:
        print(error, file=sys.stderr)
        return EXIT_INPUT
    except InputError as error:
        print(f"netrack: {error}", file=sys.stderr)
        return EXIT_INPUT
    except (StorageError, NetrackError) as error:
        print(f"netrack: {error}", file=sys.stderr)
        return EXIT_INPUT
    except KeyboardInterrupt:
        return 130
    except (sqlite3.Error, PeeweeException) as error:
        # Damage found by a read outside a write transaction: same words, same hint.
        from netrack.data.db import describe

        where = _db_path(args) if args is not None else Path("the database")
        print(f"netrack: {describe(error, where)}", file=sys.stderr)
        return EXIT_INPUT
    except Exception as error:  # a bug: one line for the user, the trace on request
        if os.environ.get("NETRACK_DEBUG"):
            raise
        print(f"netrack: internal error: {type(error).__name__}: {error}", file=sys.stderr)
        return EXIT_FAIL
    return EXIT_OK
