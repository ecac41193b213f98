"""A card's long lists of rows (going cold, stalled) become JSON a column at a time: the
same objects, key for key, as each row made into JSON alone."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from netrack import present
from netrack.domain.models import Stage


@dataclass(frozen=True)
class Inner:
    day: date
    note: str


@dataclass(frozen=True)
class Row:
    id: int
    name: str
    stage: Stage | None
    last_touch: date | None
    hours: float | None  # rounded as the card's hours are
    rate: float  # rounded as a ratio
    inner: Inner | None
    tags: tuple[str, ...]


@dataclass(frozen=True)
class Other:
    id: int
    name: str


days = st.dates(date(1900, 1, 1), date(9999, 12, 31))
rows = st.builds(
    Row,
    id=st.integers(),
    name=st.text(max_size=6),
    stage=st.none() | st.sampled_from(list(Stage)),
    last_touch=st.none() | days,
    hours=st.none() | st.floats(-1e6, 1e6),
    rate=st.floats(0, 1),
    inner=st.none() | st.builds(Inner, days, st.text(max_size=3)),
    tags=st.lists(st.text(max_size=3), max_size=2).map(tuple),
)


def one_by_one(values: list[Any]) -> list[Any]:
    return [present._plain(value) for value in values]


@settings(max_examples=150, deadline=None)
@given(st.lists(rows, max_size=8))
def test_rows_of_one_kind_are_each_row_as_json(values: list[Row]) -> None:
    shown = present._plain(values)
    assert shown == one_by_one(values)
    assert [list(row) for row in shown] == [list(row) for row in one_by_one(values)]  # key order
    assert present._plain(tuple(values)) == shown


def test_mixed_kinds_and_plain_values_are_made_one_by_one() -> None:
    row = Row(1, "Ana", Stage.APPLIED, date(2026, 11, 2), 1.23456, 0.123456, None, ("a",))
    mixed = [row, Other(2, "Raj"), row]
    assert present._plain(mixed) == one_by_one(mixed)
    assert present._plain([row, None]) == [present._plain(row), None]
    assert present._plain([row])[0] == {
        "id": 1,
        "name": "Ana",
        "stage": "applied",
        "last_touch": "2026-11-02",
        "hours": 1.23,
        "rate": 0.1235,
        "inner": None,
        "tags": ["a"],
    }
