"""`netrack import json` with the files that crashed it: a file that is not an export is
one line and exit 2 with the database untouched; a record netrack would refuse is skipped
and named on stdout, the rest imported; never "internal error", never a traceback."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.cli.conftest import Run, remove_database, sql

HEAD = '{"format": "netrack", "schema_version": 1, '
SETUP = (
    ("contact", "add", "Ana López", "--org", "Acme", "--strength", "4"),
    ("log", "@ana 30m on:-1d"),
)


def _ready(run: Run) -> None:
    for argv in SETUP:
        assert run(*argv).code == 0


def _clean(result: Any) -> None:
    for stream in (result.out, result.err):
        assert "internal error" not in stream and "Traceback" not in stream


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (HEAD + '"contacts": [{"name": "A", "met_on": "2026-01-01", "strength": NaN}]}', "NaN"),
        (HEAD + '"interactions": [{"cost": Infinity}]}', "Infinity is not a number in JSON"),
        (HEAD + '"interactions": [{"cost": -Infinity}]}', "-Infinity is not a number in JSON"),
        (HEAD + '"settings": ' + "[" * 100_000 + "]" * 100_000 + "}", "nested too deeply"),
        ("[" * 100_000, "nested too deeply"),
        (HEAD + '"interactions": [{"minutes": ' + "7" * 5000 + "}]}", "over 4,300 digits"),
        (HEAD + '"contacts": "everyone"}', "contacts: expected a list"),
        ('{"format": "vcard"}', "not a netrack JSON export"),
        ("\ufeff{", "not valid JSON"),
    ],
)
def test_a_file_that_is_not_an_export_is_one_line_and_exit_2(
    run_shared: Run,
    shared_db: Path,
    tmp_path: Path,
    dump: Callable[[Path], list[str]],
    text: str,
    message: str,
) -> None:
    run, db = run_shared, shared_db
    path = tmp_path / "in.json"
    path.write_text(text, encoding="utf-8")
    before = dump(db)

    result = run("import", "json", str(path))

    _clean(result)
    assert result.code == 2 and result.out == ""
    assert result.err.startswith("netrack: ") and result.err.count("\n") == 1
    assert message in result.err
    assert dump(db) == before


def test_a_lone_surrogate_escape_is_refused_in_one_line_when_it_is_the_format(
    run_shared: Run, shared_db: Path, tmp_path: Path, dump: Callable[[Path], list[str]]
) -> None:
    run, db = run_shared, shared_db
    path = tmp_path / "in.json"
    path.write_text('{"format": "netrack\\ud800", "schema_version": 1}', encoding="utf-8")
    before = dump(db)

    result = run("import", "json", str(path))

    _clean(result)
    assert result.code == 2 and result.err.startswith("netrack: ")
    assert "not a netrack JSON export" in result.err and dump(db) == before


def _export_and_empty(run: Run, db: Path, tmp_path: Path) -> dict[str, Any]:
    """The database as an export document; the database itself then removed, so the
    import that follows goes into an empty one."""
    out = tmp_path / "export.json"
    assert run("export", "json", "--out", str(out)).code == 0
    remove_database(db)
    return dict(json.loads(out.read_text(encoding="utf-8")))


@pytest.mark.parametrize(
    ("change", "line"),
    [
        (
            lambda d: d["interactions"][0].update(cost=1e308),
            "interactions[0].cost: cost must be from 0 to less than 1,000,000,000, not 1e+308",
        ),
        (
            lambda d: d["interactions"][0].update(note="tea \ud800"),
            "interactions[0].note: note is not valid text (it holds '\\ud800', a lone surrogate)",
        ),
        (  # text to SQLite, refused by PostgreSQL: refused alike on both
            lambda d: d["interactions"][0].update(note="tea \x00 time"),
            "interactions[0].note: note is not valid text (it holds a NUL character, \\x00)",
        ),
        (
            lambda d: d["interactions"][0].update(on="2026-12-25"),
            "interactions[0].on: interaction 2026-12-25 is after today (2026-11-27)",
        ),
        (
            lambda d: d["interactions"][0].update(follow_up_on="2026-11-01"),
            "interactions[0].follow_up_on: follow-up 2026-11-01 is before the interaction",
        ),
        (
            lambda d: d["interactions"][0].update(minutes=100_000),
            "interactions[0].minutes: minutes must be from 0 to 1440, not 100000",
        ),
    ],
)
def test_a_bad_interaction_is_skipped_and_named_the_rest_imported(
    run: Run, db: Path, tmp_path: Path, change: Any, line: str
) -> None:
    _ready(run)
    doc = _export_and_empty(run, db, tmp_path)
    change(doc)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(doc), encoding="utf-8")

    result = run("import", "json", str(path))

    _clean(result)
    assert result.code == 0, result.err
    assert "interactions: 0 added, 0 updated, 1 skipped (invalid, listed below: 1)" in result.out
    assert f"  skipped {line}" in result.out
    counts = [sql(db, f"SELECT count(*) FROM {t}")[0][0] for t in ("contact", "interaction")]
    assert counts == [1, 0]


@pytest.mark.parametrize(
    "value", ["²", "7", "-1", "1" * 5000, "Mondays", "2.5", True, None, ["0"], {"x": 1}]
)
def test_an_imported_bad_week_start_leaves_the_scorecard_working(
    run: Run, db: Path, tmp_path: Path, value: Any
) -> None:
    _ready(run)
    doc = _export_and_empty(run, db, tmp_path)
    doc["settings"] = {"week_start": value, "going_cold_days": "21"}
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(doc), encoding="utf-8")

    result = run("import", "json", str(path))
    card = run("scorecard")

    _clean(result)
    _clean(card)
    assert result.code == 0 and "  skipped settings['week_start']: " in result.out
    assert card.code == 0, card.err
    assert sql(db, "SELECT key, value FROM setting") == [("going_cold_days", "21")]


@pytest.mark.parametrize(
    ("key", "value"),
    [("week_start", "²"), ("week_start", "9"), ("going_cold_days", "-5"), ("stalled_days", "x")],
)
def test_a_bad_setting_already_in_the_database_leaves_the_scorecard_working(
    run: Run, db: Path, key: str, value: str
) -> None:
    """What an older netrack's import left behind: every scorecard crashed on it."""
    _ready(run)
    sql(db, "INSERT INTO setting (key, value) VALUES (?, ?)", (key, value))

    card = run("scorecard")

    _clean(card)
    assert card.code == 0, card.err


# The tester's history: a contact met today (2026-11-27), linked to a campaign, and an
# interaction logged today about July.
AHEAD = (
    ("contact", "add", "Old Friend", "--met", "2026-01-01"),
    ("campaign", "add", "Big Role", "--org", "Acme", "--on", "2026-06-01"),
    ("campaign", "move", "Big Role", "applied", "--on", "2026-07-01"),
    ("campaign", "link", "Big Role", "Old Friend", "--role", "referrer"),
    (
        "log",
        "--with",
        "Old Friend",
        "--campaign",
        "Big Role",
        "--kind",
        "call",
        "--on",
        "2026-07-10",
        "--minutes",
        "30",
    ),
    ("contact", "add", "New Recruiter"),
    ("campaign", "link", "Big Role", "New Recruiter", "--role", "recruiter"),
)


def _exported_a_day_ahead(
    run: Run, db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """`AHEAD` written on 2026-11-27 and exported, the database gone, and "today" the
    26th: the export, to import where it is still the day before."""
    for argv in AHEAD:
        assert run(*argv).code == 0, argv
    first = tmp_path / "ahead.json"
    assert run("export", "json", "--out", str(first)).code == 0
    remove_database(db)
    monkeypatch.setenv("NETRACK_TODAY", "2026-11-26")
    return first


def test_an_export_from_a_time_zone_ahead_imports_whole_the_day_before(
    run: Run, db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Exported where it is already 2026-11-27 (Kiritimati), imported where it is still
    the 26th (New York): the contact met "today" there, and with it the campaign linked
    to them, and the interaction logged "today" there were skipped, exit 0."""
    first = _exported_a_day_ahead(run, db, tmp_path, monkeypatch)

    result = run("import", "json", str(first))

    _clean(result)
    assert result.code == 0, result.err
    assert result.out.splitlines()[2:] == [
        "  contacts: 2 added, 0 updated, 0 skipped",
        "  organizations: 1 added, 0 updated, 0 skipped",
        "  campaigns: 1 added, 0 updated, 0 skipped",
        "  interactions: 1 added, 0 updated, 0 skipped",
        "  warning: 2 records are dated up to 2026-11-27, after today (2026-11-26): "
        "exported in a time zone ahead of this one; kept",
    ]
    assert sql(db, "SELECT name, CAST(met_on AS TEXT) FROM contact ORDER BY id") == [
        ("Old Friend", "2026-01-01"),
        ("New Recruiter", "2026-11-27"),
    ]
    assert sql(
        db,
        "SELECT c.name, l.role FROM campaign_contact l JOIN contact c ON c.id = l.contact_id "
        "ORDER BY l.id",
    ) == [("Old Friend", "referrer"), ("New Recruiter", "recruiter")]
    assert sql(
        db, 'SELECT CAST("on" AS TEXT), minutes, CAST(logged_on AS TEXT) FROM interaction'
    ) == [("2026-07-10", 30, "2026-11-27")]
    again = tmp_path / "again.json"
    assert run("export", "json", "--out", str(again)).code == 0
    assert again.read_bytes() == first.read_bytes()


def test_the_word_on_dates_ahead_counts_only_the_records_added(
    run: Run, db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Imported a second time, the same export added nothing and still said "2 records
    are dated up to 2026-11-27, after today (2026-11-26): … kept"."""
    for argv in AHEAD:
        assert run(*argv).code == 0, argv
    first, later = tmp_path / "first.json", tmp_path / "later.json"
    assert run("export", "json", "--out", str(first)).code == 0
    assert run("contact", "add", "Late Hire").code == 0  # met that day too
    assert run("export", "json", "--out", str(later)).code == 0
    remove_database(db)
    monkeypatch.setenv("NETRACK_TODAY", "2026-11-26")
    assert "warning: 2 records are dated" in run("import", "json", str(first)).out

    again = run("import", "json", str(first))
    one_more = run("import", "json", str(later))

    _clean(again)
    assert again.code == 0, again.err
    assert "  contacts: 0 added, 0 updated, 2 skipped (already in netrack: 2)" in again.out
    assert "warning" not in again.out
    _clean(one_more)
    assert one_more.code == 0, one_more.err
    assert "  contacts: 1 added, 0 updated, 2 skipped (already in netrack: 2)" in one_more.out
    assert one_more.out.endswith(
        "  warning: 1 record is dated up to 2026-11-27, after today (2026-11-26): "
        "exported in a time zone ahead of this one; kept\n"
    )


@pytest.mark.parametrize(
    ("field", "day", "line"),
    [
        (
            "on",
            "2026-11-29",
            "interactions[0].on: interaction 2026-11-29 is after today (2026-11-26) by more "
            "than the 2 days a time zone ahead explains",
        ),
        # A logged_on further ahead costs only that day (test_json_import_bookkeeping)
        ("logged_on", "2026-11-28", None),  # two days ahead: a time zone, kept
    ],
)
def test_a_date_more_than_two_days_ahead_is_still_refused(
    run: Run,
    db: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    field: str,
    day: str,
    line: str | None,
) -> None:
    _ready(run)
    doc = _export_and_empty(run, db, tmp_path)
    doc["interactions"][0][field] = day
    path = tmp_path / "ahead.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    monkeypatch.setenv("NETRACK_TODAY", "2026-11-26")

    result = run("import", "json", str(path))

    _clean(result)
    assert result.code == 0, result.err
    if line is None:
        assert "interactions: 1 added, 0 updated, 0 skipped" in result.out
        # with Ana, met on the 27th (added that day)
        assert "warning: 2 records are dated up to 2026-11-28, after today (2026-11-26)" in (
            result.out
        )
        assert sql(db, "SELECT CAST(logged_on AS TEXT) FROM interaction") == [("2026-11-28",)]
    else:
        assert "interactions: 0 added, 0 updated, 1 skipped (invalid" in result.out
        assert f"  skipped {line}" in result.out
        assert "warning: 1 record is dated up to 2026-11-27, after today" in result.out
        assert sql(db, "SELECT count(*) FROM interaction") == [(0,)]


def test_a_setting_or_goal_the_file_gives_otherwise_is_said_kept_not_already_set(
    run: Run, tmp_path: Path
) -> None:
    """The user's `week_start` and goal targets stay, as before; the summary no longer
    counts a file's sunday against netrack's monday, or its target 7 against 5, as the
    same ("already set"), so nothing the file held is thrown away unsaid."""
    assert run("config", "week_start", "monday").code == 0
    exported = tmp_path / "mine.json"
    assert run("export", "json", "--out", str(exported)).code == 0
    document = json.loads(exported.read_text(encoding="utf-8"))
    goals = len(document["goals"])
    document["settings"]["week_start"] = "sunday"
    document["goals"][0]["target"] = document["goals"][0]["target"] + 2
    other = tmp_path / "other.json"
    other.write_text(json.dumps(document), encoding="utf-8")
    kept = "in netrack with other values, netrack's kept: 1"
    result = run("import", "json", str(other))
    assert result.code == 0, result.err
    assert f"  settings: 0 added, 0 updated, 1 skipped ({kept})" in result.out
    assert f"  goals: 0 added, 0 updated, {goals} skipped (already set: {goals - 1}, {kept})" in (
        result.out
    )
    assert run("config", "week_start").out.strip().endswith("monday")
    again = run("import", "json", str(exported))
    assert "  settings: 0 added, 0 updated, 1 skipped (already set: 1)" in again.out
    assert f"  goals: 0 added, 0 updated, {goals} skipped (already set: {goals})" in again.out


def test_a_file_whose_goal_was_raised_ends_the_same_goal_here_never_two_targets(
    run: Run, tmp_path: Path
) -> None:
    """The file's goal 1 ends the day before its raise; here goal 1 has no end: it gets
    the file's (counted updated) and the raised goal is added beside it, on later days.
    A goal here with another end keeps it, and the raise is skipped as differing: two
    targets would be judged on the days both count."""
    assert run("config", "week_start", "monday").code == 0  # not a new database
    assert run("goal", "edit", "1", "--target", "8", "--from", "2026-12-07").code == 0
    exported = tmp_path / "raised.json"
    assert run("export", "json", "--out", str(exported)).code == 0
    goals = len(json.loads(exported.read_text(encoding="utf-8"))["goals"])
    raised = goals  # the last goal of the file
    assert run("goal", "delete", str(raised)).code == 0
    assert run("goal", "edit", "1", "--until", "none").code == 0

    result = run("import", "json", str(exported))

    assert result.code == 0, result.err
    assert f"  goals: 1 added, 1 updated, {goals - 2} skipped (already set: {goals - 2})" in (
        result.out
    )
    listed = json.loads(run("goal", "list", "--format", "json").out)["goals"]
    ones = [
        (g["target"], g["since"], g["until"]) for g in listed if g["metric"] == listed[0]["metric"]
    ]
    assert ones[0][2] == "2026-12-06" and ones[1] == (8, "2026-12-07", None)
    again = run("import", "json", str(exported))
    assert f"  goals: 0 added, 0 updated, {goals} skipped (already set: {goals})" in again.out

    assert run("goal", "delete", str(raised + 1)).code == 0
    assert run("goal", "edit", "1", "--until", "2026-12-20").code == 0
    kept = run("import", "json", str(exported))
    assert "  goals: 0 added, 0 updated" in kept.out and "netrack's kept: 1" in kept.out
    listed = json.loads(run("goal", "list", "--format", "json").out)["goals"]
    assert [g["until"] for g in listed if g["metric"] == listed[0]["metric"]] == ["2026-12-20"]


@pytest.mark.parametrize(
    ("since", "said"),
    [
        (
            ("contact", "archive", "marco"),
            "skipped (in netrack with other values, netrack's kept: 1)",
        ),
        (("contact", "edit", "marco", "--every", "14"), "skipped (in netrack with other values"),
    ],
    ids=["archived", "cadence"],
)
def test_a_contact_archived_or_given_another_cadence_is_said_kept_not_already_there(
    run: Run, db: Path, tmp_path: Path, since: tuple[str, ...], said: str
) -> None:
    """An export made before the contact was archived (or their cadence changed) says
    otherwise than netrack: netrack's stays, and the summary says so, as for a title."""
    assert run("contact", "add", "Marco Bianchi", "--org", "Brightline", "--every", "30").code == 0
    older = tmp_path / "older.json"
    assert run("export", "json", "--out", str(older)).code == 0
    assert run(*since).code == 0
    before = sql(db, "SELECT archived, keep_in_touch FROM contact")

    result = run("import", "json", str(older))

    assert result.code == 0, result.err
    assert f"  contacts: 0 added, 0 updated, 1 {said}" in result.out
    assert sql(db, "SELECT archived, keep_in_touch FROM contact") == before


def test_a_blank_cadence_the_file_fills_is_counted_updated(
    run: Run, db: Path, tmp_path: Path
) -> None:
    assert run("contact", "add", "Marco Bianchi", "--every", "30").code == 0
    exported = tmp_path / "mine.json"
    assert run("export", "json", "--out", str(exported)).code == 0
    assert run("contact", "edit", "marco", "--every", "none").code == 0

    result = run("import", "json", str(exported))

    assert "  contacts: 0 added, 1 updated, 0 skipped" in result.out
    assert sql(db, "SELECT keep_in_touch FROM contact") == [(30,)]


def test_a_second_role_for_a_linked_contact_is_said_left_out(
    run: Run, db: Path, tmp_path: Path
) -> None:
    """A campaign of the file linking Ana as referrer, then again as interviewer: only
    the referrer was stored (a link holds one role) and the summary said nothing."""
    _ready(run)
    assert run("campaign", "add", "Eng", "--org", "Acme").code == 0
    assert run("campaign", "link", "eng", "ana", "--role", "referrer").code == 0
    doc = _export_and_empty(run, db, tmp_path)
    doc["campaigns"][0]["contacts"].append({"contact": 1, "role": "interviewer"})
    path = tmp_path / "two-roles.json"
    path.write_text(json.dumps(doc), encoding="utf-8")

    result = run("import", "json", str(path))
    again = run("import", "json", str(path))

    _clean(result)
    assert result.code == 0, result.err
    assert result.out.splitlines()[4:] == [
        "  campaigns: 1 added, 0 updated, 0 skipped",
        "  interactions: 1 added, 0 updated, 0 skipped",
        "  kept campaigns[0] without contacts[1] (as interviewer): contacts[0] links the "
        "same contact as referrer, and a link holds one role",
    ]
    assert sql(db, "SELECT contact_id, role FROM campaign_contact") == [(1, "referrer")]
    assert again.code == 0 and "kept" not in again.out
    assert "  campaigns: 0 added, 0 updated, 1 skipped (already in netrack: 1)" in again.out


def test_a_contact_met_in_a_time_zone_ahead_takes_a_strength_given_today(
    run: Run, db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Imported the day before it was met (a time zone ahead), a contact refused every
    strength edit ("strength change 2026-11-26 is before New Recruiter was met
    (2026-11-27)") until that day came: one given without a day is theirs from the day
    they were met; a day given before it is still refused."""
    first = _exported_a_day_ahead(run, db, tmp_path, monkeypatch)
    assert run("import", "json", str(first)).code == 0

    dated = run("contact", "edit", "New Recruiter", "--strength", "2", "--on", "2026-11-26")
    given = run("contact", "edit", "New Recruiter", "--strength", "4")

    assert dated.code == 2 and "is before New Recruiter was met (2026-11-27)" in dated.err
    assert given.code == 0, given.err
    assert sql(
        db,
        'SELECT CAST(s."on" AS TEXT), s.strength FROM strength_change s '
        "JOIN contact c ON c.id = s.contact_id WHERE c.name = 'New Recruiter'",
    ) == [("2026-11-27", 4)]
    assert sql(db, "SELECT strength FROM contact WHERE name = 'New Recruiter'") == [(4,)]


def test_a_contact_rated_on_a_day_still_ahead_takes_a_strength_given_today(
    run: Run, db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Met yesterday there and rated today there (a time zone ahead), imported here the
    day before: every strength edit was refused ("2026-11-27 is before Dee Park's latest
    strength change (2026-11-28, to 2)", and `--on 2026-11-28` "is after today"). One
    given without a day now follows that change, on its day."""
    monkeypatch.setenv("NETRACK_TODAY", "2026-11-28")
    assert run("contact", "add", "Dee Park", "--met", "2026-11-27").code == 0
    assert run("contact", "edit", "Dee Park", "--strength", "2").code == 0
    exported = tmp_path / "ahead.json"
    assert run("export", "json", "--out", str(exported)).code == 0
    remove_database(db)
    monkeypatch.setenv("NETRACK_TODAY", "2026-11-27")
    assert run("import", "json", str(exported)).code == 0

    given = run("contact", "edit", "Dee Park", "--strength", "4")

    assert given.code == 0, given.err
    assert sql(db, 'SELECT CAST("on" AS TEXT), strength FROM strength_change') == [
        ("2026-11-28", 4)
    ]
    assert sql(db, "SELECT strength FROM contact") == [(4,)]
