"""Campaigns read whole, as the Pipeline, `campaign list` and `campaign show` show them:
each with its organization, its next follow-up and its linked contacts. Raw tuples
(see `tuples`): the Pipeline reads thousands at start-up, and Peewee's model rows cost
more than the queries."""

from __future__ import annotations

from datetime import date
from typing import Any

from peewee import SQL, fn

from netrack.data import tables as t
from netrack.data.engines import unindexed
from netrack.data.repo.base import Days, must_date, stored, tuples
from netrack.domain.errors import InputError
from netrack.domain.models import Campaign, CampaignLink, CampaignRole, SourceChannel, Stage
from netrack.domain.resolve import name_order

# Looked up rather than called: an enum's call costs a microsecond or two, and the
# pipeline builds thousands of campaigns.
_STAGES = {stage.value: stage for stage in Stage}
_SOURCES = {source.value: source for source in SourceChannel}
# The board's order: by priority, unranked last on both engines (PostgreSQL puts NULLs
# first in DESC), then as opened.
BOARD_ORDER = (t.Campaign.priority.desc(nulls="last"), t.Campaign.id)
# Up to this many campaigns, one read of them all costs less than a read a stage (~3 ms).
READ_WHOLE_UP_TO = 1_000


def every_campaign(today: date) -> list[Campaign]:
    """Every campaign in the board's order, as of `today` (its next follow-up)."""
    return _built(list(tuples(_campaign_rows().order_by(*BOARD_ORDER))), today)


def board(per_stage: int, today: date) -> tuple[list[Campaign], dict[Stage, int]]:
    """The first `per_stage` campaigns of each stage in the board's order, and how many
    each stage holds: the Pipeline's first screen, read in a few milliseconds however
    many campaigns a long history holds (5,000: 16 ms, where reading them all takes 40).
    Up to `READ_WHOLE_UP_TO` campaigns, all of them."""
    counts = {
        _STAGES.get(stage) or stored(Stage, stage, "a campaign's stage"): number
        for stage, number in tuples(
            t.Campaign.select(t.Campaign.stage, fn.COUNT(t.Campaign.id)).group_by(t.Campaign.stage)
        )
    }
    if sum(counts.values()) <= READ_WHOLE_UP_TO:
        return every_campaign(today), counts
    rows = [
        row
        for stage in counts
        for row in tuples(
            _campaign_rows()
            .where(t.Campaign.stage == stage.value)
            .order_by(*BOARD_ORDER)
            .limit(per_stage)
        )
    ]
    return _built(rows, today), counts


def one_campaign(campaign_id: int, today: date) -> Campaign:
    row = next(tuples(_campaign_rows().where(t.Campaign.id == campaign_id)), None)
    if row is None:
        raise InputError(f"no campaign with id {campaign_id}")
    links = _links([campaign_id]).get(campaign_id, ())
    return _to_campaign(row, next_follow_ups(today, [campaign_id]).get(campaign_id), links)


def _built(rows: list[tuple[Any, ...]], today: date) -> list[Campaign]:
    # Every campaign's next follow-up and links, whichever rows: two small ranges of an
    # index and one read of the links, where a list of the rows' ids would have the
    # planner seek each campaign's every interaction.
    next_fu = next_follow_ups(today)
    links = _links(None)
    days = Days()  # a few hundred distinct days among thousands of campaigns
    return [_to_campaign(r, next_fu.get(r[0]), links.get(r[0], ()), days) for r in rows]


def _campaign_rows() -> Any:
    return t.Campaign.select(
        t.Campaign.id,
        t.Campaign.title,
        t.Organization.name,
        t.Campaign.organization,
        t.Campaign.source,
        t.Campaign.priority,
        t.Campaign.stage,
        t.Campaign.stage_since,
        t.Campaign.opened_on,
        t.Campaign.url,
        t.Campaign.notes,
        t.Campaign.lost_reason,
        t.Campaign.location,
        t.Campaign.compensation,
        t.Campaign.deadline,
        t.Campaign.documents,
    ).join(t.Organization, on=(t.Campaign.organization == t.Organization.id))


def next_follow_ups(today: date, ids: list[int] | None = None) -> dict[int, date]:
    """Each campaign's earliest follow-up still pending `today` (not marked done, not
    closed by a later touch), an overdue one included: the next thing to do (only
    those due from today on were, and a stalled campaign's card showed none)."""
    i = t.Interaction
    # `campaign + 0`: an expression, so the planner takes the follow-ups' indexes, not
    # every campaign-linked interaction (0.05 s → 0.2 ms on a five-year database). A
    # literal 0, not a parameter: PostgreSQL matches the GROUP BY expression to the
    # selected one only when both read the same.
    campaign = i.campaign + SQL("0")
    found: dict[int, date] = {}
    # Pending: never closed, or closed after today. Two ranges of the pending index
    # (schema 10), each a few rows; one OR of the two made either engine read every
    # follow-up ever written (299,029 on a ten-times history, 32 ms).
    not_done = i.follow_up_done_on.is_null(True)
    for closing, done in (
        (i.follow_up_closed_on.is_null(True), not_done),
        # The range of days after today. Given the planner's statistics (ANALYZE),
        # SQLite would rather skip-scan every closing day for the index's next column,
        # not done: 22 ms at ten times the heavy history, where the range holds a few
        # rows. Kept off that column, it takes the range (0.05 ms).
        (i.follow_up_closed_on > today, unindexed(i.follow_up_done_on).is_null(True)),
    ):
        query = (
            i.select(campaign, fn.MIN(i.follow_up_on))
            .where(campaign.is_null(False), i.follow_up_on.is_null(False), done, closing)
            .group_by(campaign)
        )
        if ids is not None:
            query = query.where(i.campaign.in_(ids))
        for cid, day in tuples(query):
            due = must_date(day)
            if cid not in found or due < found[cid]:
                found[cid] = due
    return found


def _links(ids: list[int] | None) -> dict[int, tuple[CampaignLink, ...]]:
    """The contacts linked to campaigns `ids` (None: to every campaign; a list of
    thousands of ids costs Peewee more to write out than SQLite to read them all)."""
    query = (
        t.CampaignContact.select(
            t.CampaignContact.campaign, t.Contact.id, t.Contact.name, t.CampaignContact.role
        )
        .join(t.Contact)
        .order_by(t.Contact.name, t.Contact.id)  # namesakes in one order on both engines
    )
    if ids is not None:
        query = query.where(t.CampaignContact.campaign.in_(ids))
    links: dict[int, list[CampaignLink]] = {}
    for campaign_id, contact_id, name, role in tuples(query):
        links.setdefault(campaign_id, []).append(
            CampaignLink(
                contact_id=contact_id,
                contact_name=name,
                role=CampaignRole(role) if role else None,
            )
        )
    # As names compare (Øystein among the Os, "anna" beside "Anna"), as contact list
    # sorts: SQL's order is by bytes
    return {
        k: tuple(sorted(v, key=lambda link: (name_order(link.contact_name), link.contact_id)))
        for k, v in links.items()
    }


def _to_campaign(
    row: tuple[Any, ...],
    next_fu: date | None = None,
    links: tuple[CampaignLink, ...] = (),
    days: Days | None = None,
) -> Campaign:
    """A campaign from its row; `days`: the dates already parsed (a whole board's)."""
    cid, title, org, org_id, source, priority, stage, since, opened, url, notes, lost = row[:12]
    location, compensation, deadline, documents = row[12:]
    days = Days() if days is None else days
    return Campaign(
        id=cid,
        title=title,
        organization=org or "",
        organization_id=org_id,
        source=(_SOURCES.get(source) or stored(SourceChannel, source, "a campaign's channel"))
        if source
        else None,
        priority=priority,
        stage=_STAGES.get(stage) or stored(Stage, stage, "a campaign's stage"),
        stage_since=days[since],
        opened_on=days[opened],
        url=url,
        notes=notes,
        lost_reason=lost,
        next_follow_up=next_fu,
        contacts=links,
        location=location,
        compensation=compensation,
        deadline=days[deadline] if deadline else None,
        documents=documents,
    )
