"""The cycle collector is paused while a card is built, and always comes back."""

from __future__ import annotations

import gc
import threading

import pytest

from netrack.domain import metrics
from netrack.domain.facts import ScorecardInputs
from netrack.domain.gc_pause import paused
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
