"""A card's facts brought up to date after one interaction is logged, instead of read
again: the log's own facts, its contacts' last touches, their follow-ups, and the summed
trend days and span sums holding its day. A base of `Scorecard` (scorecard.py), which
reads a card's facts in full; both sum a period's earlier days with `_span_sums`.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from netrack.data import tables as t
from netrack.data.repo.base import Days, Service, tuples
from netrack.data.repo.card_facts import contact_facts, follow_up_facts, interaction_facts
from netrack.domain.errors import InputError
from netrack.domain.gc_pause import paused

# The facts and periods load on first use, as in scorecard.py: `Repo` carries this module.
if TYPE_CHECKING:
    from netrack.domain.facts import InteractionFacts, ScorecardInputs, SpanSums, TrendDay
    from netrack.domain.weeks import Period


class CardAfterLog(Service):
    """The update of a card's facts after a log: `repo.scorecard.update_after_log`."""

    _days: Days  # set by `Scorecard.__init__`: the days parsed, kept across reads

    def _span_sums(self, period: Period, detail: date, today: date) -> SpanSums | None:
        """The sums of `period`'s days before `detail` (up to today), if it has any; a
        row's channel is its campaign's source, whenever that campaign opened (as
        `effort_by_channel` reads the detailed days)."""
        from netrack.data.repo.trend_days import span_sums
        from netrack.domain.card_days import as_of

        last = min(as_of(period, today), detail - timedelta(days=1))
        if last < period.start:
            return None
        return span_sums(period.start, last, date.max, keep=self.store.keeps_trend_sums)

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
        found = interaction_facts(
            self._days, date.min, date.max, only=interaction_id, given_from=period.start
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
            span = self._span_sums(period, detail, inputs.today)  # its sums, again
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
            contact_facts(
                self._days, card_days.as_of(period, inputs.today), only=logged.contact_ids
            ),
            follow_up_facts(self._days, due_from, end, only=touched),
            day,
            touched,
            span,
        )
        return updated, logged
