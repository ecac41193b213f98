"""A database file moved or deleted while netrack has it open: a write is refused in one
line, nothing is saved into the file no name leads to any more, and no new empty
database is made at the old path (the next netrack there found an empty one). A file
replaced under the same name is followed: the write lands in the file the path names."""

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
    failures: list[BaseException] = []

    def load() -> None:  # a TUI's load: a thread's connection of its own, opened now
        try:
            repo.contacts.count()
        except BaseException as error:
            failures.append(error)
        finally:
            repo.close()

    thread = threading.Thread(target=load)
    thread.start()
    thread.join()
    assert [str(error) for error in failures] == [
        f"{populated} was moved or deleted while netrack was open: nothing can be saved "
        "to it or read from it here; quit, and open it where it is now"
    ]
    repo.close()
    assert not populated.exists()
    if gone == "moved":
        assert "kept?" not in notes(moved)


def test_a_file_replaced_under_its_name_is_the_one_written(populated: Path) -> None:
    clock = lambda: date.fromisoformat(TODAY)  # noqa: E731
    other = populated.with_name("other.db")
    made = Repo.open(other, clock=clock)
    made.contacts.add("Ana Other")
    made.close()
    repo = Repo.open(populated, clock=clock)
    assert repo.contacts.count() == 1
    os.replace(other, populated)  # `mv other.db netrack.db`
    repo.activity.log_line("#coffee @ana replaced")
    repo.close()
    assert notes(populated) == ["replaced"]
