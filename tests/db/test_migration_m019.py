"""Schema 19: each contact's folded name kept with it (`contact.name_key`, see m019).

The upgrade keeps every row and the export, and works out every key; every write of a
name netrack makes keeps the key true (added, renamed, a change of case only, imported,
merged); a name changed behind netrack's back loses its key on either engine, and is
then still found and still told apart from its namesakes, folded as it is read; so is
a name too long to keep a key for. The CSV export carries no key, and `doctor --fix`
works the keys out again when the trigger was missing."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from netrack import cli
from netrack.data.repo import Repo
from netrack.domain.errors import ResolveError
from netrack.domain.name_folding import KEPT_FOLD_MAX, fold, kept_fold
from tests.cli.conftest import db_arg, sql
from tests.db.file_rows import demo_at_schema, query, table_rows, upgraded

TODAY = date(2026, 11, 27)
DATA = Path(__file__).parent.parent / "data"


@pytest.fixture(scope="module")
def schema_18_demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo history as a netrack of schema 18 wrote it (built once, only copied)."""
    return demo_at_schema(tmp_path_factory.mktemp("v18"), 18, TODAY)


def keys(db: object) -> list[tuple[str, str | None]]:
    """(name, key) of every contact, by id."""
    rows = sql(db, 'SELECT "name", "name_key" FROM "contact" ORDER BY "id"')  # type: ignore[arg-type]
    return [(str(name), None if key is None else str(key)) for name, key in rows]


def assert_keys_true(db: object) -> None:
    """Every contact's key is its folded name (or None, too long to keep)."""
    found = keys(db)
    assert found, "no contacts"
    assert [key for _, key in found] == [kept_fold(name) for name, _ in found]


def test_a_schema_18_history_upgrades_with_every_row_and_every_key(
    schema_18_demo: Path, tmp_path: Path
) -> None:
    done = upgraded(schema_18_demo, tmp_path, 18, TODAY)
    v18, before, rows, after = done.path, done.before, done.rows, done.after

    assert query(v18, "PRAGMA user_version") == [(19,)]
    assert (before.pop("schema_version"), after.pop("schema_version")) == (18, 19)
    assert json.dumps(after) == json.dumps(before)
    rows_now = table_rows(v18)
    assert [row[:-1] for row in rows_now.pop("contact")] == rows.pop("contact")
    assert rows_now == rows
    assert_keys_true(v18)
    assert ("Sarah Müller", "sarah muller") in keys(v18)
    made = "SELECT type, name FROM sqlite_master WHERE name LIKE 'contact_name_key%' ORDER BY 1"
    assert query(v18, made) == [
        ("index", "contact_name_key"),
        ("trigger", "contact_name_key_stale"),
    ]


def run(db: object, *argv: str) -> None:
    assert cli.main([*argv, "--db", db_arg(db)]) == 0, argv


@pytest.fixture
def cli_today(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("NETRACK_TODAY", TODAY.isoformat())
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))


def test_every_write_of_a_name_keeps_its_key(
    where: object, tmp_path: Path, cli_today: None
) -> None:
    run(where, "contact", "add", "Zoë Park", "--org", "Acme")
    run(where, "contact", "add", "Sam Lee")
    run(where, "contact", "edit", "Sam Lee", "--name", "Samuel  Lee-Wong")
    run(where, "contact", "edit", "Zoë Park", "--name", "ZOË PARK")  # the key stays
    run(where, "contact", "add", "José Ruiz", "--email", "jose@example.com")
    run(where, "contact", "add", "Jose Ruiz", "--org", "Initech")
    run(where, "contact", "merge", "id:4", "id:3")
    for source in ("vcard", "linkedin"):
        name = "iphone-3.0.vcf" if source == "vcard" else "Connections.csv"
        run(where, "import", source, str(DATA / source / name))
    exported = tmp_path / "all.json"
    run(where, "export", "json", "--out", str(exported))
    document = json.loads(exported.read_text())
    for person in document["contacts"][:3]:
        person["name"] = f"{person['name']} Ⅱ"  # new people, beyond ASCII: folded "ii"
        person["uid"] = None
    exported.write_text(json.dumps(document))
    run(where, "import", "json", str(exported))

    assert len(keys(where)) == 13
    assert_keys_true(where)
    assert sum(key.endswith(" ii") for _, key in keys(where) if key) == 3  # imported
    assert ("ZOË PARK", "zoe park") in keys(where)
    assert ("Samuel Lee-Wong", "samuel lee-wong") in keys(where)


def test_a_name_changed_behind_netrack_s_back_loses_its_key_and_is_still_found(
    repo: Repo, where: object
) -> None:
    with repo.store.writing():
        ana = repo.contacts.add("Ana López", "Acme")
        repo.contacts.add("Zoë Park", "Globex")
        long = repo.contacts.add("Ana Long", "Initech")
    # A name longer than netrack takes (another program's, an import restoring one)
    # keeps no key: too long for a server's index.
    too_long = "Ana " + "x" * KEPT_FOLD_MAX
    assert kept_fold(too_long) is None and kept_fold(too_long[:-4]) == too_long[:-4].lower()
    sql(where, 'UPDATE "contact" SET "name" = ? WHERE "id" = ?', (too_long, long.id))  # type: ignore[arg-type]
    assert keys(where)[2] == (too_long, None)

    # Another program renames Ana, and a change of case of Zoë's name (key unchanged):
    # both keys go, the one row each.
    sql(where, 'UPDATE "contact" SET "name" = ? WHERE "id" = ?', ("Zoë Novák", ana.id))  # type: ignore[arg-type]
    sql(where, """UPDATE "contact" SET "name" = 'ZOË PARK' WHERE "name" = 'Zoë Park'""")  # type: ignore[arg-type]
    assert keys(where)[:2] == [("Zoë Novák", None), ("ZOË PARK", None)]

    # Found by the new name alone, as a log reads names (narrowed by its words)...
    preview = repo.activity.preview_log("@novak 20m")
    assert preview.contact_ids == (ana.id,)
    with pytest.raises(ResolveError, match="Zoë Novák"):  # two Zoës now
        repo.activity.preview_log("@zoe 20m")
    assert repo.activity.preview_log(f"@{'x' * 40} 5m").contact_ids == (long.id,)
    # ... and told apart from a namesake netrack adds, keyed or not
    assert not repo.contacts.shares_a_name([ana.id])
    with repo.store.writing():
        twin = repo.contacts.add("ZOE NOVAK", "Hooli")
    assert repo.contacts.shares_a_name([ana.id]) and repo.contacts.shares_a_name([twin.id])
    assert repo.contacts.shares_a_name([long.id]) is False
    with repo.store.writing():
        other = repo.contacts.add("Ana Other", "Umbrella")
    sql(where, 'UPDATE "contact" SET "name" = ? WHERE "id" = ?', (too_long.upper(), other.id))  # type: ignore[arg-type]
    assert repo.contacts.shares_a_name([long.id])


def test_the_csv_export_carries_no_key(demo_db: Path, tmp_path: Path, cli_today: None) -> None:
    run(demo_db, "export", "csv", "--out", str(tmp_path / "csv"))
    header = (tmp_path / "csv" / "contacts.csv").read_text().splitlines()[0]
    assert header.endswith(",keep_in_touch,uid") and "name_key" not in header


def test_doctor_fix_works_the_keys_out_again_when_the_trigger_was_missing(
    demo_db: Path, cli_today: None, capsys: pytest.CaptureFixture[str]
) -> None:
    if getattr(demo_db, "url", None):
        pytest.skip("a file's trigger dropped by another program (a server's: tests/hardening)")
    sql(demo_db, 'DROP TRIGGER "contact_name_key_stale"')
    sql(demo_db, """UPDATE "contact" SET "name" = 'Ana Nováková' WHERE "name" = 'Ana López'""")
    assert ("Ana Nováková", "ana lopez") in keys(demo_db)  # stale: nothing dropped it

    assert cli.main(["doctor", "--fix", "--db", str(demo_db)]) == 0
    assert "created trigger contact_name_key_stale" in capsys.readouterr().out
    assert ("Ana Nováková", "ana novakova") in keys(demo_db)
    assert_keys_true(demo_db)
    assert fold("Ana Nováková") == "ana novakova"


def test_doctor_names_contacts_renamed_behind_its_back_and_fix_works_their_keys_out(
    demo_db: Path, cli_today: None, capsys: pytest.CaptureFixture[str]
) -> None:
    """A name renamed by another program has no key (the trigger dropped it): said as a
    warning, since it is folded as read; a key unlike its name (written by another
    program) is a problem, since a lookup would miss the contact. `--fix` mends both."""
    if getattr(demo_db, "url", None):
        pytest.skip("a file's doctor (a server's keys: tests/hardening/test_postgresql.py)")
    sql(demo_db, """UPDATE "contact" SET "name" = 'Ana Nováková' WHERE "name" = 'Ana López'""")
    sql(demo_db, """UPDATE "contact" SET "name" = 'Mei C.' WHERE "name" = 'Mei Chen'""")
    assert cli.main(["doctor", "--db", str(demo_db)]) == 0
    said = capsys.readouterr().out
    assert (
        "warning:      2 contacts renamed by another program kept no folded name: each is "
        "folded as it is read, slower on a long history; `netrack doctor --fix` works them "
        "out from the names"
    ) in said
    sql(demo_db, """UPDATE "contact" SET "name_key" = 'nobody' WHERE "name" = 'Mei C.'""")
    assert cli.main(["doctor", "--db", str(demo_db)]) == 2
    said = capsys.readouterr().out
    assert "1 contact kept a folded name unlike their name (written by another program)" in said
    assert "1 contact renamed by another program kept no folded name" in said

    assert cli.main(["doctor", "--fix", "--db", str(demo_db)]) == 0
    said = capsys.readouterr().out
    assert "fixed:        worked out the folded names of 2 contacts from their names" in said
    assert_keys_true(demo_db)
    assert cli.main(["doctor", "--db", str(demo_db)]) == 0
    assert "folded name" not in capsys.readouterr().out
