"""vCard 2.1 / 3.0 / 4.0 in (as phones and mail apps write them), vCard 3.0 out.

Hand-written rather than `vobject`: vobject 0.9.9 rejects the quoted-printable soft line
breaks that Android's 2.1 exports are full of, and its line numbers do not match the file;
an import error here must name the real line.

Reading works on bytes until each line is whole: unfold (CRLF + space/tab, and `=` soft
breaks inside QUOTED-PRINTABLE values) first, so a fold in the middle of a UTF-8 character
cannot garble it; then decode each logical line on its own: its `CHARSET=` if it names
one netrack can decode, else UTF-8, else Windows-1252 (Outlook's) for that line only.
Then split `group.NAME;params:value`, decode QUOTED-PRINTABLE, unescape.
A `KIND:org` card (or Apple's `X-ABShowAs:COMPANY`) is an organization, a `KIND:group`
card is skipped with its reason; every other card is a person.

A card that cannot be read (a line that is not a property, no END:VCARD, an unknown
version, a value netrack refuses) is skipped and reported with its line; a file with no
BEGIN:VCARD, or with no card that could be read, is refused.

Writing: every value escaped (backslash, `;`, `,`, and CR / LF / CRLF as `\n`); vCard has
no escape for other control characters, so each becomes U+FFFD: visible, never a line
break or a terminal command in the reader's hands (see `escape`).
"""

from __future__ import annotations

import quopri
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from netrack.domain import validate
from netrack.domain.errors import InputError
from netrack.domain.models import Contact
from netrack.domain.records import (
    LINE_REASON,
    OrgRecord,
    Person,
    clean,
    has_name,
    line_reason,
    located,
)
from netrack.interop.files import read_bytes

VERSIONS = ("2.1", "3.0", "4.0")
NAME = re.compile(r"^[A-Za-z0-9-]+$")
ENCODINGS = {"QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT"}
UNESCAPE = re.compile(r"\\(.)")
LINE_BREAK = re.compile(rb"\r\n|\r|\n")
# Up to the first ':' outside double quotes: the property's name and parameters.
HEAD = re.compile(rb'(?:[^":]|"[^"]*")*')
MAX_HEAD = 4096  # real names and parameters are tens of bytes


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

    def types(self) -> set[str]:
        return {v.casefold() for v in self.params.get("TYPE", [])}

    def preferred(self) -> bool:
        return "pref" in self.types() or self.params.get("PREF", ["100"])[0] == "1"


@dataclass(slots=True)
class Parsed:
    people: list[Person] = field(default_factory=list)
    organizations: list[OrgRecord] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)


# --- reading ---------------------------------------------------------------------------


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
        if out and raw[:1] in (b" ", b"\t"):
            add(raw[1:])
        elif out and quoted[-1] and out[-1][1][-1].endswith(b"="):
            add(raw)
        elif raw.strip():
            out.append((number, [raw]))
            quoted.append(_is_qp(raw) if b":" in raw else None)
    return [(number, b"".join(pieces)) for number, pieces in out]


def decode(data: bytes, charset: str = "") -> str:
    """Bytes as text: in `charset` if given and decodable, else UTF-8, else Windows-1252.
    Never raises: a charset Python does not know (LookupError) or cannot apply
    (UnicodeError, e.g. `idna`) is passed over."""
    for encoding in (charset, "utf-8", "cp1252"):
        if encoding:
            try:
                return data.decode(encoding)
            except (LookupError, UnicodeError, ValueError):
                continue
    return data.decode("cp1252", errors="replace")


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


def parse_line(number: int, line: bytes) -> Prop:
    """One logical line as a property; Unreadable if it is not one."""
    match = HEAD.match(line, 0, MAX_HEAD + 1)
    end = match.end() if match else 0
    if end > MAX_HEAD:
        raise Unreadable(number, "not a vCard property (name and parameters too long)")
    if line[end : end + 1] != b":":
        raise Unreadable(number, "not a vCard property (no ':')")
    name_part, *param_parts = _split_outside_quotes(decode(line[:end]), ";")
    name = name_part.rpartition(".")[2].strip().upper()
    if not NAME.match(name):
        raise Unreadable(number, f"not a vCard property name: {name_part[:40]!r}")
    params: dict[str, list[str]] = {}
    for part in param_parts:
        key, has_value, raw = part.partition("=")
        if not has_value:  # vCard 2.1: bare TYPE values and encodings
            key, raw = ("ENCODING" if key.upper() in ENCODINGS else "TYPE"), key
        values = [v.strip().strip('"') for v in _split_outside_quotes(raw, ",")]
        params.setdefault(key.strip().upper(), []).extend(v for v in values if v)
    value = line[end + 1 :]
    if params.get("ENCODING", [""])[0].upper() == "QUOTED-PRINTABLE":
        value = quopri.decodestring(value)
    return Prop(name, params, decode(value, params.get("CHARSET", [""])[0]), number)


def unescape(text: str) -> str:
    return UNESCAPE.sub(lambda m: "\n" if m.group(1) in "nN" else m.group(1), text).strip()


def components(text: str, separator: str = ";") -> list[str]:
    """Split a structured value on unescaped separators, then unescape each part."""
    parts = re.split(r"(?<!\\)" + re.escape(separator), text)
    return [unescape(part) for part in parts]


def _without_bom(data: bytes) -> bytes:
    """UTF-8 bytes without a byte order mark (Outlook may write UTF-16 with one)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace").encode("utf-8")
    return data.removeprefix(b"\xef\xbb\xbf")


def parse(path: Path) -> Parsed:
    """Every readable card of the file; unreadable ones are counted in `skipped` with
    their line. InputError (file:line) for a file with no vCard, or none readable."""
    result = Parsed()
    card: list[Prop] | None = None
    problem: Unreadable | None
    first: InputError | None
    start, problem, first = 0, None, None
    seen = False

    def skip(line: int, reason: str) -> None:
        nonlocal first
        result.skipped[line_reason(line, reason)] += 1
        first = first or located(path, line, reason)

    for number, raw in logical_lines(_without_bom(read_bytes(path))):
        try:
            prop = parse_line(number, raw)
        except Unreadable as error:
            if card is None:
                skip(error.line, error.reason)
            else:
                problem = problem or error  # the card's first bad line names it
            continue
        value = prop.value.strip().upper()
        if prop.name == "BEGIN" and value == "VCARD":
            if card is not None:
                skip(start, "this card has no END:VCARD before the next BEGIN")
            card, start, problem, seen = [], number, None, True
        elif prop.name == "END" and value == "VCARD":
            if card is None:
                skip(number, "END:VCARD without BEGIN:VCARD")
            elif problem is not None:
                skip(problem.line, problem.reason)
            else:
                try:
                    _card(start, card, result)
                except Unreadable as error:
                    skip(error.line, error.reason)
            card = None
        elif card is None:
            skip(number, f"expected BEGIN:VCARD, found {prop.name}")
        else:
            card.append(prop)
    if card is not None:
        skip(start, "this card has no END:VCARD")
    if not seen:
        raise located(path, 1, "no vCards in this file (expected BEGIN:VCARD)")
    readable = any(not LINE_REASON.match(why) for why in result.skipped)
    if first is not None and not (result.people or result.organizations or readable):
        raise first  # not one card could be read: say why the first could not
    return result


def _ordered(props: list[Prop], name: str) -> list[str]:
    """Values of one property, preferred first, `tel:` / `mailto:` URIs unwrapped."""
    chosen = [p for p in props if p.name == name]
    chosen.sort(key=lambda p: not p.preferred())
    values = [unescape(p.value) for p in chosen]
    values = [v.removeprefix("tel:").removeprefix("mailto:") for v in values]
    return list(dict.fromkeys(v for v in values if v))


def _card(start: int, props: list[Prop], result: Parsed) -> None:
    """Add the card's person or organization to `result`, or count why it is skipped;
    Unreadable for a card netrack cannot take (an unknown version, a value the CLI
    would refuse)."""
    first = {p.name: p for p in reversed(props)}
    version = first["VERSION"].value.strip() if "VERSION" in first else "3.0"
    if version not in VERSIONS:
        raise Unreadable(first["VERSION"].line, f"unsupported vCard version {version[:20]!r}")
    kind = unescape(first["KIND"].value).casefold() if "KIND" in first else ""
    if "X-ABSHOWAS" in first and first["X-ABSHOWAS"].value.strip().upper() == "COMPANY":
        kind = "org"
    text = {key: unescape(first[key].value) if key in first else "" for key in ("FN", "TITLE")}
    org = components(first["ORG"].value) if "ORG" in first else [""]
    notes = unescape(first["NOTE"].value) if "NOTE" in first else ""
    if kind == "group":
        result.skipped["group cards (KIND:group)"] += 1
        return
    if kind == "org":
        name = org[0] or text["FN"]
        if not has_name(name):
            result.skipped["without a name"] += 1
            return
        try:
            validate.name(name, "organization name")
            validate.text(notes, "notes")
        except InputError as error:
            raise Unreadable(start, str(error)) from None
        result.organizations.append(OrgRecord(name=name, line=start, notes=notes))
        return
    name = text["FN"]
    if not name and "N" in first:
        family, given, additional, *_ = [*components(first["N"].value), "", "", ""]
        name = " ".join(f"{given} {additional} {family}".split())
    emails, phones = _ordered(props, "EMAIL"), _ordered(props, "TEL")
    extra = [f"Other email: {e}" for e in emails[1:]] + [f"Other phone: {p}" for p in phones[1:]]
    tags = [tag for p in props if p.name == "CATEGORIES" for tag in components(p.value, ",")]
    person = Person(
        name=name,
        line=start,
        organization=org[0],
        function=next((unit for unit in org[1:] if unit), ""),
        title=text["TITLE"],
        emails=emails,
        phones=phones,
        urls=_ordered(props, "URL"),
        notes="\n".join(part for part in (notes, *extra) if part),
        tags=[tag for tag in tags if tag],
    )
    if not has_name(person.name):
        result.skipped["without a name"] += 1
        return
    try:
        clean(person)  # what the store will check: refused here, the card is skipped
    except InputError as error:
        raise Unreadable(start, str(error)) from None
    result.people.append(person)


# --- writing ---------------------------------------------------------------------------


# C0 controls but TAB (CR and LF are line breaks, handled first), DEL, C1 controls, and
# the Unicode line and paragraph separators some readers split lines on.
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def escape(text: str) -> str:
    """A value as vCard 3.0 text: `\\`, `;`, `,` escaped; CRLF, a lone CR and LF each one
    `\\n`. Every other control character becomes U+FFFD: vCard has no escape for them,
    and dropping them silently would hide that the value held one."""
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")
    return UNSAFE.sub("\ufffd", text)


def fold(line: str) -> str:
    """RFC 6350 folding: at most 75 octets a line, never inside a UTF-8 character."""
    out, current, size = [], "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > 75:
            out.append(current)
            current, size = " ", 1
        current += char
        size += width
    out.append(current)
    return "\r\n".join(out)


def _card_lines(contact: Contact) -> Iterable[str]:
    words = contact.name.split()
    family, given = (words[-1], " ".join(words[:-1])) if len(words) > 1 else ("", contact.name)
    yield "BEGIN:VCARD"
    yield "VERSION:3.0"
    yield f"UID:netrack-contact-{contact.id}"
    yield f"FN:{escape(contact.name)}"
    yield f"N:{escape(family)};{escape(given)};;;"
    if contact.organization:
        unit = f";{escape(contact.function)}" if contact.function else ""
        yield f"ORG:{escape(contact.organization)}{unit}"
    for key, value in (("TITLE", contact.title), ("NOTE", contact.notes)):
        if value:
            yield f"{key}:{escape(value)}"
    if contact.email:
        yield f"EMAIL;TYPE=INTERNET:{escape(contact.email)}"
    if contact.phone:
        yield f"TEL;TYPE=VOICE:{escape(contact.phone)}"
    if contact.url:
        yield f"URL:{escape(contact.url)}"
    if contact.tags:
        yield "CATEGORIES:" + ",".join(escape(tag) for tag in contact.tags)
    yield "END:VCARD"


def dumps(contacts: Iterable[Contact]) -> str:
    """Contacts as vCard 3.0: CRLF line ends, folded, escaped."""
    lines = [fold(line) for contact in contacts for line in _card_lines(contact)]
    return "".join(f"{line}\r\n" for line in lines)
