"""Name resolution shared by every command and the quick-log bar.

Three tiers, case-insensitive, the first tier with any match deciding: the exact name;
names that start with the text or have a word starting with it; names containing it.
A contact may be named `NAME (ORG)`: the organization, matched by the same tiers, narrows
the names first; `NAME ()` names the one without an organization. `id:N` names the item
whose key is N (the id lists show), for twins no name tells apart. Items are
`(key, name)` or, for contacts, `(key, name, organization)`. Every candidate an ambiguity
lists, typed back, names that one: "Ana (Acme (EU))", "Acme Eng [id:2]". Names are
compared as `name_folding` folds them."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

from netrack.domain.errors import ResolveError, Unmatched
from netrack.domain.name_folding import fold, fold_name

T = TypeVar("T")

# A contact as resolution sees it; campaigns have no organization apart from their name.
Item = tuple[T, str] | tuple[T, str, str]

# How names are folded: `fold_name`, or the same answers remembered by a caller that
# resolves against one list of names again and again (the repository keeps one for the
# quick-log bar: folding 5,000 accented names takes tens of milliseconds). The domain
# itself remembers nothing between calls.
Fold = Callable[[str, bool], str]

# "id:12": the item whose key is 12.
BY_ID = re.compile(r"^\s*id:\s*(?P<id>[0-9]+)\s*$", re.IGNORECASE)  # not "id:٢"
# "id:" and whatever follows, in any case: text that reads as naming by id, an id after
# it (`BY_ID`) or not ("id:-1", "id:+3", "id:x"). Never a name (`validate.name`).
_ID_SHAPED = re.compile(r"^\s*id:", re.IGNORECASE)
# "Acme Eng [id:2]": a twin as an ambiguity lists it, the name before its id.
_TAGGED = re.compile(r"^(?P<name>.*?\S)\s*\[\s*id:\s*(?P<id>[0-9]+)\s*\]\s*$", re.DOTALL | re.I)
# "Ana López ()": the Ana López without an organization, among namesakes who have one.
_NO_ORG = re.compile(r"^(?P<name>.*?\S)\s*\(\s*\)\s*$", re.DOTALL)
LISTED = 8  # candidates named in an ambiguity error; the rest are counted


def namesakes(
    named: Iterable[tuple[T, str]], fold_with: Callable[[str, bool], str] = fold_name
) -> set[T]:
    """The keys of the (key, name) pairs whose name another pair's is, as names compare
    (`fold`): the twins a list or a confirmation names with their key. `fold_with`:
    `fold_name` or a caller's remembered answers (see above)."""
    folded = [(key, fold_with(name, False)) for key, name in named]
    counts = Counter(name for _, name in folded)
    return {key for key, name in folded if counts[name] > 1}


def name_order(name: str) -> tuple[str, str]:
    """Where a name sorts: as names compare ("Ángel" among the As), spellings that
    compare equal by case and accent after ("Lopez" before "López")."""
    return fold(name), name.casefold()


def label(name: str, organization: str = "") -> str:
    """How a contact is named where namesakes may meet: "Ana López (Acme)"."""
    return f"{name} ({organization})" if organization else name


def split_org(query: str) -> tuple[str, str] | None:
    """`("Ana López", "Acme")` for "Ana López (Acme)", `("Ana", "Acme (EU)")` for
    "Ana (Acme (EU))": the parenthesis that closes the text, with what it opens; None
    without one, or with nothing inside or before it."""
    text = query.rstrip()
    if not text.endswith(")"):
        return None
    depth = 0
    # From the end back to the "(" the last ")" closes: an organization's own
    # parentheses ("Acme (EU)") stay in it, as its label prints it.
    for at in range(len(text) - 1, -1, -1):
        depth += {")": 1, "(": -1}.get(text[at], 0)
        if depth == 0:
            break
    else:
        return None
    name, org = text[:at].rstrip(), text[at + 1 : -1].strip()
    return (name, org) if name.strip() and org else None


def identity(name: str, organization: str = "") -> tuple[str, str]:
    """What two contacts may not share (SPEC: name and organization, case- and
    accent-insensitively; a blank organization is one too)."""
    return fold(name), fold(organization)


CANDIDATES_APART = "; "  # not ", ", which names hold: "Engineer, Data" read as two


def listed(names: Sequence[str]) -> str:
    """Candidates as an error names them: the first LISTED, the rest counted. Every
    message that lists candidates lists them so (the CLI's and the TUI's alike)."""
    shown = CANDIDATES_APART.join(names[:LISTED])
    if len(names) > LISTED:
        shown += f" (+{len(names) - LISTED} more)"
    return shown


def tier_at(needle: str, hay: str) -> tuple[int, int] | None:
    """The tier (1–3) at which the folded name `hay` matches the folded text `needle`,
    and where in `hay` the matched text starts (at the word it starts, for tier 2);
    None when it does not match. The palette ranks names by it, as names resolve."""
    at = hay.find(needle)
    if at < 0:
        return None
    if at == 0:
        return (1 if len(hay) == len(needle) else 2), 0
    if " " not in needle:  # one of the name's words starts with the text
        word = hay.find(f" {needle}", at - 1)
        if word >= 0:
            return 2, word + 1
    return 3, at


def _tier(needle: str, hay: str) -> int | None:
    found = tier_at(needle, hay)
    return None if found is None else found[0]


def matches(
    query: str, name: str, dashes_are_spaces: bool = False, fold: Fold = fold_name
) -> int | None:
    """The tier (1–3) at which `name` matches `query`, or None."""
    needle = fold(query, dashes_are_spaces)
    return _tier(needle, fold(name, dashes_are_spaces)) if needle else None


def _deciding(
    query: str, items: Iterable[Item[T]], dashes_are_spaces: bool, fold: Fold, field: int = 1
) -> list[Item[T]]:
    """The items in the deciding tier for `query`, compared on `item[field]`."""
    needle = fold(query, dashes_are_spaces)
    if not needle:
        return []
    # Its longest word, the likeliest to be missing from a name that does not match.
    word = max(needle.split(" "), key=len)
    # One pass, the query folded once: this runs on every quick log against every name.
    tiers: dict[int, list[Item[T]]] = {1: [], 2: [], 3: []}
    for item in items:
        hay: str = item[field]  # type: ignore[misc,assignment]
        # Every tier holds the folded text inside the folded name, so each of its words
        # inside the name's lower case. For a plain-ASCII name folding only lowers its
        # case and turns dashes and runs of spaces into one space: a word missing from
        # `hay.lower()` rules it out without folding it (most of 50,000 names, each log).
        if hay.isascii() and word not in hay.lower():
            continue
        tier = _tier(needle, fold(hay, dashes_are_spaces))
        if tier is not None:
            tiers[tier].append(item)
    for tier in (1, 2, 3):
        if tiers[tier]:
            return tiers[tier]
    return []


def _found(
    query: str, items: Sequence[Item[T]], dashes_are_spaces: bool, fold: Fold
) -> list[Item[T]]:
    """The deciding tier, narrowed first to an organization when one is named."""
    alone = _NO_ORG.match(query)
    if alone is not None:
        without = [item for item in items if len(item) > 2 and not item[2]]  # type: ignore[misc]
        found = _deciding(alone["name"], without, dashes_are_spaces, fold)
        if found:
            return found
    parts = split_org(query)
    if parts is not None:
        name, org = parts
        at_org = [item for item in items if len(item) > 2 and item[2]]  # type: ignore[misc]
        narrowed = _deciding(org, at_org, dashes_are_spaces, fold, field=2)
        found = _deciding(name, narrowed, dashes_are_spaces, fold) if narrowed else []
        if found:
            # A contact named "Sam Lee (Acme)" itself is as exact a match as Sam Lee at
            # Acme: both are offered, never one edited or deleted for the other. Against
            # a name only begun ("Sam (Acme)" for Sam Lee), the exact one wins.
            needle = fold(query, dashes_are_spaces)
            literal = [i for i in items if fold(i[1], dashes_are_spaces) == needle]
            if not literal:
                return found
            named = fold(name, dashes_are_spaces)
            exact = [i for i in found if fold(i[1], dashes_are_spaces) == named]
            return exact + [i for i in literal if i not in exact]
        # No such organization: the parenthesis may be part of a name, "Sam (he/him)".
    return _deciding(query, items, dashes_are_spaces, fold)


def candidates(
    query: str,
    items: Sequence[Item[T]],
    dashes_are_spaces: bool = False,
    fold: Fold = fold_name,
) -> list[tuple[T, str]]:
    """(key, name) of all items in the deciding tier, in the order given."""
    return [(item[0], item[1]) for item in _found(query, items, dashes_are_spaces, fold)]


def _twin(
    query: str, items: Sequence[Item[T]], dashes_are_spaces: bool, fold: Fold
) -> Item[T] | None:
    """The item a twin's label names ("Acme Eng [id:2]", pasted back from an ambiguity):
    the one with that id, if the name before it matches it. None otherwise, and the text
    is read as a name (someone may be called so)."""
    tagged = _TAGGED.match(query)
    if tagged is None:
        return None
    named = [*_found(tagged["name"], items, dashes_are_spaces, fold)]
    if dashes_are_spaces:
        named += _found(tagged["name"], items, False, fold)
    wanted = id_digits(tagged["id"])
    return next((item for item in named if str(item[0]) == wanted), None)


def reads_as_id(text: str) -> bool:
    """Whether `text` begins as `id:N` does ("id:", in any case): a name never does."""
    return _ID_SHAPED.match(text) is not None


def named_id(query: str, what: str) -> str | None:
    """The digits of the id `query` gives (`id:7`, `ID: 07`); None when it does not read
    as an id. Text that reads as one with no id after it ("id:-1", "id:+3", "id:x",
    "id:") is a ResolveError: no name is spelled so, and it names no `what` by id, so
    it is neither taken to name one nor made into a new one."""
    if not reads_as_id(query):
        return None
    by_id = BY_ID.match(query)
    if by_id is None:
        shown = " ".join(query.split())
        shown = shown if len(shown) <= 40 else f"{shown[:40]}…"  # a paste: one short line
        raise ResolveError(
            f"{shown!r} reads as an id but gives none: id:N takes the {what}'s "
            "number, as its list shows it"
        )
    return by_id["id"]


def id_digits(digits: str) -> str:
    """The id `id:N` names, as its key is written: `id:01` is id 1, as `--id 01` is."""
    return digits.lstrip("0") or "0"


# The largest key a row can have (SQLite's INTEGER, PostgreSQL's BIGINT).
LARGEST_ID = 2**63 - 1


def id_number(digits: str) -> int | None:
    """The key the id `digits` names (leading zeros aside); None beyond any key the
    engines hold (asking would overflow the query; past 4,300 digits Python makes no
    int of them at all)."""
    wanted = id_digits(digits)
    if len(wanted) > len(str(LARGEST_ID)) or int(wanted) > LARGEST_ID:
        return None
    return int(wanted)


def id_shown(digits: str) -> str:
    """An id as a message says it: a pasted page of digits cut, on one line."""
    return digits if len(digits) <= 20 else f"{digits[:20]}…"


def _best(
    query: str, items: Sequence[Item[T]], dashes_are_spaces: bool, fold: Fold
) -> list[Item[T]]:
    """The items `resolve` chooses among: the deciding tier with dashes read as spaces,
    or with the text as typed when that names one item and the other does not."""
    found = _found(query, items, dashes_are_spaces, fold)
    if len(found) != 1 and dashes_are_spaces:
        literal = _found(query, items, False, fold)
        if len(literal) == 1 or not found:
            found = literal
    return found


def _labels(found: Sequence[Item[T]], items: Sequence[Item[T]], fold: Fold) -> tuple[str, ...]:
    """How a list of `found` (some of `items`) names each, so that each, typed back,
    names that one: "Ana López (Acme)", "Ana López ()" beside her namesakes at one,
    "Acme Eng [id:2]" for twins. Ambiguities and did-you-means list them so."""
    # A contact without an organization as `NAME ()` where a namesake has one, among
    # all the items and not only these candidates: "ana ()" lists the Ana López without
    # one beside Anand Rao, and typed back, her bare name meets Ana López at Acme again.
    # So is one named like "Sam Lee (Acme)" itself, beside Sam Lee at Acme Corp: typed
    # back, its name would narrow to that organization (not "Sam (he/him)", whose
    # parenthesis names no organization there).
    alone = [item for item in found if len(item) > 2 and not item[2]]  # type: ignore[misc]
    # Every name scanned only when a candidate has no organization (most ambiguities).
    with_org = [i for i in items if len(i) > 2 and i[2]] if alone else []  # type: ignore[misc]
    bare = {fold(item[1], False) for item in alone}
    at_orgs = {name for item in with_org if (name := fold(item[1], False)) in bare}

    def apart(item: Item[T]) -> bool:
        if len(item) < 3 or item[2]:  # type: ignore[misc]
            return False
        if fold(item[1], False) in at_orgs:
            return True
        parts = split_org(item[1])
        if parts is None:
            return False
        narrowed = _deciding(parts[1], with_org, False, fold, field=2)
        return bool(narrowed and _deciding(parts[0], narrowed, False, fold))

    names = tuple(
        f"{item[1]} ()" if apart(item) else label(*item[1:])  # type: ignore[arg-type]
        for item in found
    )
    # Twins (one name, one organization, as names compare: "Nörthwind" is "Northwind")
    # are told apart by the id that names each; their spellings alone name both.
    # Counted once: a count per name was quadratic, and a short `@h` in the quick-log
    # bar is ambiguous among thousands of names (half a second a key at 50,000).
    folded = [fold(name, False) for name in names]
    counts = Counter(folded)
    return tuple(
        f"{name} [id:{item[0]}]" if counts[key] > 1 else name
        for name, key, item in zip(names, folded, found, strict=True)
    )


def _offered(item: Item[T], items: Sequence[Item[T]], dashes_are_spaces: bool, fold: Fold) -> str:
    """How a did-you-mean names `item` of `items` so that, typed back, it names that one:
    by its name when that names it alone, else as an ambiguity lists it ("Ana Lopez ()"
    beside two Ana López at organizations: "Ana Lopez" was offered, and named all three)."""
    from netrack.domain.near_names import same_named  # loaded by `unmatched` already

    name, key = item[1], item[0]
    if not (_NO_ORG.match(name) or split_org(name) or _TAGGED.match(name)):
        # Read as a name only: typed back, it names those named so, as `_best` narrows
        # them (found among the near names' index: a pass over 50,000 took ~15 ms a key).
        sharing = same_named(name, items, dashes_are_spaces, fold)
        if len(sharing) > 1 and dashes_are_spaces:  # "Ana-Lopez" beside "Ana Lopez"
            literal = [i for i in sharing if fold(i[1], False) == fold(name, False)]
            sharing = literal if len(literal) == 1 else sharing
        if sharing == [item]:
            return name
        shown = _labels(sharing, sharing, fold)[sharing.index(item)]
        if shown.endswith(f"[id:{key}]") or not same_named(shown, items, dashes_are_spaces, fold):
            return shown
    # The rare name read as more than a name ("Sam Lee ()"), or a label someone is named
    # ("Sam Lee (Acme)" beside Sam Lee at Acme): each way to name it, read back as
    # `resolve` reads it, passes over every name.

    def names_it(text: str) -> bool:
        twin = _twin(text, items, dashes_are_spaces, fold)
        if twin is not None:
            return twin == item
        return _best(text, items, dashes_are_spaces, fold) == [item]

    sharing = _best(name, items, dashes_are_spaces, fold)
    sharing += [] if item in sharing else [item]
    ways = (name, _labels(sharing, items, fold)[sharing.index(item)], f"{name} [id:{key}]")
    return next((text for text in ways if names_it(text)), f"id:{key}")


def unmatched(
    query: str, items: Sequence[Item[T]], what: str, dashes_are_spaces: bool, fold: Fold
) -> Unmatched:
    """The refusal of a name that matches none of `items`: for a contact, a campaign or
    an organization, naming the ones it was likely meant for ("no contact matches
    'anna' (did you mean Ana López?)", "no campaign matches 'acmee' (did you mean Acme
    Platform Engineer?)")."""
    near: list[str] = []
    if what.endswith(("contact", "campaign", "organization")):
        # Only on this path: the quick log's success never loads difflib.
        from netrack.domain.near_names import near_items

        # A campaign is named "Org Title": its title alone is compared too.
        ends = what.endswith("campaign")
        near = [
            _offered(item, items, dashes_are_spaces, fold)
            for item in near_items(query, items, dashes_are_spaces, fold, ends)
        ]
    told = f" (did you mean {CANDIDATES_APART.join(near)}?)" if near else ""
    return Unmatched(f"no {what} matches {query!r}{told}", what, tuple(near))


def resolve(
    query: str,
    items: Sequence[Item[T]],
    what: str = "contact",
    dashes_are_spaces: bool = False,
    fold: Fold = fold_name,
) -> T:
    """The one item `query` names; ResolveError listing the candidates (with their
    organization) otherwise. `dashes_are_spaces`: "ana-lopez" means "ana lopez", or,
    when that names no single item, the text as typed ("jean-luc" with a real hyphen)."""
    by_id = BY_ID.match(query)
    if by_id is not None:
        wanted = id_digits(by_id["id"])
        for item in items:
            if str(item[0]) == wanted:
                return item[0]
        raise ResolveError(f"no {what} with id {id_shown(wanted)}")
    twin = _twin(query, items, dashes_are_spaces, fold)
    if twin is not None:
        return twin[0]
    found = _best(query, items, dashes_are_spaces, fold)
    if len(found) == 1:
        return found[0][0]
    if not found:
        raise unmatched(query, items, what, dashes_are_spaces, fold)
    names = _labels(found, items, fold)
    raise ResolveError(f"{what} {query!r} is ambiguous: {listed(names)}", names)
