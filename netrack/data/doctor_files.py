"""`netrack doctor` on the files around a database: its backups (the last one, what the
folder holds) and the permissions of the database, its companions and its backups."""

from __future__ import annotations

import os
import stat
from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from netrack.data import db as dbmod
from netrack.data import db_files
from netrack.data.backup import own_backups
from netrack.data.doctor_common import size_text
from netrack.domain.errors import StorageError
from netrack.locations import backup_stem, backups_dir

if TYPE_CHECKING:
    from netrack.data.doctor_common import Report


def last_backup(path: Path, report: Report) -> None:
    folder = backups_dir(path)
    if os.path.lexists(folder) and not folder.is_dir():  # a file, a dangling link
        report.add("last backup:", f"none ({folder} is not a folder)")
        report.problems.append(
            f"{folder} is not a folder: `netrack backup`, and the copy kept before every "
            "restore, merge, upgrade and `doctor --fix`, cannot be made; move it aside"
        )
        return
    files = own_backups(folder, backup_stem(path), "db")
    if not files:
        # `backup` refuses a damaged database: the problems below say what to do instead.
        advice = "" if report.damaged else " (make one with `netrack backup`)"
        report.add("last backup:", f"none in {folder}{advice}")
    else:
        newest = max(files, key=lambda f: f.stat().st_mtime)
        when = datetime.fromtimestamp(newest.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
        report.add("last backup:", f"{newest} ({when}, {len(files)} in all)")
    # Every merge, restore, `demo --force`, upgrade and fix adds a whole copy, and
    # nothing removes them: what the folder holds, so its growth is seen.
    held = [f for f in folder.iterdir() if f.is_file()] if folder.is_dir() else []
    if held:
        total = sum(f.stat().st_size for f in held)
        count = f"{len(held)} file{'s' if len(held) > 1 else ''}"
        report.add("backups:", f"{count}, {size_text(total)} in {folder}")


def permissions(path: Path, report: Report, fix: bool) -> None:
    """Files must be 0600 and our folders 0700; with `fix`, tighten what we own."""
    folder = backups_dir(path)
    # This database's backups: another's in a shared folder are its doctor's to list.
    backups = sorted(own_backups(folder, backup_stem(path), "db"))
    files = db_files.private_files(path)
    folders = [folder] if folder.is_dir() else []
    loose = [p for p in (*files, *backups, *folders) if _mode(p) & 0o077]
    shown = [f"{p.name} {_mode(p):04o}" for p in files]
    if folders:
        shown.append(f"{folder.name}/ {_mode(folder):04o}{_backup_modes(backups)}")
    report.add("permissions:", ", ".join(shown) or "-")
    home = db_files.real_path(path).parent  # where the -wal goes: a link's target's folder
    if home.exists() and _mode(home) & 0o077:
        # The folder may be the user's own (~/Documents): reported, never changed.
        report.add("folder:", f"{home} is {_mode(home):04o} (others may list it)")
    for item in loose:
        if not (item.is_dir() or item.is_file()) or item.is_symlink():
            continue  # only our own files and folders are chmodded (links never followed)
        wanted = db_files.owner_only(_mode(item))  # 0644 → 0600, 0444 → 0400
        if fix and item.stat().st_uid == os.geteuid():
            item.chmod(wanted)
            report.fixed.append(f"{item} is now {wanted:04o}")
        else:
            hint = "" if fix else " (run `netrack doctor --fix`)"
            report.problems.append(
                f"{item} is {_mode(item):04o}: others can read it; it should be {wanted:04o}{hint}"
            )
    if fix:
        report.fixed += [f"{file} is writable again" for file in writable_companions(path)]
    try:  # the file, and the folder every write keeps its -wal in: what opening checks
        dbmod.check_writable(path)
    except StorageError as refused:
        report.problems.append(str(refused))
    if folder.is_dir() and not os.access(folder, os.W_OK | os.X_OK):
        # backup, merges, restore and `--fix` copy the database there first: all refused
        report.problems.append(
            f"cannot write in {folder}: backup, merges, restore and doctor --fix need to "
            "(make it writable)"
        )


def writable_companions(path: Path) -> list[Path]:
    """Give the owner back write access to the `-wal` and `-shm` beside `path` that are
    ours and read-only (a read of a read-only database by an older netrack left them
    0400): SQLite opens the file read-only beside them, so every write failed "is
    read-only" after the .db itself was made writable. Their content is kept (a `-wal`
    may hold changes); another user's are named by `check_writable`, not touched.
    Returns those changed."""
    changed = []
    for companion in (db_files.companion(path, "-wal"), db_files.companion(path, "-shm")):
        try:
            info = os.lstat(companion)
        except OSError:
            continue
        ours = stat.S_ISREG(info.st_mode) and info.st_uid == os.geteuid()
        if ours and not os.access(companion, os.W_OK):
            os.chmod(companion, stat.S_IMODE(info.st_mode) | stat.S_IRUSR | stat.S_IWUSR)
            changed.append(companion)
    return changed


def _backup_modes(backups: list[Path]) -> str:
    """The backups' modes, counted, not listed: " (12 backups, all 0600)"."""
    if not backups:
        return ""
    modes = Counter(_mode(p) for p in backups)
    named = f"{len(backups)} backup{'s' if len(backups) > 1 else ''}"
    if len(modes) == 1:
        (mode,) = modes
        return f" ({named}, {'all ' if len(backups) > 1 else ''}{mode:04o})"
    counted = ", ".join(f"{n} {mode:04o}" for mode, n in sorted(modes.items()))
    return f" ({named}: {counted})"


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)
