"""`RenderedOnce`: a box's content is laid out once per width, and looks the same."""

from __future__ import annotations

from rich.console import Console, ConsoleOptions, RenderResult
from rich.table import Table

from netrack.widgets.text import RenderedOnce


class Counted:
    """A two-row table that counts how often it is laid out."""

    def __init__(self) -> None:
        self.calls = 0

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        self.calls += 1
        table = Table.grid(expand=True)
        table.add_column()
        table.add_column(justify="right")
        table.add_row("interactions", "12")
        table.add_row("hours", "3.5")
        yield table


def lines(console: Console, renderable: object, width: int) -> list[str]:
    with console.capture() as captured:
        console.print(renderable, width=width)
    return captured.get().splitlines()


def test_laid_out_once_per_width_and_unchanged() -> None:
    console = Console(width=80, color_system=None)
    inner = Counted()
    once = RenderedOnce(inner)
    expected = lines(console, Counted(), 30)
    assert lines(console, once, 30) == expected
    assert lines(console, once, 30) == expected  # measured, then painted: one layout
    assert inner.calls == 1
    assert lines(console, once, 20) == lines(console, Counted(), 20)
    assert inner.calls == 2  # a new width is laid out anew
    assert expected == ["interactions" + " " * 16 + "12", "hours" + " " * 22 + "3.5"]
