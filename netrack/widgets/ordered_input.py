"""An Input whose editing keys act in the order they were typed.

Textual runs a widget's own key bindings (backspace, ctrl+u, ctrl+k, home, end, ←, →…)
only once the key has bubbled up to the app, while a printable key is inserted by the
widget at once. Typed together, as a fast typist, a key macro or a terminal delivers a
burst, "ctrl+u Lyon" inserted "Lyon" first and then deleted everything left of the
cursor, Lyon included; eight backspaces over "research" then "lost" gave "resealost".
Here the widget runs its own binding for a key as it handles that key, in order with the
characters around it, and the key goes no further (so no binding runs twice).

Text of several lines pasted is not cut to its first line, as Textual's Input does
without a word: a field that may hold line breaks (`line_breaks`: a note) shows them as
␊, as it shows stored ones, and the form saves them as line breaks; a one-line field (a
name, the quick-log bar) joins the lines with spaces.

Focused again, it asks its suggester again: Textual forgets the suggestion on focus, and
a form that says "→ takes Northwind Analytics" sends the user back to a field whose →
then did nothing.
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.widgets import Input

from netrack.domain.visible import visible
from netrack.widgets.name_suggester import NameSuggester

LINE_BREAK = visible("\n")  # ␊: how a one-line field shows a line break


def one_line(text: str, line_breaks: bool) -> str:
    """Pasted `text` as a one-line field takes it: its lines joined by ␊ (`line_breaks`)
    or by spaces (blank lines and the spaces around each line dropped)."""
    lines = text.splitlines()
    if len(lines) <= 1:
        return lines[0] if lines else ""
    if line_breaks:
        return LINE_BREAK.join(lines)
    return " ".join(line.strip() for line in lines if line.strip())


class OrderedInput(Input):
    def __init__(self, *args: Any, line_breaks: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.line_breaks = line_breaks

    def _on_paste(self, event: events.Paste) -> None:
        event.prevent_default()  # Input's own handler would keep the first line alone
        event.stop()
        text = one_line(event.text, self.line_breaks)
        if not text:
            return
        selection = self.selection
        if selection.is_empty:
            self.insert_text_at_cursor(text)
        else:
            self.replace(text, *selection)

    @property
    def offered(self) -> str:
        """What → makes the field hold, "" when nothing is suggested: a name as it is
        stored, not as the field draws it after the typed text ("zoe Adler")."""
        if not self._suggestion:
            return ""
        if isinstance(self.suggester, NameSuggester):
            offer = self.suggester.offer(self.value)
            return offer.taken if offer else ""
        return self._suggestion

    def action_cursor_right(self, select: bool = False) -> None:
        offered = self.offered
        if select or not self.cursor_at_end or not offered:
            super().action_cursor_right(select)
            return
        self.value = offered
        self.cursor_position = len(offered)

    def _on_focus(self, event: events.Focus) -> None:
        # Input's own handler runs after this one (Textual calls each class's) and
        # clears the suggestion; the answer asked for here arrives after it.
        if self.suggester is not None and self.value:
            self.run_worker(self.suggester._get_suggestion(self, self.value))

    async def _on_key(self, event: events.Key) -> None:
        for binding in self._bindings.key_to_bindings.get(event.key, ()):
            if binding.priority:
                continue  # the app ran those already, before handing the key on
            if await self.app.run_action(binding.action, self):
                event.stop()
                event.prevent_default()
                return
        await super()._on_key(event)
