"""Every performance target of issue 6 in one table: medians, ratios, verdicts.

    python bench/run.py [--quick] [--heavy PATH] [--scale N] [--only cli|tui|inapp]

Builds the demo database (`netrack demo --no-tui`, "today" 2026-11-27) and, unless
`--heavy` names one already generated, the five-year heavy database (bench/generate.py,
15–30 s), then measures side by side in the same run, alternating the two sides of each
ratio so that drift on a shared machine hits both alike:

- `netrack log` as a process (demo and heavy) ÷ `python -c "import peewee"`;
- `netrack scorecard --format json --period K` on heavy ÷ on demo, for each period kind;
- TUI first paint and peak RSS on heavy ÷ a one-Static Textual app, each started in a
  120×40 tmux pane, the clock stopping when its content is on screen (tui_startup.py);
- in the app on a copy of the heavy database (inapp.py): the Contacts filter per
  keystroke, a quick log until the scorecard shows it, and `]` until the next week's
  card is painted.

`--scale 10` measures issue 18's career-long history instead: the heavy database ten
times over (`generate.py --scale 10`, or `--heavy` naming one), against that issue's
targets (scorecard ≤ 3× the demo's, peak RSS ≤ 2× the one-Static app's).

Each figure is the median of at least 5 runs after a warm-up (`--quick`: 3). Writes go
to copies in a temporary folder; the databases given are not changed.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import tui_startup  # noqa: E402

TODAY = "2026-11-27"


@dataclass(frozen=True)
class Row:
    figure: str
    value: float  # ms, MiB or a ratio
    baseline: float | None  # the denominator, when the target is a ratio
    unit: str
    target: float
    ratio: float | None = None  # the median of paired runs' ratios, when measured so

    @property
    def measured(self) -> float:
        if self.ratio is not None:
            return self.ratio
        return self.value / self.baseline if self.baseline else self.value

    @property
    def met(self) -> bool:
        return self.measured <= self.target


PEEWEE_ALONE = "import sys; sys.modules.update(psycopg=None, psycopg2=None); import peewee"


def timed(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def alternate(
    sides: list[list[str]], env: dict[str, str], runs: int, warm: int = 2
) -> list[list[float]]:
    """Seconds of each command, run in turn `runs` times after `warm` rounds."""
    samples: list[list[float]] = [[] for _ in sides]
    for round_ in range(warm + runs):
        for index, argv in enumerate(sides):
            took = timed(argv, env)
            if round_ >= warm:
                samples[index].append(took)
    return samples


def paired(ours: list[float], base: list[float], figure: str, unit: str, target: float) -> Row:
    """A ratio row: each side's median, and the median of the ratios of runs made one
    after the other; on a shared machine whose speed drifts, the pairs see the same
    machine, so their ratio holds steadier than the ratio of the two medians."""
    return Row(
        figure,
        statistics.median(ours),
        statistics.median(base),
        unit,
        target,
        ratio=statistics.median(a / b for a, b in zip(ours, base, strict=True)),
    )


def netrack_command() -> list[str]:
    script = Path(sys.executable).with_name("netrack")
    return [str(script)] if script.exists() else [sys.executable, "-m", "netrack"]


def first_contact(db: Path) -> str:
    with sqlite3.connect(db) as connection:
        row = connection.execute(
            "SELECT name FROM contact WHERE NOT archived ORDER BY name LIMIT 1"
        ).fetchone()
    return str(row[0])


@dataclass(frozen=True)
class Targets:
    """The ratio targets of one size of history: issue 6's heavy database, or issue
    18's ten times that."""

    name: str  # how the figures name the big database
    contacts: int
    card: float  # scorecard heavy ÷ demo
    rss: float  # TUI peak RSS ÷ the one-Static app's


def targets(scale: int) -> Targets:
    if scale == 1:
        return Targets("heavy", 5_000, 2.0, 1.5)
    return Targets(f"heavy ×{scale}", 5_000 * scale, 3.0, 2.0)


def cli_rows(demo: Path, heavy: Path, env: dict[str, str], runs: int, goal: Targets) -> list[Row]:
    netrack = netrack_command()
    # Peewee alone, as netrack loads it: without the PostgreSQL driver it would import
    # at its own import where the `postgres` extra is installed (netrack/data/drivers.py).
    peewee = [sys.executable, "-c", PEEWEE_ALONE]
    rows = []
    for name, db in (("demo", demo), (goal.name, heavy)):
        log = [*netrack, "--db", str(db), "log", f'@"{first_contact(db)}" 30m bench']
        ours, floor = alternate([log, peewee], env, runs)
        rows.append(paired(ours, floor, f"`netrack log` ({name}) ÷ `import peewee`", "ms", 2.0))
    for kind in ("week", "month", "quarter", "year"):
        card = [*netrack, "scorecard", "--format", "json", "--period", kind, "--db"]
        heavy_s, demo_s = alternate([[*card, str(heavy)], [*card, str(demo)]], env, runs)
        figure = f"`netrack scorecard --format json --period {kind}` {goal.name} ÷ demo"
        rows.append(paired(heavy_s, demo_s, figure, "ms", goal.card))
    return rows


def tui_rows(heavy: Path, env: dict[str, str], runs: int, folder: Path, goal: Targets) -> list[Row]:
    mine, base = tui_startup.compare(heavy, env, runs, folder)
    return [
        paired([s[at] for s in mine], [s[at] for s in base], figure, unit, target)
        for at, figure, unit, target in (
            (0, f"TUI first paint, {goal.name} ÷ one-Static app", "ms", 1.5),
            (1, f"TUI peak RSS, {goal.name} ÷ one-Static app", "MiB", goal.rss),
        )
    ]


def inapp_rows(heavy: Path, env: dict[str, str], runs: int, goal: Targets) -> list[Row]:
    done = subprocess.run(
        [sys.executable, str(HERE / "inapp.py"), str(heavy), "--runs", str(runs)],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    samples = json.loads(done.stdout.splitlines()[0])
    figures = (
        ("contacts_filter", f"Contacts ({goal.contacts:,}): filter update per keystroke", 50.0),
        ("quick_log", "Quick log in the TUI until the scorecard shows it", 150.0),
        ("week_change", "Scorecard `]` until the next week is painted", 100.0),
    )
    return [
        Row(label, statistics.median(samples[key]) / 1000, None, "ms", target / 1000)
        for key, label, target in figures
    ]


def show(value: float, unit: str) -> str:
    return f"{value * 1000:,.0f} ms" if unit == "ms" else f"{value:,.1f} {unit}"


def table(rows: list[Row]) -> str:
    lines = [
        "| figure | measured | baseline | ratio / value | target | |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for row in rows:
        if row.baseline:
            base, measured = show(row.baseline, row.unit), f"{row.measured:.2f}×"
            target = f"≤ {row.target:.1f}×"
        else:
            base, measured = "", show(row.measured, row.unit)
            target = f"≤ {row.target * 1000:.0f} ms"
        verdict = "met" if row.met else "**missed**"
        value = show(row.value, row.unit)
        lines.append(f"| {row.figure} | {value} | {base} | {measured} | {target} | {verdict} |")
    return "\n".join(lines)


def machine() -> str:
    model = "unknown CPU"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            model = line.split(":", 1)[1].strip()
            break
    return f"{os.cpu_count()} cores (nproc), {model}, Python {platform.python_version()}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="3 runs a figure instead of 7")
    parser.add_argument("--heavy", type=Path, help="a database made by bench/generate.py")
    parser.add_argument(
        "--scale", type=int, default=1, help="issue 18: the heavy database N times over"
    )
    parser.add_argument(
        "--only", choices=["cli", "tui", "inapp"], help="measure only this group of figures"
    )
    args = parser.parse_args()
    runs = 3 if args.quick else 7
    goal = targets(args.scale)
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        env = {
            **os.environ,
            "NETRACK_TODAY": TODAY,
            "PYTHONPYCACHEPREFIX": str(folder / "pycache"),
            "TERM": "xterm-256color",
            "TEXTUAL_ANIMATIONS": "none",
        }
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env.pop("NETRACK_DB", None)
        demo, heavy = folder / "demo.db", folder / "heavy.db"
        netrack = netrack_command()
        subprocess.run(
            [*netrack, "demo", "--db", str(demo), "--no-tui"],
            env=env,
            check=True,
            capture_output=True,
        )
        if args.heavy:
            shutil.copyfile(args.heavy, heavy)
        else:
            print("generating the heavy database …", file=sys.stderr, flush=True)
            subprocess.run(
                [
                    *(sys.executable, str(HERE / "generate.py"), str(heavy)),
                    *("--today", TODAY, "--scale", str(args.scale)),
                ],
                env=env,
                check=True,
                capture_output=True,
            )
        tui_env = {k: env[k] for k in ("NETRACK_TODAY", "PYTHONPYCACHEPREFIX", "TERM")}
        tui_env["HOME"] = os.environ.get("HOME", name)
        # The tmux server keeps this session's environment: switch the flag off there too,
        # so both apps run from their bytecode as installed apps do.
        tui_env["PYTHONDONTWRITEBYTECODE"] = ""
        # Process start-ups swing most with the machine's load: more runs for those.
        rows = []
        if args.only in (None, "cli"):
            rows += cli_rows(demo, heavy, env, max(runs, 11), goal)
        if args.only in (None, "tui"):
            rows += tui_rows(heavy, tui_env, max(runs, 15), folder, goal)
        if args.only in (None, "inapp"):
            rows += inapp_rows(heavy, env, max(runs, 5), goal)
    print(table(rows))
    print()
    print(f"Medians after a warm-up: {max(runs, 11)} runs a CLI figure, {max(runs, 15)} a TUI")
    print("start-up figure (a ratio is the median of the ratios of runs made one after the")
    print(f"other), {max(runs, 5)} rounds in the app (the median of every keystroke / change).")
    print(f"Machine: {machine()}.")
    return 0 if all(row.met for row in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
