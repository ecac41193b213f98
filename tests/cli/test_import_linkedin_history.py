"""`netrack import linkedin` of messages.csv, Invitations.csv and the export's .zip, through
the real command line: each file imported twice (the second run adds nothing), counts
checked against a count made here from the file itself."""

from __future__ import annotations

import csv
import sqlite3
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.cli.conftest import Run

DATA = Path(__file__).resolve().parent.parent / "data" / "linkedin"


def rows(db: Path, sql: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(db) as connection:
        return connection.execute(sql).fetchall()


def messages(db: Path) -> list[tuple[object, ...]]:
    return rows(
        db,
        'SELECT c.name, i."on", i.kind, i.note FROM interaction i '
        "JOIN interaction_contact l ON l.interaction_id = i.id "
        'JOIN contact c ON c.id = l.contact_id ORDER BY i."on", c.name',
    )


def contact_days(path: Path, me: str, contacts: set[str]) -> set[tuple[str, str]]:
    """(name, day) pairs of the file's conversations with `contacts`, counted here
    independently of netrack's reader (names only; dates: ISO prefix or M/D/YY)."""
    found = set()
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            row = {k.casefold(): v for k, v in row.items()}
            when = row["date"]
            if "/" in when:
                month, day, year = when.split(",")[0].split("/")
                when = f"20{year}-{int(month):02d}-{int(day):02d}"
            people = [row["from"], *row["to"].split(", ")]
            found |= {(p, when[:10]) for p in people if p != me and p in contacts}
    return found


def test_messages_2018_style_imported_twice(run: Run, db: Path) -> None:
    for name in ("Priya Nair", "Tomás Ruiz"):
        assert run("contact", "add", name).code == 0
    path = DATA / "messages-2018.csv"
    expected = contact_days(path, "Sam Rivera", {"Priya Nair", "Tomás Ruiz"})

    first = run("import", "linkedin", str(path))
    second = run("import", "linkedin", str(path))

    assert first.code == 0, first.err
    assert first.out.splitlines()[1] == (
        f"  interactions: {len(expected)} added, 0 updated, 1 skipped (not a contact: 1)"
    )
    assert second.out.splitlines()[1] == (
        f"  interactions: 0 added, 0 updated, {len(expected) + 1} skipped "
        f"(already in netrack: {len(expected)}, not a contact: 1)"
    )
    assert {(n, d) for n, d, _, _ in messages(db)} == expected
    assert messages(db)[0] == ("Priya Nair", "2018-03-14", "message", "Coffee next week?")


def test_messages_current_style_match_by_profile_url_then_name(run: Run, db: Path) -> None:
    # Ana is known by her profile URL under another spelling; Mei only by name.
    run("contact", "add", "Ana Lopez Garcia", "--url", "linkedin.com/in/ana-lopez-4b1a2c/")
    run("contact", "add", "Mei Chen")
    path = DATA / "messages.csv"

    first = run("import", "linkedin", str(path))
    second = run("import", "linkedin", str(path))

    assert first.code == 0, first.err
    # Ana: 06-11 and 06-12; Mei: 07-01 (the group chat). Raj and the sponsor: no contacts.
    assert first.out.splitlines()[1] == (
        "  interactions: 3 added, 0 updated, 2 skipped (not a contact: 2)"
    )
    assert second.out.splitlines()[1] == (
        "  interactions: 0 added, 0 updated, 5 skipped (already in netrack: 3, not a contact: 2)"
    )
    assert messages(db) == [
        ("Ana Lopez Garcia", "2024-06-11", "message", "Hi Sam, great to meet you at the meetup!"),
        ("Ana Lopez Garcia", "2024-06-12", "message", "Here is the job link I mentioned"),
        ("Mei Chen", "2024-07-01", "message", "Platform hiring loop"),
    ]


def test_a_contact_as_sender_by_url_and_recipient_by_name_is_one_conversation(
    run: Run, db: Path, tmp_path: Path
) -> None:
    """Ana wrote (with her profile URL), the user answered (to her name only): a first
    import said "1 skipped (already in netrack: 1)" of an empty history."""
    sent = tmp_path / "messages.csv"
    sent.write_text(
        "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,DATE,SUBJECT,CONTENT,"
        "FOLDER\n"
        "c1,,Ana Lopez,https://www.linkedin.com/in/ana,Me Myself,2026-11-20 12:00:00 UTC,,"
        "hello there,INBOX\n"
        "c1,,Me Myself,https://www.linkedin.com/in/me,Ana Lopez,2026-11-20 12:30:00 UTC,,"
        "hi back,SENT\n"
    )
    assert run("contact", "add", "Ana Lopez", "--met", "2026-01-01").code == 0

    first = run("import", "linkedin", str(sent))
    second = run("import", "linkedin", str(sent))

    assert first.out.splitlines()[1] == "  interactions: 1 added, 0 updated, 0 skipped"
    assert second.out.splitlines()[1] == (
        "  interactions: 0 added, 0 updated, 1 skipped (already in netrack: 1)"
    )
    assert messages(db) == [("Ana Lopez", "2026-11-20", "message", "hello there")]


def test_a_message_from_another_profile_is_not_a_namesakes(
    run: Run, db: Path, tmp_path: Path
) -> None:
    """A message from Globex's Ana López (profile ana-b) went to Acme's Ana López
    (profile ana-a), and once Globex's Ana was imported the same file stored it again."""
    header = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
    acme, globex, sent = (tmp_path / name for name in ("acme.csv", "globex.csv", "m.csv"))
    acme.write_text(header + "Ana,López,https://www.linkedin.com/in/ana-a,,Acme,Eng,01 Jan 2025\n")
    globex.write_text(
        header + "Ana,López,https://www.linkedin.com/in/ana-b,,Globex,PM,01 Feb 2025\n"
    )
    sent.write_text(
        "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,"
        "RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER\n"
        "c1,,Ana López,https://www.linkedin.com/in/ana-b,Sam Rivera,"
        "https://www.linkedin.com/in/sam,2025-06-11 15:33:58 UTC,,Hello from Globex Ana,INBOX\n"
        "c1,,Sam Rivera,https://www.linkedin.com/in/sam,Ana López,"
        "https://www.linkedin.com/in/ana-b,2025-06-11 16:00:00 UTC,,Hi,SENT\n"
    )
    for path in (acme, sent, globex, sent):
        assert run("import", "linkedin", str(path)).code == 0

    assert rows(
        db,
        'SELECT o.name, i."on", i.note FROM interaction i '
        "JOIN interaction_contact l ON l.interaction_id = i.id "
        "JOIN contact c ON c.id = l.contact_id JOIN organization o ON o.id = c.organization_id",
    ) == [("Globex", "2025-06-11", "Hello from Globex Ana")]


def test_a_profile_stored_as_a_shared_link_is_the_same_profile(
    run: Run, db: Path, tmp_path: Path
) -> None:
    """A contact's URL kept from the mobile app's "share profile" (`?utm_source=…`), or
    with a language (`/en`), is the profile messages.csv names: the rule "another
    profile is another person" took it for another and dropped her messages."""
    sent = tmp_path / "m.csv"
    sent.write_text("".join((DATA / "messages.csv").read_text().splitlines(True)[:4]))
    shared = "https://www.linkedin.com/in/ana-lopez-4b1a2c?utm_source=share&utm_medium=ios_app"
    assert run("contact", "add", "Ana López", "--url", shared).code == 0
    done = run("import", "linkedin", str(sent), "--me", "Sam Rivera")
    assert done.out.splitlines()[1] == "  interactions: 2 added, 0 updated, 0 skipped"


def test_a_message_whose_kind_was_changed_is_not_imported_again(
    run: Run, db: Path, tmp_path: Path
) -> None:
    """An imported message the user turned into a call (it was one) was added again as
    a message by the next import of the same file; a conversation that day with
    another note, and one with someone else, are still new."""
    assert run("contact", "add", "Mei Tanaka", "--url", "linkedin.com/in/meitanaka").code == 0
    assert run("contact", "add", "Raj Patel", "--url", "linkedin.com/in/rajpatel").code == 0
    header = (
        "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,"
        "RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER\n"
    )
    mei = (
        "2-a,,Me Myself,https://www.linkedin.com/in/me,Mei Tanaka,"
        "https://www.linkedin.com/in/meitanaka,2026-11-20 10:00:00 UTC,,quick call?,SENT\n"
    )
    sent = tmp_path / "messages.csv"
    sent.write_text(header + mei, encoding="utf-8")
    assert run("import", "linkedin", str(sent)).code == 0
    edited = run("interaction", "edit", "1", "--kind", "call", "--minutes", "20")
    assert edited.code == 0, edited.err

    again = run("import", "linkedin", str(sent))

    assert again.out.splitlines()[1] == (
        "  interactions: 0 added, 0 updated, 1 skipped (already in netrack: 1)"
    )
    assert messages(db) == [("Mei Tanaka", "2026-11-20", "call", "quick call?")]

    raj = mei.replace("Mei Tanaka", "Raj Patel").replace("meitanaka", "rajpatel")
    later = mei.replace("2-a", "2-b").replace("quick call?", "thanks again")
    sent.write_text(header + later + raj, encoding="utf-8")
    assert run("import", "linkedin", str(sent)).code == 0
    assert sorted(messages(db)) == [
        ("Mei Tanaka", "2026-11-20", "call", "quick call?"),
        ("Mei Tanaka", "2026-11-20", "message", "thanks again"),
        ("Raj Patel", "2026-11-20", "message", "quick call?"),
    ]


def test_messages_without_a_sent_folder_need_me(run: Run, db: Path, tmp_path: Path) -> None:
    path = tmp_path / "messages.csv"
    lines = (DATA / "messages.csv").read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(line.replace(",SENT,", ",INBOX,") for line in lines), "utf-8")
    run("contact", "add", "Mei Chen")

    refused = run("import", "linkedin", str(path))
    assert refused.code == 2
    assert refused.err.strip().endswith(
        "cannot tell which participant is you (no message in the SENT folder); "
        "give your name as LinkedIn shows it with --me NAME"
    )
    assert len(refused.err.strip().splitlines()) == 1
    assert messages(db) == []

    done = run("import", "linkedin", str(path), "--me", "sam rivera")
    assert done.code == 0, done.err
    assert [m[:2] for m in messages(db)] == [("Mei Chen", "2024-07-01")]


def test_invitations_alone_give_a_channel_and_create_nothing(run: Run, db: Path) -> None:
    run("contact", "add", "Priya Nair")
    run("contact", "add", "Tomás Ruiz", "--channel", "referral")
    path = DATA / "Invitations-2018.csv"

    first = run("import", "linkedin", str(path))
    second = run("import", "linkedin", str(path))

    assert first.code == 0, first.err
    # Both were added today: their invitations say they had met in 2018
    assert first.out.splitlines()[1] == (
        "  invitations: 0 added, 2 updated, 1 skipped (not a contact: 1)"
    )
    assert second.out.splitlines()[1] == (
        "  invitations: 0 added, 0 updated, 3 skipped (not a contact: 1, nothing new: 2)"
    )
    assert rows(db, "SELECT name, channel, met_on FROM contact ORDER BY name") == [
        ("Priya Nair", "linkedin", "2018-03-01"),
        ("Tomás Ruiz", "referral", "2018-03-19"),
    ]
    assert rows(db, "SELECT count(*) FROM interaction") == [(0,)]


def test_invitations_imported_after_their_connections_move_met_on_earlier_only(
    run: Run, db: Path, tmp_path: Path
) -> None:
    connections = tmp_path / "Connections.csv"
    connections.write_text(
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        "Sam,Lee,https://www.linkedin.com/in/samlee,,,,\n"
        "Kim,Ito,https://www.linkedin.com/in/kimito,,,,01 Nov 2024\n"
    )
    invitations = tmp_path / "Invitations.csv"
    invitations.write_text(
        "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n"
        'Pat Seeker,Sam Lee,"11/3/24, 10:17 AM",,OUTGOING,'
        "https://www.linkedin.com/in/patseeker,https://www.linkedin.com/in/samlee\n"
        'Pat Seeker,Kim Ito,"11/5/24, 9:00 AM",,OUTGOING,'
        "https://www.linkedin.com/in/patseeker,https://www.linkedin.com/in/kimito\n"
    )
    assert run("import", "linkedin", str(connections)).code == 0
    assert run("contact", "edit", "Sam Lee", "--strength", "3").code == 0

    done = run("import", "linkedin", str(invitations))

    assert done.code == 0, done.err
    # Sam, met "today" for want of a Connected On, was invited in 2024; Kim, met on
    # 2024-11-01, stays: a later invitation never moves met_on
    assert done.out.splitlines()[1] == (
        "  invitations: 0 added, 1 updated, 1 skipped (nothing new: 1)"
    )
    assert rows(db, "SELECT name, met_on FROM contact ORDER BY name") == [
        ("Kim Ito", "2024-11-01"),
        ("Sam Lee", "2024-11-03"),
    ]
    # the strength Sam had from the day they were met moves along, as with --met
    assert rows(db, 'SELECT "on", strength FROM strength_change') == [("2024-11-03", 3)]


def test_the_export_zip_reads_all_three_connections_first(
    run: Run, db: Path, tmp_path: Path
) -> None:
    archive = tmp_path / "Basic_LinkedInDataExport_06-30-2024.zip"
    with zipfile.ZipFile(archive, "w") as out:
        out.write(DATA / "export-Connections.csv", "Connections.csv")
        out.write(DATA / "messages.csv", "messages.csv")
        out.write(DATA / "Invitations.csv", "Invitations.csv")
        out.writestr("guide_messages.csv", "CONVERSATION ID,FROM\r\n")  # not messages.csv

    first = run("import", "linkedin", str(archive))
    second = run("import", "linkedin", str(archive))

    assert first.code == 0, first.err
    assert first.out.splitlines()[1:] == [
        "  contacts: 3 added, 0 updated, 0 skipped",
        "  organizations: 3 added, 0 updated, 0 skipped",
        # Ana 06-11, 06-12; Raj and Mei 07-01 (a group); the sponsor is no contact
        "  interactions: 4 added, 0 updated, 1 skipped (not a contact: 1)",
        # Ana and Mei had no Connected On: their invitations date them
        "  invitations: 0 added, 2 updated, 1 skipped (not a contact: 1)",
    ]
    assert "  interactions: 0 added, 0 updated, 5 skipped" in second.out
    assert "  contacts: 0 added" in second.out
    assert rows(db, "SELECT name, met_on, channel FROM contact ORDER BY name") == [
        ("Ana López", "2024-06-10", "linkedin"),
        ("Mei Chen", "2024-06-28", "linkedin"),
        ("Raj Patel", "2024-07-02", "linkedin"),
    ]
    assert rows(db, "SELECT count(*) FROM interaction") == [(4,)]


def test_a_file_of_no_known_kind_is_one_line(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "Profile.csv"
    path.write_text("First,Headline\r\nSam,Engineer\r\n", encoding="utf-8")
    result = run("import", "linkedin", str(path))
    assert result.code == 2
    assert result.err.strip() == (
        f"netrack: {path}:1: not a LinkedIn connections header (expected "
        "'First Name,Last Name,URL,Email Address,Company,Position,Connected On')"
    )


@pytest.mark.parametrize(
    ("name", "header", "said"),
    [
        (
            "messages.csv",
            "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,DATE,SUBJECT,FOLDER",
            "a LinkedIn messages.csv header without its CONTENT column",
        ),
        (
            "messages.csv",
            "CONVERSATION ID,FROM,SUBJECT,FOLDER",
            "a LinkedIn messages.csv header without its TO, DATE, CONTENT columns",
        ),
        (
            "Invitations.csv",
            "From,To,Sent At,Message",
            "a LinkedIn Invitations.csv header without its DIRECTION column",
        ),
    ],
)
def test_a_messages_or_invitations_file_missing_a_column_is_named_as_such(
    run: Run, tmp_path: Path, name: str, header: str, said: str
) -> None:
    """Read as a Connections.csv, it was told it lacked a connections header."""
    path = tmp_path / name
    path.write_text(f"{header}\r\nc1,x,y,z\r\n", encoding="utf-8")
    result = run("import", "linkedin", str(path))
    assert result.code == 2
    assert result.err.strip() == f"netrack: {path}:1: {said}"
    assert result.out == ""


HEADERS = (
    "From,To,Date,Subject,Content,Direction,Folder",
    "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,DATE,SUBJECT,CONTENT,FOLDER",
    "From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl",
)
cells = st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=12)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    header=st.sampled_from(HEADERS),
    body=st.lists(st.lists(cells, min_size=0, max_size=10), max_size=6),
    junk=st.binary(max_size=200),
)
def test_random_rows_and_bytes_never_crash(
    run: Run, tmp_path: Path, header: str, body: list[list[str]], junk: bytes
) -> None:
    path = tmp_path / "random.csv"
    text = (
        header
        + "\r\n"
        + "\r\n".join(",".join(f'"{c.replace(chr(34), "")}"' for c in row) for row in body)
    )
    for data in (text.encode("utf-8"), junk):
        path.write_bytes(data)
        result = run("import", "linkedin", str(path), "--me", "Sam")
        assert result.code in (0, 2)
        assert "Traceback" not in result.err
        if result.code == 2:
            assert len(result.err.strip().splitlines()) == 1


def test_messages_with_an_archived_contact_are_skipped_and_named_once(run: Run, db: Path) -> None:
    for name in ("Priya Nair", "Tomás Ruiz"):
        assert run("contact", "add", name).code == 0
    run("contact", "archive", "Tomás Ruiz")
    path = DATA / "messages-2018.csv"
    priya = contact_days(path, "Sam Rivera", {"Priya Nair"})
    tomas = contact_days(path, "Sam Rivera", {"Tomás Ruiz"})

    first = run("import", "linkedin", str(path))

    assert first.code == 0, first.err
    assert first.out.splitlines()[1] == (
        f"  interactions: {len(priya)} added, 0 updated, {len(tomas) + 1} skipped "
        f"(not a contact: 1, with an archived contact: {len(tomas)}); "
        "archived, so left out: Tomás Ruiz (unarchive them, then import again)"
    )
    assert {name for name, _, _, _ in messages(db)} == {"Priya Nair"}
