"""History kept exact, through the real repository: a strength lowered after the fact,
a goal added mid-history, interview rounds and loss reasons, every period kind.

"Today" is Friday 2026-11-27; W47 is Monday 11-16 … Sunday 11-22, W48 runs to 11-29.
Rows that no repository call writes yet (strength history, a goal's since, a loss's
reason) are written through the tables, as the migration and the CLI will.
"""

from __future__ import annotations

import json
from datetime import date

from netrack import present
from netrack.data import tables as t
from netrack.data.repo import Repo
from netrack.domain.weeks import parse_week

W46, W47, W48 = (parse_week(f"2026-W{n}") for n in (46, 47, 48))


def d(text: str) -> date:
    return date.fromisoformat(text)


def test_a_strength_lowered_today_does_not_rewrite_last_week(repo: Repo) -> None:
    warm = repo.contacts.add("Warm", met_on=d("2026-09-01"), strength=4).id
    t.StrengthChange.create(contact=warm, on=d("2026-09-01"), strength=4)
    repo.activity.log([warm], on=d("2026-10-14"), meaningful=True)
    # Lowered to 2 on 11-25:
    t.Contact.update(strength=2).where(t.Contact.id == warm).execute()
    t.StrengthChange.create(contact=warm, on=d("2026-11-25"), strength=2)

    w47 = repo.scorecard.card(W47)
    # at 11-22 its strength was 4: the only meaningful contact of the 90 days → 4.0;
    # idle since 10-14 = 39 days ≥ 30 and warm then → going cold
    assert w47.relationship_quality == 4.0
    assert [(c.name, c.days_idle, c.strength) for c in w47.going_cold] == [("Warm", 39, 4)]
    w48 = repo.scorecard.card(W48)
    # today its strength is 2: quality 2.0, and a weak tie does not go cold
    assert w48.relationship_quality == 2.0
    assert w48.going_cold == ()
    assert repo.scorecard.agenda().going_cold == ()


def test_keep_in_touch_cadence(repo: Repo) -> None:
    ana = repo.contacts.add("Ana", met_on=d("2026-11-01"), strength=1).id
    t.Contact.update(keep_in_touch=14).where(t.Contact.id == ana).execute()
    repo.activity.log([ana], on=d("2026-11-10"))
    # 11-10 → 11-22: 12 days < 14; → 11-27 (today, W48 running): 17 days ≥ 14
    assert repo.scorecard.card(W47).going_cold == ()
    cold = repo.scorecard.card(W48).going_cold
    assert [(c.name, c.days_idle, c.keep_in_touch) for c in cold] == [("Ana", 17, 14)]
    assert [c.name for c in repo.scorecard.agenda().going_cold] == ["Ana"]


def test_a_goal_added_mid_history(repo: Repo) -> None:
    (ana,) = (repo.contacts.add("Ana", met_on=d("2026-10-01")).id,)
    for day in ("2026-11-10", "2026-11-17"):
        repo.activity.log([ana], on=d(day))
    goal = repo.goals.add("interactions", 1)
    t.Goal.update(since=d("2026-11-18")).where(t.Goal.id == goal.id).execute()
    # W46 ended 11-15, before the goal: not on its card. The default goals came with
    # the database today (11-27): on neither card.
    assert repo.scorecard.card(W46).goals == ()
    shown = json.loads(present.render(repo.scorecard.card(W47), "json"))["goals"]
    assert [(g["metric"], g["since"], g["actual"], g["met"]) for g in shown] == [
        ("interactions", "2026-11-18", 1, True)
    ]


def test_interview_rounds_and_loss_reasons(repo: Repo) -> None:
    job = repo.campaigns.add("Role", "Acme", stage="applied", opened_on=d("2026-11-02")).id
    for day, stage in (
        ("2026-11-17", "interviewing"),
        ("2026-11-18", "follow_up"),
        ("2026-11-20", "interviewing"),
    ):
        repo.campaigns.move(job, stage, on=d(day))
    other = repo.campaigns.add("Other", "Beta", stage="applied", opened_on=d("2026-11-02")).id
    repo.campaigns.move(other, "lost", on=d("2026-11-19"))
    t.StageChange.update(reason="hiring_freeze").where(
        t.StageChange.campaign == other, t.StageChange.to_stage == "lost"
    ).execute()
    card = repo.scorecard.card(W47)
    # three advances (the second round included), one setback (the loss), two rounds
    assert (card.stage_advances, card.setbacks, card.interview_rounds) == (3, 1, 2)
    assert card.lost_reasons == {"hiring_freeze": 1}
    assert repo.scorecard.card(W46).lost_reasons == {}


def test_every_period_kind(repo: Repo) -> None:
    ana = repo.contacts.add("Ana", met_on=d("2026-01-05")).id
    for day in ("2026-02-10", "2026-10-05", "2026-11-03", "2026-11-20"):
        repo.activity.log([ana], on=d(day), minutes=30)
    today = d("2026-11-27")
    cards = {
        k: repo.scorecard.card(repo.scorecard.period(k, today))
        for k in ("month", "quarter", "year")
    }
    # November so far: 11-03, 11-20; Q4 (10-01 …): + 10-05; 2026: + 02-10
    assert {k: (c.period.label, c.interactions) for k, c in cards.items()} == {
        "month": ("2026-11", 2),
        "quarter": ("2026-Q4", 3),
        "year": ("2026", 4),
    }
    assert not any(c.complete for c in cards.values())
    # monthly hours: August 0, September 0, October 0.5 (10-05), November 1.0
    assert cards["month"].trend["hours_invested"][-4:] == (0.0, 0.0, 0.5, 1.0)


def test_stalled_reads_the_latest_interaction_however_old(repo: Repo) -> None:
    ana = repo.contacts.add("Ana", met_on=d("2026-01-05")).id
    job = repo.campaigns.add("Role", "Acme", stage="research", opened_on=d("2026-03-01")).id
    repo.activity.log([ana], on=d("2026-06-01"), campaign_id=job)
    # 06-01 is long before any card's detailed window (W48's reaches back 90 days):
    # idle since then = 179 days to today 11-27, on the week's card and the year's alike
    week = repo.scorecard.card(W48)
    year = repo.scorecard.card(repo.scorecard.period("year", d("2026-11-27")))
    for card in (week, year):
        assert [(s.last_activity, s.days_idle) for s in card.stalled] == [(d("2026-06-01"), 179)]


def test_a_strength_first_recorded_after_the_card_was_unknown_then(repo: Repo) -> None:
    """A past card read today's strength (5) for a contact whose entries all came after
    its end. The strength the contact was added with moves with met_on, edited back
    (so a card before the change reads 2); the change to 5 stays today's."""
    ida = repo.contacts.add("Ida", met_on=d("2026-11-10"), strength=2).id  # entry 11-10
    repo.contacts.update(ida, met_on=d("2026-09-01"))  # the entry moves to 09-01
    repo.contacts.update(ida, strength=5)  # entry today, 11-27
    repo.activity.log([ida], on=d("2026-09-16"), meaningful=True)
    assert [(h.on, h.strength) for h in repo.contacts.strength_history(ida)] == [
        (d("2026-09-01"), 2),
        (d("2026-11-27"), 5),
    ]

    w45 = repo.scorecard.card(parse_week("2026-W45"))  # ends 11-08: strength 2, not 5
    assert w45.relationship_quality == 2.0
    assert w45.going_cold == ()  # 2 is below the warm mark: idle 53 days, no tie to lose
    before = repo.scorecard.card(parse_week("2026-W35"))  # ends 08-30: not met yet
    assert before.relationship_quality is None
    w47 = repo.scorecard.card(W47)  # ends 11-22: strength 2, below the warm mark
    assert w47.relationship_quality == 2.0
    assert w47.going_cold == ()
    assert repo.scorecard.card(W48).relationship_quality == 5.0


def test_quality_counts_a_contact_whose_met_on_was_moved_after_the_card(repo: Repo) -> None:
    """Ana's strength went to 4 on 11-05 and she had a coffee on 11-10; her met_on was
    later moved to 11-18 (`contact edit --met`). W46 (to 11-15) counted her among its
    meaningful contacts but left her out of its quality: her strength then was 4."""
    ana = repo.contacts.add("Ana", met_on=d("2026-11-18")).id
    t.Contact.update(strength=4).where(t.Contact.id == ana).execute()
    t.StrengthChange.create(contact=ana, on=d("2026-11-05"), strength=4)
    repo.activity.log([ana], on=d("2026-11-10"), kind="in_person", meaningful=True)

    w46 = repo.scorecard.card(W46)
    assert (w46.meaningful_contacts, w46.relationship_quality) == (1, 4.0)
    assert w46.network.size == 0  # not known yet: no network, nobody to go cold
    assert w46.going_cold == ()
