"""vCard 2.1 / 3.0 / 4.0 in, as phones and mail apps write them (vCard 3.0 out is
`vcard_write`'s).

Hand-written rather than `vobject`: vobject 0.9.9 rejects the quoted-printable soft line
breaks that Android's 2.1 exports are full of, and its line numbers do not match the file;
an import error here must name the real line.

Lines, charsets and escapes are `vcard_lines`' work; here they become cards.
A `KIND:org` card (or Apple's `X-ABShowAs:COMPANY`) is an organization, a `KIND:group`
card (Apple's `X-ADDRESSBOOKSERVER-KIND:group`) is skipped with its reason; every other
card is a person.

An AGENT's embedded card (`AGENT:` then BEGIN:VCARD … END:VCARD, or `AGENT:BEGIN:VCARD`
and its lines) is skipped whole, inside the outer card. LinkedIn profiles in `X-SOCIALPROFILE` (URL, `x-apple:` user, or `x-user=`) kept after
the card's URLs, so the contact matches its LinkedIn connection.

A person's location, and a `KIND:org` card's, is the city of the card's first ADR (else
its region, else its country); a person's goes out as ADR's city: the part netrack keeps.

A card with no FN or N is named the way phone and mail apps list it: by its NICKNAME,
else its ORG. A card with nothing but an email or a phone is skipped ("without a name"):
it is almost always an address a mail app collected on its own, and a contact named
"ana.lopez" or "+34 600…" would be noise in a networking list; the summary counts them.

`parse` also takes a folder: every *.vcf in it, sorted by name, each skipped card
reported as "name.vcf:line".

A line of UTF-8 with a stray byte in it is read as UTF-8, the byte as U+FFFD, and its
place kept for the summary to warn of (`Parsed.damaged`), as is a line of a UTF-8 file
read as Windows-1252 (a guess) or one holding a byte Windows-1252 leaves undefined; in
a file that shows it is Windows-1252 (`reading.is_windows_1252`), such a line is
Windows-1252 too.

A card that cannot be read (a line that is not a property, no END:VCARD before the next
BEGIN, an unknown version, a value netrack refuses) is skipped and reported with its
line; a file with no BEGIN:VCARD, with no card that could be read, or that ends inside a
card (cut short) is refused (in a folder: that file is skipped, named).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from netrack.data.keys import profile_of, url_key
from netrack.domain import validate
from netrack.domain.errors import InputError
from netrack.domain.records import (
    LINE_REASON,
    OrgRecord,
    Person,
    clean,
    has_name,
    line_reason,
    located,
)
from netrack.domain.visible import visible
from netrack.interop.file_guards import database_file
from netrack.interop.reading import (
    MAX_IMPORT_BYTES,
    Reading,
    damage_at,
    is_windows_1252,
    read_bytes,
)
from netrack.interop.vcard_lines import (
    Prop,
    Unreadable,
    components,
    logical_lines,
    parse_line,
    text_bytes,
    unescape,
    without_bom,
)

__all__ = ["Parsed", "logical_lines", "parse"]

VERSIONS = ("2.1", "3.0", "4.0")


@dataclass(slots=True)
class Parsed:
    people: list[Person] = field(default_factory=list)
    organizations: list[OrgRecord] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)  # person cards, and the rest
    # KIND:org cards skipped: counted under organizations, as those added are
    skipped_organizations: Counter[str] = field(default_factory=Counter)
    # "name.vcf:4: not valid UTF-8; …": lines not read as written (`ImportSummary`)
    damaged: list[str] = field(default_factory=list)


def parse(path: Path, db_path: Path | None = None) -> Parsed:
    """Every readable card of the file, or of every `*.vcf` file in the folder (sorted by
    name); unreadable ones are counted in `skipped` with their line ("line 12: …", or in
    a folder "name.vcf:12: …"). InputError (file:line) for a file with no vCard, or none
    readable; for a folder with no .vcf file, or not one readable card in any. A file of
    the folder that is the database at `db_path` or one of its files is skipped unopened
    (`check_import_source` says why: the file itself is checked before this)."""
    path = Path(path)
    if not path.is_dir():
        parsed, unreadable = _parse_file(path, read_bytes(path), line_reason)
        if unreadable is not None:
            raise unreadable
        return parsed
    files = sorted(p for p in path.iterdir() if p.suffix.casefold() == ".vcf" and p.is_file())
    result = Parsed()
    for file in list(files):
        found = database_file(file, db_path) if db_path is not None else None
        if found is not None:
            files.remove(file)
            result.skipped[f"{visible(file.name)}: is {found}; not opened"] += 1
    if not files:
        raise InputError(f"{path}: {next(iter(result.skipped), 'no .vcf files in this folder')}")
    if sum(p.stat().st_size for p in files) > MAX_IMPORT_BYTES:
        limit = MAX_IMPORT_BYTES // (1024 * 1024)
        raise InputError(
            f"{path}: its .vcf files hold more than {limit} MiB; netrack imports up to {limit} MiB"
        )
    first: InputError | None = None
    for file in files:
        # A file's name in a reason is one line (a newline in it is shown as ␊), as the
        # summary lists reasons a line each.
        def where(line: int, reason: str, name: str = visible(file.name)) -> str:
            return f"{name}:{line}: {reason}"

        try:
            parsed, unreadable = _parse_file(file, read_bytes(file), where)
        except CutShort as cut:  # all or nothing: each of its cards skipped, said once
            parsed, unreadable = Parsed(), cut  # the error, if no file has a card to read
            cards = "its card" if cut.cards == 1 else f"any of its {cut.cards} cards"
            reason = f"the file ends inside a card: not {cards} imported"
            parsed.skipped[where(cut.line, reason)] += cut.cards
        except InputError as error:  # one file with no card in it: skipped, named
            parsed, unreadable = Parsed(), error
            parsed.skipped[f"{visible(file.name)}: {_without_path(str(error), file)}"] += 1
        first = first or unreadable
        result.people += parsed.people
        result.organizations += parsed.organizations
        result.skipped.update(parsed.skipped)
        result.skipped_organizations.update(parsed.skipped_organizations)
        result.damaged += parsed.damaged
    if first is not None and not (result.people or result.organizations):
        raise first
    return result


class CutShort(InputError):
    """Input that ends inside a card: cut short (a download, a pipe, a copy that
    stopped), so none of it is imported."""

    def __init__(self, path: Path, line: int, cards: int) -> None:
        cut = "this card has no END:VCARD: the file ends inside it"
        super().__init__(str(located(path, line, cut)))
        self.line, self.cards = line, cards


def _without_path(message: str, file: Path) -> str:
    return message.removeprefix(f"{file}:").lstrip("0123456789").removeprefix(":").strip()


def _parse_file(
    path: Path, data: bytes, where: Callable[[int, str], str]
) -> tuple[Parsed, InputError | None]:
    """The cards of one file's bytes (`where` words a skipped card's location), and,
    when not one card could be read, why the first could not. InputError for a file
    with no BEGIN:VCARD."""
    result = Parsed()
    card: list[Prop] | None = None
    problem: Unreadable | None
    first: InputError | None
    start, problem, first = 0, None, None
    seen = False
    agent = 0  # depth inside an AGENT's embedded card, whose lines are not the outer card's

    def skip(line: int, reason: str, counted: Counter[str] = result.skipped) -> None:
        nonlocal first
        counted[where(line, reason)] += 1
        first = first or located(path, line, reason)

    utf8, unreadable_utf16 = without_bom(data)
    damaged = list(unreadable_utf16)
    lines = logical_lines(utf8)
    windows_1252 = is_windows_1252(text_bytes(line) for _, line in lines)
    for number, raw in lines:
        try:
            prop = parse_line(number, raw, windows_1252)
            if prop.reading is not Reading.AS_WRITTEN:
                damaged.append((number, prop.reading))
        except Unreadable as error:
            if agent:
                continue
            if card is None:
                skip(error.line, error.reason)
            else:
                problem = problem or error  # the card's first bad line names it
            continue
        value = prop.value.strip().upper()
        begins, ends = (
            prop.name == "BEGIN" and value == "VCARD",
            prop.name == "END" and value == "VCARD",
        )
        if agent:
            agent += 1 if begins else -1 if ends else 0
        elif card is not None and begins and card and _agent_follows(card[-1]):
            agent = 1  # vCard 2.1: `AGENT:` then the agent's own BEGIN:VCARD … END:VCARD
            card.pop()
        elif card is not None and prop.name == "AGENT" and value == "BEGIN:VCARD":
            agent = 1  # `AGENT:BEGIN:VCARD` with the agent's lines after it
        elif begins:
            if card is not None:
                skip(start, "this card has no END:VCARD before the next BEGIN")
            card, start, problem, seen = [], number, None, True
        elif ends:
            if card is None:
                skip(number, "END:VCARD without BEGIN:VCARD")
            elif problem is not None:
                skip(problem.line, problem.reason)
            else:
                try:
                    _card(start, card, result)
                except RefusedOrganization as error:
                    skip(error.line, error.reason, result.skipped_organizations)
                except Unreadable as error:
                    skip(error.line, error.reason)
            card = None
        elif card is None:
            skip(number, f"expected BEGIN:VCARD, found {prop.name}")
        else:
            card.append(prop)
    if card is not None:
        # Input that ends inside a card was cut short (a download, a pipe, a copy that
        # stopped): all or nothing, as a cut calendar or JSON file is refused.
        cards = len(result.people) + len(result.organizations) + _skipped(result)
        raise CutShort(path, start, cards + 1)
    if not seen:
        raise located(path, 1, "no vCards in this file (expected BEGIN:VCARD)")
    result.damaged = damage_at(path, damaged)
    reasons = (*result.skipped, *result.skipped_organizations)
    readable = any(not LINE_REASON.match(why) for why in reasons)
    if result.people or result.organizations or readable:
        first = None
    return result, first


class RefusedOrganization(Unreadable):
    """A KIND:org card netrack refuses (a name too long, `none`): the summary counts it
    under organizations, where an organization card is counted when added."""


def _skipped(result: Parsed) -> int:
    return sum(result.skipped.values()) + sum(result.skipped_organizations.values())


def _agent_follows(prop: Prop) -> bool:
    """An AGENT property with no value of its own: its card follows on the next lines."""
    return prop.name == "AGENT" and not prop.value.strip()


def _ordered(props: list[Prop], name: str) -> list[str]:
    """Values of one property, preferred first, `tel:` / `mailto:` URIs unwrapped."""
    chosen = [p for p in props if p.name == name]
    chosen.sort(key=lambda p: not p.preferred())
    values = [unescape(p.value) for p in chosen]
    values = [_without_scheme(v) for v in values]
    return list(dict.fromkeys(v for v in values if v))


def _without_scheme(value: str) -> str:
    """A `tel:` or `mailto:` URI's number or address (schemes are case-insensitive:
    some writers say `MAILTO:`)."""
    scheme, colon, rest = value.partition(":")
    return rest if colon and scheme.casefold() in ("tel", "mailto") else value


def _profiles(props: list[Prop]) -> list[str]:
    """LinkedIn profiles of Apple's `X-SOCIALPROFILE` (and RFC 9554's `SOCIALPROFILE`):
    a URL, or `x-apple:` and a user name, or the user name in `x-user=`."""
    found = []
    for prop in props:
        if prop.name not in ("X-SOCIALPROFILE", "SOCIALPROFILE"):
            continue
        value = unescape(prop.value)
        service = {
            v.casefold() for key in ("TYPE", "SERVICE-TYPE") for v in prop.params.get(key, [])
        }
        if "linkedin.com/" in value.casefold():
            found.append(value)
        elif "linkedin" in service:
            user = prop.params.get("X-USER", [""])[0] or value.removeprefix("x-apple:")
            user = user.strip().strip("/").rpartition("/")[2]
            if user and "/" not in user and ":" not in user:
                found.append(f"https://www.linkedin.com/in/{user}")
    return found


# netrack's own export names a contact by its record uid (`vcard_write.card_uid`): that
# contact, however renamed since. An older export's "netrack-contact-12" named a row id,
# every database's contact 12: not read, the card matched as any other.
OWN_UID = re.compile(r"contact-(?P<uid>[0-9A-Za-z_-]{1,64})@netrack")


def _own_uid(value: str) -> str | None:
    found = OWN_UID.fullmatch(unescape(value))
    return found.group("uid") if found else None


# Groups every Google contact is in: no tag of the user's (every one would have them).
SYSTEM_GROUPS = frozenset({"myContacts", "starred"})


def _location(first: dict[str, Prop]) -> str:
    """The location of the card's first ADR, a person's or an organization's. ADR: post
    box; extended; street; locality; region; postal code; country. The city is what
    netrack's location holds ("Berlin"), else the region or country."""
    address = [*components(first["ADR"].value), *[""] * 7] if "ADR" in first else [""] * 7
    city, region, country = address[3], address[4], address[6]
    return next((part.strip() for part in (city, region, country) if part.strip()), "")


def _card(start: int, props: list[Prop], result: Parsed) -> None:
    """Add the card's person or organization to `result`, or count why it is skipped;
    Unreadable for a card netrack cannot take (an unknown version, a value the CLI
    would refuse)."""
    first = {p.name: p for p in reversed(props)}
    version = first["VERSION"].value.strip() if "VERSION" in first else "3.0"
    if version not in VERSIONS:
        raise Unreadable(first["VERSION"].line, f"unsupported vCard version {version[:20]!r}")
    # Apple's (iCloud, macOS Contacts) spelling of KIND is X-ADDRESSBOOKSERVER-KIND
    said = first.get("KIND") or first.get("X-ADDRESSBOOKSERVER-KIND")
    kind = unescape(said.value).casefold() if said is not None else ""
    if "X-ABSHOWAS" in first and first["X-ABSHOWAS"].value.strip().upper() == "COMPANY":
        kind = "org"
    text = {key: unescape(first[key].value) if key in first else "" for key in ("FN", "TITLE")}
    org = components(first["ORG"].value) if "ORG" in first else [""]
    notes = unescape(first["NOTE"].value) if "NOTE" in first else ""
    location = _location(first)
    if kind == "group":
        result.skipped["group cards (KIND:group)"] += 1
        return
    if kind == "org":
        name = org[0] or text["FN"]
        if not has_name(name):
            result.skipped_organizations["without a name"] += 1
            return
        try:
            validate.organization_name(name)
            validate.text(location, "location")
            validate.text(notes, "notes")
        except InputError as error:
            raise RefusedOrganization(start, str(error)) from None
        # Its ADR read as a person's: the organization's location (it was dropped)
        record = OrgRecord(name=name, line=start, location=location, notes=notes)
        result.organizations.append(record)
        return
    name = text["FN"]
    if not has_name(name) and "N" in first:
        family, given, additional, *_ = [*components(first["N"].value), "", "", ""]
        name = " ".join(f"{given} {additional} {family}".split())
    if not has_name(name):  # listed the way phone apps show such a card; else skipped
        name = unescape(first["NICKNAME"].value) if "NICKNAME" in first else ""
        name = name if has_name(name) else org[0]
    emails, phones = _ordered(props, "EMAIL"), _ordered(props, "TEL")
    # The LinkedIn profile first (what finds the contact's connection), then the rest.
    urls = sorted(
        dict.fromkeys([*_ordered(props, "URL"), *_profiles(props)]),
        key=lambda url: profile_of(url_key(url)) is None,
    )
    extra = [
        *(f"Other email: {e}" for e in emails[1:]),
        *(f"Other phone: {p}" for p in phones[1:]),
        *(f"Other URL: {u}" for u in urls[1:]),
    ]
    tags = [
        tag
        for p in props
        if p.name == "CATEGORIES"
        for tag in components(p.value, ",")
        if tag.strip() not in SYSTEM_GROUPS
    ]
    person = Person(
        name=name,
        line=start,
        uid=_own_uid(first["UID"].value) if "UID" in first else None,
        organization=org[0],
        function=next((unit for unit in org[1:] if unit), "")
        or (unescape(first["ROLE"].value) if "ROLE" in first else ""),
        title=text["TITLE"],
        location=location,
        emails=emails,
        phones=phones,
        urls=urls,
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
