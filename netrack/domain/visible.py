"""Text from people and files, made safe to show: control characters become visible.

Names and notes come from people and imported files. ESC would reach the terminal and
retitle, recolour or clear it; BEL, CR and NUL would vanish or rewrite the line. `visible()`
swaps each one for a printable stand-in of its own, so nothing is hidden and nothing
reaches the terminal as a command; the stored text is never changed. The TUI (through
`widgets.literal`) and the CLI (every line it prints) use the same table.
"""

from __future__ import annotations

import re

# Characters nobody sees, as ranges: every format character (Unicode category Cf) but the
# Arabic, Syriac and Kaithi number signs, which print a mark of their own; and the other
# default-ignorable ones (fillers that are letters, inherent vowels, free variation
# selectors, the combining grapheme joiner). A name that differs from another only by
# them looks the same: shown as escapes here, compared as nothing by
# `name_folding.INVISIBLE`, which adds the joiners and variation selectors emoji and scripts
# need. A table, not a test of `unicodedata.category` at import (a loop over Unicode
# costs each command's start): tests/unit/test_unseen.py holds it to Unicode's.
UNSEEN = (
    (0x00AD, 0x00AD),  # soft hyphen: unseen but where a line breaks
    (0x034F, 0x034F),  # combining grapheme joiner
    (0x061C, 0x061C),  # Arabic letter mark
    (0x115F, 0x1160),  # Hangul fillers: blanks that are letters
    (0x17B4, 0x17B5),  # Khmer inherent vowels, never shown
    (0x180B, 0x180F),  # Mongolian free variation selectors and vowel separator
    (0x200B, 0x200B),  # zero-width space: a name that looks like another
    (0x200E, 0x200F),  # left-to-right and right-to-left marks
    (0x202A, 0x202E),  # bidirectional embeddings and overrides
    (0x2060, 0x206F),  # word joiner, invisible operators, isolates, deprecated formats
    (0x3164, 0x3164),  # Hangul filler
    (0xFEFF, 0xFEFF),  # byte order mark / zero-width no-break space
    (0xFFA0, 0xFFA0),  # halfwidth Hangul filler
    (0xFFF9, 0xFFFB),  # interlinear annotation controls
    (0x13430, 0x1343F),  # Egyptian hieroglyph format controls
    (0x1BCA0, 0x1BCA3),  # shorthand format controls
    (0x1D173, 0x1D17A),  # musical formatting, never shown
    (0xE0000, 0xE007F),  # tags: "Tag" + U+E0069… printed as "Tag" and hid a word
)

# The characters replaced, as ranges: C0 controls, DEL and the C1 controls (0x9b is an
# 8-bit CSI), the characters nobody sees, the line and paragraph separators, and lone
# surrogates (which cannot be encoded for the terminal at all). Written out as a character
# class: searching and replacing in C costs nothing at import, where a table of every code
# point (2,048 surrogates) cost ~15 ms of each command's start.
_RANGES = (
    (0x00, 0x09),
    (0x0B, 0x1F),
    (0x7F, 0x9F),
    *UNSEEN,
    (0x2028, 0x2029),
    (0xD800, 0xDFFF),
)
_NEWLINE = "\\U0000000a"
_CLASS = "".join(f"\\U{a:08x}-\\U{b:08x}" for a, b in _RANGES)
_MULTI, _SINGLE = f"[{_CLASS}]", f"[{_CLASS}{_NEWLINE}]"
_NOT_PLAIN_ASCII = re.compile("[^\n -~]")  # a simple class: searched many times faster


def _needs(multiline: bool) -> re.Pattern[str]:
    """What `visible` replaces, as one character class: compiled on the first text that
    is not plain printable ASCII (~0.5 ms each, before every first screen when compiled
    at import), then found in `re`'s own table of compiled patterns."""
    return re.compile(_MULTI if multiline else _SINGLE)


def _stand_in(code: int) -> str:
    """The printable stand-in for one replaced character (not a newline)."""
    if code == 0x09:
        return " "  # a tab is only whitespace
    if code < 0x20:
        return chr(0x2400 + code)  # its Unicode "control picture": ESC → ␛, BEL → ␇
    if code == 0x7F:
        return "␡"
    if code <= 0x9F:
        return f"\\x{code:02x}"
    if 0xDC80 <= code < 0xDD00:
        # A lone surrogate that stands for an undecodable byte of a file name or an
        # argument (surrogateescape) is shown as that byte.
        return f"\\x{code - 0xDC00:02x}"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def _single_line(match: re.Match[str]) -> str:
    return chr(0x240A) if match.group() == "\n" else _stand_in(ord(match.group()))


def _multi_line(match: re.Match[str]) -> str:
    return _stand_in(ord(match.group()))


def visible(text: str, multiline: bool = False) -> str:
    """`text` with every control character replaced by a visible stand-in.

    Newlines become ␊ unless `multiline`. Printable text, markup-like brackets included,
    is returned unchanged.
    """
    if not _NOT_PLAIN_ASCII.search(text) and (multiline or "\n" not in text):
        return text  # printable ASCII, as most names and notes are: nothing to replace
    if multiline:
        return _needs(True).sub(_multi_line, text)
    return _needs(False).sub(_single_line, text)


def visible_escaping_backslashes(text: str) -> str:
    """`visible(text, multiline=True)` for a format that writes a backslash as `\\\\`
    (vCard, iCalendar): a stand-in's backslash is written so too. `\\u202e` as it is
    would be an escape neither format has, read back as `u202e` or refused."""
    return _needs(True).sub(_escaped_stand_in, text)


def _escaped_stand_in(match: re.Match[str]) -> str:
    return _stand_in(ord(match.group())).replace("\\", "\\\\")


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

    return json_escaped(dumps(value))


def json_escaped(text: str) -> str:
    """JSON text as json.dumps writes it, with every character `visible()` would replace
    written as its `\\uXXXX` escape: the same document (each string the same), safe to
    print. json.dumps already escapes C0 controls inside strings, and lays out with spaces
    and newlines (which stay): what is left of `visible`'s characters is inside strings,
    where an escape means the character itself."""
    # A card on a long history is megabytes of JSON, nearly all printable ASCII: looking
    # at each other character once is a third of the time of searching the text for them.
    others = "".join(set(_NOT_PLAIN_ASCII.findall(text)))
    if not others:  # printable ASCII throughout: nothing to look up, nor to compile
        return text
    needs = _needs(True)
    if not needs.search(others):
        return text
    return needs.sub(_json_escape, text)


def _json_escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    high, low = divmod(code - 0x10000, 0x400)  # JSON writes the rest as a surrogate pair
    return f"\\u{0xD800 + high:04x}\\u{0xDC00 + low:04x}"


def quoted_ref(name: str, record_id: int) -> str:
    """How a quick-log line names a contact or campaign the app holds: `"Name"`, or
    `id:N` where the name cannot be quoted whole (it holds a `"`: `"Dana "DJ" Jones"`
    named another Dana and left `DJ" Jones"` in the note) or has nothing typeable. Here,
    not with the grammar: the screens that offer a line load before it does (the
    Pipeline's first paint)."""
    typed = typeable(name)
    if '"' in typed or not typed or typed != name:
        return f"id:{record_id}"
    return f'"{typed}"'


def is_emoji(ch: str) -> bool:
    """A pictograph a joiner may fuse with the one before it (👩‍👧): the emoji
    blocks, and the older symbols drawn as emoji (❤, ☕). Here, with what text shows:
    the screens' cuts ask it on the first screen, and `listing` loads the card's
    records."""
    point = ord(ch)
    return point >= 0x1F000 or 0x2600 <= point <= 0x27BF
