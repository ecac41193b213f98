"""Build `v1_populated.db`: a database as netrack schema 1 wrote it, with rows in every table.

Run once, when schema 1 was the latest, and committed with its output; upgrade tests
open a copy with today's code. It writes through the frozen schema-1 SQL and plain
INSERTs (not today's Peewee models, which follow the newest schema), so running it
again later still makes a schema-1 file:

    python tests/data/make_v1_db.py tests/data/v1_populated.db
"""

from __future__ import annotations

import random
import sqlite3
import sys
from datetime import date, timedelta
from pathlib import Path

from netrack.data.migrations.m001_initial import DEFAULT_GOALS, SCHEMA_1

START = date(2026, 6, 1)
# Text the upgrade must carry over byte for byte.
ODD_TEXT = (
    "Zoë Ångström-Łukasiewicz",
    "[bold]not markup[/bold] [link=https://example.com]x[/link]",
    "\x1b[31mred\x1b[0m and a bell \x07",
    '=HYPERLINK("http://example.com")',
    "emoji 🧭 and RTL שלום",
)


def day(offset: int) -> str:
    return (START + timedelta(days=offset)).isoformat()


def build(path: Path) -> dict[str, int]:
    if path.exists():
        path.unlink()
    rng = random.Random(1)
    con = sqlite3.connect(path)
    for statement in SCHEMA_1:
        con.execute(statement)
    con.executemany(
        'INSERT INTO goal ("metric","target","comparator","period","note") VALUES (?,?,?,?,?)',
        DEFAULT_GOALS,
    )
    con.execute("INSERT INTO setting VALUES ('week_start', '0'), ('going_cold_days', '30')")
    orgs = ["Acme", "Globex", "Initech", "Umbrella", "Hooli", "Stark Industries"]
    for i, name in enumerate(orgs, 1):
        con.execute(
            "INSERT INTO organization VALUES (?,?,?,?,?,?,?)",
            (i, name, name.casefold(), "software", "51-200", "Berlin", ODD_TEXT[i % 5]),
        )
    for i in range(1, 41):
        name = ODD_TEXT[0] if i == 1 else f"Contact {i:02d}"
        con.execute(
            "INSERT INTO contact VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                i,
                name,
                rng.choice([None, *range(1, 7)]),
                "Engineer",
                rng.choice(["engineering", "product", "recruiting"]),
                "",
                rng.choice(["Berlin", "Lisbon", ""]),
                f"c{i}@example.com",
                "",
                "",
                rng.choice([None, "event", "linkedin", "referral", "alumni"]),
                day(rng.randrange(0, 60)),
                rng.randrange(1, i) if i > 2 and i % 5 == 0 else None,
                rng.choice([None, 1, 2, 3, 4, 5]),
                ODD_TEXT[i % 5],
                int(i % 17 == 0),
            ),
        )
        con.execute("INSERT INTO contact_tag (contact_id, tag) VALUES (?, ?)", (i, f"t{i % 4}"))
    stages = ["research", "target", "networking", "applied", "interviewing"]
    for i in range(1, 9):
        opened = rng.randrange(0, 30)
        path_taken = stages[: rng.randrange(1, 6)]
        con.execute(
            "INSERT INTO campaign VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (
                i,
                f"Role {i}",
                (i % 6) + 1,
                "referral",
                3,
                "",
                ODD_TEXT[i % 5],
                day(opened),
                path_taken[-1],
                day(opened + len(path_taken)),
                "",
            ),
        )
        previous = None
        for step, stage in enumerate(path_taken):
            con.execute(
                'INSERT INTO stage_change (campaign_id, from_stage, to_stage, "on", note) '
                "VALUES (?,?,?,?,?)",
                (i, previous, stage, day(opened + step), ""),
            )
            previous = stage
        con.execute(
            "INSERT INTO campaign_contact (campaign_id, contact_id, role) VALUES (?,?,?)",
            (i, i * 2, "referrer"),
        )
    for i in range(1, 201):
        on = day(rng.randrange(0, 84))
        follow = day(rng.randrange(84, 100)) if i % 7 == 0 else None
        con.execute(
            "INSERT INTO interaction VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                i,
                on,
                rng.choice(["in_person", "video", "call", "email", "event"]),
                rng.choice([0, 15, 30, 45, 60]),
                rng.choice([None, *range(1, 9)]),
                int(i % 3 == 0),
                "advice" if i % 4 == 0 else "",
                "",
                rng.choice([0, 0, 1250]),
                follow,
                None,
                ODD_TEXT[i % 5],
            ),
        )
        for contact in sorted({rng.randrange(1, 41) for _ in range(rng.randrange(1, 3))}):
            con.execute(
                'INSERT INTO interaction_contact (interaction_id, contact_id, "on") VALUES (?,?,?)',
                (i, contact, on),
            )
    for i in range(1, 13):
        con.execute(
            'INSERT INTO referral (contact_id, direction, "on", campaign_id, note) '
            "VALUES (?,?,?,?,?)",
            (i * 3, "in" if i % 2 else "out", day(i * 6), (i % 8) + 1, ""),
        )
    for i in range(1, 61):
        con.execute(
            'INSERT INTO time_entry ("on", minutes, category, campaign_id, note) '
            "VALUES (?,?,?,?,?)",
            (
                day(i),
                30 * (i % 5 + 1),
                ["search", "networking", "busywork", "off"][i % 4],
                None,
                "",
            ),
        )
    con.execute("PRAGMA user_version = 1")
    con.commit()
    counts = {
        table: con.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
        for (table,) in con.execute("SELECT name FROM sqlite_master WHERE type='table'")
    }
    con.execute("VACUUM")
    con.close()
    path.chmod(0o600)
    return counts


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).with_name("v1_populated.db"))
    print(build(target))
