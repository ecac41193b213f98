"""The Agenda updated after a quick log (`repo.scorecard.agenda_after_log`, the TUI's
fast path) equals one read afresh, row for row and in the same order: a follow-up of
several people closed by a log with one of them, one set, a back-dated log, a campaign
touched, namesakes going cold. On both engines."""

from __future__ import annotations

from datetime import timedelta


def seed(repo, today):
    old = today - timedelta(days=120)
    ana = repo.contacts.add("Ana López", organization="Acme", strength=4, met_on=old)
    twin = repo.contacts.add("Ana López", organization="Globex", strength=4, met_on=old)
    bo = repo.contacts.add("Bo Chen", strength=3, met_on=old, keep_in_touch=30)
    raj = repo.contacts.add("Raj Patel", met_on=old, keep_in_touch=30)
    campaign = repo.campaigns.add("Staff Engineer", "Acme", stage="applied", opened_on=old)
    for who, days, due in ((ana, 50, 3), (bo, 45, -2), (raj, 28, None), (twin, 60, 10)):
        on = today - timedelta(days=days)
        follow_up = today - timedelta(days=due) if due is not None else None
        repo.activity.log([who.id], on=on, kind="call", follow_up_on=follow_up, logged_on=on)
    # A follow-up with Ana and Bo: a log with Ana alone closes it.
    together = today - timedelta(days=30)
    repo.activity.log([ana.id, bo.id], on=together, kind="coffee",
                      follow_up_on=today - timedelta(days=1), logged_on=together)  # fmt: skip
    return campaign


LINES = [
    '@"Ana López (Acme)" #call 10m fu:2026-12-01 asked for intros',
    '@"Bo Chen" +"Staff Engineer" #email on:2026-11-20 back-dated',
    '@"Raj Patel" #video',
    '@"Ana López (Globex)" +"Staff Engineer" #coffee 45m fu:2026-11-27',
]


def test_each_log_updates_the_agenda_as_a_fresh_read_does(repo, today):
    seed(repo, today)
    agenda = repo.scorecard.agenda()
    before = agenda
    for line in LINES:
        done = repo.activity.log_line(line)
        updated = repo.scorecard.agenda_after_log(agenda, done.entry.id)
        fresh = repo.scorecard.agenda()
        assert updated == fresh, line
        assert repo.scorecard.agenda_after_log(updated, done.entry.id) == fresh  # twice: same
        agenda = updated
    # The scenarios moved what they are about: not a pass by changing nothing.
    assert len(before.logged_today) == 0 and len(agenda.logged_today) == len(LINES)
    assert len(before.going_cold) > len(agenda.going_cold)
    assert before.stalled and not agenda.stalled
    assert {f.interaction_id for f in before.overdue} != {f.interaction_id for f in agenda.overdue}


def test_an_entry_logged_for_another_day_is_read_afresh(repo, today):
    """An entry not in "Logged today" (one typed on its own day, days ago, as another
    program may write it) is left to the full read."""
    seed(repo, today)
    agenda = repo.scorecard.agenda()
    ana = repo.contacts.all()[0]
    earlier = today - timedelta(days=3)
    entry = repo.activity.log([ana.id], on=earlier, kind="call", logged_on=earlier)
    assert repo.scorecard.agenda_after_log(agenda, entry.id) is None
