"""The stage keys of the pipeline and of campaign detail: `<` `>` move (or reopen a closed
campaign), `x` lost (reason and note), `w` won and `p` pause (confirmed), `u` undo the
latest change (confirmed, naming it).

One object serves both screens: each gives it the campaign the keys act on and a line
where a refusal shows in place. The repository decides (date rules, the opening that
cannot be undone); its words show as they are, and a refused move writes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from netrack.domain.errors import InputError
from netrack.domain.models import ACTIVE_STAGES, CLOSED_STAGES, ORDERED_STAGES, Stage
from netrack.screens.as_asked import as_asked, campaign_as_asked, campaign_as_named, reading
from netrack.screens.busy_writes import WAITING, run_write, write_saying
from netrack.screens.host import announce
from netrack.widgets.literal import visible

if TYPE_CHECKING:
    from textual.screen import Screen

    from netrack.data.repo import Repo
    from netrack.domain.models import Campaign, StageChange


# How the palette names each stage key: the key bar's one word names no object.
STAGE_TITLES = {
    "step(-1)": "Move campaign a stage back",
    "step(1)": "Move campaign a stage on",
    "lost": "Close campaign: mark it lost",
    "close('won')": "Close campaign: mark it won",
    "close('paused')": "Pause campaign",
    "undo": "Undo campaign's latest stage change",
    "move": "Move campaign to a stage…",
}

# What `?` says of each stage key beyond its name (see netrack.screens.help).
STAGE_HELP = {
    "<": "reopens a closed campaign in the stage it left",
    ">": "reopens a closed campaign in the next stage; into won, asks to confirm",
    "x": "asks the reason and a note",
    "w": "asks to confirm",
    "p": "asks to confirm",
    "u": "the latest stage change, once confirmed",
    "S": "any stage, dated and noted: for a move that happened before today",
}
NOTHING_TO_UNDO = "nothing to undo: the opening is the campaign's only change"


def reopen_stage(history: Sequence[StageChange], steps: int) -> Stage:
    """Where `<` (steps -1) or `>` (+1) reopens a closed campaign: the last stage of the
    ordered list it was in before closing, or the one after it."""
    left = next(
        (change.to_stage for change in reversed(history) if change.to_stage in ACTIVE_STAGES),
        Stage.RESEARCH,
    )
    if steps < 0:
        return left
    assert left.order is not None  # an active stage is on the ordered line
    return ORDERED_STAGES[left.order + 1]


def change_words(change: StageChange) -> str:
    """A stage change as the undo question names it: "applied → interviewing of DATE"."""
    start = change.from_stage.value if change.from_stage else "opening"
    return f"{start} → {change.to_stage.value} of {change.on.isoformat()}"


class StageKeys:
    """The stage actions for `screen`; `selected()` gives the campaign they act on (None:
    `say` why not), `say(text)` shows a line in place ("" clears it), `follow(id)` keeps
    the cursor on a campaign that moved."""

    def __init__(
        self,
        screen: Screen[Any],
        repo: Repo,
        selected: Callable[[], Campaign | None],
        say: Callable[[str], None],
        follow: Callable[[int], None] | None = None,
    ) -> None:
        self.screen = screen
        self.repo = repo
        self.selected = selected
        self.say = say
        self.follow = follow or (lambda _id: None)

    def told(self, campaign: Campaign) -> str:
        """`campaign`'s name as the board's cards give it: "Acme Eng [id:2]" while
        another shares its name (a toast or question naming one of two said nothing of
        which), made visible."""
        return visible(self.repo.campaigns.told(campaign))

    def _campaign(self) -> Campaign | None:
        """The campaign under the cursor as the database holds it now: keys typed ahead
        of the board's reload act on the stage the last one left (`>` `>` on a follow-up
        campaign closed it as won unasked, and the messages named stages it had left)."""
        self.say("")
        shown = self.selected()
        if shown is None:
            return None
        try:
            return self.repo.campaigns.get(shown.id)
        except InputError as error:  # deleted elsewhere since the board was drawn
            self.say(str(error))
            return None

    def write(self, change: Callable[[], Any], summary: Callable[[Any], str]) -> None:
        """One repo write: announced when saved, its refusal shown in place."""
        write_saying(self.screen.app, self.repo, change, summary, self.say)

    def step(self, steps: int) -> None:
        """One stage back or on; a closed campaign is reopened instead. Into won asks
        first. Decided inside the write, on the stage it finds there: a write waiting
        for another program's lock may find another stage than the key saw."""
        campaign = self._campaign()
        if campaign is None:
            return
        name = self.told(campaign)
        self.follow(campaign.id)
        repo = self.repo

        def move() -> tuple[Stage, Campaign | None]:
            with repo.writing():
                now = repo.campaigns.get(campaign.id).stage
                if now in CLOSED_STAGES:
                    back = reopen_stage(repo.campaigns.history(campaign.id), steps)
                    if back == now:
                        raise InputError(
                            f"{name} is {now.value} already: < reopens it a stage back"
                        )
                    if back == Stage.WON:  # left from negotiating: a closing, no reopening
                        return now, None
                    return now, repo.campaigns.move(campaign.id, back)
                if steps > 0 and now == ACTIVE_STAGES[-1]:
                    return now, None  # into won: asked first, whichever key says it
                return now, repo.campaigns.step(campaign.id, steps)

        def moved(result: tuple[Stage, Campaign | None]) -> None:
            before, after = result
            if after is None:
                self.close(Stage.WON)
                return
            self.say("")
            done = f"{name} reopened:" if before in CLOSED_STAGES else f"{name}:"
            announce(self.screen.app, f"{done} {before.value} → {after.stage.value}")

        if not run_write(self.screen.app, repo, move, moved, lambda error: self.say(str(error))):
            self.screen.app.notify(f"saving… {WAITING}", markup=False)

    def close(self, stage: Stage) -> None:
        """Won or paused, once confirmed."""
        from netrack.screens.modal.confirm import Confirm

        campaign = self._campaign()
        if campaign is None:
            return
        name = self.told(campaign)
        if campaign.stage == stage:
            self.say(f"{name} is {stage.value} already")
            return
        question = f"Close {name} as won?" if stage == Stage.WON else f"Pause {name}?"
        question += f" ({campaign.stage.value} → {stage.value} today)"

        def answered(yes: bool | None) -> None:
            if yes:
                self.write(
                    campaign_as_asked(
                        self.repo,
                        campaign,
                        name,
                        lambda: self.repo.campaigns.move(campaign.id, stage),
                    ),
                    lambda _moved: f"{name}: {campaign.stage.value} → {stage.value}",
                )

        self.screen.app.push_screen(Confirm(question), answered)

    async def move_form(self) -> None:
        """Any stage, on a day of its own, with a note (and a reason for lost)."""
        from netrack.screens.modal.move_form import MoveForm

        campaign = self._campaign()
        if campaign is not None:
            self.follow(campaign.id)
            await self.screen.app.open_form(MoveForm(self.repo, campaign))  # type: ignore[attr-defined]

    def delete(self) -> None:
        """Delete a campaign opened by mistake, once confirmed; one with history is
        refused in place, naming the keys that close it instead (SPEC: `campaign
        delete` only without history)."""
        from netrack.screens.modal.confirm import Confirm

        campaign = self._campaign()
        if campaign is None:
            return
        name = self.told(campaign)
        history = self.repo.tidy.campaign_history(campaign.id)
        if history:
            from netrack.data.repo.merging import history_words

            way = (  # a won or lost one was told to be closed as lost or paused
                "x closes it as lost, p pauses it"
                if campaign.stage.is_active
                else f"closed ({campaign.stage.value}), it keeps it"
            )
            # Contact links alone are no history a delete loses: unlinked, it goes (as
            # `campaign delete` says), where closing it would count a setback or a loss.
            if set(history) == {"contact link"}:
                way += " (or unlink its contacts first: C on its page)"
            self.say(f"{name} has history ({history_words(history)}): {way}")
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.write(
                    campaign_as_asked(
                        self.repo,
                        campaign,
                        name,
                        lambda: self.repo.tidy.delete_campaign(campaign.id),
                    ),
                    lambda _gone: f"deleted campaign {name}",
                )

        self.screen.app.push_screen(Confirm(f"Delete {name}? This cannot be undone."), answered)

    def lost(self) -> None:
        """Close as lost: the dialog asks the reason and a note, and writes."""
        from netrack.screens.modal.lost import LostDialog

        campaign = self._campaign()
        if campaign is None:
            return
        if campaign.stage == Stage.LOST:
            self.say(f"{self.told(campaign)} is lost already")
            return
        self.screen.app.push_screen(LostDialog(self.repo, campaign))

    def undo(self) -> None:
        """Remove the latest stage change, once confirmed; the opening stays."""
        from netrack.screens.modal.confirm import Confirm

        campaign = self._campaign()
        if campaign is None:
            return
        history = self.repo.campaigns.history(campaign.id)
        if len(history) < 2:
            self.say(NOTHING_TO_UNDO)
            return
        latest = history[-1]
        name = self.told(campaign)
        back = latest.from_stage.value if latest.from_stage else "?"
        question = f"Undo {change_words(latest)}? {name} goes back to {back}."

        repo = self.repo

        def latest_now() -> object | None:
            found = reading(lambda: repo.campaigns.get(campaign.id), campaign_as_named)()
            # the whole change, not its id: one made since may have taken the freed id
            return found and (found, repo.campaigns.history(campaign.id)[-1])

        def answered(yes: bool | None) -> None:
            if yes:
                self.follow(campaign.id)
                self.write(
                    # the change the question named, not one made elsewhere since
                    as_asked(
                        repo,
                        name,
                        (campaign_as_named(campaign), latest),
                        latest_now,
                        lambda: repo.campaigns.undo(campaign.id),
                    ),
                    lambda removed: f"{name}: undid {change_words(removed)}",
                )

        self.screen.app.push_screen(Confirm(question), answered)
