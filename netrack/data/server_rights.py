"""What stops a role writing to a netrack database on a server, named so that the user
can act on it. Table grants were advised whatever the cause: to the owner of a database
its settings make read-only (no grant helps there), and to a role without CREATE on the
schema of a new database (no table yet to be granted anything on)."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from netrack.data import tables as t
from netrack.domain.errors import InputError

if TYPE_CHECKING:  # the server's module reads these rights while it opens a database
    from netrack.data.server import ServerAddress


def quoted_name(name: str) -> str:
    """`name` as an SQL identifier, for a statement the user is told to run."""
    return '"' + name.replace('"', '""') + '"'


class WriteObstacle(NamedTuple):
    """Why the role cannot write (`what`, naming the address) and what to do (`fix`)."""

    what: str
    fix: str


def write_obstacle(db: object, address: ServerAddress) -> tuple[str, WriteObstacle | None]:
    """The role, and what stops it changing every table of netrack's (None: nothing); in
    a new, empty database, what stops it making them."""
    names = [model._meta.table_name for model in t.ALL_TABLES]
    row = db.execute_sql(  # type: ignore[attr-defined]
        "SELECT current_user, current_schema(), pg_is_in_recovery(), "
        "current_setting('transaction_read_only') = 'on', "
        "(SELECT source FROM pg_settings WHERE name = 'default_transaction_read_only'), "
        "count(*), bool_and(has_table_privilege(name, 'INSERT, UPDATE, DELETE')), "
        "has_schema_privilege(current_schema(), 'CREATE'), current_setting('search_path') "
        "FROM unnest(%s::text[]) AS name WHERE to_regclass(name) IS NOT NULL",
        (names,),
    ).fetchone()
    role, schema, standby, read_only, source, tables, granted, may_create, path = row
    if standby:
        return role, WriteObstacle(
            f"{address} is on a standby server, which only reads", "write on the primary"
        )
    if read_only:
        return role, _read_only(address, role, source)
    if schema is None:
        # A search path naming only schemas that do not exist (a typo in PGOPTIONS):
        # PostgreSQL has nowhere to create in, and no schema to grant anything on.
        return role, WriteObstacle(
            f"no schema on the search path of {address} exists (search_path is {path})",
            "name one that does (PGOPTIONS='-c search_path=public') or make it with CREATE SCHEMA",
        )
    if not tables and not may_create:
        return role, WriteObstacle(
            f"role {role} may not create netrack's tables in schema {schema} of {address}",
            f"ask the server's owner for CREATE on it (GRANT CREATE ON SCHEMA "
            f"{quoted_name(schema)} TO {quoted_name(role)}), or use a database the role owns",
        )
    if tables and not granted:
        return role, WriteObstacle(
            f"role {role} cannot write in {address}",
            "ask the server's owner for INSERT, UPDATE and DELETE on netrack's tables",
        )
    return role, None


def refuse_a_reader(db: object, address: ServerAddress, outcome: str) -> None:
    """InputError when the role cannot write (`outcome`: "nothing was restored"): asked
    before a command that replaces data saves what is there, or that copy was written
    for nothing (and `doctor` then called it the last backup)."""
    _role, obstacle = write_obstacle(db, address)
    if obstacle:
        raise InputError(f"{obstacle.what}: {outcome}; {obstacle.fix}")


def _read_only(address: ServerAddress, role: str, source: str) -> WriteObstacle:
    """Sessions are read-only: said where `default_transaction_read_only` was set (its
    `pg_settings.source`), with the statements that turn it off there (the SET first:
    in a read-only session, ALTER is refused too)."""
    setting = "default_transaction_read_only"
    database, who = quoted_name(address.dbname), quoted_name(role)
    turned_off = {
        "database": ("for the database", "its owner", f"ALTER DATABASE {database}"),
        "user": (f"for role {role}", "that role", f"ALTER ROLE {who}"),
        "database user": (
            f"for role {role} in this database",
            "that role",
            f"ALTER ROLE {who} IN DATABASE {database}",
        ),
    }
    if source in turned_off:
        where, by, alter = turned_off[source]
        return WriteObstacle(
            f"{address} is read-only ({setting} is on {where})",
            f"{by} (or a superuser) turns it off: SET {setting} = off, then {alter} "
            f"RESET {setting}",
        )
    if source == "client":
        return WriteObstacle(
            f"{address} is read-only (the connection asks for it: {setting} in "
            "PGOPTIONS or the URL's options)",
            "leave that setting out",
        )
    return WriteObstacle(
        f"{address} is read-only (the server's configuration makes its sessions so)",
        "ask the server's owner",
    )
