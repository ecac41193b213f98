"""The 12-week trend is computed by a lighter function than the full card: prove that each
trend value equals the full card of that week, on the demo data and on a past week."""

from __future__ import annotations

from datetime import date

import pytest

from netrack.data.repo import Repo
from netrack.domain import card_days, metrics, registry
from netrack.domain.weeks import trailing_weeks
from tests.db.conftest import TODAY


@pytest.mark.parametrize("as_of", [TODAY, date(2026, 10, 14)])
def test_trend_matches_the_full_card_of_each_week(demo_repo: Repo, as_of: date) -> None:
    repo = demo_repo
    period = repo.scorecard.week(as_of)
    card = repo.scorecard.card(period)
    weeks = trailing_weeks(period, card_days.TREND_WEEKS)
    assert tuple(w.label for w in weeks) == card.trend_labels
    inputs = repo.scorecard.inputs(period)
    nonzero = 0
    for index, week in enumerate(weeks):
        full = metrics.core_metrics(inputs, week)
        for key in registry.TREND_KEYS:
            value = registry.value(full, key)
            # equal, and of the same type: 2 and 2.0 are not the same JSON
            assert repr(card.trend[key][index]) == repr(value), (week.label, key)
            nonzero += bool(value)
    assert nonzero > 20  # the demo's weeks are not empty: the comparison means something
