"""What every data screen shares: load in a thread worker, reload when data changes.

A screen implements `load()` (runs in a worker thread: repo calls only, no widgets) and
`show(data)` (runs on the UI thread). Visible screens reload as soon as the app publishes
`data_changed`; hidden ones remember they are stale and reload when shown again.

Writes go through `run_write` (netrack.screens.busy_writes), which never freezes the UI
while another program holds the database's write lock.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from rich.text import Text
from textual import events, work
from textual.screen import Screen
from textual.widgets import Static
from textual.worker import get_current_worker

from netrack.domain.errors import InputError, StorageError
from netrack.domain.gc_pause import settled
from netrack.domain.visible import quoted_ref, visible
from netrack.screens.busy_writes import WAITING, run_write
from netrack.screens.host import Host, announce, host

if TYPE_CHECKING:
    from textual.widget import Widget

    from netrack.changes import Change
    from netrack.data.repo import Repo
    from netrack.data.repo.follow_ups import DoneMark

T = TypeVar("T")
R = TypeVar("R")

# What a list or a box says until its screen's first load has arrived: its empty-state
# line ("nobody is going cold") would say the opposite of a long history's truth.
LOADING = "loading…"
# How long a load's thread waits for its data to be drawn before it walks what it made.
DRAWN_WITHIN_S = 0.5


# How long a failed load's message stays up (and one like it is not said again), by
# this clock (tests set their own).
FAILURE_SECONDS = 30
clock: Callable[[], float] = time.monotonic


class LiveScreen(Screen[None], Generic[T]):
    """A screen over `repo` whose figures follow the data."""

    def __init__(self, repo: Repo, load_now: bool = False) -> None:
        super().__init__()
        self.repo = repo
        self._stale = True
        self.loaded = 0  # how many loads have been shown (tests wait on it)
        # The app's first screen reads its data on the UI thread before its first frame:
        # nothing else runs yet, so it paints complete at once instead of empty, then
        # again once a worker thread (slowed by the start-up work it competes with) is done.
        self._load_now = load_now

    @property
    def netrack(self) -> Host:
        return host(self.app)

    def load_first(self) -> T | None:
        """The first screen's data, read now on the UI thread (see `__init__`).

        A screen's `compose` may call it to build its widgets complete; the first frame
        is drawn before `on_mount`, so data shown only from there comes a frame late.
        """
        if not self._load_now:
            return None
        return self.read_now(self.load)

    def read_now(self, read: Callable[[], T]) -> T | None:
        """`read()` on the UI thread, now, as a load (its failure said in place, None
        then): `load_first`'s, and a screen's that cannot wait for its worker."""
        self._load_now = self._stale = False
        try:
            data = read()
        except Exception as error:  # as in the worker: shown, never raised
            self.call_later(self._failed, error)
            return None
        self.loaded += 1
        return data

    _mounted = False  # see on_mount

    def on_mount(self) -> None:
        # Once: Textual calls the handler of each class in the MRO, and a screen whose
        # own `on_mount` calls this one too (the Agenda's, Contacts', Goals') heard each
        # change twice: two loads a write, the first one's thread still reading for
        # nothing beside the second (~0.5 s more a load on a ten-times history).
        if self._mounted:
            return
        self._mounted = True
        self.netrack.data_changed.subscribe(self, self._data_changed)
        if self._load_now:  # not taken by `compose`: show it now, before any worker
            data = self.load_first()
            if data is not None:
                self.show(data)
        elif self._stale:
            self.reload()

    def _data_changed(self, change: Change) -> None:
        if change.origin == "app" and self._gone is None:
            # This app's own write (an edit of the page's record, however many fields):
            # what the page is about is read afresh, never taken for a newcomer.
            self._identity = None
        self._stale = True
        if self.is_current:
            self.reload()

    def on_screen_resume(self, _event: events.ScreenResume) -> None:
        # A failure said while a dialog was on top is said again: the dialog cleared the
        # toasts (`Confirm`), and a page whose record went came back with its keys off
        # and not a word why.
        self._failure_said = None
        if self._stale and self.is_mounted:
            self.reload()

    def reload(self) -> None:
        self._stale = False
        self._load_in_thread()

    @work(thread=True, exclusive=True, exit_on_error=False, group="load")
    def _load_in_thread(self) -> None:
        worker = get_current_worker()
        try:
            # What a long history's read made is walked here (see gc_pause), once the
            # screen has drawn it: the walk holds the GIL (~300 ms on a ten-times
            # history), and done before, the data waited for it.
            with settled():
                try:
                    # Drawn before the rest is read: the read holds the GIL, and the
                    # frame of the first rows waited for it.
                    first = None if self.loaded else self.load_preview()
                    if first is not None and not worker.is_cancelled:
                        self._drawn_from_thread(self._preview, first)
                    data = self.load()
                except Exception as error:  # shown, never raised: the UI must not die
                    if not worker.is_cancelled:
                        self.app.call_from_thread(self._failed, error)
                    return
                if not worker.is_cancelled:
                    self._drawn_from_thread(self._show, data)
        finally:
            self.repo.close()  # this thread's connection only

    def _drawn_from_thread(self, show: Callable[[T], None], data: T) -> None:
        """`show(data)` on the UI thread; back once the screen has drawn it."""
        drawn = threading.Event()
        self.app.call_from_thread(self._show_then_drawn, show, data, drawn.set)
        drawn.wait(DRAWN_WITHIN_S)  # a screen not shown draws nothing

    def _show_then_drawn(
        self, show: Callable[[T], None], data: T, drawn: Callable[[], None]
    ) -> None:
        """`show(data)`, and `drawn()` once the screen has drawn it."""
        show(data)
        self.call_after_refresh(drawn)

    def load_preview(self) -> T | None:
        """What to show while `load()` reads the rest, before the first load has come
        (a worker thread, as `load`): a long list's first screenful. None: nothing."""
        return None

    def focus_at_mount(self, widget: Widget) -> None:
        """Focus `widget` as the screen mounts: at once, and only where no key has
        focused anything yet. A key typed in the burst that first showed the screen may
        have (`2/yan`'s `/` focused Contacts' filter before its mount), and a deferred
        `focus()` then took the rest of the burst away from it (`a` went to the table
        and asked to archive someone)."""
        if self.focused is None:
            self.set_focus(widget)

    def _preview(self, data: T) -> None:
        if self.is_attached and not self.loaded:  # not a load: `loaded` says the whole
            self.show(data)

    def _show(self, data: T) -> None:
        if self.is_attached:
            self.show(data)
            self.loaded += 1
            self._run_pending()

    _pending_action: str | None = None  # a key's action asked for before the data came

    def when_shown(self, action: str) -> None:
        """Run `action` (a key of this screen, chosen in the palette on another one) on
        what this screen selects once its data is shown: as soon as it is, or after the
        load under way."""
        self._pending_action = action
        if self.loaded and not self._stale:
            self.call_later(self._run_pending)

    def _run_pending(self) -> None:
        action, self._pending_action = self._pending_action, None
        if action is not None:
            self.call_later(self.run_action, action)

    _failure_said: tuple[str, float] | None = None  # the last said, and when

    def _failed(self, error: Exception) -> None:
        """A load that failed (the server refused the login, went away): said until read,
        and the screen stays due a load, so showing it again tries again. Said for the
        usual few seconds, and not tried again, the list went on looking current."""
        self._stale = True
        if self._gone is not None:
            self.refresh_bindings()  # its keys are off (`check_action`): the bar says so
        said = f"could not load: {error} (what is shown may be out of date)"
        if not self.loaded:  # its lists said "loading…" of a load that will not come
            for placeholder in self.query(".empty").results(Static):
                if placeholder.content == LOADING:
                    placeholder.update(Text(f"could not load: {error}"))
        now = clock()
        if self._failure_said is not None:
            before, when = self._failure_said
            if before == said and now - when < FAILURE_SECONDS:
                return  # up still: a program writing steadily stacked one per write
        self._failure_said = (said, now)
        self.notify(said, severity="error", markup=False, timeout=FAILURE_SECONDS)

    def load(self) -> T:
        raise NotImplementedError

    _gone: str | None = None  # the page's own record was found gone: what was said

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """On a page whose record went, no key acts but the way out: by its id they
        acted on the record that took it (`d` marked a newcomer's follow-up done, `>`
        moved another campaign), under the old record still shown."""
        if self._gone is not None and not action.startswith("app."):
            return False
        return super().check_action(action, parameters)

    _identity: tuple[object, ...] | None = None  # the page's record as last loaded

    def own_record(
        self,
        read: Callable[[], R],
        identity: Callable[[R], tuple[object, ...]],
        gone: str = "deleted or merged",
    ) -> R:
        """The record a page is about, read with `read()` (which refuses an unknown id);
        once a load found it gone, never read again: SQLite gives a deleted last row's id
        to the next record added, and a contact's page left open became the newcomer's,
        the old error still on screen. A record read back under another name (the first
        of its `identity`) and with another organization or first day than the last load
        read is a newcomer under that id too: a record deleted and another added between
        two loads. A rename alone, or a merge into it (which fills its organization and
        moves its first day, the name kept), is the same record; so is anything this app
        itself wrote."""
        if self._gone is not None:
            raise InputError(self._gone)
        try:
            record = read()
        except InputError as error:
            self._gone = f"{error} ({gone} elsewhere: escape goes back)"
            raise InputError(self._gone) from None
        seen = identity(record)
        if (
            self._identity is not None
            and seen[0] != self._identity[0]
            and any(a != b for a, b in zip(seen[1:], self._identity[1:], strict=True))
        ):
            self._gone = f"this page's record was {gone} elsewhere: escape goes back"
            raise InputError(self._gone)
        self._identity = seen  # as of this load: edits elsewhere accumulate one by one
        return record

    def show(self, data: T) -> None:
        raise NotImplementedError

    async def log_with(self, contact_ids: Sequence[int]) -> None:
        """The quick log with these people filled in (`log_prefill`): a contact's row or
        page, the Agenda's follow-ups (an interaction's people) and lists. An archived
        one is left out, and said so; with nobody left, no bar opens."""
        # On the key: its record class is not made before the first screen
        from netrack.screens.log_prefill import archived_words, prefill

        filled = prefill(self.repo, contact_ids)
        names = [visible(name) for name in filled.archived]
        if names and not filled.line:
            self.refuse_archived(names)
            return
        if names:  # the others are filled in: said, not left out in silence
            self.notify(f"{archived_words(names)}; left out of the line", markup=False)
        await self.netrack.action_quick_log(filled.line)

    def refuse_archived(self, names: Sequence[str]) -> None:
        """Say that a key naming these people did nothing: they are archived (the
        Contacts screen, which shows them, says it in its line)."""
        from netrack.screens.log_prefill import archived_words

        said = f"{archived_words(names)} (A shows the archived)"
        self.notify(said, severity="warning", markup=False)

    async def log_for(self, campaign_id: int, name: str) -> None:
        """The quick log on one campaign, a contact to name next: `+"Org Title" @`, or
        `+id:N @` where another campaign has the same name (the line could never be
        saved). The Agenda's deadlines and stalled rows, and a campaign's page."""
        try:
            twin = campaign_id in self.repo.campaigns.told_apart()
        except StorageError:  # a server gone: the bar opens all the same, by id
            twin = True
        ref = f"id:{campaign_id}" if twin else quoted_ref(name, campaign_id)
        await self.netrack.action_quick_log(f"+{ref} @")

    # --- writes ------------------------------------------------------------------------

    # What this screen's `d`s marked done, newest last, with their words: `u` reopens
    # them back from the newest (SPEC: `u` undoes; `d` marks at once, and on a contact
    # every pending one). Only the last was kept: a second `u` said there was nothing to
    # undo. Kept by the app, under `done_key`: a contact's page closed and opened again
    # still undoes what its `d` did.
    # The contact whose page this is (None elsewhere): `u` there reopens their own only.
    done_contact: int | None = None

    @property
    def done_key(self) -> object:
        """Where the app keeps this screen's marks: by contact on a contact's page."""
        return type(self).__name__ if self.done_contact is None else ("contact", self.done_contact)

    @property
    def _done(self) -> tuple[tuple[dict[int, DoneMark], str], ...]:
        return self.netrack.done_marks.get(self.done_key, ())

    @_done.setter
    def _done(self, marks: tuple[tuple[dict[int, DoneMark], str], ...]) -> None:
        self.netrack.done_marks[self.done_key] = marks

    def marking(self, mark: Callable[[], tuple[int, ...]]) -> Callable[[], dict[int, DoneMark]]:
        """`mark` (a write marking follow-ups done that returns their interactions' ids)
        returning each mark as it wrote it, read in the same write: read after it,
        another program's mark made in between was taken for this app's, and `u` wiped it."""

        def marked() -> dict[int, DoneMark]:
            with self.repo.writing():
                return self.repo.activity.done_marks(mark())

        return marked

    def undoable_done(self, marks: dict[int, DoneMark], summary: str, what: str = "") -> str:
        """Remember what `d` just marked done (`marking`'s result) for `u` (`what`: it in
        words, for the message of its undo); the summary says so."""
        self._done = (*self._done, (marks, what))
        return f"{summary} · u undoes"

    def action_undo_done(self) -> None:
        if not self._done:
            self.notify("Nothing marked done here to undo.", severity="warning")
            return
        (marks, what), self._done = self._done[-1], self._done[:-1]

        def reopen() -> dict[int, date | None]:
            with self.repo.writing():  # all of them or none
                # Another program may have reopened some meanwhile, or deleted one and
                # given its id to a follow-up of someone else's, marked done too.
                now = self.repo.activity.done_marks(tuple(marks))
                still = [i for i, mark in marks.items() if now.get(i) == mark]
                if self.done_contact is not None:
                    still = list(self.repo.activity.marked_done(still, self.done_contact))
                # Each one's day a later interaction closed it: done still, not pending.
                closings = {i: self.repo.activity.reopen_follow_up(i)[1] for i in still}
            if not still:
                marked = (
                    "the follow-up d marked done was"
                    if len(marks) == 1
                    else ("the follow-ups d marked done were")
                )
                raise InputError(f"{marked} reopened or changed elsewhere since: nothing reopened")
            return closings

        def reopened(closings: dict[int, date | None]) -> str:
            from netrack.domain.describe import describe_taken_back  # not before a write

            self.put_back([i for i, closed in closings.items() if closed is None])
            return describe_taken_back(list(closings.values()), what)

        self.write(reopen, reopened)

    def put_back(self, interaction_ids: list[int]) -> None:
        """The follow-ups `u` just made pending again, before the reload shows them: a
        screen with a cursor on its follow-ups (the Agenda) puts it back on them."""

    def write(self, change: Callable[[], Any], summary: str | Callable[[Any], str]) -> None:
        """Run one repo write (see `run_write`); announce it and refresh, or show why it
        was refused. While it waits for the database, the screen stays usable."""
        app = self.app

        def done(result: Any) -> None:
            announce(app, summary(result) if callable(summary) else summary)

        def failed(error: Exception) -> None:
            app.notify(str(error), severity="error", markup=False)

        if not run_write(app, self.repo, change, done, failed):
            app.notify(f"saving… {WAITING}", markup=False)
