"""The Contacts filter's terms, read and applied to contacts built here."""

from __future__ import annotations

from dataclasses import fields
from datetime import date

import pytest

from netrack.domain.contact_filter import (
    GRAMMAR,
    NONE,
    TERMS,
    ContactFilter,
    haystack,
    parse_filter,
)
from netrack.domain.errors import InputError
from netrack.domain.models import ContactChannel
from netrack.domain.name_folding import fold
from netrack.domain.people import Contact


def person(name: str, strength: int | None, channel: str | None, org: str = "") -> Contact:
    return Contact(
        id=1,
        name=name,
        organization=org,
        strength=strength,
        channel=ContactChannel(channel) if channel else None,
        met_on=date(2026, 1, 1),
    )


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("ana", ContactFilter(words="ana")),
        ("Ana  LÓPEZ", ContactFilter(words="ana lopez")),
        ("strength:4", ContactFilter(strengths=frozenset({4}))),
        ("S:3+", ContactFilter(strengths=frozenset({3, 4, 5}))),
        ("s:2-4 s:3+", ContactFilter(strengths=frozenset({3, 4}))),  # both hold
        ("s:none", ContactFilter(strengths=frozenset({None}))),
        ("ch:Cold-Out", ContactFilter(channels=("cold_out",))),
        ("channel:none", ContactFilter(channels=("",))),
        ("o:Acme team", ContactFilter(words="team", organizations=("acme",))),
        ("10:30 title:x", ContactFilter(words="10:30 title:x")),  # no such terms: words
        ("org: ch: s:", ContactFilter()),  # as they are being typed: no term yet
        ('org:"Acme Corp" ana', ContactFilter(words="ana", organizations=("acme corp",))),
        ('o:"acme co', ContactFilter(organizations=("acme co",))),  # the quote not closed yet
        ('"Ana  LÓPEZ" acme', ContactFilter(words="acme", phrases=("ana lopez",))),
        ('"ana lo', ContactFilter(phrases=("ana lo",))),  # the quote not closed yet
        ('"s:4" ""', ContactFilter(phrases=("s:4",))),  # quoted, a term is a phrase
        ('ab"c', ContactFilter(words='ab"c')),  # a quote inside a word is the word's
    ],
)
def test_a_filter_is_read_into_words_and_terms(query: str, expected: ContactFilter) -> None:
    assert parse_filter(query) == expected


@pytest.mark.parametrize("query", ["s:9", "s:x", "s:4-2", "s:0"])
def test_a_strength_that_is_none_of_the_forms_is_one_message(query: str) -> None:
    with pytest.raises(InputError, match=r"strength:.* \(1 to 5, like strength:4"):
        parse_filter(query)


def test_terms_and_words_must_all_hold() -> None:
    ana = person("Ana López", 4, "cold_outreach", "Acme")
    raj = person("Raj Patel", None, None)
    hay = {c.name: fold(f"{c.name}\x00{c.organization}") for c in (ana, raj)}

    def passing(query: str) -> list[str]:
        wanted = parse_filter(query)
        return [c.name for c in (ana, raj) if wanted.accepts(c, hay[c.name])]

    assert passing("s:3+ ch:cold o:acme lopez") == ["Ana López"]
    # Each word anywhere: a name and an organization narrow together.
    assert passing("ana acme") == ["Ana López"] and passing("lopez ana") == ["Ana López"]
    assert passing("ana patel") == []
    assert passing("s:3+ ch:cold o:acme raj") == []
    assert passing("s:none ch:none o:none") == ["Raj Patel"]
    assert passing("ch:linkedin") == []
    # A quoted phrase holds its words together, in one field.
    assert passing('"ana lopez"') == ["Ana López"] and passing('"lopez ana"') == []
    assert passing('"ana acme"') == [] and passing('"raj patel" s:none') == ["Raj Patel"]


def test_the_words_search_location_and_industry_as_the_contact_has_them() -> None:
    """SPEC: a contact's industry and location fall back to the organization's (the
    repository fills `effective_…` so); the filter's words search them."""
    berlin = Contact(
        id=1,
        name="Olu Ade",
        organization="Zalando",
        met_on=date(2026, 1, 1),
        effective_location="Berlin",
        effective_industry="E-commerce",
    )
    wanted = parse_filter("berlin commerce")
    assert wanted.accepts(berlin, haystack(berlin))
    assert not wanted.accepts(berlin, haystack(person("Raj Patel", None, None)))


def test_the_grammar_the_help_lists_covers_every_kind_of_term_the_parser_reads() -> None:
    """`?` and `contact list --help` list GRAMMAR: every spelling of every term, every
    "none", and an example of each kind of filter parse_filter makes, each read as
    listed. A term the parser gains fails here until the help says it."""
    examples = [example for forms, _ in GRAMMAR for example in forms]
    read = [parse_filter(example) for example in examples]  # none refused
    for key in TERMS:
        assert any(example.startswith(f"{key}:") for example in examples), key
    for term in set(TERMS.values()):  # each term's "none"
        assert any(
            example.partition(":")[2] in NONE
            for example in examples
            if TERMS.get(example.partition(":")[0]) == term
        ), term
    for none in NONE:
        assert any(example.endswith(f":{none}") for example in examples), none
    for field in fields(ContactFilter):  # words, phrases, strengths, channels, organizations
        assert any(getattr(f, field.name) != field.default for f in read), field.name
    strengths = [f.strengths for f in read if f.strengths is not None]
    assert {None} in strengths and frozenset({3, 4, 5}) in strengths  # none, N+
    assert any(len(s) > 1 and 5 not in s for s in strengths)  # a range
    assert any(" " in org for f in read for org in f.organizations)  # a quoted value
