"""`import ics`: one event that cannot be imported as written is skipped with its line,
and the rest of the calendar lands (SPEC, Data and safety). Every event is counted:
added, or skipped with a reason.

Each case runs twice: once as netrack reads a plain export (single events by
themselves), once with Google's X-WR-TIMEZONE, which hands the whole calendar to the
recurrence library.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from netrack.data.repo import Repo
from netrack.interop import api

GOOD = ("good@x", "DTSTART:20261120T100000Z", "DTEND:20261120T110000Z", "Good")
STYLES = {"plain": "", "google": "X-WR-TIMEZONE:UTC\n"}
SHIFT = {"plain": 0, "google": 1}  # lines the header of each style adds


def event(uid: str, start: str, end: str, title: str, *more: str) -> str:
    lines = ["BEGIN:VEVENT", f"UID:{uid}", start, end, *more, f"SUMMARY:{title}"]
    return "\n".join([*lines, "ATTENDEE:mailto:ana@example.com", "END:VEVENT", ""])


def write(tmp_path: Path, style: str, *events: tuple[str, ...]) -> Path:
    """A calendar of `events` with CR LF lines: the header is lines 1-2 (one more in
    Google's style), then 7 lines for each event (more with `more`)."""
    text = "BEGIN:VCALENDAR\nVERSION:2.0\n" + STYLES[style]
    text += "".join(event(*e) for e in events) + "END:VCALENDAR\n"
    path = tmp_path / "bad.ics"
    path.write_bytes(text.replace("\n", "\r\n").encode())
    return path


def imported(repo: Repo, path: Path) -> tuple[str, list[tuple[str, int, str]]]:
    repo.contacts.add("Ana López", email="ana@example.com")
    summary = api.import_file(repo, "ics", path)
    rows = [(i.on.isoformat(), i.minutes, i.note) for i in repo.activity.interactions()]
    return summary, rows


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize(
    ("start", "end", "reason"),
    [
        (
            "DTSTART:20261131T100000Z",
            "DTEND:20261131T110000Z",
            "12: bad date '20261131T100000Z' in DTSTART",
        ),
        (
            "DTSTART:20261121T100000Z",
            "DTEND:20261131T110000Z",
            "13: bad date '20261131T110000Z' in DTEND",
        ),
    ],
    ids=["start", "end"],
)
def test_an_impossible_date_skips_its_event_with_its_line(
    repo: Repo, tmp_path: Path, style: str, start: str, end: str, reason: str
) -> None:
    path = write(tmp_path, style, GOOD, ("typo@x", start, end, "Typo"))
    line, words = reason.split(": ", 1)

    summary, rows = imported(repo, path)

    assert summary.splitlines() == [
        "imported bad.ics:",
        f"  interactions: 1 added, 0 updated, 1 skipped (line {int(line) + SHIFT[style]}: {words})",
    ]
    assert rows == [("2026-11-20", 60, "Good")]


@pytest.mark.parametrize("style", STYLES)
def test_a_title_netrack_refuses_skips_its_event_not_the_file(
    repo: Repo, tmp_path: Path, style: str
) -> None:
    """A NUL in a SUMMARY refused the whole calendar, without a line."""
    nul = ("nul@x", "DTSTART:20261121T100000Z", "DTEND:20261121T110000Z", "Coffee\x00 chat")
    path = write(tmp_path, style, GOOD, nul)

    summary, rows = imported(repo, path)

    assert summary.splitlines() == [
        "imported bad.ics:",
        "  interactions: 1 added, 0 updated, 1 skipped (line "
        f"{14 + SHIFT[style]}: note is not valid text (it holds a NUL character, \\x00))",
    ]
    assert rows == [("2026-11-20", 60, "Good")]


@pytest.mark.parametrize("style", STYLES)
def test_an_event_that_ends_before_it_starts_is_skipped(
    repo: Repo, tmp_path: Path, style: str
) -> None:
    path = write(
        tmp_path,
        style,
        ("backwards@x", "DTSTART:20261121T100000Z", "DTEND:20261120T110000Z", "Backwards"),
        GOOD,
        ("negative@x", "DTSTART:20261122T100000Z", "DURATION:-PT1H", "Negative"),
    )
    shift = SHIFT[style]

    summary, rows = imported(repo, path)

    assert summary.splitlines() == [
        "imported bad.ics:",
        "  interactions: 1 added, 0 updated, 2 skipped "
        f"(line {6 + shift}: ends before it starts, line {20 + shift}: ends before it starts)",
    ]
    assert rows == [("2026-11-20", 60, "Good")]


@pytest.mark.parametrize("style", STYLES)
def test_an_event_outside_the_years_netrack_counts_is_skipped_not_lost(
    repo: Repo, tmp_path: Path, style: str
) -> None:
    path = write(
        tmp_path,
        style,
        GOOD,
        ("ancient@x", "DTSTART:00010101T100000Z", "DTEND:00010101T110000Z", "Ancient"),
        ("old@x", "DTSTART:18991231T100000Z", "DTEND:18991231T110000Z", "Old"),
    )
    shift = SHIFT[style]

    summary, rows = imported(repo, path)

    assert summary.splitlines() == [
        "imported bad.ics:",
        "  interactions: 1 added, 0 updated, 2 skipped ("
        f"line {12 + shift}: 0001-01-01 is outside the years a scorecard covers (1900 to 9998), "
        f"line {19 + shift}: 1899-12-31 is outside the years a scorecard covers (1900 to 9998))",
    ]
    assert rows == [("2026-11-20", 60, "Good")]


@pytest.mark.parametrize("style", STYLES)
def test_a_series_begun_before_1900_brings_its_occurrences_from_then_on(
    repo: Repo, tmp_path: Path, style: str
) -> None:
    """Only a one-off event out of the years is skipped: the series was, whole."""
    series = (
        "old-series@x",
        "DTSTART:18991128T100000Z",
        "DTEND:18991128T110000Z",
        "Yearly",
        "RRULE:FREQ=YEARLY;COUNT=3",
    )
    path = write(tmp_path, style, series)

    summary, rows = imported(repo, path)

    assert "2 added" in summary.splitlines()[1]
    assert rows == [("1901-11-28", 60, "Yearly"), ("1900-11-28", 60, "Yearly")]


def test_a_series_with_a_broken_rule_is_skipped_and_the_rest_expanded(
    repo: Repo, tmp_path: Path
) -> None:
    path = write(
        tmp_path,
        "plain",
        (
            "weekly@x",
            "DTSTART:20261102T100000Z",
            "DTEND:20261102T103000Z",
            "Weekly",
            "RRULE:FREQ=WEEKLY;COUNT=3",
        ),
        (
            "broken@x",
            "DTSTART:20261103T100000Z",
            "DTEND:20261103T103000Z",
            "Broken",
            "RRULE:FREQ=SOMETIMES",
        ),
        (
            "gaps@x",
            "DTSTART:20261104T100000Z",
            "DTEND:20261104T103000Z",
            "Gaps",
            "RRULE:FREQ=DAILY",
            "EXDATE:2026x",
        ),
    )

    summary, rows = imported(repo, path)

    assert summary.splitlines() == [
        "imported bad.ics:",
        "  interactions: 3 added, 0 updated, 2 skipped "
        "(line 15: bad value 'FREQ=SOMETIMES' in RRULE, line 24: bad date '2026x' in EXDATE)",
    ]
    assert sorted(row[0] for row in rows) == ["2026-11-02", "2026-11-09", "2026-11-16"]


def test_the_line_counts_folded_lines_and_not_an_alarm_inside(repo: Repo, tmp_path: Path) -> None:
    path = tmp_path / "bad.ics"
    path.write_bytes(
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
        b"BEGIN:VEVENT\r\nUID:folded@x\r\nSUMMARY:A long\r\n  title\r\n"
        b"BEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:-PT15M\r\nDTEND:20261120T110000Z\r\n"
        b"END:VALARM\r\nDTSTART:20261120T100000Z\r\nDTEND:20261131T110000Z\r\n"
        b"ATTENDEE:mailto:ana@example.com\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )

    summary, rows = imported(repo, path)

    assert summary.splitlines() == [
        "imported bad.ics:",
        "  interactions: 0 added, 0 updated, 1 skipped "
        "(line 13: bad date '20261131T110000Z' in DTEND)",
    ]
    assert rows == []


def test_the_cli_imports_the_good_events_of_a_calendar_with_a_typo(
    run_cli, tmp_path: Path, db_path: Path
) -> None:
    assert (
        run_cli("contact", "add", "Ana López", "--email", "ana@example.com", db=db_path).returncode
        == 0
    )
    path = write(
        tmp_path,
        "plain",
        GOOD,
        ("typo@x", "DTSTART:20261131T100000Z", "DTEND:20261131T110000Z", "Typo"),
    )

    done = run_cli("import", "ics", path, db=db_path)

    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.splitlines() == [
        "imported bad.ics:",
        "  interactions: 1 added, 0 updated, 1 skipped "
        "(line 12: bad date '20261131T100000Z' in DTSTART)",
    ]


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize(
    ("end", "again", "line"),
    [
        ("DTEND:20261121T110000Z", "DTSTART:20261121T120000Z", 16),
        ("DTEND:20261121T110000Z", "DTEND:20261121T130000Z", 16),
        ("DURATION:PT1H", "DURATION:PT2H", 16),
        ("DTEND:20261121T110000Z", "UID:twice@x", 16),
        ("DTEND:20261121T110000Z", "STATUS:CANCELLED", 16),
        ("DTEND:20261121T110000Z", "LOCATION:Zoom", 16),
        ("DTEND:20261121T110000Z", "SUMMARY:Other title", 17),  # the title's comes last
    ],
    ids=lambda value: str(value).split(":")[0],
)
def test_a_property_given_twice_skips_its_event_with_the_line_of_the_second(
    repo: Repo, tmp_path: Path, style: str, end: str, again: str, line: int
) -> None:
    """RFC 5545 lets an event give these once: given twice, the event could mean either
    (a second DTSTART or DURATION was an internal error, a second UID refused the whole
    file). The good event's 7 lines from line 3, then this one's BEGIN on line 10: UID,
    DTSTART, the end, LOCATION, STATUS, the property again, SUMMARY."""
    name = again.split(":")[0]
    twice = (
        "twice@x",
        "DTSTART:20261121T100000Z",
        end,
        "Twice",
        "LOCATION:Café",
        "STATUS:CONFIRMED",
        again,
    )

    summary, rows = imported(repo, write(tmp_path, style, GOOD, twice))

    assert summary.splitlines() == [
        "imported bad.ics:",
        f"  interactions: 1 added, 0 updated, 1 skipped "
        f"(line {line + SHIFT[style]}: {name} given more than once)",
    ]
    assert rows == [("2026-11-20", 60, "Good")]


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize(
    ("freq", "every"),
    [("SECONDLY", "second"), ("MINUTELY", "minute"), ("HOURLY", "hour")],
    ids=["second", "minute", "hour"],
)
def test_a_series_repeating_within_the_hour_is_skipped_not_expanded(
    repo: Repo, tmp_path: Path, style: str, freq: str, every: str
) -> None:
    """Every second since 2020 is 200 million occurrences: expanding them held the
    import for hours. Its RRULE is line 14: the good event's 7 lines from line 3, then
    BEGIN, UID, DTSTART, DTEND and the RRULE."""
    tick = ("tick@x", "DTSTART:20200101T000000Z", "DTEND:20200101T000001Z", "Tick")

    summary, rows = imported(repo, write(tmp_path, style, GOOD, (*tick, f"RRULE:FREQ={freq}")))

    assert summary.splitlines() == [
        "imported bad.ics:",
        f"  interactions: 1 added, 0 updated, 1 skipped (line {14 + SHIFT[style]}: "
        f"a series repeating every {every}: not meetings to log one by one)",
    ]
    assert rows == [("2026-11-20", 60, "Good")]


@pytest.mark.parametrize(
    "encode",
    [
        lambda text: text.replace("\n", "\r\n").encode("utf-16"),  # with its BOM
        lambda text: text.replace("\n", "\r").encode(),  # old Mac line ends
        lambda text: text.replace("\n", "\r\n").encode("cp1252"),  # not UTF-8
    ],
    ids=["utf-16", "cr-only", "windows-1252"],
)
def test_a_calendar_is_read_as_the_other_importers_read_text(
    repo: Repo, tmp_path: Path, encode
) -> None:
    """UTF-16 and CR-only files were refused ("no VCALENDAR", which they have), and
    bytes that are not UTF-8 were stored as "�": read as vCard and LinkedIn files are."""
    text = "BEGIN:VCALENDAR\nVERSION:2.0\n" + event(*GOOD[:3], "Café") + "END:VCALENDAR\n"
    path = tmp_path / "bad.ics"
    path.write_bytes(encode(text))

    summary, rows = imported(repo, path)

    assert summary.splitlines()[1] == "  interactions: 1 added, 0 updated, 0 skipped"
    assert rows == [("2026-11-20", 60, "Café")]


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize(
    ("end", "reason"),
    [
        ("DURATION:P99999999W", "line 13: ends after 9998"),  # past any date Python has
        ("DTEND:99991231T235959Z", "line 13: ends after 9998"),
        ("DTEND:21000101T000000Z", "not over yet: 1"),  # begun, and still going on
    ],
    ids=["duration", "end-9999", "end-2100"],
)
def test_an_event_ending_beyond_the_years_skips_alone_and_is_counted(
    repo: Repo, tmp_path: Path, style: str, end: str, reason: str
) -> None:
    """A far DURATION refused the whole file ("cannot expand its events"), and an event
    ending in 2100 was in no count of the summary. Its end is line 13."""
    line, words = reason.split(": ", 1) if reason.startswith("line") else ("", reason)
    if line:
        reason = f"line {int(line.split()[1]) + SHIFT[style]}: {words}"
    far = ("far@x", "DTSTART:20261121T100000Z", end, "Far")

    summary, rows = imported(repo, write(tmp_path, style, GOOD, far))

    assert summary.splitlines() == [
        "imported bad.ics:",
        f"  interactions: 1 added, 0 updated, 1 skipped ({reason})",
    ]
    assert rows == [("2026-11-20", 60, "Good")]
