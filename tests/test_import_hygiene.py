"""The architecture, enforced: the domain is pure Python, and quick logging from the shell
never pays for the TUI."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import netrack

PACKAGE = Path(netrack.__file__).parent
FORBIDDEN_IN_DOMAIN = ("textual", "peewee", "rich", "sqlite3", "netrack.data", "netrack.app")


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_domain_imports_neither_textual_nor_peewee() -> None:
    files = sorted((PACKAGE / "domain").glob("*.py"))
    assert len(files) >= 8
    for path in files:
        for name in imported_modules(path):
            for forbidden in FORBIDDEN_IN_DOMAIN:
                assert name != forbidden and not name.startswith(forbidden + "."), (
                    f"{path.name} imports {name}"
                )


def test_domain_loads_without_peewee_or_textual() -> None:
    # Stronger than reading the source: import every domain module in a fresh interpreter
    # and look at what got loaded.
    code = (
        "import importlib, json, pkgutil, sys\n"
        "import netrack.domain as d\n"
        "for m in pkgutil.iter_modules(d.__path__):\n"
        "    importlib.import_module('netrack.domain.' + m.name)\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = set(json.loads(done.stdout))
    assert "netrack.domain.metrics" in loaded
    assert not {m for m in loaded if m.split(".")[0] in ("textual", "peewee", "rich")}


def test_netrack_log_does_not_import_textual(tmp_path: Path) -> None:
    db = tmp_path / "hygiene.db"
    env = {**os.environ, "NETRACK_TODAY": "2026-11-27"}
    # Made by a process of its own: a new database is an upgrade from nothing
    made = "from netrack import cli\n" + (
        f"assert cli.main(['contact', 'add', 'Ana', '--db', {str(db)!r}]) == 0\n"
    )
    subprocess.run([sys.executable, "-c", made], capture_output=True, check=True, env=env)
    code = (
        "import json, sys\n"
        "from netrack import cli\n"
        f"assert cli.main(['log', '@ana 30m coffee', '--db', {str(db)!r}]) == 0\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    loaded = set(json.loads(done.stdout.splitlines()[-1]))
    assert "netrack.data.repo" in loaded  # the log really ran
    assert not {m for m in loaded if m.split(".")[0] in ("textual", "rich")}
    assert "netrack.app" not in loaded and "netrack.interop" not in loaded
    # the scorecard's metrics load on first use only (bench/cli_startup.py)
    assert "netrack.domain.metrics" not in loaded and "netrack.domain.insights" not in loaded
    # nor their records (~6 ms of dataclasses): a merge's cadence words need one helper
    assert "netrack.domain.facts" not in loaded
    # a crash's WAL is judged, and damage explained, only when there is one (~2 ms)
    assert "netrack.data.stale_wal" not in loaded and "netrack.data.integrity" not in loaded
    # nor the metric registry (~1 ms), which only a refused goal's words need
    assert "netrack.domain.registry" not in loaded
    # nor tidying (archive, delete, merge: ~3 ms), nor the backups' writing, which
    # only an upgrade needs of an open (signals, temporary files)
    assert not {"netrack.data.repo.tidy", "netrack.data.repo.org_tidy"} & loaded
    assert not {"netrack.data.backup", "tempfile"} & loaded
    # nor the look-alike organizations' patterns, which only a new organization needs
    assert "netrack.domain.similar" not in loaded
    # nor what a write did beside itself (a follow-up closed later, someone met after
    # the touch: five records' classes, ~3 ms) when it did nothing, nor a contact's record
    assert not {"netrack.domain.write_effects", "netrack.domain.people"} & loaded
    # nor the topics a log does not touch: goals, time entries and referrals, the card
    assert (
        not {
            "netrack.data.repo.goals",
            "netrack.data.repo.referrals_time",
            "netrack.data.repo.scorecard",
        }
        & loaded
    )


def test_the_first_screen_does_not_load_the_quick_log_grammar() -> None:
    """The grammar (and the parsing and rules it brings) loads with the bar, not with the
    Pipeline's first paint: a helper moved into it, for the screens' completion, put
    ~5 ms of imports before every start-up's first frame."""
    code = (
        "import json, sys\n"
        "import netrack.app, netrack.screens.pipeline\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = set(json.loads(done.stdout.splitlines()[-1]))
    assert "netrack.screens.pipeline" in loaded
    assert not {"netrack.domain.quicklog", "netrack.domain.parsing"} & loaded
    # nor the CLI's lists and the card's records (~6 ms): the screens' cuts once
    # loaded `listing` for one helper
    assert "netrack.widgets.text" in loaded
    assert not {"netrack.listing", "netrack.domain.facts"} & loaded


def test_the_tui_opens_its_database_without_the_topics_its_first_screen_does_not_read(
    tmp_path: Path,
) -> None:
    """The Pipeline reads campaigns: the repository's other topics (interactions,
    goals, the card, tidying) and every command's parser and handlers load later, on
    first use (~0.2 MB of bytecode before the first frame)."""
    db = tmp_path / "first.db"
    code = (
        "import json, sys\n"
        "from netrack import cli_tokens, cli_session\n"
        f"args = cli_tokens.parse(['--db', {str(db)!r}])\n"
        "repo = cli_session.open_repo(args)\n"
        "import netrack.app, netrack.screens.pipeline\n"
        "repo.campaigns.board(50)\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    env = {**os.environ, "NETRACK_TODAY": "2026-11-27"}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    loaded = set(json.loads(done.stdout.splitlines()[-1]))
    assert "netrack.data.repo.campaigns" in loaded
    later = {
        "netrack.data.repo.activity",
        "netrack.data.repo.goals",
        "netrack.data.repo.scorecard",
        "netrack.data.repo.tidy",
        "netrack.cli_parser",
        "netrack.cli_commands",
        "netrack.domain.parsing",  # the grammar of dates typed
        "netrack.domain.write_effects",  # what a write reports
        "netrack.domain.describe",  # and its words
        "netrack.domain.entries",  # what is logged: six record classes, ~4 ms to make
        "netrack.domain.people",  # people and organizations: three record classes more
        "argparse",  # a bare `netrack --db PATH` is read without the parser
    }
    assert not later & loaded


def _imports_with_names(path: Path) -> set[str]:
    """Every module `path` imports, at any level (functions too), with `from a import b`
    counted as `a.b` as well (b may be a module)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_only_the_data_layer_touches_peewee_and_the_models() -> None:
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        where = path.relative_to(PACKAGE).as_posix()
        if where.startswith("data/"):
            continue
        for name in _imports_with_names(path):
            if name.split(".")[0] in ("peewee", "playhouse") or name == "netrack.data.tables":
                offenders.append(f"{where} imports {name}")
    assert not offenders


def test_only_the_data_layer_reads_a_frozen_migration_step() -> None:
    """A migration step is history: the demo and the JSON import take the default goals
    from `domain/goals.py`, not from the step that once wrote them."""
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        where = path.relative_to(PACKAGE).as_posix()
        if where.startswith("data/"):
            continue
        for name in _imports_with_names(path):
            if name.startswith("netrack.data.migrations.m0"):
                offenders.append(f"{where} imports {name}")
    assert not offenders


def test_the_domain_keeps_no_cache_between_calls() -> None:
    """Pure functions: a remembered answer belongs to whoever owns the data (the
    repository remembers folded names for the quick-log bar)."""
    for path in sorted((PACKAGE / "domain").glob("*.py")):
        names = _imports_with_names(path)
        assert not names & {"functools.lru_cache", "functools.cache"}, path.name
        assert "lru_cache" not in path.read_text(encoding="utf-8"), path.name
