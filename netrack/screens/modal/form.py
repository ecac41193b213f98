"""A modal form: labelled inputs, errors in place, enter or ctrl+s saves, escape cancels.

Subclasses list their `fields` and implement `save(values)`, which calls the repository
(one write) and returns a one-line summary, or raises NetrackError: the message shows in
place and every typed value stays. Validation lives in the repository and the domain, so
the words match the CLI. Before saving, each field's `checks()` entry (the same domain
functions `save` calls) reads its field alone: every field in error is marked at once,
its message under it, in field order, and nothing is written. `save` may run in a worker thread while the database is busy (`WritingScreen`):
it reads what was typed through `values` and `unchanged`, never from the widgets.

Stored text is shown with its control characters made visible (`visible()`); a field left
as shown gives back the stored text unchanged, so opening and saving a form never alters it.
The fields themselves are `form_fields.py`'s; an edit's refusal to save over what another
program wrote meanwhile is `edit_guard.py`'s.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import _time, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label, Static

from netrack.domain import validate
from netrack.domain.errors import InputError, NetrackError
from netrack.screens.host import announce
from netrack.screens.modal.confirm import close_unless_typed
from netrack.screens.modal.edit_guard import EditGuard, same_campaign
from netrack.screens.modal.form_fields import (
    BelowFields,
    Field,
    FieldList,
    as_shown,
    as_typed,
    choices_placeholder,
    fitted,
    suggester_for,
)
from netrack.screens.modal.writing import WritingScreen
from netrack.widgets.literal import literal, visible
from netrack.widgets.ordered_input import OrderedInput

if TYPE_CHECKING:
    from netrack.domain.models import Campaign

Check = Callable[[str], object]  # reads one field's text; raises NetrackError if wrong


def text_check(what: str) -> Check:
    """The check of a free-text field: its length (the domain's `validate.text`)."""
    return lambda text: validate.text(text, what)


class FormScreen(EditGuard, WritingScreen):
    DEFAULT_CSS = """
    FormScreen { align: center middle; }
    FormScreen > Vertical {
        width: 76; max-width: 100%; height: auto; max-height: 100%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    FormScreen FieldList { height: auto; }
    FormScreen .form-row { height: 1; margin: 0; }
    FormScreen Label { width: 18; padding: 0 1 0 0; text-align: right; }
    FormScreen Input { height: 1; border: none; width: 1fr; padding: 0 1; background: $boost; }
    FormScreen Input:focus { background: $accent 30%; border: none; }
    FormScreen .field-error { color: $error; height: auto; padding: 0 0 0 2; display: none; }
    FormScreen .field-error.-shown { display: block; }
    FormScreen .form-row.-invalid Label { color: $error; }
    FormScreen #form-error { color: $error; height: auto; }
    FormScreen #form-hint { color: $text-muted; }
    """
    # The keys that move between fields are priority bindings: the app runs those as it
    # reads each key, before it hands the next one on. Otherwise a burst (a fast typist,
    # a paste) reaches the field just left: "tab X" put the X there, replacing its
    # text (a field's text is selected as focus enters it).
    # Each also as an ordinary binding: a key typed before the form opened (`S lost Tab`
    # in one burst) reaches the app only after bubbling through the screen underneath,
    # when only the ordinary bindings are looked at.
    BINDINGS: ClassVar = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "save", "Save", priority=True),
        *(
            Binding(key, action, "Next field" if "next" in action else "Previous field",
                    show=False, priority=priority)
            for key, action in (
                ("down", "app.focus_next"),
                ("up", "app.focus_previous"),
                ("tab", "app.focus_next"),
                ("shift+tab", "app.focus_previous"),
            )
            for priority in (True, False)
        ),
    ]  # fmt: skip
    form_title: str = "Form"  # not `title`: Screen.__init__ resets that one

    # A new record opened with its first fields given (a referral from the contact
    # shown): typing starts in the first blank field, where it would otherwise replace
    # the name given (its text is selected as focus enters it).
    prefilled = False
    # A new record's campaign, filled in from its page: kept by id while the Campaign
    # field shows it, as an edit keeps its record's.
    campaign_opened: Campaign | None = None

    def __init__(self, fields: Sequence[Field]) -> None:
        super().__init__()
        self.fields = list(fields)
        self._typed: dict[str, str] | None = None  # what was typed, as saving began
        self._save_asked = False  # ctrl+s pressed: saving once the fields take their keys
        self._checked_at = 0.0  # when the last save read the fields
        self._refusal_shown = False  # the form's line holds a save's refusal
        self._asked: set[tuple[str, str]] = set()  # new records the save asked about

    def compose(self) -> ComposeResult:
        from textual.containers import Horizontal

        with Vertical(id="form-box") as box:
            box.border_title = literal(self.form_title)
            with FieldList():
                for field in self.fields:
                    with Horizontal(classes="form-row", id=f"row-{field.name}"):
                        yield Label(field.label, markup=False)
                        yield OrderedInput(
                            as_shown(field.value),
                            placeholder=fitted(field.placeholder)
                            or choices_placeholder(field.choices),
                            id=f"field-{field.name}",
                            suggester=suggester_for(field),
                            line_breaks=field.line_breaks,
                        )
                    yield Static(id=f"error-{field.name}", classes="field-error")
            yield BelowFields(id="form-error")
            yield BelowFields(
                Text("enter or ctrl+s save · ↑↓ tab move · → accept suggestion · esc cancel"),
                id="form-hint",
            )

    def on_mount(self) -> None:
        self.app.clear_notifications()  # a toast covered the fields (see Confirm)
        inputs = list(self.query(Input))
        start = inputs[0]
        if self.prefilled:  # opened for someone: the first blank field, not their name
            start = next((field for field in inputs if not field.value), start)
        self.set_focus(start)

    def on_resize(self) -> None:  # the terminal's
        self._fit_fields()

    @on(BelowFields.Resized)
    def _fit_fields(self) -> None:
        """Give the fields the rows the screen leaves beside the box's border and the
        lines under them; past those they scroll, the focused field kept in sight.
        Textual lets an auto-height list grow with its content alone: with a few errors
        shown it ran off an 80×24 screen, and took the summary, the hint and the field
        being typed in with it."""
        box = self.query_one("#form-box")
        below = sum(line.outer_size.height for line in self.query(BelowFields))
        room = self.size.height - box.styles.gutter.height - box.styles.margin.height - below
        self.query_one(FieldList).styles.max_height = max(room, 1)
        self.call_after_refresh(self._focused_in_sight)

    def _focused_in_sight(self) -> None:
        """Scroll the focused field into sight, with its error under it when it fits."""
        focused = self.focused
        if focused is None:
            return
        error = self.query(f"#error-{(focused.id or '').removeprefix('field-')}.-shown")
        if error:
            error.first().scroll_visible(animate=False)
        focused.scroll_visible(animate=False)

    def _shown(self, name: str) -> str:
        if self._typed is not None:
            return self._typed[name]
        return self.query_one(f"#field-{name}", Input).value

    def values(self) -> dict[str, str]:
        """What each field holds: the stored text where the field still shows it."""
        values = {}
        for field in self.fields:
            typed = self._shown(field.name)
            if typed == as_shown(field.value):
                values[field.name] = field.value
            else:
                values[field.name] = as_typed(typed, field.value, field.line_breaks)
        return values

    def unchanged(self, name: str) -> bool:
        """Whether the field `name` still holds what it was opened with."""
        field = next(f for f in self.fields if f.name == name)
        return self._shown(name) == as_shown(field.value)

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_save()

    @on(Input.Changed)
    def _edited(self, event: Input.Changed) -> None:
        """A field edited after a refused save: its message quoted the old text
        ("unknown source channel 'applied'" under "referral"), so it goes, and the
        count of fields to fix follows; the next save checks everything again."""
        name = (event.input.id or "").removeprefix("field-")
        if event.time <= self._checked_at:
            # The news of keys the save waited for (typed with ctrl+s in one burst):
            # the save read the text after them, and what it said of it stands.
            return
        if self._refusal_shown:  # the save's refusal was about the text as it was
            self._refusal_shown = False
            self.query_one("#form-error", Static).update("")
        row = self.query(f"#row-{name}")
        if not row or not row.first().has_class("-invalid"):
            return
        row.first().remove_class("-invalid")
        line = self.query_one(f"#error-{name}", Static)
        line.update("")
        line.remove_class("-shown")
        left = [
            f.label for f in self.fields if self.query_one(f"#row-{f.name}").has_class("-invalid")
        ]
        self.query_one("#form-error", Static).update(literal(_to_fix(left)) if left else "")

    def action_save(self) -> None:
        """Save once every key typed before ctrl+s is in its field.

        ctrl+s is a priority binding: it runs as the app receives the key, while the
        keys typed just before it may still wait in a field's own queue. Saved at once,
        a burst ("quick note", ctrl+s) saved the old text and said "edited". Each field
        is asked to call back after what it holds; the last call saves."""
        if self.waiting or self.saved or self._save_asked:
            return
        fields = [self.query_one(f"#field-{f.name}", Input) for f in self.fields]
        left = len(fields)
        self._save_asked = True

        def drained() -> None:
            nonlocal left
            left -= 1
            if left == 0:
                self._save_asked = False
                self._save_typed()

        for field in fields:
            field.call_later(drained)

    def _save_typed(self) -> None:
        if self.waiting or self.saved or not self.is_attached:
            return
        fields = {f.name: self.query_one(f"#field-{f.name}", Input) for f in self.fields}
        self._typed = {name: field.value for name, field in fields.items()}
        self._checked_at = _time.get_time()  # Textual's clock, as messages are stamped
        values = self.values()
        problems = self._problems(values)
        self._show_problems(problems)
        if problems:
            self._typed = None
            return
        self.write(lambda: self.save(values), self._saved, self._refused)

    def checks(self) -> dict[str, Check]:
        """Per field, what reads it alone (the domain's parse or validate, as `save`
        uses it); fields without one are read by `save` only."""
        return {}

    def _problems(self, values: dict[str, str]) -> dict[str, str]:
        """Each field's error, in field order. A field still holding the non-blank value
        it opened with is not read again: it was saved (or filled in) as it is."""
        checks = self.checks()
        problems: dict[str, str] = {}
        for field in self.fields:
            new = self._new_while_suggesting(field, values[field.name])
            if new:
                problems[field.name] = new
                continue
            check = checks.get(field.name)
            if check is None or (field.value and self.unchanged(field.name)):
                continue
            try:
                check(values[field.name])
            except NetrackError as error:
                problems[field.name] = str(error)
        return problems

    def _new_while_suggesting(self, field: Field, value: str) -> str:
        """What to say when `field` would make a new record of `value` while the field
        suggests a known one; said once per value: saved again, it is made."""
        if not field.new_makes_one or not value.strip() or self.unchanged(field.name):
            return ""
        shown = self.query_one(f"#field-{field.name}", OrderedInput).offered
        known = {name.casefold() for name in field.suggestions}
        if not shown or value.strip().casefold() in known or (field.name, value) in self._asked:
            return ""
        self._asked.add((field.name, value))
        return f"'{value}' is new: → takes {shown}, or save again to add it"

    def _show_problems(self, problems: dict[str, str]) -> None:
        for field in self.fields:
            message = problems.get(field.name, "")
            line = self.query_one(f"#error-{field.name}", Static)
            line.update(literal(message))
            line.set_class(bool(message), "-shown")
            self.query_one(f"#row-{field.name}").set_class(bool(message), "-invalid")
        if not problems:
            self.query_one("#form-error", Static).update("")
            return
        labels = [f.label for f in self.fields if f.name in problems]
        self.query_one("#form-error", Static).update(literal(_to_fix(labels)))
        self.app.clear_notifications()  # nothing covers the messages
        # Shown, not focused: the cursor stays where the user is typing, and that field
        # stays in sight too (scrolled to last, it wins when both do not fit).
        first = next(f.name for f in self.fields if f.name in problems)
        self.query_one(f"#row-{first}").scroll_visible(animate=False)
        self.call_after_refresh(self._focused_in_sight)

    def _saved(self, summary: str) -> None:
        self._typed = None
        app = self.app
        self.dismiss(None)
        announce(app, visible(summary, multiline=True))  # a note goes on a line of its own

    def _refused(self, error: Exception) -> None:
        self._typed = None
        self._refusal_shown = True
        self.query_one("#form-error", Static).update(literal(str(error)))
        self.app.clear_notifications()  # nothing covers the message

    def show_status(self, text: Text) -> None:
        self.query_one("#form-error", Static).update(text)

    def action_cancel(self) -> None:
        """Close without saving; once asked, when a field holds something typed."""
        typed = [
            f.label
            for f in self.fields
            if not self.unchanged(f.name) and not self.filled_in(f.name)
        ]
        close_unless_typed(self, typed)

    def filled_in(self, name: str) -> bool:
        """Whether the field `name` holds what the form itself put there since it
        opened (not typed: nothing to ask about before closing)."""
        return False

    def save(self, values: dict[str, str]) -> str:
        raise NotImplementedError

    def campaign_field(self, text: str, editing: Any | None) -> int | None:
        """The Campaign field's campaign: that of the record `editing`, or the page's
        (`campaign_opened`), while the field still shows it; else the one typed; blank:
        none. Resolved again, the name shown went to a namesake, or by prefix to "Acme
        Eng II" once "Acme Eng" was renamed elsewhere."""
        if self.unchanged("campaign"):
            if editing is not None:
                return editing.campaign_id  # type: ignore[no-any-return]
            if self.campaign_opened is not None:
                return self._campaign_still_opened(self.campaign_opened)
        return self.repo.campaigns.resolve(text.strip()) if text.strip() else None

    def _campaign_still_opened(self, opened: Campaign) -> int:
        """The page's campaign, refused when deleted elsewhere or its id given since to
        another (SQLite reuses the last row's)."""
        shown = next(f.value for f in self.fields if f.name == "campaign")
        try:
            now = self.repo.campaigns.get(opened.id)
        except InputError:
            self.still_as_opened("campaign", shown, None)
            raise
        told = shown if same_campaign(opened, now) else self.repo.campaigns.told(now)
        self.still_as_opened("campaign", shown, told)
        return opened.id


def _to_fix(labels: list[str]) -> str:
    """ "2 fields to fix: Source, Opened on": the form's line above its hint."""
    fix = "1 field to fix" if len(labels) == 1 else f"{len(labels)} fields to fix"
    return f"{fix}: {', '.join(labels)}"
