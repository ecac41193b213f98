"""`?`: every key of the current screen, grouped by where it applies."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, ClassVar

from rich.cells import cell_len
from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import ScrollableContainer, VerticalScroll
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widgets import Static

from netrack.screens.host import host
from netrack.screens.modal.dialog import Dialog
from netrack.widgets.header import TABS

if TYPE_CHECKING:
    from textual.binding import ActiveBinding

GLOBAL = [
    *((key, f"{label} screen") for key, _, label in TABS),
    ("l", "quick log, on every screen"),
    ("ctrl+p", "command palette: jump to a contact or campaign, run any action"),
    ("?", "this help"),
    ("escape", "back / close"),
    ("q", "quit"),
]


# The keys every Textual screen and app inherit (tab, shift+tab, ctrl+c to copy, …), and
# the scrolling a table inherits from ScrollView (← → ctrl+pageup …: netrack's tables
# move a cursor with their own keys, and never scroll sideways by themselves). Told apart
# by the class that binds the key, not by the action's name: DataTable binds home, end,
# pageup and pagedown anew to actions ScrollView also names (scroll_home, page_up), and
# hidden by that name they went missing from `?` and the palette while they moved the
# Agenda's and Goals' cursors.
TEXTUAL_DEFAULT_OWNERS = (Screen, App, ScrollableContainer)


def textual_default(kind: type[DOMNode], binding: Binding) -> bool:
    """True: `kind` has `binding`'s key from one of TEXTUAL_DEFAULT_OWNERS, no class
    nearer to it (netrack's, or a Textual widget such as DataTable) binding it anew."""
    for cls in kind.__mro__:
        own = cls.__dict__.get("BINDINGS")
        if own and any(bound.key == binding.key for bound in Binding.make_bindings(own)):
            return cls in TEXTUAL_DEFAULT_OWNERS
    return False


NAMES = {
    "less_than_sign": "<",
    "greater_than_sign": ">",
    "question_mark": "?",
    "left": "←",
    "right": "→",
    "up": "↑",
    "down": "↓",
}


def key_label(binding: Binding) -> str:
    """How `?` shows the key. A binding of several keys ("<,shift+left") comes here once
    per key, each with the binding's one `key_display`, which names the plain key: a key
    with a modifier is named for itself (shift+← beside <)."""
    modifiers, _, key = binding.key.rpartition("+")
    if binding.key_display and not modifiers:
        return binding.key_display
    named = NAMES.get(key, key)
    return f"{modifiers}+{named}" if modifiers else named


def _grid(keys_width: int = 0) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True, min_width=keys_width)
    table.add_column()
    return table


def help_table(bindings: Iterable[ActiveBinding]) -> Group:
    seen: set[str] = set()
    rows: dict[tuple[int, str], tuple[str, str]] = {}  # (node, action) → keys, description
    notes: dict[str, str] = {}
    sections: dict[str, Sequence[tuple[str, str]]] = {}
    for active in bindings:
        binding = active.binding
        if not type(active.node).__module__.startswith("netrack"):
            continue  # Textual's own widget keys (cursor, copy, …) are not ours to list
        # What a key does beyond its one-word description: a screen's HELP_NOTES.
        notes.update(getattr(active.node, "HELP_NOTES", {}))
        # What a key reads, for one that reads a grammar (Contacts' `/`): HELP_SECTIONS.
        sections.update(getattr(active.node, "HELP_SECTIONS", {}))
        if not binding.description or binding.action.startswith("switch_mode"):
            continue
        if binding.action in ("quit", "help", "quick_log", "command_palette"):
            continue
        if textual_default(type(active.node), binding):
            continue  # focus cycling and copy, inherited by every screen: not netrack's
        key = key_label(binding)
        if key in seen:
            continue
        seen.add(key)
        # The keys of one action share a row: "< shift+←  Stage back".
        where = (id(active.node), binding.action)
        keys, _ = rows.get(where, ("", ""))
        rows[where] = (f"{keys} {key}".strip(), binding.description)
    # A section in a grid of its own (its examples are wider than any key), between the
    # screen's keys and the global ones, which keep one keys column as wide as theirs.
    keys_width = max(cell_len(keys) for keys, _ in [*rows.values(), *GLOBAL, ("This screen", "")])
    table = _grid(keys_width)
    table.add_row(Text("This screen", style="underline"), "")
    for keys, description in rows.values():
        line = Text(description)
        first = keys.split(" ")[0]
        if first in notes:
            line.append(f": {notes[first]}", style="dim")
        table.add_row(keys, line)
    parts = [table]
    for title, entries in sections.items():
        section = _grid()
        section.add_row("", "")
        section.add_row(Text(title, style="underline"), "")
        for forms, meaning in entries:
            section.add_row(Text(forms), Text(meaning))
        parts.append(section)
    everywhere = _grid(keys_width)
    everywhere.add_row("", "")
    everywhere.add_row(Text("Everywhere", style="underline"), "")
    for key, description in GLOBAL:
        everywhere.add_row(key, description)
    return Group(*parts, everywhere)


class HelpScreen(Dialog[None]):
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 80; max-width: 100%; height: auto; max-height: 90%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark", "close", "Close"),
        # The keys listed under "Everywhere" work here too, once the list is closed:
        # `q` only closed it, and `1` or `l` did nothing.
        *(Binding(key, f"switch_mode('{mode}')", show=False) for key, mode, _ in TABS),
        Binding("l", "quick_log", show=False),
        Binding("q", "quit", show=False),
    ]

    def __init__(self, bindings: Iterable[ActiveBinding]) -> None:
        super().__init__()
        self._table = help_table(bindings)

    def compose(self) -> ComposeResult:
        with VerticalScroll() as scroll:
            scroll.border_title = "Keys"
            yield Static(self._table)

    def action_close(self) -> None:
        self.dismiss(None)

    def action_switch_mode(self, mode: str) -> None:
        self.dismiss(None)
        host(self.app).go_to(mode)

    def action_quick_log(self) -> None:
        self._pressed_beneath("l")  # the screen's own `l`: Contacts' logs with its contact

    def action_quit(self) -> None:
        self._pressed_beneath("q")  # the app's quit, which asks before typing is lost

    def _pressed_beneath(self, key: str) -> None:
        self.dismiss(None)
        self.app.simulate_key(key)
