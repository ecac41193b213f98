"""`netrack import json`: a netrack export back in, as one transaction.

Into an empty database (no data, the default goals untouched) the file is reproduced
exactly, goals and settings included, so the next export is byte-for-byte the same.
Into a database with data it merges: contacts match as in every import (URL, email,
name + organization; each existing contact at most once), campaigns on organization +
title + opened_on, everything else on its full content; blanks are filled, nothing the
user edited is overwritten, nothing is duplicated when run twice.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from netrack.data import tables as t
from netrack.data.migrations.m001_initial import DEFAULT_GOALS
from netrack.data.repo import Repo
from netrack.data.repo.campaigns import resync_stage
from netrack.data.repo.goals import check_metric, check_target
from netrack.domain.models import (
    CampaignRole,
    Comparator,
    ContactChannel,
    Direction,
    GoalPeriod,
    Kind,
    SourceChannel,
    Stage,
    TimeCategory,
)
from netrack.interop.json_fields import Item, load, section
from netrack.interop.records import OrgRecord, Person, Tally, summary
from netrack.interop.store import Organizations, People, Pool, dict_rows, next_id, tuple_rows

DATA_TABLES = (t.Organization, t.Contact, t.Campaign, t.Interaction, t.Referral, t.TimeEntry)


def import_json(repo: Repo, path: Path) -> str:
    document = load(path)
    tallies: dict[str, Tally] = {}
    with repo.writing():
        merge = Merge(path, document, repo.today())
        tallies["settings"] = merge.settings()
        tallies["goals"] = merge.goals()
        tallies["contacts"] = merge.contacts()
        tallies["organizations"] = merge.orgs.tally
        tallies["campaigns"] = merge.campaigns()
        tallies["interactions"] = merge.interactions()
        tallies["referrals"] = merge.referrals()
        tallies["time entries"] = merge.time_entries()
    return summary(path, tallies)


def _iso(value: Any) -> str | None:
    if value is None or value == "":
        return None
    return value.isoformat() if isinstance(value, date) else str(value)[:10]


class Merge:
    def __init__(self, path: Path, document: dict[str, Any], today: date) -> None:
        self.path = path
        self.document = document
        self.today = today
        self.pristine = self._pristine()
        self.orgs = Organizations()
        self.contact_ids: dict[int, int] = {}
        self.campaign_ids: dict[int, int] = {}

    def _section(self, key: str) -> list[Item]:
        return section(self.path, self.document, key)

    @staticmethod
    def _pristine() -> bool:
        if any(model.select().exists() for model in (*DATA_TABLES, t.Setting)):
            return False
        goals = tuple_rows(
            t.Goal.select(
                t.Goal.metric, t.Goal.target, t.Goal.comparator, t.Goal.period, t.Goal.note
            ).order_by(t.Goal.id)
        )
        return [tuple(g) for g in goals] == [tuple(g) for g in DEFAULT_GOALS]

    def settings(self) -> Tally:
        tally = Tally()
        raw = self.document.get("settings", {})
        if not isinstance(raw, dict) or not all(isinstance(v, str) for v in raw.values()):
            raise Item(self.path, "settings", None).fail("", "expected an object of texts")
        have = {row.key for row in t.Setting.select()}
        for key, value in sorted(raw.items()):
            if key in have:
                tally.skip("already set")
            else:
                t.Setting.insert(key=key, value=value).execute()
                tally.added += 1
        return tally

    def goals(self) -> Tally:
        tally = Tally()
        if self.pristine:  # a fresh database: the file's goals replace the defaults
            t.Goal.delete().execute()
        have = Pool()
        for key in tuple_rows(t.Goal.select(t.Goal.metric, t.Goal.comparator, t.Goal.period)):
            have.put(tuple(key))
        for item in self._section("goals"):
            metric = item.checked("metric", check_metric, item.text("metric"))
            comparator = item.choice("comparator", Comparator) or Comparator.AT_LEAST
            period = item.choice("period", GoalPeriod) or GoalPeriod.WEEK
            if have.take((metric, comparator.value, period.value))[0]:
                tally.skip("already set")
                continue
            target = item.checked("target", check_target, item.number("target"))
            t.Goal.insert(
                metric=metric,
                target=target,
                comparator=comparator.value,
                period=period.value,
                note=item.text("note"),
            ).execute()
            tally.added += 1
        return tally

    def contacts(self) -> Tally:
        for item in self._section("organizations"):
            record = OrgRecord(
                name=item.name("name", "organization name"),
                line=0,
                **{key: item.text(key) for key in ("industry", "location", "notes")},
                size_band=item.text("size_band"),
            )
            item.checked("size_band", self.orgs.merge, record)
        people = People(self.orgs, self.today, within_file=False)
        introductions: list[tuple[int, Item]] = []
        for n, item in enumerate(self._section("contacts"), 1):
            person = Person(
                name=item.name("name"),
                line=n,
                organization=item.optional_text("organization") or "",
                **{k: item.text(k) for k in ("title", "function", "industry", "location")},
                emails=[item.text("email")],
                phones=[item.text("phone")],
                urls=[item.text("url")],
                notes=item.text("notes"),
                met_on=item.day("met_on", required=True),
                channel=(c.value if (c := item.choice("channel", ContactChannel)) else None),
                tags=[str(tag) for tag in item.list("tags")],
                strength=item.whole("strength", 1, 5),
                archived=item.flag("archived"),
            )
            contact_id = item.checked("name", people.merge, person)
            self.contact_ids[self._ref(item, n)] = contact_id
            introductions.append((contact_id, item))
        for contact_id, item in introductions:
            introducer = item.ref("introduced_by", self.contact_ids)
            if introducer is not None and introducer != contact_id:
                people.fill(contact_id, {"introduced_by_id": introducer})
        people.flush()
        return people.tally

    @staticmethod
    def _ref(item: Item, position: int) -> int:
        ref = item.data.get("ref", position)
        if not isinstance(ref, int) or isinstance(ref, bool):
            raise item.fail("ref", "expected a whole number")
        return ref

    def campaigns(self) -> Tally:
        tally = Tally()
        items = self._section("campaigns")
        org_ids = [
            self.orgs.id_for(item.name("organization", "organization name")) for item in items
        ]
        self.orgs.flush()
        existing = Pool()
        for r in dict_rows(t.Campaign.select().order_by(t.Campaign.id)):
            existing.put((r["organization"], r["title"].casefold(), _iso(r["opened_on"])), r)
        new_id = next_id(t.Campaign)
        for n, (item, org_id) in enumerate(zip(items, org_ids, strict=True), 1):
            opened = item.day("opened_on", required=True)
            title = item.name("title", "campaign title")
            values = {
                "title": title,
                "source": (s.value if (s := item.choice("source", SourceChannel)) else None),
                "priority": item.whole("priority", 1, 5),
                "url": item.text("url"),
                "notes": item.text("notes"),
                "lost_reason": item.text("lost_reason"),
            }
            found = existing.take((org_id, title.casefold(), _iso(opened)))[1]
            blanks: dict[str, Any] = {}
            if found is None:
                stage = item.choice("stage", Stage) or Stage.RESEARCH
                t.Campaign.insert(
                    id=new_id,
                    organization=org_id,
                    opened_on=opened,
                    stage=stage.value,
                    stage_since=item.day("stage_since") or opened,
                    **values,
                ).execute()
                campaign_id, new_id = new_id, new_id + 1
                tally.added += 1
            else:
                campaign_id = found["id"]
                blanks = {k: v for k, v in values.items() if v and not found[k]}
                if blanks:
                    t.Campaign.update(**blanks).where(t.Campaign.id == campaign_id).execute()
            self.campaign_ids[self._ref(item, n)] = campaign_id
            changed = self._history(item, campaign_id, fresh=found is None)
            changed += self._links(item, campaign_id)
            if found is not None:
                if changed or blanks:
                    tally.updated += 1
                else:
                    tally.skip("already in netrack")
        return tally

    def _history(self, item: Item, campaign_id: int, fresh: bool) -> int:
        """Add the stage changes the campaign lacks (all of them for a new campaign)."""
        have = set(
            tuple_rows(
                t.StageChange.select(t.StageChange.to_stage, t.StageChange.on).where(
                    t.StageChange.campaign == campaign_id
                )
            )
        )
        have = {(stage, _iso(on)) for stage, on in have}
        added = 0
        for step in item.items("history"):
            to_stage = step.choice("to", Stage, optional=False)
            on = step.day("on", required=True)
            if to_stage is None or (not fresh and (to_stage.value, _iso(on)) in have):
                continue
            from_stage = step.choice("from", Stage)
            t.StageChange.insert(
                campaign=campaign_id,
                to_stage=to_stage.value,
                on=on,
                from_stage=from_stage.value if from_stage else None,
                note=step.text("note"),
            ).execute()
            have.add((to_stage.value, _iso(on)))
            added += 1
        if added:
            resync_stage(campaign_id)
        return added

    def _links(self, item: Item, campaign_id: int) -> int:
        have = {
            contact: role
            for contact, role in tuple_rows(
                t.CampaignContact.select(t.CampaignContact.contact, t.CampaignContact.role).where(
                    t.CampaignContact.campaign == campaign_id
                )
            )
        }
        added = 0
        for link in item.items("contacts"):
            contact_id = link.ref("contact", self.contact_ids, required=True)
            role = link.choice("role", CampaignRole)
            if contact_id in have:
                continue
            t.CampaignContact.insert(
                campaign=campaign_id, contact=contact_id, role=role.value if role else None
            ).execute()
            have[contact_id] = role
            added += 1
        return added

    def interactions(self) -> Tally:
        tally = Tally()
        people: dict[int, set[int]] = {}
        for interaction_id, contact_id in tuple_rows(
            t.InteractionContact.select(
                t.InteractionContact.interaction, t.InteractionContact.contact
            )
        ):
            people.setdefault(interaction_id, set()).add(contact_id)
        have = Pool()
        for r in dict_rows(t.Interaction.select().order_by(t.Interaction.id)):
            key = (
                _iso(r["on"]),
                r["kind"],
                r["minutes"],
                r["campaign"],
                r["note"],
                frozenset(people.get(r["id"], ())),
            )
            have.put(key, r)
        new_id = next_id(t.Interaction)
        for item in self._section("interactions"):
            on = item.day("on", required=True)
            who = [self._contact(item, ref) for ref in item.list("contacts")]
            if not who:
                raise item.fail("contacts", "an interaction needs at least one contact")
            kind = item.choice("kind", Kind) or Kind.OTHER
            values = {
                "on": on,
                "kind": kind.value,
                "minutes": item.whole("minutes", 0, 24 * 60) or 0,
                "campaign": item.ref("campaign", self.campaign_ids),
                "note": item.text("note"),
            }
            key = (
                _iso(on),
                kind.value,
                values["minutes"],
                values["campaign"],
                values["note"],
                frozenset(who),
            )
            done = item.day("follow_up_done_on")
            found, row = have.take(key)
            if found:
                if done and row["follow_up_on"] and not row["follow_up_done_on"]:
                    t.Interaction.update(follow_up_done_on=done).where(
                        t.Interaction.id == row["id"]
                    ).execute()
                    tally.updated += 1
                else:
                    tally.skip("already in netrack")
                continue
            t.Interaction.insert(
                id=new_id,
                meaningful=item.flag("meaningful"),
                value_received=item.text("value_received"),
                value_given=item.text("value_given"),
                cost_cents=round(item.number("cost") * 100),
                follow_up_on=item.day("follow_up_on"),
                follow_up_done_on=done,
                **values,
            ).execute()
            for contact_id in dict.fromkeys(who):
                t.InteractionContact.insert(interaction=new_id, contact=contact_id, on=on).execute()
            new_id += 1
            tally.added += 1
        return tally

    def _contact(self, item: Item, ref: Any) -> int:
        if not isinstance(ref, int) or ref not in self.contact_ids:
            raise item.fail("contacts", f"refers to {ref!r}, which is not in the file")
        return self.contact_ids[ref]

    def referrals(self) -> Tally:
        def read(item: Item) -> dict[str, Any]:
            direction = item.choice("direction", Direction, optional=False)
            return {
                "contact": item.ref("contact", self.contact_ids, required=True),
                "direction": direction.value if direction else None,
                "on": item.day("on", required=True),
                "campaign": item.ref("campaign", self.campaign_ids),
                "note": item.text("note"),
            }

        return self._plain(t.Referral, "referrals", read)

    def time_entries(self) -> Tally:
        def read(item: Item) -> dict[str, Any]:
            category = item.choice("category", TimeCategory, optional=False)
            return {
                "on": item.day("on", required=True),
                "minutes": item.whole("minutes", 1, 24 * 60),
                "category": category.value if category else None,
                "campaign": item.ref("campaign", self.campaign_ids),
                "note": item.text("note"),
            }

        return self._plain(t.TimeEntry, "time_entries", read)

    def _plain(self, model: Any, key: str, read: Any) -> Tally:
        """Rows that are the same when every field is the same: add the missing ones."""
        tally = Tally()
        fields: tuple[str, ...] = ()
        have = Pool()
        for item in self._section(key):
            values = read(item)
            if not fields:
                fields = tuple(values)
                for row in dict_rows(model.select()):
                    have.put(tuple(_norm(row[f]) for f in fields))
            if have.take(tuple(_norm(values[f]) for f in fields))[0]:
                tally.skip("already in netrack")
                continue
            model.insert(**values).execute()
            tally.added += 1
        return tally


def _norm(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value
