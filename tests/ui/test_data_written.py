"""Issue 14, item 6: one way to announce a write. Every write in the app — the quick log,
a form, a screen's own action, the palette's import — posts one `DataWritten`, and the
App turns each into exactly one `data_changed` publication (watched with `message_hook`,
as harlequin's tests do)."""

from __future__ import annotations

from typing import Any

from textual.message import Message

from netrack.changes import Change
from netrack.screens.host import DataWritten
from tests.ui.conftest import settle, type_text, wait_until


async def test_each_write_is_announced_once(app: Any, repo: Any) -> None:
    repo.contacts.add("Ana López", organization="Acme")
    repo.campaigns.add("Platform Engineer", "Acme", stage="research")
    posted: list[DataWritten] = []
    heard: list[Change] = []

    def hook(message: Message) -> None:
        if isinstance(message, DataWritten):
            posted.append(message)

    async with app.run_test(size=(120, 40), message_hook=hook) as pilot:
        app.data_changed.subscribe(app.screen, heard.append)
        await settle(pilot)
        # The quick log: one message, naming the interaction it added.
        await pilot.press("4", "l")  # from the agenda (on the pipeline, l moves right)
        await type_text(pilot, "@ana #coffee 30m")
        await pilot.press("enter")
        await wait_until(pilot, lambda: len(posted) == 1)
        logged = repo.activity.interactions()[0]
        assert posted[0].logged == logged.id
        assert posted[0].summary == f"logged in person with Ana López on {logged.on} · 30m"
        # A screen's own action (the pipeline's "stage on"): one more.
        await pilot.press("1")
        await settle(pilot)
        await pilot.press("greater_than_sign")
        await wait_until(pilot, lambda: len(posted) == 2)
        assert posted[1].logged is None and "target" in (posted[1].summary or "")
        await settle(pilot)
    assert [change.origin for change in heard] == ["app", "app"]
    assert heard[0].logged == logged.id
