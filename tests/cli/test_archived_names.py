"""A name that fits an archived contact (SPEC, "NAME / CAMPAIGN resolve … in three tiers";
"Archived contacts leave lists, completion and name resolution"): archived contacts left
resolution, but the weaker match they leave behind is never acted on in their place.
`contact delete ana` deleted Hiroshi Tanaka ("ana" in "Tanaka") once Ana López was
archived; a log, an archive and an unarchive went to him likewise. Each refusal is exit 2,
one line, nothing written (the database compared)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.conftest import Run, database_dump

ANA_FIRST = (
    "netrack: contact 'ana' best matches an archived contact (Ana López is archived; "
    "unarchive them to name them again); other matches: Hiroshi Tanaka (Yokai)\n"
)


def ok(run: Run, *argv: str) -> str:
    result = run(*argv)
    assert result.code == 0, (argv, result.err)
    return result.out


def refused(run: Run, db: Path, *argv: str) -> str:
    """Exit 2, one line on stderr, nothing written: the line."""
    before = database_dump(db)
    result = run(*argv)
    assert (result.code, result.out) == (2, ""), (argv, result)
    assert result.err.count("\n") == 1 and result.err.startswith("netrack: ")
    assert database_dump(db) == before
    return result.err


@pytest.fixture
def ana_archived(run: Run) -> Run:
    ok(run, "contact", "add", "Ana López")
    ok(run, "contact", "add", "Hiroshi Tanaka", "--org", "Yokai")
    ok(run, "contact", "archive", "Ana López")
    return run


@pytest.mark.parametrize(
    "argv",
    [
        ("contact", "delete", "ana"),
        ("log", "@ana #coffee 45m"),
        ("log", "--with", "ana", "--kind", "call"),
        ("contact", "edit", "ana", "--title", "CTO"),
        ("contact", "show", "ana"),
        ("followup", "done", "ana"),
        ("referral", "add", "--from", "ana", "--direction", "in"),
    ],
)
def test_a_name_fitting_an_archived_contact_best_is_refused(
    ana_archived: Run, db: Path, argv: tuple[str, ...]
) -> None:
    assert refused(ana_archived, db, *argv) == ANA_FIRST
    assert "Hiroshi Tanaka" in ok(ana_archived, "contact", "list")  # still there


def test_archive_of_a_name_fitting_an_archived_contact_says_it_is_already_archived(
    ana_archived: Run, db: Path
) -> None:
    assert refused(ana_archived, db, "contact", "archive", "ana") == (
        "netrack: Ana López is already archived; other matches: Hiroshi Tanaka (Yokai)\n"
    )
    assert refused(ana_archived, db, "contact", "archive", "Ana López") == (
        "netrack: Ana López is already archived\n"
    )
    # Named as only he is, he is archived.
    assert ok(ana_archived, "contact", "archive", "tanaka").startswith("archived Hiroshi Tanaka")


def test_unarchive_twice_brings_back_the_one_named_then_says_so(
    ana_archived: Run, db: Path
) -> None:
    ok(ana_archived, "contact", "archive", "hiroshi")
    assert ok(ana_archived, "contact", "unarchive", "ana") == "brought back Ana López\n"
    # Ana, active again, fits "ana" better than the archived Hiroshi Tanaka does.
    assert refused(ana_archived, db, "contact", "unarchive", "ana") == (
        "netrack: Ana López is not archived; other matches: Hiroshi Tanaka (Yokai)\n"
    )
    assert refused(ana_archived, db, "contact", "unarchive", "Ana López") == (
        "netrack: Ana López is not archived\n"
    )
    assert ok(ana_archived, "contact", "unarchive", "tanaka").startswith("brought back Hiroshi")


def test_an_archived_contact_in_the_same_tier_leaves_the_name_to_the_active_one(run: Run) -> None:
    """Both start with "ana": ambiguous while both were active; once Ana López is
    archived, `ana` is Ana Ruiz's (SPEC: archived contacts leave name resolution, and one
    match in the deciding tier wins). Archiving one of two is how the other is named
    short again; only a stronger archived match is refused."""
    ok(run, "contact", "add", "Ana López")
    ok(run, "contact", "add", "Ana Ruiz")
    ok(run, "contact", "add", "Bob")
    ok(run, "contact", "add", "Bob Marsh")
    ok(run, "contact", "archive", "Ana López")
    assert ok(run, "log", "@ana 10m").startswith("logged other with Ana Ruiz")
    # An archived Bob fits `bob` exactly, better than Bob Marsh: that one is refused
    ok(run, "contact", "archive", "id:3")
    assert "Bob is archived" in run("log", "@bob 10m").err


def test_an_archived_contact_matching_less_well_changes_nothing(run: Run) -> None:
    ok(run, "contact", "add", "Ana López")
    ok(run, "contact", "add", "Hiroshi Tanaka", "--org", "Yokai")
    ok(run, "contact", "archive", "hiroshi")
    assert ok(run, "log", "@ana #coffee 45m").startswith("logged in person with Ana López")
    assert ok(run, "contact", "archive", "ana").startswith("archived Ana López")


def test_followup_done_names_the_namesake_it_reached_and_the_archived_one_pending(
    run: Run, db: Path
) -> None:
    """`followup done "Sam Lee"` said "no pending follow-ups with Sam Lee" while `followup
    list` showed Sam Lee's: the name had reached Sam Lee (Globex), the Sam Lee (Acme) of
    that follow-up being archived. The refusal says which Sam Lee it was about and
    where the pending one is, by the words that mark it done; nothing is written."""
    ok(run, "contact", "add", "Sam Lee", "--org", "Acme")
    ok(run, "contact", "add", "Sam Lee", "--org", "Globex")
    ok(run, "log", '@"Sam Lee (Acme)" #coffee fu:+5d on:-1d talked')
    ok(run, "contact", "archive", "Sam Lee (Acme)")
    assert "Sam Lee (Acme)" in ok(run, "followup", "list")
    said = refused(run, db, "followup", "done", "Sam Lee")
    assert said == (
        "netrack: no pending follow-ups with Sam Lee (Globex); Sam Lee (Acme), archived, "
        'has 1: netrack followup done "Sam Lee (Acme)" marks it\n'
    )
    assert ok(run, "followup", "done", "Sam Lee (Acme)") == (  # as the words say
        "marked 1 follow-up with archived contact Sam Lee (Acme) done\n"
    )
    # Nothing pending anywhere now: the name alone, told apart.
    said = refused(run, db, "followup", "done", "Sam Lee")
    assert said == "netrack: no pending follow-ups with Sam Lee (Globex)\n"
