"""Reading the files an import is given: a regular file (or standard input) of bounded
size, decoded as the people's tools write text.

Devices, pipes and folders are refused before anything is read, a file larger than an
import could ever be is refused from its size, and bytes that are not text are named by
their line. (Where the data goes out again, and which files an import may never open:
files.py.)
"""

from __future__ import annotations

import os
import re
import stat
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from netrack.domain.errors import InputError
from netrack.domain.visible import visible
from netrack.locations import no_such_file

# What an import reads at most: far above any real export (30,000 LinkedIn connections are
# ~3 MiB; a full JSON export of years of use ~20 MiB), far below what would exhaust memory.
MAX_IMPORT_BYTES = 64 * 1024 * 1024


def read_bytes(path: Path, limit: int = MAX_IMPORT_BYTES) -> bytes:
    """The bytes of a regular file of at most `limit` bytes, or an InputError naming it.

    Devices and pipes are refused before they are read (`/dev/zero` never ends, a FIFO
    would wait for a writer); a file is read up to `limit` + 1 bytes, so a larger one is
    refused without being loaded."""
    path = Path(path)
    if is_standard_stream(path):
        return _read_stdin(limit)
    try:
        mode = path.stat().st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError
        if not stat.S_ISREG(mode):
            raise InputError(f"{path}: not a regular file (a device or a pipe); give a file")
        # O_NONBLOCK: should the path become a FIFO after the check, open does not hang.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as handle:
            opened = os.fstat(handle.fileno())
            if not stat.S_ISREG(opened.st_mode):
                raise InputError(f"{path}: not a regular file (a device or a pipe); give a file")
            # Refused from its size, not after reading up to the bound (gigabytes for
            # JSON); the read stops there all the same, should the file grow meanwhile.
            if opened.st_size > limit:
                raise InputError(_too_large(path, limit))
            data = handle.read(limit + 1)
    except FileNotFoundError:
        raise InputError(no_such_file(path)) from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a folder, not a file") from None
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror})") from None
    if len(data) > limit:
        raise InputError(_too_large(path, limit))
    return data


def _too_large(path: Path, limit: int) -> str:
    return f"{path} is larger than {_size(limit)}; netrack imports files up to {_size(limit)}"


STANDARD_STREAM = "-"


def is_standard_stream(path: str | os.PathLike[str]) -> bool:
    """`-` names standard input (imports) or standard output (exports); so do the names
    scripts give them (`/dev/stdin`, `/dev/stdout`): written as a file into a pipe, the
    export failed ("cannot write in /proc/…/fd"), or asked for --force over a terminal."""
    return os.fspath(path) in (STANDARD_STREAM, "/dev/stdin", "/dev/stdout")


def _read_stdin(limit: int) -> bytes:
    if sys.stdin is None:
        raise InputError("- reads standard input, which is closed: pipe a file in (… < FILE)")
    if sys.stdin.isatty():
        raise InputError("- reads standard input: pipe a file in (… < FILE), not a terminal")
    data = sys.stdin.buffer.read(limit + 1)
    if len(data) > limit:
        raise InputError(
            f"standard input holds more than {_size(limit)}; netrack imports up to {_size(limit)}"
        )
    return data


def _size(count: int) -> str:
    return f"{count // (1024 * 1024)} MiB" if count >= 1024 * 1024 else f"{count} bytes"


def text_of(data: bytes) -> str:
    """`read_text`'s text."""
    return read_text(data).text


class Reading(Enum):
    """How a line was read, and what the import's summary says of it (`damage_at`)."""

    AS_WRITTEN = ""  # UTF-8; Windows-1252 in a Windows-1252 file; a vCard's CHARSET
    # A line of a UTF-8 file read as Windows-1252 (pasted from a Windows program?): a guess
    GUESSED_1252 = "not valid UTF-8; read as Windows-1252"
    STRAY_BYTES = "not valid UTF-8; read as UTF-8, each stray byte as \N{REPLACEMENT CHARACTER}"
    # One of the five bytes Windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D)
    UNREADABLE = (
        "not valid UTF-8 nor Windows-1252; each unreadable byte as \N{REPLACEMENT CHARACTER}"
    )
    BROKEN_UTF16 = "not valid UTF-16; each unreadable character as \N{REPLACEMENT CHARACTER}"


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    # (line, how), 1-based, of the lines not read as written, for the summary to warn of
    damaged: tuple[tuple[int, Reading], ...] = ()


def read_text(data: bytes) -> Decoded:
    """UTF-8 (a BOM dropped), UTF-16 with a BOM (a spreadsheet's "Unicode text", some
    calendar exports), else line by line as `line_text` reads a line, with what the
    whole file says of its encoding (`is_windows_1252`). What people's tools write, and
    what they make of a file: a UTF-8 export with one row pasted in from a Windows
    program keeps every other row as it was (read as Windows-1252 whole, each accent
    became two letters: "LÃ³pez"). (JSON is UTF-8 or refused: json_fields.py.)"""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return utf16_text(data)
    try:
        return Decoded(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        lines = data.removeprefix(b"\xef\xbb\xbf").splitlines(keepends=True)
        windows_1252 = is_windows_1252(lines)
        texts, damaged = [], []
        for number, line in enumerate(lines, 1):
            text, how = line_text(line, windows_1252)
            texts.append(text)
            if how is not Reading.AS_WRITTEN:
                damaged.append((number, how))
        return Decoded("".join(texts), tuple(damaged))


LINE_BREAK = re.compile("\r\n|\r|\n")  # as bytes.splitlines and vCard lines break


def utf16_text(data: bytes) -> Decoded:
    """UTF-16 text after its BOM, each unreadable code unit (a lone surrogate, a last
    odd byte) as U+FFFD on a line the summary warns of."""
    try:
        return Decoded(data.decode("utf-16"))
    except UnicodeDecodeError:
        text = data.decode("utf-16", errors="replace")
    # Where the strict decode failed, every U+FFFD is taken for one of its replacements
    lines = LINE_BREAK.split(text)
    damaged = [(n, Reading.BROKEN_UTF16) for n, line in enumerate(lines, 1) if "\ufffd" in line]
    return Decoded(text, tuple(damaged))


# A byte that is not UTF-8, as `surrogateescape` decodes it; a character beyond ASCII.
STRAY = re.compile("[\udc80-\udcff]")
WIDE = re.compile("[^\x00-\x7f\udc80-\udcff]")


def is_windows_1252(lines: Iterable[bytes]) -> bool:
    """Whether a file's lines show it was written as Windows-1252: one of them is not
    UTF-8 and holds not one UTF-8 character beyond ASCII ("Jürgen" as Windows writes
    it), and none is UTF-8 beyond ASCII (which Windows-1252 text almost never makes:
    "Zoë" as UTF-8 says the file is UTF-8, and a line of it with a stray byte is UTF-8
    damaged). The other lines of such a file that are not UTF-8 are Windows-1252 too,
    even where two of their bytes happen to make a UTF-8 character ("„Spaß“": "ß“" is
    DF 93, which UTF-8 reads as "ߓ")."""
    plain_1252 = False
    for line in lines:
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError:
            if not WIDE.search(line.decode("utf-8", errors="surrogateescape")):
                plain_1252 = True
            continue
        if WIDE.search(text):
            return False  # a line of UTF-8 beyond ASCII: the file is UTF-8
    return plain_1252


def line_text(line: bytes, windows_1252: bool = False) -> tuple[str, Reading]:
    """One line as text, and how it was read. UTF-8 where it is; else Windows-1252 in
    a file that `is_windows_1252`; else UTF-8 with each stray byte as U+FFFD where it
    holds at least as many whole UTF-8 characters beyond ASCII as stray bytes (a byte
    gone wrong in a UTF-8 file: read as Windows-1252, every accent of the line became
    two letters, "LÃ³pez GarcÃ­a"); else Windows-1252, as Windows programs write (its
    accents are never UTF-8's pairs), a guess in a file that is not Windows-1252."""
    try:
        return line.decode("utf-8"), Reading.AS_WRITTEN
    except UnicodeDecodeError:
        escaped = line.decode("utf-8", errors="surrogateescape")
    if not windows_1252 and len(WIDE.findall(escaped)) >= len(STRAY.findall(escaped)):
        return STRAY.sub("\N{REPLACEMENT CHARACTER}", escaped), Reading.STRAY_BYTES
    try:
        text = line.decode("cp1252")
    except UnicodeDecodeError:  # one of the five bytes cp1252 leaves undefined
        return line.decode("cp1252", errors="replace"), Reading.UNREADABLE
    return text, Reading.AS_WRITTEN if windows_1252 else Reading.GUESSED_1252


def damage_at(source: Path, lines: Iterable[tuple[int, Reading]]) -> list[str]:
    """The summary's warning for each line not read as written, with its place:
    "name.vcf:4: not valid UTF-8; …" (or "standard input:4: …")."""
    name = "standard input" if is_standard_stream(source) else visible(Path(source).name)
    return [f"{name}:{line}: {how.value}" for line, how in lines]
