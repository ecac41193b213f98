"""The cycle collector is paused while a card is built, and always comes back."""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable

import pytest

from netrack.domain import gc_pause, metrics
from netrack.domain.facts import ScorecardInputs
from netrack.domain.gc_pause import paused, settled
from netrack.domain.weeks import parse_week


def test_nested_blocks_resume_the_collector_once_the_outermost_ends() -> None:
    assert gc.isenabled()
    with paused():
        assert not gc.isenabled()
        with paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


def test_an_error_inside_still_resumes_it() -> None:
    with pytest.raises(ZeroDivisionError), paused():
        _ = 1 / 0
    assert gc.isenabled()


def test_a_collector_switched_off_before_stays_off() -> None:
    gc.disable()
    try:
        with paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_blocks_in_two_threads_resume_it_when_both_are_done() -> None:
    inside, leave = threading.Event(), threading.Event()

    def other() -> None:
        with paused():
            inside.set()
            leave.wait(5)

    thread = threading.Thread(target=other)
    thread.start()
    inside.wait(5)
    with paused():
        pass
    assert not gc.isenabled()  # the other thread's block is still open
    leave.set()
    thread.join()
    assert gc.isenabled()


def test_a_card_leaves_the_collector_running() -> None:
    card = metrics.scorecard(ScorecardInputs(), parse_week("2026-W48"))
    assert card.interactions == 0 and gc.isenabled()


def _in_thread(body) -> None:
    thread = threading.Thread(target=body)
    thread.start()
    thread.join(10)


def test_a_worker_s_bulk_read_is_walked_in_that_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    """What a paused block in a worker made (a card's facts on a long history) is walked
    before the block ends, in that thread: left young, the collector walked it later on
    whichever thread allocated next, the UI's keystroke (100-300 ms at scale)."""
    as_set = gc.get_threshold()
    gc.set_threshold(700, 10, 10)  # the app's: Python's default (the tests set larger)
    kept: list[object] = []
    walks: list[str] = []

    def note(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            walks.append(threading.current_thread().name)

    def bulk_read() -> None:
        with settled():
            kept.extend([i] for i in range(gc_pause.SETTLE_ABOVE * 2))  # tracked lists

    gc.callbacks.append(note)
    try:
        _in_thread(bulk_read)
    finally:
        gc.callbacks.remove(note)
        gc.set_threshold(*as_set)
    assert gc.isenabled()
    assert walks and all(name != "MainThread" for name in walks)
    young = {id(o) for o in gc.get_objects(0)} | {id(o) for o in gc.get_objects(1)}
    assert not any(id(row) in young for row in kept[:: len(kept) // 100])
    # Nor walked by any later collection: frozen out of them (a full one on the UI
    # thread walked every card on screen again, 300-600 ms on a ten-times history)
    walked = {id(o) for o in gc.get_objects()}
    assert not any(id(row) in walked for row in kept[:: len(kept) // 100])


def test_a_small_read_or_one_on_the_main_thread_is_not_walked_at_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Nor one in a process whose collector lets more pile up itself (the tests': their
    thousands of small loads each ended in a full collection)."""
    collections: list[str] = []
    walk_now = gc.collect

    def noted(*_: object) -> int:
        collections.append("walked")
        return 0

    monkeypatch.setattr(gc, "collect", noted)
    kept: list[object] = []

    def read(size: int) -> None:
        with settled():
            kept.extend([i] for i in range(size))

    as_set = gc.get_threshold()
    try:
        _in_thread(lambda: read(gc_pause.SETTLE_ABOVE * 2))  # under the tests' thresholds
        gc.set_threshold(700, 10, 10)  # the app's: Python's default
        walk_now()  # what the tests' thresholds let pile up so far
        _in_thread(lambda: read(100))
        with settled():  # the main thread: the walk would be the stall itself
            kept.extend([i] for i in range(gc_pause.SETTLE_ABOVE * 2))
        assert collections == []
        _in_thread(lambda: read(gc_pause.SETTLE_ABOVE * 2))  # and a bulk read is walked
        assert collections == ["walked"]
    finally:
        gc.set_threshold(*as_set)


def test_held_pauses_until_released_once_then_walks_the_young(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    walked: list[int] = []
    monkeypatch.setattr(gc, "collect", _noting(walked))
    monkeypatch.setattr(gc_pause, "_collector_walks_the_young_often", lambda: True)
    release = gc_pause.held()
    assert not gc.isenabled()
    with paused():  # a block opened and closed meanwhile does not resume it
        pass
    assert not gc.isenabled()
    release()
    assert gc.isenabled() and walked == [1]
    release()  # the second chance (a timer) finds it done
    assert gc.isenabled() and walked == [1]


def test_held_where_the_young_are_walked_seldom_only_resumes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # as in the test processes (tests/conftest.py: every 50,000 allocations)
    walked: list[int] = []
    monkeypatch.setattr(gc, "collect", _noting(walked))
    assert not gc_pause._collector_walks_the_young_often()
    release = gc_pause.held()
    release()
    assert gc.isenabled() and walked == []


def _noting(walked: list[int]) -> Callable[[int], int]:
    """A `gc.collect` that notes the generation asked for and walks nothing."""

    def collect(generation: int = 2) -> int:
        walked.append(generation)
        return 0

    return collect
