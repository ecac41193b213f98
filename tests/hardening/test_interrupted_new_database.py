"""Ctrl-C on a command that makes its database (`--db new.db`), at each stage from the
file's creation to the import's rows: the file goes, with its -wal and -shm, and the one
line says so. It said "interrupted after new.db was upgraded to schema 10" of a file
then removed, and a Ctrl-C as the file was made left it behind, "nothing was changed"."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .test_interrupted_command import one_line, run

DOCUMENT = {
    "format": "netrack",
    "schema_version": 10,
    "contacts": [{"ref": n, "name": f"Person {n}", "met_on": "2026-10-01"} for n in range(1, 41)],
    "interactions": [
        {"on": "2026-11-0" + str(1 + n % 9), "kind": "message", "contacts": [1 + n % 40]}
        for n in range(300)
    ],
}


@pytest.mark.parametrize(
    "moment", ["created", "upgrading", "upgrade-commit", "upgraded", "loading", "import"]
)
def test_ctrl_c_on_an_import_into_a_new_database_leaves_nothing_and_says_so(
    tmp_path: Path, moment: str
) -> None:
    source = tmp_path / "history.json"
    source.write_text(json.dumps(DOCUMENT), encoding="utf-8")
    db = tmp_path / "new.db"

    done = run(moment, "import", "json", str(source), "--db", str(db))

    assert one_line(done) == f"netrack: interrupted; {db} was not created\n"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["history.json"]


@pytest.mark.parametrize("moment", ["created", "upgrade-commit", "upgraded"])
def test_ctrl_c_as_a_command_opens_a_new_database_leaves_nothing_and_says_so(
    tmp_path: Path, moment: str
) -> None:
    db = tmp_path / "new.db"

    done = run(moment, "contact", "add", "Ana López", "--db", str(db))

    assert one_line(done) == f"netrack: interrupted; {db} was not created\n"
    assert list(tmp_path.iterdir()) == []
