"""Completing the last `@name`, `+campaign` or `#kind` of a quick-log line (pure, no
widgets). A sigil alone (`#` then tab) cycles through everything it can name."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from netrack.widgets.literal import typeable

Finder = Callable[..., list[tuple[int, str]]]


@dataclass(frozen=True, slots=True)
class Completion:
    """The line with its last name token replaced by `options[index]`."""

    head: str
    sigil: str
    options: tuple[str, ...]
    index: int = 0

    @property
    def result(self) -> str:
        # A name with control characters goes in as its longest clean run: it still
        # resolves, and nothing unprintable reaches the input (or the terminal).
        name = typeable(self.options[self.index])
        token = f'{self.sigil}"{name}"' if any(c.isspace() for c in name) else self.sigil + name
        return f"{self.head}{token} "

    def next(self) -> Completion:
        return Completion(self.head, self.sigil, self.options, (self.index + 1) % len(self.options))


def last_token(line: str) -> tuple[str, str]:
    """(everything before the last token, the last token); a quoted token keeps spaces."""
    quote = line.rfind('"')
    if line.count('"') % 2 == 1 and quote > 0 and line[quote - 1] in "@+":
        return line[: quote - 1], line[quote - 1 :]
    cut = max(line.rfind(" "), line.rfind("\t")) + 1
    return line[:cut], line[cut:]


def complete(
    line: str,
    names: Sequence[tuple[int, str]],
    campaigns: Sequence[tuple[int, str]],
    finder: Finder,
    kinds: Sequence[tuple[int, str]] = (),
) -> Completion | None:
    """A completion of the token at the end of `line`, or None if it is not a name."""
    head, token = last_token(line)
    if not token or token[0] not in "@+#":
        return None
    sigil, query = token[0], token[1:].strip('"')
    if sigil == "#" and token[1:2] == '"':
        return None  # a quoted kind is note text to the parser
    pool = {"@": names, "+": campaigns, "#": kinds}[sigil]
    found = finder(query, pool, dashes_are_spaces=True) if query else list(pool)
    if not found:
        return None
    return Completion(head, sigil, tuple(name for _, name in found))
