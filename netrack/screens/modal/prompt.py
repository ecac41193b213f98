"""Import, export and backup from the command palette: ask for a path, run, show the result.

The interop layer is imported only when a command runs. Its summary shows in place; a
failure shows its one-line message and keeps the path typed. The path goes to the same
functions as the command line (so the same checks: never the database or a backup); an
existing output file is replaced only when enter is pressed again on the same path (the
palette's --force).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from netrack.domain.errors import NetrackError

if TYPE_CHECKING:
    from netrack.data.repo import Repo


@dataclass(frozen=True, slots=True)
class Action:
    """One palette command: a title, what the path means, and what runs on it."""

    title: str
    help: str
    placeholder: str
    run: Callable[[Repo, str | None, bool], str]  # (repo, path as typed, replace)
    path_required: bool = True
    writes: bool = False


def _import(kind: str) -> Callable[[Repo, str | None, bool], str]:
    def run(repo: Repo, path: str | None, replace: bool) -> str:
        from netrack.interop.api import import_file

        assert path is not None
        return import_file(repo, kind, Path(path))

    return run


def _export(fmt: str) -> Callable[[Repo, str | None, bool], str]:
    def run(repo: Repo, path: str | None, replace: bool) -> str:
        from netrack.interop.api import export

        assert path is not None
        return export(repo, fmt, path, force=replace)  # as typed: "dir/" means a folder

    return run


def _backup(repo: Repo, path: str | None, replace: bool) -> str:
    from netrack.interop.api import backup

    return backup(repo, path, force=replace)


ACTIONS: tuple[Action, ...] = (
    Action(
        "Import LinkedIn…",
        "Import contacts from LinkedIn's Connections.csv",
        "path to Connections.csv",
        _import("linkedin"),
        writes=True,
    ),
    Action(
        "Import vCard…",
        "Import contacts from a .vcf file",
        "path to .vcf",
        _import("vcard"),
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


class PathPrompt(ModalScreen[str | None]):
    """Dismisses with the summary when the action wrote data (so screens refresh)."""

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

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = self.action_spec.title
            yield Static(Text(self.action_spec.help))
            yield Input(placeholder=self.action_spec.placeholder, id="prompt-path")
            yield Static(id="prompt-error")
            yield Static(id="prompt-result")
            yield Static(Text("enter run · esc close", style="dim"), id="prompt-hint")

    def on_mount(self) -> None:
        self.set_focus(self.query_one(Input))

    @on(Input.Submitted)
    def _run(self, event: Input.Submitted) -> None:
        if self.summary is not None:
            self.action_close()
            return
        text = event.value.strip()
        error = self.query_one("#prompt-error", Static)
        if not text and self.action_spec.path_required:
            error.update("a path is needed")
            return
        replace, self.replace_on_enter = text == self.replace_on_enter, None
        try:
            summary = self.action_spec.run(self.repo, text or None, replace)
        except NetrackError as problem:
            error.update(Text(self._explain(problem, text)))
            return
        except OSError as problem:
            error.update(Text(f"cannot use {text}: {problem.strerror or problem}"))
            return
        error.update("")
        self.summary = summary
        self.query_one("#prompt-result", Static).update(Text(summary))
        self.query_one("#prompt-hint", Static).update(Text("enter or esc close", style="dim"))
        if self.action_spec.writes:
            from netrack.screens.host import announce

            announce(self.app)

    def _explain(self, problem: NetrackError, text: str) -> str:
        from netrack.interop.files import TargetExists

        if isinstance(problem, TargetExists):
            self.replace_on_enter = text
            return f"{problem.target} exists: press enter again to replace it, or change the path"
        return str(problem)

    def action_close(self) -> None:
        self.dismiss(None)
