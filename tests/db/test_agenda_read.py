"""The Agenda's read (`repo.scorecard.agenda`) takes only the facts its lists need:
the campaigns, and the contacts that can go cold or fall due on a cadence (active, with
a cadence or warm at some time), not every contact with a card's other reads. Its lists
are those a card's full facts give, row for row. On both engines."""

from __future__ import annotations

from datetime import timedelta

from netrack.data.repo.card_facts import contact_facts
from netrack.domain import cadence, insights
from netrack.domain.weeks import Period


def seed(repo, today):
    old = today - timedelta(days=200)
    warm = repo.contacts.add("Ana Warm", strength=4, met_on=old)
    due = repo.contacts.add("Bo Cadence", met_on=old, keep_in_touch=30)
    repo.contacts.add("Cy Cool", strength=1, met_on=old)  # never warm, no cadence
    once = repo.contacts.add("Di Once", strength=4, met_on=old)
    repo.contacts.update(once.id, strength=1, strength_on=today - timedelta(days=100))
    gone = repo.contacts.add("Ed Gone", strength=5, met_on=old, keep_in_touch=7)
    repo.contacts.update(gone.id, archived=True)
    quiet = repo.contacts.add("Fay Quiet", strength=3, met_on=old)
    repo.activity.log([quiet.id], on=today - timedelta(days=3), kind="call")
    repo.activity.log([warm.id, due.id], on=today - timedelta(days=80), kind="coffee")
    repo.campaigns.add("Staff Engineer", "Acme", stage="applied", opened_on=old)
    return {warm.id, due.id, once.id, quiet.id}


def test_the_agenda_reads_only_the_contacts_that_can_go_cold(repo, today):
    can_go_cold = seed(repo, today)
    read = repo.store.operation(
        lambda: contact_facts(repo.scorecard._days, today, may_go_cold=True)
    )
    assert {c.id for c in read} == can_go_cold


def test_the_agenda_lists_what_a_cards_full_facts_give(repo, today):
    seed(repo, today)
    agenda = repo.scorecard.agenda()
    full = repo.scorecard.inputs(Period(today, today, "today"))
    assert [c.name for c in agenda.going_cold] == ["Ana Warm", "Bo Cadence"]
    assert agenda.going_cold == insights.going_cold(full, today)
    assert agenda.stalled == insights.stalled(full, today)
    assert agenda.warnings == insights.pipeline_warnings(full, today)
    touches = cadence.touches_due(
        ((c.id, c.name, c.met_on, c.last_touch, c.keep_in_touch, c.archived)
         for c in full.contacts),
        today,
        repo.scorecard.week(today).end,
    )  # fmt: skip
    assert agenda.keep_in_touch == touches
    assert [t.name for t in agenda.keep_in_touch] == ["Bo Cadence"]
    assert agenda.cadences == 1
