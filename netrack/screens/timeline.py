"""Edit and delete the interaction under the cursor: shared by contact and campaign detail.

`enter` opens the interaction form pre-filled and saves through `repo.activity.update`;
`delete` (or ctrl+d) asks, then deletes. `d` stays free: on contact detail it marks
follow-ups done.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar, TypeVar

from textual.binding import Binding, BindingType

from netrack.domain.describe import describe_closes_later, describe_reopens
from netrack.domain.entries import FollowUp, Interaction
from netrack.domain.write_effects import ClosedLater
from netrack.screens.as_asked import as_asked, reading
from netrack.screens.base import LiveScreen
from netrack.widgets.interactions import InteractionTable
from netrack.widgets.literal import visible

T = TypeVar("T")


# The newest interactions a detail page lists at first, and each "⏎ shows more" adds:
# all 5,000 of a contact took 1.5 s to paint (500: 0.25 s), and again on every reload.
TIMELINE_ROWS = 500


def shown_of(rows: list[Interaction], total: int) -> str:
    """ "12", or "500 newest of 640" where the page lists the newest only."""
    return f"{len(rows)} newest of {total}" if total > len(rows) else str(len(rows))


def _as_named(item: Interaction) -> tuple[str, str]:
    """An interaction as a question names it, and its note: two of a day told apart."""
    return describe(item), item.note


def describe(item: Interaction) -> str:
    """ "the video call of 2026-11-20 with Ana, Raj" (raw text: show it with literal())."""
    kind = item.kind.value.replace("_", " ")
    return f"the {kind} of {item.on} with {', '.join(item.contact_names)}"


# Subclasses list these after their own keys, so the footer reads subject first.
TIMELINE_BINDINGS: list[BindingType] = [
    # priority: the focused table would otherwise take enter to only select the row
    Binding("enter", "edit_interaction", "Edit interaction", key_display="⏎", priority=True),
    Binding("delete,ctrl+d", "delete_interaction", "Delete interaction", key_display="del"),
]


class TimelineScreen(LiveScreen[T]):
    """A detail screen with one InteractionTable whose rows can be edited and deleted."""

    # Both detail screens'; parsed when one is first shown, not at start-up; unscoped, as
    # in the app's stylesheet, so `.-narrow` (a class of the screen itself) still applies.
    SCOPED_CSS = False
    DEFAULT_CSS = """
    #detail { height: 1fr; }
    .detail-top, .detail-bottom { height: auto; }
    .detail-top > .box, .detail-bottom > .box { width: 1fr; }
    #strength { width: 42; }
    .-narrow #strength { width: 36; }
    """

    AUTO_FOCUS = "InteractionTable"
    HELP_NOTES: ClassVar[dict[str, str]] = {  # shown by `?` (netrack.screens.help)
        "⏎": 'the row under the cursor; on the last row, "… N older", shows them; past '
        "the last row ↓ pgdn end move the page on to the sections below the timeline",
    }
    _older_pages = 0  # "⏎ shows more" pressed on the last row: pages listed past the first

    @property
    def timeline_rows(self) -> int:
        """How many of the newest interactions `load` reads: a page, and one per ⏎ on
        the last row ("… N older"), kept through the reloads that follow writes."""
        return TIMELINE_ROWS * (1 + self._older_pages)

    def older(self, shown: list[Interaction], total: int) -> tuple[int, int]:
        """The last row's counts (`InteractionTable.show`): those not listed, and how
        many ⏎ there adds."""
        return max(total - len(shown), 0), TIMELINE_ROWS

    def show_table(self, shown: bool) -> None:
        """The timeline's table shown (it has rows) or hidden. Hidden, it cannot keep the
        focus, and nothing else took it: with no interactions ↓ pgdn end moved nothing,
        and at 80x24 the boxes below the screen could not be reached by keyboard. The
        page itself takes the keys then; the table takes them back once it has rows."""
        table = self.query_one(InteractionTable)
        came_back = shown and not table.display
        table.display = shown
        page = self.query_one("#detail")
        if shown and (self.focused is None or (came_back and self.focused is page)):
            table.focus()
        elif not shown and self.focused in (None, table):  # the table's focus goes later
            page.focus()

    def show_older(self) -> None:
        self._older_pages += 1
        self.reload()

    def _under_cursor(self) -> Interaction | None:
        item = self.query_one(InteractionTable).selected
        if item is None:
            self.notify("No interaction under the cursor.", severity="warning")
        return item

    async def action_edit_interaction(self) -> None:
        from netrack.screens.modal.interaction_form import InteractionForm

        if self.query_one(InteractionTable).on_older():
            self.show_older()
            return
        item = self._under_cursor()
        if item is not None:
            await self.netrack.open_form(InteractionForm(self.repo, interaction=item))

    def _deleted(
        self, item: Interaction, reopens: Sequence[FollowUp], later: Sequence[ClosedLater]
    ) -> str:
        """What a delete says, once its row left the timeline (see `drop_row`): and the
        follow-ups it had closed, pending again or done on a later day."""
        table = self.query_one(InteractionTable)
        if table.drop_row(str(item.id)):
            table.items = [i for i in table.items if i.id != item.id]
        changed = [*describe_reopens(reopens), *describe_closes_later(later)]
        return " · ".join([f"deleted {describe(item)}", *changed])

    def action_delete_interaction(self) -> None:
        from netrack.screens.modal.confirm import Confirm

        item = self._under_cursor()
        if item is None:
            return

        repo = self.repo

        def answered(yes: bool | None) -> None:
            if yes:
                self.write(
                    # the interaction asked about, not one given its id since (as_asked)
                    as_asked(
                        repo,
                        "that interaction",
                        _as_named(item),
                        reading(lambda: repo.activity.get(item.id), _as_named),
                        lambda: repo.activity.delete_telling(item.id),
                    ),
                    lambda done: visible(self._deleted(item, *done)),
                )

        # What else it changes, asked before as said after (`_deleted`, `interaction delete`)
        changes = [
            *describe_reopens(repo.activity.reopened_by_delete(item.id)),
            *describe_closes_later(repo.activity.closed_later_by_delete(item.id)),
        ]
        self.app.push_screen(Confirm(f"Delete {' · '.join([describe(item), *changes])}?"), answered)
