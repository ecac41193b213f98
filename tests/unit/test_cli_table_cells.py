"""CLI tables line up in terminal cells: emoji joined into one picture (👩‍👩‍👧), emoji
style (🏳️), skin tones and format characters measured as terminals draw them (the
organization column began up to six cells early on those rows)."""

from __future__ import annotations

import pytest
from rich.cells import cell_len

from netrack.listing import cell_width, table


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
