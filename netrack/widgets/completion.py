"""Completing the last `@name`, `+campaign` or `#kind` of a quick-log line (pure, no
widgets). A sigil alone (`#` then tab) cycles through everything it can name."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from rich.cells import cell_len

from netrack.domain.visible import quoted_ref, visible

Finder = Callable[..., list[tuple[int, str]]]
NOTHING: Mapping[int, str] = {}


@dataclass(frozen=True, slots=True)
class Completion:
    """The line with its last name token replaced by `options[index]` (key, name);
    `tags`: a word the choices list after each name ("lost"), "" for none."""

    head: str
    sigil: str
    options: tuple[tuple[int, str], ...]
    index: int = 0
    tags: tuple[str, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """The choices as the bar lists them: "Acme Eng [id:1] (lost)"."""
        tags = self.tags or ("",) * len(self.options)
        return tuple(
            f"{name} ({tag})" if tag else name
            for (_, name), tag in zip(self.options, tags, strict=True)
        )

    @property
    def result(self) -> str:
        key, name = self.options[self.index]
        if self.sigil == "#":  # a kind: one plain word, and a quoted one is note text
            return f"{self.head}#{name} "
        # A name the grammar cannot read back whole (a `"` in it, control characters)
        # goes in as its id: quoted, `"Dana "DJ" Jones"` named another Dana.
        ref = quoted_ref(name, key)
        if ref.startswith('"') and not any(c.isspace() for c in ref):
            ref = ref[1:-1]  # one word, typed as a person would
        return f"{self.head}{self.sigil}{ref} "

    def next(self) -> Completion:
        following = (self.index + 1) % len(self.options)
        return Completion(self.head, self.sigil, self.options, following, self.tags)


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
    twins: Mapping[int, str] = NOTHING,
    closed: Mapping[int, str] = NOTHING,
) -> Completion | None:
    """A completion of the token at the end of `line`, or None if it is not a name.
    `twins`: campaign id → the label naming one of those that share a name ("Acme Eng
    [id:2]"); `closed`: campaign id → its closed stage, listed after a twin's label."""
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
    if sigil != "+":
        return Completion(head, sigil, tuple(found))
    # Matched on the shared name, as the line resolves it; written as the label, which
    # resolves to the one picked: "Acme Eng" alone named both and logged nothing.
    options = tuple((key, twins.get(key, name)) for key, name in found)
    tags = tuple(closed.get(key, "") if key in twins else "" for key, _ in found)
    return Completion(head, sigil, options, tags=tags)


def choices_line(names: Sequence[str], width: int) -> str:
    """ "tab: Ana López · Anand Rao · +3 more": the choices tab cycles through, as many
    whole names as fit in `width` cells and the count of those left (the edge cut one
    mid-name and hid how many there were); shown as text, control characters visible."""
    shown = [visible(name) for name in names]
    for count in range(len(shown), 0, -1):
        left = len(shown) - count
        line = "tab: " + " · ".join([*shown[:count], *([f"+{left} more"] if left else [])])
        if cell_len(line) <= width:
            return line
    return f"tab: {len(shown)} choices"
