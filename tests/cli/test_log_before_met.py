"""A touch dated before its contact's met-on day: the usual back-fill (the person added
today, last week's coffee logged next) was taken without a word, and the past week's
card then counted a meaningful conversation with someone not in its network. The
confirmation notes it, with the command that moves met_on; met_on itself is left as
stored (the card counts people known from it, and a script may set both on purpose).
Today is Friday 2026-11-27."""

from __future__ import annotations

import json

from tests.cli.conftest import Run


def note(name: str, met: str, on: str, typed: str | None = None) -> str:
    argument = typed or f'"{name}"'
    return (
        f"note: {name} was met on {met}, after this touch "
        f"(netrack contact edit {argument} --met {on} if you met earlier)\n"
    )


def test_a_touch_before_the_met_on_day_is_noted_and_met_on_kept(run: Run) -> None:
    assert run("contact", "add", "Omar", "--channel", "event").code == 0  # met today
    back = run("log", "#coffee @omar on:2026-11-10 1h ! met at a meetup")
    assert (back.code, back.err) == (0, "")
    assert back.out == (
        "logged in person with Omar on 2026-11-10 · 60m · meaningful\n"
        + note("Omar", "2026-11-27", "2026-11-10")
    )
    (omar,) = json.loads(run("contact", "list", "--format", "json").out)["contacts"]
    assert omar["met_on"] == "2026-11-27"  # said, not moved
    flags = run("log", "--with", "omar", "--on", "2026-11-12", "--kind", "call")
    assert flags.out == "logged call with Omar on 2026-11-12\n" + note(
        "Omar", "2026-11-27", "2026-11-12"
    )
    assert run("log", "@omar #email").out == "logged email with Omar on 2026-11-27\n"

    # An edit that moves the day before it says so too; one that moves nothing does not.
    moved = run("interaction", "edit", "3", "--on", "2026-11-20")
    assert moved.out == "#3 edited email with Omar on 2026-11-20\n" + note(
        "Omar", "2026-11-27", "2026-11-20"
    )
    assert run("interaction", "edit", "3", "--note", "thanks").out == (
        "#3 edited email with Omar on 2026-11-20\n"
    )

    # The command the note gives moves met_on, and then there is nothing to note.
    assert run("contact", "edit", "Omar", "--met", "2026-11-10").code == 0
    assert run("log", "@omar on:2026-11-10").out == "logged other with Omar on 2026-11-10\n"
    week = json.loads(run("scorecard", "--week", "2026-W46", "--format", "json").out)
    assert (week["meaningful_contacts"], week["network"]["size"]) == (1, 1)


def test_the_note_names_each_late_met_person_as_the_confirmation_does(run: Run) -> None:
    """Namesakes by their label, which `contact edit` takes; one met earlier, nothing."""
    for argv in (
        ("contact", "add", "Sam Lee", "--org", "Acme"),
        ("contact", "add", "Sam Lee", "--org", "Globex", "--met", "2026-11-01"),
        ("contact", "add", "Ana", "--met", "2026-11-24"),
    ):
        assert run(*argv).code == 0, argv
    line = '@"Sam Lee (Acme)" @"Sam Lee (Globex)" @ana on:2026-11-20'
    assert run("log", line).out == (
        "logged other with Sam Lee (Acme), Sam Lee (Globex), Ana on 2026-11-20\n"
        + note("Sam Lee (Acme)", "2026-11-27", "2026-11-20")
        + note("Ana", "2026-11-24", "2026-11-20")
    )
    assert run("contact", "edit", "Sam Lee (Acme)", "--met", "2026-11-20").code == 0
    listed = run("contact", "list", "--filter", "org:acme", "--format", "json").out
    (sam,) = json.loads(listed)["contacts"]
    assert sam["met_on"] == "2026-11-20"


def test_moving_the_met_on_day_past_touches_is_noted_as_a_late_touch_is(run: Run) -> None:
    """`contact edit --met` after a touch of theirs said only "updated contact Mia Met",
    where logging that touch after the day is noted: the card then counted a
    conversation with someone not yet in the network without a word."""
    assert run("contact", "add", "Mia Met", "--met", "2026-11-01").code == 0
    assert run("log", "@mia #coffee 45m on:2026-11-15 coffee").code == 0
    assert run("log", "@mia #call on:2026-11-20").code == 0

    moved = run("contact", "edit", "mia", "--met", "2026-11-21")

    assert (moved.code, moved.err) == (0, "")
    assert moved.out == (
        "updated contact Mia Met\n"
        "note: Mia Met has 2 touches before 2026-11-21 (first 2026-11-15; "
        'netrack contact edit "Mia Met" --met 2026-11-15 if you met by then)\n'
    )
    (mia,) = json.loads(run("contact", "list", "--format", "json").out)["contacts"]
    assert mia["met_on"] == "2026-11-21"  # said, not moved back
    after_one = run("contact", "edit", "mia", "--met", "2026-11-16").out
    assert "has 1 touch before 2026-11-16 (first 2026-11-15;" in after_one
    assert run("contact", "edit", "mia", "--met", "2026-11-15").out == "updated contact Mia Met\n"
    assert run("contact", "edit", "mia", "--title", "Lead").out == "updated contact Mia Met\n"


def test_moving_the_met_on_day_past_strength_changes_notes_them_with_the_touches(
    run: Run,
) -> None:
    """`contact edit --met` moved past strength changes said nothing of them, while a
    dated `--strength N --on` before the day met is refused: they are noted after the
    touches, and the day to set is the earliest of both."""
    assert run("contact", "add", "Mia Met", "--met", "2026-11-01", "--strength", "2").code == 0
    assert run("contact", "edit", "mia", "--strength", "3", "--on", "2026-11-10").code == 0
    assert run("log", "@mia #coffee on:2026-11-15").code == 0

    moved = run("contact", "edit", "mia", "--met", "2026-11-21")

    assert (moved.code, moved.err) == (0, "")
    assert moved.out == (
        "updated contact Mia Met\n"
        "note: Mia Met has 1 touch before 2026-11-21 (first 2026-11-15) and 2 strength "
        "changes before it (first 2026-11-01; "
        'netrack contact edit "Mia Met" --met 2026-11-01 if you met by then)\n'
    )
    only_strength = run("contact", "edit", "mia", "--met", "2026-11-05").out
    assert only_strength == (
        "updated contact Mia Met\n"
        "note: Mia Met has 1 strength change before 2026-11-05 (2026-11-01; "
        'netrack contact edit "Mia Met" --met 2026-11-01 if you met by then)\n'
    )
    assert run("contact", "edit", "mia", "--met", "2026-11-01").out == "updated contact Mia Met\n"
