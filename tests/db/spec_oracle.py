"""A second, deliberately naive reading of SPEC's scorecard ("The scorecard (the heart)").

It reads the raw rows of a netrack SQLite file with the standard `sqlite3` module and
computes every figure of `scorecard --format json` with plain loops over rows and days,
from SPEC's words: none of netrack's metrics, facts or card readers are imported, and
none of the columns netrack derives for speed (a campaign's `stage`, an interaction's
`follow_up_closed_on`, a link's `meaningful`, the kept sums) are read. Slow on purpose:
`tests/db/test_spec_oracle.py` compares it with the engine on small histories.

Where SPEC is silent the oracle follows netrack's reading; each such place says so.
This module holds the rows, the periods and the figures of one period; the lists
(funnel, goals, trend, going cold …) are in `spec_oracle_lists.py`.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import pairwise
from pathlib import Path
from typing import Any

ORDERED: tuple[str, ...] = ("research", "target", "networking", "applied", "interviewing")
ORDERED += ("follow_up", "negotiating", "won")
ACTIVE = ORDERED[:7]
Row = dict[str, Any]

# Findings netrack does not follow SPEC on yet, each fixed in its own commit: while one
# is named here the oracle reads as netrack does, so a long hunt looks past it.
PENDING: set[str] = set()


def day(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)


def blank(text: str | None) -> bool:
    return text is None or text.strip() == ""


@dataclass
class History:
    """Every raw row the scorecard is defined over, dates parsed."""

    settings: dict[str, str]
    orgs: dict[int, Row]
    contacts: list[Row]
    strengths: list[Row]
    campaigns: list[Row]
    changes: list[Row]  # stage changes, each campaign's in the order they happened
    interactions: list[Row]  # each with "people": the ids of its contacts
    referrals: list[Row]
    time_entries: list[Row]
    goals: list[Row]
    campaign_by_id: dict[int, Row] = field(default_factory=dict)

    def setting(self, key: str, default: int) -> int:
        return int(self.settings.get(key, default))


def load(path: Path) -> History:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    con.row_factory = sqlite3.Row

    def rows(sql: str) -> list[Row]:
        out = []
        for raw in con.execute(sql):
            row = dict(raw)
            for key in ("on", "met_on", "opened_on", "since", "until", "follow_up_on"):
                if key in row:
                    row[key] = day(row[key])
            if "follow_up_done_on" in row:
                row["follow_up_done_on"] = day(row["follow_up_done_on"])
            out.append(row)
        return out

    try:
        people: dict[int, list[int]] = {}
        for link in rows("SELECT interaction_id, contact_id FROM interaction_contact"):
            people.setdefault(link["interaction_id"], []).append(link["contact_id"])
        interactions = rows(
            'SELECT id, "on", kind, minutes, campaign_id, meaningful, value_received, '
            "value_given, cost_cents, follow_up_on, follow_up_done_on FROM interaction"
        )
        for row in interactions:
            row["people"] = sorted(people.get(row["id"], []))
        campaigns = rows("SELECT id, title, organization_id, source, opened_on FROM campaign")
        history = History(
            settings={r["key"]: r["value"] for r in rows("SELECT * FROM setting")},
            orgs={r["id"]: r for r in rows("SELECT * FROM organization")},
            contacts=rows(
                "SELECT id, name, organization_id, function, industry, location, channel, "
                "met_on, archived, keep_in_touch FROM contact"
            ),
            strengths=rows('SELECT * FROM strength_change ORDER BY "on", id'),
            campaigns=campaigns,
            changes=rows('SELECT * FROM stage_change ORDER BY campaign_id, "on", id'),
            interactions=interactions,
            referrals=rows('SELECT * FROM referral ORDER BY "on", id'),
            time_entries=rows('SELECT * FROM time_entry ORDER BY "on", id'),
            goals=rows("SELECT * FROM goal ORDER BY id"),
        )
    finally:
        con.close()
    history.campaign_by_id = {c["id"]: c for c in history.campaigns}
    return history


# --- periods, written from SPEC (ISO weeks shifted to week_start, calendar months) ----


@dataclass(frozen=True)
class Span:
    start: date
    end: date
    label: str


def period_of(when: date, kind: str, week_start: int) -> Span:
    if kind == "week":
        start = when
        while start.weekday() != week_start:
            start -= timedelta(days=1)
        # SPEC labels ISO weeks only; for another first day netrack names the ISO week
        # holding most of the seven days (that of the fourth day), and so does the oracle.
        year, week, _ = (start + timedelta(days=3)).isocalendar()
        return Span(start, start + timedelta(days=6), f"{year}-W{week:02d}")
    months = {"month": 1, "quarter": 3, "year": 12}[kind]
    first_month = (when.month - 1) // months * months + 1
    start = date(when.year, first_month, 1)
    after = first_month - 1 + months  # the month after the period, counted from January
    last = date(when.year + after // 12, after % 12 + 1, 1) - timedelta(days=1)
    if kind == "month":
        label = f"{start.year}-{start.month:02d}"
    elif kind == "quarter":
        label = f"{start.year}-Q{(start.month - 1) // 3 + 1}"
    else:
        label = str(start.year)
    return Span(start, last, label)


def previous(span: Span, kind: str, week_start: int) -> Span:
    return period_of(span.start - timedelta(days=1), kind, week_start)


# --- the state of things on a day -----------------------------------------------------


def changes_of(h: History, campaign_id: int, until: date) -> list[Row]:
    return [c for c in h.changes if c["campaign_id"] == campaign_id and c["on"] <= until]


def stage_at(h: History, campaign: Row, until: date) -> str | None:
    """The stage a campaign was in on `until` (None: not opened yet)."""
    if campaign["opened_on"] > until:
        return None
    seen = changes_of(h, campaign["id"], until)
    return seen[-1]["to_stage"] if seen else None


def strength_at(h: History, contact_id: int, until: date) -> int | None:
    value = None
    for change in h.strengths:
        if change["contact_id"] == contact_id and change["on"] <= until:
            value = change["strength"]
    return value


def known(h: History, until: date) -> list[Row]:
    """Contacts known at `until`: met on or before it, not archived."""
    return [c for c in h.contacts if c["met_on"] <= until and not c["archived"]]


def is_meaningful(interaction: Row) -> bool:
    return bool(interaction["meaningful"]) or not blank(interaction["value_received"])


def done_on(h: History, interaction: Row) -> date | None:
    """The day a follow-up was done: marked done, or the date of the next interaction
    with any of the same contacts dated after the origin's date, whichever is first."""
    days = [interaction["follow_up_done_on"]] if interaction["follow_up_done_on"] else []
    for other in h.interactions:
        if other["on"] > interaction["on"] and set(other["people"]) & set(interaction["people"]):
            days.append(other["on"])
    return min(days) if days else None


def in_span(row: Row, start: date, end: date) -> bool:
    return bool(start <= row["on"] <= end)


# --- the figures of one period --------------------------------------------------------


def gini_simpson(values: list[str]) -> float | None:
    clean = [v.strip().casefold() for v in values if not blank(v)]
    if not clean:
        return None
    total = len(clean)
    counts: dict[str, int] = {}
    for value in clean:
        counts[value] = counts.get(value, 0) + 1
    return 1 - sum((n / total) ** 2 for n in counts.values())


def diversity(h: History, until: date) -> dict[str, float | None]:
    industry, function, location, size = [], [], [], []
    for contact in known(h, until):
        org = h.orgs.get(contact["organization_id"]) if contact["organization_id"] else None
        industry.append(
            contact["industry"]
            if not blank(contact["industry"])
            else (org or {}).get("industry", "")
        )
        location.append(
            contact["location"]
            if not blank(contact["location"])
            else (org or {}).get("location", "")
        )
        function.append(contact["function"])
        size.append((org or {}).get("size_band", ""))
    out = {
        "industry": gini_simpson(industry),
        "function": gini_simpson(function),
        "location": gini_simpson(location),
        "company_size": gini_simpson(size),
    }
    present = [v for v in out.values() if v is not None]
    out["overall"] = sum(present) / len(present) if present else None
    return out


def step_kind(before: str, after: str) -> str:
    """ "advance", "setback" or "" for one stage change, as SPEC's table defines them."""
    if before in ("lost", "paused"):
        return ""
    if after in ("lost", "paused"):
        return "setback"
    if (before, after) == ("follow_up", "interviewing"):
        return "advance"
    return "advance" if ORDERED.index(after) > ORDERED.index(before) else "setback"


def stage_steps(h: History, start: date, end: date) -> tuple[int, int, int]:
    """(advances, setbacks, interview rounds) among the stage changes dated in the span;
    a campaign's opening is none of them."""
    advances = setbacks = rounds = 0
    for campaign in h.campaigns:
        seen = changes_of(h, campaign["id"], end)
        for before, change in pairwise(seen):
            if not start <= change["on"] <= end:
                continue
            kind = step_kind(before["to_stage"], change["to_stage"])
            advances += kind == "advance"
            setbacks += kind == "setback"
            rounds += change["to_stage"] == "interviewing"
    return advances, setbacks, rounds


def follow_ups(h: History, start: date, end: date, today: date) -> dict[str, int]:
    asof = min(end, today)
    due = on_time = overdue = 0
    for row in h.interactions:
        if row["follow_up_on"] is None:
            continue
        done = done_on(h, row)
        if start <= row["follow_up_on"] <= end:
            due += 1
            # done on or before its due date, by period end (running: today)
            on_time += done is not None and done <= min(row["follow_up_on"], asof)
        if end > today:  # running: due before today and not done (by today)
            overdue += row["follow_up_on"] < today and (done is None or done > today)
        else:
            overdue += row["follow_up_on"] <= asof and (done is None or done > asof)
    return {"due": due, "on_time": on_time, "overdue": overdue}


def figures(h: History, start: date, end: date, today: date) -> dict[str, Any]:
    """Every scalar and nested figure of SPEC's table for the span, unrounded."""
    asof = min(end, today)
    acts = [i for i in h.interactions if in_span(i, start, end)]
    out: dict[str, Any] = {}
    stages: dict[str, int] = {}
    for campaign in h.campaigns:
        stage = stage_at(h, campaign, asof)
        if stage is not None:
            stages[stage] = stages.get(stage, 0) + 1
    out["active_campaigns"] = sum(n for s, n in stages.items() if s in ACTIVE)
    out["campaigns_by_stage"] = stages
    out["pipeline_coverage"] = sum(1 for s in ACTIVE if stages.get(s))
    out["interactions"] = len(acts)
    out["meaningful_contacts"] = len({p for i in acts if is_meaningful(i) for p in i["people"]})
    out["face_to_face"] = sum(
        1 for i in acts if i["kind"] in ("in_person", "video") and i["campaign_id"] is not None
    )
    out["events"] = sum(1 for i in acts if i["kind"] == "event")
    out["interviews"] = sum(1 for i in acts if i["kind"] == "interview")
    new = [c for c in h.contacts if start <= c["met_on"] <= end]
    out["new_contacts"] = len(new)
    by_channel: dict[str, int] = {}
    for contact in new:
        key = contact["channel"] or "unspecified"
        by_channel[key] = by_channel.get(key, 0) + 1
    out["new_contacts_by_channel"] = by_channel
    refs = [r for r in h.referrals if in_span(r, start, end)]
    out["referrals_in"] = sum(1 for r in refs if r["direction"] == "in")
    out["referrals_out"] = sum(1 for r in refs if r["direction"] == "out")
    window = asof - timedelta(days=89)
    inbound_90 = sum(1 for r in h.referrals if r["direction"] == "in" and window <= r["on"] <= asof)
    size = len(known(h, asof))
    out["referral_rate_90d"] = inbound_90 / size if size else None
    out["diversity"] = diversity(h, asof)
    warm = {
        p
        for i in h.interactions
        if window <= i["on"] <= asof and is_meaningful(i)
        for p in i["people"]
    }
    levels = [s for s in (strength_at(h, p, asof) for p in sorted(warm)) if s is not None]
    out["relationship_quality"] = sum(levels) / len(levels) if levels else None
    out["follow_ups"] = follow_ups(h, start, end, today)
    out["stage_advances"], out["setbacks"], out["interview_rounds"] = stage_steps(h, start, end)
    times = [e for e in h.time_entries if in_span(e, start, end)]
    minutes = {
        cat: sum(e["minutes"] for e in times if e["category"] == cat)
        for cat in ("search", "networking", "busywork", "off")
    }
    invested = sum(i["minutes"] for i in acts) + minutes["search"] + minutes["networking"]
    out["hours_invested"] = invested / 60
    out["hours_busywork"] = minutes["busywork"] / 60
    out["hours_off"] = minutes["off"] / 60
    both = invested + minutes["busywork"]
    out["focus_ratio"] = invested / both if both else None
    out["spend"] = sum(i["cost_cents"] for i in acts) / 100
    outcomes = out["meaningful_contacts"] + out["referrals_in"] + out["stage_advances"]
    outcomes += out["interviews"]
    out["outcomes_per_10h"] = 600 * outcomes / invested if invested else None  # 10 × per hour
    out["effort_by_channel"] = effort_by_channel(h, acts, times)
    linked = sum(v["minutes"] for k, v in out["effort_by_channel"].items() if k != "unlinked")
    out["campaign_focus"] = linked / invested if invested else None
    out["effort_by_kind"] = effort_by_kind(acts)
    size_new = out["new_contacts"]
    out["network"] = {
        "size": size,
        "new": size_new,
        # SPEC: null when size - new is 0. New contacts archived since are in `new`
        # and not in `size`, and netrack gives null rather than a negative growth.
        "growth": size_new / (size - size_new) if size - size_new > 0 else None,
    }
    given = sum(1 for i in acts if not blank(i["value_given"])) + out["referrals_out"]
    received = sum(1 for i in acts if not blank(i["value_received"])) + out["referrals_in"]
    out["reciprocity"] = {"given": given, "received": received}
    return out


def effort_by_channel(h: History, acts: list[Row], times: list[Row]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}

    def slot(campaign_id: int | None) -> dict[str, Any]:
        if campaign_id is None:
            key = "unlinked"
        else:
            # A campaign without a source channel: SPEC names no key; netrack's is
            # "unspecified", as for a contact's missing channel.
            key = h.campaign_by_id[campaign_id]["source"] or "unspecified"
        return out.setdefault(key, {"minutes": 0, "cents": 0, "interactions": 0})

    for i in acts:
        entry = slot(i["campaign_id"])
        entry["minutes"] += i["minutes"]
        entry["cents"] += i["cost_cents"]
        entry["interactions"] += 1
    for e in times:
        if e["category"] in ("search", "networking"):
            slot(e["campaign_id"])["minutes"] += e["minutes"]
    return out


def effort_by_kind(acts: list[Row]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for i in acts:
        entry = out.setdefault(i["kind"], {"interactions": 0, "minutes": 0, "meaningful": 0})
        entry["interactions"] += 1
        entry["minutes"] += i["minutes"]
        entry["meaningful"] += is_meaningful(i)
    return out
