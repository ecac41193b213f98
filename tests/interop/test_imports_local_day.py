"""Imported history is dated by the user's day: a meeting or a message at a time in UTC
(or with a TZID) is dated as this machine's clock reads it, a floating time as written.
A call at 23:30 UTC is Saturday morning in Tokyo; a message at 01:00 UTC the evening
before in California. Dated by the UTC day, an import stored what the CLI refuses (an
interaction after today) and refused what it takes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from netrack.data.repo import Repo
from netrack.interop import api
from netrack.interop.local_days import LocalDays
from tests.interop.conftest import TODAY

MESSAGES = "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,DATE,SUBJECT,CONTENT,FOLDER\n"  # fmt: skip


def calendar(*events: tuple[str, str, str, str]) -> str:
    """A calendar of (UID, DTSTART, DTEND, SUMMARY) events with Ana, written as given
    (`;TZID=…:` or `:` included)."""
    body = "".join(
        f"BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTART{start}\r\nDTEND{end}\r\nSUMMARY:{title}\r\n"
        "ATTENDEE;CN=Ana López:mailto:ana@example.com\r\nEND:VEVENT\r\n"
        for uid, start, end, title in events
    )
    return f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\n{body}END:VCALENDAR\r\n"


def imported(repo: Repo, tmp_path: Path, kind: str, name: str, text: str) -> list[str]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return api.import_file(repo, kind, path, me="Sam Rivera").splitlines()


def days(repo: Repo) -> list[tuple[str, str]]:
    return sorted((i.on.isoformat(), i.note) for i in repo.activity.interactions())


@pytest.mark.parametrize(
    ("zone", "events", "summary", "stored"),
    [
        (  # 23:30 UTC is the next morning in Tokyo; the 25th's is the 26th, after today
            "Asia/Tokyo",
            [
                ("a", ":20261120T233000Z", ":20261121T000000Z", "Saturday coffee"),
                ("b", ":20261125T233000Z", ":20261126T000000Z", "Thursday breakfast"),
                ("c", ":20261120T233000", ":20261121T000000", "Floating"),
            ],
            "  interactions: 2 added, 0 updated, 1 skipped (in the future: 1)",
            [("2026-11-20", "Floating"), ("2026-11-21", "Saturday coffee")],
        ),
        (  # 05:00 UTC on the 26th is 17:00 on the 25th, today, and over
            "Etc/GMT+12",
            [("a", ":20261126T050000Z", ":20261126T060000Z", "Evening call")],
            "  interactions: 1 added, 0 updated, 0 skipped",
            [("2026-11-25", "Evening call")],
        ),
        (  # 08:00 in Tokyo on the 26th is 23:00 UTC on the 25th: today, here
            "UTC",
            [
                (
                    "a",
                    ";TZID=Asia/Tokyo:20261126T080000",
                    ";TZID=Asia/Tokyo:20261126T090000",
                    "From Tokyo",
                )
            ],
            "  interactions: 1 added, 0 updated, 0 skipped",
            [("2026-11-25", "From Tokyo")],
        ),
    ],
)
def test_a_calendar_is_dated_by_the_users_day(
    repo: Repo,
    tmp_path: Path,
    local_zone: Callable[[str], None],
    zone: str,
    events: list[tuple[str, str, str, str]],
    summary: str,
    stored: list[tuple[str, str]],
) -> None:
    local_zone(zone)
    repo.contacts.add("Ana López", email="ana@example.com")

    first = imported(repo, tmp_path, "ics", "calendar.ics", calendar(*events))
    second = imported(repo, tmp_path, "ics", "calendar.ics", calendar(*events))

    assert first[1] == summary
    assert days(repo) == stored
    assert all(day <= TODAY.isoformat() for day, _ in days(repo))
    assert second[1].startswith(f"  interactions: 0 added, 0 updated, {len(events)} skipped")


def test_a_meeting_imported_again_in_another_time_zone_is_known(
    repo: Repo, tmp_path: Path, local_zone: Callable[[str], None]
) -> None:
    """22:30 UTC on the 24th is the 24th in London and the 25th in Tokyo: imported in
    London, then again after a flight, the same meeting was added a second time on the
    25th (its key is its UID and its day). An event that happens once is one meeting."""
    repo.contacts.add("Ana López", email="ana@example.com")
    text = calendar(("late1", ":20261124T223000Z", ":20261124T233000Z", "Evening call"))

    local_zone("Europe/London")
    first = imported(repo, tmp_path, "ics", "calendar.ics", text)
    local_zone("Asia/Tokyo")
    second = imported(repo, tmp_path, "ics", "calendar.ics", text)

    assert first[1] == "  interactions: 1 added, 0 updated, 0 skipped"
    assert second[1] == "  interactions: 0 added, 0 updated, 1 skipped (already in netrack: 1)"
    assert days(repo) == [("2026-11-24", "Evening call")]


@pytest.mark.parametrize(
    ("zone", "stored", "summary"),
    [
        (  # 01:00 UTC on the 26th is 17:00 on the 25th (today) in California
            "America/Los_Angeles",
            [("2026-11-20", "late"), ("2026-11-25", "evening")],
            "  interactions: 2 added, 0 updated, 0 skipped",
        ),
        (
            "Asia/Tokyo",
            [("2026-11-21", "late")],
            "  interactions: 1 added, 0 updated, 1 skipped "
            "(line 2: message 2026-11-26 is after today (2026-11-25))",
        ),
    ],
)
def test_linkedin_messages_are_dated_by_the_users_day(
    repo: Repo,
    tmp_path: Path,
    local_zone: Callable[[str], None],
    zone: str,
    stored: list[tuple[str, str]],
    summary: str,
) -> None:
    local_zone(zone)
    repo.contacts.add("Ana López")
    rows = (
        "c1,,Ana López,,Sam Rivera,2026-11-26 01:00:00 UTC,,evening,INBOX\n"
        "c2,,Ana López,,Sam Rivera,2026-11-20 23:30:00 UTC,,late,INBOX\n"
    )

    assert imported(repo, tmp_path, "linkedin", "messages.csv", MESSAGES + rows)[1] == summary
    assert days(repo) == stored


@pytest.mark.parametrize(
    "zone",
    [
        "America/Los_Angeles",
        "Asia/Kolkata",  # +05:30: midnight falls at half past a UTC hour
        "America/St_Johns",  # -03:30, and -03:30:52 before 1935
        "Australia/Lord_Howe",  # its clocks change by half an hour
        "America/Santiago",  # its clocks change at midnight
        "Pacific/Kiritimati",  # +14, after skipping 1994-12-31
    ],
)
def test_linkedins_days_worked_out_by_the_hour_are_each_times_day(
    local_zone: Callable[[str], None], zone: str
) -> None:
    """`LocalDays` sums up an hour of UTC rather than converting each time: every 31
    minutes 7 seconds of two years (changes of clocks and all), and of years when zones
    had offsets of seconds, against converting each."""
    local_zone(zone)
    local = LocalDays()
    step = timedelta(minutes=31, seconds=7)
    for first in (datetime(1900, 1, 1, tzinfo=UTC), datetime(1994, 1, 1, tzinfo=UTC)):
        for n in range(2 * 365 * 24 * 60 * 60 // int(step.total_seconds())):
            moment = first + n * step
            text = moment.strftime("%Y-%m-%d %H:%M:%S UTC")
            assert local.of(text) == moment.astimezone().date(), text
