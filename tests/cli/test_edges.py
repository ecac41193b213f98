"""Issue 13, the command line's own edges: one self-contained file after every command,
hostile bytes shown and never sent to the terminal, every bad input one line and exit 2,
no TUI without a terminal."""

from __future__ import annotations

import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from netrack.cli_output import json_for
from tests.cli.conftest import ADD_HINT, TODAY, Run

ESC_TITLE = "\x1b]0;pwned\x07"  # OSC: would retitle the terminal
CLEAR = "\x1b[2J"  # CSI: would clear it


def _interactions(path: Path) -> int:
    connection = sqlite3.connect(path)
    try:
        return int(connection.execute("SELECT count(*) FROM interaction").fetchone()[0])
    finally:
        connection.close()


def test_a_command_leaves_the_database_one_self_contained_file(
    run_process: Run, db: Path, tmp_path: Path
) -> None:
    assert run_process("contact", "add", "Ana López").code == 0
    logged = run_process("log", "@ana #coffee 30m")
    assert logged.code == 0, logged.err
    assert not Path(f"{db}-wal").exists() and not Path(f"{db}-shm").exists()
    copy = tmp_path / "elsewhere" / "copy.db"
    copy.parent.mkdir()
    shutil.copyfile(db, copy)  # `cp my.db copy.db`: the .db alone
    assert _interactions(copy) == 1


def test_in_process_commands_close_what_they_open(run: Run, db: Path) -> None:
    assert run("contact", "add", "Ana López").code == 0
    assert run("log", "@ana 30m").code == 0
    assert not Path(f"{db}-wal").exists()


def test_names_with_escape_sequences_are_printed_visible(run: Run) -> None:
    added = run("contact", "add", f"Eve{ESC_TITLE}One")
    assert added.code == 0
    assert "\x1b" not in added.out and "\x07" not in added.out
    assert "Eve␛]0;pwned␇One" in added.out
    assert run("contact", "add", f"Eve{CLEAR}Two").code == 0
    ambiguous = run("log", "@eve 30m")
    assert ambiguous.code == 2
    assert "\x1b" not in ambiguous.err and "␛[2J" in ambiguous.err
    assert len(ambiguous.err.strip().splitlines()) == 1
    logged = run("log", "@one 30m")
    assert logged.code == 0 and "\x1b" not in logged.out and "␛]0;pwned␇" in logged.out


@pytest.mark.parametrize(
    "argv",
    [
        ("scorecard", "--on", "9999-12-31"),
        ("scorecard", "--on", "0001-01-01"),
        ("scorecard", "--week", "9999-W52"),
        ("scorecard", "--week", "0001-W01"),
        ("log", "@ana \udcff 30m"),  # a byte that is not UTF-8, as Python passes it on
        ("contact", "add", "Ana \udcffx"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(run: Run, db: Path, argv: tuple[str, ...]) -> None:
    assert run("contact", "add", "Ana").code == 0
    before = _interactions(db)
    result = run(*argv)
    assert result.code == 2
    lines = result.err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("netrack: "), result.err
    assert "internal error" not in result.err and "Traceback" not in result.err
    assert _interactions(db) == before


def test_the_scorecard_still_works_at_the_edges_of_its_range(run: Run) -> None:
    for argv in (("--on", "9998-12-31"), ("--week", "1900-W01"), ("--on", "1900-01-01")):
        result = run("scorecard", *argv)
        assert result.code == 0, result.err


# Python 3.11's `date.fromisoformat` reads the ISO forms after "garbage"; SPEC's
# NETRACK_TODAY is YYYY-MM-DD only.
@pytest.mark.parametrize("today", ["garbage", "20261127", "2026-W48-5", "2026-W48", "2026-1-27"])
def test_a_garbled_netrack_today_is_one_line(
    run: Run, monkeypatch: pytest.MonkeyPatch, today: str
) -> None:
    monkeypatch.setenv("NETRACK_TODAY", today)
    result = run("scorecard")
    assert (result.code, result.out) == (2, "")
    assert result.err == f"netrack: NETRACK_TODAY must be a date like 2026-11-27, not {today!r}\n"


@pytest.mark.parametrize("today", ["9999-12-31", "0001-01-01"])
@pytest.mark.parametrize("argv", [("agenda",), ("log", "@ana fu:tomorrow")])
def test_a_netrack_today_past_the_calendar_is_one_line(
    run: Run, monkeypatch: pytest.MonkeyPatch, today: str, argv: tuple[str, ...]
) -> None:
    """An agenda's week or a follow-up's tomorrow would run off the calendar."""
    monkeypatch.setenv("NETRACK_TODAY", today)
    result = run(*argv)
    assert (result.code, result.out) == (2, "")
    assert result.err == (
        f"netrack: NETRACK_TODAY must be a date from 1900-01-01 to 9998-12-31, not '{today}'\n"
    )


def test_a_file_name_that_is_not_utf8_is_still_a_path(run: Run, tmp_path: Path) -> None:
    odd = tmp_path / "caf\udce9.db"  # "café" in Latin-1 bytes
    result = run("contact", "add", "Ana", "--db", str(odd), use_db=False)
    assert result.code == 0, result.err
    assert os.path.exists(os.fsencode(odd))


def _bare(env: dict[str, str], *argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "netrack", *argv],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env={**os.environ, "NETRACK_TODAY": TODAY, **env},
        timeout=60,
    )


def test_an_ascii_locale_takes_a_utf8_argument_and_refuses_bytes_that_are_not(
    db: Path,
) -> None:
    """Under `LC_ALL=C` Python reads argv as ASCII: 'Öscar' was refused as "argument
    '\\xc3\\x96scar' is not valid UTF-8 text", though those bytes are UTF-8."""
    ascii_locale = {"LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"}
    added = _bare(ascii_locale, "contact", "add", "Öscar", "--db", str(db))
    assert added.returncode == 0, added.stderr
    shown = _bare(ascii_locale, "contact", "show", "Ösc", "--db", str(db))
    assert shown.returncode == 0, shown.stderr
    listed = _bare({}, "contact", "list", "--format", "json", "--db", str(db))
    assert [c["name"] for c in json.loads(listed.stdout)["contacts"]] == ["Öscar"]
    latin_1 = subprocess.run(
        [sys.executable, "-m", "netrack", "contact", "add", b"\xd6scar", "--db", str(db)],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        env={**os.environ, "NETRACK_TODAY": TODAY, **ascii_locale},
        timeout=60,
    )
    assert (latin_1.returncode, latin_1.stdout) == (2, b"")
    assert latin_1.stderr == b"netrack: argument '\\xd6scar' is not valid UTF-8 text\n"


def test_without_a_terminal_netrack_prints_help(db: Path) -> None:
    done = _bare({}, "--db", str(db))
    assert done.returncode == 0
    assert done.stdout.startswith("usage: netrack")
    assert "scorecard" in done.stdout and "\x1b" not in done.stdout
    assert not db.exists()  # nothing opened, nothing created


def test_json_stays_valid_json_on_a_terminal_without_utf8(db: Path) -> None:
    name = "Zoë 🐉 Ñúñez"
    assert _bare({}, "contact", "add", name, "--db", str(db)).returncode == 0
    listed = _bare({"PYTHONIOENCODING": "ascii"}, "contact", "list", "--format", "json",
                   "--db", str(db))  # fmt: skip
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout.isascii() and "\\xeb" not in listed.stdout
    assert [c["name"] for c in json.loads(listed.stdout)["contacts"]] == [name]


@pytest.mark.parametrize("encoding", ["ascii", "latin-1", "utf-8"])
def test_json_for_a_stream_escapes_only_what_its_encoding_lacks(encoding: str) -> None:
    text = json.dumps({"name": 'Zoë 🐉 \\ "x"'}, ensure_ascii=False)
    stream = io.TextIOWrapper(io.BytesIO(), encoding=encoding)
    fitted = json_for(text, stream)
    assert json.loads(fitted) == json.loads(text)
    assert fitted == (text if encoding == "utf-8" else json.dumps(json.loads(text)))


def test_a_terminal_without_utf8_gets_stand_ins_not_a_crash(db: Path) -> None:
    ascii_only = {"PYTHONIOENCODING": "ascii"}
    added = _bare(ascii_only, "contact", "add", "Zoë Ñúñez", "--org", "Acme", "--db", str(db))
    assert added.returncode == 0, added.stderr
    assert "Zo\\xeb" in added.stdout
    assert _bare(ascii_only, "campaign", "add", "Platform", "--org", "Acme", "--db", str(db))
    moved = _bare(ascii_only, "campaign", "move", "platform", "applied", "--db", str(db))
    assert moved.returncode == 0, moved.stderr
    assert "research -> applied" in moved.stdout  # netrack's arrow, in ASCII


def test_a_terminal_without_utf8_keeps_columns_and_gets_ascii_decorations(db: Path) -> None:
    """Cells were measured before the stream's escapes (`Zo\\xeb` is 4 cells longer than
    "Zoë"), so every column after one shifted; netrack's own "—", "·", "⚠", "–" and "→"
    came out as `\\u2014` and the like. A person's text keeps its escapes."""
    ascii_only = {"PYTHONIOENCODING": "ascii"}
    where = ("--db", str(db))
    for argv in (
        ("contact", "add", "Zoë Roy", "--org", "Café Ltd", "--strength", "3"),
        ("contact", "add", "Bob Stone", "--org", "Acme"),
        ("log", "@zoe #coffee 30m fu:+3d talked"),
    ):
        assert _bare(ascii_only, *argv, *where).returncode == 0, argv
    listed = _bare(ascii_only, "contact", "list", *where)
    assert listed.stdout.isascii()
    lines = listed.stdout.splitlines()
    assert lines[1:] == [
        "2   Bob Stone   Acme          -         -           -",
        "1   Zo\\xeb Roy  Caf\\xe9 Ltd   3         2026-11-27  -",
    ]
    column = lines[0].index("organization")
    assert lines[1].index("Acme") == lines[2].index("Caf") == column
    shown = _bare(ascii_only, "contact", "show", "zoe", *where).stdout
    agenda = _bare(ascii_only, "agenda", *where).stdout
    card = _bare(ascii_only, "scorecard", *where).stdout
    review = _bare(ascii_only, "scorecard", "--format", "markdown", *where).stdout
    for text in (shown, agenda, card, review):
        assert text.isascii() and "\\u" not in text, text
    assert "with        min" in shown and "Zo\\xeb Roy  30" in shown  # aligned under "with"
    assert "0 overdue . 0 due today . 1 in 7 days . 1 logged today" in agenda
    assert "! no active campaigns" in agenda
    assert "(2026-11-23 -> 2026-11-29)  . running" in card
    assert review.startswith("## Weekly review 2026-W48 (2026-11-23 - 2026-11-29) - running")
    refused = _bare(ascii_only, "contact", "show", "Zoë x", *where)
    assert (refused.returncode, refused.stderr) == (
        2,
        f"netrack: no contact matches 'Zo\\xeb x'{ADD_HINT}\n",
    )


def test_a_failed_command_leaves_no_database_it_made(run: Run, tmp_path: Path) -> None:
    """SPEC: a failed command writes nothing, the file it would have made included
    (`--db typo.db contact show ana` must not leave a typo.db behind)."""
    folder = tmp_path / "data"
    folder.mkdir()
    bad = tmp_path / "bad.json"
    bad.write_text('{"format":')
    typo = folder / "typo.db"
    for argv in (
        ("contact", "show", "ana"),
        ("referral", "delete", "5"),
        ("org", "edit", "acme", "--industry", "x"),
        ("time", "list", "--since", "someday"),
        ("import", "json", str(bad)),  # a file netrack refuses: nothing imported
        ("import", "vcard", str(bad)),
    ):
        result = run(*argv, "--db", str(typo), use_db=False)
        assert result.code == 2, (argv, result)
        assert sorted(p.name for p in folder.iterdir()) == [], argv
    # A read makes none either: a mistyped --db gave "no contacts", exit 0, and left an
    # empty database there (an export of it piped into an import moved its defaults).
    reads: tuple[tuple[str, ...], ...] = (("contact", "list"), ("agenda",), ("scorecard",))
    for read in reads:
        assert run(*read, "--db", str(typo), use_db=False).code == 0, read
        assert sorted(p.name for p in folder.iterdir()) == [], read
    # An export or a backup of it is refused: an empty one said it was done.
    both: tuple[tuple[str, ...], ...] = (("export", "json", "--out", "-"), ("backup",))
    for each in both:
        refused = run(*each, "--db", str(typo), use_db=False)
        assert (refused.code, refused.err) == (
            2,
            f"netrack: no database at {typo}: nothing to export or back up\n",
        ), each
        assert sorted(p.name for p in folder.iterdir()) == [], each
    # A command that writes makes it, as a first command must; a later failure keeps it.
    assert run("contact", "add", "Zed", "--db", str(typo), use_db=False).code == 0
    assert run("contact", "show", "ana", "--db", str(typo), use_db=False).code == 2
    assert typo.exists()


READS: tuple[tuple[str, ...], ...] = (
    ("contact", "list", "--format", "json"),
    ("contact", "show", "ana"),
    ("campaign", "list"),
    ("interaction", "list"),
    ("followup", "list"),
    ("referral", "list"),
    ("time", "list"),
    ("org", "list"),
    ("goal", "list"),
    ("config", "week_start"),
    ("agenda",),
    ("scorecard", "--format", "json"),
)


def test_a_read_on_a_database_that_is_not_there_says_so(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A typo in a script's --db gave "no contacts", `[]` and an all-zero card with exit
    0, and nothing said there was no database there. stdout stays what an empty history
    gives (a script's parse holds); stderr says it. A read that fails on the name it was
    given says both in one line (it said the note, then "no contact matches", two)."""
    typo = tmp_path / "reall.db"
    said = f"netrack: no database at {typo} yet: nothing is logged there\n"
    for read in READS:
        result = run(*read, "--db", str(typo), use_db=False)
        failed = read[1:2] == ("show",)
        assert result.code == (2 if failed else 0), (read, result)
        if not failed:
            assert result.err == said, (read, result.err)
        assert not typo.exists(), read
    listed = run("contact", "list", "--format", "json", "--db", str(typo), use_db=False)
    assert json.loads(listed.out) == {"contacts": []}
    for read, no_match in (
        (("contact", "show", "ana"), "no contact matches 'ana'"),
        (("campaign", "show", "acme"), "no campaign matches 'acme'"),
        (("interaction", "list", "--with", "ana"), "no contact matches 'ana'"),
        (("interaction", "list", "--campaign", "acme"), "no campaign matches 'acme'"),
    ):
        result = run(*read, "--db", str(typo), use_db=False)
        assert (result.code, result.out) == (2, ""), read
        assert result.err == f"netrack: {no_match}: there is no database at {typo} yet\n"
        assert not typo.exists(), read
    monkeypatch.setenv("NETRACK_DB", str(typo))  # named by the environment: said too
    assert run("agenda", use_db=False).err == said
    monkeypatch.delenv("NETRACK_DB")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "first-run"))  # the default: quiet
    first = run("contact", "list", use_db=False)
    assert (first.code, first.out, first.err) == (0, "no contacts\n", "")


def test_goals_of_a_database_that_is_not_there_show_no_ids(run: Run, tmp_path: Path) -> None:
    """`goal list` on a missing file listed goals 1-4, which no database held. The goals
    a new one starts with are listed (`goal edit 1` would make it with them), without ids."""
    typo = str(tmp_path / "reall.db")
    table = run("goal", "list", "--db", typo, use_db=False).out.splitlines()
    assert [line.split()[:2] for line in table[1:]] == [
        ["—", "active_campaigns"],
        ["—", "meaningful_contacts"],
        ["—", "face_to_face"],
        ["—", "hours_busywork"],
    ]
    listed = json.loads(run("goal", "list", "--format", "json", "--db", typo, use_db=False).out)
    assert [goal["id"] for goal in listed["goals"]] == [None] * 4
    assert run("goal", "edit", "1", "--target", "3", "--db", typo, use_db=False).code == 0
    stored = json.loads(run("goal", "list", "--format", "json", "--db", typo, use_db=False).out)
    first = stored["goals"][0]
    assert (first["id"], first["metric"], first["target"]) == (1, "active_campaigns", 3.0)
