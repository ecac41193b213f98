"""The demo's writer: a seeded random source and the repository, and the moves every part
of the story is written with (people, campaigns, touches, time, goals)."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from netrack.data.repo import Repo
from netrack.data.repo.strength_history import record_strength
from netrack.demo_people import ORGS, PEOPLE, Person
from netrack.demo_plans import PLANS, THIS_WEEK
from netrack.demo_text import MINUTES, NOTES, VALUE_GIVEN, VALUE_RECEIVED
from netrack.domain.goals import DEFAULT_GOALS
from netrack.domain.models import ACTIVE_STAGES, Kind, Stage

SPAN_DAYS = 84  # twelve weeks
FOLLOW_UP_DAYS = (3, 10)  # a filler touch's follow-up falls due this many days after it

# Beyond the defaults: a goal of every period kind, counting from the demo's first day.
EXTRA_GOALS: tuple[tuple[str, float, str, str, str], ...] = (
    ("interviews", 2, "at_least", "week", "keep the later stages moving"),
    ("referrals_in", 2, "at_least", "month", "warm intros beat cold applications"),
    ("interviews", 8, "at_least", "quarter", "enough rounds to land an offer this quarter"),
    ("new_contacts", 100, "at_least", "year", "a wider network than the last search"),
)


def span() -> tuple[int, int]:
    """(days before today, days after it) of the demo's earliest and latest dates: the
    first meetings of people known for years, the latest deadline or follow-up."""
    steps = (ago for plan in PLANS for ago, _, _ in plan.steps)
    before = max(SPAN_DAYS, *(person.met for person in PEOPLE), *steps)
    after = max(FOLLOW_UP_DAYS[1], *(plan.details.deadline or 0 for plan in PLANS))
    return before, after


@dataclass
class Writer:
    """Fills the database for one `today`, keeping just enough state to tell the story."""

    repo: Repo
    today: date
    rng: random.Random
    contact_ids: dict[str, int] = field(default_factory=dict)
    campaign_ids: dict[str, int] = field(default_factory=dict)
    interactions: int = 0

    def day(self, days_ago: int) -> date:
        return self.today - timedelta(days=days_ago)

    def step_day(self, ago: int) -> date:
        """The day of a campaign plan's step (days before today, or THIS_WEEK)."""
        return self.week_start if ago == THIS_WEEK else self.day(ago)

    @property
    def week_start(self) -> date:
        """Monday of today's ISO week: the scripted week, left free of random filler."""
        return self.today - timedelta(days=self.today.weekday())

    def this_week(self, weekday: int) -> date:
        """A weekday of this week, never after today."""
        return min(self.week_start + timedelta(days=weekday), self.today)

    def met_on(self, person: Person) -> date:
        if person.met_this_week is not None:
            return self.this_week(person.met_this_week)
        return self.day(person.met)

    # --- people and campaigns -------------------------------------------------------

    def contacts(self) -> None:
        for org in ORGS:
            if self.repo.organizations.find(org.name) is None:
                self.repo.organizations.add(org.name, org.industry, org.size_band, org.location)
        for person in PEOPLE:
            first = person.name.split()[0].lower().replace("é", "e").replace("ã", "a")
            domain = person.org.lower().replace(" & ", "").replace(" ", "") or "mail"
            met = self.met_on(person)
            contact = self.repo.contacts.add(
                person.name,
                organization=person.org or None,
                channel=person.channel,
                met_on=met,
                strength=person.strength_now,
                introduced_by=person.introduced_by or None,
                tags=person.tags,
                keep_in_touch=person.every,
                title=person.title,
                function=person.function,
                location=person.location,
                industry=person.industry,
                email=f"{first}@{domain}.example",
            )
            self.contact_ids[person.name] = contact.id
            if person.changes:
                self.strengths(contact.id, met, person)

    def strengths(self, contact_id: int, met: date, person: Person) -> None:
        """Date the strength history as the story has it: the strength when met, then each
        change on its day. The contact was added with today's strength (the last change),
        so only history entries are written, oldest first."""
        with self.repo.writing():
            record_strength(contact_id, met, person.strength)  # replaces the entry of `add`
            for ago, level in person.changes:
                record_strength(contact_id, self.day(ago), level)

    def campaigns(self) -> None:
        for plan in PLANS:
            opened_ago, first, _ = plan.steps[0]
            extra = plan.details
            deadline = extra.deadline
            campaign = self.repo.campaigns.add(
                plan.title,
                plan.org,
                source=plan.source,
                stage=first.value,
                opened_on=self.day(opened_ago),
                priority=plan.priority,
                location=extra.location,
                compensation=extra.compensation,
                deadline=None if deadline is None else self.today + timedelta(days=deadline),
                documents=extra.documents,
            )
            self.campaign_ids[plan.org] = campaign.id
            for name, role in plan.contacts:
                self.repo.campaigns.link_contact(campaign.id, self.contact_ids[name], role)
            # Oldest first: the repository refuses a move dated before the latest change.
            for ago, stage, note in plan.steps[1:]:
                reason = plan.lost_reason if stage == Stage.LOST else ""
                self.repo.campaigns.move(
                    campaign.id, stage, on=self.step_day(ago), note=note, reason=reason
                )

    def active_campaign_of(self, person: Person, on: date) -> int | None:
        """The campaign a touch with `person` on `on` belongs to, if one is active then."""
        for plan in PLANS:
            if person.name not in dict(plan.contacts):
                continue
            if plan.quiet_after is not None and on > self.day(plan.quiet_after):
                continue
            stage = None
            for ago, step, _ in plan.steps:
                if self.step_day(ago) <= on:
                    stage = step
            if stage in ACTIVE_STAGES:
                return self.campaign_ids[plan.org]
        return None

    # --- interactions -------------------------------------------------------------------

    def log(
        self, names: tuple[str, ...], on: date, kind: Kind, minutes: int | None = None, **extra: Any
    ) -> int:
        if minutes is None:
            low, high = MINUTES[kind]
            minutes = self.rng.randrange(low, high + 1, 5) if high > 10 else high
        # The story's user logs each touch the day it happened, unless it says otherwise
        # (`logged_on`): twelve weeks of history are not all "logged today".
        extra.setdefault("logged_on", on)
        entry = self.repo.activity.log(
            [self.contact_ids[n] for n in names], on=on, kind=kind, minutes=minutes, **extra
        )
        self.interactions += 1
        return entry.id

    def background(self) -> None:
        """Touches at a cadence that follows strength, before this week; filler notes."""
        cadence = {5: 8, 4: 11, 3: 16, 2: 26, 1: 40}
        kinds = {
            "recruiting": (Kind.CALL, Kind.EMAIL, Kind.MESSAGE, Kind.VIDEO),
            "leadership": (Kind.VIDEO, Kind.IN_PERSON, Kind.EMAIL),
        }
        default_kinds = (  # repeats weigh the choice
            Kind.IN_PERSON,
            Kind.IN_PERSON,
            Kind.VIDEO,
            Kind.VIDEO,
            Kind.CALL,
            Kind.EMAIL,
            Kind.EMAIL,
            Kind.MESSAGE,
            Kind.OTHER,
        )
        for person in PEOPLE:
            step = cadence.get(person.strength_now or 1, 40)
            first = max(self.day(SPAN_DAYS), self.met_on(person))
            last = self.week_start - timedelta(days=1)
            if person.quiet_after is not None:
                last = min(last, self.day(person.quiet_after + 1))
            on = first + timedelta(days=self.rng.randrange(0, max(1, step // 2)))
            while on <= last:
                if on.weekday() >= 5:  # weekends stay quiet
                    on += timedelta(days=7 - on.weekday())
                    continue
                self.touch(person, on, kinds.get(person.function, default_kinds))
                on += timedelta(days=max(3, step + self.rng.randint(-3, 3)))

    def touch(self, person: Person, on: date, kinds: tuple[Kind, ...]) -> None:
        kind = self.rng.choice(kinds)
        first = person.name.split()[0]
        note = self.rng.choice(NOTES[kind]).format(first=first, org=person.org or "their team")
        weight = {Kind.IN_PERSON: 0.75, Kind.VIDEO: 0.6, Kind.CALL: 0.45}.get(kind, 0.12)
        meaningful = self.rng.random() < weight
        received = ""
        if meaningful and self.rng.random() < 0.4:
            received = self.rng.choice(VALUE_RECEIVED)
            meaningful = False  # the value received makes it meaningful on its own
        given = self.rng.choice(VALUE_GIVEN) if self.rng.random() < 0.15 else ""
        cost = 0.0
        if kind == Kind.IN_PERSON:
            cost = round(self.rng.uniform(4.2, 28.0), 2)
        follow_up = None
        if self.rng.random() < 0.2:
            follow_up = on + timedelta(days=self.rng.randint(*FOLLOW_UP_DAYS))
        interaction = self.log(
            (person.name,),
            on,
            kind,
            campaign_id=self.active_campaign_of(person, on),
            meaningful=meaningful,
            value_received=received,
            value_given=given,
            cost=cost,
            follow_up_on=follow_up,
            note=note,
        )
        if follow_up is not None and follow_up < self.week_start and self.rng.random() < 0.7:
            done = max(on, follow_up - timedelta(days=self.rng.randint(0, 2)))
            # A touch of the story logged already may have closed it by then: done, with
            # nothing left to mark.
            closed = self.repo.activity.closed_since([self.contact_ids[person.name]], on)
            if closed is None or closed > done:
                self.repo.activity.mark_follow_up_done(interaction, on=done)

    def time(self) -> int:
        search = (
            "tailoring the application",
            "researching the company's stack",
            "system design practice",
            "updating the portfolio case study",
            "writing the cover letter",
        )
        busy = (
            "reformatting the CV again",
            "scrolling job boards",
            "tidying the tracking spreadsheet",
            "LinkedIn feed",
        )
        off = ("hike in Grunewald", "family day", "day off, no screens", "climbing")
        count = 0
        for ago in range(SPAN_DAYS, -1, -1):
            on = self.day(ago)
            scripted = on >= self.week_start
            if on.weekday() >= 5:
                if self.rng.random() < 0.6:
                    self.repo.time.add(
                        self.rng.choice((120, 180, 240, 300)),
                        "off",
                        on,
                        note=self.rng.choice(off),
                        logged_on=on,
                    )
                    count += 1
                continue
            self.repo.time.add(
                self.rng.randrange(45, 165, 15),
                "search",
                on,
                note=self.rng.choice(search),
                logged_on=on,
            )
            count += 1
            if self.rng.random() < 0.6:
                self.repo.time.add(
                    self.rng.randrange(15, 75, 15),
                    "networking",
                    on,
                    note="outreach messages and follow-up notes",
                    logged_on=on,
                )
                count += 1
            if scripted:
                minutes = (45, 0, 60, 30, 0)[on.weekday()]
            elif ago // 7 == 6:  # a bad week: lots of motion, little progress
                minutes = self.rng.randrange(60, 120, 15)
            else:
                minutes = self.rng.randrange(15, 90, 15) if self.rng.random() < 0.4 else 0
            if minutes:
                self.repo.time.add(
                    minutes, "busywork", on, note=self.rng.choice(busy), logged_on=on
                )
                count += 1
        return count

    def goals(self) -> int:
        """The default goals and EXTRA_GOALS, all counting from the demo's first day (a
        default goal already there, as a new database has them, gets that `since`)."""
        since = self.day(SPAN_DAYS)
        existing = {
            (g.metric, g.target, g.comparator.value, g.period.value): g.id
            for g in self.repo.goals.all()
        }
        for metric, target, comparator, period, note in DEFAULT_GOALS + EXTRA_GOALS:
            goal_id = existing.get((metric, float(target), comparator, period))
            if goal_id is not None:
                self.repo.goals.update(goal_id, since=since)
            else:
                self.repo.goals.add(metric, target, comparator, period, note, since=since)
        return len(self.repo.goals.all())
