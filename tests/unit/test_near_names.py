"""The names a name that matches nobody was likely meant for (`near_names`): what the
quick-log bar asks on every key, over the list of names it read when it opened."""

from __future__ import annotations

from netrack.domain.name_folding import fold_name
from netrack.domain.near_names import near_names

PEOPLE = [(1, "Ana López", "Acme"), (2, "John Smith", ""), (3, "Zoë Kim", "")]


def test_a_word_or_a_whole_name_close_to_one_known() -> None:
    assert near_names("anaa", PEOPLE, True, fold_name) == ["Ana López"]
    assert near_names("lopes", PEOPLE, True, fold_name) == ["Ana López"]
    assert near_names("jhon smith", PEOPLE, True, fold_name) == ["John Smith"]
    assert near_names("zed", PEOPLE, True, fold_name) == []  # zoe: not close enough
    assert near_names("id:7", PEOPLE, True, fold_name) == []


def test_the_same_list_asked_again_is_read_again_once_it_grows() -> None:
    """The bar asks with the same list on every key; what it is asked of is remembered
    for that list, and a list that grew (a contact added meanwhile) is read again."""
    people = list(PEOPLE)
    assert near_names("marta", people, True, fold_name) == []
    people.append((4, "Marta Ruiz", ""))
    assert near_names("marta", people, True, fold_name) == ["Marta Ruiz"]
    other = [(9, "Martha Ruiz", "")]  # another list: its own names, not the last one's
    assert near_names("marta", other, True, fold_name) == ["Martha Ruiz"]
