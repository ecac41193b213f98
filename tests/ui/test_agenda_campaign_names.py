"""Agenda at 120x40: the Deadlines and Stalled campaigns boxes name campaigns in a column
narrower than their names. Cut at the end, two twins both read "Northwind Analytics
Seni…" and three campaigns at one long-named organization read the same: the
organization gives way first, the title and a twin's [id:N] stay."""

from __future__ import annotations

from datetime import timedelta

from netrack.screens.agenda import AgendaScreen
from tests.ui.conftest import screen_text, settle

LONG_ORG = "Acme Holdings International Incorporated"


async def test_narrow_lists_keep_what_tells_campaigns_apart(app, repo, today):
    old = today - timedelta(days=90)
    titles = ("Lead Engineer", "Lead Designer", "Lead Analyst")
    for days, title in enumerate(titles, start=1):
        campaign = repo.campaigns.add(title, LONG_ORG, opened_on=old)
        repo.campaigns.update(campaign.id, deadline=today + timedelta(days=days))
    for days in (4, 5):
        twin = repo.campaigns.add("Senior Data Engineer", "Northwind Analytics", opened_on=old)
        repo.campaigns.update(twin.id, deadline=today + timedelta(days=days))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("4")
        await settle(pilot)
        assert isinstance(app.screen, AgendaScreen)
        lines = screen_text(app).splitlines()

    def box(title: str) -> list[str]:
        """The lines of the box titled `title`, its own part of each screen line."""
        top = next(i for i, line in enumerate(lines) if f"─ {title} (" in line)
        left = lines[top].rindex("╭", 0, lines[top].index(f"─ {title} ("))
        right = lines[top].index("╮", left)
        return [line[left : right + 1] for line in lines[top + 1 : top + 6]]

    for name in ("Deadlines", "Stalled campaigns"):
        ends = [line.rstrip("│ ") for line in box(name)]
        # each title whole at its row's end; the twins' markers, after their title
        for told in (*titles, "[id:4]", "[id:5]"):
            assert sum(end.endswith(told) for end in ends) == 1, (told, ends)
        assert all("Senior Data E" in end for end in ends if "[id:" in end), ends
        # the organization was cut, not the title: "…" before a title
        assert any("… Lead" in end for end in ends), ends
