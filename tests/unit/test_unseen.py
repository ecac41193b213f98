"""Every character nobody sees is shown as an escape and compared as nothing: the table
`visible.UNSEEN` against Unicode's own categories, so a format character it misses (a
look-alike second contact, a raw byte on the terminal) fails here, not in a user's list."""

from __future__ import annotations

import sys
import unicodedata

from netrack.domain import visible as v
from netrack.domain.name_folding import INVISIBLE, fold

# Format characters that print a mark of their own (the number signs written over the
# digits that follow them): shown and compared as they are.
PRINTED = {0x0600, 0x0601, 0x0602, 0x0603, 0x0604, 0x0605, 0x06DD, 0x070F, 0x0890, 0x0891}
PRINTED |= {0x08E2, 0x110BD, 0x110CD}
# Shown as they are (emoji and scripts need them), compared as nothing.
JOINERS = {0x200C, 0x200D}
# The default-ignorable characters that are not format characters (Unicode's
# DerivedCoreProperties.txt): fillers, inherent vowels, selectors, the grapheme joiner.
IGNORABLE = {0x034F, 0x115F, 0x1160, 0x17B4, 0x17B5, *range(0x180B, 0x1810), 0x3164, 0xFFA0}
# Format characters assigned after the Unicode this Python knows (15.0: Egyptian).
LATER = set(range(0x13430, 0x13440))


def shown_escaped(code: int) -> bool:
    return v.visible(chr(code)) != chr(code)


def test_every_format_character_is_shown_escaped_and_compared_as_nothing() -> None:
    unseen = {
        code
        for code in range(sys.maxunicode + 1)
        if unicodedata.category(chr(code)) == "Cf" and code not in PRINTED
    }
    unseen |= IGNORABLE | LATER
    assert sorted(hex(c) for c in unseen - JOINERS if not shown_escaped(c)) == []
    assert sorted(hex(c) for c in unseen if c not in INVISIBLE) == []
    assert all(fold(f"Ana{chr(code)} López") == "ana lopez" for code in unseen)


def test_what_prints_a_mark_or_joins_is_left_as_it_is() -> None:
    assert [hex(c) for c in PRINTED | JOINERS if shown_escaped(c)] == []
    assert [hex(c) for c in PRINTED if c in INVISIBLE] == []
    # Variation selectors pick an emoji's look: shown, compared as nothing.
    assert v.visible("❤\ufe0f") == "❤\ufe0f" and fold("❤\ufe0f") == fold("❤")
