"""What every command shares before and after its work: its today (NETRACK_TODAY and the
dates said relative to it), the database it uses, opening it, and closing what it opened.
Apart from the handlers so that each handler module (`cli_commands`, `cli_read`,
`cli_edit`, `cli_tidy`) takes these from one place rather than from a sibling's privates.
"""

from __future__ import annotations

import os
import re
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from netrack.domain.errors import InputError

if TYPE_CHECKING:
    import argparse

    from netrack.data.repo import Repo
    from netrack.data.server import ServerAddress
    from netrack.domain.parsing import Tense


_YYYY_MM_DD = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)


def command_today() -> date:
    # NETRACK_TODAY freezes "today" for demos, tests and back-filling.
    frozen = os.environ.get("NETRACK_TODAY")
    if not frozen:
        return date.today()
    from netrack.domain.weeks import CARD_YEARS

    first, last = CARD_YEARS
    wrong = InputError(f"NETRACK_TODAY must be a date like 2026-11-27, not {frozen!r}")
    # SPEC's YYYY-MM-DD only: `fromisoformat` also reads 20261127 and 2026-W48-5.
    if not _YYYY_MM_DD.fullmatch(frozen.strip()):
        raise wrong
    try:
        day = date.fromisoformat(frozen.strip())
    except ValueError:
        raise wrong from None
    # Every command reaches a week or more either side of today (an agenda's week, a
    # follow-up's "tomorrow"): a today in the years a card covers keeps them all dates.
    if not first <= day.year <= last:
        raise InputError(
            f"NETRACK_TODAY must be a date from {first}-01-01 to {last}-12-31, not {frozen!r}"
        )
    return day


def _date(text: str | None, tense: Tense) -> date | None:
    # The grammar of dates loads with the first date typed: the TUI's start reads none.
    from netrack.domain.parsing import parse_date

    return parse_date(text, command_today(), tense) if text else None


def past_date(text: str | None) -> date | None:
    return _date(text, "past")


def future_date(text: str | None) -> date | None:
    return _date(text, "future")


def end_date(text: str | None) -> date | None:
    """A goal's last day: either side of today, a weekday the next one (`parsing.Tense`)."""
    return _date(text, "end")


def nearest_date(text: str | None) -> date | None:
    """A day that may be either side of today (a goal's `--since`): `dec 20` the closer."""
    return _date(text, "nearest")


# Every repository a command opened; `close_opened` closes them as the command ends.
_opened: list[Repo] = []
# The database files this command made (none was there when it opened them).
_created: set[Path] = set()
# Whether it opened one to write (not a read: `contact list`, `scorecard`, `agenda`).
_writing: list[bool] = []
# A named database file a read found missing: said once the command ends, on its own
# line after a success, or within the line of the error it failed with (`missing_note`).
_missing: list[Path] = []


def close_opened(failed: bool = False) -> list[str]:
    """Close what this command opened. The last connection to a database folds its WAL
    into the file and removes it: the `.db` alone is then the whole of the data.

    `failed`: the command wrote nothing (SPEC), so a database it made is removed again
    while it holds nothing (`netrack --db typo.db contact show ana` leaves no typo.db);
    so is one a command that only reads made (`netrack --db typo.db contact list`).

    Returns what to say of a database whose WAL could not be merged (a full disk): its
    changes are saved there, but the .db alone is not all of them (SPEC)."""
    made = new_databases_to_remove(failed)
    while _opened:
        _opened.pop().close()
    if made:
        from netrack.data.db_files import remove_new_database

        for path in made:
            remove_new_database(path)
    _created.clear()
    _writing.clear()
    if "netrack.data.db_files" not in sys.modules:
        return []  # no database was opened (`--help`, a parse error): start-up stays light
    from netrack.data.db import unmerged_line
    from netrack.data.db_files import unmerged_wals

    return [unmerged_line(path) for path in unmerged_wals()]


def new_databases_to_remove(failed: bool) -> list[Path]:
    """The database files this command made that `close_opened(failed)` removes: each
    that holds nothing, once the command failed or only read."""
    return [
        repo.path
        for repo in (_opened if failed or not any(_writing) else ())
        if isinstance(repo.path, Path) and repo.path in _created and repo.holds_nothing()
    ]


def _named(args: argparse.Namespace) -> bool:
    """Whether the command's database was named (--db, NETRACK_DB), not the default."""
    return getattr(args, "db", None) is not None or bool(os.environ.get("NETRACK_DB"))


def made_by_this_read(repo: Repo) -> bool:
    """Whether `repo` was made by this command's read because no database was there:
    a throwaway one, removed as the command ends (`close_opened`)."""
    return repo.path in _created and not any(_writing)


def db_path_of(args: argparse.Namespace) -> Path | ServerAddress:
    """The database the command uses: a file, or a server database (a postgresql:// URL)."""
    from netrack.locations import default_db_path, is_server_url

    given = getattr(args, "db", None)  # absent when no --db was given anywhere
    if given == "":
        raise InputError("--db must not be empty")
    if given is not None:
        _check_db_text(given, "--db")
    elif os.environ.get("NETRACK_DB"):
        _check_db_text(os.environ["NETRACK_DB"], "NETRACK_DB")
    chosen = given or default_db_path()
    if isinstance(chosen, str) and is_server_url(chosen):
        from netrack.data.server import ServerAddress

        return ServerAddress(chosen)
    return Path(chosen).expanduser()


def _check_db_text(text: str, source: str) -> None:
    """Refuse what would make an odd file rather than open a database: a blank name, a
    folder's path (`new/`), another program's URL (`sqlite:///x.db` made a folder
    `sqlite:`)."""
    import re

    from netrack.domain.visible import visible
    from netrack.locations import is_server_url

    if not text.strip():
        raise InputError(f"{source} must not be blank; give the database file's name")
    if is_server_url(text):
        return
    if text != text.strip():
        raise InputError(
            f"{source} '{visible(text)}' begins or ends with a space; give the file's "
            "name without it"
        )
    # A scheme (`sqlite:///x.db`, `file:x.db`, `postgresql:/host` short of a slash): SQLite
    # reads `file:` as a URI, so the data would go to one file and backups to another.
    # One letter is a Windows drive (`C:\data`).
    scheme = re.match(r"([A-Za-z][A-Za-z0-9+.-]+):", text)
    if scheme:
        raise InputError(
            f"{source}: {visible(scheme.group(1))}: is not a database netrack opens; "
            "give a file, or a postgresql:// URL"
        )
    if text.endswith(("/", os.sep, "/.")):
        raise InputError(f"{source} {visible(text)} names a folder; give the database file's name")
    # libpq's `host=… dbname=… password=…`: it made a file of that name, the password
    # in it, printed by every later command. Said without the text.
    if re.fullmatch(r"\s*\w+=\S*(\s+\w+=\S*)+\s*", text):
        raise InputError(
            f"{source} reads like a PostgreSQL connection string (key=value …); netrack "
            "takes a postgresql://user@host:port/dbname URL, or a file's name"
        )


def open_repo(args: argparse.Namespace, *, reading: bool = False) -> Repo:
    """The command's repository; `reading`: the command writes nothing, so a database
    it cannot write (a read-only disk) is read all the same."""
    from netrack.data.db_files import is_missing
    from netrack.data.repo import Repo

    command_today()  # a bad NETRACK_TODAY is refused before anything is opened
    where = db_path_of(args)
    if isinstance(where, Path) and is_missing(where):
        _created.add(where)
        if reading and _named(args):
            # stdout stays what an empty history gives (a script's parse holds), but a
            # typo in --db or NETRACK_DB must not pass for an empty search. The default
            # file, never named, is a first run's: its empty history is the truth.
            _missing.append(where)
    try:
        repo = Repo.open(where, clock=command_today, reading=reading)
    except BaseException:
        if isinstance(where, Path) and where in _created:
            from netrack.data.opening import discard_unfinished

            discard_unfinished(where)
        raise
    _opened.append(repo)
    _writing.append(not reading)
    return repo


def missing_note(failed_with: str = "") -> str:
    """What to say of a named database a read found missing, then forgotten ("" if
    none): the note alone, or the error `failed_with` carrying it, as one line."""
    if not _missing:
        return failed_with
    where = _missing[0]
    _missing.clear()
    if failed_with:
        return f"{failed_with}: there is no database at {where} yet"
    return f"no database at {where} yet: nothing is logged there"
