"""What a contact merge and an organization merge share: the copy made first, the kept
record's notes joined within their bound, and the words their summaries (and a refused
delete's history) are said in. Apart so that neither merge reaches into the other's module.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from datetime import date
from pathlib import Path

from netrack.data.store import Store
from netrack.domain.describe import plural
from netrack.domain.errors import InputError, StorageError
from netrack.domain.validate import MAX_TEXT


def history_words(history: dict[str, int]) -> str:
    """`contact_history` / `campaign_history` in words: "3 interactions, 1 referral"."""
    return ", ".join(plural(n, kind) for kind, n in history.items())


def shared_words(shared: int) -> str:
    """A contact merge's interactions both people took part in, which stay one (KEEP's)
    and move nowhere: said apart from what moves, by the summary and the TUI's question
    alike (" (2 interactions had both of them)"), "" when none."""
    return f" ({plural(shared, 'interaction')} had both of them)" if shared else ""


# In a merge's `filled`: OTHER's notes were added after KEEP's own (not a blank filled)
NOTES_JOINED = "notes joined"
TAGS_JOINED = "tags joined"


def filled_words(filled: Sequence[str], noted: Sequence[str], removed: str, kept: str) -> list[str]:
    """What a merge (of contacts or organizations) did to the kept record's fields, as
    parts of its summary: blanks filled, notes joined, differing details noted."""
    parts = []
    blanks = [field for field in filled if field not in (NOTES_JOINED, TAGS_JOINED)]
    if blanks:
        parts.append(f"filled {', '.join(blanks)}")
    if NOTES_JOINED in filled:
        parts.append(f"added {removed}'s notes to {kept}'s")
    if TAGS_JOINED in filled:
        parts.append(f"added {removed}'s other tags to {kept}'s")
    if noted:
        parts.append(f"kept {removed}'s other {', '.join(noted)} in the notes")
    return parts


def merged_notes(
    mine: str,
    theirs: str,
    other: str,
    noted: Sequence[tuple[str, str]],
    today: date,
    told: str = "",
) -> str | None:
    """The kept record's notes after a merge: its own, then OTHER's (unless the same),
    then OTHER's details that differed ("From Ana L. (merged 2026-11-27): phone +1 222");
    None when they stay as they are. Refused past MAX_TEXT, which an export's import
    would refuse (and skip the record and its history with it), naming OTHER as `told`
    ("Sam Lee (Acme)" beside a namesake; the notes keep its name)."""
    said = "; ".join(f"{what} {value}" for what, value in noted)
    added = f"From {other} (merged {today}): {said}" if noted else ""
    theirs_all = "\n\n".join(n for n in (theirs if theirs != mine else "", added) if n)
    if not theirs_all:
        return None
    notes = "\n\n".join(n for n in (mine, theirs_all) if n)
    if len(notes) > MAX_TEXT:
        raise InputError(
            f"cannot merge: the notes together would be {len(notes):,} characters "
            f"({MAX_TEXT:,} at most): shorten {told or other}'s or the kept one's first"
        )
    return notes


def merge_backup(store: Store, backup: Callable[[], Path] | None) -> AbstractContextManager[Path]:
    """The copy made before a merge, around the merge's write: `backup()` (a server's
    JSON export, made above this layer), else the file's verified online copy. Removed
    again when the merge fails or is interrupted (waiting for another writer, say)."""
    from netrack.data.backup import backup_database, copy_kept_if_done
    from netrack.locations import backups_dir

    if backup is None and store.on_server:
        raise StorageError("a merge on a server database needs its JSON backup first")

    def make() -> Path:
        if backup is not None:
            return backup()
        return backup_database(store.db, store.path, reason="before-merge")

    return copy_kept_if_done(make, backups_dir(store.path))
