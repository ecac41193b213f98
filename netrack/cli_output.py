"""What the command line prints: text that is safe for any terminal.

Names and notes come from people and imported files; printed raw, an ESC sequence in a
name could retitle, recolour or clear the user's terminal. Every line netrack prints goes
through `say` or `error`, which show control characters (`netrack.domain.visible`).
"""

from __future__ import annotations

import codecs
import functools
import os
import re
import sys
from collections.abc import Callable
from typing import TextIO

from netrack.domain.errors import OutputNotWritten
from netrack.domain.visible import visible


def tolerant_streams() -> None:
    """A terminal whose encoding lacks `·` or `→` gets a stand-in, not a crash."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")


# The glyphs netrack itself draws (empty cells, separators, warnings, arrows, trends,
# goal marks) and what a terminal whose encoding lacks them shows instead. Anything
# else it lacks (a name's "ë") is the stream's escape, `\xeb`, as `tolerant_streams`
# asks: a person's text is shown as it is stored, never made to look like other text.
STAND_INS = {
    "—": "-",  # — an empty cell, a markdown title's dash
    "–": "-",  # – a span of days
    "·": ".",  # · between a line's parts
    "⚠": "!",  # ⚠ a warning
    "→": "->",
    "…": "...",
    "≥": ">=",
    "≤": "<=",
    "✓": "v",  # ✓ met
    "✗": "x",  # ✗ missed
    "✅": "[v]",
    "❌": "[x]",
    "⏳": "[..]",  # ⏳ still running
    **dict(zip("▁▂▃▄▅▆▇█", "_.:-=+*#", strict=True)),
}


def as_printed(text: str, encoding: str | None) -> str:
    """`text` as a stream in `encoding` (backslashreplace) will show it, netrack's own
    glyphs it lacks as `STAND_INS`: measured so, a table's columns stay aligned."""
    try:
        text.encode(encoding or "utf-8")
        return text
    except UnicodeEncodeError:
        pass
    except LookupError:  # an encoding Python does not know: the stream fails alike
        return text
    shown = []
    for char in text:
        try:
            char.encode(encoding or "utf-8")
            shown.append(char)
        except UnicodeEncodeError:
            shown.append(STAND_INS.get(char) or char.encode("ascii", "backslashreplace").decode())
    return "".join(shown)


def as_stdout_prints() -> Callable[[str], str]:
    """`as_printed` for standard output's encoding: nothing to do on UTF-8 (a table of
    100,000 rows is not encoded twice)."""
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    if codecs_name(encoding) in ("utf-8", "utf-16", "utf-32"):
        return str
    return functools.partial(as_printed, encoding=encoding)


def codecs_name(encoding: str) -> str:
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        return encoding


def say(text: str, stream: TextIO | None = None) -> None:
    """Print `text` (lines kept) with every control character made visible, as `stream`'s
    encoding can carry it (`as_printed`); nowhere when standard output was closed
    (`>&-`)."""
    target = stream or sys.stdout
    if target is not None:
        shown = visible(text, multiline=True)
        print(as_printed(shown, getattr(target, "encoding", None)), file=target)


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
        print(as_printed(visible(text), getattr(sys.stderr, "encoding", None)), file=sys.stderr)


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
