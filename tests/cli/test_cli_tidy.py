"""Keeping the data tidy from the shell (SPEC, "reading and keeping the data tidy"):
archive, delete and merge contacts; link, unlink and delete campaigns; edit and delete
interactions and goals. Each refusal writes nothing (the database file is compared)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from netrack.data.repo import Repo
from tests.cli.conftest import Run, database_dump


def open_repo(db: Path) -> Repo:
    return Repo.open(db, clock=lambda: date(2026, 11, 27))


def read(run: Run, *argv: str) -> Any:
    result = run(*argv, "--format", "json")
    assert result.code == 0, result.err
    return json.loads(result.out)


@pytest.fixture
def book(run: Run) -> Run:
    steps: tuple[tuple[str, ...], ...] = (
        ("contact", "add", "Ana López", "--org", "Acme", "--met", "2026-10-01"),
        # The duplicate: a typo of Ana's name, with what Ana's record lacks.
        ("contact", "add", "Anna Lopez", "--met", "2026-09-15", "--email", "ana@home.example",
         "--strength", "3", "--tag", "mentor", "--note", "met at PyCon"),
        ("contact", "add", "Raj Patel", "--introduced-by", "anna"),
        ("contact", "add", "Lee Park"),
        ("campaign", "add", "Platform Engineer", "--org", "Acme", "--on", "2026-11-02"),
        ("campaign", "add", "Data Lead", "--org", "Globex", "--on", "2026-11-03"),
        ("log", "#coffee @anna @raj +acme 45m on:2026-11-20 fu:2026-11-30 shared intro"),
        ("log", "#call @ana @anna on:2026-11-21 10m both on the line"),
        ("referral", "add", "--from", "anna", "--direction", "in", "--on", "2026-11-22"),
    )  # fmt: skip
    for argv in steps:
        result = run(*argv)
        assert result.code == 0, (argv, result.err)
    return run


def test_archive_hides_from_lists_and_resolution_and_keeps_history(book: Run) -> None:
    result = book("contact", "archive", "raj")
    assert result.code == 0 and "archived Raj Patel" in result.out
    names = [c["name"] for c in read(book, "contact", "list")["contacts"]]
    assert "Raj Patel" not in names
    assert [c["name"] for c in read(book, "contact", "list", "--archived")["contacts"]] == [
        "Raj Patel"
    ]
    # Gone from resolution: the quick log and show no longer find him.
    assert book("log", "@raj 10m").code == 2
    assert book("contact", "show", "raj").code == 2
    # His history stays: the coffee of the 20th still lists him.
    coffee = read(book, "interaction", "list", "--with", "anna")["interactions"][-1]
    assert [c["name"] for c in coffee["contacts"]] == ["Anna Lopez", "Raj Patel"]
    back = book("contact", "unarchive", "raj")
    assert back.code == 0 and back.out.strip() == "brought back Raj Patel"
    assert book("contact", "show", "raj").code == 0


def test_delete_only_without_history(book: Run, db: Path) -> None:
    before = database_dump(db)
    refused = book("contact", "delete", "raj")
    assert refused.code == 2
    assert refused.err.strip() == (
        "netrack: Raj Patel has history (1 interaction, 1 campaign link): archive them to hide them, "
        "or merge them into another contact"
    )
    assert database_dump(db) == before
    done = book("contact", "delete", "lee")
    assert done.code == 0 and done.out.strip() == "deleted contact Lee Park"
    assert book("contact", "show", "lee").code == 2


def test_a_refusal_names_the_namesake_it_is_about(run: Run, db: Path) -> None:
    """Beside Sam Lee at Acme and at Globex, `contact delete "Sam Lee (Globex)"` of one
    with history said "Sam Lee has history …", and `contact archive "Sam Lee ()"` of the
    archived one "Sam Lee is already archived": which Sam Lee went unsaid. Each refusal
    names them as the confirmation does; nothing is written."""
    for argv in (
        ("contact", "add", "Sam Lee", "--org", "Acme"),
        ("contact", "add", "Sam Lee", "--org", "Globex"),
        ("contact", "add", "Sam Lee"),
        ("log", '@"Sam Lee (Globex)" 30m'),
        ("log", '@"Sam Lee ()" 30m'),
    ):
        assert run(*argv).code == 0, argv

    def refused(*argv: str) -> str:
        before = database_dump(db)
        result = run(*argv)
        assert (result.code, result.out, database_dump(db)) == (2, "", before), result
        return result.err.strip().removeprefix("netrack: ")

    way = "archive them to hide them, or merge them into another contact"
    for name in ("Sam Lee (Globex)", "Sam Lee ()"):
        assert refused("contact", "delete", name) == f"{name} has history (1 interaction): {way}"
    assert run("contact", "archive", "Sam Lee ()").code == 0
    assert refused("contact", "archive", "Sam Lee ()") == "Sam Lee () is already archived"
    assert refused("contact", "show", "Sam Lee ()") == (
        "no contact matches 'Sam Lee ()' (Sam Lee () is archived; unarchive them to name them "
        "again)"
    )
    assert run("contact", "unarchive", "Sam Lee ()").out.strip() == "brought back Sam Lee ()"
    assert refused("contact", "unarchive", "Sam Lee ()") == "Sam Lee () is not archived"


def test_merge_moves_everything_and_fills_blanks(book: Run, db: Path) -> None:
    result = book("contact", "merge", "ana", "anna")
    assert result.code == 0, result.err
    # Anna: 1 interaction moves (the coffee; the call Ana was on too keeps one link,
    # hers, and moves nothing: said apart), 1 referral, 1 campaign link (the quick log
    # linked her to Acme; Ana was not on it), 1 introduction (Raj).
    assert result.out.startswith(
        "merged Anna Lopez into Ana López · moved 1 interaction, 1 referral, "
        "1 campaign link, 1 introduction (1 interaction had both of them) · filled email, "
        "strength, met on, notes, tags · backup: "
    )
    backup = Path(result.out.rsplit("backup: ", 1)[1].strip())
    assert backup.exists() and backup.parent.name == "backups"

    shown = read(book, "contact", "show", "ana")
    ana = shown["contact"]
    assert ana["organization"]["name"] == "Acme"  # kept: Ana had one
    assert (ana["email"], ana["strength"], ana["met_on"]) == ("ana@home.example", 3, "2026-09-15")
    assert ana["tags"] == ["mentor"] and ana["notes"] == "met at PyCon"
    assert [i["note"] for i in shown["interactions"]] == ["both on the line", "shared intro"]
    call = shown["interactions"][0]
    assert [c["name"] for c in call["contacts"]] == ["Ana López"]  # once, not twice
    assert [r["on"] for r in shown["referrals"]] == ["2026-11-22"]
    assert [c["name"] for c in shown["campaigns"]] == ["Acme Platform Engineer"]
    raj = read(book, "contact", "show", "raj")["contact"]
    assert raj["introduced_by"]["name"] == "Ana López"
    assert book("contact", "show", "anna").code == 2  # only Ana is left

    repo = open_repo(db)
    try:
        # The coffee's follow-up (due the 30th) was closed by the call of the 21st, which
        # Anna was on; after the merge Ana is on both, and it stays closed on the 21st.
        ana = repo.contacts.resolve("ana")
        assert [(f.due, f.done_on) for f in repo.activity.follow_ups(contact_id=ana)] == [
            (date(2026, 11, 30), date(2026, 11, 21))
        ]
    finally:
        repo.close()


def test_a_merge_says_the_interactions_both_were_in_apart_from_those_it_moves(run: Run) -> None:
    """Two calls with both Ana Lopez and Ana L. were said "moved 2 interactions", though
    Ana Lopez's timeline was the same before and after: they keep her link, and move
    nowhere. Only the call with Ana L. alone moves; the other two are said apart."""
    for argv in (("contact", "add", "Ana Lopez"), ("contact", "add", "Ana L.")):
        assert run(*argv).code == 0
    both = ("--with", "Ana Lopez", "--with", "Ana L.", "--kind", "call")
    for day in ("2026-11-20", "2026-11-21"):
        assert run("log", *both, "--on", day).code == 0
    assert run("log", "--with", "Ana L.", "--kind", "call", "--on", "2026-11-22").code == 0
    merged = run("contact", "merge", "Ana Lopez", "Ana L.").out
    assert merged.startswith(
        "merged Ana L. into Ana Lopez · moved 1 interaction (2 interactions had both of "
        "them) · backup: "
    ), merged
    timeline = read(run, "interaction", "list", "--with", "Ana Lopez")["interactions"]
    assert len(timeline) == 3


def test_a_merge_names_each_person_with_a_namesake_as_told_apart(run: Run) -> None:
    """Beside three Sam Lees, `contact merge "Sam Lee (Gamma)" "Aisha Rahman"` said
    "merged Aisha Rahman into Sam Lee": which one was kept went unsaid, as it did when
    the one merged away had the namesake. The two names differed, so neither was told
    apart."""
    for org in ("Alpha", "Beta", "Gamma"):
        assert run("contact", "add", "Sam Lee", "--org", org).code == 0
    assert run("contact", "add", "Aisha Rahman").code == 0
    assert run("log", '#call @"Aisha Rahman" 20m on:2026-11-20 intro').code == 0
    merged = run("contact", "merge", "Sam Lee (Gamma)", "Aisha Rahman")
    assert merged.code == 0, merged.err
    assert merged.out.startswith(
        "merged Aisha Rahman into Sam Lee (Gamma) · moved 1 interaction · backup: "
    )
    merged = run("contact", "merge", "Sam Lee (Gamma)", "Sam Lee (Beta)")
    assert merged.out.startswith("merged Sam Lee (Beta) into Sam Lee (Gamma) · no history")
    assert run("contact", "add", "Kim Ode").code == 0
    merged = run("contact", "merge", "Kim Ode", "Sam Lee (Alpha)")
    assert merged.out.startswith("merged Sam Lee (Alpha) into Kim Ode · no history")


def test_a_merge_names_the_kept_person_as_they_were_before_it(run: Run) -> None:
    """KEEP "Sam Lee" without an organization took OTHER's (Gamma), and the summary
    named KEEP as it was after that: "merged Sam Lee (Gamma) into Sam Lee (Gamma)", a
    merge into itself by its words. KEEP is named as the user picked it, as OTHER is."""
    assert run("contact", "add", "Sam Lee").code == 0
    assert run("contact", "add", "Sam Lee", "--org", "Gamma").code == 0
    merged = run("contact", "merge", "Sam Lee ()", "Sam Lee (Gamma)")
    assert merged.code == 0, merged.err
    assert merged.out.startswith(
        "merged Sam Lee (Gamma) into Sam Lee () · no history to move · filled organization · "
        "backup: "
    )
    kept = read(run, "contact", "show", "Sam Lee")["contact"]
    assert (kept["id"], kept["organization"]["name"]) == (1, "Gamma")


def test_merge_into_itself_is_refused(book: Run, db: Path) -> None:
    before = database_dump(db)
    result = book("contact", "merge", "ana", "ana lópez")
    assert result.code == 2 and "cannot be merged into itself" in result.err
    assert database_dump(db) == before


@pytest.mark.parametrize(
    ("keep", "other", "history", "strength"),
    [
        # OTHER's later strength contradicts KEEP's own: KEEP's stays the latest.
        (("2026-01-10", "2"), ("2026-03-01", "5"), [("2026-01-10", 2)], 2),
        # Both the same day: one entry that day, KEEP's.
        (("2026-10-01", "2"), ("2026-10-01", "4"), [("2026-10-01", 2)], 2),
        # OTHER knew the person first: that earlier past is kept before KEEP's.
        (("2026-10-01", "2"), ("2026-09-01", "4"), [("2026-09-01", 4), ("2026-10-01", 2)], 2),
        # KEEP has no strength: OTHER's history and strength are taken whole.
        (("2026-10-01", None), ("2026-09-01", "4"), [("2026-09-01", 4)], 4),
    ],
)
def test_merge_keeps_one_strength_history_whose_latest_is_the_contacts(
    run: Run, db: Path, keep: tuple[str, str | None], other: tuple[str, str | None],
    history: list[tuple[str, int]], strength: int,
) -> None:  # fmt: skip
    for name, (met, level) in (("Ana", keep), ("Ana Lopez", other)):
        extra = ("--strength", level) if level else ()
        assert run("contact", "add", name, "--met", met, *extra).code == 0
    assert run("contact", "merge", "Ana", "Ana Lopez").code == 0
    assert run("log", "@ana ! on:2026-11-20").code == 0

    repo = open_repo(db)
    try:
        (ana,) = repo.contacts.all()
        changes = repo.contacts.strength_history(ana.id)
        card = repo.scorecard.card(repo.scorecard.period("week"))
    finally:
        repo.close()
    assert [(c.on.isoformat(), c.strength) for c in changes] == history
    assert ana.strength == strength
    # The card reads the history: the one meaningful contact has the contact's strength.
    assert card.relationship_quality == strength


def test_a_merge_that_would_make_a_twin_is_refused_and_writes_nothing(run: Run, db: Path) -> None:
    for argv in (("Ana",), ("Ana", "--org", "Acme"), ("Ana Lopez", "--org", "Acme")):
        assert run("contact", "add", *argv).code == 0
    assert run("contact", "archive", "Ana (Acme)").code == 0
    before = database_dump(db)

    result = run("contact", "merge", "Ana", "Ana Lopez")

    assert (result.code, result.err) == (
        2,
        "netrack: cannot merge: Ana at Acme is already a contact, archived: unarchive them "
        "instead\n",
    )
    assert database_dump(db) == before
    if getattr(db, "url", None) is None:  # a file's backups folder; a server's go elsewhere
        assert not (db.parent / "backups").exists()  # no backup: nothing was to change


def test_a_merge_keeps_the_introducer_and_says_what_it_closed_and_kept(run: Run) -> None:
    """Carl introduced Bob, Bob introduced Alice; merging Bob into Alice left Alice with
    no introducer. Bob's pending follow-up was closed by Alice's later email without a
    word, and Bob's role on a campaign Alice was also on vanished, said "moved"."""
    for argv in (
        ("contact", "add", "Carl"),
        ("contact", "add", "Bob", "--introduced-by", "Carl"),
        ("contact", "add", "Alice", "--introduced-by", "Bob"),
        ("campaign", "add", "Eng", "--org", "Acme"),
        ("campaign", "link", "Acme Eng", "Bob", "--role", "hiring_manager"),
        ("campaign", "link", "Acme Eng", "Alice", "--role", "interviewer"),
        (
            "log",
            "--with",
            "Bob",
            "--kind",
            "call",
            "--on",
            "2026-11-20",
            "--follow-up",
            "2026-12-10",
        ),
        ("log", "--with", "Alice", "--kind", "email", "--on", "2026-11-25"),
    ):
        assert run(*argv).code == 0, argv
    merged = run("contact", "merge", "Alice", "Bob").out
    assert merged.startswith(
        # Bob's link on Acme Eng is not "moved": Alice was on it, and her link stays (a
        # sweep: "moved 1 campaign link" of a link dropped)
        "merged Bob into Alice · moved 1 interaction · filled introduced by "
        "· kept Alice's role where Bob was hiring manager on Acme Eng (Bob's in the notes) "
        "· closed 1 follow-up, done by a later touch with Alice · backup: "
    )
    alice = read(run, "contact", "show", "Alice")["contact"]
    assert alice["introduced_by"]["name"] == "Carl"
    # Bob's role went nowhere: a link holds one, Alice's stays, Bob's is in her notes
    assert alice["notes"] == "From Bob (merged 2026-11-27): role hiring manager on Acme Eng"
    (link,) = read(run, "campaign", "show", "Acme Eng")["campaign"]["contacts"]
    assert (link["name"], link["role"]) == ("Alice", "interviewer")


def test_a_merge_says_which_done_follow_ups_a_touch_with_the_other_now_closes_earlier(
    run: Run,
) -> None:
    """Bob's follow-up due 2026-07-10 was closed by his email of 2026-11-20; Robert, the
    same person, was emailed on 2026-08-01. The merge closed it on 2026-08-01 (the
    closing rule, on time now) and said only "moved 1 interaction". It says it as a
    back-dated log does."""
    for argv in (
        ("contact", "add", "Bob Meyer", "--met", "2026-06-01"),
        ("contact", "add", "Robert Meyer", "--met", "2026-06-01"),
        ("log", "#call @bob on:2026-07-02 fu:2026-07-10"),
        ("log", "#email @bob on:2026-11-20"),
        ("log", "#email @robert on:2026-08-01"),
    ):
        assert run(*argv).code == 0, argv
    merged = run("contact", "merge", "Bob Meyer", "Robert Meyer").out
    assert merged.startswith(
        "merged Robert Meyer into Bob Meyer · moved 1 interaction · closes follow-up with "
        "Bob Meyer due 2026-07-10 earlier (was closed by a touch on 2026-11-20) · backup: "
    ), merged
    follow_ups = read(run, "contact", "show", "Bob Meyer")["follow_ups"]
    assert [(f["due"], f["done_on"]) for f in follow_ups] == [("2026-07-10", "2026-08-01")]


def test_a_merge_keeps_the_other_contacts_differing_details_in_the_notes(run: Run) -> None:
    """Ana L.'s second email, phone, profile, title, organization and cadence were
    dropped without a word (SPEC fills blanks only; data must never be lost): they are
    written into the kept contact's notes, and the summary says which."""
    assert run(
        "contact", "add", "Ana Lopez", "--org", "Acme", "--email", "ana@acme.com",
        "--phone", "+1 111", "--title", "Engineer", "--every", "30", "--met", "2026-01-05",
    ).code == 0  # fmt: skip
    assert run(
        "contact", "add", "Ana L.", "--org", "Beta", "--email", "ANA@ACME.COM",
        "--phone", "+1 222", "--url", "https://linkedin.com/in/ana-l", "--title", "CTO",
        "--every", "14", "--met", "2026-02-01",
    ).code == 0  # fmt: skip
    merged = run("contact", "merge", "Ana Lopez", "Ana L.").out
    assert (
        "· filled url · kept Ana L.'s other organization, title, phone, keep in touch in "
        "the notes · backup: "
    ) in merged  # the same email in other capitals is no other email
    ana = read(run, "contact", "show", "Ana Lopez")["contact"]
    assert ana["notes"] == (
        "From Ana L. (merged 2026-11-27): organization Beta; title CTO; phone +1 222; "
        "keep in touch every 14 days"
    )
    assert (ana["email"], ana["phone"], ana["keep_in_touch"]) == ("ana@acme.com", "+1 111", 30)
    assert ana["url"] == "https://linkedin.com/in/ana-l"


def test_a_merge_taking_the_earlier_met_date_takes_how_they_were_met_with_it(run: Run) -> None:
    """Ana L., met at an event on 11-10, merged into Ana Lopez, met on LinkedIn on 11-18:
    the merge took the 10th but kept "linkedin", so W46 counted her met through LinkedIn
    (new_contacts_by_channel {'event': 1} became {'linkedin': 1}). A channel is how the
    person was met (SPEC): it comes with the date, and Ana Lopez's goes into the notes."""
    assert (
        run("contact", "add", "Ana Lopez", "--channel", "linkedin", "--met", "2026-11-18").code == 0
    )
    assert run("contact", "add", "Ana L.", "--channel", "event", "--met", "2026-11-10").code == 0
    week = ("scorecard", "--week", "2026-W46")
    assert read(run, *week)["new_contacts_by_channel"] == {"event": 1}
    merged = run("contact", "merge", "Ana Lopez", "Ana L.").out
    assert merged.startswith(
        "merged Ana L. into Ana Lopez · no history to move · filled met on, channel · kept "
        "Ana Lopez's own channel in the notes · backup: "
    ), merged
    assert read(run, *week)["new_contacts_by_channel"] == {"event": 1}
    assert read(run, "scorecard", "--week", "2026-W47")["new_contacts_by_channel"] == {}
    ana = read(run, "contact", "show", "Ana Lopez")["contact"]
    assert (ana["channel"], ana["met_on"]) == ("event", "2026-11-10")
    assert ana["notes"] == (
        "From Ana L. (merged 2026-11-27): Ana Lopez's channel linkedin (met 2026-11-18)"
    )


def test_a_merge_keeps_the_other_contacts_introducer_and_outdated_strength_in_the_notes(
    run: Run,
) -> None:
    """Robert Meyer, introduced by Ana at strength 5, merged into Bob Meyer, introduced by
    Carl at strength 3: "no history to move", and Ana's introduction and Robert's 5 were
    gone without a word. Both go into Bob's notes, said as the other details are; an
    introducer or strength both share is nothing lost, and nothing is noted."""
    for argv in (
        ("Carl Jensen",),
        ("Ana Lopez",),
        ("Bob Meyer", "--met", "2026-06-01", "--introduced-by", "Carl", "--strength", "3"),
        ("Robert Meyer", "--met", "2026-09-01", "--introduced-by", "Ana", "--strength", "5"),
        ("Rob Meyer", "--met", "2026-10-01", "--introduced-by", "Carl", "--strength", "3"),
    ):
        assert run("contact", "add", *argv).code == 0, argv
    merged = run("contact", "merge", "Bob Meyer", "Robert Meyer").out
    assert merged.startswith(
        "merged Robert Meyer into Bob Meyer · no history to move · kept Robert Meyer's other "
        "introducer, strength in the notes · backup: "
    ), merged
    shown = read(run, "contact", "show", "Bob Meyer")
    bob = shown["contact"]
    assert bob["notes"] == (
        "From Robert Meyer (merged 2026-11-27): introduced by Ana Lopez; strength 5 from 2026-09-01"
    )
    assert (bob["introduced_by"]["name"], bob["strength"]) == ("Carl Jensen", 3)
    assert [(c["on"], c["strength"]) for c in shown["strength_history"]] == [("2026-06-01", 3)]
    same = run("contact", "merge", "Bob Meyer", "Rob Meyer").out
    assert same.startswith("merged Rob Meyer into Bob Meyer · no history to move · backup: ")
    assert read(run, "contact", "show", "Bob Meyer")["contact"]["notes"] == bob["notes"]


def test_a_merge_says_notes_joined_not_filled(run: Run) -> None:
    """ "filled notes" was said of notes added after the kept contact's own."""
    for name, note in (("Kim A", "alpha"), ("Kim B", "beta")):
        assert run("contact", "add", name, "--note", note).code == 0
    merged = run("contact", "merge", "Kim A", "Kim B").out
    assert "· added Kim B's notes to Kim A's · backup: " in merged and "filled" not in merged
    assert read(run, "contact", "show", "Kim A")["contact"]["notes"] == "alpha\n\nbeta"


def test_a_merge_whose_notes_would_not_fit_is_refused_and_writes_nothing(
    run: Run, db: Path
) -> None:
    """A nearly full note and the other contact's details made notes past 10,000
    characters, which the next `import json` of an export refused: the person and
    their history skipped. Refused before anything is written, the backup too."""
    assert run("contact", "add", "Bo Keel", "--email", "bo@a.com", "--note", "x" * 9990).code == 0
    assert run("contact", "add", "Bo K.", "--email", "bo@b.com").code == 0
    before = database_dump(db)
    refused = run("contact", "merge", "Bo Keel", "Bo K.")
    assert (refused.code, refused.out) == (2, "")
    assert refused.err == (
        "netrack: cannot merge: the notes together would be 10,038 characters (10,000 at "
        "most): shorten Bo K.'s or the kept one's first\n"
    )
    assert database_dump(db) == before
    assert not isinstance(db, Path) or not (db.parent / "backups").exists()


def test_campaign_link_roles_unlink_and_delete(book: Run, db: Path) -> None:
    linked = book("campaign", "link", "acme", "lee", "--role", "hiring_manager")
    assert linked.out.strip() == "linked Lee Park to Acme Platform Engineer as hiring manager"
    contacts = read(book, "campaign", "show", "acme")["campaign"]["contacts"]
    assert {(c["name"], c["role"]) for c in contacts} == {
        ("Anna Lopez", None),
        ("Lee Park", "hiring_manager"),
        ("Raj Patel", None),
    }
    assert book("campaign", "link", "acme", "lee", "--role", "boss").code == 2
    # A second link replaces the role: said, where "linked … as insider" hid the loss.
    relinked = book("campaign", "link", "acme", "lee", "--role", "insider").out.strip()
    assert relinked == "Lee Park is insider on Acme Platform Engineer now, no longer hiring manager"
    same = book("campaign", "link", "acme", "lee", "--role", "insider").out.strip()
    assert same == "Lee Park was insider on Acme Platform Engineer already: nothing changed"
    raj = book("campaign", "link", "acme", "raj", "--role", "referrer").out.strip()
    assert raj == "linked Raj Patel to Acme Platform Engineer as referrer"  # linked, no role
    assert book("campaign", "unlink", "acme", "lee").code == 0
    again = book("campaign", "unlink", "acme", "lee")
    assert again.code == 2
    assert again.err.strip() == "netrack: Lee Park is not linked to Acme Platform Engineer"

    before = database_dump(db)
    refused = book("campaign", "delete", "acme")
    assert refused.code == 2 and "has history (1 interaction, 2 contact links)" in refused.err
    assert database_dump(db) == before
    assert book("campaign", "delete", "globex").out.strip() == "deleted campaign Globex Data Lead"
    assert read(book, "campaign", "list")["campaigns"][0]["name"] == "Acme Platform Engineer"
    assert len(read(book, "campaign", "list")["campaigns"]) == 1


def test_interaction_edit_and_delete(book: Run) -> None:
    call = read(book, "interaction", "list", "--with", "Ana López")["interactions"][0]
    edited = book(
        "interaction", "edit", str(call["id"]), "--minutes", "1h30", "--campaign", "acme",
        "--meaningful", "--follow-up", "2026-12-04", "--note", "a longer call",
    )  # fmt: skip
    assert edited.code == 0, edited.err
    assert edited.out.strip() == (
        f"#{call['id']} edited call with Ana López, Anna Lopez on 2026-11-21 · 90m · "
        "for Acme Platform Engineer · meaningful · follow up 2026-12-04"
    )
    cleared = book("interaction", "edit", str(call["id"]), "--campaign", "none")
    assert "for Acme" not in cleared.out
    assert book("interaction", "edit", str(call["id"]), "--on", "+2d").code == 2  # future
    assert book("interaction", "edit", "9999", "--note", "x").code == 2
    assert book("interaction", "edit", "abc").code == 2
    deleted = book("interaction", "delete", str(call["id"]))
    assert deleted.out.startswith(f"#{call['id']} deleted call with Ana López")
    remaining = read(book, "interaction", "list")["interactions"]
    assert [i["note"] for i in remaining] == ["shared intro"]


def test_goal_edit_and_delete(book: Run) -> None:
    goals = read(book, "goal", "list")["goals"]
    first = goals[0]
    result = book("goal", "edit", str(first["id"]), "--target", "7", "--note", "wider")
    assert result.out.strip() == f"goal #{first['id']} is now active_campaigns ≥ 7/week"
    assert read(book, "goal", "list")["goals"][0]["target"] == 7
    assert book("goal", "edit", str(first["id"]), "--target", "-1").code == 2
    assert book("goal", "edit", str(first["id"])).code == 2  # nothing to change
    assert book("goal", "delete", str(first["id"])).code == 0
    assert len(read(book, "goal", "list")["goals"]) == len(goals) - 1
    assert book("goal", "delete", str(first["id"])).code == 2


def test_the_help_examples_of_merge_and_delete_name_their_duplicate(
    run: Run, capsys: pytest.CaptureFixture[str]
) -> None:
    """`contact merge "Ana López" "Ana Lopez"`, the help's own example, could never run:
    accents never matter, so each name was ambiguous between the two."""
    import shlex

    from netrack.cli import main

    def example(*command: str) -> list[str]:
        with pytest.raises(SystemExit):
            main([*command, "--help"])
        line = capsys.readouterr().out.split("example:\n")[1].strip().splitlines()[-1]
        return shlex.split(line)[1:]  # the command's own line, without "netrack"

    assert run("contact", "add", "Ana López", "--org", "Acme").code == 0
    assert run("contact", "add", "Ana Lopez").code == 0
    merged = run(*example("contact", "merge"))
    # Namesakes as names compare (accents aside): each named with its organization.
    said = "merged Ana Lopez () into Ana López (Acme)"
    assert merged.code == 0 and merged.out.startswith(said), merged
    assert run("contact", "add", "Ana Lopez").code == 0
    deleted = run(*example("contact", "delete"))
    # Named as the merge names them: which of the two namesakes went.
    assert deleted.code == 0 and deleted.out == "deleted contact Ana Lopez ()\n", deleted


def test_a_link_a_log_made_goes_when_no_interaction_stands_behind_it(run: Run) -> None:
    """A log on the wrong campaign, moved to the right one or deleted, left its people
    linked to the wrong one: listed there, and undeletable ("1 campaign link"). A link
    with a role is the user's and stays."""
    for argv in (
        ("contact", "add", "Sam Novak"),
        ("contact", "add", "Ana Lima"),
        ("campaign", "add", "Data Lead", "--org", "Acme"),
        ("campaign", "add", "Platform Eng", "--org", "Beta"),
        ("log", "@sam @ana +acme 30m coffee"),
        ("campaign", "link", "acme", "ana", "--role", "referrer"),
    ):
        assert run(*argv).code == 0, argv
    assert run("interaction", "edit", "1", "--campaign", "beta").code == 0
    people = {
        c["name"]: c["role"] for c in read(run, "campaign", "show", "acme")["campaign"]["contacts"]
    }
    assert people == {"Ana Lima": "referrer"}
    assert run("interaction", "edit", "1", "--with", "Ana Lima").code == 0  # Sam dropped
    beta = read(run, "campaign", "show", "beta")["campaign"]["contacts"]
    assert [c["name"] for c in beta] == ["Ana Lima"]
    assert run("interaction", "delete", "1").code == 0
    assert read(run, "campaign", "show", "beta")["campaign"]["contacts"] == []
    assert run("contact", "delete", "Sam Novak").out.strip() == "deleted contact Sam Novak"


def test_an_edit_says_the_follow_ups_it_reopens_or_closes(run: Run) -> None:
    """Moved before the interaction whose follow-up it had closed, an edit left that
    follow-up overdue again and said nothing of it (a log says what it closes)."""
    assert run("contact", "add", "Ana López", "--met", "2026-11-01").code == 0
    assert run("log", "--with", "ana", "--on", "2026-11-10", "--follow-up", "2026-11-20").code == 0
    assert run("log", "--with", "ana", "--on", "2026-11-15").code == 0
    moved = run("interaction", "edit", "2", "--on", "2026-11-05").out.strip()
    assert moved == (
        "#2 edited other with Ana López on 2026-11-05 · "
        "reopens follow-up with Ana López due 2026-11-20"
    )
    back = run("interaction", "edit", "2", "--on", "2026-11-16").out.strip()
    assert back.endswith(" · closes follow-up with Ana López due 2026-11-20")
    note = run("interaction", "edit", "2", "--note", "just a note").out.strip()
    assert "follow-up" not in note  # nothing moved: nothing said
    # Given to another person, it closes their earlier follow-up and reopens Ana's: both
    # said (only the reopening was, the people it gained not looked at).
    assert run("contact", "add", "Cara Diaz", "--met", "2026-11-01").code == 0
    assert run("log", "--with", "cara", "--on", "2026-11-12", "--follow-up", "2026-11-14").code == 0
    given = run("interaction", "edit", "2", "--with", "cara").out.strip()
    assert given == (
        "#2 edited other with Cara Diaz on 2026-11-16 · closes follow-up with Cara Diaz due "
        "2026-11-14 · reopens follow-up with Ana López due 2026-11-20"
    )


def test_a_delete_says_the_follow_ups_it_reopens(run: Run) -> None:
    """Deleting the touch that had closed a follow-up left it pending again, and said
    nothing of it (an edit that does so says it)."""
    assert run("contact", "add", "Sam").code == 0
    assert run("log", "@sam on:-5d fu:+3d a").code == 0
    assert run("log", "@sam on:-2d b").code == 0
    deleted = run("interaction", "delete", "2")
    assert (deleted.code, deleted.out.strip()) == (
        0,
        "#2 deleted other with Sam on 2026-11-25 · reopens follow-up with Sam due 2026-11-30",
    )
    assert [f["due"] for f in read(run, "followup", "list")["follow_ups"]] == ["2026-11-30"]
    alone = run("interaction", "delete", "1").out.strip()
    assert alone == "#1 deleted other with Sam on 2026-11-22 · follow up 2026-11-30"


def test_a_delete_or_an_edit_says_the_follow_up_it_leaves_to_a_later_touch(
    run: Run, db: Path
) -> None:
    """Deleting the touch that had closed a follow-up on time left the next one, after
    its due day, to close it: done late, and nothing said (a merge or a back-dated log
    says one it closes earlier). Moving the touch later, or taking its person off it,
    did the same."""
    for name in ("Ann Ray", "Ben Kay"):
        assert run("contact", "add", name, "--met", "2026-06-01").code == 0
    for line in (
        ("--with", "Ann Ray", "--on", "2026-07-01", "--follow-up", "2026-07-10"),
        (
            "--with",
            "Ann Ray",
            "--with",
            "Ben Kay",
            "--on",
            "2026-07-05",
            "--follow-up",
            "2026-07-20",
        ),
        ("--with", "Ann Ray", "--on", "2026-07-08"),
        ("--with", "Ben Kay", "--on", "2026-07-25"),
    ):
        assert run("log", *line).code == 0
    moved = run("interaction", "edit", "3", "--on", "2026-07-12").out.strip()
    assert moved == (
        "#3 edited other with Ann Ray on 2026-07-12 · closes follow-up with Ann Ray, Ben Kay "
        "due 2026-07-20 later (on 2026-07-12, was closed by a touch on 2026-07-08)"
    )
    taken_off = run("interaction", "edit", "2", "--with", "Ben Kay").out.strip()
    assert taken_off.endswith(
        " · closes follow-up with Ann Ray due 2026-07-10 later (on 2026-07-12, was closed by "
        "a touch on 2026-07-05)"
    )
    deleted = run("interaction", "delete", "3")
    assert (deleted.code, deleted.out.strip()) == (
        0,
        "#3 deleted other with Ann Ray on 2026-07-12 · reopens follow-up with Ann Ray due "
        "2026-07-10",
    )
    assert run("interaction", "edit", "2", "--with", "Ben Kay", "--with", "Ann Ray").code == 0
    assert run("log", "--with", "Ann Ray", "--on", "2026-07-08").code == 0
    deleted = run("interaction", "delete", "5")
    assert (deleted.code, deleted.out.strip()) == (
        0,
        "#5 deleted other with Ann Ray on 2026-07-08 · closes follow-up with Ben Kay, Ann Ray "
        "due 2026-07-20 later (on 2026-07-25, was closed by a touch on 2026-07-08)",
    )
    repo = open_repo(db)
    try:
        assert [(f.due, f.done_on) for f in repo.activity.follow_ups()] == [
            (date(2026, 7, 10), date(2026, 7, 5)),
            (date(2026, 7, 20), date(2026, 7, 25)),
        ]
    finally:
        repo.close()


def test_an_edit_adding_someone_or_moving_a_touch_earlier_says_the_follow_up_it_closes_earlier(
    run: Run, db: Path
) -> None:
    """Adding Ana to Ben's touch of 11-08 closed her follow-up marked done on 11-12 on
    that day instead, turning it on time, and the edit said nothing of it (taking her
    off again said "later"). Moving a touch earlier did the same."""
    for name in ("Ana", "Ben"):
        assert run("contact", "add", name, "--met", "2026-10-01").code == 0
    assert run("log", "--with", "Ana", "--on", "2026-11-05", "--follow-up", "2026-11-10").code == 0
    assert run("followup", "done", "Ana", "--on", "2026-11-12").code == 0
    assert run("log", "--with", "Ben", "--on", "2026-11-08").code == 0
    added = run("interaction", "edit", "2", "--with", "Ben", "--with", "Ana")
    assert (added.code, added.out.strip()) == (
        0,
        "#2 edited other with Ben, Ana on 2026-11-08 · closes follow-up with Ana due "
        "2026-11-10 earlier (was marked done on 2026-11-12)",
    )
    assert run("interaction", "edit", "2", "--on", "2026-11-11").code == 0
    moved = run("interaction", "edit", "2", "--on", "2026-11-07").out.strip()
    assert moved == (
        "#2 edited other with Ben, Ana on 2026-11-07 · closes follow-up with Ana due "
        "2026-11-10 earlier (was closed by a touch on 2026-11-11)"
    )
    repo = open_repo(db)
    try:
        (follow_up,) = repo.activity.follow_ups()
        assert (follow_up.due, follow_up.done_on) == (date(2026, 11, 10), date(2026, 11, 7))
    finally:
        repo.close()
    card = read(run, "scorecard", "--week", "2026-W46")
    assert card["follow_ups"]["on_time"] == 1


def test_an_edit_moving_a_touch_past_the_one_that_closed_its_follow_up_says_it_reopens(
    run: Run,
) -> None:
    """Moved past the touch of 11-08 that had closed it, the entry's own follow-up was
    pending again and the edit said only "follow up 2026-11-30"; moving it back said
    "already done". The edit says it reopens, in a delete's words."""
    assert run("contact", "add", "Ana", "--met", "2026-10-01").code == 0
    assert run("log", "--with", "Ana", "--on", "2026-11-05", "--follow-up", "2026-11-30").code == 0
    assert run("log", "--with", "Ana", "--on", "2026-11-08").code == 0
    moved = run("interaction", "edit", "1", "--on", "2026-11-10")
    assert (moved.code, moved.out.strip()) == (
        0,
        "#1 edited other with Ana on 2026-11-10 · follow up 2026-11-30 · reopens follow-up "
        "with Ana due 2026-11-30",
    )
    assert [(f["id"], f["due"]) for f in read(run, "followup", "list")["follow_ups"]] == [
        (1, "2026-11-30")
    ]
    # A follow-up the edit gives it is new, not reopened.
    assert run("log", "--with", "Ana", "--on", "2026-11-12").code == 0
    given = run("interaction", "edit", "3", "--follow-up", "2026-12-04").out.strip()
    assert given == "#3 edited other with Ana on 2026-11-12 · follow up 2026-12-04"
    # Pending before and after (a note changed, its day moved): nothing reopened.
    for change in (("--note", "hello"), ("--follow-up", "2026-12-05")):
        edited = run("interaction", "edit", "3", *change).out.strip()
        assert "reopens" not in edited, edited


def test_a_merge_of_namesakes_names_each_by_organization_and_says_tags_joined(run: Run) -> None:
    """ "merged Dup Person into Dup Person" named nobody; "filled tags" was said of tags
    added beside the kept contact's own (a sweep)."""
    for argv in (
        ("contact", "add", "Dup Person", "--org", "A", "--tag", "Recruiter", "--tag", "ML Eng"),
        ("contact", "add", "Dup Person", "--org", "B", "--tag", "recruiter", "--tag", "other"),
        ("contact", "add", "Solo", "--tag", "x"),
        ("contact", "add", "Tagless"),
    ):
        assert run(*argv).code == 0, argv
    merged = run("contact", "merge", "Dup Person (A)", "Dup Person (B)").out
    assert merged.startswith(
        "merged Dup Person (B) into Dup Person (A) · no history to move · added Dup Person "
        "(B)'s other tags to Dup Person (A)'s · kept Dup Person (B)'s other organization in "
        "the notes · backup: "
    ), merged
    filled = run("contact", "merge", "Tagless", "Solo").out
    assert filled.startswith("merged Solo into Tagless · no history to move · filled tags ·")


def test_an_archived_contact_s_follow_up_can_be_marked_done(run: Run) -> None:
    """Archived, Chloé's overdue follow-up stayed in `followup list` and the agenda,
    and `followup done chloe` said she was archived: only unarchiving reached it."""
    assert run("contact", "add", "Chloé Dubois").code == 0
    assert run("log", "@chloe on:2026-11-05 fu:2026-11-12 check budget").code == 0
    assert run("contact", "archive", "chloe").code == 0
    done = run("followup", "done", "chloe")
    assert (done.code, done.out) == (
        0,
        "marked 1 follow-up with archived contact Chloé Dubois done\n",
    )
    assert "Chloé" not in run("followup", "list").out
    assert run("contact", "list").out.count("Chloé") == 0  # still archived
    unknown = run("followup", "done", "nobody")
    assert unknown.code == 2 and "no contact matches 'nobody'" in unknown.err


def test_an_empty_follow_up_in_an_edit_clears_it_as_none_does(run: Run) -> None:
    """`interaction edit ID --follow-up ''` clears the follow-up (its help: a date, or
    none to clear it); the check for empty dates refused it (a review)."""
    assert run("contact", "add", "Ana").code == 0
    assert run("log", "@ana on:2026-11-20 fu:2026-12-01 hello").code == 0
    edited = run("interaction", "edit", "1", "--follow-up", "")
    assert edited.code == 0, edited.err
    assert "follow up" not in edited.out
    assert "Ana" not in run("followup", "list").out


def test_clearing_a_follow_up_says_which_it_removes_and_the_done_mark_with_it(
    run: Run, db: Path
) -> None:
    """`--follow-up ''` on a follow-up marked done said only "edited other with Ana on
    2026-11-05": the mark went with it, and a due day set again was pending, overdue.
    The edit names the follow-up it removes, and the day it was done."""
    assert run("contact", "add", "Ana", "--met", "2026-10-01").code == 0
    assert run("log", "--with", "Ana", "--on", "2026-11-05", "--follow-up", "2026-11-10").code == 0
    assert run("followup", "done", "Ana", "--on", "2026-11-12").code == 0
    cleared = run("interaction", "edit", "1", "--follow-up", "")
    assert (cleared.code, cleared.out.strip()) == (
        0,
        "#1 edited other with Ana on 2026-11-05 · removes follow-up with Ana due 2026-11-10 "
        "(was marked done on 2026-11-12)",
    )
    repo = open_repo(db)
    try:
        assert repo.activity.follow_ups() == []
    finally:
        repo.close()
    assert run("log", "--with", "Ana", "--on", "2026-11-20", "--follow-up", "2026-11-30").code == 0
    pending = run("interaction", "edit", "2", "--follow-up", "none").out.strip()
    assert pending == (
        "#2 edited other with Ana on 2026-11-20 · removes follow-up with Ana due 2026-11-30"
    )
    again = run("interaction", "edit", "2", "--follow-up", "none").out.strip()
    assert again == "#2 edited other with Ana on 2026-11-20"  # none to remove
    # Marked done after a touch closed it: the mark it removes too is said.
    assert run("log", "--with", "Ana", "--on", "2026-11-21", "--follow-up", "2026-11-24").code == 0
    assert run("followup", "done", "Ana", "--on", "2026-11-25").code == 0
    assert run("log", "--with", "Ana", "--on", "2026-11-23").code == 0
    both = run("interaction", "edit", "3", "--follow-up", "none").out.strip()
    assert both == (
        "#3 edited other with Ana on 2026-11-21 · removes follow-up with Ana due 2026-11-24 "
        "(was closed by a touch on 2026-11-23, and marked done on 2026-11-25)"
    )


def test_an_edit_of_a_follow_up_marked_done_says_it_stays_done(run: Run) -> None:
    """Moving the day of a follow-up marked done kept it done, and the confirmation said
    only "follow up 2026-12-02": nothing reminded, and nothing said why."""
    assert run("contact", "add", "Ana").code == 0
    assert run("log", "@ana on:2026-11-20 fu:2026-11-24 x").code == 0
    assert run("followup", "done", "ana").code == 0
    edited = run("interaction", "edit", "1", "--follow-up", "2026-12-02")
    assert (edited.code, edited.out) == (
        0,
        "#1 edited other with Ana on 2026-11-20 · follow up 2026-12-02 · already marked done "
        "on 2026-11-27 (netrack followup reopen 1 to be reminded)\n",
    )
    assert run("followup", "list").out == "no pending follow-ups\n"  # the mark is kept
    assert run("followup", "reopen", "1").code == 0  # as the words say
    assert [f["due"] for f in read(run, "followup", "list")["follow_ups"]] == ["2026-12-02"]


def test_followup_done_never_takes_an_archived_contact_for_an_ambiguous_name(run: Run) -> None:
    """ "ana" ambiguous among the active contacts marked the archived Ana Pérez's
    follow-up done (a review): ambiguous stays ambiguous, nothing written; two archived
    namesakes are listed, not "no contact matches"."""
    for argv in (
        ("contact", "add", "Ana López", "--org", "Acme"),
        ("contact", "add", "Ana Ruiz", "--org", "Beta"),
        ("contact", "add", "Ana Pérez", "--org", "Gamma"),
        ("log", '@"Ana Pérez" on:2026-11-20 fu:2026-11-25 call'),
        ("contact", "archive", "Ana Pérez"),
        ("contact", "add", "Bo Li", "--org", "Acme"),
        ("contact", "add", "Bo Li", "--org", "Beta"),
        ("contact", "archive", "Bo Li (Acme)"),
        ("contact", "archive", "Bo Li"),
    ):
        assert run(*argv).code == 0, argv
    ambiguous = run("followup", "done", "ana")
    assert ambiguous.code == 2
    assert ambiguous.err == (
        "netrack: contact 'ana' is ambiguous: Ana López (Acme); Ana Ruiz (Beta)\n"
    )
    assert "Ana Pérez" in run("followup", "list").out  # not marked
    both = run("followup", "done", "bo li")
    assert both.code == 2 and "archived contact 'bo li' is ambiguous: Bo Li (Acme)" in both.err


def test_campaign_delete_refuses_a_campaign_with_contacts_linked(run: Run, db: Path) -> None:
    """SPEC counts a contact's campaign links as history, and `campaign delete` goes
    "likewise": the delete took a hiring manager's link and role with it, unsaid."""
    run("contact", "add", "Carla Diaz")
    run("campaign", "add", "Staff Eng", "--org", "Acme")
    run("campaign", "link", "staff", "carla", "--role", "hiring_manager")
    before = database_dump(db)
    refused = run("campaign", "delete", "staff")
    assert (refused.code, refused.err) == (
        2,
        "netrack: Acme Staff Eng has history (1 contact link): move it to lost or paused to "
        "close it instead (or unlink its contacts first)\n",
    )
    assert database_dump(db) == before
    assert run("campaign", "unlink", "staff", "carla").code == 0
    assert run("campaign", "delete", "staff").out == "deleted campaign Acme Staff Eng\n"


def test_campaign_delete_names_each_kind_of_history_in_its_plural(run: Run, db: Path) -> None:
    """The refusal read "(2 time entrys)": every kind of record in it, two of each, is
    counted in its own plural."""
    for argv in (
        ("contact", "add", "Ana"),
        ("contact", "add", "Bo"),
        ("campaign", "add", "Staff Eng", "--org", "Acme", "--on", "2026-11-01"),
        ("campaign", "move", "staff", "applied", "--on", "2026-11-02"),
        ("campaign", "move", "staff", "interviewing", "--on", "2026-11-03"),
        ("campaign", "link", "staff", "ana", "--role", "referrer"),
        ("campaign", "link", "staff", "bo", "--role", "recruiter"),
        ("log", "--with", "ana", "--campaign", "staff", "--on", "2026-11-04"),
        ("log", "--with", "bo", "--campaign", "staff", "--on", "2026-11-05"),
        ("referral", "add", "--from", "ana", "--direction", "in", "--campaign", "staff"),
        ("referral", "add", "--from", "bo", "--direction", "in", "--campaign", "staff"),
        ("time", "add", "1h", "--category", "search", "--campaign", "staff"),
        ("time", "add", "1h", "--category", "search", "--campaign", "staff"),
    ):
        assert run(*argv).code == 0, argv
    before = database_dump(db)
    refused = run("campaign", "delete", "staff")
    assert (refused.code, refused.err) == (
        2,
        "netrack: Acme Staff Eng has history (2 stage changes, 2 interactions, 2 referrals, "
        "2 time entries, 2 contact links): move it to lost or paused to close it instead\n",
    )
    assert database_dump(db) == before


def test_deleting_a_closed_campaign_with_history_does_not_say_to_close_it(run: Run) -> None:
    """A won campaign was told to be moved "to lost or paused to close it instead"."""
    run("contact", "add", "Ana")
    run("campaign", "add", "Staff Eng", "--org", "Acme", "--on", "2026-11-01")
    run("log", "@ana +staff on:2026-11-02")
    run("campaign", "move", "staff", "won", "--on", "2026-11-20")
    refused = run("campaign", "delete", "staff")
    assert (refused.code, refused.err) == (
        2,
        "netrack: Acme Staff Eng has history (1 stage change, 1 interaction, 1 contact "
        "link): it is closed (won) and keeps it\n",
    )


def test_a_daily_cadence_reads_every_day_in_show_and_in_a_merge(run: Run) -> None:
    """A cadence of 1 read "every 1 days" in `contact show` and in the notes a merge
    keeps the other contact's differing cadence in."""
    assert run("contact", "add", "Ana", "--every", "1").code == 0
    assert run("contact", "add", "Ana B", "--every", "7").code == 0
    assert "keep in touch  every day\n" in run("contact", "show", "Ana").out
    assert "keep in touch  every 7 days\n" in run("contact", "show", "Ana B").out
    assert run("contact", "merge", "Ana B", "Ana").code == 0
    notes = read(run, "contact", "show", "Ana B")["contact"]["notes"]
    assert notes == "From Ana (merged 2026-11-27): keep in touch every day"


def test_the_id_of_an_entry_is_read_as_id_n_too(book: Run) -> None:
    """`interaction edit id:1` was refused ("must be a number") where `contact edit id:1`
    and `campaign edit id:2` take it: a script passes back the ids it read one way."""
    assert book("interaction", "edit", "id:1", "--minutes", "50").code == 0
    assert book("referral", "edit", "ID:1", "--direction", "out").code == 0
    assert book("goal", "edit", "id:2", "--target", "3").code == 0
    assert book("time", "add", "1h", "--category", "search").code == 0
    assert book("time", "delete", "id:1").code == 0
    interactions = read(book, "interaction", "list")["interactions"]
    assert [i["minutes"] for i in interactions if i["id"] == 1] == [50]
    assert [r["direction"] for r in read(book, "referral", "list")["referrals"]] == ["out"]
    assert read(book, "time", "list")["time_entries"] == []
    refused = book("interaction", "delete", "id:x")
    assert (refused.code, refused.err) == (
        2,
        "netrack: the interaction id must be a number (see its list command), not 'id:x'\n",
    )
