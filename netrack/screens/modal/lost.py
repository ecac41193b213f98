"""Close a campaign as lost: pick the reason (SPEC's list, in words, after "no reason":
SPEC's reason is optional), add a note, save.

Enter on a reason moves to the note; enter on the note saves (the note may stay blank).
The move is the CLI's `campaign move X lost --reason R --note T`: a refusal (the date
rule) shows in place and nothing is written.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, OptionList, Static

from netrack.domain.models import LOST_REASONS, Stage
from netrack.screens.as_asked import campaign_as_asked
from netrack.screens.host import announce
from netrack.screens.modal.confirm import DIALOG_CSS, close_unless_typed
from netrack.screens.modal.writing import WritingScreen
from netrack.widgets.literal import literal, visible
from netrack.widgets.ordered_input import OrderedInput
from netrack.widgets.text import words

if TYPE_CHECKING:
    from netrack.data.repo import Repo
    from netrack.domain.models import Campaign

# "" first: none given, as `campaign move X lost` without --reason (the scorecard's
# `unspecified`); enter twice recorded "rejected", a reason nobody chose.
REASON_CHOICES = ("", *LOST_REASONS)


def reason_words(reason: str, none: str = "no reason") -> str:
    return words(reason) if reason else none


class LostDialog(WritingScreen):
    DEFAULT_CSS = (
        DIALOG_CSS.format(name="LostDialog")
        + """
    LostDialog OptionList, LostDialog OptionList:focus {
        height: auto; border: none; padding: 0; margin: 1 0;
    }
    LostDialog Input { height: 1; border: none; padding: 0 1; background: $boost; }
    LostDialog Input:focus { background: $accent 30%; border: none; }
    LostDialog #lost-error { color: $error; height: auto; }
    """
    )
    ALLOWS_PALETTE = False
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, repo: Repo, campaign: Campaign) -> None:
        super().__init__()
        self.repo = repo
        self.campaign = campaign
        self.told = repo.campaigns.told(campaign)  # "Acme Eng [id:2]" beside a twin

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "Close as lost"
            title = Text("Why was ")
            title.append_text(literal(self.told, style="bold"))
            title.append(f" lost? ({self.campaign.stage.value} → lost)")
            yield Static(title)
            yield OptionList(*(reason_words(reason) for reason in REASON_CHOICES), id="reasons")
            yield Static(id="lost-chosen")
            yield OrderedInput(placeholder="a note (optional): what happened", id="lost-note")
            yield Static(id="lost-error")
            yield Static(Text("↑↓ reason, enter · then a note, enter · esc cancel", style="dim"))

    def on_mount(self) -> None:
        self.app.clear_notifications()  # a toast covered the question (see Confirm)
        reasons = self.query_one(OptionList)
        reasons.highlighted = 0
        reasons.focus()

    @on(OptionList.OptionHighlighted)
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        # Said in words too: the highlight alone is lost without colour (NO_COLOR).
        chosen = Text("reason: ", style="dim")
        chosen.append(reason_words(REASON_CHOICES[event.option_index], "none"), style="bold")
        self.query_one("#lost-chosen", Static).update(chosen)

    @on(OptionList.OptionSelected)
    def _chosen(self) -> None:
        self.query_one("#lost-note", Input).focus()

    @on(Input.Submitted)
    def _save(self) -> None:
        index = self.query_one(OptionList).highlighted
        reason = REASON_CHOICES[index or 0]
        note = self.query_one("#lost-note", Input).value
        campaign = self.campaign
        name = visible(self.told)
        summary = f"{name}: lost ({words(reason)})" if reason else f"{name}: lost"
        repo = self.repo
        self.write(
            # the campaign the dialog names, not one given its id since (see as_asked)
            # in the stage the question named, as won and pause are
            campaign_as_asked(
                repo,
                campaign,
                name,
                lambda: repo.campaigns.move(campaign.id, Stage.LOST, note=note, reason=reason),
            ),
            lambda _moved: self._saved(summary),
            self._refused,
        )

    def _saved(self, summary: str) -> None:
        app = self.app
        self.dismiss(None)
        announce(app, summary)

    def _refused(self, error: Exception) -> None:
        self.show_status(literal(str(error)))

    def show_status(self, text: Text) -> None:
        self.query_one("#lost-error", Static).update(text)

    def action_cancel(self) -> None:
        """Close without saving; asked first when a note was typed or a reason chosen
        (escape threw both away unasked, where every form asks)."""
        if self.waiting:
            return
        typed = []
        if self.query_one(OptionList).highlighted:  # "no reason" is where it opens
            typed.append("Reason")
        if self.query_one("#lost-note", Input).value.strip():
            typed.append("Note")
        close_unless_typed(self, typed)
