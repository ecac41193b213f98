"""Pausing Python's cycle collector while a scorecard is read, computed and written.

A card on five years of history makes tens of thousands of short-lived objects (facts,
rows, JSON dicts) that hold no reference cycles. Each 700 allocations the collector
scans the young ones, and every so often everything the process holds: measured, a
tenth of `scorecard --format json`'s time and of the quick log's card. Paused, nothing is
lost: cycles made meanwhile are collected once it runs again.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0  # blocks open, in any thread: the collector runs again when none is
_resume = False  # whether it ran before the first of them


@contextmanager
def paused() -> Iterator[None]:
    """Within the block (nested or in several threads at once), no cycle collection;
    afterwards the collector is as it was before the outermost block."""
    global _depth, _resume
    with _lock:
        if _depth == 0:
            _resume = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _resume:
                gc.enable()
