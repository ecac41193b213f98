"""An edit form's refusal to save over what another program wrote since the form opened:
the record gone or no longer the one opened, a field changed elsewhere, the fields left
alone not saved at all. Apart from `form.py`'s typing and save flow as a mixin of
`FormScreen`, whose edit forms call these as their own methods.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from contextlib import AbstractContextManager
from datetime import date
from enum import Enum
from typing import TYPE_CHECKING, Any

from netrack.domain.errors import InputError

if TYPE_CHECKING:
    from netrack.domain.models import Campaign
    from netrack.domain.people import Contact
    from netrack.screens.modal.form_fields import Field


# The records `netrack contact merge` and `org merge` remove into another.
MERGED_AWAY = ("contact", "organization")


class EditGuard:
    """`FormScreen`'s checks that an edit still saves onto the record it opened."""

    fields: list[Field]

    def unchanged(self, name: str) -> bool:
        """Whether the field `name` still holds what it was opened with (`FormScreen`'s)."""
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
            EditGuard.still_as_opened(what, opened, now())
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
            how = "deleted or merged" if what in MERGED_AWAY else "deleted"
            raise InputError(
                f"{opened} was {how} elsewhere since this form opened: nothing saved "
                "(escape closes the form)"
            )
        if now != opened:
            raise InputError(
                f"this {what} changed elsewhere since the form opened ({opened} is now "
                f"{now}): nothing saved; escape, and open it again"
            )


def same_campaign(opened: Campaign, now: Campaign) -> bool:
    """Whether `now`, read by `opened`'s id, is still that campaign: renamed or moved
    to another organization elsewhere, two of its title, organization and opening day
    are as they were; a newcomer given the freed id matches in at most one, mostly."""
    kept = (
        now.title == opened.title,
        now.organization_id == opened.organization_id,
        now.opened_on == opened.opened_on,
    )
    return sum(kept) >= 2


def same_contact(opened: Contact, now: Contact) -> bool:
    """Whether `now`, read by `opened`'s id, is still that person: renamed elsewhere,
    their organization and the day met are as they were; a newcomer given the freed id
    differs in name and (mostly) in those."""
    return now.name == opened.name or (now.organization_id, now.met_on) == (
        opened.organization_id,
        opened.met_on,
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
