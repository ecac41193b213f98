"""Opening the Contacts screen on a database, timed in-process with `App.run_test()`.

    python bench/contacts_open.py DB [--runs N]     # prints one JSON object of samples (ms)

From the key `2` (sent to the app as a terminal's would be, on the Pipeline) to:

- `first_rows`: the first frame that shows contact rows (issue 18: a career's 50,000
  contacts showed "loading…" for ~2 s);
- `whole_list`: the first frame after every contact is read and shown (the count line
  then says "N of TOTAL").

A fresh app for each run, the first one not counted (it warms the file cache). "Painted"
as `bench/inapp.py` times it: the compositor's refresh, the watched widgets settled.
Read only: nothing is written to `DB` (but opening an older one upgrades it: pass a copy).
"""

from __future__ import annotations

import asyncio
import os
import sys
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")

from textual import events

from netrack.app import create_app
from netrack.data.repo import Repo
from netrack.screens.contacts import ContactsScreen
from netrack.widgets.virtual_table import VirtualTable

sys.path.insert(0, str(Path(__file__).parent))
from inapp import TODAY, pending, run_samples, settle

TIMEOUT = 30.0  # the whole of a long list, on a busy machine (inapp's keys: 10 s)


# The frames of the Contacts screen, noted at class level: the screen is made by the key.
frames: list[tuple[float, bool, bool]] = []  # (when, rows shown, whole list shown)
_refresh = ContactsScreen._compositor_refresh


def _noted(screen: ContactsScreen) -> None:
    _refresh(screen)
    if not screen.is_current:
        return
    table = screen.query_one(VirtualTable)
    if pending(screen, [table, screen.query_one("#contacts-empty")]):
        return
    shown = bool(screen.rows) and table.row_count > 0
    whole = shown and screen.loaded > 0 and not getattr(screen.data, "partial", False)
    frames.append((time.perf_counter(), shown, whole))


async def one_run(repo: Repo) -> tuple[float, float]:
    app = create_app(repo)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.pause(0.3)
        frames.clear()
        event = events.Key("2", "2")
        event.set_sender(app)
        assert app._driver is not None
        start = time.perf_counter()
        app._driver.send_message(event)
        while not any(whole for _, _, whole in frames):
            if time.perf_counter() - start > TIMEOUT:
                raise TimeoutError("the whole list never showed")
            await asyncio.sleep(0.001)
        first = next(when for when, shown, _ in frames if shown)
        whole = next(when for when, _, whole in frames if whole)
        await settle(pilot)
    return (first - start) * 1000, (whole - start) * 1000


async def measure(path: Path, runs: int) -> dict[str, Any]:
    # Not on import (tests/perf/test_bench_scripts.py imports every script).
    ContactsScreen._compositor_refresh = _noted  # type: ignore[method-assign]
    repo = Repo.open(path, clock=lambda: TODAY)
    samples: dict[str, list[float]] = {"first_rows": [], "whole_list": []}
    try:
        for run in range(runs + 1):
            first, whole = await one_run(repo)
            if run:
                samples["first_rows"].append(first)
                samples["whole_list"].append(whole)
    finally:
        repo.close()
    return samples


def main() -> int:
    return run_samples(measure, __doc__ or "")


if __name__ == "__main__":
    raise SystemExit(main())
