"""A modal form: labelled inputs, one error line, enter or ctrl+s saves, escape cancels.

Subclasses list their `fields` and implement `save(values)`, which calls the repository
(one write) and returns a one-line summary, or raises NetrackError: the message shows in
place and every typed value stays. Validation lives in the repository, so the words match
the CLI. `save` may run in a worker thread while the database is busy (`WritingScreen`):
it reads what was typed through `values` and `unchanged`, never from the widgets.

Stored text is shown with its control characters made visible (`visible()`); a field left
as shown gives back the stored text unchanged, so opening and saving a form never alters it.
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
from textual.suggester import SuggestFromList
from textual.widgets import Input, Label, Static

from netrack.screens.host import announce
from netrack.screens.modal.writing import WritingScreen
from netrack.widgets.literal import literal, visible


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    label: str
    value: str = ""
    placeholder: str = ""
    choices: Sequence[str] = ()


class FormScreen(WritingScreen):
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
    form_title: str = "Form"  # not `title`: Screen.__init__ resets that one

    def __init__(self, fields: Sequence[Field]) -> None:
        super().__init__()
        self.fields = list(fields)
        self._typed: dict[str, str] | None = None  # what was typed, as saving began

    def compose(self) -> ComposeResult:
        from textual.containers import Horizontal

        with Vertical() as box:
            box.border_title = literal(self.form_title)
            with VerticalScroll():
                for field in self.fields:
                    with Horizontal(classes="form-row"):
                        yield Label(field.label, markup=False)
                        yield Input(
                            visible(field.value),
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

    def _shown(self, name: str) -> str:
        if self._typed is not None:
            return self._typed[name]
        return self.query_one(f"#field-{name}", Input).value

    def values(self) -> dict[str, str]:
        """What each field holds: the stored text where the field still shows it."""
        values = {}
        for field in self.fields:
            typed = self._shown(field.name)
            values[field.name] = field.value if typed == visible(field.value) else typed
        return values

    def unchanged(self, name: str) -> bool:
        """Whether the field `name` still holds what it was opened with."""
        field = next(f for f in self.fields if f.name == name)
        return self._shown(name) == visible(field.value)

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        if self.waiting:
            return
        fields = {f.name: self.query_one(f"#field-{f.name}", Input) for f in self.fields}
        self._typed = {name: field.value for name, field in fields.items()}
        values = self.values()
        self.write(lambda: self.save(values), self._saved, self._refused)

    def _saved(self, summary: str) -> None:
        self._typed = None
        app = self.app
        self.dismiss(None)
        announce(app, visible(summary))

    def _refused(self, error: Exception) -> None:
        self._typed = None
        self.query_one("#form-error", Static).update(literal(str(error)))

    def show_status(self, text: Text) -> None:
        self.query_one("#form-error", Static).update(text)

    def action_cancel(self) -> None:
        self.dismiss(None)

    def save(self, values: dict[str, str]) -> str:
        raise NotImplementedError


def blank_to_none(value: str) -> str | None:
    return value.strip() or None
