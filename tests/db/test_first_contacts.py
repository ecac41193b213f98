"""`repo.contacts.first(n)`: the Contacts screen's first rows, read without reading every
contact, are exactly the first `n` of `all()` — names compared folded ("Ángel" among the
As, "Zoë" before "Zubin"), namesakes by id, archived ones left out unless asked for — on
both engines."""

from __future__ import annotations

from netrack.data.repo import Repo

NAMES = [
    "Zubin Mehta",
    "Ángel Ruiz",
    "ana lópez",
    "Ana Lopez",
    "Ana López",
    "ANA LOPEZ",
    "Anand Rao",
    "Zoë Park",
    "Øystein Berg",
    "Émile Zola",
    "ﬁona Grant",
    "Fiona Grant",
    "タン",
    "Sam Lee",
    "Sam Lee",
    "sam lee",
    "Łukasz Nowak",
    "Lukas Novak",
    "100% Sure",
    "Dr. Who (BBC)",
    "Mary_Jane Watson",
    "Jean-Luc Picard",
]
ARCHIVED = {"Anand Rao", "Émile Zola", "Fiona Grant"}


def test_the_first_contacts_are_all_s_first(repo: Repo) -> None:
    for n, name in enumerate(NAMES):
        contact = repo.contacts.add(name, organization=f"Org {n}", tags=[f"t{n}"])
        if name in ARCHIVED:
            repo.tidy.archive_contact(contact.id)
    for archived in (False, True):
        every = repo.contacts.all(include_archived=archived)
        assert len(every) == len(NAMES) - (0 if archived else len(ARCHIVED))
        for n in range(len(every) + 2):
            assert repo.contacts.first(n, include_archived=archived) == every[:n], (n, archived)


def test_no_contacts_no_first_ones(repo: Repo) -> None:
    assert repo.contacts.first(50) == []
