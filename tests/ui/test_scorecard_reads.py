"""Scorecard: what a card's load reads again, and what waits for it. On a long history a
card takes a second of reads and arithmetic: `m` waited 2-5 s while the cards either side
of the last one were still computed, names were read again on unchanged data, and the
running week, month, quarter and year each read the same contacts as of today."""

from __future__ import annotations

import threading
from contextlib import contextmanager
from datetime import timedelta

from textual.worker import WorkerState

from netrack.domain import metrics
from netrack.domain.gc_pause import settled
from netrack.screens.scorecard import ScorecardScreen
from netrack.screens.scorecard_view import CardData
from tests.ui.conftest import settle, type_text, wait_until


async def open_card(app, pilot) -> ScorecardScreen:
    await pilot.press("3")
    await settle(pilot)
    screen = app.screen
    assert isinstance(screen, ScorecardScreen) and screen.card is not None
    return screen


async def next_kind(pilot, screen: ScorecardScreen, kind: str) -> CardData:
    """`m`, and the card of the next kind once it is drawn, with its facts."""
    await pilot.press("m")
    await wait_until(pilot, lambda: screen._shown is not None and screen.kind == kind)
    await settle(pilot)
    shown = screen._shown
    assert shown is not None and shown.inputs is not None
    return shown


async def log_from_bar(pilot, line):
    await pilot.press("l")
    await type_text(pilot, line)
    await pilot.press("enter")
    await settle(pilot)


async def test_the_running_periods_share_todays_contacts_and_are_cards_as_read_afresh(
    app, repo, today
):
    ana = repo.contacts.add("Ana López", strength=4)
    repo.activity.log([ana.id], on=today - timedelta(days=40), kind="call", meaningful=True)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_card(app, pilot)
        week = screen._shown
        assert week is not None and week.inputs is not None
        month = await next_kind(pilot, screen, "month")
        assert month.inputs is not None
        assert month.period.label == "2026-11"
        # As of today both: the month's card took the week's contacts as they were read.
        assert month.inputs.contacts is week.inputs.contacts
        # And it is the card a fresh read gives, figure for figure.
        fresh = repo.scorecard.inputs(month.period)
        assert fresh.contacts is not week.inputs.contacts
        assert metrics.scorecard(fresh, month.period) == month.card
        # A past month is as of its own end: read, not taken.
        await pilot.press("[")
        await wait_until(pilot, lambda: screen._shown is not None)
        await settle(pilot)
        past = screen._shown
        assert past is not None and past.inputs is not None
        assert past.period.label == "2026-10"
        assert past.inputs.contacts is not week.inputs.contacts
        assert metrics.scorecard(repo.scorecard.inputs(past.period), past.period) == past.card


async def test_names_are_read_once_until_the_data_changes(app, repo, shell, monkeypatch):
    repo.contacts.add("Ana López")
    reads = []
    told_apart = type(repo.contacts).told_apart

    def counted(self):
        reads.append(1)
        return told_apart(self)

    monkeypatch.setattr(type(repo.contacts), "told_apart", counted)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_card(app, pilot)
        assert len(reads) == 1
        for _ in range(4):  # around the kinds: each a load, none a new name
            await pilot.press("m")
            await wait_until(pilot, lambda: screen._shown is not None)
            await settle(pilot)
        assert screen.kind == "week" and len(reads) == 1
        # A namesake added elsewhere: the load that follows reads the names again.
        shell.contacts.add("Ana López", organization="Helix Labs")
        await wait_until(pilot, lambda: len(reads) == 2)
        await settle(pilot)
        assert "Ana López (Helix Labs)" in screen._names[0].values()


async def test_asking_for_another_card_stops_the_ones_computed_ahead(app, repo, monkeypatch):
    entered, release = threading.Event(), threading.Event()
    inputs = type(repo.scorecard).inputs

    def held(self, period, contacts=None, between_reads=None):
        if between_reads is not None:  # a card computed ahead: held until the key
            entered.set()
            release.wait(10)
        return inputs(self, period, contacts, between_reads)

    monkeypatch.setattr(type(repo.scorecard), "inputs", held)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("3")
        screen = app.screen
        # Not `settle`: it waits for every worker, the one held too.
        await wait_until(pilot, entered.is_set)
        (ahead,) = [w for w in app.workers if w.group == "ahead"]
        await pilot.press("m")
        release.set()
        await wait_until(pilot, lambda: ahead.is_finished)
        await settle(pilot)
        assert ahead.state == WorkerState.CANCELLED
        # The week either side was never kept; the month asked for is on screen.
        assert not [p for p in screen._cards if p.label in ("2026-W47", "2026-W49")]
        assert screen._shown is not None and screen._shown.period.label == "2026-11"


async def test_a_load_is_drawn_before_what_it_read_is_walked(app, repo, monkeypatch):
    order: list[str] = []

    @contextmanager
    def noted():
        with settled():
            yield
        order.append("walked")

    monkeypatch.setattr("netrack.screens.base.settled", noted)
    shown = ScorecardScreen.show

    def noted_show(self, data):
        order.append("shown")
        shown(self, data)

    monkeypatch.setattr(ScorecardScreen, "show", noted_show)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_card(app, pilot)
        assert order[:2] == ["shown", "walked"]


async def test_after_a_quick_log_the_next_kind_is_the_card_read_afresh(app, repo, today):
    """The week's contacts, brought up to date for a log without a read (`_show_log`),
    serve the month as they are: the month must still be the card a fresh read gives."""
    ana = repo.contacts.add("Ana López", strength=4, keep_in_touch=14)
    repo.contacts.add("Bo Chen", strength=5)
    repo.activity.log([ana.id], on=today - timedelta(days=40), kind="call", meaningful=True)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_card(app, pilot)
        await log_from_bar(pilot, "@bo #coffee 45m !")
        await wait_until(pilot, lambda: screen.card is not None and screen.card.interactions == 1)
        week = screen._shown
        assert week is not None and week.inputs is not None
        month = await next_kind(pilot, screen, "month")
        assert month.inputs is not None
        assert month.inputs.contacts is week.inputs.contacts
        assert metrics.scorecard(repo.scorecard.inputs(month.period), month.period) == month.card
        assert [row.name for row in month.card.going_cold] == ["Ana López"]
