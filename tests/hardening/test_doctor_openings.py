"""A campaign stored with no stage change, not even its opening (an older `import json`
took `"history": []`): the scorecard did not count it, its export came back without it
(refused: "a campaign's history starts with its opening"), a server's restore of that
export was refused whole, and `doctor` said all good. `doctor` reports it and `--fix`
records the opening `campaign add` would have, on a file and on a server alike."""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest

from netrack.data.server import ServerAddress
from tests import pg

from .helpers import netrack_in_process

PROBLEM = (
    "problem:      2 campaigns have no stage change, not even the opening `campaign add` "
    "records (campaign ids {ids}); the scorecard does not count them and `import json` "
    "would skip them: `netrack doctor --fix` records each one's opening"
)
FIXED = (
    "fixed:        recorded the opening of 2 campaigns that had no stage change (campaign "
    "ids {ids}), into the stage each is in, on the day it opened; each now shows that day as "
    "the day it entered its stage (the database before: "
)
Sql = Callable[[str], list[tuple[object, ...]]]


def _cli(*args: str, db: str) -> tuple[int, str, str]:
    done = netrack_in_process(*args, "--db", db)
    return done.returncode, done.stdout, done.stderr


def _campaigns_without_openings(db: str, sql: Sql) -> str:
    """Eng (lost on 11-05, no_response) and Ops (applied on 11-10) with their stage
    changes deleted, Dev with its own; the two ids, as the problem lists them."""
    for args in (
        ("campaign", "add", "Eng", "--org", "Acme", "--on", "2026-11-02"),
        ("campaign", "move", "Eng", "lost", "--reason", "no_response", "--on", "2026-11-05"),
        ("campaign", "add", "Ops", "--org", "Beta", "--on", "2026-11-03"),
        ("campaign", "move", "Ops", "applied", "--on", "2026-11-10"),
        ("campaign", "add", "Dev", "--org", "Cee", "--on", "2026-11-04"),
    ):
        assert _cli(*args, db=db)[0] == 0
    ids = [int(str(row[0])) for row in sql("SELECT id FROM campaign ORDER BY id")][:2]
    sql(f"DELETE FROM stage_change WHERE campaign_id IN ({ids[0]}, {ids[1]})")
    return f"{ids[0]}, {ids[1]}"


def _history(sql: Sql) -> list[tuple[object, ...]]:
    return sql(
        'SELECT c.title, s.from_stage, s.to_stage, s."on", s.note, s.reason, c.stage, '
        "c.stage_since, c.lost_reason FROM stage_change AS s JOIN campaign AS c "
        'ON c.id = s.campaign_id ORDER BY c.title, s."on", s.id'
    )


def _card(db: str) -> dict[str, object]:
    out = _cli("scorecard", "--week", "2026-W48", "--format", "json", db=db)[1]
    values = json.loads(out)
    return {key: values[key] for key in ("active_campaigns", "lost_reasons")}


def _without_stamp(export: Path) -> dict[str, object]:
    document = json.loads(export.read_text())
    document.pop("exported_at", None)
    return dict(document)


def _check_reported_mended_and_whole(db: str, sql: Sql, empty: str, tmp_path: Path) -> None:
    ids = _campaigns_without_openings(db, sql)
    assert _card(db) == {"active_campaigns": 1, "lost_reasons": {}}

    code, out, _err = _cli("doctor", db=db)
    assert code == 2
    assert PROBLEM.format(ids=ids) in out.splitlines()

    code, out, err = _cli("doctor", "--fix", db=db)
    assert code == 0, out + err
    (fixed,) = [line for line in out.splitlines() if line.startswith("fixed:        recorded")]
    assert fixed.startswith(FIXED.format(ids=ids)) and "before-fix" in fixed
    assert out.rstrip().endswith("all good")
    as_dates = isinstance(sql("SELECT opened_on FROM campaign")[0][0], date)  # a server's

    def day(text: str) -> object:
        return date.fromisoformat(text) if as_dates else text

    assert _history(sql) == [
        ("Dev", None, "research", day("2026-11-04"), "opened", "", "research", day("2026-11-04"), ""),
        ("Eng", None, "lost", day("2026-11-02"), "opened", "no_response", "lost", day("2026-11-02"), "no_response"),
        ("Ops", None, "applied", day("2026-11-03"), "opened", "", "applied", day("2026-11-03"), ""),
    ]  # fmt: skip
    assert _card(db) == {"active_campaigns": 2, "lost_reasons": {"no_response": 1}}
    assert _cli("doctor", db=db)[1].rstrip().endswith("all good")

    first, second = tmp_path / "first.json", tmp_path / "second.json"
    assert _cli("export", "json", "--out", str(first), db=db)[0] == 0
    code, out, err = _cli("import", "json", str(first), db=empty)
    assert code == 0, out + err
    assert "campaigns: 3 added, 0 updated, 0 skipped" in out
    assert _cli("export", "json", "--out", str(second), db=empty)[0] == 0
    assert _without_stamp(second) == _without_stamp(first)


def test_a_file_reports_them_and_fix_records_their_openings(tmp_path: Path) -> None:
    path = tmp_path / "netrack.db"

    def sql(statement: str) -> list[tuple[object, ...]]:
        with sqlite3.connect(path) as connection:
            return connection.execute(statement).fetchall()

    _check_reported_mended_and_whole(str(path), sql, str(tmp_path / "empty.db"), tmp_path)
    (copy,) = (tmp_path / "backups").glob("netrack-*-before-fix.db")
    with sqlite3.connect(copy) as before:
        assert before.execute("SELECT count(*) FROM stage_change").fetchone() == (1,)


def test_fix_on_an_older_schema_asks_for_the_upgrade_first(tmp_path: Path) -> None:
    """Schema 6 (as netrack wrote it then) is left as it is: the mend writes what the
    current schema holds."""
    path = tmp_path / "netrack.db"
    shutil.copyfile(Path(__file__).parent.parent / "data" / "v6_populated.db", path)
    path.chmod(0o600)
    with sqlite3.connect(path) as connection:
        connection.execute("DELETE FROM stage_change WHERE campaign_id = 2")

    code, out, _err = _cli("doctor", "--fix", db=str(path))

    assert code == 2
    assert (
        "problem:      1 campaign has no stage change, not even the opening `campaign add` "
        "records (campaign ids 2); the scorecard does not count it and `import json` would "
        "skip it: `netrack doctor --fix` records each one's opening once a netrack command "
        "has upgraded the database"
    ) in out.splitlines()
    with sqlite3.connect(path) as connection:
        assert connection.execute(
            "SELECT count(*) FROM stage_change WHERE campaign_id = 2"
        ).fetchone() == (0,)


@pytest.fixture
def server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, str]]:
    """Two empty server databases (the second to import into); backups under tmp_path."""
    monkeypatch.setattr("netrack.locations.data_dir", lambda: tmp_path / "data")
    made = [pg.fresh_database(None), pg.fresh_database(None)]
    yield made[0], made[1]
    for url in made:
        pg.drop_database(url)


@pytest.mark.postgresql
def test_a_server_reports_them_and_fix_records_their_openings(
    server: tuple[str, str], tmp_path: Path
) -> None:
    url, empty = server

    def sql(statement: str) -> list[tuple[object, ...]]:
        return pg.sql(url, statement)

    _check_reported_mended_and_whole(url, sql, empty, tmp_path)
    stem = ServerAddress(url).path.stem
    (copy,) = (tmp_path / "data" / "backups").glob(f"{stem}-*-before-fix.json")
    assert [len(c["history"]) for c in json.loads(copy.read_text())["campaigns"]] == [0, 0, 1]
