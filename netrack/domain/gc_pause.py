"""Pausing Python's cycle collector while a scorecard is read, computed and written.

A card on five years of history makes tens of thousands of short-lived objects (facts,
rows, JSON dicts) that hold no reference cycles. Each 700 allocations the collector
scans the young ones, and every so often everything the process holds: measured, a
tenth of `scorecard --format json`'s time and of the quick log's card. Paused, nothing is
lost: cycles made meanwhile are collected once it runs again.

What a paused block made is still walked once it ends: on a long history, hundreds of
thousands of facts pass through the young generations and push the next full
collection due, 100-300 ms that fell on whichever allocation came next, often the UI
thread's next keystroke. A worker thread that reads in bulk says `settled()` instead:
it walks them itself, before it hands its result over.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

# Objects made and not yet walked, above which `settled()` collects as its block ends
# (a card on a few months' history makes fewer; on a ten-times history, ~300,000).
SETTLE_ABOVE = 50_000

_lock = threading.Lock()
_depth = 0  # blocks open, in any thread: the collector runs again when none is
_resume = False  # whether it ran before the first of them


@contextmanager
def paused() -> Iterator[None]:
    """Within the block (nested or in several threads at once), no cycle collection;
    afterwards the collector is as it was before the outermost block."""
    _pause()
    try:
        yield
    finally:
        _end_pause()


def _pause() -> None:
    global _depth, _resume
    with _lock:
        if _depth == 0:
            _resume = gc.isenabled()
            gc.disable()
        _depth += 1


def _end_pause() -> None:
    global _depth
    with _lock:
        _depth -= 1
        if _depth == 0 and _resume:
            gc.enable()


@contextmanager
def settled() -> Iterator[None]:
    """`paused()` for a worker thread's bulk read (a card and its facts), ending with one
    full collection in that thread when the block left many objects unwalked, then what
    survived frozen out of later walks (`gc.freeze`, as start-up does): the collector's
    own walks of them (the young generations, then everything, again after every few
    quick logs) came later, on the UI thread, as 100-600 ms stalls of a keystroke at
    scale. Only in a thread other than the main one: there the same walk would be the
    stall. Frozen objects that die are freed by their counts, as facts and rows (which
    hold no cycles) are; only a cycle alive at that moment and dropped later (a dialog
    open meanwhile) is never collected."""
    with paused():
        yield
        if (
            threading.current_thread() is not threading.main_thread()
            and _collector_walks_the_young_often()
            and _young() > SETTLE_ABOVE
        ):
            gc.collect()
            # What survived is frozen out of later walks: the facts of the cards and
            # lists on screen, which live on and hold no cycles (dropped, their counts
            # free them). Left in the oldest generation, every full collection walked
            # them again, on whichever thread came next: after a few quick logs on a
            # ten-times history, a 300-600 ms stall of the UI thread.
            gc.freeze()


def held() -> Callable[[], None]:
    """`paused()` across frames, for the UI thread: no collection from now until the
    returned function is called (once: later calls do nothing), which then walks the
    young generations once. For a card updated after a quick log, to be painted first:
    on a ten-times history its new facts (tuples of 50,000) were walked by a young
    collection as the card was drawn and by the next as it was painted (~5 and ~9 ms of
    the log's ~110 ms). Called once it is painted, the walk is done while the user
    reads. Nothing is frozen: on the UI thread, what lives at that moment includes the
    closing dialog, whose cycles would never be collected (~2,700 objects a log)."""
    _pause()
    held_now = True

    def release() -> None:
        nonlocal held_now
        if not held_now:
            return
        held_now = False
        try:
            if _collector_walks_the_young_often():
                gc.collect(1)
        finally:
            _end_pause()

    return release


def _collector_walks_the_young_often() -> bool:
    """Whether the collector's own walks keep its young generations under
    `SETTLE_ABOVE` (Python's default: every 700 allocations, the second generation every
    ten). Where it is set to let more pile up (the test processes: every 50,000), every
    small load went over, and it is left to its own walks (76 full collections in the UI
    tests, 13 CPU-seconds, before)."""
    young, older, _ = gc.get_threshold()
    return young * older <= SETTLE_ABOVE


def _young() -> int:
    """Objects the collector has not walked into its oldest generation yet. Counted, not
    read from `gc.get_count()`: that count falls as objects are freed, and a card
    dropped elsewhere meanwhile hid a whole new one."""
    return len(gc.get_objects(0)) + len(gc.get_objects(1))
