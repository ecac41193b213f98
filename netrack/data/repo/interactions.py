"""Interactions read back as records: one, a filtered page, a count, the Agenda's
"Logged today". Apart from `activity.py`, which writes them (its `Activity` extends
this): reading is the half the scorecard and the detail screens use.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from peewee import JOIN, fn

from netrack.data import tables as t
from netrack.data.repo.base import as_date, come, must_date, stored, tuples
from netrack.data.repo.follow_up_shifts import FollowUpShifts
from netrack.domain.entries import Interaction
from netrack.domain.errors import InputError
from netrack.domain.models import Kind

if TYPE_CHECKING:
    from netrack.domain.people import Contact
    from netrack.domain.write_effects import MetLater, TouchedBeforeMet


class Interactions(FollowUpShifts):
    """The reading half of `repo.activity` (which extends it) for interactions."""

    def _interaction_query(self) -> Any:
        return (
            t.Interaction.select(
                t.Interaction,
                t.Campaign.title.alias("campaign_title"),
                t.Organization.name.alias("campaign_org"),
            )
            .join(t.Campaign, JOIN.LEFT_OUTER, on=(t.Interaction.campaign == t.Campaign.id))
            .join(
                t.Organization, JOIN.LEFT_OUTER, on=(t.Campaign.organization == t.Organization.id)
            )
            .dicts()
        )

    def _to_interactions(self, rows: list[dict[str, Any]]) -> list[Interaction]:
        people = self._people([r["id"] for r in rows])
        today = self.today()
        result = []
        for row in rows:
            who = people.get(row["id"], [])
            org = row["campaign_org"]
            due = as_date(row["follow_up_on"])
            # Done days only with a follow-up: an earlier version removing one left the
            # day a touch had closed it, and exports already said none.
            marked = as_date(row["follow_up_done_on"]) if due else None
            closed = come(as_date(row["follow_up_closed_on"]), today) if due else None
            result.append(
                Interaction(
                    id=row["id"],
                    on=must_date(row["on"]),
                    kind=stored(Kind, row["kind"], "an interaction's kind"),
                    contact_ids=tuple(c for c, _ in who),
                    contact_names=tuple(n for _, n in who),
                    minutes=row["minutes"],
                    campaign_id=row["campaign"],
                    campaign_name=f"{org} {row['campaign_title']}" if org else "",
                    meaningful_flag=bool(row["meaningful"]),
                    value_received=row["value_received"],
                    value_given=row["value_given"],
                    cost=row["cost_cents"] / 100,
                    follow_up_on=due,
                    follow_up_done_on=marked,
                    follow_up_closed_on=closed,
                    note=row["note"],
                    logged_on=as_date(row["logged_on"]),
                )
            )
        return result

    def get(self, interaction_id: int) -> Interaction:
        rows = list(self._interaction_query().where(t.Interaction.id == interaction_id))
        if not rows:
            raise InputError(f"no interaction with id {interaction_id}")
        return self._to_interactions(rows)[0]

    def interactions(
        self,
        contact_id: int | None = None,
        campaign_id: int | None = None,
        on: date | None = None,
        limit: int | None = None,
        since: date | None = None,
        until: date | None = None,
    ) -> list[Interaction]:
        """Newest first, filtered by contact, campaign, day and/or first and last day
        (inclusive)."""
        query = self._interaction_query()
        if contact_id is not None:
            query = query.where(
                t.Interaction.id.in_(
                    t.InteractionContact.select(t.InteractionContact.interaction).where(
                        t.InteractionContact.contact == contact_id
                    )
                )
            )
        if campaign_id is not None:
            query = query.where(t.Interaction.campaign == campaign_id)
        if on is not None:
            query = query.where(t.Interaction.on == on)
        if since is not None:
            query = query.where(t.Interaction.on >= since)
        if until is not None:
            query = query.where(t.Interaction.on <= until)
        query = query.order_by(t.Interaction.on.desc(), t.Interaction.id.desc())
        if limit:
            query = query.limit(limit)
        return self._to_interactions(list(query))

    def count_interactions(
        self, contact_id: int | None = None, campaign_id: int | None = None
    ) -> int:
        """How many interactions a contact (or campaign) has: what a page that shows the
        newest few says it holds."""
        if contact_id is not None:
            link = t.InteractionContact
            return int(link.select().where(link.contact == contact_id).count())
        return int(t.Interaction.select().where(t.Interaction.campaign == campaign_id).count())

    def campaign_minutes(self, campaign_id: int) -> int:
        """The minutes of all a campaign's interactions: with its search and networking
        time, its hours invested (`metrics_effort.invested_minutes`). Summed here, as
        its page lists only the newest interactions."""
        row = t.Interaction
        total = row.select(fn.SUM(row.minutes)).where(row.campaign == campaign_id).scalar()
        return int(total or 0)

    def logged(self, day: date, only: int | None = None) -> list[Interaction]:
        """The Agenda's "Logged today": what happened on `day`, then what was logged on
        `day` about an earlier one (a back-dated entry), each newest first. Imported
        history was not logged by hand (`logged_on` NULL) and shows only on its own day.
        `logged_on IS NOT NULL` is the partial index's condition (m008's `LOGGED`),
        repeated so that the index is used whatever the planner proves. `only`: just
        that interaction, if it is one of them."""
        row = t.Interaction
        back_dated = row.logged_on.is_null(False) & (row.logged_on == day) & (row.on < day)
        query = (
            self._interaction_query()
            .where((row.on == day) | back_dated)
            .order_by(row.on.desc(), row.id.desc())
        )
        if only is not None:
            query = query.where(row.id == only)
        return self._to_interactions(list(query))

    def met_after(self, entry: Interaction) -> tuple[MetLater, ...]:
        """The people of `entry` whose met_on is after its day, in its order: what its
        confirmation notes (`describe_met_later`); read in the write that saved it."""
        row = t.Contact
        query = row.select(row.id, row.met_on).where(
            row.id.in_(entry.contact_ids), row.met_on > entry.on
        )
        met = {r.id: as_date(r.met_on) for r in query}
        if not met:
            return ()
        # Loaded when there is one to tell: not at every `netrack log`'s start (its five
        # records' classes, ~3 ms; tests/test_import_hygiene.py).
        from netrack.domain.write_effects import MetLater

        return tuple(
            MetLater(contact_id, name, met_on)
            for contact_id, name in zip(entry.contact_ids, entry.contact_names, strict=False)
            if (met_on := met.get(contact_id)) is not None
        )

    def touched_before_met(self, contact: Contact) -> TouchedBeforeMet | None:
        """The contact's touches and strength changes dated before their met-on day, None
        when there is none: what the confirmation of an edit of that day notes; read in
        the write that made it."""
        if contact.met_on is None:
            return None
        row, link = t.Interaction, t.InteractionContact
        found: tuple[int, Any] = (
            row.select(fn.COUNT(row.id), fn.MIN(row.on))
            .join(link, on=link.interaction == row.id)
            .where(link.contact == contact.id, row.on < contact.met_on)
            .tuples()
            .first()
        )
        count, first = found
        change = t.StrengthChange
        earlier_changes = (
            change.select(change.on)
            .where(change.contact == contact.id, change.on < contact.met_on)
            .order_by(change.on)
        )
        strength_changes = tuple(must_date(on) for (on,) in tuples(earlier_changes))
        if not count and not strength_changes:
            return None
        from netrack.domain.write_effects import TouchedBeforeMet  # as `met_after` says

        return TouchedBeforeMet(
            contact.id,
            contact.name,
            contact.met_on,
            count,
            must_date(first) if count else None,
            strength_changes,
        )
