"""The same scorecard on PostgreSQL and on SQLite (issue 18: the server's ≤ 2× SQLite's).

    python bench/server_bench.py --heavy PATH [--url postgresql://…] [--runs N]

Moves the SQLite history at PATH onto a new PostgreSQL database the way a user would
(`netrack export json`, then `netrack import json`: both timed), checks that the
server's own export is the same file, byte for byte, and that
`netrack scorecard --format json` prints the same bytes on both for every period kind,
then times that command on each, alternately (drift hits both alike), and prints the
medians and their ratios. `--url`: an existing server's URL of a role that may create
databases (one named `bench_<pid>` is created and dropped); without it a throwaway
server is started with `tests/pgserver.py` (PostgreSQL's binaries needed; the tests'
settings, fsync off: that speeds the import, not the reads timed) and stopped.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

TODAY = "2026-11-27"
KINDS = ("week", "month", "quarter", "year")
TARGET = 2.0


def netrack(*args: str, db: str, env: dict[str, str]) -> bytes:
    done = subprocess.run(
        [sys.executable, "-m", "netrack", *args, "--db", db],
        env=env,
        check=True,
        capture_output=True,
    )
    return done.stdout


def timed(args: tuple[str, ...], db: str, env: dict[str, str]) -> tuple[float, bytes]:
    start = time.perf_counter()
    out = netrack(*args, db=db, env=env)
    return time.perf_counter() - start, out


@contextmanager
def server(url: str | None, folder: Path) -> Iterator[str]:
    if url:
        yield url
        return
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from tests import pgserver

    admin = pgserver.start(folder / "server")
    try:
        yield admin
    finally:
        pgserver.stop(folder / "server")


@contextmanager
def database(admin: str) -> Iterator[str]:
    import psycopg

    name = f"bench_{os.getpid()}"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield urlunsplit(urlsplit(admin)._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--heavy", type=Path, required=True, help="the SQLite history to move")
    parser.add_argument("--url", help="a PostgreSQL server (default: start a throwaway one)")
    parser.add_argument("--runs", type=int, default=7, help="timed runs a figure")
    args = parser.parse_args(argv)

    env = {**os.environ, "NETRACK_TODAY": TODAY}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: bytecode cached
    env.pop("NETRACK_DB", None)
    sqlite = str(args.heavy)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        env["PYTHONPYCACHEPREFIX"] = str(folder / "pycache")
        export = folder / "history.json"
        with server(args.url, folder) as admin, database(admin) as url:
            took, _ = timed(("export", "json", "--out", str(export)), sqlite, env)
            print(f"export json from SQLite        {took:8.1f} s")
            took, _ = timed(("import", "json", str(export)), url, env)
            print(f"import json into PostgreSQL    {took:8.1f} s")
            back = folder / "back.json"
            took, _ = timed(("export", "json", "--out", str(back)), url, env)
            print(f"export json from PostgreSQL    {took:8.1f} s")
            if back.read_bytes() != export.read_bytes():
                print("the history exported from the server differs", file=sys.stderr)
                return 1
            print("the history came back identical, byte for byte")

            rows = []
            for kind in KINDS:
                command = ("scorecard", "--format", "json", "--period", kind)
                on_file = netrack(*command, db=sqlite, env=env)
                if on_file != netrack(*command, db=url, env=env):
                    print(f"{kind}: the two engines' cards differ", file=sys.stderr)
                    return 1
                lite_times, served_times = [], []
                for _ in range(args.runs):
                    lite_times.append(timed(command, sqlite, env)[0])
                    served_times.append(timed(command, url, env)[0])
                rows.append((kind, statistics.median(lite_times), statistics.median(served_times)))

    print(f"\n`netrack scorecard --format json --period K`, median of {args.runs} (ms):")
    print("| period | SQLite | PostgreSQL | ratio | target |")
    print("|---|---:|---:|---:|---|")
    for kind, lite, served in rows:
        ratio = served / lite
        verdict = "met" if ratio <= TARGET else "**missed**"
        print(
            f"| {kind} | {lite * 1000:.0f} | {served * 1000:.0f} | {ratio:.2f}× | ≤ {TARGET}× {verdict} |"
        )
    print("Identical JSON from both engines for every period kind.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
