"""Schema 8's migration on a version 7 database, on both engines: three indexes of
`interaction` hold only the rows whose column is set (imported history has none), four
single-column indexes that a wider one starts with are gone, and what the indexes
served reads the same as before: "Logged today", follow-ups, a contact's and a
campaign's history, and the deletes that cascade or set NULL through the keys."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from netrack.data import migrations
from netrack.data import tables as t
from netrack.data.engines import on_server, param_sql
from netrack.data.repo import Repo
from tests.older_models import before_schema_13

D = date.fromisoformat
TODAY = D("2026-11-27")
HISTORY_INDEXES = {
    "interaction": {
        "interaction_campaign_id_on",
        "interaction_face_to_face",
        "interaction_follow_up_state",
        "interaction_logged_on",
        "interaction_pending_follow_up",  # schema 10
        "interaction_scorecard",
        "interaction_uid",  # schema 12
    },
    "interaction_contact": {
        "interaction_contact_contact_id_on",
        "interaction_contact_interaction_id_contact_id",
        "interaction_contact_meaningful",
        "interaction_contact_on",
    },
}
# Partial since schema 8: an index and the column whose rows it holds.
PARTIAL = {
    "interaction_logged_on": "logged_on",
    "interaction_follow_up_state": "follow_up_on",
    "interaction_campaign_id_on": "campaign_id",
    "interaction_pending_follow_up": "follow_up_on",  # schema 10, on schema 8's rule
}
DROPPED = {
    "interaction_campaign_id",
    "interaction_follow_up_on",
    "interaction_contact_interaction_id",
    "interaction_contact_contact_id",
}


@pytest.fixture
def empty(backend: str, tmp_path: Path) -> Iterator[object]:
    """A new database with no schema yet: a file, or an empty server database."""
    from tests import pg

    with pg.new_database(backend, tmp_path / "v7.db", None) as made:
        yield made


# (id, on, logged_on, note, in the campaign, follow-up due): typed today with a
# follow-up; typed today about Tuesday; imported from Tuesday (no logged_on, no
# campaign); typed on Tuesday with a follow-up that today's call closed.
ROWS = (
    (1, "2026-11-27", "2026-11-27", "call of today", True, "2026-12-04"),
    (2, "2026-11-24", "2026-11-27", "caught up today", True, None),
    (3, "2026-11-24", None, "imported message", False, None),
    (4, "2026-11-24", "2026-11-24", "call of tuesday", True, "2026-11-25"),
)


def _v7_with_history(where: object, monkeypatch: pytest.MonkeyPatch) -> None:
    """Schema 7, as that netrack wrote it: two contacts in a campaign, four interactions."""
    with monkeypatch.context() as patch, before_schema_13():
        patch.setattr(migrations, "STEPS", migrations.STEPS[:7])
        repo = Repo.open(where, clock=lambda: TODAY)  # type: ignore[arg-type]
        try:
            with repo.store.bound(), repo.store.writing():
                ana = repo.contacts.add("Ana López", organization="Acme")
                raj = repo.contacts.add("Raj Patel", organization="Acme")
                campaign = repo.campaigns.add("Staff Engineer", organization="Acme")
                db = t.Interaction._meta.database
                for iid, on, logged_on, note, in_campaign, due in ROWS:
                    db.execute_sql(
                        param_sql(
                            'INSERT INTO "interaction" ("id", "on", "kind", "minutes", '
                            '"campaign_id", "meaningful", "value_received", "value_given", '
                            '"cost_cents", "note", "logged_on", "follow_up_on") '
                            "VALUES (?, ?, 'call', 0, ?, ?, '', '', 0, ?, ?, ?)"
                        ),
                        (
                            iid,
                            on,
                            campaign.id if in_campaign else None,
                            False,
                            note,
                            logged_on,
                            due,
                        ),
                    )
                    for contact in (ana, raj) if iid % 2 else (ana,):
                        db.execute_sql(
                            param_sql(
                                'INSERT INTO "interaction_contact" ("interaction_id", '
                                '"contact_id", "on") VALUES (?, ?, ?)'
                            ),
                            (iid, contact.id, on),
                        )
            assert repo.store.schema_version() == 7
        finally:
            repo.close()


def _indexes(table: str) -> dict[str, str]:
    """Index name → its definition (SQL text), primary keys and constraints left out."""
    db = t.Interaction._meta.database
    if on_server(db):
        rows = db.execute_sql(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s "
            "AND indexname NOT LIKE '%%_pkey'",
            (table,),
        ).fetchall()
    else:
        rows = db.execute_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? "
            "AND sql IS NOT NULL",
            (table,),
        ).fetchall()
    return {str(name): str(sql) for name, sql in rows}


def test_v7_history_reads_the_same_through_schema_8_indexes(
    empty: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    _v7_with_history(empty, monkeypatch)
    repo = Repo.open(empty, clock=lambda: TODAY)  # type: ignore[arg-type]
    try:
        assert repo.store.schema_version() == migrations.latest() >= 8
        with repo.store.bound():
            for table, names in HISTORY_INDEXES.items():
                assert set(_indexes(table)) == names
            made = _indexes("interaction")
            for name, column in PARTIAL.items():
                condition = made[name].split(" WHERE ")[1].replace('"', "").strip("()")
                assert condition == f"{column} IS NOT NULL"
            for name in set(made) - set(PARTIAL):
                assert " WHERE " not in made[name] or name == "interaction_face_to_face"
            # Typed today, today's import and the back-dated entry typed today; not the
            # import of Tuesday, nor Tuesday's own entry.
            assert [i.note for i in repo.activity.logged(TODAY)] == [
                "call of today",
                "caught up today",
            ]
            assert [i.note for i in repo.activity.logged(D("2026-11-24"))] == [
                "call of tuesday",
                "imported message",
                "caught up today",
            ]
            ana, raj = sorted(repo.contacts.all(), key=lambda c: c.name)
            assert [i.id for i in repo.activity.interactions(contact_id=raj.id)] == [1, 3]
            assert [(f.interaction_id, f.due, f.done_on) for f in repo.activity.follow_ups()] == [
                (4, D("2026-11-25"), TODAY),
                (1, D("2026-12-04"), None),
            ]
            assert [f.interaction_id for f in repo.activity.follow_ups(pending_on=TODAY)] == [1]
            (campaign,) = repo.campaigns.all()
            assert campaign.next_follow_up == D("2026-12-04")
            assert [i.id for i in repo.activity.interactions(campaign_id=campaign.id)] == [1, 4, 2]
            # The foreign keys' cascades find their rows through the wider indexes.
            repo.activity.delete(3)
            assert [i.id for i in repo.activity.interactions(contact_id=raj.id)] == [1]
            with repo.store.writing():
                t.Contact.delete().where(t.Contact.id == raj.id).execute()
            assert [i.contact_ids for i in repo.activity.interactions(contact_id=ana.id)] == [
                (ana.id,)
            ] * 3
            with repo.store.writing():
                t.Campaign.delete().where(t.Campaign.id == campaign.id).execute()
            assert [i.campaign_id for i in repo.activity.interactions()] == [None] * 3
    finally:
        repo.close()


def test_a_new_database_has_no_dropped_index(where: object) -> None:
    repo = Repo.open(where, clock=lambda: TODAY)  # type: ignore[arg-type]
    try:
        with repo.store.bound():
            names = set(_indexes("interaction")) | set(_indexes("interaction_contact"))
            assert names == HISTORY_INDEXES["interaction"] | HISTORY_INDEXES["interaction_contact"]
            assert not names & DROPPED
    finally:
        repo.close()
