"""Contacts written as vCard 3.0, the export phones and mail apps read. Apart from
`vcard.py`, which reads every version those apps write: the two share no code, and
writing is the simple half.

Every value escaped (backslash, `;`, `,`, and every line break as `\n`); vCard has no
escape for other control characters, so each becomes U+FFFD: visible, never a line break
or a terminal command in the reader's hands (see `escape`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from netrack.domain import validate
from netrack.domain.people import Contact
from netrack.domain.resolve import split_org

__all__ = ["dumps", "escape", "fold"]

# The line breaks a note's lines are split on besides CR and LF (`str.splitlines`: VT,
# FF, the file/group/record separators, NEL, U+2028, U+2029): written as `\n`, so the
# import reads back the lines netrack holds, where U+FFFD made one garbled second line.
LINE_BREAKS = re.compile("[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
# Every other control character: C0 but TAB and LF, DEL, C1.
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def escape(text: str) -> str:
    """A value as vCard 3.0 text: `\\`, `;`, `,` escaped; CRLF, a lone CR, LF and the
    other line breaks (`LINE_BREAKS`) each one `\\n`. Every other control character
    becomes U+FFFD: vCard has no escape for them, and dropping them silently would hide
    that the value held one (the import takes U+FFFD for it: `records.kept_aside`)."""
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    text = LINE_BREAKS.sub("\n", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = text.replace("\n", "\\n")
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


# Titles written before or after a name, which are neither given nor family name. Only
# those no family name is: "Mba" and "Ii" are surnames, "MD" after a comma a title.
PREFIXES = frozenset(
    {"dr", "dr.", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "prof", "prof.", "mx", "mx."}
)
SUFFIXES = frozenset({"jr", "jr.", "sr", "sr.", "iii", "phd", "ph.d.", "m.d.", "esq", "esq."})
LATE_SUFFIXES = frozenset({"ii", "iv", "md", "mba"})
# Credentials only read after a comma ("Jane Doe, RN"), spelled as written (dots aside:
# "M.B.A."): "Ma" and "Ms" may be a given name. Listed, not guessed from capitals: "Van
# Dyke, JOE", "Garcia Lopez, ANA" and "Bonham Carter, HELENA" are family names first,
# their given names in capitals, as likely as "Ray Chen, CSM".
CREDENTIALS = frozenset(
    {"RN", "PE", "JD", "MA", "MS", "BA", "BS", "MSc", "BSc", "MEng", "BEng", "CEng", "PEng"}
    | {"CPA", "CFA", "CFP", "CMA", "ACCA", "ACA", "FCA", "PMP", "CISSP", "SHRM-CP", "SHRM-SCP"}
    | {"DDS", "DMD", "DVM", "DO", "NP", "PA-C", "MPH", "MSW", "LCSW", "PharmD", "EdD", "DPhil"}
    | {"FRCS", "FRCP", "MRCP", "FACS", "LLB", "LLM", "MFA", "MSN", "BSN", "CFE", "CIA"}
    | {"CSM", "CSPO", "CISA", "CISM", "CCNA", "CCNP", "SPHR", "PHR", "CAPM", "ITIL", "MSCS"}
)


def _titles(text: str, head: str) -> bool:
    """Whether words after a comma are titles ("MD", "PhD, MBA", "the Third", "CPA"),
    not a given name; `head` is the name before the comma."""
    words = text.split()
    if words[0].casefold() == "the":
        return True
    names = head.split()
    names = names[1:] if names[0].casefold() in PREFIXES else names
    full_name = len(names) > 1 and not head.isupper()
    return all(
        word.casefold() in SUFFIXES
        or word.casefold().replace(".", "") in LATE_SUFFIXES
        or (full_name and word.replace(".", "") in CREDENTIALS)
        for word in words
    )


def structured_name(name: str) -> tuple[str, str, str, str]:
    """(family, given, prefix, suffix) of a name as N: holds them: "Dr. Agnieszka
    Kowalczyk PhD" is Kowalczyk, Agnieszka, Dr., PhD (not "PhD" its family name, which
    phone apps sort by); "De la Cruz, Maria" is De la Cruz, Maria; "Ana Smith, MD",
    "Jane Doe, CPA" and "Ed Ward, the Third" have suffixes. The family name is the last
    word left, even alone after a title ("Ms Smith"). A closing "(…)" is left out: "Ana
    López (Acme)" is how SPEC tells namesakes apart (`NAME (ORG)`), not a family name
    "(Acme)" phone apps sorted under "(" (FN keeps the whole name)."""
    told_apart = split_org(name)
    name = told_apart[0] if told_apart else name
    parts = [" ".join(part.split()) for part in name.split(",")]
    parts = [part for part in parts if part]  # stray and doubled commas say nothing
    if len(parts) > 1:
        head, after = parts[0], parts[1:]
        if _titles(after[0], head):  # "Ana Smith, MD", "Ed Ward, the Third"
            family, given, title, late = structured_name(head)
            return family, given, title, " ".join(w for w in (late, *after) if w)
        # Family name first: "Lee, Sam", "De la Cruz, Maria[, PhD]", "Dr. Lee, Sam".
        words = head.split()
        title = " ".join(words[:1]) if len(words) > 1 and words[0].casefold() in PREFIXES else ""
        family = " ".join(words[1:] if title else words)
        return family, after[0], title, " ".join(after[1:])
    name = parts[0] if parts else ""
    words = name.split()
    prefix = [w for w in words[:1] if w.casefold() in PREFIXES and len(words) > 1]
    words = words[len(prefix) :]
    suffix: list[str] = []
    while len(words) > 1 and (
        words[-1].casefold() in SUFFIXES
        # "John Smith II", "Ann Marie Smith MD": after two words or more a numeral or
        # a degree; "Léon Mba" and "Naosuke Ii" keep their surnames.
        or (len(words) >= 3 and words[-1].casefold() in LATE_SUFFIXES)
    ):
        suffix.insert(0, words.pop())
    # One word is a given name ("Madonna"), unless a title says it is the family's.
    if len(words) > 1 or (prefix and words):
        family, given = words[-1], " ".join(words[:-1])
    else:
        family, given = "", " ".join(words)
    return family, given, " ".join(prefix), " ".join(suffix)


def card_uid(contact: Contact) -> str:
    """The card's UID, from the contact's own uid: the id alone (`netrack-contact-1`) was
    every database's contact 1, and changed when `import json` moved the contact, so a
    phone or CardDAV app took one person's card for another's (RFC 2426: a UID is
    globally unique). `vcard.parse` reads it back to find the contact however renamed."""
    if contact.uid is None:  # another program's row: doctor names it
        return f"netrack-contact-{contact.id}"
    return f"contact-{contact.uid}@netrack"


def _card_lines(contact: Contact) -> Iterable[str]:
    family, given, prefix, suffix = structured_name(contact.name)
    yield "BEGIN:VCARD"
    yield "VERSION:3.0"
    yield f"UID:{card_uid(contact)}"
    yield f"FN:{escape(contact.name)}"
    yield f"N:{escape(family)};{escape(given)};;{escape(prefix)};{escape(suffix)}"
    if contact.organization:
        unit = f";{escape(contact.function)}" if contact.function else ""
        yield f"ORG:{escape(contact.organization)}{unit}"
    elif contact.function:  # ORG's unit needs an organization: the function as ROLE
        yield f"ROLE:{escape(contact.function)}"
    for key, value in (("TITLE", contact.title), ("NOTE", contact.notes)):
        if value:
            yield f"{key}:{escape(value)}"
    if contact.email:
        yield f"EMAIL;TYPE=INTERNET:{escape(contact.email)}"
    if contact.phone:
        yield f"TEL;TYPE=VOICE:{escape(contact.phone)}"
    if contact.url:  # a URI: percent-encoded controls; its commas escaped, as Apple writes
        # them, or readers (vobject) end the address at the first one; its backslashes
        # too, or netrack's reader takes `\c` for an escaped `c` (vobject reads `\\` as `\`)
        url = validate.url_as_exported(contact.url)
        yield "URL:" + url.replace("\\", "\\\\").replace(",", "\\,")
    if contact.location:  # the contact's own; an organization's stays with it
        yield f"ADR;TYPE=WORK:;;;{escape(contact.location)};;;"
    if contact.tags:
        yield "CATEGORIES:" + ",".join(escape(tag) for tag in contact.tags)
    yield "END:VCARD"


def dumps(contacts: Iterable[Contact]) -> str:
    """Contacts as vCard 3.0: CRLF line ends, folded, escaped."""
    lines = [fold(line) for contact in contacts for line in _card_lines(contact)]
    return "".join(f"{line}\r\n" for line in lines)
