"""The weekly scorecard: figures against goals, 12-week trends, funnel, channels,
diversity and hours. `[` `]` step through weeks, `t` comes back to this one.

Fast on years of history: cards load in a worker; once a week is shown, the weeks either
side of it are computed in the background and kept until the data changes, so `[` and `]`
repaint at once; a box whose figures did not change is not redrawn; and after a quick log
the card on screen is updated from the one row written, not read again. Each kept card
holds the facts it was computed from for that (~4 MB on five years of history).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from functools import partial
from typing import TYPE_CHECKING, ClassVar

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, VerticalScroll
from textual.widgets import Static
from textual.worker import get_current_worker

from netrack import present
from netrack.domain import metrics
from netrack.domain.card import DIVERSITY_DIMENSIONS, GoalResult, Scorecard
from netrack.domain.models import ORDERED_STAGES, Stage
from netrack.domain.registry import ROWS, TREND_KEYS, Unit
from netrack.domain.weeks import Period, shift_weeks
from netrack.screens.base import LiveScreen
from netrack.widgets.header import ModeHeader
from netrack.widgets.keybar import KeyBar
from netrack.widgets.text import bar, section

if TYPE_CHECKING:
    from netrack.changes import Change
    from netrack.data.repo import Repo
    from netrack.domain.facts import ScorecardInputs

MET, MISSED = Text("✓ met", style="bold green"), Text("✗ missed", style="bold red")


@dataclass(frozen=True, slots=True)
class Computed:
    """A card and the facts it was computed from (kept to update it after a log)."""

    card: Scorecard
    inputs: ScorecardInputs | None


@dataclass(frozen=True, slots=True)
class CardData:
    card: Scorecard
    period: Period
    this_week: Period
    inputs: ScorecardInputs | None = None  # the facts the card was computed from
    generation: int = 0  # the screen's data generation when reading began


def _status(goal: GoalResult) -> Text:
    """Met, missed, or (still running) the progress so far."""
    if goal.met is None:
        return Text(f"… {present.goal_progress(goal)}", style="yellow")
    return (MET if goal.met else MISSED).copy()


def metrics_table(card: Scorecard) -> Table:
    goals = present.week_goals(card)
    table = Table(box=None, expand=True, header_style="dim", pad_edge=False)
    # The label gets the room: a week card's goals need no "/week" to be read.
    table.add_column("metric", no_wrap=True, overflow="ellipsis", ratio=3, min_width=16)
    table.add_column("value", justify="right", no_wrap=True)
    table.add_column("12 wk", no_wrap=True, width=12)
    table.add_column("goal", no_wrap=True, overflow="ellipsis", min_width=12)
    for metric in ROWS:
        key = metric.key
        goal = goals.get(key)
        status = Text()
        if goal:
            status = _status(goal)
            status.append(f" {present.goal_target(goal)}", style="dim")
        trend = present.sparkline(card.trend[key]) if key in TREND_KEYS else ""
        value = Text(present.fmt(key, metric.value(card)), style="bold" if goal else "")
        table.add_row(metric.label, value, Text(trend, style="cyan"), status)
    fu = card.follow_ups
    table.add_row("Follow-ups due / on time", f"{fu.due} / {fu.on_time}", "", "")
    table.add_row(
        "Follow-ups overdue", Text(str(fu.overdue), style="red" if fu.overdue else ""), "", ""
    )
    for goal in present.month_goals(card):
        status = _status(goal)
        status.append(f" {present.goal_text(goal)}", style="dim")
        table.add_row(f"{goal.metric} (month)", present.fmt(goal.metric, goal.actual), "", status)
    return table


def funnel(card: Scorecard) -> Table:
    stages = card.campaigns_by_stage
    top = max(stages.values(), default=0)
    table = Table.grid(padding=(0, 1), expand=True)
    table.add_column(no_wrap=True, width=12)
    table.add_column(justify="right", width=3)
    table.add_column(ratio=1, style="cyan", no_wrap=True)
    for stage in ORDERED_STAGES:
        count = stages.get(stage, 0)
        table.add_row(stage.label, str(count), bar(count, top, 20))
    closed = " · ".join(
        f"{s.value} {stages[s]}" for s in (Stage.LOST, Stage.PAUSED) if stages.get(s)
    )
    if closed:
        table.add_row(Text("off line", style="dim"), "", Text(closed, style="dim"))
    return table


def channels(card: Scorecard) -> Table | Text:
    rows = card.channel_effectiveness
    if not rows:
        return Text("no campaigns yet: n on the pipeline opens one", style="dim")
    table = Table(box=None, expand=True, header_style="dim", pad_edge=False)
    table.add_column("source", no_wrap=True, overflow="ellipsis")
    for head in ("opened", "interv.", "negot.", "won"):
        table.add_column(head, justify="right", no_wrap=True)
    for channel, counts in rows.items():
        table.add_row(
            channel.replace("_", " "),
            str(counts.opened),
            str(counts.interviewing),
            str(counts.negotiating),
            Text(str(counts.won), style="bold green" if counts.won else ""),
        )
    return table


def diversity(card: Scorecard) -> Table:
    table = Table.grid(padding=(0, 1), expand=True)
    table.add_column(no_wrap=True, width=12)
    table.add_column(justify="right", width=6)
    table.add_column(ratio=1, style="magenta", no_wrap=True)
    values = card.diversity
    for dim in (*DIVERSITY_DIMENSIONS, "overall"):
        value = getattr(values, dim)
        label = dim.replace("_", " ")
        table.add_row(label, present.fmt_unit(Unit.RATIO, value), bar(value or 0, 1, 20))
    return table


def hours(card: Scorecard) -> Table:
    table = Table.grid(padding=(0, 1), expand=True)
    table.add_column(no_wrap=True, width=12)
    table.add_column(justify="right", width=6)
    table.add_column(ratio=1, no_wrap=True)
    values = {
        "hours_invested": card.hours_invested,
        "hours_busywork": card.hours_busywork,
        "hours_off": card.hours_off,
    }
    top = max(values.values(), default=0)
    styles = {"hours_invested": "green", "hours_busywork": "yellow", "hours_off": "blue"}
    for key, value in values.items():
        table.add_row(
            key[6:], present.fmt(key, value), Text(bar(value, top, 20), style=styles[key])
        )
    table.add_row("focus", present.fmt("focus_ratio", card.focus_ratio), "")
    table.add_row("spend", present.fmt("spend", card.spend), "")
    return table


def attention(card: Scorecard) -> Text:
    text = Text()
    cold, stalled = card.going_cold, card.stalled
    text.append(f"going cold {len(cold)}", style="bold yellow" if cold else "")
    text.append("  ·  ")
    text.append(f"stalled {len(stalled)}", style="bold yellow" if stalled else "")
    for warning in card.pipeline_warnings:
        text.append("\n! ", style="bold red")
        text.append(warning)
    if cold or stalled:
        text.append("\nthe agenda (4) lists them", style="dim")
    return text


BOXES: tuple[tuple[str, str, Callable[[Scorecard], RenderableType], tuple[str, ...]], ...] = (
    # (widget id, title, renderer, the card fields it shows: unchanged, it is not redrawn)
    ("funnel", "Stage funnel", funnel, ("campaigns_by_stage",)),
    ("channels", "Channel effectiveness", channels, ("channel_effectiveness",)),
    (
        "hours",
        "Where the hours went",
        hours,
        ("hours_invested", "hours_busywork", "hours_off", "focus_ratio", "spend"),
    ),
    ("diversity", "Network diversity", diversity, ("diversity",)),
    ("attention", "Needs attention", attention, ("going_cold", "stalled", "pipeline_warnings")),
)


# What the metrics box shows: every field but the period's dates and labels, so the same
# figures in another week are not drawn again.
_FIGURES = tuple(f.name for f in fields(Scorecard) if f.name not in ("period", "trend_labels"))


class ScorecardScreen(LiveScreen[CardData]):
    # Parsed when the screen is first shown, not at start-up; unscoped, as in the app's
    # stylesheet, so `.-narrow` (a class of the screen itself) still applies. Two
    # columns when wide, one when narrow.
    SCOPED_CSS = False
    DEFAULT_CSS = """
    #card-scroll { height: 1fr; }
    #card { grid-size: 2; grid-columns: 3fr 2fr; height: auto; grid-gutter: 0 1; }
    .-narrow #card { grid-size: 1; grid-columns: 1fr; }
    #card-side { height: auto; }
    #metrics { height: auto; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left_square_bracket", "week(-1)", "Prev week", key_display="["),
        Binding("right_square_bracket", "week(1)", "Next week", key_display="]"),
        Binding("t", "this_week", "This week"),
    ]

    def __init__(self, repo: Repo) -> None:
        super().__init__(repo)
        self.period: Period | None = None
        self.this_week: Period | None = None
        self.card: Scorecard | None = None  # the card on screen
        # The card on screen with the facts it was computed from, while they match the
        # data: a log then updates them (`_show_log`). None while a load is under way.
        self._shown: CardData | None = None
        self._cards: dict[Period, Computed] = {}  # computed on the current data
        self._generation = 0  # bumped when the data changes: older cards are not kept
        self._drawn: dict[str, object] = {}  # box id → the figures it shows now

    def compose(self) -> ComposeResult:
        yield ModeHeader("scorecard")
        yield Static(id="period", classes="period")
        with VerticalScroll(id="card-scroll"), Grid(id="card"):
            yield Static(id="metrics", classes="box")
            with VerticalScroll(id="card-side"):
                for box, *_ in BOXES:
                    yield Static(id=box, classes="box")
        yield KeyBar()

    def _data_changed(self, change: Change) -> None:
        self._generation += 1
        # Freed once the new card is painted: dropping the facts of the weeks either side
        # takes ~5 ms on five years of history, time the card waits for otherwise.
        old, self._cards = self._cards, {}
        self.call_after_refresh(lambda: old.clear())  # (Textual cannot inspect a builtin)
        if change.logged is not None and self._show_log(change.logged):
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
        try:
            inputs = self.repo.scorecard.inputs_after_log(
                shown.inputs, shown.period, interaction_id
            )
            card = metrics.scorecard(inputs, shown.period)
        except Exception:  # the full load shows what is wrong, if anything still is
            return False
        self._show(CardData(card, shown.period, shown.this_week, inputs, self._generation))
        return True

    def reload(self) -> None:
        # Until this load is shown, the facts on screen may miss a write it will read:
        # a log meanwhile must load everything again too.
        self._shown = None
        super().reload()

    def load(self) -> CardData:
        generation = self._generation  # read first: a change after it makes this card old
        this_week = self.repo.scorecard.week()
        period = self.period or this_week
        inputs = self.repo.scorecard.inputs(period)
        return CardData(metrics.scorecard(inputs, period), period, this_week, inputs, generation)

    def show(self, data: CardData) -> None:
        if data.generation != self._generation:
            return  # read before the data changed: the card of the change is on its way
        self._cards[data.period] = Computed(data.card, data.inputs)
        self.this_week = data.this_week
        self._draw(data)

    def _draw(self, data: CardData) -> None:
        card, period = data.card, data.period
        self.period, self.card, self._shown = period, card, data
        head = Text(f" Week {period.label} ", style="bold reverse")
        head.append(f"  {period.start:%a %b %d} – {period.end:%a %b %d %Y}")
        if period == data.this_week:
            head.append("  this week", style="bold green")
        else:
            head.append("  t: back to this week", style="dim")
        head.append("   [ previous · ] next", style="dim")
        self._box("period", None, (period, data.this_week), lambda: head)
        met = sum(1 for g in card.goals if g.met)
        title = f"{period.label} · goals met {met}/{len(card.goals)}"
        figures = [getattr(card, name) for name in _FIGURES]
        self._box("metrics", title, figures, lambda: metrics_table(card))
        for box, box_title, render, keys in BOXES:
            self._box(box, box_title, [getattr(card, k) for k in keys], partial(render, card))
        # The weeks either side are computed once this card is painted: started now, the
        # worker would compete with the paint for the GIL and delay it.
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

    def _prefetch(self, period: Period, generation: int) -> None:
        if generation != self._generation or period != self.period:
            return  # the data changed or the user moved on: that card prefetches its own
        week_start = self.repo.goals.settings().week_start
        near = [shift_weeks(period, step, week_start) for step in (-1, 1)]
        wanted = [p for p in near if p not in self._cards]
        if wanted:
            self._compute_ahead(wanted, generation)

    @work(thread=True, exclusive=True, exit_on_error=False, group="ahead")
    def _compute_ahead(self, periods: list[Period], generation: int) -> None:
        worker = get_current_worker()
        try:
            for period in periods:
                if worker.is_cancelled:  # the user moved on: compute around the new week
                    return
                inputs = self.repo.scorecard.inputs(period)
                computed = Computed(metrics.scorecard(inputs, period), inputs)
                self.app.call_from_thread(self._keep, period, computed, generation)
        finally:
            self.repo.close()  # this thread's connection only

    def _keep(self, period: Period, computed: Computed, generation: int) -> None:
        if generation == self._generation:
            self._cards[period] = computed

    def _go(self, period: Period | None) -> None:
        self.period = period
        target = period or self.this_week
        computed = self._cards.get(target) if target else None
        if computed is None or self.this_week is None or target is None:
            self.reload()
            return
        data = CardData(computed.card, target, self.this_week, computed.inputs, self._generation)
        self._draw(data)

    def action_week(self, weeks: int) -> None:
        base = self.period or self.repo.scorecard.week()
        self._go(shift_weeks(base, weeks, self.repo.goals.settings().week_start))

    def action_this_week(self) -> None:
        self._go(None)
