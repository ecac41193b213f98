"""The editing commands: `contact edit`, `campaign edit`, `campaign undo`, `org edit`,
`config`."""

from __future__ import annotations

from netrack.cli_args import SOURCES_HELP, Commands, campaign_details, command, contact_options
from netrack.cli_edit import (
    cmd_campaign_edit,
    cmd_campaign_undo,
    cmd_config,
    cmd_contact_edit,
    cmd_org_edit,
)


def add_edit_commands(contact: Commands, campaign: Commands, org: Commands, sub: Commands) -> None:
    """Add the editing commands to the `contact`, `campaign` and `org` groups, and
    `config`."""
    p = command(
        contact,
        "edit",
        cmd_contact_edit,
        "change a contact: only the options given change",
        "netrack contact edit ana --strength 4 --every 30",
    )
    p.add_argument("name")
    p.add_argument("--name", dest="rename", metavar="NEW", help="a new name")
    contact_options(p, edit=True)

    p = command(
        campaign,
        "edit",
        cmd_campaign_edit,
        "change a campaign: only the options given change",
        'netrack campaign edit acme --location remote --deadline "dec 15"',
    )
    p.add_argument("campaign")
    p.add_argument("--title", metavar="T")
    p.add_argument("--org", metavar="ORG")
    p.add_argument("--source", metavar="CHANNEL", help=SOURCES_HELP)
    p.add_argument("--priority", metavar="N")
    p.add_argument("--url", metavar="U")
    p.add_argument("--note", metavar="T")
    p.add_argument("--on", metavar="DATE", help="the day it opened (its opening moves)")
    campaign_details(p, edit=True)

    p = command(
        campaign,
        "undo",
        cmd_campaign_undo,
        "remove the campaign's latest stage change (not its opening)",
        "netrack campaign undo acme",
    )
    p.add_argument("campaign")

    p = command(
        org,
        "edit",
        cmd_org_edit,
        'change an organization: only the options given change ("" clears one)',
        "netrack org edit acme --industry fintech --location Berlin",
    )
    p.add_argument("org")
    p.add_argument("--name", dest="rename", metavar="NEW", help="a new name")
    p.add_argument("--industry", metavar="I")
    p.add_argument("--size", metavar="BAND")
    p.add_argument("--location", metavar="L")
    p.add_argument("--note", metavar="T")

    p = command(
        sub,
        "config",
        cmd_config,
        "show or set week_start, going_cold_days, stalled_days",
        "netrack config week_start sunday",
    )
    p.add_argument("key", nargs="?")
    p.add_argument("value", nargs="?")
