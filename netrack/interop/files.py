"""Reading import files and writing exports: owner-only, and never half-written.

An export is written to a temporary file beside its target (0600 from the first byte,
whatever the umask), flushed to disk, then moved over the target with `os.replace`, so a
crash leaves either the old file or the new one. New folders are created 0700.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from netrack.data.db import ensure_private_dir
from netrack.domain.errors import InputError, StorageError

# What an import reads at most: far above any real export (30,000 LinkedIn connections are
# ~3 MiB; a full JSON export of years of use ~20 MiB), far below what would exhaust memory.
MAX_IMPORT_BYTES = 64 * 1024 * 1024


def read_bytes(path: Path, limit: int = MAX_IMPORT_BYTES) -> bytes:
    """The bytes of a regular file of at most `limit` bytes, or an InputError naming it.

    Devices and pipes are refused before they are read (`/dev/zero` never ends, a FIFO
    would wait for a writer); a file is read up to `limit` + 1 bytes, so a larger one is
    refused without being loaded."""
    path = Path(path)
    try:
        mode = path.stat().st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError
        if not stat.S_ISREG(mode):
            raise InputError(f"{path}: not a regular file (a device or a pipe); give a file")
        # O_NONBLOCK: should the path become a FIFO after the check, open does not hang.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise InputError(f"{path}: not a regular file (a device or a pipe); give a file")
            data = handle.read(limit + 1)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a folder, not a file") from None
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror})") from None
    if len(data) > limit:
        raise InputError(
            f"{path} is larger than {_size(limit)}; netrack imports files up to {_size(limit)}"
        )
    return data


def _size(count: int) -> str:
    return f"{count // (1024 * 1024)} MiB" if count >= 1024 * 1024 else f"{count} bytes"


def read_text(path: Path) -> str:
    """UTF-8 text (a BOM is dropped); bytes that are not UTF-8 are an InputError naming the
    line. (vCard, whose files mix encodings, decodes line by line itself: see vcard.py.)"""
    data = read_bytes(path)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise InputError(f"{path}:{line}: not UTF-8 text") from None


def private_dir(path: Path) -> Path:
    """Make sure `path` is a folder, creating it (and parents) owner-only."""
    path = Path(path).expanduser()
    if path.exists() and not path.is_dir():
        raise InputError(f"{path} is a file; give a folder")
    ensure_private_dir(path)
    return path


def write_private(target: Path, data: bytes) -> Path:
    """Atomically write `data` to `target` as a 0600 file; returns the path written."""
    target = Path(target).expanduser()
    if target.is_dir():
        raise InputError(f"{target} is a folder; give a file name")
    private_dir(target.parent)
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as error:
        raise StorageError(f"cannot write in {target.parent}: {error.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, 0o600)
        os.replace(temp, target)
    except OSError as error:
        Path(temp).unlink(missing_ok=True)
        raise StorageError(f"cannot write {target}: {error.strerror}") from None
    return target
