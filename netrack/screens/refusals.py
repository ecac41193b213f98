"""A screen's refusal line, cleared by the app's next own write: a stale "research is the
first stage" stayed above a board a later save had changed."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.screen import Screen

    from netrack.changes import Change


class FreshRefusals:
    """Counts the refusals said while news of this app's earlier writes may still be on
    its way (keys typed ahead: `>` then `<` in one burst): such news must not clear the
    refusal after it. The news comes as `data_changed` does, the app's queue then the
    screen's next callbacks, both in order: past the marker `said` leaves, a write heard
    of was made after the refusal."""

    def __init__(self, screen: Screen[Any]) -> None:
        self._screen = screen
        self._fresh = 0

    def said(self) -> None:
        self._fresh += 1
        self._screen.app.call_later(self._screen.call_next, self._settled)

    def _settled(self) -> None:
        self._fresh -= 1

    def stale_after(self, change: Change) -> bool:
        """Whether `change` (a campaign added, edited, logged…) makes the line stale: a
        write of this app's, made after every refusal said."""
        return change.origin == "app" and not self._fresh
