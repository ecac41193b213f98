"""vCard 2.1 / 3.0 / 4.0 in (as phones and mail apps write them), vCard 3.0 out.

Hand-written rather than `vobject`: vobject 0.9.9 rejects the quoted-printable soft line
breaks that Android's 2.1 exports are full of, and its line numbers do not match the file;
an import error here must name the real line.

Reading: unfold (CRLF + space/tab, and `=` soft breaks inside QUOTED-PRINTABLE values),
split `group.NAME;params:value`, decode QUOTED-PRINTABLE with its CHARSET, unescape.
A `KIND:org` card (or Apple's `X-ABShowAs:COMPANY`) is an organization, a `KIND:group`
card is skipped with its reason; every other card is a person.
"""

from __future__ import annotations

import quopri
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from netrack.domain.models import Contact
from netrack.interop.files import read_text
from netrack.interop.records import OrgRecord, Person, located

VERSIONS = ("2.1", "3.0", "4.0")
NAME = re.compile(r"^[A-Za-z0-9-]+$")
ENCODINGS = {"QUOTED-PRINTABLE", "BASE64", "B", "8BIT", "7BIT"}
UNESCAPE = re.compile(r"\\(.)")


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


def _is_qp(line: str) -> bool:
    head = line.split(":", 1)[0].upper()
    return "QUOTED-PRINTABLE" in head


def logical_lines(text: str) -> list[tuple[int, str]]:
    """(first physical line number, unfolded line) for every non-blank line."""
    out: list[tuple[int, str]] = []
    for number, raw in enumerate(re.split(r"\r\n|\r|\n", text), 1):
        if out and raw[:1] in (" ", "\t"):
            start, previous = out[-1]
            if _is_qp(previous) and previous.endswith("="):
                previous = previous[:-1]
            out[-1] = (start, previous + raw[1:])
        elif out and _is_qp(out[-1][1]) and out[-1][1].endswith("=") and ":" in out[-1][1]:
            start, previous = out[-1]
            out[-1] = (start, previous[:-1] + raw)
        elif raw.strip():
            out.append((number, raw))
    return out


def _split_outside_quotes(text: str, separator: str, limit: int = -1) -> list[str]:
    parts: list[str] = []
    current: list[str] = []
    quoted = False
    for char in text:
        if char == '"':
            quoted = not quoted
        if char == separator and not quoted and limit != 0:
            parts.append("".join(current))
            current = []
            limit -= 1
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


def parse_line(path: Path, number: int, line: str) -> Prop:
    pieces = _split_outside_quotes(line, ":", 1)
    if len(pieces) != 2:
        raise located(path, number, "not a vCard property (no ':')")
    head, value = pieces
    name_part, *param_parts = _split_outside_quotes(head, ";")
    name = name_part.rpartition(".")[2].strip().upper()
    if not NAME.match(name):
        raise located(path, number, f"not a vCard property name: {name_part!r}")
    params: dict[str, list[str]] = {}
    for part in param_parts:
        key, has_value, raw = part.partition("=")
        if not has_value:  # vCard 2.1: bare TYPE values and encodings
            key, raw = ("ENCODING" if key.upper() in ENCODINGS else "TYPE"), key
        values = [v.strip().strip('"') for v in _split_outside_quotes(raw, ",")]
        params.setdefault(key.strip().upper(), []).extend(v for v in values if v)
    encoding = params.get("ENCODING", [""])[0].upper()
    if encoding == "QUOTED-PRINTABLE":
        charset = params.get("CHARSET", ["utf-8"])[0]
        data = quopri.decodestring(value.encode("utf-8"))
        try:
            value = data.decode(charset, errors="replace")
        except LookupError:
            value = data.decode("utf-8", errors="replace")
    return Prop(name, params, value, number)


def unescape(text: str) -> str:
    return UNESCAPE.sub(lambda m: "\n" if m.group(1) in "nN" else m.group(1), text).strip()


def components(text: str, separator: str = ";") -> list[str]:
    """Split a structured value on unescaped separators, then unescape each part."""
    parts = re.split(r"(?<!\\)" + re.escape(separator), text)
    return [unescape(part) for part in parts]


def parse(path: Path) -> Parsed:
    """Every card of the file. InputError (file:line) for a broken file; nothing is
    returned half-read."""
    result = Parsed()
    card: list[Prop] | None = None
    start = 0
    for number, line in logical_lines(read_text(path, fallback="cp1252")):
        prop = parse_line(path, number, line)
        value = prop.value.strip().upper()
        if prop.name == "BEGIN" and value == "VCARD":
            if card is not None:
                raise located(path, start, "this card has no END:VCARD before the next BEGIN")
            card, start = [], number
        elif prop.name == "END" and value == "VCARD":
            if card is None:
                raise located(path, number, "END:VCARD without BEGIN:VCARD")
            _card(path, start, card, result)
            card = None
        elif card is None:
            raise located(path, number, f"expected BEGIN:VCARD, found {prop.name}")
        else:
            card.append(prop)
    if card is not None:
        raise located(path, start, "this card has no END:VCARD")
    if not (result.people or result.organizations or result.skipped):
        raise located(path, 1, "no vCards in this file (expected BEGIN:VCARD)")
    return result


def _ordered(props: list[Prop], name: str) -> list[str]:
    """Values of one property, preferred first, `tel:` / `mailto:` URIs unwrapped."""
    chosen = [p for p in props if p.name == name]
    chosen.sort(key=lambda p: not p.preferred())
    values = [unescape(p.value) for p in chosen]
    values = [v.removeprefix("tel:").removeprefix("mailto:") for v in values]
    return list(dict.fromkeys(v for v in values if v))


def _card(path: Path, start: int, props: list[Prop], result: Parsed) -> None:
    first = {p.name: p for p in reversed(props)}
    version = first["VERSION"].value.strip() if "VERSION" in first else "3.0"
    if version not in VERSIONS:
        raise located(path, first["VERSION"].line, f"unsupported vCard version {version!r}")
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
        if not name:
            result.skipped["without a name"] += 1
            return
        result.organizations.append(OrgRecord(name=name, line=start, notes=notes))
        return
    name = text["FN"]
    if not name and "N" in first:
        family, given, additional, *_ = [*components(first["N"].value), "", "", ""]
        name = " ".join(f"{given} {additional} {family}".split())
    emails, phones = _ordered(props, "EMAIL"), _ordered(props, "TEL")
    extra = [f"Other email: {e}" for e in emails[1:]] + [f"Other phone: {p}" for p in phones[1:]]
    tags = [tag for p in props if p.name == "CATEGORIES" for tag in components(p.value, ",")]
    result.people.append(
        Person(
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
    )


# --- writing ---------------------------------------------------------------------------


def escape(text: str) -> str:
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\n")
        .replace("\n", "\\n")
    )


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
