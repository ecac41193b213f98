"""The Textual app: five modes one key apart, global keys, and the live-data Signal.

No SQL here: screens ask `repo` for records and report writes by posting `DataWritten`
(netrack.screens.host), which the App turns into the `data_changed` Signal. Writes made
by another process (a `netrack log` in another terminal) are noticed by polling SQLite's
data_version; on a PostgreSQL server the repository's watch (LISTEN) tells them as they
commit, from a thread of its own. That path is the App's base, `LiveDataApp`
(netrack.app_live_data).

Screens other than the first are imported when first shown, to keep start-up light.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from contextlib import suppress
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events
from textual.app import SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen, Screen
from textual.widget import AwaitMount
from textual.widgets import Input

from netrack import startup
from netrack.app_live_data import LiveDataApp
from netrack.data.repo import Repo
from netrack.screens.host import Draft

if TYPE_CHECKING:
    from textual.command import Provider
    from textual.driver import Driver

    from netrack.data.repo.follow_ups import DoneMark
    from netrack.screens.base import LiveScreen
    from netrack.screens.host import Host
    from netrack.screens.modal.prompt import Action

# How often the app looks for other programs' writes (`PRAGMA data_version`, one cheap
# read): twice a second, as STYLE.md asks. Tests pass a shorter one to `create_app`.
POLL_SECONDS = 0.5
# Ended as `q` ends it (the terminal restored, the database closed), with the exit
# status a shell gives each signal.
SIGNAL_EXITS = {"SIGTERM": 143, "SIGHUP": 129}

# Keys sent to a screen and not yet come back unhandled, remembered at most: a burst is
# a few dozen (see `NetrackApp.on_event`).
KEYS_NOTED = 256

# mode → (key, title, "module:Class")
MODES: dict[str, tuple[str, str, str]] = {
    "pipeline": ("1", "Pipeline", "netrack.screens.pipeline:PipelineScreen"),
    "contacts": ("2", "Contacts", "netrack.screens.contacts:ContactsScreen"),
    "scorecard": ("3", "Scorecard", "netrack.screens.scorecard:ScorecardScreen"),
    "agenda": ("4", "Agenda", "netrack.screens.agenda:AgendaScreen"),
    "goals": ("5", "Goals", "netrack.screens.goals:GoalsScreen"),
}
FIRST_MODE = "pipeline"


def _jump_provider() -> type[Provider]:
    from netrack.screens.commands import JumpProvider

    return JumpProvider


def _load(target: str) -> type[LiveScreen[Any]]:
    import importlib

    module, name = target.split(":")
    screen: type[LiveScreen[Any]] = getattr(importlib.import_module(module), name)
    return screen


class NetrackApp(LiveDataApp):
    """netrack's TUI over one `Repo`; build it with `create_app(repo)`."""

    TITLE = "netrack"
    COMMANDS = LiveDataApp.COMMANDS | {_jump_provider}
    CSS_PATH = "netrack.tcss"
    # Start in the first mode itself, not in Textual's blank default screen switched away
    # from on mount: that switch restyled the whole app twice before the first frame.
    DEFAULT_MODE = FIRST_MODE
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]  # noqa: RUF012
    BINDINGS: ClassVar[list[BindingType]] = [
        *(
            Binding(key, f"switch_mode('{mode}')", title, show=False)
            for mode, (key, title, _) in MODES.items()
        ),
        Binding("l", "quick_log", "Log"),
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("q", "quit", "Quit"),
    ]

    def __init__(self, repo: Repo, poll_seconds: float = POLL_SECONDS) -> None:
        super().__init__(repo, poll_seconds)
        self.quick_log_draft = Draft()  # the quick-log bar's text, kept across escape
        self.done_marks: dict[object, tuple[tuple[dict[int, DoneMark], str], ...]] = {}
        self._quit_question: Screen[bool] | None = None  # "Quit and throw away …?", open
        self._keys_sent: dict[int, Screen[Any]] = {}  # see `on_event`
        for mode, (_, _, target) in MODES.items():
            if mode != FIRST_MODE:  # registered once it is up: see get_default_screen
                self.add_mode(mode, self._factory(target))

    def get_driver_class(self) -> type[Driver]:
        # Linux and macOS: Textual's own crashed on a byte that is not UTF-8, a Latin-1
        # terminal's "é" (netrack.terminal_input). Windows', or TEXTUAL_DRIVER's, stays.
        chosen = super().get_driver_class()
        if chosen.__module__ != "textual.drivers.linux_driver":
            return chosen
        from netrack.terminal_input import KeyboardDriver

        return KeyboardDriver

    def _factory(self, target: str) -> Callable[[], Screen[None]]:
        def build() -> Screen[None]:
            return _load(target)(self.repo)

        return build

    def get_default_screen(self) -> Screen[None]:
        """The first mode's screen, reading its data as it composes (see LiveScreen).

        Textual builds the default mode's screen here; a registered mode's screen would
        restyle the whole app before its first frame.
        """
        screen = _load(MODES[FIRST_MODE][2])(self.repo, load_now=True)
        # Born with its width's breakpoint class: set on the first resize, before the first
        # frame, the class would restyle every widget once more.
        width = self.size.width
        wide_enough = [name for at, name in sorted(self.HORIZONTAL_BREAKPOINTS) if width >= at]
        screen.add_class(*wide_enough[-1:], update=False)  # styled once, as it mounts
        return screen

    def on_mount(self) -> None:
        # Its screen exists now: registering the mode only lets `1` come back to it.
        self.add_mode(FIRST_MODE, self._factory(MODES[FIRST_MODE][2]))
        self._start_watching()
        # Start-up ends with the first frame: the one place that says so (netrack.startup).
        self.call_after_refresh(startup.loaded)
        self._end_on_signals()

    def _end_on_signals(self) -> None:
        """SIGTERM (`kill`) and SIGHUP (the terminal closed) end the app as `q` does:
        they left the terminal in the app's modes and the database open."""
        import asyncio
        import signal

        loop = asyncio.get_running_loop()
        for name, code in SIGNAL_EXITS.items():
            number = getattr(signal, name, None)
            if number is None:
                continue  # not on this system
            with suppress(NotImplementedError, RuntimeError, ValueError):  # not main thread
                loop.add_signal_handler(number, self._end_on, name, code)

    def _end_on(self, name: str, code: int) -> None:
        """A signal's end (unless the app is ending already: `q` pressed). On SIGHUP the
        terminal is gone: the driver's input thread is told to stop first. Textual stops
        it only after writing to the terminal, which then fails (and is swallowed), so a
        terminal closed while the app ended left that thread reading it at half a core,
        and the process alive, for ever."""
        if name == "SIGHUP":
            stop = getattr(self._driver, "exit_event", None)
            if stop is not None:
                stop.set()
        if not self._exit:
            self.exit(None, code)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded:
            self._note_key_sent(event)
        # Keys typed ahead while a dialog opens were routed to the previous screen's
        # widget and bubble back here unhandled: they belong in the input now focused.
        if (
            isinstance(event, events.Key)
            and event.is_forwarded
            and event.is_printable
            and event.character
            and isinstance(self.focused, Input)
        ):
            event.stop()
            self.focused.insert_text_at_cursor(event.character)
            return
        # Keys typed after a screen's number in one burst (`2/yan`) were sent to the
        # screen being left, before the number was handled, and come back here: sent
        # again, to the screen shown now. Read there as bindings only, `/` was lost and
        # `a` asked to archive the contact under the cursor (a `y` next said yes).
        if isinstance(event, events.Key) and event.is_forwarded:
            sent_to = self._keys_sent.pop(id(event), None)
            # Only once that screen has left the stack (a screen's key was handled in
            # between): a screen opened over it (the question after `delete`) takes the
            # keys typed ahead of it in their order, as bindings, as before.
            if sent_to is not None and sent_to not in self.screen_stack:
                event.stop()
                again = events.Key(event.key, event.character)
                again.set_sender(self)
                await self.on_event(again)
                return
        await super().on_event(event)

    def _note_key_sent(self, event: events.Key) -> None:
        """Which screen a key from the terminal goes to (until it comes back unhandled;
        an id is unique while its event lives). The oldest notes are dropped: a key a
        widget handles never comes back."""
        self._keys_sent[id(event)] = self.screen
        if len(self._keys_sent) > KEYS_NOTED:
            del self._keys_sent[next(iter(self._keys_sent))]

    # --- global actions ----------------------------------------------------------------

    async def action_quick_log(self, prefill: str = "") -> None:
        from netrack.screens.modal.quicklog import QuickLog

        await self.open_form(QuickLog(self.repo, prefill, self.quick_log_draft))

    async def action_switch_mode(self, mode: str) -> None:
        # Returns once the screen is mounted: the keys typed after its number, sent back
        # to it (`on_event`), then find its widgets there.
        await self._go_to(mode)

    def mode_screen(self, mode: str) -> type[LiveScreen[Any]]:
        return _load(MODES[mode][2])

    def go_to(self, mode: str) -> None:
        """Show screen `mode` itself (its key, the palette's "Go to …"): the detail pages
        opened over it before are closed. `3` after a contact opened from the Scorecard
        showed that contact again, not the Scorecard (SPEC: each screen one key away)."""
        self._go_to(mode)

    def _go_to(self, mode: str) -> AwaitMount:
        """`go_to`; awaited, returns once that screen is mounted."""
        mounted = self.switch_mode(mode)
        while len(self.screen_stack) > 1 and not isinstance(self.screen, ModalScreen):
            self.pop_screen()
        return mounted

    async def action_quit(self) -> None:
        """Quit (q, ctrl+q); first asked when typing would be lost: a form's fields, the
        quick-log line or the draft escape kept for the next `l`. ctrl+q from a
        half-filled form, or q with a draft kept, threw the typing away unasked. Asked
        already, a second quit key quits."""
        from netrack.screens.modal.confirm import Confirm

        at_stake = self._typing_at_stake()
        if not at_stake or self.screen is self._quit_question:
            self.exit()
            return
        self._quit_question = Confirm(f"Quit and lose {at_stake}?")

        def answered(quit_now: bool | None) -> None:
            self._quit_question = None
            if quit_now:
                self.exit()

        self.push_screen(self._quit_question, answered)

    def _typing_at_stake(self) -> str:
        from netrack.app_quitting import typing_at_stake

        titles = {mode: title for mode, (_, title, _) in MODES.items()}
        return typing_at_stake(self, titles, self.quick_log_draft.text)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # A question is answered first: a command run from the palette over it acted
        # under it (over "Discard what you typed?", on the form's record).
        if action == "command_palette" and not getattr(self.screen, "ALLOWS_PALETTE", True):
            return False
        return super().check_action(action, parameters)

    def action_help(self) -> None:
        from netrack.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen(self.screen.active_bindings.values()))

    def open_contact(self, contact_id: int) -> None:
        from netrack.screens.contact_detail import ContactDetailScreen

        self.push_screen(ContactDetailScreen(self.repo, contact_id))

    def open_campaign(self, campaign_id: int) -> None:
        from netrack.screens.campaign_detail import CampaignDetailScreen

        self.push_screen(CampaignDetailScreen(self.repo, campaign_id))

    def open_form(self, form: Screen[str | None]) -> AwaitMount:
        """Show a form (it announces what it saves with `DataWritten`).

        Awaiting the result holds the keys typed next until the form has focus, so a
        fast typist's first characters are not lost.
        """
        return self.push_screen(form)

    def run_action_prompt(self, action: Action) -> None:
        from netrack.screens.modal.prompt import PathPrompt

        self.push_screen(PathPrompt(action, self.repo))

    # --- command palette ---------------------------------------------------------------

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        from netrack.screens import commands

        yield from commands.system_commands(self, screen)
        yield from super().get_system_commands(screen)


def create_app(repo: Repo, poll_seconds: float = POLL_SECONDS) -> NetrackApp:
    """Build the app over an open repository (tests call `run_test()` on it);
    `poll_seconds`: how often it looks for other programs' writes."""
    return NetrackApp(repo, poll_seconds)


def run(repo: Repo, *, headless: bool = False) -> int:
    """Run the TUI over an open repository until the user quits; then close it.

    Returns the exit status: 0 after a quit, non-zero after a crash (Textual has shown
    the error by then).
    """
    app = create_app(repo)
    try:
        app.run(headless=headless)
    finally:
        _stop_reading_the_terminal(app)
        repo.close()
    return app.return_code or 0


def _stop_reading_the_terminal(app: NetrackApp) -> None:
    """Tell the driver's input thread to end, however the app ended. Textual tells it
    only after writing to the terminal: where the terminal went while the app shut down
    (`q`, then the window closed, the hangup too late for `_end_on`), that write failed
    and the thread went on reading the gone terminal at most of a core, the process
    never ending (one was found an hour on, beside a benchmark)."""
    stop = getattr(getattr(app, "_driver", None), "exit_event", None)
    if stop is not None:
        stop.set()


if TYPE_CHECKING:

    def _is_a_host(app: NetrackApp) -> Host:
        return app  # mypy checks here that the App gives screens all `Host` promises
