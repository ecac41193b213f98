"""Small renderables shared by screens: titled boxes, interaction tables, bars."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from rich.cells import cell_len, set_cell_size
from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.text import Text
from textual.widgets import Static

BAR = "█"


# Half a year either side: two days with one month-day are a year apart, so at most one
# of them is this near, and "01-04" seen on Dec 28 can only be the coming Jan 4.
NEAR_DAYS = 182


def short_day(day: date, near: date, form: str) -> str:
    """`day` in a short `form` without its year ("%a %b %d", "%m-%d") when it is within
    half a year of `near` (today, or the row's day beside it), as `ls -l` does; the year
    added when further away: a follow-up a year away read as one of this week. Next
    January's seen in December stays as short ("01-04"), and fits where this year's do."""
    if abs((day - near).days) <= NEAR_DAYS:
        return format(day, form)
    return format(day, form.replace("%m-%d", "%Y-%m-%d") if "%m-%d" in form else f"{form} %Y")


def words(code: str) -> str:
    """A stored code as words: "hiring_freeze" → "hiring freeze"."""
    return code.replace("_", " ")


class RenderedOnce:
    """A renderable laid out once per width. Textual renders a Static's Rich content
    twice for each update, once to measure its height and once to paint it: for the
    scorecard's tables that was a third of a quick log's redraw. Only for content that
    lays out by width alone (tables, text, groups of them), as every box here does."""

    def __init__(self, renderable: RenderableType) -> None:
        self.renderable = renderable
        self._segments: dict[int, list[Segment]] = {}

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        segments = self._segments.get(width)
        if segments is None:
            segments = self._segments[width] = list(console.render(self.renderable, options))
        yield from segments

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.renderable)


class Items:
    """Short items one after another, `separator` between them, in whatever width there
    is: a line is broken only between two items ("cold outreach 1" never reads "cold"
    then "outreach 1", a goal's "≥" never apart from its target) and an item too wide
    for a line alone is folded. Nothing is cut: a box that cut "by channel" with "…"
    dropped figures no key showed (SPEC: dropping is not fine)."""

    def __init__(
        self, items: Sequence[Text | str], separator: str = " · ", style: str = ""
    ) -> None:
        self.items = [Text(item) if isinstance(item, str) else item for item in items]
        self.separator, self.style = separator, style

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width, gap = options.max_width, cell_len(self.separator)
        lines: list[Text] = []
        for item in self.items:
            if lines and lines[-1].cell_len + gap + item.cell_len <= width:
                lines[-1].append(self.separator).append_text(item)
            else:
                lines.append(Text(style=self.style).append_text(item))
        for line in lines or [Text()]:
            line.no_wrap, line.overflow = False, "fold"
            yield line

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        longest = max((item.cell_len for item in self.items), default=0)
        whole = sum(item.cell_len for item in self.items)
        whole += cell_len(self.separator) * max(0, len(self.items) - 1)
        return Measurement(min(longest, options.max_width), min(whole, options.max_width))


def section(widget: Static, title: str, body: RenderableType) -> None:
    """Fill a `.box` Static: its border carries the title."""
    widget.border_title = title
    # Plain text has Textual's own quick measure: only richer content is worth keeping.
    widget.update(body if isinstance(body, str | Text) else RenderedOnce(body))


def bar(value: float, top: float, width: int) -> str:
    if top <= 0 or value <= 0:
        return ""
    return BAR * max(1, round(value / top * width))


def fit(text: str, width: int) -> str:
    """One line of at most `width` terminal cells, with an ellipsis when cut.

    Measured in cells, not characters: a CJK character or an emoji takes two.
    """
    if cell_len(text) <= width:
        return text
    if width <= 0:
        return ""
    return set_cell_size(text, width - 1).rstrip() + "…"


def wrap(text: str, width: int) -> list[str]:
    """`text` in lines of at most `width` cells, broken between words only (a word too
    long for a line keeps a line of its own, cut later by `fit`)."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if current and cell_len(candidate) > width:
            lines.append(current)
            candidate = word
        current = candidate
    if current:
        lines.append(current)
    return lines
