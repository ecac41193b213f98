"""A command on a SQLite file never imports PostgreSQL's driver, even where the
`postgres` extra is installed (Peewee would import it at its own import: ~150 ms)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

PROBE = """
import sys
from netrack.cli import main
code = main(["contact", "add", "Ana López", "--db", sys.argv[1]])
print(code, sys.modules.get("psycopg") is not None, sys.modules.get("psycopg2") is not None)
"""


def test_a_sqlite_command_loads_no_postgresql_driver(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(tmp_path / "n.db")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.splitlines()[-1] == "0 False False"
