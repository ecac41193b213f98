"""Writing exports, owner-only and never half-written. Which paths an export may take
and which files an import may never open: file_guards.py; reading imports: reading.py.

An export is written to a temporary file in its target's folder (0600 from the first
byte, whatever the umask), flushed to disk, then moved into place with one rename, so a
crash leaves either the old file or the new one; the temporary file is removed on any
failure. A CSV set is written as a whole new folder, renamed into place. New folders are
created 0700.
"""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import stat
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import BinaryIO

from netrack.data.db_files import private_dir_for
from netrack.domain.errors import InputError, OutputNotWritten, StorageError
from netrack.interop.file_guards import PieceFailed, TargetExists, path_errors, real_path


@contextmanager
def private_dir(path: Path) -> Iterator[Path]:
    """Make sure `path` is a folder, creating it (and parents) owner-only, for the write
    in the block: the folders made go again if it fails or is interrupted (see
    `private_dir_for`)."""
    path = Path(path).expanduser()
    if path.exists() and not path.is_dir():
        raise InputError(f"{path} is a file; give a folder")
    with private_dir_for(path):
        yield path


def _each(data: bytes | Iterable[bytes]) -> Iterator[bytes]:
    iterator = iter(_pieces(data))
    while True:
        try:
            piece = next(iterator)
        except StopIteration:
            return
        except Exception as error:
            raise PieceFailed from error
        yield piece


KEPT_OF_NAME = 80  # characters of a target's name in its temporary's


def temp_prefix(name: str) -> str:
    """A hidden name for a temporary file beside `name`, short enough for any file name
    (most systems allow 255 bytes; the temporary name adds a few characters). A longer
    name is cut, a short hash of the whole name after it: two targets whose names share
    their first 80 characters shared one prefix, and the next export to one removed
    what a killed export to the other had left (`export_leftovers`)."""
    if len(name) <= KEPT_OF_NAME:
        return f".{name}."
    whole = hashlib.sha256(os.fsencode(name)).hexdigest()[:8]
    return f".{name[:KEPT_OF_NAME]}~{whole}."


@path_errors
def output_path(out: str | os.PathLike[str], default_name: str) -> Path:
    """The file an export to `out` writes: `out` itself, or `default_name` inside it when
    `out` is a folder (an existing one, or any path ending in a separator).
    An empty `out` is an InputError."""
    text = os.fspath(out)
    if not text.strip():
        raise InputError("the output path must not be empty; give a file or folder name")
    path = Path(text).expanduser()
    if text.endswith(("/", os.sep)) or path.is_dir():
        return path / default_name
    return path


def _mode(path: Path | str) -> int:
    """The file type and mode of `path`, 0 when it cannot be read."""
    try:
        return os.stat(path).st_mode
    except (OSError, ValueError):
        return 0


def is_stream(path: Path) -> bool:
    """A pipe or a terminal already there: `>(gzip > x.gz)`, `/dev/fd/1`, `/dev/stderr`.
    Written into a temporary file beside it and moved there, it failed ("cannot write in
    /proc/…/fd")."""
    mode = _mode(path)
    return stat.S_ISFIFO(mode) or stat.S_ISCHR(mode)


def is_standard_output(path: str) -> bool:
    """`path` is this process's standard output under another name (`/dev/fd/1`,
    `/proc/self/fd/1`): the export goes there as for `-`, its summary to standard error."""
    try:
        named, ours = os.stat(path), os.fstat(sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # no such path; stdout closed or not a file
        return False
    return (named.st_dev, named.st_ino) == (ours.st_dev, ours.st_ino)


def _pieces(data: bytes | Iterable[bytes]) -> Iterable[bytes]:
    """`data` as pieces: itself, or the pieces it is read in (an export streamed from
    the database as it is written)."""
    return (data,) if isinstance(data, bytes) else data


# What an export cut short says after why: its reader may hold the first part of it.
NOT_WHOLE = "nothing was exported whole"


def write_whole(stream: BinaryIO, data: bytes | Iterable[bytes], name: str) -> None:
    """Every byte of `data` into `stream` (`name` in the error), or OutputNotWritten: an
    unbuffered stream (PYTHONUNBUFFERED, a pipe opened here) writes what the pipe or the
    file takes and returns how much, and an export cut short there was said to be whole.
    A reader that left before the end cut it short too: never a quiet success, or a
    backup pipeline (`| gzip`, `| ssh`) would keep a truncated file."""
    try:
        for piece in _pieces(data):
            view = memoryview(piece)
            while view:
                written = stream.write(view)
                if not written:
                    raise OSError(errno.EIO, "the output took nothing more")
                view = view[written:]
        stream.flush()
    except BrokenPipeError:
        raise OutputNotWritten(
            "the program reading it left before the end", name, NOT_WHOLE
        ) from None
    except OSError as error:
        raise OutputNotWritten(str(error.strerror or error), name, NOT_WHOLE) from None


# An export held in memory up to this size while it is made; a larger one goes on into
# an unnamed temporary file (read in pieces, an export is not held whole: json_text.py).
SPOOL_IN_MEMORY = 1 << 20
_COPIED = 1 << 20  # bytes read back from the spool at a time


@contextmanager
def spooled(data: bytes | Iterable[bytes]) -> Iterator[Iterable[bytes]]:
    """Within: `data` made to its end, then its pieces read back. What goes to a pipe, a
    terminal or standard output cannot be taken back: an export that fails half-way
    (a value that is not UTF-8, Ctrl-C) wrote 38 MB of cut-off JSON there, where a
    failed command writes nothing. The spool is owner-only and has no name (removed by
    the system on any exit); it is gone when the block ends."""
    with ExitStack() as stack:
        try:
            spool = stack.enter_context(tempfile.SpooledTemporaryFile(SPOOL_IN_MEMORY))
            for piece in _pieces(data):
                spool.write(piece)
            spool.seek(0)
        except OSError as error:  # TMPDIR full, missing or not writable
            raise StorageError(
                f"cannot hold the export in {tempfile.gettempdir()} until it is whole: "
                f"{error.strerror or error}; nothing was exported"
            ) from None
        yield iter(lambda: spool.read(_COPIED), b"")


def write_stream(
    path: Path,
    data: bytes | Iterable[bytes],
    on_terminal: Callable[[Iterable[bytes]], Iterable[bytes]] | None = None,
) -> None:
    """`data` written to the pipe or terminal at `path` as it comes (an export made whole
    first: `spooled`): nothing to replace atomically there, and a reader already waiting.
    A terminal (`/dev/tty`) gets `on_terminal(data)`, as standard output on one does."""
    try:
        # Not waiting for a reader: a pipe nobody reads from would hold the command (and
        # the TUI after it) for ever. Opened, the writes wait for the reader as usual.
        fd = os.open(path, os.O_WRONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as error:
        if error.errno == errno.ENXIO:  # a FIFO with no reader; a terminal that is not there
            if stat.S_ISFIFO(_mode(path)):
                raise InputError(f"{path}: no program is reading from this pipe") from None
            raise InputError(f"{path}: no device is there to write to (no terminal?)") from None
        raise StorageError(f"cannot write {path}: {error.strerror or error}") from None
    os.set_blocking(fd, True)
    with open(fd, "wb", buffering=0) as stream:
        if on_terminal is not None and stream.isatty():
            data = on_terminal(_pieces(data))
        write_whole(stream, data, str(path))


def _fsync_folder(folder: Path) -> None:
    """Make a rename in `folder` durable (best effort: not every system can open folders)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _write_temp(folder: Path, name: str, data: bytes | Iterable[bytes]) -> Path:
    """A new 0600 file in `folder` holding `data` (or its pieces, written as they come),
    flushed to disk; removed on failure, one while the pieces are read included."""
    fd, temp = tempfile.mkstemp(prefix=temp_prefix(name), suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            for piece in _each(data):
                handle.write(piece)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, 0o600)  # mkstemp makes it 0600 already; say so whatever the platform
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return Path(temp)


def place(temp: Path, target: Path, replace: bool) -> None:
    """Move the finished `temp` to `target` in one step. Without `replace`, an existing
    `target` (even one created a moment ago by someone else) is left alone: InputError."""
    if replace:
        os.replace(temp, target)
        return
    try:
        os.link(temp, target)  # fails if target exists: no window between check and write
    except FileExistsError:
        raise TargetExists(target) from None
    except OSError:  # a file system without hard links
        if target.exists():
            raise TargetExists(target) from None
        os.replace(temp, target)
        return
    temp.unlink()


@path_errors
def write_private(target: Path, data: bytes | Iterable[bytes], replace: bool = True) -> Path:
    """Atomically write `data` (or its pieces) to `target` as a 0600 file; returns the
    path written.

    A symbolic link is followed: the file it points to gets the content, the link stays.
    The data goes to a temporary file in the final folder, is flushed to disk, then moved
    into place, so `target` is always either the old file or the whole new one; the
    temporary file is removed on any failure, Ctrl-C included. Without `replace`, an
    existing `target` is an InputError."""
    shown = Path(target).expanduser()
    target = real_path(shown)
    if target.is_dir():
        raise InputError(f"{shown} is a folder; give a file name")
    with private_dir(target.parent):
        try:
            temp = _write_temp(target.parent, target.name, data)
        except OSError as error:
            raise StorageError(f"cannot write in {target.parent}: {error.strerror}") from None
        try:
            place(temp, target, replace)
        except OSError as error:
            raise StorageError(f"cannot write {shown}: {error.strerror}") from None
        finally:
            temp.unlink(missing_ok=True)
    _fsync_folder(target.parent)
    return shown


@path_errors
def write_private_folder(target: Path, files: dict[str, bytes]) -> Path:
    """Make `target` a folder holding exactly `files` (name → bytes, each 0600), the set
    at once; `target` must be checked first (`check_export_folder`). The files are
    written into a new 0700 folder beside it, which is then renamed into place. An
    earlier export there is swapped out (see `_swap`); an empty existing folder, perhaps
    the one a shell is in, keeps its identity: the files move into it, and out again on
    failure. Any failure leaves the old set or the new one, never a mix, and no
    temporary folder behind."""
    with private_dir(target.parent):
        try:
            temp = Path(
                tempfile.mkdtemp(prefix=temp_prefix(target.name), suffix=".tmp", dir=target.parent)
            )
        except OSError as error:
            raise StorageError(f"cannot write in {target.parent}: {error.strerror}") from None
        try:
            for name, data in files.items():
                _write_temp(temp, name, data).rename(temp / name)
            _fsync_folder(temp)
            if not target.exists():
                os.replace(temp, target)
            elif any(target.iterdir()):
                _swap(temp, target)
            else:
                _move_into(temp, target, list(files))
            _fsync_folder(target.parent)
        except OSError as error:
            raise StorageError(f"cannot write {target}: {error.strerror}") from None
        finally:
            shutil.rmtree(temp, ignore_errors=True)
    return target


def _swap(new: Path, target: Path) -> None:
    """Rename the folder `target` aside, `new` into its place, then remove the old one;
    if `new` cannot go in, the old folder is put back."""
    old = Path(tempfile.mkdtemp(prefix=temp_prefix(target.name), suffix=".old", dir=target.parent))
    try:
        os.replace(target, old)  # over the empty `old`: a rename may replace an empty folder
    except BaseException:
        old.rmdir()
        raise
    swapped = False
    try:
        os.replace(new, target)
        swapped = True
    except BaseException:
        os.replace(old, target)
        raise
    finally:
        if swapped:
            shutil.rmtree(old, ignore_errors=True)


def _move_into(source: Path, folder: Path, names: list[str]) -> None:
    """Move `names` from `source` into the empty `folder`; on failure, take them out."""
    moved: list[Path] = []
    try:
        for name in names:
            os.rename(source / name, folder / name)
            moved.append(folder / name)
    except BaseException:
        for path in moved:
            path.unlink(missing_ok=True)
        raise
