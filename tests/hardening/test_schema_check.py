"""Issue 13, item 8: restore, doctor and every open compare the schema itself with what
netrack's migrations make — a stray trigger or a shell of four empty tables is refused
with one line naming the first difference."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from netrack.data import schema
from netrack.data.migrations import latest
from netrack.data.migrations.m006_meaningful_links import FACE_TO_FACE
from netrack.data.restore import restore_database, verify_backup
from netrack.domain.errors import InputError

from .helpers import assert_one_clear_line, netrack_in_process, sha256

DATA = Path(__file__).parent.parent / "data"
EVIL = "CREATE TRIGGER evil AFTER INSERT ON interaction BEGIN DELETE FROM contact; END"


def _execute(path: Path, *statements: str) -> None:
    connection = sqlite3.connect(path)
    try:
        for statement in statements:
            connection.execute(statement)
        connection.commit()
    finally:
        connection.close()


def _contacts(path: Path) -> int:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return int(connection.execute("SELECT count(*) FROM contact").fetchone()[0])
    finally:
        connection.close()


def _shell(path: Path) -> Path:
    """user_version 3 and the four table names an old check looked for, nothing else."""
    _execute(
        path,
        "CREATE TABLE contact (id INTEGER PRIMARY KEY, name TEXT)",
        "CREATE TABLE organization (id INTEGER PRIMARY KEY)",
        "CREATE TABLE campaign (id INTEGER PRIMARY KEY)",
        "CREATE TABLE interaction (id INTEGER PRIMARY KEY)",
        f"PRAGMA user_version = {latest()}",
    )
    return path


def test_the_frozen_digest_is_what_the_migrations_make() -> None:
    """After adding a migration, paste what `python -m netrack.data.schema` prints."""
    assert latest() == schema.LATEST_VERSION
    assert schema.built_sql_digest(latest()) == schema.LATEST_SQL_DIGEST


def test_every_released_version_matches_its_migrations(tmp_path: Path) -> None:
    old = tmp_path / "v1.db"
    shutil.copyfile(DATA / "v1_populated.db", old)
    connection = sqlite3.connect(old)
    try:
        assert schema.difference(connection, 1) is None
        assert schema.difference(connection, 2) == (
            "table interaction lacks column follow_up_closed_on"
        )
    finally:
        connection.close()


def test_full_comparison_agrees_with_the_digest(populated: Path) -> None:
    """The structural comparison (used when the text differs) accepts netrack's own file."""
    connection = sqlite3.connect(populated)
    try:
        assert schema.sql_digest(connection) == schema.LATEST_SQL_DIGEST
        assert schema.read_schema(connection) == schema.expected_schema(latest())
    finally:
        connection.close()


@pytest.mark.parametrize(
    ("change", "named"),
    [
        (EVIL, "unexpected trigger evil"),
        ("CREATE VIEW everyone AS SELECT name FROM contact", "unexpected view everyone"),
        ("CREATE INDEX extra ON contact (notes)", "unexpected index extra"),
        ("DROP INDEX contact_email", "index contact_email is missing"),
        ("DROP TRIGGER follow_up_set", "trigger follow_up_set is missing"),
        ("CREATE TABLE moz_places (id INTEGER PRIMARY KEY)", "unexpected table moz_places"),
        ("ALTER TABLE contact ADD COLUMN spy TEXT", "table contact has an unexpected column spy"),
        ("ALTER TABLE contact DROP COLUMN phone", "table contact lacks column phone"),
        # Restored, then every `goal add` failed "CHECK constraint failed: 0"; an index
        # with another collation or condition passed as netrack's (a sweep)
        (
            (
                'CREATE TABLE "g2" ("id" INTEGER NOT NULL PRIMARY KEY, "metric" VARCHAR(255) '
                'NOT NULL, "target" REAL NOT NULL, "comparator" VARCHAR(255) NOT NULL, '
                '"period" VARCHAR(255) NOT NULL, "note" TEXT NOT NULL, "since" DATE NOT NULL, '
                '"until" DATE, CHECK (0))',
                "DROP TABLE goal",
                'ALTER TABLE "g2" RENAME TO "goal"',
            ),
            "table goal has different CHECK constraints",
        ),
        (
            (
                "DROP INDEX contact_tag_contact_id_tag",
                'CREATE UNIQUE INDEX "contact_tag_contact_id_tag" ON contact_tag '
                "(contact_id, tag COLLATE NOCASE)",
            ),
            "index contact_tag_contact_id_tag differs from netrack's",
        ),
        (
            (
                "DROP INDEX interaction_face_to_face",
                'CREATE INDEX "interaction_face_to_face" ON "interaction" ("on") WHERE 0',
            ),
            "index interaction_face_to_face differs from netrack's",
        ),
        (
            (  # its condition's words in capitals: 'IN_PERSON' is no kind (a review)
                "DROP INDEX interaction_face_to_face",
                'CREATE INDEX "interaction_face_to_face" ON "interaction" ("on") WHERE '
                + FACE_TO_FACE.upper(),
            ),
            "index interaction_face_to_face differs from netrack's",
        ),
    ],
)
def test_restore_refuses_a_changed_schema_naming_it(
    populated: Path, tmp_path: Path, change: str | tuple[str, ...], named: str
) -> None:
    backup = tmp_path / "backup.db"
    shutil.copyfile(populated, backup)
    _execute(backup, *((change,) if isinstance(change, str) else change))
    digest = sha256(populated)

    result = netrack_in_process("restore", str(backup), "--db", str(populated))

    line = assert_one_clear_line(result, "is not a netrack database", named)
    assert str(backup) in line
    assert sha256(populated) == digest
    assert not (populated.parent / "backups").exists()  # refused: no before-restore copy


def test_the_evil_trigger_never_runs(populated: Path, tmp_path: Path) -> None:
    """The reported story: restored, then the next log deleted every contact."""
    evil = tmp_path / "evil.db"
    shutil.copyfile(populated, evil)
    _execute(evil, EVIL)
    assert netrack_in_process("restore", str(evil), "--db", str(populated)).returncode == 2
    assert netrack_in_process("log", "@ana #call again", "--db", str(populated)).returncode == 0
    assert _contacts(populated) == 1
    # Opened directly (`--db evil.db`), it is refused too, untouched.
    digest = sha256(evil)
    result = netrack_in_process("log", "@ana #call again", "--db", str(evil))
    assert_one_clear_line(
        result, f"is not a netrack database (schema {latest()})", "unexpected trigger evil"
    )
    assert sha256(evil) == digest and _contacts(evil) == 1


def test_restore_refuses_a_shell_of_four_tables(populated: Path, tmp_path: Path) -> None:
    shell = _shell(tmp_path / "shell.db")
    digest = sha256(populated)
    with pytest.raises(
        InputError,
        match=rf"is not a netrack database \(schema {latest()}\): column campaign.id is INTEGER PRIMARY KEY, netrack's is INTEGER NOT NULL PRIMARY KEY",
    ):
        verify_backup(shell, latest())
    result = netrack_in_process("restore", str(shell), "--db", str(populated))
    assert_one_clear_line(result, "is not a netrack database")
    assert sha256(populated) == digest
    assert not (populated.parent / "backups").exists()


def test_doctor_reports_a_foreign_schema(tmp_path: Path, populated: Path) -> None:
    shell = _shell(tmp_path / "shell.db")
    result = netrack_in_process("doctor", "--db", str(shell))
    assert result.returncode == 2
    assert "problem:      " in result.stdout and "is not a netrack database" in result.stdout
    assert "all good" not in result.stdout
    _execute(populated, EVIL)
    result = netrack_in_process("doctor", "--db", str(populated))
    assert result.returncode == 2 and "unexpected trigger evil" in result.stdout


def test_doctor_fix_leaves_another_applications_file_as_it_is(tmp_path: Path) -> None:
    other = tmp_path / "places.sqlite"
    _execute(other, "CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
    other.chmod(0o644)  # its owner's choice, not netrack's to fix
    digest = sha256(other)

    result = netrack_in_process("doctor", "--fix", "--db", str(other))

    assert result.returncode == 2
    assert "schema:       version 0 (not netrack's: no command will open or change it;" in (
        result.stdout
    )
    assert "upgrades it" not in result.stdout and "fixed:" not in result.stdout
    assert "0644" not in result.stdout  # no permissions problem to fix either
    assert (sha256(other), other.stat().st_mode & 0o777) == (digest, 0o644)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["places.sqlite"]

    text = tmp_path / "notes.db"  # not SQLite at all
    text.write_text("hello\n")
    text.chmod(0o644)
    result = netrack_in_process("doctor", "--fix", "--db", str(text))
    assert result.returncode == 2 and "fixed:" not in result.stdout
    assert result.stdout.count("problem:") == 1
    assert f"problem:      {text} is a text file, not a netrack database" in result.stdout
    assert "restore" not in result.stdout  # no backup of notes to restore
    assert (text.read_text(), text.stat().st_mode & 0o777) == ("hello\n", 0o644)


def test_restore_will_not_replace_another_applications_file(
    populated: Path, tmp_path: Path
) -> None:
    other = tmp_path / "places.sqlite"
    _execute(other, "CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
    digest = sha256(other)
    with pytest.raises(InputError, match="restore will not replace it"):
        restore_database(populated, other, latest())
    assert sha256(other) == digest
    assert not (tmp_path / "backups").exists()


def test_doctor_fix_makes_indexes_and_triggers_netracks_again(populated: Path) -> None:
    """A netrack file with an index added, one dropped and a trigger gone was refused
    by every command, saying to use another database, and `doctor --fix` said netrack
    would not open it: no way back to one's own history. Indexes are derived and
    triggers are netrack's own rules: they are made again, and what the missing trigger
    left undone (a follow-up a later touch closes) is done."""
    _execute(
        populated,
        'CREATE INDEX "myidx" ON "contact" ("title")',
        'DROP INDEX "contact_name"',
        'DROP TRIGGER "follow_up_close_on_insert"',
    )
    # Written while the closing rule was gone: a follow-up, then a later touch.
    _execute(
        populated,
        "UPDATE interaction SET \"on\" = '2026-11-20', follow_up_on = '2026-11-30'",
        'INSERT INTO interaction (id, "on", kind, minutes, meaningful, value_received, '
        "value_given, cost_cents, note) VALUES (99, '2026-11-25', 'call', 5, 0, '', '', 0, '')",
        'INSERT INTO interaction_contact (interaction_id, contact_id, "on") '
        "SELECT 99, id, '2026-11-25' FROM contact",
        EVIL,  # and a trigger another program left, to run on the next log
    )
    refused = netrack_in_process("contact", "list", "--db", str(populated))
    assert_one_clear_line(refused, "`netrack doctor --fix` makes its indexes and triggers")
    fixed = netrack_in_process("doctor", "--fix", "--db", str(populated))
    assert (
        "fixed:        made the indexes and triggers netrack's again: dropped trigger evil, "
        "created trigger follow_up_close_on_insert, dropped index myidx, created index "
        "contact_name"
    ) in fixed.stdout
    assert netrack_in_process("doctor", "--db", str(populated)).stdout.rstrip().endswith("all good")
    assert netrack_in_process("followup", "list", "--db", str(populated)).stdout.strip() == (
        "no pending follow-ups"
    )
    assert _contacts(populated) == 1  # no row lost, and the evil trigger gone


def test_doctor_fix_leaves_a_table_it_did_not_make_alone(populated: Path) -> None:
    _execute(populated, 'ALTER TABLE "contact" ADD COLUMN "extra" TEXT')
    digest = sha256(populated)
    result = netrack_in_process("doctor", "--fix", "--db", str(populated))
    assert "table contact has an unexpected column extra; netrack will not open it" in (
        result.stdout
    )
    assert sha256(populated) == digest


def test_doctor_names_what_fix_will_drop_and_what_blocks_it(populated: Path) -> None:
    """It named an index missing while a view kept `--fix` from acting, and dropped a
    trigger another program added without naming it first."""
    _execute(populated, 'CREATE TRIGGER "my_audit" AFTER INSERT ON contact BEGIN SELECT 1; END')
    before = netrack_in_process("doctor", "--db", str(populated)).stdout
    assert "makes its indexes and triggers netrack's again (drop trigger my_audit)" in before
    _execute(populated, 'DROP INDEX "contact_name"', 'CREATE VIEW "v_x" AS SELECT 1')
    digest = sha256(populated)
    fixed = netrack_in_process("doctor", "--fix", "--db", str(populated)).stdout
    assert "(schema 9): unexpected view v_x; netrack will not open it" in fixed.replace(
        f"(schema {latest()})", "(schema 9)"
    )
    assert sha256(populated) == digest  # --fix did nothing it could not finish
