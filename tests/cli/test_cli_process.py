"""A handful of real `python -m netrack` processes: what only a process can show."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from netrack import __version__

Run = Callable[..., Any]


def test_version(run_process: Run) -> None:
    result = run_process("--version", use_db=False)
    assert (result.code, result.out, result.err) == (0, f"netrack {__version__}\n", "")


def test_netrack_db_environment_variable(run_process: Run, tmp_path: Path) -> None:
    target = tmp_path / "nested" / "from-env.db"
    env = {"NETRACK_DB": str(target)}
    added = run_process("contact", "add", "Ana López", env=env, use_db=False)
    assert (added.code, added.err) == (0, "")
    logged = run_process("log", "@ana #zoom 30m ! on:-1d", env=env, use_db=False)
    assert logged.code == 0, logged.err
    assert logged.out.startswith("logged video with Ana López on 2026-11-26 · 30m")
    assert target.exists()
    assert target.stat().st_mode & 0o777 == 0o600
    assert target.parent.stat().st_mode & 0o777 == 0o700


def test_demo_without_db_names_the_default_database_it_filled(
    run_process: Run, tmp_path: Path
) -> None:
    """`netrack demo` filled the user's own database and never said which file, nor
    that every later command without --db would mix a real search into the demo."""
    env = {"XDG_DATA_HOME": str(tmp_path / "data"), "NETRACK_DB": ""}
    result = run_process("demo", "--no-tui", env=env, use_db=False)
    assert result.code == 0, result.err
    target = tmp_path / "data" / "netrack" / "netrack.db"
    assert result.err == (
        f"demo data in {target}: 42 contacts, 16 campaigns, 152 interactions, 10 referrals, "
        "134 time entries, 8 goals (2026-09-04 → 2026-11-27)\n"
        f"this is your default database ({target}): every command without --db uses it; "
        "keep the demo apart with `netrack demo --db demo.db`, and delete "
        f"{target} to start your own search afresh\n"
    )
    assert target.exists()
    # given a file, the demo is kept apart already: nothing more is said
    given = run_process("demo", "--no-tui", "--db", str(tmp_path / "d.db"), env=env, use_db=False)
    assert "default database" not in given.err


def test_demo_prints_the_scorecard_without_a_tui(run_process: Run, db: Path) -> None:
    result = run_process("demo", "--no-tui")
    assert result.code == 0, result.err
    assert result.err.startswith(f"demo data in {db}: 42 contacts, 16 campaigns, ")
    assert result.err.count("\n") == 1
    assert result.out.startswith("netrack scorecard 2026-W48  (2026-11-23 → 2026-11-29)")
    assert "going cold: 3" in result.out and "stalled: 1" in result.out
    week = json.loads(run_process("scorecard", "--week", "2026-W53", "--format", "json").out)
    assert week["period"] == {"start": "2026-12-28", "end": "2027-01-03", "label": "2026-W53"}
    # Replayed from the demo's stage plans (days before 11-27). W42 ends 10-18 (40 days):
    # Northwind networking, Kestrel networking, Tessera follow_up, Papyrus networking,
    # Cobalt applied, Saffron applied = 6 (Tidewater lost at 46, Yokai won at 57).
    # W43 ends 10-25 (33 days): Cobalt lost (35); Kestrel back in target (33), Orbital
    # opened (36), Brightline opened (34) = 7.
    assert week["trend"]["active_campaigns"][:2] == [6, 7]
