"""Small dialogs: yes/no, and the reason a campaign was lost."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static

from netrack.domain.models import LOST_REASONS
from netrack.widgets.literal import literal

DIALOG_CSS = """
{name} {{ align: center middle; }}
{name} > Vertical {{
    width: 60; max-width: 100%; height: auto;
    border: round $accent; background: $surface; padding: 0 1;
}}
"""


class Confirm(ModalScreen[bool]):
    DEFAULT_CSS = DIALOG_CSS.format(name="Confirm")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(literal(self.question))
            yield Static(Text("y yes · n no", style="dim"))

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class LostReason(ModalScreen[str | None]):
    """Pick why a campaign was lost; dismisses with the reason, or None."""

    DEFAULT_CSS = DIALOG_CSS.format(name="LostReason") + "LostReason OptionList { height: auto; }"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, campaign: str) -> None:
        super().__init__()
        self.campaign = campaign

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "Close as lost"
            title = Text("Why was ")
            title.append_text(literal(self.campaign, style="bold"))
            title.append(" lost?")
            yield Static(title)
            yield OptionList(*LOST_REASONS, id="reasons")
            yield Static(Text("enter choose · esc cancel", style="dim"))

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(LOST_REASONS[event.option_index])

    def action_cancel(self) -> None:
        self.dismiss(None)
