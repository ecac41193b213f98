"""What the quick log opens with when a screen fills in its people (`l` on a contact's
row, page or follow-up), and why it opens with nobody for an archived one.

Archived contacts have left name resolution (SPEC): the bar cannot name them, and their
bare name resolves to an active namesake, so a pre-filled `@"Sam Lee"` for the archived
Sam Lee at Acme logged with the Sam Lee at Globex. They are left out and said so; each
one filled in is named as confirmations name them ("Sam Lee (Globex)" beside an archived
Sam Lee too), so the line resolves to that one person.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from netrack.domain.errors import StorageError
from netrack.domain.visible import quoted_ref

if TYPE_CHECKING:
    from netrack.data.repo import Repo

# Nothing is logged or referred with them until they come back, which only the Contacts
# screen does.
BRING_BACK = "a on the Contacts screen brings them back"


def archived_words(names: Sequence[str]) -> str:
    """ "Sam Lee (Acme) is archived: a on the Contacts screen brings them back"."""
    who = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
    return f"{who} {'is' if len(names) == 1 else 'are'} archived: {BRING_BACK}"


@dataclass(frozen=True, slots=True)
class Prefill:
    """`line`: `@"Name" ` for each active one, as the bar resolves it to them alone;
    `archived`: how the archived ones left out are named."""

    line: str
    archived: tuple[str, ...]


def prefill(repo: Repo, contact_ids: Sequence[int]) -> Prefill:
    """The quick log's pre-fill for these people, in their order, read now (one may have
    been archived since the screen loaded); one deleted meanwhile is left out."""
    ids = list(dict.fromkeys(contact_ids))
    if not ids:
        return Prefill("", ())
    try:
        return _read(repo, ids)
    except StorageError:
        # A server gone: the bar opens all the same (or the note typed next ran as the
        # page's keys), naming them by id; the save resolves them, and refuses an
        # archived one, once the names can be read.
        return Prefill("".join(f"@id:{i} " for i in ids), ())


def _read(repo: Repo, ids: list[int]) -> Prefill:
    # Told apart from anyone of the same name, archived or not, by the words that name
    # each one alone: their organization, or "()" for one without.
    told = repo.contacts.told_apart_among(ids)
    archived = {cid: told.get(cid, name) for cid, name, _ in repo.contacts.named(True, ids)}
    active = {cid: told.get(cid, name) for cid, name, _ in repo.contacts.named(False, ids)}
    line = "".join(f"@{quoted_ref(active[i], i)} " for i in ids if i in active)
    return Prefill(line, tuple(archived[i] for i in ids if i in archived))
