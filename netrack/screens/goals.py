"""Goals of every period kind with their progress on the current week, month, quarter or
year; met/missed once decided, progress "so far" until then (and "met so far" or "over
so far" on a figure that can still go back); an ended goal's last day. n adds, e edits,
E ends a goal (its cards before keep it), del removes it from every card (confirmed)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar

from rich.cells import cell_len
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Static

from netrack import present
from netrack.domain.card import GoalResult
from netrack.domain.entries import Goal
from netrack.domain.models import Comparator
from netrack.present_format import goals_met, provisional
from netrack.screens.as_asked import as_asked
from netrack.screens.base import LiveScreen
from netrack.widgets.card_boxes import goal_status
from netrack.widgets.header import ModeHeader
from netrack.widgets.keybar import KeyBar
from netrack.widgets.last_column import LastColumnFills, ellipsized
from netrack.widgets.literal import literal, visible
from netrack.widgets.text import fit

if TYPE_CHECKING:
    from collections.abc import Callable

    from netrack.data.repo import Repo

NARROW_BELOW = 100  # columns (the app's "-wide" breakpoint)
NOTE = 40  # cells of a goal's note in the table (a CJK character takes 2): e shows it whole
EMPTY = "No goals. Press n to add one (e.g. meaningful_contacts at least 8 a week)."
NO_GOAL = "No goal under the cursor. Press n to add one."


@dataclass(frozen=True, slots=True)
class GoalsData:
    goals: list[Goal]
    progress: dict[int, GoalResult]
    label: str
    today: date


def progress_bar(goal: GoalResult, width: int = 16) -> Text:
    """How far along `goal` is in `width` cells: an at-least goal's bar fills as the
    target nears and is full only once it is reached; an at-most goal's shows how much
    of the allowance is used, full once used up, its last cell a "!" once exceeded."""
    if goal.actual is None:  # nothing to measure (no hours for a ratio): an empty bar,
        return Text("░" * width, style="dim")  # not an "at most" goal shown as met
    actual, target = goal.actual, goal.target
    # Undecided (its period still running), or met or over only so far on a figure that
    # can still go back: neutral, neither a success nor a miss yet.
    settled = goal.met is not None and not provisional(goal)
    style = "" if not settled else "green" if goal.met else "red"
    if goal.comparator == Comparator.AT_LEAST:
        reached = actual >= target  # as `goal_met` decides: 0.66 of 0.67 is not there
        filled = width if reached else min(width - 1, round(actual / target * width))
    elif actual > target:
        return Text("█" * (width - 1), style=style) + Text("!", style=f"bold {style}")
    else:
        filled = round(actual / target * width) if target else 0
    return Text("█" * filled, style=style) + Text("░" * (width - filled), style="dim")


GOAL_WIDTH = 18  # cells of the goal column at least: "≥ 99.99% a quarter"


class GoalsScreen(LiveScreen[GoalsData]):
    # Parsed when the screen is first shown, not at start-up; unscoped, as in the app's
    # stylesheet, so `.-narrow` (a class of the screen itself) still applies.
    SCOPED_CSS = False
    DEFAULT_CSS = """
    #goals { height: auto; max-height: 1fr; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "new", "New"),
        Binding("e", "edit", "Edit"),
        # priority: the table's own enter ("Select") hid that enter edits, from `?`
        # and the palette; a click on a row still edits it (RowSelected).
        Binding("enter", "edit", "Edit", show=False, priority=True),
        # `d` means done everywhere (SPEC): delete is the delete key.
        Binding("delete", "delete", "Delete", key_display="del"),
        # Ending keeps the goal on the cards it counted on; delete takes it off them all.
        # E: end (x is "lost" on the campaign pages, and a key means one thing everywhere)
        Binding("E", "end", "End", key_display="E"),
    ]
    PALETTE_TITLES: ClassVar[dict[str, str]] = {  # netrack.screens.commands
        "new": "New goal",
        "edit": "Edit goal",
        "delete": "Delete goal",
        "end": "End goal (today)",
    }

    def compose(self) -> ComposeResult:
        yield ModeHeader("goals")
        yield Static(id="goals-head", classes="period")
        table = LastColumnFills(id="goals", cursor_type="row")
        yield table
        yield Static(id="goals-empty", classes="empty")
        yield KeyBar()

    def __init__(self, repo: Repo) -> None:
        super().__init__(repo)
        self.goals: list[Goal] = []
        self._data: GoalsData | None = None
        self._narrow: bool | None = None  # the columns' layout, once built
        self._goal_width = GOAL_WIDTH  # the goal column's, as built

    def on_mount(self) -> None:
        self._build_columns()
        self.focus_at_mount(self.query_one(DataTable))
        super().on_mount()

    def on_resize(self) -> None:
        if self._narrow != self._is_narrow():
            self._build_columns(self._goal_width)
            if self._data is not None:
                self.show(self._data)

    def _is_narrow(self) -> bool:
        # Below 100 columns "since" and the bar would push status and why off the right
        # edge: both are left out (e shows since; status says "7/8 so far" or met).
        return (self.size.width or self.app.size.width) < NARROW_BELOW

    def _build_columns(self, goal_width: int = GOAL_WIDTH) -> None:
        self._narrow = narrow = self._is_narrow()
        self._goal_width = goal_width
        table = self.query_one(DataTable)
        table.clear(columns=True)
        table.add_column("metric")
        # Fixed: a row added later ("≥ 2/quarter") is never drawn cut to the width the
        # first rows gave an auto-sized column; as wide as the longest goal there is
        # ("≥ 12.5% a quarter", "≥ 999999999/quarter": a fixed 18 cut it silently).
        table.add_column("goal", width=goal_width)
        if not narrow:
            table.add_column("since", width=10)
            table.add_column("until", width=10)
        table.add_column("actual")
        if not narrow:
            table.add_column("progress")
        table.add_columns("status", "why")

    def load(self) -> GoalsData:
        scorecard = self.repo.scorecard
        goals = self.repo.goals.all()
        progress = scorecard.running_goals(goals)
        return GoalsData(goals, progress, scorecard.week().label, self.repo.today())

    def show(self, data: GoalsData) -> None:
        self.goals, self._data = data.goals, data
        table = self.query_one(LastColumnFills)
        keep, row = table.cursor_key(), table.cursor_row
        widest = max((cell_len(present.goal_text(g)) for g in data.goals), default=0)
        if max(GOAL_WIDTH, widest) != self._goal_width:
            self._build_columns(max(GOAL_WIDTH, widest))
        table.clear()
        later = ended = 0
        for goal in data.goals:
            now = data.progress.get(goal.id)
            cells: tuple[Text | str, ...]
            if now is None and goal.until is not None and goal.since <= data.today:
                # Ends before its current period does (`card_days.on_card`): on the
                # earlier cards only, an end later this week too
                ended += 1
                cells = ("", "", Text(f"until {goal.until.isoformat()}", style="dim"))
            elif now is None:  # counts from after its current period: not measured yet
                later += 1
                cells = ("", "", Text(f"from {goal.since:%b %d %Y}", style="dim"))
            else:
                cells = (
                    present.fmt(goal.metric, now.actual, [now]),
                    progress_bar(now),
                    goal_status(now),
                )
            if self._narrow:
                cells = (cells[0], _with_end(cells[2], goal, now, data.today))  # no bar, no until
            since = () if self._narrow else (goal.since.isoformat(), _until(goal, data.today))
            table.add_row(
                goal.metric,
                present.goal_text(goal),
                *since,
                *cells,
                ellipsized(literal(fit(visible(goal.note), NOTE))),
                key=str(goal.id),
            )
        table.fit()
        table.cursor_back(keep, row)
        # A goal met only so far (a ratio can still go back) is open, not among the met
        met, undecided = goals_met(data.progress.values())
        head = Text(f" {data.label} ", style="bold reverse")
        # A goal not started yet is neither met nor open: among them it read as missed.
        counted = len(data.goals) - later - ended
        head.append(f"  {met} of {counted} goals met, {undecided} still open")
        if later:
            head.append(f", {later} not started yet")
        if ended:  # neither met nor open: over
            head.append(f", {ended} ended")
        head.append("  (each in its running week, month, quarter or year)", style="dim")
        self.query_one("#goals-head", Static).update(head)
        empty = self.query_one("#goals-empty", Static)
        empty.update(EMPTY if not data.goals else "")
        empty.display = not data.goals

    @property
    def selected(self) -> Goal | None:
        row = self.query_one(DataTable).cursor_row
        return self.goals[row] if self.goals and 0 <= row < len(self.goals) else None

    async def action_new(self) -> None:
        from netrack.screens.modal.goal_form import GoalForm

        await self.netrack.open_form(GoalForm(self.repo))

    @on(DataTable.RowSelected)
    async def action_edit(self) -> None:
        from netrack.screens.modal.goal_form import GoalForm

        if self.selected is None:
            self.notify(NO_GOAL, severity="warning")
        else:
            await self.netrack.open_form(GoalForm(self.repo, self.selected))

    def _removed(self, goal: Goal) -> str:
        """What a removal says, once its row left the list (see `drop_row`)."""
        if self.query_one(LastColumnFills).drop_row(str(goal.id)):
            self.goals = [g for g in self.goals if g.id != goal.id]
        return f"removed goal {goal.metric} {present.goal_text(goal)}"

    def action_end(self) -> None:
        """End the goal under the cursor today, once confirmed (`goal end`): the cards
        whose span of it ends after today leave it out. One with an end already is
        not asked about (yes would be refused): said so, with where its end is moved."""
        goal = self.selected
        if goal is not None and goal.until is not None:
            self.notify(
                f"goal {_as_named(goal)} already ends on {goal.until.isoformat()}: "
                "e → Last day moves or removes the end",
                severity="warning",
            )
            return
        today = self.repo.today().isoformat()
        self._confirmed(
            lambda goal: f"End the goal {_as_named(goal)} today ({today})? Earlier cards keep it.",
            lambda goal: self.repo.goals.end(goal.id),
            lambda ended: f"ended goal {_as_named(ended)} on {ended.until}",
        )

    def action_delete(self) -> None:
        self._confirmed(
            # as the list shows it ("≥ 8/quarter"): two goals on one metric told apart
            lambda goal: f"Remove the goal {_as_named(goal)}?",
            lambda goal: self.repo.goals.delete(goal.id),
            lambda goal: self._removed(goal),
            on_asked=True,
        )

    def _confirmed(
        self,
        question: Callable[[Goal], str],
        write: Callable[[Goal], Any],
        said: Callable[[Any], str],
        on_asked: bool = False,
    ) -> None:
        """`write` the goal under the cursor once `question` is answered yes, while it
        reads as it did when asked (`as_asked`); `said`: of what `write` returned, or
        of the goal asked about (`on_asked`)."""
        from netrack.screens.modal.confirm import Confirm

        goal = self.selected
        if goal is None:
            self.notify(NO_GOAL, severity="warning")
            return
        repo = self.repo

        def now() -> str | None:
            found = [g for g in repo.goals.all() if g.id == goal.id]
            return _as_named(found[0]) if found else None

        def answered(yes: bool | None) -> None:
            if yes:
                self.write(
                    # the goal asked about, not one given its id since (see as_asked)
                    as_asked(
                        repo,
                        f"the goal {_as_named(goal)}",
                        _as_named(goal),
                        now,
                        lambda: write(goal),
                    ),
                    (lambda _: said(goal)) if on_asked else said,
                )

        self.app.push_screen(Confirm(question(goal)), answered)


def _with_end(status: Text | str, goal: Goal, now: GoalResult | None, today: date) -> Text | str:
    """A measured goal's status with its end, where no "until" column shows it (a narrow
    screen): "… 7/8 so far, until Nov 30", as an ended goal's status reads "until"; the
    year only when it is not this one, so that it fits beside the longest statuses."""
    if now is None or goal.until is None:
        return status
    day = f"{goal.until:%b %d}" if goal.until.year == today.year else f"{goal.until:%b %d %Y}"
    return Text.assemble(status, (f", until {day}", "dim"))


def _until(goal: Goal, today: date) -> Text:
    """A goal's last day, in the "until" column (blank: no end), dimmed once past."""
    if goal.until is None:
        return Text("")
    return Text(goal.until.isoformat(), style="dim" if goal.until < today else "")


def _as_named(goal: Goal) -> str:
    """A goal as the list and its questions name it ("interviews ≥ 8/quarter"): two goals
    on one metric told apart."""
    return f"{goal.metric} {present.goal_text(goal)}"
