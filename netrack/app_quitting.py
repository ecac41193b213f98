"""What quitting would throw away: typing in any screen of any mode, or the kept draft.

The palette's "Go to …" switches mode with a form or the quick-log bar still open: it
stays in its own mode's stack (its key shows it again), out of sight of the screen the
quit key is pressed on, and quitting from there threw it away unasked.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from textual.app import App
from textual.screen import ModalScreen, Screen
from textual.widgets import Input


def typing_at_stake(app: App[Any], mode_titles: Mapping[str, str], draft: str) -> str:
    """What quitting would throw away, in words ("" for nothing): the current mode's
    screens first, then each other mode's, named by its title ("… on Pipeline"); then
    `draft`, the quick-log line escape kept for the next `l`."""
    current = app.current_mode
    for mode in [current, *(m for m in mode_titles if m != current)]:
        try:
            stack = app.get_screen_stack(mode)
        except KeyError:  # a mode never shown has no screens yet
            continue
        for screen in reversed(stack):
            typed = _typed_on(screen)
            if typed:
                return typed if mode == current else f"{typed} on {mode_titles[mode]}"
    if draft.strip():
        return "the quick-log draft"
    return ""


def _typed_on(screen: Screen[Any]) -> str:
    from netrack.screens.modal.form import FormScreen
    from netrack.screens.modal.quicklog import QuickLog

    if isinstance(screen, FormScreen):
        typed = [f.label for f in screen.fields if not screen.unchanged(f.name)]
        return f"what you typed ({', '.join(typed)})" if typed else ""
    if isinstance(screen, QuickLog):
        line = screen.query_one(Input).value
        return "the quick-log line" if line.strip() and line != screen.opened_with else ""
    if isinstance(screen, ModalScreen) and any(
        box.value.strip() and box.id != "pick-filter" for box in screen.query(Input)
    ):  # a loss's note, a path (they open blank); a filter (a pick's, the Contacts
        # screen's) is a search, no typing to keep
        return "what you typed"
    return ""
