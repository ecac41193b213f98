"""Who a contact may not become (SPEC, Contact): the duplicate of another (name and
organization both equal, case- and accent-insensitively), or a name that reads as
another's `NAME (ORG)`: "Sam Lee (Acme)" is how Sam Lee of Acme is named, so a contact
called so (at any organization, or none) and Sam Lee of Acme would make each other
ambiguous wherever a name is read.

Every write of a contact's name or organization asks `Identities.refuse`: an add, an
edit, a merge, an organization renamed or merged into another, and each imported record
(checked against an index built once, so an import stays one dictionary look-up a row)."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from netrack.domain.errors import InputError
from netrack.domain.name_folding import fold
from netrack.domain.resolve import split_org

Key = tuple[str, str]  # (folded name, folded organization), as `resolve.identity` folds
_Entry = tuple[int, str, str, bool]  # an Owner's fields


class Owner(NamedTuple):
    """A contact as a refusal names it."""

    contact_id: int
    name: str
    organization: str
    archived: bool


def read_as(name: str) -> tuple[str, str] | None:
    """The name and organization a contact is also named by when its name ends in
    "(ORG)" ("Sam Lee (Acme)": Sam Lee at Acme); None for everyone else. Whatever the
    contact's own organization: the resolver reads "Sam Lee (Beta)" as Sam Lee at Beta
    and offers the Sam Lee (Beta) of Acme beside them, so the two are as ambiguous."""
    if not name.rstrip().endswith(")"):
        return None
    return split_org(name)


def duplicate_error(name: str, organization: str, archived: bool) -> InputError:
    """The refusal of a contact that would duplicate `name` at `organization`, in words
    that fit an add, an edit and an import's skipped row alike."""
    where = f"at {organization}" if organization else "without an organization"
    if archived:
        return InputError(f"{name} {where} is already a contact, archived: unarchive them instead")
    return InputError(f"{name} {where} is already a contact: same name and organization")


def clash_error(name: str, organization: str, other: Owner, remedy: str) -> InputError:
    """The refusal of `name` at `organization` when it and `other` would be named by the
    same words, in words that fit an add, an edit and an import's skipped row alike."""
    shown = f"{name} ({organization})" if organization.strip() else name
    where = f" at {other.organization}" if other.organization else ", without an organization,"
    return InputError(
        f"{shown} would name two contacts: {other.name}{where} is named so already; {remedy}"
    )


class Identities:
    """The contacts a new name is checked against: by identity, and, for those whose
    name reads `NAME (ORG)`, by the identity they read as.

    `fold_name`: how names are folded (`name_folding.fold`, or a caller's remembered answers,
    as an import keeps them); organizations are folded with `name_folding.fold`."""

    def __init__(self, fold_name: Callable[[str], str] = fold) -> None:
        self._fold = fold_name
        # Plain tuples, not lists nor Owners: the collector stops walking a plain tuple of
        # plain values, and an import holds one a contact (lists and NamedTuples made
        # 30,000 connections import 25% slower, the collector walking them again and again).
        self._owners: dict[Key, tuple[_Entry, ...]] = {}
        self._readers: dict[Key, tuple[_Entry, ...]] = {}

    def key(self, name: str, organization: str = "") -> Key:
        return self._fold(name), fold(organization)

    def add(self, owner: Owner, key: Key | None = None) -> None:
        """Count `owner` in; `key`: its identity when the caller has folded it already."""
        self.count_in(*owner, key=key)

    def count_in(
        self, contact_id: int, name: str, organization: str, archived: bool, key: Key | None = None
    ) -> None:
        """`add` of the contact these fields describe, with no Owner made (an import)."""
        found = self.key(name, organization) if key is None else key
        entry = (contact_id, name, organization, archived)
        self._owners[found] = (*self._owners.get(found, ()), entry)
        if name.rstrip().endswith(")"):  # read_as's first test, without a call
            reads = read_as(name)
            if reads is not None:
                read = self.key(*reads)
                self._readers[read] = (*self._readers.get(read, ()), entry)

    def refuse(
        self,
        name: str,
        organization: str,
        *except_ids: int,
        key: Key | None = None,
        remedy: str = "choose another name",
    ) -> None:
        """Raise InputError if a contact counted in (but `except_ids`) is the duplicate
        of `name` at `organization`, or would be named by the same words; `key`: its
        identity, when the caller has folded it already."""
        found = self.taken_by(name, organization, *except_ids, key=key)
        if found is None:
            return
        other, duplicate = found
        if duplicate:
            raise duplicate_error(other.name, other.organization, other.archived)
        raise clash_error(name, organization, other, remedy)

    def taken_by(
        self, name: str, organization: str, *except_ids: int, key: Key | None = None
    ) -> tuple[Owner, bool] | None:
        """The contact counted in (but `except_ids`) that `refuse` names, and whether
        it is the duplicate (else: named by the same words); None when there is none.
        For a caller that goes on without the name (an import keeps a contact without
        the organization it would take)."""
        wanted = self.key(name, organization) if key is None else key
        # Look-ups first, each owner list walked only when one exists: an import of
        # 30,000 connections asks this once a row, nearly always of nobody.
        owners = self._owners.get(wanted)
        if owners is not None:
            duplicate = self._other(owners, except_ids)
            if duplicate is not None:
                return duplicate, True
        # Named as I am by their "NAME (ORG)", or my "NAME (ORG)" is their identity.
        readers = self._readers.get(wanted)
        other = self._other(readers, except_ids) if readers is not None else None
        if other is None:
            reads = read_as(name)
            if reads is not None:
                other = self._other(self._owners.get(self.key(*reads)), except_ids)
        return None if other is None else (other, False)

    @staticmethod
    def _other(owners: tuple[_Entry, ...] | None, except_ids: tuple[int, ...]) -> Owner | None:
        found = next((o for o in owners or () if o[0] not in except_ids), None)
        return None if found is None else Owner(*found)
