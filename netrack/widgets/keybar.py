"""The bottom line: the keys of the focused screen and widget, each clickable; under a
dialog, the dialog's keys (the screen's do nothing while it is open).

Textual's `Footer` draws each key as its own widget and composes them only after the
screen's first frame, which costs a second layout pass at start-up. The same line drawn
by one widget shows with the first frame; it follows focus through the screen's
`bindings_updated_signal`, as `Footer` does.
"""

from __future__ import annotations

from typing import ClassVar, NamedTuple

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget

HELP_KEY = "question_mark"
MORE = "…"


class Hint(NamedTuple):
    """One key as the bar shows it."""

    key_display: str
    description: str
    key: str  # the binding's keys, as `simulate_key` takes the first
    enabled: bool


class KeyBar(Widget):
    COMPONENT_CLASSES: ClassVar[set[str]] = {"keybar--key", "keybar--description"}
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        background: $footer-background;
    }
    KeyBar > .keybar--key { color: $footer-key-foreground; text-style: bold; }
    KeyBar > .keybar--description { color: $footer-description-foreground; }
    """

    def __init__(self, compact: bool = False) -> None:
        super().__init__()
        self.compact = compact
        self._keys: list[tuple[int, int, str]] = []  # (start, end, key) of each hint

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self.app.screen_change_signal.subscribe(self, self._screen_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)
        self.app.screen_change_signal.unsubscribe(self)

    def _bindings_changed(self, _screen: Screen[object]) -> None:
        self.refresh()

    def _screen_changed(self, screen: Screen[object]) -> None:
        """A dialog opened over this bar's screen (or closed): its keys, as they change
        with its focus, or the screen's again."""
        if screen is self._keys_from() and screen is not self.screen:
            signal = screen.bindings_updated_signal
            signal.unsubscribe(self)  # once, if it is on top again (after the palette)
            signal.subscribe(self, self._bindings_changed)
        self.refresh()

    def _keys_from(self) -> Screen[object]:
        """The screen whose keys work now: a dialog shown over this bar's screen (the
        screen's own keys do nothing under it), else the screen itself."""
        stack = self.app.screen_stack
        if self.screen in stack and stack[-1] is not self.screen:
            return stack[-1]
        return self.screen

    def _shown(self) -> list[tuple[Binding, bool]]:
        """The bindings to show, one per action, in the order the screen has them."""
        seen: set[str] = set()
        shown = []
        for _node, binding, enabled, _tooltip in self._keys_from().active_bindings.values():
            if binding.show and binding.action not in seen:
                seen.add(binding.action)
                shown.append((binding, enabled))
        return shown

    def _hints(self) -> list[Hint]:
        return [
            Hint(self.app.get_key_display(binding), binding.description, binding.key, enabled)
            for binding, enabled in self._shown()
            if binding.key != self.app.COMMAND_PALETTE_BINDING
        ]

    def _fit(self, hints: list[Hint], room: int) -> list[Hint | None]:
        """The hints that fit in `room` cells, in order; when some do not, the first ones
        that do, then None (drawn as "…"), then Help, which lists every key."""
        if self._width(hints) <= room:
            return list(hints)
        last = [hint for hint in hints if hint.key == HELP_KEY]
        room -= self._width(last) + cell_len(MORE) + 1
        kept: list[Hint] = []
        for hint in hints:
            if hint not in last and self._width([*kept, hint]) <= room:
                kept.append(hint)
        return [*kept, None, *last]

    def _width(self, hints: list[Hint]) -> int:
        """Cells the hints take: " key description " each; compact, one space less at
        the start and none at the end, but two between."""
        cells = sum(cell_len(h.key_display) + cell_len(h.description) + 3 for h in hints)
        return cells - 1 if self.compact and hints else cells

    def render(self) -> Text:
        key_style = self.get_component_rich_style("keybar--key")
        text_style = self.get_component_rich_style("keybar--description")
        line = Text(no_wrap=True, overflow="ellipsis")
        self._keys = []
        at = 0  # cells so far: measured piece by piece, not the whole line again each time

        def add(piece: str, style: Style | str = "") -> None:
            nonlocal at
            line.append(piece, style)
            at += cell_len(piece)

        palette = (("▏", text_style), ("^p", key_style), (" palette ", text_style))
        palette_width = sum(cell_len(piece) for piece, _ in palette)
        hints = self._hints()
        with_palette = self.app.ENABLE_COMMAND_PALETTE and (
            self._width(hints) + palette_width < self.size.width
        )
        for hint in self._fit(hints, self.size.width):
            if hint is None:
                add(" " + MORE, text_style)
                continue
            dim = Style(dim=not hint.enabled)
            start = at
            # Spaced as Footer spaces them: " key description " each, or tighter.
            add(" " if not self.compact or start == 0 else "  ")
            add(hint.key_display, key_style + dim)
            add(" ")
            add(hint.description, text_style + dim)
            if not self.compact:
                add(" ")
            self._keys.append((start, at, hint.key))
        if with_palette:
            add(" " * (self.size.width - at - palette_width))
            start = at
            for piece, style in palette:
                add(piece, style)
            self._keys.append((start, at, self.app.COMMAND_PALETTE_BINDING))
        return line

    def on_click(self, event: events.Click) -> None:
        for start, end, key in self._keys:
            if start <= event.x < end:
                event.stop()
                self.app.simulate_key(key.split(",")[0])
                return
