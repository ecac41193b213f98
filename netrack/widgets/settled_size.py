"""Widgets whose new size is laid out in one pass.

When a layout gives a widget a new size, Textual also sets its `virtual_size`, a
reactive that asks for a second layout and a second frame (Textual 8.2). The compositor
has already placed everything by then, and a scrollbar that must appear or go asks for
its own layout (`show_vertical_scrollbar` is a layout reactive too): on the Scorecard
that second pass added 20-40 ms to `[` and `]` after every box whose height changed.
Here the size is only noted. For widgets that lay out their content by their size
alone: statics and plain containers, not a `ScrollView` that sets its virtual size
itself.
"""

from __future__ import annotations

from textual.containers import Grid, Vertical, VerticalScroll
from textual.geometry import Size
from textual.reactive import Reactive
from textual.widgets import Static


def _noted() -> Reactive[Size]:
    """The size a layout gave, noted without asking for another layout or repaint: the
    compositor repaints a widget whose size changed in the frame it is laying out. One
    per class (a reactive knows its owner)."""
    return Reactive(Size(0, 0), layout=False, repaint=False)


class SettledStatic(Static):
    virtual_size = _noted()


class SettledVertical(Vertical):
    virtual_size = _noted()


class SettledGrid(Grid):
    virtual_size = _noted()


class SettledScroll(VerticalScroll):
    virtual_size = _noted()
