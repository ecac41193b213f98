"""Schema 7's migration on a version 6 database, on both engines: every interaction gets
`logged_on` = its `on`, so nothing old counts as "logged today" after the upgrade."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from netrack.data import migrations
from netrack.data import tables as t
from netrack.data.engines import param_sql
from netrack.data.repo import Repo

D = date.fromisoformat
TODAY = D("2026-11-27")


@pytest.fixture
def empty(backend: str, tmp_path: Path) -> Iterator[object]:
    """A new database with no schema yet: a file, or an empty server database."""
    from tests import pg

    with pg.new_database(backend, tmp_path / "v6.db", None) as made:
        yield made


def _v6_with_history(where: object, monkeypatch: pytest.MonkeyPatch) -> None:
    """Schema 6, as that netrack wrote it: a contact and three interactions, one today."""
    with monkeypatch.context() as patch:
        patch.setattr(migrations, "STEPS", migrations.STEPS[:6])
        repo = Repo.open(where, clock=lambda: TODAY)  # type: ignore[arg-type]
        try:
            with repo.store.bound(), repo.store.writing():
                db = t.Interaction._meta.database
                db.execute_sql(
                    param_sql(
                        'INSERT INTO "contact" ("id", "name", "title", "function", "industry", '
                        '"location", "email", "phone", "url", "notes", "archived", "met_on") '
                        "VALUES (1, 'Ana López', '', '', '', '', '', '', '', '', ?, '2026-10-01')"
                    ),
                    (False,),
                )
                for iid, on in ((1, "2026-11-02"), (2, "2026-11-26"), (3, "2026-11-27")):
                    db.execute_sql(
                        param_sql(
                            'INSERT INTO "interaction" ("id", "on", "kind", "minutes", '
                            '"meaningful", "value_received", "value_given", "cost_cents", '
                            "\"note\") VALUES (?, ?, 'call', 0, ?, '', '', 0, ?)"
                        ),
                        (iid, on, False, f"call of {on}"),
                    )
                    db.execute_sql(
                        param_sql(
                            'INSERT INTO "interaction_contact" ("interaction_id", "contact_id", '
                            '"on") VALUES (?, 1, ?)'
                        ),
                        (iid, on),
                    )
            assert repo.store.schema_version() == 6
        finally:
            repo.close()


def test_v6_interactions_are_logged_on_their_own_day(
    empty: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    _v6_with_history(empty, monkeypatch)
    repo = Repo.open(empty, clock=lambda: TODAY)  # type: ignore[arg-type]
    try:
        assert repo.store.schema_version() == migrations.latest() >= 7
        with repo.store.bound():
            assert [(i.on, i.logged_on) for i in repo.activity.interactions()] == [
                (TODAY, TODAY),
                (D("2026-11-26"), D("2026-11-26")),
                (D("2026-11-02"), D("2026-11-02")),
            ]
            assert [i.note for i in repo.scorecard.agenda().logged_today] == ["call of 2026-11-27"]
            # The upgraded database logs as a new one does.
            entry = repo.activity.log([1], on=D("2026-11-20"), note="caught up")
            assert entry.logged_on == TODAY and entry.back_dated
            assert [i.note for i in repo.scorecard.agenda().logged_today] == [
                "call of 2026-11-27",
                "caught up",
            ]
    finally:
        repo.close()
