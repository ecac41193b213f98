"""Import speed: a generated 30,000-row LinkedIn export into a fresh database.

Prints the median of several runs of `netrack`'s importer beside the median of a plain
`sqlite3` `executemany` of the same rows (csv read, an organization table, the contact
table of the same schema) in the same process, and the second, idempotent run.
Target: ≤ 2 s and ≤ 5× the plain insert.

    .venv/bin/python bench/import_bench.py [--rows 30000] [--runs 5]
        [--messages 100000] [--events 5000]

Then a generated 100,000-message messages.csv and a 5,000-event calendar, each imported
into a database already holding the 30,000 connections (median of --runs; target ≤ 5 s).
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import sqlite3
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from netrack.data.repo import Repo
from netrack.interop import api

PREAMBLE = (
    "Notes:\r\n"
    '"When exporting your connection data, you may notice that some of the email addresses '
    'are missing."\r\n\r\n'
)
HEADER = ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]
FIRST = [
    "Ana",
    "Raj",
    "Mei",
    "Tomás",
    "Zoë",
    "Priya",
    "Jean",
    "Li",
    "Omar",
    "Sara",
    "Ivan",
    "Nia",
    "Kofi",
    "Lena",
    "Yuki",
    "Pablo",
]
LAST = [
    "López",
    "Patel",
    "Chen",
    "Ruiz",
    "O'Brien",
    "Nair",
    "Martin",
    "Wei",
    "Haddad",
    "Kim",
    "Petrov",
    "Okafor",
    "Berg",
    "Sato",
]
TITLES = ["Engineer", "Staff Engineer", "Director, Platform", "Recruiter", "Product Manager"]


def generate(path: Path, rows: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    companies = [f"Company {n}" for n in range(rows // 10)] + ["Acme, Inc."]
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADER)
    start = date(2015, 1, 1)
    for n in range(rows):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        email = f"{first.lower()}.{n}@example.com" if rng.random() < 0.1 else ""
        day = start + timedelta(days=rng.randrange(4000))
        writer.writerow([first, last, f"https://www.linkedin.com/in/{first.lower()}-{n}", email,
                         rng.choice(companies), rng.choice(TITLES), day.strftime("%d %b %Y")])  # fmt: skip
    path.write_text("\ufeff" + PREAMBLE + buffer.getvalue(), encoding="utf-8", newline="")


def plain_insert(source: Path, db_path: Path) -> float:
    """The floor: read the CSV and executemany the same rows into the same tables."""
    Repo.open(db_path).close()  # the netrack schema, so both write the same indexes
    began = time.perf_counter()
    with source.open(encoding="utf-8-sig", newline="") as handle:
        text = handle.read()
    rows = list(csv.reader(io.StringIO(text.split("\r\n\r\n", 1)[1], newline="")))[1:]
    connection = sqlite3.connect(db_path)
    with connection:
        orgs = {name: n for n, name in enumerate(sorted({r[4] for r in rows}), 1)}
        connection.executemany(
            "INSERT INTO organization (id, name, name_key, industry, size_band, location, notes)"
            " VALUES (?, ?, ?, '', '', '', '')",
            [(n, name, name.casefold()) for name, n in orgs.items()],
        )
        connection.executemany(
            "INSERT INTO contact (name, organization_id, title, function, industry, location,"
            " email, phone, url, channel, met_on, notes, archived)"
            " VALUES (?, ?, ?, '', '', '', ?, '', ?, 'linkedin', ?, '', 0)",
            [(f"{r[0]} {r[1]}", orgs[r[4]], r[5], r[3], r[2], r[6]) for r in rows],
        )
    connection.close()
    return time.perf_counter() - began


def netrack_import(source: Path, db_path: Path) -> tuple[float, float, str]:
    repo = Repo.open(db_path)
    try:
        began = time.perf_counter()
        summary = api.import_file(repo, "linkedin", source)
        first = time.perf_counter() - began
        began = time.perf_counter()
        api.import_file(repo, "linkedin", source)
        second = time.perf_counter() - began
    finally:
        repo.close()
    return first, second, summary


MESSAGES_HEADER = (
    "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,"
    "DATE,SUBJECT,CONTENT,FOLDER"
)


def people_of(source: Path) -> list[tuple[str, str]]:
    """(name, profile URL) of the generated connections; `emails_of` their emails."""
    with source.open(encoding="utf-8-sig", newline="") as handle:
        text = handle.read().split("\r\n\r\n", 1)[1]
    return [(f"{r[0]} {r[1]}", r[2]) for r in list(csv.reader(io.StringIO(text)))[1:]]


def emails_of(source: Path) -> list[tuple[str, str]]:
    with source.open(encoding="utf-8-sig", newline="") as handle:
        text = handle.read().split("\r\n\r\n", 1)[1]
    return [(f"{r[0]} {r[1]}", r[3]) for r in list(csv.reader(io.StringIO(text)))[1:]]


def generate_messages(path: Path, people: list[tuple[str, str]], count: int) -> None:
    """`count` messages in conversations with random connections (and a few strangers),
    half of them sent by the user, over five years."""
    rng = random.Random(11)
    me = ("Sam Rivera", "https://www.linkedin.com/in/sam-rivera")
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(MESSAGES_HEADER.split(","))
    start = date(2021, 1, 1)
    for n in range(count):
        other = rng.choice(people) if rng.random() < 0.95 else (f"Stranger {n}", "")
        sent = rng.random() < 0.5
        sender, to = (me, other) if sent else (other, me)
        day = start + timedelta(days=rng.randrange(1800))
        writer.writerow([f"c-{other[1] or n}", "", sender[0], sender[1], to[0], to[1],
                         f"{day.isoformat()} 10:{n % 60:02d}:00 UTC", "",
                         f"Message {n} about the role", "SENT" if sent else "INBOX"])  # fmt: skip
    path.write_text(buffer.getvalue(), encoding="utf-8", newline="")


def generate_calendar(path: Path, people: list[tuple[str, str]], count: int) -> None:
    """`count` one-hour meetings, each with one connection (by email: the generated names
    repeat, so a name alone would be ambiguous), over the past two years."""
    rng = random.Random(13)
    emails = [email for _, email in people if email]
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//bench//EN"]
    for n in range(count):
        email = rng.choice(emails)
        day = date(2024, 6, 1) + timedelta(days=rng.randrange(700))
        stamp = day.strftime("%Y%m%d")
        lines += ["BEGIN:VEVENT", f"UID:bench-{n}@example.com", "DTSTAMP:20260101T000000Z",
                  f"DTSTART:{stamp}T{9 + n % 8:02d}0000Z", f"DTEND:{stamp}T{10 + n % 8:02d}0000Z",
                  f"SUMMARY:Meeting {n}", "LOCATION:https://zoom.us/j/1",
                  f"ATTENDEE;PARTSTAT=ACCEPTED:mailto:{email}",
                  "END:VEVENT"]  # fmt: skip
    lines.append("END:VCALENDAR")
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")


def history_import(db_path: Path, kind: str, source: Path) -> tuple[float, float, str]:
    """(first run, second run, summary) of importing `source` into `db_path`."""
    repo = Repo.open(db_path, clock=lambda: date(2026, 11, 27))
    try:
        began = time.perf_counter()
        summary = api.import_file(repo, kind, source)
        first = time.perf_counter() - began
        began = time.perf_counter()
        api.import_file(repo, kind, source)
        second = time.perf_counter() - began
    finally:
        repo.close()
    return first, second, summary


def bench_history(folder: Path, source: Path, messages: int, events: int, runs: int) -> None:
    people = people_of(source)
    inbox = folder / "messages.csv"
    generate_messages(inbox, people, messages)
    calendar = folder / "calendar.ics"
    generate_calendar(calendar, emails_of(source), events)
    base = folder / "base.db"
    repo = Repo.open(base)
    api.import_file(repo, "linkedin", source)
    repo.close()
    for kind, path, what in (("linkedin", inbox, f"{messages:,} messages"),
                             ("ics", calendar, f"{events:,} calendar events")):  # fmt: skip
        firsts, seconds, summary = [], [], ""
        for run in range(runs):
            copy = folder / f"{kind}-{run}.db"
            copy.write_bytes(base.read_bytes())
            first, second, summary = history_import(copy, kind, path)
            firsts.append(first)
            seconds.append(second)
        mine = statistics.median(firsts)
        print(summary)
        print(
            f"import {what:<22}: {mine:6.3f} s (median)  second run {statistics.median(seconds):6.3f} s"
        )
        print(f"target ≤ 5 s: {'ok' if mine <= 5.0 else 'OVER TARGET'}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=30_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--events", type=int, default=5_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "Connections.csv"
        generate(source, args.rows)
        plain, ours, again = [], [], []
        summary = ""
        for run in range(args.runs):
            plain.append(plain_insert(source, Path(folder) / f"plain-{run}.db"))
            first, second, summary = netrack_import(source, Path(folder) / f"netrack-{run}.db")
            ours.append(first)
            again.append(second)
        base, mine = statistics.median(plain), statistics.median(ours)
        print(summary)
        print(f"rows: {args.rows:,}   runs: {args.runs}")
        print(f"plain sqlite3 executemany : {base:6.3f} s (median)")
        print(f"netrack import linkedin   : {mine:6.3f} s (median)  = {mine / base:.1f}x plain")
        print(f"second run (all skipped)  : {statistics.median(again):6.3f} s (median)")
        verdict = "ok" if mine <= 2.0 and mine <= 5 * base else "OVER TARGET"
        print(f"target ≤ 2 s and ≤ 5x: {verdict}")
        bench_history(Path(folder), source, args.messages, args.events, args.runs)


if __name__ == "__main__":
    main()
