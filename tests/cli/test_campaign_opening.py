"""A campaign opened on the wrong day is put right with `campaign edit --on` (the TUI's
edit form has the field too): the refusal of an earlier move sent the user to delete
the campaign, which its history refuses. Today is Fri 2026-11-27."""

from __future__ import annotations

from tests.cli.conftest import sql


def history(db) -> list[tuple[object, ...]]:
    return sql(db, 'SELECT from_stage, to_stage, "on" FROM stage_change ORDER BY id')


def test_an_opening_day_put_right_moves_the_opening(run, db):
    for args in (
        ("contact", "add", "Ana López"),
        ("campaign", "add", "Data Engineer", "--org", "Acme", "--on", "2026-11-20"),
        ("log", "@ana +acme 30m coffee"),
    ):
        assert run(*args).code == 0, args
    early = run("campaign", "move", "acme", "networking", "--on", "2026-11-18")
    assert early.code == 2
    assert early.err == (
        "netrack: 2026-11-18 is before the campaign opened (2026-11-20, in research); "
        "if it opened earlier, change the day it opened first (edit it)\n"
    )

    edited = run("campaign", "edit", "acme", "--on", "2026-11-15")

    assert edited.code == 0, edited.err
    assert sql(db, "SELECT opened_on, stage_since FROM campaign") == [("2026-11-15", "2026-11-15")]
    assert run("campaign", "move", "acme", "networking", "--on", "2026-11-18").code == 0
    assert history(db) == [
        (None, "research", "2026-11-15"),
        ("research", "networking", "2026-11-18"),
    ]


def test_an_opening_never_moves_past_the_first_move_nor_into_the_future(run, db):
    assert run("campaign", "add", "SRE", "--org", "Hooli", "--on", "2026-11-02").code == 0
    assert run("campaign", "move", "hooli", "applied", "--on", "2026-11-10").code == 0
    before = history(db)

    late = run("campaign", "edit", "hooli", "--on", "2026-11-12")
    ahead = run("campaign", "edit", "hooli", "--on", "2026-12-01")

    assert (late.code, ahead.code) == (2, 2)
    assert late.err == (
        "netrack: 2026-11-12 is after its move to applied on 2026-11-10: "
        "a campaign opens before it moves\n"
    )
    assert "future" in ahead.err or "after today" in ahead.err, ahead.err
    assert history(db) == before
    assert sql(db, "SELECT opened_on, stage_since FROM campaign") == [("2026-11-02", "2026-11-10")]
    assert run("campaign", "edit", "hooli", "--on", "2026-11-10").code == 0  # the same day
    assert history(db)[0] == (None, "research", "2026-11-10")
    assert sql(db, "SELECT opened_on, stage_since FROM campaign") == [("2026-11-10", "2026-11-10")]
