"""What every data screen shares: load in a thread worker, reload when data changes.

A screen implements `load()` (runs in a worker thread: repo calls only, no widgets) and
`show(data)` (runs on the UI thread). Visible screens reload as soon as the app publishes
`data_changed`; hidden ones remember they are stale and reload when shown again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Generic, TypeVar, cast

from textual import events, work
from textual.screen import Screen
from textual.worker import get_current_worker

from netrack.domain.errors import NetrackError

if TYPE_CHECKING:
    from netrack.app import NetrackApp
    from netrack.changes import Change
    from netrack.data.repo import Repo

T = TypeVar("T")


class LiveScreen(Screen[None], Generic[T]):
    """A screen over `repo` whose figures follow the data."""

    def __init__(self, repo: Repo) -> None:
        super().__init__()
        self.repo = repo
        self._stale = True
        self.loaded = 0  # how many loads have been shown (tests wait on it)

    @property
    def netrack(self) -> NetrackApp:
        return cast("NetrackApp", self.app)

    def on_mount(self) -> None:
        self.netrack.data_changed.subscribe(self, self._data_changed)
        if self._stale:
            self.reload()

    def _data_changed(self, _change: Change) -> None:
        self._stale = True
        if self.is_current:
            self.reload()

    def on_screen_resume(self, _event: events.ScreenResume) -> None:
        if self._stale and self.is_mounted:
            self.reload()

    def reload(self) -> None:
        self._stale = False
        self._load_in_thread()

    @work(thread=True, exclusive=True, exit_on_error=False, group="load")
    def _load_in_thread(self) -> None:
        worker = get_current_worker()
        try:
            data = self.load()
        except Exception as error:  # shown, never raised: the UI must not die on a bad row
            if not worker.is_cancelled:
                self.app.call_from_thread(self._failed, error)
            return
        finally:
            self.repo.close()  # this thread's connection only
        if not worker.is_cancelled:
            self.app.call_from_thread(self._show, data)

    def _show(self, data: T) -> None:
        if self.is_attached:
            self.show(data)
            self.loaded += 1

    def _failed(self, error: Exception) -> None:
        self.notify(f"could not load: {error}", severity="error", markup=False)

    def load(self) -> T:
        raise NotImplementedError

    def show(self, data: T) -> None:
        raise NotImplementedError

    # --- writes ------------------------------------------------------------------------

    def write(self, change: Callable[[], Any], summary: str | Callable[[Any], str]) -> bool:
        """Run one repo write; announce it and refresh, or show why it was refused."""
        try:
            result = change()
        except NetrackError as error:
            self.notify(str(error), severity="error", markup=False)
            return False
        text = summary(result) if callable(summary) else summary
        self.netrack.data_written(text)
        return True
