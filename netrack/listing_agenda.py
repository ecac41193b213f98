"""The agenda as `netrack agenda` prints it: the follow-ups, keep in touch, deadlines,
going cold and stalled campaigns, then what was logged today, each as a table or a line
saying there is none (the tables themselves: `netrack.listing`)."""

from __future__ import annotations

from netrack.domain.insights import Agenda
from netrack.listing import (
    NO_LABELS,
    Labels,
    campaign_named,
    follow_ups_table,
    interaction_row,
    referral_kind,
    table,
    time_kind,
)
from netrack.listing_json import day


def _when(late: int, past: str = "overdue") -> str:
    """A day `late` days ago as the Agenda screen says it: `4d overdue`, `today`, `in 2d`."""
    if late > 0:
        return f"{late}d {past}"
    return "today" if late == 0 else f"in {-late}d"


def logged_today_table(
    agenda: Agenda, labels: Labels = NO_LABELS, campaigns: Labels = NO_LABELS
) -> str:
    """ "Logged today": the interactions as `interaction list` shows them, then the time
    entries and referrals, each a row of its kind. Their ids are of their own lists:
    named with the kind ("time 134"), a bare id is an interaction's for `interaction
    edit`, as the TUI keys them."""
    rows: list[tuple[object, ...]] = [
        interaction_row(e, labels, campaigns) for e in agenda.logged_today
    ]
    rows += [
        (
            f"time {t.id}",
            t.on.isoformat(),
            time_kind(t),
            None,
            t.minutes,
            campaign_named(campaigns, t.campaign_id, t.campaign_name),
            t.note,
        )
        for t in agenda.time_logged_today
    ]
    rows += [
        (
            f"referral {r.id}",
            r.on.isoformat(),
            referral_kind(r),
            labels.get(r.contact_id, r.contact_name),
            None,
            campaign_named(campaigns, r.campaign_id, r.campaign_name),
            r.note,
        )
        for r in agenda.referrals_logged_today
    ]
    return table(("id", "on", "kind", "with", "min", "campaign", "note"), rows)


def agenda_text(agenda: Agenda, labels: Labels = NO_LABELS, campaigns: Labels = NO_LABELS) -> str:
    """The agenda as text; `labels`: the contacts' as `people` takes them, `campaigns`:
    "Acme Eng [id:2]" for campaigns that share a name (`repo.campaigns.told_apart()`)."""
    today = agenda.today
    parts = [
        f"{today:%a %d %b %Y}: {len(agenda.overdue)} overdue · {len(agenda.due_today)} "
        f"due today · {len(agenda.upcoming)} in 7 days · {agenda.logged_count} logged today"
    ]
    follow_ups = [*agenda.overdue, *agenda.due_today, *agenda.upcoming]
    parts.append(
        "Follow-ups\n" + follow_ups_table(follow_ups, today, labels)
        if follow_ups
        else "Follow-ups: none"
    )
    if agenda.keep_in_touch:
        parts.append(
            "Keep in touch\n"
            + table(
                ("name", "every", "last touch", "due", "when"),
                (
                    (
                        labels.get(r.id, r.name),
                        f"{r.every}d",
                        day(r.last_touch),
                        day(r.due),
                        _when(r.days_overdue),
                    )
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
                    (
                        campaigns.get(r.id, r.name),
                        r.stage.value,
                        day(r.deadline),
                        _when(-r.days_left, "past due"),
                    )
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
                # The cadence: a contact is listed at its own "every 21d" before the
                # going-cold rule's days, and "25" beside a 30-day rule read as a mistake.
                ("name", "strength", "last touch", "days", "every"),
                (
                    (
                        labels.get(r.id, r.name),
                        r.strength,
                        day(r.last_touch),
                        r.days_idle,
                        None if r.keep_in_touch is None else f"{r.keep_in_touch}d",
                    )
                    for r in agenda.going_cold
                ),
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
                    (campaigns.get(r.id, r.name), r.stage.value, day(r.last_activity), r.days_idle)
                    for r in agenda.stalled
                ),
            )
        )
    else:
        parts.append("Stalled campaigns: none")
    if agenda.warnings:
        parts.append("\n".join(f"⚠ {w}" for w in agenda.warnings))
    if agenda.logged_count:
        parts.append("Logged today\n" + logged_today_table(agenda, labels, campaigns))
    else:
        parts.append("Logged today: none")
    return "\n\n".join(parts)
