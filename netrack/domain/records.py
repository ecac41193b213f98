"""What importers hand to the store, and what the store reports back.

Parsers turn a file into these plain records (with the line each came from, for messages);
`store` matches and writes them. Nothing here touches SQLite.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from netrack.domain import validate
from netrack.domain.errors import InputError
from netrack.domain.visible import visible

# A skip reason that names one record's line: shown once, without a count.
LINE_REASON = re.compile(r"^(?:line |.+?:)(\d+): ")  # "line 12: …", "name.vcf:12: …"
# Records skipped for their own reason are listed one by one up to this many, then counted.
LISTED = 5
# The skip reason of a record naming an archived contact: `log` refuses to name them.
ARCHIVED = "with an archived contact"
# The skip reason of a record netrack has with other values than the file's: an import
# fills blanks and never overwrites, and the summary says a newer value was not taken.
DIFFERING = "in netrack with other values, netrack's kept"
# Records named per skip reason in the TUI's import summary.
EXAMPLES = 3


@dataclass(slots=True)
class Person:
    """A contact as an import file describes it. Lists keep every email / url the file
    gave, for matching; the first one is the one stored."""

    name: str
    line: int
    organization: str = ""
    title: str = ""
    function: str = ""
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)
    notes: str = ""
    met_on: date | None = None
    channel: str | None = None
    tags: list[str] = field(default_factory=list)
    industry: str = ""
    location: str = ""
    strength: int | None = None
    archived: bool = False
    keep_in_touch: int | None = None  # days; only netrack's own export carries it
    uid: str | None = None  # schema 13: as `keep_in_touch`


@dataclass(slots=True)
class OrgRecord:
    name: str
    line: int
    industry: str = ""
    size_band: str = ""
    location: str = ""
    notes: str = ""
    uid: str | None = None  # schema 13: only netrack's own export carries it


@dataclass(slots=True)
class Tally:
    """Counts for one kind of thing (contacts, organizations …) and why rows were skipped."""

    added: int = 0
    updated: int = 0
    # Records naming someone the same file named before: their details joined to that
    # one's (neither added nor skipped: nothing of them is lost)
    joined: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    # reason → the first few records skipped for it, named ("Ana López", "Team sync")
    examples: dict[str, list[str]] = field(default_factory=dict)
    # values a matching record brought that no field or note could take (notes full)
    unkept: list[str] = field(default_factory=list)
    # contacts a matching record would have put at an organization where another contact
    # is named as they would be ("Sam Lee (Acme) would name contact 2 too"): kept without
    unfilled: list[str] = field(default_factory=list)
    # what else the import did to these things, said after the counts ("the 4 default
    # goals replaced by the file's"): nothing an import removes goes unsaid
    remarks: list[str] = field(default_factory=list)
    # archived contacts whose records were skipped (ARCHIVED), named once each: the
    # summary says who, and how to bring those records in
    archived: list[str] = field(default_factory=list)
    # records counted updated (a blank filled) that also brought other values than
    # netrack's, not taken (DIFFERING): named, so the newer title goes not unsaid
    updated_differing: list[str] = field(default_factory=list)
    # "note: new organization … is close to …", a line each under the counts: new ones
    # a form would have asked about (`describe_new_organization_close`)
    notes: list[str] = field(default_factory=list)

    def skip_archived(self, names: list[str], example: str = "") -> None:
        """Count a record skipped for naming the archived contacts `names`, as `netrack
        log` refuses them (SPEC: imports pass through the same validation)."""
        self.skip(ARCHIVED, example=example or ", ".join(names))
        self.archived += [name for name in dict.fromkeys(names) if name not in self.archived]

    def skip(self, reason: str, line: int | None = None, example: str = "") -> None:
        """Count a skipped record; with `line`, the reason is its own (shown with the line);
        `example` names the record, kept for the first few of each reason."""
        key = line_reason(line, reason) if line is not None else reason
        self.skipped[key] += 1
        if example:
            named = self.examples.setdefault(key, [])
            if len(named) < EXAMPLES and example not in named:
                named.append(example)

    def reasons(self) -> list[tuple[str, int, list[str]]]:
        """(reason, count, records named) in the order `phrase` lists them: reasons shared
        by many records first, then those of one record each (their line in the text)."""
        counted = sorted((why, n) for why, n in self.skipped.items() if not LINE_REASON.match(why))
        listed = sorted(
            (why for why in self.skipped if LINE_REASON.match(why)),
            key=lambda why: int(LINE_REASON.match(why).group(1)),  # type: ignore[union-attr]
        )
        return [(why, n, self.examples.get(why, [])) for why, n in counted] + [
            (why, self.skipped[why], self.examples.get(why, [])) for why in listed
        ]

    @property
    def skipped_total(self) -> int:
        return sum(self.skipped.values())

    def phrase(self, noun: str) -> str:
        """'contacts: 3 added, 1 updated, 2 skipped (already in netrack: 2)'."""
        text = f"{noun}: {self.added} added, {self.updated} updated"
        if self.joined:
            text += f", {self.joined} joined to the same {_one(noun)} earlier in the file"
        text += f", {self.skipped_total} skipped"
        every = self.reasons()
        counted = [(why, n) for why, n, _ in every if not LINE_REASON.match(why)]
        listed = [why for why, _, _ in every if LINE_REASON.match(why)]
        reasons = [f"{why}: {n}" for why, n in counted] + listed[:LISTED]
        if len(listed) > LISTED:
            reasons.append(f"{len(listed) - LISTED} more skipped lines")
        if reasons:
            text += f" ({', '.join(reasons)})"
        if self.updated_differing:
            text += f"; {self.updated_differing_phrase()}"
        if self.unkept:  # said, never dropped without a word
            text += f"; not kept, the contact's notes being full: {_some(self.unkept)}"
        if self.unfilled:
            text += f"; {self.unfilled_phrase()}"
        if self.archived:
            text += f"; {self.archived_phrase()}"
        return "; ".join([text, *self.remarks])

    def notes_shown(self) -> list[str]:
        """The first LISTED notes, then how many more."""
        more = len(self.notes) - LISTED
        said = f"note: {more} more new organization{'s' if more > 1 else ''} close to others"
        tail = [said] if more > 0 else []
        return self.notes[:LISTED] + tail

    def updated_differing_phrase(self) -> str:
        """'of those updated, in netrack with other values, netrack's kept: 1'."""
        if not self.updated_differing:
            return ""
        return f"of those updated, {DIFFERING}: {len(self.updated_differing)}"

    def unfilled_phrase(self) -> str:
        """'kept without an organization: Sam Lee (Acme) would name contact 2 too'."""
        return f"kept without an organization: {_some(self.unfilled)}" if self.unfilled else ""

    def archived_phrase(self) -> str:
        """'archived, so left out: Ana López (unarchive them, then import again)'."""
        if not self.archived:
            return ""
        return f"archived, so left out: {_some(self.archived)} (unarchive them, then import again)"


def _some(said: list[str]) -> str:
    """The first few of `said`, and how many more."""
    more = f" and {len(said) - EXAMPLES} more" if len(said) > EXAMPLES else ""
    return ", ".join(said[:EXAMPLES]) + more


def _one(noun: str) -> str:
    """'contacts' → 'contact'."""
    return noun.removesuffix("s")


def line_reason(line: int, reason: str) -> str:
    """The skip reason of one record: 'line 12: name is too long (…)'."""
    return f"line {line}: {reason}"


has_name = validate.has_name  # where importers have always found it


def clean(
    person: Person, restoring: bool = False, organizations: set[str] | None = None
) -> tuple[str, dict[str, Any], set[str]]:
    """The person's name, fields and tags as netrack stores them, checked by the rules the
    CLI applies (`domain.validate`): InputError for anything the CLI would refuse, a
    name with nothing to show included. Text stays as given (control characters too: the
    CLI and the TUI make them visible when they print). `restoring` (`import json`):
    what a database from before a rule holds comes back whole, a tag longer than
    MAX_TAG (see `validate.tags`), a name that reads as an id (see `validate.name`);
    never a URL holding a control character, which
    would reach the terminal (SPEC: a record the CLI refuses is never stored).
    `organizations`: organization names found good already, kept by the caller across
    a file's records (a network of 30,000 names each organization ten times): each is
    checked once; one refused is not kept, and is refused again alike."""
    try:
        name = validate.name(person.name, restoring=restoring)
    except InputError:
        # Asked only of a name refused: one that `validate.name` takes has something
        # to show (its `has_name`, which only spacing sets apart from this one)
        if not has_name(person.name):
            raise InputError("name must not be blank") from None
        raise
    organization = person.organization
    if organizations is None or organization not in organizations:
        if organization.strip():
            validate.name(organization, "organization name", restoring)
        if organizations is not None:
            organizations.add(organization)
    values: dict[str, Any] = {
        "title": validate.text(person.title, "title"),
        "function": validate.text(person.function, "function"),
        "industry": validate.text(person.industry, "industry"),
        "location": validate.text(person.location, "location"),
        "strength": validate.bounded(person.strength, 1, 5, "strength"),
        "email": _first(person.emails, "email"),
        "phone": _first(person.phones, "phone"),
        "url": _first(person.urls, "url", validate.url),
        "channel": person.channel,
        "notes": validate.text(person.notes, "notes"),
    }
    tags = set(validate.tags(person.tags, validate.MAX_TEXT if restoring else validate.MAX_TAG))
    return name, values, tags


def _first(values: list[str], what: str, check: Callable[[str, str], str] = validate.text) -> str:
    for value in values:
        if value.strip():
            return check(value, what)
    return ""


def summary(source: Path, tallies: dict[str, Tally]) -> str:
    """One line per kind of thing that moved, headed by the file's name."""
    moved = ImportSummary(source, tallies)
    lines = [f"imported {moved.shown}:"]
    for noun, tally in moved.moved().items():
        lines.append(f"  {tally.phrase(noun)}")
        lines += [f"  {note}" for note in tally.notes_shown()]
    return "\n".join(lines)


@dataclass(slots=True)
class ImportSummary:
    """What one import did, for the CLI's text (`str()`) and the TUI's summary screen:
    the tallies by kind of thing, and records the importer lists one by one (a JSON
    export's refused records, with `tail` their lines in the text)."""

    source: Path
    tallies: dict[str, Tally]
    records: list[str] = field(default_factory=list)
    tail: str = ""
    # "name.csv:4: not valid UTF-8; …": a line not read as written (a guess, or U+FFFD)
    damaged: list[str] = field(default_factory=list)
    # What the import kept but the user should know (dates after today, from a file
    # exported in a time zone ahead)
    notices: list[str] = field(default_factory=list)
    # Records added without a reference to one skipped ("interactions[0] without
    # campaign 1, which was skipped"), with `tail` their lines in the text
    kept: list[str] = field(default_factory=list)

    @property
    def shown(self) -> str:
        """The file as the summary names it."""
        if str(self.source) == "-":
            return "standard input"
        return visible(self.source.name)  # on the summary's first line, whatever it holds

    def moved(self) -> dict[str, Tally]:
        """The tallies the text shows: kinds of things that moved, and always contacts;
        all of them when nothing moved (a calendar without events says so, in zeros)."""
        moved = {
            noun: tally
            for noun, tally in self.tallies.items()
            if tally.added or tally.updated or tally.skipped or tally.remarks or noun == "contacts"
        }
        return moved or dict(self.tallies)

    def warnings(self) -> list[str]:
        """What the import read but could not read whole, or kept though unusual, a
        line each."""
        said = self.notices + self.damaged[:LISTED]
        if len(self.damaged) > LISTED:
            said.append(f"{len(self.damaged) - LISTED} more lines like these")
        return said

    def __str__(self) -> str:
        warned = "".join(f"\n  warning: {warning}" for warning in self.warnings())
        return summary(self.source, self.tallies) + warned + self.tail


def located(source: Path, line: int, message: str) -> InputError:
    """An InputError that names the file and the line, the way compilers do."""
    return InputError(f"{source}:{line}: {message}")


# The ways to reach a person an import may bring a second of: kept in the notes, under
# the label a vCard with two of them is read with (`interop.vcard`).
_REACH = (("email", "Other email"), ("phone", "Other phone"), ("url", "Other URL"))


def _same_reach(key: str, one: str, other: str) -> bool:
    if key == "phone":  # +1 555-0100 is (1) 555 0100
        return [c for c in one if c.isdigit()] == [c for c in other if c.isdigit()]
    if key == "url":
        return _address(one) == _address(other)
    return one.strip().casefold() == other.strip().casefold()


def _address(url: str) -> str:
    """A web address as two spellings of it compare: without scheme, `www.` or a final
    `/`; a LinkedIn profile without what a shared link adds (`?utm…`, `#…`, `/en`); a
    control character as the export percent-encodes it (a URL stored before they were
    refused comes back from netrack's own vCard so)."""
    text = (
        validate.url_as_exported(url.strip())
        .casefold()
        .split("://", 1)[-1]
        .removeprefix("www.")
        .rstrip("/")
    )
    if text.startswith("linkedin.com/in/"):
        slug = text[len("linkedin.com/in/") :].split("?")[0].split("#")[0].split("/")[0]
        return f"linkedin.com/in/{slug}"
    return text


# A control character (TAB aside) as the vCard export writes it, which has no escape for one
_CONTROL = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f]")


def _line_key(line: str) -> str:
    """A note line as lines are compared: each control character as U+FFFD, so netrack's
    own vCard export read back ("nul\ufffdend") is the line it holds ("nul\x01end")."""
    return _CONTROL.sub("\ufffd", line)


def kept_aside(
    row: dict[str, Any], values: dict[str, Any], notes: str, unkept: list[str] | None = None
) -> str | None:
    """The contact's `notes` with what a matching record brings that its fields cannot
    take: its email, phone or URL where the contact has another, and its note lines the
    notes lack. None: nothing to add, or no room left (a note is at most MAX_TEXT):
    then the lines go to `unkept`, for the import's summary to name."""
    lines: list[str] = []
    for key, label in _REACH:
        value, have = values.get(key) or "", row.get(key) or ""
        if value.strip() and have.strip() and not _same_reach(key, value, have):
            lines.append(f"{label}: {value.strip()}")
    lines += (values.get("notes") or "").splitlines()
    present = {_line_key(line) for line in notes.splitlines()}
    fresh = [
        line for line in dict.fromkeys(lines) if line.strip() and _line_key(line) not in present
    ]
    if not fresh:
        return None
    merged = "\n".join([notes.rstrip("\n"), *fresh]) if notes.strip() else "\n".join(fresh)
    if len(merged) <= validate.MAX_TEXT:
        return merged
    if unkept is not None:
        unkept.extend(f"{row.get('name') or ''}: {line}".lstrip(": ") for line in fresh)
    return None
