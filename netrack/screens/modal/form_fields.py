"""A form's fields: the `Field` record, the input's suggester and fitted placeholder, and
a stored text as the one-line input shows it and as an edit saves it back. Apart from
`form.py`'s save flow because none of it holds a screen's state: each is a plain value
or a function of one field.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.cells import cell_len
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, Static

from netrack.widgets.literal import visible
from netrack.widgets.name_suggester import NameSuggester
from netrack.widgets.text import head

if TYPE_CHECKING:
    from netrack.data.repo import Repo
    from netrack.domain.models import Campaign

# The widest an input gets: the form is 76 columns at most, less border, padding, label.
INPUT_COLUMNS = 50

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


def suggester_for(field: Field) -> NameSuggester | None:
    if field.choices:
        return NameSuggester(field.choices)
    if field.suggestions:
        return NameSuggester(field.suggestions, listed=field.listed)
    return None


def fitted(text: str, columns: int = INPUT_COLUMNS) -> str:
    """`text` cut to `columns` cells at a word, with "…" where it was cut."""
    if cell_len(text) <= columns:
        return text
    cut = head(text, columns - 1).rsplit(" ", 1)[0].rstrip(" |·,")
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
    and a key typed never lands where no field shows it. The paging keys move the focus
    too (a page of fields, the first, the last): scrolling alone left the cursor in a
    field out of sight, where the next key typed went."""

    BINDINGS: ClassVar = [
        Binding("ctrl+home", "first_field", show=False),
        Binding("ctrl+end", "last_field", show=False),
    ]

    def _inputs(self) -> list[Widget]:
        return [widget for widget in self.query(Input) if widget.focusable]

    def action_first_field(self) -> None:
        if inputs := self._inputs():
            self.screen.set_focus(inputs[0])

    def action_last_field(self) -> None:
        if inputs := self._inputs():
            self.screen.set_focus(inputs[-1])

    def action_page_down(self) -> None:
        self._focus_a_page_away(1)

    def action_page_up(self) -> None:
        self._focus_a_page_away(-1)

    def _focus_a_page_away(self, direction: int) -> None:
        """Focus the field furthest from the focused one, in `direction`, still within
        a page of rows of it (at least the next one)."""
        inputs = self._inputs()
        focused = self.screen.focused
        if not inputs or focused not in inputs:
            return
        here = inputs.index(focused)
        page = max(1, self.scrollable_content_region.height - 1)
        top = focused.region.y
        target = here
        for index in range(here + direction, len(inputs) if direction > 0 else -1, direction):
            if index != here + direction and abs(inputs[index].region.y - top) > page:
                break
            target = index
        self.screen.set_focus(inputs[target])


class BelowFields(Static):
    """A line under the fields (the form's message, the keys' hint), always in sight:
    the fields get what room it leaves. When it takes more lines or fewer (a summary of
    seven fields to fix wraps), it tells the form, which fits its fields again."""

    class Resized(Message):
        pass

    def on_resize(self) -> None:
        self.post_message(self.Resized())


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


def blank_to_none(value: str) -> str | None:
    return value.strip() or None


def contact_ref(repo: Repo, contact_id: int, name: str) -> str:
    """How an edit form's field names a record's contact: "Sam Lee (Beta)" beside
    another Sam Lee. Its bare name, completed (→) or typed back, named the other one."""
    return repo.contacts.told_apart_among([contact_id]).get(contact_id, name)


def prefilled_campaign(repo: Repo, campaign: Campaign | None) -> str:
    """A new record's Campaign field, filled in from a campaign's page: the campaign as
    typing would name it ("Acme Eng [id:2]" for a twin); "" for none."""
    if campaign is None:
        return ""
    return campaign_ref(repo, campaign.id, campaign.display_name)


def campaign_ref(repo: Repo, campaign_id: int | None, name: str) -> str:
    """How an edit form's field names a record's campaign: "Acme Eng [id:2]" for one of
    two campaigns of that name, as an ambiguity lists them; "" for none."""
    if campaign_id is None:
        return ""
    return repo.campaigns.told_apart().get(campaign_id, name)
