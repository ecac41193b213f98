"""`repo.scorecard.cards`: several cards at once (the Goals screen's running week, month,
quarter and year) are each the card read alone, and those as of the same day read the
contacts once: on a long history they are half of a card's reads."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from netrack.data.repo import scorecard as card_reads


def test_cards_as_of_one_day_read_the_contacts_once(repo, today, monkeypatch):
    ana = repo.contacts.add("Ana López", strength=4, met_on=today - timedelta(days=200))
    raj = repo.contacts.add("Raj Patel", met_on=today - timedelta(days=3))
    repo.activity.log([ana.id], on=today - timedelta(days=40), kind="call", meaningful=True)
    repo.activity.log([raj.id], on=today - timedelta(days=1), kind="coffee", meaningful=True)
    for kind in ("month", "quarter", "year"):
        repo.goals.add("meaningful_contacts", 2, period=kind)
    running = [repo.scorecard.period(kind) for kind in ("week", "month", "quarter", "year")]
    past = repo.scorecard.period("month", today - timedelta(days=62))
    alone = [repo.scorecard.card(period) for period in (*running, past)]

    reads = []
    contact_facts = card_reads.contact_facts  # type: ignore[attr-defined]

    def counted(days, as_of, *rest):
        reads.append(as_of)
        return contact_facts(days, as_of, *rest)

    monkeypatch.setattr(card_reads, "contact_facts", counted)
    together = repo.scorecard.cards([*running, past])

    assert together == alone  # figure for figure, goals included
    # Today's contacts once for the four running periods, the past month's as of its end.
    assert reads == [today, past.end]
    # Raj this month; Ana too in the year (40 days ago, in 2026).
    actual = {g.period.value: g.actual for g in together[0].goals if g.metric != "face_to_face"}
    assert (actual["month"], actual["year"]) == (1, 2)


def test_the_goals_alone_are_the_cards_goals_on_every_metric_and_period(demo_db, today):
    """`goals_of` (the Goals screen's read) measures each goal as the whole card does:
    every goal metric, every period kind, at least and at most, running cards and past
    ones, a goal cut at a week's end and one set mid-period."""
    from netrack.data.repo import Repo
    from netrack.domain.registry import GOAL_METRICS

    repo = Repo.open(demo_db, clock=lambda: today)
    with repo.store.bound():
        kinds = ("week", "month", "quarter", "year")
        for number, metric in enumerate(GOAL_METRICS):
            comparator = "at_most" if number % 3 == 0 else "at_least"
            since = today - timedelta(days=10 * number)
            repo.goals.add(metric, 1, comparator, kinds[number % 4], since=since)
            repo.goals.add(metric, 1, "at_least", kinds[(number + 1) % 4])
        periods = [repo.scorecard.period(kind) for kind in kinds]
        periods += [repo.scorecard.period(kind, today - timedelta(days=45)) for kind in kinds]
        periods.append(repo.scorecard.period("week", today + timedelta(days=7)))  # ahead

        alone = repo.scorecard.goals_of(periods)

        assert alone == [card.goals for card in repo.scorecard.cards(periods)]
        assert sum(map(len, alone)) > 8 * len(GOAL_METRICS)  # the goals were measured
        assert {g.met for goals in alone for g in goals} == {True, False, None}
    repo.close()


@pytest.mark.parametrize("week_start", [0, 6])  # monday, sunday
@pytest.mark.parametrize(
    "seen",
    [
        date(2026, 11, 18),  # mid-month, mid-week
        date(2026, 11, 30),  # a month's last day: its card is complete today
        date(2026, 9, 30),  # a quarter's last day
        date(2026, 12, 31),  # the year's last day, in a week that ends in January
        date(2026, 12, 29),  # a running week across the new year
        date(2027, 1, 2),  # the year's first days, the week begun in December
    ],
)
def test_running_goals_are_each_on_its_own_kinds_running_card(demo_db, seen, week_start):
    """The Goals screen's two reads (the week's card, the year's) judge every goal as
    the running card of its own kind does: month and quarter goals on the year's card
    are measured on the month and quarter holding today, to today."""
    from netrack.data.repo import Repo
    from netrack.domain.registry import GOAL_METRICS

    repo = Repo.open(demo_db, clock=lambda: seen)
    with repo.store.bound():
        repo.goals.set_setting("week_start", week_start)
        kinds = ("week", "month", "quarter", "year")
        for number, metric in enumerate(GOAL_METRICS):
            since = seen + timedelta(days=9 * (number % 5) - 20)  # some not started yet
            repo.goals.add(metric, 1, "at_least", kinds[number % 4], since=since)
            repo.goals.add(metric, 1, "at_most", kinds[(number + 1) % 4])
        goals = repo.goals.all()
        expected: dict[int, object] = {}
        for kind in kinds:
            own = repo.scorecard.period(kind)
            ids = {g.id for g in goals if g.period.value == kind and g.since <= own.end}
            (results,) = repo.scorecard.goals_of([own])
            expected.update((g.id, g) for g in results if g.id in ids)

        assert repo.scorecard.running_goals(goals) == expected
        assert len(expected) < len(goals)  # some start later: on no card yet
    repo.close()
