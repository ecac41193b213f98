"""Writes from the screens that never freeze the UI while another program holds the
database's write lock: tried at once on the UI thread, and when the lock is taken, run
again in a thread worker that waits for it.

Apart from `base` (how a screen loads and reloads), because more than screens write: the
dialogs (`modal.writing`, `modal.links`), the stage keys, Contacts' tidying and the record
pickers call these without being a `LiveScreen`.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any, TypeVar

from textual.app import App

from netrack.data.repo.base import DatabaseBusy
from netrack.domain.errors import NetrackError
from netrack.screens.host import announce

if TYPE_CHECKING:
    from netrack.data.repo import Repo

R = TypeVar("R")

WAITING = "waiting for the database: another program is writing to it…"


def run_write(
    app: App[Any],
    repo: Repo,
    change: Callable[[], R],
    done: Callable[[R], None],
    failed: Callable[[Exception], None],
) -> bool:
    """Run one repo write (`change`: one transaction) without freezing the UI.

    It is tried at once on the UI thread without waiting for the lock: the usual case,
    finished before the next frame. When another program holds the lock, nothing was
    written, and `change` runs again in a thread worker, which waits up to the documented
    bound. `done(result)` or `failed(error)` (a NetrackError the user can act on) is then
    called on the UI thread. Returns False when the write is waiting in the worker.
    """
    try:
        with repo.waiting_at_most(0):
            result = change()
    except DatabaseBusy:
        pass
    except NetrackError as error:
        failed(error)
        return True
    else:
        done(result)
        return True
    job = partial(_write_in_thread, app, repo, change, done, failed)
    # On the app, not a screen: a screen closed meanwhile must not cancel the announcement.
    app.run_worker(job, name="write", group="write", thread=True, exit_on_error=False)
    return False


def write_saying(
    app: App[Any],
    repo: Repo,
    change: Callable[[], R],
    summary: Callable[[R], str],
    say: Callable[[str], None],
) -> None:
    """`run_write` for keys that answer in a line of their own screen (the stage keys,
    Contacts' tidying): the write announced when saved, its refusal said by `say`
    ("" clears the line), and a note while it waits for the database."""

    def done(result: R) -> None:
        say("")
        announce(app, summary(result))

    if not run_write(app, repo, change, done, lambda error: say(str(error))):
        app.notify(f"saving… {WAITING}", markup=False)


def _write_in_thread(
    app: App[Any],
    repo: Repo,
    change: Callable[[], R],
    done: Callable[[R], None],
    failed: Callable[[Exception], None],
) -> None:
    try:
        result = change()
    except Exception as error:  # shown, never raised: the UI must not die on a write
        app.call_from_thread(failed, error)
        return
    finally:
        repo.close()  # this thread's connection only
    app.call_from_thread(done, result)
