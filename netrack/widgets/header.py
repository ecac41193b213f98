"""The top line: which of the five screens is showing, and the key for each."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

TABS: tuple[tuple[str, str, str], ...] = (
    ("1", "pipeline", "Pipeline"),
    ("2", "contacts", "Contacts"),
    ("3", "scorecard", "Scorecard"),
    ("4", "agenda", "Agenda"),
    ("5", "goals", "Goals"),
)


def tabs_text(current: str, title: str = "") -> Text:
    text = Text(" netrack ", style="bold reverse")
    for key, mode, label in TABS:
        style = "bold reverse" if mode == current else "dim"
        text.append("  ")
        text.append(f" {key} {label} ", style=style)
    if title:
        text.append("   ")
        text.append(title, style="bold")
    return text


class ModeHeader(Static):
    DEFAULT_CSS = """
    ModeHeader { height: 1; width: 1fr; background: $panel; }
    """

    def __init__(self, current: str, title: str = "") -> None:
        super().__init__(tabs_text(current, title))
        self.current = current

    def set_title(self, title: str) -> None:
        self.update(tabs_text(self.current, title))
