"""PostgreSQL's driver, loaded only for a server.

Peewee imports every PostgreSQL driver it can find when it is itself imported: with
psycopg installed (the `postgres` extra) that is ~150 ms and ~20 MiB more for every
command and the TUI, on a SQLite file too. `hide()` runs before Peewee's first import
(`netrack/data/__init__.py`), so Peewee finds none; `psycopg()` brings the driver back
when a server address is opened and gives Peewee what its own import would have bound.
"""

from __future__ import annotations

import sys
from typing import Any

_DRIVERS = ("psycopg", "psycopg2", "psycopg2cffi")
_hidden: set[str] = set()  # the names `hide` set aside (not someone else's None)


def hide() -> None:
    """Make Peewee's import find no PostgreSQL driver (a no-op once Peewee is loaded)."""
    if "peewee" in sys.modules:
        return
    for name in _DRIVERS:
        if name not in sys.modules:
            sys.modules[name] = None  # type: ignore[assignment]  # import → ImportError
            _hidden.add(name)


def psycopg() -> Any:
    """The psycopg module, with Peewee told about it; ImportError when not installed."""
    while _hidden:
        name = _hidden.pop()
        if name in sys.modules and sys.modules[name] is None:
            del sys.modules[name]
    import peewee
    import psycopg as driver
    from psycopg.pq import TransactionStatus
    from psycopg.types.json import Json, Jsonb

    if getattr(peewee, "psycopg", None) is None:
        # What `peewee.py` binds when it finds psycopg at import (module globals, and the
        # adapter's class attributes set from them).
        peewee.psycopg = driver  # type: ignore[attr-defined]
        peewee.TransactionStatus = TransactionStatus  # type: ignore[attr-defined]
        peewee.Json_pg3 = Json  # type: ignore[attr-defined]
        peewee.Jsonb_pg3 = Jsonb  # type: ignore[attr-defined]
        adapter = peewee.Psycopg3Adapter  # type: ignore[attr-defined]
        adapter.txn_idle = TransactionStatus.IDLE
        adapter.txn_inerror = TransactionStatus.INERROR
        adapter.txn_unknown = TransactionStatus.UNKNOWN
    return driver
