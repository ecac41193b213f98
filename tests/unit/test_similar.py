"""`domain.similar`: the rule behind a form's question and the command line's note
before and after a new organization is made from a name close to a known one."""

from __future__ import annotations

import functools
import random

import pytest

from netrack.domain import similar
from netrack.domain.similar import (
    INDEXED,
    MAX_EDITS,
    CloseIndex,
    close_names,
    close_to_new,
    edits,
)


def _levenshtein(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, char in enumerate(a, 1):
        current = [i]
        for j, other in enumerate(b, 1):
            current.append(
                min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char != other))
            )
        previous = current
    return previous[-1]


def test_edits_without_the_common_start_and_end_count_the_same() -> None:
    """The shared start and end are skipped (8,000 "Org NNNN" names made a full table
    each): the distance, or "more than the limit", is what the whole table says."""
    rng = random.Random(5)
    for _ in range(3000):
        a = "".join(rng.choice("ab c") for _ in range(rng.randint(0, 9)))
        b = "".join(rng.choice("ab c") for _ in range(rng.randint(0, 9)))
        over = MAX_EDITS + 1  # any count above the limit reads as "too far"
        assert min(edits(a, b, MAX_EDITS), over) == min(_levenshtein(a, b), over), (a, b)


def test_a_new_name_is_close_to_the_two_nearest_known_ones_and_a_known_one_to_none() -> None:
    known = ["Acme Inc", "ACME Corp", "Acme", "Globex", "Initech"]
    assert close_to_new("Acme Ltd", known) == ["Acme Inc", "ACME Corp"]  # the first two
    assert close_to_new("acme  INC", known) == []  # that one, typed another way
    assert close_to_new("Inittech", known) == ["Initech"]
    assert close_to_new("Hooli", known) == []
    assert close_to_new("   ", known) == []


def test_names_whose_numbers_differ_are_never_close() -> None:
    """ "Org11" beside "Org10" asked (the TUI) or noted (the CLI) "did you mean Org10?",
    and a studio's "54" beside its "55": a typo changes a letter, not a number."""
    known = ["Org10", "Studio 55", "Studio 54 Inc", "Globex"]
    assert close_names("Org11", known) == []
    assert close_names("Studio 54", known) == ["Studio 54 Inc"]
    assert close_names("Orgg10", known) == ["Org10"]  # the same number, a letter typed twice
    assert close_to_new("Globx", known) == ["Globex"]


def test_among_equal_cores_the_name_written_nearest_comes_first() -> None:
    """All three cores are "acme": the older organization came first, whatever it was."""
    known = ["Acme Corporation", "ACME Inc", "Acme"]
    assert close_names("Acmé", known) == ["Acme", "ACME Inc", "Acme Corporation"]
    assert close_names("Acme Inc.", known) == ["ACME Inc", "Acme", "Acme Corporation"]
    # "Acme Inc." with its punctuation elsewhere: the one to join it to
    assert close_to_new("acme, inc", ["Acme", "Acme Inc."]) == ["Acme Inc.", "Acme"]


def test_numbers_are_compared_by_their_value() -> None:
    assert close_names("Org010", ["Org10", "Org11", "Org100"]) == ["Org10"]
    assert close_names("Studio 054", ["Studio 54", "Studio 55"]) == ["Studio 54"]


def test_a_number_of_any_length_is_compared_without_converting_it() -> None:
    """int() refuses more than 4,300 digits: such a name crashed the comparison."""
    many = "1" * 5000
    assert close_names(f"Studio {many}", [f"Studio 0{many}", f"Studio {many}2"]) == [
        f"Studio 0{many}"
    ]
    assert close_names("Studio ٥٤", ["Studio 54", "Studio 55"]) == ["Studio 54"]


def test_a_legal_form_written_with_dots_is_the_one_without() -> None:
    """ "S.A." split into "s a", which is no legal form: "Globex S.A." was 4 edits from
    "Globex" and never noted as close, where "Globex SA" was."""
    assert close_names("Globex S.A.", ["Globex", "Initech"]) == ["Globex"]
    assert close_names("Northwind LLC", ["Northwind L.L.C.", "Northwind"]) == [
        "Northwind L.L.C.",
        "Northwind",
    ]
    for dotted in ("Acme A.G.", "Acme B.V", "Acme N.V.", "Acme S.à.r.l."):
        assert close_names(dotted, ["Acme"]) == ["Acme"], dotted
    assert close_names("Web 2.0", ["Web 20"]) == []  # numbers keep their dots apart


def test_the_index_says_what_close_to_new_says_of_the_names_before(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """An import asks of each new organization among thousands: `CloseIndex` compares it
    only with those it could be close to, and must name the same ones in the same order
    as comparing it with every name given before it."""
    # The comparison with every name before recomputes each one's core: ~5 million
    # times over the 1,500 names (a pure function: remembered here, the suite's slowest
    # test took 17-37 s).
    cached = functools.cache(similar.core)
    monkeypatch.setattr(similar, "core", cached)
    core_of = cached
    rng = random.Random(7)
    words = ["acme", "acne", "globex", "glob", "corp", "inc", "gmbh", "north", "wind",
             "café", "cafe", "studio", "54", "55", "s.a.", "x" * (INDEXED - 3)]  # fmt: skip
    given: list[str] = []
    index = CloseIndex()
    for _ in range(1500):
        parts = [rng.choice(words) for _ in range(rng.randint(1, 3))]
        name = " ".join(parts)
        if rng.random() < 0.4:  # a typo: a letter left out, doubled or changed
            at = rng.randrange(len(name))
            name = name[:at] + rng.choice(["", name[at] * 2, "q"]) + name[at + 1 :]
        if rng.random() < 0.3:
            name = name.upper()
        # A core longer than INDEXED is close only to its own, either way (see INDEXED)
        comparable = [
            other
            for other in given
            if core_of(other) == core_of(name)
            or (len(core_of(other)) <= INDEXED and len(core_of(name)) <= INDEXED)
        ]
        assert index.close_to_new(name) == close_to_new(name, comparable), (name, given)
        index.add(name)
        given.append(name)
