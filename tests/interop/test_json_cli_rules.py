"""JSON import refuses what the CLI refuses (SPEC: "a record the CLI would refuse is
skipped and reported, never stored"): a campaign's stage history, a goal's target, an
organization named twice. Each skipped record is one listed line; the rest imports."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from netrack.data import tables as t
from netrack.data.repo import Repo
from netrack.domain.errors import InputError
from netrack.domain.goals import DEFAULT_GOALS
from netrack.interop import api
from tests.hardening.helpers import netrack_in_process

BEYOND_A_TIME_ZONE = " by more than the 2 days a time zone ahead explains"


def _import(repo: Repo, tmp_path: Path, doc: dict[str, Any]) -> str:
    path = tmp_path / "in.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return api.import_file(repo, "json", path)


def _listed(summary: str) -> list[str]:
    return [row for row in summary.splitlines() if row.startswith("  skipped ")]


def _step(from_stage: str | None, to: str, on: str, note: str = "") -> dict[str, Any]:
    return {"from": from_stage, "to": to, "on": on, "note": note, "reason": ""}


def _campaign(ref: int, title: str, history: list[dict[str, Any]], **fields: Any) -> dict[str, Any]:
    """A campaign as `export json` writes it (schema 9), opened 2026-10-09."""
    last = history[-1] if history else {"to": "research", "on": "2026-10-09"}
    return {
        "ref": ref,
        "title": title,
        "organization": "Org X",
        "source": "referral",
        "priority": 3,
        "url": "",
        "notes": "",
        "opened_on": "2026-10-09",
        "stage": last["to"],
        "stage_since": last["on"],
        "lost_reason": "",
        "location": "",
        "compensation": "",
        "deadline": None,
        "documents": "",
        "contacts": [],
        "history": history,
        **fields,
    }


def _document(*campaigns: dict[str, Any], **sections: Any) -> dict[str, Any]:
    org = {"name": "Org X", "industry": "", "size_band": "", "location": "", "notes": ""}
    doc: dict[str, Any] = {"format": "netrack", "schema_version": 9, "settings": {}}
    doc.update(goals=[], organizations=[org], contacts=[], campaigns=list(campaigns))
    doc.update(interactions=[], referrals=[], time_entries=[])
    doc.update(sections)
    return doc


OPENING = _step(None, "research", "2026-10-09", "opened")
GOOD = _campaign(
    2,
    "Good",
    [OPENING, _step("research", "applied", "2026-10-20"), _step("applied", "won", "2026-11-02")],
)


def _stored_histories() -> dict[str, list[tuple[str | None, str, date]]]:
    return {
        campaign.title: [
            (row.from_stage, row.to_stage, row.on)
            for row in t.StageChange.select()
            .where(t.StageChange.campaign == campaign.id)
            .order_by(t.StageChange.on, t.StageChange.id)
        ]
        for campaign in t.Campaign.select()
    }


GOOD_STORED = {
    "Good": [
        (None, "research", date(2026, 10, 9)),
        ("research", "applied", date(2026, 10, 20)),
        ("applied", "won", date(2026, 11, 2)),
    ]
}


def test_a_change_before_the_opening_skips_the_campaign_and_the_rest_imports(
    repo: Repo, tmp_path: Path
) -> None:
    """The reported file: stored, its history read research→won on 2026-09-01, then
    won→research "opened", and `campaign undo` left it won since before it opened."""
    bad = _campaign(
        1,
        "T",
        [OPENING, _step("research", "won", "2026-09-01")],
        stage="won",
        stage_since="2026-11-20",
    )
    interaction = {"on": "2026-10-12", "kind": "call", "contacts": [1], "campaign": 1}
    contact = {"ref": 1, "name": "Ana López", "met_on": "2026-09-01"}

    summary = _import(
        repo, tmp_path, _document(bad, GOOD, contacts=[contact], interactions=[interaction])
    )

    assert "  campaigns: 1 added, 0 updated, 1 skipped (invalid, listed below: 1)" in summary
    assert _listed(summary) == [
        "  skipped campaigns[0].history[1].on: 2026-09-01 is before the campaign was opened "
        "(2026-10-09)",
    ]
    assert summary.splitlines()[-1] == (
        "  kept interactions[0] without campaign 1, which was skipped"
    )
    assert _stored_histories() == GOOD_STORED
    assert [(c.title, c.stage.value, c.stage_since) for c in repo.campaigns.all()] == [
        ("Good", "won", date(2026, 11, 2))
    ]
    assert [c.name for c in repo.contacts.all()] == ["Ana López"]


@pytest.mark.parametrize(
    ("history", "fields", "line"),
    [
        (
            [_step(None, "research", "2026-10-10", "opened")],
            {},
            "campaigns[0].history[0].on: the opening must be on opened_on (2026-10-09), "
            "not 2026-10-10",
        ),
        (
            [
                OPENING,
                _step("research", "applied", "2026-10-20"),
                _step("applied", "interviewing", "2026-10-15"),
            ],
            {},
            "campaigns[0].history[2].on: 2026-10-15 is before the previous change "
            "(2026-10-20, to applied)",
        ),
        (
            [
                OPENING,
                _step("research", "applied", "2026-10-20"),
                _step("target", "interviewing", "2026-10-25"),
            ],
            {},
            "campaigns[0].history[2].from: must be applied, the stage the previous change "
            "went to, not target",
        ),
        (
            [
                OPENING,
                _step("research", "applied", "2026-10-20"),
                _step("applied", "applied", "2026-10-22"),
            ],
            {},
            "campaigns[0].history[2].to: the campaign is already in applied",
        ),
        (
            # no opening before it: refused for that first (the opening check comes first)
            [_step("applied", "applied", "2026-10-20")],
            {},
            "campaigns[0].history[0].from: must be null, not applied: a campaign's history "
            "starts with its opening",
        ),
        (
            [OPENING, _step(None, "applied", "2026-10-20")],
            {},
            "campaigns[0].history[1].from: must be research, the stage the previous change "
            "went to, not null",
        ),
        (
            [OPENING, _step("research", "applied", "2026-10-20")],
            {"stage": "won"},
            "campaigns[0].stage: must be applied, the stage of the history's last change, not won",
        ),
        (
            [OPENING, _step("research", "applied", "2026-10-20")],
            {"stage_since": "2026-10-19"},
            "campaigns[0].stage_since: 2026-10-19 is before the history's last change "
            "(2026-10-20, to applied)",
        ),
        (
            [OPENING],
            {"stage_since": "2026-10-01"},
            "campaigns[0].stage_since: 2026-10-01 is before the campaign was opened (2026-10-09)",
        ),
        # Stored, these were listed as active but counted by no scorecard nor agenda.
        (
            [],
            {"stage": "applied", "stage_since": "2026-10-09"},
            "campaigns[0].history: a campaign's history starts with its opening",
        ),
        (
            [_step("research", "applied", "2026-10-09")],
            {},
            "campaigns[0].history[0].from: must be null, not research: a campaign's history "
            "starts with its opening",
        ),
    ],
)
def test_a_history_the_cli_could_not_have_written_is_skipped(
    repo: Repo, tmp_path: Path, history: list[dict[str, Any]], fields: dict[str, Any], line: str
) -> None:
    bad = _campaign(1, "Bad", history, **fields)

    summary = _import(repo, tmp_path, _document(bad, GOOD))

    assert "  campaigns: 1 added, 0 updated, 1 skipped (invalid, listed below: 1)" in summary
    assert _listed(summary) == [f"  skipped {line}"]
    assert _stored_histories() == GOOD_STORED


def test_every_history_netrack_writes_imports_byte_for_byte(repo: Repo, tmp_path: Path) -> None:
    """Same-day changes, an undo, a loss and a reopening."""
    job = repo.campaigns.add("SRE", "Acme", opened_on=date(2026, 9, 10)).id
    repo.campaigns.move(job, "applied", on=date(2026, 9, 10))
    repo.campaigns.move(job, "interviewing", on=date(2026, 9, 10))
    repo.campaigns.move(job, "follow_up", on=date(2026, 9, 20))
    repo.campaigns.undo(job)
    repo.campaigns.move(job, "lost", on=date(2026, 10, 2), reason="rejected", note="no")
    repo.campaigns.move(job, "negotiating", on=date(2026, 10, 2))
    _imports_byte_for_byte(repo, tmp_path)


def test_the_demo_export_imports_byte_for_byte(demo_repo: Repo, tmp_path: Path) -> None:
    _imports_byte_for_byte(demo_repo, tmp_path)


def test_the_demo_exported_in_a_time_zone_ahead_imports_byte_for_byte(
    demo_repo: Repo, tmp_path: Path
) -> None:
    """Exported on the 27th, imported where it is still the 26th: three interactions and
    a time entry of "today" were skipped, and a restore came back short."""
    _imports_byte_for_byte(demo_repo, tmp_path, days_behind=1)


def _imports_byte_for_byte(repo: Repo, tmp_path: Path, days_behind: int = 0) -> None:
    """`repo` exported, imported into a new database with nothing skipped (where it is
    `days_behind` days earlier), exported again: the same bytes."""
    first = tmp_path / "first.json"
    api.export(repo, "json", first)
    there = repo.today() - timedelta(days=days_behind)
    fresh = Repo.open(tmp_path / "fresh.db", clock=lambda: there)

    summary = api.import_file(fresh, "json", first)
    second = tmp_path / "second.json"
    api.export(fresh, "json", second)
    fresh.close()

    assert "skipped" not in summary.replace(" 0 skipped", "")
    assert second.read_bytes() == first.read_bytes()


def _goal(metric: str, target: float, period: str = "week") -> dict[str, Any]:
    return {"metric": metric, "target": target, "comparator": "at_least", "period": period,
            "note": "", "since": "2026-01-01"}  # fmt: skip


@pytest.mark.parametrize(
    ("metric", "target"),
    [("focus_ratio", 5), ("focus_ratio", -0.5), ("diversity_overall", 1.5), ("interviews", -1),
     ("campaign_focus", 1.01), ("relationship_quality", 6), ("relationship_quality", 0.5),
     ("pipeline_coverage", 8)],
)  # fmt: skip
def test_a_goal_target_the_cli_refuses_is_skipped_in_its_words(
    repo: Repo, tmp_path: Path, metric: str, target: float
) -> None:
    with pytest.raises(InputError) as refused:  # what `netrack goal add` says
        repo.goals.add(metric, target, period="month")
    doc = _document(goals=[_goal("focus_ratio", 0.6), _goal(metric, target, "month")])

    summary = _import(repo, tmp_path, doc)

    assert "  goals: 1 added, 0 updated, 1 skipped (invalid, listed below: 1)" in summary
    assert _listed(summary) == [f"  skipped goals[1].target: {refused.value}"]
    assert [(g.metric, g.target, g.period.value) for g in repo.goals.all()] == [
        ("focus_ratio", 0.6, "week")  # the file's goals replace a new database's defaults
    ]


def test_a_goal_the_file_gives_twice_is_stored_once_and_listed(repo: Repo, tmp_path: Path) -> None:
    """`goal add` refuses a second events ≥ 2 a week; the import stored both, and then
    neither could be edited (each refused as the other's twin)."""
    twice = [{**_goal("events", 2), "note": "a"}, {**_goal("events", 2), "note": "b"}]
    doc = _document(goals=[*twice, _goal("interviews", 3)])

    summary = _import(repo, tmp_path, doc)

    assert "  goals: 2 added, 0 updated, 1 skipped (invalid, listed below: 1)" in summary
    assert _listed(summary) == [
        "  skipped goals[1]: goal events ≥ 2/week already exists (goals[0])"
    ]
    assert [(g.metric, g.target, g.note) for g in repo.goals.all()] == [
        ("events", 2.0, "a"),
        ("interviews", 3.0, ""),
    ]
    # Into a database holding it already (its twin in the pool taken by another goal of
    # the same metric): still not a second one.
    again = _document(goals=[_goal("events", 5), *twice])
    summary = _import(repo, tmp_path, again)
    # events ≥ 5 is not netrack's events ≥ 2: kept out, and said so
    assert (
        "  goals: 0 added, 0 updated, 3 skipped "
        "(already set: 2, in netrack with other values, netrack's kept: 1)"
    ) in summary
    assert [(g.metric, g.target) for g in repo.goals.all()] == [("events", 2), ("interviews", 3)]


DEFAULTS = [(m, float(target), c, p) for m, target, c, p, _ in DEFAULT_GOALS]


@pytest.mark.parametrize(
    ("goals", "said", "left"),
    [
        (None, None, DEFAULTS),  # a file without goals leaves the defaults be
        ([], "goals: 0 added, 0 updated, 0 skipped; the 4 default goals removed: the file has none",
         []),
        ([_goal("focus_ratio", 5)], "goals: 0 added, 0 updated, 1 skipped (invalid, listed below:"
         " 1); the default goals kept: none of the file's could be read", DEFAULTS),
        ([_goal("focus_ratio", 5), _goal("events", 2)], "goals: 1 added, 0 updated, 1 skipped "
         "(invalid, listed below: 1); the 4 default goals replaced by the file's",
         [("events", 2.0, "at_least", "week")]),
    ],
)  # fmt: skip
def test_a_new_databases_default_goals_are_replaced_only_by_goals_and_said(
    repo: Repo, tmp_path: Path, goals: list[Any] | None, said: str | None, left: list[Any]
) -> None:
    """Into a new database the file's goals replace the defaults (an export with
    `"goals": []` comes back with none); a file without goals, or whose goals were all
    refused, took the defaults away unsaid."""
    doc = _document()
    del doc["goals"]
    if goals is not None:
        doc["goals"] = goals

    summary = _import(repo, tmp_path, doc)

    lines = [line.strip() for line in summary.splitlines() if line.strip().startswith("goals:")]
    assert lines == ([said] if said else [])
    assert [(g.metric, g.target, g.comparator.value, g.period.value) for g in repo.goals.all()] == (
        left
    )


def test_an_organization_named_twice_by_case_is_counted_twice(repo: Repo, tmp_path: Path) -> None:
    twice = {"name": "org x", "industry": "robotics", "size_band": "", "location": "",
             "notes": ""}  # fmt: skip
    doc = _document()
    doc["organizations"].append(twice)

    summary = _import(repo, tmp_path, doc)

    assert "  organizations: 1 added, 0 updated, 1 skipped (repeated in the file: 1)" in summary
    assert not _listed(summary)
    assert [(o.name, o.industry) for o in t.Organization.select()] == [("Org X", "")]


def test_an_organization_named_twice_merges_once_into_one_already_there(
    repo: Repo, tmp_path: Path
) -> None:
    repo.contacts.add("Ana López", organization="ORG X", met_on=date(2026, 9, 1))
    twice = {"name": "org x", "industry": "robotics", "size_band": "", "location": "",
             "notes": ""}  # fmt: skip
    doc = _document()
    doc["organizations"] = [twice, {**twice, "name": "Org X", "location": "Madrid"}]

    summary = _import(repo, tmp_path, doc)

    assert "  organizations: 0 added, 1 updated, 1 skipped (repeated in the file: 1)" in summary
    assert [(o.name, o.industry, o.location) for o in t.Organization.select()] == [
        ("ORG X", "robotics", "")
    ]


def test_an_organization_called_none_is_skipped_as_the_cli_refuses_it(
    repo: Repo, tmp_path: Path
) -> None:
    """`none` means no organization wherever one is named: an organizations record of
    that name ended the import with "internal error: KeyError", a campaign at "none"
    refused the whole file (NOT NULL). Each is skipped in the CLI's words."""
    doc = _document(_campaign(1, "Dev", [OPENING], organization="None"), GOOD)
    doc["organizations"].append({"name": "none", "industry": "x"})

    summary = _import(repo, tmp_path, doc)

    assert _listed(summary) == [
        "  skipped organizations[1].name: an organization cannot be called none: none means "
        "no organization",
        "  skipped campaigns[0].organization: a campaign belongs to an organization (none is "
        "not one)",
    ]
    assert [o.name for o in t.Organization.select()] == ["Org X"]
    assert [c.title for c in repo.campaigns.all()] == ["Good"]


def _logged_with_follow_up(repo: Repo) -> int:
    ana = repo.contacts.add("Ana López", met_on=date(2026, 9, 1)).id
    on, due = date(2026, 11, 10), date(2026, 11, 20)
    return repo.activity.log([ana], on=on, kind="call", follow_up_on=due).id


def _interaction(done: str | None, due: str | None = "2026-11-20") -> dict[str, Any]:
    return {"on": "2026-11-10", "kind": "call", "contacts": [1], "follow_up_on": due,
            "follow_up_done_on": done, "note": f"done {done}"}  # fmt: skip


def test_a_follow_up_done_day_to_come_is_left_out_in_the_clis_words(
    repo: Repo, tmp_path: Path
) -> None:
    """`follow-up done --on` refuses a day to come: JSON import used to store it, then
    skipped the whole interaction for it. Only the done day is left out now, the
    follow-up kept pending, said with the CLI's words."""
    refused_id = _logged_with_follow_up(repo)
    with pytest.raises(InputError) as refused:  # what `netrack follow-up done` says
        repo.activity.mark_follow_up_done(refused_id, date(2026, 11, 28))
    contact = {"ref": 1, "name": "Zoë Stone", "met_on": "2026-09-01"}
    doc = _document(
        contacts=[contact], interactions=[_interaction("2026-11-12"), _interaction("2026-11-28")]
    )

    summary = _import(repo, tmp_path, doc)

    assert "  interactions: 2 added, 0 updated, 0 skipped" in summary
    # The CLI's words, and the limit: a day or two ahead is an export from a time zone ahead
    assert _listed(summary) == []
    assert (
        f"  kept interactions[1] without follow_up_done_on ({refused.value}{BEYOND_A_TIME_ZONE}"
        "): its follow-up is pending"
    ) in summary.splitlines()
    stored = {i.note: (i.follow_up_on, i.follow_up_done_on) for i in repo.activity.interactions()}
    assert stored == {
        "done 2026-11-12": (date(2026, 11, 20), date(2026, 11, 12)),
        "done 2026-11-28": (date(2026, 11, 20), None),
        "": (date(2026, 11, 20), None),  # the first log
    }


def test_a_follow_up_done_on_a_later_today_keeps_its_interaction_on_a_round_trip(
    tmp_path: Path,
) -> None:
    """The report's steps: a follow-up marked done on a later "today" (2026-12-01), the
    export imported where today is 2026-11-27. The interaction was skipped whole; now
    it comes in with its follow-up, pending, as `followup list` shows it."""
    a, b, out = tmp_path / "a.db", tmp_path / "b.db", tmp_path / "a.json"

    def netrack(*args: str | Path, db: Path, today: str) -> str:
        done = netrack_in_process(*map(str, args), "--db", str(db), today=today)
        assert done.returncode == 0, done.stderr
        return done.stdout

    netrack("contact", "add", "Ana Test", "--met", "2026-11-01", db=a, today="2026-11-20")
    netrack("log", "@ana fu:2026-11-25 x", db=a, today="2026-11-20")
    netrack("followup", "done", "ana", db=a, today="2026-12-01")
    netrack("export", "json", "--out", out, db=a, today="2026-12-01")

    summary = netrack("import", "json", out, db=b, today="2026-11-27")

    assert "  interactions: 1 added, 0 updated, 0 skipped" in summary
    assert "  kept interactions[0] without follow_up_done_on (a follow-up done on 2026-12-01 " in (
        summary
    )
    pending = netrack("followup", "list", db=b, today="2026-11-27").splitlines()
    assert [row.split()[:3] for row in pending[1:]] == [["1", "2026-11-25", "overdue"]]


def test_a_done_day_without_a_follow_up_or_before_its_interaction_imports_whole(
    repo: Repo, tmp_path: Path
) -> None:
    """What an earlier netrack could leave (an edit moving an interaction past its done
    follow-up, or removing the follow-up) comes back whole from a backup: the done
    day kept where it precedes the interaction, dropped where there is no follow-up
    (nothing reads it)."""
    contact = {"ref": 1, "name": "Zoë Stone", "met_on": "2026-09-01"}
    doc = _document(
        contacts=[contact],
        interactions=[_interaction("2026-11-09"), _interaction("2026-11-13", due=None)],
    )

    summary = _import(repo, tmp_path, doc)

    assert "  interactions: 2 added, 0 updated, 0 skipped" in summary
    stored = {i.note: (i.follow_up_on, i.follow_up_done_on) for i in repo.activity.interactions()}
    assert stored == {
        "done 2026-11-09": (date(2026, 11, 20), date(2026, 11, 9)),
        "done 2026-11-13": (None, None),
    }


def test_an_edit_keeps_a_follow_up_done_day_consistent(repo: Repo) -> None:
    """Moving an interaction after the day its follow-up was done is refused, and
    removing the follow-up removes its done day: an export of what netrack wrote
    always imports whole."""
    interaction_id = _logged_with_follow_up(repo)
    repo.activity.mark_follow_up_done(interaction_id, date(2026, 11, 12))

    with pytest.raises(InputError, match="cannot be done before the interaction it follows"):
        repo.activity.update(interaction_id, on=date(2026, 11, 13))
    assert repo.activity.get(interaction_id).on == date(2026, 11, 10)  # nothing written

    repo.activity.update(interaction_id, follow_up_on=None)
    edited = repo.activity.get(interaction_id)
    assert (edited.follow_up_on, edited.follow_up_done_on) == (None, None)


def test_a_done_day_left_without_its_follow_up_is_not_exported(repo: Repo, tmp_path: Path) -> None:
    """A database edited before the fix above may hold a done day without a follow-up:
    nothing reads it, so the export leaves it out and the file imports whole."""
    interaction_id = _logged_with_follow_up(repo)
    t.Interaction.update(follow_up_on=None, follow_up_done_on=date(2026, 11, 12)).where(
        t.Interaction.id == interaction_id
    ).execute()
    out = tmp_path / "out.json"
    api.export(repo, "json", out)

    [exported] = json.loads(out.read_text(encoding="utf-8"))["interactions"]
    assert (exported["follow_up_on"], exported["follow_up_done_on"]) == (None, None)
    other = Repo.open(tmp_path / "other.db", clock=lambda: date(2026, 11, 25))
    try:
        assert "interactions: 1 added, 0 updated, 0 skipped" in api.import_file(other, "json", out)
    finally:
        other.close()


def test_a_row_done_before_its_interaction_can_still_be_edited(repo: Repo, tmp_path: Path) -> None:
    """Such a row imports whole (above); only moving it is refused, not every edit."""
    contact = {"ref": 1, "name": "Zoë Stone", "met_on": "2026-09-01"}
    _import(
        repo, tmp_path, _document(contacts=[contact], interactions=[_interaction("2026-11-09")])
    )
    [row] = repo.activity.interactions()

    repo.activity.update(row.id, note="changed", minutes=20)
    with pytest.raises(InputError, match="cannot be done before the interaction it follows"):
        repo.activity.update(row.id, on=date(2026, 11, 11))

    edited = repo.activity.get(row.id)
    assert (edited.note, edited.minutes, edited.on) == ("changed", 20, date(2026, 11, 10))


def test_a_bad_done_day_is_said_even_without_a_follow_up(repo: Repo, tmp_path: Path) -> None:
    contact = {"ref": 1, "name": "Zoë Stone", "met_on": "2026-09-01"}
    doc = _document(contacts=[contact], interactions=[_interaction("garbage", due=None)])

    summary = _import(repo, tmp_path, doc)

    assert _listed(summary) == [
        "  skipped interactions[0].follow_up_done_on: bad date 'garbage' (expected YYYY-MM-DD)"
    ]
    assert repo.activity.interactions() == []


def test_a_done_day_for_another_follow_up_does_not_close_the_one_stored(
    repo: Repo, tmp_path: Path
) -> None:
    """The file's interaction matches one in netrack, but its follow-up is another: the
    stored one (due on the 20th, pending) is not marked done by it."""
    contact = {"ref": 1, "name": "Zoë Stone", "met_on": "2026-09-01"}
    first = _document(contacts=[contact], interactions=[_interaction(None)])
    _import(repo, tmp_path, first)
    other = {**_interaction("2026-11-21", due="2026-11-25"), "note": "done None"}

    summary = _import(repo, tmp_path, _document(contacts=[contact], interactions=[other]))

    assert "interactions: 0 added, 0 updated, 1 skipped" in summary, summary
    [row] = repo.activity.interactions()
    assert (row.follow_up_on, row.follow_up_done_on) == (date(2026, 11, 20), None)


@pytest.mark.parametrize("since", [date(1, 1, 1), date(9999, 12, 31)])
def test_a_goal_counting_from_a_day_no_card_shows_is_refused(repo: Repo, since: date) -> None:
    with pytest.raises(
        InputError, match=r"a goal cannot count from .*: a scorecard covers 1900 to 9998"
    ):
        repo.goals.add("interviews", 4, since=since)
    goal = repo.goals.add("interviews", 4, since=date(2026, 1, 1))
    with pytest.raises(InputError, match="a goal cannot count from "):
        repo.goals.update(goal.id, since=since)
    assert [(g.metric, g.since) for g in repo.goals.all()][-1] == ("interviews", date(2026, 1, 1))


@pytest.mark.parametrize("day", [date(2026, 11, 28), date(1, 1, 1)], ids=["to come", "year 1"])
def test_a_referral_or_time_entry_that_has_not_happened_is_refused_and_skipped(
    repo: Repo, tmp_path: Path, day: date
) -> None:
    """Both were stored whatever their date, from the CLI and from a file alike."""
    ana = repo.contacts.add("Ana López", met_on=date(2026, 9, 1)).id
    with pytest.raises(InputError) as referral:
        repo.referrals.add(ana, "in", on=day)
    with pytest.raises(InputError) as entry:
        repo.time.add(30, "search", on=day)
    contact = {"ref": 1, "name": "Zoë Stone", "met_on": "2026-09-01"}
    doc = _document(
        contacts=[contact],
        referrals=[{"contact": 1, "direction": "in", "on": day.isoformat()}],
        time_entries=[{"on": day.isoformat(), "minutes": 30, "category": "search"}],
    )

    summary = _import(repo, tmp_path, doc)

    beyond = BEYOND_A_TIME_ZONE if day.year > 1 else ""  # said with the limit when ahead
    assert _listed(summary) == [
        f"  skipped referrals[0].on: {referral.value}{beyond}",
        f"  skipped time_entries[0].on: {entry.value}{beyond}",
    ]
    assert (repo.referrals.all(), t.TimeEntry.select().count()) == ([], 0)


def test_a_deadline_an_older_netrack_stored_imports_as_it_is(repo: Repo, tmp_path: Path) -> None:
    """`campaign edit --deadline 0001-01-01` is refused now, but an older netrack stored
    one: refusing it on import skipped the campaign and all that hung on it, and a
    PostgreSQL restore of such a backup refused the whole file (a review sweep). The
    import keeps it, as a goal's target is kept as stored, and says so (the Agenda
    said "739946d past due"). Not so a URL holding a control character: see below."""
    opening = [OPENING]
    doc = _document(
        _campaign(1, "Typo", opening, deadline="0001-01-01"),
        _campaign(2, "Kept", opening, deadline="2026-12-15"),
    )

    summary = _import(repo, tmp_path, doc)

    assert not _listed(summary)
    assert sorted((c.title, c.deadline) for c in repo.campaigns.all()) == [
        ("Kept", date(2026, 12, 15)),
        ("Typo", date(1, 1, 1)),
    ]
    said = [row for row in summary.splitlines() if "refuses it now" in row]
    assert said == [
        "  kept campaigns[0] as stored, though netrack refuses it now: deadline 0001-01-01: "
        "a deadline must be between 1900 and 9998",
    ]
    # The same file again: nothing written, nothing said
    again = _import(repo, tmp_path, doc)
    assert not [row for row in again.splitlines() if "refuses it now" in row]


def test_a_url_holding_a_control_character_is_left_out_its_record_kept(
    run_cli: Any, tmp_path: Path
) -> None:
    """`--url` refuses an ESC, but `import json` stored one: a contact's without a word,
    a campaign's "as stored" (a hostile-input sweep). A control character is no harmless
    value to keep, as it would reach the terminal; but skipping the whole contact or
    campaign (as this did for a while) lost its history with it, a database an older
    netrack filled could not come back from its own export. Only the address is left
    out, said in one line."""
    db, path = tmp_path / "n.db", tmp_path / "in.json"
    address = "https://x\x1b[2J.example"
    refused = run_cli("contact", "add", "Ana López", "--url", address, db=db)
    assert refused.returncode == 2
    assert "holds a control character" in refused.stderr
    people = [{"ref": 1, "name": "Ana López", "met_on": "2026-09-01", "url": address}]
    people.append({"ref": 2, "name": "Raj Patel", "met_on": "2026-09-01"})
    call = {"on": "2026-10-10", "kind": "call", "contacts": [1], "campaign": 1}
    doc = _document(
        _campaign(1, "Odd", [OPENING], url=address),
        _campaign(2, "Plain", [OPENING], url="https://plain.example"),
        contacts=people,
        interactions=[call],
    )
    path.write_text(json.dumps(doc), encoding="utf-8")

    done = run_cli("import", "json", path, db=db)

    assert done.returncode == 0, done.stderr
    assert _listed(done.stdout) == []
    assert [row for row in done.stdout.splitlines() if "warning" in row] == [
        "  warning: 2 records kept without their url, which holds a control character "
        "(first: contacts[0].url: 'https://x\\x1b[2J.example')"
    ]
    assert "refuses it now" not in done.stdout
    with closing(sqlite3.connect(db)) as stored:
        assert stored.execute("SELECT name, url FROM contact ORDER BY id").fetchall() == [
            ("Ana López", ""),
            ("Raj Patel", ""),
        ]
        assert stored.execute("SELECT title, url FROM campaign ORDER BY id").fetchall() == [
            ("Odd", ""),
            ("Plain", "https://plain.example"),
        ]
        assert stored.execute(
            "SELECT c.name, k.title FROM interaction_contact AS l JOIN contact AS c ON "
            "c.id = l.contact_id JOIN interaction AS i ON i.id = l.interaction_id "
            "JOIN campaign AS k ON k.id = i.campaign_id"
        ).fetchall() == [("Ana López", "Odd")]


def test_an_interaction_with_a_contact_archived_here_is_skipped_and_named(
    run_cli: Any, tmp_path: Path
) -> None:
    # The other machine logged a coffee with Ana after this one archived her: `log`
    # refuses to name her here, and so does the import (her archived history stays)
    there, here, path = tmp_path / "there.db", tmp_path / "here.db", tmp_path / "there.json"
    run_cli("contact", "add", "Ana López", db=there)
    run_cli("log", "#coffee @ana 45m platform", db=there)
    run_cli("export", "json", "--out", path, db=there)
    run_cli("contact", "add", "Ana López", db=here)
    run_cli("contact", "archive", "Ana López", db=here)

    done = run_cli("import", "json", path, db=here)

    assert done.returncode == 0, done.stderr
    assert (
        "  interactions: 0 added, 0 updated, 1 skipped (with an archived contact: 1); "
        "archived, so left out: Ana López (unarchive them, then import again)"
    ) in done.stdout.splitlines()
    run_cli("contact", "unarchive", "Ana López", db=here)
    again = run_cli("import", "json", path, db=here)
    assert "  interactions: 1 added, 0 updated, 0 skipped" in again.stdout.splitlines()


def test_a_referral_and_a_campaign_link_of_a_contact_archived_here_are_left_out_and_said(
    run_cli: Any, tmp_path: Path
) -> None:
    # `referral add --from` and `campaign link` refuse to name an archived contact, as
    # `log` does: the import skipped her meeting but added her referral and link
    there, here, path = tmp_path / "h.db", tmp_path / "i.db", tmp_path / "h.json"
    run_cli("contact", "add", "Ana López", "--org", "Acme", db=there)
    run_cli("campaign", "add", "Eng", "--org", "Acme", db=there)
    run_cli("campaign", "link", "eng", "Ana López", "--role", "insider", db=there)
    run_cli("log", "@ana #call 20 call", db=there)
    run_cli("referral", "add", "--from", "ana", "--direction", "in", db=there)
    run_cli("export", "json", "--out", path, db=there)
    run_cli("contact", "add", "Ana López", "--org", "Acme", db=here)
    run_cli("contact", "archive", "ana", db=here)

    done = run_cli("import", "json", path, db=here)

    assert done.returncode == 0, done.stderr
    left_out = "archived, so left out: Ana López (unarchive them, then import again)"
    lines = done.stdout.splitlines()
    assert (
        "  campaigns: 1 added, 0 updated, 0 skipped; 1 link with an archived contact left "
        "out: Ana López (unarchive them, then import again)"
    ) in lines
    assert (
        f"  referrals: 0 added, 0 updated, 1 skipped (with an archived contact: 1); {left_out}"
        in lines
    )
    assert "no referrals" in run_cli("referral", "list", db=here).stdout
    assert "insider" not in run_cli("campaign", "show", "eng", db=here).stdout
    run_cli("contact", "unarchive", "Ana López", db=here)
    again = run_cli("import", "json", path, db=here).stdout.splitlines()
    assert "  campaigns: 0 added, 1 updated, 0 skipped" in again
    assert "  referrals: 1 added, 0 updated, 0 skipped" in again


def test_a_referral_and_link_of_a_contact_archived_in_the_file_too_come_back(
    run_cli: Any, tmp_path: Path
) -> None:
    # The round trip (6cfcbc1): archived there as here, her records are her history
    there, here, path = tmp_path / "h.db", tmp_path / "i.db", tmp_path / "h.json"
    run_cli("contact", "add", "Ana López", "--org", "Acme", db=there)
    run_cli("campaign", "add", "Eng", "--org", "Acme", db=there)
    run_cli("campaign", "link", "eng", "Ana López", "--role", "insider", db=there)
    run_cli("referral", "add", "--from", "ana", "--direction", "in", db=there)
    run_cli("contact", "archive", "ana", db=there)
    run_cli("export", "json", "--out", path, db=there)
    run_cli("contact", "add", "Ana López", "--org", "Acme", db=here)
    run_cli("contact", "archive", "ana", db=here)

    lines = run_cli("import", "json", path, db=here).stdout.splitlines()

    assert "  campaigns: 1 added, 0 updated, 0 skipped" in lines
    assert "  referrals: 1 added, 0 updated, 0 skipped" in lines


def test_an_introduction_filled_on_a_contact_with_another_title_says_both(
    run_cli: Any, tmp_path: Path
) -> None:
    # The filled introduction turned the record "updated": the count it left was Bob's
    # "already in netrack", and Ana's other title went unsaid
    there, here, path = tmp_path / "k1.db", tmp_path / "k2.db", tmp_path / "k1.json"
    run_cli("contact", "add", "Bob Ray", db=there)
    run_cli(
        "contact", "add", "Ana López", "--title", "Director", "--introduced-by", "Bob", db=there
    )
    run_cli("export", "json", "--out", path, db=there)
    run_cli("contact", "add", "Bob Ray", db=here)
    run_cli("contact", "add", "Ana López", "--title", "Engineer", db=here)

    lines = run_cli("import", "json", path, db=here).stdout.splitlines()

    assert (
        "  contacts: 0 added, 1 updated, 1 skipped (already in netrack: 1); "
        "of those updated, in netrack with other values, netrack's kept: 1"
    ) in lines
