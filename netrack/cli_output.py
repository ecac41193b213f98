"""What the command line prints: text that is safe for any terminal.

Names and notes come from people and imported files; printed raw, an ESC sequence in a
name could retitle, recolour or clear the user's terminal. Every line netrack prints goes
through `say` or `error`, which show control characters (`netrack.domain.visible`).
"""

from __future__ import annotations

import sys
from typing import TextIO

from netrack.domain.visible import visible


def tolerant_streams() -> None:
    """A terminal whose encoding lacks `·` or `→` gets a stand-in, not a crash."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")


def say(text: str, stream: TextIO | None = None) -> None:
    """Print `text` (lines kept) with every control character made visible."""
    print(visible(text, multiline=True), file=stream or sys.stdout)


def error(text: str) -> None:
    """One line on standard error, control characters (newlines included) made visible."""
    print(visible(text), file=sys.stderr)
