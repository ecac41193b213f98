"""Schema 2 stores each follow-up's automatic closing date, kept by triggers. Whatever
writes happen — backfills, deletions, date moves, follow-ups set later, several contacts —
the stored date must equal the rule recomputed from scratch."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from netrack.data import tables as t
from netrack.data.repo import Repo
from netrack.domain.errors import InputError

RULE = """
SELECT i.id, MIN(n."on")
FROM interaction AS i
JOIN interaction_contact AS l ON l.interaction_id = i.id
LEFT JOIN interaction_contact AS n ON n.contact_id = l.contact_id AND n."on" > i."on"
WHERE i.follow_up_on IS NOT NULL
GROUP BY i.id
"""


def stored(repo: Repo) -> dict[int, str | None]:
    rows = repo.store.db.execute_sql(
        "SELECT id, follow_up_closed_on FROM interaction WHERE follow_up_on IS NOT NULL"
    )
    return {row[0]: row[1] for row in rows}


def recomputed(repo: Repo) -> dict[int, str | None]:
    return {row[0]: row[1] for row in repo.store.db.execute_sql(RULE)}


def test_closing_dates_follow_every_kind_of_write(repo: Repo) -> None:
    rng = random.Random(11)
    people = [repo.contacts.add(f"Person {n}", met_on=date(2026, 1, 1)).id for n in range(6)]
    start = date(2026, 3, 1)
    ids: list[int] = []
    checked_closed = reopened = closed_later = 0
    for step in range(160):
        action = rng.random()
        if action < 0.6 or not ids:
            on = start + timedelta(days=rng.randrange(60))
            follow = on + timedelta(days=rng.randrange(1, 20)) if rng.random() < 0.5 else None
            entry = repo.activity.log(
                rng.sample(people, rng.choice([1, 1, 2, 3])), on=on, follow_up_on=follow
            )
            ids.append(entry.id)
        elif action < 0.75:
            victim = ids.pop(rng.randrange(len(ids)))
            foretold = repo.activity.reopened_by_delete(victim)  # what the TUI asks with
            later = repo.activity.closed_later_by_delete(victim)
            told = repo.activity.delete_telling(victim)
            assert told == (foretold, later), f"foretold wrong at step {step}"
            reopened += len(foretold)
            closed_later += len(later)
            assert all(
                f.now.done_on and f.was.done_on and f.now.done_on > f.was.done_on for f in later
            )
        elif action < 0.9:
            moved = rng.choice(ids)
            new_day = start + timedelta(days=rng.randrange(60))
            with repo.writing():
                t.Interaction.update(on=new_day, follow_up_on=None).where(
                    t.Interaction.id == moved
                ).execute()
        else:
            target = rng.choice(ids)
            with repo.writing():
                row = t.Interaction.get_by_id(target)
                t.Interaction.update(follow_up_on=row.on + timedelta(days=3)).where(
                    t.Interaction.id == target
                ).execute()
        assert stored(repo) == recomputed(repo), f"diverged at step {step}"
        checked_closed += sum(1 for value in stored(repo).values() if value)
    assert checked_closed > 100  # the comparison saw plenty of closed follow-ups
    assert reopened >= 5  # and deletes that reopened some (all foretold)
    assert closed_later >= 5  # and some that left one to a later touch


def test_same_day_touch_does_not_close_and_next_day_does(repo: Repo) -> None:
    ana = repo.contacts.add("Ana López", met_on=date(2026, 1, 1)).id
    origin = repo.activity.log([ana], on=date(2026, 5, 4), follow_up_on=date(2026, 5, 8))
    repo.activity.log([ana], on=date(2026, 5, 4))
    assert repo.activity.follow_ups()[0].done_on is None
    repo.activity.log([ana], on=date(2026, 5, 6))
    assert [f.done_on for f in repo.activity.follow_ups()] == [date(2026, 5, 6)]
    assert repo.activity.follow_ups()[0].interaction_id == origin.id


def test_editing_an_interaction_moves_its_touches_and_reopens_follow_ups(repo: Repo) -> None:
    ana = repo.contacts.add("Ana López", met_on=date(2026, 1, 1)).id
    raj = repo.contacts.add("Raj Patel", met_on=date(2026, 1, 1)).id
    origin = repo.activity.log([ana], on=date(2026, 5, 4), follow_up_on=date(2026, 5, 8))
    later = repo.activity.log([ana], on=date(2026, 5, 6), minutes=30, note="call")
    assert repo.activity.follow_ups()[0].done_on == date(2026, 5, 6)

    # Moving the later touch before the origin reopens the follow-up…
    moved = repo.activity.update(later.id, on=date(2026, 5, 1))
    assert moved.on == date(2026, 5, 1) and moved.minutes == 30 and moved.note == "call"
    assert repo.activity.follow_ups()[0].done_on is None
    # …and giving it to someone else instead keeps it open after moving it back.
    repo.activity.update(later.id, on=date(2026, 5, 7), contact_ids=[raj])
    assert repo.activity.get(later.id).contact_ids == (raj,)
    assert repo.activity.follow_ups()[0].done_on is None
    repo.activity.update(later.id, contact_ids=[raj, ana], kind="zoom")
    assert repo.activity.follow_ups()[0].done_on == date(2026, 5, 7)
    assert repo.activity.get(later.id).kind.value == "video"
    # Clearing the follow-up removes it; the other fields stay.
    repo.activity.update(origin.id, follow_up_on=None)
    assert repo.activity.follow_ups() == []
    assert stored(repo) == recomputed(repo)


def test_a_follow_up_removed_after_a_touch_closed_it_leaves_no_done_day(repo: Repo) -> None:
    """`--follow-up none` cleared a day marked done, not the day a later touch closed
    it: `interaction list` and `contact show` still said "done 2026-11-27"."""
    raj = repo.contacts.add("Raj Patel", met_on=date(2026, 1, 1)).id
    origin = repo.activity.log([raj], on=date(2026, 11, 22), follow_up_on=date(2026, 11, 30))
    repo.activity.log([raj], on=date(2026, 11, 27))
    assert repo.activity.get(origin.id).follow_up_done == date(2026, 11, 27)
    edited = repo.activity.update(origin.id, follow_up_on=None)
    assert (edited.follow_up_on, edited.follow_up_closed_on, edited.follow_up_done) == (
        None,
        None,
        None,
    )
    row = t.Interaction.get_by_id(origin.id)
    assert (row.follow_up_on, row.follow_up_closed_on) == (None, None)
    # As an earlier version left it: read as no follow-up, done on no day.
    t.Interaction.update(follow_up_closed_on=date(2026, 11, 27)).where(
        t.Interaction.id == origin.id
    ).execute()
    (listed,) = [i for i in repo.activity.interactions(contact_id=raj) if i.id == origin.id]
    assert (listed.follow_up_closed_on, listed.follow_up_done) == (None, None)
    # Set again, it is closed on the day the touch closes it, as any new one.
    again = repo.activity.update(origin.id, follow_up_on=date(2026, 12, 1))
    assert again.follow_up_closed_on == date(2026, 11, 27)


def test_taking_a_contact_off_the_origin_reopens_its_follow_up(repo: Repo, today: date) -> None:
    """A call with Ana and Raj set a follow-up, and an email to Raj closed it; the call
    edited to Ana alone, Raj's email is no touch with any of its contacts: the
    follow-up is pending again (overdue on 11-27), and a week's card says so."""
    ana = repo.contacts.add("Ana López", met_on=date(2026, 10, 1)).id
    raj = repo.contacts.add("Raj Patel", met_on=date(2026, 10, 1)).id
    call = repo.activity.log([ana, raj], on=date(2026, 11, 2), follow_up_on=date(2026, 11, 20))
    repo.activity.log([raj], on=date(2026, 11, 5))
    assert repo.activity.follow_ups()[0].done_on == date(2026, 11, 5)

    repo.activity.update(call.id, contact_ids=[ana])
    assert [(f.due, f.done_on) for f in repo.activity.follow_ups()] == [(date(2026, 11, 20), None)]
    assert stored(repo) == recomputed(repo)
    w47 = repo.scorecard.card(repo.scorecard.week(date(2026, 11, 20)))
    assert (w47.follow_ups.due, w47.follow_ups.on_time, w47.follow_ups.overdue) == (1, 0, 1)


def test_a_campaigns_next_follow_up_skips_those_already_closed(repo: Repo) -> None:
    """The kanban card's "fu" date: the earliest follow-up still pending today."""
    ana = repo.contacts.add("Ana López", met_on=date(2026, 1, 1)).id
    acme = repo.campaigns.add("Platform Engineer", "Acme", opened_on=date(2026, 11, 1)).id
    first = repo.activity.log(
        [ana], on=date(2026, 11, 20), campaign_id=acme, follow_up_on=date(2026, 11, 30)
    )
    assert repo.campaigns.get(acme).next_follow_up == date(2026, 11, 30)
    # A later touch with Ana closes it; a second follow-up, set then, is the next one.
    repo.activity.log(
        [ana], on=date(2026, 11, 25), campaign_id=acme, follow_up_on=date(2026, 12, 3)
    )
    assert repo.campaigns.get(acme).next_follow_up == date(2026, 12, 3)
    assert [c.next_follow_up for c in repo.campaigns.all()] == [date(2026, 12, 3)]
    with pytest.raises(InputError, match="already done: a later touch on 2026-11-25 closed"):
        repo.activity.mark_follow_up_done(first.id)  # the closed one: nothing to mark
    assert repo.campaigns.get(acme).next_follow_up == date(2026, 12, 3)


def test_marking_a_follow_up_done_keeps_the_day_it_was_done(repo: Repo) -> None:
    """The Agenda's `d` on a row shown before another program marked it done on the 23rd
    wrote today over that day: on time became late. A done one keeps its day now."""
    ana = repo.contacts.add("Ana", met_on=date(2026, 10, 1)).id
    bo = repo.contacts.add("Bo", met_on=date(2026, 10, 1)).id
    marked = repo.activity.log([ana], on=date(2026, 11, 20), follow_up_on=date(2026, 11, 24))
    touched = repo.activity.log([bo], on=date(2026, 11, 20), follow_up_on=date(2026, 11, 24))
    repo.activity.log([bo], on=date(2026, 11, 25))  # closes Bo's, late
    repo.activity.mark_follow_up_done(marked.id, date(2026, 11, 23))
    with pytest.raises(InputError) as refused:
        repo.activity.mark_follow_up_done(marked.id)
    assert str(refused.value) == (
        "follow-up with Ana due 2026-11-24 already marked done on 2026-11-23"
    )
    with pytest.raises(InputError) as refused:
        repo.activity.mark_follow_up_done(touched.id, date(2026, 11, 26))
    assert str(refused.value) == (
        "follow-up with Bo due 2026-11-24 already done: a later touch on 2026-11-25 closed it"
    )
    done = {f.interaction_id: (f.done_on, f.marked_on) for f in repo.activity.follow_ups()}
    assert done == {
        marked.id: (date(2026, 11, 23), date(2026, 11, 23)),
        touched.id: (date(2026, 11, 25), None),
    }
    # Done before the touch that closed it: its day moves earlier, as a back-dated
    # touch's would (the demo's story marks them so).
    repo.activity.mark_follow_up_done(touched.id, date(2026, 11, 24))
    assert repo.activity.follow_ups(contact_id=bo)[0].done_on == date(2026, 11, 24)


def test_a_mark_dated_after_today_is_marked_again_today(repo: Repo) -> None:
    """A mark dated after today (written with a later NETRACK_TODAY, back-filling) reads
    as not yet done, as every list reads it; `followup done` then said "marked 1" and
    wrote nothing, and the Agenda's `d` said "a later touch closed it" of no touch."""
    ana = repo.contacts.add("Ana", met_on=date(2026, 10, 1)).id
    entry = repo.activity.log([ana], on=date(2026, 11, 10), follow_up_on=date(2026, 11, 15))
    t.Interaction.update(follow_up_done_on=date(2026, 11, 30)).where(
        t.Interaction.id == entry.id
    ).execute()
    assert [f.interaction_id for f in repo.activity.follow_ups(pending_on=repo.today())] == [
        entry.id
    ]
    assert repo.activity.mark_contact_follow_ups_done(ana) == (entry.id,)
    assert repo.activity.follow_ups(contact_id=ana)[0].done_on == repo.today()
    t.Interaction.update(follow_up_done_on=date(2026, 11, 30)).where(
        t.Interaction.id == entry.id
    ).execute()
    repo.activity.mark_follow_up_done(entry.id)  # the Agenda's `d`
    assert repo.activity.follow_ups(contact_id=ana)[0].done_on == repo.today()
