"""A name folded with its dashes kept, then its dashes read as spaces
(`name_folding.dashes_as_spaces`), is the name folded with dashes as spaces: the
contacts' remembered folding keeps one form a name and reads the other from it."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from netrack.data.repo.names import ContactNames
from netrack.domain.name_folding import dashes_as_spaces, fold_name

# Dashes and underscores as typed and as other scripts and fonts write them (the
# full-width and small hyphen-minus decompose to "-"), spaces of every kind, accents,
# letters that fold to two, and anything else.
PIECES = st.sampled_from(
    [
        "-",
        "_",
        "\uff0d",  # full-width hyphen-minus
        "\ufe63",  # small hyphen-minus
        "\uff3f",  # full-width low line
        "\u2010",  # hyphen
        "\u2011",  # non-breaking hyphen
        " ",
        "\t",
        "\u3000",  # ideographic space
        "\u00a0",
        "\u200b",  # zero-width space
        "Jean-Luc",
        "O_Neil",
        "Zoë",
        "Straße",
        "Bjørn",
        "ﬁ",
        "ダン",
        "e\u0301",
    ]
)
TEXT = st.lists(st.one_of(PIECES, st.text(max_size=3)), max_size=8).map("".join)


@settings(max_examples=400, deadline=None)
@given(TEXT)
@example("Jean-Luc")
@example("\ufe63Ana\uff0d\uff3fLee")
@example("-_-")
def test_dashes_read_as_spaces_after_folding_as_before(text: str) -> None:
    assert dashes_as_spaces(fold_name(text, False)) == fold_name(text, True)


def test_the_remembered_folding_folds_a_name_once_for_both_forms() -> None:
    class Remembering(ContactNames):
        def __init__(self) -> None:  # the folding alone: no store
            super().__init__(None)  # type: ignore[arg-type]

    names = Remembering()
    assert names.fold("Zoë-Ann", True) == fold_name("Zoë-Ann", True) == "zoe ann"
    assert names.fold("Zoë-Ann", False) == fold_name("Zoë-Ann", False) == "zoe-ann"
    assert names._folded.cache_info().misses == 1  # one decomposition for both
