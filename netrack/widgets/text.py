"""Small renderables shared by screens: titled boxes, interaction tables, bars."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Sequence
from datetime import date

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.text import Text
from textual.widgets import Static

from netrack.domain.visible import is_emoji

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


_JOINER = "\u200d"
_REGIONAL = ("\U0001f1e6", "\U0001f1ff")  # a flag is two of these


def _extends(char: str) -> bool:
    """Whether `char` is drawn with the character before it, never alone: a combining
    mark, a variation selector (VS16 asks for the emoji picture), a skin tone, an emoji
    tag (a subdivision's flag), a zero-width joiner."""
    point = ord(char)
    return (
        char == _JOINER
        or unicodedata.category(char) in ("Mn", "Me", "Mc")
        or 0xFE00 <= point <= 0xFE0F
        or 0xE0100 <= point <= 0xE01EF
        or 0x1F3FB <= point <= 0x1F3FF
        or 0xE0020 <= point <= 0xE007F
    )


def graphemes(text: str) -> Iterator[str]:
    """`text` in the pieces a terminal draws as one: a character with the marks,
    selectors and tones that follow it; emoji joined by a zero-width joiner (👨‍👩‍👧‍👦);
    the two letters of a flag (🇫🇷). What a cut must never split."""
    cluster = ""
    for char in text:
        joined = cluster.endswith(_JOINER) and is_emoji(char)
        flag = len(cluster) == 1 and all(_REGIONAL[0] <= c <= _REGIONAL[1] for c in cluster + char)
        if cluster and (_extends(char) or joined or flag):
            cluster += char
            continue
        if cluster:
            yield cluster
        cluster = char
    if cluster:
        yield cluster


def head(text: str, cells: int) -> str:
    """The longest start of `text` in at most `cells` terminal cells, cut between whole
    graphemes: a family emoji cut after its first person left a joiner dangling
    before the "…", and an accent cut from its letter would sit on the next character."""
    taken: list[str] = []
    used = 0
    for cluster in graphemes(text):
        used += cell_len(cluster)
        if used > cells:
            # A joiner at the cut joins what is no longer there ("Zero\u200dWidth").
            return "".join(taken).rstrip(_JOINER)
        taken.append(cluster)
    return text


def cut(text: Text, cells: int, *, ellipsis: bool = True, pad: bool = False) -> Text:
    """A copy of `text` in at most `cells` cells, its styles kept, cut between whole
    graphemes (`head`) and ending in "…" where cut (`ellipsis`); `pad`: filled with
    spaces to `cells`. Rich's `Text.truncate` measures each half of a flag as a cell of
    its own and left a lone "🇩" before the "…"."""
    shown = text.copy()
    if cell_len(shown.plain) > cells:
        room = max(cells - 1, 0) if ellipsis else cells
        # As Rich's own cut: the "…" takes the style running through the cut.
        shown.plain = head(shown.plain, room) + ("…" if ellipsis and cells > 0 else "")
    if pad:
        shown.pad_right(max(cells - cell_len(shown.plain), 0))
    return shown


def fit(text: str, width: int) -> str:
    """One line of at most `width` terminal cells, with an ellipsis when cut.

    Measured in cells, not characters: a CJK character or an emoji takes two; cut
    between whole graphemes (`head`).
    """
    if cell_len(text) <= width:
        return text
    if width <= 0:
        return ""
    return head(text, width - 1).rstrip() + "…"


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
