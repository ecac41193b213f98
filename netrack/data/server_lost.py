"""A server connection that was lost under a `Store`: how it is noticed and dropped, how a
transaction begins again on a new one, and the line said when none can be made.

PostgreSQL alone: a server may end a session (it restarted, an administrator ended it),
and the next statement finds the connection broken. Apart from `store`, which runs every
operation on either engine: it loads this module only where it meets a server, so a
SQLite file's commands never do.
"""

from __future__ import annotations

from contextlib import suppress
from typing import Any

from peewee import DatabaseError

from netrack.data.server import NOT_RUNNING, ServerAddress, describe, refuses_login
from netrack.domain.errors import StorageError

# Said after a server's error when no connection could be made: nothing was done.
NOTHING_DONE = "nothing was done: try again once it is back"
STILL_GONE = f"(the server cannot be reached; {NOTHING_DONE})"
# … when the server is there but refused the login (a password changed, a role locked).
LOGIN_REFUSED = "(the server refused the login; nothing was done: check the password or the role)"


def no_connection(error: BaseException, address: ServerAddress) -> str:
    """The line for a server no connection could be made to: gone, or refusing."""
    described = describe(error, address)
    if refuses_login(error):
        return f"{described} {LOGIN_REFUSED}"
    if described.endswith(NOT_RUNNING):  # "no server answers at socket …" said it
        return f"{described.removesuffix(NOT_RUNNING)}(is it running? {NOTHING_DONE})"
    return f"{described} {STILL_GONE}"


def drop_lost_connection(db: Any) -> bool:
    """Forget this thread's connection to `db` if the server dropped it (the next
    statement opens a new one); whether it had."""
    state = db._state
    connection = state.conn
    if connection is None:
        return False
    # Broken: a statement found it lost. Closed: psycopg closed it on that failure,
    # and every statement after says only "the connection is closed".
    if not (getattr(connection, "broken", False) or getattr(connection, "closed", False)):
        return False
    with suppress(Exception):
        connection.close()
    state.reset()
    return True


def begin_anew(db: Any, address: ServerAddress) -> Any:
    """An entered `db.atomic()` (BEGIN); on a connection the server dropped unseen (ended,
    restarted), once more on a new one: nothing had begun. A server still gone is one
    line (StorageError)."""
    try:
        return _entered(db.atomic())
    except DatabaseError:
        if not drop_lost_connection(db):
            raise
    try:
        return _entered(db.atomic())
    except DatabaseError as error:
        raise StorageError(no_connection(error, address)) from None


def _entered(transaction: Any) -> Any:
    transaction.__enter__()
    return transaction
