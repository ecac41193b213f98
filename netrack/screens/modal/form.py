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
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Any, ClassVar

from rich.text import Text
from textual import _time, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.suggester import Suggester, SuggestFromList
from textual.widgets import Input, Label, Static

from netrack.domain import validate
from netrack.domain.errors import InputError, NetrackError
from netrack.screens.host import announce
from netrack.screens.modal.confirm import Confirm
from netrack.screens.modal.writing import WritingScreen
from netrack.widgets.literal import literal, visible
from netrack.widgets.ordered_input import OrderedInput

# The widest an input gets: the form is 76 columns at most, less border, padding, label.
INPUT_COLUMNS = 50

Check = Callable[[str], object]  # reads one field's text; raises NetrackError if wrong


# The placeholder of an edit form's day left blank: the day stays as it was ("today",
# an add form's, read as if blank moved it to today, and it did not).
KEPT = "blank keeps the day"


@dataclass(frozen=True, slots=True)
class Field:
    """One input. `choices`: the only values (suggested as typed, listed as placeholder);
    `suggestions`: names it may hold, suggested as typed (→ accepts); `listed`: the
    field holds several, comma separated, and the last one typed is the one suggested."""

    name: str
    label: str
    value: str = ""
    placeholder: str = ""
    choices: Sequence[str] = ()
    suggestions: Sequence[str] = ()
    listed: bool = False
    # A value none of `suggestions` is makes a new record (an organization): saved
    # while one is suggested, the save asks once ("North" was added beside the
    # "Northwind Analytics" the field showed).
    new_makes_one: bool = False
    # The text may hold line breaks (a note): shown as ␊, typed or pasted, and saved as
    # line breaks. Elsewhere a pasted text's lines are joined by spaces.
    line_breaks: bool = False


def text_check(what: str) -> Check:
    """The check of a free-text field: its length (the domain's `validate.text`)."""
    return lambda text: validate.text(text, what)


class SuggestLast(Suggester):
    """Suggests a name for the text after the last comma, keeping what comes before it
    as typed (the case of earlier names too: this suggester folds case itself)."""

    def __init__(self, names: Sequence[str]) -> None:
        super().__init__(case_sensitive=True)
        self._names = list(names)
        self._folded = [name.casefold() for name in self._names]

    async def get_suggestion(self, value: str) -> str | None:
        head, comma, last = value.rpartition(",")
        typed = last.lstrip()
        if not typed:
            return None
        wanted = typed.casefold()
        for name, folded in zip(self._names, self._folded, strict=True):
            if folded.startswith(wanted):
                return f"{head}{comma}{last[: len(last) - len(typed)]}{name}"
        return None


def suggester_for(field: Field) -> Suggester | None:
    if field.choices:
        return SuggestFromList(field.choices, case_sensitive=False)
    if field.listed and field.suggestions:
        return SuggestLast(field.suggestions)
    if field.suggestions:
        return SuggestFromList(field.suggestions, case_sensitive=False)
    return None


def fitted(text: str, columns: int = INPUT_COLUMNS) -> str:
    """`text` cut to `columns` at a word, with "…" where it was cut."""
    if len(text) <= columns:
        return text
    cut = text[: columns - 1].rsplit(" ", 1)[0].rstrip(" |·,")
    return f"{cut} …"


def choices_placeholder(choices: Sequence[str], columns: int = INPUT_COLUMNS) -> str:
    """The choices, as many as fit, then how many more (→ accepts the one suggested)."""
    whole = " | ".join(choices)
    if len(whole) <= columns:
        return whole
    shown = list(choices)
    while shown and len(" | ".join(shown) + f" | … {len(choices) - len(shown)} more") > columns:
        shown.pop()
    return " | ".join(shown) + f" | … {len(choices) - len(shown)} more"


class FieldList(VerticalScroll, can_focus=False):
    """The form's fields, scrolled when they do not fit. Never a focus stop of its own
    (a scrollable container is one by default): Tab, ↑ and ↓ move between fields only,
    and a key typed never lands where no field shows it."""


class FormScreen(WritingScreen):
    DEFAULT_CSS = """
    FormScreen { align: center middle; }
    FormScreen > Vertical {
        width: 76; max-width: 100%; height: auto; max-height: 100%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    FormScreen FieldList { height: auto; max-height: 30; }
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

        with Vertical() as box:
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
            yield Static(id="form-error")
            yield Static(
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
        shown = getattr(self.query_one(f"#field-{field.name}", Input), "_suggestion", "")
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
        # Shown, not focused: the cursor stays where the user is typing.
        first = next(f.name for f in self.fields if f.name in problems)
        self.query_one(f"#row-{first}").scroll_visible(animate=False)

    def _saved(self, summary: str) -> None:
        self._typed = None
        app = self.app
        self.dismiss(None)
        announce(app, visible(summary))

    def _refused(self, error: Exception) -> None:
        self._typed = None
        self._refusal_shown = True
        self.query_one("#form-error", Static).update(literal(str(error)))
        self.app.clear_notifications()  # nothing covers the message

    def show_status(self, text: Text) -> None:
        self.query_one("#form-error", Static).update(text)

    def action_cancel(self) -> None:
        """Close without saving; once asked, when a field holds something typed (an
        escape pressed for a completion, or by habit, threw away paragraphs of notes)."""
        changed = [field.label for field in self.fields if not self.unchanged(field.name)]
        if not changed:
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        fields = ", ".join(changed)
        self.app.push_screen(Confirm(f"Discard what you typed ({fields})?"), answered)

    def save(self, values: dict[str, str]) -> str:
        raise NotImplementedError

    def changed_only(
        self, given: dict[str, Any], fields: dict[str, str] | None = None
    ) -> dict[str, Any]:
        """An edit's keyword arguments without those of fields left as the form opened
        them: another program (the CLI beside the TUI) may have written those since, and
        saving the opened values over it lost that write. `fields`: keyword → field,
        where the names differ."""
        shown = {field.name for field in self.fields}
        kept = {}
        for key, value in given.items():
            name = (fields or {}).get(key, key)
            if name not in shown or not self.unchanged(name):
                kept[key] = value
        return kept

    def campaign_field(self, text: str, editing: Any | None) -> int | None:
        """The Campaign field's campaign: that of the record `editing` while the field
        still shows it (a namesake is not resolved again), else the one typed; blank:
        none."""
        if editing is not None and self.unchanged("campaign"):
            return editing.campaign_id  # type: ignore[no-any-return]
        return self.repo.campaigns.resolve(text.strip()) if text.strip() else None

    @staticmethod
    def save_over(
        writing: AbstractContextManager[object],
        what: str,
        opened: str,
        now: Callable[[], str | None],
        write: Callable[[], str],
    ) -> str:
        """`write()` in the transaction `writing`, once `now()` (the record as it reads
        now, None when gone) shows it is still the one `opened`; what it says."""
        with writing:
            FormScreen.still_as_opened(what, opened, now())
            return write()

    def not_changed_elsewhere(
        self,
        opened: object,
        now: object,
        edits: Mapping[str, Any],
        fields: Mapping[str, str] | None = None,
        by: Mapping[str, str] | None = None,
        said: Callable[[str, object], str] | None = None,
    ) -> None:
        """Refuse to save a field over a change another program made to it since the
        form opened (the record's attribute of that name read then and now: `opened`,
        `now`); the fields the user left alone are not saved at all (`changed_only`).
        Saved by id alone, "130k EUR" typed here replaced "150k EUR agreed" written from
        the shell meanwhile, without a word."""
        for key in edits:
            # A link compares by what it links (`by`: the id's attribute): the person or
            # organization renamed elsewhere is still the one linked.
            attribute = (by or {}).get(key, key)
            if not hasattr(opened, attribute) or getattr(opened, attribute) == getattr(
                now, attribute
            ):
                continue
            name = (fields or {}).get(key, key)
            label = next((f.label for f in self.fields if f.name == name), name)
            value = getattr(now, key, None)
            shown = said(key, now) if said is not None else _as_said(value)
            raise InputError(
                f"{label} changed elsewhere since this form opened (now {shown}): nothing "
                "saved; escape, and open it again"
            )

    def _unchanged_then(
        self,
        write: Callable[[], str],
        opened: object,
        found: Sequence[object],
        edits: Mapping[str, Any],
        fields: Mapping[str, str],
    ) -> str:
        """`write()`, once no field it saves was changed elsewhere (`found`: the record
        read again, in the write; `save_over` has checked it is there)."""
        self.not_changed_elsewhere(opened, found[0], edits, fields)
        return write()

    @staticmethod
    def still_as_opened(what: str, opened: str, now: str | None) -> None:
        """Refuse to save over a record that is gone (deleted or merged elsewhere) or is
        not the one opened any more: SQLite gives a new row the id of a deleted last one,
        and an edit saved by id alone went to another person."""
        if now is None:
            how = "deleted or merged" if what == "contact" else "deleted"
            raise InputError(
                f"{opened} was {how} elsewhere since this form opened: nothing saved "
                "(escape closes the form)"
            )
        if now != opened:
            raise InputError(
                f"this {what} changed elsewhere since the form opened ({opened} is now "
                f"{now}): nothing saved; escape, and open it again"
            )


def _as_said(value: object) -> str:
    """A stored value in a sentence: blank, an enum's word, a date, tags joined."""
    if value is None or value == "" or value == ():
        return "blank"
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return ", ".join(str(item) for item in value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a goal's target as its line shows it: 9, not 9.0
    return repr(value) if isinstance(value, str) else str(value)


def as_shown(value: str) -> str:
    """A stored text as the one-line field shows it: each control character as its
    picture (a line break ␊, a tab ␉), so none is lost to the field."""
    return visible(value.replace("\t", "\u2409"), multiline=False)


def as_typed(typed: str, stored: str, line_breaks: bool = False) -> str:
    """What an edited field saves: the pictures of the control characters the stored
    text held are those characters again (a note's line breaks and tabs were saved as
    ␊ and ␉, for good, by an edit of one word); in a field that may hold line breaks
    (`line_breaks`), every ␊ is one."""
    chars = {c for c in stored if c == "\t" or as_shown(c) != c}
    for char in chars | ({"\n"} if line_breaks else set()):
        typed = typed.replace(as_shown(char), char)
    return typed


def _to_fix(labels: list[str]) -> str:
    """ "2 fields to fix: Source, Opened on": the form's line above its hint."""
    fix = "1 field to fix" if len(labels) == 1 else f"{len(labels)} fields to fix"
    return f"{fix}: {', '.join(labels)}"


def blank_to_none(value: str) -> str | None:
    return value.strip() or None
