"""What screens may ask of the app, and the one message that announces a write.

Screens and dialogs never import the App (that made `app ↔ screens` an import cycle):
they see it as a `Host` and tell it about a write by posting `DataWritten`, which the App
handles once — a notification, then the `data_changed` Signal every screen listens to.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol, cast

from textual.message import Message

if TYPE_CHECKING:
    from textual.app import App
    from textual.screen import Screen
    from textual.signal import Signal
    from textual.widget import AwaitMount

    from netrack.changes import Change
    from netrack.data.repo import Repo
    from netrack.data.repo.follow_ups import DoneMark
    from netrack.screens.modal.prompt import Action


class DataWritten(Message):
    """A write was saved. `summary`: what it did, for the user (None: say nothing);
    `logged`: the interaction it added when that is all it did, so a screen may update
    for that row alone (the quick log's fast path)."""

    def __init__(self, summary: str | None = None, logged: int | None = None) -> None:
        super().__init__()
        self.summary = summary
        self.logged = logged


class Draft:
    """What the quick-log bar held when it was closed with escape: one per app, shown
    again by the next `l` (instead of what a screen would pre-fill: the draft is what the
    user wrote)."""

    def __init__(self) -> None:
        self.text = ""


class Host(Protocol):
    """The App as a screen uses it."""

    repo: Repo
    data_changed: Signal[Change]
    # What each screen's `d`s marked done, for `u` (see LiveScreen.undoable_done).
    done_marks: dict[object, tuple[tuple[dict[int, DoneMark], str], ...]]

    def go_to(self, mode: str) -> None: ...

    def writes_elsewhere(self) -> int:
        """A count that grows with other programs' writes as the app heard of them."""
        ...

    def mode_screen(self, mode: str) -> type[Screen[Any]]:
        """The class of tab `mode`'s screen (loaded when first asked for)."""
        ...

    def open_contact(self, contact_id: int) -> None: ...

    def open_campaign(self, campaign_id: int) -> None: ...

    def open_form(self, form: Screen[Any]) -> AwaitMount: ...

    def run_action_prompt(self, action: Action) -> None: ...

    async def action_quick_log(self, prefill: str = "") -> None: ...

    def action_help(self) -> None: ...


def host(app: App[Any]) -> Host:
    """`app` as the Host it is (the one App netrack runs: `netrack.app.NetrackApp`)."""
    return cast("Host", app)


def announce(app: App[Any], summary: str | None = None, logged: int | None = None) -> None:
    """Tell the app that a write was saved (see `DataWritten`)."""
    app.post_message(DataWritten(summary, logged))
