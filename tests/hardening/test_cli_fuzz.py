"""Issue 13: random command lines and random import files through the real `cli.main`.

Whatever is typed, every command ends with exit 0 or 2 — never a traceback, never
"internal error" — and nothing it prints carries a raw control character to the terminal.
Paths are drawn from a few names inside the test's own folder, so nothing is written
elsewhere.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netrack import cli

from .helpers import HOSTILE, TODAY

# Each command with the options it takes (True: a flag without a value) and how many
# positional arguments it wants.
COMMANDS: dict[tuple[str, ...], tuple[int, dict[str, bool]]] = {
    ("contact", "add"): (
        1,
        {
            **{f"--{o}": False for o in ("org", "title", "function", "industry", "location")},
            **{f"--{o}": False for o in ("size", "channel", "met", "strength", "email")},
            "--introduced-by": False,
            "--tag": False,
            "--every": False,
        },
    ),
    ("org", "add"): (1, {"--industry": False, "--size": False, "--location": False}),
    ("campaign", "add"): (
        1,
        {"--org": False, "--source": False, "--stage": False, "--on": False, "--priority": False},
    ),
    ("campaign", "move"): (2, {"--on": False, "--note": False, "--reason": False}),
    ("log",): (
        1,
        {
            "--with": False,
            "--kind": False,
            "--on": False,
            "--minutes": False,
            "--campaign": False,
            "--meaningful": True,
            "--cost": False,
            "--follow-up": False,
            "--note": False,
        },
    ),
    ("followup", "done"): (1, {"--on": False}),
    ("referral", "add"): (0, {"--from": False, "--direction": False, "--on": False}),
    ("time", "add"): (1, {"--category": False, "--on": False, "--campaign": False}),
    ("goal", "add"): (2, {"--period": False, "--at-most": True, "--note": False}),
    ("scorecard",): (0, {"--week": False, "--on": False, "--format": False, "--period": False}),
    ("export",): (1, {"--out": False, "--force": True}),
    ("backup",): (0, {"--out": False, "--force": True}),
    ("doctor",): (0, {"--fix": True}),
    ("import", "vcard"): (1, {}),
    ("import", "json"): (1, {}),
    ("import", "linkedin"): (1, {}),
    ("restore",): (1, {}),
}
PATH_OPTIONS = {"--out"}
PATHS = st.sampled_from(["out.json", "out/", "fuzz.db", "", "none/x.vcf", "data.bin", "."])
DATES = st.sampled_from(
    ["today", "-3d", "+7d", "fri", "9999-12-31", "0001-01-01", "2026-02-30", "9999-W52", "1e9d"]
)
WORDS = st.sampled_from(
    [
        "ana",
        "@ana",
        "@ana #coffee 30m",
        "applied",
        "lost",
        "json",
        "csv",
        "ics",
        "vcard",
        "week",
        "5",
        "-1",
        "1e308",
        "nan",
        "--",
        "-",
        "\udcff",
        *HOSTILE,
    ]
)
VALUES = WORDS | DATES | st.text(max_size=12)


@st.composite
def command_lines(draw: st.DrawFn) -> list[str]:
    command = draw(st.sampled_from(sorted(COMMANDS)))
    positional, options = COMMANDS[command]
    argv = list(command)
    if command[0] in ("import", "restore"):
        argv.append(draw(PATHS))
    else:
        argv += [draw(VALUES) for _ in range(draw(st.integers(0, positional + 1)))]
    for option in draw(st.lists(st.sampled_from(sorted(options)), max_size=4)) if options else []:
        argv.append(option)
        if not options[option]:
            argv.append(draw(PATHS if option in PATH_OPTIONS else VALUES))
    return argv


@pytest.fixture
def workdir(tmp_path: Path) -> Iterator[Path]:
    """The test's folder as the current one (exports without --out land here)."""
    before = os.getcwd()
    os.chdir(tmp_path)
    (tmp_path / "data.bin").write_bytes(b"\x00\xff BEGIN:VCARD\r\nFN:\x1b[2J\r\n")
    try:
        yield tmp_path
    finally:
        os.chdir(before)


def _check(code: int, out: str, err: str) -> None:
    assert code in (0, 2), (code, err)
    assert "Traceback" not in err and "internal error" not in err, err
    assert "\x1b" not in out and "\x1b" not in err


@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(command_lines())
def test_any_command_line_ends_in_0_or_2(
    workdir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    argv: list[str],
) -> None:
    monkeypatch.setenv("NETRACK_TODAY", TODAY)
    db = workdir / "fuzz.db"
    if not db.exists():
        assert cli.main(["contact", "add", "Ana López", "--org", "Acme", "--db", str(db)]) == 0
        assert cli.main(["campaign", "add", "Platform", "--org", "Acme", "--db", str(db)]) == 0
    capsys.readouterr()
    code = cli.main([*argv, "--db", str(db)])
    captured = capsys.readouterr()
    _check(code, captured.out, captured.err)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.sampled_from(["vcard", "json", "linkedin"]), st.binary(max_size=600))
def test_importing_random_bytes_ends_in_0_or_2(
    workdir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    kind: str,
    content: bytes,
) -> None:
    monkeypatch.setenv("NETRACK_TODAY", TODAY)
    source = workdir / f"random.{kind}"
    source.write_bytes(content)
    capsys.readouterr()
    code = cli.main(["import", kind, str(source), "--db", str(workdir / "imports.db")])
    captured = capsys.readouterr()
    _check(code, captured.out, captured.err)
