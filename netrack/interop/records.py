"""What importers hand to the store, and what the store reports back.

Parsers turn a file into these plain records (with the line each came from, for messages);
`store` matches and writes them. Nothing here touches SQLite.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from netrack.domain.errors import InputError


@dataclass(slots=True)
class Person:
    """A contact as an import file describes it. Lists keep every email / url the file
    gave, for matching; the first one is the one stored."""

    name: str
    line: int
    organization: str = ""
    title: str = ""
    function: str = ""
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)
    notes: str = ""
    met_on: date | None = None
    channel: str | None = None
    tags: list[str] = field(default_factory=list)
    industry: str = ""
    location: str = ""
    strength: int | None = None
    archived: bool = False


@dataclass(slots=True)
class OrgRecord:
    name: str
    line: int
    industry: str = ""
    size_band: str = ""
    location: str = ""
    notes: str = ""


@dataclass(slots=True)
class Tally:
    """Counts for one kind of thing (contacts, organizations …) and why rows were skipped."""

    added: int = 0
    updated: int = 0
    skipped: Counter[str] = field(default_factory=Counter)

    def skip(self, reason: str) -> None:
        self.skipped[reason] += 1

    @property
    def skipped_total(self) -> int:
        return sum(self.skipped.values())

    def phrase(self, noun: str) -> str:
        """'contacts: 3 added, 1 updated, 2 skipped (already in netrack: 2)'."""
        text = f"{noun}: {self.added} added, {self.updated} updated, {self.skipped_total} skipped"
        if self.skipped:
            reasons = ", ".join(f"{why}: {n}" for why, n in sorted(self.skipped.items()))
            text += f" ({reasons})"
        return text


def summary(source: Path, tallies: dict[str, Tally]) -> str:
    """One line per kind of thing that moved, headed by the file's name."""
    lines = [f"imported {source.name}:"]
    for noun, tally in tallies.items():
        if tally.added or tally.updated or tally.skipped or noun == "contacts":
            lines.append(f"  {tally.phrase(noun)}")
    return "\n".join(lines)


def located(source: Path, line: int, message: str) -> InputError:
    """An InputError that names the file and the line, the way compilers do."""
    return InputError(f"{source}:{line}: {message}")
