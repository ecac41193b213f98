"""The read side of the command line as JSON documents (`--format json`).

The JSON is a contract scripts rely on (documented in the README, "Scripting"): every
document is an object; dates are ISO `YYYY-MM-DD` strings or null; every record carries
its `id`; contacts and campaigns inside another record are `{"id", "name"}` objects; enum
values are their CLI spellings (`in_person`, `at_least`). Keys are only ever added.
"""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Any

from netrack.domain.cadence import Deadline, TouchDue
from netrack.domain.card import GoingCold, Stalled
from netrack.domain.entries import FollowUp, Goal, Interaction, Referral, TimeEntry
from netrack.domain.insights import Agenda
from netrack.domain.models import Campaign, StageChange
from netrack.domain.people import Contact, Organization, StrengthChange


def day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def enum_value(value: Enum | None) -> str | None:
    return value.value if value is not None else None


def _ref(id_: int | None, name: str) -> dict[str, Any] | None:
    return {"id": id_, "name": name} if id_ is not None else None


# --- JSON documents --------------------------------------------------------------------


def contact_json(contact: Contact) -> dict[str, Any]:
    return {
        "id": contact.id,
        "name": contact.name,
        "organization": _ref(contact.organization_id, contact.organization),
        "title": contact.title,
        "function": contact.function,
        "industry": contact.effective_industry,
        "location": contact.effective_location,
        "size_band": contact.size_band or None,  # unset: null, as the other enums
        "email": contact.email,
        "phone": contact.phone,
        "url": contact.url,
        "channel": enum_value(contact.channel),
        "met_on": day(contact.met_on),
        "introduced_by": _ref(contact.introduced_by_id, contact.introduced_by),
        "strength": contact.strength,
        "tags": list(contact.tags),
        "notes": contact.notes,
        "archived": contact.archived,
        "last_touch": day(contact.last_touch),
        "keep_in_touch": contact.keep_in_touch,
    }


def campaign_json(campaign: Campaign) -> dict[str, Any]:
    return {
        "id": campaign.id,
        "title": campaign.title,
        "organization": _ref(campaign.organization_id, campaign.organization),
        "name": campaign.display_name,
        "source": enum_value(campaign.source),
        "priority": campaign.priority,
        "stage": campaign.stage.value,
        "stage_since": day(campaign.stage_since),
        "opened_on": day(campaign.opened_on),
        "url": campaign.url,
        "location": campaign.location,
        "compensation": campaign.compensation,
        "deadline": day(campaign.deadline),
        "documents": campaign.documents,
        "lost_reason": campaign.lost_reason,
        "notes": campaign.notes,
        "next_follow_up": day(campaign.next_follow_up),
        "contacts": [
            {"id": link.contact_id, "name": link.contact_name, "role": enum_value(link.role)}
            for link in campaign.contacts
        ],
    }


def stage_change_json(change: StageChange) -> dict[str, Any]:
    return {
        "id": change.id,
        "from": enum_value(change.from_stage),
        "to": change.to_stage.value,
        "on": change.on.isoformat(),
        "reason": change.reason,
        "note": change.note,
    }


def interaction_json(entry: Interaction) -> dict[str, Any]:
    return {
        "id": entry.id,
        "on": entry.on.isoformat(),
        "kind": entry.kind.value,
        "contacts": [
            {"id": cid, "name": name}
            for cid, name in zip(entry.contact_ids, entry.contact_names, strict=False)
        ],
        "minutes": entry.minutes,
        "campaign": _ref(entry.campaign_id, entry.campaign_name),
        # SPEC's flag, as `export json` writes it; what the scorecard counts (the flag,
        # or something received) under a name of its own.
        "meaningful": entry.meaningful_flag,
        "counts_as_meaningful": entry.meaningful,
        "value_received": entry.value_received,
        "value_given": entry.value_given,
        "cost": entry.cost,
        "follow_up_on": day(entry.follow_up_on),
        # Done as `followup list` says: marked, or closed by a later touch.
        "follow_up_done_on": day(entry.follow_up_done),
        "note": entry.note,
        # The day it was typed in (null: imported history); a later day than `on` is a
        # back-dated entry, which the agenda's `logged_today` lists on the day it was logged.
        "logged_on": day(entry.logged_on),
    }


def follow_up_json(item: FollowUp, today: date) -> dict[str, Any]:
    return {
        # A follow-up is its interaction's: the id the table shows, `followup reopen`
        # takes and `interaction edit` changes. `interaction_id` stays: keys are only added.
        "id": item.interaction_id,
        "interaction_id": item.interaction_id,
        "due": item.due.isoformat(),
        "overdue": item.done_on is None and item.due < today,
        "done_on": day(item.done_on),
        "contacts": [
            {"id": cid, "name": name}
            for cid, name in zip(item.contact_ids, item.contact_names, strict=False)
        ],
        "origin_on": item.origin_on.isoformat(),
        "kind": item.kind.value,
        "note": item.note,
        "campaign": _ref(item.campaign_id, item.campaign_name),
    }


def referral_json(referral: Referral) -> dict[str, Any]:
    return {
        "id": referral.id,
        "contact": {"id": referral.contact_id, "name": referral.contact_name},
        "direction": referral.direction.value,
        "on": referral.on.isoformat(),
        "campaign_id": referral.campaign_id,  # kept; `campaign` names it as elsewhere
        "campaign": _ref(referral.campaign_id, referral.campaign_name),
        "note": referral.note,
        # As an interaction's: the day it was typed in (null: on its own date, a row from
        # before schema 16); a later day than `on` is back-dated (the agenda lists it then).
        "logged_on": day(referral.logged_on),
    }


def strength_json(change: StrengthChange) -> dict[str, Any]:
    return {"id": change.id, "on": change.on.isoformat(), "strength": change.strength}


def time_json(entry: TimeEntry) -> dict[str, Any]:
    return {
        "id": entry.id,
        "on": entry.on.isoformat(),
        "minutes": entry.minutes,
        "category": entry.category.value,
        "campaign_id": entry.campaign_id,  # kept; `campaign` names it as elsewhere
        "campaign": _ref(entry.campaign_id, entry.campaign_name),
        "note": entry.note,
        "logged_on": day(entry.logged_on),  # as a referral's
    }


def goal_json(goal: Goal, stored: bool = True) -> dict[str, Any]:
    """`stored` False: a goal no database holds yet (a new one's default): id null."""
    document: dict[str, Any] = {
        "id": goal.id if stored else None,
        "metric": goal.metric,
        "target": goal.target,
        "comparator": goal.comparator.value,
        "period": goal.period.value,
    }
    since = getattr(goal, "since", None)  # goals carry `since` from schema 4
    if since is not None:
        document["since"] = day(since)
    document["until"] = day(goal.until)  # schema 17: its last day, null for none
    document["note"] = goal.note
    return document


def _going_cold_json(row: GoingCold) -> dict[str, Any]:
    return {
        "id": row.id,
        "name": row.name,
        "strength": row.strength,
        "last_touch": day(row.last_touch),
        "days_idle": row.days_idle,
        "keep_in_touch": row.keep_in_touch,  # as the scorecard's going_cold has it
    }


def _stalled_json(row: Stalled) -> dict[str, Any]:
    return {
        "id": row.id,
        "name": row.name,
        "stage": row.stage.value,
        "last_activity": day(row.last_activity),
        "days_idle": row.days_idle,
    }


def _touch_json(row: TouchDue) -> dict[str, Any]:
    return {
        "id": row.id,
        "name": row.name,
        "keep_in_touch": row.every,
        "last_touch": day(row.last_touch),
        "due": row.due.isoformat(),
        "days_overdue": row.days_overdue,
    }


def _deadline_json(row: Deadline) -> dict[str, Any]:
    return {
        "id": row.id,
        "name": row.name,
        "stage": row.stage.value,
        "deadline": row.deadline.isoformat(),
        "days_left": row.days_left,
    }


def agenda_json(agenda: Agenda) -> dict[str, Any]:
    today = agenda.today
    return {
        "today": today.isoformat(),
        "overdue": [follow_up_json(f, today) for f in agenda.overdue],
        "due_today": [follow_up_json(f, today) for f in agenda.due_today],
        "upcoming": [follow_up_json(f, today) for f in agenda.upcoming],
        "going_cold": [_going_cold_json(row) for row in agenda.going_cold],
        "stalled": [_stalled_json(row) for row in agenda.stalled],
        "warnings": list(agenda.warnings),
        "logged_today": [interaction_json(i) for i in agenda.logged_today],
        "keep_in_touch": [_touch_json(row) for row in agenda.keep_in_touch],
        "deadlines": [_deadline_json(row) for row in agenda.deadlines],
        "time_logged_today": [time_json(e) for e in agenda.time_logged_today],
        "referrals_logged_today": [referral_json(r) for r in agenda.referrals_logged_today],
    }


# --- plain tables ----------------------------------------------------------------------


def org_json(org: Organization, contacts: int, archived: int, campaigns: int) -> dict[str, Any]:
    """`contacts`: the active ones, as `contact list` lists them; `archived`: the others."""
    return {
        "id": org.id,
        "name": org.name,
        "industry": org.industry,
        "size_band": org.size_band or None,  # unset: null, as the other enums
        "location": org.location,
        "notes": org.notes,
        "contacts": contacts,
        "archived_contacts": archived,
        "campaigns": campaigns,
    }
