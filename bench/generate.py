"""Build a five-year heavy user's database, deterministically, through netrack's tables.

    python bench/generate.py /tmp/heavy.db [--today 2026-11-27] [--seed 7] [--scale 1]

5,000 contacts in 800 organizations, 500 campaigns with full stage histories, 100,000
interactions over five years (every kind, many with follow-ups, 1–4 contacts each),
20,000 time entries, 2,000 referrals and a dozen goals. Bulk inserts in one transaction.
`--scale N` multiplies every count but the goals by N over the same five years (issue
18's career-long history: `--scale 10` is 50,000 contacts and 1,000,000 interactions);
scale 1 is the same database as ever, row for row.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Iterable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from netrack.data import tables as t
from netrack.data.bulk_rows import insert_rows
from netrack.data.repo import Repo
from netrack.domain.models import (
    ORDERED_STAGES,
    SIZE_BANDS,
    ContactChannel,
    Kind,
    SourceChannel,
    Stage,
    TimeCategory,
)

DAYS = 5 * 365
INDUSTRIES = ["fintech", "health", "retail", "energy", "media", "logistics", "saas", "gaming"]
FUNCTIONS = ["engineering", "product", "design", "recruiting", "sales", "data", "operations"]
CITIES = ["Berlin", "London", "Lisbon", "Toronto", "Austin", "Madrid", "Paris", "Remote"]
FIRST = ["Ana", "Raj", "Mei", "Tom", "Ines", "Kofi", "Lena", "Omar", "Sara", "Yuki", "Jon", "Eva"]
LAST = ["López", "Patel", "Chen", "Müller", "Silva", "Mensah", "Kowalski", "Haddad", "Sato"]


def insert(model: type[t.BaseModel], rows: Iterable[dict[str, Any]]) -> None:
    """Through the importers' bulk path (`bulk.insert_rows`: one prepared statement,
    executemany): building Peewee's INSERT … VALUES text for 200,000 rows cost more than
    SQLite's inserting them. Fields a row leaves out get their defaults."""
    insert_rows(model, list(rows))


def generate(path: Path, today: date, seed: int = 7, scale: int = 1) -> dict[str, int]:
    rng = random.Random(seed)
    orgs, people, roles = 800 * scale, 5000 * scale, 500 * scale
    first_day = today - timedelta(days=DAYS)
    repo = Repo.open(path, clock=lambda: today)
    if not repo.is_empty():
        raise SystemExit(f"{path} is not empty")

    def day(lo: int = 0, hi: int = DAYS) -> date:
        return first_day + timedelta(days=rng.randrange(lo, hi))

    with repo.writing():
        insert(
            t.Organization,
            (
                {
                    "id": i,
                    "name": f"Org {i:04d}",
                    "name_key": f"org {i:04d}",
                    "industry": rng.choice(INDUSTRIES),
                    "size_band": rng.choice(SIZE_BANDS),
                    "location": rng.choice(CITIES),
                    "notes": "",
                }
                for i in range(1, orgs + 1)
            ),
        )
        contacts = []
        for i in range(1, people + 1):
            contacts.append(
                {
                    "id": i,
                    "name": f"{rng.choice(FIRST)} {rng.choice(LAST)} {i:04d}",
                    "organization": rng.randrange(1, orgs + 1),
                    "title": "",
                    "function": rng.choice(FUNCTIONS),
                    "industry": rng.choice(["", *INDUSTRIES]),
                    "location": rng.choice(["", *CITIES]),
                    "email": f"person{i}@example.com",
                    "phone": "",
                    "url": "",
                    "channel": rng.choice(list(ContactChannel)).value,
                    "met_on": day(),
                    "strength": rng.choice([None, 1, 2, 3, 4, 5]),
                    "notes": "",
                    "archived": rng.random() < 0.03,
                }
            )
        # Schema 4: a cadence for one contact in ten, and the strength history: each
        # strength from met_on (as the migration writes it), one in five changed since.
        # A second generator, so the rest of the data stays what it was.
        extra = random.Random(seed + 1)
        for contact in contacts:
            contact["keep_in_touch"] = extra.choice([14, 30, 60]) if extra.random() < 0.1 else None
        insert(t.Contact, contacts)
        changes = []
        for contact in contacts:
            met = contact["met_on"]
            if contact["strength"] is None:
                continue
            changes.append({"contact": contact["id"], "on": met, "strength": contact["strength"]})
            if extra.random() < 0.2:
                later = met + timedelta(days=extra.randrange(0, (today - met).days + 1))
                changes.append(
                    {"contact": contact["id"], "on": later, "strength": contact["strength"]}
                )
        insert(t.StrengthChange, changes)

        campaigns, history = [], []
        for i in range(1, roles + 1):
            opened = day(0, DAYS - 10)
            stage_index, on = 0, opened
            events = [(None, ORDERED_STAGES[0], on)]
            for _ in range(rng.randrange(0, 7)):
                on = on + timedelta(days=rng.randrange(1, 20))
                if on > today:
                    break
                if rng.random() < 0.15:
                    target = rng.choice([Stage.LOST, Stage.PAUSED])
                    events.append((events[-1][1], target, on))
                    break
                stage_index = min(stage_index + 1, len(ORDERED_STAGES) - 1)
                events.append((events[-1][1], ORDERED_STAGES[stage_index], on))
                if ORDERED_STAGES[stage_index] == Stage.WON:
                    break
            last = events[-1]
            campaigns.append(
                {
                    "id": i,
                    "title": f"Role {i:03d}",
                    "organization": rng.randrange(1, orgs + 1),
                    "source": rng.choice(list(SourceChannel)).value,
                    "priority": rng.randrange(1, 6),
                    "url": "",
                    "notes": "",
                    "opened_on": opened,
                    "stage": last[1].value,
                    "stage_since": last[2],
                    "lost_reason": "rejected" if last[1] == Stage.LOST else "",
                }
            )
            history += [
                {
                    "campaign": i,
                    "from_stage": before.value if before else None,
                    "to_stage": after.value,
                    "on": when,
                    "note": "",
                    # The campaign's loss reason is its last change's, as the app keeps it.
                    "reason": "rejected" if after == Stage.LOST else "",
                }
                for before, after, when in events
            ]
        insert(t.Campaign, campaigns)
        insert(t.StageChange, history)

        interactions, links = [], []
        kinds = list(Kind)
        for i in range(1, 100_000 * scale + 1):
            on = day()
            follow = on + timedelta(days=rng.randrange(2, 21)) if rng.random() < 0.3 else None
            interactions.append(
                {
                    "id": i,
                    "on": on,
                    "kind": rng.choice(kinds).value,
                    "minutes": rng.choice([0, 15, 30, 45, 60, 90]),
                    "campaign": rng.randrange(1, roles + 1) if rng.random() < 0.4 else None,
                    "meaningful": rng.random() < 0.35,
                    "value_received": "",
                    "value_given": "",
                    "cost_cents": rng.choice([0, 0, 0, 450, 1200]),
                    "follow_up_on": follow,
                    "follow_up_done_on": follow if follow and rng.random() < 0.5 else None,
                    "note": "",
                }
            )
            for contact in rng.sample(range(1, people + 1), rng.choice([1, 1, 1, 2, 2, 3, 4])):
                links.append({"interaction": i, "contact": contact, "on": on})
            if len(interactions) == 100_000:  # in batches: a million rows of dicts is a lot
                insert(t.Interaction, interactions)
                insert(t.InteractionContact, links)
                interactions, links = [], []
        insert(t.Interaction, interactions)
        insert(t.InteractionContact, links)

        insert(
            t.TimeEntry,
            (
                {
                    "on": day(),
                    "minutes": rng.choice([15, 30, 60, 90, 120]),
                    "category": rng.choice(list(TimeCategory)).value,
                    "campaign": None,
                    "note": "",
                }
                for _ in range(20_000 * scale)
            ),
        )
        insert(
            t.Referral,
            (
                {
                    "contact": rng.randrange(1, people + 1),
                    "direction": rng.choice(["in", "out"]),
                    "on": day(),
                    "campaign": None,
                    "note": "",
                }
                for _ in range(2_000 * scale)
            ),
        )
        insert(
            t.Goal,
            (
                {
                    "metric": metric,
                    "target": target,
                    "comparator": "at_least",
                    "period": period,
                    "note": "",
                    "since": first_day,
                }
                for metric, target, period in [
                    ("interactions", 20, "week"),
                    ("events", 1, "week"),
                    ("interviews", 2, "week"),
                    ("new_contacts", 5, "week"),
                    ("referrals_in", 4, "month"),
                    ("stage_advances", 3, "month"),
                    ("hours_invested", 20, "week"),
                    ("referrals_out", 2, "month"),
                ]
            ),
        )
    repo.store.db.execute_sql("ANALYZE")
    return {
        "contacts": t.Contact.select().count(),
        "organizations": t.Organization.select().count(),
        "campaigns": t.Campaign.select().count(),
        "stage_changes": t.StageChange.select().count(),
        "interactions": t.Interaction.select().count(),
        "interaction_contacts": t.InteractionContact.select().count(),
        "time_entries": t.TimeEntry.select().count(),
        "referrals": t.Referral.select().count(),
        "goals": t.Goal.select().count(),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--today", type=date.fromisoformat, default=date(2026, 11, 27))
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--scale", type=int, default=1, help="every count times this")
    args = parser.parse_args(argv)
    if args.scale < 1:
        parser.error("--scale must be 1 or more")
    started = time.perf_counter()
    counts = generate(args.path, args.today, args.seed, args.scale)
    elapsed = time.perf_counter() - started
    print(", ".join(f"{n:,} {k}" for k, n in counts.items()))
    print(f"generated {args.path} in {elapsed:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
