"""What an import from the command palette did, on one screen.

Per kind of thing (contacts, organizations, interactions …): how many were added,
updated and skipped; under it each reason for skipping with its count and the first few
records skipped for it, named ("not a contact: 5,067 — Stranger 12, Stranger 45 …"),
then lines not read as written (not UTF-8: a guess, or U+FFFD), then the records the importer
refused one by one (a line of the file, a JSON path).
Long lists are cut so that the summary fits one screen; enter or escape closes it.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Static

from netrack.domain.records import LINE_REASON, ImportSummary, Tally
from netrack.screens.modal.dialog import Dialog
from netrack.widgets.literal import literal
from netrack.widgets.text import fit

REASONS_SHOWN = 6  # skip reasons per kind of thing; the rest are counted on one line
RECORDS_SHOWN = 8  # records listed one by one (a JSON export's refused records)
NAME_CELLS = 40  # a record's name is cut to this many terminal cells


class ImportSummaryScreen(Dialog[None]):
    """The summary of one import (`ImportSummary`)."""

    DEFAULT_CSS = """
    ImportSummaryScreen { align: center middle; }
    ImportSummaryScreen > Vertical {
        width: 90; max-width: 100%; height: auto; max-height: 100%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    ImportSummaryScreen #import-hint { margin-top: 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,enter", "close", "Close"),
    ]

    def __init__(self, summary: ImportSummary) -> None:
        super().__init__()
        self.summary = summary

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "Import finished"
            yield Static(describe(self.summary), id="import-summary")
            yield Static(Text("enter or esc close", style="dim"), id="import-hint")

    def action_close(self) -> None:
        self.dismiss(None)


def describe(summary: ImportSummary) -> Text:
    """The summary as the screen shows it: file, then one block per kind of thing."""
    text = Text("Imported ", style="bold")
    text.append_text(literal(summary.shown, style="bold"))
    for noun, tally in summary.moved().items():
        text.append("\n\n")
        _tally(text, noun, tally)
    if summary.warnings():
        text.append("\n\nWarnings:", style="bold")
        for warning in summary.warnings():
            text.append("\n  ")
            text.append_text(literal(warning))
    _records(text, "Skipped records:", summary.records)
    _records(text, "Kept without a skipped record they named:", summary.kept)
    return text


def _records(text: Text, heading: str, records: list[str]) -> None:
    if records:
        text.append(f"\n\n{heading}", style="bold")
        for record in records[:RECORDS_SHOWN]:
            text.append("\n  ")
            text.append_text(literal(record))
        if len(records) > RECORDS_SHOWN:
            text.append(f"\n  … and {len(records) - RECORDS_SHOWN:,} more", style="dim")


def _tally(text: Text, noun: str, tally: Tally) -> None:
    text.append(f"{noun.capitalize()}: ", style="bold")
    text.append(f"{tally.added:,} added", style="green" if tally.added else "")
    text.append(f", {tally.updated:,} updated")
    if tally.joined:
        text.append(f", {tally.joined:,} joined to the same one earlier in the file")
    text.append(f", {tally.skipped_total:,} skipped")
    for remark in tally.remarks:
        text.append(f"\n  {remark}")
    if tally.updated_differing:
        text.append(f"\n  {tally.updated_differing_phrase()}")
    if tally.unfilled:
        text.append("\n  ")
        text.append_text(literal(tally.unfilled_phrase()))
    if tally.archived:
        text.append("\n  ")
        text.append_text(literal(tally.archived_phrase()))
    reasons = tally.reasons()
    for reason, count, named in reasons[:REASONS_SHOWN]:
        text.append("\n  ")
        text.append_text(literal(reason))
        if count > 1 or not LINE_REASON.match(reason):  # "line 12: …" is one record
            text.append(f": {count:,}")
        if named:
            text.append(" — ", style="dim")
            text.append_text(literal(", ".join(_short(name) for name in named), style="dim"))
            if count > len(named):
                text.append(" …", style="dim")
    if len(reasons) > REASONS_SHOWN:
        rest = sum(count for _, count, _ in reasons[REASONS_SHOWN:])
        text.append(f"\n  {rest:,} more skipped for other reasons", style="dim")
    for note in tally.notes_shown():  # new organizations close to others
        text.append("\n  ")
        text.append_text(literal(note))


def _short(name: str) -> str:
    flat = " ".join(name.split())
    return fit(flat, NAME_CELLS)
