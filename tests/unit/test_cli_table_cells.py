"""CLI tables line up in terminal cells: emoji joined into one picture (👩‍👩‍👧), emoji
style (🏳️), skin tones and format characters measured as terminals draw them (the
organization column began up to six cells early on those rows)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from netrack import listing
from netrack.listing import cell_width, table, walked_width


@pytest.mark.parametrize(
    ("text", "cells"),
    [
        ("Family 👩\u200d👩\u200d👧", 9),
        ("Rainbow 🏳\ufe0f\u200d🌈", 10),
        ("Thumbs 👍🏽", 9),
        ("❤\ufe0f", 2),
        ("王小明", 6),
        ("Zoe\u0308", 3),
        ("a\u200bb", 2),
        # a joiner between letters joins nothing: the letter after it was not counted,
        # and the organization column began a cell early on that row (a sweep)
        ("Zero\u200dWidth", 9),
        ("日本\u200d語", 6),
        ("plain", 5),
        # a decomposed (NFD) Hangul syllable: vowels and finals drawn into the leading
        # consonant's two cells (they were counted one each: 8 cells, not 4)
        ("\u1100\u1175\u11b7\u1106\u1175\u11ab", 4),
        ("김민", 4),
        ("\u1112\ud7b0\ud7cb", 2),
    ],
)
def test_cells(text: str, cells: int) -> None:
    assert cell_width(text) == cells


def test_rows_with_joined_emoji_line_up() -> None:
    shown = table(
        ("name", "org"),
        [("Family 👩\u200d👩\u200d👧", "Acme"), ("Plain Name", "Acme"), ("王小明", "Acme")],
    ).splitlines()
    starts = [cell_width(line[: line.index("Acme")]) for line in shown[1:]]
    assert starts == [12, 12, 12]


def test_a_decomposed_korean_name_lines_up_as_a_terminal_draws_it() -> None:
    """`contact list` with a name typed in NFD jamo: the organization column began four
    cells late on its row. Measured as a terminal draws it (Rich's `cell_len`, as glibc's
    wcswidth), not with the function under test."""
    shown = table(
        ("name", "organization"),
        [("\u1100\u1175\u11b7\u1106\u1175\u11ab", "Acme"), ("Bob Smith", "Acme")],
    ).splitlines()
    starts = [cell_len(line[: line.index("Acme")]) for line in shown[1:]]
    assert starts == [shown[0].index("organization")] * 2


def test_every_character_taken_as_one_cell_is_one_cell_when_walked() -> None:
    """The written-out class of characters `cell_width` counts without walking: each is
    one cell by the walk (on this Python's Unicode tables), and a character just outside
    it (a combining mark, a format character, a wide one) is walked."""
    plain = [
        chr(code) for code in range(0x20, 0x2100) if listing._ONE_CELL_EACH.fullmatch(chr(code))
    ]
    assert len(plain) > 1_200
    assert [ch for ch in plain if walked_width(ch) != 1] == []
    for outside in ("\u0301", "\u00ad", "\u200b", "\u0483", "\u2028", "\u2e80"):
        assert not listing._ONE_CELL_EACH.fullmatch(outside)


@given(st.text(alphabet=st.characters(min_codepoint=0x20, max_codepoint=0x2100), max_size=12))
def test_a_text_is_as_wide_counted_as_walked(text: str) -> None:
    assert cell_width(text) == walked_width(text)
