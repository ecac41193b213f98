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


def tabs_text(current: str, title: str = "", keys_only: bool = False) -> Text:
    """The tabs, then `title`; `keys_only`: each tab by its key alone (" 1 "), room
    made for the title of a page on a narrow terminal."""
    text = Text(" netrack ", style="bold reverse")
    for key, mode, label in TABS:
        style = "bold reverse" if mode == current else "dim"
        text.append(" " if keys_only else "  ")
        text.append(f" {key} " if keys_only else f" {key} {label} ", style=style)
    if title:
        text.append("   ")
        text.append(title, style="bold")
    return text


class ModeHeader(Static):
    """One line. A page's title (a contact's or a campaign's name) that does not fit
    beside the tabs shows them by their keys alone, and one still longer ends in "…":
    at 80 columns it was cut away whole, or mid-word at the edge."""

    DEFAULT_CSS = """
    ModeHeader {
        height: 1; width: 1fr; background: $panel; text-wrap: nowrap; text-overflow: ellipsis;
    }
    """

    def __init__(self, current: str, title: str = "") -> None:
        super().__init__()
        self.current = current
        self.title_text = title

    def set_title(self, title: str) -> None:
        self.title_text = title
        self.refresh()

    def render(self) -> Text:
        full = tabs_text(self.current, self.title_text)
        if self.title_text and full.cell_len > self.size.width:
            return tabs_text(self.current, self.title_text, keys_only=True)
        return full
