"""The project's own errors: each carries one line a person can act on."""

from __future__ import annotations


class NetrackError(Exception):
    """Base class: anything the user can fix by changing what they typed or chose."""


class UsageError(NetrackError):
    """A command line argparse cannot read; its message is the whole line to show."""


class InputError(NetrackError):
    """Bad input (a date, a name, a number): the CLI exits 2, the TUI shows it in place."""


class ParseError(InputError):
    """A quick-log line that cannot be read; `position` is the offending character offset."""

    def __init__(self, message: str, position: int = 0) -> None:
        super().__init__(message)
        self.position = position


class ResolveError(InputError):
    """A name that matches nothing, or more than one thing."""

    def __init__(self, message: str, candidates: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.candidates = candidates


class Unmatched(ResolveError):
    """A name that matches nothing; `what` it was to name ("contact", "campaign" …) and
    `near`: the names it may have been meant for, which the message names already. A
    front end adds how to make one when none is near (`netrack contact add NAME`)."""

    def __init__(self, message: str, what: str, near: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.what = what
        self.near = near


class NothingPending(InputError):
    """A contact with no pending follow-up to mark done (`followup done NAME` then says
    where one may be: an archived namesake's)."""


class Outmatched(ResolveError):
    """A name that fits a contact out of its reach (an archived one; for `unarchive`, an
    active one) better than any it may name: refused, never taken to mean a weaker
    match. `outside`: (id, name) of those out of reach; `candidates`: the labels of
    those within reach that match less well."""

    def __init__(
        self,
        message: str,
        candidates: tuple[str, ...] = (),
        outside: tuple[tuple[int, str], ...] = (),
    ) -> None:
        super().__init__(message, candidates)
        self.outside = outside


class StorageError(NetrackError):
    """The database cannot be used as it is (locked, read-only, corrupt, too new)."""


class OutputNotWritten(NetrackError):
    """A command's output did not get out whole: standard output closed (`>&-`) or on a
    full disk, or an export's reader gone before its end. Not bad input: the CLI exits
    1 (SPEC keeps 2 for that), so a script never takes a cut-off export for a whole one.
    `reason` is what happened, without the words around it."""

    def __init__(self, reason: str, where: str = "the output", consequence: str = "") -> None:
        self.reason = reason
        after = f"; {consequence}" if consequence else ""
        super().__init__(f"cannot write {where}: {reason}{after}")


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised where a half-done file must be cleaned up as for Ctrl-C; the
    process then exits 143 (128 + SIGTERM), as a terminated program does."""

    exit_code = 143


class TerminalClosed(Terminated):
    """SIGHUP during a command (its terminal closed): cleaned up as for SIGTERM and said
    in one line (its error output may be a file), the process exiting 129 (128 +
    SIGHUP)."""

    exit_code = 129


class HungUp(Terminated):
    """SIGHUP: the TUI's terminal closed. Ended as `q` ends it; nothing is said (there
    is no terminal to say it on) and the process exits 129 (128 + SIGHUP)."""

    exit_code = 129
