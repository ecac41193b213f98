"""User text on screen: shown as typed, never read as markup, control characters visible.

Rich already treats `Text(...)` as literal, but control characters pass through it (ESC
would reach the terminal) or vanish silently (BEL, CR): `literal()` shows them with the
stand-ins of `netrack.domain.visible`, which the CLI uses too.
"""

from __future__ import annotations

from rich.text import Text

from netrack.domain.visible import typeable, visible

__all__ = ["literal", "typeable", "visible"]


def literal(text: str, style: str = "", multiline: bool = False) -> Text:
    """A `Text` that shows `text` exactly, control characters made visible."""
    return Text(visible(text, multiline), style=style)
