"""Hearing other programs' writes to a server database as they commit (LISTEN).

A file is polled (`PRAGMA data_version` is one cheap read); a server tells: every write
sends a change notice (`server.take_write_lock`), and a `Watch` is a thread blocked on
a listening connection of its own that calls back once per batch of notices from
other stores. The thread is a daemon and wakes a few times a second to see whether it
should stop, so it never holds a program open; when the server goes away it says so
once, retries, and says so again when it is back (its writes may have been missed
meanwhile, so that counts as a change too).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from netrack.data.server import CHANNEL, ServerAddress, describe, driver, refuses_login

# How long one wait for notices lasts: the longest a stop (a quit) waits for the thread.
WAKE_SECONDS = 0.25
# How long the thread waits before trying a lost server again.
RETRY_SECONDS = 2.0


class Watch:
    """A thread that calls `on_change()` when another program writes to the database
    at `address`, and `on_notice(line, trouble)` when it loses the server (trouble) or
    finds it again. The callbacks run on the thread: a UI hands them to its own loop."""

    def __init__(
        self,
        address: ServerAddress,
        own_sender: str,
        on_change: Callable[[], None],
        on_notice: Callable[[str, bool], None],
    ) -> None:
        self.address = address
        self.own_sender = own_sender
        self.on_change = on_change
        self.on_notice = on_notice
        self._stop = threading.Event()
        self._listening = threading.Event()
        self._thread = threading.Thread(target=self._run, name="netrack-listen", daemon=True)

    def start(self) -> Watch:
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop listening (returns within about `WAKE_SECONDS`)."""
        self._stop.set()
        if self._thread.is_alive() and self._thread is not threading.current_thread():
            self._thread.join(timeout=WAKE_SECONDS * 4)

    def wait_listening(self, seconds: float) -> bool:
        """True once the thread listens (a write committed after this is heard)."""
        return self._listening.wait(seconds)

    def _run(self) -> None:
        # What the last notice said of the server: None (in touch), "gone" or "refused"
        # (there, refusing the login): said again only when that changes, so a server
        # that drops the connection and then refuses the login is told both ways.
        said: str | None = None
        while not self._stop.is_set():
            connection: Any = None
            try:
                connection = self._listen()
                if said:
                    said = None
                    self.on_notice(
                        f"back in touch with {self.address}: showing its latest data", False
                    )
                    self.on_change()
                self._listening.set()
                self._relay(connection)
            except Exception as error:  # the server went away, or refused the connection
                self._listening.clear()
                kind = "refused" if refuses_login(error) else "gone"
                if not self._stop.is_set() and kind != said:
                    said = kind
                    until = "it lets netrack in" if kind == "refused" else "it is back"
                    self.on_notice(
                        f"{describe(error, self.address)}; other programs' changes show "
                        f"once {until} (trying again)",
                        True,
                    )
            finally:
                if connection is not None:
                    connection.close()
            self._stop.wait(RETRY_SECONDS)

    def _listen(self) -> Any:
        connection = driver().connect(self.address.url, autocommit=True)
        connection.execute(f"LISTEN {CHANNEL}")
        return connection

    def _relay(self, connection: Any) -> None:
        """Wait for notices until told to stop; one call back per batch of them."""
        while not self._stop.is_set():
            # Back at the first notice, then whatever else already arrived with it.
            batch = list(connection.notifies(timeout=WAKE_SECONDS, stop_after=1))
            if not batch:
                continue
            batch += connection.notifies(timeout=0)
            if any(n.payload != self.own_sender for n in batch) and not self._stop.is_set():
                self.on_change()
