"""`netrack log "…"`: what the line's words are read as, and what a refused word says."""

from __future__ import annotations

import json

import pytest

from tests.cli.conftest import Run


def logged(run: Run) -> list[tuple[int, str]]:
    listed = json.loads(run("interaction", "list", "--format", "json").out)["interactions"]
    return [(entry["minutes"], entry["note"]) for entry in reversed(listed)]


def test_a_duration_written_with_a_space_is_saved_as_said(run: Run) -> None:
    assert run("contact", "add", "Raj Patel", "--org", "Acme").code == 0
    assert run("log", "@raj 2 hours coffee at the canal").out.endswith("· 120m\n")
    assert run("log", "@raj 1 hour lunch").code == 0
    assert run("log", "@raj 45 min chat").code == 0
    refused = run("log", "#call @raj 1h 30 went through the offer")
    assert (refused.code, refused.err) == (
        2,
        "netrack: two durations: '1h' then '30' (one is written like 1h30); "
        "quote it to keep it as note text\n",
    )
    assert logged(run) == [(120, "coffee at the canal"), (60, "lunch"), (45, "chat")]


def test_a_spaced_duration_that_is_none_is_refused_and_nothing_is_logged(run: Run) -> None:
    assert run("contact", "add", "Raj Patel", "--org", "Acme").code == 0
    forms = "45m, 45min, 1h, 1.5h, 1h30m, 1h30, 2hrs or 90"
    for line, said in [
        ("@raj 1,5 h coffee", f"'1,5 h' is not a duration (expected {forms})"),
        ("@raj .5 h quick sync", f"'.5 h' is not a duration (expected {forms})"),
        (
            "@raj 3 hours' drive",
            f'"3 hours\'" is not a duration (expected {forms}, standing alone)',
        ),
    ]:
        refused = run("log", line)
        assert (refused.code, refused.err) == (
            2,
            f"netrack: {said}; quote it to keep it as note text\n",
        )
    assert run("log", "@raj 0.5 h quick sync").code == 0
    assert logged(run) == [(30, "quick sync")]


def test_an_id_with_leading_zeros_names_the_same_record(run: Run) -> None:
    assert run("contact", "add", "Raj Patel", "--org", "Acme").code == 0
    assert run("campaign", "add", "Staff Engineer", "--org", "Acme").code == 0
    said = run("log", "@id:01 +id:001 first call")
    assert (said.code, said.out) == (
        0,
        "logged other with Raj Patel on 2026-11-27 · for Acme Staff Engineer\n",
    )
    missing = run("log", "@id:007 x")
    assert (missing.code, missing.err) == (2, "netrack: no contact with id 7\n")


def test_a_line_given_with_flags_is_told_each_flag_s_word_for_the_line(run: Run) -> None:
    assert run("contact", "add", "Raj Patel").code == 0
    start = "netrack: give either a quick-log line or flags, not both ("
    for flags, said in [
        (["--kind", "call"], "--kind would be ignored: say it in the line, e.g. #call, or"),
        (["--minutes", "45"], "--minutes would be ignored: say it in the line, e.g. 45m, or"),
        (
            ["--on", "yesterday", "--cost", "5"],
            "--on, --cost would be ignored: say them in the line, e.g. on:yesterday $12, or",
        ),
        (
            ["--kind", "call", "--value-given", "advice"],
            "--kind, --value-given would be ignored: say --kind in the line, e.g. #call; "
            "--value-given only with --with NAME)",
        ),
    ]:
        refused = run("log", "@raj x", *flags)
        assert refused.code == 2
        assert refused.err.startswith(start + said), refused.err
    assert json.loads(run("interaction", "list", "--format", "json").out)["interactions"] == []


def test_a_refused_hashtag_salary_or_phone_says_how_to_keep_it_in_the_note(run: Run) -> None:
    assert run("contact", "add", "Raj Patel", "--org", "Acme").code == 0
    assert run("campaign", "add", "Staff Engineer", "--org", "Acme").code == 0
    for line, said in [
        ("@raj saw their #hiring post", "unknown kind 'hiring' (known: in_person, "),
        ("@raj discussed $120k base", "invalid amount '120k' (expected a number like 12.50)"),
        ("@raj called +1 555 0100", "no campaign matches '1'"),
        ("@raj #call saw their #hiring post", "only one #kind per entry"),
    ]:
        refused = run("log", line)
        assert refused.code == 2
        assert refused.err.startswith(f"netrack: {said}"), refused.err
        assert refused.err.endswith("; quote it to keep it as note text\n"), refused.err
    kept = run("log", '@raj saw their "#hiring" post, "$120k" "+1" 555 0100')
    assert kept.code == 0, kept.err
    assert logged(run) == [(0, 'saw their "#hiring" post, "$120k" "+1" 555 0100')]


def test_log_help_lists_the_quick_log_grammar(capsys: pytest.CaptureFixture[str]) -> None:
    """`log --help` said "quick-log one-liner" and one example: nothing of @, +, #, !,
    fu:, on:, $ or the -/_/id: name forms. It lists the parser's GRAMMAR, row by row."""
    from netrack import cli
    from netrack.domain.quicklog_grammar import GRAMMAR

    with pytest.raises(SystemExit) as caught:
        cli.main(["log", "--help"])
    assert caught.value.code == 0
    lines = capsys.readouterr().out.splitlines()
    assert "quick-log line:" in lines
    for forms, meaning in GRAMMAR:
        line = next(line for line in lines if line.startswith(f"  {forms[0]}"))
        assert "  ".join(forms) in line and meaning.split(" ")[0] in line
