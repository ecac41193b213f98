"""SPEC: a contact may always be named `NAME (ORG)`; candidates show their organization;
`-`/`_` stand for spaces in a typed name, the text as typed tried too."""

from __future__ import annotations

import pytest

from netrack.domain.errors import ResolveError
from netrack.domain.resolve import candidates, label, resolve, split_org

PEOPLE = [
    (1, "Ana López", "Acme"),
    (2, "Ana López", "Globex"),
    (3, "Anand Rao", "Acme Labs"),
    (4, "Sam (he/him)", ""),
    (5, "Dana Scully", "Acme"),
]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Ana López (Acme)", 1),
        ("Ana López (Globex)", 2),
        ("ana lopez (ACMÉ)", 1),  # case and accents, in the organization too
        ("ana (glob)", 2),  # the organization by its tiers: a prefix
        ("ana (acme)", 1),  # "Acme" exactly beats "Acme Labs"; Dana only contains "ana"
        ("an (acme labs)", 3),
        ("Sam (he/him)", 4),  # no such organization: the parenthesis is part of the name
        ("scully (acme)", 5),
    ],
)
def test_name_with_organization(query: str, expected: int) -> None:
    assert resolve(query, PEOPLE) == expected


def test_ambiguous_candidates_show_their_organization() -> None:
    with pytest.raises(ResolveError) as caught:
        resolve("ana lópez", PEOPLE)
    assert str(caught.value) == (
        "contact 'ana lópez' is ambiguous: Ana López (Acme); Ana López (Globex)"
    )
    assert caught.value.candidates == ("Ana López (Acme)", "Ana López (Globex)")


def test_an_organization_that_names_nobody_of_that_name() -> None:
    with pytest.raises(ResolveError, match=r"^no contact matches 'Ana López \(Initech\)'$"):
        resolve("Ana López (Initech)", PEOPLE)


def test_dashes_and_underscores_with_an_organization() -> None:
    assert resolve("ana_lopez_(globex)", PEOPLE, dashes_are_spaces=True) == 2
    assert resolve("Ana-López-(Acme)", PEOPLE, dashes_are_spaces=True) == 1


def test_a_real_hyphen_wins_when_dashes_as_spaces_are_ambiguous() -> None:
    people = [(1, "Jean-Luc Picard"), (2, "Jean Luc Godard")]
    assert resolve("jean-luc", people, dashes_are_spaces=True) == 1
    with pytest.raises(ResolveError, match="ambiguous: Jean-Luc Picard; Jean Luc Godard"):
        resolve("jean_luc", people, dashes_are_spaces=True)


def test_completion_candidates_narrow_too() -> None:
    assert candidates("ana (glob", PEOPLE) == []  # an unclosed parenthesis is name text
    assert candidates("ana (globex)", PEOPLE) == [(2, "Ana López")]


def test_labels_and_splitting() -> None:
    assert label("Ana López", "Acme") == "Ana López (Acme)"
    assert label("Ana López", "") == "Ana López"
    assert split_org("Ana López (Acme)") == ("Ana López", "Acme")
    assert split_org("ana_(acme corp )") == ("ana_", "acme corp")
    assert split_org("Ana López") is None
    assert split_org("(Acme)") is None
    assert split_org("Ana ()") is None


def test_an_organization_with_parentheses_and_a_twin_s_id_read_back() -> None:
    people = [
        (1, "Ana López", "Acme (EU)"),
        (2, "Ana López", "Beta"),
        (3, "Ana Lopez", "Acmé (EU)"),  # a twin from an import: one name, one organization
        (4, "Sam (he/him)", ""),
        (5, "Bob (Robert) Smith", "Acme (EU)"),
    ]
    with pytest.raises(ResolveError) as caught:
        resolve("ana lopez", people)
    assert caught.value.candidates == (
        "Ana López (Acme (EU)) [id:1]", "Ana López (Beta)", "Ana Lopez (Acmé (EU)) [id:3]",
    )  # fmt: skip
    assert [resolve(listed, people) for listed in caught.value.candidates] == [1, 2, 3]
    assert resolve("Bob (Robert) Smith (Acme (EU))", people) == 5
    assert resolve("Sam (he/him)", people) == 4
    assert split_org("Ana (Acme (EU))") == ("Ana", "Acme (EU)")
    assert split_org("Ana (Acme))") is None
    with pytest.raises(ResolveError, match=r"^no contact matches .*\[id:2\]'$"):
        resolve("Ana López (Acme (EU)) [id:2]", people)  # id 2 is not at Acme (EU)
