"""Import speed at real sizes: a 30,000-connection Connections.csv, a 100,000-message
messages.csv and a 5,000-event calendar, each generated here.

For each file it prints the median of --runs imports into a fresh database (messages
and events into one already holding the 30,000 connections), the median of a plain
`sqlite3` `executemany` of the same rows into the same tables (the baseline: the file
read with the standard reader — `csv`, or `icalendar` for the calendar — then the rows
the import wrote, inserted with the netrack schema's indexes), their ratio, and the
import of a tenth of the input (linearity: 10x the input in at most 12x the time).
Plain and netrack runs alternate, so a busy machine slows both alike.
Targets: ≤ 5 s, ≤ 5x the baseline, 10x input ≤ 12x time.

    .venv/bin/python bench/import_bench.py [--runs 3] [--rows 30000]
        [--messages 100000] [--events 5000]
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import shutil
import sqlite3
import statistics
import tempfile
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from icalendar import Calendar

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


TODAY = date(2026, 11, 27)
TARGET_SECONDS = 5.0
TARGET_RATIO = 5.0
TARGET_GROWTH = 12.0
CLOSE_ON_INSERT = "follow_up_close_on_insert"


CPU: list[float] = []  # processor seconds of each first import, beside the wall clock


def timed_import(db_path: Path, kind: str, source: Path) -> tuple[float, str]:
    """(seconds, summary) of one `netrack import` of `source` into `db_path`."""
    repo = Repo.open(db_path, clock=lambda: TODAY)
    try:
        began, cpu = time.perf_counter(), time.process_time()
        summary = api.import_file(repo, kind, source)
        CPU.append(time.process_time() - cpu)
        return time.perf_counter() - began, summary
    finally:
        repo.close()


def written_rows(db_path: Path, before: int) -> dict[str, list[tuple[object, ...]]]:
    """The rows an import of history wrote (interactions with an id above `before`)."""
    connection = sqlite3.connect(db_path)
    try:
        return {
            table: connection.execute(
                f"SELECT * FROM {table} WHERE {column} > ?", (before,)
            ).fetchall()
            for table, column in (
                ("interaction", "id"),
                ("interaction_contact", "interaction_id"),
                ("imported_event", "interaction_id"),
            )
        }
    finally:
        connection.close()


def plain_history(source: Path, db_path: Path, rows: dict[str, list[tuple[object, ...]]]) -> float:
    """The baseline for messages and events: read the file with the standard reader,
    then executemany the rows netrack wrote into the same tables. Without the follow-up
    trigger of interaction_contact (its per-row UPDATEs are no part of a plain insert;
    netrack's import sets it aside for a batch too, see data/history.py)."""
    connection = sqlite3.connect(db_path, isolation_level=None)
    trigger = connection.execute(
        "SELECT sql FROM sqlite_master WHERE name = ?", (CLOSE_ON_INSERT,)
    ).fetchone()[0]
    connection.execute(f'DROP TRIGGER "{CLOSE_ON_INSERT}"')
    began = time.perf_counter()
    if source.suffix == ".ics":
        Calendar.from_ical(source.read_text(encoding="utf-8"), multiple=True)
    else:
        with source.open(encoding="utf-8-sig", newline="") as handle:
            list(csv.reader(handle))
    connection.execute("BEGIN")
    for table, found in rows.items():
        if found:
            marks = ", ".join("?" * len(found[0]))
            connection.executemany(f"INSERT INTO {table} VALUES ({marks})", found)
    connection.execute("COMMIT")
    seconds = time.perf_counter() - began
    connection.execute(trigger)
    connection.close()
    return seconds


@dataclass
class Result:
    what: str
    plain: float
    mine: float
    again: float
    tenth: float
    cpu: float  # processor time of the import: what a busy machine does not inflate
    summary: str

    def verdict(self) -> str:
        ok = (
            self.mine <= TARGET_SECONDS
            and self.mine <= TARGET_RATIO * self.plain
            and self.mine <= TARGET_GROWTH * self.tenth
        )
        return "ok" if ok else "OVER TARGET"


def bench_connections(folder: Path, rows: int, runs: int) -> Result:
    source, small = folder / "Connections.csv", folder / "Connections-tenth.csv"
    generate(source, rows)
    generate(small, rows // 10)
    plain, mine, again, tenth, cpu, summary = [], [], [], [], [], ""
    for run in range(runs):
        plain.append(plain_insert(source, folder / f"plain-{run}.db"))
        db = folder / f"connections-{run}.db"
        seconds, summary = timed_import(db, "linkedin", source)
        mine.append(seconds)
        cpu.append(CPU[-1])
        again.append(timed_import(db, "linkedin", source)[0])
        tenth.append(timed_import(folder / f"connections-tenth-{run}.db", "linkedin", small)[0])
    return Result(f"{rows:,} connections", *map(statistics.median, (plain, mine, again, tenth, cpu)), summary)  # fmt: skip


def bench_history(
    folder: Path, base: Path, kind: str, files: tuple[Path, Path], what: str, runs: int
) -> Result:
    """Import `files` (the whole, a tenth) into copies of `base`."""
    source, small = files
    before = _max_interaction(base)
    copy = folder / "rows.db"
    shutil.copyfile(base, copy)
    timed_import(copy, kind, source)
    rows = written_rows(copy, before)
    plain, mine, again, tenth, cpu, summary = [], [], [], [], [], ""
    for _ in range(runs):
        shutil.copyfile(base, copy)
        plain.append(plain_history(source, copy, rows))
        shutil.copyfile(base, copy)
        seconds, summary = timed_import(copy, kind, source)
        mine.append(seconds)
        cpu.append(CPU[-1])
        again.append(timed_import(copy, kind, source)[0])
        shutil.copyfile(base, copy)
        tenth.append(timed_import(copy, kind, small)[0])
    return Result(what, *map(statistics.median, (plain, mine, again, tenth, cpu)), summary)


def _max_interaction(db_path: Path) -> int:
    connection = sqlite3.connect(db_path)
    try:
        return int(connection.execute("SELECT COALESCE(MAX(id), 0) FROM interaction").fetchone()[0])
    finally:
        connection.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--rows", type=int, default=30_000)
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--events", type=int, default=5_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        results = [bench_connections(folder, args.rows, args.runs)]
        source = folder / "Connections.csv"
        base = folder / "base.db"
        timed_import(base, "linkedin", source)
        people = people_of(source)
        inbox, inbox_small = folder / "messages.csv", folder / "messages-tenth.csv"
        generate_messages(inbox, people, args.messages)
        generate_messages(inbox_small, people, args.messages // 10)
        calendar, calendar_small = folder / "calendar.ics", folder / "calendar-tenth.ics"
        generate_calendar(calendar, emails_of(source), args.events)
        generate_calendar(calendar_small, emails_of(source), args.events // 10)
        results.append(bench_history(folder, base, "linkedin", (inbox, inbox_small),
                                     f"{args.messages:,} messages", args.runs))  # fmt: skip
        results.append(bench_history(folder, base, "ics", (calendar, calendar_small),
                                     f"{args.events:,} calendar events", args.runs))  # fmt: skip
    for result in results:
        print(result.summary)
    print(f"\nmedian of {args.runs} runs each; plain = csv/icalendar read + sqlite3 executemany")
    print(
        f"{'input':<24}{'import':>9}{'plain':>9}{'ratio':>8}{'1/10 input':>12}{'growth':>8}"
        f"{'again':>8}{'cpu':>8}"
    )
    for r in results:
        print(f"{r.what:<24}{r.mine:>8.2f}s{r.plain:>8.2f}s{r.mine / r.plain:>7.1f}x"
              f"{r.tenth:>11.2f}s{r.mine / r.tenth:>7.1f}x{r.again:>7.2f}s{r.cpu:>7.2f}s  {r.verdict()}")  # fmt: skip
    print(
        f"targets: import ≤ {TARGET_SECONDS:.0f} s, ratio ≤ {TARGET_RATIO:.0f}x, growth ≤ {TARGET_GROWTH:.0f}x"
    )
    print("again: the same file imported a second time (adds nothing); cpu: processor")
    print("seconds of the import, which a busy machine inflates less than the wall clock")


if __name__ == "__main__":
    main()
