"""`repo.scorecard.cards`: several cards at once (the Goals screen's running week, month,
quarter and year) are each the card read alone, and those as of the same day read the
contacts once: on a long history they are half of a card's reads."""

from __future__ import annotations

from datetime import timedelta

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
