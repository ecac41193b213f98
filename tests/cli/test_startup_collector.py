"""The cyclic collector is off while a command starts and back on once its modules are in,
with what start-up built frozen out of its sight; whoever called `cli.main` gets the
collector back on (or off) as it was."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from netrack import startup
from tests.cli.conftest import Run


@pytest.fixture(autouse=True)
def collector_restored() -> Iterator[None]:
    was_on = gc.isenabled()
    yield
    if was_on:
        gc.enable()


def test_loading_pauses_the_collector_and_restores_it():
    gc.enable()
    with startup.loading():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    with startup.loading():
        startup.loaded()
        assert not gc.isenabled()  # it was off before: loaded() leaves it off
    assert not gc.isenabled()


def test_loaded_freezes_what_exists_and_turns_the_collector_on():
    gc.enable()
    with startup.loading():
        assert gc.get_freeze_count() == 0
        startup.loaded()
        assert gc.isenabled()
        assert gc.get_freeze_count() > 10_000  # the interpreter's and the test's objects
        gc.disable()
        startup.loaded()  # once only: a second call changes nothing
        assert not gc.isenabled()
    assert gc.isenabled()  # as it was before the block
    assert gc.get_freeze_count() > 10_000  # still frozen: no walk over it all at exit


def test_loaded_outside_loading_does_nothing():
    gc.disable()
    startup.loaded()
    assert not gc.isenabled()
    assert gc.get_freeze_count() == 0


def test_a_command_runs_with_the_collector_on_after_opening_its_database(
    run: Run, monkeypatch: pytest.MonkeyPatch
):
    from netrack.data.repo.contacts import Contacts

    seen: list[bool] = []
    original = Contacts.add

    def spying(self: Contacts, *args: object, **kwargs: object) -> object:
        seen.append(gc.isenabled())
        return original(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Contacts, "add", spying)
    gc.enable()
    assert run("contact", "add", "Ana Lima").code == 0
    assert seen == [True]
    assert gc.isenabled() and gc.get_freeze_count() > 0


def test_a_failing_command_gives_the_collector_back(run: Run):
    gc.enable()
    assert run("log", "@nobody").code == 2
    assert gc.isenabled()
    gc.disable()
    assert run("log", "@nobody").code == 2
    assert not gc.isenabled()


def test_a_command_that_never_opened_its_database_is_frozen_at_the_end(run: Run):
    """A mistake, help, `doctor`: frozen as `main` returns, so the interpreter's last
    collection at exit does not walk everything start-up built."""
    gc.enable()
    assert gc.get_freeze_count() == 0
    assert run("contact", "frobnicate").code == 2
    assert gc.isenabled() and gc.get_freeze_count() > 10_000
