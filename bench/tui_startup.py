"""How fast `netrack` shows its first screen, against a minimal Textual app.

Runs both in a detached 120×40 tmux pane, alternately, and polls `tmux capture-pane`
until each shows its content: for netrack, the pipeline's closed summary, which appears
only once the demo database has been read; for the minimal app, its one Static. Peak RSS
(VmHWM) is read from /proc once the content shows and the app has settled.

Prints the medians and the ratios (targets: first paint ≤ 1.3×, RSS ≤ 1.5×): the
median of the ratios of runs made one after the other, with their range.
Usage: python bench/tui_startup.py [RUNS]
"""

from __future__ import annotations

import os
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

PAINT_TARGET, RSS_TARGET = 1.3, 1.5
TIMEOUT = 20.0
MINIMAL = """
from textual.app import App, ComposeResult
from textual.widgets import Static


class Minimal(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("minimal app ready")


Minimal().run()
"""


Sample = tuple[float, float]  # (seconds to first paint, peak RSS in MiB)


def tmux(*args: str) -> str:
    done = subprocess.run(["tmux", *args], capture_output=True, text=True, check=False)
    return done.stdout


@contextmanager
def tmux_server() -> Iterator[None]:
    """Keep one idle session open meanwhile: when the last pane exits, tmux stops its
    server, and a `new-session` sent at that moment can be lost with it."""
    anchor = f"bench-anchor-{os.getpid()}"
    tmux("new-session", "-d", "-s", anchor, "sleep 3600")
    try:
        yield
    finally:
        tmux("kill-session", "-t", anchor)


def measure(name: str, argv: list[str], marker: str, quit_key: str, env: dict[str, str]) -> Sample:
    """(seconds until `marker` shows, peak RSS in MiB) for one run of `argv`."""
    session = f"bench-{name}-{os.getpid()}"
    command = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
    command += " exec " + " ".join(shlex.quote(a) for a in argv)
    start = time.perf_counter()
    tmux("new-session", "-d", "-s", session, "-x", "120", "-y", "40", command)
    try:
        while marker not in tmux("capture-pane", "-p", "-t", session):
            if time.perf_counter() - start > TIMEOUT:
                raise SystemExit(f"{name}: no {marker!r} after {TIMEOUT}s")
            time.sleep(0.005)
        elapsed = time.perf_counter() - start
        time.sleep(0.5)  # let it finish what it does after the first paint
        pid = tmux("list-panes", "-t", session, "-F", "#{pane_pid}").strip()
        status = Path(f"/proc/{pid}/status").read_text()
        hwm_kib = int(
            next(line for line in status.splitlines() if line.startswith("VmHWM")).split()[1]
        )
        tmux("send-keys", "-t", session, quit_key)
        time.sleep(0.2)
    finally:
        tmux("kill-session", "-t", session)
    return elapsed, hwm_kib / 1024


def compare(
    db: Path, env: dict[str, str], runs: int, folder: Path
) -> tuple[list[Sample], list[Sample]]:
    """`runs` samples of netrack on `db` and of the minimal app, alternately."""
    minimal = folder / "minimal.py"
    minimal.write_text(MINIMAL)
    netrack = ([sys.executable, "-m", "netrack", "--db", str(db)], "Closed: Won", "q")
    plain = ([sys.executable, str(minimal)], "minimal app ready", "C-q")
    ours, base = [], []
    with tmux_server():
        for _ in range(2):  # warm the file cache and the bytecode
            measure("netrack", *netrack, env)
            measure("minimal", *plain, env)
        for _ in range(runs):  # alternate, so drift hits both alike
            ours.append(measure("netrack", *netrack, env))
            base.append(measure("minimal", *plain, env))
    return ours, base


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 9
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "demo.db"
        env = {
            "NETRACK_TODAY": "2026-11-27",
            "PYTHONPYCACHEPREFIX": str(Path(folder) / "pycache"),
            # Empty turns it off: an installed netrack has its bytecode; measure that.
            "PYTHONDONTWRITEBYTECODE": "",
            "TERM": "xterm-256color",
            "HOME": os.environ.get("HOME", folder),
        }
        subprocess.run(
            [sys.executable, "-m", "netrack", "demo", "--db", str(db), "--no-tui"],
            env={**os.environ, **env},
            check=True,
            capture_output=True,
        )
        ours, base = compare(db, env, runs, Path(folder))
    for at, label, unit, scale, target in (
        (0, "first paint", "ms", 1000, PAINT_TARGET),
        (1, "peak RSS   ", "MiB", 1, RSS_TARGET),
    ):
        mine = statistics.median(s[at] for s in ours) * scale
        theirs = statistics.median(s[at] for s in base) * scale
        # Runs made one after the other see the same machine: the median of their
        # ratios holds steadier than the ratio of the medians when its speed drifts.
        ratios = sorted(a[at] / b[at] for a, b in zip(ours, base, strict=True))
        print(
            f"{label}  netrack {mine:7.1f} {unit:3}  minimal {theirs:7.1f} {unit:3}"
            f"  ratio {statistics.median(ratios):.2f} (target ≤ {target}; paired runs"
            f" {ratios[0]:.2f}–{ratios[-1]:.2f}, ratio of medians {mine / theirs:.2f})"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
