"""The names a name that matches nobody was likely meant for (`near_names`): what the
quick-log bar asks on every key, over the list of names it read when it opened."""

from __future__ import annotations

import pytest

from netrack.domain.errors import Unmatched
from netrack.domain.name_folding import fold_name
from netrack.domain.near_names import name_ends, near_items
from netrack.domain.resolve import Fold, resolve

PEOPLE = [(1, "Ana López", "Acme"), (2, "John Smith", ""), (3, "Zoë Kim", "")]


def near_names(
    query: str, items: list[tuple[int, str, str]], dashes: bool, fold: Fold
) -> list[str]:
    return [item[1] for item in near_items(query, items, dashes, fold)]


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


def test_each_name_offered_names_that_one_typed_back() -> None:
    """Beside Ana López at Acme and at Globex, "Ana Lopez" was offered for the one
    without an organization, and typed back it named all three; twins were offered once.
    Each is offered as an ambiguity lists it ("Name ()", "Name (Org)", "[id:N]"); a name
    that reads as another's label ("Sam Lee ()", which names the Sam Lee without an
    organization) by its id."""
    ana = [(1, "Ana López", "Acme"), (2, "Ana López", "Globex"), (3, "Ana Lopez", "")]
    twins = [(1, "Sam Lee", "Acme"), (2, "Sam Lee", "Acme"), (3, "Sam Lee", "")]
    read_as_label = [(1, "Sam Lee", ""), (2, "Sam Lee ()", ""), (3, "Sam Lee", "Acme")]
    for people, typo, offered in (
        (ana, "Ana-Lopzz", ["Ana López (Acme)", "Ana López (Globex)", "Ana Lopez ()"]),
        (twins, "Sam-Leee", ["Sam Lee (Acme) [id:1]", "Sam Lee (Acme) [id:2]", "Sam Lee ()"]),
        (read_as_label, "Sam-Leee", ["Sam Lee ()", "Sam Lee (Acme)", "id:2"]),
    ):
        with pytest.raises(Unmatched) as caught:
            resolve(typo, people, dashes_are_spaces=True)
        assert list(caught.value.near) == offered
        chosen = near_items(typo, people, True, fold_name)
        for name, item in zip(offered, chosen, strict=True):
            assert resolve(name, people, dashes_are_spaces=True) == item[0], name


def test_a_campaign_title_alone_is_compared_with_each_end_of_its_names() -> None:
    """A campaign is named "Org Title": "staff data enginer" reached 0.63 against
    "northwind analytics staff data engineer" and was offered nothing. With `ends`, each
    end of a name from one of its words on is compared too, once however many
    campaigns share it; contacts' names are compared whole, as before."""
    campaigns = [
        (1, "Northwind Analytics Staff Data Engineer"),
        (2, "Acme Acme Eng"),
        (3, "Acme Acme Eng"),
        (4, "Sundry Staff Data Engineer"),
    ]
    assert name_ends("acme acme eng", "a") == ["acme acme eng", "acme eng"]
    assert name_ends("northwind analytics staff", "s") == ["staff"]
    found = near_items("staff data enginer", campaigns, True, fold_name, ends=True)
    assert [item[0] for item in found] == [1, 4]
    assert [c[0] for c in near_items("staff data enginer", campaigns, True, fold_name)] == [4]
    assert [c[0] for c in near_items("acme engg", campaigns, True, fold_name, ends=True)] == [2, 3]
    with pytest.raises(Unmatched) as caught:
        resolve("Staff Data Enginer", campaigns, "campaign", dashes_are_spaces=True)
    offered = list(caught.value.near)
    assert offered == ["Northwind Analytics Staff Data Engineer", "Sundry Staff Data Engineer"]
    with pytest.raises(Unmatched) as caught:
        resolve("Acme Engg", campaigns, "campaign", dashes_are_spaces=True)
    assert list(caught.value.near) == ["Acme Acme Eng [id:2]", "Acme Acme Eng [id:3]"]
    for name, key in zip(caught.value.near, (2, 3), strict=True):
        assert resolve(name, campaigns, "campaign", dashes_are_spaces=True) == key
