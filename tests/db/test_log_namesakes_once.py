"""A log's confirmation names its people as every name read then would ("Sam Lee
(Acme)" beside another Sam Lee, active or archived), but a `netrack log` does not ask
again what its own read of the names in the write found (`Logged.namesakes`): the
question reads every name beyond ASCII, on a long history ~11,000. Only the other
people of the follow-ups it closed are asked about."""

from __future__ import annotations

import pytest

from netrack.data.repo import Repo

LINES = [
    "@ana 20m coffee",  # no namesake: nothing read for the confirmation
    '@"Sam Lee (Acme)" #call',  # a namesake at another organization
    '@"José Ruiz ()" #call',  # a namesake spelled with its accent apart, beyond ASCII
    "@olga #email",  # a namesake archived
    '@"Sam Lee (Acme)" @ana #event meetup',
    "@id:1 #call",  # by id: every name read
    "@kim #call",  # closes a follow-up shared with Sam Lee (Initech): he is asked about
]


@pytest.fixture
def people(repo: Repo) -> Repo:
    with repo.writing():
        repo.contacts.add("Ana López")  # id 1
        repo.contacts.add("Sam Lee", organization="Acme")
        repo.contacts.add("Sam Lee", organization="Initech")
        repo.contacts.add("José Ruiz")
        repo.contacts.add("JOSE\u0301 RUIZ", organization="Globex")
        repo.contacts.add("Olga Berg")
        archived = repo.contacts.add("olga  berg", organization="Umbrella")
        repo.contacts.add("Kim Park")
    repo.tidy.archive_contact(archived.id)
    return repo


@pytest.mark.parametrize("line", LINES)
def test_the_confirmation_names_them_as_every_name_read_in_the_write_would(
    people: Repo, line: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _meeting_with_a_follow_up(people)
    asked: list[set[int]] = []
    shares_a_name = people.contacts.shares_a_name

    def counted(ids: object) -> bool:
        asked.append(set(ids))  # type: ignore[call-overload]
        return shares_a_name(ids)  # type: ignore[arg-type]

    with people.writing():
        logged = people.activity.log_line(line)
        follow_ups = [*logged.closes, *logged.earlier]
        monkeypatch.setattr(people.contacts, "shares_a_name", counted)
        known = people.contacts.told_apart_among(
            logged.entry.contact_ids, follow_ups, logged.namesakes
        )
        monkeypatch.undo()
        every_name = people.contacts.told_apart_among(logged.entry.contact_ids, follow_ups)
    assert logged.namesakes is not None  # resolved against the write's own read
    assert known == every_name
    others = {i for f in follow_ups for i in f.contact_ids} - set(logged.entry.contact_ids)
    if line.startswith("@kim"):
        assert others == {3}  # the Initech Sam Lee, of the follow-up it closed
    # Asked only of the follow-ups' others, and only when the log's own people have none
    assert asked == ([others] if others and not logged.namesakes else [])


def test_the_people_who_share_a_name_are_those_the_write_found(people: Repo) -> None:
    found = {}
    for line in ("@ana", '@"Sam Lee (Acme)"', '@"José Ruiz ()"', "@olga", "@kim"):
        with people.writing():
            logged = people.activity.log_line(f"{line} #call")
        found[line] = logged.namesakes
    sam_acme, jose, olga = 2, 4, 6
    assert found == {
        "@ana": frozenset(),
        '@"Sam Lee (Acme)"': {sam_acme},
        '@"José Ruiz ()"': {jose},
        "@olga": {olga},
        "@kim": frozenset(),
    }


def test_the_bar_s_held_names_leave_the_question_to_the_write(people: Repo) -> None:
    held = people.contacts.named()
    archived = people.contacts.named(archived=True)
    with people.writing():
        logged = people.activity.log_line('@"Sam Lee (Acme)" #call', held, None, None, archived)
    assert logged.namesakes is None  # names read before the write: asked afresh


def _meeting_with_a_follow_up(repo: Repo) -> None:
    """Kim and the Initech Sam Lee met three days ago, with a follow-up still open: a
    touch of Kim's today closes it, and Sam Lee is among its people."""
    with repo.writing():
        repo.activity.log_line('@kim @"Sam Lee (Initech)" #video on:-3d fu:+7d')
