"""Text cut to a width is cut between whole graphemes: the Agenda's "Logged today" cut
"Comb 👨‍👩‍👧‍👦 Fam" after its first person, a zero-width joiner dangling before the "…"
(and the row a cell wider than the others in tmux). Never a joiner, a variation selector
or a combining mark left at the cut, and never a mark cut from its letter."""

from __future__ import annotations

import io

import pytest
from rich.cells import cell_len
from rich.console import Console
from rich.text import Span, Text

from netrack.widgets.campaign_name import fitted
from netrack.widgets.interactions import campaign_note
from netrack.widgets.last_column import capped, cut_once, ellipsized
from netrack.widgets.text import cut, fit, graphemes, head

FAMILY = "👨\u200d👩\u200d👧\u200d👦"  # four people joined by zero-width joiners: 2 cells
HOSTILE = [
    f"Comb {FAMILY} Fam",
    "Love ❤\ufe0f and 🏳\ufe0f\u200d🌈 flags",  # variation selector 16, a joined flag
    "Zoe\u0308 and e\u0301\u0301\u0301 marks",  # combining marks, decomposed (NFD)
    "Thumbs 👍🏽 up",  # a skin tone
    "Flags 🇫🇷🇩🇪 two",  # regional-indicator pairs
    "山田太郎 🚀 rocket",
]


def whole_prefixes(text: str) -> set[str]:
    clusters = list(graphemes(text))
    return {"".join(clusters[:count]) for count in range(len(clusters) + 1)}


def test_graphemes_keep_what_is_drawn_as_one_together():
    assert list(graphemes(f"a{FAMILY}b")) == ["a", FAMILY, "b"]
    assert list(graphemes("❤\ufe0f!")) == ["❤\ufe0f", "!"]
    assert list(graphemes("e\u0301\u0301x")) == ["e\u0301\u0301", "x"]
    assert list(graphemes("👍🏽🇫🇷🇩🇪")) == ["👍🏽", "🇫🇷", "🇩🇪"]
    # a joiner between letters joins nothing: the letter after it stands alone
    assert list(graphemes("o\u200dW")) == ["o\u200d", "W"]
    assert "".join(graphemes("".join(HOSTILE))) == "".join(HOSTILE)


@pytest.mark.parametrize("text", HOSTILE)
def test_head_and_fit_cut_between_whole_graphemes_at_every_width(text):
    prefixes = whole_prefixes(text)
    for cells in range(cell_len(text) + 2):
        start = head(text, cells)
        assert start in prefixes and cell_len(start) <= cells, (cells, start)
        assert not start.endswith("\u200d") or start == text
        shown = fit(text, cells)
        assert cell_len(shown) <= cells, (cells, shown)
        if shown != text and shown:
            assert shown.endswith("…") and shown[:-1] in prefixes, (cells, shown)
            assert not shown[:-1].endswith("\u200d"), (cells, shown)


def test_head_at_the_family_emoji():
    text = f"Comb {FAMILY} Fam"
    assert head(text, 5) == head(text, 6) == "Comb "  # the family takes two cells or none
    assert head(text, 7) == f"Comb {FAMILY}"
    assert fit(text, 7) == "Comb…"
    assert fit(text, 8) == f"Comb {FAMILY}…"
    assert head("Zero\u200dWidth", 4) == "Zero"  # no joiner left at the cut


def test_a_campaign_cut_before_its_note_keeps_the_family_whole():
    # 21 cells before the family: cut by characters it was "👨", a joiner, then "…".
    cut = campaign_note(f"Acme Benefit Co Comb {FAMILY} Fam", "intro").plain
    assert cut == f"Acme Benefit Co Comb {FAMILY}… · intro"
    cut = campaign_note(f"Acme Benefit Co Combo {FAMILY} Fam", "intro").plain
    assert cut == "Acme Benefit Co Combo… · intro"


@pytest.mark.parametrize("text", HOSTILE)
def test_the_table_cuts_leave_no_half_grapheme(text):
    """The cuts of the tables (a campaign's name in a narrow column, a row's text
    column cut once, a "with" column capped, a cell Rich draws in a narrower column,
    a virtual table's cell) keep joined emoji, selectors, marks and flags whole. Rich
    measures each letter of a flag as a cell of its own: "🇫🇷🇩🇪" cut to 3 cells read
    "🇫🇷🇩…", a lone letter the terminal draws boxed."""
    prefixes = {p.rstrip() for p in whole_prefixes(text)}
    console = Console(width=80, file=io.StringIO())
    for cells in range(2, cell_len(text) + 1):
        drawn = console.render_lines(ellipsized(Text(text)), console.options.update_width(cells))
        for shown in (
            fitted(text, "", cells),
            cut_once(Text(text), cells).plain,
            capped(Text(text), cells).plain,
            cut(Text(text), cells, pad=True).plain.rstrip(),
            "".join(segment.text for segment in drawn[0]).rstrip(),
        ):
            assert cell_len(shown) <= cells, (cells, shown)
            assert shown.rstrip("…").rstrip() in prefixes, (cells, shown)


def test_a_cut_text_keeps_its_styles():
    text = Text("🇩🇪🇫🇷🇯🇵 trip", style="italic")
    text.stylize("bold", 0, 2)
    shown = cut_once(text, 4)
    assert shown.plain == "🇩🇪…"  # Rich's truncate gave "🇩🇪🇫…"
    assert shown.style == "italic" and shown.spans == [Span(0, 2, "bold")]
    assert cut(text, 6, pad=True).plain == "🇩🇪🇫🇷… "
