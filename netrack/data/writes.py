"""This process's changes, counted for the words of an interruption (cli.py): a write
transaction, or the file a command writes for the user (an export, a backup, a restored
database; not the safety copies made before a change), is open while under way and
saved once committed or in place. Kept apart from the store: `cli` reads it without
loading the data layer."""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

# The terminal closed (not on every system): interrupts a command as SIGTERM does.
HANG_UP: signal.Signals | None = getattr(signal, "SIGHUP", None)
# What `interrupts_held` holds back: every signal turned into a KeyboardInterrupt.
INTERRUPTS = {signal.SIGINT, signal.SIGTERM} | ({HANG_UP} if HANG_UP is not None else set())


class Writes:
    """How many changes were begun, how many are under way and how many were saved. A
    change saved before Ctrl-C stands, whatever the command was still doing when it
    came; a command that began none (a read) changed nothing."""

    begun = 0
    open = 0
    committed = 0
    files_begun = 0  # of those begun, files beside a database they leave as it is
    upgraded = ""  # "PATH was upgraded to schema N…" once an upgrade on opening committed
    # New databases removed again as the command failed: their upgrade (their creation)
    # undone, so an interruption says "PATH was not created", not "upgraded".
    discarded: tuple[str, ...] = ()

    @classmethod
    def all_saved(cls) -> bool:
        """Every change begun is saved (rolled-back ones are no longer open, but were
        begun and never saved)."""
        return cls.committed == cls.begun and not cls.open

    @classmethod
    def saved_a_change(cls) -> bool:
        """The command saved a change of its own (a record, a setting, a file); an
        upgrade on opening, which a read makes too, is not one."""
        return cls.committed > (1 if cls.upgraded else 0)


@contextmanager
def placing(database_unchanged: bool = False) -> Iterator[None]:
    """A command's file for the user, from its first byte until it is in place;
    `database_unchanged`: an export's or a backup's, which changes nothing else (an
    interrupted one said "the change under way was not saved" of a read)."""
    Writes.begun += 1
    Writes.open += 1
    Writes.files_begun += database_unchanged
    try:
        yield
        Writes.committed += 1
    finally:
        Writes.open -= 1


def made_in_place() -> None:
    """A change a command made outside a transaction and a placed file (`doctor --fix`
    taking others' bits off the database, removing an interrupted copy): counted as
    saved, so output lost after it says the change stands, as any other write's does."""
    Writes.begun += 1
    Writes.committed += 1


@contextmanager
def interrupts_held() -> Iterator[None]:
    """Ctrl-C, SIGTERM and SIGHUP held back until the block ends (on the main thread, where
    Python raises them): a commit and its count in `Writes` happen together. Between
    the two, a Ctrl-C said "the change under way was not saved" of a saved change, and
    a user who believed it logged the interaction a second time."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(
        signal, "pthread_sigmask"
    ):
        yield
        return
    before = signal.pthread_sigmask(signal.SIG_BLOCK, INTERRUPTS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, before)
