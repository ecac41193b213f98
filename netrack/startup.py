"""The cyclic garbage collector while a command starts.

Starting up loads Textual, Peewee and netrack: some 300,000 objects that live as long
as the process. With the collector on, it walks them about ninety times while they
load, which is a tenth of the TUI's time to its first screen and a good part of
`netrack log`'s. So `cli.main` runs each command inside `loading()`. Once the command's
modules are in (its database is open; for the TUI, its first frame is drawn),
`loaded()` moves everything that exists out of the collector's sight (`gc.freeze`)
and turns it back on: later collections scan only what the command goes on to make.
In the TUI that also keeps full collections short: scanning everything stalled the UI
by up to ~70 ms while a scorecard was computed.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

# While a command starts: whether the collector was on before it; None at other times.
_was_on: bool | None = None


@contextmanager
def loading() -> Iterator[None]:
    """Collector off for the block, unless `loaded()` turns it on sooner; as it was after.

    What start-up built stays frozen: the process ends with the command, and at exit
    the interpreter's last collection would walk it all (40 ms or more) were it not. A
    command that never said `loaded()` (help, a mistake, `doctor`) is frozen here.
    In-process callers (tests) may `gc.unfreeze()` themselves.
    """
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

    Does nothing outside `loading()`, so library code and tests may call it freely.
    """
    global _was_on
    if _was_on is not None:
        gc.freeze()
        if _was_on:
            gc.enable()
        _was_on = None
