"""JSON import at the edges: forward and circular references re-import, every bad value
is one located line (a skipped record, or the whole file refused), nothing crashes."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from netrack.data import tables as t
from netrack.data.repo import Repo
from netrack.domain.errors import InputError
from netrack.interop import api, json_fields
from tests.interop.conftest import TODAY, snapshot


def _introductions(repo: Repo) -> None:
    """Ana was introduced by Raj, added after her; Bo and Cy introduced each other."""
    ana = repo.contacts.add("Ana López", organization="Acme", met_on=date(2026, 9, 1))
    repo.contacts.add("Raj Patel", met_on=date(2026, 9, 2))
    bo = repo.contacts.add("Bo Berg", met_on=date(2026, 9, 3))
    cy = repo.contacts.add("Cy Cole", met_on=date(2026, 9, 4), introduced_by="Bo Berg")
    repo.contacts.update(ana.id, introduced_by="Raj Patel")
    repo.contacts.update(bo.id, introduced_by="Cy Cole")
    repo.activity.log([ana.id, cy.id], on=date(2026, 10, 1), kind="call")


def _introducers(repo: Repo) -> dict[str, str | None]:
    names = {c.id: c.name for c in repo.contacts.all(include_archived=True)}
    with repo.store.bound():
        return {
            names[row.id]: names.get(row.introduced_by_id)  # type: ignore[attr-defined]  # peewee adds *_id
            for row in t.Contact.select(t.Contact.id, t.Contact.introduced_by)
        }


def test_forward_and_circular_introductions_re_import_byte_for_byte(
    repo: Repo, tmp_path: Path
) -> None:
    _introductions(repo)
    first = tmp_path / "first.json"
    api.export(repo, "json", first)
    contacts = json.loads(first.read_text(encoding="utf-8"))["contacts"]
    assert [(c["ref"], c["introduced_by"]) for c in contacts] == [(1, 2), (2, None), (3, 4), (4, 3)]
    repo.close()
    fresh = Repo.open(tmp_path / "fresh.db", clock=lambda: TODAY)

    summary = api.import_file(fresh, "json", first)
    second = tmp_path / "second.json"
    api.export(fresh, "json", second)

    assert "contacts: 4 added" in summary
    assert second.read_bytes() == first.read_bytes()  # the format carries no timestamp
    assert _introducers(fresh) == {
        "Ana López": "Raj Patel",
        "Raj Patel": None,
        "Bo Berg": "Cy Cole",
        "Cy Cole": "Bo Berg",
    }
    fresh.close()


def test_forward_introductions_merge_into_a_database_with_data(repo: Repo, tmp_path: Path) -> None:
    _introductions(repo)
    out = tmp_path / "export.json"
    api.export(repo, "json", out)
    repo.close()
    other = Repo.open(tmp_path / "other.db", clock=lambda: TODAY)
    other.contacts.add("Zed Zulu", met_on=date(2026, 8, 1))
    other.contacts.add("Ana López", organization="Acme", met_on=date(2026, 9, 1))

    summary = api.import_file(other, "json", out)
    again = api.import_file(other, "json", out)

    assert "contacts: 3 added, 1 updated" in summary
    assert _introducers(other) == {
        "Zed Zulu": None,
        "Ana López": "Raj Patel",  # a blank "introduced by" filled, pointing at a new row
        "Raj Patel": None,
        "Bo Berg": "Cy Cole",
        "Cy Cole": "Bo Berg",
    }
    assert all(" 0 added, 0 updated" in line for line in again.splitlines()[1:])
    other.close()


def test_the_only_reference_into_its_own_table_is_introduced_by() -> None:
    """Import order is settings, goals, organizations, contacts, campaigns (history,
    links), interactions, referrals, time entries: every reference points backwards but
    contact.introduced_by, which the merge links after inserting. A new one needs the same."""
    order = [t.Organization, t.Contact, t.Campaign, t.StageChange, t.CampaignContact]
    order += [t.Interaction, t.InteractionContact, t.Referral, t.TimeEntry]
    forward = [
        f"{model.__name__}.{field.name}"
        for n, model in enumerate(order)
        for field in model._meta.refs
        if field.rel_model not in order[:n]
    ]
    assert forward == ["Contact.introduced_by"]


def _campaign_links(repo: Repo) -> list[tuple[str, str, str | None]]:
    with repo.store.bound():
        rows = t.CampaignContact.select().order_by(t.CampaignContact.id)
        return [(row.campaign.title, row.contact.name, row.role) for row in rows]


def _document(**sections: Any) -> dict[str, Any]:
    doc: dict[str, Any] = {"format": "netrack", "schema_version": 1}
    doc["contacts"] = [
        {"ref": 1, "name": "Ana López", "met_on": "2026-09-01"},
        {"ref": 2, "name": "Raj Patel", "met_on": "2026-09-02"},
    ]
    doc["campaigns"] = [
        {
            "ref": 1,
            "title": "Data Lead",
            "organization": "Globex",
            "opened_on": "2026-09-10",
            "history": [{"from": None, "to": "research", "on": "2026-09-10"}],
        }
    ]
    doc.update(sections)
    return doc


def _import(repo: Repo, tmp_path: Path, doc: dict[str, Any]) -> str:
    path = tmp_path / "in.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return api.import_file(repo, "json", path)


GOOD_INTERACTION = {"on": "2026-10-01", "kind": "call", "contacts": [1], "cost": 3.5}


@pytest.mark.parametrize(
    ("bad", "line"),
    [
        ({"cost": 1e308}, "interactions[1].cost: cost must be from 0 to less than 1,000,000,000"),
        ({"cost": -1}, "interactions[1].cost: must not be negative"),
        ({"cost": 10**400}, "interactions[1].cost: 1000000"),
        ({"cost": 1e9}, "interactions[1].cost: cost must be from 0"),
        ({"minutes": 5000}, "interactions[1].minutes: minutes must be from 0 to 1440, not 5000"),
        ({"minutes": -5}, "interactions[1].minutes: minutes must be from 0 to 1440, not -5"),
        ({"minutes": 1.5}, "interactions[1].minutes: expected a whole number, found 1.5"),
        ({"kind": "telepathy"}, "interactions[1].kind: unknown kind 'telepathy'"),
        ({"on": "2026-11-28"}, "interactions[1].on: interaction 2026-11-28 is after today"),
        ({"on": "2026-02-30"}, "interactions[1].on: bad date '2026-02-30'"),
        ({"on": "20261001"}, "interactions[1].on: bad date '20261001'"),
        (
            {"follow_up_on": "2026-09-30"},
            "interactions[1].follow_up_on: follow-up 2026-09-30 is before the interaction",
        ),
        (  # no card counts it, as no card counts a deadline in 9999
            {"follow_up_on": "9999-12-31"},
            "interactions[1].follow_up_on: follow-up 9999-12-31: a follow-up must be "
            "between 1900 and 9998",
        ),
        ({"contacts": [7]}, "interactions[1].contacts: refers to 7, which is not in the file"),
        ({"contacts": ["1"]}, "interactions[1].contacts: expected positions, found '1'"),
        ({"note": "a\ud800b"}, "interactions[1].note: note is not valid text"),
        ({"note": "x" * 20_000}, "interactions[1].note: note is too long"),
    ],
)
def test_a_bad_interaction_is_skipped_and_reported(
    repo: Repo, tmp_path: Path, bad: dict[str, Any], line: str
) -> None:
    doc = _document(interactions=[GOOD_INTERACTION, {**GOOD_INTERACTION, **bad}])

    summary = _import(repo, tmp_path, doc)

    assert "interactions: 1 added, 0 updated, 1 skipped (invalid, listed below: 1)" in summary
    listed = [row for row in summary.splitlines() if row.startswith("  skipped ")]
    assert len(listed) == 1 and listed[0].startswith(f"  skipped {line}"), summary
    assert [(i.cost, i.on) for i in repo.activity.interactions()] == [(3.5, date(2026, 10, 1))]
    summary.encode("utf-8")  # printable: no lone surrogate reaches the terminal


@pytest.mark.parametrize(
    ("bad", "line"),
    [
        ({"strength": 9}, "contacts[1].strength: strength must be from 1 to 5, not 9"),
        ({"strength": True}, "contacts[1].strength: expected a whole number, found True"),
        ({"met_on": "2027-01-01"}, "contacts[1].met_on: met on 2027-01-01 is after today"),
        ({"channel": "carrier pigeon"}, "contacts[1].channel: unknown channel"),
        ({"name": "Raj \ud800"}, "contacts[1].name: name is not valid text"),
        ({"name": "  "}, "contacts[1].name: name must not be blank"),
        ({"tags": [{"x": 1}]}, "contacts[1].tags: expected texts, found {'x': 1}"),
        ({"organization": "O" * 400}, "contacts[1].organization: organization name is too long"),
    ],
)
def test_a_bad_contact_is_skipped_and_what_refers_to_it_stands_without_it(
    repo: Repo, tmp_path: Path, bad: dict[str, Any], line: str
) -> None:
    """One bad contact took with it the campaign it was linked to, the interactions it
    shared and everyone it introduced: each now loses only the reference."""
    doc = _document(interactions=[{**GOOD_INTERACTION, "contacts": [1, 2]}])
    doc["contacts"][1].update(bad)
    doc["contacts"].append(
        {"ref": 3, "name": "Cy Cole", "met_on": "2026-09-03", "introduced_by": 2}
    )
    doc["campaigns"][0]["contacts"] = [{"contact": 2, "role": "referrer"}]

    summary = _import(repo, tmp_path, doc)

    assert [c.name for c in repo.contacts.all()] == ["Ana López", "Cy Cole"]
    assert _introducers(repo) == {"Ana López": None, "Cy Cole": None}
    assert [i.contact_names for i in repo.activity.interactions()] == [("Ana López",)]
    assert [c.title for c in repo.campaigns.all()] == ["Data Lead"]
    assert _campaign_links(repo) == []
    assert "contacts: 2 added, 0 updated, 1 skipped (invalid, listed below: 1)" in summary
    assert "campaigns: 1 added" in summary and "interactions: 1 added" in summary
    assert summary.splitlines()[-4:] == [
        f"  skipped {line}" + summary.split(line, 1)[1].split("\n", 1)[0],
        "  kept contacts[2] without the introduction by contact 2, which was skipped",
        "  kept campaigns[0] without the link to contact 2, which was skipped",
        "  kept interactions[0] without contact 2, which was skipped",
    ]


def test_a_record_matched_to_one_netrack_holds_is_not_said_kept_without_a_reference(
    repo: Repo, tmp_path: Path
) -> None:
    """The same file imported again: Cy and the campaign were already in netrack, nothing
    was written, and the summary still said each was "kept … without" its reference to
    the skipped contact. Said only of a record written: added, or (Cy's title and the
    campaign's URL filled here) updated."""
    doc = _document()
    doc["contacts"][1]["strength"] = 9
    doc["contacts"].append(
        {"ref": 3, "name": "Cy Cole", "met_on": "2026-09-03", "introduced_by": 2}
    )
    doc["campaigns"][0]["contacts"] = [{"contact": 2, "role": "referrer"}]
    first = _import(repo, tmp_path, doc)
    assert "  kept contacts[2] without the introduction by contact 2, which was skipped" in first
    assert "  kept campaigns[0] without the link to contact 2, which was skipped" in first

    again = _import(repo, tmp_path, doc)
    doc["campaigns"][0]["url"] = "https://acme.example/jobs/1"
    doc["contacts"][2]["title"] = "CTO"
    filled = _import(repo, tmp_path, doc)

    assert "contacts: 0 added, 0 updated, 3 skipped" in again
    assert "campaigns: 0 added, 0 updated, 1 skipped (already in netrack: 1)" in again
    assert "  kept " not in again
    assert "contacts: 0 added, 1 updated, 2 skipped" in filled
    assert "campaigns: 0 added, 1 updated, 0 skipped" in filled
    assert [row for row in filled.splitlines() if row.startswith("  kept ")] == [
        "  kept contacts[2] without the introduction by contact 2, which was skipped",
        "  kept campaigns[0] without the link to contact 2, which was skipped",
    ]


@pytest.mark.parametrize(
    ("change", "line"),
    [
        (
            lambda c: c.update(opened_on="2026-12-01"),
            "campaigns[0].opened_on: opened on 2026-12-01 is after today",
        ),
        (lambda c: c.update(priority=0), "campaigns[0].priority: priority must be from 1 to 5"),
        (lambda c: c.update(source="pigeon"), "campaigns[0].source: unknown source 'pigeon'"),
        (lambda c: c.update(stage="limbo"), "campaigns[0].stage: unknown stage 'limbo'"),
        (
            lambda c: c.update(history=[{"to": "applied", "on": "2027-01-01"}]),
            "campaigns[0].history[0].on: stage change 2027-01-01 is after today",
        ),
        (
            lambda c: c.update(history=[{"to": "limbo", "on": "2026-10-01"}]),
            "campaigns[0].history[0].to: unknown stage 'limbo'",
        ),
        (lambda c: c.update(history=[7]), "campaigns[0].history[0]: expected an object, found 7"),
    ],
)
def test_a_bad_campaign_is_skipped_and_what_refers_to_it_is_kept_without_it(
    repo: Repo, tmp_path: Path, change: Any, line: str
) -> None:
    """As deleting a campaign keeps its interactions and time entries: each was skipped
    with the campaign, which lost a day's history for one bad field."""
    doc = _document(
        interactions=[{**GOOD_INTERACTION, "campaign": 1}],
        time_entries=[{"on": "2026-10-01", "minutes": 30, "category": "search", "campaign": 1}],
    )
    change(doc["campaigns"][0])

    summary = _import(repo, tmp_path, doc)

    assert not t.Campaign.select().exists() and not t.StageChange.select().exists()
    assert [(i.on, i.campaign_id) for i in repo.activity.interactions()] == [
        (date(2026, 10, 1), None)
    ]
    with repo.store.bound():
        entries = [(e.on, e.minutes, e.campaign) for e in t.TimeEntry.select()]
    assert entries == [(date(2026, 10, 1), 30, None)]
    assert "interactions: 1 added, 0 updated, 0 skipped" in summary
    assert "time entries: 1 added, 0 updated, 0 skipped" in summary
    listed = [row for row in summary.splitlines() if row.startswith("  skipped ")]
    assert listed == [f"  skipped {line}" + summary.split(line, 1)[1].split("\n", 1)[0]]
    assert summary.splitlines()[-2:] == [
        "  kept interactions[0] without campaign 1, which was skipped",
        "  kept time_entries[0] without campaign 1, which was skipped",
    ]


def test_a_record_that_needs_what_was_skipped_goes_and_one_that_does_not_stays(
    repo: Repo, tmp_path: Path
) -> None:
    """A referral needs its person and an interaction one person at least: those go
    with a skipped contact; a referral whose campaign was skipped stays without it."""
    doc = _document(
        interactions=[{**GOOD_INTERACTION, "contacts": [2]}],
        referrals=[
            {"contact": 2, "direction": "in", "on": "2026-10-02"},
            {"contact": 1, "direction": "out", "on": "2026-10-03", "campaign": 1},
        ],
    )
    doc["contacts"][1]["strength"] = 9
    doc["campaigns"][0]["priority"] = 0

    summary = _import(repo, tmp_path, doc)

    assert [c.name for c in repo.contacts.all()] == ["Ana López"]
    assert not repo.activity.interactions() and not t.Campaign.select().exists()
    with repo.store.bound():
        referrals = [(r.contact.name, r.on, r.campaign) for r in t.Referral.select()]
    assert referrals == [("Ana López", date(2026, 10, 3), None)]
    assert "referrals: 1 added, 0 updated, 1 skipped (invalid, listed below: 1)" in summary
    assert [row for row in summary.splitlines() if row.startswith("  skipped ")][2:] == [
        "  skipped interactions[0].contacts: refers to 2, which was skipped",
        "  skipped referrals[0].contact: refers to 2, which was skipped",
    ]
    assert summary.splitlines()[-1] == "  kept referrals[1] without campaign 1, which was skipped"


def test_a_reference_to_a_record_not_in_the_file_costs_only_that_reference(
    run_cli: Any, tmp_path: Path
) -> None:
    """One campaign link to a position no contact has skipped the whole campaign, its
    stage history, and its interactions' and referrals' link to it (a hostile-input
    sweep), where a link to a contact skipped costs only the link: so does a link to one
    not in the file, and every other reference a record stands without (an entry's
    campaign, one of an interaction's people, an introduction). What cannot stand
    without it goes: a referral's person, an interaction's only person."""
    db, path = tmp_path / "n.db", tmp_path / "in.json"
    doc = _document(
        interactions=[
            {**GOOD_INTERACTION, "contacts": [1, 7], "campaign": 1},
            {**GOOD_INTERACTION, "contacts": [2], "campaign": 9, "kind": "email"},
            {**GOOD_INTERACTION, "contacts": [8]},
        ],
        referrals=[
            {"contact": 1, "direction": "in", "on": "2026-10-02", "campaign": 1},
            {"contact": 2, "direction": "out", "on": "2026-10-03", "campaign": 6},
            {"contact": 99, "direction": "out", "on": "2026-10-04"},
        ],
        time_entries=[{"on": "2026-10-01", "minutes": 30, "category": "search", "campaign": 5}],
    )
    doc["campaigns"][0]["contacts"] = [
        {"contact": 9999, "role": "referrer"},
        {"contact": 1, "role": "hiring_manager"},
    ]
    doc["campaigns"][0]["history"].append({"from": "research", "to": "applied", "on": "2026-09-20"})
    doc["contacts"][1]["introduced_by"] = 5
    path.write_text(json.dumps(doc), encoding="utf-8")

    done = run_cli("import", "json", path, db=db)
    again = run_cli("import", "json", path, db=db)

    assert done.returncode == 0, done.stderr
    assert [row for row in done.stdout.splitlines() if row.startswith("  skipped ")] == [
        "  skipped interactions[2].contacts: refers to 8, which is not in the file",
        "  skipped referrals[2].contact: refers to 99, which is not in the file",
    ]
    assert [row for row in done.stdout.splitlines() if row.startswith("  kept ")] == [
        "  kept contacts[1] without the introduction by contact 5, which is not in the file",
        "  kept campaigns[0] without the link to contact 9999, which is not in the file",
        "  kept interactions[0] without contact 7, which is not in the file",
        "  kept interactions[1] without campaign 9, which is not in the file",
        "  kept referrals[1] without campaign 6, which is not in the file",
        "  kept time_entries[0] without campaign 5, which is not in the file",
    ]
    with closing(sqlite3.connect(db)) as stored:
        assert stored.execute("SELECT name, introduced_by_id FROM contact").fetchall() == [
            ("Ana López", None),
            ("Raj Patel", None),
        ]
        assert stored.execute(
            "SELECT title, stage, (SELECT count(*) FROM stage_change WHERE campaign_id = c.id)"
            " FROM campaign c"
        ).fetchall() == [("Data Lead", "applied", 2)]
        assert stored.execute(
            "SELECT contact.name, role FROM campaign_contact JOIN contact ON contact.id = contact_id"
        ).fetchall() == [("Ana López", "hiring_manager")]
        linked = "SELECT campaign_id IS NOT NULL FROM {} ORDER BY id"
        assert stored.execute(linked.format("interaction")).fetchall() == [(1,), (0,)]
        assert stored.execute(linked.format("referral")).fetchall() == [(1,), (0,)]
        assert stored.execute(linked.format("time_entry")).fetchall() == [(0,)]
        assert stored.execute("SELECT count(*) FROM interaction_contact").fetchone() == (2,)
    assert again.returncode == 0, again.stderr
    tallies = [row for row in again.stdout.splitlines()[1:] if " added, " in row]
    assert len(tallies) == 5 and all(" 0 added, 0 updated" in row for row in tallies), again.stdout


@pytest.mark.parametrize(
    ("settings", "line"),
    [
        ({"week_start": "²"}, "settings['week_start']: week_start must be a whole number from 0"),
        ({"week_start": "7"}, "settings['week_start']: week_start must be from 0 to 6, not 7"),
        ({"going_cold_days": "-3"}, "settings['going_cold_days']: going_cold_days must be from 1"),
        ({"stalled_days": "1" * 5000}, "settings['stalled_days']: stalled_days must be a whole"),
        ({"stalled_days": "2.5"}, "settings['stalled_days']: stalled_days must be a whole number"),
        ({"stalled_days": ["3"]}, "settings['stalled_days']: stalled_days must be a whole number"),
        ({"colour": "blue"}, "settings['colour']: unknown setting 'colour'"),
    ],
)
def test_a_bad_setting_is_skipped_and_the_scorecard_still_works(
    repo: Repo, tmp_path: Path, settings: dict[str, Any], line: str
) -> None:
    good = {"stalled_days": "10"} if "going_cold_days" in settings else {"going_cold_days": "21"}

    summary = _import(repo, tmp_path, _document(settings={**good, **settings}))

    assert f"  skipped {line}" in summary
    assert [(r.key, r.value) for r in t.Setting.select()] == list(good.items())
    assert repo.goals.settings().week_start == 0
    assert repo.scorecard.card(repo.scorecard.week()).period


@pytest.mark.parametrize("week_start", ["sunday", "Sun", "6", 6])
def test_week_start_imports_as_a_weekday_name_too(
    repo: Repo, tmp_path: Path, week_start: str | int
) -> None:
    """SPEC and `config week_start sunday` say a weekday; the import took only the
    number an export writes ("6") and skipped "sunday"."""
    summary = _import(repo, tmp_path, _document(settings={"week_start": week_start}))

    assert "  settings: 1 added, 0 updated, 0 skipped" in summary.splitlines()
    assert [(r.key, r.value) for r in t.Setting.select()] == [("week_start", "6")]
    assert repo.goals.settings().week_start == 6


def test_settings_export_in_specs_words_and_both_forms_import_back(
    repo: Repo, tmp_path: Path
) -> None:
    """SPEC: week_start is a weekday, the others whole days; the export wrote "6" and
    "45", the table's text. An older export's form still imports, to the same export."""
    repo.goals.configure("week_start", "sunday")
    repo.goals.configure("going_cold_days", "45")
    first = tmp_path / "first.json"
    api.export(repo, "json", first)
    written = json.loads(first.read_text(encoding="utf-8"))["settings"]
    assert written == {"going_cold_days": 45, "week_start": "sunday"}

    older = {**json.loads(first.read_text(encoding="utf-8")), "settings": {
        "going_cold_days": "45", "week_start": "6"}}  # fmt: skip
    for n, document in enumerate((json.loads(first.read_text(encoding="utf-8")), older)):
        source = tmp_path / f"in{n}.json"
        source.write_text(json.dumps(document), encoding="utf-8")
        fresh = Repo.open(tmp_path / f"fresh{n}.db", clock=repo.today)
        assert (
            "  settings: 2 added, 0 updated, 0 skipped"
            in api.import_file(fresh, "json", source).splitlines()
        )
        again = tmp_path / f"again{n}.json"
        api.export(fresh, "json", again)
        settings = fresh.goals.settings()
        fresh.close()
        assert (settings.week_start, settings.going_cold_days) == (6, 45)
        assert again.read_bytes() == first.read_bytes()


def test_a_week_start_that_is_no_weekday_is_skipped_in_the_words_of_config(
    repo: Repo, tmp_path: Path
) -> None:
    summary = _import(repo, tmp_path, _document(settings={"week_start": "someday"}))

    assert (
        "  skipped settings['week_start']: week_start must be a weekday name like monday or "
        "sunday, not 'someday'"
    ) in summary
    assert not t.Setting.select().exists()


def test_a_bad_setting_already_stored_reads_as_its_default(repo: Repo) -> None:
    """A database that took `"week_start": "²"` from an older netrack's import."""
    for key, value in (("week_start", "²"), ("going_cold_days", "-4"), ("stalled_days", "99999")):
        t.Setting.insert(key=key, value=value).execute()

    settings = repo.goals.settings()

    assert (settings.week_start, settings.going_cold_days, settings.stalled_days) == (0, 30, 14)
    assert repo.scorecard.card(repo.scorecard.week()).period


def test_a_goal_an_older_netrack_stored_comes_back_as_it_was(repo: Repo, tmp_path: Path) -> None:
    """`goal add` takes whole interviews only now; an export of a database holding 1.5
    (an older netrack took it) gave it back skipped, the one way a server's backup is
    restored: read as stored."""
    from netrack.data.repo import Repo as Opened

    for metric, target in (("interviews", 1.5), ("focus_ratio", 0.12345)):
        t.Goal.insert(
            metric=metric, target=target, comparator="at_least", period="week", note="old",
            since="2026-11-01",
        ).execute()  # fmt: skip
    out = tmp_path / "old.json"
    api.export(repo, "json", out)
    other = Opened.open(tmp_path / "new.db", clock=repo.today)
    try:
        summary = api.import_file(other, "json", out)
        assert "goals: 6 added, 0 updated, 0 skipped" in summary, summary
        targets = {(g.metric, g.target) for g in other.goals.all()}
    finally:
        other.close()
    assert {("interviews", 1.5), ("focus_ratio", 0.12345)} <= targets


def test_goals_and_time_entries_are_checked_too(repo: Repo, tmp_path: Path) -> None:
    doc = _document(
        goals=[
            {"metric": "interviews", "target": float("nan")},
            {"metric": "vibes", "target": 3},
            {"metric": "interviews", "target": 1e12, "period": "month"},
            {"metric": "interviews", "target": 2, "period": "decade"},
            # What `goal add --since` refuses: a day no card shows
            {"metric": "interviews", "target": 2, "since": "0001-01-01"},
        ],
        time_entries=[
            {"on": "2026-10-01", "minutes": 0, "category": "search"},
            {"on": "2026-10-01", "minutes": 30, "category": "naps"},
        ],
        referrals=[{"contact": 1, "direction": "sideways", "on": "2026-10-01"}],
        organizations=[{"name": "Acme", "size_band": "huge"}],
    )
    path = tmp_path / "in.json"
    path.write_text(json.dumps(doc).replace("NaN", "1e999"), encoding="utf-8")  # → inf

    summary = api.import_file(repo, "json", path)

    listed = [row for row in summary.splitlines() if row.startswith("  skipped")]
    expected = [
        "goals[0].target: must be a finite number",
        "goals[1].metric: unknown metric 'vibes' (known: ",
        "goals[2].target: target must be a number below 1,000,000,000",
        "goals[3].period: unknown period 'decade' (known: ",
        "goals[4].since: a goal cannot count from 0001-01-01: a scorecard covers 1900 to 9998",
        "organizations[0].size_band: unknown size band 'huge' (known: ",
        "referrals[0].direction: unknown direction 'sideways' (known: in, out)",
        "time_entries[0].minutes: minutes must be from 1 to 1440, not 0",
        "time_entries[1].category: unknown category 'naps' (known: ",
    ]
    assert len(listed) == len(expected), summary
    for row, start in zip(listed, expected, strict=True):
        assert row.startswith(f"  skipped {start}")
    assert not t.TimeEntry.select().exists() and not t.Referral.select().exists()
    assert not t.Organization.select().where(t.Organization.name == "Acme").exists()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"format": "netrack", "schema_version": 1, "x": NaN}', "NaN is not a number in JSON"),
        ('{"format": "netrack", "schema_version": 1, "x": -Infinity}', "-Infinity is not a"),
        ('{"format": "netrack", "schema_version": 1, "x": ' + "9" * 5000 + "}", "over 4,300"),
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ('{"format": "netrack", "schema_version": 1, "x": ' + "[" * 100_000, "nested too deeply"),
        ('{"format": "netrack", "schema_version": 1, "contacts": {}}', "contacts: expected a list"),
        ('{"format": "netrack", "schema_version": 1, "settings": []}', "settings: expected an"),
        ('{"format": "netrack", "schema_version": 1.5}', "schema_version must be a whole"),
        ("[1, 2]", "not a netrack JSON export"),
        ('"netrack"', "not a netrack JSON export"),
    ],
)
def test_a_file_that_is_not_an_export_is_refused_in_one_line(
    repo: Repo, tmp_path: Path, db_path: Path, text: str, message: str
) -> None:
    path = tmp_path / "in.json"
    path.write_text(text, encoding="utf-8")
    before = snapshot(db_path)

    with pytest.raises(InputError) as caught:
        api.import_file(repo, "json", path)

    assert message in str(caught.value) and "\n" not in str(caught.value)
    assert len(str(caught.value)) < 300
    assert snapshot(db_path) == before


def test_a_file_over_the_bound_is_refused_before_it_is_read(repo: Repo, tmp_path: Path) -> None:
    path = tmp_path / "huge.json"
    with path.open("wb") as handle:
        handle.truncate(json_fields.MAX_BYTES + 1)  # sparse: nothing written to the disk

    with pytest.raises(InputError, match="larger than 3072 MiB"):
        api.import_file(repo, "json", path)


def test_the_export_of_a_career_long_history_is_within_the_bound(
    demo_repo: Repo, tmp_path: Path
) -> None:
    """What netrack exports it must read back (`restore` on a server reads a JSON backup).
    The demo's export, scaled by its interactions to issue 18's career-long history (a
    million of them), with room to spare: the bound once refused a five-year export of
    a tenth of that (64 MiB)."""
    path = tmp_path / "demo.json"
    api.export(demo_repo, "json", path)
    interactions = len(json.loads(path.read_text(encoding="utf-8"))["interactions"])
    per_interaction = path.stat().st_size / interactions  # contacts, campaigns … included
    assert 1_000_000 * per_interaction * 2 < json_fields.MAX_BYTES


def test_many_bad_records_are_counted_past_the_listed_ones(repo: Repo, tmp_path: Path) -> None:
    bad = [{**GOOD_INTERACTION, "minutes": 9999} for _ in range(25)]

    summary = _import(repo, tmp_path, _document(interactions=bad))

    assert "interactions: 0 added, 0 updated, 25 skipped" in summary
    assert summary.splitlines()[-1] == "  … and 5 more"
    assert sum(row.startswith("  skipped interactions[") for row in summary.splitlines()) == 20


def test_a_surrogate_in_the_file_never_reaches_the_database(
    repo: Repo, tmp_path: Path, db_path: Path
) -> None:
    doc = _document(organizations=[{"name": "Acme \ud800"}])
    doc["contacts"][0]["tags"] = ["ok", "\udcff"]

    summary = _import(repo, tmp_path, doc)

    assert "  skipped organizations[0].name: organization name is not valid text" in summary
    assert "  skipped contacts[0].tags: tag is not valid text" in summary
    repo.close()
    connection = sqlite3.connect(db_path)
    try:
        names = [row[0] for row in connection.execute("SELECT name FROM contact")]
    finally:
        connection.close()
    assert names == ["Raj Patel"]


def test_a_4000_digit_strength_is_one_short_line(repo: Repo, tmp_path: Path) -> None:
    doc = _document()
    doc["contacts"][1]["strength"] = int("9" * 4000)

    summary = _import(repo, tmp_path, doc)

    line = next(row for row in summary.splitlines() if row.startswith("  skipped"))
    assert line.startswith("  skipped contacts[1].strength: strength must be from 1 to 5, not 999")
    assert len(line) < 150


JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=12)
    | st.sampled_from(["2026-10-01", "2099-01-01", "call", "research", "1", "²", "\ud800"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner),
    max_leaves=6,
)
FIELDS = {
    "contacts": ["ref", "name", "organization", "met_on", "introduced_by", "strength", "tags"],
    "campaigns": ["ref", "title", "organization", "opened_on", "stage", "history", "contacts"],
    "interactions": ["on", "kind", "contacts", "minutes", "campaign", "cost", "follow_up_on"],
    "settings": ["week_start", "going_cold_days", "stalled_days"],
}


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.tuples(st.sampled_from(sorted(FIELDS)), st.integers(0, 1), st.integers(0, 6)),
        min_size=1,
        max_size=3,
    ),
    JSON_VALUES,
)
@example([("settings", 0, 0)], "²")  # week_start: every scorecard crashed
@example([("contacts", 1, 1)], "\ud800")  # a name SQLite cannot encode
@example([("contacts", 0, 4)], 2)  # introduced by a contact after them
@example([("interactions", 0, 5)], 1e308)
def test_any_value_anywhere_is_refused_or_skipped_never_a_crash(
    tmp_path_factory: pytest.TempPathFactory, changes: list[Any], value: Any
) -> None:
    """Random JSON values in random fields: the import raises InputError or reports a
    summary; whatever it stored, the scorecard and the next export still work."""
    doc = _document(
        interactions=[{**GOOD_INTERACTION, "contacts": [1, 2], "campaign": 1}],
        settings={"week_start": "1"},
    )
    for section_name, index, which in changes:
        field = FIELDS[section_name][which % len(FIELDS[section_name])]
        if section_name == "settings":
            doc["settings"][field] = value
        else:
            doc[section_name][min(index, len(doc[section_name]) - 1)][field] = value
    folder = tmp_path_factory.mktemp("fuzz")
    repo = Repo.open(folder / "fuzz.db", clock=lambda: TODAY)
    try:
        try:
            summary = _import(repo, folder, doc)
        except InputError as error:
            assert "\n" not in str(error)
        else:
            summary.encode("utf-8")
        assert repo.scorecard.card(repo.scorecard.week()).period
        api.export(repo, "json", folder / "again.json")
    finally:
        repo.close()


def test_a_contact_introduced_by_itself_is_skipped_and_named(repo: Repo, tmp_path: Path) -> None:
    """`contact edit --introduced-by` refuses it; the import dropped the link without a
    word. Skipped as any contact the CLI would refuse is (her interaction with it)."""
    _introductions(repo)
    source = tmp_path / "export.json"
    api.export(repo, "json", source)
    data = json.loads(source.read_text(encoding="utf-8"))
    data["contacts"][0]["introduced_by"] = data["contacts"][0]["ref"]  # Ana by Ana
    source.write_text(json.dumps(data), encoding="utf-8")
    repo.close()
    fresh = Repo.open(tmp_path / "fresh.db", clock=lambda: TODAY)

    summary = api.import_file(fresh, "json", source)

    assert summary.splitlines()[2] == (
        "  contacts: 3 added, 0 updated, 1 skipped (invalid, listed below: 1)"
    )
    assert "  skipped contacts[0].introduced_by: Ana López cannot have introduced themselves" in (
        summary.splitlines()
    )
    assert sorted(_introducers(fresh)) == ["Bo Berg", "Cy Cole", "Raj Patel"]
    fresh.close()


def test_re_importing_with_a_reference_now_skipped_adds_no_second_copy(
    repo: Repo, tmp_path: Path
) -> None:
    """Imported whole once, then again with its second person and its campaign refused:
    the interaction and the time entry, each without what was refused, are the rows
    already there, not new ones beside them."""
    entry = {"on": "2026-10-01", "minutes": 60, "category": "search", "campaign": 1, "note": "te"}
    doc = _document(
        interactions=[{**GOOD_INTERACTION, "contacts": [1, 2], "campaign": 1}],
        time_entries=[entry],
    )
    _import(repo, tmp_path, doc)
    doc["contacts"][1]["strength"] = 9
    doc["campaigns"][0]["priority"] = 9

    summary = _import(repo, tmp_path, doc)

    assert [(i.contact_names, i.campaign_id) for i in repo.activity.interactions()] == [
        (("Ana López", "Raj Patel"), 1)
    ]
    with repo.store.bound():
        assert [(e.minutes, e.campaign and e.campaign.title) for e in t.TimeEntry.select()] == [
            (60, "Data Lead")
        ]
    assert "interactions: 0 added, 0 updated, 1 skipped (already in netrack: 1)" in summary
    assert "time entries: 0 added, 0 updated, 1 skipped (already in netrack: 1)" in summary
    assert not [row for row in summary.splitlines() if row.startswith("  kept ")]


def test_an_entry_that_lost_its_campaign_does_not_take_its_exact_twins_row(
    repo: Repo, tmp_path: Path
) -> None:
    """Two time entries and two referrals alike but for their campaign, one campaign
    refused in the file, netrack holding only the other's: the one that lost its
    campaign took that row as its own, its exact twin matched the same row again, and
    the first was lost, counted "already in netrack"."""
    beta = {
        "ref": 2,
        "title": "Beta role",
        "organization": "Bravo",
        "opened_on": "2026-09-10",
        "stage": "bogus",  # refused: the entries for it lose their campaign
        "history": [{"from": None, "to": "research", "on": "2026-09-10"}],
    }
    entry = {"on": "2026-10-01", "minutes": 30, "category": "search", "note": "application"}
    referral = {"contact": 1, "direction": "in", "on": "2026-10-01", "note": "put me forward"}
    _import(
        repo,
        tmp_path,
        _document(time_entries=[{**entry, "campaign": 1}], referrals=[{**referral, "campaign": 1}]),
    )
    doc = _document(
        time_entries=[{**entry, "campaign": 2}, {**entry, "campaign": 1}],
        referrals=[{**referral, "campaign": 2}, {**referral, "campaign": 1}],
    )
    doc["campaigns"].append(beta)

    summary = _import(repo, tmp_path, doc)

    assert "time entries: 1 added, 0 updated, 1 skipped (already in netrack: 1)" in summary
    assert "referrals: 1 added, 0 updated, 1 skipped (already in netrack: 1)" in summary
    with repo.store.bound():
        assert sorted(
            (e.campaign.title if e.campaign else None) or "" for e in t.TimeEntry.select()
        ) == ["", "Data Lead"]
        assert sorted(
            (r.campaign.title if r.campaign else None) or "" for r in t.Referral.select()
        ) == ["", "Data Lead"]
