"""How the app hears that the data changed, and tells every screen: the `data_changed`
Signal.

The app's own writes are announced once each (`DataWritten`, posted by a screen or a
dialog); another program's are noticed by polling SQLite's data_version, or, on a
PostgreSQL server, told by the repository's watch (LISTEN) from a thread of its own. The
poll notices a new day as well. Apart from `app` (modes, keys, global actions): this is
the one path from the database to the screens' reloads.
"""

from __future__ import annotations

from contextlib import suppress
from datetime import date
from typing import TYPE_CHECKING

from textual.message import Message
from textual.signal import Signal

from netrack.app_refusals import RefusingApp
from netrack.changes import Change
from netrack.domain.errors import NetrackError

if TYPE_CHECKING:
    from textual.timer import Timer

    from netrack.data.repo import Repo
    from netrack.data.server_watch import Watch
    from netrack.screens.host import DataWritten

# A moment after the app's last write, the WAL is folded into the database file: soon
# enough for a copy of the file, off the quick log's path to the refreshed screens.
FOLD_SECONDS = 1.0


class ChangedElsewhere(Message):
    """Another program wrote to the server database (posted by the watch's thread)."""


class ServerNotice(Message):
    """The watch lost the server, or found it again (posted by the watch's thread)."""

    def __init__(self, line: str, trouble: bool) -> None:
        super().__init__()
        self.line = line
        self.trouble = trouble


class LiveDataApp(RefusingApp):
    """An App over `repo` whose `data_changed` Signal tells every write, its own or
    another program's; `poll_seconds`: how often it looks for the latter."""

    def __init__(self, repo: Repo, poll_seconds: float) -> None:
        super().__init__()
        self.repo = repo
        # Cards are drawn on worker threads, whose writes the data_version poll would
        # take for another program's: the app reads kept trend sums, never keeps them.
        repo.store.keeps_trend_sums = False
        self.poll_seconds = poll_seconds
        self.data_changed: Signal[Change] = Signal(self, "data_changed")
        self._version = -1
        self._day = date.min  # the day the screens show: see _poll
        self._watch: Watch | None = None
        self._heard = 0  # the watch's batches of other programs' writes (its thread counts)
        self._fold_timer: Timer | None = None

    def _start_watching(self) -> None:
        """Once mounted: the server's watch, or the data_version poll, and the day's."""
        self._watch = self.repo.watch(self._changed_elsewhere, self._server_notice)
        if self._watch is None:
            self._version = self._read_version()
        # Polled on either engine: the day turns over with no write at all.
        self._day = self.repo.today()
        self.set_interval(self.poll_seconds, self._poll)

    def on_data_written(self, message: DataWritten) -> None:
        """Every write in the app ends here, once: say what happened, refresh every
        screen. `message.logged`: the interaction the write added when that is all it
        did; screens may then update for that row alone (the quick log's fast path)."""
        summary, logged = message.summary, message.logged
        if summary:
            self.notify(summary, markup=False, timeout=4)
        if self._fold_timer is not None:
            self._fold_timer.stop()
        self._fold_timer = self.set_timer(FOLD_SECONDS, self._fold)
        if self._watch is not None:  # it tells other programs' writes by itself
            self.data_changed.publish(Change("app", logged))
            return
        # This connection's own commits leave data_version alone: a new value means
        # another process wrote too, and the poll has not told the screens yet. Then
        # "one interaction added" is not the whole story: every screen reads afresh.
        version = self._read_version()
        if version != self._version:
            logged = None
        self._version = version
        self.data_changed.publish(Change("app", logged))

    def _fold(self) -> None:
        self.run_worker(
            self.repo.fold, thread=True, group="fold", exclusive=True, exit_on_error=False
        )

    def _read_version(self) -> int:
        try:
            return self.repo.data_version()
        except NetrackError:
            return self._version
        except Exception:  # a locked or vanished file must not kill the poll
            return self._version

    def writes_elsewhere(self) -> int:
        """A count that grows with other programs' writes as this app has heard of them:
        SQLite's data_version read now, or the server watch's batches of notices. Read
        when a refusal is said, it tells a write made after the refusal from the one the
        refusal is about ("changed elsewhere since you were asked"), whose news may come
        after it."""
        if self._watch is not None:
            return self._heard
        return self._read_version()

    def _poll(self) -> None:
        """Another program's writes (SQLite; a server's come through the watch), and a
        new day: an app left open overnight would go on showing yesterday's agenda
        (follow-ups not yet due, "logged today") and last week's card."""
        day = self.repo.today()
        if day != self._day:
            self._day = day
            if self._watch is None:
                self._version = self._read_version()
            self.data_changed.publish(Change("external"))
            return
        if self._watch is not None:
            return
        version = self._read_version()
        if version != self._version:
            self._version = version
            self.data_changed.publish(Change("external"))

    # The watch's callbacks run on its thread: they only hand a message to the app's loop
    # (`post_message` is thread-safe); an app that has already closed drops it.
    def _changed_elsewhere(self) -> None:
        self._heard += 1  # before the news is posted: see writes_elsewhere
        self._post_from_thread(ChangedElsewhere())

    def _server_notice(self, line: str, trouble: bool) -> None:
        self._post_from_thread(ServerNotice(line, trouble))

    def _post_from_thread(self, message: Message) -> None:
        with suppress(RuntimeError):  # the event loop is closed: the app has quit
            self.post_message(message)

    def on_changed_elsewhere(self, _message: ChangedElsewhere) -> None:
        self.data_changed.publish(Change("external"))

    def on_server_notice(self, message: ServerNotice) -> None:
        self.notify(
            message.line,
            severity="error" if message.trouble else "information",
            markup=False,
            timeout=8,
        )

    def on_unmount(self) -> None:
        if self._watch is not None:
            self._watch.stop()
            self._watch = None
