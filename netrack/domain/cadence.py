"""Keep-in-touch cadence and campaign deadlines: what falls due, and when.

A contact with a cadence (`keep_in_touch`, in days) is due that many days after their
last interaction, or after met_on if there was none. The Agenda lists those due by the
end of this week and the deadlines of open campaigns within the next days; the Contacts
screen sorts by the due date.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from netrack.domain.histories import value_on
from netrack.domain.models import Stage

# Deadlines the Agenda shows: within this many days from today (and any past one).
DEADLINE_DAYS = 7


def every_text(days: int) -> str:
    """A cadence of `days` in words, as every screen and command says it: "every day",
    "every 14 days"."""
    return "every day" if days == 1 else f"every {days} days"


def next_touch(last_touch: date | None, met_on: date | None, every: int | None) -> date | None:
    """The day a contact with a cadence of `every` days falls due: `every` days after the
    last touch (else met_on); None without a cadence or without either date, or when
    that day would be past the calendar's end (year 9999): it never falls due."""
    since = last_touch or met_on
    if not every or since is None:
        return None
    if (date.max - since).days < every:
        return None
    return since + timedelta(days=every)


@dataclass(frozen=True, slots=True, kw_only=True)
class TouchDue:
    """A contact whose keep-in-touch cadence falls due on `due`."""

    id: int
    name: str
    every: int  # the cadence in days
    last_touch: date | None  # None: never touched (counted from met_on)
    due: date
    days_overdue: int  # today − due; negative: due in that many days


@dataclass(frozen=True, slots=True, kw_only=True)
class Deadline:
    """An open campaign's deadline, within the next days or already past."""

    id: int
    name: str  # "organization title"
    stage: Stage
    deadline: date
    days_left: int  # deadline − today; negative: past due
    # Where `name` ends its organization: a narrow column shortens that first
    # (`widgets.campaign_name`), keeping the title and a twin's [id:N]. For the
    # screen only: not a key of SPEC's JSON (`present`).
    organization: str = field(default="", metadata={"json": False})


def touches_due(
    contacts: Iterable[tuple[int, str, date | None, date | None, int | None, bool]],
    today: date,
    until: date,
) -> tuple[TouchDue, ...]:
    """Of `contacts` as (id, name, met_on, last_touch, every, archived): those not
    archived whose cadence falls due by `until`, most overdue first (then by name, then
    by id: an order of their own, which the Agenda's update after a log keeps)."""
    rows = []
    for cid, name, met_on, last_touch, every, archived in contacts:
        due = next_touch(last_touch, met_on, every)
        if archived or due is None or every is None or due > until:
            continue
        rows.append(
            TouchDue(
                id=cid,
                name=name,
                every=every,
                last_touch=last_touch,
                due=due,
                days_overdue=(today - due).days,
            )
        )
    return tuple(sorted(rows, key=touch_order))


def touch_order(row: TouchDue) -> tuple[date, str, int]:
    """The order of `touches_due`'s rows."""
    return row.due, row.name.casefold(), row.id


@dataclass(frozen=True, slots=True, kw_only=True)
class Deadlined:
    """A campaign with a deadline, as `deadlines_due` reads it as of any day: a past
    card lists the campaigns open at its end, in their stage then."""

    id: int
    name: str  # "organization title"
    deadline: date
    opened_on: date
    stage: Stage  # now: the stage of a campaign without history rows (an old import)
    stages: tuple[tuple[date, Stage], ...] = ()  # (from this day, stage), in history order
    organization: str = ""  # as `Deadline.organization`

    def stage_at(self, day: date) -> Stage | None:
        """The stage at the end of `day`; None before the campaign opened."""
        if self.opened_on > day:
            return None
        if not self.stages:
            return self.stage
        return value_on(self.stages, day)


def deadlines_due(campaigns: Iterable[Deadlined], today: date) -> tuple[Deadline, ...]:
    """Of `campaigns`, those open at the end of `today` (opened, and not won, lost or
    paused then) whose deadline is at most DEADLINE_DAYS away or already past, soonest
    first."""
    last = today + timedelta(days=DEADLINE_DAYS)
    rows = []
    for campaign in campaigns:
        if campaign.deadline > last:
            continue
        stage = campaign.stage_at(today)
        if stage is None or not stage.is_active:
            continue
        rows.append(
            Deadline(
                id=campaign.id,
                name=campaign.name,
                stage=stage,
                deadline=campaign.deadline,
                days_left=(campaign.deadline - today).days,
                organization=campaign.organization,
            )
        )
    return tuple(sorted(rows, key=lambda r: (r.deadline, r.name.casefold())))
