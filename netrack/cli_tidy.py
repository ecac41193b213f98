"""Keeping the data tidy from the shell: archive, delete, merge, link, edit and remove.

Each command changes one thing in one transaction and says what it did; a refusal (a
contact with history, an unknown id) is one line and exit 2, with nothing written.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from netrack.cli_args import record_id as _id
from netrack.cli_args import refuse_no_change
from netrack.cli_commands import money, namesake_labels, told_apart
from netrack.cli_session import end_date, future_date, nearest_date, open_repo, past_date
from netrack.data.repo.base import UNSET
from netrack.domain.errors import InputError, Outmatched

if TYPE_CHECKING:
    import argparse
    from datetime import date

    from netrack.data.repo import Repo
    from netrack.data.repo.base import Unset
    from netrack.domain.entries import Goal

CLEAR = ("", "none")  # `--campaign none` / `--follow-up ''` clear the field

# A name is resolved inside the `repo.writing()` of the change it names (merges aside:
# their backup comes first). Resolved before it, another program's rename or delete in
# between made the change land on someone else (`log --with` saved an entry so).


# --- contacts -------------------------------------------------------------------------


def cmd_contact_archive(args: argparse.Namespace) -> str:
    repo = open_repo(args)
    with repo.writing():
        try:
            contact_id = repo.contacts.resolve(args.name)
        except Outmatched as refused:  # its best match is archived: nothing to do
            raise _already(refused, "already archived") from None
        contact = repo.tidy.archive_contact(contact_id)
        name = told_apart(repo, contact.id, contact.name)  # in the write: see cmd_log
    return f"archived {name}: hidden from lists and completion, history kept"


def cmd_contact_unarchive(args: argparse.Namespace) -> str:
    repo = open_repo(args)
    with repo.writing():
        try:
            contact_id = repo.contacts.resolve(args.name, archived=True)
        except Outmatched as refused:  # its best match is active: nothing to bring back
            raise _already(refused, "not archived") from None
        contact = repo.tidy.archive_contact(contact_id, archived=False)
        name = told_apart(repo, contact.id, contact.name)  # in the write: see cmd_log
    return f"brought back {name}"


def _already(refused: Outmatched, state: str) -> InputError:
    """What `archive` of a name that fits an archived contact best says (`unarchive` of
    one that fits an active contact): the no-change it is, exit 2 as other no-changes
    (`campaign move` to the stage it is in); never the weaker match acted on instead."""
    from netrack.domain.resolve import listed

    names = listed([name for _, name in refused.outside])
    verb = "is" if len(refused.outside) == 1 else "are"
    others = f"; other matches: {listed(refused.candidates)}" if refused.candidates else ""
    return InputError(f"{names} {verb} {state}{others}")


def cmd_contact_delete(args: argparse.Namespace) -> str:
    repo = open_repo(args)
    with repo.writing():
        contact_id = repo.contacts.resolve(args.name)
        # Named while still there, as archive names them: which of two Sam Lees went
        name = told_apart(repo, contact_id, repo.contacts.get(contact_id).name)
        repo.tidy.delete_contact(contact_id)
    return f"deleted contact {name}"


def cmd_contact_merge(args: argparse.Namespace) -> str:
    from netrack.data.repo.contact_merge import merge_summary
    from netrack.interop.api import safety_copy

    repo = open_repo(args)
    keep_id = repo.contacts.resolve(args.keep)
    other_id = repo.contacts.resolve(args.other)
    merged = repo.tidy.merge_contacts(
        keep_id, other_id, backup=lambda: safety_copy(repo, "before-merge")
    )
    return merge_summary(merged)


# --- organizations --------------------------------------------------------------------


def cmd_org_merge(args: argparse.Namespace) -> str:
    from netrack.data.repo.org_tidy import org_merge_summary
    from netrack.interop.api import safety_copy

    repo = open_repo(args)
    keep_id = repo.organizations.resolve_spelled(args.keep)
    other_id = repo.organizations.resolve_spelled(args.other)
    merged = repo.tidy_orgs.merge(
        keep_id, other_id, backup=lambda: safety_copy(repo, "before-merge")
    )
    return org_merge_summary(merged)


def cmd_org_delete(args: argparse.Namespace) -> str:
    repo = open_repo(args)
    with repo.writing():
        org = repo.tidy_orgs.delete(repo.organizations.resolve_spelled(args.org))
    return f"deleted organization {org.name}"


# --- campaigns ------------------------------------------------------------------------


def cmd_campaign_link(args: argparse.Namespace) -> str:
    repo = open_repo(args)
    with repo.writing():
        campaign_id = repo.campaigns.resolve(args.campaign)
        contact_id = repo.contacts.resolve(args.name)
        before = repo.campaigns.link_contact(campaign_id, contact_id, args.role)
        # Read in the write: see cmd_log
        campaign, contact = repo.campaigns.get(campaign_id), repo.contacts.get(contact_id)
        name = told_apart(repo, contact_id, contact.name)  # which of two Sam Lees
        on = repo.campaigns.told(campaign)  # which of two Acme Engs
    role = args.role.replace("_", " ")
    if before.already and before.role is not None and before.role.value != args.role:
        was = before.role.value.replace("_", " ")
        return f"{name} is {role} on {on} now, no longer {was}"
    if before.already and before.role is not None:
        return f"{name} was {role} on {on} already: nothing changed"
    return f"linked {name} to {on} as {role}"


def cmd_campaign_unlink(args: argparse.Namespace) -> str:
    repo = open_repo(args)
    with repo.writing():
        campaign_id = repo.campaigns.resolve(args.campaign)
        contact_id = repo.contacts.resolve(args.name)
        repo.tidy.unlink_contact(campaign_id, contact_id)
        campaign, contact = repo.campaigns.get(campaign_id), repo.contacts.get(contact_id)
        name = told_apart(repo, contact_id, contact.name)  # which of two Sam Lees
        on = repo.campaigns.told(campaign)  # in the write: see cmd_log
    return f"unlinked {name} from {on}"


def cmd_campaign_delete(args: argparse.Namespace) -> str:
    repo = open_repo(args)
    with repo.writing():
        twins = repo.campaigns.told_apart()  # read while the twin still shares its name
        campaign = repo.tidy.delete_campaign(repo.campaigns.resolve(args.campaign))
    told = f" [id:{campaign.id}]" if campaign.id in twins else ""
    return f"deleted campaign {campaign.display_name}{told}"


# --- interactions ---------------------------------------------------------------------


def cmd_interaction_edit(args: argparse.Namespace) -> str:

    from netrack.data.repo.base import UNSET
    from netrack.domain.describe import Named, describe_edited
    from netrack.domain.parsing import parse_duration

    interaction_id = _id(args.id, "the interaction id")
    refuse_no_change(
        args, "interaction edit", "with_", "on", "kind", "minutes", "campaign", "meaningful",
        "not_meaningful", "value_received", "value_given", "cost", "follow_up", "note",
    )  # fmt: skip
    repo = open_repo(args)
    repo.activity.get(interaction_id)  # an unknown id is named before anything else
    if args.meaningful and args.not_meaningful:
        raise InputError("give --meaningful or --not-meaningful, not both")
    with repo.writing():
        campaign = _campaign_edit(repo, args.campaign)
        follow_up: date | Unset | None = UNSET
        if args.follow_up is not None:
            blank = args.follow_up.strip().casefold() in CLEAR
            follow_up = None if blank else future_date(args.follow_up)
        edited = repo.activity.update_telling(
            interaction_id,
            contact_ids=[repo.contacts.resolve(n) for n in args.with_] if args.with_ else None,
            on=past_date(args.on),
            kind=args.kind,
            minutes=parse_duration(args.minutes) if args.minutes is not None else None,
            campaign_id=campaign,
            meaningful=True if args.meaningful else (False if args.not_meaningful else None),
            value_received=args.value_received,
            value_given=args.value_given,
            cost=money(args.cost) if args.cost is not None else None,
            follow_up_on=follow_up,
            note=args.note,
        )
        entry = edited.entry  # its names read in the write: see cmd_log
        labels = namesake_labels(repo, entry.contact_ids, *edited.follow_ups)
        twins = repo.campaigns.told_apart_among([entry.campaign_id])
    return f"#{entry.id} " + describe_edited(edited, "edited", Named(labels, twins))


def cmd_interaction_delete(args: argparse.Namespace) -> str:
    from netrack.domain.describe import Named, describe_interaction

    interaction_id = _id(args.id, "the interaction id")
    repo = open_repo(args)
    with repo.writing():  # the names read in the delete's write: see cmd_log
        entry = repo.activity.get(interaction_id)
        labels = namesake_labels(repo, entry.contact_ids)  # read while they are linked
        twins = repo.campaigns.told_apart_among([entry.campaign_id])
        reopens, later = repo.activity.delete_telling(entry.id)
        if reopens or later:  # their people may be others than its own
            labels = {**labels, **namesake_labels(repo, (), *reopens, *(f.now for f in later))}
    return f"#{entry.id} " + describe_interaction(
        entry, "deleted", reopens=reopens, named=Named(labels, twins), later=later
    )


# --- referrals and time entries -------------------------------------------------------


def _day_edit(given: str | None) -> date | None:
    """`--on DATE`: that day (never after today); not given: as it is; blank: refused."""
    if given is not None and not given.strip():
        raise InputError("--on needs a day (YYYY-MM-DD, yesterday, -3d, fri, dec 5)")
    return past_date(given)


def _campaign_edit(repo: Repo, given: str | None) -> int | Unset | None:
    """`--campaign C`: that campaign; `none` or "": no campaign; not given: as it is."""
    from netrack.data.repo.base import UNSET

    if given is None:
        return UNSET
    return None if given.strip().casefold() in CLEAR else repo.campaigns.resolve(given)


def cmd_referral_edit(args: argparse.Namespace) -> str:
    from netrack.domain.describe import describe_referral_edited

    referral_id = _id(args.id, "the referral id")
    refuse_no_change(args, "referral edit", "from_", "direction", "on", "campaign", "note")
    repo = open_repo(args)
    if not repo.referrals.all(referral_id=referral_id):  # named before anything else
        raise InputError(f"no referral with id {referral_id}")
    with repo.writing():
        now = repo.referrals.update(
            referral_id,
            contact_id=repo.contacts.resolve(args.from_) if args.from_ is not None else None,
            direction=args.direction,
            on=_day_edit(args.on),
            campaign_id=_campaign_edit(repo, args.campaign),
            note=args.note,
        )
        named = repo.told_apart([now.contact_id], [now.campaign_id])  # see cmd_log
    return describe_referral_edited(now, named)


def cmd_time_edit(args: argparse.Namespace) -> str:
    from netrack.domain.describe import describe_time_entry_edited
    from netrack.domain.parsing import parse_duration

    entry_id = _id(args.id, "the time entry id")
    refuse_no_change(args, "time edit", "duration", "category", "on", "campaign", "note")
    repo = open_repo(args)
    if not repo.time.all(entry_id=entry_id):
        raise InputError(f"no time entry with id {entry_id}")
    with repo.writing():
        now = repo.time.update(
            entry_id,
            minutes=parse_duration(args.duration) if args.duration is not None else None,
            category=args.category,
            on=_day_edit(args.on),
            campaign_id=_campaign_edit(repo, args.campaign),
            note=args.note,
        )
        named = repo.told_apart(campaign_ids=[now.campaign_id])  # in the write: see cmd_log
    return describe_time_entry_edited(now, named)


# --- goals ----------------------------------------------------------------------------


def cmd_goal_edit(args: argparse.Namespace) -> str:
    goal_id = _id(args.id, "the goal id")
    if args.start is not None and (args.target is None or args.note or args.until):
        raise InputError("--from goes with --target alone: the new target from that day on")
    if args.target is None and args.note is None and args.until is None:
        raise InputError("nothing to change: give --target, --note and/or --until")
    from netrack.domain.goal_words import goal_text  # as `goal add` and `goal list`

    repo = open_repo(args)
    if args.start is not None:
        ended, new = repo.goals.retarget(goal_id, args.target, _goal_day(args.start, "--from"))
        return (
            f"goal #{ended.id} {ended.metric} {goal_text(ended)} ends on {_until(ended)}; "
            f"goal #{new.id} {new.metric} {goal_text(new)} counts from {new.since.isoformat()}"
        )
    until: date | Unset | None = UNSET
    if args.until is not None:  # `none` (or ""): the end taken away
        until = (
            None if args.until.strip().lower() in CLEAR else _goal_day(args.until, "--until", True)
        )
    goal = repo.goals.update(goal_id, until=until, target=args.target, note=args.note)
    ends = f", until {_until(goal)}" if goal.until else (", no end" if args.until else "")
    return f"goal #{goal.id} is now {goal.metric} {goal_text(goal)}{ends}"


def cmd_goal_end(args: argparse.Namespace) -> str:
    goal_id = _id(args.id, "the goal id")
    on = _goal_day(args.on, "--on", True) if args.on is not None else None
    goal = open_repo(args).goals.end(goal_id, on)
    from netrack.domain.goal_words import goal_text

    return f"goal #{goal.id} {goal.metric} {goal_text(goal)} ends on {_until(goal)}"


def _goal_day(text: str, option: str, last: bool = False) -> date:
    """A goal's day, either side of today (as `goal add --since`); its `last` day, a
    weekday the next one (`cli_session.end_date`)."""
    day = end_date(text) if last else nearest_date(text)
    if day is None:
        raise InputError(f"{option} needs a date")
    return day


def _until(goal: Goal) -> str:
    return goal.until.isoformat() if goal.until else "no end"


def cmd_goal_delete(args: argparse.Namespace) -> str:
    repo = open_repo(args)
    goal_id = _id(args.id, "the goal id")
    goal = next((g for g in repo.goals.all() if g.id == goal_id), None)
    if goal is None:
        raise InputError(f"no goal with id {goal_id}")
    repo.goals.delete(goal_id)
    return f"deleted goal #{goal.id} ({goal.metric}, a {goal.period.value})"
