"""CLI handlers that change what is there: `contact edit`, `campaign edit`, `campaign
undo`, `org edit` and `config`. Like `cli_commands`, each returns the text to print and raises the
project's errors (one line, exit 2, nothing written)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from netrack.cli_args import refuse_no_change
from netrack.cli_commands import campaign_org, contact_fields
from netrack.cli_output import note
from netrack.cli_session import future_date, open_repo, past_date
from netrack.domain.describe import describe_new_organization_close, describe_size_band_changed
from netrack.domain.errors import InputError

if TYPE_CHECKING:
    import argparse

# `--every none` / `--deadline none` clear the value on edit.
CLEAR = "none"


def every_option(text: str | None) -> str | None:
    """`--every DAYS` as the repository takes it: None leaves, "" clears."""
    if text is None:
        return None
    return "" if text.strip().lower() == CLEAR else text


def cmd_contact_edit(args: argparse.Namespace) -> str:
    refuse_no_change(
        args, "contact edit", "rename", "tag", "every", "org", "size", "channel", "met",
        "strength", "introduced_by", "title", "function", "industry", "location", "email",
        "phone", "url", "note", "on",
    )  # fmt: skip
    repo = open_repo(args)
    fields = contact_fields(args)
    strength_on = past_date(args.on)
    # The name read in the write itself: read before it, another program's rename in
    # between changed someone else.
    with repo.writing():
        contact_id = repo.contacts.resolve(args.name)
        close = repo.organizations.close_to(fields["organization"])  # a form would ask
        before = None
        if args.size is not None:  # the band it had, read before the write sets it
            before = repo.organizations.size_band_before(fields["organization"], contact_id)
        contact = repo.contacts.update(
            contact_id,
            name=args.rename,
            tags=args.tag,
            keep_in_touch=every_option(args.every),
            strength_on=strength_on,
            **fields,
        )
        band = repo.organizations.size_band_changed(before, contact)
        touched = repo.activity.touched_before_met(contact) if fields["met_on"] else None
    note(describe_new_organization_close(contact.organization, contact.organization_id, close))
    at = f" ({contact.organization})" if contact.organization else ""
    said = f"updated contact {contact.name}{at}{describe_size_band_changed(band)}"
    if touched is None:
        return said
    from netrack.domain.describe_met import describe_touched_before_met  # --met given

    return said + describe_touched_before_met(touched)


def cmd_campaign_edit(args: argparse.Namespace) -> str:
    refuse_no_change(
        args, "campaign edit", "title", "org", "source", "priority", "url", "note", "location",
        "compensation", "deadline", "documents", "on",
    )  # fmt: skip
    org = campaign_org(args.org)
    if args.on is not None and not args.on.strip():
        raise InputError("--on needs the day it opened: a campaign is always open since one")
    repo = open_repo(args)
    deadline: object = None
    if args.deadline is not None:
        clear = args.deadline.strip().lower() == CLEAR
        deadline = "" if clear else future_date(args.deadline)
    opened_on = past_date(args.on) if args.on is not None else None
    with repo.writing():  # the campaign read in the write: see cmd_contact_edit
        close = repo.organizations.close_to(org)  # a form would ask first
        campaign = repo.campaigns.update(
            repo.campaigns.resolve(args.campaign),
            title=args.title,
            organization=org,
            source=args.source,
            priority=args.priority,
            url=args.url,
            notes=args.note,
            location=args.location,
            compensation=args.compensation,
            deadline=deadline,
            documents=args.documents,
            opened_on=opened_on,
        )
        name = repo.campaigns.told(campaign)  # in the write: see cmd_log
    note(describe_new_organization_close(campaign.organization, campaign.organization_id, close))
    return f"updated campaign {name}"


def cmd_campaign_undo(args: argparse.Namespace) -> str:
    repo = open_repo(args)
    with repo.writing():  # the campaign read in the write: see cmd_contact_edit
        campaign_id = repo.campaigns.resolve(args.campaign)
        removed = repo.campaigns.undo(campaign_id)
        campaign = repo.campaigns.get(campaign_id)
        name = repo.campaigns.told(campaign)  # in the write: see cmd_log
    return (
        f"undid {name}'s move to {removed.to_stage.value} of "
        f"{removed.on.isoformat()}: back in {campaign.stage.value}"
    )


def cmd_config(args: argparse.Namespace) -> str:
    from netrack.domain.setting_words import SETTING_KEYS, setting_text, setting_value

    if args.key is not None:  # WEEK_START, going-cold-days: as options are written
        folded = args.key.strip().lower().replace("-", "_")
        args.key = folded if folded in SETTING_KEYS else args.key
    if args.key is not None and args.key not in SETTING_KEYS:
        setting_value(args.key, "")  # the one line naming the known keys
    if args.key is not None and args.value is not None:
        setting_value(args.key, args.value)  # refused before the database is opened
    repo = open_repo(args, reading=args.value is None)  # showing a setting writes nothing
    if args.key is None:
        settings = repo.goals.settings()
        return "\n".join(f"{key} {setting_text(key, settings)}" for key in SETTING_KEYS)
    if args.value is None:
        return setting_text(args.key, repo.goals.settings())
    settings = repo.goals.configure(args.key, args.value)
    return f"set {args.key} to {setting_text(args.key, settings)}"


def cmd_org_edit(args: argparse.Namespace) -> str:
    changes = (args.rename, args.industry, args.size, args.location, args.note)
    if all(change is None for change in changes):
        raise InputError("nothing to change: give --name, --industry, --size, --location or --note")
    repo = open_repo(args)
    with repo.writing():  # the organization read in the write: see cmd_contact_edit
        org = repo.organizations.update(
            repo.organizations.resolve(args.org),
            name=args.rename,
            industry=args.industry,
            size_band=args.size,
            location=args.location,
            notes=args.note,
        )
    return f"updated organization {org.name}"
