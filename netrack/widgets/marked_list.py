"""An OptionList whose highlighted row also starts with `›`: without colour (NO_COLOR)
a shade of grey was all that told it from its neighbours, and `enter` or `del` acts on
it. Rows are given as (id, text) with `show`."""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual import on
from textual.widgets import OptionList
from textual.widgets.option_list import Option

MARK, NO_MARK = "› ", "  "


class MarkedList(OptionList):
    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._texts: list[Text] = []  # each row's text, without its mark
        self._marked: int | None = None

    def show(self, rows: Iterable[tuple[str | None, Text]]) -> None:
        """Replace the rows; each (its option id, its text)."""
        rows = list(rows)
        self._texts = [text for _, text in rows]
        self._marked = None
        self.clear_options()
        self.add_options(Option(_marked(text, False), id=key) for key, text in rows)

    @on(OptionList.OptionHighlighted)
    def _mark(self, event: OptionList.OptionHighlighted) -> None:
        for index, marked in ((self._marked, False), (event.option_index, True)):
            if index is not None and index < len(self._texts):
                self.replace_option_prompt_at_index(index, _marked(self._texts[index], marked))
        self._marked = event.option_index


def _marked(text: Text, marked: bool) -> Text:
    return Text(MARK if marked else NO_MARK, style="bold") + text
