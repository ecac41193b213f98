"""UI test helpers: build the app on the test repo, let workers finish, read the screen."""

from __future__ import annotations

import io
import time
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager, suppress
from typing import Any

import pytest
import textual._wait
from rich.console import Console
from textual import events
from textual.app import App
from textual.css.model import RuleSet
from textual.css.stylesheet import Stylesheet
from textual.keys import _character_to_key
from textual.pilot import Pilot
from textual.screen import Screen
from textual.worker import WorkerCancelled, WorkerState

from netrack.app import NetrackApp, create_app

# This file runs twice in a test process: pytest loads it as `ui.conftest` (tests/ is not
# a package), the test modules import its helpers as `tests.ui.conftest`. Textual is
# patched below by the first run alone: patched by both, every test's last screen was
# drawn twice (the second wrapper around the first), ~17 ms of CPU a test for nothing.
_PATCHED = "_netrack_test_patches"
_FIRST_RUN = not getattr(App, _PATCHED, False)
setattr(App, _PATCHED, True)

# Pilot waits, after every key it presses, until the process has looked idle for a 20 ms
# slice. The tests wait on their real conditions (settle, wait_until), so the heuristic
# only adds time: a 4 ms slice makes the UI tests about twice as fast.
textual._wait.SLEEP_GRANULARITY = 0.004
textual._wait.SLEEP_IDLE = 0.004 / 20
# "Idle" as the event loop's thread sees it: the process's CPU time counts every thread,
# so each key pressed waited (up to a second, twice) for any thread worker — a card of
# the weeks either side computed ahead, a load — that the test does not wait for.
setattr(textual._wait, "process_time", time.thread_time)  # noqa: B010 (a private name)

_draw_frame = Screen._compositor_refresh


def _frame_for_nobody(screen: Screen[Any]) -> None:
    """A test's app is headless: Textual renders each changed frame, then throws it away
    (`App._display` draws nothing without a terminal), a quarter of a UI test's time.
    The tests read the screen by rendering it whole (`screen_text`, the snapshots), so
    the frames nobody sees are skipped; what a frame does besides drawing is kept."""
    app = screen.app
    if app.is_headless and screen is app.screen and not app.is_inline:
        screen._compositor._dirty_regions.clear()
        screen._dirty_widgets.clear()
        app._update_mouse_over(screen)
    else:
        _draw_frame(screen)


if _FIRST_RUN:
    Screen._compositor_refresh = _frame_for_nobody  # type: ignore[method-assign, assignment]
_run_test = App.run_test


@asynccontextmanager
async def _run_test_drawing_the_last_frame(
    app: App[Any], **options: Any
) -> AsyncIterator[Pilot[Any]]:
    """`App.run_test`, then the screen the test left drawn whole, as a terminal would
    show it: a widget that cannot render fails its test, skipped frames or not."""
    async with _run_test(app, **options) as pilot:
        yield pilot
        if app.is_running:
            screen_text(app)


if _FIRST_RUN:
    App.run_test = _run_test_drawing_the_last_frame  # type: ignore[method-assign, assignment]
_parse_rules = Stylesheet._parse_rules
_parsed: dict[tuple[Any, ...], list[RuleSet]] = {}


def _parse_rules_once(
    self: Stylesheet,
    css: str,
    read_from: tuple[str, str],  # Textual's CSSLocation: where the CSS was read from
    is_default_rules: bool = False,
    tie_breaker: int = 0,
    scope: str = "",
) -> list[RuleSet]:
    """`Stylesheet._parse_rules`, remembered across apps. Each app's stylesheet parses
    the same CSS, with the same theme's variables, about a dozen times as it starts and
    remembers the answers for itself alone: an eighth of a UI test's time. The variables
    are part of what is remembered by, so a theme or NO_COLOR still parses afresh."""
    key = (css, read_from, is_default_rules, tie_breaker, scope, tuple(self._variables.items()))
    rules = _parsed.get(key)
    if rules is None:
        rules = _parse_rules(self, css, read_from, is_default_rules, tie_breaker, scope)
        _parsed[key] = rules
    return rules


if _FIRST_RUN:
    Stylesheet._parse_rules = _parse_rules_once  # type: ignore[method-assign]


@pytest.fixture
def app(repo: Any) -> NetrackApp:
    return create_app(repo)


@pytest.fixture
def shell(where: Any, today: Any) -> Iterator[Any]:
    """Another netrack on the same database (the CLI beside the TUI): its writes reach
    the app's next poll."""
    from netrack.data.repo import Repo

    other = Repo.open(where, clock=lambda: today)
    with other.store.bound():
        yield other
    other.close()


def give_ids_again(writer: Any) -> None:
    """`writer` (a Repo) writes the file as a netrack before schema 14 did, and as
    another program still may: a record it adds after a delete takes the largest id
    freed. A trigger of its connection alone (TEMP): it forgets, after each delete, the
    largest id deleted."""
    from netrack.data.migrations.m014_kept_ids import KEPT_ID_TABLES

    for table in KEPT_ID_TABLES:
        writer.store.db.execute_sql(
            f'CREATE TEMP TRIGGER "{table}_id_given_again" AFTER DELETE ON main."{table}" '
            f"BEGIN DELETE FROM sqlite_sequence WHERE name = '{table}'; END"
        )


@pytest.fixture
def ids_given_again(request: pytest.FixtureRequest, repo: Any) -> None:
    """The test's own writers (`repo`, and `shell` when the test has one) give a deleted
    record's id again (`give_ids_again`). netrack no longer does (tests/cli/
    test_cli_deleted_ids.py); a dialog's guard against a record that took the id of the
    one it asked about must hold whoever wrote the file."""
    give_ids_again(repo)
    if "shell" in request.fixturenames:
        give_ids_again(request.getfixturevalue("shell"))


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
        # A layout the screen still owes (rows that arrived, a scrollbar they bring) is
        # done by its update timer, a frame later: wait for it, or a fast machine reads
        # the screen before it.
        await pilot.pause(FRAME if update_pending(pilot.app) else None)
        busy = any(w.state in (WorkerState.PENDING, WorkerState.RUNNING) for w in pilot.app.workers)
        if round_ + 1 >= rounds and not busy and not update_pending(pilot.app):
            return


FRAME = 1 / 60  # Textual's update timer


def update_pending(app: App[Any]) -> bool:
    """Whether the current screen has a layout, scroll, repaint or recompose to do."""
    screen = app.screen
    return bool(
        screen._layout_required
        or screen._scroll_required
        or screen._repaint_required
        or screen._recompose_required
    )


def screen_text(app: App[Any]) -> str:
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
    """Type `text` fast: one key event per character, each handled by the focused input
    as a terminal's keys are, all sent at once; then let the app catch up.

    `pilot.press` waits for the whole process to go idle after every key (tens of
    milliseconds each, far more on a busy machine): a sentence took seconds. Characters
    reach the focused widget's queue in order; a key bound to an action (ctrl+a, down)
    may not, so those go through `pilot.press`, one at a time.
    """
    app = pilot.app
    driver = app._driver
    assert driver is not None
    focused = app.focused
    for char in text:
        event = events.Key(char if char.isalnum() else _character_to_key(char), char)
        event.set_sender(app)
        driver.send_message(event)
    await pilot.pause()
    # The keys pass through the app's queue, then the widget's: wait until the input
    # holds them all, so a key pressed next (ctrl+s) is never handled before them.
    if focused is not None and isinstance(getattr(focused, "value", None), str):
        await wait_until(pilot, lambda: text in getattr(focused, "value", ""))


async def wait_until(pilot: Pilot[Any], condition: Callable[[], bool], rounds: int = 1000) -> None:
    """Let the app run until `condition()` holds: for what a thread worker finishes at a
    moment of its own (a write waiting for the database). Bounded: fails, never hangs."""
    for _ in range(rounds):
        if condition():
            return
        await pilot.pause(0.02)
    app = pilot.app
    said = [n.message for n in getattr(app, "_notifications", ())]
    raise AssertionError(
        f"still not true after {rounds} pauses: {condition}\n"
        f"screen {type(app.screen).__name__}, notifications {said}, "
        f"workers {[(w.name, w.state.name) for w in app.workers]}\n{screen_text(app)}"  # type: ignore[arg-type]
    )


def palette_offers(app: Any, words: str) -> Callable[[], bool]:
    """A condition for `wait_until`: the command palette has finished searching and its
    highlighted command (the one enter runs) contains `words`."""
    from textual.command import CommandList, CommandPalette

    def ready() -> bool:
        screen = app.screen
        if not isinstance(screen, CommandPalette):
            return False
        if any(w.node is screen and not w.is_finished for w in app.workers):
            return False  # still searching: the order may change
        found = screen.query_one(CommandList)
        if found.highlighted is None:
            return False
        prompt = found.get_option_at_index(found.highlighted).prompt
        return words.casefold() in str(getattr(prompt, "plain", prompt)).casefold()

    return ready


def prompt_done(app: Any) -> Callable[[], bool]:
    """A condition for `wait_until`: the palette's path prompt is not running its action."""
    return lambda: not getattr(app.screen, "running", False)


def prompt_open(app: Any) -> Callable[[], bool]:
    """A condition for `wait_until`: the palette's path prompt is up, its input focused."""
    return lambda: getattr(app.focused, "id", None) == "prompt-path"
