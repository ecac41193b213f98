"""`import linkedin`: a date that is no date (`30 Feb 2026`) skips its row, reported with
its line, and the rest of the file lands, in Connections.csv, messages.csv and
Invitations.csv alike (SPEC, Data and safety); so does a row another check refuses (a
cell too long, a direction LinkedIn does not write). A file that is not LinkedIn's, or a
column that cannot be read, is still refused in one line."""

from __future__ import annotations

import zipfile
from pathlib import Path

from netrack.data.repo import Repo
from netrack.interop import api

CONNECTIONS = "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
MESSAGES = "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,DATE,SUBJECT,CONTENT,FOLDER\n"  # fmt: skip
INVITATIONS = "From,To,Sent At,Message,Direction\n"


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def imported(
    repo: Repo,
    tmp_path: Path,
    rows: str,
    name: str = "Connections.csv",
    header: str = CONNECTIONS,
) -> list[str]:
    """The summary of importing LinkedIn's file `name` (its `header`, then `rows`), line
    by line."""
    source = write(tmp_path, name, header + rows)
    return api.import_file(repo, "linkedin", source).splitlines()


def export_zip(tmp_path: Path, connections: str, invitations: str) -> Path:
    """An export's .zip of a Connections.csv and an Invitations.csv of these rows."""
    archive = tmp_path / "export.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("Connections.csv", CONNECTIONS + connections)
        zipped.writestr("Invitations.csv", INVITATIONS + invitations)
    return archive


def met_on(repo: Repo) -> dict[str, str]:
    return {c.name: str(c.met_on) for c in repo.contacts.all()}


def test_a_connection_with_an_impossible_date_is_skipped_with_its_line(
    repo: Repo, tmp_path: Path
) -> None:
    summary = imported(
        repo,
        tmp_path,
        "Ana,Lopez,,,Acme,Engineer,30 May 2024\n"
        + "Feb,Thirty,,,,,30 Feb 2026\n"
        + "Far,Future,,,,,31 Dec 9999\n",
    )

    assert summary == [
        "imported Connections.csv:",
        "  contacts: 1 added, 0 updated, 2 skipped ("
        "line 3: bad date '30 Feb 2026' in Connected On (expected a date like 14 Oct 2026), "
        "line 4: met on 9999-12-31 is after today (2026-11-25))",
        "  organizations: 1 added, 0 updated, 0 skipped",
    ]
    assert met_on(repo) == {"Ana Lopez": "2024-05-30"}


def test_a_day_the_month_lacks_in_linkedins_numeric_style_skips_only_its_row(
    repo: Repo, tmp_path: Path
) -> None:
    summary = imported(
        repo,
        tmp_path,
        'Ana,Lopez,,,,,"1/8/18, 6:14 PM"\n'
        + 'Feb,Thirty,,,,,"2/30/18, 6:14 PM"\n'
        + 'Raj,Patel,,,,,"3/9/18, 9:00 AM"\n',
    )

    assert summary == [
        "imported Connections.csv:",
        "  contacts: 2 added, 0 updated, 1 skipped "
        "(line 3: bad date '2/30/18, 6:14 PM' in Connected On)",
    ]
    assert met_on(repo) == {"Ana Lopez": "2018-01-08", "Raj Patel": "2018-03-09"}


def test_the_cli_imports_the_rest_of_a_file_with_a_bad_date(
    run_cli, data: Path, db_path: Path
) -> None:
    done = run_cli("import", "linkedin", data / "linkedin/bad_date.csv", db=db_path)

    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.splitlines() == [
        "imported bad_date.csv:",
        "  contacts: 1 added, 0 updated, 1 skipped "
        "(line 6: bad date '31 Foo 2026' in Connected On (expected a date like 14 Oct 2026))",
        "  organizations: 1 added, 0 updated, 0 skipped",
    ]


def test_a_message_with_an_impossible_date_is_skipped_with_its_line(
    repo: Repo, tmp_path: Path
) -> None:
    repo.contacts.add("Ana López")
    row = "c1,,Ana López,,Sam Rivera,{},,hello,INBOX\n"
    summary = imported(
        repo,
        tmp_path,
        row.format("2026-11-20 10:00:00 UTC")
        + row.format("2026-02-30 10:00:00 UTC")
        + "c1,,Sam Rivera,,Ana López,2026-11-21 10:00:00 UTC,,hi,SENT\n",
        "messages.csv",
        MESSAGES,
    )

    assert summary == [
        "imported messages.csv:",
        "  interactions: 2 added, 0 updated, 1 skipped "
        "(line 3: bad date '2026-02-30 10:00:00 UTC')",
    ]
    assert sorted(i.on.isoformat() for i in repo.activity.interactions()) == [
        "2026-11-20",
        "2026-11-21",
    ]


def test_an_invitation_with_an_impossible_date_is_skipped_with_its_line(
    repo: Repo, tmp_path: Path
) -> None:
    """In the export's .zip: the other files land; Ana's met_on comes from her
    invitation, Raj's stays the day of the import (his invitation names no day)."""
    archive = export_zip(
        tmp_path,
        "Ana,López,,,,,\nRaj,Patel,,,,,\n",
        'Sam Rivera,Raj Patel,"2/30/24, 8:52 AM",,OUTGOING\n'
        + 'Sam Rivera,Ana López,"6/10/24, 8:52 AM",,OUTGOING\n',
    )

    summary = api.import_file(repo, "linkedin", archive)

    assert summary.splitlines() == [
        "imported export.zip:",
        "  contacts: 2 added, 0 updated, 0 skipped",
        "  invitations: 0 added, 1 updated, 1 skipped (line 2: bad date '2/30/24, 8:52 AM')",
    ]
    assert met_on(repo) == {"Ana López": "2024-06-10", "Raj Patel": "2026-11-25"}


def test_messages_dated_after_today_or_before_1900_are_skipped_with_their_line(
    repo: Repo, tmp_path: Path
) -> None:
    """As `netrack log --on` refuses them: stored, 9999-12-31 was on no card and an
    export of the database, imported elsewhere, dropped it."""
    repo.contacts.add("Ana López")
    row = "c1,,Ana López,,Sam Rivera,{},,hello,INBOX\n"
    summary = imported(
        repo,
        tmp_path,
        row.format("2026-11-20 10:00:00 UTC")
        + row.format("9999-12-31 10:00:00 UTC")
        + row.format("0001-01-01 10:00:00 UTC")
        + row.format("2026-11-26 10:00:00 UTC")  # the day after the repo's today
        + "c1,,Sam Rivera,,Ana López,2026-11-21 10:00:00 UTC,,hi,SENT\n",
        "messages.csv",
        MESSAGES,
    )

    assert summary == [
        "imported messages.csv:",
        "  interactions: 2 added, 0 updated, 3 skipped ("
        "line 3: message 9999-12-31 is after today (2026-11-25), "
        "line 4: message 0001-01-01 is outside the years a scorecard covers (1900 to 9998), "
        "line 5: message 2026-11-26 is after today (2026-11-25))",
    ]
    assert sorted(i.on.isoformat() for i in repo.activity.interactions()) == [
        "2026-11-20",
        "2026-11-21",
    ]


def test_an_invitation_after_today_is_skipped_and_its_person_still_imported(
    repo: Repo, tmp_path: Path
) -> None:
    """Raj has no Connected On: his only invitation, dated 9999, gave him that met_on,
    and the contact was refused on a line of Connections.csv, which had none wrong."""
    archive = export_zip(
        tmp_path,
        "Ana,López,,,,,30 May 2024\nRaj,Patel,,,,,\n",
        'Sam Rivera,Raj Patel,"9999-01-01 10:00:00 UTC",,OUTGOING\n',
    )

    summary = api.import_file(repo, "linkedin", archive)

    assert summary.splitlines() == [
        "imported export.zip:",
        "  contacts: 2 added, 0 updated, 0 skipped",
        "  invitations: 0 added, 0 updated, 1 skipped "
        "(line 2: invitation 9999-01-01 is after today (2026-11-25))",
    ]
    assert met_on(repo) == {"Ana López": "2024-05-30", "Raj Patel": "2026-11-25"}


def test_an_invitation_of_an_unknown_direction_is_skipped_with_its_line(
    repo: Repo, tmp_path: Path
) -> None:
    """One row LinkedIn did not write refused the whole file: the others were lost."""
    repo.contacts.add("Ana López")
    repo.contacts.add("Raj Patel")
    summary = imported(
        repo,
        tmp_path,
        "Sam Rivera,Raj Patel,2024-06-10 08:52:00 UTC,,SIDEWAYS\n"
        + "Sam Rivera,Ana López,2024-06-11 08:52:00 UTC,,OUTGOING\n",
        "Invitations.csv",
        INVITATIONS,
    )

    assert summary == [
        "imported Invitations.csv:",
        "  invitations: 0 added, 1 updated, 1 skipped "
        "(line 2: unknown Direction 'SIDEWAYS' (expected INCOMING or OUTGOING))",
    ]
    channels = {c.name: c.channel for c in repo.contacts.all()}
    assert channels == {"Ana López": "linkedin", "Raj Patel": None}


def test_a_cell_longer_than_the_csv_module_allows_skips_only_its_row(
    repo: Repo, tmp_path: Path
) -> None:
    """Python's csv reader refuses a cell over 128 KiB, and with it the whole file: a
    position of 200,000 characters is that row's problem, as one of 20,000 is; a long
    message's content (only its first words become the note) is no problem at all."""
    summary = imported(
        repo,
        tmp_path,
        f"Ana,Lopez,,,Acme,{'x' * 200_000},30 May 2024\n" + "Bob,Two,,,,,14 Oct 2026\n",
    )

    assert summary == [
        "imported Connections.csv:",
        "  contacts: 1 added, 0 updated, 1 skipped "
        "(line 2: title is too long (10000 characters at most))",
    ]
    assert met_on(repo) == {"Bob Two": "2026-10-14"}
    messages = (
        f"c1,,Bob Two,,Sam Rivera,2026-11-20 10:00:00 UTC,,hello {'y' * 150_000},INBOX\n"
        + "c1,,Sam Rivera,,Bob Two,2026-11-21 10:00:00 UTC,,hi,SENT\n"
    )
    assert imported(repo, tmp_path, messages, "messages.csv", MESSAGES) == [
        "imported messages.csv:",
        "  interactions: 2 added, 0 updated, 0 skipped",
    ]


def test_a_message_row_a_few_cells_short_is_skipped_with_its_line(
    repo: Repo, tmp_path: Path
) -> None:
    """It refused the whole messages.csv, as a short row did Invitations.csv."""
    repo.contacts.add("Ana López")
    summary = imported(
        repo,
        tmp_path,
        "c1,,Ana López,,Sam Rivera,2026-11-20 10:00:00 UTC,,hello,INBOX\n"
        + "c2,,Ana López\n"
        + "c1,,Sam Rivera,,Ana López,2026-11-21 10:00:00 UTC,,hi,SENT\n",
        "messages.csv",
        MESSAGES,
    )

    assert summary == [
        "imported messages.csv:",
        "  interactions: 2 added, 0 updated, 1 skipped (line 3: expected 9 fields, found 3)",
    ]
