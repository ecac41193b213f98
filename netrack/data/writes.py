"""This process's changes, counted for the words of an interruption (cli.py): a write
transaction, or the file a command writes for the user (an export, a backup, a restored
database; not the safety copies made before a change), is open while under way and
saved once committed or in place. Kept apart from the store: `cli` reads it without
loading the data layer."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager


class Writes:
    """How many changes were begun, how many are under way and how many were saved. A
    change saved before Ctrl-C stands, whatever the command was still doing when it
    came; a command that began none (a read) changed nothing."""

    begun = 0
    open = 0
    committed = 0

    @classmethod
    def all_saved(cls) -> bool:
        """Every change begun is saved (rolled-back ones are no longer open, but were
        begun and never saved)."""
        return cls.committed == cls.begun and not cls.open


@contextmanager
def placing() -> Iterator[None]:
    """A command's file for the user, from its first byte until it is in place."""
    Writes.begun += 1
    Writes.open += 1
    try:
        yield
        Writes.committed += 1
    finally:
        Writes.open -= 1
