"""Revision 2's data commands (issue 15): dates in the future, stage history kept sane
(`campaign undo`, loss reasons), strength history and cadence (`contact add/edit
--every`), campaign details (`campaign add/edit`), goals with `since` and ranges, and
`config`. Today is frozen at Friday 2026-11-27 (tests/cli/conftest.py)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from netrack.data.repo import Repo
from tests.cli.conftest import ADD_HINT

Run = Callable[..., Any]


def _repo(db: Path) -> Repo:
    return Repo.open(db, clock=lambda: date(2026, 11, 27))


@pytest.fixture
def base(run: Run) -> Run:
    """Ana (strength 3, met 2026-10-01) and Acme's SRE campaign, applied on 2026-11-02."""
    for argv in (
        ("contact", "add", "Ana López", "--org", "Acme", "--strength", "3", "--met", "2026-10-01"),
        ("campaign", "add", "SRE", "--org", "Acme", "--stage", "applied", "--on", "2026-11-02"),
    ):
        result = run(*argv)
        assert result.code == 0, result.err
    return run


def refused(result: Any, message: str) -> None:
    assert (result.code, result.out, result.err) == (2, "", f"netrack: {message}\n")


# --- a. dates in the future -------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("log", "@ana #call on:+2d"), "interaction 2026-11-29 is after today (2026-11-27)"),
        (("log", "--with", "ana", "--on", "2026-12-01"),
         "interaction 2026-12-01 is after today (2026-11-27)"),
        (("campaign", "move", "sre", "interviewing", "--on", "+1d"),
         "stage change 2026-11-28 is after today (2026-11-27)"),
        (("campaign", "add", "PM", "--org", "Acme", "--on", "2026-11-30"),
         "opened on 2026-11-30 is after today (2026-11-27)"),
        (("contact", "add", "Bo", "--met", "2026-12-25"),
         "met on 2026-12-25 is after today (2026-11-27)"),
        (("contact", "edit", "ana", "--met", "+3d"),
         "met on 2026-11-30 is after today (2026-11-27)"),
    ],
)  # fmt: skip
def test_dates_after_today_are_refused_and_nothing_written(
    base: Run, db: Path, dump: Callable[[Path], list[str]], argv: tuple[str, ...], message: str
) -> None:
    before = dump(db)
    refused(base(*argv), message)
    assert dump(db) == before


def test_follow_ups_and_deadlines_may_be_in_the_future(base: Run, db: Path) -> None:
    assert base("log", "@ana #call fu:+7d").code == 0
    assert base("campaign", "edit", "sre", "--deadline", "2026-12-15").code == 0
    repo = _repo(db)
    assert repo.activity.interactions()[0].follow_up_on == date(2026, 12, 4)
    assert repo.campaigns.get(1).deadline == date(2026, 12, 15)
    repo.close()


# --- b. stage history ---------------------------------------------------------------------


def test_backdated_move_before_the_latest_change_is_refused(base: Run, db: Path) -> None:
    assert base("campaign", "move", "sre", "interviewing", "--on", "2026-11-20").out == (
        "moved Acme SRE: applied → interviewing\n"
    )
    refused(
        base("campaign", "move", "sre", "interviewing", "--on", "2026-11-10"),
        "2026-11-10 is before the campaign's latest change (2026-11-20, to interviewing); "
        "undo that change first to date one earlier",
    )
    # Before the opening: no undo can help (it said "undo that change first", and undo
    # then said the opening cannot be undone).
    refused(
        base("campaign", "move", "sre", "applied", "--on", "2026-10-30"),
        "2026-10-30 is before the campaign opened (2026-11-02, in applied); if it opened "
        "earlier, change the day it opened first (edit it)",
    )
    # The same day as the latest change is fine; the same stage is not.
    refused(base("campaign", "move", "sre", "interviewing"), "Acme SRE is already in interviewing")
    assert base("campaign", "move", "sre", "follow_up", "--on", "2026-11-20").code == 0
    repo = _repo(db)
    assert [(h.from_stage, h.to_stage, h.on.isoformat()) for h in repo.campaigns.history(1)] == [
        (None, "applied", "2026-11-02"),
        ("applied", "interviewing", "2026-11-20"),
        ("interviewing", "follow_up", "2026-11-20"),
    ]
    repo.close()


def test_undo_removes_the_latest_change_but_never_the_opening(base: Run, db: Path) -> None:
    assert base("campaign", "move", "sre", "interviewing", "--on", "2026-11-20").code == 0
    assert base("campaign", "move", "sre", "lost", "--reason", "rejected").code == 0
    assert base("campaign", "undo", "sre").out == (
        "undid Acme SRE's move to lost of 2026-11-27: back in interviewing\n"
    )
    repo = _repo(db)
    campaign = repo.campaigns.get(1)
    assert (campaign.stage, campaign.stage_since, campaign.lost_reason) == (
        "interviewing",
        date(2026, 11, 20),
        "",
    )
    repo.close()
    assert base("campaign", "undo", "sre").out == (
        "undid Acme SRE's move to interviewing of 2026-11-20: back in applied\n"
    )
    refused(
        base("campaign", "undo", "sre"),
        "nothing to undo: the opening is the campaign's only change",
    )
    # After an undo, an earlier date is possible again.
    assert base("campaign", "move", "sre", "target", "--on", "2026-11-05").code == 0


def test_lost_with_a_reason_and_a_note(base: Run, db: Path) -> None:
    result = base("campaign", "move", "sre", "lost", "--reason", "hiring_freeze", "--note",
                  "budget moved to 2027")  # fmt: skip
    assert result.out == "moved Acme SRE: applied → lost (hiring_freeze)\n"
    repo = _repo(db)
    last = repo.campaigns.history(1)[-1]
    assert (last.to_stage, last.reason, last.note) == (
        "lost",
        "hiring_freeze",
        "budget moved to 2027",
    )
    assert repo.campaigns.get(1).lost_reason == "hiring_freeze"
    repo.close()


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("lost", "--reason", "ghosted"),
         "unknown loss reason 'ghosted' (known: rejected, withdrawn, hiring_freeze, "
         "no_response, other)"),
        (("interviewing", "--reason", "rejected"),
         "a loss reason is only for a move to lost, not to interviewing"),
    ],
)  # fmt: skip
def test_bad_loss_reasons_are_refused(
    base: Run, db: Path, dump: Callable[[Path], list[str]], argv: tuple[str, ...], message: str
) -> None:
    before = dump(db)
    refused(base("campaign", "move", "sre", *argv), message)
    assert dump(db) == before


# --- c. strength history, goals -----------------------------------------------------------


def test_strength_history_follows_add_and_edit(base: Run, db: Path) -> None:
    assert (
        base("contact", "edit", "ana", "--strength", "4").out
        == "updated contact Ana López (Acme)\n"
    )
    assert base("contact", "edit", "ana", "--strength", "5").code == 0  # same day: replaces
    assert base("contact", "edit", "ana", "--title", "CTO").code == 0  # no strength change
    repo = _repo(db)
    history = repo.contacts.strength_history(1)
    assert [(h.on.isoformat(), h.strength) for h in history] == [
        ("2026-10-01", 3),  # on add, dated met_on
        ("2026-11-27", 5),  # today's last value
    ]
    assert repo.contacts.get(1).strength == 5
    repo.close()


def test_a_strength_put_back_the_same_day_leaves_no_change_that_day(base: Run, db: Path) -> None:
    """3 → 4 → 3 in a day kept an entry "3 from today" after "3 from the day they were
    met": a change the contact page and the JSON showed, which never happened."""
    assert base("contact", "edit", "ana", "--strength", "4").code == 0
    assert base("contact", "edit", "ana", "--strength", "3").code == 0
    repo = _repo(db)
    history = repo.contacts.strength_history(1)
    assert [(h.on.isoformat(), h.strength) for h in history] == [("2026-10-01", 3)]
    assert repo.contacts.get(1).strength == 3
    repo.close()
    # none → 4 → none in a day: no "cleared" entry for someone who never had one
    assert base("contact", "add", "Bo").code == 0
    assert base("contact", "edit", "bo", "--strength", "4").code == 0
    assert base("contact", "edit", "bo", "--strength", "none").code == 0
    repo = _repo(db)
    assert repo.contacts.strength_history(2) == []
    repo.close()
    # and a real change after it is kept, dated today
    assert base("contact", "edit", "ana", "--strength", "2").code == 0
    repo = _repo(db)
    history = repo.contacts.strength_history(1)
    assert [(h.on.isoformat(), h.strength) for h in history] == [
        ("2026-10-01", 3),
        ("2026-11-27", 2),
    ]
    repo.close()


def test_strength_none_clears_it_as_an_empty_one_does(base: Run, db: Path) -> None:
    """`--strength none` was refused ("must be a whole number") where `--every none`
    and `--org none` clear, and `--strength ''` cleared."""
    assert base("contact", "edit", "ana", "--strength", " None ").out == (
        "updated contact Ana López (Acme)\n"
    )
    assert base("contact", "add", "Bo", "--strength", "none").out == "added contact Bo\n"
    repo = _repo(db)
    assert (repo.contacts.get(1).strength, repo.contacts.get(2).strength) == (None, None)
    history = repo.contacts.strength_history(1)
    assert [(h.on.isoformat(), h.strength) for h in history] == [
        ("2026-10-01", 3),
        ("2026-11-27", None),
    ]
    repo.close()


def test_goal_add_since_period_range_and_duplicates(run: Run, db: Path) -> None:
    assert run("goal", "add", "focus_ratio", "0.8", "--period", "quarter", "--since",
               "2026-10-01").out == "added goal focus_ratio ≥ 80% a quarter, from 2026-10-01\n"  # fmt: skip
    assert run("goal", "add", "interviews", "40", "--period", "year").out == (
        "added goal interviews ≥ 40/year, from 2026-11-27\n"
    )
    refused(
        run("goal", "add", "focus_ratio", "80"), "focus_ratio target must be from 0 to 1, not 80"
    )
    refused(
        run("goal", "add", "focus_ratio", "0.8", "--period", "quarter"),
        "goal focus_ratio ≥ 80% a quarter already exists (id 5)",
    )
    # The defaults are there from the database's creation (today, frozen), once each.
    refused(
        run("goal", "add", "meaningful_contacts", "8"),
        "goal meaningful_contacts ≥ 8/week already exists (id 2)",
    )
    repo = _repo(db)
    assert [(g.metric, g.period, g.since) for g in repo.goals.all()][-2:] == [
        ("focus_ratio", "quarter", date(2026, 10, 1)),
        ("interviews", "year", date(2026, 11, 27)),
    ]
    repo.close()


def test_goal_since_as_a_month_day_is_the_nearest_either_way(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Typed on Dec 7, `--since "dec 20"` was read as 2025-12-20 and "jan 4" as
    2026-01-04: a goal for the new year counted on almost a year of past cards."""
    monkeypatch.setenv("NETRACK_TODAY", "2026-12-07")
    said = [
        run("goal", "add", "interviews", str(target), "--since", since).out
        for target, since in ((1, "dec 20"), (2, "jan 4"), (3, "nov 30"), (4, "fri"))
    ]
    assert said == [
        "added goal interviews ≥ 1/week, from 2026-12-20\n",
        "added goal interviews ≥ 2/week, from 2027-01-04\n",
        "added goal interviews ≥ 3/week, from 2026-11-30\n",
        "added goal interviews ≥ 4/week, from 2026-12-04\n",  # a weekday: the last one
    ]


def test_a_goal_stored_twice_by_an_older_import_can_be_edited(run: Run, db: Path) -> None:
    """An edit that leaves metric, target, comparator and period as they are makes no new
    twin: a note-only edit of one of two equal goals was refused as the other's twin."""
    from netrack.data import tables as t

    repo = _repo(db)
    with repo.store.bound(), repo.writing():
        for note in ("a", "b"):  # ids 5 and 6, as an older `import json` stored them
            t.Goal.insert(metric="events", target=2.0, comparator="at_least", period="week",
                          note=note, since=date(2026, 11, 1)).execute()  # fmt: skip
    repo.close()

    assert run("goal", "edit", "6", "--note", "fixed", "--target", "2").code == 0
    assert run("goal", "edit", "5", "--target", "3").code == 0
    # Made equal to another goal, an edit is still refused.
    refused(
        run("goal", "edit", "6", "--target", "3"),
        "goal events ≥ 3/week already exists (id 5)",
    )
    repo = _repo(db)
    assert [(g.id, g.target, g.note) for g in repo.goals.all()][-2:] == [
        (5, 3.0, "a"),
        (6, 2.0, "fixed"),
    ]
    repo.close()


# --- d. cadence -------------------------------------------------------------------------


def test_keep_in_touch_every(run: Run, db: Path) -> None:
    assert run("contact", "add", "Ana", "--every", "30").code == 0
    assert run("contact", "add", "Bo", "--every", "14").code == 0
    refused(
        run("contact", "add", "Cy", "--every", "0"),
        "keep-in-touch days must be from 1 to 3650, not 0",
    )
    refused(
        run("contact", "edit", "bo", "--every", "weekly"),
        "keep-in-touch days must be a whole number from 1 to 3650, not 'weekly'",
    )
    assert run("contact", "edit", "ana", "--every", "21").code == 0
    assert run("contact", "edit", "bo", "--every", "none").code == 0
    repo = _repo(db)
    assert {c.name: c.keep_in_touch for c in repo.contacts.all()} == {"Ana": 21, "Bo": None}
    repo.close()


def test_contact_edit_changes_only_the_given_options(run: Run, db: Path) -> None:
    assert run("contact", "add", "Ana", "--org", "Acme", "--title", "CTO", "--tag", "pycon",
               "--email", "ana@acme.example").code == 0  # fmt: skip
    assert run("contact", "edit", "ana", "--org", "Globex", "--name", "Ana López",
               "--tag", "mentor", "--tag", "alumni").out == "updated contact Ana López (Globex)\n"  # fmt: skip
    repo = _repo(db)
    ana = repo.contacts.get(1)
    assert (ana.name, ana.organization, ana.title, ana.email, ana.tags) == (
        "Ana López", "Globex", "CTO", "ana@acme.example", ("alumni", "mentor"),
    )  # fmt: skip
    repo.close()
    refused(
        run("contact", "edit", "nobody", "--title", "x"), f"no contact matches 'nobody'{ADD_HINT}"
    )


def test_contact_edit_with_an_empty_size_clears_the_band_as_org_edit_does(
    run: Run, db: Path
) -> None:
    """`contact edit tom --size ''` said "updated" and left the band as it was."""
    assert run("contact", "add", "Tom", "--org", "Acme", "--size", "5000+").code == 0
    assert run("contact", "add", "Ann", "--org", "Acme", "--size", "").code == 0  # not given
    assert run("contact", "edit", "ann", "--title", "CTO").code == 0
    repo = _repo(db)
    assert [o.size_band for o in repo.organizations.all()] == ["5000+"]
    repo.close()
    assert run("contact", "edit", "tom", "--size", "").out == (
        "updated contact Tom (Acme) · Acme's size 5000+ → none (2 contacts)\n"
    )
    repo = _repo(db)
    assert [(o.name, o.size_band) for o in repo.organizations.all()] == [("Acme", "")]
    repo.close()


# --- e. campaign details ----------------------------------------------------------------


def test_campaign_add_and_edit_details(run: Run, db: Path) -> None:
    assert run("campaign", "add", "SRE", "--org", "Acme", "--location", "remote",
               "--compensation", "120–140k EUR + equity", "--deadline", "+18d",
               "--documents", "CV v3").code == 0  # fmt: skip
    repo = _repo(db)
    sre = repo.campaigns.get(1)
    assert (sre.location, sre.compensation, sre.deadline, sre.documents) == (
        "remote", "120–140k EUR + equity", date(2026, 12, 15), "CV v3",
    )  # fmt: skip
    repo.close()
    assert run("campaign", "edit", "sre", "--title", "Site Reliability", "--org", "Globex",
               "--source", "referral", "--priority", "2", "--url", "https://x.example/job",
               "--location", "Madrid", "--deadline", "none").out == (
        "updated campaign Globex Site Reliability\n"
    )  # fmt: skip
    repo = _repo(db)
    sre = repo.campaigns.get(1)
    assert (sre.title, sre.organization, sre.source, sre.priority, sre.url) == (
        "Site Reliability", "Globex", "referral", 2, "https://x.example/job",
    )  # fmt: skip
    assert (sre.location, sre.compensation, sre.deadline, sre.documents) == (
        "Madrid", "120–140k EUR + equity", None, "CV v3",
    )  # fmt: skip
    repo.close()


def test_campaign_edit_refuses_bad_values_writing_nothing(
    base: Run, db: Path, dump: Callable[[Path], list[str]]
) -> None:
    before = dump(db)
    refused(base("campaign", "edit", "sre", "--title", "X", "--priority", "9"),
            "priority must be from 1 to 5, not 9")  # fmt: skip
    refused(base("campaign", "edit", "sre", "--source", "pigeon"),
            "unknown source channel 'pigeon' (known: networking, referral, cold_call, job_board, "
            "company_site, recruiter, other)")  # fmt: skip
    assert dump(db) == before


# --- f. config ----------------------------------------------------------------------------


def test_config_lists_shows_and_sets(run: Run) -> None:
    assert run("config").out == "week_start monday\ngoing_cold_days 30\nstalled_days 14\n"
    assert run("config", "week_start").out == "monday\n"
    assert run("config", "week_start", "Sunday").out == "set week_start to sunday\n"
    assert run("config", "going_cold_days", "21").out == "set going_cold_days to 21\n"
    assert run("config").out == "week_start sunday\ngoing_cold_days 21\nstalled_days 14\n"
    assert run("config", "stalled_days").out == "14\n"
    # Keys in any case, with hyphens as options are written: "unknown setting" before
    assert run("config", "WEEK_START").out == "sunday\n"
    assert run("config", "stalled-days", "10").out == "set stalled_days to 10\n"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (("week_start", "funday"),
         "week_start must be a weekday name like monday or sunday, not 'funday'"),
        (("going_cold_days", "0"), "going_cold_days must be from 1 to 3650, not 0"),
        (("stalled_days", "-3"), "stalled_days must be from 1 to 3650, not -3"),
        (("stalled_days", "two"), "stalled_days must be a whole number from 1 to 3650, not 'two'"),
        (("colour", "blue"),
         "unknown setting 'colour' (known: week_start, going_cold_days, stalled_days)"),
        (("colour",), "unknown setting 'colour' (known: week_start, going_cold_days, stalled_days)"),
    ],
)  # fmt: skip
def test_config_refuses_bad_keys_and_values_writing_nothing(
    run: Run, db: Path, dump: Callable[[Path], list[str]], argv: tuple[str, ...], message: str
) -> None:
    assert run("config", "stalled_days", "10").code == 0
    before = dump(db)
    refused(run("config", *argv), message)
    assert dump(db) == before
    assert run("config", "stalled_days").out == "10\n"


def test_every_none_on_add_means_no_cadence_as_on_edit(base: Run, db: Path) -> None:
    """`contact add --every none` was refused ("keep-in-touch days must be a whole
    number") where `contact edit --every none` clears."""
    assert base("contact", "add", "Bo", "--every", "None").out == "added contact Bo\n"
    assert base("contact", "add", "Cy", "--every", "30").code == 0
    repo = _repo(db)
    named = {c.name: c.keep_in_touch for c in repo.contacts.all()}
    assert (named["Bo"], named["Cy"]) == (None, 30)
    repo.close()
