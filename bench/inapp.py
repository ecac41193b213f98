"""In-app response times on a database, measured in-process with `App.run_test()` + Pilot.

    python bench/inapp.py DB [--runs N]     # prints one JSON object of samples (ms)

`DB` is written to (quick logs): pass a copy. What is timed, from the moment the key is
sent to the app:

- `contacts_filter`: on Contacts (`2`), with the filter focused, each keystroke of typing
  a name and deleting it again, until the table and its count line show that query's
  matches;
- `week_change`: on the Scorecard (`3`), after stepping back a week with `[` and letting
  the screen settle, `]` until the card of the next week is drawn;
- `quick_log`: on the Scorecard, `l`, a one-liner typed in the bar (not timed), then
  `enter` until the card shows the new interaction;
- `period_cycle`: on the Scorecard, `m` until the card of the next kind of period (week,
  month, quarter, year, week…) is drawn, pressed half a second after the last one was:
  while the cards either side of it are still computed, as when a user reads on.

The key goes straight to the app's message queue, as a terminal's would (Pilot's `press`
sleeps ~40 ms after each key to let the app idle). "Shown" means painted: the clock stops
at the first compositor refresh (the frame Textual builds for the terminal) after which
the widgets hold the new content and no widget or screen still waits to be refreshed.
Run headless, that frame is built but not written to a terminal, so the few kilobytes of
escape codes a real terminal receives are not counted.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import time
from collections.abc import Callable, Coroutine, Sequence
from datetime import date
from pathlib import Path
from typing import Any

os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")

from textual import events
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input, Static

from netrack.app import NetrackApp, create_app
from netrack.data.repo import Repo
from netrack.domain.weeks import kind_of
from netrack.screens.contact_rows import visible
from netrack.screens.contacts import ContactsScreen
from netrack.screens.scorecard import KINDS, ScorecardScreen
from netrack.widgets.virtual_table import VirtualTable

TODAY = date(2026, 11, 27)
TIMEOUT = 10.0
FILTER_WORD = "chen"


CHARACTERS = {"backspace": None, "enter": "\r", "right_square_bracket": "]"}


class FrameClock:
    """Notes the first frame (compositor refresh) of a screen that shows what is awaited."""

    def __init__(self, screen: Screen[Any], watched: Sequence[Widget]) -> None:
        self.screen, self.watched = screen, watched
        self.shown: Callable[[], bool] | None = None
        self.seen: float | None = None
        original = screen._compositor_refresh

        def refresh() -> None:
            original()
            if self.shown and self.seen is None and self.shown() and not pending(screen, watched):
                self.seen = time.perf_counter()

        screen._compositor_refresh = refresh  # type: ignore[method-assign]

    async def time_key(self, app: NetrackApp, key: str, shown: Callable[[], bool]) -> float:
        """Seconds from sending `key` to the first frame for which `shown()` holds."""
        self.shown, self.seen = shown, None
        event = events.Key(key, CHARACTERS.get(key, key))
        event.set_sender(app)
        assert app._driver is not None
        start = time.perf_counter()
        app._driver.send_message(event)
        deadline = start + TIMEOUT
        while self.seen is None:
            if time.perf_counter() > deadline:
                raise TimeoutError(f"{key}: the screen never showed the expected content")
            await asyncio.sleep(0.001)
        self.shown = None
        return self.seen - start


def pending(screen: Screen[Any], widgets: Sequence[Widget]) -> bool:
    """Whether one of `widgets` still waits to be repainted or laid out."""
    dirty = screen._dirty_widgets
    return any(w._repaint_required or w._layout_required or w in dirty for w in widgets)


async def settle(pilot: Pilot[Any]) -> None:
    for _ in range(2):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def contacts_filter(app: NetrackApp, pilot: Pilot[Any], runs: int) -> list[float]:
    await pilot.press("2")
    screen = app.screen
    assert isinstance(screen, ContactsScreen)
    while not screen.loaded:
        await settle(pilot)
    await pilot.press("slash")
    field = screen.query_one("#filter", Input)
    clock = FrameClock(
        screen, [field, screen.query_one(VirtualTable), screen.query_one("#contacts-empty")]
    )
    contacts = screen.data.contacts
    typed = [FILTER_WORD[: i + 1] for i in range(len(FILTER_WORD))]
    queries = [*typed, *reversed(typed[:-1]), ""]
    keys = [*FILTER_WORD, *["backspace"] * len(FILTER_WORD)]
    expected = [len(visible(contacts, q, "name", False)) for q in queries]
    samples: list[float] = []
    for run in range(runs + 1):
        times = []
        for key, query, count in zip(keys, queries, expected, strict=True):
            await pilot.pause()
            times.append(
                await clock.time_key(
                    app, key, lambda q=query, n=count: field.value == q and len(screen.rows) == n
                )
            )
        if run:  # the first round warms the caches
            samples += times
    return samples


async def open_scorecard(app: NetrackApp, pilot: Pilot[Any]) -> ScorecardScreen:
    await pilot.press("3")
    screen = app.screen
    assert isinstance(screen, ScorecardScreen)
    while not screen.loaded:
        await settle(pilot)
    await settle(pilot)
    return screen


async def week_change(app: NetrackApp, pilot: Pilot[Any], runs: int) -> list[float]:
    screen = await open_scorecard(app, pilot)
    clock = FrameClock(screen, list(screen.query(Static)))
    samples = []
    for run in range(runs + 1):
        await pilot.press("left_square_bracket")
        await settle(pilot)  # the weeks either side are computed meanwhile
        back = screen.period
        assert back is not None
        await pilot.pause(0.2)
        took = await clock.time_key(
            app,
            "right_square_bracket",
            lambda b=back: screen.period is not None and screen.period.start > b.end,
        )
        if run:
            samples.append(took)
    return samples


async def quick_log(app: NetrackApp, pilot: Pilot[Any], runs: int, who: str) -> list[float]:
    screen = await open_scorecard(app, pilot)
    await pilot.press("t")
    await settle(pilot)
    clock = FrameClock(screen, list(screen.query(Static)))
    samples = []
    for run in range(runs + 1):
        before = screen.card.interactions if screen.card else 0
        await pilot.press("l")
        await pilot.press(*f'@"{who}" #coffee 30m ! bench')
        await settle(pilot)
        took = await clock.time_key(
            app,
            "enter",
            lambda n=before: (
                app.screen is screen
                and screen.card is not None
                and screen.card.interactions == n + 1
            ),
        )
        if run:
            samples.append(took)
        await settle(pilot)
        await pilot.pause(0.3)
    return samples


async def period_cycle(app: NetrackApp, pilot: Pilot[Any], runs: int) -> list[float]:
    screen = await open_scorecard(app, pilot)
    clock = FrameClock(screen, list(screen.query(Static)))
    samples = []
    for run in range(runs + 1):
        for _ in KINDS:
            drawn = screen._shown

            def shown(before: object = drawn) -> bool:
                now = screen._shown
                return now is not None and now is not before and kind_of(now.period) == screen.kind

            took = await clock.time_key(app, "m", shown)
            if run:
                samples.append(took)
            await asyncio.sleep(0.5)
    return samples


async def measure(path: Path, runs: int) -> dict[str, list[float]]:
    repo = Repo.open(path, clock=lambda: TODAY)
    who = sorted(c.name for c in repo.contacts.all() if not c.archived)[0]
    results: dict[str, list[float]] = {}
    try:
        for name, step in (
            ("contacts_filter", lambda a, p: contacts_filter(a, p, runs)),
            ("week_change", lambda a, p: week_change(a, p, runs)),
            ("quick_log", lambda a, p: quick_log(a, p, runs, who)),
            ("period_cycle", lambda a, p: period_cycle(a, p, runs)),
        ):
            app = create_app(repo)
            async with app.run_test(size=(120, 40)) as pilot:
                await settle(pilot)
                results[name] = [s * 1000 for s in await step(app, pilot)]
    finally:
        repo.close()
    return results


def run_samples(
    measured: Callable[[Path, int], Coroutine[Any, Any, dict[str, list[float]]]], about: str
) -> int:
    """A bench's command line (`DB [--runs N]`): its samples as one JSON object, then the
    median of each (also `bench/contacts_open.py`'s)."""
    parser = argparse.ArgumentParser(description=about.splitlines()[0])
    parser.add_argument("db", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    results = asyncio.run(measured(args.db, args.runs))
    print(json.dumps(results))
    for name, samples in results.items():
        print(f"# {name}: median {statistics.median(samples):.1f} ms", flush=True)
    return 0


def main() -> int:
    return run_samples(measure, __doc__ or "")


if __name__ == "__main__":
    raise SystemExit(main())
