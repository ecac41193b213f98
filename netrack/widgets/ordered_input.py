"""An Input whose editing keys act in the order they were typed.

Textual runs a widget's own key bindings (backspace, ctrl+u, ctrl+k, home, end, ←, →…)
only once the key has bubbled up to the app, while a printable key is inserted by the
widget at once. Typed together, as a fast typist, a key macro or a terminal delivers a
burst, "ctrl+u Lyon" inserted "Lyon" first and then deleted everything left of the
cursor, Lyon included; eight backspaces over "research" then "lost" gave "resealost".
Here the widget runs its own binding for a key as it handles that key, in order with the
characters around it, and the key goes no further (so no binding runs twice).

Focused again, it asks its suggester again: Textual forgets the suggestion on focus, and
a form that says "→ takes Northwind Analytics" sends the user back to a field whose →
then did nothing.
"""

from __future__ import annotations

from textual import events
from textual.widgets import Input


class OrderedInput(Input):
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
