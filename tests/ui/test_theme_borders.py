"""The panels' frames read on a light theme as on the dark default: lightened like the
dark themes', they were drawn near white on the light themes' near-white screens (the
Scorecard, the Agenda and the detail pages lost every frame)."""

from __future__ import annotations

from textual.color import Color
from textual.theme import BUILTIN_THEMES
from textual.widget import Widget

from tests.ui.conftest import settle

# The palette's light themes drawn in true colours (an ANSI theme's are the terminal's).
LIGHT = [
    name for name, theme in BUILTIN_THEMES.items() if not theme.dark and not name.startswith("ansi")
]
# About what the dark default's frames have (2.27): below it a frame is hard to make out.
LEAST_CONTRAST = 2.0
FRAMED = ".box, #agenda-due"


def luminance(colour: Color) -> float:
    """WCAG 2's relative luminance: 0 black to 1 white."""

    def linear(channel: int) -> float:
        value = channel / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(colour.r) + 0.7152 * linear(colour.g) + 0.0722 * linear(colour.b)


def contrast(one: Color, other: Color) -> float:
    """WCAG's contrast ratio of two colours, 1 (the same) to 21 (black on white)."""
    lighter, darker = sorted((luminance(one), luminance(other)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def faint_frames(app) -> list[str]:
    """The shown frames whose colour is too near the colour behind them."""
    faint = []
    for widget in app.screen.query(FRAMED).results(Widget):
        if not widget.display:
            continue
        kind, colour = widget.styles.border_top
        behind = widget.background_colors[1]
        shown = behind + colour  # a colour with alpha as it lands on the screen
        ratio = contrast(shown, behind)
        if kind and ratio < LEAST_CONTRAST:
            faint.append(f"{app.theme} {widget.id}: {shown.hex} on {behind.hex} ({ratio:.2f})")
    return faint


async def test_every_frame_reads_on_the_light_themes_and_the_dark_default(app, demo_repo):
    campaign = max(demo_repo.campaigns.all(), key=lambda c: len(demo_repo.campaigns.history(c.id)))
    contact = max(
        demo_repo.contacts.all(),
        key=lambda c: len(demo_repo.activity.interactions(contact_id=c.id)),
    )
    async with app.run_test(size=(120, 40)) as pilot:
        faint: list[str] = []
        for page in ("3", "4", "contact", "campaign"):
            if page == "contact":
                app.open_contact(contact.id)
            elif page == "campaign":
                app.open_campaign(campaign.id)
            else:
                await pilot.press(page)
            await settle(pilot)
            assert app.screen.query(FRAMED), app.screen  # the page has frames to read
            for theme in [*LIGHT, "textual-dark"]:  # chosen from the palette, as a user does
                app.theme = theme
                await settle(pilot)
                faint += faint_frames(app)
        assert not faint, "\n".join(faint)
