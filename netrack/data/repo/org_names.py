"""How organizations are named: the key their names are matched by (stored as
`organization.name_key`), and `id:N`."""

from __future__ import annotations

import unicodedata

from netrack.data import tables as t
from netrack.domain.errors import ResolveError
from netrack.domain.name_folding import INVISIBLE
from netrack.domain.resolve import id_digits, id_number, id_shown, named_id


def org_key(name: str) -> str:
    """A name as stored for matching: spacing- and case-insensitive (accents kept, so
    "José" and "Jose" stay two organizations on import), and one key however an accent
    is encoded ("é" typed as one character or as "e" and a combining mark: a name pasted
    from macOS arrives decomposed), and without the characters nobody sees (`INVISIBLE`)."""
    return unicodedata.normalize("NFC", " ".join(name.translate(INVISIBLE).split())).casefold()


def org_named_by_id(query: str) -> t.Organization | None:
    """The organization `query` names as `id:N` (`org edit id:N`, `--org id:N`); None
    when it is no `id:N`. No organization with that id is a ResolveError: an id names
    one that is there, and never makes one; text that reads as an id but gives none
    ("id:-1") is refused alike (`named_id`), never taken for a new one's name."""
    digits = named_id(query, "organization")
    if digits is None:
        return None
    number = id_number(digits)  # None: beyond any key, none has it
    row = None if number is None else t.Organization.get_or_none(t.Organization.id == number)
    if row is None:
        raise ResolveError(f"no organization with id {id_shown(id_digits(digits))}")
    return row
