"""`netrack import json`: a netrack export back in, as one transaction.

Into an empty database (no data, the default goals untouched) the file is reproduced
exactly, goals and settings included, so the next export is byte-for-byte the same.
Into a database with data it merges: contacts match as in every import (see `store`;
each existing contact at most once), campaigns on organization + title + opened_on,
everything else on its full content; blanks are filled, nothing the user edited is
overwritten, nothing is duplicated when run twice. A new interaction, referral or
campaign link with a contact archived here (and not in the file) is left out and the
contact named, as `netrack log`, `referral add` and `campaign link` refuse to name them.

Every record is read and checked completely before anything of it is written. A record
the CLI would refuse (a strength of 9, a follow-up before its interaction, a date after
today, a stage change before the campaign opened …) is skipped and listed under the
summary by its JSON path. A record that refers to one skipped keeps itself without that
reference where it stands without it (a campaign's link to a person, an entry's
campaign, an introduction), else is skipped too (a referral's person, an interaction
with no person left). A date up to two days after today is a file from a time zone
ahead: kept, and said once (`json_fields.Horizon`). Rows are
inserted first and linked after, so "introduced by" may point forwards in the file or
in a circle. Organizations, contacts and campaigns, which the rest refer to by position,
are merged in `json_merge_contacts`.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from netrack.data.bulk_orgs import Pool
from netrack.data.merge_rows import MergeRows
from netrack.data.repo import Repo
from netrack.data.repo.goals import SAME_GOAL_FIELDS, already_there, imported_setting
from netrack.domain import validate
from netrack.domain.errors import InputError
from netrack.domain.records import ImportSummary, Tally
from netrack.interop.json_fields import Item, RecordError, load
from netrack.interop.json_imported_events import merge_imported_events
from netrack.interop.json_io import iso
from netrack.interop.json_merge_contacts import ContactsMerge
from netrack.interop.json_records import (
    read_goal,
    read_interaction,
    read_referral,
    read_time_entry,
)
from netrack.interop.json_schema4 import earliest_day

MAX_LISTED = 20  # skipped records named under the summary; the rest are counted


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
    ahead = merge.horizon.warning(merge.added)
    return ImportSummary(
        path,
        tallies,
        records=[str(error) for error in merge.problems],
        tail=merge.report(),
        notices=[ahead] if ahead else [],
        kept=merge.kept,
    )


class Merge(ContactsMerge):
    """The whole file: settings, goals, and the records that refer to contacts and
    campaigns, once `ContactsMerge` has placed those."""

    def __init__(self, path: Path, document: dict[str, Any], today: date, rows: MergeRows) -> None:
        # A new database (no data, the default goals untouched): the file's goals replace
        # the defaults (`goals`), so the next export is the same file.
        self.pristine = not rows.holds_user_data()
        super().__init__(path, document, today, rows)
        self.interaction_ids: dict[int, int] = {}  # position in the file → id
        self.skipped_interactions: set[int] = set()

    def report(self) -> str:
        """The skipped records, then those kept without a reference to one, one line
        each ("" when none)."""
        lines = []
        for verb, said in (("skipped", self.problems), ("kept", self.kept)):
            lines += [f"  {verb} {line}" for line in said[:MAX_LISTED]]
            if len(said) > MAX_LISTED:
                lines.append(f"  … and {len(said) - MAX_LISTED} more")
        return "".join(f"\n{line}" for line in lines)

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
        """The file's goals beside the user's; into a new database, in place of the
        defaults, so that an export of a database whose user deleted every goal
        (`"goals": []`) comes back with none. Said in the summary either way."""
        tally = Tally()
        since = earliest_day(self.document, self.today)  # for a file older than `since`
        read: list[tuple[Item, dict[str, Any] | RecordError]] = []
        for item in self._section("goals"):
            try:
                read.append((item, read_goal(item, since)))
            except RecordError as error:
                read.append((item, error))
        if self.pristine and "goals" in self.document:
            tally.remarks.append(self._replace_defaults(read))
        have = Pool()  # a goal the user set keeps its target, whatever the file's
        stored: set[tuple[Any, ...]] = set()
        for row in self.rows.goals():
            have.put((row["metric"], row["comparator"], row["period"]))
            stored.add(_same_goal(row))
        added: dict[tuple[Any, ...], str] = {}  # → where in the file
        for item, goal in read:
            if isinstance(goal, RecordError):
                self._refuse(tally, goal)
                continue
            found = have.take((goal["metric"], goal["comparator"], goal["period"]))[0]
            if found or _same_goal(goal) in stored:
                tally.skip("already set")
                continue
            if _same_goal(goal) in added:  # `goal add` refuses a twin: the card shows one line
                where = added[_same_goal(goal)]
                self._refuse(tally, RecordError(item.where, already_there(goal, where)))
                continue
            added[_same_goal(goal)] = item.where
            self.rows.add_goal(goal)
            tally.added += 1
        return tally

    def _replace_defaults(self, read: list[tuple[Item, dict[str, Any] | RecordError]]) -> str:
        """Delete the default goals unless the file has goals and none of them can be
        read (the user would be left with no goal for a file's mistakes); what was done,
        in words."""
        if read and all(isinstance(goal, RecordError) for _, goal in read):
            return "the default goals kept: none of the file's could be read"
        removed = self.rows.delete_goals()
        if not read:
            return f"the {removed} default goals removed: the file has none"
        return f"the {removed} default goals replaced by the file's"

    def interactions(self) -> Tally:
        """Each of the file's interactions is one already in netrack when every field the
        user wrote is the same; else, when the day, kind, minutes, campaign, note and
        people are (an old export of one edited since), it stays as netrack has it; else
        it is added. Exact twins are paired first: matched on the first fields alone, a
        $5 email took the place of the intro emailed that day, and the intro was added
        a second time."""
        tally = Tally()
        exact, alike = Pool(), Pool()
        held = Held()
        for r, people in self.rows.interactions():
            exact.put((*_interaction_key(r), people), r)
            alike.put((*_interaction_key(r)[:5], people), r)
            held.put(r, people)
        read: list[tuple[dict[str, Any], list[int]]] = []
        positions: list[int] = []  # of each of `read` in the file, as `imported_events` refer
        records: list[str] = []  # each of `read`'s path ("interactions[4]")
        # each of `read`'s notes for the summary, and whether it lost its campaign, people
        lost: list[tuple[list[str], bool, bool]] = []
        for position, item in enumerate(self._section("interactions"), 1):
            notes: list[str] = []
            try:
                values = read_interaction(item, self.horizon, notes)  # a done day left out
                lost_campaign = values["campaign"] in self.skipped_campaigns
                lost_people = any(ref in self.skipped_contacts for ref in values["who"])
                values["who"] = self._people(item, values["who"], notes)
                values["campaign"] = self._campaign_if_kept(item, values["campaign"], notes)
            except RecordError as error:
                self._refuse(tally, error)
                self.skipped_interactions.add(position)
                continue
            read.append((values, values.pop("who")))
            positions.append(position)
            records.append(item.record)
            lost.append((notes, lost_campaign, lost_people))
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
            notes, lost_campaign, lost_people = lost[n]
            if row is None and (lost_campaign or lost_people):
                row = held.take(values, frozenset(who), lost_campaign, lost_people, taken)
            archived = [self.archived_here[c] for c in who if c in self.archived_here]
            if row is None and archived:
                # An interaction the file's machine logged with someone archived here
                # since: `log` refuses to name them, so neither does the import.
                tally.skip_archived(archived, example=records[n])
                self.skipped_interactions.add(positions[n])
                continue
            if row is None:
                self.kept += notes
                new.append((values, who))
                added.append(positions[n])
                self.added.add(records[n])
                tally.added += 1
                continue
            taken.add(row["id"])
            self.interaction_ids[positions[n]] = row["id"]
            # Done: the same follow-up as the row's, not done there yet.
            due, done = values["follow_up_on"], values["follow_up_done_on"]
            if (
                done
                and due
                and iso(row["follow_up_on"]) == iso(due)
                and not row["follow_up_done_on"]
            ):
                self.rows.close_follow_up(row["id"], done)
                tally.updated += 1
            else:
                tally.skip("already in netrack")
        ids = self.rows.add_interactions(new)
        self.interaction_ids.update(zip(added, ids, strict=True))
        return tally

    def _people(self, item: Item, refs: list[int], notes: list[str]) -> list[int | None]:
        """An interaction's contacts, less those skipped; refused when none is left, as
        an interaction needs one."""
        kept = [
            ref
            for ref in refs
            if not self._without(item, ref, self.skipped_contacts, "contact", notes)
        ]
        if not kept:
            raise item.fail("contacts", f"refers to {refs[0]}, which was skipped")
        return [self._contact(item, "contacts", ref) for ref in kept]

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
        def read(item: Item, notes: list[str]) -> dict[str, Any]:
            values = read_referral(item, self.horizon)
            values["contact"] = self._contact(item, "contact", values["contact"])
            values["campaign"] = self._campaign_if_kept(item, values["campaign"], notes)
            return values

        return self._plain("referral", "referrals", read, person="contact")

    def time_entries(self) -> Tally:
        def read(item: Item, notes: list[str]) -> dict[str, Any]:
            values = read_time_entry(item, self.horizon)
            values["campaign"] = self._campaign_if_kept(item, values["campaign"], notes)
            return values

        return self._plain("time_entry", "time_entries", read)

    def _plain(self, table: str, key: str, read: Any, person: str | None = None) -> Tally:
        """Rows that are the same when every field is the same: add the missing ones. One
        that lost its campaign (skipped) is the same as a row with a campaign and every
        other field the same: re-importing a file whose campaign is now refused adds
        nothing. `person`: the field naming a contact; a new row naming one archived
        here is skipped, as `referral add` refuses to name them."""
        tally = Tally()
        have: Pool | None = None
        held = Pool()  # rows with a campaign, by every other field
        taken: set[int] = set()
        read_ones: list[tuple[dict[str, Any], list[str]]] = []
        records: list[str] = []  # each of `read_ones`' path ("referrals[2]")
        for item in self._section(key):
            notes: list[str] = []  # a note is the campaign dropped: the only reference kept
            try:
                values = read(item, notes)
            except RecordError as error:
                self._refuse(tally, error)
                continue
            if have is None:
                have = Pool()
                for row in self.rows.rows(table):
                    have.put(tuple(_norm(row[f]) for f in values), row)
                    if row["campaign"] is not None:
                        held.put(_but_campaign(row, values), row)
            read_ones.append((values, notes))
            records.append(item.record)
        # Whole records first: a row is the exact twin's before one that lost its campaign
        # may take it (else that one took it, and the twin, matched again, was lost).
        found_at: dict[int, bool] = {}
        for whole_first in (True, False):
            for at, (values, notes) in enumerate(read_ones):
                if bool(notes) == whole_first:
                    continue
                assert have is not None  # a record was read, so the pool was filled
                found, row = have.take(tuple(_norm(v) for v in values.values()))
                while not found and notes:
                    found, row = held.take(_but_campaign(values, values))
                    if not found:
                        break
                    found = row["id"] not in taken  # taken by a twin of the file's already
                if found:
                    taken.add(row["id"])
                found_at[at] = found
        new: list[dict[str, Any]] = []  # written at once, in file order
        for at, (values, notes) in enumerate(read_ones):
            if found_at[at]:
                tally.skip("already in netrack")
                continue
            archived = self.archived_here.get(values[person]) if person else None
            if archived is not None:
                tally.skip_archived([archived], example=records[at])
                continue
            self.kept += notes
            new.append(values)
            tally.added += 1
            self.added.add(records[at])
        self.rows.add_rows(table, new)
        return tally


class Held:
    """Interactions netrack holds, by every field `_interaction_key` has but the
    campaign: where one of the file's lost a reference to a record skipped (its
    campaign, some of its people), the row it was exported from, if netrack has it."""

    def __init__(self) -> None:
        self._rows: dict[tuple[Any, ...], list[tuple[dict[str, Any], frozenset[int]]]] = {}

    def put(self, row: dict[str, Any], people: frozenset[int]) -> None:
        self._rows.setdefault(_but_campaign_key(row), []).append((row, people))

    def take(
        self,
        values: dict[str, Any],
        who: frozenset[Any],
        lost_campaign: bool,
        lost_people: bool,
        taken: set[int],
    ) -> dict[str, Any] | None:
        """The row with a campaign where the file's lost it (else the same one), and
        more people than those the file's kept where it lost some (else the same)."""
        for row, people in self._rows.get(_but_campaign_key(values), ()):
            if row["id"] in taken:
                continue
            if lost_campaign and row["campaign"] is None:
                continue
            if not lost_campaign and row["campaign"] != values["campaign"]:
                continue
            if people > who if lost_people else people == who:
                return row
        return None


def _but_campaign_key(row: dict[str, Any]) -> tuple[Any, ...]:
    key = _interaction_key(row)
    return key[:3] + key[4:]


def _interaction_key(row: dict[str, Any]) -> tuple[Any, ...]:
    """Every field of an interaction the user wrote but whether its follow-up is done
    (an import marks it done) and the day it was logged; its first five are the ones
    an interaction edited since an export keeps."""
    return (
        iso(row["on"]),
        row["kind"],
        row["minutes"],
        row["campaign"],
        row["note"],
        bool(row["meaningful"]),
        row["value_received"],
        row["value_given"],
        row["cost_cents"],
        iso(row["follow_up_on"]),
    )


def _same_goal(goal: dict[str, Any]) -> tuple[Any, ...]:
    """What two goals `goal add` calls the same share."""
    return tuple(goal[name] for name in SAME_GOAL_FIELDS)


def _but_campaign(row: dict[str, Any], fields: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(_norm(row[f]) for f in fields if f != "campaign")


def _norm(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value
