"""How names are folded before they are compared: case, accents, the characters nobody
sees, letters written with a stroke and typographic apostrophes set aside, so `@zoe` finds
"Zoë" and `@oystein` Øystein. Resolution (`resolve`), the lists' order and every lookup of
a name compare names in this form."""

from __future__ import annotations

import unicodedata

from netrack.domain.visible import UNSEEN

# Characters nobody sees (`visible.UNSEEN`: zero-width space, word joiner, byte order
# mark, the bidirectional marks and controls, tags …), and the joiners and variation
# selectors that `visible` shows as they are, since emoji and scripts need them. Two names
# that differ only by them look the same, so they compare the same.
INVISIBLE = dict.fromkeys(
    [
        *(code for first, last in UNSEEN for code in range(first, last + 1)),
        *(0x200C, 0x200D),  # zero-width non-joiner and joiner
        *range(0xFE00, 0xFE10),  # variation selectors
        *range(0xE0100, 0xE01F0),
    ]
)


# Letters written with a stroke or as a ligature, which no decomposition turns into the
# letter a keyboard without them types: `@oystein` finds Øystein, `@lukasz` Łukasz; the
# Catalan middle dot (Ŀ decomposes to L·): `@luis` finds Ŀuis, `collega` col·lega; and
# typographic apostrophes and hyphens.
LETTERS = str.maketrans(
    {
        "Ø": "O", "ø": "o", "Ł": "L", "ł": "l", "Đ": "D", "đ": "d", "Ħ": "H", "ħ": "h",
        "Ŧ": "T", "ŧ": "t", "·": "", "Ƀ": "B", "ƀ": "b", "Ɨ": "I", "ɨ": "i", "ı": "i",
        "Æ": "Ae", "æ": "ae", "Œ": "Oe", "œ": "oe", "Þ": "Th", "þ": "th", "Ð": "D", "ð": "d",
        # Apostrophes and hyphens as phones and word processors type them: O’Neill
        # from LinkedIn is the O'Neill of an address book.
        "’": "'", "‘": "'", "ʼ": "'", "‛": "'", "′": "'", "＇": "'", "‐": "-", "‑": "-",
    }
)  # fmt: skip


# The accents people leave out when typing on a keyboard without them: the marks of the
# Combining Diacritical Marks blocks, which the accented letters of Latin, Greek and
# Cyrillic decompose into. Not every combining mark: the voicing mark that makes タ ダ,
# the Devanagari virama, Thai vowels written below are parts of letters, and dropping them
# made ダン a duplicate of タン and 박민수 (Hangul, whose syllables decompose into their
# letters) a name 박민숙 starts with.
_ACCENT_BLOCKS = (
    (0x0300, 0x036F),  # Combining Diacritical Marks
    (0x1AB0, 0x1AFF),  # … Extended
    (0x1DC0, 0x1DFF),  # … Supplement
    (0x20D0, 0x20FF),  # … for Symbols
    (0xFE20, 0xFE2F),  # Combining Half Marks
)
# And the vowel points of Arabic (harakat, shadda, sukun) and Hebrew (niqqud): written
# in a Quran or a children's book, left out in names as typed ("محمد" finds "مُحَمَّد").
_VOWEL_POINTS = ((0x0591, 0x05C7), (0x0610, 0x061A), (0x064B, 0x065F), (0x0670, 0x0670))
DIACRITICS = dict.fromkeys(
    code for first, last in _ACCENT_BLOCKS for code in range(first, last + 1)
) | dict.fromkeys(
    code
    for first, last in _VOWEL_POINTS
    for code in range(first, last + 1)
    if unicodedata.combining(chr(code))  # not the maqaf, paseq and sof pasuq among them
)
# What folding leaves out or respells, once decomposed, in one table: one `translate` in C
# (a generator over the characters took ~8 µs a name, and a log resolves against every
# name). No decomposition makes or splits a character nobody sees, so they go here too.
_RESPELLED = INVISIBLE | DIACRITICS | LETTERS


def fold_name(text: str, dashes_are_spaces: bool) -> str:
    """Case- and accent-insensitive: `@zoe` finds "Zoë", `@lopez` finds "López" (people
    type names on keyboards without their accents); characters nobody sees do not count.
    Other scripts' letters stay whole: "ダン" is not "タン", "박민수" is not in "박민숙"."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text).translate(_RESPELLED)
        if not text.isascii():  # most names are, once their accents are gone
            # Composed again: a syllable or a voiced kana is one character, not a
            # prefix of others ("수" of "숙").
            text = unicodedata.normalize("NFC", text)
    if dashes_are_spaces:
        text = text.replace("-", " ").replace("_", " ")
    return " ".join(text.casefold().split())


def fold(text: str) -> str:
    """The form names are compared in: case-, accent- and spacing-insensitive."""
    return fold_name(text, dashes_are_spaces=False)


# The longest folded name kept as a contact's key (schema 19, `contact.name_key`): a
# PostgreSQL btree entry holds 2,704 bytes, 600 characters of four bytes fit. A longer
# name (another program's, an old import's) has none and is folded as it is read.
KEPT_FOLD_MAX = 600


def kept_fold(name: str) -> str | None:
    """A contact's stored key: `fold(name)`, or None when it is too long to keep."""
    key = fold(name)
    return key if len(key) <= KEPT_FOLD_MAX else None


def dashes_as_spaces(folded: str) -> str:
    """`fold_name(text, True)` from `fold_name(text, False)` (`folded`), without folding
    `text` again: folding keeps "-" and "_" as they are and makes neither, so they can
    be read as spaces after it as well as before. A caller that remembers one folded
    form of each name (`repo.contacts.fold`) needs no second one, nor a second
    decomposition of a name beyond ASCII (the slow part: ~1 µs a name)."""
    if "-" not in folded and "_" not in folded:
        return folded
    return " ".join(folded.replace("-", " ").replace("_", " ").split())


# The most words of one @name a log's read of names is narrowed by: its longest.
WORDS_NARROWED_BY = 3


def words_of_every_match(query: str) -> tuple[str, ...] | None:
    """Words that every name `query` can match holds once folded (at most
    `WORDS_NARROWED_BY`, the longest), or None when none can be told (an `id:`, a
    twin's `[id:N]`, nothing typed).

    Every tier of resolution finds names whose folded form holds the folded query, so
    each of its words (split on dashes and underscores too: a folded name keeps them,
    and a word holds none). A long list of names narrowed to those whose folded name
    (the key kept with it, schema 19) holds every word holds every match the whole
    list does: a `netrack log` then folds a few names, not 50,000. (One word alone
    narrowed `@"Ana Chen 0177"` to the 2,500 Chens of a long history; a name in
    another script read every name.)"""
    if "[" in query or query.lstrip().casefold().startswith("id:"):
        return None
    name = query.split("(", 1)[0]  # "Ana (Acme)": the organization narrows, the name matches
    # Folded with dashes and underscores as spaces: its words are split on them too
    words = set(fold_name(name, dashes_are_spaces=True).split())
    # Longer than a name may be (`validate.name`): read them all, and a LIKE pattern
    # SQLite would refuse (50,000 bytes at most) is never written.
    if not words or any(len(word) > 300 for word in words):
        return None
    return tuple(sorted(words, key=lambda word: (-len(word), word))[:WORDS_NARROWED_BY])
