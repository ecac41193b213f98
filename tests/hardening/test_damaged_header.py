"""A damaged byte in the database's 100-byte header is named as damage, by every command
and by `doctor`, before SQLite reads the file and says something else."""

from __future__ import annotations

from pathlib import Path

import pytest

from .helpers import netrack_in_process, sha256


def _set_byte(path: Path, offset: int, value: int) -> None:
    data = bytearray(path.read_bytes())
    data[offset] = value
    path.write_bytes(data)


@pytest.mark.parametrize(("offset", "which", "value"), [(18, "write", 3), (19, "read", 0)])
def test_a_damaged_format_version_is_damage_not_a_read_only_file(
    populated: Path, offset: int, which: str, value: int
) -> None:
    """Write version 3: SQLite will not write the file, and `log` said it was read-only
    (it is 0600), `backup` "attempt to write a readonly database", `doctor` "all good"."""
    db = ("--db", str(populated))
    whole = populated.parent / "whole.db"
    assert netrack_in_process("backup", "--out", str(whole), *db).returncode == 0
    _set_byte(populated, offset, value)
    damaged = (
        f"{populated} is damaged (its header gives file format {which} version {value}, "
        "where SQLite writes 1 or 2)"
    )
    before = sha256(populated)

    for command in (("log", "@ana 5m x"), ("backup",), ("contact", "list")):
        refused = netrack_in_process(*command, *db)
        assert (refused.returncode, refused.stdout) == (2, ""), command
        assert refused.stderr == (
            f"netrack: {damaged}; restore a backup with `netrack restore FILE`\n"
        ), command
    looked = netrack_in_process("doctor", *db)
    assert looked.returncode == 2
    assert f"problem:      {damaged}; restore a backup" in looked.stdout
    assert sha256(populated) == before
    as_backup = netrack_in_process("restore", str(populated), "--db", str(whole))
    assert (as_backup.returncode, as_backup.stderr) == (2, f"netrack: {damaged}\n")

    restored = netrack_in_process("restore", str(whole), *db)

    assert restored.returncode == 0, restored.stderr
    assert "talked" in netrack_in_process("interaction", "list", *db).stdout


@pytest.mark.parametrize(("high", "low", "size"), [(0x10, 0x01, 4097), (0x01, 0x00, 256)])
def test_a_damaged_page_size_is_named_not_taken_for_a_file_cut_short(
    populated: Path, high: int, low: int, size: int
) -> None:
    """4096 made 4097: its page count times 4097 is more than the file holds, and every
    command said it was "truncated: 303104 of 303178 bytes"."""
    _set_byte(populated, 16, high)
    _set_byte(populated, 17, low)
    damaged = (
        f"{populated} is damaged (its header gives a page size of {size} bytes, not a power "
        "of two from 512 to 65536); restore a backup with `netrack restore FILE`"
    )

    listed = netrack_in_process("contact", "list", "--db", str(populated))

    assert (listed.returncode, listed.stdout, listed.stderr) == (2, "", f"netrack: {damaged}\n")
    looked = netrack_in_process("doctor", "--db", str(populated))
    assert f"problem:      {damaged}\n" in looked.stdout
