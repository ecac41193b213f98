"""The command palette: jump to any contact or campaign by name, run any action."""

from __future__ import annotations

import asyncio
import heapq
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import partial
from typing import TYPE_CHECKING, Any

from textual.app import SystemCommand
from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.widgets import Input, TextArea

from netrack.domain.name_folding import fold
from netrack.domain.resolve import tier_at
from netrack.screens import record_pick
from netrack.screens.help import key_label, textual_default
from netrack.screens.host import host
from netrack.screens.modal.prompt import ACTIONS
from netrack.widgets.header import TABS
from netrack.widgets.literal import visible

if TYPE_CHECKING:
    from textual.app import App

    from netrack.screens.host import Host


def system_commands(app: App[Any], screen: Screen[Any]) -> Iterable[SystemCommand]:
    everywhere = list(_app_commands(app))
    if isinstance(screen, ModalScreen):
        # Over an open form (or the quick log, a prompt), another form or prompt would
        # open on top of it, the first showing through: only going elsewhere is offered
        # (the form stays, and quitting asks about it), and the form's own keys.
        yield from (c for c in everywhere if c.title.startswith(("Go to ", "Help")))
    else:
        yield from everywhere
    # Every key of the current screen, so any action is reachable by name: named with
    # its object ("Delete campaign"), where the key bar's one word ("Delete") is enough.
    # One the app offers already ("New campaign…", the same form) is not offered twice.
    titles: dict[str, str] = getattr(screen, "PALETTE_TITLES", {})
    seen = {_bare(command.title) for command in everywhere}
    by_app = set(seen)
    for binding, run in screen_keys(screen):
        title = titles.get(binding.action, binding.description)
        if _bare(title) in seen:
            continue
        seen.add(_bare(title))
        # the key as `?` names it: "<", "/", "del", not Textual's "less_than_sign"
        yield SystemCommand(title, f"this screen (key {key_label(binding)})", run)
    yield from _other_tabs_keys(app, screen, by_app)


def _other_tabs_keys(
    app: App[Any], screen: Screen[Any], by_app: set[str]
) -> Iterator[SystemCommand]:
    """The keys of the other tabs' screens (SPEC: every action of every screen), named
    with their tab ("Contacts: Archive / bring back contact"): chosen, the palette goes
    there and presses the key once the screen shows its data, on what it selects then,
    exactly as the key would: a question naming the record where the key asks one
    (archive, delete, merge), a message saying what was done where it does not (the
    Agenda's `d`, which `u` takes back). One
    the app offers already ("New contact…", the same form) is not offered again."""
    netrack = host(app)
    here = type(screen)
    offered: set[str] = set()
    for _key, mode, label in TABS:
        kind = netrack.mode_screen(mode)
        if kind is here:
            continue
        titles: dict[str, str] = getattr(kind, "PALETTE_TITLES", {})
        for binding in Binding.make_bindings(kind.BINDINGS):  # one a key, as pressed
            if not binding.description:
                continue
            if binding.action.startswith("app.") or textual_default(kind, binding):
                continue
            named = titles.get(binding.action, binding.description)
            if _bare(named) in by_app:
                continue
            title = f"{label}: {named}"
            if title in offered:  # two keys for one action (`e` and enter: Edit)
                continue
            offered.add(title)
            press = partial(_press_on_tab, app, mode, binding.action)
            yield SystemCommand(title, f"on {label} (key {key_label(binding)})", press)


def _press_on_tab(app: App[Any], mode: str, action: str) -> None:
    from netrack.screens.base import LiveScreen

    host(app).go_to(mode)
    screen = app.screen
    if isinstance(screen, LiveScreen):
        screen.when_shown(action)


def _bare(title: str) -> str:
    return title.rstrip("…").casefold()


def _app_commands(app: App[Any]) -> Iterator[SystemCommand]:
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
    # The palette matches titles alone: the settings' names are in it to be found.
    yield SystemCommand(
        "Settings… week start, going cold, stalled",
        "days until a contact goes cold and a campaign stalls (netrack config)",
        _form(netrack, "settings"),
    )
    yield SystemCommand("Help", "every key of this screen (key ?)", netrack.action_help)
    for action in ACTIONS:
        yield SystemCommand(action.title, action.help, partial(netrack.run_action_prompt, action))


def screen_keys(screen: Screen[Any]) -> Iterator[tuple[Binding, Callable[[], Any]]]:
    """The keys netrack gives `screen` (its own, and those of its widgets on the way to
    the one focused), each with what runs it as pressing it on the screen would.

    Read as if the screen's resting widget had the focus whenever a text box has it:
    Textual's own list (`active_bindings`) drops the screen's letter keys while a box
    takes typing and adds the box's editing keys, so with the Contacts filter focused
    the palette offered "Delete character left" and lost Merge, Archive and Delete.
    Run from the palette, such a key first leaves the box, for the table's row."""
    app = screen.app
    focused = screen.focused
    leave_box = focused is not None and _edits_text(focused)
    if leave_box:
        focused = _resting_widget(screen)
    nodes = [screen] if focused is None else focused.ancestors_with_self
    chosen: dict[str, tuple[DOMNode, Binding]] = {}
    for node in nodes:
        if node is app or not type(node).__module__.startswith("netrack"):
            continue
        for key, binding in node._bindings:
            if not binding.description or binding.action.startswith("app."):
                continue
            if textual_default(type(node), binding):
                continue  # focus cycling, copy, sideways scrolling: Textual's, not netrack's
            # False: not offered (a page whose record went). None: not now, where the
            # focus is; Contacts' Find, idle in its filter, runs once the palette left it.
            if app._check_action_state(binding.action, node) is False:
                continue
            earlier = chosen.get(key)
            if earlier is not None and not (binding.priority and not earlier[1].priority):
                continue  # a key bound nearer the focus wins, as it does when pressed
            chosen[key] = (node, binding)
    for node, binding in chosen.values():
        yield binding, partial(_press, screen, node, binding.action, leave_box)


async def _press(screen: Screen[Any], node: DOMNode, action: str, leave_box: bool) -> None:
    resting = _resting_widget(screen) if leave_box else None
    if resting is not None and screen.focused is not None and _edits_text(screen.focused):
        screen.set_focus(resting)
    await screen.app.run_action(action, node)


def _edits_text(widget: Widget) -> bool:
    return isinstance(widget, Input | TextArea)


def _resting_widget(screen: Screen[Any]) -> Widget | None:
    """The widget the screen focuses as it is shown (its AUTO_FOCUS), unless a text box."""
    if not screen.AUTO_FOCUS:
        return None
    for widget in screen.query(screen.AUTO_FOCUS):
        if widget.focusable and not _edits_text(widget):
            return widget
    return None


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
        from netrack.screens.contacts import ContactsScreen
        from netrack.screens.pipeline import PipelineScreen

        shown = getattr(app, "screen", None)
        # The screen listing the record added puts its cursor on it.
        if kind == "campaign" and isinstance(shown, PipelineScreen):
            await app.open_form(CampaignForm(app.repo, added=shown.follow_new))
            return
        if kind == "contact" and isinstance(shown, ContactsScreen):
            await app.open_form(ContactForm(app.repo, added=shown.follow_new))
            return
        await app.open_form(forms[kind](app.repo))

    return open_form


# A query of a letter or two names most of a large history: the palette lists the best
# SHOWN names, by SPEC's tiers (exact, start of the name or of a word, inside it), then
# names holding its letters in order, the best SCORED of which Textual's fuzzy matcher
# ranks. Matching 55,000 names and listing them all froze the app for 7–20 s a key.
SHOWN = 100
SCORED = 300
# Names looked at between two turns of the event loop: the keys typed meanwhile show.
CHUNK = 2_000


def _literal(name: str, folded: str, offsets: Iterable[int]) -> Content:
    """Highlight the matched letters without reading the name as markup (`name` is
    already made visible: control characters never reach the palette). The match was
    made in `folded`; its letters are the name's wherever folding kept the length."""
    content = Content(name)
    if len(folded) != len(name):  # "ß" → "ss": the offsets would point elsewhere
        return content
    for offset in offsets:
        content = content.stylize("bold underline", offset, offset + 1)
    return content


def _in_order(needle: str) -> re.Pattern[str]:
    """Matches a text holding the letters of `needle` in order, each the first one
    after the last: scanning forward, never backtracking across a name."""
    return re.compile("".join(f"[^{re.escape(c)}]*{re.escape(c)}" for c in needle))


class JumpProvider(Provider):
    """Contacts and campaigns by name: enter opens the detail screen."""

    async def startup(self) -> None:
        app = host(self.app)
        self._targets: list[tuple[str, str, Any]] = []
        self._folded: list[str] = []  # the names folded once per opening of the palette
        # Active contacts differ by name or organization ("Ana López (Acme)"); two
        # campaigns may share a name, and are named by their id as the CLI names them.
        for cid, name in app.repo.contacts.labels():
            self._add(visible(name), "contact", partial(app.open_contact, cid))
        namesakes = app.repo.campaigns.told_apart()  # "Acme Eng [id:17]"
        for cid, name in app.repo.campaigns.names():
            shown = namesakes.get(cid, name)
            self._add(visible(shown), "campaign", partial(app.open_campaign, cid))
        # Matched without accents, as names resolve everywhere else: "joao" finds João
        for start in range(0, len(self._targets), CHUNK):
            self._folded += [
                fold(name) for name, _what, _go in self._targets[start : start + CHUNK]
            ]
            await asyncio.sleep(0)

    def _add(self, name: str, what: str, callback: Any) -> None:
        self._targets.append((name, what, callback))

    async def search(self, query: str) -> Hits:
        needle = fold(query)
        if not needle:
            return
        fuzzy = self.matcher(needle).fuzzy_search
        found = await self._in_tiers(needle)
        for tier, _length, index, at in found:
            folded = self._folded[index]
            offsets: Sequence[int] = range(at, at + len(needle))
            # Scored as Textual scores a name holding the text, where the tier found it:
            # exact above a start, a start above a name merely holding it.
            score = fuzzy.score(folded, offsets) * (2.0 if tier == 1 else 1.5)
            yield self._hit(index, score, offsets)
        if len(found) < SHOWN:
            scored = []
            for count, index in enumerate(await self._letters_in_order(needle)):
                score, offsets = fuzzy.match(needle, self._folded[index])
                scored.append((-score, index, offsets))
                if count % 50 == 49:
                    await asyncio.sleep(0)
            for minus_score, index, offsets in sorted(scored)[: SHOWN - len(found)]:
                if minus_score < 0:
                    yield self._hit(index, -minus_score, offsets)

    async def _in_tiers(self, needle: str) -> list[tuple[int, int, int, int]]:
        """(tier, length, index, where) of the best SHOWN names holding `needle`, best
        first: by tier, then the shorter name (more of it is what was typed)."""
        found: list[tuple[int, int, int, int]] = []
        for start in range(0, len(self._folded), CHUNK):
            for index, folded in enumerate(self._folded[start : start + CHUNK], start):
                # `in` first: most names do not hold the text, ruled out in C
                if needle in folded and (tier := tier_at(needle, folded)) is not None:
                    found.append((tier[0], len(folded), index, tier[1]))
            await asyncio.sleep(0)
        return heapq.nsmallest(SHOWN, found)

    async def _letters_in_order(self, needle: str) -> list[int]:
        """The SCORED names that hold `needle`'s letters in order but not `needle`
        itself, those where the letters end soonest first."""
        pattern = _in_order(needle)
        found: list[tuple[int, int, int]] = []
        for start in range(0, len(self._folded), CHUNK):
            for index, folded in enumerate(self._folded[start : start + CHUNK], start):
                match = pattern.match(folded)
                if match is not None and needle not in folded:
                    found.append((match.end(), len(folded), index))
            await asyncio.sleep(0)
        return [index for _end, _length, index in heapq.nsmallest(SCORED, found)]

    def _hit(self, index: int, score: float, offsets: Iterable[int]) -> Hit:
        name, what, callback = self._targets[index]
        shown = _literal(name, self._folded[index], offsets)
        return Hit(score, shown, callback, text=name, help=f"open {what}")

    async def discover(self) -> Hits:
        for name, what, callback in self._targets[:40]:
            yield DiscoveryHit(Content(name), callback, text=name, help=f"open {what}")
