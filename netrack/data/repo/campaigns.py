"""Campaigns and their stage history: the truth the kanban and the replay read."""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from datetime import date
from typing import Any, NamedTuple

from netrack.data import tables as t
from netrack.data.repo.base import Service, must_date, stored, tuples
from netrack.data.repo.campaign_rows import board, every_campaign, one_campaign
from netrack.data.repo.contacts import Contacts
from netrack.data.store import Store
from netrack.domain import stage_moves, validate
from netrack.domain.errors import InputError
from netrack.domain.models import (
    CLOSED_STAGES,
    ORDERED_STAGES,
    Campaign,
    CampaignRole,
    SourceChannel,
    Stage,
    StageChange,
)
from netrack.domain.resolve import namesakes, resolve


def _stage_change(row: Any) -> StageChange:
    return StageChange(
        id=row.id,
        campaign_id=row.campaign_id,
        from_stage=stored(Stage, row.from_stage, "a stage change's stage")
        if row.from_stage
        else None,
        to_stage=stored(Stage, row.to_stage, "a stage change's stage"),
        on=must_date(row.on),
        note=row.note,
        reason=row.reason,
    )


DETAIL_FIELDS = ("location", "compensation", "documents")


def record_opening(campaign_id: int, stage: str, on: date, reason: str = "") -> None:
    """The change `add` records with a campaign: from no stage into its first, on the day
    it opened (`reason`: the loss reason of one opened lost); inside the caller's write."""
    t.StageChange.create(
        campaign=campaign_id, from_stage=None, to_stage=stage, on=on, note="opened", reason=reason
    )


def resync_stage(campaign_id: int) -> None:
    """Re-chain `from_stage` after a backdated or merged change and denormalise the last
    stage onto the campaign; inside the caller's write."""
    rows = list(
        t.StageChange.select()
        .where(t.StageChange.campaign == campaign_id)
        .order_by(t.StageChange.on, t.StageChange.id)
    )
    for previous, row in itertools.pairwise(rows):
        if row.from_stage != previous.to_stage:
            t.StageChange.update(from_stage=previous.to_stage).where(
                t.StageChange.id == row.id
            ).execute()
    if rows:
        last = rows[-1]
        t.Campaign.update(
            stage=last.to_stage,
            stage_since=last.on,
            lost_reason=last.reason if last.to_stage == Stage.LOST.value else "",
        ).where(t.Campaign.id == campaign_id).execute()


class Linked(NamedTuple):
    """What a contact was on a campaign before a link: linked already, in which role."""

    already: bool
    role: CampaignRole | None


class Campaigns(Service):
    """Campaigns and their stage history: `repo.campaigns`."""

    def __init__(self, store: Store, contacts: Contacts) -> None:
        super().__init__(store)
        self.contacts = contacts

    def all(self) -> list[Campaign]:
        return every_campaign(self.today())

    def board(self, per_stage: int) -> tuple[list[Campaign], dict[Stage, int]]:
        """The first `per_stage` campaigns of each stage in `all`'s order, and how many
        each stage holds (see `campaign_rows.board`)."""
        return board(per_stage, self.today())

    def get(self, campaign_id: int) -> Campaign:
        return one_campaign(campaign_id, self.today())

    def names(self, only: Iterable[int] | None = None) -> list[tuple[int, str]]:
        """(id, "organization title") — the name campaigns are matched on; `only`: of
        these campaigns alone."""
        query = (
            t.Campaign.select(t.Campaign.id, t.Organization.name, t.Campaign.title)
            .join(t.Organization)
            .order_by(t.Campaign.id)
        )
        if only is not None:
            query = query.where(t.Campaign.id.in_(list(only)))
        return [(cid, f"{org} {title}") for cid, org, title in tuples(query)]

    def names_of(self, rows: Iterable[Any]) -> dict[int, str]:
        """Campaign id → "organization title" for the campaigns `rows` (anything with a
        `campaign_id`) link to; no query when none does."""
        linked = {row.campaign_id for row in rows if row.campaign_id}
        return dict(self.names(only=linked)) if linked else {}

    def told_apart(self) -> dict[int, str]:
        """id → "Org Title [id:N]" of the campaigns that share their name with another
        (two "Acme Eng" may be added): as an ambiguity lists them, and what names each
        back. Only those are keys; rows show the rest by name."""
        named = self.names()
        twins = namesakes(named, self.contacts.fold)
        return {cid: f"{name} [id:{cid}]" for cid, name in named if cid in twins}

    def closed_among(self, ids: Iterable[int]) -> dict[int, Stage]:
        """id → stage of those of `ids` that are closed (won, lost, paused): what tells
        apart the twins the quick-log bar offers, one "Acme Eng" lost and one open."""
        wanted = set(ids)
        if not wanted:
            return {}
        # The closed ones all read, then picked: a list of every twin's id in the query
        # could pass the number of values SQLite binds.
        closed = [stage.value for stage in CLOSED_STAGES]
        query = t.Campaign.select(t.Campaign.id, t.Campaign.stage).where(
            t.Campaign.stage.in_(closed)
        )
        return {cid: Stage(stage) for cid, stage in tuples(query) if cid in wanted}

    def twins(self, campaigns: Iterable[Campaign]) -> set[int]:
        """The ids of `campaigns` (a board's) whose name another of them shares, as
        `told_apart` finds them, with no query: the names folded once per repository."""
        return namesakes(((c.id, c.display_name) for c in campaigns), self.contacts.fold)

    def told(self, campaign: Campaign) -> str:
        """`campaign`'s name as a confirmation says it: "Org Title", or "Org Title
        [id:N]" while another campaign shares the name (a line naming one of two
        "Acme Eng" said nothing of which)."""
        return self.told_apart().get(campaign.id, campaign.display_name)

    def told_apart_among(self, ids: Iterable[int | None]) -> dict[int, str]:
        """`told_apart()` when these ids name a campaign at all, else nothing (no query)."""
        return self.told_apart() if any(i is not None for i in ids) else {}

    def resolve(self, query: str, bare: bool = True) -> int:
        """The one campaign `query` names (SPEC's tiers on "organization title"); `bare`
        (whatever the user types): `-` and `_` may stand for spaces."""
        return resolve(query, self.names(), "campaign", dashes_are_spaces=bare)

    def history(self, campaign_id: int) -> list[StageChange]:
        query = (
            t.StageChange.select()
            .where(t.StageChange.campaign == campaign_id)
            .order_by(t.StageChange.on, t.StageChange.id)
        )
        return [_stage_change(row) for row in query]

    def add(
        self,
        title: str,
        organization: str,
        source: str | None = None,
        stage: str | None = None,
        opened_on: date | None = None,
        priority: int | str | None = None,
        url: str = "",
        notes: str = "",
        contacts: list[tuple[str, str | None]] | None = None,
        location: str = "",
        compensation: str = "",
        deadline: date | None = None,
        documents: str = "",
    ) -> Campaign:
        """Open a campaign; its first stage is recorded in history on `opened_on` (never
        after today; the deadline may be any date)."""
        clean_title = validate.name(title, "campaign title")
        if not organization or not organization.strip():
            raise InputError("a campaign needs an organization")
        chan = validate.optional_choice(SourceChannel, source, "source channel")
        first = validate.choice(Stage, stage, "stage") if stage else Stage.RESEARCH
        level = validate.bounded(priority, 1, 5, "priority")
        opened = validate.happened(opened_on or self.today(), self.today(), "opened on")
        if deadline is not None:
            validate.deadline(deadline)
        details = {
            "location": validate.text(location, "location"),
            "compensation": validate.text(compensation, "compensation"),
            "documents": validate.text(documents, "documents"),
        }
        with self.writing():
            org_id = self.contacts.organization_id(organization)
            row = t.Campaign.create(
                title=clean_title,
                organization=org_id,
                source=chan.value if chan else None,
                priority=level,
                url=validate.url(url),
                notes=validate.text(notes),
                opened_on=opened,
                stage=first.value,
                stage_since=opened,
                deadline=deadline,
                **details,
            )
            record_opening(row.id, first.value, opened)
            for name, role in contacts or []:
                self._link(row.id, self.contacts.resolve(name), role)
        return self.get(row.id)

    def update(self, campaign_id: int, **fields: Any) -> Campaign:
        """Change the given fields (title, organization, source, priority, url, notes,
        location, compensation, deadline, documents, opened_on); None leaves a field as it
        is, "" clears text, and `deadline=""` clears the deadline. A new `opened_on` moves
        the opening in the stage history with it (never past the first move after it)."""
        values: dict[str, Any] = {}
        unknown = set(fields) - {"title", "organization", "source", "priority", "url", "notes"}
        unknown -= {*DETAIL_FIELDS, "deadline", "opened_on"}
        if unknown:
            raise InputError(f"unknown campaign field(s): {', '.join(sorted(unknown))}")
        if "title" in fields and fields["title"] is not None:  # see `validate.renamed` below
            values["title"] = validate.name(fields["title"], "campaign title", restoring=True)
        if "source" in fields and fields["source"] is not None:
            chan = validate.optional_choice(SourceChannel, fields["source"], "source channel")
            values["source"] = chan.value if chan else None
        if "priority" in fields and fields["priority"] is not None:
            values["priority"] = validate.bounded(fields["priority"], 1, 5, "priority")
        if fields.get("url") is not None:
            values["url"] = validate.url(fields["url"])
        for key in ("notes", *DETAIL_FIELDS):
            if fields.get(key) is not None:
                values[key] = validate.text(fields[key], key)
        if fields.get("deadline") is not None:
            values["deadline"] = (
                validate.deadline(fields["deadline"]) if fields["deadline"] else None
            )
        opened = fields.get("opened_on")
        if opened is not None:
            opened = validate.happened(opened, self.today(), "opened on")
        with self.writing():
            row = t.Campaign.get_or_none(t.Campaign.id == campaign_id)
            if row is None:
                raise InputError(f"no campaign with id {campaign_id}")
            if "title" in values:
                validate.renamed(values["title"], row.title, "campaign title")
            if opened is not None:
                values.update(self._opened_on(campaign_id, opened))
            if fields.get("organization") is not None:
                if not str(fields["organization"]).strip():
                    raise InputError("a campaign needs an organization")
                values["organization"] = self.contacts.organization_id(fields["organization"])
            if values:
                t.Campaign.update(**values).where(t.Campaign.id == campaign_id).execute()
        return self.get(campaign_id)

    def _opened_on(self, campaign_id: int, day: date) -> dict[str, Any]:
        """The campaign's opening moved to `day` in its history (inside a write); the
        columns that change with it. It opens before its first move, and before its
        stage began (a campaign imported without history has only that date)."""
        history = self.history(campaign_id)
        opening = history[0] if history and history[0].from_stage is None else None
        moves = history[1:] if opening is not None else history
        if moves and day > moves[0].on:
            raise InputError(
                f"{day.isoformat()} is after its move to {moves[0].to_stage.value} on "
                f"{moves[0].on.isoformat()}: a campaign opens before it moves"
            )
        since = must_date(t.Campaign.get_by_id(campaign_id).stage_since)
        if not history and day > since:
            raise InputError(
                f"{day.isoformat()} is after its stage began ({since.isoformat()}): "
                "a campaign opens before that"
            )
        changed: dict[str, Any] = {"opened_on": day}
        if opening is not None:
            t.StageChange.update(on=day).where(t.StageChange.id == opening.id).execute()
            if not moves:  # still in the stage it opened in: since that day
                changed["stage_since"] = day
        return changed

    def _link(self, campaign_id: int, contact_id: int, role: str | None) -> Linked:
        clean = validate.optional_choice(CampaignRole, role, "role")
        existing = t.CampaignContact.get_or_none(
            t.CampaignContact.campaign == campaign_id, t.CampaignContact.contact == contact_id
        )
        if existing is None:
            t.CampaignContact.create(
                campaign=campaign_id, contact=contact_id, role=clean.value if clean else None
            )
            return Linked(False, None)
        before = CampaignRole(existing.role) if existing.role else None
        if clean is not None:
            existing.role = clean.value
            existing.save()
        return Linked(True, before)

    def link_contact(self, campaign_id: int, contact_id: int, role: str | None = None) -> Linked:
        """Link the contact (a role given replaces theirs): whether they were linked
        already, and in which role."""
        with self.writing():
            return self._link(campaign_id, contact_id, role)

    def move(
        self,
        campaign_id: int,
        stage: str | Stage,
        on: date | None = None,
        note: str = "",
        lost_reason: str = "",
        reason: str = "",
    ) -> Campaign:
        """Record a stage change from the current stage, dated `on` (default today): never
        after today nor before the campaign's latest change (history is appended to, not
        rewritten). `reason` (or its older name `lost_reason`) is the loss reason of a
        move to lost, one of LOST_REASONS; free text goes in `note`."""
        target = stage if isinstance(stage, Stage) else validate.choice(Stage, stage, "stage")
        why = stage_moves.reason_for(target, validate.loss_reason(reason or lost_reason))
        when = validate.happened(on or self.today(), self.today(), "stage change")
        with self.writing():
            current = self.dated_move(campaign_id, when)
            if current == target:
                name = dict(self.names(only=[campaign_id])).get(campaign_id, "the campaign")
                name = self.told_apart().get(campaign_id, name)  # which of two "Acme Eng"
                raise InputError(f"{name} is already in {target.value}")
            t.StageChange.create(
                campaign=campaign_id,
                from_stage=current.value,
                to_stage=target.value,
                on=when,
                note=validate.text(note, "note"),
                reason=why,
            )
            resync_stage(campaign_id)
        return self.get(campaign_id)

    def dated_move(self, campaign_id: int, when: date) -> Stage:
        """The campaign's stage, if a move of it may be dated `when` (`stage_moves.
        move_day`); read by `move` as it writes, and by the Move… form before it saves."""
        row = t.Campaign.get_or_none(t.Campaign.id == campaign_id)
        if row is None:
            raise InputError(f"no campaign with id {campaign_id}")
        history = self.history(campaign_id)
        # A campaign always has its opening; an imported one without history has its row.
        if history:
            opening = (history[0].on, history[0].to_stage)
            latest = (history[-1].on, history[-1].to_stage)
        else:
            opening = None
            latest = (must_date(row.stage_since), stored(Stage, row.stage, "a campaign's stage"))
        stage_moves.move_day(when, opening, latest)
        return latest[1]

    def undo(self, campaign_id: int) -> StageChange:
        """Remove the campaign's latest stage change (never the opening); the campaign
        returns to the stage before it. Returns the change removed."""
        with self.writing():
            if t.Campaign.get_or_none(t.Campaign.id == campaign_id) is None:
                raise InputError(f"no campaign with id {campaign_id}")
            history = self.history(campaign_id)
            if len(history) < 2:
                raise InputError("nothing to undo: the opening is the campaign's only change")
            removed = history[-1]
            t.StageChange.delete().where(t.StageChange.id == removed.id).execute()
            resync_stage(campaign_id)
        return removed

    def step(self, campaign_id: int, steps: int, on: date | None = None) -> Campaign:
        """Move one stage forward (+1) or back (-1) on the ordered line."""
        current = self.get(campaign_id).stage
        if current.order is None:
            raise InputError(f"a {current.value} campaign has no next stage; reopen it first")
        index = current.order + steps
        if not 0 <= index < len(ORDERED_STAGES):
            edge = "first" if index < 0 else "last"
            raise InputError(f"{current.value} is the {edge} stage")
        return self.move(campaign_id, ORDERED_STAGES[index], on)

    def count(self) -> int:
        return int(t.Campaign.select().count())
