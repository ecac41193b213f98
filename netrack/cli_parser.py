"""The argument parser: every command, its options and an example in its help."""

from __future__ import annotations

import argparse
from typing import cast

from netrack import __version__
from netrack.cli_args import (
    CATEGORIES_HELP,
    DATE_HELP,
    PRIORITY_HELP,
    SIZE_HELP,
    SOURCES_HELP,
    STAGES_HELP,
    Commands,
    Parser,
    Unbuilt,
    any_case,
    campaign_details,
    command,
    contact_options,
    db_option,
    input_file,
    interaction_options,
    output_options,
)
from netrack.cli_care import cmd_doctor, cmd_interop
from netrack.cli_commands import (
    cmd_campaign_add,
    cmd_campaign_move,
    cmd_contact_add,
    cmd_followup_done,
    cmd_followup_reopen,
    cmd_goal_add,
    cmd_log,
    cmd_org_add,
    cmd_referral_add,
    cmd_scorecard,
    cmd_time_add,
)
from netrack.cli_launch import cmd_demo, cmd_tui
from netrack.cli_parser_edit import add_edit_commands
from netrack.cli_parser_read import (
    log_grammar,
    read_commands,
    referral_and_time_commands,
    tidy_commands,
)
from netrack.cli_period import PERIOD_HELP, PERIODS, card_period_options

# Each is also its command's own example (tests/cli/test_help_examples.py runs them).
DEMO = "netrack demo --db demo.db"
CONTACT_ADD = (
    'netrack contact add "Lena Vogel" --org "Kestrel Robotics" --channel event --strength 3'
)
CAMPAIGN_ADD = (
    'netrack campaign add "Staff Platform Engineer" --org "Quill & Ledger" --source referral '
    "--stage target"
)
LOG = "netrack log '#coffee @\"Ana López\" +northwind 45m ! fu:fri talked about the platform team'"
SCORECARD = "netrack scorecard --week 2026-W47 --format markdown"
# Run in order as written: on the database the first one makes, not the default one
# (where "Ana López" and +northwind are nobody).
ON_DEMO = " --db demo.db"
EPILOG = "examples, in order, on the demo database the first one makes:\n" + "".join(
    f"  {example}\n"
    for example in (DEMO, *(line + ON_DEMO for line in (CONTACT_ADD, CAMPAIGN_ADD, LOG, SCORECARD)))
)


def build_parser() -> Parser:
    """The parser of every command, a bare `netrack [--db PATH]` (the TUI) included."""
    common = Parser(add_help=False)
    db_option(common)
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

    def group(name: str, help_: str) -> Commands:
        if Parser.skips(sub, name):
            return cast(Commands, Unbuilt())
        p = sub.add_parser(name, help=help_, description=help_, parents=[common])
        article = "an" if name[0] in "aeiou" else "a"  # an import, an org, an interaction
        p.set_defaults(func=lambda a, p=p: p.error(f"choose {article} {name} command"))
        return p.add_subparsers(dest=f"{name}_command", parser_class=Parser, metavar="COMMAND")

    p = command(
        sub,
        "demo",
        cmd_demo,
        "fill a database with ~12 weeks of demo data, then open it",
        DEMO,
    )
    p.add_argument("--force", action="store_true", help="replace whatever the database holds")
    p.add_argument(
        "--no-tui",
        action="store_true",
        help="print this week's scorecard instead of opening the TUI",
    )

    contact = group("contact", "add, edit, list, show, (un)archive, merge and delete contacts")
    p = command(
        contact,
        "add",
        cmd_contact_add,
        "add a contact",
        CONTACT_ADD,
    )
    p.add_argument("name")
    contact_options(p)

    org = group("org", "add, edit, list, merge and delete organizations")
    p = command(
        org,
        "add",
        cmd_org_add,
        "add an organization",
        'netrack org add "Fjord Systems" --industry fintech --size 51-200 --location Oslo',
    )
    p.add_argument("name")
    p.add_argument("--industry", help="its industry, like fintech")
    p.add_argument("--size", help=SIZE_HELP)
    p.add_argument("--location", help="where it is, like Berlin")
    p.add_argument("--note", help="notes about it, as `org edit --note` sets them")

    campaign = group("campaign", "add, move, edit, undo, list, show, (un)link, delete campaigns")
    p = command(
        campaign,
        "add",
        cmd_campaign_add,
        "open a campaign",
        CAMPAIGN_ADD,
    )
    p.add_argument("title")
    p.add_argument(
        "--org",
        required=True,
        help="the organization it is with (a new name makes one; id:N names one by its id)",
    )
    p.add_argument("--source", metavar="CHANNEL", help=SOURCES_HELP)
    p.add_argument("--stage", help=STAGES_HELP + " (default: research)")
    p.add_argument("--on", metavar="DATE", help=f"the day it opened: {DATE_HELP} (default: today)")
    p.add_argument("--priority", metavar="N", help=PRIORITY_HELP)
    p.add_argument("--url", help="the job posting's link")
    campaign_details(p)
    p = command(
        campaign,
        "move",
        cmd_campaign_move,
        "move a campaign to another stage",
        'netrack campaign move brightline interviewing --on yesterday --note "first round booked"',
    )
    p.add_argument("campaign")
    p.add_argument("stage", help=STAGES_HELP)
    p.add_argument("--on", metavar="DATE", help=f"the day it moved: {DATE_HELP} (default: today)")
    p.add_argument("--note", help="what happened, kept in its stage history")
    p.add_argument(
        "--reason",
        metavar="REASON",
        help="for lost: rejected, withdrawn, hiring_freeze, no_response or other",
    )
    add_edit_commands(contact, campaign, org, sub)

    p = command(
        sub,
        "log",
        cmd_log,
        "log an interaction (quick-log line or flags)",
        LOG,
    )
    p.add_argument("line", nargs="*", help="a quick-log line (see quick-log line: below)")
    p.epilog_before = log_grammar
    interaction_options(p)

    followup = group("followup", "list pending follow-ups, mark them done, reopen one")
    p = command(
        followup,
        "done",
        cmd_followup_done,
        "mark every pending follow-up of a contact done",
        "netrack followup done aisha --on yesterday",
    )
    p.add_argument("name")
    p.add_argument(
        "--on", metavar="DATE", help=f"the day they were done: {DATE_HELP} (default: today)"
    )
    p = command(
        followup,
        "reopen",
        cmd_followup_reopen,
        "undo a follow-up marked done by mistake (ID: its interaction, as lists show it)",
        "netrack followup done aisha\n  netrack followup reopen 20",
    )
    p.add_argument("id")

    referral = group("referral", "add, list, edit and delete referrals")
    p = command(
        referral,
        "add",
        cmd_referral_add,
        "record a referral in (to you) or out (by you)",
        "netrack referral add --from ingrid --direction in --campaign verdant",
    )
    p.add_argument(
        "--from",
        dest="from_",
        required=True,
        metavar="NAME",
        help="the contact: who referred you (in), or whom your referral was for or to (out)",
    )
    p.add_argument(
        "--direction",
        required=True,
        **any_case(["in", "out"]),
        help="in: someone referred you; out: you referred someone",
    )
    p.add_argument("--campaign", metavar="C", help="the campaign it was for")
    p.add_argument("--on", metavar="DATE", help=f"the day: {DATE_HELP} (default: today)")
    p.add_argument("--note", metavar="T", help="what it was about")
    referral_and_time_commands(referral, None)

    time_ = group("time", "add, list, edit and delete time entries (where the hours went)")
    p = command(
        time_,
        "add",
        cmd_time_add,
        "add a time entry",
        "netrack time add 1h30m --category search --on yesterday",
    )
    p.add_argument("duration")
    p.add_argument("--category", required=True, help=CATEGORIES_HELP)
    p.add_argument("--on", metavar="DATE", help=f"the day: {DATE_HELP} (default: today)")
    p.add_argument("--campaign", metavar="C", help="the campaign the time went to")
    p.add_argument("--note", metavar="T", help="what it went to")
    referral_and_time_commands(None, time_)

    goal = group("goal", "add, list, edit, end and delete goals")
    p = command(
        goal,
        "add",
        cmd_goal_add,
        "add a goal on a scorecard metric",
        "netrack goal add referrals_out 2 --period month --note 'help others as they help you'",
    )
    p.add_argument("metric")
    p.add_argument("target")
    p.add_argument("--period", default="week", **any_case(PERIODS), help="per " + PERIOD_HELP)
    p.add_argument(
        "--at-most",
        action="store_true",
        help="the target is a ceiling (hours of busywork), not a floor",
    )
    p.add_argument("--since", metavar="DATE", help="the first day it counts (default: today)")
    p.add_argument("--until", metavar="DATE", help="the last day it counts (default: no end)")
    p.add_argument("--note", metavar="T", help="why it matters")

    p = command(
        sub,
        "scorecard",
        cmd_scorecard,
        "the scorecard of a week, month, quarter or year",
        SCORECARD,
    )
    card_period_options(p)
    p.add_argument(
        "--format",
        default="table",
        **any_case(["table", "json", "markdown"]),
        help="table (default), json or markdown (to paste into notes)",
    )

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
        p = command(imp, kind, cmd_interop, f"import {what}", example)
        p.add_argument("file", type=input_file, help="the file, or - for standard input")
        if kind == "linkedin":
            p.add_argument(
                "--me",
                metavar="NAME",
                help="your name in messages.csv, when no message of yours is filed as sent",
            )
        p.set_defaults(interop=f"import_{kind}")
    p = command(
        sub,
        "export",
        cmd_interop,
        "export json, csv (a folder), ics (pending follow-ups) or vcard",
        "netrack export csv --out ./netrack-csv",
    )
    p.add_argument("format", **any_case(["json", "csv", "ics", "vcard"]))
    output_options(
        p,
        "a file, - for standard output (not csv), or a folder (ending in /) for the default "
        "name; csv: a folder (default: a name with today's date, in the current folder)",
    )
    p.set_defaults(interop="export")
    p = command(
        sub,
        "backup",
        cmd_interop,
        "a consistent, verified copy of the database",
        "netrack backup --out ~/netrack-backup.db",
    )
    output_options(p, "a file, or a folder (ending in /) for the default name", backup=True)
    p.set_defaults(interop="backup")
    p = command(
        sub,
        "restore",
        cmd_interop,
        "verify FILE, back up the current database, then replace it",
        "netrack restore ~/netrack-backup.db",
    )
    p.add_argument("file")  # text: an empty name is refused as one, not read as "."
    p.set_defaults(interop="restore")
    p = command(
        sub,
        "doctor",
        cmd_doctor,
        "path, schema version, integrity, sizes, last backup, permissions",
        "netrack doctor --fix",
    )
    p.add_argument(
        "--fix",
        action="store_true",
        help="fix what is safe to fix (permissions, leftovers, indexes; references to rows "
        "that are gone, after a backup)",
    )
    interaction = group("interaction", "list, edit and delete interactions")
    read_commands(sub, contact, campaign, interaction, followup, goal, org)
    tidy_commands(contact, campaign, interaction, goal)
    p = command(
        sub,
        "completion",
        _print_completion,
        "print a shell completion script (bash, zsh or fish)",
        'eval "$(netrack completion bash)"   # in ~/.bashrc',
    )  # its --db is accepted like everywhere, never opened: a TAB must not touch the database
    p.add_argument("shell", **any_case(["bash", "zsh", "fish"]))
    return parser


def _print_completion(args: argparse.Namespace) -> str:
    """The script completes every command: made from all of them, whichever parser read
    this command line (`Parser.building(only=…)` builds one)."""
    from netrack.completion import script

    with Parser.building():
        return script(args.shell, build_parser())
