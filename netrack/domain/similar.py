"""Names close enough to be the same one typed differently: "Acme Inc" for "Acme",
"Globx" for "Globex". Used to ask before a new organization is made from a typo."""

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


def core(name: str) -> str:
    """The name without case, accents, punctuation or a legal form at its end."""
    plain = unicodedata.normalize("NFKD", name.casefold())
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    words = re.sub(r"[^\w\s]", " ", plain).split()
    while len(words) > 1 and words[-1] in SUFFIXES:
        words.pop()
    return " ".join(words)


def edits(a: str, b: str, limit: int) -> int:
    """Levenshtein distance of `a` and `b`, or `limit + 1` once it is known to exceed it."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
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


def close_names(name: str, known: Iterable[str]) -> list[str]:
    """The names in `known` that `name` may be meant as (other than itself, ignoring
    case), closest first."""
    wanted = core(name)
    if not wanted:
        return []
    scored: list[tuple[int, str]] = []
    for other in known:
        if other.casefold() == name.casefold():
            continue
        theirs = core(other)
        if theirs == wanted:
            scored.append((0, other))
        elif min(len(wanted), len(theirs)) >= MIN_LENGTH:
            distance = edits(wanted, theirs, MAX_EDITS)
            if distance <= MAX_EDITS:
                scored.append((distance, other))
    return [other for _, other in sorted(scored, key=lambda pair: pair[0])]
