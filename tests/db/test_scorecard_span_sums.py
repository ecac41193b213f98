"""A long card reads its first days summed by SQLite (`SpanSums`): the card is the same,
figure for figure, as one computed from every row, and a log in those days keeps it so.

The demo's 12 weeks (2026-09-04 … 2026-11-27) with no goal longer than a month, and
`early_days` of history before them: the running year card 2026 reads the 90 days
before today (from 2026-08-29) row by row and 2026-01-01 … 2026-08-28 summed, which
holds that history.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import Any, cast

import pytest

from netrack.data import tables as t
from netrack.data.repo import Repo, card_facts
from netrack.data.repo.base import Days
from netrack.domain import metrics
from netrack.domain.facts import ReferralFacts, ScorecardInputs, TimeFacts
from netrack.domain.models import Direction, TimeCategory
from netrack.domain.weeks import Period
from tests.db.conftest import TODAY


def early_days(repo: Repo) -> None:
    """Interactions and time, from February to August 2026, in the days the running
    year card sums: of every kind, some meaningful, some linked to a campaign."""
    people = [c.id for c in repo.contacts.all()][:6]
    campaigns = [c.id for c in repo.campaigns.all()][:2]
    kinds = ("coffee", "call", "video", "event", "interview", "email")
    for n in range(24):
        on = date(2026, 2, 2) + timedelta(days=8 * n)
        campaign = campaigns[n % 2] if n % 3 else None
        repo.activity.log(
            [people[n % len(people)]],
            on=on,
            kind=kinds[n % len(kinds)],
            minutes=15 + n,
            meaningful=n % 2 == 0,
            campaign_id=campaign,
            cost=n / 4,
        )
        repo.time.add(30 + n, ("search", "busywork")[n % 2], on=on, campaign_id=campaign)


def every_row(repo: Repo, inputs: ScorecardInputs, period: Period) -> ScorecardInputs:
    """`inputs` with every interaction and time entry as a row, nothing summed."""
    interactions = card_facts.interaction_facts(
        Days(), date.min, period.end, given_from=period.start
    )
    entries = tuple(
        TimeFacts(on, minutes, TimeCategory(category), campaign)
        for on, minutes, category, campaign in cast(Any, t.TimeEntry.select)(
            t.TimeEntry.on, t.TimeEntry.minutes, t.TimeEntry.category, t.TimeEntry.campaign
        ).tuples()
    )
    return replace(
        inputs,
        interactions=interactions,
        time_entries=entries,
        detail_from=date.min,
        trend_days=(),
        span_sums=None,
    )


@pytest.mark.parametrize(
    ("kind", "on", "span"),
    [
        ("year", TODAY, (date(2026, 1, 1), date(2026, 8, 28))),
        # a past quarter: 90 days before 2026-09-30 is 07-02, so 07-01 alone is summed
        ("quarter", date(2026, 9, 15), (date(2026, 7, 1), date(2026, 7, 1))),
    ],
)
def test_summed_days_give_the_card_of_every_row(
    demo: Repo, kind: str, on: date, span: tuple[date, date]
) -> None:
    early_days(demo)
    period = demo.scorecard.period(kind, on)
    inputs = demo.scorecard.inputs(period)
    assert inputs.span_sums is not None
    assert (inputs.span_sums.start, inputs.span_sums.end) == span
    assert inputs.detail_from == span[1] + timedelta(days=1)
    card = metrics.scorecard(inputs, period)
    assert card == metrics.scorecard(every_row(demo, inputs, period), period)


def test_the_summed_days_are_not_empty(demo: Repo) -> None:
    # The demo starts 2026-09-04: the early days' history is summed, so the comparison
    # above means something.
    early_days(demo)
    inputs = demo.scorecard.inputs(demo.scorecard.period("year"))
    assert inputs.span_sums is not None
    assert sum(s.count for s in inputs.span_sums.interactions) == 24
    assert sum(s.minutes for s in inputs.span_sums.time) > 0


def test_a_log_in_the_summed_days_is_counted(demo: Repo) -> None:
    period = demo.scorecard.period("year")
    before = demo.scorecard.inputs(period)
    ana = demo.contacts.add("Ana Span", met_on=date(2026, 6, 1)).id
    entry = demo.activity.log([ana], on=date(2026, 6, 10), kind="call", minutes=30, cost=1.5)
    assert before.span_sums is not None
    assert before.span_sums.start <= entry.on <= before.span_sums.end
    updated = demo.scorecard.inputs_after_log(before, period, entry.id)
    fresh = demo.scorecard.inputs(period)
    assert updated.span_sums == fresh.span_sums
    card = metrics.scorecard(updated, period)
    assert card == metrics.scorecard(fresh, period)
    assert card.interactions == metrics.scorecard(before, period).interactions + 1


def test_summed_days_name_each_channel_as_the_rows_do(repo: Repo) -> None:
    """The year 2025 as of its end: 2025-01-01 … 2025-10-01 summed. Its interactions and
    time are linked to a campaign with a source (referral), one without (unspecified),
    one opened only in 2026, after the card's end (its source all the same, job_board:
    it read "unspecified", where the card of a later period said job_board for the same
    rows), or to none (unlinked); the summed card equals the card of every row."""
    ana = repo.contacts.add("Ana Span", met_on=date(2025, 1, 2)).id
    referral = repo.campaigns.add("Lead", "Acme", source="referral", opened_on=date(2025, 1, 5))
    plain = repo.campaigns.add("Data", "Globex", opened_on=date(2025, 1, 5))
    later = repo.campaigns.add("Ops", "Initech", source="job_board", opened_on=date(2026, 1, 10))
    for day, campaign in (
        (date(2025, 2, 3), referral.id),
        (date(2025, 3, 4), plain.id),
        (date(2025, 4, 5), later.id),  # linked before its campaign was opened: an import
        (date(2025, 5, 6), None),
    ):
        repo.activity.log([ana], on=day, kind="coffee", minutes=40, campaign_id=campaign, cost=2)
        repo.time.add(60, "search", on=day, campaign_id=campaign)
    period = repo.scorecard.period("year", date(2025, 12, 31))
    inputs = repo.scorecard.inputs(period)
    assert inputs.span_sums is not None and inputs.span_sums.end == date(2025, 10, 1)
    assert sorted((s.channel, s.linked, s.count) for s in inputs.span_sums.interactions) == [
        ("job_board", True, 1),  # Initech, opened later
        ("referral", True, 1),
        ("unlinked", False, 1),
        ("unspecified", True, 1),  # Globex, no source
    ]
    card = metrics.scorecard(inputs, period)
    assert card == metrics.scorecard(every_row(repo, inputs, period), period)
    # 40 minutes and 60 of search each
    assert {k: e.hours for k, e in card.effort_by_channel.items()} == {
        "job_board": 100 / 60,
        "referral": 100 / 60,
        "unspecified": 100 / 60,
        "unlinked": 100 / 60,
    }
    assert card.face_to_face == 3  # coffee linked to a campaign, any campaign


@pytest.mark.parametrize("kind", ["week", "month", "quarter", "year"])
@pytest.mark.parametrize("seen", [date(2026, 9, 20), date(2026, 10, 3), TODAY])
def test_a_running_card_equals_the_card_of_every_row(demo_db: Any, kind: str, seen: date) -> None:
    """Whatever a card reads summed or leaves out (its window), a running card equals
    the card computed from every row of the history: interactions, time, referrals
    and follow-ups. Seen on days where the 90 days before today reach before the
    period's window (the fix of the eighth session)."""
    repo = Repo.open(demo_db, clock=lambda: seen)
    try:
        with repo.store.bound():
            early_days(repo)
            for goal in repo.goals.all():
                if goal.period.value in ("quarter", "year"):
                    repo.goals.delete(goal.id)
            period = repo.scorecard.period(kind)
            inputs = repo.scorecard.inputs(period)
            everything = replace(
                every_row(repo, inputs, period),
                referrals=tuple(
                    ReferralFacts(on, Direction(direction))
                    for on, direction in cast(Any, t.Referral.select)(
                        t.Referral.on, t.Referral.direction
                    )
                    .where(t.Referral.on <= period.end)
                    .tuples()
                ),
                follow_ups=card_facts.follow_up_facts(Days(), date.min, period.end),
            )
            assert metrics.scorecard(inputs, period) == metrics.scorecard(everything, period)
    finally:
        repo.close()


@pytest.mark.parametrize("backend", ["sqlite"])  # the only engine that keeps sums
def test_a_span_kept_by_an_older_version_is_not_read_back(repo: Repo) -> None:
    """A span kept before (its channels as of the card's end: `until` that day) is never
    read again: its rows said "unspecified" for a campaign opened later. Dropped as the
    next span is kept, so they do not stay in the file for ever."""
    ana = repo.contacts.add("Ana Span", met_on=date(2025, 1, 2)).id
    later = repo.campaigns.add("Ops", "Initech", source="job_board", opened_on=date(2026, 1, 10))
    repo.activity.log([ana], on=date(2025, 4, 5), kind="call", minutes=40, campaign_id=later.id)
    db = t.Interaction._meta.database
    old = ("2025-01-01", "2025-10-01", "2025-12-31")
    with repo.writing():
        db.execute_sql('INSERT INTO "span_kept" VALUES (?, ?, ?)', old)
        db.execute_sql(
            'INSERT INTO "span_sums" VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
            (*old, "i", "call", "unspecified", 1, 40, 0, 0, 0, 0),
        )
    period = repo.scorecard.period("year", date(2025, 12, 31))
    for _ in range(2):  # kept at the first read, read back at the second
        card = metrics.scorecard(repo.scorecard.inputs(period), period)
        assert {k: e.hours for k, e in card.effort_by_channel.items()} == {"job_board": 40 / 60}
    kept = db.execute_sql('SELECT DISTINCT "until" FROM "span_sums"').fetchall()
    assert [str(until) for (until,) in kept] == ["9999-12-31"]
