"""What each CLI command does: read the arguments, call the repository, phrase the result.

Every handler returns the text to print (or None) and raises the project's errors;
`cli.main` turns those into one line and an exit code.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, TypeVar

from netrack.cli_args import record_id
from netrack.cli_output import note
from netrack.cli_session import end_date, future_date, nearest_date, open_repo, past_date
from netrack.domain import validate
from netrack.domain.describe import (
    closed_by_later,
    describe_archived_pending,
    describe_new_organization_close,
    describe_referral_added,
    describe_size_band_changed,
    describe_time_entry_added,
)
from netrack.domain.errors import InputError, NothingPending
from netrack.domain.parsing import parse_duration

if TYPE_CHECKING:
    import argparse  # loaded by the parser; a bare `netrack` never needs it

    from netrack.data.repo import Repo
    from netrack.domain.entries import FollowUp
    from netrack.domain.quicklog import Logged


OrgOption = TypeVar("OrgOption", str, str | None)


def cleared(reference: str | None) -> str | None:
    """`--org none` / `--introduced-by none` / `--strength none` as `''`: none, as
    `--campaign none` and `--every none` say it (it made an organization named "none")."""
    return "" if validate.means_none(reference) else reference


def campaign_org(org: OrgOption) -> OrgOption:
    """A campaign's `--org`: never none, which made an organization of that name."""
    if isinstance(org, str) and validate.means_none(org):
        raise InputError("a campaign belongs to an organization: --org names it (none is not one)")
    return org


def contact_fields(args: argparse.Namespace) -> dict[str, Any]:
    """The options `contact add` and `contact edit` share, by the repository's names
    (None: not given)."""
    return {
        "organization": cleared(args.org),
        "size_band": args.size,
        "channel": args.channel,
        "met_on": past_date(args.met),
        "strength": cleared(args.strength),  # `none` clears it, as `''` does
        "introduced_by": cleared(args.introduced_by),
        "title": args.title,
        "function": args.function,
        "industry": args.industry,
        "location": args.location,
        "email": args.email,
        "phone": args.phone,
        "url": args.url,
        "notes": args.note,
    }


def cmd_contact_add(args: argparse.Namespace) -> str:
    added_band = validate.size_band_added(args.size)  # `none` clears it, blank: not given
    if added_band and not (cleared(args.org) or "").strip():  # in the CLI's words, first
        raise InputError("--size needs --org: the size band belongs to the organization")
    band_given = added_band is not None
    repo = open_repo(args)
    # `--every none`: no cadence, as on `contact edit` (it was refused as not a number)
    every = None if validate.means_none(args.every) else args.every
    fields = contact_fields(args)
    with repo.writing():  # the band it had read in the write that sets it
        close = repo.organizations.close_to(fields["organization"])  # a form would ask
        before = repo.organizations.size_band_before(fields["organization"]) if band_given else None
        contact = repo.contacts.add(args.name, tags=args.tag or [], keep_in_touch=every, **fields)
        band = repo.organizations.size_band_changed(before, contact)
    note(describe_new_organization_close(contact.organization, contact.organization_id, close))
    at = f" ({contact.organization})" if contact.organization else ""
    return f"added contact {contact.name}{at}{describe_size_band_changed(band)}"


def cmd_org_add(args: argparse.Namespace) -> str:
    validate.organization_name(args.name)  # "id:5" is no name to add, none with id 5 or not
    repo = open_repo(args)
    with repo.writing():  # the names it is compared with read in its own write
        close = repo.organizations.close_to(args.name)
        org = repo.organizations.add(
            args.name,
            industry=args.industry or "",
            size_band=args.size or "",
            location=args.location or "",
            notes=args.note or "",
        )
    note(describe_new_organization_close(org.name, org.id, close))
    return f"added organization {org.name}"


def cmd_campaign_add(args: argparse.Namespace) -> str:
    org = campaign_org(args.org)
    opened_on, deadline = past_date(args.on), future_date(args.deadline)
    repo = open_repo(args)
    with repo.writing():  # its name read in the write: see cmd_log
        close = repo.organizations.close_to(org)  # a form would ask first
        campaign = repo.campaigns.add(
            args.title,
            org,
            source=args.source,
            stage=args.stage,
            opened_on=opened_on,
            priority=args.priority,
            url=args.url or "",
            location=args.location or "",
            compensation=args.compensation or "",
            deadline=deadline,
            documents=args.documents or "",
        )
        name = repo.campaigns.told(campaign)
    note(describe_new_organization_close(campaign.organization, campaign.organization_id, close))
    return f"added campaign {name} [{campaign.stage.value}]"


def cmd_campaign_move(args: argparse.Namespace) -> str:
    repo = open_repo(args)
    with repo.writing():  # the stage it left read in the move's own transaction: another
        # process moving it at the same moment made the line name a stage it had left
        before = repo.campaigns.get(repo.campaigns.resolve(args.campaign))
        after = repo.campaigns.move(
            before.id,
            args.stage,
            on=past_date(args.on),
            note=args.note or "",
            reason=args.reason or "",
        )
        name = repo.campaigns.told(after)  # in the write: see cmd_log
    why = f" ({after.lost_reason})" if after.lost_reason else ""
    return f"moved {name}: {before.stage.value} → {after.stage.value}{why}"


# `log`'s flags, by their argparse names: with a quick-log line, each would be ignored.
LOG_FLAGS = {
    "with_": "--with",
    "kind": "--kind",
    "on": "--on",
    "minutes": "--minutes",
    "campaign": "--campaign",
    "meaningful": "--meaningful",
    "value_received": "--value-received",
    "value_given": "--value-given",
    "cost": "--cost",
    "follow_up": "--follow-up",
    "note": "--note",
}
# How the line itself says what each flag would: the example its refusal gives.
IN_THE_LINE = {
    "--with": '@"Ana López"',
    "--kind": "#call",
    "--on": "on:yesterday",
    "--minutes": "45m",
    "--campaign": "+acme",
    "--meaningful": "!",
    "--cost": "$12",
    "--follow-up": "fu:fri",
    "--note": "@ana 45m talked shop",
}


def _line_and_flags(given: list[str]) -> str:
    """The refusal of a line given with flags, each flag with its own word for the line
    (`#call` for --kind); the values, which a line has no word for, only with --with."""
    sayable = [flag for flag in given if flag in IN_THE_LINE]
    unsaid = [flag for flag in given if flag not in IN_THE_LINE]
    ways = []
    if sayable:
        it = ", ".join(sayable) if unsaid else "it" if len(given) == 1 else "them"
        said = " ".join(IN_THE_LINE[flag] for flag in sayable)
        ways.append(f"say {it} in the line, e.g. {said}")
    if unsaid:
        ways.append(f"{', '.join(unsaid)} only with --with NAME")
    return (
        f"give either a quick-log line or flags, not both ({', '.join(given)} would be "
        f"ignored: {'; '.join(ways)}{', or log with --with NAME' if not unsaid else ''})"
    )


def cmd_log(args: argparse.Namespace) -> str:
    # Given empty counts too: `log "@ana" --minutes ''` ignored it without a word.
    given = [flag for name, flag in LOG_FLAGS.items() if getattr(args, name) not in (None, False)]
    if args.line and given:
        # `log "@ana hi" --on yesterday` logged today: the line's own words say it all
        line = " ".join(args.line)
        if "@" not in line:  # `--with Ana López`: a word left over, taken for a line
            raise InputError(
                f"{line!r} is no quick-log line (it names nobody with @): a name or note "
                'with spaces goes in quotes (--with "Ana López")'
            )
        raise InputError(_line_and_flags(given))
    repo = open_repo(args)
    write: Callable[[], Logged]
    if args.line:
        line = " ".join(args.line)

        def write() -> Logged:
            return repo.activity.log_line(line)

    elif args.with_:
        fields = {  # checked before the write waits for the file: a typo is said at once
            "on": past_date(args.on),
            "kind": args.kind if args.kind is not None else "other",  # '' refused, as on edit
            # Given empty (a script's blank "$MINUTES"): refused as interaction edit does.
            "minutes": parse_duration(args.minutes) if args.minutes is not None else 0,
            "meaningful": args.meaningful,
            "value_received": args.value_received or "",
            "value_given": args.value_given or "",
            "cost": money(args.cost),
            "follow_up_on": future_date(args.follow_up),
            "note": args.note or "",
        }
        # Names read before the write too: a typo is said at once, not after the busy
        # wait another program's long write makes (then "busy; try again" hid it).
        for name in args.with_:
            repo.contacts.resolve(name)
        _campaign(repo, args.campaign)

        # And in the write itself, as the quick-log line's are: read only before it,
        # another program's rename in between saved the entry on someone else.
        def write() -> Logged:
            return repo.activity.log_reporting(
                [repo.contacts.resolve(name) for name in args.with_],
                campaign_id=_campaign(repo, args.campaign),
                **fields,
            )

    else:
        raise InputError('nothing to log: give a line like "@ana #coffee 45m" or --with NAME')
    from netrack.domain.describe import Named, describe_logged

    # The confirmation's names read in the write too: read after its commit, a failure
    # (a damaged index) said "not saved" of an entry that was, and a retry logged it twice.
    with repo.writing():
        logged = write()
        labels = repo.contacts.told_apart_among(
            logged.entry.contact_ids, [*logged.closes, *logged.earlier], logged.namesakes
        )
        twins = repo.campaigns.told_apart_among([logged.entry.campaign_id])
    return describe_logged(logged, Named(labels, twins))


def namesake_labels(repo: Repo, ids: Iterable[int], *follow_ups: FollowUp) -> dict[int, str]:
    """ "Name (Org)" for those of these people (and of the follow-ups' people) who share
    a name with another contact: "logged call with Sam Lee, Sam Lee" said nobody which.
    Every name read only when one is shared (`netrack log` checks with one query)."""
    return repo.contacts.told_apart_among(ids, follow_ups)


def _campaign(repo: Repo, given: str | None) -> int | None:
    """`--campaign C` of a new entry: not given, or `none` (as an edit says it: it said
    "no campaign matches 'none'"), none. Given empty (a script's blank "$CAMPAIGN") it is
    refused as `interaction list` refuses it, never read as none: only an edit's
    `--campaign ''` clears, there being a campaign to take away."""
    if given is None or validate.means_none(given):
        return None
    return repo.campaigns.resolve(given)


def money(text: str | None) -> float:
    """A `--cost` as given (not given: 0), read as the quick log reads money."""
    from netrack.domain.parsing import parse_money

    return parse_money(text) if text is not None else 0.0


def cmd_followup_done(args: argparse.Namespace) -> str:
    from netrack.domain.errors import ResolveError
    from netrack.domain.resolve import label

    on = past_date(args.on)
    repo = open_repo(args)
    archived = False
    with repo.writing():  # the name read in the write: see cmd_log
        try:
            contact_id = repo.contacts.resolve(args.name)
        except ResolveError as refused:
            # Ambiguous among the active, or one of them fits as well as an archived one
            # (`refuse_outmatched`): said so, nothing written.
            if refused.candidates:
                raise
            # An archived contact's pending follow-ups stay in the lists and the agenda
            # (their history is kept): only unarchiving reached them to mark them done.
            try:
                contact_id = repo.contacts.resolve(args.name, archived=True)
            except ResolveError as among_archived:
                raise (among_archived if among_archived.candidates else refused) from None
            archived = True
        try:
            count = len(repo.activity.mark_contact_follow_ups_done(contact_id, on=on))
        except NothingPending as nothing:  # an archived namesake's may be the one meant
            pending = [] if archived else repo.activity.pending_of_archived_namesakes(contact_id)
            raise InputError(f"{nothing}{describe_archived_pending(pending)}") from None
        contact = repo.contacts.get(contact_id)  # in the write: see cmd_log
        name = (
            f"archived contact {label(contact.name, contact.organization)}"
            if archived
            else told_apart(repo, contact_id, contact.name)
        )
    return f"marked {count} follow-up{'s' if count != 1 else ''} with {name} done"


def shared_labels(repo: Repo) -> dict[int, str]:
    """ "Name (Org)" for the contacts who share a name, archived or not (a table of names
    alone listed two "Ana López" rows, a confirmation named one of two); JSON has their
    ids instead."""
    return repo.contacts.told_apart()


def told_apart(repo: Repo, contact_id: int, name: str) -> str:
    """`name`, or "Name (Org)" when another contact shares it: a confirmation says
    which of the two it was about."""
    return shared_labels(repo).get(contact_id, name)


def cmd_followup_reopen(args: argparse.Namespace) -> str:
    interaction_id = record_id(args.id, "the interaction id")
    due, closed = open_repo(args).activity.reopen_follow_up(interaction_id)
    if closed is not None:
        return (
            f"took back the done mark of #{interaction_id}'s follow-up (due {due.isoformat()}): "
            f"{closed_by_later(closed)}"
        )
    return f"reopened the follow-up of #{interaction_id} (due {due.isoformat()})"


def cmd_referral_add(args: argparse.Namespace) -> str:
    on = past_date(args.on)
    repo = open_repo(args)
    with repo.writing():  # the names read in the write: see cmd_log
        referral = repo.referrals.add(
            repo.contacts.resolve(args.from_),
            args.direction,
            on=on,
            campaign_id=_campaign(repo, args.campaign),
            note=args.note or "",
        )
        named = repo.told_apart([referral.contact_id], [referral.campaign_id])  # see cmd_log
    return describe_referral_added(referral, named)


def cmd_time_add(args: argparse.Namespace) -> str:
    repo = open_repo(args)
    minutes = parse_duration(args.duration)
    on = past_date(args.on)
    with repo.writing():  # the campaign read in the write: see cmd_log
        entry = repo.time.add(
            minutes,
            args.category,
            on=on,
            campaign_id=_campaign(repo, args.campaign),
            note=args.note or "",
        )
        named = repo.told_apart(campaign_ids=[entry.campaign_id])  # in the write: see cmd_log
    return describe_time_entry_added(entry, named)


def cmd_goal_add(args: argparse.Namespace) -> str:
    goal = open_repo(args).goals.add(
        args.metric,
        args.target,
        comparator="at_most" if args.at_most else "at_least",
        period=args.period,
        note=args.note or "",
        since=nearest_date(args.since),
        until=end_date(args.until),
    )
    from netrack.domain.goal_words import goal_text  # as `goal list` and a twin's refusal

    until = f" until {goal.until.isoformat()}" if goal.until else ""
    return f"added goal {goal.metric} {goal_text(goal)}, from {goal.since.isoformat()}{until}"


def cmd_scorecard(args: argparse.Namespace) -> str:
    from netrack import present
    from netrack.cli_period import check_period_options, chosen_period

    check_period_options(args)  # refused before anything is opened
    repo = open_repo(args, reading=True)
    period = chosen_period(args, repo)
    card = repo.scorecard.card(period)
    # The card's deadlines: as of its end, or today if earlier (as the Scorecard screen)
    today = repo.today()
    deadlines = repo.scorecard.deadlines(min(period.end, today))
    # The text names namesakes as the agenda does (every name read only where a list
    # shows some); the JSON keeps the stored names.
    names = None
    if args.format != "json":
        people = shared_labels(repo) if card.going_cold else {}
        campaigns = repo.campaigns.told_apart() if card.stalled or deadlines else {}
        names = (people, campaigns)
    return present.render(card, args.format, deadlines, names, today)
