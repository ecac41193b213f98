"""The Agenda's "Logged today": a table in the tab order, with its own cursor and
scrolling, whose columns share the width by what their cells need.

It was a passive table capped at a few rows: `Logged today (13)` showed 8 of them and
no key reached the rest. Its text columns share the width as every InteractionTable's
do (`InteractionTable.fit`), its time entries' and referrals' rows too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from netrack.screens.agenda_rows import Row
from netrack.widgets.interactions import InteractionTable

if TYPE_CHECKING:
    from netrack.domain.entries import Interaction
    from netrack.domain.insights import Agenda
    from netrack.listing import Labels


def logged_targets(agenda: Agenda, labels: Labels, campaigns: Labels) -> dict[str, Row | None]:
    """What enter opens and `l` logs with on each row of "Logged today", by its key:
    an interaction's (first) contact, a referral's contact, a time entry's campaign
    (None: a time entry on no campaign, and an interaction with nobody, on none)."""
    targets: dict[str, Row | None] = {}
    for item in agenda.logged_today:
        if item.contact_ids:
            name = item.contact_names[0] if item.contact_names else ""
            first = labels.get(item.contact_ids[0], name)
            targets[str(item.id)] = Row("contact", item.contact_ids[0], first, ())
        elif item.campaign_id is not None:
            named = campaigns.get(item.campaign_id, item.campaign_name)
            targets[str(item.id)] = Row("campaign", item.campaign_id, named, ())
        else:
            targets[str(item.id)] = None
    for entry in agenda.time_logged_today:
        targets[f"time:{entry.id}"] = (
            Row("campaign", entry.campaign_id,
                campaigns.get(entry.campaign_id, entry.campaign_name), ())
            if entry.campaign_id is not None
            else None
        )  # fmt: skip
    for referral in agenda.referrals_logged_today:
        name = labels.get(referral.contact_id, referral.contact_name)
        targets[f"referral:{referral.id}"] = Row("contact", referral.contact_id, name, ())
    return targets


class LoggedToday(InteractionTable):
    """ "Logged today" on the Agenda: a row cursor over every entry (interactions, then
    time entries and referrals), `targets` saying what each row's enter and `l` act on."""

    def __init__(self) -> None:
        super().__init__(id="today-table")
        self.add_class("agenda-list")  # a list beside the follow-ups, for enter and `l`
        self.targets: dict[str, Row | None] = {}

    def show(self, items: list[Interaction], *args: Any, **kwargs: Any) -> None:
        # By key: InteractionTable keeps a cursor on an interaction only, and a reload
        # (any write, every second or so) sent one on a time entry back to the top.
        keep, row = self.cursor_key(), self.cursor_row
        super().show(items, *args, **kwargs)
        self.cursor_back(keep, row)

    def target(self) -> Row | None:
        """The contact or campaign of the row under the cursor (None: none to act on)."""
        key = self.cursor_key()
        return self.targets.get(key) if key is not None else None
