"""Bad input: exit 2, exactly one line on stderr, no traceback, nothing on stdout, and the
database byte-for-byte the same (every table dumped before and after)."""

from __future__ import annotations

import json
import shlex
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.cli.conftest import ADD_HINT, db_arg

Run = Callable[..., Any]

SETUP = (
    ("contact", "add", "Ana López", "--org", "Acme", "--strength", "4"),
    ("contact", "add", "Anand Rao"),
    ("contact", "add", "Dana Scully"),
    ("campaign", "add", "Platform Engineer", "--org", "Acme", "--on", "2026-11-02"),
    ("log", "@dana 30m on:-1d"),
    ("log", "@anand on:2026-11-20 fu:2026-11-30"),
)

CASES: list[tuple[str, tuple[str, ...], str]] = [
    ("unknown contact", ("log", "@nobody 30m"), "no contact matches 'nobody'"),
    # It logged today, the --on (and any other flag beside a line) silently ignored.
    (
        "a line and flags",
        ("log", "@dana 30m", "--on", "yesterday", "--cost", "5"),
        "not both (--on, --cost would be ignored",
    ),
    ("ambiguous name", ("log", "@an 30m"), "ambiguous: Ana López (Acme); Anand Rao"),
    ("ambiguous --with", ("log", "--with", "an"), "ambiguous"),
    ("bad date", ("log", "--with", "dana", "--on", "2026-13-45"), "invalid date '2026-13-45'"),
    ("bad date in line", ("log", "@dana on:2026-13-45"), "invalid date '2026-13-45'"),
    ("bad --met", ("contact", "add", "Zed", "--met", "2026-13-45"), "invalid date"),
    # Added, listed as "\u200b", never found by that name again (imports skipped it)
    ("invisible name", ("contact", "add", "\u200b"), "name has nothing to show"),
    ("an ESC for a name", ("contact", "add", "\x1b\u2060"), "name has nothing to show"),
    ("invisible title", ("campaign", "add", "\u200e", "--org", "Acme"), "title has nothing"),
    # printable to Python, blank on screen (a review)
    ("a Braille blank", ("contact", "add", "\u2800"), "name has nothing to show"),
    ("a Hangul filler", ("contact", "add", "\u3164\u115f"), "name has nothing to show"),
    ("a variation selector", ("contact", "add", "\ufe0f\u034f"), "name has nothing to show"),
    # A script's empty "$DAY" was no date at all: logged today, the card of this week.
    ("empty --on", ("log", "--with", "dana", "--on", ""), "--on is empty: give a date"),
    ("blank --on=", ("time", "add", "30m", "--category", "search", "--on= "), "--on is empty"),
    ("empty --follow-up", ("log", "--with", "dana", "--follow-up", ""), "--follow-up is empty"),
    ("empty --met", ("contact", "add", "Zed", "--met", ""), "--met is empty: give a date"),
    ("empty --since", ("interaction", "list", "--since", ""), "--since is empty"),
    ("empty --week", ("scorecard", "--week", ""), "--week is empty: give a week like"),
    ("empty --deadline", ("campaign", "edit", "acme", "--deadline", ""), "--deadline is empty"),
    # argparse takes a prefix: the check read the full names only (a review)
    ("empty --follow", ("log", "--with", "dana", "--follow", ""), "--follow-up is empty"),
    ("empty --o", ("time", "add", "1h", "--category", "search", "--o", ""), "--on is empty"),
    ("empty --wee", ("scorecard", "--wee", ""), "--week is empty"),
    # Taken as 0 (interaction edit refused them): written with no time, no cost.
    ("empty --minutes", ("log", "--with", "dana", "--minutes", ""), "invalid duration ''"),
    ("empty --cost", ("log", "--with", "dana", "--cost", ""), "invalid amount ''"),
    ("a line and empty --minutes", ("log", "@dana", "--minutes", ""), "--minutes would be"),
    # Logged as `other` and with no campaign, where interaction edit refuses an empty kind.
    ("empty --kind", ("log", "--with", "dana", "--kind", ""), "unknown kind '' (known: "),
    ("empty log --campaign", ("log", "--with", "dana", "--campaign", ""), "no campaign matches"),
    (
        "empty referral --campaign",
        ("referral", "add", "--from", "dana", "--direction", "in", "--campaign", ""),
        "no campaign matches ''",
    ),
    (
        "empty time --campaign",
        ("time", "add", "1h", "--category", "search", "--campaign", ""),
        "no campaign matches ''",
    ),
    ("unknown kind", ("log", "@dana #telepathy"), "unknown kind 'telepathy'"),
    ("unknown --kind", ("log", "--with", "dana", "--kind", "fax"), "unknown kind 'fax'"),
    ("unknown stage", ("campaign", "move", "acme", "hired"), "unknown stage 'hired'"),
    ("unknown stage on add", ("campaign", "add", "X", "--org", "Acme", "--stage", "x"), "stage"),
    ("unknown category", ("time", "add", "30m", "--category", "naps"), "unknown category"),
    ("unknown channel", ("contact", "add", "Zed", "--channel", "pigeon"), "unknown channel"),
    ("unknown source", ("campaign", "add", "X", "--org", "Acme", "--source", "psychic"), "source"),
    ("unknown metric", ("goal", "add", "happiness", "3"), "unknown metric 'happiness'"),
    ("blank metric", ("goal", "add", "", "3"), "metric is required"),
    ("blank target", ("goal", "add", "interviews", ""), "target is required"),
    ("blank name", ("contact", "add", "   "), "name must not be blank"),
    ("blank title", ("campaign", "add", " ", "--org", "Acme"), "must not be blank"),
    ("negative minutes", ("log", "--with", "dana", "--minutes", "-5"), "invalid duration"),
    ("zero duration", ("time", "add", "0m", "--category", "search"), "positive duration"),
    ("strength 7", ("contact", "add", "Zed", "--strength", "7"), "strength must be from 1 to 5"),
    ("priority 9", ("campaign", "add", "X", "--org", "Acme", "--priority", "9"), "priority"),
    ("duplicate org", ("org", "add", "ACME"), "organization 'Acme' already exists"),
    ("empty --with", ("interaction", "list", "--with", ""), "no contact matches ''"),
    ("blank --with", ("referral", "list", "--with", " "), "no contact matches ' '"),
    ("empty --campaign", ("interaction", "list", "--campaign", ""), "no campaign matches ''"),
    ("campaign org cleared", ("campaign", "edit", "acme", "--org", " "), "a campaign needs an"),
    (
        "follow-up done before it was set",
        ("followup", "done", "anand", "--on", "2026-11-19"),
        "Anand Rao's pending follow-up comes from 2026-11-20, after 2026-11-19: it cannot be",
    ),
    ("bad size band", ("contact", "add", "Zed", "--org", "Acme", "--size", "12"), "size band"),
    # Two addresses pasted as one (a newline, a tab, an ESC): stored, then exported as %0A.
    (
        "a newline in --url",
        ("contact", "add", "Zed", "--url", "https://a.example/x\nhttps://b.example/y"),
        "url 'https://a.example/x\\nhttps://b.example/y' holds a control character ('\\n')",
    ),
    ("a tab in contact --url", ("contact", "edit", "dana", "--url", "a.example\tb"), "('\\t')"),
    (
        "an ESC in campaign --url",
        ("campaign", "add", "X", "--org", "Acme", "--url", "https://a.example/\x1b[1m"),
        "holds a control character ('\\x1b'); give one address",
    ),
    ("a CR in campaign edit --url", ("campaign", "edit", "acme", "--url", "a\rb"), "('\\r')"),
    ("unknown introducer", ("contact", "add", "Zed", "--introduced-by", "nobody"), "nobody"),
    # the new organization is created inside the same transaction, then rolled back
    (
        "introducer, new org",
        ("contact", "add", "Zed", "--org", "NewCo", "--introduced-by", "x"),
        "no contact matches 'x'",
    ),
    ("unknown campaign", ("log", "@dana +globex"), "no campaign matches 'globex'"),
    ("unknown referrer", ("referral", "add", "--from", "x", "--direction", "in"), "matches"),
    ("bad direction", ("referral", "add", "--from", "dana", "--direction", "up"), "direction"),
    ("no contact in line", ("log", "#coffee 45m"), "at least one @contact"),
    ("line and --with", ("log", "@dana", "--with", "dana"), "not both"),
    ("nothing to log", ("log",), "nothing to log"),
    ("negative cost", ("log", "--with", "dana", "--cost", "-3"), "invalid amount"),
    ("a billion in cents", ("log", "--with", "dana", "--cost", "999999999.995"), "less than"),
    ("follow-up before", ("log", "@dana fu:2026-11-01"), "before the interaction"),
    ("move before opening", ("campaign", "move", "acme", "target", "--on", "2026-01-01"), "before"),
    ("move to same stage", ("campaign", "move", "acme", "research"), "already in research"),
    ("no pending follow-up", ("followup", "done", "dana"), "no pending follow-up"),
    ("year 26 for 2026", ("log", "@dana on:0026-11-20"), "outside the years a scorecard covers"),
    ("met in year 1", ("contact", "add", "Zed", "--met", "0001-01-01"), "1900 to 9998"),
    ("done in the future", ("followup", "done", "dana", "--on", "2099-01-01"), "after today"),
    ("bad week", ("scorecard", "--week", "2026-W60"), "2026 has no week 60"),
    ("week of year 9999", ("scorecard", "--week", "9999-W52"), "week 9999-W52 is outside the"),
    ("week and on", ("scorecard", "--week", "2026-W47", "--on", "today"), "not both"),
    ("negative target", ("goal", "add", "interviews", "-3"), "target must be zero or more"),
    ("unknown command", ("frobnicate",), "invalid choice"),
    (
        "self-introduction",
        ("contact", "edit", "dana", "--introduced-by", "dana"),
        "Dana Scully cannot have introduced themselves",
    ),
    # past the largest id an engine stores: refused as a number, not by the engine
    (
        "id past 2**63",
        ("interaction", "delete", str(2**63)),
        "must be from 1 to 9223372036854775807",
    ),
    ("id of other digits", ("interaction", "edit", "٣", "--note", "x"), "must be a number"),
    # int() and float() read other scripts' digits and underscores: `goal add events ١٢`
    # added "≥ 12" where `config stalled_days ١٢` was refused.
    (
        "target of other digits",
        ("goal", "add", "events", "١٢"),
        "target must be a number, not '١٢'",
    ),
    ("target with _", ("goal", "add", "interactions", "1_0"), "target must be a number, not '1_0'"),
    # float() reads an exponent too: `goal add events 1e1` added "≥ 10"
    (
        "target with an exponent",
        ("goal", "add", "events", "1e1"),
        "target must be a number, not '1e1'",
    ),
    # a date's, a week's and an id's digits are plain ASCII too: "٢٠٢٦-١١-٠١" was 2026-11-01
    (
        "date of other digits",
        ("contact", "add", "Zed", "--met", "٢٠٢٦-١١-٠١"),
        "invalid date '٢٠٢٦-١١-٠١'",
    ),
    ("relative date of other digits", ("log", "@dana on:-٣d"), "invalid date '-٣d'"),
    (
        "month day of other digits",
        ("contact", "edit", "dana", "--met", "dec ٥"),
        "invalid date 'dec ٥'",
    ),
    (
        "week of other digits",
        ("scorecard", "--week", "２０２６-W47"),
        "invalid week '２０２６-W47'",
    ),
    ("id of other digits in a name", ("contact", "show", "id:٢"), "no contact matches 'id:٢'"),
    (
        "share of other digits",
        ("goal", "add", "focus_ratio", "٥٠%"),
        "target must be a number, not '٥٠%'",
    ),
    (
        "strength of other digits",
        ("contact", "add", "Zed", "--strength", "٣"),
        "strength must be a whole number from 1 to 5, not '٣'",
    ),
    (
        "strength with _",
        ("contact", "edit", "dana", "--strength", "1_0"),
        "strength must be a whole number from 1 to 5, not '1_0'",
    ),
    (
        "every with _",
        ("contact", "add", "Zed", "--every", "1_0"),
        "keep-in-touch days must be a whole number from 1 to 3650, not '1_0'",
    ),
    (
        "every of other digits",
        ("contact", "edit", "dana", "--every", "١٢"),
        "keep-in-touch days must be a whole number from 1 to 3650, not '١٢'",
    ),
    (
        "priority of other digits",
        ("campaign", "add", "SRE", "--org", "Acme", "--priority", "٣"),
        "priority must be a whole number from 1 to 5, not '٣'",
    ),
    ("cost of other digits", ("log", "--with", "dana", "--cost", "١٢"), "invalid amount '١٢'"),
    ("cost with _", ("log", "--with", "dana", "--cost", "$1_0"), "invalid amount '$1_0'"),
    ("cost of other digits in a line", ("log", "@dana $١٢"), "invalid amount '١٢'"),
    ("minutes of other digits", ("log", "--with", "dana", "--minutes", "١٢"), "invalid duration"),
    ("minutes with _", ("log", "--with", "dana", "--minutes", "1_0"), "invalid duration '1_0'"),
    ("hours of other digits", ("time", "add", "١h", "--category", "search"), "invalid duration"),
    ("duration of other digits in a line", ("log", "@dana ١٢m"), "'١٢m' is not a duration"),
    ("negative id", ("goal", "delete", "-2"), "the goal id must be a positive number"),
    ("id 0", ("goal", "delete", "0"), "the goal id must be a positive number, not '0'"),
    # argparse took it for an option: "the following arguments are required: duration".
    (
        "negative time",
        ("time", "add", "-30m", "--category", "search"),
        "'-30m' is not a duration: time spent is never negative",
    ),
    # Edits given nothing to change said "updated …" (exit 0) and wrote nothing.
    ("contact edit of nothing", ("contact", "edit", "ana"), "nothing to change"),
    ("campaign edit of nothing", ("campaign", "edit", "platform"), "nothing to change"),
    ("interaction edit of nothing", ("interaction", "edit", "1"), "nothing to change"),
]


@pytest.mark.parametrize(("argv", "words"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_bad_input_exits_2_and_writes_nothing(
    run_shared: Run,
    shared_db: Path,
    dump: Callable[[Path], list[str]],
    argv: tuple[str, ...],
    words: str,
) -> None:
    before = dump(shared_db)
    result = run_shared(*argv)
    assert result.code == 2
    assert result.out == ""
    assert result.err.endswith("\n") and result.err.count("\n") == 1, result.err
    assert "Traceback" not in result.err
    assert words in result.err
    assert dump(shared_db) == before


def test_a_blank_goal_metric_or_target_says_it_is_required(run_shared: Run) -> None:
    """`goal add "" ""` said "unknown metric ''" and listed all 25 metrics."""
    assert run_shared("goal", "add", "", "3").err == "netrack: metric is required\n"
    assert run_shared("goal", "add", "interviews", " ").err == (
        "netrack: target is required (a number)\n"
    )
    assert run_shared("goal", "edit", "1", "--target", "").err == (
        "netrack: target is required (a number)\n"
    )


def test_bad_input_in_a_real_process(run_process: Run, db: Path, dump: Any) -> None:
    assert run_process("contact", "add", "Ana López").code == 0
    before = dump(db)
    result = run_process("log", '@"Nobody Here" 30m')
    assert (result.code, result.out) == (2, "")
    assert result.err == f"netrack: no contact matches 'Nobody Here'{ADD_HINT}\n"
    assert dump(db) == before


def test_a_name_with_spaces_unquoted_says_to_quote_it(run: Run) -> None:
    """`contact add Mei Chen` said "unrecognized arguments: Chen (see netrack --help)":
    the top level's help, and no word of quotes, the newcomer's most common slip."""
    result = run("contact", "add", "Mei", "Chen")
    assert (result.code, result.out) == (2, "")
    assert result.err == (
        "netrack contact add: unrecognized arguments: Chen (a name, title or note with "
        'spaces goes in quotes, like "Mei Chen"; see netrack contact add --help)\n'
    )


def test_help_lists_the_values_an_option_takes(capsys: pytest.CaptureFixture[str]) -> None:
    """`--channel CHANNEL`, `--stage STAGE`, `--category CATEGORY`, `--kind K`: a
    newcomer learned their values only by a mistake."""
    from netrack.cli import main

    def shown(*argv: str) -> str:
        with pytest.raises(SystemExit):
            main([*argv, "--help"])
        return " ".join(capsys.readouterr().out.split())

    assert "how you met: one of: event, linkedin, referral" in shown("contact", "add")
    assert "one of: 1-10, 11-50" in shown("contact", "add")
    assert "one of: research, target, networking, applied" in shown("campaign", "move")
    assert "one of: networking, referral, cold_call" in shown("campaign", "add")
    assert "one of: search, networking, busywork, off" in shown("time", "add")
    assert "coffee" in shown("log") and "when it happened: YYYY-MM-DD" in shown("log")


def test_words_left_over_say_what_to_do(run: Run) -> None:
    """An unknown option was told to quote names; `log --with Ana López` was told to
    give "either a quick-log line or flags", of a line it never wrote."""
    assert run("contact", "add", "Mei", "--bogus", "x").err == (
        "netrack contact add: unrecognized arguments: --bogus x (see netrack contact add --help)\n"
    )
    assert run("log", "--with", "Ana", "López", "--kind", "call").err == (
        "netrack: 'López' is no quick-log line (it names nobody with @): a name or note with "
        'spaces goes in quotes (--with "Ana López")\n'
    )


def test_an_option_given_twice_or_with_a_dash_for_hyphens_is_refused(
    run: Run, db: Path, dump: Callable[[Path], list[str]]
) -> None:
    """`interaction list --with ana --with raj` listed Raj's alone; `--org A --org B`
    kept B unsaid; `—org` (a dash an editor made of `--`) was a leftover word that was
    told to quote a name, and `log —with Ana` answered that a contact is needed."""
    assert run("contact", "add", "Ana López").code == 0
    before = dump(db)
    for argv, said in (
        (("interaction", "list", "--with", "ana", "--with", "raj"), "interaction list: --with is given twice"),
        (("contact", "add", "Xq", "--org", "A1", "--org=B1"), "contact add: --org is given twice"),
        (("contact", "list", "--filter", "a", "--filter", "b"), "contact list: --filter is given twice"),
        (("interaction", "list", "--wi", "ana", "--with", "raj"), "interaction list: --with is given twice"),
        (("scorecard", "—format", "json"), "scorecard: —format is written with a dash: options start with two hyphens, like --format"),
        (("contact", "add", "Zed", "–org", "Acme"), "contact add: –org is written with a dash"),
        (("log", "—with", "Ana"), "log: —with is written with a dash"),
    ):  # fmt: skip
        result = run(*argv)
        assert (result.code, result.out) == (2, ""), argv
        assert result.err.startswith(f"netrack {said}"), result.err
        assert result.err.count("\n") == 1
    assert dump(db) == before
    # Where an option gathers, or names a value that starts with a dash, all is well.
    assert run("log", "--with", "ana", "--with", "ana", "--note", "—with love").code == 0
    assert run("contact", "add", "Bo", "--tag", "a", "--tag", "b", "--note", "—org").code == 0


def test_an_id_of_thousands_of_digits_is_refused_in_one_short_line(run: Run) -> None:
    """`id:` and 4,301 nines: "internal error: ValueError: Exceeds the limit (4300
    digits) for integer string conversion" on every command taking a contact or a
    record's id, and a 4,300-character "no organization with id …" elsewhere."""
    assert run("contact", "add", "Bo").code == 0
    nines = "9" * 4301
    cut = "9" * 20 + "…"
    largest = "9223372036854775807"
    for argv, said in (
        (("contact", "show", f"id:{nines}"), f"no contact with id {cut}"),
        (("log", f"@id:{nines}"), f"no contact with id {cut}"),
        (("contact", "add", "Cy", "--org", f"id:{nines}"), f"no organization with id {cut}"),
        (("goal", "delete", f"id:{nines}"), f"the goal id must be from 1 to {largest}, not "),
        (("interaction", "delete", nines), f"the interaction id must be from 1 to {largest}"),
    ):
        result = run(*argv)
        assert result.code == 2, (argv, result.err[:200])
        assert result.err.startswith(f"netrack: {said}"), (argv, result.err[:200])
        assert result.err.count("\n") == 1 and len(result.err) < 200, argv


def test_a_bare_number_of_minutes_too_long_for_a_day_says_so_however_many_digits(
    run: Run,
) -> None:
    """99999 said "more than a day", 100000 "invalid duration … (expected 45m, …)": the
    same mistake, told as a misspelling."""
    assert run("contact", "add", "Bo").code == 0
    for minutes, said in (
        ("99999", "99999"),
        ("100000", "100000"),
        ("9" * 5000, "999999999999…"),
    ):
        for argv in (("log", "--with", "Bo", "--minutes", minutes), ("time", "add", minutes)):
            result = run(*argv, "--category", "search") if argv[0] == "time" else run(*argv)
            assert (result.code, result.err) == (
                2,
                f"netrack: {said} minutes is more than a day (24h at most)\n",
            )


def test_a_duration_with_its_unit_too_long_for_a_day_says_so(run: Run) -> None:
    """`99999999m` was "not a duration (expected 45m, …)", though written as one."""
    assert run("contact", "add", "Bo").code == 0
    for duration, said in (
        ("99999999m", "99999999m"),
        ("9" * 5000 + "m", "999999999999…m"),
        ("12345678901h", "12345678901h"),
    ):
        for argv in (
            ("log", f"@bo {duration}"),
            ("log", "--with", "Bo", "--minutes", duration),
            ("time", "add", duration, "--category", "search"),
        ):
            result = run(*argv)
            assert (result.code, result.err) == (
                2,
                f"netrack: {said} is more than a day (24h at most)\n",
            )
    assert json.loads(run("interaction", "list", "--format", "json").out) == {"interactions": []}
    assert json.loads(run("time", "list", "--format", "json").out) == {"time_entries": []}


def test_a_duration_too_long_is_said_as_typed_not_in_minutes(run: Run) -> None:
    """`time add 25h` said "1500 minutes is more than a day", where every confirmation
    says hours ("added 24h of search"): each command says it in the words typed."""
    assert run("contact", "add", "Bo").code == 0
    assert run("time", "add", "1h", "--category", "search").code == 0
    assert run("log", "--with", "Bo", "--minutes", "30").code == 0
    for argv, said in (
        (("time", "add", "25h", "--category", "search"), "25h"),
        (("time", "add", "24.5h", "--category", "search"), "24.5h"),
        (("time", "edit", "1", "--duration", "24h1m"), "24h1m"),
        (("time", "edit", "1", "--duration", "1441"), "1441 minutes"),
        (("log", "--with", "Bo", "--minutes", "25h"), "25h"),
        (("log", "@bo 25 hours"), "25 hours"),
        (("interaction", "edit", "1", "--minutes", "1500m"), "1500m"),
    ):
        result = run(*argv)
        assert (result.code, result.err) == (
            2,
            f"netrack: {said} is more than a day (24h at most)\n",
        ), argv
    listed = json.loads(run("time", "list", "--format", "json").out)["time_entries"]
    assert [entry["minutes"] for entry in listed] == [60]
    listed = json.loads(run("interaction", "list", "--format", "json").out)["interactions"]
    assert [entry["minutes"] for entry in listed] == [30]


def test_fixed_values_are_taken_in_any_case_like_the_others(run: Run) -> None:
    """`--stage Applied`, `--source Referral` were taken; `--direction IN`, `--role
    Insider`, `--period Month`, `--format JSON` refused."""
    assert run("contact", "add", "Ana").code == 0
    assert run("campaign", "add", "Eng", "--org", "Acme", "--stage", "Applied").code == 0
    assert run("referral", "add", "--from", "ana", "--direction", "IN").code == 0
    linked = run("campaign", "link", "eng", "ana", "--role", "Insider")
    assert linked.out.strip() == "linked Ana to Acme Eng as insider"
    card = run("scorecard", "--period", "Month", "--format", "JSON")
    assert json.loads(card.out)["period"]["start"] == "2026-11-01"
    assert run("referral", "list", "--format", "Json").code == 0


def test_a_group_without_its_command_asks_for_one_with_the_right_article(run: Run) -> None:
    """`netrack import` said "choose a import command", as did org and interaction."""
    for group, article in (
        ("import", "an"),
        ("org", "an"),
        ("interaction", "an"),
        ("contact", "a"),
    ):
        result = run(group)
        assert (result.code, result.out) == (2, "")
        assert result.err == (
            f"netrack {group}: choose {article} {group} command (see netrack {group} --help)\n"
        )


def test_a_value_not_among_the_choices_is_echoed_as_typed(run: Run) -> None:
    """`--format $'JSON\\e[2J'` was echoed lowered, 'json\\x1b[2j': not what was typed,
    where the mistake may be in the part whose case matters."""
    for argv, said in (
        (("contact", "list", "--format", "JSON\x1b[2J"), "contact list: argument --format: invalid choice: 'JSON\\x1b[2J' (choose from 'table', 'json')"),
        (("scorecard", "--period", "Fortnight"), "scorecard: argument --period: invalid choice: 'Fortnight' (choose from 'week', 'month', 'quarter', 'year')"),
        (("export", "PDF"), "export: argument format: invalid choice: 'PDF' (choose from 'json', 'csv', 'ics', 'vcard')"),
    ):  # fmt: skip
        result = run(*argv)
        assert (result.code, result.out) == (2, "")
        command = " ".join(argv[: 1 if argv[0] != "contact" else 2])
        assert result.err == f"netrack {said} (see netrack {command} --help)\n"


def test_a_name_or_value_that_starts_with_a_dash_is_told_how_to_give_it(
    run: Run, db: Path, dump: Callable[[Path], list[str]]
) -> None:
    """`contact show "-dash"` said "the following arguments are required: name" and
    `--title -2+3` "expected one argument", of what was typed: argparse takes a word that
    starts with "-" for an option. Each says so now, and how to give it; the way it
    names works."""
    where = db_arg(db)
    assert run("contact", "add", "--db", where, "--", "-dash", use_db=False).code == 0
    before = dump(db)
    shown = run("contact", "show", "-dash")
    assert (shown.code, shown.out) == (2, "")
    assert shown.err == (
        "netrack contact show: '-dash' looks like an option but is none: a name or value "
        f"that starts with - goes after --, the options before it (netrack contact show --db "
        f"{shlex.quote(where)} -- -dash)\n"
    )
    way = shown.err.rsplit("(", 1)[1].rstrip(")\n")
    assert run(*shlex.split(way)[1:], use_db=False).out.startswith("name    -dash\n")
    titled = run("contact", "edit", "dash", "--title", "-2+3")
    assert (titled.code, titled.out) == (2, "")
    assert titled.err == (
        "netrack contact edit: '-2+3' looks like an option: give it as --title=-2+3\n"
    )
    assert dump(db) == before
    assert run("contact", "edit", "dash", "--title=-2+3").code == 0
    # A value missing, not one that starts with "-": argparse's words stand.
    assert run("contact", "edit", "dash", "--title", "--org", "Acme").err.startswith(
        "netrack contact edit: argument --title: expected one argument"
    )
    assert run("contact", "show").err.startswith(
        "netrack contact show: the following arguments are required: name"
    )


def test_a_dash_led_word_argparse_reads_as_help_or_no_option_is_told_how_to_give_it(
    run: Run, db: Path, dump: Callable[[Path], list[str]]
) -> None:
    """`contact add -hannah` and `log "-hi @a"` said "argument -h/--help: ignored
    explicit argument", `--note -h` "expected one argument", `log "-@a"` "unrecognized
    arguments": each says now that it looks like an option, and the way it names works."""
    where = shlex.quote(db_arg(db))
    assert run("contact", "add", "Dana Scully").code == 0
    before = dump(db)
    for argv, word in (
        (("contact", "add", "-hannah"), "-hannah"),
        (("contact", "show", "-hannah"), "-hannah"),
        (("log", "-hi @dana"), "'-hi @dana'"),
        (("log", "-@dana"), "-@dana"),
    ):
        said = run(*argv)
        assert (said.code, said.out) == (2, ""), argv
        command = " ".join(argv[:-1])
        assert said.err == (
            f"netrack {command}: '{argv[-1]}' looks like an option but is none: a name or "
            "value that starts with - goes after --, the options before it "
            f"(netrack {command} --db {where} -- {word})\n"
        )
    for command, option_argv, option in (
        ("log", ("log", "--with", "dana", "--note", "-h"), "--note"),
        ("contact list", ("contact", "list", "--filter", "-h"), "--filter"),
    ):
        said = run(*option_argv)
        assert (said.code, said.out, said.err) == (
            2,
            "",
            f"netrack {command}: '-h' looks like an option: give it as {option}=-h\n",
        )
    assert dump(db) == before
    assert run("contact", "add", "--db", db_arg(db), "--", "-hannah", use_db=False).code == 0
    assert run("log", "--db", db_arg(db), "--", "-hi @dana", use_db=False).code == 0
    assert run("log", "--with", "dana", "--note=-h").code == 0
    assert run("contact", "list", "--filter=-h").code == 0


def test_a_long_option_written_with_one_dash_is_named(
    run: Run, db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`netrack -db n.db agenda` said "argument COMMAND: invalid choice: 'n.db'": the
    path typed was called a command. The option is named, with its two dashes; no file
    is made, and a value that starts with one dash stays a value."""
    monkeypatch.chdir(tmp_path)
    for argv, said in (
        (("-db", "n.db", "agenda"), "netrack: unknown option -db (did you mean --db?)"),
        (("agenda", "-db", "n.db"), "netrack agenda: unknown option -db (did you mean --db?)"),
        (("agenda", "-db=n.db"), "netrack agenda: unknown option -db (did you mean --db?)"),
        (
            ("scorecard", "-period", "week"),
            "netrack scorecard: unknown option -period (did you mean --period?)",
        ),
        (
            ("contact", "list", "-format", "json"),
            "netrack contact list: unknown option -format (did you mean --format?)",
        ),
    ):
        refused = run(*argv, use_db=False)
        assert (refused.code, refused.out, refused.err) == (2, "", f"{said}\n"), argv
    assert list(tmp_path.iterdir()) == []
    # An option's value, and a name after --, are what they were.
    assert run("contact", "add", "Zed", "--title", "-db").err == (
        "netrack contact add: '-db' looks like an option: give it as --title=-db\n"
    )
    added = run("contact", "add", "--db", db_arg(db), "--", "-db", use_db=False)
    assert added.out == "added contact -db\n"


def test_a_mistyped_command_or_option_is_offered_the_close_ones(run: Run) -> None:
    """`netrack contcat add` listed all 19 commands, `contact ad` the group's 8, and
    `scorecard --perod week` said "unrecognized arguments": the close names of the
    parser's own commands and options are offered, at every level, in one line.
    Nothing close: argparse's words, as before."""
    for argv, said in (
        (("contcat", "add"), "netrack: unknown command 'contcat' (did you mean contact?)"),
        (("contact", "ad", "x"), "netrack contact: unknown command 'ad' (did you mean add?)"),
        (
            ("followup", "dnoe", "x"),
            "netrack followup: unknown command 'dnoe' (did you mean done?)",
        ),
        (
            ("scorecard", "--perod", "week"),
            "netrack scorecard: unknown option --perod (did you mean --period?)",
        ),
        (
            ("contact", "list", "--fromat=json"),
            "netrack contact list: unknown option --fromat (did you mean --format?)",
        ),
        (("log", "--wiht", "ana"), "netrack log: unknown option --wiht (did you mean --with?)"),
    ):
        refused = run(*argv)
        assert (refused.code, refused.out, refused.err) == (2, "", f"{said}\n"), argv


def test_a_group_s_command_typed_alone_is_offered_with_its_groups(run: Run, db: Path) -> None:
    """`netrack list`, `netrack archive ana`: a command of a group typed without the group
    listed all 19 commands (and `done` was offered as demo): the groups that have it are
    named with it, in the order the help lists them, and nothing is opened."""
    for argv, said in (
        (("archive", "ana"), "did you mean contact archive?"),
        (("done", "ana"), "did you mean followup done?"),
        (("show", "ana"), "did you mean contact show or campaign show?"),
        (
            ("add", "Ana"),
            "did you mean contact add, org add, campaign add, referral add, time add or goal add?",
        ),
        (("linkedin", "Connections.csv"), "did you mean import linkedin?"),
    ):
        refused = run(*argv)
        word = argv[0]
        assert (refused.code, refused.out, refused.err) == (
            2,
            "",
            f"netrack: unknown command {word!r} ({said})\n",
        ), argv
    if isinstance(db, Path):  # a file: not made (a server database is made by the test)
        assert not db.exists()
    unknown = run("frobnicate")
    assert unknown.code == 2 and unknown.err.count("\n") == 1
    assert "invalid choice: 'frobnicate' (choose from 'demo', 'contact'" in unknown.err
    bogus = run("contact", "add", "Mei", "--bogus", "x")
    assert bogus.err == (
        "netrack contact add: unrecognized arguments: --bogus x (see netrack contact add --help)\n"
    )
