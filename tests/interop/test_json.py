"""JSON export / import: everything, byte for byte into an empty database, merging
without duplicates into a full one, refusing broken files without writing."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from netrack.data import migrations
from netrack.data import tables as t
from netrack.data.repo import Repo
from netrack.domain.errors import InputError
from netrack.interop import api
from tests.interop.conftest import TODAY, snapshot

# The sections whose records carry a uid since schema 13.
NAMED = ("organizations", "contacts", "campaigns")


def fill(repo: Repo) -> None:
    """A small but complete database: every table has rows, with the awkward cases."""
    repo.organizations.add("Acme", industry="robotics", size_band="51-200", location="Madrid")
    ana = repo.contacts.add("Ana López", organization="Acme", channel="event", strength=4,
                           met_on=date(2026, 9, 1), tags=["mentor", "pycon"],
                           email="ana@acme.example", title="=cmd|' /C calc'!A0")  # fmt: skip
    raj = repo.contacts.add("Raj Patel", organization="Globex", introduced_by="Ana López",
                           met_on=date(2026, 9, 3), notes="line one\nline two")  # fmt: skip
    twin = repo.contacts.add("John Smith", met_on=date(2026, 9, 4))
    repo.contacts.add("John Smith", organization="Initech", met_on=date(2026, 9, 4))  # a namesake
    repo.contacts.update(twin.id, archived=True)
    campaign = repo.campaigns.add("Platform Engineer", "Acme", source="referral", priority=5,
                                 opened_on=date(2026, 9, 10), contacts=[("Ana", "referrer")])  # fmt: skip
    repo.campaigns.move(campaign.id, "networking", on=date(2026, 9, 15))
    repo.campaigns.move(campaign.id, "applied", on=date(2026, 9, 20), note="sent CV")
    repo.campaigns.move(campaign.id, "interviewing", on=date(2026, 10, 1))
    repo.campaigns.update(campaign.id, location="remote", compensation="120–140k EUR + equity",
                          deadline=date(2026, 12, 15), documents="CV v3, cover letter")  # fmt: skip
    other = repo.campaigns.add("Data Lead", "Globex", opened_on=date(2026, 9, 12))
    repo.campaigns.move(other.id, "lost", on=date(2026, 10, 2), reason="hiring_freeze",
                        note="budget moved to 2027")  # fmt: skip
    repo.contacts.update(ana.id, strength=5, keep_in_touch=30)  # history: 4 on 09-01, 5 today
    repo.activity.log([ana.id, raj.id], on=date(2026, 10, 5), kind="in_person", minutes=45,
                         campaign_id=campaign.id, meaningful=True, value_received="intro",
                         cost=12.5, follow_up_on=date(2026, 10, 12), note="coffee")  # fmt: skip
    for _ in range(2):  # two identical rows must both survive
        repo.activity.log([raj.id], on=date(2026, 10, 6), kind="email")
    done = repo.activity.log([raj.id], on=date(2026, 10, 7), kind="call",
                                follow_up_on=date(2026, 10, 9))  # fmt: skip
    repo.activity.mark_follow_up_done(done.id, on=date(2026, 10, 8))
    repo.referrals.add(ana.id, "in", on=date(2026, 10, 3), campaign_id=campaign.id, note="intro")
    repo.time.add(90, "search", on=date(2026, 10, 5), campaign_id=campaign.id)
    repo.time.add(30, "busywork", on=date(2026, 10, 5))
    repo.time.add(30, "busywork", on=date(2026, 10, 5))
    repo.goals.update(repo.goals.all()[0].id, target=7)
    repo.goals.add("interviews", 2, period="month", note="two a month")
    repo.goals.add("hours_invested", 500, period="year", since=date(2026, 1, 1))
    repo.goals.set_setting("going_cold_days", 21)


def test_export_carries_everything(repo: Repo, tmp_path: Path) -> None:
    fill(repo)
    out = tmp_path / "export.json"

    summary = api.export(repo, "json", out)

    assert summary.startswith(f"exported everything (schema {migrations.latest()})")
    assert out.stat().st_mode & 0o777 == 0o600
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["format"] == "netrack" and doc["schema_version"] == migrations.latest()
    assert doc["settings"] == {"going_cold_days": 21}
    assert [g["metric"] for g in doc["goals"]][-2:] == ["interviews", "hours_invested"]
    assert doc["goals"][0]["target"] == 7.0
    # Goals count from their `since`: the defaults from the database's creation (today).
    assert [g["since"] for g in doc["goals"]][-3:] == ["2026-11-25", "2026-11-25", "2026-01-01"]
    assert doc["goals"][-1]["period"] == "year"
    acme = doc["organizations"][0]
    assert len(acme.pop("uid")) == 32  # schema 13, as the contacts' and campaigns'
    assert acme == {"name": "Acme", "industry": "robotics",
                    "size_band": "51-200", "location": "Madrid", "notes": ""}  # fmt: skip
    ana, raj, twin, namesake = doc["contacts"]
    assert ana["tags"] == ["mentor", "pycon"] and ana["strength"] == 5
    assert ana["strength_history"] == [
        {"on": "2026-09-01", "strength": 4},  # as added, dated met_on
        {"on": "2026-11-25", "strength": 5},  # raised today
    ]
    assert ana["keep_in_touch"] == 30 and raj["keep_in_touch"] is None
    assert raj["strength_history"] == []
    assert ana["title"] == "=cmd|' /C calc'!A0"
    assert raj["introduced_by"] == ana["ref"] and raj["organization"] == "Globex"
    assert twin["archived"] is True and namesake["archived"] is False
    platform = doc["campaigns"][0]
    assert platform["stage"] == "interviewing"
    assert [(h["from"], h["to"], h["on"]) for h in platform["history"]] == [
        (None, "research", "2026-09-10"),
        ("research", "networking", "2026-09-15"),
        ("networking", "applied", "2026-09-20"),
        ("applied", "interviewing", "2026-10-01"),
    ]
    assert platform["contacts"] == [
        {"contact": 1, "role": "referrer"},
        {"contact": 2, "role": None},
    ]
    assert {k: platform[k] for k in ("location", "compensation", "deadline", "documents")} == {
        "location": "remote",
        "compensation": "120–140k EUR + equity",
        "deadline": "2026-12-15",
        "documents": "CV v3, cover letter",
    }
    lost = doc["campaigns"][1]
    assert lost["lost_reason"] == "hiring_freeze"
    assert lost["history"][-1] == {"from": "research", "to": "lost", "on": "2026-10-02",
                                   "note": "budget moved to 2027", "reason": "hiring_freeze"}  # fmt: skip
    assert platform["history"][-1]["reason"] == ""
    first = doc["interactions"][0]
    assert first["contacts"] == [1, 2] and first["cost"] == 12.5 and first["campaign"] == 1
    assert doc["interactions"][3]["follow_up_done_on"] == "2026-10-08"
    assert doc["referrals"][0]["contact"] == 1
    assert len(doc["time_entries"]) == 3
    # Schema 16: the day each was typed in, the last key (today's: `add` wrote them).
    for record in (*doc["referrals"], *doc["time_entries"]):
        assert list(record)[-1] == "logged_on" and record["logged_on"] == "2026-11-25"


def test_import_into_empty_database_gives_the_same_export(repo: Repo, tmp_path: Path) -> None:
    """With a merge: who the merged-away contact was comes back too (schema 15); a
    time entry's and referral's `logged_on` (schema 16), null ones included."""
    fill(repo)
    with repo.store.writing():  # as schema 16's upgrade left a row from before it
        t.TimeEntry.update(logged_on=None).where(t.TimeEntry.id == 2).execute()
    other = repo.contacts.add("A. López", organization="Acme", email="al@home.example")
    kept = next(c for c in repo.contacts.all() if c.name == "Ana López")
    repo.tidy.merge_contacts(kept.id, other.id, backup=lambda: tmp_path / "unused")
    first = tmp_path / "first.json"
    api.export(repo, "json", first)
    repo.close()
    fresh = Repo.open(tmp_path / "fresh.db", clock=lambda: TODAY)

    summary = api.import_file(fresh, "json", first)
    second = tmp_path / "second.json"
    api.export(fresh, "json", second)
    fresh.close()

    assert "contacts: 4 added" in summary and "interactions: 4 added" in summary
    assert "merged identities: 1 added" in summary
    assert second.read_bytes() == first.read_bytes()
    document = json.loads(first.read_text(encoding="utf-8"))  # each record by its uid
    assert [e["logged_on"] for e in document["time_entries"]] == ["2026-11-25", None, "2026-11-25"]
    (merged,) = document["merged_identities"]
    assert merged["contact"] == document["contacts"][0]["uid"]  # Ana López, by uid
    assert (merged["name"], merged["email"]) == ("A. López", "al@home.example")
    for section in (*NAMED, "interactions", "referrals", "time_entries"):
        uids = [record["uid"] for record in document[section]]
        assert len(set(uids)) == len(uids) and all(len(uid) == 32 for uid in uids)


def test_goals_that_end_and_targets_raised_and_lowered_back_round_trip(
    repo: Repo, tmp_path: Path
) -> None:
    """Schema 17: each goal's `until` the last key, null for none; a target raised and
    lowered back is two goals alike on days apart, no twins; an older file without the
    key imports its goals with no end."""
    for goal in repo.goals.all():  # the defaults, counting from September
        repo.goals.update(goal.id, since=date(2026, 9, 1))
    first_goal = repo.goals.all()[0]
    repo.goals.retarget(first_goal.id, 8, date(2026, 10, 5))
    raised = repo.goals.all()[-1]
    repo.goals.retarget(raised.id, 5, date(2026, 11, 2))  # back to the first target
    repo.goals.end(repo.goals.all()[1].id, date(2026, 12, 31))
    first = tmp_path / "first.json"
    api.export(repo, "json", first)
    repo.close()
    fresh = Repo.open(tmp_path / "fresh.db", clock=lambda: TODAY)

    summary = api.import_file(fresh, "json", first)
    second = tmp_path / "second.json"
    api.export(fresh, "json", second)
    fresh.close()

    assert "goals: 6 added" in summary, summary
    assert second.read_bytes() == first.read_bytes()
    goals = json.loads(first.read_text(encoding="utf-8"))["goals"]
    assert all(list(goal)[-1] == "until" for goal in goals)
    assert [
        (g["target"], g["since"], g["until"]) for g in goals if g["metric"] == first_goal.metric
    ] == [
        (5, "2026-09-01", "2026-10-04"),
        (8, "2026-10-05", "2026-11-01"),
        (5, "2026-11-02", None),
    ]
    assert goals[1]["until"] == "2026-12-31" and goals[2]["until"] is None
    older = json.loads(first.read_text(encoding="utf-8"))
    for goal in older["goals"]:
        del goal["until"]
    older["schema_version"] = 16
    del older["goals"][4:]  # the first one's later goals would overlap it with no end
    (tmp_path / "older.json").write_text(json.dumps(older), encoding="utf-8")
    again = Repo.open(tmp_path / "again.db", clock=lambda: TODAY)
    try:
        api.import_file(again, "json", tmp_path / "older.json")
        assert [g.until for g in again.goals.all()] == [None] * 4
    finally:
        again.close()


def test_an_export_older_than_uids_imports_as_before(
    repo: Repo, tmp_path: Path, db_path: Path
) -> None:
    """A file of schema 11 has no uids: its records are matched on their content, as
    then (nothing added into the database it came from, nor twice into another), and a
    record added gets a uid of its own."""
    fill(repo)
    older = tmp_path / "older.json"
    api.export(repo, "json", older)
    document = json.loads(older.read_text(encoding="utf-8"))
    document["schema_version"] = 11
    for section in (*NAMED, "interactions", "referrals", "time_entries"):
        for record in document[section]:
            del record["uid"]
    older.write_text(json.dumps(document), encoding="utf-8")
    before = snapshot(db_path)

    into_its_own = api.import_file(repo, "json", older)
    repo.close()
    fresh = Repo.open(tmp_path / "fresh.db", clock=lambda: TODAY)
    into_new = api.import_file(fresh, "json", older)
    again = api.import_file(fresh, "json", older)
    with fresh.store.bound():
        uids = [
            row.uid
            for model in (
                *(t.Organization, t.Contact, t.Campaign),
                *(t.Interaction, t.Referral, t.TimeEntry),
            )
            for row in model.select()
        ]
    fresh.close()

    assert all(" 0 added, 0 updated" in line for line in into_its_own.splitlines()[1:])
    assert snapshot(db_path) == before
    assert "interactions: 4 added" in into_new and "time entries: 3 added" in into_new
    assert all(" 0 added, 0 updated" in line for line in again.splitlines()[1:])
    records = sum(len(document[s]) for s in (*NAMED, "interactions", "referrals", "time_entries"))
    assert len(uids) == records and len(set(uids)) == len(uids) and all(uids)


def test_import_twice_changes_nothing(repo: Repo, tmp_path: Path, db_path: Path) -> None:
    fill(repo)
    out = tmp_path / "export.json"
    api.export(repo, "json", out)
    before = snapshot(db_path)

    summary = api.import_file(repo, "json", out)

    assert " 0 added" in summary and "added, 0 updated" in summary
    assert all(" 0 added, 0 updated" in line for line in summary.splitlines()[1:])
    assert snapshot(db_path) == before


def test_merge_into_a_database_with_data(repo: Repo, tmp_path: Path) -> None:
    fill(repo)
    out = tmp_path / "export.json"
    api.export(repo, "json", out)
    repo.close()
    other = Repo.open(tmp_path / "other.db", clock=lambda: TODAY)
    mine = other.contacts.add(
        "Ana López", organization="ACME", title="CTO", email="ANA@acme.example"
    )
    other.contacts.add("Zed Zulu")

    summary = api.import_file(other, "json", out)

    names = sorted(c.name for c in other.contacts.all(include_archived=True))
    assert names == ["Ana López", "John Smith", "John Smith", "Raj Patel", "Zed Zulu"]
    ana = other.contacts.get(mine.id)
    assert ana.title == "CTO"  # the user's own value stays
    assert ana.strength == 5 and ana.tags == ("mentor", "pycon")  # blanks filled
    assert ana.keep_in_touch == 30
    # A strength filled by an import starts the contact's history on the import's day.
    assert [(h.on, h.strength) for h in other.contacts.strength_history(mine.id)] == [(TODAY, 5)]
    assert "contacts: 3 added, 1 updated" in summary
    assert len(other.activity.interactions()) == 4
    assert other.contacts.get(mine.id).organization == "ACME"
    again = api.import_file(other, "json", out)
    assert all(" 0 added" in line for line in again.splitlines()[1:])
    other.close()


def test_two_interactions_alike_but_for_cost_or_value_are_both_kept(
    repo: Repo, tmp_path: Path
) -> None:
    """Matched by day, kind, minutes, campaign and note only, a $5 email was taken for
    the other email that day (an intro) the database had: skipped, and the intro added
    a second time."""
    ana = repo.contacts.add("Ana López").id
    day = date(2026, 11, 2)
    repo.activity.log([ana], on=day, kind="email", cost=5.0)
    repo.activity.log(
        [ana], on=day, kind="email", value_received="intro to the CTO", meaningful=True
    )
    repo.activity.log([ana], on=day, kind="email", follow_up_on=date(2026, 11, 9))
    out = tmp_path / "a.json"
    api.export(repo, "json", out)
    other = Repo.open(tmp_path / "b.db", clock=lambda: TODAY)
    bob = other.contacts.add("Ana López").id
    other.activity.log(
        [bob], on=day, kind="email", value_received="intro to the CTO", meaningful=True
    )

    summary = api.import_file(other, "json", out)

    assert "interactions: 2 added, 0 updated, 1 skipped (already in netrack: 1)" in summary
    rows = sorted((i.cost, i.value_received, i.follow_up_on) for i in other.activity.interactions())
    assert rows == [
        (0.0, "", date(2026, 11, 9)),
        (0.0, "intro to the CTO", None),
        (5.0, "", None),
    ]
    again = api.import_file(other, "json", out)
    assert "interactions: 0 added, 0 updated, 3 skipped (already in netrack: 3)" in again
    other.close()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(schema_version=99), "written by a newer netrack (schema 99"),
        (lambda d: d.update(format="other"), "not a netrack JSON export"),
        (lambda d: d.update(interactions={}), "interactions: expected a list"),
    ],
)
def test_a_file_that_is_not_an_export_is_refused_and_nothing_written(
    repo: Repo, tmp_path: Path, db_path: Path, change, message: str
) -> None:
    fill(repo)
    out = tmp_path / "export.json"
    api.export(repo, "json", out)
    doc = json.loads(out.read_text(encoding="utf-8"))
    change(doc)
    out.write_text(json.dumps(doc), encoding="utf-8")
    target = Repo.open(tmp_path / "target.db", clock=lambda: TODAY)
    target.contacts.add("Someone")
    before = snapshot(tmp_path / "target.db")

    with pytest.raises(InputError, match=message.replace("[", r"\[").replace("(", r"\(")):
        api.import_file(target, "json", out)

    assert snapshot(tmp_path / "target.db") == before
    target.close()


@pytest.mark.parametrize(
    ("change", "message", "counts", "reported"),
    [
        (
            lambda d: d["contacts"][1].update(strength=9),
            "contacts[1].strength: strength must be from 1 to 5, not 9",
            # Platform Engineer, Ana's coffee with Raj and her referral stay without him;
            # his three interactions alone go.
            (3, 2, 1, 1),
            6,
        ),
        (
            lambda d: d["interactions"][2].update(on="2026-13-01"),
            "interactions[2].on: bad date '2026-13-01' (expected YYYY-MM-DD)",
            (4, 2, 3, 1),
            1,
        ),
        (
            lambda d: d["referrals"][0].update(contact=99),
            "referrals[0].contact: refers to 99, which is not in the file",
            (4, 2, 4, 0),
            1,
        ),
        (
            lambda d: d["campaigns"][0]["history"][1].update(to="limbo"),
            "campaigns[0].history[1].to: unknown stage 'limbo'",
            (4, 1, 4, 1),
            4,  # what named the campaign stays without it, said for each
        ),
    ],
)
def test_a_bad_record_is_skipped_and_reported_the_rest_imported(
    repo: Repo, tmp_path: Path, change, message: str, counts: tuple[int, ...], reported: int
) -> None:
    fill(repo)
    out = tmp_path / "export.json"
    api.export(repo, "json", out)
    doc = json.loads(out.read_text(encoding="utf-8"))
    change(doc)
    out.write_text(json.dumps(doc), encoding="utf-8")
    target = Repo.open(tmp_path / "target.db", clock=lambda: TODAY)

    summary = api.import_file(target, "json", out)

    listed = [line for line in summary.splitlines() if line.startswith(("  skipped ", "  kept "))]
    assert listed[0].startswith(f"  skipped {message}"), summary
    tables = (t.Contact, t.Campaign, t.Interaction, t.Referral)
    with target.store.bound():
        assert tuple(model.select().count() for model in tables) == counts
    assert len(listed) == reported
    target.close()


def test_broken_json_names_the_line(repo: Repo, tmp_path: Path) -> None:
    out = tmp_path / "broken.json"
    out.write_text('{\n  "format": "netrack",\n  "contacts": [,]\n}\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"broken.json:3: not valid JSON"):
        api.import_file(repo, "json", out)


def test_cli_export_and_import_json(run_cli, tmp_path: Path, db_path: Path) -> None:
    assert run_cli("contact", "add", "Ana López", "--org", "Acme", db=db_path).returncode == 0
    out = tmp_path / "e.json"
    done = run_cli("export", "json", "--out", out, db=db_path)
    assert done.returncode == 0, done.stderr
    fresh = tmp_path / "fresh.db"
    assert run_cli("import", "json", out, db=fresh).returncode == 0
    again = tmp_path / "again.json"
    assert run_cli("export", "json", "--out", again, db=fresh).returncode == 0
    assert again.read_bytes() == out.read_bytes()
