"""Log an interaction with every field (the quick log's long form: `netrack log --with …`),
or edit a saved one: the same fields, pre-filled, saved through `repo.activity.update`."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from netrack.domain import validate
from netrack.domain.describe import Named, describe_edited, describe_logged
from netrack.domain.describe import people as people_named
from netrack.domain.entries import Interaction
from netrack.domain.errors import InputError, NetrackError
from netrack.domain.models import KIND_ALIASES, Kind
from netrack.domain.parsing import parse_date, parse_duration, parse_money
from netrack.domain.quicklog import resolve_kind
from netrack.screens.modal.form import Check, FormScreen, text_check
from netrack.screens.modal.form_fields import KEPT, Field, campaign_ref
from netrack.widgets.literal import typeable

if TYPE_CHECKING:
    from netrack.data.repo import Repo

KINDS = [k.value for k in Kind] + list(KIND_ALIASES)
YES = {"y", "yes", "true", "1", "!", "x"}
NO = {"", "n", "no", "false", "0"}


def interaction_fields(
    item: Interaction | None,
    with_names: str,
    campaign: str,
    people: Sequence[str] = (),
    campaigns: Sequence[str] = (),
) -> list[Field]:
    i = item
    return [
        Field(
            "with",
            "With",
            with_names,
            "names, comma separated (required)",
            suggestions=people,
            listed=True,
        ),
        Field("kind", "Kind", i.kind.value if i else "", choices=KINDS),
        Field("on", "On", i.on.isoformat() if i else "", KEPT if i else "today"),
        Field("minutes", "Duration", f"{i.minutes}m" if i and i.minutes else "", "e.g. 45m, 1h30m"),
        Field(
            "campaign",
            "Campaign",
            campaign,
            "organization title",
            suggestions=campaigns,
        ),
        Field("meaningful", "Meaningful", ("y" if i.meaningful_flag else "n") if i else "", "y/n"),
        Field("value_received", "Value received", i.value_received if i else ""),
        Field("value_given", "Value given", i.value_given if i else ""),
        Field("cost", "Cost", f"{i.cost:.2f}" if i and i.cost else "", "e.g. 12.50"),
        Field(
            "follow_up",
            "Follow up on",
            i.follow_up_on.isoformat() if i and i.follow_up_on else "",
            "e.g. fri, +7d, 2026-12-01",
        ),
        Field("note", "Note", i.note if i else ""),
    ]


class InteractionForm(FormScreen):
    form_title = "Log an interaction"

    def __init__(
        self,
        repo: Repo,
        contact: tuple[int, str] | None = None,
        campaign: str = "",
        interaction: Interaction | None = None,
    ) -> None:
        """`contact` (id, name): the one a new interaction is with, filled in (a contact's
        page); `interaction`: that one edited."""
        self.repo = repo
        self.interaction = interaction
        labels = repo.contacts.labels(shared_only=True)
        self._labels = dict(labels)  # namesakes as lists name them, in what it says too
        # Names holding a comma, which the With field's list is split on (folded).
        self._comma_names = {label.casefold() for _, label in labels if "," in label}
        with_names = ""
        # What the With field names the filled-in contact by, read back as that id.
        self._filled_in: dict[str, str] = {}
        if contact is not None:
            with_names = field_ref(*contact, labels)
            self._filled_in[with_names] = f"id:{contact[0]}"
        self.prefilled = interaction is None and bool(with_names or campaign)
        if interaction is not None:
            # Each as lists name them: a namesake's bare name, saved back, was the other's.
            with_names = ", ".join(
                self._labels.get(cid, name)
                for cid, name in zip(
                    interaction.contact_ids, interaction.contact_names, strict=False
                )
            )
            campaign = campaign_ref(repo, interaction.campaign_id, interaction.campaign_name)
            self.form_title = (
                f"Edit the {interaction.kind.label} of {interaction.on} with {with_names}"
            )
            # Read now: once a namesake is gone, "Sam Lee" is told apart from no one.
            self.interaction_as_opened = _which(interaction, repo)
        people = [name for _, name in labels]
        campaigns = [name for _, name in repo.campaigns.names()]
        super().__init__(interaction_fields(interaction, with_names, campaign, people, campaigns))

    def checks(self) -> dict[str, Check]:
        return {
            "with": self._contact_ids,
            "kind": lambda text: text.strip() and resolve_kind(text),
            "on": self._on,
            "minutes": lambda text: text.strip() and validate.minutes(parse_duration(text)),
            "campaign": self._campaign_id,
            "cost": lambda text: text.strip() and validate.cost(parse_money(text)),
            "follow_up": self._follow_up_after,
            "meaningful": _yes_or_no,
            **{key: text_check(key) for key in ("value_received", "value_given", "note")},
        }

    def _contact_ids(self, text: str) -> list[int]:
        if self.interaction is not None and self.unchanged("with"):
            return list(self.interaction.contact_ids)  # no re-resolving of twin names
        names = self._names_in(text)
        if not names:
            raise InputError("an interaction needs at least one contact")
        resolve = self.repo.contacts.resolve
        return [resolve(self._filled_in.get(name, name)) for name in names]

    def _names_in(self, text: str) -> list[str]:
        """The comma-separated names of the With field, a contact's own name holding a
        comma kept whole ("Doe, Jane", as the field suggests it, was read as "Doe" and
        "Jane": logged with another Doe)."""
        pieces = [piece.strip() for piece in text.split(",")]
        names: list[str] = []
        start = 0
        while start < len(pieces):
            for end in range(len(pieces), start + 1, -1):  # the longest such name first
                joined = ", ".join(pieces[start:end])
                if joined.casefold() in self._comma_names:
                    names.append(joined)
                    start = end
                    break
            else:
                if pieces[start]:
                    names.append(pieces[start])
                start += 1
        return names

    def _campaign_id(self, text: str) -> int | None:
        return self.campaign_field(text, self.interaction)

    def save(self, values: dict[str, str]) -> str:
        repo = self.repo
        today = repo.today()
        ids = self._contact_ids(values["with"])
        on = parse_date(values["on"], today, "past") if values["on"].strip() else None
        minutes = parse_duration(values["minutes"]) if values["minutes"].strip() else 0
        campaign_id = self._campaign_id(values["campaign"])
        meaningful = values["meaningful"].strip().lower() in YES
        cost = parse_money(values["cost"]) if values["cost"].strip() else 0.0
        follow_up_on = self._follow_up(values["follow_up"])
        if self.interaction is None:
            # With what it closes, found in the same write (SPEC: the confirmation says
            # what the entry also does, as `netrack log` and the quick log do).
            # The names read in the write too: damage met reading them after its commit
            # said "not saved" of a saved entry (and stopped the app).
            with repo.writing():
                logged = repo.activity.log_reporting(
                    ids,
                    on=on,
                    kind=values["kind"].strip() or Kind.OTHER,
                    minutes=minutes,
                    campaign_id=campaign_id,
                    meaningful=meaningful,
                    value_received=values["value_received"],
                    value_given=values["value_given"],
                    cost=cost,
                    follow_up_on=follow_up_on,
                    note=values["note"],
                )
                closed = [*logged.closes, *logged.earlier]
                named = Named(
                    repo.contacts.told_apart_among(logged.entry.contact_ids, closed),
                    repo.campaigns.told_apart_among([logged.entry.campaign_id]),
                )
            return describe_logged(logged, named, in_app=True)
        edits = self.changed_only(
            {
                "contact_ids": ids,
                "on": on,  # blank keeps the date
                "kind": values["kind"].strip() or None,  # blank keeps the kind
                "minutes": minutes,
                "campaign_id": campaign_id,
                "meaningful": meaningful,
                "value_received": values["value_received"],
                "value_given": values["value_given"],
                "cost": cost,
                "follow_up_on": follow_up_on,
                "note": values["note"],
            },
            FIELD_OF,
        )
        opened = self.interaction
        with repo.writing():  # checked and saved in one transaction
            try:
                found = repo.activity.get(opened.id)
                # By day, kind and contact ids: a contact renamed meanwhile is the
                # same interaction (its names would have refused a harmless save).
                same = (found.on, found.kind, found.contact_ids) == (
                    opened.on, opened.kind, opened.contact_ids,
                )  # fmt: skip
                now: str | None = self.interaction_as_opened if same else _which(found, repo)
            except InputError:  # gone
                now = None
            self.still_as_opened("interaction", self.interaction_as_opened, now)
            self.not_changed_elsewhere(opened, found, edits, FIELD_OF)
            edited = repo.activity.update_telling(opened.id, **edits)
            # Namesakes as `netrack log` names them, archived ones too (the With field's
            # own labels are the active contacts' it resolves), read in the write
            said = repo.contacts.told_apart_among(edited.entry.contact_ids, edited.follow_ups)
            twins = repo.campaigns.told_apart_among([edited.entry.campaign_id])
        return describe_edited(edited, "saved", Named(said, twins), in_app=True)

    def _follow_up_after(self, text: str) -> date | None:
        """The follow-up, and (when the date typed beside it reads) not before it: said
        with the other fields' errors, not after they are fixed."""
        due = self._follow_up(text)
        try:
            on = self._on(self.values()["on"])
        except NetrackError:
            return due  # the date's own error says what is wrong with it
        if on is None:  # left blank: as stored, or today for a new one
            on = self.interaction.on if self.interaction is not None else self.repo.today()
        kept = self.interaction is not None and self.unchanged("follow_up")
        return validate.follow_up(due, on, given=not kept)

    def _on(self, text: str) -> date | None:
        """The day it happened, if one is typed: never after today."""
        if not text.strip():
            return None
        today = self.repo.today()
        return validate.happened(parse_date(text, today, "past"), today, "interaction")

    def _follow_up(self, text: str) -> date | None:
        if self.interaction is not None and self.unchanged("follow_up"):
            return self.interaction.follow_up_on
        return parse_date(text, self.repo.today(), "future") if text.strip() else None


def field_ref(contact_id: int, name: str, labels: Sequence[tuple[int, str]]) -> str:
    """How the With field (names, comma separated) names this contact: as lists do
    (`Sam Lee (Hooli)` beside another Sam Lee), or `id:N` where that text cannot be
    typed back as one name (a comma in it, control characters, a twin's label)."""
    shown = dict(labels).get(contact_id, name)  # an archived contact: its name
    twins = any(other == shown and cid != contact_id for cid, other in labels)
    if "," in shown or typeable(shown) != shown or not shown.strip() or twins:
        return f"id:{contact_id}"
    return shown


def _yes_or_no(text: str) -> bool:
    """Meaningful: one of the words for yes or no (blank is no), not a guess."""
    word = text.strip().lower()
    if word not in YES | NO:
        raise InputError(f"meaningful is y or n, not {validate.shown(text.strip())}")
    return word in YES


def _which(entry: Interaction, repo: Repo) -> str:
    """An interaction as told apart from another that took its id: "the interaction of
    2026-11-20 (call) with Ana López, Sam Lee (Beta)" (a namesake as confirmations
    name them)."""
    kind = entry.kind.value.replace("_", " ")
    labels = repo.contacts.told_apart_among(entry.contact_ids)
    with_names = people_named(entry.contact_ids, entry.contact_names, labels)
    return f"the interaction of {entry.on.isoformat()} ({kind}) with {with_names}"


# The edit's keywords whose fields are named otherwise.
FIELD_OF = {"contact_ids": "with", "campaign_id": "campaign", "follow_up_on": "follow_up"}
