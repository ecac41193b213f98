"""The read side of the command line (SPEC, "reading and keeping the data tidy"): every
list/show command and the agenda, as a table and as JSON, on a small hand-built database
whose every expected value is written out below (today is Friday 2026-11-27)."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from tests.cli.conftest import Result, Run, sql


@pytest.fixture
def book(run: Run) -> Run:
    """Ana (Acme, strength 4), Raj (no org), Zoë (archived); two campaigns (one lost);
    three interactions; one overdue and one future follow-up; a referral; a goal."""
    steps: tuple[tuple[str, ...], ...] = (
        ("contact", "add", "Ana López", "--org", "Acme", "--strength", "4", "--met", "2026-10-01",
         "--email", "ana@acme.example", "--tag", "mentor"),
        ("contact", "add", "Raj Patel", "--met", "2026-11-02", "--introduced-by", "ana"),
        ("contact", "add", "Zoë Evans", "--org", "Globex"),
        ("campaign", "add", "Platform Engineer", "--org", "Acme", "--on", "2026-11-02",
         "--source", "referral", "--stage", "applied"),
        ("campaign", "add", "Data Lead", "--org", "Globex", "--on", "2026-11-03"),
        ("campaign", "move", "globex", "lost", "--on", "2026-11-20"),
        ("log", "#coffee @ana +acme 45m ! on:2026-11-20 fu:2026-11-25 talked shop"),
        ("log", "#email @raj on:2026-11-26 fu:2026-12-01 sent the deck"),
        ("log", "#call @ana on:2026-11-27 10m quick check"),
        ("referral", "add", "--from", "ana", "--direction", "in", "--on", "2026-11-21"),
        ("goal", "add", "interviews", "2", "--note", "keep moving"),
    )  # fmt: skip
    for argv in steps:
        result = run(*argv)
        assert result.code == 0, (argv, result.err)
    return run


def as_json(result: Result) -> Any:
    assert result.code == 0, result.err
    return json.loads(result.out)


def test_contact_list_table_and_json(book: Run) -> None:
    table = book("contact", "list")
    assert table.code == 0
    lines = table.out.splitlines()
    assert lines[0].split() == [
        "id",
        "name",
        "organization",
        "strength",
        "last",
        "touch",
        "channel",
    ]
    # Sorted by name; no archived contact yet, so all three.
    assert [line.split()[1] for line in lines[1:]] == ["Ana", "Raj", "Zoë"]
    # Ana's last touch is today's call; Raj's the email of the 26th.
    assert "2026-11-27" in lines[1] and "2026-11-26" in lines[2]

    contacts = as_json(book("contact", "list", "--format", "json"))["contacts"]
    ana = contacts[0]
    assert ana["name"] == "Ana López"
    assert ana["organization"]["name"] == "Acme" and isinstance(ana["organization"]["id"], int)
    assert ana["strength"] == 4
    assert ana["met_on"] == "2026-10-01"
    assert ana["last_touch"] == "2026-11-27"
    assert ana["email"] == "ana@acme.example"
    assert ana["tags"] == ["mentor"]
    assert ana["archived"] is False
    raj = contacts[1]
    assert raj["introduced_by"] == {"id": ana["id"], "name": "Ana López"}
    assert raj["organization"] is None


def test_contact_list_filter_matches_organization_and_tag(book: Run) -> None:
    by_org = as_json(book("contact", "list", "--filter", "globex", "--format", "json"))
    assert [c["name"] for c in by_org["contacts"]] == ["Zoë Evans"]
    by_tag = as_json(book("contact", "list", "--filter", "MENTOR", "--format", "json"))
    assert [c["name"] for c in by_tag["contacts"]] == ["Ana López"]
    nothing = book("contact", "list", "--filter", "nobody")
    assert nothing.code == 0 and nothing.out.strip() == "no contacts matching 'nobody'"
    # The Contacts screen's terms too: strength, channel, organization, email.
    for query, expected in (
        ("s:4", ["Ana López"]),
        ("strength:none org:none", ["Raj Patel"]),
        ("org:glob", ["Zoë Evans"]),
        ("ana@acme", ["Ana López"]),
        ("channel:none s:1-4", ["Ana López"]),
        ('"ana lopez"', ["Ana López"]),  # a quoted phrase found nobody: quotes searched
        ('"lopez ana"', []),  # its words together, in that order
    ):
        found = as_json(book("contact", "list", "--filter", query, "--format", "json"))
        assert [c["name"] for c in found["contacts"]] == expected, query
    # Quoted as typed, cut where long (repr showed `o'x` as "o'x" and doubled a "\\").
    for query, echo in (
        ("o'x", "'o'x'"),
        ("\\", "'\\'"),
        ("tab\x1b", "'tab␛'"),
        ("x" * 10_000, "'" + "x" * 57 + "…'"),
    ):
        result = book("contact", "list", "--filter", query)
        assert (result.code, result.out.strip()) == (0, f"no contacts matching {echo}"), query
    for query, said in (
        ("s:9", "netrack: strength:9 is no strength (1 to 5"),
        ("ch:linkdin", "netrack: no channel starts with 'linkdin' (known: event, linkedin,"),
    ):
        refused = book("contact", "list", "--filter", query)
        assert (refused.code, refused.out) == (2, "") and refused.err.startswith(said)


def test_contact_list_help_lists_the_filter_s_grammar(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`--help` listed a few terms; the Contacts screen's `?` none. Both list GRAMMAR."""
    from netrack import cli
    from netrack.domain.contact_filter import GRAMMAR

    with pytest.raises(SystemExit) as caught:
        cli.main(["contact", "list", "--help"])
    assert caught.value.code == 0
    shown = capsys.readouterr().out
    for forms, meaning in GRAMMAR:
        line = next(line for line in shown.splitlines() if line.startswith(f"  {forms[0]}"))
        assert "  ".join(forms) in line and meaning.split(" ")[0] in line


def test_contact_list_filter_matches_location_and_industry_or_the_organization_s(
    run: Run,
) -> None:
    """SPEC's contact has industry and location, falling back to the organization's:
    `--filter berlin` found nobody of Berlin, whichever held it."""
    for argv in (
        ("contact", "add", "Mia Berg", "--location", "Berlin", "--industry", "Fintech"),
        ("org", "add", "Zalando", "--location", "Berlin", "--industry", "E-commerce"),
        ("contact", "add", "Olu Ade", "--org", "Zalando"),
        # Her own location and industry win over her organization's.
        ("contact", "add", "Ida Holm", "--org", "Zalando", "--location", "Oslo",
         "--industry", "Retail"),
    ):  # fmt: skip
        assert run(*argv).code == 0, argv
    for query, expected in (
        ("berlin", ["Mia Berg", "Olu Ade"]),
        ("commerce", ["Olu Ade"]),
        ("fintech", ["Mia Berg"]),
        ("oslo retail", ["Ida Holm"]),
        ("berlin zalando", ["Olu Ade"]),
    ):
        found = as_json(run("contact", "list", "--filter", query, "--format", "json"))
        assert [c["name"] for c in found["contacts"]] == expected, query


def test_contact_show_gives_every_record_its_id_strength_changes_included(
    book: Run, db: Any
) -> None:
    """README: "an `id` on every record"; a strength change is a record of its own."""
    book("contact", "edit", "ana", "--strength", "5")
    shown = as_json(book("contact", "show", "ana", "--format", "json"))
    stored = sql(
        db, 'SELECT id, "on", strength FROM strength_change WHERE contact_id = 1 ORDER BY id'
    )
    assert [(e["id"], e["on"], e["strength"]) for e in shown["strength_history"]] == [
        (row[0], str(row[1]), row[2]) for row in stored
    ]
    assert len(stored) == 2
    for key in ("interactions", "follow_ups", "referrals", "campaigns"):
        assert shown[key] and all(isinstance(entry["id"], int) for entry in shown[key]), key


def test_contact_show_has_the_whole_history(book: Run) -> None:
    shown = as_json(book("contact", "show", "ana", "--format", "json"))
    assert shown["contact"]["name"] == "Ana López"
    # Newest first: today's call, then the coffee of the 20th.
    assert [(i["on"], i["kind"]) for i in shown["interactions"]] == [
        ("2026-11-27", "call"),
        ("2026-11-20", "in_person"),
    ]
    coffee = shown["interactions"][1]
    assert coffee["minutes"] == 45 and coffee["meaningful"] is True
    assert coffee["campaign"]["name"] == "Acme Platform Engineer"
    # The coffee's follow-up (due the 25th) was closed by the call of the 27th: listed
    # done, as the contact page lists it (it was left out, the TUI and CLI disagreeing).
    assert [(f["due"], f["done_on"], f["overdue"]) for f in shown["follow_ups"]] == [
        ("2026-11-25", "2026-11-27", False)
    ]
    assert [(r["direction"], r["on"]) for r in shown["referrals"]] == [("in", "2026-11-21")]
    # The quick log linked Ana to the Acme campaign.
    assert [(c["name"], c["stage"]) for c in shown["campaigns"]] == [
        ("Acme Platform Engineer", "applied")
    ]

    text = book("contact", "show", "ana").out
    assert "organization  Acme" in text and "strength      4/5" in text
    assert "Timeline" in text and "quick check" in text and "Referrals" in text
    assert "2026-11-25 done 2026-11-27" in text.split("Follow-ups")[1]


def test_contact_show_names_whom_they_introduced(book: Run) -> None:
    """Only "introduced by" was shown: the people a contact introduced were on no page,
    in no table and no JSON key, though `contact delete` refused them for that history
    ("has history (1 introduction)"). Namesakes are told apart; archived ones count."""
    for argv in (
        ("contact", "add", "Sam Lee", "--org", "Acme", "--introduced-by", "ana"),
        ("contact", "add", "Sam Lee", "--org", "Globex"),
        ("contact", "add", "Bo Chen", "--introduced-by", "ana"),
        ("contact", "archive", "bo"),
        ("contact", "add", "Lone Wolf"),
        ("contact", "add", "New Face", "--introduced-by", "lone"),
    ):
        assert book(*argv).code == 0, argv

    text = book("contact", "show", "ana").out.split("\n\n")[0].splitlines()
    shown = as_json(book("contact", "show", "ana", "--format", "json"))
    lone = book("contact", "show", "lone").out.split("\n\n")[0].splitlines()
    refused = book("contact", "delete", "lone")

    assert [re.sub(" {2,}", " | ", line) for line in text if line.startswith("introduced")] == [
        "introduced | Bo Chen, Raj Patel, Sam Lee (Acme)"
    ]
    assert shown["introduced"] == [
        {"id": 6, "name": "Bo Chen"},
        {"id": 2, "name": "Raj Patel"},
        {"id": 4, "name": "Sam Lee"},
    ]
    # the keys there were keep their meaning: "introduced_by" names the other way
    assert shown["contact"]["introduced_by"] is None
    assert lone == ["name        Lone Wolf", "met on      2026-11-27", "introduced  New Face"]
    assert refused.code == 2 and "(1 introduction)" in refused.err


def test_campaign_list_active_and_closed(book: Run) -> None:
    active = as_json(book("campaign", "list", "--format", "json"))["campaigns"]
    assert [(c["name"], c["stage"], c["opened_on"]) for c in active] == [
        ("Acme Platform Engineer", "applied", "2026-11-02")
    ]
    closed = as_json(book("campaign", "list", "--closed", "--format", "json"))["campaigns"]
    assert [(c["name"], c["stage"], c["stage_since"]) for c in closed] == [
        ("Globex Data Lead", "lost", "2026-11-20")
    ]
    assert "Globex" in book("campaign", "list", "--closed").out


def test_a_campaign_s_next_follow_up_is_the_earliest_pending_an_overdue_one_too(
    run: Run,
) -> None:
    """Only follow-ups due from today on counted: an overdue one (the next thing to do)
    was skipped for a later one, and a campaign whose only pending one is overdue said
    none, in the list, `campaign show` and its JSON, and on the Pipeline's card."""
    for argv in (
        ("contact", "add", "Ana López", "--org", "Acme"),
        ("campaign", "add", "Data Engineer", "--org", "Acme", "--on", "2026-11-01"),
        ("log", "@ana +data on:2026-11-10 fu:2026-11-20 ask about the team"),
        ("log", "#email @ana +data on:2026-11-10 fu:2026-12-10"),
    ):
        assert run(*argv).code == 0, argv
    (listed,) = as_json(run("campaign", "list", "--format", "json"))["campaigns"]
    assert listed["next_follow_up"] == "2026-11-20"
    shown = as_json(run("campaign", "show", "data", "--format", "json"))["campaign"]
    assert shown["next_follow_up"] == "2026-11-20"
    assert run("followup", "done", "ana", "--on", "2026-11-27").code == 0
    (listed,) = as_json(run("campaign", "list", "--format", "json"))["campaigns"]
    assert listed["next_follow_up"] is None  # both done: none pending


def test_campaign_show_lists_history_and_interactions(book: Run) -> None:
    shown = as_json(book("campaign", "show", "globex", "--format", "json"))
    assert [(h["from"], h["to"], h["on"]) for h in shown["history"]] == [
        (None, "research", "2026-11-03"),
        ("research", "lost", "2026-11-20"),
    ]
    assert shown["interactions"] == []
    text = book("campaign", "show", "acme").out
    assert "stage         applied since 2026-11-02" in text
    assert "Ana López" in text and "talked shop" in text


def test_campaign_show_says_none_of_every_empty_section(run: Run) -> None:
    """A campaign nobody is linked to left its Contacts out of the table, where the
    sections after it say "none"; the JSON keeps its empty list."""
    assert run("campaign", "add", "Eng", "--org", "Acme").code == 0
    text = run("campaign", "show", "eng").out
    sections = [part.splitlines()[0] for part in text.split("\n\n")[1:]]
    assert sections == [
        "Contacts: none",
        "History",
        "Interactions: none",
        "Referrals: none",
        "Time: none",
    ]
    shown = as_json(run("campaign", "show", "eng", "--format", "json"))
    assert shown["campaign"]["contacts"] == []


def test_show_has_every_field_the_record_holds(book: Run, run: Run) -> None:
    """What `campaign edit` and `contact edit` store is what `show` shows: a campaign's
    details and loss reason, a contact's cadence and strength history."""
    for argv in (
        ("campaign", "edit", "acme", "--location", "Berlin", "--compensation", "90k EUR",
         "--deadline", "2026-12-15", "--documents", "CV v3"),
        ("campaign", "undo", "globex"),  # lost with no reason: lost again, with one
        ("campaign", "move", "globex", "lost", "--reason", "withdrawn", "--on", "2026-11-21"),
        ("contact", "edit", "ana", "--strength", "5", "--every", "14"),
    ):  # fmt: skip
        assert run(*argv).code == 0, argv

    acme = as_json(book("campaign", "show", "acme", "--format", "json"))["campaign"]
    assert (acme["location"], acme["compensation"], acme["deadline"], acme["documents"]) == (
        "Berlin", "90k EUR", "2026-12-15", "CV v3"
    )  # fmt: skip
    text = book("campaign", "show", "acme").out
    assert "location      Berlin\ncompensation  90k EUR\ndeadline      2026-12-15\n" in text
    assert "documents     CV v3" in text
    globex = as_json(book("campaign", "show", "globex", "--format", "json"))
    assert globex["campaign"]["lost_reason"] == "withdrawn"
    assert [(h["to"], h["reason"]) for h in globex["history"]][-1] == ("lost", "withdrawn")
    assert "stage         lost since 2026-11-21\nlost reason   withdrawn\n" in (
        book("campaign", "show", "globex").out
    )
    closed = as_json(book("campaign", "list", "--closed", "--format", "json"))["campaigns"]
    assert [c["lost_reason"] for c in closed] == ["withdrawn"]

    ana = as_json(book("contact", "show", "ana", "--format", "json"))
    assert ana["contact"]["keep_in_touch"] == 14
    assert ana["strength_history"] == [
        {"id": 1, "on": "2026-10-01", "strength": 4},
        {"id": 2, "on": "2026-11-27", "strength": 5},
    ]
    text = book("contact", "show", "ana").out
    assert "keep in touch  every 14 days" in text
    assert "Strength\nfrom        strength\n2026-10-01  4/5\n2026-11-27  5/5\n" in text


def test_an_unset_size_band_is_null_in_json_as_the_other_enums(book: Run, run: Run) -> None:
    """`"size_band": ""` beside `"channel": null`: `select(.size_band == null)` found
    nobody. Unset, it is null in every read command's JSON; set, the band as spelled."""
    raj = as_json(book("contact", "show", "raj", "--format", "json"))["contact"]
    assert (raj["size_band"], raj["channel"]) == (None, None)
    listed = as_json(book("contact", "list", "--format", "json"))["contacts"]
    assert {c["size_band"] for c in listed} == {None}
    orgs = as_json(book("org", "list", "--format", "json"))["organizations"]
    assert [(o["name"], o["size_band"]) for o in orgs] == [("Acme", None), ("Globex", None)]
    assert run("org", "edit", "acme", "--size", "51-200").code == 0
    ana = as_json(book("contact", "show", "ana", "--format", "json"))["contact"]
    assert ana["size_band"] == "51-200"
    orgs = as_json(book("org", "list", "--format", "json"))["organizations"]
    assert [o["size_band"] for o in orgs] == ["51-200", None]


def test_the_tables_show_what_the_json_has(book: Run, run: Run) -> None:
    """`contact show` left out the size band and which campaign a referral was for,
    `campaign list --closed` why a campaign was lost (the scorecard's `unspecified`
    where no reason was given), and the agenda's JSON a going-cold contact's cadence."""
    for argv in (
        ("contact", "edit", "ana", "--size", "201-1000"),
        ("referral", "add", "--from", "ana", "--direction", "out", "--campaign", "acme",
         "--on", "2026-11-22", "--note", "put in a word"),
        ("campaign", "add", "Analyst", "--org", "Initech", "--on", "2026-11-04"),
        ("campaign", "move", "initech", "lost", "--reason", "hiring_freeze", "--on", "2026-11-21"),
        ("campaign", "add", "SRE", "--org", "Umbrella", "--on", "2026-11-05"),
        ("campaign", "move", "umbrella", "paused", "--on", "2026-11-22"),
        ("contact", "add", "Kim Cho", "--met", "2026-09-01", "--strength", "3", "--every", "20"),
        ("contact", "add", "Lee Park", "--met", "2026-09-01", "--strength", "3"),
    ):  # fmt: skip
        assert run(*argv).code == 0, argv
    text = book("contact", "show", "ana").out
    assert "organization  Acme\nsize band     201-1000\n" in text
    referrals = text.split("Referrals\n", 1)[1].splitlines()
    assert referrals == [  # as `referral list --with ana` and `campaign show` list them
        "id  on          direction  contact    campaign                note",
        "2   2026-11-22  out        Ana López  Acme Platform Engineer  put in a word",
        "1   2026-11-21  in         Ana López  —                       —",
    ]
    closed = book("campaign", "list", "--closed").out.splitlines()
    assert closed[0].split() == [
        "id", "organization", "title", "stage", "reason", "since", "source", "next", "follow-up"
    ]  # fmt: skip
    assert [line.split()[1:5] for line in closed[1:]] == [
        ["Globex", "Data", "Lead", "lost"],
        ["Initech", "Analyst", "lost", "hiring_freeze"],
        ["Umbrella", "SRE", "paused", "—"],
    ]
    assert closed[1].split()[5] == "unspecified"
    cold = as_json(book("agenda", "--format", "json"))["going_cold"]
    assert {r["name"]: r["keep_in_touch"] for r in cold} == {"Kim Cho": 20, "Lee Park": None}


def test_interaction_list_filters(book: Run) -> None:
    everything = as_json(book("interaction", "list", "--format", "json"))["interactions"]
    assert [i["on"] for i in everything] == ["2026-11-27", "2026-11-26", "2026-11-20"]
    with_ana = as_json(book("interaction", "list", "--with", "ana", "--format", "json"))
    assert [i["note"] for i in with_ana["interactions"]] == ["quick check", "talked shop"]
    on_acme = as_json(book("interaction", "list", "--campaign", "acme", "--format", "json"))
    assert [i["note"] for i in on_acme["interactions"]] == ["talked shop"]
    # A relative date right after --since (argparse would read -2d as an option).
    # -7d is the 20th (inclusive), -6d the 21st.
    week = as_json(book("interaction", "list", "--since", "-7d", "--format", "json"))
    assert [i["on"] for i in week["interactions"]] == ["2026-11-27", "2026-11-26", "2026-11-20"]
    recent = as_json(book("interaction", "list", "--since", "-6d", "--format", "json"))
    assert [i["on"] for i in recent["interactions"]] == ["2026-11-27", "2026-11-26"]
    today = as_json(book("interaction", "list", "--since", "today", "--format", "json"))
    assert [i["on"] for i in today["interactions"]] == ["2026-11-27"]


def test_followup_list_and_overdue(book: Run, run: Run) -> None:
    # Add an overdue one: due yesterday, not done.
    assert run("log", "#message @raj on:2026-11-24 fu:2026-11-26 ping").code == 0
    # Raj's email of the 26th (a later touch) closed the 24th's follow-up on the 26th: so
    # it is done, and only the deck's follow-up (due 2026-12-01) is pending.
    pending = as_json(book("followup", "list", "--format", "json"))["follow_ups"]
    assert [(f["due"], f["overdue"], f["contacts"][0]["name"]) for f in pending] == [
        ("2026-12-01", False, "Raj Patel")
    ]
    assert as_json(book("followup", "list", "--overdue", "--format", "json")) == {"follow_ups": []}
    assert book("followup", "list", "--overdue").out.strip() == "no overdue follow-ups"
    # A follow-up due before today with no later touch is overdue.
    assert run("contact", "add", "Lee Park").code == 0
    assert run("log", "#call @lee on:2026-11-23 fu:2026-11-25").code == 0
    overdue = as_json(book("followup", "list", "--overdue", "--format", "json"))["follow_ups"]
    assert [(f["due"], f["overdue"], f["contacts"][0]["name"]) for f in overdue] == [
        ("2026-11-25", True, "Lee Park")
    ]
    assert "2026-11-25 overdue  Lee Park" in book("followup", "list").out


def test_meaningful_is_the_flag_in_every_json_as_in_the_export(run: Run) -> None:
    """`interaction list --format json` said "meaningful": true for an unflagged call with
    something received, where `export json` said false: SPEC's key is the flag. What
    the scorecard counts is `counts_as_meaningful`, the same in every read."""
    for argv in (
        ("contact", "add", "Vic Hale"),
        ("campaign", "add", "Staff Engineer", "--org", "Initech"),
        ("log", "--with", "vic", "--kind", "call", "--campaign", "initech",
         "--value-received", "intro to their CTO"),
        ("log", "--with", "vic", "--kind", "email", "--meaningful"),
    ):  # fmt: skip
        assert run(*argv).code == 0, argv
    expected = [(False, True), (True, True)]  # (flag, counted) of the call, then the email
    listed = as_json(run("interaction", "list", "--format", "json"))["interactions"]
    by_kind = {i["kind"]: (i["meaningful"], i["counts_as_meaningful"]) for i in listed}
    assert [by_kind["call"], by_kind["email"]] == expected
    contact = as_json(run("contact", "show", "vic", "--format", "json"))["interactions"]
    assert sorted((i["meaningful"], i["counts_as_meaningful"]) for i in contact) == expected
    campaign = as_json(run("campaign", "show", "initech", "--format", "json"))["interactions"]
    assert [(i["meaningful"], i["counts_as_meaningful"]) for i in campaign] == [(False, True)]
    exported = as_json(run("export", "json", "--out", "-"))["interactions"]
    assert sorted(i["meaningful"] for i in exported) == [False, True]


def test_a_follow_up_closed_by_a_later_touch_reads_done_in_interaction_list(
    book: Run, run: Run
) -> None:
    """`followup list` knew Raj's follow-up of the 24th was done on the 26th (his email
    closed it); `interaction list` JSON said `"follow_up_done_on": null`."""
    assert run("log", "#message @raj on:2026-11-24 fu:2026-11-26 ping").code == 0
    listed = as_json(book("interaction", "list", "--format", "json"))["interactions"]
    (ping,) = [i for i in listed if i["note"] == "ping"]
    assert (ping["follow_up_on"], ping["follow_up_done_on"]) == ("2026-11-26", "2026-11-26")
    (deck,) = [i for i in listed if i["note"] == "sent the deck"]  # still pending
    assert (deck["follow_up_on"], deck["follow_up_done_on"]) == ("2026-12-01", None)


def test_followup_list_names_the_campaign_as_interaction_list_does(book: Run, run: Run) -> None:
    """It always said "campaign": null."""
    assert run("log", "#call @ana +acme fu:2026-12-02 next round").code == 0
    (due,) = [
        f
        for f in as_json(book("followup", "list", "--format", "json"))["follow_ups"]
        if f["due"] == "2026-12-02"
    ]
    (logged,) = [
        i
        for i in as_json(book("interaction", "list", "--format", "json"))["interactions"]
        if i["id"] == due["interaction_id"]
    ]
    assert due["campaign"] == logged["campaign"]
    assert due["campaign"]["name"] == "Acme Platform Engineer"
    undated = as_json(book("followup", "list", "--format", "json"))["follow_ups"]
    assert [f["campaign"] for f in undated if f["due"] == "2026-12-01"] == [None]


def test_every_follow_up_in_json_has_the_id_its_commands_take(run: Run) -> None:
    """Follow-ups were the only JSON records with no `id` (README: "an `id` on every
    record"): it is the interaction's, first, as the table's id column and `followup
    reopen` take it; `interaction_id` is kept (keys are only ever added)."""
    for argv in (
        ("contact", "add", "Ana"),
        ("log", "@ana on:2026-11-20 fu:2026-11-24 late"),
        ("log", "@ana #email on:2026-11-20 fu:today now"),
        ("log", "@ana #call on:2026-11-20 fu:2026-12-01 soon"),
    ):
        assert run(*argv).code == 0, argv
    listed = as_json(run("followup", "list", "--format", "json"))["follow_ups"]
    assert [(list(f)[:2], f["id"], f["interaction_id"], f["note"]) for f in listed] == [
        (["id", "interaction_id"], 1, 1, "late"),
        (["id", "interaction_id"], 2, 2, "now"),
        (["id", "interaction_id"], 3, 3, "soon"),
    ]
    agenda = as_json(run("agenda", "--format", "json"))
    assert [[f["id"] for f in agenda[key]] for key in ("overdue", "due_today", "upcoming")] == [
        [1],
        [2],
        [3],
    ]
    shown = as_json(run("contact", "show", "ana", "--format", "json"))
    assert [(f["id"], f["note"]) for f in shown["follow_ups"]] == [
        (1, "late"),
        (2, "now"),
        (3, "soon"),
    ]
    assert run("followup", "list").out.splitlines()[1].split()[0] == "1"


def test_agenda_matches_the_agenda_screen(book: Run) -> None:
    agenda = as_json(book("agenda", "--format", "json"))
    assert agenda["today"] == "2026-11-27"
    assert agenda["overdue"] == [] and agenda["due_today"] == []
    assert [f["due"] for f in agenda["upcoming"]] == ["2026-12-01"]
    # Today's entry, then the back-dated ones logged today (the book is all typed today).
    assert [(i["note"], i["on"], i["logged_on"]) for i in agenda["logged_today"]] == [
        ("quick check", "2026-11-27", "2026-11-27"),
        ("sent the deck", "2026-11-26", "2026-11-27"),
        ("talked shop", "2026-11-20", "2026-11-27"),
    ]
    # One active campaign, in `applied`: the early stages are empty.
    assert any("early stages" in w for w in agenda["warnings"])
    text = book("agenda").out
    # Due in the next 7 days (12-01), which is not "this week": the week ends on the 29th.
    assert text.startswith("Fri 27 Nov 2026: 0 overdue · 0 due today · 1 in 7 days")
    assert "Logged today" in text


def test_goal_list(book: Run) -> None:
    goals = as_json(book("goal", "list", "--format", "json"))["goals"]
    added = goals[-1]
    assert (added["metric"], added["target"], added["comparator"], added["period"]) == (
        "interviews",
        2,
        "at_least",
        "week",
    )
    assert added["note"] == "keep moving"
    assert "interviews" in book("goal", "list").out


def test_json_of_hostile_names_is_valid_and_terminal_safe(run: Run) -> None:
    name = "Eve\x1b[31m Red\x9b2J\u202e"
    assert run("contact", "add", name).code == 0
    result = run("contact", "list", "--format", "json")
    assert "\x1b" not in result.out and "\x9b" not in result.out and "\u202e" not in result.out
    assert json.loads(result.out)["contacts"][0]["name"] == name
    table = run("contact", "list").out
    assert "\x1b" not in table and "␛[31m" in table


def test_unknown_names_exit_2_with_one_line(book: Run) -> None:
    for argv in (
        ("contact", "show", "nobody"),
        ("campaign", "show", "nothing"),
        ("interaction", "list", "--with", "nobody"),
    ):
        result = book(*argv)
        assert result.code == 2, argv
        assert len(result.err.strip().splitlines()) == 1 and "Traceback" not in result.err


def test_agenda_keep_in_touch_and_deadlines(run: Run) -> None:
    """Friday 2026-11-27, the week ends Sunday 11-29. Cadences: Mia (every 14 days, met
    11-01, never touched) was due 11-15, 12 days ago; Kim (every 7, met 11-20) is due
    today; Sam (every 28, met 11-01) on Sunday; Lee (every 30, last call 11-01) only on
    12-01, after this week; Joe has no cadence. Deadlines: Acme's passed on 11-25 and it
    is still open; Globex's is 12-04, 7 days on; Hooli's 12-05 is 8 days on; Initech's
    11-28 does not count, the campaign is lost."""
    steps: tuple[tuple[str, ...], ...] = (
        ("contact", "add", "Mia Wong", "--met", "2026-11-01", "--every", "14"),
        ("contact", "add", "Kim Lee", "--met", "2026-11-20", "--every", "7"),
        ("contact", "add", "Sam Ode", "--met", "2026-11-01", "--every", "28"),
        ("contact", "add", "Lee Park", "--met", "2026-10-01", "--every", "30"),
        ("contact", "add", "Joe Bloggs", "--met", "2026-01-01"),
        ("log", "#call @park on:2026-11-01 catch-up"),
        ("campaign", "add", "Platform Engineer", "--org", "Acme", "--on", "2026-11-02",
         "--stage", "applied", "--deadline", "2026-11-25"),
        ("campaign", "add", "Data Lead", "--org", "Globex", "--on", "2026-11-03",
         "--deadline", "2026-12-04"),
        ("campaign", "add", "SRE", "--org", "Hooli", "--on", "2026-11-03",
         "--deadline", "2026-12-05"),
        ("campaign", "add", "Analyst", "--org", "Initech", "--on", "2026-11-03",
         "--deadline", "2026-11-28"),
        ("campaign", "move", "initech", "lost", "--on", "2026-11-20"),
    )  # fmt: skip
    for argv in steps:
        result = run(*argv)
        assert result.code == 0, (argv, result.err)
    agenda = as_json(run("agenda", "--format", "json"))
    touch = [
        (r["name"], r["keep_in_touch"], r["due"], r["days_overdue"])
        for r in agenda["keep_in_touch"]
    ]
    assert touch == [
        ("Mia Wong", 14, "2026-11-15", 12),
        ("Kim Lee", 7, "2026-11-27", 0),
        ("Sam Ode", 28, "2026-11-29", -2),
    ]
    assert [r["last_touch"] for r in agenda["keep_in_touch"]] == [None, None, None]
    deadlines = [
        (r["name"], r["stage"], r["deadline"], r["days_left"]) for r in agenda["deadlines"]
    ]
    assert deadlines == [
        ("Acme Platform Engineer", "applied", "2026-11-25", -2),
        ("Globex Data Lead", "research", "2026-12-04", 7),
    ]
    text = run("agenda").out
    assert "Keep in touch\nname      every  last touch  due         when\n" in text
    assert "Mia Wong  14d    —           2026-11-15  12d overdue\n" in text
    assert "Kim Lee   7d     —           2026-11-27  today\n" in text
    assert "Sam Ode   28d    —           2026-11-29  in 2d\n" in text
    assert "Deadlines\ncampaign                stage     deadline    when\n" in text
    assert "Acme Platform Engineer  applied   2026-11-25  2d past due\n" in text
    assert "Globex Data Lead        research  2026-12-04  in 7d\n" in text
    sections = {part.split("\n", 1)[0]: part for part in text.split("\n\n")}
    assert "Hooli" not in sections["Deadlines"] and "Initech" not in sections["Deadlines"]
    assert "Lee Park" not in sections["Keep in touch"]


def test_agenda_going_cold_shows_the_cadence_a_contact_is_listed_for(run: Run) -> None:
    """Kwame, every 21 days, is listed at 25 days idle, under the 30-day going-cold rule:
    the table showed "25" with nothing to explain it, as the scorecard and the Agenda
    screen do ("every 21d"). Marco, no cadence, is listed by the rule alone."""
    for argv in (
        ("contact", "add", "Kwame Mensah", "--strength", "3", "--every", "21"),
        ("contact", "add", "Marco Bianchi", "--strength", "4"),
        ("log", "#call @kwame on:2026-11-02"),
        ("log", "#call @marco on:2026-10-06"),
    ):
        assert run(*argv).code == 0, argv
    text = run("agenda").out
    cold = next(part for part in text.split("\n\n") if part.startswith("Going cold\n"))
    assert cold.splitlines()[1:] == [
        "name           strength  last touch  days  every",
        "Marco Bianchi  4         2026-10-06  52    —",
        "Kwame Mensah   3         2026-11-02  25    21d",
    ]
    agenda = as_json(run("agenda", "--format", "json"))
    assert [(r["name"], r["keep_in_touch"]) for r in agenda["going_cold"]] == [
        ("Marco Bianchi", None),
        ("Kwame Mensah", 21),
    ]


def test_agenda_with_no_cadence_and_no_deadline_says_so(run: Run) -> None:
    assert run("contact", "add", "Joe Bloggs").code == 0
    agenda = as_json(run("agenda", "--format", "json"))
    assert agenda["keep_in_touch"] == [] and agenda["deadlines"] == []
    text = run("agenda").out
    assert "Keep in touch: nobody due this week" in text
    assert "Deadlines: none in the next 7 days" in text


def test_a_table_row_stays_one_line_whatever_a_note_holds(run: Run) -> None:
    """A note's newline broke `interaction list` (and the timeline of `contact show`)
    into two rows; a C1 control was measured as one cell and printed as four."""
    assert run("contact", "add", "Ana López").code == 0
    assert run("log", "@ana first").code == 0
    assert run("interaction", "edit", "1", "--note", "first\nsecond \x9b end").code == 0

    listed = run("interaction", "list").out.splitlines()
    shown = run("contact", "show", "ana").out.splitlines()

    assert listed == [
        "id  on          kind   with       min  campaign  note",
        "1   2026-11-27  other  Ana López  —    —         first␊second \\x9b end",
    ]
    assert shown[-1] == listed[1]


def test_an_entry_dated_ahead_of_today_is_no_touch_yet(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Logged with a later "today", an entry dated Dec 20 made `contact list` say last
    touch 2026-12-20 where the agenda said 58 days overdue, and the follow-up it closes
    read done on a day still to come."""
    assert run("contact", "add", "Gil Gone", "--met", "2026-10-01", "--every", "10").code == 0
    assert run("log", "@gil on:2026-11-20 fu:2026-12-17 first").code == 0
    monkeypatch.setenv("NETRACK_TODAY", "2026-12-20")
    assert run("log", "@gil #call met again").code == 0
    monkeypatch.setenv("NETRACK_TODAY", "2026-11-27")
    (gil,) = as_json(run("contact", "list", "--format", "json"))["contacts"]
    assert gil["last_touch"] == "2026-11-20"
    listed = as_json(run("interaction", "list", "--format", "json"))["interactions"]
    assert [(i["note"], i["follow_up_done_on"]) for i in listed] == [
        ("met again", None),
        ("first", None),
    ]


def test_namesakes_are_told_apart_in_the_tables(run: Run) -> None:
    """The agenda printed "Ana López  3  2026-11-01  38" twice, and the follow-ups' and
    interactions' "with" columns named both alike."""
    for org in ("Acme Holdings", "Acme Services"):
        added = run("contact", "add", "Ana López", "--org", org, "--strength", "3",
                    "--met", "2026-09-01")  # fmt: skip
        assert added.code == 0
        logged = run("log", "--with", f"Ana López ({org})", "--on", "2026-10-01",
                     "--follow-up", "2026-11-20", "--note", org)  # fmt: skip
        assert logged.code == 0, logged.err
    agenda = run("agenda").out
    for org in ("Acme Holdings", "Acme Services"):
        assert agenda.count(f"Ana López ({org})") == 3  # follow-ups, going cold, logged today
        listed = run("interaction", "list").out
        assert f"Ana López ({org})  —    —         {org}" in listed
        assert f"Ana López ({org})" in run("followup", "list").out


def test_namesakes_are_told_apart_in_referrals_and_a_campaign_s_contacts(run: Run) -> None:
    """Two Sam Lees: `referral list`, `campaign show` and `campaign link` named "Sam Lee"
    alone, where `interaction list` said which (a sweep)."""
    for argv in (
        ("contact", "add", "Sam Lee", "--org", "Acme"),
        ("contact", "add", "Sam Lee", "--org", "Globex"),
        (
            "referral",
            "add",
            "--from",
            "Sam Lee (Globex)",
            "--direction",
            "in",
            "--on",
            "2026-11-20",
        ),
        ("campaign", "add", "Role", "--org", "Initech"),
    ):
        assert run(*argv).code == 0, argv
    linked = run("campaign", "link", "Role", "Sam Lee (Acme)", "--role", "referrer")
    assert linked.out == "linked Sam Lee (Acme) to Initech Role as referrer\n"
    assert run("campaign", "link", "Role", "Sam Lee (Globex)", "--role", "insider").code == 0
    assert "  in         Sam Lee (Globex)" in run("referral", "list").out
    shown = run("campaign", "show", "Role").out
    assert "Sam Lee (Acme)    referrer" in shown and "Sam Lee (Globex)  insider" in shown


def test_a_log_with_namesakes_says_which(run: Run) -> None:
    """ "logged call with Sam Lee, Sam Lee" said nobody which, and "closes follow-up with
    Sam Lee" which of the two (a sweep); one without a namesake stays short."""
    for argv in (
        ("contact", "add", "Sam Lee", "--org", "Acme", "--met", "2026-11-01"),
        ("contact", "add", "sam lee", "--org", "Globex", "--met", "2026-11-01"),
        ("contact", "add", "Ana"),
    ):
        assert run(*argv).code == 0, argv
    both = run("log", "--with", "Sam Lee (Acme)", "--with", "sam lee (Globex)", "--kind", "call",
               "--on", "2026-11-25", "--follow-up", "2026-12-01")  # fmt: skip
    assert both.out == (
        "logged call with Sam Lee (Acme), sam lee (Globex) on 2026-11-25 · follow up 2026-12-01\n"
    )
    ics = run("export", "ics", "--out", "-").out.replace("\r\n ", "")  # lines unfolded
    assert "SUMMARY:Follow up: Sam Lee (Acme)\\, sam lee (Globex)" in ics
    one = run("log", "@ana", "#email", "with", "news")
    assert one.out.startswith("logged email with Ana on 2026-11-27")
    closing = run("log", "--with", "sam lee (Globex)", "--kind", "email")
    assert closing.out.endswith(
        "closes follow-up with Sam Lee (Acme), sam lee (Globex) due 2026-12-01\n"
    )


def test_agenda_logged_today_lists_time_entries_and_referrals(run: Run) -> None:
    """`time add 2h` and `referral add` today left `0 logged today` and an empty list:
    each is a row of its own kind, counted in the header; the JSON's `logged_today`
    keeps its interactions and new keys list the others. Dated yesterday but typed
    today, each is too, after today's (schema 16: as a back-dated interaction)."""
    steps: tuple[tuple[str, ...], ...] = (
        ("campaign", "add", "Data Engineer", "--org", "Northwind"),
        ("contact", "add", "Sam Lee", "--org", "Acme"),
        ("time", "add", "2h", "--category", "search", "--note", "cover letter"),
        ("time", "add", "1h", "--category", "busywork", "--on", "yesterday"),
        ("referral", "add", "--from", "Sam Lee", "--direction", "in", "--campaign", "north"),
        ("referral", "add", "--from", "Sam Lee", "--direction", "out", "--on", "yesterday"),
        ("log", "@sam #call 30m intro chat"),
    )
    for argv in steps:
        result = run(*argv)
        assert result.code == 0, (argv, result.err)
    agenda = as_json(run("agenda", "--format", "json"))
    assert [i["note"] for i in agenda["logged_today"]] == ["intro chat"]
    assert [
        (e["on"], e["minutes"], e["category"], e["note"]) for e in agenda["time_logged_today"]
    ] == [("2026-11-27", 120, "search", "cover letter"), ("2026-11-26", 60, "busywork", "")]
    assert [
        (r["on"], r["direction"], r["contact"]["name"], (r["campaign"] or {}).get("name"))
        for r in agenda["referrals_logged_today"]
    ] == [
        ("2026-11-27", "in", "Sam Lee", "Northwind Data Engineer"),
        ("2026-11-26", "out", "Sam Lee", None),
    ]
    text = run("agenda").out
    assert text.startswith(
        "Fri 27 Nov 2026: 0 overdue · 0 due today · 0 in 7 days · 5 logged today"
    )
    logged = text.split("Logged today\n", 1)[1].splitlines()
    assert [re.split(r"\s{2,}", line)[:4] for line in logged[1:]] == [
        ["1", "2026-11-27", "call", "Sam Lee"],
        ["time 1", "2026-11-27", "time: search", "—"],
        ["time 2", "2026-11-26", "time: busywork", "—"],
        ["referral 1", "2026-11-27", "referral in", "Sam Lee"],
        ["referral 2", "2026-11-26", "referral out", "Sam Lee"],
    ]
    assert "cover letter" in logged[2] and "Northwind Data Engineer" in logged[4]


def test_agenda_logged_today_ids_say_whose_they_are(run: Run) -> None:
    """A time entry's and a referral's id stood bare in the interactions' id column:
    `interaction edit 1` then edited an unrelated interaction. Each is named with its
    kind; a day with nothing logged says so, as the other sections do."""
    assert run("agenda").out.endswith("\n\nLogged today: none\n")
    for argv in (
        ("contact", "add", "Sam Lee"),
        ("log", "@sam #call 30m intro chat"),
        ("log", "@sam #email thanks"),
        ("time", "add", "2h", "--category", "search"),
        ("referral", "add", "--from", "Sam Lee", "--direction", "out"),
    ):
        assert run(*argv).code == 0, argv
    logged = run("agenda").out.split("Logged today\n", 1)[1].splitlines()
    assert [line.split("  ")[0].strip() for line in logged] == [
        "id",
        "2",
        "1",
        "time 1",
        "referral 1",
    ]


def test_campaign_show_gives_every_loss_its_reason(run: Run) -> None:
    """Reopened, a campaign's earlier loss lost its reason in the table (the header's
    "lost reason" is the current loss's only), where the JSON and the TUI page gave it."""
    for argv in (
        ("campaign", "add", "SRE", "--org", "Gamma", "--on", "2026-11-10"),
        ("campaign", "move", "Gamma", "lost", "--reason", "hiring_freeze", "--note",
         "budget cut", "--on", "2026-11-20"),
        ("campaign", "move", "Gamma", "applied", "--on", "2026-11-25"),
    ):  # fmt: skip
        assert run(*argv).code == 0, argv
    history = run("campaign", "show", "Gamma").out.split("History\n")[1].splitlines()
    assert history[:4] == [
        "on          from      to        reason         note",
        "2026-11-10  —         research  —              opened",
        "2026-11-20  research  lost      hiring_freeze  budget cut",
        "2026-11-25  lost      applied   —              —",
    ]


def test_a_value_of_several_lines_lines_up_under_the_first(run: Run) -> None:
    """The second line of a contact's notes fell under the labels, at the start of the
    line, as if it were a field of its own; so did a campaign's notes and documents."""
    assert run("contact", "add", "Ana López", "--note", "first line\nsecond line").code == 0
    assert run("campaign", "add", "SRE", "--org", "Gamma", "--documents", "cv.pdf\nletter.pdf")
    assert run("campaign", "edit", "Gamma", "--note", "one\n\nthree").code == 0

    contact = run("contact", "show", "ana").out.split("\n\n")[0].splitlines()
    campaign = run("campaign", "show", "Gamma").out.split("\n\nContacts: none")[0].splitlines()

    assert contact[-2:] == ["notes   first line", "        second line"]
    assert campaign[-6:] == [
        "opened on     2026-11-27",
        "documents     cv.pdf",
        "              letter.pdf",
        "notes         one",
        "",  # a blank line of the notes: no trailing spaces
        "              three",
    ]
