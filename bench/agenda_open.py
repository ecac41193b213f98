"""How long the Agenda takes to show the first time it is opened, on a database.

    python bench/agenda_open.py DB [--runs N] [--today YYYY-MM-DD]

Each run is a fresh process (the screen's modules, the repository's caches and its
connections all cold, as in a user's first `4` of the day): the app starts on the
Pipeline and settles, then `4` is sent and the clock runs until the first frame (see
`inapp.FrameClock`) after which the Agenda's first load is shown: the day line, the
follow-ups, the lists beside them and "Logged today" all filled, nothing left to
repaint. Prints each run's milliseconds and their median. DB is only read.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
from datetime import date
from pathlib import Path

os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")


async def once(path: Path, today: date) -> float:
    from textual.screen import Screen

    from netrack.app import create_app
    from netrack.data.repo import Repo

    sys.path.insert(0, str(Path(__file__).parent))
    from inapp import FrameClock, settle

    repo = Repo.open(path, clock=lambda: today)
    try:
        app = create_app(repo)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            # The clock is put on the Agenda's screen as it is built: `4` builds it,
            # and the frames before that show nothing of it.
            clock: list[FrameClock] = []
            build = app._modes["agenda"]

            def built() -> Screen[None]:
                screen = build()  # type: ignore[operator]
                clock.append(FrameClock(screen, []))
                return screen  # type: ignore[no-any-return]

            app._modes["agenda"] = built
            took = await key_to_shown(app, clock)
            await settle(pilot)
            return took
    finally:
        repo.close()


async def key_to_shown(app: object, clock: list[object]) -> float:
    import time

    from inapp import TIMEOUT, pending
    from textual import events
    from textual.widget import Widget

    event = events.Key("4", "4")
    event.set_sender(app)  # type: ignore[arg-type]
    start = time.perf_counter()
    app._driver.send_message(event)  # type: ignore[attr-defined]
    deadline = start + TIMEOUT
    while True:
        if clock:
            frame = clock[0]
            screen = frame.screen  # type: ignore[attr-defined]
            if frame.shown is None:  # type: ignore[attr-defined]

                def shown(s: object = screen) -> bool:
                    widgets = list(s.query(Widget))  # type: ignore[attr-defined]
                    return bool(s.loaded) and not pending(s, widgets)  # type: ignore[arg-type]

                frame.shown = shown  # type: ignore[attr-defined]
            if frame.seen is not None:  # type: ignore[attr-defined]
                return float(frame.seen) - start  # type: ignore[attr-defined]
        if time.perf_counter() > deadline:
            raise TimeoutError("the Agenda never showed its data")
        await asyncio.sleep(0.001)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("db", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--today", type=date.fromisoformat, default=date.today())
    parser.add_argument("--once", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.once:
        print(f"{asyncio.run(once(args.db, args.today)) * 1000:.1f}")
        return 0
    samples = []
    for _ in range(args.runs):
        done = subprocess.run(
            [sys.executable, __file__, str(args.db), "--today", str(args.today), "--once"],
            capture_output=True, text=True, check=True,
        )  # fmt: skip
        samples.append(float(done.stdout.split()[-1]))
        print(f"{samples[-1]:.1f} ms", flush=True)
    print(f"# agenda_open: median {statistics.median(samples):.1f} ms of {len(samples)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
