"""Referrals and time entries: what a day records besides its interactions."""

from __future__ import annotations

from datetime import date
from typing import Any

from peewee import Expression, fn

from netrack.data import tables as t
from netrack.data.repo.base import UNSET, Service, Unset, as_date, must_date, stored
from netrack.data.repo.campaigns import Campaigns
from netrack.data.store import Store
from netrack.domain import validate
from netrack.domain.entries import Referral, TimeEntry
from netrack.domain.errors import InputError
from netrack.domain.models import Direction, TimeCategory


class _NamesCampaigns(Service):
    """A service whose records name their campaign, as interactions do."""

    def __init__(self, store: Store, campaigns: Campaigns) -> None:
        super().__init__(store)
        self.campaigns = campaigns


def logged(row: type[t.Referral] | type[t.TimeEntry], day: date) -> Expression:
    """The Agenda's "Logged today", as `Interactions.logged` picks interactions: dated
    `day`, or typed on `day` about an earlier one (back-dated; schema 16). A NULL
    `logged_on` (a row from before schema 16, an older export's) counts on its own date
    only. `IS NOT NULL` is the partial index's condition (m016's `LOGGED`), repeated so
    that the index is used whatever the planner proves."""
    back_dated = row.logged_on.is_null(False) & (row.logged_on == day) & (row.on < day)
    return (row.on == day) | back_dated


class Referrals(_NamesCampaigns):
    """`repo.referrals`: referrals given and received."""

    def add(
        self,
        contact_id: int,
        direction: str,
        on: date | None = None,
        campaign_id: int | None = None,
        note: str = "",
        logged_on: date | None = None,
    ) -> Referral:
        """One referral; `logged_on`: the day it was typed in (today; the demo's story
        gives its own days, so that weeks of history are not all "logged today")."""
        way = validate.choice(Direction, direction, "direction")
        when = validate.happened(on or self.today(), self.today(), "referral")
        with self.writing():
            row = t.Referral.create(
                contact=contact_id,
                direction=way.value,
                on=when,
                campaign=campaign_id,
                note=validate.text(note, "note"),
                logged_on=logged_on or self.today(),  # typed in now, whatever its day
            )
        return self.all(referral_id=row.id)[0]

    def all(
        self,
        contact_id: int | None = None,
        referral_id: int | None = None,
        limit: int | None = None,
        campaign_id: int | None = None,
        logged_on: date | None = None,
        since: date | None = None,
        until: date | None = None,
    ) -> list[Referral]:
        """Referrals, newest first; of one contact, just `referral_id`, the newest
        `limit`, those for one campaign, those the Agenda lists as logged on
        `logged_on` (`logged`: today's first, then the back-dated), or those dated
        `since` to `until` (inclusive)."""
        query = (
            t.Referral.select(t.Referral, t.Contact.name.alias("contact_name"))
            .join(t.Contact)
            .order_by(t.Referral.on.desc(), t.Referral.id.desc())
            .objects()
        )
        if contact_id is not None:
            query = query.where(t.Referral.contact == contact_id)
        if referral_id is not None:
            query = query.where(t.Referral.id == referral_id)
        if campaign_id is not None:
            query = query.where(t.Referral.campaign == campaign_id)
        if logged_on is not None:
            query = query.where(logged(t.Referral, logged_on))
        if since is not None:
            query = query.where(t.Referral.on >= since)
        if until is not None:
            query = query.where(t.Referral.on <= until)
        if limit is not None:
            query = query.limit(limit)
        rows: list[Any] = list(query)
        campaigns = self.campaigns.names_of(rows)
        return [
            Referral(
                id=r.id,
                contact_id=r.contact_id,
                contact_name=r.contact_name,
                direction=stored(Direction, r.direction, "a referral's direction"),
                on=must_date(r.on),
                campaign_id=r.campaign_id,
                campaign_name=campaigns.get(r.campaign_id, ""),
                note=r.note,
                logged_on=as_date(r.logged_on),
            )
            for r in rows
        ]

    def update(
        self,
        referral_id: int,
        *,
        contact_id: int | None = None,
        direction: str | None = None,
        on: date | None = None,
        campaign_id: int | Unset | None = UNSET,
        note: str | None = None,
    ) -> Referral:
        """Change the given fields of a referral (None, or UNSET for the campaign, leaves
        one as it is; a campaign of None unlinks it), checked as `add` checks them; the
        referral as it is now."""
        changes: dict[str, object] = {}
        if contact_id is not None:
            changes["contact"] = contact_id
        if direction is not None:
            changes["direction"] = validate.choice(Direction, direction, "direction").value
        if on is not None:
            changes["on"] = validate.happened(on, self.today(), "referral")
        if not isinstance(campaign_id, Unset):
            changes["campaign"] = campaign_id
        if note is not None:
            changes["note"] = validate.text(note, "note")
        with self.writing():
            if not self.all(referral_id=referral_id):
                raise InputError(f"no referral with id {referral_id}")
            if contact_id is not None and not t.Contact.get_or_none(t.Contact.id == contact_id):
                # merged or deleted since it was named: said, not a foreign-key error
                raise InputError(f"no contact with id {contact_id}")
            if changes:
                t.Referral.update(changes).where(t.Referral.id == referral_id).execute()
        return self.all(referral_id=referral_id)[0]

    def delete(self, referral_id: int) -> Referral:
        """Remove one referral (a mistake); the removed one, to say what went."""
        with self.writing():
            found = self.all(referral_id=referral_id)
            if not found:
                raise InputError(f"no referral with id {referral_id}")
            t.Referral.delete().where(t.Referral.id == referral_id).execute()
        return found[0]


class TimeEntries(_NamesCampaigns):
    """`repo.time`: where the hours went."""

    def add(
        self,
        minutes: int,
        category: str,
        on: date | None = None,
        campaign_id: int | None = None,
        note: str = "",
        logged_on: date | None = None,
    ) -> TimeEntry:
        """One time entry; `logged_on` as `Referrals.add`'s."""
        what = validate.choice(TimeCategory, category, "category")
        length = validate.time_minutes(minutes)
        when = validate.happened(on or self.today(), self.today(), "time entry")
        with self.writing():
            before = self._minutes_on(when)
            from netrack.domain.day_of_time import day_of_time_entries  # time entries only

            day_of_time_entries(when, before, before + length)
            row = t.TimeEntry.create(
                on=when,
                minutes=length,
                category=what.value,
                campaign=campaign_id,
                note=validate.text(note, "note"),
                logged_on=logged_on or self.today(),  # as a referral's
            )
        return self.all(entry_id=row.id)[0]

    def all(
        self,
        since: date | None = None,
        entry_id: int | None = None,
        limit: int | None = None,
        campaign_id: int | None = None,
        logged_on: date | None = None,
        until: date | None = None,
    ) -> list[TimeEntry]:
        """Time entries, newest first; from `since` on and up to `until` (inclusive), just `entry_id`, the newest
        `limit`, those for one campaign, or those the Agenda lists as logged on
        `logged_on` (as `Referrals.all`)."""
        query = t.TimeEntry.select().order_by(t.TimeEntry.on.desc(), t.TimeEntry.id.desc())
        if since is not None:
            query = query.where(t.TimeEntry.on >= since)
        if until is not None:
            query = query.where(t.TimeEntry.on <= until)
        if entry_id is not None:
            query = query.where(t.TimeEntry.id == entry_id)
        if campaign_id is not None:
            query = query.where(t.TimeEntry.campaign == campaign_id)
        if logged_on is not None:
            query = query.where(logged(t.TimeEntry, logged_on))
        if limit is not None:
            query = query.limit(limit)
        rows: list[Any] = list(query)
        campaigns = self.campaigns.names_of(rows)
        return [
            TimeEntry(
                id=row.id,
                on=must_date(row.on),
                minutes=row.minutes,
                category=stored(TimeCategory, row.category, "a time entry's category"),
                campaign_id=row.campaign_id,
                campaign_name=campaigns.get(row.campaign_id, ""),
                note=row.note,
                logged_on=as_date(row.logged_on),
            )
            for row in rows
        ]

    def update(
        self,
        entry_id: int,
        *,
        minutes: int | None = None,
        category: str | None = None,
        on: date | None = None,
        campaign_id: int | Unset | None = UNSET,
        note: str | None = None,
    ) -> TimeEntry:
        """Change the given fields of a time entry (as `Referrals.update`), checked as
        `add` checks them; the entry as it is now."""
        changes: dict[str, object] = {}
        if minutes is not None:
            changes["minutes"] = validate.time_minutes(minutes)
        if category is not None:
            changes["category"] = validate.choice(TimeCategory, category, "category").value
        if on is not None:
            changes["on"] = validate.happened(on, self.today(), "time entry")
        if not isinstance(campaign_id, Unset):
            changes["campaign"] = campaign_id
        if note is not None:
            changes["note"] = validate.text(note, "note")
        with self.writing():
            found = self.all(entry_id=entry_id)
            if not found:
                raise InputError(f"no time entry with id {entry_id}")
            if "minutes" in changes or "on" in changes:
                self._fits_its_day(found[0], changes.get("on"), changes.get("minutes"))
            if changes:
                t.TimeEntry.update(changes).where(t.TimeEntry.id == entry_id).execute()
        return self.all(entry_id=entry_id)[0]

    def _minutes_on(self, day: date, leaving_out: int | None = None) -> int:
        """The minutes of `day`'s time entries, but entry `leaving_out`'s."""
        query = t.TimeEntry.select(fn.SUM(t.TimeEntry.minutes)).where(t.TimeEntry.on == day)
        if leaving_out is not None:
            query = query.where(t.TimeEntry.id != leaving_out)
        return int(query.scalar() or 0)

    def _fits_its_day(self, entry: TimeEntry, on: Any, minutes: Any) -> None:
        """`entry` edited to `on` and `minutes` (None: as they are) keeps its day within
        24h of time entries (`day_of_time_entries`)."""
        day: date = on or entry.on
        others = self._minutes_on(day, leaving_out=entry.id)
        held = others + (entry.minutes if day == entry.on else 0)
        from netrack.domain.day_of_time import day_of_time_entries  # time entries only

        day_of_time_entries(day, held, others + (minutes or entry.minutes))

    def delete(self, entry_id: int) -> TimeEntry:
        """Remove one time entry (a mistake); the removed one, to say what went."""
        with self.writing():
            found = self.all(entry_id=entry_id)
            if not found:
                raise InputError(f"no time entry with id {entry_id}")
            t.TimeEntry.delete().where(t.TimeEntry.id == entry_id).execute()
        return found[0]
