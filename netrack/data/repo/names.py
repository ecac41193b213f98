"""Who a typed name means, and who may not be added twice: contacts' names for
resolution (SPEC's tiers, `NAME (ORG)`), for lists of candidates, and the duplicate rule."""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Sequence
from collections.abc import Set as AbstractSet
from contextlib import suppress
from typing import TYPE_CHECKING

from peewee import JOIN, fn

from netrack.data import name_keys
from netrack.data import tables as t
from netrack.data.repo.base import Service, tuples
from netrack.data.repo.org_names import org_key, org_named_by_id
from netrack.data.store import Store
from netrack.domain import validate
from netrack.domain.errors import InputError, Outmatched, ResolveError
from netrack.domain.identities import Identities, Owner
from netrack.domain.name_folding import (
    KEPT_FOLD_MAX,
    dashes_as_spaces,
    fold,
    words_of_every_match,
)
from netrack.domain.resolve import (
    BY_ID,
    Item,
    id_number,
    label,
    listed,
    name_order,
    resolve,
)
from netrack.domain.resolve_rivals import rivals

if TYPE_CHECKING:  # what is logged: not made before the first screen (see `entries`)
    from netrack.domain.entries import FollowUp


# The most folded names a read of contacts is narrowed to at once (an IN list's
# parameters, below every engine's limit): more, and every contact is read.
_KEYS_AT_ONCE = 900


class ContactNames(Service):
    """The naming half of `repo.contacts` (which extends it)."""

    def __init__(self, store: Store) -> None:
        super().__init__(store)
        # Names folded for resolving and for the duplicate check, remembered for this
        # repository's life: the quick-log bar resolves against every contact on each key
        # (bench/run.py's quick-log figure), and folding 5,000 accented names takes tens of
        # milliseconds. Bounded, for long sessions; the domain itself keeps no cache.
        # Room for a 50,000-contact history whole, with the labels and organizations an
        # ambiguity lists. An LRU cycled through more keys than it holds keeps none: at
        # 32,768 each key of `@hadda` folded ~20,000 names again (0.10 s a key; 0.02 s
        # with them all remembered). Each name is decomposed once: the form with dashes
        # as spaces (`@sam-lee`, typed bare) is read from the one with dashes kept, which
        # the namesake question asks for (`dashes_as_spaces`), where every log folded
        # each name beyond ASCII twice; both forms are remembered as well, so that a
        # name asked for again is one lookup.
        self._folded = folded = functools.lru_cache(maxsize=262_144)(fold)

        def fold_either(text: str, dashes_are_spaces: bool) -> str:
            return dashes_as_spaces(folded(text)) if dashes_are_spaces else folded(text)

        self.fold = functools.lru_cache(maxsize=262_144)(fold_either)

    def names(self, include_archived: bool = True) -> list[tuple[int, str]]:
        query = t.Contact.select(t.Contact.id, t.Contact.name).order_by(t.Contact.id)
        if not include_archived:
            query = query.where(t.Contact.archived == False)  # noqa: E712
        return [(int(cid), str(name)) for cid, name in tuples(query)]

    def named(
        self,
        archived: bool = False,
        only: Iterable[int] | None = None,
        holding: Sequence[Sequence[str]] | None = None,
        folded: Collection[str] | None = None,
    ) -> list[tuple[int, str, str]]:
        """(id, name, organization) of the active contacts (`archived`: of the archived
        ones), as name resolution takes them: `NAME (ORG)` narrows to an organization.
        `only`: of these contacts alone. `holding`: only those whose folded name (the
        key kept with it, schema 19) holds every word of one of these groups, and those
        without a key: each match of a name `words_of_every_match` gave the words of.
        `folded`: only those whose key is one of these, and those without a key."""
        query = (
            t.Contact.select(t.Contact.id, t.Contact.name, fn.COALESCE(t.Organization.name, ""))
            .join(t.Organization, JOIN.LEFT_OUTER, on=(t.Contact.organization == t.Organization.id))
            .where(t.Contact.archived == archived)
            .order_by(t.Contact.id)
        )
        if only is not None:
            query = query.where(t.Contact.id.in_(list(only)))
        if holding is not None:
            query = query.where(name_keys.holding(holding))
        if folded is not None:
            query = query.where(name_keys.among(folded))
        # The rows as the driver gives them (int, text, text): converting each value again
        # cost as much as reading them, on every `netrack log` of a 50,000-name history.
        return list(tuples(query))

    def shares_a_name(self, ids: Iterable[int]) -> bool:
        """Whether one of these contacts has a namesake, archived or not, as names compare
        everywhere (`fold`: case, accents and how they are encoded aside): then a
        confirmation names them "Name (Org)" (`told_apart`). `netrack log` asks it each
        time, so where `told_apart` reads every name this reads only those that may fold
        alike: the ones whose key (their folded name, kept with it: schema 19) is one of
        these contacts' folded names, and those without a key, folded as read."""
        ids = list(ids)
        if not ids:
            return False
        owners: dict[str, set[int]] = {}  # folded name → which of these contacts have it
        mine = t.Contact.select(t.Contact.id, t.Contact.name).where(t.Contact.id.in_(ids))
        for cid, name in tuples(mine):
            owners.setdefault(self.fold(name, False), set()).add(cid)
        kept = [folded for folded in owners if len(folded) <= KEPT_FOLD_MAX]
        alike = t.Contact.select(t.Contact.id, t.Contact.name).where(name_keys.among(kept))
        for other, name in tuples(alike):
            found = owners.get(self.fold(name, False))
            if found and found != {other}:
                return True
        return False

    def labels(
        self, shared_only: bool = False, people: list[tuple[int, str, str]] | None = None
    ) -> list[tuple[int, str]]:
        """(id, "Name (Org)") of the active contacts, as lists of candidates show them;
        `shared_only`: the organization only where another of them has the same name (a
        completed name then resolves to that one person and stays short otherwise; one
        without an organization is "Name ()").
        `people`: the active contacts as `named()` gives them, when the caller has read
        them already."""
        if people is None:
            people = self.named()
        if not shared_only:
            return [(cid, label(name, org)) for cid, name, org in people]
        seen: dict[str, int] = {}
        for _, name, _ in people:
            key = self.fold(name, False)
            seen[key] = seen.get(key, 0) + 1
        # A namesake without an organization is "Name ()", as candidate lists name it:
        # its bare name is the one shared, and "()" resolves to it alone.
        return [
            (
                cid,
                (label(name, org) if org else f"{name} ()")
                if seen[self.fold(name, False)] > 1
                else name,
            )
            for cid, name, org in people
        ]

    def introduced(self, contact_id: int) -> list[tuple[int, str]]:
        """(id, name) of the contacts this one introduced, archived ones too (each is
        history that keeps the contact from being deleted: `contact_history`), by name."""
        query = t.Contact.select(t.Contact.id, t.Contact.name).where(
            t.Contact.introduced_by == contact_id
        )
        people = [(int(cid), str(name)) for cid, name in tuples(query)]
        return sorted(people, key=lambda person: (*name_order(person[1]), person[0]))

    def told_apart_among(
        self,
        ids: Iterable[int],
        follow_ups: Iterable[FollowUp] = (),
        known: AbstractSet[int] | None = None,
    ) -> dict[int, str]:
        """`told_apart()` when one of these people (or of the follow-ups' people) has a
        namesake, archived or not, else nothing: what a confirmation names them by
        ("logged call with Sam Lee (Acme)"), the same words from the CLI and the TUI.
        Every name is read only then. `known`: those of `ids` who have one, found by the
        write (`Logged.namesakes`): the question is asked of the follow-ups' others
        alone, where a long history's every name beyond ASCII was read again for it."""
        ids = set(ids)
        others = {i for follow_up in follow_ups for i in follow_up.contact_ids} - ids
        if known is None:
            shared = self.shares_a_name(ids | others)
        else:
            shared = bool(known) or (bool(others) and self.shares_a_name(others))
        return self.told_apart() if shared else {}

    def told(self, contact_id: int, name: str) -> str:
        """How a question, a toast or a refusal names one contact: `name`, or "Name
        (Org)" while another contact, archived or not, shares it ("Archive Sam Lee?"
        said nothing of which)."""
        return self.told_apart_among([contact_id]).get(contact_id, name)

    def told_apart(self) -> dict[int, str]:
        """id → "Name (Org)" of every contact, archived or not, who shares a name with
        another, archived or not: the rows of history show archived people too (their
        history is kept), and an archived namesake left two "Sam Lee" rows no one could
        tell apart. Only those who share a name are keys.

        Read through the folded names kept with the names (schema 19): the keys another
        contact has too, counted in the index, and the names without a key, folded as
        read; only the contacts those name are read, where every contact was (~0.2 s
        of every list and `contact show` on a ten-times history)."""
        shared = name_keys.shared(lambda name: self.fold(name, False))
        if shared is not None and not shared:
            return {}
        # A few keys (an IN list of each): read by them; many, every contact.
        wanted = shared if shared is not None and len(shared) <= _KEYS_AT_ONCE else None
        everyone = self.named(folded=wanted) + self.named(archived=True, folded=wanted)
        return {
            cid: shown
            for (cid, shown), (_, name, _) in zip(
                self.labels(shared_only=True, people=everyone), everyone, strict=True
            )
            if shown != name
        }

    def resolve(
        self, query: str, bare: bool = True, archived: bool = False, reading: bool = False
    ) -> int:
        """The one contact `query` names (SPEC's three tiers, `NAME (ORG)` narrowing to an
        organization); ResolveError listing the candidates with their organization.

        `bare` (every NAME the user types): `-` and `_` may stand for spaces, the text as
        typed tried too. Archived contacts have left name resolution: `archived=True`
        looks among them only (to bring one back). Either way a name that fits a contact
        on the other side better is refused (`refuse_outmatched`). `reading` (a
        command that writes nothing): an archived contact named by the exact `id:N` the
        archived list shows is taken too, since their history is kept to be read; names
        still leave them out."""
        if reading and not archived:
            kept = self._archived_by_id(query)
            if kept is not None:
                return kept[0]
        what = "archived contact" if archived else "contact"
        words = words_of_every_match(query)
        if words is not None:
            # Only the names that can match, on both sides (`words_of_every_match`): the
            # one found is the one every name gives. A refusal is worked out against
            # them all below, its candidates and near names as ever.
            people = self.named(archived, holding=[words])
            with suppress(ResolveError):
                others = self.named(not archived, holding=[words])
                self.refuse_outmatched(query, bare, people, archived, others)
                return resolve(query, people, what, dashes_are_spaces=bare, fold=self.fold)
        people = self.named(archived)
        self.refuse_outmatched(query, bare, people, archived)
        try:
            return resolve(query, people, what, dashes_are_spaces=bare, fold=self.fold)
        except ResolveError as error:
            raise error if archived else self.hinted(error, query) from None

    def refuse_outmatched(
        self,
        query: str,
        bare: bool,
        people: Sequence[Item[int]],
        archived: bool = False,
        others: Sequence[Item[int]] | None = None,
    ) -> None:
        """Raise Outmatched when `query` fits an archived contact better than any
        of `people` (the active ones, as `named()` gives them): archived contacts left
        name resolution, and the weaker match they leave must not be taken in their
        place ("ana" deleted Hiroshi Tanaka once Ana López was archived). `archived`:
        `people` are the archived ones and the active are the rivals (`unarchive`).
        `others`: those rivals, when the caller holds them (the quick-log bar)."""
        if others is None:
            others = self.named(not archived)
        theirs, ours = rivals(query, people, others, bare, self.fold)
        if not theirs:
            return
        # One without an organization beside a namesake, archived or not, is "Name ()",
        # as candidate lists name them: "Sam Lee is already archived" left which unsaid.
        alone = {self.fold(item[1], False) for item in (*theirs, *ours) if not _org(item)}
        folded = (self.fold(item[1], False) for item in (*people, *others)) if alone else ()
        shared = Counter(name for name in folded if name in alone)

        def labelled(item: Item[int]) -> str:
            if not _org(item) and shared[self.fold(item[1], False)] > 1:
                return f"{item[1]} ()"
            return label(item[1], _org(item))

        outside = tuple((item[0], labelled(item)) for item in theirs)
        names = listed([name for _, name in outside])
        verb = "is" if len(outside) == 1 else "are"
        what = "archived contact" if archived else "contact"
        if archived:
            side, why = "a contact not archived", f"{names} {verb} not archived"
        else:
            side = "an archived contact"
            why = f"{names} {verb} archived; unarchive them to name them again"
        shown = tuple(labelled(item) for item in ours)
        if not shown:
            raise Outmatched(f"no {what} matches {query!r} ({why})", (), outside)
        raise Outmatched(
            f"{what} {query!r} best matches {side} ({why}); other matches: {listed(shown)}",
            shown,
            outside,
        )

    def hinted(self, error: ResolveError, query: str) -> ResolveError:
        """`error` (no contact with the id `query` gives), saying so when that contact is
        archived: they left name resolution on purpose, and `contact unarchive` brings
        them back. Names an archived contact fits are refused before (`refuse_outmatched`)."""
        kept = None if error.candidates else self._archived_by_id(query)
        if kept is None:
            return error
        cid, name = kept  # "no contact with id 21" said of a contact that exists
        # "Sam Lee (Acme)" beside another Sam Lee: "(Sam Lee)" left which one unsaid.
        return ResolveError(
            f"contact {cid}, {self.told(cid, name)}, is archived; unarchive them to name them again"
        )

    @staticmethod
    def _archived_by_id(query: str) -> tuple[int, str] | None:
        """(id, name) of the archived contact `query` names as `id:N`, if it is one."""
        by_id = BY_ID.match(query)
        number = None if by_id is None else id_number(by_id["id"])
        if number is None:
            return None
        row = (
            t.Contact.select(t.Contact.id, t.Contact.name)
            .where((t.Contact.id == number) & (t.Contact.archived == True))  # noqa: E712
            .tuples()
            .first()
        )
        return (int(row[0]), str(row[1])) if row else None

    def refuse_duplicate(self, name: str, organization: str, *except_ids: int) -> None:
        """Raise if another contact has this name and organization, or would be named by
        the same words (SPEC, Contact; `Identities`); inside the caller's write, so no
        other writer adds one meanwhile."""
        identities(lambda text: self.fold(text, False)).refuse(name, organization, *except_ids)

    def _org_name(self, organization: str | None) -> str:
        """The organization's name as stored: an existing one's spelling, else as typed."""
        if organization is None or not organization.strip():
            return ""
        by_id = org_named_by_id(organization)
        if by_id is not None:
            return str(by_id.name)
        clean = validate.name(organization, "organization name")
        found = t.Organization.get_or_none(t.Organization.name_key == org_key(clean))
        return str(found.name) if found else clean

    @staticmethod
    def _org_of(row: t.Contact) -> str:
        return str(row.organization.name) if row.organization is not None else ""


def _org(item: Item[int]) -> str:
    """The organization of a contact as resolution holds it ("" for none)."""
    return item[2] if len(item) > 2 else ""  # type: ignore[misc]


def identities(
    fold_name: Callable[[str], str] = fold, leaving_out: int | None = None
) -> Identities:
    """Every contact, archived or not (but the people of the organization `leaving_out`),
    for checking a name against; `fold_name` as `Identities` takes it."""
    query = (
        t.Contact.select(t.Contact.id, t.Contact.name, t.Organization.name, t.Contact.archived)
        .join(t.Organization, JOIN.LEFT_OUTER, on=(t.Contact.organization == t.Organization.id))
        .order_by(t.Contact.id)
    )
    if leaving_out is not None:
        query = query.where(
            t.Contact.organization.is_null() | (t.Contact.organization != leaving_out)
        )
    found = Identities(fold_name)
    for cid, name, org, archived in tuples(query):
        found.add(Owner(cid, name, org or "", bool(archived)))
    return found


def refuse_clashes_at(org_id: int, org_name: str, refused: str) -> None:
    """Refuse (`refused`: the words before the reason) to have the people of `org_id` at
    an organization named `org_name` (it renamed, or they moved into it) when one of them
    would then be named as another contact is: "Sam Lee (Acme)" without an organization
    is how Sam Lee of Acme is named. Inside the caller's write."""
    others = identities(leaving_out=org_id)
    people = t.Contact.select(t.Contact.id, t.Contact.name, t.Contact.archived).where(
        t.Contact.organization == org_id
    )
    for cid, name, archived in tuples(people.order_by(t.Contact.id)):
        try:
            others.refuse(name, org_name, remedy="rename one of them first")
        except InputError as error:
            raise InputError(f"{refused}: {error}") from None
        others.add(Owner(cid, name, org_name, bool(archived)))
