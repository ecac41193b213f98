"""The scorecard of a week, month, quarter or year: figures against goals, 12-period
trends, the funnel, where the effort went, channels, the network, diversity and hours.
`m` cycles the kind of period, `[` `]` step through periods of that kind, `t` comes
back to the current one.

Fast on years of history: cards load in a worker; once a period is shown, the periods
either side of it are computed in the background and kept until the data changes, so `[` and `]`
repaint at once; a box whose figures did not change is not redrawn; and after a quick log
the card on screen is updated from the one row written, not read again. Each kept card
holds the facts it was computed from for that (~4 MB on five years of history). The
cards either side, computed and kept: `netrack.screens.scorecard_ahead`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from functools import partial
from typing import TYPE_CHECKING, ClassVar

from rich.console import RenderableType
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Static

from netrack.domain import cadence, metrics
from netrack.domain.cadence import Deadlined
from netrack.domain.card import Scorecard
from netrack.domain.card_reuse import AfterLog
from netrack.domain.gc_pause import held
from netrack.domain.weeks import CARD_YEARS, Period, kind_of, on_card, period_of, shift_on_card
from netrack.listing import NO_LABELS, Labels
from netrack.present_format import goals_met
from netrack.screens.scorecard_ahead import CardsAhead
from netrack.screens.scorecard_view import (
    FIGURES,
    MAIN_BOXES,
    SIDE_BOXES,
    CardData,
    Computed,
    period_head,
)
from netrack.widgets import card_boxes as boxes
from netrack.widgets.header import ModeHeader
from netrack.widgets.keybar import KeyBar
from netrack.widgets.settled_size import (
    SettledGrid,
    SettledScroll,
    SettledStatic,
    SettledVertical,
)
from netrack.widgets.text import section

if TYPE_CHECKING:
    from netrack.changes import Change
    from netrack.data.repo import Repo

KINDS: tuple[str, ...] = ("week", "month", "quarter", "year")  # the order `m` cycles
# The collector is back this long after a log's card at the latest, painted or not.
RELEASE_SECONDS = 2.0


class ScorecardScreen(CardsAhead):
    # Parsed when the screen is first shown, not at start-up; unscoped, as in the app's
    # stylesheet, so `.-narrow` (a class of the screen itself) still applies. Two
    # columns when wide, one when narrow: at 120x40 the figures' box is 71 cells wide,
    # where a percentage to two decimals ("14.29%") and the longest goal line both fit.
    SCOPED_CSS = False
    DEFAULT_CSS = """
    #card-scroll { height: 1fr; scrollbar-gutter: stable; }
    #card { grid-size: 2; grid-columns: 29fr 16fr; height: auto; grid-gutter: 0 1; }
    .-narrow #card { grid-size: 1; grid-columns: 1fr; }
    #card-main, #card-side { height: auto; }
    #metrics { height: auto; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left_square_bracket", "step(-1)", "Previous", key_display="["),
        Binding("right_square_bracket", "step(1)", "Next", key_display="]"),
        Binding("t", "current", "This period"),
        Binding("m", "cycle_kind", "Week/month/qtr/year"),
    ]
    PALETTE_TITLES: ClassVar[dict[str, str]] = {  # netrack.screens.commands
        "step(-1)": "Previous period",
        "step(1)": "Next period",
        "cycle_kind": "Cycle the period: week, month, quarter, year",
    }

    def __init__(self, repo: Repo) -> None:
        super().__init__(repo)
        self.kind = "week"  # of the periods shown; `m` cycles through KINDS
        self.period: Period | None = None  # None: the current one of `kind`
        # On the current period: a reload asks for the current one again (a new week
        # start or a new day moves it), not the one drawn last.
        self._following = True
        self.current: Period | None = None  # the period of `kind` holding today
        self.card: Scorecard | None = None  # the card on screen
        # The card on screen with the facts it was computed from, while they match the
        # data: a log then updates them (`_show_log`). None while a load is under way.
        self._shown: CardData | None = None
        self._cards: dict[Period, Computed] = {}  # computed on the current data
        self._generation = 0  # bumped when the data changes: older cards are not kept
        self._drawn: dict[str, object] = {}  # box id → the figures it shows now
        self._deadline_rows: list[Deadlined] = []  # of every campaign with a deadline
        self._names: tuple[Labels, Labels] = (NO_LABELS, NO_LABELS)  # see CardData.names
        # The generation `_names` were read on: a load on the same data reads them not
        # again (50,000 contacts' names took ~200 ms of each `m` on a long history).
        self._names_read = -1
        # After a log shown by `_show_log`: its id, and the cards computed before it.
        self._before_log: tuple[int, dict[Period, Computed]] | None = None
        # Bumped by each `[` `]` `t` `m`: a load asked for before the last one is not
        # drawn when it arrives (it jumped back to a week passed through on the way).
        self._asked = 0
        # The day `m` cycles the kinds around, kept while it cycles: four `m`s come back
        # to the period they left (from a year, the week of Dec 31 was the next year's).
        self._anchor: date | None = None
        # Resumes the collector paused while a log's card is drawn (see `_show_log`).
        self._release_collector: Callable[[], None] = lambda: None

    def compose(self) -> ComposeResult:
        yield ModeHeader("scorecard")
        yield Static(id="period", classes="period")
        # Boxes change height with the figures they show: laid out in one pass.
        with SettledScroll(id="card-scroll"), SettledGrid(id="card"):
            with SettledVertical(id="card-main"):
                yield SettledStatic(id="metrics", classes="box")
                for box, *_ in MAIN_BOXES:
                    yield SettledStatic(id=box, classes="box")
            with SettledVertical(id="card-side"):
                for box, *_ in SIDE_BOXES:
                    yield SettledStatic(id=box, classes="box")
                yield SettledStatic(id="deadlines", classes="box")
        yield KeyBar()

    def _data_changed(self, change: Change) -> None:
        self._generation += 1
        # Freed once the new card is painted: dropping the facts of the periods either
        # side takes ~5 ms on five years of history, time the card waits for otherwise.
        old, self._cards = self._cards, {}
        self.call_after_refresh(lambda: old.clear())  # (Textual cannot inspect a builtin)
        self._before_log = None
        if change.logged is not None and self._show_log(change.logged):
            # The periods either side, computed before the log, are brought up to date
            # for it too (`_compute_ahead`), not computed again.
            self._before_log = (change.logged, dict(old))
            return
        super()._data_changed(change)

    def _show_log(self, interaction_id: int) -> bool:
        """Show the card updated for one interaction just logged; False when it has to
        be read afresh instead (hidden, loading, or the update failed).

        Runs on the UI thread, on purpose: ~15 ms of reads on this thread's warm
        connection and ~30 ms of arithmetic. A full load in a worker took 300+ ms on five
        years of history: a fresh connection with a cold cache reads everything, while
        the closing dialog competes with it for the GIL.
        """
        shown = self._shown
        if shown is None or shown.inputs is None or self._stale or not self.is_current:
            return False
        # No collection until the card is painted, then one walk of the young objects
        # (see gc_pause.held); the timer, or the screen's end, in case no frame comes.
        self._release_collector()  # an earlier log's, if still held: done now
        release = self._release_collector = held()
        try:
            inputs, logged = self.repo.scorecard.update_after_log(
                shown.inputs, shown.period, interaction_id
            )
            before = AfterLog(shown.card, shown.parts, logged) if shown.parts else None
            card, parts = metrics.scorecard_and_parts(inputs, shown.period, before)
        except Exception:  # the full load shows what is wrong, if anything still is
            release()
            return False
        self.call_after_refresh(release)
        self.set_timer(RELEASE_SECONDS, release)
        self._show(
            CardData(
                card,
                shown.period,
                shown.current,
                shown.today,
                inputs,
                parts,
                generation=self._generation,
                # As asked now: once `t`, `[`, `]` or `m` had counted a request, the
                # card taken over was dropped as asked before it, and the card on screen
                # stayed without the log (no full read either: it had "shown" it).
                asked=self._asked,
            )
        )
        return True

    def on_unmount(self) -> None:
        self._release_collector()  # the app closed before a log's card was painted

    def reload(self) -> None:
        # Until this load is shown, the facts on screen may miss a write it will read:
        # a log meanwhile must load everything again too.
        self._shown = None
        # The cards either side of the last one are not what is waited for now: on a
        # long history each took a second of the CPU this load needs, and `m` pressed
        # while they were computed waited 2-5 s instead of 1.
        self.workers.cancel_group(self, "ahead")
        super().reload()

    def load(self) -> CardData:
        generation = self._generation  # read first: a change after it makes this card old
        asked = self._asked
        kind = self.kind  # as asked when the load began
        wanted = None if self._following else self.period
        if wanted is not None and kind == "week":
            # The same week, unless the week start changed since: then the week now
            # holding most of its days (its goals and trend are measured on weeks that
            # start on the new day, and its figures must be too).
            # A week reaching into the first card year (1899-W52 of Tuesday weeks) is
            # asked for by its first day there: its middle is a day no card covers.
            middle = max(wanted.start + timedelta(days=3), date(CARD_YEARS[0], 1, 1))
            wanted = self.repo.scorecard.period("week", middle)
        current = self.repo.scorecard.period(kind)
        period = wanted or current
        inputs = self.repo.scorecard.inputs(period, self._kept_contacts(period))
        card, parts = metrics.scorecard_and_parts(inputs, period)
        rows = self.repo.scorecard.deadline_rows()
        names = None
        if self._names_read != generation:
            names = (self.repo.contacts.told_apart(), self.repo.campaigns.told_apart())
        return CardData(
            card,
            period,
            current,
            inputs.today,
            inputs,
            parts,
            generation,
            deadline_rows=rows,
            names=names,
            asked=asked,
        )

    def show(self, data: CardData) -> None:
        if data.generation != self._generation:
            return  # read before the data changed: the card of the change is on its way
        self._cards[data.period] = Computed(data.card, data.inputs, data.parts)
        if kind_of(data.period) != self.kind or data.asked != self._asked:
            return  # the user moved on meanwhile: the card asked for last is on its way
        self.current = data.current
        if data.deadline_rows is not None:
            self._deadline_rows = data.deadline_rows
        if data.names is not None:
            self._names, self._names_read = data.names, data.generation
        self._draw(data)

    def _draw(self, data: CardData) -> None:
        card, period = data.card, data.period
        self.period, self.card, self._shown = period, card, data
        self._box("period", None, (period, data.current, card.complete), lambda: period_head(data))
        met, running = goals_met(card.goals)  # a ratio met so far: "so far"
        title = f"{period.label} · goals met {met}/{len(card.goals)}"
        if running:
            title += f" · {running} so far"
        figures = [getattr(card, name) for name in FIGURES]
        # Today names a span not begun yet ("week of Nov 30"), as `scorecard` does.
        figures.append(data.today)
        self._box("metrics", title, figures, lambda: boxes.metrics_table(card, data.today))
        for box, box_title, render, keys in (*MAIN_BOXES, *SIDE_BOXES):
            shown = [getattr(card, k) for k in keys]
            if render is boxes.attention:  # the one box naming people and campaigns
                named = partial(boxes.attention, card, *self._names)
                self._box(box, box_title, (shown, self._names), named)
            else:
                self._box(box, box_title, shown, partial(render, card))
        # As of the card's end, or today while it runs: what was due then, or is now.
        due = cadence.deadlines_due(self._deadline_rows, min(period.end, data.today))
        title = f"Deadlines ({len(due)})"
        campaigns = self._names[1]
        self._box("deadlines", title, (due, campaigns), partial(boxes.deadlines, due, campaigns))
        # The periods either side are computed once this card is painted: started now,
        # the worker would compete with the paint for the GIL and delay it.
        self.call_after_refresh(self._prefetch, period, self._generation)

    def _box(
        self, box: str, title: str | None, figures: object, body: Callable[[], RenderableType]
    ) -> None:
        """Redraw one box, unless it already shows exactly these figures."""
        if self._drawn.get(box) == (title, figures):
            return
        self._drawn[box] = (title, figures)
        widget = self.query_one(f"#{box}", Static)
        if title is None:
            widget.update(body())
        else:
            section(widget, title, body())

    def _go(self, period: Period | None) -> None:
        """Show `period` (None: the current one of `self.kind`), at once if computed."""
        self._asked += 1
        self.period = period
        self._following = period is None
        current = self.current if self.current and kind_of(self.current) == self.kind else None
        target = period or current
        computed = self._cards.get(target) if target else None
        if computed is None or current is None or target is None:
            self.reload()
            return
        today = self.repo.today()
        data = CardData(
            computed.card,
            target,
            current,
            today,
            computed.inputs,
            computed.parts,
            generation=self._generation,
        )
        self._draw(data)

    def action_step(self, steps: int) -> None:
        self._anchor = None
        base = self.period or self.repo.scorecard.period(self.kind)
        target = shift_on_card(base, steps, self.repo.goals.settings().week_start)
        if target is None:
            first, last = CARD_YEARS
            self.notify(f"The scorecard covers {first} to {last}.", severity="warning")
            return
        self._go(target)

    def action_current(self) -> None:
        self._anchor = None
        self._go(None)

    def action_cycle_kind(self) -> None:
        """The next kind of period: the one holding the day the cycle began on (today,
        if the period shown then held it; else its last day). Four `m`s come back to the
        period they left: from a year, the week of its last day was often the next
        year's first, and each round moved a year on."""
        shown, today = self.period, self.repo.today()
        week_start = self.repo.goals.settings().week_start  # before anything moves
        self.kind = KINDS[(KINDS.index(self.kind) + 1) % len(KINDS)]
        self.current = None
        if shown is None and self._anchor is None:
            self._go(None)
            return
        # None with an anchor: a period holding today asked for by the last `m` and not
        # drawn yet (`m`s typed in one burst): the cycle goes on around its day
        if shown is not None and (self._anchor is None or self._anchor not in shown):
            self._anchor = today if today in shown else shown.end
        day = self._anchor
        assert day is not None
        # A week's last days in the year after 9998 fall off the calendar: its start then
        target = on_card(lambda: period_of(day, self.kind, week_start)) or (
            on_card(lambda: period_of(shown.start, self.kind, week_start)) if shown else None
        )
        if target is None:
            return
        self._go(None if today in target else target)
