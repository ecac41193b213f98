"""SPEC, quick log: the preview and the confirmation say which pending follow-ups the
entry closes (a follow-up is closed by the next interaction with any of the same contacts
logged for a date after the origin's) and which campaign it is linked to."""

from __future__ import annotations

from datetime import date

from netrack.data.repo import Repo
from netrack.domain.describe import describe_interaction

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
