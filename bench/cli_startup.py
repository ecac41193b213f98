"""How fast `netrack log …` starts, against the floor of importing peewee.

Prints the median wall time of a real `netrack log "@someone 30m note"` process and of
`python -c "import peewee"`, measured alternately in the same run, and their ratio
(target: ≤ 2.0). Usage: python bench/cli_startup.py [RUNS]
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET = 2.0


PEEWEE_ALONE = "import sys; sys.modules.update(psycopg=None, psycopg2=None); import peewee"


def timed(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "bench.db"
        env = {**os.environ, "NETRACK_DB": str(db), "NETRACK_TODAY": "2026-11-27"}
        # Measure what an installed netrack does: bytecode cached after the first run
        # (kept in the temporary folder, so the work tree stays clean).
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(Path(folder) / "pycache")
        netrack = [sys.executable, "-m", "netrack"]
        subprocess.run([*netrack, "contact", "add", "Sam Someone"], env=env, check=True)
        log = [*netrack, "log", "@someone 30m note"]
        # Peewee alone, as netrack loads it: without the PostgreSQL driver it would import
        # at its own import where the `postgres` extra is installed (netrack/data/drivers.py).
        peewee = [sys.executable, "-c", PEEWEE_ALONE]
        for _ in range(3):  # warm the file cache and the bytecode
            timed(log, env)
            timed(peewee, env)
        log_times, peewee_times = [], []
        for _ in range(runs):  # alternate, so drift hits both alike
            log_times.append(timed(log, env))
            peewee_times.append(timed(peewee, env))
    log_ms = statistics.median(log_times) * 1000
    peewee_ms = statistics.median(peewee_times) * 1000
    ratio = log_ms / peewee_ms
    print(f"netrack log         median {log_ms:7.1f} ms  ({runs} runs)")
    print(f"python -c 'import peewee'  median {peewee_ms:7.1f} ms  ({runs} runs)")
    verdict = "ok" if ratio <= TARGET else "over target"
    print(f"ratio {ratio:.2f} (target ≤ {TARGET}: {verdict})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
