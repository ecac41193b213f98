"""The weekly scorecard: figures against goals, 12-week trends, funnel, channels,
diversity and hours. `[` `]` step through weeks, `t` comes back to this one."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, VerticalScroll
from textual.widgets import Footer, Static

from netrack import present
from netrack.domain.metrics import TREND_KEYS
from netrack.domain.models import ORDERED_STAGES
from netrack.domain.weeks import Period, shift_weeks
from netrack.screens.base import LiveScreen
from netrack.widgets.header import ModeHeader
from netrack.widgets.text import bar, section

if TYPE_CHECKING:
    from netrack.data.repo import Repo

MET, MISSED = Text("✓ met", style="bold green"), Text("✗ missed", style="bold red")


@dataclass(frozen=True, slots=True)
class CardData:
    card: dict[str, Any]
    period: Period
    this_week: Period


def metrics_table(card: dict[str, Any]) -> Table:
    goals = {g["metric"]: g for g in card["goals"] if g["period"] == "week"}
    table = Table(box=None, expand=True, header_style="dim", pad_edge=False)
    table.add_column("metric", no_wrap=True, overflow="ellipsis", ratio=3)
    table.add_column("value", justify="right", no_wrap=True)
    table.add_column("12 wk", no_wrap=True, width=12)
    table.add_column("goal", no_wrap=True, overflow="ellipsis", min_width=18)
    for key, label in present.ROWS:
        goal = goals.get(key)
        status = Text()
        if goal:
            status = (MET if goal["met"] else MISSED).copy()
            status.append(f" {present.goal_text(goal)}", style="dim")
        trend = present.sparkline(card["trend"][key]) if key in TREND_KEYS else ""
        value = Text(present.fmt(key, card[key]), style="bold" if goal else "")
        table.add_row(label, value, Text(trend, style="cyan"), status)
    fu = card["follow_ups"]
    table.add_row("Follow-ups due / on time", f"{fu['due']} / {fu['on_time']}", "", "")
    table.add_row(
        "Follow-ups overdue", Text(str(fu["overdue"]), style="red" if fu["overdue"] else ""), "", ""
    )
    for goal in (g for g in card["goals"] if g["period"] == "month"):
        status = (MET if goal["met"] else MISSED).copy()
        status.append(f" {present.goal_text(goal)}", style="dim")
        table.add_row(
            f"{goal['metric']} (month)", present.fmt(goal["metric"], goal["actual"]), "", status
        )
    return table


def funnel(card: dict[str, Any]) -> Table:
    stages = card["campaigns_by_stage"]
    top = max(stages.values(), default=0)
    table = Table.grid(padding=(0, 1), expand=True)
    table.add_column(no_wrap=True, width=12)
    table.add_column(justify="right", width=3)
    table.add_column(ratio=1, style="cyan", no_wrap=True)
    for stage in ORDERED_STAGES:
        count = stages.get(stage.value, 0)
        table.add_row(stage.label, str(count), bar(count, top, 20))
    closed = " · ".join(f"{s} {stages[s]}" for s in ("lost", "paused") if stages.get(s))
    if closed:
        table.add_row(Text("off line", style="dim"), "", Text(closed, style="dim"))
    return table


def channels(card: dict[str, Any]) -> Table | Text:
    rows = card.get("channel_effectiveness") or {}
    if not rows:
        return Text("no campaigns yet: n on the pipeline opens one", style="dim")
    table = Table(box=None, expand=True, header_style="dim", pad_edge=False)
    table.add_column("source", no_wrap=True, overflow="ellipsis")
    for head in ("opened", "interv.", "negot.", "won"):
        table.add_column(head, justify="right", no_wrap=True)
    for channel, counts in rows.items():
        table.add_row(
            channel.replace("_", " "),
            str(counts["opened"]),
            str(counts["interviewing"]),
            str(counts["negotiating"]),
            Text(str(counts["won"]), style="bold green" if counts["won"] else ""),
        )
    return table


def diversity(card: dict[str, Any]) -> Table:
    table = Table.grid(padding=(0, 1), expand=True)
    table.add_column(no_wrap=True, width=12)
    table.add_column(justify="right", width=6)
    table.add_column(ratio=1, style="magenta", no_wrap=True)
    values = card["diversity"]
    for dim in ("industry", "function", "location", "company_size", "overall"):
        value = values.get(dim)
        label = dim.replace("_", " ")
        table.add_row(label, present.fmt("diversity", value), bar(value or 0, 1, 20))
    return table


def hours(card: dict[str, Any]) -> Table:
    table = Table.grid(padding=(0, 1), expand=True)
    table.add_column(no_wrap=True, width=12)
    table.add_column(justify="right", width=6)
    table.add_column(ratio=1, no_wrap=True)
    values = {k: card[k] for k in ("hours_invested", "hours_busywork", "hours_off")}
    top = max(values.values(), default=0)
    styles = {"hours_invested": "green", "hours_busywork": "yellow", "hours_off": "blue"}
    for key, value in values.items():
        table.add_row(
            key[6:], present.fmt(key, value), Text(bar(value, top, 20), style=styles[key])
        )
    table.add_row("focus", present.fmt("focus_ratio", card["focus_ratio"]), "")
    table.add_row("spend", present.fmt("spend", card["spend"]), "")
    return table


def attention(card: dict[str, Any]) -> Text:
    text = Text()
    cold, stalled = card.get("going_cold", []), card.get("stalled", [])
    text.append(f"going cold {len(cold)}", style="bold yellow" if cold else "")
    text.append("  ·  ")
    text.append(f"stalled {len(stalled)}", style="bold yellow" if stalled else "")
    for warning in card.get("pipeline_warnings", []):
        text.append("\n! ", style="bold red")
        text.append(warning)
    if cold or stalled:
        text.append("\nthe agenda (4) lists them", style="dim")
    return text


class ScorecardScreen(LiveScreen[CardData]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left_square_bracket", "week(-1)", "Prev week", key_display="["),
        Binding("right_square_bracket", "week(1)", "Next week", key_display="]"),
        Binding("t", "this_week", "This week"),
    ]

    def __init__(self, repo: Repo) -> None:
        super().__init__(repo)
        self.period: Period | None = None

    def compose(self) -> ComposeResult:
        yield ModeHeader("scorecard")
        yield Static(id="period", classes="period")
        with VerticalScroll(id="card-scroll"), Grid(id="card"):
            yield Static(id="metrics", classes="box")
            with VerticalScroll(id="card-side"):
                for box in ("funnel", "channels", "hours", "diversity", "attention"):
                    yield Static(id=box, classes="box")
        yield Footer()

    def load(self) -> CardData:
        this_week = self.repo.week()
        period = self.period or this_week
        return CardData(self.repo.scorecard(period), period, this_week)

    def show(self, data: CardData) -> None:
        card, period = data.card, data.period
        self.period = period
        head = Text(f" Week {period.label} ", style="bold reverse")
        head.append(f"  {period.start:%a %b %d} – {period.end:%a %b %d %Y}")
        if period == data.this_week:
            head.append("  this week", style="bold green")
        else:
            head.append("  t: back to this week", style="dim")
        head.append("   [ previous · ] next", style="dim")
        self.query_one("#period", Static).update(head)
        met = sum(1 for g in card["goals"] if g["met"])
        section(
            self.query_one("#metrics", Static),
            f"{period.label} · goals met {met}/{len(card['goals'])}",
            metrics_table(card),
        )
        section(self.query_one("#funnel", Static), "Stage funnel", funnel(card))
        section(self.query_one("#channels", Static), "Channel effectiveness", channels(card))
        section(self.query_one("#hours", Static), "Where the hours went", hours(card))
        section(self.query_one("#diversity", Static), "Network diversity", diversity(card))
        section(self.query_one("#attention", Static), "Needs attention", attention(card))

    def action_week(self, weeks: int) -> None:
        base = self.period or self.repo.week()
        self.period = shift_weeks(base, weeks, self.repo.settings().week_start)
        self.reload()

    def action_this_week(self) -> None:
        self.period = None
        self.reload()
