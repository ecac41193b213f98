"""`referral list|edit|delete`, `time list|edit|delete` and `followup reopen`: what was
recorded is read back, and a mistake (ten hours of busywork for one, a follow-up marked
done) is mended or undone, the scorecard with it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.cli.conftest import Run, database_dump


def _card(run: Run) -> Any:
    result = run("scorecard", "--format", "json")
    assert result.code == 0, result.err
    return json.loads(result.out)


def test_a_mistyped_time_entry_is_listed_and_deleted(run: Run, db: Path) -> None:
    assert run("time", "add", "45m", "--category", "search", "--on", "2026-11-24").code == 0
    assert run("time", "add", "10h", "--category", "busywork", "--note", "meant 10m").code == 0
    assert _card(run)["hours_busywork"] == 10.0

    listed = json.loads(run("time", "list", "--format", "json").out)["time_entries"]
    assert [(e["id"], e["on"], e["minutes"], e["category"], e["note"]) for e in listed] == [
        (2, "2026-11-27", 600, "busywork", "meant 10m"),
        (1, "2026-11-24", 45, "search", ""),
    ]
    recent = json.loads(run("time", "list", "--since", "today", "--format", "json").out)
    assert [e["id"] for e in recent["time_entries"]] == [2]
    assert run("time", "list").out.splitlines()[1].split()[:4] == [
        "2", "2026-11-27", "600", "busywork"
    ]  # fmt: skip

    deleted = run("time", "delete", "2")
    assert (deleted.code, deleted.out) == (
        0, "deleted time entry #2 (10h of busywork, 2026-11-27)\n"
    )  # fmt: skip
    assert _card(run)["hours_busywork"] == 0.0
    assert _card(run)["hours_invested"] == 0.75


def test_a_referral_is_listed_by_contact_and_deleted(run: Run, db: Path) -> None:
    for argv in (
        ("contact", "add", "Ana", "--met", "2026-10-01"),
        ("contact", "add", "Raj", "--met", "2026-10-01"),
        ("referral", "add", "--from", "ana", "--direction", "in", "--on", "2026-11-24"),
        ("referral", "add", "--from", "raj", "--direction", "out", "--note", "wrong person"),
    ):
        assert run(*argv).code == 0, argv
    assert _card(run)["referrals_out"] == 1

    mine = json.loads(run("referral", "list", "--with", "raj", "--format", "json").out)
    assert [(r["id"], r["direction"], r["contact"]["name"]) for r in mine["referrals"]] == [
        (2, "out", "Raj")
    ]
    assert len(run("referral", "list").out.splitlines()) == 3  # header and two

    deleted = run("referral", "delete", "2")
    assert (deleted.code, deleted.out) == (0, "deleted referral #2 (out, Raj, 2026-11-27)\n")
    assert (_card(run)["referrals_out"], _card(run)["referrals_in"]) == (0, 1)


def test_referrals_and_time_entries_name_their_campaign(run: Run, db: Path) -> None:
    """They gave a bare `campaign_id`; every other record names its campaign as
    `{"id", "name"}` (README)."""
    for argv in (
        ("contact", "add", "Ana", "--met", "2026-10-01"),
        ("campaign", "add", "Platform Engineer", "--org", "Acme", "--on", "2026-11-02"),
        ("referral", "add", "--from", "ana", "--direction", "in", "--campaign", "acme"),
        ("referral", "add", "--from", "ana", "--direction", "out"),
        ("time", "add", "1h", "--category", "search", "--campaign", "acme"),
    ):
        assert run(*argv).code == 0, argv
    acme = {"id": 1, "name": "Acme Platform Engineer"}
    referrals = json.loads(run("referral", "list", "--format", "json").out)["referrals"]
    assert [(r["campaign"], r["campaign_id"]) for r in referrals] == [(None, None), (acme, 1)]
    entries = json.loads(run("time", "list", "--format", "json").out)["time_entries"]
    assert [(e["campaign"], e["campaign_id"]) for e in entries] == [(acme, 1)]
    # The tables name it too: the JSON alone did.
    table = run("referral", "list").out.splitlines()
    assert table[0].split() == ["id", "on", "direction", "contact", "campaign", "note"]
    assert "Acme Platform Engineer" in table[2] and "Acme" not in table[1]
    table = run("time", "list").out.splitlines()
    assert table[0].split() == ["id", "on", "minutes", "category", "campaign", "note"]
    assert "Acme Platform Engineer" in table[1]


def test_deleting_what_is_not_there_is_one_line_and_writes_nothing(run: Run, db: Path) -> None:
    assert run("time", "add", "1h", "--category", "search").code == 0
    before = database_dump(db)
    for argv, words in (
        (("time", "delete", "9"), "no time entry with id 9"),
        (("referral", "delete", "1"), "no referral with id 1"),
        (("time", "delete", "one"), "the time entry id must be a number"),
        (("referral", "delete", "-1"), "the referral id must be a positive number"),
    ):
        result = run(*argv)
        assert (result.code, result.out) == (2, "")
        assert result.err.startswith(f"netrack: {words}") and result.err.count("\n") == 1
    assert database_dump(db) == before
    assert run("referral", "list").out == "no referrals\n"


def test_a_time_entry_and_a_referral_are_mended_and_the_card_follows(run: Run, db: Path) -> None:
    """10h of busywork meant 10m of search on a campaign: edited in place (the id kept),
    the card's hours with it; a referral moved to another contact, day and direction,
    then its campaign cleared with `none`."""
    for argv in (
        ("contact", "add", "Ana", "--met", "2026-10-01"),
        ("contact", "add", "Raj", "--met", "2026-10-01"),
        ("campaign", "add", "Platform Engineer", "--org", "Acme", "--on", "2026-11-02"),
        ("time", "add", "10h", "--category", "busywork", "--note", "meant 10m"),
        ("referral", "add", "--from", "ana", "--direction", "in", "--campaign", "acme"),
    ):
        assert run(*argv).code == 0, argv
    assert (_card(run)["hours_busywork"], _card(run)["hours_invested"]) == (10.0, 0.0)
    edited = run(
        "time", "edit", "1", "--duration", "10m", "--category", "search", "--campaign", "acme"
    )
    assert (edited.code, edited.out, edited.err) == (
        0,
        "edited time entry #1: 10m of search on 2026-11-27 · for Acme Platform Engineer\n",
        "",
    )
    card = _card(run)
    assert (card["hours_busywork"], card["hours_invested"]) == (0.0, 0.17)
    (entry,) = json.loads(run("time", "list", "--format", "json").out)["time_entries"]
    assert (entry["minutes"], entry["category"], entry["note"]) == (10, "search", "meant 10m")

    assert _card(run)["referrals_in"] == 1
    moved = run("referral", "edit", "1", "--from", "raj", "--direction", "out", "--on", "-3d")
    assert moved.out == "edited referral #1: out, Raj, 2026-11-24 · for Acme Platform Engineer\n"
    assert (_card(run)["referrals_in"], _card(run)["referrals_out"]) == (0, 1)
    cleared = run("referral", "edit", "1", "--campaign", "none")
    assert cleared.out == "edited referral #1: out, Raj, 2026-11-24\n"


def test_an_edit_refused_writes_nothing(run: Run, db: Path) -> None:
    for argv in (
        ("contact", "add", "Ana", "--met", "2026-10-01"),
        ("time", "add", "1h", "--category", "search"),
        ("referral", "add", "--from", "ana", "--direction", "in"),
    ):
        assert run(*argv).code == 0, argv
    before = database_dump(db)
    refused: tuple[tuple[tuple[str, ...], str], ...] = (
        (("time", "edit", "1"), "nothing to change: give what to change"),
        (("time", "edit", "9", "--note", "x"), "no time entry with id 9"),
        (("time", "edit", "1", "--duration", "25h"), "25h is more than a day (24h at most)"),
        (("time", "edit", "1", "--duration", "0"), "a time entry needs a positive duration"),
        (("time", "edit", "1", "--category", "nap"), "unknown category 'nap'"),
        (("time", "edit", "1", "--on", "2026-12-01", "--note", "x"), "time entry 2026-12-01"),
        (("time", "edit", "1", "--on", " "), "--on is empty: give a date"),
        (("time", "edit", "1", "--campaign", "nowhere"), "no campaign matches 'nowhere'"),
        (("referral", "edit", "1"), "nothing to change: give what to change"),
        (("referral", "edit", "2", "--note", "x"), "no referral with id 2"),
        (("referral", "edit", "1", "--from", "nobody"), "no contact matches 'nobody'"),
        (("referral", "edit", "1", "--direction", "up"), "argument --direction: invalid"),
        (("referral", "edit", "0", "--note", "x"), "the referral id must be a positive number"),
    )
    for command, words in refused:
        result = run(*command)
        assert (result.code, result.out) == (2, ""), command
        assert words in result.err and result.err.count("\n") == 1, (command, result.err)
    assert database_dump(db) == before


def test_a_follow_up_marked_done_by_mistake_is_reopened(run: Run, db: Path) -> None:
    for argv in (
        ("contact", "add", "Ana", "--met", "2026-11-01"),
        ("log", "@ana on:2026-11-20 fu:2026-11-24 first"),
        ("log", "@ana on:2026-11-21 fu:2026-12-03 second"),  # closes the first (a later touch)
        ("followup", "done", "ana"),  # meant for nobody: marks the second done too
    ):
        assert run(*argv).code == 0, argv
    assert run("followup", "list").out == "no pending follow-ups\n"

    reopened = run("followup", "reopen", "2")
    assert (reopened.code, reopened.out) == (0, "reopened the follow-up of #2 (due 2026-12-03)\n")
    pending = json.loads(run("followup", "list", "--format", "json").out)["follow_ups"]
    assert [(f["interaction_id"], f["due"]) for f in pending] == [(2, "2026-12-03")]
    # The table shows the id reopen takes (the interaction's).
    assert run("followup", "list").out.splitlines()[1].split()[:2] == ["2", "2026-12-03"]

    before = database_dump(db)
    for argv, words in (
        (("followup", "reopen", "2"), "the follow-up of #2 is not done"),
        (("followup", "reopen", "1"), "the follow-up of #1 was closed by the interaction of "
                                      "2026-11-21, not marked done: edit or delete that one"),
        (("followup", "reopen", "7"), "no interaction with id 7"),
        (("followup", "reopen", "x"), "the interaction id must be a number"),
    ):  # fmt: skip
        result = run(*argv)
        assert (result.code, result.out) == (2, "")
        assert result.err.startswith(f"netrack: {words}") and result.err.count("\n") == 1
    assert run("log", "@ana 10m hello").code == 0  # a touch today closes it as SPEC says
    assert run("followup", "list").out == "no pending follow-ups\n"
    assert database_dump(db) != before


def test_a_mistaken_mark_is_taken_back_even_when_a_later_touch_closed_it_too(
    run: Run, db: Path
) -> None:
    """Marked done on the 11th by mistake; a touch on the 14th would have closed it:
    taking the mark back leaves it done on the 14th, after its due day (SPEC: done on
    the day marked, or the day of the next interaction)."""
    for argv in (
        ("contact", "add", "Bob", "--met", "2026-11-01"),
        ("log", "--with", "bob", "--on", "2026-11-05", "--follow-up", "2026-11-12"),
        ("followup", "done", "bob", "--on", "2026-11-11"),
        ("log", "--with", "bob", "--on", "2026-11-14"),
    ):
        assert run(*argv).code == 0, argv
    card = json.loads(run("scorecard", "--week", "2026-W46", "--format", "json").out)
    assert card["follow_ups"] == {"due": 1, "on_time": 1, "overdue": 0}

    taken = run("followup", "reopen", "1")
    assert (taken.code, taken.out) == (
        0,
        "took back the done mark of #1's follow-up (due 2026-11-12): it is done on "
        "2026-11-14, when a later interaction closed it\n",
    )
    card = json.loads(run("scorecard", "--week", "2026-W46", "--format", "json").out)
    assert card["follow_ups"] == {"due": 1, "on_time": 0, "overdue": 0}


def test_confirmations_name_the_namesake_and_the_campaign_matched(run: Run, db: Path) -> None:
    """`--campaign north` matched a campaign the confirmation never named, and "Sam Lee"
    left out which of two: each now says both, in add, edit and delete alike."""
    for argv in (
        ("contact", "add", "Sam Lee", "--org", "Acme"),
        ("contact", "add", "Sam Lee", "--org", "Beta"),
        ("campaign", "add", "Data Engineer", "--org", "Northwind", "--source", "referral"),
    ):
        assert run(*argv).code == 0, argv
    said = [
        run(*argv).out
        for argv in (
            ("referral", "add", "--from", "Sam Lee (Acme)", "--direction", "in", "--campaign", "north"),
            ("time", "add", "1h", "--category", "search", "--campaign", "north"),
            ("referral", "edit", "1", "--direction", "out"),
            ("time", "edit", "1", "--duration", "2h"),
            ("referral", "delete", "1"),
            ("time", "delete", "1"),
        )
    ]  # fmt: skip
    assert said == [
        "added referral in (from Sam Lee (Acme)) on 2026-11-27 · for Northwind Data Engineer\n",
        "added 1h of search on 2026-11-27 · for Northwind Data Engineer\n",
        "edited referral #1: out, Sam Lee (Acme), 2026-11-27 · for Northwind Data Engineer\n",
        "edited time entry #1: 2h of search on 2026-11-27 · for Northwind Data Engineer\n",
        "deleted referral #1 (out, Sam Lee (Acme), 2026-11-27) · for Northwind Data Engineer\n",
        "deleted time entry #1 (2h of search, 2026-11-27) · for Northwind Data Engineer\n",
    ]


def test_twin_campaigns_are_told_apart_in_the_lists(run: Run, db: Path) -> None:
    """Two "Acme Eng" printed identically in `time list` and `referral list`."""
    for argv in (
        ("contact", "add", "Ana"),
        ("campaign", "add", "Eng", "--org", "Acme"),
        ("campaign", "add", "Eng", "--org", "Acme"),
        ("time", "add", "1h", "--category", "search", "--campaign", "id:2"),
        ("referral", "add", "--from", "ana", "--direction", "in", "--campaign", "id:1"),
    ):
        assert run(*argv).code == 0, argv
    assert "Acme Eng [id:2]" in run("time", "list").out.splitlines()[1]
    assert "Acme Eng [id:1]" in run("referral", "list").out.splitlines()[1]


def test_a_contacts_referrals_show_the_id_referral_edit_takes(run: Run) -> None:
    """`contact show` listed referrals with no id, which `referral edit` needs, while
    `campaign show` had one: both now show `referral list`'s columns."""
    for argv in (
        ("contact", "add", "Sam Lee"),
        ("contact", "add", "Ana"),
        ("campaign", "add", "Data Engineer", "--org", "Northwind"),
        ("referral", "add", "--from", "ana", "--direction", "out", "--on", "2026-11-20"),
        ("referral", "add", "--from", "sam", "--direction", "in", "--campaign", "north"),
    ):
        assert run(*argv).code == 0, argv
    shown = run("contact", "show", "sam").out.split("Referrals\n", 1)[1].splitlines()
    assert shown == [
        "id  on          direction  contact  campaign                 note",
        "2   2026-11-27  in         Sam Lee  Northwind Data Engineer  —",
    ]
    campaign = run("campaign", "show", "north").out.split("Referrals\n", 1)[1].splitlines()
    assert campaign[:2] == shown
    assert run("referral", "edit", "2", "--note", "intro to the lead").code == 0
    (edited,) = json.loads(run("referral", "list", "--format", "json").out)["referrals"][:1]
    assert (edited["id"], edited["contact"]["name"], edited["note"]) == (
        2,
        "Sam Lee",
        "intro to the lead",
    )


def test_a_campaigns_referrals_and_time_are_listed_and_shown(run: Run, db: Path) -> None:
    """`campaign delete` refused for "1 referral, 1 time entry" no command showed:
    `--campaign` filters both lists, and `campaign show` has them (new JSON keys)."""
    for argv in (
        ("contact", "add", "Sam Lee", "--org", "Acme"),
        ("campaign", "add", "Data Engineer", "--org", "Northwind"),
        ("referral", "add", "--from", "sam", "--direction", "in", "--campaign", "north"),
        ("referral", "add", "--from", "sam", "--direction", "out"),
        ("time", "add", "1h", "--category", "search", "--campaign", "north"),
        ("time", "add", "2h", "--category", "search"),
    ):
        assert run(*argv).code == 0, argv
    times = json.loads(run("time", "list", "--campaign", "north", "--format", "json").out)
    assert [e["minutes"] for e in times["time_entries"]] == [60]
    refs = json.loads(run("referral", "list", "--campaign", "north", "--format", "json").out)
    assert [r["id"] for r in refs["referrals"]] == [1]
    shown = json.loads(run("campaign", "show", "north", "--format", "json").out)
    assert list(shown) == ["campaign", "history", "interactions", "referrals", "time_entries"]
    assert [(r["id"], r["direction"]) for r in shown["referrals"]] == [(1, "in")]
    assert [(e["id"], e["minutes"]) for e in shown["time_entries"]] == [(1, 60)]
    table = run("campaign", "show", "north").out
    assert (
        "Referrals\n"
        "id  on          direction  contact  campaign                 note\n"
        "1   2026-11-27  in         Sam Lee  Northwind Data Engineer  —\n"
    ) in table
    assert (
        "Time (1h search and networking)\n"
        "id  on          minutes  category  note\n"
        "1   2026-11-27  60"
    ) in table
    unknown = run("time", "list", "--campaign", "nowhere")
    assert (unknown.code, unknown.err) == (2, "netrack: no campaign matches 'nowhere'\n")


def test_campaign_show_counts_time_off_and_busywork_apart(run: Run, db: Path) -> None:
    """The campaign's time, in the scorecard's words: only search and networking are
    invested (the scorecard's 1h, not 6h)."""
    assert run("campaign", "add", "Eng", "--org", "Acme").code == 0
    for duration, category in (("1h", "search"), ("3h", "off"), ("2h", "busywork")):
        assert run("time", "add", duration, "--category", category, "--campaign", "eng").code == 0
    table = run("campaign", "show", "eng").out
    assert "\ntime          1h invested\n" in table
    assert "\nTime (1h search and networking, 2h busywork, 3h off)\n" in table


def test_campaign_show_invests_the_hours_the_scorecard_does(run: Run, db: Path) -> None:
    """ "Time (0.33h invested)" beside the scorecard's 0.83 for the same campaign and
    week: its interaction minutes were left out. "invested" is the card's hours
    invested; the time entries alone are named for what they are."""
    for argv in (
        ("contact", "add", "Bo"),
        ("campaign", "add", "Eng", "--org", "Acme", "--source", "job_board"),
        ("log", "--with", "bo", "--minutes", "30", "--campaign", "acme"),
        ("time", "add", "20m", "--category", "search", "--campaign", "acme"),
        ("time", "add", "1h", "--category", "busywork", "--campaign", "acme"),
    ):
        assert run(*argv).code == 0, argv
    card = _card(run)
    assert (card["hours_invested"], card["effort_by_channel"]["job_board"]["hours"]) == (
        0.83,
        0.83,
    )
    table = run("campaign", "show", "acme").out
    assert "\ntime          0.83h invested\n" in table
    assert "\nTime (0.33h search and networking, 1h busywork)\n" in table
    assert table.count("invested") == 1


def test_a_day_holds_no_more_than_24h_of_time_entries(
    run: Run, db: Path, tmp_path: Path, capsys: Any
) -> None:
    """`time add 20h` then `time add 10h` the same day were both taken: 30 hours of a
    day. A day's time entries now total 24h at most, an edit's as an addition's."""
    assert run("time", "add", "20h", "--category", "search").code == 0
    assert run("time", "add", "3h", "--category", "off", "--on", "2026-11-26").code == 0
    before = database_dump(db)
    full = "2026-11-27 would hold 30h of time entries (20h there already): a day holds 24h at most"
    refused: tuple[tuple[tuple[str, ...], str], ...] = (
        (("time", "add", "10h", "--category", "networking"), full),
        (("time", "add", "4h1m", "--category", "busywork", "--on", "today"), "would hold 24h1m"),
        (("time", "edit", "2", "--on", "2026-11-27", "--duration", "5h"), "hold 25h of time"),
        (("time", "edit", "1", "--duration", "22h", "--on", "2026-11-26"), "26 would hold 25h"),
    )
    for command, words in refused:
        result = run(*command)
        assert (result.code, result.out) == (2, ""), command
        assert words in result.err and result.err.count("\n") == 1, (command, result.err)
    assert database_dump(db) == before
    # A day filled to 24h exactly is taken; then a move into it is refused.
    assert run("time", "add", "4h", "--category", "busywork").code == 0
    moved = run("time", "edit", "2", "--on", "2026-11-27")
    assert moved.code == 2 and "would hold 27h of time entries (24h there already)" in moved.err

    # An import keeps a longer day as the file holds it (a backup restores whole), and
    # such a day may be brought down, not made longer.
    exported = tmp_path / "all.json"
    assert run("export", "json", "--out", str(exported)).code == 0
    data = json.loads(exported.read_text())
    (busywork,) = [e for e in data["time_entries"] if e["category"] == "busywork"]
    busywork["minutes"] = 14 * 60  # 34h on 2026-11-27, as another tool wrote it
    exported.write_text(json.dumps(data))
    other = ("--db", str(tmp_path / "other.db"))
    assert run("import", "json", str(exported), *other, use_db=False).code == 0
    listed = json.loads(run("time", "list", "--format", "json", *other, use_db=False).out)
    day = [e for e in listed["time_entries"] if e["on"] == "2026-11-27"]
    assert sum(e["minutes"] for e in day) == 34 * 60
    (kept,) = [str(e["id"]) for e in day if e["category"] == "busywork"]
    assert run("time", "edit", kept, "--duration", "1h", *other, use_db=False).code == 0
    longer = run("time", "edit", kept, "--duration", "5h", *other, use_db=False)
    assert longer.code == 2 and "would hold 25h of time entries (21h there already)" in longer.err
