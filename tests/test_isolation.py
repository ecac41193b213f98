"""The suite never writes into the user's own netrack folder."""

from __future__ import annotations

import tempfile
from pathlib import Path


def test_netracks_own_folder_is_a_throwaway_one() -> None:
    """A PostgreSQL test's `backup` and `demo --force` wrote their JSON copies into the
    real ~/.local/share/netrack/backups (a server's backups go to netrack's own folder)."""
    from netrack.locations import data_dir

    assert Path(tempfile.gettempdir()).resolve() in data_dir().resolve().parents
