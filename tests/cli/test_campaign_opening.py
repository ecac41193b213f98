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


def test_campaigns_an_old_import_left_without_an_opening_row(run, db):
    """A JSON import may bring a campaign with no history, or whose history starts with
    a move: the opening moved past that move, and "stage since" was reset to it."""
    for args in (
        ("campaign", "add", "Role A", "--org", "Acme", "--on", "2026-11-01"),
        ("campaign", "move", "acme", "applied", "--on", "2026-11-20"),
        ("campaign", "add", "Role E", "--org", "Eco", "--on", "2026-11-01"),
        ("campaign", "edit", "eco", "--deadline", "2026-11-05"),
        ("campaign", "move", "eco", "applied", "--on", "2026-11-10"),
    ):
        assert run(*args).code == 0, args
    sql(db, "DELETE FROM stage_change WHERE campaign_id = 1")  # no history at all
    sql(db, "DELETE FROM stage_change WHERE campaign_id = 2 AND from_stage IS NULL")

    assert run("campaign", "edit", "acme", "--on", "2026-10-15").code == 0
    late = run("campaign", "edit", "acme", "--on", "2026-11-21")
    assert late.err == (
        "netrack: 2026-11-21 is after its stage began (2026-11-20): a campaign opens before that\n"
    )
    moved = run("campaign", "edit", "eco", "--on", "2026-11-12")
    assert moved.err == (
        "netrack: 2026-11-12 is after its move to applied on 2026-11-10: "
        "a campaign opens before it moves\n"
    )
    assert run("campaign", "edit", "eco", "--on", "2026-10-20").code == 0
    assert sql(db, "SELECT opened_on, stage_since FROM campaign ORDER BY id") == [
        ("2026-10-15", "2026-11-20"),
        ("2026-10-20", "2026-11-10"),
    ]
    # Eco was in research (the stage its first row left) when its deadline passed.
    out = run("scorecard", "--on", "2026-11-04").out
    assert out[out.index("  Deadlines") :].splitlines()[1:] == [
        "    2026-11-05  3 days past due   Eco Role E  (research)",
    ]


def test_an_opening_day_given_blank_is_refused(run, db):
    assert run("campaign", "add", "SRE", "--org", "Hooli", "--on", "2026-11-02").code == 0

    blank = run("campaign", "edit", "hooli", "--on", " ")

    assert (blank.code, blank.out) == (2, "")
    assert blank.err == "netrack: --on is empty: give a date\n"  # as every date option
