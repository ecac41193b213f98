"""Resolution rules a plain-ASCII name out from its lower case, without folding it
(`resolve._deciding`): the same candidates, in the same tier, as folding every name and
comparing (`matches`, which folds both sides and nothing else)."""

from __future__ import annotations

import unicodedata

from hypothesis import example, given, settings
from hypothesis import strategies as st

from netrack.domain.name_folding import INVISIBLE, LETTERS, fold_name
from netrack.domain.resolve import candidates, matches

# Names as people (and imports) write them: both cases, accents, dashes, underscores,
# runs of spaces, a tab, a letter that folds to two (ß), one that does not decompose (ø).
PIECES = st.sampled_from(
    [
        "Ana",
        "ana",
        "ANA",
        "López",
        "Lopez",
        "lo",
        "Zoë",
        "zoe",
        "Jean-Luc",
        "O_Neil",
        "Straße",
        "strasse",
        "Bjørn",
        "bjorn",
        "  ",
        " ",
        "\t",
        "-",
        "_",
        "e",
        "é",
        "Ana-Lo",
    ]
)
NAMES = st.lists(PIECES, min_size=1, max_size=4).map("".join)


def by_folding_every_name(query: str, names: list[str], dashes: bool) -> list[tuple[int, str]]:
    tiers = [(matches(query, name, dashes), i, name) for i, name in enumerate(names)]
    found = [t for t in tiers if t[0] is not None]
    if not found:
        return []
    best = min(t[0] for t in found)  # type: ignore[type-var]
    return [(i, name) for tier, i, name in found if tier == best]


@settings(max_examples=400, deadline=None)
@given(
    names=st.lists(NAMES, min_size=1, max_size=12),
    query=st.one_of(NAMES, st.text(max_size=6)),
    dashes=st.booleans(),
)
@example(names=["Ana  López", "ana-lopez", "Dana\tLo"], query="ana lo", dashes=True)
@example(names=["Jean-Luc Picard", "jean luc"], query="jean-luc", dashes=False)
@example(names=["Straße", "STRASSE"], query="strasse", dashes=False)
def test_ruling_names_out_unfolded_changes_no_answer(
    names: list[str], query: str, dashes: bool
) -> None:
    items = [(i, name) for i, name in enumerate(names)]
    assert candidates(query, items, dashes) == by_folding_every_name(query, names, dashes)


# The Combining Diacritical Marks blocks: the accents of Latin, Greek and Cyrillic letters.
DIACRITIC_BLOCKS = (
    (0x0300, 0x036F),
    (0x1AB0, 0x1AFF),
    (0x1DC0, 0x1DFF),
    (0x20D0, 0x20FF),
    (0xFE20, 0xFE2F),
)


# And the vowel points of Arabic and Hebrew (combining marks only: the maqaf, paseq and
# sof pasuq among them are punctuation), left out of names as typed.
VOWEL_POINTS = ((0x0591, 0x05C7), (0x0610, 0x061A), (0x064B, 0x065F), (0x0670, 0x0670))


def is_an_accent(char: str) -> bool:
    code = ord(char)
    if any(first <= code <= last for first, last in DIACRITIC_BLOCKS):
        return True
    points = any(first <= code <= last for first, last in VOWEL_POINTS)
    return points and unicodedata.combining(char) != 0


@settings(max_examples=300, deadline=None)
@given(text=st.text(), dashes=st.booleans())
@example(text="Zoë Ångström-Łukasz ß ﬁ Ǆ", dashes=True)
@example(text="Ana\u200b L\ufeffópez\u202e", dashes=False)
@example(text="ダン ﾀﾞﾝ 박민숙 प्रिया สุดา", dashes=False)
@example(text="آ مُحَمَّد שָׁלוֹם־", dashes=False)  # Arabic and Hebrew points; maqaf kept
def test_folding_drops_exactly_the_accents_and_what_nobody_sees(text: str, dashes: bool) -> None:
    """…spells the letters no decomposition touches (Ø, Ł, Æ) as keyboards do, and keeps
    every other mark, composed again (ダ, Hangul syllables)."""
    spelled = unicodedata.normalize("NFKD", text)
    kept = "".join(ch for ch in spelled if ord(ch) not in INVISIBLE and not is_an_accent(ch))
    kept = unicodedata.normalize("NFC", kept.translate(LETTERS))
    if dashes:
        kept = kept.replace("-", " ").replace("_", " ")
    assert fold_name(text, dashes) == " ".join(kept.casefold().split())


@settings(max_examples=300, deadline=None)
@given(text=st.text(), dashes=st.booleans())
def test_a_name_folds_alike_however_it_is_encoded(text: str, dashes: bool) -> None:
    """Composed, decomposed (as macOS pastes it), or in compatibility forms (full-width)."""
    folded = fold_name(text, dashes)
    for form in ("NFC", "NFD", "NFKC", "NFKD"):
        assert fold_name(unicodedata.normalize(form, text), dashes) == folded, form
