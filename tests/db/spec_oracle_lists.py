"""The oracle's lists and the whole JSON object: funnel, channel effectiveness, time in
stage, going cold, stalled, warnings, loss reasons, goals and trend (see `spec_oracle`)."""

from __future__ import annotations

from datetime import date
from itertools import pairwise
from pathlib import Path
from typing import Any

from tests.db.spec_oracle import (
    ACTIVE,
    ORDERED,
    History,
    Span,
    changes_of,
    figures,
    known,
    load,
    period_of,
    previous,
    stage_at,
    strength_at,
)

FUNNEL = ("applied", "interviewing", "negotiating", "won")
RATIO_KEYS: tuple[str, ...] = (
    "referral_rate_90d",
    "relationship_quality",
    "focus_ratio",
    "outcomes_per_10h",
)
RATIO_KEYS += ("campaign_focus", "diversity_overall")
HOURS_KEYS = ("hours_invested", "hours_busywork", "hours_off", "spend")
TREND_KEYS: tuple[str, ...] = (
    "meaningful_contacts",
    "face_to_face",
    "new_contacts",
    "referrals_in",
)
TREND_KEYS += ("hours_invested", "active_campaigns")


def rounded(key: str, value: Any) -> Any:
    if value is None:
        return None
    if key in RATIO_KEYS:
        return round(float(value), 4)
    if key in HOURS_KEYS:
        return round(float(value), 2)
    return value


def reached(h: History, campaign: dict[str, Any], until: date) -> set[str]:
    """The funnel stages a campaign's history up to `until` entered (a later one of the
    four counts for the earlier ones; the opening counts as entering)."""
    entered = [c["to_stage"] for c in changes_of(h, campaign["id"], until)]
    deepest = max((FUNNEL.index(s) for s in entered if s in FUNNEL), default=-1)
    return set(FUNNEL[: deepest + 1])


def funnel(h: History, asof: date) -> list[dict[str, Any]]:
    counts = dict.fromkeys(FUNNEL, 0)
    for campaign in h.campaigns:
        if campaign["opened_on"] <= asof:
            for stage in reached(h, campaign, asof):
                counts[stage] += 1
    out: list[dict[str, Any]] = []
    for index, stage in enumerate(FUNNEL):
        before = counts[FUNNEL[index - 1]] if index else 0
        rate = counts[stage] / before if index and before else None
        out.append({"stage": stage, "reached": counts[stage], "rate": rounded("focus_ratio", rate)})
    return out


def channel_effectiveness(h: History, asof: date) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {}
    for campaign in h.campaigns:
        if campaign["opened_on"] > asof:
            continue
        key = campaign["source"] or "unspecified"  # SPEC names no key; netrack's
        entry = out.setdefault(key, {"opened": 0, "interviewing": 0, "negotiating": 0, "won": 0})
        entry["opened"] += 1
        for stage in reached(h, campaign, asof) - {"applied"}:
            entry[stage] += 1
    return out


def time_in_stage(h: History, asof: date) -> dict[str, dict[str, Any]]:
    stays: dict[str, list[int]] = {}
    for campaign in h.campaigns:
        seen = changes_of(h, campaign["id"], asof)
        for stay, ended in pairwise(seen):
            if stay["to_stage"] in ORDERED:  # `won` is on the ordered list: reopened
                stays.setdefault(stay["to_stage"], []).append((ended["on"] - stay["on"]).days)
    return {
        stage: {
            "count": len(stays[stage]),
            # SPEC rounds ratios and hours only; netrack shows days to 2 decimals too
            "mean_days": round(sum(stays[stage]) / len(stays[stage]), 2),
        }
        for stage in ORDERED
        if stage in stays
    }


def last_touch(h: History, contact_id: int, asof: date) -> date | None:
    days = [i["on"] for i in h.interactions if contact_id in i["people"] and i["on"] <= asof]
    return max(days) if days else None


def going_cold(h: History, asof: date) -> list[dict[str, Any]]:
    cold_days = h.setting("going_cold_days", 30)
    out = []
    for contact in known(h, asof):
        touched = last_touch(h, contact["id"], asof)
        last = touched or contact["met_on"]
        idle = (asof - last).days
        strength = strength_at(h, contact["id"], asof)
        every = contact["keep_in_touch"]
        if every is not None:
            cold = idle >= every
        else:
            cold = strength is not None and strength >= 3 and idle >= cold_days
        if cold:
            out.append(
                {
                    "id": contact["id"],
                    "name": contact["name"],
                    "strength": strength,
                    # SPEC names no such key: netrack's shows the last interaction,
                    # null when there is none (days_idle then counts from met_on).
                    "last_touch": touched.isoformat() if touched else None,
                    "days_idle": idle,
                    "keep_in_touch": every,
                }
            )
    return out


def stalled(h: History, asof: date) -> list[dict[str, Any]]:
    quiet = h.setting("stalled_days", 14)
    out = []
    for campaign in h.campaigns:
        stage = stage_at(h, campaign, asof)
        if stage not in ACTIVE:
            continue
        moved = changes_of(h, campaign["id"], asof)[-1]["on"]
        touched = [
            i["on"]
            for i in h.interactions
            if i["campaign_id"] == campaign["id"] and i["on"] <= asof
        ]
        latest = max([moved, *touched])
        if (asof - latest).days >= quiet:
            org = h.orgs[campaign["organization_id"]]["name"]
            out.append(
                {
                    "id": campaign["id"],
                    "name": f"{org} {campaign['title']}",
                    "stage": stage,
                    "last_activity": latest.isoformat(),
                    "days_idle": (asof - latest).days,
                }
            )
    return out


def lost_reasons(h: History, asof: date) -> dict[str, int]:
    out: dict[str, int] = {}
    for campaign in h.campaigns:
        seen = changes_of(h, campaign["id"], asof)
        if seen and seen[-1]["to_stage"] == "lost" and campaign["opened_on"] <= asof:
            key = seen[-1]["reason"] or "unspecified"
            out[key] = out.get(key, 0) + 1
    return out


def metric(values: dict[str, Any], key: str) -> Any:
    if key == "follow_ups_overdue":
        return values["follow_ups"]["overdue"]
    if key == "follow_ups_on_time":
        return values["follow_ups"]["on_time"]
    if key == "diversity_overall":
        return values["diversity"]["overall"]
    return values[key]


def goals(h: History, span: Span, kind: str, today: date) -> list[dict[str, Any]]:
    asof = min(span.end, today)
    week_start = h.setting("week_start", 0)
    out = []
    for goal in h.goals:
        if goal["period"] == kind:
            start, end = span.start, span.end
        else:
            # SPEC: around the card's end, or today on a running card; never on a span
            # ended before the goal counts (on a running card, its `since` when later
            # than today). A card not started has no today in it: around its end.
            running = span.start <= today < span.end
            anchor = max(asof, goal["since"]) if running else span.end
            around = period_of(anchor, goal["period"], week_start)
            start, end = around.start, min(around.end, span.end)
        # SPEC: since ≤ the end of the span the goal is measured over; schema 17: an end,
        # if any, on or after it (a goal ended mid-week is not judged on that week)
        if goal["since"] > end or (goal["until"] is not None and goal["until"] < end):
            continue
        actual = metric(figures(h, start, end, today), goal["metric"])
        target, at_least = goal["target"], goal["comparator"] == "at_least"
        if actual is None:  # SPEC is silent; netrack: a null ratio has not met it when done
            met = None if end > today else False
        elif end > today:  # running: decided only once it cannot change
            met = (
                True
                if at_least and actual >= target
                else False
                if not at_least and actual > target
                else None
            )
        else:
            met = actual >= target if at_least else actual <= target
        out.append(
            {
                "metric": goal["metric"],
                "target": target,
                "comparator": goal["comparator"],
                "period": goal["period"],
                "since": goal["since"].isoformat(),
                "actual": rounded(goal["metric"], actual),
                "met": met,
                "note": goal["note"],
                "id": goal["id"],
                "until": goal["until"] and goal["until"].isoformat(),
            }
        )
    return out


def trend(h: History, span: Span, kind: str, today: date) -> tuple[dict[str, list[Any]], list[str]]:
    week_start = h.setting("week_start", 0)
    spans = [span]
    while len(spans) < 12:
        spans.insert(0, previous(spans[0], kind, week_start))
    values = [figures(h, s.start, s.end, today) for s in spans]
    return {k: [rounded(k, v[k]) for v in values] for k in TREND_KEYS}, [s.label for s in spans]


def scorecard(path: Path, kind: str, when: date, today: date) -> dict[str, Any]:
    """SPEC's `scorecard --period KIND --on WHEN --format json`, read from the file."""
    h = load(path)
    span = period_of(when, kind, h.setting("week_start", 0))
    asof = min(span.end, today)
    values = figures(h, span.start, span.end, today)
    out: dict[str, Any] = {
        "period": {
            "start": span.start.isoformat(),
            "end": span.end.isoformat(),
            "label": span.label,
        },
        "complete": span.end <= today,
    }
    for key, value in values.items():
        if key == "diversity":
            out[key] = {k: rounded("diversity_overall", v) for k, v in value.items()}
        elif key == "effort_by_channel":
            out[key] = {
                k: {
                    "hours": round(v["minutes"] / 60, 2),
                    "spend": round(v["cents"] / 100, 2),
                    "interactions": v["interactions"],
                }
                for k, v in value.items()
            }
        elif key == "effort_by_kind":
            out[key] = {
                k: {
                    "interactions": v["interactions"],
                    "hours": round(v["minutes"] / 60, 2),
                    "meaningful": v["meaningful"],
                }
                for k, v in value.items()
            }
        elif key == "network":
            out[key] = {**value, "growth": rounded("focus_ratio", value["growth"])}
        else:
            out[key] = rounded(key, value)
    out["funnel"] = funnel(h, asof)
    out["lost_reasons"] = lost_reasons(h, asof)
    out["goals"] = goals(h, span, kind, today)
    out["trend"], out["trend_labels"] = trend(h, span, kind, today)
    out["channel_effectiveness"] = channel_effectiveness(h, asof)
    out["time_in_stage"] = time_in_stage(h, asof)
    out["going_cold"] = going_cold(h, asof)
    out["stalled"] = stalled(h, asof)
    early_empty = not any(values["campaigns_by_stage"].get(s) for s in ACTIVE[:3])
    out["pipeline_warnings"] = early_empty
    return out
