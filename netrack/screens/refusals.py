"""A screen's refusal line, cleared by the next change to the data: a stale "research is
the first stage" stayed above a board a later save had changed, and "Solo Person is the
only contact" above a list another program had added a contact to."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from netrack.screens.host import host

if TYPE_CHECKING:
    from textual.screen import Screen

    from netrack.changes import Change


def nothing_to_act_on(
    noun: str, new: str, *, none_yet: bool, otherwise: str, all_hidden: str = ""
) -> str:
    """What a key acting on the record under the cursor says, in place, where there is
    none: what is missing and the key to press. On a new database the key bar offers
    e, x, del, enter… and they did nothing without a word. `none_yet`: none is listed
    ("No campaign yet: n opens one."), or, `all_hidden` given, some exist but every one
    is hidden, with the key that shows them ("archived (A shows them)": "yet, n adds
    one" sent the user away from it); else `otherwise`, why none is under the cursor
    here (an empty column, a filter that hides every row)."""
    if none_yet and all_hidden:
        return f"No {noun} shown: every one is {all_hidden}."
    return f"No {noun} yet: {new}." if none_yet else otherwise


class FreshRefusals:
    """Counts the refusals said while news of this app's earlier writes may still be on
    its way (keys typed ahead: `>` then `<` in one burst): such news must not clear the
    refusal after it. The news comes as `data_changed` does, the app's queue then the
    screen's next callbacks, both in order: past the marker `said` leaves, a write heard
    of was made after the refusal. Another program's writes are told by the poll or the
    server's watch, in no order with the keys: a count of them read as the refusal is
    said tells one made after it from one made before (the one a "changed elsewhere
    since you were asked" is about, whose news may come after it)."""

    def __init__(self, screen: Screen[Any]) -> None:
        self._screen = screen
        self._fresh = 0
        self._elsewhere_at_refusal = 0

    def said(self) -> None:
        self._fresh += 1
        self._screen.app.call_later(self._screen.call_next, self._settled)
        self._elsewhere_at_refusal = host(self._screen.app).writes_elsewhere()

    def _settled(self) -> None:
        self._fresh -= 1

    def stale_after(self, change: Change) -> bool:
        """Whether `change` makes the line stale: a write of this app's (a campaign
        added, edited, logged…) made after every refusal said, or another program's
        made after the last one (what the line said of a card or a list may be false
        now: the card moved, a second contact came)."""
        if change.origin == "app":
            return not self._fresh
        return host(self._screen.app).writes_elsewhere() != self._elsewhere_at_refusal

    def gone_with_the_screen(self) -> bool:
        """On `ScreenSuspend`: whether the line goes. Left for another screen (a mode key,
        a record's page), a refusal said here is of a moment gone; a dialog over it (`?`,
        a question) leaves it to be read again after. The screen on top is already the
        app's when the event comes."""
        from textual.screen import ModalScreen

        return not isinstance(self._screen.app.screen, ModalScreen)
