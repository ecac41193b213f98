"""The parser's options shared by add and edit, and the editing commands (`contact
edit`, `campaign edit`, `campaign undo`, `config`). Kept apart from `cli_parser` to keep
each module short; `cli_parser` hands in its helpers (`add`, `db`) so neither imports
the other."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from netrack.cli_edit import cmd_campaign_edit, cmd_campaign_undo, cmd_config, cmd_contact_edit

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


def contact_options(p: argparse.ArgumentParser, edit: bool = False) -> None:
    """The options of `contact add`, which `contact edit` takes too."""
    for flag in CONTACT_FLAGS:
        p.add_argument(f"--{flag}")
    p.add_argument("--strength", help="1 acquaintance … 5 trusted advocate")
    p.add_argument("--introduced-by", metavar="NAME")
    p.add_argument(
        "--tag", action="append", metavar="T", help="the tags (on edit: replace them all)"
    )
    p.add_argument(
        "--every",
        metavar="DAYS",
        help="keep in touch every DAYS days" + (" (none: no cadence)" if edit else ""),
    )


def campaign_details(p: argparse.ArgumentParser, edit: bool = False) -> None:
    """The details a job seeker compares, on `campaign add` and `campaign edit`."""
    p.add_argument("--location", metavar="L", help="where the job is, or remote")
    p.add_argument("--compensation", metavar="T", help='free text, e.g. "120-140k EUR"')
    p.add_argument(
        "--deadline", metavar="DATE", help="apply by" + (" (none: no deadline)" if edit else "")
    )
    p.add_argument("--documents", metavar="T", help="which résumé / cover letter was sent")


def add_edit_commands(
    contact: Any,
    campaign: Any,
    sub: Any,
    add: Callable[..., argparse.ArgumentParser],
    db: Callable[[argparse.ArgumentParser], None],
) -> None:
    """Add the editing commands to the `contact` and `campaign` groups and `config`."""
    p = add(
        contact,
        "edit",
        cmd_contact_edit,
        "change a contact: only the options given change",
        "netrack contact edit ana --strength 4 --every 30",
    )
    db(p)
    p.add_argument("name")
    p.add_argument("--name", dest="rename", metavar="NEW", help="a new name")
    contact_options(p, edit=True)

    p = add(
        campaign,
        "edit",
        cmd_campaign_edit,
        "change a campaign: only the options given change",
        'netrack campaign edit acme --location remote --deadline "dec 15"',
    )
    db(p)
    p.add_argument("campaign")
    p.add_argument("--title", metavar="T")
    p.add_argument("--org", metavar="ORG")
    p.add_argument("--source", metavar="CHANNEL")
    p.add_argument("--priority", metavar="N")
    p.add_argument("--url", metavar="U")
    p.add_argument("--note", metavar="T")
    campaign_details(p, edit=True)

    p = add(
        campaign,
        "undo",
        cmd_campaign_undo,
        "remove the campaign's latest stage change (not its opening)",
        "netrack campaign undo acme",
    )
    db(p)
    p.add_argument("campaign")

    p = add(
        sub,
        "config",
        cmd_config,
        "show or set week_start, going_cold_days, stalled_days",
        "netrack config week_start sunday",
    )
    db(p)
    p.add_argument("key", nargs="?")
    p.add_argument("value", nargs="?")
