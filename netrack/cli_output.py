"""What the command line prints: text that is safe for any terminal.

Names and notes come from people and imported files; printed raw, an ESC sequence in a
name could retitle, recolour or clear the user's terminal. Every line netrack prints goes
through `say` or `error`, which show control characters (`netrack.domain.visible`).
"""

from __future__ import annotations

import os
import re
import sys
from typing import TextIO

from netrack.domain.errors import OutputNotWritten
from netrack.domain.visible import visible


def tolerant_streams() -> None:
    """A terminal whose encoding lacks `·` or `→` gets a stand-in, not a crash."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")


def say(text: str, stream: TextIO | None = None) -> None:
    """Print `text` (lines kept) with every control character made visible; nowhere when
    standard output was closed (`>&-`)."""
    target = stream or sys.stdout
    if target is not None:
        print(visible(text, multiline=True), file=target)


def print_output(text: str) -> None:
    """A command's output (`say`) on standard output, flushed, or OutputNotWritten: a
    closed standard output or a full disk. A reader that left (BrokenPipeError) is
    passed on: `cli._run` lets a listing's reader go quietly, as `ls | head` does."""
    if sys.stdout is None:
        raise OutputNotWritten("standard output is closed")
    try:
        say(text)
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as problem:  # a full disk, a device that refuses writes
        raise OutputNotWritten(str(problem.strerror or problem)) from None


def silence_stdout() -> None:
    """Standard output pointed at /dev/null: what is still buffered for a reader that
    left, or a disk that is full, goes nowhere instead of failing at exit."""
    if sys.stdout is None:
        return  # closed (`>&-`): nothing buffered
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def error(text: str) -> None:
    """One line on standard error, control characters (newlines included) made visible;
    nowhere when standard error was closed (`2>&-`: print would fall back on stdout)."""
    if sys.stderr is not None:
        print(visible(text), file=sys.stderr)


def note(text: str) -> None:
    """A word beside a command's confirmation ("" none), on standard error: a script
    reading standard output gets the confirmation alone, as before the word was said."""
    if text:
        error(text)


_BEYOND_ASCII = re.compile(r"[^\x00-\x7f]")


def json_for(text: str, stream: TextIO) -> str:
    """JSON text as `stream`'s encoding can carry it: unchanged on UTF-8; else every
    character beyond ASCII as a `\\uXXXX` escape (a surrogate pair above U+FFFF), so a
    terminal set to ASCII or Latin-1 still receives valid JSON holding the same text.
    (The stream's stand-ins, `\\xf3`, are no JSON.) Outside strings JSON is ASCII."""
    try:
        text.encode(getattr(stream, "encoding", None) or "utf-8")
    except UnicodeEncodeError:
        return _BEYOND_ASCII.sub(_json_escape, text)
    return text


def _json_escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
