"""Loading the facts a scorecard needs, bounded to the dates it looks at (brought up
to date after a log instead: `card_after_log`), and the Agenda's reads."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING

from netrack.data import tables as t
from netrack.data.repo.activity import Activity
from netrack.data.repo.base import Days, stored, tuples
from netrack.data.repo.card_after_log import CardAfterLog
from netrack.data.repo.card_facts import (
    campaign_facts,
    contact_facts,
    follow_up_facts,
    history_order,
    interaction_facts,
    stage_of,
)
from netrack.data.repo.goals import Goals
from netrack.data.store import Store
from netrack.domain.entries import Goal
from netrack.domain.gc_pause import paused
from netrack.domain.models import Direction, GoalPeriod, Stage, TimeCategory

# The metrics, the insights, their facts and periods load on first use: `Repo` carries
# this module, and `netrack log …` (which never computes a card) and the TUI's first
# screen must start in a blink.
if TYPE_CHECKING:
    from netrack.data.repo.referrals_time import Referrals, TimeEntries
    from netrack.domain.cadence import Deadline, Deadlined
    from netrack.domain.card import GoalResult
    from netrack.domain.card import Scorecard as Card
    from netrack.domain.facts import ContactFacts, ScorecardInputs
    from netrack.domain.insights import Agenda
    from netrack.domain.weeks import Period


# Looked up rather than called: an enum's call costs microseconds, and a year card reads
# thousands of referrals and time entries.
_DIRECTIONS = {direction.value: direction for direction in Direction}
_CATEGORIES = {category.value: category for category in TimeCategory}


def _go_on() -> None:
    """No check between a card's reads: read them all."""


class Scorecard(CardAfterLog):
    """The scorecard's and the agenda's reads: `repo.scorecard`."""

    def __init__(
        self,
        store: Store,
        activity: Activity,
        goals: Goals,
        referrals: Referrals,
        time: TimeEntries,
    ) -> None:
        super().__init__(store)
        self.activity = activity
        self.goals = goals
        self.referrals = referrals  # the Agenda's "Logged today" lists them too
        self.time = time
        # Kept across reads: a card parses the same few thousand days each time.
        self._days = Days()

    def week(self, day: date | None = None) -> Period:
        from netrack.domain.weeks import check_card_day, week_of

        return week_of(check_card_day(day or self.today()), self.goals.settings().week_start)

    def period(self, kind: str = "week", day: date | None = None) -> Period:
        """The week, month, quarter or year containing `day` (default: today)."""
        from netrack.domain.weeks import check_card_day, period_of

        return period_of(
            check_card_day(day or self.today()), kind, self.goals.settings().week_start
        )

    def card(self, period: Period) -> Card:
        """SPEC's card for `period`, with past weeks replayed as they were then."""
        return self.cards((period,))[0]

    def cards(self, periods: Sequence[Period]) -> list[Card]:
        """`card` of each of `periods`; those read as of the same day share the contact
        facts the first of them read (`inputs(contacts=)`): the running week, month,
        quarter and year are all read as of today, and on a long history the contacts
        are half of a card's reads."""
        from netrack.domain import metrics

        return [metrics.scorecard(inputs, period) for period, inputs in self._read(periods)]

    def goals_of(self, periods: Sequence[Period]) -> list[tuple[GoalResult, ...]]:
        """The goals of the card of each of `periods`, as `cards` has them, without the
        rest of each card (`metrics.goal_results`): what the Goals screen shows."""
        from netrack.domain import metrics

        return [metrics.goal_results(inputs, period) for period, inputs in self._read(periods)]

    def running_goals(self, goals: Sequence[Goal]) -> dict[int, GoalResult]:
        """Each of `goals` judged on the running card of its own kind, to today (a month
        goal on this month's), as `scorecard --period month` judges it, by id; a goal
        counting from after its running period, or ended before it, is not here.

        Two reads at most: the week's card for week goals, the year's for the others. A
        running year card measures a month or quarter goal on the month or quarter
        holding today, to today (`card_days.goal_span`), as that period's own card does:
        where there were three more reads, one (tests/db/test_scorecard_cards.py)."""
        from netrack.domain.card_days import on_card

        # Each kind's running period, worked out once (each `period` reads the settings)
        running = {kind: self.period(kind.value) for kind in GoalPeriod}
        week, year = running[GoalPeriod.WEEK], running[GoalPeriod.YEAR]
        today, week_start = self.today(), self.goals.settings().week_start
        on: dict[Period, set[int]] = {}
        for goal in goals:
            # Else it counts later, or ends before its running period does
            if on_card(goal, running[goal.period], today, week_start):
                on.setdefault(week if goal.period == GoalPeriod.WEEK else year, set()).add(goal.id)
        found: dict[int, GoalResult] = {}
        for results, ids in zip(self.goals_of(list(on)), on.values(), strict=True):
            found.update((g.id, g) for g in results if g.id in ids)
        return found

    def _read(self, periods: Sequence[Period]) -> Iterator[tuple[Period, ScorecardInputs]]:
        from netrack.domain import card_days
        from netrack.domain.weeks import CARD_YEARS, check_card_day

        today = self.today()
        read: dict[date, tuple[ContactFacts, ...]] = {}
        for period in periods:
            # A period on the card years' edge fits: a week may end in the year after
            # the last (9998-W53), or start in the year before the first (1900-W01 of
            # Sunday weeks starts on 1899-12-31, and `--on 1900-01-01` was refused).
            check_card_day(period.start if period.start.year >= CARD_YEARS[0] else period.end)
            day = card_days.as_of(period, today)
            with paused():
                inputs = self.inputs(period, read.get(day))
            read.setdefault(day, inputs.contacts)
            yield period, inputs

    def inputs(
        self,
        period: Period,
        contacts: tuple[ContactFacts, ...] | None = None,
        between_reads: Callable[[], None] | None = None,
    ) -> ScorecardInputs:
        """The facts of the card for `period` (see `ScorecardInputs`).

        `contacts`: the contact facts of another card read on the same data with the same
        as-of day (`card_days.as_of`), taken as they are instead of read again: the TUI's
        cards of the running week, month, quarter and year all have today's, and on a
        long history they are half of a card's reads. `between_reads`: called after each
        of the long reads; it may raise to stop reading (a card computed ahead that no
        one waits for any more: on a long history each read is a few hundred ms).
        """
        with paused():  # thousands of rows become objects: see gc_pause
            return self._inputs(period, contacts, between_reads or _go_on)

    def _inputs(
        self,
        period: Period,
        contacts: tuple[ContactFacts, ...] | None,
        between_reads: Callable[[], None],
    ) -> ScorecardInputs:
        from netrack.data.repo.trend_days import meaningful_days, trend_days
        from netrack.domain import card_days
        from netrack.domain.facts import ReferralFacts, ScorecardInputs, TimeFacts

        settings = self.goals.settings()
        goals = tuple(self.goals.all())
        today = self.today()
        days = self._days
        start, end = card_days.card_window(period, goals, today, settings.week_start)
        # Last touches are read "at period end": as of today while the period runs.
        as_of_day = card_days.as_of(period, today)
        # Its own days row by row (a year card: its last 90; the first months summed)
        detail = card_days.detail_start(period, goals, today, settings.week_start)
        due_from = min(detail, period.start)  # follow-ups due in the period: one by one
        campaigns = campaign_facts(days, end, as_of_day)
        between_reads()
        interactions = interaction_facts(days, detail, end, given_from=period.start)
        between_reads()
        if contacts is None:
            contacts = contact_facts(days, as_of_day)
            between_reads()
        return ScorecardInputs(
            campaigns=campaigns,
            interactions=interactions,
            contacts=contacts,
            follow_ups=follow_up_facts(self._days, due_from, end),
            referrals=tuple(
                ReferralFacts(
                    days[on],
                    _DIRECTIONS.get(direction)
                    or stored(Direction, direction, "a referral's direction"),
                )
                for on, direction in tuples(
                    t.Referral.select(t.Referral.on, t.Referral.direction).where(
                        t.Referral.on.between(start, end)
                    )
                )
            ),
            time_entries=tuple(
                TimeFacts(
                    days[on],
                    minutes,
                    _CATEGORIES.get(category)
                    or stored(TimeCategory, category, "a time entry's category"),
                    campaign,
                )
                for on, minutes, category, campaign in tuples(
                    t.TimeEntry.select(
                        t.TimeEntry.on,
                        t.TimeEntry.minutes,
                        t.TimeEntry.category,
                        t.TimeEntry.campaign,
                    ).where(t.TimeEntry.on.between(detail, end))
                )
            ),
            goals=goals,
            settings=settings,
            today=today,
            detail_from=detail,
            trend_days=trend_days(
                start,
                detail - timedelta(days=1),
                card_days.trend_cuts(period, today, settings.week_start, detail),
                card_days.whole_trend_runs(period, today, settings.week_start, detail),
                keep=self.store.keeps_trend_sums,
            ),
            span_sums=self._span_sums(period, detail, today),
            meaningful_days=meaningful_days(
                days, card_days.window_start(period, today), detail - timedelta(days=1)
            ),
        )

    def deadline_rows(self) -> list[Deadlined]:
        """The campaigns with a deadline, with their stage history: what
        `cadence.deadlines_due` picks from, as of any day."""
        from netrack.domain.cadence import Deadlined

        dated = t.Campaign.deadline.is_null(False)
        query = (
            t.Campaign.select(
                t.Campaign.id,
                t.Organization.name,
                t.Campaign.title,
                t.Campaign.stage,
                t.Campaign.deadline,
                t.Campaign.opened_on,
            )
            .join(t.Organization)
            .where(dated)
        )
        changes = t.StageChange.select(
            t.StageChange.campaign,
            t.StageChange.on,
            t.StageChange.id,
            t.StageChange.from_stage,
            t.StageChange.to_stage,
        ).where(t.StageChange.campaign.in_(t.Campaign.select(t.Campaign.id).where(dated)))
        days = self._days
        stages: dict[int, list[tuple[date | None, Stage]]] = {}
        for cid, on, _id, before, after in sorted(tuples(changes), key=history_order):
            if cid not in stages and before:  # no opening row (an old import): the stage
                stages[cid] = [(None, stage_of(before))]  # it left was its stage since
            stages.setdefault(cid, []).append((days[on], stage_of(after)))
        rows = []
        for cid, org, title, stage, deadline, opened in tuples(query):
            opened_on = days[opened]
            history = tuple((on or opened_on, s) for on, s in stages.get(cid, ()))
            rows.append(
                Deadlined(
                    id=cid,
                    name=f"{org} {title}",
                    deadline=days[deadline],
                    opened_on=opened_on,
                    stage=stage_of(stage),
                    stages=history,
                    organization=org,
                )
            )
        return rows

    def deadlines(self, as_of: date) -> tuple[Deadline, ...]:
        """Open campaigns' deadlines within DEADLINE_DAYS of `as_of`, or past (the
        Agenda's, as of today; the card's, as of its end or today if earlier)."""
        from netrack.domain import cadence

        return cadence.deadlines_due(self.deadline_rows(), as_of)

    def agenda(self, today: date | None = None) -> Agenda:
        from netrack.domain import cadence, insights
        from netrack.domain.insights import Agenda

        day = today or self.today()
        inputs = self._agenda_inputs(day)
        pending = self.activity.follow_ups(pending_on=day, due_by=day + timedelta(days=7))
        # Contacts' last touches come with the Agenda's facts (read for every contact with
        # a cadence); deadlines straight from the campaigns that have one.
        week_end = self.week(day).end
        due = cadence.touches_due(
            (
                (c.id, c.name, c.met_on, c.last_touch, c.keep_in_touch, c.archived)
                for c in inputs.contacts
            ),
            day,
            week_end,
        )
        return Agenda(
            today=day,
            overdue=[f for f in pending if f.due < day],
            due_today=[f for f in pending if f.due == day],
            upcoming=[f for f in pending if f.due > day],
            going_cold=insights.going_cold(inputs, day),
            stalled=insights.stalled(inputs, day),
            warnings=insights.pipeline_warnings(inputs, day),
            logged_today=self.activity.logged(day),
            # As interactions: dated today, then typed today about an earlier day.
            time_logged_today=self.time.all(logged_on=day),
            referrals_logged_today=self.referrals.all(logged_on=day),
            keep_in_touch=due,
            deadlines=self.deadlines(day),
            stalled_days=inputs.settings.stalled_days,
            cadences=sum(
                1 for c in inputs.contacts if c.keep_in_touch is not None and not c.archived
            ),
        )

    def _agenda_inputs(self, day: date) -> ScorecardInputs:
        """The facts the Agenda computes its lists from, as of `day`: the campaigns and
        the contacts that can go cold or fall due (`contact_facts(may_go_cold=True)`),
        not a card's other reads (follow-up facts, time, referrals, trends). Its stalled
        campaigns need no interactions: each campaign's last touch by `day` comes with
        its facts. On a ten-times history, ~40% of the Agenda's read."""
        from netrack.domain.facts import ScorecardInputs

        days = self._days
        with paused():  # thousands of rows become objects: see gc_pause
            return ScorecardInputs(
                campaigns=campaign_facts(days, day, day),
                contacts=contact_facts(days, day, may_go_cold=True),
                settings=self.goals.settings(),
                today=day,
                detail_from=day,
            )

    def agenda_after_log(self, agenda: Agenda, interaction_id: int) -> Agenda | None:
        """`agenda` brought up to date for interaction `interaction_id`, just logged, from
        a few reads of that entry (`agenda_after_log.agenda_after_log`); None when it is
        not one "Logged today" lists (then read the Agenda afresh). On a ten-times
        history a fresh Agenda reads for ~0.6 s; this, for a few milliseconds."""
        from netrack.domain.agenda_after_log import LogRead, agenda_after_log

        day = agenda.today
        found = self.activity.logged(day, only=interaction_id)
        if not found or self.today() != day:
            return None
        entry = found[0]
        pending = self.activity.follow_ups(
            pending_on=day, due_by=day + timedelta(days=7), contact_ids=entry.contact_ids
        )
        contacts = contact_facts(self._days, day, only=entry.contact_ids)
        settings = self.goals.settings()
        read = LogRead(entry, pending, contacts, settings.going_cold_days, self.week(day).end)
        return agenda_after_log(agenda, read)
