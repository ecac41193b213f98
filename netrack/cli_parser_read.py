"""The parser's read side (list, show, follow-ups, agenda) and its tidy commands
(archive, delete, merge, link, edit). Their handlers are imported only when one runs."""

from __future__ import annotations

from netrack.cli_args import (
    CATEGORIES_HELP,
    DATE_HELP,
    Commands,
    Lazy,
    any_case,
    command,
    format_option,
    interaction_options,
)
from netrack.cli_period import list_span_options


def filter_grammar(width: int = 79) -> str:
    """`contact list --help`'s "filter:" block: the rows `?` lists on Contacts."""
    from netrack.domain.contact_filter import GRAMMAR, GRAMMAR_NOTE

    return grammar_block("filter:", GRAMMAR, GRAMMAR_NOTE, width)


def log_grammar(width: int = 79) -> str:
    """`log --help`'s "quick-log line:" block: the tokens the one-liner takes."""
    from netrack.domain.quicklog_grammar import GRAMMAR, GRAMMAR_NOTE

    return grammar_block("quick-log line:", GRAMMAR, GRAMMAR_NOTE, width)


def grammar_block(
    title: str, grammar: tuple[tuple[tuple[str, ...], str], ...], note: str, width: int
) -> str:
    """A grammar's (examples, meaning) rows under `title`, meanings wrapped in a column."""
    from textwrap import wrap

    rows = [("  ".join(examples), meaning) for examples, meaning in grammar]
    column = 2 + max(len(forms) for forms, _ in rows) + 2
    lines = [title]
    for forms, meaning in rows:
        said = wrap(meaning, width - column) or [""]
        lines.append(f"  {forms:<{column - 2}}{said[0]}")
        lines.extend(" " * column + more for more in said[1:])
    lines.extend(f"  {line}" for line in wrap(note, width - 2))
    return "\n".join(lines)


def read_commands(
    sub: Commands,
    contact: Commands,
    campaign: Commands,
    interaction: Commands,
    followup: Commands,
    goal: Commands,
    org: Commands,
) -> None:
    """The read side: list and show, follow-ups, the agenda (netrack.cli_read)."""
    read = Lazy("netrack.cli_read")  # imported by the command that runs, not by `log`
    p = command(
        contact,
        "list",
        read("cmd_contact_list"),
        "list contacts (not the archived ones, unless --archived; those met in a span or period "
        "include them, marked, as the card's new contacts do)",
        'netrack contact list --filter "org:northwind s:3+" --format json\n'
        "  netrack contact list --month 2026-11",
    )
    p.add_argument(
        "--filter",
        metavar="TEXT",
        help="words and terms, as the Contacts screen's / reads them (see filter: below)",
    )
    p.epilog_before = filter_grammar
    p.add_argument("--archived", action="store_true", help="list only the archived contacts")
    list_span_options(p, dated="met", prefix="met-")
    format_option(p)
    p = command(
        contact,
        "show",
        read("cmd_contact_show"),
        "a contact with campaigns, follow-ups, timeline and referrals",
        'netrack contact show "Ana López"',
    )
    p.add_argument("name")
    format_option(p)
    p = command(
        campaign,
        "list",
        read("cmd_campaign_list"),
        "list active campaigns (closed ones with --closed)",
        "netrack campaign list --closed",
    )
    p.add_argument("--closed", action="store_true", help="won, lost and paused campaigns")
    format_option(p)
    p = command(
        campaign,
        "show",
        read("cmd_campaign_show"),
        "a campaign with its contacts, stage history and interactions",
        "netrack campaign show tessera",
    )
    p.add_argument("campaign")
    format_option(p)
    p = command(
        interaction,
        "list",
        read("cmd_interaction_list"),
        "list interactions, newest first",
        "netrack interaction list --with ana --since -30d\n"
        "  netrack interaction list --week 2026-W46",
    )
    p.add_argument("--with", dest="with_", metavar="NAME", help="only those with this contact")
    p.add_argument("--campaign", metavar="C", help="only those for this campaign")
    list_span_options(p)
    format_option(p)
    p = command(
        followup,
        "list",
        read("cmd_followup_list"),
        "list pending follow-ups, earliest due first",
        "netrack followup list --overdue",
    )
    p.add_argument("--overdue", action="store_true", help="only those due before today")
    format_option(p)
    p = command(
        sub,
        "agenda",
        read("cmd_agenda"),
        "today: follow-ups, going cold, stalled campaigns, logged today",
        "netrack agenda --format json",
    )
    format_option(p)
    p = command(goal, "list", read("cmd_goal_list"), "list goals", "netrack goal list")
    format_option(p)
    p = command(
        org,
        "list",
        read("cmd_org_list"),
        "list organizations with their details and how many contacts and campaigns each has",
        "netrack org list --format json",
    )
    format_option(p)


def tidy_commands(
    contact: Commands,
    campaign: Commands,
    interaction: Commands,
    goal: Commands,
) -> None:
    """Keeping the data tidy: archive, delete, merge, link, edit (netrack.cli_tidy)."""
    tidy = Lazy("netrack.cli_tidy")
    for name, help_, example in (
        (
            "archive",
            "hide a contact from lists and completion (history kept)",
            "netrack contact archive noah",
        ),
        (
            "unarchive",
            "bring an archived contact back",
            "netrack contact archive noah\n  netrack contact unarchive noah",
        ),
        # The namesake without an organization that an import may add ("Ana Lopez"):
        # accents never matter in a name, so `NAME ()` tells it from Ana López.
        (
            "delete",
            "delete a contact that has no history",
            'netrack contact add "Ana Lopez"\n  netrack contact delete "Ana Lopez ()"',
        ),
    ):
        p = command(contact, name, tidy(f"cmd_contact_{name}"), help_, example)
        p.add_argument("name")
    p = command(
        contact,
        "merge",
        tidy("cmd_contact_merge"),
        "move OTHER's history to KEEP, fill KEEP's blanks, remove OTHER (backed up first)",
        # Accents never matter in a name: the duplicate is told apart by its organization
        # (none, here), or by the id `contact list` shows (`id:1`, Ana López in the demo).
        'netrack contact add "Ana Lopez"\n  netrack contact merge id:1 "Ana Lopez ()"',
    )
    p.add_argument("keep")
    p.add_argument("other")

    p = command(
        campaign,
        "link",
        tidy("cmd_campaign_link"),
        "link a contact to a campaign with a role",
        "netrack campaign link lumen valentina --role insider",
    )
    p.add_argument("campaign")
    p.add_argument("name")
    p.add_argument(
        "--role",
        required=True,
        **any_case(["hiring_manager", "referrer", "recruiter", "interviewer", "insider"]),
        help="their role on it",
    )
    p = command(
        campaign,
        "unlink",
        tidy("cmd_campaign_unlink"),
        "take a contact off a campaign",
        "netrack campaign unlink verdant hannah",
    )
    p.add_argument("campaign")
    p.add_argument("name")
    p = command(
        campaign,
        "delete",
        tidy("cmd_campaign_delete"),
        "delete a campaign with no history beyond its opening",
        'netrack campaign add "Data Engineer" --org "Quill & Ledger"\n'
        "  netrack campaign delete quill",
    )
    p.add_argument("campaign")

    p = command(
        interaction,
        "edit",
        tidy("cmd_interaction_edit"),
        "change an interaction (see interaction list for ids)",
        "netrack interaction edit 144 --minutes 1h --follow-up fri",
    )
    p.add_argument("id")
    interaction_options(p, edit=True)
    p = command(
        interaction,
        "delete",
        tidy("cmd_interaction_delete"),
        "delete an interaction",
        "netrack interaction delete 42",
    )
    p.add_argument("id")

    p = command(
        goal,
        "edit",
        tidy("cmd_goal_edit"),
        "change a goal's target, note or end (see goal list for ids)",
        "netrack goal edit 3 --target 3 --from monday",
    )
    p.add_argument("id")
    p.add_argument(
        "--target",
        metavar="N",
        help="a new target on every card, past ones too: the correction of a mistake",
    )
    p.add_argument(
        "--from",
        dest="start",
        metavar="DATE",
        help="with --target: the new target from DATE on, past cards judged as they were",
    )
    p.add_argument("--note", metavar="T", help="a new note (replaces the old one)")
    p.add_argument(
        "--until", metavar="DATE", help="its last day (as goal end --on), or none: no end"
    )
    p = command(
        goal,
        "end",
        tidy("cmd_goal_end"),
        "end a goal: later cards leave it out, earlier ones keep it",
        "netrack goal end 3 --on 2026-12-31",
    )
    p.add_argument("id")
    p.add_argument(
        "--on",
        metavar="DATE",
        help=f"its last day: {DATE_HELP}; fri is the next one (default: today)",
    )
    p = command(goal, "delete", tidy("cmd_goal_delete"), "delete a goal", "netrack goal delete 3")
    p.add_argument("id")


def referral_and_time_commands(referral: Commands | None, time_: Commands | None) -> None:
    """`referral list|edit|delete` and `time list|edit|delete`: entries read back, a
    mistake mended or removed (netrack.cli_read)."""
    read, tidy = Lazy("netrack.cli_read"), Lazy("netrack.cli_tidy")
    clears = '(none or "": no campaign)'
    if referral is not None:
        p = command(
            referral,
            "list",
            read("cmd_referral_list"),
            "list referrals, newest first",
            "netrack referral list --with ana\n  netrack referral list --month 2026-11",
        )
        p.add_argument("--with", dest="with_", metavar="NAME", help="only those with this contact")
        p.add_argument("--campaign", metavar="C", help="only those for this campaign")
        list_span_options(p)
        format_option(p)
        p = command(
            referral, "edit", tidy("cmd_referral_edit"),
            "change a referral (ID: as `referral list` shows it)",
            "netrack referral edit 3 --direction out --on 2026-11-20",
        )  # fmt: skip
        p.add_argument("id")
        p.add_argument("--from", dest="from_", metavar="NAME", help="another contact")
        p.add_argument("--direction", **any_case(["in", "out"]), help="in or out instead")
        p.add_argument("--on", metavar="DATE", help=f"another day: {DATE_HELP}")
        p.add_argument("--campaign", metavar="C", help=f"another campaign {clears}")
        p.add_argument("--note", metavar="T", help="a new note (replaces the old one)")
        p = command(
            referral, "delete", read("cmd_referral_delete"), "delete a referral",
            "netrack referral delete 3",
        )  # fmt: skip
        p.add_argument("id")
    if time_ is not None:
        p = command(
            time_,
            "list",
            read("cmd_time_list"),
            "list time entries, newest first",
            "netrack time list --since -7d\n  netrack time list --since -14d --until -8d",
        )
        list_span_options(p)
        p.add_argument("--campaign", metavar="C", help="only those for this campaign")
        format_option(p)
        p = command(
            time_, "edit", tidy("cmd_time_edit"),
            "change a time entry (ID: as `time list` shows it)",
            "netrack time edit 12 --duration 20m --category busywork",
        )  # fmt: skip
        p.add_argument("id")
        p.add_argument("--duration", metavar="D", help="how long instead: 45m, 1h30m, 90 (minutes)")
        p.add_argument("--category", help=f"another category: {CATEGORIES_HELP}")
        p.add_argument("--on", metavar="DATE", help=f"another day: {DATE_HELP}")
        p.add_argument("--campaign", metavar="C", help=f"another campaign {clears}")
        p.add_argument("--note", metavar="T", help="a new note (replaces the old one)")
        p = command(
            time_, "delete", read("cmd_time_delete"), "delete a time entry",
            "netrack time delete 12",
        )  # fmt: skip
        p.add_argument("id")
