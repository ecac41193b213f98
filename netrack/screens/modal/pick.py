"""Choose one of a list: a contact to merge into or to link, a role, a linked contact.

Type to narrow the list (accents and case never matter), ↑↓ to move, enter to choose,
escape to cancel (the dialog returns None). Choosing writes nothing: the screen that
asked decides what to do with the answer.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from netrack.domain.name_folding import fold
from netrack.screens.modal.confirm import DIALOG_CSS
from netrack.screens.modal.dialog import Dialog
from netrack.widgets.literal import literal
from netrack.widgets.marked_list import MarkedList
from netrack.widgets.ordered_input import OrderedInput

FILTER_FROM = 8  # a shorter list is read at a glance: no filter field


class PickFilter(OrderedInput):
    """The filter field: ↑↓ move the list as the field handles the key, in order with the
    letters and the enter around them. As the screen's bindings they ran once the key
    had bubbled up, after the field's own enter: ↓ ↓ ⏎ typed fast chose the first row,
    and merged or linked the wrong person."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "screen.move(1)", show=False),
        Binding("up", "screen.move(-1)", show=False),
    ]


class Pick(Dialog[int | None]):
    """`choices`: (value, label) pairs, shown in that order; the dialog returns the chosen
    value. `by_name`: sorted by label (accents and case aside) instead."""

    DEFAULT_CSS = (
        DIALOG_CSS.format(name="Pick")
        + """
    Pick OptionList, Pick OptionList:focus {
        height: auto; max-height: 16; border: none; padding: 0; margin: 1 0 0 0;
    }
    Pick Input { height: 1; border: none; padding: 0 1; background: $boost; margin-top: 1; }
    Pick Input:focus { background: $accent 30%; border: none; }
    """
    )
    ALLOWS_PALETTE = False
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("down", "move(1)", "Down", show=False),
        Binding("up", "move(-1)", "Up", show=False),
    ]

    def __init__(
        self,
        title: str,
        question: Text,
        choices: Sequence[tuple[int, str]],
        current: int = 0,
        by_name: bool = False,
    ) -> None:
        super().__init__()
        self.title_text = title
        self.question = question
        self.choices = sorted(choices, key=lambda c: fold(c[1])) if by_name else list(choices)
        self.current = current  # the position highlighted first
        self.filtered = len(self.choices) >= FILTER_FROM
        self._listed: str | None = None  # the filter the list shows the rows of

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = self.title_text
            yield Static(self.question)
            if self.filtered:
                yield PickFilter(placeholder="type to narrow the list", id="pick-filter")
            yield MarkedList(id="pick-list")
            yield Static(id="pick-empty", classes="empty")
            keys = "type to narrow · " if self.filtered else ""
            yield Static(Text(f"{keys}↑↓ move · enter choose · esc cancel", style="dim"))

    def on_mount(self) -> None:
        self.app.clear_notifications()  # a toast covered the question (see Confirm)
        self._fill("")
        found = self.query_one(MarkedList)
        if self.choices:
            found.highlighted = min(self.current, len(self.choices) - 1)
        if self.filtered:
            self.query_one(Input).focus()
        else:
            found.focus()

    def _sync(self) -> None:
        """The list as the filter field reads now. Its Changed messages come after the
        keys typed behind them: a ↓ typed after a letter moves in the narrowed list."""
        query = self.query_one(Input).value if self.filtered else ""
        if query != self._listed:
            self._fill(query)

    def _fill(self, query: str) -> None:
        self._listed = query
        needle = fold(query)
        found = self.query_one(MarkedList)
        found.clear_options()
        found.show(
            (str(value), literal(label))
            for value, label in self.choices
            if not needle or needle in fold(label)
        )
        if found.option_count:
            found.highlighted = 0
        empty = self.query_one("#pick-empty", Static)
        empty.update(literal(f"nothing matches {query!r}") if not found.option_count else "")
        empty.display = not found.option_count

    @on(Input.Changed, "#pick-filter")
    def _filter(self, event: Input.Changed) -> None:
        self._sync()  # not again for a list already narrowed for it (its cursor kept)

    @on(Input.Submitted, "#pick-filter")
    def _submitted(self) -> None:
        self._sync()
        found = self.query_one(MarkedList)
        if found.highlighted is not None:
            self._choose(found.get_option_at_index(found.highlighted))

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self._choose(event.option)

    def _choose(self, option: Option) -> None:
        assert option.id is not None  # every option is made with its value as id
        self.dismiss(int(option.id))

    def action_move(self, steps: int) -> None:
        self._sync()
        found = self.query_one(MarkedList)
        if found.has_focus or not found.option_count:
            return
        at = found.highlighted or 0
        found.highlighted = max(0, min(found.option_count - 1, at + steps))

    def action_cancel(self) -> None:
        self.dismiss(None)
