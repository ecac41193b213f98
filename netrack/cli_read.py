"""The read side of the command line: list, show, follow-ups, the agenda, goals.

Each command prints a plain table (the default) or, with `--format json`, a document a
script can rely on (see `netrack.listing`). Nothing here writes.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from netrack import listing, listing_agenda, listing_json
from netrack.cli_args import record_id
from netrack.cli_commands import shared_labels
from netrack.cli_period import list_span
from netrack.cli_session import made_by_this_read, open_repo
from netrack.domain import cadence
from netrack.domain.describe import (
    describe_referral_deleted,
    describe_time_entry_deleted,
)
from netrack.domain.resolve import name_order
from netrack.domain.time_words import describe_invested, describe_time_spent
from netrack.domain.visible import safe_json

if TYPE_CHECKING:
    import argparse

    from netrack.data.repo import Repo
    from netrack.domain.entries import Referral
    from netrack.domain.models import Campaign
    from netrack.domain.people import Contact


def _json(args: argparse.Namespace) -> bool:
    return bool(getattr(args, "format", "table") == "json")


def cmd_contact_list(args: argparse.Namespace) -> str:
    repo = open_repo(args, reading=True)
    met_since, met_until = list_span(args, repo, prefix="met-")
    met = met_since is not None or met_until is not None  # then the table shows the day
    # A period's new contacts are the card's `new_contacts`, which counts the archived
    # ones met in it: they are listed too (marked archived), so the list is the figure.
    contacts = repo.contacts.all(
        include_archived=args.archived or met, met_since=met_since, met_until=met_until
    )
    if args.archived:  # the archived ones only: the list without the flag has the rest
        contacts = [c for c in contacts if c.archived]
    if args.filter:
        # The Contacts screen's filter: words, and strength:, channel:, org: terms.
        from netrack.domain.contact_filter import haystack, parse_filter

        wanted = parse_filter(args.filter)
        contacts = [c for c in contacts if wanted.accepts(c, haystack(c))]
    if _json(args):
        return safe_json({"contacts": [listing_json.contact_json(c) for c in contacts]})
    if not contacts:
        what = "no archived contacts" if args.archived else "no contacts"
        if not args.filter:
            return what
        from netrack.domain.contact_filter import echoed

        return f"{what} matching {echoed(args.filter, width=listing.cell_width)}"
    return listing.contacts_table(contacts, met=met)


def _introducer(contact: Contact, labels: listing.Labels) -> str:
    """Who introduced `contact`, "Name (Org)" where another contact shares that name."""
    by = contact.introduced_by_id
    return labels.get(by, contact.introduced_by) if by is not None else contact.introduced_by


def cmd_contact_show(args: argparse.Namespace) -> str:
    repo = open_repo(args, reading=True)
    contact = repo.contacts.get(repo.contacts.resolve(args.name, reading=True))
    timeline = repo.activity.interactions(contact_id=contact.id)
    # All of them, done ones too, as the contact page lists them
    follow_ups = repo.activity.follow_ups(contact_id=contact.id)
    referrals = repo.referrals.all(contact_id=contact.id)
    strengths = repo.contacts.strength_history(contact.id)
    introduced = repo.contacts.introduced(contact.id)
    campaigns = [
        (campaign, link.role)
        for campaign in repo.campaigns.all()
        for link in campaign.contacts
        if link.contact_id == contact.id
    ]
    if _json(args):
        today = repo.today()
        return safe_json(
            {
                "contact": listing_json.contact_json(contact),
                "campaigns": [
                    {
                        "id": c.id,
                        "name": c.display_name,
                        "stage": c.stage.value,
                        "role": role.value if role else None,
                    }
                    for c, role in campaigns
                ],
                "follow_ups": [listing_json.follow_up_json(f, today) for f in follow_ups],
                "interactions": [listing_json.interaction_json(i) for i in timeline],
                "referrals": [listing_json.referral_json(r) for r in referrals],
                "strength_history": [listing_json.strength_json(c) for c in strengths],
                # who this contact introduced ("introduced_by" names the other way)
                "introduced": [{"id": i, "name": name} for i, name in introduced],
            }
        )
    labels = shared_labels(repo)  # read once: the follow-ups and the timeline both name people
    twins = repo.campaigns.told_apart_among(
        [*(i.campaign_id for i in timeline), *(r.campaign_id for r in referrals)]
    )
    strength = f"{contact.strength}/5" if contact.strength else None
    every = contact.keep_in_touch
    parts = [
        listing.fields_block(
            (
                ("name", contact.name + (" (archived)" if contact.archived else "")),
                ("organization", contact.organization),
                ("size band", contact.size_band),
                ("title", contact.title),
                ("function", contact.function),
                ("industry", contact.effective_industry),
                ("location", contact.effective_location),
                ("email", contact.email),
                ("phone", contact.phone),
                ("url", contact.url),
                ("channel", contact.channel.value if contact.channel else None),
                ("met on", contact.met_on),
                ("introduced by", _introducer(contact, labels)),
                ("introduced", ", ".join(labels.get(i, name) for i, name in introduced)),
                ("strength", strength),
                ("keep in touch", cadence.every_text(every) if every else None),
                ("tags", ", ".join(contact.tags)),
                ("last touch", contact.last_touch),
                ("notes", contact.notes),
            )
        )
    ]
    if campaigns:
        parts.append(
            "Campaigns\n"
            + listing.table(
                ("id", "campaign", "stage", "role"),
                (
                    (c.id, c.display_name, c.stage.value, role.value if role else None)
                    for c, role in campaigns
                ),
            )
        )
    if len(strengths) > 1:  # one entry is the strength shown above
        parts.append(
            "Strength\n"
            + listing.table(
                ("from", "strength"),
                ((c.on.isoformat(), f"{c.strength}/5" if c.strength else "—") for c in strengths),
            )
        )
    if follow_ups:
        parts.append("Follow-ups\n" + listing.follow_ups_table(follow_ups, repo.today(), labels))
    parts.append(
        "Timeline\n" + listing.interactions_table(timeline, labels, twins)
        if timeline
        else "Timeline: none"
    )
    if referrals:
        parts.append("Referrals\n" + listing.referrals_table(referrals, labels, twins))
    return "\n\n".join(parts)


def cmd_campaign_list(args: argparse.Namespace) -> str:
    from netrack.domain.models import ACTIVE_STAGES, CLOSED_STAGES

    shown = CLOSED_STAGES if args.closed else ACTIVE_STAGES
    # In pipeline order, as the kanban reads left to right; then by organization.
    campaigns = sorted(
        (c for c in open_repo(args, reading=True).campaigns.all() if c.stage in shown),
        key=lambda c: (shown.index(c.stage), name_order(c.organization), name_order(c.title)),
    )
    if _json(args):
        return safe_json({"campaigns": [listing_json.campaign_json(c) for c in campaigns]})
    if not campaigns:
        return "no closed campaigns" if args.closed else "no active campaigns"
    return listing.campaigns_table(campaigns, closed=args.closed)


def cmd_campaign_show(args: argparse.Namespace) -> str:
    repo = open_repo(args, reading=True)
    campaign = repo.campaigns.get(repo.campaigns.resolve(args.campaign))
    history = repo.campaigns.history(campaign.id)
    timeline = repo.activity.interactions(campaign_id=campaign.id)
    referrals = repo.referrals.all(campaign_id=campaign.id)
    hours = repo.time.all(campaign_id=campaign.id)
    if _json(args):
        return safe_json(
            {
                "campaign": listing_json.campaign_json(campaign),
                "history": [listing_json.stage_change_json(change) for change in history],
                "interactions": [listing_json.interaction_json(i) for i in timeline],
                "referrals": [listing_json.referral_json(r) for r in referrals],
                "time_entries": [listing_json.time_json(e) for e in hours],
            }
        )
    parts = [
        listing.fields_block(
            (
                ("campaign", campaign.title),
                ("organization", campaign.organization),
                ("stage", f"{campaign.stage.value} since {campaign.stage_since.isoformat()}"),
                ("lost reason", campaign.lost_reason),
                ("opened on", campaign.opened_on),
                ("source", campaign.source.value if campaign.source else None),
                ("time", describe_invested(repo.activity.campaign_minutes(campaign.id), hours)),
                ("priority", campaign.priority),
                ("url", campaign.url),
                ("location", campaign.location),
                ("compensation", campaign.compensation),
                ("deadline", campaign.deadline),
                ("documents", campaign.documents),
                ("next follow-up", campaign.next_follow_up),
                ("notes", campaign.notes),
            )
        )
    ]
    parts.append(_campaign_contacts(repo, campaign))
    parts.append(
        "History\n"
        + listing.table(
            # every loss's reason, an earlier one's too (the header's "lost reason" is
            # the current loss's only), as the campaign page and the JSON give it
            ("on", "from", "to", "reason", "note"),
            (
                (
                    change.on.isoformat(),
                    change.from_stage.value if change.from_stage else None,
                    change.to_stage.value,
                    change.reason or None,
                    change.note,
                )
                for change in history
            ),
        )
    )
    # A twin by its id, as the Referrals table under it names it ("Acme Eng [id:2]")
    twins = repo.campaigns.told_apart_among(e.campaign_id for e in timeline)
    parts.append(
        "Interactions\n" + listing.interactions_table(timeline, shared_labels(repo), twins)
        if timeline
        else "Interactions: none"
    )
    parts.append(_campaign_referrals(repo, referrals))
    parts.append(
        f"Time ({describe_time_spent(hours)})\n"
        + listing.table(
            ("id", "on", "minutes", "category", "note"),
            ((e.id, e.on.isoformat(), e.minutes, e.category.value, e.note) for e in hours),
        )
        if hours
        else "Time: none"
    )
    return "\n\n".join(parts)


def _campaign_contacts(repo: Repo, campaign: Campaign) -> str:
    """The people linked to a campaign with their roles; "Contacts: none" as the other
    sections say it (the section left out read as if the output stopped short)."""
    if not campaign.contacts:
        return "Contacts: none"
    labels = shared_labels(repo)  # two "Sam Lee" rows: told apart by organization
    return "Contacts\n" + listing.table(
        ("id", "name", "role"),
        (
            (
                link.contact_id,
                labels.get(link.contact_id, link.contact_name),
                link.role.value if link.role else None,
            )
            for link in campaign.contacts
        ),
    )


def _campaign_referrals(repo: Repo, referrals: list[Referral]) -> str:
    """A campaign's referrals, as `referral list --campaign` lists them."""
    if not referrals:
        return "Referrals: none"
    labels = repo.contacts.told_apart_among(r.contact_id for r in referrals)
    twins = repo.campaigns.told_apart_among(r.campaign_id for r in referrals)
    return "Referrals\n" + listing.referrals_table(referrals, labels, twins)


def cmd_interaction_list(args: argparse.Namespace) -> str:
    repo = open_repo(args, reading=True)
    since, until = list_span(args, repo)
    entries = repo.activity.interactions(
        contact_id=(
            repo.contacts.resolve(args.with_, reading=True) if args.with_ is not None else None
        ),
        campaign_id=repo.campaigns.resolve(args.campaign) if args.campaign is not None else None,
        since=since,
        until=until,
    )
    if _json(args):
        return safe_json({"interactions": [listing_json.interaction_json(e) for e in entries]})
    if not entries:
        return "no interactions"
    twins = repo.campaigns.told_apart_among(e.campaign_id for e in entries)  # "… [id:2]"
    return listing.interactions_table(entries, shared_labels(repo), twins)


def cmd_followup_list(args: argparse.Namespace) -> str:
    repo = open_repo(args, reading=True)
    today = repo.today()
    pending = repo.activity.follow_ups(pending_on=today)
    if args.overdue:
        pending = [f for f in pending if f.due < today]
    if _json(args):
        return safe_json({"follow_ups": [listing_json.follow_up_json(f, today) for f in pending]})
    if not pending:
        return "no overdue follow-ups" if args.overdue else "no pending follow-ups"
    return listing.follow_ups_table(pending, today, shared_labels(repo))


def cmd_agenda(args: argparse.Namespace) -> str:
    repo = open_repo(args, reading=True)
    agenda = repo.scorecard.agenda()
    if _json(args):
        return safe_json(listing_json.agenda_json(agenda))
    return listing_agenda.agenda_text(agenda, shared_labels(repo), repo.campaigns.told_apart())


def cmd_goal_list(args: argparse.Namespace) -> str:
    repo = open_repo(args, reading=True)
    goals = repo.goals.all()
    # No database there yet: the goals a new one starts with (`goal edit 1` would make
    # it with them), but no ids: none is stored, and ids 1-4 of a typo'd --db are none.
    stored = not made_by_this_read(repo)
    if _json(args):
        return safe_json({"goals": [listing_json.goal_json(g, stored) for g in goals]})
    if not goals:
        return "no goals"
    return listing.goals_table(goals, stored)


def cmd_org_list(args: argparse.Namespace) -> str:
    repo = open_repo(args, reading=True)
    orgs = repo.organizations.all()
    contacts = repo.organizations.contacts_at()
    campaigns = Counter(c.organization_id for c in repo.campaigns.all())
    rows = [(org, *contacts.get(org.id, (0, 0)), campaigns[org.id]) for org in orgs]
    if _json(args):
        return safe_json({"organizations": [listing_json.org_json(*row) for row in rows]})
    if not orgs:
        return "no organizations"
    return listing.orgs_table(rows)


def cmd_referral_list(args: argparse.Namespace) -> str:
    repo = open_repo(args, reading=True)
    since, until = list_span(args, repo)
    who = repo.contacts.resolve(args.with_, reading=True) if args.with_ is not None else None
    referrals = repo.referrals.all(
        contact_id=who, campaign_id=_campaign_of(repo, args), since=since, until=until
    )
    if _json(args):
        return safe_json({"referrals": [listing_json.referral_json(r) for r in referrals]})
    if not referrals:
        return "no referrals"
    labels = shared_labels(repo)  # "Sam Lee (Globex)" where another Sam Lee is kept
    twins = repo.campaigns.told_apart_among(r.campaign_id for r in referrals)
    return listing.referrals_table(referrals, labels, twins)


def cmd_referral_delete(args: argparse.Namespace) -> str:
    repo = open_repo(args)
    gone = repo.referrals.delete(record_id(args.id, "the referral id"))
    return describe_referral_deleted(gone, repo.told_apart([gone.contact_id], [gone.campaign_id]))


def cmd_time_list(args: argparse.Namespace) -> str:
    repo = open_repo(args, reading=True)
    since, until = list_span(args, repo)
    entries = repo.time.all(since=since, until=until, campaign_id=_campaign_of(repo, args))
    if _json(args):
        return safe_json({"time_entries": [listing_json.time_json(e) for e in entries]})
    if not entries:
        return "no time entries"
    twins = repo.campaigns.told_apart_among(e.campaign_id for e in entries)  # "… [id:2]"
    return listing.table(
        ("id", "on", "minutes", "category", "campaign", "note"),
        (
            (
                e.id,
                e.on.isoformat(),
                e.minutes,
                e.category.value,
                listing.campaign_named(twins, e.campaign_id, e.campaign_name),
                e.note,
            )
            for e in entries
        ),
    )


def _campaign_of(repo: Repo, args: argparse.Namespace) -> int | None:
    """The campaign `--campaign` names (resolved as everywhere), or None without it."""
    return repo.campaigns.resolve(args.campaign) if args.campaign is not None else None


def cmd_time_delete(args: argparse.Namespace) -> str:
    repo = open_repo(args)
    gone = repo.time.delete(record_id(args.id, "the time entry id"))
    return describe_time_entry_deleted(gone, repo.told_apart(campaign_ids=[gone.campaign_id]))
