"""A database file moved or deleted while netrack has it open: a write is refused in one
line, nothing is saved into the file no name leads to any more, and no new empty
database is made at the old path (the next netrack there found an empty one). A file
replaced under the same name is refused alike and left untouched: the `-wal` and `-shm`
at that name are still the old file's."""

from __future__ import annotations

import os
import sqlite3
import threading
from datetime import date
from pathlib import Path

import pytest

from netrack.data.repo import Repo
from netrack.data.repo.activity import Activity
from netrack.domain.errors import StorageError

from .helpers import TODAY, netrack_in_process


def notes(path: Path) -> list[str]:
    with sqlite3.connect(path) as connection:
        return [row[0] for row in connection.execute("SELECT note FROM interaction")]


def load_in_a_thread(repo: Repo) -> list[str]:
    """A TUI's load: a thread's connection of its own, opened now, closed after; what it
    failed with, in words."""
    failures: list[str] = []

    def load() -> None:
        try:
            repo.contacts.count()
        except BaseException as error:
            failures.append(str(error))
        finally:
            repo.close()

    thread = threading.Thread(target=load)
    thread.start()
    thread.join()
    return failures


def test_a_command_whose_file_is_moved_under_it_saves_nothing(
    populated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    moved = populated.with_name("moved.db")
    real = Activity.log_line

    def log_line(self: Activity, *args: object, **kwargs: object) -> object:
        populated.rename(moved)  # a sync tool renames it as the command runs
        return real(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Activity, "log_line", log_line)
    done = netrack_in_process("log", "#call @ana kept?", "--db", str(populated))
    assert done.returncode == 2
    assert done.stderr == (
        f"netrack: {populated} was moved or deleted while netrack was open: nothing can be "
        "saved to it or read from it here; quit, and open it where it is now\n"
    )
    assert "kept?" not in notes(moved)
    assert not populated.exists()


@pytest.mark.parametrize("gone", ["moved", "deleted"])
def test_an_open_repo_refuses_a_write_and_makes_no_file_at_the_old_path(
    populated: Path, gone: str
) -> None:
    repo = Repo.open(populated, clock=lambda: date.fromisoformat(TODAY))
    assert repo.contacts.count() == 1  # its connection is open on the file
    moved = populated.with_name("moved.db")
    if gone == "moved":
        populated.rename(moved)
    else:
        populated.unlink()
    with pytest.raises(StorageError, match="was moved or deleted while netrack was open"):
        repo.activity.log_line("#coffee @ana kept?")
    assert load_in_a_thread(repo) == [
        f"{populated} was moved or deleted while netrack was open: nothing can be saved "
        "to it or read from it here; quit, and open it where it is now"
    ]
    repo.close()
    assert not populated.exists()
    if gone == "moved":
        assert "kept?" not in notes(moved)


def test_a_file_replaced_under_its_name_is_refused_and_left_whole(populated: Path) -> None:
    """A sweep: the TUI followed `mv big.db small.db` and its connection, opened on the
    newcomer beside the old file's `-wal`, read the old pages as the newcomer's and wrote
    them into it on closing: the newcomer's last interaction lost (its id given again),
    or the file left "truncated". Now neither a write nor a new connection touches it."""
    clock = lambda: date.fromisoformat(TODAY)  # noqa: E731
    other = populated.with_name("other.db")
    made = Repo.open(other, clock=clock)
    made.contacts.add("Ana Other")
    made.activity.log_line("#call @ana only-in-new-file")
    made.close()
    newcomer = other.read_bytes()
    repo = Repo.open(populated, clock=clock)
    repo.activity.log_line("#coffee @ana in the old file's wal")
    assert populated.with_name(populated.name + "-wal").stat().st_size > 0
    os.replace(other, populated)  # `mv other.db netrack.db`
    replaced = (
        f"{populated} was replaced by another file while netrack was open: nothing can be "
        "saved to it or read from it here; quit, and open it again"
    )
    with pytest.raises(StorageError) as refused:
        repo.activity.log_line("#coffee @ana not kept")
    assert str(refused.value) == replaced
    assert load_in_a_thread(repo) == [replaced]
    assert repo.contacts.count() == 1  # the old file, still open here, reads on
    repo.close()
    assert populated.read_bytes() == newcomer
    # The old file's WAL, which SQLite leaves at the name, is set aside in backups/:
    # replayed, it wrote the old file's pages over the newcomer's.
    assert not populated.with_name(populated.name + "-wal").exists()
    (kept,) = (populated.parent / "backups").glob("*-unmerged.db-wal")
    assert kept.stat().st_size > 0
    again = Repo.open(populated, clock=clock)
    assert [entry.note for entry in again.activity.interactions()] == ["only-in-new-file"]
    again.close()
    with sqlite3.connect(populated) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
