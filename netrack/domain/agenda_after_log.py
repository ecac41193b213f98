"""The Agenda brought up to date after one interaction is logged, without reading it all
again: the quick log's path to a fresh Agenda (as `delta` is the Scorecard's).

A log changes few of the Agenda's rows: "Logged today" gains it; the follow-ups of its
contacts (it closes their earlier open ones, and may set one); its contacts' rows in
"going cold" and "keep in touch" (their last touch moves); its campaign's row among the
stalled ones. The repository reads just those (`repo.scorecard.agenda_after_log`); this
puts them in place of the old ones, in the order a fresh read gives. Deadlines, the
pipeline's gaps and the count of cadences do not depend on interactions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from netrack.domain.cadence import touch_order, touches_due
from netrack.domain.card import Stalled
from netrack.domain.entries import FollowUp, Interaction
from netrack.domain.facts import ContactFacts
from netrack.domain.insights import Agenda, cold_among, coldest_first


@dataclass(frozen=True, slots=True)
class LogRead:
    """What the repository read after interaction `entry` was logged: `entry` as "Logged
    today" lists it; the pending follow-ups due within the Agenda's 7 days of any of its
    contacts (earliest due first); its contacts as of today (`contact_facts`); the
    setting `going_cold_days`; and the last day of this week, as far as "keep in touch"
    looks."""

    entry: Interaction
    follow_ups: Sequence[FollowUp]
    contacts: Sequence[ContactFacts]
    going_cold_days: int
    week_end: date


def agenda_after_log(agenda: Agenda, read: LogRead) -> Agenda:
    """`agenda` updated for the interaction `read.entry`, logged today (its `logged_on`
    is `agenda.today`): equal to a fresh `repo.scorecard.agenda()` as long as nothing
    else was written in between. Applying the same log twice changes nothing more."""
    today, entry = agenda.today, read.entry
    people = set(entry.contact_ids)
    logged = [i for i in agenda.logged_today if i.id != entry.id] + [entry]
    # As `Interactions.logged` orders them: newest day first, then newest first.
    logged.sort(key=lambda i: (-i.on.toordinal(), -i.id))
    # Every follow-up of its contacts is among those read: the others stay as they were.
    pending = [
        f
        for f in (*agenda.overdue, *agenda.due_today, *agenda.upcoming)
        if people.isdisjoint(f.contact_ids)
    ]
    pending += read.follow_ups
    pending.sort(key=lambda f: (f.due, f.interaction_id))  # as `FollowUps.follow_ups`
    cold = [row for row in agenda.going_cold if row.id not in people]
    cold += cold_among(read.contacts, today, read.going_cold_days)
    touch = [row for row in agenda.keep_in_touch if row.id not in people]
    touch += touches_due(
        (
            (c.id, c.name, c.met_on, c.last_touch, c.keep_in_touch, c.archived)
            for c in read.contacts
        ),
        today,
        read.week_end,
    )
    return replace(
        agenda,
        overdue=[f for f in pending if f.due < today],
        due_today=[f for f in pending if f.due == today],
        upcoming=[f for f in pending if f.due > today],
        going_cold=coldest_first(cold),
        keep_in_touch=tuple(sorted(touch, key=touch_order)),
        stalled=_stalled_after(agenda, entry),
        logged_today=logged,
    )


def _stalled_after(agenda: Agenda, entry: Interaction) -> tuple[Stalled, ...]:
    """The stalled campaigns, the entry's own touched on its day (as `insights.stalled`
    counts a linked interaction up to today): out of the list once it is recent enough."""
    if entry.campaign_id is None or entry.on > agenda.today:
        return agenda.stalled
    rows = []
    for row in agenda.stalled:
        if row.id == entry.campaign_id:
            last = max(row.last_activity, entry.on)
            row = replace(row, last_activity=last, days_idle=(agenda.today - last).days)
            if row.days_idle < agenda.stalled_days:
                continue
        rows.append(row)
    return tuple(sorted(rows, key=lambda row: (-row.days_idle, row.name, row.id)))
