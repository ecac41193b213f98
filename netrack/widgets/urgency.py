"""How urgency looks on every screen, defined once: what is late (an overdue follow-up or
touch, a missed goal, a deadline reached) against what is due today.

Without colour it must still stand out: Textual's NO_COLOR filter keeps only a colour's
brightness, and red on the dark theme became dark grey on dark grey, the most urgent line
the faintest. So late is bright bold text on a red band (a grey band in monochrome). The
colours are RGB, not the names "red" and "yellow": Textual turns those into its theme's
pink and orange, which a 16-colour terminal (`TERM=xterm`) shows as magenta and bright
red. These come down to white on red and bright yellow there.
"""

from __future__ import annotations

from rich.style import Style

LATE = Style(bold=True, color="#ffffff", bgcolor="#d70000")
DUE_TODAY = Style(bold=True, color="#ffd700")
UPCOMING = Style(color="#ffd700")  # a follow-up still to come: seen, not alarming
