"""The Agenda's rows as text: follow-ups, and the lists beside them (keep in touch,
deadlines, going cold, stalled campaigns), each row naming the contact or campaign that
enter opens and `l` logs with."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar

from rich.text import Text

from netrack.domain.entries import FollowUp, Interaction, Referral, TimeEntry
from netrack.domain.insights import NO_ACTIVE_CAMPAIGNS
from netrack.listing import (
    NO_LABELS,
    Labels,
    campaign_named,
    people,
    referral_kind,
    time_kind,
)
from netrack.widgets.campaign_name import CampaignName
from netrack.widgets.interactions import campaign_note
from netrack.widgets.last_column import capped, ellipsized
from netrack.widgets.literal import literal
from netrack.widgets.text import short_day, words
from netrack.widgets.urgency import DUE_TODAY, LATE

if TYPE_CHECKING:
    from netrack.domain.cadence import Deadline, TouchDue
    from netrack.domain.card import GoingCold, Stalled
    from netrack.domain.insights import Agenda

K = TypeVar("K")
R = TypeVar("R")

NOTHING_DUE = "Nothing due. Add a follow-up with fu:DATE when you log (l)."
# `d` with the follow-ups empty: the agenda lists those due within 7 days.
NONE_TO_MARK = "No follow-up due in the next 7 days: nothing to mark done."
NOTHING_LOGGED = "Nothing logged today. Press l: @name #coffee 45m !"
# A log names contacts: with none yet, `l` could only say "no contact matches".
NOBODY_TO_LOG = (
    "Nothing logged today, and no contacts yet: press 2 then n to add one "
    "(or ctrl+p, New contact…), then l: @name #coffee 45m !"
)
NOBODY_DUE = "nobody due this week (set a cadence: e on a contact, every N days)"
# … where cadences are set already: how to set one is no news.
NOBODY_DUE_OF = "nobody due this week ({count} with a cadence)"
NO_DEADLINE = "no deadline in the next 7 days"
NOBODY_COLD = "nobody: your warm contacts are warm"
NOTHING_STALLED = "none: every open campaign moved or was touched in the last {days}"


@dataclass(frozen=True, slots=True)
class Row:
    """One line of a list beside the follow-ups: what it is about (a contact or a
    campaign, by id and name, for enter and `l`) and its cells: how late or idle, a
    short word on it, and the name last, cut with "…" where the box ends."""

    about: Literal["contact", "campaign"]
    id: int
    name: str
    cells: tuple[Text | CampaignName, ...]


def due_label(item: FollowUp, today: date) -> Text:
    days = (item.due - today).days
    if days < 0:
        return Text(f"{-days}d overdue", style=LATE)
    if days == 0:
        return Text("today", style=DUE_TODAY)
    return Text(f"in {days}d", style="dim")


# The follow-ups' "with" column at most (cells): beside due, when and from, a wider one
# left a 72-column box no room for the note.
WITH = 20


def due_cells(item: FollowUp, today: date, labels: Labels) -> tuple[str | Text, ...]:
    """A follow-up's row: due, how late (or soon), with whom, from what, its note.

    The dates month-day: with ISO dates the five columns left the note no room at 120
    columns (an old follow-up's "2026-02-19 … in person 2026-02-10" pushed it past the
    edge). How far the due day is, "281d overdue", is said beside it; the day it came
    from is near its due day, and has its year only when half a year or more before it.
    """
    origin = short_day(item.origin_on, item.due, "%m-%d")
    return (
        format(item.due, "%m-%d"),
        due_label(item, today),
        capped(literal(people(item.contact_ids, item.contact_names, labels)), WITH),
        ellipsized(Text(f"{words(item.kind.value)} {origin}", style="dim")),
        ellipsized(literal(item.note)),
    )


def days_text(late: int, past: str = "overdue") -> Text:
    """`3d overdue` (late), `today` (due) or `in 2d` (dim) for a day `late` days ago."""
    if late > 0:
        return Text(f"{late}d {past}", style=LATE)
    if late == 0:
        return Text("today", style=DUE_TODAY)
    return Text(f"in {-late}d", style="dim")


def logged_day(item: Interaction | TimeEntry | Referral, today: date) -> Text:
    """The date cell of "Logged today": `today`, or the day a back-dated entry happened
    (`Tue 11-24`, `2025-12-29` in another year), so an entry logged today about Tuesday
    says so."""
    if item.on == today:
        return Text("today")
    if item.on.year != today.year:  # the year in the column's 10 cells, for the weekday
        return Text(item.on.isoformat(), style="yellow")
    return Text(f"{item.on:%a %m-%d}", style="yellow")


def logged_others(
    agenda: Agenda, labels: Labels = NO_LABELS, campaigns: Labels = NO_LABELS
) -> list[tuple[str, tuple[Text, ...]]]:
    """ "Logged today" after the interactions: the time entries, then the referrals, as
    rows of `InteractionTable`'s columns (date, kind, with, min, !, campaign · note), the
    kind in the CLI's words ("time: search", "referral in")."""
    today = agenda.today

    rows: list[tuple[str, tuple[Text, ...]]] = [
        (
            f"time:{e.id}",
            (
                logged_day(e, today),
                Text(time_kind(e)),
                Text(""),
                Text(str(e.minutes), justify="right"),
                Text(""),
                ellipsized(
                    campaign_note(campaign_named(campaigns, e.campaign_id, e.campaign_name), e.note)
                ),
            ),
        )
        for e in agenda.time_logged_today
    ]
    rows += [
        (
            f"referral:{r.id}",
            (
                logged_day(r, today),
                Text(referral_kind(r)),
                capped(literal(labels.get(r.contact_id, r.contact_name))),
                Text(""),
                Text(""),
                ellipsized(
                    campaign_note(campaign_named(campaigns, r.campaign_id, r.campaign_name), r.note)
                ),
            ),
        )
        for r in agenda.referrals_logged_today
    ]
    return rows


def _row(
    about: Literal["contact", "campaign"], id_: int, name: str, when: Text, word: str, shown: str
) -> Row:
    """A list's row: how late or idle, a dim word on it, the name as shown, cut with
    "…" where the box ends."""
    return Row(about, id_, name, (when, Text(word, style="dim"), ellipsized(literal(shown))))


def _campaign_row(id_: int, name: str, when: Text, word: str, shown: str, org: str) -> Row:
    """A list's row about a campaign: as `_row`, the name cut organization first where
    the box ends (`CampaignName`), so twins and long organizations stay told apart."""
    return Row("campaign", id_, name, (when, Text(word, style="dim"), CampaignName(shown, org)))


def _idle(days: int) -> Text:
    return Text(f"{days:>4}d", style="yellow")


class RowMemo(Generic[K, R]):
    """The rows a list was last shown with, by the item each shows and the name it
    shows it by: a show after a write makes only the rows of what changed. Making all
    of them took ~0.3 s for a ten-times history's 14,000 going cold."""

    def __init__(self) -> None:
        self._made: dict[tuple[K, object], R] = {}

    def rows(
        self, items: Iterable[K], named: Callable[[K], object], make: Callable[[K, Any], R]
    ) -> list[R]:
        """`make(item, named(item))` of each of `items`, or the row made for them last."""
        made: dict[tuple[K, object], R] = {}
        rows = []
        for item in items:
            name = named(item)
            row = self._made.get((item, name))
            if row is None:
                row = make(item, name)
            made[item, name] = row
            rows.append(row)
        self._made = made
        return rows


def touch_row(r: TouchDue, shown: str) -> Row:
    """Keep in touch: how overdue (or in how many days due), the cadence, the name."""
    return _row("contact", r.id, r.name, days_text(r.days_overdue), f"every {r.every}d", shown)


def deadline_row(r: Deadline, shown: str) -> Row:
    """Deadlines: how far (or how long past), the stage, the campaign ("Acme Eng [id:2]"
    where another has its name)."""
    return _campaign_row(
        r.id, r.name, days_text(-r.days_left, "past due"), r.stage.value, shown, r.organization
    )


def cold_row(r: GoingCold, shown: str) -> Row:
    """Going cold: days idle, strength (or cadence), the name."""
    word = f"every {r.keep_in_touch}d" if r.keep_in_touch else f"●{r.strength or '—'}"
    return _row("contact", r.id, r.name, _idle(r.days_idle), word, shown)


def stalled_row(r: Stalled, shown: str) -> Row:
    """Stalled campaigns: days idle, the stage, the campaign (as `deadline_row`)."""
    return _campaign_row(r.id, r.name, _idle(r.days_idle), r.stage.value, shown, r.organization)


def touch_rows(
    agenda: Agenda, labels: Labels = NO_LABELS, memo: RowMemo[Any, Row] | None = None
) -> list[Row]:
    return (memo or RowMemo()).rows(
        agenda.keep_in_touch, lambda r: labels.get(r.id, r.name), touch_row
    )


def deadline_rows(
    agenda: Agenda, campaigns: Labels = NO_LABELS, memo: RowMemo[Any, Row] | None = None
) -> list[Row]:
    return (memo or RowMemo()).rows(
        agenda.deadlines, lambda r: campaigns.get(r.id, r.name), deadline_row
    )


def cold_rows(
    agenda: Agenda, labels: Labels = NO_LABELS, memo: RowMemo[Any, Row] | None = None
) -> list[Row]:
    return (memo or RowMemo()).rows(agenda.going_cold, lambda r: labels.get(r.id, r.name), cold_row)


def stalled_rows(
    agenda: Agenda, campaigns: Labels = NO_LABELS, memo: RowMemo[Any, Row] | None = None
) -> list[Row]:
    return (memo or RowMemo()).rows(
        agenda.stalled, lambda r: campaigns.get(r.id, r.name), stalled_row
    )


def warnings_text(agenda: Agenda) -> Text:
    """Pipeline gaps, above the stalled campaigns: what to act on first."""
    text = Text()
    for warning in agenda.warnings:
        text.append("! ", style="bold red")
        text.append_text(literal(warning))
        if warning == NO_ACTIVE_CAMPAIGNS:  # the domain's words serve the CLI too: no keys
            text.append(" (press 1 then n)", style="bold")
        text.append("\n")
    text.rstrip()
    return text
