"""The Contacts screen's filter: words, and terms for strength, channel and organization
(SPEC: "filter by text and by strength, channel, organization"), as `GRAMMAR` lists them.

Terms and words combine: every one must hold. A word with a colon that names no term
(`10:30`) is a word. Matching folds case and accents, as names resolve everywhere. The
location and industry words search are the contact's own, else its organization's.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from netrack.domain.errors import InputError
from netrack.domain.models import ContactChannel
from netrack.domain.name_folding import fold
from netrack.domain.people import Contact
from netrack.domain.visible import visible

TERMS = {
    "strength": "strength",
    "s": "strength",
    "channel": "channel",
    "ch": "channel",
    "org": "org",
    "o": "org",
}
NONE = frozenset({"none", "-"})
# A term with a quoted value (`org:"acme corp"`), a quoted phrase (`"ana lopez"`), the
# closing quote optional while typing; or any other piece between blanks.
_PIECES = re.compile(r'(\w+):"([^"]*)"?|"([^"]*)"?|(\S+)')
_STRENGTH = re.compile(r"^([1-5])(?:(\+)|-([1-5]))?$")
STRENGTH_FORMS = "1 to 5, like strength:4, s:3+, s:2-4 or s:none"


def _spelled(term: str, value: str) -> tuple[str, ...]:
    """`term` with `value` in each spelling TERMS knows: ("org:acme", "o:acme")."""
    return tuple(f"{key}:{value}" for key, name in TERMS.items() if name == term)


# The filter as `?` on Contacts and `contact list --help` list it: (examples, meaning).
# One table for both, its terms spelled from TERMS and NONE; the parser's tests hold it
# to every kind of term `parse_filter` reads, so the help cannot fall behind the parser.
GRAMMAR: tuple[tuple[tuple[str, ...], str], ...] = (
    (
        ("mei kestrel",),
        "words, each anywhere in the name, organization, title, function, location,"
        " industry, email or a tag",
    ),
    (('"mei chen"',), "a phrase: its words together, in that order"),
    (_spelled("strength", "4"), "strength 4"),
    (("s:3+", "s:2-4"), "strength 3 or more; 2 to 4"),
    (("s:none",), "no strength given"),
    (_spelled("channel", "link"), "met through a channel starting so (linkedin)"),
    (("ch:none",), "no channel given"),
    (_spelled("org", "acme"), "the organization holds acme"),
    (('org:"acme corp"',), "a value with a space, quoted"),
    (tuple(f"org:{none}" for none in sorted(NONE, reverse=True)), "no organization"),
)
GRAMMAR_NOTE = "Every word and term must hold; case and accents do not count."


@dataclass(frozen=True, slots=True)
class ContactFilter:
    """A filter as typed: `words` (folded) for the text search, the rest per field."""

    words: str = ""
    phrases: tuple[str, ...] = ()  # each folded, held whole by one field
    strengths: frozenset[int | None] | None = None  # None: any strength
    channels: tuple[str, ...] = ()  # each a prefix of the channel; "" for no channel
    organizations: tuple[str, ...] = ()  # each folded text the organization holds

    @property
    def has_words(self) -> bool:
        return bool(self.words or self.phrases)

    @property
    def has_terms(self) -> bool:
        return bool(self.strengths is not None or self.channels or self.organizations)

    def holds_words(self, haystack: str) -> bool:
        """Whether every word is in `haystack` (a contact's folded text), each anywhere:
        "mei kestrel" finds Mei Chen at Kestrel Robotics, where the words as one phrase
        found nobody. A quoted phrase is held as one: "ana lopez" finds Ana López, not
        Ana Pérez at López & Co."""
        if not all(phrase in haystack for phrase in self.phrases):
            return False
        words = self.words
        if " " not in words:
            return words in haystack
        return all(word in haystack for word in words.split(" "))

    def accepts(self, contact: Contact, haystack: str) -> bool:
        """Whether `contact` passes; `haystack` is its folded searchable text."""
        if self.has_words and not self.holds_words(haystack):
            return False
        if self.strengths is not None and contact.strength not in self.strengths:
            return False
        channel = contact.channel.value if contact.channel else ""
        for wanted in self.channels:
            if not (channel.startswith(wanted) if wanted else not channel):
                return False
        organization = fold(contact.organization) if self.organizations else ""
        for wanted in self.organizations:
            if not (wanted in organization if wanted else not organization):
                return False
        return True


# Between a contact's fields in its haystack: no query holds it, so a match never runs
# from one field into the next.
SEPARATOR = "\x00"


def haystack(contact: Contact) -> str:
    """The folded text a filter's words search: name, organization, title, function,
    location, industry, email, tags (the Contacts screen and `contact list --filter`
    alike). Location and industry as SPEC's contact has them: its own, else its
    organization's (`berlin` finds the people of a company in Berlin).

    A field matches a query in some tier of name resolution exactly when the folded query
    is a substring of the folded field, so one `in` per contact decides."""
    fields = (
        contact.name,
        contact.organization,
        contact.title,
        contact.function,
        contact.effective_location,
        contact.effective_industry,
        contact.email,
    )
    return SEPARATOR.join(fold(hay) for hay in (*fields, *contact.tags) if hay)


def parse_filter(query: str) -> ContactFilter:
    """Read a filter as typed; InputError (its words for the screen) for a term whose
    value is no such strength."""
    words: list[str] = []
    phrases: list[str] = []
    strengths: frozenset[int | None] | None = None
    channels: list[str] = []
    organizations: list[str] = []
    for piece in _PIECES.finditer(query):
        key, quoted, phrase, word = piece.groups()
        if phrase is not None:  # "ana lopez": folded as words are, its quotes not searched
            if folded := fold(phrase):
                phrases.append(folded)
            continue
        if key is None:
            key, colon, value = word.partition(":")
            term = TERMS.get(key.casefold()) if colon else None
        else:  # org:"acme corp"
            term, value, word = TERMS.get(key.casefold()), quoted, piece.group()
        if term is None:
            words.append(word)
        elif not value.strip():
            continue  # `org:` as it is being typed: no term yet
        elif term == "strength":
            found = _strengths(value)
            strengths = found if strengths is None else strengths & found
        elif term == "channel":
            wanted = fold(value)
            channels.append("" if wanted in NONE else _channel(wanted))
        else:
            wanted = fold(value)
            organizations.append("" if wanted in NONE else wanted)
    return ContactFilter(
        fold(" ".join(words)), tuple(phrases), strengths, tuple(channels), tuple(organizations)
    )


def _channel(wanted: str) -> str:
    """A channel prefix as typed (`linked`, `cold-out`); InputError when no channel
    starts so (`linkdin`), rather than a list that is silently empty."""
    prefix = wanted.replace("-", "_").replace(" ", "_")
    known = [c.value for c in ContactChannel]
    if not any(channel.startswith(prefix) for channel in known):
        raise InputError(f"no channel starts with {wanted!r} (known: {', '.join(known)}, none)")
    return prefix


def _strengths(value: str) -> frozenset[int | None]:
    text = value.strip().casefold()
    if text in NONE:
        return frozenset({None})
    found = _STRENGTH.match(text)
    if found is None:
        raise InputError(f"strength:{value} is no strength ({STRENGTH_FORMS})")
    low = int(found[1])
    high = 5 if found[2] else int(found[3] or low)
    if high < low:
        raise InputError(f"strength:{value} runs backwards ({STRENGTH_FORMS})")
    return frozenset(range(low, high + 1))


ECHO_CELLS = 60  # a filter a message quotes: enough to know it again, never a screenful


def echoed(query: str, cells: int = ECHO_CELLS, width: Callable[[str], int] = len) -> str:
    """`query` as a message quotes it ("no contacts matching 'ana'"): as typed between
    single quotes, no escapes added (`\\` is `\\`, `o'x` is `o'x`, where repr showed
    `'\\\\'` and `"o'x"`), control characters visible, and at most `cells` cells wide
    as `width` measures, cut with "…": a pasted page of text filled the whole screen."""
    shown = visible(query)
    if width(shown) + 2 <= cells:
        return f"'{shown}'"
    kept: list[str] = []
    room = cells - 3  # the quotes and the "…"
    for character in query:  # a stand-in ("\u200b") kept whole or left out
        piece = visible(character)
        room -= width(piece)
        if room < 0:
            break
        kept.append(piece)
    return f"'{''.join(kept)}…'"
