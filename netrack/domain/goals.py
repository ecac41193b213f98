"""The goals a new database starts with: what demo data and the JSON import compare a
database's goals against ("still the defaults?"). How a goal reads: `goal_words`."""

from __future__ import annotations

# (metric, target, comparator, period, note). Migration m001 keeps its own frozen copy:
# a migration writes what it wrote on the day it was made, whatever this list becomes.
DEFAULT_GOALS: tuple[tuple[str, float, str, str, str], ...] = (
    ("active_campaigns", 5, "at_least", "week", "a pipeline wide enough to survive a setback"),
    ("meaningful_contacts", 8, "at_least", "week", "real conversations move a search"),
    ("face_to_face", 2, "at_least", "week", "meetings tied to a campaign"),
    ("hours_busywork", 5, "at_most", "week", "busywork feels like progress but is not"),
)


def number_text(value: float) -> str:
    """A goal's target as typed: `8`, `12.5`, `1000000`, never `1e+06` (`:g` turns to
    exponents at a million, and an edit form showing that would save it back so)."""
    return f"{value:.4f}".rstrip("0").rstrip(".")
