"""The base of netrack's dialogs: a modal screen that closes once.

Textual's `Screen.dismiss` pops whatever screen is on top. A key typed in the same burst
as the one that closed a dialog (enter twice on a form, `y y` on a question, enter then
escape) dismissed it a second time: that popped the screen below it (a contact's page
closed under the referral just saved) or, with none left, crashed the app ("Can't pop
screen"). A dialog closes once; later calls do nothing. And a dialog dismissed while
another screen is over it (a save that waited for the lock, finished under the palette
or the quit question) closes once it is on top again, not the one over it.
"""

from __future__ import annotations

from typing import ClassVar, TypeVar

from textual import events, on
from textual.await_complete import AwaitComplete
from textual.screen import ModalScreen

ResultT = TypeVar("ResultT")


async def _nothing() -> None:
    return None


class Dialog(ModalScreen[ResultT]):
    """A modal screen whose `dismiss` acts once."""

    # False for a question (yes/no, a pick, a loss's reason): no palette over it
    ALLOWS_PALETTE: ClassVar[bool] = True
    _dismissed = False  # (not `_closed`: the message pump's own)
    _later: tuple[ResultT | None] | None = None  # dismissed under another screen

    def dismiss(self, result: ResultT | None = None) -> AwaitComplete:
        if self._dismissed or not self.is_attached:  # closed already, or never shown
            return AwaitComplete(_nothing())
        if self.app.screen is not self:
            self._later = (result,)  # Textual would pop the screen on top: not this one
            return AwaitComplete(_nothing())
        self._dismissed = True
        return super().dismiss(result)

    @on(events.ScreenResume)
    def _dismiss_when_on_top(self) -> None:
        if self._later is not None:
            (result,), self._later = self._later, None
            self.dismiss(result)
