"""A card updated after a log (`Repo.scorecard.inputs_after_log`) equals one read afresh.

Each scenario reads a card's facts, logs one interaction through the same call as the
CLI and the TUI, then compares the updated facts with a fresh `scorecard_inputs` of the
same period: the same rows (in any order) and the same card, figure for figure. The
figures the log should move are checked by hand too, so a scenario cannot pass by
changing nothing.

"Today" is Friday 2026-11-27; W48 is Monday 11-23 … Sunday 11-29.
"""

from __future__ import annotations

import tempfile
from collections import Counter
from collections.abc import Callable
from datetime import date, timedelta
from operator import attrgetter
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netrack.data import tables as t
from netrack.data.repo import Repo
from netrack.domain import metrics, registry
from netrack.domain.card import FollowUps, Scorecard
from netrack.domain.card_reuse import AfterLog
from netrack.domain.entries import Interaction
from netrack.domain.facts import ScorecardInputs
from netrack.domain.weeks import Period, parse_week

W40, W47, W48 = (parse_week(f"2026-W{n}") for n in (40, 47, 48))
TODAY = date(2026, 11, 27)


def d(text: str) -> date:
    return date.fromisoformat(text)


def same_rows(updated: ScorecardInputs, fresh: ScorecardInputs) -> None:
    assert Counter(updated.interactions) == Counter(fresh.interactions)
    by_id = attrgetter("id")
    assert sorted(updated.contacts, key=by_id) == sorted(fresh.contacts, key=by_id)
    assert Counter(updated.follow_ups) == Counter(fresh.follow_ups)
    assert sorted(updated.trend_days, key=attrgetter("on")) == sorted(
        fresh.trend_days, key=attrgetter("on")
    )
    assert sorted(updated.meaningful_days, key=attrgetter("on")) == sorted(
        fresh.meaningful_days, key=attrgetter("on")
    )
    for name in ("campaigns", "referrals", "time_entries", "goals", "settings", "detail_from"):
        assert getattr(updated, name) == getattr(fresh, name), name


def log_and_compare(
    repo: Repo, period: Period, log: Callable[[], Interaction]
) -> tuple[Scorecard, Scorecard]:
    """(card before, card after) the log, after checking the update equals a fresh read,
    and that the card taken over from the one before (as the Scorecard screen computes
    it) equals the card computed afresh."""
    before = repo.scorecard.inputs(period)
    card_before, parts = metrics.scorecard_and_parts(before, period)
    entry = log()
    updated, logged = repo.scorecard.update_after_log(before, period, entry.id)
    fresh = repo.scorecard.inputs(period)
    same_rows(updated, fresh)
    card = metrics.scorecard(updated, period)
    assert card == metrics.scorecard(fresh, period)
    taken, taken_parts = metrics.scorecard_and_parts(
        updated, period, AfterLog(card_before, parts, logged)
    )
    assert taken == card
    # Applying the same log again changes nothing: a load that already read it is safe,
    # and so is a card taken over from one that was itself taken over.
    again, logged_again = repo.scorecard.update_after_log(updated, period, entry.id)
    assert metrics.scorecard(again, period) == card
    after_again = AfterLog(taken, taken_parts, logged_again)
    assert metrics.scorecard_and_parts(again, period, after_again)[0] == card
    return card_before, taken  # equal to the card computed afresh (above)


def test_a_log_this_week(repo: Repo) -> None:
    ana = repo.contacts.add("Ana", met_on=d("2026-10-01"), strength=2).id
    repo.activity.log([ana], on=d("2026-11-24"), kind="call", minutes=15, cost=0.1)
    before, after = log_and_compare(
        repo,
        W48,
        lambda: repo.activity.log(
            [ana], on=d("2026-11-26"), kind="coffee", minutes=45, meaningful=True, cost=0.2
        ),
    )
    assert (before.interactions, after.interactions) == (1, 2)
    assert (before.meaningful_contacts, after.meaningful_contacts) == (0, 1)
    assert after.hours_invested == 1.0
    assert after.spend == 0.3  # in cents: not 0.30000000000000004, in any row order
    assert after.relationship_quality == 2.0
    assert after.trend["meaningful_contacts"][-1] == 1


def test_a_backdated_log_inside_the_trend_window(repo: Repo) -> None:
    ana = repo.contacts.add("Ana", met_on=d("2026-06-01")).id
    before, after = log_and_compare(
        repo,
        W48,
        lambda: repo.activity.log([ana], on=d("2026-10-07"), kind="video", meaningful=True),
    )
    assert after.interactions == before.interactions == 0
    assert list(before.trend["meaningful_contacts"]) == [0] * 12
    assert list(after.trend["meaningful_contacts"]) == [0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0]
    assert after.trend_labels[4] == "2026-W41"


def test_relationship_quality_counts_a_meaningful_log_of_the_90_days_only(repo: Repo) -> None:
    """The card taken over adds a contact to the 90 days' meaningful ones only when the
    log is dated in them: W48 is running, measured as of today (11-27), so its 90 days
    start on 08-30."""
    ana = repo.contacts.add("Ana", met_on=d("2026-01-05"), strength=2).id
    bo = repo.contacts.add("Bo", met_on=d("2026-01-05"), strength=4).id
    repo.activity.log([ana], on=d("2026-11-02"), meaningful=True)
    _, outside = log_and_compare(
        repo, W48, lambda: repo.activity.log([bo], on=d("2026-08-29"), meaningful=True)
    )
    assert outside.relationship_quality == 2.0  # Bo's talk is a day too early
    _, inside = log_and_compare(
        repo, W48, lambda: repo.activity.log([bo], on=d("2026-08-30"), meaningful=True)
    )
    assert inside.relationship_quality == 3.0  # (2 + 4) / 2


def test_a_week_card_reads_its_week_and_the_90_days_meaningful_contacts(repo: Repo) -> None:
    """W48's rows start on its Monday; the 90 days before today come as each day's
    meaningful contacts, a meaningful log among them added to its day."""
    ana = repo.contacts.add("Ana", met_on=d("2026-01-05"), strength=2).id
    bo = repo.contacts.add("Bo", met_on=d("2026-01-05"), strength=5).id
    repo.activity.log([ana], on=d("2026-09-14"), meaningful=True)
    repo.activity.log([ana, bo], on=d("2026-10-01"), kind="email")  # not meaningful
    before = repo.scorecard.inputs(W48)
    assert before.detail_from == d("2026-11-23")
    assert before.interactions == ()
    assert [(m.on, m.people) for m in before.meaningful_days] == [
        (d("2026-09-14"), frozenset({ana}))
    ]
    _, after = log_and_compare(
        repo, W48, lambda: repo.activity.log([bo], on=d("2026-09-14"), value_received="intro")
    )
    assert after.relationship_quality == 3.5  # (2 + 5) / 2
    assert after.interactions == after.meaningful_contacts == 0


def test_a_log_outside_the_window_still_moves_the_last_touch(repo: Repo) -> None:
    warm = repo.contacts.add("Warm", met_on=d("2025-06-01"), strength=4).id
    before, after = log_and_compare(
        repo, W48, lambda: repo.activity.log([warm], on=d("2026-01-10"), kind="email")
    )
    assert after.interactions == after.trend["meaningful_contacts"][-1] == 0
    # W48 is running on 11-27: idle days are counted to today, not to Sunday 11-29.
    assert [c.days_idle for c in before.going_cold] == [(TODAY - d("2025-06-01")).days]
    assert after.going_cold[0].last_touch == d("2026-01-10")
    assert after.going_cold[0].days_idle == (TODAY - d("2026-01-10")).days


def test_a_touch_dated_after_today_is_no_last_touch_yet(repo: Repo, where: object) -> None:
    """A touch dated Sunday 11-29 (kept from an import made in a time zone ahead) was
    the last touch of Ben and of Acme Eng on the running W48, read on Friday 11-27: Ben
    was not going cold, before a back-dated log or after it, and the log did not take
    Acme Eng off the stalled list."""
    ben = repo.contacts.add("Ben", met_on=d("2026-06-01"), strength=4).id
    repo.goals.configure("stalled_days", "120")
    job = repo.campaigns.add("Eng", "Acme", stage="applied", opened_on=d("2026-06-01")).id
    ahead = Repo.open(where, clock=lambda: d("2026-11-29"))  # type: ignore[arg-type]
    try:
        ahead.activity.log([ben], on=d("2026-11-29"), campaign_id=job)
    finally:
        ahead.close()
    # 08-20 is before W48's 90 days (from 08-30): only the last touches tell it
    before, after = log_and_compare(
        repo, W48, lambda: repo.activity.log([ben], on=d("2026-08-20"), campaign_id=job)
    )
    assert [(c.name, c.last_touch, c.days_idle) for c in before.going_cold] == [("Ben", None, 179)]
    assert [(s.name, s.days_idle) for s in before.stalled] == [("Acme Eng", 179)]
    assert [(c.name, c.last_touch, c.days_idle) for c in after.going_cold] == [
        ("Ben", d("2026-08-20"), 99)
    ]
    assert after.stalled == ()  # idle 99 days, under 120


def test_a_log_after_the_period_changes_nothing_in_it(repo: Repo) -> None:
    ana = repo.contacts.add("Ana", met_on=d("2026-01-05"), strength=3).id
    repo.activity.log([ana], on=d("2026-09-29"), follow_up_on=d("2026-10-02"))
    before, after = log_and_compare(
        repo, W40, lambda: repo.activity.log([ana], on=TODAY, kind="call")
    )
    assert after == before
    assert after.follow_ups == FollowUps(due=1, on_time=0, overdue=1)  # closed too late


def test_a_log_with_a_follow_up(repo: Repo) -> None:
    ana = repo.contacts.add("Ana", met_on=d("2026-10-01")).id
    before, after = log_and_compare(
        repo,
        W48,
        lambda: repo.activity.log([ana], on=d("2026-11-24"), follow_up_on=d("2026-11-28")),
    )
    assert before.follow_ups == FollowUps(due=0, on_time=0, overdue=0)
    # Due tomorrow (11-28) in the running week: due, but not overdue today.
    assert after.follow_ups == FollowUps(due=1, on_time=0, overdue=0)


def test_a_log_closes_earlier_open_follow_ups(repo: Repo) -> None:
    ana, ben, cy = (repo.contacts.add(n, met_on=d("2026-01-05")).id for n in ("Ana", "Ben", "Cy"))
    repo.activity.log([ana], on=d("2026-11-10"), follow_up_on=d("2026-11-25"))  # this week
    repo.activity.log([cy], on=d("2026-03-02"), follow_up_on=d("2026-03-09"))  # old
    repo.activity.log([ben], on=d("2026-11-20"), follow_up_on=d("2026-11-30"))  # next week
    before, after = log_and_compare(
        repo, W48, lambda: repo.activity.log([ana, cy], on=d("2026-11-24"), kind="message")
    )
    # open before: 11-25 (due this week) and 03-09 (long overdue, read because still open)
    assert before.follow_ups == FollowUps(due=1, on_time=0, overdue=2)
    # Ana's touch on 11-24 closes both, the first in time; Ben's 11-30 is not due yet
    assert after.follow_ups == FollowUps(due=1, on_time=1, overdue=0)


def test_a_log_closes_a_follow_up_marked_done_after_today(repo: Repo) -> None:
    """A follow-up marked done tomorrow (an import from a netrack whose clock ran ahead)
    is pending today: not on time on the running week, overdue once past its due day.
    A touch today closes it, on time or late as its due day says."""
    ana, ben = (repo.contacts.add(n, met_on=d("2026-01-05")).id for n in ("Ana", "Ben"))
    on_time = repo.activity.log([ana], on=d("2026-11-24"), follow_up_on=d("2026-11-28"))
    late = repo.activity.log([ben], on=d("2026-11-23"), follow_up_on=d("2026-11-25"))
    t.Interaction.update(follow_up_done_on=d("2026-11-28")).where(
        t.Interaction.id.in_([on_time.id, late.id])
    ).execute()
    before, after = log_and_compare(
        repo, W48, lambda: repo.activity.log([ana, ben], on=TODAY, kind="call")
    )
    assert before.follow_ups == FollowUps(due=2, on_time=0, overdue=1)
    assert after.follow_ups == FollowUps(due=2, on_time=1, overdue=0)


def test_a_warm_contact_going_cold_is_warm_again(repo: Repo) -> None:
    warm = repo.contacts.add("Warm", met_on=d("2026-01-05"), strength=4).id
    cool = repo.contacts.add("Cool", met_on=d("2026-01-05"), strength=2).id
    repo.activity.log([warm], on=d("2026-09-01"))
    before, after = log_and_compare(
        repo, W48, lambda: repo.activity.log([warm, cool], on=d("2026-11-25"))
    )
    assert [c.name for c in before.going_cold] == ["Warm"]
    assert after.going_cold == ()


def test_several_contacts_and_one_met_after_the_period(repo: Repo) -> None:
    a, b, c = (repo.contacts.add(n, met_on=d("2026-02-01"), strength=s).id for n, s in
               (("A", 5), ("B", 3), ("C", None)))  # fmt: skip
    later = repo.contacts.add("Later", met_on=d("2026-11-26")).id  # after W47
    before, after = log_and_compare(
        repo,
        W47,
        lambda: repo.activity.log([a, b, c, later], on=d("2026-11-18"), value_received="an intro"),
    )
    assert (before.meaningful_contacts, after.meaningful_contacts) == (0, 4)
    assert after.relationship_quality == 4.0  # (5 + 3) / 2: C has no strength
    assert after.new_contacts == 0  # Later was met after W47: not in its facts


def test_a_contact_the_old_facts_never_saw(repo: Repo) -> None:
    repo.organizations.add("Acme", industry="Fintech")
    repo.contacts.add("Old", organization="Acme", met_on=d("2026-03-01"))
    period = W48
    before_inputs = repo.scorecard.inputs(period)
    card_before, parts = metrics.scorecard_and_parts(before_inputs, period)
    new = repo.contacts.add("New", industry="health", met_on=d("2026-11-24"), strength=4).id
    entry = repo.activity.log([new], on=d("2026-11-25"), meaningful=True)
    updated, logged = repo.scorecard.update_after_log(before_inputs, period, entry.id)
    fresh = repo.scorecard.inputs(period)
    same_rows(updated, fresh)
    card = metrics.scorecard(updated, period)
    assert card == metrics.scorecard(fresh, period)
    assert card.diversity.industry == 0.5 and card.new_contacts == 1
    # The card taken over from the one before measures the network again: it grew.
    taken = metrics.scorecard_and_parts(updated, period, AfterLog(card_before, parts, logged))
    assert taken[0] == card and card_before.network.size == 1


def test_a_campaign_linked_log(repo: Repo) -> None:
    ana = repo.contacts.add("Ana", met_on=d("2026-10-01")).id
    job = repo.campaigns.add("Role", "Acme", stage="networking", opened_on=d("2026-10-01")).id
    before, after = log_and_compare(
        repo,
        W48,
        lambda: repo.activity.log([ana], on=d("2026-11-23"), kind="video", campaign_id=job),
    )
    assert (before.face_to_face, after.face_to_face) == (0, 1)
    assert [s.name for s in before.stalled] == ["Acme Role"]
    assert after.stalled == ()


def test_month_goals_follow_the_log(repo: Repo) -> None:
    ana = repo.contacts.add("Ana", met_on=d("2026-10-01")).id
    repo.goals.add("interactions", 2, period="month")
    repo.activity.log([ana], on=d("2026-11-03"))
    before, after = log_and_compare(repo, W48, lambda: repo.activity.log([ana], on=TODAY))

    def month(card: Scorecard) -> list[tuple[Any, bool | None]]:
        return [
            (g.actual, g.met)
            for g in card.goals
            if (g.metric, g.period) == ("interactions", "month")
        ]

    # November is running on 11-27: 1 of 2 is not decided yet; 2 of 2 is met for good.
    assert (month(before), month(after)) == ([(1, None)], [(2, True)])


def test_goals_a_log_cannot_move_are_taken_over_the_rest_measured_again(repo: Repo) -> None:
    """Every goal metric, as month and quarter goals on a week card: those on stages,
    referrals and time entries are the card before's (the log cannot move them), the
    rest measured again over their spans; the whole card equals a fresh one."""
    ana = repo.contacts.add("Ana", met_on=d("2026-10-01"), strength=4).id
    job = repo.campaigns.add("Role", "Acme", stage="applied", opened_on=d("2026-10-01")).id
    repo.campaigns.move(job, "interviewing", on=d("2026-11-10"))
    repo.referrals.add(ana, "in", on=d("2026-11-05"))
    repo.referrals.add(ana, "out", on=d("2026-11-06"))
    repo.time.add(90, "busywork", on=d("2026-11-04"))
    repo.time.add(60, "off", on=d("2026-11-04"))
    repo.activity.log([ana], on=d("2026-11-03"), meaningful=True, minutes=30)
    for metric in registry.GOAL_METRICS:
        for kind in ("month", "quarter"):
            repo.goals.add(metric, 1, period=kind)
    before, after = log_and_compare(
        repo, W48, lambda: repo.activity.log([ana], on=TODAY, kind="coffee", minutes=45)
    )
    kept = {g.id: g for g in before.goals}
    for goal in after.goals:
        reach = registry.BY_KEY[goal.metric].log_reach
        assert (goal is kept[goal.id]) == (reach != registry.LogReach.MOVES), goal.metric
    moved = {(g.metric, g.period.value): g.actual for g in after.goals}
    assert moved["interactions", "month"] == 2 and moved["referrals_in", "quarter"] == 1
    assert moved["stage_advances", "month"] == 1 and moved["hours_busywork", "month"] == 1.5


def test_a_log_adding_a_contact_measures_its_network_goals_again(repo: Repo) -> None:
    repo.contacts.add("Old", met_on=d("2026-03-01"))
    repo.goals.add("new_contacts", 1, period="month")
    repo.goals.add("referrals_in", 1, period="month")
    period = W48
    before_inputs = repo.scorecard.inputs(period)
    card_before, parts = metrics.scorecard_and_parts(before_inputs, period)
    new = repo.contacts.add("New", met_on=d("2026-11-02")).id  # in November, before W48
    entry = repo.activity.log([new], on=TODAY)
    updated, logged = repo.scorecard.update_after_log(before_inputs, period, entry.id)
    taken = metrics.scorecard_and_parts(updated, period, AfterLog(card_before, parts, logged))[0]
    assert taken == metrics.scorecard(repo.scorecard.inputs(period), period)

    def month(card: Scorecard) -> dict[str, tuple[float | None, bool | None]]:
        return {g.metric: (g.actual, g.met) for g in card.goals if g.period == "month"}

    assert month(card_before) == {"new_contacts": (0, None), "referrals_in": (0, None)}
    assert month(taken) == {"new_contacts": (1, True), "referrals_in": (0, None)}


# --- random logs ------------------------------------------------------------------

KINDS = ("coffee", "call", "video", "in_person", "email", "event", "interview")
log_specs = st.fixed_dictionaries(
    {
        "who": st.sets(st.integers(0, 4), min_size=1, max_size=3),
        "days_ago": st.integers(0, 400),  # never after today (SPEC)
        "kind": st.sampled_from(KINDS),
        "minutes": st.integers(0, 120),
        "meaningful": st.booleans(),
        "cents": st.integers(0, 5_000),
        "follow_up_in": st.none() | st.integers(0, 40),
        "campaign": st.sampled_from((None, 0, 1)),  # two campaigns of other channels
        "given": st.booleans(),
        "received": st.booleans(),
    }
)


def write_log(repo: Repo, ids: list[int], jobs: list[int], spec: dict[str, Any]) -> Interaction:
    on = TODAY - timedelta(days=spec["days_ago"])
    return repo.activity.log(
        [ids[i] for i in sorted(spec["who"])],
        on=on,
        kind=spec["kind"],
        minutes=spec["minutes"],
        meaningful=spec["meaningful"],
        value_given="an intro" if spec["given"] else "",
        value_received="advice" if spec["received"] else "",
        cost=spec["cents"] / 100,
        campaign_id=None if spec["campaign"] is None else jobs[spec["campaign"]],
        follow_up_on=None if spec["follow_up_in"] is None else on + timedelta(spec["follow_up_in"]),
    )


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    history=st.lists(log_specs, max_size=8),
    logged=log_specs,
    strengths=st.lists(st.none() | st.integers(1, 5), min_size=5, max_size=5),
    lowered=st.lists(st.none() | st.integers(0, 200), min_size=5, max_size=5),
    cadence=st.lists(st.none() | st.integers(1, 90), min_size=5, max_size=5),
    weeks_back=st.integers(0, 30),
    kind=st.sampled_from(("week", "month", "quarter", "year")),
    goal_kind=st.sampled_from(("week", "month", "quarter", "year")),
    goal_metric=st.sampled_from(registry.GOAL_METRICS),
)
def test_random_logs(
    history: list[dict[str, Any]],
    logged: dict[str, Any],
    strengths: list[int | None],
    lowered: list[int | None],
    cadence: list[int | None],
    weeks_back: int,
    kind: str,
    goal_kind: str,
    goal_metric: str,
) -> None:
    """Every key of the card, the new ones included (effort by channel and kind, value
    given and received, strengths as they were, cadences, goals of every kind), on
    cards of every period kind."""
    with tempfile.TemporaryDirectory() as folder:
        repo = Repo.open(Path(folder) / "random.db", clock=lambda: TODAY)
        try:
            ids = []
            for i, s in enumerate(strengths):
                met = TODAY - timedelta(days=60 * i)
                cid = repo.contacts.add(f"P{i}", met_on=met, strength=s).id
                ids.append(cid)
                t.StrengthChange.create(contact=cid, on=met, strength=s)
                later = lowered[i]
                if later is not None:  # a strength changed since, up to today
                    on = min(TODAY, met + timedelta(days=later))
                    t.StrengthChange.create(contact=cid, on=on, strength=1)
                    t.Contact.update(strength=1).where(t.Contact.id == cid).execute()
                t.Contact.update(keep_in_touch=cadence[i]).where(t.Contact.id == cid).execute()
            jobs = [
                repo.campaigns.add("Role", "Acme", opened_on=d("2025-06-01"), source=source).id
                for source in ("referral", None)
            ]
            repo.time.add(50, "search", on=TODAY - timedelta(days=3), campaign_id=jobs[0])
            repo.time.add(40, "busywork", on=TODAY - timedelta(days=20))
            repo.referrals.add(ids[1], "in", on=TODAY - timedelta(days=10))
            high = registry.BY_KEY[goal_metric].target_range[1]
            # One a log moves, and any other (3: none of the default goals' targets)
            for metric, target in {("hours_invested", 2), (goal_metric, min(3, high / 2))}:
                goal = repo.goals.add(metric, target, period=goal_kind)
                t.Goal.update(since=d("2025-01-01")).where(t.Goal.id == goal.id).execute()
            for spec in history:
                write_log(repo, ids, jobs, spec)
            period = repo.scorecard.period(kind, TODAY - timedelta(weeks=weeks_back))
            log_and_compare(repo, period, lambda: write_log(repo, ids, jobs, logged))
        finally:
            repo.close()


def test_a_log_in_the_summed_days_of_a_year_card(repo: Repo) -> None:
    ana = repo.contacts.add("Ana", met_on=d("2023-01-02")).id
    repo.activity.log([ana], on=d("2024-03-01"), minutes=60, meaningful=True)
    year = repo.scorecard.period("year", TODAY)
    # 2024 lies before the card's detailed window (2026): its days are summed; the log
    # re-reads the day it lands on
    before, after = log_and_compare(
        repo,
        year,
        lambda: repo.activity.log([ana], on=d("2024-03-01"), kind="video", minutes=30),
    )
    assert before.trend_labels[-3:] == ("2024", "2025", "2026")
    assert (before.trend["hours_invested"][-3], after.trend["hours_invested"][-3]) == (1.0, 1.5)
    assert after.trend["meaningful_contacts"][-3] == 1  # Ana, once however often
