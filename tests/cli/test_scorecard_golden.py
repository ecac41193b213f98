"""`netrack scorecard` on the demo database, compared byte for byte with stored outputs.

The expected files under tests/data/expected/ were written by the code before the card
became a typed value: its JSON, table and markdown must not change by a byte. To accept an
intended change, run with NETRACK_WRITE_EXPECTED=1 and review the diff.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from tests.cli.conftest import Run

EXPECTED = Path(__file__).parent.parent / "data" / "expected"
TODAY = date(2026, 11, 27)
FORMATS = {"json": "json", "table": "txt", "markdown": "md"}
# Goals beyond the demo's: every kind of figure (hours, ratio, money, a nested one, a
# null) measured, so the goals' rounding and flattening are pinned too.
EXTRA_GOALS = (
    ("hours_invested", "5"),
    ("focus_ratio", "0.5"),
    ("spend", "20"),
    ("follow_ups_overdue", "2", "--at-most"),
    ("diversity_overall", "0.6", "--period", "month"),
    ("outcomes_per_10h", "3"),
    ("relationship_quality", "3", "--period", "month"),
    ("referral_rate_90d", "0.1"),
)


def check(name: str, output: str) -> None:
    path = EXPECTED / name
    if os.environ.get("NETRACK_WRITE_EXPECTED"):
        path.write_bytes(output.encode())
    assert output.encode() == path.read_bytes()


@pytest.mark.parametrize("form", FORMATS)
@pytest.mark.parametrize("week", [None, "2026-W40", "2026-W30"])
def test_scorecard_output_unchanged(demo_db: Path, run: Run, week: str | None, form: str) -> None:
    result = run("scorecard", "--format", form, *(["--week", week] if week else []))
    assert (result.code, result.err) == (0, "")
    check(f"scorecard-demo-{week or 'this-week'}.{FORMATS[form]}", result.out)


@pytest.mark.parametrize("form", FORMATS)
def test_scorecard_goals_output_unchanged(demo_db: Path, run: Run, form: str) -> None:
    for metric, target, *options in EXTRA_GOALS:
        assert run("goal", "add", metric, target, *options).code == 0
    result = run("scorecard", "--format", form)
    assert (result.code, result.err) == (0, "")
    check(f"scorecard-demo-more-goals.{FORMATS[form]}", result.out)
