"""`netrack import json`: a netrack export back in, as one transaction.

Into an empty database (no data, the default goals untouched) the file is reproduced
exactly, goals and settings included, so the next export is byte-for-byte the same.
Into a database with data it merges: organizations, contacts and campaigns first on
their uid (schema 13: one renamed or re-titled on either copy since is still found,
netrack's name kept), then contacts as in every import (see `store`; each existing
contact at most once), campaigns on organization + title + opened_on, everything else
on its full content; interactions, referrals and time entries first on
their uid (schema 12: an older export of one edited since finds it), those of a file
without uids on their full content; blanks are filled, nothing the user edited is
overwritten, nothing is duplicated when run twice. A new interaction, referral or
campaign link with a contact archived here (and not in the file) is left out and the
contact named, as `netrack log`, `referral add` and `campaign link` refuse to name them.

Every record is read and checked completely before anything of it is written. A record
the CLI would refuse (a strength of 9, a follow-up before its interaction, a date after
today, a stage change before the campaign opened …) is skipped and listed under the
summary by its JSON path. A record that refers to one skipped, or to a position no
record of the file has, keeps itself without that reference where it stands without it
(a campaign's link to a person, an entry's campaign, an introduction), else is skipped
too (a referral's person, an interaction with no person left, a calendar event's
interaction). A date up to two days after today is a file from a time zone
ahead: kept, and said once (`json_fields.Horizon`). Rows are
inserted first and linked after, so "introduced by" may point forwards in the file or
in a circle. Organizations, contacts and campaigns, which the rest refer to by position,
are merged in `json_merge_contacts`; settings and goals, which refer to nothing, in
`json_merge_goals`.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from netrack.data.bulk_orgs import Pool
from netrack.data.merge_rows import MergeRows
from netrack.data.repo import Repo
from netrack.domain.records import DIFFERING, ImportSummary, Tally
from netrack.interop.json_fields import Bookkeeping, Item, RecordError, load
from netrack.interop.json_imported_events import merge_imported_events
from netrack.interop.json_io import iso
from netrack.interop.json_match import Held, Uids, interaction_key, same_interaction
from netrack.interop.json_merge_contacts import ContactsMerge
from netrack.interop.json_merge_goals import merge_goals, merge_settings
from netrack.interop.json_merged_identities import landed_by_uid, merge_merged_identities
from netrack.interop.json_records import (
    read_interaction,
    read_referral,
    read_time_entry,
)

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
        tallies["merged identities"] = merge.merged_identities()
    warnings = (
        merge.horizon.warning(merge.added),
        merge.books.warning(merge.added),
        merge.names.warning(merge.added),
        merge.urls.warning(merge.added),
    )
    return ImportSummary(
        path,
        tallies,
        records=[str(error) for error in merge.problems],
        tail=merge.report(),
        notices=[warning for warning in warnings if warning],
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
        self.books = Bookkeeping()  # logged_on days that could not be read: left out

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
        return merge_settings(self.path, self.document, self.rows, self._refuse)

    def goals(self) -> Tally:
        goals = self._section("goals")
        return merge_goals(goals, self.document, self.today, self.rows, self.pristine, self._refuse)

    def interactions(self) -> Tally:
        """Each of the file's interactions is the row netrack holds under its uid, however
        either was edited since the export (`_matched`). One without a uid netrack knows
        (an export older than schema 12) is one already in netrack when every field the
        user wrote is the same; else, when the day, kind, minutes, campaign, note and
        people are (an old export of one edited since), it stays as netrack has it; else
        it is added, with the file's uid. Exact twins are paired first: matched on the
        first fields alone, a $5 email took the place of the intro emailed that day, and
        the intro was added a second time."""
        tally = Tally()
        rows = self.rows.interactions()
        uids = Uids({r["uid"]: (r, people) for r, people in rows if r["uid"]})
        read: list[tuple[dict[str, Any], list[int]]] = []
        positions: list[int] = []  # of each of `read` in the file, as `imported_events` refer
        records: list[str] = []  # each of `read`'s path ("interactions[4]")
        # each of `read`'s notes for the summary, and whether it lost its campaign, people
        lost: list[tuple[list[str], bool, bool]] = []
        claimed: dict[int, tuple[dict[str, Any], frozenset[int]]] = {}  # index in `read` →
        for position, item in enumerate(self._section("interactions"), 1):
            notes: list[str] = []
            try:
                values = read_interaction(
                    item, self.horizon, notes, self.books
                )  # a done day left out
                # Skipped, or not in the file: either way it landed nowhere
                campaign = values["campaign"]
                lost_campaign = campaign is not None and campaign not in self.campaign_ids
                lost_people = any(ref not in self.contact_ids for ref in values["who"])
                values["who"] = self._people(item, values["who"], notes)
                values["campaign"] = self._campaign_if_kept(item, values["campaign"], notes)
                mine = uids.claim(item, values["uid"])
            except RecordError as error:
                self._refuse(tally, error)
                self.skipped_interactions.add(position)
                continue
            if mine is not None:
                claimed[len(read)] = mine
            read.append((values, values.pop("who")))
            positions.append(position)
            records.append(item.record)
            lost.append((notes, lost_campaign, lost_people))
        exact, alike = Pool(), Pool()
        held = Held()
        for r, people in rows:
            if r["uid"] not in uids.claimed:  # a record of the file is that one
                exact.put((*interaction_key(r), people), r)
                alike.put((*interaction_key(r)[:5], people), r)
                held.put(r, people)
        taken: set[int] = {r["id"] for r, _ in claimed.values()}
        twins: dict[int, Any] = {}  # index in `read` → its row
        for n, (values, who) in enumerate(read):
            if n in claimed:
                continue
            found, row = exact.take((*interaction_key(values), frozenset(who)))
            if found:
                twins[n] = row
                taken.add(row["id"])
        new: list[tuple[dict[str, Any], list[int]]] = []  # written at once, in file order
        added: list[int] = []  # their positions
        for n, (values, who) in enumerate(read):
            notes, lost_campaign, lost_people = lost[n]
            if n in claimed:
                row, people = claimed[n]
                same = same_interaction(
                    row, people, values, frozenset(who), (lost_campaign, lost_people)
                )
                self._matched(tally, positions[n], row, values, records[n] if not same else "")
                continue
            row = twins.get(n)
            while row is None:
                found, row = alike.take((*interaction_key(values)[:5], frozenset(who)))
                if not found:
                    break
                if row["id"] in taken:
                    row = None  # an exact twin of another of the file's
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
                new.append((_with_uid(values), who))
                uids.added(records[n])
                added.append(positions[n])
                self.added.add(records[n])
                tally.added += 1
                continue
            taken.add(row["id"])
            self._matched(tally, positions[n], row, values)
        ids = self.rows.add_interactions(new)
        self.interaction_ids.update(zip(added, ids, strict=True))
        tally.remarks += uids.remarks()
        return tally

    def _matched(
        self,
        tally: Tally,
        position: int,
        row: dict[str, Any],
        values: dict[str, Any],
        differing: str = "",
    ) -> None:
        """The file's interaction at `position` is netrack's `row`: its follow-up marked
        done when the file's is (the same follow-up, not done here yet), else skipped as
        already there, or, `differing` naming it, as there with other values (netrack's
        kept: an import never overwrites)."""
        self.interaction_ids[position] = row["id"]
        due, done = values["follow_up_on"], values["follow_up_done_on"]
        if done and due and iso(row["follow_up_on"]) == iso(due) and not row["follow_up_done_on"]:
            self.rows.close_follow_up(row["id"], done)
            tally.updated += 1
        elif differing:
            tally.skip(DIFFERING, example=differing)
        else:
            tally.skip("already in netrack")

    def _people(self, item: Item, refs: list[int], notes: list[str]) -> list[int | None]:
        """An interaction's contacts, less those that landed nowhere; refused when none
        is left, as an interaction needs one."""
        kept = [ref for ref in refs if not self._without_contact(item, ref, "contact", notes)]
        if not kept:  # said of the first, as a referral's one person is
            raise self._landed_nowhere(item, "contacts", refs[0], self.skipped_contacts)
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

    def merged_identities(self) -> Tally:
        """Who the file's merged-away contacts were (schema 15), each with the contact
        its uid landed on."""
        landed = landed_by_uid(self._section("contacts"), self.contact_ids)
        return merge_merged_identities(
            self._section("merged_identities"), landed, self.pristine, self._refuse
        )

    def referrals(self) -> Tally:
        def read(item: Item, notes: list[str]) -> dict[str, Any]:
            values = read_referral(item, self.horizon, self.books)
            values["contact"] = self._contact(item, "contact", values["contact"])
            values["campaign"] = self._campaign_if_kept(item, values["campaign"], notes)
            return values

        return self._plain("referral", "referrals", read, person="contact")

    def time_entries(self) -> Tally:
        def read(item: Item, notes: list[str]) -> dict[str, Any]:
            values = read_time_entry(item, self.horizon, self.books)
            values["campaign"] = self._campaign_if_kept(item, values["campaign"], notes)
            return values

        return self._plain("time_entry", "time_entries", read)

    def _plain(self, table: str, key: str, read: Any, person: str | None = None) -> Tally:
        """Rows that are the same when they have the same uid (whatever their values:
        `DIFFERING` when those differ), or, for a file without uids, when every field is
        the same: add the missing ones. One that lost its campaign (skipped) is the same
        as a row with a campaign and every other field the same: re-importing a file
        whose campaign is now refused adds nothing. `person`: the field naming a contact;
        a new row naming one archived here is skipped, as `referral add` refuses to name
        them."""
        tally = Tally()
        section = self._section(key)
        rows = self.rows.rows(table) if section else []
        uids = Uids({row["uid"]: row for row in rows if row["uid"]})
        read_ones: list[tuple[dict[str, Any], list[str]]] = []
        records: list[str] = []  # each of `read_ones`' path ("referrals[2]")
        claimed: dict[int, dict[str, Any]] = {}  # index in `read_ones` → the row of its uid
        for item in section:
            notes: list[str] = []  # a note is the campaign dropped: the only reference kept
            try:
                values = read(item, notes)
                mine = uids.claim(item, values["uid"])
            except RecordError as error:
                self._refuse(tally, error)
                continue
            if mine is not None:
                claimed[len(read_ones)] = mine
            read_ones.append((values, notes))
            records.append(item.record)
        have, held = Pool(), Pool()  # rows by every field; those with a campaign, but it
        # Compared by what the user wrote: the day it was typed in is no part of it (as
        # `interaction_key` leaves it out), so an older file without it still matches.
        fields = [f for f in read_ones[0][0] if f not in ("uid", "logged_on")] if read_ones else []
        for row in rows:
            if row["uid"] not in uids.claimed:  # a record of the file is that one
                have.put(tuple(_norm(row[f]) for f in fields), row)
                if row["campaign"] is not None:
                    held.put(_but_campaign(row, fields), row)
        taken = {row["id"] for row in claimed.values()}
        # Whole records first: a row is the exact twin's before one that lost its campaign
        # may take it (else that one took it, and the twin, matched again, was lost).
        found_at: dict[int, bool] = {}
        for whole_first in (True, False):
            for at, (values, notes) in enumerate(read_ones):
                if bool(notes) == whole_first or at in claimed:
                    continue
                found, row = have.take(tuple(_norm(values[f]) for f in fields))
                while not found and notes:
                    found, row = held.take(_but_campaign(values, fields))
                    if not found:
                        break
                    found = row["id"] not in taken  # taken by a twin of the file's already
                if found:
                    taken.add(row["id"])
                found_at[at] = found
        new: list[dict[str, Any]] = []  # written at once, in file order
        for at, (values, notes) in enumerate(read_ones):
            if at in claimed:
                # As far as the file kept it: a campaign skipped is no difference.
                compared = [f for f in fields if not (notes and f == "campaign")]
                row = claimed[at]
                if all(_norm(row[f]) == _norm(values[f]) for f in compared):
                    tally.skip("already in netrack")
                else:
                    tally.skip(DIFFERING, example=records[at])
                continue
            if found_at[at]:
                tally.skip("already in netrack")
                continue
            archived = self.archived_here.get(values[person]) if person else None
            if archived is not None:
                tally.skip_archived([archived], example=records[at])
                continue
            self.kept += notes
            new.append(_with_uid(values))
            uids.added(records[at])
            tally.added += 1
            self.added.add(records[at])
        self.rows.add_rows(table, new)
        tally.remarks += uids.remarks()
        return tally


def _with_uid(values: dict[str, Any]) -> dict[str, Any]:
    """A new row's values: the file's uid kept (so an export of what an import made is
    the file again), none when the file has none or one netrack does not keep, the row
    then getting a new one."""
    if values["uid"] is None:
        del values["uid"]
    return values


def _but_campaign(row: dict[str, Any], fields: list[str]) -> tuple[Any, ...]:
    return tuple(_norm(row[f]) for f in fields if f != "campaign")


def _norm(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value
