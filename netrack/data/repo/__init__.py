"""The repository: every query and write, returning domain records.

A `Repo` owns one `Store` (one open file) and composes one small service per topic over
it: `repo.organizations`, `repo.contacts`, `repo.campaigns`, `repo.activity`
(interactions and follow-ups), `repo.referrals`, `repo.time`, `repo.goals` (goals and
settings), `repo.scorecard` and `repo.tidy` (archive, delete, merge). A topic that needs
another is handed that service object; none inherits from another.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from netrack.data.repo.base import Clock
from netrack.data.repo.campaigns import Campaigns
from netrack.data.repo.contacts import Contacts
from netrack.data.repo.organizations import Organizations
from netrack.data.server import ServerAddress
from netrack.data.store import DatabaseBusy, Store

if TYPE_CHECKING:
    from netrack.data.repo.activity import Activity
    from netrack.data.repo.goals import Goals
    from netrack.data.repo.org_tidy import OrgTidy
    from netrack.data.repo.referrals_time import Referrals, TimeEntries
    from netrack.data.repo.scorecard import Scorecard
    from netrack.data.repo.tidy import Tidy
    from netrack.data.server_watch import Watch
    from netrack.domain.describe import Named


class Repo:
    """One open database and its topics; build it with `Repo.open(path)`."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.path = store.path
        self.organizations = Organizations(store)
        self.contacts = Contacts(store)
        self.campaigns = Campaigns(store, self.contacts)

    # The other topics are made on first use, each loading its modules then: a `netrack
    # log` never reads a card, goals or time entries, and the TUI's first screen (the
    # Pipeline) only campaigns; loading all of them was ~0.2 MB of bytecode before
    # every start's first line (bench/tui_startup.py, bench/cli_startup.py). The
    # tidying services (archive, delete, merge) likewise: their merges' cadence words,
    # merged identities and kept sums.
    @cached_property
    def activity(self) -> Activity:
        from netrack.data.repo.activity import Activity

        return Activity(self.store, self.contacts, self.campaigns)

    @cached_property
    def referrals(self) -> Referrals:
        from netrack.data.repo.referrals_time import Referrals

        return Referrals(self.store, self.campaigns)

    @cached_property
    def time(self) -> TimeEntries:
        from netrack.data.repo.referrals_time import TimeEntries

        return TimeEntries(self.store, self.campaigns)

    @cached_property
    def goals(self) -> Goals:
        from netrack.data.repo.goals import Goals

        return Goals(self.store)

    @cached_property
    def scorecard(self) -> Scorecard:
        from netrack.data.repo.scorecard import Scorecard

        return Scorecard(self.store, self.activity, self.goals, self.referrals, self.time)

    @cached_property
    def tidy(self) -> Tidy:
        from netrack.data.repo.tidy import Tidy

        return Tidy(self.store, self.contacts, self.campaigns, self.activity)

    @cached_property
    def tidy_orgs(self) -> OrgTidy:
        from netrack.data.repo.org_tidy import OrgTidy

        return OrgTidy(self.store, self.organizations)

    @classmethod
    def open(
        cls,
        where: Path | ServerAddress,
        clock: Clock | None = None,
        verify: bool = False,
        reading: bool = False,
    ) -> Repo:
        """Open (creating and migrating as needed) the database at `where` (a file, or a
        server database); `verify` reads every page of a file first (imports and
        restores ask for it); `reading`: the caller only reads, so a file it cannot
        write is opened read-only."""
        if not isinstance(where, ServerAddress):
            where = Path(where)
        return cls(Store.open(where, clock, verify=verify, reading=reading))

    def today(self) -> date:
        return self.store.today()

    def writing(self) -> AbstractContextManager[None]:
        """One transaction around several writes (see `Store.writing`)."""
        return self.store.writing()

    def waiting_at_most(self, seconds: float) -> AbstractContextManager[None]:
        return self.store.waiting_at_most(seconds)

    def wait_bound(self) -> float:
        return self.store.wait_bound()

    def data_version(self) -> int:
        return self.store.data_version()

    def fold(self) -> None:
        self.store.fold()

    def watch(
        self, on_change: Callable[[], None], on_notice: Callable[[str, bool], None]
    ) -> Watch | None:
        """Other programs' writes told as they commit (a server database), or None (a
        file: poll `data_version()`); see `Store.watch`."""
        return self.store.watch(on_change, on_notice)

    def told_apart(
        self, contact_ids: Iterable[int] = (), campaign_ids: Iterable[int | None] = ()
    ) -> Named:
        """How a confirmation names these contacts and campaigns: "Sam Lee (Acme)" beside
        another Sam Lee, "Acme Eng [id:2]" beside another Acme Eng, the same words from
        the CLI and the TUI. Names are read only where one of them has a namesake."""
        from netrack.domain.describe import Named  # what writes say: after the first screen

        return Named(
            self.contacts.told_apart_among(contact_ids),
            self.campaigns.told_apart_among(campaign_ids),
        )

    def is_empty(self) -> bool:
        return self.contacts.count() == 0 and self.campaigns.count() == 0

    def holds_nothing(self) -> bool:
        """`is_empty`, where a database that cannot be read now (another netrack holds
        it) counts as holding something: what a failed command made is removed only
        when it surely holds nothing."""
        try:
            return self.is_empty()
        except Exception:
            return False

    def close(self) -> None:
        self.store.close()


__all__ = ["DatabaseBusy", "Repo"]
