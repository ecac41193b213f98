"""Text from people and files, made safe to show: control characters become visible.

Names and notes come from people and imported files. ESC would reach the terminal and
retitle, recolour or clear it; BEL, CR and NUL would vanish or rewrite the line. `visible()`
swaps each one for a printable stand-in of its own, so nothing is hidden and nothing
reaches the terminal as a command; the stored text is never changed. The TUI (through
`widgets.literal`) and the CLI (every line it prints) use the same table.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# C0 controls as their Unicode "control pictures" (ESC → ␛, BEL → ␇, NUL → ␀), DEL as ␡,
# C1 controls (0x9b is an 8-bit CSI) and bidirectional overrides as escapes.
_SINGLE_LINE: dict[int, str] = {code: chr(0x2400 + code) for code in range(0x20)}
_SINGLE_LINE[0x09] = " "  # a tab is only whitespace
_SINGLE_LINE[0x7F] = "␡"
_SINGLE_LINE.update({code: f"\\x{code:02x}" for code in range(0x80, 0xA0)})
_BIDI = (0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A))
_SINGLE_LINE.update({code: f"\\u{code:04x}" for code in (*_BIDI, 0x2028, 0x2029)})
# A lone surrogate cannot be encoded for the terminal at all. One that stands for an
# undecodable byte of a file name or an argument is shown as that byte.
_SINGLE_LINE.update({code: f"\\u{code:04x}" for code in range(0xD800, 0xE000)})
_SINGLE_LINE.update({code: f"\\x{code - 0xDC00:02x}" for code in range(0xDC80, 0xDD00)})
_MULTI_LINE = {**_SINGLE_LINE, 0x0A: "\n"}


def _any_of(codes: Iterable[int]) -> re.Pattern[str]:
    """A pattern matching any one of `codes`, as a character class of ranges."""
    ranges: list[list[int]] = []
    for code in sorted(codes):
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    return re.compile("[" + "".join(f"\\U{a:08x}-\\U{b:08x}" for a, b in ranges) + "]")


# Whether a text needs translating at all, searched in C: `str.translate` with a dict
# looks every character up in Python, ~10 ms for a 300 KB scorecard as JSON.
_NEEDS_SINGLE = _any_of(_SINGLE_LINE)
_NEEDS_MULTI = _any_of(code for code in _SINGLE_LINE if code != 0x0A)


def visible(text: str, multiline: bool = False) -> str:
    """`text` with every control character replaced by a visible stand-in.

    Newlines become ␊ unless `multiline`. Printable text, markup-like brackets included,
    is returned unchanged.
    """
    if not (_NEEDS_MULTI if multiline else _NEEDS_SINGLE).search(text):
        return text
    return text.translate(_MULTI_LINE if multiline else _SINGLE_LINE)


def typeable(name: str) -> str:
    """A part of `name` that can be typed into an input: the name itself when it has no
    control characters, else its longest run without any (a substring still resolves)."""
    if visible(name) == name:
        return name
    runs = "".join(ch if visible(ch) == ch else "\0" for ch in name).split("\0")
    return max(runs, key=lambda run: len(run.strip())).strip()


def safe_json(value: object) -> str:
    """`value` as indented JSON that is both valid and safe to print: every character
    `visible()` would replace is written as a `\\uXXXX` escape instead, so a script reads
    the stored text exactly while the terminal never receives a control character."""
    # json.dumps(value, indent=2, ensure_ascii=False), written faster; only the commands
    # that print JSON pay for importing it
    from netrack.domain.json_text import dumps

    text = dumps(value)
    if not _NEEDS_MULTI.search(text):  # the same characters as _JSON_ESCAPES'
        return text
    return text.translate(_JSON_ESCAPES)


# What json.dumps leaves raw among the characters `visible` replaces (it already escapes
# C0 controls inside strings; newlines between items are the layout and stay).
_JSON_ESCAPES = {code: f"\\u{code:04x}" for code in _SINGLE_LINE if code != 0x0A}
