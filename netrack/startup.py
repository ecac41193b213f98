"""The cyclic garbage collector while the `netrack` process starts.

Starting up loads Textual, Peewee and netrack: some 300,000 objects that live as long
as the process. With the collector on, it walks them about ninety times while they
load, which is a tenth of the TUI's time to its first screen (`bench/tui_startup.py`:
the demo's first paint went from a median 1.26× to 1.19× of a one-Static app, against
issue 4's 1.3× target); and at exit the interpreter's last collection walks them all
again, ~0.2× of `netrack log`'s 2× budget over `import peewee` (`bench/cli_startup.py`).

So the process entry, `cli.run`, and only it, runs the command inside `loading()`: the
collector is off, and when the command ends everything is frozen out of its sight
(`gc.freeze`), so the exit does not walk it. The TUI, which lives on, says `loaded()`
once its first frame is drawn: what exists is frozen and the collector runs again, and
later collections scan only what the session makes (scanning everything stalled the UI
by up to ~70 ms while a scorecard was computed). In-process callers of `cli.main`
(tests) go through neither and keep the collector as it is.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

# Inside `loading()`: whether the collector was on before it; None at other times.
_was_on: bool | None = None


@contextmanager
def loading() -> Iterator[None]:
    """Collector off for the block (unless `loaded()` turns it on sooner), then what
    exists frozen (the process ends with the block) and the collector as it was."""
    global _was_on
    was_on = _was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        loaded()
        if was_on:
            gc.enable()


def loaded() -> None:
    """Start-up is over: freeze what exists and turn the collector back on.

    Does nothing outside `loading()` (an app run by a test), nor a second time.
    """
    global _was_on
    if _was_on is not None:
        gc.freeze()
        if _was_on:
            gc.enable()
        _was_on = None
