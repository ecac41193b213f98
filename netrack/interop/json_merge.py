"""`netrack import json`: a netrack export back in, as one transaction.

Into an empty database (no data, the default goals untouched) the file is reproduced
exactly, goals and settings included, so the next export is byte-for-byte the same.
Into a database with data it merges: contacts match as in every import (see `store`;
each existing contact at most once), campaigns on organization + title + opened_on,
everything else on its full content; blanks are filled, nothing the user edited is
overwritten, nothing is duplicated when run twice.

Every record is read and checked completely before anything of it is written. A record
the CLI would refuse (a strength of 9, a follow-up before its interaction, a date after
today, a stage change before the campaign opened …) is skipped and listed under the
summary by its JSON path; so is a record that refers to one that was skipped. Rows are
inserted first and linked after, so "introduced by" may point forwards in the file or
in a circle.
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

from netrack.data.bulk import Organizations, People, Pool
from netrack.data.merge_rows import MergeRows
from netrack.data.repo import Repo
from netrack.data.repo.goals import imported_setting
from netrack.data.repo.names import org_key
from netrack.domain import validate
from netrack.domain.errors import InputError
from netrack.domain.records import ImportSummary, Person, Tally
from netrack.interop.json_fields import (
    Item,
    RecordError,
    load,
    read_campaign,
    read_goal,
    read_interaction,
    read_org,
    read_person,
    read_referral,
    read_time_entry,
    section,
)
from netrack.interop.json_imported_events import merge_imported_events
from netrack.interop.json_schema4 import Extras, earliest_day, read_extras

MAX_LISTED = 20  # skipped records named under the summary; the rest are counted
INVALID = "invalid, listed below"


def import_json(repo: Repo, path: Path) -> ImportSummary:
    document = load(path)
    tallies: dict[str, Tally] = {}
    with repo.writing():
        merge = Merge(path, document, repo.today(), MergeRows(repo.store))
        tallies["settings"] = merge.settings()
        tallies["goals"] = merge.goals()
        tallies["contacts"] = merge.contacts()
        tallies["organizations"] = merge.orgs.tally
        tallies["campaigns"] = merge.campaigns()
        tallies["interactions"] = merge.interactions()
        tallies["referrals"] = merge.referrals()
        tallies["time entries"] = merge.time_entries()
        tallies["calendar events"] = merge.imported_events()
    return ImportSummary(
        path, tallies, records=[str(error) for error in merge.problems], tail=merge.report()
    )


def _iso(value: Any) -> str | None:
    if value is None or value == "":
        return None
    return value.isoformat() if isinstance(value, date) else str(value)[:10]


class Merge:
    def __init__(self, path: Path, document: dict[str, Any], today: date, rows: MergeRows) -> None:
        self.path = path
        self.document = document
        self.today = today
        self.rows = rows
        # A new database (no data, the default goals untouched): the file's goals replace
        # the defaults, so the next export is the same file.
        self.pristine = not rows.holds_user_data()
        self.orgs = Organizations()
        self.contact_ids: dict[int, int] = {}
        self.campaign_ids: dict[int, int] = {}
        # Positions of records skipped, so what refers to them says why it is skipped too.
        self.skipped_contacts: set[int] = set()
        self.skipped_campaigns: set[int] = set()
        self.interaction_ids: dict[int, int] = {}  # position in the file → id
        self.skipped_interactions: set[int] = set()
        self.problems: list[RecordError] = []

    def _section(self, key: str) -> list[Item]:
        return section(self.path, self.document, key)

    def _refuse(self, tally: Tally, error: RecordError) -> None:
        tally.skip(INVALID)
        self.problems.append(error)

    def report(self) -> str:
        """The skipped records, one line each ("" when none)."""
        lines = [f"  skipped {error}" for error in self.problems[:MAX_LISTED]]
        if len(self.problems) > MAX_LISTED:
            lines.append(f"  … and {len(self.problems) - MAX_LISTED} more")
        return "".join(f"\n{line}" for line in lines)

    @staticmethod
    def _resolve(
        item: Item, key: str, ref: int | None, ids: dict[int, int], skipped: set[int]
    ) -> int | None:
        """The database id a position landed on; a RecordError if it landed nowhere."""
        if ref is None:
            return None
        if ref in ids:
            return ids[ref]
        if ref in skipped:
            raise item.fail(key, f"refers to {ref}, which was skipped")
        raise item.fail(key, f"refers to {ref}, which is not in the file")

    def _contact(self, item: Item, key: str, ref: int | None) -> int | None:
        return self._resolve(item, key, ref, self.contact_ids, self.skipped_contacts)

    def _campaign(self, item: Item, ref: int | None) -> int | None:
        return self._resolve(item, "campaign", ref, self.campaign_ids, self.skipped_campaigns)

    def settings(self) -> Tally:
        """Each setting checked as `config` checks it: a bad one is skipped, so no later
        scorecard reads a week_start of "²"."""
        tally = Tally()
        raw = self.document.get("settings", {})
        if not isinstance(raw, dict):
            raise InputError(f"{self.path}: settings: expected an object")
        have = self.rows.setting_keys()
        for key, value in sorted(raw.items()):
            try:
                number = imported_setting(key, value)
            except InputError as error:
                self._refuse(tally, RecordError(f"settings[{validate.shown(key)}]", str(error)))
                continue
            if key in have:
                tally.skip("already set")
            else:
                self.rows.add_setting(key, number)
                tally.added += 1
        return tally

    def goals(self) -> Tally:
        tally = Tally()
        if self.pristine:  # a fresh database: the file's goals replace the defaults
            self.rows.delete_goals()
        since = earliest_day(self.document, self.today)  # for a file older than `since`
        have = Pool()
        for key in self.rows.goal_keys():
            have.put(key)
        for item in self._section("goals"):
            try:
                goal = read_goal(item, since)
            except RecordError as error:
                self._refuse(tally, error)
                continue
            if have.take((goal["metric"], goal["comparator"], goal["period"]))[0]:
                tally.skip("already set")
                continue
            self.rows.add_goal(goal)
            tally.added += 1
        return tally

    def _organizations(self) -> None:
        # Names are one organization case-insensitively: a second record of a name the
        # file already gave ("Org X", "org x") is counted, like a repeated contact, and
        # not merged into the first.
        named: set[str] = set()
        for item in self._section("organizations"):
            try:
                record = read_org(item)
            except RecordError as error:
                self._refuse(self.orgs.tally, error)
                continue
            key = org_key(record.name)
            if key in named:
                self.orgs.tally.skip("repeated in the file", example=record.name)
                continue
            named.add(key)
            self.orgs.merge(record)

    def contacts(self) -> Tally:
        self._organizations()
        people = People(self.orgs, self.today, within_file=False)
        read: dict[int, tuple[Item, Person, int | None]] = {}
        extras: dict[int, Extras] = {}
        for n, item in enumerate(self._section("contacts"), 1):
            ref = item.data.get("ref", n)
            try:
                ref = item.own_ref(n)
                if ref in read or ref in self.skipped_contacts:
                    raise item.fail("ref", f"{ref} is used by an earlier contact")
                person = read_person(item, n, self.today)
                introducer = item.ref("introduced_by")
                if introducer == ref:  # as `contact edit --introduced-by` refuses it
                    raise item.fail(
                        "introduced_by", f"{person.name} cannot have introduced themselves"
                    )
                extras[ref] = read_extras(item, self.today)
                read[ref] = (item, person, introducer)
            except RecordError as error:
                self._refuse(people.tally, error)
                if isinstance(ref, int) and ref not in read:
                    self.skipped_contacts.add(ref)
        self._drop_orphans(read, people.tally)
        updated: set[int] = set()
        for ref, (item, person, _) in read.items():  # in file order: ids follow positions
            try:
                before = people.tally.updated
                contact_id = people.merge(person)
                if people.tally.updated > before:
                    updated.add(ref)
            except InputError as error:  # read() checked every value; kept as a safety net
                self._refuse(people.tally, item.fail("", str(error)))
                contact_id = None
            if contact_id is None:
                self.skipped_contacts.add(ref)
            else:
                self.contact_ids[ref] = contact_id
        # Insert first, link after: a contact may be introduced by one created after them,
        # or two by each other, which no order of INSERTs satisfies.
        links: list[tuple[int, int]] = []
        for ref, (_, _, introducer) in read.items():
            if introducer is None or ref not in self.contact_ids:
                continue
            contact_id, by = self.contact_ids[ref], self.contact_ids.get(introducer)
            if by is None or by == contact_id:
                continue
            if contact_id >= people.first_new:
                links.append((by, contact_id))
            elif people.rows[contact_id].get("introduced_by_id") is None:
                # an existing contact: only a blank "introduced by" is filled
                people.fill(contact_id, {"introduced_by_id": by})
                if ref not in updated:  # merge counted it unchanged; it is not any more
                    people.tally.skipped["already in netrack"] -= 1
                    people.tally.skipped += Counter()  # drops a reason counted down to 0
                    people.tally.updated += 1
        people.flush()
        self.rows.link_introductions(links)
        self.rows.write_contact_extras(
            {self.contact_ids[ref]: extras[ref] for ref in read if ref in self.contact_ids},
            people.first_new,
        )
        return people.tally

    def _drop_orphans(self, read: dict[int, Any], tally: Tally) -> None:
        """Skip contacts introduced by one that is not coming in, and so on down the line."""
        dependants: dict[int, list[int]] = {}
        for ref, (_, _, introducer) in read.items():
            if introducer is not None and introducer != ref:
                dependants.setdefault(introducer, []).append(ref)
        missing = [ref for ref in dependants if ref not in read]
        while missing:
            gone = missing.pop(0)
            for ref in dependants.pop(gone, ()):
                item = read.pop(ref)[0]
                why = "was skipped" if gone in self.skipped_contacts else "is not in the file"
                self._refuse(tally, item.fail("introduced_by", f"refers to {gone}, which {why}"))
                self.skipped_contacts.add(ref)
                missing.append(ref)

    def campaigns(self) -> Tally:
        tally = Tally()
        existing = Pool()
        for r in self.rows.campaigns():
            existing.put((r["organization"], r["title"].casefold(), _iso(r["opened_on"])), r)
        seen: set[int] = set()
        for n, item in enumerate(self._section("campaigns"), 1):
            ref = item.data.get("ref", n)
            try:
                ref = item.own_ref(n)
                if ref in seen:
                    raise item.fail("ref", f"{ref} is used by an earlier campaign")
                record = read_campaign(item, self.today)
                record["links"] = [
                    (self._contact(link, "contact", ref), role)
                    for link, ref, role in record["links"]
                ]
            except RecordError as error:
                self._refuse(tally, error)
                if isinstance(ref, int) and ref not in seen:
                    self.skipped_campaigns.add(ref)
                continue
            seen.add(ref)
            org_id = self.orgs.id_for(record["organization"])
            self.orgs.flush()
            values, opened = record["values"], record["opened_on"]
            found = existing.take((org_id, values["title"].casefold(), _iso(opened)))[1]
            blanks: dict[str, Any] = {}
            if found is None:
                campaign_id = self.rows.add_campaign(
                    {
                        "organization": org_id,
                        "opened_on": opened,
                        "stage": record["stage"],
                        "stage_since": record["stage_since"] or opened,
                        **values,
                    }
                )
                tally.added += 1
            else:
                campaign_id = found["id"]
                blanks = {k: v for k, v in values.items() if v and not found[k]}
                if blanks:
                    self.rows.fill_campaign(campaign_id, blanks)
            self.campaign_ids[ref] = campaign_id
            changed = self._history(record["history"], campaign_id, fresh=found is None)
            changed += self._links(record["links"], campaign_id)
            if found is not None:
                if changed or blanks:
                    tally.updated += 1
                else:
                    tally.skip("already in netrack")
        return tally

    def _history(self, steps: list[dict[str, Any]], campaign_id: int, fresh: bool) -> int:
        """Add the stage changes the campaign lacks (all of them for a new campaign)."""
        have = {(stage, _iso(on)) for stage, on in self.rows.stage_history(campaign_id)}
        missing = []
        for step in steps:
            key = (step["to_stage"], _iso(step["on"]))
            if not fresh and key in have:
                continue
            missing.append(step)
            have.add(key)
        self.rows.add_stage_changes(campaign_id, missing)
        return len(missing)

    def _links(self, links: list[tuple[int, str | None]], campaign_id: int) -> int:
        have = self.rows.campaign_contacts(campaign_id)
        added = 0
        for contact_id, role in links:
            if contact_id in have:
                continue
            self.rows.link_contact(campaign_id, contact_id, role)
            have.add(contact_id)
            added += 1
        return added

    def interactions(self) -> Tally:
        """Each of the file's interactions is one already in netrack when every field the
        user wrote is the same; else, when the day, kind, minutes, campaign, note and
        people are (an old export of one edited since), it stays as netrack has it; else
        it is added. Exact twins are paired first: matched on the first fields alone, a
        $5 email took the place of the intro emailed that day, and the intro was added
        a second time."""
        tally = Tally()
        exact, alike = Pool(), Pool()
        for r, people in self.rows.interactions():
            exact.put((*_interaction_key(r), people), r)
            alike.put((*_interaction_key(r)[:5], people), r)
        read: list[tuple[dict[str, Any], list[int]]] = []
        positions: list[int] = []  # of each of `read` in the file, as `imported_events` refer
        for position, item in enumerate(self._section("interactions"), 1):
            try:
                values = read_interaction(item, self.today)
                values["who"] = [self._contact(item, "contacts", r) for r in values["who"]]
                values["campaign"] = self._campaign(item, values["campaign"])
            except RecordError as error:
                self._refuse(tally, error)
                self.skipped_interactions.add(position)
                continue
            read.append((values, values.pop("who")))
            positions.append(position)
        taken: set[int] = set()
        twins: dict[int, Any] = {}  # index in `read` → its row
        for n, (values, who) in enumerate(read):
            found, row = exact.take((*_interaction_key(values), frozenset(who)))
            if found:
                twins[n] = row
                taken.add(row["id"])
        new: list[tuple[dict[str, Any], list[int]]] = []  # written at once, in file order
        added: list[int] = []  # their positions
        for n, (values, who) in enumerate(read):
            row = twins.get(n)
            while row is None:
                found, row = alike.take((*_interaction_key(values)[:5], frozenset(who)))
                if not found:
                    break
                if row["id"] in taken:
                    row = None  # an exact twin of another of the file's
            if row is None:
                new.append((values, who))
                added.append(positions[n])
                tally.added += 1
                continue
            taken.add(row["id"])
            self.interaction_ids[positions[n]] = row["id"]
            # Done: the same follow-up as the row's, not done there yet.
            due, done = values["follow_up_on"], values["follow_up_done_on"]
            if (
                done
                and due
                and _iso(row["follow_up_on"]) == _iso(due)
                and not row["follow_up_done_on"]
            ):
                self.rows.close_follow_up(row["id"], done)
                tally.updated += 1
            else:
                tally.skip("already in netrack")
        ids = self.rows.add_interactions(new)
        self.interaction_ids.update(zip(added, ids, strict=True))
        return tally

    def imported_events(self) -> Tally:
        """The calendar occurrences `import ics` logged: each key not kept yet is added,
        with the interaction its position landed on."""

        def interaction(item: Item, ref: int | None) -> int | None:
            return self._resolve(
                item, "interaction", ref, self.interaction_ids, self.skipped_interactions
            )

        return merge_imported_events(
            self._section("imported_events"), self.rows, interaction, self._refuse
        )

    def referrals(self) -> Tally:
        def read(item: Item) -> dict[str, Any]:
            values = read_referral(item, self.today)
            values["contact"] = self._contact(item, "contact", values["contact"])
            values["campaign"] = self._campaign(item, values["campaign"])
            return values

        return self._plain("referral", "referrals", read)

    def time_entries(self) -> Tally:
        def read(item: Item) -> dict[str, Any]:
            values = read_time_entry(item, self.today)
            values["campaign"] = self._campaign(item, values["campaign"])
            return values

        return self._plain("time_entry", "time_entries", read)

    def _plain(self, table: str, key: str, read: Any) -> Tally:
        """Rows that are the same when every field is the same: add the missing ones."""
        tally = Tally()
        have: Pool | None = None
        new: list[dict[str, Any]] = []  # written at once, in file order
        for item in self._section(key):
            try:
                values = read(item)
            except RecordError as error:
                self._refuse(tally, error)
                continue
            if have is None:
                have = Pool()
                for row in self.rows.rows(table):
                    have.put(tuple(_norm(row[f]) for f in values))
            if have.take(tuple(_norm(v) for v in values.values()))[0]:
                tally.skip("already in netrack")
                continue
            new.append(values)
            tally.added += 1
        self.rows.add_rows(table, new)
        return tally


def _interaction_key(row: dict[str, Any]) -> tuple[Any, ...]:
    """Every field of an interaction the user wrote but whether its follow-up is done
    (an import marks it done) and the day it was logged; its first five are the ones
    an interaction edited since an export keeps."""
    return (
        _iso(row["on"]),
        row["kind"],
        row["minutes"],
        row["campaign"],
        row["note"],
        bool(row["meaningful"]),
        row["value_received"],
        row["value_given"],
        row["cost_cents"],
        _iso(row["follow_up_on"]),
    )


def _norm(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value
