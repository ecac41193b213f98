"""One contact's whole story: profile, strength with the rubric, timeline, follow-ups,
campaigns, referrals and notes. `l` logs with them, `d` marks follow-ups done, `e` edits,
`r` adds a referral; enter / delete edit or delete the interaction under the cursor."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, ClassVar

from rich.console import RenderableType
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Static

from netrack.domain.entries import FollowUp, Interaction, Referral
from netrack.domain.models import Campaign
from netrack.domain.people import Contact, StrengthChange
from netrack.screens.base import LOADING
from netrack.screens.contact_boxes import (
    campaigns_text,
    follow_up_text,
    profile,
    referrals_text,
    strength,
)
from netrack.screens.timeline import TIMELINE_BINDINGS, TimelineScreen, shown_of
from netrack.widgets.header import ModeHeader
from netrack.widgets.interactions import InteractionTable
from netrack.widgets.keybar import KeyBar
from netrack.widgets.literal import literal, visible
from netrack.widgets.text import section

if TYPE_CHECKING:
    from netrack.data.repo import Repo


@dataclass(frozen=True, slots=True)
class ContactData:
    contact: Contact
    timeline: list[Interaction]
    follow_ups: list[FollowUp]
    campaigns: list[Campaign]
    referrals: list[Referral]
    today: date
    strengths: list[StrengthChange] = field(default_factory=list)
    total: int = 0  # interactions in all: the timeline shows the newest `timeline_rows`
    introduced_by: str = ""  # "Name (Org)" where another contact shares the introducer's name
    introduced: tuple[str, ...] = ()  # whom they introduced, by name (told apart likewise)
    # "Acme Eng [id:2]" for the campaigns (linked, the referrals' and the timeline's) that
    # share their name with another
    campaign_names: Mapping[int, str] = field(default_factory=dict)
    # "Name (Org)" of the timeline's people who share a name with another
    labels: Mapping[int, str] = field(default_factory=dict)


NO_TIMELINE = "No interactions yet. Press l to log one with this contact."
NAMING_THEM = frozenset({"log", "log_form", "referral"})  # the actions that name the contact


class ScrollBox(VerticalScroll):
    """A `.box` of a history that only grows (strength changes, follow-ups done): as tall
    as its lines up to a bound, then it scrolls, by wheel or, once tab has focused it,
    by ↑↓ pgup pgdn home end. Every line is reachable and the page keeps its shape."""

    DEFAULT_CSS = """
    ScrollBox { max-height: 14; scrollbar-size-vertical: 1; }
    ScrollBox:focus { border: round $accent; }
    ScrollBox > Static { height: auto; }
    """

    def __init__(self, *, id: str) -> None:
        super().__init__(id=id, classes="box")

    def compose(self) -> ComposeResult:
        yield Static()

    def show(self, title: str, body: RenderableType) -> None:
        self.border_title = title
        self.query_one(Static).update(body)


class ContactDetailScreen(TimelineScreen[ContactData]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("l", "log", "Log with"),
        Binding("d", "done", "Follow-ups done"),
        Binding("u", "undo_done", "Undo done", show=False),  # `d`'s message says it
        Binding("e", "edit", "Edit"),
        Binding("i", "log_form", "Log (form)", show=False),
        Binding("r", "referral", "Add referral"),
        Binding("o", "organization", "Edit organization"),
        # On an archived contact's page `l` `i` `r` are not offered (`check_action`); these
        # twins, left unnamed, still take the keys to say why (not the app's blank `l`).
        Binding("l", "log('archived')", show=False),
        Binding("i", "log_form('archived')", show=False),
        Binding("r", "referral('archived')", show=False),
        *TIMELINE_BINDINGS,
    ]
    PALETTE_TITLES: ClassVar[dict[str, str]] = {  # netrack.screens.commands
        "log": "Log with this contact",
        "done": "Mark contact's follow-ups done",
        "undo_done": "Undo contact's follow-ups done",
        "edit": "Edit contact",
        "log_form": "Log with this contact (form)",
        "referral": "Add referral for this contact",
        "organization": "Edit contact's organization",
    }
    HELP_NOTES: ClassVar[dict[str, str]] = {
        "⏎": TimelineScreen.HELP_NOTES["⏎"] + "; tab moves to the Strength and Follow-ups "
        "boxes, whose ↑↓ pgup pgdn scroll their whole history",
    }

    def __init__(self, repo: Repo, contact_id: int) -> None:
        super().__init__(repo)
        self.contact_id = contact_id
        self.data: ContactData | None = None

    def compose(self) -> ComposeResult:
        yield ModeHeader("", "Contact")
        with VerticalScroll(id="detail"):
            with Horizontal(classes="detail-top"):
                yield Static(id="profile", classes="box")
                yield ScrollBox(id="strength")
            yield ScrollBox(id="follow-ups")
            with Vertical(id="timeline", classes="box"):
                # "with": the others there, as `contact show` and the campaign page name them
                yield InteractionTable(page_of=self.contact_id)
                yield Static(LOADING, id="timeline-empty", classes="empty")
            with Horizontal(classes="detail-bottom"):
                yield Static(id="campaigns", classes="box")
                yield Static(id="referrals", classes="box")
            yield Static(id="notes", classes="box")
        yield KeyBar(compact=True)

    @property
    def done_contact(self) -> int | None:  # type: ignore[override]
        return self.contact_id

    def load(self) -> ContactData:
        repo, cid = self.repo, self.contact_id
        # the same person: a rename, a move or a new first day alone is no newcomer
        contact = self.own_record(
            lambda: repo.contacts.get(cid), lambda c: (c.name, c.organization_id, c.met_on)
        )
        by = contact.introduced_by_id
        introduced = repo.contacts.introduced(cid)
        # "Name (Org)" for whoever among them shares a name with another contact
        people = repo.contacts.told_apart_among(
            [*([] if by is None else [by]), *(i for i, _ in introduced)]
        )
        referrals = repo.referrals.all(contact_id=cid)
        timeline = repo.activity.interactions(contact_id=cid, limit=self.timeline_rows)
        campaigns = [
            c for c in repo.campaigns.all() if any(link.contact_id == cid for link in c.contacts)
        ]
        named = [
            *(r.campaign_id for r in referrals),
            *(i.campaign_id for i in timeline),
            *(c.id for c in campaigns),
        ]
        others = {i for item in timeline for i in item.contact_ids}  # the "with" column
        return ContactData(
            contact=contact,
            introduced_by=people.get(by, "") if by is not None else "",
            introduced=tuple(people.get(i, name) for i, name in introduced),
            timeline=timeline,
            total=repo.activity.count_interactions(contact_id=cid),
            follow_ups=repo.activity.follow_ups(contact_id=cid),
            campaigns=campaigns,
            referrals=referrals,
            campaign_names=repo.campaigns.told_apart_among(named),
            labels=repo.contacts.told_apart_among(others),
            today=repo.today(),
            strengths=repo.contacts.strength_history(cid),
        )

    def show(self, data: ContactData) -> None:
        archived_before = self.data is not None and self.data.contact.archived
        self.data = data
        c = data.contact
        if c.archived != archived_before:
            self.refresh_bindings()  # the keys that name them: offered or not
        invite = not c.archived
        self.query_one(ModeHeader).set_title(visible(c.name))
        boxes: dict[str, tuple[str, RenderableType]] = {
            "profile": ("Profile", profile(c, data.today, data.introduced_by, data.introduced)),
            "strength": ("Strength", strength(c, data.strengths)),
            "follow-ups": ("Follow-ups", follow_up_text(data.follow_ups, data.today, invite)),
            "campaigns": (
                "Campaigns",
                campaigns_text(data.campaigns, c.id, data.campaign_names, invite),
            ),
            "referrals": (
                "Referrals",
                referrals_text(data.referrals, data.campaign_names, invite),
            ),
            "notes": (
                "Notes",
                literal(c.notes, multiline=True)
                if c.notes
                else Text("none: e to edit", style="dim"),
            ),
        }
        for box_id, (title, body) in boxes.items():
            box = self.query_one(f"#{box_id}")
            if isinstance(box, ScrollBox):
                box.show(title, body)
            else:
                section(self.query_one(f"#{box_id}", Static), title, body)
        self.query_one(
            "#timeline"
        ).border_title = f"Timeline ({shown_of(data.timeline, data.total)})"
        self.query_one(InteractionTable).show(
            data.timeline,
            labels=data.labels,
            campaigns=data.campaign_names,
            older=self.older(data.timeline, data.total),
        )
        self.show_table(bool(data.timeline))
        empty = self.query_one("#timeline-empty", Static)
        empty.update(NO_TIMELINE if invite else "No interactions yet.")
        empty.display = not data.timeline

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in NAMING_THEM:
            archived = self.data is not None and self.data.contact.archived
            if archived != (parameters == ("archived",)):
                return False  # offered on a contact's page, its unnamed twin on an archived one
        return super().check_action(action, parameters)

    def refused_archived(self) -> bool:
        """Whether this is an archived contact's page (then saying so): the quick log and
        the forms name them, which they have left."""
        if self.data is None or not self.data.contact.archived:
            return False
        contact = self.data.contact  # "Sam Lee (Acme)" beside another Sam Lee
        self.refuse_archived([visible(self.repo.contacts.told(contact.id, contact.name))])
        return True

    async def action_log(self, _twin: str = "") -> None:
        if self.data is not None and not self.refused_archived():
            await self.log_with([self.data.contact.id])

    async def action_log_form(self, _twin: str = "") -> None:
        from netrack.screens.modal.interaction_form import InteractionForm

        if self.data is not None and not self.refused_archived():
            contact = self.data.contact
            await self.netrack.open_form(InteractionForm(self.repo, (contact.id, contact.name)))

    def action_done(self) -> None:
        named: list[str] = []

        def mark() -> tuple[int, ...]:
            marked = self.repo.activity.mark_contact_follow_ups_done(self.contact_id)
            if self.data is not None:  # "Sam Lee (Acme)" beside another Sam Lee, read in the write
                named.append(self.repo.contacts.told(self.contact_id, self.data.contact.name))
            return marked

        self.write(
            self.marking(mark),
            lambda marks: self.undoable_done(
                marks,
                f"{len(marks)} follow-up{'s' if len(marks) != 1 else ''} marked done",
                f"with {visible(named[0])}" if named else "",
            ),
        )

    async def action_edit(self) -> None:
        from netrack.screens.modal.contact_form import ContactForm

        if self.data is not None:
            await self.netrack.open_form(ContactForm(self.repo, self.data.contact))

    async def action_referral(self, _twin: str = "") -> None:
        from netrack.screens.modal.referral_form import ReferralForm

        if self.data is not None and not self.refused_archived():
            contact = self.data.contact
            await self.netrack.open_form(ReferralForm(self.repo, contact.name, contact.id))

    async def action_organization(self) -> None:
        from netrack.screens.modal.org_form import OrgForm

        if self.data is None:
            return
        org_id = self.data.contact.organization_id
        if org_id is None:
            self.notify("no organization: e edits the contact to give one", severity="warning")
            return
        await self.netrack.open_form(OrgForm(self.repo, self.repo.organizations.get(org_id)))
