"""A yes/no dialog (and the frame the other small dialogs share)."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Static

from netrack.screens.modal.dialog import Dialog
from netrack.widgets.literal import literal

DIALOG_CSS = """
{name} {{ align: center middle; }}
{name} > Vertical {{
    width: 60; max-width: 100%; height: auto;
    border: round $accent; background: $surface; padding: 0 1;
}}
"""


class Confirm(Dialog[bool]):
    DEFAULT_CSS = DIALOG_CSS.format(name="Confirm")
    ALLOWS_PALETTE = False
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def on_mount(self) -> None:
        # The toasts of what was just done stand over the dialog at 80×24 ("Why was
        # Kestrel Robotics Pl▌" for three seconds after an undo): a question is
        # answered with nothing over it; what they said was seen already.
        self.app.clear_notifications()

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(literal(self.question))
            yield Static(Text("y yes · n no", style="dim"))

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


def close_unless_typed(dialog: Dialog[Any], typed: list[str]) -> None:
    """Close `dialog` without saving; first asked "Discard what you typed (Note)?" when
    `typed` names what holds something typed or chosen (an escape pressed by habit threw
    a paragraph of notes away)."""
    if not typed:
        dialog.dismiss(None)
        return

    def answered(discard: bool | None) -> None:
        if discard:
            dialog.dismiss(None)

    dialog.app.push_screen(Confirm(f"Discard what you typed ({', '.join(typed)})?"), answered)
