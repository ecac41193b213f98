"""The quick-log bar: SPEC's one-liner, a live preview, tab completion of @names,
+campaigns and #kinds.

Errors show beside the input and the text stays; enter writes one transaction through
`repo.activity.log_line`, the same path as `netrack log "…"`. Escape keeps what was typed
(the draft) for the next time the bar opens; a write, or enter on an empty line, drops it.
"""

from __future__ import annotations

from collections.abc import Mapping
from contextlib import suppress
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, Static

from netrack.domain.describe import (
    NO_LABELS,
    Named,
    already_done,
    describe_closes,
    describe_closes_earlier,
    describe_logged,
    spent,
)
from netrack.domain.errors import NetrackError, ParseError, Unmatched
from netrack.domain.models import KIND_ALIASES, Kind
from netrack.domain.quicklog import tokenize
from netrack.domain.resolve import candidates, resolve
from netrack.screens.host import Draft, announce, host
from netrack.screens.modal.writing import WritingScreen
from netrack.widgets.completion import Completion, choices_line, complete
from netrack.widgets.literal import literal, visible
from netrack.widgets.ordered_input import OrderedInput
from netrack.widgets.text import head
from netrack.widgets.urgency import UPCOMING

if TYPE_CHECKING:
    from netrack.data.repo import Repo
    from netrack.data.repo.told_apart import Resolved
    from netrack.domain.quicklog import Logged, LogPreview

CLOSES_SHOWN = 3  # the bar stays a bar; the announcement after enter names them all
# The note's cells the preview shows, about three lines at 80 columns: a pasted page
# filled the bar and pushed its hint out. The note is stored whole.
NOTE_SHOWN = 200
HINT = "@name +campaign #kind 45m ! fu:fri on:yesterday $12 note · tab completes"
PLACEHOLDER = "@name #kind 45m …  (escape keeps what you typed for the next l)"
UNREAD = "What you type is kept: enter logs it once the database can be read again."
NO_CONTACTS_YET = "no contacts yet: escape, then 2 and n adds one (or ctrl+p, New contact…)"
NOT_A_CONTACT_YET = "to add them: escape, then 2 and n, or ctrl+p then New contact…"
# What `#` + tab offers: the kinds, then their aliases (the parser takes both).
KIND_NAMES: tuple[tuple[int, str], ...] = tuple(
    enumerate([kind.value for kind in Kind] + list(KIND_ALIASES))
)


def preview_text(preview: LogPreview, twins: Mapping[int, str] = NO_LABELS) -> Text:
    """Who, what and when on the first line; campaign (`twins`: "Acme Eng [id:2]" for one
    that shares its name), flags and follow-up on the second; then warnings, the
    follow-ups it closes and the note."""
    parsed = preview.parsed
    text = Text()
    text.append("with ", style="dim")
    text.append_text(literal(", ".join(preview.contact_names), style="bold"))
    text.append(f"  ·  {parsed.kind.value.replace('_', ' ')}  ·  {parsed.on:%a %Y-%m-%d}")
    if parsed.minutes:
        text.append(f"  ·  {parsed.minutes} min")
    if spent(parsed.cost):  # as it is written
        text.append(f"  ·  {spent(parsed.cost)}")
    extras: list[Text] = []
    if preview.campaign_name:
        campaign = preview.campaign_name
        if preview.campaign_id is not None:
            campaign = twins.get(preview.campaign_id, campaign)
        extras.append(Text("for ", style="dim") + literal(campaign, style="cyan"))
    if parsed.meaningful:
        extras.append(Text("meaningful", style="bold green"))
    if parsed.follow_up_on:
        extras.append(Text(f"follow up {parsed.follow_up_on:%a %Y-%m-%d}", style=UPCOMING))
        if preview.closed_on is not None:
            extras.append(Text(already_done(preview.closed_on), style="green"))
    if extras:
        text.append("\n")
        text.append(Text("  ·  ").join(extras))
    # Warnings before the longer parts: a bar taller than the room left cuts the end.
    for warning in parsed.warnings:
        text.append(f"\n! {warning}", style="yellow")
    closes = describe_closes(preview.closes) + describe_closes_earlier(preview.earlier)
    for line in closes[:CLOSES_SHOWN]:
        text.append("\n")
        text.append_text(literal(line, style="green"))
    if len(closes) > CLOSES_SHOWN:
        text.append(f"\n… and {len(closes) - CLOSES_SHOWN} more follow-ups", style="green")
    if parsed.note:
        text.append("\nnote: ", style="dim")
        shown = head(parsed.note, NOTE_SHOWN)
        text.append_text(literal(shown))
        if shown != parsed.note:
            text.append(f"… ({len(parsed.note):,} characters)", style="dim")
    return text


def opening(prefill: str, draft: str) -> tuple[str, bool]:
    """What the bar opens with, and whether that is a draft naming other people than a
    screen's pre-fill does. The draft (what the user wrote) wins; a screen's contact
    ("l" on their page) goes in front of a draft that names nobody yet."""
    if not draft or not prefill:
        return draft or prefill, False
    try:
        names = any(token.text.startswith("@") and not token.literal for token in tokenize(draft))
    except ParseError:  # an unclosed quote, or text glued to one: it may hold a name
        names = True
    # `@"Name" ` or, for a name no quotes hold, `@id:N ` (`LiveScreen.log_with`).
    contact = prefill.startswith("@")
    if not names and contact:
        return prefill + draft, False
    return draft, contact


class QuickLog(WritingScreen):
    """Writes one line and announces it (`DataWritten`); always dismisses with None.

    While the database is busy it says so and takes no keys (see `WritingScreen`)."""

    DEFAULT_CSS = """
    QuickLog { align: center bottom; }
    QuickLog > Vertical {
        width: 100%; height: auto; max-height: 75%;
        border-top: heavy $accent; background: $surface; padding: 0 1;
    }
    QuickLog #ql-preview { height: auto; min-height: 1; }
    QuickLog #ql-error { color: $error; height: auto; }
    QuickLog #ql-hint { color: $text-muted; height: 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("tab", "complete", "Complete", priority=True),
        # What saves every form saves the bar too: it did nothing, the line still open.
        Binding("ctrl+s", "log", "Log", show=False),
    ]

    def __init__(self, repo: Repo, prefill: str = "", draft: Draft | None = None) -> None:
        super().__init__()
        self.repo = repo
        self.draft = draft or Draft()
        # A pre-fill left as it was is no draft: it belongs to the screen that made it.
        self.prefill, self._other_people = opening(prefill, self.draft.text)
        self.opened_with = prefill
        self._names: list[tuple[int, str]] = []  # completion: namesakes with organization
        self._people: list[tuple[int, str, str]] = []  # what names resolve against
        self._archived: list[tuple[int, str, str]] = []  # what they must fit better
        self._campaigns: list[tuple[int, str]] = []
        self._twins: dict[int, str] = {}  # campaign id → "Acme Eng [id:2]", as the card
        self._closed_twins: dict[int, str] = {}  # twin id → "lost", "won", "paused"
        self._resolved = self._new_memo()  # what names resolved to among these, so far
        self._completion: Completion | None = None
        # Why the names could not be read (a server gone): the bar opens all the same,
        # or the line typed next ran as screen keys ("2" of "2pm" switched screens).
        self._unread: NetrackError | None = None
        self._have_names = False
        # Why the last save of this line failed (the database busy, the file moved): said
        # until the line is edited or saved again; another program's write re-reads the
        # names and the preview, and wiped it, the unsaved line left there unexplained.
        self._refused: tuple[str, Text] | None = None

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text("Quick log", style="bold"), id="ql-title")
            yield OrderedInput(
                self.prefill, placeholder=PLACEHOLDER, id="ql-input", select_on_focus=False
            )
            yield Static(id="ql-error")
            yield Static(id="ql-preview")
            yield Static(HINT, id="ql-hint", markup=False)

    def on_mount(self) -> None:
        # Read once, and again when the data changes: the preview resolves against these
        # on every key, and the write too (it checks what they resolve to).
        self._try_reading_names()
        host(self.app).data_changed.subscribe(self, self._names_changed)
        field = self.query_one(Input)
        self.set_focus(field)
        field.cursor_position = len(field.value)
        self._refresh_preview(field.value)
        if self._other_people:  # not who this page is about: said, not guessed away
            self.query_one("#ql-hint", Static).update(
                Text("Your kept draft, with its own @names: ctrl+u clears it.", style="bold")
            )

    def _names_changed(self, _change: object) -> None:
        # A server gone meanwhile: the names held stay (the write checks them anyway).
        if self._try_reading_names():
            # The preview said what the line would do when typed: a rename, a follow-up
            # done elsewhere since, changed that (it named the old name, closed a
            # follow-up no longer open).
            self._refresh_preview(self.query_one("#ql-input", Input).value)

    def _try_reading_names(self) -> bool:
        """Read the names; whether that was done. A failure is kept (`_unread`): the bar
        says it in place of a preview, and enter tries again before it writes."""
        try:
            self._read_names()
        except NetrackError as error:
            if not self._have_names:  # names read before stay, as they are
                self._unread = error
            return False
        self._unread, self._have_names = None, True
        return True

    @staticmethod
    def _new_memo() -> Resolved:
        from netrack.data.repo.told_apart import Resolved  # with the names it holds

        return Resolved()

    def _read_names(self) -> None:
        self._people = self.repo.contacts.named()  # archived contacts have left resolution
        self._archived = self.repo.contacts.named(archived=True)  # … refused if fitting better
        self._names = self.repo.contacts.labels(shared_only=True, people=self._people)
        self._campaigns = self.repo.campaigns.names()
        self._twins = self.repo.campaigns.told_apart()
        closed = self.repo.campaigns.closed_among(self._twins)
        self._closed_twins = {cid: stage.value for cid, stage in closed.items()}
        self._resolved = self._new_memo()  # a new one: a write under way keeps its own

    @on(Input.Changed, "#ql-input")
    def _changed(self, event: Input.Changed) -> None:
        if not event.value and self._other_people:
            self._draft_cleared()
            return
        # Judged by what the input holds now, not by the event: the Changed of keys typed
        # in one burst with tab arrives after the completion ran (tab's `call_later`
        # queued it behind the keys, their Changed behind it), and dropped it.
        if self._refused is not None and event.value != self._refused[0]:
            self._refused = None  # edited: what the save said was of the line before
        if self._completion is None or event.input.value != self._completion.result:
            if self._completion is not None and len(self._completion.options) > 1:
                # The choices listed were those of the word completed: typing on, they
                # named people while the cursor was on a #kind.
                self.query_one("#ql-hint", Static).update(HINT)
            self._completion = None
        self._refresh_preview(event.value)

    def _draft_cleared(self) -> None:
        """A kept draft naming others, emptied (ctrl+u, as the hint says): the bar becomes
        what `l` on this page gives without a draft, so the line logs with the contact on
        screen. What was typed since the clearing (keys in one burst) follows the pre-fill,
        as a draft naming nobody does."""
        field = self.query_one("#ql-input", Input)
        typed, cursor = field.value, field.cursor_position
        line, self._other_people = opening(self.opened_with, typed)
        if not self._other_people:
            self.query_one("#ql-hint", Static).update(HINT)
        if line == typed:  # what was typed since names others again: it stays as it is
            self._refresh_preview(typed)
            return
        field.value = line
        field.cursor_position = cursor + len(line) - len(typed)

    def _refresh_preview(self, line: str) -> None:
        said, shown = self._preview(line)
        self.query_one("#ql-preview", Static).update(shown)
        if self.waiting:  # "waiting for the database…" stays until the save ends
            return
        if not said and self._refused is not None and self._refused[0] == line:
            said = self._refused[1]
        self.query_one("#ql-error", Static).update(said)

    def _preview(self, line: str) -> tuple[Text | str, Text | str]:
        """What the bar says of `line` as typed: its error ("" for none), its preview."""
        if self._unread is not None:  # nobody to resolve against: "no contact matches"
            return literal(str(self._unread)), Text(UNREAD, style="dim")
        if not line.strip():
            return "", Text("Type who you met: @ana #coffee 45m !", style="dim")
        try:
            result = self.repo.activity.preview_log(
                line, self._people, self._campaigns, self._resolved, self._archived
            )
        except ParseError as problem:
            return self._error_text(line, str(problem), problem.position), ""
        except NetrackError as problem:
            return self._refusal(problem), ""
        return "", preview_text(result, self._twins)

    @staticmethod
    def _error_text(line: str, message: str, position: int) -> Text:
        text = literal(message)
        if 0 <= position < len(line):
            text.append(f"  (at column {position + 1}: ")
            text.append_text(literal(head(line[position:], 20), style="reverse"))
            text.append(")")
        return text

    def _refusal(self, problem: NetrackError) -> Text:
        """What the bar says of a line it refuses; "no contact matches" says how to add one
        when there is nobody to name yet, or nobody near the name (the CLI says its
        command: `cli.with_remedy`)."""
        text = literal(str(problem))
        if isinstance(problem, Unmatched) and problem.what == "contact" and not problem.near:
            text.append(f" ({NOT_A_CONTACT_YET if self._people else NO_CONTACTS_YET})")
        return text

    def _campaign_first(self, line: str) -> list[tuple[int, str]]:
        """The names `@` completes, the people of the line's campaign first: `l` on a
        stalled campaign filled `+"Meridian …" @`, and tab offered everyone else first."""
        try:
            tokens = tokenize(line)
        except ParseError:  # the preview says what is wrong; tab still completes the name
            return self._names
        named = [
            token.text[1:].strip('"')
            for token in tokens
            if token.text.startswith("+") and len(token.text) > 1 and not token.literal
        ]
        if len(named) != 1:
            return self._names
        with suppress(NetrackError):
            # As the line resolves it: a twin is named by its label or `id:N` (what `l` on
            # its page fills), which no campaign's name holds.
            campaign = resolve(named[0], self._campaigns, "campaign", dashes_are_spaces=True)
            linked = {link.contact_id for link in self.repo.campaigns.get(campaign).contacts}
            return sorted(self._names, key=lambda item: item[0] not in linked)
        return self._names

    def action_complete(self) -> None:
        # Tab is a priority binding: it runs as the app reads the key, before the input
        # has taken the characters typed just ahead of it (one burst from the terminal).
        # Queued behind them on the input, the completion reads the line as typed.
        self.query_one(Input).call_later(self._complete)

    def _complete(self) -> None:
        if self.waiting:
            return
        field = self.query_one(Input)
        if self._completion is not None and field.value == self._completion.result:
            self._completion = self._completion.next()
        else:
            self._completion = complete(
                field.value, self._campaign_first(field.value), self._campaigns, candidates,
                KIND_NAMES, self._twins, self._closed_twins,
            )  # fmt: skip
        if self._completion is None:
            return
        field.value = self._completion.result
        field.cursor_position = len(field.value)
        if len(self._completion.options) > 1:
            hint = self.query_one("#ql-hint", Static)
            choices = choices_line(self._completion.names, hint.size.width)
            hint.update(Text(choices, style="dim"))

    @on(Input.Submitted, "#ql-input")
    def _submit(self, event: Input.Submitted) -> None:
        line = event.value
        self._refused = None  # saved again: this save says what became of it
        if not line.strip():
            self.draft.text = ""
            self.dismiss(None)
            return
        if self._unread is not None and not self._try_reading_names():
            self._refresh_preview(line)  # still gone: said in place, the line kept
            return

        def log() -> tuple[Logged, dict[int, str]]:
            repo = self.repo
            # The names read in the write: read after its commit, damage they met said
            # nothing was logged of an entry that was (and stopped the app).
            with repo.writing():
                done = repo.activity.log_line(line, *held)
                # Namesakes as `netrack log` names them ("Sam Lee (Acme)"), archived ones too
                labels = repo.contacts.told_apart_among(
                    done.entry.contact_ids, [*done.closes, *done.earlier], done.namesakes
                )
            return done, labels

        def logged(result: tuple[Logged, dict[int, str]]) -> None:
            done, labels = result
            entry = done.entry
            named = Named(labels, self._twins)
            # Its lines kept: a note on someone met after it goes under the sentence.
            summary = visible(describe_logged(done, named, in_app=True), multiline=True)
            # Announced here, not through the dismiss result, to say which interaction was
            # added: the screens can then update for it alone (the scorecard does).
            app = self.app
            self.draft.text = ""
            self.dismiss(None)
            announce(app, summary, logged=entry.id)

        def refused(problem: Exception) -> None:
            if isinstance(problem, ParseError):
                text = self._error_text(line, str(problem), problem.position)
            elif isinstance(problem, NetrackError):
                text = self._refusal(problem)
            else:
                text = literal(str(problem))
            self._refused = (line, text)
            self.query_one("#ql-error", Static).update(text)

        held = self._people, self._campaigns, self._resolved, self._archived
        self.write(log, logged, refused)

    def show_status(self, text: Text) -> None:
        self.query_one("#ql-error", Static).update(text)

    async def action_log(self) -> None:
        await self.query_one("#ql-input", Input).action_submit()

    def action_cancel(self) -> None:
        typed = self.query_one(Input).value
        self.draft.text = "" if typed == self.opened_with else typed
        self.dismiss(None)
