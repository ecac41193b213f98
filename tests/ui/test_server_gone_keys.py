"""Keys pressed while the database cannot be used: one line, nothing written, the app stays.

Each key here reads before it acts, on the UI thread: the campaign under the cursor, the
organizations a form offers, the settings a card's step needs. The server gone, that
read raised StorageError out of the key's handler, and the app ended with a traceback.
"""

from __future__ import annotations

from netrack.domain.errors import StorageError
from netrack.domain.models import Stage
from netrack.screens.contacts import ContactsScreen
from netrack.screens.pipeline import PipelineScreen
from netrack.screens.scorecard import ScorecardScreen
from tests.ui.conftest import palette_offers, settle, type_text, wait_until

GONE = (
    'cannot use postgresql://ana@db/netrack: database "netrack" is not currently accepting'
    " connections (the server cannot be reached; nothing was done: try again once it is back)"
)


def server_gone(monkeypatch, repo) -> None:
    """Every repository read and write from now on fails as on a server that went away."""

    def refused(_call):
        raise StorageError(GONE)

    monkeypatch.setattr(repo.store, "operation", refused)


def said_gone(app) -> int:
    return sum(n.message == GONE and n.severity == "error" for n in app._notifications)


async def test_keys_that_read_first_are_refused_in_one_line_while_the_server_is_gone(
    app, repo, monkeypatch
):
    contact = repo.contacts.add("Ana López", organization="Acme")
    campaign = repo.campaigns.add("Staff Engineer", "Acme")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screens = {"1": PipelineScreen, "2": ContactsScreen, "3": ScorecardScreen}
        for mode, keys in (("1", (">", "e", "n")), ("2", ("e", "n")), ("3", ("[", "m"))):
            await pilot.press(mode)
            await settle(pilot)
            assert isinstance(app.screen, screens[mode])
            with monkeypatch.context() as patched:
                server_gone(patched, repo)
                for key in keys:
                    before = said_gone(app)
                    await pilot.press(key)
                    await pilot.pause()
                    assert app.is_running, key
                    assert isinstance(app.screen, screens[mode]), key  # no form opened
                    assert said_gone(app) == before + 1, key
                if mode == "3":  # the card drawn again, the ones either side not read
                    await pilot.press("t")
                    await pilot.pause()
                    assert app.is_running
        await pilot.press("ctrl+p")
        await type_text(pilot, "log an interaction")
        await wait_until(pilot, palette_offers(app, "log an interaction (form)"))
        with monkeypatch.context() as patched:
            server_gone(patched, repo)
            before = said_gone(app)
            await pilot.press("enter")
            await wait_until(pilot, lambda: said_gone(app) == before + 1)
            assert app.is_running
            assert isinstance(app.screen, ScorecardScreen)
        await pilot.press("1")  # the app answers keys still, the server back
        await settle(pilot)
        assert isinstance(app.screen, PipelineScreen)
    assert repo.campaigns.get(campaign.id).stage == Stage.RESEARCH  # `>` moved nothing
    assert [c.id for c in repo.contacts.all()] == [contact.id]
    assert len(repo.campaigns.history(campaign.id)) == 1
