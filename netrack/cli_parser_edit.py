"""The editing commands: `contact edit`, `campaign edit`, `campaign undo`, `org edit`,
`config`."""

from __future__ import annotations

from netrack.cli_args import (
    DATE_HELP,
    PRIORITY_HELP,
    SIZE_HELP,
    SOURCES_HELP,
    Commands,
    Lazy,
    campaign_details,
    command,
    contact_options,
)
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
        'netrack contact edit "Marco Bianchi" --strength 5 --every 30',
    )
    p.add_argument("name")
    p.add_argument("--name", dest="rename", metavar="NEW", help="a new name")
    contact_options(p, edit=True)
    p.add_argument(
        "--on",
        metavar="DATE",
        help=f"the day --strength changed: {DATE_HELP} (default: today; not before the "
        "latest change)",
    )

    p = command(
        campaign,
        "edit",
        cmd_campaign_edit,
        "change a campaign: only the options given change",
        'netrack campaign edit verdant --location remote --deadline "dec 15"',
    )
    p.add_argument("campaign")
    p.add_argument("--title", metavar="T", help="a new title")
    p.add_argument(
        "--org",
        metavar="ORG",
        help="the organization it belongs to (a new name makes one; id:N names one by its id)",
    )
    p.add_argument("--source", metavar="CHANNEL", help=SOURCES_HELP)
    p.add_argument("--priority", metavar="N", help=PRIORITY_HELP)
    p.add_argument("--url", metavar="U", help='the job posting\'s link ("" clears it)')
    p.add_argument("--note", metavar="T", help='notes (replace the old ones; "" clears them)')
    p.add_argument("--on", metavar="DATE", help="the day it opened (its opening moves)")
    campaign_details(p, edit=True)

    p = command(
        campaign,
        "undo",
        cmd_campaign_undo,
        "remove the campaign's latest stage change (not its opening)",
        "netrack campaign undo tessera",
    )
    p.add_argument("campaign")

    p = command(
        org,
        "edit",
        cmd_org_edit,
        'change an organization: only the options given change ("" clears one)',
        'netrack org edit northwind --size 1001-5000 --note "grew after its Series C"',
    )
    p.add_argument("org")
    p.add_argument("--name", dest="rename", metavar="NEW", help="a new name")
    p.add_argument("--industry", metavar="I", help="its industry, like fintech")
    p.add_argument("--size", metavar="BAND", help=SIZE_HELP)
    p.add_argument("--location", metavar="L", help="where it is, like Berlin")
    p.add_argument("--note", metavar="T", help="notes (replace the old ones)")

    tidy = Lazy("netrack.cli_tidy")
    p = command(
        org,
        "merge",
        tidy("cmd_org_merge"),
        "move OTHER's contacts and campaigns to KEEP, then remove OTHER (after a backup)",
        'netrack contact add "Sam Ortiz" --org northwind-analytics\n'
        '  netrack org merge "Northwind Analytics" northwind-analytics',
    )
    p.add_argument("keep", metavar="KEEP")
    p.add_argument("other", metavar="OTHER")
    p = command(
        org,
        "delete",
        tidy("cmd_org_delete"),
        "delete an organization no contact or campaign is with",
        'netrack org add "Fjord Systems"\n  netrack org delete "Fjord Systems"',
    )
    p.add_argument("org")

    p = command(
        sub,
        "config",
        cmd_config,
        "show or set week_start, going_cold_days, stalled_days",
        "netrack config week_start sunday",
    )
    p.add_argument("key", nargs="?")
    p.add_argument("value", nargs="?")
