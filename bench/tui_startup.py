"""How fast `netrack` shows its first screen, against a minimal Textual app.

Runs both in a 120×40 tmux pane, alternately, and follows what each writes to its
terminal through a tmux control-mode client (one process streaming the pane's output,
where polling `capture-pane` spawned a client every few milliseconds and took a core
from the app it timed). The clock stops when the content is on the screen: for netrack,
the pipeline's closed summary, drawn in the same frame as the board; for the minimal
app, its one Static. Peak RSS (VmHWM) is read from /proc once the content shows and
the app has settled.

Prints the medians and the ratios (targets: first paint ≤ 1.3×, RSS ≤ 1.5×): the
median of the ratios of runs made one after the other, with their range.
Usage: python bench/tui_startup.py [RUNS]
"""

from __future__ import annotations

import argparse
import os
import re
import shlex
import statistics
import subprocess
import sys
import tempfile
import threading
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


OCTAL = re.compile(rb"\\([0-7]{3}|\\)")
# CSI and OSC sequences, and two-character escapes: what stands between the characters
# an app draws (`Closed: ` and `Won` come in different styles).
ESCAPES = re.compile(r"\x1b\[[0-9;?<>=!$ ]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b.")


def drawn_text(output_line: bytes) -> str:
    """The characters a control-mode `%output %PANE DATA` line draws, escapes removed."""
    data = output_line.split(b" ", 2)[2] if output_line.count(b" ") >= 2 else b""
    raw = OCTAL.sub(lambda m: b"\\" if m[1] == b"\\" else bytes([int(m[1], 8)]), data)
    return ESCAPES.sub("", raw.decode("utf-8", "replace"))


def measure(name: str, argv: list[str], marker: str, quit_key: str, env: dict[str, str]) -> Sample:
    """(seconds until `marker` is drawn, peak RSS in MiB) for one run of `argv`."""
    session = f"bench-{name}-{os.getpid()}"
    command = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
    command += " exec " + " ".join(shlex.quote(a) for a in argv)
    shown = threading.Event()
    start = time.perf_counter()
    client = subprocess.Popen(
        ["tmux", "-C", "new-session", "-s", session, "-x", "120", "-y", "40", command],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )

    def follow() -> None:  # drains the stream to the end: tmux pauses a pane not read
        assert client.stdout is not None
        recent = ""
        for line in client.stdout:
            if line.startswith(b"%output ") and not shown.is_set():
                recent = (recent + drawn_text(line.rstrip(b"\n")))[-4000:]
                if marker in recent:
                    shown.set()

    reader = threading.Thread(target=follow, daemon=True)
    reader.start()
    try:
        if not shown.wait(TIMEOUT):
            raise SystemExit(f"{name}: no {marker!r} after {TIMEOUT}s")
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
        if client.stdin:
            client.stdin.close()
        client.wait(5)
        reader.join(5)
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
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("runs", nargs="?", type=int, default=9, help="runs of each (default 9)")
    runs = parser.parse_args().runs
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
