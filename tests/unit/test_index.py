"""`ByDate` built like another one (the facts after a log, `like=`) finds exactly what one
built afresh finds, in the same order: rows with the same dates in the same places, one
row added at the end, or anything else (sorted afresh)."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from netrack.domain.index import ByDate

START = date(2026, 1, 1)
days = st.integers(0, 20).map(lambda n: START + timedelta(days=n))
rows = st.lists(st.tuples(days, st.integers()), max_size=30)


def on(row: tuple[date, int]) -> date:
    return row[0]


def same_answers(built: ByDate[tuple[date, int]], fresh: ByDate[tuple[date, int]]) -> None:
    assert (built.order, built.days) == (fresh.order, fresh.days)
    for first in range(0, 22, 3):
        for last in range(first, 22, 4):
            span = (START + timedelta(days=first), START + timedelta(days=last))
            assert built.within(*span) == fresh.within(*span)


@given(before=rows, added=st.none() | st.tuples(days, st.integers()), changed=st.booleans())
def test_an_index_like_another_finds_what_a_fresh_one_finds(
    before: list[tuple[date, int]], added: tuple[date, int] | None, changed: bool
) -> None:
    after = [*before, added] if added is not None else list(before)
    if changed and after:  # a row's date moved: nothing can be taken over
        after[0] = (after[0][0] + timedelta(days=1), after[0][1])
    like = ByDate(before, on)
    same_answers(ByDate(after, on, like), ByDate(after, on))


def test_a_row_added_at_the_end_goes_after_the_rows_of_its_date() -> None:
    before = [(START, 1), (START + timedelta(days=2), 2), (START, 3)]
    after = [*before, (START, 4)]
    built = ByDate(after, on, ByDate(before, on))
    assert built.within(START, START) == [(START, 1), (START, 3), (START, 4)]
    assert built.order == [0, 2, 3, 1]
