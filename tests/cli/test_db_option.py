"""`--db` is honoured wherever it stands: before the command, after the group, at the end."""

from __future__ import annotations

from pathlib import Path

import pytest

from netrack.cli import main


@pytest.mark.parametrize(
    "argv",
    [
        ["--db", "{db}", "contact", "add", "Ana López"],
        ["contact", "--db", "{db}", "add", "Ana López"],
        ["contact", "add", "Ana López", "--db", "{db}"],
    ],
)
def test_db_option_anywhere_writes_to_that_file(
    argv: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    elsewhere = tmp_path / "default" / "netrack.db"
    monkeypatch.setenv("NETRACK_DB", str(elsewhere))
    target = tmp_path / "chosen.db"
    assert main([part.format(db=target) for part in argv]) == 0
    assert target.exists() and not elsewhere.exists()
    assert main(["--db", str(target), "log", "@ana hello"]) == 0


def test_netrack_db_is_the_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    chosen = tmp_path / "env.db"
    monkeypatch.setenv("NETRACK_DB", str(chosen))
    assert main(["contact", "add", "Raj Patel"]) == 0
    assert chosen.exists()


@pytest.mark.parametrize(
    ("value", "said"),
    [
        (" ", "must not be blank"),
        ("newdir/", "newdir/ names a folder"),
        ("sqlite:///foo.db", "sqlite: is not a database netrack opens"),
        # SQLite read it as a URI: the data went to x.db, restore and doctor to "file:x.db".
        ("file:x.db", "file: is not a database netrack opens"),
        ("postgresql:/host/db", "postgresql: is not a database netrack opens"),
        (" x.db", "begins or ends with a space"),
        # libpq's keyword form: a file of that name, its password in it, was made
        ("host=db port=5432 dbname=wd password=Sekr1t", "reads like a PostgreSQL connection"),
    ],
)
@pytest.mark.parametrize("source", ["--db", "NETRACK_DB"])
def test_a_db_that_would_make_an_odd_file_is_refused(
    value: str,
    said: str,
    source: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """They made a file named " ", a file named `newdir`, a folder `sqlite:`."""
    monkeypatch.chdir(tmp_path)
    if source == "--db":
        code = main(["contact", "list", "--db", value])
    else:
        monkeypatch.setenv("NETRACK_DB", value)
        code = main(["contact", "list"])

    assert code == 2
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith(f"netrack: {source}") and said in line, line
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("under", ["x.db", "new/x.db"])
@pytest.mark.parametrize("command", [["contact", "add", "Ana"], ["contact", "list"], ["doctor"]])
def test_a_db_under_a_file_names_the_file(
    under: str,
    command: list[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`--db d.db/x.db` with d.db a file said "cannot write in folder d.db … make the
    folder writable", which no chmod mends; a folder under it, "Not a directory"."""
    monkeypatch.chdir(tmp_path)
    Path("d.db").write_bytes(b"")

    code = main([*command, "--db", f"d.db/{under}"])

    assert code == 2
    said = capsys.readouterr()
    line = said.out.splitlines()[-1] if command == ["doctor"] else said.err.strip()
    assert "d.db is a file, not a folder:" in line, line
    assert "writable" not in line and "Not a directory" not in line
    assert sorted(p.name for p in tmp_path.iterdir()) == ["d.db"]
