"""Reading import files and writing exports: owner-only, and never half-written.

An export is written to a temporary file beside its target (0600 from the first byte,
whatever the umask), flushed to disk, then moved over the target with `os.replace`, so a
crash leaves either the old file or the new one. New folders are created 0700.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from netrack.data.db import ensure_private_dir
from netrack.domain.errors import InputError, StorageError


def read_bytes(path: Path) -> bytes:
    """The file's bytes, or an InputError naming it."""
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a folder, not a file") from None
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror})") from None


def read_text(path: Path, fallback: str | None = None) -> str:
    """UTF-8 text (a BOM is dropped). Without `fallback`, bytes that are not UTF-8 are an
    InputError naming the line; with one (e.g. "cp1252"), that encoding is tried instead."""
    data = read_bytes(path)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        if fallback:
            return data.decode(fallback, errors="replace")
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
