"""One campaign: stage history with dates and notes, linked contacts, interactions,
referrals and time spent for it; enter / delete edit or delete the interaction under the cursor; `e` edits the details,
`n` links a contact with a role, `C` lists the links to change a role or unlink."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, ClassVar

from rich.console import Group
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Static

from netrack.domain.describe import time_spent_text
from netrack.domain.entries import Interaction, Referral, TimeEntry
from netrack.domain.models import Campaign, Direction, Stage, StageChange
from netrack.domain.time_words import describe_invested, time_spent_parts
from netrack.listing import NO_LABELS, Labels
from netrack.screens.refusals import FreshRefusals
from netrack.screens.stage_keys import STAGE_HELP, STAGE_TITLES, StageKeys
from netrack.screens.timeline import TIMELINE_BINDINGS, TimelineScreen, shown_of
from netrack.widgets.header import ModeHeader
from netrack.widgets.interactions import InteractionTable
from netrack.widgets.keybar import KeyBar
from netrack.widgets.literal import literal, visible
from netrack.widgets.text import Items, section, words
from netrack.widgets.urgency import DUE_TODAY, LATE

if TYPE_CHECKING:
    from netrack.changes import Change
    from netrack.data.repo import Repo


@dataclass(frozen=True, slots=True)
class CampaignData:
    campaign: Campaign
    history: list[StageChange]
    interactions: list[Interaction]
    today: date
    total: int  # interactions in all: the page shows the newest `timeline_rows`
    labels: Labels  # "Name (Org)" of those who share a name with another
    referrals: list[Referral] = field(default_factory=list)  # newest first, all
    time_entries: list[TimeEntry] = field(default_factory=list)  # newest first, all
    told: str = ""  # the title: "Acme Eng [id:2]" while another campaign has its name
    interaction_minutes: int = 0  # of all its interactions, not only those shown


def summary(campaign: Campaign, today: date, invested: str = "") -> Text:
    """Its name, stage, opening day and details; `invested`: "0.83h invested", its hours
    as the scorecard counts them (`describe_invested`), "" for none."""
    text = literal(campaign.organization, style="bold")
    text.append("  ")
    text.append_text(literal(campaign.title))
    text.append(f"\nstage {campaign.stage.label}", style="bold cyan")
    days = (today - campaign.stage_since).days
    if days == 0:  # moved (or opened) today: "for 0 days" said nothing
        text.append(f" since today ({campaign.stage_since})")
    else:
        text.append(f" for {days} day{'' if days == 1 else 's'} (since {campaign.stage_since})")
    if campaign.lost_reason:
        text.append(" · reason: ")
        text.append(words(campaign.lost_reason))
    parts = [f"opened {campaign.opened_on}"]
    if campaign.source:
        parts.append(f"source {campaign.source.value}")
    if campaign.priority:
        parts.append(f"priority {campaign.priority}")
    if campaign.next_follow_up:
        parts.append(f"next follow-up {campaign.next_follow_up}")
    if invested:
        parts.append(invested)
    text.append("\n" + " · ".join(parts), style="dim")
    text.append_text(details(campaign, today))
    if campaign.url:
        text.append("\n")
        text.append_text(literal(campaign.url, style="underline"))
    if campaign.notes:
        text.append("\n")
        text.append_text(literal(campaign.notes, multiline=True))
    return text


def deadline_text(deadline: date, today: date) -> Text:
    """The deadline with how far it is: "in 5 days", "today", "passed 3 days ago"."""
    days = (deadline - today).days
    text = Text(f"{deadline:%a %Y-%m-%d}")
    if days > 0:
        soon = DUE_TODAY if days <= 7 else Style()
        when, style = f"in {days} day{'s' if days != 1 else ''}", soon
    elif days == 0:
        when, style = "today", LATE
    else:
        when, style = f"passed {-days} day{'s' if days != -1 else ''} ago", Style(dim=True)
    text.append(f" ({when})", style=style)
    return text


def details(campaign: Campaign, today: date) -> Text:
    """The details a job seeker compares, one labelled line each (blank ones left out)."""
    deadline = deadline_text(campaign.deadline, today) if campaign.deadline else None
    rows = [
        ("location", literal(campaign.location) if campaign.location else None),
        ("compensation", literal(campaign.compensation) if campaign.compensation else None),
        ("deadline", deadline),
        ("documents", literal(campaign.documents) if campaign.documents else None),
    ]
    text = Text()
    for label, value in rows:
        if value is not None:
            text.append(f"\n{label:>12}  ", style="dim")
            text.append_text(value)
    return text


def history_table(history: list[StageChange]) -> Table:
    """Each change: its date, then the move and its note in one column that wraps, so a
    narrow box still shows the note (a loss's reason first, in words)."""
    table = Table(box=None, expand=True, show_header=True, header_style="dim", pad_edge=False)
    table.add_column("date", no_wrap=True, width=10)
    table.add_column("change · note", ratio=1, overflow="fold")
    for change in history:
        moved = f"{change.from_stage.value} → " if change.from_stage else "opened in "
        row = Text(moved + change.to_stage.value)
        if change.reason or change.note:
            row.append("  ")
        if change.reason:
            row.append(words(change.reason), style="bold")
            row.append(": " if change.note else "")
        row.append_text(literal(change.note, style="dim"))
        table.add_row(change.on.isoformat(), row)
    return table


def contacts_text(campaign: Campaign, labels: Labels = NO_LABELS) -> Text:
    text = Text()
    if not campaign.contacts:
        text.append("none yet: n links someone, or log with +campaign (l)", style="dim")
    for link in campaign.contacts:
        text.append_text(literal(labels.get(link.contact_id, link.contact_name)))
        if link.role:
            text.append(f"  {link.role.value.replace('_', ' ')}", style="dim")
        text.append("\n")
    text.rstrip()  # no blank line at the end of the box
    return text


# Referrals and time entries listed at most, newest first: the title counts them all.
SIDE_ROWS = 10
NO_REFERRALS = "none: r adds one for this campaign"
NO_TIME = "none: T adds hours spent on this campaign"


def newest_of(shown: int, total: int) -> str:
    """ "3", or "10 newest of 40" where the box lists the newest only."""
    return f"{shown} newest of {total}" if total > shown else str(total)


def referrals_text(referrals: list[Referral], labels: Labels = NO_LABELS) -> Text:
    """One line per referral in the contact page's words, the contact named where the
    campaign is there: "2026-11-27  ← Sam Lee referred you · note", "→ you helped Sam Lee"."""
    text = Text()
    if not referrals:
        text.append(NO_REFERRALS, style="dim")
    for ref in referrals[:SIDE_ROWS]:
        who = literal(labels.get(ref.contact_id, ref.contact_name))
        text.append(f"{ref.on}  ")
        if ref.direction is Direction.IN:
            text.append("← ")
            text.append_text(who)
            text.append(" referred you")
        else:
            text.append("→ you helped ")
            text.append_text(who)
        if ref.note:
            text.append(" · ", style="dim")
            text.append_text(literal(ref.note))
        text.append("\n")
    text.rstrip()
    return text


def time_text(entries: list[TimeEntry]) -> Group | Text:
    """Their hours in all by the kinds the scorecard tells apart ("in all 1h search and
    networking, 2h off"; a line broken between two kinds only), then one line per entry,
    newest first, in the words `time add` confirms with: "2026-11-27  60m of search ·
    note". The hours are said here, not in the box's title: three kinds did not fit a
    60-cell title at 120x40 and lost the last figure to an ellipsis. Not "invested":
    that counts the campaign's interaction minutes too, and the summary says it."""
    if not entries:
        return Text(NO_TIME, style="dim")
    spent = [Text(part, "bold") for part in time_spent_parts(entries)]
    if spent:  # none: entries of no minutes, which only another program writes
        spent[0] = Text("in all ", "dim").append_text(spent[0])
    text = Text()
    for entry in entries[:SIDE_ROWS]:
        text.append(f"{entry.on}  {time_spent_text(entry)}")
        if entry.note:
            text.append(" · ", style="dim")
            text.append_text(literal(entry.note))
        text.append("\n")
    text.rstrip()
    return Group(Items(spent, separator=", "), text) if spent else text


def side_title(name: str, rows: int) -> str:
    """ "Time", "Referrals (3)", "Time (10 newest of 40)": short enough for the title of
    a half-width box at 80 columns as at 120."""
    return f"{name} ({newest_of(min(rows, SIDE_ROWS), rows)})" if rows else name


NO_INTERACTIONS = "No interactions linked yet. Press l to log one for this campaign."


class CampaignDetailScreen(TimelineScreen[CampaignData]):
    # Narrow, one above the other: side by side each line wrapped in two. Unscoped (as
    # TimelineScreen's, which a subclass does not inherit): `.-narrow` is the screen's.
    SCOPED_CSS = False
    DEFAULT_CSS = """
    .-narrow #referrals-time { layout: vertical; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("less_than_sign,shift+left", "step(-1)", "Stage back", key_display="<"),
        Binding("greater_than_sign,shift+right", "step(1)", "Stage on", key_display=">"),
        # The pipeline's stage keys, listed by `?` (the key bar has no room for them).
        Binding("x", "lost", "Lost", show=False),
        Binding("w", "close('won')", "Won", show=False),
        Binding("p", "close('paused')", "Pause", show=False),
        Binding("u", "undo", "Undo", show=False),
        Binding("S", "move", "Move…", key_display="S", show=False),
        Binding("l", "log", "Log for it"),
        Binding("e", "edit", "Edit"),
        Binding("n", "links(True)", "Link contact", show=False),
        Binding("C", "links", "Contacts & roles", key_display="C", show=False),
        Binding("r", "referral", "Add referral", show=False),
        # T: a lowercase key means one thing on every screen, and t is the Scorecard's
        Binding("T", "time_entry", "Add time", key_display="T", show=False),
        *TIMELINE_BINDINGS,
    ]
    PALETTE_TITLES: ClassVar[dict[str, str]] = {  # netrack.screens.commands
        **STAGE_TITLES,
        "log": "Log for this campaign",
        "edit": "Edit campaign",
        "links(True)": "Link a contact to campaign",
        "links": "Campaign's contacts & roles",
        "referral": "Add a referral for this campaign",
        "time_entry": "Add time spent on this campaign",
    }
    HELP_NOTES: ClassVar[dict[str, str]] = {  # shown by `?` (netrack.screens.help)
        **TimelineScreen.HELP_NOTES,
        **STAGE_HELP,
        "e": "the campaign's details: title, source, priority, location, deadline…",
        "n": "pick a contact, then their role",
        "C": "n links, e changes a role, del unlinks (asks first)",
        "r": "a referral for this campaign: who referred you, or whom you referred",
        "T": "hours of search, networking, busywork or time off for this campaign",
    }

    def __init__(self, repo: Repo, campaign_id: int) -> None:
        super().__init__(repo)
        self.campaign_id = campaign_id
        self.data: CampaignData | None = None
        self._refusals = FreshRefusals(self)
        self.keys = StageKeys(self, repo, self._campaign, self._say)

    def compose(self) -> ComposeResult:
        yield ModeHeader("", "Campaign")
        with VerticalScroll(id="detail"):
            yield Static(id="summary", classes="box")
            status = Static(id="stage-status", classes="summary")
            status.display = False
            yield status
            with Horizontal(classes="detail-bottom"):
                yield Static(id="history", classes="box")
                yield Static(id="people", classes="box")
            with Vertical(id="interactions", classes="box"):
                yield InteractionTable(show_campaign=False)  # every row is this campaign's
                yield Static(NO_INTERACTIONS, id="interactions-empty", classes="empty")
            # Below the timeline, as on a contact's page: what `campaign delete` names as
            # its history must be seen where the refusal is said.
            with Horizontal(id="referrals-time", classes="detail-bottom"):
                yield Static(id="referrals", classes="box")
                yield Static(id="time", classes="box")
        yield KeyBar(compact=True)

    def load(self) -> CampaignData:
        cid = self.campaign_id
        campaign = self.own_record(
            lambda: self.repo.campaigns.get(cid),
            # a new title, organization or opening day alone: the same campaign
            lambda c: (c.title, c.organization_id, c.opened_on),
            "deleted",
        )
        interactions = self.repo.activity.interactions(campaign_id=cid, limit=self.timeline_rows)
        referrals = self.repo.referrals.all(campaign_id=cid)
        named = {link.contact_id for link in campaign.contacts}
        named.update(i for item in interactions for i in item.contact_ids)
        named.update(r.contact_id for r in referrals)
        # Every name is read only when one of these people has a namesake.
        shared = self.repo.contacts.shares_a_name(named)
        return CampaignData(
            campaign,
            self.repo.campaigns.history(cid),
            interactions,
            self.repo.today(),
            self.repo.activity.count_interactions(campaign_id=cid),
            self.repo.contacts.told_apart() if shared else NO_LABELS,
            referrals,
            self.repo.time.all(campaign_id=cid),
            self.repo.campaigns.told(campaign),
            self.repo.activity.campaign_minutes(cid),
        )

    def show(self, data: CampaignData) -> None:
        self.data = data
        c = data.campaign
        self.query_one(ModeHeader).set_title(visible(data.told or c.display_name))
        invested = describe_invested(data.interaction_minutes, data.time_entries)
        section(self.query_one("#summary", Static), "Campaign", summary(c, data.today, invested))
        section(self.query_one("#history", Static), "Stage history", history_table(data.history))
        section(self.query_one("#people", Static), "Contacts", contacts_text(c, data.labels))
        shown = shown_of(data.interactions, data.total)
        self.query_one("#interactions").border_title = f"Interactions ({shown})"
        table = self.query_one(InteractionTable)
        older = self.older(data.interactions, data.total)
        table.show(data.interactions, labels=data.labels, older=older)
        self.show_table(bool(data.interactions))
        self.query_one("#interactions-empty").display = not data.interactions
        referrals, hours = data.referrals, data.time_entries
        section(
            self.query_one("#referrals", Static),
            side_title("Referrals", len(referrals)),
            referrals_text(referrals, data.labels),
        )
        section(self.query_one("#time", Static), side_title("Time", len(hours)), time_text(hours))

    def _campaign(self) -> Campaign | None:
        return self.data.campaign if self.data is not None else None

    def _say(self, text: str) -> None:
        """A refused stage key's reason, under the summary ("" clears it)."""
        status = self.query_one("#stage-status", Static)
        status.update(literal(text, style="bold red"))
        status.display = bool(text)
        if text:  # under a long summary at 80x24 it was below the screen: brought up
            self.call_after_refresh(status.scroll_visible, animate=False)
            self._refusals.said()

    def _data_changed(self, change: Change) -> None:
        # A write since (details edited, a log, a link; here or in another program): a
        # refusal said before it is stale, whatever the write left on the page.
        if self._refusals.stale_after(change):
            self._say("")
        super()._data_changed(change)

    def action_step(self, steps: int) -> None:
        self.keys.step(steps)

    def action_close(self, stage: str) -> None:
        self.keys.close(Stage(stage))

    def action_lost(self) -> None:
        self.keys.lost()

    def action_undo(self) -> None:
        self.keys.undo()

    async def action_move(self) -> None:
        await self.keys.move_form()

    async def action_log(self) -> None:
        if self.data is not None:
            await self.log_for(self.data.campaign.id, self.data.campaign.display_name)

    async def action_edit(self) -> None:
        from netrack.screens.modal.campaign_form import CampaignForm

        if self.data is not None:
            await self.netrack.open_form(CampaignForm(self.repo, self.data.campaign))

    async def action_referral(self) -> None:
        from netrack.screens.modal.referral_form import ReferralForm

        if self.data is not None:
            await self.netrack.open_form(ReferralForm(self.repo, campaign_id=self.campaign_id))

    async def action_time_entry(self) -> None:
        from netrack.screens.modal.time_form import TimeForm

        if self.data is not None:
            await self.netrack.open_form(TimeForm(self.repo, campaign_id=self.campaign_id))

    def action_links(self, start_linking: bool = False) -> None:
        from netrack.screens.modal.links import LinksDialog

        self.app.push_screen(LinksDialog(self.repo, self.campaign_id, start_linking))
