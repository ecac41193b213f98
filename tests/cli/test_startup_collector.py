"""The cyclic collector is off while the `netrack` process starts, and what start-up built
is frozen out of its sight: at the TUI's first frame (then it runs again), or as a
command ends (the process ends with it). In-process callers of `cli.main` are left
alone: the collector as it was, nothing frozen."""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from netrack import startup
from tests.cli.conftest import Run


@pytest.fixture(autouse=True)
def thawed() -> Iterator[None]:
    """Nothing frozen while these run (the test process freezes what its collection
    loaded: tests/conftest.py), frozen again after."""
    gc.unfreeze()
    yield
    gc.freeze()


@pytest.fixture
def collector_restored() -> Iterator[None]:
    """For the tests of `loading()` itself, which freezes: thawed again after."""
    was_on = gc.isenabled()
    yield
    gc.unfreeze()
    if was_on:
        gc.enable()


def test_main_in_process_leaves_the_collector_alone(run: Run) -> None:
    gc.enable()
    assert run("contact", "add", "Ana Lima").code == 0
    assert run("log", "@nobody").code == 2
    assert run("contact", "frobnicate").code == 2
    assert gc.isenabled() and gc.get_freeze_count() == 0


@pytest.mark.usefixtures("collector_restored")
def test_loading_pauses_the_collector_then_freezes_and_restores_it() -> None:
    gc.enable()
    with startup.loading():
        assert not gc.isenabled()
        assert gc.get_freeze_count() == 0
    assert gc.isenabled()
    assert gc.get_freeze_count() > 10_000  # no walk over it all at exit
    gc.unfreeze()
    gc.disable()
    with startup.loading():
        startup.loaded()
        assert not gc.isenabled()  # it was off before: loaded() leaves it off
    assert not gc.isenabled()


@pytest.mark.usefixtures("collector_restored")
def test_loaded_freezes_once_and_turns_the_collector_on() -> None:
    gc.enable()
    with startup.loading():
        startup.loaded()
        assert gc.isenabled()
        assert gc.get_freeze_count() > 10_000
        gc.disable()
        startup.loaded()  # once only: a second call changes nothing
        assert not gc.isenabled()
    assert gc.isenabled()  # as it was before the block


def test_loaded_outside_loading_does_nothing() -> None:
    gc.disable()
    try:
        startup.loaded()
        assert not gc.isenabled()
        assert gc.get_freeze_count() == 0
    finally:
        gc.enable()


def test_the_process_runs_its_command_without_the_collector_and_ends_frozen(
    tmp_path: Path,
) -> None:
    """`python -m netrack …` and the console script go through `cli.run`."""
    probe = (
        "import atexit, gc, json, sys\n"
        "from netrack.data.repo.contacts import Contacts\n"
        "from netrack import cli\n"
        "seen = []\n"
        "original = Contacts.add\n"
        "def spying(self, *args, **kwargs):\n"
        "    seen.append(gc.isenabled())\n"
        "    return original(self, *args, **kwargs)\n"
        "Contacts.add = spying\n"
        f"sys.argv = ['netrack', 'contact', 'add', 'Ana Lima', '--db', {str(tmp_path / 'x.db')!r}]\n"
        "code = cli.run()\n"
        "print(json.dumps([code, seen, gc.isenabled(), gc.get_freeze_count() > 10_000]))\n"
    )
    env = {**os.environ, "NETRACK_TODAY": "2026-11-27"}
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=env, check=True
    )
    assert json.loads(done.stdout.splitlines()[-1]) == [0, [False], True, True]
