"""A field's suggestion of a known name, matched as names resolve: case and accents
folded (`zoe` suggests Zoë Adler, `isma` İsmail Kaya, `societe` Société Générale).

Textual's Input draws a suggestion as the text after the typed one's length, and → makes
the field hold the suggestion. Folding may change a name's length (ß is ss, ﬁ is fi), so
the field is given two texts for one name: what it draws (`Offer.drawn`) and what → takes
(`Offer.taken`, the name as stored; `OrderedInput` asks for it)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual.suggester import Suggester

from netrack.domain.name_folding import fold

# Drawn before a whole name where no part of it is the rest of the typed text ("stras"
# ends inside the ß of Straße): the name whole, after the sign → takes it by.
WHOLE = " → "


@dataclass(frozen=True, slots=True)
class Offer:
    drawn: str  # the typed text, then the rest of the name (or WHOLE and the name)
    taken: str  # the field's text once → accepts: the name as it is stored


def folded_prefix(text: str) -> str:
    """`text` folded, keeping a space it ends with: "zoe " is the start of "Zoë Adler"
    and not of "Zoëlle"."""
    folded = fold(text)
    return f"{folded} " if folded and text[-1:].isspace() else folded


def rest_of(name: str, typed: str) -> str | None:
    """What follows the part of `name` that `typed` spells, as names compare; None when
    `typed` ends inside one of the name's letters (ß, ﬁ) and no part of it does."""
    wanted = folded_prefix(typed)
    for end in range(len(name) + 1):
        if folded_prefix(name[:end]) == wanted:
            # Past the marks that fold away (a decomposed ë's diaeresis), never a space.
            while (
                end < len(name)
                and not name[end].isspace()
                and folded_prefix(name[: end + 1]) == wanted
            ):
                end += 1
            return name[end:]
    return None


class NameSuggester(Suggester):
    """Suggests the first of `names` that starts with the text typed, as names compare.
    `listed`: the field holds several, comma separated; the name after the last comma
    is the one suggested, the ones before it kept as typed."""

    def __init__(self, names: Sequence[str], listed: bool = False) -> None:
        super().__init__(case_sensitive=True)  # folded here, accents too
        self._names = list(names)
        self._folded = [fold(name) for name in self._names]
        self._listed = listed

    def offer(self, value: str) -> Offer | None:
        head, comma, last = value.rpartition(",") if self._listed else ("", "", value)
        typed = last.lstrip()
        wanted = folded_prefix(typed)
        if not wanted:
            return None
        for name, folded in zip(self._names, self._folded, strict=True):
            if folded.startswith(wanted):
                rest = rest_of(name, typed)
                drawn = value + rest if rest is not None else value + WHOLE + name
                return Offer(drawn, f"{head}{comma}{last[: len(last) - len(typed)]}{name}")
        return None

    async def get_suggestion(self, value: str) -> str | None:
        offer = self.offer(value)
        return offer.drawn if offer else None
