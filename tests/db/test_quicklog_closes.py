"""SPEC, quick log: the preview and the confirmation say which pending follow-ups the
entry closes (a follow-up is closed by the next interaction with any of the same contacts
logged for a date after the origin's) and which campaign it is linked to."""

from __future__ import annotations

from datetime import date

import pytest

from netrack.data.repo import Repo
from netrack.domain.describe import describe_interaction
from netrack.domain.errors import ResolveError

D = date.fromisoformat


def test_preview_and_log_name_the_follow_ups_they_close(repo: Repo) -> None:
    ana = repo.contacts.add("Ana López", organization="Acme", met_on=D("2026-10-01"))
    raj = repo.contacts.add("Raj Patel", met_on=D("2026-10-01"))
    lee = repo.contacts.add("Lee Park", met_on=D("2026-10-01"))
    repo.campaigns.add("Platform Team", "Acme", opened_on=D("2026-10-01"))
    both = repo.activity.log([ana.id, raj.id], on=D("2026-11-20"), follow_up_on=D("2026-12-01"))
    same_day = repo.activity.log([lee.id], on=D("2026-11-26"), follow_up_on=D("2026-11-30"))
    done = repo.activity.log([raj.id], on=D("2026-11-10"), follow_up_on=D("2026-11-15"))
    repo.activity.mark_follow_up_done(done.id, D("2026-11-16"))

    # Dated the 26th: closes the follow-up from the 20th, not Lee's from the 26th itself.
    line = "@raj +acme #call 20m on:2026-11-26"
    assert repo.activity.preview_log("@lee on:2026-11-26").closes == ()
    preview = repo.activity.preview_log(line)
    assert [f.interaction_id for f in preview.closes] == [both.id]
    assert preview.campaign_name == "Acme Platform Team"

    today = repo.activity.preview_log("@ana @lee 10m")  # today, the 27th: both
    assert [(f.interaction_id, f.due) for f in today.closes] == [
        (same_day.id, D("2026-11-30")),
        (both.id, D("2026-12-01")),
    ]

    logged = repo.activity.log_line(line)
    assert logged.closes == preview.closes
    assert describe_interaction(logged.entry, closes=logged.closes) == (
        "logged call with Raj Patel on 2026-11-26 · 20m · for Acme Platform Team"
        " · closes follow-up with Ana López, Raj Patel due 2026-12-01"
    )
    # What was said is what happened: it is closed now, and a second log closes nothing new.
    pending = repo.activity.follow_ups(pending_on=D("2026-11-27"))
    assert both.id not in [f.interaction_id for f in pending]
    assert repo.activity.preview_log("@raj 5m").closes == ()


def test_logging_with_names_reports_too(repo: Repo) -> None:
    ana = repo.contacts.add("Ana López", met_on=D("2026-10-01"))
    origin = repo.activity.log([ana.id], on=D("2026-11-02"), follow_up_on=D("2026-11-09"))
    logged = repo.activity.log_reporting([ana.id], on=D("2026-11-05"), minutes=15)
    assert [f.interaction_id for f in logged.closes] == [origin.id]
    assert logged.entry.minutes == 15
    assert repo.activity.log_reporting([ana.id], on=D("2026-11-06")).closes == ()


def test_a_log_resolved_against_held_names_checks_them_in_the_write(repo: Repo) -> None:
    """The quick-log bar passes the names it read when it opened: a contact archived or
    renamed, or a campaign renamed, by another writer since is read afresh, never
    logged against what the bar remembered."""
    ana = repo.contacts.add("Ana López", met_on=D("2026-10-01"))
    bo = repo.contacts.add("Bo Chen", met_on=D("2026-10-01"))
    repo.campaigns.add("Platform Team", "Acme", opened_on=D("2026-10-01"))
    people, campaigns = repo.contacts.named(), repo.campaigns.names()

    held = repo.activity.log_line("@ana +acme 10m", people, campaigns)  # all still true
    assert list(held.entry.contact_names) == ["Ana López"]

    repo.tidy.archive_contact(ana.id)  # archived contacts have left resolution
    with pytest.raises(ResolveError, match="ana"):
        repo.activity.log_line("@ana 10m", people, campaigns)

    repo.contacts.update(bo.id, name="Bea Chen")  # the held "Bo Chen" is gone
    with pytest.raises(ResolveError, match="bo"):
        repo.activity.log_line("@bo 10m", people, campaigns)
    assert list(repo.activity.log_line("@bea", people).entry.contact_names) == [
        "Bea Chen"  # not in the held names: found by the fresh read
    ]

    repo.campaigns.update(1, title="Data Team")  # the held "Acme Platform Team" is gone
    with pytest.raises(ResolveError, match="platform"):
        repo.activity.log_line("@bea +platform", people, campaigns)
    assert len(repo.activity.logged(D("2026-11-27"))) == 2  # and nothing else was written


def test_the_preview_says_the_day_a_touch_since_closes_its_own_follow_up(repo: Repo) -> None:
    """Back-dated with a follow-up, the entry is done at once by a touch logged since:
    the preview names the day the write then stores."""
    ana = repo.contacts.add("Ana López", met_on=D("2026-10-01"))
    repo.contacts.add("Lee Park", met_on=D("2026-10-01"))
    repo.activity.log([ana.id], on=D("2026-11-25"))
    repo.activity.log([ana.id], on=D("2026-11-27"))
    assert repo.activity.preview_log("@lee on:2026-11-20 fu:2026-12-01").closed_on is None
    assert repo.activity.preview_log("@ana fu:2026-12-01").closed_on is None  # today's
    assert repo.activity.preview_log("@ana on:2026-11-26").closed_on is None  # no follow-up
    for on, closed in (("2026-11-20", "2026-11-25"), ("2026-11-25", "2026-11-27")):
        line = f"@ana @lee on:{on} fu:2026-12-01"
        assert repo.activity.preview_log(line).closed_on == D(closed)
        entry = repo.activity.log_line(line).entry
        assert entry.follow_up_closed_on == D(closed)


def test_a_back_dated_log_says_the_done_follow_ups_it_closes_earlier(repo: Repo) -> None:
    """A touch logged for a day before the one that had closed a follow-up closes it on
    its own day (SPEC's rule), a late follow-up turned on time; the confirmation said
    nothing of it. Nor of one marked done by hand after that day, done earlier too."""
    ana = repo.contacts.add("Ana", met_on=D("2026-10-01"))
    bo = repo.contacts.add("Bo", met_on=D("2026-10-01"))
    late = repo.activity.log([ana.id], on=D("2026-11-10"), follow_up_on=D("2026-11-17"))
    repo.activity.log([ana.id], on=D("2026-11-20"))  # closes it, late
    marked = repo.activity.log([bo.id], on=D("2026-11-10"), follow_up_on=D("2026-11-17"))
    repo.activity.mark_follow_up_done(marked.id, D("2026-11-18"))

    line = "@ana on:2026-11-15 backfilled"
    preview = repo.activity.preview_log(line)
    assert [(f.interaction_id, f.done_on) for f in preview.earlier] == [(late.id, D("2026-11-20"))]
    logged = repo.activity.log_line(line)
    assert describe_interaction(logged.entry, earlier=logged.earlier) == (
        "logged other with Ana on 2026-11-15 · closes follow-up with Ana due 2026-11-17 "
        "earlier (was closed by a touch on 2026-11-20)"
    )
    (now,) = repo.activity.follow_ups(contact_id=ana.id)
    assert now.done_on == D("2026-11-15")  # what was said is what happened
    # After the day it is done now: nothing new, said as before.
    after = repo.activity.log_line("@ana on:2026-11-16")
    assert (after.closes, after.earlier) == ((), ())
    assert describe_interaction(after.entry) == "logged other with Ana on 2026-11-16"

    by_hand = repo.activity.log_reporting([bo.id], on=D("2026-11-12"))
    assert describe_interaction(by_hand.entry, earlier=by_hand.earlier) == (
        "logged other with Bo on 2026-11-12 · closes follow-up with Bo due 2026-11-17 "
        "earlier (was marked done on 2026-11-18)"
    )
    (bos,) = repo.activity.follow_ups(contact_id=bo.id)
    assert (bos.done_on, bos.marked_on) == (D("2026-11-12"), D("2026-11-18"))
    # Before the follow-up was set, a touch closes nothing of it.
    assert repo.activity.log_reporting([bo.id], on=D("2026-11-09")).earlier == ()
