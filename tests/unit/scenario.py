"""Building blocks for hand-worked scorecard scenarios (plain facts, no database)."""

from __future__ import annotations

from datetime import date

from netrack.domain.facts import CampaignFacts, StageEvent
from netrack.domain.models import Stage


def d(text: str) -> date:
    return date.fromisoformat(text)


def campaign(cid: int, *moves: tuple[str, str], source: str | None = None) -> CampaignFacts:
    """A campaign from (date, stage) moves; the first one opens it."""
    events = []
    previous: Stage | None = None
    for on, stage in moves:
        events.append(StageEvent(d(on), previous, Stage(stage)))
        previous = Stage(stage)
    return CampaignFacts(cid, d(moves[0][0]), source, tuple(events), f"Org{cid} Role{cid}")
