"""Two repositories on two files in one process stay apart: each `Repo` owns its store."""

from __future__ import annotations

import sqlite3
import threading
from datetime import date
from pathlib import Path

from netrack.data.repo import Repo

TODAY = date(2026, 11, 27)


def _names(path: Path) -> list[str]:
    """The contact names the file itself holds, read with plain sqlite3."""
    connection = sqlite3.connect(path)
    try:
        return [row[0] for row in connection.execute('SELECT "name" FROM "contact" ORDER BY id')]
    finally:
        connection.close()


def test_interleaved_writes_land_each_in_its_own_file(tmp_path: Path) -> None:
    a = Repo.open(tmp_path / "a.db", clock=lambda: TODAY)
    b = Repo.open(tmp_path / "b.db", clock=lambda: TODAY)

    ana = a.contacts.add("Ana López")
    bo = b.contacts.add("Bo Berg")
    a.contacts.add("Cy Cole", organization="Acme")
    b.activity.log([bo.id], on=TODAY, kind="call")
    a.activity.log([ana.id], on=TODAY, kind="email")

    assert _names(tmp_path / "a.db") == ["Ana López", "Cy Cole"]
    assert _names(tmp_path / "b.db") == ["Bo Berg"]
    assert [c.name for c in a.contacts.all()] == ["Ana López", "Cy Cole"]
    assert [c.name for c in b.contacts.all()] == ["Bo Berg"]
    assert [i.kind.value for i in a.activity.interactions()] == ["email"]
    assert [i.kind.value for i in b.activity.interactions()] == ["call"]

    a.close()  # closing one leaves the other usable
    b.contacts.add("Di Dahl")
    assert _names(tmp_path / "b.db") == ["Bo Berg", "Di Dahl"]
    assert _names(tmp_path / "a.db") == ["Ana López", "Cy Cole"]
    b.close()


def test_a_worker_thread_reads_its_own_file_while_another_is_written(tmp_path: Path) -> None:
    """The TUI reads in thread workers: the models' binding is per thread."""
    a = Repo.open(tmp_path / "a.db", clock=lambda: TODAY)
    b = Repo.open(tmp_path / "b.db", clock=lambda: TODAY)
    a.contacts.add("Ana López")
    b.contacts.add("Bo Berg")
    seen: list[list[str]] = []
    ready, written = threading.Event(), threading.Event()

    def worker() -> None:
        with a.store.bound():  # bound to a.db for the whole read, on this thread only
            ready.set()
            written.wait()
            seen.append([c.name for c in a.contacts.all()])
        a.close()

    thread = threading.Thread(target=worker)
    thread.start()
    ready.wait()
    b.contacts.add("Cy Cole")  # meanwhile this thread binds the models to b.db
    written.set()
    thread.join()

    assert seen == [["Ana López"]]
    assert [c.name for c in b.contacts.all()] == ["Bo Berg", "Cy Cole"]
    b.close()
