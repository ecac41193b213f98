"""What a write did, in the words the CLI prints and the TUI shows: one wording for both."""

from __future__ import annotations

from netrack.domain.models import Interaction


def describe_interaction(entry: Interaction, verb: str = "logged") -> str:
    """'logged in person with Ana López, Raj Patel on 2026-11-26 · 45m · for Acme
    Platform · meaningful · follow up 2026-12-01' (optional parts only when set)."""
    kind = entry.kind.value.replace("_", " ")
    parts = [f"{verb} {kind} with {', '.join(entry.contact_names)} on {entry.on.isoformat()}"]
    if entry.minutes:
        parts.append(f"{entry.minutes}m")
    if entry.campaign_name:
        parts.append(f"for {entry.campaign_name}")
    if entry.meaningful:
        parts.append("meaningful")
    if entry.follow_up_on:
        parts.append(f"follow up {entry.follow_up_on.isoformat()}")
    return " · ".join(parts)
