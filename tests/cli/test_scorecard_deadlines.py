"""Campaign deadlines on the card (issue 15): the table output lists the open campaigns'
deadlines within 7 days of the card's end (or today, on a running card) and past ones;
the JSON lists them under a key of its own after SPEC's (whose keys they leave as they
were). Today is Fri 2026-11-27."""

from __future__ import annotations

import json


def seed(run):
    for args in (
        ("campaign", "add", "Platform Lead", "--org", "Acme"),
        ("campaign", "add", "Data Lead", "--org", "Globex"),
        ("campaign", "add", "SRE", "--org", "Initech"),
        ("campaign", "add", "Closed One", "--org", "Hooli"),
    ):
        assert run(*args, "--on", "2026-11-02").code == 0  # open before last week's card


def test_every_format_lists_deadlines_and_the_json_keeps_specs_keys(run):
    seed(run)
    assert run("campaign", "move", "hooli", "paused").code == 0
    before = json.loads(run("scorecard", "--format", "json").out)
    assert "Deadlines" not in run("scorecard").out  # none set: no section
    for campaign, day in (
        ("acme", "2026-12-02"),  # in 5 days
        ("globex", "2026-11-25"),  # 2 days past, still open
        ("initech", "2026-12-05"),  # 8 days: not yet
        ("hooli", "2026-11-30"),  # paused: left out
    ):
        assert run("campaign", "edit", campaign, "--deadline", day).code == 0
    after = json.loads(run("scorecard", "--format", "json").out)
    assert before.pop("deadlines") == []
    assert after.pop("deadlines") == [
        {
            "id": 2,
            "name": "Globex Data Lead",
            "stage": "research",
            "deadline": "2026-11-25",
            "days_left": -2,
        },
        {
            "id": 1,
            "name": "Acme Platform Lead",
            "stage": "research",
            "deadline": "2026-12-02",
            "days_left": 5,
        },
    ]
    assert after == before  # SPEC's keys: as they were
    md = run("scorecard", "--format", "markdown").out  # the review pasted: there too
    assert md[md.index("### Deadlines") :].splitlines() == [
        "### Deadlines (open campaigns, within 7 days)",
        "",
        "- 2026-11-25 2 days past due: Globex Data Lead (research)",
        "- 2026-12-02 in 5 days: Acme Platform Lead (research)",
    ]
    out = run("scorecard").out
    tail = out[out.index("  Deadlines") :].splitlines()
    assert tail == [
        "  Deadlines (open campaigns, within 7 days)",
        "    2026-11-25  2 days past due   Globex Data Lead  (research)",
        "    2026-12-02  in 5 days         Acme Platform Lead  (research)",
    ]
    # Last week's card: as of its end, Sun 2026-11-22 (Globex's in 3 days, Acme's too far)
    out = run("scorecard", "--week", "2026-W47").out
    assert out[out.index("  Deadlines") :].splitlines()[1:] == [
        "    2026-11-25  in 3 days         Globex Data Lead  (research)",
    ]


def test_the_markdown_review_shows_names_as_text_not_markup(run):
    """A name with `**`, a link or HTML was live markup in the review a user pastes
    (SPEC: text is shown as text, never interpreted as markup)."""
    name = "**Bo** _x_ `c` [link](http://e.vil) <img src=x>"
    assert run("contact", "add", name, "--strength", "4", "--met", "2026-01-01").code == 0
    assert run("campaign", "add", "Lead | Data", "--org", "A*Co", "--on", "2026-10-01").code == 0
    assert run("campaign", "edit", "lead", "--deadline", "2026-11-30").code == 0
    md = run("scorecard", "--format", "markdown").out
    assert (
        r"- \*\*Bo\*\* \_x\_ \`c\` \[link\](http\://e.vil) \<img src=x\> (330 days since met, never touched)"
        in md.splitlines()
    )
    assert r"- A\*Co Lead \| Data (research, 57 days)" in md.splitlines()
    assert r"- 2026-11-30 in 3 days: A\*Co Lead \| Data (research)" in md.splitlines()
    assert f"{name} (330 days" in run("scorecard").out  # the table is text already
    # At the start of a list item: no heading, nested list or numbered list; no
    # address made a live link.
    others = ("# Heading Guy", "1986. A good year", "+ plus", "see www.evil.com http://x.io")
    for other in (*others, "boss@evil.example"):
        assert run("contact", "add", other, "--strength", "4", "--met", "2026-01-01").code == 0
    lines = run("scorecard", "--format", "markdown").out.splitlines()
    for shown in (
        r"- \# Heading Guy (330 days since met, never touched)",
        r"- 1986\. A good year (330 days since met, never touched)",
        r"- \+ plus (330 days since met, never touched)",
        r"- see www\.evil.com http\://x.io (330 days since met, never touched)",
        # GFM makes a bare email address a mailto: link
        # not `\@`: GitHub finds an address after parsing, escapes undone
        "- boss@<!-- -->evil.example (330 days since met, never touched)",
    ):
        assert shown in lines


def test_a_past_card_lists_the_campaigns_open_then_in_their_stage_then(run):
    """A past card's deadlines are as of its end: Data Eng (due 01-20) was open in
    research on Sun 01-18 although it is lost now; Late Role opened 02-02, after the
    card of the week to 02-01 ended, which lists neither."""
    for args in (
        ("campaign", "add", "Data Eng", "--org", "Lost", "--on", "2026-01-05"),
        ("campaign", "edit", "lost", "--deadline", "2026-01-20"),
        ("campaign", "move", "lost", "lost", "--on", "2026-01-25", "--reason", "rejected"),
        ("campaign", "add", "Late Role", "--org", "Later", "--on", "2026-02-02"),
        ("campaign", "edit", "later", "--deadline", "2026-02-06"),
        ("campaign", "move", "later", "applied", "--on", "2026-02-03"),
    ):
        assert run(*args).code == 0, args
    out = run("scorecard", "--on", "2026-01-14").out
    assert out[out.index("  Deadlines") :].splitlines()[1:] == [
        "    2026-01-20  in 2 days         Lost Data Eng  (research)",
    ]
    shown = json.loads(run("scorecard", "--on", "2026-01-14", "--format", "json").out)
    assert [(d["name"], d["stage"], d["days_left"]) for d in shown["deadlines"]] == [
        ("Lost Data Eng", "research", 2)
    ]
    assert "Deadlines" not in run("scorecard", "--on", "2026-02-01").out
    out = run("scorecard", "--on", "2026-02-02").out  # as of Sun 02-08: applied on 02-03
    assert out[out.index("  Deadlines") :].splitlines()[1:] == [
        "    2026-02-06  2 days past due   Later Late Role  (applied)",
    ]
    out = run("scorecard").out  # today: past due and still open, in its stage now
    assert out[out.index("  Deadlines") :].splitlines()[1:] == [
        "    2026-02-06  294 days past due  Later Late Role  (applied)",
    ]


def test_a_cadence_falling_due_past_the_calendars_end_never_falls_due(run, monkeypatch):
    """met 9998-05-01, every 3,650 days: due past 9999-12-31, so never (the agenda
    crashed on it, "internal error: OverflowError")."""
    monkeypatch.setenv("NETRACK_TODAY", "9998-06-01")
    added = run("contact", "add", "Far Future", "--met", "9998-05-01", "--every", "3650")
    assert added.code == 0
    near = run("contact", "add", "Near Future", "--met", "9998-05-01", "--every", "7")
    assert near.code == 0
    for form in ("table", "json"):
        shown = run("agenda", "--format", form)
        assert shown.code == 0, shown.err
        assert "Near Future" in shown.out and "Far Future" not in shown.out
    assert "Far Future" in run("contact", "show", "far").out


def test_a_deadline_in_a_year_no_card_covers_is_refused(run, db):
    """Year 0001 was stored (every other date refuses years before 1900 as a typo) and
    the card said "739946 days past due"."""
    from tests.cli.conftest import database_dump

    seed(run)
    before = database_dump(db)
    for day in ("0001-01-01", "1899-12-31", "9999-01-01"):
        for argv in (
            ("campaign", "edit", "acme", "--deadline", day),
            ("campaign", "add", "Typo Lead", "--org", "Acme", "--deadline", day),
        ):
            refused = run(*argv)
            assert (refused.code, refused.out) == (2, ""), argv
            assert refused.err == (
                f"netrack: deadline {day}: a deadline must be between 1900 and 9998\n"
            )
    assert database_dump(db) == before
    assert run("campaign", "edit", "acme", "--deadline", "1900-01-01").code == 0  # old, kept


def test_a_follow_up_in_a_year_no_card_covers_is_refused_as_a_deadline_is(run, db):
    """`fu:9999-12-31` and `--follow-up 9999-06-01` were stored, where a deadline or a
    card stops at 9998: no card could count them due, and their calendar event had no
    end. One kept from before is no bar to mending the rest of its interaction."""
    from tests.cli.conftest import database_dump, sql

    assert run("contact", "add", "Ana").code == 0
    assert run("log", "@ana fu:9998-12-31 the last day a card covers").code == 0
    before = database_dump(db)
    for day, argv in (
        ("9999-12-31", ("log", "@ana fu:9999-12-31 far")),
        ("9999-01-01", ("log", "--with", "ana", "--follow-up", "9999-01-01")),
        ("9999-06-01", ("interaction", "edit", "1", "--follow-up", "9999-06-01")),
    ):
        refused = run(*argv)
        assert (refused.code, refused.out) == (2, ""), argv
        assert refused.err == (
            f"netrack: follow-up {day}: a follow-up must be between 1900 and 9998\n"
        )
    assert database_dump(db) == before
    sql(db, "UPDATE interaction SET follow_up_on = '9999-12-31' WHERE id = 1")  # an older one
    mended = run("interaction", "edit", "1", "--note", "mended")
    assert mended.code == 0 and "follow up 9999-12-31" in mended.out, mended.err


def test_one_day_is_one_day_not_one_days(run):
    """With stalled_days and going_cold_days at 1, the card said "(research, 1 days)"."""
    for args in (
        ("config", "stalled_days", "1"),
        ("config", "going_cold_days", "1"),
        ("campaign", "add", "Eng", "--org", "Acme", "--on", "2026-11-26"),
        ("contact", "add", "Ana", "--met", "2026-11-26", "--strength", "3"),
        ("contact", "add", "Bo", "--met", "2026-11-20", "--strength", "3"),
        ("log", "--with", "Bo", "--on", "2026-11-26"),
    ):
        assert run(*args).code == 0
    table = run("scorecard").out.splitlines()
    assert "  stalled: 1 (Acme Eng (research, 1 day))" in table
    assert (
        "  going cold: 2 (Ana (1 day since met, never touched), Bo (1 day, last 2026-11-26))"
        in table
    )
    markdown = run("scorecard", "--format", "markdown").out.splitlines()
    assert "- Acme Eng (research, 1 day)" in markdown
    assert "- Ana (1 day since met, never touched)" in markdown


def test_a_contact_listed_for_their_cadence_says_so(run):
    """Kwame, 25 days untouched, was listed as going cold beside the 30-day rule with
    nothing saying why: his 21-day keep-in-touch cadence (the JSON's `keep_in_touch`,
    the Agenda's "every 21d"). The table and the review name it; Bo, warm and past the
    30 days, is listed by the rule and says no cadence. The JSON is as it was."""
    for args in (
        ("contact", "add", "Kwame", "--met", "2026-10-01", "--every", "21"),
        ("contact", "add", "Ana", "--met", "2026-10-01", "--every", "14"),
        ("contact", "add", "Bo", "--met", "2026-09-01", "--strength", "4"),
        ("log", "--with", "Kwame", "--on", "2026-11-02"),
        ("log", "--with", "Bo", "--on", "2026-10-20"),
    ):
        assert run(*args).code == 0
    table = run("scorecard").out.splitlines()
    assert (
        "  going cold: 3 (Ana (57 days since met, every 14, never touched), "
        "Bo (38 days, last 2026-10-20), Kwame (25 days, every 21, last 2026-11-02))"
    ) in table
    markdown = run("scorecard", "--format", "markdown").out.splitlines()
    assert "- Ana (57 days since met, every 14, never touched)" in markdown
    assert "- Bo (38 days, last 2026-10-20)" in markdown
    assert "- Kwame (25 days, every 21, last 2026-11-02)" in markdown
    cold = json.loads(run("scorecard", "--format", "json").out)["going_cold"]
    assert [(c["name"], c["days_idle"], c["keep_in_touch"]) for c in cold] == [
        ("Ana", 57, 14),
        ("Bo", 38, None),
        ("Kwame", 25, 21),
    ]
