"""Loading the facts a scorecard needs, bounded to the dates it looks at."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from peewee import JOIN, Case, fn

from netrack.data import tables as t
from netrack.data.engines import unindexed
from netrack.data.repo.activity import Activity
from netrack.data.repo.base import Service, must_date, tuples
from netrack.data.repo.goals import Goals
from netrack.data.store import Store
from netrack.domain.errors import InputError
from netrack.domain.gc_pause import paused
from netrack.domain.models import Direction, Kind, Stage, TimeCategory

# The metrics, the insights, their facts and periods load on first use: `Repo` carries
# this module, and `netrack log …` (which never computes a card) and the TUI's first
# screen must start in a blink.
if TYPE_CHECKING:
    from netrack.domain.cadence import Deadline
    from netrack.domain.card import Scorecard as Card
    from netrack.domain.facts import (
        CampaignFacts,
        ContactFacts,
        FollowUpFacts,
        InteractionFacts,
        ScorecardInputs,
        SpanSums,
        TrendDay,
    )
    from netrack.domain.insights import Agenda
    from netrack.domain.weeks import Period


_KINDS = {kind.value: kind for kind in Kind}
_STAGES = {stage.value: stage for stage in Stage}
# Looked up rather than called: an enum's call costs microseconds, and a year card reads
# thousands of referrals and time entries.
_DIRECTIONS = {direction.value: direction for direction in Direction}
_CATEGORIES = {category.value: category for category in TimeCategory}


class _Days(dict[object, date]):
    """ISO text → `date`, parsed once per distinct day: a card reads thousands of rows
    over a few hundred days, and parsing dominated its bulk reads. As many entries as
    distinct days in the history (under 4,000 for ten years)."""

    def __missing__(self, text: object) -> date:
        day = must_date(text)  # type: ignore[arg-type]
        self[text] = day
        return day


def _stage(value: str) -> Stage:
    return _STAGES.get(value) or Stage(value)


def _history_order(row: tuple[Any, ...]) -> tuple[Any, ...]:
    """(campaign, date, entry order) of a stage change row; ISO dates sort as text."""
    return row[0], str(row[1]), row[2]


class Scorecard(Service):
    """The scorecard's and the agenda's reads: `repo.scorecard`."""

    def __init__(self, store: Store, activity: Activity, goals: Goals) -> None:
        super().__init__(store)
        self.activity = activity
        self.goals = goals
        # Kept across reads: a card parses the same few thousand days each time.
        self._days = _Days()

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
        from netrack.domain import metrics
        from netrack.domain.weeks import check_card_day

        check_card_day(period.start)  # its end may run into the next year: that fits

        with paused():
            return metrics.scorecard(self.inputs(period), period)

    def inputs(self, period: Period) -> ScorecardInputs:
        """The facts of the card for `period` (see `ScorecardInputs`)."""
        with paused():  # thousands of rows become objects: see gc_pause
            return self._inputs(period)

    def _inputs(self, period: Period) -> ScorecardInputs:
        from netrack.data.repo.trend_days import trend_days
        from netrack.domain import card_days
        from netrack.domain.facts import ReferralFacts, ScorecardInputs, TimeFacts

        settings = self.goals.settings()
        goals = tuple(self.goals.all())
        today = self.today()
        days = self._days
        start, end = card_days.card_window(period, goals, today, settings.week_start)
        # A year card reads its last 90 days row by row, its first months summed.
        detail = card_days.detail_start(
            period, goals, today, settings.week_start, with_period=False
        )
        due_from = min(detail, period.start)  # follow-ups due in the period: one by one
        return ScorecardInputs(
            campaigns=self._campaign_facts(end),
            interactions=self._interaction_facts(detail, end, given_from=period.start),
            contacts=self._contact_facts(end),
            follow_ups=self._follow_up_facts(due_from, end),
            referrals=tuple(
                ReferralFacts(days[on], _DIRECTIONS.get(direction) or Direction(direction))
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
                    _CATEGORIES.get(category) or TimeCategory(category),
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
            span_sums=self._span_sums(period, detail, today, end),
        )

    def _span_sums(self, period: Period, detail: date, today: date, end: date) -> SpanSums | None:
        """The sums of `period`'s days before `detail` (up to today), if it has any;
        channels of the campaigns opened by `end` (the card's window)."""
        from netrack.data.repo.trend_days import span_sums
        from netrack.domain.card_days import as_of

        last = min(as_of(period, today), detail - timedelta(days=1))
        if last < period.start:
            return None
        return span_sums(period.start, last, end, keep=self.store.keeps_trend_sums)

    def inputs_after_log(
        self, inputs: ScorecardInputs, period: Period, interaction_id: int
    ) -> ScorecardInputs:
        """`inputs` read for `period` before interaction `interaction_id` was logged,
        brought up to date for it: equal, figure for figure, to a fresh
        `scorecard_inputs(period)` as long as nothing else was written in between.

        Reads a few rows: the log's own facts, its contacts' rows (their last touch),
        and their interactions' follow-ups, which the triggers of schema 2 may have
        closed.
        """
        return self.update_after_log(inputs, period, interaction_id)[0]

    def update_after_log(
        self, inputs: ScorecardInputs, period: Period, interaction_id: int
    ) -> tuple[ScorecardInputs, InteractionFacts]:
        """`inputs_after_log`, and the logged interaction's facts (what a card computed
        from `inputs` needs to take over the rest: `metrics.scorecard_and_parts`)."""
        with paused():
            return self._inputs_after_log(inputs, period, interaction_id)

    def _inputs_after_log(
        self, inputs: ScorecardInputs, period: Period, interaction_id: int
    ) -> tuple[ScorecardInputs, InteractionFacts]:
        from netrack.data.repo.trend_days import trend_days
        from netrack.domain import card_days, delta

        start, end = card_days.card_window(
            period, inputs.goals, inputs.today, inputs.settings.week_start
        )
        detail = inputs.detail_from
        due_from = min(detail, period.start)
        # Read whatever its date: the window is the merge's business, as for a full read.
        found = self._interaction_facts(
            date.min, date.max, only=interaction_id, given_from=period.start
        )
        if not found:
            raise InputError(f"no interaction with id {interaction_id}")
        logged = found[0]
        # A log in the trend's summed days: the run of days holding it summed again.
        day: tuple[TrendDay, ...] = ()
        if start <= logged.on < detail:
            run = [d for d in inputs.trend_days if d.on <= logged.on <= d.until]
            first, last = (run[0].on, run[0].until) if run else (logged.on, logged.on)
            # A whole trend period summed as a fresh read sums it: counted (see trend_days)
            whole = card_days.whole_trend_runs(
                period, inputs.today, inputs.settings.week_start, detail
            )
            day = trend_days(first, last, whole=whole, keep=self.store.keeps_trend_sums)
        span = inputs.span_sums
        if span is not None and span.start <= logged.on <= span.end:
            span = self._span_sums(period, detail, inputs.today, end)  # its sums, again
        # Only follow-ups of its contacts can change (it closes their earlier open ones,
        # and its own is one of them): those interactions' follow-ups are read again.
        link = t.InteractionContact
        touched = frozenset(
            iid
            for (iid,) in tuples(
                link.select(link.interaction).where(link.contact.in_(list(logged.contact_ids)))
            )
        )
        updated = delta.after_log(
            inputs,
            period,
            logged,
            self._contact_facts(end, only=logged.contact_ids),
            self._follow_up_facts(due_from, end, only=touched),
            day,
            touched,
            span,
        )
        return updated, logged

    def _campaign_facts(self, end: date) -> tuple[CampaignFacts, ...]:
        from netrack.domain.facts import CampaignFacts, StageEvent

        days = self._days
        events: dict[int, list[StageEvent]] = {}
        # Found through the date index (a past week reads only its past) and put in
        # history order here: ordering in SQL makes SQLite walk the whole campaign index.
        query = t.StageChange.select(
            t.StageChange.campaign,
            t.StageChange.on,
            t.StageChange.id,
            t.StageChange.from_stage,
            t.StageChange.to_stage,
            t.StageChange.reason,
        ).where(t.StageChange.on <= end)
        for campaign_id, on, _id, before, after, reason in sorted(
            tuples(query), key=_history_order
        ):
            events.setdefault(campaign_id, []).append(
                StageEvent(days[on], _stage(before) if before else None, _stage(after), reason)
            )
        touch = t.Interaction.alias("touch")
        # The latest linked interaction through the (campaign, on) index: one seek each.
        last_touch = (
            touch.select(touch.on)
            .where(touch.campaign == t.Campaign.id, touch.on <= end)
            .order_by(touch.on.desc())
            .limit(1)
        )
        campaigns = (
            t.Campaign.select(
                t.Campaign.id,
                t.Campaign.opened_on,
                t.Campaign.source,
                t.Organization.name,
                t.Campaign.title,
                last_touch,
            )
            .join(t.Organization)
            .where(t.Campaign.opened_on <= end)
        )
        return tuple(
            CampaignFacts(
                cid,
                days[opened],
                source,
                tuple(events.get(cid, ())),
                f"{org} {title}",
                days[last] if last else None,
            )
            for cid, opened, source, org, title, last in tuples(campaigns)
        )

    def _interaction_facts(
        self, start: date, end: date, only: int | None = None, given_from: date = date.min
    ) -> tuple[InteractionFacts, ...]:
        """Interactions dated from `start` to `end`; `only`: just that one. Whether value
        was given is read for those dated from `given_from` on only (the card's period:
        no other figure needs it)."""
        from netrack.domain.facts import InteractionFacts

        i = t.Interaction
        # In the same pass as the rest: the covering index holds value_given (schema 6).
        given = Case(None, (((i.on >= given_from) & (fn.TRIM(i.value_given) != ""), 1),), 0)

        people: dict[int, list[int]] = {}
        # Both reads come from covering indexes in date order (schema 3): no table lookups,
        # no scan of every touch ever logged.
        links = t.InteractionContact.select(
            t.InteractionContact.interaction, t.InteractionContact.contact
        )
        rows = t.Interaction.select(
            t.Interaction.id,
            t.Interaction.on,
            t.Interaction.kind,
            t.Interaction.minutes,
            t.Interaction.campaign,
            t.Interaction.meaningful,
            t.Interaction.value_received,
            t.Interaction.cost_cents,
            given,
        )
        if only is None:
            links = links.where(t.InteractionContact.on.between(start, end))
            rows = rows.where(t.Interaction.on.between(start, end))
        else:
            links = links.where(t.InteractionContact.interaction == only)
            rows = rows.where(t.Interaction.id == only)
        for interaction_id, contact_id in tuples(links):
            people.setdefault(interaction_id, []).append(contact_id)
        days, kinds = self._days, _KINDS
        return tuple(
            InteractionFacts(
                days[on],
                kinds.get(kind) or Kind(kind),
                tuple(people.get(iid, ())),
                minutes,
                campaign,
                bool(flag) or bool((received or "").strip()),
                cents / 100,
                iid,
                bool(gave),
                bool((received or "").strip()),
            )
            for iid, on, kind, minutes, campaign, flag, received, cents, gave in tuples(rows)
        )

    def _contact_facts(
        self, end: date, only: Iterable[int] | None = None
    ) -> tuple[ContactFacts, ...]:
        """Contacts met by `end`, with their last touch by then; `only`: just those."""
        from netrack.domain.facts import ContactFacts

        link = t.InteractionContact.alias("touch")
        changes = t.StrengthChange
        warm = changes.select(changes.contact).where(changes.strength >= 3, changes.on <= end)
        # The newest touch through the (contact_id, on) index: one seek, where MAX() would
        # read every touch of the contact.
        last_touch = (
            link.select(link.on)
            .where(link.contact == t.Contact.id, link.on <= end)
            .order_by(link.on.desc())
            .limit(1)
        )
        query = t.Contact.select(
            t.Contact.id,
            t.Contact.met_on,
            t.Contact.archived,
            t.Contact.strength,
            t.Contact.channel,
            fn.COALESCE(fn.NULLIF(fn.TRIM(t.Contact.industry), ""), t.Organization.industry),
            t.Contact.function,
            fn.COALESCE(fn.NULLIF(fn.TRIM(t.Contact.location), ""), t.Organization.location),
            t.Organization.size_band,
            # Only contacts with a cadence, or warm at some time, can go cold: skip
            # the seek for the rest.
            Case(
                None,
                (
                    (
                        (t.Contact.strength >= 3)
                        | t.Contact.keep_in_touch.is_null(False)
                        | t.Contact.id.in_(warm),
                        last_touch,
                    ),
                ),
                None,
            ),
            t.Contact.name,
            t.Contact.keep_in_touch,
        ).join(t.Organization, JOIN.LEFT_OUTER)
        if only is not None:
            query = query.where(t.Contact.met_on <= end, t.Contact.id.in_(list(only)))
        else:
            # Nearly every contact was met by `end`: read the table in its order (the
            # unary + keeps SQLite off the met_on index, which would visit the rows in
            # date order, one seek each).
            query = query.where(unindexed(t.Contact.met_on) <= end)
        days = self._days
        history: dict[int, list[tuple[date, int | None]]] = {}
        # In history order straight from the (contact, on) index: no sort here.
        rows = (
            changes.select(changes.contact, changes.on, changes.strength)
            .where(changes.on <= end)
            .order_by(changes.contact, changes.on, changes.id)
        )
        if only is not None:
            rows = rows.where(changes.contact.in_(list(only)))
        for contact_id, on, strength in tuples(rows):
            entry = (days[on], strength)
            if contact_id in history:
                history[contact_id].append(entry)
            else:
                history[contact_id] = [entry]
        # Positional: the fields' order in ContactFacts (id, met_on, archived, strength,
        # channel, industry, function, location, company_size, last_touch, name,
        # keep_in_touch, strengths).
        return tuple(
            ContactFacts(
                cid,
                days[met],
                bool(archived),
                strength,
                channel,
                industry or "",
                function or "",
                location or "",
                size or "",
                days[touch] if touch else None,
                name,
                every,
                tuple(history.get(cid, ())),
            )
            for cid, met, archived, strength, channel, industry, function, location, size, touch, name, every in tuples(
                query
            )
        )

    def _follow_up_facts(
        self, start: date, end: date, only: Iterable[int] | None = None
    ) -> tuple[FollowUpFacts, ...]:
        """Follow-ups due from `start` to `end` or due earlier and open at `end`; `only`:
        just those of these interactions."""
        from netrack.domain.facts import FollowUpFacts

        marked, closed = t.Interaction.follow_up_done_on, t.Interaction.follow_up_closed_on
        # Every follow-up due in the window, and older ones only if still open at `end`:
        # answered from the covering index, so history does not slow the card down.
        query = t.Interaction.select(
            t.Interaction.follow_up_on, marked, closed, t.Interaction.id
        ).where(
            t.Interaction.follow_up_on <= end,
            (t.Interaction.follow_up_on >= start)
            | ((marked.is_null() | (marked > end)) & (closed.is_null() | (closed > end))),
        )
        if only is not None:
            query = query.where(t.Interaction.id.in_(list(only)))
        days = self._days
        facts: list[FollowUpFacts] = []
        add = facts.append  # a year card reads thousands: no call to min() either
        for due, marked, auto, iid in tuples(query):
            # ISO dates order as text: the earlier of the two closings, parsed once
            done = (marked if marked < auto else auto) if marked and auto else (marked or auto)
            add(FollowUpFacts(days[due], days[done] if done else None, iid))
        return tuple(facts)

    def deadline_rows(self) -> list[tuple[int, str, Stage, date]]:
        """(id, "organization title", stage now, deadline) of the campaigns with a
        deadline: what `cadence.deadlines_due` picks from, as of any day."""
        query = (
            t.Campaign.select(
                t.Campaign.id,
                t.Organization.name,
                t.Campaign.title,
                t.Campaign.stage,
                t.Campaign.deadline,
            )
            .join(t.Organization)
            .where(t.Campaign.deadline.is_null(False))
        )
        days = self._days
        return [
            (cid, f"{org} {title}", _stage(stage), days[deadline])
            for cid, org, title, stage, deadline in tuples(query)
        ]

    def deadlines(self, as_of: date) -> tuple[Deadline, ...]:
        """Open campaigns' deadlines within DEADLINE_DAYS of `as_of`, or past (the
        Agenda's, as of today; the card's, as of its end or today if earlier)."""
        from netrack.domain import cadence

        return cadence.deadlines_due(self.deadline_rows(), as_of)

    def agenda(self, today: date | None = None) -> Agenda:
        from netrack.domain import cadence, insights
        from netrack.domain.insights import Agenda
        from netrack.domain.weeks import Period

        day = today or self.today()
        inputs = self.inputs(Period(day, day, "today"))
        pending = self.activity.follow_ups(pending_on=day, due_by=day + timedelta(days=7))
        # Contacts' last touches come with the card's facts (read for every contact with
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
            keep_in_touch=due,
            deadlines=self.deadlines(day),
        )
