"""The first contacts in name order, read without reading them all: the Contacts
screen's first screenful while the rest of a career's history is read (issue 18: ~2 s
of "loading…" on 50,000 contacts, ~5 ms this way).

Names compare as `name_order` has them (folded: "Ángel" among the As, then by id, as
`Contacts.all` sorts). A plain-ASCII name folds to its lower case (names are stored with
their spaces collapsed, `validate.name`), so the first `limit` of them by `LOWER(name)`
come in order through schema 18's index; a name beyond ASCII may sort anywhere, so all
of those are read (two columns, through the partial index) and folded here. The first
`limit` of the two together are the first `limit` of every contact.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from peewee import fn

from netrack.data import tables as t
from netrack.data.engines import beyond_ascii
from netrack.data.repo.base import tuples
from netrack.domain.resolve import name_order

if TYPE_CHECKING:
    from netrack.data.repo.contacts import Contacts
    from netrack.domain.people import Contact


def first_ids(limit: int, include_archived: bool = False) -> list[int]:
    """The ids of the first `limit` contacts (archived too with `include_archived`), in
    the order `Contacts.all` lists them."""
    shown = t.Contact.archived == False  # noqa: E712
    plain = (
        t.Contact.select(t.Contact.id, t.Contact.name)
        .where(~beyond_ascii(t.Contact.name))
        .order_by(fn.LOWER(t.Contact.name), t.Contact.id)
        .limit(limit)
    )
    # Written as the partial index's condition, word for word (see m018): SQLite reads
    # it then, not every contact row.
    beyond = t.Contact.select(t.Contact.id, t.Contact.name, t.Contact.archived).where(
        beyond_ascii(t.Contact.name)
    )
    if not include_archived:
        plain = plain.where(shown)
    keys = [(*name_order(name), cid) for cid, name in tuples(plain)]
    keys += [
        (*name_order(name), cid)
        for cid, name, archived in tuples(beyond)
        if include_archived or not archived
    ]
    keys.sort()
    return [key[-1] for key in keys[:limit]]


def first_contacts(contacts: Contacts, limit: int, include_archived: bool = False) -> list[Contact]:
    """The first `limit` contacts as `Contacts.all` lists them, each as complete (last
    touch, tags); fewer when there are no more."""
    ids = first_ids(limit, include_archived)
    if not ids:
        return []
    rows = {row.id: row for row in contacts._contact_query().where(t.Contact.id.in_(ids))}
    tags = contacts._tags(ids)
    from netrack.domain.people import Contact

    return [contacts._to_contact(rows[i], tags.get(i, ()), Contact) for i in ids if i in rows]
