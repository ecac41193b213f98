"""A backup that every command would refuse as damaged is refused by `restore` too, and
the healthy database it was to replace is left as it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from .helpers import netrack_in_process, sha256


@pytest.mark.parametrize("cut", [1, 2, 10])
def test_a_backup_cut_short_is_refused_by_restore(populated: Path, cut: int) -> None:
    """Opened immutable, the missing end read as zeros: the integrity check passed, the
    restore said it was done, and a note ended in NUL."""
    db = ("--db", str(populated))
    whole = populated.parent / "whole.db"
    assert netrack_in_process("backup", "--out", str(whole), *db).returncode == 0
    short = populated.parent / "short.db"
    short.write_bytes(whole.read_bytes()[:-cut])
    size = whole.stat().st_size
    before = sha256(populated)

    refused = netrack_in_process("restore", str(short), *db)

    damaged = f"{short} is damaged (truncated: {size - cut} of {size} bytes)"
    assert (refused.returncode, refused.stdout) == (2, "")
    assert refused.stderr == f"netrack: {damaged}\n"
    listed = netrack_in_process("contact", "list", "--db", str(short))
    assert listed.stderr.startswith(f"netrack: {damaged}; restore a backup")  # the same words
    assert sha256(populated) == before
    assert not (populated.parent / "backups").exists()  # not even the safety copy
