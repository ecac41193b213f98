"""The read side of the command line, shown: records as JSON documents and plain tables.

The JSON is a contract scripts rely on (documented in the README, "Scripting"): every
document is an object; dates are ISO `YYYY-MM-DD` strings or null; every record carries
its `id`; contacts and campaigns inside another record are `{"id", "name"}` objects; enum
values are their CLI spellings (`in_person`, `at_least`). Keys are only ever added.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from datetime import date
from enum import Enum
from typing import Any

from netrack.domain.cadence import Deadline, TouchDue
from netrack.domain.card import GoingCold, Stalled
from netrack.domain.insights import Agenda
from netrack.domain.models import (
    Campaign,
    Contact,
    FollowUp,
    Goal,
    Interaction,
    Organization,
    Referral,
    StageChange,
    TimeEntry,
)
from netrack.domain.visible import visible
from netrack.present_format import goal_target

NULL = "—"


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _enum(value: Enum | None) -> str | None:
    return value.value if value is not None else None


def _when(late: int, past: str = "overdue") -> str:
    """A day `late` days ago as the Agenda screen says it: `4d overdue`, `today`, `in 2d`."""
    if late > 0:
        return f"{late}d {past}"
    return "today" if late == 0 else f"in {-late}d"


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
        "size_band": contact.size_band,
        "email": contact.email,
        "phone": contact.phone,
        "url": contact.url,
        "channel": _enum(contact.channel),
        "met_on": _day(contact.met_on),
        "introduced_by": _ref(contact.introduced_by_id, contact.introduced_by),
        "strength": contact.strength,
        "tags": list(contact.tags),
        "notes": contact.notes,
        "archived": contact.archived,
        "last_touch": _day(contact.last_touch),
        "keep_in_touch": contact.keep_in_touch,
    }


def campaign_json(campaign: Campaign) -> dict[str, Any]:
    return {
        "id": campaign.id,
        "title": campaign.title,
        "organization": _ref(campaign.organization_id, campaign.organization),
        "name": campaign.display_name,
        "source": _enum(campaign.source),
        "priority": campaign.priority,
        "stage": campaign.stage.value,
        "stage_since": _day(campaign.stage_since),
        "opened_on": _day(campaign.opened_on),
        "url": campaign.url,
        "location": campaign.location,
        "compensation": campaign.compensation,
        "deadline": _day(campaign.deadline),
        "documents": campaign.documents,
        "lost_reason": campaign.lost_reason,
        "notes": campaign.notes,
        "next_follow_up": _day(campaign.next_follow_up),
        "contacts": [
            {"id": link.contact_id, "name": link.contact_name, "role": _enum(link.role)}
            for link in campaign.contacts
        ],
    }


def stage_change_json(change: StageChange) -> dict[str, Any]:
    return {
        "id": change.id,
        "from": _enum(change.from_stage),
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
        "meaningful": entry.meaningful,
        "value_received": entry.value_received,
        "value_given": entry.value_given,
        "cost": entry.cost,
        "follow_up_on": _day(entry.follow_up_on),
        "follow_up_done_on": _day(entry.follow_up_done_on),
        "note": entry.note,
        # The day it was typed in (null: imported history); a later day than `on` is a
        # back-dated entry, which the agenda's `logged_today` lists on the day it was logged.
        "logged_on": _day(entry.logged_on),
    }


def follow_up_json(item: FollowUp, today: date) -> dict[str, Any]:
    return {
        "interaction_id": item.interaction_id,
        "due": item.due.isoformat(),
        "overdue": item.done_on is None and item.due < today,
        "done_on": _day(item.done_on),
        "contacts": [
            {"id": cid, "name": name}
            for cid, name in zip(item.contact_ids, item.contact_names, strict=False)
        ],
        "origin_on": item.origin_on.isoformat(),
        "kind": item.kind.value,
        "note": item.note,
        "campaign": item.campaign_name or None,
    }


def referral_json(referral: Referral) -> dict[str, Any]:
    return {
        "id": referral.id,
        "contact": {"id": referral.contact_id, "name": referral.contact_name},
        "direction": referral.direction.value,
        "on": referral.on.isoformat(),
        "campaign_id": referral.campaign_id,
        "note": referral.note,
    }


def time_json(entry: TimeEntry) -> dict[str, Any]:
    return {
        "id": entry.id,
        "on": entry.on.isoformat(),
        "minutes": entry.minutes,
        "category": entry.category.value,
        "campaign_id": entry.campaign_id,
        "note": entry.note,
    }


def goal_json(goal: Goal) -> dict[str, Any]:
    document: dict[str, Any] = {
        "id": goal.id,
        "metric": goal.metric,
        "target": goal.target,
        "comparator": goal.comparator.value,
        "period": goal.period.value,
    }
    since = getattr(goal, "since", None)  # goals carry `since` from schema 4
    if since is not None:
        document["since"] = _day(since)
    document["note"] = goal.note
    return document


def _going_cold_json(row: GoingCold) -> dict[str, Any]:
    return {
        "id": row.id,
        "name": row.name,
        "strength": row.strength,
        "last_touch": _day(row.last_touch),
        "days_idle": row.days_idle,
    }


def _stalled_json(row: Stalled) -> dict[str, Any]:
    return {
        "id": row.id,
        "name": row.name,
        "stage": row.stage.value,
        "last_activity": _day(row.last_activity),
        "days_idle": row.days_idle,
    }


def _touch_json(row: TouchDue) -> dict[str, Any]:
    return {
        "id": row.id,
        "name": row.name,
        "keep_in_touch": row.every,
        "last_touch": _day(row.last_touch),
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
    }


# --- plain tables ----------------------------------------------------------------------


def cell_width(text: str) -> int:
    """Terminal cells `text` takes: East Asian wide characters two, combining marks none."""
    width = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width


def table(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """Columns padded to their widest cell (in terminal cells); None shows as a dash. A
    cell is one line whatever its text holds: a note's newline shows as ␊ (and every
    control character as its stand-in, measured as it will be printed)."""
    body = [[NULL if v is None or v == "" else visible(str(v)) for v in row] for row in rows]
    widths = [cell_width(h) for h in headers]
    for row in body:
        widths = [max(w, cell_width(v)) for w, v in zip(widths, row, strict=True)]

    def line(cells: Sequence[str]) -> str:
        padded = [c + " " * (w - cell_width(c)) for c, w in zip(cells, widths, strict=True)]
        return "  ".join(padded).rstrip()

    return "\n".join([line(headers), *(line(row) for row in body)])


def fields_block(pairs: Iterable[tuple[str, object]]) -> str:
    """`label  value` lines for the fields that are set, labels aligned."""
    shown = [(k, str(v)) for k, v in pairs if v not in (None, "", (), [])]
    width = max((cell_width(k) for k, _ in shown), default=0)
    return "\n".join(f"{k}{' ' * (width - cell_width(k))}  {v}" for k, v in shown)


def org_json(org: Organization, contacts: int, campaigns: int) -> dict[str, Any]:
    return {
        "id": org.id,
        "name": org.name,
        "industry": org.industry,
        "size_band": org.size_band,
        "location": org.location,
        "notes": org.notes,
        "contacts": contacts,
        "campaigns": campaigns,
    }


def orgs_table(rows: Sequence[tuple[Organization, int, int]]) -> str:
    return table(
        ("id", "organization", "industry", "size", "location", "contacts", "campaigns"),
        (
            (o.id, o.name, o.industry or None, o.size_band or None, o.location or None, n, m)
            for o, n, m in rows
        ),
    )


def contacts_table(contacts: Sequence[Contact]) -> str:
    return table(
        ("id", "name", "organization", "strength", "last touch", "channel"),
        (
            (
                c.id,
                c.name + (" (archived)" if c.archived else ""),
                c.organization,
                c.strength,
                _day(c.last_touch),
                _enum(c.channel),
            )
            for c in contacts
        ),
    )


def campaigns_table(campaigns: Sequence[Campaign]) -> str:
    return table(
        ("id", "organization", "title", "stage", "since", "source", "next follow-up"),
        (
            (
                c.id,
                c.organization,
                c.title,
                c.stage.value,
                _day(c.stage_since),
                _enum(c.source),
                _day(c.next_follow_up),
            )
            for c in campaigns
        ),
    )


def interactions_table(entries: Sequence[Interaction]) -> str:
    return table(
        ("id", "on", "kind", "with", "min", "campaign", "note"),
        (
            (
                e.id,
                e.on.isoformat(),
                e.kind.value + (" !" if e.meaningful else ""),
                ", ".join(e.contact_names),
                e.minutes or None,
                e.campaign_name,
                e.note,
            )
            for e in entries
        ),
    )


def follow_ups_table(items: Sequence[FollowUp], today: date) -> str:
    return table(
        ("due", "with", "from", "kind", "note"),
        (
            (
                f.due.isoformat() + (" overdue" if f.done_on is None and f.due < today else ""),
                ", ".join(f.contact_names),
                f.origin_on.isoformat(),
                f.kind.value,
                f.note,
            )
            for f in items
        ),
    )


def goals_table(goals: Sequence[Goal]) -> str:
    return table(
        ("id", "metric", "target", "period", "since", "note"),
        (
            (
                g.id,
                g.metric,
                goal_target(g),
                g.period.value,
                _day(getattr(g, "since", None)),
                g.note,
            )
            for g in goals
        ),
    )


def agenda_text(agenda: Agenda) -> str:
    today = agenda.today
    parts = [
        f"{today:%a %d %b %Y}: {len(agenda.overdue)} overdue · {len(agenda.due_today)} "
        f"due today · {len(agenda.upcoming)} in 7 days · {len(agenda.logged_today)} logged today"
    ]
    follow_ups = [*agenda.overdue, *agenda.due_today, *agenda.upcoming]
    parts.append(
        "Follow-ups\n" + follow_ups_table(follow_ups, today) if follow_ups else "Follow-ups: none"
    )
    if agenda.keep_in_touch:
        parts.append(
            "Keep in touch\n"
            + table(
                ("name", "every", "last touch", "due", "when"),
                (
                    (r.name, f"{r.every}d", _day(r.last_touch), _day(r.due), _when(r.days_overdue))
                    for r in agenda.keep_in_touch
                ),
            )
        )
    else:
        parts.append("Keep in touch: nobody due this week")
    if agenda.deadlines:
        parts.append(
            "Deadlines\n"
            + table(
                ("campaign", "stage", "deadline", "when"),
                (
                    (r.name, r.stage.value, _day(r.deadline), _when(-r.days_left, "past due"))
                    for r in agenda.deadlines
                ),
            )
        )
    else:
        parts.append("Deadlines: none in the next 7 days")
    if agenda.going_cold:
        parts.append(
            "Going cold\n"
            + table(
                ("name", "strength", "last touch", "days"),
                ((r.name, r.strength, _day(r.last_touch), r.days_idle) for r in agenda.going_cold),
            )
        )
    else:
        parts.append("Going cold: none")
    if agenda.stalled:
        parts.append(
            "Stalled campaigns\n"
            + table(
                ("campaign", "stage", "last activity", "days idle"),
                (
                    (r.name, r.stage.value, _day(r.last_activity), r.days_idle)
                    for r in agenda.stalled
                ),
            )
        )
    else:
        parts.append("Stalled campaigns: none")
    if agenda.warnings:
        parts.append("\n".join(f"⚠ {w}" for w in agenda.warnings))
    if agenda.logged_today:
        parts.append("Logged today\n" + interactions_table(agenda.logged_today))
    return "\n\n".join(parts)
