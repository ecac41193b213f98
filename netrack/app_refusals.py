"""Keys that meet a database that cannot be used: refused in one line, the app stays.

A key's action (or a palette command) often reads before it acts: the campaign under the
cursor as it is now, the organizations a form offers. While the server is gone that read
raises StorageError on the UI thread, and an exception escaping a message handler ends the
app with a traceback (Textual's `_handle_exception`), the quick-log draft lost with it.
Catching it there is too late, so it is caught where actions and callbacks run: every key
of every screen, present or future, is refused as a write is, and nothing is written.
"""

from __future__ import annotations

from collections.abc import Mapping

from textual import events
from textual.actions import ActionParseResult
from textual.app import App
from textual.dom import DOMNode

from netrack.domain.errors import StorageError


class RefusingApp(App[None]):
    """An App whose actions and callbacks say a StorageError rather than die of it."""

    def refuse(self, error: StorageError) -> None:
        """Say why nothing was done: the words a refused write shows (`LiveScreen.write`)."""
        self.notify(str(error), severity="error", markup=False)

    async def run_action(
        self,
        action: str | ActionParseResult,
        default_namespace: DOMNode | None = None,
        namespaces: Mapping[str, DOMNode] | None = None,
    ) -> bool:
        # Every key binding and every palette entry for a screen key comes through here.
        try:
            return await super().run_action(action, default_namespace, namespaces)
        except StorageError as error:
            self.refuse(error)
            return True

    async def on_callback(self, event: events.Callback) -> None:
        # The palette runs its commands as the app's callbacks (a form it opens reads as
        # it is built). Handled here alone: Textual's own handler would run it again.
        event.prevent_default()
        try:
            await super().on_callback(event)
        except StorageError as error:
            self.refuse(error)
