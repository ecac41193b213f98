"""Item 7: `netrack doctor` reports path, schema, integrity, sizes, last backup and
permissions, changes nothing, and with --fix tightens permissions."""

from __future__ import annotations

import json
import re
import sqlite3
import stat
from pathlib import Path

import pytest

from netrack.data.migrations import latest

from .helpers import TODAY, netrack_in_process, sha256


def test_doctor_reports_everything_and_writes_nothing(populated: Path) -> None:
    assert netrack_in_process("backup", "--db", str(populated)).returncode == 0
    digest = sha256(populated)
    result = netrack_in_process("doctor", "--db", str(populated))
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    assert str(populated) in out
    assert f"version {latest()} (current" in out
    assert "integrity:    ok" in out
    assert "size:" in out and "KiB" in out
    assert "last backup:" in out and "backups/netrack-" in out
    assert "permissions:  netrack.db 0600" in out
    assert out.rstrip().endswith("all good")
    assert sha256(populated) == digest
    # Looking leaves no trace: no -wal or -shm created beside a self-contained file.
    assert sorted(p.name for p in populated.parent.iterdir()) == ["backups", "netrack.db"]


def test_doctor_finds_loose_permissions_and_fixes_them(populated: Path) -> None:
    assert netrack_in_process("backup", "--db", str(populated)).returncode == 0
    (backup,) = (populated.parent / "backups").glob("*.db")
    populated.chmod(0o644)
    backup.chmod(0o644)
    backup.parent.chmod(0o755)
    found = netrack_in_process("doctor", "--db", str(populated))
    assert found.returncode == 2
    assert "0644: others can read it" in found.stdout and "doctor --fix" in found.stdout
    assert re.fullmatch(r"netrack: doctor found \d+ problems \(see above\)", found.stderr.strip())
    fixed = netrack_in_process("doctor", "--fix", "--db", str(populated))
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    assert "is now 0600" in fixed.stdout and "is now 0700" in fixed.stdout
    for path, mode in ((populated, 0o600), (backup, 0o600), (backup.parent, 0o700)):
        assert stat.S_IMODE(path.stat().st_mode) == mode


@pytest.mark.parametrize(
    ("given", "kept"),
    [(0o444, 0o400), (0o404, 0o400), (0o644, 0o600)],
    ids=["0444", "0404", "0644"],
)
def test_a_read_takes_others_bits_away_and_gives_no_write_bit(
    populated: Path, given: int, kept: int
) -> None:
    """A read on a database the user made read-only (0444) left it 0600: writable again
    (a sweep). Owner-only means the group's and others' bits go; the owner's stay."""
    populated.chmod(given)
    for command in (("contact", "list"), ("agenda",)):
        result = netrack_in_process(*command, "--db", str(populated))
        assert result.returncode == 0, result.stderr
        assert stat.S_IMODE(populated.stat().st_mode) == kept
        populated.chmod(given)


def test_doctor_fix_keeps_a_read_only_database_read_only(populated: Path) -> None:
    populated.chmod(0o444)
    found = netrack_in_process("doctor", "--db", str(populated))
    assert "0444: others can read it; it should be 0400" in found.stdout
    fixed = netrack_in_process("doctor", "--fix", "--db", str(populated))
    assert "is now 0400" in fixed.stdout
    assert stat.S_IMODE(populated.stat().st_mode) == 0o400


def test_the_copy_an_upgrade_made_is_a_backup_doctor_sees(populated: Path) -> None:
    """The copy made before a schema upgrade (`…-before-migration-v5.db`) was not
    counted: "last backup: none", and left readable by others it passed as all good
    (a sweep: the names' pattern allowed no digit)."""
    folder = populated.parent / "backups"
    folder.mkdir(mode=0o700)
    made = folder / f"{populated.stem}-20261127-101500-123456-before-migration-v5.db"
    made.write_bytes(populated.read_bytes())
    made.chmod(0o644)
    found = netrack_in_process("doctor", "--db", str(populated))
    assert found.returncode == 2
    assert f"last backup:  {made}" in found.stdout or made.name in found.stdout
    assert "0644: others can read it" in found.stdout
    assert netrack_in_process("doctor", "--fix", "--db", str(populated)).returncode == 0
    assert stat.S_IMODE(made.stat().st_mode) == 0o600


def test_doctor_without_a_database_and_on_an_older_one(tmp_path: Path) -> None:
    result = netrack_in_process("doctor", "--db", str(tmp_path / "none.db"))
    assert result.returncode == 0 and "no database yet" in result.stdout
    assert not (tmp_path / "none.db").exists()
    old = tmp_path / "old.db"
    old.write_bytes((Path(__file__).parent.parent / "data" / "v1_populated.db").read_bytes())
    digest = sha256(old)
    result = netrack_in_process("doctor", "--db", str(old))
    assert "version 1 (older" in result.stdout
    assert sha256(old) == digest  # doctor never migrates


def test_the_last_backup_is_this_databases_own(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two databases in one folder share `backups/`: each one's doctor names its own
    backups only, not one whose name merely starts the same. (In-process: what is
    checked is the naming, not the process.)"""
    from netrack import cli
    from netrack.data.backup import own_backups

    def run(*argv: str) -> str:
        capsys.readouterr()
        assert cli.main(list(argv)) in (0, 2)
        return capsys.readouterr().out

    for name in ("proj", "proj-old"):
        run("contact", "add", "Ana", "--db", str(tmp_path / f"{name}.db"))
    run("backup", "--db", str(tmp_path / "proj-old.db"))
    assert "last backup:  none in" in run("doctor", "--db", str(tmp_path / "proj.db"))
    run("backup", "--db", str(tmp_path / "proj.db"))
    mine = own_backups(tmp_path / "backups", "proj", "db")
    assert [f.name.startswith("proj-2") for f in mine] == [True]
    assert f"last backup:  {mine[0]}" in run("doctor", "--db", str(tmp_path / "proj.db"))
    # One stem, another suffix: proj.sqlite's backups were named proj-…, and proj.db's
    # doctor called them its own.
    run("contact", "add", "Raj", "--db", str(tmp_path / "proj.sqlite"))
    run("backup", "--db", str(tmp_path / "proj.sqlite"))
    assert own_backups(tmp_path / "backups", "proj", "db") == mine
    (theirs,) = own_backups(tmp_path / "backups", "proj.sqlite", "db")
    assert f"last backup:  {theirs}" in run("doctor", "--db", str(tmp_path / "proj.sqlite"))
    assert f"last backup:  {mine[0]}" in run("doctor", "--db", str(tmp_path / "proj.db"))


def test_a_newline_in_the_path_is_shown_not_printed(populated: Path) -> None:
    """A name with a newline broke the report into lines that read as other entries."""
    import shutil

    from netrack.data.doctor import run_doctor

    odd = populated.parent / "new\nline.db"
    shutil.copyfile(populated, odd)
    odd.chmod(0o644)  # a problem line names the file too

    report = run_doctor(odd, fix=False).splitlines()

    assert report[0] == f"database:     {populated.parent}/new␊line.db"
    # Each line is one entry: a label, then its value.
    assert all(re.match(r"[a-z ]+: +\S", line) for line in report), report
    assert any(line.startswith("problem:") and "new␊line.db" in line for line in report)


def test_a_path_that_is_not_utf8_works_in_doctor_backup_and_restore(populated: Path) -> None:
    """`café.db` named in Latin-1 (as an old disk or archive gives it): `log` and
    `contact list` worked, but doctor, backup and restore printed a traceback
    (UnicodeEncodeError) from the read-only URI built from the path's text. The path
    is shown as every command shows it, its odd byte escaped."""
    import os
    import shutil

    odd = populated.parent / os.fsdecode(b"caf\xe9.db")
    shutil.copyfile(populated, odd)
    odd.chmod(0o600)
    copy = populated.parent / os.fsdecode(b"copy\xe9.db")
    runs = {
        "doctor": ("doctor", "--db", str(odd)),
        "backup": ("backup", "--db", str(odd)),
        "backup --out": ("backup", "--out", str(copy), "--db", str(odd)),
        "restore": ("restore", str(copy), "--db", str(odd)),
        "doctor --fix": ("doctor", "--fix", "--db", str(odd)),
    }
    for name, argv in runs.items():
        result = netrack_in_process(*argv)
        assert (result.returncode, result.stderr) == (0, ""), (name, result.stderr)
        assert "caf\\xe9.db" in result.stdout, (name, result.stdout)
    assert netrack_in_process("contact", "list", "--db", str(odd)).stdout.count("Ana López") == 1


def test_rows_that_refer_to_rows_gone_are_found_and_mended(
    populated: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A contact deleted by another program with foreign keys off: `doctor` said "all
    good", and `export json`, the way out, stopped with "internal error: KeyError"."""
    import sqlite3

    from netrack.cli import main

    with sqlite3.connect(populated) as connection:
        connection.execute("PRAGMA foreign_keys = OFF")
        connection.execute("DELETE FROM contact")
    db = ["--db", str(populated)]

    assert main(["export", "json", "--out", "-", *db]) == 2
    assert capsys.readouterr().err.endswith(
        "has rows that refer to rows that are gone (another program deleted them): "
        "`netrack doctor` lists them, `--fix` mends them\n"
    )
    assert main(["doctor", *db]) == 2
    assert (
        "problem:      1 row refers to a row that is gone (1 in interaction_contact); no "
        "export can name what it points at: `netrack doctor --fix` mends them"
        in capsys.readouterr().out
    )

    # Mended as deleting the contact would have: its link goes; the interaction is left
    # with no contact, which only the user can give it (an import would refuse it).
    assert main(["doctor", "--fix", *db]) == 2
    fixed = capsys.readouterr().out
    # The link it removes is kept in a copy first (no copy was made: a sweep)
    (copy,) = (populated.parent / "backups").glob("*-before-fix.db")
    assert (
        "fixed:        mended 1 reference to rows that were gone, as deleting those rows "
        f"would have (the database before: {copy})"
    ) in fixed
    with sqlite3.connect(copy) as kept:
        assert kept.execute("SELECT count(*) FROM interaction_contact").fetchone() == (1,)
    assert "problem:      1 interaction has no contact left (ids 1)" in fixed
    assert main(["export", "json", "--out", "-", *db]) == 0
    assert '"contacts": []' in capsys.readouterr().out
    assert main(["interaction", "delete", "1", *db]) == 0
    capsys.readouterr()
    assert main(["doctor", *db]) == 0
    assert "references:   every row's references found" in capsys.readouterr().out


def test_a_campaign_whose_organization_is_gone_gets_a_stand_in(
    populated: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A campaign must have an organization (deleting it is refused): `--fix` said
    "restore a backup" and the export sent the user back to `--fix`, round and round."""
    import sqlite3

    from netrack.cli import main

    with sqlite3.connect(populated) as connection:
        connection.execute("PRAGMA foreign_keys = OFF")
        connection.execute("DELETE FROM organization")
    db = ["--db", str(populated)]

    assert main(["doctor", "--fix", *db]) == 0
    capsys.readouterr()
    assert main(["org", "list", "--format", "json", *db]) == 0
    (org,) = json.loads(capsys.readouterr().out)["organizations"]
    assert org["name"] == "Organization 1 (lost; rename it)"
    assert (org["contacts"], org["campaigns"]) == (0, 1)  # the contact's was blanked
    assert main(["export", "json", "--out", "-", *db]) == 0


def test_permissions_list_this_databases_backups_only(populated: Path) -> None:
    """A shared backups folder: another database's backups and a stray file were listed
    under "permissions:" of this one (its "last backup" counted only its own)."""
    assert netrack_in_process("backup", "--db", str(populated)).returncode == 0
    folder = populated.parent / "backups"
    (folder / "other-20261101-101010.db").write_bytes(b"")
    (folder / "other-20261101-101010.db").chmod(0o644)
    out = netrack_in_process("doctor", "--db", str(populated)).stdout
    line = next(line for line in out.splitlines() if line.startswith("permissions:"))
    assert line == "permissions:  netrack.db 0600, backups/ 0700 (1 backup, 0600)"


def test_a_file_named_backups_is_a_problem(populated: Path) -> None:
    """`backup` failed ("backups is not a folder") while `doctor` said "all good"."""
    folder = populated.parent / "backups"
    folder.write_text("x\n")

    result = netrack_in_process("doctor", "--fix", "--db", str(populated))

    assert result.returncode == 2
    assert f"last backup:  none ({folder} is not a folder)" in result.stdout
    assert (
        f"problem:      {folder} is not a folder: `netrack backup`, and the copy kept before "
        "every restore, merge, upgrade and `doctor --fix`, cannot be made; move it aside"
    ) in result.stdout
    assert folder.read_text() == "x\n"


def test_the_backups_are_counted_and_their_modes_summed_up(populated: Path) -> None:
    """Every merge, restore, `demo --force`, upgrade and fix adds a whole copy: the
    permissions line listed each one by name, and nothing said what they weigh."""
    for _ in range(3):
        assert netrack_in_process("backup", "--db", str(populated)).returncode == 0
    folder = populated.parent / "backups"
    (folder / "other-20261101-101010.db").write_bytes(b"x" * 1000)  # another's: weighs too
    mine = sorted(folder.glob("netrack-*.db"))
    mine[0].chmod(0o644)
    total = sum(f.stat().st_size for f in folder.iterdir())

    out = netrack_in_process("doctor", "--db", str(populated)).stdout.splitlines()

    assert f"backups:      4 files, {total / 1024:.1f} KiB in {folder}" in out
    assert "permissions:  netrack.db 0600, backups/ 0700 (3 backups: 2 0600, 1 0644)" in out
    assert f"problem:      {mine[0]} is 0644: others can read it; it should be 0600 (run " in (
        "\n".join(out)
    )
    assert netrack_in_process("doctor", "--fix", "--db", str(populated)).returncode == 0
    out = netrack_in_process("doctor", "--db", str(populated)).stdout.splitlines()
    assert "permissions:  netrack.db 0600, backups/ 0700 (3 backups, all 0600)" in out


def test_two_strength_changes_one_day_are_named_and_fix_keeps_the_days_last(
    populated: Path,
) -> None:
    """Two changes of Ana's strength stored on one day (no command writes that: a second
    change replaces the first): `doctor` said all good, while an import of the export
    lost Ana. It names them now; `--fix` keeps the day's last, which every card read."""
    import sqlite3

    with sqlite3.connect(populated) as connection:
        connection.executemany(
            'INSERT INTO strength_change (contact_id, "on", strength) VALUES (1, ?, ?)',
            [(TODAY, 3), (TODAY, 4), ("2026-01-05", 2)],
        )
    db = ("--db", str(populated))

    found = netrack_in_process("doctor", *db)

    assert found.returncode == 2
    assert (
        "problem:      1 strength change is followed by another of the same contact on the "
        "same day (contact ids 1), which no command records; the scorecard reads the day's "
        "last, and `import json` keeps only that one: `netrack doctor --fix` removes the "
        "earlier ones"
    ) in found.stdout
    fixed = netrack_in_process("doctor", "--fix", *db)
    assert "fixed:        removed 1 strength change followed by another the same day " in (
        fixed.stdout
    )
    with sqlite3.connect(populated) as connection:
        rows = connection.execute(
            'SELECT "on", strength FROM strength_change ORDER BY "on", id'
        ).fetchall()
    assert rows == [("2026-01-05", 2), (TODAY, 4)]
    after = netrack_in_process("doctor", *db)
    assert after.returncode == 0 and "strength change" not in after.stdout


def test_a_follow_up_done_after_today_is_a_warning_as_import_json_would_reopen_it(
    populated: Path, tmp_path: Path
) -> None:
    """A follow-up marked done on a day to come (no command records one; a generator
    did, 682 times): `doctor` said all good, and the export's import made it pending
    again. `doctor` warns now, of the same follow-ups the import reopens: one done
    within the two days a time zone ahead explains travels, and is not named."""
    import sqlite3

    with sqlite3.connect(populated) as connection:
        connection.execute(
            "UPDATE interaction SET follow_up_on = '2026-11-30', follow_up_done_on = '2026-12-01'"
        )
    db = ("--db", str(populated))

    found = netrack_in_process("doctor", *db)

    assert found.returncode == 0, found.stdout + found.stderr
    assert (
        "warning:      1 follow-up is marked done after today (2026-11-27) by more than the "
        "2 days a time zone ahead explains (interaction 1, done 2026-12-01), which no command "
        "records; `import json` of an export would make it pending again: `netrack followup "
        "reopen ID` takes such a mark back, then `netrack followup done NAME --on DATE` marks "
        "the contact's pending follow-ups done on a day that has come"
    ) in found.stdout
    export = tmp_path / "out.json"
    assert netrack_in_process("export", "json", "--out", str(export), *db).returncode == 0
    imported = netrack_in_process("import", "json", str(export), "--db", str(tmp_path / "a.db"))
    assert "its follow-up is pending" in imported.stdout  # what the warning foretold
    # Two days later the done day is one a time zone ahead may hold: kept, not warned of.
    later = netrack_in_process("doctor", *db, today="2026-11-29")
    assert later.returncode == 0 and "follow-up" not in later.stdout
    kept = netrack_in_process(
        "import", "json", str(export), "--db", str(tmp_path / "b.db"), today="2026-11-29"
    )
    assert kept.returncode == 0 and "pending" not in kept.stdout


def test_a_stored_change_into_the_stage_it_was_in_is_reported_until_undone(
    populated: Path,
) -> None:
    """An older `import json` merged one move recorded on two days as research →
    target, target → target; no command writes that, and an import of the export skips
    the campaign, while `doctor` said all good."""
    import sqlite3

    with sqlite3.connect(populated) as connection:
        connection.execute(
            'INSERT INTO stage_change (campaign_id, from_stage, to_stage, "on", note, reason) '
            "VALUES (1, 'research', 'research', ?, '', '')",
            (TODAY,),
        )
    db = ("--db", str(populated))

    found = netrack_in_process("doctor", *db)

    assert found.returncode == 2
    assert (
        "problem:      1 stage change goes into the stage the campaign already was in "
        "(campaign ids 1), which no command records; `import json` would skip that "
        "campaign: `netrack campaign undo` takes back a campaign's latest changes down to "
        "such a one, and `campaign move` records the later ones again"
    ) in found.stdout
    assert netrack_in_process("campaign", "undo", "acme", *db).returncode == 0
    after = netrack_in_process("doctor", *db)
    assert after.returncode == 0 and "stage change" not in after.stdout


def test_records_without_a_uid_are_named_and_given_one_keeping_the_others(
    populated: Path,
) -> None:
    """Another program's insert leaves a record without its uid (schema 12): an older
    export of it edited since would be imported again. `--fix` gives it one and leaves
    every uid a row has as it is."""
    connection = sqlite3.connect(populated)
    with connection:
        kept = connection.execute('SELECT "id", "uid" FROM "interaction" WHERE "id" > 1').fetchall()
        connection.execute('UPDATE "interaction" SET "uid" = NULL WHERE "id" = 1')
    connection.close()

    looked = netrack_in_process("doctor", "--db", str(populated))
    mended = netrack_in_process("doctor", "--fix", "--db", str(populated))

    assert looked.returncode == 2
    assert "problem:      1 interaction has no uid (id 1; another program wrote it): " in (
        looked.stdout
    )
    assert "an older export of it edited since" in looked.stdout
    assert "`netrack doctor --fix` gives it a new uid" in looked.stdout
    assert "fixed:        gave 1 interaction a uid (id 1; the database before: " in mended.stdout
    connection = sqlite3.connect(populated)
    try:
        assert (
            connection.execute('SELECT "id", "uid" FROM "interaction" WHERE "id" > 1').fetchall()
            == kept
        )
        uids = [row[0] for row in connection.execute('SELECT "uid" FROM "interaction"')]
    finally:
        connection.close()
    assert all(re.fullmatch("[0-9a-f]{32}", uid) for uid in uids)
    assert len(set(uids)) == len(uids)
    assert "no uid" not in netrack_in_process("doctor", "--db", str(populated)).stdout


def test_uids_netrack_does_not_keep_are_named_and_replaced_keeping_the_others(
    populated: Path,
) -> None:
    """Another program's uid ("legacy 7", a 70-character one): an export carries it and
    an import gives the record a new one, so the record is known by its content alone.
    doctor names it, and `--fix` gives it a new uid, leaving the others' as they are."""
    connection = sqlite3.connect(populated)
    with connection:
        connection.execute(
            'INSERT INTO "time_entry" ("on", "minutes", "category", "note", "uid") '
            "VALUES ('2026-11-20', 30, 'search', '', 'legacy 7'), "
            f"('2026-11-21', 30, 'search', '', '{'x' * 70}'), "
            "('2026-11-22', 30, 'search', '', '0123456789abcdef0123456789abcdef')"
        )
    connection.close()

    looked = netrack_in_process("doctor", "--db", str(populated))
    mended = netrack_in_process("doctor", "--fix", "--db", str(populated))

    assert looked.returncode == 2
    assert (
        "problem:      2 time entries have uids netrack does not keep (ids 1: 'legacy 7', 2: 'xxx"
        in looked.stdout
    )
    assert "`netrack doctor --fix` gives each a new uid" in looked.stdout
    assert "gave 2 time entries a new uid in place of one netrack does not keep (ids 1, 2; " in (
        mended.stdout
    )
    connection = sqlite3.connect(populated)
    try:
        uids = [uid for (uid,) in connection.execute('SELECT "uid" FROM "time_entry" ORDER BY id')]
    finally:
        connection.close()
    assert all(re.fullmatch("[0-9a-f]{32}", uid) for uid in uids) and len(set(uids)) == 3
    assert uids[2] == "0123456789abcdef0123456789abcdef"
    assert netrack_in_process("doctor", "--db", str(populated)).returncode == 0


def test_rows_sharing_a_uid_without_its_index_are_named_and_given_new_ones_after_a_copy(
    populated: Path,
) -> None:
    """With the unique index dropped another program wrote one uid into two rows: doctor
    called the file unreadable once `--fix` tried to build the index. It names them, and
    `--fix` (after a copy) gives the later one a new uid, then builds the index."""
    assert (
        netrack_in_process("log", "@ana 20m a second chat", "--db", str(populated)).returncode == 0
    )
    assert netrack_in_process("log", "@ana 10m a third", "--db", str(populated)).returncode == 0
    connection = sqlite3.connect(populated)
    with connection:
        connection.execute('DROP INDEX "interaction_uid"')
        connection.execute(
            'UPDATE "interaction" SET "uid" = (SELECT "uid" FROM "interaction" WHERE "id" = 1) '
            'WHERE "id" = 3'
        )
        first = connection.execute('SELECT "uid" FROM "interaction" WHERE "id" = 1').fetchone()[0]
    connection.close()

    looked = netrack_in_process("doctor", "--db", str(populated))
    mended = netrack_in_process("doctor", "--fix", "--db", str(populated))

    assert looked.returncode == 2
    assert f"2 interactions share a uid with another (ids 1, 3: '{first}')" in looked.stdout
    assert mended.returncode == 0, mended.stdout
    assert "unreadable" not in mended.stdout
    assert "gave 1 interaction sharing an earlier one's uid a new one (id 3; the database " in (
        mended.stdout
    )
    assert "created index interaction_uid" in mended.stdout
    assert list((populated.parent / "backups").glob("*-before-fix.db"))
    connection = sqlite3.connect(populated)
    try:
        uids = [uid for (uid,) in connection.execute('SELECT "uid" FROM "interaction" ORDER BY id')]
        indexed = connection.execute(
            "SELECT 1 FROM sqlite_master WHERE name = 'interaction_uid'"
        ).fetchall()
    finally:
        connection.close()
    assert uids[0] == first and len(set(uids)) == 3 and indexed
    assert netrack_in_process("agenda", "--db", str(populated)).returncode == 0


def test_giving_uids_backs_the_database_up_first(populated: Path) -> None:
    """Every fix that changes rows keeps a copy first (README: `doctor --fix` backs the
    database up first): the copy holds the rows as they were, and the line names it."""
    connection = sqlite3.connect(populated)
    with connection:
        connection.execute('UPDATE "interaction" SET "uid" = NULL WHERE "id" = 1')
    connection.close()

    mended = netrack_in_process("doctor", "--fix", "--db", str(populated))

    assert mended.returncode == 0, mended.stdout
    (copy,) = (populated.parent / "backups").glob("*-before-fix.db")
    assert f"the database before: {copy})" in mended.stdout
    connection = sqlite3.connect(copy)
    try:
        assert connection.execute('SELECT "uid" FROM "interaction" WHERE "id" = 1').fetchone() == (
            None,
        )
    finally:
        connection.close()


def test_records_without_a_uid_are_counted_in_the_words_of_their_number(populated: Path) -> None:
    """'1 time entry … (id 1; … wrote it)', '2 time entries … (ids 1, 2; … wrote them)'."""
    connection = sqlite3.connect(populated)
    with connection:
        connection.execute(
            'INSERT INTO "time_entry" ("on", "minutes", "category", "note") '
            "VALUES ('2026-11-20', 30, 'search', ''), ('2026-11-21', 30, 'search', '')"
        )
    connection.close()

    looked = netrack_in_process("doctor", "--db", str(populated))
    mended = netrack_in_process("doctor", "--fix", "--db", str(populated))

    assert "2 time entries have no uid (ids 1, 2; another program wrote them): " in looked.stdout
    assert "gives each a new uid" in looked.stdout
    assert "gave 2 time entries a uid (ids 1, 2; the database before: " in mended.stdout


def test_contacts_organizations_campaigns_without_a_uid_are_named_and_given_one(
    populated: Path,
) -> None:
    """Schema 13's uids, as schema 12's: a row another program inserted without one is
    named, and `--fix` gives it one, leaving the others' as they are."""
    connection = sqlite3.connect(populated)
    with connection:
        kept = connection.execute('SELECT "id", "uid" FROM "contact" WHERE "id" > 1').fetchall()
        for table in ("contact", "organization", "campaign"):
            connection.execute(f'UPDATE "{table}" SET "uid" = NULL WHERE "id" = 1')
    connection.close()

    looked = netrack_in_process("doctor", "--db", str(populated))
    mended = netrack_in_process("doctor", "--fix", "--db", str(populated))

    assert looked.returncode == 2
    for noun in ("organization", "contact", "campaign"):
        assert f"1 {noun} has no uid (id 1; another program wrote it)" in looked.stdout
        assert f"gave 1 {noun} a uid (id 1; the database before: " in mended.stdout
    connection = sqlite3.connect(populated)
    try:
        assert (
            connection.execute('SELECT "id", "uid" FROM "contact" WHERE "id" > 1').fetchall()
            == kept
        )
    finally:
        connection.close()
    assert "no uid" not in netrack_in_process("doctor", "--db", str(populated)).stdout
