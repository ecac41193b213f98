"""Where data leaves netrack (exports, backup --out): never over the database, its
companion files or its backups; an existing file only with --force; through a symbolic
link, not over it; atomically (a failure leaves the old file and no temporary file)."""

from __future__ import annotations

import csv
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from icalendar import Calendar

from netrack import cli
from netrack.data.repo import Repo
from netrack.domain.errors import InputError, StorageError
from netrack.interop import api, csv_io
from tests.interop.conftest import TODAY, snapshot

DAY = TODAY.isoformat()
FILE_FORMATS = ("json", "ics", "vcard")


@dataclass(frozen=True)
class Result:
    code: int
    out: str
    err: str


Run = Callable[..., Result]


@pytest.fixture
def run(db_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Run:
    """`run("export", "json", "--out", p)` → cli.main with `--db` appended, today frozen."""
    monkeypatch.setenv("NETRACK_TODAY", DAY)

    def invoke(*argv: str | Path) -> Result:
        capsys.readouterr()
        code = cli.main([*map(str, argv), "--db", str(db_path)])
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return invoke


@pytest.fixture
def filled(run: Run, db_path: Path) -> Path:
    """A database with a contact and a pending follow-up; returns its path."""
    assert run("contact", "add", "Ana López").code == 0
    assert run("log", "@ana #coffee 30m fu:+3d talked").code == 0
    return db_path


def one_line_refusal(result: Result, *words: str) -> None:
    assert result.code == 2, result
    assert result.out == ""
    assert result.err.count("\n") == 1 and result.err.startswith("netrack: "), result.err
    assert "Traceback" not in result.err
    for word in words:
        assert word in result.err, result.err


def is_sqlite(path: Path) -> bool:
    """Still a database file (its bytes may change: closing folds the WAL in)."""
    return path.read_bytes()[:16] == b"SQLite format 3\x00"


def leftovers(folder: Path) -> list[str]:
    """Hidden temporary files or folders an export or backup might leave behind."""
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


# 1. Never the database, its companions, or its backups ----------------------------------


@pytest.mark.parametrize("fmt", FILE_FORMATS)
def test_export_over_the_live_database_is_refused(run: Run, filled: Path, fmt: str) -> None:
    before = snapshot(filled)

    for extra in ((), ("--force",)):
        one_line_refusal(run("export", fmt, "--out", filled, *extra), "is the database")

    assert is_sqlite(filled) and snapshot(filled) == before
    assert run("log", "@ana 10m again").code == 0  # the next write goes into the same file
    assert leftovers(filled.parent) == []


@pytest.mark.parametrize("suffix", ["-wal", "-shm", "-journal"])
def test_export_over_a_companion_file_is_refused(run: Run, filled: Path, suffix: str) -> None:
    companion = Path(f"{filled}{suffix}")

    result = run("export", "json", "--out", companion, "--force")

    one_line_refusal(result, f"the database's {suffix[1:]} file")
    assert not companion.exists()


def test_the_database_by_another_name_is_refused(run: Run, filled: Path, tmp_path: Path) -> None:
    link = tmp_path / "link.db"
    link.symlink_to(filled)
    hard = tmp_path / "hard.db"
    os.link(filled, hard)
    (tmp_path / "sub").mkdir()
    before = snapshot(filled)

    for alias in (link, hard, tmp_path / "sub" / ".." / filled.name):
        one_line_refusal(run("export", "vcard", "--out", alias, "--force"), "the database")
        one_line_refusal(run("backup", "--out", alias, "--force"), "the database")

    assert is_sqlite(filled) and snapshot(filled) == before and link.is_symlink()


def test_exports_never_go_into_the_backups_folder(run: Run, filled: Path) -> None:
    assert run("backup").code == 0
    backups = filled.parent / "backups"
    (existing,) = backups.iterdir()
    raw = existing.read_bytes()

    one_line_refusal(run("export", "json", "--out", backups / "x.json"), "backups folder")
    one_line_refusal(run("export", "ics", "--out", existing, "--force"), "backups folder")
    one_line_refusal(run("export", "csv", "--out", backups / "csv", "--force"), "backups")
    one_line_refusal(run("backup", "--out", existing, "--force"), "backups folder")

    assert existing.read_bytes() == raw
    assert sorted(backups.iterdir()) == [existing]
    # a new backup file there is what `backup` does anyway
    assert run("backup", "--out", backups / "mine.db").code == 0


def test_csv_folder_holding_the_database_is_refused(run: Run, filled: Path) -> None:
    before = snapshot(filled)

    result = run("export", "csv", "--out", filled.parent, "--force")

    one_line_refusal(result, "holds netrack's database")
    assert is_sqlite(filled) and snapshot(filled) == before
    assert not (filled.parent / "contacts.csv").exists()


def test_the_palette_is_refused_the_same(repo: Repo, db_path: Path) -> None:
    """The TUI's prompt calls api.export / api.backup with the path as typed."""
    repo.contacts.add("Ana López")
    for fmt in FILE_FORMATS:
        with pytest.raises(InputError, match="is the database"):
            api.export(repo, fmt, str(db_path), force=True)
    with pytest.raises(InputError, match="the database's wal file"):
        api.backup(repo, f"{db_path}-wal", force=True)
    assert [c.name for c in repo.contacts.all()] == ["Ana López"]


# 1. An existing file only with --force; symbolic links written through -------------------


@pytest.mark.parametrize("fmt", FILE_FORMATS)
def test_existing_file_needs_force(run: Run, filled: Path, tmp_path: Path, fmt: str) -> None:
    target = tmp_path / "mine.txt"
    target.write_text("my own notes")

    one_line_refusal(run("export", fmt, "--out", target), "already exists", "--force")
    assert target.read_text() == "my own notes"

    done = run("export", fmt, "--out", target, "--force")
    assert done.code == 0, done.err
    assert target.read_text() != "my own notes"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("fmt", FILE_FORMATS)
def test_force_never_replaces_a_backup_or_another_database(
    run: Run, filled: Path, tmp_path: Path, fmt: str
) -> None:
    """`--force`'s help says never the database or a backup; a backup made with
    `backup --out` elsewhere, or another netrack database, was replaced (a sweep)."""
    copy = tmp_path / "safe" / "my-backup.db"
    assert run("backup", "--out", copy).code == 0
    kept = copy.read_bytes()

    one_line_refusal(
        run("export", fmt, "--out", copy, "--force"),
        "is a SQLite database (a backup, or another database): an export never replaces one",
    )
    assert copy.read_bytes() == kept
    assert run("backup", "--out", copy, "--force").code == 0  # a backup replaces one


def test_backup_over_an_existing_file_needs_force(run: Run, filled: Path, tmp_path: Path) -> None:
    target = tmp_path / "copy.db"
    target.write_text("older")

    one_line_refusal(run("backup", "--out", target), "already exists")
    assert target.read_text() == "older"

    done = run("backup", "--out", target, "--force")
    assert done.code == 0, done.err
    assert target.read_bytes().startswith(b"SQLite format 3\x00")
    assert snapshot(target) == snapshot(filled)
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("command", [("export", "vcard"), ("backup",)])
def test_a_symbolic_link_is_written_through(
    run: Run, filled: Path, tmp_path: Path, command: tuple[str, ...]
) -> None:
    (tmp_path / "real").mkdir()
    real = tmp_path / "real" / "contacts.out"
    real.write_text("old")
    link = tmp_path / "link.out"
    link.symlink_to(real)

    one_line_refusal(run(*command, "--out", link), "already exists")
    done = run(*command, "--out", link, "--force")

    assert done.code == 0, done.err
    assert f"to {link}" in done.out
    assert link.is_symlink() and link.resolve() == real
    assert real.read_bytes().startswith((b"BEGIN:VCARD", b"SQLite format 3\x00"))
    assert leftovers(tmp_path) == [] and leftovers(real.parent) == []


def test_a_dangling_link_gets_its_file(run: Run, filled: Path, tmp_path: Path) -> None:
    link = tmp_path / "link.json"
    link.symlink_to(tmp_path / "made.json")

    assert run("export", "json", "--out", link).code == 0

    assert link.is_symlink() and (tmp_path / "made.json").read_text().startswith("{")


# 1. Atomic: a failure (even Ctrl-C) leaves the old file and nothing else --------------------


@pytest.mark.parametrize("interrupt", [KeyboardInterrupt, OSError(28, "No space left")])
def test_interrupted_write_leaves_the_old_file_and_no_temporary(
    repo: Repo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, interrupt: BaseException
) -> None:
    repo.contacts.add("Ana López")
    target = tmp_path / "out" / "contacts.vcf"
    target.parent.mkdir()
    target.write_text("old")

    def fail(fd: int) -> None:
        raise interrupt

    monkeypatch.setattr(os, "fsync", fail)
    with pytest.raises((KeyboardInterrupt, OSError, StorageError)):
        api.export(repo, "vcard", target, force=True)

    assert target.read_text() == "old"
    assert sorted(p.name for p in target.parent.iterdir()) == ["contacts.vcf"]


# 2. CSV: the whole set at once ----------------------------------------------------------------


def csv_names(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


def test_csv_into_a_non_empty_folder_needs_force(run: Run, filled: Path, tmp_path: Path) -> None:
    folder = tmp_path / "csv"
    assert run("export", "csv", "--out", folder).code == 0
    (folder / "contacts.csv").write_text("edited by hand")

    one_line_refusal(run("export", "csv", "--out", folder), "is not empty", "--force")
    assert (folder / "contacts.csv").read_text() == "edited by hand"

    done = run("export", "csv", "--out", folder, "--force")
    assert done.code == 0, done.err
    assert csv_names(folder) == csv_io.file_names()
    assert (folder / "contacts.csv").read_text().startswith("id,name,")
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert leftovers(tmp_path) == []


def test_csv_force_never_replaces_a_folder_of_other_files(
    run: Run, filled: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "documents"
    folder.mkdir()
    (folder / "thesis.odt").write_text("years of work")

    one_line_refusal(run("export", "csv", "--out", folder, "--force"), "other files")
    # Said at once, without --force too: "is not empty" invited a replacement (the
    # palette: "press enter again to replace it") only to refuse it then.
    refused = run("export", "csv", "--out", folder)
    one_line_refusal(refused, "holds other files; choose another folder")
    assert "--force" not in refused.err

    assert csv_names(folder) == {"thesis.odt"}


def test_csv_into_an_empty_folder_keeps_that_folder(
    run: Run, filled: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "empty"
    folder.mkdir(mode=0o755)
    os.chmod(folder, 0o755)
    inode = folder.stat().st_ino
    monkeypatch.chdir(folder)  # `cd empty && netrack export csv --out .`

    assert run("export", "csv", "--out", ".").code == 0

    assert csv_names(Path.cwd()) == csv_io.file_names()  # the shell's folder, not a new one
    assert folder.stat().st_ino == inode and stat.S_IMODE(folder.stat().st_mode) == 0o755
    assert leftovers(tmp_path) == []


def test_failed_csv_export_into_an_empty_folder_leaves_it_empty(
    repo: Repo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "empty"
    folder.mkdir()
    real_rename = os.rename
    calls = []

    def fail_on_the_third(source: str | Path, target: str | Path) -> None:
        calls.append(target)
        if Path(target).parent == folder and len(calls) > 14:  # 12 in the temporary folder
            raise KeyboardInterrupt
        real_rename(source, target)

    monkeypatch.setattr(os, "rename", fail_on_the_third)
    with pytest.raises(KeyboardInterrupt):
        api.export(repo, "csv", folder)

    assert list(folder.iterdir()) == [] and leftovers(tmp_path) == []


def test_failed_csv_export_leaves_the_old_set_whole(
    repo: Repo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo.contacts.add("Ana López")
    folder = tmp_path / "csv"
    api.export(repo, "csv", folder)
    old = {p.name: p.read_bytes() for p in folder.iterdir()}
    repo.contacts.add("Raj Patel")
    real_fsync = os.fsync
    calls = []

    def fail_on_the_fifth(fd: int) -> None:
        calls.append(fd)
        if len(calls) == 5:
            raise KeyboardInterrupt
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fail_on_the_fifth)
    with pytest.raises(KeyboardInterrupt):
        api.export(repo, "csv", folder, force=True)
    monkeypatch.setattr(os, "fsync", real_fsync)

    assert {p.name: p.read_bytes() for p in folder.iterdir()} == old
    assert leftovers(tmp_path) == []
    api.export(repo, "csv", folder, force=True)
    assert b"Raj Patel" in (folder / "contacts.csv").read_bytes()


def test_failed_csv_swap_puts_the_old_set_back(
    repo: Repo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo.contacts.add("Ana López")
    folder = tmp_path / "csv"
    api.export(repo, "csv", folder)
    old = {p.name: p.read_bytes() for p in folder.iterdir()}
    real_replace = os.replace

    def refuse_the_new_folder(source: str | Path, target: str | Path) -> None:
        if Path(source).name.endswith(".tmp") and Path(target) == folder:
            raise OSError(5, "Input/output error")
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", refuse_the_new_folder)
    with pytest.raises(StorageError, match="Input/output error"):
        api.export(repo, "csv", folder, force=True)

    assert {p.name: p.read_bytes() for p in folder.iterdir()} == old
    assert leftovers(tmp_path) == []


# 3. A trailing separator means a folder ------------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "name"),
    [
        ("json", f"netrack-export-{DAY}.json"),
        ("ics", f"netrack-follow-ups-{DAY}.ics"),
        ("vcard", f"netrack-contacts-{DAY}.vcf"),
    ],
)
def test_out_ending_in_a_separator_is_a_folder(
    run: Run, filled: Path, tmp_path: Path, fmt: str, name: str
) -> None:
    done = run("export", fmt, "--out", f"{tmp_path / 'new'}/")

    assert done.code == 0, done.err
    assert not (tmp_path / "new").is_file()
    assert csv_names(tmp_path / "new") == {name}
    assert stat.S_IMODE((tmp_path / "new").stat().st_mode) == 0o700
    # an existing folder, with or without the separator, gets the same name inside
    other = tmp_path / "existing"
    other.mkdir()
    assert run("export", fmt, "--out", other).code == 0
    assert csv_names(other) == {name}


def test_backup_out_ending_in_a_separator_is_a_folder(
    run: Run, filled: Path, tmp_path: Path
) -> None:
    done = run("backup", "--out", f"{tmp_path / 'saved'}/")

    assert done.code == 0, done.err
    (copy,) = (tmp_path / "saved").iterdir()
    assert copy.suffix == ".db" and snapshot(copy) == snapshot(filled)


# 4. Empty or unusable --out: one line, exit 2 ----------------------------------------------------


@pytest.mark.parametrize(
    "command", [("backup",), *(("export", fmt) for fmt in (*FILE_FORMATS, "csv"))]
)
def test_empty_out_is_refused(
    run: Run, filled: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: tuple
) -> None:
    monkeypatch.chdir(tmp_path)
    before = csv_names(tmp_path)

    one_line_refusal(run(*command, "--out", ""), "--out must not be empty")

    assert csv_names(tmp_path) == before


def test_backup_under_a_file_is_one_line(run: Run, filled: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "somefile"
    blocker.write_text("a file, not a folder")

    one_line_refusal(run("backup", "--out", blocker / "x.db"), "somefile")
    one_line_refusal(run("backup", "--out", blocker / "sub" / "x.db"), "somefile")
    one_line_refusal(run("export", "json", "--out", blocker / "x.json"), "somefile")

    assert blocker.read_text() == "a file, not a folder"


def test_backup_into_an_unwritable_folder_is_one_line(
    run: Run, filled: Path, tmp_path: Path
) -> None:
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    if os.access(locked, os.W_OK):  # root writes anyway: test_backup_under_a_file covers it
        pytest.skip("running as a user who can write into a 0500 folder")

    one_line_refusal(run("backup", "--out", locked / "x.db"), str(locked))
    one_line_refusal(run("export", "json", "--out", locked / "x.json"), str(locked))

    assert list(locked.iterdir()) == []


@pytest.mark.parametrize("command", [("backup",), ("export", "json"), ("export", "csv")])
def test_unusable_paths_are_one_line_and_long_names_work(
    run: Run, filled: Path, tmp_path: Path, command: tuple[str, ...]
) -> None:
    one_line_refusal(run(*command, "--out", tmp_path / ("x" * 300)), "cannot use this path")
    one_line_refusal(run(*command, "--out", "a\x00b"), "NUL character")
    longest = tmp_path / ("m" * 255)  # the temporary name beside it must fit too

    done = run(*command, "--out", longest)

    assert done.code == 0, done.err
    assert longest.exists() and leftovers(tmp_path) == []
    broken = tmp_path / "line\nbreak"  # any byte but NUL may name a file
    said = run(*command, "--out", broken)
    assert said.code == 0 and said.out.count("\n") == 1 and "line␊break" in said.out


# 5. and 6. iCalendar at the end of time, and control characters ------------------------------


def test_ics_with_a_follow_up_due_9999_12_31(run: Run, tmp_path: Path, db_path: Path) -> None:
    """A follow-up in year 9999 is refused now (the years a card covers end in 9998);
    one an older netrack stored still exports, without the DTEND no date can give."""
    import sqlite3

    assert run("contact", "add", "Ana López").code == 0
    assert run("log", "@ana #call 20m fu:9999-12-31 far away").code == 2
    assert run("log", "@ana #call 20m fu:9998-12-31 far away").code == 0
    older = sqlite3.connect(db_path)
    with older:  # committed
        older.execute("UPDATE interaction SET follow_up_on = '9999-12-31'")
    older.close()
    out = tmp_path / "f.ics"

    done = run("export", "ics", "--out", out)

    assert done.code == 0, done.err
    (event,) = Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    assert event.decoded("DTSTART") == date(9999, 12, 31)
    assert "DTEND" not in event  # an all-day DTSTART alone lasts that day (RFC 5545)


def test_its_own_ics_with_a_follow_up_due_9998_12_31_imports_as_in_the_future(
    run: Run, tmp_path: Path, db_path: Path
) -> None:
    """Its all-day DTEND is 9999-01-01, the day after, as RFC 5545 has it: the import
    said "1 skipped (line 9: ends after 9998)", as if netrack's own file were bad."""
    assert run("contact", "add", "Ana", "--email", "ana@x.example").code == 0
    assert run("log", "--with", "Ana", "--follow-up", "9998-12-31").code == 0
    assert run("log", "--with", "Ana", "--follow-up", "2027-01-05").code == 0
    out = tmp_path / "f.ics"
    assert run("export", "ics", "--out", out).code == 0
    ends = {e.decoded("DTEND") for e in Calendar.from_ical(out.read_bytes()).walk("VEVENT")}
    assert ends == {date(9999, 1, 1), date(2027, 1, 6)}
    before = snapshot(db_path)

    done = run("import", "ics", out)

    assert done.code == 0, done.err
    assert done.out.splitlines()[1:] == [
        "  interactions: 0 added, 0 updated, 2 skipped (in the future: 2)"
    ]
    assert snapshot(db_path) == before


def _older_netrack_stored(repo: Repo, interaction_id: int, note: str) -> None:
    """`note` on the interaction, as a netrack that did not refuse NUL stored it."""
    from netrack.data import tables as t

    with repo.store.bound():
        t.Interaction.update(note=note).where(t.Interaction.id == interaction_id).execute()


def test_ics_keeps_control_characters_inert(repo: Repo, tmp_path: Path) -> None:
    ana = repo.contacts.add("Ana\x1b]0;pwned\x07 López")
    note = "line one\rATTENDEE:mailto:evil@example.com\r\nline two\x00\x7f\x9b end"
    entry = repo.activity.log([ana.id], on=TODAY, kind="call", follow_up_on=TODAY)
    _older_netrack_stored(repo, entry.id, note)  # NUL is refused now, not by older netracks
    out = tmp_path / "f.ics"

    api.export(repo, "ics", out)

    raw = out.read_bytes()
    assert not any(byte < 0x20 and byte not in b"\t\r\n" for byte in raw)
    assert b"\x7f" not in raw and "\x9b".encode() not in raw
    lines = raw.decode("utf-8").replace("\r\n ", "").split("\r\n")  # unfolded
    assert not any(line.startswith("ATTENDEE") for line in lines)
    (event,) = Calendar.from_ical(raw).walk("VEVENT")
    assert str(event["SUMMARY"]) == "Follow up: Ana␛]0;pwned␇ López"
    description = str(event["DESCRIPTION"]).split("\n")
    assert description[-3:] == [
        "Note: line one",
        "ATTENDEE:mailto:evil@example.com",
        "line two␀␡\\x9b end",
    ]


def test_csv_cells_with_line_breaks_read_back_the_same(repo: Repo, tmp_path: Path) -> None:
    ana = repo.contacts.add("Ana López \x1b[2J", title='say "hi",\r\n=1+1')
    note = "one\rEMAIL:x@example.com\rtwo\x00 \x1b]0;t\x07"
    entry = repo.activity.log([ana.id], on=TODAY, kind="call")
    _older_netrack_stored(repo, entry.id, note)
    folder = tmp_path / "csv"

    api.export(repo, "csv", folder)

    def cells(table: str) -> dict[str, str]:
        with open(folder / f"{table}.csv", encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
        header, (row,) = rows[0], rows[1:]
        return dict(zip(header, row, strict=True))

    assert cells("contacts")["name"] == "Ana López \x1b[2J"
    assert cells("contacts")["title"] == 'say "hi",\r\n=1+1'
    assert cells("interactions")["note"] == note


# The palette's prompt: the same checks, and enter twice is its --force ----------------------


async def test_prompt_refuses_the_database_and_replaces_only_on_a_second_enter(
    repo: Repo, db_path: Path, tmp_path: Path
) -> None:
    from textual.app import App
    from textual.widgets import Input, Static

    from netrack.screens.modal.prompt import ACTIONS, PathPrompt

    repo.contacts.add("Ana López")
    action = next(a for a in ACTIONS if a.title == "Export vCard…")
    prompt = PathPrompt(action, repo)

    class Host(App[None]):
        def on_mount(self) -> None:
            self.push_screen(prompt)

    async def submit(path: str | Path) -> str:
        prompt.query_one(Input).value = str(path)
        await pilot.press("enter")
        await pilot.app.workers.wait_for_complete()  # the action runs in a thread worker
        await pilot.pause()
        assert not prompt.running
        return str(prompt.query_one("#prompt-error", Static).content)

    mine = tmp_path / "mine.vcf"
    mine.write_text("mine")
    before = snapshot(db_path)
    async with Host().run_test() as pilot:
        await pilot.pause()
        for _ in range(2):
            assert "is the database" in await submit(db_path)
        assert "exists: press enter again to replace it" in await submit(mine)
        assert mine.read_text() == "mine"
        assert await submit(mine) == ""
        assert mine.read_text().startswith("BEGIN:VCARD")
    assert is_sqlite(db_path) and snapshot(db_path) == before
