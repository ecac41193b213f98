"""vCard text as phones and mail apps write it, down to properties: unfolding, comments,
continuations, charsets, quoted-printable, escapes. `vcard` builds cards from these.

Reading works on bytes until each line is whole: unfold (CRLF + space/tab, `=` soft
breaks inside QUOTED-PRINTABLE values, a 2.1 writer's trailing backslash) first, so a
fold in the middle of a UTF-8 character cannot garble it; then decode each logical line
on its own: its `CHARSET=` if it names one netrack can decode (read as the superset
phones mean: SHIFT_JIS as Windows-31J), else UTF-8 (with U+FFFD for a stray byte in a
line of UTF-8 characters, the line noted), else Windows-1252 (Outlook's) for that line
only; in a file where a line is Windows-1252 beyond doubt (`is_windows_1252`), every
line that is not UTF-8 is. Then split `group.NAME;params:value`, decode QUOTED-PRINTABLE, unescape.
"""

from __future__ import annotations

import quopri
import re
from dataclasses import dataclass

from netrack.interop.reading import Reading, line_text, utf16_text

NAME = re.compile(r"^[A-Za-z0-9-]+$")
ENCODINGS = {"QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT"}
UNESCAPE = re.compile(r"\\(.)")
LINE_BREAK = re.compile(rb"\r\n|\r|\n")
# Up to the first ':' outside double quotes: the property's name and parameters.
HEAD = re.compile(rb'(?:[^":]|"[^"]*")*')
MAX_HEAD = 4096  # real names and parameters are tens of bytes
PROPERTY_START = re.compile(rb"^(?:[A-Za-z0-9-]+\.)?[A-Za-z0-9-]+[;:]")
# What a CHARSET label means in practice: phones label Windows code pages with the ISO
# name (Android's SHIFT_JIS cards hold Windows-31J characters such as ①).
SUPERSETS = {
    "shift_jis": "cp932",
    "shift-jis": "cp932",
    "sjis": "cp932",
    "x-sjis": "cp932",
    "windows-31j": "cp932",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "euc-kr": "cp949",
    "iso-8859-1": "cp1252",
}


class Unreadable(Exception):
    """A card netrack cannot read: the line and the reason, for the import summary."""

    def __init__(self, line: int, reason: str) -> None:
        super().__init__(reason)
        self.line = line
        self.reason = reason


@dataclass(slots=True)
class Prop:
    name: str
    params: dict[str, list[str]]
    value: str
    line: int
    reading: Reading = Reading.AS_WRITTEN  # a guess or U+FFFD in its name or value: said

    def types(self) -> set[str]:
        return {v.casefold() for v in self.params.get("TYPE", [])}

    def preferred(self) -> bool:
        return "pref" in self.types() or self.params.get("PREF", ["100"])[0] == "1"


def _is_qp(line: bytes) -> bool:
    return b"QUOTED-PRINTABLE" in line.split(b":", 1)[0].upper()


def logical_lines(data: bytes) -> list[tuple[int, bytes]]:
    """(first physical line number, unfolded line) for every non-blank line, as bytes.

    Pieces are joined once per line (a file of a million continuation lines stays
    linear); whether a line is QUOTED-PRINTABLE is known once its ':' has been seen."""
    out: list[tuple[int, list[bytes]]] = []
    quoted: list[bool | None] = []  # per line: QUOTED-PRINTABLE? (None: no ':' yet)

    def add(piece: bytes) -> None:
        pieces = out[-1][1]
        if quoted[-1] and pieces[-1].endswith(b"="):
            pieces[-1] = pieces[-1][:-1]  # a soft break: the value goes on
        pieces.append(piece)
        if quoted[-1] is None and b":" in piece:
            quoted[-1] = _is_qp(b"".join(pieces))

    for number, raw in enumerate(LINE_BREAK.split(data), 1):
        # A soft break first: the line after it is the value's, taken literally (RFC
        # 2045), so its leading space is a space of the text, not a fold's.
        if out and quoted[-1] and out[-1][1][-1].endswith(b"=") and not _CARD_EDGE.match(raw):
            add(raw)  # a soft break's next line; never the card's END (nor a BEGIN)
        elif out and raw[:1] in (b" ", b"\t"):
            add(raw[1:])
        elif out and _continues(out[-1][1][-1], raw):
            out[-1][1].append(b"n" + raw)  # `\` + line break: `\n`, a line break in the value
        elif raw.lstrip().startswith(b"#"):
            continue  # a comment some exporters write between (or inside) cards
        elif raw.strip():
            # Files joined end to end: each may begin with its own byte order mark.
            raw = raw.removeprefix(b"\xef\xbb\xbf")
            out.append((number, [raw]))
            quoted.append(_is_qp(raw) if b":" in raw else None)
    return [(number, b"".join(pieces)) for number, pieces in out]


# A value's last soft break ("…break=") swallowed the END:VCARD after it, and the card.
_CARD_EDGE = re.compile(rb"(?i)^(?:END|BEGIN):VCARD\s*$")


def _continues(previous: bytes, raw: bytes) -> bool:
    """A vCard 2.1 writer's backslash continuation: the line before ends in an unescaped
    backslash and this one is not a property of its own (so a value ending in a
    backslash, such as a Windows path, before the next property stays whole)."""
    if not previous.endswith(b"\\") or not raw.strip():
        return False
    trailing = len(previous) - len(previous.rstrip(b"\\"))
    return trailing % 2 == 1 and not PROPERTY_START.match(raw)


def decoded(data: bytes, charset: str = "", windows_1252: bool = False) -> tuple[str, Reading]:
    """Bytes as text: in `charset` if given and decodable, else as `line_text` reads a
    line of a file that `windows_1252` or not (UTF-8, UTF-8 with stray bytes,
    Windows-1252); and how they were read.
    Never raises: a charset Python does not know (LookupError) or cannot apply
    (UnicodeError, e.g. `idna`) is passed over."""
    encoding = SUPERSETS.get(charset.strip().casefold(), charset)
    if encoding:
        try:
            return data.decode(encoding), Reading.AS_WRITTEN
        except (LookupError, UnicodeError, ValueError):
            pass
    return line_text(data, windows_1252)


def text_bytes(line: bytes) -> bytes:
    """A logical line's bytes as its text is read: a QUOTED-PRINTABLE value decoded
    (Outlook writes a Windows-1252 "é" as =E9), what `is_windows_1252` looks at."""
    if not _is_qp(line):
        return line
    head, colon, value = line.partition(b":")
    return head + colon + quopri.decodestring(value)


def _split_outside_quotes(text: str, separator: str) -> list[str]:
    if '"' not in text:  # nearly always: no loop in Python
        return text.split(separator)
    parts: list[str] = []
    current: list[str] = []
    quoted = False
    for char in text:
        if char == '"':
            quoted = not quoted
        if char == separator and not quoted:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


def parse_line(number: int, line: bytes, windows_1252: bool = False) -> Prop:
    """One logical line, of a file that `windows_1252` or not, as a property;
    Unreadable if it is not one."""
    match = HEAD.match(line, 0, MAX_HEAD + 1)
    end = match.end() if match else 0
    if end > MAX_HEAD:
        raise Unreadable(number, "not a vCard property (name and parameters too long)")
    if line[end : end + 1] != b":":
        raise Unreadable(number, "not a vCard property (no ':')")
    head, head_reading = decoded(line[:end], windows_1252=windows_1252)
    name_part, *param_parts = _split_outside_quotes(head, ";")
    name = name_part.rpartition(".")[2].strip().upper()
    if not NAME.match(name):
        raise Unreadable(number, f"not a vCard property name: {name_part[:40]!r}")
    params: dict[str, list[str]] = {}
    for part in param_parts:
        key, has_value, raw = part.partition("=")
        if not has_value:  # vCard 2.1: bare TYPE values and encodings
            key, raw = ("ENCODING" if key.upper() in ENCODINGS else "TYPE"), key
        values = [v for v in (v.strip().strip('"') for v in _split_outside_quotes(raw, ",")) if v]
        if values:  # `CHARSET=` says nothing: kept, it was a list with no first value
            params.setdefault(key.strip().upper(), []).extend(values)
    value = line[end + 1 :]
    if params.get("ENCODING", [""])[0].upper() == "QUOTED-PRINTABLE":
        # A 2.1 writer encodes a line break as =0D=0A: stored as every other path
        # stores one, "\n" (a stray CR shows as ␍ in every list).
        value = quopri.decodestring(value).replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    text, reading = decoded(value, params.get("CHARSET", [""])[0], windows_1252)
    if reading is Reading.AS_WRITTEN:
        reading = head_reading
    return Prop(name, params, text, number, reading)


def unescape(text: str) -> str:
    return UNESCAPE.sub(lambda m: "\n" if m.group(1) in "nN" else m.group(1), text).strip()


def components(text: str, separator: str = ";") -> list[str]:
    """Split a structured value on unescaped separators, then unescape each part. A
    separator after an escaped backslash (`Acme\\\\;sales`) separates: only an odd run
    of backslashes escapes it."""
    parts: list[str] = []
    for piece in text.split(separator):
        if parts and _escapes_next(parts[-1]):
            parts[-1] += separator + piece
        else:
            parts.append(piece)
    return [unescape(part) for part in parts]


def _escapes_next(text: str) -> bool:
    return (len(text) - len(text.rstrip("\\"))) % 2 == 1


def without_bom(data: bytes) -> tuple[bytes, tuple[tuple[int, Reading], ...]]:
    """UTF-8 bytes without a byte order mark (Outlook may write UTF-16 with one), and
    the lines of UTF-16 where U+FFFD stands for what could not be read (`utf16_text`)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        read = utf16_text(data)
        return read.text.encode("utf-8"), read.damaged
    return data.removeprefix(b"\xef\xbb\xbf"), ()
