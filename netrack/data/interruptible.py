"""Statements that read a whole database in one SQLite call (the integrity check, a scan
of every value, the foreign key check), stopped at once by Ctrl-C, SIGTERM or SIGHUP.

Python runs a signal's handler between bytecodes, never inside a C call: while the main
thread waited in `PRAGMA integrity_check` (~15 s on a 360 MiB history), Ctrl-C did
nothing until it returned. Here the statement runs on a worker thread while the main
thread waits in short waits, where the signal is raised at once; the connection is then
interrupted (SQLite stops within milliseconds) and the signal raised again, so the
command's own handling ("interrupted; …", temporary files removed) runs as before."""

from __future__ import annotations

import signal
import sqlite3
import threading
from collections.abc import Sequence
from typing import Any

from netrack.data.writes import INTERRUPTS, interrupts_held

# How long the main thread waits between looks at the worker: the bound on how late a
# signal is raised should the kernel hand it to the worker thread anyway.
_WAIT_S = 0.05


def all_rows(connection: sqlite3.Connection, sql: str, parameters: Sequence[Any] = ()) -> list[Any]:
    """`connection.execute(sql, parameters).fetchall()`, run on a worker thread so that
    a signal stops it within a moment (the signal's exception is raised here, never the
    statement's "interrupted"). `connection` must be made with `check_same_thread=False`
    and be used by nothing else until this returns."""
    outcome: dict[str, Any] = {}
    finished = threading.Event()
    # Taken by the worker as it begins, or by the waiting side giving up before that: a
    # signal may come while the thread starts, and then nobody may use the connection.
    # (Not `Thread.is_alive`: Python 3.11 calls a thread ended when a signal interrupts
    # a `join` of it, while it still runs.)
    claim = threading.Lock()

    def run() -> None:
        if hasattr(signal, "pthread_sigmask"):  # the signals go to the waiting thread
            signal.pthread_sigmask(signal.SIG_BLOCK, INTERRUPTS)
        if not claim.acquire(blocking=False):
            return  # given up before it began
        try:
            outcome["rows"] = connection.execute(sql, parameters).fetchall()
        except BaseException as error:  # handed to the waiting thread, raised there
            outcome["error"] = error
        finally:
            finished.set()

    try:
        threading.Thread(target=run, name="netrack-sqlite-read", daemon=True).start()
        while not finished.wait(_WAIT_S):
            pass
    except BaseException:
        # A second signal waits until SQLite has let go of the connection: the caller
        # closes it next, and closing one another thread uses is not safe.
        with interrupts_held():
            if not claim.acquire(blocking=False):
                _stop(finished, connection)
        raise
    if "error" in outcome:
        raise outcome["error"]
    rows: list[Any] = outcome["rows"]
    return rows


def first_value(connection: sqlite3.Connection, sql: str) -> Any:
    """The first column of the first row `all_rows` gives (a check's first line)."""
    return all_rows(connection, sql)[0][0]


def _stop(finished: threading.Event, connection: sqlite3.Connection) -> None:
    while not finished.is_set():
        connection.interrupt()
        finished.wait(_WAIT_S)
