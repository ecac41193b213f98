"""The scorecard as text: the plain table and the markdown weekly review a user pastes.

Every key of the JSON is shown: the registry's rows with their goals and trends, then
the nested figures (follow-ups, diversity, stages, where effort went, the funnel, the
network, reciprocity, losses) and the insights (channel effectiveness, time in stage,
going cold, stalled, pipeline warnings).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from netrack.domain.cadence import Deadline
from netrack.domain.card import DIVERSITY_DIMENSIONS, GoalResult, Scorecard
from netrack.domain.goal_words import goal_text
from netrack.domain.registry import BY_KEY, ROWS, TREND_KEYS, Unit
from netrack.listing import NO_LABELS, Labels
from netrack.present_format import (
    NULL,
    card_kind,
    fmt,
    fmt_days,
    fmt_figure,
    fmt_unit,
    goal_groups,
    goal_label,
    goal_progress,
    goal_span,
    goal_verdict,
    other_goals,
    percent,
    row_goals,
    sparkline,
    standing_so_far,
)

# Names listed in a line before "… and N more": a line stays readable on years of history.
LISTED = 10
_REVIEW = {"week": "Weekly", "month": "Monthly", "quarter": "Quarterly", "year": "Yearly"}


def _mark(goal: GoalResult) -> str:
    """The markdown's verdict before a goal's target: ⏳ while it may still change."""
    standing = standing_so_far(goal)
    if standing is not None:
        return "⏳ met so far," if standing else "⏳ over so far,"
    if goal.met is None:
        return f"⏳ {goal_progress(goal)},"
    return "✅" if goal.met else "❌"


def _hours(value: float) -> str:
    return fmt_unit(Unit.HOURS, value)


def _ratio(value: float | None) -> str:
    """A share of a whole, as people read one: a percentage."""
    return percent(value)


def _label(key: str) -> str:
    metric = BY_KEY.get(key)
    return metric.label if metric else key


def _names(names: list[str]) -> str:
    shown = ", ".join(names[:LISTED])
    return shown + (f", … and {len(names) - LISTED} more" if len(names) > LISTED else "")


def _details(card: Scorecard) -> list[tuple[str, str]]:
    """(label, text) of the nested figures, one line each, shared by both formats."""
    fu, div = card.follow_ups, card.diversity
    stages = card.campaigns_by_stage
    net, rec = card.network, card.reciprocity
    return [
        ("Follow-ups", f"due {fu.due} · on time {fu.on_time} · overdue {fu.overdue}"),
        (
            "Diversity",
            f"overall {fmt_figure(card, 'diversity_overall')} · "
            + " · ".join(
                f"{d.replace('_', ' ')} {_ratio(getattr(div, d))}" for d in DIVERSITY_DIMENSIONS
            ),
        ),
        ("By stage", " · ".join(f"{s.value} {n}" for s, n in stages.items()) or NULL),
        (
            "New by channel",
            " · ".join(f"{c} {n}" for c, n in card.new_contacts_by_channel.items()) or NULL,
        ),
        ("Network", f"size {net.size} · new {net.new} · growth {_ratio(net.growth)}"),
        ("Reciprocity", f"given {rec.given} · received {rec.received}"),
        (
            "Funnel",
            " → ".join(
                f"{step.stage.value} {step.reached}"
                + (f" ({_ratio(step.rate)})" if step.rate is not None else "")
                for step in card.funnel
            ),
        ),
        ("Lost reasons", " · ".join(f"{r} {n}" for r, n in card.lost_reasons.items()) or NULL),
    ]


def _effort_rows(card: Scorecard) -> list[tuple[str, ...]]:
    return [
        (key, _hours(e.hours), fmt_unit(Unit.MONEY, e.spend), str(e.interactions))
        for key, e in card.effort_by_channel.items()
    ]


def _kind_rows(card: Scorecard) -> list[tuple[str, ...]]:
    return [
        (key, str(e.interactions), _hours(e.hours), str(e.meaningful))
        for key, e in card.effort_by_kind.items()
    ]


def _channel_rows(card: Scorecard) -> list[tuple[str, ...]]:
    return [
        (key, str(c.opened), str(c.interviewing), str(c.negotiating), str(c.won))
        for key, c in card.channel_effectiveness.items()
    ]


def _stage_rows(card: Scorecard) -> list[tuple[str, ...]]:
    return [
        (stage.value, str(t.count), fmt_days(t.mean_days))
        for stage, t in card.time_in_stage.items()
    ]


def _days(count: int) -> str:
    """ "1 day", "14 days": with `stalled_days` at 1, a campaign stalled "1 days"."""
    return f"{count} day{'' if count == 1 else 's'}"


def _cold(card: Scorecard, people: Labels, shown: Callable[[str], str] = str) -> list[str]:
    # Never touched: the days count from when they were met ("87 days, last never" read
    # as if the days came from nowhere). A contact with a cadence is listed for it, not
    # for `going_cold_days`: "25 days" beside a 30-day rule read as a mistake.
    lines = []
    for c in card.going_cold:
        idle = _days(c.days_idle) + ("" if c.last_touch else " since met")
        every = "" if c.keep_in_touch is None else f", every {c.keep_in_touch}"
        last = f"last {c.last_touch}" if c.last_touch else "never touched"
        lines.append(f"{shown(people.get(c.id, c.name))} ({idle}{every}, {last})")
    return lines


def _stalled(card: Scorecard, campaigns: Labels, shown: Callable[[str], str] = str) -> list[str]:
    return [
        f"{shown(campaigns.get(c.id, c.name))} ({c.stage.value}, {_days(c.days_idle)})"
        for c in card.stalled
    ]


def table(
    card: Scorecard,
    people: Labels = NO_LABELS,
    campaigns: Labels = NO_LABELS,
    today: date | None = None,
) -> str:
    """The plain-text card; `people`, `campaigns`: "Sam Lee (Acme)", "Acme Eng [id:2]"
    for those that share a name (`repo.contacts.told_apart()`, as the agenda names them).
    Given `today`, a period that starts after it is "not started", not "running"."""
    period = card.period
    goals = row_goals(card)
    running = "" if card.complete else f"  · {_unfinished(card, today)}"
    lines = [f"netrack scorecard {period.label}  ({period.start} → {period.end}){running}", ""]
    width = max(len(m.label) for m in ROWS)
    for metric in ROWS:
        key = metric.key
        value = fmt(key, metric.value(card), goals.get(key, ()))
        mark = "".join(f"  {goal_verdict(goal)} ({goal_text(goal)})" for goal in goals.get(key, ()))
        trend = f"  {sparkline(card.trend[key])}" if key in TREND_KEYS else ""
        lines.append(f"  {metric.label:<{width}}  {value:>8}{trend}{mark}")
    lines += [f"  {label:<{width}}  {text}" for label, text in _details(card)]
    for kind, span, group in goal_groups(card, today):
        lines += [
            "",
            f"  {kind.value.capitalize()} goals" + ("" if span == kind.value else f" ({span})"),
        ]
        for goal in group:
            lines.append(
                f"  {_label(goal.metric):<{width}}  {fmt(goal.metric, goal.actual, [goal]):>8}  {goal_verdict(goal)} ({goal_text(goal)})"
            )
    sections = (
        ("Effort by channel", ("channel", "hours", "spend", "interactions"), _effort_rows(card)),
        ("Effort by kind", ("kind", "interactions", "hours", "meaningful"), _kind_rows(card)),
        (
            "Channel effectiveness",
            ("channel", "opened", "interviewing", "negotiating", "won"),
            _channel_rows(card),
        ),
        ("Time in stage", ("stage", "stays", "mean days"), _stage_rows(card)),
    )
    for title, head, rows in sections:
        if not rows:
            continue
        widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
        lines += ["", f"  {title}"]
        for row in [head, *rows]:
            cells = [row[0].ljust(widths[0])] + [
                c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True)
            ]
            lines.append("    " + "  ".join(cells))
    if card.pipeline_warnings:
        lines += [""] + [f"  ! {w}" for w in card.pipeline_warnings]
    if card.going_cold:
        lines.append(f"  going cold: {len(card.going_cold)} ({_names(_cold(card, people))})")
    if card.stalled:
        lines.append(f"  stalled: {len(card.stalled)} ({_names(_stalled(card, campaigns))})")
    return "\n".join(lines)


def deadline_when(row: Deadline) -> str:
    """ "in 5 days", "today", "3 days past due"."""
    days = row.days_left
    if days > 0:
        return f"in {_days(days)}"
    return "today" if days == 0 else f"{_days(-days)} past due"


def deadlines_table(deadlines: tuple[Deadline, ...], campaigns: Labels = NO_LABELS) -> str:
    """The card's deadlines (open campaigns', within 7 days of its end or past), for the
    table output, to follow it after a blank line; "" when there are none."""
    if not deadlines:
        return ""
    lines = ["  Deadlines (open campaigns, within 7 days)"]
    for row in deadlines:
        lines.append(
            f"    {row.deadline}  {deadline_when(row):<16}  {campaigns.get(row.id, row.name)}"
            f"  ({row.stage.value})"
        )
    return "\n".join(lines)


def deadlines_markdown(deadlines: tuple[Deadline, ...], campaigns: Labels = NO_LABELS) -> str:
    """`deadlines_table` as a section of the markdown review; "" when there are none."""
    if not deadlines:
        return ""
    lines = ["### Deadlines (open campaigns, within 7 days)", ""]
    for row in deadlines:
        name = md_text(campaigns.get(row.id, row.name))
        lines.append(f"- {row.deadline} {deadline_when(row)}: {name} ({row.stage.value})")
    return "\n".join(lines)


# What makes text markup where a name sits in the review (inside a list item or a table
# cell): emphasis, code, links and images, HTML and entities, cells, strikethrough.
_MARKUP = re.compile(r"([\\`*_\[\]<>|&~])")


# What makes text markup at the start of a list item (a heading, a nested list, a
# numbered list from "1986. A good year", a quote) and a bare address a live link (GFM's
# extended autolinks: `www.`, `scheme://` and an email address, whose `@` is escaped).
_LINE_START = re.compile(r"^(?:([#+\-=>])|(\d+)([.)]))")
_AUTOLINK = re.compile(r"(?i)(?<=www)\.|:(?=//)")
# GFM finds an e-mail address after parsing, escapes undone ("jobs\@acme.io" is still a
# mailto: link on GitHub): an empty HTML comment, which renders as nothing, splits it.
_UNLINKED_AT = "@<!-- -->"


def md_text(text: str) -> str:
    """User text for the markdown review, shown as written where it is pasted: SPEC's
    text "is shown as text, never interpreted as markup" ("[x](http://…)" was a live
    link, "**Bo**" bold, "# Heading Guy" a heading)."""
    text = _MARKUP.sub(r"\\\1", text)
    text = _AUTOLINK.sub(lambda found: "\\" + found.group(), text)
    text = text.replace("@", _UNLINKED_AT)
    return _LINE_START.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", text)


def _md_table(title: str, head: tuple[str, ...], rows: list[tuple[str, ...]]) -> list[str]:
    if not rows:
        return []
    align = "|---|" + "---:|" * (len(head) - 1)
    return ["", f"### {title}", "", "| " + " | ".join(head) + " |", align] + [
        "| " + " | ".join(row) + " |" for row in rows
    ]


def _unfinished(card: Scorecard, today: date | None) -> str:
    """How an incomplete card's header names its period, in the Scorecard screen's
    words: one that starts after `today` has not started; one under way is running."""
    return "not started" if today is not None and card.period.start > today else "running"


def markdown(
    card: Scorecard,
    people: Labels = NO_LABELS,
    campaigns: Labels = NO_LABELS,
    today: date | None = None,
) -> str:
    """The markdown review; `people`, `campaigns`, `today`: as `table` takes them."""
    period = card.period
    kind = card_kind(card).value
    goals = row_goals(card)
    running = f" — {_unfinished(card, today)}" if not card.complete else ""
    lines = [
        f"## {_REVIEW[kind]} review {period.label} ({period.start} – {period.end}){running}",
        "",
        f"| metric | value | goal | 12 {kind}s |",
        "|---|---:|---|---|",
    ]
    for metric in ROWS:
        key = metric.key
        status = "; ".join(f"{_mark(goal)} {goal_text(goal)}" for goal in goals.get(key, ()))
        trend = sparkline(card.trend[key]) if key in TREND_KEYS else ""
        lines.append(
            f"| {metric.label} | {fmt(key, metric.value(card), goals.get(key, ()))} | {status} | {trend} |"
        )
    fu = card.follow_ups
    lines.append(
        f"| Follow-ups due / on time / overdue | {fu.due} / {fu.on_time} / {fu.overdue} | | |"
    )
    for goal in other_goals(card):
        lines.append(
            f"| {goal_label(goal)}, {goal_span(goal, card, today)} | {fmt(goal.metric, goal.actual, [goal])} | {_mark(goal)} {goal_text(goal)} | |"
        )
    for label, text in _details(card)[1:]:  # the follow-ups have their row above
        lines.append(f"| {label} | {text} | | |")
    lines += _md_table(
        "Effort by channel", ("channel", "hours", "spend", "interactions"), _effort_rows(card)
    )
    lines += _md_table(
        "Effort by kind", ("kind", "interactions", "hours", "meaningful"), _kind_rows(card)
    )
    lines += _md_table(
        "Channel effectiveness",
        ("channel", "opened", "interviewing", "negotiating", "won"),
        _channel_rows(card),
    )
    lines += _md_table("Time in stage", ("stage", "stays", "mean days"), _stage_rows(card))
    for title, items in (
        ("Going cold", _cold(card, people, md_text)),
        ("Stalled", _stalled(card, campaigns, md_text)),
    ):
        if items:
            more = len(items) - LISTED
            lines += ["", f"### {title} ({len(items)})", ""] + [f"- {i}" for i in items[:LISTED]]
            lines += [f"- … and {more} more"] if more > 0 else []
    if card.pipeline_warnings:
        lines += [""] + [f"> ⚠ {w}" for w in card.pipeline_warnings]
    return "\n".join(lines)
