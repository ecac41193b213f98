"""Showing a scorecard: rounding for display, and the table / markdown / json formats.

Figures are rounded here and only here: ratios to 4 decimals, hours to 2.
"""

from __future__ import annotations

import json
from typing import Any

from netrack.domain.metrics import HOUR_KEYS, RATIO_KEYS, TREND_KEYS

NULL = "—"
SPARK = "▁▂▃▄▅▆▇█"

# (key, label) in reading order: activity, relationships, pipeline, time.
ROWS: tuple[tuple[str, str], ...] = (
    ("interactions", "Interactions"),
    ("meaningful_contacts", "Meaningful contacts"),
    ("face_to_face", "Face-to-face (campaign)"),
    ("events", "Events"),
    ("interviews", "Interviews"),
    ("new_contacts", "New contacts"),
    ("referrals_in", "Referrals in"),
    ("referrals_out", "Referrals out"),
    ("referral_rate_90d", "Referral rate (90d)"),
    ("relationship_quality", "Relationship quality"),
    ("active_campaigns", "Active campaigns"),
    ("pipeline_coverage", "Pipeline coverage (of 7)"),
    ("stage_advances", "Stage advances"),
    ("setbacks", "Setbacks"),
    ("hours_invested", "Hours invested"),
    ("hours_busywork", "Hours busywork"),
    ("hours_off", "Hours off"),
    ("focus_ratio", "Focus ratio"),
    ("spend", "Spend"),
    ("outcomes_per_10h", "Outcomes per 10h"),
)


def round_value(key: str, value: Any) -> Any:
    if value is None or isinstance(value, bool):
        return value
    if key in HOUR_KEYS:
        return round(float(value), 2)
    if key in RATIO_KEYS or key == "diversity":
        return round(float(value), 4)
    if key == "spend":
        return round(float(value), 2)
    return value


def rounded(card: dict[str, Any]) -> dict[str, Any]:
    """A copy of the card with every figure rounded for display."""
    out: dict[str, Any] = {}
    for key, value in card.items():
        if key == "diversity":
            out[key] = {dim: round_value("diversity", v) for dim, v in value.items()}
        elif key == "trend":
            out[key] = {k: [round_value(k, v) for v in values] for k, values in value.items()}
        elif key == "goals":
            out[key] = [{**g, "actual": round_value(g["metric"], g["actual"])} for g in value]
        else:
            out[key] = round_value(key, value)
    return out


def fmt(key: str, value: Any) -> str:
    if value is None:
        return NULL
    value = round_value(key, value)
    if isinstance(value, float):
        if key in HOUR_KEYS or key == "spend":
            return f"{value:.2f}"
        return f"{value:.4f}".rstrip("0").rstrip(".") if value != int(value) else f"{value:.0f}"
    return str(value)


def sparkline(values: list[float | int]) -> str:
    top = max(values, default=0) or 1
    return "".join(SPARK[min(len(SPARK) - 1, int(v / top * (len(SPARK) - 1)))] for v in values)


def goal_text(goal: dict[str, Any]) -> str:
    sign = "≥" if goal["comparator"] == "at_least" else "≤"
    return f"{sign} {goal['target']:g}/{goal['period']}"


def _goal_by_metric(card: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {g["metric"]: g for g in card["goals"] if g["period"] == "week"}


def table(card: dict[str, Any]) -> str:
    period = card["period"]
    goals = _goal_by_metric(card)
    lines = [f"netrack scorecard {period['label']}  ({period['start']} → {period['end']})", ""]
    width = max(len(label) for _, label in ROWS)
    for key, label in ROWS:
        value = fmt(key, card[key])
        mark = ""
        if key in goals:
            goal = goals[key]
            mark = f"  {'✓ met' if goal['met'] else '✗ missed'} ({goal_text(goal)})"
        trend = f"  {sparkline(card['trend'][key])}" if key in TREND_KEYS else ""
        lines.append(f"  {label:<{width}}  {value:>8}{trend}{mark}")
    fu = card["follow_ups"]
    lines.append(
        f"  {'Follow-ups':<{width}}  due {fu['due']} · on time {fu['on_time']} · overdue {fu['overdue']}"
    )
    div = card["diversity"]
    lines.append(
        f"  {'Diversity':<{width}}  overall {fmt('diversity', div['overall'])} · "
        + " · ".join(
            f"{d} {fmt('diversity', div[d])}"
            for d in ("industry", "function", "location", "company_size")
        )
    )
    stages = card["campaigns_by_stage"]
    lines.append(
        f"  {'By stage':<{width}}  "
        + (" · ".join(f"{s} {n}" for s, n in stages.items()) if stages else NULL)
    )
    month_goals = [g for g in card["goals"] if g["period"] == "month"]
    if month_goals:
        lines += ["", "  Month goals"]
        for goal in month_goals:
            status = "✓ met" if goal["met"] else "✗ missed"
            lines.append(
                f"  {goal['metric']:<{width}}  {fmt(goal['metric'], goal['actual']):>8}  {status} ({goal_text(goal)})"
            )
    if card.get("pipeline_warnings"):
        lines += [""] + [f"  ! {w}" for w in card["pipeline_warnings"]]
    if card.get("going_cold"):
        names = ", ".join(c["name"] for c in card["going_cold"][:5])
        lines.append(f"  going cold: {len(card['going_cold'])} ({names})")
    if card.get("stalled"):
        names = ", ".join(c["name"] for c in card["stalled"][:5])
        lines.append(f"  stalled: {len(card['stalled'])} ({names})")
    return "\n".join(lines)


def markdown(card: dict[str, Any]) -> str:
    period = card["period"]
    goals = _goal_by_metric(card)
    lines = [
        f"## Weekly review {period['label']} ({period['start']} – {period['end']})",
        "",
        "| metric | value | goal | 12 weeks |",
        "|---|---:|---|---|",
    ]
    for key, label in ROWS:
        goal = goals.get(key)
        status = f"{'✅' if goal['met'] else '❌'} {goal_text(goal)}" if goal else ""
        trend = sparkline(card["trend"][key]) if key in TREND_KEYS else ""
        lines.append(f"| {label} | {fmt(key, card[key])} | {status} | {trend} |")
    fu = card["follow_ups"]
    lines.append(
        f"| Follow-ups due / on time / overdue | {fu['due']} / {fu['on_time']} / {fu['overdue']} | | |"
    )
    lines.append(f"| Diversity (overall) | {fmt('diversity', card['diversity']['overall'])} | | |")
    for goal in (g for g in card["goals"] if g["period"] == "month"):
        status = "✅" if goal["met"] else "❌"
        lines.append(
            f"| {goal['metric']} (month to date) | {fmt(goal['metric'], goal['actual'])} | {status} {goal_text(goal)} | |"
        )
    if card.get("pipeline_warnings"):
        lines += [""] + [f"> ⚠ {w}" for w in card["pipeline_warnings"]]
    return "\n".join(lines)


def render(card: dict[str, Any], form: str) -> str:
    if form == "json":
        return json.dumps(rounded(card), indent=2, ensure_ascii=False)
    if form == "markdown":
        return markdown(card)
    return table(card)
