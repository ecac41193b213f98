"""A modal form: labelled inputs, one error line, enter or ctrl+s saves, escape cancels.

Subclasses list their `fields` and implement `save(values)`, which calls the repository
and returns a one-line summary, or raises NetrackError: the message shows in place and
every typed value stays. Validation lives in the repository, so the words match the CLI.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Input, Label, Static

from netrack.domain.errors import NetrackError


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    label: str
    value: str = ""
    placeholder: str = ""
    choices: Sequence[str] = ()


class FormScreen(ModalScreen[str | None]):
    DEFAULT_CSS = """
    FormScreen { align: center middle; }
    FormScreen > Vertical {
        width: 76; max-width: 100%; height: auto; max-height: 100%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    FormScreen VerticalScroll { height: auto; max-height: 30; }
    FormScreen .form-row { height: 1; margin: 0; }
    FormScreen Label { width: 18; padding: 0 1 0 0; text-align: right; }
    FormScreen Input { height: 1; border: none; width: 1fr; padding: 0 1; background: $boost; }
    FormScreen Input:focus { background: $accent 30%; border: none; }
    FormScreen #form-error { color: $error; height: auto; }
    FormScreen #form-hint { color: $text-muted; }
    """
    BINDINGS: ClassVar = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("down", "app.focus_next", "Next field", show=False),
        Binding("up", "app.focus_previous", "Previous field", show=False),
    ]
    title: str = "Form"

    def __init__(self, fields: Sequence[Field]) -> None:
        super().__init__()
        self.fields = list(fields)

    def compose(self) -> ComposeResult:
        from textual.containers import Horizontal

        with Vertical() as box:
            box.border_title = self.title
            with VerticalScroll():
                for field in self.fields:
                    with Horizontal(classes="form-row"):
                        yield Label(field.label, markup=False)
                        yield Input(
                            field.value,
                            placeholder=field.placeholder
                            or (" | ".join(field.choices) if field.choices else ""),
                            id=f"field-{field.name}",
                            suggester=SuggestFromList(field.choices, case_sensitive=False)
                            if field.choices
                            else None,
                        )
            yield Static(id="form-error")
            yield Static(
                Text("enter or ctrl+s save · ↑↓ tab move · → accept suggestion · esc cancel"),
                id="form-hint",
            )

    def on_mount(self) -> None:
        self.set_focus(self.query(Input).first())

    def values(self) -> dict[str, str]:
        return {f.name: self.query_one(f"#field-{f.name}", Input).value for f in self.fields}

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        try:
            summary = self.save(self.values())
        except NetrackError as error:
            self.query_one("#form-error", Static).update(Text(str(error)))
            return
        self.dismiss(summary)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def save(self, values: dict[str, str]) -> str:
        raise NotImplementedError


def blank_to_none(value: str) -> str | None:
    return value.strip() or None
