"""Import, export and backup from the command palette: ask for a path, run, show the result.

The interop layer is imported only when a command runs, and the command runs in a thread
worker (a 30,000-row import takes seconds; the UI keeps drawing meanwhile). An import's
summary replaces the prompt with its own screen (import_summary.py: what was added,
updated, skipped and why) and every screen shows the new data at once (`announce`); an
export's or a backup's one line shows in place. A failure shows its one-line message
and keeps the path typed. The path goes to the same functions as the command line (so
the same checks: never the database or a backup); an existing output file is replaced
only when enter is pressed again on the same path (the palette's --force).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, Static

from netrack.domain.errors import NetrackError
from netrack.domain.records import ImportSummary
from netrack.screens.modal.dialog import Dialog
from netrack.widgets.ordered_input import OrderedInput

if TYPE_CHECKING:
    from netrack.data.repo import Repo

RUNNING = "working…"


@dataclass(frozen=True, slots=True)
class Action:
    """One palette command: a title, what the path means, and what runs on it."""

    title: str
    help: str
    placeholder: str
    run: Callable[[Repo, str | None, bool], str | ImportSummary]  # (repo, path typed, replace)
    path_required: bool = True
    writes: bool = False


def _import(kind: str, me: str | None = None) -> Callable[[Repo, str | None, bool], ImportSummary]:
    """An import of `kind`; `me`: the user's name, for a messages.csv that does not show it."""

    def run(repo: Repo, path: str | None, replace: bool) -> ImportSummary:
        from netrack.interop.api import import_report

        assert path is not None
        return import_report(repo, kind, Path(path), me=me)

    return run


def _export(fmt: str) -> Callable[[Repo, str | None, bool], str]:
    def run(repo: Repo, path: str | None, replace: bool) -> str:
        from netrack.interop.api import export

        assert path is not None
        # as typed ("dir/" means a folder); a pipe or the terminal is no place for it here
        return export(repo, fmt, path, force=replace, streams=False)

    return run


def _backup(repo: Repo, path: str | None, replace: bool) -> str:
    from netrack.interop.api import backup

    return backup(repo, path, force=replace)


ACTIONS: tuple[Action, ...] = (
    Action(
        "Import LinkedIn…",
        "LinkedIn's data export: Connections.csv (contacts), messages.csv (interactions), "
        "Invitations.csv, or the whole .zip",
        "path to the .zip or one of its .csv files",
        _import("linkedin"),
        writes=True,
    ),
    Action(
        "Import vCard…",
        "Import contacts from a .vcf file, or from every .vcf file in a folder",
        "path to .vcf or a folder",
        _import("vcard"),
        writes=True,
    ),
    Action(
        "Import calendar…",
        "Past meetings with contacts from an iCalendar (.ics) export become interactions",
        "path to .ics",
        _import("ics"),
        writes=True,
    ),
    Action(
        "Import JSON…",
        "Import a netrack JSON export",
        "path to .json",
        _import("json"),
        writes=True,
    ),
    Action("Export JSON…", "Write everything as JSON", "output .json path", _export("json")),
    Action("Export CSV…", "One CSV file per table into a folder", "output folder", _export("csv")),
    Action("Export iCalendar…", "Pending follow-ups as .ics", "output .ics path", _export("ics")),
    Action("Export vCard…", "Contacts as vCard 3.0", "output .vcf path", _export("vcard")),
    Action(
        "Backup",
        "Copy the database to a safe backup file",
        "backup path (empty: the default backup folder)",
        _backup,
        path_required=False,
    ),
)


class PathPrompt(Dialog[str | None]):
    """Asks for a path and runs the action on it; an import's summary then replaces it."""

    DEFAULT_CSS = """
    PathPrompt { align: center middle; }
    PathPrompt > Vertical {
        width: 80; max-width: 100%; height: auto;
        border: round $accent; background: $surface; padding: 0 1;
    }
    PathPrompt #prompt-error { color: $error; height: auto; }
    PathPrompt #prompt-result { color: $success; height: auto; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "close", "Close")]

    def __init__(self, action: Action, repo: Repo) -> None:
        super().__init__()
        self.action_spec = action
        self.repo = repo
        self.summary: str | None = None
        self.replace_on_enter: str | None = None  # the path whose existing file was named
        self.running = False  # the action runs in a thread worker: enter waits for it
        self.asking_name_for: str | None = None  # a messages.csv that needs the user's name

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = self.action_spec.title
            yield Static(Text(self.action_spec.help))
            yield OrderedInput(placeholder=self.action_spec.placeholder, id="prompt-path")
            yield Static(id="prompt-error")
            yield Static(id="prompt-result")
            yield Static(Text("enter run · esc close", style="dim"), id="prompt-hint")

    def on_mount(self) -> None:
        self.set_focus(self.query_one(Input))

    @on(Input.Submitted)
    def _run(self, event: Input.Submitted) -> None:
        if self.running:
            return
        if self.summary is not None:
            self.action_close()
            return
        text = event.value.strip()
        error = self.query_one("#prompt-error", Static)
        run = self.action_spec.run
        if self.asking_name_for is not None:  # the answer to "which participant is you?"
            if not text:
                error.update("your name is needed, as LinkedIn shows it")
                return
            run, text = _import("linkedin", me=text), self.asking_name_for
        elif not text and self.action_spec.path_required:
            error.update("a path is needed")
            return
        replace, self.replace_on_enter = text == self.replace_on_enter, None
        self.running = True
        error.update("")
        self.query_one("#prompt-result", Static).update(Text(RUNNING, style="dim"))
        job = partial(self._in_thread, self.app, run, text, replace)
        # On the app, not this screen: closed meanwhile, the prompt must not cancel the
        # announcement of what an import wrote.
        self.app.run_worker(job, name="palette", group="write", thread=True, exit_on_error=False)

    def _in_thread(
        self,
        app: App[object],
        run: Callable[[Repo, str | None, bool], str | ImportSummary],
        text: str,
        replace: bool,
    ) -> None:
        """The action, off the UI thread; its outcome goes back to it (`call_from_thread`)."""
        try:
            summary = run(self.repo, text or None, replace)
        except NetrackError as problem:
            app.call_from_thread(self._refused, problem, text)
        except OSError as problem:
            app.call_from_thread(self._refused, f"cannot use {text}: {problem.strerror or problem}")
        except Exception as problem:  # shown, never raised: the UI must not die on it
            app.call_from_thread(self._refused, f"{type(problem).__name__}: {problem}")
        else:
            app.call_from_thread(self._finished, app, summary)
        finally:
            self.repo.close()  # this thread's connection only

    def _refused(self, problem: NetrackError | str, text: str = "") -> None:
        self.running = False
        if not self.is_attached:
            return
        message = problem if isinstance(problem, str) else self._explain(problem, text)
        self.query_one("#prompt-result", Static).update("")
        self.query_one("#prompt-error", Static).update(Text(message))

    def _finished(self, app: App[object], result: str | ImportSummary) -> None:
        self.running = False
        if self.action_spec.writes:
            from netrack.screens.host import announce

            announce(app)
        self.summary = str(result)  # enter now closes the prompt, never runs it again
        if self.is_attached:
            self.query_one("#prompt-result", Static).update(Text(self.summary))
            self.query_one("#prompt-hint", Static).update(Text("enter or esc close", style="dim"))
        if isinstance(result, ImportSummary):
            from netrack.screens.modal.import_summary import ImportSummaryScreen

            if self.is_attached and app.screen is self:
                self.dismiss(None)
            app.push_screen(ImportSummaryScreen(result))

    def _explain(self, problem: NetrackError, text: str) -> str:
        from netrack.interop.file_guards import TargetExists
        from netrack.interop.linkedin_export import WhoIsMe

        if isinstance(problem, WhoIsMe):
            self.asking_name_for = text
            field = self.query_one(Input)
            field.value, field.placeholder = "", "your name as LinkedIn shows it"
            return (
                f"{Path(text).name} does not show which participant is you: "
                "type your name as LinkedIn shows it, then enter"
            )

        if isinstance(problem, TargetExists):
            self.replace_on_enter = text
            return f"{problem.target} exists: press enter again to replace it, or change the path"
        return str(problem)

    def action_close(self) -> None:
        self.dismiss(None)
