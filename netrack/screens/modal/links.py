"""A campaign's linked contacts with their roles: `n` links a contact (picked from a
list, then a role), `e` or enter changes the role of the one under the cursor, `delete`
unlinks them (once confirmed; their interactions stay as they are).

The writes are the CLI's `campaign link --role` / `unlink`; a refusal shows in place and
nothing is written.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import OptionList, Static

from netrack.domain.errors import InputError
from netrack.domain.models import Campaign, CampaignLink, CampaignRole
from netrack.listing import NO_LABELS, Labels
from netrack.screens.as_asked import as_asked, reading, still_listed
from netrack.screens.busy_writes import WAITING, run_write
from netrack.screens.host import announce
from netrack.screens.modal.confirm import DIALOG_CSS
from netrack.screens.modal.dialog import Dialog
from netrack.screens.modal.pick import Pick
from netrack.widgets.literal import literal, visible
from netrack.widgets.marked_list import MarkedList

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from netrack.data.repo import Repo

ROLES = tuple(CampaignRole)
NO_LINKS = "nobody linked yet: n links a contact"


def role_words(role: CampaignRole | None) -> str:
    return role.value.replace("_", " ") if role else "no role"


def link_text(link: CampaignLink, labels: Labels = NO_LABELS) -> Text:
    """The person ("Name (Org)" when `labels` says they share a name) and their role."""
    text = literal(labels.get(link.contact_id, link.contact_name))
    text.append(f"  {role_words(link.role)}", style="dim")
    return text


class LinksDialog(Dialog[None]):
    DEFAULT_CSS = (
        DIALOG_CSS.format(name="LinksDialog")
        + """
    LinksDialog OptionList, LinksDialog OptionList:focus {
        height: auto; max-height: 16; border: none; padding: 0; margin: 1 0 0 0;
    }
    LinksDialog #links-status { color: $error; height: auto; }
    """
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "link", "Link a contact"),
        Binding("e", "role", "Change role"),
        Binding("delete", "unlink", "Unlink", key_display="del"),
        Binding("escape", "close", "Close"),
    ]

    def __init__(self, repo: Repo, campaign_id: int, start_linking: bool = False) -> None:
        super().__init__()
        self.repo = repo
        self.campaign_id = campaign_id
        self.links: list[CampaignLink] = []
        self.labels: Labels = NO_LABELS  # "Name (Org)" of the linked who share a name
        self.campaign_name = ""
        self.start_linking = start_linking  # `n` on campaign detail: straight to the picker
        # Escape on that picker goes back to the page, not to this dialog, unseen so far;
        # once the dialog shows (a link saved, a refusal said) it is the step back.
        self._picking_from_page = start_linking

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "Linked contacts"
            yield Static(id="links-campaign")
            yield MarkedList(id="links")
            yield Static(id="links-status")
            yield Static(
                Text("n link · e/enter role · del unlink · esc close", style="dim"),
            )

    def on_mount(self) -> None:
        self._refresh()
        self.query_one(OptionList).focus()
        if self.start_linking:
            self.action_link()

    _opened_as: str | None = None  # the campaign's name as the dialog opened on it
    _identity: tuple[str, int] | None = None  # its title and organization then

    def _campaign(self) -> Campaign:
        """The dialog's campaign, or InputError once it is not the one it opened on:
        deleted elsewhere, or its id given to another, whom a link made here went to
        (a renamed one is refused too: the dialog is closed and opened again)."""
        try:
            campaign = self.repo.campaigns.get(self.campaign_id)
        except InputError:
            campaign = None
        if campaign is not None and self._opened_as is None:
            self._opened_as, self._identity = campaign.display_name, _identity(campaign)
        if campaign is None or _identity(campaign) != self._identity:
            raise InputError(
                f"{visible(self._opened_as or 'this campaign')} was deleted or changed elsewhere"
            )
        return campaign

    def _refresh(self, keep: int | None = None) -> None:
        try:
            campaign = self._campaign()
        except InputError as error:
            self.say(f"{error}: escape closes this")
            return
        self.links = list(campaign.contacts)
        self.labels = self._labels(link.contact_id for link in self.links)
        # "Acme Eng [id:2]" beside a twin, as the page under it and the CLI name it
        told = self.repo.campaigns.told(campaign)
        self.campaign_name = visible(told)
        self.query_one("#links-campaign", Static).update(literal(told, style="bold"))
        found = self.query_one(MarkedList)
        if not self.links:
            found.clear_options()
            found.add_option(Text(NO_LINKS, style="dim"))
            found.disable_option_at_index(0)
            return
        found.show((None, link_text(link, self.labels)) for link in self.links)
        at = next((i for i, link in enumerate(self.links) if link.contact_id == keep), 0)
        found.highlighted = at

    def _labels(self, ids: Iterable[int]) -> Labels:
        """As the campaign page names these people, archived namesakes included: every
        name is read only when one of them has a namesake."""
        if not self.repo.contacts.shares_a_name(ids):
            return NO_LABELS
        return self.repo.contacts.told_apart()

    def shown(self, contact_id: int, name: str) -> str:
        """`name` as the dialog's lines show it: "Name (Org)" beside a namesake."""
        return visible(self.labels.get(contact_id, name))

    def say(self, text: str) -> None:
        self.query_one("#links-status", Static).update(literal(text))

    @property
    def selected(self) -> CampaignLink | None:
        at = self.query_one(OptionList).highlighted
        return self.links[at] if self.links and at is not None and at < len(self.links) else None

    def _write(self, change: Callable[[], object], summary: str, keep: int | None) -> None:
        def done(_result: object) -> None:
            self.say("")
            if self.is_attached:
                self._refresh(keep)
            announce(self.app, summary)

        def refused(error: Exception) -> None:
            self.say(str(error))
            if self.is_attached:  # "look, then ask again": the list as it is now
                self._refresh(keep)

        def checked() -> object:
            with self.repo.writing():  # still the dialog's campaign, in the write
                self._campaign()
                return change()

        if not run_write(self.app, self.repo, checked, done, refused):
            self.say(WAITING)

    def _ask_role(
        self,
        contact_id: int,
        name: str,
        current: CampaignRole | None,
        *,
        linked: bool,
        back: Callable[[], None] | None = None,
    ) -> None:
        """Ask `name`'s role and save it; `linked`: a role changed (the person still
        linked, checked in the write: an unlink made elsewhere meanwhile was undone), or
        a new link (the person still the one picked). `back`: what escape goes back to
        (the contact picker); without it, this dialog."""
        shown = self.shown(contact_id, name)
        question = Text("Role of ")
        question.append_text(literal(shown, style="bold"))
        question.append(" in this campaign?")
        choices = [(i, role_words(role)) for i, role in enumerate(ROLES)]
        start = ROLES.index(current) if current else 0

        def picked(index: int | None) -> None:
            if index is None:
                if back is not None:
                    back()
                return
            self._picking_from_page = False
            role = ROLES[index]
            repo, campaign_id = self.repo, self.campaign_id

            def now() -> object | None:
                try:
                    person = repo.contacts.get(contact_id).name
                except InputError:
                    return None
                on_it = any(
                    link.contact_id == contact_id
                    for link in repo.campaigns.get(campaign_id).contacts
                )
                return (person, on_it)

            self._write(
                # the person asked about, linked as they were (see as_asked)
                as_asked(
                    repo,
                    shown,
                    (name, linked),
                    now,
                    lambda: repo.campaigns.link_contact(campaign_id, contact_id, role.value),
                    "deleted or merged",
                ),
                f"{shown} is {role_words(role)} on {self.campaign_name}",
                contact_id,
            )

        self.app.push_screen(Pick("Role", question, choices, current=start), picked)

    def action_link(self, picked_before: int | None = None) -> None:
        """Pick a contact to link, then their role; `picked_before`: the contact
        highlighted, the one picked before escape on the role came back here."""
        self.say("")
        linked = {link.contact_id for link in self.links}
        people = self.repo.contacts.named()
        choices = [
            (cid, label)
            for cid, label in self.repo.contacts.labels(people=people)
            if cid not in linked
        ]
        # the role question and the toast name the one picked as the list of links will
        short = dict(self.repo.contacts.labels(shared_only=True, people=people))
        if not choices:
            self._picking_from_page = False
            self.say("every contact is linked already: n on Contacts adds one")
            return
        question = Text("Link whom to this campaign?")

        def picked(contact_id: int | None) -> None:
            if contact_id is None:
                if self._picking_from_page:
                    self.dismiss(None)
                return
            try:
                name = self.repo.contacts.get(contact_id).name
            except InputError:  # deleted or merged elsewhere while the list was open
                self._picking_from_page = False
                self.say("that contact was deleted or merged elsewhere: pick again (n)")
                return
            picked_as = dict(choices)[contact_id]
            if not still_listed(self.repo, contact_id, picked_as):
                # its id given to another since the list was drawn: not the one picked
                self._picking_from_page = False
                self.say(f"{visible(picked_as)} was deleted or changed elsewhere: pick again (n)")
                return
            self.labels = {**self.labels, contact_id: short.get(contact_id, name)}
            back = partial(self.action_link, contact_id)
            self._ask_role(contact_id, name, None, linked=False, back=back)

        pick = Pick("Link a contact", question, choices, by_name=True)
        pick.current = next(
            (at for at, (cid, _) in enumerate(pick.choices) if cid == picked_before), 0
        )
        self.app.push_screen(pick, picked)

    def action_role(self) -> None:
        self.say("")
        link = self.selected
        if link is None:  # the list says NO_LINKS already: what the key would have done
            self.say("nobody linked to give a role: n links a contact")
            return
        self._ask_role(link.contact_id, link.contact_name, link.role, linked=True)

    def on_option_list_option_selected(self, _event: OptionList.OptionSelected) -> None:
        self.action_role()

    def action_unlink(self) -> None:
        from netrack.screens.modal.confirm import Confirm

        self.say("")
        link = self.selected
        if link is None:
            self.say("nobody linked to unlink: n links a contact")
            return
        name = link.contact_name
        shown = self.shown(link.contact_id, name)
        repo, campaign_id = self.repo, self.campaign_id

        def answered(yes: bool | None) -> None:
            if yes:
                self._write(
                    # the person asked about, not one given their id since (see as_asked)
                    as_asked(
                        repo,
                        shown,
                        name,
                        reading(lambda: repo.contacts.get(link.contact_id), lambda c: c.name),
                        lambda: repo.tidy.unlink_contact(campaign_id, link.contact_id),
                        "deleted or merged",
                    ),
                    f"unlinked {shown} from {self.campaign_name}",
                    None,
                )

        question = f"Unlink {shown} from this campaign? Their interactions stay as they are."
        self.app.push_screen(Confirm(question), answered)

    def action_close(self) -> None:
        self.dismiss(None)


def _identity(campaign: Campaign) -> tuple[str, int]:
    """What a campaign is to the dialog: its title at its organization (the organization
    renamed elsewhere is still the same campaign)."""
    return campaign.title, campaign.organization_id
