"""The scorecard screen's boxes as Rich renderables: the figures against goals, the
funnel, where the effort went (bars), the network, diversity and what needs attention.

Pure functions of a `Scorecard`: the screen decides when to draw them. A label cell (a
metric's or a stage's name, fixed words) is `no_wrap` with an ellipsis, so a narrow
terminal cuts it with "…", never silently; figures, goals and names wrap instead, as a
cut one is a figure or a name dropped (SPEC: every section reachable, dropping is not).
"""

from __future__ import annotations

from datetime import date, timedelta

from rich.console import Console, ConsoleOptions, Group, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.style import Style
from rich.table import Table
from rich.text import Text

from netrack import present
from netrack.domain.cadence import Deadline
from netrack.domain.card import DIVERSITY_DIMENSIONS, GoalResult, GoingCold, Scorecard
from netrack.domain.models import ORDERED_STAGES, Stage
from netrack.domain.registry import BY_KEY, ROWS, TREND_KEYS, Unit
from netrack.listing import NO_LABELS, Labels
from netrack.present_format import NULL, fmt_days, fmt_figure, goal_verdict, provisional
from netrack.present_format import percent as share
from netrack.widgets.text import BAR, Items, short_day, words
from netrack.widgets.urgency import DUE_TODAY, LATE

MET, MISSED = Text("✓ met", style="bold green"), Text("✗ missed", style=LATE)
# An undecided goal (its period still running): progress, neither good nor bad yet.
PROGRESS = "bold"
# The trend column's heading per period kind: "12 wk", "12 mo" …
TREND_HEAD = {"week": "12 wk", "month": "12 mo", "quarter": "12 qtr", "year": "12 yr"}


class Bar:
    """A horizontal bar as long as `value` is against `top`, in whatever width its cell
    has: bars of one box share a scale and are never cut with an ellipsis."""

    def __init__(self, value: float, top: float, style: str = "") -> None:
        self.share = max(0.0, min(1.0, value / top)) if top > 0 and value > 0 else 0.0
        self.style = Style.parse(style) if style else Style()

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        cells = max(1, round(self.share * width)) if self.share else 0
        yield Segment(BAR * cells, self.style)
        yield Segment(" " * (width - cells))
        yield Segment.line()

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(1, options.max_width)


def percent(value: float | None) -> str:
    """A ratio as a percentage, as the CLI shows it (`0.2353` → `23.53%`; the screen's
    `24%` once disagreed with `scorecard`'s); None is a dash."""
    return share(value)


def goal_status(goal: GoalResult) -> Text:
    """Met, missed, or (not decided yet, or met or over only so far: `provisional`) how
    it stands so far in a neutral colour, as `scorecard` words it (`goal_verdict`)."""
    if goal.met is None or provisional(goal):
        return Text(goal_verdict(goal), style=PROGRESS)
    return (MET if goal.met else MISSED).copy()


def _goal_cell(goal: GoalResult | None) -> Text | Items:
    """A goal beside its metric's row: met, missed or how far so far, and its target,
    the target on a line of its own where both do not fit ("… 215.58/2000.25 so far"
    in a 71-cell card lost "≥ 2000.25" to an ellipsis)."""
    if goal is None:
        return Text()
    # The target in its own dim, not in the status's style: "≥ 8" after "✗ missed" was
    # dimmed red, unreadable without colour.
    return Items([goal_status(goal), Text(present.goal_target(goal), "dim")], separator=" ")


def _grid(*widths: int | None) -> Table:
    """A borderless grid: a label column (ellipsis when narrow), then figure columns at
    least `width` wide and as wide as their longest figure (a year's "1620.50" hours read
    "1620.…" in six cells: the bars give way instead); a width of None is the flexible
    bar column."""
    table = Table.grid(padding=(0, 1), expand=True)
    for index, width in enumerate(widths):
        if index == 0:
            table.add_column(no_wrap=True, overflow="ellipsis", min_width=width, max_width=14)
        elif width is None:
            table.add_column(no_wrap=True, ratio=1)
        else:
            table.add_column(no_wrap=True, justify="right", min_width=width)
    return table


# The widest label of the card's own rows (the follow-up rows' included).
LABELS = max(len(label) for label in (*(m.label for m in ROWS), "Follow-ups due / on time"))


def metrics_table(card: Scorecard, today: date | None = None) -> Table:
    """Every scalar metric with its trend and the goal of the card's own kind; then the
    goals of the other kinds, under the span each measured, as `scorecard` says it
    (`today`: a span not begun yet is named by its first day)."""
    kind = present.card_kind(card).value
    goals = present.row_goals(card)
    # One space between columns, and the metric labels as wide as they are: at 120x40
    # the card is 71 cells wide, where a label and the longest goal line both fit whole.
    # An other goal's period is said by the heading of its span, on a row of its own:
    # beside the label, "Face-to-face (campaign) (week)" was cut mid-word and lost the
    # period. Its goal cell then says the target alone, as a row's does: "… 27.27%/50%
    # so far ≥ 50% a month" left 26 cells was cut at "≥ 50%…".
    table = Table(box=None, expand=True, header_style="dim", pad_edge=False, collapse_padding=True)
    table.add_column("metric", no_wrap=True, overflow="ellipsis", min_width=20, max_width=LABELS)
    table.add_column("value", justify="right", no_wrap=True)
    table.add_column(TREND_HEAD[kind], no_wrap=True, width=12)
    table.add_column("goal", ratio=1, min_width=12)
    for metric in ROWS:
        key = metric.key
        on_metric: list[GoalResult | None] = [*goals.get(key, ())] or [None]
        shown, *more = on_metric
        trend = present.sparkline(card.trend[key]) if key in TREND_KEYS else ""
        figure = metric.value(card)
        value = present.fmt(key, figure, goals.get(key, ()))
        table.add_row(
            metric.label,
            Text(value, style="bold" if shown else ""),
            Text(trend, style="cyan"),
            _goal_cell(shown),
        )
        for goal in more:  # a second goal on the metric (at most 10 beside at least 3)
            table.add_row("", "", "", _goal_cell(goal))
    fu = card.follow_ups
    table.add_row("Follow-ups due / on time", f"{fu.due} / {fu.on_time}", "", "")
    table.add_row(
        "Follow-ups overdue", Text(str(fu.overdue), style=LATE if fu.overdue else ""), "", ""
    )
    for period, span, group in present.goal_groups(card, today):
        table.add_row(Text(span_heading(period.value, span), style="dim"), "", "", "")
        for goal in group:
            known = BY_KEY.get(goal.metric)
            label = known.label if known else goal.metric
            table.add_row(
                label, present.fmt(goal.metric, goal.actual, [goal]), "", _goal_cell(goal)
            )
    return table


def span_heading(kind: str, span: str) -> str:
    """The heading of goals that measured `span`: "Quarter to Dec 13" where the card
    cut it short (a quarter goal on a past week's card), "Month to date", "Week of
    Nov 30", "October 2026" (`present.goal_span`). At most 24 cells: whole in the label
    column at 80 columns too ("Week of Mar 29 to Mar 31", "September 2027 to Sep 05")."""
    if span == kind:
        return f"{kind.capitalize()} goals"
    return span[0].upper() + span[1:]  # "Dec" stays capitalized


def funnel(card: Scorecard) -> Group:
    """applied → interviewing → negotiating → won: campaigns that reached each step by
    the card's end, as bars, with the conversion from the step above."""
    top = max((step.reached for step in card.funnel), default=0)
    table = _grid(12, 3, None, 5)
    table.add_row(Text("reached", style="dim"), "", "", Text("conv.", style="dim"))
    for step in card.funnel:
        rate = "" if step.rate is None and step is card.funnel[0] else percent(step.rate)
        table.add_row(
            step.stage.label,
            str(step.reached),
            Bar(step.reached, top, "cyan"),
            rate,
        )
    rounds = Text("interview rounds ", style="dim")
    rounds.append(str(card.interview_rounds), style="bold")
    return Group(table, rounds)


def by_stage(card: Scorecard) -> Group:
    """Campaigns in each stage at the card's end; the closed ones and why they were lost,
    wrapped under the bars (the bar column cut the reasons off: one never showed)."""
    stages = card.campaigns_by_stage
    top = max(stages.values(), default=0)
    table = _grid(12, 3, None)
    for stage in ORDERED_STAGES:
        count = stages.get(stage, 0)
        table.add_row(stage.label, str(count), Bar(count, top, "cyan"))
    lines: list[Text] = []
    closed = " · ".join(
        f"{s.value} {stages[s]}" for s in (Stage.LOST, Stage.PAUSED) if stages.get(s)
    )
    if closed:
        lines.append(Text.assemble(("off line  ", "dim"), (closed, "dim")))
    if card.lost_reasons:
        reasons = " · ".join(f"{r.replace('_', ' ')} {n}" for r, n in card.lost_reasons.items())
        lines.append(Text.assemble(("lost why  ", "dim"), (reasons, "dim")))
    return Group(table, *lines)


def effort_by_channel(card: Scorecard) -> Group | Text:
    """Hours per source channel of the campaigns they served (and unlinked), as bars."""
    rows = card.effort_by_channel
    if not any(e.hours or e.interactions for e in rows.values()):
        return Text("no hours logged in this period: l logs one", style="dim")
    top = max(e.hours for e in rows.values())
    table = _grid(12, 6, None, 4, 8)
    dim = "dim"
    table.add_row(
        "", Text("hours", style=dim), "", Text("int.", style=dim), Text("spend", style=dim)
    )
    for channel, effort in rows.items():
        table.add_row(
            channel.replace("_", " "),
            present.fmt_unit(Unit.HOURS, effort.hours),
            Bar(effort.hours, top, "green"),
            str(effort.interactions),
            present.fmt_unit(Unit.MONEY, effort.spend),
        )
    focus = Text("campaign focus ", style="dim")
    focus.append(fmt_figure(card, "campaign_focus"), style="bold")
    focus.append(" of the hours", style="dim")  # "on campaigns" is its name
    return Group(table, focus)


def effort_by_kind(card: Scorecard) -> Table | Text:
    """Interactions and hours per kind of interaction, each as a bar, and how many of
    them were meaningful (`!`, the quick log's mark for it)."""
    rows = card.effort_by_kind
    if not rows:
        return Text("no interactions in this period: l logs one", style="dim")
    most = max(e.interactions for e in rows.values())
    longest = max(e.hours for e in rows.values())
    table = _grid(10, 4, None, 6, None, 3)
    dim = "dim"
    table.add_row(
        "", Text("int.", style=dim), "", Text("hours", style=dim), "", Text("!", style=dim)
    )
    for kind, effort in rows.items():
        table.add_row(
            kind.replace("_", " "),
            str(effort.interactions),
            Bar(effort.interactions, most, "blue"),
            present.fmt_unit(Unit.HOURS, effort.hours),
            Bar(effort.hours, longest, "green"),
            str(effort.meaningful),
        )
    return table


def network(card: Scorecard) -> Table:
    """The network's size and growth, the new contacts by the channel they came from;
    value given against value received, as bars."""
    net, rec = card.network, card.reciprocity
    table = _grid(12, 4, None)
    table.add_row("network", str(net.size), Text("contacts known", style="dim"))
    growth = Text(f"growth {percent(net.growth)}", style="dim")
    table.add_row("new", str(net.new), growth)
    # Every channel, on as many lines as the box needs (a year brings them all): cut
    # with "…" to keep the box one height, it dropped figures even at 160 columns.
    by_channel = card.new_contacts_by_channel.items()
    channels = [f"{words(c)} {n}" for c, n in by_channel] or [NULL]
    table.add_row("by channel", "", Items(channels, style="dim"))
    top = max(rec.given, rec.received)
    table.add_row("value given", str(rec.given), Bar(rec.given, top, "green"))
    table.add_row("received", str(rec.received), Bar(rec.received, top, "magenta"))
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
    table = _grid(12, 6, None)
    values = card.diversity
    for dim in (*DIVERSITY_DIMENSIONS, "overall"):
        value = getattr(values, dim)
        label = dim.replace("_", " ")
        bars = Bar(value or 0, 1, "magenta")
        # As the CLI's table and markdown show it; the overall one as beside its goal.
        shown = fmt_figure(card, "diversity_overall") if dim == "overall" else share(value)
        table.add_row(label, shown, bars)
    return table


def hours(card: Scorecard) -> Table:
    table = _grid(12, 6, None)
    values = {
        "hours_invested": card.hours_invested,
        "hours_busywork": card.hours_busywork,
        "hours_off": card.hours_off,
    }
    top = max(values.values(), default=0)
    styles = {"hours_invested": "green", "hours_busywork": "yellow", "hours_off": "blue"}
    # Each figure as its row beside its goal shows it: one figure, one value on screen.
    for key, value in values.items():
        table.add_row(key[6:], fmt_figure(card, key), Bar(value, top, styles[key]))
    table.add_row("focus", fmt_figure(card, "focus_ratio"), "")
    table.add_row("spend", fmt_figure(card, "spend"), "")
    return table


def time_in_stage(card: Scorecard) -> Table | Text:
    """Per ordered stage, the stays in it that ended by the card's end: how many, and
    their mean length in days (bars on one scale)."""
    rows = card.time_in_stage
    if not rows:
        return Text("no stay ended yet: a campaign moving on ends one", style="dim")
    top = max(t.mean_days for t in rows.values())
    table = _grid(12, 6, None, 6)
    table.add_row("", Text("days", style="dim"), "", Text("stays", style="dim"))
    for stage, stays in rows.items():
        days = fmt_days(stays.mean_days)  # as the CLI's (11.7 beside its 11.67)
        table.add_row(stage.label, days, Bar(stays.mean_days, top, "blue"), str(stays.count))
    return table


# Names listed under "Needs attention" before "+N more": the card's, as of its end (the
# Agenda lists today's in full).
ATTENTION_ROWS = 5


def attention(card: Scorecard, people: Labels = NO_LABELS, campaigns: Labels = NO_LABELS) -> Group:
    """Who is going cold and which campaigns stalled as of the card's end, the longest
    idle first (the Agenda lists today's), then the pipeline's warnings; namesakes named
    as the Agenda names them (`people`, `campaigns`: see `present_text.Labels`)."""
    from netrack.widgets.literal import literal

    parts: list[Text | Table] = []
    # Only the rows shown are formatted: a long history has thousands going cold.
    cold, stalled = card.going_cold, card.stalled
    for title, count, rows in (
        (
            "going cold",
            len(cold),
            [(people.get(c.id, c.name), _idle(c)) for c in cold[:ATTENTION_ROWS]],
        ),
        (
            "stalled",
            len(stalled),
            [
                (campaigns.get(c.id, c.name), f"{c.stage.label} · {c.days_idle}d")
                for c in stalled[:ATTENTION_ROWS]
            ],
        ),
    ):
        parts.append(Text(f"{title} {count}", style="bold yellow" if rows else ""))
        if not rows:
            continue
        # Names indented under the title by an empty column, so a long one wraps under
        # itself: cut, five "International Business Machines Cor…" told nobody which
        # campaigns had stalled.
        table = Table.grid(padding=(0, 1), expand=True)
        table.add_column(width=1)
        table.add_column(overflow="fold", ratio=1)
        table.add_column(no_wrap=True, justify="right", style="dim")
        for name, idle in rows:
            table.add_row("", literal(name), idle)
        if count > ATTENTION_ROWS:
            table.add_row("", Text(f"+{count - ATTENTION_ROWS} more", style="dim"), "")
        parts.append(table)
    for warning in card.pipeline_warnings:
        parts.append(Text("! ", style="bold red").append(warning))
    return Group(*parts)


def _idle(cold: GoingCold) -> str:
    """ "52d idle"; "25d idle · every 21d" for one listed by their cadence, not by the
    `going_cold_days` the other days are read against."""
    every = "" if cold.keep_in_touch is None else f" · every {cold.keep_in_touch}d"
    return f"{cold.days_idle}d idle{every}"


def deadlines(rows: tuple[Deadline, ...], campaigns: Labels = NO_LABELS) -> Text:
    """Open campaigns' deadlines within 7 days of the card's end (or past), soonest first;
    `campaigns`: "Acme Eng [id:2]" for those that share a name."""
    from netrack.present_text import deadline_when
    from netrack.widgets.literal import literal

    text = Text()
    if not rows:
        text.append("no deadline within 7 days", style="dim")
    for row in rows:
        style = LATE if row.days_left <= 0 else DUE_TODAY
        card_day = row.deadline - timedelta(days=row.days_left)  # the card's "today"
        text.append(f"{short_day(row.deadline, card_day, '%a %b %d')}  ", style="dim")
        text.append(deadline_when(row), style=style)
        text.append("  ")
        text.append_text(literal(campaigns.get(row.id, row.name)))
        text.append(f"  {row.stage.value}\n", style="dim")
    text.rstrip()
    return text
