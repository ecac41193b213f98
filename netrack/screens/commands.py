"""The command palette: jump to any contact or campaign by name, run any action."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import TYPE_CHECKING, Any

from textual.app import SystemCommand
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher
from textual.screen import Screen

from netrack.domain.resolve import fold
from netrack.screens import record_pick
from netrack.screens.host import host
from netrack.screens.modal.prompt import ACTIONS
from netrack.widgets.header import TABS
from netrack.widgets.literal import visible

if TYPE_CHECKING:
    from textual.app import App

    from netrack.screens.host import Host


def system_commands(app: App[Any], screen: Screen[Any]) -> Iterable[SystemCommand]:
    netrack = host(app)
    for key, mode, label in TABS:
        yield SystemCommand(f"Go to {label}", f"key {key}", partial(netrack.go_to, mode))
    yield SystemCommand(
        "Quick log", "one line: @name #kind 45m ! fu:fri (key l)", netrack.action_quick_log
    )
    yield SystemCommand("Log an interaction (form)…", "every field", _form(netrack, "interaction"))
    yield SystemCommand("New contact…", "add a contact", _form(netrack, "contact"))
    yield SystemCommand("New campaign…", "open a campaign", _form(netrack, "campaign"))
    yield SystemCommand("New goal…", "add a goal", _form(netrack, "goal"))
    yield SystemCommand(
        "Add referral…", "someone referred you, or you them", _form(netrack, "referral")
    )
    yield SystemCommand(
        "Add time entry…", "where the hours went: 1h30m search", _form(netrack, "time")
    )
    yield SystemCommand(
        "Edit a referral…",
        "its contact, direction, day, campaign or note (netrack referral edit)",
        partial(record_pick.pick_then_edit, app, record_pick.REFERRAL),
    )
    yield SystemCommand(
        "Edit a time entry…",
        "its length, category, day, campaign or note (netrack time edit)",
        partial(record_pick.pick_then_edit, app, record_pick.TIME_ENTRY),
    )
    yield SystemCommand(
        "Delete a referral…",
        "one logged by mistake (netrack referral delete)",
        partial(record_pick.pick_then_delete, app, record_pick.REFERRAL),
    )
    yield SystemCommand(
        "Delete a time entry…",
        "one logged by mistake (netrack time delete)",
        partial(record_pick.pick_then_delete, app, record_pick.TIME_ENTRY),
    )
    yield SystemCommand(
        "Settings…",
        "week start, days until going cold and stalled (netrack config)",
        _form(netrack, "settings"),
    )
    yield SystemCommand("Help", "every key of this screen (key ?)", netrack.action_help)
    for action in ACTIONS:
        yield SystemCommand(action.title, action.help, partial(netrack.run_action_prompt, action))
    # Every key of the current screen, so any action is reachable by name.
    seen: set[str] = set()
    for active in screen.active_bindings.values():
        binding = active.binding
        if active.node is app or not binding.description or not active.enabled:
            continue
        if not type(active.node).__module__.startswith("netrack"):
            continue
        if binding.description in seen or binding.action.startswith("app."):
            continue
        seen.add(binding.description)
        callback = partial(app.run_action, binding.action, active.node)
        yield SystemCommand(binding.description, f"this screen (key {binding.key})", callback)


def _form(app: Host, kind: str) -> Any:
    async def open_form() -> None:
        from netrack.screens.modal.campaign_form import CampaignForm
        from netrack.screens.modal.contact_form import ContactForm
        from netrack.screens.modal.goal_form import GoalForm
        from netrack.screens.modal.interaction_form import InteractionForm
        from netrack.screens.modal.referral_form import ReferralForm
        from netrack.screens.modal.settings_form import SettingsForm
        from netrack.screens.modal.time_form import TimeForm

        forms = {
            "contact": ContactForm,
            "campaign": CampaignForm,
            "goal": GoalForm,
            "interaction": InteractionForm,
            "referral": ReferralForm,
            "settings": SettingsForm,
            "time": TimeForm,
        }
        from netrack.screens.pipeline import PipelineScreen

        shown = getattr(app, "screen", None)
        if kind == "campaign" and isinstance(shown, PipelineScreen):  # its cursor follows
            await app.open_form(CampaignForm(app.repo, added=shown.follow_new))
            return
        await app.open_form(forms[kind](app.repo))

    return open_form


def _literal(matcher: Matcher, name: str, folded: str) -> Content:
    """Highlight the matched letters without reading the name as markup (`name` is
    already made visible: control characters never reach the palette). The match was
    made in `folded`; its letters are the name's wherever folding kept the length."""
    content = Content(name)
    if len(folded) != len(name):  # "ß" → "ss": the offsets would point elsewhere
        return content
    _score, offsets = matcher.fuzzy_search.match(matcher.query, folded)
    for offset in offsets:
        content = content.stylize("bold underline", offset, offset + 1)
    return content


class JumpProvider(Provider):
    """Contacts and campaigns by name: enter opens the detail screen."""

    async def startup(self) -> None:
        app = host(self.app)
        self._targets: list[tuple[str, str, str, Any]] = []
        for cid, name in app.repo.contacts.labels():  # "Ana López (Acme)"
            self._add(visible(name), "contact", partial(app.open_contact, cid))
        for cid, name in app.repo.campaigns.names():
            self._add(visible(name), "campaign", partial(app.open_campaign, cid))

    def _add(self, name: str, what: str, callback: Any) -> None:
        # Matched without accents, as names resolve everywhere else: "joao" finds João
        self._targets.append((name, fold(name), what, callback))

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(fold(query))
        for name, folded, what, callback in self._targets:
            score = matcher.match(folded)
            if score > 0:
                shown = _literal(matcher, name, folded)
                yield Hit(score, shown, callback, text=name, help=f"open {what}")

    async def discover(self) -> Hits:
        for name, _folded, what, callback in self._targets[:40]:
            yield DiscoveryHit(Content(name), callback, text=name, help=f"open {what}")
