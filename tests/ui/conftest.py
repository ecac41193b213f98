"""UI test helpers: build the app on the test repo, let workers finish, read the screen."""

from __future__ import annotations

import io
from collections.abc import Callable
from contextlib import suppress
from typing import Any

import pytest
from rich.console import Console
from textual.pilot import Pilot
from textual.worker import WorkerCancelled, WorkerState

from netrack.app import NetrackApp, create_app


@pytest.fixture
def app(repo: Any) -> NetrackApp:
    return create_app(repo)


async def settle(pilot: Pilot[Any], rounds: int = 2) -> None:
    """Let loads (thread workers) finish and their results reach the widgets.

    A pause can itself start a load (a screen resumed after a dialog, a write announced):
    keep going, a bounded number of times, until no worker is left.
    """
    for round_ in range(rounds + 20):
        # A load replaced by a newer one (exclusive) ends cancelled: the next round waits
        # for the newer one.
        with suppress(WorkerCancelled):
            await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        busy = any(w.state in (WorkerState.PENDING, WorkerState.RUNNING) for w in pilot.app.workers)
        if round_ + 1 >= rounds and not busy:
            return


def screen_text(app: NetrackApp) -> str:
    """The screen as plain text, the way a person would read it."""
    width, height = app.size
    console = Console(
        width=width,
        height=height,
        file=io.StringIO(),
        force_terminal=True,
        color_system=None,
        record=True,
        legacy_windows=False,
    )
    update = app.screen._compositor.render_update(full=True, screen_stack=app._background_screens)
    console.print(update)
    return console.export_text()


async def type_text(pilot: Pilot[Any], text: str) -> None:
    """Type like a person: one key per character."""
    await pilot.press(*text)


async def wait_until(pilot: Pilot[Any], condition: Callable[[], bool], rounds: int = 1000) -> None:
    """Let the app run until `condition()` holds: for what a thread worker finishes at a
    moment of its own (a write waiting for the database). Bounded: fails, never hangs."""
    for _ in range(rounds):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError(f"still not true after {rounds} pauses: {condition}")
