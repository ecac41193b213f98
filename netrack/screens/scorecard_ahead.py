"""The scorecard's cards either side of the one shown: computed in a worker once a card
is painted (from the cards before a log when there are, updated for it), and kept on the
current data until it changes, so `[` and `]` repaint at once. Only the card shown, the
ones either side and today's are kept: each holds the facts it was computed from.

A base of `ScorecardScreen` (scorecard.py), which loads and draws the card, holds the
state these read and the keys that move between periods.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work
from textual.worker import get_current_worker

from netrack.domain import card_days, metrics
from netrack.domain.card_reuse import AfterLog
from netrack.domain.errors import NetrackError
from netrack.domain.gc_pause import settled
from netrack.domain.weeks import Period, shift_on_card
from netrack.screens.base import LiveScreen
from netrack.screens.scorecard_view import CardData, Computed

if TYPE_CHECKING:
    from netrack.domain.facts import ContactFacts


class _MovedOn(Exception):
    """The user asked for another card while one was computed ahead: it is dropped."""


class CardsAhead(LiveScreen[CardData]):
    """A screen that keeps cards: `_prefetch` after a card is painted, `_kept_contacts`
    for a load. The screen sets these in its `__init__`."""

    period: Period | None  # the period shown; None: the current one
    current: Period | None  # the period holding today
    _cards: dict[Period, Computed]  # computed on the current data
    _generation: int  # bumped when the data changes: older cards are not kept
    _before_log: tuple[int, dict[Period, Computed]] | None  # a log's id, the cards before it

    def _kept_contacts(self, period: Period) -> tuple[ContactFacts, ...] | None:
        """The contact facts of a card kept on the current data as of the same day as
        `period`'s (see `repo.scorecard.inputs`), if one is. Called in a worker: a card
        kept after a change belongs to a newer generation, and the card made with it is
        dropped as old when it arrives (`show`, `_keep`)."""
        today = self.repo.today()
        day = card_days.as_of(period, today)
        for kept, computed in list(self._cards.items()):
            inputs = computed.inputs
            if inputs is not None and inputs.today == today and card_days.as_of(kept, today) == day:
                return inputs.contacts
        return None

    def _prefetch(self, period: Period, generation: int) -> None:
        if generation != self._generation or period != self.period:
            return  # the data changed or the user moved on: that card prefetches its own
        try:
            week_start = self.repo.goals.settings().week_start
        except NetrackError:  # the server gone: a step reads its own card, or says why
            return
        near = [shift_on_card(period, step, week_start) for step in (-1, 1)]
        # Only this card, the ones either side and today's are kept: each holds its facts
        # (megabytes on a long history), and browsing five years of weeks grew the app
        # by ~4 MB a week visited until the next write.
        kept = {period, self.current, *near}
        for old in [p for p in self._cards if p not in kept]:
            del self._cards[old]
        wanted = [p for p in near if p is not None and p not in self._cards]
        # The cards from before a log serve once: held longer, their facts (megabytes on
        # a long history) would stay in memory until the next change.
        before_log, self._before_log = self._before_log, None
        if wanted:
            self._compute_ahead(wanted, generation, before_log)

    # Described here: by default Textual describes a worker by the repr of its
    # arguments, on the UI thread, and the cards from before a log hold every fact
    # they were computed from (seconds of repr on a long history).
    @work(
        thread=True,
        exclusive=True,
        exit_on_error=False,
        group="ahead",
        description="the cards either side",
    )
    def _compute_ahead(
        self,
        periods: list[Period],
        generation: int,
        before_log: tuple[int, dict[Period, Computed]] | None = None,
    ) -> None:
        worker = get_current_worker()

        def moved_on() -> None:
            """Stops at once a card no one waits for (not walked by `settled` either)."""
            if worker.is_cancelled:
                raise _MovedOn

        try:
            for period in periods:
                if worker.is_cancelled:  # the user moved on: compute around the new one
                    return
                logged_id, cards = before_log if before_log is not None else (0, {})
                before = cards.get(period)
                with settled():  # what it made, walked here: see gc_pause
                    if before is not None and before.inputs is not None and before.parts:
                        # ~60 ms where a whole card takes ~400 on a long history, and the
                        # next keystrokes wait less for the GIL
                        inputs, logged = self.repo.scorecard.update_after_log(
                            before.inputs, period, logged_id
                        )
                        after = AfterLog(before.card, before.parts, logged)
                        card, parts = metrics.scorecard_and_parts(inputs, period, after)
                    else:
                        contacts = self._kept_contacts(period)
                        inputs = self.repo.scorecard.inputs(period, contacts, moved_on)
                        moved_on()
                        card, parts = metrics.scorecard_and_parts(inputs, period)
                computed = Computed(card, inputs, parts)
                self.app.call_from_thread(self._keep, period, computed, generation)
        except _MovedOn:
            return
        finally:
            self.repo.close()  # this thread's connection only

    def _keep(self, period: Period, computed: Computed, generation: int) -> None:
        if generation == self._generation:
            self._cards[period] = computed
