"""The repository: every query and write, returning domain records.

`Repo` stacks topic modules (contacts → campaigns → activity → goals → scorecard) so a
screen or a command needs one object; each module stays small enough to read.
"""

from __future__ import annotations

from pathlib import Path

from netrack.data.db import open_database
from netrack.data.repo.base import Clock
from netrack.data.repo.scorecard import ScorecardRepo


class Repo(ScorecardRepo):
    @classmethod
    def open(cls, path: Path, clock: Clock | None = None, verify: bool = False) -> Repo:
        """Open (creating and migrating as needed) the database at `path`; `verify` reads
        every page first (imports and restores ask for it)."""
        open_database(Path(path), verify=verify)
        return cls(Path(path), clock)

    def is_empty(self) -> bool:
        return self.contact_count() == 0 and self.campaign_count() == 0


__all__ = ["Repo"]
