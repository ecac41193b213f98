"""PostgreSQL beyond the shared test suites: the driver missing, moving a history between
engines, backups, doctor, credentials, and other processes' writes seen (NOTIFY)."""

from __future__ import annotations

import contextlib
import json
import os
import re
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from netrack import cli
from netrack.data import migrations
from netrack.data import tables as tables_module
from netrack.data.migrations import latest
from netrack.data.repo import Repo
from netrack.data.server import ServerAddress
from tests import pg, pgserver

from .helpers import TODAY, env

pytestmark = pytest.mark.postgresql
DAY = date.fromisoformat(TODAY)


@pytest.fixture
def url() -> Iterator[str]:
    """An empty server database (no schema yet), dropped after the test."""
    made = pg.fresh_database(None)
    yield made
    pg.drop_database(made)


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setattr("netrack.locations.data_dir", lambda: folder)
    return folder


@contextlib.contextmanager
def role_on(url: str, kind: str, *grants: str) -> Iterator[tuple[str, str]]:
    """A login role of its own on the database at `url` (name, URL to use it), given
    `grants` ("GRANT … TO {role}"), dropped after with what it owns (reassigned)."""
    role = f"{kind}_{os.getpid()}_{ServerAddress(url).dbname}".lower()
    pg.sql(url, f'CREATE ROLE "{role}" LOGIN')
    try:
        pg.sql(url, f'GRANT USAGE ON SCHEMA public TO "{role}"')
        for grant in grants:
            pg.sql(url, grant.format(role=f'"{role}"'))
        yield role, url.replace("netrack_test@", f"{role}@", 1)
    finally:
        pg.sql(url, f'REASSIGN OWNED BY "{role}" TO netrack_test')
        pg.sql(url, f'DROP OWNED BY "{role}"')
        pg.sql(url, f'DROP ROLE "{role}"')


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_without_the_driver_a_server_url_is_one_line_naming_the_extra(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)  # `import psycopg` fails
    monkeypatch.setenv("NETRACK_TODAY", TODAY)
    code, out, err = run(capsys, "scorecard", "--db", "postgresql://me@db.example/netrack")
    assert code == 2 and out == ""
    assert err == (
        "netrack: PostgreSQL needs its driver: pip install 'netrack[postgres]' "
        "(then run the command again)\n"
    )


def test_a_history_moves_to_the_server_and_back_identical(
    url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NETRACK_TODAY", TODAY)
    laptop, back = tmp_path / "laptop.db", tmp_path / "back.db"
    assert run(capsys, "demo", "--no-tui", "--db", str(laptop))[0] == 0
    first, second, third = (tmp_path / f"{n}.json" for n in ("first", "second", "third"))
    assert run(capsys, "export", "json", "--out", str(first), "--db", str(laptop))[0] == 0
    code, _out, err = run(capsys, "import", "json", str(first), "--db", url)
    assert code == 0, err
    assert run(capsys, "export", "json", "--out", str(second), "--db", url)[0] == 0
    assert second.read_bytes() == first.read_bytes()
    assert run(capsys, "import", "json", str(second), "--db", str(back))[0] == 0
    assert run(capsys, "export", "json", "--out", str(third), "--db", str(back))[0] == 0
    assert third.read_bytes() == first.read_bytes()
    # The same answers: the demo's scorecard, as JSON, on both engines.
    for period in ("week", "month", "quarter", "year"):
        cards = [
            run(capsys, "scorecard", "--period", period, "--format", "json", "--db", where)
            for where in (str(laptop), url)
        ]
        assert cards[0][0] == 0 and cards[0] == cards[1]
        assert json.loads(cards[0][1])


def test_backup_writes_a_json_export_and_restore_reads_it(
    url: str, data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NETRACK_TODAY", TODAY)
    assert run(capsys, "contact", "add", "Ana Lima", "--org", "Acme", "--db", url)[0] == 0
    assert run(capsys, "log", "@ana 30m coffee", "--db", url)[0] == 0
    code, out, err = run(capsys, "backup", "--db", url)
    assert code == 0, err
    (copy,) = (data_dir / "backups").glob("*.json")
    assert f" to {copy} (" in out
    assert json.loads(copy.read_text())["format"] == "netrack"
    before = run(capsys, "export", "json", "--out", "-", "--db", url)[1]
    assert run(capsys, "contact", "add", "Raj Patel", "--db", url)[0] == 0
    code, out, err = run(capsys, "restore", str(copy), "--db", url)
    assert code == 0, err
    saved = Path(out.split("the previous data is saved as ")[1].strip())
    assert saved.parent == copy.parent and saved.name.endswith("-before-restore.json")
    assert run(capsys, "export", "json", "--out", "-", "--db", url)[1] == before


def test_the_next_server_backup_out_removes_a_killed_ones_temporary_file(
    url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A killed `backup --out FILE` of a server database left its cut-off JSON under a
    hidden `.tmp` name for good; the next one to FILE removes it, as an export does."""
    monkeypatch.setenv("NETRACK_TODAY", TODAY)
    assert run(capsys, "contact", "add", "Ana Lima", "--db", url)[0] == 0
    hour_ago = time.time() - 3600
    killed, live = tmp_path / ".pg.json.i6txl7w4.tmp", tmp_path / ".pg.json.fr3sh_ab.tmp"
    for left in (killed, live):
        left.write_bytes(b'{"format": "netrack", "contacts": [{"na')
    os.utime(killed, (hour_ago, hour_ago))

    code, out, err = run(capsys, "backup", "--out", str(tmp_path / "pg.json"), "--db", url)

    assert code == 0, err
    assert out.startswith(f"backed up {ServerAddress(url)} to {tmp_path / 'pg.json'} (")
    assert out.endswith(" KiB, JSON export)\n")
    assert not killed.exists() and live.exists()  # the live one may still be written


def test_a_server_backup_never_replaces_a_sqlite_file_a_files_backup_still_does(
    url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A server's backup is its JSON export: `--force` wrote it over a laptop's netrack
    database (exit 0), where `export json` refuses that file (a sweep)."""
    monkeypatch.setenv("NETRACK_TODAY", TODAY)
    laptop = tmp_path / "laptop.db"
    assert run(capsys, "contact", "add", "Ana Lima", "--db", str(laptop))[0] == 0
    assert run(capsys, "contact", "add", "Raj Patel", "--db", url)[0] == 0
    kept = laptop.read_bytes()
    code, out, err = run(capsys, "backup", "--out", str(laptop), "--force", "--db", url)
    assert (code, out) == (2, "")
    assert err == (
        f"netrack: {laptop} is a SQLite database (a backup, or another database): an "
        "export never replaces one; choose another path\n"
    )
    assert laptop.read_bytes() == kept
    # A file's backup is itself a SQLite database: it still replaces one when asked.
    other = tmp_path / "other.db"
    assert run(capsys, "contact", "add", "Mei Chen", "--db", str(other))[0] == 0
    code, _out, err = run(capsys, "backup", "--out", str(laptop), "--force", "--db", str(other))
    assert code == 0, err
    listed = run(capsys, "contact", "list", "--db", str(laptop))[1]
    assert "Mei Chen" in listed and "Ana Lima" not in listed


def test_a_server_backup_to_a_pipe_is_refused_as_the_json_export_it_is(
    url: str, data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    """`backup --out -` on a server said "a backup is a database file": a server's backup
    is a JSON export (SPEC), which `export json --out -` sends to standard output."""
    monkeypatch.setenv("NETRACK_TODAY", TODAY)
    assert run(capsys, "contact", "add", "Ana Lima", "--db", url)[0] == 0
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    for out in ("-", str(fifo)):
        assert run(capsys, "backup", "--out", out, "--db", url) == (
            2,
            "",
            "netrack: a server's backup is a JSON export kept as a file: give --out FILE, "
            "not a pipe (netrack export json --out - sends the same export to standard "
            "output)\n",
        )
    assert not (data_dir / "backups").exists()
    code, out, _err = run(capsys, "export", "json", "--out", "-", "--db", url)
    assert code == 0 and json.loads(out)["format"] == "netrack"


def test_a_merge_on_the_server_names_its_copy_as_a_file_s_is(
    url: str, data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file's copy before a merge is `…-before-merge.db`; a server's was a plain
    timestamp, like any `backup`, and could not be told apart in the folder."""
    monkeypatch.setenv("NETRACK_TODAY", TODAY)
    for name in ("Ana Lima", "Ana L."):
        assert run(capsys, "contact", "add", name, "--db", url)[0] == 0
    code, out, err = run(capsys, "contact", "merge", "Ana Lima", "Ana L.", "--db", url)
    assert code == 0, err
    (copy,) = (data_dir / "backups").glob("*.json")
    assert copy.name.endswith("-before-merge.json")
    assert out.rstrip().endswith(f"backup: {copy}")
    assert [c["name"] for c in json.loads(copy.read_text())["contacts"]] == ["Ana Lima", "Ana L."]


def test_a_restore_on_the_server_copies_under_the_lock_it_replaces_with(
    url: str, data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The safety export was written before the write lock was taken: a `log` saved
    between the two said "logged" and was in neither the export nor the restored data
    (a sweep: 1 of 60 beside 8 restores)."""
    import psycopg

    from netrack.data.server import WRITE_LOCK
    from netrack.interop import api

    monkeypatch.setenv("NETRACK_TODAY", TODAY)
    assert run(capsys, "contact", "add", "Ana Lima", "--db", url)[0] == 0
    assert run(capsys, "backup", "--db", url)[0] == 0
    (copy,) = (data_dir / "backups").glob("*.json")
    made = api.backup_server_file
    free: list[bool] = []

    def export_then_try_the_lock(repo: Repo, reason: str = "") -> Path:
        written = made(repo, reason)
        with psycopg.connect(url, autocommit=True) as other:  # another netrack, meanwhile
            row = other.execute("SELECT pg_try_advisory_lock(%s)", (WRITE_LOCK,)).fetchone()
            got = bool(row and row[0])
            if got:
                other.execute("SELECT pg_advisory_unlock(%s)", (WRITE_LOCK,))
            free.append(got)
        return written

    monkeypatch.setattr(api, "backup_server_file", export_then_try_the_lock)
    code, _out, err = run(capsys, "restore", str(copy), "--db", url)
    assert code == 0, err
    assert free == [False]  # nobody could write between the copy and the restore


def test_restore_on_the_server_reads_a_sqlite_backup_file(
    url: str, data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    """A user moving to a server brings the last backup of their file."""
    monkeypatch.setenv("NETRACK_TODAY", TODAY)
    laptop, copy = tmp_path / "laptop.db", tmp_path / "laptop-backup.db"
    assert run(capsys, "demo", "--no-tui", "--db", str(laptop))[0] == 0
    assert run(capsys, "backup", "--out", str(copy), "--db", str(laptop))[0] == 0
    assert run(capsys, "contact", "add", "Raj Patel", "--db", url)[0] == 0
    backup_bytes = copy.read_bytes()

    code, out, err = run(capsys, "restore", str(copy), "--db", url)

    assert code == 0, err
    (saved,) = (data_dir / "backups").glob("*.json")
    assert out == (
        f"restored {ServerAddress(url)} from {copy} (a SQLite backup, schema {migrations.latest()}); "
        f"the previous data is saved as {saved}\n"
    )
    exports = [
        run(capsys, "export", "json", "--out", "-", "--db", where)[1]
        for where in (str(laptop), url)
    ]
    assert exports[0] == exports[1] and json.loads(exports[0])["contacts"]
    assert copy.read_bytes() == backup_bytes  # only ever read


@pytest.mark.parametrize(
    "content", [b"\x89PNG\r\n\x1a\n not a backup", b"name,email\nAna,ana@example.com\n", b""]
)
def test_restore_on_the_server_refuses_a_file_that_is_neither_in_one_line(
    url: str, data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch, content: bytes,
) -> None:  # fmt: skip
    monkeypatch.setenv("NETRACK_TODAY", TODAY)
    assert run(capsys, "contact", "add", "Raj Patel", "--db", url)[0] == 0
    before = pg.dump(url)
    odd = tmp_path / "odd.bin"
    odd.write_bytes(content)

    code, out, err = run(capsys, "restore", str(odd), "--db", url)

    assert (code, out) == (2, "")
    assert err == (
        f"netrack: {odd} is neither a netrack backup file (SQLite) nor a JSON export; "
        "restore reads one of those\n"
    )
    assert pg.dump(url) == before
    assert not (data_dir / "backups").exists()


def test_a_restore_that_cannot_happen_makes_no_safety_copy(
    url: str, data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    """A file cut short was refused after the server's data had been saved as a backup,
    which doctor then called the last one."""
    monkeypatch.setenv("NETRACK_TODAY", TODAY)
    assert run(capsys, "contact", "add", "Raj Patel", "--db", url)[0] == 0
    whole = tmp_path / "raj.json"
    assert run(capsys, "export", "json", "--out", str(whole), "--db", url)[0] == 0
    cut = tmp_path / "cut.json"
    cut.write_bytes(whole.read_bytes()[: len(whole.read_bytes()) // 2])
    before = pg.dump(url)

    code, out, err = run(capsys, "restore", str(cut), "--db", url)

    assert (code, out) == (2, "") and "not valid JSON" in err
    assert pg.dump(url) == before
    assert not (data_dir / "backups").exists()

    # A role that may read, not write: refused before the copy it could only waste.
    reader = f"reader_{ServerAddress(url).dbname}"
    pg._admin(f'CREATE ROLE "{reader}" LOGIN')
    try:
        pg.sql(url, f'GRANT SELECT ON ALL TABLES IN SCHEMA public TO "{reader}"')
        as_reader = url.replace(f"//{ServerAddress(url).user}@", f"//{reader}@", 1)
        code, out, err = run(capsys, "restore", str(whole), "--db", as_reader)
        assert (code, out) == (2, "")
        assert f"role {reader} cannot write in" in err and "nothing was restored" in err
        assert pg.dump(url) == before
        assert not (data_dir / "backups").exists()
    finally:
        pg.sql(url, f'REVOKE ALL ON ALL TABLES IN SCHEMA public FROM "{reader}"')
        pg._admin(f'DROP OWNED BY "{reader}"')
        pg._admin(f'DROP ROLE "{reader}"')


def test_restore_on_the_server_is_all_or_nothing_when_a_record_is_refused(
    url: str, data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    """A restore skipped what `import json` skips, silently, once the old data was gone."""
    monkeypatch.setenv("NETRACK_TODAY", TODAY)
    for argv in (("contact", "add", "Ana Lima"), ("log", "@ana 30m lunch")):
        assert run(capsys, *argv, "--db", url)[0] == 0
    export = tmp_path / "export.json"
    assert run(capsys, "export", "json", "--out", str(export), "--db", url)[0] == 0
    doc = json.loads(export.read_text(encoding="utf-8"))
    doc["interactions"][0]["cost"] = 999999999.995  # a billion, once in whole cents
    export.write_text(json.dumps(doc), encoding="utf-8")
    assert run(capsys, "contact", "add", "Raj Patel", "--db", url)[0] == 0
    before = pg.dump(url)

    code, out, err = run(capsys, "restore", str(export), "--db", url)

    assert (code, out) == (2, "")
    assert err == (
        f"netrack: {export} holds 1 record netrack refuses, first interactions[0].cost: "
        "cost must be from 0 to less than 1,000,000,000, not 999999999.995; nothing was "
        "restored (import json brings in the rest and lists them)\n"
    )
    assert pg.dump(url) == before
    # Nor a copy of the data that stayed: each refused attempt left one more file
    assert not list(data_dir.rglob("*-before-restore.json"))


def test_restore_on_the_server_refuses_a_damaged_sqlite_backup_and_writes_nothing(
    url: str, data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    monkeypatch.setenv("NETRACK_TODAY", TODAY)
    assert run(capsys, "contact", "add", "Raj Patel", "--db", url)[0] == 0
    before = pg.dump(url)
    other = tmp_path / "other.db"
    connection = sqlite3.connect(other)
    connection.execute("CREATE TABLE notes (body TEXT)")
    connection.close()

    code, out, err = run(capsys, "restore", str(other), "--db", url)

    assert (code, out) == (2, "")
    assert err == f"netrack: {other} is a SQLite file but not a netrack database\n"
    assert pg.dump(url) == before


def test_demo_force_keeps_the_previous_data_as_a_json_export(
    url: str, data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """It took a SQLite online copy of the server's handle (a crash, AttributeError).
    The copy is named for its reason, as a file's is (`…-before-demo`)."""
    monkeypatch.setenv("NETRACK_TODAY", TODAY)
    assert run(capsys, "contact", "add", "Ana Lima", "--db", url)[0] == 0
    code, _out, err = run(capsys, "demo", "--force", "--no-tui", "--db", url)
    assert code == 0, err
    (copy,) = (data_dir / "backups").glob("*.json")
    assert copy.name.endswith("-before-demo.json")
    assert err.startswith(f"demo data in {ServerAddress(url)}: 42 contacts, ")
    assert f"; the previous data is saved as {copy}" in err
    saved = json.loads(copy.read_text())
    assert [c["name"] for c in saved["contacts"]] == ["Ana Lima"]


def test_demo_force_by_a_role_that_only_reads_is_refused_before_its_copy(
    url: str, data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """It saved the data as a `…-before-demo.json` (one more on each try, which doctor
    called the last backup), then failed on "permission denied for table goal"."""
    monkeypatch.setenv("NETRACK_TODAY", TODAY)
    assert run(capsys, "contact", "add", "Ana Lima", "--db", url)[0] == 0
    before = pg.dump(url)
    with role_on(url, "reader", "GRANT SELECT ON ALL TABLES IN SCHEMA public TO {role}") as (
        reader,
        as_reader,
    ):
        code, out, err = run(capsys, "demo", "--force", "--no-tui", "--db", as_reader)
        assert (code, out) == (2, "")
        assert err == (
            f"netrack: role {reader} cannot write in {ServerAddress(as_reader)}: no demo data "
            "was written; ask the server's owner for INSERT, UPDATE and DELETE on netrack's "
            "tables\n"
        )
    assert pg.dump(url) == before
    assert not (data_dir / "backups").exists()


def test_doctor_reports_server_schema_sizes_and_the_role(
    url: str, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Each table's line in the one column of doctor's values, its figures aligned: a
    table's name was the label (`strength_change: 48 rows, 40 kB` out of line with
    `setting:      1 rows, 32 kB`), and one row was "1 rows"."""
    Repo.open(ServerAddress(url), clock=lambda: DAY).close()
    assert run(capsys, "contact", "add", "Ana Lima", "--db", url)[0] == 0
    code, out, err = run(capsys, "doctor", "--db", url)
    assert code == 0, err
    lines = out.splitlines()
    assert lines[1].startswith("server:       PostgreSQL ")
    assert lines[2] == f"schema:       version {migrations.latest()} (current)"
    tables = [line for line in lines if line.startswith("table:")]
    assert len(tables) == len(tables_module.ALL_TABLES)
    width = max(len(model._meta.table_name) for model in tables_module.ALL_TABLES)
    for line in lines[:-1]:  # every value from the same column on
        assert line[13] == " " and line[14] != " ", line
    assert len({len(line) for line in tables}) == 1, tables  # figures right-aligned
    assert re.fullmatch(rf"table: {{8}}{'contact':<{width}}  1 row   +\d+\.\d KiB", tables[2])
    assert re.fullmatch(rf"table: {{8}}{'goal':<{width}}  4 rows  +\d+\.\d KiB", tables[-1])
    assert re.search(r"  0 rows  ", "\n".join(tables))
    assert "role:         netrack_test can write" in out
    assert out.rstrip().endswith("all good")


@pytest.mark.parametrize(
    ("change", "found"),
    [
        ("DROP TABLE referral CASCADE", "table referral is missing"),
        ("ALTER TABLE interaction DROP COLUMN note", "table interaction: column note is missing"),
        ("ALTER TABLE contact ADD COLUMN age integer", "table contact: unexpected column age"),
        ("DROP TRIGGER contact_next_id ON contact", "table contact: the trigger that numbers"),
        ("DROP TRIGGER follow_up_set ON interaction", "trigger follow_up_set is missing"),
        ("DROP INDEX interaction_contact_on", "index interaction_contact_on is missing"),
        ("CREATE TABLE notes (body text)", "unexpected table notes"),
    ],
)
def test_doctor_finds_a_schema_that_is_not_netracks(
    url: str, data_dir: Path, capsys: pytest.CaptureFixture[str], change: str, found: str
) -> None:
    """It said "all good" with a table, a column or a trigger gone."""
    Repo.open(ServerAddress(url), clock=lambda: DAY).close()
    pg.sql(url, change)
    code, out, _err = run(capsys, "doctor", "--db", url)
    assert code == 2
    (line,) = [line for line in out.splitlines() if "the schema is not netrack's" in line]
    assert f"the schema is not netrack's for version {migrations.latest()}: {found}" in line


def test_doctor_finds_a_change_into_the_stage_the_campaign_was_in(
    url: str, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """As on a file: an older `import json` stored target → target on a merge."""
    repo = Repo.open(ServerAddress(url), clock=lambda: DAY)
    campaign = repo.campaigns.add("Eng", "Acme", opened_on=DAY)
    repo.close()
    pg.sql(
        url,
        'INSERT INTO stage_change (campaign_id, from_stage, to_stage, "on", note, reason) '
        f"VALUES ({campaign.id}, 'research', 'research', '{DAY}', '', '')",
    )
    code, out, _err = run(capsys, "doctor", "--db", url)
    assert code == 2
    assert (
        "problem:      1 stage change goes into the stage the campaign already was in "
        f"(campaign ids {campaign.id}), which no command records;"
    ) in out


def test_doctor_names_two_strength_changes_one_day_and_fix_keeps_the_days_last(
    url: str, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """As on a file: a day's earlier strength change is named, and `--fix` removes it."""
    repo = Repo.open(ServerAddress(url), clock=lambda: DAY)
    ana = repo.contacts.add("Ana", strength=3, met_on=DAY)
    repo.close()
    pg.sql(
        url,
        f"INSERT INTO strength_change (contact_id, \"on\", strength) VALUES ({ana.id}, '{DAY}', 4)",
    )
    code, out, _err = run(capsys, "doctor", "--db", url)
    assert code == 2
    assert (
        "problem:      1 strength change is followed by another of the same contact on the "
        f"same day (contact ids {ana.id}), which no command records;"
    ) in out
    code, out, _err = run(capsys, "doctor", "--fix", "--db", url)
    assert "fixed:        removed 1 strength change followed by another the same day" in out
    repo = Repo.open(ServerAddress(url), clock=lambda: DAY)
    assert [(h.on, h.strength) for h in repo.contacts.strength_history(ana.id)] == [(DAY, 4)]
    repo.close()


def test_doctor_warns_of_a_follow_up_done_after_today(
    url: str, data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """As on a file: a follow-up done later than `import json` keeps is a warning."""
    repo = Repo.open(ServerAddress(url), clock=lambda: DAY)
    ana = repo.contacts.add("Ana", met_on=DAY)
    logged = repo.activity.log([ana.id], on=DAY, kind="call", follow_up_on=date(2026, 11, 30))
    repo.close()
    pg.sql(url, f"UPDATE interaction SET follow_up_done_on = '2026-12-01' WHERE id = {logged.id}")
    monkeypatch.setenv("NETRACK_TODAY", TODAY)
    code, out, _err = run(capsys, "doctor", "--db", url)
    assert code == 0, out
    assert (
        "warning:      1 follow-up is marked done after today (2026-11-27) by more than the "
        f"2 days a time zone ahead explains (interaction {logged.id}, done 2026-12-01), "
    ) in out


@pytest.mark.parametrize(
    ("change", "plan"),
    [
        ("DROP TRIGGER follow_up_set ON interaction", "create trigger follow_up_set"),
        (
            "DROP TRIGGER contact_next_id ON contact",
            "create the trigger that numbers contact's rows",
        ),
        ("DROP TRIGGER goal_new_next_id ON goal", "create the trigger that numbers goal's rows"),
        ("DROP INDEX interaction_contact_on", "create index interaction_contact_on"),
        (
            "CREATE FUNCTION audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN "
            "NULL; END $$; CREATE TRIGGER my_audit AFTER INSERT ON contact FOR EACH ROW "
            "EXECUTE FUNCTION audit()",
            "drop trigger my_audit",
        ),
        ("CREATE UNIQUE INDEX my_email ON contact (email)", "drop index my_email"),
    ],
)
def test_doctor_fix_makes_a_servers_triggers_and_indexes_netracks_again(
    url: str, data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch, change: str, plan: str,
) -> None:  # fmt: skip
    """With a trigger gone every command refused the database, `export` and `backup`
    included, and the advice was to restore a backup it could not make."""
    monkeypatch.setenv("NETRACK_TODAY", TODAY)
    assert run(capsys, "contact", "add", "Raj Patel", "--db", url)[0] == 0
    pg.sql(url, change)

    code, out, _err = run(capsys, "doctor", "--db", url)
    assert code == 2
    assert f"`netrack doctor --fix` makes its indexes and triggers netrack's again ({plan})" in out
    code, out, err = run(capsys, "doctor", "--fix", "--db", url)
    assert code == 0, out + err
    done = plan.replace("create", "created").replace("drop", "dropped")
    assert f"fixed:        made the indexes and triggers netrack's again: {done}" in out
    assert out.rstrip().endswith("all good")
    assert not pg.sql(url, "SELECT 1 FROM pg_namespace WHERE nspname LIKE 'netrack_mend%%'")

    export = tmp_path / "out.json"
    assert run(capsys, "export", "json", "--out", str(export), "--db", url)[0] == 0
    assert [c["name"] for c in json.loads(export.read_text())["contacts"]] == ["Raj Patel"]
    assert run(capsys, "contact", "add", "Mia Chen", "--db", url)[0] == 0
    assert run(capsys, "doctor", "--db", url)[1].rstrip().endswith("all good")


def test_a_missing_trigger_is_named_with_the_fix_on_open_and_its_work_is_redone(
    url: str, data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """What another program wrote while a trigger was gone is brought up to date: a
    later touch closes the follow-up it would have closed."""
    monkeypatch.setenv("NETRACK_TODAY", TODAY)
    assert run(capsys, "contact", "add", "Raj Patel", "--db", url)[0] == 0
    log = ("log", "--with", "Raj Patel", "--kind", "call", "--on", "2026-11-20")
    assert run(capsys, *log, "--follow-up", "2026-11-26", "--db", url)[0] == 0
    pg.sql(url, "DROP TRIGGER follow_up_close_on_insert ON interaction_contact")
    pg.sql(
        url,
        "CREATE TEMP TABLE later AS SELECT * FROM interaction; "
        "UPDATE later SET id = 99, uid = md5('later'), \"on\" = '2026-11-24', "
        "follow_up_on = NULL; "
        "INSERT INTO interaction SELECT * FROM later; "
        'INSERT INTO interaction_contact (interaction_id, contact_id, "on") '
        "SELECT 99, contact_id, '2026-11-24' FROM interaction_contact",
    )

    code, _out, err = run(capsys, "followup", "list", "--db", url)
    assert code == 2
    assert "trigger follow_up_close_on_insert is missing; it was left untouched; " in err
    assert err.rstrip().endswith(
        "`netrack doctor --fix` makes its indexes and triggers netrack's again"
    )
    assert run(capsys, "doctor", "--fix", "--db", url)[0] == 0
    closed = pg.sql(url, "SELECT follow_up_closed_on FROM interaction WHERE id <> 99")
    assert closed == [(date(2026, 11, 24),)]


def test_doctor_fix_works_a_servers_folded_names_out_again(
    url: str, data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A contact renamed by another program while schema 19's trigger was gone kept the
    key of its old name, and no log could find it by the new one: `--fix` makes the
    trigger again and works every key out from the names."""
    monkeypatch.setenv("NETRACK_TODAY", TODAY)
    assert run(capsys, "contact", "add", "Raj Patel", "--db", url)[0] == 0
    pg.sql(url, "DROP TRIGGER contact_name_key_stale ON contact")
    pg.sql(url, "UPDATE contact SET name = 'Zoë Novák' WHERE name = 'Raj Patel'")
    assert pg.sql(url, "SELECT name, name_key FROM contact") == [("Zoë Novák", "raj patel")]

    code, out, err = run(capsys, "doctor", "--fix", "--db", url)
    assert code == 0, out + err
    assert "created trigger contact_name_key_stale" in out
    assert pg.sql(url, "SELECT name, name_key FROM contact") == [("Zoë Novák", "zoe novak")]
    assert run(capsys, "log", "@novak 20m", "--db", url)[0] == 0
    pg.sql(url, "UPDATE contact SET name = 'Raj Patel'")  # the trigger is back
    assert pg.sql(url, "SELECT name, name_key FROM contact") == [("Raj Patel", None)]


@pytest.mark.parametrize(
    ("change", "advice"),
    [
        ('DROP INDEX "contact_name"', "`netrack doctor --fix` makes its indexes and triggers"),
        ("ALTER TABLE contact ADD COLUMN age integer", "restore a backup into a new, empty"),
    ],
)
def test_a_restore_into_a_schema_not_netracks_says_where_to_restore_instead(
    url: str, data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch, change: str, advice: str,
) -> None:  # fmt: skip
    """`doctor` said to restore a backup; a restore "succeeded" with the index still
    gone, and doctor said it again: a loop with no way out. An index or a trigger
    `doctor --fix` makes again; other changes need a new database."""
    monkeypatch.setenv("NETRACK_TODAY", TODAY)
    assert run(capsys, "contact", "add", "Raj Patel", "--db", url)[0] == 0
    export = tmp_path / "raj.json"
    assert run(capsys, "export", "json", "--out", str(export), "--db", url)[0] == 0
    pg.sql(url, change)
    before = pg.dump(url)

    code, out, err = run(capsys, "restore", str(export), "--db", url)

    assert (code, out) == (2, "")
    assert "a restore replaces its rows, not its tables; nothing was restored" in err
    assert advice in err
    assert pg.dump(url) == before
    doctor = run(capsys, "doctor", "--db", url)[1]
    assert advice in doctor


def test_a_database_made_when_cents_were_32_bit_is_widened_on_open(
    url: str, data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Server databases made before the cost column was BIGINT refused costs over
    ~$21.5M ("integer out of range")."""
    monkeypatch.setenv("NETRACK_TODAY", TODAY)
    assert run(capsys, "contact", "add", "Ana Lima", "--db", url)[0] == 0
    pg.sql(url, "ALTER TABLE interaction ALTER COLUMN cost_cents TYPE integer")

    code, _out, err = run(capsys, "log", "@ana $30000000", "--db", url)

    assert code == 0, err
    assert pg.sql(url, "SELECT cost_cents FROM interaction") == [(3_000_000_000,)]
    kind = "SELECT data_type FROM information_schema.columns WHERE column_name = 'cost_cents'"
    assert pg.sql(url, kind) == [("bigint",)]


def test_doctor_on_a_new_empty_database_sees_a_role_that_can_make_its_tables(
    url: str, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """No table yet, no privilege to ask about: it said "cannot write", a problem."""
    code, out, err = run(capsys, "doctor", "--db", url)
    assert code == 0, err
    assert "role:         netrack_test can write" in out
    assert "schema:       version 0 (this netrack writes " in out


def test_a_role_without_create_on_the_schema_is_told_that_not_table_grants(
    url: str, data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """In a new database whose schema it may not create in (PostgreSQL 15's default for
    a database the role does not own), doctor advised grants on tables that do not
    exist and promised an upgrade that could not happen; `log` said "permission denied
    for schema public" without naming CREATE."""
    monkeypatch.setenv("NETRACK_TODAY", TODAY)
    with role_on(url, "nocreate") as (role, theirs):
        code, out, err = run(capsys, "doctor", "--db", theirs)
        assert code == 2
        assert f"role:         {role} cannot write" in out
        assert "upgraded when netrack next opens it, once it can write there" in out
        assert "INSERT, UPDATE and DELETE" not in out
        assert (
            f"problem:      role {role} may not create netrack's tables in schema public of "
            f'{ServerAddress(theirs)}: ask the server\'s owner for CREATE on it (GRANT CREATE ON SCHEMA "public" TO "{role}"), or use a database the role owns'
        ) in out
        code, out, err = run(capsys, "log", "@ana hello", "--db", theirs)
        assert (code, out) == (2, "") and err.count("\n") == 1
        assert err.startswith(f"netrack: role {role} may not create netrack's tables in ")
        assert "GRANT CREATE ON SCHEMA" in err
    assert pg.sql(url, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'") == [(0,)]


def test_a_read_only_database_is_said_read_only_not_a_matter_of_grants(
    url: str, data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    """With `default_transaction_read_only` on for the database, doctor told its owner to
    ask for table grants and restore said "restore as the database's owner"."""
    monkeypatch.setenv("NETRACK_TODAY", TODAY)
    assert run(capsys, "contact", "add", "Raj Patel", "--db", url)[0] == 0
    export = tmp_path / "raj.json"
    assert run(capsys, "export", "json", "--out", str(export), "--db", url)[0] == 0
    name = ServerAddress(url).dbname
    pg._admin(f'ALTER DATABASE "{name}" SET default_transaction_read_only = on')
    try:
        before = pg.dump(url)
        read_only = (
            f"{ServerAddress(url)} is read-only (default_transaction_read_only is on for "
            "the database)"
        )
        turn_off = (
            "its owner (or a superuser) turns it off: SET default_transaction_read_only = "
            f'off, then ALTER DATABASE "{name}" RESET default_transaction_read_only'
        )
        code, out, err = run(capsys, "doctor", "--db", url)
        assert code == 2
        assert f"problem:      {read_only}: {turn_off}\n" in out
        assert "ask the server's owner for INSERT" not in out

        code, out, err = run(capsys, "restore", str(export), "--db", url)
        assert (code, out) == (2, "")
        assert err == f"netrack: {read_only}: nothing was restored; {turn_off}\n"

        code, out, err = run(capsys, "log", "@raj hello", "--db", url)
        assert (code, out) == (2, "")
        assert err.endswith("(the database is read-only here: netrack doctor says why)\n")
        assert pg.dump(url) == before
        assert not (data_dir / "backups").exists()
    finally:
        pg._admin(f'ALTER DATABASE "{name}" RESET default_transaction_read_only')


@pytest.mark.parametrize("encoding", ["LATIN1", "SQL_ASCII"])
def test_a_database_that_is_not_utf8_is_refused_untouched_in_one_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, encoding: str
) -> None:
    """LATIN1 cannot hold an emoji; SQL_ASCII gave back bytes: internal errors, later."""
    name = f"enc_{encoding.lower()}_{os.getpid()}"
    pg._admin(f'DROP DATABASE IF EXISTS "{name}"')
    pg._admin(f"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING '{encoding}' LOCALE 'C'")
    url = pg.with_database(pg.server_url(), name)
    monkeypatch.setenv("NETRACK_TODAY", TODAY)
    try:
        code, out, err = run(capsys, "contact", "add", "Zoë 😀", "--db", url)
        tables = pg.sql(url, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
    finally:
        pg.drop_database(url)
    assert (code, out) == (2, "")
    assert err == (
        f"netrack: {ServerAddress(url)} is a database in {encoding}, and netrack needs UTF8: "
        f"make it with CREATE DATABASE \"{name}\" ENCODING 'UTF8' TEMPLATE template0\n"
    )
    assert tables == [(0,)]


@pytest.mark.parametrize(
    ("given", "words"),
    [
        ("postgresql://me:hunter@2secret@127.0.0.1:5432/netrack", "cannot be read as it is"),
        ("postgresql://me:hunter?2secret@127.0.0.1:5432/netrack", "cannot be read as it is"),
        ("postgresql://me:hunter#2secret@127.0.0.1:5432/netrack", "cannot be read as it is"),
        ("postgresql://me:hunter/2secret@127.0.0.1:5432/netrack", "cannot be read as it is"),
        # digits then `/`: read as a host and a port by both, the rest as the database
        ("postgresql://me:1234/2secret@127.0.0.1:5432/netrack", "cannot be read as it is"),
        ("postgresql://me:99/2secret?y@127.0.0.1:5432/netrack", "cannot be read as it is"),
        # read alike by both, but the password's tail became host and database, shown
        ("postgresql://me:hunter@9x/2secret@127.0.0.1:5432/netrack", "cannot be read as it is"),
        ("postgresql://me:hunter@ss/w:rd?#2secret@127.0.0.1:5432/db", "cannot be read as it is"),
        ("postgresql://me:2secret@[::1", "not a PostgreSQL URL netrack can read"),
        ("postgresql://me:2secret@[zz]:5432/db", "not a PostgreSQL URL netrack can read"),
    ],
)
def test_a_url_netrack_cannot_split_is_one_line_without_its_password(
    capsys: pytest.CaptureFixture[str], given: str, words: str
) -> None:
    """An @ or / written plainly in a password: libpq takes another piece for the host
    than Python does, and its message showed a piece of the password."""
    code, out, err = run(capsys, "contact", "list", "--db", given)
    assert (code, out) == (2, "")
    assert words in err and err.count("\n") == 1
    assert "2secret" not in err and "hunter" not in err and "1234" not in err
    assert err.rstrip().endswith("with @ / ? # in a password written %40 %2F %3F %23")


@pytest.mark.parametrize(
    "given",
    [
        "postgresql://me@127.0.0.1:9/db?password=Hunter%41%zz2secret",  # not decodable
        "postgresql://me@127.0.0.1:9/db?password=Sec%00ret2secret",  # a NUL libpq refuses
        "postgresql://me@127.0.0.1:9/db?sslmode=disable&password=a+b2secret%ZZ",
        "postgresql://me:Hunter%zz2secret@127.0.0.1:9/db",
    ],
)
def test_a_password_libpq_echoes_as_written_is_never_shown(
    capsys: pytest.CaptureFixture[str], given: str
) -> None:
    """libpq repeats a password it cannot decode as it was written, `%zz` and `+`
    included: blanking the decoded value alone left it on the screen."""
    code, out, err = run(capsys, "contact", "list", "--db", given)
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and "2secret" not in err and "Hunter" not in err


@pytest.mark.parametrize(
    "given",
    [
        "postgresql://db.example.com/my@db",  # an @ in the database name: libpq's too
        "postgresql://me:p%40ss%2Fw%3F@db.example.com:5432/prod",
        "postgresql://host1:5432,host2:5433/prod",
        "postgresql:///prod?host=/var/run/postgresql",
        "postgresql://[::1]:5432/prod",
    ],
)
def test_urls_libpq_reads_are_taken(given: str) -> None:
    assert str(ServerAddress(given)).startswith("postgresql://")


def test_no_server_at_a_socket_is_said_so_with_the_url_as_given(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A server down over a socket said only "No such file or directory" (read as a
    missing `--out` path), and `postgresql:///db` was shown as `postgresql://localhost/db`,
    TCP, where libpq had tried its default socket."""
    monkeypatch.delenv("PGHOST", raising=False)
    monkeypatch.delenv("PGPORT", raising=False)
    monkeypatch.setenv("NETRACK_TODAY", TODAY)
    empty = tmp_path / "run"  # a socket folder that exists, with no server in it
    empty.mkdir()
    out = tmp_path / "out.json"
    for given, shown, socket in (
        (
            f"postgresql://me:2secret@/db?host={empty}&port=5439",
            f"postgresql://me@/db?host={empty}&port=5439",
            f"{empty}/.s.PGSQL.5439",
        ),
        (
            "postgresql://me@/db?host=/nonexistent-dir&port=5439",
            "postgresql://me@/db?host=/nonexistent-dir&port=5439",
            "/nonexistent-dir/.s.PGSQL.5439",
        ),
        ("postgresql://me:2secret@/db?port=1", "postgresql://me@/db?port=1", "/.s.PGSQL.1"),
    ):
        code, said, err = run(capsys, "export", "json", "--out", str(out), "--db", given)
        assert (code, said) == (2, "") and not out.exists()
        assert err.startswith(f'netrack: cannot use {shown}: no server answers at socket "/')
        assert err.endswith(f'{socket}" (is it running?)\n') and err.count("\n") == 1
        assert "2secret" not in err


def test_a_wrong_password_is_one_line_and_never_shown(url: str) -> None:
    port = parse_qs(urlsplit(url).query)["port"][0]
    name = urlsplit(url).path
    wrong = "Wr0ng-Secret-Pass"
    for given, extra in (
        (f"postgresql://{pgserver.PASSWORD_ROLE}:{wrong}@127.0.0.1:{port}{name}", {}),
        (f"postgresql://{pgserver.PASSWORD_ROLE}@127.0.0.1:{port}{name}", {"PGPASSWORD": wrong}),
    ):
        done = subprocess.run(
            [sys.executable, "-m", "netrack", "scorecard", "--db", given],
            capture_output=True,
            text=True,
            env=env(**extra),
            timeout=60,
        )
        assert done.returncode == 2
        assert done.stdout == ""
        assert wrong not in done.stderr
        assert len(done.stderr.splitlines()) == 1
        assert "password authentication failed" in done.stderr
        assert f"postgresql://{pgserver.PASSWORD_ROLE}@127.0.0.1:{port}{name}" in done.stderr


def test_another_process_write_is_noticed(url: str) -> None:
    repo = Repo.open(ServerAddress(url), clock=lambda: DAY)
    start = repo.data_version()
    repo.contacts.add("Ana Lima")  # this connection's own write: not another's
    assert repo.data_version() == start
    done = subprocess.run(
        [sys.executable, "-m", "netrack", "contact", "add", "Raj Patel", "--db", url],
        capture_output=True,
        text=True,
        env=env(),
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert repo.data_version() > start  # the NOTIFY arrived with the commit
    repo.close()


@pytest.mark.parametrize(
    ("statement", "said"),
    [
        (
            'DROP TRIGGER "follow_up_close_on_insert" ON "interaction_contact"',
            "trigger follow_up_close_on_insert is missing",
        ),
        (
            'DROP TRIGGER "contact_next_id" ON "contact"',
            "table contact: the trigger that numbers its rows is missing",
        ),
    ],
)
def test_a_database_without_its_triggers_is_refused_not_used(
    capsys: pytest.CaptureFixture[str], url: str, statement: str, said: str
) -> None:
    """As a SQLite file whose schema differs is: without the trigger a later touch no
    longer closes a follow-up (or a row goes unnumbered), wrong answers and no error."""
    added = run(capsys, "contact", "add", "Fu Tester", "--db", url)
    assert added[0] == 0, added
    pg.sql(url, statement)
    code, out, err = run(capsys, "log", "@fu #call 10m", "--db", url)
    assert (code, out) == (2, "")
    assert err == (
        f"netrack: {ServerAddress(url)} is not a netrack database (schema {latest()}): {said}; "
        "it was left untouched; `netrack doctor --fix` makes its indexes and triggers "
        "netrack's again\n"
    )
    assert pg.sql(url, 'SELECT count(*) FROM "interaction"') == [(0,)]
    assert said in run(capsys, "doctor", "--db", url)[1]


@pytest.mark.parametrize("owns", [False, True], ids=["a writer", "the tables' owner"])
def test_doctor_reports_a_missing_trigger_to_a_role_that_may_not_mend_it(
    url: str, data_dir: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch, owns: bool,
) -> None:  # fmt: skip
    """A role with its schema's rights but not CREATE on the database (a shared server's
    usual grant): `doctor` failed outright with "permission denied … (the role cannot
    write here)", working out the fix in a scratch schema; every command sent it there.
    A role that may write but does not own the tables is sent to their owner (CREATE
    on the database would not help it)."""
    monkeypatch.setenv("NETRACK_TODAY", TODAY)
    assert run(capsys, "contact", "add", "Raj Patel", "--db", url)[0] == 0
    dbname = ServerAddress(url).dbname
    grants = (
        "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role}",
        f'REVOKE CREATE ON DATABASE "{dbname}" FROM PUBLIC',
    )
    with role_on(url, f"coach{int(owns)}", *grants) as (role, theirs):
        if owns:
            for (table,) in pg.sql(
                url, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
            ):
                pg.sql(url, f'ALTER TABLE "{table}" OWNER TO "{role}"')
        pg.sql(url, "DROP TRIGGER follow_up_set ON interaction")
        needs = (
            "`doctor --fix` needs CREATE on the database (for a scratch schema it removes)"
            if owns
            else "`netrack doctor --fix` is for the role that owns netrack's tables (netrack_test)"
        )

        code, _out, err = run(capsys, "contact", "list", "--db", theirs)
        assert code == 2 and needs in err
        code, out, _err = run(capsys, "doctor", "--db", theirs)
        assert code == 2
        assert "trigger follow_up_set is missing; " + needs in out
        assert out.count("(create trigger follow_up_set)") == 1  # what it would do
        assert f"role:         {role} can write" in out
        code, out, _err = run(capsys, "doctor", "--fix", "--db", theirs)
        assert code == 2 and needs in out and "fixed:" not in out


@pytest.mark.parametrize(
    ("lock", "argv"),
    [
        ("LOCK TABLE interaction IN EXCLUSIVE MODE", ("log", "@ana #call 10m")),
        ("LOCK TABLE contact IN ACCESS EXCLUSIVE MODE", ("contact", "list")),
    ],
)
def test_another_programs_table_lock_is_waited_for_a_bounded_time(
    url: str, data_dir: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch, lock: str, argv: tuple[str, ...],
) -> None:  # fmt: skip
    """The bound covered netrack's own queue only: a LOCK TABLE held by another program
    kept a `log` (and a read) waiting as long as it lasted, 30 s and more."""
    import time

    import psycopg

    monkeypatch.setenv("NETRACK_TODAY", TODAY)
    assert run(capsys, "contact", "add", "Ana López", "--db", url)[0] == 0
    monkeypatch.setattr("netrack.data.db.BUSY_TIMEOUT_S", 1)
    before = pg.dump(url)
    holder = psycopg.connect(url)
    try:
        # Let go by the server after 15 s, should the bound fail: a failure, not a hang.
        holder.execute("SET idle_in_transaction_session_timeout = '15s'")
        holder.execute(lock)
        started = time.monotonic()
        code, out, err = run(capsys, *argv, "--db", url)
        waited = time.monotonic() - started
    finally:
        with contextlib.suppress(psycopg.Error):
            holder.close()
    assert (code, out) == (2, "")
    assert (
        err
        == f"netrack: {ServerAddress(url)} is busy (another program holds the write lock for too long); try again\n"
    )
    assert waited < 10
    assert pg.dump(url) == before


def test_a_refused_read_is_not_said_to_be_a_write(
    url: str, data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A reviewer without SELECT on one table read "permission denied for table
    time_entry (the role cannot write here)" from a read."""
    monkeypatch.setenv("NETRACK_TODAY", TODAY)
    assert run(capsys, "contact", "add", "Raj Patel", "--db", url)[0] == 0
    grants = (
        "GRANT SELECT ON ALL TABLES IN SCHEMA public TO {role}",
        "REVOKE SELECT ON time_entry FROM {role}",
    )
    with role_on(url, "reviewer", *grants) as (_role, theirs):
        assert run(capsys, "contact", "list", "--db", theirs)[0] == 0  # reads what it may
        code, out, err = run(capsys, "time", "list", "--db", theirs)
        assert (code, out) == (2, "")
        assert "permission denied for table time_entry" in err
        assert err.endswith("(the role lacks that privilege: ask the server's owner)\n")


@pytest.mark.parametrize("where", ["PGOPTIONS", "the URL"])
def test_a_clients_own_search_path_stands_and_waits_stay_bounded(
    url: str, data_dir: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch, where: str,
) -> None:  # fmt: skip
    """The lock bound was passed as libpq `options`: it replaced PGOPTIONS (a coach's
    `-csearch_path=client1`), and netrack made its tables in `public`; a URL with
    `options=` kept its search path but lost the bound."""
    import time

    import psycopg

    monkeypatch.setenv("NETRACK_TODAY", TODAY)
    pg.sql(url, "CREATE SCHEMA client1")
    theirs = url
    if where == "PGOPTIONS":
        monkeypatch.setenv("PGOPTIONS", "-csearch_path=client1")
    else:
        theirs = f"{url}&options=-csearch_path%3Dclient1"
    assert run(capsys, "contact", "add", "Ana López", "--db", theirs)[0] == 0
    schemas = pg.sql(
        url, "SELECT table_schema FROM information_schema.tables WHERE table_name = 'contact'"
    )
    assert schemas == [("client1",)]
    monkeypatch.setattr("netrack.data.db.BUSY_TIMEOUT_S", 1)
    holder = psycopg.connect(url)
    try:
        holder.execute("SET idle_in_transaction_session_timeout = '15s'")
        holder.execute("LOCK TABLE client1.contact IN ACCESS EXCLUSIVE MODE")
        started = time.monotonic()
        code, _out, err = run(capsys, "contact", "list", "--db", theirs)
        waited = time.monotonic() - started
    finally:
        with contextlib.suppress(psycopg.Error):
            holder.close()
    assert code == 2 and "is busy" in err and waited < 10
