"""A dialog whose enter writes (the quick log, the forms), alive while the database is busy.

The write runs through `run_write`: at once when the lock is free; otherwise in a thread
worker while the dialog says it is waiting. Meanwhile its inputs are disabled, so keys
typed never land in them and enter cannot save twice; those keys are kept and replayed
once the dialog has closed, as if the save had been instant. If the save fails (the wait
reached its bound), the reason shows in place, the inputs come back with what was typed,
and the kept keys are dropped: they were meant for after the dialog.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from rich.text import Text
from textual import events
from textual.widget import Widget
from textual.widgets import Input

from netrack.screens.busy_writes import WAITING, run_write
from netrack.screens.modal.dialog import Dialog

if TYPE_CHECKING:
    from netrack.data.repo import Repo

R = TypeVar("R")

KEPT_KEYS = 500  # typed ahead while waiting (at most the busy timeout): plenty


class WritingScreen(Dialog[str | None]):
    """Subclasses set `repo`, show status with `show_status`, and call `write`."""

    # A dialog's errors show at its bottom (the bar's under its input, a form's above its
    # hint), where toasts would stack: over a dialog they stack from the top.
    DEFAULT_CSS = """
    WritingScreen ToastRack { dock: top; align: right top; margin: 1 0 0 0; }
    """

    repo: Repo

    def __init__(self) -> None:
        super().__init__()
        self.waiting = False
        # Saved, and closing: an enter typed in the same burst wrote the record twice and
        # then closed the screen below (or, with none, crashed the app)
        self.saved = False
        self._kept: list[tuple[str, str | None]] = []
        self._refocus: Widget | None = None

    def write(
        self,
        change: Callable[[], R],
        done: Callable[[R], None],
        failed: Callable[[Exception], None],
    ) -> None:
        """Run `change` (one repo write); then `done(result)` or `failed(error)`, both on
        the UI thread, after the dialog has stopped waiting."""
        if self.waiting or self.saved:
            return  # saving already, or saved: enter pressed again saves nothing twice

        def finished(result: R) -> None:
            self._stop_waiting()
            self.saved = True
            done(result)
            self._replay()

        def refused(error: Exception) -> None:
            self._stop_waiting()
            self._kept.clear()
            failed(error)

        if not run_write(self.app, self.repo, change, finished, refused):
            self._start_waiting()

    def show_status(self, text: Text) -> None:
        """Show a line where the dialog shows its errors."""
        raise NotImplementedError

    def _start_waiting(self) -> None:
        self.waiting = True
        self._refocus = self.focused
        for field in self.query(Input):
            field.disabled = True  # blurred: keys come to the screen (`on_key`)
        self.show_status(Text(WAITING, style="italic"))

    def _stop_waiting(self) -> None:
        if not self.waiting:
            return
        self.waiting = False
        for field in self.query(Input):
            field.disabled = False
        if self.is_attached:
            self.set_focus(self._refocus or self.query(Input).first())
        self.show_status(Text(""))

    def on_key(self, event: events.Key) -> None:
        if not self.waiting:
            return
        event.stop()  # neither an input's nor a binding's: kept for after the dialog
        event.prevent_default()
        if len(self._kept) < KEPT_KEYS:
            self._kept.append((event.key, event.character))

    def _replay(self) -> None:
        """Send the kept keys to the app, in order, as the terminal would have."""
        kept, self._kept = self._kept, []
        for key, character in kept:
            event = events.Key(key, character)
            event.set_sender(self.app)
            self.app.post_message(event)
