"""A campaign's name in a column narrower than it: the organization gives way first, then
the title, and a twin's " [id:N]" stays whole.

Cut at its end, "Northwind Analytics Senior Data Engineer [id:1]" and its twin [id:2]
both read "Northwind Analytics Seni…", as did three campaigns at one long-named
organization: the part that tells campaigns apart was the part cut.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.measure import Measurement
from rich.text import Text

from netrack.widgets.literal import visible
from netrack.widgets.text import cut

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderResult

ORGANIZATION_LEAST = 2  # "N…": the organization gives way down to its first letter
TITLE_LEAST = 4  # "Se…" and narrower says nothing: the whole name is cut at its end


def _cut(text: str, cells: int) -> str:
    """`text` in at most `cells` cells, ending in "…" where cut between whole graphemes."""
    return cut(Text(text), cells).plain


def fitted(shown: str, organization: str, cells: int) -> str:
    """`shown` ("Org Title" or "Org Title [id:N]") in at most `cells` cells: whole if it
    fits, else the organization cut, then the title too, a twin's marker kept whole."""
    shown, organization = visible(shown), visible(organization)
    if cell_len(shown) <= cells:
        return shown
    if not organization or not shown.startswith(f"{organization} "):
        return _cut(shown, cells)  # no organization known to give way
    rest = shown[len(organization) + 1 :]
    title, marker, number = rest.rpartition(" [id:")
    twin = f"{marker}{number}" if marker and number.endswith("]") else ""
    title = title if twin else rest
    room = cells - 1 - cell_len(twin)  # for the organization, a space and the title
    if room - cell_len(title) >= ORGANIZATION_LEAST:
        return f"{_cut(organization, room - cell_len(title))} {title}{twin}"
    if room - ORGANIZATION_LEAST >= TITLE_LEAST:
        head = _cut(organization, ORGANIZATION_LEAST)
        return f"{head} {_cut(title, room - ORGANIZATION_LEAST)}{twin}"
    return _cut(shown, cells)


class CampaignName:
    """A table cell naming a campaign, fitted to the width it is given (`fitted`): one
    helper for every list that names campaigns in a column that may be narrow."""

    def __init__(self, shown: str, organization: str, style: str = "") -> None:
        self.shown = shown
        self.organization = organization
        self.style = style

    def __eq__(self, other: object) -> bool:
        # Equal cells let a list refilled with the same rows keep them (`LastColumnFills.refill`)
        if not isinstance(other, CampaignName):
            return NotImplemented
        return (self.shown, self.organization, self.style) == (
            other.shown,
            other.organization,
            other.style,
        )

    __hash__ = None  # type: ignore[assignment]  # mutable, compared by value

    @property
    def plain(self) -> str:
        """The name uncut, as a `Text` cell's `plain` reads."""
        return visible(self.shown)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement(1, cell_len(visible(self.shown)))

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        text = Text(fitted(self.shown, self.organization, options.max_width), style=self.style)
        text.no_wrap = True
        yield text
