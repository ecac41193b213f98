"""An open database keeps SQLite's locks: another process must see it is not alone.

POSIX drops every lock a process holds on a file when the process closes any
descriptor of that file. netrack used to open and close the database's `-wal` and `-shm`
(to tighten their permissions) after connecting: its locks were gone, so another
netrack closing its own connection took itself for the last one, merged and deleted the
WAL under the first, which then wrote beside it: lost logs, "locking protocol",
SIGBUS, duplicate ids. Eight `netrack log` at once failed 13 times in 80.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

from netrack.data.repo import Repo

# Another process's connection, opened and closed: SQLite deletes -wal and -shm on close
# only when it holds the last connection (it can lock the whole file).
OTHER = "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute('SELECT 1 FROM contact').fetchall(); c.close()"


def test_another_process_never_takes_an_open_database_for_its_own(tmp_path: Path) -> None:
    path = tmp_path / "netrack.db"
    Repo.open(path, clock=lambda: date(2026, 11, 27)).close()  # made, migrated, closed
    path.with_name("netrack.db-shm").unlink(missing_ok=True)
    (tmp_path / "netrack.db").chmod(0o644)  # loose: the open tightens it, as it did

    repo = Repo.open(path, clock=lambda: date(2026, 11, 27))
    try:
        repo.contacts.add("Ana López")  # this process's connection is in WAL use now
        subprocess.run([sys.executable, "-c", OTHER, str(path)], check=True, timeout=60)

        assert Path(f"{path}-shm").exists(), "another process took the database for its own"
        repo.contacts.add("Bo Chen")
        assert [c.name for c in repo.contacts.all()] == ["Ana López", "Bo Chen"]
    finally:
        repo.close()
    assert oct(path.stat().st_mode & 0o777) == "0o600"
