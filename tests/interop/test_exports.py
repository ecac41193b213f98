"""CSV (one file per table, formula-neutralised) and iCalendar (pending follow-ups)."""

from __future__ import annotations

import csv
import sqlite3
from contextlib import closing
from datetime import date, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar

from netrack.data.repo import Repo
from netrack.interop import api, csv_io
from tests.interop.conftest import TODAY

TABLES = {
    "organizations", "contacts", "contact_tags", "campaigns", "campaign_contacts",
    "stage_changes", "strength_changes", "interactions", "interaction_contacts", "referrals", "time_entries",
    "goals", "settings", "imported_events",
}  # fmt: skip


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("=HYPERLINK(1)", "'=HYPERLINK(1)"),
        ("+Captain", "'+Captain"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tTab", "'\tTab"),
        ("\rCR", "'\rCR"),
        ("Ana López", "Ana López"),
        (-5, -5),
        (None, ""),
        (True, "true"),
        (date(2026, 1, 2), "2026-01-02"),
    ],
)
def test_neutralise(value: object, written: object) -> None:
    assert csv_io.neutralise(value) == written


def test_csv_one_file_per_table(repo: Repo, data: Path, tmp_path: Path) -> None:
    api.import_file(repo, "linkedin", data / "linkedin/Connections.csv")
    folder = tmp_path / "csv"

    summary = api.export(repo, "csv", folder)

    assert summary == f"exported 14 tables as CSV to {folder}/"
    assert {p.stem for p in folder.iterdir()} == TABLES
    assert folder.stat().st_mode & 0o777 == 0o700
    assert all(p.stat().st_mode & 0o777 == 0o600 for p in folder.iterdir())
    with open(folder / "contacts.csv", encoding="utf-8", newline="") as handle:
        rows = {row["name"]: row for row in csv.DictReader(handle)}
    assert list(rows["Ana López"])[:3] == ["id", "name", "organization_id"]
    assert rows["Ana López"]["met_on"] == "2026-10-14"
    assert rows["Ana López"]["channel"] == "linkedin"
    assert rows["Mei Chen"]["title"] == '\'=HYPERLINK("http://evil.example/x","Click me")'
    assert rows["Jean-Luc Picard, PhD"]["title"] == "'+Captain"
    with open(folder / "organizations.csv", encoding="utf-8", newline="") as handle:
        names = [row["name"] for row in csv.DictReader(handle)]
    assert "'@Starfleet" in names and "Globex, Inc." in names
    goals = (folder / "goals.csv").read_text(encoding="utf-8").splitlines()
    # The defaults count from the database's creation: the repo's today (2026-11-25).
    assert goals[0] == "id,metric,target,comparator,period,note,since,until"  # schema 17's last
    assert (
        goals[1]
        == "1,active_campaigns,5.0,at_least,week,a pipeline wide enough to survive a setback,2026-11-25,"
    )
    assert len(goals) == 5
    # Schema 4's columns and the strength history go along.
    history = (folder / "strength_changes.csv").read_text(encoding="utf-8").splitlines()
    assert history == ["id,contact_id,on,strength"]  # LinkedIn gives no strengths
    header = (folder / "campaigns.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header.endswith(",lost_reason,location,compensation,deadline,documents,uid")
    assert (
        (folder / "stage_changes.csv")
        .read_text(encoding="utf-8")
        .startswith("id,campaign_id,from_stage,to_stage,on,note,reason\n")
    )
    assert list(rows["Ana López"])[-2:] == ["keep_in_touch", "uid"]


def test_csv_settings_in_specs_words(repo: Repo, tmp_path: Path) -> None:
    """week_start was written as the table's "6", not the weekday `config` shows."""
    repo.goals.configure("week_start", "sunday")
    repo.goals.configure("going_cold_days", "45")
    folder = tmp_path / "csv"

    api.export(repo, "csv", folder)

    assert (folder / "settings.csv").read_text(encoding="utf-8").splitlines() == [
        "key,value",
        "going_cold_days,45",
        "week_start,sunday",
    ]


def test_ics_pending_follow_ups_parse_back(repo: Repo, db_path: Path, tmp_path: Path) -> None:
    ana = repo.contacts.add("Ana López")
    raj = repo.contacts.add("Raj Patel")
    campaign = repo.campaigns.add("Platform Engineer", "Acme", opened_on=TODAY - timedelta(30))
    pending = repo.activity.log([ana.id], on=TODAY - timedelta(2), kind="in_person",
                                   campaign_id=campaign.id, follow_up_on=TODAY + timedelta(3),
                                   note="send the <b>deck</b>; ask about [bold]team[/]")  # fmt: skip
    overdue = repo.activity.log([raj.id], on=TODAY - timedelta(9), kind="email",
                                   follow_up_on=TODAY - timedelta(1))  # fmt: skip
    done = repo.activity.log([ana.id, raj.id], on=TODAY - timedelta(9), kind="call",
                                follow_up_on=TODAY - timedelta(5))  # fmt: skip
    repo.activity.mark_follow_up_done(done.id, on=TODAY - timedelta(6))
    out = tmp_path / "follow-ups.ics"

    assert api.export(repo, "ics", out) == f"exported 2 pending follow-up(s) to {out}"

    calendar = Calendar.from_ical(out.read_bytes())
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    with closing(sqlite3.connect(db_path)) as connection:
        uid_of = dict(connection.execute('SELECT "id", "uid" FROM "interaction"').fetchall())
    # each the interaction's own uid: the id alone was the same in every database
    assert set(events) == {f"follow-up-{uid_of[i.id]}@netrack" for i in (pending, overdue)}
    event = events[f"follow-up-{uid_of[pending.id]}@netrack"]
    assert event.decoded("DTSTART") == TODAY + timedelta(3)
    assert event.decoded("DTEND") == TODAY + timedelta(4)
    assert str(event["SUMMARY"]) == "Follow up: Ana López"
    description = str(event["DESCRIPTION"])
    assert "With: Ana López" in description
    assert "Campaign: Acme Platform Engineer" in description
    assert "Note: send the <b>deck</b>; ask about [bold]team[/]" in description
    assert out.stat().st_mode & 0o777 == 0o600
    # the same follow-up keeps its UID in the next export
    again = tmp_path / "again.ics"
    api.export(repo, "ics", again)
    uids = {str(e["UID"]) for e in Calendar.from_ical(again.read_bytes()).walk("VEVENT")}
    assert uids == set(events)


def test_cli_default_export_names(run_cli, tmp_path: Path, db_path: Path) -> None:
    assert run_cli("contact", "add", "Ana López", db=db_path).returncode == 0
    for fmt, name in (("vcard", "netrack-contacts-2026-11-25.vcf"),
                      ("csv", "netrack-csv-2026-11-25")):  # fmt: skip
        done = run_cli("export", fmt, db=db_path, cwd=tmp_path)
        assert done.returncode == 0, done.stderr
        assert (tmp_path / name).exists()


def test_ics_with_no_pending_follow_up_writes_a_valid_calendar_with_no_event(
    run_cli, tmp_path: Path, db_path: Path
) -> None:
    """A VCALENDAR needs a component (RFC 5545, 3.6): a UTC VTIMEZONE, which calendar apps
    show nothing for. No file was written at all, so a subscribed calendar refreshed with
    --force kept showing follow-ups done since."""
    assert run_cli("contact", "add", "Ana", db=db_path).returncode == 0
    logged = run_cli("log", "--with", "Ana", "--follow-up", "2026-12-01", db=db_path)
    assert logged.returncode == 0, logged.stderr
    out = tmp_path / "cal.ics"
    assert run_cli("export", "ics", "--out", out, db=db_path).returncode == 0
    assert len(Calendar.from_ical(out.read_bytes()).walk("VEVENT")) == 1
    assert run_cli("followup", "done", "Ana", db=db_path).returncode == 0

    done = run_cli("export", "ics", "--out", out, "--force", db=db_path)

    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == f"exported 0 pending follow-up(s) to {out}\n"
    calendar = Calendar.from_ical(out.read_bytes())
    assert calendar.walk("VEVENT") == []
    (zone,) = calendar.walk("VTIMEZONE")
    assert zone["TZID"] == "UTC"
    (standard,) = zone.walk("STANDARD")
    assert b"DTSTART:19700101T000000\r\n" in standard.to_ical()
    assert b"TZOFFSETFROM:+0000\r\nTZOFFSETTO:+0000\r\n" in standard.to_ical()
    refused = run_cli("export", "ics", "--out", out, db=db_path)
    assert refused.returncode == 2 and "already exists" in refused.stderr
    piped = run_cli("export", "ics", "--out", "-", db=db_path)
    assert piped.returncode == 0 and "BEGIN:VTIMEZONE" in piped.stdout
    assert "VEVENT" not in piped.stdout
    assert piped.stderr == "exported 0 pending follow-up(s) to standard output\n"
