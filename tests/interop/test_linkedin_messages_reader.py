"""messages.csv's reader, read in bulk for speed (issue 17 item 7), says what a reading
record by record says: the line of each message (a quoted cell may span lines), blank
records skipped, and of two faults in a file the one nearer its start."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from netrack.domain.errors import InputError
from netrack.interop import linkedin
from netrack.interop.linkedin_history import Message, note_of, read_messages

SOURCE = Path("messages.csv")
HEADER = (
    "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,DATE,SUBJECT,CONTENT,FOLDER\r\n"
)
ROW = "c1,,Ana López,,Sam Rivera,2023-06-11 10:00:00 UTC,,hi,INBOX\r\n"
# A cell over the reader's field limit: a broken record. The limit is as long as an
# import may be (64 MiB: no cell of a file netrack reads is over it); the tests of a
# broken record lower it to the csv module's own 131,072 characters (`small_limit`).
BROKEN = "c9,,Ana López,,Sam Rivera,2023-06-11,," + "x" * 140_000 + ",INBOX\r\n"


@pytest.fixture
def small_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(linkedin, "MAX_IMPORT_BYTES", 131_072)


def lines_and_days(text: str) -> list[tuple[int, date | None, str]]:
    return [(m.line, m.on, m.content) for m in read_messages(SOURCE, text.encode())]


def refused(text: str) -> str:
    with pytest.raises(InputError) as error:
        read_messages(SOURCE, text.encode())
    return str(error.value)


def test_each_message_keeps_the_line_it_starts_on() -> None:
    text = (
        HEADER
        + 'c1,,Ana López,,Sam Rivera,2023-06-11 10:00:00 UTC,,"one\r\ntwo\r\nthree",INBOX\r\n'
        + ROW
        + "\r\n"
        + " , \r\n"  # whitespace only: skipped like a blank line
        + ' ,,Ana López,,Sam Rivera,2023-06-12 09:00:00 UTC,,"first cell blank",INBOX\r\n'
    )
    assert lines_and_days(text) == [
        (2, date(2023, 6, 11), "one\r\ntwo\r\nthree"),
        (5, date(2023, 6, 11), "hi"),
        (8, date(2023, 6, 12), "first cell blank"),
    ]


def test_a_header_after_pages_of_blank_lines_sets_the_separator() -> None:
    """The separator is the header's; 5,000 blank lines (10,000 characters) before it."""
    text = "\r\n" * 5000 + HEADER.replace(",", ";") + ROW.replace(",", ";")
    assert lines_and_days(text) == [(5002, date(2023, 6, 11), "hi")]


@pytest.mark.parametrize(
    ("text", "error"),
    [
        # a row a few cells short is that row's problem, not the file's
        (
            HEADER + ROW + "c2,,Raj\r\n" + ROW + BROKEN,
            "messages.csv:5: broken CSV (field larger than field limit (131072))",
        ),
        (
            HEADER + ROW + ROW + BROKEN,
            "messages.csv:4: broken CSV (field larger than field limit (131072))",
        ),
        ("\r\n" + BROKEN, "messages.csv:2: broken CSV (field larger than field limit (131072))"),
        (
            "a,b\r\n" + BROKEN,
            "messages.csv:1: not a LinkedIn messages header (expected From,To,Date,Content …)",
        ),
        ("", "messages.csv:1: no header line: is this LinkedIn's messages file?"),
        ("\r\n \r\n", "messages.csv:2: no header line: is this LinkedIn's messages file?"),
    ],
    ids=[
        "short-row-then-broken",
        "broken-after-rows",
        "broken-before-header",
        "bad-header-before-broken",
        "empty",
        "blank",
    ],
)
@pytest.mark.usefixtures("small_limit")
def test_the_first_fault_in_the_file_is_the_one_named(text: str, error: str) -> None:
    assert refused(text) == error


def test_a_date_that_is_no_date_is_the_problem_of_its_row_not_of_the_file() -> None:
    text = (
        HEADER
        + ROW
        + ROW.replace("2023-06-11 10:00:00 UTC", "2023-13-45 10:00:00 UTC")
        + ROW.replace("2023-06-11 10:00:00 UTC", '"2/30/24, 9:00 AM"')  # no 30 February
        + ROW.replace("2023-06-11 10:00:00 UTC", '"6/12/23, 9:00 AM"')
    )
    read = read_messages(SOURCE, text.encode())
    assert [(m.line, m.on, m.problem) for m in read] == [
        (2, date(2023, 6, 11), ""),
        (3, None, "bad date '2023-13-45 10:00:00 UTC'"),
        (4, None, "bad date '2/30/24, 9:00 AM'"),
        (5, date(2023, 6, 12), ""),
    ]


def note(content: str, title: str = "") -> str:
    return note_of(
        Message(
            line=1, on=None, conversation="", title=title, sender="", sender_url="", content=content
        )
    )


def test_the_note_is_the_first_twelve_words_and_says_when_there_are_more() -> None:
    twelve = " ".join(f"w{n}" for n in range(12))
    assert note(twelve) == twelve
    assert note(twelve + "  \r\n ") == twelve
    assert note(twelve + " w12") == twelve + "…"
    assert note(" ".join([twelve] * 5000)) == twelve + "…"  # a long message: same note
    assert note("x" * 100) == "x" * 79 + "…"
    assert note(" ".join(["abcdefghij"] * 12)) == ("abcdefghij " * 7) + "ab…"
    assert note("") == ""
    assert note("ignored", title="  A   title  ") == "A title"
