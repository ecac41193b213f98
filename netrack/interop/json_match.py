"""How `import json` finds the row netrack holds for one of the file's interactions,
referrals and time entries: by its `uid` first (schema 12), which an edit never
changes; for a file without uids (an export older than schema 12), by its content, as
before (`interaction_key`, `Held`)."""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from netrack.interop.json_fields import Item, RecordError
from netrack.interop.json_io import iso

T = TypeVar("T")


class Uids(Generic[T]):
    """The rows of one table netrack holds, by uid, and the uids the file's records
    claimed: a claimed row is that record's whatever its values, and no other record of
    the file is matched to it by content."""

    def __init__(self, held: dict[str, T]) -> None:
        self._held = held
        self._first: dict[str, str] = {}  # uid → the record of the file that has it
        self.claimed: set[str] = set()  # uids of rows a record of the file is
        self._foreign: set[str] = set()  # records with a uid netrack does not keep
        self._renewed = 0  # of those, added with a new uid

    def claim(self, item: Item, uid: str | None) -> T | None:
        """The row netrack holds under `item`'s uid (None: no such row, or no uid). A
        uid an earlier record of the file has is refused: a record copied by hand in
        the file keeps its uid, and two records are never one row, nor overwrite it."""
        record = item.record
        if item.foreign_uid():  # found by its content, like a record without one
            self._foreign.add(record)
        if uid is None:
            return None
        first = self._first.setdefault(uid, record)
        if first != record:
            raise RecordError(
                f"{record}.uid", f"{uid} is {first}'s too: each record has its own uid"
            )
        found = self._held.get(uid)
        if found is not None:
            self.claimed.add(uid)
        return found

    def added(self, record: str) -> None:
        """`record` is added (with its uid, else a new one)."""
        if record in self._foreign:
            self._renewed += 1

    def remarks(self) -> list[str]:
        """What the summary says of the uids given in place of the file's."""
        if not self._renewed:
            return []
        return [f"given a new uid in place of one netrack does not keep: {self._renewed}"]


class OwnUids:
    """The uids of one section's records so far (schema 13: organizations, contacts,
    campaigns): a record copied by hand in the file keeps its uid, and two records are
    never one row; the second is refused, as `Uids.claim` refuses it."""

    def __init__(self) -> None:
        self._first: dict[str, str] = {}

    def check(self, item: Item, uid: str | None) -> None:
        if uid is None:
            return
        first = self._first.setdefault(uid, item.record)
        if first != item.record:
            raise RecordError(
                f"{item.record}.uid", f"{uid} is {first}'s too: each record has its own uid"
            )


class Held:
    """Interactions netrack holds, by every field `interaction_key` has but the
    campaign: where one of the file's lost a reference to a record skipped (its
    campaign, some of its people), the row it was exported from, if netrack has it."""

    def __init__(self) -> None:
        self._rows: dict[tuple[Any, ...], list[tuple[dict[str, Any], frozenset[int]]]] = {}

    def put(self, row: dict[str, Any], people: frozenset[int]) -> None:
        self._rows.setdefault(but_campaign_key(row), []).append((row, people))

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
        for row, people in self._rows.get(but_campaign_key(values), ()):
            if row["id"] in taken:
                continue
            if lost_campaign and row["campaign"] is None:
                continue
            if not lost_campaign and row["campaign"] != values["campaign"]:
                continue
            if people > who if lost_people else people == who:
                return row
        return None


def same_interaction(
    row: dict[str, Any],
    people: frozenset[int],
    values: dict[str, Any],
    who: frozenset[Any],
    lost: tuple[bool, bool],
) -> bool:
    """Whether the row netrack holds under a record's uid has the record's values: its
    campaign and people as far as the file kept them (`lost`: whether it lost its
    campaign, some of its people, to records skipped)."""
    lost_campaign, lost_people = lost
    key = but_campaign_key if lost_campaign else interaction_key
    same_people = who <= people if lost_people else who == people
    return key(row) == key(values) and same_people


def but_campaign_key(row: dict[str, Any]) -> tuple[Any, ...]:
    key = interaction_key(row)
    return key[:3] + key[4:]


def interaction_key(row: dict[str, Any]) -> tuple[Any, ...]:
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
