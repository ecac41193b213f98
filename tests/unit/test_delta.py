"""`delta.after_log`: merging one logged interaction into a card's facts, no database."""

from __future__ import annotations

import pytest

from netrack.domain import card_days, delta, metrics
from netrack.domain.facts import ContactFacts, FollowUpFacts, InteractionFacts, ScorecardInputs
from netrack.domain.models import Kind
from netrack.domain.weeks import Period, parse_week
from tests.unit.scenario import d

W48 = parse_week("2026-W48")  # 2026-11-23 … 11-29; its card looks back to 2026-08-31


def facts() -> ScorecardInputs:
    return ScorecardInputs(
        interactions=(InteractionFacts(d("2026-11-24"), Kind.CALL, (1,), 30, id=7),),
        contacts=(
            ContactFacts(1, d("2026-01-05"), strength=4, last_touch=d("2026-11-24"), name="A"),
            ContactFacts(2, d("2026-01-05"), strength=3, last_touch=d("2026-09-01"), name="B"),
        ),
        follow_ups=(FollowUpFacts(d("2026-11-25"), None),),
    )


def test_the_window_is_the_trend_weeks_the_90_days_and_the_month() -> None:
    assert card_days.card_window(W48) == (d("2026-08-31"), d("2026-11-29"))
    # a day (the agenda's period): its 90 days reach further back than its trend weeks
    day = Period(d("2026-11-27"), d("2026-11-27"), "today")
    assert card_days.card_window(day) == (d("2026-08-29"), d("2026-11-27"))


def test_adds_the_row_and_replaces_its_contacts_and_the_follow_ups() -> None:
    logged = InteractionFacts(d("2026-11-26"), Kind.IN_PERSON, (2,), 45, meaningful=True, id=8)
    b_now = ContactFacts(2, d("2026-01-05"), strength=3, last_touch=d("2026-11-26"), name="B")
    closed = (FollowUpFacts(d("2026-11-25"), d("2026-11-26")),)
    updated = delta.after_log(facts(), W48, logged, [b_now], closed)
    assert updated.interactions == (*facts().interactions, logged)
    assert updated.contacts == (facts().contacts[0], b_now)  # in place: same order
    assert updated.follow_ups == closed
    assert metrics.scorecard(updated, W48).going_cold == ()
    assert [c.name for c in metrics.scorecard(facts(), W48).going_cold] == ["B"]


def test_a_row_already_there_is_replaced_not_counted_twice() -> None:
    again = InteractionFacts(d("2026-11-24"), Kind.CALL, (1,), 30, id=7)
    updated = delta.after_log(facts(), W48, again, [], facts().follow_ups)
    assert updated.interactions == (again,)


def test_rows_outside_the_window_are_left_out_and_new_contacts_added() -> None:
    old = InteractionFacts(d("2026-08-30"), Kind.EMAIL, (3,), id=9)  # a day before the window
    newcomer = ContactFacts(3, d("2026-02-01"), name="C")
    updated = delta.after_log(facts(), W48, old, [newcomer], ())
    assert updated.interactions == facts().interactions
    assert updated.contacts == (*facts().contacts, newcomer)


def test_the_logged_row_needs_its_id() -> None:
    with pytest.raises(ValueError, match="id"):
        delta.after_log(facts(), W48, InteractionFacts(d("2026-11-26"), Kind.CALL, (1,)), [], ())
