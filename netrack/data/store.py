"""One open database (a SQLite file or a PostgreSQL server database): its connection
handle, its clock and its transactions.

Every `Repo` owns one `Store`; the Peewee models (`tables`) belong to no database and are
bound to the store's handle for each operation (`bound()`), per thread, so repositories on
two files in one process stay apart and a query can never reach a file nobody asked for.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager, suppress
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from peewee import DatabaseError, IntegrityError, OperationalError
from peewee import __exception_wrapper__ as AS_PEEWEES  # type: ignore[attr-defined]

from netrack.data import db as dbmod
from netrack.data import tables
from netrack.data.file_handle import FileDatabase
from netrack.data.opening import open_database
from netrack.data.server import ServerAddress
from netrack.data.writes import Writes, interrupts_held
from netrack.domain.errors import InputError, StorageError

if TYPE_CHECKING:
    from netrack.data.server_watch import Watch

Clock = Callable[[], date]
R = TypeVar("R")

# Waiting for the write lock lasts at most `db.BUSY_TIMEOUT_S` in all (read at each write,
# so tests can shorten it): SQLite's busy handler waits for another writer, and a few
# quick retries cover the cases where SQLite answers "locked" at once (a WAL being
# recovered or reset) — all within that one deadline, never a full timeout per retry.
LOCK_BACKOFF_S = 0.05
LOCK_BACKOFF_MAX_S = 0.5
# The clock and the sleep the deadline uses (tests replace them to count attempts).
monotonic: Callable[[], float] = time.monotonic
sleep: Callable[[float], None] = time.sleep

_MODELS = tables.ALL_TABLES
_PROBE = tables.Setting._meta  # one model's binding tells this thread's binding of all
_running = threading.local()  # the database of the operation running on this thread


class DatabaseBusy(StorageError):
    """Another program held the write lock for longer than netrack waits; nothing was
    written, and the same write may simply be tried again."""


class Store:
    """The handle of one open database, with the clock "today" is read from.

    `path` is the file (for a server database, a nominal file in the data folder that
    backups go beside); `location` is what messages name: the file, or the server
    address without its password."""

    def __init__(
        self,
        path: Path,
        database: Any,
        clock: Clock | None = None,
        address: ServerAddress | None = None,
    ) -> None:
        self.path = Path(path)
        self.db = database
        # A file netrack writes (not a server's, nor one opened read-only): a write is
        # refused once the path names another file or none.
        self._file = database if isinstance(database, FileDatabase) else None
        self.address = address
        self.on_server = address is not None
        self.location: str = str(address) if address is not None else str(self.path)
        self._clock = clock or date.today
        self._waits = threading.local()  # a shorter wait, per thread (`waiting_at_most`)
        # Each thread's change listener (`data_version` on a server): like its connection
        # to the database, opened by the thread on first use and closed by its `close()`.
        self._listeners = threading.local()
        # Names this store's writes in their change notices (its watches skip them).
        self.sender = uuid.uuid4().hex
        # Per thread: how deep in repository operations it is, and whether the outermost
        # one has taken the write lock (`operation`).
        self._ops = threading.local()
        # Whether a card keeps the trend sums it read (m009). Keeping is a write, which
        # other connections see: the TUI, which draws cards on worker threads and polls
        # `data_version` on its own, turns it off rather than hear itself as another
        # program (it still reads what a command kept).
        self.keeps_trend_sums = True

    @classmethod
    def open(
        cls,
        where: Path | ServerAddress,
        clock: Clock | None = None,
        verify: bool = False,
        reading: bool = False,
    ) -> Store:
        """Open (creating and migrating as needed) the database file at `where`, or the
        server database it names; `reading`: a file that cannot be written is opened
        read-only (see `open_database`), and nothing is kept in it."""
        if isinstance(where, ServerAddress):
            from netrack.data.server import open_server
            from netrack.data.server_mend import refuse_changed_triggers

            server = open_server(where, today=clock, check=refuse_changed_triggers)
            return cls(where.path, server, clock, where)
        db = open_database(Path(where), verify=verify, today=clock, reading=reading)
        store = cls(Path(where), db, clock)
        if db.database.startswith("file:"):  # opened read-only: its sums cannot be kept
            store.keeps_trend_sums = False
        return store

    def today(self) -> date:
        return self._clock()

    @contextmanager
    def bound(self) -> Iterator[None]:
        """Within the block, on this thread, the models read and write this store's file.

        The binding outlasts the block (binding all models costs tens of microseconds, and
        every operation of every store binds first, so a leftover one is never used): the
        next operation of the same store costs one comparison. A block of another store
        nested in this one gives the binding back when it ends.
        """
        outer = getattr(_running, "db", None)
        if _PROBE.database is not self.db:
            self.db.bind(_MODELS, bind_refs=False, bind_backrefs=False)
        _running.db = self.db
        try:
            yield
        finally:
            _running.db = outer
            if outer is not None and outer is not self.db:
                outer.bind(_MODELS, bind_refs=False, bind_backrefs=False)

    def operation(self, call: Callable[[], R]) -> R:
        """`call()` (one repository operation) with the models bound to this store.

        On a server, when the server had dropped this thread's connection (it restarted,
        or an administrator ended the session), the operation runs once more on a new
        connection, provided it had not taken the write lock: a read, or a write that had
        not begun. A write that had begun may or may not have been saved, so its error
        is raised, never retried; so is a second failure (the server is still gone), as
        one StorageError line naming the server, never its password."""
        if self.address is None:  # on a file
            with self.bound():
                try:
                    return call()
                except DatabaseError as error:
                    # A read meeting a damaged page (a write's own errors are said by
                    # `writing`): one line with the way out, which the TUI shows in place
                    # as it does a refusal (the quick log's preview crashed the app).
                    if type(error) is not DatabaseError or not dbmod.is_damage(error):
                        raise
                    raise StorageError(dbmod.describe(error, self.path)) from None
        from netrack.data.server_lost import drop_lost_connection, no_connection

        with self.bound():
            depth = getattr(self._ops, "depth", 0)
            if depth or self.db.in_transaction():  # inside `writing()`: never retried
                return self._nested_call(call, depth)
            self._ops.wrote = False
            drop_lost_connection(self.db)  # a connection an earlier failure left broken
            try:
                return self._nested_call(call, depth)
            except (DatabaseError, StorageError) as error:
                if self._ops.wrote or not drop_lost_connection(self.db):
                    if isinstance(error, DatabaseError) and self.db.is_closed():
                        raise StorageError(no_connection(error, self.address)) from None
                    raise
            try:
                return self._nested_call(call, depth)
            except DatabaseError as error:
                raise StorageError(no_connection(error, self.address)) from None

    def _nested_call(self, call: Callable[[], R], depth: int) -> R:
        self._ops.depth = depth + 1
        try:
            return call()
        finally:
            self._ops.depth = depth

    @contextmanager
    def reading(self) -> Iterator[None]:
        """One read snapshot (DEFERRED: no write lock, so it never waits behind a writer;
        on a server, REPEATABLE READ: every query of the block sees the same commits)."""
        if self.on_server:
            with self.bound(), self.db.atomic() as transaction:
                if not self._nested(transaction):
                    self.db.execute_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
                yield
            return
        with self.bound(), self.db.atomic("DEFERRED"):
            yield

    @staticmethod
    def _nested(transaction: Any) -> bool:
        return type(transaction).__name__ == "_savepoint"

    @contextmanager
    def writing(self) -> Iterator[None]:
        """One write = one `BEGIN IMMEDIATE` transaction; errors become StorageError.

        Taking the write lock is retried a few times when SQLite reports it locked; the
        body runs once. Nested inside another `writing()` it is a savepoint.
        """
        outermost = not self.db.in_transaction()
        if outermost and self.on_server:  # a form's save begins here, not in `operation`
            from netrack.data.server_lost import drop_lost_connection

            drop_lost_connection(self.db)
        Writes.begun += outermost
        Writes.open += outermost
        try:
            with self.bound(), ExitStack() as held:  # exited last: after the count
                with ExitStack() as stack:
                    stack.push(self._finisher(self._begin()))
                    if self.on_server:
                        # The driver's own error from a cursor used directly (COPY,
                        # executemany: Peewee wraps only its calls) as Peewee's, so it
                        # is told in one line below, not as an internal error.
                        stack.enter_context(AS_PEEWEES)
                    yield
                    if outermost and self._file is not None:  # rolled back if moved
                        self._file.check_unmoved()
                    if outermost:  # from the COMMIT to its count: see interrupts_held
                        held.enter_context(interrupts_held())
                Writes.committed += outermost
        except IntegrityError as error:
            raise InputError(f"not saved: {error}") from None
        except DatabaseError as error:  # OperationalError included
            if self.address is not None:
                from netrack.data.server import describe

                line = describe(error, self.address)
                raise (DatabaseBusy if "is busy" in line else StorageError)(line) from None
            if dbmod.is_locked(error):
                raise DatabaseBusy(dbmod.describe(error, self.path)) from None
            raise StorageError(dbmod.describe(error, self.path)) from None
        finally:
            Writes.open -= outermost

    @contextmanager
    def waiting_at_most(self, seconds: float) -> Iterator[None]:
        """Writes made by this thread inside the block wait at most `seconds` for the
        lock (0: not at all) and raise DatabaseBusy past it. The TUI tries a write this
        way on its UI thread, and hands it to a worker thread only when it would wait."""
        before = getattr(self._waits, "bound", None)
        self._waits.bound = seconds
        try:
            yield
        finally:
            self._waits.bound = before

    def wait_bound(self) -> float:
        """How long a write on this thread may wait for the lock, in seconds."""
        bound = getattr(self._waits, "bound", None)
        return float(dbmod.BUSY_TIMEOUT_S if bound is None else bound)

    def _finisher(self, transaction: Any) -> Callable[..., bool]:
        """The transaction's `__exit__`, keeping the first error when SQLite has already
        rolled back by itself (a full disk, an I/O error) or the server's connection was
        lost: peewee's ROLLBACK would then fail ("no transaction is active", "the
        connection is lost") and hide what happened."""

        def finish(kind: Any, error: BaseException | None, trace: Any) -> bool:
            try:
                return bool(transaction.__exit__(kind, error, trace))
            except OperationalError as failed:
                if not self._rolled_back_by_itself():
                    raise
                if error is not None:
                    return False
                # The COMMIT failed (a disk that filled up) and peewee's ROLLBACK after
                # it found nothing to roll back: the COMMIT's error is the one to tell.
                cause = failed.__context__
                while cause is not None and "no transaction is active" in str(cause):
                    cause = cause.__context__  # peewee's and sqlite3's ROLLBACK errors
                if isinstance(cause, DatabaseError):
                    raise cause from None
                raise

        return finish

    def _begin(self) -> Any:
        """An entered `atomic()`: its `__exit__` commits or rolls back.

        Taking the lock waits until one deadline (`wait_bound()` from now): SQLite's
        busy handler is given what is left of it on each attempt, and an attempt that
        SQLite answers "locked" at once is retried after a short, growing pause.
        """
        if self.db.in_transaction():  # a savepoint: the lock is already ours
            return self._enter(self.db.atomic())
        if self.address is not None:  # on a server
            from netrack.data.server import take_write_lock
            from netrack.data.server_lost import begin_anew

            transaction = begin_anew(self.db, self.address)
            try:
                take_write_lock(self.db, self.wait_bound(), self.sender)
            except BaseException as error:
                transaction.__exit__(type(error), error, None)
                raise
            self._ops.wrote = True  # from here a lost connection may have lost a write
            return transaction
        full_ms = int(dbmod.BUSY_TIMEOUT_S * 1000)
        deadline = monotonic() + self.wait_bound()
        pause = LOCK_BACKOFF_S
        try:
            while True:
                left = max(0.0, deadline - monotonic())
                self._busy_timeout(int(left * 1000))
                try:
                    return self._enter(self.db.atomic())
                except OperationalError as error:
                    left = deadline - monotonic()
                    if not dbmod.is_locked(error) or left <= 0:
                        raise
                sleep(min(pause, left))
                pause = min(pause * 2, LOCK_BACKOFF_MAX_S)
        finally:
            # Reads and later writes get the documented bound again; on a broken
            # connection this fails too, and the error that matters is already raised.
            with suppress(DatabaseError):
                self._busy_timeout(full_ms)

    def _rolled_back_by_itself(self) -> bool:
        """SQLite ended the transaction itself, or the server's connection is lost (the
        server rolls back what it had not committed)."""
        if self.on_server:
            return bool(getattr(self.db._state.conn, "broken", False))
        return not self.db.connection().in_transaction

    @staticmethod
    def _enter(transaction: Any) -> Any:
        transaction.__enter__()
        return transaction

    def _busy_timeout(self, milliseconds: int) -> None:
        self.db.execute_sql(f"PRAGMA busy_timeout = {max(0, milliseconds)}")

    def fold(self) -> None:
        """Copy the changes the WAL holds into the database file (a file; nothing on a
        server), waiting for no reader: then a copy of the file made while the TUI stays
        open holds them all (README: `cp netrack.db elsewhere.db`). Best effort: a
        checkpoint that cannot run now is tried after the next change."""
        if self.address is not None:
            return
        with suppress(DatabaseError):
            self.db.execute_sql("PRAGMA wal_checkpoint(PASSIVE)").fetchall()

    def data_version(self) -> int:
        """Changes whenever another connection commits: cheap to poll. On a server it
        counts the change notices (NOTIFY) other connections sent."""
        if self.address is not None:
            from netrack.data.server import Changes

            changes = getattr(self._listeners, "changes", None)
            if changes is None:
                changes = self._listeners.changes = Changes(self.address)
            own = self.db.connection().info.backend_pid
            return int(changes.version(own))
        return dbmod.data_version(self.db)

    def watch(
        self, on_change: Callable[[], None], on_notice: Callable[[str, bool], None]
    ) -> Watch | None:
        """On a server: a started `server_watch.Watch` calling `on_change()` (on its own
        thread) as soon as another program's write commits, and `on_notice(line,
        trouble)` when the server goes away (`trouble` True) or comes back. Its owner
        stops it (`.stop()`): `close()` closes one thread's connection, as the TUI's
        loading threads do after each read. On a file: None; poll `data_version()`."""
        if self.address is None:
            return None
        from netrack.data.server_watch import Watch

        return Watch(self.address, self.sender, on_change, on_notice).start()

    def schema_version(self) -> int:
        if self.on_server:
            from netrack.data.server import schema_version

            return schema_version(self.db)
        return dbmod.schema_version(self.db)

    def close(self) -> None:
        """Close this thread's connection to the file (the store opens it again if used),
        and unbind this thread's models from it: a stray query then fails loudly instead
        of reaching a file that was closed. On a server, this thread's change listener
        (`data_version`) is closed too; another thread's stays open, counting (the TUI's
        loading threads close after each read, and must not deafen the thread that
        polls). A `watch()` is its owner's to stop."""
        if _PROBE.database is self.db and getattr(_running, "db", None) is None:
            for model in _MODELS:
                model.bind(None, bind_refs=False, bind_backrefs=False)  # type: ignore[arg-type]
        if not self.db.is_closed():
            self.db.close()
        if self._file is not None:  # the file replaced under its name: see file_handle
            with suppress(StorageError):
                self._file.set_aside_replaced()
        changes = getattr(self._listeners, "changes", None)
        if changes is not None:
            changes.close()
            self._listeners.changes = None
