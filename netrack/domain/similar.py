"""Names close enough to be the same one typed differently: "Acme Inc" for "Acme",
"Globx" for "Globex". Used to ask before a new organization is made from a typo (the
TUI's forms) and to say so after one was (the command line, which cannot ask)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# Legal forms that do not make another organization.
SUFFIXES = frozenset(
    [
        "inc",
        "incorporated",
        "ltd",
        "limited",
        "llc",
        "llp",
        "plc",
        "gmbh",
        "ag",
        "sa",
        "sas",
        "sarl",
        "bv",
        "nv",
        "co",
        "corp",
        "corporation",
        "company",
        "group",
    ]
)
MAX_EDITS = 2  # typos in a name of MIN_LENGTH characters or more
MIN_LENGTH = 5
# A question or note names the closest two: a longer list reads as noise, and one
# `org merge` joins one pair.
MENTIONED = 2


# Single letters joined by dots ("S.A.", "L.L.C.", "U.S"): one word, written with its
# dots or without ("SA", "LLC"). Split at the dots, "Globex S.A." kept "s a" after its
# core and was 4 edits from "Globex". Letters only: "2.0" stays two numbers.
_DOTTED_LETTERS = re.compile(r"(?<!\w)[^\W\d_](?:\.[^\W\d_])+(?!\w)")


def plain(name: str) -> str:
    """The name without case, accents or punctuation, its words one space apart (dotted
    letters one word: "s.a." is "sa")."""
    folded = unicodedata.normalize("NFKD", name.casefold())
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    folded = _DOTTED_LETTERS.sub(lambda letters: letters[0].replace(".", ""), folded)
    return " ".join(re.sub(r"[^\w\s]", " ", folded).split())


def core(name: str) -> str:
    """The name without case, accents, punctuation or a legal form at its end."""
    words = plain(name).split()
    while len(words) > 1 and words[-1] in SUFFIXES:
        words.pop()
    return " ".join(words)


def edits(a: str, b: str, limit: int) -> int:
    """Levenshtein distance of `a` and `b`, or `limit + 1` once it is known to exceed it."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    # A common start and end cost no edit: without them, "org 0006x" against each of
    # 8,000 "org 0001"…"org 8000" is a few cells, not a full table (a bench database's
    # names, and a `contact add --org` that checks them all).
    start = 0
    while start < min(len(a), len(b)) and a[start] == b[start]:
        start += 1
    a, b = a[start:], b[start:]
    end = 0
    while end < min(len(a), len(b)) and a[-1 - end] == b[-1 - end]:
        end += 1
    a, b = a[: len(a) - end], b[: len(b) - end]
    previous = list(range(len(b) + 1))
    for i, char in enumerate(a, 1):
        current = [i]
        for j, other in enumerate(b, 1):
            current.append(
                min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char != other))
            )
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


def _numbers(name: str) -> list[str]:
    """The numbers in a name: names whose numbers differ are not one typed twice (a typo
    changes a letter far more often than it changes a number that names). By value:
    "Org010" and "Org10" hold the same number. Written in ASCII digits without leading
    zeros, not as int(): Python refuses to convert a run of more than 4,300 digits."""
    return [_by_value(run) for run in re.findall(r"\d+", name)]


def _by_value(digits: str) -> str:
    """A run of decimal digits (any script's: "٥٤" is 54) as ASCII, leading zeros off."""
    ascii_digits = "".join(str(unicodedata.decimal(digit)) for digit in digits)
    return ascii_digits.lstrip("0") or "0"


def close_names(name: str, known: Iterable[str]) -> list[str]:
    """The names in `known` that `name` may be meant as (other than itself, ignoring
    case), closest first: by their cores' distance, then by the whole names' (case,
    accents and punctuation aside), so "Acme" comes before "Acme Corporation" for
    "Acmé", though all three have the core "acme"."""
    wanted = core(name)
    if not wanted:
        return []
    written = plain(name)
    scored: list[tuple[int, int, str]] = []
    for other in known:
        if other.casefold() == name.casefold():
            continue
        distance = _core_distance(wanted, core(other))
        if distance is not None:
            whole = plain(other)
            apart = edits(written, whole, max(len(written), len(whole)))
            scored.append((distance, apart, other))
    return [other for *_, other in sorted(scored, key=lambda scores: scores[:2])]


def _core_distance(wanted: str, theirs: str) -> int | None:
    """The edits between two cores, or None when they are not close."""
    if theirs == wanted:
        return 0
    if _numbers(theirs) != _numbers(wanted):
        return None  # "Studio 54" and "Studio 55", "Org10" and "Org11": two of them
    if min(len(wanted), len(theirs)) < MIN_LENGTH:
        return None
    distance = edits(wanted, theirs, MAX_EDITS)
    return distance if distance <= MAX_EDITS else None


def close_to_new(name: str, known: Iterable[str]) -> list[str]:
    """The known organizations (the closest `MENTIONED`, closest first) a new one called
    `name` may be a typo of: what a form asks before making it and the command line says
    after. [] when `name` is one of `known` (case and spacing aside): that one is meant
    and nothing new is made."""
    typed = " ".join(name.split()).casefold()
    names = list(known)
    if not typed or any(" ".join(other.split()).casefold() == typed for other in names):
        return []
    return close_names(name, names)[:MENTIONED]


# A core longer than this is not indexed by its variants (a 300-character one has 45,000),
# nor compared one by one with others of its length: a file of a thousand 300-character
# look-alikes took 40 s, holding the write lock. In an index it is close only to names
# of its own core (an organization's name is rarely that long).
INDEXED = 48


def _deletions(text: str, count: int) -> set[str]:
    """`text` with up to `count` of its characters left out, each way."""
    found, edge = {text}, {text}
    for _ in range(count):
        edge = {shorter[:i] + shorter[i + 1 :] for shorter in edge for i in range(len(shorter))}
        found |= edge
    return found


class CloseIndex:
    """`close_to_new` over names given one by one, each new one asked of those before it
    (an import's thousands of new organizations, each among the known ones and the new
    ones before it). A name is compared only with those whose core could be close to its
    own: the same core; one with the same numbers ("Company 12" has few such); or one with
    a variant in common, up to MAX_EDITS characters left out of each (two cores that
    many edits apart have one); a core longer than INDEXED, only with its own. Compared
    with every name, 3,000 new ones took a minute."""

    def __init__(self, names: Iterable[str] = ()) -> None:
        self._typed: set[str] = set()  # each name, case and spacing aside
        # core → (order given, name, its `plain`): the older first among equals
        self._by_core: dict[str, list[tuple[int, str, str]]] = {}
        self._by_variant: dict[str, list[str]] = {}  # cores without numbers, by variant
        self._by_numbers: dict[str, list[str]] = {}  # the others: with numbers, or long
        self._given = 0
        for name in names:
            self.add(name)

    def add(self, name: str) -> None:
        self._typed.add(" ".join(name.split()).casefold())
        own = core(name)
        if not own:
            return
        if own not in self._by_core:
            self._by_core[own] = []
            numbers = " ".join(_numbers(own))
            if len(own) > INDEXED:
                pass  # found by its core alone
            elif numbers:
                self._by_numbers.setdefault(numbers, []).append(own)
            elif len(own) >= MIN_LENGTH:
                for variant in _deletions(own, MAX_EDITS):
                    self._by_variant.setdefault(variant, []).append(own)
        self._by_core[own].append((self._given, name, plain(name)))
        self._given += 1

    def close_to_new(self, name: str) -> list[str]:
        """What `close_to_new(name, names)` says of the names given so far."""
        typed = " ".join(name.split()).casefold()
        wanted = core(name)
        if not typed or typed in self._typed or not wanted:
            return []
        cores = {wanted}
        numbers = " ".join(_numbers(wanted))  # a core close to it has the same ones
        if len(wanted) > INDEXED:
            pass  # only its own core (see INDEXED)
        elif not numbers and len(wanted) >= MIN_LENGTH:
            for variant in _deletions(wanted, MAX_EDITS):
                cores.update(self._by_variant.get(variant, ()))
        else:
            for own in self._by_numbers.get(numbers, ()):
                if abs(len(own) - len(wanted)) <= MAX_EDITS:
                    cores.add(own)
        written = plain(name)
        scored: list[tuple[int, int, int, str]] = []
        for own in cores:
            distance = _core_distance(wanted, own)
            if distance is None:
                continue
            for order, other, whole in self._by_core.get(own, ()):
                apart = edits(written, whole, max(len(written), len(whole)))
                scored.append((distance, apart, order, other))
        # as `close_names` orders them: by distance, then the whole names', then older first
        return [other for *_, other in sorted(scored)][:MENTIONED]
