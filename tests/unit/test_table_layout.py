"""The virtual table's columns fit its width: where their minimums are wider than the
table (the Contacts screen at 80 columns), the last columns give up cells, down to a
few, and their text ends in "…" (`VirtualTable._strip`) instead of the row's edge
cutting a word with nothing to say so."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from netrack.screens.contact_rows import COLUMNS
from netrack.widgets.virtual_table import GAP, MARKER, SHORTEST, Column, layout

COLUMN = st.builds(
    Column,
    key=st.just("k"),
    label=st.just("L"),
    width=st.one_of(st.none(), st.integers(1, 30)),
    ratio=st.integers(1, 4),
    min_width=st.integers(1, 14),
)


@given(columns=st.lists(COLUMN, min_size=1, max_size=7), total=st.integers(0, 200))
def test_columns_never_run_past_the_table_while_they_can_shrink(
    columns: list[Column], total: int
) -> None:
    widths = layout(columns, total)
    used = sum(widths) + GAP * len(columns)
    floor = sum(min(w, SHORTEST) for w in widths) + GAP * len(columns)
    assert used <= max(total, floor)
    assert len(widths) == len(columns)
    for width, column in zip(widths, columns, strict=True):
        assert width >= min(SHORTEST, column.width or column.min_width)


@given(
    columns=st.lists(COLUMN, min_size=1, max_size=7),
    total=st.integers(0, 200),
    label=st.text("Sx▲", min_size=1, max_size=14),
    at=st.integers(0, 6),
)
def test_the_sorted_column_keeps_its_label_and_marker_while_the_others_can_give(
    columns: list[Column], total: int, label: str, at: int
) -> None:
    at %= len(columns)
    columns[at] = replace(columns[at], key="sorted", label=label)
    widths = layout(columns, total, sorted_by="sorted")
    others = sum(min(w, SHORTEST) for i, w in enumerate(widths) if i != at)
    if len(label) + len(MARKER) + others + GAP * len(columns) <= total:
        assert widths[at] >= len(label) + len(MARKER)
    assert sum(widths) + GAP * len(columns) <= max(total, others + SHORTEST + GAP * len(columns))


def test_contacts_at_80_columns_squeeze_the_channel_and_keep_the_rest() -> None:
    # 74 cells: Name and Organization at their minimum (12), the fixed columns as they
    # are but Channel, 4 cells short of its 13 (78 wanted with the six gaps).
    assert layout(COLUMNS, 74) == [12, 12, 8, 17, 10, 9]
    assert layout(COLUMNS, 116) == [38, 24, 8, 17, 10, 13]  # wide: nothing taken
    # Sorted by strength or next touch: "Strength ▲", "Next touch ▲" whole.
    assert layout(COLUMNS, 116, sorted_by="strength")[2] == 10
    assert layout(COLUMNS, 74, sorted_by="next_touch")[4] == 12
