"""Naming people from the shell (SPEC, Command line: NAME resolution; Domain: Contact):
`NAME (ORG)` everywhere a contact is named, candidates with their organization, `-`/`_`
for spaces in every NAME, duplicates refused, and what a log closes."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.cli.conftest import ADD_HINT, Run, sql

Dump = Callable[[Path], list[str]]


def ok(run: Run, *argv: str) -> str:
    result = run(*argv)
    assert result.code == 0, (argv, result.err)
    return result.out


def refused(run: Run, db: Path, dump: Dump, *argv: str) -> str:
    """Exit 2, one line on stderr, nothing written: the line."""
    before = dump(db)
    result = run(*argv)
    assert (result.code, result.out) == (2, ""), result
    assert result.err.count("\n") == 1 and result.err.startswith("netrack: ")
    assert dump(db) == before
    return result.err.strip().removeprefix("netrack: ")


def read(run: Run, *argv: str) -> Any:
    return json.loads(ok(run, *argv, "--format", "json"))


def contact(run: Run, name: str) -> Any:
    return read(run, "contact", "show", name)["contact"]


@pytest.fixture
def namesakes(run: Run) -> Run:
    ok(run, "contact", "add", "Ana López", "--org", "Acme", "--met", "2026-10-01")
    ok(run, "contact", "add", "Ana López", "--org", "Globex", "--met", "2026-10-01")
    ok(run, "contact", "add", "Raj Patel", "--met", "2026-10-01")
    return run


def test_a_duplicate_is_refused_and_a_namesake_is_not(run: Run, db: Path, dump: Dump) -> None:
    ok(run, "contact", "add", "Ana López", "--org", "Acme")
    for argv in (("Ana López", "--org", "Acme"), ("ana lopez", "--org", "ACMÉ")):
        assert refused(run, db, dump, "contact", "add", *argv) == (
            "Ana López at Acme is already a contact: same name and organization"
        )
    assert ok(run, "contact", "add", "Ana López", "--org", "Globex").strip() == (
        "added contact Ana López (Globex)"
    )
    assert refused(run, db, dump, "contact", "edit", "Ana López (Globex)", "--org", "acme") == (
        "Ana López at Acme is already a contact: same name and organization"
    )


def test_name_with_organization_everywhere(namesakes: Run, db: Path, dump: Dump) -> None:
    run = namesakes
    out = ok(run, "log", '#coffee @"Ana López (Globex)" 30m fu:2026-12-04')
    # Confirmed as it was named: "with Ana López" did not say which of the two.
    assert out.strip() == (
        "logged in person with Ana López (Globex) on 2026-11-27 · 30m · follow up 2026-12-04"
    )
    ok(run, "log", "--with", "ana lopez (acme)", "--with", "raj", "--on", "2026-11-20")
    ok(run, "referral", "add", "--from", "Ana López (Acme)", "--direction", "in")
    ok(run, "contact", "add", "Lee Park", "--introduced-by", "ana (glob)")
    ok(run, "contact", "edit", "Ana_López_(Acme)", "--title", "CTO")

    acme = contact(run, "Ana López (Acme)")
    globex = contact(run, "ana-lopez-(globex)")
    assert (acme["organization"]["name"], acme["title"]) == ("Acme", "CTO")
    assert globex["organization"]["name"] == "Globex" and globex["title"] == ""
    lee = contact(run, "lee")
    assert lee["introduced_by"] == {"id": 2, "name": "Ana López"}  # at Globex
    with_acme = read(run, "interaction", "list", "--with", "Ana López (Acme)")
    assert [i["on"] for i in with_acme["interactions"]] == ["2026-11-20"]

    assert ok(run, "contact", "archive", "Ana López (Acme)").startswith("archived Ana López")
    assert ok(run, "contact", "show", "ana lópez", "--format", "json")  # one left: no org needed
    ok(run, "contact", "unarchive", "Ana López (Acme)")
    ok(run, "contact", "add", "Ana Lopes", "--org", "Acme")
    assert ok(run, "contact", "merge", "Ana López (Acme)", "Ana Lopes (Acme)").startswith("merged")


def test_ambiguity_lists_organizations(namesakes: Run, db: Path, dump: Dump) -> None:
    words = "is ambiguous: Ana López (Acme); Ana López (Globex)"
    assert refused(namesakes, db, dump, "log", "@ana 10m") == f"contact 'ana' {words}"
    assert refused(namesakes, db, dump, "contact", "show", "Ana López").endswith(words)
    assert refused(namesakes, db, dump, "followup", "done", "ana_lopez").endswith(words)
    assert refused(namesakes, db, dump, "contact", "show", "Ana López (Initech)") == (
        f"no contact matches 'Ana López (Initech)'{ADD_HINT}"
    )


def test_candidates_whose_names_hold_commas_are_told_apart(run: Run, db: Path, dump: Dump) -> None:
    """Candidates were joined with ", ", which names hold: two campaigns read as four
    ("Helios Engineer, Data, Grid, Inc Engineer"). Every list of them is joined with "; "."""
    ok(run, "campaign", "add", "Engineer, Data", "--org", "Helios")
    ok(run, "campaign", "add", "Engineer", "--org", "Grid, Inc")
    ok(run, "contact", "add", "Lee, Pat")
    ok(run, "contact", "add", "Lee", "--org", "Pat, Co")
    ok(run, "org", "add", "Grid, Inc West")
    assert refused(run, db, dump, "campaign", "show", "eng") == (
        "campaign 'eng' is ambiguous: Helios Engineer, Data; Grid, Inc Engineer"
    )
    assert refused(run, db, dump, "contact", "show", "le") == (
        "contact 'le' is ambiguous: Lee, Pat; Lee (Pat, Co)"
    )
    assert refused(run, db, dump, "org", "edit", "grid", "--location", "Oslo") == (
        "organization 'grid' is ambiguous: Grid, Inc; Grid, Inc West"
    )
    for name in ("Kim, Lee", "Akim, Al", "Okim, Bo"):
        ok(run, "contact", "add", name)
    ok(run, "contact", "archive", "Kim, Lee")
    # An archived contact fits best: the active ones it passed over, listed so too.
    assert refused(run, db, dump, "log", "@kim 10m") == (
        "contact 'kim' best matches an archived contact (Kim, Lee is archived; unarchive "
        "them to name them again); other matches: Akim, Al; Okim, Bo"
    )
    assert refused(run, db, dump, "contact", "archive", "kim") == (
        "Kim, Lee is already archived; other matches: Akim, Al; Okim, Bo"
    )


def test_the_namesake_without_an_organization_is_name_parens(
    namesakes: Run, db: Path, dump: Dump
) -> None:
    run = namesakes
    ok(run, "contact", "add", "Ana López", "--met", "2026-10-01")  # no organization
    words = "is ambiguous: Ana López (Acme); Ana López (Globex); Ana López ()"
    assert refused(run, db, dump, "contact", "show", "Ana López").endswith(words)

    alone = contact(run, "Ana López ()")
    assert (alone["id"], alone["organization"]) == (4, None)
    assert contact(run, "ana lopez ( )")["id"] == 4
    ok(run, "log", '@"Ana López ()" 10m on:2026-11-20')
    ok(run, "contact", "edit", "ana_lopez_()", "--title", "Freelance")
    assert contact(run, "Ana López ()")["title"] == "Freelance"
    assert [
        i["on"] for i in read(run, "interaction", "list", "--with", "ana ()")["interactions"]
    ] == ["2026-11-20"]
    # "()" is a name without an organization: Raj has none; Zed has one.
    assert contact(run, "Raj ()")["name"] == "Raj Patel"
    ok(run, "contact", "add", "Zed", "--org", "Initech")
    assert (
        refused(run, db, dump, "contact", "show", "Zed ()")
        == f"no contact matches 'Zed ()'{ADD_HINT}"
    )


def test_twins_are_named_by_the_id_their_ambiguity_shows(run: Run, db: Path, dump: Dump) -> None:
    # A second application to the same role after a loss: two "Café Barista".
    ok(run, "campaign", "add", "Barista", "--org", "Café", "--on", "2026-11-02")
    ok(run, "campaign", "move", "barista", "lost", "--on", "2026-11-10")
    ok(run, "campaign", "add", "Barista", "--org", "Café", "--on", "2026-11-20")
    ok(run, "contact", "add", "Bo", "--met", "2026-10-01")
    assert refused(run, db, dump, "campaign", "show", "barista") == (
        "campaign 'barista' is ambiguous: Café Barista [id:1]; Café Barista [id:2]"
    )
    assert ok(run, "campaign", "move", "id:2", "applied").strip() == (
        "moved Café Barista [id:2]: research → applied"
    )
    ok(run, "log", "@bo +id:2 10m on:2026-11-21")
    shown = read(run, "campaign", "show", "ID: 2")
    assert (shown["campaign"]["stage"], len(shown["interactions"])) == ("applied", 1)
    assert read(run, "campaign", "show", "id:1")["campaign"]["stage"] == "lost"
    assert contact(run, "id:1")["name"] == "Bo"  # contacts too
    assert refused(run, db, dump, "campaign", "show", "id:7") == "no campaign with id 7"
    # A name that would read as an id is refused: it could never be named.
    assert refused(run, db, dump, "contact", "add", "ID:5") == (
        "name 'ID:5' would read as an id (id:N names by id)"
    )
    assert refused(run, db, dump, "log", "@id:9 hi") == "no contact with id 9"


def test_a_name_written_like_name_and_organization_is_offered_beside_that_person(
    run: Run, db: Path, dump: Dump
) -> None:
    """`contact delete "Sam Lee (Acme)"` deleted Sam Lee at Acme, where a contact is
    named "Sam Lee (Acme)" itself: both are exact matches, and both are offered. (Such a
    pair is refused now; an import or an older netrack may have made one.)"""
    ok(run, "contact", "add", "Sam Lee", "--org", "Acme", "--email", "sam@acme.example")
    ok(run, "contact", "add", "Sam Lee Later")
    sql(db, "UPDATE contact SET name = ? WHERE id = 2", ("Sam Lee (Acme)",))
    assert refused(run, db, dump, "contact", "delete", "Sam Lee (Acme)") == (
        "contact 'Sam Lee (Acme)' is ambiguous: Sam Lee (Acme); Sam Lee (Acme) ()"
    )
    # A parenthesis naming no organization there is no "()" ("Sam (he/him)").
    ok(run, "contact", "add", "Sam (he/him)")
    assert refused(run, db, dump, "contact", "show", "sam").endswith("; Sam (he/him)")
    # Against a name only begun ("Sam" for Sam Lee at Acme), the exact one wins.
    ok(run, "contact", "add", "Sam (Acme)")
    assert contact(run, "Sam (Acme)")["id"] == 4
    refused(run, db, dump, "contact", "edit", "sam lee (acme)", "--title", "Intern")
    assert "deleted contact Sam Lee (Acme)" in ok(run, "contact", "delete", "Sam Lee (Acme) ()")
    assert contact(run, "Sam Lee (Acme)")["email"] == "sam@acme.example"


def test_a_log_adds_no_organization_to_a_name_nobody_shares(namesakes: Run) -> None:
    """`log '@"Dr. Who (BBC)" hi'` said "with Dr. Who (BBC) ()": a "(" of the name's
    own, or an id (given for a quote in a name), read as telling them from a namesake."""
    run = namesakes
    ok(run, "contact", "add", "Dr. Who (BBC)")
    ok(run, "contact", "add", 'Pat "Bat" Smith')
    said = {
        '@"Dr. Who (BBC)" hi': "with Dr. Who (BBC) on",
        "@id:5 hi": 'with Pat "Bat" Smith on',
        '@"Raj ()" hi': "with Raj Patel on",
        # Among namesakes, the organization typed or the id tells which one.
        '@"ana (acme)" hi': "with Ana López (Acme) on",
        "@id:2 hi": "with Ana López (Globex) on",
    }
    for line, words in said.items():
        assert f"logged other {words} 2026-11-27" in ok(run, "log", line), line


def test_dashes_for_spaces_in_every_name(namesakes: Run) -> None:
    run = namesakes
    ok(run, "log", "--with", "raj-patel", "--on", "2026-11-20", "--follow-up", "2026-11-30")
    assert contact(run, "raj_patel")["name"] == "Raj Patel"
    listed = read(run, "interaction", "list", "--with", "Raj_Patel")["interactions"]
    assert len(listed) == 1
    assert ok(run, "followup", "done", "raj-patel").strip() == (
        "marked 1 follow-up with Raj Patel done"
    )
    # A real hyphen still matches: the text as typed is tried too.
    ok(run, "contact", "add", "Jean-Luc Picard")
    ok(run, "contact", "add", "Jean Luc Godard")
    assert contact(run, "jean-luc")["name"] == "Jean-Luc Picard"


def test_followup_done_names_the_contact(namesakes: Run, db: Path, dump: Dump) -> None:
    assert refused(namesakes, db, dump, "followup", "done", "raj") == (
        "no pending follow-ups with Raj Patel"
    )


def test_every_campaign_confirmation_says_which_twin(run: Run, db: Path, dump: Dump) -> None:
    """ "moved Acme Eng: research → target" of one of two "Acme Eng": which one? Each
    line names a twin as its ambiguity does, and a campaign no other shares by name."""
    assert ok(run, "campaign", "add", "Eng", "--org", "Acme", "--on", "2026-11-02").strip() == (
        "added campaign Acme Eng [research]"
    )
    assert ok(run, "campaign", "add", "Eng", "--org", "acme", "--on", "2026-11-03").strip() == (
        "added campaign Acme Eng [id:2] [research]"
    )
    ok(run, "contact", "add", "Sam Lee", "--met", "2026-10-01")
    twin = "Acme Eng [id:2]"
    said = [
        ok(run, *argv).strip()
        for argv in (
            ("campaign", "move", twin, "target"),
            ("campaign", "edit", twin, "--priority", "2"),
            ("campaign", "link", twin, "Sam Lee", "--role", "referrer"),
            ("campaign", "link", twin, "Sam Lee", "--role", "referrer"),
            ("campaign", "link", twin, "Sam Lee", "--role", "insider"),
            ("campaign", "unlink", twin, "Sam Lee"),
            ("campaign", "undo", twin),
        )
    ]
    assert said == [
        "moved Acme Eng [id:2]: research → target",
        "updated campaign Acme Eng [id:2]",
        "linked Sam Lee to Acme Eng [id:2] as referrer",
        "Sam Lee was referrer on Acme Eng [id:2] already: nothing changed",
        "Sam Lee is insider on Acme Eng [id:2] now, no longer referrer",
        "unlinked Sam Lee from Acme Eng [id:2]",
        "undid Acme Eng [id:2]'s move to target of 2026-11-27: back in research",
    ]
    ok(run, "campaign", "link", "id:1", "Sam Lee", "--role", "referrer")
    assert refused(run, db, dump, "campaign", "delete", "id:1") == (
        "Acme Eng [id:1] has history (1 contact link): move it to lost or paused to close it "
        "instead (or unlink its contacts first)"
    )
    # Named as the twin it was: once it is gone, the other shares its name with none.
    assert ok(run, "campaign", "delete", twin).strip() == "deleted campaign Acme Eng [id:2]"
    assert ok(run, "campaign", "move", "acme eng", "applied").strip() == (
        "moved Acme Eng: research → applied"
    )


def test_unlink_says_which_twin_and_which_namesake(namesakes: Run, db: Path, dump: Dump) -> None:
    """ "Ana López is not linked to Acme Eng" when one Ana López is linked to the other
    Acme Eng: the refusal names both as the confirmations do, and so does the unlink."""
    run = namesakes
    ok(run, "campaign", "add", "Eng", "--org", "Acme", "--on", "2026-11-02")
    ok(run, "campaign", "add", "Eng", "--org", "Acme", "--on", "2026-11-03")
    ok(run, "campaign", "link", "id:1", "Ana López (Globex)", "--role", "referrer")
    ok(run, "campaign", "link", "id:1", "Raj Patel", "--role", "insider")
    assert refused(run, db, dump, "campaign", "unlink", "id:2", "Ana López (Globex)") == (
        "Ana López (Globex) is not linked to Acme Eng [id:2]"
    )
    assert refused(run, db, dump, "campaign", "unlink", "id:2", "Raj Patel") == (
        "Raj Patel is not linked to Acme Eng [id:2]"
    )
    assert ok(run, "campaign", "unlink", "id:1", "Ana López (Globex)").strip() == (
        "unlinked Ana López (Globex) from Acme Eng [id:1]"
    )


def test_a_move_to_the_stage_it_is_in_says_which_twin(namesakes: Run, db: Path, dump: Dump) -> None:
    run = namesakes
    ok(run, "campaign", "add", "Eng", "--org", "Acme", "--on", "2026-11-02")
    ok(run, "campaign", "add", "Eng", "--org", "Acme", "--on", "2026-11-03")
    assert refused(run, db, dump, "campaign", "move", "id:2", "research") == (
        "Acme Eng [id:2] is already in research"
    )


def test_confirmations_say_which_namesake(namesakes: Run) -> None:
    """ "with Ana López done" of one of two Ana López: which one?"""
    run = namesakes
    ok(
        run,
        "log",
        "--with",
        "Ana López (Globex)",
        "--on",
        "2026-11-20",
        "--follow-up",
        "2026-11-30",
    )
    assert ok(run, "followup", "done", "Ana López (Globex)").strip() == (
        "marked 1 follow-up with Ana López (Globex) done"
    )
    assert ok(
        run, "referral", "add", "--from", "Ana López (Acme)", "--direction", "in"
    ).strip() == ("added referral in (from Ana López (Acme)) on 2026-11-27")
    assert ok(run, "referral", "add", "--from", "raj", "--direction", "out").strip() == (
        "added referral out (to Raj Patel) on 2026-11-27"
    )


def test_refusals_of_a_contact_edit_or_merge_say_which_namesake(
    run: Run, db: Path, dump: Dump
) -> None:
    """Beside Ana López at Acme, `contact edit "Ana Lopez ()" --strength 3 --on …` said
    "… before Ana Lopez was met", and `--introduced-by` herself "Ana Lopez cannot have
    introduced themselves": which one? Named as confirmations name them."""
    ok(run, "contact", "add", "Ana Lopez", "--met", "2026-11-20", "--note", "x" * 9990,
       "--email", "ana@home.example")  # fmt: skip
    ok(run, "contact", "add", "Ana López", "--org", "Acme", "--met", "2026-11-01")
    ok(run, "contact", "edit", "Ana López (Acme)", "--email", "ana@acme.example")
    assert refused(
        run, db, dump, "contact", "edit", "Ana Lopez ()", "--strength", "3", "--on", "2026-11-01"
    ) == (
        "strength change 2026-11-01 is before Ana Lopez () was met (2026-11-20): "
        "a strength is theirs from that day on"
    )
    assert refused(
        run, db, dump, "contact", "edit", "Ana Lopez ()", "--introduced-by", "Ana Lopez ()"
    ) == ("Ana Lopez () cannot have introduced themselves")
    ok(run, "contact", "edit", "Ana López (Acme)", "--strength", "4")
    assert refused(
        run,
        db,
        dump,
        "contact",
        "edit",
        "Ana López (Acme)",
        "--strength",
        "2",
        "--on",
        "2026-11-15",
    ) == (
        "2026-11-15 is before Ana López (Acme)'s latest strength change (2026-11-27, to 4): "
        "a change cannot be dated before it"
    )
    said = refused(run, db, dump, "contact", "merge", "Ana Lopez ()", "Ana López (Acme)")
    assert said.endswith("shorten Ana López (Acme)'s or the kept one's first"), said


def test_namesakes_apart_by_an_accent_or_its_encoding_are_named_with_their_organization(
    run: Run,
) -> None:
    """Names equal but for case and accents were namesakes to the quick log and the
    lists but not to the confirmations: "logged other with José Silva" of the José
    Silva typed with a combining accent, "merged José Silva into José Silva"."""
    ok(run, "contact", "add", "José Silva", "--org", "Acme")
    ok(run, "contact", "add", "Jose\u0301 Silva", "--org", "Beta")  # as macOS pastes it
    ok(run, "contact", "add", "Léna Roy", "--org", "Acme")
    ok(run, "contact", "add", "Lena Roy", "--org", "Beta")
    ok(run, "contact", "add", "Élise Dupont", "--org", "Acme")
    ok(run, "contact", "add", "élise dupont", "--org", "Beta")
    beta = "Jose\u0301 Silva (Beta)"
    said = [
        ok(run, "log", "--with", "José Silva (Beta)", "--follow-up", "+2d"),
        ok(run, "referral", "add", "--from", "José Silva (Beta)", "--direction", "in"),
        ok(run, "followup", "done", "José Silva (Beta)"),
        ok(run, "log", "--with", "Lena Roy (Beta)"),
        ok(run, "log", '@"élise dupont (Beta)" #call'),
    ]
    assert said == [
        f"logged other with {beta} on 2026-11-27 · follow up 2026-11-29\n",
        f"added referral in (from {beta}) on 2026-11-27\n",
        f"marked 1 follow-up with {beta} done\n",
        "logged other with Lena Roy (Beta) on 2026-11-27\n",
        "logged call with élise dupont (Beta) on 2026-11-27\n",
    ]
    merged = ok(run, "contact", "merge", "José Silva (Acme)", "José Silva (Beta)")
    assert merged.startswith(f"merged {beta} into José Silva (Acme) · ")
    # One José Silva left: named by the name alone again.
    assert ok(run, "log", "--with", "José Silva") == "logged other with José Silva on 2026-11-27\n"


def test_the_log_says_which_follow_ups_it_closes(namesakes: Run) -> None:
    run = namesakes
    ok(run, "campaign", "add", "Platform Team", "--org", "Acme", "--on", "2026-11-01")
    ok(run, "log", '@"Ana López (Acme)" @raj on:2026-11-20 fu:2026-12-01 intro')
    ok(run, "log", '@"Ana López (Globex)" on:2026-11-21 fu:2026-11-28')
    out = ok(run, "log", "@raj @ana_lopez_(globex) +acme #call 20m")
    assert out.strip() == (
        "logged call with Raj Patel, Ana López (Globex) on 2026-11-27 · 20m · for Acme "
        "Platform Team · closes follow-up with Ana López (Globex) due 2026-11-28"
        # which Ana: "Ana López, Raj Patel" named either (a sweep)
        " · closes follow-up with Ana López (Acme), Raj Patel due 2026-12-01"
    )
    ok(run, "contact", "add", "Lee Park", "--met", "2026-10-01")
    ok(run, "log", "@lee on:2026-11-21 fu:2026-12-02")
    out = ok(run, "log", "--with", "lee_park", "--kind", "email")
    assert out.strip() == (
        "logged email with Lee Park on 2026-11-27 · closes follow-up with Lee Park due 2026-12-02"
    )
    assert "closes" not in ok(run, "log", "--with", "Lee Park")


def test_namesakes_keep_their_order_after_an_edit(run: Run) -> None:
    """By name, then as added: PostgreSQL moved an edited row after its namesake."""
    ok(run, "contact", "add", "Bob", "--org", "X")
    ok(run, "contact", "add", "bob", "--org", "Y")
    ok(run, "campaign", "add", "Lead", "--org", "X")
    for who in ("Bob (X)", "bob (Y)"):
        ok(run, "campaign", "link", "lead", who, "--role", "insider")
    ok(run, "contact", "edit", "Bob (X)", "--title", "CTO")
    listed = [c["id"] for c in read(run, "contact", "list")["contacts"]]
    assert listed == [1, 2]
    linked = read(run, "campaign", "show", "lead")["campaign"]["contacts"]
    assert [link["id"] for link in linked] == [1, 2]


def test_an_organization_is_one_however_its_accents_are_encoded(
    run: Run, db: Path, dump: Dump
) -> None:
    ok(run, "org", "add", "Café")  # é as one character
    decomposed = "Cafe\u0301"  # e and a combining acute, as macOS pastes it
    assert refused(run, db, dump, "org", "add", decomposed) == "organization 'Café' already exists"
    ok(run, "campaign", "add", "Barista", "--org", decomposed.upper())
    ok(run, "contact", "add", "Bo", "--org", decomposed)
    orgs = {c["organization"]["name"] for c in read(run, "contact", "list")["contacts"]}
    assert orgs == {"Café"}
    assert read(run, "campaign", "list")["campaigns"][0]["organization"]["name"] == "Café"


def test_a_name_only_an_archived_contact_has_says_so(namesakes: Run, db: Path, dump: Dump) -> None:
    run = namesakes
    ok(run, "contact", "archive", "raj")
    hint = "no contact matches 'raj' (Raj Patel is archived; unarchive them to name them again)"
    assert refused(run, db, dump, "contact", "show", "raj") == hint
    assert refused(run, db, dump, "log", "@raj 10m") == hint
    assert refused(run, db, dump, "log", "--with", "raj") == hint
    # Nothing archived by that name: the plain line.
    assert refused(run, db, dump, "log", "@lee 10m") == f"no contact matches 'lee'{ADD_HINT}"
    ok(run, "contact", "unarchive", "raj")
    assert contact(run, "raj")["name"] == "Raj Patel"


def test_a_name_that_matches_nobody_names_who_is_near_or_how_to_add_one(
    run: Run, db: Path, dump: Dump
) -> None:
    """`log '#coffee @anna 45m'` with Ana López there said only "no contact matches
    'anna'", and `followup done bob` the same: no near name, no way forward. Now the
    closest names, folded as names compare (at most 3, namesakes by organization), or
    how to add one; nothing written."""
    ok(run, "contact", "add", "Ana López")
    assert refused(run, db, dump, "log", "#coffee @anna 45m") == (
        "no contact matches 'anna' (did you mean Ana López?)"
    )
    for argv in (("log", '@"ana lopes" 45m'), ("log", "@lopes"), ("contact", "show", "anna")):
        assert refused(run, db, dump, *argv).endswith("(did you mean Ana López?)"), argv
    assert (
        refused(run, db, dump, "followup", "done", "bob") == f"no contact matches 'bob'{ADD_HINT}"
    )
    for org in ("Acme", "Globex"):
        ok(run, "contact", "add", "Sam Lee", "--org", org)
    assert refused(run, db, dump, "log", "@samm") == (
        "no contact matches 'samm' (did you mean Sam Lee (Acme); Sam Lee (Globex)?)"
    )
    for name in ("Anna Berg", "Anne Ho", "Ann Kim"):
        ok(run, "contact", "add", name)
    near = refused(run, db, dump, "log", "@annah").removeprefix("no contact matches 'annah' ")
    assert near.startswith("(did you mean ") and near.count(";") == 2  # three, not four


def test_a_campaign_or_organization_that_matches_nothing_names_the_close_ones(
    run: Run, db: Path, dump: Dump
) -> None:
    """`+northwnd` or `org edit northwnd` said only "no campaign matches 'northwnd'": as a
    contact's, the close ones are named; nothing is added (a campaign or an organization
    is not made by a typo), and a name close to nothing is refused as before."""
    ok(run, "contact", "add", "Ana López")
    ok(run, "campaign", "add", "Staff Data Engineer", "--org", "Northwind Analytics")
    assert refused(run, db, dump, "log", "@ana +northwnd 30m").startswith(
        "no campaign matches 'northwnd' (did you mean Northwind Analytics Staff Data Engineer?)"
    )
    assert refused(run, db, dump, "org", "edit", "northwnd", "--location", "Oslo") == (
        "no organization matches 'northwnd' (did you mean Northwind Analytics?)"
    )
    assert refused(run, db, dump, "campaign", "show", "zzzz") == "no campaign matches 'zzzz'"


def test_a_campaign_title_with_a_typo_names_the_campaigns_so_titled(
    run: Run, db: Path, dump: Dump
) -> None:
    """`campaign show "Staff Data Enginer"` and `+"staff data enginer"` said only "no
    campaign matches": the text was compared with "Org Title" whole. The title alone is
    compared too, and each campaign offered, typed back, names that one (twins by id)."""
    ok(run, "contact", "add", "Ana López")
    ok(run, "campaign", "add", "Staff Data Engineer", "--org", "Northwind Analytics")
    ok(run, "campaign", "add", "Acme Eng", "--org", "Acme")
    ok(run, "campaign", "add", "Acme Eng", "--org", "Acme")
    near = "(did you mean Northwind Analytics Staff Data Engineer?)"
    said = refused(run, db, dump, "campaign", "show", "Staff Data Enginer")
    assert said == f"no campaign matches 'Staff Data Enginer' {near}"
    said = refused(run, db, dump, "log", '@ana +"staff data enginer" 30m')
    assert said.startswith(f"no campaign matches 'staff data enginer' {near}")
    said = refused(run, db, dump, "campaign", "show", "Acme Engg")
    offered = said.partition("(did you mean ")[2].removesuffix("?)").split("; ")
    assert offered == ["Acme Acme Eng [id:2]", "Acme Acme Eng [id:3]"]
    for campaign_id, name in enumerate(offered, start=2):
        assert read(run, "campaign", "show", name)["campaign"]["id"] == campaign_id, name
    assert read(run, "campaign", "show", "Northwind Analytics Staff Data Engineer")


def test_each_near_name_offered_names_that_one_typed_back(run: Run, db: Path, dump: Dump) -> None:
    """Beside Ana López at Acme and at Globex, `log @Ana-Lopzz` offered "Ana Lopez" for
    the one without an organization, and typed back it named all three; twin campaigns
    were offered once, as "Acme Eng". Each near name is offered as an ambiguity lists
    it, and typed back it names the one offered."""
    ok(run, "contact", "add", "Ana López", "--org", "Acme")
    ok(run, "contact", "add", "Ana López", "--org", "Globex")
    ok(run, "contact", "add", "Ana Lopez")
    ok(run, "campaign", "add", "Eng", "--org", "Acme")
    ok(run, "campaign", "add", "Eng", "--org", "Acme")
    said = refused(run, db, dump, "log", "@Ana-Lopzz 30m")
    assert said == (
        "no contact matches 'Ana-Lopzz' "
        "(did you mean Ana López (Acme); Ana López (Globex); Ana Lopez ()?)"
    )
    offered = said.partition("(did you mean ")[2].removesuffix("?)").split("; ")
    for contact_id, name in enumerate(offered, start=1):
        assert contact(run, name)["id"] == contact_id, name
        ok(run, "log", f'@"{name}" 30m')
        listed = read(run, "interaction", "list", "--with", f"id:{contact_id}")
        assert len(listed["interactions"]) == 1, name
    said = refused(run, db, dump, "log", "@id:1 +acme-enh 30m")
    assert said.startswith("no campaign matches 'acme-enh' (did you mean ")
    offered = said.partition("(did you mean ")[2].partition("?)")[0].split("; ")
    assert offered == ["Acme Eng [id:1]", "Acme Eng [id:2]"]
    for campaign_id, name in enumerate(offered, start=1):
        assert read(run, "campaign", "show", name)["campaign"]["id"] == campaign_id, name


def test_an_archived_contacts_history_is_read_by_its_id(
    namesakes: Run, db: Path, dump: Dump
) -> None:
    """`contact list --archived` showed id 3, then `contact show id:3` said "no contact
    with id 3": the history kept was unreadable. A read takes the archived contact by
    that id; a name still leaves them out, and a write refuses the id in true words."""
    run = namesakes
    ok(run, "log", "@raj #call 20m on:2026-11-20 catch-up")
    ok(run, "referral", "add", "--from", "raj", "--direction", "in", "--on", "2026-11-21")
    ok(run, "contact", "archive", "raj")
    (archived,) = read(run, "contact", "list", "--archived")["contacts"]
    assert (archived["id"], archived["name"]) == (3, "Raj Patel")

    shown = read(run, "contact", "show", "id:3")
    assert (shown["contact"]["name"], shown["contact"]["archived"]) == ("Raj Patel", True)
    assert [i["note"] for i in shown["interactions"]] == ["catch-up"]
    listed = read(run, "interaction", "list", "--with", "id:3")["interactions"]
    assert [(i["on"], i["note"]) for i in listed] == [("2026-11-20", "catch-up")]
    referred = read(run, "referral", "list", "--with", "id:3")["referrals"]
    assert [(r["on"], r["contact"]["name"]) for r in referred] == [("2026-11-21", "Raj Patel")]
    hint = "no contact matches 'raj' (Raj Patel is archived; unarchive them to name them again)"
    assert refused(run, db, dump, "contact", "show", "raj") == hint

    archived_line = "contact 3, Raj Patel, is archived; unarchive them to name them again"
    for argv in (
        ("log", "@id:3 10m"),
        ("log", "--with", "id:3"),
        ("contact", "edit", "id:3", "--title", "CTO"),
        ("referral", "add", "--from", "id:3", "--direction", "out"),
    ):
        assert refused(run, db, dump, *argv) == archived_line, argv
    assert refused(run, db, dump, "contact", "show", "id:9") == "no contact with id 9"


def test_an_archived_namesake_named_by_id_is_refused_with_their_organization(
    namesakes: Run, db: Path, dump: Dump
) -> None:
    """`contact merge "Ana López (Globex)" id:1`, the Ana López at Acme archived, said
    "contact 1 (Ana López) is archived": which of the two went unsaid."""
    run = namesakes
    ok(run, "contact", "archive", "Ana López (Acme)")
    assert refused(run, db, dump, "contact", "merge", "Ana López", "id:1") == (
        "contact 1, Ana López (Acme), is archived; unarchive them to name them again"
    )


def test_characters_nobody_sees_make_no_second_person_or_organization(
    run: Run, db: Path, dump: Dump
) -> None:
    ok(run, "contact", "add", "Ana López", "--org", "Northwind")
    assert refused(
        run, db, dump, "contact", "add", "Ana L\u00f3pez\u200b", "--org", "North\ufeffwind"
    ) == ("Ana López at Northwind is already a contact: same name and organization")
    assert refused(run, db, dump, "org", "add", "\u2060Northwind") == (
        "organization 'Northwind' already exists"
    )
    # Where one is stored, it shows, never hidden: a look-alike is seen as one.
    ok(run, "contact", "add", "Zero\u200bWidth")
    assert "Zero\\u200bWidth" in ok(run, "contact", "list")
    assert contact(run, "zerowidth")["name"] == "Zero\u200bWidth"  # typed without it


def test_the_namesake_without_an_organization_is_confirmed_as_name_parens(run: Run) -> None:
    """It was confirmed by its bare name, the very name the log refuses as ambiguous."""
    assert run("contact", "add", "Bob (Robert) Smith", "--org", "Acme").code == 0
    assert run("contact", "add", "Bob (Robert) Smith").code == 0
    logged = run("log", '@"Bob (Robert) Smith ()" hi')
    assert logged.out == "logged other with Bob (Robert) Smith () on 2026-11-27\n"


def test_letters_with_a_stroke_fold_as_keyboards_type_them(run: Run) -> None:
    """`contact show oystein` found nobody, and Øystein and Łukasz sorted after Z."""
    for name in ("Zoe Plain", "Øystein Berg", "Łukasz Nowak", "Ærle Dane", "Oscar Wilde"):
        ok(run, "contact", "add", name)
    assert contact(run, "oystein")["name"] == "Øystein Berg"
    assert contact(run, "lukasz")["name"] == "Łukasz Nowak"
    assert contact(run, "aerle")["name"] == "Ærle Dane"
    listed = [c["name"] for c in read(run, "contact", "list")["contacts"]]
    assert listed == ["Ærle Dane", "Łukasz Nowak", "Oscar Wilde", "Øystein Berg", "Zoe Plain"]
    ok(run, "contact", "add", "Ŀuis Pou")  # Catalan: Ŀ is L and a middle dot
    assert contact(run, "luis")["name"] == "Ŀuis Pou"


def test_other_scripts_keep_every_letter_when_names_compare(run: Run, db: Path, dump: Dump) -> None:
    """Folding dropped every combining mark: ダン was refused as a duplicate of タン,
    `--with 박민수` (nobody) logged with 박민숙 and `@이` with 임지수 (Hangul split into
    its letters), परिया was a duplicate of प्रिया (the virama dropped)."""
    for name, org in (("박민숙", "Acme"), ("임지수", "Beta"), ("タン", "Acme"), ("ダン", "Acme")):
        assert ok(run, "contact", "add", name, "--org", org) == f"added contact {name} ({org})\n"
    assert refused(run, db, dump, "log", "--with", "박민수", "--kind", "call") == (
        f"no contact matches '박민수'{ADD_HINT}"
    )
    assert refused(run, db, dump, "log", "@이 #call") == f"no contact matches '이'{ADD_HINT}"
    assert ok(run, "log", "--with", "ダン (Acme)") == "logged other with ダン on 2026-11-27\n"
    assert ok(run, "log", "@박민 #call") == "logged call with 박민숙 on 2026-11-27\n"
    ok(run, "contact", "add", "प्रिया")
    assert ok(run, "contact", "add", "परिया") == "added contact परिया\n"
    filtered = read(run, "contact", "list", "--filter", "परि")["contacts"]
    assert [c["name"] for c in filtered] == ["परिया"]
    kinds = {
        name: [i["kind"] for i in read(run, "contact", "show", name)["interactions"]]
        for name in ("タン", "ダン", "박민숙", "임지수")
    }
    assert kinds == {"タン": [], "ダン": ["other"], "박민숙": ["call"], "임지수": []}


def test_campaigns_and_their_people_sort_as_names_compare(run: Run) -> None:
    """`campaign list` sorted by case alone (Ærø and Łódź after Zeta), and a campaign's
    people by bytes ("anna small" after "Zed Young")."""
    for org in ("Ærø Labs", "Aalto Oy", "Łódź Tech", "Zeta", "Lambda"):
        ok(run, "campaign", "add", "Dev", "--org", org)
    listed = [c["organization"]["name"] for c in read(run, "campaign", "list")["campaigns"]]
    assert listed == ["Aalto Oy", "Ærø Labs", "Lambda", "Łódź Tech", "Zeta"]
    for name in ("Zed Young", "anna small", "Øystein Berg", "Bob"):
        ok(run, "contact", "add", name)
        ok(run, "campaign", "link", "Zeta Dev", name, "--role", "insider")
    people = [c["name"] for c in read(run, "campaign", "show", "Zeta Dev")["campaign"]["contacts"]]
    assert people == ["anna small", "Bob", "Øystein Berg", "Zed Young"]


def test_none_clears_an_organization_or_an_introducer_and_no_campaign_is_at_none(
    run: Run, db: Path, dump: Dump
) -> None:
    """`--org none` made an organization named "none" (and `org:none` then missed the
    contact), where `--campaign none` and `--every none` clear."""
    ok(run, "contact", "add", "Ana", "--org", "Acme")
    ok(run, "contact", "add", "Bo", "--introduced-by", "Ana", "--org", "None")
    assert contact(run, "bo")["organization"] is None
    assert ok(run, "contact", "edit", "ana", "--org", "none").strip() == "updated contact Ana"
    ok(run, "contact", "edit", "bo", "--introduced-by", "NONE")
    assert (contact(run, "ana")["organization"], contact(run, "bo")["introduced_by"]) == (
        None,
        None,
    )
    listed = read(run, "contact", "list", "--filter", "org:none")["contacts"]
    assert sorted(c["name"] for c in listed) == ["Ana", "Bo"]
    assert "none" not in ok(run, "org", "list").lower()
    said = "a campaign belongs to an organization: --org names it (none is not one)"
    assert refused(run, db, dump, "campaign", "add", "Job", "--org", "none") == said
    ok(run, "campaign", "add", "Job", "--org", "Acme")
    assert refused(run, db, dump, "campaign", "edit", "job", "--org", " None ") == said


def test_a_strength_added_with_the_contact_moves_with_the_day_they_were_met(
    run: Run, db: Path, dump: Dump
) -> None:
    """Added today (met_on's default) with a strength, then met "in January": the
    strength dated today left January's cards without it (not going cold, no quality),
    where a contact added as met in January had it all along."""
    ok(run, "contact", "add", "Zed", "--strength", "4")
    ok(run, "contact", "edit", "zed", "--met", "2026-01-05")
    ok(run, "contact", "add", "Yan", "--strength", "4", "--met", "2026-01-05")
    ok(run, "log", "--with", "Zed", "--with", "Yan", "--on", "2026-01-20")
    history = read(run, "contact", "show", "zed")["strength_history"]
    assert [(h["on"], h["strength"]) for h in history] == [("2026-01-05", 4)]
    card = read(run, "scorecard", "--week", "2026-W08")
    assert sorted(c["name"] for c in card["going_cold"]) == ["Yan", "Zed"]
    # A change since stays where it is: only the first entry follows met_on.
    ok(run, "contact", "edit", "zed", "--strength", "2")
    ok(run, "contact", "edit", "zed", "--met", "2026-01-02")
    history = read(run, "contact", "show", "zed")["strength_history"]
    assert [(h["on"], h["strength"]) for h in history] == [("2026-01-02", 4), ("2026-11-27", 2)]


def test_every_name_an_ambiguity_lists_can_be_typed_back(run: Run, db: Path, dump: Dump) -> None:
    """Beside Sam Lee at Acme Corp, "Sam Lee (Acme)" (no organization) was listed as
    typed, and typed back it was ambiguous again: it reads "Sam Lee (Acme) ()"."""
    ok(run, "contact", "add", "Sam Lee", "--org", "Acme Corp")
    ok(run, "contact", "add", "Sam Lee (Acme)")
    ok(run, "contact", "add", "Sam (he/him)")
    said = refused(run, db, dump, "contact", "show", "sam")
    assert (
        said == "contact 'sam' is ambiguous: Sam Lee (Acme Corp); Sam Lee (Acme) (); Sam (he/him)"
    )
    for typed, name in (
        ("Sam Lee (Acme Corp)", "Sam Lee"),
        ("Sam Lee (Acme) ()", "Sam Lee (Acme)"),
        ("Sam (he/him)", "Sam (he/him)"),
    ):
        assert contact(run, typed)["name"] == name


def test_a_namesake_left_out_of_an_ambiguity_still_gets_its_parens(
    run: Run, db: Path, dump: Dump
) -> None:
    """`ana ()` keeps only those without an organization, so Ana López at Acme was not
    among the candidates, and the Ana López without one was listed bare: typed back, that
    name was ambiguous again. A namesake anywhere makes it "Ana López ()"."""
    ok(run, "contact", "add", "Ana López", "--org", "Acme")
    ok(run, "contact", "add", "Ana López")
    ok(run, "contact", "add", "Anand Rao")
    assert refused(run, db, dump, "contact", "show", "ana ()") == (
        "contact 'ana ()' is ambiguous: Ana López (); Anand Rao"
    )
    assert contact(run, "Ana López ()")["id"] == 2
    assert contact(run, "Anand Rao")["id"] == 3


def test_a_name_that_reads_as_another_contact_s_name_and_organization_is_refused(
    run: Run,
) -> None:
    """ "Sam Lee (Acme)" without an organization is how Sam Lee of Acme is named: both
    were taken, said "added contact Sam Lee (Acme)" alike, and each made the other
    ambiguous wherever a name is read. Either way round, the second is refused."""
    assert run("contact", "add", "Sam Lee (Acme)").code == 0
    refused = run("contact", "add", "Sam Lee", "--org", "ACME")
    assert (refused.code, refused.err) == (
        2,
        "netrack: Sam Lee (ACME) would name two contacts: Sam Lee (Acme), without an "
        "organization, is named so already; choose another name\n",
    )
    assert run("contact", "add", "Sam Lee", "--org", "Globex").code == 0
    moved = run("contact", "edit", "sam lee (globex)", "--org", "Acme")
    assert moved.code == 2 and "would name two contacts" in moved.err
    assert run("contact", "add", "Ana López", "--org", "Acme").code == 0
    renamed = run("contact", "add", "Ana Lopez (acme)")
    assert (renamed.code, renamed.err) == (
        2,
        "netrack: Ana Lopez (acme) would name two contacts: Ana López at Acme is named so "
        "already; choose another name\n",
    )
    assert run("contact", "add", "Jane Roe (she/her)").code == 0  # as LinkedIn names people
    shown = json.loads(run("contact", "list", "--format", "json").out)
    assert sorted(c["name"] for c in shown["contacts"]) == [
        "Ana López", "Jane Roe (she/her)", "Sam Lee", "Sam Lee (Acme)",
    ]  # fmt: skip


def test_no_rename_merge_or_import_makes_a_name_read_as_another_contact(
    run: Run, db: Path, dump: Dump, tmp_path: Path
) -> None:
    """`contact add` refused "Sam Lee (Acme)" beside Sam Lee of Acme, but renaming Beta
    to Acme, merging Beta into Acme, or importing "Sam Lee (Gamma)" from a vCard, a
    LinkedIn export or a JSON file made exactly that pair, and "Sam Lee (Acme)" then
    named nobody: a rename or merge is refused, an imported record is skipped."""
    ok(run, "contact", "add", "Sam Lee (Acme)")
    ok(run, "contact", "add", "Sam Lee", "--org", "Beta")
    ok(run, "contact", "add", "Sam Lee", "--org", "Gamma")
    clash = (
        "Sam Lee (Acme) would name two contacts: Sam Lee (Acme), without an organization, "
        "is named so already; rename one of them first"
    )
    assert refused(run, db, dump, "org", "edit", "Beta", "--name", "ACME") == (
        f"cannot rename Beta to ACME: {clash.replace('(Acme) would', '(ACME) would')}"
    )
    ok(run, "org", "add", "Acme")
    assert refused(run, db, dump, "org", "merge", "Acme", "Beta") == f"cannot merge: {clash}"
    if isinstance(db, Path):  # a refused merge leaves no backup behind either
        assert not (db.parent / "backups").exists()
    assert ok(run, "org", "edit", "Beta", "--name", "BETA") == "updated organization BETA\n"

    vcard = tmp_path / "sam.vcf"
    vcard.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Sam Lee (Gamma)\r\nEND:VCARD\r\n")
    linkedin = tmp_path / "Connections.csv"
    linkedin.write_text(
        "First Name,Last Name,Email Address,Company,Position,Connected On\n"
        'Sam,Lee (Gamma),,,,"1/8/18, 6:14 PM"\n'
    )
    own = tmp_path / "own.json"
    ok(run, "export", "json", "--out", str(own))
    document = json.loads(own.read_text())  # an export, its one new contact in place
    (record,) = (c for c in document["contacts"] if c["organization"] == "Gamma")
    del record["uid"]  # a new contact's record, not Sam Lee of Gamma's (schema 13)
    document["contacts"] = [{**record, "name": "Sam Lee (Gamma)", "organization": None}]
    own.write_text(json.dumps(document))
    reason = (
        "Sam Lee (Gamma) would name two contacts: Sam Lee at Gamma is named so already; "
        "choose another name"
    )
    before = dump(db)
    for kind, path in (("vcard", vcard), ("linkedin", linkedin), ("json", own)):
        said = ok(run, "import", kind, str(path))
        assert "contacts: 0 added, 0 updated, 1 skipped" in said and reason in said, said
    assert dump(db) == before
    listed = read(run, "contact", "list")["contacts"]
    assert sorted((c["name"], (c["organization"] or {}).get("name")) for c in listed) == [
        ("Sam Lee", "BETA"), ("Sam Lee", "Gamma"), ("Sam Lee (Acme)", None),
    ]  # fmt: skip


def test_no_import_fills_a_blank_organization_into_another_contact_s_name(
    run: Run, db: Path, dump: Dump, tmp_path: Path
) -> None:
    """A vCard, LinkedIn or JSON record of Sam Lee at Acme, matched by its email to the
    Sam Lee without an organization, filled in Acme beside another Sam Lee of Acme (or a
    "Sam Lee (Acme)"): two contacts then had one name. The contact stays without an
    organization, takes the record's other blanks, and the summary says why."""
    vcard = tmp_path / "sam.vcf"
    vcard.write_text(
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Sam Lee\r\nORG:Acme\r\nTITLE:CTO\r\n"
        "EMAIL:sam@x.com\r\nEND:VCARD\r\n"
    )
    linkedin = tmp_path / "Connections.csv"
    linkedin.write_text(
        "First Name,Last Name,Email Address,Company,Position,Connected On\n"
        'Sam,Lee,sam@x.com,Acme,CTO,"1/8/18, 6:14 PM"\n'
    )
    own = tmp_path / "own.json"
    ok(run, "contact", "add", "Sam Lee", "--org", "Acme", "--email", "sam@x.com")
    ok(run, "export", "json", "--out", str(own))
    document = json.loads(own.read_text())
    document["contacts"][0]["title"] = "CTO"
    own.write_text(json.dumps(document))
    ok(run, "contact", "delete", "Sam Lee")
    ok(run, "contact", "add", "Sam Lee", "--email", "sam@x.com")
    blank = contact(run, "Sam Lee")["id"]
    for twin, at in (("Sam Lee", "Acme"), ("Sam Lee (Acme)", None)):
        ok(run, "contact", "add", twin, *(("--org", at) if at else ()))
        other = contact(run, "Sam Lee (Acme)")["id"]
        kept = f"kept without an organization: Sam Lee (Acme) would name contact {other} too"
        for kind, path in (("vcard", vcard), ("linkedin", linkedin), ("json", own)):
            ok(run, "contact", "edit", f"id:{blank}", "--title", "")
            said = ok(run, "import", kind, str(path))
            assert "contacts: 0 added, 1 updated, 0 skipped; " + kept in said, (kind, said)
            listed = read(run, "contact", "list")["contacts"]
            assert {
                c["id"]: (c["name"], (c["organization"] or {}).get("name")) for c in listed
            } == {
                blank: ("Sam Lee", None),
                other: (twin, at),
            }
            assert contact(run, f"id:{blank}")["title"] == "CTO"
        before = dump(db)
        assert "0 updated, 1 skipped (already in netrack: 1); " + kept in ok(
            run, "import", "vcard", str(vcard)
        )
        assert dump(db) == before
        ok(run, "contact", "delete", f"id:{other}")


def test_a_name_that_reads_as_another_s_is_refused_whatever_its_own_organization(
    run: Run, db: Path, dump: Dump, tmp_path: Path
) -> None:
    """ "Sam Lee (Beta)" of Acme made Sam Lee of Beta unnameable: renaming Gamma to Beta
    was accepted, and `@"Sam Lee (Beta)"` then offered both. Only a "Sam Lee (Beta)"
    without an organization was checked; the resolver reads the words so whatever the
    contact's own organization."""
    ok(run, "contact", "add", "Sam Lee (Beta)", "--org", "Acme")
    ok(run, "contact", "add", "Sam Lee", "--org", "Gamma")
    clash = (
        "Sam Lee (Beta) would name two contacts: Sam Lee (Beta) at Acme is named so "
        "already; rename one of them first"
    )
    assert refused(run, db, dump, "org", "edit", "Gamma", "--name", "Beta") == (
        f"cannot rename Gamma to Beta: {clash}"
    )
    ok(run, "org", "add", "Beta")
    assert refused(run, db, dump, "org", "merge", "Beta", "Gamma") == f"cannot merge: {clash}"
    assert refused(run, db, dump, "contact", "edit", "Sam Lee", "--org", "beta") == (
        "Sam Lee (Beta) would name two contacts: Sam Lee (Beta) at Acme is named so "
        "already; choose another name"
    )
    assert refused(run, db, dump, "contact", "add", "Sam Lee", "--org", "Beta") == (
        "Sam Lee (Beta) would name two contacts: Sam Lee (Beta) at Acme is named so "
        "already; choose another name"
    )
    ok(run, "contact", "delete", "Sam Lee (Beta) (Acme)")
    ok(run, "contact", "edit", "Sam Lee", "--org", "Beta")
    assert refused(run, db, dump, "contact", "add", "Sam Lee (Beta)", "--org", "Acme") == (
        "Sam Lee (Beta) (Acme) would name two contacts: Sam Lee at Beta is named so "
        "already; choose another name"
    )
    vcard = tmp_path / "sam.vcf"
    vcard.write_text("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Sam Lee (Beta)\r\nORG:Acme\r\nEND:VCARD\r\n")
    before = dump(db)
    said = ok(run, "import", "vcard", str(vcard))
    assert "contacts: 0 added, 0 updated, 1 skipped" in said, said
    assert "Sam Lee (Beta) (Acme) would name two contacts: Sam Lee at Beta" in said, said
    assert dump(db) == before
    assert contact(run, "Sam Lee (Beta)")["organization"]["name"] == "Beta"


def test_a_candidate_whose_organization_has_parentheses_or_a_twin_id_is_typed_back(
    run: Run, db: Path, dump: Dump
) -> None:
    """ "Ana López (Acme (EU))" and "Acme Eng [id:1]" were listed as candidates, and
    typed back matched nobody: an organization's own parentheses ended the name, and the
    id a twin is listed with was read as part of its name."""
    ok(run, "contact", "add", "Ana López", "--org", "Acme (EU)")
    ok(run, "contact", "add", "Ana López", "--org", "Beta")
    assert refused(run, db, dump, "contact", "show", "Ana López").endswith(
        "is ambiguous: Ana López (Acme (EU)); Ana López (Beta)"
    )
    assert contact(run, "Ana López (Acme (EU))")["id"] == 1
    assert contact(run, "ana_lopez_(acme_(eu))")["id"] == 1
    assert contact(run, "Ana López (Beta)")["id"] == 2
    ok(run, "campaign", "add", "Eng", "--org", "Acme")
    ok(run, "campaign", "add", "Eng", "--org", "Acme")
    assert refused(run, db, dump, "campaign", "show", "eng").endswith(
        "is ambiguous: Acme Eng [id:1]; Acme Eng [id:2]"
    )
    assert read(run, "campaign", "show", "Acme Eng [id:2]")["campaign"]["id"] == 2
    out = ok(run, "log", '@"Ana López (Acme (EU))" +"Acme Eng [id:1]" 10m')
    assert out.strip() == (
        "logged other with Ana López (Acme (EU)) on 2026-11-27 · 10m · for Acme Eng [id:1]"
    )
    logged = read(run, "interaction", "list", "--campaign", "id:1")["interactions"]
    assert [[c["id"] for c in i["contacts"]] for i in logged] == [[1]]
    # The id must be of the one named: another name beside it names nobody.
    assert refused(run, db, dump, "campaign", "show", "Beta Eng [id:1]") == (
        "no campaign matches 'Beta Eng [id:1]'"
    )
    # Brackets in a name are still a name.
    ok(run, "contact", "add", "Jo [id:9]")
    assert contact(run, "Jo [id:9]")["name"] == "Jo [id:9]"
    ok(run, "contact", "add", "Jane Roe (she/her)")
    assert contact(run, "Jane Roe (she/her)")["name"] == "Jane Roe (she/her)"


def test_an_archived_namesake_is_still_told_apart(namesakes: Run) -> None:
    """Archived people keep their history: their rows, and the active namesake's, said
    "Ana López" both once one of them was archived."""
    run = namesakes
    ok(run, "campaign", "add", "Eng", "--org", "Acme", "--on", "2026-11-01")
    for who, on, due in (
        ("Acme", "2026-11-20", "2026-11-25"),
        ("Globex", "2026-11-21", "2026-11-26"),
    ):
        ok(run, "log", "--with", f"Ana López ({who})", "--on", on, "--follow-up", due,
           "--campaign", "eng", "--note", who)  # fmt: skip
        ok(run, "campaign", "link", "eng", f"Ana López ({who})", "--role", "insider")
    ok(run, "referral", "add", "--from", "Ana López (Globex)", "--direction", "in")
    assert ok(run, "contact", "archive", "Ana López (Globex)").strip() == (
        "archived Ana López (Globex): hidden from lists and completion, history kept"
    )

    def shown(*argv: str) -> list[str]:
        """Which Ana López the output names; every mention must name one."""
        out = ok(run, *argv)
        assert out.count("Ana López") == out.count("Ana López ("), (argv, out)
        return [name for name in ("Ana López (Acme)", "Ana López (Globex)") if name in out]

    both = ["Ana López (Acme)", "Ana López (Globex)"]
    for argv in (
        ("interaction", "list"),
        ("followup", "list"),
        ("agenda",),
        ("campaign", "show", "eng"),
    ):
        assert shown(*argv) == both, argv
    assert shown("referral", "list") == ["Ana López (Globex)"]
    assert ok(run, "contact", "unarchive", "ana").strip() == "brought back Ana López (Globex)"


def test_the_scorecard_and_contact_show_tell_namesakes_and_twin_campaigns_apart(run: Run) -> None:
    """The agenda named each Sam Lee and each "Acme Eng"; the scorecard's going-cold,
    stalled and deadline lines, and `contact show`'s "introduced by", named neither."""
    for org in ("Acme", "Globex"):
        ok(run, "contact", "add", "Sam Lee", "--org", org, "--strength", "4", "--met", "2026-09-01")
    ok(run, "contact", "add", "Kim Park", "--introduced-by", "Sam Lee (Globex)")
    for due in ("2026-11-30", "2026-11-29"):
        ok(run, "campaign", "add", "Eng", "--org", "Acme", "--on", "2026-10-01", "--deadline", due)
    never = "87 days since met, never touched"
    table = ok(run, "scorecard").splitlines()
    assert [line for line in table if line.startswith(("  going cold", "  stalled"))] == [
        f"  going cold: 2 (Sam Lee (Acme) ({never}), Sam Lee (Globex) ({never}))",
        "  stalled: 2 (Acme Eng [id:1] (research, 57 days), Acme Eng [id:2] (research, 57 days))",
    ]
    assert table[-2:] == [
        "    2026-11-29  in 2 days         Acme Eng [id:2]  (research)",
        "    2026-11-30  in 3 days         Acme Eng [id:1]  (research)",
    ]
    review = ok(run, "scorecard", "--format", "markdown")
    assert [line for line in review.splitlines() if line.startswith("- ")] == [
        f"- Sam Lee (Acme) ({never})",
        f"- Sam Lee (Globex) ({never})",
        "- Acme Eng \\[id:1\\] (research, 57 days)",
        "- Acme Eng \\[id:2\\] (research, 57 days)",
        "- 2026-11-29 in 2 days: Acme Eng \\[id:2\\] (research)",
        "- 2026-11-30 in 3 days: Acme Eng \\[id:1\\] (research)",
    ]
    card = read(run, "scorecard")  # the JSON keeps the stored names: a contract
    assert [c["name"] for c in card["going_cold"]] == ["Sam Lee", "Sam Lee"]
    assert [c["name"] for c in (*card["stalled"], *card["deadlines"])] == ["Acme Eng"] * 4
    assert "introduced by  Sam Lee (Globex)\n" in ok(run, "contact", "show", "kim")
    agenda = ok(run, "agenda")
    assert "Acme Eng [id:2]  research  2026-11-29" in agenda
    assert "Acme Eng [id:1]  research  2026-10-01     57" in agenda


def test_an_interactions_confirmations_say_which_twin_campaign(run: Run, db: Path) -> None:
    """Two logs `+id:1` and `+id:2` of two "Acme Eng" both said "· for Acme Eng", and an
    edit moving one to the other did not say where it went."""
    ok(run, "contact", "add", "Mei Chen", "--org", "Acme", "--met", "2026-10-01")
    ok(run, "campaign", "add", "Eng", "--org", "Acme", "--on", "2026-11-02")
    ok(run, "campaign", "add", "Eng", "--org", "Acme", "--on", "2026-11-03")
    assert ok(run, "log", '#call @"Mei Chen" +id:2 20m second').strip() == (
        "logged call with Mei Chen on 2026-11-27 · 20m · for Acme Eng [id:2]"
    )
    assert ok(run, "interaction", "edit", "1", "--campaign", "id:1").strip() == (
        "#1 edited call with Mei Chen on 2026-11-27 · 20m · for Acme Eng [id:1]"
    )
    assert ok(run, "interaction", "delete", "1").strip() == (
        "#1 deleted call with Mei Chen on 2026-11-27 · 20m · for Acme Eng [id:1]"
    )
    ok(run, "campaign", "add", "Data", "--org", "Beta", "--on", "2026-11-03")
    assert ok(run, "log", '@"Mei Chen" +beta').strip().endswith("· for Beta Data")  # no twin


def test_the_agendas_logged_today_names_an_interactions_twin_campaign(run: Run, db: Path) -> None:
    """`agenda` named a time entry's twin campaign "Acme Eng [id:2]" and, in the same
    table, an interaction's as bare "Acme Eng"."""
    ok(run, "contact", "add", "Mei Chen", "--met", "2026-10-01")
    ok(run, "campaign", "add", "Eng", "--org", "Acme", "--on", "2026-11-02")
    ok(run, "campaign", "add", "Eng", "--org", "Acme", "--on", "2026-11-03")
    ok(run, "log", '@"Mei Chen" +id:2 20m second')
    (row,) = [line for line in ok(run, "agenda").splitlines() if "second" in line]
    assert "Acme Eng [id:2]" in row


def test_interaction_tables_name_a_twin_campaign_by_id(run: Run, db: Path) -> None:
    """`interaction list` and `contact show`'s timeline and referrals named an
    interaction's or a referral's twin campaign as bare "Acme Eng", where `agenda`,
    `referral list` and the confirmations say "Acme Eng [id:2]"."""
    ok(run, "contact", "add", "Mei Chen", "--met", "2026-10-01")
    ok(run, "campaign", "add", "Eng", "--org", "Acme", "--on", "2026-11-02")
    ok(run, "campaign", "add", "Eng", "--org", "Acme", "--on", "2026-11-03")
    ok(run, "campaign", "add", "Data", "--org", "Beta", "--on", "2026-11-03")
    ok(run, "log", '@"Mei Chen" +id:2 20m second')
    ok(run, "log", '@"Mei Chen" +beta 20m unique')
    ok(run, "referral", "add", "--from", "Mei Chen", "--direction", "in", "--campaign", "id:2")

    def row(text: str, word: str) -> str:
        (found,) = [line for line in text.splitlines() if word in line]
        return found

    listed = ok(run, "interaction", "list")
    assert "Acme Eng [id:2]" in row(listed, "second")
    assert "Beta Data" in row(listed, "unique") and "[id:" not in row(listed, "unique")
    shown = ok(run, "contact", "show", "Mei Chen")
    assert "Acme Eng [id:2]" in row(shown, "second")
    assert "Beta Data" in row(shown, "unique") and "[id:" not in row(shown, "unique")
    assert "Acme Eng [id:2]" in row(shown.split("Referrals")[1], " in ")


def test_campaign_show_names_its_twin_alike_in_both_tables(run: Run, db: Path) -> None:
    """`campaign show id:2` named its own twin two ways on one page: "Acme Eng" in the
    Interactions table, "Acme Eng [id:2]" in the Referrals table under it."""
    ok(run, "contact", "add", "Raj")
    ok(run, "campaign", "add", "Eng", "--org", "Acme")
    ok(run, "campaign", "move", "id:1", "lost")
    ok(run, "campaign", "add", "Eng", "--org", "Acme")
    ok(run, "log", "--with", "Raj", "--campaign", "id:2", "--note", "chat")
    ok(run, "referral", "add", "--from", "Raj", "--direction", "in", "--campaign", "id:2")
    shown = ok(run, "campaign", "show", "id:2")
    interactions, referrals = shown.split("Interactions\n")[1].split("Referrals\n")
    assert interactions.splitlines()[1].split() == [
        "1", "2026-11-27", "other", "Raj", "—", "Acme", "Eng", "[id:2]", "chat",
    ]  # fmt: skip
    assert referrals.splitlines()[1].split() == [
        "1", "2026-11-27", "in", "Raj", "Acme", "Eng", "[id:2]", "—",
    ]  # fmt: skip


def test_tag_characters_and_invisible_operators_are_characters_nobody_sees(
    run: Run, db: Path, dump: Dump
) -> None:
    """A tag character (U+E0020) or an invisible operator (U+2062) reached the terminal
    raw, and "Ana López" + U+E0020 was a second Ana López that every list showed twice;
    tags can hide whole words ("Tag" + U+E0069 … printed as "Tag")."""
    ok(run, "contact", "add", "Ana López")
    assert refused(run, db, dump, "contact", "add", "Ana López\U000e0020") == (
        "Ana López without an organization is already a contact: same name and organization"
    )
    assert refused(run, db, dump, "contact", "add", "Ana\u2062 López") == (
        "Ana López without an organization is already a contact: same name and organization"
    )
    # and the rest nobody sees: a combining grapheme joiner, a variation selector, a
    # Hangul filler, a Khmer inherent vowel, a musical formatting mark
    for unseen in ("\u034f", "\ufe0f", "\u3164", "\u17b4", "\U0001d173", "\U000e0100"):
        assert refused(run, db, dump, "contact", "add", f"Ana{unseen} López") == (
            "Ana López without an organization is already a contact: same name and organization"
        ), repr(unseen)
    ok(run, "contact", "add", "Tag\U000e0069\U000e0074 Person")
    listed = ok(run, "contact", "list")
    assert "Tag\\U000e0069\\U000e0074 Person" in listed
    assert "\U000e0069" not in listed
    # The JSON holds the stored text exactly, escaped as JSON writes a character past
    # U+FFFF (a surrogate pair), never a raw tag
    shown = run("contact", "show", "tag person", "--format", "json").out
    assert "\\udb40\\udc69\\udb40\\udc74" in shown and "\U000e0069" not in shown
    assert contact(run, "tag person")["name"] == "Tag\U000e0069\U000e0074 Person"


def test_every_format_character_makes_no_second_contact_and_is_shown_escaped(
    run: Run, db: Path, dump: Dump
) -> None:
    """U+206F, U+180F (Mongolian FVS4), the interlinear annotation, shorthand and
    Egyptian format controls made a second "Ana López" every list showed raw, and
    `@ana` was ambiguous between three names that looked one."""
    ok(run, "contact", "add", "Ana López")
    for code in ("\u206a", "\u206f", "\u180f", "\ufff9", "\U0001bca0", "\U0001343f"):
        assert refused(run, db, dump, "contact", "add", f"Ana{code} López") == (
            "Ana López without an organization is already a contact: same name and organization"
        ), repr(code)
    ok(run, "contact", "add", "Bo\u206fB\u180f\ufffa")
    listed = ok(run, "contact", "list")
    assert "Bo\\u206fB\\u180f\\ufffa" in listed
    assert not {"\u206f", "\u180f", "\ufffa"} & set(listed)
    assert contact(run, "bob")["name"] == "Bo\u206fB\u180f\ufffa"
    assert "with Ana López" in ok(run, "log", "@ana hi")
