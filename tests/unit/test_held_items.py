"""The quick-log bar finds its people among the names it holds by where they stand,
noted on the first look (`told_apart.held_items`): a long history's 50,000 names are
gone through once per contact, not on every key and twice more in the write."""

from __future__ import annotations

from collections.abc import Iterator

from netrack.data.repo.told_apart import Resolved, held_items, names_shown
from netrack.domain.resolve import Item


class Counted(list[Item[int]]):
    """A list of names that counts how often it is gone through."""

    walks = 0

    def __iter__(self) -> Iterator[Item[int]]:
        self.walks += 1
        return super().__iter__()


PEOPLE = Counted([(7, "Ana López", "Acme"), (3, "Sam Lee", ""), (9, "Sam Lee", "Globex")])


def test_the_first_look_goes_through_the_list_and_notes_where_each_stands() -> None:
    people = Counted(PEOPLE)
    memo = Resolved()
    assert held_items(people, [3, 9], memo) == {3: PEOPLE[1], 9: PEOPLE[2]}
    assert people.walks == 1
    assert held_items(people, [9, 3], memo) == {3: PEOPLE[1], 9: PEOPLE[2]}
    assert people.walks == 1  # where they stand was noted
    assert memo[("at", "9", False)] == 2


def test_one_not_in_the_list_is_noted_as_absent_and_not_looked_for_again() -> None:
    people = Counted(PEOPLE)
    memo = Resolved()
    assert held_items(people, [7, 42], memo) == {7: PEOPLE[0]}
    assert held_items(people, [42], memo) == {}
    assert people.walks == 1


def test_a_place_that_no_longer_holds_the_contact_is_looked_for_again() -> None:
    memo = Resolved()
    memo[("at", "7", False)] = 2  # noted against another list
    people = Counted(PEOPLE)
    assert held_items(people, [7], memo) == {7: PEOPLE[0]}
    assert people.walks == 1 and memo[("at", "7", False)] == 0


def test_without_a_memo_each_look_goes_through_the_list() -> None:
    people = Counted(PEOPLE)
    held_items(people, [3])
    held_items(people, [3])
    assert people.walks == 2


def test_names_shown_names_those_told_apart_with_their_organization() -> None:
    memo = Resolved()
    shown = names_shown(PEOPLE, {3, 9, 7}, {3, 9}, memo)
    assert shown == {7: "Ana López", 3: "Sam Lee ()", 9: "Sam Lee (Globex)"}
