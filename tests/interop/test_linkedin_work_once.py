"""Importing Connections.csv works each thing out once a record (issue 15's speed: a
30,000-connection import within 5x a plain insert, `bench/import_bench.py`). Each
record's identity keys were computed in the first pass and again in its match, its
name checked for something to show four times and its organization's name validated
twice, though a network names each of its few organizations many times.

Counted, not timed: a count says the same on a busy machine."""

from __future__ import annotations

import csv
import io
import itertools
import subprocess
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from netrack.data import bulk, bulk_columns, keys
from netrack.domain import records, validate
from tests.interop.conftest import snapshot

FIRST = ["Ana", "Raj", "Mei", "Tomás", "Zoë", "Priya", "Jean", "Li", "Omar", "Sara"]
LAST = ["López", "Patel", "Chen", "Ruiz", "O'Brien", "Nair", "Martin", "Wei"]
COMPANIES = [f"Company {n}" for n in range(8)]  # each named by ten connections


def connections(path: Path) -> int:
    """A Connections.csv of 80 people (one twice, one row without a name); the number
    of its rows with a name."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["First Name", "Last Name", "URL", "Email Address", "Company",
                     "Position", "Connected On"])  # fmt: skip
    rows = []
    for n, (first, last) in enumerate(itertools.product(FIRST, LAST)):
        email = f"{first.lower()}.{n}@example.com" if n % 10 == 0 else ""
        rows.append([first, last, f"https://www.linkedin.com/in/{first.lower()}-{n}", email,
                     COMPANIES[n % len(COMPANIES)], "Engineer", f"{1 + n % 28} Oct 2025"])  # fmt: skip
    rows.append(rows[3])  # the same connection twice: joined to the first
    rows.append([" ", "", "", "", "Company 1", "", "1 Oct 2025"])  # skipped: no name
    writer.writerows(rows)
    path.write_text("\ufeff" + buffer.getvalue(), encoding="utf-8", newline="")
    return len(rows) - 1


def counting(calls: Counter[str], name: str, work: Callable[..., Any]) -> Callable[..., Any]:
    def counted(*args: Any, **kwargs: Any) -> Any:
        calls[name] += 1
        if name == "name" and args[1:2] == ("organization name",):
            calls["organization name"] += 1
        return work(*args, **kwargs)

    return counted


def test_each_record_is_worked_out_once(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    run_cli: Callable[..., subprocess.CompletedProcess[str]],
) -> None:
    source = tmp_path / "Connections.csv"
    named = connections(source)
    db = tmp_path / "netrack.db"
    # The database made first (empty), so that the counts are the import's alone
    assert run_cli("contact", "list", db=db).returncode == 0
    calls: Counter[str] = Counter()
    identity = counting(calls, "identity", keys.identity)
    has_name = counting(calls, "has_name", validate.has_name)
    for module in (bulk, bulk_columns):  # wherever the import looks them up
        monkeypatch.setattr(module, "identity", identity, raising=False)
        monkeypatch.setattr(module, "has_name", has_name, raising=False)
    monkeypatch.setattr(records, "has_name", has_name)
    monkeypatch.setattr(validate, "has_name", has_name)  # as `validate.name` calls it
    monkeypatch.setattr(validate, "name", counting(calls, "name", validate.name))

    done = run_cli("import", "linkedin", source, db=db)

    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[1:] == [
        "  contacts: 80 added, 0 updated, 1 joined to the same contact earlier in the file,"
        " 1 skipped (without a name: 1)",
        "  organizations: 8 added, 0 updated, 0 skipped",
    ]
    assert calls["identity"] == named  # once a record: in the first pass, not again
    # A name: whether it has something to show when the first pass reads it, then the
    # check of `validate.name`; the row without one, twice (the pass, the merge).
    assert calls["has_name"] <= 2 * named + 2 * len(COMPANIES) + 2
    # Each organization's name is checked once by `clean` and once by the organization
    # it gets (`Organizations.id_for`), not once a record.
    assert calls["organization name"] == 2 * len(COMPANIES)

    again = snapshot(db)
    assert run_cli("import", "linkedin", source, db=db).returncode == 0
    assert snapshot(db) == again  # run twice, nothing added
